//! The duality gap of the elastic-net problem: a certificate of how far a solution can be from optimal.
//!
//! Primal, on standardized data with `n` rows (scikit-learn's scaling; `alpha` is the L1 share):
//!
//! ```text
//! P(w) = 1/(2n) ||y - X w||^2 + lambda * alpha * ||w||_1 + lambda * (1 - alpha) / 2 * ||w||^2
//! ```
//!
//! The dual point is the residual scaled into the dual feasible set, as in scikit-learn's `enet_path`;
//! the gap is reported times `n` and divided by `||y||^2`, so it is in scikit-learn's `tol` units and
//! bounds `(P(w) - P*) * n / ||y||^2`.

/// Everything the gap needs, all cheap to keep current during coordinate descent.
pub struct GapInputs<'a> {
    pub n: usize,
    pub lambda: f64,
    pub alpha: f64,
    pub w: &'a [f64],
    /// `x_j^T r / n` for every feature.
    pub gradient: &'a [f64],
    /// `||r||^2`.
    pub r_norm2: f64,
    /// `r^T y`.
    pub r_dot_y: f64,
    /// `||y||^2`.
    pub y_norm2: f64,
}

/// The relative duality gap `n (P(w) - D(theta)) / ||y||^2` (requires `alpha > 0`).
pub fn relative_gap(inputs: &GapInputs) -> f64 {
    let GapInputs { n, lambda, alpha, w, gradient, r_norm2, r_dot_y, y_norm2 } = *inputs;
    let n = n as f64;
    let l1 = lambda * alpha;
    let l2 = lambda * (1.0 - alpha);
    let mut dual_norm = 0.0f64;
    let mut w_l1 = 0.0;
    let mut w_norm2 = 0.0;
    for (&wj, &gj) in w.iter().zip(gradient) {
        dual_norm = dual_norm.max((gj - l2 * wj).abs());
        w_l1 += wj.abs();
        w_norm2 += wj * wj;
    }
    let (scale, mut gap) = if dual_norm > l1 {
        let c = l1 / dual_norm;
        (c, 0.5 * r_norm2 * (1.0 + c * c))
    } else {
        (1.0, r_norm2)
    };
    gap += n * (l1 * w_l1 + 0.5 * l2 * (1.0 + scale * scale) * w_norm2) - scale * r_dot_y;
    (gap / y_norm2).max(0.0)
}
