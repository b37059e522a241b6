//! The support solution along the L1 weight (the homotopy of LARS), kept by [`super::SupportFactor`].

/// The support solution as a function of the L1 weight: on fixed features `A` and signs `s`, it is
/// `w_A = u - l1 v` with `u = M^-1 X_A^T y / n` and `v = M^-1 s` (`M = L L^T`), and the gradient is
/// `g = g_u + l1 g_v` with `g_u = X^T y / n - G_A u` and `g_v = G_A v`: the homotopy of LARS. While
/// the support holds from one lambda to the next (most lambdas of a deep path) the next solution and
/// its exact gradient cost `O(p)` instead of a substitution and a pass over `k` Gram columns.
pub(super) struct Line {
    pub(super) signs: Vec<f64>,
    pub(super) u: Vec<f64>,
    pub(super) v: Vec<f64>,
    pub(super) gradients: Option<(Vec<f64>, Vec<f64>)>,
}

/// Largest ratio of `|u_i| + l1 |v_i|` to the solution's largest entry for which the line is used:
/// the solution and gradient from the line carry rounding errors of the size of `u` and `l1 v`, which
/// cancel where the solution is small (the top of a path); there the solution is solved for directly
/// and its gradient recomputed from the Gram columns. 16 loses at most four bits.
const LINE_CANCELLATION_LIMIT: f64 = 16.0;

impl Line {
    /// Whether `solved = u - l1 v` is as precise as a direct solve, up to [`LINE_CANCELLATION_LIMIT`].
    pub(super) fn is_precise(&self, l1: f64, solved: &[f64]) -> bool {
        let size = solved.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let terms = self
            .u
            .iter()
            .zip(&self.v)
            .fold(0.0f64, |m, (u, v)| m.max(u.abs() + l1 * v.abs()));
        terms <= LINE_CANCELLATION_LIMIT * size
    }

    /// `g_u + l1 g_v`, the exact gradient at `u - l1 v`, when the keeper gave the line's gradients.
    pub(super) fn gradient_at(&self, l1: f64) -> Option<Vec<f64>> {
        let (g_u, g_v) = self.gradients.as_ref()?;
        Some(g_u.iter().zip(g_v).map(|(a, b)| a + l1 * b).collect())
    }
}
