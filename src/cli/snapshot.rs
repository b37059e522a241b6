//! `regscope snapshot`: one frame of the explorer as plain text, headless and deterministic: training
//! advances exactly `--epochs` epochs, then the keys are applied in order, each settled (its commands
//! run by the engine, new data's exact path and cross-validation included) before the next. No clock
//! is involved.

use super::session::{self, SessionArgs};
use super::CliError;
use crate::app::{keymap, update, State};
use crate::engine::Engine;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// What to draw.
#[derive(Clone, Debug)]
pub struct SnapshotArgs {
    pub session: SessionArgs,
    pub width: u16,
    pub height: u16,
    pub epochs: usize,
    /// Key names separated by spaces, as `keymap::parse_key` reads them.
    pub keys: String,
    /// Start on the dropout screen.
    pub dropout_screen: bool,
}

/// Parses `WxH`.
pub fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once('x')
        .ok_or_else(|| format!("size {text:?} is not WxH (like 120x40)"))?;
    let parse = |v: &str| v.parse::<u16>().ok().filter(|&v| (1..=1000).contains(&v));
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!("size {text:?} is not WxH with sides from 1 to 1000")),
    }
}

/// Feeds one key to the state and runs what it asks of the engine.
pub fn press(engine: &mut Engine, state: &mut State, key: &str) -> Result<(), CliError> {
    let event = keymap::parse_key(key).map_err(CliError::input)?;
    if let Some(action) = keymap::action_for(&event) {
        for command in update(state, action) {
            for progress in engine.handle_now(command) {
                state.apply(progress);
            }
        }
    }
    Ok(())
}

/// The state after the arguments' epochs and keys.
pub fn settle(args: &SnapshotArgs) -> Result<State, CliError> {
    let (mut engine, mut state) = session::start(&args.session, args.epochs)?;
    if args.dropout_screen {
        session::show_dropout(&mut engine, &mut state);
    }
    state.apply(engine.advance(args.epochs));
    for key in args.keys.split_whitespace() {
        press(&mut engine, &mut state, key)?;
    }
    Ok(state)
}

/// Draws `state` into a `width x height` buffer and returns its text, one line per row (trailing
/// spaces removed).
pub fn render_text(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend never fails");
    terminal
        .draw(|frame| crate::ui::draw(state, frame))
        .expect("drawing into memory never fails");
    buffer_text(terminal.backend().buffer())
}

/// The characters of a buffer, row by row.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The frame as text.
pub fn run(args: &SnapshotArgs) -> Result<String, CliError> {
    check_args(args)?;
    let mut state = settle(args)?;
    state.monochrome = true;
    Ok(render_text(&state, args.width, args.height))
}

/// Refuses, before anything is computed, more epochs or keys than can be settled in reasonable time.
fn check_args(args: &SnapshotArgs) -> Result<(), CliError> {
    let dropout = args.dropout_screen || session::dropout_shape(&args.session).is_some();
    super::check_epochs(args.epochs, dropout)?;
    let keys = args.keys.split_whitespace().count();
    if keys > super::MAX_KEYS {
        return Err(CliError::input(format!(
            "--keys has {keys} keys, more than {}, the most a snapshot applies",
            super::MAX_KEYS
        )));
    }
    Ok(())
}
