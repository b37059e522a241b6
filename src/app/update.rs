//! The whole update logic: an action changes the state and yields the commands the engine must run.
//! Nothing here draws or touches a terminal, so every behaviour is testable with plain values.

use super::{Action, Panel, State};
use crate::data::nonlinear::Shape;
use crate::engine::source::{NOISE_STEP, RHO_MAX, RHO_STEP};
use crate::engine::{Command, Screen, Stage};

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
    if state.screen == Screen::Dropout {
        if let Some(commands) = update_lab(state, action) {
            return commands;
        }
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
                    let done = state.data.as_ref().is_some_and(|d| d.stage == Stage::Done);
                    state.message = Some(if done {
                        "no cross-validation: too few training rows".into()
                    } else {
                        "cross-validation not ready yet".into()
                    });
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
            // From the offset actually shown (a resize may have left it past the end), so every press moves.
            let last = state.max_weights_scroll();
            let shown = state.weights_scroll.min(last);
            state.weights_scroll = (shown as i64 + step as i64).clamp(0, last as i64) as usize;
            Vec::new()
        }
        Action::ToggleHelp => {
            state.help = !state.help;
            Vec::new()
        }
        Action::ToggleScreen => {
            state.screen = match state.screen {
                Screen::Linear => Screen::Dropout,
                Screen::Dropout => Screen::Linear,
            };
            vec![Command::SetScreen(state.screen)]
        }
        Action::NextShape => {
            state.message = Some("g changes the dropout screen's data (d switches to it)".into());
            Vec::new()
        }
        Action::Quit => {
            state.quit = true;
            Vec::new()
        }
    }
}

/// Dropout rate steps.
pub const DROPOUT_STEP: f64 = 0.05;
/// The largest dropout rate.
pub const DROPOUT_MAX: f64 = 0.9;
/// Weight decay moves on the log grid `10^(k/4)`, from `10^-6` to `1`; 0 below it.
pub const DECAY_STEPS_PER_DECADE: f64 = 4.0;

/// The dropout screen's meaning of the keys that differ: arrows set the dropout rate and the weight
/// decay, `r` draws new data, `g` changes the dataset. Other actions fall through (`None`).
fn update_lab(state: &mut State, action: Action) -> Option<Vec<Command>> {
    let regularize = |state: &State| Command::SetLabRegularization {
        dropout: state.dropout,
        weight_decay: state.weight_decay,
    };
    let commands = match action {
        Action::MoveLambda(step) => {
            let rate =
                ((state.dropout + step.signum() as f64 * DROPOUT_STEP).clamp(0.0, DROPOUT_MAX) * 100.0).round() / 100.0;
            state.dropout = rate;
            vec![regularize(state)]
        }
        Action::MoveMix(step) => {
            state.weight_decay = step_decay(state.weight_decay, step);
            vec![regularize(state)]
        }
        Action::Reseed | Action::NextShape => {
            // Build on the last request, not on the lab shown: its answer may not have arrived yet.
            let current = state.lab_request.or_else(|| {
                let settings = &state.lab.as_ref()?.view.settings;
                Some((settings.shape, settings.seed))
            });
            let Some((shape, seed)) = current else {
                state.message = Some("the network has not started yet".into());
                return Some(Vec::new());
            };
            let (shape, seed) = if action == Action::Reseed {
                (shape, seed.wrapping_add(1))
            } else {
                (next_shape(shape), seed)
            };
            state.lab_request = Some((shape, seed));
            vec![Command::ResetLab { shape, seed }]
        }
        Action::LambdaMax
        | Action::LambdaMin
        | Action::LambdaCvMin
        | Action::LambdaCv1se
        | Action::Noise(_)
        | Action::Correlation(_) => {
            state.message = Some("that key belongs to the linear screen (d switches)".into());
            Vec::new()
        }
        _ => return None,
    };
    Some(commands)
}

fn next_shape(shape: Shape) -> Shape {
    match shape {
        Shape::Curve => Shape::Circles,
        Shape::Circles => Shape::Xor,
        Shape::Xor => Shape::Spiral,
        Shape::Spiral => Shape::Curve,
    }
}

/// One step on the weight-decay log grid; below `10^-6` it is 0.
fn step_decay(decay: f64, step: i32) -> f64 {
    let k = if decay <= 0.0 {
        -6.0 * DECAY_STEPS_PER_DECADE - 1.0
    } else {
        (decay.log10() * DECAY_STEPS_PER_DECADE).round()
    };
    let k = (k + step.signum() as f64).min(0.0);
    if k < -6.0 * DECAY_STEPS_PER_DECADE {
        0.0
    } else {
        10f64.powf(k / DECAY_STEPS_PER_DECADE)
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
