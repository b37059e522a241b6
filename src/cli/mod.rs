//! The headless subcommands. Each is thin: parse its arguments into a value, build a dataset or a
//! scenario, call `fit`, write CSV. Each argument struct (`GenerateArgs`, `PathArgs`, `SnapshotArgs`,
//! `TrainArgs`, `SessionArgs`) is also its subcommand's `clap::Args`, so the flags, their help and their
//! defaults are written once, next to the code that reads them. Failures are [`CliError`]s: a one-line
//! message and an exit code, 2 for bad input or arguments and 1 for anything else, chosen by the kind
//! of the library's error (`DataError`, `FitError`), not by which call failed.

pub mod generate;
pub mod output;
pub mod path;
pub mod session;
pub mod snapshot;
pub mod tour;
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

/// What a seed may be.
pub(crate) const SEED: &str = "a seed is a whole number from 0 to 18446744073709551615";

/// What an epoch count may be (the upper limit depends on the screen: [`check_epochs`]).
pub(crate) const EPOCHS: &str = "epochs are a whole number, 0 or more";

/// A value parser for a whole-number flag that says what is accepted: clap's own answers `-1` or `2.5`
/// with "invalid digit found in string". The range itself is checked where the value is used.
pub(crate) fn whole<T>(accepted: &'static str) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
{
    move |text: &str| text.parse::<T>().map_err(|_| accepted.to_string())
}

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

/// Every data error is bad input: a file, a scenario or a setting the user gave.
impl From<crate::data::DataError> for CliError {
    fn from(e: crate::data::DataError) -> Self {
        Self::input(e.to_string())
    }
}

/// A fit's error is bad input when it lies in what was asked (the lambdas, the folds), a failure when
/// the computation itself failed (a decomposition that did not converge).
impl From<crate::fit::FitError> for CliError {
    fn from(e: crate::fit::FitError) -> Self {
        if e.is_bad_input() {
            Self::input(e.to_string())
        } else {
            Self::other(e.to_string())
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::CliError;
    use crate::fit::FitError;

    #[test]
    fn a_fit_error_exits_by_its_kind() {
        let asked_wrong = CliError::from(FitError::BadLambda { index: 3, value: 0.0 });
        assert_eq!(asked_wrong.code, 2);
        assert_eq!(
            asked_wrong.message,
            "lambda number 3 is 0; every lambda must be positive and finite"
        );
        let failed = CliError::from(FitError::NotConverged {
            what: "SVD",
            detail: "NoConvergence".into(),
        });
        assert_eq!(failed.code, 1, "a decomposition that fails is not the user's input");
        assert_eq!(failed.message, "SVD did not converge: NoConvergence");
    }

    #[test]
    fn a_data_error_is_bad_input() {
        let error = crate::data::Scenario::named("nope").unwrap_err();
        assert!(
            matches!(error, crate::data::DataError::UnknownScenario { .. }),
            "{error:?}"
        );
        assert_eq!(CliError::from(error).code, 2);
    }
}
