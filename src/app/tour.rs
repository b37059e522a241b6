//! A tour in the explorer: which step is shown, and how a step's settings reach the screens.
//!
//! Entering a step sets its screen's settings whole (the data, each model's lambda, the dropout
//! rate...) and shows its screen; the commands carry the settings to the engine as any key's would.
//! A choice that needs the cross-validation ("lambda_min") or the exact path (the keys a step presses,
//! such as `w`, "which weight dies next?") waits until the step's data has them: [`follow_up`] runs
//! after every batch of reports and finishes the step then. Free exploration stays possible at every
//! step; `b` enters the step again.

use super::{keymap, update, Action, State};
use crate::engine::Command;
use crate::screens::linear::{ModelId, Stage, MODELS};
use crate::screens::{classification, dropout, geometry, linear, ScreenId, Settings};
use crate::tour::{DropoutStep, GeometryStep, LinearStep, Position, StepSettings, Tour};
use crate::ui::narration::Shown;
use std::cell::Cell;

/// A tour in progress.
#[derive(Clone, Debug)]
pub struct TourState {
    pub tour: Tour,
    /// The step shown (0-based).
    pub step: usize,
    /// How much of the narration shows (`t`); the step indicator always does.
    pub narration: Shown,
    /// Whether the last frame drawn cut the narration: only drawing knows the room, so drawing records
    /// it, and `t` shows all of it only when there is more to show (else it hides it at once).
    pub narration_cut: Cell<bool>,
    /// What the step still has to do once its data's paths and cross-validation are ready.
    pending: Option<Pending>,
}

/// What a step waits for, by screen.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Linear(LinearPending),
    Classification(ClassPending),
}

/// A classification step waits for its data (made with its cross-validation, at once, by the lab):
/// then every model goes where `strength` says and the keys are pressed.
#[derive(Clone, Debug, PartialEq)]
struct ClassPending {
    preset: crate::data::classes::ClassPreset,
    seed: u64,
    strength: Position,
    keys: Vec<String>,
}

/// The part of a linear step that waits for the exact paths: cross-validated positions, then keys.
#[derive(Clone, Debug, PartialEq)]
struct LinearPending {
    positions: [Position; 4],
    keys: Vec<String>,
    /// The data the step asked for: only paths of data made from these knobs count (a regeneration
    /// already queued, or the old data, must not answer for it).
    knobs: linear::Knobs,
    /// Where the step put the models while it waits: if the user moves them (or asks for other data)
    /// before the paths arrive, the step gives way to the free exploration.
    entry: [usize; 4],
}

/// What the tour keys do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourAction {
    Next,
    Previous,
    /// All of the narration, then none, then what fits.
    ToggleNarration,
    /// Back to this step's settings, after free exploration.
    Restore,
    /// Pause or resume training (space, which pauses elsewhere, is "next step" in a tour).
    TogglePause,
}

impl TourState {
    pub fn new(tour: Tour) -> Self {
        Self {
            tour,
            step: 0,
            narration: Shown::Fitted,
            narration_cut: Cell::new(false),
            pending: None,
        }
    }

    /// Whether the step is still waiting for its data's paths (the narration panel says so).
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }
}

/// Starts `tour` at step `index` (0-based; clamped to the last step).
pub fn start(state: &mut State, tour: Tour, index: usize) -> Vec<Command> {
    state.tour = Some(TourState::new(tour));
    enter(state, index)
}

/// Applies a tour key.
pub fn act(state: &mut State, action: TourAction) -> Vec<Command> {
    let Some(tour) = state.tour.as_mut() else {
        return Vec::new();
    };
    let (step, last) = (tour.step, tour.tour.steps.len() - 1);
    match action {
        TourAction::Next if step == last => {
            state.message = Some("the last step of the tour (q quits, ← goes back)".into());
            Vec::new()
        }
        TourAction::Next => enter(state, step + 1),
        TourAction::Previous if step == 0 => {
            state.message = Some("the first step of the tour".into());
            Vec::new()
        }
        TourAction::Previous => enter(state, step - 1),
        TourAction::ToggleNarration => {
            tour.narration = match tour.narration {
                Shown::Fitted if !tour.narration_cut.get() => Shown::Hidden,
                shown => shown.next(),
            };
            Vec::new()
        }
        TourAction::Restore => enter(state, step),
        TourAction::TogglePause => update(state, super::Global::TogglePause),
    }
}

/// Shows step `index`: its screen, its settings; what needs the paths waits in `pending`.
pub fn enter(state: &mut State, index: usize) -> Vec<Command> {
    let Some(tour) = state.tour.as_mut() else {
        return Vec::new();
    };
    tour.step = index.min(tour.tour.steps.len() - 1);
    // All of a narration covers the screen's bottom: a new step starts with what fits.
    if tour.narration == Shown::Whole {
        tour.narration = Shown::Fitted;
    }
    let step = tour.tour.step(tour.step).clone();
    let mut commands = Vec::new();
    if state.active != step.screen {
        state.active = step.screen;
        commands.push(Command::Show(step.screen));
    }
    state.help = false;
    present(state, step.screen, step.zoom.as_deref());
    let settings = match &step.settings {
        StepSettings::Linear(linear) => {
            let screen = &mut state.screens.linear;
            // A question or answer of "which weight dies next?" belongs to the free exploration or
            // to another step; this step asks its own (its keys), if any.
            screen.view.next_zero = linear::view::NextZero::Idle;
            let settings = linear_settings(screen, &step.scenario, step.seed, linear);
            let pending = LinearPending {
                positions: linear.positions,
                keys: step.keys.clone(),
                knobs: settings.knobs.clone(),
                entry: settings.positions,
            };
            set_pending(state, Some(Pending::Linear(pending)));
            Settings::Linear(settings)
        }
        StepSettings::Classification(class) => {
            let screen = &mut state.screens.classification;
            // The step shows its own view: the path it names, log-loss and deviance unless its keys
            // switch them (a key that toggles must start from the same place every time).
            screen.view.path_model = class.path;
            screen.view.curves = classification::Curves::default();
            screen.view.cv_measure = classification::CvMeasure::default();
            let settings = classification::Settings {
                preset: classification::scenario_preset(&step.scenario).unwrap_or(screen.settings.preset),
                seed: step.seed.unwrap_or(classification::DEFAULT_SEED),
                positions: screen.settings.positions,
                l1_ratio: classification::settings::DEFAULT_L1_RATIO,
            };
            let pending = ClassPending {
                preset: settings.preset,
                seed: settings.seed,
                strength: class.strength,
                keys: step.keys.clone(),
            };
            set_pending(state, Some(Pending::Classification(pending)));
            Settings::Classification(settings)
        }
        StepSettings::Geometry(geometry) => {
            set_pending(state, None);
            Settings::Geometry(geometry_settings(step.seed, geometry))
        }
        StepSettings::Dropout(dropout) => {
            set_pending(state, None);
            Settings::Dropout(dropout_settings(
                &state.screens.dropout,
                &step.scenario,
                step.seed,
                dropout,
            ))
        }
    };
    if settings != state.screens.settings(step.screen) {
        set_settings(state, settings.clone());
        commands.push(Command::Configure(settings));
    }
    if let StepSettings::Dropout(_) | StepSettings::Geometry(_) = step.settings {
        commands.extend(press_keys(state, &step.keys));
    }
    commands.extend(follow_up(state));
    commands
}

/// The linear screen's settings for a step: its data, and each model where a grid step puts it (a
/// cross-validated choice starts at the default position until [`follow_up`] moves it).
fn linear_settings(
    screen: &mut linear::Screen,
    scenario: &str,
    seed: Option<u64>,
    step: &LinearStep,
) -> linear::Settings {
    let seed = seed.unwrap_or_else(|| crate::data::Scenario::named(scenario).map_or(1, |s| s.seed));
    // The session's own scenario needs no new data (a scenario named on the command line).
    let own = screen.settings.knobs.scenario.is_none() && screen.view.source_name == scenario;
    let knobs = linear::Knobs {
        scenario: (!own).then(|| scenario.to_string()),
        seed,
        noise_steps: 0,
        rho: None,
    };
    let positions = step.positions.map(|p| match p {
        Position::Step(k) => k,
        Position::CvMin | Position::Cv1se => linear::DEFAULT_POSITION,
    });
    screen.view.path_model = step.path;
    linear::Settings {
        positions: [0, positions[1], positions[2], positions[3]],
        l1_ratio: step.l1_ratio,
        knobs,
    }
}

/// The dropout screen's settings for a step.
fn dropout_settings(
    screen: &dropout::Screen,
    scenario: &str,
    seed: Option<u64>,
    step: &DropoutStep,
) -> dropout::Settings {
    let shape = dropout::scenario_shape(scenario).unwrap_or(screen.settings.shape);
    let defaults = dropout::Settings::new(shape, seed.unwrap_or(1));
    dropout::Settings {
        rate: step.rate,
        weight_decay: step.weight_decay.unwrap_or(defaults.weight_decay),
        restarts: screen.settings.restarts,
        ..defaults
    }
}

/// The geometry screen's settings for a step.
fn geometry_settings(seed: Option<u64>, step: &GeometryStep) -> geometry::Settings {
    geometry::Settings {
        penalty: step.penalty,
        position: step.position,
        l1_ratio: step.l1_ratio,
        correlation: step.correlation,
        angle_degrees: step.angle_degrees,
        seed: seed.unwrap_or(1),
    }
}

/// The step's presenter view: its panel zoomed (or none), every panel shown again.
fn present(state: &mut State, screen: ScreenId, zoom: Option<&str>) {
    state.presenter.zoom = zoom.is_some();
    let named = |title: &str| zoom.is_some_and(|z| title.eq_ignore_ascii_case(z));
    match screen {
        ScreenId::Linear => {
            let view = &mut state.screens.linear.view;
            view.hidden.clear();
            // The weights from their first row (a step on other data would keep a row of the last).
            view.weights_focus = 0;
            view.weights_scroll = 0;
            if let Some(&panel) = linear::view::Panel::ALL.iter().find(|p| named(p.title())) {
                view.panel = panel;
            }
        }
        ScreenId::Dropout => {
            let view = &mut state.screens.dropout.view;
            view.hidden.clear();
            if let Some(&panel) = dropout::Panel::ALL.iter().find(|p| named(p.title())) {
                view.panel = panel;
            }
        }
        ScreenId::Geometry => {
            let view = &mut state.screens.geometry.view;
            view.hidden.clear();
            if let Some(&panel) = geometry::Panel::ALL.iter().find(|p| named(p.title())) {
                view.panel = panel;
            }
        }
        ScreenId::Classification => {
            let view = &mut state.screens.classification.view;
            view.hidden.clear();
            // The weights from their first row, as the step showed them.
            view.weights_scroll = 0;
            if let Some(&panel) = classification::Panel::ALL.iter().find(|p| named(p.title())) {
                view.panel = panel;
            }
        }
    }
}

/// Puts `settings` in their screen (the only copy of what is set there).
fn set_settings(state: &mut State, settings: Settings) {
    match settings {
        Settings::Linear(s) => state.screens.linear.settings = s,
        Settings::Dropout(s) => state.screens.dropout.settings = s,
        Settings::Geometry(s) => state.screens.geometry.settings = s,
        Settings::Classification(s) => state.screens.classification.settings = s,
    }
}

fn set_pending(state: &mut State, pending: Option<Pending>) {
    if let Some(tour) = state.tour.as_mut() {
        tour.pending = pending;
    }
}

/// Finishes the step once its data's exact paths and cross-validation are there: each model at its
/// cross-validated choice, then the step's keys. Call after every batch of reports; does nothing when
/// nothing waits or the paths are still being computed.
pub fn follow_up(state: &mut State) -> Vec<Command> {
    match state.tour.as_ref().and_then(|t| t.pending.clone()) {
        Some(Pending::Linear(pending)) => linear_follow_up(state, pending),
        Some(Pending::Classification(pending)) => classification_follow_up(state, pending),
        None => Vec::new(),
    }
}

/// Once the classification step's data is there: every penalized model where `strength` puts it on
/// its own grid (its CV choice, of the deviance), then the keys.
fn classification_follow_up(state: &mut State, pending: ClassPending) -> Vec<Command> {
    let screen = &state.screens.classification;
    let asked = (pending.preset, pending.seed);
    if state.active != ScreenId::Classification || (screen.settings.preset, screen.settings.seed) != asked {
        // The user asked for other data: the step no longer decides.
        set_pending(state, None);
        return Vec::new();
    }
    // Wait for the step's data, and for the elastic net's path on the step's L1 share (a share the
    // user set before is being replaced).
    let en = &screen.view.data.paths[ModelId::ElasticNet as usize];
    let en_ready = en.as_ref().is_some_and(|p| p.l1_ratio == screen.settings.l1_ratio);
    if (screen.view.data.preset, screen.view.data.seed) != asked || !en_ready {
        return Vec::new();
    }
    set_pending(state, None);
    let screen = &mut state.screens.classification;
    let mut positions = screen.settings.positions;
    for (m, path) in screen.view.data.paths.iter().enumerate().skip(1) {
        let cv = path
            .as_ref()
            .and_then(|p| p.cv_curve(classification::CvMeasure::Deviance));
        positions[m] = pending.strength.step(cv.map(|c| (c.i_min, c.i_1se)), positions[m]);
    }
    let moved = (positions != screen.settings.positions).then(|| {
        screen.settings.positions = positions;
        Settings::Classification(screen.settings.clone())
    });
    configure_then_press(state, moved, &pending.keys)
}

/// Once the linear step's paths and CV are done: the positions, then the keys.
fn linear_follow_up(state: &mut State, pending: LinearPending) -> Vec<Command> {
    let screen = &state.screens.linear;
    let taken_over = screen.settings.knobs != pending.knobs || screen.settings.positions != pending.entry;
    if taken_over || state.active != ScreenId::Linear {
        // The user explored (or the data was refused): the step no longer decides.
        set_pending(state, None);
        return Vec::new();
    }
    let Some(positions) = resolved_positions(screen, &pending) else {
        return Vec::new();
    };
    set_pending(state, None);
    let screen = &mut state.screens.linear;
    let moved = (positions != screen.settings.positions).then(|| {
        screen.settings.positions = positions;
        Settings::Linear(screen.settings.clone())
    });
    configure_then_press(state, moved, &pending.keys)
}

/// The end of a step's follow-up: the screen's new settings for the worker (when the step moved its
/// positions), then the step's keys.
fn configure_then_press(state: &mut State, moved: Option<Settings>, keys: &[String]) -> Vec<Command> {
    let mut commands: Vec<Command> = moved.map(Command::Configure).into_iter().collect();
    commands.extend(press_keys(state, keys));
    commands
}

/// Every model's position, once the current data's paths are all done (on the settings' L1 share);
/// `None` while they are not. A model without cross-validation (too few rows) keeps the default.
fn resolved_positions(screen: &linear::Screen, pending: &LinearPending) -> Option<[usize; 4]> {
    let data = screen.view.data.as_ref()?;
    if data.knobs != pending.knobs {
        return None;
    }
    let wanted = &pending.positions;
    let settings = &screen.settings;
    let ready = MODELS.iter().skip(1).all(|&m| {
        let path = &data.paths[m as usize];
        path.stage == Stage::Done && (m != ModelId::ElasticNet || path.l1_ratio == settings.l1_ratio)
    });
    if !ready {
        return None;
    }
    let mut positions = settings.positions;
    for &model in MODELS.iter().skip(1) {
        let m = model as usize;
        let cv = data.paths[m].cv.as_ref();
        positions[m] = wanted[m].step(cv.map(|c| (c.i_min, c.i_1se)), positions[m]);
    }
    Some(positions)
}

/// Presses a step's keys, as a person would.
fn press_keys(state: &mut State, keys: &[String]) -> Vec<Command> {
    let mut commands = Vec::new();
    for key in keys {
        let Ok(event) = keymap::parse_key(key) else {
            continue;
        };
        if let Some(action) = keymap::action_for(state.active, &event) {
            commands.extend(update(state, action));
        }
    }
    commands
}

/// The action a tour key stands for, when a tour is on.
pub fn action(state: &State, event: &ratatui::crossterm::event::KeyEvent) -> Option<Action> {
    state.tour.as_ref()?;
    crate::screens::keys::action_for(keymap::TOUR, event).map(Action::Tour)
}

/// Which screen a step is on, for the session that opens a tour.
pub fn first_screen(tour: &Tour) -> ScreenId {
    tour.step(0).screen
}
