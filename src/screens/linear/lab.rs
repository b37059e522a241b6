//! The linear screen's lab: the data, the four trainers (unregularized, ridge, lasso, elastic net)
//! trained epoch by epoch from the same initial weights, and the exact path and its cross-validation.
//!
//! New data is made in two parts: the cheap one (data, standardization, grid, trainers) at once, so
//! the explorer can draw and train; the exact path and its cross-validation as a [`PathJob`] that the
//! engine runs on a background thread, reporting as it goes, and that new data or quitting cancels.

use super::model::MODELS;
use super::path_job::PathJob;
use super::settings::{Settings, CV_FOLDS, GRID_SIZE};
use super::source::{DataSource, Made};
use super::units::TargetUnits;
use super::view::{DataView, EpochReport, Report, Stage};
use crate::data::{Matrix, Split, Standardized};
use crate::fit;
use crate::fit::train::{TrainData, Trainer};
use crate::screens::Job;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The linear screen's trainers and data.
pub struct Lab {
    source: DataSource,
    /// The settings the trainers and data were last made to match.
    settings: Settings,
    data: TrainData,
    trainers: [Trainer; 4],
    /// The grid for the scaled target.
    lambdas: Vec<f64>,
    /// The regularized models' lambda for the scaled target (a grid value, or one set headless).
    lambda: f64,
    /// Training runs until the epoch reaches this.
    target_epoch: usize,
    /// Epochs added to the target when lambda or the L1 share moves, so the models settle again.
    settle_epochs: usize,
    /// The data version, counted up by every successful build.
    generation: u64,
    /// The path and CV of the current data, until someone takes them to run.
    path_job: Option<PathJob>,
    /// Cancels the current data's path job wherever it runs (set on new data and on drop).
    path_cancel: Arc<AtomicBool>,
    /// The trainers and the path work on the target divided by its spread; reports are in its units.
    units: TargetUnits,
}

impl Lab {
    /// Builds the data from `source` for `settings` and the models, training for `target_epoch`
    /// epochs. The exact path and its CV are left pending: run them with [`Lab::finish_path`] or hand
    /// them to a thread with [`Lab::take_path_job`].
    pub fn new(source: DataSource, settings: Settings, target_epoch: usize) -> Result<(Self, Report), String> {
        let built = build(&source, &settings, 0)?;
        let path_cancel = Arc::clone(&built.job.cancel);
        let lab = Lab {
            source,
            settings,
            data: built.data,
            trainers: built.trainers,
            lambda: built.lambdas[built.lambda_index],
            lambdas: built.lambdas,
            target_epoch,
            settle_epochs: (target_epoch / 4).max(50),
            generation: 0,
            path_job: Some(built.job),
            path_cancel,
            units: built.units,
        };
        Ok((lab, Report::Reset(Box::new(built.view))))
    }

    /// The pending path-and-CV job of the current data (`None` when already taken or run).
    pub fn take_path_job(&mut self) -> Option<PathJob> {
        self.path_job.take()
    }

    /// Runs the pending path-and-CV job here, to completion, and returns its reports (headless use).
    pub fn finish_path(&mut self) -> Vec<Report> {
        self.path_job.take().map(PathJob::run_here).unwrap_or_default()
    }

    pub fn epoch(&self) -> usize {
        self.trainers[0].epoch
    }

    /// The lambda the regularized models use, in the target's units.
    pub fn lambda(&self) -> f64 {
        self.units.value(self.lambda)
    }

    /// Sets an exact lambda in the target's units (off the grid), for headless training at a chosen
    /// strength.
    pub fn set_lambda_value(&mut self, lambda: f64) {
        self.lambda = lambda / self.units.scale;
        self.set_penalties();
    }

    /// Every model's penalty from the current lambda and L1 share.
    fn set_penalties(&mut self) {
        for (trainer, model) in self.trainers.iter_mut().zip(MODELS) {
            trainer.penalty = model.penalty(self.lambda, self.settings.l1_ratio);
        }
    }

    /// New data for `settings`: the models start again; the old data's path, obsolete, is cancelled
    /// and the new one left pending. On failure the current data stays.
    fn regenerate(&mut self, settings: &Settings) -> Vec<Report> {
        let built = match build(&self.source, settings, self.generation + 1) {
            Ok(built) => built,
            Err(message) => {
                return vec![Report::Rejected {
                    message,
                    kept: self.settings.knobs.clone(),
                }]
            }
        };
        self.path_cancel.store(true, Ordering::Relaxed);
        self.path_cancel = Arc::clone(&built.job.cancel);
        self.path_job = Some(built.job);
        self.generation = built.view.generation;
        self.settings = settings.clone();
        self.data = built.data;
        self.lambda = built.lambdas[built.lambda_index];
        self.lambdas = built.lambdas;
        self.units = built.units;
        self.trainers = built.trainers;
        self.target_epoch = self.target_epoch.max(self.settle_epochs);
        vec![Report::Reset(Box::new(built.view))]
    }

    /// Runs `count` epochs of every model (paused or not).
    pub fn run_epochs(&mut self, count: usize) -> Report {
        let units = self.units;
        let losses = std::array::from_fn(|m| {
            (0..count)
                .map(|_| units.losses(self.trainers[m].step(&self.data)))
                .collect()
        });
        Report::Epochs(Box::new(EpochReport {
            losses,
            weights: std::array::from_fn(|m| units.values(&self.trainers[m].weights)),
            diverged: std::array::from_fn(|m| self.trainers[m].diverged),
        }))
    }
}

impl crate::screens::Lab for Lab {
    type Settings = Settings;
    type Report = Report;

    /// New knobs make new data; a new lambda position or L1 share retargets the trainers, which
    /// warm-start from where they are and train on until they settle.
    fn configure(&mut self, settings: &Settings) -> Vec<Report> {
        if settings.knobs != self.settings.knobs {
            return self.regenerate(settings);
        }
        if *settings != self.settings {
            let index = settings.lambda_index.min(self.lambdas.len() - 1);
            self.settings = settings.clone();
            self.lambda = self.lambdas[index];
            self.set_penalties();
            self.target_epoch = self.target_epoch.max(self.epoch() + self.settle_epochs);
        }
        Vec::new()
    }

    fn advance(&mut self, epochs: usize) -> Report {
        self.run_epochs(epochs)
    }

    fn epochs_wanted(&self) -> usize {
        self.target_epoch.saturating_sub(self.epoch())
    }

    fn take_job(&mut self) -> Option<Job<Report>> {
        self.take_path_job().map(PathJob::into_job)
    }
}

fn make_trainers(initial: &[f64], lambda: f64, l1_ratio: f64) -> [Trainer; 4] {
    std::array::from_fn(|m| Trainer::new(initial.to_vec(), MODELS[m].penalty(lambda, l1_ratio)))
}

/// The data made from a source, split, and put on the training rows' standardized scale: everything
/// the trainers and the path need. One place, so a change of scale is made once for all of them.
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

/// Makes the data and the trainers for `settings` (the lambda position clamped to the grid): cheap, so
/// the explorer can draw at once. The exact path and its CV are the returned job.
fn build(source: &DataSource, settings: &Settings, generation: u64) -> Result<Built, String> {
    let knobs = &settings.knobs;
    let Prepared {
        made,
        train_x,
        train_y,
        standardized,
        x_val,
        y_val,
        units,
    } = prepare(source, knobs)?;
    let lambdas = fit::default_grid(&standardized, 1.0, GRID_SIZE, 1e-3);
    // A target without variation, or unrelated to every feature, has no path: say so now rather than
    // from the background.
    if fit::check_lambdas(&lambdas).is_err() {
        return Err(format!(
            "{}: on the training rows of seed {} no feature is correlated with the target (lambda_max is \
             0), so there is no path; try another seed (r) or other data",
            source.name(),
            knobs.seed
        ));
    }
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
    let lambda_index = settings.lambda_index.min(lambdas.len() - 1);
    let trainers = make_trainers(&initial, lambdas[lambda_index], settings.l1_ratio);
    let initial_losses = std::array::from_fn(|m| units.losses(trainers[m].stats(&data)));
    let view = DataView {
        generation,
        description: made.description,
        feature_names: made.dataset.feature_names,
        truth,
        n_train,
        n_val,
        sigma: made.sigma,
        rho: made.rho,
        noise_factor: made.noise_factor,
        lambdas: units.values(&lambdas),
        path: None,
        cv: None,
        stage: Stage::Path {
            done: 0,
            total: lambdas.len(),
        },
        chart: None,
        initial: units.values(&initial),
        initial_losses,
    };
    let job = PathJob {
        generation,
        standardized,
        train_x,
        train_y,
        x_val,
        y_val,
        lambdas: lambdas.clone(),
        units,
        folds,
        cancel: Arc::new(AtomicBool::new(false)),
    };
    Ok(Built {
        data,
        trainers,
        lambdas,
        lambda_index,
        units,
        view,
        job,
    })
}

/// What `build` makes.
struct Built {
    data: TrainData,
    trainers: [Trainer; 4],
    /// The grid for the scaled target (the view's is in the target's units).
    lambdas: Vec<f64>,
    lambda_index: usize,
    units: TargetUnits,
    view: DataView,
    job: PathJob,
}

impl Drop for Lab {
    /// A path job still running for this engine is of no use to anyone: stop it.
    fn drop(&mut self) {
        self.path_cancel.store(true, Ordering::Relaxed);
    }
}
