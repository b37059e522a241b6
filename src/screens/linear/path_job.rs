//! The expensive part of new data: the exact lasso path and its cross-validation. On a wide CSV it takes
//! seconds to a minute, so the explorer shows its first frame without it: the engine hands a
//! [`PathJob`] to a background thread, which reports each lambda and each fold and stops between them
//! when the job is cancelled (quit, or new data that makes it obsolete). The headless subcommands run
//! the same job on their own thread to completion, so they see exactly the same numbers.

use super::settings::CV_FOLDS;
use super::view::{CvView, PathView, Report, Stage};
use crate::data::{Matrix, Standardized};
use crate::fit::{self, CdOptions, CvResult, Path};
use crate::screens::{Job, Sink};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// Everything the path and its cross-validation need, owned, so the job can run on any thread.
pub struct PathJob {
    /// The data version the reports belong to (reports of an obsolete version are ignored).
    pub generation: u64,
    /// Training rows, standardized: the path.
    pub standardized: Standardized,
    /// Training rows in the data's units: the CV standardizes each training fold on its own.
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    /// Validation rows on the training rows' scale: the validation error along the path.
    pub x_val: Matrix,
    pub y_val: Vec<f64>,
    /// The grid for the scaled target.
    pub lambdas: Vec<f64>,
    /// Every target above is divided by `units.scale`; what is reported is in the target's units.
    pub units: super::units::TargetUnits,
    /// The fold of every training row, or `None` when there are too few rows to cross-validate.
    pub folds: Option<Vec<usize>>,
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
    /// Computes the path, then the CV, sending [`Report::Stage`] as it goes, [`Report::Path`] and
    /// [`Report::Cv`] when they are ready. Stops quietly when cancelled or when `sink` says nobody
    /// listens; a failure is reported as [`Report::Error`] followed by [`Stage::Done`].
    pub fn run(self, sink: Sink<Report>) {
        let generation = self.generation;
        let stage = |stage: Stage| sink(Report::Stage { generation, stage });
        let total = self.lambdas.len();
        let cancelled = || self.cancel.load(Ordering::Relaxed);
        if cancelled() || !stage(Stage::Path { done: 0, total }) {
            return;
        }
        let mut on_lambda = |done: usize| !cancelled() && stage(Stage::Path { done, total });
        let path = match fit::fit_path_observed(&self.standardized, &self.lambdas, 1.0, &options(), &mut on_lambda) {
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
                generation,
                path: Box::new(view),
            })
        {
            return;
        }
        let cv = match &self.folds {
            None => None,
            Some(folds) => match self.cross_validate(folds, sink) {
                Ok(Some(cv)) => Some(Box::<CvView>::new(self.units.cv(cv))),
                Ok(None) => return,
                Err(e) => {
                    sink(Report::Error(format!("cross-validation failed: {e}")));
                    None
                }
            },
        };
        if !cancelled() {
            sink(Report::Cv { generation, cv });
        }
    }

    /// The K-fold CV of the path on the training rows, reporting each finished fold once.
    fn cross_validate(&self, folds: &[usize], sink: Sink<Report>) -> Result<Option<CvResult>, String> {
        let generation = self.generation;
        let reported = AtomicUsize::new(0);
        sink(Report::Stage {
            generation,
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
                generation,
                stage: Stage::Cv { done, total: CV_FOLDS },
            })
        };
        fit::cross_validate_observed(
            &self.train_x,
            &self.train_y,
            &self.lambdas,
            1.0,
            folds,
            CV_FOLDS,
            &options(),
            &observer,
        )
        .map_err(|e| e.to_string())
    }

    /// Validation errors, nonzero counts and the curves' drawing order of a finished path.
    fn path_view(&self, path: Path) -> PathView {
        let val_mse = path
            .coefs
            .iter()
            .map(|w| {
                self.units
                    .squared(2.0 * fit::train::half_mse(&self.x_val, &self.y_val, w))
            })
            .collect();
        let nnz = path
            .coefs
            .iter()
            .map(|w| w.iter().filter(|v| **v != 0.0).count())
            .collect();
        let peak = |j: usize| path.coefs.iter().fold(0.0f64, |m, w| m.max(w[j].abs()));
        let mut curve_order: Vec<usize> = (0..self.standardized.x.ncols()).collect();
        curve_order.sort_by(|&a, &b| peak(b).total_cmp(&peak(a)));
        PathView {
            coefs: path.coefs.iter().map(|w| self.units.values(w)).collect(),
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
