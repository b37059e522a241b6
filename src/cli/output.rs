//! Writing results: to a file, atomically, or for `-` to standard output; and the checks that keep an
//! output from overwriting an input or another output.
//!
//! A file is written to a temporary file in its own folder and renamed over the target only once
//! everything was written and flushed, so a failure (a full disk, an error half-way, a panic) leaves
//! the old file, or none, never half of a new one. Standard output is checked and its errors are
//! failures (exit 1): a closed or broken stdout must not lose the result with exit status 0.

use super::CliError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file named by a flag: `("--out", path)`.
pub type Named<'a> = (&'static str, &'a Path);

/// Whether `path` means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses, before any work, outputs that would overwrite an input or each other: an output that is
/// an input file (compared by canonical path, and by device and inode where there is one, so a
/// symlink or a hard link is caught), two outputs that are one file, or two outputs on standard output.
/// An output whose folder does not exist is a failure now rather than after the computation.
pub fn check_files(inputs: &[Named], outputs: &[Named]) -> Result<(), CliError> {
    for (i, &(flag, path)) in outputs.iter().enumerate() {
        if !is_stdout(path) && resolve(path).is_none() {
            return Err(CliError::other(format!(
                "{flag} {}: cannot write: its folder does not exist",
                path.display()
            )));
        }
        for &(input_flag, input) in inputs {
            if !is_stdout(path) && same_file(path, input) {
                return Err(CliError::input(format!(
                    "{flag} {} is the input file of {input_flag}; refusing to overwrite it: write elsewhere",
                    path.display()
                )));
            }
        }
        for &(other_flag, other) in &outputs[..i] {
            if is_stdout(path) && is_stdout(other) {
                return Err(CliError::input(format!(
                    "{other_flag} - and {flag} - would both write to standard output; send one to a file"
                )));
            }
            if !is_stdout(path) && !is_stdout(other) && same_file(path, other) {
                return Err(CliError::input(format!(
                    "{other_flag} {} and {flag} {} are the same file; give each its own",
                    other.display(),
                    path.display()
                )));
            }
        }
    }
    Ok(())
}

/// Where `path` really points: the canonical path of an existing file, or for a file still to be
/// made, its canonical folder joined with its name. `None` when the folder does not exist.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}

/// Whether two paths name one file (also through symlinks and hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    if resolve(a).is_some_and(|ra| Some(ra) == resolve(b)) {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
}

/// Runs `write` against `path` (`-` is standard output), buffered, and names the file in any error.
/// A regular file is replaced atomically; a device or a pipe (`/dev/null`, a FIFO) is written in place.
pub fn write_to(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), CliError> {
    let cannot = |e: &dyn std::fmt::Display| CliError::other(format!("{}: cannot write: {e}", path.display()));
    if is_stdout(path) {
        return write_stdout(write);
    }
    let target = resolve(path).unwrap_or_else(|| path.to_path_buf());
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(|e| cannot(&e))?;
        let mut out = std::io::BufWriter::new(file);
        return write(&mut out).and_then(|()| out.flush()).map_err(|e| cannot(&e));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temp = temporary_file(folder, existing.as_ref()).map_err(|e| cannot(&e))?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut out).and_then(|()| out.flush()).map_err(|e| cannot(&e))?;
    }
    temp.persist(&target).map_err(|e| cannot(&e.error))?;
    Ok(())
}

/// A hidden temporary file in `folder` (removed if dropped), with the permissions a new file would get
/// (`0666` less the umask, as `File::create` gives) or those of the file it will replace.
fn temporary_file(folder: &Path, existing: Option<&std::fs::Metadata>) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".regscope-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder)?;
    if let Some(metadata) = existing {
        std::fs::set_permissions(temp.path(), metadata.permissions())?;
    }
    Ok(temp)
}

/// Writes to standard output, refusing a closed one and reporting a failed write (a broken pipe).
fn write_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), CliError> {
    let cannot = |e: &dyn std::fmt::Display| CliError::other(format!("standard output: cannot write: {e}"));
    if stdout_was_closed() {
        return Err(cannot(&"it is closed; give a file instead of -"));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(Delivered {
        inner: stdout.lock(),
        bytes: 0,
    });
    let result = write(&mut out).and_then(|()| out.flush());
    match result {
        // The reader took some and stopped reading (`| head -1`): it has what it asked for; stop
        // quietly, as `cat` would. A reader gone before the first byte is a failure (nothing arrived).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && out.get_ref().bytes > 0 => Ok(()),
        result => result.map_err(|e| cannot(&e)),
    }
}

/// A writer that counts the bytes its inner writer accepted.
struct Delivered<W> {
    inner: W,
    bytes: usize,
}

impl<W: Write> Write for Delivered<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether standard output was closed when the program started. The Rust runtime opens `/dev/null`
/// read-write in place of a closed stdout, so every write "succeeds" and the result is lost; a shell's
/// `> /dev/null` opens it write-only. (A parent that hands over `/dev/null` opened read-write, as
/// Python's `subprocess.DEVNULL` does, looks the same and is refused too.)
#[cfg(unix)]
fn stdout_was_closed() -> bool {
    use rustix::fs::{fcntl_getfl, fstat, stat, OFlags};
    let stdout = std::io::stdout();
    let (Ok(ours), Ok(null), Ok(flags)) = (fstat(&stdout), stat("/dev/null"), fcntl_getfl(&stdout)) else {
        return false;
    };
    let is_null = ours.st_rdev == null.st_rdev && (ours.st_mode & 0o170000) == (null.st_mode & 0o170000);
    is_null && flags & OFlags::RWMODE == OFlags::RDWR
}

#[cfg(not(unix))]
fn stdout_was_closed() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old,contents\n").unwrap();
        let result = write_to(&target, |out| {
            writeln!(out, "new,header")?;
            Err(std::io::Error::other("disk full"))
        });
        let error = result.unwrap_err();
        assert_eq!(error.code, 1);
        assert!(error.message.contains("out.csv: cannot write: disk full"), "{error}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old,contents\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.csv"], "the temporary file is removed");
    }

    #[test]
    fn a_complete_write_replaces_the_file_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, "old\n").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            write_to(&link, |out| writeln!(out, "new")).unwrap();
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_to_string(&real).unwrap(), "new\n");
        }
    }

    #[test]
    fn outputs_may_not_be_inputs_or_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data.csv");
        std::fs::write(&data, "a,y\n").unwrap();
        let other = dir.path().join("o.csv");
        let spelled_differently = dir.path().join(".").join("data.csv");
        let err = check_files(&[("--data", &data)], &[("--out", &spelled_differently)]).unwrap_err();
        assert_eq!(err.code, 2);
        assert!(err.message.starts_with("--out ") && err.message.contains("input file of --data"));
        let err = check_files(&[], &[("--out", &other), ("--stats", &other)]).unwrap_err();
        assert!(err.message.contains("are the same file"), "{err}");
        let dash = Path::new("-");
        let err = check_files(&[], &[("--out", dash), ("--stats", dash)]).unwrap_err();
        assert!(err.message.contains("both write to standard output"), "{err}");
        let nowhere = dir.path().join("missing").join("o.csv");
        assert_eq!(check_files(&[], &[("--out", &nowhere)]).unwrap_err().code, 1);
        check_files(&[("--data", &data)], &[("--out", &other), ("--stats", dash)]).unwrap();
    }
}
