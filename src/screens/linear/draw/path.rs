//! The lasso path: every coefficient against log10(lambda) (the exact path from the core), the current
//! lambda as a vertical cursor, the count of nonzeros along the top, and under it the cross-validation
//! and validation error against lambda with lambda_min and lambda_1se marked. The series come ready
//! in the view's `PathChart`; this file only lays out widgets.

use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::view::{DataView, PathChart, PathView, Stage, MAX_CURVES};
use crate::screens::linear::Screen;
use crate::ui::format::short;
use crate::ui::theme::Theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, screen: &Screen, theme: &Theme, block: Block) {
    let title = Line::from(vec![
        Span::styled(" Lasso path ", theme.title),
        Span::styled("(exact; x: log10 λ, λ shrinks →) ", theme.dim),
    ]);
    let block = block.title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(data) = screen.view.data.as_ref() else {
        return;
    };
    let (Some(path), Some(chart)) = (data.path.as_deref(), data.chart.as_ref()) else {
        // The path is still being computed (or failed): say how far it got instead.
        let note = stage_line(data.stage).unwrap_or_else(|| "no exact path for this data".into());
        frame.render_widget(Paragraph::new(Span::styled(note, theme.warning)), inner);
        return;
    };
    if inner.height < 6 {
        return;
    }
    let [counts, coefs, legend, errors] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(58),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let index = screen.settings.lambda_index.min(chart.xs.len() - 1);
    let label_width = render_coefficients(frame, coefs, data, chart, index, theme);
    render_counts(frame, counts, path, index, label_width, theme);
    frame.render_widget(Paragraph::new(error_legend(data, theme)), legend);
    render_errors(frame, errors, chart, index, theme);
}

/// One line on what is still being computed, or `None` when nothing is.
pub fn stage_line(stage: Stage) -> Option<String> {
    match stage {
        Stage::Path { done, total } => Some(format!("computing the exact path: {done}/{total} lambdas")),
        Stage::Cv { done, total } => Some(format!("cross-validation: fold {}/{total}", (done + 1).min(total))),
        Stage::Done => None,
    }
}

fn line(points: &[(f64, f64)], style: Style) -> Dataset<'_> {
    Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(points)
}

/// The coefficient curves (true support bright) and the cursor; returns the width of the y labels,
/// which the nonzero counts above align to.
fn render_coefficients(
    frame: &mut Frame,
    area: Rect,
    data: &DataView,
    chart: &PathChart,
    index: usize,
    theme: &Theme,
) -> u16 {
    let (lo, hi) = chart.coef_bounds;
    let cursor = [(chart.xs[index], lo), (chart.xs[index], hi)];
    let mut datasets: Vec<Dataset> = chart
        .curves
        .iter()
        .map(|(j, points)| {
            let in_support = data.truth.as_ref().is_some_and(|t| t[*j] != 0.0);
            let style = if data.truth.is_none() || in_support {
                theme.support
            } else {
                theme.dim
            };
            line(points, style)
        })
        .collect();
    datasets.push(line(&cursor, theme.cursor));
    let y_labels = vec![short(lo), "0".to_string(), short(hi)];
    let label_width = y_labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as u16 + 1;
    let p = data.feature_names.len();
    let shown = if p > MAX_CURVES {
        format!("coefficients (largest {MAX_CURVES} of {p})")
    } else {
        "coefficients".into()
    };
    let x_bounds = [chart.xs[0], chart.xs[chart.xs.len() - 1]];
    let widget = Chart::new(datasets)
        .x_axis(Axis::default().style(theme.axis).bounds(x_bounds))
        .y_axis(
            Axis::default()
                .title(Span::styled(shown, theme.dim))
                .style(theme.axis)
                .bounds([lo, hi])
                .labels(y_labels),
        );
    frame.render_widget(widget, area);
    label_width
}

/// The key to the error chart: what its lines are, and the CV's lambdas with the keys that jump there.
fn error_legend<'a>(data: &DataView, theme: &Theme) -> Line<'a> {
    let mut key = vec![
        Span::styled(" error: ", theme.dim),
        Span::styled("── validation ", theme.cv),
    ];
    if let Some(cv) = &data.cv {
        key.push(Span::styled(format!("── {}-fold CV ± se ", cv.folds), theme.text));
        key.push(Span::styled(
            format!(
                "│ {} λmin {} ",
                hint(Action::LambdaCvMin),
                short(data.lambdas[cv.i_min])
            ),
            theme.cv,
        ));
        key.push(Span::styled(
            format!("│ {} λ1se {}", hint(Action::LambdaCv1se), short(data.lambdas[cv.i_1se])),
            theme.cv,
        ));
    } else if let Some(note) = stage_line(data.stage) {
        key.push(Span::styled(format!("│ {note}"), theme.warning));
    }
    Line::from(key)
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

/// Cross-validation mean ± se and the validation error against lambda, with the cursor and the
/// lambda_min and lambda_1se marks.
fn render_errors(frame: &mut Frame, area: Rect, chart: &PathChart, index: usize, theme: &Theme) {
    let (lo, hi) = chart.error_bounds;
    let vertical = |x: f64| [(x, lo), (x, hi)];
    let cursor = vertical(chart.xs[index]);
    let empty = Vec::new();
    let (upper, lower) = chart.cv.as_ref().map_or((&empty, &empty), |cv| (&cv.upper, &cv.lower));
    let marks = chart.cv.as_ref().map(|cv| (vertical(cv.marks.0), vertical(cv.marks.1)));
    let mut datasets = vec![line(upper, theme.dim), line(lower, theme.dim)];
    if let Some((min_line, se_line)) = &marks {
        datasets.push(line(min_line, theme.cv));
        datasets.push(line(se_line, theme.cv));
    }
    datasets.push(line(&chart.validation, theme.cv));
    if let Some(cv) = &chart.cv {
        datasets.push(line(&cv.mean, theme.text));
    }
    datasets.push(line(&cursor, theme.cursor));
    let x_bounds = [chart.xs[0], chart.xs[chart.xs.len() - 1]];
    let widget = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .title(Span::styled("log10 λ", theme.dim))
                .style(theme.axis)
                .bounds(x_bounds)
                .labels(chart.x_labels.clone()),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled("MSE", theme.dim))
                .style(theme.axis)
                .bounds([lo, hi])
                .labels([short(lo), short(hi)]),
        );
    frame.render_widget(widget, area);
}
