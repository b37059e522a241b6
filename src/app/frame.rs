//! The whole frame: the active screen drawn by its own drawing code, the help overlay over it (the
//! active screen's keys and the global ones, from their tables), or the "too small" message.

use super::keymap::{global_hint, GLOBAL, TOUR};
use super::tour::TourState;
use super::{Global, State};
use crate::screens::keys::help_rows;
use crate::ui::help::{self, Section};
use crate::ui::narration::{self, Narration};
use crate::ui::{self as shared, theme, Chrome};
use ratatui::layout::Rect;
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
    let (screen_area, tour_area) = split_for_tour(state, area);
    state.screens.draw(state.active, frame, screen_area, &chrome);
    if let (Some(tour), Some(tour_area)) = (&state.tour, tour_area) {
        let narration = narration_of(tour, state.presenter.zoom);
        let cut = narration::render(frame, area, tour_area, theme, &narration);
        tour.narration_cut.set(cut);
    }
    if state.help {
        let mut sections = vec![
            Section {
                title: state.active.name(),
                rows: state.active.help_rows(),
            },
            Section {
                title: "every screen",
                rows: help_rows(GLOBAL),
            },
        ];
        if state.tour.is_some() {
            sections.insert(
                0,
                Section {
                    title: "tour (before the keys below)",
                    rows: help_rows(TOUR),
                },
            );
        }
        let close = format!("{} q Esc", global_hint(Global::ToggleHelp));
        help::render(frame, area, theme, &sections, state.active.status_legend(), &close);
    }
}

/// The screen's area and, during a tour, the narration panel's under it.
fn split_for_tour(state: &State, area: Rect) -> (Rect, Option<Rect>) {
    let Some(tour) = &state.tour else {
        return (area, None);
    };
    let rows = narration::height(&narration_of(tour, state.presenter.zoom), area);
    let screen = Rect {
        height: area.height - rows,
        ..area
    };
    let panel = Rect {
        y: area.y + screen.height,
        height: rows,
        ..area
    };
    (screen, Some(panel))
}

/// What the narration panel shows of the tour's present step.
fn narration_of(tour: &TourState, zoomed: bool) -> Narration<'_> {
    let step = tour.tour.step(tour.step);
    Narration {
        step: tour.step + 1,
        steps: tour.tour.steps.len(),
        title: &step.title,
        text: &step.narration,
        question: step.question.as_deref(),
        shown: tour.narration,
        waiting: tour.waiting(),
        keys: "→ next  ← back  t text  b reset  ? help",
        short_keys: "→ ← t b ?",
        zoomed,
    }
}
