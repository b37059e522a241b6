//! What the user sets on the dropout screen: the only copy. The network's shape and training
//! schedule are fixed per dataset ([`Network::for_shape`]); they are not settings.

use crate::data::nonlinear::Shape;
use crate::fit::mlp::Activation;

/// The dropout screen's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The dataset: the 1-D curve or a 2-D classification set.
    pub shape: Shape,
    /// Seeds the data, the initial weights, the batches and the dropout masks.
    pub seed: u64,
    /// The dropout rate on the hidden layers of the variants that use dropout, in `[0, RATE_MAX]`.
    pub rate: f64,
    /// The L2 weight decay of the variants that use it (0, or `10^(k/4)` from `10^-6` to 1).
    pub weight_decay: f64,
}

impl Settings {
    /// The defaults for a dataset and seed.
    pub fn new(shape: Shape, seed: u64) -> Self {
        Self {
            shape,
            seed,
            rate: 0.3,
            weight_decay: 1e-3,
        }
    }
}

/// Dropout rate steps.
pub const RATE_STEP: f64 = 0.05;
/// The largest dropout rate.
pub const RATE_MAX: f64 = 0.9;
/// Weight decay moves on the log grid `10^(k/4)`, from `10^-6` to `1`; 0 below it.
pub const DECAY_STEPS_PER_DECADE: f64 = 4.0;
/// Epochs the lab trains after new data.
pub const LAB_EPOCHS: usize = 1500;

/// The network and its training schedule for a dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub n_train: usize,
    pub n_val: usize,
    pub noise: f64,
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub learning_rate: f64,
    pub batch_size: usize,
}

impl Network {
    /// `dropout-1d`: 30 noisy points of a smooth curve (noise sd 0.5), 300 validation points; two
    /// hidden layers of 64 ReLU units, so the unregularized network fits the noise. `dropout-2d`:
    /// 120 training and 600 validation points of a 2-D classification set.
    pub fn for_shape(shape: Shape) -> Self {
        let curve = Self {
            n_train: 30,
            n_val: 300,
            noise: 0.5,
            hidden: vec![64, 64],
            activation: Activation::Relu,
            learning_rate: 0.01,
            batch_size: 10,
        };
        if shape == Shape::Curve {
            curve
        } else {
            Self {
                n_train: 120,
                n_val: 600,
                noise: 0.15,
                batch_size: 20,
                ..curve
            }
        }
    }
}
