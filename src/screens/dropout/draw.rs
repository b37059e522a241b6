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

use super::keys::{hint, Action};
use super::settings::{LAB_EPOCHS, SMOOTHING_EPOCHS};
use super::view::{Cause, View, CURVE_EXTENT, MASK_VARIANT, PLOT_EXTENT, PLOT_GRID, VARIANTS};
use super::Screen;
use crate::data::nonlinear::Shape;
use crate::ui::format::{pow10_label, short};
use crate::ui::theme::{Theme, TRAIN_MARKER, TRAIN_SYMBOL, VALIDATION_MARKER, VALIDATION_SYMBOL};
use crate::ui::{Chrome, FULL_SIZE};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};
use ratatui::Frame;

/// The glyph of a variant's best validation point on the loss chart ([`BEST_MARKER`]).
const BEST_SYMBOL: &str = "█";
const BEST_MARKER: Marker = Marker::Block;
/// The fewest rows (borders included) the loss chart and the fits get.
const MIN_CHART_ROWS: u16 = 12;

/// Draws the dropout screen into `area`: the panels, then the status lines, as many as the width
/// needs (at most half the height) so that none is cut.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let status = status_lines(screen, chrome, area.width);
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
        render_regions(frame, fit_area, lab, chrome.monochrome, theme, block());
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
fn loss_name(shape: Shape) -> &'static str {
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

/// `[lo, hi]` of the y values, padded by 5% and at least 0.1 wide (`[-1, 1]` when there are none).
fn y_bounds<'a>(series: impl IntoIterator<Item = &'a Vec<(f64, f64)>>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(_, y) in series.into_iter().flatten() {
        lo = lo.min(y);
        hi = hi.max(y);
    }
    if !lo.is_finite() {
        (lo, hi) = (-1.0, 1.0);
    }
    if hi - lo < 0.1 {
        (lo, hi) = (lo - 0.05, hi + 0.05);
    }
    let pad = (hi - lo) * 0.05;
    (lo - pad, hi + pad)
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
    let (lo, hi) = y_bounds(train.iter().chain(&val));
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

/// Decision regions of the four variants in a 2x2 grid of half-block maps, with the training points;
/// each map is headed by its variant's name and validation accuracy.
fn render_regions(frame: &mut Frame, area: Rect, lab: &View, monochrome: bool, theme: &Theme, block: Block) {
    let wide = area.width >= 50;
    let title = Line::from(vec![
        Span::styled(
            format!(" {}{} ", if wide { "Decision regions: " } else { "" }, lab.shape.name()),
            theme.title,
        ),
        Span::styled("(val accuracy) ", theme.dim),
    ]);
    let bottom = Line::from(Span::styled(
        if wide {
            " ● class 1  ○ class 0  P(class 1): light ↔ dark "
        } else {
            " ● class 1  ○ class 0 "
        },
        theme.dim,
    ));
    let inner = block.inner(area);
    frame.render_widget(block.title(title).title_bottom(bottom), area);
    let rows = Layout::vertical([Constraint::Ratio(1, 2); 2]).split(inner);
    for (r, row) in rows.iter().enumerate() {
        let cells = Layout::horizontal([Constraint::Ratio(1, 2); 2]).split(*row);
        for (c, cell) in cells.iter().enumerate() {
            let v = 2 * r + c;
            frame.render_widget(
                RegionMap {
                    lab,
                    variant: v,
                    monochrome,
                    theme,
                },
                *cell,
            );
        }
    }
}

struct RegionMap<'a> {
    lab: &'a View,
    variant: usize,
    monochrome: bool,
    theme: &'a Theme,
}

impl RegionMap<'_> {
    /// The map's heading: the variant's name and, once known, its validation accuracy.
    fn heading(&self) -> String {
        let name = VARIANTS[self.variant].name;
        match self.lab.accuracy[self.variant] {
            Some(a) => format!("{name} {}", percent(a.val)),
            None => name.to_string(),
        }
    }
}

impl Widget for RegionMap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 4 || area.height < 3 {
            return;
        }
        let probabilities = &self.lab.probabilities[self.variant];
        let map = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        buf.set_stringn(
            area.x,
            area.y,
            self.heading(),
            area.width as usize,
            self.theme.series(VARIANTS[self.variant].series()),
        );
        // The probability at a pixel (px in 0..width, py in 0..2*height), nearest grid point.
        let at = |px: u16, py: u16| -> f64 {
            let col = (px as usize * PLOT_GRID) / map.width as usize;
            let row = (py as usize * PLOT_GRID) / (2 * map.height as usize);
            probabilities
                .get(row.min(PLOT_GRID - 1) * PLOT_GRID + col.min(PLOT_GRID - 1))
                .copied()
                .unwrap_or(0.5)
        };
        for y in 0..map.height {
            for x in 0..map.width {
                let (top, bottom) = (at(x, 2 * y), at(x, 2 * y + 1));
                let cell = &mut buf[(map.x + x, map.y + y)];
                if self.monochrome {
                    let shade = match (top + bottom) / 2.0 {
                        p if p < 0.2 => ' ',
                        p if p < 0.4 => '░',
                        p if p < 0.6 => '▒',
                        p if p < 0.8 => '▓',
                        _ => '█',
                    };
                    cell.set_char(shade);
                } else {
                    cell.set_char('▀')
                        .set_fg(crate::ui::theme::region_color(top))
                        .set_bg(crate::ui::theme::region_color(bottom));
                }
            }
        }
        // Training points on top.
        for (&(x0, x1), &label) in self.lab.points.iter().zip(&self.lab.labels) {
            let fx = (x0 + PLOT_EXTENT) / (2.0 * PLOT_EXTENT);
            let fy = (PLOT_EXTENT - x1) / (2.0 * PLOT_EXTENT);
            if !(0.0..1.0).contains(&fx) || !(0.0..1.0).contains(&fy) {
                continue;
            }
            let cx = map.x + (fx * map.width as f64) as u16;
            let cy = map.y + (fy * map.height as f64) as u16;
            let glyph = if label == 1.0 { '●' } else { '○' };
            let cell = &mut buf[(cx, cy)];
            cell.set_char(glyph);
            if !self.monochrome {
                cell.set_fg(crate::ui::theme::POINT_COLOR);
            }
        }
    }
}

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
fn fitting(width: u16, candidates: Vec<Line<'static>>) -> Line<'static> {
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
fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

/// Lines of at most `width` columns made of `segments`, each kept whole and moved to the next line
/// when it does not fit; a segment wider than the line gets a line of its own (and wraps there).
fn pack(segments: Vec<Vec<Span<'static>>>, width: u16) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span>> = Vec::new();
    let mut used = 0usize;
    for segment in segments {
        let wide: usize = segment.iter().map(Span::width).sum();
        match lines.last_mut() {
            Some(line) if used + 1 + wide <= width as usize => {
                line.push(Span::raw(" "));
                line.extend(segment);
                used += 1 + wide;
            }
            _ => {
                lines.push(segment);
                used = wide;
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// The status: the settings with their keys, the epoch and what the networks are doing, then each
/// variant's averaged losses (and accuracy in 2-D) with its best validation point, packed to `width`.
fn status_lines(screen: &Screen, chrome: &Chrome, width: u16) -> Vec<Line<'static>> {
    let (settings, lab, theme) = (&screen.settings, &screen.view, chrome.theme);
    let mut lines = pack(settings_segments(screen, chrome), width);
    let mut variants = vec![vec![Span::styled(
        format!("avg {SMOOTHING_EPOCHS} ep, {} train/val:", loss_name(settings.shape)),
        theme.dim,
    )]];
    for (v, variant) in VARIANTS.iter().enumerate() {
        let now = lab.smoothed[v].last();
        let mut segment = vec![
            Span::styled(variant.name, theme.series(variant.series())),
            Span::raw(format!(
                " {}/{}",
                now.map_or("-".into(), |l| short(l.train_loss)),
                now.map_or("-".into(), |l| short(l.val_loss))
            )),
        ];
        if let Some(a) = lab.accuracy[v] {
            segment.push(Span::raw(format!(" acc {}/{}", percent(a.train), percent(a.val))));
        }
        if let Some(best) = lab.best[v] {
            segment.push(Span::styled(
                format!(" best {}@{}", short(best.val_loss), best.epoch),
                theme.dim,
            ));
        }
        if v + 1 < VARIANTS.len() {
            segment.push(Span::styled(" │", theme.dim));
        }
        variants.push(segment);
    }
    lines.extend(pack(variants, width));
    lines
}

/// The first status segments: a message, why the networks restarted, the rate and decay with their
/// keys, the epoch and run state, the data and its keys.
fn settings_segments(screen: &Screen, chrome: &Chrome) -> Vec<Vec<Span<'static>>> {
    let (settings, lab, theme) = (&screen.settings, &screen.view, chrome.theme);
    let keys = |a: Action, b: Action| {
        [
            Span::styled("(", theme.dim),
            Span::styled(hint(a), theme.key),
            Span::styled(" ", theme.dim),
            Span::styled(hint(b), theme.key),
            Span::styled(")", theme.dim),
        ]
    };
    let mut segments = Vec::new();
    if let Some(message) = chrome.message {
        segments.push(vec![Span::styled(format!(" {message} "), theme.warning)]);
    }
    match lab.cause {
        Cause::Restart => segments.push(vec![Span::styled("↺ restarted: same data, same init", theme.warning)]),
        Cause::NewData => segments.push(vec![Span::styled("↺ new data", theme.warning)]),
        Cause::Start => {}
    }
    let mut rate = vec![Span::styled(format!("p {:.2} ", settings.rate), theme.cursor)];
    rate.extend(keys(Action::MoveRate(-1), Action::MoveRate(1)));
    segments.push(rate);
    let decay = if settings.weight_decay == 0.0 {
        "0".to_string()
    } else {
        format!("{:.1e}", settings.weight_decay)
    };
    let mut decay = vec![Span::styled(format!("decay {decay} "), theme.cursor)];
    decay.extend(keys(Action::MoveDecay(1), Action::MoveDecay(-1)));
    segments.push(decay);
    let epoch = lab.epoch();
    let state = match (chrome.paused, epoch >= LAB_EPOCHS) {
        (true, _) => Span::styled(" paused ", theme.warning),
        (false, true) => Span::styled("done", theme.cursor),
        (false, false) => Span::styled("training", theme.cursor),
    };
    segments.push(vec![
        Span::raw(format!("epoch {epoch}/{LAB_EPOCHS} ")),
        state,
        Span::raw(" "),
        Span::styled(chrome.help_key, theme.key),
        Span::raw(" help"),
    ]);
    segments.push(vec![
        Span::raw(format!("{} seed {} ", settings.shape.name(), settings.seed)),
        Span::styled(hint(Action::Reseed), theme.key),
        Span::raw(" new seed "),
        Span::styled(hint(Action::Restart), theme.key),
        Span::raw(" restart "),
        Span::styled(hint(Action::NextDataset), theme.key),
        Span::raw(" data "),
        Span::styled(chrome.switch_key, theme.key),
        Span::raw(" screen"),
    ]);
    segments
}
