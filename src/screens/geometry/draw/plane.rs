//! The (w0, w1) plane in braille: the axes, the loss contours around the least-squares solution
//! (dotted; the one through the solution solid), the penalty's region at the matching budget, the
//! path as lambda runs to 0, and the named points: ○ least squares, ● the solution, × the truth, †
//! where a coefficient first reaches exactly 0.

use super::colour;
use crate::screens::geometry::view::{Picture, Point};
use crate::screens::geometry::Penalty;
use crate::ui::format::fitting;
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment, Points};
use ratatui::widgets::Block;
use ratatui::Frame;

/// Braille dots between the dots of a dotted contour (the region and the touching contour are solid).
const CONTOUR_DOT_SPACING: f64 = 3.0;

/// Draws the plane into `area`, with equal scales on both axes so that the circle is round (a
/// braille dot is about square: two across and four down a cell of about 1:2).
pub fn render(frame: &mut Frame, area: Rect, picture: &Picture, theme: &Theme, block: Block) {
    let block = block
        .title(title(picture, theme, area.width))
        .title_bottom(bottom(picture, theme, area.width));
    let inner = block.inner(area);
    let (xs, ys) = bounds(picture.extent, inner.width, inner.height);
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds(xs)
        .y_bounds(ys)
        .paint(|ctx| {
            let dot = (xs[1] - xs[0]) / (2.0 * inner.width.max(1) as f64);
            paint(ctx, picture, theme, [xs, ys], dot)
        });
    frame.render_widget(canvas, area);
}

/// `[-e, e]` on the shorter side (in dots) and proportionally more on the longer.
fn bounds(extent: f64, width: u16, height: u16) -> ([f64; 2], [f64; 2]) {
    let (dots_x, dots_y) = (2.0 * width.max(1) as f64, 4.0 * height.max(1) as f64);
    let (hx, hy) = if dots_x >= dots_y {
        (extent * dots_x / dots_y, extent)
    } else {
        (extent, extent * dots_y / dots_x)
    };
    ([-hx, hx], [-hy, hy])
}

/// Everything in layers, the named points last (`dot`: a braille dot's size in the plane's units).
fn paint(ctx: &mut Context, picture: &Picture, theme: &Theme, [xs, ys]: [[f64; 2]; 2], dot: f64) {
    let axis = colour(theme.axis);
    ctx.draw(&Segment::new(xs[0], 0.0, xs[1], 0.0, axis));
    ctx.draw(&Segment::new(0.0, ys[0], 0.0, ys[1], axis));
    for contour in picture.contours.iter().filter(|c| !c.touching) {
        let dots = dotted(&contour.points, CONTOUR_DOT_SPACING * dot);
        ctx.draw(&Points::new(&dots, colour(theme.dim)));
    }
    ctx.layer();
    if let Some(touching) = picture.contours.iter().find(|c| c.touching) {
        polyline(ctx, &touching.points, colour(theme.text));
    }
    let own = colour(theme.series(picture.penalty.series()));
    polyline(ctx, &picture.region, own);
    ctx.layer();
    ctx.draw(&Points::new(&picture.path, own));
    ctx.layer();
    labels(ctx, picture, theme, xs, ys);
}

/// Points every `spacing` along the polyline `points`.
fn dotted(points: &[Point], spacing: f64) -> Vec<Point> {
    let mut out = Vec::new();
    let mut since = spacing;
    for pair in points.windows(2) {
        since += (pair[1].0 - pair[0].0).hypot(pair[1].1 - pair[0].1);
        if since >= spacing {
            out.push(pair[1]);
            since = 0.0;
        }
    }
    out
}

/// Straight segments between consecutive points.
fn polyline(ctx: &mut Context, points: &[Point], color: ratatui::style::Color) {
    for pair in points.windows(2) {
        ctx.draw(&Segment::new(pair[0].0, pair[0].1, pair[1].0, pair[1].1, color));
    }
}

/// The named points and the axes' names.
fn labels(ctx: &mut Context, picture: &Picture, theme: &Theme, xs: [f64; 2], ys: [f64; 2]) {
    let own = theme.series(picture.penalty.series());
    let unregularized = theme.series(crate::ui::theme::Series::Unregularized);
    ctx.print(xs[1] - (xs[1] - xs[0]) * 0.04, 0.0, Line::styled("w0", theme.axis));
    ctx.print(0.0, ys[1], Line::styled("w1", theme.axis));
    ctx.print(picture.truth[0], picture.truth[1], Line::styled("×", theme.truth));
    if let Some(zero) = picture.zero {
        ctx.print(zero.at.0, zero.at.1, Line::styled("†", own));
    }
    ctx.print(picture.ols[0], picture.ols[1], Line::styled("○", unregularized));
    ctx.print(picture.solution[0], picture.solution[1], Line::styled("●", own));
}

/// The top title for a box `width` wide: what each mark is, in its colour, shortened to fit.
fn title(picture: &Picture, theme: &Theme, width: u16) -> Line<'static> {
    let own = theme.series(picture.penalty.series());
    let unregularized = theme.series(crate::ui::theme::Series::Unregularized);
    let region = match picture.penalty {
        Penalty::L1 => "|w0|+|w1| ≤ t",
        Penalty::L2 => "w0²+w1² ≤ t²",
        Penalty::ElasticNet => "a|w|₁+b|w|²/2 ≤ t",
    };
    let name = picture.penalty.name();
    let line = |ols: &str, region: String| {
        Line::from(vec![
            Span::styled(format!(" ○ {ols} "), unregularized),
            Span::styled(format!("● {name} "), own),
            Span::styled(format!("{region} "), own),
        ])
    };
    fitting(
        width,
        vec![
            line("least squares", format!("region {region}")),
            line("least squares", region.to_string()),
            line("OLS", region.to_string()),
            line("OLS", String::new()),
        ],
    )
}

/// The bottom title for a box `width` wide: the contours, the path, the truth and the zero.
fn bottom(picture: &Picture, theme: &Theme, width: u16) -> Line<'static> {
    let own = theme.series(picture.penalty.series());
    let line = |contours: &str, path: &str, zero: &str| {
        let mut spans = vec![
            Span::styled(format!(" {contours} "), theme.text),
            Span::styled(format!("{path} "), own),
            Span::styled("× truth ", theme.truth),
        ];
        if picture.zero.is_some() {
            spans.push(Span::styled(format!("{zero} "), own));
        }
        Line::from(spans)
    };
    fitting(
        width,
        vec![
            line("⠤ loss contour through ●, ⠂ others", "⠒ path λ→0", "† first zero"),
            line("⠤ contour at ● ⠂ contours", "⠒ path", "† zero"),
            line("⠤ at ● ⠂ loss", "⠒ path", "†"),
        ],
    )
}
