//! The linear screen's drawing: a pure function of its [`Screen`] (settings and view). The one thing a
//! frame records is how many feature rows the weights panel had room for (`View::weights_rows`), so
//! that scrolling stops where the last one shows.
//!
//! ```text
//! at 120x36 and larger                          at 60x20 .. 120x36: one panel per tab
//! ┌ Loss ───────────────────┐┌ Weights ────────┐  ┌ Loss │ Weights │ Lasso path ┐
//! │ train/validation curves ││ signed bars per ││  │ the selected panel          │
//! └─────────────────────────┘│ feature & model ││  │                             │
//! ┌ Lasso path ─────────────┐│                 ││  └─────────────────────────────┘
//! │ nonzeros, coefficients  ││                 ││  status (3 lines)
//! │ CV / validation error   ││                 ││
//! └─────────────────────────┘└─────────────────┘│
//! status (2 lines)
//! ```

mod loss;
mod path;
mod status;
pub mod weights;

use super::view::Panel;
use super::Screen;
use crate::ui::{Chrome, FULL_SIZE};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Tabs};
use ratatui::Frame;

/// Draws the linear screen into `area`.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let theme = chrome.theme;
    let view = &screen.view;
    // At full size the status fits two lines; narrower, it wraps onto a third.
    let status_height = if area.width >= FULL_SIZE.0 { 2 } else { 3 };
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
        let [tabs_area, panel_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
        let selected = Panel::ALL.iter().position(|&p| p == view.panel).unwrap_or(0);
        let tabs = Tabs::new(Panel::ALL.iter().map(|p| p.title()))
            .select(selected)
            .style(theme.dim)
            .highlight_style(theme.tab_selected);
        frame.render_widget(tabs, tabs_area);
        let plain = Block::default().borders(Borders::ALL).border_style(theme.border_focus);
        match view.panel {
            Panel::Loss => loss::render(frame, panel_area, view, theme, plain),
            Panel::Weights => weights::render(frame, panel_area, view, theme, plain),
            Panel::Path => path::render(frame, panel_area, screen, theme, plain),
        }
    }
    status::render(frame, status_area, screen, chrome);
}
