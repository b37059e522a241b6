//! The geometry screen: the (w0, w1) plane beside the one-dimensional estimators, the status under
//! them.
//!
//! ```text
//! ┌ Plane: ○ least squares ● lasso ─ |w0|+|w1| ≤ t ┈ loss ┐┌ Shrinkage at λ: lasso ridge subset ┐
//! │ contours around ○, the diamond, the path ·· to 0       ││ estimate against least squares     │
//! └────────────────────────────────────────────────────────┘└────────────────────────────────────┘
//! status: penalty, λ, budget, both solutions and their losses, the first zero; keys
//! ```
//!
//! Every mark is named where it is drawn (○, ●, ×, †, the axis names) and in the titles; the
//! penalty's colour is its model's on the linear screen; contours are dotted and the touching one
//! solid, so the picture reads in monochrome.

mod plane;
mod shrinkage;
mod status;

use super::view::{Panel, View};
use super::Screen;
use crate::ui::{Chrome, Presenter};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// Draws the geometry screen into `area`: the panels, then the status lines (at most half the height).
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let mut status = status::status_lines(screen, chrome, area.width);
    if chrome.presenter.zoom {
        status.truncate(2);
    }
    let status_height = (status.len() as u16).min(area.height / 2);
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    let view = &screen.view;
    for (panel, rect) in layout(view, chrome.presenter, body) {
        let block = crate::ui::panels::frame(panel == view.panel, chrome.theme);
        match panel {
            Panel::Plane => plane::render(frame, rect, &view.picture, chrome.theme, block),
            Panel::Shrinkage => shrinkage::render(frame, rect, &view.picture, chrome.theme, block),
        }
    }
    frame.render_widget(Paragraph::new(status).wrap(Wrap { trim: true }), status_area);
}

/// The focused panel alone when zoomed (or when it is the only one shown), else the plane and the
/// estimators side by side, the plane wider: it needs room in both directions.
fn layout(view: &View, presenter: Presenter, area: Rect) -> Vec<(Panel, Rect)> {
    let shown = crate::ui::panels::shown(&Panel::ALL, &view.hidden);
    if let Some(panel) = crate::ui::panels::alone(&shown, view.panel, presenter.zoom) {
        return vec![(panel, area)];
    }
    let [left, right] = Layout::horizontal([Constraint::Percentage(62), Constraint::Fill(1)]).areas(area);
    vec![(Panel::Plane, left), (Panel::Shrinkage, right)]
}

/// A style with a colour of its own, so printed text does not take the colour of the braille line
/// under it (a style without one keeps the cell's).
fn solid(style: ratatui::style::Style) -> ratatui::style::Style {
    style.fg(colour(style))
}

/// The colour of a style for a canvas shape (shapes take a colour, not a style).
fn colour(style: ratatui::style::Style) -> ratatui::style::Color {
    style.fg.unwrap_or(ratatui::style::Color::Reset)
}
