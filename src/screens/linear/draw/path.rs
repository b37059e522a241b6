//! One model's exact path (the lasso's, the elastic net's or ridge's; `p` cycles): every coefficient
//! against log10(lambda) on the model's own grid, the largest labelled by feature, the model's lambda as
//! a vertical cursor, the count of nonzeros along the top, and under it the model's cross-validation
//! and validation error against lambda with lambda_min and lambda_1se marked. The series come ready
//! in the view's `PathChart`; this file only lays out widgets.

use super::Look;
use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::view::{DataView, ModelPath, NextZero, PathChart, PathView, Stage, MAX_CURVES};
use crate::screens::linear::ModelId;
use crate::screens::linear::Screen;
use crate::ui::curves::line;
use crate::ui::format::{first_fitting, short};
use crate::ui::theme::{Theme, TRAIN_SYMBOL, VALIDATION_MARKER, VALIDATION_SYMBOL};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use ratatui::Frame;

/// How many of the largest curves are labelled with their feature's name at their right end.
const LABELLED: usize = 5;
/// The width of the column the labels are written in.
const LABEL_COLUMN: u16 = 9;

/// The model the path panel shows, named.
fn model_title(model: ModelId, path: &ModelPath) -> String {
    match model {
        ModelId::Lasso => "Lasso path".into(),
        ModelId::ElasticNet => format!("Elastic-net path (l1-ratio {:.2})", path.l1_ratio),
        ModelId::Ridge => "Ridge path".into(),
        ModelId::Unregularized => "no path".into(),
    }
}

pub fn render(frame: &mut Frame, area: Rect, screen: &Screen, block: Block, look: &Look) {
    let (theme, big) = (look.theme, look.big);
    let model = screen.view.path_model;
    let Some(data) = screen.view.data.as_ref() else {
        frame.render_widget(block, area);
        return;
    };
    let shown = &data.paths[model as usize];
    let name_style = theme.series(model.series());
    let mut title = Line::from(vec![
        Span::styled(
            format!(" {} ", model_title(model, shown)),
            if big { name_style.patch(theme.title) } else { name_style },
        ),
        Span::styled(if big { "(" } else { "exact; λ shrinks → (" }, theme.dim),
        Span::styled(hint(Action::CyclePath), theme.key),
        Span::styled(" next) ", theme.dim),
    ]);
    if let Some(numbers) = (look.numbers)(title.width()) {
        title.spans.extend(numbers.spans);
    }
    let block = block.title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(path), Some(chart)) = (shown.path.as_deref(), shown.chart.as_ref()) else {
        // The path is still being computed (or failed): say how far it got instead.
        let note = stage_line(shown.stage).unwrap_or_else(|| "no exact path for this data".into());
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
    let index = screen.settings.positions[model as usize].min(chart.xs.len() - 1);
    let style = theme.series(model.series());
    // The "which weight dies next?" answer: its features reached zero at the lasso's cursor.
    let died = match &screen.view.next_zero {
        NextZero::Revealed { features, .. } if model == ModelId::Lasso => &features[..],
        _ => &[],
    };
    let marks = Marks { index, died };
    let label_width = render_coefficients(frame, coefs, data, chart, marks, style, theme);
    render_counts(frame, counts, path, index, label_width, big, theme);
    frame.render_widget(Paragraph::new(error_legend(shown, legend.width, theme)), legend);
    render_errors(frame, errors, chart, index, style, big, theme);
}

/// The lambda axis's labels: all of them, or in the big layout the two ends.
fn x_labels(labels: &[String], big: bool) -> Vec<String> {
    match (big, labels) {
        (true, [first, .., last]) => vec![first.clone(), last.clone()],
        _ => labels.to_vec(),
    }
}

/// One line on what is still being computed, or `None` when nothing is.
pub fn stage_line(stage: Stage) -> Option<String> {
    match stage {
        Stage::Path { done, total } => Some(format!("computing the exact path: {done}/{total} lambdas")),
        Stage::Cv { done, total } => Some(format!("cross-validation: fold {}/{total}", (done + 1).min(total))),
        Stage::Done => None,
    }
}

/// The coefficient curves (the true support in the model's colour, the rest dim), the cursor, and the
/// largest curves' feature names at their right ends; returns the width of the y labels, which the
/// nonzero counts above align to.
fn render_coefficients(
    frame: &mut Frame,
    area: Rect,
    data: &DataView,
    chart: &PathChart,
    marks: Marks,
    style: Style,
    theme: &Theme,
) -> u16 {
    let index = marks.index;
    let (lo, hi) = chart.coef_bounds;
    let cursor = [(chart.xs[index], lo), (chart.xs[index], hi)];
    let in_support = |j: usize| data.truth.as_ref().is_none_or(|t| t[j] != 0.0);
    // The support last, so it is drawn over the rest.
    let mut curves: Vec<&(usize, Vec<(f64, f64)>)> = chart.curves.iter().collect();
    curves.sort_by_key(|(j, _)| in_support(*j));
    let mut datasets: Vec<Dataset> = curves
        .iter()
        .map(|(j, points)| line(points, if in_support(*j) { style } else { theme.dim }))
        .collect();
    let died = died_curves(data, chart, marks.died);
    datasets.extend(died.iter().map(|points| line(points, theme.cursor)));
    datasets.push(line(&cursor, theme.cursor));
    let y_labels = vec![short(lo), "0".to_string(), short(hi)];
    let label_width = y_labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as u16 + 1;
    let p = data.feature_names.len();
    let died_names: Vec<&str> = marks.died.iter().map(|&j| data.feature_names[j].as_str()).collect();
    let shown = match (p > MAX_CURVES, data.truth.is_some()) {
        _ if !died_names.is_empty() => format!("† {} bright: 0 at the cursor", died_names.join(", ")),
        (true, _) => format!("coefficients (largest {MAX_CURVES} of {p})"),
        (false, true) => "coefficients (true support bright)".into(),
        (false, false) => "coefficients".into(),
    };
    let [plot, names] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(LABEL_COLUMN)]).areas(area);
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
    frame.render_widget(widget, plot);
    render_end_labels(
        frame,
        names,
        data,
        chart,
        |j| if in_support(j) { style } else { theme.dim },
    );
    label_width
}

/// What the coefficient chart marks: the model's lambda (a grid position), and the features the
/// "which weight dies next?" answer names, which reached exactly zero there.
struct Marks<'a> {
    index: usize,
    died: &'a [usize],
}

/// The lasso's curves of features `died`, drawn bright over the rest (also when they are too small to
/// be among the [`MAX_CURVES`] drawn).
fn died_curves(data: &DataView, chart: &PathChart, died: &[usize]) -> Vec<Vec<(f64, f64)>> {
    let Some(path) = data.paths[ModelId::Lasso as usize].path.as_deref() else {
        return Vec::new();
    };
    died.iter()
        .map(|&j| chart.xs.iter().zip(&path.coefs).map(|(&x, w)| (x, w[j])).collect())
        .collect()
}

/// The names of the [`LABELLED`] largest curves beside their right ends (the smallest lambda), each on
/// the row its last value falls on; a name whose row is taken moves to the nearest free one.
fn render_end_labels(
    frame: &mut Frame,
    area: Rect,
    data: &DataView,
    chart: &PathChart,
    style: impl Fn(usize) -> Style,
) {
    let (lo, hi) = chart.coef_bounds;
    if area.height == 0 || hi <= lo {
        return;
    }
    let rows = area.height as usize;
    let mut taken = vec![false; rows];
    for (j, points) in chart.curves.iter().take(LABELLED) {
        let Some(&(_, last)) = points.last() else {
            continue;
        };
        let wanted = (((hi - last) / (hi - lo)) * (rows - 1) as f64)
            .round()
            .clamp(0.0, (rows - 1) as f64) as usize;
        let Some(row) = (0..rows)
            .flat_map(|d| [wanted.checked_sub(d), Some(wanted + d)])
            .flatten()
            .find(|&r| r < rows && !taken[r])
        else {
            break;
        };
        taken[row] = true;
        let name: String = data.feature_names[*j].chars().take(area.width as usize - 1).collect();
        let cell = Rect {
            y: area.y + row as u16,
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new(Span::styled(format!(" {name}"), style(*j))), cell);
    }
}

/// The key to the error chart: what its series are, and the CV's lambdas with the keys that jump there;
/// in fewer words where `width` is short (at 80x24 the whole key lost both lambdas).
fn error_legend<'a>(shown: &ModelPath, width: u16, theme: &Theme) -> Line<'a> {
    let Some(cv) = &shown.cv else {
        let mut key = vec![
            Span::styled(" error: ", theme.dim),
            Span::styled(format!("{VALIDATION_SYMBOL} validation "), theme.text),
        ];
        if let Some(note) = stage_line(shown.stage) {
            key.push(Span::styled(format!("│ {note}"), theme.warning));
        }
        return Line::from(key);
    };
    let (min, se) = (short(shown.lambdas[cv.i_min]), short(shown.lambdas[cv.i_1se]));
    let (m, one) = (hint(Action::LambdaCvMin), hint(Action::LambdaCv1se));
    let key = |series: String, marks: String| {
        Line::from(vec![Span::styled(series, theme.text), Span::styled(marks, theme.cv)])
    };
    let candidates = [
        key(
            format!(
                " error: {VALIDATION_SYMBOL} validation {TRAIN_SYMBOL} {}-fold CV ± se ",
                cv.folds
            ),
            format!("│ {m} λmin {min} │ {one} λ1se {se}"),
        ),
        key(
            format!(" {VALIDATION_SYMBOL} val {TRAIN_SYMBOL} CV ± se "),
            format!("│ {m} λmin {min} │ {one} λ1se {se}"),
        ),
        key(
            format!("{VALIDATION_SYMBOL}val {TRAIN_SYMBOL}CV±se "),
            format!("│{m} λmin {min} │{one} λ1se {se}"),
        ),
    ];
    first_fitting(usize::from(width), candidates)
}

/// Nonzero counts above the chart, at evenly spaced lambdas, and the count at the cursor.
/// In the big layout the counts are twice as far apart.
fn render_counts(frame: &mut Frame, area: Rect, path: &PathView, index: usize, offset: u16, big: bool, theme: &Theme) {
    let nnz = |i: usize| path.nnz[i];
    let here = format!(" nonzeros here: {} ", nnz(index));
    let mut line = vec![' '; area.width as usize];
    let plot_width = area.width.saturating_sub(offset + 1 + here.len() as u16) as usize;
    let last = path.nnz.len() - 1;
    let marks = (plot_width / if big { 12 } else { 6 }).clamp(2, 12);
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

/// Cross-validation mean ± se (a line) and the validation error (dots) against lambda, in the model's
/// colour, with the cursor and the lambda_min and lambda_1se marks; in the big layout only the ends of
/// the lambda axis are labelled.
fn render_errors(
    frame: &mut Frame,
    area: Rect,
    chart: &PathChart,
    index: usize,
    style: Style,
    big: bool,
    theme: &Theme,
) {
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
    datasets.push(
        Dataset::default()
            .marker(VALIDATION_MARKER)
            .graph_type(GraphType::Scatter)
            .style(style)
            .data(&chart.validation),
    );
    if let Some(cv) = &chart.cv {
        datasets.push(line(&cv.mean, style));
    }
    datasets.push(line(&cursor, theme.cursor));
    let x_bounds = [chart.xs[0], chart.xs[chart.xs.len() - 1]];
    let widget = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .title(Span::styled("log10 λ", theme.dim))
                .style(theme.axis)
                .bounds(x_bounds)
                .labels(x_labels(&chart.x_labels, big)),
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
