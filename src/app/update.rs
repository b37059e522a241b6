//! The whole update logic: an action changes the state and yields the commands the engine must run.
//! Nothing here draws or touches a terminal, so every behaviour is testable with plain values.

use super::{Action, Panel, State};
use crate::engine::source::{NOISE_STEP, RHO_MAX, RHO_STEP};
use crate::engine::Command;

/// Mix changes in steps of this.
pub const MIX_STEP: f64 = 0.05;
/// Noise can be scaled by at most `NOISE_STEP^MAX_NOISE_STEPS` either way.
pub const MAX_NOISE_STEPS: i32 = 10;

/// Applies `action` to `state`; returns the commands for the engine.
pub fn update(state: &mut State, action: Action) -> Vec<Command> {
    state.message = None;
    if state.help && matches!(action, Action::ToggleHelp | Action::Quit) {
        state.help = false;
        return Vec::new();
    }
    let grid_len = state.data.as_ref().map_or(0, |d| d.lambdas.len());
    match action {
        Action::MoveLambda(step) => set_lambda(state, state.lambda_index as i64 + step as i64, grid_len),
        Action::LambdaMax => set_lambda(state, 0, grid_len),
        Action::LambdaMin => set_lambda(state, grid_len as i64 - 1, grid_len),
        Action::LambdaCvMin | Action::LambdaCv1se => {
            match state
                .data
                .as_ref()
                .and_then(|d| d.cv.as_ref())
                .map(|cv| (cv.i_min, cv.i_1se))
            {
                Some((i_min, i_1se)) => {
                    let target = if action == Action::LambdaCvMin { i_min } else { i_1se };
                    set_lambda(state, target as i64, grid_len)
                }
                None => {
                    state.message = Some("no cross-validation: too few training rows".into());
                    Vec::new()
                }
            }
        }
        Action::MoveMix(step) => {
            let mix = ((state.mix + step as f64 * MIX_STEP).clamp(0.0, 1.0) * 100.0).round() / 100.0;
            if mix == state.mix {
                return Vec::new();
            }
            state.mix = mix;
            vec![Command::SetMix(mix)]
        }
        Action::TogglePause => {
            state.paused = !state.paused;
            vec![Command::SetPaused(state.paused)]
        }
        Action::Step => vec![Command::Step],
        Action::Reseed => {
            state.knobs.seed = state.knobs.seed.wrapping_add(1);
            vec![Command::Regenerate(state.knobs.clone())]
        }
        Action::Noise(step) => {
            if !state.synthetic {
                state.message = Some("noise is fixed for real data (n/N change synthetic scenarios)".into());
                return Vec::new();
            }
            let steps = (state.knobs.noise_steps + step).clamp(-MAX_NOISE_STEPS, MAX_NOISE_STEPS);
            if steps == state.knobs.noise_steps {
                state.message = Some(format!("noise is at its limit (x{:.2})", NOISE_STEP.powi(steps)));
                return Vec::new();
            }
            state.knobs.noise_steps = steps;
            vec![Command::Regenerate(state.knobs.clone())]
        }
        Action::Correlation(step) => {
            let current = state.knobs.rho.or_else(|| state.data.as_ref().and_then(|d| d.rho));
            let Some(current) = current.filter(|_| state.synthetic) else {
                state.message = Some("correlation is fixed for real data (c/C change synthetic scenarios)".into());
                return Vec::new();
            };
            let rho = ((current + step as f64 * RHO_STEP).clamp(0.0, RHO_MAX) * 100.0).round() / 100.0;
            if rho == current {
                state.message = Some(format!("correlation is at its limit ({rho:.2})"));
                return Vec::new();
            }
            state.knobs.rho = Some(rho);
            vec![Command::Regenerate(state.knobs.clone())]
        }
        Action::CycleLossView => {
            state.loss_view = state.loss_view.next();
            Vec::new()
        }
        Action::NextPanel | Action::PreviousPanel => {
            let i = Panel::ALL.iter().position(|&p| p == state.panel).unwrap_or(0);
            let step = if action == Action::NextPanel {
                1
            } else {
                Panel::ALL.len() - 1
            };
            state.panel = Panel::ALL[(i + step) % Panel::ALL.len()];
            Vec::new()
        }
        Action::ScrollWeights(step) => {
            let p = state.data.as_ref().map_or(0, |d| d.feature_names.len());
            state.weights_scroll =
                (state.weights_scroll as i64 + step as i64).clamp(0, p.saturating_sub(1) as i64) as usize;
            Vec::new()
        }
        Action::ToggleHelp => {
            state.help = !state.help;
            Vec::new()
        }
        Action::Quit => {
            state.quit = true;
            Vec::new()
        }
    }
}

fn set_lambda(state: &mut State, target: i64, grid_len: usize) -> Vec<Command> {
    if grid_len == 0 {
        return Vec::new();
    }
    let index = target.clamp(0, grid_len as i64 - 1) as usize;
    if index == state.lambda_index {
        return Vec::new();
    }
    state.lambda_index = index;
    vec![Command::SetLambdaIndex(index)]
}
