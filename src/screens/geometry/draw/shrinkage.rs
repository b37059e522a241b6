//! ESL's one-dimensional picture (table 3.4, figure 3.10): with orthonormal features each estimate is
//! a function of the least-squares estimate `z` alone. At the current lambda: the lasso's soft
//! thresholding, ridge's proportional shrinkage, best subset's hard thresholding, the elastic net's
//! (when it is the penalty shown), over least squares' diagonal. Each curve is named at its end.

use super::{colour, solid};
use crate::screens::geometry::view::{Estimator, Picture};
use crate::ui::format::{fitting, short};
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment};
use ratatui::widgets::Block;
use ratatui::Frame;

/// Draws the estimators into `area`.
pub fn render(frame: &mut Frame, area: Rect, picture: &Picture, theme: &Theme, block: Block) {
    let z = picture.z_extent;
    // The curves are named where they are drawn; the title says what the axes are.
    let lambda = short(picture.lambda);
    let titles = [format!(" Shrinkage at λ {lambda} "), format!(" λ {lambda} ")];
    let bottoms = [
        format!(" one feature: estimate against least squares z, |z| ≤ {} ", short(z)),
        " estimate vs least squares ".to_string(),
        " vs least squares ".to_string(),
    ];
    let block = block
        .title(fitting(
            area.width,
            titles.map(|t| Line::styled(t, theme.title)).to_vec(),
        ))
        .title_bottom(fitting(
            area.width,
            bottoms.map(|t| Line::styled(t, theme.dim)).to_vec(),
        ));
    let inner = block.inner(area);
    let cell = (
        2.0 * z / inner.width.max(1) as f64,
        2.0 * z / inner.height.max(1) as f64,
    );
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds([-z, z])
        .y_bounds([-z, z])
        .paint(|ctx| paint(ctx, picture, theme, cell));
    frame.render_widget(canvas, area);
}

/// The height of an estimator's curve at the right edge.
fn end_height(estimator: &Estimator) -> f64 {
    estimator.points.last().map_or(0.0, |p| p.1)
}

/// An estimator's style: its model's colour (least squares is the unregularized model's, as `○` on
/// the plane); best subset is no model of the other screens, so it takes the plain text style.
fn style(estimator: &Estimator, theme: &Theme) -> Style {
    estimator.series.map_or(theme.text, |series| theme.series(series))
}

/// The curves, then their names (`cell`: a cell's width and height in `z`).
fn paint(ctx: &mut Context, picture: &Picture, theme: &Theme, cell: (f64, f64)) {
    let z = picture.z_extent;
    let axis = colour(theme.axis);
    ctx.draw(&Segment::new(-z, 0.0, z, 0.0, axis));
    ctx.draw(&Segment::new(0.0, -z, 0.0, z, axis));
    for estimator in &picture.estimators {
        ctx.layer();
        let color = colour(style(estimator, theme));
        for pair in estimator.points.windows(2) {
            ctx.draw(&Segment::new(pair[0].0, pair[0].1, pair[1].0, pair[1].1, color));
        }
    }
    ctx.layer();
    // Names ending at the right edge, each in the row of its curve there, taken top down: one that
    // meets another there (best subset keeps least squares' value) goes to the next free row below.
    let mut order: Vec<&Estimator> = picture.estimators.iter().filter(|e| !e.points.is_empty()).collect();
    order.sort_by(|a, b| end_height(b).total_cmp(&end_height(a)));
    let mut next_free = f64::NEG_INFINITY;
    for estimator in order {
        let row = ((z - end_height(estimator)) / cell.1).floor().max(next_free);
        next_free = row + 1.0;
        let label = Span::styled(estimator.name, solid(style(estimator, theme)));
        let x = z - (estimator.name.chars().count() + 1) as f64 * cell.0;
        ctx.print(x, z - (row + 0.5) * cell.1, Line::from(label));
    }
}
