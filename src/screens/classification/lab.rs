//! The classification lab: the data, the four logistic models (unregularized, ridge, lasso, elastic
//! net) trained epoch by epoch from the same start, each until it converges at its setting, and each
//! penalized model's exact path on a grid of its own with its cross-validation.
//!
//! The paths are computed when data is made, on the engine's thread rather than as background jobs:
//! the presets are small (80 x 50), and building a `classify-sparse` lab, its three paths with 5-fold
//! CV included, takes about 0.15 s on two cores (15 ms for `classify-2d`), measured over ten seeds.

use super::model::{ModelId, MODELS};
use super::settings::{Settings, CV_FOLDS, GRID_SIZE, MAX_SETTLE_EPOCHS};
use super::view::{CvCurve, DataView, EpochReport, ModelState, PathView, Points, Report, Reset};
use crate::data::classes::{class_data, ClassData};
use crate::data::{assign_folds, FoldAssignment, Standardized};
use crate::fit::cv::CvResult;
use crate::fit::log_grid;
use crate::fit::logistic::train::{score, LogisticTrainer};
use crate::fit::logistic::{cross_validate_binomial, lambda_max, logistic_path, LogisticOptions};

/// How many decades further down ridge's grid runs than glmnet's (see [`Lab::grid`]).
pub const RIDGE_EXTRA_DECADES: i32 = 3;
use crate::fit::train::TrainData;

/// The classification screen's data and trainers.
pub struct Lab {
    /// The settings the trainers and data were last made to match.
    settings: Settings,
    /// The training rows in the data's units (the CV standardizes each fold on its own).
    raw: ClassData,
    data: TrainData,
    trainers: [LogisticTrainer; 4],
    grids: [Vec<f64>; 4],
    /// Each model's epoch of the last change of its setting: it stops `MAX_SETTLE_EPOCHS` after it, so
    /// moving one model's lambda gives the others no more epochs.
    changed_at: [usize; 4],
    generation: u64,
}

/// The L1 share of model `model`'s penalty.
fn l1_ratio_of(model: ModelId, settings: &Settings) -> f64 {
    match model {
        ModelId::Unregularized | ModelId::Ridge => 0.0,
        ModelId::Lasso => 1.0,
        ModelId::ElasticNet => settings.l1_ratio,
    }
}

impl Lab {
    /// The data and models for `settings`, and the report that draws them.
    pub fn new(settings: &Settings, generation: u64) -> (Self, Report) {
        let raw = class_data(settings.preset, settings.seed);
        let standardized = Standardized::new(&raw.x_train, &raw.y_train);
        let (x_val, _) = standardized.transform(&raw.x_val, &[]);
        let data = TrainData::new(standardized.x.clone(), raw.y_train.clone(), x_val, raw.y_val.clone());
        let mut lab = Lab {
            settings: settings.clone(),
            trainers: std::array::from_fn(|_| {
                LogisticTrainer::new(0.0, Vec::new(), crate::fit::train::PenaltySpec::NONE)
            }),
            grids: Default::default(),
            changed_at: [0; 4],
            generation,
            raw,
            data,
        };
        for (m, &model) in MODELS.iter().enumerate().skip(1) {
            lab.grids[m] = lab.grid(l1_ratio_of(model, settings));
        }
        let paths = std::array::from_fn(|m| {
            let model = MODELS[m];
            (model != ModelId::Unregularized).then(|| lab.path(&lab.grids[m], l1_ratio_of(model, settings)))
        });
        let mean = lab.data.y_train.iter().sum::<f64>() / lab.data.y_train.len() as f64;
        // Every model starts from the null model: weights 0, the intercept at the labels' log-odds.
        let intercept = (mean / (1.0 - mean)).ln();
        lab.trainers = std::array::from_fn(|m| {
            let p = lab.data.p();
            LogisticTrainer::new(intercept, vec![0.0; p], lab.penalty(m))
        });
        let models = std::array::from_fn(|m| ModelState {
            history: vec![lab.trainers[m].stats(&lab.data)],
            intercept,
            weights: lab.trainers[m].weights.clone(),
            converged_at: None,
            diverged: false,
            since: 0,
        });
        let view = DataView {
            generation,
            preset: settings.preset,
            seed: settings.seed,
            feature_names: lab.raw.feature_names.clone(),
            truth: lab
                .raw
                .truth
                .iter()
                .zip(&standardized.x_scale)
                .map(|(b, s)| b * s)
                .collect(),
            truth_intercept: lab.raw.truth.iter().zip(&standardized.x_mean).map(|(b, m)| b * m).sum(),
            n_train: lab.data.y_train.len(),
            n_val: lab.data.y_val.len(),
            share_of_ones: mean,
            grids: lab.grids.clone(),
            paths,
            points: (lab.data.p() == 2).then(|| points(&lab.data)),
        };
        let reset = Reset { data: view, models };
        (lab, Report::Reset(Box::new(reset)))
    }

    pub fn epoch(&self) -> usize {
        self.trainers[0].epoch
    }

    /// glmnet's grid for L1 share `l1_ratio` on the training rows, except that ridge's runs
    /// [`RIDGE_EXTRA_DECADES`] further down. glmnet starts ridge's grid at the lambda_max of an L1
    /// share of 0.001, a thousand times the lasso's, and ends it at the same ratio of that, so ridge's
    /// grid would stop a thousand times above the lasso's smallest lambda and its CV minimum would
    /// sit on the grid's end (measured on classify-sparse): the comparison would not be fair.
    fn grid(&self, l1_ratio: f64) -> Vec<f64> {
        let (x, y) = (&self.data.x_train, &self.data.y_train);
        let ratio = if x.ncols() > x.nrows() { 1e-2 } else { 1e-4 };
        let extra = if l1_ratio == 0.0 {
            10f64.powi(-RIDGE_EXTRA_DECADES)
        } else {
            1.0
        };
        log_grid(lambda_max(x, y, l1_ratio), ratio * extra, GRID_SIZE)
    }

    /// Model `m`'s penalty at its grid position.
    fn penalty(&self, m: usize) -> crate::fit::train::PenaltySpec {
        let grid = &self.grids[m];
        let lambda = grid
            .get(self.settings.positions[m].min(grid.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0);
        MODELS[m].penalty(lambda, self.settings.l1_ratio)
    }

    /// The exact path on `grid` with its validation scores and its K-fold CV.
    fn path(&self, grid: &[f64], l1_ratio: f64) -> PathView {
        let options = LogisticOptions::default();
        let y = &self.data.y_train;
        let path = match logistic_path(&self.data.x_train, y, grid, l1_ratio, &options) {
            Ok(path) => path,
            Err(e) => return PathView::failed(l1_ratio, e.to_string()),
        };
        let (val_loss, val_accuracy) = path
            .intercepts
            .iter()
            .zip(&path.coefs)
            .map(|(&b, w)| score(&self.data.x_val, &self.data.y_val, b, w))
            .unzip();
        let folds = assign_folds(
            y.len(),
            CV_FOLDS,
            FoldAssignment::Shuffled {
                seed: self.settings.seed,
            },
        );
        let cv = cross_validate_binomial(&self.raw.x_train, y, grid, l1_ratio, &folds, CV_FOLDS, &options)
            .map(|cv| (curve(cv.deviance), curve(cv.misclassification)))
            .map_err(|e| e.to_string());
        PathView {
            l1_ratio,
            stopped_early: path.stopped_early(),
            coefs: path.coefs,
            val_loss,
            val_accuracy,
            cv,
            folds: CV_FOLDS,
        }
    }

    /// Every model's penalty from the settings; returns which models changed.
    fn set_penalties(&mut self) -> [bool; 4] {
        std::array::from_fn(|m| {
            let penalty = self.penalty(m);
            let trainer = &mut self.trainers[m];
            let before = trainer.penalty;
            trainer.set_penalty(penalty);
            trainer.penalty != before
        })
    }

    /// Runs `count` epochs of every model, fewer if every model rests before.
    pub fn run_epochs(&mut self, count: usize) -> Report {
        let mut epochs: [Vec<_>; 4] = Default::default();
        for _ in 0..count {
            if !self.settling() {
                break;
            }
            for (m, trainer) in self.trainers.iter_mut().enumerate() {
                let stats = if trainer.epoch < self.changed_at[m] + MAX_SETTLE_EPOCHS {
                    trainer.step(&self.data)
                } else {
                    trainer.rest(&self.data)
                };
                epochs[m].push(stats);
            }
        }
        Report::Epochs(Box::new(EpochReport {
            epochs,
            intercepts: std::array::from_fn(|m| self.trainers[m].intercept),
            weights: std::array::from_fn(|m| self.trainers[m].weights.clone()),
            converged_at: std::array::from_fn(|m| self.trainers[m].converged_at),
            diverged: std::array::from_fn(|m| self.trainers[m].diverged),
        }))
    }

    fn settling(&self) -> bool {
        self.epochs_left() > 0
    }

    /// The most epochs any model still trains before it converges or reaches its limit.
    fn epochs_left(&self) -> usize {
        let epoch = self.epoch();
        (0..MODELS.len())
            .filter(|&m| self.trainers[m].training())
            .map(|m| (self.changed_at[m] + MAX_SETTLE_EPOCHS).saturating_sub(epoch))
            .max()
            .unwrap_or(0)
    }
}

impl PathView {
    /// No path: why.
    fn failed(l1_ratio: f64, message: String) -> Self {
        PathView {
            l1_ratio,
            coefs: Vec::new(),
            val_loss: Vec::new(),
            val_accuracy: Vec::new(),
            stopped_early: false,
            cv: Err(message),
            folds: CV_FOLDS,
        }
    }
}

fn curve(result: CvResult) -> CvCurve {
    CvCurve {
        mean: result.mean,
        se: result.se,
        i_min: result.i_min,
        i_1se: result.i_1se,
    }
}

/// The rows of a two-feature dataset as points with their class.
fn points(data: &TrainData) -> Points {
    let rows =
        |x: &crate::linalg::Matrix, y: &[f64]| (0..y.len()).map(|i| (x.col(0)[i], x.col(1)[i], y[i] > 0.5)).collect();
    Points {
        train: rows(&data.x_train, &data.y_train),
        val: rows(&data.x_val, &data.y_val),
    }
}

impl crate::screens::Lab for Lab {
    type Settings = Settings;
    type Report = Report;

    /// A new preset or seed makes new data; a new L1 share gives the elastic net a new grid and path;
    /// a new position retargets the trainers, which warm-start from where they are.
    fn configure(&mut self, settings: &Settings) -> Vec<Report> {
        if (settings.preset, settings.seed) != (self.settings.preset, self.settings.seed) {
            let (lab, reset) = Lab::new(settings, self.generation + 1);
            *self = lab;
            return vec![reset];
        }
        if *settings == self.settings {
            return Vec::new();
        }
        let mut reports = Vec::new();
        if settings.l1_ratio != self.settings.l1_ratio {
            let en = ModelId::ElasticNet as usize;
            self.grids[en] = self.grid(settings.l1_ratio);
            reports.push(Report::Path {
                generation: self.generation,
                model: ModelId::ElasticNet,
                grid: self.grids[en].clone(),
                path: Box::new(self.path(&self.grids[en], settings.l1_ratio)),
            });
        }
        self.settings = settings.clone();
        let changed = self.set_penalties();
        if changed.iter().any(|&c| c) {
            let epoch = self.epoch();
            for (m, _) in changed.iter().enumerate().filter(|(_, &c)| c) {
                self.changed_at[m] = epoch;
            }
            reports.push(Report::Retarget {
                epoch: self.epoch(),
                changed,
            });
        }
        reports
    }

    fn advance(&mut self, epochs: usize) -> Report {
        self.run_epochs(epochs)
    }

    fn epochs_wanted(&self) -> usize {
        self.epochs_left()
    }

    /// Gradient descent slows down as it converges: epochs in proportion to those since the last
    /// change, so a chart with a logarithmic epoch axis moves at an even pace.
    fn pace(&self) -> usize {
        let latest = self.changed_at.iter().copied().max().unwrap_or(0);
        ((self.epoch() - latest) / 16).max(1)
    }
}
