//! The one binding table: it maps keys to actions and it writes the help overlay, so help never lies.

use super::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as written in the table, the help and `snapshot --keys`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// One row of the table: the keys, the action, and what the help says.
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are shown in help.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

/// Every binding, in the order help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Right), ch('l')],
        label: "→ l",
        action: Action::MoveLambda(1),
        help: "smaller λ, one grid step",
    },
    Binding {
        keys: &[key(KeyCode::Left), ch('h')],
        label: "← h",
        action: Action::MoveLambda(-1),
        help: "larger λ, one grid step",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ch('L')],
        label: "PgDn L",
        action: Action::MoveLambda(10),
        help: "smaller λ, ten steps",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ch('H')],
        label: "PgUp H",
        action: Action::MoveLambda(-10),
        help: "larger λ, ten steps",
    },
    Binding {
        keys: &[key(KeyCode::Home)],
        label: "Home",
        action: Action::LambdaMax,
        help: "λ_max: every weight zero",
    },
    Binding {
        keys: &[key(KeyCode::End)],
        label: "End",
        action: Action::LambdaMin,
        help: "the smallest λ",
    },
    Binding {
        keys: &[ch('m')],
        label: "m",
        action: Action::LambdaCvMin,
        help: "λ_min: least CV error",
    },
    Binding {
        keys: &[ch('1')],
        label: "1",
        action: Action::LambdaCv1se,
        help: "λ_1se: simplest within 1 se",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        label: "↑ k",
        action: Action::MoveMix(1),
        help: "more L1 in the elastic net",
    },
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        label: "↓ j",
        action: Action::MoveMix(-1),
        help: "more L2 in the elastic net",
    },
    Binding {
        keys: &[ch(' ')],
        label: "space",
        action: Action::TogglePause,
        help: "pause / resume training",
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        action: Action::Step,
        help: "one epoch",
    },
    Binding {
        keys: &[ch('r')],
        label: "r",
        action: Action::Reseed,
        help: "new data (new seed)",
    },
    Binding {
        keys: &[ch('n')],
        label: "n",
        action: Action::Noise(-1),
        help: "less noise",
    },
    Binding {
        keys: &[ch('N')],
        label: "N",
        action: Action::Noise(1),
        help: "more noise",
    },
    Binding {
        keys: &[ch('c')],
        label: "c",
        action: Action::Correlation(-1),
        help: "less correlation",
    },
    Binding {
        keys: &[ch('C')],
        label: "C",
        action: Action::Correlation(1),
        help: "more correlation",
    },
    Binding {
        keys: &[ch('v')],
        label: "v",
        action: Action::CycleLossView,
        help: "curves: data/penalty/total",
    },
    Binding {
        keys: &[ch(']')],
        label: "]",
        action: Action::ScrollWeights(1),
        help: "scroll the weights down",
    },
    Binding {
        keys: &[ch('[')],
        label: "[",
        action: Action::ScrollWeights(-1),
        help: "scroll the weights up",
    },
    Binding {
        keys: &[ch('d')],
        label: "d",
        action: Action::ToggleScreen,
        help: "linear models / dropout screen",
    },
    Binding {
        keys: &[ch('g')],
        label: "g",
        action: Action::NextShape,
        help: "dropout data: curve, 2-D sets",
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        label: "Tab",
        action: Action::NextPanel,
        help: "next panel or tab",
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        label: "S-Tab",
        action: Action::PreviousPanel,
        help: "previous panel or tab",
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        keys: &[
            ch('q'),
            key(KeyCode::Esc),
            Key {
                code: KeyCode::Char('c'),
                ctrl: true,
            },
        ],
        label: "q Esc ^C",
        action: Action::Quit,
        help: "quit",
    },
];

/// The action bound to a key press, if any.
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    // Shifted letters arrive as upper-case characters; BackTab may carry SHIFT.
    BINDINGS
        .iter()
        .find(|b| b.keys.iter().any(|k| k.code == event.code && k.ctrl == ctrl))
        .map(|b| b.action)
}

/// Parses a key name as used by `snapshot --keys` ("Right", "PgDn", "Tab", "BackTab", "Space", "Esc",
/// "Home", "End", "C-c", or a single character).
pub fn parse_key(name: &str) -> Result<KeyEvent, String> {
    let code = match name {
        "Right" => KeyCode::Right,
        "Left" => KeyCode::Left,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "PgUp" | "PageUp" => KeyCode::PageUp,
        "PgDn" | "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Space" => KeyCode::Char(' '),
        "Esc" => KeyCode::Esc,
        "C-c" => return Ok(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        single if single.chars().count() == 1 => KeyCode::Char(single.chars().next().expect("one char")),
        other => return Err(format!("unknown key {other:?}")),
    };
    Ok(KeyEvent::new(code, KeyModifiers::NONE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} is bound twice");
                seen.push(*k);
            }
        }
    }

    #[test]
    fn ctrl_c_quits_but_c_lowers_correlation() {
        assert_eq!(action_for(&parse_key("C-c").unwrap()), Some(Action::Quit));
        assert_eq!(action_for(&parse_key("c").unwrap()), Some(Action::Correlation(-1)));
        assert_eq!(action_for(&parse_key("Right").unwrap()), Some(Action::MoveLambda(1)));
    }
}
