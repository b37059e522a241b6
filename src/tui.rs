//! The explorer in a real terminal: the only place with a terminal, an input thread and a clock.
//!
//! One event loop, as bottom does it: the input thread and the engine's worker both wake one channel;
//! the loop drains engine progress, handles keys, and redraws only when something changed. Training
//! never blocks the loop, so a keypress is drawn in the next frame. The terminal is restored on quit,
//! on a panic (the hook restores before the message prints), and on SIGTERM/SIGHUP/SIGINT.

use crate::app::{keymap, update, State};
use crate::engine::{worker, Engine};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind};
use ratatui::crossterm::execute;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long the loop waits for input before looking at the engine again.
const POLL: Duration = Duration::from_millis(30);

/// Options of the explorer itself.
pub struct TuiOptions {
    pub mouse: bool,
    pub monochrome: bool,
    pub epochs_per_tick: usize,
}

/// Runs the explorer until the user quits or a signal arrives.
pub fn run(engine: Engine, mut state: State, options: TuiOptions) -> Result<(), String> {
    if !std::io::stdout().is_terminal() {
        return Err(
            "standard output is not a terminal; for headless use see `regscope snapshot`, `regscope \
                    train`, `regscope path` and `regscope generate`"
                .into(),
        );
    }
    state.monochrome = options.monochrome;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(|e| format!("cannot watch signals: {e}"))?;
    }
    let mut terminal = ratatui::try_init().map_err(|e| format!("cannot start the terminal: {e}"))?;
    let mouse = options.mouse;
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
        // ratatui's panic hook restores the screen but not mouse capture: release it first.
        let restore_screen = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            restore_screen(info);
        }));
    }
    let _restore = Restore { mouse };
    let worker = worker::spawn(engine, options.epochs_per_tick, || {});

    let mut dirty = true;
    while !state.quit && !stop.load(Ordering::Relaxed) {
        while let Ok(progress) = worker.progress.try_recv() {
            state.apply(progress);
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|frame| crate::ui::draw(&state, frame))
                .map_err(|e| format!("cannot draw: {e}"))?;
            dirty = false;
        }
        if event::poll(POLL).map_err(|e| format!("cannot read input: {e}"))? {
            match event::read().map_err(|e| format!("cannot read input: {e}"))? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(action) = keymap::action_for(&key) {
                        for command in update(&mut state, action) {
                            worker.send(command);
                        }
                    }
                    dirty = true;
                }
                Event::Mouse(mouse) => {
                    let action = match mouse.kind {
                        MouseEventKind::ScrollDown => Some(crate::app::Action::ScrollWeights(1)),
                        MouseEventKind::ScrollUp => Some(crate::app::Action::ScrollWeights(-1)),
                        _ => None,
                    };
                    if let Some(action) = action {
                        for command in update(&mut state, action) {
                            worker.send(command);
                        }
                        dirty = true;
                    }
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
    }
    Ok(())
}

/// Restores the terminal when dropped, whether the loop ended normally or with an error.
struct Restore {
    mouse: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        if self.mouse {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
        }
        let _ = ratatui::try_restore();
    }
}
