//! Everything a person can do, as values: the key map produces them, `update` consumes them, tests feed
//! them directly.

/// One user action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move lambda by this many grid steps (positive: smaller lambda, to the right on the path).
    MoveLambda(i32),
    /// Jump to lambda_max (no features).
    LambdaMax,
    /// Jump to the smallest lambda on the grid.
    LambdaMin,
    /// Jump to the lambda of least cross-validated error.
    LambdaCvMin,
    /// Jump to the largest lambda within one standard error of the least.
    LambdaCv1se,
    /// Change the elastic-net mix by this many steps of 0.05.
    MoveMix(i32),
    TogglePause,
    /// One epoch.
    Step,
    /// New data with a new seed.
    Reseed,
    /// Less (-1) or more (+1) noise.
    Noise(i32),
    /// Less (-1) or more (+1) correlation.
    Correlation(i32),
    /// Which loss the curves show: data, penalty, total.
    CycleLossView,
    /// Next or previous panel (focus at full size, tab when small).
    NextPanel,
    PreviousPanel,
    /// Scroll the weights panel.
    ScrollWeights(i32),
    ToggleHelp,
    /// Switch between the linear-models screen and the dropout screen.
    ToggleScreen,
    /// The dropout screen's next dataset: curve, circles, xor, spiral.
    NextShape,
    Quit,
}
