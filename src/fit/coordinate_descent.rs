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

use super::gap::{relative_gap, GapInputs};
use crate::data::Matrix;
use crate::linalg::{axpy, dot, gram_columns};

/// How gradients are kept current during coordinate descent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateRule {
    /// Covariance updates when `n > p`, naive otherwise.
    Auto,
    /// Keep `X^T r / n` for every feature, updated with Gram columns.
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
}

struct Covariance<'a> {
    problem: &'a Problem<'a>,
    g: Vec<f64>,
    /// Column `slot[j]` of `gram` is `X^T x_j / n`, when computed.
    slot: Vec<usize>,
    gram: Vec<f64>,
}

const NO_SLOT: usize = usize::MAX;

impl<'a> Covariance<'a> {
    fn new(problem: &'a Problem<'a>) -> Self {
        let p = problem.x.ncols();
        Self {
            problem,
            g: problem.xty.clone(),
            slot: vec![NO_SLOT; p],
            gram: Vec::new(),
        }
    }

    fn column(&self, j: usize) -> &[f64] {
        let p = self.slot.len();
        let s = self.slot[j];
        &self.gram[s * p..(s + 1) * p]
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
        let prob = self.problem;
        let mut g = prob.xty.clone();
        let mut w_dot_xty = 0.0;
        for (j, &wj) in w.iter().enumerate() {
            if wj != 0.0 {
                axpy(-wj, self.column(j), &mut g);
                w_dot_xty += wj * prob.xty[j];
            }
        }
        self.g = g;
        let n = prob.n as f64;
        // r^T y = ||y||^2 - w^T X^T y and ||r||^2 = r^T y - w^T X^T r.
        let r_dot_y = prob.y_norm2 - n * w_dot_xty;
        let r_norm2 = r_dot_y - n * dot(w, &self.g);
        (&self.g, r_norm2.max(0.0), r_dot_y)
    }

    fn prepare(&mut self, features: &[usize]) {
        let missing: Vec<usize> = features.iter().copied().filter(|&j| self.slot[j] == NO_SLOT).collect();
        if missing.is_empty() {
            return;
        }
        let first = self.gram.len() / self.slot.len().max(1);
        let block = gram_columns(self.problem.x, &missing, 1.0 / self.problem.n as f64);
        self.gram.extend_from_slice(&block);
        for (k, &j) in missing.iter().enumerate() {
            self.slot[j] = first + k;
        }
    }
}

/// Checks a lambda sequence: every value positive and finite.
pub fn check_lambdas(lambdas: &[f64]) -> Result<(), String> {
    match lambdas.iter().position(|l| !(l.is_finite() && *l > 0.0)) {
        Some(i) => Err(format!("lambda number {} is {}; every lambda must be positive and finite", i + 1, lambdas[i])),
        None => Ok(()),
    }
}

/// The elastic-net path of standardized `x` and centred `y` over `lambdas` (used in the given order,
/// normally decreasing), for `0 < l1_ratio <= 1`.
pub fn enet_path(x: &Matrix, y: &[f64], lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Path {
    assert!(l1_ratio > 0.0 && l1_ratio <= 1.0, "coordinate descent needs 0 < l1_ratio <= 1");
    let (n, p) = (x.nrows(), x.ncols());
    let inv_n = 1.0 / n as f64;
    let problem = Problem {
        x,
        y,
        n,
        d: (0..p).map(|j| dot(x.col(j), x.col(j)) * inv_n).collect(),
        xty: (0..p).map(|j| dot(x.col(j), y) * inv_n).collect(),
        y_norm2: dot(y, y),
    };
    let covariance = match options.rule {
        UpdateRule::Auto => n > p,
        UpdateRule::Covariance => true,
        UpdateRule::Naive => false,
    };
    if covariance {
        run_path(&problem, Covariance::new(&problem), lambdas, l1_ratio, options)
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
        let l1 = lambda * alpha;
        let l2 = lambda * (1.0 - alpha);
        let cutoff = alpha * (2.0 * lambda - lambda_prev);
        for j in 0..p {
            strong[j] = problem.d[j] > 0.0 && (w[j] != 0.0 || g_prev[j].abs() >= cutoff);
        }
        let mut working: Vec<usize> = (0..p).filter(|&j| strong[j]).collect();
        keeper.prepare(&working);

        let mut threshold = options.tol * null_scale;
        let mut sweeps = 0;
        let mut rel_gap;
        let mut converged;
        loop {
            let budget = options.max_sweeps.saturating_sub(sweeps).max(1);
            sweeps += solve_working_set(problem, &mut keeper, &mut w, &working, l1, l2, threshold, budget);

            // KKT check over the features the strong rule left out.
            let outside: Vec<bool> = strong.iter().zip(&problem.d).map(|(&s, &d)| !s && d > 0.0).collect();
            let g = keeper.gradients_outside(&outside);
            let violators: Vec<usize> = (0..p).filter(|&j| outside[j] && g[j].abs() > l1).collect();
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

            let (g, r_norm2, r_dot_y) = keeper.exact(&w);
            rel_gap = relative_gap(&GapInputs {
                n: problem.n,
                lambda,
                alpha,
                w: &w,
                gradient: g,
                r_norm2,
                r_dot_y,
                y_norm2: problem.y_norm2,
            });
            converged = rel_gap <= options.tol;
            if converged || sweeps >= options.max_sweeps {
                g_prev.copy_from_slice(g);
                break;
            }
            threshold *= 0.01;
        }
        coefs.push(w.clone());
        convergence.push(Convergence { sweeps, rel_gap, converged });
        lambda_prev = lambda;
    }
    Path {
        l1_ratio: alpha,
        lambdas: lambdas.to_vec(),
        coefs,
        convergence,
    }
}

/// Coordinate descent on `working` until the largest weighted change `d_j * delta^2` of a sweep is
/// below `threshold`, with active-set iterations, making at most `budget` sweeps. Returns the sweeps made.
#[allow(clippy::too_many_arguments)]
fn solve_working_set<K: GradientKeeper>(
    problem: &Problem,
    keeper: &mut K,
    w: &mut [f64],
    working: &[usize],
    l1: f64,
    l2: f64,
    threshold: f64,
    budget: usize,
) -> usize {
    let mut sweeps = 0;
    let mut active = Vec::with_capacity(working.len());
    while sweeps < budget {
        sweeps += 1;
        if sweep(problem, keeper, w, working, l1, l2) < threshold {
            break;
        }
        active.clear();
        active.extend(working.iter().copied().filter(|&j| w[j] != 0.0));
        while sweeps < budget {
            sweeps += 1;
            if sweep(problem, keeper, w, &active, l1, l2) < threshold {
                break;
            }
        }
    }
    sweeps
}

/// One cyclic pass over `features`; returns the largest `d_j * delta_j^2`.
#[inline]
fn sweep<K: GradientKeeper>(problem: &Problem, keeper: &mut K, w: &mut [f64], features: &[usize], l1: f64, l2: f64) -> f64 {
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

/// `sign(z) * max(|z| - t, 0)`.
#[inline]
pub fn soft_threshold(z: f64, t: f64) -> f64 {
    if z > t {
        z - t
    } else if z < -t {
        z + t
    } else {
        0.0
    }
}
