//! The engine: owns the data and the four trainers, computes the exact path, and turns [`Command`]s
//! into [`Progress`]. It can be driven two ways with the same code: stepped synchronously
//! ([`Engine::handle_now`], [`Engine::run_epochs`]: the `snapshot` and `train` subcommands and the
//! tests, where the number of epochs, not a clock, decides how far training got) or on a worker thread
//! ([`worker::spawn`]: the explorer).
//!
//! New data is made in two parts: the cheap one (data, standardization, grid, trainers) at once, so
//! the explorer can draw and train; the exact path and its cross-validation as a [`PathJob`] that the
//! worker runs on a background thread, reporting as it goes, and that new data or quitting cancels.

pub mod dropout;
mod model;
mod path_job;
pub mod source;
mod units;
pub mod worker;

use crate::data::nonlinear::{NonlinearData, Shape};
pub use dropout::{DropoutLab, LabEpoch, LabSettings};
pub use model::{ModelId, MODELS};
pub use path_job::{PathJob, PathView, Stage};
use source::Made;
pub use source::{DataSource, Knobs};
pub use units::TargetUnits;

use crate::data::{Matrix, Split, Standardized};
use crate::fit::train::{EpochStats, TrainData, Trainer};
use crate::fit::{self, CvResult};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Number of lambdas on the explorer's grid.
pub const GRID_SIZE: usize = 100;
/// Folds for the cross-validation curve.
pub const CV_FOLDS: usize = 5;

/// What the explorer asks of the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Move every regularized model to lambda number `i` of the grid (warm start).
    SetLambdaIndex(usize),
    /// The elastic-net mix (L1 share).
    SetMix(f64),
    SetPaused(bool),
    /// One epoch, even when paused.
    Step,
    /// New data (a new seed, noise level or correlation); training starts again.
    Regenerate(Knobs),
    /// Which screen trains: the linear models or the dropout lab.
    SetScreen(Screen),
    /// The dropout lab's dropout rate and weight decay (training goes on).
    SetLabRegularization {
        dropout: f64,
        weight_decay: f64,
    },
    /// A new dropout lab: another dataset shape or seed; training starts again.
    ResetLab {
        shape: Shape,
        seed: u64,
    },
}

/// The two screens of the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Unregularized, ridge, lasso and elastic net on linear data.
    Linear,
    /// A neural network with and without dropout and weight decay.
    Dropout,
}

/// What the engine reports.
#[derive(Clone, Debug)]
pub enum Progress {
    /// New data; the models start again from their initial weights. The exact path and its
    /// cross-validation follow (`Stage`, `Path`, `Cv`).
    Reset(Box<DataView>),
    /// How far the path and CV of data `generation` have got.
    Stage { generation: u64, stage: Stage },
    /// The exact path of data `generation`.
    Path { generation: u64, path: Box<PathView> },
    /// The cross-validation of data `generation` (`None`: too few rows, or it failed); the last report.
    Cv { generation: u64, cv: Option<Box<CvResult>> },
    /// One or more epochs ran: the losses of each, and the weights after the last.
    Epochs(Box<EpochReport>),
    /// The data could not be made (for example a CSV with too few rows for the split).
    Error(String),
    /// A new dropout lab: its data and starting point.
    LabReset(Box<LabView>),
    /// Epochs of the dropout lab.
    LabEpochs(Box<LabReport>),
}

/// What is drawn about a new dropout lab.
#[derive(Clone, Debug)]
pub struct LabView {
    pub settings: LabSettings,
    pub data: NonlinearData,
    pub initial: [LabEpoch; 4],
    /// Evaluation-mode outputs at `dropout::plot_points`, per variant.
    pub predictions: [Vec<f64>; 4],
}

/// Epochs of the dropout lab.
#[derive(Clone, Debug)]
pub struct LabReport {
    pub losses: [Vec<LabEpoch>; 4],
    pub predictions: [Vec<f64>; 4],
    /// The dropout variant's mask of the first row of its last mini-batch: kept units per layer.
    pub mask: Vec<Vec<bool>>,
}

/// Everything drawn about the data and the exact path.
#[derive(Clone, Debug)]
pub struct DataView {
    /// Which data version this is: reports about an older one are ignored.
    pub generation: u64,
    pub knobs: Knobs,
    pub description: String,
    pub feature_names: Vec<String>,
    /// The true coefficients on the training rows' standardized scale (synthetic data only).
    pub truth: Option<Vec<f64>>,
    pub n_train: usize,
    pub n_val: usize,
    /// The noise standard deviation and the correlation used, for synthetic data.
    pub sigma: Option<f64>,
    pub rho: Option<f64>,
    /// The lasso path's grid on the training rows, largest lambda first (known at once).
    pub lambdas: Vec<f64>,
    /// The exact path, once computed.
    pub path: Option<Box<PathView>>,
    /// K-fold cross-validation of the path on the training rows, once computed (and if possible).
    pub cv: Option<CvResult>,
    /// How far the path and the CV have got.
    pub stage: Stage,
    /// The initial weights every model starts from, and each model's losses there (with its own penalty).
    pub initial: Vec<f64>,
    pub initial_stats: [EpochStats; 4],
}

/// The result of running epochs.
#[derive(Clone, Debug)]
pub struct EpochReport {
    /// Losses of each epoch that ran, per model.
    pub stats: [Vec<EpochStats>; 4],
    /// Weights after the last epoch, per model.
    pub weights: [Vec<f64>; 4],
    pub diverged: [bool; 4],
}

/// The engine's state.
pub struct Engine {
    source: DataSource,
    knobs: Knobs,
    data: TrainData,
    trainers: [Trainer; 4],
    lambdas: Vec<f64>,
    lambda_index: usize,
    mix: f64,
    paused: bool,
    /// Training runs (when not paused) until the epoch reaches this.
    pub target_epoch: usize,
    /// Epochs added to the target when lambda or the mix moves, so the models settle again.
    pub settle_epochs: usize,
    screen: Screen,
    lab: Option<DropoutLab>,
    lab_points: Option<ndarray::Array2<f64>>,
    /// The lab trains (when on its screen and not paused) until its epoch reaches this.
    pub lab_target_epoch: usize,
    /// The data version, counted up by every successful build.
    generation: u64,
    /// The path and CV of the current data, until someone takes them to run.
    path_job: Option<PathJob>,
    /// Cancels the current data's path job wherever it runs (set on new data and on drop).
    path_cancel: Arc<AtomicBool>,
    /// The trainers and the path work on the target divided by its spread; reports are in its units.
    units: TargetUnits,
}

/// Epochs the dropout lab trains after a reset.
pub const LAB_EPOCHS: usize = 1500;

impl Engine {
    /// Builds the data from `source` with `knobs` and the models at lambda number `lambda_index`. The
    /// exact path and its CV are left pending: run them with [`Engine::finish_path`] or hand them to a
    /// thread with [`Engine::take_path_job`].
    pub fn new(
        source: DataSource,
        knobs: Knobs,
        lambda_index: usize,
        mix: f64,
        target_epoch: usize,
    ) -> Result<(Self, Progress), String> {
        let Built {
            data,
            trainers,
            lambdas,
            lambda_index,
            units,
            view,
            job,
        } = build(&source, &knobs, lambda_index, mix, 0)?;
        let path_cancel = Arc::clone(&job.cancel);
        let engine = Engine {
            source,
            knobs,
            data,
            trainers,
            lambdas,
            lambda_index,
            mix,
            paused: false,
            target_epoch,
            settle_epochs: (target_epoch / 4).max(50),
            screen: Screen::Linear,
            lab: None,
            lab_points: None,
            lab_target_epoch: LAB_EPOCHS,
            generation: 0,
            path_job: Some(job),
            path_cancel,
            units,
        };
        Ok((engine, Progress::Reset(Box::new(view))))
    }

    /// The pending path-and-CV job of the current data, to run elsewhere (the explorer's worker runs it
    /// on its own thread). `None` when there is none (already taken, or run).
    pub fn take_path_job(&mut self) -> Option<PathJob> {
        self.path_job.take()
    }

    /// Runs the pending path-and-CV job here, to completion, and returns its reports (headless use).
    pub fn finish_path(&mut self) -> Vec<Progress> {
        self.path_job.take().map(PathJob::run_here).unwrap_or_default()
    }

    /// [`Engine::handle`] followed by [`Engine::finish_path`]: the command and everything it starts,
    /// done before this returns, so headless runs do not depend on a clock.
    pub fn handle_now(&mut self, command: Command) -> Vec<Progress> {
        let mut reports = self.handle(command);
        reports.extend(self.finish_path());
        reports
    }

    pub fn epoch(&self) -> usize {
        self.trainers[0].epoch
    }

    /// The lambda the regularized models use, in the target's units.
    pub fn lambda(&self) -> f64 {
        self.units.value(self.trainers[1].penalty.lambda)
    }

    /// Sets an exact lambda in the target's units (off the grid), for headless training at a chosen
    /// strength.
    pub fn set_lambda_value(&mut self, lambda: f64) {
        let internal = lambda / self.units.scale;
        for (trainer, model) in self.trainers.iter_mut().zip(MODELS) {
            trainer.penalty = model.penalty(internal, self.mix);
        }
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Whether training should run now (not paused, target not reached).
    pub fn wants_epochs(&self) -> bool {
        !self.paused
            && match self.screen {
                Screen::Linear => self.epoch() < self.target_epoch,
                Screen::Dropout => self
                    .lab
                    .as_ref()
                    .is_some_and(|lab| lab.trainers[0].epoch < self.lab_target_epoch),
            }
    }

    /// Epochs the current screen still wants.
    pub fn epochs_wanted(&self) -> usize {
        match self.screen {
            Screen::Linear => self.target_epoch.saturating_sub(self.epoch()),
            Screen::Dropout => self
                .lab
                .as_ref()
                .map_or(0, |lab| self.lab_target_epoch.saturating_sub(lab.trainers[0].epoch)),
        }
    }

    /// Runs `count` epochs of whatever the current screen shows.
    pub fn advance(&mut self, count: usize) -> Progress {
        match self.screen {
            Screen::Linear => self.run_epochs(count),
            Screen::Dropout => self.run_lab_epochs(count),
        }
    }

    /// Starts a dropout lab (the first time the screen is shown, or for new data).
    pub fn reset_lab(&mut self, settings: LabSettings) -> Progress {
        let lab = DropoutLab::new(settings);
        let points = dropout::plot_points(lab.settings.shape);
        let view = LabView {
            settings: lab.settings.clone(),
            data: lab.data.clone(),
            initial: std::array::from_fn(|v| lab.losses(v)),
            predictions: std::array::from_fn(|v| lab.predict(v, &points)),
        };
        self.lab_target_epoch = LAB_EPOCHS;
        self.lab = Some(lab);
        self.lab_points = Some(points);
        Progress::LabReset(Box::new(view))
    }

    /// Runs `count` epochs of the dropout lab's four variants.
    pub fn run_lab_epochs(&mut self, count: usize) -> Progress {
        let (Some(lab), Some(points)) = (self.lab.as_mut(), self.lab_points.as_ref()) else {
            return Progress::Error("the dropout lab has not started".into());
        };
        let mut losses: [Vec<LabEpoch>; 4] = Default::default();
        for _ in 0..count {
            for (v, l) in lab.epoch().into_iter().enumerate() {
                losses[v].push(l);
            }
        }
        Progress::LabEpochs(Box::new(LabReport {
            losses,
            predictions: std::array::from_fn(|v| lab.predict(v, points)),
            mask: lab.live_mask(),
        }))
    }

    /// Applies a command; returns what the explorer should learn of it.
    pub fn handle(&mut self, command: Command) -> Vec<Progress> {
        match command {
            Command::SetLambdaIndex(i) => {
                self.lambda_index = i.min(self.lambdas.len() - 1);
                self.retarget();
                Vec::new()
            }
            Command::SetMix(mix) => {
                self.mix = mix.clamp(0.0, 1.0);
                self.retarget();
                Vec::new()
            }
            Command::SetPaused(paused) => {
                self.paused = paused;
                Vec::new()
            }
            Command::Step => vec![self.advance(1)],
            Command::SetScreen(screen) => {
                self.screen = screen;
                if screen == Screen::Dropout && self.lab.is_none() {
                    vec![self.reset_lab(LabSettings::curve(self.knobs.seed))]
                } else {
                    Vec::new()
                }
            }
            Command::SetLabRegularization { dropout, weight_decay } => {
                if let Some(lab) = &mut self.lab {
                    lab.set_regularization(dropout.clamp(0.0, 0.9), weight_decay.max(0.0));
                    self.lab_target_epoch = self.lab_target_epoch.max(lab.trainers[0].epoch + LAB_EPOCHS / 3);
                }
                Vec::new()
            }
            Command::ResetLab { shape, seed } => {
                let mut settings = LabSettings::for_shape(shape, seed);
                if let Some(lab) = &self.lab {
                    settings.dropout = lab.settings.dropout;
                    settings.weight_decay = lab.settings.weight_decay;
                }
                vec![self.reset_lab(settings)]
            }
            Command::Regenerate(knobs) => self.regenerate(knobs),
        }
    }

    /// New data for `knobs`: the models start again; the old data's path, obsolete, is cancelled and the
    /// new one left pending. On failure the current data stays.
    fn regenerate(&mut self, knobs: Knobs) -> Vec<Progress> {
        let built = build(&self.source, &knobs, self.lambda_index, self.mix, self.generation + 1);
        let Built {
            data,
            trainers,
            lambdas,
            lambda_index,
            units,
            view,
            job,
        } = match built {
            Ok(built) => built,
            Err(e) => return vec![Progress::Error(e)],
        };
        self.path_cancel.store(true, Ordering::Relaxed);
        self.path_cancel = Arc::clone(&job.cancel);
        self.path_job = Some(job);
        self.generation = view.generation;
        self.knobs = knobs;
        self.data = data;
        self.lambdas = lambdas;
        self.units = units;
        self.lambda_index = lambda_index;
        self.trainers = trainers;
        self.target_epoch = self.target_epoch.max(self.settle_epochs);
        vec![Progress::Reset(Box::new(view))]
    }

    /// Sets every regularized model's penalty from the current lambda and mix and lets training run on.
    fn retarget(&mut self) {
        let lambda = self.lambdas[self.lambda_index];
        for (trainer, model) in self.trainers.iter_mut().zip(MODELS) {
            trainer.penalty = model.penalty(lambda, self.mix);
        }
        self.target_epoch = self.target_epoch.max(self.epoch() + self.settle_epochs);
    }

    /// Runs `count` epochs of every model (paused or not).
    pub fn run_epochs(&mut self, count: usize) -> Progress {
        let units = self.units;
        let stats = std::array::from_fn(|m| {
            (0..count)
                .map(|_| units.stats(self.trainers[m].step(&self.data)))
                .collect()
        });
        Progress::Epochs(Box::new(EpochReport {
            stats,
            weights: std::array::from_fn(|m| units.values(&self.trainers[m].weights)),
            diverged: std::array::from_fn(|m| self.trainers[m].diverged),
        }))
    }
}

fn make_trainers(initial: &[f64], lambda: f64, mix: f64) -> [Trainer; 4] {
    std::array::from_fn(|m| Trainer::new(initial.to_vec(), MODELS[m].penalty(lambda, mix)))
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
fn prepare(source: &DataSource, knobs: &Knobs) -> Result<Prepared, String> {
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

/// Makes the data and the trainers at lambda number `lambda_index` (clamped to the grid) with mix
/// `mix`: cheap, so the explorer can draw at once. The exact path and its CV are the returned job.
fn build(source: &DataSource, knobs: &Knobs, lambda_index: usize, mix: f64, generation: u64) -> Result<Built, String> {
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
    // A target without variation has no path: say so now rather than from the background.
    fit::check_lambdas(&lambdas)?;
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
    let lambda_index = lambda_index.min(lambdas.len() - 1);
    let trainers = make_trainers(&initial, lambdas[lambda_index], mix);
    let initial_stats = std::array::from_fn(|m| units.stats(trainers[m].stats(&data)));
    let view = DataView {
        generation,
        knobs: knobs.clone(),
        description: made.description,
        feature_names: made.dataset.feature_names,
        truth,
        n_train,
        n_val,
        sigma: made.sigma,
        rho: made.rho,
        lambdas: units.values(&lambdas),
        path: None,
        cv: None,
        stage: Stage::Path {
            done: 0,
            total: lambdas.len(),
        },
        initial: units.values(&initial),
        initial_stats,
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

impl Drop for Engine {
    /// A path job still running for this engine is of no use to anyone: stop it.
    fn drop(&mut self) {
        self.path_cancel.store(true, Ordering::Relaxed);
    }
}
