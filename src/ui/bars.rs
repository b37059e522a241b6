//! Diverging bars for signed values (weights): eighth-cell resolution on both sides of a centre axis,
//! the sign shown by the side and never by a colour, an exact zero a quiet centred `·` so it never
//! looks like a small value. Shared by every screen that draws weights.

/// Left-aligned blocks of 1 to 8 eighths of a cell.
const LEFT_EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// One cell of a bar: its glyph, the side it belongs to (-1 negative, 0 axis or padding, 1 positive)
/// and whether it is drawn with fg and bg swapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarCell {
    pub glyph: char,
    pub sign: i8,
    pub reversed: bool,
}

impl BarCell {
    pub const fn plain(glyph: char, sign: i8) -> Self {
        Self {
            glyph,
            sign,
            reversed: false,
        }
    }
}

/// The partial cell at the end of a bar, `eighths` (1..=7) of a cell long, touching the side the
/// bar comes from.
///
/// Unicode has left-aligned blocks for every eighth but right-aligned ones only for one eighth (`▕`)
/// and a half (`▐`). A negative bar grows to the left, so its last cell must be filled from the
/// right: that is drawn as the *complementary* left block (8 - k eighths) with the REVERSED modifier,
/// which paints the glyph in the background colour and the rest of the cell in the foreground: k
/// eighths of foreground on the right. REVERSED needs no colour, so it works in monochrome too.
fn partial(eighths: usize, sign: i8) -> BarCell {
    match (sign > 0, eighths) {
        (true, k) => BarCell::plain(LEFT_EIGHTHS[k - 1], sign),
        (false, 1) => BarCell::plain('▕', sign),
        (false, 4) => BarCell::plain('▐', sign),
        (false, k) => BarCell {
            glyph: LEFT_EIGHTHS[8 - k - 1],
            sign,
            reversed: true,
        },
    }
}

/// The cells of a diverging bar of `width` cells for `value`, on a scale where `scale` fills the
/// room on one side of the centre axis. The length is rounded to the nearest eighth of a cell, and a
/// nonzero weight always shows at least one eighth.
pub fn bar_cells(value: f64, scale: f64, width: usize) -> Vec<BarCell> {
    let width = width.max(3);
    let center = width / 2;
    let half = center.min(width - center - 1).max(1);
    let mut cells = vec![BarCell::plain(' ', 0); width];
    if value == 0.0 || !value.is_finite() {
        cells[center] = BarCell::plain(if value == 0.0 { '·' } else { '?' }, 0);
        return cells;
    }
    cells[center] = BarCell::plain('│', 0);
    let ratio = if scale > 0.0 {
        (value.abs() / scale).min(1.0)
    } else {
        1.0
    };
    let eighths = ((ratio * (8 * half) as f64).round() as usize).max(1);
    let (full, rest) = (eighths / 8, eighths % 8);
    let sign: i8 = if value > 0.0 { 1 } else { -1 };
    // Cell `k` away from the axis (0 is the one next to it), on the bar's side.
    let at = |k: usize| {
        if sign > 0 {
            center + 1 + k
        } else {
            center - 1 - k
        }
    };
    for k in 0..full {
        cells[at(k)] = BarCell::plain('█', sign);
    }
    if rest > 0 {
        cells[at(full)] = partial(rest, sign);
    }
    cells
}

/// [`bar_cells`] in whole cells, for the big layout: thick bars that read from the back of a room. The
/// length is rounded to whole cells; a weight too small for one is a thin `▏` (or `▕`) beside the
/// axis, so it still never looks like an exact zero's `·`.
pub fn block_cells(value: f64, scale: f64, width: usize) -> Vec<BarCell> {
    let mut cells = bar_cells(value, scale, width);
    let center = width.max(3) / 2;
    let half = center.min(cells.len() - center - 1).max(1);
    if value == 0.0 || !value.is_finite() {
        return cells;
    }
    let ratio = if scale > 0.0 {
        (value.abs() / scale).min(1.0)
    } else {
        1.0
    };
    let whole = (ratio * half as f64).round() as usize;
    let sign: i8 = if value > 0.0 { 1 } else { -1 };
    for k in 0..half {
        let at = if sign > 0 { center + 1 + k } else { center - 1 - k };
        cells[at] = match (k < whole, k == 0) {
            (true, _) => BarCell::plain('█', sign),
            (false, true) => BarCell::plain(if sign > 0 { '▏' } else { '▕' }, sign),
            (false, false) => BarCell::plain(' ', 0),
        };
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cells: &[BarCell]) -> String {
        cells.iter().map(|c| c.glyph).collect()
    }

    #[test]
    fn big_bars_are_whole_cells_and_a_tiny_weight_is_still_not_a_zero() {
        assert_eq!(text(&block_cells(1.0, 1.0, 9)), "    │████");
        assert_eq!(text(&block_cells(-0.55, 1.0, 9)), "  ██│    ");
        assert_eq!(text(&block_cells(0.3, 1.0, 9)), "    │█   ");
        assert_eq!(text(&block_cells(1e-9, 1.0, 9)), "    │▏   ");
        assert_eq!(text(&block_cells(-1e-9, 1.0, 9)), "   ▕│    ");
        assert_eq!(text(&block_cells(0.0, 1.0, 9)), "    ·    ");
        assert!(block_cells(-0.3, 1.0, 9).iter().all(|c| !c.reversed));
    }

    #[test]
    fn an_exact_zero_is_a_centred_dot_unlike_a_tiny_weight() {
        assert_eq!(text(&bar_cells(0.0, 1.0, 9)), "    ·    ");
        assert_eq!(text(&bar_cells(1e-9, 1.0, 9)), "    │▏   ");
        assert_eq!(text(&bar_cells(-1e-9, 1.0, 9)), "   ▕│    ");
    }

    #[test]
    fn bars_grow_with_the_value_in_opposite_directions_by_sign() {
        assert_eq!(text(&bar_cells(1.0, 1.0, 9)), "    │████");
        assert_eq!(text(&bar_cells(-1.0, 1.0, 9)), "████│    ");
        assert_eq!(text(&bar_cells(0.5, 1.0, 9)), "    │██  ");
        assert_eq!(text(&bar_cells(-0.5, 1.0, 9)), "  ██│    ");
        assert!(bar_cells(0.5, 1.0, 9).iter().all(|c| c.sign >= 0));
        assert!(bar_cells(-0.5, 1.0, 9).iter().all(|c| c.sign <= 0));
    }

    #[test]
    fn bars_have_eighth_cell_resolution_on_both_sides() {
        // 3 of 8 eighths of one cell: a left-aligned ▍ to the right of the axis ...
        assert_eq!(text(&bar_cells(3.0 / 8.0, 1.0, 3)), " │▍");
        // ... and, to the left, its complement (5 eighths) reversed: 3 eighths filled from the right.
        let negative = bar_cells(-3.0 / 8.0, 1.0, 3);
        assert_eq!(text(&negative), "▋│ ");
        assert!(negative[0].reversed && !negative[2].reversed);
        // Half the scale: a half cell at the end, on the bar's side.
        assert_eq!(text(&bar_cells(0.5, 1.0, 3)), " │▌");
        assert_eq!(text(&bar_cells(2.5 / 4.0, 1.0, 9)), "    │██▌ ");
        // The two glyphs Unicode has for the right side are used as they are.
        assert_eq!(text(&bar_cells(-0.5, 1.0, 3)), "▐│ ");
        assert!(!bar_cells(-0.5, 1.0, 3)[0].reversed);
    }
}
