//! What the classification screen draws, folded from the lab's reports as they arrive: the data, each
//! penalized model's exact path with its cross-validation, every model's losses, accuracies and
//! weights. Drawing reads these types only.

use super::model::ModelId;
use crate::data::classes::ClassPreset;
use crate::fit::logistic::train::ClassEpoch;
use std::cell::Cell;

/// The screen's panels, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Curves,
    Path,
    Weights,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Curves, Panel::Path, Panel::Weights];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Curves => "Curves",
            Panel::Path => "Path",
            Panel::Weights => "Weights",
        }
    }
}

/// What the curves show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Curves {
    #[default]
    LogLoss,
    Accuracy,
}

/// What the CV curve shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CvMeasure {
    #[default]
    Deviance,
    Error,
}

/// One cross-validated measure along the lambdas every fold reached.
#[derive(Clone, Debug, PartialEq)]
pub struct CvCurve {
    pub mean: Vec<f64>,
    pub se: Vec<f64>,
    /// lambda_min and lambda_1se of this measure, as grid positions.
    pub i_min: usize,
    pub i_1se: usize,
}

/// One penalized model's exact path (on the training rows) and its cross-validation.
#[derive(Clone, Debug, PartialEq)]
pub struct PathView {
    /// The L1 share it was computed for (the elastic net's changes with `↑` `↓`).
    pub l1_ratio: f64,
    /// Coefficients (standardized scale) at each lambda solved; the grid's first `coefs.len()`.
    pub coefs: Vec<Vec<f64>>,
    /// Validation log-loss and accuracy of each solution.
    pub val_loss: Vec<f64>,
    pub val_accuracy: Vec<f64>,
    /// The path stopped before the end of the grid: the training classes are (nearly) separable there.
    pub stopped_early: bool,
    /// Deviance and misclassification by K-fold CV (lambda_min and lambda_1se are the deviance's, as
    /// cv.glmnet's), or why there is none.
    pub cv: Result<(CvCurve, CvCurve), String>,
    pub folds: usize,
}

impl PathView {
    /// The curve of `measure`, if the CV ran.
    pub fn cv_curve(&self, measure: CvMeasure) -> Option<&CvCurve> {
        let (deviance, error) = self.cv.as_ref().ok()?;
        Some(match measure {
            CvMeasure::Deviance => deviance,
            CvMeasure::Error => error,
        })
    }
}

/// The training points of a two-feature preset, on the standardized scale, with their labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Points {
    pub train: Vec<(f64, f64, bool)>,
    pub val: Vec<(f64, f64, bool)>,
}

/// Everything drawn about the data and the paths.
#[derive(Clone, Debug)]
pub struct DataView {
    /// Which data version this is: reports about an older one are ignored.
    pub generation: u64,
    pub preset: ClassPreset,
    pub seed: u64,
    pub feature_names: Vec<String>,
    /// The true coefficients of the log-odds on the training rows' standardized scale.
    pub truth: Vec<f64>,
    /// The true log-odds' intercept on that scale (the data has none in its own units; centring the
    /// features moves it): the true boundary is `truth_intercept + truth . x = 0`.
    pub truth_intercept: f64,
    pub n_train: usize,
    pub n_val: usize,
    /// Share of class 1 in the training rows.
    pub share_of_ones: f64,
    /// Each model's grid (the unregularized model's is empty).
    pub grids: [Vec<f64>; 4],
    /// Each penalized model's path and CV (the unregularized model's is `None`).
    pub paths: [Option<PathView>; 4],
    /// The points, for a two-feature preset.
    pub points: Option<Points>,
}

/// One model's training as reported.
#[derive(Clone, Debug, Default)]
pub struct ModelState {
    /// Every epoch's losses and accuracies, from epoch 0.
    pub history: Vec<ClassEpoch>,
    pub intercept: f64,
    pub weights: Vec<f64>,
    pub converged_at: Option<usize>,
    pub diverged: bool,
    /// The epoch its setting last changed: it trains at most `MAX_SETTLE_EPOCHS` from there.
    pub since: usize,
}

impl ModelState {
    /// Whether it still trains: not converged, not diverged, within its epoch limit.
    pub fn training(&self) -> bool {
        let epoch = self.last().map_or(0, |e| e.epoch);
        self.converged_at.is_none() && !self.diverged && epoch < self.since + super::settings::MAX_SETTLE_EPOCHS
    }

    /// Whether the weights' norm grew over the last tenth of its training (up to its epoch limit; the
    /// epochs it rested after that do not count): stopped at the limit while growing, on classes its
    /// training rows separate, is what a model with no minimizer does.
    pub fn weights_growing(&self) -> bool {
        let limit = self.since + super::settings::MAX_SETTLE_EPOCHS;
        let Some(stop) = self.history.iter().rposition(|e| e.epoch <= limit) else {
            return false;
        };
        let earlier = &self.history[stop - stop / 10];
        self.history[stop].weight_norm > earlier.weight_norm * 1.001
    }

    /// Stopped at its epoch limit with its weights still growing and every training row classified
    /// right: the classes separate and the (unregularized) objective has no minimizer.
    pub fn no_minimizer(&self) -> bool {
        !self.training()
            && self.converged_at.is_none()
            && !self.diverged
            && self.weights_growing()
            && self.last().is_some_and(|e| e.train_accuracy == 1.0)
    }

    pub fn last(&self) -> Option<&ClassEpoch> {
        self.history.last()
    }

    pub fn nonzeros(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0.0).count()
    }
}

/// The data and the models' first state, sent when data is made.
#[derive(Clone, Debug)]
pub struct Reset {
    pub data: DataView,
    pub models: [ModelState; 4],
}

/// Every model's epochs since the last report.
#[derive(Clone, Debug)]
pub struct EpochReport {
    pub epochs: [Vec<ClassEpoch>; 4],
    pub intercepts: [f64; 4],
    pub weights: [Vec<f64>; 4],
    pub converged_at: [Option<usize>; 4],
    pub diverged: [bool; 4],
}

/// A report of the classification lab.
#[derive(Clone, Debug)]
pub enum Report {
    /// New data: everything starts again.
    Reset(Box<Reset>),
    Epochs(Box<EpochReport>),
    /// The settings changed at `epoch`; `changed` says which models now train again.
    Retarget {
        epoch: usize,
        changed: [bool; 4],
    },
    /// A model's new grid and path (the elastic net's, for a new L1 share).
    Path {
        generation: u64,
        model: ModelId,
        grid: Vec<f64>,
        path: Box<PathView>,
    },
}

/// The screen's view.
#[derive(Clone, Debug)]
pub struct View {
    pub data: DataView,
    pub models: [ModelState; 4],
    /// The epochs at which a setting changed (each model's training restarts its settling there).
    pub setting_changes: Vec<usize>,
    pub panel: Panel,
    pub hidden: Vec<Panel>,
    pub curves: Curves,
    pub cv_measure: CvMeasure,
    /// Whose path the path panel shows.
    pub path_model: ModelId,
    /// The first of the weights panel's rows shown (`[` `]` scroll).
    pub weights_scroll: usize,
    /// Feature rows the weights panel had room for in the last frame drawn (0 before the first): only
    /// drawing knows the room, so drawing records it, and scrolling stops where the last row shows.
    pub weights_rows: Cell<usize>,
}

impl View {
    pub fn new(reset: Reset) -> Self {
        Self {
            data: reset.data,
            models: reset.models,
            setting_changes: vec![0],
            panel: Panel::Curves,
            hidden: Vec::new(),
            curves: Curves::default(),
            cv_measure: CvMeasure::default(),
            path_model: ModelId::Lasso,
            weights_scroll: 0,
            weights_rows: Cell::new(0),
        }
    }

    /// The largest useful scroll of the weights panel: the one that shows the last row last.
    pub fn max_weights_scroll(&self) -> usize {
        self.data.truth.len().saturating_sub(self.weights_rows.get().max(1))
    }

    /// Scrolls the weights panel's rows by `step`, no further than [`View::max_weights_scroll`].
    pub fn scroll_weights(&mut self, step: i32) {
        let last = self.max_weights_scroll() as i64;
        self.weights_scroll = (self.weights_scroll as i64 + i64::from(step)).clamp(0, last) as usize;
    }

    /// The epoch every model is at.
    pub fn epoch(&self) -> usize {
        self.models[0].last().map_or(0, |e| e.epoch)
    }

    /// Whether some model still trains.
    pub fn training(&self) -> bool {
        self.models.iter().any(ModelState::training)
    }

    pub fn apply(&mut self, report: Report) {
        match report {
            Report::Reset(reset) => {
                self.data = reset.data;
                self.models = reset.models;
                self.setting_changes = vec![0];
                // New data, new rows (the 2-D preset has two): from the first again.
                self.weights_scroll = 0;
            }
            Report::Epochs(report) => {
                let EpochReport {
                    epochs,
                    intercepts,
                    weights,
                    converged_at,
                    diverged,
                } = *report;
                for (m, (state, epochs)) in self.models.iter_mut().zip(epochs).enumerate() {
                    state.history.extend(epochs);
                    state.intercept = intercepts[m];
                    state.weights.clone_from(&weights[m]);
                    state.converged_at = converged_at[m];
                    state.diverged = diverged[m];
                }
            }
            Report::Retarget { epoch, changed } => {
                self.setting_changes.push(epoch);
                for (state, changed) in self.models.iter_mut().zip(changed) {
                    if changed {
                        state.converged_at = None;
                        state.since = epoch;
                    }
                }
            }
            Report::Path {
                generation,
                model,
                grid,
                path,
            } if generation == self.data.generation => {
                self.data.grids[model as usize] = grid;
                self.data.paths[model as usize] = Some(*path);
            }
            Report::Path { .. } => {}
        }
    }
}

/// `(precision, recall)` of the nonzero weights as a guess of the truth's support; `None` when the
/// guess or the truth is empty (precision of nothing is undefined).
pub fn support_scores(weights: &[f64], truth: &[f64]) -> Option<(f64, f64)> {
    let chosen = weights.iter().filter(|w| **w != 0.0).count();
    let true_count = truth.iter().filter(|b| **b != 0.0).count();
    let hits = weights
        .iter()
        .zip(truth)
        .filter(|(w, b)| **w != 0.0 && **b != 0.0)
        .count();
    (chosen > 0 && true_count > 0).then(|| (hits as f64 / chosen as f64, hits as f64 / true_count as f64))
}
