//! The loss curves: training (solid) and validation (dimmer) loss per epoch for every model, on a log
//! scale with readable ticks.

use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::view::{LossView, Losses, View};
use crate::screens::linear::MODELS;
use crate::ui::format::pow10_label;
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, LegendPosition};
use ratatui::Frame;

/// `(training, validation)` values of one epoch in the chosen view; validation is absent for the
/// penalty, which does not depend on the rows.
fn values(view: LossView, s: &Losses) -> (f64, Option<f64>) {
    match view {
        LossView::Data => (s.train_loss, Some(s.val_loss)),
        LossView::Penalty => (s.penalty, None),
        LossView::Total => (s.total(), Some(s.val_loss + s.penalty)),
    }
}

/// Points `(epoch, log10 value)`, skipping values that have no logarithm (a zero penalty).
fn series(history: &[Losses], pick: impl Fn(&Losses) -> Option<f64>) -> Vec<(f64, f64)> {
    history
        .iter()
        .filter_map(|s| {
            pick(s)
                .filter(|v| *v > 0.0 && v.is_finite())
                .map(|v| (s.epoch as f64, v.log10()))
        })
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, state: &View, theme: &Theme, block: Block) {
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
    let diverged: Vec<&str> = MODELS
        .iter()
        .zip(&state.models)
        .filter(|(_, m)| m.diverged)
        .map(|(id, _)| id.short())
        .collect();
    let mut title = vec![
        Span::styled(format!(" Loss: {} ", view.label()), theme.title),
        Span::styled("(log; bright train, dim validation; ", theme.dim),
        Span::styled(hint(Action::CycleLossView), theme.key),
        Span::styled(") ", theme.dim),
    ];
    if !diverged.is_empty() {
        title.push(Span::styled(
            format!(" DIVERGED: {} ", diverged.join(", ")),
            theme.warning,
        ));
    }
    let mut block = block.title(Line::from(title));
    if let Some(data) = &state.data {
        // What the scenario is meant to show, for the person in front of the room.
        block = block.title_bottom(Span::styled(format!(" {} ", data.description), theme.dim));
    }

    let (lo, hi) = crate::ui::curves::y_bounds(train.iter().chain(&val));
    let max_epoch = state.epoch().max(1) as f64;
    let models = MODELS.map(|m| (m.short(), theme.series(m.series())));
    let datasets = crate::ui::curves::train_val(&models, &train, &val);
    let y_ticks = log_ticks(lo, hi);
    let chart = Chart::new(datasets)
        .block(block)
        .legend_position(Some(LegendPosition::TopRight))
        .x_axis(
            Axis::default()
                .title(Span::styled("epoch", theme.dim))
                .style(theme.axis)
                .bounds([0.0, max_epoch])
                .labels([
                    "0".to_string(),
                    format!("{}", max_epoch as usize / 2),
                    format!("{}", max_epoch as usize),
                ]),
        )
        .y_axis(Axis::default().style(theme.axis).bounds([lo, hi]).labels(y_ticks));
    frame.render_widget(chart, area);
}

/// Three tick labels spread evenly over `[lo, hi]` (log10 units), written as plain numbers.
fn log_ticks(lo: f64, hi: f64) -> Vec<String> {
    [lo, 0.5 * (lo + hi), hi].iter().map(|&e| pow10_label(e)).collect()
}
