//! `regscope path --family binomial`: the penalized logistic path ([`crate::fit::logistic`]) on a CSV
//! whose target holds two classes.

use super::files::read_lambdas;
use super::{num, output, PathArgs, Scale, DEFAULT_LAMBDA_MIN_RATIO};
use crate::cli::CliError;
use crate::data::{assign_folds, load_csv, Dataset, FoldAssignment, Standardized};
use crate::fit::logistic::{self, BinomialCv, LogisticOptions, LogisticPath};
use crate::fit::{CdOptions, UpdateRule};
use std::io::Write;
use std::path::Path as FilePath;
use std::time::Instant;

/// Fits the logistic path, writes `lambda,intercept,<features>` rows, and returns the lines for stderr.
pub(super) fn run(args: &PathArgs, l1_ratio: f64) -> Result<Vec<String>, CliError> {
    refuse_unsupported(args)?;
    args.check_settings()?;
    let explicit = args.lambdas.as_deref().map(read_lambdas).transpose()?;
    let data = load_csv(&args.data, args.target.as_deref())?;
    if let Some(k) = args.cv {
        super::check_fold_count(k, data.n())?;
    }
    let (labels, classes) = two_classes(&data, &args.data)?;
    let started = Instant::now();
    let standardized = Standardized::new(&data.x, &labels);
    let x = &standardized.x;
    let lambdas = match explicit {
        Some(lambdas) => lambdas,
        None if args.lambda_min_ratio != DEFAULT_LAMBDA_MIN_RATIO => crate::fit::log_grid(
            logistic::lambda_max(x, &labels, l1_ratio),
            args.lambda_min_ratio,
            args.n_lambdas,
        ),
        None => logistic::default_grid(x, &labels, l1_ratio, args.n_lambdas),
    };
    let options = LogisticOptions {
        tol: args.tol,
        ..LogisticOptions::default()
    };
    let path = logistic::logistic_path(x, &labels, &lambdas, l1_ratio, &options)
        .map_err(|e| CliError::input(e.to_string()))?;
    let seconds = started.elapsed().as_secs_f64();
    let cv = match args.cv {
        Some(k) => Some(cross_validate(args, &data, &labels, &path, k, &options)?),
        None => None,
    };
    let rows = coefficient_rows(&path, &standardized, args.scale, &data.feature_names)?;
    if let Some(stats) = &args.stats {
        output::write_to(stats, |out| write_stats(out, &path, options.tol))?;
    }
    output::write_to(&args.out, |out| {
        write_path(out, &data.feature_names, &path, &rows, cv.as_ref())
    })?;
    let mut messages = Vec::new();
    if let Some((zero, one)) = classes {
        messages.push(format!(
            "regscope path: classes: 0 = {zero}, 1 = {one} (in sorted order)"
        ));
    }
    if path.stopped_early() {
        messages.push(format!(
            "regscope path: the classes are nearly separable: the path stops after lambda {} of {} ({}), \
             where the model explains more than {} of the deviance (as glmnet does)",
            path.lambdas.len(),
            path.requested,
            num(*path.lambdas.last().unwrap_or(&0.0)),
            logistic::SEPARATION_DEVIANCE_RATIO
        ));
    }
    if let Some(i) = path.kkt.iter().position(|&k| k > args.tol) {
        messages.push(format!(
            "regscope path: warning: lambda number {} ({}) stopped at a relative KKT residual of {:.2e}, above --tol",
            i + 1,
            num(path.lambdas[i]),
            path.kkt[i]
        ));
    }
    messages.push(summary(&data, &path, seconds, cv.as_ref()));
    Ok(messages)
}

/// The options of the gaussian path that the binomial one does not have yet, refused rather than
/// ignored.
fn refuse_unsupported(args: &PathArgs) -> Result<(), CliError> {
    let unsupported = [
        (args.max_sweeps != CdOptions::default().max_sweeps, "--max-sweeps"),
        (args.rule != UpdateRule::Auto, "--rule"),
    ];
    match unsupported.iter().find(|(given, _)| *given) {
        Some((_, flag)) => Err(CliError::input(format!(
            "{flag} does not work with --family binomial yet"
        ))),
        None => Ok(()),
    }
}

/// The original values of classes 0 and 1, when they were not 0 and 1.
type ClassNames = (String, String);

/// The target as 0/1 labels: 0 and 1 as they are; two other distinct values mapped in sorted order
/// (returned, to be reported); anything else refused with the file, line and column of the first
/// value of a third class.
fn two_classes(data: &Dataset, file: &FilePath) -> Result<(Vec<f64>, Option<ClassNames>), CliError> {
    let mut seen: Vec<f64> = Vec::new();
    for (i, &v) in data.y.iter().enumerate() {
        if seen.contains(&v) {
            continue;
        }
        if seen.len() == 2 {
            let (line, column) = locate(file, i, &data.target_name);
            return Err(CliError::input(format!(
                "{}, line {line}, column {column} ({:?}): the target {} is a third class (after {} and {}); \
                 --family binomial needs two",
                file.display(),
                data.target_name,
                num(v),
                num(seen[0]),
                num(seen[1])
            )));
        }
        seen.push(v);
    }
    if seen.len() < 2 {
        return Err(CliError::input(format!(
            "{}, column {:?}: every target is {}; --family binomial needs two classes",
            file.display(),
            data.target_name,
            num(seen.first().copied().unwrap_or(f64::NAN))
        )));
    }
    seen.sort_by(f64::total_cmp);
    let labels = data.y.iter().map(|&v| if v == seen[1] { 1.0 } else { 0.0 }).collect();
    let named = (seen != [0.0, 1.0]).then(|| (num(seen[0]), num(seen[1])));
    Ok((labels, named))
}

/// K-fold cross-validation of the path's lambdas, folds as for the gaussian path.
fn cross_validate(
    args: &PathArgs,
    data: &Dataset,
    labels: &[f64],
    path: &LogisticPath,
    k: usize,
    options: &LogisticOptions,
) -> Result<BinomialCv, CliError> {
    let how = if args.folds_mod {
        FoldAssignment::Modulo
    } else {
        FoldAssignment::Shuffled { seed: args.seed }
    };
    let folds = assign_folds(data.n(), k, how);
    logistic::cross_validate_binomial(&data.x, labels, &path.lambdas, path.l1_ratio, &folds, k, options)
        .map_err(|e| CliError::input(e.to_string()))
}

/// The file's line of data row `row` (from 0; blank lines are skipped as the reader skips them) and
/// the column (from 1) named `name`; `?` where the file cannot be read again.
fn locate(file: &FilePath, row: usize, name: &str) -> (String, String) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return ("?".into(), "?".into());
    };
    let mut lines = text.trim_start_matches('\u{feff}').lines().enumerate();
    let header = lines.next().map_or("", |(_, l)| l);
    let column = header
        .split(',')
        .position(|cell| cell.trim().trim_matches('"') == name)
        .map_or("?".into(), |c| (c + 1).to_string());
    let line = lines
        .filter(|(_, l)| !l.trim().is_empty())
        .nth(row)
        .map_or("?".into(), |(i, _)| (i + 1).to_string());
    (line, column)
}

/// Each lambda's intercept and coefficients in the units asked for: as solved on the standardized
/// features, or in the data's own (`beta_j = w_j / sd_j`, intercept `b - sum_j beta_j mean_j`, so the
/// linear predictor of a raw row is unchanged); a value beyond f64 is refused, not written as inf.
fn coefficient_rows(
    path: &LogisticPath,
    standardized: &Standardized,
    scale: Scale,
    names: &[String],
) -> Result<Vec<Vec<f64>>, CliError> {
    let mut rows = Vec::with_capacity(path.coefs.len());
    for (b, w) in path.intercepts.iter().zip(&path.coefs) {
        let row: Vec<f64> = match scale {
            Scale::Standardized => std::iter::once(*b).chain(w.iter().copied()).collect(),
            Scale::Original => {
                let (shifted, beta) = standardized.to_original(w);
                // to_original's intercept is the target's mean minus sum_j beta_j mean_j.
                std::iter::once(shifted - standardized.y_mean + b).chain(beta).collect()
            }
        };
        if let Some(j) = (1..row.len()).chain(0..1).find(|&j| !row[j].is_finite()) {
            let what = if j == 0 {
                "the intercept".to_string()
            } else {
                format!("the coefficient of {}", names[j - 1])
            };
            return Err(CliError::input(format!(
                "--scale original: {what} is beyond the range of a double (a column's spread is too extreme to \
                 express in the data's units); use --scale standardized or rescale the column"
            )));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// `lambda,newton_steps,rel_kkt,converged,nonzeros,deviance_ratio` per lambda (`converged`: the
/// relative KKT residual reached `tol`).
fn write_stats(out: &mut dyn Write, path: &LogisticPath, tol: f64) -> std::io::Result<()> {
    writeln!(out, "lambda,newton_steps,rel_kkt,converged,nonzeros,deviance_ratio")?;
    for i in 0..path.lambdas.len() {
        let nonzeros = path.coefs[i].iter().filter(|&&v| v != 0.0).count();
        writeln!(
            out,
            "{:?},{},{:?},{},{nonzeros},{:?}",
            path.lambdas[i],
            path.newton_steps[i],
            path.kkt[i],
            path.kkt[i] <= tol,
            path.deviance_ratio[i]
        )?;
    }
    Ok(())
}

/// `lambda,intercept,<features>`: coefficients on the standardized features, the intercept with them;
/// with `--cv`, then `cv_deviance,cv_deviance_se,cv_error,cv_error_se` (empty past the lambdas every
/// fold reached).
fn write_path(
    out: &mut dyn Write,
    names: &[String],
    path: &LogisticPath,
    rows: &[Vec<f64>],
    cv: Option<&BinomialCv>,
) -> std::io::Result<()> {
    let extra = if cv.is_some() {
        ",cv_deviance,cv_deviance_se,cv_error,cv_error_se"
    } else {
        ""
    };
    writeln!(out, "lambda,intercept,{}{extra}", names.join(","))?;
    for (i, (lambda, row)) in path.lambdas.iter().zip(rows).enumerate() {
        let values: Vec<String> = row.iter().map(|v| format!("{v:?}")).collect();
        write!(out, "{lambda:?},{}", values.join(","))?;
        match cv {
            Some(cv) if i < cv.lambdas => {
                let (d, e) = (&cv.deviance, &cv.misclassification);
                writeln!(out, ",{:?},{:?},{:?},{:?}", d.mean[i], d.se[i], e.mean[i], e.se[i])?
            }
            Some(_) => writeln!(out, ",,,,")?,
            None => writeln!(out)?,
        }
    }
    Ok(())
}

/// The one-line summary for stderr; with `--cv`, lambda_min and lambda_1se by deviance (cv.glmnet's
/// default measure) and the misclassification rate at each.
fn summary(data: &Dataset, path: &LogisticPath, seconds: f64, cv: Option<&BinomialCv>) -> String {
    let nonzeros = path.coefs.last().map_or(0, |w| w.iter().filter(|&&v| v != 0.0).count());
    let cv = cv.map_or(String::new(), |cv| {
        let (d, e) = (&cv.deviance, &cv.misclassification);
        format!(
            " lambda_min={:?} (row {}, deviance {:.4}, error {:.4}) lambda_1se={:?} (row {}, deviance {:.4}, error {:.4})",
            path.lambdas[d.i_min],
            d.i_min + 1,
            d.mean[d.i_min],
            e.mean[d.i_min],
            path.lambdas[d.i_1se],
            d.i_1se + 1,
            d.mean[d.i_1se],
            e.mean[d.i_1se]
        )
    });
    format!(
        "regscope path: family=binomial n={} p={} lambdas={}/{} l1_ratio={:?} nonzeros_at_smallest_lambda={} \
         deviance_explained={:.4} max_rel_kkt={:.2e} solve_s={:.4}{cv}",
        data.n(),
        data.p(),
        path.lambdas.len(),
        path.requested,
        path.l1_ratio,
        nonzeros,
        path.deviance_ratio.last().copied().unwrap_or(0.0),
        path.max_kkt(),
        seconds
    )
}
