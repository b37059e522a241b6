//! Iterative trainers: the same models as the exact solvers, trained epoch by epoch so the dynamics can
//! be watched. Every model minimizes, by (proximal) gradient descent from the same initial weights,
//!
//! ```text
//! 1/(2n) ||y - X w||^2 + lambda * l1_ratio * ||w||_1 + lambda * (1 - l1_ratio) / 2 * ||w||^2
//! ```
//!
//! with `lambda = 0` (unregularized), `l1_ratio = 0` (ridge: plain gradient descent), `l1_ratio = 1` (lasso:
//! ISTA, whose soft-thresholding step sets weights exactly to zero) or `0 < l1_ratio < 1` (elastic net:
//! ISTA on the L1 part). The step is `1 / (L + lambda (1 - l1_ratio))` with `L` the largest eigenvalue of
//! `X^T X / n`, the largest step that can never diverge; an epoch is one full-batch step.

use super::coordinate_descent::soft_threshold;
use crate::linalg::Matrix;
use crate::linalg::{axpy, dot};

/// Training and validation data, standardized with the training rows' statistics.
#[derive(Clone, Debug)]
pub struct TrainData {
    pub x_train: Matrix,
    pub y_train: Vec<f64>,
    pub x_val: Matrix,
    pub y_val: Vec<f64>,
    /// Largest eigenvalue of `X^T X / n` on the training rows.
    pub lipschitz: f64,
}

impl TrainData {
    /// Wraps standardized matrices and computes the step-size bound by power iteration.
    pub fn new(x_train: Matrix, y_train: Vec<f64>, x_val: Matrix, y_val: Vec<f64>) -> Self {
        let lipschitz = largest_eigenvalue(&x_train);
        Self {
            x_train,
            y_train,
            x_val,
            y_val,
            lipschitz,
        }
    }

    pub fn p(&self) -> usize {
        self.x_train.ncols()
    }
}

/// `lambda_max(X^T X / n)` by power iteration (a few dozen products; the exact value is not needed, a
/// slight overestimate only shortens the step).
fn largest_eigenvalue(x: &Matrix) -> f64 {
    if x.ncols() == 0 || x.nrows() == 0 {
        return 1.0;
    }
    // A margin for the iteration's underestimate.
    (super::grid::power_iteration(x, 1e-9, 100) * 1.01).max(f64::MIN_POSITIVE)
}

/// The penalty a trainer applies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PenaltySpec {
    pub lambda: f64,
    /// The L1 share: 0 ridge, 1 lasso.
    pub l1_ratio: f64,
}

impl PenaltySpec {
    pub const NONE: PenaltySpec = PenaltySpec {
        lambda: 0.0,
        l1_ratio: 0.0,
    };

    /// `lambda (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2)`.
    pub fn value(&self, w: &[f64]) -> f64 {
        let l1: f64 = w.iter().map(|v| v.abs()).sum();
        let l2: f64 = w.iter().map(|v| v * v).sum();
        self.lambda * (self.l1_ratio * l1 + 0.5 * (1.0 - self.l1_ratio) * l2)
    }
}

/// The losses after an epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochStats {
    pub epoch: usize,
    /// `1/(2n) ||y - X w||^2` on the training rows.
    pub train_loss: f64,
    /// The same on the validation rows.
    pub val_loss: f64,
    pub penalty: f64,
}

impl EpochStats {
    /// The objective being minimized.
    pub fn total(&self) -> f64 {
        self.train_loss + self.penalty
    }

    /// Mean squared errors `(train, validation)`.
    pub fn mse(&self) -> (f64, f64) {
        (2.0 * self.train_loss, 2.0 * self.val_loss)
    }
}

/// One model being trained.
#[derive(Clone, Debug)]
pub struct Trainer {
    pub weights: Vec<f64>,
    pub penalty: PenaltySpec,
    pub epoch: usize,
    /// Set when a loss stopped being finite; the trainer then stops.
    pub diverged: bool,
}

impl Trainer {
    pub fn new(initial: Vec<f64>, penalty: PenaltySpec) -> Self {
        Self {
            weights: initial,
            penalty,
            epoch: 0,
            diverged: false,
        }
    }

    /// The losses at the current weights.
    pub fn stats(&self, data: &TrainData) -> EpochStats {
        EpochStats {
            epoch: self.epoch,
            train_loss: half_mse(&data.x_train, &data.y_train, &self.weights),
            val_loss: half_mse(&data.x_val, &data.y_val, &self.weights),
            penalty: self.penalty.value(&self.weights),
        }
    }

    /// One epoch: a full-batch (proximal) gradient step. Returns the losses after it.
    pub fn step(&mut self, data: &TrainData) -> EpochStats {
        if !self.diverged {
            let n = data.x_train.nrows() as f64;
            let fitted = data.x_train.mul_vec(&self.weights);
            let residual: Vec<f64> = data.y_train.iter().zip(&fitted).map(|(y, f)| y - f).collect();
            let PenaltySpec { lambda, l1_ratio } = self.penalty;
            let l2 = lambda * (1.0 - l1_ratio);
            let step = 1.0 / (data.lipschitz + l2);
            for (j, w) in self.weights.iter_mut().enumerate() {
                let gradient = -dot(data.x_train.col(j), &residual) / n + l2 * *w;
                let moved = *w - step * gradient;
                *w = if l1_ratio > 0.0 {
                    soft_threshold(moved, step * lambda * l1_ratio)
                } else {
                    moved
                };
            }
            self.epoch += 1;
        }
        let stats = self.stats(data);
        if !(stats.train_loss.is_finite() && stats.val_loss.is_finite()) || self.weights.iter().any(|w| !w.is_finite())
        {
            self.diverged = true;
        }
        stats
    }
}

/// `1/(2n) ||y - X w||^2`.
pub fn half_mse(x: &Matrix, y: &[f64], w: &[f64]) -> f64 {
    if y.is_empty() {
        return 0.0;
    }
    let mut fitted = x.mul_vec(w);
    axpy(-1.0, y, &mut fitted);
    0.5 * dot(&fitted, &fitted) / y.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{generate, Noise, Pattern, Standardized, SyntheticSpec};
    use crate::fit::{enet_path, CdOptions};

    fn data() -> TrainData {
        let spec = SyntheticSpec {
            n: 120,
            p: 8,
            k: 3,
            rho: 0.3,
            noise: Noise::Snr(3.0),
            pattern: Pattern::SparseStrong,
            validation_fraction: 0.25,
            seed: 3,
        };
        let synthetic = generate(&spec);
        let train = synthetic.dataset.select_rows(&synthetic.split.train);
        let s = Standardized::from_owned(train.x, train.y);
        let val = synthetic.dataset.select_rows(&synthetic.split.validation);
        TrainData::new(s.x.clone(), s.y.clone(), val.x, val.y)
    }

    #[test]
    fn ista_converges_to_the_coordinate_descent_lasso_solution() {
        let d = data();
        let penalty = PenaltySpec {
            lambda: 0.3,
            l1_ratio: 1.0,
        };
        let mut trainer = Trainer::new(vec![0.0; d.p()], penalty);
        for _ in 0..5000 {
            trainer.step(&d);
        }
        let exact = enet_path(
            &d.x_train,
            &d.y_train,
            &[0.3],
            1.0,
            &CdOptions {
                tol: 1e-14,
                ..Default::default()
            },
        );
        for (a, b) in trainer.weights.iter().zip(&exact.coefs[0]) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
            assert_eq!(*a == 0.0, *b == 0.0, "ISTA zeros exactly where the lasso does");
        }
    }

    #[test]
    fn the_training_objective_never_increases() {
        let d = data();
        for penalty in [
            PenaltySpec::NONE,
            PenaltySpec {
                lambda: 0.2,
                l1_ratio: 0.0,
            },
            PenaltySpec {
                lambda: 0.2,
                l1_ratio: 0.5,
            },
        ] {
            let mut trainer = Trainer::new(vec![0.0; d.p()], penalty);
            let mut last = trainer.stats(&d).total();
            for _ in 0..200 {
                let total = trainer.step(&d).total();
                assert!(total <= last + 1e-12, "{penalty:?}: {total} > {last}");
                last = total;
            }
        }
    }
}
