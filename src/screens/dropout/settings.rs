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
    /// How many times the user asked to restart on the same data (`R`): a change restarts the four
    /// networks from their initial weights, as a change of the rate or the decay does.
    pub restarts: u32,
}

impl Settings {
    /// The defaults for a dataset and seed.
    pub fn new(shape: Shape, seed: u64) -> Self {
        Self {
            shape,
            seed,
            rate: DEFAULT_RATE,
            weight_decay: if shape.is_classification() {
                DEFAULT_DECAY_2D
            } else {
                DEFAULT_DECAY
            },
            restarts: 0,
        }
    }
}

/// The starting dropout rate: on `dropout-1d` (seeds 1 to 5) it beats the plain network by 8% to
/// 19% in validation MSE at [`LAB_EPOCHS`] (tests/dropout_claims.rs).
pub const DEFAULT_RATE: f64 = 0.2;
/// The starting weight decay on the curve.
pub const DEFAULT_DECAY: f64 = 1e-3;
/// The starting weight decay on a 2-D set: at 1e-3 the decay map looked like the plain one; at 1e-2
/// its boundary is a smooth ring while the plain network's bends around single noisy points.
pub const DEFAULT_DECAY_2D: f64 = 1e-2;
/// Dropout rate steps.
pub const RATE_STEP: f64 = 0.05;
/// The largest dropout rate.
pub const RATE_MAX: f64 = 0.9;
/// Weight decay moves on the log grid `10^(k/4)`, from `10^-6` to `1`; 0 below it.
pub const DECAY_STEPS_PER_DECADE: f64 = 4.0;
/// Epochs the lab trains after new data or a restart: long enough for the plain network to fit the
/// noise (its validation MSE climbs from about 0.3 to 0.4-0.5) while dropout and decay hold theirs.
/// `regscope train` on a dropout scenario defaults to it too.
pub const LAB_EPOCHS: usize = 1500;
/// The plotted and reported losses are trailing means over this many epochs: one epoch's
/// evaluation loss jumps by tens of percent, so a single epoch would rank the variants by chance.
pub const SMOOTHING_EPOCHS: usize = 50;

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
    /// hidden layers of 64 tanh units, so the unregularized network fits the noise. (With ReLU units
    /// dropout won on only 1 to 4 of seeds 1 to 5 at 1,000 to 1,500 epochs: the smooth units let the
    /// plain network bend through every point, which is what dropout prevents.) `dropout-2d`:
    /// 100 training and 600 validation points of a 2-D classification set with noise sd 0.2, so the
    /// classes overlap and the plain ReLU network carves islands around stray points.
    pub fn for_shape(shape: Shape) -> Self {
        let curve = Self {
            n_train: 30,
            n_val: 300,
            noise: 0.5,
            hidden: vec![64, 64],
            activation: Activation::Tanh,
            learning_rate: 0.01,
            batch_size: 10,
        };
        if shape == Shape::Curve {
            curve
        } else {
            Self {
                n_train: 100,
                n_val: 600,
                noise: 0.2,
                activation: Activation::Relu,
                batch_size: 20,
                ..curve
            }
        }
    }
}
