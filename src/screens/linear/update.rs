//! What the linear screen's actions do: each changes the settings (then the lab is configured with
//! them) or the view, or says in the status line why it cannot. Nothing here draws or trains.

use super::keys::Action;
use super::settings::{L1_RATIO_STEP, MAX_NOISE_STEPS};
use super::source::{NOISE_STEP, RHO_MAX, RHO_STEP};
use super::model::{ModelId, MODELS};
use super::view::{Panel, Stage};
use super::Screen;
use crate::screens::Outcome;

/// Applies `action` to the linear screen.
pub fn update(screen: &mut Screen, action: Action) -> Outcome {
    match action {
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
            let i = Panel::ALL.iter().position(|&p| p == screen.view.panel).unwrap_or(0);
            let step = if action == Action::NextPanel {
                1
            } else {
                Panel::ALL.len() - 1
            };
            screen.view.panel = Panel::ALL[(i + step) % Panel::ALL.len()];
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
