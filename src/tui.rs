//! The explorer in a real terminal: the only place with a terminal, an input thread and a clock.
//!
//! One event loop, as bottom does it: the input thread and the engine's worker both wake one channel;
//! the loop drains engine reports, turns keys (and, with `--mouse`, wheel turns) into actions through
//! the global binding table and the active screen's, and redraws only when something changed.
//! Training never blocks the loop, so a keypress is drawn in the next frame.
//!
//! The explorer never outlives its terminal. crossterm's reader retries for ever when its terminal hangs
//! up (a read of 0 bytes or EIO is neither data nor "would block"), so it runs on its own thread and the
//! loop never calls into it; the loop wakes at least every `POLL` (30 ms), and each time looks at the
//! signal flag and asks the terminal whether it is still one (one `isatty`, which fails once the
//! terminal is hung up). Quit, SIGTERM/SIGHUP/SIGINT, a lost terminal, an error and a panic all restore the terminal;
//! once the explorer is stopping, a further signal ends the process at once.

use crate::app::{keymap, update, State};
use crate::engine::{worker, Engine};
use crate::screens::keys::Wheel;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::{DefaultTerminal, Terminal};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{stdin, stdout, IsTerminal};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

/// The longest the loop waits for input or progress before it looks at signals and the terminal again.
const POLL: Duration = Duration::from_millis(30);

/// Options of the explorer itself.
pub struct TuiOptions {
    pub mouse: bool,
    pub monochrome: bool,
    pub epochs_per_tick: usize,
}

/// How the explorer ended, so that `main` can exit with the status a shell expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// This signal (SIGTERM, SIGHUP or SIGINT) asked it to stop.
    Signal(i32),
    /// The terminal went away (hung up, input closed) before any signal said so.
    TerminalLost,
}

impl Ending {
    /// The process exit status: 0 after a quit, 128 + the signal number after a signal (130 SIGINT,
    /// 129 SIGHUP, 143 SIGTERM), and SIGHUP's 129 for a lost terminal: that is a hang-up whether or not
    /// its signal reached us first, and one event should not give two statuses.
    pub fn exit_status(self) -> u8 {
        let signal = match self {
            Ending::Quit => return 0,
            Ending::Signal(signal) => signal,
            Ending::TerminalLost => SIGHUP,
        };
        u8::try_from(128 + signal).unwrap_or(u8::MAX)
    }
}

/// Why the explorer could not run: a usage problem (no terminal to run in) or a terminal failure.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// Standard output is not a terminal: the caller should point to the headless subcommands.
    #[error(
        "standard output is not a terminal; for headless use see `regscope snapshot`, `regscope train`, \
         `regscope path` and `regscope generate`"
    )]
    NotATerminal,
    /// The terminal could not be set up, drawn on or read.
    #[error("{0}")]
    Terminal(String),
}

/// Runs the explorer until the user quits, a signal arrives or the terminal goes away.
pub fn run(engine: Engine, mut state: State, options: TuiOptions) -> Result<Ending, TuiError> {
    if !stdout().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    state.monochrome = options.monochrome;
    let signals = StopSignals::watch().map_err(|e| TuiError::Terminal(format!("cannot watch signals: {e}")))?;
    let tty = Tty::of_this_process();
    let mut screen = Screen::start(options.mouse)?;
    let (wake, woken) = mpsc::channel();
    spawn_input(wake.clone()).map_err(|e| TuiError::Terminal(format!("cannot read input: {e}")))?;
    let worker = worker::spawn(engine, options.epochs_per_tick, move || {
        let _ = wake.send(Wake::Engine);
    });
    let result = event_loop(&mut screen, &mut state, &worker, &woken, &signals, &tty);
    signals.begin_stopping();
    drop(screen);
    drop(worker);
    settle(result, &signals, &tty)
}

/// What wakes the loop.
enum Wake {
    /// A terminal event from the input thread.
    Input(Event),
    /// The input thread's reader failed; the thread has ended.
    InputFailed(std::io::Error),
    /// The engine sent progress.
    Engine,
}

/// Reads terminal events on their own thread, for ever. crossterm's reader spins inside `poll`/`read`
/// once the terminal hangs up, so it must never run on the loop's thread; here it can only keep this
/// thread busy until the loop, which does not depend on it, sees the terminal gone and the process exits.
fn spawn_input(wake: Sender<Wake>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("regscope-input".into())
        .spawn(move || loop {
            match event::read() {
                Ok(event) => {
                    if wake.send(Wake::Input(event)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = wake.send(Wake::InputFailed(e));
                    return;
                }
            }
        })
        .map(drop)
}

/// The loop: each turn looks at signals, the quit flag and the terminal first (so nothing can starve
/// them), then applies progress, redraws if needed and waits at most [`POLL`] for the next wake-up.
fn event_loop(
    screen: &mut Screen,
    state: &mut State,
    worker: &worker::Worker,
    woken: &Receiver<Wake>,
    signals: &StopSignals,
    tty: &Tty,
) -> Result<Ending, TuiError> {
    let mut dirty = true;
    loop {
        if let Some(signal) = signals.caught() {
            return Ok(Ending::Signal(signal));
        }
        if state.quit {
            return Ok(Ending::Quit);
        }
        if tty.lost() {
            return Ok(Ending::TerminalLost);
        }
        while let Ok(progress) = worker.progress.try_recv() {
            state.apply(progress);
            dirty = true;
        }
        // A tour's step may have waited for these reports (its data's paths) to finish.
        for command in crate::app::tour::follow_up(state) {
            worker.send(command);
        }
        if dirty {
            screen.draw(state)?;
            dirty = false;
        }
        let first = match woken.recv_timeout(POLL) {
            Ok(wake) => wake,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Err(TuiError::Terminal("input stopped".into())),
        };
        for wake in std::iter::once(first).chain(woken.try_iter()) {
            dirty |= handle(state, worker, wake)?;
        }
        if state.export_request.is_some() {
            // `e` / `E`: the frame as the terminal shows it, at its size, named by the time. Any
            // failure is a message in the status line.
            match screen.size() {
                Ok(size) => {
                    let now = crate::app::timestamp(std::time::SystemTime::now());
                    crate::app::export_frame(state, size.width, size.height, &now);
                }
                Err(e) => {
                    state.export_request = None;
                    state.message = Some(e.to_string());
                }
            }
        }
    }
}

/// Applies one wake-up to the state; returns whether the screen must be redrawn.
fn handle(state: &mut State, worker: &worker::Worker, wake: Wake) -> Result<bool, TuiError> {
    let action = match wake {
        Wake::Engine => return Ok(false),
        Wake::InputFailed(e) => return Err(TuiError::Terminal(format!("cannot read input: {e}"))),
        Wake::Input(Event::Resize(..)) => return Ok(true),
        Wake::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => match keymap::action_in(state, &key) {
            Some(action) => action,
            None => return Ok(true),
        },
        Wake::Input(Event::Mouse(mouse)) => {
            let wheel = match mouse.kind {
                MouseEventKind::ScrollDown => Wheel::Down,
                MouseEventKind::ScrollUp => Wheel::Up,
                _ => return Ok(false),
            };
            match keymap::action_for_wheel(state.active, wheel) {
                Some(action) => action,
                None => return Ok(false),
            }
        }
        Wake::Input(_) => return Ok(false),
    };
    for command in update(state, action) {
        worker.send(command);
    }
    Ok(true)
}

/// The loop's result as the caller should see it: a failure (a draw or read error) that a signal or a
/// hang-up caused is that signal or hang-up, not a terminal failure.
fn settle(result: Result<Ending, TuiError>, signals: &StopSignals, tty: &Tty) -> Result<Ending, TuiError> {
    match result {
        Err(TuiError::Terminal(message)) => match signals.caught() {
            Some(signal) => Ok(Ending::Signal(signal)),
            None if tty.lost() => Ok(Ending::TerminalLost),
            None => Err(TuiError::Terminal(message)),
        },
        other => other,
    }
}

/// SIGTERM, SIGHUP and SIGINT. The first one asks the loop to stop, which then restores the terminal;
/// once stopping has begun (after a signal, a quit or a lost terminal) the next one ends the process at
/// once with 128 + its number, so a shutdown stuck on a terminal that no longer reads cannot make a
/// signal ignored.
struct StopSignals {
    /// The number of the last signal caught, 0 for none.
    caught: Arc<AtomicUsize>,
    /// Arms the immediate exit.
    stopping: Arc<AtomicBool>,
}

impl StopSignals {
    /// Installs the handlers. The immediate exit is registered before the flag that arms it, so the
    /// first signal only arms it (signal-hook runs a signal's actions in registration order).
    fn watch() -> std::io::Result<Self> {
        let signals = Self {
            caught: Arc::new(AtomicUsize::new(0)),
            stopping: Arc::new(AtomicBool::new(false)),
        };
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&signals.stopping))?;
            signal_hook::flag::register_usize(signal, Arc::clone(&signals.caught), signal as usize)?;
            signal_hook::flag::register(signal, Arc::clone(&signals.stopping))?;
        }
        Ok(signals)
    }

    /// The signal that asked the explorer to stop, if any.
    fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    /// From now on a signal ends the process at once.
    fn begin_stopping(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }
}

/// Whether the terminal is still there. A hung-up terminal (tmux killed, SSH dropped, window closed)
/// fails every `ioctl` with EIO, so `isatty` turns false on it: one cheap system call per turn of the
/// loop, independent of the input thread.
struct Tty {
    /// Standard input was a terminal at start (else crossterm reads `/dev/tty` and only stdout tells).
    stdin_was_terminal: bool,
}

impl Tty {
    fn of_this_process() -> Self {
        Self {
            stdin_was_terminal: stdin().is_terminal(),
        }
    }

    fn lost(&self) -> bool {
        !stdout().is_terminal() || (self.stdin_was_terminal && !stdin().is_terminal())
    }
}

/// The terminal in raw mode on the alternate screen. Restored when dropped, whatever ends the loop
/// (unwinding from a panic too), and by the panic hook before a panic's message prints.
struct Screen {
    /// Always `Some` until dropped.
    terminal: Option<DefaultTerminal>,
    mouse: bool,
}

impl Screen {
    /// Raw mode, the alternate screen and (if asked) mouse capture, with a panic hook that undoes them
    /// before the message prints. If any step fails, what was done is undone.
    fn start(mouse: bool) -> Result<Self, TuiError> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            reset_terminal(mouse);
            previous(info);
        }));
        let started = enable_raw_mode()
            .and_then(|()| execute!(stdout(), EnterAlternateScreen))
            .and_then(|()| {
                if mouse {
                    execute!(stdout(), EnableMouseCapture)
                } else {
                    Ok(())
                }
            })
            .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
        match started {
            Ok(terminal) => Ok(Self {
                terminal: Some(terminal),
                mouse,
            }),
            Err(e) => {
                reset_terminal(mouse);
                Err(TuiError::Terminal(format!("cannot start the terminal: {e}")))
            }
        }
    }

    /// Draws one frame of `state`.
    fn draw(&mut self, state: &State) -> Result<(), TuiError> {
        let terminal = self
            .terminal
            .as_mut()
            .ok_or_else(|| TuiError::Terminal("cannot draw: the terminal is closed".into()))?;
        terminal
            .draw(|frame| crate::app::draw(state, frame))
            .map(drop)
            .map_err(|e| TuiError::Terminal(format!("cannot draw: {e}")))
    }
}

impl Screen {
    /// The terminal's size in cells.
    fn size(&self) -> Result<ratatui::layout::Size, TuiError> {
        let terminal = self
            .terminal
            .as_ref()
            .ok_or_else(|| TuiError::Terminal("cannot export: the terminal is closed".into()))?;
        terminal
            .size()
            .map_err(|e| TuiError::Terminal(format!("cannot read the terminal's size: {e}")))
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        reset_terminal(self.mouse);
        if let Some(mut terminal) = self.terminal.take() {
            if terminal.show_cursor().is_err() {
                // ratatui's own drop would try again and report the failure with `eprintln!`, which
                // panics when standard error is the same dead terminal: skip it (this only leaks the
                // frame buffers of a process that is exiting).
                std::mem::forget(terminal);
            }
        }
    }
}

/// Undoes mouse capture, raw mode and the alternate screen, each step on its own with its error
/// ignored: on a hung-up terminal any of them can fail (EIO, never block), and the rest are still worth
/// trying.
fn reset_terminal(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}
