//! The (w0, w1) plane in braille: the axes, the loss contours around the least-squares solution
//! (dotted; the one through the solution solid), the penalty's region at the matching budget, the
//! path as lambda runs to 0, and the named points: ○ least squares, ● the solution, × the truth, †
//! where a coefficient first reaches exactly 0.

use super::{colour, solid};
use crate::screens::geometry::view::{Picture, Point};
use crate::screens::geometry::Penalty;
use crate::ui::format::fitting;
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment, Points};
use ratatui::widgets::Block;
use ratatui::Frame;

/// Braille dots between the dots of a dotted contour, and of the dotted axes (the region and the
/// touching contour are solid lines, the path a string of `·`): each kind of line has its own texture,
/// so the picture reads without colour.
const CONTOUR_DOT_SPACING: f64 = 4.0;
const AXIS_DOT_SPACING: f64 = 2.0;
/// Cells between the `·` of the path.
const PATH_CELL_SPACING: f64 = 1.5;

/// Draws the plane into `area`, with equal scales on both axes so that the circle is round (a
/// braille dot is about square: two across and four down a cell of about 1:2).
pub fn render(frame: &mut Frame, area: Rect, picture: &Picture, theme: &Theme, block: Block) {
    let block = block
        .title(title(picture, theme, area.width))
        .title_bottom(bottom(picture, theme, area.width));
    let grid = Grid::new(picture.extent, block.inner(area));
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds(grid.xs)
        .y_bounds(grid.ys)
        .paint(|ctx| paint(ctx, picture, theme, &grid));
    frame.render_widget(canvas, area);
}

/// The plane's bounds on a canvas of `cols x rows` cells.
struct Grid {
    xs: [f64; 2],
    ys: [f64; 2],
    cols: f64,
    rows: f64,
}

impl Grid {
    /// `[-e, e]` on the shorter side (in dots) and proportionally more on the longer.
    fn new(extent: f64, inner: Rect) -> Self {
        let (cols, rows) = (inner.width.max(2) as f64, inner.height.max(2) as f64);
        let (dots_x, dots_y) = (2.0 * cols, 4.0 * rows);
        let (hx, hy) = if dots_x >= dots_y {
            (extent * dots_x / dots_y, extent)
        } else {
            (extent, extent * dots_y / dots_x)
        };
        Self {
            xs: [-hx, hx],
            ys: [-hy, hy],
            cols,
            rows,
        }
    }

    /// A braille dot's width in the plane's units (its height is about the same).
    fn dot(&self) -> f64 {
        (self.xs[1] - self.xs[0]) / (2.0 * self.cols)
    }

    /// Where to print a label so it lands in the cell whose braille dots draw `(x, y)`: the canvas
    /// rounds a point to its dot but truncates a label to its cell, with different scales, so
    /// printed at `(x, y)` a mark can sit a row off the line it is on (● above the axis it is on).
    fn label_at(&self, (x, y): Point) -> Point {
        let (width, height) = (self.xs[1] - self.xs[0], self.ys[1] - self.ys[0]);
        let dot_col = ((x - self.xs[0]) * (2.0 * self.cols - 1.0) / width).round();
        let dot_row = ((self.ys[1] - y) * (4.0 * self.rows - 1.0) / height).round();
        let (col, row) = ((dot_col / 2.0).floor(), (dot_row / 4.0).floor());
        (
            (self.xs[0] + (col + 0.25) * width / (self.cols - 1.0)).min(self.xs[1]),
            (self.ys[1] - (row + 0.25) * height / (self.rows - 1.0)).max(self.ys[0]),
        )
    }
}

/// Everything in layers, then the path and the named points as text.
fn paint(ctx: &mut Context, picture: &Picture, theme: &Theme, grid: &Grid) {
    let (xs, ys, dot) = (grid.xs, grid.ys, grid.dot());
    let axis = colour(theme.axis);
    for line in [[(xs[0], 0.0), (xs[1], 0.0)], [(0.0, ys[0]), (0.0, ys[1])]] {
        ctx.draw(&Points::new(&dotted(&line, AXIS_DOT_SPACING * dot), axis));
    }
    for contour in picture.contours.iter().filter(|c| !c.touching) {
        let dots = dotted(&contour.points, CONTOUR_DOT_SPACING * dot);
        ctx.draw(&Points::new(&dots, colour(theme.dim)));
    }
    ctx.layer();
    if let Some(touching) = picture.contours.iter().find(|c| c.touching) {
        polyline(ctx, &touching.points, colour(theme.text));
    }
    let own = theme.series(picture.penalty.series());
    polyline(ctx, &picture.region, colour(own));
    ctx.layer();
    for point in spaced(&picture.path, PATH_CELL_SPACING * 2.0 * dot) {
        ctx.print(
            grid.label_at(point).0,
            grid.label_at(point).1,
            Line::styled("·", solid(own)),
        );
    }
    labels(ctx, picture, theme, grid);
}

/// Points every `spacing` along the polyline `points` (the first included), interpolated, so a
/// straight line of two points is dotted evenly too.
fn dotted(points: &[Point], spacing: f64) -> Vec<Point> {
    let mut out = Vec::new();
    let mut carried = 0.0;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = (b.0 - a.0).hypot(b.1 - a.1);
        let mut at = carried;
        while at <= length && length > 0.0 {
            let f = at / length;
            out.push((a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1)));
            at += spacing;
        }
        carried = at - length;
    }
    out
}

/// The points of `points` at least `spacing` apart along it (for marks printed in cells).
fn spaced(points: &[Point], spacing: f64) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    for &p in points {
        if out.last().is_none_or(|q| (p.0 - q.0).hypot(p.1 - q.1) >= spacing) {
            out.push(p);
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

/// The named points and the axes' names, each in the cell of the dots it stands for.
fn labels(ctx: &mut Context, picture: &Picture, theme: &Theme, grid: &Grid) {
    let own = solid(theme.series(picture.penalty.series()));
    let unregularized = solid(theme.series(crate::ui::theme::Series::Unregularized));
    let (xs, ys) = (grid.xs, grid.ys);
    let mut mark = |at: Point, text: &'static str, style: Style| {
        let (x, y) = grid.label_at(at);
        ctx.print(x, y, Line::styled(text, style));
    };
    mark((xs[1] - (xs[1] - xs[0]) * 0.04, 0.0), "w0", solid(theme.axis));
    mark((0.0, ys[1]), "w1", solid(theme.axis));
    mark((picture.truth[0], picture.truth[1]), "×", solid(theme.truth));
    if let Some(zero) = picture.zero {
        mark(zero.at, "†", own);
    }
    mark((picture.ols[0], picture.ols[1]), "○", unregularized);
    mark((picture.solution[0], picture.solution[1]), "●", own);
}

/// The top title for a box `width` wide: what each mark is, in its colour, shortened to fit.
fn title(picture: &Picture, theme: &Theme, width: u16) -> Line<'static> {
    let own = theme.series(picture.penalty.series());
    let unregularized = theme.series(crate::ui::theme::Series::Unregularized);
    let region = match picture.penalty {
        Penalty::L1 => "|w0|+|w1| ≤ t".to_string(),
        Penalty::L2 => "w0²+w1² ≤ t²".to_string(),
        Penalty::ElasticNet => format!(
            "{}|w|₁+{}|w|²/2 ≤ t",
            crate::ui::format::short(picture.mix.l1),
            crate::ui::format::short(picture.mix.l2)
        ),
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
            line("⠤ loss contour through ●, ⠂ others", "··· path λ→0", "† first zero"),
            line("⠤ contour at ● ⠂ contours", "··· path", "† zero"),
            line("⠤ at ● ⠂ loss", "··· path", "†"),
        ],
    )
}
