//! What the two loss charts share: log-scaled bounds, the pairs of training (braille line) and
//! validation (dots) curves, one pair per model, a legend that always fits, and where the chart put
//! its curves (so marks can be drawn over them).

use super::theme::{TRAIN_MARKER, TRAIN_SYMBOL, VALIDATION_MARKER, VALIDATION_SYMBOL};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Dataset, GraphType};

/// Where an epoch goes on a logarithmic epoch axis: `log10(epoch)`. Epoch 0 (the initial weights) is
/// drawn at the left edge with epoch 1, so the first step shows as a drop there. Both screens that
/// train to convergence plot epochs this way, so the first tens keep their room however long training
/// runs.
pub fn epoch_x(epoch: usize) -> f64 {
    (epoch.max(1) as f64).log10()
}

/// The number of decades the epoch axis spans (at least one: 1 to 10).
pub fn decades(epoch: usize) -> u32 {
    (epoch.max(1) as f64).log10().ceil().max(1.0) as u32
}

/// `10^k` epochs as a tick label: `1000`, `10k`, `100k`, then `1e6`.
pub fn decade_label(k: u32) -> String {
    match k {
        0..=3 => 10u64.pow(k).to_string(),
        4 | 5 => format!("{}k", 10u64.pow(k - 3)),
        _ => format!("1e{k}"),
    }
}

/// A braille line through `points` in `style`.
pub fn line(points: &[(f64, f64)], style: Style) -> Dataset<'_> {
    Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(points)
}

/// `[lo, hi]` of the y values of every series, padded by 5% and at least 0.1 wide (`[-1, 1]` when
/// there are none).
pub fn y_bounds<'a>(series: impl IntoIterator<Item = &'a Vec<(f64, f64)>>) -> (f64, f64) {
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

/// Training lines in the big layout: half blocks, two rows of pixels a cell, thick and solid.
pub const BIG_TRAIN_MARKER: Marker = Marker::HalfBlock;
/// How the legend names them.
pub const BIG_TRAIN_SYMBOL: &str = "▀▄";

/// For each model, `(name, style)`: its validation curve (dots, unnamed) then its training curve (a
/// braille line, named in the legend), in the model's colour. The markers differ so the two stay
/// apart without colour.
pub fn train_val<'a>(
    models: &[(&'a str, Style)],
    train: &'a [Vec<(f64, f64)>],
    val: &'a [Vec<(f64, f64)>],
) -> Vec<Dataset<'a>> {
    train_val_marked(models, train, val, TRAIN_MARKER)
}

/// [`train_val`] with the training lines drawn with `train_marker`: the big layout draws them in
/// half blocks ([`BIG_TRAIN_MARKER`]), thick enough to see from the back of a room.
pub fn train_val_marked<'a>(
    models: &[(&'a str, Style)],
    train: &'a [Vec<(f64, f64)>],
    val: &'a [Vec<(f64, f64)>],
    train_marker: Marker,
) -> Vec<Dataset<'a>> {
    let line =
        |data: &'a [(f64, f64)], marker| Dataset::default().marker(marker).graph_type(GraphType::Line).data(data);
    let mut datasets = Vec::new();
    for (m, (name, style)) in models.iter().enumerate() {
        datasets.push(
            line(&val[m], VALIDATION_MARKER)
                .graph_type(GraphType::Scatter)
                .style(*style),
        );
        datasets.push(line(&train[m], train_marker).name(*name).style(*style));
    }
    datasets
}

/// Where a [`ratatui::widgets::Chart`] draws its curves inside `inner` (its block's inner area), when
/// both axes have labels: left of it the widest y label (or the first x label, less one cell) and the
/// y axis; below it the x axis and its labels. This mirrors the chart's own layout (ratatui 0.30,
/// checked by a test here), so that marks, labels and a legend can be drawn over the curves at the
/// cells where the chart put them.
pub fn graph_area(inner: Rect, y_labels: &[String], first_x_label: &str) -> Rect {
    let widest = y_labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u16;
    let first = (first_x_label.chars().count() as u16).saturating_sub(1);
    let left = widest.max(first).min(inner.width / 3) + 1;
    Rect {
        x: inner.x + left,
        y: inner.y,
        width: inner.width.saturating_sub(left),
        height: inner.height.saturating_sub(2),
    }
}

/// The cell of `graph` (see [`graph_area`]) where the chart draws the point `(x, y)` of a chart with
/// bounds `xs` and `ys`; `None` outside them.
pub fn cell_of(graph: Rect, xs: [f64; 2], ys: [f64; 2], (x, y): (f64, f64)) -> Option<(u16, u16)> {
    let fx = (x - xs[0]) / (xs[1] - xs[0]);
    let fy = (ys[1] - y) / (ys[1] - ys[0]);
    if !(0.0..=1.0).contains(&fx) || !(0.0..=1.0).contains(&fy) || graph.width == 0 || graph.height == 0 {
        return None;
    }
    let column = (fx * f64::from(graph.width - 1)).round() as u16;
    let row = (fy * f64::from(graph.height - 1)).round() as u16;
    Some((graph.x + column, graph.y + row))
}

/// The legend of a loss chart: every model's name in its colour, then the two markers as they are
/// drawn (and `extra`, such as a marker's meaning), in as few lines as fit in `width`: one when it
/// fits, else the names on one line and the markers on the next. A line wider than `width` is
/// returned whole: the caller decides (never cut silently here).
pub fn legend<'a>(models: &[(&'a str, Style)], extra: Vec<Span<'a>>, width: u16) -> Vec<Line<'a>> {
    legend_marked(models, extra, width, TRAIN_SYMBOL)
}

/// [`legend`] naming the training lines by `train_symbol` (the glyphs they are drawn with).
pub fn legend_marked<'a>(
    models: &[(&'a str, Style)],
    extra: Vec<Span<'a>>,
    width: u16,
    train_symbol: &str,
) -> Vec<Line<'a>> {
    let mut names: Vec<Span<'a>> = Vec::new();
    for (name, style) in models {
        if !names.is_empty() {
            names.push(Span::raw(" "));
        }
        names.push(Span::styled(*name, *style));
    }
    let mut markers = vec![
        Span::raw(format!("{train_symbol} train ")),
        Span::raw(format!("{VALIDATION_SYMBOL} val")),
    ];
    markers.extend(extra);
    let one: Line = Line::from(
        names
            .iter()
            .cloned()
            .chain([Span::raw("  ")])
            .chain(markers.iter().cloned())
            .collect::<Vec<_>>(),
    );
    if one.width() <= width as usize {
        vec![one]
    } else {
        vec![Line::from(names), Line::from(markers)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::widgets::{Axis, Chart, Widget};

    #[test]
    fn graph_area_is_where_the_chart_puts_its_axes() {
        for (width, y_labels, first) in [
            (40u16, vec!["55.6".to_string(), "4.54".into()], "1"),
            (60, vec!["0.1".to_string(), "100000".into()], "1000"),
        ] {
            let inner = Rect::new(3, 2, width, 12);
            let mut buf = Buffer::empty(Rect::new(0, 0, 80, 20));
            Chart::new(vec![])
                .x_axis(Axis::default().bounds([0.0, 1.0]).labels([first, "9"]))
                .y_axis(Axis::default().bounds([0.0, 1.0]).labels(y_labels.clone()))
                .render(inner, &mut buf);
            let graph = graph_area(inner, &y_labels, first);
            // The axes' corner is just left of and below the curves' area.
            assert_eq!(buf[(graph.x - 1, graph.bottom())].symbol(), "└");
            assert_eq!(buf[(graph.x - 1, graph.y)].symbol(), "│");
            assert_eq!(graph.right(), inner.right());
            assert_eq!(buf[(graph.right() - 1, graph.bottom())].symbol(), "─");
        }
    }

    #[test]
    fn a_legend_that_does_not_fit_on_one_line_takes_two() {
        let models = [("none", Style::new()), ("L2", Style::new())];
        let wide = legend(&models, vec![], 80);
        assert_eq!(wide.len(), 1);
        assert_eq!(
            wide[0].to_string(),
            format!("none L2  {TRAIN_SYMBOL} train {VALIDATION_SYMBOL} val")
        );
        let narrow = legend(&models, vec![], 12);
        assert_eq!(narrow.len(), 2);
        assert_eq!(narrow[0].to_string(), "none L2");
    }
}
