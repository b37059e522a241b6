//! The explorer's state: every screen's settings and view, which screen is shown, and what is
//! explorer-wide (pause, help, the status note). No drawing, no terminal, no clock.

use crate::screens::{Report, ScreenId, Screens};
use crate::ui::export;
use crate::ui::theme::Depth;
use crate::ui::Presenter;
use std::path::PathBuf;

/// The explorer's state.
#[derive(Clone, Debug)]
pub struct State {
    /// Every screen's settings (the only copy of what the user set) and view.
    pub screens: Screens,
    /// The screen shown; its lab is the one that trains.
    pub active: ScreenId,
    pub paused: bool,
    pub help: bool,
    /// A one-line note for the status bar (a key that does nothing here, an error).
    pub message: Option<String>,
    /// Monochrome drawing (NO_COLOR, `--color never`, tests).
    pub monochrome: bool,
    /// The colour depth to draw at; `None` is what the terminal reports. Exported pictures draw at
    /// true colour, the palette's exact RGB.
    pub color_depth: Option<Depth>,
    /// A picture of the frame asked for (`e`, `E`) and not yet written: the explorer's loop writes it
    /// with [`crate::app::export_frame`], which knows the terminal's size and the time; `snapshot`,
    /// headless, ignores it.
    pub export_request: Option<export::Format>,
    /// The folder exported pictures are written to (the working folder; tests point it elsewhere).
    pub export_dir: PathBuf,
    /// The presenter view: zoom and the big layout (`z`, `+`, `-`, `--big`).
    pub presenter: Presenter,
    pub quit: bool,
    /// The tour being given, if any (`regscope tour NAME`).
    pub tour: Option<super::tour::TourState>,
}

impl State {
    pub fn new(screens: Screens, active: ScreenId) -> Self {
        Self {
            screens,
            active,
            paused: false,
            help: false,
            message: None,
            monochrome: false,
            color_depth: None,
            export_request: None,
            export_dir: PathBuf::from("."),
            presenter: Presenter::default(),
            quit: false,
            tour: None,
        }
    }

    /// Folds a report of the engine into the screen it belongs to.
    pub fn apply(&mut self, report: Report) {
        if let Some(message) = self.screens.apply(report) {
            self.message = Some(message);
        }
    }
}
