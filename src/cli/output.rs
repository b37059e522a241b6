//! Writing results: to a file or, for `-`, to standard output.

use super::CliError;
use std::io::Write;
use std::path::Path;

/// Opens `path` for writing (`-` is standard output), buffered.
pub fn create(path: &Path) -> Result<Box<dyn Write>, CliError> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufWriter::new(std::io::stdout().lock())));
    }
    let file =
        std::fs::File::create(path).map_err(|e| CliError::other(format!("{}: cannot write: {e}", path.display())))?;
    Ok(Box::new(std::io::BufWriter::new(file)))
}

/// Runs `write` against `path` and flushes, naming the file in any error.
pub fn write_to(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), CliError> {
    let mut out = create(path)?;
    write(&mut out)
        .and_then(|_| out.flush())
        .map_err(|e| CliError::other(format!("{}: cannot write: {e}", path.display())))
}
