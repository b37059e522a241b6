//! What the linear screen draws, folded from the lab's reports as they arrive: the data, the exact
//! path and its cross-validation, every model's losses and weights. Drawing reads these types only.

use super::model::ModelId;
pub use super::path_chart::{x_of, CvSeries, PathChart, MAX_CURVES};
use super::source::Knobs;
use std::cell::Cell;

pub use super::next_zero::NextZero;
pub use super::presentation::{LossView, Panel, WeightsOrder};

/// How far the exact path and its cross-validation have got for one dataset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stage {
    /// `done` of `total` lambdas of the exact path are solved.
    Path { done: usize, total: usize },
    /// The path is ready; `done` of `total` cross-validation folds are finished.
    Cv { done: usize, total: usize },
    /// Everything that will be computed is there (the CV may be absent: too few rows, or a failure).
    #[default]
    Done,
}

/// The exact path as drawn: solutions and what is derived from them once.
#[derive(Clone, Debug)]
pub struct PathView {
    /// Coefficients (training rows' standardized scale) at each lambda of the grid.
    pub coefs: Vec<Vec<f64>>,
    /// Nonzero coefficients at each lambda.
    pub nnz: Vec<usize>,
    /// Features by decreasing largest |coefficient| along the path (the order curves are drawn in).
    pub curve_order: Vec<usize>,
    /// Validation mean squared error of each solution.
    pub val_mse: Vec<f64>,
}

/// K-fold cross-validation of the path, in the target's units.
#[derive(Clone, Debug, PartialEq)]
pub struct CvView {
    /// Mean held-out MSE and its standard error, per lambda.
    pub mean: Vec<f64>,
    pub se: Vec<f64>,
    /// The number of folds.
    pub folds: usize,
    /// lambda_min and lambda_1se, as grid positions.
    pub i_min: usize,
    pub i_1se: usize,
}

/// One epoch's losses of one model, in the target's units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Losses {
    pub epoch: usize,
    /// `1/(2n) ||y - X w||^2` on the training rows.
    pub train_loss: f64,
    /// The same on the validation rows.
    pub val_loss: f64,
    pub penalty: f64,
}

impl Losses {
    /// The objective being minimized.
    pub fn total(&self) -> f64 {
        self.train_loss + self.penalty
    }

    /// Mean squared errors `(train, validation)`.
    pub fn mse(&self) -> (f64, f64) {
        (2.0 * self.train_loss, 2.0 * self.val_loss)
    }
}

/// Everything drawn about the data and the exact path.
#[derive(Clone, Debug)]
pub struct DataView {
    /// Which data version this is: reports about an older one are ignored.
    pub generation: u64,
    /// Scenario name or CSV file name, and whether its noise and correlation can change (synthetic).
    pub source_name: String,
    pub synthetic: bool,
    /// The knobs the data was made from (a tour's step waits for the paths of the data it asked for).
    pub knobs: super::Knobs,
    pub description: String,
    pub feature_names: Vec<String>,
    /// The true coefficients on the training rows' standardized scale (synthetic data only).
    pub truth: Option<Vec<f64>>,
    pub n_train: usize,
    pub n_val: usize,
    /// The noise standard deviation and the correlation used, for synthetic data.
    pub sigma: Option<f64>,
    pub rho: Option<f64>,
    /// How much the noise was scaled from the scenario's, when it was.
    pub noise_factor: Option<f64>,
    /// Each model's grid, exact path and cross-validation, in [`MODELS`] order (the unregularized
    /// model's is empty).
    pub paths: [ModelPath; 4],
    /// The initial weights every model starts from, and each model's losses there (with its own penalty).
    pub initial: Vec<f64>,
    pub initial_losses: [Losses; 4],
}

/// One penalized model's grid, its exact path and the path's cross-validation.
#[derive(Clone, Debug, Default)]
pub struct ModelPath {
    /// The L1 share the grid and path are for (the elastic net's changes with the `↑`/`↓` keys; reports
    /// for another share are obsolete).
    pub l1_ratio: f64,
    /// The grid on the training rows, largest lambda first (known at once; empty: no grid).
    pub lambdas: Vec<f64>,
    /// The exact path, once computed.
    pub path: Option<Box<PathView>>,
    /// K-fold cross-validation of the path on the training rows, once computed (and if possible).
    pub cv: Option<CvView>,
    /// How far the path and the CV have got.
    pub stage: Stage,
    /// The path panel's series, derived once the path (and again once the CV) arrives.
    pub chart: Option<PathChart>,
}

impl ModelPath {
    /// A grid whose path and CV are still to come.
    pub fn pending(l1_ratio: f64, lambdas: Vec<f64>) -> Self {
        let total = lambdas.len();
        Self {
            l1_ratio,
            lambdas,
            path: None,
            cv: None,
            stage: Stage::Path { done: 0, total },
            chart: None,
        }
    }
}

/// Which model's path a report is about: the data version, the model, and the L1 share of its penalty
/// (1 for the lasso, 0 for ridge, the elastic net's current one).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathKey {
    pub generation: u64,
    pub model: ModelId,
    pub l1_ratio: f64,
}

/// The result of running epochs.
#[derive(Clone, Debug)]
pub struct EpochReport {
    /// Losses of each epoch that ran, per model.
    pub losses: [Vec<Losses>; 4],
    /// Weights after the last epoch, per model.
    pub weights: [Vec<f64>; 4],
    pub diverged: [bool; 4],
    /// The epoch each model converged at under its current setting.
    pub converged_at: [Option<usize>; 4],
}

/// What the linear lab reports.
#[derive(Clone, Debug)]
pub enum Report {
    /// New data; the models start again from their initial weights. The exact path and its
    /// cross-validation follow (`Stage`, `Path`, `Cv`).
    Reset(Box<DataView>),
    /// How far one model's path and CV have got.
    Stage { key: PathKey, stage: Stage },
    /// One model's exact path.
    Path { key: PathKey, path: Box<PathView> },
    /// One model's cross-validation (`None`: too few rows, or it failed); its last report.
    Cv { key: PathKey, cv: Option<Box<CvView>> },
    /// The elastic net's L1 share changed: its new grid (its path and CV follow).
    Grid { key: PathKey, lambdas: Vec<f64> },
    /// At `epoch` the settings of the models marked `changed` took effect: they train on from there.
    Retarget { epoch: usize, changed: [bool; 4] },
    /// One or more epochs ran: the losses of each, and the weights after the last.
    Epochs(Box<EpochReport>),
    /// Something failed (the exact path, the cross-validation).
    Error(String),
    /// New data asked for could not be made (for example a CSV with too few rows for the split): the
    /// old data stays, made with `kept`, which the settings must say again.
    Rejected { message: String, kept: Knobs },
}

/// One model's training so far.
#[derive(Clone, Debug, Default)]
pub struct ModelState {
    /// Losses after every epoch, starting with the initial weights (epoch 0).
    pub history: Vec<Losses>,
    pub weights: Vec<f64>,
    pub diverged: bool,
    /// The epoch at which it converged at its current setting (`None`: still training, or stopped
    /// at the epoch limit without converging).
    pub converged_at: Option<usize>,
    /// The epoch its current setting took effect (0: since the data were made).
    pub since: usize,
}

impl ModelState {
    /// The epoch of least validation loss since its setting last changed: where early stopping
    /// would have stopped it.
    pub fn best_validation(&self) -> Option<Losses> {
        self.history
            .iter()
            .filter(|l| l.epoch >= self.since && l.val_loss.is_finite())
            .min_by(|a, b| a.val_loss.total_cmp(&b.val_loss))
            .copied()
    }
}

/// The linear screen's view.
#[derive(Clone, Debug)]
pub struct View {
    /// Scenario name or CSV file name.
    pub source_name: String,
    /// Whether noise and correlation can be changed (synthetic data).
    pub synthetic: bool,
    /// The data and its exact path, once the lab has made them.
    pub data: Option<Box<DataView>>,
    pub models: [ModelState; 4],
    pub panel: Panel,
    /// Panels hidden with `x` (presenter view): the others grow into their room; never all of them.
    pub hidden: Vec<Panel>,
    /// Whose exact path the path panel shows: the lasso, the elastic net or ridge (`p` cycles).
    pub path_model: ModelId,
    pub loss_view: LossView,
    /// First feature row shown in the weights panel.
    pub weights_scroll: usize,
    /// The focused row of the weights panel (a position in `weights_order`, not a feature index).
    pub weights_focus: usize,
    /// The order of the weights panel's rows.
    pub weights_order: WeightsOrder,
    /// Epochs at which a setting changed (a lambda, the L1 share): the loss panel marks them.
    pub setting_changes: Vec<usize>,
    /// Feature rows the weights panel had room for in the last frame drawn (0 before the first).
    /// Only drawing knows the room, so drawing records it (as ratatui's own list and table states
    /// do); scrolling then stops where the last feature is in view instead of running on unseen.
    pub weights_rows: Cell<usize>,
    /// The "which weight dies next?" question or its answer (`w`).
    pub next_zero: NextZero,
}

impl View {
    pub fn new(source_name: &str, synthetic: bool) -> Self {
        Self {
            source_name: source_name.to_string(),
            synthetic,
            data: None,
            models: Default::default(),
            panel: Panel::Loss,
            hidden: Vec::new(),
            path_model: ModelId::Lasso,
            loss_view: LossView::Data,
            weights_scroll: 0,
            weights_focus: 0,
            weights_order: WeightsOrder::Support,
            setting_changes: Vec::new(),
            weights_rows: Cell::new(0),
            next_zero: NextZero::Idle,
        }
    }

    /// The largest useful weights scroll offset: the one that shows the last feature in the last row.
    pub fn max_weights_scroll(&self) -> usize {
        let p = self.data.as_ref().map_or(0, |d| d.feature_names.len());
        p.saturating_sub(self.weights_rows.get().max(1))
    }

    /// The current data, if `generation` is its version (reports about older data are ignored).
    fn data_of(&mut self, generation: u64) -> Option<&mut DataView> {
        self.data.as_deref_mut().filter(|d| d.generation == generation)
    }

    /// The path a report is about, if it is still current (same data, same L1 share).
    fn path_of(&mut self, key: PathKey) -> Option<&mut ModelPath> {
        let data = self.data_of(key.generation)?;
        Some(&mut data.paths[key.model as usize]).filter(|p| p.l1_ratio == key.l1_ratio)
    }

    /// The path the path panel shows.
    pub fn shown_path(&self) -> Option<&ModelPath> {
        Some(&self.data.as_ref()?.paths[self.path_model as usize])
    }

    /// Epochs run so far.
    pub fn epoch(&self) -> usize {
        self.models[0].history.last().map_or(0, |s| s.epoch)
    }

    /// Folds a report into the view; returns an error's message.
    pub fn apply(&mut self, report: Report) -> Option<String> {
        match report {
            Report::Reset(view) => {
                self.source_name.clone_from(&view.source_name);
                self.synthetic = view.synthetic;
                for (m, model) in self.models.iter_mut().enumerate() {
                    *model = ModelState {
                        history: vec![view.initial_losses[m]],
                        weights: view.initial.clone(),
                        ..ModelState::default()
                    };
                }
                self.data = Some(view);
                self.setting_changes.clear();
                // A question about other data has no answer.
                self.next_zero = NextZero::Idle;
                self.weights_scroll = self.weights_scroll.min(self.max_weights_scroll());
            }
            Report::Stage { key, stage } => {
                if let Some(path) = self.path_of(key) {
                    path.stage = later_stage(path.stage, stage);
                }
            }
            Report::Path { key, path } => {
                if let Some(model) = self.path_of(key) {
                    model.path = Some(path);
                    model.chart = PathChart::of(model);
                }
            }
            Report::Cv { key, cv } => {
                if let Some(path) = self.path_of(key) {
                    path.cv = cv.map(|cv| *cv);
                    path.stage = Stage::Done;
                    path.chart = PathChart::of(path);
                }
            }
            Report::Grid { key, lambdas } => {
                if let Some(data) = self.data_of(key.generation) {
                    data.paths[key.model as usize] = ModelPath::pending(key.l1_ratio, lambdas);
                }
            }
            Report::Retarget { epoch, changed } => {
                self.setting_changes.push(epoch);
                for (model, _) in self.models.iter_mut().zip(changed).filter(|(_, c)| *c) {
                    model.since = epoch;
                    model.converged_at = None;
                }
            }
            Report::Epochs(report) => {
                for (m, model) in self.models.iter_mut().enumerate() {
                    model.history.extend_from_slice(&report.losses[m]);
                    model.weights = report.weights[m].clone();
                    model.diverged = report.diverged[m];
                    model.converged_at = report.converged_at[m];
                }
            }
            Report::Error(message) | Report::Rejected { message, .. } => return Some(message),
        }
        None
    }

    /// The names of `features`, joined for a sentence ("x7 and x13").
    pub fn feature_list(&self, features: &[usize]) -> String {
        let Some(data) = self.data.as_ref() else {
            return String::new();
        };
        let names: Vec<&str> = features
            .iter()
            .filter_map(|&j| data.feature_names.get(j).map(String::as_str))
            .collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.concat(),
        }
    }

    /// Nonzero weights of model `m`.
    pub fn nonzeros(&self, m: usize) -> usize {
        self.models[m].weights.iter().filter(|w| **w != 0.0).count()
    }

    /// Precision and recall of model `m`'s support against the true support (synthetic data).
    pub fn support_scores(&self, m: usize) -> Option<(f64, f64)> {
        let truth = self.data.as_ref()?.truth.as_ref()?;
        let weights = &self.models[m].weights;
        let chosen = weights.iter().filter(|w| **w != 0.0).count();
        let real = truth.iter().filter(|b| **b != 0.0).count();
        let hits = weights
            .iter()
            .zip(truth)
            .filter(|(w, b)| **w != 0.0 && **b != 0.0)
            .count();
        let precision = if chosen == 0 { 1.0 } else { hits as f64 / chosen as f64 };
        let recall = if real == 0 { 1.0 } else { hits as f64 / real as f64 };
        Some((precision, recall))
    }
}

/// Of two reports of progress, the one further along: fold threads may report out of order.
fn later_stage(current: Stage, new: Stage) -> Stage {
    let rank = |s: Stage| match s {
        Stage::Path { done, .. } => (0, done),
        Stage::Cv { done, .. } => (1, done),
        Stage::Done => (2, 0),
    };
    if rank(new) > rank(current) {
        new
    } else {
        current
    }
}

impl View {
    /// Moves the weights panel's focused row by `step` rows (clamped to the features), scrolling
    /// so that it stays in view with the room the last frame had.
    pub fn move_weights_focus(&mut self, step: i32) {
        let p = self.data.as_ref().map_or(0, |d| d.feature_names.len());
        let focus = self.weights_focus.min(p.saturating_sub(1)) as i64 + step as i64;
        self.weights_focus = focus.clamp(0, p.saturating_sub(1) as i64) as usize;
        let rows = self.weights_rows.get().max(1);
        let first = self.weights_scroll.min(self.max_weights_scroll());
        self.weights_scroll = first.clamp((self.weights_focus + 1).saturating_sub(rows), self.weights_focus);
    }
}
