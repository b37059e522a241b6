//! regscope: see regularization work.
//!
//! The crate is layered so that every arrow points one way:
//!
//! ```text
//! linalg   dense kernels
//! data     CSV loading, synthetic and nonlinear generators, scenarios, standardization, splits
//! fit      the mathematics: coordinate-descent paths, exact ridge, least squares, cross-validation,
//!          epoch-by-epoch trainers, the MLP with dropout (knows nothing of screens)
//! ui       shared drawing: theme, number formats, chart helpers, the help frame (knows no screen)
//! screens  one folder per screen (linear/, dropout/), each with its Settings (the only copy of what
//!          the user sets there), its lab (the trainers it runs), its view (what drawing needs,
//!          folded from the lab's reports), its binding table and its drawing; plus the registry,
//!          one line per screen, that writes the enums carrying settings, reports and actions
//! engine   holds every screen's lab and trains the active one; Command in, Report out; stepped
//!          synchronously or on a worker thread; no screen is named in it
//! app      State (every screen's settings and view), the global binding table, update, and the
//!          frame: the active screen's drawing with the help over it
//! cli      the headless subcommands (generate, path, snapshot, train)
//! tui      the only place with a terminal, an input thread, signals and a clock
//! ```
//!
//! Each layer uses only those above it in this list (`screens` uses `ui` to draw; `app` uses
//! `screens` and `engine`). A screen's drawing reads only its own view types and `ui`, never `fit` or
//! `engine`. Every random draw takes its generator from a seed, so the same seed gives the same data,
//! weights, masks and frames.

pub mod app;
pub mod cli;
pub mod data;
pub mod engine;
pub mod fit;
pub mod linalg;
pub mod screens;
pub mod tour;
pub mod tui;
pub mod ui;
