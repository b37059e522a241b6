//! The global binding table, and the lookup of a key: the global table first, then the active
//! screen's. The same tables write the help overlay, so help never lies.

use super::action::{Action, Global};
use super::tour::TourAction;
use super::State;
use crate::screens::keys::{self, ch, key, Binding, Key, Wheel};
use crate::screens::ScreenId;
use crate::ui::panels::PanelCommand;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use crate::screens::keys::parse_key;

/// The keys that work on every screen, in the order help lists them.
pub const GLOBAL: &[Binding<Global>] = &[
    Binding::new(&[ch(' ')], "space", Global::TogglePause, "pause / resume training"),
    Binding::new(&[ch('s')], "s", Global::Step, "one epoch"),
    Binding::new(&[ch('d')], "d", Global::NextScreen, "next screen"),
    Binding::new(&[ch('?')], "?", Global::ToggleHelp, "this help"),
    Binding::new(&[ch('e')], "e", Global::ExportSvg, "save the frame as SVG"),
    Binding::new(&[ch('E')], "E", Global::ExportHtml, "save the frame as HTML"),
    Binding::new(&[ch('z')], "z", Global::ToggleZoom, "zoom focused panel / back"),
    Binding::new(&[ch('+')], "+", Global::Big(true), "big layout for projectors"),
    Binding::new(&[ch('-')], "-", Global::Big(false), "normal layout"),
    Binding::new(
        &[ch('x')],
        "x",
        Global::Panels(PanelCommand::HideFocused),
        "hide the focused panel",
    ),
    Binding::new(
        &[ch('X')],
        "X",
        Global::Panels(PanelCommand::ShowAll),
        "show every panel",
    ),
    Binding::new(
        &[
            ch('q'),
            key(KeyCode::Esc),
            Key {
                code: KeyCode::Char('c'),
                ctrl: true,
            },
        ],
        "q Esc ^C",
        Global::Quit,
        "quit",
    ),
];

/// The keys of a tour, which come before every other table while a tour is given: → and space
/// (elsewhere a weaker lambda or a higher dropout rate, and pause) move between steps.
pub const TOUR: &[Binding<TourAction>] = &[
    Binding::new(
        &[key(KeyCode::Right), ch(' ')],
        "→ space",
        TourAction::Next,
        "next step of the tour",
    ),
    Binding::new(&[key(KeyCode::Left)], "←", TourAction::Previous, "previous step"),
    Binding::new(
        &[ch('t')],
        "t",
        TourAction::ToggleNarration,
        "narration: all / hidden / fitted",
    ),
    Binding::new(&[ch('b')], "b", TourAction::Restore, "back to this step's settings"),
    Binding::new(&[ch('P')], "P", TourAction::TogglePause, "pause / resume training"),
];

/// The label of a global action's keys, for hints.
pub fn global_hint(action: Global) -> &'static str {
    keys::label_of(GLOBAL, action).unwrap_or("")
}

/// The action of a key press on screen `active`: a global key, one of the screen's, or a key only
/// another screen binds.
pub fn action_for(active: ScreenId, event: &KeyEvent) -> Option<Action> {
    if let Some(global) = keys::action_for(GLOBAL, event) {
        return Some(Action::Global(global));
    }
    if let Some(action) = active.action_for(event) {
        return Some(Action::Screen(action));
    }
    ScreenId::ALL
        .iter()
        .find(|other| other.action_for(event).is_some())
        .map(|&other| Action::Elsewhere(other))
}

/// The action of a key press in the explorer's present state: a tour's keys first while a tour is
/// given, then as [`action_for`].
pub fn action_in(state: &State, event: &KeyEvent) -> Option<Action> {
    super::tour::action(state, event).or_else(|| action_for(state.active, event))
}

/// The action of a wheel turn on screen `active`, if its table binds one.
pub fn action_for_wheel(active: ScreenId, wheel: Wheel) -> Option<Action> {
    active.action_for_wheel(wheel).map(Action::Screen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::{linear, ScreenAction};

    #[test]
    fn no_key_is_bound_twice_on_any_screen() {
        for &screen in ScreenId::ALL {
            let mut seen: Vec<Key> = Vec::new();
            let global = GLOBAL.iter().flat_map(|b| b.keys.iter().copied());
            for k in global.chain(screen.keys()) {
                assert!(!seen.contains(&k), "{k:?} is bound twice on {screen:?}");
                seen.push(k);
            }
        }
    }

    #[test]
    fn ctrl_c_quits_but_c_lowers_correlation() {
        let linear = ScreenId::Linear;
        assert_eq!(
            action_for(linear, &parse_key("C-c").unwrap()),
            Some(Action::Global(Global::Quit))
        );
        assert_eq!(
            action_for(linear, &parse_key("c").unwrap()),
            Some(Action::Screen(ScreenAction::Linear(linear::Action::Correlation(-1))))
        );
        assert_eq!(
            action_for(ScreenId::Dropout, &parse_key("c").unwrap()),
            Some(Action::Elsewhere(ScreenId::Linear)),
            "c is the linear screen's"
        );
    }
}
