//! What the explorer computes for a scenario, recomputed through the library the way the linear lab
//! does it (`prepare` and `build` in `src/screens/linear/lab.rs`, the path job's CV, the unregularized
//! model's epochs), so the tests can check that each scenario's description is true of what the screen shows.
//!
//! The steps, as the explorer takes them: the training rows standardized on themselves, the target
//! divided by its spread, a grid of 100 lambdas (the lasso's from lambda_max down by 1e-3, ridge's from
//! the eigenvalues of X alone), 5-fold CV with folds shuffled by the data's seed on the training rows
//! in the data's units, and the exact path on the standardized rows.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use regscope::data::scenario::{Scenario, Source};
use regscope::data::{assign_folds, FoldAssignment, Matrix, Pattern, Standardized};
use regscope::fit::train::{PenaltySpec, TrainData, Trainer};
use regscope::fit::{self, CdOptions, CvResult, Path};
use std::ops::Range;

/// The seeds every claim is checked on.
pub const SEEDS: std::ops::RangeInclusive<u64> = 1..=5;
/// The explorer's grid size and fold count (`src/screens/linear/settings.rs`).
const GRID_SIZE: usize = 100;
const CV_FOLDS: usize = 5;
/// The lasso grid runs from lambda_max down to this fraction of it, as in the explorer.
const MIN_RATIO: f64 = 1e-3;
/// Where the descent is cut off if it has not converged (it converges in far fewer epochs).
const MAX_EPOCHS: usize = 100_000;

/// The explorer's solver settings for the path and its CV (`path_job.rs`).
fn options() -> CdOptions {
    CdOptions {
        tol: 1e-9,
        ..CdOptions::default()
    }
}

/// A scenario's training rows, ready to fit, with the truth they were drawn from.
pub struct Prepared {
    /// Training rows standardized on themselves, target divided by its spread.
    pub standardized: Standardized,
    /// Training rows in the data's units (the CV standardizes each fold on its own), same target scale.
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    /// Validation rows on the training rows' scale, target divided by the same spread.
    pub x_val: Matrix,
    pub y_val: Vec<f64>,
    pub folds: Vec<usize>,
    /// The seed the data was drawn with (the explorer's initial weights depend on it too).
    pub seed: u64,
    /// True weights in the data's units; every synthetic column has unit variance, so they compare.
    pub truth: Vec<f64>,
    /// The block size of the `groups` pattern, `None` for other patterns.
    pub group_size: Option<usize>,
}

/// The preset called `name`, panicking with its name if it does not parse.
pub fn scenario(name: &str) -> Scenario {
    Scenario::named(name).unwrap_or_else(|e| panic!("scenario {name}: {e}"))
}

/// The data of a synthetic `scenario` drawn with `seed`, prepared as the explorer prepares it.
pub fn prepare(scenario: &Scenario, seed: u64) -> Prepared {
    let data = scenario
        .load(seed)
        .unwrap_or_else(|e| panic!("{} seed {seed}: {e}", scenario.name));
    let train = data.dataset.select_rows(&data.split.train);
    let validation = data.dataset.select_rows(&data.split.validation);
    let mut standardized = Standardized::new(&train.x, &train.y);
    let (x_val, y_val) = standardized.transform(&validation.x, &validation.y);
    let scale = fit::target_scale(&standardized.y);
    let unit = |v: &[f64]| -> Vec<f64> { v.iter().map(|x| x / scale).collect() };
    standardized.y = unit(&standardized.y);
    standardized.xty = unit(&standardized.xty);
    let n_train = train.x.nrows();
    let group_size = match &scenario.source {
        Source::Synthetic(spec) => match spec.pattern {
            Pattern::CorrelatedGroups { group_size } => Some(group_size),
            _ => None,
        },
        Source::Bundled { .. } => None,
    };
    Prepared {
        standardized,
        train_y: unit(&train.y),
        train_x: train.x,
        x_val,
        y_val: unit(&y_val),
        seed,
        folds: assign_folds(n_train, CV_FOLDS, FoldAssignment::Shuffled { seed }),
        truth: data.dataset.truth.expect("a synthetic scenario knows its truth"),
        group_size,
    }
}

/// One model's exact path on its own default grid and its cross-validation.
pub struct Fitted {
    pub path: Path,
    pub cv: CvResult,
}

impl Fitted {
    /// The coefficients (standardized scale) at the CV's lambda_min.
    pub fn at_min(&self) -> &[f64] {
        &self.path.coefs[self.cv.i_min]
    }

    /// The coefficients at lambda_1se: the sparsest (most shrunk) model within one standard error.
    pub fn at_1se(&self) -> &[f64] {
        &self.path.coefs[self.cv.i_1se]
    }

    /// The least mean CV error along the grid.
    pub fn best_cv_error(&self) -> f64 {
        self.cv.mean[self.cv.i_min]
    }
}

/// Fits mix `l1_ratio` (1 the lasso, 0 ridge) on its own default grid: path and 5-fold CV.
pub fn fit_model(prepared: &Prepared, l1_ratio: f64) -> Fitted {
    // The screen's own grids (ridge's from the mean eigenvalue, the others a hair above lambda_max).
    let lambdas = regscope::screens::linear::lab::grid(&prepared.standardized, l1_ratio);
    let path = fit::fit_path(&prepared.standardized, &lambdas, l1_ratio, &options()).expect("the path");
    let cv = fit::cross_validate(
        &prepared.train_x,
        &prepared.train_y,
        &lambdas,
        l1_ratio,
        &prepared.folds,
        CV_FOLDS,
        &options(),
    )
    .expect("the cross-validation");
    Fitted { path, cv }
}

/// `(recall, precision)` of the nonzeros of `w` against the nonzeros of `truth` (precision 1 for an
/// empty model, which claims nothing false).
pub fn recall_precision(w: &[f64], truth: &[f64]) -> (f64, f64) {
    let chosen = w.iter().filter(|v| **v != 0.0).count();
    let true_support = truth.iter().filter(|v| **v != 0.0).count();
    let hits = w.iter().zip(truth).filter(|(a, b)| **a != 0.0 && **b != 0.0).count();
    let recall = hits as f64 / true_support.max(1) as f64;
    let precision = if chosen == 0 { 1.0 } else { hits as f64 / chosen as f64 };
    (recall, precision)
}

/// The column ranges of the blocks of `group_size` whose true weights are nonzero.
pub fn informative_blocks(truth: &[f64], group_size: usize) -> Vec<Range<usize>> {
    (0..truth.len().div_ceil(group_size))
        .map(|b| b * group_size..((b + 1) * group_size).min(truth.len()))
        .filter(|block| truth[block.clone()].iter().any(|v| *v != 0.0))
        .collect()
}

/// How many of `block`'s coefficients are nonzero.
pub fn kept(w: &[f64], block: &Range<usize>) -> usize {
    w[block.clone()].iter().filter(|v| **v != 0.0).count()
}

/// The spread of the magnitudes inside `block`: `std(|w|) / mean(|w|)` (population std). 0 when the
/// weight is shared evenly; about 2 when one of five features takes it all; infinite for an all-zero
/// block (no weight at all is not an even share).
pub fn spread(w: &[f64], block: &Range<usize>) -> f64 {
    let magnitudes: Vec<f64> = w[block.clone()].iter().map(|v| v.abs()).collect();
    let (mean, std) = regscope::data::mean_and_std(&magnitudes);
    if mean > 0.0 {
        std / mean
    } else {
        f64::INFINITY
    }
}

/// The mean of `f` over the informative blocks of a `groups` scenario.
pub fn mean_over_blocks(prepared: &Prepared, f: impl Fn(&Range<usize>) -> f64) -> f64 {
    let group_size = prepared.group_size.expect("a scenario with the groups pattern");
    let blocks = informative_blocks(&prepared.truth, group_size);
    assert!(!blocks.is_empty(), "a groups scenario with no informative block");
    blocks.iter().map(&f).sum::<f64>() / blocks.len() as f64
}

/// The mean squared error of the standardized-scale coefficients `w` on the validation rows.
pub fn val_mse(prepared: &Prepared, w: &[f64]) -> f64 {
    let fitted = prepared.x_val.mul_vec(w);
    let sum: f64 = fitted.iter().zip(&prepared.y_val).map(|(f, y)| (y - f) * (y - f)).sum();
    sum / prepared.y_val.len() as f64
}

/// The explorer's seeded initial weights (`initial_weights` in `src/screens/linear/lab.rs`): every
/// model starts from them, so the descent below starts where the screen's does.
fn initial_weights(seed: u64, p: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_0f14);
    let normal = Normal::new(0.0, 0.1).expect("a valid normal");
    (0..p).map(|_| normal.sample(&mut rng)).collect()
}

/// What the explorer's loss panel shows of the unregularized model: its mean squared errors per epoch.
pub struct Descent {
    /// The least validation MSE over the epochs (the early-stopping point) and its epoch.
    pub best_val_mse: f64,
    pub best_epoch: usize,
    /// The MSEs where it stopped (converged, or cut off at [`MAX_EPOCHS`]).
    pub final_train_mse: f64,
    pub final_val_mse: f64,
    pub epochs: usize,
}

/// Trains the unregularized model as the explorer does (full-batch gradient descent from the initial
/// weights on the standardized training rows) until it converges, following its validation MSE.
pub fn train_unregularized(prepared: &Prepared) -> Descent {
    let data = TrainData::new(
        prepared.standardized.x.clone(),
        prepared.standardized.y.clone(),
        prepared.x_val.clone(),
        prepared.y_val.clone(),
    );
    let initial = initial_weights(prepared.seed, data.p());
    let mut trainer = Trainer::new(initial, PenaltySpec::NONE);
    let (_, start_val) = trainer.stats(&data).mse();
    let (mut best_val_mse, mut best_epoch) = (start_val, 0);
    let (mut final_train_mse, mut final_val_mse) = trainer.stats(&data).mse();
    while trainer.training() && trainer.epoch < MAX_EPOCHS {
        let stats = trainer.step(&data);
        (final_train_mse, final_val_mse) = stats.mse();
        if final_val_mse < best_val_mse {
            (best_val_mse, best_epoch) = (final_val_mse, stats.epoch);
        }
    }
    assert!(
        !trainer.diverged,
        "seed {}: the unregularized descent diverged",
        prepared.seed
    );
    Descent {
        best_val_mse,
        best_epoch,
        final_train_mse,
        final_val_mse,
        epochs: trainer.epoch,
    }
}
