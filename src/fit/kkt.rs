//! Optimality (KKT) conditions of the elastic-net problem, to check any solution independently of the
//! solver that produced it.
//!
//! `w` minimizes `1/(2n)||y - Xw||^2 + lambda l1_ratio ||w||_1 + lambda (1 - l1_ratio)/2 ||w||^2` exactly when,
//! with `g_j = x_j^T (y - Xw) / n - lambda (1 - l1_ratio) w_j`:
//! `g_j = lambda l1_ratio sign(w_j)` where `w_j != 0`, and `|g_j| <= lambda l1_ratio` where `w_j = 0`.

use crate::linalg::Matrix;

/// The worst violation of the KKT conditions, divided by `lambda * l1_ratio` (by `lambda` for ridge, where
/// the condition is `g_j = 0`).
pub fn relative_kkt_violation(x: &Matrix, y: &[f64], w: &[f64], lambda: f64, l1_ratio: f64) -> f64 {
    let n = x.nrows() as f64;
    let fitted = x.mul_vec(w);
    let residual: Vec<f64> = y.iter().zip(&fitted).map(|(a, b)| a - b).collect();
    let xtr = x.tr_mul_vec(&residual);
    let l1 = lambda * l1_ratio;
    let l2 = lambda * (1.0 - l1_ratio);
    let worst = w
        .iter()
        .zip(&xtr)
        .map(|(&wj, &c)| {
            let g = c / n - l2 * wj;
            if wj > 0.0 {
                (g - l1).abs()
            } else if wj < 0.0 {
                (g + l1).abs()
            } else {
                (g.abs() - l1).max(0.0)
            }
        })
        .fold(0.0, f64::max);
    worst / if l1_ratio > 0.0 { l1 } else { lambda }
}

/// The objective `1/(2n)||y - Xw||^2 + lambda l1_ratio ||w||_1 + lambda (1 - l1_ratio)/2 ||w||^2`, from
/// a residual computed afresh (not the solver's running one), to judge any solution.
pub fn objective(x: &Matrix, y: &[f64], w: &[f64], lambda: f64, l1_ratio: f64) -> f64 {
    let fitted = x.mul_vec(w);
    let r2: f64 = y.iter().zip(&fitted).map(|(a, b)| (a - b) * (a - b)).sum();
    let l1: f64 = w.iter().map(|v| v.abs()).sum();
    let l2: f64 = w.iter().map(|v| v * v).sum();
    r2 / (2.0 * x.nrows() as f64) + lambda * l1_ratio * l1 + lambda * (1.0 - l1_ratio) / 2.0 * l2
}

/// An independent near-exact solution for checking a solver: the solution on the support and signs of
/// `w`, solved exactly from the normal equations `(X_A^T X_A + n l2 I) w_A = X_A^T y - n l1 sign(w_A)`.
/// `None` when `w` is zero, the system is singular, a sign flips, or the result satisfies the KKT
/// conditions worse than `w` (a wrong support): then `w` itself is the better reference.
pub fn polish(x: &Matrix, y: &[f64], w: &[f64], lambda: f64, l1_ratio: f64) -> Option<Vec<f64>> {
    use faer::linalg::solvers::Solve;
    let n = x.nrows() as f64;
    let support: Vec<usize> = (0..w.len()).filter(|&j| w[j] != 0.0).collect();
    let k = support.len();
    if k == 0 {
        return None;
    }
    let (l1, l2) = (lambda * l1_ratio, lambda * (1.0 - l1_ratio));
    let gram = faer::Mat::from_fn(k, k, |a, b| {
        crate::linalg::dot(x.col(support[a]), x.col(support[b])) + if a == b { n * l2 } else { 0.0 }
    });
    let rhs = faer::Mat::from_fn(k, 1, |a, _| {
        crate::linalg::dot(x.col(support[a]), y) - n * l1 * w[support[a]].signum()
    });
    let solved = gram.as_ref().partial_piv_lu().solve(&rhs);
    let mut polished = vec![0.0; w.len()];
    for (a, &j) in support.iter().enumerate() {
        let v = solved[(a, 0)];
        if !v.is_finite() || v.signum() != w[j].signum() {
            return None;
        }
        polished[j] = v;
    }
    let better =
        relative_kkt_violation(x, y, &polished, lambda, l1_ratio) <= relative_kkt_violation(x, y, w, lambda, l1_ratio);
    better.then_some(polished)
}
