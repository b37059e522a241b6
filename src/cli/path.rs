//! `regscope path`: the regularization path of a CSV file, optionally cross-validated, as CSV.

use super::{output, CliError, MAX_LAMBDAS};
use crate::data::{assign_folds, load_csv, push_number, short_number as num, FoldAssignment, Standardized};
use crate::fit::{self, CdOptions, CvResult, Path, UpdateRule};
use std::path::{Path as FilePath, PathBuf};
use std::time::Instant;

/// The smallest `--l1-ratio` of an elastic net. lambda_max is `max |x_j^T y| / (n l1_ratio)`, so a
/// tiny ratio puts the grid at absurd lambdas (1e-17 gives 3.5e17; 1e-320 overflows to infinity); an
/// almost pure L2 penalty is the ridge, which `--penalty ridge` solves exactly.
pub const MIN_L1_RATIO: f64 = 1e-3;

/// Which penalty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Penalty {
    Lasso,
    ElasticNet,
    Ridge,
}

/// Which units the coefficients are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Coefficients of the standardized features (what the solver sees).
    Standardized,
    /// The data's own units, with the intercept.
    Original,
}

/// Everything `regscope path` takes.
#[derive(Clone, Debug)]
pub struct PathArgs {
    pub data: PathBuf,
    pub target: Option<String>,
    pub penalty: Option<Penalty>,
    pub l1_ratio: Option<f64>,
    pub n_lambdas: usize,
    pub lambda_min_ratio: f64,
    pub lambdas: Option<PathBuf>,
    pub tol: f64,
    pub max_sweeps: usize,
    pub rule: UpdateRule,
    pub scale: Scale,
    pub cv: Option<usize>,
    pub folds_mod: bool,
    pub seed: u64,
    pub out: PathBuf,
    /// Where to write the convergence of every lambda (`lambda,sweeps,rel_gap,converged,nonzeros`).
    pub stats: Option<PathBuf>,
}

impl PathArgs {
    /// The elastic-net mix the arguments ask for.
    fn l1_ratio(&self) -> Result<f64, CliError> {
        let ratio = match (self.penalty, self.l1_ratio) {
            (Some(Penalty::Lasso), None) => 1.0,
            (Some(Penalty::Ridge), None) => 0.0,
            (Some(Penalty::ElasticNet) | None, Some(a)) => a,
            (Some(Penalty::ElasticNet), None) => 0.5,
            (None, None) => 1.0,
            (Some(p), Some(_)) => {
                return Err(CliError::input(
                    format!("--l1-ratio goes with --penalty enet, not {p:?}").to_lowercase(),
                ))
            }
        };
        if !(0.0..=1.0).contains(&ratio) || ratio.is_nan() {
            return Err(CliError::input(format!("--l1-ratio {} must lie in [0, 1]", num(ratio))));
        }
        if self.l1_ratio.is_some() && ratio < MIN_L1_RATIO {
            return Err(CliError::input(format!(
                "--l1-ratio {} is below the floor {} of an elastic net (lambda_max grows as 1/l1_ratio); \
                 for an (almost) pure L2 penalty use --penalty ridge",
                num(ratio),
                num(MIN_L1_RATIO)
            )));
        }
        Ok(ratio)
    }

    /// Refuses settings that are out of range, before the data is read.
    fn check_settings(&self) -> Result<(), CliError> {
        if self.tol.is_nan() || self.tol <= 0.0 {
            return Err(CliError::input(format!("--tol {} must be positive", num(self.tol))));
        }
        if !(1..=MAX_LAMBDAS).contains(&self.n_lambdas) {
            return Err(CliError::input(format!(
                "--n-lambdas {} must be from 1 to {MAX_LAMBDAS}",
                self.n_lambdas
            )));
        }
        if self.max_sweeps == 0 {
            return Err(CliError::input("--max-sweeps 0 must be at least 1"));
        }
        if !(self.lambda_min_ratio > 0.0 && self.lambda_min_ratio < 1.0) {
            return Err(CliError::input(format!(
                "--lambda-min-ratio {} must lie in (0, 1)",
                num(self.lambda_min_ratio)
            )));
        }
        if self.folds_mod && self.cv.is_none() {
            return Err(CliError::input("--folds-mod needs --cv K"));
        }
        let mut inputs = vec![("--data", self.data.as_path())];
        inputs.extend(self.lambdas.as_deref().map(|l| ("--lambdas", l)));
        let mut outputs = vec![("--out", self.out.as_path())];
        outputs.extend(self.stats.as_deref().map(|s| ("--stats", s)));
        output::check_files(&inputs, &outputs)
    }
}

/// Fits, writes the path, and returns the one-line summary for stderr (plus any warnings before it).
pub fn run(args: &PathArgs) -> Result<Vec<String>, CliError> {
    let l1_ratio = args.l1_ratio()?;
    args.check_settings()?;
    let explicit_lambdas = args.lambdas.as_deref().map(read_lambdas).transpose()?;
    let data = load_csv(&args.data, args.target.as_deref())?;
    if let Some(k) = args.cv {
        check_fold_count(k, data.n())?;
    }
    let mut messages = Vec::new();
    if !data.dropped.is_empty() {
        messages.push(format!(
            "regscope path: warning: {}: dropped constant column(s) {}",
            args.data.display(),
            data.dropped.join(", ")
        ));
    }

    let started = Instant::now();
    // Cross-validation needs the raw data again; otherwise standardize in place.
    let (n, p) = (data.n(), data.p());
    let (raw, standardized) = if args.cv.is_some() {
        let standardized = Standardized::new(&data.x, &data.y);
        (Some((data.x, data.y)), standardized)
    } else {
        (None, Standardized::from_owned(data.x, data.y))
    };
    check_finite(&standardized, &args.data)?;
    let lambdas = match explicit_lambdas {
        Some(l) => l,
        None => fit::default_grid(&standardized, l1_ratio, args.n_lambdas, args.lambda_min_ratio),
    };
    let options = CdOptions {
        tol: args.tol,
        max_sweeps: args.max_sweeps,
        rule: args.rule,
    };
    let path = fit::fit_path_glmnet(&standardized, &lambdas, l1_ratio, &options).map_err(CliError::other)?;
    let solve_seconds = started.elapsed().as_secs_f64();
    let cv = match (args.cv, &raw) {
        (Some(k), Some((x, y))) => {
            let how = if args.folds_mod {
                FoldAssignment::Modulo
            } else {
                FoldAssignment::Shuffled { seed: args.seed }
            };
            let folds = assign_folds(n, k, how);
            Some(fit::cross_validate(x, y, &lambdas, l1_ratio, &folds, k, &options).map_err(CliError::input)?)
        }
        _ => None,
    };
    let total_seconds = started.elapsed().as_secs_f64();

    for (i, c) in path.convergence.iter().enumerate().filter(|(_, c)| !c.converged) {
        messages.push(format!(
            "regscope path: warning: lambda {} (row {}) did not converge in {} sweeps: relative gap {:.2e} > tol {:.1e}",
            num(path.lambdas[i]),
            i + 1,
            c.sweeps,
            c.rel_gap,
            args.tol
        ));
    }
    let names = &data.feature_names;
    if let Some(stats) = &args.stats {
        output::write_to(stats, |out| {
            writeln!(out, "lambda,sweeps,rel_gap,converged,nonzeros")?;
            for (i, c) in path.convergence.iter().enumerate() {
                let mut line = String::new();
                push_number(&mut line, path.lambdas[i]);
                line += &format!(",{},", c.sweeps);
                push_number(&mut line, c.rel_gap);
                writeln!(out, "{line},{},{}", c.converged, path.nnz(i))?;
            }
            Ok(())
        })?;
    }
    if let Some(cv) = &cv {
        check_cv_finite(cv)?;
    }
    let rows = coefficient_rows(&path, &standardized, args.scale, names)?;
    output::write_to(&args.out, |out| {
        write_path(out, names, &path, &rows, args.scale, cv.as_ref())
    })?;

    let mut summary = format!(
        "regscope path: n={} p={} lambdas={} l1_ratio={} nonzeros_at_smallest_lambda={} max_rel_gap={:.2e} solve_s={:.4}",
        n,
        p,
        lambdas.len(),
        l1_ratio,
        smallest_lambda_index(&path.lambdas).map_or(0, |i| path.nnz(i)),
        path.max_rel_gap(),
        solve_seconds,
    );
    if let Some(cv) = &cv {
        summary += &format!(
            " cv_s={:.4} lambda_min={} (row {}) lambda_1se={} (row {})",
            total_seconds - solve_seconds,
            lambdas[cv.i_min],
            cv.i_min + 1,
            lambdas[cv.i_1se],
            cv.i_1se + 1
        );
    }
    messages.push(summary);
    Ok(messages)
}

/// Refuses a fold count that leaves a training fold with fewer than 3 rows, saying which K work for
/// these `n` rows (the range [`fit::cv::fold_counts_that_work`] computes).
fn check_fold_count(k: usize, n: usize) -> Result<(), CliError> {
    match fit::cv::fold_counts_that_work(n) {
        Some(range) if range.contains(&k) => Ok(()),
        Some(range) => Err(CliError::input(format!(
            "--cv {k}: with {n} rows, K must be a whole number from {} to {} (every training fold needs at least 3 rows)",
            range.start(),
            range.end()
        ))),
        None => Err(CliError::input(format!(
            "--cv {k}: {n} rows are too few to cross-validate (every training fold needs at least 3 rows)"
        ))),
    }
}

fn smallest_lambda_index(lambdas: &[f64]) -> Option<usize> {
    (0..lambdas.len()).min_by(|&a, &b| lambdas[a].total_cmp(&lambdas[b]))
}

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

/// The coefficients of every lambda in the units asked for: as solved, or carried back to the data's
/// units with the intercept first. A column whose spread is near the bottom of f64's range (1e-300)
/// has a coefficient beyond its top in the data's units: that is refused, never written as inf or NaN.
fn coefficient_rows(
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
fn check_finite(data: &Standardized, file: &FilePath) -> Result<(), CliError> {
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
fn check_cv_finite(cv: &CvResult) -> Result<(), CliError> {
    if cv.mean.iter().chain(&cv.se).all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(CliError::input(
            "--cv: the held-out squared errors exceed the range of a double (the target's values are too              large to square); rescale the target column",
        ))
    }
}

fn write_path(
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
