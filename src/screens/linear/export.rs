//! The linear screen's state as data (`regscope snapshot --format json`): what the frame shows, as
//! numbers, for snapshot tests and scripts. Built from the settings and the view only, so it says
//! exactly what is drawn. A public interface: fields are added, never renamed (README lists them).

use super::model::{ModelId, MODELS};
use super::view::{DataView, ModelState};
use super::Screen;
use serde::Serialize;

/// A model is called converged when its objective changed by less than this, relatively, over its
/// last epoch (a stand-in until training has a convergence test of its own).
pub const CONVERGED_REL_CHANGE: f64 = 1e-9;

/// The linear screen: the current lambda, the four models, the exact lasso path.
#[derive(Serialize)]
struct LinearExport {
    /// Scenario or CSV file name.
    source: String,
    /// The current lambda (the status line's), `None` before there is a grid.
    lambda: Option<f64>,
    /// Its position on the path's grid, from 0 (lambda_max).
    lambda_index: usize,
    /// The elastic net's L1 share.
    l1_ratio: f64,
    epoch: usize,
    feature_names: Vec<String>,
    models: Vec<ModelExport>,
    path: Option<PathExport>,
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
    /// Relative change of the objective over the last epoch below [`CONVERGED_REL_CHANGE`].
    converged: bool,
    /// Training blew up (the weights are not finite).
    diverged: bool,
    /// The cross-validation of the lasso path (every model shares its grid today).
    cv: Option<CvExport>,
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
    /// `lasso` today (`enet` and `ridge` reserved for paths of those penalties).
    penalty: &'static str,
    /// The grid, largest first, and the number of nonzero coefficients at each lambda.
    lambda: Vec<f64>,
    nonzeros: Vec<usize>,
    /// Validation MSE of each solution.
    val_mse: Vec<f64>,
}

/// The JSON of the linear screen.
pub fn json(screen: &Screen) -> serde_json::Value {
    let data = screen.view.data.as_deref();
    let lambda = screen.lambda();
    let cv = data.and_then(cv_of);
    let export = LinearExport {
        source: screen.view.source_name.clone(),
        lambda,
        lambda_index: screen.settings.lambda_index,
        l1_ratio: screen.settings.l1_ratio,
        epoch: screen.view.epoch(),
        feature_names: data.map(|d| d.feature_names.clone()).unwrap_or_default(),
        models: MODELS
            .iter()
            .zip(&screen.view.models)
            .map(|(&id, state)| model(id, state, lambda.unwrap_or(0.0), screen.settings.l1_ratio, cv))
            .collect(),
        path: data.and_then(path_of),
    };
    serde_json::to_value(export).unwrap_or(serde_json::Value::Null)
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
        converged: converged(state),
        diverged: state.diverged,
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

/// Whether the objective (data loss plus penalty) of the last epoch is within
/// [`CONVERGED_REL_CHANGE`] of the one before, relatively; never before the first epoch, nor when
/// it is not finite or the model diverged.
fn converged(state: &ModelState) -> bool {
    let [.., before, last] = state.history.as_slice() else {
        return false;
    };
    let (a, b) = (before.total(), last.total());
    if !(a.is_finite() && b.is_finite()) || state.diverged {
        return false;
    }
    a == b || (b - a).abs() < CONVERGED_REL_CHANGE * b.abs()
}

fn cv_of(data: &DataView) -> Option<CvExport> {
    let cv = data.cv.as_ref()?;
    Some(CvExport {
        lambda_min: *data.lambdas.get(cv.i_min)?,
        lambda_1se: *data.lambdas.get(cv.i_1se)?,
    })
}

fn path_of(data: &DataView) -> Option<PathExport> {
    let path = data.path.as_deref()?;
    Some(PathExport {
        penalty: "lasso",
        lambda: data.lambdas.clone(),
        nonzeros: path.nnz.clone(),
        val_mse: path.val_mse.clone(),
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
            diverged: false,
        }
    }

    #[test]
    fn converged_compares_the_objective_of_the_last_two_epochs() {
        // Objective 2.0, then 2.0 + 1e-8: a relative change of 5e-9, above 1e-9.
        let moving = trained(vec![losses(1, 1.5, 0.5), losses(2, 1.5 + 1e-8, 0.5)]);
        assert!(!converged(&moving));
        let resting = trained(vec![losses(1, 1.5, 0.5), losses(2, 1.5 + 1e-10, 0.5)]);
        assert!(converged(&resting));
        assert!(!converged(&trained(vec![losses(0, 1.5, 0.5)])), "no epoch yet");
        let nan = trained(vec![losses(1, f64::NAN, 0.5), losses(2, f64::NAN, 0.5)]);
        assert!(!converged(&nan));
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
