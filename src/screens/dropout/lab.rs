//! The dropout lab: four copies of one network trained side by side from the same initial weights on
//! the same data, batches and masks: none, dropout, weight decay, and both.

use super::settings::{Network, Settings, LAB_EPOCHS};
use super::view::{plot_points, Accuracy, Cause, Epochs, LabEpoch, Report, Reset, MASK_VARIANT, VARIANTS};
use crate::data::nonlinear::{nonlinear, NonlinearData};
use crate::fit::mlp::{Mlp, MlpTrainer, Task, TrainSettings};
use ndarray::Array2;

/// The data and the four trainers.
pub struct Lab {
    /// The settings the data and trainers were made or last set for.
    settings: Settings,
    data: NonlinearData,
    x_train: Array2<f64>,
    x_val: Array2<f64>,
    trainers: [MlpTrainer; 4],
    /// Where the fits are evaluated for drawing.
    points: Array2<f64>,
    /// The lab trains until its epoch reaches this.
    target_epoch: usize,
    /// Why the networks are at epoch 0 (shown until the next restart).
    cause: Cause,
}

fn to_array(rows: &[Vec<f64>], width: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows.len(), width), |(i, j)| rows[i][j])
}

impl Lab {
    /// New data and networks for `settings`, at epoch 0.
    pub fn new(settings: &Settings) -> Self {
        let network = Network::for_shape(settings.shape);
        let data = nonlinear(
            settings.shape,
            network.n_train,
            network.n_val,
            network.noise,
            settings.seed,
        );
        let width = settings.shape.inputs();
        let task = if settings.shape.is_classification() {
            Task::Classification
        } else {
            Task::Regression
        };
        let initial = Mlp::new(width, &network.hidden, network.activation, task, settings.seed ^ 0xd0);
        let trainers = std::array::from_fn(|_| {
            let train = TrainSettings {
                dropout: 0.0,
                weight_decay: 0.0,
                learning_rate: network.learning_rate,
                batch_size: network.batch_size,
            };
            // Every variant shuffles its batches and draws its masks from the same seed.
            MlpTrainer::new(initial.clone(), train, settings.seed ^ 0xba7c)
        });
        let mut lab = Self {
            x_train: to_array(&data.x_train, width),
            x_val: to_array(&data.x_val, width),
            points: plot_points(settings.shape),
            data,
            settings: settings.clone(),
            trainers,
            target_epoch: LAB_EPOCHS,
            cause: Cause::Start,
        };
        lab.set_regularization(settings.rate, settings.weight_decay);
        lab
    }

    /// What is drawn about the lab as it is now (new data).
    pub fn reset_report(&self) -> Report {
        Report::Reset(Box::new(Reset {
            data: self.data.clone(),
            layers: Network::for_shape(self.settings.shape).hidden.len(),
            initial: std::array::from_fn(|v| self.losses(v)),
            predictions: std::array::from_fn(|v| self.predict(v)),
            accuracy: std::array::from_fn(|v| self.accuracy(v)),
            cause: self.cause,
        }))
    }

    pub fn epoch(&self) -> usize {
        self.trainers[0].epoch
    }

    /// Losses of variant `v` now, both in evaluation mode: MSE for regression, logistic loss for
    /// classification (see [`Mlp::error`]).
    pub fn losses(&self, v: usize) -> LabEpoch {
        let t = &self.trainers[v];
        LabEpoch {
            epoch: t.epoch,
            train_loss: t.net.error(self.x_train.view(), &self.data.y_train),
            val_loss: t.net.error(self.x_val.view(), &self.data.y_val),
        }
    }

    /// One epoch of every variant; the losses after it.
    pub fn epoch_all(&mut self) -> [LabEpoch; 4] {
        for t in &mut self.trainers {
            t.epoch(self.x_train.view(), &self.data.y_train);
        }
        std::array::from_fn(|v| self.losses(v))
    }

    /// Sets the dropout rate and weight decay of the variants that use them.
    fn set_regularization(&mut self, rate: f64, weight_decay: f64) {
        self.settings.rate = rate;
        self.settings.weight_decay = weight_decay;
        for (t, variant) in self.trainers.iter_mut().zip(VARIANTS) {
            t.settings.dropout = if variant.dropout { rate } else { 0.0 };
            t.settings.weight_decay = if variant.decay { weight_decay } else { 0.0 };
        }
    }

    /// Evaluation-mode outputs of variant `v` at the plot points: the fitted value for regression,
    /// the probability of class 1 for classification.
    fn predict(&self, v: usize) -> Vec<f64> {
        let f = self.trainers[v].net.predict(self.points.view());
        if self.settings.shape.is_classification() {
            f.iter().map(|&z| 1.0 / (1.0 + (-z).exp())).collect()
        } else {
            f.to_vec()
        }
    }

    /// Variant `v`'s accuracy on the training and validation rows, for classification (labels 0 and
    /// 1; the output is the log-odds of class 1, so class 1 is predicted where it is positive).
    fn accuracy(&self, v: usize) -> Option<Accuracy> {
        if !self.settings.shape.is_classification() {
            return None;
        }
        let net = &self.trainers[v].net;
        let share = |x: &Array2<f64>, y: &[f64]| {
            let right = net
                .predict(x.view())
                .iter()
                .zip(y)
                .filter(|(&f, &y)| (f > 0.0) == (y > 0.5))
                .count();
            right as f64 / y.len().max(1) as f64
        };
        Some(Accuracy {
            train: share(&self.x_train, &self.data.y_train),
            val: share(&self.x_val, &self.data.y_val),
        })
    }

    /// Which hidden units the dropout variant kept for the first row of its last mini-batch, per layer.
    fn live_mask(&self) -> Vec<Vec<bool>> {
        self.trainers[MASK_VARIANT]
            .last_masks
            .iter()
            .map(|m| m.row(0).iter().map(|&v| v > 0.0).collect())
            .collect()
    }
}

impl crate::screens::Lab for Lab {
    type Settings = Settings;
    type Report = Report;

    /// Another dataset or seed makes new data; any other change (the rate, the decay, `R`) starts
    /// the four networks over from the same initial weights on the same data, batches and masks, so
    /// that two settings are compared on equal terms rather than one continuing from the other.
    fn configure(&mut self, settings: &Settings) -> Vec<Report> {
        if *settings == self.settings {
            return Vec::new();
        }
        let cause = if (settings.shape, settings.seed) != (self.settings.shape, self.settings.seed) {
            Cause::NewData
        } else {
            Cause::Restart
        };
        *self = Lab::new(settings);
        self.cause = cause;
        vec![self.reset_report()]
    }

    fn advance(&mut self, epochs: usize) -> Report {
        let mut losses: [Vec<LabEpoch>; 4] = Default::default();
        for _ in 0..epochs {
            for (v, l) in self.epoch_all().into_iter().enumerate() {
                losses[v].push(l);
            }
        }
        Report::Epochs(Box::new(Epochs {
            losses,
            predictions: std::array::from_fn(|v| self.predict(v)),
            mask: self.live_mask(),
            accuracy: std::array::from_fn(|v| self.accuracy(v)),
        }))
    }

    fn epochs_wanted(&self) -> usize {
        self.target_epoch.saturating_sub(self.epoch())
    }
}
