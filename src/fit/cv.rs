//! K-fold cross-validation along a regularization path, as cv.glmnet does it: each training fold is
//! standardized with its own means and standard deviations, the path is fitted on the full-data lambda
//! grid, and the held-out rows are predicted in the data's own units.

use super::{fit_path, CdOptions};
use crate::data::{Matrix, Standardized};

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
) -> Result<CvResult, String> {
    if k < 2 {
        return Err(format!("cross-validation needs at least 2 folds, got {k}"));
    }
    for f in 0..k {
        let held = folds.iter().filter(|&&g| g == f).count();
        if held == 0 || x.nrows() - held < 3 {
            return Err(format!(
                "{k} folds of {} rows leave a fold with {held} held-out rows; use fewer folds",
                x.nrows()
            ));
        }
    }
    let one_fold = |f: usize| -> Result<Vec<f64>, String> {
        let train: Vec<usize> = (0..x.nrows()).filter(|&i| folds[i] != f).collect();
        let test: Vec<usize> = (0..x.nrows()).filter(|&i| folds[i] == f).collect();
        let train_y: Vec<f64> = train.iter().map(|&i| y[i]).collect();
        let standardized = Standardized::new(&x.select_rows(&train), &train_y);
        let path = fit_path(&standardized, lambdas, l1_ratio, options)?;
        let test_x = x.select_rows(&test);
        Ok(path
            .coefs
            .iter()
            .map(|w| {
                let predicted = standardized.predict(&test_x, w);
                test.iter()
                    .zip(&predicted)
                    .map(|(&i, p)| (y[i] - p).powi(2))
                    .sum::<f64>()
                    / test.len() as f64
            })
            .collect())
    };
    let workers = std::thread::available_parallelism().map_or(1, |c| c.get()).min(k);
    let mut fold_mse: Vec<Option<Result<Vec<f64>, String>>> = vec![None; k];
    std::thread::scope(|scope| {
        let chunks: Vec<Vec<usize>> = (0..workers).map(|w| (w..k).step_by(workers).collect()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(|f| (f, one_fold(f))).collect::<Vec<_>>()))
            .collect();
        for handle in handles {
            for (f, result) in handle.join().expect("a cross-validation worker panicked") {
                fold_mse[f] = Some(result);
            }
        }
    });
    let fold_mse: Vec<Vec<f64>> = fold_mse
        .into_iter()
        .map(|r| r.expect("every fold ran"))
        .collect::<Result<_, _>>()?;
    Ok(summarize(lambdas, fold_mse))
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
