//! The help overlay, written from binding tables (so it always tells the truth): the active screen's
//! keys, then the keys that work everywhere. When the terminal is too short for one column, the
//! entries are laid out in two. Nothing is cut at 80 columns: an entry wider than its column goes on
//! onto an indented second line, and a note too long for the bottom border is written, wrapped, above
//! it (the border keeps only the keys that close the help).

use super::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The narrowest column of entries (wider when an entry needs it and the terminal has room).
const ENTRY_WIDTH: u16 = 46;
/// Cells of the key label column (and the indent of an entry's second line).
const LABEL_WIDTH: usize = 10;

/// A titled list of `(keys, what they do)`.
pub struct Section<'a> {
    pub title: &'a str,
    pub rows: Vec<(&'static str, &'static str)>,
}

/// `text` in lines of at most `width` characters, broken at spaces (a word longer than `width` is
/// broken inside).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            line = line.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines of the sections in columns `width` wide: titles, then `(keys, what)` entries, an
/// entry's text wrapped onto indented lines when it does not fit.
fn entry_lines<'a>(sections: &[Section], theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = Vec::new();
    let text_width = (width as usize).saturating_sub(LABEL_WIDTH + 1).max(8);
    for section in sections {
        lines.push(Line::from(Span::styled(format!(" {}", section.title), theme.title)));
        for (label, help) in &section.rows {
            for (i, part) in wrap(help, text_width).into_iter().enumerate() {
                let keys = if i == 0 {
                    format!(" {label:<9}")
                } else {
                    " ".repeat(LABEL_WIDTH)
                };
                lines.push(Line::from(vec![Span::styled(keys, theme.key), Span::raw(part)]));
            }
        }
    }
    lines
}

/// Draws the sections in a box centred on `area`; the foot says `note` (if any) and which keys,
/// `close`, close it.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, sections: &[Section], note: &str, close: &str) {
    let entry_count: u16 = sections.iter().map(|s| 1 + s.rows.len() as u16).sum();
    let foot_alone = format!(" {close} close ");
    let foot_with_note = format!(" {note}; {close} close ");
    // Columns as wide as the longest entry (at least ENTRY_WIDTH), as far as the terminal allows.
    let longest = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|(_, help)| help.chars().count()))
        .max()
        .unwrap_or(0) as u16;
    let entry_width = ENTRY_WIDTH.max(LABEL_WIDTH as u16 + longest + 2);
    // The note goes in the border when it fits there, else wrapped above it.
    let note_lines = |width: u16| -> Vec<String> {
        if note.is_empty() || foot_with_note.chars().count() + 2 <= width as usize {
            Vec::new()
        } else {
            wrap(note, width.saturating_sub(3) as usize)
        }
    };
    // One column when its entries and the note's lines all fit in the height.
    let one_width = (entry_width + 2).min(area.width);
    let one_column = entry_count + 3 + note_lines(one_width).len() as u16 <= area.height;
    let columns: u16 = if one_column { 1 } else { 2 };
    let width = (entry_width * columns + 2).min(area.width);
    let inner_width = width.saturating_sub(2);
    let mut note_lines = note_lines(width);
    let note_in_border = note_lines.is_empty();
    // The keys are what help is for: a note that would cover some of them is left out.
    let column_rows = entry_lines(sections, theme, inner_width / columns)
        .len()
        .div_ceil(columns as usize);
    if column_rows + 3 + note_lines.len() > area.height as usize {
        note_lines.clear();
    }
    let column_width = inner_width / columns;
    let entries = entry_lines(sections, theme, column_width);
    let rows = (entries.len() as u16).div_ceil(columns);
    let height = (rows + 3 + note_lines.len() as u16).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let foot = if note_in_border && !note.is_empty() {
        foot_with_note
    } else {
        foot_alone
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Span::styled(foot, theme.dim));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    for (c, chunk) in entries.chunks(rows.max(1) as usize).enumerate() {
        let column = Rect {
            x: inner.x + c as u16 * column_width,
            y: inner.y,
            width: column_width,
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(chunk.to_vec()), column);
    }
    render_note(frame, inner, &note_lines, theme.dim);
}

/// The wrapped note on the last lines of `inner`.
fn render_note(frame: &mut Frame, inner: Rect, lines: &[String], style: Style) {
    let count = (lines.len() as u16).min(inner.height);
    let area = Rect {
        y: inner.bottom() - count,
        height: count,
        ..inner
    };
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect();
    frame.render_widget(Paragraph::new(text), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_loses_no_word() {
        let text = "status: nonzeros, train/val MSE, P/R = support precision/recall";
        let lines = wrap(text, 30);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("abcdef", 4), ["abcd", "ef"]);
    }
}
