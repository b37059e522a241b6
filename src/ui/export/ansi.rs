//! A frame as text with ANSI SGR escapes, for `cat`, `less -R` and terminal recorders. Colours are
//! written as the frame has them: RGB as 24-bit escapes (`38;2;r;g;b`), the 256 indexed colours as
//! `38;5;n`, the named ones as their 16-colour codes and `Reset` as the terminal's default, so the
//! terminal showing it fills in its own defaults as it would for the explorer. Each line ends with a
//! reset, and its trailing blanks are cut exactly as the text frame cuts them, so removing the escapes
//! gives the text frame.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write;

/// The frame in `buffer` as lines of text with SGR escapes.
pub fn ansi(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let cells: Vec<&Cell> = (area.left()..area.right()).map(|x| &buffer[(x, y)]).collect();
        let line: String = cells.iter().map(|c| c.symbol()).collect();
        let mut left = line.trim_end().len();
        let mut current: Option<String> = None;
        for cell in cells {
            let symbol = cell.symbol();
            if left == 0 {
                break;
            }
            let sgr = sgr(cell);
            if current.as_ref() != Some(&sgr) {
                out.push_str(&sgr);
                current = Some(sgr);
            }
            // The trimmed length ends at a character boundary, inside this symbol or after it.
            let kept = symbol.len().min(left);
            out.push_str(&symbol[..kept]);
            left -= kept;
        }
        if current.is_some() {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// The escape that sets `cell`'s colours and attributes from scratch (it starts with a reset, so no
/// attribute of the previous cell leaks).
fn sgr(cell: &Cell) -> String {
    let mut codes = String::from("\x1b[0");
    for (modifier, code) in [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ] {
        if cell.modifier.contains(modifier) {
            let _ = write!(codes, ";{code}");
        }
    }
    colour(cell.fg, false, &mut codes);
    colour(cell.bg, true, &mut codes);
    codes.push('m');
    codes
}

/// Appends the SGR parameters of a foreground or background colour (nothing for `Reset`: the reset
/// that starts every escape already gives the default).
fn colour(color: Color, background: bool, codes: &mut String) {
    let base = if background { 40 } else { 30 };
    let named = |n: u8, bright: bool| base + n as u32 + if bright { 60 } else { 0 };
    let code = match color {
        Color::Reset => return,
        Color::Rgb(r, g, b) => {
            let _ = write!(codes, ";{};2;{r};{g};{b}", base + 8);
            return;
        }
        Color::Indexed(i) => {
            let _ = write!(codes, ";{};5;{i}", base + 8);
            return;
        }
        Color::Black => named(0, false),
        Color::Red => named(1, false),
        Color::Green => named(2, false),
        Color::Yellow => named(3, false),
        Color::Blue => named(4, false),
        Color::Magenta => named(5, false),
        Color::Cyan => named(6, false),
        Color::Gray => named(7, false),
        Color::DarkGray => named(0, true),
        Color::LightRed => named(1, true),
        Color::LightGreen => named(2, true),
        Color::LightYellow => named(3, true),
        Color::LightBlue => named(4, true),
        Color::LightMagenta => named(5, true),
        Color::LightCyan => named(6, true),
        Color::White => named(7, true),
    };
    let _ = write!(codes, ";{code}");
}

/// `text` without its SGR escapes (`ESC [` parameters `m`): what a terminal shows of it, as text.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn colours_become_sgr_codes_and_every_line_ends_reset() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 2));
        buffer.set_string(0, 0, "ab", Style::new().fg(Color::Rgb(213, 94, 0)).bg(Color::DarkGray));
        buffer.set_string(2, 0, "c", Style::new().fg(Color::Indexed(74)).bold());
        let text = ansi(&buffer);
        assert_eq!(
            text, "\x1b[0;38;2;213;94;0;100mab\x1b[0;1;38;5;74mc\x1b[0m\n\n",
            "one escape per change of style, none for the blank second row"
        );
        assert_eq!(strip_ansi(&text), "abc\n\n");
    }

    #[test]
    fn trailing_blanks_are_cut_like_the_text_frame_even_when_coloured() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 5, 1));
        buffer.set_string(0, 0, "x  ", Style::new().bg(Color::Red));
        assert_eq!(strip_ansi(&ansi(&buffer)), "x\n");
    }
}
