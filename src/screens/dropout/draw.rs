//! The dropout screen: four copies of one network (none, dropout, weight decay, both) with their loss
//! curves, their fits (curves over the points in 1-D, decision regions in half-block cells in 2-D), and
//! the live dropout mask of the current mini-batch.
//!
//! ```text
//! ┌ Loss (eval mode) ───────────┐┌ Fit / decision regions ─┐
//! │ train bright, validation dim ││ points and four curves  │
//! └──────────────────────────────┘└─────────────────────────┘
//! ┌ Dropout mask of the current mini-batch ─────────────────┐
//! │ layer 1 ██·███·██…   layer 2 …                          │
//! └─────────────────────────────────────────────────────────┘
//! status (2-3 lines)
//! ```

use super::keys::{hint, Action};
use super::view::{View, CURVE_EXTENT, MASK_VARIANT, PLOT_EXTENT, PLOT_GRID, VARIANTS};
use super::Screen;
use crate::data::nonlinear::Shape;
use crate::ui::format::{pow10_label, short};
use crate::ui::theme::Theme;
use crate::ui::{Chrome, FULL_SIZE};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, LegendPosition, Paragraph, Widget};
use ratatui::Frame;

/// Draws the dropout screen into `area`: the panels, then two status lines.
pub fn draw(screen: &Screen, frame: &mut Frame, area: Rect, chrome: &Chrome) {
    let status_height = if area.width >= FULL_SIZE.0 { 2 } else { 3 };
    let [body, status_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(status_height)]).areas(area);
    render_body(frame, body, screen, chrome);
    render_status(frame, status_area, screen, chrome);
}

fn render_body(frame: &mut Frame, area: Rect, screen: &Screen, chrome: &Chrome) {
    let (lab, theme) = (&screen.view, chrome.theme);
    let layers = lab.layers as u16;
    let full = area.width >= FULL_SIZE.0 && area.height >= FULL_SIZE.1 - 2;
    let [top, mask_area] = Layout::vertical([Constraint::Fill(1), Constraint::Length(layers + 2)]).areas(area);
    let [loss_area, fit_area] = if full {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top)
    } else {
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(top)
    };
    let block = || Block::default().borders(Borders::ALL).border_style(theme.border);
    render_losses(frame, loss_area, lab, theme, block());
    if lab.shape == Shape::Curve {
        render_curve(frame, fit_area, lab, theme, block());
    } else {
        render_regions(frame, fit_area, lab, chrome.monochrome, theme, block());
    }
    render_mask(frame, mask_area, lab, screen.settings.rate, theme, block());
}

fn render_losses(frame: &mut Frame, area: Rect, lab: &View, theme: &Theme, block: Block) {
    let series = |v: usize, val: bool| -> Vec<(f64, f64)> {
        lab.history[v]
            .iter()
            .map(|l| (l.epoch as f64, if val { l.val_loss } else { l.train_loss }))
            .filter(|(_, y)| *y > 0.0 && y.is_finite())
            .map(|(x, y)| (x, y.log10()))
            .collect()
    };
    let train: Vec<Vec<(f64, f64)>> = (0..4).map(|v| series(v, false)).collect();
    let val: Vec<Vec<(f64, f64)>> = (0..4).map(|v| series(v, true)).collect();
    let (lo, hi) = crate::ui::curves::y_bounds(train.iter().chain(&val));
    let epochs = lab.epoch().max(1) as f64;
    let loss_name = if lab.shape.is_classification() {
        "logistic loss"
    } else {
        "½·MSE"
    };
    let models = VARIANTS.map(|v| (v.name, theme.series(v.series())));
    let datasets = crate::ui::curves::train_val(&models, &train, &val);
    let title = Line::from(vec![
        Span::styled(format!(" Loss: {loss_name}, evaluation mode "), theme.title),
        Span::styled("(log; bright train, dim validation) ", theme.dim),
    ]);
    let chart = Chart::new(datasets)
        .block(block.title(title))
        .legend_position(Some(LegendPosition::TopRight))
        .x_axis(
            Axis::default()
                .title(Span::styled("epoch", theme.dim))
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
                .name(VARIANTS[v].name)
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.series(VARIANTS[v].series()))
                .data(curve),
        );
    }
    datasets.push(
        Dataset::default()
            .name("train")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.cursor)
            .data(&lab.points),
    );
    let title = Line::from(vec![
        Span::styled(" Fits ", theme.title),
        Span::styled(
            format!("({} noisy points; dim: the true curve) ", lab.points.len()),
            theme.dim,
        ),
    ]);
    let chart = Chart::new(datasets)
        .block(block.title(title))
        .legend_position(Some(LegendPosition::BottomRight))
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

/// Decision regions of the four variants in a 2x2 grid of half-block maps, with the training points.
fn render_regions(frame: &mut Frame, area: Rect, lab: &View, monochrome: bool, theme: &Theme, block: Block) {
    let title = Line::from(vec![
        Span::styled(format!(" Decision regions: {} ", lab.shape.name()), theme.title),
        Span::styled("(P(class 1); ● class 1, ○ class 0) ", theme.dim),
    ]);
    let inner = block.inner(area);
    frame.render_widget(block.title(title), area);
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
            VARIANTS[self.variant].name,
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
    let title = Line::from(vec![
        Span::styled(" Dropout mask of the current mini-batch ", theme.title),
        Span::styled(
            format!("(dropout variant, p = {rate:.2}: {off} of {total} hidden units off; █ on, · off) "),
            theme.dim,
        ),
    ]);
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

/// The dropout screen's status lines: the settings with the keys that change them, the epoch, and
/// every variant's losses.
fn render_status(frame: &mut Frame, area: Rect, screen: &Screen, chrome: &Chrome) {
    let (settings, lab, theme) = (&screen.settings, &screen.view, chrome.theme);
    let decay = if settings.weight_decay == 0.0 {
        "0".to_string()
    } else {
        format!("{:.1e}", settings.weight_decay)
    };
    let keys = |a: Action, b: Action| {
        [
            Span::styled("(", theme.dim),
            Span::styled(hint(a), theme.key),
            Span::styled(" ", theme.dim),
            Span::styled(hint(b), theme.key),
            Span::styled(") ", theme.dim),
        ]
    };
    let mut first = vec![Span::styled(format!("dropout p {:.2} ", settings.rate), theme.cursor)];
    first.extend(keys(Action::MoveRate(-1), Action::MoveRate(1)));
    first.push(Span::styled(format!("weight decay {decay} "), theme.cursor));
    first.extend(keys(Action::MoveDecay(1), Action::MoveDecay(-1)));
    first.push(Span::raw(format!("epoch {} ", lab.epoch())));
    first.extend(chrome.run_state());
    first.extend([
        Span::raw(format!(" {} seed {} (", settings.shape.name(), settings.seed)),
        Span::styled(hint(Action::NextDataset), theme.key),
        Span::raw(" data, "),
        Span::styled(chrome.switch_key, theme.key),
        Span::raw(" next screen)"),
    ]);
    if let Some(message) = chrome.message {
        first.insert(0, Span::styled(format!(" {message} "), theme.warning));
    }
    let mut second = vec![Span::styled("train/val: ", theme.dim)];
    for (v, variant) in VARIANTS.iter().enumerate() {
        let last = lab.history[v].last();
        second.push(Span::styled(variant.name, theme.series(variant.series())));
        second.push(Span::raw(format!(
            " {}/{}",
            last.map_or("-".into(), |l| short(l.train_loss)),
            last.map_or("-".into(), |l| short(l.val_loss))
        )));
        if v + 1 < VARIANTS.len() {
            second.push(Span::styled(" │ ", theme.dim));
        }
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(first), Line::from(second)]).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
