//! The status lines: the strength, the L1 share, the epoch and whether anything still trains, the
//! data, and per model its lambda, nonzeros, training and validation accuracy, the weights' norm and
//! whether it converged, or stopped at the epoch limit with its weights still growing (separable
//! classes have no unregularized minimizer). Packed onto as many lines as the width needs, never cut.

use crate::screens::classification::settings::{GRID_SIZE, MAX_SETTLE_EPOCHS};
use crate::screens::classification::view::{support_scores, ModelState};
use crate::screens::classification::{ModelId, Screen, MODELS};
use crate::ui::format::{pack, short};
use crate::ui::theme::Theme;
use crate::ui::Chrome;
use ratatui::text::{Line, Span};

type Chunk = Vec<Span<'static>>;

/// The status as lines of at most `width` cells.
pub fn lines(screen: &Screen, chrome: &Chrome, width: u16) -> Vec<Line<'static>> {
    let theme = chrome.theme;
    let mut first = training_chunks(screen, chrome);
    first.push(data_chunk(screen, theme));
    let mut lines = pack(first, width);
    let compact = width < crate::ui::FULL_SIZE.0;
    let models: Vec<Chunk> = MODELS
        .iter()
        .map(|&id| model_chunk(screen, id, compact, theme))
        .collect();
    lines.extend(pack(models, width));
    lines
}

fn training_chunks(screen: &Screen, chrome: &Chrome) -> Vec<Chunk> {
    let theme = chrome.theme;
    let view = &screen.view;
    let mut chunks = Vec::new();
    if let Some(message) = chrome.message {
        chunks.push(vec![Span::styled(format!(" {message} "), theme.warning)]);
    }
    let position = screen.settings.positions[ModelId::Lasso as usize];
    chunks.push(vec![Span::styled(
        format!("strength {}/{GRID_SIZE}", GRID_SIZE - position),
        theme.cursor,
    )]);
    chunks.push(vec![Span::raw(format!(
        "l1-ratio {:.2} epoch {}",
        screen.settings.l1_ratio,
        view.epoch()
    ))]);
    chunks.push(chrome.settle_state(view.models.iter().any(|m| m.training())));
    chunks
}

fn data_chunk(screen: &Screen, theme: &Theme) -> Chunk {
    let data = &screen.view.data;
    vec![
        Span::raw(format!("│ {} seed {}", data.preset.name(), data.seed)),
        Span::styled(
            format!(
                " n {}+{} p {} ones {:.0}%",
                data.n_train,
                data.n_val,
                data.feature_names.len(),
                100.0 * data.share_of_ones
            ),
            theme.dim,
        ),
    ]
}

fn percent(v: f64) -> String {
    if v.is_finite() {
        format!("{:.0}", 100.0 * v)
    } else {
        "-".into()
    }
}

/// One model: its name in its colour, lambda, nonzeros, accuracy train/val, |w|, support scores for
/// the models that select one, and its state: ✓ converged (at epoch), … training, ↑ stopped at the
/// limit with its weights still growing, or not converged.
fn model_chunk(screen: &Screen, id: ModelId, compact: bool, theme: &Theme) -> Chunk {
    let view = &screen.view;
    let model = &view.models[id as usize];
    let mut chunk = vec![Span::styled(
        id.short(),
        theme.series(id.series()).add_modifier(theme.title.add_modifier),
    )];
    if let Some(lambda) = screen.lambda(id) {
        chunk.push(Span::raw(format!(" λ {}", short(lambda))));
    }
    let (train, val, norm) = model.last().map_or((f64::NAN, f64::NAN, f64::NAN), |e| {
        (e.train_accuracy, e.val_accuracy, e.weight_norm)
    });
    let nonzeros = model.nonzeros();
    chunk.push(Span::raw(if compact {
        format!(" {nonzeros}nz {}/{}%", percent(train), percent(val))
    } else {
        format!(
            " {nonzeros}/{} nz acc {}/{}% |w| {}",
            model.weights.len(),
            percent(train),
            percent(val),
            short(norm)
        )
    }));
    if let Some((precision, recall)) = support_scores(&model.weights, &view.data.truth).filter(|_| id.selects_support())
    {
        chunk.push(Span::raw(format!(" P{precision:.2} R{recall:.2}")));
    }
    chunk.push(state_span(model, compact, theme));
    chunk
}

fn state_span(model: &ModelState, compact: bool, theme: &Theme) -> Span<'static> {
    if model.diverged {
        return Span::styled(" DIVERGED", theme.warning);
    }
    if let Some(epoch) = model.converged_at {
        return Span::styled(if compact { " ✓".into() } else { format!(" ✓{epoch}") }, theme.text);
    }
    if model.training() {
        return Span::styled(" …", theme.dim);
    }
    match (model.no_minimizer(), compact) {
        (true, true) => Span::styled(" ↑|w|", theme.warning),
        (true, false) => Span::styled(" ↑ |w| still growing: no minimizer", theme.warning),
        (false, true) => Span::styled(" limit", theme.warning),
        (false, false) => Span::styled(format!(" not converged in {MAX_SETTLE_EPOCHS} epochs"), theme.warning),
    }
}
