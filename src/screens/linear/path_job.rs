//! The expensive part of new data: each penalized model's exact path on its own grid and the path's
//! cross-validation. On a wide CSV it takes seconds to a minute, so the explorer shows its first frame
//! without it: the engine hands one [`PathJob`] per model to background threads, which report each
//! lambda and each fold and stop between them when the job is cancelled (quit, new data, or for the
//! elastic net a new L1 share). The headless subcommands run the same jobs to completion, so they see
//! exactly the same numbers.

use super::settings::CV_FOLDS;
use super::view::{CvView, PathKey, PathView, Report, Stage};
use crate::data::{Matrix, Standardized};
use crate::fit::{self, CdOptions, CvResult, Path};
use crate::screens::{Job, Sink};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// The data every model's path and cross-validation need, shared by the jobs of one data version.
pub struct PathData {
    /// Training rows, standardized: the path.
    pub standardized: Standardized,
    /// Training rows in the data's units: the CV standardizes each training fold on its own.
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    /// Validation rows on the training rows' scale: the validation error along the path.
    pub x_val: Matrix,
    pub y_val: Vec<f64>,
    /// Every target above is divided by `units.scale`; what is reported is in the target's units.
    pub units: super::units::TargetUnits,
    /// The fold of every training row, or `None` when there are too few rows to cross-validate.
    pub folds: Option<Vec<usize>>,
}

/// One model's exact path and its cross-validation, owned, so the job can run on any thread.
pub struct PathJob {
    /// Which data version, model and L1 share the reports belong to (obsolete ones are ignored).
    pub key: PathKey,
    pub data: Arc<PathData>,
    /// The model's grid for the scaled target.
    pub lambdas: Vec<f64>,
    pub cancel: Arc<AtomicBool>,
}

/// The solver settings of the explorer's path and CV.
fn options() -> CdOptions {
    CdOptions {
        tol: 1e-9,
        ..CdOptions::default()
    }
}

impl PathJob {
    /// The job of `key`'s path on grid `lambdas`, not cancelled.
    pub fn new(key: PathKey, data: Arc<PathData>, lambdas: Vec<f64>) -> Self {
        Self {
            key,
            data,
            lambdas,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Computes the path, then the CV, sending [`Report::Stage`] as it goes, [`Report::Path`] and
    /// [`Report::Cv`] when they are ready. Stops quietly when cancelled or when `sink` says nobody
    /// listens; a failure is reported as [`Report::Error`] followed by [`Stage::Done`].
    pub fn run(self, sink: Sink<Report>) {
        let key = self.key;
        let stage = |stage: Stage| sink(Report::Stage { key, stage });
        let total = self.lambdas.len();
        let data = &*self.data;
        let cancelled = || self.cancel.load(Ordering::Relaxed);
        if cancelled() || !stage(Stage::Path { done: 0, total }) {
            return;
        }
        let mut on_lambda = |done: usize| !cancelled() && stage(Stage::Path { done, total });
        let path = match fit::fit_path_observed(
            &data.standardized,
            &self.lambdas,
            key.l1_ratio,
            &options(),
            &mut on_lambda,
        ) {
            Ok(Some(path)) => path,
            Ok(None) => return,
            Err(e) => {
                sink(Report::Error(format!("the exact path failed: {e}")));
                stage(Stage::Done);
                return;
            }
        };
        let view = self.path_view(path);
        if cancelled()
            || !sink(Report::Path {
                key,
                path: Box::new(view),
            })
        {
            return;
        }
        let cv = match &data.folds {
            None => None,
            Some(folds) => match self.cross_validate(folds, sink) {
                Ok(Some(cv)) => Some(Box::<CvView>::new(data.units.cv(cv))),
                Ok(None) => return,
                Err(e) => {
                    sink(Report::Error(format!("cross-validation failed: {e}")));
                    None
                }
            },
        };
        if !cancelled() {
            sink(Report::Cv { key, cv });
        }
    }

    /// The K-fold CV of the path on the training rows, reporting each finished fold once.
    fn cross_validate(&self, folds: &[usize], sink: Sink<Report>) -> Result<Option<CvResult>, String> {
        let key = self.key;
        let reported = AtomicUsize::new(0);
        sink(Report::Stage {
            key,
            stage: Stage::Cv {
                done: 0,
                total: CV_FOLDS,
            },
        });
        let observer = |done: usize| {
            if self.cancel.load(Ordering::Relaxed) {
                return false;
            }
            // Called between lambdas too: report only a count not reported yet.
            if reported.fetch_max(done, Ordering::Relaxed) >= done {
                return true;
            }
            sink(Report::Stage {
                key,
                stage: Stage::Cv { done, total: CV_FOLDS },
            })
        };
        fit::cross_validate_observed(
            &self.data.train_x,
            &self.data.train_y,
            &self.lambdas,
            key.l1_ratio,
            folds,
            CV_FOLDS,
            &options(),
            &observer,
        )
        .map_err(|e| e.to_string())
    }

    /// Validation errors, nonzero counts and the curves' drawing order of a finished path.
    fn path_view(&self, path: Path) -> PathView {
        let data = &*self.data;
        let val_mse = path
            .coefs
            .iter()
            .map(|w| {
                data.units
                    .squared(2.0 * fit::train::half_mse(&data.x_val, &data.y_val, w))
            })
            .collect();
        let nnz = path
            .coefs
            .iter()
            .map(|w| w.iter().filter(|v| **v != 0.0).count())
            .collect();
        let peak = |j: usize| path.coefs.iter().fold(0.0f64, |m, w| m.max(w[j].abs()));
        let mut curve_order: Vec<usize> = (0..data.standardized.x.ncols()).collect();
        curve_order.sort_by(|&a, &b| peak(b).total_cmp(&peak(a)));
        PathView {
            coefs: path.coefs.iter().map(|w| data.units.values(w)).collect(),
            nnz,
            curve_order,
            val_mse,
        }
    }

    /// Runs the job here, to completion, and returns its reports in order (headless use).
    pub fn run_here(self) -> Vec<Report> {
        self.into_job().run_here()
    }

    /// The job as the engine runs it.
    pub fn into_job(self) -> Job<Report> {
        Job::new(move |sink| self.run(sink))
    }
}
