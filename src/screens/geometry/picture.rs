//! The picture for one setting, in the plane's coordinates: solutions, region, contours, path and
//! the one-dimensional estimators. Pure functions of the problem and the settings.

use super::settings::{grid, Penalty, Settings};
use super::view::{Contour, Estimator, Picture, Point, Zero};
use crate::fit::geometry::{elastic_net_shrink, hard_threshold, ridge_shrink, soft_threshold, Mix, TwoFeatures};
use crate::ui::theme::Series;
use std::f64::consts::PI;

/// Points on the region's boundary and on each contour.
const OUTLINE_POINTS: usize = 720;
/// Lambdas sampled along the path (log-spaced, besides 0 and the first zero).
const PATH_POINTS: usize = 300;
/// Contours drawn: the touching one is the `TOUCHING_CONTOUR`-th of contours whose sizes grow
/// evenly (`level = touching level * (k / TOUCHING_CONTOUR)^2`).
const CONTOURS: usize = 4;
const TOUCHING_CONTOUR: usize = 2;

/// The picture of `problem` (with true weights `truth`) at `settings`.
pub fn picture(problem: &TwoFeatures, truth: [f64; 2], settings: &Settings) -> Picture {
    let a = settings.l1_ratio_now();
    let lambda = settings.lambda(problem);
    let ols = problem.ols();
    let solution = problem.solve(lambda, a);
    let mix = problem.mix(a);
    let t = mix.budget(solution);
    let zero = problem.zero_lambda(a).map(|(feature, lambda)| {
        let w = problem.solve(lambda, a);
        Zero {
            feature,
            lambda,
            at: (w[0], w[1]),
        }
    });
    let path = path(problem, a, zero.map(|z| z.lambda));
    let extent = [ols[0], ols[1], truth[0], truth[1], solution[0], solution[1]]
        .iter()
        .fold(mix.region_radius(0.0, t).max(mix.region_radius(PI / 2.0, t)), |m, v| {
            m.max(v.abs())
        })
        .max(1e-9)
        * 1.25;
    // Twice the larger |x_j^T y / n|: the least-squares estimates of orthonormal features of this
    // size, and the lasso's lambda_max, sit halfway out.
    let z_extent = 2.0 * problem.c[0].abs().max(problem.c[1].abs()).max(1e-9);
    Picture {
        penalty: settings.penalty,
        l1_ratio: a,
        mix,
        lambda,
        position: settings.position,
        problem: *problem,
        truth,
        ols,
        solution,
        budget: t,
        loss_ols: problem.loss(ols),
        loss_solution: problem.loss(solution),
        zero,
        region: region(mix, t),
        contours: contours(problem, ols, solution, extent),
        path,
        extent,
        estimators: estimators(settings.penalty, problem.mix(settings.l1_ratio), lambda, z_extent),
        z_extent,
    }
}

/// The region's boundary: the radius in each direction, closed.
fn region(mix: Mix, t: f64) -> Vec<Point> {
    (0..=OUTLINE_POINTS)
        .map(|i| {
            let phi = 2.0 * PI * i as f64 / OUTLINE_POINTS as f64;
            let rho = mix.region_radius(phi, t);
            (rho * phi.cos(), rho * phi.sin())
        })
        .collect()
}

/// Contours `1/2 (w - ols)^T G (w - ols) = level` around the least-squares solution, as ellipses on
/// the eigenvectors `(1, 1)` and `(1, -1)` of `G` (eigenvalues `1 + r`, `1 - r`). Their sizes grow
/// evenly, the touching one (through the solution) second; at lambda = 0 (no touching contour) they
/// are spaced to fill the plane.
fn contours(problem: &TwoFeatures, ols: [f64; 2], solution: [f64; 2], extent: f64) -> Vec<Contour> {
    let r = problem.r;
    if r.abs() >= 1.0 {
        // Perfectly correlated columns: the loss is constant along a line, no ellipse to draw.
        return Vec::new();
    }
    let touching = problem.loss(solution) - problem.loss(ols);
    let unit = if touching > 1e-12 * problem.yy.max(1e-300) {
        touching / (TOUCHING_CONTOUR * TOUCHING_CONTOUR) as f64
    } else {
        // Semi-axis along the flatter direction about extent / 4 per step.
        0.5 * (1.0 - r.abs()) * (extent / 4.0).powi(2)
    };
    let (s, q) = (std::f64::consts::FRAC_1_SQRT_2, [1.0 + r, 1.0 - r]);
    (1..=CONTOURS)
        .map(|k| {
            let level = unit * (k * k) as f64;
            let axes = [(2.0 * level / q[0]).sqrt(), (2.0 * level / q[1]).sqrt()];
            let points = (0..=OUTLINE_POINTS)
                .map(|i| {
                    let theta = 2.0 * PI * i as f64 / OUTLINE_POINTS as f64;
                    let (u, v) = (axes[0] * theta.cos(), axes[1] * theta.sin());
                    (ols[0] + s * (u + v), ols[1] + s * (u - v))
                })
                .collect();
            Contour {
                level,
                points,
                touching: touching > 0.0 && k == TOUCHING_CONTOUR,
            }
        })
        .collect()
}

/// The solution path from the top of the grid down to lambda = 0, log-spaced, with the first zero's
/// lambda included so the kink is drawn where it is.
fn path(problem: &TwoFeatures, l1_ratio: f64, zero: Option<f64>) -> Vec<Point> {
    let grid = grid(problem, l1_ratio);
    let (top, bottom) = (grid[0], grid[grid.len() - 2] * 0.1);
    let mut lambdas: Vec<f64> = (0..PATH_POINTS)
        .map(|i| top * (bottom / top).powf(i as f64 / (PATH_POINTS - 1) as f64))
        .collect();
    lambdas.extend(zero);
    lambdas.push(0.0);
    lambdas.sort_by(|a, b| b.total_cmp(a));
    lambdas
        .into_iter()
        .map(|lambda| {
            let w = problem.solve(lambda, l1_ratio);
            (w[0], w[1])
        })
        .collect()
}

/// The one-dimensional estimators at `lambda`: least squares, the lasso, ridge and best subset,
/// and the elastic net (with its weights `elastic`) when it is the penalty shown.
fn estimators(penalty: Penalty, elastic: Mix, lambda: f64, z_extent: f64) -> Vec<Estimator> {
    let curve = |f: &dyn Fn(f64) -> f64| -> Vec<Point> {
        let count = 401;
        (0..count)
            .map(|i| {
                let z = -z_extent + 2.0 * z_extent * i as f64 / (count - 1) as f64;
                (z, f(z))
            })
            .collect()
    };
    // Hard thresholding jumps at |z| = lambda: drawn as upright segments there.
    let mut subset = curve(&|z| hard_threshold(z, lambda));
    if lambda < z_extent {
        subset.extend([(-lambda, -lambda), (-lambda, 0.0), (lambda, 0.0), (lambda, lambda)]);
        subset.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let mut out = vec![
        Estimator {
            name: "least squares",
            series: Some(Series::Unregularized),
            points: curve(&|z| z),
        },
        Estimator {
            name: "lasso",
            series: Some(Penalty::L1.series()),
            points: curve(&|z| soft_threshold(z, lambda)),
        },
        Estimator {
            name: "ridge",
            series: Some(Penalty::L2.series()),
            points: curve(&|z| ridge_shrink(z, lambda)),
        },
        Estimator {
            name: "subset",
            series: None,
            points: subset,
        },
    ];
    if penalty == Penalty::ElasticNet {
        out.push(Estimator {
            name: "elastic-net",
            series: Some(Penalty::ElasticNet.series()),
            points: curve(&|z| elastic_net_shrink(z, lambda, elastic)),
        });
    }
    out
}
