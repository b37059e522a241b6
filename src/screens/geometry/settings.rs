//! What the user sets on the geometry screen: the only copy.

use crate::fit::geometry::TwoFeatures;

/// Which penalty the plane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Penalty {
    L1,
    L2,
    ElasticNet,
}

impl Penalty {
    pub const ALL: [Penalty; 3] = [Penalty::L1, Penalty::L2, Penalty::ElasticNet];

    /// The name in the status, the legend and the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Penalty::L1 => "lasso",
            Penalty::L2 => "ridge",
            Penalty::ElasticNet => "elastic-net",
        }
    }

    /// The next penalty `p` switches to.
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The l1-ratio of this penalty (the elastic net's is the setting's).
    pub fn l1_ratio(self, elastic_net: f64) -> f64 {
        match self {
            Penalty::L1 => 1.0,
            Penalty::L2 => 0.0,
            Penalty::ElasticNet => elastic_net,
        }
    }

    /// The colour's meaning: the linear screen's model of the same penalty.
    pub fn series(self) -> crate::ui::theme::Series {
        use crate::ui::theme::Series;
        match self {
            Penalty::L1 => Series::L1,
            Penalty::L2 => Series::L2,
            Penalty::ElasticNet => Series::ElasticNet,
        }
    }
}

/// The geometry screen's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub penalty: Penalty,
    /// The place on the penalty's lambda grid: 0 is the strongest ([`Settings::lambda`]), and
    /// [`GRID_STEPS`] is lambda = 0, the least-squares solution.
    pub position: usize,
    /// The elastic net's l1-ratio.
    pub l1_ratio: f64,
    /// The features' population correlation.
    pub correlation: f64,
    /// The angle of the true weights, in degrees.
    pub angle_degrees: f64,
    pub seed: u64,
}

/// Steps of the lambda grid above 0, over 3 decades: for the lasso and the elastic net from
/// lambda_max (where every coefficient is 0), for ridge from [`RIDGE_TOP`].
pub const GRID_STEPS: usize = 60;
/// Rows of the geometry data: few enough that the least-squares solution is visibly off the truth.
pub const ROWS: usize = 40;
/// The noise's standard deviation.
pub const NOISE: f64 = 1.0;
/// Correlation steps (`c` / `C`) and the largest size.
pub const CORRELATION_STEP: f64 = 0.1;
pub const CORRELATION_MAX: f64 = 0.9;
/// Angle steps of the true weights (`a` / `A`).
pub const ANGLE_STEP: f64 = 15.0;
/// l1-ratio steps of the elastic net (`↑` / `↓`), kept inside (0, 1): its ends are the lasso and ridge.
pub const L1_RATIO_STEP: f64 = 0.1;
/// The starting place: a quarter of lambda_max for the lasso, before its first zero (at 0.38 to 0.64
/// of lambda_max on seeds 1 to 3 of the default data: a few `←` kill w1).
pub const DEFAULT_POSITION: usize = 12;

impl Default for Settings {
    fn default() -> Self {
        Self {
            penalty: Penalty::L1,
            position: DEFAULT_POSITION,
            l1_ratio: 0.5,
            correlation: 0.5,
            // Mostly w0: at 30 degrees w1 died only near lambda_max (0.8 of it on seed 1).
            angle_degrees: 15.0,
            seed: 1,
        }
    }
}

impl Settings {
    /// The current l1-ratio (1 for the lasso, 0 for ridge).
    pub fn l1_ratio_now(&self) -> f64 {
        self.penalty.l1_ratio(self.l1_ratio)
    }

    /// The penalty's grid on `problem`: `GRID_STEPS` lambdas from the strongest down, then 0.
    pub fn grid(&self, problem: &TwoFeatures) -> Vec<f64> {
        grid(problem, self.l1_ratio_now())
    }

    /// The lambda at the current position.
    pub fn lambda(&self, problem: &TwoFeatures) -> f64 {
        self.grid(problem)[self.position.min(GRID_STEPS)]
    }
}

/// The top of ridge's grid in units of `e1 = 1 + |r|`, the largest eigenvalue of `X^T X / n`: every
/// coefficient shrunk at least 30-fold, the circle small but visible (the linear screen's 1e3 made it
/// a dot, and its 6 decades made each step a jump).
pub const RIDGE_TOP: f64 = 30.0;

/// The grid for an l1-ratio: log-spaced over 3 decades, from lambda_max with an L1 part and from
/// `RIDGE_TOP e1` for ridge; then lambda = 0.
pub fn grid(problem: &TwoFeatures, l1_ratio: f64) -> Vec<f64> {
    let top = match problem.lambda_max(l1_ratio) {
        Some(top) if top > 0.0 => top,
        _ => RIDGE_TOP * (1.0 + problem.r.abs()),
    };
    let mut lambdas = crate::fit::log_grid(top, 1e-3, GRID_STEPS);
    lambdas.push(0.0);
    lambdas
}
