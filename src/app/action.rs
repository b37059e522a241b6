//! Everything a person can do, as values: the binding tables produce them, `update` consumes them,
//! tests feed them directly.

use crate::screens::{ScreenAction, ScreenId};

/// One user action: a global one, one of a screen's, or a key that only another screen binds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    Global(Global),
    Screen(ScreenAction),
    /// A key bound on another screen, not on this one (the status line says which).
    Elsewhere(ScreenId),
    /// A tour key (only while a tour is given).
    Tour(super::tour::TourAction),
}

/// What works on every screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Global {
    TogglePause,
    /// One epoch of the active screen's lab.
    Step,
    /// The next screen of the registry.
    NextScreen,
    ToggleHelp,
    Quit,
    /// Write the frame as an SVG picture (`e`) or an HTML page (`E`) to the working folder.
    ExportSvg,
    ExportHtml,
    /// The focused panel fills the screen, or back (presenter view).
    ToggleZoom,
    /// The large layout for projectors (true) or the normal one.
    Big(bool),
    /// Hide the focused panel, or show every panel again.
    Panels(crate::ui::panels::PanelCommand),
}

impl From<ScreenAction> for Action {
    fn from(action: ScreenAction) -> Self {
        Action::Screen(action)
    }
}

impl From<Global> for Action {
    fn from(action: Global) -> Self {
        Action::Global(action)
    }
}

impl From<crate::screens::linear::Action> for Action {
    fn from(action: crate::screens::linear::Action) -> Self {
        Action::Screen(ScreenAction::Linear(action))
    }
}

impl From<crate::screens::dropout::Action> for Action {
    fn from(action: crate::screens::dropout::Action) -> Self {
        Action::Screen(ScreenAction::Dropout(action))
    }
}

impl From<crate::screens::geometry::Action> for Action {
    fn from(action: crate::screens::geometry::Action) -> Self {
        Action::Screen(ScreenAction::Geometry(action))
    }
}

impl From<crate::screens::classification::Action> for Action {
    fn from(action: crate::screens::classification::Action) -> Self {
        Action::Screen(ScreenAction::Classification(action))
    }
}
