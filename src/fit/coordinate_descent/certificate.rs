//! What one lambda of the path is judged by: its penalty, as two weights, and the duality-gap
//! certificate that keeps the best dual point seen (see [`crate::fit::gap`]).

use super::gradients::Problem;
use crate::fit::gap::{PointStats, Scalars};

/// The penalty at one point of the path, as its two weights: `l1 = lambda * l1_ratio` on `||w||_1` and
/// `l2 = lambda * (1 - l1_ratio)` on `||w||^2 / 2`.
#[derive(Clone, Copy)]
pub(super) struct Penalty {
    pub(super) l1: f64,
    pub(super) l2: f64,
}

impl Penalty {
    pub(super) fn scalars(self, problem: &Problem) -> Scalars {
        Scalars {
            n: problem.n,
            l1: self.l1,
            l2: self.l2,
            y_norm2: problem.y_norm2,
        }
    }
}

/// The best dual value seen at the current lambda: every dual point is a lower bound on the optimum,
/// so the largest certifies the current iterate most tightly.
pub(super) struct Certificate {
    scalars: Scalars,
    best_dual: f64,
}

impl Certificate {
    pub(super) fn new(scalars: Scalars) -> Self {
        Self {
            scalars,
            best_dual: f64::NEG_INFINITY,
        }
    }

    /// Offers the dual point built from `(v, g, ||r||^2, r^T y)`.
    pub(super) fn offer(&mut self, v: &[f64], (gradient, r_norm2, r_dot_y): (&[f64], f64, f64)) {
        let dual = self.scalars.dual(&PointStats {
            v,
            gradient,
            r_norm2,
            r_dot_y,
        });
        if dual.is_finite() {
            self.best_dual = self.best_dual.max(dual);
        }
    }

    /// The relative gap of `w`, whose residual has squared norm `r_norm2`.
    pub(super) fn gap(&self, w: &[f64], r_norm2: f64) -> f64 {
        self.scalars
            .relative_gap(self.scalars.primal(w, r_norm2), self.best_dual)
    }
}
