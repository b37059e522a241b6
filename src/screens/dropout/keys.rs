//! The dropout screen's binding table: it makes the keys work, writes this screen's part of the help
//! and the key hints of its status line.

use crate::screens::keys::{ch, key, Binding};
use ratatui::crossterm::event::KeyCode;

/// What the user can do on the dropout screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Raise (+1) or lower (-1) the dropout rate by one step.
    MoveRate(i32),
    /// One step up (+1) or down (-1) the weight-decay grid.
    MoveDecay(i32),
    /// New data with a new seed (the networks start over on it).
    Reseed,
    /// The four networks start over from their initial weights on the same data.
    Restart,
    /// The next dataset: curve, circles, xor, spiral.
    NextDataset,
    /// Focus the next (+1) or previous (-1) panel shown: the one `z` zooms and `x` hides.
    MovePanel(i32),
}

/// Every binding of the screen, in the order help lists them.
pub const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[key(KeyCode::Right), ch('l')],
        "→ l",
        Action::MoveRate(1),
        "more dropout (p + 0.05), restart",
    ),
    Binding::new(
        &[key(KeyCode::Left), ch('h')],
        "← h",
        Action::MoveRate(-1),
        "less dropout (p - 0.05), restart",
    ),
    Binding::new(
        &[key(KeyCode::Up), ch('k')],
        "↑ k",
        Action::MoveDecay(1),
        "more weight decay (×10^¼), restart",
    ),
    Binding::new(
        &[key(KeyCode::Down), ch('j')],
        "↓ j",
        Action::MoveDecay(-1),
        "less weight decay (0 below 1e-6), restart",
    ),
    Binding::new(&[ch('r')], "r", Action::Reseed, "new data (new seed)"),
    Binding::new(&[ch('R')], "R", Action::Restart, "restart on the same data and weights"),
    Binding::new(
        &[ch('g')],
        "g",
        Action::NextDataset,
        "next data: curve/circles/xor/spiral",
    ),
    Binding::new(
        &[key(KeyCode::Tab)],
        "Tab",
        Action::MovePanel(1),
        "focus the next panel",
    ),
    Binding::new(
        &[key(KeyCode::BackTab)],
        "S-Tab",
        Action::MovePanel(-1),
        "focus the previous panel",
    ),
];

/// The label of an action's keys, for a hint.
pub fn hint(action: Action) -> &'static str {
    crate::screens::keys::label_of(KEYS, action).unwrap_or("")
}
