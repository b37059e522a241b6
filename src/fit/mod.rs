//! The mathematics, with no user interface: regularization paths, exact ridge, least squares,
//! cross-validation, the epoch-by-epoch trainers of the linear screen (`train`: gradient descent and
//! ISTA) and the small neural network of the dropout screen (`mlp`: dropout, weight decay, Adam).
//! Every solver states the objective it minimizes in its own module documentation. Nothing here knows
//! of screens, the engine or drawing. Failures are [`FitError`] values, which say whether what was asked
//! was at fault (a lambda, a fold count) or the computation (a decomposition that did not converge).

pub mod coordinate_descent;
pub mod cv;
mod error;
pub mod gap;
pub mod geometry;
pub mod grid;
pub mod kkt;
pub mod least_squares;
pub mod logistic;
pub mod mlp;
pub mod ridge;
pub mod train;

pub use coordinate_descent::{check_lambdas, enet_path, CdOptions, Convergence, Path, UpdateRule};
pub use cv::{cross_validate, cross_validate_observed, CvResult};
pub use error::FitError;
pub use grid::{lambda_max, log_grid};
pub use least_squares::least_squares;
pub use ridge::{ridge_path, RidgeSolver};

use crate::data::Standardized;

/// The path of mix `l1_ratio` (0 = ridge, solved exactly; otherwise coordinate descent) on standardized
/// data.
pub fn fit_path(data: &Standardized, lambdas: &[f64], l1_ratio: f64, options: &CdOptions) -> Result<Path, FitError> {
    fit_path_observed(data, lambdas, l1_ratio, options, &mut |_| true)?.ok_or(FitError::Stopped { what: "the path" })
}

/// [`fit_path`] that reports and can be stopped: after each lambda, `observer` receives how many are
/// solved and returns whether to go on (ridge, solved all at once, reports once). `Ok(None)` when the
/// observer stopped the path: the explorer computes it on a background thread and drops obsolete ones.
pub fn fit_path_observed(
    data: &Standardized,
    lambdas: &[f64],
    l1_ratio: f64,
    options: &CdOptions,
    observer: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<Path>, FitError> {
    check_lambdas(lambdas)?;
    if !(0.0..=1.0).contains(&l1_ratio) {
        return Err(FitError::BadL1Ratio(l1_ratio));
    }
    if l1_ratio == 0.0 {
        let path = ridge_path(&data.x, &data.y, lambdas)?;
        Ok(observer(lambdas.len()).then_some(path))
    } else {
        Ok(coordinate_descent::enet_path_observed(
            data, lambdas, l1_ratio, options, observer,
        ))
    }
}

/// The default grid for standardized data: `count` lambdas log-spaced from lambda_max down to
/// `min_ratio * lambda_max` for the lasso and the elastic net (lambda_max grows with `|y|`, as the
/// solutions do). For ridge, which has no finite lambda_max and whose solution at a fixed lambda is linear
/// in `y`, see [`ridge_grid`]: it depends on `X` alone, so `y` times `c` gives coefficients times `c`.
pub fn default_grid(data: &Standardized, l1_ratio: f64, count: usize, min_ratio: f64) -> Vec<f64> {
    if l1_ratio == 0.0 {
        ridge_grid(grid::largest_eigenvalue(&data.x), count)
    } else {
        log_grid(lambda_max(&data.xty, data.x.nrows(), l1_ratio), min_ratio, count)
    }
}

/// The ridge grid: `count` lambdas log-spaced from `1e3 * e1` down to `1e-3 * e1`, with `e1` the largest
/// eigenvalue of the standardized `X^T X / n`. At the top every coefficient is shrunk by a factor of at
/// least 1000; at the bottom the leading directions are nearly unshrunk.
pub fn ridge_grid(largest_eigenvalue: f64, count: usize) -> Vec<f64> {
    // A design with no spread at all (every column constant) has no scale; any grid gives zeros.
    let e1 = if largest_eigenvalue > 0.0 {
        largest_eigenvalue
    } else {
        1.0
    };
    log_grid(1e3 * e1, 1e-6, count)
}

/// The population standard deviation of a centred target, computed without overflow or underflow
/// (1 for a constant target, which has no scale).
pub fn target_scale(y: &[f64]) -> f64 {
    let (_, std) = crate::data::mean_and_std(y);
    if std > 0.0 && std.is_finite() {
        std
    } else {
        1.0
    }
}

/// The elastic-net path as glmnet defines it, with `s = target_scale(y)`: the target is divided by `s`
/// for the fit and the lambdas are read in `y`'s units, so what is minimized is
///
/// ```text
/// 1/(2n) ||y - X w||^2 + lambda * l1_ratio * ||w||_1 + lambda * (1 - l1_ratio) / (2 s) * ||w||^2
/// ```
///
/// This makes the path equivariant: `y` times `c` (and the grid, which grows with `|y|`) gives every
/// coefficient times `c`, which no single-lambda grid can do for the objective with `s = 1`. For the
/// lasso and ridge (`l1_ratio` 1 or 0) it is exactly [`fit_path`].
pub fn fit_path_glmnet(
    data: &Standardized,
    lambdas: &[f64],
    l1_ratio: f64,
    options: &CdOptions,
) -> Result<Path, FitError> {
    fit_path_glmnet_observed(data, lambdas, l1_ratio, options, &mut |_| true)?
        .ok_or(FitError::Stopped { what: "the path" })
}

/// [`fit_path_glmnet`] with the observer of [`fit_path_observed`] (cross-validation folds use it).
pub fn fit_path_glmnet_observed(
    data: &Standardized,
    lambdas: &[f64],
    l1_ratio: f64,
    options: &CdOptions,
    observer: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<Path>, FitError> {
    if l1_ratio == 0.0 || l1_ratio == 1.0 {
        return fit_path_observed(data, lambdas, l1_ratio, options, observer);
    }
    let s = target_scale(&data.y);
    let scaled = Standardized {
        y: data.y.iter().map(|v| v / s).collect(),
        xty: data.xty.iter().map(|v| v / s).collect(),
        ..data.clone()
    };
    let scaled_lambdas: Vec<f64> = lambdas.iter().map(|l| l / s).collect();
    let Some(mut path) = fit_path_observed(&scaled, &scaled_lambdas, l1_ratio, options, observer)? else {
        return Ok(None);
    };
    for w in &mut path.coefs {
        w.iter_mut().for_each(|v| *v *= s);
    }
    path.lambdas = lambdas.to_vec();
    Ok(Some(path))
}
