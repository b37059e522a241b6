//! The duality gap of the elastic-net problem: a certificate of how far a solution can be from optimal.
//!
//! Primal, on standardized data with `n` rows (scikit-learn's scaling; `l1_ratio` is the L1 share):
//!
//! ```text
//! P(w) = 1/(2n) ||y - X w||^2 + lambda * l1_ratio * ||w||_1 + lambda * (1 - l1_ratio) / 2 * ||w||^2
//! ```
//!
//! Writing the elastic net as a lasso on augmented data `[X; sqrt(n l2) I]`, `[y; 0]`, any point `v`
//! gives a dual feasible point: its augmented residual `[y - X v; -sqrt(n l2) v]`, scaled by
//! `s = min(1, n l1 / max_j |x_j^T (y - X v) - n l2 v_j|)`, with dual value (times `n`)
//!
//! ```text
//! D(v) = s r^T y - s^2 / 2 (||r||^2 + n l2 ||v||^2),   r = y - X v
//! ```
//!
//! With `v = w` this is scikit-learn's `enet_path` gap; any other `v` (an extrapolated iterate, an
//! earlier one) gives another lower bound on the optimum, and the best of them certifies `w`. Gaps are
//! reported times `n` and divided by `||y||^2`, so they are in scikit-learn's `tol` units and bound
//! `(P(w) - P*) * n / ||y||^2`.

/// The problem's scalars. The penalty is given as its two weights, `l1 = lambda * l1_ratio` and
/// `l2 = lambda * (1 - l1_ratio)`, so a problem whose target was divided by a constant `c` (which divides
/// `l1` by `c` and leaves `l2` alone) is described as exactly as the original.
#[derive(Clone, Copy, Debug)]
pub struct Scalars {
    pub n: usize,
    pub l1: f64,
    pub l2: f64,
    /// `||y||^2`.
    pub y_norm2: f64,
}

/// What is known at one point `v`: `x_j^T (y - X v) / n` for every feature, `||y - X v||^2` and
/// `(y - X v)^T y`.
#[derive(Clone, Copy, Debug)]
pub struct PointStats<'a> {
    pub v: &'a [f64],
    pub gradient: &'a [f64],
    pub r_norm2: f64,
    pub r_dot_y: f64,
}

impl Scalars {
    /// `n P(w)` from `||y - X w||^2`.
    pub fn primal(&self, w: &[f64], r_norm2: f64) -> f64 {
        let (mut l1_norm, mut l2_norm2) = (0.0, 0.0);
        for &wj in w {
            l1_norm += wj.abs();
            l2_norm2 += wj * wj;
        }
        let n = self.n as f64;
        0.5 * r_norm2 + n * (self.l1 * l1_norm + 0.5 * self.l2 * l2_norm2)
    }

    /// `n D` of the dual point built from `point` (see the module documentation).
    pub fn dual(&self, point: &PointStats) -> f64 {
        let (l1, l2) = (self.l1, self.l2);
        let mut dual_norm = 0.0f64;
        let mut v_norm2 = 0.0;
        for (&vj, &gj) in point.v.iter().zip(point.gradient) {
            dual_norm = dual_norm.max((gj - l2 * vj).abs());
            v_norm2 += vj * vj;
        }
        let s = if dual_norm > l1 { l1 / dual_norm } else { 1.0 };
        let n = self.n as f64;
        s * point.r_dot_y - 0.5 * s * s * (point.r_norm2 + n * l2 * v_norm2)
    }

    /// `(n P(w) - best dual) / ||y||^2`, never negative; infinite when it cannot be computed.
    pub fn relative_gap(&self, primal: f64, best_dual: f64) -> f64 {
        let difference = primal - best_dual;
        // NaN (a non-finite primal or dual) certifies nothing: `NaN.max(0.0)` would say 0.
        if difference.is_nan() {
            f64::INFINITY
        } else if difference <= 0.0 {
            0.0
        } else {
            difference / self.y_norm2
        }
    }
}
