//! The geometry screen's state as data (`regscope snapshot --format json`): `{"geometry": {...}}`
//! with the penalty, lambda, the budget, both solutions and where the path first reaches an axis.
//! A public interface: fields are added, never renamed (README lists them).

use super::Screen;
use serde::Serialize;

/// The picture's numbers.
#[derive(Serialize)]
struct GeometryExport {
    /// `lasso`, `ridge` or `elastic-net`.
    penalty: &'static str,
    lambda: f64,
    /// The place on the penalty's grid (0 strongest; `grid_steps` is lambda = 0).
    position: usize,
    grid_steps: usize,
    /// 1 for the lasso, 0 for ridge.
    l1_ratio: f64,
    /// The region's bound: `|w0| + |w1| <= t` (lasso), `sqrt(w0^2 + w1^2) <= t` (ridge),
    /// `a |w|_1 + (1 - a)/(2 s) |w|^2 <= t` (elastic net; `s` the target's standard deviation, as
    /// `regscope path` scales it).
    budget: f64,
    /// The least-squares solution and the regularized one, `[w0, w1]`.
    ols: [f64; 2],
    solution: [f64; 2],
    /// The data loss `(1/2n) |y - Xw|^2` at each.
    loss_ols: f64,
    loss_solution: f64,
    /// The lambda at which a coefficient first becomes exactly 0 as lambda grows from 0 (`null` for
    /// ridge: none ever is). The lasso's stays 0 from there on; the elastic net's may leave 0 again.
    path_zero_lambda: Option<f64>,
    /// That coefficient (0 or 1).
    path_zero_feature: Option<usize>,
    /// The data: the correlation asked for, the data's own, the true weights (on the standardized
    /// scale, as the solutions), the angle they were drawn at, the seed.
    correlation: f64,
    sample_correlation: f64,
    truth: [f64; 2],
    angle_degrees: f64,
    seed: u64,
}

/// The JSON of the geometry screen.
pub fn json(screen: &Screen) -> serde_json::Value {
    let (settings, picture) = (&screen.settings, &screen.view.picture);
    let export = GeometryExport {
        penalty: picture.penalty.name(),
        lambda: picture.lambda,
        position: picture.position,
        grid_steps: super::GRID_STEPS,
        l1_ratio: picture.l1_ratio,
        budget: picture.budget,
        ols: picture.ols,
        solution: picture.solution,
        loss_ols: picture.loss_ols,
        loss_solution: picture.loss_solution,
        path_zero_lambda: picture.zero.map(|z| z.lambda),
        path_zero_feature: picture.zero.map(|z| z.feature),
        correlation: settings.correlation,
        sample_correlation: picture.problem.r,
        truth: picture.truth,
        angle_degrees: settings.angle_degrees,
        seed: settings.seed,
    };
    serde_json::json!({ "geometry": export })
}
