//! The exact solution on the current support: an exact dual point, and often the exact optimum.
//!
//! Once coordinate descent has found the support and signs of the solution, the optimum is the solution
//! of the linear system `(X_A^T X_A / n + l2 I) w_A = X_A^T y / n - l1 sign(w_A)` on that support `A`.
//! Its residual satisfies the optimality conditions of every feature in `A` exactly, which is what makes
//! the dual point built from it (nearly) optimal. The dual point of a coordinate-descent iterate is
//! `O(eps)` from the optimal one where the iterate is `O(eps)` away, but its primal suboptimality is
//! `O(eps^2)`, so its duality gap overstates the suboptimality by orders of magnitude (1e3 to 1e6
//! measured on the benchmark shapes at tol 1e-6; see `examples/certificate.rs`). With the dual point of
//! the support solution the gap of an iterate is within a small factor of its true suboptimality.
//!
//! When the support solution keeps the iterate's signs it is also a better primal point (the exact
//! optimum, if no feature outside `A` violates its condition); the solver moves there when that lowers
//! the objective.
//!
//! The system's Cholesky factor is kept along the path and grown a feature at a time (`k^2` work per
//! feature that enters, instead of `k^3 / 3` for a new factorization): supports change little from one
//! lambda to the next, and for the lasso (`l2 = 0`) the matrix does not depend on lambda at all. It is
//! stored column-major, so every substitution and every rotation runs along contiguous columns, and the
//! features that enter together are appended by one blocked triangular solve.

use super::certificate::Penalty;
use super::gradients::{GradientKeeper, Problem};
use crate::linalg::{axpy, dot};
use line::Line;

mod line;
#[cfg(test)]
mod tests;

/// Multiply-adds from which a batch's triangular solve goes to faer's blocked kernel: below it the
/// column loop is as fast and spares faer's first-use cost (it reads the cache sizes, about 1.4 ms).
/// On `large` (10000 x 1000, batches of about 20 features on factors of up to 950), one core, the
/// appends took 0.021 to 0.024 s of the path, against 0.035 to 0.044 s for the row-by-row dot products
/// they replace.
const BLOCKED_SOLVE_MIN_WORK: f64 = 1e6;

/// The Cholesky factor `L L^T = X_A^T X_A / n + l2 I` of a support, in the order its features entered.
#[derive(Default)]
pub(super) struct SupportFactor {
    features: Vec<usize>,
    /// `L` column-major in a square of side `cap`: entry `(r, c)` at `c * cap + r`. Only `r >= c`
    /// and `r, c < features.len()` mean anything; the rest is scratch.
    l: Vec<f64>,
    cap: usize,
    l2: f64,
    /// The solution along the L1 weight for the current features and the signs last asked for.
    line: Option<Line>,
    /// The line's forward substitutions, `L^-1 X_A^T y / n` and `L^-1 s`.
    forward: [Forward; 2],
}

/// A forward substitution `y = L^-1 b` kept for a prefix of the features: `y_r` depends on `b_0..b_r`
/// alone, rows appended to `L` leave the prefix as it is, and a removal rotates it as it rotates `L`'s
/// columns. So a new line substitutes forward only for the features that entered (`O(k B)` for `B` of
/// them, not `O(k^2)`).
#[derive(Default)]
struct Forward {
    /// The right-hand side the prefix was substituted for; always as long as `y`.
    b: Vec<f64>,
    y: Vec<f64>,
}

/// What [`SupportFactor::solve`] found.
pub(super) struct SupportSolution {
    /// The support solution, zero off the support.
    pub(super) point: Vec<f64>,
    /// Whether it has the signs of the `w` it was asked for.
    pub(super) keeps_signs: bool,
    /// The exact gradient at `point`, when the line gave it: the keeper had the Gram columns and
    /// the line did not cancel (see [`Line::gradient_at`]); otherwise the keeper recomputes it.
    pub(super) gradient: Option<Vec<f64>>,
}

impl SupportFactor {
    /// Roughly the multiply-adds of a solve on a support of `k` features: `k^2` for the substitutions
    /// and `k^2 / 2` for each feature the factor lacks; `k^3 / 6` when it must be built again (a new
    /// `l2`: the elastic net at a new lambda).
    pub(super) fn cost(&self, k: usize, l2: f64) -> f64 {
        let missing = k.saturating_sub(self.features.len()) as f64;
        let k = k as f64;
        if self.is_current(l2) {
            k * k * (1.0 + missing / 2.0)
        } else {
            k * k * k / 6.0
        }
    }

    /// Whether a solve costs only substitutions and appends (the factor's `l2` is the penalty's).
    pub(super) fn is_current(&self, l2: f64) -> bool {
        l2 == self.l2
    }

    /// The support solution of `w`, or `None` when `w` is zero or the support's system is not
    /// positive definite in floating point (more features than rows, say).
    pub(super) fn solve<K: GradientKeeper>(
        &mut self,
        problem: &Problem,
        keeper: &mut K,
        w: &[f64],
        penalty: Penalty,
    ) -> Option<SupportSolution> {
        let support: Vec<usize> = (0..w.len()).filter(|&j| w[j] != 0.0).collect();
        if support.is_empty() || support.len() > problem.n {
            return None;
        }
        // On a failed pivot the factor keeps the features before it (still a valid factor) and the
        // next attempt starts from there.
        if !self.factor(keeper, &support, penalty.l2, w.len().min(problem.n)) {
            return None;
        }
        let signs: Vec<f64> = self.features.iter().map(|&j| w[j].signum()).collect();
        if self.line.as_ref().is_none_or(|line| line.signs != signs) {
            self.line = Some(self.line_of(problem, keeper, signs));
        }
        let line = self.line.as_ref().expect("just made");
        let mut solved: Vec<f64> = line.u.iter().zip(&line.v).map(|(u, v)| u - penalty.l1 * v).collect();
        let precise = line.is_precise(penalty.l1, &solved);
        if !precise {
            solved = self
                .features
                .iter()
                .zip(&line.signs)
                .map(|(&j, s)| problem.xty[j] - penalty.l1 * s)
                .collect();
            self.substitute(&mut solved, 1);
        }
        let mut point = vec![0.0; w.len()];
        let mut keeps_signs = true;
        for (&j, &v) in self.features.iter().zip(&solved) {
            if !v.is_finite() {
                return None;
            }
            keeps_signs &= v.signum() == w[j].signum();
            point[j] = v;
        }
        let gradient = precise.then(|| line.gradient_at(penalty.l1)).flatten();
        Some(SupportSolution {
            point,
            keeps_signs,
            gradient,
        })
    }

    /// The line of the current features with `signs`: the kept forward substitutions extended to
    /// them ([`Forward`]), one back substitution with both as right-hand sides and, where the keeper
    /// has the Gram columns, one pass over them for both gradients.
    fn line_of<K: GradientKeeper>(&mut self, problem: &Problem, keeper: &K, signs: Vec<f64>) -> Line {
        let k = self.features.len();
        let xty: Vec<f64> = self.features.iter().map(|&j| problem.xty[j]).collect();
        let mut forward = std::mem::take(&mut self.forward);
        self.extend_forward(&mut forward[0], &xty);
        self.extend_forward(&mut forward[1], &signs);
        let mut z = [forward[0].y.as_slice(), forward[1].y.as_slice()].concat();
        self.forward = forward;
        self.substitute_back(&mut z, 2);
        let v = z.split_off(k);
        let gradients = keeper.line_gradients(&self.features, &z, &v);
        Line {
            signs,
            u: z,
            v,
            gradients,
        }
    }

    /// Makes this the factor of `support` (sorted): removes the features that left (a downdate),
    /// starts again if `l2` changed, then appends the features that are new. False if a pivot is not
    /// positive. A support never has more than `limit` features (the problem's rows or features).
    fn factor<K: GradientKeeper>(&mut self, keeper: &mut K, support: &[usize], l2: f64, limit: usize) -> bool {
        if l2 != self.l2 {
            self.clear();
            self.l2 = l2;
        }
        while let Some(a) = self.features.iter().position(|j| support.binary_search(j).is_err()) {
            self.remove(a);
        }
        let mut factored = self.features.clone();
        factored.sort_unstable();
        let new: Vec<usize> = support
            .iter()
            .copied()
            .filter(|j| factored.binary_search(j).is_err())
            .collect();
        let mut known = self.features.clone();
        let products: Vec<Vec<f64>> = new
            .iter()
            .map(|&j| {
                let row = keeper.products(j, &known);
                known.push(j);
                row
            })
            .collect();
        self.append(&new, &products, limit)
    }

    /// Empties the factor, keeping its storage (the elastic net starts a new factor at every lambda).
    fn clear(&mut self) {
        self.features.clear();
        self.line = None;
        self.forward = Default::default();
    }

    /// Column `c` of `L`, rows `0..k` (`k` the factor's size).
    fn column(&self, c: usize) -> &[f64] {
        let start = c * self.cap;
        &self.l[start..start + self.features.len()]
    }

    /// Room for `k` features: a square twice as large (so a support that grows feature by feature
    /// copies the factor a logarithmic number of times and zeroes about 4/3 of its final size), but
    /// never larger than the `limit` on a support's size.
    fn reserve(&mut self, k: usize, limit: usize) {
        if k <= self.cap {
            return;
        }
        let cap = (2 * self.cap).max(16).min(limit).max(k);
        let mut l = vec![0.0; cap * cap];
        let size = self.features.len();
        for c in 0..size {
            l[c * cap..c * cap + size].copy_from_slice(&self.l[c * self.cap..c * self.cap + size]);
        }
        self.l = l;
        self.cap = cap;
    }

    /// Appends `features` in order, `products[i]` holding feature `i`'s products with the features
    /// factored before it (those already in the factor, then `features[..i]`) and, last, with itself.
    /// Feature `i`'s new row is `L^-1 a_i` and its diagonal `sqrt(c_i - |L^-1 a_i|^2)`. The rows'
    /// parts against the existing factor come from one triangular solve with the whole batch as its
    /// right-hand sides (near the end of a deep path a homotopy step adds dozens at a time); the small
    /// block among the batch's own features follows row by row. False at the first pivot that is not
    /// positive; the features before it stay.
    fn append(&mut self, features: &[usize], products: &[Vec<f64>], limit: usize) -> bool {
        let (k, batch) = (self.features.len(), features.len());
        if batch > 0 {
            self.line = None;
        }
        self.reserve(k + batch, limit);
        let mut z: Vec<f64> = products.iter().flat_map(|a| a[..k].iter().copied()).collect();
        self.solve_lower(&mut z, batch);
        let cap = self.cap;
        for (i, (&j, product)) in features.iter().zip(products).enumerate() {
            let (r, z_i) = (k + i, &z[i * k..(i + 1) * k]);
            for (c, &v) in z_i.iter().enumerate() {
                self.l[c * cap + r] = v;
            }
            let within = |l: &[f64], a: usize, b: usize, t: usize| {
                (k..k + t).map(|c| l[c * cap + a] * l[c * cap + b]).sum::<f64>()
            };
            for t in 0..i {
                let c = k + t;
                let s = dot(z_i, &z[t * k..(t + 1) * k]) + within(&self.l, r, c, t);
                self.l[c * cap + r] = (product[c] - s) / self.l[c * cap + c];
            }
            let diagonal = product[r];
            let pivot = diagonal + self.l2 - dot(z_i, z_i) - within(&self.l, r, r, i);
            // A pivot lost to cancellation (or NaN) means the support's columns are (nearly) dependent.
            let healthy = pivot > 1e-12 * (diagonal + self.l2);
            if !healthy {
                return false;
            }
            self.l[r * cap + r] = pivot.sqrt();
            self.features.push(j);
        }
        true
    }

    /// Solves `L Z = B` in place for the `m` columns of `z` (column-major, `k` rows each).
    fn solve_lower(&self, z: &mut [f64], m: usize) {
        let k = self.features.len();
        if k == 0 || m == 0 {
            return;
        }
        if (k * k * m) as f64 / 2.0 >= BLOCKED_SOLVE_MIN_WORK {
            let l = faer::MatRef::from_column_major_slice_with_stride(&self.l, k, k, self.cap);
            let rhs = faer::MatMut::from_column_major_slice_mut(z, k, m);
            faer::linalg::triangular_solve::solve_lower_triangular_in_place(l, rhs, faer::Par::Seq);
            return;
        }
        for c in 0..k {
            let column = self.column(c);
            for z_i in z.chunks_exact_mut(k) {
                z_i[c] /= column[c];
                let v = z_i[c];
                axpy(-v, &column[c + 1..], &mut z_i[c + 1..]);
            }
        }
    }

    /// Removes the feature at position `a`: with its row deleted, the columns right of it reach one
    /// row above the diagonal; Givens rotations of neighbouring columns (which leave `L L^T`
    /// unchanged) zero those entries one by one: `O(k (k - a))` work with the moves. The forward
    /// substitutions get the same rotations: with `L` rotated as `L R`, `L y = b` becomes
    /// `(L R)(R^T y) = b`. A zero diagonal after the rotations (the remaining columns dependent in
    /// floating point) empties the factor, to be built again from the support.
    fn remove(&mut self, a: usize) {
        let (k, cap) = (self.features.len(), self.cap);
        self.features.remove(a);
        self.line = None;
        for c in 0..k {
            // Column c's rows below the deleted one move up; right of it, its diagonal too.
            let first = (a + 1).max(c);
            if first < k {
                self.l.copy_within(c * cap + first..c * cap + k, c * cap + first - 1);
            }
        }
        let mut degenerate = false;
        for c in a..k - 1 {
            let (left, right) = self.l.split_at_mut((c + 1) * cap);
            let (u, v) = (&mut left[c * cap + c..c * cap + k - 1], &mut right[c..k - 1]);
            let r = u[0].hypot(v[0]);
            degenerate |= !(r > 0.0 && r.is_finite());
            let (cos, sin) = if r == 0.0 { (1.0, 0.0) } else { (u[0] / r, v[0] / r) };
            let rotate = |x: &mut f64, y: &mut f64| (*x, *y) = (cos * *x + sin * *y, -sin * *x + cos * *y);
            for (x, y) in u.iter_mut().zip(v.iter_mut()) {
                rotate(x, y);
            }
            for forward in &mut self.forward {
                if let Some([x, y]) = forward.y.get_mut(c..c + 2) {
                    rotate(x, y);
                }
            }
        }
        for forward in &mut self.forward {
            // Its entry past the rotations multiplies the column that was cut.
            if a < forward.y.len() {
                forward.y.pop();
                forward.b.remove(a);
            }
            forward.b.truncate(forward.y.len());
        }
        if degenerate {
            // Columns dependent in floating point: start again from the features that remain.
            self.clear();
        }
    }

    /// Makes `forward` the substitution `L^-1 b` for all the features, keeping the prefix that is
    /// still right (up to the first entry of `b` that changed) and substituting down the columns of
    /// `L` from there, in the order of a substitution from scratch (to the bits, while no feature has
    /// been removed since).
    fn extend_forward(&self, forward: &mut Forward, b: &[f64]) {
        let k = self.features.len();
        let same = forward.b.iter().zip(b).take_while(|(x, y)| x == y).count();
        let m = same.min(forward.y.len());
        forward.y.truncate(m);
        forward.b = b.to_vec();
        let mut tail = b[m..k].to_vec();
        for c in 0..m {
            axpy(-forward.y[c], &self.column(c)[m..], &mut tail);
        }
        for c in m..k {
            let column = self.column(c);
            tail[c - m] /= column[c];
            let v = tail[c - m];
            axpy(-v, &column[c + 1..], &mut tail[c - m + 1..]);
        }
        forward.y.extend(tail);
    }

    /// Solves `L L^T X = B` in place for the `m` columns of `z` (column-major, `k` rows each):
    /// forward substitution down the columns of `L`, then [`SupportFactor::substitute_back`].
    fn substitute(&self, z: &mut [f64], m: usize) {
        self.solve_lower(z, m);
        self.substitute_back(z, m);
    }

    /// Solves `L^T X = Z` in place: the columns of `L` read as rows of `L^T`, each read once for all
    /// `m` columns of `z`.
    fn substitute_back(&self, z: &mut [f64], m: usize) {
        let k = self.features.len();
        debug_assert_eq!(z.len(), k * m);
        for c in (0..k).rev() {
            let column = self.column(c);
            for z_i in z.chunks_exact_mut(k) {
                z_i[c] = (z_i[c] - dot(&column[c + 1..], &z_i[c + 1..])) / column[c];
            }
        }
    }
}
