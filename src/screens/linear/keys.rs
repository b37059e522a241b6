//! The linear screen's binding table: it makes the keys work, writes this screen's part of the help
//! and the hints in its panel titles, and routes the mouse wheel.

use crate::screens::keys::{ch, key, Binding, Wheel};
use ratatui::crossterm::event::KeyCode;

/// What the user can do on the linear screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move every penalized model this many steps along its own grid (positive: smaller lambda, to the
    /// right on the path).
    MoveLambda(i32),
    /// Jump to lambda_max (no features).
    LambdaMax,
    /// Jump to the smallest lambda on the grid.
    SmallestLambda,
    /// The path panel shows the next model's path: lasso, elastic net, ridge.
    CyclePath,
    /// Jump to the lambda of least cross-validated error.
    LambdaCvMin,
    /// Jump to the largest lambda within one standard error of the least.
    LambdaCv1se,
    /// Change the elastic net's L1 share by this many steps.
    MoveL1Ratio(i32),
    /// New data with a new seed.
    Reseed,
    /// Less (-1) or more (+1) noise.
    Noise(i32),
    /// Less (-1) or more (+1) correlation.
    Correlation(i32),
    /// Which loss the curves show: data, penalty, total.
    CycleLossView,
    /// Move the weights panel's focused row (the view scrolls to keep it in sight).
    ScrollWeights(i32),
    /// Cycle the order of the weights panel's rows: support first, by index, by |lasso weight|.
    OrderWeights,
    /// The classroom game "which weight dies next?": the first press asks the room (the lasso's nonzero
    /// weights are the candidates), the second moves the strength up until the next lasso coefficient
    /// reaches exactly zero and names it. Two presses, so that a tour can ask in one step and answer in
    /// the next.
    NextZero,
    /// Next or previous panel (focus at full size, tab when small).
    NextPanel,
    PreviousPanel,
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
    Binding::new(&[ch('p')], "p", Action::CyclePath, "path panel: lasso/EN/ridge"),
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
    Binding::new(&[ch('r')], "r", Action::Reseed, "new data (new seed)"),
    Binding::new(&[ch('n')], "n", Action::Noise(-1), "less noise"),
    Binding::new(&[ch('N')], "N", Action::Noise(1), "more noise"),
    Binding::new(&[ch('c')], "c", Action::Correlation(-1), "less correlation"),
    Binding::new(&[ch('C')], "C", Action::Correlation(1), "more correlation"),
    Binding::new(&[ch('v')], "v", Action::CycleLossView, "curves: MSE/penalty/total"),
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
    Binding::new(&[ch('o')], "o", Action::OrderWeights, "weights: order of the rows"),
    Binding::new(&[ch('w')], "w", Action::NextZero, "which L1 weight dies next?"),
    Binding::new(&[key(KeyCode::Tab)], "Tab", Action::NextPanel, "next panel or tab"),
    Binding::new(
        &[key(KeyCode::BackTab)],
        "S-Tab",
        Action::PreviousPanel,
        "previous panel or tab",
    ),
];

/// The label of an action's keys, for a hint in a panel title (empty if the table had no such row,
/// which the screens test rules out).
pub fn hint(action: Action) -> &'static str {
    crate::screens::keys::label_of(KEYS, action).unwrap_or("")
}
