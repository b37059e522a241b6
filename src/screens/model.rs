//! The four models the linear and classification screens train side by side: unregularized, ridge,
//! lasso and elastic net (one colour each, the same on every screen).

use crate::fit::train::PenaltySpec;
use crate::ui::theme::Series;

/// One of the models on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelId {
    Unregularized,
    Ridge,
    Lasso,
    ElasticNet,
}

/// Every model, in screen order.
pub const MODELS: [ModelId; 4] = [
    ModelId::Unregularized,
    ModelId::Ridge,
    ModelId::Lasso,
    ModelId::ElasticNet,
];

impl ModelId {
    /// A short label for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            ModelId::Unregularized => "none",
            ModelId::Ridge => "L2",
            ModelId::Lasso => "L1",
            ModelId::ElasticNet => "EN",
        }
    }

    /// Its colour's meaning, the same on every panel.
    pub fn series(self) -> Series {
        match self {
            ModelId::Unregularized => Series::Unregularized,
            ModelId::Ridge => Series::L2,
            ModelId::Lasso => Series::L1,
            ModelId::ElasticNet => Series::ElasticNet,
        }
    }

    /// Whether the model chooses a support (its weights are exactly zero off it): the lasso and the
    /// elastic net, whose support is scored against the truth.
    pub fn selects_support(self) -> bool {
        matches!(self, ModelId::Lasso | ModelId::ElasticNet)
    }

    /// The model's penalty at `lambda` with elastic-net L1 share `l1_ratio`.
    pub fn penalty(self, lambda: f64, l1_ratio: f64) -> PenaltySpec {
        match self {
            ModelId::Unregularized => PenaltySpec::NONE,
            ModelId::Ridge => PenaltySpec { lambda, l1_ratio: 0.0 },
            ModelId::Lasso => PenaltySpec { lambda, l1_ratio: 1.0 },
            ModelId::ElasticNet => PenaltySpec { lambda, l1_ratio },
        }
    }
}
