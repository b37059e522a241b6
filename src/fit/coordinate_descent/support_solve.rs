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
//! lambda to the next, and for the lasso (`l2 = 0`) the matrix does not depend on lambda at all.

use super::certificate::Penalty;
use super::gradients::{GradientKeeper, Problem};
use crate::linalg::{axpy, dot};

/// The Cholesky factor `L L^T = X_A^T X_A / n + l2 I` of a support, in the order its features entered.
#[derive(Default)]
pub(super) struct SupportFactor {
    features: Vec<usize>,
    /// Row `a` of `L` holds its `a + 1` entries on and below the diagonal.
    rows: Vec<Vec<f64>>,
    l2: f64,
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

    /// The support solution of `w`: `Some((point, keeps_signs))`, or `None` when `w` is zero or the
    /// support's system is not positive definite in floating point (more features than rows, say).
    pub(super) fn solve<K: GradientKeeper>(
        &mut self,
        problem: &Problem,
        keeper: &mut K,
        w: &[f64],
        penalty: Penalty,
    ) -> Option<(Vec<f64>, bool)> {
        let support: Vec<usize> = (0..w.len()).filter(|&j| w[j] != 0.0).collect();
        if support.is_empty() || support.len() > problem.n {
            return None;
        }
        // On a failed pivot the factor keeps the features before it (still a valid factor) and the
        // next attempt starts from there.
        if !self.factor(keeper, &support, penalty.l2) {
            return None;
        }
        let rhs: Vec<f64> = self
            .features
            .iter()
            .map(|&j| problem.xty[j] - penalty.l1 * w[j].signum())
            .collect();
        let solved = self.substitute(rhs);
        let mut point = vec![0.0; w.len()];
        let mut keeps_signs = true;
        for (&j, &v) in self.features.iter().zip(&solved) {
            if !v.is_finite() {
                return None;
            }
            keeps_signs &= v.signum() == w[j].signum();
            point[j] = v;
        }
        Some((point, keeps_signs))
    }

    /// Makes this the factor of `support` (sorted): removes the features that left (a downdate),
    /// starts again if `l2` changed, then appends the features that are new. False if a pivot is not
    /// positive.
    fn factor<K: GradientKeeper>(&mut self, keeper: &mut K, support: &[usize], l2: f64) -> bool {
        if l2 != self.l2 {
            *self = Self { l2, ..Self::default() };
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
        self.append(&new, &products)
    }

    /// Appends `features` in order, `products[i]` holding feature `i`'s products with the features
    /// factored before it (those already in the factor, then `features[..i]`) and, last, with itself.
    /// Feature `i`'s new row is `L^-1 a_i` and its diagonal `sqrt(c_i - |L^-1 a_i|^2)`. The substitutions
    /// against the existing rows run for all new features together, row by row of `L`, so `L` (3.6 MB at
    /// 950 features) is read once per batch rather than once per feature: near the end of a deep path a
    /// homotopy step adds dozens at a time, and reading `L` each time made the factor a tenth of the
    /// path's time. False at the first pivot that is not positive; the features before it stay.
    fn append(&mut self, features: &[usize], products: &[Vec<f64>]) -> bool {
        let k = self.features.len();
        let mut new_rows: Vec<Vec<f64>> = products.iter().map(|a| Vec::with_capacity(a.len())).collect();
        for (a, row_a) in self.rows.iter().enumerate() {
            for (row, product) in new_rows.iter_mut().zip(products) {
                let s = dot(&row_a[..a], &row[..a]);
                row.push((product[a] - s) / row_a[a]);
            }
        }
        for ((&j, mut row), product) in features.iter().zip(new_rows).zip(products) {
            for b in k..self.rows.len() {
                let s = dot(&self.rows[b][..b], &row[..b]);
                row.push((product[b] - s) / self.rows[b][b]);
            }
            let diagonal = product[row.len()];
            let pivot = diagonal + self.l2 - dot(&row, &row);
            // A pivot lost to cancellation (or NaN) means the support's columns are (nearly) dependent.
            let healthy = pivot > 1e-12 * (diagonal + self.l2);
            if !healthy {
                return false;
            }
            row.push(pivot.sqrt());
            self.rows.push(row);
            self.features.push(j);
        }
        true
    }

    /// Removes the feature at position `a`: with its row deleted, the rows below reach one column past
    /// the diagonal; Givens rotations of neighbouring columns (which leave `L L^T` unchanged) zero
    /// those entries one by one, `O((k - a)^2)` work.
    fn remove(&mut self, a: usize) {
        self.features.remove(a);
        self.rows.remove(a);
        let k = self.rows.len();
        for c in a..k {
            let (x, y) = (self.rows[c][c], self.rows[c][c + 1]);
            let r = x.hypot(y);
            let (cos, sin) = if r == 0.0 { (1.0, 0.0) } else { (x / r, y / r) };
            for row in &mut self.rows[c..] {
                let (u, v) = (row[c], row[c + 1]);
                row[c] = cos * u + sin * v;
                row[c + 1] = -sin * u + cos * v;
            }
            self.rows[c].truncate(c + 1);
        }
    }

    /// Solves `L L^T x = b`: forward substitution by rows of `L`, back substitution by rows of `L`
    /// read as columns of `L^T`.
    fn substitute(&self, mut b: Vec<f64>) -> Vec<f64> {
        let k = b.len();
        for a in 0..k {
            let s = dot(&self.rows[a][..a], &b[..a]);
            b[a] = (b[a] - s) / self.rows[a][a];
        }
        for a in (0..k).rev() {
            b[a] /= self.rows[a][a];
            let xa = b[a];
            axpy(-xa, &self.rows[a][..a], &mut b[..a]);
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A symmetric positive definite matrix with some coupling: `a(i, j) = 0.5^|i - j|`, plus `i` on the
    /// diagonal's scale so the entries differ.
    fn a(i: usize, j: usize) -> f64 {
        0.5f64.powi((i as i32 - j as i32).abs()) * if i == j { 1.0 + i as f64 * 0.1 } else { 1.0 }
    }

    fn append(factor: &mut SupportFactor, j: usize) {
        let products: Vec<f64> = factor
            .features
            .iter()
            .chain(std::iter::once(&j))
            .map(|&i| a(i, j))
            .collect();
        assert!(factor.append(&[j], &[products]));
    }

    /// `L L^T` is the matrix of the factor's features, in its order, and the substitutions solve it.
    fn assert_factors(factor: &SupportFactor) {
        let k = factor.features.len();
        for r in 0..k {
            assert_eq!(factor.rows[r].len(), r + 1, "row {r} is lower triangular");
            for c in 0..k {
                let llt: f64 = (0..=r.min(c)).map(|t| factor.rows[r][t] * factor.rows[c][t]).sum();
                let want = a(factor.features[r], factor.features[c]);
                assert!((llt - want).abs() < 1e-12, "({r}, {c}): {llt} vs {want}");
            }
        }
        let b: Vec<f64> = (0..k).map(|r| r as f64 - 1.5).collect();
        let x = factor.substitute(b.clone());
        for (r, &br) in b.iter().enumerate() {
            let ax: f64 = (0..k).map(|c| a(factor.features[r], factor.features[c]) * x[c]).sum();
            assert!((ax - br).abs() < 1e-10, "row {r}: {ax} vs {br}");
        }
    }

    #[test]
    fn appending_and_removing_features_keeps_the_factor_of_the_remaining_ones() {
        let mut factor = SupportFactor::default();
        for j in [3, 0, 7, 1, 9, 4, 2] {
            append(&mut factor, j);
            assert_factors(&factor);
        }
        // First, middle and last positions, then append again after removals.
        for position in [0, 2, 4] {
            factor.remove(position);
            assert_factors(&factor);
        }
        for j in [5, 8] {
            append(&mut factor, j);
            assert_factors(&factor);
        }
        assert_eq!(factor.features, vec![0, 7, 9, 4, 5, 8]);
    }

    #[test]
    fn features_appended_together_factor_as_if_appended_one_by_one() {
        let mut factor = SupportFactor::default();
        append(&mut factor, 2);
        let batch = [5, 0, 9];
        let mut known = factor.features.clone();
        let products: Vec<Vec<f64>> = batch
            .iter()
            .map(|&j| {
                known.push(j);
                known.iter().map(|&i| a(i, j)).collect()
            })
            .collect();
        assert!(factor.append(&batch, &products));
        assert_eq!(factor.features, vec![2, 5, 0, 9]);
        assert_factors(&factor);
    }

    #[test]
    fn a_dependent_feature_in_a_batch_keeps_the_features_before_it() {
        let mut factor = SupportFactor::default();
        append(&mut factor, 0);
        // Feature 4, then a copy of feature 0 (its products are feature 0's: a zero pivot), then 3.
        let products = vec![
            vec![a(0, 4), a(4, 4)],
            vec![a(0, 0), a(4, 0), a(0, 0)],
            vec![a(0, 3), a(4, 3), a(0, 3), a(3, 3)],
        ];
        assert!(!factor.append(&[4, 6, 3], &products));
        assert_eq!(factor.features, vec![0, 4]);
        assert_factors(&factor);
    }

    #[test]
    fn a_dependent_feature_is_refused_and_the_factor_stays_valid() {
        let mut factor = SupportFactor::default();
        append(&mut factor, 0);
        append(&mut factor, 1);
        // A feature equal to feature 0: its products are feature 0's, so its pivot is zero.
        let products = vec![a(0, 0), a(1, 0), a(0, 0)];
        assert!(!factor.append(&[6], &[products]));
        assert_eq!(factor.features, vec![0, 1]);
        assert_factors(&factor);
    }
}
