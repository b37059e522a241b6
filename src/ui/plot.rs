//! What is drawn over a loss chart's curves, at the cells where the chart put them: a glyph at a point,
//! a thin mark down an epoch where a setting changed, and each curve's name at its end.

use super::curves::cell_of;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The curves' area of a chart (see [`super::curves::graph_area`]), its bounds, and the rows at its
/// top that the legend takes (`skip`), which nothing drawn over the curves may cover.
pub struct Plot {
    pub graph: Rect,
    pub xs: [f64; 2],
    pub ys: [f64; 2],
    pub skip: u16,
}

/// A curve to name at its end: the name, its style and the curve's last point (`None`: not drawn yet).
pub type EndLabel<'a> = (&'a str, Style, Option<(f64, f64)>);

/// The curves of a loss chart to name at their ends: for each model, `(name, style)` with the last
/// points of its validation and of its training curve.
pub fn model_ends<'a>(
    models: impl IntoIterator<Item = (&'a str, Style)>,
    val: impl IntoIterator<Item = Option<(f64, f64)>>,
    train: impl IntoIterator<Item = Option<(f64, f64)>>,
) -> Vec<EndLabel<'a>> {
    models
        .into_iter()
        .zip(val.into_iter().zip(train))
        .flat_map(|((name, style), (v, t))| [(name, style, v), (name, style, t)])
        .collect()
}

impl Plot {
    /// `glyph` at the cell of the point `(x, y)`.
    pub fn put(&self, buf: &mut Buffer, point: (f64, f64), glyph: &str, style: Style) {
        if let Some((x, y)) = cell_of(self.graph, self.xs, self.ys, point) {
            buf[(x, y)].set_symbol(glyph).set_style(style);
        }
    }

    /// `glyph` down the empty cells of the column at `x` (below the legend), so no curve is hidden:
    /// where a setting changed, the curves jump because the models train towards a new minimizer, not
    /// because training went wrong.
    pub fn column_mark(&self, buf: &mut Buffer, x: f64, glyph: &str, style: Style) {
        let Some((column, _)) = cell_of(self.graph, self.xs, self.ys, (x, self.ys[0])) else {
            return;
        };
        for row in self.graph.y + self.skip..self.graph.bottom() {
            let cell = &mut buf[(column, row)];
            if cell.symbol() == " " {
                cell.set_symbol(glyph).set_style(style);
            }
        }
    }

    /// Each curve's name just right of its last point (as far right as fits where the plot ends), in
    /// its style: in monochrome the names are what tells the models' curves apart, and in colour they
    /// name a curve hidden under another. Curves that end in the same cell share one label, their
    /// names joined by `/` (each name once: a model whose two curves end together is named once),
    /// unless the joined label would not fit right of the cell: then each name gets its own row, so
    /// that no long label covers the curves' ends. A label whose row is taken moves to the nearest
    /// free row. The last row is left to the x axis's title.
    pub fn end_labels(&self, buf: &mut Buffer, curves: &[EndLabel]) {
        let (top, bottom) = (self.graph.y + self.skip, self.graph.bottom().saturating_sub(2));
        let mut taken: Vec<u16> = Vec::new();
        for Shared { cell, names } in self.by_end_cell(curves).into_iter().flat_map(|g| self.fitted(g)) {
            let (column, row) = cell;
            let free = (0..self.graph.height)
                .flat_map(|d| [row.saturating_sub(d), row + d])
                .find(|r| (top..=bottom).contains(r) && !taken.contains(r));
            let Some(row) = free else { continue };
            taken.push(row);
            let mut x = (column + 1)
                .min(self.graph.right().saturating_sub(label_width(&names)))
                .max(self.graph.x);
            for (i, (name, style)) in names.iter().enumerate() {
                let room = |x: u16| usize::from(self.graph.right().saturating_sub(x));
                if i > 0 {
                    x = buf.set_stringn(x, row, "/", room(x), Style::new()).0;
                }
                x = buf.set_stringn(x, row, name, room(x), *style).0;
            }
        }
    }

    /// `group` whole when its joined label fits right of its cell (or it has one name), else one label
    /// per name.
    fn fitted<'a>(&self, group: Shared<'a>) -> Vec<Shared<'a>> {
        let fits = group.cell.0 + 1 + label_width(&group.names) <= self.graph.right();
        if fits || group.names.len() == 1 {
            return vec![group];
        }
        let cell = group.cell;
        group
            .names
            .into_iter()
            .map(|name| Shared {
                cell,
                names: vec![name],
            })
            .collect()
    }
}

/// The width of names joined by `/`.
fn label_width(names: &[(&str, Style)]) -> u16 {
    names
        .iter()
        .map(|(n, _)| n.chars().count() as u16 + 1)
        .sum::<u16>()
        .saturating_sub(1)
}

/// The curves that end in one cell, named together.
struct Shared<'a> {
    cell: (u16, u16),
    names: Vec<(&'a str, Style)>,
}

impl Plot {
    /// `curves` grouped by the cell their last point falls in (in order of first appearance), each
    /// name once; curves not drawn yet or ending outside the plot are left out.
    fn by_end_cell<'a>(&self, curves: &[EndLabel<'a>]) -> Vec<Shared<'a>> {
        let mut groups: Vec<Shared<'a>> = Vec::new();
        for &(name, style, last) in curves {
            let Some(cell) = last.and_then(|p| cell_of(self.graph, self.xs, self.ys, p)) else {
                continue;
            };
            match groups.iter_mut().find(|g| g.cell == cell) {
                Some(g) if g.names.iter().any(|&(n, _)| n == name) => {}
                Some(g) => g.names.push((name, style)),
                None => groups.push(Shared {
                    cell,
                    names: vec![(name, style)],
                }),
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot() -> Plot {
        Plot {
            graph: Rect::new(0, 0, 20, 10),
            xs: [0.0, 1.0],
            ys: [0.0, 1.0],
            skip: 1,
        }
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn a_curve_is_named_right_of_its_end_or_as_far_right_as_fits() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 10));
        // (0.5, 0.5) is column 10 (of 0 to 19), row 5 (of 0 to 9, 0 at the top).
        let plain = Style::new();
        plot().end_labels(
            &mut buf,
            &[("L1", plain, Some((0.5, 0.5))), ("EN", plain, Some((1.0, 0.0)))],
        );
        assert_eq!(row(&buf, 5), format!("{}L1{}", " ".repeat(11), " ".repeat(7)));
        // The bottom row is the axis title's: EN, ending at row 9, column 19, moves up one row and left.
        assert_eq!(row(&buf, 8), format!("{}EN", " ".repeat(18)));
        assert_eq!(row(&buf, 9).trim(), "");
    }

    #[test]
    fn curves_ending_in_one_cell_share_a_label_and_a_taken_row_moves_the_next() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 10));
        let plain = Style::new();
        let end = Some((0.0, 0.5));
        plot().end_labels(
            &mut buf,
            &[
                ("L1", plain, end),
                ("EN", plain, end),
                ("L1", plain, end),
                ("none", plain, Some((0.05, 0.5))),
                ("L2", plain, None),
            ],
        );
        assert_eq!(row(&buf, 5).trim_end(), " L1/EN");
        // none ends in row 5 too (column 1): the nearest free row above it.
        assert_eq!(row(&buf, 4).trim_end(), "  none");
        assert!(
            !(0..10).any(|y| row(&buf, y).contains("L2")),
            "a curve not drawn yet is not named"
        );
    }

    #[test]
    fn names_that_do_not_fit_together_right_of_their_end_take_a_row_each() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 10));
        let plain = Style::new();
        // Both end at column 19, the plot's last: "L2/EN" would cover the curves' last four cells.
        let end = Some((1.0, 0.5));
        plot().end_labels(&mut buf, &[("L2", plain, end), ("EN", plain, end)]);
        assert_eq!(row(&buf, 5), format!("{}L2", " ".repeat(18)));
        assert_eq!(row(&buf, 4), format!("{}EN", " ".repeat(18)));
    }

    #[test]
    fn a_column_mark_fills_only_empty_cells_below_the_legend() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 10));
        buf[(10, 3)].set_symbol("•");
        plot().column_mark(&mut buf, 0.5, "┊", Style::new());
        let column: String = (0..10).map(|y| buf[(10, y)].symbol()).collect();
        assert_eq!(column, " ┊┊•┊┊┊┊┊┊");
    }
}
