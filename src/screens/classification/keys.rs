//! The classification screen's binding table: it makes the keys work, writes this screen's part of
//! the help and the hints in its panel titles, and routes the mouse wheel (to the weights' rows).

use crate::screens::keys::{ch, key, Binding, Wheel};
use ratatui::crossterm::event::KeyCode;

/// What the user can do on the classification screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move every penalized model this many steps along its own grid (positive: smaller lambda).
    MoveLambda(i32),
    /// Every penalized model at the top of its grid.
    LambdaMax,
    /// Every penalized model at the end of its grid.
    SmallestLambda,
    /// Every penalized model at its cross-validated lambda_min.
    LambdaCvMin,
    /// Every penalized model at its cross-validated lambda_1se.
    LambdaCv1se,
    /// Change the elastic net's L1 share by this many steps.
    MoveL1Ratio(i32),
    /// The path panel shows the next model's path: lasso, elastic net, ridge.
    CyclePath,
    /// The curves show log-loss or accuracy.
    CycleCurves,
    /// The CV curve shows deviance or misclassification error.
    CycleCvMeasure,
    /// New data with a new seed.
    Reseed,
    /// The other preset (50 features, or two with boundaries).
    NextPreset,
    /// Scroll the weights panel's rows by this many.
    ScrollWeights(i32),
    /// Next or previous panel (focus at full size, tab when small).
    MovePanel(i32),
}

/// Every binding of the screen, in the order help lists them.
pub const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[key(KeyCode::Right), ch('l')],
        "→ l",
        Action::MoveLambda(1),
        "weaker: each λ a step down",
    ),
    Binding::new(
        &[key(KeyCode::Left), ch('h')],
        "← h",
        Action::MoveLambda(-1),
        "stronger: each λ a step up",
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
        Action::LambdaMax,
        "strongest: L1/EN all 0",
    ),
    Binding::new(
        &[key(KeyCode::End)],
        "End",
        Action::SmallestLambda,
        "weakest: each grid's end",
    ),
    Binding::new(&[ch('m')], "m", Action::LambdaCvMin, "each model at its CV λ_min"),
    Binding::new(&[ch('1')], "1", Action::LambdaCv1se, "each model at its CV λ_1se"),
    Binding::new(
        &[key(KeyCode::Up), ch('k')],
        "↑ k",
        Action::MoveL1Ratio(1),
        "more L1 in the elastic net",
    ),
    Binding::new(
        &[key(KeyCode::Down), ch('j')],
        "↓ j",
        Action::MoveL1Ratio(-1),
        "more L2 in the elastic net",
    ),
    Binding::new(&[ch('p')], "p", Action::CyclePath, "path panel: lasso/EN/ridge"),
    Binding::new(&[ch('v')], "v", Action::CycleCurves, "curves: log-loss/accuracy"),
    Binding::new(&[ch('c')], "c", Action::CycleCvMeasure, "CV: deviance/error"),
    Binding::new(&[ch('r')], "r", Action::Reseed, "new data (new seed)"),
    Binding::new(&[ch('g')], "g", Action::NextPreset, "other preset: 50-D / 2-D"),
    Binding::with_wheel(
        &[ch(']')],
        Wheel::Down,
        "]",
        Action::ScrollWeights(1),
        "weights: next row",
    ),
    Binding::with_wheel(
        &[ch('[')],
        Wheel::Up,
        "[",
        Action::ScrollWeights(-1),
        "weights: previous row",
    ),
    Binding::new(&[key(KeyCode::Tab)], "Tab", Action::MovePanel(1), "next panel or tab"),
    Binding::new(
        &[key(KeyCode::BackTab)],
        "S-Tab",
        Action::MovePanel(-1),
        "previous panel or tab",
    ),
];

/// The label of an action's keys, for a hint in a panel title.
pub fn hint(action: Action) -> &'static str {
    crate::screens::keys::label_of(KEYS, action).unwrap_or("")
}
