//! The help overlay, written from binding tables (so it always tells the truth): the active screen's
//! keys, then the keys that work everywhere. When the terminal is too short for one column, the
//! entries are laid out in two.

use super::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

const ENTRY_WIDTH: u16 = 46;

/// A titled list of `(keys, what they do)`.
pub struct Section<'a> {
    pub title: &'a str,
    pub rows: Vec<(&'static str, &'static str)>,
}

/// Draws the sections in a box centred on `area`; the foot says `note` (if any) and which keys,
/// `close`, close it.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, sections: &[Section], note: &str, close: &str) {
    let mut entries: Vec<Line> = Vec::new();
    for section in sections {
        entries.push(Line::from(Span::styled(format!(" {}", section.title), theme.title)));
        entries.extend(
            section.rows.iter().map(|(label, help)| {
                Line::from(vec![Span::styled(format!(" {label:<9}"), theme.key), Span::raw(*help)])
            }),
        );
    }
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
            if note.is_empty() {
                format!(" {close} close ")
            } else {
                format!(" {note}; {close} close ")
            },
            theme.dim,
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let column_width = inner.width / columns;
    for (c, chunk) in entries.chunks(rows.max(1) as usize).enumerate() {
        let column = Rect {
            x: inner.x + c as u16 * column_width,
            y: inner.y,
            width: column_width,
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(chunk.to_vec()), column);
    }
}
