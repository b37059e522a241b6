//! Penalized logistic regression (glmnet's binomial family) along a path of lambdas.
//!
//! The objective, for standardized features and labels `y_i` in {0, 1}:
//!
//! ```text
//! F(b, w) = (1/n) sum_i [log(1 + e^eta_i) - y_i eta_i] + lambda (a ||w||_1 + (1 - a)/2 ||w||^2),
//! eta_i = b + x_i . w
//! ```
//!
//! with `a` the l1-ratio and the intercept `b` unpenalized. Each lambda is solved by proximal Newton
//! ([`newton`]): glmnet's IRLS step (a weighted least-squares model of the log-loss, solved by
//! coordinate descent) followed by a backtracking line search on `F` itself, so `F` never increases;
//! warm starts along the path; a sequential strong rule chooses the features a lambda's coordinate
//! descent visits, and the KKT conditions over all features confirm it.
//!
//! **Stopping.** A lambda is solved when its KKT residual, relative to the gradient's size at the null
//! model (`max_j |x_j . (y - mean y)| / n`), is at most `tol`: for every feature, `|g_j + lambda a
//! sign(w_j)|` where `w_j != 0` and `max(0, |g_j| - lambda a)` where `w_j = 0`, with `g_j` the gradient
//! of the smooth part, and `|mean(p - y)|` for the intercept. (The residual is zero exactly at the
//! optimum; for a strongly convex objective it bounds the distance to it.)
//!
//! **Separable data.** When the classes can be (nearly) separated, the unpenalized optimum is at
//! infinity and the small-lambda solutions grow without bound. As glmnet does, the path stops after
//! the first lambda where the fraction of deviance explained exceeds [`SEPARATION_DEVIANCE_RATIO`],
//! and says so ([`LogisticPath::stopped_early`]), rather than chase it.

mod cv;
mod newton;
pub mod train;

pub use cv::{cross_validate_binomial, BinomialCv};

use crate::linalg::{dot, Matrix};

/// The path stops once this fraction of the null deviance is explained (glmnet's `devmax`).
pub const SEPARATION_DEVIANCE_RATIO: f64 = 0.999;
/// For ridge (`a = 0`) the grid's top is computed as for `a = RIDGE_GRID_L1_RATIO`, as glmnet does.
pub const RIDGE_GRID_L1_RATIO: f64 = 0.001;

/// How each lambda is solved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogisticOptions {
    /// The relative KKT residual at which a lambda is solved.
    pub tol: f64,
    /// Newton steps per lambda before giving up (reported, not hidden).
    pub max_newton: usize,
}

impl Default for LogisticOptions {
    fn default() -> Self {
        Self {
            tol: 1e-8,
            max_newton: 200,
        }
    }
}

/// A path of penalized logistic fits.
#[derive(Clone, Debug, PartialEq)]
pub struct LogisticPath {
    pub l1_ratio: f64,
    /// The lambdas solved: the grid given, or its first part when the path stopped early.
    pub lambdas: Vec<f64>,
    pub intercepts: Vec<f64>,
    /// Coefficients on the standardized features, one vector per lambda.
    pub coefs: Vec<Vec<f64>>,
    /// The fraction of the null deviance explained at each lambda.
    pub deviance_ratio: Vec<f64>,
    /// The relative KKT residual reached at each lambda.
    pub kkt: Vec<f64>,
    /// Newton steps taken at each lambda.
    pub newton_steps: Vec<usize>,
    /// How many lambdas of the grid were asked for.
    pub requested: usize,
}

impl LogisticPath {
    /// Whether the path stopped before the end of its grid (the data is nearly separable there).
    pub fn stopped_early(&self) -> bool {
        self.lambdas.len() < self.requested
    }

    /// The worst relative KKT residual along the path.
    pub fn max_kkt(&self) -> f64 {
        self.kkt.iter().fold(0.0, |m, &k| m.max(k))
    }
}

/// What is wrong with the labels, if anything: they must be 0 or 1 and include both.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LabelError {
    #[error("label number {index} is {value}; labels must be 0 or 1")]
    NotBinary { index: usize, value: f64 },
    #[error("every label is {0}; a classifier needs both classes")]
    OneClass(f64),
}

/// Checks that `y` holds 0s and 1s, both.
pub fn check_labels(y: &[f64]) -> Result<(), LabelError> {
    if let Some((i, &v)) = y.iter().enumerate().find(|(_, &v)| v != 0.0 && v != 1.0) {
        return Err(LabelError::NotBinary { index: i + 1, value: v });
    }
    match y.first() {
        Some(&first) if y.iter().all(|&v| v == first) => Err(LabelError::OneClass(first)),
        _ => Ok(()),
    }
}

/// `max_j |x_j . (y - mean y)| / n`: the gradient's size at the null model (intercept only).
pub fn null_gradient(x: &Matrix, y: &[f64]) -> f64 {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let centred: Vec<f64> = y.iter().map(|v| v - mean).collect();
    (0..x.ncols())
        .map(|j| dot(x.col(j), &centred).abs() / n)
        .fold(0.0, f64::max)
}

/// The smallest lambda at which every coefficient is 0: the null gradient divided by the l1-ratio
/// (by [`RIDGE_GRID_L1_RATIO`] for ridge, whose solution is never exactly 0). Swapping the labels'
/// coding (`y -> 1 - y`) leaves it unchanged.
pub fn lambda_max(x: &Matrix, y: &[f64], l1_ratio: f64) -> f64 {
    null_gradient(x, y) / l1_ratio.max(RIDGE_GRID_L1_RATIO)
}

/// glmnet's default grid: `count` lambdas log-spaced from [`lambda_max`] down to `1e-2` of it when
/// there are more features than rows, `1e-4` otherwise.
pub fn default_grid(x: &Matrix, y: &[f64], l1_ratio: f64, count: usize) -> Vec<f64> {
    let ratio = if x.ncols() > x.nrows() { 1e-2 } else { 1e-4 };
    super::log_grid(lambda_max(x, y, l1_ratio), ratio, count)
}

/// The path on `lambdas` (decreasing), from the null model, warm-started from one lambda to the next.
pub fn logistic_path(
    x: &Matrix,
    y: &[f64],
    lambdas: &[f64],
    l1_ratio: f64,
    options: &LogisticOptions,
) -> Result<LogisticPath, super::FitError> {
    super::check_lambdas(lambdas)?;
    if !(0.0..=1.0).contains(&l1_ratio) {
        return Err(super::FitError::BadL1Ratio(l1_ratio));
    }
    let mut state = newton::State::null(x, y);
    let mut path = LogisticPath {
        l1_ratio,
        lambdas: Vec::new(),
        intercepts: Vec::new(),
        coefs: Vec::new(),
        deviance_ratio: Vec::new(),
        kkt: Vec::new(),
        newton_steps: Vec::new(),
        requested: lambdas.len(),
    };
    let scale = null_gradient(x, y).max(f64::MIN_POSITIVE);
    let null_deviance = state.deviance(y);
    let mut previous = lambdas.first().copied().unwrap_or(0.0);
    for &lambda in lambdas {
        let solved = newton::solve(&mut state, y, lambda, previous, l1_ratio, scale, options);
        previous = lambda;
        let explained = if null_deviance > 0.0 {
            1.0 - state.deviance(y) / null_deviance
        } else {
            0.0
        };
        path.lambdas.push(lambda);
        path.intercepts.push(state.b);
        path.coefs.push(state.w.clone());
        path.deviance_ratio.push(explained);
        path.kkt.push(solved.kkt);
        path.newton_steps.push(solved.steps);
        if explained > SEPARATION_DEVIANCE_RATIO {
            break;
        }
    }
    Ok(path)
}

/// `1 / (1 + e^-t)`, without overflow.
pub fn sigmoid(t: f64) -> f64 {
    if t >= 0.0 {
        1.0 / (1.0 + (-t).exp())
    } else {
        let e = t.exp();
        e / (1.0 + e)
    }
}

/// `log(1 + e^t)`, without overflow or loss of precision for large `|t|`.
pub fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_must_be_zero_or_one_and_include_both() {
        assert_eq!(check_labels(&[0.0, 1.0, 1.0]), Ok(()));
        assert_eq!(
            check_labels(&[0.0, 2.0]),
            Err(LabelError::NotBinary { index: 2, value: 2.0 })
        );
        assert_eq!(check_labels(&[1.0, 1.0]), Err(LabelError::OneClass(1.0)));
    }

    #[test]
    fn sigmoid_and_softplus_are_stable_far_out() {
        assert_eq!(sigmoid(800.0), 1.0);
        assert_eq!(sigmoid(-800.0), 0.0);
        assert!((sigmoid(0.3) - 1.0 / (1.0 + (-0.3f64).exp())).abs() < 1e-16);
        assert_eq!(softplus(800.0), 800.0);
        assert!(softplus(-800.0) >= 0.0 && softplus(-800.0) < 1e-300);
        assert!((softplus(0.7) - (1.0 + 0.7f64.exp()).ln()).abs() < 1e-15);
    }

    #[test]
    fn the_grid_does_not_depend_on_the_labels_coding() {
        let x = Matrix::from_columns(4, &[vec![1.0, -1.0, 0.5, -0.5], vec![0.2, 0.1, -0.4, 0.1]]);
        let y = [1.0, 0.0, 1.0, 0.0];
        let flipped: Vec<f64> = y.iter().map(|v| 1.0 - v).collect();
        for a in [1.0, 0.5, 0.0] {
            assert_eq!(lambda_max(&x, &y, a), lambda_max(&x, &flipped, a));
        }
    }
}
