//! The `regscope` command line. With no subcommand it opens the explorer; the subcommands are headless.
//! The subcommands' flags are the library's argument structs (`cli::*::*Args`, which derive
//! `clap::Args`); this file adds only the explorer's own flags and the exit status.

use clap::{Parser, Subcommand, ValueEnum};
use regscope::app::State;
use regscope::cli::session::{SessionArgs, DEFAULT_EPOCHS};
use regscope::cli::snapshot::SnapshotFlags;
use regscope::cli::tour::TourArgs;
use regscope::cli::train::TrainArgs;
use regscope::cli::{self, generate::GenerateArgs, path::PathArgs, CliError};
use regscope::engine::Engine;
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
    session: SessionArgs,
    #[command(flatten)]
    explorer: ExplorerFlags,
}

/// The explorer's own options (also `regscope tour`'s, which opens the explorer).
#[derive(clap::Args, Debug)]
struct ExplorerFlags {
    /// Colours: auto (none when NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Let the mouse wheel scroll the weights (off by default: it blocks the terminal's own selection).
    #[arg(long)]
    mouse: bool,
    /// Start in the big layout for projectors (`+` and `-` switch it): two panels, fewer and larger
    /// labels, thick bars and lines, the key numbers in the titles.
    #[arg(long)]
    big: bool,
    /// Epochs the explorer trains per 20 ms tick.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = epochs_per_tick)]
    epochs_per_tick: u64,
}

/// `regscope tour`'s arguments: which tour, and the explorer's options.
#[derive(clap::Args, Debug)]
struct TourCommand {
    #[command(flatten)]
    tour: TourArgs,
    #[command(flatten)]
    explorer: ExplorerFlags,
}

/// `--epochs-per-tick`: a whole number from 1 to 1000, said so for any other value (negative included).
fn epochs_per_tick(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(n @ 1..=1000) => Ok(n),
        _ => Err("must be a whole number from 1 to 1000".into()),
    }
}

/// The explorer's `--color` (only the explorer draws in colour, so this is the binary's own flag).
#[derive(Copy, Clone, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// The subcommands: each takes the library's own argument struct.
#[derive(Subcommand, Debug)]
enum Command {
    /// Write a synthetic dataset (or a bundled real one) as CSV, with its true coefficients.
    Generate(GenerateArgs),
    /// Fit a lasso, elastic-net or ridge path to a CSV file and write the coefficients per lambda.
    Path(PathArgs),
    /// Print one frame of the explorer as plain text (deterministic: no clock is involved).
    Snapshot(SnapshotFlags),
    /// Train the four models headless and write the loss of every epoch as CSV.
    Train(TrainArgs),
    /// List the guided tours, or give one in the explorer (`regscope tour regularization`).
    Tour(TourCommand),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let result = match cli.command {
        None => return exit_of(open_session(&cli.session).and_then(|s| explore(s, &cli.explorer))),
        Some(Command::Tour(command)) => match command.tour.tour() {
            Ok(Some((tour, step))) => {
                let opened = cli::tour::open(tour, step, DEFAULT_EPOCHS, false);
                return exit_of(opened.and_then(|s| explore(s, &command.explorer)));
            }
            Ok(None) => cli::tour::list().and_then(|text| {
                cli::output::write_to(std::path::Path::new("-"), |out| out.write_all(text.as_bytes()))?;
                Ok(Vec::new())
            }),
            Err(error) => Err(error),
        },
        Some(command) => run(command),
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

/// Runs a headless subcommand; returns the lines for stderr (warnings, then the summary).
fn run(command: Command) -> Result<Vec<String>, CliError> {
    match command {
        Command::Snapshot(flags) => {
            let text = cli::snapshot::run(&flags.args()?)?;
            // Not print!: it panics on a broken pipe and loses the frame on a closed stdout.
            cli::output::write_to(std::path::Path::new("-"), |out| out.write_all(text.as_bytes()))?;
            Ok(Vec::new())
        }
        Command::Train(args) => cli::train::run(&args).map(|line| vec![line]),
        Command::Generate(args) => cli::generate::run(&args).map(|line| vec![line]),
        Command::Path(args) => cli::path::run(&args),
        Command::Tour(_) => unreachable!("main gives tours before run"),
    }
}

/// Help and the version are printed whole (exit 0); a usage error is one line like every other error
/// (clap's own is several: the usage and a tip follow), exit 2.
fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    // The message is the first paragraph (a list of missing flags continues it on indented lines).
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = paragraph.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    // A tip names the flag meant (`--sed`: `--seed`). The usage line names what was given with what
    // is required (`--folds-mod` needs `--cv <K>`); after an unknown flag it names only some flag of
    // the command, which misleads.
    let line_after = |prefix: &str| {
        rendered
            .lines()
            .find_map(|l| l.trim().strip_prefix(prefix).map(str::to_string))
    };
    let requires = matches!(
        error.kind(),
        ErrorKind::MissingRequiredArgument | ErrorKind::ArgumentConflict
    );
    let hint = match (line_after("tip: "), line_after("Usage: ")) {
        (Some(tip), _) => format!("{tip}; "),
        (None, Some(usage)) if requires => format!("usage: {usage}; "),
        _ => String::new(),
    };
    fail(CliError::input(format!("{message} ({hint}see --help)")))
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

/// The explorer's exit status: how it ended, or its error's.
fn exit_of(result: Result<regscope::tui::Ending, CliError>) -> ExitCode {
    match result {
        Ok(ending) => ExitCode::from(ending.exit_status()),
        Err(error) => fail(error),
    }
}

/// The session the explorer opens: the exact path and its cross-validation are computed behind the
/// first frame, not before it.
fn open_session(session: &SessionArgs) -> Result<(Engine, State), CliError> {
    cli::session::open(session, DEFAULT_EPOCHS)
}

/// Opens the explorer on a session; returns how it ended (a quit, a signal, a lost terminal) for the
/// exit status. No terminal to run in is a usage error (2); a terminal that fails is a failure (1).
fn explore((engine, mut state): (Engine, State), flags: &ExplorerFlags) -> Result<regscope::tui::Ending, CliError> {
    state.presenter.big = flags.big;
    let monochrome = match flags.color {
        ColorArg::Always => false,
        ColorArg::Never => true,
        ColorArg::Auto => std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    regscope::tui::run(
        engine,
        state,
        regscope::tui::TuiOptions {
            mouse: flags.mouse,
            monochrome,
            epochs_per_tick: flags.epochs_per_tick as usize,
        },
    )
    .map_err(|error| match error {
        regscope::tui::TuiError::NotATerminal => CliError::input(error.to_string()),
        regscope::tui::TuiError::Terminal(message) => CliError::other(message),
    })
}
