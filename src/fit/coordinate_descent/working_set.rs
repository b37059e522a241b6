//! Coordinate descent on a working set: the sweeps, with Anderson acceleration, and why they stop.

use super::anderson::Anderson;
use super::certificate::{Certificate, Penalty};
use super::gradients::{GradientKeeper, Problem};
use super::soft_threshold;

/// In covariance mode, sweeps between two attempts at the support solution (each costs about one sweep
/// and usually ends the lambda once the support is found).
const SWEEPS_BETWEEN_SUPPORT_SOLVES: usize = 4;

/// Why [`solve_working_set`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stop {
    /// The duality gap certifies the whole problem.
    Certified,
    /// The sweeps' changes fell below the threshold (or a feature outside the set violates its
    /// condition): time for an exact check and, if it fails, a smaller threshold.
    Settled,
    /// Time for an exact check with the support solution (covariance mode, every few sweeps).
    Check,
}

/// Coordinate descent on `working`, with active-set iterations, until the largest weighted change
/// `d_j * delta^2` of a sweep is below `threshold`, or, where the keeper has the gap cheaply, until the
/// relative duality gap is at most `tol` (then the whole problem is solved: the gap covers every
/// feature). Makes at most `budget` sweeps; with `pause_for_checks` (covariance mode, when the
/// support solution is cheap) returns every few sweeps for an exact check. Returns the sweeps made and
/// why it stopped.
#[allow(clippy::too_many_arguments)]
pub(super) fn solve_working_set<K: GradientKeeper>(
    problem: &Problem,
    keeper: &mut K,
    w: &mut [f64],
    working: &[usize],
    in_working: &[bool],
    penalty: Penalty,
    certificate: &mut Certificate,
    threshold: f64,
    tol: f64,
    budget: usize,
    pause_for_checks: bool,
) -> (usize, Stop) {
    let certified = |keeper: &K, w: &[f64], certificate: &mut Certificate| match keeper.cheap(w) {
        Some(stats) => {
            certificate.offer(w, stats);
            certificate.gap(w, stats.1) <= tol
        }
        None => false,
    };
    let mut sweeps = 0;
    if keeper.cheap(w).is_some() {
        // Covariance updates: a sweep costs nothing for a coefficient that stays zero and the gap is
        // cheap, so sweep the whole working set (new features can enter at any sweep), extrapolate, and
        // stop as soon as the gap certifies the point. The threshold only ends a stalled solve.
        let mut history = Anderson::new(working.len());
        history.push(working, w);
        while sweeps < budget {
            sweeps += 1;
            let change = sweep(problem, keeper, w, working, penalty);
            history.push(working, w);
            if history.is_full() {
                history.extrapolate(problem, keeper, w, working, penalty, certificate);
            }
            if certified(keeper, w, certificate) {
                return (sweeps, Stop::Certified);
            }
            // A feature outside the working set that violates its KKT condition keeps the gap open:
            // return so it can join.
            let outside_violation = keeper.cheap(w).is_some_and(|(g, _, _)| {
                (0..g.len()).any(|j| !in_working[j] && problem.d[j] > 0.0 && g[j].abs() > penalty.l1)
            });
            if outside_violation || change < threshold * 1e-6 {
                return (sweeps, Stop::Settled);
            }
            if pause_for_checks && sweeps % SWEEPS_BETWEEN_SUPPORT_SOLVES == 0 {
                return (sweeps, Stop::Check);
            }
        }
        return (sweeps, Stop::Settled);
    }
    // Naive updates: a sweep over the working set costs a dot product per feature, so iterate on the
    // nonzero coefficients between sweeps of the whole working set (active-set iterations).
    let mut active = Vec::with_capacity(working.len());
    while sweeps < budget {
        sweeps += 1;
        let change = sweep(problem, keeper, w, working, penalty);
        if certified(keeper, w, certificate) {
            return (sweeps, Stop::Certified);
        }
        if change < threshold {
            break;
        }
        active.clear();
        active.extend(working.iter().copied().filter(|&j| w[j] != 0.0));
        let mut history = Anderson::new(active.len());
        history.push(&active, w);
        while sweeps < budget {
            sweeps += 1;
            let change = sweep(problem, keeper, w, &active, penalty);
            history.push(&active, w);
            if history.is_full() {
                history.extrapolate(problem, keeper, w, &active, penalty, certificate);
            }
            if certified(keeper, w, certificate) {
                return (sweeps, Stop::Certified);
            }
            if change < threshold {
                break;
            }
        }
    }
    (sweeps, Stop::Settled)
}

/// One cyclic pass over `features`; returns the largest `d_j * delta_j^2`.
#[inline]
fn sweep<K: GradientKeeper>(
    problem: &Problem,
    keeper: &mut K,
    w: &mut [f64],
    features: &[usize],
    penalty: Penalty,
) -> f64 {
    let (l1, l2) = (penalty.l1, penalty.l2);
    let mut largest = 0.0f64;
    for &j in features {
        let d = problem.d[j];
        let old = w[j];
        let z = keeper.gradient_of(j) + d * old;
        let new = soft_threshold(z, l1) / (d + l2);
        if new != old {
            let delta = new - old;
            w[j] = new;
            keeper.update(j, delta);
            largest = largest.max(d * delta * delta);
        }
    }
    largest
}
