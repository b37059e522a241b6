//! The exact check of one lambda's iterate: the gap from exactly recomputed statistics, tightened by
//! the support solution ([`super::support_solve`]), and the homotopy step tried before any sweep.

use super::certificate::{Certificate, Penalty};
use super::gradients::{GradientKeeper, Problem};
use super::support_solve::SupportFactor;

/// Rounds of the homotopy step that add the violating features (see [`Exact::predict`]); measured on
/// the benchmark shapes, 2 rounds cut the sweeps most (small 381 -> 6) and 4 were no better.
const GROWTH_ROUNDS: usize = 2;

/// The exact check of one lambda's iterate.
pub(super) struct Exact<'a> {
    pub(super) problem: &'a Problem<'a>,
    pub(super) penalty: Penalty,
    pub(super) tol: f64,
}

impl Exact<'_> {
    /// The relative gap of `w` after an exact recomputation, improved where it pays by the support
    /// solution (see [`super::support_solve`]): its dual point is offered to the certificate, and `w` moves
    /// to it when it keeps the signs and lowers the objective. The solve (about `k^2` work once the
    /// factor is current) is tried only when it costs less than the `sweeps` this lambda has made, so
    /// the solves cannot dominate a lambda's work.
    pub(super) fn certify<K: GradientKeeper>(
        &self,
        keeper: &mut K,
        w: &mut [f64],
        certificate: &mut Certificate,
        factor: &mut SupportFactor,
        sweeps: usize,
    ) -> f64 {
        let (rel_gap, r_norm2) = exact_gap(keeper, w, certificate, false);
        let (n, p) = (self.problem.n as f64, self.problem.x.ncols() as f64);
        let k = w.iter().filter(|&&v| v != 0.0).count();
        let sweep_cost = k as f64 * if keeper.cheap(w).is_none() { 2.0 * n } else { p };
        if rel_gap <= self.tol || factor.cost(k, self.penalty.l2) > sweeps as f64 * sweep_cost {
            return rel_gap;
        }
        self.try_support(keeper, w, None, certificate, factor, r_norm2)
            .unwrap_or(rel_gap)
    }

    /// Solves on the support and signs of `guess` (default `w`) and moves `w` there if the solution
    /// keeps those signs and lowers the objective (`w`'s residual has squared norm `r_norm2`; the keeper
    /// must be exact at `w`). Returns
    /// the gap of `w` afterwards (the keeper exact at `w`), or `None` if nothing was solved.
    fn try_support<K: GradientKeeper>(
        &self,
        keeper: &mut K,
        w: &mut [f64],
        guess: Option<&[f64]>,
        certificate: &mut Certificate,
        factor: &mut SupportFactor,
        r_norm2: f64,
    ) -> Option<f64> {
        let solution = factor.solve(self.problem, keeper, guess.unwrap_or(w), self.penalty)?;
        let scalars = self.penalty.scalars(self.problem);
        let before = scalars.primal(w, r_norm2);
        let (saved, saved_stats) = (w.to_vec(), keeper.save());
        w.copy_from_slice(&solution.point);
        let (rel_gap, point_r_norm2) = match solution.gradient {
            Some(g) => offer(keeper.adopt(w, g), w, certificate),
            None => exact_gap(keeper, w, certificate, true),
        };
        if solution.keeps_signs && scalars.primal(w, point_r_norm2) < before {
            return Some(rel_gap);
        }
        // Back to `w`, whose statistics were exact; the certificate may have a better dual point now.
        keeper.restore(saved_stats);
        w.copy_from_slice(&saved);
        Some(certificate.gap(w, r_norm2))
    }

    /// Before any sweep: when the support and signs of the previous solution hold at this lambda, its
    /// exact solution on that support is the answer (the homotopy step of LARS, [`Exact::predict`]).
    /// Returns the gap when that certifies the lambda. Only while the factor is current (not for the
    /// elastic net, whose factor changes with lambda) and from a nonzero solution.
    pub(super) fn homotopy<K: GradientKeeper>(
        &self,
        keeper: &mut K,
        w: &mut [f64],
        certificate: &mut Certificate,
        factor: &mut SupportFactor,
    ) -> Option<f64> {
        if !factor.is_current(self.penalty.l2) || w.iter().all(|&v| v == 0.0) {
            return None;
        }
        let rel_gap = self.predict(keeper, w, certificate, factor);
        (rel_gap <= self.tol).then_some(rel_gap)
    }

    /// The homotopy step before any sweep at a new lambda: the exact solution on the previous
    /// solution's support and signs; then, up to twice, on that support grown by the features whose
    /// optimality condition it violates (with the signs of their gradients), as LARS would add them.
    /// Each round costs two substitutions, the new features' rows of the factor and one exact gradient
    /// to judge the new point (returning to `w` restores its saved statistics).
    fn predict<K: GradientKeeper>(
        &self,
        keeper: &mut K,
        w: &mut [f64],
        certificate: &mut Certificate,
        factor: &mut SupportFactor,
    ) -> f64 {
        let mut rel_gap = self.certify(keeper, w, certificate, factor, usize::MAX);
        for _ in 0..GROWTH_ROUNDS {
            if rel_gap <= self.tol {
                break;
            }
            let g = keeper.gradients();
            let d = &self.problem.d;
            let mut guess = w.to_vec();
            let mut grown = false;
            for j in 0..w.len() {
                if w[j] == 0.0 && d[j] > 0.0 && g[j].abs() > self.penalty.l1 {
                    // Only the sign and the membership of a guess are read.
                    guess[j] = g[j].signum() * f64::MIN_POSITIVE;
                    grown = true;
                }
            }
            if !grown {
                break;
            }
            let r_norm2 = keeper.residual_norm2(w);
            match self.try_support(keeper, w, Some(&guess), certificate, factor, r_norm2) {
                Some(gap) => rel_gap = gap,
                None => break,
            }
        }
        rel_gap
    }
}

/// Makes the keeper's statistics exact at `w`, offers its dual point and returns `w`'s relative gap and
/// `||r||^2`. `jumped`: `w` was set directly, not through the keeper's updates, so the statistics are
/// recomputed even if the keeper saw no update.
fn exact_gap<K: GradientKeeper>(keeper: &mut K, w: &[f64], certificate: &mut Certificate, jumped: bool) -> (f64, f64) {
    let stats = if jumped { keeper.exact(w) } else { keeper.refresh(w) };
    offer(stats, w, certificate)
}

/// Offers the dual point of exact statistics `(g, ||r||^2, r^T y)` at `w`; returns `w`'s relative gap
/// and `||r||^2`.
fn offer(stats: (&[f64], f64, f64), w: &[f64], certificate: &mut Certificate) -> (f64, f64) {
    certificate.offer(w, stats);
    (certificate.gap(w, stats.1), stats.1)
}
