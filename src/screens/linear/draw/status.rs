//! The status lines: the strength, the L1 share, the epoch and whether anything still trains, the
//! data, and per model its lambda, nonzeros, errors, support scores and whether it has converged. The
//! pieces are packed onto as many lines as the width needs, never cut: [`lines`] says how many.

use crate::screens::linear::keys::{hint, Action};
use crate::screens::linear::lab::MAX_SETTLE_EPOCHS;
use crate::screens::linear::view::{ModelState, NextZero, View};
use crate::screens::linear::{ModelId, Screen, MODELS};
use crate::ui::format::{pack, short};
use crate::ui::theme::Theme;
use crate::ui::Chrome;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// A piece of the status that is never split across lines.
type Chunk = Vec<Span<'static>>;

/// The status as lines of at most `width` cells.
pub fn lines(screen: &Screen, chrome: &Chrome, width: u16) -> Vec<Line<'static>> {
    let theme = chrome.theme;
    let mut first = training_chunks(screen, chrome);
    first.push(data_chunk(screen, theme));
    let mut lines = pack(first, width);
    // Narrower than full size, the models' parts are abbreviated so that two fit on a line.
    let compact = width < crate::ui::FULL_SIZE.0;
    let mut models: Vec<Chunk> = MODELS
        .iter()
        .map(|&id| model_chunk(screen, id, compact, theme))
        .collect();
    models.extend(early_stopping_chunk(screen, compact, theme));
    lines.extend(pack(models, width));
    lines
}

/// Early stopping is a regularizer too: when the unregularized model, stopped at its best validation
/// epoch, would beat every penalized model as it is now, say so plainly (and when it does not overfit
/// at all, that it wins as it is).
fn early_stopping_chunk(screen: &Screen, compact: bool, theme: &Theme) -> Option<Chunk> {
    let view = &screen.view;
    // Only once every penalized model rests: mid-way through retraining the comparison is not fair.
    if view.models[1..].iter().any(|m| still_training(m, view)) {
        return None;
    }
    let best = view.models[ModelId::Unregularized as usize].best_validation()?;
    let penalized = view.models[1..]
        .iter()
        .filter_map(|m| m.history.last().map(|l| l.mse().1))
        .fold(f64::INFINITY, f64::min);
    let best_mse = best.mse().1;
    // Where the unregularized model does not overfit (its validation error now within 1% of its
    // best), stopping it early changes nothing: then it is the unregularized model itself that wins.
    let now = view.models[ModelId::Unregularized as usize].history.last()?.mse().1;
    let overfits = now > best_mse * 1.01;
    (best_mse < penalized).then(|| {
        let (epoch, val) = (best.epoch, short(best_mse));
        let text = match (overfits, compact) {
            (true, true) => format!("│ none stopped at epoch {epoch} beats all: val {val}"),
            (true, false) => format!("│ none stopped early at epoch {epoch} (val {val}) beats every penalty"),
            (false, true) => format!("│ none beats all: val {val}"),
            (false, false) => format!("│ none, not overfitting, beats every penalty (val {val})"),
        };
        vec![Span::styled(text, theme.cursor)]
    })
}

/// The message, the strength, the L1 share, the epoch and what training is doing.
fn training_chunks(screen: &Screen, chrome: &Chrome) -> Vec<Chunk> {
    let theme = chrome.theme;
    let mut chunks = Vec::new();
    if let Some(message) = chrome.message {
        chunks.push(vec![Span::styled(format!(" {message} "), theme.warning)]);
    }
    chunks.extend(next_zero_chunk(screen, theme));
    let view = &screen.view;
    let grid = view
        .data
        .as_ref()
        .map_or(0, |d| d.paths[ModelId::Lasso as usize].lambdas.len());
    let position = screen.settings.positions[ModelId::Lasso as usize];
    chunks.push(vec![Span::styled(
        format!("strength {}/{grid}", grid.saturating_sub(position)),
        theme.cursor,
    )]);
    chunks.push(vec![Span::raw(format!(
        "l1-ratio {:.2} epoch {}",
        screen.settings.l1_ratio,
        view.epoch()
    ))]);
    chunks.push(chrome.settle_state(view.models.iter().any(|m| still_training(m, view))));
    chunks
}

/// The "which weight dies next?" question (with the key that reveals it) or its answer: which feature
/// reached exactly zero first, at which lambda, and how many grid steps the strength moved up for it.
fn next_zero_chunk(screen: &Screen, theme: &Theme) -> Option<Chunk> {
    let view = &screen.view;
    match &view.next_zero {
        NextZero::Idle => None,
        NextZero::Asked { candidates, .. } => Some(vec![
            Span::styled(
                format!(
                    " ? Which lasso weight reaches zero next? ({} candidates) ",
                    candidates.len()
                ),
                theme.cursor.add_modifier(Modifier::REVERSED),
            ),
            Span::raw(" "),
            Span::styled(hint(Action::NextZero), theme.key),
            Span::raw(" reveals"),
        ]),
        NextZero::Revealed {
            from,
            position,
            lambda,
            features,
        } => {
            let verb = if features.len() > 1 { "reach" } else { "reaches" };
            let steps = from.saturating_sub(*position);
            let text = format!(
                " † {} {verb} 0 first, at λ {}, {steps} step{} stronger ",
                view.feature_list(features),
                short(*lambda),
                if steps == 1 { "" } else { "s" }
            );
            Some(vec![Span::styled(text, theme.cursor.add_modifier(Modifier::REVERSED))])
        }
    }
}

/// Whether a model is still training: not converged, not diverged, and within the epoch limit, which
/// the lab restarts for every model at each change of setting (the last of `setting_changes`).
fn still_training(model: &ModelState, view: &View) -> bool {
    let last_change = view.setting_changes.last().copied().unwrap_or(0);
    model.converged_at.is_none() && !model.diverged && view.epoch() < last_change + MAX_SETTLE_EPOCHS
}

/// The data: source, seed, sizes, noise and correlation.
fn data_chunk(screen: &Screen, theme: &Theme) -> Chunk {
    let view = &screen.view;
    let seed = screen.settings.knobs.seed;
    let mut data = vec![Span::raw(format!("│ {} seed {seed}", view.source_name))];
    if let Some(data_view) = &view.data {
        data.push(Span::styled(
            format!(
                " n {}+{} p {}",
                data_view.n_train,
                data_view.n_val,
                data_view.feature_names.len()
            ),
            theme.dim,
        ));
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

/// One model: its name in its colour, its lambda, nonzeros, train/validation MSE, precision and recall
/// of its support (models that select one), and whether it converged (✓ and the epoch; `compact`: ✓
/// alone, and shorter labels).
fn model_chunk(screen: &Screen, id: ModelId, compact: bool, theme: &Theme) -> Chunk {
    let view = &screen.view;
    let m = id as usize;
    let model = &view.models[m];
    let (train, val) = model.history.last().map_or((f64::NAN, f64::NAN), |s| s.mse());
    let mut chunk = vec![Span::styled(
        id.short(),
        theme.series(id.series()).add_modifier(theme.title.add_modifier),
    )];
    if let Some(lambda) = screen.lambda(id) {
        chunk.push(Span::raw(format!(" λ {}", short(lambda))));
    }
    let p = model.weights.len();
    let nonzeros = view.nonzeros(m);
    chunk.push(Span::raw(if compact {
        format!(" {nonzeros}nz {}/{}", short(train), short(val))
    } else {
        format!(" {nonzeros}/{p} nz MSE {}/{}", short(train), short(val))
    }));
    if let Some((precision, recall)) = view.support_scores(m).filter(|_| id.selects_support()) {
        chunk.push(Span::raw(format!(" P{precision:.2} R{recall:.2}")));
    }
    let state = if model.diverged {
        Span::styled(" DIVERGED", theme.warning)
    } else if let Some(epoch) = model.converged_at {
        Span::styled(if compact { " ✓".into() } else { format!(" ✓{epoch}") }, theme.text)
    } else if still_training(model, view) {
        Span::styled(" …", theme.dim)
    } else {
        Span::styled(" not converged", theme.warning)
    };
    chunk.push(state);
    chunk
}
