//! The classification screen's drawing: a pure function of its [`Screen`].
//!
//! ```text
//! at 120x36 and larger                          from 60x20 to there (80x24)
//! ┌ log-loss / accuracy ────┐┌ Weights ────────┐  ┌ Curves (or path) ──┐┌ Weights ──┐
//! │ train/validation curves ││ bars per feature││  │ Tab shows the path ││ (or the   │
//! └─────────────────────────┘│ and model, or   ││  │ here (or below it, ││ boundaries│
//! ┌ Lasso path ─────────────┐│ the boundaries  ││  │ when tall enough)  ││ in 2-D)   │
//! │ coefficients, CV        ││ in 2-D          ││  └────────────────────┘└───────────┘
//! └─────────────────────────┘└─────────────────┘│  status
//! status
//! ```

mod curves;
mod path;
mod plane;
mod status;
mod weights;

use super::view::{Panel, View};
use super::Screen;
use crate::ui::format::short;
use crate::ui::theme::Theme;
use crate::ui::{Chrome, Presenter, FULL_SIZE};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// From this many rows, the compact layout shows the path under the curves instead of in their place.
const COMPACT_PATH_BELOW: u16 = 30;

/// How a chart panel draws in the presenter view.
pub(super) struct Look<'a> {
    pub theme: &'a Theme,
    /// The big layout: fewer labels, thick lines.
    pub big: bool,
    /// The key numbers for a title with this much room (`None`: not shown, or no room).
    pub numbers: &'a dyn Fn(usize) -> Option<Line<'static>>,
}

/// Draws the classification screen into `area`.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let theme = chrome.theme;
    let view = &screen.view;
    let presenter = chrome.presenter;
    let mut status_lines = status::lines(screen, chrome, area.width);
    if presenter.zoom {
        status_lines.truncate(1);
    }
    let status_height = status_lines.len() as u16;
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    let full = !presenter.big && area.width >= FULL_SIZE.0 && area.height >= FULL_SIZE.1;
    // Zoomed or big, the curves' title carries each model's key numbers, read from the back row.
    let numbers = |room: usize| {
        presenter
            .key_numbers()
            .then(|| key_numbers(screen, room, theme))
            .flatten()
    };
    for (panel, rect) in layout(view, presenter, full, body) {
        let block = crate::ui::panels::frame(panel == view.panel, theme);
        let look = Look {
            theme,
            big: presenter.big,
            numbers: &numbers,
        };
        match panel {
            Panel::Curves => curves::render(frame, rect, view, block, &look),
            Panel::Path => path::render(frame, rect, screen, block, &look),
            Panel::Weights if view.data.points.is_some() => plane::render(frame, rect, view, theme, block),
            Panel::Weights => weights::render(frame, rect, view, theme, block, presenter.big),
        }
    }
    frame.render_widget(Paragraph::new(status_lines), status_area);
}

/// Where each shown panel goes in `body`: the focused one alone when zoomed; else every panel not
/// hidden, all three only at full size, the others giving their room.
fn layout(view: &View, presenter: Presenter, full: bool, body: Rect) -> Vec<(Panel, Rect)> {
    let shown = crate::ui::panels::shown(&Panel::ALL, &view.hidden);
    if let Some(panel) = crate::ui::panels::alone(&shown, view.panel, presenter.zoom) {
        return vec![(panel, body)];
    }
    let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let charts: Vec<Panel> = shown.iter().copied().filter(|&p| p != Panel::Weights).collect();
    let stack = full || (!presenter.big && body.height >= COMPACT_PATH_BELOW);
    let (charts_area, mut panels) = if shown.contains(&Panel::Weights) {
        (left, vec![(Panel::Weights, right)])
    } else {
        (body, Vec::new())
    };
    if stack && charts.len() == 2 {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(charts_area);
        panels.extend([(Panel::Curves, top), (Panel::Path, bottom)]);
    } else if charts.contains(&view.panel) {
        panels.push((view.panel, charts_area));
    } else if let Some(&first) = charts.first() {
        panels.push((first, charts_area));
    }
    panels
}

/// Every model's validation accuracy (and each penalized model's lambda) in as much of `room` cells
/// as fit: "none val 80% │ L2 λ 0.13 val 81% │ ..." or, shorter, "none 80% L2 81% ...".
fn key_numbers(screen: &Screen, room: usize, theme: &Theme) -> Option<Line<'static>> {
    let long: Vec<String> = super::MODELS
        .iter()
        .zip(&screen.view.models)
        .map(|(&id, model)| {
            let lambda = screen.lambda(id).map_or(String::new(), |l| format!(" λ {}", short(l)));
            let val = model
                .last()
                .map_or("-".into(), |e| format!("{:.0}%", 100.0 * e.val_accuracy));
            format!("{}{lambda} val {val}", id.short())
        })
        .collect();
    let short_form: Vec<String> = super::MODELS
        .iter()
        .zip(&screen.view.models)
        .map(|(&id, model)| {
            let val = model
                .last()
                .map_or("-".into(), |e| format!("{:.0}%", 100.0 * e.val_accuracy));
            format!("{} {val}", id.short())
        })
        .collect();
    let text = [long.join(" │ "), short_form.join(" ")]
        .into_iter()
        .find(|t| t.chars().count() <= room)?;
    Some(Line::from(ratatui::text::Span::styled(
        format!(" {text} "),
        theme.cursor,
    )))
}
