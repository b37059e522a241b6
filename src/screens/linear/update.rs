//! What the linear screen's actions do: each changes the settings (then the lab is configured with
//! them) or the view, or says in the status line why it cannot. Nothing here draws or trains.

use super::keys::Action;
use super::model::{ModelId, MODELS};
use super::settings::{L1_RATIO_STEP, MAX_NOISE_STEPS};
use super::source::{NOISE_STEP, RHO_MAX, RHO_STEP};
use super::view::{NextZero, Panel, PathView, Stage, View};
use super::Screen;
use crate::screens::Outcome;
use crate::ui::format::short;

/// Applies `action` to the linear screen.
pub fn update(screen: &mut Screen, action: Action) -> Outcome {
    if action != Action::NextZero {
        forget_next_zero(&mut screen.view, action);
    }
    match action {
        Action::NextZero => next_zero(screen),
        Action::MoveLambda(step) => move_positions(screen, |position, _| position as i64 + step as i64),
        Action::LambdaMax => move_positions(screen, |_, _| 0),
        Action::SmallestLambda => move_positions(screen, |_, len| len as i64 - 1),
        Action::LambdaCvMin | Action::LambdaCv1se => cv_lambda(screen, action == Action::LambdaCvMin),
        Action::CyclePath => {
            screen.view.path_model = match screen.view.path_model {
                ModelId::Lasso => ModelId::ElasticNet,
                ModelId::ElasticNet => ModelId::Ridge,
                _ => ModelId::Lasso,
            };
            Outcome::NONE
        }
        Action::MoveL1Ratio(step) => {
            let current = screen.settings.l1_ratio;
            let ratio = round2((current + step as f64 * L1_RATIO_STEP).clamp(0.0, 1.0));
            if ratio == current {
                return Outcome::NONE;
            }
            screen.settings.l1_ratio = ratio;
            Outcome::CONFIGURE
        }
        Action::Reseed => {
            screen.settings.knobs.seed = screen.settings.knobs.seed.wrapping_add(1);
            Outcome::CONFIGURE
        }
        Action::Noise(step) => noise(screen, step),
        Action::Correlation(step) => correlation(screen, step),
        Action::CycleLossView => {
            screen.view.loss_view = screen.view.loss_view.next();
            Outcome::NONE
        }
        Action::NextPanel | Action::PreviousPanel => {
            // Hidden panels (presenter view, `x`) are skipped.
            let step = if action == Action::NextPanel { 1 } else { -1 };
            let view = &mut screen.view;
            view.panel = crate::ui::panels::step_focus(&Panel::ALL, &view.hidden, view.panel, step);
            Outcome::NONE
        }
        Action::ScrollWeights(step) => {
            screen.view.move_weights_focus(step);
            Outcome::NONE
        }
        Action::OrderWeights => {
            screen.view.weights_order = screen.view.weights_order.next();
            Outcome::NONE
        }
    }
}

/// `v` to two decimals, so that steps of 0.05 or 0.1 add up to the values shown.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Each penalized model at its own lambda_min (`min`) or lambda_1se, once its cross-validation is
/// there (a model without one stays where it is, and the note says which).
fn cv_lambda(screen: &mut Screen, min: bool) -> Outcome {
    let Some(data) = screen.view.data.as_ref() else {
        return Outcome::NONE;
    };
    let mut positions = screen.settings.positions;
    let mut missing = Vec::new();
    // Right after a new l1-ratio the elastic net's CV may still be the old ratio's, until its new grid
    // arrives: that one's positions would be on the wrong grid.
    let l1_ratio = screen.settings.l1_ratio;
    let current = |model: ModelId| model != ModelId::ElasticNet || data.paths[model as usize].l1_ratio == l1_ratio;
    for model in MODELS.iter().skip(1) {
        match data.paths[*model as usize].cv.as_ref().filter(|_| current(*model)) {
            Some(cv) => positions[*model as usize] = if min { cv.i_min } else { cv.i_1se },
            None => missing.push(model.short()),
        }
    }
    let changed = positions != screen.settings.positions;
    screen.settings.positions = positions;
    let outcome = if changed { Outcome::CONFIGURE } else { Outcome::NONE };
    if missing.is_empty() {
        return outcome;
    }
    let all_done = MODELS
        .iter()
        .skip(1)
        .all(|m| data.paths[*m as usize].stage == Stage::Done && current(*m));
    let why = if all_done {
        "no cross-validation (too few training rows)"
    } else {
        "cross-validation not ready yet"
    };
    Outcome {
        message: Some(format!("{}: {why}", missing.join(", "))),
        ..outcome
    }
}

fn noise(screen: &mut Screen, step: i32) -> Outcome {
    if !screen.view.synthetic {
        return Outcome::note("noise is fixed for real data (n/N change synthetic scenarios)");
    }
    let knobs = &mut screen.settings.knobs;
    let steps = (knobs.noise_steps + step).clamp(-MAX_NOISE_STEPS, MAX_NOISE_STEPS);
    if steps == knobs.noise_steps {
        return Outcome::note(format!("noise is at its limit (x{:.2})", NOISE_STEP.powi(steps)));
    }
    knobs.noise_steps = steps;
    Outcome::CONFIGURE
}

fn correlation(screen: &mut Screen, step: i32) -> Outcome {
    let scenario_rho = screen.view.data.as_ref().and_then(|d| d.rho);
    let current = screen.settings.knobs.rho.or(scenario_rho);
    let Some(current) = current.filter(|_| screen.view.synthetic) else {
        return Outcome::note("correlation is fixed for real data (c/C change synthetic scenarios)");
    };
    let rho = round2((current + step as f64 * RHO_STEP).clamp(0.0, RHO_MAX));
    if rho == current {
        return Outcome::note(format!("correlation is at its limit ({rho:.2})"));
    }
    screen.settings.knobs.rho = Some(rho);
    Outcome::CONFIGURE
}

/// Moves every penalized model to `target(position, grid length)` on its own grid (clamped): the
/// "strength" control moves all three in step, the same number of grid steps each.
fn move_positions(screen: &mut Screen, target: impl Fn(usize, usize) -> i64) -> Outcome {
    let Some(data) = screen.view.data.as_ref() else {
        return Outcome::NONE;
    };
    let mut positions = screen.settings.positions;
    for model in MODELS.iter().skip(1) {
        let m = *model as usize;
        let len = data.paths[m].lambdas.len();
        if len > 0 {
            positions[m] = target(positions[m], len).clamp(0, len as i64 - 1) as usize;
        }
    }
    if positions == screen.settings.positions {
        return Outcome::NONE;
    }
    screen.settings.positions = positions;
    Outcome::CONFIGURE
}

/// Any other key cancels the "which weight dies next?" question; the answer stays up through keys
/// that only change what is shown (so the room can scroll to it, or look at another panel), and goes
/// with any change of setting, after which it would no longer describe the screen.
fn forget_next_zero(view: &mut View, action: Action) {
    let only_view = matches!(
        action,
        Action::CyclePath
            | Action::CycleLossView
            | Action::ScrollWeights(_)
            | Action::OrderWeights
            | Action::NextPanel
            | Action::PreviousPanel
    );
    if matches!(view.next_zero, NextZero::Asked { .. }) || !only_view {
        view.next_zero = NextZero::Idle;
    }
}

/// The lasso's exact path once it and its cross-validation are in (both come from background
/// threads), or why not.
fn finished_lasso_path(view: &View) -> Result<&PathView, &'static str> {
    const COMPUTING: &str = "path still computing: w works once the lasso's exact path and its CV are in";
    let lasso = &view.data.as_ref().ok_or(COMPUTING)?.paths[ModelId::Lasso as usize];
    match (lasso.stage, lasso.path.as_deref()) {
        (Stage::Done, Some(path)) => Ok(path),
        (Stage::Done, None) => Err("there is no exact lasso path for this data to play with"),
        _ => Err(COMPUTING),
    }
}

/// `w`, the classroom game: the first press asks which of the lasso's nonzero weights reaches zero
/// next; the second (at the same position) answers from the lasso's *exact* path, the trained lasso
/// being an estimate that settles onto it.
fn next_zero(screen: &mut Screen) -> Outcome {
    let from = screen.settings.positions[ModelId::Lasso as usize];
    let asked = std::mem::take(&mut screen.view.next_zero);
    let (alive, next) = match finished_lasso_path(&screen.view) {
        Ok(path) => (path.support(from), path.next_to_die(from)),
        Err(why) => return Outcome::note(why),
    };
    if alive.is_empty() {
        let here = screen
            .lambda(ModelId::Lasso)
            .map_or(String::new(), |l| format!(" at λ {}", short(l)));
        return Outcome::note(format!(
            "nothing is left to die: every lasso weight is already 0{here} ({} weakens)",
            super::keys::hint(Action::MoveLambda(1))
        ));
    }
    match (asked, next) {
        (NextZero::Asked { position, .. }, Some((to, died))) if position == from => reveal(screen, from, to, died),
        (NextZero::Asked { position, .. }, None) if position == from => {
            Outcome::note("no lasso weight reaches 0 further up this grid")
        }
        _ => {
            screen.view.next_zero = NextZero::Asked {
                position: from,
                candidates: alive,
            };
            Outcome::NONE
        }
    }
}

/// The answer: every penalized model moves up its grid by the steps that take the lasso from `from`
/// to `to`, as the arrows move them (so the screen stays a fair comparison); the lasso retrains and
/// settles there. `died` are named, and the first of them gets the weights panel's focus so its row
/// is in view with its numbers under the header.
fn reveal(screen: &mut Screen, from: usize, to: usize, died: Vec<usize>) -> Outcome {
    let step = to as i64 - from as i64;
    let outcome = move_positions(screen, |position, _| position as i64 + step);
    let view = &mut screen.view;
    let Some(data) = view.data.as_deref() else {
        return outcome;
    };
    let lambda = data.paths[ModelId::Lasso as usize].lambdas[to];
    // The rows in the order the lasso will have once settled: its weights are the exact path's there
    // (same zeros), so a row ordered by |lasso weight| lands where the frame will draw it.
    let settled = data.paths[ModelId::Lasso as usize]
        .path
        .as_ref()
        .map_or(Vec::new(), |p| p.coefs[to].clone());
    let order = super::draw::weights::row_order(data, &settled, view.weights_order);
    if let Some(row) = died.first().and_then(|first| order.iter().position(|j| j == first)) {
        view.weights_focus = row;
        view.move_weights_focus(0);
    }
    view.next_zero = NextZero::Revealed {
        from,
        position: to,
        lambda,
        features: died,
    };
    outcome
}
