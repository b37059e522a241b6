//! The loss curves: training (braille lines) and validation (dots) MSE per epoch for every model, in
//! the model's colour, with a legend that is always drawn (inside the plot, above the curves, on one
//! line or two), a thin `┊` where a setting changed, and a `◆` at the unregularized model's best
//! validation epoch: where early stopping, itself a regularizer, would have stopped it.
//!
//! **Both axes are logarithmic.** The loss falls by orders of magnitude. The epochs, too: training
//! runs until every model has converged, which after a change of lambda can take thousands of epochs,
//! while the story (the unregularized validation loss turning up, the penalties holding it down) is
//! told in the first tens to hundreds. On a linear epoch axis those would shrink into a few columns as
//! training goes on; a window of the last epochs would hide them altogether. On a log axis every
//! decade (1-10, 10-100, 100-1000 epochs) gets the same width, however long training runs, so the
//! early dynamics stay in view and a late change still shows; ticks are at the decades.

use super::Look;
use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::view::{LossView, Losses, View};
use crate::screens::linear::{ModelId, MODELS};
use crate::ui::curves::{
    cell_of, decade_label, decades, epoch_x as x_of, graph_area, legend_marked, BIG_TRAIN_MARKER, BIG_TRAIN_SYMBOL,
};
use crate::ui::format::{fitting, pow10_label};
use crate::ui::help::wrap;
use crate::ui::plot::{model_ends, Plot};
use crate::ui::theme::Theme;
use crate::ui::theme::{TRAIN_MARKER, TRAIN_SYMBOL};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart};
use ratatui::Frame;

/// The glyph of the unregularized model's best validation epoch.
const BEST_MARK: &str = "◆";
/// The mark of a setting change.
const CHANGE_MARK: &str = "┊";

/// `(training, validation)` values of one epoch in the chosen view: MSE (as the status line shows
/// it) for the data loss; the objective (½·MSE + penalty) for the total; validation is absent for
/// the penalty, which does not depend on the rows.
fn values(view: LossView, s: &Losses) -> (f64, Option<f64>) {
    match view {
        LossView::Data => {
            let (train, val) = s.mse();
            (train, Some(val))
        }
        LossView::Penalty => (s.penalty, None),
        LossView::Total => (s.total(), Some(s.val_loss + s.penalty)),
    }
}

/// Points `(x of epoch, log10 value)`, skipping values that have no logarithm (a zero penalty).
fn series(history: &[Losses], pick: impl Fn(&Losses) -> Option<f64>) -> Vec<(f64, f64)> {
    history
        .iter()
        .filter_map(|s| {
            pick(s)
                .filter(|v| *v > 0.0 && v.is_finite())
                .map(|v| (x_of(s.epoch), v.log10()))
        })
        .collect()
}

/// The panel's title: the quantity, the scale and the key that changes the quantity, and any model
/// that diverged; in the big layout the quantity and its key alone, leaving room for the key numbers.
fn title(state: &View, theme: &Theme, big: bool) -> Line<'static> {
    let (name, scale) = if big { ("", "(") } else { ("Loss: ", "(log; ") };
    let mut title = vec![
        Span::styled(format!(" {name}{} ", state.loss_view.label()), theme.title),
        Span::styled(scale, theme.dim),
        Span::styled(hint(Action::CycleLossView), theme.key),
        Span::styled(") ", theme.dim),
    ];
    let diverged: Vec<&str> = MODELS
        .iter()
        .zip(&state.models)
        .filter(|(_, m)| m.diverged)
        .map(|(id, _)| id.short())
        .collect();
    if !diverged.is_empty() {
        title.push(Span::styled(
            format!(" DIVERGED: {} ", diverged.join(", ")),
            theme.warning,
        ));
    }
    Line::from(title)
}

/// Three tick labels spread evenly over `[lo, hi]` (log10 units), written as plain numbers; two (the
/// ends) in the big layout, which has fewer, more readable labels.
fn log_ticks(lo: f64, hi: f64, big: bool) -> Vec<String> {
    let ticks: &[f64] = if big { &[lo, hi] } else { &[lo, 0.5 * (lo + hi), hi] };
    ticks.iter().map(|&e| pow10_label(e)).collect()
}

/// The legend's name of a model: its short label, or in the big layout its name in words.
fn legend_name(model: ModelId, big: bool) -> &'static str {
    match (big, model) {
        (false, _) | (true, ModelId::Unregularized) => model.short(),
        (true, ModelId::Ridge) => "ridge",
        (true, ModelId::Lasso) => "lasso",
        (true, ModelId::ElasticNet) => "elastic net",
    }
}

/// `hi` raised so that the top `rows` rows of a plot `height` rows high stay above every curve,
/// for the legend.
fn headroom(lo: f64, hi: f64, rows: usize, height: u16) -> f64 {
    let f = (rows as f64 + 0.5) / f64::from(height.saturating_sub(1).max(1));
    if f >= 0.5 {
        return hi;
    }
    (hi - f * lo) / (1.0 - f)
}

/// The unregularized model's best validation epoch and value (in the view's quantity), since its
/// setting last changed.
fn best_validation(state: &View) -> Option<(usize, f64)> {
    let m = MODELS.iter().position(|&id| id == ModelId::Unregularized)?;
    let best = state.models[m].best_validation()?;
    let value = values(state.loss_view, &best).1?;
    (value > 0.0).then_some((best.epoch, value))
}

/// Draws the loss panel into `area`: the chart, then over it the decades' ticks, the setting
/// changes, the best validation epoch, the legend and each curve's name at its end.
pub fn render(frame: &mut Frame, area: Rect, state: &View, block: Block, look: &Look) {
    let (theme, big) = (look.theme, look.big);
    let view = state.loss_view;
    let train: Vec<Vec<(f64, f64)>> = state
        .models
        .iter()
        .map(|m| series(&m.history, |s| Some(values(view, s).0)))
        .collect();
    let val: Vec<Vec<(f64, f64)>> = state
        .models
        .iter()
        .map(|m| series(&m.history, |s| values(view, s).1))
        .collect();
    let block = framed(block, area.width, state, look);
    let inner = block.inner(area);
    let models = MODELS.map(|m| (legend_name(m, big), theme.series(m.series())));
    let (train_marker, train_symbol) = if big {
        (BIG_TRAIN_MARKER, BIG_TRAIN_SYMBOL)
    } else {
        (TRAIN_MARKER, TRAIN_SYMBOL)
    };
    let best = best_validation(state);
    let none_style = theme.series(ModelId::Unregularized.series());
    let extra = match best {
        Some(_) => vec![
            Span::raw(" "),
            Span::styled(BEST_MARK, none_style),
            Span::raw(" early stop"),
        ],
        None => Vec::new(),
    };

    // The legend's lines depend on the plot's width, the room above the curves on their number.
    let k = decades(state.epoch());
    let (first_x, last_x) = ("1".to_string(), decade_label(k));
    let (lo, hi) = crate::ui::curves::y_bounds(train.iter().chain(&val));
    let rough = graph_area(inner, &log_ticks(lo, hi, big), &first_x);
    let legend_lines = legend_marked(&models, extra, rough.width, train_symbol);
    let hi = headroom(lo, hi, legend_lines.len(), rough.height);
    let y_ticks = log_ticks(lo, hi, big);
    let graph = graph_area(inner, &y_ticks, &first_x);

    let (xs, ys) = ([0.0, f64::from(k)], [lo, hi]);
    // Named where each curve really ends, which the spaced dots may leave out; by the short names the
    // weights' columns and the status use, in both layouts (joined, the words would cover the curves).
    let ends = model_ends(
        MODELS.map(|id| (id.short(), theme.series(id.series()))),
        val.iter().map(|v| v.last().copied()),
        train.iter().map(|t| t.last().copied()),
    );
    let val: Vec<Vec<(f64, f64)>> = val.iter().map(|points| spaced(points, graph, xs, ys)).collect();
    let datasets = crate::ui::curves::train_val_marked(&models, &train, &val, train_marker);
    let chart = Chart::new(datasets)
        .block(block)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .title(Span::styled("epoch (log)", theme.dim))
                .style(theme.axis)
                .bounds(xs)
                .labels([first_x, last_x]),
        )
        .y_axis(Axis::default().style(theme.axis).bounds(ys).labels(y_ticks));
    frame.render_widget(chart, area);
    if graph.width < 4 || graph.height < 3 {
        return;
    }
    let buf = frame.buffer_mut();
    if !big {
        decade_ticks(buf, graph, k, theme.axis);
    }
    let plot = Plot {
        graph,
        xs,
        ys,
        skip: legend_lines.len() as u16,
    };
    overlay(buf, &plot, state, best.map(|b| (b, none_style)), &legend_lines, theme);
    plot.end_labels(buf, &ends);
}

/// The panel's frame: its title, with the key numbers when the presenter view asks for them, and
/// (outside the big layout) what the scenario is meant to show, for the person in front of the room.
fn framed<'a>(block: Block<'a>, width: u16, state: &View, look: &Look) -> Block<'a> {
    let mut title = title(state, look.theme, look.big);
    if let Some(numbers) = (look.numbers)(title.width()) {
        title.spans.extend(numbers.spans);
    }
    let block = block.title(title);
    match state.data.as_ref().filter(|_| !look.big) {
        Some(data) => block.title_bottom(caption(&data.description, width, look.theme.dim)),
        None => block,
    }
}

/// A scenario's description on a border `width` wide: whole where it fits, else its lesson (what
/// follows "; ", as in "few strong true weights among many; unregularized overfits, L1 finds the
/// support"), else the lesson cut with an ellipsis, so a cut never passes for the whole.
fn caption(description: &str, width: u16, style: Style) -> Line<'static> {
    let lesson = description.split_once("; ").map_or(description, |(_, lesson)| lesson);
    let room = usize::from(width).saturating_sub(4);
    let cut = if lesson.chars().count() > room {
        // The words that fit with the ellipsis: the first line the help's wrapping gives.
        format!("{}…", wrap(lesson, room.saturating_sub(1))[0])
    } else {
        lesson.to_string()
    };
    let choices = [description, lesson, &cut].map(|text| Line::styled(format!(" {text} "), style));
    fitting(width, choices.to_vec())
}

/// What is drawn over the chart: the changes of setting, the unregularized model's best validation
/// epoch, and the legend in the room left for it above the curves.
fn overlay(
    buf: &mut Buffer,
    plot: &Plot,
    state: &View,
    best: Option<((usize, f64), Style)>,
    legend_lines: &[Line],
    theme: &Theme,
) {
    for &epoch in &state.setting_changes {
        plot.column_mark(buf, x_of(epoch), CHANGE_MARK, theme.dim);
    }
    if let Some(((epoch, value), style)) = best {
        plot.put(buf, (x_of(epoch), value.log10()), BEST_MARK, style);
    }
    for (row, line) in legend_lines.iter().enumerate() {
        let width = (line.width() as u16).min(plot.graph.width);
        buf.set_line(plot.graph.right() - width, plot.graph.y + row as u16, line, width);
    }
}

/// Every other column's first point of a validation curve: spaced dots, so that where epochs are
/// dense (the right of a log axis) the curve stays a row of separate dots, unlike a training line.
fn spaced(points: &[(f64, f64)], graph: Rect, xs: [f64; 2], ys: [f64; 2]) -> Vec<(f64, f64)> {
    let mut last_column = None;
    points
        .iter()
        .filter(|&&(x, _)| {
            let column = cell_of(graph, xs, ys, (x, ys[0])).map(|(c, _)| c);
            let keep = column.is_some_and(|c| (c - graph.x) % 2 == 0) && column != last_column;
            if keep {
                last_column = column;
            }
            keep
        })
        .copied()
        .collect()
}

/// The labels of the decades between the first and the last (which the chart draws), each centred
/// under its place on the axis when there is room for it.
fn decade_ticks(buf: &mut Buffer, graph: Rect, k: u32, style: Style) {
    let y = graph.bottom() + 1;
    let mut free_from = graph.x + 2;
    for d in 1..k {
        let label = decade_label(d);
        let width = label.len() as u16;
        let at = graph.x + (f64::from(d) / f64::from(k) * f64::from(graph.width - 1)).round() as u16;
        let start = at.saturating_sub(width / 2);
        if start >= free_from && start + width + 1 < graph.right().saturating_sub(decade_label(k).len() as u16) {
            buf.set_string(start, y, &label, style);
            free_from = start + width + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_axis_has_a_tick_per_decade() {
        assert_eq!(decades(0), 1);
        assert_eq!(decades(10), 1);
        assert_eq!(decades(11), 2);
        assert_eq!(decades(450), 3);
        assert_eq!(decades(3000), 4);
        assert_eq!(
            (0..=6).map(decade_label).collect::<Vec<_>>(),
            ["1", "10", "100", "1000", "10k", "100k", "1e6"]
        );
    }

    #[test]
    fn the_data_loss_is_plotted_as_the_mse_the_status_line_prints() {
        let s = Losses {
            epoch: 3,
            train_loss: 5.0,
            val_loss: 7.0,
            penalty: 1.0,
        };
        let (train, val) = values(LossView::Data, &s);
        assert_eq!((train, val), (s.mse().0, Some(s.mse().1)));
    }

    #[test]
    fn a_long_caption_keeps_its_lesson_and_a_cut_shows() {
        let text = "few strong true weights among many; unregularized overfits, L1 finds the support";
        let at = |width| caption(text, width, Style::new()).to_string();
        assert_eq!(at(90), format!(" {text} "));
        assert_eq!(at(60), " unregularized overfits, L1 finds the support ");
        assert_eq!(at(30), " unregularized overfits,… ");
        assert!(at(30).chars().count() <= 28, "fits inside the corners");
    }

    #[test]
    fn headroom_keeps_the_legend_rows_above_the_curves() {
        let hi = headroom(0.0, 1.0, 2, 21);
        // The old top, 1.0, maps at or below row 2 of 21 rows (0 at the top).
        let row = (hi - 1.0) / hi * 20.0;
        assert!(row >= 2.0, "{row}");
    }
}
