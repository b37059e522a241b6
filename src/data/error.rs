//! Errors in input data: a CSV file (every such variant names the file and, where one exists, the line
//! and column, so the one-line message tells a person exactly where to look), a scenario, or the
//! settings of a synthetic dataset (named by their scenario-file keys or their flags). All are bad input:
//! the command line exits 2 for every [`DataError`].

use std::path::PathBuf;

/// A number as messages print it: at most 6 significant digits, in scientific form when `|x| >= 1e6`
/// or `|x| < 1e-4`. `{}` would print `1e-300` as 300 digits and `0.1 + 0.2` as `0.30000000000000004`;
/// a person reading an error wants the magnitude, not the bits.
pub fn short_number(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let magnitude = x.abs();
    if !(1e-4..1e6).contains(&magnitude) {
        // The shortest form that reads back as `x` when it is short (1e-320 stays 1e-320, not the
        // 9.99989e-321 that the subnormal really is), else 6 digits.
        let shortest = format!("{x:e}");
        if shortest
            .chars()
            .take_while(|&c| c != 'e')
            .filter(char::is_ascii_digit)
            .count()
            <= 6
        {
            return shortest;
        }
        let text = format!("{x:.5e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        return format!("{}e{exponent}", trim_zeros(mantissa));
    }
    let decimals = (5 - magnitude.log10().floor() as i32).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}")).to_string()
}

/// `1.500` -> `1.5`, `2.000` -> `2`; integers without a point are left alone.
fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// Where in a file a problem is: 1-based line, and a 1-based column with its header name when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<u64>,
    pub column: Option<(usize, String)>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some((index, name)) = &self.column {
            if name.is_empty() {
                write!(f, ", column {index}")?;
            } else {
                write!(f, ", column {index} ({name:?})")?;
            }
        }
        Ok(())
    }
}

/// Bad input data, reported in one line.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{0}: cannot read: {1}")]
    Io(Location, String),
    #[error("{0}: the file is empty (a header line and at least 3 data rows are needed)")]
    Empty(Location),
    #[error("{0}: the file ends after the header; at least 3 data rows are needed")]
    HeaderOnly(Location),
    #[error("{0}: the file ends after {1} data rows; at least 3 are needed")]
    TooFewRows(Location, usize),
    #[error("{0}: the header needs at least 2 columns (features and a target), found {1}")]
    TooFewColumns(Location, usize),
    #[error("{0}: duplicate column name {1:?} (first seen in column {2})")]
    DuplicateColumn(Location, String, usize),
    #[error("{0}: empty column name in the header")]
    EmptyColumnName(Location),
    #[error("{0}: unknown target column {1:?}; the columns are {2}")]
    UnknownTarget(Location, String, String),
    #[error("{0}: expected {1} fields as in the header, found {2}")]
    Ragged(Location, usize, usize),
    #[error("{0}: {1:?} is not a number")]
    NotANumber(Location, String),
    #[error("{0}: {1:?} is not finite (NaN and infinity are not allowed)")]
    NotFinite(Location, String),
    #[error("{0}: the target {1:?} is constant, so there is nothing to fit")]
    ConstantTarget(Location, String),
    #[error("{0}: every feature column is constant, so there is nothing to fit")]
    NoFeatures(Location),
    #[error("{0}: {1}")]
    Invalid(Location, String),
    #[error("unknown scenario {name:?}; the scenarios are {known}")]
    UnknownScenario { name: String, known: String },
    #[error("unknown pattern {0:?}; use sparse, dense or groups")]
    UnknownPattern(String),
    /// A scenario file that does not parse or describes no dataset.
    #[error("scenario {name}: {message}")]
    BadScenario { name: String, message: String },
    /// A synthetic setting out of range, or generated data that is not finite; the message names the
    /// setting to change.
    #[error("{0}")]
    BadSetting(String),
    #[error("no bundled dataset {0:?}")]
    NoBundledDataset(String),
}

/// For callers whose own errors are still messages (`?` from a function returning `Result<_, String>`).
impl From<DataError> for String {
    fn from(error: DataError) -> Self {
        error.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::short_number;

    #[test]
    fn numbers_in_messages_are_short() {
        assert_eq!(short_number(1e-300), "1e-300");
        assert_eq!(short_number(1e308), "1e308");
        assert_eq!(short_number(-2.5e-17), "-2.5e-17");
        assert_eq!(short_number(0.1 + 0.2), "0.3");
        assert_eq!(short_number(1.5), "1.5");
        assert_eq!(short_number(-1.0), "-1");
        assert_eq!(short_number(123456.7), "123457");
        assert_eq!(short_number(1234567.0), "1.23457e6");
        assert_eq!(short_number(0.00012345678), "0.000123457");
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(f64::INFINITY), "inf");
        assert_eq!(short_number(5e-324), "5e-324");
    }
}
