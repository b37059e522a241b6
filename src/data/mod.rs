//! Data: loading CSV files, generating synthetic sets with known truth, standardizing, splitting.
//! Whatever is wrong in a file, a scenario or a synthetic setting is a [`DataError`] naming where.

pub mod classes;
mod csv_file;
mod dataset;
mod error;
pub mod nonlinear;
pub mod scenario;
mod split;
mod standardize;
pub mod synthetic;
pub mod two_features;

/// The matrix type lives in `linalg` (below `data`, so the two do not import each other); it is
/// re-exported here because every dataset holds one.
pub use crate::linalg::Matrix;
pub use csv_file::{load_csv, parse_csv, push_number, write_csv, MIN_ROWS};
pub use dataset::Dataset;
pub use error::{short_number, DataError, Location};
pub use scenario::{Scenario, ScenarioData, DEFAULT_SCENARIO};
pub use split::{assign_folds, FoldAssignment, Split};
pub use standardize::{mean_and_std, power_of_two_scale, Standardized};
pub use synthetic::{generate, Noise, Pattern, Synthetic, SyntheticSpec};
