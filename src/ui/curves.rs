//! What the two loss charts share: log-scaled bounds and the pairs of bright training and dim
//! validation curves, one pair per model.

use super::theme::Theme;
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
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

/// For model `m` named `names[m]`: its validation curve (dim, unnamed) then its training curve (bright,
/// named in the legend), in the model's colour.
pub fn train_val<'a>(
    names: &[&'a str],
    train: &'a [Vec<(f64, f64)>],
    val: &'a [Vec<(f64, f64)>],
    theme: &Theme,
) -> Vec<Dataset<'a>> {
    let line = |data: &'a [(f64, f64)]| {
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .data(data)
    };
    let mut datasets = Vec::new();
    for (m, name) in names.iter().enumerate() {
        datasets.push(line(&val[m]).style(theme.model[m].add_modifier(Modifier::DIM)));
        datasets.push(line(&train[m]).name(*name).style(theme.model[m]));
    }
    datasets
}
