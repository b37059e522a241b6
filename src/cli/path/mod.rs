//! `regscope path`: the regularization path of a CSV file, optionally cross-validated, as CSV.

mod binomial;
mod files;

use super::{output, whole, CliError, MAX_LAMBDAS, SEED};
use crate::data::{assign_folds, load_csv, short_number as num, FoldAssignment, Standardized};
use crate::fit::{self, CdOptions, CvResult, Path, UpdateRule};
pub use files::read_lambdas;
use files::{check_cv_finite, check_finite, coefficient_rows, write_path, write_stats};
use std::path::PathBuf;
use std::time::Instant;

/// The smallest `--l1-ratio` of an elastic net. lambda_max is `max |x_j^T y| / (n l1_ratio)`, so a
/// tiny ratio puts the grid at absurd lambdas (1e-17 gives 3.5e17; 1e-320 overflows to infinity); an
/// almost pure L2 penalty is the ridge, which `--penalty ridge` solves exactly.
pub const MIN_L1_RATIO: f64 = 1e-3;
/// The smallest lambda of the lasso and elastic-net grids, as a fraction of lambda_max (glmnet's
/// default when n > p). A ridge grid given another is refused: ridge's grid has no lambda_max.
pub const DEFAULT_LAMBDA_MIN_RATIO: f64 = 1e-3;

/// Which penalty (`--penalty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Penalty {
    Lasso,
    #[value(name = "enet")]
    ElasticNet,
    Ridge,
}

/// `--family`: the model of the target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Family {
    // Plain comments, not doc comments: clap would print a variant's doc comment in `--help`.
    // Least squares on a numeric target.
    #[default]
    Gaussian,
    // Logistic regression on a target of two classes.
    Binomial,
}

/// Which units the coefficients are written in (`--scale`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    // Plain comments, not doc comments: clap would print a variant's doc comment in `--help`.
    // Coefficients of the standardized features (what the solver sees).
    Standardized,
    // The data's own units, with the intercept.
    Original,
}

/// `--rule`: the solver's [`UpdateRule`] by name. `fit` knows nothing of the command line, so the names
/// are mapped here rather than derived there.
fn update_rule() -> impl clap::builder::TypedValueParser<Value = UpdateRule> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["auto", "covariance", "naive"]).map(|name| match name.as_str() {
        "covariance" => UpdateRule::Covariance,
        "naive" => UpdateRule::Naive,
        _ => UpdateRule::Auto,
    })
}

/// Everything `regscope path` takes. (The doc comments of the fields are `--help`'s text.)
#[derive(clap::Args, Clone, Debug)]
pub struct PathArgs {
    /// Input CSV: a header line, then one row per observation, every cell a number.
    #[arg(long)]
    pub data: PathBuf,
    /// Target column (default: the last column).
    #[arg(long)]
    pub target: Option<String>,
    /// The model: gaussian (least squares) or binomial (logistic regression on a target of two
    /// classes: 0/1, or two values taken in sorted order; writes lambda,intercept,<features>).
    #[arg(long, value_enum, default_value = "gaussian")]
    pub family: Family,
    /// Penalty: lasso (L1), enet (L1 + L2, mix --l1-ratio), ridge (L2, solved exactly).
    #[arg(long, value_enum)]
    pub penalty: Option<Penalty>,
    /// Elastic-net mix: the share of the L1 penalty (glmnet's alpha), from 0.001 to 1; default 0.5 with
    /// --penalty enet.
    #[arg(long, allow_negative_numbers = true)]
    pub l1_ratio: Option<f64>,
    /// Number of lambdas on the grid (at most 10000).
    #[arg(long, default_value_t = 100, allow_negative_numbers = true,
          value_parser = whole::<usize>("the number of lambdas is a whole number from 1 to 10000"))]
    pub n_lambdas: usize,
    /// The smallest lambda as a fraction of lambda_max (lasso and elastic net).
    #[arg(long, default_value_t = DEFAULT_LAMBDA_MIN_RATIO, allow_negative_numbers = true)]
    pub lambda_min_ratio: f64,
    /// Use these lambdas instead of the grid: one per line, used as given (at most 10000).
    #[arg(long, conflicts_with_all = ["n_lambdas", "lambda_min_ratio"])]
    pub lambdas: Option<PathBuf>,
    /// Stop each lambda when the duality gap divided by ||y||^2 is at most this (binomial: the KKT
    /// residual relative to the gradient at the null model).
    #[arg(long, default_value_t = CdOptions::default().tol, allow_negative_numbers = true)]
    pub tol: f64,
    /// Most coordinate sweeps per lambda before giving up (reported on stderr); at least 1.
    #[arg(long, default_value_t = CdOptions::default().max_sweeps, allow_negative_numbers = true,
          value_parser = whole::<usize>("the sweeps are a whole number, 1 or more"))]
    pub max_sweeps: usize,
    /// Coordinate-descent updates: covariance (Gram) or naive (residual); auto picks covariance when n > p.
    #[arg(long, default_value = "auto", value_parser = update_rule())]
    pub rule: UpdateRule,
    /// Units of the written coefficients: standardized features, or the data's own units with intercept.
    #[arg(long, value_enum, default_value = "standardized")]
    pub scale: Scale,
    /// K-fold cross-validation: appends cv_mean and cv_se columns.
    #[arg(long, value_name = "K", allow_negative_numbers = true,
          value_parser = whole::<usize>("K must be a whole number from 2 to the rows"))]
    pub cv: Option<usize>,
    /// Put row i in fold i mod K (default: seeded random folds).
    #[arg(long, requires = "cv")]
    pub folds_mod: bool,
    /// Seed for the random folds of --cv.
    #[arg(long, default_value_t = 1, requires = "cv", conflicts_with = "folds_mod", allow_negative_numbers = true,
          value_parser = whole::<u64>(SEED))]
    pub seed: u64,
    /// Output CSV (header lambda,<features>); - for standard output.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write each lambda's convergence: lambda,sweeps,rel_gap,converged,nonzeros.
    #[arg(long)]
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
        // The relative gap of all-zero coefficients is at most 1/2: a tolerance of 1 or more certifies
        // anything after one sweep.
        if !(self.tol > 0.0 && self.tol < 1.0) {
            let what = match self.family {
                Family::Gaussian => "a relative duality gap",
                Family::Binomial => "a relative KKT residual",
            };
            return Err(CliError::input(format!(
                "--tol {} must lie in (0, 1) ({what}; 1e-8 is the default)",
                num(self.tol)
            )));
        }
        let gaussian_ridge = self.penalty == Some(Penalty::Ridge) && self.family == Family::Gaussian;
        if gaussian_ridge && self.lambda_min_ratio != DEFAULT_LAMBDA_MIN_RATIO {
            return Err(CliError::input(
                "--lambda-min-ratio goes with --penalty lasso or enet: the ridge grid spans 1e3 to 1e-3 times \
                 the largest eigenvalue of X^T X / n (give --lambdas for another)",
            ));
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
    if args.family == Family::Binomial {
        return binomial::run(args, l1_ratio);
    }
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
    let names = data.feature_names.clone();
    let fitted = fit(args, data, l1_ratio, explicit_lambdas)?;
    messages.extend(convergence_warnings(&fitted.path, args.tol));
    // Every refusal before the first write: a refused run leaves no output at all.
    if let Some(cv) = &fitted.cv {
        check_cv_finite(cv)?;
    }
    let rows = coefficient_rows(&fitted.path, &fitted.standardized, args.scale, &names)?;
    if let Some(stats) = &args.stats {
        output::write_to(stats, |out| write_stats(out, &fitted.path))?;
    }
    output::write_to(&args.out, |out| {
        write_path(out, &names, &fitted.path, &rows, args.scale, fitted.cv.as_ref())
    })?;
    messages.push(fitted.summary(l1_ratio));
    Ok(messages)
}

/// What [`fit`] computed: the path on the standardized data, its cross-validation, and the time each
/// took (for the summary line).
struct Fitted {
    n: usize,
    p: usize,
    standardized: Standardized,
    path: Path,
    cv: Option<CvResult>,
    solve_seconds: f64,
    cv_seconds: f64,
}

/// Standardizes the data, fits the path on the given lambdas (or the default grid) and, with `--cv`,
/// cross-validates it.
fn fit(
    args: &PathArgs,
    data: crate::data::Dataset,
    l1_ratio: f64,
    explicit_lambdas: Option<Vec<f64>>,
) -> Result<Fitted, CliError> {
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
        None => default_grid(&standardized, l1_ratio, args)?,
    };
    let options = CdOptions {
        tol: args.tol,
        max_sweeps: args.max_sweeps,
        rule: args.rule,
    };
    let path = fit::fit_path_glmnet(&standardized, &lambdas, l1_ratio, &options)?;
    let solve_seconds = started.elapsed().as_secs_f64();
    let cv = match (args.cv, &raw) {
        (Some(k), Some((x, y))) => {
            let how = if args.folds_mod {
                FoldAssignment::Modulo
            } else {
                FoldAssignment::Shuffled { seed: args.seed }
            };
            let folds = assign_folds(n, k, how);
            Some(fit::cross_validate(x, y, &lambdas, l1_ratio, &folds, k, &options)?)
        }
        _ => None,
    };
    let cv_seconds = started.elapsed().as_secs_f64() - solve_seconds;
    Ok(Fitted {
        n,
        p,
        standardized,
        path,
        cv,
        solve_seconds,
        cv_seconds,
    })
}

/// The default grid, refusing data on which it is empty: when every feature is orthogonal to the
/// target, lambda_max (`max |x_j^T y| / (n l1_ratio)`) is 0 and every lambda with it.
fn default_grid(data: &Standardized, l1_ratio: f64, args: &PathArgs) -> Result<Vec<f64>, CliError> {
    let lambdas = fit::default_grid(data, l1_ratio, args.n_lambdas, args.lambda_min_ratio);
    if lambdas.first().is_some_and(|&l| l > 0.0) {
        return Ok(lambdas);
    }
    Err(CliError::input(format!(
        "{}: no feature is correlated with the target (x_j^T y = 0 for every column), so lambda_max is 0 and \
         every coefficient is 0 at every lambda; give --lambdas or use --penalty ridge",
        args.data.display()
    )))
}

impl Fitted {
    /// The summary line: sizes, sparsity at the smallest lambda, the worst gap, times, and with `--cv`
    /// lambda_min and lambda_1se.
    fn summary(&self, l1_ratio: f64) -> String {
        let path = &self.path;
        let mut summary = format!(
            "regscope path: n={} p={} lambdas={} l1_ratio={:?} nonzeros_at_smallest_lambda={} max_rel_gap={:.2e} solve_s={:.4}",
            self.n,
            self.p,
            path.lambdas.len(),
            l1_ratio,
            smallest_lambda_index(&path.lambdas).map_or(0, |i| path.nnz(i)),
            path.max_rel_gap(),
            self.solve_seconds,
        );
        if let Some(cv) = &self.cv {
            summary += &format!(
                // Debug form: the shortest that reads back exactly, in scientific form when tiny or huge.
                " cv_s={:.4} lambda_min={:?} (row {}) lambda_1se={:?} (row {})",
                self.cv_seconds,
                path.lambdas[cv.i_min],
                cv.i_min + 1,
                path.lambdas[cv.i_1se],
                cv.i_1se + 1
            );
        }
        summary
    }
}

/// One warning line per lambda that ran out of sweeps before its gap reached `tol`.
fn convergence_warnings(path: &Path, tol: f64) -> Vec<String> {
    let unconverged = path.convergence.iter().enumerate().filter(|(_, c)| !c.converged);
    unconverged
        .map(|(i, c)| {
            format!(
                "regscope path: warning: lambda {} (row {}) did not converge in {} sweeps: relative gap {:.2e} > tol {:.1e}",
                num(path.lambdas[i]),
                i + 1,
                c.sweeps,
                c.rel_gap,
                tol
            )
        })
        .collect()
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
