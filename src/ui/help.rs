//! The help overlay, written from the binding table (so it always tells the truth). When the terminal
//! is too short for one column, the bindings are laid out in two.

use super::theme::Theme;
use crate::app::keymap::BINDINGS;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

const ENTRY_WIDTH: u16 = 46;

pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    let entries: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<9}", b.label), theme.key),
                Span::raw(b.help),
            ])
        })
        .collect();
    let one_column = entries.len() as u16 + 3 <= area.height;
    let columns: u16 = if one_column { 1 } else { 2 };
    let rows = (entries.len() as u16).div_ceil(columns);
    let width = (ENTRY_WIDTH * columns + 2).min(area.width);
    let height = (rows + 3).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Span::styled(
            " status: nonzeros, train/val MSE, P/R = support precision/recall; ? q Esc close ",
            theme.dim,
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let column_width = inner.width / columns;
    for (c, chunk) in entries.chunks(rows as usize).enumerate() {
        let column = Rect {
            x: inner.x + c as u16 * column_width,
            y: inner.y,
            width: column_width,
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(chunk.to_vec()), column);
    }
}
