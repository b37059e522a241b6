//! The curves: training (lines) and validation (dots) log-loss or accuracy per epoch for every model,
//! in the model's colour, with a legend that is always drawn above the curves. The epoch axis is
//! logarithmic, as on the linear screen: the story (the unregularized validation loss turning up while
//! its training loss falls towards 0) is told in the first hundreds of epochs, and training runs on to
//! thousands. Log-loss is drawn on a log scale (it falls by orders of magnitude on separable classes);
//! accuracy on a linear one, in percent.

use super::Look;
use crate::fit::logistic::train::ClassEpoch;
use crate::screens::classification::keys::{hint, Action};
use crate::screens::classification::view::{Curves, View};
use crate::screens::classification::MODELS;
use crate::ui::curves::{
    decade_label, decades, epoch_x as x_of, graph_area, legend_marked, train_val_marked, BIG_TRAIN_MARKER,
    BIG_TRAIN_SYMBOL,
};
use crate::ui::format::{pow10_label, short};
use crate::ui::plot::{model_ends, Plot};
use crate::ui::theme::Theme;
use crate::ui::theme::{TRAIN_MARKER, TRAIN_SYMBOL};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Paragraph};
use ratatui::Frame;

/// The value plotted for one epoch: log10 of the log-loss, or the accuracy in percent.
fn value(curves: Curves, train: bool, e: &ClassEpoch) -> Option<f64> {
    let v = match (curves, train) {
        (Curves::LogLoss, true) => e.train_loss,
        (Curves::LogLoss, false) => e.val_loss,
        (Curves::Accuracy, true) => 100.0 * e.train_accuracy,
        (Curves::Accuracy, false) => 100.0 * e.val_accuracy,
    };
    match curves {
        Curves::LogLoss => (v > 0.0 && v.is_finite()).then(|| v.log10()),
        Curves::Accuracy => v.is_finite().then_some(v),
    }
}

/// Points of one series, at most one per `1 / per_unit` of the x axis (20,000 epochs would otherwise
/// be 20,000 points for a few dozen columns).
fn series(history: &[ClassEpoch], pick: impl Fn(&ClassEpoch) -> Option<f64>, per_unit: f64) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for e in history {
        let Some(y) = pick(e) else { continue };
        let x = x_of(e.epoch);
        match points.last() {
            Some(&(last, _)) if (x - last) * per_unit < 1.0 => {}
            _ => points.push((x, y)),
        }
    }
    if let (Some(e), Some(last)) = (history.last(), points.last_mut()) {
        if let Some(y) = pick(e) {
            *last = (x_of(e.epoch), y);
        }
    }
    points
}

/// The y tick labels: powers of ten for the log-loss, percents for accuracy.
fn y_ticks(curves: Curves, lo: f64, hi: f64) -> Vec<String> {
    match curves {
        Curves::LogLoss => vec![pow10_label(lo), pow10_label((lo + hi) / 2.0), pow10_label(hi)],
        // The legend's headroom may take the axis past 100%, which no accuracy reaches: no label there.
        Curves::Accuracy => [lo, (lo + hi) / 2.0, hi]
            .iter()
            .map(|&v| {
                if v > 100.0 + 1e-9 {
                    String::new()
                } else {
                    format!("{}%", short(v))
                }
            })
            .collect(),
    }
}

/// The panel's frame: what the curves show, the key that switches them, and the key numbers when the
/// presenter view asks for them.
fn framed<'a>(block: Block<'a>, area: Rect, curves: Curves, look: &Look) -> Block<'a> {
    let (what, other) = match curves {
        Curves::LogLoss => ("log-loss (log)", "accuracy"),
        Curves::Accuracy => ("accuracy %", "log-loss"),
    };
    let mut title = vec![Span::styled(format!(" {what} "), look.theme.title)];
    if !look.big {
        title.push(Span::styled(
            format!("{} {other} ", hint(Action::CycleCurves)),
            look.theme.dim,
        ));
    }
    let used: usize = title.iter().map(Span::width).sum();
    let block = block.title(Line::from(title));
    match (look.numbers)((area.width as usize).saturating_sub(used + 4)) {
        Some(line) => block.title(line.right_aligned()),
        None => block,
    }
}

/// Every model's training and validation series, thinned to the chart's resolution.
type Series = Vec<Vec<(f64, f64)>>;

fn all_series(view: &View, per_unit: f64) -> (Series, Series) {
    let pick = |train: bool| -> Series {
        view.models
            .iter()
            .map(|m| series(&m.history, |e| value(view.curves, train, e), per_unit))
            .collect()
    };
    let val = pick(false).iter().map(|s| series_spaced(s, per_unit / 3.0)).collect();
    (pick(true), val)
}

pub fn render(frame: &mut Frame, area: Rect, view: &View, block: Block, look: &Look) {
    let (theme, big) = (look.theme, look.big);
    let curves = view.curves;
    let block = framed(block, area, curves, look);
    let inner = block.inner(area);
    let k = decades(view.epoch());
    let per_unit = f64::from(inner.width.max(1)) * 2.0 / f64::from(k);
    let (train, val) = all_series(view, per_unit);
    let models = MODELS.map(|m| (m.short(), theme.series(m.series())));
    let (marker, symbol) = if big {
        (BIG_TRAIN_MARKER, BIG_TRAIN_SYMBOL)
    } else {
        (TRAIN_MARKER, TRAIN_SYMBOL)
    };
    let (lo, hi) = crate::ui::curves::y_bounds(train.iter().chain(&val));
    let (lo, hi) = match curves {
        Curves::Accuracy => (lo.max(0.0), hi.min(100.0).max(lo + 1.0)),
        Curves::LogLoss => (lo, hi),
    };
    let first_x = "1".to_string();
    let rough = graph_area(inner, &y_ticks(curves, lo, hi), &first_x);
    let changed = view.setting_changes.iter().any(|&e| e > 0);
    let extra = if changed {
        vec![Span::raw(format!(" {CHANGE_MARK} setting changed"))]
    } else {
        Vec::new()
    };
    let legend = legend_marked(&models, extra, rough.width, symbol);
    // Room above the curves for the legend's lines.
    let rows = f64::from(rough.height.max(legend.len() as u16 + 2));
    let hi = hi + (hi - lo) * legend.len() as f64 / (rows - legend.len() as f64);
    let ticks = y_ticks(curves, lo, hi);
    let graph = graph_area(inner, &ticks, &first_x);
    let xs = [0.0, f64::from(k)];
    let datasets = train_val_marked(&models, &train, &val, marker);
    let chart = Chart::new(datasets)
        .block(block)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .title(Span::styled("epoch (log)", theme.dim))
                .style(theme.axis)
                .bounds(xs)
                .labels([first_x, decade_label(k)]),
        )
        .y_axis(Axis::default().style(theme.axis).bounds([lo, hi]).labels(ticks));
    frame.render_widget(chart, area);
    if graph.width < 4 || graph.height < 3 {
        return;
    }
    let plot = Plot {
        graph,
        xs,
        ys: [lo, hi],
        skip: legend.len() as u16,
    };
    for &epoch in view.setting_changes.iter().filter(|&&e| e > 0) {
        plot.column_mark(frame.buffer_mut(), x_of(epoch), CHANGE_MARK, theme.dim);
    }
    end_labels(frame.buffer_mut(), &plot, view, &train, theme);
    for (i, line) in legend.into_iter().enumerate() {
        let row = Rect {
            y: graph.y + i as u16,
            height: 1,
            ..graph
        };
        frame.render_widget(Paragraph::new(line.right_aligned()), row);
    }
}

/// The glyph where a setting changed.
const CHANGE_MARK: &str = "┊";

/// Each model's name at the end of its training curve and of its validation curve, in its colour, so
/// the curves are told apart without colour too.
fn end_labels(buf: &mut Buffer, plot: &Plot, view: &View, train: &[Vec<(f64, f64)>], theme: &Theme) {
    let val = view.models.iter().map(|model| {
        let last = model.history.last()?;
        value(view.curves, false, last).map(|y| (x_of(last.epoch), y))
    });
    let ends = model_ends(
        MODELS.map(|id| (id.short(), theme.series(id.series()))),
        val,
        train.iter().map(|t| t.last().copied()),
    );
    plot.end_labels(buf, &ends);
}

/// Every `1 / per_unit` of the x axis at most one point: validation dots that do not run together.
fn series_spaced(points: &[(f64, f64)], per_unit: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &p in points {
        if out.last().is_none_or(|&(x, _)| (p.0 - x) * per_unit >= 1.0) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch(epoch: usize, loss: f64) -> ClassEpoch {
        ClassEpoch {
            epoch,
            train_loss: loss,
            val_loss: loss,
            train_accuracy: 0.5,
            val_accuracy: 0.5,
            penalty: 0.0,
            weight_norm: 0.0,
        }
    }

    #[test]
    fn a_long_history_is_thinned_but_keeps_its_last_point() {
        let history: Vec<ClassEpoch> = (0..20_000).map(|e| epoch(e, 1.0 / (1.0 + e as f64))).collect();
        let points = series(&history, |e| Some(e.train_loss), 50.0);
        assert!(points.len() < 300, "{}", points.len());
        assert_eq!(points.last().unwrap().0, x_of(19_999));
        assert_eq!(points.last().unwrap().1, 1.0 / 20_000.0);
    }
}
