//! Errors in input data. Every variant names the file and, where one exists, the line and column, so the
//! one-line message tells a person exactly where to look.

use std::path::PathBuf;

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
}
