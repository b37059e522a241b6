//! The geometry screen's binding table: it makes the keys work, writes this screen's part of the
//! help and the key hints of its status line.

use crate::screens::keys::{ch, key, Binding};
use ratatui::crossterm::event::KeyCode;

/// What the user can do on the geometry screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Steps along the lambda grid: +1 weaker (towards least squares), -1 stronger.
    MoveLambda(i32),
    /// To the strongest lambda (-1) or to lambda = 0 (+1).
    LambdaEnd(i32),
    /// Lasso, ridge, elastic net, in turn.
    CyclePenalty,
    /// More (+1) or less (-1) L1 in the elastic net.
    MoveL1Ratio(i32),
    /// More (+1) or less (-1) correlation between the features.
    MoveCorrelation(i32),
    /// Turns the true weights (+1 anticlockwise, -1 clockwise).
    MoveAngle(i32),
    /// New data with a new seed.
    Reseed,
    /// Focus the next (+1) or previous (-1) panel shown.
    MovePanel(i32),
}

/// Every binding of the screen, in the order help lists them.
pub const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[key(KeyCode::Right), ch('l')],
        "→ l",
        Action::MoveLambda(1),
        "weaker: λ a step down",
    ),
    Binding::new(
        &[key(KeyCode::Left), ch('h')],
        "← h",
        Action::MoveLambda(-1),
        "stronger: λ a step up",
    ),
    Binding::new(
        &[key(KeyCode::PageDown), ch('L')],
        "PgDn L",
        Action::MoveLambda(10),
        "weaker, ten steps",
    ),
    Binding::new(
        &[key(KeyCode::PageUp), ch('H')],
        "PgUp H",
        Action::MoveLambda(-10),
        "stronger, ten steps",
    ),
    Binding::new(
        &[key(KeyCode::Home)],
        "Home",
        Action::LambdaEnd(-1),
        "strongest λ on the grid",
    ),
    Binding::new(
        &[key(KeyCode::End)],
        "End",
        Action::LambdaEnd(1),
        "λ = 0: least squares",
    ),
    Binding::new(
        &[ch('p')],
        "p",
        Action::CyclePenalty,
        "penalty: lasso/ridge/elastic net",
    ),
    Binding::new(
        &[key(KeyCode::Up), ch('k')],
        "↑ k",
        Action::MoveL1Ratio(1),
        "more L1 (ridge → EN → lasso)",
    ),
    Binding::new(
        &[key(KeyCode::Down), ch('j')],
        "↓ j",
        Action::MoveL1Ratio(-1),
        "more L2 (lasso → EN → ridge)",
    ),
    Binding::new(
        &[ch('c')],
        "c",
        Action::MoveCorrelation(-1),
        "correlation ρ - 0.1 (to -0.9)",
    ),
    Binding::new(
        &[ch('C')],
        "C",
        Action::MoveCorrelation(1),
        "correlation ρ + 0.1 (to 0.9)",
    ),
    Binding::new(&[ch('a')], "a", Action::MoveAngle(-1), "true weights: turn clockwise"),
    Binding::new(
        &[ch('A')],
        "A",
        Action::MoveAngle(1),
        "true weights: turn anticlockwise",
    ),
    Binding::new(&[ch('r')], "r", Action::Reseed, "new data (new seed)"),
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
