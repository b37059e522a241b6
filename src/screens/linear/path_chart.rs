//! The path panel's series, derived from a model's exact path and CV once, when they arrive (not per
//! frame): the coefficient curves, the validation and CV errors, their bounds and the axis labels.

use super::view::ModelPath;

/// At most this many coefficient curves are drawn (the largest along the path); more is unreadable.
pub const MAX_CURVES: usize = 40;

/// The x coordinate of lambda on the path charts: `-log10(lambda)`, so smaller lambdas are to the
/// right, as the arrow keys move.
pub fn x_of(lambda: f64) -> f64 {
    -lambda.log10()
}

/// Cross-validation mean and mean ± one standard error, as points.
#[derive(Clone, Debug)]
pub struct CvSeries {
    pub mean: Vec<(f64, f64)>,
    pub upper: Vec<(f64, f64)>,
    pub lower: Vec<(f64, f64)>,
    /// The x of lambda_min and of lambda_1se.
    pub marks: (f64, f64),
}

/// The path panel's series, computed when the path or the CV arrives, not per frame.
#[derive(Clone, Debug)]
pub struct PathChart {
    /// The x of every lambda of the grid.
    pub xs: Vec<f64>,
    /// `(feature, points)` of the largest coefficients along the path, largest first.
    pub curves: Vec<(usize, Vec<(f64, f64)>)>,
    /// `[lo, hi]` of the coefficients drawn.
    pub coef_bounds: (f64, f64),
    /// The validation error of each solution.
    pub validation: Vec<(f64, f64)>,
    pub cv: Option<CvSeries>,
    /// `[lo, hi]` of the errors drawn.
    pub error_bounds: (f64, f64),
    /// log10 of the first, middle and last lambda.
    pub x_labels: Vec<String>,
}

impl PathChart {
    /// The series of a model's path and CV (`None` before the path).
    pub(super) fn of(data: &ModelPath) -> Option<Self> {
        let path = data.path.as_deref()?;
        if data.lambdas.is_empty() {
            return None;
        }
        let xs: Vec<f64> = data.lambdas.iter().map(|&l| x_of(l)).collect();
        let curves: Vec<(usize, Vec<(f64, f64)>)> = path
            .curve_order
            .iter()
            .take(MAX_CURVES)
            .map(|&j| (j, xs.iter().zip(&path.coefs).map(|(&x, w)| (x, w[j])).collect()))
            .collect();
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for &(_, y) in curves.iter().flat_map(|(_, points)| points) {
            lo = lo.min(y);
            hi = hi.max(y);
        }
        let coef_bounds = if hi - lo <= 0.0 { (-1.0, 1.0) } else { (lo, hi) };
        let validation: Vec<(f64, f64)> = xs.iter().copied().zip(path.val_mse.iter().copied()).collect();
        let cv = data.cv.as_ref().map(|cv| CvSeries {
            mean: xs.iter().copied().zip(cv.mean.iter().copied()).collect(),
            upper: xs
                .iter()
                .zip(cv.mean.iter().zip(&cv.se))
                .map(|(&x, (m, s))| (x, m + s))
                .collect(),
            lower: xs
                .iter()
                .zip(cv.mean.iter().zip(&cv.se))
                .map(|(&x, (m, s))| (x, m - s))
                .collect(),
            marks: (xs[cv.i_min], xs[cv.i_1se]),
        });
        let error_bounds = error_bounds(&validation, cv.as_ref());
        Some(Self {
            x_labels: x_labels(&data.lambdas),
            xs,
            curves,
            coef_bounds,
            validation,
            cv,
            error_bounds,
        })
    }
}

/// `[lo, hi]` of every finite error drawn (`[0, 1]` when there is none).
fn error_bounds(validation: &[(f64, f64)], cv: Option<&CvSeries>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let cv_points = cv
        .into_iter()
        .flat_map(|c| c.mean.iter().chain(&c.upper).chain(&c.lower));
    for &(_, y) in validation.iter().chain(cv_points) {
        if y.is_finite() {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    if !lo.is_finite() || hi <= lo {
        (0.0, 1.0)
    } else {
        (lo, hi)
    }
}

/// log10 of the first, middle (geometric) and last lambda.
fn x_labels(lambdas: &[f64]) -> Vec<String> {
    let (first, last) = (lambdas[0], lambdas[lambdas.len() - 1]);
    let mid = 10f64.powf(0.5 * (first.log10() + last.log10()));
    [first, mid, last].iter().map(|l| format!("{:.2}", l.log10())).collect()
}
