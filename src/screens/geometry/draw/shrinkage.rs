//! ESL's one-dimensional picture (table 3.4, figure 3.10): with orthonormal features each estimate is
//! a function of the least-squares estimate `z` alone. At the current lambda: the lasso's soft
//! thresholding, ridge's proportional shrinkage, best subset's hard thresholding, the elastic net's
//! (when it is the penalty shown), over least squares' diagonal. Each curve is named at its end.

use super::colour;
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
        " one feature: estimate against least squares ",
        " estimate vs least squares ",
        " vs least squares ",
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
    let cell = 2.0 * z / block.inner(area).width.max(1) as f64;
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds([-z, z])
        .y_bounds([-z, z])
        .paint(|ctx| paint(ctx, picture, theme, cell));
    frame.render_widget(canvas, area);
}

/// An estimator's style: its penalty's colour; best subset and least squares have none (one colour,
/// one meaning), so least squares is dim and best subset plain.
fn style(estimator: &Estimator, theme: &Theme) -> Style {
    match (estimator.penalty, estimator.name) {
        (Some(penalty), _) => theme.series(penalty.series()),
        (None, "least squares") => theme.dim,
        (None, _) => theme.text,
    }
}

/// The curves, then their names (`cell`: a cell's width in `z`).
fn paint(ctx: &mut Context, picture: &Picture, theme: &Theme, cell: f64) {
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
    // Names ending at the right edge, each at its curve's height there; the ones that meet there
    // (best subset keeps least squares' value) are stacked downwards so none hides another.
    let mut taken: Vec<f64> = Vec::new();
    let step = z * 0.12;
    for estimator in &picture.estimators {
        let Some(&(_, mut y)) = estimator.points.last() else {
            continue;
        };
        while taken.iter().any(|t| (t - y).abs() < step) {
            y -= step;
        }
        taken.push(y);
        let label = Span::styled(estimator.name, style(estimator, theme));
        let x = z - (estimator.name.chars().count() + 1) as f64 * cell;
        ctx.print(x, y, Line::from(label));
    }
}
