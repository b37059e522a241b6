//! The engine: owns the data and the four trainers, computes the exact path, and turns [`Command`]s
//! into [`Progress`]. It can be driven two ways with the same code: stepped synchronously
//! ([`Engine::handle`], [`Engine::run_epochs`]: the `snapshot` and `train` subcommands and the tests,
//! where the number of epochs, not a clock, decides how far training got) or on a worker thread
//! ([`worker::spawn`]: the explorer).

pub mod dropout;
mod model;
pub mod source;
pub mod worker;

use crate::data::nonlinear::{NonlinearData, Shape};
pub use dropout::{DropoutLab, LabEpoch, LabSettings};
pub use model::{ModelId, MODELS};
pub use source::{DataSource, Knobs};

use crate::data::{Split, Standardized};
use crate::fit::train::{EpochStats, TrainData, Trainer};
use crate::fit::{self, CdOptions, CvResult};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

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
    /// New data and its exact path; the models start again from their initial weights.
    Reset(Box<DataView>),
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
    /// The lasso path on the training rows: lambdas (largest first) and coefficients.
    pub lambdas: Vec<f64>,
    pub coefs: Vec<Vec<f64>>,
    /// Nonzero coefficients at each lambda of the path.
    pub nnz: Vec<usize>,
    /// Features by decreasing largest |coefficient| along the path (the order curves are drawn in).
    pub curve_order: Vec<usize>,
    /// Validation mean squared error of each path solution.
    pub val_mse: Vec<f64>,
    /// K-fold cross-validation of the path on the training rows.
    pub cv: Option<CvResult>,
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
}

/// Epochs the dropout lab trains after a reset.
pub const LAB_EPOCHS: usize = 1500;

impl Engine {
    /// Builds the data from `source` with `knobs` and the models at lambda number `lambda_index`.
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
            lambda_index,
            view,
        } = build(&source, &knobs, lambda_index, mix)?;
        let engine = Engine {
            source,
            knobs,
            data,
            trainers,
            lambdas: view.lambdas.clone(),
            lambda_index,
            mix,
            paused: false,
            target_epoch,
            settle_epochs: (target_epoch / 4).max(50),
            screen: Screen::Linear,
            lab: None,
            lab_points: None,
            lab_target_epoch: LAB_EPOCHS,
        };
        Ok((engine, Progress::Reset(Box::new(view))))
    }

    pub fn epoch(&self) -> usize {
        self.trainers[0].epoch
    }

    /// The lambda the regularized models use.
    pub fn lambda(&self) -> f64 {
        self.trainers[1].penalty.lambda
    }

    /// Sets an exact lambda (off the grid), for headless training at a chosen strength.
    pub fn set_lambda_value(&mut self, lambda: f64) {
        for (trainer, model) in self.trainers.iter_mut().zip(MODELS) {
            trainer.penalty = model.penalty(lambda, self.mix);
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
            Command::Regenerate(knobs) => match build(&self.source, &knobs, self.lambda_index, self.mix) {
                Ok(Built {
                    data,
                    trainers,
                    lambda_index,
                    view,
                }) => {
                    self.knobs = knobs;
                    self.data = data;
                    self.lambdas = view.lambdas.clone();
                    self.lambda_index = lambda_index;
                    self.trainers = trainers;
                    self.target_epoch = self.target_epoch.max(self.settle_epochs);
                    vec![Progress::Reset(Box::new(view))]
                }
                Err(e) => vec![Progress::Error(e)],
            },
        }
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
        let stats = std::array::from_fn(|m| (0..count).map(|_| self.trainers[m].step(&self.data)).collect());
        Progress::Epochs(Box::new(EpochReport {
            stats,
            weights: std::array::from_fn(|m| self.trainers[m].weights.clone()),
            diverged: std::array::from_fn(|m| self.trainers[m].diverged),
        }))
    }
}

fn make_trainers(initial: &[f64], lambda: f64, mix: f64) -> [Trainer; 4] {
    std::array::from_fn(|m| Trainer::new(initial.to_vec(), MODELS[m].penalty(lambda, mix)))
}

/// Makes the data, standardizes it on the training rows, fits the exact path and its CV.
/// The models start at lambda number `lambda_index` (clamped to the grid) with mix `mix`.
fn build(source: &DataSource, knobs: &Knobs, lambda_index: usize, mix: f64) -> Result<Built, String> {
    let made = source.make(knobs)?;
    let Split { train, validation } = &made.split;
    let train_set = made.dataset.select_rows(train);
    let val_set = made.dataset.select_rows(validation);
    let standardized = Standardized::new(&train_set.x, &train_set.y);
    // Validation rows on the training rows' scale.
    let (x_val, y_val) = standardized.transform(&val_set.x, &val_set.y);

    let lambdas = fit::default_grid(&standardized, 1.0, GRID_SIZE, 1e-3);
    let options = CdOptions {
        tol: 1e-9,
        ..CdOptions::default()
    };
    let path = fit::fit_path(&standardized, &lambdas, 1.0, &options)?;
    let val_mse: Vec<f64> = path
        .coefs
        .iter()
        .map(|w| 2.0 * fit::train::half_mse(&x_val, &y_val, w))
        .collect();
    let cv = if train.len() >= 2 * CV_FOLDS {
        let folds = crate::data::assign_folds(
            train.len(),
            CV_FOLDS,
            crate::data::FoldAssignment::Shuffled { seed: knobs.seed },
        );
        Some(fit::cross_validate(
            &train_set.x,
            &train_set.y,
            &lambdas,
            1.0,
            &folds,
            CV_FOLDS,
            &options,
        )?)
    } else {
        None
    };
    let truth = made
        .dataset
        .truth
        .as_ref()
        .map(|beta| beta.iter().zip(&standardized.x_scale).map(|(b, s)| b * s).collect());

    let mut rng = ChaCha8Rng::seed_from_u64(knobs.seed ^ 0x5eed_0f14);
    let normal = Normal::new(0.0, 0.1).expect("a valid normal");
    let initial: Vec<f64> = (0..standardized.x.ncols()).map(|_| normal.sample(&mut rng)).collect();
    let data = TrainData::new(standardized.x, standardized.y, x_val, y_val);
    let lambda_index = lambda_index.min(lambdas.len() - 1);
    let trainers = make_trainers(&initial, lambdas[lambda_index], mix);
    let initial_stats = std::array::from_fn(|m| trainers[m].stats(&data));
    let nnz = path
        .coefs
        .iter()
        .map(|w| w.iter().filter(|v| **v != 0.0).count())
        .collect();
    let peak = |j: usize| path.coefs.iter().fold(0.0f64, |m, w| m.max(w[j].abs()));
    let mut curve_order: Vec<usize> = (0..initial.len()).collect();
    curve_order.sort_by(|&a, &b| peak(b).total_cmp(&peak(a)));
    let view = DataView {
        knobs: knobs.clone(),
        description: made.description,
        feature_names: made.dataset.feature_names.clone(),
        truth,
        n_train: train.len(),
        n_val: validation.len(),
        sigma: made.sigma,
        rho: made.rho,
        lambdas,
        nnz,
        curve_order,
        coefs: path.coefs,
        val_mse,
        cv,
        initial,
        initial_stats,
    };
    Ok(Built {
        data,
        trainers,
        lambda_index,
        view,
    })
}

/// What `build` makes.
struct Built {
    data: TrainData,
    trainers: [Trainer; 4],
    lambda_index: usize,
    view: DataView,
}
