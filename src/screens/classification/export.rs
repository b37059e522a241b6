//! The classification screen's state as data (`regscope snapshot --format json`):
//! `{"classification": {...}}` with the data, every model's last epoch (losses, accuracies, the
//! weights' norm, support scores) and each penalized model's path and cross-validation choices.
//! A public interface: fields are added, never renamed (README lists them).

use super::view::{support_scores, CvCurve, ModelState, PathView};
use super::{ModelId, Screen, MODELS};
use serde::Serialize;

#[derive(Serialize)]
struct ModelExport {
    /// `none`, `L2`, `L1`, `EN`.
    name: &'static str,
    /// Its lambda (`null` for the unregularized model) and its step on its own grid.
    lambda: Option<f64>,
    position: Option<usize>,
    l1_ratio: f64,
    epoch: usize,
    /// Mean log-loss and accuracy on the training and validation rows.
    train_loss: f64,
    val_loss: f64,
    train_accuracy: f64,
    val_accuracy: f64,
    /// `||w||_2` on the standardized scale.
    weight_norm: f64,
    nonzeros: usize,
    /// Of the nonzero weights, the share that is truly nonzero, and of the true ones, the share found.
    support_precision: Option<f64>,
    support_recall: Option<f64>,
    converged_at: Option<usize>,
    /// Stopped by the epoch limit without converging (on separable classes, the unregularized model).
    stopped_at_limit: bool,
    /// Stopped at the limit with its weights' norm still growing and 100% training accuracy: no
    /// minimizer (what the status marks `↑`).
    no_minimizer: bool,
    intercept: f64,
    weights: Vec<f64>,
}

#[derive(Serialize)]
struct CvExport {
    /// Positions on the model's grid and the lambdas there.
    i_min: usize,
    i_1se: usize,
    lambda_min: f64,
    lambda_1se: f64,
    mean: Vec<f64>,
    se: Vec<f64>,
}

#[derive(Serialize)]
struct PathExport {
    name: &'static str,
    l1_ratio: f64,
    /// Lambdas solved (of the grid's `grid_size`), and whether the path stopped early (separable).
    solved: usize,
    grid_size: usize,
    stopped_early: bool,
    lambdas: Vec<f64>,
    val_accuracy: Vec<f64>,
    /// Cross-validated deviance and misclassification error, or why there is none.
    cv_deviance: Option<CvExport>,
    cv_error: Option<CvExport>,
    cv_failure: Option<String>,
}

fn model(screen: &Screen, id: ModelId, state: &ModelState) -> ModelExport {
    let view = &screen.view;
    let last = state.last();
    let get = |f: fn(&crate::fit::logistic::train::ClassEpoch) -> f64| last.map_or(f64::NAN, f);
    let scores = support_scores(&state.weights, &view.data.truth);
    let m = id as usize;
    ModelExport {
        name: id.short(),
        lambda: screen.lambda(id),
        position: (id != ModelId::Unregularized).then_some(screen.settings.positions[m]),
        l1_ratio: id.penalty(1.0, screen.settings.l1_ratio).l1_ratio,
        epoch: last.map_or(0, |e| e.epoch),
        train_loss: get(|e| e.train_loss),
        val_loss: get(|e| e.val_loss),
        train_accuracy: get(|e| e.train_accuracy),
        val_accuracy: get(|e| e.val_accuracy),
        weight_norm: get(|e| e.weight_norm),
        nonzeros: state.nonzeros(),
        support_precision: scores.map(|s| s.0),
        support_recall: scores.map(|s| s.1),
        converged_at: state.converged_at,
        stopped_at_limit: state.converged_at.is_none() && !state.diverged && !state.training(),
        no_minimizer: state.no_minimizer(),
        intercept: state.intercept,
        weights: state.weights.clone(),
    }
}

fn cv(curve: Option<&CvCurve>, grid: &[f64]) -> Option<CvExport> {
    curve.map(|c| CvExport {
        i_min: c.i_min,
        i_1se: c.i_1se,
        lambda_min: grid[c.i_min],
        lambda_1se: grid[c.i_1se],
        mean: c.mean.clone(),
        se: c.se.clone(),
    })
}

fn path(id: ModelId, path: &PathView, grid: &[f64]) -> PathExport {
    use super::CvMeasure;
    PathExport {
        name: id.short(),
        l1_ratio: path.l1_ratio,
        solved: path.coefs.len(),
        grid_size: grid.len(),
        stopped_early: path.stopped_early,
        lambdas: grid[..path.coefs.len()].to_vec(),
        val_accuracy: path.val_accuracy.clone(),
        cv_deviance: cv(path.cv_curve(CvMeasure::Deviance), grid),
        cv_error: cv(path.cv_curve(CvMeasure::Error), grid),
        cv_failure: path.cv.as_ref().err().cloned(),
    }
}

/// The JSON of the classification screen.
pub fn json(screen: &Screen) -> serde_json::Value {
    let view = &screen.view;
    let data = &view.data;
    let models: Vec<ModelExport> = MODELS
        .iter()
        .zip(&view.models)
        .map(|(&id, state)| model(screen, id, state))
        .collect();
    let paths: Vec<PathExport> = MODELS
        .iter()
        .enumerate()
        .filter_map(|(m, &id)| Some(path(id, data.paths[m].as_ref()?, &data.grids[m])))
        .collect();
    serde_json::json!({
        "classification": {
            "scenario": data.preset.name(),
            "seed": data.seed,
            "n_train": data.n_train,
            "n_val": data.n_val,
            "p": data.feature_names.len(),
            "share_of_ones": data.share_of_ones,
            "truth": data.truth,
            "curves": match view.curves {
                super::Curves::LogLoss => "log-loss",
                super::Curves::Accuracy => "accuracy",
            },
            "cv_measure": match view.cv_measure {
                super::CvMeasure::Deviance => "deviance",
                super::CvMeasure::Error => "error",
            },
            "path_model": view.path_model.short(),
            "epoch": view.epoch(),
            "training": view.training(),
            "models": models,
            "paths": paths,
        }
    })
}
