//! The dropout screen: four copies of one network (none, dropout, weight decay, both) with their loss
//! curves, their fits (curves over the points in 1-D, decision regions in half-block cells in 2-D), and
//! the live dropout mask of the current mini-batch.
//!
//! ```text
//! ┌ MSE (log) none dropout decay both ┐┌ Fits none dropout decay both ┐
//! │ ⠤⠤ train lines, •• validation dots ││ points and four curves       │
//! └ ⠤⠤ train •• val, avg 50 █ best ───┘└──────────────────────────────┘
//! ┌ Dropout mask of the current mini-batch ─────────────────────────────┐
//! │ layer 1 ██·███·██…   layer 2 …                                      │
//! └─────────────────────────────────────────────────────────────────────┘
//! status: settings and keys, then every variant's averaged losses (packed to the width)
//! ```
//!
//! Every series is named in a panel title (always drawn, whatever the size), in its variant's
//! colour; training and validation differ by marker, so they stay apart in monochrome.

mod regions;
mod status;

use super::settings::SMOOTHING_EPOCHS;
use super::view::{View, CURVE_EXTENT, MASK_VARIANT, VARIANTS};
use super::Screen;
use crate::data::nonlinear::Shape;
use crate::ui::format::{pow10_label, short};
use crate::ui::theme::{Theme, TRAIN_MARKER, TRAIN_SYMBOL, VALIDATION_MARKER, VALIDATION_SYMBOL};
use crate::ui::{Chrome, FULL_SIZE};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Wrap};
use ratatui::Frame;

/// The glyph of a variant's best validation point on the loss chart ([`BEST_MARKER`]).
const BEST_SYMBOL: &str = "█";
const BEST_MARKER: Marker = Marker::Block;
/// The fewest rows (borders included) the loss chart and the fits get.
const MIN_CHART_ROWS: u16 = 12;

/// Draws the dropout screen into `area`: the panels, then the status lines, as many as the width
/// needs (at most half the height) so that none is cut.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let status = status::status_lines(screen, chrome, area.width);
    let status_height = (status.len() as u16).min(area.height / 2);
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    render_body(frame, body, screen, chrome);
    frame.render_widget(Paragraph::new(status).wrap(Wrap { trim: true }), status_area);
}

/// The loss chart and the fits side by side (wide enough for both from 80 columns: stacked, the loss
/// chart got four rows at 80x24), the mask under them.
fn render_body(frame: &mut Frame, area: Rect, screen: &Screen, chrome: &Chrome) {
    let (lab, theme) = (&screen.view, chrome.theme);
    // The mask gives way on short terminals so that the charts keep at least MIN_CHART_ROWS rows.
    let mask_rows = lab.layers as u16 + 2;
    let mask_rows = if area.height >= MIN_CHART_ROWS + mask_rows {
        mask_rows
    } else {
        0
    };
    let [top, mask_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(mask_rows)]).areas(area);
    let loss_share = if area.width >= FULL_SIZE.0 { 55 } else { 50 };
    let [loss_area, fit_area] =
        Layout::horizontal([Constraint::Percentage(loss_share), Constraint::Fill(1)]).areas(top);
    let block = || Block::default().borders(Borders::ALL).border_style(theme.border);
    render_losses(frame, loss_area, lab, theme, block());
    if lab.shape == Shape::Curve {
        render_curve(frame, fit_area, lab, theme, block());
    } else {
        regions::render_regions(frame, fit_area, lab, chrome.monochrome, theme, block());
    }
    if mask_rows > 0 {
        render_mask(frame, mask_area, lab, screen.settings.rate, theme, block());
    }
}

/// The four variant names in their colours, space-separated: the legend every panel title carries.
fn variant_legend(theme: &Theme) -> Vec<Span<'static>> {
    VARIANTS
        .iter()
        .flat_map(|v| [Span::styled(v.name, theme.series(v.series())), Span::raw(" ")])
        .collect()
}

/// What the loss chart plots: MSE for regression (the same number the status line prints), the
/// logistic loss for classification.
pub(super) fn loss_name(shape: Shape) -> &'static str {
    if shape.is_classification() {
        "log-loss"
    } else {
        "MSE"
    }
}

/// `(epoch, log10 value)` of the positive, finite values.
fn log_points(points: impl Iterator<Item = (usize, f64)>) -> Vec<(f64, f64)> {
    points
        .filter(|(_, y)| *y > 0.0 && y.is_finite())
        .map(|(x, y)| (x as f64, y.log10()))
        .collect()
}

/// The averaged losses of every variant on a log scale: training as braille lines, validation as
/// dots, each variant's best averaged validation point as a block, all in the variant's colour. The
/// title names the variants, the bottom border the markers.
fn render_losses(frame: &mut Frame, area: Rect, lab: &View, theme: &Theme, block: Block) {
    let series = |v: usize, val: bool| {
        log_points(
            lab.smoothed[v]
                .iter()
                .map(|s| (s.epoch, if val { s.val_loss } else { s.train_loss })),
        )
    };
    let train: Vec<Vec<(f64, f64)>> = (0..4).map(|v| series(v, false)).collect();
    let val: Vec<Vec<(f64, f64)>> = (0..4).map(|v| series(v, true)).collect();
    let best: Vec<Vec<(f64, f64)>> = (0..4)
        .map(|v| log_points(lab.best[v].iter().map(|b| (b.epoch, b.val_loss))))
        .collect();
    let (lo, hi) = crate::ui::curves::y_bounds(train.iter().chain(&val));
    let epochs = lab.epoch().max(1) as f64;
    let mut datasets = Vec::new();
    for (v, variant) in VARIANTS.iter().enumerate() {
        let style = theme.series(variant.series());
        datasets.push(
            Dataset::default()
                .marker(VALIDATION_MARKER)
                .graph_type(GraphType::Scatter)
                .style(style)
                .data(&val[v]),
        );
        datasets.push(
            Dataset::default()
                .marker(TRAIN_MARKER)
                .graph_type(GraphType::Line)
                .style(style)
                .data(&train[v]),
        );
    }
    for (v, variant) in VARIANTS.iter().enumerate() {
        let style = theme.series(variant.series());
        datasets.push(
            Dataset::default()
                .marker(BEST_MARKER)
                .graph_type(GraphType::Scatter)
                .style(style)
                .data(&best[v]),
        );
    }
    // The variant names always fit (down to the smallest terminal); the quantity and "log scale"
    // where there is room (the status line names the quantity too).
    let names: usize = VARIANTS.iter().map(|v| v.name.len() + 1).sum();
    let name = loss_name(lab.shape);
    let heading = [format!(" {name}, log scale "), format!(" {name} "), " ".to_string()]
        .into_iter()
        .find(|h| h.chars().count() + names + 2 <= area.width as usize)
        .unwrap_or_default();
    let mut title = vec![Span::styled(heading, theme.title)];
    title.extend(variant_legend(theme));
    let markers = |gap: &str, window: String| {
        Line::from(vec![
            Span::styled(format!(" {TRAIN_SYMBOL}{gap}train "), theme.text),
            Span::styled(format!("{VALIDATION_SYMBOL}{gap}val"), theme.text),
            Span::styled(window, theme.dim),
            Span::styled(format!("{BEST_SYMBOL}{gap}best "), theme.text),
        ])
    };
    let markers = fitting(
        area.width,
        vec![
            markers(" ", format!(" avg {SMOOTHING_EPOCHS} ep ")),
            markers("", format!(" avg {SMOOTHING_EPOCHS} ep ")),
            markers("", format!(" avg{SMOOTHING_EPOCHS} ")),
        ],
    );
    let chart = Chart::new(datasets)
        .block(block.title(Line::from(title)).title_bottom(markers))
        .legend_position(None)
        .x_axis(
            Axis::default()
                .style(theme.axis)
                .bounds([0.0, epochs])
                .labels(["0".to_string(), format!("{}", epochs as usize)]),
        )
        .y_axis(
            Axis::default()
                .style(theme.axis)
                .bounds([lo, hi])
                .labels([pow10_label(lo), pow10_label(hi)]),
        );
    frame.render_widget(chart, area);
}

/// The 1-D fits: the true curve dim, each variant's curve in its colour, the training points as dots.
fn render_curve(frame: &mut Frame, area: Rect, lab: &View, theme: &Theme, block: Block) {
    let (lo, hi) = lab.curve_bounds;
    let mut datasets = vec![Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.dim)
        .data(&lab.truth)];
    for (v, curve) in lab.curves.iter().enumerate() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.series(VARIANTS[v].series()))
                .data(curve),
        );
    }
    datasets.push(
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.cursor)
            .data(&lab.points),
    );
    let title = |heading: &'static str| {
        let mut spans = vec![Span::styled(heading, theme.title)];
        spans.extend(variant_legend(theme));
        Line::from(spans)
    };
    let title = fitting(area.width, vec![title(" Fits "), title(" ")]);
    let n = lab.points.len();
    let bottom = fitting(
        area.width,
        vec![
            Line::from(vec![
                Span::styled(format!(" • {n} training points "), theme.text),
                Span::styled("dim: the truth ", theme.dim),
            ]),
            Line::from(vec![
                Span::styled(format!(" • {n} points "), theme.text),
                Span::styled("dim: truth ", theme.dim),
            ]),
        ],
    );
    let chart = Chart::new(datasets)
        .block(block.title(title).title_bottom(bottom))
        .legend_position(None)
        .x_axis(
            Axis::default()
                .style(theme.axis)
                .bounds([-CURVE_EXTENT, CURVE_EXTENT])
                .labels(["-2", "0", "2"]),
        )
        .y_axis(
            Axis::default()
                .style(theme.axis)
                .bounds([lo, hi])
                .labels([short(lo), short(hi)]),
        );
    frame.render_widget(chart, area);
}

/// The live dropout mask of the current mini-batch: one cell per hidden unit, kept or off.
fn render_mask(frame: &mut Frame, area: Rect, lab: &View, rate: f64, theme: &Theme, block: Block) {
    let (off, total) = (lab.mask_off, lab.mask_total);
    let title = |detail: String| {
        Line::from(vec![
            Span::styled(" Dropout mask ", theme.title),
            Span::styled(detail, theme.dim),
        ])
    };
    let title = fitting(
        area.width,
        vec![
            title(format!(
                "(dropout variant, p {rate:.2}: {off} of {total} units off; █ on · off) "
            )),
            title(format!("(p {rate:.2}: {off} of {total} off; █ on · off) ")),
        ],
    );
    let mut lines = Vec::new();
    if lab.mask.is_empty() {
        lines.push(Line::from(Span::styled(
            " no mask yet: the dropout variant has not trained (or p = 0)",
            theme.dim,
        )));
    }
    for (l, layer) in lab.mask.iter().enumerate() {
        let mut spans = vec![Span::styled(format!(" layer {} ", l + 1), theme.dim)];
        spans.extend(layer.iter().map(|&kept| {
            if kept {
                Span::styled("█", theme.series(VARIANTS[MASK_VARIANT].series()))
            } else {
                Span::styled("·", theme.dim)
            }
        }));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines).block(block.title(title)), area);
}

/// The first of `candidates` (longest first) that fits on the border of a box `width` wide, else the
/// last: titles shorten on small terminals rather than lose their ends.
pub(super) fn fitting(width: u16, candidates: Vec<Line<'static>>) -> Line<'static> {
    let room = (width as usize).saturating_sub(2);
    let last = candidates.len().saturating_sub(1);
    candidates
        .into_iter()
        .enumerate()
        .find(|(i, line)| line.width() <= room || *i == last)
        .map(|(_, line)| line)
        .unwrap_or_default()
}

/// A share as a whole percentage.
pub(super) fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

