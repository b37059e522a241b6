//! Unregularized least squares, `min ||y - X w||^2`, by a thin SVD; when the problem is rank deficient
//! (in particular `p >= n`) the minimum-norm solution, which is what gradient descent from zero reaches.

use super::FitError;
use crate::linalg::Matrix;
use faer::MatRef;

/// The minimum-norm least-squares coefficients of `x` and `y`.
pub fn least_squares(x: &Matrix, y: &[f64]) -> Result<Vec<f64>, FitError> {
    let (n, p) = (x.nrows(), x.ncols());
    let a = MatRef::from_column_major_slice(x.as_slice(), n, p);
    let svd = a.thin_svd().map_err(|e| FitError::NotConverged {
        what: "SVD",
        detail: format!("{e:?}"),
    })?;
    let (u, s, v) = (svd.U(), svd.S().column_vector(), svd.V());
    let rank_cut = s.nrows();
    let largest = if rank_cut > 0 { s[0] } else { 0.0 };
    let cutoff = largest * n.max(p) as f64 * f64::EPSILON;
    let mut w = vec![0.0; p];
    for i in 0..rank_cut {
        if s[i] <= cutoff {
            continue;
        }
        let coef = (0..n).map(|r| u[(r, i)] * y[r]).sum::<f64>() / s[i];
        for (j, wj) in w.iter_mut().enumerate() {
            *wj += coef * v[(j, i)];
        }
    }
    Ok(w)
}
