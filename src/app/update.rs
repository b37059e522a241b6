//! The update logic: an action changes the state and yields the commands the engine must run. Screen
//! actions go to their screen; when one changes the screen's settings, the command carries them
//! whole. Nothing here draws or touches a terminal, so every behaviour is testable with plain values.

use super::action::{Action, Global};
use super::keymap::global_hint;
use super::State;
use crate::engine::Command;
use crate::ui::export::Format;

/// Applies `action` to `state`; returns the commands for the engine.
pub fn update(state: &mut State, action: impl Into<Action>) -> Vec<Command> {
    let action = action.into();
    state.message = None;
    let closes_help = matches!(action, Action::Global(Global::ToggleHelp | Global::Quit));
    if state.help && closes_help {
        state.help = false;
        return Vec::new();
    }
    match action {
        Action::Global(global) => update_global(state, global),
        Action::Screen(action) => {
            let (screen, outcome) = state.screens.update(action);
            state.message = outcome.message;
            if outcome.configure {
                vec![Command::Configure(state.screens.settings(screen))]
            } else {
                Vec::new()
            }
        }
        Action::Tour(action) => super::tour::act(state, action),
        Action::Elsewhere(screen) => {
            state.message = Some(format!(
                "that key belongs to the {} screen ({} switches)",
                screen.name(),
                global_hint(Global::NextScreen)
            ));
            Vec::new()
        }
    }
}

fn update_global(state: &mut State, action: Global) -> Vec<Command> {
    match action {
        Global::TogglePause | Global::Step if !state.active.trains() => {
            state.message = Some(format!(
                "nothing trains on the {} screen: every solution is exact",
                state.active.name()
            ));
            Vec::new()
        }
        Global::TogglePause => {
            state.paused = !state.paused;
            vec![Command::SetPaused(state.paused)]
        }
        Global::Step => vec![Command::Step],
        Global::NextScreen => {
            state.active = state.active.next();
            vec![Command::Show(state.active)]
        }
        Global::ToggleHelp => {
            state.help = !state.help;
            Vec::new()
        }
        Global::Quit => {
            state.quit = true;
            Vec::new()
        }
        Global::ExportSvg | Global::ExportHtml => {
            let format = if action == Global::ExportSvg {
                Format::Svg
            } else {
                Format::Html
            };
            state.export_request = Some(format);
            Vec::new()
        }
        Global::ToggleZoom => {
            state.presenter.zoom = !state.presenter.zoom;
            Vec::new()
        }
        Global::Big(big) => {
            if state.presenter.big == big {
                state.message = Some(format!("already the {} layout", if big { "big" } else { "normal" }));
            }
            state.presenter.big = big;
            Vec::new()
        }
        Global::Panels(command) => {
            state.message = state.screens.panels(state.active, command);
            Vec::new()
        }
    }
}
