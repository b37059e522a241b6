//! One penalized model's exact path (`p` cycles lasso, elastic net, ridge): its coefficients against
//! lambda (shrinking to the right, as on the linear screen), the true support in the model's colour
//! and the rest dim, the cursor at the model's lambda; below, its K-fold cross-validated deviance or
//! misclassification error (`c`) as mean ± se (lines), the validation rows' own (dots), and lambda_min
//! `m` and lambda_1se `1` marked. A path that stopped early (separable classes) says so.

use super::Look;
use crate::screens::classification::keys::{hint, Action};
use crate::screens::classification::view::{CvCurve, CvMeasure, PathView};
use crate::screens::classification::{ModelId, Screen};
use crate::ui::curves::{cell_of, graph_area, line};
use crate::ui::format::short;
use crate::ui::theme::{Theme, VALIDATION_MARKER, VALIDATION_SYMBOL};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};
use ratatui::Frame;

/// The x of a lambda: `-log10 lambda`, so lambda shrinks to the right.
fn x_of(lambda: f64) -> f64 {
    -lambda.log10()
}

fn long_name(model: ModelId) -> &'static str {
    match model {
        ModelId::Lasso => "Lasso",
        ModelId::ElasticNet => "Elastic net",
        ModelId::Ridge => "Ridge",
        ModelId::Unregularized => "Unregularized",
    }
}

pub fn render(frame: &mut Frame, area: Rect, screen: &Screen, block: Block, look: &Look) {
    let (view, theme) = (&screen.view, look.theme);
    let model = view.path_model;
    let m = model as usize;
    let mut title = vec![Span::styled(format!(" {} path ", long_name(model)), theme.title)];
    if !look.big {
        title.push(Span::styled(
            format!("exact; λ shrinks → ({} next) ", hint(Action::CyclePath)),
            theme.dim,
        ));
    }
    let block = block.title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(path), grid) = (view.data.paths[m].as_ref(), &view.data.grids[m]) else {
        return;
    };
    if path.coefs.is_empty() || inner.height < 6 {
        let why = match (&path.cv, path.coefs.is_empty()) {
            (Err(e), true) => e.as_str(),
            _ if inner.height < 6 => "too small to draw the path: z zooms this panel",
            _ => "no path",
        };
        frame.render_widget(Paragraph::new(why.to_string()).style(theme.warning), inner);
        return;
    }
    let index = screen.settings.positions[m].min(grid.len() - 1);
    let axis = LambdaAxis {
        grid,
        index,
        xs: [x_of(grid[0]), x_of(grid[grid.len() - 1])],
    };
    let [notes, coefs, legend, errors] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(55),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let style = theme.series(model.series());
    frame.render_widget(Paragraph::new(note(path, grid, index, theme, notes.width)), notes);
    render_coefficients(frame, coefs, &view.data.truth, path, &axis, style, theme);
    frame.render_widget(
        Paragraph::new(error_legend(path, view.cv_measure, style, theme, legend.width)),
        legend,
    );
    render_errors(frame, errors, view.cv_measure, path, &axis, style, look);
}

/// The lambda axis both charts share: the model's grid, the cursor's place on it, the x bounds.
struct LambdaAxis<'a> {
    grid: &'a [f64],
    index: usize,
    xs: [f64; 2],
}

/// What the cursor's lambda has, and where the path stopped if it did.
/// What the cursor's lambda has, and where the path stopped if it did: the longest form that fits in
/// `width` cells.
fn note(path: &PathView, grid: &[f64], index: usize, theme: &Theme, width: u16) -> Line<'static> {
    let here = |long: bool| match path.coefs.get(index) {
        Some(w) => Span::raw(format!(
            "λ {}: {}/{} {}, val {:.0}%",
            short(grid[index]),
            w.iter().filter(|v| **v != 0.0).count(),
            w.len(),
            if long { "nonzero" } else { "nz" },
            100.0 * path.val_accuracy[index],
        )),
        None => Span::styled(
            format!("λ {} is past the path's end", short(grid[index])),
            theme.warning,
        ),
    };
    let end = short(grid[path.coefs.len().saturating_sub(1)]);
    let ends = |text: String| Span::styled(text, theme.warning);
    let candidates = if path.stopped_early {
        vec![
            Line::from(vec![here(true), ends(format!(" │ path ends at λ {end}: separable"))]),
            Line::from(vec![here(false), ends(format!(" │ ends λ {end}: separable"))]),
            Line::from(vec![here(false), ends(" │ separable".into())]),
        ]
    } else {
        vec![Line::from(here(true)), Line::from(here(false))]
    };
    longest_fitting(candidates, width)
}

/// The first of `candidates` (longest first) that fits in `width` cells, else the last.
fn longest_fitting(candidates: Vec<Line<'static>>, width: u16) -> Line<'static> {
    let last = candidates.len().saturating_sub(1);
    candidates
        .into_iter()
        .enumerate()
        .find(|(i, line)| line.width() <= width as usize || *i == last)
        .map(|(_, line)| line)
        .unwrap_or_default()
}

fn render_coefficients(
    frame: &mut Frame,
    area: Rect,
    truth: &[f64],
    path: &PathView,
    axis: &LambdaAxis,
    style: Style,
    theme: &Theme,
) {
    let (grid, index, x_bounds) = (axis.grid, axis.index, axis.xs);
    let p = truth.len();
    let curves: Vec<(usize, Vec<(f64, f64)>)> = (0..p)
        .map(|j| (j, path.coefs.iter().zip(grid).map(|(w, &l)| (x_of(l), w[j])).collect()))
        .collect();
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for (_, points) in &curves {
        for &(_, y) in points {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    if hi - lo < 1e-9 {
        (lo, hi) = (-1.0, 1.0);
    }
    let cursor = [(x_of(grid[index]), lo), (x_of(grid[index]), hi)];
    // The true support last, so it is drawn over the rest.
    let mut order: Vec<&(usize, Vec<(f64, f64)>)> = curves.iter().collect();
    order.sort_by_key(|(j, _)| truth[*j] != 0.0);
    let mut datasets: Vec<Dataset> = order
        .iter()
        .map(|(j, points)| line(points, if truth[*j] != 0.0 { style } else { theme.dim }))
        .collect();
    datasets.push(line(&cursor, theme.cursor));
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().style(theme.axis).bounds(x_bounds))
        .y_axis(
            Axis::default()
                .title(Span::styled("coefficients (true support bright)", theme.dim))
                .style(theme.axis)
                .bounds([lo, hi])
                .labels([short(lo), short(hi)]),
        );
    frame.render_widget(chart, area);
}

/// The error chart's legend, in the longest form that fits in `width` cells.
fn error_legend(path: &PathView, measure: CvMeasure, style: Style, theme: &Theme, width: u16) -> Line<'static> {
    let what = match measure {
        CvMeasure::Deviance => "deviance",
        CvMeasure::Error => "error",
    };
    let (min, one, other) = (
        hint(Action::LambdaCvMin),
        hint(Action::LambdaCv1se),
        hint(Action::CycleCvMeasure),
    );
    let line = |long: bool| {
        let mut spans = vec![
            Span::styled(
                format!("{what} ({other}{}): ", if long { " other" } else { "" }),
                theme.dim,
            ),
            Span::styled(
                format!("{VALIDATION_SYMBOL} {} ", if long { "validation" } else { "val" }),
                style,
            ),
        ];
        match &path.cv {
            Ok(_) if long => spans.extend([
                Span::styled(format!("⠤⠤ {}-fold CV ± se ", path.folds), style),
                Span::styled(format!("│ {min} λmin {one} λ1se"), theme.cv),
            ]),
            Ok(_) => spans.extend([
                Span::styled("⠤⠤ CV ± se ".to_string(), style),
                Span::styled(format!("│ {min} {one}"), theme.cv),
            ]),
            Err(why) => spans.push(Span::styled(format!("no CV: {why}"), theme.warning)),
        }
        Line::from(spans)
    };
    longest_fitting(vec![line(true), line(false)], width)
}

/// The validation rows' measure along the path: deviance `2 x log-loss` or error `1 - accuracy`.
fn validation(path: &PathView, grid: &[f64], measure: CvMeasure) -> Vec<(f64, f64)> {
    let values: Vec<f64> = match measure {
        CvMeasure::Deviance => path.val_loss.iter().map(|l| 2.0 * l).collect(),
        CvMeasure::Error => path.val_accuracy.iter().map(|a| 1.0 - a).collect(),
    };
    values.iter().zip(grid).map(|(&v, &l)| (x_of(l), v)).collect()
}

fn render_errors(
    frame: &mut Frame,
    area: Rect,
    measure: CvMeasure,
    path: &PathView,
    axis: &LambdaAxis,
    style: Style,
    look: &Look,
) {
    let theme = look.theme;
    let (grid, index, x_bounds) = (axis.grid, axis.index, axis.xs);
    let val = validation(path, grid, measure);
    let curve = path.cv_curve(measure);
    let along = |f: &dyn Fn(usize) -> f64| -> Vec<(f64, f64)> {
        curve.map_or(Vec::new(), |c| {
            (0..c.mean.len()).map(|i| (x_of(grid[i]), f(i))).collect()
        })
    };
    let mean = along(&|i| curve.map_or(0.0, |c| c.mean[i]));
    let upper = along(&|i| curve.map_or(0.0, |c| c.mean[i] + c.se[i]));
    // Deviance and error are never negative: the band stops at 0.
    let lower = along(&|i| curve.map_or(0.0, |c| (c.mean[i] - c.se[i]).max(0.0)));
    let (lo, hi) = crate::ui::curves::y_bounds([&val, &upper, &lower]);
    // Deviance and error are never negative: no padding below 0.
    let lo = lo.max(0.0);
    let vertical = |i: usize| [(x_of(grid[i]), lo), (x_of(grid[i]), hi)];
    let cursor = vertical(index);
    let marks = curve.map(|c| (vertical(c.i_min), vertical(c.i_1se)));
    let mut datasets = vec![line(&upper, theme.dim), line(&lower, theme.dim)];
    if let Some((min_line, se_line)) = &marks {
        datasets.push(line(min_line, theme.cv));
        datasets.push(line(se_line, theme.cv));
    }
    datasets.push(
        Dataset::default()
            .marker(VALIDATION_MARKER)
            .graph_type(GraphType::Scatter)
            .style(style)
            .data(&val),
    );
    datasets.push(line(&mean, style));
    datasets.push(line(&cursor, theme.cursor));
    let labels = if look.big {
        vec![short(grid[0].log10()), short(grid[grid.len() - 1].log10())]
    } else {
        let middle = grid[grid.len() / 2].log10();
        vec![
            short(grid[0].log10()),
            short(middle),
            short(grid[grid.len() - 1].log10()),
        ]
    };
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .title(Span::styled("log10 λ", theme.dim))
                .style(theme.axis)
                .bounds(x_bounds)
                .labels(labels),
        )
        .y_axis(
            Axis::default()
                .style(theme.axis)
                .bounds([lo, hi])
                .labels([short(lo), short(hi)]),
        );
    frame.render_widget(chart, area);
    if let Some(curve) = curve {
        let first_label = grid[0].log10();
        let graph = graph_area(area, &[short(lo), short(hi)], &short(first_label));
        name_marks(frame.buffer_mut(), graph, [x_bounds, [lo, hi]], grid, curve, theme);
    }
}

/// `m` and `1` at the top of the lambda_min and lambda_1se lines, so each line says which it is (side
/// by side when they fall in one column).
fn name_marks(buf: &mut Buffer, graph: Rect, bounds: [[f64; 2]; 2], grid: &[f64], curve: &CvCurve, theme: &Theme) {
    let column = |i: usize| cell_of(graph, bounds[0], bounds[1], (x_of(grid[i]), bounds[1][1])).map(|c| c.0);
    let (Some(min), Some(one)) = (column(curve.i_min), column(curve.i_1se)) else {
        return;
    };
    let one = if one == min { min + 1 } else { one };
    for (column, glyph) in [(min, hint(Action::LambdaCvMin)), (one, hint(Action::LambdaCv1se))] {
        if column < graph.right() {
            buf.set_string(column, graph.y, glyph, theme.cv);
        }
    }
}
