//! The glyphs an exported frame draws as shapes instead of text: braille dots (the curves), block
//! elements (the weight bars, the decision regions, the best-epoch marks) and box-drawing lines (borders,
//! axes, change marks). A browser or a slide program draws these from whatever font it finds, and
//! fonts often lack braille, draw blocks shorter than the line height (bars with gaps between rows) or
//! misalign box lines; drawn as rectangles and dots they fill their cells exactly, as in a terminal.
//!
//! Shapes are in fractions of a cell: x from 0 (left) to 1 (right), y from 0 (top) to 1 (bottom).

/// One piece of a glyph, in cell fractions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A filled rectangle from `(x0, y0)` to `(x1, y1)`.
    Rect { x0: f32, y0: f32, x1: f32, y1: f32 },
    /// A braille dot centred at `(cx, cy)`.
    Dot { cx: f32, cy: f32 },
    /// The whole cell at this opacity of the foreground (the shades ░ ▒ ▓).
    Shade { alpha: f32 },
}

/// The shapes that draw `ch`, or `None` if it is ordinary text (a blank braille cell is `Some` of
/// nothing: it draws nothing and is not text either).
pub fn shapes(ch: char) -> Option<Vec<Shape>> {
    match ch as u32 {
        0x2800..=0x28FF => Some(braille(ch as u32 - 0x2800)),
        0x2580..=0x259F => Some(block(ch)),
        0x2500..=0x257F => box_drawing(ch),
        _ => None,
    }
}

/// Whether `symbol` (a cell's text) is drawn as shapes.
pub fn is_shape(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if shapes(c).is_some())
}

/// The dots of a braille pattern: bit k of `bits` is dot k+1 (Unicode's numbering: dots 1-3 down the
/// left column, 4-6 down the right, 7 and 8 the bottom row, left then right).
fn braille(bits: u32) -> Vec<Shape> {
    const DOTS: [(f32, f32); 8] = [
        (0.0, 0.0),
        (0.0, 1.0),
        (0.0, 2.0),
        (1.0, 0.0),
        (1.0, 1.0),
        (1.0, 2.0),
        (0.0, 3.0),
        (1.0, 3.0),
    ];
    (0..8)
        .filter(|k| bits & (1 << k) != 0)
        .map(|k| {
            let (col, row) = DOTS[k];
            Shape::Dot {
                cx: (col + 0.5) / 2.0,
                cy: (row + 0.5) / 4.0,
            }
        })
        .collect()
}

/// A rectangle in cell fractions.
const fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Shape {
    Shape::Rect { x0, y0, x1, y1 }
}

/// The block elements U+2580..U+259F: halves, eighths, shades and quadrants.
fn block(ch: char) -> Vec<Shape> {
    let eighth = |n: u32| n as f32 / 8.0;
    let code = ch as u32;
    match code {
        0x2580 => vec![rect(0.0, 0.0, 1.0, 0.5)],
        // ▁ to █: the lower 1/8 to 8/8.
        0x2581..=0x2588 => vec![rect(0.0, 1.0 - eighth(code - 0x2580), 1.0, 1.0)],
        // ▉ to ▏: the left 7/8 to 1/8.
        0x2589..=0x258F => vec![rect(0.0, 0.0, eighth(0x2590 - code), 1.0)],
        0x2590 => vec![rect(0.5, 0.0, 1.0, 1.0)],
        0x2591..=0x2593 => vec![Shape::Shade {
            alpha: (code - 0x2590) as f32 / 4.0,
        }],
        0x2594 => vec![rect(0.0, 0.0, 1.0, eighth(1))],
        0x2595 => vec![rect(eighth(7), 0.0, 1.0, 1.0)],
        _ => quadrants(code),
    }
}

/// The quadrant blocks U+2596..U+259F, as the quadrants they fill.
fn quadrants(code: u32) -> Vec<Shape> {
    // Upper left, upper right, lower left, lower right.
    let fill: [bool; 4] = match code {
        0x2596 => [false, false, true, false],
        0x2597 => [false, false, false, true],
        0x2598 => [true, false, false, false],
        0x2599 => [true, false, true, true],
        0x259A => [true, false, false, true],
        0x259B => [true, true, true, false],
        0x259C => [true, true, false, true],
        0x259D => [false, true, false, false],
        0x259E => [false, true, true, false],
        _ => [false, true, true, true],
    };
    let corners = [(0.0, 0.0), (0.5, 0.0), (0.0, 0.5), (0.5, 0.5)];
    fill.iter()
        .zip(corners)
        .filter(|(on, _)| **on)
        .map(|(_, (x, y))| rect(x, y, x + 0.5, y + 0.5))
        .collect()
}

/// How an arm of a box-drawing glyph is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Weight {
    None,
    Light,
    Heavy,
    Double,
}

/// Line widths, in cell widths (the cell is about twice as tall as wide, so a horizontal line's
/// thickness is half this in cell heights).
const LIGHT: f32 = 0.16;
const HEAVY: f32 = 0.32;
/// The gap between the two lines of a double line, in cell widths.
const DOUBLE_GAP: f32 = 0.2;

/// The box-drawing glyphs a frame uses: light, heavy and double lines, corners, tees and crosses,
/// rounded corners (drawn square), half lines and the dashed lines. Others stay text.
fn box_drawing(ch: char) -> Option<Vec<Shape>> {
    if let Some((vertical, dashes, weight)) = dashed(ch) {
        return Some(dashes_of(vertical, dashes, weight));
    }
    let [up, down, left, right] = arms(ch)?;
    // Each arm runs from its edge to the centre and on across the crossing lines' width, so that
    // corners and tees close without a stub poking out.
    let across_vertical = outer(up, false).max(outer(down, false));
    let across_horizontal = outer(left, true).max(outer(right, true));
    let mut shapes = Vec::new();
    for (weight, horizontal, towards_start) in [
        (up, false, true),
        (down, false, false),
        (left, true, true),
        (right, true, false),
    ] {
        let reach = if horizontal { across_vertical } else { across_horizontal };
        shapes.extend(arm(weight, horizontal, towards_start, reach));
    }
    Some(shapes)
}

/// How far a line's outer edge lies from its centre line (0 for no line).
fn outer(weight: Weight, horizontal: bool) -> f32 {
    strokes(weight, horizontal)
        .iter()
        .map(|offset| offset.abs() + half(weight, horizontal))
        .fold(0.0, f32::max)
}

/// The arms (up, down, left, right) of the solid box-drawing glyphs.
fn arms(ch: char) -> Option<[Weight; 4]> {
    use Weight::{Double as D, Heavy as H, Light as L, None as N};
    Some(match ch {
        '─' => [N, N, L, L],
        '━' => [N, N, H, H],
        '│' => [L, L, N, N],
        '┃' => [H, H, N, N],
        '┌' | '╭' => [N, L, N, L],
        '┐' | '╮' => [N, L, L, N],
        '└' | '╰' => [L, N, N, L],
        '┘' | '╯' => [L, N, L, N],
        '├' => [L, L, N, L],
        '┤' => [L, L, L, N],
        '┬' => [N, L, L, L],
        '┴' => [L, N, L, L],
        '┼' => [L, L, L, L],
        '┏' => [N, H, N, H],
        '┓' => [N, H, H, N],
        '┗' => [H, N, N, H],
        '┛' => [H, N, H, N],
        '┣' => [H, H, N, H],
        '┫' => [H, H, H, N],
        '┳' => [N, H, H, H],
        '┻' => [H, N, H, H],
        '╋' => [H, H, H, H],
        '═' => [N, N, D, D],
        '║' => [D, D, N, N],
        '╔' => [N, D, N, D],
        '╗' => [N, D, D, N],
        '╚' => [D, N, N, D],
        '╝' => [D, N, D, N],
        '╠' => [D, D, N, D],
        '╣' => [D, D, D, N],
        '╦' => [N, D, D, D],
        '╩' => [D, N, D, D],
        '╬' => [D, D, D, D],
        '╴' => [N, N, L, N],
        '╵' => [L, N, N, N],
        '╶' => [N, N, N, L],
        '╷' => [N, L, N, N],
        '╸' => [N, N, H, N],
        '╹' => [H, N, N, N],
        '╺' => [N, N, N, H],
        '╻' => [N, H, N, N],
        _ => return None,
    })
}

/// The dashed lines: (vertical, number of dashes, weight).
fn dashed(ch: char) -> Option<(bool, u32, Weight)> {
    Some(match ch {
        '┄' => (false, 3, Weight::Light),
        '┅' => (false, 3, Weight::Heavy),
        '┆' => (true, 3, Weight::Light),
        '┇' => (true, 3, Weight::Heavy),
        '┈' => (false, 4, Weight::Light),
        '┉' => (false, 4, Weight::Heavy),
        '┊' => (true, 4, Weight::Light),
        '┋' => (true, 4, Weight::Heavy),
        '╌' => (false, 2, Weight::Light),
        '╍' => (false, 2, Weight::Heavy),
        '╎' => (true, 2, Weight::Light),
        '╏' => (true, 2, Weight::Heavy),
        _ => return None,
    })
}

/// Half a line's thickness, across a vertical line (in cell widths) or a horizontal one (in cell
/// heights, half as many since the cell is about twice as tall as wide).
fn half(weight: Weight, horizontal: bool) -> f32 {
    let width = if weight == Weight::Heavy { HEAVY } else { LIGHT };
    if horizontal {
        width / 4.0
    } else {
        width / 2.0
    }
}

/// The offsets of a line's strokes across it: one for light and heavy lines, two for a double line.
fn strokes(weight: Weight, horizontal: bool) -> Vec<f32> {
    match weight {
        Weight::None => Vec::new(),
        Weight::Double => {
            let gap = if horizontal { DOUBLE_GAP / 2.0 } else { DOUBLE_GAP };
            vec![-gap / 2.0, gap / 2.0]
        }
        _ => vec![0.0],
    }
}

/// One arm from the top (`!horizontal && towards_start`), bottom, left or right edge to the centre,
/// and `reach` past it.
fn arm(weight: Weight, horizontal: bool, towards_start: bool, reach: f32) -> Vec<Shape> {
    let thick = half(weight, horizontal);
    let (from, to) = if towards_start {
        (0.0, 0.5 + reach)
    } else {
        (0.5 - reach, 1.0)
    };
    strokes(weight, horizontal)
        .into_iter()
        .map(|offset| {
            let (a, b) = (0.5 + offset - thick, 0.5 + offset + thick);
            if horizontal {
                rect(from, a, to, b)
            } else {
                rect(a, from, b, to)
            }
        })
        .collect()
}

/// A dashed line across the cell: `dashes` dashes, each half its share of the cell.
fn dashes_of(vertical: bool, dashes: u32, weight: Weight) -> Vec<Shape> {
    let share = 1.0 / dashes as f32;
    let thick = half(weight, !vertical);
    (0..dashes)
        .map(|k| {
            let start = (k as f32 + 0.25) * share;
            let end = start + share / 2.0;
            if vertical {
                rect(0.5 - thick, start, 0.5 + thick, end)
            } else {
                rect(start, 0.5 - thick, end, 0.5 + thick)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The union of a glyph's rectangles sampled on a grid: which sample points are covered.
    fn covers(ch: char, x: f32, y: f32) -> bool {
        shapes(ch).unwrap().iter().any(|s| match *s {
            Shape::Rect { x0, y0, x1, y1 } => x0 <= x && x <= x1 && y0 <= y && y <= y1,
            _ => false,
        })
    }

    #[test]
    fn braille_dots_sit_where_unicode_numbers_them() {
        // ⠁ is dot 1 (top left), ⠈ dot 4 (top right), ⡀ dot 7 (bottom left), ⢀ dot 8 (bottom right).
        assert_eq!(shapes('⠁').unwrap(), vec![Shape::Dot { cx: 0.25, cy: 0.125 }]);
        assert_eq!(shapes('⠈').unwrap(), vec![Shape::Dot { cx: 0.75, cy: 0.125 }]);
        assert_eq!(shapes('⡀').unwrap(), vec![Shape::Dot { cx: 0.25, cy: 0.875 }]);
        assert_eq!(shapes('⢀').unwrap(), vec![Shape::Dot { cx: 0.75, cy: 0.875 }]);
        assert_eq!(shapes('⣿').unwrap().len(), 8);
        assert!(shapes('⠀').unwrap().is_empty(), "the blank pattern draws nothing");
        // ⠤ (dots 3 and 6) is one row: both dots at the same height.
        let row: Vec<_> = shapes('⠤').unwrap();
        assert!(matches!(row[..], [Shape::Dot { cy: a, .. }, Shape::Dot { cy: b, .. }] if a == b && a == 0.625));
    }

    #[test]
    fn eighth_blocks_grow_from_their_edge_by_eighths() {
        for (k, ch) in "▁▂▃▄▅▆▇█".chars().enumerate() {
            let height = (k + 1) as f32 / 8.0;
            assert_eq!(shapes(ch).unwrap(), vec![rect(0.0, 1.0 - height, 1.0, 1.0)], "{ch}");
        }
        for (k, ch) in "▏▎▍▌▋▊▉".chars().enumerate() {
            let width = (k + 1) as f32 / 8.0;
            assert_eq!(shapes(ch).unwrap(), vec![rect(0.0, 0.0, width, 1.0)], "{ch}");
        }
        assert_eq!(shapes('▐').unwrap(), vec![rect(0.5, 0.0, 1.0, 1.0)]);
        assert_eq!(shapes('▕').unwrap(), vec![rect(0.875, 0.0, 1.0, 1.0)]);
        assert_eq!(shapes('▀').unwrap(), vec![rect(0.0, 0.0, 1.0, 0.5)]);
        assert_eq!(shapes('▒').unwrap(), vec![Shape::Shade { alpha: 0.5 }]);
        assert!(covers('▚', 0.25, 0.25) && covers('▚', 0.75, 0.75));
        assert!(!covers('▚', 0.75, 0.25) && !covers('▚', 0.25, 0.75));
    }

    #[test]
    fn box_lines_reach_the_edges_they_name_and_no_others() {
        // Sample just inside each edge's midpoint: up, down, left, right.
        let edges = |ch| {
            [
                covers(ch, 0.5, 0.01),
                covers(ch, 0.5, 0.99),
                covers(ch, 0.01, 0.5),
                covers(ch, 0.99, 0.5),
            ]
        };
        assert_eq!(edges('─'), [false, false, true, true]);
        assert_eq!(edges('│'), [true, true, false, false]);
        assert_eq!(edges('┌'), [false, true, false, true]);
        assert_eq!(edges('┘'), [true, false, true, false]);
        assert_eq!(edges('┼'), [true, true, true, true]);
        assert_eq!(edges('╭'), edges('┌'), "rounded corners are drawn square");
        assert!(
            !covers('┌', 0.3, 0.5) && !covers('┌', 0.5, 0.4),
            "no stub past the corner"
        );
        for ch in ['┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼'] {
            assert!(covers(ch, 0.5, 0.5), "{ch}: the arms meet in the centre");
        }
        // A double line is two strokes with a gap at the centre.
        assert!(!covers('║', 0.5, 0.5) && covers('║', 0.4, 0.5) && covers('║', 0.6, 0.5));
    }

    #[test]
    fn dashed_lines_have_their_number_of_dashes() {
        let dashes = shapes('┊').unwrap();
        assert_eq!(dashes.len(), 4);
        assert!(!covers('┊', 0.5, 0.0) && covers('┊', 0.5, 0.125));
        assert_eq!(shapes('╌').unwrap().len(), 2);
    }

    #[test]
    fn text_stays_text() {
        for ch in ['a', '•', '·', '◆', '✓', '●', ' ', 'λ'] {
            assert!(shapes(ch).is_none(), "{ch}");
            assert!(!is_shape(&ch.to_string()));
        }
        assert!(is_shape("⠤") && is_shape("█") && is_shape("─"));
        assert!(!is_shape("") && !is_shape("ab"));
    }
}
