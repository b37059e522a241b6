//! Anderson acceleration of the active-set sweeps.

use super::certificate::{Certificate, Penalty};
use super::gradients::{GradientKeeper, Problem};
use crate::linalg::{axpy, dot};

/// Anderson acceleration of coordinate descent on a fixed active set (Bertrand & Massias 2021): on a
/// fixed support the sweeps are a linear fixed-point map, so a combination of the last iterates whose
/// coefficients sum to one and minimize the combined step can jump most of the way to the fixed point.
/// The extrapolated point is kept only if it lowers the objective, so convergence is never harmed.
pub(super) struct Anderson {
    /// Up to `DEPTH + 1` snapshots of the active coefficients.
    snapshots: Vec<Vec<f64>>,
    len: usize,
}

impl Anderson {
    const DEPTH: usize = 5;

    pub(super) fn new(len: usize) -> Self {
        Self {
            snapshots: Vec::with_capacity(Self::DEPTH + 1),
            len,
        }
    }

    pub(super) fn push(&mut self, active: &[usize], w: &[f64]) {
        self.snapshots.push(active.iter().map(|&j| w[j]).collect());
    }

    pub(super) fn is_full(&self) -> bool {
        self.snapshots.len() > Self::DEPTH
    }

    /// Tries the extrapolated point and keeps it if the objective is lower; starts a new history.
    pub(super) fn extrapolate<K: GradientKeeper>(
        &mut self,
        problem: &Problem,
        keeper: &mut K,
        w: &mut [f64],
        active: &[usize],
        penalty: Penalty,
        certificate: &mut Certificate,
    ) {
        let snapshots = std::mem::take(&mut self.snapshots);
        let current = snapshots.last().expect("full history").clone();
        self.snapshots.push(current.clone());
        let Some(weights) = anderson_weights(&snapshots, self.len) else {
            return;
        };
        let mut candidate = vec![0.0; self.len];
        for (c, snapshot) in weights.iter().zip(&snapshots[1..]) {
            axpy(*c, snapshot, &mut candidate);
        }
        let scalars = penalty.scalars(problem);
        let before = scalars.primal(w, keeper.residual_norm2(w));
        move_to(keeper, w, active, &candidate);
        let after = scalars.primal(w, keeper.residual_norm2(w));
        // Whether or not the point is kept, its residual is a dual point (often the best one).
        if let Some(stats) = keeper.cheap(w) {
            certificate.offer(w, stats);
        }
        let improved = after < before;
        if !improved {
            move_to(keeper, w, active, &current);
        } else {
            self.snapshots.clear();
            self.snapshots.push(candidate);
        }
    }
}

/// The affine combination weights `c = M^-1 1 / (1^T M^-1 1)`, `M = U^T U` for the successive
/// differences `U` of the snapshots; `None` when the system is too ill-conditioned to trust.
fn anderson_weights(snapshots: &[Vec<f64>], len: usize) -> Option<Vec<f64>> {
    let k = snapshots.len() - 1;
    let diffs: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..len).map(|t| snapshots[i + 1][t] - snapshots[i][t]).collect())
        .collect();
    let mut m = vec![0.0; k * k];
    for a in 0..k {
        for b in 0..=a {
            let v = dot(&diffs[a], &diffs[b]);
            m[a * k + b] = v;
            m[b * k + a] = v;
        }
    }
    let trace: f64 = (0..k).map(|i| m[i * k + i]).sum();
    if trace.is_nan() || trace <= 0.0 {
        return None;
    }
    for i in 0..k {
        m[i * k + i] += 1e-10 * trace;
    }
    let z = solve_small(&mut m, vec![1.0; k])?;
    let total: f64 = z.iter().sum();
    if total == 0.0 || !total.is_finite() {
        return None;
    }
    Some(z.iter().map(|v| v / total).collect())
}

/// Solves the small dense system `m x = b` by Gaussian elimination with partial pivoting.
fn solve_small(m: &mut [f64], mut b: Vec<f64>) -> Option<Vec<f64>> {
    let k = b.len();
    for col in 0..k {
        let pivot = (col..k).max_by(|&a, &c| m[a * k + col].abs().total_cmp(&m[c * k + col].abs()))?;
        if m[pivot * k + col] == 0.0 {
            return None;
        }
        if pivot != col {
            for t in 0..k {
                m.swap(pivot * k + t, col * k + t);
            }
            b.swap(pivot, col);
        }
        for row in col + 1..k {
            let f = m[row * k + col] / m[col * k + col];
            for t in col..k {
                m[row * k + t] -= f * m[col * k + t];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; k];
    for row in (0..k).rev() {
        let s: f64 = (row + 1..k).map(|t| m[row * k + t] * x[t]).sum();
        x[row] = (b[row] - s) / m[row * k + row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Sets `w[active] = target`, keeping the gradient keeper in step.
fn move_to<K: GradientKeeper>(keeper: &mut K, w: &mut [f64], active: &[usize], target: &[f64]) {
    for (&j, &t) in active.iter().zip(target) {
        let delta = t - w[j];
        if delta != 0.0 {
            w[j] = t;
            keeper.update(j, delta);
        }
    }
}
