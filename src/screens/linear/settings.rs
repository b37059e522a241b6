//! What the user sets on the linear screen: the only copy. `app` changes it, the lab is configured
//! with it, and nothing the lab reports is copied back into it.

pub use super::source::Knobs;

/// The linear screen's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Each model's position on its own lambda grid, in [`MODELS`](super::MODELS) order (0: the top of
    /// its grid, the strongest penalty). Ridge, the lasso and the elastic net have grids of their own,
    /// because their penalties are on different scales: one shared lambda would make "which wins"
    /// depend on where it happens to sit. The unregularized model has no grid: its entry stays 0.
    pub positions: [usize; 4],
    /// The elastic net's L1 share (glmnet's alpha), in `[0, 1]`.
    pub l1_ratio: f64,
    /// Seed, noise and correlation of the data.
    pub knobs: Knobs,
}

/// The position every penalized model starts at: grid step 30 of 100, a moderately sparse lasso.
pub const DEFAULT_POSITION: usize = 30;

impl Settings {
    /// Every penalized model at `position` on its grid.
    pub fn new(position: usize, l1_ratio: f64, knobs: Knobs) -> Self {
        Self {
            positions: [0, position, position, position],
            l1_ratio,
            knobs,
        }
    }
}
/// The elastic-net L1 share it starts with.
pub const DEFAULT_L1_RATIO: f64 = 0.5;
/// The L1 share changes in steps of this.
pub const L1_RATIO_STEP: f64 = 0.05;
/// Noise can be scaled by at most `NOISE_STEP^MAX_NOISE_STEPS` either way.
pub const MAX_NOISE_STEPS: i32 = 10;
/// Number of lambdas on the explorer's grid.
pub const GRID_SIZE: usize = 100;
/// Folds for the cross-validation curve.
pub const CV_FOLDS: usize = 5;
