//! The explorer's state and update logic, and the composition of a frame from the active screen's
//! drawing and the help. No terminal, no clock.

mod action;
mod frame;
pub mod keymap;
mod state;
mod update;

pub use action::{Action, Global};
pub use frame::draw;
pub use state::State;
pub use update::update;
