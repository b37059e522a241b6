//! What the dropout screen draws, folded from the lab's reports as they arrive: every epoch's losses,
//! the fits as ready-made curves (1-D) or probability grids (2-D), the training points and the live
//! mask. Drawing reads these types only and computes nothing per frame.

use super::settings::SMOOTHING_EPOCHS;
use crate::data::nonlinear::{NonlinearData, Shape};
use crate::ui::theme::Series;
use ndarray::Array2;

/// One of the four networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    pub name: &'static str,
    /// Trained with dropout on its hidden layers.
    pub dropout: bool,
    /// Trained with L2 weight decay.
    pub decay: bool,
}

impl Variant {
    /// Its colour's meaning: weight decay is an L2 penalty, so it shares the linear screen's L2 colour.
    pub const fn series(self) -> Series {
        match (self.dropout, self.decay) {
            (false, false) => Series::Unregularized,
            (true, false) => Series::Dropout,
            (false, true) => Series::L2,
            (true, true) => Series::DropoutDecay,
        }
    }
}

/// The four variants, in screen order.
pub const VARIANTS: [Variant; 4] = [
    Variant {
        name: "none",
        dropout: false,
        decay: false,
    },
    Variant {
        name: "dropout",
        dropout: true,
        decay: false,
    },
    Variant {
        name: "decay",
        dropout: false,
        decay: true,
    },
    Variant {
        name: "both",
        dropout: true,
        decay: true,
    },
];

/// The position of the variant with exactly these regularizers.
const fn variant_index(dropout: bool, decay: bool) -> usize {
    let mut v = 0;
    while v < VARIANTS.len() {
        if VARIANTS[v].dropout == dropout && VARIANTS[v].decay == decay {
            return v;
        }
        v += 1;
    }
    panic!("no such variant")
}

/// The variant whose live mask is shown: dropout alone.
pub const MASK_VARIANT: usize = variant_index(true, false);

/// Losses of one epoch, both in evaluation mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabEpoch {
    pub epoch: usize,
    pub train_loss: f64,
    pub val_loss: f64,
}

pub const PLOT_POINTS: usize = 121;
pub const PLOT_GRID: usize = 32;
/// The 2-D plots cover `[-PLOT_EXTENT, PLOT_EXTENT]^2`.
pub const PLOT_EXTENT: f64 = 1.5;
/// The 1-D plots cover `[-CURVE_EXTENT, CURVE_EXTENT]`.
pub const CURVE_EXTENT: f64 = 2.2;

/// The points where the fits are evaluated: 1-D, `PLOT_POINTS` values over the inputs' range; 2-D, a
/// `PLOT_GRID x PLOT_GRID` grid (row-major, top row first).
pub fn plot_points(shape: Shape) -> Array2<f64> {
    if shape == Shape::Curve {
        Array2::from_shape_fn((PLOT_POINTS, 1), |(i, _)| {
            -CURVE_EXTENT + 2.0 * CURVE_EXTENT * i as f64 / (PLOT_POINTS - 1) as f64
        })
    } else {
        Array2::from_shape_fn((PLOT_GRID * PLOT_GRID, 2), |(k, j)| {
            let (row, col) = (k / PLOT_GRID, k % PLOT_GRID);
            let t = if j == 0 { col } else { PLOT_GRID - 1 - row };
            -PLOT_EXTENT + 2.0 * PLOT_EXTENT * t as f64 / (PLOT_GRID - 1) as f64
        })
    }
}

/// Why the four networks are back at epoch 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The session started.
    Start,
    /// New data: another seed or dataset.
    NewData,
    /// Same data, same initial weights: a new rate or decay, or `R`.
    Restart,
}

/// New data or a restart: the points, the starting losses and fits.
#[derive(Clone, Debug)]
pub struct Reset {
    pub cause: Cause,
    pub data: NonlinearData,
    /// Hidden layers of the network (rows of the mask panel).
    pub layers: usize,
    pub initial: [LabEpoch; 4],
    /// Evaluation-mode outputs at [`plot_points`], per variant.
    pub predictions: [Vec<f64>; 4],
    /// Training and validation accuracy per variant (classification only).
    pub accuracy: [Option<Accuracy>; 4],
}

/// The share of rows a classifier labels right (evaluation mode, threshold probability 1/2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accuracy {
    pub train: f64,
    pub val: f64,
}

/// Epochs of the lab.
#[derive(Clone, Debug)]
pub struct Epochs {
    pub losses: [Vec<LabEpoch>; 4],
    pub predictions: [Vec<f64>; 4],
    /// The dropout variant's mask of the first row of its last mini-batch: kept units per layer.
    pub mask: Vec<Vec<bool>>,
    /// Accuracy after the last epoch per variant (classification only).
    pub accuracy: [Option<Accuracy>; 4],
}

/// What the dropout lab reports.
#[derive(Clone, Debug)]
pub enum Report {
    Reset(Box<Reset>),
    Epochs(Box<Epochs>),
}

/// Evaluation-mode losses at an epoch, each the mean over the last [`SMOOTHING_EPOCHS`] epochs (fewer
/// at the start): what the chart plots and the status line prints.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Smoothed {
    pub epoch: usize,
    pub train_loss: f64,
    pub val_loss: f64,
}

/// The dropout screen's panels: one has the focus (Tab), any but the last can be hidden (`x`), and the
/// focused one fills the screen when zoomed (`z`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The loss curves.
    Loss,
    /// The fits (1-D) or the decision regions (2-D).
    Fit,
    /// The live dropout mask.
    Mask,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Loss, Panel::Fit, Panel::Mask];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Loss => "Loss",
            Panel::Fit => "Fit",
            Panel::Mask => "Mask",
        }
    }
}

/// The dropout screen's view.
#[derive(Clone, Debug)]
pub struct View {
    /// The focused panel and the hidden ones: how the user looks, kept across new data.
    pub panel: Panel,
    pub hidden: Vec<Panel>,
    pub shape: Shape,
    /// Why the networks last started at epoch 0.
    pub cause: Cause,
    pub layers: usize,
    /// Evaluation-mode losses per variant, epoch 0 first.
    pub history: [Vec<LabEpoch>; 4],
    /// The same, averaged over trailing windows of [`SMOOTHING_EPOCHS`] epochs.
    pub smoothed: [Vec<Smoothed>; 4],
    /// Per variant, the smoothed point with the lowest validation loss so far.
    pub best: [Option<Smoothed>; 4],
    /// Training points: `(x, y)` in 1-D, `(x0, x1)` in 2-D.
    pub points: Vec<(f64, f64)>,
    /// Training labels in 2-D (0 or 1).
    pub labels: Vec<f64>,
    /// 1-D: the true curve, and each variant's fit, as points.
    pub truth: Vec<(f64, f64)>,
    pub curves: [Vec<(f64, f64)>; 4],
    /// 1-D: the y range drawn.
    pub curve_bounds: (f64, f64),
    /// 2-D: each variant's probability of class 1 on the `PLOT_GRID` grid.
    pub probabilities: [Vec<f64>; 4],
    /// Kept hidden units of the dropout variant's last mini-batch (first row), per layer.
    pub mask: Vec<Vec<bool>>,
    /// Units off in that mask, and units in all.
    pub mask_off: usize,
    pub mask_total: usize,
    /// Accuracy now per variant (classification only; not drawn, exported).
    pub accuracy: [Option<Accuracy>; 4],
}

impl View {
    /// The view of new data.
    pub fn new(reset: Reset) -> Self {
        let shape = reset.data.shape;
        let points = if shape == Shape::Curve {
            reset
                .data
                .x_train
                .iter()
                .map(|x| x[0])
                .zip(reset.data.y_train.iter().copied())
                .collect()
        } else {
            reset.data.x_train.iter().map(|x| (x[0], x[1])).collect()
        };
        let xs = plot_points(Shape::Curve);
        let mut view = Self {
            panel: Panel::Loss,
            hidden: Vec::new(),
            shape,
            cause: reset.cause,
            layers: reset.layers,
            history: reset.initial.map(|l| vec![l]),
            smoothed: Default::default(),
            best: [None; 4],
            points,
            labels: reset.data.y_train.clone(),
            truth: xs.column(0).iter().map(|&x| (x, Shape::curve(x))).collect(),
            curves: Default::default(),
            curve_bounds: (-1.5, 1.5),
            probabilities: Default::default(),
            mask: Vec::new(),
            mask_off: 0,
            mask_total: 0,
            accuracy: reset.accuracy,
        };
        view.set_predictions(reset.predictions);
        view.extend_smoothed();
        view
    }

    /// Smooths the epochs of `history` not yet smoothed and updates the best validation points.
    fn extend_smoothed(&mut self) {
        for v in 0..self.history.len() {
            let history = &self.history[v];
            for end in self.smoothed[v].len()..history.len() {
                let window = &history[(end + 1).saturating_sub(SMOOTHING_EPOCHS)..=end];
                let mean = |f: fn(&LabEpoch) -> f64| window.iter().map(f).sum::<f64>() / window.len() as f64;
                let point = Smoothed {
                    epoch: history[end].epoch,
                    train_loss: mean(|l| l.train_loss),
                    val_loss: mean(|l| l.val_loss),
                };
                if self.best[v].is_none_or(|b| point.val_loss < b.val_loss) {
                    self.best[v] = Some(point);
                }
                self.smoothed[v].push(point);
            }
        }
    }

    pub fn epoch(&self) -> usize {
        self.history[0].last().map_or(0, |l| l.epoch)
    }

    /// Folds a report into the view.
    pub fn apply(&mut self, report: Report) {
        match report {
            Report::Reset(reset) => {
                let (panel, hidden) = (self.panel, std::mem::take(&mut self.hidden));
                *self = View {
                    panel,
                    hidden,
                    ..View::new(*reset)
                };
            }
            Report::Epochs(epochs) => {
                for (history, losses) in self.history.iter_mut().zip(epochs.losses.iter()) {
                    history.extend_from_slice(losses);
                }
                self.extend_smoothed();
                self.set_predictions(epochs.predictions);
                self.accuracy = epochs.accuracy;
                self.mask_off = epochs
                    .mask
                    .iter()
                    .map(|layer| layer.iter().filter(|&&k| !k).count())
                    .sum();
                self.mask_total = epochs.mask.iter().map(Vec::len).sum();
                self.mask = epochs.mask;
            }
        }
    }

    /// The fits as curves (1-D, with the y range that shows them and the points) or as grids (2-D).
    fn set_predictions(&mut self, predictions: [Vec<f64>; 4]) {
        if self.shape != Shape::Curve {
            self.probabilities = predictions;
            return;
        }
        let xs: Vec<f64> = self.truth.iter().map(|&(x, _)| x).collect();
        self.curves = predictions.map(|p| xs.iter().copied().zip(p).collect());
        let (mut lo, mut hi) = (-1.5f64, 1.5f64);
        for &(_, y) in self.points.iter().chain(self.curves.iter().flatten()) {
            if y.is_finite() {
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
        self.curve_bounds = (lo.max(-4.0), hi.min(4.0));
    }
}
