//! The engine on a worker thread: the explorer sends [`Command`]s and receives [`Report`] without ever
//! waiting for training.

use super::{Command, Engine};
use crate::screens::{Job, Report};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the worker runs a batch of epochs while training.
pub const TICK: Duration = Duration::from_millis(20);

/// The explorer's handle on the worker: dropping it (or sending on a closed channel) stops the thread.
pub struct Worker {
    pub commands: Sender<Command>,
    pub progress: Receiver<Report>,
    handle: Option<JoinHandle<()>>,
}

/// Starts `engine` on its own thread, running `epochs_per_tick` epochs every [`TICK`] while training.
/// A lab's long work (the linear screen's exact path and cross-validation) runs on a thread of its
/// own, so training and commands never wait for it; the lab cancels it when its data changes or the
/// engine stops.
/// `wake` is called after each message is sent (the explorer uses it to wake its event loop).
pub fn spawn(mut engine: Engine, epochs_per_tick: usize, wake: impl Fn() + Send + Sync + 'static) -> Worker {
    let (command_tx, command_rx) = mpsc::channel::<Command>();
    let (progress_tx, progress_rx) = mpsc::channel::<Report>();
    let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
    let handle = std::thread::Builder::new()
        .name("regscope-engine".into())
        .spawn(move || {
            let send = |p: Report| {
                let ok = progress_tx.send(p).is_ok();
                wake();
                ok
            };
            loop {
                // New data (at start or after a command) leaves a job; its reports follow the Reset.
                for job in engine.take_jobs() {
                    if let Err(message) = spawn_job(job, progress_tx.clone(), Arc::clone(&wake)) {
                        if !send(Report::Error(message)) {
                            return;
                        }
                    }
                }
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
                if engine.wants_epochs() && !train_one_tick(&mut engine, epochs_per_tick, &send) {
                    return;
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

/// Runs the epochs of one tick: as many as the lab's pace asks (at least `epochs_per_tick`), in
/// chunks, stopping after the chunk that passes [`TICK`] so that a slow epoch (wide data) never keeps
/// the worker from its commands for long. Returns false when nobody listens any more.
fn train_one_tick(engine: &mut Engine, epochs_per_tick: usize, send: &impl Fn(Report) -> bool) -> bool {
    let start = std::time::Instant::now();
    let mut left = epochs_per_tick.max(engine.pace()).min(engine.epochs_wanted()).max(1);
    let chunk = (left / 8).max(1);
    while left > 0 && engine.wants_epochs() {
        let count = chunk.min(left);
        if !send(engine.advance(count)) {
            return false;
        }
        left -= count;
        if start.elapsed() >= TICK {
            break;
        }
    }
    true
}

/// Runs `job` on its own thread, sending its reports to `progress`; it ends when done, cancelled, or
/// when nobody receives any more.
fn spawn_job(job: Job<Report>, progress: Sender<Report>, wake: Arc<dyn Fn() + Send + Sync>) -> Result<(), String> {
    std::thread::Builder::new()
        .name("regscope-job".into())
        .spawn(move || {
            job.run(&|p| {
                let ok = progress.send(p).is_ok();
                wake();
                ok
            })
        })
        .map(drop)
        .map_err(|e| format!("cannot start a background computation: {e}"))
}

impl Worker {
    /// Sends a command; a stopped worker is ignored (the explorer is closing).
    pub fn send(&self, command: Command) {
        let _ = self.commands.send(command);
    }
}

impl Drop for Worker {
    /// Closes the command channel, which ends the worker's loop at its next wait, and detaches the
    /// thread instead of joining it: the worker may be in the middle of a long computation (new data,
    /// its exact path and cross-validation), and the explorer's exit, after a quit, a signal or a lost
    /// terminal, must not wait for that. The thread owns nothing but memory, and it stops by itself as
    /// soon as it next sends or waits.
    fn drop(&mut self) {
        let (closed, _) = mpsc::channel();
        self.commands = closed;
        drop(self.handle.take());
    }
}
