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
//! solution on the iterate's support (`support_solve`), tried at each exact check when it costs less
//! than the lambda's sweeps so far; when that solution keeps the iterate's signs and lowers the
//! objective the iterate moves there, which usually ends the lambda. Before any sweep, the lasso tries
//! the homotopy step (`exact::Exact::predict`): the exact solution on the previous support, grown by the
//! features that violate their conditions; a lambda it certifies reports 0 sweeps.

mod anderson;
mod certificate;
mod exact;
mod gradients;
mod support_solve;
mod working_set;

use crate::data::{power_of_two_scale, Standardized};
use crate::linalg::dot;
use crate::linalg::Matrix;
use certificate::{Certificate, Penalty};
use exact::Exact;
use gradients::{Covariance, GradientKeeper, Naive, Problem};
use support_solve::SupportFactor;
use working_set::{solve_working_set, Stop};

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
