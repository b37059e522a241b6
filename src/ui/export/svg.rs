//! A frame as SVG: the terminal's grid of cells, each [`CELL_W`] x [`CELL_H`] units. Backgrounds are
//! rectangles (one per run of same-coloured cells), braille, block and box-drawing glyphs are shapes
//! (see [`super::glyph`]), and the rest is text placed cell by cell (an `x` for every character, so the
//! columns line up whatever the font's advance), in a monospace font stack.

use super::glyph::{self, Shape};
use super::{escape_xml, Look, Rgb, Theme};
use ratatui::buffer::Buffer;
use std::fmt::Write;

/// A cell's size in SVG units: about a monospace font's proportions at [`FONT_SIZE`].
pub const CELL_W: f32 = 10.0;
pub const CELL_H: f32 = 20.0;
/// The font size and the baseline's depth in a cell: a monospace font advances about 0.6 em, so 16
/// units leave a little room in a 10-unit cell.
const FONT_SIZE: f32 = 16.0;
const BASELINE: f32 = 15.0;
/// The radius of a braille dot (dots are 5 units apart).
const DOT_R: f32 = 1.5;
/// Dim text and shapes are drawn at this opacity of their colour (the colour itself stays the
/// palette's).
const DIM_OPACITY: f32 = 0.55;
/// The fonts asked for, in order: common monospace fonts with box drawing, then the generic one.
pub const FONT_STACK: &str = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";

/// The frame in `buffer` as a standalone SVG document.
pub fn svg(buffer: &Buffer, theme: Theme) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_svg(buffer, theme, &mut out);
    out
}

/// Writes the `<svg>` element (no XML declaration, so HTML can inline it).
pub(crate) fn write_svg(buffer: &Buffer, theme: Theme, out: &mut String) {
    let area = buffer.area;
    let (w, h) = (area.width as f32 * CELL_W, area.height as f32 * CELL_H);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         font-family=\"{FONT_STACK}\" font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">"
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
        theme.background().hex()
    );
    let looks: Vec<Vec<Look>> = (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| Look::of(&buffer[(area.x + x, area.y + y)], theme))
                .collect()
        })
        .collect();
    out.push_str("<g shape-rendering=\"crispEdges\">\n");
    for (y, row) in looks.iter().enumerate() {
        backgrounds(row, y, theme, out);
    }
    for (y, row) in looks.iter().enumerate() {
        shapes(buffer, row, y, out);
    }
    out.push_str("</g>\n<g>\n");
    for (y, row) in looks.iter().enumerate() {
        text(buffer, row, y, out);
    }
    out.push_str("</g>\n</svg>\n");
}

/// A number for an attribute: at most two decimals, no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One rectangle per run of cells with the same background, except the theme's own (the whole
/// picture's first rectangle already has it).
fn backgrounds(row: &[Look], y: usize, theme: Theme, out: &mut String) {
    let mut x = 0;
    while x < row.len() {
        let bg = row[x].bg;
        let run = row[x..].iter().take_while(|l| l.bg == bg).count();
        if bg != theme.background() {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                num(x as f32 * CELL_W),
                num(y as f32 * CELL_H),
                num(run as f32 * CELL_W),
                num(CELL_H),
                bg.hex()
            );
        }
        x += run;
    }
}

/// The colour and opacity a shape is filled with: one `<path>` per distinct pair in a row.
type Ink = (Rgb, u8);

/// The row's braille, block and box-drawing glyphs, one `<path>` per colour and opacity.
fn shapes(buffer: &Buffer, row: &[Look], y: usize, out: &mut String) {
    let area = buffer.area;
    let mut paths: Vec<(Ink, String)> = Vec::new();
    for (x, look) in row.iter().enumerate() {
        let symbol = buffer[(area.x + x as u16, area.y + y as u16)].symbol();
        let Some(parts) = single_char(symbol).and_then(glyph::shapes) else {
            continue;
        };
        if look.hidden {
            continue;
        }
        let (left, top) = (x as f32 * CELL_W, y as f32 * CELL_H);
        for part in parts {
            let alpha = if let Shape::Shade { alpha } = part { alpha } else { 1.0 };
            let opacity = alpha * if look.dim { DIM_OPACITY } else { 1.0 };
            let ink = (look.fg, (opacity * 100.0).round() as u8);
            let d = match paths.iter_mut().find(|(k, _)| *k == ink) {
                Some((_, d)) => d,
                None => {
                    paths.push((ink, String::new()));
                    &mut paths.last_mut().expect("just pushed").1
                }
            };
            path_of(part, left, top, d);
        }
    }
    for ((fg, percent), d) in paths {
        let opacity = if percent == 100 {
            String::new()
        } else {
            format!(" fill-opacity=\"{}\"", num(percent as f32 / 100.0))
        };
        let _ = writeln!(out, "<path fill=\"{}\"{opacity} d=\"{d}\"/>", fg.hex());
    }
}

/// The one character of a cell's symbol, if it has exactly one.
fn single_char(symbol: &str) -> Option<char> {
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Appends a shape of the cell at (`left`, `top`) to a path's data.
fn path_of(shape: Shape, left: f32, top: f32, d: &mut String) {
    let (x0, y0, x1, y1) = match shape {
        Shape::Rect { x0, y0, x1, y1 } => (x0, y0, x1, y1),
        Shape::Shade { .. } => (0.0, 0.0, 1.0, 1.0),
        Shape::Dot { cx, cy } => {
            let (cx, cy) = (left + cx * CELL_W, top + cy * CELL_H);
            let _ = write!(
                d,
                "M{} {}a{r} {r} 0 1 0 {dd} 0a{r} {r} 0 1 0 -{dd} 0z",
                num(cx - DOT_R),
                num(cy),
                r = num(DOT_R),
                dd = num(2.0 * DOT_R)
            );
            return;
        }
    };
    let _ = write!(
        d,
        "M{} {}h{}v{}h-{}z",
        num(left + x0 * CELL_W),
        num(top + y0 * CELL_H),
        num((x1 - x0) * CELL_W),
        num((y1 - y0) * CELL_H),
        num((x1 - x0) * CELL_W)
    );
}

/// The row's text, one `<text>` per run of cells with the same look (spaces join any run). Every
/// character gets its cell's `x`, so the columns line up whatever the font.
fn text(buffer: &Buffer, row: &[Look], y: usize, out: &mut String) {
    let area = buffer.area;
    let symbol = |x: usize| buffer[(area.x + x as u16, area.y + y as u16)].symbol();
    let is_text = |x: usize| {
        let s = symbol(x);
        !s.is_empty() && !glyph::is_shape(s) && !row[x].hidden
    };
    let shows = |x: usize| is_text(x) && (symbol(x) != " " || row[x].underlined || row[x].crossed_out);
    let mut x = 0;
    while x < row.len() {
        if !shows(x) {
            x += 1;
            continue;
        }
        let look = row[x];
        let mut end = x + 1;
        let mut last = x;
        while end < row.len() && is_text(end) && (row[end].same_ink(&look) || (symbol(end) == " " && !shows(end))) {
            if shows(end) {
                last = end;
            }
            end += 1;
        }
        text_run(&look, (x..=last).map(|i| (i, symbol(i))), y, out);
        x = last + 1;
    }
}

/// One `<text>` element: the characters of cells `(x, symbol)` in the look `look`.
fn text_run<'a>(look: &Look, cells: impl Iterator<Item = (usize, &'a str)>, y: usize, out: &mut String) {
    let mut xs = String::new();
    let mut content = String::new();
    for (x, symbol) in cells {
        for _ in symbol.chars() {
            if !xs.is_empty() {
                xs.push(' ');
            }
            xs.push_str(&num(x as f32 * CELL_W));
        }
        escape_xml(symbol, &mut content);
    }
    let _ = write!(
        out,
        "<text x=\"{xs}\" y=\"{}\" fill=\"{}\"",
        num(y as f32 * CELL_H + BASELINE),
        look.fg.hex()
    );
    if look.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if look.italic {
        out.push_str(" font-style=\"italic\"");
    }
    let decoration = match (look.underlined, look.crossed_out) {
        (true, true) => " text-decoration=\"underline line-through\"",
        (true, false) => " text-decoration=\"underline\"",
        (false, true) => " text-decoration=\"line-through\"",
        (false, false) => "",
    };
    out.push_str(decoration);
    if look.dim {
        let _ = write!(out, " fill-opacity=\"{}\"", num(DIM_OPACITY));
    }
    let _ = writeln!(out, ">{content}</text>");
}
