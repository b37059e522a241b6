//! `regscope tour`: the list of tours, and the pieces that open one (in the explorer, or headless for
//! `snapshot --tour`).

use super::session::{self, SessionArgs};
use super::CliError;
use crate::app::{tour, State};
use crate::engine::{Command, Engine};
use crate::tour::Tour;
use std::path::PathBuf;

/// Which tour, from where, and at which step.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct TourArgs {
    /// The built-in tour to give (without a name and a file: list the tours).
    pub name: Option<String>,
    /// Give a tour written in a file instead (the format is in README).
    #[arg(long, conflicts_with = "name")]
    pub tour_file: Option<PathBuf>,
    /// The step to start at, from 1 [default: 1].
    #[arg(long, value_parser = super::whole::<usize>("a step is a whole number from 1"))]
    pub step: Option<usize>,
}

impl TourArgs {
    /// The tour the arguments name and the step (from 1), if they name one (bad files, unknown names,
    /// a step off the tour or a step without a tour are bad input).
    pub fn tour(&self) -> Result<Option<(Tour, usize)>, CliError> {
        let tour = match (&self.name, &self.tour_file) {
            (_, Some(path)) => Tour::load(path),
            (Some(name), None) => Tour::named(name),
            (None, None) if self.step.is_some() => {
                return Err(CliError::input(
                    "--step goes with a tour (a name, --tour or --tour-file)",
                ))
            }
            (None, None) => return Ok(None),
        };
        let tour = tour.map_err(|e| CliError::input(e.to_string()))?;
        let step = self.step.unwrap_or(1);
        if step == 0 || step > tour.steps.len() {
            return Err(CliError::input(format!(
                "--step {step}: the tour {:?} has steps 1 to {}",
                tour.name,
                tour.steps.len()
            )));
        }
        Ok(Some((tour, step)))
    }
}

/// The built-in tours, one line each: name, number of steps, title.
pub fn list() -> Result<String, CliError> {
    let mut out = String::new();
    for tour in Tour::all() {
        let tour = tour.map_err(|e| CliError::other(e.to_string()))?;
        out.push_str(&format!(
            "{:<16} {:>2} steps  {}\n",
            tour.name,
            tour.steps.len(),
            tour.title
        ));
    }
    out.push_str("regscope tour NAME gives one in the explorer; snapshot --tour NAME --step K draws a step\n");
    Ok(out)
}

/// The engine and state of a session that gives `tour` from step `step` (1-based), started on that
/// step's data; with `finish` the exact paths are computed here and the step completed (headless),
/// else they are left to the explorer's worker (which the step then waits for: `tour::follow_up`).
pub fn open(tour: Tour, step: usize, epochs: usize, finish: bool) -> Result<(Engine, State), CliError> {
    let first = tour.step(step.saturating_sub(1));
    let session = SessionArgs {
        scenario: Some(first.scenario.clone()),
        seed: first.seed,
        ..SessionArgs::default()
    };
    let (mut engine, mut state) = if finish {
        session::start(&session, epochs)?
    } else {
        session::open(&session, epochs)?
    };
    let commands = tour::start(&mut state, tour, step.saturating_sub(1));
    if finish {
        run_now(&mut engine, &mut state, commands);
    } else {
        // Configure and Show are cheap here; their long work goes to the worker once it runs.
        for command in commands {
            for report in engine.handle(command) {
                state.apply(report);
            }
        }
    }
    Ok((engine, state))
}

/// Runs `commands` and everything they start here, to completion, then what the tour's step still
/// had waiting for their reports, until nothing is left.
pub fn run_now(engine: &mut Engine, state: &mut State, mut commands: Vec<Command>) {
    while !commands.is_empty() {
        for command in commands {
            for report in engine.handle_now(command) {
                state.apply(report);
            }
        }
        commands = tour::follow_up(state);
    }
}
