//! The lambda grid shared with glmnet, scikit-learn and the reference solutions.

use crate::linalg::dot;
use crate::linalg::Matrix;

/// The smallest lambda at which every coefficient is zero for mix `l1_ratio > 0`:
/// `max_j |x_j^T y| / (n * l1_ratio)`, on standardized data.
pub fn lambda_max(xty: &[f64], n: usize, l1_ratio: f64) -> f64 {
    let largest = xty.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    largest / (n as f64 * l1_ratio)
}

/// `count` values log-spaced from `start` down to `start * min_ratio`, largest first; the endpoints are
/// exact (as numpy's `geomspace`, which scikit-learn uses).
pub fn log_grid(start: f64, min_ratio: f64, count: usize) -> Vec<f64> {
    match count {
        0 => Vec::new(),
        1 => vec![start],
        _ => {
            let (a, b) = (start.log10(), (start * min_ratio).log10());
            let step = (b - a) / (count - 1) as f64;
            let mut grid: Vec<f64> = (0..count).map(|i| 10f64.powf(a + i as f64 * step)).collect();
            grid[0] = start;
            grid[count - 1] = start * min_ratio;
            grid
        }
    }
}

/// The largest eigenvalue of `X^T X / n`, the scale of the ridge grid: [`power_iteration`] to a
/// relative change of 1e-10 (at most 300 products). Depends on `X` alone, never on `y`.
pub fn largest_eigenvalue(x: &Matrix) -> f64 {
    power_iteration(x, 1e-10, 300)
}

/// The largest eigenvalue of `X^T X / n` by power iteration from a fixed start (so the same data give
/// the same value, bit for bit), until the estimate changes by at most `rel_tol` of itself or after
/// `max_iterations` products. 0 for an empty or all-zero `X`. An underestimate when stopped early.
pub fn power_iteration(x: &Matrix, rel_tol: f64, max_iterations: usize) -> f64 {
    let (n, p) = (x.nrows(), x.ncols());
    if n == 0 || p == 0 {
        return 0.0;
    }
    let mut v: Vec<f64> = (0..p).map(|j| 1.0 + (j % 7) as f64 * 0.1).collect();
    let mut estimate = 0.0;
    for _ in 0..max_iterations {
        let norm = dot(&v, &v).sqrt();
        if norm == 0.0 {
            return 0.0;
        }
        v.iter_mut().for_each(|a| *a /= norm);
        let next: Vec<f64> = x.tr_mul_vec(&x.mul_vec(&v)).iter().map(|a| a / n as f64).collect();
        let previous = std::mem::replace(&mut estimate, dot(&v, &next));
        v = next;
        if (estimate - previous).abs() <= rel_tol * estimate {
            break;
        }
    }
    estimate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_runs_from_lambda_max_down_by_the_ratio() {
        let g = log_grid(2.0, 1e-3, 100);
        assert_eq!(g.len(), 100);
        assert_eq!(g[0], 2.0);
        assert_eq!(g[99], 2e-3);
        let ratio = g[1] / g[0];
        assert!(g.windows(2).all(|w| (w[1] / w[0] - ratio).abs() < 1e-12));
    }

    #[test]
    fn power_iteration_finds_the_largest_eigenvalue() {
        // Orthogonal columns with squared norms 2 and 8 over n = 4 rows: X^T X / n = diag(0.5, 2).
        let x = Matrix::from_columns(4, &[vec![1.0, -1.0, 0.0, 0.0], vec![0.0, 0.0, 2.0, -2.0]]);
        assert!((largest_eigenvalue(&x) - 2.0).abs() < 1e-10);
    }
}
