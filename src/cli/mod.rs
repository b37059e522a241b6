//! The headless subcommands. Each is thin: parse its arguments into a value, build a dataset or a
//! scenario, call `fit`, write CSV. Failures are [`CliError`]s: a one-line message and an exit code
//! (2 for bad input or arguments, 1 for anything else).

pub mod generate;
pub mod output;
pub mod path;
pub mod session;
pub mod snapshot;
pub mod train;

/// Most epochs `train` and `snapshot` run on the linear screen: 10^6 take about a minute and keep
/// 4 x 10^6 history rows (some 200 MB); more is refused before anything is allocated.
pub const MAX_EPOCHS: usize = 1_000_000;
/// Most epochs on the dropout screen, whose four networks take about 2 ms an epoch: 10^5 is minutes.
pub const MAX_LAB_EPOCHS: usize = 100_000;
/// Most lambdas on a path (`--n-lambdas`, or lines of `--lambdas`): each is a full solve and a row of
/// coefficients; glmnet's default is 100.
pub const MAX_LAMBDAS: usize = 10_000;
/// Most keys `snapshot --keys` applies (a key can start a new path, cross-validation and training).
pub const MAX_KEYS: usize = 1_000;

/// Refuses an epoch count beyond what the screen can train in reasonable time and memory.
pub fn check_epochs(epochs: usize, dropout: bool) -> Result<(), CliError> {
    let (limit, screen) = if dropout {
        (MAX_LAB_EPOCHS, "on the dropout screen")
    } else {
        (MAX_EPOCHS, "on the linear screen")
    };
    if epochs > limit {
        return Err(CliError::input(format!(
            "--epochs {epochs} is more than {limit}, the most {screen} (it would take too long and too much memory)"
        )));
    }
    Ok(())
}

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
