//! The weights: for every feature a signed bar per model beside the true weight (standardized scale),
//! the true support first, then the features some model uses, then the rest. One scale for the truth
//! and the penalized models; the unregularized model's weights on separable classes grow far past it,
//! and a bar cut by the scale ends in `▶` (or `◀`): its norm is in the header.

use crate::screens::classification::keys::{hint, Action};
use crate::screens::classification::view::View;
use crate::screens::classification::MODELS;
use crate::ui::bars::{bar_cells, block_cells, BarCell};
use crate::ui::format::{first_fitting, short};
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The order of the rows: the true support (largest |truth| first), then features any model gives a
/// nonzero weight (largest first), then the rest by index.
pub fn row_order(view: &View) -> Vec<usize> {
    let truth = &view.data.truth;
    let used = |j: usize| {
        view.models[1..]
            .iter()
            .map(|m| m.weights.get(j).map_or(0.0, |w| w.abs()))
            .fold(0.0, f64::max)
    };
    let mut rows: Vec<usize> = (0..truth.len()).collect();
    rows.sort_by(|&a, &b| {
        let key = |j: usize| (truth[j] != 0.0, truth[j].abs(), used(j));
        let (ka, kb) = (key(a), key(b));
        kb.0.cmp(&ka.0)
            .then(kb.1.total_cmp(&ka.1))
            .then(kb.2.total_cmp(&ka.2))
            .then(a.cmp(&b))
    });
    rows
}

/// The cells of a bar, with the outermost cell an arrow when the value is beyond the scale.
fn cells(value: f64, scale: f64, width: usize, big: bool) -> Vec<BarCell> {
    let mut cells = if big {
        block_cells(value, scale, width)
    } else {
        bar_cells(value, scale, width)
    };
    if value.abs() > scale * 1.000_001 && value.is_finite() {
        let (at, glyph) = if value > 0.0 {
            (cells.len() - 1, '▶')
        } else {
            (0, '◀')
        };
        cells[at] = BarCell {
            glyph,
            sign: value.signum() as i8,
            reversed: false,
        };
    }
    cells
}

fn bar_spans(value: f64, scale: f64, width: usize, style: Style, big: bool) -> Vec<Span<'static>> {
    cells(value, scale, width, big)
        .into_iter()
        .map(|c| {
            let style = if c.reversed {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            Span::styled(c.glyph.to_string(), style)
        })
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, view: &View, theme: &Theme, block: Block, big: bool) {
    let block = block.title(Span::styled(" Weights (standardized) ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let data = &view.data;
    // The support marker, the longest name and a space (no space when the panel is narrow).
    let longest = data.feature_names.iter().map(|n| n.len()).max().unwrap_or(2).max(3);
    let names_width = if inner.width as usize >= longest + 2 + 5 * 5 + 4 {
        longest + 2
    } else {
        longest + 1
    };
    let bar_width = bar_width((inner.width as usize).saturating_sub(names_width));
    let scale = data
        .truth
        .iter()
        .chain(view.models[1..].iter().flat_map(|m| m.weights.iter()))
        .fold(0.0f64, |s, w| s.max(w.abs()))
        .max(f64::MIN_POSITIVE);
    let mut lines = vec![header(names_width, bar_width, theme)];
    // The norms need five cells a column to be read; narrower, the status line gives them.
    if bar_width >= 5 {
        lines.push(norms(view, names_width, bar_width, theme));
    }
    let rows = row_order(view);
    let room_rows = (inner.height as usize).saturating_sub(lines.len() + 1);
    view.weights_rows.set(room_rows);
    // A larger terminal than when it scrolled may show more rows: never past the last.
    let first = view.weights_scroll.min(view.max_weights_scroll());
    for &j in rows.iter().skip(first).take(room_rows) {
        let in_support = data.truth[j] != 0.0;
        let name_style = if in_support { theme.support } else { theme.dim };
        let marker = if in_support { "*" } else { " " };
        let mut spans = vec![Span::styled(
            format!("{marker}{:<w$}", data.feature_names[j], w = names_width - 1),
            name_style,
        )];
        spans.extend(bar_spans(data.truth[j], scale, bar_width, theme.truth, big));
        for (m, id) in MODELS.iter().enumerate() {
            spans.push(Span::raw(" "));
            let w = view.models[m].weights.get(j).copied().unwrap_or(0.0);
            let style = if w == 0.0 {
                theme.zero
            } else {
                theme.series(id.series())
            };
            spans.extend(bar_spans(w, scale, bar_width, style, big));
        }
        lines.push(Line::from(spans));
    }
    lines.push(footer(first, room_rows, rows.len(), inner.width, theme));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The panel's last line: which features show and the keys that scroll them, when not all fit; the
/// markers' meaning (shorter where narrow: the features and their keys come first).
fn footer(first: usize, room: usize, total: usize, width: u16, theme: &Theme) -> Line<'static> {
    let markers = "* true support, ▶ off scale";
    if room >= total || room == 0 {
        return Line::styled(markers, theme.dim);
    }
    let shown = format!("features {}-{} of {total} ", first + 1, (first + room).min(total));
    let keys = format!("{} {}", hint(Action::ScrollWeights(-1)), hint(Action::ScrollWeights(1)));
    let line = |markers: &str| {
        Line::from(vec![
            Span::styled(shown.clone(), theme.dim),
            Span::styled(keys.clone(), theme.key),
            Span::styled(markers.to_string(), theme.dim),
        ])
    };
    let choices = [line(&format!("; {markers}")), line("; * support ▶ off scale"), line("")];
    first_fitting(usize::from(width), choices)
}

/// The widest odd bar (so the axis is centred) such that five bars and the four spaces between them
/// fit in `room` cells; at least 3.
fn bar_width(room: usize) -> usize {
    let widest = room.saturating_sub(4) / 5;
    (if widest % 2 == 0 {
        widest.saturating_sub(1)
    } else {
        widest
    })
    .max(3)
}

/// `text` centred in `width` cells, cut to them if longer (a label never pushes the next column).
fn centred(text: &str, width: usize) -> String {
    let cut: String = text.chars().take(width).collect();
    format!("{cut:^width$}")
}

fn header(names_width: usize, bar_width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![
        Span::raw(format!("{:<names_width$}", "feat")),
        Span::styled(centred("truth", bar_width), theme.truth),
    ];
    for id in MODELS {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(centred(id.short(), bar_width), theme.series(id.series())));
    }
    Line::from(spans)
}

/// Each model's `|w|` (and the truth's) under the header: what the bars' scale cannot show.
fn norms(view: &View, names_width: usize, bar_width: usize, theme: &Theme) -> Line<'static> {
    let norm = |w: &[f64]| w.iter().map(|v| v * v).sum::<f64>().sqrt();
    let mut spans = vec![
        Span::styled(format!("{:<names_width$}", "|w|"), theme.dim),
        Span::styled(centred(&short(norm(&view.data.truth)), bar_width), theme.truth),
    ];
    for (m, id) in MODELS.iter().enumerate() {
        spans.push(Span::raw(" "));
        let text = centred(&short(norm(&view.models[m].weights)), bar_width);
        spans.push(Span::styled(text, theme.series(id.series())));
    }
    Line::from(spans)
}
