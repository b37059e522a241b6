//! The dropout lab: four copies of one network trained side by side from the same initial weights on
//! the same data: none, dropout, weight decay, and both.

use crate::data::nonlinear::{nonlinear, NonlinearData, Shape};
use crate::fit::mlp::{Activation, Mlp, MlpTrainer, Task, TrainSettings};
use ndarray::Array2;

/// The four variants, in screen order: `(name, uses dropout, uses weight decay)`.
pub const VARIANTS: [(&str, bool, bool); 4] = [
    ("none", false, false),
    ("dropout", true, false),
    ("decay", false, true),
    ("both", true, true),
];

/// The lab's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct LabSettings {
    pub shape: Shape,
    pub seed: u64,
    pub n_train: usize,
    pub n_val: usize,
    pub noise: f64,
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub dropout: f64,
    pub weight_decay: f64,
    pub learning_rate: f64,
    pub batch_size: usize,
}

impl LabSettings {
    /// `dropout-1d`: 30 noisy points of a smooth curve (noise sd 0.5), 300 validation points; two
    /// hidden layers of 64 ReLU units, so the unregularized network fits the noise.
    pub fn curve(seed: u64) -> Self {
        Self {
            shape: Shape::Curve,
            seed,
            n_train: 30,
            n_val: 300,
            noise: 0.5,
            hidden: vec![64, 64],
            activation: Activation::Relu,
            dropout: 0.3,
            weight_decay: 1e-3,
            learning_rate: 0.01,
            batch_size: 10,
        }
    }

    /// The settings for a shape.
    pub fn for_shape(shape: Shape, seed: u64) -> Self {
        if shape == Shape::Curve {
            Self::curve(seed)
        } else {
            Self::classification(shape, seed)
        }
    }

    /// `dropout-2d`: 2-D classification of `shape`.
    pub fn classification(shape: Shape, seed: u64) -> Self {
        Self {
            shape,
            n_train: 120,
            n_val: 600,
            noise: 0.15,
            batch_size: 20,
            ..Self::curve(seed)
        }
    }
}

/// Losses of one epoch, both in evaluation mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabEpoch {
    pub epoch: usize,
    pub train_loss: f64,
    pub val_loss: f64,
}

/// The data and the four trainers.
pub struct DropoutLab {
    pub settings: LabSettings,
    pub data: NonlinearData,
    x_train: Array2<f64>,
    x_val: Array2<f64>,
    pub trainers: [MlpTrainer; 4],
}

fn to_array(rows: &[Vec<f64>], width: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows.len(), width), |(i, j)| rows[i][j])
}

impl DropoutLab {
    pub fn new(settings: LabSettings) -> Self {
        let data = nonlinear(
            settings.shape,
            settings.n_train,
            settings.n_val,
            settings.noise,
            settings.seed,
        );
        let width = settings.shape.inputs();
        let task = if settings.shape.is_classification() {
            Task::Classification
        } else {
            Task::Regression
        };
        let initial = Mlp::new(width, &settings.hidden, settings.activation, task, settings.seed ^ 0xd0);
        let trainers = std::array::from_fn(|v| {
            let (_, uses_dropout, uses_decay) = VARIANTS[v];
            let train = TrainSettings {
                dropout: if uses_dropout { settings.dropout } else { 0.0 },
                weight_decay: if uses_decay { settings.weight_decay } else { 0.0 },
                learning_rate: settings.learning_rate,
                batch_size: settings.batch_size,
            };
            // Every variant shuffles its batches and draws its masks from the same seed.
            MlpTrainer::new(initial.clone(), train, settings.seed ^ 0xba7c)
        });
        Self {
            x_train: to_array(&data.x_train, width),
            x_val: to_array(&data.x_val, width),
            data,
            settings,
            trainers,
        }
    }

    /// Losses of variant `v` now.
    pub fn losses(&self, v: usize) -> LabEpoch {
        let t = &self.trainers[v];
        LabEpoch {
            epoch: t.epoch,
            train_loss: t.net.evaluate(self.x_train.view(), &self.data.y_train),
            val_loss: t.net.evaluate(self.x_val.view(), &self.data.y_val),
        }
    }

    /// One epoch of every variant; the losses after it.
    pub fn epoch(&mut self) -> [LabEpoch; 4] {
        for t in &mut self.trainers {
            t.epoch(self.x_train.view(), &self.data.y_train);
        }
        std::array::from_fn(|v| self.losses(v))
    }

    /// Changes the dropout rate and weight decay of the variants that use them (training goes on).
    pub fn set_regularization(&mut self, dropout: f64, weight_decay: f64) {
        self.settings.dropout = dropout;
        self.settings.weight_decay = weight_decay;
        for (t, (_, uses_dropout, uses_decay)) in self.trainers.iter_mut().zip(VARIANTS) {
            t.settings.dropout = if uses_dropout { dropout } else { 0.0 };
            t.settings.weight_decay = if uses_decay { weight_decay } else { 0.0 };
        }
    }

    /// Evaluation-mode outputs of variant `v` at `points` (rows of inputs): the fitted value for
    /// regression, the probability of class 1 for classification.
    pub fn predict(&self, v: usize, points: &Array2<f64>) -> Vec<f64> {
        let f = self.trainers[v].net.predict(points.view());
        if self.settings.shape.is_classification() {
            f.iter().map(|&z| 1.0 / (1.0 + (-z).exp())).collect()
        } else {
            f.to_vec()
        }
    }

    /// Which hidden units the dropout variant kept for the first row of its last mini-batch, per layer.
    pub fn live_mask(&self) -> Vec<Vec<bool>> {
        self.trainers[1]
            .last_masks
            .iter()
            .map(|m| m.row(0).iter().map(|&v| v > 0.0).collect())
            .collect()
    }
}

/// The points where the fits are drawn: 1-D, `PLOT_POINTS` values over the inputs' range; 2-D, a
/// `PLOT_GRID x PLOT_GRID` grid (row-major, top row first).
pub fn plot_points(shape: Shape) -> Array2<f64> {
    if shape == Shape::Curve {
        Array2::from_shape_fn((PLOT_POINTS, 1), |(i, _)| {
            -2.2 + 4.4 * i as f64 / (PLOT_POINTS - 1) as f64
        })
    } else {
        Array2::from_shape_fn((PLOT_GRID * PLOT_GRID, 2), |(k, j)| {
            let (row, col) = (k / PLOT_GRID, k % PLOT_GRID);
            let t = if j == 0 { col } else { PLOT_GRID - 1 - row };
            -PLOT_EXTENT + 2.0 * PLOT_EXTENT * t as f64 / (PLOT_GRID - 1) as f64
        })
    }
}

pub const PLOT_POINTS: usize = 121;
pub const PLOT_GRID: usize = 32;
/// The 2-D plots cover `[-PLOT_EXTENT, PLOT_EXTENT]^2`.
pub const PLOT_EXTENT: f64 = 1.5;
