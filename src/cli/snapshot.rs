//! `regscope snapshot`: one frame of the explorer as plain text, headless and deterministic: training
//! advances exactly `--epochs` epochs, then the keys are applied in order, each settled (its commands
//! run by the engine, new data's exact path and cross-validation included) before the next. No clock
//! is involved.

use super::session::{self, SessionArgs};
use super::CliError;
use crate::app::{keymap, update, State};
use crate::engine::Engine;
use crate::screens::ScreenId;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// What to draw. Its flags are [`SnapshotFlags`]: `--size WxH` gives two fields.
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

/// `regscope snapshot`'s flags, as written; [`SnapshotFlags::args`] reads them into [`SnapshotArgs`].
/// (The size is checked there, so that a bad one is refused with the project's one-line message.)
#[derive(clap::Args, Clone, Debug)]
pub struct SnapshotFlags {
    #[command(flatten)]
    pub session: SessionArgs,
    /// Terminal size as WxH.
    #[arg(long, default_value = "120x40")]
    pub size: String,
    /// Epochs trained before the keys are applied (at most 1000000, 100000 on the dropout screen).
    #[arg(long, default_value_t = session::DEFAULT_EPOCHS, allow_negative_numbers = true,
          value_parser = super::whole::<usize>(super::EPOCHS))]
    pub epochs: usize,
    /// Keys pressed after training, separated by spaces: Right Left Up Down PgUp PgDn Home End Tab
    /// BackTab Space Esc, or single characters (m 1 s r n N c C v ? ...).
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    pub keys: String,
    /// Which screen: linear (the four linear models) or dropout (the neural network).
    #[arg(long, value_enum, default_value = "linear")]
    pub screen: ScreenFlag,
}

/// `--screen`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScreenFlag {
    Linear,
    Dropout,
}

impl SnapshotFlags {
    /// The arguments the flags give, or the size's error (bad input).
    pub fn args(self) -> Result<SnapshotArgs, CliError> {
        let (width, height) = parse_size(&self.size).map_err(CliError::input)?;
        Ok(SnapshotArgs {
            session: self.session,
            width,
            height,
            epochs: self.epochs,
            keys: self.keys,
            dropout_screen: self.screen == ScreenFlag::Dropout,
        })
    }
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
    if let Some(action) = keymap::action_for(state.active, &event) {
        for command in update(state, action) {
            for report in engine.handle_now(command) {
                state.apply(report);
            }
        }
    }
    Ok(())
}

/// The state after the arguments' epochs and keys.
pub fn settle(args: &SnapshotArgs) -> Result<State, CliError> {
    let (mut engine, mut state) = session::start(&args.session, args.epochs)?;
    if args.dropout_screen {
        session::show(&mut engine, &mut state, ScreenId::Dropout);
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
        .draw(|frame| crate::app::draw(state, frame))
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
