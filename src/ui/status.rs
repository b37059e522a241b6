//! The status lines: lambda, mix, epoch, data, and per model the nonzeros, errors and support scores.
//! Two lines at full size; three shorter ones in a narrow terminal.

use super::format::short;
use super::theme::Theme;
use crate::app::State;
use crate::engine::source::NOISE_STEP;
use crate::engine::MODELS;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let wide = area.width >= super::FULL_SIZE.0;
    let mut training = Vec::new();
    if let Some(message) = &state.message {
        training.push(Span::styled(format!(" {message} "), theme.warning));
        training.push(Span::raw(" "));
    }
    match state.lambda() {
        Some(lambda) => {
            let grid = state.data.as_ref().map_or(0, |d| d.lambdas.len());
            training.push(Span::styled(format!("λ {} ", short(lambda)), theme.cursor));
            training.push(Span::styled(
                format!("(log10 {:.2}, {}/{grid}) ", lambda.log10(), state.lambda_index + 1),
                theme.dim,
            ));
        }
        None => training.push(Span::styled("λ … ", theme.dim)),
    }
    training.push(Span::raw(format!("l1-ratio {:.2} epoch {} ", state.mix, state.epoch())));
    training.push(if state.paused {
        Span::styled(" paused ", theme.warning)
    } else {
        Span::styled("running", theme.key)
    });
    training.push(Span::styled(" ? help ", theme.key));

    let mut data = vec![Span::raw(format!("{} seed {}", state.source_name, state.knobs.seed))];
    if let Some(view) = &state.data {
        if wide {
            data.push(Span::styled(
                format!(" n {}+{} p {}", view.n_train, view.n_val, view.feature_names.len()),
                theme.dim,
            ));
        }
        if let Some(sigma) = view.sigma {
            let factor = NOISE_STEP.powi(state.knobs.noise_steps);
            let scaled = if state.knobs.noise_steps == 0 {
                String::new()
            } else {
                format!(" (×{factor:.2})")
            };
            data.push(Span::styled(format!(" σ {}{scaled}", short(sigma)), theme.dim));
        }
        if let Some(rho) = view.rho {
            data.push(Span::styled(format!(" ρ {rho:.2}"), theme.dim));
        }
    }

    let mut models = Vec::new();
    let mut scores = Vec::new();
    for (m, id) in MODELS.iter().enumerate() {
        let model = &state.models[m];
        let (train, val) = model.history.last().map_or((f64::NAN, f64::NAN), |s| s.mse());
        models.push(Span::styled(id.short(), theme.model[m]));
        let mut text = format!(" {} {}/{}", state.nonzeros(m), short(train), short(val));
        if let Some((precision, recall)) = state.support_scores(m).filter(|_| m >= 2) {
            let score = format!(" P{precision:.2} R{recall:.2}");
            if wide {
                text += &score;
            } else {
                scores.push(Span::styled(id.short(), theme.model[m]));
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
