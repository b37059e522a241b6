//! The `regscope` command line. With no subcommand it opens the explorer; the subcommands are headless.

use clap::{Args, Parser, Subcommand, ValueEnum};
use regscope::cli::{self, generate::GenerateArgs, path::PathArgs, CliError};
use regscope::fit::{CdOptions, UpdateRule};
use std::path::PathBuf;
use std::process::ExitCode;

/// See regularization work: exact lasso, ridge and elastic-net paths, cross-validation, and a terminal
/// explorer.
#[derive(Parser, Debug)]
#[command(name = "regscope", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a synthetic dataset (or a bundled real one) as CSV, with its true coefficients.
    Generate(GenerateCli),
    /// Fit a lasso, elastic-net or ridge path to a CSV file and write the coefficients per lambda.
    Path(PathCli),
}

#[derive(Args, Debug)]
struct GenerateCli {
    /// Scenario preset to start from (sparse, dense, correlated, wide, diabetes).
    #[arg(long)]
    scenario: Option<String>,
    /// Rows in all (training and validation).
    #[arg(long)]
    n: Option<usize>,
    /// Features.
    #[arg(long)]
    p: Option<usize>,
    /// Informative features (nonzero true coefficients).
    #[arg(long)]
    k: Option<usize>,
    /// Population signal-to-noise ratio, Var(X beta) / sigma^2.
    #[arg(long)]
    snr: Option<f64>,
    /// Noise standard deviation (instead of --snr).
    #[arg(long)]
    sigma: Option<f64>,
    /// Correlation: AR(1) between neighbouring features, or inside a block for --pattern groups.
    #[arg(long, allow_negative_numbers = true)]
    rho: Option<f64>,
    /// Shape of the true coefficients: sparse (few strong), dense (many weak), groups (whole blocks).
    #[arg(long)]
    pattern: Option<String>,
    /// Block size for --pattern groups.
    #[arg(long)]
    group_size: Option<usize>,
    /// Fraction of rows held out for validation (the last rows).
    #[arg(long = "val-frac")]
    validation_fraction: Option<f64>,
    /// Seed of the generator (default: the scenario's); the same seed writes the same bytes.
    #[arg(long)]
    seed: Option<u64>,
    /// Output CSV (header x0..x{p-1},y); - for standard output.
    #[arg(long)]
    out: PathBuf,
    /// Also write the true coefficients here (header feature,beta).
    #[arg(long)]
    truth: Option<PathBuf>,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum PenaltyArg {
    Lasso,
    Enet,
    Ridge,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum ScaleArg {
    Standardized,
    Original,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum RuleArg {
    Auto,
    Covariance,
    Naive,
}

#[derive(Args, Debug)]
struct PathCli {
    /// Input CSV: a header line, then one row per observation, every cell a number.
    #[arg(long)]
    data: PathBuf,
    /// Target column (default: the last column).
    #[arg(long)]
    target: Option<String>,
    /// Penalty: lasso (L1), enet (L1 + L2, mix --l1-ratio), ridge (L2, solved exactly).
    #[arg(long, value_enum)]
    penalty: Option<PenaltyArg>,
    /// Elastic-net mix: the share of the L1 penalty (glmnet's alpha); default 0.5 with --penalty enet.
    #[arg(long)]
    l1_ratio: Option<f64>,
    /// Number of lambdas on the grid.
    #[arg(long, default_value_t = 100)]
    n_lambdas: usize,
    /// The smallest lambda as a fraction of lambda_max.
    #[arg(long, default_value_t = 1e-3)]
    lambda_min_ratio: f64,
    /// Use these lambdas instead of the grid: one per line, used as given.
    #[arg(long)]
    lambdas: Option<PathBuf>,
    /// Stop each lambda when the duality gap divided by ||y||^2 is at most this.
    #[arg(long, default_value_t = CdOptions::default().tol)]
    tol: f64,
    /// Most coordinate sweeps per lambda before giving up (reported on stderr).
    #[arg(long, default_value_t = CdOptions::default().max_sweeps)]
    max_sweeps: usize,
    /// Coordinate-descent updates: covariance (Gram) or naive (residual); auto picks covariance when n > p.
    #[arg(long, value_enum, default_value = "auto")]
    rule: RuleArg,
    /// Units of the written coefficients: standardized features, or the data's own units with intercept.
    #[arg(long, value_enum, default_value = "standardized")]
    scale: ScaleArg,
    /// K-fold cross-validation: appends cv_mean and cv_se columns.
    #[arg(long, value_name = "K")]
    cv: Option<usize>,
    /// Put row i in fold i mod K (default: seeded random folds).
    #[arg(long)]
    folds_mod: bool,
    /// Seed for the random folds.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output CSV (header lambda,<features>); - for standard output.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => Ok(vec![no_explorer_yet()]),
        Some(Command::Generate(g)) => cli::generate::run(&GenerateArgs {
            scenario: g.scenario,
            n: g.n,
            p: g.p,
            k: g.k,
            snr: g.snr,
            sigma: g.sigma,
            rho: g.rho,
            pattern: g.pattern,
            group_size: g.group_size,
            validation_fraction: g.validation_fraction,
            seed: g.seed,
            out: g.out,
            truth: g.truth,
        })
        .map(|line| vec![line]),
        Some(Command::Path(p)) => cli::path::run(&PathArgs {
            data: p.data,
            target: p.target,
            penalty: p.penalty.map(|v| match v {
                PenaltyArg::Lasso => cli::path::Penalty::Lasso,
                PenaltyArg::Enet => cli::path::Penalty::ElasticNet,
                PenaltyArg::Ridge => cli::path::Penalty::Ridge,
            }),
            l1_ratio: p.l1_ratio,
            n_lambdas: p.n_lambdas,
            lambda_min_ratio: p.lambda_min_ratio,
            lambdas: p.lambdas,
            tol: p.tol,
            max_sweeps: p.max_sweeps,
            rule: match p.rule {
                RuleArg::Auto => UpdateRule::Auto,
                RuleArg::Covariance => UpdateRule::Covariance,
                RuleArg::Naive => UpdateRule::Naive,
            },
            scale: match p.scale {
                ScaleArg::Standardized => cli::path::Scale::Standardized,
                ScaleArg::Original => cli::path::Scale::Original,
            },
            cv: p.cv,
            folds_mod: p.folds_mod,
            seed: p.seed,
            out: p.out,
        }),
    };
    match result {
        Ok(lines) => {
            for line in lines {
                eprintln!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(CliError { code, message }) => {
            eprintln!("regscope: error: {message}");
            ExitCode::from(code as u8)
        }
    }
}

fn no_explorer_yet() -> String {
    "regscope: the terminal explorer is not built yet. Headless subcommands:\n  \
     regscope generate --scenario sparse --seed 7 --out data.csv --truth beta.csv   write a dataset\n  \
     regscope path --data data.csv --penalty lasso --cv 5 --out path.csv             fit a path\n\
     Run `regscope help <subcommand>` for every option."
        .to_string()
}
