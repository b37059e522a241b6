//! regscope: see regularization work.
//!
//! The crate is layered so that every arrow points one way:
//!
//! ```text
//! data   CSV loading, synthetic and nonlinear generators, scenarios, standardization, splits
//!   └─▶ fit     the mathematics: coordinate-descent paths, exact ridge, least squares,
//!               cross-validation, epoch-by-epoch trainers, the MLP with dropout
//!         └─▶ engine   owns the trainers and the exact path; Command in, Progress out;
//!                      stepped synchronously or on a worker thread
//!               └─▶ app      State, Action, the binding table, update (no drawing, no terminal)
//!                     └─▶ ui       pure drawing of State into a ratatui Frame
//! cli  the headless subcommands (generate, path, snapshot, train) over data, fit, engine, app, ui
//! tui  the only place with a terminal, an input loop, signals and a clock
//! ```
//!
//! `fit` knows nothing of the engine, the state or the terminal; `ui` reads only `State`. Every random
//! draw takes its generator from a seed, so the same seed gives the same data, weights, masks and frames.

pub mod app;
pub mod cli;
pub mod data;
pub mod engine;
pub mod fit;
pub mod linalg;
pub mod tui;
pub mod ui;
