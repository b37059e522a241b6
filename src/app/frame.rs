//! The whole frame: the active screen drawn by its own drawing code, the help overlay over it (the
//! active screen's keys and the global ones, from their tables), or the "too small" message.

use super::keymap::{global_hint, GLOBAL};
use super::{Global, State};
use crate::screens::keys::help_rows;
use crate::ui::help::{self, Section};
use crate::ui::{self as shared, theme, Chrome};
use ratatui::Frame;

/// Draws the whole screen.
pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let theme = theme::for_depth(state.monochrome, state.color_depth);
    if shared::too_small(area) {
        shared::render_too_small(frame, area, theme);
        return;
    }
    let chrome = Chrome {
        theme,
        monochrome: state.monochrome,
        paused: state.paused,
        message: state.message.as_deref(),
        help_key: global_hint(Global::ToggleHelp),
        switch_key: global_hint(Global::NextScreen),
        presenter: state.presenter,
    };
    state.screens.draw(state.active, frame, area, &chrome);
    if state.help {
        let sections = [
            Section {
                title: state.active.name(),
                rows: state.active.help_rows(),
            },
            Section {
                title: "every screen",
                rows: help_rows(GLOBAL),
            },
        ];
        let close = format!("{} q Esc", global_hint(Global::ToggleHelp));
        help::render(frame, area, theme, &sections, state.active.status_legend(), &close);
    }
}
