//! The explorer never outlives its terminal. Each test runs the real binary on a fresh 120x40
//! pseudo-terminal that is its controlling terminal (as tmux, SSH or a terminal window gives it), waits
//! for its first frame, then hangs the terminal up, signals it or quits, and checks that it ends within
//! two seconds with the shell's status (0, or 128 + the signal number) and puts the terminal back.
#![cfg(unix)]

use nix::fcntl::{fcntl, FcntlArg, FdFlag};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::pty::{openpty, Winsize};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long the explorer may take to end after its terminal goes or a signal arrives.
const END_WITHIN: Duration = Duration::from_secs(2);
/// How long the first frame may take (a debug build on a busy machine).
const FIRST_FRAME_WITHIN: Duration = Duration::from_secs(20);
/// Leaving the alternate screen and showing the cursor: what a restored terminal was sent.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// Tests run on parallel threads: the pty's descriptors must not leak into a child another test
/// spawns between `openpty` and marking them close-on-exec, or closing our master would not hang up.
static SPAWNING: Mutex<()> = Mutex::new(());

/// Whether the pty is the explorer's controlling terminal. When it is, closing it makes the kernel send
/// SIGHUP; when it is not (a terminal handed over some other way), nothing is sent and the explorer must
/// notice on its own that its terminal is gone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Terminal {
    Controlling,
    NotControlling,
}

/// The explorer on its own pseudo-terminal, and everything it has written to it so far.
struct Explorer {
    child: Child,
    /// The terminal's other end; dropping it hangs the terminal up.
    master: Option<OwnedFd>,
    output: Vec<u8>,
}

impl Explorer {
    /// Starts the explorer in a new session whose controlling terminal is a fresh 120x40 pty, and
    /// waits until it has drawn its first frame.
    fn start() -> Self {
        Self::start_on(Terminal::Controlling)
    }

    /// As [`Explorer::start`], with the pty as the controlling terminal or not.
    fn start_on(terminal: Terminal) -> Self {
        let (master, child) = {
            let _spawning = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
            let size = Winsize {
                ws_row: 40,
                ws_col: 120,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            let pty = openpty(&size, None).expect("openpty");
            for fd in [&pty.master, &pty.slave] {
                fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).expect("close-on-exec");
            }
            let mut command = Command::new(env!("CARGO_BIN_EXE_regscope"));
            command
                .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
                .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
                .stderr(Stdio::from(pty.slave.try_clone().expect("dup")))
                .env("TERM", "xterm-256color");
            // SAFETY: setsid and ioctl are async-signal-safe, as required between fork and exec.
            unsafe {
                command.pre_exec(move || {
                    nix::unistd::setsid()?;
                    if terminal == Terminal::Controlling && nix::libc::ioctl(0, nix::libc::TIOCSCTTY as _, 0) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = command.spawn().expect("the explorer starts");
            (pty.master, child)
        };
        let mut explorer = Explorer {
            child,
            master: Some(master),
            output: Vec::new(),
        };
        let drawn = explorer.read_until(Instant::now() + FIRST_FRAME_WITHIN, |out| {
            contains(out, b"\x1b[?1049h") && contains(out, b"Loss")
        });
        assert!(
            drawn,
            "no first frame within {FIRST_FRAME_WITHIN:?}; output: {:?}",
            String::from_utf8_lossy(&explorer.output)
        );
        explorer
    }

    /// Reads what the explorer writes until `done` holds for the output so far, the terminal's other
    /// end is closed (the explorer has exited) or `deadline` passes. Returns whether `done` held.
    fn read_until(&mut self, deadline: Instant, done: impl Fn(&[u8]) -> bool) -> bool {
        let Some(master) = self.master.as_ref() else {
            return done(&self.output);
        };
        let mut buffer = [0u8; 8192];
        while !done(&self.output) {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            let wait = (deadline - now).min(Duration::from_millis(50));
            let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
            let timeout = PollTimeout::try_from(wait).unwrap_or(PollTimeout::ZERO);
            match poll(&mut fds, timeout) {
                Ok(0) | Err(nix::errno::Errno::EINTR) => continue,
                Ok(_) => {}
                Err(e) => panic!("poll: {e}"),
            }
            match nix::unistd::read(master, &mut buffer) {
                Ok(0) | Err(nix::errno::Errno::EIO) => return done(&self.output),
                Ok(n) => self.output.extend_from_slice(&buffer[..n]),
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => panic!("read: {e}"),
            }
        }
        true
    }

    /// Sends `signal` to the explorer.
    fn signal(&self, signal: Signal) {
        let pid = Pid::from_raw(i32::try_from(self.child.id()).expect("a pid fits in i32"));
        kill(pid, signal).expect("kill");
    }

    /// Closes the terminal's other end: what killing tmux, dropping SSH or closing the window does.
    fn hang_up(&mut self) {
        self.master = None;
    }

    /// Waits for the explorer to exit within [`END_WITHIN`], reading its output meanwhile (so it never
    /// blocks writing); kills it and fails the test if it does not.
    fn ends_within_limit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + END_WITHIN;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("the explorer was still running {END_WITHIN:?} later; killed it");
            }
            if self.master.is_some() {
                let soon = Instant::now() + Duration::from_millis(20);
                self.read_until(soon, |_| false);
            } else {
                sleep(Duration::from_millis(20));
            }
        }
    }

    /// Everything written from `from` on, read until the terminal's other end closes.
    fn output_since(&mut self, from: usize) -> &[u8] {
        self.read_until(Instant::now() + END_WITHIN, |_| false);
        &self.output[from..]
    }
}

impl Drop for Explorer {
    /// A failed test must not leave an explorer behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// Asserts that `output` leaves the alternate screen and shows the cursor.
fn assert_restored(output: &[u8]) {
    for (sequence, what) in [
        (LEAVE_ALTERNATE_SCREEN, "leave the alternate screen"),
        (SHOW_CURSOR, "show the cursor"),
    ] {
        assert!(
            contains(output, sequence),
            "the terminal was not told to {what} ({sequence:?}); the explorer wrote at the end: {:?}",
            String::from_utf8_lossy(&output[output.len().saturating_sub(300)..])
        );
    }
}

/// Signals a running explorer and checks the exit status 128 + the signal number and the restored
/// terminal.
fn ends_on(signal: Signal) {
    let mut explorer = Explorer::start();
    let before = explorer.output.len();
    explorer.signal(signal);
    let status = explorer.ends_within_limit();
    assert_eq!(status.code(), Some(128 + signal as i32), "{signal}: {status}");
    assert_restored(explorer.output_since(before));
}

#[test]
fn closing_the_terminal_ends_the_explorer() {
    let mut explorer = Explorer::start();
    explorer.hang_up();
    let status = explorer.ends_within_limit();
    // The kernel sends SIGHUP to a session whose terminal hangs up; a lost terminal counts as one.
    assert_eq!(status.code(), Some(129), "{status}");
}

#[test]
fn losing_a_terminal_that_sends_no_sighup_ends_the_explorer() {
    let mut explorer = Explorer::start_on(Terminal::NotControlling);
    explorer.hang_up();
    let status = explorer.ends_within_limit();
    // No signal arrived: the explorer saw the terminal go, and reports it as a hang-up.
    assert_eq!(status.code(), Some(129), "{status}");
}

#[test]
fn sigterm_ends_with_143_and_restores_the_terminal() {
    ends_on(Signal::SIGTERM);
}

#[test]
fn sighup_ends_with_129_and_restores_the_terminal() {
    ends_on(Signal::SIGHUP);
}

#[test]
fn sigint_ends_with_130_and_restores_the_terminal() {
    ends_on(Signal::SIGINT);
}

#[test]
fn q_quits_with_0_and_restores_the_terminal() {
    let mut explorer = Explorer::start();
    let before = explorer.output.len();
    nix::unistd::write(explorer.master.as_ref().expect("open"), b"q").expect("type q");
    let status = explorer.ends_within_limit();
    assert_eq!(status.code(), Some(0), "{status}");
    assert_restored(explorer.output_since(before));
}

/// Nobody reads the terminal, so the explorer's writes block: the first SIGTERM cannot be acted on
/// until a write returns, and the second must end the process at once.
#[cfg(target_os = "linux")]
#[test]
fn a_second_sigterm_ends_an_explorer_stuck_writing() {
    let mut explorer = Explorer::start();
    let pid = explorer.child.id();
    let deadline = Instant::now() + FIRST_FRAME_WITHIN;
    loop {
        match main_thread_in_write(pid) {
            Some(true) => break,
            Some(false) => {}
            None => {
                eprintln!("cannot read /proc/{pid}/syscall: not checking that the explorer is blocked writing");
                sleep(Duration::from_millis(1500));
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the explorer never blocked writing to an unread terminal"
        );
        sleep(Duration::from_millis(50));
    }
    explorer.signal(Signal::SIGTERM);
    sleep(Duration::from_millis(200));
    explorer.signal(Signal::SIGTERM);
    let deadline = Instant::now() + END_WITHIN;
    let status = loop {
        if let Some(status) = explorer.child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running {END_WITHIN:?} after the second SIGTERM"
        );
        sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(143), "{status}");
}

/// Whether the process's main thread is blocked in write(2), from the system call number that Linux
/// shows in `/proc/PID/syscall` (readable by the parent); `None` where that file cannot be read.
#[cfg(target_os = "linux")]
fn main_thread_in_write(pid: u32) -> Option<bool> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/syscall")).ok()?;
    Some(text.split_whitespace().next() == Some(nix::libc::SYS_write.to_string().as_str()))
}
