//! regscope: see regularization work.
//!
//! The crate is layered so that every arrow points one way:
//!
//! ```text
//! data  (CSV loading, synthetic generator, standardization, splits)
//!   └─▶ fit   (the mathematics: coordinate-descent paths, exact ridge, least squares, cross-validation)
//!         └─▶ cli (headless subcommands: parse arguments, call `data` and `fit`, write CSV)
//! ```
//!
//! `fit` knows nothing of the command line or the terminal; every random draw takes a seed.

pub mod app;
pub mod cli;
pub mod data;
pub mod engine;
pub mod fit;
pub mod linalg;
pub mod tui;
pub mod ui;
