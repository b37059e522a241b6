//! The engine on a worker thread: the explorer sends [`Command`]s and receives [`Progress`] without ever
//! waiting for training.

use super::{Command, Engine, Progress};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the worker runs a batch of epochs while training.
pub const TICK: Duration = Duration::from_millis(20);

/// The explorer's handle on the worker: dropping it (or sending on a closed channel) stops the thread.
pub struct Worker {
    pub commands: Sender<Command>,
    pub progress: Receiver<Progress>,
    handle: Option<JoinHandle<()>>,
}

/// Starts `engine` on its own thread, running `epochs_per_tick` epochs every [`TICK`] while training.
/// `wake` is called after each message is sent (the explorer uses it to wake its event loop).
pub fn spawn(mut engine: Engine, epochs_per_tick: usize, wake: impl Fn() + Send + 'static) -> Worker {
    let (command_tx, command_rx) = mpsc::channel::<Command>();
    let (progress_tx, progress_rx) = mpsc::channel::<Progress>();
    let handle = std::thread::Builder::new()
        .name("regscope-engine".into())
        .spawn(move || {
            let send = |p: Progress| {
                let ok = progress_tx.send(p).is_ok();
                wake();
                ok
            };
            loop {
                let wait = if engine.wants_epochs() {
                    TICK
                } else {
                    Duration::from_millis(250)
                };
                match command_rx.recv_timeout(wait) {
                    Ok(command) => {
                        for p in engine.handle(command) {
                            if !send(p) {
                                return;
                            }
                        }
                        // Take every queued command before training further.
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                    Err(RecvTimeoutError::Timeout) => {}
                }
                if engine.wants_epochs() {
                    let count = epochs_per_tick.min(engine.epochs_wanted()).max(1);
                    if !send(engine.advance(count)) {
                        return;
                    }
                }
            }
        })
        .expect("the engine thread starts");
    Worker {
        commands: command_tx,
        progress: progress_rx,
        handle: Some(handle),
    }
}

impl Worker {
    /// Sends a command; a stopped worker is ignored (the explorer is closing).
    pub fn send(&self, command: Command) {
        let _ = self.commands.send(command);
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the command channel ends the loop at its next wait.
        let (closed, _) = mpsc::channel();
        self.commands = closed;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}
