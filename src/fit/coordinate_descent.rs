//! Lasso and elastic-net paths by cyclic coordinate descent, the glmnet way.
//!
//! Minimizes, for each lambda on the path, on standardized data with `n` rows:
//!
//! ```text
//! P(w) = 1/(2n) ||y - X w||^2 + lambda * alpha * ||w||_1 + lambda * (1 - alpha) / 2 * ||w||^2
//! ```
//!
//! (`alpha` = `l1_ratio`: 1 is the lasso, between 0 and 1 the elastic net.) The coordinate update is
//! `w_j <- S(g_j + d_j w_j, lambda alpha) / (d_j + lambda (1 - alpha))` with `g_j = x_j^T r / n`,
//! `d_j = ||x_j||^2 / n` and `S` soft-thresholding.
//!
//! How the work is kept small (Friedman, Hastie & Tibshirani 2010):
//! - warm starts: each lambda starts from the previous solution;
//! - sequential strong rules: only features with `|g_j| >= alpha (2 lambda - lambda_prev)`, or already
//!   nonzero, are iterated on; a KKT check over the rest adds any the rule missed;
//! - active-set iterations: after a sweep over the strong set, sweep only the nonzero coefficients
//!   until they settle, then sweep the strong set again to see whether the active set changed;
//! - covariance updates when `n > p`: keep `g` for every feature and update it with Gram columns
//!   (computed lazily, in blocks, only for features that enter the strong set), so an update costs `p`
//!   instead of `2n`; otherwise naive updates of the residual.
//!
//! Each lambda stops when the duality gap (see [`super::gap`]) relative to `||y||^2` is at most `tol`,
//! and the sweeps and the final gap are recorded.

use super::gap::{PointStats, Scalars};
use crate::data::{Matrix, Standardized};
use crate::linalg::{axpy, dot, gram_columns, gram_full};

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
            tol: 1e-10,
            max_sweeps: 100_000,
            rule: UpdateRule::Auto,
        }
    }
}

/// How one lambda's solve went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Convergence {
    /// Coordinate sweeps (over the strong or active set) spent on this lambda.
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

/// The data terms shared by both update rules.
struct Problem<'a> {
    x: &'a Matrix,
    y: &'a [f64],
    n: usize,
    /// `||x_j||^2 / n` (1 for a standardized column, 0 for a constant one).
    d: Vec<f64>,
    /// `x_j^T y / n`.
    xty: Vec<f64>,
    y_norm2: f64,
}

/// Keeps `g_j = x_j^T r / n` available as coefficients change.
trait GradientKeeper {
    /// The current `g_j` for a feature in the strong set.
    fn gradient_of(&self, j: usize) -> f64;
    /// Records `w_j += delta`.
    fn update(&mut self, j: usize, delta: f64);
    /// Makes `g` exact for the features flagged in `outside` (those not being iterated on).
    fn gradients_outside(&mut self, outside: &[bool]) -> &[f64];
    /// Recomputes everything exactly from `w` (removing accumulated rounding), returning `(g, ||r||^2,
    /// r^T y)` with `g` current for every feature.
    fn exact(&mut self, w: &[f64]) -> (&[f64], f64, f64);
    /// `(g, ||r||^2, r^T y)` for every feature from what is kept up to date, when that is cheap (no pass
    /// over the data); the gap computed from it is then checked after every sweep.
    fn cheap(&self, _w: &[f64]) -> Option<(&[f64], f64, f64)> {
        None
    }
    /// `||y - X w||^2` from what is kept up to date.
    fn residual_norm2(&self, w: &[f64]) -> f64;
    /// Prepares for iterating on `features` (Gram columns, for the covariance rule).
    fn prepare(&mut self, _features: &[usize]) {}
}

struct Naive<'a> {
    problem: &'a Problem<'a>,
    residual: Vec<f64>,
    g: Vec<f64>,
}

impl<'a> Naive<'a> {
    fn new(problem: &'a Problem<'a>) -> Self {
        Self {
            problem,
            residual: problem.y.to_vec(),
            g: problem.xty.clone(),
        }
    }
}

impl GradientKeeper for Naive<'_> {
    #[inline]
    fn gradient_of(&self, j: usize) -> f64 {
        dot(self.problem.x.col(j), &self.residual) / self.problem.n as f64
    }

    #[inline]
    fn update(&mut self, j: usize, delta: f64) {
        axpy(-delta, self.problem.x.col(j), &mut self.residual);
    }

    fn gradients_outside(&mut self, outside: &[bool]) -> &[f64] {
        let inv_n = 1.0 / self.problem.n as f64;
        for (j, _) in outside.iter().enumerate().filter(|(_, &o)| o) {
            self.g[j] = dot(self.problem.x.col(j), &self.residual) * inv_n;
        }
        &self.g
    }

    fn exact(&mut self, w: &[f64]) -> (&[f64], f64, f64) {
        let p = self.problem;
        self.residual.copy_from_slice(p.y);
        for (j, &wj) in w.iter().enumerate() {
            if wj != 0.0 {
                axpy(-wj, p.x.col(j), &mut self.residual);
            }
        }
        let inv_n = 1.0 / p.n as f64;
        for j in 0..w.len() {
            self.g[j] = dot(p.x.col(j), &self.residual) * inv_n;
        }
        let r_norm2 = dot(&self.residual, &self.residual);
        let r_dot_y = dot(&self.residual, p.y);
        (&self.g, r_norm2, r_dot_y)
    }

    fn residual_norm2(&self, _w: &[f64]) -> f64 {
        dot(&self.residual, &self.residual)
    }
}

/// Covariance updates with the Gram matrix filled in lazily: column blocks while few features have
/// entered, then (once an eighth of them have, or at once when the path is expected to end dense) the
/// whole matrix in one symmetric product, which costs `n p^2 / 2` instead of `n p^2`.
struct Covariance<'a> {
    problem: &'a Problem<'a>,
    g: Vec<f64>,
    /// Column `slot[j]` of `gram` is `X^T x_j / n`, once computed.
    slot: Vec<usize>,
    gram: Vec<f64>,
    full: bool,
    /// The path goes deep enough that most features will enter: fill the whole matrix at once.
    expect_dense: bool,
}

const NO_SLOT: usize = usize::MAX;

/// Largest `p` for which the whole Gram matrix is stored (8 * p^2 bytes: 288 MB at 6000).
const FULL_GRAM_MAX_P: usize = 6000;

impl<'a> Covariance<'a> {
    fn new(problem: &'a Problem<'a>, expect_dense: bool) -> Self {
        let p = problem.x.ncols();
        Self {
            problem,
            g: problem.xty.clone(),
            slot: vec![NO_SLOT; p],
            gram: Vec::new(),
            full: false,
            expect_dense,
        }
    }

    fn column(&self, j: usize) -> &[f64] {
        let p = self.slot.len();
        let s = self.slot[j];
        &self.gram[s * p..(s + 1) * p]
    }

    fn computed(&self) -> usize {
        self.gram.len() / self.slot.len().max(1)
    }
}

impl GradientKeeper for Covariance<'_> {
    #[inline]
    fn gradient_of(&self, j: usize) -> f64 {
        self.g[j]
    }

    #[inline]
    fn update(&mut self, j: usize, delta: f64) {
        let p = self.slot.len();
        let s = self.slot[j];
        axpy(-delta, &self.gram[s * p..(s + 1) * p], &mut self.g);
    }

    fn gradients_outside(&mut self, _outside: &[bool]) -> &[f64] {
        &self.g
    }

    fn exact(&mut self, w: &[f64]) -> (&[f64], f64, f64) {
        let mut g = self.problem.xty.clone();
        for (j, &wj) in w.iter().enumerate() {
            if wj != 0.0 {
                axpy(-wj, self.column(j), &mut g);
            }
        }
        self.g = g;
        self.cheap(w).expect("covariance statistics are always cheap")
    }

    fn cheap(&self, w: &[f64]) -> Option<(&[f64], f64, f64)> {
        let prob = self.problem;
        let n = prob.n as f64;
        // r^T y = ||y||^2 - w^T X^T y and ||r||^2 = r^T y - w^T X^T r.
        let r_dot_y = prob.y_norm2 - n * dot(w, &prob.xty);
        let r_norm2 = r_dot_y - n * dot(w, &self.g);
        Some((&self.g, r_norm2.max(0.0), r_dot_y))
    }

    fn residual_norm2(&self, w: &[f64]) -> f64 {
        self.cheap(w).map_or(0.0, |(_, r_norm2, _)| r_norm2)
    }

    fn prepare(&mut self, features: &[usize]) {
        if self.full {
            return;
        }
        let missing: Vec<usize> = features.iter().copied().filter(|&j| self.slot[j] == NO_SLOT).collect();
        if missing.is_empty() {
            return;
        }
        let p = self.slot.len();
        let scale = 1.0 / self.problem.n as f64;
        if p <= FULL_GRAM_MAX_P && (self.expect_dense || (self.computed() + missing.len()) * 8 >= p) {
            self.gram = gram_full(self.problem.x, scale);
            self.slot = (0..p).collect();
            self.full = true;
            return;
        }
        // Grow geometrically: besides the columns needed now, take those of the features closest to
        // entering (largest |g_j|), so the data is multiplied in a few blocks, not many thin ones.
        let target = missing.len().max(self.computed()).max(16);
        let mut block = missing.clone();
        if block.len() < target {
            let mut candidates: Vec<usize> = (0..p)
                .filter(|&j| self.slot[j] == NO_SLOT && self.problem.d[j] > 0.0 && !missing.contains(&j))
                .collect();
            candidates.sort_by(|&a, &b| self.g[b].abs().total_cmp(&self.g[a].abs()));
            block.extend(candidates.into_iter().take(target - missing.len()));
        }
        block.sort_unstable();
        let first = self.computed();
        self.gram
            .extend_from_slice(&gram_columns(self.problem.x, &block, scale));
        for (k, &j) in block.iter().enumerate() {
            self.slot[j] = first + k;
        }
    }
}

/// Checks a lambda sequence: every value positive and finite.
pub fn check_lambdas(lambdas: &[f64]) -> Result<(), String> {
    match lambdas.iter().position(|l| !(l.is_finite() && *l > 0.0)) {
        Some(i) => Err(format!(
            "lambda number {} is {}; every lambda must be positive and finite",
            i + 1,
            lambdas[i]
        )),
        None => Ok(()),
    }
}

/// The elastic-net path of standardized `x` and centred `y` over `lambdas` (used in the given order,
/// normally decreasing), for `0 < l1_ratio <= 1`.
pub fn enet_path(x: &Matrix, y: &[f64], lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Path {
    let p = x.ncols();
    let col_norm2: Vec<f64> = (0..p).map(|j| dot(x.col(j), x.col(j))).collect();
    let xty: Vec<f64> = (0..p).map(|j| dot(x.col(j), y)).collect();
    solve(x, y, &col_norm2, &xty, lambdas, l1_ratio, options)
}

/// [`enet_path`] on standardized data, reusing the column statistics computed while standardizing.
pub fn enet_path_prepared(data: &Standardized, lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Path {
    solve(&data.x, &data.y, &data.col_norm2, &data.xty, lambdas, l1_ratio, options)
}

fn solve(
    x: &Matrix,
    y: &[f64],
    col_norm2: &[f64],
    xty: &[f64],
    lambdas: &[f64],
    l1_ratio: f64,
    options: &CdOptions,
) -> Path {
    assert!(
        l1_ratio > 0.0 && l1_ratio <= 1.0,
        "coordinate descent needs 0 < l1_ratio <= 1"
    );
    let (n, p) = (x.nrows(), x.ncols());
    let inv_n = 1.0 / n as f64;
    let problem = Problem {
        x,
        y,
        n,
        d: col_norm2.iter().map(|v| v * inv_n).collect(),
        xty: xty.iter().map(|v| v * inv_n).collect(),
        y_norm2: dot(y, y),
    };
    let covariance = match options.rule {
        UpdateRule::Auto => n > p,
        UpdateRule::Covariance => true,
        UpdateRule::Naive => false,
    };
    if covariance {
        // With more rows than features, a path that goes below a hundredth of lambda_max ends close to
        // least squares, where nearly every feature is nonzero.
        let smallest = lambdas.iter().copied().fold(f64::INFINITY, f64::min);
        let expect_dense = n > p && smallest <= 0.01 * super::grid::lambda_max(&problem.xty, 1, l1_ratio);
        run_path(
            &problem,
            Covariance::new(&problem, expect_dense),
            lambdas,
            l1_ratio,
            options,
        )
    } else {
        run_path(&problem, Naive::new(&problem), lambdas, l1_ratio, options)
    }
}

fn run_path<K: GradientKeeper>(
    problem: &Problem,
    mut keeper: K,
    lambdas: &[f64],
    alpha: f64,
    options: &CdOptions,
) -> Path {
    let p = problem.x.ncols();
    let mut w = vec![0.0; p];
    // The full gradient at the previous solution, for the strong rule.
    let mut g_prev = problem.xty.clone();
    let mut lambda_prev = super::grid::lambda_max(&problem.xty, 1, alpha);
    let mut strong = vec![false; p];
    let mut coefs = Vec::with_capacity(lambdas.len());
    let mut convergence = Vec::with_capacity(lambdas.len());
    let null_scale = problem.y_norm2 / problem.n as f64;

    for &lambda in lambdas {
        let penalty = Penalty { lambda, alpha };
        let cutoff = alpha * (2.0 * lambda - lambda_prev);
        for j in 0..p {
            strong[j] = problem.d[j] > 0.0 && (w[j] != 0.0 || g_prev[j].abs() >= cutoff);
        }
        let mut working: Vec<usize> = (0..p).filter(|&j| strong[j]).collect();
        keeper.prepare(&working);

        let mut threshold = options.tol * null_scale;
        let mut sweeps = 0;
        let mut rel_gap;
        let mut certificate = Certificate::new(penalty.scalars(problem));
        loop {
            let budget = options.max_sweeps.saturating_sub(sweeps).max(1);
            let (made, certified) = solve_working_set(
                problem,
                &mut keeper,
                &mut w,
                &working,
                &strong,
                penalty,
                &mut certificate,
                threshold,
                options.tol,
                budget,
            );
            sweeps += made;

            if !certified {
                // KKT check over the features the strong rule left out.
                let outside: Vec<bool> = strong.iter().zip(&problem.d).map(|(&s, &d)| !s && d > 0.0).collect();
                let g = keeper.gradients_outside(&outside);
                let violators: Vec<usize> = (0..p).filter(|&j| outside[j] && g[j].abs() > penalty.l1()).collect();
                if !violators.is_empty() {
                    for &j in &violators {
                        strong[j] = true;
                    }
                    keeper.prepare(&violators);
                    working = (0..p).filter(|&j| strong[j]).collect();
                    if sweeps < options.max_sweeps {
                        continue;
                    }
                }
            }

            let stats = keeper.exact(&w);
            certificate.offer(&w, stats);
            rel_gap = certificate.gap(&w, stats.1);
            if rel_gap <= options.tol || sweeps >= options.max_sweeps {
                g_prev.copy_from_slice(stats.0);
                break;
            }
            threshold *= 0.1;
        }
        coefs.push(w.clone());
        convergence.push(Convergence {
            sweeps,
            rel_gap,
            converged: rel_gap <= options.tol,
        });
        lambda_prev = lambda;
    }
    Path {
        l1_ratio: alpha,
        lambdas: lambdas.to_vec(),
        coefs,
        convergence,
    }
}

/// The penalty at one point of the path.
#[derive(Clone, Copy)]
struct Penalty {
    lambda: f64,
    alpha: f64,
}

impl Penalty {
    fn l1(self) -> f64 {
        self.lambda * self.alpha
    }

    fn l2(self) -> f64 {
        self.lambda * (1.0 - self.alpha)
    }

    fn scalars(self, problem: &Problem) -> Scalars {
        Scalars {
            n: problem.n,
            lambda: self.lambda,
            alpha: self.alpha,
            y_norm2: problem.y_norm2,
        }
    }
}

/// The best dual value seen at the current lambda: every dual point is a lower bound on the optimum,
/// so the largest certifies the current iterate most tightly.
struct Certificate {
    scalars: Scalars,
    best_dual: f64,
}

impl Certificate {
    fn new(scalars: Scalars) -> Self {
        Self {
            scalars,
            best_dual: f64::NEG_INFINITY,
        }
    }

    /// Offers the dual point built from `(v, g, ||r||^2, r^T y)`.
    fn offer(&mut self, v: &[f64], (gradient, r_norm2, r_dot_y): (&[f64], f64, f64)) {
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
    fn gap(&self, w: &[f64], r_norm2: f64) -> f64 {
        self.scalars
            .relative_gap(self.scalars.primal(w, r_norm2), self.best_dual)
    }
}

/// Coordinate descent on `working`, with active-set iterations, until the largest weighted change
/// `d_j * delta^2` of a sweep is below `threshold`, or, where the keeper has the gap cheaply, until the
/// relative duality gap is at most `tol` (then the whole problem is solved: the gap covers every
/// feature). Makes at most `budget` sweeps. Returns `(sweeps, certified by the gap)`.
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
) -> (usize, bool) {
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
                return (sweeps, true);
            }
            // A feature outside the working set that violates its KKT condition keeps the gap open:
            // return so it can join.
            let outside_violation = keeper.cheap(w).is_some_and(|(g, _, _)| {
                (0..g.len()).any(|j| !in_working[j] && problem.d[j] > 0.0 && g[j].abs() > penalty.l1())
            });
            if outside_violation || change < threshold * 1e-6 {
                break;
            }
        }
        return (sweeps, false);
    }
    // Naive updates: a sweep over the working set costs a dot product per feature, so iterate on the
    // nonzero coefficients between sweeps of the whole working set (active-set iterations).
    let mut active = Vec::with_capacity(working.len());
    while sweeps < budget {
        sweeps += 1;
        let change = sweep(problem, keeper, w, working, penalty);
        if certified(keeper, w, certificate) {
            return (sweeps, true);
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
                return (sweeps, true);
            }
            if change < threshold {
                break;
            }
        }
    }
    (sweeps, false)
}

/// Anderson acceleration of coordinate descent on a fixed active set (Bertrand & Massias 2021): on a
/// fixed support the sweeps are a linear fixed-point map, so a combination of the last iterates whose
/// coefficients sum to one and minimize the combined step can jump most of the way to the fixed point.
/// The extrapolated point is kept only if it lowers the objective, so convergence is never harmed.
struct Anderson {
    /// Up to `DEPTH + 1` snapshots of the active coefficients.
    snapshots: Vec<Vec<f64>>,
    len: usize,
}

impl Anderson {
    const DEPTH: usize = 5;

    fn new(len: usize) -> Self {
        Self {
            snapshots: Vec::with_capacity(Self::DEPTH + 1),
            len,
        }
    }

    fn push(&mut self, active: &[usize], w: &[f64]) {
        self.snapshots.push(active.iter().map(|&j| w[j]).collect());
    }

    fn is_full(&self) -> bool {
        self.snapshots.len() > Self::DEPTH
    }

    /// Tries the extrapolated point and keeps it if the objective is lower; starts a new history.
    fn extrapolate<K: GradientKeeper>(
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

/// One cyclic pass over `features`; returns the largest `d_j * delta_j^2`.
#[inline]
fn sweep<K: GradientKeeper>(
    problem: &Problem,
    keeper: &mut K,
    w: &mut [f64],
    features: &[usize],
    penalty: Penalty,
) -> f64 {
    let (l1, l2) = (penalty.l1(), penalty.l2());
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
