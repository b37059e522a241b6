//! The linear screen's drawing: a pure function of its [`Screen`] (settings and view). The one thing a
//! frame records is how many feature rows the weights panel had room for (`View::weights_rows`), so
//! that scrolling stops where the last one shows.
//!
//! ```text
//! at 120x36 and larger                          from 60x20 to there (80x24: SSH, projectors)
//! ┌ Loss ───────────────────┐┌ Weights ────────┐  ┌ Loss (or path) ────┐┌ Weights ──┐
//! │ train/validation curves ││ signed bars per ││  │ Tab shows the path ││ support   │
//! └─────────────────────────┘│ feature & model ││  │ here (or below it, ││ rows first│
//! ┌ Lasso path ─────────────┐│                 ││  │ when tall enough)  ││           │
//! │ nonzeros, coefficients  ││                 ││  └────────────────────┘└───────────┘
//! │ CV / validation error   ││                 ││  status (3 lines)
//! └─────────────────────────┘└─────────────────┘│
//! status (2 lines)
//! ```
//!
//! Smaller than full size, lambda (the status), the losses and the top rows of the weights are still
//! on screen together: the comparison the screen exists for is never split over tabs.

mod loss;
mod path;
mod status;
pub mod weights;

use super::view::Panel;
use super::Screen;
use crate::ui::{Chrome, FULL_SIZE};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

/// From this many rows, the compact layout shows the path under the losses instead of in their place.
const COMPACT_PATH_BELOW: u16 = 30;

/// The weights panel's width for five columns of bars five cells wide beside short feature names.
const COMPACT_WEIGHTS_WIDTH: u16 = 37;

/// Draws the linear screen into `area`.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let theme = chrome.theme;
    let view = &screen.view;
    // The status wraps onto as many lines as the width needs.
    let status_height = status::lines(screen, chrome, area.width).len() as u16;
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    let block = |panel: Panel| {
        let style = if panel == view.panel {
            theme.border_focus
        } else {
            theme.border
        };
        Block::default().borders(Borders::ALL).border_style(style)
    };
    if area.width >= FULL_SIZE.0 && area.height >= FULL_SIZE.1 {
        let [left, right] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        let [top, bottom] = Layout::vertical([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(left);
        loss::render(frame, top, view, theme, block(Panel::Loss));
        path::render(frame, bottom, screen, theme, block(Panel::Path));
        weights::render(frame, right, view, theme, block(Panel::Weights));
    } else {
        // The weights get room for bars of five cells (and their numbers) when that takes at most
        // 47% of the width, else 40%.
        let weights_width = (body.width * 2 / 5).max(COMPACT_WEIGHTS_WIDTH.min(body.width * 47 / 100));
        let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(weights_width)]).areas(body);
        weights::render(frame, right, view, theme, block(Panel::Weights));
        if left.height >= COMPACT_PATH_BELOW {
            let [top, bottom] = Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(left);
            loss::render(frame, top, view, theme, block(Panel::Loss));
            path::render(frame, bottom, screen, theme, block(Panel::Path));
        } else if view.panel == Panel::Path {
            path::render(frame, left, screen, theme, block(Panel::Path));
        } else {
            loss::render(frame, left, view, theme, block(Panel::Loss));
        }
    }
    status::render(frame, status_area, screen, chrome);
}
