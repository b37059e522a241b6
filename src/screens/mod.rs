//! The explorer's screens, one folder each, and the registry that lists them.
//!
//! A screen is one self-contained slice of the explorer:
//!
//! ```text
//! src/screens/<name>/
//!   settings.rs  Settings: the only copy of what the user sets on that screen
//!   lab.rs       the trainers it runs, behind [`Lab`]: configure(&Settings), advance(epochs) -> Report
//!   view.rs      everything drawing needs, folded from the lab's reports when they arrive (never per frame)
//!   keys.rs      its binding table: actions named for what they do there; help, hints and mouse use it
//!   mod.rs       the [`Screen`]: settings + view, update (action -> settings), apply (report -> view)
//!   draw*        pure drawing of the view (imports `ui` and its own view, nothing of fit or engine)
//! ```
//!
//! The registry at the bottom of this file is one line per screen (beside its `pub mod` at the top); the macro writes from it the
//! enums that carry settings, reports and actions between `app`, `engine` and the screens, and the
//! dispatch from a [`ScreenId`] to the screen. The engine drives whichever lab is active through
//! [`Labs`] and knows no screen by name.

pub mod classification;
pub mod dropout;
pub mod geometry;
pub mod keys;
pub mod linear;
pub mod model;

use crate::ui::Chrome;
use keys::Binding;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::fmt::Debug;

/// Where a job's reports go; returns false when nobody listens any more (the job then stops). Called
/// from worker threads, hence `Sync`.
pub type Sink<'a, R> = &'a (dyn Fn(R) -> bool + Sync);

/// Long work a lab hands out to run off the engine's thread (the linear screen's exact path and its
/// cross-validation), reporting through a sink as it goes.
pub struct Job<R: 'static>(Box<dyn JobFn<R>>);

/// The work of a [`Job`]: run once, on any thread, with a sink for its reports.
pub trait JobFn<R>: for<'a> FnOnce(Sink<'a, R>) + Send {}

impl<R, F: for<'a> FnOnce(Sink<'a, R>) + Send> JobFn<R> for F {}

impl<R: Send + 'static> Job<R> {
    pub fn new(run: impl for<'a> FnOnce(Sink<'a, R>) + Send + 'static) -> Self {
        Self(Box::new(run))
    }

    /// Runs the job here, sending its reports to `sink`.
    pub fn run(self, sink: Sink<R>) {
        (self.0)(sink)
    }

    /// The same job with every report wrapped by `wrap` (a screen's report into the registry's).
    pub fn map<S: Send + 'static>(self, wrap: fn(R) -> S) -> Job<S> {
        Job::new(move |sink: Sink<S>| self.run(&|r| sink(wrap(r))))
    }

    /// Runs the job here to completion and returns its reports in order (headless use).
    pub fn run_here(self) -> Vec<R> {
        let reports = std::sync::Mutex::new(Vec::new());
        self.run(&|r| reports.lock().map(|mut v| v.push(r)).is_ok());
        reports.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The trainers of one screen, as the engine drives them. Settings come in whole (the screen's only
/// copy, sent by `app`); nothing is echoed back but what was computed.
pub trait Lab: Send + 'static {
    type Settings;
    type Report;
    /// Makes the lab match `settings` (new data, a new penalty, a new rate...); training goes on.
    fn configure(&mut self, settings: &Self::Settings) -> Vec<Self::Report>;
    /// Runs `epochs` epochs, paused or not.
    fn advance(&mut self, epochs: usize) -> Self::Report;
    /// Epochs the lab still wants to run before it rests (0: settled).
    fn epochs_wanted(&self) -> usize;
    /// Epochs to run per tick of the explorer's clock, at least: a lab whose training slows down as it
    /// converges asks for more as it goes, so it settles in seconds, not minutes.
    fn pace(&self) -> usize {
        1
    }
    /// Long work pending for the current data, to run elsewhere.
    fn take_jobs(&mut self) -> Vec<Job<Self::Report>> {
        Vec::new()
    }
}

/// What a session starts from (the command line's choices).
pub struct Start {
    /// Where the linear screen's data comes from (a scenario or a CSV).
    pub source: linear::DataSource,
    /// The scenario named on the command line, if any.
    pub scenario: Option<String>,
    /// The seed given on the command line, if any.
    pub seed: Option<u64>,
    /// Epochs the linear models train after start.
    pub epochs: usize,
}

/// What an action did to a screen's state.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// The settings changed: the lab must be configured with them.
    pub configure: bool,
    /// A one-line note for the status line.
    pub message: Option<String>,
}

impl Outcome {
    pub const NONE: Outcome = Outcome {
        configure: false,
        message: None,
    };
    pub const CONFIGURE: Outcome = Outcome {
        configure: true,
        message: None,
    };

    pub fn note(message: impl Into<String>) -> Self {
        Self {
            configure: false,
            message: Some(message.into()),
        }
    }
}

/// One screen: its settings and view, how actions change them and reports fill them, how it draws.
pub trait Screen: Clone + Debug + Sized {
    type Settings: Clone + Debug + PartialEq + Send + 'static;
    type Action: Copy + Debug + PartialEq + Send + 'static;
    type Report: Debug + Send + 'static;
    type Lab: Lab<Settings = Self::Settings, Report = Self::Report>;
    /// The name in help and in messages.
    const NAME: &'static str;
    /// The screen's binding table (the global keys are `app`'s).
    const KEYS: &'static [Binding<Self::Action>];
    /// What the abbreviations of its status line mean, for the foot of the help.
    const STATUS_LEGEND: &'static str = "";
    /// Whether its lab trains (a screen whose every number is exact has nothing for `s` to step).
    const TRAINS: bool = true;
    /// Whether a scenario name belongs to this screen (the explorer then opens on it).
    fn owns_scenario(name: &str) -> bool {
        Self::scenarios().contains(&name)
    }
    /// The scenario names this screen owns (listed when a name is unknown).
    fn scenarios() -> Vec<&'static str> {
        Vec::new()
    }
    /// The screen and its lab for a session, the lab's first reports applied.
    fn start(start: &Start) -> Result<(Self, Self::Lab), String>;
    fn settings(&self) -> &Self::Settings;
    /// Applies an action to the settings or the view.
    fn update(&mut self, action: Self::Action) -> Outcome;
    /// Folds a report of the lab into the view; returns a note for the status line, if any.
    fn apply(&mut self, report: Self::Report) -> Option<String>;
    /// Hides the focused panel or shows them all (the presenter keys `x` `X`); returns a note for the
    /// status line.
    fn panels(&mut self, command: crate::ui::panels::PanelCommand) -> Option<String> {
        let _ = command;
        Some(format!("the {} screen has one panel", Self::NAME))
    }
    /// Draws the screen (body and status lines) into `area`.
    fn draw(&self, frame: &mut Frame, area: Rect, chrome: &Chrome);
    /// The state behind the frame as a JSON object (`snapshot --format json`; each screen's
    /// `export.rs`), so that tests and scripts read numbers rather than drawn text.
    fn export(&self) -> serde_json::Value;
}

/// Writes the registry from the list of screens, one line per screen: the enums and dispatch below.
/// (The screens' modules are declared above it, outside the macro, so that `cargo fmt` reaches them:
/// rustfmt does not follow modules declared inside a macro.)
macro_rules! registry {
    ($($Variant:ident => $module:ident),+ $(,)?) => {
        /// Which screen.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ScreenId {
            $($Variant),+
        }

        impl ScreenId {
            /// Every screen, in the order `d` cycles through them.
            pub const ALL: &'static [ScreenId] = &[$(ScreenId::$Variant),+];

            pub fn name(self) -> &'static str {
                match self {
                    $(ScreenId::$Variant => <$module::Screen as Screen>::NAME),+
                }
            }

            /// The screen after this one (the last is followed by the first).
            pub fn next(self) -> Self {
                let i = Self::ALL.iter().position(|&s| s == self).unwrap_or(0);
                Self::ALL[(i + 1) % Self::ALL.len()]
            }

            /// `(label, help)` of every row of the screen's binding table.
            pub fn help_rows(self) -> Vec<(&'static str, &'static str)> {
                match self {
                    $(ScreenId::$Variant => keys::help_rows(<$module::Screen as Screen>::KEYS)),+
                }
            }

            /// Every key of the screen's binding table, row by row.
            pub fn keys(self) -> Vec<keys::Key> {
                match self {
                    $(ScreenId::$Variant => <$module::Screen as Screen>::KEYS
                        .iter()
                        .flat_map(|b| b.keys.iter().copied())
                        .collect()),+
                }
            }

            /// Whether the screen's lab trains anything.
            pub fn trains(self) -> bool {
                match self {
                    $(ScreenId::$Variant => <$module::Screen as Screen>::TRAINS),+
                }
            }

            /// What the screen's status line abbreviations mean.
            pub fn status_legend(self) -> &'static str {
                match self {
                    $(ScreenId::$Variant => <$module::Screen as Screen>::STATUS_LEGEND),+
                }
            }

            /// The screen's action for a key press, if its table binds the key.
            pub fn action_for(self, event: &KeyEvent) -> Option<ScreenAction> {
                match self {
                    $(ScreenId::$Variant => keys::action_for(<$module::Screen as Screen>::KEYS, event)
                        .map(ScreenAction::$Variant)),+
                }
            }

            /// The screen's action for a wheel turn, if its table binds it.
            pub fn action_for_wheel(self, wheel: keys::Wheel) -> Option<ScreenAction> {
                match self {
                    $(ScreenId::$Variant => keys::action_for_wheel(<$module::Screen as Screen>::KEYS, wheel)
                        .map(ScreenAction::$Variant)),+
                }
            }

            /// Every screen's own scenario names, for messages that list what exists.
            pub fn scenarios() -> Vec<&'static str> {
                let mut names = Vec::new();
                $(names.extend(<$module::Screen as Screen>::scenarios());)+
                names
            }

            /// The screen whose scenario `name` is, if any.
            pub fn owning(name: &str) -> Option<Self> {
                $(if <$module::Screen as Screen>::owns_scenario(name) {
                    return Some(ScreenId::$Variant);
                })+
                None
            }
        }

        /// A screen's settings, as a command carries them to the engine.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Settings {
            $($Variant(<$module::Screen as Screen>::Settings)),+
        }

        /// A report of a lab (or of the engine: `Error`).
        #[derive(Debug)]
        pub enum Report {
            $($Variant(<$module::Screen as Screen>::Report),)+
            /// Something failed outside any lab (a thread that could not start).
            Error(String),
        }

        /// A screen's action.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum ScreenAction {
            $($Variant(<$module::Screen as Screen>::Action)),+
        }

        /// Every screen's state: settings and view.
        #[derive(Clone, Debug)]
        pub struct Screens {
            $(pub $module: $module::Screen),+
        }

        /// Every screen's lab.
        pub struct Labs {
            $(pub $module: <$module::Screen as Screen>::Lab),+
        }

        /// Every screen and its lab for a session.
        pub fn start(start: &Start) -> Result<(Screens, Labs), String> {
            $(let $module = <$module::Screen as Screen>::start(start)?;)+
            Ok((Screens { $($module: $module.0),+ }, Labs { $($module: $module.1),+ }))
        }

        impl Screens {
            /// The settings of screen `id`, to send to its lab.
            pub fn settings(&self, id: ScreenId) -> Settings {
                match id {
                    $(ScreenId::$Variant => Settings::$Variant(self.$module.settings().clone())),+
                }
            }

            /// Applies a screen's action; returns what it did and the screen it belongs to.
            pub fn update(&mut self, action: ScreenAction) -> (ScreenId, Outcome) {
                match action {
                    $(ScreenAction::$Variant(a) => (ScreenId::$Variant, self.$module.update(a))),+
                }
            }

            /// Folds a report into its screen's view; returns a note for the status line, if any.
            pub fn apply(&mut self, report: Report) -> Option<String> {
                match report {
                    $(Report::$Variant(r) => self.$module.apply(r),)+
                    Report::Error(message) => Some(message),
                }
            }

            /// Screen `id`'s state as JSON: `{"screen": <its module's name>, ...its own fields}`.
            pub fn export(&self, id: ScreenId) -> serde_json::Value {
                let (name, fields) = match id {
                    $(ScreenId::$Variant => (stringify!($module), self.$module.export())),+
                };
                let mut object = serde_json::Map::new();
                object.insert("screen".into(), name.into());
                if let serde_json::Value::Object(fields) = fields {
                    object.extend(fields);
                }
                serde_json::Value::Object(object)
            }

            /// Hides screen `id`'s focused panel or shows them all; returns a note for the status line.
            pub fn panels(&mut self, id: ScreenId, command: crate::ui::panels::PanelCommand) -> Option<String> {
                match id {
                    $(ScreenId::$Variant => self.$module.panels(command)),+
                }
            }

            /// Draws screen `id`.
            pub fn draw(&self, id: ScreenId, frame: &mut Frame, area: Rect, chrome: &Chrome) {
                match id {
                    $(ScreenId::$Variant => self.$module.draw(frame, area, chrome)),+
                }
            }
        }

        impl Labs {
            /// Configures the lab the settings belong to.
            pub fn configure(&mut self, settings: &Settings) -> Vec<Report> {
                match settings {
                    $(Settings::$Variant(s) => self.$module.configure(s).into_iter().map(Report::$Variant).collect()),+
                }
            }

            /// Runs `epochs` epochs of lab `id`.
            pub fn advance(&mut self, id: ScreenId, epochs: usize) -> Report {
                match id {
                    $(ScreenId::$Variant => Report::$Variant(self.$module.advance(epochs))),+
                }
            }

            /// Epochs lab `id` still wants.
            pub fn epochs_wanted(&self, id: ScreenId) -> usize {
                match id {
                    $(ScreenId::$Variant => self.$module.epochs_wanted()),+
                }
            }

            /// The pace lab `id` asks for (see [`Lab::pace`]).
            pub fn pace(&self, id: ScreenId) -> usize {
                match id {
                    $(ScreenId::$Variant => self.$module.pace()),+
                }
            }

            /// Every lab's pending long work.
            pub fn take_jobs(&mut self) -> Vec<Job<Report>> {
                let mut jobs = Vec::new();
                $(jobs.extend(self.$module.take_jobs().into_iter().map(|job| job.map(Report::$Variant)));)+
                jobs
            }
        }
    };
}

// The registry: one line per screen, in the order `d` cycles through them. The first is the default.
registry! {
    Linear => linear,
    Dropout => dropout,
    Geometry => geometry,
    Classification => classification,
}
