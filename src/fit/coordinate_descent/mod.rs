//! Lasso and elastic-net paths by cyclic coordinate descent, the glmnet way.
//!
//! Minimizes, for each lambda on the path, on standardized data with `n` rows:
//!
//! ```text
//! P(w) = 1/(2n) ||y - X w||^2 + lambda * l1_ratio * ||w||_1 + lambda * (1 - l1_ratio) / 2 * ||w||^2
//! ```
//!
//! (`l1_ratio`, glmnet's `alpha`: 1 is the lasso, between 0 and 1 the elastic net.) The coordinate update is
//! `w_j <- S(g_j + d_j w_j, lambda l1_ratio) / (d_j + lambda (1 - l1_ratio))` with `g_j = x_j^T r / n`,
//! `d_j = ||x_j||^2 / n` and `S` soft-thresholding.
//!
//! How the work is kept small (Friedman, Hastie & Tibshirani 2010):
//! - warm starts: each lambda starts from the previous solution;
//! - sequential strong rules: only features with `|g_j| >= l1_ratio (2 lambda - lambda_prev)`, or already
//!   nonzero, are iterated on; a KKT check over the rest adds any the rule missed;
//! - active-set iterations: after a sweep over the strong set, sweep only the nonzero coefficients
//!   until they settle, then sweep the strong set again to see whether the active set changed;
//! - covariance updates when `n > p`: keep `g` for every feature and update it with Gram columns
//!   (computed lazily, in blocks, only for features that enter the strong set), so an update costs `p`
//!   instead of `2n`; otherwise naive updates of the residual.
//!
//! Each lambda stops when the duality gap (see [`super::gap`]) relative to `||y||^2` is at most `tol`,
//! and the sweeps and the final gap are recorded. The gap is made tight by the dual point of the exact
//! solution on the iterate's support ([`support_solve`]), tried at each exact check when it costs less
//! than the lambda's sweeps so far; when that solution keeps the iterate's signs and lowers the
//! objective the iterate moves there, which usually ends the lambda. Before any sweep, the lasso tries
//! the homotopy step (`Exact::predict`): the exact solution on the previous support, grown by the
//! features that violate their conditions; a lambda it certifies reports 0 sweeps.

mod anderson;
mod certificate;
mod gradients;
mod support_solve;

use crate::data::{power_of_two_scale, Standardized};
use crate::linalg::dot;
use crate::linalg::Matrix;
use anderson::Anderson;
use certificate::{Certificate, Penalty};
use gradients::{Covariance, GradientKeeper, Naive, Problem};
use support_solve::SupportFactor;

/// How gradients are kept current during coordinate descent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateRule {
    /// Covariance updates when `n > p`, naive otherwise.
    Auto,
    /// Keep `X^T r / n` for every feature, updated with Gram columns. The duality gap is then computed
    /// without forming the residual, which loses accuracy when `p >= n` and the fit nearly interpolates
    /// the data, so [`UpdateRule::Auto`] uses this only when `n > p`.
    Covariance,
    /// Keep the residual `r` and take a dot product per coordinate.
    Naive,
}

/// The default tolerance: the relative duality gap, which bounds the relative suboptimality
/// `(P(w) - P*) n / ||y||^2` (scikit-learn's `tol` units) from above. With the support solution's dual
/// point the gap is within a small factor of the true suboptimality (1.0 to 1.4 in the median over the
/// benchmark shapes), so asking for 1e-8 delivers about 1e-8, and never more than 1e-8 at a lambda
/// reported as converged: the accuracy the peers are compared at.
pub const DEFAULT_TOL: f64 = 1e-8;

/// Settings of the coordinate-descent solver.
#[derive(Clone, Copy, Debug)]
pub struct CdOptions {
    /// Stop each lambda when the relative duality gap is at most this (scikit-learn's `tol` units).
    pub tol: f64,
    /// Give up on a lambda after this many sweeps (and report it as not converged).
    pub max_sweeps: usize,
    pub rule: UpdateRule,
}

impl Default for CdOptions {
    fn default() -> Self {
        Self {
            tol: DEFAULT_TOL,
            max_sweeps: 100_000,
            rule: UpdateRule::Auto,
        }
    }
}

/// How one lambda's solve went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Convergence {
    /// Coordinate sweeps (over the strong or active set) spent on this lambda; 0 when the homotopy step
    /// (the exact solution on the previous support, grown by the violating features) certified it.
    pub sweeps: usize,
    /// The final relative duality gap.
    pub rel_gap: f64,
    pub converged: bool,
}

/// A regularization path: one coefficient vector (standardized scale) per lambda.
#[derive(Clone, Debug)]
pub struct Path {
    pub l1_ratio: f64,
    pub lambdas: Vec<f64>,
    pub coefs: Vec<Vec<f64>>,
    pub convergence: Vec<Convergence>,
}

impl Path {
    /// The worst relative duality gap along the path.
    pub fn max_rel_gap(&self) -> f64 {
        self.convergence.iter().map(|c| c.rel_gap).fold(0.0, f64::max)
    }

    /// Number of nonzero coefficients at lambda index `i`.
    pub fn nnz(&self, i: usize) -> usize {
        self.coefs[i].iter().filter(|&&b| b != 0.0).count()
    }
}

/// Checks a lambda sequence: every value positive and finite.
pub fn check_lambdas(lambdas: &[f64]) -> Result<(), super::FitError> {
    match lambdas.iter().position(|l| !(l.is_finite() && *l > 0.0)) {
        Some(i) => Err(super::FitError::BadLambda {
            index: i + 1,
            value: lambdas[i],
        }),
        None => Ok(()),
    }
}

/// The elastic-net path of standardized `x` and centred `y` over `lambdas` (used in the given order,
/// normally decreasing), for `0 < l1_ratio <= 1`.
pub fn enet_path(x: &Matrix, y: &[f64], lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Path {
    let p = x.ncols();
    let col_norm2: Vec<f64> = (0..p).map(|j| dot(x.col(j), x.col(j))).collect();
    let xty: Vec<f64> = (0..p).map(|j| dot(x.col(j), y)).collect();
    solve(x, y, &col_norm2, &xty, lambdas, l1_ratio, options, &mut |_| true)
}

/// [`enet_path`] on standardized data, reusing the column statistics computed while standardizing.
pub fn enet_path_prepared(data: &Standardized, lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Path {
    solve(
        &data.x,
        &data.y,
        &data.col_norm2,
        &data.xty,
        lambdas,
        l1_ratio,
        options,
        &mut |_| true,
    )
}

// ---- Progress and cancellation hook (the explorer solves the path on a background thread) ----

/// [`enet_path_prepared`] calling `observer` with the number of lambdas solved after each one; when it
/// returns false the path stops there and this returns `None`.
pub fn enet_path_observed(
    data: &Standardized,
    lambdas: &[f64],
    l1_ratio: f64,
    options: &CdOptions,
    observer: &mut dyn FnMut(usize) -> bool,
) -> Option<Path> {
    let path = solve(
        &data.x,
        &data.y,
        &data.col_norm2,
        &data.xty,
        lambdas,
        l1_ratio,
        options,
        observer,
    );
    (path.coefs.len() == lambdas.len()).then_some(path)
}

#[allow(clippy::too_many_arguments)] // the problem, the path, and the progress observer
fn solve(
    x: &Matrix,
    y: &[f64],
    col_norm2: &[f64],
    xty: &[f64],
    lambdas: &[f64],
    l1_ratio: f64,
    options: &CdOptions,
    observer: &mut dyn FnMut(usize) -> bool,
) -> Path {
    assert!(
        l1_ratio > 0.0 && l1_ratio <= 1.0,
        "coordinate descent needs 0 < l1_ratio <= 1"
    );
    let (n, p) = (x.nrows(), x.ncols());
    let inv_n = 1.0 / n as f64;
    // Solve for y / c with c a power of two near max |y|: the division is exact, every quantity of the
    // solve scales exactly with it (l1 by 1 / c, l2 not at all), and squared norms of the residual cannot
    // overflow (a target of 1e155) or underflow (1e-170). For ordinary targets the iterates are those
    // of the unscaled problem times 1 / c, bit for bit.
    let c = power_of_two_scale(y);
    let y_unit: Vec<f64> = y.iter().map(|v| v / c).collect();
    let problem = Problem {
        x,
        y: &y_unit,
        n,
        d: col_norm2.iter().map(|v| v * inv_n).collect(),
        xty: xty.iter().map(|v| v * inv_n / c).collect(),
        y_norm2: dot(&y_unit, &y_unit),
    };
    let penalties: Vec<Penalty> = lambdas
        .iter()
        .map(|&lambda| Penalty {
            l1: lambda * l1_ratio / c,
            l2: lambda * (1.0 - l1_ratio),
        })
        .collect();
    let covariance = match options.rule {
        UpdateRule::Auto => n > p,
        UpdateRule::Covariance => true,
        UpdateRule::Naive => false,
    };
    let mut path = if covariance {
        // With more rows than features, a path that goes below a hundredth of lambda_max ends close to
        // least squares, where nearly every feature is nonzero.
        let smallest = penalties.iter().map(|q| q.l1).fold(f64::INFINITY, f64::min);
        let expect_dense = n > p && smallest <= 0.01 * super::grid::lambda_max(&problem.xty, 1, 1.0);
        run_path(
            &problem,
            Covariance::new(&problem, expect_dense),
            &penalties,
            options,
            observer,
        )
    } else {
        run_path(&problem, Naive::new(&problem), &penalties, options, observer)
    };
    for w in &mut path.coefs {
        w.iter_mut().for_each(|v| *v *= c);
    }
    path.l1_ratio = l1_ratio;
    path.lambdas = lambdas.to_vec();
    path
}

/// The path: each penalty in turn, warm-started from the previous solution, its strong set screened with
/// the previous gradient. Stops early when `observer` says so.
fn run_path<K: GradientKeeper>(
    problem: &Problem,
    mut keeper: K,
    penalties: &[Penalty],
    options: &CdOptions,
    observer: &mut dyn FnMut(usize) -> bool,
) -> Path {
    let p = problem.x.ncols();
    let mut state = PathState {
        w: vec![0.0; p],
        // The full gradient at the previous solution, for the strong rule.
        g_prev: problem.xty.clone(),
        // The L1 weight at which every coefficient is zero, whatever the mix: max_j |x_j^T y| / n.
        l1_prev: super::grid::lambda_max(&problem.xty, 1, 1.0),
        strong: vec![false; p],
        factor: SupportFactor::default(),
    };
    let mut coefs = Vec::with_capacity(penalties.len());
    let mut convergence = Vec::with_capacity(penalties.len());
    for &penalty in penalties {
        convergence.push(solve_lambda(problem, &mut keeper, &mut state, penalty, options));
        coefs.push(state.w.clone());
        if !observer(coefs.len()) {
            break;
        }
    }
    // The caller puts the lambdas and the mix it was asked for.
    Path {
        l1_ratio: f64::NAN,
        lambdas: Vec::new(),
        coefs,
        convergence,
    }
}

/// What one lambda of the path hands to the next: the solution (the warm start), the gradient there
/// and the L1 weight (for the strong rule), and the strong set's membership (reused as a buffer).
struct PathState {
    w: Vec<f64>,
    g_prev: Vec<f64>,
    l1_prev: f64,
    strong: Vec<bool>,
    /// The factor of the last support solved exactly, grown along the path.
    factor: SupportFactor,
}

/// Solves one lambda from the previous solution: the strong set first, then every feature whose KKT
/// condition it violates, until the duality gap certifies the solution or the sweeps run out.
fn solve_lambda<K: GradientKeeper>(
    problem: &Problem,
    keeper: &mut K,
    state: &mut PathState,
    penalty: Penalty,
    options: &CdOptions,
) -> Convergence {
    let p = problem.x.ncols();
    let PathState { w, g_prev, strong, .. } = state;
    let mut sweeps = 0;
    let mut certificate = Certificate::new(penalty.scalars(problem));
    let exact = Exact {
        problem,
        penalty,
        tol: options.tol,
    };
    if let Some(rel_gap) = exact.homotopy(keeper, w, &mut certificate, &mut state.factor) {
        g_prev.copy_from_slice(keeper.gradients());
        state.l1_prev = penalty.l1;
        return Convergence {
            sweeps,
            rel_gap,
            converged: true,
        };
    }
    // The strong set after the homotopy step, so every coefficient it made nonzero is swept.
    let cutoff = 2.0 * penalty.l1 - state.l1_prev;
    for j in 0..p {
        strong[j] = problem.d[j] > 0.0 && (w[j] != 0.0 || g_prev[j].abs() >= cutoff);
    }
    let mut working: Vec<usize> = (0..p).filter(|&j| strong[j]).collect();
    keeper.prepare(&working);

    let null_scale = problem.y_norm2 / problem.n as f64;
    let mut threshold = options.tol * null_scale;
    let rel_gap = loop {
        let budget = options.max_sweeps.saturating_sub(sweeps).max(1);
        let (made, stop) = solve_working_set(
            problem,
            keeper,
            w,
            &working,
            strong,
            penalty,
            &mut certificate,
            threshold,
            options.tol,
            budget,
            state.factor.is_current(penalty.l2),
        );
        sweeps += made;

        if stop != Stop::Certified && admit_violators(problem, keeper, strong, penalty) {
            working = (0..p).filter(|&j| strong[j]).collect();
            if sweeps < options.max_sweeps {
                continue;
            }
        }

        let rel_gap = exact.certify(keeper, w, &mut certificate, &mut state.factor, sweeps);
        if rel_gap <= options.tol || sweeps >= options.max_sweeps {
            g_prev.copy_from_slice(keeper.gradients());
            break rel_gap;
        }
        if stop == Stop::Settled {
            threshold *= 0.1;
        }
    };
    state.l1_prev = penalty.l1;
    Convergence {
        sweeps,
        rel_gap,
        converged: rel_gap <= options.tol,
    }
}

/// The KKT check over the features the strong rule left out: every one whose condition fails joins the
/// strong set (its Gram column prepared). Returns whether any did.
fn admit_violators<K: GradientKeeper>(
    problem: &Problem,
    keeper: &mut K,
    strong: &mut [bool],
    penalty: Penalty,
) -> bool {
    let outside: Vec<bool> = strong.iter().zip(&problem.d).map(|(&s, &d)| !s && d > 0.0).collect();
    let g = keeper.gradients_outside(&outside);
    let violators: Vec<usize> = (0..outside.len())
        .filter(|&j| outside[j] && g[j].abs() > penalty.l1)
        .collect();
    for &j in &violators {
        strong[j] = true;
    }
    keeper.prepare(&violators);
    !violators.is_empty()
}

/// In covariance mode, sweeps between two attempts at the support solution (each costs about one sweep
/// and usually ends the lambda once the support is found).
const SWEEPS_BETWEEN_SUPPORT_SOLVES: usize = 4;

/// Rounds of the homotopy step that add the violating features (see [`Exact::predict`]); measured on
/// the benchmark shapes, a third round never paid for itself.
const GROWTH_ROUNDS: usize = 2;

/// Why [`solve_working_set`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// The duality gap certifies the whole problem.
    Certified,
    /// The sweeps' changes fell below the threshold (or a feature outside the set violates its
    /// condition): time for an exact check and, if it fails, a smaller threshold.
    Settled,
    /// Time for an exact check with the support solution (covariance mode, every few sweeps).
    Check,
}

/// The exact check of one lambda's iterate.
struct Exact<'a> {
    problem: &'a Problem<'a>,
    penalty: Penalty,
    tol: f64,
}

impl Exact<'_> {
    /// The relative gap of `w` after an exact recomputation, improved where it pays by the support
    /// solution (see [`support_solve`]): its dual point is offered to the certificate, and `w` moves
    /// to it when it keeps the signs and lowers the objective. The solve (about `k^2` work once the
    /// factor is current) is tried only when it costs less than the `sweeps` this lambda has made, so
    /// the solves cannot dominate a lambda's work.
    fn certify<K: GradientKeeper>(
        &self,
        keeper: &mut K,
        w: &mut [f64],
        certificate: &mut Certificate,
        factor: &mut SupportFactor,
        sweeps: usize,
    ) -> f64 {
        let r_norm2 = offer_exact(keeper, w, certificate);
        let rel_gap = certificate.gap(w, r_norm2);
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
    /// keeps those signs and lowers the objective (`w`'s residual has squared norm `r_norm2`). Returns
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
        let (point, keeps_signs) = factor.solve(self.problem, keeper, guess.unwrap_or(w), self.penalty)?;
        let scalars = self.penalty.scalars(self.problem);
        let before = scalars.primal(w, r_norm2);
        let saved = w.to_vec();
        w.copy_from_slice(&point);
        let r_norm2 = offer_exact(keeper, w, certificate);
        if keeps_signs && scalars.primal(w, r_norm2) < before {
            return Some(certificate.gap(w, r_norm2));
        }
        w.copy_from_slice(&saved);
        let r_norm2 = offer_exact(keeper, w, certificate);
        Some(certificate.gap(w, r_norm2))
    }

    /// Before any sweep: when the support and signs of the previous solution hold at this lambda, its
    /// exact solution on that support is the answer (the homotopy step of LARS, [`Exact::predict`]).
    /// Returns the gap when that certifies the lambda. Only while the factor is current (not for the
    /// elastic net, whose factor changes with lambda) and from a nonzero solution.
    fn homotopy<K: GradientKeeper>(
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
    /// Each round costs two substitutions, the new features' rows of the factor and up to two exact
    /// gradients (one to judge the new point, one more to return to `w` if it is not better).
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

/// Recomputes the keeper's statistics exactly at `w`, offers its dual point and returns `||r||^2`.
fn offer_exact<K: GradientKeeper>(keeper: &mut K, w: &[f64], certificate: &mut Certificate) -> f64 {
    let stats = keeper.exact(w);
    certificate.offer(w, stats);
    stats.1
}

/// Coordinate descent on `working`, with active-set iterations, until the largest weighted change
/// `d_j * delta^2` of a sweep is below `threshold`, or, where the keeper has the gap cheaply, until the
/// relative duality gap is at most `tol` (then the whole problem is solved: the gap covers every
/// feature). Makes at most `budget` sweeps; with `pause_for_checks` (covariance mode, when the
/// support solution is cheap) returns every few sweeps for an exact check. Returns the sweeps made and
/// why it stopped.
#[allow(clippy::too_many_arguments)]
fn solve_working_set<K: GradientKeeper>(
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

/// `sign(z) * max(|z| - t, 0)`, with `|z|` within a few rounding errors of `t` counted as exactly `t`:
/// at lambda_max, `t` and `max |z|` come from the same numbers by different roundings, and the answer
/// there must be exactly zero, not 1e-17.
#[inline]
pub fn soft_threshold(z: f64, t: f64) -> f64 {
    let t_slack = t * (1.0 + 4.0 * f64::EPSILON);
    if z > t_slack {
        z - t
    } else if z < -t_slack {
        z + t
    } else {
        0.0
    }
}
