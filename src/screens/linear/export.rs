//! The linear screen's state as data (`regscope snapshot --format json`): what the frame shows, as
//! numbers, for snapshot tests and scripts. Built from the settings and the view only, so it says
//! exactly what is drawn. A public interface: fields are added, never renamed (README lists them).

use super::model::{ModelId, MODELS};
use super::view::{ModelPath, ModelState, NextZero};
use super::Screen;
use serde::Serialize;

/// The linear screen: the models' lambdas, the four models, the exact paths.
#[derive(Serialize)]
struct LinearExport {
    /// Scenario or CSV file name.
    source: String,
    /// The lasso's current lambda, `None` before there is a grid (each model's is in `models`).
    lambda: Option<f64>,
    /// The lasso's position on its grid, from 0 (the top).
    lambda_index: usize,
    /// Every model's position on its own grid, in `models` order (the unregularized model's is 0).
    positions: [usize; 4],
    /// The elastic net's L1 share.
    l1_ratio: f64,
    epoch: usize,
    feature_names: Vec<String>,
    models: Vec<ModelExport>,
    /// The path the path panel shows.
    path: Option<PathExport>,
    /// Every penalized model's path that is computed: lasso, elastic net, ridge.
    paths: Vec<PathExport>,
    /// The "which weight dies next?" game (`w`): the question, or its answer.
    next_zero: NextZeroExport,
}

/// The "which weight dies next?" game, from the lasso's exact path.
#[derive(Serialize)]
struct NextZeroExport {
    /// The question is up (the next `w` answers it).
    asked: bool,
    /// The question's candidates: the features nonzero on the lasso's exact path where it was asked.
    candidates: Vec<String>,
    /// The answer: the first feature that reached exactly zero (`None` when none is shown), all that
    /// did at the same step, the lasso's lambda and grid position where they did.
    feature: Option<String>,
    features: Vec<String>,
    lambda: Option<f64>,
    lambda_index: Option<usize>,
}

/// One model as trained so far.
#[derive(Serialize)]
struct ModelExport {
    /// `none`, `L2`, `L1`, `EN`: the labels on screen.
    name: &'static str,
    /// `none`, `ridge`, `lasso` or `enet`.
    penalty: &'static str,
    /// The lambda and L1 share of the penalty it trains under (0 and 0 for `none`).
    lambda: f64,
    l1_ratio: f64,
    /// On the training rows' standardized scale, in the target's units.
    weights: Vec<f64>,
    /// Weights that are not exactly 0.
    nonzeros: usize,
    train_mse: f64,
    val_mse: f64,
    epoch: usize,
    /// It converged at its current setting (its weights within 1e-6, relatively, of the minimizer:
    /// see `fit::train::Settling`).
    converged: bool,
    /// The epoch it converged at, `None` while it trains (or when it stopped at the epoch limit).
    converged_at: Option<usize>,
    /// Training blew up (the weights are not finite).
    diverged: bool,
    /// Its least validation MSE since its setting last changed, and the epoch: early stopping's choice.
    best_val: Option<BestExport>,
    /// The cross-validation of its own path (`None` for the unregularized model, or before it is done).
    cv: Option<CvExport>,
}

/// The epoch of least validation error.
#[derive(Clone, Copy, Serialize)]
struct BestExport {
    epoch: usize,
    val_mse: f64,
}

/// lambda_min and lambda_1se of the K-fold cross-validation.
#[derive(Clone, Copy, Serialize)]
struct CvExport {
    lambda_min: f64,
    lambda_1se: f64,
}

/// The exact path drawn in the path panel.
#[derive(Serialize)]
struct PathExport {
    /// `lasso`, `enet` or `ridge`.
    penalty: &'static str,
    /// The L1 share of its penalty (1, the elastic net's, 0).
    l1_ratio: f64,
    /// The grid, largest first, and the number of nonzero coefficients at each lambda.
    lambda: Vec<f64>,
    nonzeros: Vec<usize>,
    /// Validation MSE of each solution.
    val_mse: Vec<f64>,
    /// Its cross-validation, once done.
    cv: Option<CvExport>,
}

/// The JSON of the linear screen.
pub fn json(screen: &Screen) -> serde_json::Value {
    let data = screen.view.data.as_deref();
    let settings = &screen.settings;
    let export = LinearExport {
        source: screen.view.source_name.clone(),
        lambda: screen.lambda(ModelId::Lasso),
        lambda_index: settings.positions[ModelId::Lasso as usize],
        positions: settings.positions,
        l1_ratio: settings.l1_ratio,
        epoch: screen.view.epoch(),
        feature_names: data.map(|d| d.feature_names.clone()).unwrap_or_default(),
        models: MODELS
            .iter()
            .zip(&screen.view.models)
            .map(|(&id, state)| {
                let lambda = screen.lambda(id).unwrap_or(0.0);
                let cv = data.and_then(|d| cv_of(&d.paths[id as usize]));
                model(id, state, lambda, settings.l1_ratio, cv)
            })
            .collect(),
        path: data.and_then(|d| path_of(screen.view.path_model, &d.paths[screen.view.path_model as usize])),
        paths: data.map_or(Vec::new(), |d| {
            [ModelId::Lasso, ModelId::ElasticNet, ModelId::Ridge]
                .iter()
                .filter_map(|&id| path_of(id, &d.paths[id as usize]))
                .collect()
        }),
        next_zero: next_zero(screen),
    };
    serde_json::to_value(export).unwrap_or(serde_json::Value::Null)
}

fn next_zero(screen: &Screen) -> NextZeroExport {
    let names = |features: &[usize]| -> Vec<String> {
        let all = screen.view.data.as_ref().map_or(&[][..], |d| &d.feature_names[..]);
        features.iter().filter_map(|&j| all.get(j).cloned()).collect()
    };
    let mut export = NextZeroExport {
        asked: false,
        candidates: Vec::new(),
        feature: None,
        features: Vec::new(),
        lambda: None,
        lambda_index: None,
    };
    match &screen.view.next_zero {
        NextZero::Idle => {}
        NextZero::Asked { candidates, .. } => {
            export.asked = true;
            export.candidates = names(candidates);
        }
        NextZero::Revealed {
            position,
            lambda,
            features,
            ..
        } => {
            export.features = names(features);
            export.feature = export.features.first().cloned();
            export.lambda = Some(*lambda);
            export.lambda_index = Some(*position);
        }
    }
    export
}

fn model(id: ModelId, state: &ModelState, lambda: f64, l1_ratio: f64, cv: Option<CvExport>) -> ModelExport {
    let penalty = id.penalty(lambda, l1_ratio);
    let last = state.history.last();
    let (train_mse, val_mse) = last.map_or((f64::NAN, f64::NAN), |l| l.mse());
    ModelExport {
        name: id.short(),
        penalty: penalty_name(id),
        lambda: penalty.lambda,
        l1_ratio: penalty.l1_ratio,
        weights: state.weights.clone(),
        nonzeros: state.weights.iter().filter(|&&w| w != 0.0).count(),
        train_mse,
        val_mse,
        epoch: last.map_or(0, |l| l.epoch),
        converged: state.converged_at.is_some(),
        converged_at: state.converged_at,
        diverged: state.diverged,
        best_val: state.best_validation().map(|l| BestExport {
            epoch: l.epoch,
            val_mse: l.mse().1,
        }),
        cv,
    }
}

fn penalty_name(id: ModelId) -> &'static str {
    match id {
        ModelId::Unregularized => "none",
        ModelId::Ridge => "ridge",
        ModelId::Lasso => "lasso",
        ModelId::ElasticNet => "enet",
    }
}

fn cv_of(path: &ModelPath) -> Option<CvExport> {
    let cv = path.cv.as_ref()?;
    Some(CvExport {
        lambda_min: *path.lambdas.get(cv.i_min)?,
        lambda_1se: *path.lambdas.get(cv.i_1se)?,
    })
}

fn path_of(id: ModelId, model: &ModelPath) -> Option<PathExport> {
    let path = model.path.as_deref()?;
    Some(PathExport {
        penalty: penalty_name(id),
        l1_ratio: model.l1_ratio,
        lambda: model.lambdas.clone(),
        nonzeros: path.nnz.clone(),
        val_mse: path.val_mse.clone(),
        cv: cv_of(model),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::linear::view::Losses;

    fn losses(epoch: usize, train_loss: f64, penalty: f64) -> Losses {
        Losses {
            epoch,
            train_loss,
            val_loss: 1.0,
            penalty,
        }
    }

    fn trained(history: Vec<Losses>) -> ModelState {
        ModelState {
            history,
            weights: vec![0.5, 0.0],
            ..ModelState::default()
        }
    }

    #[test]
    fn a_value_that_is_not_finite_is_null() {
        let state = trained(vec![losses(1, f64::INFINITY, 0.0)]);
        let m = model(ModelId::Lasso, &state, 0.3, 0.5, None);
        let json = serde_json::to_value(&m).expect("serializable");
        assert!(json["train_mse"].is_null());
        assert_eq!(json["val_mse"], 2.0);
        assert_eq!(json["nonzeros"], 1);
        assert_eq!(json["lambda"], 0.3);
        assert_eq!(json["l1_ratio"], 1.0, "the lasso's own L1 share, not the elastic net's");
    }
}
