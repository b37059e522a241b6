//! Frames for slides and recordings: a drawn [`Buffer`] as SVG, self-contained HTML or text with ANSI
//! colour escapes. Pure functions of the buffer (no file, no terminal, no clock), so every format shows
//! the same frame, cell for cell.
//!
//! A terminal frame's colours are partly the terminal's own (the default foreground and background, the
//! 16 named colours, the 256 indexed ones) and partly exact RGB (the models' palette). A picture has no
//! terminal to ask, so a [`Theme`] stands in for it: a dark or a light background, a default
//! foreground, and RGB values for the named colours. RGB colours, the palette's, stay exactly as they
//! are in either theme. The ANSI format needs no theme: it keeps the named colours as SGR codes so the
//! terminal that shows it picks them, and writes RGB colours as 24-bit escapes.

mod ansi;
pub mod glyph;
mod html;
mod svg;

pub use ansi::{ansi, strip_ansi};
pub use html::html;
pub use svg::svg;

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The formats a frame is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Html,
    Ansi,
}

impl Format {
    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Html => "html",
            Format::Ansi => "ans",
        }
    }

    /// The frame `buffer` in this format (`theme` is ignored by ANSI, whose colours are the terminal's).
    pub fn render(self, buffer: &ratatui::buffer::Buffer, theme: Theme) -> String {
        match self {
            Format::Svg => svg(buffer, theme),
            Format::Html => html(buffer, theme),
            Format::Ansi => ansi(buffer),
        }
    }
}

/// An exact colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as SVG, HTML and CSS write it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The look of a picture: what stands in for the terminal's own colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// A near-black background and light default text, as most terminals look.
    #[default]
    Dark,
    /// A white background (slides, print) with near-black default text; the greys are mirrored so that
    /// dim stays dimmer than the axes and both stay readable.
    Light,
}

/// The 16 named colours in ratatui's order (Black, Red, Green, Yellow, Blue, Magenta, Cyan, Gray,
/// DarkGray, LightRed, LightGreen, LightYellow, LightBlue, LightMagenta, LightCyan, White): xterm's on
/// the dark theme; on the light one the greys mirrored and the hues darkened for contrast on white.
const NAMED_DARK: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xcd, 0x31, 0x31),
    Rgb(0x0d, 0xbc, 0x79),
    Rgb(0xe5, 0xe5, 0x10),
    Rgb(0x24, 0x72, 0xc8),
    Rgb(0xbc, 0x3f, 0xbc),
    Rgb(0x11, 0xa8, 0xcd),
    Rgb(0xc0, 0xc0, 0xc0),
    Rgb(0x80, 0x80, 0x80),
    Rgb(0xf1, 0x4c, 0x4c),
    Rgb(0x23, 0xd1, 0x8b),
    Rgb(0xf5, 0xf5, 0x43),
    Rgb(0x3b, 0x8e, 0xea),
    Rgb(0xd6, 0x70, 0xd6),
    Rgb(0x29, 0xb8, 0xdb),
    Rgb(0xff, 0xff, 0xff),
];
const NAMED_LIGHT: [Rgb; 16] = [
    Rgb(0xff, 0xff, 0xff),
    Rgb(0xa3, 0x15, 0x15),
    Rgb(0x00, 0x80, 0x4a),
    Rgb(0x8a, 0x6d, 0x00),
    Rgb(0x00, 0x45, 0x9e),
    Rgb(0x8b, 0x1e, 0x8b),
    Rgb(0x00, 0x6d, 0x8a),
    Rgb(0x4a, 0x4a, 0x4a),
    Rgb(0x8c, 0x8c, 0x8c),
    Rgb(0xcd, 0x31, 0x31),
    Rgb(0x0d, 0x9a, 0x5c),
    Rgb(0xa6, 0x8a, 0x00),
    Rgb(0x24, 0x72, 0xc8),
    Rgb(0xbc, 0x3f, 0xbc),
    Rgb(0x11, 0x86, 0xa6),
    Rgb(0x1c, 0x1c, 0x1c),
];

impl Theme {
    /// The background where the frame leaves the terminal's own.
    pub fn background(self) -> Rgb {
        match self {
            Theme::Dark => Rgb(0x1c, 0x1c, 0x1c),
            Theme::Light => Rgb(0xff, 0xff, 0xff),
        }
    }

    /// The text colour where the frame leaves the terminal's own.
    pub fn foreground(self) -> Rgb {
        match self {
            Theme::Dark => Rgb(0xe4, 0xe4, 0xe4),
            Theme::Light => Rgb(0x1c, 0x1c, 0x1c),
        }
    }

    /// The colour `color` stands for in this theme; `Reset` is the default foreground or background,
    /// as `background` says.
    pub fn rgb(self, color: Color, background: bool) -> Rgb {
        let named = match self {
            Theme::Dark => &NAMED_DARK,
            Theme::Light => &NAMED_LIGHT,
        };
        match color {
            Color::Reset if background => self.background(),
            Color::Reset => self.foreground(),
            Color::Rgb(r, g, b) => Rgb(r, g, b),
            Color::Indexed(i) => indexed(i, named),
            other => named[named_index(other)],
        }
    }
}

/// The position of a named colour in [`NAMED_DARK`]'s order.
fn named_index(color: Color) -> usize {
    match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        _ => 15,
    }
}

/// An xterm-256 colour: the 16 named ones, the 6x6x6 cube, the 24 greys.
fn indexed(i: u8, named: &[Rgb; 16]) -> Rgb {
    let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
    match i {
        0..=15 => named[i as usize],
        16..=231 => {
            let v = i - 16;
            Rgb(level(v / 36), level(v / 6 % 6), level(v % 6))
        }
        _ => {
            let grey = 8 + 10 * (i - 232);
            Rgb(grey, grey, grey)
        }
    }
}

/// How one cell looks once the theme has given every colour a value: reversed video already applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Look {
    pub fg: Rgb,
    pub bg: Rgb,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underlined: bool,
    pub crossed_out: bool,
    /// Hidden text (its background still shows).
    pub hidden: bool,
}

impl Look {
    /// The look of `cell` in `theme`.
    pub fn of(cell: &Cell, theme: Theme) -> Look {
        let mut fg = theme.rgb(cell.fg, false);
        let mut bg = theme.rgb(cell.bg, true);
        let m = cell.modifier;
        if m.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        Look {
            fg,
            bg,
            bold: m.contains(Modifier::BOLD),
            dim: m.contains(Modifier::DIM),
            italic: m.contains(Modifier::ITALIC),
            underlined: m.contains(Modifier::UNDERLINED),
            crossed_out: m.contains(Modifier::CROSSED_OUT),
            hidden: m.contains(Modifier::HIDDEN),
        }
    }

    /// The same look for text and shapes: everything but the background.
    pub fn same_ink(&self, other: &Look) -> bool {
        Look { bg: other.bg, ..*self } == *other
    }
}

/// Escapes `&`, `<`, `>` and quotes for XML text and attribute values.
pub(crate) fn escape_xml(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0; a frame has none, but never emit one.
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_is_the_themes_own_and_rgb_stays_rgb() {
        for theme in [Theme::Dark, Theme::Light] {
            assert_eq!(theme.rgb(Color::Reset, false), theme.foreground());
            assert_eq!(theme.rgb(Color::Reset, true), theme.background());
            assert_eq!(theme.rgb(Color::Rgb(0xd5, 0x5e, 0), false), Rgb(0xd5, 0x5e, 0));
        }
        assert_eq!(Rgb(0xd5, 0x5e, 0).hex(), "#d55e00");
    }

    #[test]
    fn light_turns_white_text_dark_and_keeps_greys_ordered() {
        let light = Theme::Light;
        assert_eq!(light.rgb(Color::White, false), light.foreground());
        let lightness = |c: Rgb| c.0 as u32 + c.1 as u32 + c.2 as u32;
        // Dim (DarkGray) is between the axes' Gray and the background on both themes.
        for theme in [Theme::Dark, Theme::Light] {
            let (gray, dim, bg) = (
                lightness(theme.rgb(Color::Gray, false)),
                lightness(theme.rgb(Color::DarkGray, false)),
                lightness(theme.background()),
            );
            assert!(gray.abs_diff(bg) > dim.abs_diff(bg), "{theme:?}");
        }
    }

    #[test]
    fn indexed_colours_follow_xterm() {
        let dark = Theme::Dark;
        assert_eq!(dark.rgb(Color::Indexed(196), false), Rgb(255, 0, 0));
        assert_eq!(dark.rgb(Color::Indexed(16), false), Rgb(0, 0, 0));
        assert_eq!(dark.rgb(Color::Indexed(231), false), Rgb(255, 255, 255));
        assert_eq!(dark.rgb(Color::Indexed(232), false), Rgb(8, 8, 8));
        assert_eq!(dark.rgb(Color::Indexed(1), false), dark.rgb(Color::Red, false));
    }

    #[test]
    fn reversed_swaps_the_colours_after_the_theme_fills_in_reset() {
        let mut cell = Cell::default();
        cell.set_fg(Color::Rgb(1, 2, 3)).modifier = Modifier::REVERSED | Modifier::BOLD;
        let look = Look::of(&cell, Theme::Dark);
        assert_eq!(look.bg, Rgb(1, 2, 3));
        assert_eq!(look.fg, Theme::Dark.background());
        assert!(look.bold && !look.dim);
    }

    #[test]
    fn xml_special_characters_are_escaped() {
        let mut out = String::new();
        escape_xml("a<b & c>\"d'", &mut out);
        assert_eq!(out, "a&lt;b &amp; c&gt;&quot;d&apos;");
    }
}
