//! Drawing: a pure function of [`State`] (no I/O, no clock, no fitting), so any frame can be rendered
//! headless and snapshot-tested. The one thing a frame records is how many feature rows the weights
//! panel had room for ([`State::weights_rows`]), so that scrolling stops where the last one shows.
//!
//! ```text
//! at 120x36 and larger                          at 60x20 .. 120x36: one panel per tab
//! ┌ Loss ───────────────────┐┌ Weights ────────┐  ┌ Loss │ Weights │ Lasso path ┐
//! │ train/validation curves ││ signed bars per ││  │ the selected panel          │
//! └─────────────────────────┘│ feature & model ││  │                             │
//! ┌ Lasso path ─────────────┐│                 ││  └─────────────────────────────┘
//! │ nonzeros, coefficients  ││                 ││  status (2 lines)
//! │ CV / validation error   ││                 ││
//! └─────────────────────────┘└─────────────────┘│  below 60x20: "terminal too small"
//! status (2 lines)                                 status (3 lines)
//! ```

mod curves;
mod dropout;
mod format;
mod help;
mod loss;
mod path;
mod status;
pub mod theme;
pub mod weights;

use crate::app::{Panel, State};
use crate::engine::Screen;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs};
use ratatui::Frame;

/// The smallest terminal the explorer draws in.
pub const MIN_SIZE: (u16, u16) = (60, 20);
/// From this size on, every panel is visible at once.
pub const FULL_SIZE: (u16, u16) = (120, 36);

/// Draws the whole screen.
pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let theme = theme::for_state(state.monochrome);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let message = format!(
            "terminal too small: need {}x{}, have {}x{}",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        );
        let y = area.y + area.height / 2;
        let line = Rect {
            x: area.x,
            y,
            width: area.width,
            height: 1.min(area.height),
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(message, theme.warning))).centered(),
            line,
        );
        return;
    }
    // At full size the status fits two lines; narrower, it wraps onto a third.
    let status_height = if area.width >= FULL_SIZE.0 { 2 } else { 3 };
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    if state.screen == Screen::Dropout {
        dropout::render(frame, body, state, theme);
        dropout::render_status(frame, status_area, state, theme);
        if state.help {
            help::render(frame, area, theme);
        }
        return;
    }
    let block = |panel: Panel| {
        let style = if panel == state.panel {
            theme.border_focus
        } else {
            theme.border
        };
        Block::default().borders(Borders::ALL).border_style(style)
    };
    if area.width >= FULL_SIZE.0 && area.height >= FULL_SIZE.1 {
        let [left, right] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        let [top, bottom] = Layout::vertical([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(left);
        loss::render(frame, top, state, theme, block(Panel::Loss));
        path::render(frame, bottom, state, theme, block(Panel::Path));
        weights::render(frame, right, state, theme, block(Panel::Weights));
    } else {
        let [tabs_area, panel_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
        let selected = Panel::ALL.iter().position(|&p| p == state.panel).unwrap_or(0);
        let tabs = Tabs::new(Panel::ALL.iter().map(|p| p.title()))
            .select(selected)
            .style(theme.dim)
            .highlight_style(theme.tab_selected);
        frame.render_widget(tabs, tabs_area);
        let plain = Block::default().borders(Borders::ALL).border_style(theme.border_focus);
        match state.panel {
            Panel::Loss => loss::render(frame, panel_area, state, theme, plain),
            Panel::Weights => weights::render(frame, panel_area, state, theme, plain),
            Panel::Path => path::render(frame, panel_area, state, theme, plain),
        }
    }
    status::render(frame, status_area, state, theme);
    if state.help {
        help::render(frame, area, theme);
    }
}
