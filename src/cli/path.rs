//! `regscope path`: the regularization path of a CSV file, optionally cross-validated, as CSV.

use super::{output, CliError};
use crate::data::{assign_folds, load_csv, push_number, FoldAssignment, Standardized};
use crate::fit::{self, CdOptions, CvResult, Path, UpdateRule};
use std::path::{Path as FilePath, PathBuf};
use std::time::Instant;

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
            return Err(CliError::input(format!("--l1-ratio {ratio} must lie in [0, 1]")));
        }
        Ok(ratio)
    }
}

/// Fits, writes the path, and returns the one-line summary for stderr (plus any warnings before it).
pub fn run(args: &PathArgs) -> Result<Vec<String>, CliError> {
    let l1_ratio = args.l1_ratio()?;
    if args.tol.is_nan() || args.tol <= 0.0 {
        return Err(CliError::input(format!("--tol {} must be positive", args.tol)));
    }
    if args.n_lambdas == 0 {
        return Err(CliError::input("--n-lambdas must be at least 1"));
    }
    if !(args.lambda_min_ratio > 0.0 && args.lambda_min_ratio < 1.0) {
        return Err(CliError::input(format!(
            "--lambda-min-ratio {} must lie in (0, 1)",
            args.lambda_min_ratio
        )));
    }
    if args.folds_mod && args.cv.is_none() {
        return Err(CliError::input("--folds-mod needs --cv K"));
    }
    let explicit_lambdas = args.lambdas.as_deref().map(read_lambdas).transpose()?;
    let data = load_csv(&args.data, args.target.as_deref())?;
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
    let lambdas = match explicit_lambdas {
        Some(l) => l,
        None => fit::default_grid(&standardized, l1_ratio, args.n_lambdas, args.lambda_min_ratio),
    };
    let options = CdOptions {
        tol: args.tol,
        max_sweeps: args.max_sweeps,
        rule: args.rule,
    };
    let path = fit::fit_path(&standardized, &lambdas, l1_ratio, &options).map_err(CliError::other)?;
    let solve_seconds = started.elapsed().as_secs_f64();
    let cv = match (args.cv, &raw) {
        (Some(k), Some((x, y))) => {
            let how = if args.folds_mod {
                FoldAssignment::Modulo
            } else {
                FoldAssignment::Shuffled { seed: args.seed }
            };
            if k < 2 || k > n {
                return Err(CliError::input(format!("--cv {k} needs 2 <= K <= the {n} rows")));
            }
            let folds = assign_folds(n, k, how);
            Some(fit::cross_validate(x, y, &lambdas, l1_ratio, &folds, k, &options).map_err(CliError::input)?)
        }
        _ => None,
    };
    let total_seconds = started.elapsed().as_secs_f64();

    for (i, c) in path.convergence.iter().enumerate().filter(|(_, c)| !c.converged) {
        messages.push(format!(
            "regscope path: warning: lambda {} (row {}) did not converge in {} sweeps: relative gap {:.2e} > tol {:.1e}",
            path.lambdas[i],
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
    output::write_to(&args.out, |out| {
        write_path(out, names, &path, &standardized, args.scale, cv.as_ref())
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

fn smallest_lambda_index(lambdas: &[f64]) -> Option<usize> {
    (0..lambdas.len()).min_by(|&a, &b| lambdas[a].total_cmp(&lambdas[b]))
}

/// Reads one lambda per line (blank lines and `#` comments skipped); each must be positive and finite.
pub fn read_lambdas(path: &FilePath) -> Result<Vec<f64>, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::input(format!("{}: cannot read: {e}", path.display())))?;
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
        lambdas.push(value);
    }
    if lambdas.is_empty() {
        return Err(CliError::input(format!("{}: no lambdas in the file", path.display())));
    }
    Ok(lambdas)
}

fn write_path(
    out: &mut dyn std::io::Write,
    names: &[String],
    path: &Path,
    standardized: &Standardized,
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
    for (i, w) in path.coefs.iter().enumerate() {
        line.clear();
        push_number(&mut line, path.lambdas[i]);
        let values: Vec<f64> = match scale {
            Scale::Standardized => w.clone(),
            Scale::Original => {
                let (intercept, beta) = standardized.to_original(w);
                std::iter::once(intercept).chain(beta).collect()
            }
        };
        for v in values {
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
