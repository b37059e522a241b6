//! Loading a dataset from CSV: a header line, then one row per observation, every cell a finite number.
//! Anything else is a [`DataError`] naming the file, line and column.

use super::error::{DataError, Location};
use super::Dataset;
use crate::linalg::Matrix;
use std::collections::HashMap;
use std::path::Path;

/// Fewer rows than this cannot be standardized and fitted meaningfully.
pub const MIN_ROWS: usize = 3;

/// Reads `path`; the target is the column named `target`, or the last column when `None`.
///
/// Columns with zero variance are dropped and listed in [`Dataset::dropped`].
pub fn load_csv(path: &Path, target: Option<&str>) -> Result<Dataset, DataError> {
    let bytes = std::fs::read(path).map_err(|e| DataError::Io(at(path, None, None), e.to_string()))?;
    parse_csv(path, &bytes, target)
}

fn at(path: &Path, line: Option<u64>, column: Option<(usize, &str)>) -> Location {
    Location {
        file: path.to_path_buf(),
        line,
        column: column.map(|(i, name)| (i, name.to_string())),
    }
}

/// Parses CSV `bytes` as if read from `path` (the path only names the source in errors).
pub fn parse_csv(path: &Path, bytes: &[u8], target: Option<&str>) -> Result<Dataset, DataError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DataError::Empty(at(path, Some(1), None)));
    }
    // Cells are trimmed where they are read (the csv crate's own trimming copies every record).
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut header = csv::StringRecord::new();
    if !reader.read_record(&mut header).map_err(|e| csv_error(path, e, &[]))? {
        return Err(DataError::Empty(at(path, Some(1), None)));
    }
    header.trim();
    let header_line = header.position().map_or(1, |p| p.line());
    let names = column_names(path, &header, header_line)?;
    let target_index = match target {
        None => names.len() - 1,
        Some(t) => names.iter().position(|n| n == t).ok_or_else(|| {
            DataError::UnknownTarget(at(path, Some(header_line), None), t.to_string(), names.join(", "))
        })?,
    };
    let columns = read_columns(path, &mut reader, &names, header_line)?;
    split_target(path, columns, &names, target_index)
}

/// The header's column names: at least 2, none empty, no two alike.
fn column_names(path: &Path, header: &csv::StringRecord, header_line: u64) -> Result<Vec<String>, DataError> {
    let names: Vec<String> = header.iter().map(str::to_string).collect();
    if names.len() < 2 {
        return Err(DataError::TooFewColumns(at(path, Some(header_line), None), names.len()));
    }
    let mut seen = HashMap::new();
    for (j, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(DataError::EmptyColumnName(at(
                path,
                Some(header_line),
                Some((j + 1, "")),
            )));
        }
        if let Some(first) = seen.insert(name.as_str(), j + 1) {
            return Err(DataError::DuplicateColumn(
                at(path, Some(header_line), Some((j + 1, name))),
                name.clone(),
                first,
            ));
        }
    }
    Ok(names)
}

/// The data rows as columns of finite numbers (blank lines skipped), at least [`MIN_ROWS`] of them.
/// Rows are read as bytes into one reused record and each cell parsed in place: no allocation and no
/// text validation per row or cell (on a 2000 x 300 file this was most of `path`'s time).
fn read_columns(
    path: &Path,
    reader: &mut csv::Reader<&[u8]>,
    names: &[String],
    header_line: u64,
) -> Result<Vec<Vec<f64>>, DataError> {
    let width = names.len();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); width];
    let mut last_line = header_line;
    let mut record = csv::ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(path, e, names))?
    {
        let line = record.position().map_or(last_line + 1, |p| p.line());
        last_line = line;
        if record.len() == 1 && record.get(0).is_some_and(|cell| cell.trim_ascii().is_empty()) {
            continue; // a blank line
        }
        if record.len() != width {
            return Err(DataError::Ragged(at(path, Some(line), None), width, record.len()));
        }
        for (j, cell) in record.iter().enumerate() {
            let here = || at(path, Some(line), Some((j + 1, &names[j])));
            columns[j].push(number(cell.trim_ascii()).map_err(|why| why.at(here()))?);
        }
    }
    let n = columns[0].len();
    if n == 0 {
        return Err(DataError::HeaderOnly(at(path, Some(header_line + 1), None)));
    }
    if n < MIN_ROWS {
        return Err(DataError::TooFewRows(at(path, Some(last_line + 1), None), n));
    }
    Ok(columns)
}

/// The dataset: the target column apart (it must vary), and the features that vary (the constant ones
/// are dropped and listed).
fn split_target(
    path: &Path,
    mut columns: Vec<Vec<f64>>,
    names: &[String],
    target_index: usize,
) -> Result<Dataset, DataError> {
    let n = columns[0].len();
    let y = std::mem::take(&mut columns[target_index]);
    let target_name = names[target_index].clone();
    if is_constant(&y) {
        return Err(DataError::ConstantTarget(
            at(path, None, Some((target_index + 1, &target_name))),
            target_name,
        ));
    }
    let mut kept = Vec::new();
    let mut feature_names = Vec::new();
    let mut dropped = Vec::new();
    for (j, column) in columns.into_iter().enumerate() {
        if j == target_index {
            continue;
        }
        if is_constant(&column) {
            dropped.push(names[j].clone());
        } else {
            kept.push(column);
            feature_names.push(names[j].clone());
        }
    }
    if kept.is_empty() {
        return Err(DataError::NoFeatures(at(path, None, None)));
    }
    Ok(Dataset {
        x: Matrix::from_columns(n, &kept),
        y,
        feature_names,
        target_name,
        truth: None,
        dropped,
    })
}

/// A reader error in our terms. The csv crate counts a bad UTF-8 field from 0 ("field: 1" is the
/// second); every other message here counts columns from 1, so the column is rebuilt, with its name
/// when the header is known.
fn csv_error(path: &Path, e: csv::Error, names: &[String]) -> DataError {
    let line = e.position().map(|p| p.line());
    if let csv::ErrorKind::Utf8 { err, .. } = e.kind() {
        let column = err.field() + 1;
        let name = names.get(err.field()).map_or("", String::as_str);
        return DataError::Invalid(
            at(path, line, Some((column, name))),
            format!(
                "the cell is not valid UTF-8 text (bad byte after {} valid bytes)",
                err.valid_up_to()
            ),
        );
    }
    DataError::Invalid(at(path, line, None), e.to_string())
}

/// What is wrong with a cell that is not a finite number.
enum BadCell {
    NotUtf8(usize),
    NotANumber(String),
    NotFinite(String),
}

impl BadCell {
    fn at(self, location: Location) -> DataError {
        match self {
            BadCell::NotUtf8(valid) => DataError::Invalid(
                location,
                format!("the cell is not valid UTF-8 text (bad byte after {valid} valid bytes)"),
            ),
            BadCell::NotANumber(text) => DataError::NotANumber(location, text),
            BadCell::NotFinite(text) => DataError::NotFinite(location, text),
        }
    }
}

/// A cell's finite number, parsed straight from its bytes (fast-float2: correctly rounded, the
/// Eisel-Lemire algorithm Rust's own parser uses, without first checking the bytes are text). Only a
/// cell that is not a number is looked at as text, for its message.
fn number(cell: &[u8]) -> Result<f64, BadCell> {
    match fast_float2::parse::<f64, _>(cell) {
        Ok(value) if value.is_finite() => Ok(value),
        parsed => {
            let text = std::str::from_utf8(cell).map_err(|e| BadCell::NotUtf8(e.valid_up_to()))?;
            match parsed {
                Ok(_) => Err(BadCell::NotFinite(text.to_string())),
                Err(_) => Err(BadCell::NotANumber(text.to_string())),
            }
        }
    }
}

fn is_constant(values: &[f64]) -> bool {
    values.iter().all(|&v| v == values[0])
}

/// Writes a dataset as CSV (`<features>,<target>`), every number in its shortest round-trip form.
pub fn write_csv(dataset: &Dataset, out: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
    let mut header = dataset.feature_names.clone();
    header.push(dataset.target_name.clone());
    writeln!(out, "{}", header.join(","))?;
    let mut line = String::new();
    for i in 0..dataset.n() {
        line.clear();
        for j in 0..dataset.p() {
            push_number(&mut line, dataset.x.get(i, j));
            line.push(',');
        }
        push_number(&mut line, dataset.y[i]);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Appends `value` in the shortest form that parses back to the same `f64`.
pub fn push_number(line: &mut String, value: f64) {
    use std::fmt::Write;
    let _ = write!(line, "{value:?}");
}

#[cfg(test)]
mod number_tests {
    use super::{number, BadCell};
    use proptest::prelude::*;

    /// Rust's own parser is the oracle: a cell is a finite number exactly when it says so, and then
    /// the same number, bit for bit.
    fn agrees_with_std(text: &str) {
        let ours = number(text.as_bytes());
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => assert_eq!(ours.ok().map(f64::to_bits), Some(v.to_bits()), "{text:?}"),
            Ok(_) => assert!(matches!(ours, Err(BadCell::NotFinite(_))), "{text:?}"),
            Err(_) => assert!(matches!(ours, Err(BadCell::NotANumber(_))), "{text:?}"),
        }
    }

    #[test]
    fn edge_cells_are_read_as_rust_reads_them() {
        for text in [
            "0",
            "-0",
            "+1.5",
            ".5",
            "5.",
            "1e5",
            "1E-5",
            "2.2250738585072014e-308",
            "4.9e-324",
            "1e-400",
            "1.7976931348623157e308",
            "1e309",
            "inf",
            "-Infinity",
            "NaN",
            "",
            "1,5",
            "0x10",
            "1_000",
            "e5",
            "1e",
            "--1",
            "١",
        ] {
            agrees_with_std(text);
        }
        assert!(matches!(number(b"\xff1"), Err(BadCell::NotUtf8(0))));
    }

    proptest! {
        #[test]
        fn any_float_written_any_way_reads_back(v in proptest::num::f64::ANY, digits in 0usize..20) {
            agrees_with_std(&format!("{v}"));
            agrees_with_std(&format!("{v:e}"));
            agrees_with_std(&format!("{v:.digits$e}"));
        }

        #[test]
        fn any_short_text_is_refused_or_read_as_rust_reads_it(text in "[0-9eE+.\\-a-z]{0,12}") {
            agrees_with_std(&text);
        }
    }
}
