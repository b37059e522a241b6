//! The explorer's state and update logic, and the composition of a frame from the active screen's
//! drawing and the help. No terminal, no clock.

mod action;
mod export;
mod frame;
pub mod keymap;
mod state;
pub mod tour;
mod update;

pub use action::{Action, Global};
pub use export::{draw_true_color, export_frame, timestamp};
pub use frame::draw;
pub use state::State;
pub use update::update;
