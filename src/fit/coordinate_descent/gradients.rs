//! Keeping the gradient `g_j = x_j^T r / n` current as coordinates change: naive updates of the
//! residual, or covariance updates with Gram columns.

use crate::linalg::Matrix;
use crate::linalg::{add_columns, add_columns_to_both, axpy, dot, gram_columns, gram_full};

/// The data terms shared by both update rules.
pub(super) struct Problem<'a> {
    pub(super) x: &'a Matrix,
    pub(super) y: &'a [f64],
    pub(super) n: usize,
    /// `||x_j||^2 / n` (1 for a standardized column, 0 for a constant one).
    pub(super) d: Vec<f64>,
    /// `x_j^T y / n`.
    pub(super) xty: Vec<f64>,
    pub(super) y_norm2: f64,
}

/// Keeps `g_j = x_j^T r / n` available as coefficients change.
pub(super) trait GradientKeeper {
    /// The current `g_j` for a feature in the strong set.
    fn gradient_of(&self, j: usize) -> f64;
    /// Records `w_j += delta`.
    fn update(&mut self, j: usize, delta: f64);
    /// Makes `g` exact for the features flagged in `outside` (those not being iterated on).
    fn gradients_outside(&mut self, outside: &[bool]) -> &[f64];
    /// Recomputes everything exactly from `w` (removing accumulated rounding), returning `(g, ||r||^2,
    /// r^T y)` with `g` current for every feature.
    fn exact(&mut self, w: &[f64]) -> (&[f64], f64, f64);
    /// As [`GradientKeeper::exact`], but without the recomputation when no coefficient has moved
    /// since the last one (or since a [`GradientKeeper::restore`] or [`GradientKeeper::adopt`]): a new
    /// lambda starts from the previous one's solution, whose statistics do not depend on lambda. Only
    /// for a `w` the keeper has followed: after setting `w` directly, call `exact`.
    fn refresh(&mut self, w: &[f64]) -> (&[f64], f64, f64);
    /// `(g, ||r||^2, r^T y)` for every feature from what is kept up to date, when that is cheap (no pass
    /// over the data); the gap computed from it is then checked after every sweep.
    fn cheap(&self, _w: &[f64]) -> Option<(&[f64], f64, f64)> {
        None
    }
    /// What [`GradientKeeper::exact`] leaves behind, saved to come back to without computing it again.
    type Saved;
    /// Saves the statistics of the point they are current for.
    fn save(&self) -> Self::Saved;
    /// Returns to saved statistics (the caller returns to their point).
    fn restore(&mut self, saved: Self::Saved);
    /// `||y - X w||^2` from what is kept up to date.
    fn residual_norm2(&self, w: &[f64]) -> f64;
    /// Prepares for iterating on `features` (Gram columns, for the covariance rule).
    fn prepare(&mut self, _features: &[usize]) {}
    /// `x_j^T x_i / n` for each `i` of `others`, then `x_j^T x_j / n`.
    fn products(&mut self, j: usize, others: &[usize]) -> Vec<f64>;
    /// The gradient of every feature as of the last [`GradientKeeper::exact`] (or
    /// [`GradientKeeper::adopt`]).
    fn gradients(&self) -> &[f64];
    /// For the support solution's line `w_A = u - l1 v` (see [`super::support_solve`]): the gradients
    /// `X^T y / n - G_A u` and `G_A v` (`G_A` the Gram columns of `features`), when the keeper has
    /// the Gram columns; `None` otherwise.
    fn line_gradients(&self, _features: &[usize], _u: &[f64], _v: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
        None
    }
    /// Takes `g` as the exact gradient at `w` (computed from [`GradientKeeper::line_gradients`]) and
    /// returns the statistics of [`GradientKeeper::exact`]. A keeper without line gradients never
    /// gets one; the default recomputes.
    fn adopt(&mut self, w: &[f64], _g: Vec<f64>) -> (&[f64], f64, f64) {
        self.exact(w)
    }
}

pub(super) struct Naive<'a> {
    problem: &'a Problem<'a>,
    residual: Vec<f64>,
    g: Vec<f64>,
    /// No update since the last exact recomputation (or restore).
    fresh: bool,
}

impl<'a> Naive<'a> {
    pub(super) fn new(problem: &'a Problem<'a>) -> Self {
        Self {
            problem,
            residual: problem.y.to_vec(),
            g: problem.xty.clone(),
            fresh: true,
        }
    }
}

impl GradientKeeper for Naive<'_> {
    type Saved = (Vec<f64>, Vec<f64>);

    fn save(&self) -> Self::Saved {
        (self.residual.clone(), self.g.clone())
    }

    fn restore(&mut self, saved: Self::Saved) {
        (self.residual, self.g) = saved;
        self.fresh = true;
    }

    #[inline]
    fn gradient_of(&self, j: usize) -> f64 {
        dot(self.problem.x.col(j), &self.residual) / self.problem.n as f64
    }

    #[inline]
    fn update(&mut self, j: usize, delta: f64) {
        self.fresh = false;
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
        self.fresh = true;
        let r_norm2 = dot(&self.residual, &self.residual);
        let r_dot_y = dot(&self.residual, p.y);
        (&self.g, r_norm2, r_dot_y)
    }

    fn refresh(&mut self, w: &[f64]) -> (&[f64], f64, f64) {
        if !self.fresh {
            return self.exact(w);
        }
        let r_norm2 = dot(&self.residual, &self.residual);
        let r_dot_y = dot(&self.residual, self.problem.y);
        (&self.g, r_norm2, r_dot_y)
    }

    fn residual_norm2(&self, _w: &[f64]) -> f64 {
        dot(&self.residual, &self.residual)
    }

    fn products(&mut self, j: usize, others: &[usize]) -> Vec<f64> {
        let x = self.problem.x;
        let inv_n = 1.0 / self.problem.n as f64;
        others
            .iter()
            .chain(std::iter::once(&j))
            .map(|&i| dot(x.col(i), x.col(j)) * inv_n)
            .collect()
    }

    fn gradients(&self) -> &[f64] {
        &self.g
    }
}

/// Covariance updates with the Gram matrix filled in lazily: column blocks while few features have
/// entered, then (once an eighth of them have, or at once when the path is expected to end dense) the
/// whole matrix in one symmetric product, which costs `n p^2 / 2` instead of `n p^2`.
pub(super) struct Covariance<'a> {
    problem: &'a Problem<'a>,
    g: Vec<f64>,
    /// Column `slot[j]` of `gram` is `X^T x_j / n`, once computed.
    slot: Vec<usize>,
    gram: Vec<f64>,
    full: bool,
    /// No update since the last exact recomputation (or restore, or adopted gradient).
    fresh: bool,
    /// The path goes deep enough that most features will enter: fill the whole matrix at once.
    expect_dense: bool,
}

const NO_SLOT: usize = usize::MAX;

/// Largest `p` for which the whole Gram matrix is stored (8 * p^2 bytes: 288 MB at 6000).
const FULL_GRAM_MAX_P: usize = 6000;

impl<'a> Covariance<'a> {
    pub(super) fn new(problem: &'a Problem<'a>, expect_dense: bool) -> Self {
        let p = problem.x.ncols();
        Self {
            problem,
            g: problem.xty.clone(),
            slot: vec![NO_SLOT; p],
            gram: Vec::new(),
            full: false,
            fresh: true,
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
    type Saved = Vec<f64>;

    fn save(&self) -> Self::Saved {
        self.g.clone()
    }

    fn restore(&mut self, saved: Self::Saved) {
        self.g = saved;
        self.fresh = true;
    }

    #[inline]
    fn gradient_of(&self, j: usize) -> f64 {
        self.g[j]
    }

    #[inline]
    fn update(&mut self, j: usize, delta: f64) {
        self.fresh = false;
        let p = self.slot.len();
        let s = self.slot[j];
        axpy(-delta, &self.gram[s * p..(s + 1) * p], &mut self.g);
    }

    fn gradients_outside(&mut self, _outside: &[bool]) -> &[f64] {
        &self.g
    }

    fn exact(&mut self, w: &[f64]) -> (&[f64], f64, f64) {
        let mut g = self.problem.xty.clone();
        let terms: Vec<(f64, &[f64])> = (0..w.len())
            .filter(|&j| w[j] != 0.0)
            .map(|j| (-w[j], self.column(j)))
            .collect();
        add_columns(&terms, &mut g);
        self.g = g;
        self.fresh = true;
        self.cheap(w).expect("covariance statistics are always cheap")
    }

    fn refresh(&mut self, w: &[f64]) -> (&[f64], f64, f64) {
        if !self.fresh {
            return self.exact(w);
        }
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

    fn products(&mut self, j: usize, others: &[usize]) -> Vec<f64> {
        self.prepare(&[j]);
        let column = self.column(j);
        others.iter().chain(std::iter::once(&j)).map(|&i| column[i]).collect()
    }

    fn gradients(&self) -> &[f64] {
        &self.g
    }

    fn line_gradients(&self, features: &[usize], u: &[f64], v: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
        let mut g_u = self.problem.xty.clone();
        let mut g_v = vec![0.0; g_u.len()];
        let columns: Vec<&[f64]> = features.iter().map(|&j| self.column(j)).collect();
        let minus_u: Vec<f64> = u.iter().map(|x| -x).collect();
        add_columns_to_both(&columns, &minus_u, v, &mut g_u, &mut g_v);
        Some((g_u, g_v))
    }

    fn adopt(&mut self, w: &[f64], g: Vec<f64>) -> (&[f64], f64, f64) {
        self.g = g;
        self.fresh = true;
        self.cheap(w).expect("covariance statistics are always cheap")
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
