//! What `regscope path` reads besides the data (a `--lambdas` file) and writes (the coefficient table
//! and `--stats`), and the checks that refuse numbers no double can hold before anything is written.

use super::Scale;
use crate::cli::{CliError, MAX_LAMBDAS};
use crate::data::{push_number, Standardized};
use crate::fit::{CvResult, Path};
use std::path::Path as FilePath;

/// Reads one lambda per line (blank lines and `#` comments skipped); each must be positive and finite.
pub fn read_lambdas(path: &FilePath) -> Result<Vec<f64>, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::input(format!("{}: cannot read: {e}", path.display())))?;
    // A byte-order mark is not part of the first number (the data CSV's is dropped the same way).
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lambdas = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let cell = line.trim();
        if cell.is_empty() || cell.starts_with('#') {
            continue;
        }
        let value: f64 = cell.parse().map_err(|_| {
            CliError::input(format!(
                "{}, line {}, column 1: {cell:?} is not a number",
                path.display(),
                i + 1
            ))
        })?;
        if !(value.is_finite() && value > 0.0) {
            return Err(CliError::input(format!(
                "{}, line {}, column 1: lambda {cell} must be positive and finite",
                path.display(),
                i + 1
            )));
        }
        if lambdas.len() == MAX_LAMBDAS {
            return Err(CliError::input(format!(
                "{}, line {}: more than {MAX_LAMBDAS} lambdas, the most a path takes",
                path.display(),
                i + 1
            )));
        }
        lambdas.push(value);
    }
    if lambdas.is_empty() {
        return Err(CliError::input(format!("{}: no lambdas in the file", path.display())));
    }
    Ok(lambdas)
}

/// `--stats`: `lambda,sweeps,rel_gap,converged,nonzeros`, one row per lambda.
pub(super) fn write_stats(out: &mut dyn std::io::Write, path: &Path) -> std::io::Result<()> {
    writeln!(out, "lambda,sweeps,rel_gap,converged,nonzeros")?;
    for (i, c) in path.convergence.iter().enumerate() {
        let mut line = String::new();
        push_number(&mut line, path.lambdas[i]);
        line += &format!(",{},", c.sweeps);
        push_number(&mut line, c.rel_gap);
        writeln!(out, "{line},{},{}", c.converged, path.nnz(i))?;
    }
    Ok(())
}

/// The coefficients of every lambda in the units asked for: as solved, or carried back to the data's
/// units with the intercept first. A column whose spread is near the bottom of f64's range (1e-300)
/// has a coefficient beyond its top in the data's units: that is refused, never written as inf or NaN.
pub(super) fn coefficient_rows(
    path: &Path,
    standardized: &Standardized,
    scale: Scale,
    names: &[String],
) -> Result<Vec<Vec<f64>>, CliError> {
    let mut rows = Vec::with_capacity(path.coefs.len());
    for w in &path.coefs {
        let row: Vec<f64> = match scale {
            Scale::Standardized => w.clone(),
            Scale::Original => {
                let (intercept, beta) = standardized.to_original(w);
                std::iter::once(intercept).chain(beta).collect()
            }
        };
        // The coefficients first: an infinite one is the cause of a non-finite intercept.
        let offset = usize::from(scale == Scale::Original);
        let bad = (offset..row.len()).chain(0..offset).find(|&j| !row[j].is_finite());
        if let Some(j) = bad {
            let what = match scale {
                Scale::Original if j == 0 => "the intercept".to_string(),
                Scale::Original => format!("the coefficient of {}", names[j - 1]),
                Scale::Standardized => format!("the coefficient of {}", names[j]),
            };
            return Err(CliError::input(format!(
                "--scale {}: {what} is beyond the range of a double (a column's spread or the target's size is too \
                 extreme to express in the data's units); use --scale standardized or rescale the column",
                if scale == Scale::Original {
                    "original"
                } else {
                    "standardized"
                }
            )));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Centring a target whose values reach the top of f64 with both signs (1.5e308 and -1.5e308) can
/// overflow, and so can `x_j^T y` over many rows: refuse rather than fit infinities.
pub(super) fn check_finite(data: &Standardized, file: &FilePath) -> Result<(), CliError> {
    if data.y.iter().chain(&data.xty).all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(CliError::input(format!(
            "{}: the target's values are too large to fit (centring them or summing them over the rows \
             exceeds the range of a double); rescale the target column",
            file.display()
        )))
    }
}

/// Cross-validation errors are squared target units: a target near 1e155 squares beyond f64.
pub(super) fn check_cv_finite(cv: &CvResult) -> Result<(), CliError> {
    if cv.mean.iter().chain(&cv.se).all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(CliError::input(
            "--cv: the held-out squared errors exceed the range of a double (the target's values are too \
             large to square); rescale the target column",
        ))
    }
}

pub(super) fn write_path(
    out: &mut dyn std::io::Write,
    names: &[String],
    path: &Path,
    rows: &[Vec<f64>],
    scale: Scale,
    cv: Option<&CvResult>,
) -> std::io::Result<()> {
    let mut header = vec!["lambda".to_string()];
    if scale == Scale::Original {
        header.push("intercept".into());
    }
    header.extend(names.iter().cloned());
    if cv.is_some() {
        header.extend(["cv_mean".to_string(), "cv_se".to_string()]);
    }
    writeln!(out, "{}", header.join(","))?;
    let mut line = String::new();
    for (i, values) in rows.iter().enumerate() {
        line.clear();
        push_number(&mut line, path.lambdas[i]);
        for &v in values {
            line.push(',');
            push_number(&mut line, v);
        }
        if let Some(cv) = cv {
            line.push(',');
            push_number(&mut line, cv.mean[i]);
            line.push(',');
            push_number(&mut line, cv.se[i]);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
