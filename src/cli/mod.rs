//! The headless subcommands. Each is thin: parse its arguments into a value, build a dataset or a
//! scenario, call `fit`, write CSV. Failures are [`CliError`]s: a one-line message and an exit code
//! (2 for bad input or arguments, 1 for anything else).

pub mod generate;
pub mod output;
pub mod path;
pub mod session;
pub mod snapshot;
pub mod train;

/// A failure to report in one line and exit with.
#[derive(Debug)]
pub struct CliError {
    pub code: i32,
    pub message: String,
}

impl CliError {
    /// Bad input data or arguments: exit code 2.
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }

    /// Anything else (an unwritable output, a failed decomposition): exit code 1.
    pub fn other(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }
}

impl From<crate::data::DataError> for CliError {
    fn from(e: crate::data::DataError) -> Self {
        Self::input(e.to_string())
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
