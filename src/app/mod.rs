//! The explorer's state and update logic: no drawing, no terminal, no clock.

mod action;
pub mod keymap;
mod state;
mod update;

pub use action::Action;
pub use state::{LabState, LossView, ModelState, Panel, State};
pub use update::{update, MIX_STEP};
