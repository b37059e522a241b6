//! The explorer's state: every screen's settings and view, which screen is shown, and what is
//! explorer-wide (pause, help, the status note). No drawing, no terminal, no clock.

use crate::screens::{Report, ScreenId, Screens};

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
    pub quit: bool,
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
            quit: false,
        }
    }

    /// Folds a report of the engine into the screen it belongs to.
    pub fn apply(&mut self, report: Report) {
        if let Some(message) = self.screens.apply(report) {
            self.message = Some(message);
        }
    }
}
