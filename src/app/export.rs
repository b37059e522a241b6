//! Writing the frame as a picture (`e`, `E`): the state drawn again into memory at the terminal's
//! size, in true colour, and written to a new file in [`State::export_dir`]. A failure is a status
//! message, never a crash: an instructor's unwritable folder must not end the session.
//!
//! The caller gives the size and the time (the explorer's loop has the terminal and the clock), so
//! this stays testable without either.

use super::State;
use crate::ui::export::Theme;
use crate::ui::theme::Depth;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// How many numbered names (`-2`, `-3`, ...) are tried after the plain one before giving up.
const MAX_SUFFIX: u32 = 99;

/// Writes the picture `state.export_request` asks for, if any, of the state drawn at `width x height`,
/// named `regscope-<timestamp>.<ext>` (`-2`, `-3`, ... if taken), and says in `state.message` where it
/// went or why it could not. Returns the file written.
pub fn export_frame(state: &mut State, width: u16, height: u16, timestamp: &str) -> Option<PathBuf> {
    let format = state.export_request.take()?;
    let picture = format.render(&draw_true_color(state, width, height), Theme::Dark);
    match write_new(
        &state.export_dir,
        &format!("regscope-{timestamp}"),
        format.extension(),
        &picture,
    ) {
        Ok(path) => {
            state.message = Some(format!("frame written to {}", shown(&state.export_dir, &path)));
            Some(path)
        }
        Err(e) => {
            state.message = Some(format!("cannot write the frame in {}: {e}", state.export_dir.display()));
            None
        }
    }
}

/// The frame of `state` at `width x height`, drawn at true colour (the palette's exact RGB, whatever
/// the terminal has; monochrome stays monochrome).
pub fn draw_true_color(state: &mut State, width: u16, height: u16) -> Buffer {
    let depth = state.color_depth.replace(Depth::TrueColor);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend never fails");
    terminal
        .draw(|frame| super::draw(state, frame))
        .expect("drawing into memory never fails");
    state.color_depth = depth;
    terminal.backend().buffer().clone()
}

/// The path as the status line shows it: the bare name in the working folder (it must fit beside the
/// rest of the status at 80 columns), else the whole path.
fn shown(dir: &Path, path: &Path) -> String {
    match (dir == Path::new("."), path.file_name()) {
        (true, Some(name)) => name.to_string_lossy().into_owned(),
        _ => path.display().to_string(),
    }
}

/// Writes `contents` to a new file `<stem>.<ext>` in `dir`, or `<stem>-2.<ext>`, `-3`... when taken:
/// written whole to a temporary file in `dir`, then linked to a name nobody has, so an existing file
/// is never replaced and a failure leaves no half-written picture.
fn write_new(dir: &Path, stem: &str, ext: &str, contents: &str) -> std::io::Result<PathBuf> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".regscope-").suffix(".tmp");
    // The permissions `File::create` gives (`0666` less the umask), not a temporary file's private
    // `0600`: a picture is made to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    temp.flush()?;
    for n in 1..=MAX_SUFFIX {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match temp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{stem}.{ext} to {stem}-{MAX_SUFFIX}.{ext} all exist"),
    ))
}

/// The UTC time `time` as `YYYYMMDD-HHMMSS`, for file names that sort by time. (UTC: the local offset
/// cannot be read safely in a process with threads, and a name only has to be unique and ordered.)
pub fn timestamp(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(seconds as i64) else {
        return "00000000-000000".into();
    };
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_and_sort_by_time() {
        let at = |s: u64| timestamp(UNIX_EPOCH + std::time::Duration::from_secs(s));
        assert_eq!(at(0), "19700101-000000");
        // 2000-02-29 (a leap day) 23:59:59 UTC is 951868799 seconds after the epoch.
        assert_eq!(at(951_868_799), "20000229-235959");
        assert!(at(951_868_799) < at(951_868_800));
    }

    #[test]
    fn the_working_folder_is_left_out_of_the_message_to_fit_at_80_columns() {
        let name = "regscope-20260102-030405-99.html";
        assert_eq!(shown(Path::new("."), &Path::new(".").join(name)), name);
        assert!(
            format!("frame written to {name}").len() < 60,
            "room for the rest of the status"
        );
        let elsewhere = Path::new("/tmp/pictures");
        assert_eq!(shown(elsewhere, &elsewhere.join(name)), format!("/tmp/pictures/{name}"));
    }

    #[test]
    fn a_taken_name_gets_the_next_number_and_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "regscope-x", "svg", "one").unwrap();
        let second = write_new(dir.path(), "regscope-x", "svg", "two").unwrap();
        assert_eq!(first.file_name().unwrap(), "regscope-x.svg");
        assert_eq!(second.file_name().unwrap(), "regscope-x-2.svg");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
        let names = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(names, 2, "no temporary file is left");
    }
}
