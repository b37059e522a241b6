//! Weight magnitudes: for every feature a signed bar per model, beside the true weight. Positive bars
//! grow right in `█`, negative bars grow left in `▓` (sign by glyph and by colour); an exact zero is a
//! centred `·`, so it never looks like a small weight. The true support is highlighted.

use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::view::View;
use crate::screens::linear::MODELS;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use ratatui::Frame;

/// The characters of a diverging bar of `width` cells for `value` on a scale where `scale` fills half
/// the width: `(char, sign)` per cell, sign -1, 0 or 1 (0 for the axis and padding).
pub fn bar_cells(value: f64, scale: f64, width: usize) -> Vec<(char, i8)> {
    let width = width.max(3);
    let center = width / 2;
    let half = center.min(width - center - 1).max(1);
    let mut cells = vec![(' ', 0i8); width];
    if value == 0.0 {
        cells[center] = ('·', 0);
        return cells;
    }
    cells[center] = ('│', 0);
    let length = if scale > 0.0 {
        (value.abs() / scale).min(1.0) * half as f64
    } else {
        0.0
    };
    let full = length.floor() as usize;
    let frac = length - full as f64;
    if value > 0.0 {
        for cell in cells.iter_mut().skip(center + 1).take(full) {
            *cell = ('█', 1);
        }
        if full < half {
            // Eighth blocks grow to the right; a nonzero weight always shows at least one.
            const EIGHTHS: [char; 8] = ['▏', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
            let eighth = ((frac * 8.0).floor() as usize).min(7);
            if eighth > 0 || full == 0 {
                cells[center + 1 + full] = (EIGHTHS[eighth], 1);
            }
        }
    } else {
        for k in 0..full {
            cells[center - 1 - k] = ('▓', -1);
        }
        if full < half {
            // Only halves and eighths grow to the left.
            let glyph = if frac >= 0.75 {
                Some('▓')
            } else if frac >= 0.25 {
                Some('▐')
            } else if full == 0 || frac > 0.0 {
                Some('▕')
            } else {
                None
            };
            if let Some(g) = glyph {
                cells[center - 1 - full] = (g, -1);
            }
        }
    }
    cells
}

struct WeightsTable<'a> {
    state: &'a View,
    theme: &'a Theme,
}

const NAME_WIDTH: usize = 8;

/// How the table's columns are laid out: bar width and the value that fills half a bar.
struct Columns {
    bar_width: usize,
    scale: f64,
}

impl WeightsTable<'_> {
    /// "feature", then "truth" (when known) and every model, centred over their bars.
    fn header(&self, area: Rect, buf: &mut Buffer, has_truth: bool, columns: &Columns) {
        let theme = self.theme;
        let mut x = area.x + NAME_WIDTH as u16 + 1;
        let mut headers: Vec<(&str, Style)> = Vec::new();
        if has_truth {
            headers.push(("truth", theme.truth));
        }
        for id in MODELS.iter() {
            headers.push((id.short(), theme.series(id.series())));
        }
        buf.set_string(area.x, area.y, "feature", theme.dim);
        for (label, style) in headers {
            let pad = (columns.bar_width.saturating_sub(label.len())) / 2;
            buf.set_stringn(x + pad as u16, area.y, label, columns.bar_width, style);
            x += columns.bar_width as u16 + 1;
        }
    }

    /// Feature `j` on row `y`: its name (starred in the true support), then its bars.
    fn row(&self, area: Rect, buf: &mut Buffer, y: u16, j: usize, columns: &Columns) {
        let (theme, data) = (self.theme, self.state.data.as_deref().expect("drawn with data"));
        let in_support = data.truth.as_ref().is_some_and(|t| t[j] != 0.0);
        let marker = if in_support { "*" } else { " " };
        let name_style = if in_support { theme.support } else { theme.text };
        let name = format!("{marker}{}", data.feature_names[j]);
        buf.set_stringn(area.x, y, name, NAME_WIDTH, name_style);
        let mut x = area.x + NAME_WIDTH as u16 + 1;
        let truth = data.truth.as_ref().map(|t| t[j]);
        let weights = self
            .state
            .models
            .iter()
            .map(|m| m.weights.get(j).copied().unwrap_or(0.0));
        for value in truth.into_iter().chain(weights) {
            for (k, (glyph, sign)) in bar_cells(value, columns.scale, columns.bar_width)
                .into_iter()
                .enumerate()
            {
                let style = match sign {
                    1 => theme.text,
                    -1 => theme.text,
                    _ if glyph == '·' => theme.zero,
                    _ => theme.dim,
                };
                buf[(x + k as u16, y)].set_char(glyph).set_style(style);
            }
            x += columns.bar_width as u16 + 1;
        }
    }

    /// Which features are shown, with the keys that scroll.
    fn note(&self, first: usize, rows: usize, p: usize) -> Line<'static> {
        let theme = self.theme;
        Line::from(vec![
            Span::styled(
                format!("features {}-{} of {p}   ", first + 1, (first + rows).min(p)),
                theme.dim,
            ),
            Span::styled(hint(Action::ScrollWeights(-1)), theme.key),
            Span::styled(" ", theme.dim),
            Span::styled(hint(Action::ScrollWeights(1)), theme.key),
            Span::styled(" scroll", theme.dim),
        ])
    }
}

impl Widget for WeightsTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(data) = self.state.data.as_ref() else {
            buf.set_string(area.x, area.y, "making the data…", self.theme.dim);
            return;
        };
        let has_truth = data.truth.is_some();
        let count = MODELS.len() + usize::from(has_truth);
        let available = (area.width as usize).saturating_sub(NAME_WIDTH + 1);
        let columns = Columns {
            bar_width: (available / count.max(1)).saturating_sub(1).max(3),
            scale: self
                .state
                .models
                .iter()
                .flat_map(|m| m.weights.iter())
                .chain(data.truth.iter().flatten())
                .fold(0.0f64, |m, w| m.max(w.abs())),
        };
        self.header(area, buf, has_truth, &columns);
        let p = data.feature_names.len();
        // When the features do not fit, the last row says which are shown.
        let all_rows = area.height.saturating_sub(1) as usize;
        let rows = if p > all_rows {
            all_rows.saturating_sub(1)
        } else {
            all_rows
        };
        // Recorded for `update`, which clamps the scroll offset to what this frame can show.
        self.state.weights_rows.set(rows);
        let first = self.state.weights_scroll.min(p.saturating_sub(rows.max(1)));
        for (row, j) in (first..p).take(rows).enumerate() {
            self.row(area, buf, area.y + 1 + row as u16, j, &columns);
        }
        if p > rows && rows > 0 {
            buf.set_line(area.x, area.y + 1 + rows as u16, &self.note(first, rows, p), area.width);
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &View, theme: &Theme, block: Block) {
    let title = Line::from(vec![
        Span::styled(" Weights ", theme.title),
        Span::styled("█ + ▓ − · exactly 0  * true support ", theme.dim),
    ]);
    let block = block.title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(WeightsTable { state, theme }, inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cells: &[(char, i8)]) -> String {
        cells.iter().map(|c| c.0).collect()
    }

    #[test]
    fn an_exact_zero_is_a_centred_dot_unlike_a_tiny_weight() {
        assert_eq!(text(&bar_cells(0.0, 1.0, 9)), "    ·    ");
        assert_eq!(text(&bar_cells(1e-9, 1.0, 9)), "    │▏   ");
        assert_eq!(text(&bar_cells(-1e-9, 1.0, 9)), "   ▕│    ");
    }

    #[test]
    fn bars_grow_with_the_value_and_show_the_sign() {
        assert_eq!(text(&bar_cells(1.0, 1.0, 9)), "    │████");
        assert_eq!(text(&bar_cells(-1.0, 1.0, 9)), "▓▓▓▓│    ");
        assert_eq!(text(&bar_cells(0.5, 1.0, 9)), "    │██  ");
        assert!(bar_cells(0.5, 1.0, 9).iter().all(|c| c.1 >= 0));
        assert!(bar_cells(-0.5, 1.0, 9).iter().all(|c| c.1 <= 0));
    }
}
