//! The `regscope` command line. With no subcommand it opens the explorer; the subcommands are headless.

use clap::{Args, Parser, Subcommand, ValueEnum};
use regscope::cli::session::{SessionArgs, DEFAULT_EPOCHS};
use regscope::cli::snapshot::SnapshotArgs;
use regscope::cli::train::TrainArgs;
use regscope::cli::{self, generate::GenerateArgs, path::PathArgs, CliError};
use regscope::fit::{CdOptions, UpdateRule};
use std::path::PathBuf;
use std::process::ExitCode;

/// See regularization work: exact lasso, ridge and elastic-net paths, cross-validation, and a terminal
/// explorer.
#[derive(Parser, Debug)]
// The explorer's own options may not come with a subcommand, which would silently ignore them.
#[command(name = "regscope", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    session: SessionCli,
    /// Colours: auto (none when NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Let the mouse wheel scroll the weights (off by default: it blocks the terminal's own selection).
    #[arg(long)]
    mouse: bool,
    /// Epochs the explorer trains per 20 ms tick.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1000))]
    epochs_per_tick: u64,
}

/// Where the explorer's data comes from (shared by the explorer, `snapshot` and `train`; flattened into
/// each rather than global, so that `path` and `generate` do not accept and ignore them).
#[derive(Args, Debug, Clone, Default)]
struct SessionCli {
    /// Scenario preset: sparse (default), dense, correlated, wide, diabetes; dropout-1d and dropout-2d
    /// open on the dropout screen.
    #[arg(long)]
    scenario: Option<String>,
    /// Seed of the data, the split and the initial weights (default: the scenario's).
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<u64>(SEED))]
    seed: Option<u64>,
    /// Explore a CSV file instead of a scenario (70% of the rows train, 30% validate).
    #[arg(long, conflicts_with = "scenario")]
    data: Option<PathBuf>,
    /// Target column of --data (default: the last column).
    #[arg(long, requires = "data")]
    target: Option<String>,
}

/// What a seed may be.
const SEED: &str = "a seed is a whole number from 0 to 18446744073709551615";

/// A value parser for a whole-number flag that says what is accepted: clap's own answers `-1` or `2.5`
/// with "invalid digit found in string". The range itself is checked where the value is used.
fn whole<T>(accepted: &'static str) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
{
    move |text: &str| text.parse::<T>().map_err(|_| accepted.to_string())
}

impl SessionCli {
    fn args(&self) -> SessionArgs {
        SessionArgs {
            scenario: self.scenario.clone(),
            seed: self.seed,
            data: self.data.clone(),
            target: self.target.clone(),
        }
    }
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a synthetic dataset (or a bundled real one) as CSV, with its true coefficients.
    Generate(GenerateCli),
    /// Fit a lasso, elastic-net or ridge path to a CSV file and write the coefficients per lambda.
    Path(PathCli),
    /// Print one frame of the explorer as plain text (deterministic: no clock is involved).
    Snapshot(SnapshotCli),
    /// Train the four models headless and write the loss of every epoch as CSV.
    Train(TrainCli),
}

/// What an epoch count may be (the upper limit depends on the screen: `cli::check_epochs`).
const EPOCHS: &str = "epochs are a whole number, 0 or more";

#[derive(Args, Debug)]
struct SnapshotCli {
    #[command(flatten)]
    session: SessionCli,
    /// Terminal size as WxH.
    #[arg(long, default_value = "120x40")]
    size: String,
    /// Epochs trained before the keys are applied (at most 1000000, 100000 on the dropout screen).
    #[arg(long, default_value_t = DEFAULT_EPOCHS, allow_negative_numbers = true, value_parser = whole::<usize>(EPOCHS))]
    epochs: usize,
    /// Keys pressed after training, separated by spaces: Right Left Up Down PgUp PgDn Home End Tab
    /// BackTab Space Esc, or single characters (m 1 s r n N c C v ? ...).
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    keys: String,
    /// Which screen: linear (the four linear models) or dropout (the neural network).
    #[arg(long, value_enum, default_value = "linear")]
    screen: ScreenArg,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum ScreenArg {
    Linear,
    Dropout,
}

#[derive(Args, Debug)]
struct TrainCli {
    #[command(flatten)]
    session: SessionCli,
    /// Epochs to train (at most 1000000, 100000 on the dropout scenarios).
    #[arg(long, default_value_t = DEFAULT_EPOCHS, allow_negative_numbers = true, value_parser = whole::<usize>(EPOCHS))]
    epochs: usize,
    /// Penalty strength (default: the explorer's starting lambda, grid step 30 of 100).
    #[arg(long, allow_negative_numbers = true)]
    lambda: Option<f64>,
    /// Elastic-net mix of the elastic-net model [default: 0.5].
    #[arg(long, allow_negative_numbers = true)]
    l1_ratio: Option<f64>,
    /// Output CSV: model,epoch,train_loss,val_loss,penalty,train_mse,val_mse; - for standard output.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args, Debug)]
struct GenerateCli {
    /// Scenario preset to start from (sparse, dense, correlated, wide, diabetes).
    #[arg(long)]
    scenario: Option<String>,
    /// Rows in all (training and validation); n x p at most 2^28 cells.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("the rows are a whole number, 3 or more"))]
    n: Option<usize>,
    /// Features.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("the features are a whole number, 1 or more"))]
    p: Option<usize>,
    /// Informative features (nonzero true coefficients).
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("k is a whole number from 0 to --p"))]
    k: Option<usize>,
    /// Population signal-to-noise ratio, Var(X beta) / sigma^2 (at least 1e-100).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "sigma")]
    snr: Option<f64>,
    /// Noise standard deviation (instead of --snr; at most 1e100).
    #[arg(long, allow_negative_numbers = true)]
    sigma: Option<f64>,
    /// Correlation: AR(1) between neighbouring features, or inside a block for --pattern groups.
    #[arg(long, allow_negative_numbers = true)]
    rho: Option<f64>,
    /// Shape of the true coefficients: sparse (few strong), dense (many weak), groups (whole blocks).
    #[arg(long)]
    pattern: Option<String>,
    /// Block size for --pattern groups.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("the group size is a whole number from 1 to --p"))]
    group_size: Option<usize>,
    /// Fraction of rows held out for validation (the last rows).
    #[arg(long = "val-frac", allow_negative_numbers = true)]
    validation_fraction: Option<f64>,
    /// Seed of the generator (default: the scenario's); the same seed writes the same bytes.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<u64>(SEED))]
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
    /// Elastic-net mix: the share of the L1 penalty (glmnet's alpha), from 0.001 to 1; default 0.5 with
    /// --penalty enet.
    #[arg(long, allow_negative_numbers = true)]
    l1_ratio: Option<f64>,
    /// Number of lambdas on the grid (at most 10000).
    #[arg(long, default_value_t = 100, allow_negative_numbers = true,
          value_parser = whole::<usize>("the number of lambdas is a whole number from 1 to 10000"))]
    n_lambdas: usize,
    /// The smallest lambda as a fraction of lambda_max.
    #[arg(long, default_value_t = 1e-3, allow_negative_numbers = true)]
    lambda_min_ratio: f64,
    /// Use these lambdas instead of the grid: one per line, used as given (at most 10000).
    #[arg(long, conflicts_with_all = ["n_lambdas", "lambda_min_ratio"])]
    lambdas: Option<PathBuf>,
    /// Stop each lambda when the duality gap divided by ||y||^2 is at most this.
    #[arg(long, default_value_t = CdOptions::default().tol, allow_negative_numbers = true)]
    tol: f64,
    /// Most coordinate sweeps per lambda before giving up (reported on stderr); at least 1.
    #[arg(long, default_value_t = CdOptions::default().max_sweeps, allow_negative_numbers = true,
          value_parser = whole::<usize>("the sweeps are a whole number, 1 or more"))]
    max_sweeps: usize,
    /// Coordinate-descent updates: covariance (Gram) or naive (residual); auto picks covariance when n > p.
    #[arg(long, value_enum, default_value = "auto")]
    rule: RuleArg,
    /// Units of the written coefficients: standardized features, or the data's own units with intercept.
    #[arg(long, value_enum, default_value = "standardized")]
    scale: ScaleArg,
    /// K-fold cross-validation: appends cv_mean and cv_se columns.
    #[arg(long, value_name = "K", allow_negative_numbers = true,
          value_parser = whole::<usize>("K must be a whole number from 2 to the rows"))]
    cv: Option<usize>,
    /// Put row i in fold i mod K (default: seeded random folds).
    #[arg(long, requires = "cv")]
    folds_mod: bool,
    /// Seed for the random folds of --cv.
    #[arg(long, default_value_t = 1, requires = "cv", conflicts_with = "folds_mod", allow_negative_numbers = true,
          value_parser = whole::<u64>(SEED))]
    seed: u64,
    /// Output CSV (header lambda,<features>); - for standard output.
    #[arg(long)]
    out: PathBuf,
    /// Also write each lambda's convergence: lambda,sweeps,rel_gap,converged,nonzeros.
    #[arg(long)]
    stats: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let session = cli.session.args();
    let result = match cli.command {
        None => {
            return match explore(&session, cli.color, cli.mouse, cli.epochs_per_tick as usize) {
                Ok(ending) => ExitCode::from(ending.exit_status()),
                Err(error) => fail(error),
            }
        }
        Some(Command::Snapshot(s)) => {
            cli::snapshot::parse_size(&s.size)
                .map_err(CliError::input)
                .and_then(|(width, height)| {
                    let text = cli::snapshot::run(&SnapshotArgs {
                        session: s.session.args(),
                        width,
                        height,
                        epochs: s.epochs,
                        keys: s.keys,
                        dropout_screen: s.screen == ScreenArg::Dropout,
                    })?;
                    // Not print!: it panics on a broken pipe and loses the frame on a closed stdout.
                    cli::output::write_to(std::path::Path::new("-"), |out| out.write_all(text.as_bytes()))?;
                    Ok(Vec::new())
                })
        }
        Some(Command::Train(t)) => cli::train::run(&TrainArgs {
            session: t.session.args(),
            epochs: t.epochs,
            lambda: t.lambda,
            l1_ratio: t.l1_ratio,
            out: t.out,
        })
        .map(|line| vec![line]),
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
            stats: p.stats,
        }),
    };
    match result {
        Ok(lines) => {
            for line in lines {
                report(&line);
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

/// Reports a failure on stderr and gives its exit status.
fn fail(CliError { code, message }: CliError) -> ExitCode {
    report(&format!("regscope: error: {message}"));
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Writes one line to stderr, ignoring a failure: `eprintln!` panics when stderr is a terminal that has
/// hung up, and a message nobody can read is no reason to exit 101.
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Opens the explorer; returns how it ended (a quit, a signal, a lost terminal) for the exit status.
/// No terminal to run in is a usage error (2); a terminal that fails is a failure (1).
fn explore(
    session: &SessionArgs,
    color: ColorArg,
    mouse: bool,
    epochs_per_tick: usize,
) -> Result<regscope::tui::Ending, CliError> {
    let monochrome = match color {
        ColorArg::Always => false,
        ColorArg::Never => true,
        ColorArg::Auto => std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    // The exact path and its cross-validation are computed behind the first frame, not before it.
    let (engine, state) = cli::session::open(session, DEFAULT_EPOCHS)?;
    regscope::tui::run(
        engine,
        state,
        regscope::tui::TuiOptions {
            mouse,
            monochrome,
            epochs_per_tick,
        },
    )
    .map_err(|error| match error {
        regscope::tui::TuiError::NotATerminal => CliError::input(error.to_string()),
        regscope::tui::TuiError::Terminal(message) => CliError::other(message),
    })
}
