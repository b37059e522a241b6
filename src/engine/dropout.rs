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
    /// `dropout-1d`: 30 noisy points of a smooth curve, 300 validation points.
    pub fn curve(seed: u64) -> Self {
        Self {
            shape: Shape::Curve,
            seed,
            n_train: 30,
            n_val: 300,
            noise: 0.3,
            hidden: vec![64, 64],
            activation: Activation::Relu,
            dropout: 0.2,
            weight_decay: 1e-2,
            learning_rate: 0.01,
            batch_size: 10,
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

    /// Evaluation-mode outputs of variant `v` at `points` (rows of inputs).
    pub fn predict(&self, v: usize, points: &[Vec<f64>]) -> Vec<f64> {
        let x = to_array(points, self.settings.shape.inputs());
        self.trainers[v].net.predict(x.view()).to_vec()
    }
}
