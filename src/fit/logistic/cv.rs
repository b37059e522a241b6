//! K-fold cross-validation of the logistic path, as cv.glmnet does for the binomial family: each
//! training fold standardized with its own statistics and fitted on the full data's lambdas, the
//! held-out rows scored by their mean deviance and their misclassification rate.

use super::{logistic_path, softplus, LogisticOptions};
use crate::data::Standardized;
use crate::fit::cv::{check_folds, fold_rows, run_folds, summarize, CvResult, FoldResult};
use crate::fit::FitError;
use crate::linalg::Matrix;

/// Both measures along the lambdas every fold reached.
#[derive(Clone, Debug)]
pub struct BinomialCv {
    /// How many of the lambdas (from the first) every fold's path reached: a fold whose classes are
    /// separable stops its path early, and the curves end where the first fold stopped, as cv.glmnet's
    /// do.
    pub lambdas: usize,
    /// Held-out deviance per row, `-2 [y log p + (1 - y) log(1 - p)]`, averaged per fold.
    pub deviance: CvResult,
    /// Held-out share of rows on the wrong side of p = 1/2.
    pub misclassification: CvResult,
}

/// Cross-validates the path of mix `l1_ratio` over `lambdas` on raw `x` and 0/1 labels `y`; `folds[i]`
/// is the fold of row `i`, in `0..k`. Folds run on all cores; the result does not depend on how many.
pub fn cross_validate_binomial(
    x: &Matrix,
    y: &[f64],
    lambdas: &[f64],
    l1_ratio: f64,
    folds: &[usize],
    k: usize,
    options: &LogisticOptions,
) -> Result<BinomialCv, FitError> {
    check_folds(x.nrows(), folds, k)?;
    let one_fold = |f: usize| -> FoldResult {
        let (train, test) = fold_rows(folds, f);
        let train_y: Vec<f64> = train.iter().map(|&i| y[i]).collect();
        if !(train_y.contains(&0.0) && train_y.contains(&1.0)) {
            return Err(FitError::OneClassFold {
                fold: f + 1,
                k,
                class: train_y[0],
                rows: train_y.len(),
            });
        }
        let standardized = Standardized::new(&x.select_rows(&train), &train_y);
        let path = logistic_path(&standardized.x, &train_y, lambdas, l1_ratio, options)?;
        let (test_x, _) = standardized.transform(&x.select_rows(&test), &[]);
        let test_y: Vec<f64> = test.iter().map(|&i| y[i]).collect();
        // Deviances first, then the errors, one per lambda the fold reached.
        let mut scores: Vec<f64> = Vec::with_capacity(2 * path.lambdas.len());
        let mut errors = Vec::with_capacity(path.lambdas.len());
        for (b, w) in path.intercepts.iter().zip(&path.coefs) {
            let eta: Vec<f64> = test_x.mul_vec(w).iter().map(|v| v + b).collect();
            let n = test_y.len() as f64;
            scores.push(2.0 * eta.iter().zip(&test_y).map(|(&e, &t)| softplus(e) - t * e).sum::<f64>() / n);
            let wrong = eta
                .iter()
                .zip(&test_y)
                .filter(|(&e, &t)| (e > 0.0) != (t == 1.0))
                .count();
            errors.push(wrong as f64 / n);
        }
        scores.extend(errors);
        Ok(Some(scores))
    };
    let folds_scores = run_folds(k, &one_fold)?.ok_or(FitError::Stopped {
        what: "cross-validation",
    })?;
    let reached = folds_scores.iter().map(|s| s.len() / 2).min().unwrap_or(0);
    let split = |second: bool| -> Vec<Vec<f64>> {
        folds_scores
            .iter()
            .map(|s| {
                let half = s.len() / 2;
                let start = if second { half } else { 0 };
                s[start..start + reached].to_vec()
            })
            .collect()
    };
    let used = &lambdas[..reached];
    Ok(BinomialCv {
        lambdas: reached,
        deviance: summarize(used, split(false)),
        misclassification: summarize(used, split(true)),
    })
}
