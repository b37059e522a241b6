//! The exact ridge path from one eigendecomposition.
//!
//! Minimizes, on standardized data with `n` rows, for each lambda:
//!
//! ```text
//! P(w) = 1/(2n) ||y - X w||^2 + lambda / 2 * ||w||^2,   so   (X^T X + n lambda I) w = X^T y
//! ```
//!
//! With `p <= n`, `X^T X = V diag(e) V^T` gives `w = V diag(1 / (e + n lambda)) V^T X^T y`; with `p > n`,
//! `X X^T = U diag(e) U^T` gives `w = X^T U diag(1 / (e + n lambda)) U^T y`. Either way the decomposition
//! (of the smaller Gram matrix) is paid once and every lambda costs a matrix-vector product.
//! The duality gap of each solution is computed in the eigenbasis, in the same relative units as
//! [`super::gap`].

use super::coordinate_descent::{Convergence, Path};
use super::FitError;
use crate::data::power_of_two_scale;
use crate::linalg::Matrix;
use crate::linalg::{dot, gram_full, row_gram};
use faer::{MatRef, Side};

/// An eigendecomposition `A = Q diag(values) Q^T` of a symmetric positive semi-definite matrix, with the
/// tiny negative eigenvalues that rounding produces clipped to zero.
pub(crate) struct SymmetricEigen {
    pub values: Vec<f64>,
    /// Column-major, `dim x dim`.
    pub vectors: Vec<f64>,
    pub dim: usize,
}

impl SymmetricEigen {
    pub(crate) fn new(matrix: &[f64], dim: usize) -> Result<Self, FitError> {
        let a = MatRef::from_column_major_slice(matrix, dim, dim);
        let evd = a.self_adjoint_eigen(Side::Lower).map_err(|e| FitError::NotConverged {
            what: "eigendecomposition",
            detail: format!("{e:?}"),
        })?;
        let s = evd.S().column_vector();
        let u = evd.U();
        let values = (0..dim).map(|i| s[i].max(0.0)).collect();
        let mut vectors = Vec::with_capacity(dim * dim);
        for j in 0..dim {
            for i in 0..dim {
                vectors.push(u[(i, j)]);
            }
        }
        Ok(Self { values, vectors, dim })
    }

    pub(crate) fn vector(&self, i: usize) -> &[f64] {
        &self.vectors[i * self.dim..(i + 1) * self.dim]
    }

    /// `Q^T v`.
    pub(crate) fn project(&self, v: &[f64]) -> Vec<f64> {
        (0..self.dim).map(|i| dot(self.vector(i), v)).collect()
    }

    /// `Q c`.
    pub(crate) fn combine(&self, c: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; self.dim];
        for (i, &ci) in c.iter().enumerate() {
            crate::linalg::axpy(ci, self.vector(i), &mut out);
        }
        out
    }
}

/// The ridge solutions of standardized `x`, centred `y` at every lambda (each must be positive).
pub fn ridge_path(x: &Matrix, y: &[f64], lambdas: &[f64]) -> Result<Path, FitError> {
    let solver = RidgeSolver::new(x, y)?;
    let mut coefs = Vec::with_capacity(lambdas.len());
    let mut convergence = Vec::with_capacity(lambdas.len());
    for &lambda in lambdas {
        let (w, rel_gap) = solver.solve(x, lambda);
        coefs.push(w);
        convergence.push(Convergence {
            sweeps: 0,
            rel_gap,
            converged: true,
        });
    }
    Ok(Path {
        l1_ratio: 0.0,
        lambdas: lambdas.to_vec(),
        coefs,
        convergence,
    })
}

/// A ridge problem decomposed once, ready to be solved at any lambda.
pub struct RidgeSolver {
    n: usize,
    eigen: SymmetricEigen,
    /// `p <= n`: the eigenbasis is of `X^T X` (feature space); otherwise of `X X^T` (row space).
    feature_space: bool,
    /// Coordinates of `X^T y` (feature space) or of `y` (row space) in the eigenbasis, for `y / y_unit`.
    coords: Vec<f64>,
    /// `||y / y_unit||^2`.
    y_norm2: f64,
    /// A power of two near `max |y|`: the solve works on `y / y_unit` (an exact division, so squared
    /// norms cannot overflow or underflow) and multiplies the solution back (ridge is linear in `y`).
    y_unit: f64,
}

impl RidgeSolver {
    pub fn new(x: &Matrix, y: &[f64]) -> Result<Self, FitError> {
        let (n, p) = (x.nrows(), x.ncols());
        let y_unit = power_of_two_scale(y);
        let y: &[f64] = &y.iter().map(|v| v / y_unit).collect::<Vec<f64>>();
        let feature_space = p <= n;
        let (eigen, coords) = if feature_space {
            let eigen = SymmetricEigen::new(&gram_full(x, 1.0), p)?;
            let coords = eigen.project(&x.tr_mul_vec(y));
            (eigen, coords)
        } else {
            let eigen = SymmetricEigen::new(&row_gram(x, 1.0), n)?;
            let coords = eigen.project(y);
            (eigen, coords)
        };
        Ok(Self {
            n,
            eigen,
            feature_space,
            coords,
            y_norm2: dot(y, y),
            y_unit,
        })
    }

    /// Effective degrees of freedom `sum_i e_i / (e_i + n lambda)`.
    pub fn degrees_of_freedom(&self, lambda: f64) -> f64 {
        let nl = self.n as f64 * lambda;
        self.eigen.values.iter().map(|e| e / (e + nl)).sum()
    }

    /// `(w, relative duality gap)` at `lambda`.
    pub fn solve(&self, x: &Matrix, lambda: f64) -> (Vec<f64>, f64) {
        let nl = self.n as f64 * lambda;
        let e = &self.eigen.values;
        let c = &self.coords;
        let q: Vec<f64> = e.iter().zip(c).map(|(ei, ci)| ci / (ei + nl)).collect();
        let w: Vec<f64>;
        let (r_norm2, r_dot_y, w_norm2, xtr_norm2): (f64, f64, f64, f64);
        if self.feature_space {
            // c = V^T X^T y, w = V q.
            w = self.eigen.combine(&q);
            let a_dot_b: f64 = q.iter().zip(c).map(|(a, b)| a * b).sum();
            r_dot_y = self.y_norm2 - a_dot_b;
            r_norm2 = self.y_norm2 - 2.0 * a_dot_b + e.iter().zip(&q).map(|(ei, a)| ei * a * a).sum::<f64>();
            w_norm2 = q.iter().map(|a| a * a).sum();
            xtr_norm2 = e.iter().zip(&q).zip(c).map(|((ei, a), b)| (b - ei * a).powi(2)).sum();
        } else {
            // c = U^T y, w = X^T U q, r = U (c - e q).
            w = x.tr_mul_vec(&self.eigen.combine(&q));
            let rc: Vec<f64> = e.iter().zip(&q).zip(c).map(|((ei, qi), ci)| ci - ei * qi).collect();
            r_dot_y = rc.iter().zip(c).map(|(a, b)| a * b).sum();
            r_norm2 = rc.iter().map(|a| a * a).sum();
            w_norm2 = e.iter().zip(&q).map(|(ei, qi)| ei * qi * qi).sum();
            xtr_norm2 = e.iter().zip(&rc).map(|(ei, ri)| ei * ri * ri).sum();
        }
        // n (P(w) - D(r)) with D(u) = (u^T y - ||u||^2 / 2 - ||X^T u||^2 / (2 n lambda)) / n.
        let gap = 0.5 * r_norm2 + 0.5 * nl * w_norm2 - r_dot_y + 0.5 * r_norm2 + xtr_norm2 / (2.0 * nl);
        let w = w.into_iter().map(|v| v * self.y_unit).collect();
        (w, (gap / self.y_norm2).abs())
    }
}
