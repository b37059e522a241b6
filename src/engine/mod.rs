//! The engine: holds every screen's lab, trains the active one, and turns [`Command`]s into reports.
//! It knows no screen by name: settings arrive whole in [`Command::Configure`] and go to the lab they
//! belong to (through the registry's [`Labs`]). It can be driven two ways with the same code: stepped
//! synchronously ([`Engine::handle_now`], [`Engine::advance`]: the `snapshot` and `train`
//! subcommands and the tests, where the number of epochs, not a clock, decides how far training got)
//! or on a worker thread ([`worker::spawn`]: the explorer). A lab's long work (the linear screen's
//! exact path and cross-validation) comes out as [`Job`]s that the worker runs on threads of their
//! own and headless callers run here ([`Engine::finish_jobs`]).

pub mod worker;

use crate::screens::{Job, Labs, Report, ScreenId, Settings};

/// What the explorer asks of the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A screen's settings changed: its lab follows them (the screen shown does not change).
    Configure(Settings),
    /// Show this screen: its lab trains from now on, the others rest.
    Show(ScreenId),
    SetPaused(bool),
    /// One epoch of the active lab, even when paused.
    Step,
}

/// Every lab, the active one, and whether training is paused.
pub struct Engine {
    labs: Labs,
    active: ScreenId,
    paused: bool,
}

impl Engine {
    pub fn new(labs: Labs, active: ScreenId) -> Self {
        Self {
            labs,
            active,
            paused: false,
        }
    }

    /// The labs, for headless use of one lab's own abilities (an exact lambda off the grid).
    pub fn labs_mut(&mut self) -> &mut Labs {
        &mut self.labs
    }

    pub fn active(&self) -> ScreenId {
        self.active
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Every lab's pending long work, to run elsewhere (the worker runs each on its own thread).
    pub fn take_jobs(&mut self) -> Vec<Job<Report>> {
        self.labs.take_jobs()
    }

    /// Runs the pending long work here, to completion, and returns its reports (headless use).
    pub fn finish_jobs(&mut self) -> Vec<Report> {
        self.take_jobs().into_iter().flat_map(Job::run_here).collect()
    }

    /// [`Engine::handle`] followed by [`Engine::finish_jobs`]: the command and everything it starts,
    /// done before this returns, so headless runs do not depend on a clock.
    pub fn handle_now(&mut self, command: Command) -> Vec<Report> {
        let mut reports = self.handle(command);
        reports.extend(self.finish_jobs());
        reports
    }

    /// Whether training should run now (not paused, and the active lab wants epochs).
    pub fn wants_epochs(&self) -> bool {
        !self.paused && self.epochs_wanted() > 0
    }

    /// Epochs the active lab still wants.
    pub fn epochs_wanted(&self) -> usize {
        self.labs.epochs_wanted(self.active)
    }

    /// The epochs per tick the active lab asks for.
    pub fn pace(&self) -> usize {
        self.labs.pace(self.active)
    }

    /// Runs `count` epochs of the active lab (paused or not).
    pub fn advance(&mut self, count: usize) -> Report {
        self.labs.advance(self.active, count)
    }

    /// Applies a command; returns what the explorer should learn of it.
    pub fn handle(&mut self, command: Command) -> Vec<Report> {
        match command {
            Command::Configure(settings) => self.labs.configure(&settings),
            Command::Show(screen) => {
                self.active = screen;
                Vec::new()
            }
            Command::SetPaused(paused) => {
                self.paused = paused;
                Vec::new()
            }
            Command::Step => vec![self.advance(1)],
        }
    }
}
