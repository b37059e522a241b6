//! A frame as one self-contained HTML page: the SVG picture inline (no external file, font or script),
//! so braille, bars and borders look as they do in the SVG, and the text stays selectable. The markup
//! is XHTML-compatible, so both HTML and XML parsers read it.

use super::svg::write_svg;
use super::Theme;
use ratatui::buffer::Buffer;

/// The frame in `buffer` as an HTML page whose background is the theme's.
pub fn html(buffer: &Buffer, theme: Theme) -> String {
    let bg = theme.background().hex();
    let fg = theme.foreground().hex();
    let mut out = format!(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n<title>regscope frame</title>\n<style>\n\
         body {{ margin: 0; padding: 1em; background: {bg}; color: {fg}; }}\n\
         svg {{ display: block; max-width: 100%; height: auto; }}\n\
         </style>\n</head>\n<body>\n"
    );
    write_svg(buffer, theme, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}
