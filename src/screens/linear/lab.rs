//! The linear screen's lab: the data, the four trainers (unregularized, ridge, lasso, elastic net)
//! trained epoch by epoch from the same initial weights, each until it converges at its setting, and
//! each penalized model's exact path and cross-validation on a grid of its own.
//!
//! New data is made in two parts: the cheap one (data, standardization, grids, trainers) at once, so
//! the explorer can draw and train; the exact paths and their cross-validation as [`PathJob`]s that
//! the engine runs on background threads, reporting as they go, and that new data (or, for the
//! elastic net, a new L1 share) or quitting cancels.

use super::build::{build, source_for};
use super::model::{ModelId, MODELS};
use super::path_job::{PathData, PathJob};
use super::settings::Settings;
use super::source::DataSource;
use super::units::TargetUnits;
use super::view::{EpochReport, PathKey, Report};

pub use super::build::grid;
use crate::fit::train::{TrainData, Trainer};
use crate::screens::Job;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// After a setting changes, training stops after this many epochs even if a model has not converged
/// (gradient descent is slow on wide data at small lambdas); the status then says so.
pub const MAX_SETTLE_EPOCHS: usize = 100_000;

/// The linear screen's trainers and data.
pub struct Lab {
    source: DataSource,
    /// The settings the trainers and data were last made to match.
    settings: Settings,
    data: TrainData,
    trainers: [Trainer; 4],
    /// Each model's grid for the scaled target (the unregularized model's is empty).
    grids: [Vec<f64>; 4],
    /// Each model's lambda for the scaled target (a grid value, or one set headless).
    lambdas: [f64; 4],
    /// The epoch of the last change of setting: training stops `MAX_SETTLE_EPOCHS` after it.
    changed_at: usize,
    /// The data version, counted up by every successful build.
    generation: u64,
    /// What every path job of the current data shares.
    path_data: Arc<PathData>,
    /// Path jobs not yet handed out.
    pending: Vec<PathJob>,
    /// Cancels each model's current path job wherever it runs (set on new data and on drop).
    cancels: [Arc<AtomicBool>; 4],
    /// The trainers and the paths work on the target divided by its spread; reports are in its units.
    units: TargetUnits,
}

impl Lab {
    /// Builds the data from `source` for `settings` and the models, which then train until every one
    /// converges (or the epoch limit). The exact paths and their CV are left pending: run them with
    /// [`Lab::finish_path`] or hand them to threads with [`Lab::take_path_jobs`].
    pub fn new(source: DataSource, settings: Settings) -> Result<(Self, Report), String> {
        let built = build(&source_for(&source, &settings.knobs)?, &settings, 0)?;
        let lab = Lab {
            source,
            settings,
            data: built.data,
            trainers: built.trainers,
            grids: built.grids,
            lambdas: built.lambdas,
            changed_at: 0,
            generation: 0,
            path_data: built.path_data,
            cancels: std::array::from_fn(|m| Arc::clone(&built.jobs_cancel[m])),
            pending: built.jobs,
            units: built.units,
        };
        Ok((lab, Report::Reset(Box::new(built.view))))
    }

    /// The pending path-and-CV jobs (empty when already taken or run).
    pub fn take_path_jobs(&mut self) -> Vec<PathJob> {
        std::mem::take(&mut self.pending)
    }

    /// Runs the pending path-and-CV jobs here, to completion, and returns their reports (headless use).
    pub fn finish_path(&mut self) -> Vec<Report> {
        self.take_path_jobs().into_iter().flat_map(PathJob::run_here).collect()
    }

    pub fn epoch(&self) -> usize {
        self.trainers[0].epoch
    }

    /// The lambda model `model` trains with, in the target's units (0 for the unregularized model).
    pub fn lambda_of(&self, model: ModelId) -> f64 {
        self.units.value(self.lambdas[model as usize])
    }

    /// Sets one exact lambda, in the target's units and off the grids, for every penalized model
    /// (headless training at a chosen strength).
    pub fn set_lambda_value(&mut self, lambda: f64) {
        for model in MODELS.iter().skip(1) {
            self.lambdas[*model as usize] = lambda / self.units.scale;
        }
        self.set_penalties();
    }

    /// Every model's penalty from its lambda and the L1 share; returns which models changed.
    fn set_penalties(&mut self) -> [bool; 4] {
        std::array::from_fn(|m| {
            let trainer = &mut self.trainers[m];
            let before = trainer.penalty;
            trainer.set_penalty(MODELS[m].penalty(self.lambdas[m], self.settings.l1_ratio));
            trainer.penalty != before
        })
    }

    /// New data for `settings`: the models start again; the old data's paths, obsolete, are cancelled
    /// and the new ones left pending. On failure the current data stays.
    fn regenerate(&mut self, settings: &Settings) -> Vec<Report> {
        let built = match source_for(&self.source, &settings.knobs)
            .and_then(|source| build(&source, settings, self.generation + 1))
        {
            Ok(built) => built,
            Err(message) => {
                return vec![Report::Rejected {
                    message,
                    kept: self.settings.knobs.clone(),
                }]
            }
        };
        for cancel in &self.cancels {
            cancel.store(true, Ordering::Relaxed);
        }
        self.cancels = built.jobs_cancel;
        self.pending = built.jobs;
        self.path_data = built.path_data;
        self.generation = built.view.generation;
        self.settings = settings.clone();
        self.data = built.data;
        self.grids = built.grids;
        self.lambdas = built.lambdas;
        self.units = built.units;
        self.trainers = built.trainers;
        self.changed_at = 0;
        vec![Report::Reset(Box::new(built.view))]
    }

    /// A new L1 share: the elastic net gets a new grid (its lambda_max is the lasso's over the share),
    /// and its path and CV are computed again; the old ones are cancelled.
    fn new_l1_ratio(&mut self, l1_ratio: f64) -> Report {
        let en = ModelId::ElasticNet as usize;
        self.cancels[en].store(true, Ordering::Relaxed);
        self.grids[en] = grid(&self.path_data.standardized, l1_ratio);
        let key = PathKey {
            generation: self.generation,
            model: ModelId::ElasticNet,
            l1_ratio,
        };
        let job = PathJob::new(key, Arc::clone(&self.path_data), self.grids[en].clone());
        self.cancels[en] = Arc::clone(&job.cancel);
        self.pending.retain(|j| j.key.model != ModelId::ElasticNet);
        self.pending.push(job);
        Report::Grid {
            key,
            lambdas: self.units.values(&self.grids[en]),
        }
    }

    /// Runs `count` epochs of every model (paused or not), fewer if every model rests before.
    pub fn run_epochs(&mut self, count: usize) -> Report {
        let units = self.units;
        let mut losses: [Vec<_>; 4] = Default::default();
        for _ in 0..count {
            if !self.trainers.iter().any(Trainer::training) {
                break;
            }
            for (m, trainer) in self.trainers.iter_mut().enumerate() {
                losses[m].push(units.losses(trainer.step(&self.data)));
            }
        }
        Report::Epochs(Box::new(EpochReport {
            losses,
            weights: std::array::from_fn(|m| units.values(&self.trainers[m].weights)),
            diverged: std::array::from_fn(|m| self.trainers[m].diverged),
            converged_at: std::array::from_fn(|m| self.trainers[m].converged_at),
        }))
    }

    /// Whether some model still trains and the epoch limit after the last change is not reached.
    fn settling(&self) -> bool {
        self.trainers.iter().any(Trainer::training) && self.epoch() < self.changed_at + MAX_SETTLE_EPOCHS
    }
}

impl crate::screens::Lab for Lab {
    type Settings = Settings;
    type Report = Report;

    /// New knobs make new data; a new position or L1 share retargets the trainers, which warm-start
    /// from where they are and train on until they converge again.
    fn configure(&mut self, settings: &Settings) -> Vec<Report> {
        if settings.knobs != self.settings.knobs {
            return self.regenerate(settings);
        }
        if *settings == self.settings {
            return Vec::new();
        }
        let mut reports = Vec::new();
        if settings.l1_ratio != self.settings.l1_ratio {
            reports.push(self.new_l1_ratio(settings.l1_ratio));
        }
        self.settings = settings.clone();
        for m in 1..MODELS.len() {
            let grid = &self.grids[m];
            self.lambdas[m] = grid[settings.positions[m].min(grid.len() - 1)];
        }
        let changed = self.set_penalties();
        if changed.iter().any(|&c| c) {
            // The epoch limit restarts for every model still training (the view reads it from the
            // last of its `setting_changes`, so the status and the lab agree).
            self.changed_at = self.epoch();
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

    /// While a model settles, the epochs up to the limit after the last change (training stops by
    /// itself as soon as every model rests); none once they all rest.
    fn epochs_wanted(&self) -> usize {
        if self.settling() {
            self.changed_at + MAX_SETTLE_EPOCHS - self.epoch()
        } else {
            0
        }
    }

    /// Gradient descent slows down as it converges: epochs in proportion to those since the last
    /// change, so a loss chart with a logarithmic epoch axis moves at an even pace.
    fn pace(&self) -> usize {
        ((self.epoch() - self.changed_at) / 16).max(1)
    }

    fn take_jobs(&mut self) -> Vec<Job<Report>> {
        self.take_path_jobs().into_iter().map(PathJob::into_job).collect()
    }
}

impl Drop for Lab {
    /// A path job still running for this engine is of no use to anyone: stop it.
    fn drop(&mut self) {
        for cancel in &self.cancels {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}
