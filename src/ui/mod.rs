//! Shared drawing: the theme, number formats, the loss-chart helpers, the help frame and the
//! "terminal too small" message. Pure functions of values (no I/O, no clock, no fitting); every
//! screen draws itself with these (`src/screens/<name>/draw*`), and `app::draw` composes the frame.

pub mod bars;
pub mod curves;
pub mod export;
pub mod format;
pub mod help;
pub mod narration;
pub mod panels;
pub mod plot;
pub mod theme;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use theme::Theme;

/// The smallest terminal the explorer draws in.
pub const MIN_SIZE: (u16, u16) = (60, 20);
/// From this size on, every panel is visible at once.
pub const FULL_SIZE: (u16, u16) = (120, 36);

/// The presenter view, for instructors in front of a room: explorer-wide, so it stays when the screen
/// changes. Which panel has the focus, and which are hidden, are each screen's own (its view).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Presenter {
    /// The focused panel fills the screen (`z`); a one-line status stays under it.
    pub zoom: bool,
    /// The large layout for projectors (`+` / `-`, `--big`): terminals cannot change their font, so
    /// "big" is fewer elements with more room each: two panels at most, fewer ticks, bold titles,
    /// whole-cell bars, thicker lines, and the key numbers in the titles.
    pub big: bool,
}

impl Presenter {
    /// Whether titles carry the key numbers (lambda, nonzeros, validation error; p, decay, losses):
    /// the zoomed panel and the big layout are read from the back row, not from the status line.
    pub fn key_numbers(self) -> bool {
        self.zoom || self.big
    }
}

/// What a screen's drawing needs besides its own view: the look and the explorer-wide state.
#[derive(Clone, Copy, Debug)]
pub struct Chrome<'a> {
    pub theme: &'static Theme,
    /// Monochrome drawing (NO_COLOR, `--color never`, tests).
    pub monochrome: bool,
    pub paused: bool,
    /// A one-line note for the status line (a key that does nothing here, an error).
    pub message: Option<&'a str>,
    /// The labels of the global keys a status line mentions, from the global binding table.
    pub help_key: &'static str,
    pub switch_key: &'static str,
    /// Zoom and the big layout.
    pub presenter: Presenter,
}

impl Chrome<'_> {
    /// "running" or "paused", then where help is: the part of the status line every screen shows.
    pub fn run_state(&self) -> [Span<'static>; 4] {
        let state = if self.paused {
            Span::styled(" paused ", self.theme.warning)
        } else {
            Span::styled("running", self.theme.cursor)
        };
        [
            state,
            Span::raw(" "),
            Span::styled(self.help_key, self.theme.key),
            Span::raw(" help "),
        ]
    }

    /// "paused", "training" or "settled", then where help is: the status of a screen whose models
    /// train until they converge (`training`: some model still does), so it never says "running"
    /// while nothing trains.
    pub fn settle_state(&self, training: bool) -> Vec<Span<'static>> {
        let state = if self.paused {
            Span::styled(" paused ", self.theme.warning)
        } else if training {
            Span::styled("training", self.theme.cursor)
        } else {
            Span::styled("settled", self.theme.text)
        };
        vec![
            state,
            Span::raw(" "),
            Span::styled(self.help_key, self.theme.key),
            Span::raw(" help"),
        ]
    }
}

/// Whether `area` is too small to draw a screen in.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// The message drawn instead of a screen when the terminal is too small.
pub fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let message = format!(
        "terminal too small: need {}x{}, have {}x{}",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    let line = Rect {
        x: area.x,
        y: area.y + area.height / 2,
        width: area.width,
        height: 1.min(area.height),
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(message, theme.warning))).centered(),
        line,
    );
}
