//! What the linear screen's actions do: each changes the settings (then the lab is configured with
//! them) or the view, or says in the status line why it cannot. Nothing here draws or trains.

use super::keys::Action;
use super::settings::{L1_RATIO_STEP, MAX_NOISE_STEPS};
use super::source::{NOISE_STEP, RHO_MAX, RHO_STEP};
use super::view::{Panel, Stage};
use super::Screen;
use crate::screens::Outcome;

/// Applies `action` to the linear screen.
pub fn update(screen: &mut Screen, action: Action) -> Outcome {
    let grid_len = screen.view.data.as_ref().map_or(0, |d| d.lambdas.len());
    let index = screen.settings.lambda_index as i64;
    match action {
        Action::MoveLambda(step) => set_lambda(screen, index + step as i64, grid_len),
        Action::LambdaMax => set_lambda(screen, 0, grid_len),
        Action::SmallestLambda => set_lambda(screen, grid_len as i64 - 1, grid_len),
        Action::LambdaCvMin | Action::LambdaCv1se => cv_lambda(screen, action == Action::LambdaCvMin, grid_len),
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
            // From the offset actually shown (a resize may have left it past the end), so every press moves.
            let view = &mut screen.view;
            let last = view.max_weights_scroll();
            let shown = view.weights_scroll.min(last);
            view.weights_scroll = (shown as i64 + step as i64).clamp(0, last as i64) as usize;
            Outcome::NONE
        }
    }
}

/// `v` to two decimals, so that steps of 0.05 or 0.1 add up to the values shown.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// lambda_min (`min`) or lambda_1se, once the cross-validation is there.
fn cv_lambda(screen: &mut Screen, min: bool, grid_len: usize) -> Outcome {
    let data = screen.view.data.as_ref();
    match data.and_then(|d| d.cv.as_ref()).map(|cv| (cv.i_min, cv.i_1se)) {
        Some((i_min, i_1se)) => set_lambda(screen, if min { i_min } else { i_1se } as i64, grid_len),
        None if data.is_some_and(|d| d.stage == Stage::Done) => {
            Outcome::note("no cross-validation: too few training rows")
        }
        None => Outcome::note("cross-validation not ready yet"),
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

fn set_lambda(screen: &mut Screen, target: i64, grid_len: usize) -> Outcome {
    if grid_len == 0 {
        return Outcome::NONE;
    }
    let index = target.clamp(0, grid_len as i64 - 1) as usize;
    if index == screen.settings.lambda_index {
        return Outcome::NONE;
    }
    screen.settings.lambda_index = index;
    Outcome::CONFIGURE
}
