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

/// How close to its minimizer a trainer must be, relative to the size of its weights, to be called
/// converged.
pub const CONVERGED_TOL: f64 = 1e-6;

/// The number of recent steps whose contraction is watched.
const WINDOW: usize = 16;

/// Whether (proximal) gradient descent has converged, judged from its steps alone.
///
/// Near its minimizer the iteration contracts linearly: each step is about `rho` times the one before,
/// so the distance still to go is about `step * rho / (1 - rho)` (a geometric series). The relative
/// change of the objective is no such measure: on the lasso at lambda_max it falls below 1e-9 a
/// hundred epochs before the last weight reaches zero. Here the largest contraction of the last
/// [`WINDOW`] steps stands for `rho`, and the support must not have changed over them, since a weight
/// that is about to reach zero is not converged. A step of exactly zero is a fixed point: the exact
/// minimizer. It is an estimate, not a certificate: the ratio of successive steps grows towards the
/// slowest rate, so while fast directions still dominate the steps it can underestimate `rho`. Checked
/// against the exact solutions on every scenario (5 scenarios, 3 penalties, 4 lambdas, 3 seeds: within
/// 1.0e-6 relative, the same zeros), and `tests/settled.rs` keeps checking it to 1e-3.
#[derive(Clone, Debug, Default)]
pub struct Settling {
    /// Norms of the most recent steps, oldest first.
    steps: Vec<f64>,
    /// Steps since the support last changed.
    same_support: usize,
}

impl Settling {
    /// Records a step of norm `step` from weights of norm `size`; returns whether the trainer has
    /// converged.
    pub fn record(&mut self, step: f64, size: f64, support_changed: bool) -> bool {
        if step == 0.0 {
            return true;
        }
        self.same_support = if support_changed { 0 } else { self.same_support + 1 };
        if self.steps.len() == WINDOW {
            self.steps.remove(0);
        }
        self.steps.push(step);
        if self.steps.len() < WINDOW || self.same_support < WINDOW {
            return false;
        }
        let rho = self
            .steps
            .windows(2)
            .map(|pair| pair[1] / pair[0])
            .fold(0.0f64, f64::max);
        rho < 1.0 && step * rho / (1.0 - rho) <= CONVERGED_TOL * size
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
    /// The epoch at which it converged under its current penalty, if it has; it then rests.
    pub converged_at: Option<usize>,
    settling: Settling,
}

impl Trainer {
    pub fn new(initial: Vec<f64>, penalty: PenaltySpec) -> Self {
        Self {
            weights: initial,
            penalty,
            epoch: 0,
            diverged: false,
            converged_at: None,
            settling: Settling::default(),
        }
    }

    /// A new penalty: training goes on from the current weights until it converges again.
    pub fn set_penalty(&mut self, penalty: PenaltySpec) {
        if penalty != self.penalty {
            self.penalty = penalty;
            self.converged_at = None;
            self.settling = Settling::default();
        }
    }

    /// Whether it is still training (neither converged nor diverged).
    pub fn training(&self) -> bool {
        self.converged_at.is_none() && !self.diverged
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

    /// One epoch: a full-batch (proximal) gradient step, unless converged or diverged (the weights then
    /// stay, and the epoch still counts, so every model's curve shares the epoch axis). Returns the
    /// losses after it.
    pub fn step(&mut self, data: &TrainData) -> EpochStats {
        if !self.training() {
            self.epoch += 1;
            return self.stats(data);
        }
        {
            let before = self.weights.clone();
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
            let step = before
                .iter()
                .zip(&self.weights)
                .map(|(a, b)| (a - b) * (a - b))
                .sum::<f64>()
                .sqrt();
            let size = self.weights.iter().map(|w| w * w).sum::<f64>().sqrt();
            let support_changed = before
                .iter()
                .zip(&self.weights)
                .any(|(a, b)| (*a == 0.0) != (*b == 0.0));
            if self.settling.record(step, size, support_changed) {
                self.converged_at = Some(self.epoch);
            }
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
        while trainer.training() && trainer.epoch < 100_000 {
            trainer.step(&d);
        }
        let converged_at = trainer.converged_at.expect("ISTA converges on this problem");
        assert!(converged_at < 5000, "it took {converged_at} epochs");
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
        let norm = exact.coefs[0].iter().map(|v| v * v).sum::<f64>().sqrt();
        for (a, b) in trainer.weights.iter().zip(&exact.coefs[0]) {
            // Converged means within about CONVERGED_TOL of the minimizer, relatively.
            assert!((a - b).abs() < 10.0 * CONVERGED_TOL * norm, "{a} vs {b}");
            assert_eq!(*a == 0.0, *b == 0.0, "ISTA zeros exactly where the lasso does");
        }
    }

    #[test]
    fn a_converged_trainer_rests_until_its_penalty_changes() {
        let d = data();
        let lasso = |lambda| PenaltySpec { lambda, l1_ratio: 1.0 };
        let mut trainer = Trainer::new(vec![0.0; d.p()], lasso(0.3));
        while trainer.training() {
            trainer.step(&d);
        }
        let resting = trainer.weights.clone();
        let stats = trainer.step(&d);
        assert_eq!(trainer.weights, resting, "a converged trainer does not move");
        assert_eq!(stats.epoch, trainer.epoch, "but its epochs still count");
        trainer.set_penalty(lasso(0.3));
        assert!(!trainer.training(), "the same penalty again changes nothing");
        trainer.set_penalty(lasso(0.1));
        assert!(trainer.training(), "a new penalty trains again");
        trainer.step(&d);
        assert_ne!(trainer.weights, resting);
    }

    #[test]
    fn settling_sees_a_fixed_point_and_a_contraction_but_not_a_support_change() {
        let mut settling = Settling::default();
        assert!(settling.record(0.0, 1.0, false), "a zero step is a fixed point");
        // Steps halving each time from weights of size 1: the distance left is about the last step.
        let mut settling = Settling::default();
        let mut step = 1.0;
        let mut converged_after = None;
        for k in 0..60 {
            step *= 0.5;
            if settling.record(step, 1.0, false) {
                converged_after = Some(k);
                break;
            }
        }
        let k = converged_after.expect("a contraction converges");
        assert!(
            0.5f64.powi(k + 1) <= CONVERGED_TOL,
            "not before the distance left is small"
        );
        // A support change restarts the wait.
        let mut settling = Settling::default();
        for _ in 0..WINDOW {
            settling.record(1e-12, 1.0, false);
        }
        assert!(!settling.record(1e-13, 1.0, true));
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
