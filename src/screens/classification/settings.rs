//! What the user sets on the classification screen: the only copy. `app` changes it, the lab is
//! configured with it, and nothing the lab reports is copied back into it.

use crate::data::classes::ClassPreset;

/// Lambdas on each penalized model's grid.
pub const GRID_SIZE: usize = 100;
/// The grid step every penalized model starts at (0 is the top of its grid, every weight 0 for L1).
pub const DEFAULT_POSITION: usize = 30;
/// The elastic net's L1 share at start, and the step of `↑` `↓`.
pub const DEFAULT_L1_RATIO: f64 = 0.5;
pub const L1_RATIO_STEP: f64 = 0.05;
/// Folds of the cross-validation curve.
pub const CV_FOLDS: usize = 5;
/// After a change of setting, training stops after this many epochs even if a model has not converged:
/// on separable classes the unregularized model never does (its weights grow without bound).
pub const MAX_SETTLE_EPOCHS: usize = 20_000;

/// The classification screen's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub preset: ClassPreset,
    pub seed: u64,
    /// Each model's step on its own grid, in [`MODELS`](super::MODELS) order (the unregularized
    /// model's stays 0). Each penalty has its own grid, as on the linear screen: one shared lambda
    /// would compare penalties on different scales.
    pub positions: [usize; 4],
    /// The elastic net's L1 share, in [0.05, 0.95].
    pub l1_ratio: f64,
}

impl Settings {
    pub fn new(preset: ClassPreset, seed: u64) -> Self {
        Self {
            preset,
            seed,
            positions: [0, DEFAULT_POSITION, DEFAULT_POSITION, DEFAULT_POSITION],
            l1_ratio: DEFAULT_L1_RATIO,
        }
    }
}
