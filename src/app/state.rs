//! What the explorer shows: everything drawing needs and nothing it can derive.

use crate::data::nonlinear::Shape;
use crate::engine::{DataView, Knobs, LabEpoch, LabView, Progress, Screen, Stage};
use crate::fit::train::EpochStats;
use std::cell::Cell;

/// The panels: at full size all are visible and one has focus; when small, one tab at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Loss,
    Weights,
    Path,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Loss, Panel::Weights, Panel::Path];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Loss => "Loss",
            Panel::Weights => "Weights",
            Panel::Path => "Lasso path",
        }
    }
}

/// Which quantity the loss curves show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossView {
    /// `1/(2n) ||y - X w||^2` on training and validation rows.
    Data,
    /// The penalty term alone.
    Penalty,
    /// Data loss plus penalty: the objective each model minimizes.
    Total,
}

impl LossView {
    pub fn next(self) -> Self {
        match self {
            LossView::Data => LossView::Penalty,
            LossView::Penalty => LossView::Total,
            LossView::Total => LossView::Data,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LossView::Data => "data loss ½·MSE",
            LossView::Penalty => "penalty",
            LossView::Total => "total = data + penalty",
        }
    }
}

/// One model's training so far.
#[derive(Clone, Debug, Default)]
pub struct ModelState {
    /// Losses after every epoch, starting with the initial weights (epoch 0).
    pub history: Vec<EpochStats>,
    pub weights: Vec<f64>,
    pub diverged: bool,
}

/// The dropout lab as drawn: its data, every epoch's losses, the latest fits and mask.
#[derive(Clone, Debug)]
pub struct LabState {
    pub view: Box<LabView>,
    /// Evaluation-mode losses per variant, epoch 0 first.
    pub history: [Vec<LabEpoch>; 4],
    /// Outputs at the plot points, per variant.
    pub predictions: [Vec<f64>; 4],
    /// Kept hidden units of the dropout variant's last mini-batch (first row), per layer.
    pub mask: Vec<Vec<bool>>,
}

impl LabState {
    pub fn epoch(&self) -> usize {
        self.history[0].last().map_or(0, |l| l.epoch)
    }
}

/// The explorer's state.
#[derive(Clone, Debug)]
pub struct State {
    /// Scenario name or CSV file name.
    pub source_name: String,
    /// Whether noise and correlation can be changed (synthetic data).
    pub synthetic: bool,
    pub knobs: Knobs,
    /// The data and its exact path, once the engine has made them.
    pub data: Option<Box<DataView>>,
    pub models: [ModelState; 4],
    pub lambda_index: usize,
    /// The elastic-net L1 share.
    pub mix: f64,
    pub paused: bool,
    pub panel: Panel,
    pub help: bool,
    pub loss_view: LossView,
    /// First feature row shown in the weights panel.
    pub weights_scroll: usize,
    /// Feature rows the weights panel had room for in the last frame drawn (0 before the first).
    /// Only drawing knows the room, so drawing records it (as ratatui's own list and table states
    /// do); scrolling then stops where the last feature is in view instead of running on unseen.
    pub weights_rows: Cell<usize>,
    /// A one-line note for the status bar (a key that does nothing here, an error).
    pub message: Option<String>,
    /// Monochrome drawing (NO_COLOR, `--color never`, tests).
    pub monochrome: bool,
    pub quit: bool,
    pub screen: Screen,
    /// The dropout lab, once its screen has been shown.
    pub lab: Option<LabState>,
    /// The lab's dropout rate and weight decay as set by the keys.
    pub dropout: f64,
    pub weight_decay: f64,
    /// The lab dataset and seed the keys last asked for (`None` until `r` or `g` on the dropout screen).
    /// Kept here because the engine's answer arrives later: quick presses each build on the last one.
    pub lab_request: Option<(Shape, u64)>,
}

impl State {
    pub fn new(source_name: &str, synthetic: bool, knobs: Knobs, lambda_index: usize, mix: f64) -> Self {
        Self {
            source_name: source_name.to_string(),
            synthetic,
            knobs,
            data: None,
            models: Default::default(),
            lambda_index,
            mix,
            paused: false,
            panel: Panel::Loss,
            help: false,
            loss_view: LossView::Data,
            weights_scroll: 0,
            weights_rows: Cell::new(0),
            message: None,
            monochrome: false,
            quit: false,
            screen: Screen::Linear,
            lab: None,
            dropout: crate::engine::LabSettings::curve(0).dropout,
            weight_decay: crate::engine::LabSettings::curve(0).weight_decay,
            lab_request: None,
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

    /// Epochs run so far.
    pub fn epoch(&self) -> usize {
        self.models[0].history.last().map_or(0, |s| s.epoch)
    }

    /// The current lambda, once there is a grid.
    pub fn lambda(&self) -> Option<f64> {
        self.data
            .as_ref()
            .and_then(|d| d.lambdas.get(self.lambda_index).copied())
    }

    /// Folds a report from the engine into the state.
    pub fn apply(&mut self, progress: Progress) {
        match progress {
            Progress::Reset(view) => {
                self.knobs = view.knobs.clone();
                self.lambda_index = self.lambda_index.min(view.lambdas.len().saturating_sub(1));
                for (m, model) in self.models.iter_mut().enumerate() {
                    *model = ModelState {
                        history: vec![view.initial_stats[m]],
                        weights: view.initial.clone(),
                        diverged: false,
                    };
                }
                self.data = Some(view);
                self.weights_scroll = self.weights_scroll.min(self.max_weights_scroll());
            }
            Progress::Stage { generation, stage } => {
                if let Some(data) = self.data_of(generation) {
                    data.stage = later_stage(data.stage, stage);
                }
            }
            Progress::Path { generation, path } => {
                if let Some(data) = self.data_of(generation) {
                    data.path = Some(path);
                }
            }
            Progress::Cv { generation, cv } => {
                if let Some(data) = self.data_of(generation) {
                    data.cv = cv.map(|cv| *cv);
                    data.stage = Stage::Done;
                }
            }
            Progress::Epochs(report) => {
                for (m, model) in self.models.iter_mut().enumerate() {
                    model.history.extend_from_slice(&report.stats[m]);
                    model.weights = report.weights[m].clone();
                    model.diverged = report.diverged[m];
                }
            }
            Progress::Error(message) => self.message = Some(message),
            Progress::LabReset(view) => {
                self.dropout = view.settings.dropout;
                self.weight_decay = view.settings.weight_decay;
                self.lab = Some(LabState {
                    history: view.initial.map(|l| vec![l]),
                    predictions: view.predictions.clone(),
                    mask: Vec::new(),
                    view,
                });
            }
            Progress::LabEpochs(report) => {
                if let Some(lab) = &mut self.lab {
                    for (history, losses) in lab.history.iter_mut().zip(report.losses.iter()) {
                        history.extend_from_slice(losses);
                    }
                    lab.predictions = report.predictions;
                    lab.mask = report.mask;
                }
            }
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
