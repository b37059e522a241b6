//! Building the explorer's pieces from arguments: the data source, the engine and the state. The
//! explorer, `snapshot` and `train` all start here, so they show the same thing for the same arguments.

use super::CliError;
use crate::app::State;
use crate::data::nonlinear::Shape;
use crate::data::{load_csv, Scenario, DEFAULT_SCENARIO};
use crate::engine::{Command, DataSource, Engine, Progress, Screen};
use std::path::PathBuf;

/// The lambda the explorer starts at: grid step 30 of 100, a moderately sparse lasso.
pub const DEFAULT_LAMBDA_INDEX: usize = 30;
/// The elastic-net mix it starts with.
pub const DEFAULT_MIX: f64 = 0.5;
/// Epochs trained after start (more are added whenever lambda or the mix moves).
pub const DEFAULT_EPOCHS: usize = 300;
/// Validation share of a loaded CSV.
pub const CSV_VALIDATION_FRACTION: f64 = 0.3;

/// Where the data comes from.
#[derive(Clone, Debug, Default)]
pub struct SessionArgs {
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub data: Option<PathBuf>,
    pub target: Option<String>,
}

/// The dropout screen's scenarios: `(name, dataset shape)`.
pub const DROPOUT_SCENARIOS: [(&str, Shape); 2] = [("dropout-1d", Shape::Curve), ("dropout-2d", Shape::Circles)];

/// The dropout dataset a scenario name asks for, if it is a dropout scenario.
pub fn dropout_shape(args: &SessionArgs) -> Option<Shape> {
    let name = args.scenario.as_deref()?;
    DROPOUT_SCENARIOS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, shape)| *shape)
}

/// The data source the arguments name (for a dropout scenario, the linear screen shows the default).
pub fn source(args: &SessionArgs) -> Result<DataSource, CliError> {
    let scenario = if dropout_shape(args).is_some() {
        None
    } else {
        args.scenario.clone()
    };
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
            let scenario = Scenario::named(scenario.as_deref().unwrap_or(DEFAULT_SCENARIO)).map_err(CliError::input)?;
            Ok(DataSource::Scenario(scenario))
        }
    }
}

/// The engine and a state that has taken every report of the start, the exact path and its
/// cross-validation included: computed here, to completion (the headless subcommands and tests).
pub fn start(args: &SessionArgs, target_epochs: usize) -> Result<(Engine, State), CliError> {
    let (mut engine, mut state) = open(args, target_epochs)?;
    for progress in engine.finish_path() {
        if let Progress::Error(message) = progress {
            return Err(CliError::input(message));
        }
        state.apply(progress);
    }
    Ok((engine, state))
}

/// The engine and a state that has taken its first report, with the exact path and its
/// cross-validation still to compute: the explorer starts here and draws at once while its worker
/// computes them (on a wide CSV that takes seconds to a minute).
pub fn open(args: &SessionArgs, target_epochs: usize) -> Result<(Engine, State), CliError> {
    let source = source(args)?;
    let knobs = source.default_knobs(args.seed);
    let synthetic = source.spec().is_some();
    let name = source.name().to_string();
    let (mut engine, reset) = Engine::new(source, knobs.clone(), DEFAULT_LAMBDA_INDEX, DEFAULT_MIX, target_epochs)
        .map_err(CliError::input)?;
    let mut state = State::new(&name, synthetic, knobs, DEFAULT_LAMBDA_INDEX, DEFAULT_MIX);
    state.apply(reset);
    if let Some(shape) = dropout_shape(args) {
        show_dropout(&mut engine, &mut state);
        for progress in engine.handle(Command::ResetLab {
            shape,
            seed: args.seed.unwrap_or(1),
        }) {
            state.apply(progress);
        }
    }
    Ok((engine, state))
}

/// Switches to the dropout screen (starting its lab the first time).
pub fn show_dropout(engine: &mut Engine, state: &mut State) {
    state.screen = Screen::Dropout;
    for progress in engine.handle(Command::SetScreen(Screen::Dropout)) {
        state.apply(progress);
    }
}
