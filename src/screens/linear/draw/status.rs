//! The status lines: lambda, the L1 share, epoch, data, and per model the nonzeros, errors and
//! support scores. Two lines at full size; three shorter ones in a narrow terminal.

use crate::screens::linear::{Screen, MODELS};
use crate::ui::format::short;
use crate::ui::theme::Theme;
use crate::ui::{Chrome, FULL_SIZE};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, screen: &Screen, chrome: &Chrome) {
    let wide = area.width >= FULL_SIZE.0;
    let theme = chrome.theme;
    let mut training = training_spans(screen, chrome);
    let data = data_spans(screen, wide, theme);
    let (mut models, mut scores) = model_spans(screen, wide, theme);
    let lines = if wide {
        training.push(Span::raw(" "));
        training.extend(data);
        models.insert(0, Span::styled("nonzeros, train/val MSE: ", theme.dim));
        vec![Line::from(training), Line::from(models)]
    } else {
        scores.push(Span::styled("│ ", theme.dim));
        scores.extend(data);
        vec![Line::from(training), Line::from(models), Line::from(scores)]
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// The message, lambda, the L1 share, the epoch and whether training runs.
fn training_spans(screen: &Screen, chrome: &Chrome) -> Vec<Span<'static>> {
    let theme = chrome.theme;
    let mut training = Vec::new();
    if let Some(message) = chrome.message {
        training.push(Span::styled(format!(" {message} "), theme.warning));
        training.push(Span::raw(" "));
    }
    match screen.lambda() {
        Some(lambda) => {
            let grid = screen.view.data.as_ref().map_or(0, |d| d.lambdas.len());
            training.push(Span::styled(format!("λ {} ", short(lambda)), theme.cursor));
            training.push(Span::styled(
                format!(
                    "(log10 {:.2}, {}/{grid}) ",
                    lambda.log10(),
                    screen.settings.lambda_index + 1
                ),
                theme.dim,
            ));
        }
        None => training.push(Span::styled("λ … ", theme.dim)),
    }
    training.push(Span::raw(format!(
        "l1-ratio {:.2} epoch {} ",
        screen.settings.l1_ratio,
        screen.view.epoch()
    )));
    training.extend(chrome.run_state());
    training
}

/// The data: source, seed, sizes, noise and correlation.
fn data_spans(screen: &Screen, wide: bool, theme: &Theme) -> Vec<Span<'static>> {
    let view = &screen.view;
    let seed = screen.settings.knobs.seed;
    let mut data = vec![Span::raw(format!("{} seed {seed}", view.source_name))];
    if let Some(data_view) = &view.data {
        if wide {
            data.push(Span::styled(
                format!(
                    " n {}+{} p {}",
                    data_view.n_train,
                    data_view.n_val,
                    data_view.feature_names.len()
                ),
                theme.dim,
            ));
        }
        if let Some(sigma) = data_view.sigma {
            let scaled = data_view
                .noise_factor
                .map_or(String::new(), |factor| format!(" (×{factor:.2})"));
            data.push(Span::styled(format!(" σ {}{scaled}", short(sigma)), theme.dim));
        }
        if let Some(rho) = data_view.rho {
            data.push(Span::styled(format!(" ρ {rho:.2}"), theme.dim));
        }
    }
    data
}

/// Per model: nonzeros, train/validation MSE, and (for models that select a support) its precision
/// and recall, beside the rest when wide, on a line of their own when narrow.
fn model_spans(screen: &Screen, wide: bool, theme: &Theme) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let view = &screen.view;
    let mut models = Vec::new();
    let mut scores = Vec::new();
    for (m, id) in MODELS.iter().enumerate() {
        let model = &view.models[m];
        let (train, val) = model.history.last().map_or((f64::NAN, f64::NAN), |s| s.mse());
        models.push(Span::styled(id.short(), theme.series(id.series())));
        let mut text = format!(" {} {}/{}", view.nonzeros(m), short(train), short(val));
        if let Some((precision, recall)) = view.support_scores(m).filter(|_| id.selects_support()) {
            let score = format!(" P{precision:.2} R{recall:.2}");
            if wide {
                text += &score;
            } else {
                scores.push(Span::styled(id.short(), theme.series(id.series())));
                scores.push(Span::raw(score + " "));
            }
        }
        if model.diverged {
            text += " DIVERGED";
        }
        models.push(Span::raw(text));
        if m + 1 < MODELS.len() {
            models.push(Span::styled(" │ ", theme.dim));
        }
    }
    (models, scores)
}
