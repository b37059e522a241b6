//! What the two loss charts share: log-scaled bounds and the pairs of bright training and dim
//! validation curves, one pair per model.

use super::theme::{TRAIN_MARKER, VALIDATION_MARKER};
use ratatui::style::Style;
use ratatui::widgets::{Dataset, GraphType};

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

/// For each model, `(name, style)`: its validation curve (dots, unnamed) then its training curve (a
/// braille line, named in the legend), in the model's colour. The markers differ so the two stay
/// apart without colour.
pub fn train_val<'a>(
    models: &[(&'a str, Style)],
    train: &'a [Vec<(f64, f64)>],
    val: &'a [Vec<(f64, f64)>],
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
        datasets.push(line(&train[m], TRAIN_MARKER).name(*name).style(*style));
    }
    datasets
}
