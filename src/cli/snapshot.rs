//! `regscope snapshot`: one frame of the explorer as plain text, or the state behind it as JSON,
//! headless and deterministic: training advances exactly `--epochs` epochs, then the keys are applied
//! in order, each settled before the next: its commands run by the engine (new data's exact path and
//! cross-validation included), then training runs until the active lab wants no more epochs, as the
//! explorer would let it. Without that a frame would show a new lambda beside models trained for the
//! old one. No clock is involved.

use super::session::{self, SessionArgs};
use super::CliError;
use crate::app::{keymap, update, State};
use crate::engine::Engine;
use crate::screens::ScreenId;
use crate::ui::export;
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
    /// Start on this screen (`None`: the scenario's, or the first).
    pub screen: Option<ScreenId>,
    /// Text (the frame), a picture of it (SVG, HTML, ANSI) or JSON (the state behind it).
    pub format: Format,
    /// The background and default colours of SVG and HTML.
    pub theme: ThemeFlag,
    /// Train after every key until the active lab is settled (false: the keys' commands only).
    pub settle: bool,
    /// Before the keys, train on after `epochs` until the active lab is settled too (`--epochs` not
    /// given: the frame shows what the explorer shows once it rests).
    pub settle_first: bool,
    /// A tour and the step (from 1) to draw: the session starts on that step's data and settings.
    pub tour: Option<(crate::tour::Tour, usize)>,
    /// Start in the big layout for projectors (`--big`; `+` and `-` in the keys switch it).
    pub big: bool,
}

impl Default for SnapshotArgs {
    /// The library's defaults: the default session, 120x40, exactly 300 epochs (not settled first, unlike
    /// the command without `--epochs`), no keys, text, settled after every key.
    fn default() -> Self {
        Self {
            session: SessionArgs::default(),
            width: 120,
            height: 40,
            epochs: session::DEFAULT_EPOCHS,
            keys: String::new(),
            screen: None,
            format: Format::Text,
            theme: ThemeFlag::Dark,
            settle: true,
            settle_first: false,
            tour: None,
            big: false,
        }
    }
}

/// `--format`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The frame, monochrome.
    #[default]
    Text,
    /// The state behind the frame as one JSON object (README lists its fields).
    Json,
    /// The frame as an SVG picture, in the palette's exact colours (`--theme` for the background).
    Svg,
    /// The frame as a self-contained HTML page (the SVG inline, no external files).
    Html,
    /// The frame as text with 24-bit colour escapes, for `cat` and terminal recorders.
    Ansi,
}

/// `--theme`: what stands in for the terminal's own background and text colour in a picture.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeFlag {
    /// Near-black background, light text.
    #[default]
    Dark,
    /// White background, near-black text (for slides and print).
    Light,
}

impl From<ThemeFlag> for export::Theme {
    fn from(flag: ThemeFlag) -> Self {
        match flag {
            ThemeFlag::Dark => export::Theme::Dark,
            ThemeFlag::Light => export::Theme::Light,
        }
    }
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
    /// Epochs trained before the keys are applied (at most 1000000, 100000 on the dropout screen)
    /// [default: until the models settle, as in the explorer: the linear models until they converge,
    /// the dropout networks their 1500 epochs; 300 with --no-settle]
    #[arg(long, allow_negative_numbers = true, value_parser = super::whole::<usize>(super::EPOCHS))]
    pub epochs: Option<usize>,
    /// Keys pressed after training, separated by spaces: Right Left Up Down PgUp PgDn Home End Tab
    /// BackTab Space Esc, or single characters (m 1 s r n N c C v ? ...).
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    pub keys: String,
    /// Which screen: linear (the four linear models), dropout (the neural network), geometry (two
    /// features: contours against the L1 diamond and the L2 circle) or classification (logistic
    /// regression: accuracy, weights, path).
    #[arg(long, value_enum, default_value = "linear")]
    pub screen: ScreenFlag,
    /// What to print: text (the frame, monochrome), svg, html or ansi (the frame in colour), or json
    /// (the state behind it: models, path, variants).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The look of svg and html: dark (near-black background) or light (white background)
    /// [default: dark]
    #[arg(long, value_enum)]
    pub theme: Option<ThemeFlag>,
    /// Train until the models settle, first and after every key (the default).
    #[arg(long, overrides_with = "no_settle")]
    pub settle: bool,
    /// Train exactly --epochs and apply the keys without training in between: the frame may show a
    /// new lambda beside models still trained for the old one.
    #[arg(long)]
    pub no_settle: bool,
    /// Draw a step of this built-in tour (with --step; the step names its own data and settings).
    #[arg(long = "tour", value_name = "NAME", conflicts_with_all = ["scenario", "data", "seed", "screen"])]
    pub tour_name: Option<String>,
    /// Draw a step of the tour in this file.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["tour_name", "scenario", "data", "seed", "screen"])]
    pub tour_file: Option<std::path::PathBuf>,
    /// The tour's step to draw, from 1.
    #[arg(long, value_parser = super::whole::<usize>("a step is a whole number from 1"))]
    pub step: Option<usize>,
    /// The big layout for projectors, as `--big` or `+` in the explorer: two panels, fewer and
    /// larger labels, thick bars and lines, the key numbers in the titles.
    #[arg(long)]
    pub big: bool,
}

/// `--screen`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScreenFlag {
    Linear,
    Dropout,
    Geometry,
    Classification,
}

impl SnapshotFlags {
    /// The arguments the flags give, or the size's error (bad input), or a `--theme` for a format
    /// without one (bad input: it would be silently ignored).
    pub fn args(self) -> Result<SnapshotArgs, CliError> {
        let (width, height) = parse_size(&self.size).map_err(CliError::input)?;
        let tour = super::tour::TourArgs {
            name: self.tour_name,
            tour_file: self.tour_file,
            step: self.step,
        };
        let tour = tour.tour()?;
        if self.theme.is_some() && !matches!(self.format, Format::Svg | Format::Html) {
            return Err(CliError::input(
                "--theme applies to --format svg and html only (text is monochrome, ansi uses the terminal's colours)",
            ));
        }
        Ok(SnapshotArgs {
            tour,
            session: self.session,
            width,
            height,
            epochs: self.epochs.unwrap_or(session::DEFAULT_EPOCHS),
            keys: self.keys,
            screen: Some(match self.screen {
                ScreenFlag::Linear => ScreenId::Linear,
                ScreenFlag::Dropout => ScreenId::Dropout,
                ScreenFlag::Geometry => ScreenId::Geometry,
                ScreenFlag::Classification => ScreenId::Classification,
            })
            .filter(|&screen| screen != ScreenId::Linear),
            format: self.format,
            theme: self.theme.unwrap_or_default(),
            settle: !self.no_settle,
            settle_first: self.epochs.is_none() && !self.no_settle,
            big: self.big,
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

/// Feeds one key to the state and runs what it asks of the engine; then, if the key asked the engine
/// anything (new settings, a step, pause or resume, another screen), trains until the active lab
/// wants no more epochs, unless paused: what the explorer shows once the key has had its effect. A
/// key that only changes the view (help, a panel, a scroll) trains nothing, so `--epochs` stays the
/// epochs of a frame without such keys.
/// Settling draws its epochs from `budget`.
fn press_settled(engine: &mut Engine, state: &mut State, key: &str, budget: &mut usize) -> Result<(), CliError> {
    if press_counted(engine, state, key)? > 0 {
        settle_within(engine, state, budget)?;
    }
    Ok(())
}

/// How many epochs a snapshot's settling may train in all: each change of setting may train up to
/// 100,000 epochs on data where gradient descent is slow, and a thousand keys would then run for hours
/// and keep gigabytes of history; past this the snapshot is refused instead.
pub const SETTLE_BUDGET: usize = super::MAX_EPOCHS;

/// [`train_until_settled`] that takes its epochs from `budget` and refuses (bad input: the keys ask too
/// much) when the budget runs out before the lab is settled.
fn settle_within(engine: &mut Engine, state: &mut State, budget: &mut usize) -> Result<(), CliError> {
    while engine.wants_epochs() {
        let epochs = engine.epochs_wanted().min(*budget);
        if epochs == 0 {
            return Err(CliError::input(format!(
                "settling the keys would train more than {SETTLE_BUDGET} epochs in all (gradient descent \
                 is slow on this data); use --no-settle, --epochs or fewer keys"
            )));
        }
        let before = state_epoch(state);
        state.apply(engine.advance(epochs));
        // A lab that rests before `epochs` ran used fewer: count what ran (at least one per round).
        *budget -= (state_epoch(state).saturating_sub(before)).clamp(1, epochs);
    }
    Ok(())
}

/// The active screen's epoch.
fn state_epoch(state: &State) -> usize {
    match state.active {
        ScreenId::Linear => state.screens.linear.view.epoch(),
        ScreenId::Dropout => state.screens.dropout.view.epoch(),
        // Nothing trains: the picture is exact.
        ScreenId::Geometry => 0,
        ScreenId::Classification => state.screens.classification.view.epoch(),
    }
}

/// Runs the epochs the active lab still wants, unless training is paused. Each lab's want is finite
/// (its target epoch, or the epoch limit after a change of setting), so this ends.
pub fn train_until_settled(engine: &mut Engine, state: &mut State) {
    while engine.wants_epochs() {
        let epochs = engine.epochs_wanted();
        state.apply(engine.advance(epochs));
    }
}

/// Feeds one key to the state and runs what it asks of the engine (no training beyond that).
pub fn press(engine: &mut Engine, state: &mut State, key: &str) -> Result<(), CliError> {
    press_counted(engine, state, key).map(|_| ())
}

/// [`press`], returning how many commands the key sent to the engine.
fn press_counted(engine: &mut Engine, state: &mut State, key: &str) -> Result<usize, CliError> {
    let event = keymap::parse_key(key).map_err(CliError::input)?;
    let Some(action) = keymap::action_in(state, &event) else {
        return Ok(0);
    };
    let commands = update(state, action);
    let count = commands.len();
    // A tour's step finishes once its paths are there (computed here): run what it then asks too.
    super::tour::run_now(engine, state, commands);
    Ok(count)
}

/// The state after the arguments' epochs and keys.
pub fn settle(args: &SnapshotArgs) -> Result<State, CliError> {
    let (mut engine, mut state) = match &args.tour {
        Some((tour, step)) => super::tour::open(tour.clone(), *step, args.epochs, true)?,
        None => session::start(&args.session, args.epochs)?,
    };
    state.presenter.big = args.big;
    if let Some(screen) = args.screen {
        session::show(&mut engine, &mut state, screen);
    }
    state.apply(engine.advance(args.epochs));
    let mut budget = SETTLE_BUDGET;
    if args.settle_first {
        settle_within(&mut engine, &mut state, &mut budget)?;
    }
    // The explorer draws a frame between key presses, and drawing records what the next key needs
    // (how many weight rows fit, so scrolling stops at the last feature): draw here too.
    let mut terminal = Terminal::new(TestBackend::new(args.width, args.height)).expect("a test backend never fails");
    for key in args.keys.split_whitespace() {
        terminal
            .draw(|frame| crate::app::draw(&state, frame))
            .expect("drawing into memory never fails");
        if args.settle {
            press_settled(&mut engine, &mut state, key, &mut budget)?;
        } else {
            press(&mut engine, &mut state, key)?;
        }
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

/// The frame as text or a picture, or the state behind it as JSON (one object and a newline). Every
/// format draws the same state at the same size; text is monochrome, the pictures are in the
/// palette's exact colours whatever the terminal (`e` and `E` in `--keys` write no file: headless).
pub fn run(args: &SnapshotArgs) -> Result<String, CliError> {
    check_args(args)?;
    let mut state = settle(args)?;
    Ok(render(&mut state, args.format, args.theme, (args.width, args.height)))
}

/// `state` in `format` at `size` (width, height), as [`run`] prints it.
pub fn render(state: &mut State, format: Format, theme: ThemeFlag, (width, height): (u16, u16)) -> String {
    state.monochrome = true;
    let picture = match format {
        Format::Text => return render_text(state, width, height),
        Format::Json => return json(state).to_string() + "\n",
        Format::Svg => export::Format::Svg,
        Format::Html => export::Format::Html,
        Format::Ansi => export::Format::Ansi,
    };
    state.monochrome = false;
    let buffer = crate::app::draw_true_color(state, width, height);
    picture.render(&buffer, theme.into())
}

/// The state behind the frame of the active screen, as the screen exports it.
pub fn json(state: &State) -> serde_json::Value {
    let mut value = state.screens.export(state.active);
    if let (Some(tour), Some(object)) = (&state.tour, value.as_object_mut()) {
        let step = tour.tour.step(tour.step);
        object.insert(
            "tour".into(),
            serde_json::json!({
                "name": tour.tour.name,
                "step": tour.step + 1,
                "steps": tour.tour.steps.len(),
                "title": step.title,
                "waiting": tour.waiting(),
            }),
        );
    }
    value
}

/// Refuses, before anything is computed, more epochs or keys than can be settled in reasonable time.
fn check_args(args: &SnapshotArgs) -> Result<(), CliError> {
    let tour_dropout = args
        .tour
        .as_ref()
        .is_some_and(|(tour, step)| tour.step(step.saturating_sub(1)).screen == ScreenId::Dropout);
    let dropout =
        args.screen == Some(ScreenId::Dropout) || tour_dropout || session::dropout_shape(&args.session).is_some();
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
