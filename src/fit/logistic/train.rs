//! Logistic regression trained epoch by epoch, so the dynamics can be watched: the same objective as
//! [`logistic_path`](super::logistic_path),
//!
//! ```text
//! (1/n) sum_i [log(1 + e^eta_i) - y_i eta_i] + lambda (a ||w||_1 + (1 - a)/2 ||w||^2),  eta = b + X w
//! ```
//!
//! minimized by full-batch proximal gradient descent from the same initial weights for every model:
//! `lambda = 0` (unregularized), `a = 0` (ridge), `a = 1` (lasso: the soft threshold sets weights
//! exactly to zero), in between (elastic net). The intercept is not penalized.
//!
//! The step is `1 / (L/4 + lambda (1 - a))`, with `L` the largest eigenvalue of `[1 X]^T [1 X] / n`:
//! the log-loss's curvature is at most 1/4 of a least-squares one, so the step never overshoots. On
//! standardized features the columns are centred, so `L = max(1, lambda_max(X^T X / n))`.
//!
//! On classes the training rows separate, the unregularized objective has no minimizer: its infimum
//! 0 is approached as `|w|` grows like `log(epoch)`. Such a trainer never converges; the screen stops
//! it at an epoch limit and says why.

use super::{sigmoid, softplus};
use crate::fit::coordinate_descent::soft_threshold;
use crate::fit::train::{PenaltySpec, Settling, TrainData};
use crate::linalg::{dot, Matrix};

/// Losses and accuracies after an epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassEpoch {
    pub epoch: usize,
    /// Mean log-loss on the training rows, `(1/n) sum [log(1 + e^eta) - y eta]`.
    pub train_loss: f64,
    /// The same on the validation rows.
    pub val_loss: f64,
    /// Share of training rows on the right side of p = 1/2.
    pub train_accuracy: f64,
    pub val_accuracy: f64,
    /// The penalty's value at the current weights.
    pub penalty: f64,
    /// `||w||_2`: unbounded growth of it is what separable classes do to an unregularized model.
    pub weight_norm: f64,
}

/// Mean log-loss and accuracy of `(b, w)` on rows `x` with 0/1 labels `y`.
pub fn score(x: &Matrix, y: &[f64], b: f64, w: &[f64]) -> (f64, f64) {
    if y.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let eta = x.mul_vec(w);
    let (mut loss, mut right) = (0.0, 0usize);
    for (&e, &t) in eta.iter().zip(y) {
        let e = e + b;
        loss += softplus(e) - t * e;
        right += usize::from((e > 0.0) == (t > 0.5));
    }
    let n = y.len() as f64;
    (loss / n, right as f64 / n)
}

/// One logistic model being trained.
#[derive(Clone, Debug)]
pub struct LogisticTrainer {
    pub intercept: f64,
    pub weights: Vec<f64>,
    pub penalty: PenaltySpec,
    pub epoch: usize,
    /// Set when a loss stopped being finite; the trainer then stops.
    pub diverged: bool,
    /// The epoch at which it converged under its current penalty, if it has; it then rests.
    pub converged_at: Option<usize>,
    settling: Settling,
    /// The scores at the current weights and penalty, once computed: a model that rests (converged,
    /// or at the screen's epoch limit) does not score the same weights again every epoch.
    scored: Option<ClassEpoch>,
}

impl LogisticTrainer {
    /// A trainer from `intercept` and `weights` (the screen starts every model at the null model:
    /// weights 0, the intercept at the labels' log-odds).
    pub fn new(intercept: f64, weights: Vec<f64>, penalty: PenaltySpec) -> Self {
        Self {
            intercept,
            weights,
            penalty,
            epoch: 0,
            diverged: false,
            converged_at: None,
            settling: Settling::default(),
            scored: None,
        }
    }

    /// A new penalty: training goes on from the current weights until it converges again.
    pub fn set_penalty(&mut self, penalty: PenaltySpec) {
        if penalty != self.penalty {
            self.penalty = penalty;
            self.converged_at = None;
            self.settling = Settling::default();
            self.scored = None;
        }
    }

    /// Whether it is still training (neither converged nor diverged).
    pub fn training(&self) -> bool {
        self.converged_at.is_none() && !self.diverged
    }

    /// The losses and accuracies at the current weights.
    pub fn stats(&self, data: &TrainData) -> ClassEpoch {
        let (train_loss, train_accuracy) = score(&data.x_train, &data.y_train, self.intercept, &self.weights);
        let (val_loss, val_accuracy) = score(&data.x_val, &data.y_val, self.intercept, &self.weights);
        ClassEpoch {
            epoch: self.epoch,
            train_loss,
            val_loss,
            train_accuracy,
            val_accuracy,
            penalty: self.penalty.value(&self.weights),
            weight_norm: dot(&self.weights, &self.weights).sqrt(),
        }
    }

    /// An epoch without a step (the screen's epoch limit for this model is reached): the epoch counts,
    /// so every model's curve shares the epoch axis.
    pub fn rest(&mut self, data: &TrainData) -> ClassEpoch {
        self.epoch += 1;
        self.rescored(data)
    }

    /// [`LogisticTrainer::stats`] for weights that did not move since they were last scored.
    fn rescored(&mut self, data: &TrainData) -> ClassEpoch {
        let scored = match self.scored {
            Some(scored) => scored,
            None => self.stats(data),
        };
        self.scored = Some(scored);
        ClassEpoch {
            epoch: self.epoch,
            ..scored
        }
    }

    /// One epoch: a full-batch proximal gradient step, unless converged or diverged (the weights then
    /// stay and the epoch still counts, so every model's curve shares the epoch axis).
    pub fn step(&mut self, data: &TrainData) -> ClassEpoch {
        if !self.training() {
            return self.rest(data);
        }
        self.descend(data);
        let stats = self.stats(data);
        self.scored = Some(stats);
        let finite = stats.train_loss.is_finite() && stats.val_loss.is_finite();
        if !finite || self.weights.iter().any(|w| !w.is_finite()) {
            self.diverged = true;
        }
        stats
    }

    fn descend(&mut self, data: &TrainData) {
        let before = self.weights.clone();
        let x = &data.x_train;
        let n = x.nrows() as f64;
        let eta = x.mul_vec(&self.weights);
        let residual: Vec<f64> = eta
            .iter()
            .zip(&data.y_train)
            .map(|(e, y)| sigmoid(e + self.intercept) - y)
            .collect();
        let PenaltySpec { lambda, l1_ratio } = self.penalty;
        let l2 = lambda * (1.0 - l1_ratio);
        let step = 1.0 / (data.lipschitz.max(1.0) / 4.0 + l2);
        let intercept_move = step * residual.iter().sum::<f64>() / n;
        self.intercept -= intercept_move;
        for (j, w) in self.weights.iter_mut().enumerate() {
            let gradient = dot(x.col(j), &residual) / n + l2 * *w;
            let moved = *w - step * gradient;
            *w = if l1_ratio > 0.0 {
                soft_threshold(moved, step * lambda * l1_ratio)
            } else {
                moved
            };
        }
        self.epoch += 1;
        let moved: f64 = before.iter().zip(&self.weights).map(|(a, b)| (a - b) * (a - b)).sum();
        let moved = (moved + intercept_move * intercept_move).sqrt();
        let size = (dot(&self.weights, &self.weights) + self.intercept * self.intercept).sqrt();
        let support_changed = before
            .iter()
            .zip(&self.weights)
            .any(|(a, b)| (*a == 0.0) != (*b == 0.0));
        if self.settling.record(moved, size, support_changed) {
            self.converged_at = Some(self.epoch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::logistic::{logistic_path, LogisticOptions};

    /// Two standardized features; labels mostly follow the first, with a few flipped so the classes
    /// overlap (a finite unregularized minimizer exists).
    fn overlapping() -> TrainData {
        let n = 60;
        let a: Vec<f64> = (0..n).map(|i| ((i * 37) % 61) as f64 / 30.0 - 1.0).collect();
        let b: Vec<f64> = (0..n).map(|i| ((i * 17) % 59) as f64 / 29.0 - 1.0).collect();
        let y: Vec<f64> = (0..n)
            .map(|i| f64::from(u8::from((a[i] + 0.3 * b[i] > 0.0) != (i % 7 == 0))))
            .collect();
        let standardized = crate::data::Standardized::new(&Matrix::from_columns(n, &[a, b]), &y);
        let x = standardized.x.clone();
        TrainData::new(x.clone(), y.clone(), x, y)
    }

    #[test]
    fn each_penalty_trains_to_the_exact_solution() {
        let data = overlapping();
        for (lambda, l1_ratio) in [(0.02, 1.0), (0.02, 0.5), (0.05, 0.0)] {
            let penalty = PenaltySpec { lambda, l1_ratio };
            let mut trainer = LogisticTrainer::new(0.0, vec![0.0; 2], penalty);
            while trainer.training() && trainer.epoch < 200_000 {
                trainer.step(&data);
            }
            assert!(trainer.converged_at.is_some(), "{lambda} {l1_ratio}");
            let options = LogisticOptions {
                tol: 1e-12,
                ..LogisticOptions::default()
            };
            let exact = logistic_path(&data.x_train, &data.y_train, &[lambda], l1_ratio, &options).unwrap();
            for (w, e) in trainer.weights.iter().zip(&exact.coefs[0]) {
                assert!(
                    (w - e).abs() < 1e-4 * (1.0 + e.abs()),
                    "{w} vs {e} at {lambda} {l1_ratio}"
                );
            }
            assert!((trainer.intercept - exact.intercepts[0]).abs() < 1e-4);
        }
    }

    #[test]
    fn separable_classes_make_unregularized_weights_grow_while_ridge_stays_bounded() {
        let n = 40;
        let a: Vec<f64> = (0..n).map(|i| i as f64 - 19.5).collect();
        let y: Vec<f64> = a.iter().map(|&v| f64::from(u8::from(v > 0.0))).collect();
        let x = crate::data::Standardized::new(&Matrix::from_columns(n, &[a]), &y).x;
        let data = TrainData::new(x.clone(), y.clone(), x, y);
        let mut none = LogisticTrainer::new(0.0, vec![0.0], PenaltySpec::NONE);
        let ridge_penalty = PenaltySpec {
            lambda: 0.01,
            l1_ratio: 0.0,
        };
        let mut ridge = LogisticTrainer::new(0.0, vec![0.0], ridge_penalty);
        let norm_at = |t: &mut LogisticTrainer, epochs: usize| {
            let mut last = t.stats(&data);
            while t.epoch < epochs {
                last = t.step(&data);
            }
            last
        };
        let (early, late) = (norm_at(&mut none, 1_000), norm_at(&mut none, 20_000));
        assert_eq!(late.train_accuracy, 1.0);
        assert!(late.weight_norm > early.weight_norm + 1.0, "{early:?} {late:?}");
        assert!(none.converged_at.is_none());
        norm_at(&mut ridge, 20_000);
        assert!(ridge.converged_at.is_some());
        assert!(ridge.weights[0].is_finite() && ridge.weights[0] < late.weight_norm);
    }
}
