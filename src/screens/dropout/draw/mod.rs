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
//! colour, and the loss curves at their ends too; training and validation differ by marker, so they
//! stay apart in monochrome.

mod regions;
mod status;

use super::settings::SMOOTHING_EPOCHS;
use super::view::{Panel, View, CURVE_EXTENT, MASK_VARIANT, VARIANTS};
use super::Screen;
use crate::data::nonlinear::Shape;
use crate::ui::curves::{graph_area, BIG_TRAIN_MARKER, BIG_TRAIN_SYMBOL};
use crate::ui::format::{fitting, pow10_label, short};
use crate::ui::plot::{model_ends, Plot};
use crate::ui::theme::{Theme, TRAIN_MARKER, TRAIN_SYMBOL, VALIDATION_MARKER, VALIDATION_SYMBOL};
use crate::ui::{Chrome, Presenter, FULL_SIZE};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};
use ratatui::Frame;

/// The glyph of a variant's best validation point on the loss chart ([`BEST_MARKER`]).
const BEST_SYMBOL: &str = "█";
const BEST_MARKER: Marker = Marker::Block;
/// The columns right of the loss curves kept for their names ("dropout" and a space).
const NAME_ROOM: u16 = 8;
/// The fewest rows (borders included) the loss chart and the fits get.
const MIN_CHART_ROWS: u16 = 12;

/// Draws the dropout screen into `area`: the panels, then the status lines, as many as the width
/// needs (at most half the height) so that none is cut.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let mut status = status::status_lines(screen, chrome, area.width);
    if chrome.presenter.zoom {
        // Zoomed, the panel's title carries the numbers; the status keeps its first line.
        status.truncate(1);
    }
    let status_height = (status.len() as u16).min(area.height / 2);
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    render_body(frame, body, screen, chrome);
    frame.render_widget(Paragraph::new(status).wrap(Wrap { trim: true }), status_area);
}

/// The loss chart and the fits side by side (wide enough for both from 80 columns: stacked, the loss
/// chart got four rows at 80x24), the mask under them; or, in the presenter view, the focused panel
/// alone (zoomed), the panels not hidden, and in the big layout no mask beside the charts.
fn render_body(frame: &mut Frame, area: Rect, screen: &Screen, chrome: &Chrome) {
    let (lab, theme, presenter) = (&screen.view, chrome.theme, chrome.presenter);
    let block = |panel: Panel| crate::ui::panels::frame(panel == lab.panel, theme);
    let look = Look {
        theme,
        big: presenter.big,
        numbers: presenter.key_numbers(),
    };
    for (panel, rect) in layout(lab, presenter, area) {
        match panel {
            Panel::Loss => render_losses(frame, rect, screen, &look, block(panel)),
            Panel::Fit if lab.shape == Shape::Curve => render_curve(frame, rect, lab, &look, block(panel)),
            Panel::Fit => regions::render_regions(frame, rect, lab, chrome.monochrome, theme, block(panel)),
            Panel::Mask => render_mask(frame, rect, lab, screen.settings.rate, theme, block(panel)),
        }
    }
}

/// How the charts draw in the presenter view.
struct Look<'a> {
    theme: &'a Theme,
    /// Thick training lines (half blocks).
    big: bool,
    /// The loss chart's title carries p, the decay and every variant's validation loss.
    numbers: bool,
}

impl Look<'_> {
    /// The marker of lines and the glyphs the legend names it by.
    fn train_marker(&self) -> (Marker, &'static str) {
        if self.big {
            (BIG_TRAIN_MARKER, BIG_TRAIN_SYMBOL)
        } else {
            (TRAIN_MARKER, TRAIN_SYMBOL)
        }
    }
}

/// Where each shown panel goes: the focused one alone when zoomed; else the loss chart and the fits
/// side by side over the mask, without the panels hidden, and without the mask in the big layout
/// (one idea at a time) unless it is all that is left.
fn layout(lab: &View, presenter: Presenter, area: Rect) -> Vec<(Panel, Rect)> {
    let mut shown = crate::ui::panels::shown(&Panel::ALL, &lab.hidden);
    if let Some(panel) = crate::ui::panels::alone(&shown, lab.panel, presenter.zoom) {
        return vec![(panel, area)];
    }
    if presenter.big {
        shown.retain(|&p| p != Panel::Mask);
    }
    let charts: Vec<Panel> = shown.iter().copied().filter(|&p| p != Panel::Mask).collect();
    // The mask gives way on short terminals so that the charts keep at least MIN_CHART_ROWS rows.
    let mask_rows = lab.layers as u16 + 2;
    let mask_rows = match (shown.contains(&Panel::Mask), charts.is_empty()) {
        (true, true) => area.height,
        (true, false) if area.height >= MIN_CHART_ROWS + mask_rows => mask_rows,
        _ => 0,
    };
    let [top, mask_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(mask_rows)]).areas(area);
    let mut panels = Vec::new();
    if charts.len() == 2 {
        let loss_share = if area.width >= FULL_SIZE.0 { 55 } else { 50 };
        let [loss_area, fit_area] =
            Layout::horizontal([Constraint::Percentage(loss_share), Constraint::Fill(1)]).areas(top);
        panels.extend([(Panel::Loss, loss_area), (Panel::Fit, fit_area)]);
    } else if let Some(&chart) = charts.first() {
        panels.push((chart, top));
    }
    if mask_rows > 0 {
        panels.push((Panel::Mask, mask_area));
    }
    panels
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

/// The loss panel's title: the variants' names always (down to the smallest terminal), the quantity
/// and "log scale" where there is room (the status line names the quantity too); in the presenter
/// view, the key numbers instead where they fit.
fn losses_title(screen: &Screen, look: &Look, width: u16) -> Line<'static> {
    let theme = look.theme;
    let names: usize = VARIANTS.iter().map(|v| v.name.len() + 1).sum();
    let name = loss_name(screen.view.shape);
    let heading = [format!(" {name}, log scale "), format!(" {name} "), " ".to_string()]
        .into_iter()
        .find(|h| h.chars().count() + names + 2 <= width as usize)
        .unwrap_or_default();
    let mut title = vec![Span::styled(heading, theme.title)];
    title.extend(variant_legend(theme));
    if !look.numbers {
        return Line::from(title);
    }
    let choices = [
        key_numbers(screen, theme, true),
        key_numbers(screen, theme, false),
        Line::from(title),
    ];
    fitting(width, choices.to_vec())
}

/// The loss panel's bottom legend: the training and validation markers, the averaging window and the
/// best-epoch mark, as long as the width allows.
fn markers_legend(look: &Look, width: u16) -> Line<'static> {
    let (theme, (_, train_symbol)) = (look.theme, look.train_marker());
    let markers = |gap: &str, window: String| {
        Line::from(vec![
            Span::styled(format!(" {train_symbol}{gap}train "), theme.text),
            Span::styled(format!("{VALIDATION_SYMBOL}{gap}val"), theme.text),
            Span::styled(window, theme.dim),
            Span::styled(format!("{BEST_SYMBOL}{gap}best "), theme.text),
        ])
    };
    fitting(
        width,
        vec![
            markers(" ", format!(" avg {SMOOTHING_EPOCHS} ep ")),
            markers("", format!(" avg {SMOOTHING_EPOCHS} ep ")),
            markers("", format!(" avg{SMOOTHING_EPOCHS} ")),
        ],
    )
}

/// The averaged losses of every variant on a log scale: training as braille lines, validation as
/// dots, each variant's best averaged validation point as a block, all in the variant's colour. The
/// title names the variants, the bottom border the markers, and each curve's end its variant, so the
/// four are told apart in monochrome too; the epoch axis runs a little past the current epoch to
/// leave room for those names.
fn render_losses(frame: &mut Frame, area: Rect, screen: &Screen, look: &Look, block: Block) {
    let (lab, theme) = (&screen.view, look.theme);
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
    let y_labels = [pow10_label(lo), pow10_label(hi)];
    let graph = graph_area(block.inner(area), &y_labels, "0");
    let room = NAME_ROOM.min(graph.width / 4);
    let epochs = lab.epoch().max(1) as f64;
    let right = epochs * f64::from(graph.width) / f64::from(graph.width.saturating_sub(room).max(1));
    let title = losses_title(screen, look, area.width);
    let markers = markers_legend(look, area.width);
    let chart = Chart::new(loss_datasets(&train, &val, &best, look))
        .block(block.title(title).title_bottom(markers))
        .legend_position(None)
        .x_axis(
            Axis::default()
                .style(theme.axis)
                .bounds([0.0, right])
                .labels(["0".to_string(), format!("{}", right.round() as usize)]),
        )
        .y_axis(Axis::default().style(theme.axis).bounds([lo, hi]).labels(y_labels));
    frame.render_widget(chart, area);
    let ends = model_ends(
        VARIANTS
            .iter()
            .map(|variant| (variant.name, theme.series(variant.series()))),
        val.iter().map(|v| v.last().copied()),
        train.iter().map(|t| t.last().copied()),
    );
    let plot = Plot {
        graph,
        xs: [0.0, right],
        ys: [lo, hi],
        skip: 0,
    };
    plot.end_labels(frame.buffer_mut(), &ends);
}

/// The loss chart's series: each variant's validation dots and training line, then every variant's
/// best validation point (on top of the curves).
fn loss_datasets<'a>(
    train: &'a [Vec<(f64, f64)>],
    val: &'a [Vec<(f64, f64)>],
    best: &'a [Vec<(f64, f64)>],
    look: &Look,
) -> Vec<Dataset<'a>> {
    let (train_marker, _) = look.train_marker();
    let mut datasets = Vec::new();
    for (v, variant) in VARIANTS.iter().enumerate() {
        let style = look.theme.series(variant.series());
        datasets.push(
            Dataset::default()
                .marker(VALIDATION_MARKER)
                .graph_type(GraphType::Scatter)
                .style(style)
                .data(&val[v]),
        );
        datasets.push(
            Dataset::default()
                .marker(train_marker)
                .graph_type(GraphType::Line)
                .style(style)
                .data(&train[v]),
        );
    }
    for (v, variant) in VARIANTS.iter().enumerate() {
        datasets.push(
            Dataset::default()
                .marker(BEST_MARKER)
                .graph_type(GraphType::Scatter)
                .style(look.theme.series(variant.series()))
                .data(&best[v]),
        );
    }
    datasets
}

/// The 1-D fits: the true curve dim, each variant's curve in its colour, the training points as dots.
fn render_curve(frame: &mut Frame, area: Rect, lab: &View, look: &Look, block: Block) {
    let theme = look.theme;
    let (lo, hi) = lab.curve_bounds;
    let marker = look.train_marker().0;
    let mut datasets = vec![Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.dim)
        .data(&lab.truth)];
    for (v, curve) in lab.curves.iter().enumerate() {
        datasets.push(
            Dataset::default()
                .marker(marker)
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

/// The loss chart's title in the presenter view: the quantity, every variant's averaged validation
/// loss in its colour (the legend and the key numbers at once), then p and the decay; `long` spells
/// the quantity out.
fn key_numbers(screen: &Screen, theme: &Theme, long: bool) -> Line<'static> {
    let (lab, settings) = (&screen.view, &screen.settings);
    let name = loss_name(lab.shape);
    let mut spans = vec![Span::styled(
        if long {
            format!(" val {name}: ")
        } else {
            " val: ".into()
        },
        theme.title,
    )];
    for (v, variant) in VARIANTS.iter().enumerate() {
        let val = lab.smoothed[v].last().map_or("-".into(), |l| short(l.val_loss));
        spans.push(Span::styled(
            format!("{} {val} ", variant.name),
            theme.series(variant.series()),
        ));
    }
    let decay = if settings.weight_decay == 0.0 {
        "0".to_string()
    } else {
        format!("{:.1e}", settings.weight_decay)
    };
    spans.push(Span::styled(
        format!("│ p {:.2} decay {decay} ", settings.rate),
        theme.cursor,
    ));
    Line::from(spans)
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

/// A share as a whole percentage.
pub(super) fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}
