//! The two-feature preset's picture: the training points (`+` class 1, `o` class 0) on the
//! standardized plane, each model's decision boundary `b + w . x = 0` in its colour and named at its
//! end, and the true boundary as a row of printed `·` marks (the models' lines are braille strokes, so
//! the two kinds read apart without colour and from the back of a room). The lasso's boundary turns
//! parallel to an axis once one of its weights is exactly 0; at the top of its grid (both weights 0)
//! there is no boundary, and the panel says so. How far apart the models' boundaries stand is how much
//! the penalties move them.

use crate::screens::classification::view::View;
use crate::screens::classification::MODELS;
use crate::ui::format::short;
use crate::ui::theme::Theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The plane shown: standardized units, where nearly all points fall.
const BOUND: f64 = 3.0;

/// Points of the line `b + w0 x + w1 y = 0` inside the square, `count` of them evenly spaced along
/// its longer extent; empty when both weights are 0 (no boundary).
pub fn boundary(b: f64, w: [f64; 2], count: usize) -> Vec<(f64, f64)> {
    let t = |k: usize| -BOUND + 2.0 * BOUND * k as f64 / (count.max(2) - 1) as f64;
    let inside = |&(x, y): &(f64, f64)| x.abs() <= BOUND && y.abs() <= BOUND;
    if w[0] == 0.0 && w[1] == 0.0 {
        return Vec::new();
    }
    if w[1].abs() >= w[0].abs() {
        (0..count)
            .map(|k| (t(k), -(b + w[0] * t(k)) / w[1]))
            .filter(inside)
            .collect()
    } else {
        (0..count)
            .map(|k| (-(b + w[1] * t(k)) / w[0], t(k)))
            .filter(inside)
            .collect()
    }
}

fn colour(theme: &Theme, series: crate::ui::theme::Series) -> Color {
    theme.series(series).fg.unwrap_or(Color::Reset)
}

pub fn render(frame: &mut Frame, area: Rect, view: &View, theme: &Theme, block: Block) {
    let title = |text: &str| Line::from(Span::styled(text.to_string(), theme.title));
    let block = block.title(crate::ui::format::fitting(
        area.width,
        vec![
            title(" Decision boundaries (standardized x0, x1) "),
            title(" Decision boundaries "),
        ],
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(points) = &view.data.points else { return };
    let legend_lines = legend_lines(view, theme, inner.width);
    let [plot, legend] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(legend_lines.len() as u16)]).areas(inner);
    let truth = [view.data.truth[0], view.data.truth[1]];
    let true_marks = marks_along(view.data.truth_intercept, truth, plot);
    let lines: Vec<(usize, Vec<(f64, f64)>)> = view
        .models
        .iter()
        .enumerate()
        .map(|(m, s)| {
            let w = [
                s.weights.first().copied().unwrap_or(0.0),
                s.weights.get(1).copied().unwrap_or(0.0),
            ];
            (m, boundary(s.intercept, w, 400))
        })
        .collect();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-BOUND, BOUND])
        .y_bounds([-BOUND, BOUND])
        .paint(|ctx| {
            for (m, line) in &lines {
                ctx.draw(&Points {
                    coords: line,
                    color: colour(theme, MODELS[*m].series()),
                });
            }
            ctx.layer();
            // Printed in order, later over earlier: the truth's marks, then the points, then the names.
            for &(x, y) in &true_marks {
                ctx.print(x, y, Span::styled("·", theme.truth));
            }
            for &(x, y, one) in &points.train {
                if x.abs() <= BOUND && y.abs() <= BOUND {
                    ctx.print(x, y, if one { "+" } else { "o" });
                }
            }
            for (m, line) in &lines {
                // Each name at its own share of the way along its line, so that lines close together
                // keep their names apart.
                if let Some(&(x, y)) = line.get(line.len() * (2 * m + 1) / 9) {
                    let style = theme.series(MODELS[*m].series());
                    ctx.print(x.min(BOUND * 0.9), y, Span::styled(MODELS[*m].short(), style));
                }
            }
        });
    frame.render_widget(canvas, plot);
    frame.render_widget(Paragraph::new(legend_lines), legend);
}

/// Where the true boundary's `·` marks go in `plot`: along the line `b + w . x = 0`, a mark wherever it
/// has moved two columns or one row (a row is about twice as tall as a column is wide) from the last
/// mark. Closer, they would merge into a line like the models'.
fn marks_along(b: f64, w: [f64; 2], plot: Rect) -> Vec<(f64, f64)> {
    let in_cells = |(x, y): (f64, f64)| {
        (
            (x + BOUND) / (2.0 * BOUND) * f64::from(plot.width),
            (BOUND - y) / (2.0 * BOUND) * f64::from(plot.height),
        )
    };
    let mut marks = Vec::new();
    let mut last: Option<(f64, f64)> = None;
    for point in boundary(b, w, 400) {
        let (column, row) = in_cells(point);
        if last.is_none_or(|(c, r)| (column - c).abs().max(2.0 * (row - r).abs()) >= 2.0) {
            marks.push(point);
            last = Some((column, row));
        }
    }
    marks
}

/// What the marks are, then each model's weights `(w0, w1)` (or that it has no boundary), packed into
/// lines of `width`.
fn legend_lines(view: &View, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut chunks = vec![
        vec![Span::raw("+ class 1  o class 0")],
        vec![Span::styled("··· true boundary", theme.truth)],
    ];
    for (id, model) in MODELS.iter().zip(&view.models) {
        let w = &model.weights;
        let text = if w.iter().all(|v| *v == 0.0) {
            format!("{}: w = 0, no boundary", id.short())
        } else {
            format!("{} w ({}, {})", id.short(), short(w[0]), short(w[1]))
        };
        chunks.push(vec![Span::styled(text, theme.series(id.series()))]);
    }
    crate::ui::format::pack(chunks, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boundary_lies_on_its_line_and_inside_the_square() {
        for (b, w) in [
            (0.5, [1.0, 2.0]),
            (-1.0, [3.0, -0.5]),
            (0.2, [0.0, 1.0]),
            (0.0, [1.0, 0.0]),
        ] {
            let points = boundary(b, w, 100);
            assert!(!points.is_empty(), "{b} {w:?}");
            for (x, y) in points {
                assert!((b + w[0] * x + w[1] * y).abs() < 1e-9);
                assert!(x.abs() <= BOUND && y.abs() <= BOUND);
            }
        }
        assert!(boundary(1.0, [0.0, 0.0], 100).is_empty(), "no weights, no boundary");
        // The lasso's boundary with w1 = 0 is vertical: x is the same all along.
        let vertical = boundary(0.6, [2.0, 0.0], 50);
        assert!(vertical.iter().all(|&(x, _)| (x + 0.3).abs() < 1e-12));
    }

    /// The truth's marks lie on its line, two columns or a row apart, whether the line is flat, steep or
    /// diagonal: a flat line across 60 columns gets about 30 marks, a steep one down 30 rows about 30.
    #[test]
    fn truth_marks_stand_apart_along_the_line() {
        let plot = Rect::new(0, 0, 60, 30);
        for (b, w, about) in [(0.3, [0.1, 1.0], 30), (-0.2, [1.0, 0.05], 30), (0.0, [1.0, 1.0], 30)] {
            let marks = marks_along(b, w, plot);
            assert!(marks.len().abs_diff(about) <= 2, "{w:?}: {} marks", marks.len());
            for pair in marks.windows(2) {
                let (dx, dy) = (pair[1].0 - pair[0].0, pair[1].1 - pair[0].1);
                let (columns, rows) = (dx.abs() / 6.0 * 60.0, dy.abs() / 6.0 * 30.0);
                assert!(columns.max(2.0 * rows) >= 2.0, "{w:?}: marks {pair:?} too close");
            }
            assert!(marks.iter().all(|&(x, y)| (b + w[0] * x + w[1] * y).abs() < 1e-9));
        }
    }
}
