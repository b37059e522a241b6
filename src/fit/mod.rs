//! The mathematics, with no user interface: regularization paths, exact ridge, least squares and
//! cross-validation. Every solver states the objective it minimizes in its own module documentation.

pub mod coordinate_descent;
pub mod cv;
pub mod gap;
pub mod grid;
pub mod kkt;
pub mod least_squares;
pub mod mlp;
pub mod ridge;
pub mod train;

pub use coordinate_descent::{check_lambdas, enet_path, CdOptions, Convergence, Path, UpdateRule};
pub use cv::{cross_validate, CvResult};
pub use grid::{lambda_max, log_grid};
pub use least_squares::least_squares;
pub use ridge::{ridge_path, RidgeSolver};

use crate::data::Standardized;

/// The path of mix `l1_ratio` (0 = ridge, solved exactly; otherwise coordinate descent) on standardized
/// data.
pub fn fit_path(data: &Standardized, lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Result<Path, String> {
    check_lambdas(lambdas)?;
    if !(0.0..=1.0).contains(&l1_ratio) {
        return Err(format!("l1 ratio {l1_ratio} must lie in [0, 1]"));
    }
    if l1_ratio == 0.0 {
        ridge_path(&data.x, &data.y, lambdas)
    } else {
        Ok(coordinate_descent::enet_path_prepared(data, lambdas, l1_ratio, options))
    }
}

/// The default grid for standardized data: `count` lambdas log-spaced from lambda_max down to
/// `min_ratio * lambda_max`. For ridge (`l1_ratio = 0`), which has no finite lambda_max, the grid runs
/// from `1e3 * a1` down to `1e-3 * a1`, with `a1` the lasso's lambda_max (the reference convention).
pub fn default_grid(data: &Standardized, l1_ratio: f64, count: usize, min_ratio: f64) -> Vec<f64> {
    let n = data.x.nrows();
    let xty = &data.xty;
    if l1_ratio == 0.0 {
        let a1 = lambda_max(xty, n, 1.0);
        log_grid(1e3 * a1, 1e-6, count)
    } else {
        log_grid(lambda_max(xty, n, l1_ratio), min_ratio, count)
    }
}
