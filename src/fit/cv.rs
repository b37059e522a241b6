//! K-fold cross-validation along a regularization path, as cv.glmnet does it: each training fold is
//! standardized with its own means and standard deviations, the path is fitted on the full-data lambda
//! grid, and the held-out rows are predicted in the data's own units.

use super::{fit_path_glmnet_observed, CdOptions, FitError};
use crate::data::Standardized;
use crate::linalg::Matrix;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Mean validation error per lambda, its standard error, and the two lambdas people choose.
#[derive(Clone, Debug)]
pub struct CvResult {
    /// Mean over folds of the held-out mean squared error, per lambda.
    pub mean: Vec<f64>,
    /// `std(fold errors, ddof = 1) / sqrt(K)`, per lambda.
    pub se: Vec<f64>,
    /// `fold_mse[f][i]`: the error of fold `f` at lambda `i`.
    pub fold_mse: Vec<Vec<f64>>,
    /// Index of the least mean error (the first, if tied).
    pub i_min: usize,
    /// Index of the *largest* lambda whose mean error is at most `mean[i_min] + se[i_min]`: the simplest
    /// model statistically indistinguishable from the best.
    pub i_1se: usize,
}

/// Cross-validates the path of mix `l1_ratio` over `lambdas` on raw `x`, `y`; `folds[i]` is the fold of
/// row `i`, in `0..k`. Folds run on all available cores; the result does not depend on how many.
pub fn cross_validate(
    x: &Matrix,
    y: &[f64],
    lambdas: &[f64],
    l1_ratio: f64,
    folds: &[usize],
    k: usize,
    options: &CdOptions,
) -> Result<CvResult, FitError> {
    cross_validate_observed(x, y, lambdas, l1_ratio, folds, k, options, &|_| true)?.ok_or(FitError::Stopped {
        what: "cross-validation",
    })
}

// ---- Progress and cancellation hook (the explorer computes CV on a background thread) ----

/// [`cross_validate`] that reports and can be stopped: `observer` receives the number of folds finished
/// so far, after each fold and between the lambdas of every fold (from the fold threads, hence `Sync`),
/// and returns whether to go on. `Ok(None)` when it stopped the computation.
#[allow(clippy::too_many_arguments)] // cross_validate's arguments plus the observer
pub fn cross_validate_observed(
    x: &Matrix,
    y: &[f64],
    lambdas: &[f64],
    l1_ratio: f64,
    folds: &[usize],
    k: usize,
    options: &CdOptions,
    observer: &(dyn Fn(usize) -> bool + Sync),
) -> Result<Option<CvResult>, FitError> {
    check_folds(x.nrows(), folds, k)?;
    let finished = AtomicUsize::new(0);
    let one_fold = |f: usize| -> FoldResult {
        let (train, test) = fold_rows(folds, f);
        let train_y: Vec<f64> = train.iter().map(|&i| y[i]).collect();
        let standardized = Standardized::new(&x.select_rows(&train), &train_y);
        let mut keep_going = |_| observer(finished.load(Ordering::Relaxed));
        let Some(path) = fit_path_glmnet_observed(&standardized, lambdas, l1_ratio, options, &mut keep_going)? else {
            return Ok(None);
        };
        let test_x = x.select_rows(&test);
        let errors = path
            .coefs
            .iter()
            .map(|w| {
                let predicted = standardized.predict(&test_x, w);
                let residuals: Vec<f64> = test.iter().zip(&predicted).map(|(&i, p)| y[i] - p).collect();
                mean_square(&residuals)
            })
            .collect();
        let done = finished.fetch_add(1, Ordering::Relaxed) + 1;
        Ok(observer(done).then_some(errors))
    };
    let fold_mse = run_folds(k, &one_fold)?;
    Ok(fold_mse.map(|fold_mse| summarize(lambdas, fold_mse)))
}

/// The rows fold `f` trains on and the rows it holds out.
pub(crate) fn fold_rows(folds: &[usize], f: usize) -> (Vec<usize>, Vec<usize>) {
    (0..folds.len()).partition(|&i| folds[i] != f)
}

/// `mean(r^2)` computed on `r` divided by a power of two, so that residuals of 1e155 give 1e310 = inf
/// only when the true mean square is beyond f64, and residuals of 1e-170 do not square to zero.
fn mean_square(residuals: &[f64]) -> f64 {
    let c = crate::data::power_of_two_scale(residuals);
    let scaled = residuals.iter().map(|r| (r / c) * (r / c)).sum::<f64>() / residuals.len() as f64;
    scaled * c * c
}

/// Every fold must hold out at least one row and leave at least 3 to train on.
pub(crate) fn check_folds(rows: usize, folds: &[usize], k: usize) -> Result<(), FitError> {
    if k < 2 {
        return Err(FitError::TooFewFolds(k));
    }
    for f in 0..k {
        let held = folds.iter().filter(|&&g| g == f).count();
        if held == 0 || rows - held < 3 {
            let advice = match fold_counts_that_work(rows) {
                Some(range) => format!("K from {} to {} works", range.start(), range.end()),
                None => "too few rows to cross-validate".to_string(),
            };
            return Err(FitError::SmallFold {
                k,
                rows,
                held,
                train: rows - held,
                advice,
            });
        }
    }
    Ok(())
}

/// The fold counts K for which balanced folds of `rows` rows (sizes `rows / K` rounded up or down, as
/// `assign_folds` makes them) each hold out a row and leave at least 3 to train on: `lo..=rows`, since
/// the largest fold, `ceil(rows / K)`, only shrinks as K grows. `None` when no K works (fewer than 4 rows).
pub fn fold_counts_that_work(rows: usize) -> Option<std::ops::RangeInclusive<usize>> {
    let lo = (2..=rows).find(|&k| rows - rows.div_ceil(k) >= 3)?;
    Some(lo..=rows)
}

/// One fold's held-out error per lambda; `Ok(None)` when the observer stopped it.
pub(crate) type FoldResult = Result<Option<Vec<f64>>, FitError>;

/// Runs `one_fold` for folds `0..k` on all available cores, in a fixed assignment of folds to threads;
/// `Ok(None)` when any fold was stopped (a stopped thread skips its remaining folds).
pub(crate) fn run_folds(
    k: usize,
    one_fold: &(dyn Fn(usize) -> FoldResult + Sync),
) -> Result<Option<Vec<Vec<f64>>>, FitError> {
    let workers = std::thread::available_parallelism().map_or(1, |c| c.get()).min(k);
    let mut fold_mse: Vec<Option<FoldResult>> = vec![None; k];
    std::thread::scope(|scope| {
        let chunks: Vec<Vec<usize>> = (0..workers).map(|w| (w..k).step_by(workers).collect()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut results = Vec::new();
                    for f in chunk {
                        let result = one_fold(f);
                        let stop = !matches!(result, Ok(Some(_)));
                        results.push((f, result));
                        if stop {
                            break;
                        }
                    }
                    results
                })
            })
            .collect();
        for handle in handles {
            for (f, result) in handle.join().expect("a cross-validation worker panicked") {
                fold_mse[f] = Some(result);
            }
        }
    });
    let mut complete = Vec::with_capacity(k);
    for result in fold_mse {
        match result {
            Some(Ok(Some(errors))) => complete.push(errors),
            Some(Err(e)) => return Err(e),
            Some(Ok(None)) | None => return Ok(None),
        }
    }
    Ok(Some(complete))
}

/// Mean, standard error, `i_min` and `i_1se` from per-fold errors.
pub fn summarize(lambdas: &[f64], fold_mse: Vec<Vec<f64>>) -> CvResult {
    let k = fold_mse.len() as f64;
    let count = lambdas.len();
    let mean: Vec<f64> = (0..count)
        .map(|i| fold_mse.iter().map(|f| f[i]).sum::<f64>() / k)
        .collect();
    let se: Vec<f64> = (0..count)
        .map(|i| {
            let var = fold_mse.iter().map(|f| (f[i] - mean[i]).powi(2)).sum::<f64>() / (k - 1.0);
            (var / k).sqrt()
        })
        .collect();
    let i_min = (0..count).fold(0, |best, i| if mean[i] < mean[best] { i } else { best });
    let bound = mean[i_min] + se[i_min];
    let i_1se = (0..count)
        .filter(|&i| mean[i] <= bound)
        .fold(i_min, |best, i| if lambdas[i] > lambdas[best] { i } else { best });
    CvResult {
        mean,
        se,
        fold_mse,
        i_min,
        i_1se,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_counts_that_work_leave_three_training_rows_in_every_fold() {
        assert_eq!(fold_counts_that_work(3), None);
        assert_eq!(fold_counts_that_work(4), Some(4..=4));
        assert_eq!(fold_counts_that_work(5), Some(3..=5));
        assert_eq!(fold_counts_that_work(6), Some(2..=6));
        // Each claim checked against the folds themselves.
        for rows in 3..40 {
            for k in 2..=rows {
                let folds = crate::data::assign_folds(rows, k, crate::data::FoldAssignment::Modulo);
                let works = check_folds(rows, &folds, k).is_ok();
                let claimed = fold_counts_that_work(rows).is_some_and(|r| r.contains(&k));
                assert_eq!(works, claimed, "{k} folds of {rows} rows");
            }
        }
    }

    #[test]
    fn folds_that_leave_too_few_training_rows_are_bad_input_naming_the_ks_that_work() {
        // 5 rows in 2 folds: one holds out 3 rows and trains on 2.
        let folds = crate::data::assign_folds(5, 2, crate::data::FoldAssignment::Modulo);
        let error = check_folds(5, &folds, 2).unwrap_err();
        assert!(error.is_bad_input());
        let FitError::SmallFold {
            held, train, advice, ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!((*held, *train), (3, 2));
        assert_eq!(advice, "K from 3 to 5 works");
        assert_eq!(check_folds(5, &[0; 5], 1), Err(FitError::TooFewFolds(1)));
    }

    #[test]
    fn one_standard_error_rule_takes_the_largest_lambda_within_reach() {
        let lambdas = [4.0, 2.0, 1.0, 0.5];
        // Fold errors with the minimum at lambda 1.0 and lambda 2.0 within one standard error of it.
        let folds = vec![
            vec![9.0, 2.7, 3.0, 2.6],
            vec![9.0, 2.8, 2.0, 2.6],
            vec![9.0, 2.6, 2.5, 2.6],
        ];
        let cv = summarize(&lambdas, folds);
        assert_eq!(cv.i_min, 2);
        assert_eq!(
            cv.i_1se, 1,
            "the largest lambda within one se of the minimum, not the smallest"
        );
    }
}
