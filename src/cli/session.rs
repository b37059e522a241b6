//! Building the explorer's pieces from arguments: the data source, the engine and the state. The
//! explorer, `snapshot` and `train` all start here, so they show the same thing for the same arguments.

use super::CliError;
use crate::app::State;
use crate::data::nonlinear::Shape;
use crate::data::{load_csv, Scenario, DEFAULT_SCENARIO};
use crate::engine::{Command, Engine};
use crate::screens::linear::DataSource;
use crate::screens::{self, Report, ScreenId, Start};
use std::path::PathBuf;

pub use crate::screens::linear::{DEFAULT_L1_RATIO, DEFAULT_POSITION};

/// Epochs trained after start (more are added whenever lambda or the L1 share moves).
pub const DEFAULT_EPOCHS: usize = 300;
/// Validation share of a loaded CSV.
pub const CSV_VALIDATION_FRACTION: f64 = 0.3;

/// Where the explorer's data comes from (shared by the explorer, `snapshot` and `train`; flattened into
/// each rather than global, so that `path` and `generate` do not accept and ignore them).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct SessionArgs {
    /// Scenario preset: sparse (default), dense, correlated, wide, diabetes; dropout-1d and dropout-2d
    /// open on the dropout screen, geometry on the geometry screen, classify-sparse and classify-2d on
    /// the classification screen.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Seed of the data, the split and the initial weights (default: the scenario's).
    #[arg(long, allow_negative_numbers = true, value_parser = super::whole::<u64>(super::SEED))]
    pub seed: Option<u64>,
    /// Explore a CSV file instead of a scenario (70% of the rows train, 30% validate).
    #[arg(long, conflicts_with = "scenario")]
    pub data: Option<PathBuf>,
    /// Target column of --data (default: the last column).
    #[arg(long, requires = "data")]
    pub target: Option<String>,
}

/// The dropout dataset a scenario name asks for, if it is a dropout scenario.
pub fn dropout_shape(args: &SessionArgs) -> Option<Shape> {
    screens::dropout::scenario_shape(args.scenario.as_deref()?)
}

/// The data source the arguments name (for a scenario another screen owns, such as `dropout-1d`, the
/// linear screen shows the default).
pub fn source(args: &SessionArgs) -> Result<DataSource, CliError> {
    let owned = args.scenario.as_deref().and_then(ScreenId::owning).is_some();
    let scenario = if owned { None } else { args.scenario.clone() };
    match (&args.data, &scenario) {
        (Some(_), Some(_)) => Err(CliError::input("give --scenario or --data, not both")),
        (Some(path), None) => {
            let dataset = load_csv(path, args.target.as_deref())?;
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            Ok(DataSource::Csv {
                name,
                dataset,
                validation_fraction: CSV_VALIDATION_FRACTION,
            })
        }
        (None, scenario) => {
            if args.target.is_some() {
                return Err(CliError::input("--target goes with --data"));
            }
            // The data module knows the linear scenarios; the screens add their own to the list.
            let scenario = Scenario::named(scenario.as_deref().unwrap_or(DEFAULT_SCENARIO))
                .map_err(|e| CliError::input(format!("{e}, {}", ScreenId::scenarios().join(", "))))?;
            Ok(DataSource::Scenario(scenario))
        }
    }
}

/// The engine and a state that has taken every report of the start, the exact path and its
/// cross-validation included: computed here, to completion (the headless subcommands and tests).
pub fn start(args: &SessionArgs, target_epochs: usize) -> Result<(Engine, State), CliError> {
    let (mut engine, mut state) = open(args, target_epochs)?;
    for report in engine.finish_jobs() {
        if let Report::Linear(screens::linear::Report::Error(message)) | Report::Error(message) = report {
            return Err(CliError::input(message));
        }
        state.apply(report);
    }
    Ok((engine, state))
}

/// The engine and a state that has taken every screen's first report, with the exact path and its
/// cross-validation still to compute: the explorer starts here and draws at once while its worker
/// computes them (on a wide CSV that takes seconds to a minute). A scenario that belongs to a screen
/// (`dropout-1d`) opens on that screen.
pub fn open(args: &SessionArgs, target_epochs: usize) -> Result<(Engine, State), CliError> {
    let start = Start {
        source: source(args)?,
        scenario: args.scenario.clone(),
        seed: args.seed,
        epochs: target_epochs,
    };
    let (screens, labs) = screens::start(&start).map_err(CliError::input)?;
    let active = args
        .scenario
        .as_deref()
        .and_then(ScreenId::owning)
        .unwrap_or(ScreenId::ALL[0]);
    Ok((Engine::new(labs, active), State::new(screens, active)))
}

/// Shows screen `screen` (headless: as the key that switches screens would, without cycling).
pub fn show(engine: &mut Engine, state: &mut State, screen: ScreenId) {
    state.active = screen;
    for report in engine.handle(Command::Show(screen)) {
        state.apply(report);
    }
}
