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
//!
//! The presenter view (`ui::Presenter`, and the view's hidden panels) changes only where panels go:
//! zoomed, the focused panel takes the whole body over a one-line status; big, the compact layout at
//! every size (two panels, the third a Tab away) with whole-cell bars and thick lines; a hidden panel's
//! room goes to the others. Zoomed or big, each title carries its key numbers (lambda, nonzeros,
//! validation error), read from the back row rather than from the status line.

mod loss;
mod path;
mod status;
pub mod weights;

use super::view::{Panel, View};
use super::{ModelId, Screen};
use crate::ui::format::short;
use crate::ui::theme::Theme;
use crate::ui::{Chrome, Presenter, FULL_SIZE};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// From this many rows, the compact layout shows the path under the losses instead of in their place.
const COMPACT_PATH_BELOW: u16 = 30;

/// The weights panel's width for five columns of bars five cells wide beside short feature names.
const COMPACT_WEIGHTS_WIDTH: u16 = 37;

/// The penalized models, the lasso first: whose numbers a title carries.
const PENALIZED: [ModelId; 3] = [ModelId::Lasso, ModelId::Ridge, ModelId::ElasticNet];

/// Draws the linear screen into `area`.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let theme = chrome.theme;
    let view = &screen.view;
    let presenter = chrome.presenter;
    // The status wraps onto as many lines as the width needs; zoomed, its first line only.
    let mut status_lines = status::lines(screen, chrome, area.width);
    if presenter.zoom {
        status_lines.truncate(1);
    }
    let status_height = status_lines.len() as u16;
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    let full = !presenter.big && area.width >= FULL_SIZE.0 && area.height >= FULL_SIZE.1;
    for (panel, rect) in layout(view, presenter, full, body) {
        let block = crate::ui::panels::frame(panel == view.panel, theme);
        // The key numbers of the panel's models in the room its own title leaves, if shown at all.
        let models: &[ModelId] = match panel {
            Panel::Path => std::slice::from_ref(&view.path_model),
            _ => &PENALIZED,
        };
        let numbers = |used: usize| {
            let room = (rect.width as usize).saturating_sub(used + 3);
            presenter
                .key_numbers()
                .then(|| key_numbers(screen, models, room, theme))
                .flatten()
        };
        let look = Look {
            theme,
            big: presenter.big,
            numbers: &numbers,
        };
        match panel {
            Panel::Loss => loss::render(frame, rect, view, block, &look),
            Panel::Path => path::render(frame, rect, screen, block, &look),
            Panel::Weights => {
                let title = weights::title(view, theme, rect.width, presenter.big).width();
                let block = match numbers(title + 1) {
                    Some(mut line) => {
                        line.spans.insert(0, Span::raw(" "));
                        block.title(line.alignment(Alignment::Right))
                    }
                    None => block,
                };
                weights::render(frame, rect, view, theme, block, presenter.big);
            }
        }
    }
    frame.render_widget(Paragraph::new(status_lines), status_area);
}

/// Where each shown panel goes in `body`: the focused one alone when zoomed; else every panel not
/// hidden, all three only at full size (never in the big layout), the others giving their room.
fn layout(view: &View, presenter: Presenter, full: bool, body: Rect) -> Vec<(Panel, Rect)> {
    let shown = crate::ui::panels::shown(&Panel::ALL, &view.hidden);
    if let Some(panel) = crate::ui::panels::alone(&shown, view.panel, presenter.zoom) {
        return vec![(panel, body)];
    }
    if full && shown.len() == 3 {
        let [left, right] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        let [top, bottom] = Layout::vertical([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(left);
        return vec![(Panel::Loss, top), (Panel::Path, bottom), (Panel::Weights, right)];
    }
    let charts: Vec<Panel> = shown.iter().copied().filter(|&p| p != Panel::Weights).collect();
    let stack = !presenter.big && body.height >= COMPACT_PATH_BELOW;
    if !shown.contains(&Panel::Weights) {
        // The loss and the path: one above the other when tall enough, else side by side.
        let [a, b] = if stack {
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body)
        } else {
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body)
        };
        return vec![(Panel::Loss, a), (Panel::Path, b)];
    }
    // The weights get room for bars of five cells (and their numbers) when that takes at most
    // 47% of the width, else 40%.
    let weights_width = (body.width * 2 / 5).max(COMPACT_WEIGHTS_WIDTH.min(body.width * 47 / 100));
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(weights_width)]).areas(body);
    let mut panels = vec![(Panel::Weights, right)];
    if stack && charts.len() == 2 {
        let [top, bottom] = Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(left);
        panels.extend([(Panel::Loss, top), (Panel::Path, bottom)]);
    } else if charts.contains(&view.panel) {
        panels.push((view.panel, left));
    } else {
        panels.push((charts[0], left));
    }
    panels
}

/// How a chart panel draws in the presenter view.
pub(super) struct Look<'a> {
    pub theme: &'a Theme,
    /// The big layout: fewer ticks, thick lines, the series named in full.
    pub big: bool,
    /// The key numbers for a title whose own part is this many cells wide (`None`: not shown, or no
    /// room).
    pub numbers: &'a dyn Fn(usize) -> Option<Line<'static>>,
}

/// The name of a model spelled out, for the titles of the presenter view.
pub(super) fn long_name(model: ModelId) -> &'static str {
    match model {
        ModelId::Unregularized => "Unregularized",
        ModelId::Ridge => "Ridge",
        ModelId::Lasso => "Lasso",
        ModelId::ElasticNet => "Elastic net",
    }
}

/// One model's key numbers: its lambda, nonzeros and validation MSE (`long`: "Lasso λ 0.42 · 7/50
/// nonzero · val MSE 30.1"; else "L1 λ 0.42 · 7/50 nz · val 30.1").
fn model_numbers(screen: &Screen, model: ModelId, long: bool) -> String {
    let m = model as usize;
    let state = &screen.view.models[m];
    let (name, nonzero, val) = if long {
        (long_name(model), "nonzero", "val MSE")
    } else {
        (model.short(), "nz", "val")
    };
    let lambda = screen
        .lambda(model)
        .map_or(String::new(), |l| format!(" λ {}", short(l)));
    let mse = state.history.last().map_or("-".into(), |l| short(l.mse().1));
    let p = state.weights.len();
    format!(
        "{name}{lambda} · {}/{p} {nonzero} · {val} {mse}",
        screen.view.nonzeros(m)
    )
}

/// The key numbers of `models` in as much of `room` cells as they fit: every model spelled out, then
/// abbreviated, then the first alone (spelled out, then abbreviated); `None` when not even that fits.
fn key_numbers(screen: &Screen, models: &[ModelId], room: usize, theme: &Theme) -> Option<Line<'static>> {
    let join = |models: &[ModelId], long: bool| {
        models
            .iter()
            .map(|&m| model_numbers(screen, m, long))
            .collect::<Vec<_>>()
            .join(" │ ")
    };
    let first = &models[..1.min(models.len())];
    let text = [
        join(models, true),
        join(models, false),
        join(first, true),
        join(first, false),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= room)?;
    Some(Line::from(Span::styled(format!("{text} "), theme.cursor)))
}
