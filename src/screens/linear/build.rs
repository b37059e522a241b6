//! New data for the linear screen's lab: the source made, split and standardized on the training
//! rows, each model's grid, the trainers, and the exact path's jobs. Cheap, so the explorer draws at
//! once; the paths and their CV are the jobs.

use super::model::{ModelId, MODELS};
use super::path_job::{PathData, PathJob};
use super::settings::{Settings, CV_FOLDS, GRID_SIZE};
use super::source::{DataSource, Made};
use super::units::TargetUnits;
use super::view::{DataView, ModelPath, PathKey};
use crate::data::{Matrix, Split, Standardized};
use crate::fit;
use crate::fit::train::{TrainData, Trainer};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// The smallest grid value, as a fraction of the top of the lasso's and elastic net's grids.
const MIN_RATIO: f64 = 1e-3;

/// The top of the lasso's and elastic net's grids, as a multiple of lambda_max. At lambda_max itself
/// the exact solution is zero, but gradient descent only approaches zero geometrically for the feature
/// whose correlation equals lambda_max; a hair above it every weight reaches exactly zero in finitely
/// many epochs, so `Home` means "every weight zero" for the trainers as for the exact path.
const TOP_MARGIN: f64 = 1.001;

/// The top of ridge's grid on the explorer, as a multiple of the mean eigenvalue of `X^T X / n` (the
/// mean variance of a feature: 1 for standardized columns). Ridge shrinks the component of the fit
/// along an eigenvector of eigenvalue `e` by `e / (e + lambda)`, so the grid is set by the typical `e`:
/// at the top a typical direction keeps a tenth of its weight, at the bottom (`1e-3`) nearly all, as
/// the lasso's grid goes from every weight zero to nearly least squares. Anchored instead at the
/// largest eigenvalue (as `regscope path` is, for equivariance), the same position along the grid
/// shrank ridge far more than the lasso on correlated data, and the "strength" control was unfair.
const RIDGE_TOP: f64 = 10.0;
/// Ridge's grid spans four decades.
const RIDGE_MIN_RATIO: f64 = 1e-4;

/// A model's grid for the scaled target: ridge's from the mean eigenvalue of `X^T X / n` (it has no
/// lambda_max), the others from lambda_max down to `MIN_RATIO` of it, the top a hair above it. Public
/// so that the scenario tests check their claims on the grids the screen uses.
pub fn grid(standardized: &Standardized, l1_ratio: f64) -> Vec<f64> {
    if l1_ratio == 0.0 {
        return fit::log_grid(RIDGE_TOP * mean_eigenvalue(&standardized.x), RIDGE_MIN_RATIO, GRID_SIZE);
    }
    let mut lambdas = fit::default_grid(standardized, l1_ratio, GRID_SIZE, MIN_RATIO);
    if let Some(top) = lambdas.first_mut() {
        *top *= TOP_MARGIN;
    }
    lambdas
}

/// The mean eigenvalue of `X^T X / n`: its trace over `p` (1 when no column is constant), and 1 for a
/// design without spread, which has no scale.
fn mean_eigenvalue(x: &Matrix) -> f64 {
    let (n, p) = (x.nrows(), x.ncols());
    let trace: f64 = (0..p).map(|j| x.col(j).iter().map(|v| v * v).sum::<f64>()).sum();
    let mean = trace / (n.max(1) * p.max(1)) as f64;
    if mean > 0.0 && mean.is_finite() {
        mean
    } else {
        1.0
    }
}

/// The source the knobs ask for: the scenario they name (a tour's step), else the session's own.
pub(super) fn source_for(session: &DataSource, knobs: &super::Knobs) -> Result<DataSource, String> {
    match &knobs.scenario {
        Some(name) => crate::data::Scenario::named(name)
            .map(DataSource::Scenario)
            .map_err(|e| e.to_string()),
        None => Ok(session.clone()),
    }
}

/// The L1 share of model `model`'s penalty: 1 for the lasso, 0 for ridge, the elastic net's setting.
pub(super) fn l1_ratio_of(model: ModelId, l1_ratio: f64) -> f64 {
    model.penalty(1.0, l1_ratio).l1_ratio
}

/// The data made from a source, split, and put on the training rows' standardized scale: everything
/// the trainers and the paths need. One place, so a change of scale is made once for all of them.
struct Prepared {
    made: Made,
    /// Training rows in the data's units (cross-validation standardizes each fold on its own).
    train_x: Matrix,
    train_y: Vec<f64>,
    /// Training rows standardized on themselves.
    standardized: Standardized,
    /// Validation rows on the training rows' scale.
    x_val: Matrix,
    y_val: Vec<f64>,
    /// Every target above (training, standardized and validation) is divided by `units.scale`.
    units: TargetUnits,
}

/// Makes the data for `knobs`, splits it and standardizes it on the training rows.
fn prepare(source: &DataSource, knobs: &super::Knobs) -> Result<Prepared, String> {
    let made = source.make(knobs)?;
    let Split { train, validation } = &made.split;
    let train_set = made.dataset.select_rows(train);
    let val_set = made.dataset.select_rows(validation);
    let mut standardized = Standardized::new(&train_set.x, &train_set.y);
    let (x_val, y_val) = standardized.transform(&val_set.x, &val_set.y);
    let units = TargetUnits::of(&standardized.y).map_err(|e| format!("{}: {e}", source.name()))?;
    let unit = |v: &[f64]| -> Vec<f64> { v.iter().map(|x| x / units.scale).collect() };
    standardized.y = unit(&standardized.y);
    standardized.xty = unit(&standardized.xty);
    Ok(Prepared {
        made,
        train_x: train_set.x,
        train_y: unit(&train_set.y),
        standardized,
        x_val,
        y_val: unit(&y_val),
        units,
    })
}

/// The seeded initial weights every model starts from.
fn initial_weights(seed: u64, p: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_0f14);
    let normal = Normal::new(0.0, 0.1).expect("a valid normal");
    (0..p).map(|_| normal.sample(&mut rng)).collect()
}

/// Every model's grid for the data and L1 share, refused when the target is unrelated to every
/// feature (lambda_max is 0: there is no path).
fn grids(standardized: &Standardized, l1_ratio: f64, source: &DataSource, seed: u64) -> Result<[Vec<f64>; 4], String> {
    let grids: [Vec<f64>; 4] = std::array::from_fn(|m| match MODELS[m] {
        ModelId::Unregularized => Vec::new(),
        model => grid(standardized, l1_ratio_of(model, l1_ratio)),
    });
    // Say so now rather than from the background.
    if grids[1..].iter().any(|g| fit::check_lambdas(g).is_err()) {
        return Err(format!(
            "{}: on the training rows of seed {seed} no feature is correlated with the target (lambda_max is \
             0), so there is no path; try another seed (r) or other data",
            source.name(),
        ));
    }
    Ok(grids)
}

/// Makes the data and the trainers for `settings` (positions clamped to the grids): cheap, so the
/// explorer can draw at once. The exact paths and their CV are the returned jobs.
pub(super) fn build(source: &DataSource, settings: &Settings, generation: u64) -> Result<Built, String> {
    let knobs = &settings.knobs;
    let prepared = prepare(source, knobs)?;
    let grids = grids(&prepared.standardized, settings.l1_ratio, source, knobs.seed)?;
    let lambdas: [f64; 4] = std::array::from_fn(|m| match grids[m].len() {
        0 => 0.0,
        len => grids[m][settings.positions[m].min(len - 1)],
    });
    let Prepared {
        made,
        train_x,
        train_y,
        standardized,
        x_val,
        y_val,
        units,
    } = prepared;
    let (n_train, n_val) = (made.split.train.len(), made.split.validation.len());
    let folds = (n_train >= 2 * CV_FOLDS).then(|| {
        crate::data::assign_folds(
            n_train,
            CV_FOLDS,
            crate::data::FoldAssignment::Shuffled { seed: knobs.seed },
        )
    });
    let truth = made
        .dataset
        .truth
        .as_ref()
        .map(|beta| beta.iter().zip(&standardized.x_scale).map(|(b, s)| b * s).collect());
    let initial = initial_weights(knobs.seed, standardized.x.ncols());
    let data = TrainData::new(
        standardized.x.clone(),
        standardized.y.clone(),
        x_val.clone(),
        y_val.clone(),
    );
    let trainers: [Trainer; 4] =
        std::array::from_fn(|m| Trainer::new(initial.clone(), MODELS[m].penalty(lambdas[m], settings.l1_ratio)));
    let initial_losses = std::array::from_fn(|m| units.losses(trainers[m].stats(&data)));
    let path_data = Arc::new(PathData {
        standardized,
        train_x,
        train_y,
        x_val,
        y_val,
        units,
        folds,
    });
    let keys = |model: ModelId| PathKey {
        generation,
        model,
        l1_ratio: l1_ratio_of(model, settings.l1_ratio),
    };
    let (jobs, jobs_cancel) = path_jobs(&path_data, &grids, keys);
    let view = DataView {
        generation,
        source_name: source.name().to_string(),
        synthetic: source.spec().is_some(),
        knobs: knobs.clone(),
        description: made.description,
        feature_names: made.dataset.feature_names,
        truth,
        n_train,
        n_val,
        sigma: made.sigma,
        rho: made.rho,
        noise_factor: made.noise_factor,
        paths: std::array::from_fn(|m| match MODELS[m] {
            ModelId::Unregularized => ModelPath::default(),
            model => ModelPath::pending(keys(model).l1_ratio, units.values(&grids[m])),
        }),
        initial: units.values(&initial),
        initial_losses,
    };
    Ok(Built {
        data,
        trainers,
        grids,
        lambdas,
        units,
        view,
        path_data,
        jobs,
        jobs_cancel,
    })
}

/// One path job per penalized model, the lasso's first (the path panel shows it first), and each
/// model's cancel flag.
fn path_jobs(
    data: &Arc<PathData>,
    grids: &[Vec<f64>; 4],
    keys: impl Fn(ModelId) -> PathKey,
) -> (Vec<PathJob>, [Arc<AtomicBool>; 4]) {
    let order = [ModelId::Lasso, ModelId::Ridge, ModelId::ElasticNet];
    let jobs: Vec<PathJob> = order
        .iter()
        .map(|&model| PathJob::new(keys(model), Arc::clone(data), grids[model as usize].clone()))
        .collect();
    let mut cancels: [Arc<AtomicBool>; 4] = Default::default();
    for job in &jobs {
        cancels[job.key.model as usize] = Arc::clone(&job.cancel);
    }
    (jobs, cancels)
}

/// What `build` makes.
pub(super) struct Built {
    pub(super) data: TrainData,
    pub(super) trainers: [Trainer; 4],
    /// The grids and lambdas for the scaled target (the view's are in the target's units).
    pub(super) grids: [Vec<f64>; 4],
    pub(super) lambdas: [f64; 4],
    pub(super) units: TargetUnits,
    pub(super) view: DataView,
    pub(super) path_data: Arc<PathData>,
    pub(super) jobs: Vec<PathJob>,
    pub(super) jobs_cancel: [Arc<AtomicBool>; 4],
}
