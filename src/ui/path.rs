//! The lasso path: every coefficient against log10(lambda) (the exact path from the core), the current
//! lambda as a vertical cursor, the count of nonzeros along the top, and under it the cross-validation
//! and validation error against lambda with lambda_min and lambda_1se marked.

use super::format::short;
use super::theme::Theme;
use crate::app::State;
use crate::engine::{DataView, PathView, Stage};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use ratatui::Frame;

/// At most this many coefficient curves are drawn (the largest along the path); more is unreadable.
const MAX_CURVES: usize = 40;

/// The x coordinate of lambda: `-log10(lambda)`, so smaller lambdas are to the right, as the arrow
/// keys move.
fn x_of(lambda: f64) -> f64 {
    -lambda.log10()
}

fn x_labels(lambdas: &[f64]) -> Vec<String> {
    let (first, last) = (lambdas[0], lambdas[lambdas.len() - 1]);
    let mid = 10f64.powf(0.5 * (first.log10() + last.log10()));
    [first, mid, last].iter().map(|l| format!("{:.2}", l.log10())).collect()
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, block: Block) {
    let title = Line::from(vec![
        Span::styled(" Lasso path ", theme.title),
        Span::styled("(exact; x: log10 λ, λ shrinks →) ", theme.dim),
    ]);
    let block = block.title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(data) = state.data.as_ref() else {
        return;
    };
    let Some(path) = data.path.as_deref() else {
        // The path is still being computed (or failed): say how far it got instead.
        let note = stage_line(data.stage).unwrap_or_else(|| "no exact path for this data".into());
        frame.render_widget(Paragraph::new(Span::styled(note, theme.warning)), inner);
        return;
    };
    if data.lambdas.is_empty() || inner.height < 6 {
        return;
    }
    let [counts, coefs, legend, errors] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(58),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let x_bounds = [x_of(data.lambdas[0]), x_of(data.lambdas[data.lambdas.len() - 1])];
    let cursor_x = x_of(data.lambdas[state.lambda_index]);

    // Coefficient curves, largest first.
    let p = data.feature_names.len();
    let curves: Vec<(usize, Vec<(f64, f64)>)> = path
        .curve_order
        .iter()
        .take(MAX_CURVES)
        .map(|&j| {
            (
                j,
                data.lambdas
                    .iter()
                    .zip(&path.coefs)
                    .map(|(&l, w)| (x_of(l), w[j]))
                    .collect(),
            )
        })
        .collect();
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for (_, points) in &curves {
        for &(_, y) in points {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    if hi - lo <= 0.0 {
        (lo, hi) = (-1.0, 1.0);
    }
    let cursor = [(cursor_x, lo), (cursor_x, hi)];
    let mut datasets: Vec<Dataset> = curves
        .iter()
        .map(|(j, points)| {
            let in_support = data.truth.as_ref().is_some_and(|t| t[*j] != 0.0);
            let style = if data.truth.is_none() || in_support {
                theme.support
            } else {
                theme.dim
            };
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(style)
                .data(points)
        })
        .collect();
    datasets.push(
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.cursor)
            .data(&cursor),
    );
    let y_labels = vec![short(lo), "0".to_string(), short(hi)];
    let label_width = y_labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as u16 + 1;
    let shown = if p > MAX_CURVES {
        format!("coefficients (largest {MAX_CURVES} of {p})")
    } else {
        "coefficients".into()
    };
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().style(theme.axis).bounds(x_bounds))
        .y_axis(
            Axis::default()
                .title(Span::styled(shown, theme.dim))
                .style(theme.axis)
                .bounds([lo, hi])
                .labels(y_labels),
        );
    frame.render_widget(chart, coefs);
    render_counts(frame, counts, path, state.lambda_index, label_width, theme);
    let mut key = vec![
        Span::styled(" error: ", theme.dim),
        Span::styled("── validation ", theme.model[1]),
    ];
    if let Some(cv) = &data.cv {
        key.push(Span::styled(
            format!("── {}-fold CV ± se ", cv.fold_mse.len()),
            theme.text,
        ));
        key.push(Span::styled(
            format!("│ m λmin {} ", short(data.lambdas[cv.i_min])),
            theme.cv_min,
        ));
        key.push(Span::styled(
            format!("│ 1 λ1se {}", short(data.lambdas[cv.i_1se])),
            theme.cv_1se,
        ));
    } else if let Some(note) = stage_line(data.stage) {
        key.push(Span::styled(format!("│ {note}"), theme.warning));
    }
    frame.render_widget(Paragraph::new(Line::from(key)), legend);
    render_errors(frame, errors, data, path, state.lambda_index, x_bounds, theme);
}

/// One line on what is still being computed, or `None` when nothing is.
pub fn stage_line(stage: Stage) -> Option<String> {
    match stage {
        Stage::Path { done, total } => Some(format!("computing the exact path: {done}/{total} lambdas")),
        Stage::Cv { done, total } => Some(format!("cross-validation: fold {}/{total}", (done + 1).min(total))),
        Stage::Done => None,
    }
}

/// Nonzero counts above the chart, at evenly spaced lambdas, and the count at the cursor.
fn render_counts(frame: &mut Frame, area: Rect, path: &PathView, index: usize, offset: u16, theme: &Theme) {
    let nnz = |i: usize| path.nnz[i];
    let here = format!(" nonzeros here: {} ", nnz(index));
    let mut line = vec![' '; area.width as usize];
    let plot_width = area.width.saturating_sub(offset + 1 + here.len() as u16) as usize;
    let last = path.nnz.len() - 1;
    let marks = (plot_width / 6).clamp(2, 12);
    for k in 0..=marks {
        let i = k * last / marks;
        let text = nnz(i).to_string();
        let x = offset as usize + 1 + k * plot_width.saturating_sub(text.len()) / marks;
        for (c, ch) in text.chars().enumerate() {
            if let Some(cell) = line.get_mut(x + c) {
                *cell = ch;
            }
        }
    }
    let counts: String = line
        .into_iter()
        .take(area.width as usize - here.len().min(area.width as usize))
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(counts, theme.dim),
            Span::styled(here, theme.cursor),
        ])),
        area,
    );
}

/// Cross-validation mean ± se and the validation error against lambda.
fn render_errors(
    frame: &mut Frame,
    area: Rect,
    data: &DataView,
    path: &PathView,
    index: usize,
    x_bounds: [f64; 2],
    theme: &Theme,
) {
    let xs: Vec<f64> = data.lambdas.iter().map(|&l| x_of(l)).collect();
    let validation: Vec<(f64, f64)> = xs.iter().copied().zip(path.val_mse.iter().copied()).collect();
    let (mean, upper, lower) = match &data.cv {
        Some(cv) => (
            xs.iter().copied().zip(cv.mean.iter().copied()).collect::<Vec<_>>(),
            xs.iter()
                .zip(cv.mean.iter().zip(&cv.se))
                .map(|(&x, (m, s))| (x, m + s))
                .collect::<Vec<_>>(),
            xs.iter()
                .zip(cv.mean.iter().zip(&cv.se))
                .map(|(&x, (m, s))| (x, m - s))
                .collect::<Vec<_>>(),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(_, y) in validation.iter().chain(&mean).chain(&upper).chain(&lower) {
        if y.is_finite() {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    if !lo.is_finite() || hi <= lo {
        (lo, hi) = (0.0, 1.0);
    }
    let vertical = |x: f64| [(x, lo), (x, hi)];
    let cursor = vertical(xs[index]);
    let markers = data
        .cv
        .as_ref()
        .map(|cv| (vertical(xs[cv.i_min]), vertical(xs[cv.i_1se])));
    let line = |points, style: Style| {
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style)
            .data(points)
    };
    let mut datasets = vec![line(&upper, theme.dim), line(&lower, theme.dim)];
    if let Some((min_line, se_line)) = &markers {
        datasets.push(line(min_line, theme.cv_min));
        datasets.push(line(se_line, theme.cv_1se));
    }
    datasets.push(line(&validation, theme.model[1]));
    if data.cv.is_some() {
        datasets.push(line(&mean, theme.text));
    }
    datasets.push(line(&cursor, theme.cursor));
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .title(Span::styled("log10 λ", theme.dim))
                .style(theme.axis)
                .bounds(x_bounds)
                .labels(x_labels(&data.lambdas)),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled("MSE", theme.dim))
                .style(theme.axis)
                .bounds([lo, hi])
                .labels([short(lo), short(hi)]),
        );
    frame.render_widget(chart, area);
}
