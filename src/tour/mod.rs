//! Guided tours: small, human-written files that walk a room through the ideas one step at a time.
//!
//! A tour is a TOML file (`assets/tours/NAME.toml`, embedded in the binary, or any file given with
//! `--tour-file`; its name is the file's): a title and a list of `[[step]]` tables. Each step names the screen's data
//! (a scenario and, optionally, a seed) and the settings that show its idea, a title, a few lines of
//! narration and, optionally, a question to the room that the next step answers. Every step is whole:
//! what it does not set takes the screen's default, not the previous step's, so a step shows the same
//! thing however the room arrived at it, and "back to this step" (`b`) always means the same settings.
//!
//! This module only reads tours; `app::tour` applies a step to the explorer.

mod parse;

pub use parse::{zoom_panels, TourError};

use crate::screens::ScreenId;

/// The tours built into the binary: `(name, text)`.
const EMBEDDED: &[(&str, &str)] = &[("regularization", include_str!("../../assets/tours/regularization.toml"))];

/// A tour: its steps in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    /// The file name without `.toml` (or the path given).
    pub name: String,
    /// One line saying what the tour shows (the list of tours prints it).
    pub title: String,
    pub steps: Vec<Step>,
}

/// One step: where it is, what it sets, what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: String,
    /// A few lines for the narration panel (blank lines separate paragraphs).
    pub narration: String,
    /// A question to the room, shown under the narration; the next step's narration answers it.
    pub question: Option<String>,
    /// The screen the step is on (the scenario's screen).
    pub screen: ScreenId,
    /// The scenario and its seed (`None`: the scenario's own).
    pub scenario: String,
    pub seed: Option<u64>,
    pub settings: StepSettings,
    /// The panel to zoom to the whole screen, if any.
    pub zoom: Option<String>,
    /// Keys pressed once the step's settings are applied and its data's paths are ready (the
    /// "which weight dies next?" question is `w`, its answer `w` again).
    pub keys: Vec<String>,
}

/// What a step sets on its screen.
#[derive(Clone, Debug, PartialEq)]
pub enum StepSettings {
    Linear(LinearStep),
    Dropout(DropoutStep),
    Geometry(GeometryStep),
    Classification(ClassificationStep),
}

/// A classification-screen step's settings (its data: the scenario and the step's seed).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassificationStep {
    /// Every penalized model's place on its own grid (a step, or its own CV choice).
    pub strength: Position,
    /// Whose path the path panel shows.
    pub path: crate::screens::model::ModelId,
}

/// A linear-screen step's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearStep {
    /// Each model's place on its own grid, in `MODELS` order (the unregularized model's is unused).
    pub positions: [Position; 4],
    pub l1_ratio: f64,
    /// Whose path the path panel shows.
    pub path: crate::screens::linear::ModelId,
}

/// Where a model sits on its lambda grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// A grid step (0: the top, the strongest penalty).
    Step(usize),
    /// The lambda of least cross-validated error.
    CvMin,
    /// The largest lambda within one standard error of the least.
    Cv1se,
}

impl Position {
    /// The grid step this position names, given the model's CV choices `(i_min, i_1se)` (`None`: no
    /// CV on this data, and a CV position keeps `current`).
    pub fn step(self, cv: Option<(usize, usize)>, current: usize) -> usize {
        match (self, cv) {
            (Position::Step(k), _) => k,
            (Position::CvMin, Some((i_min, _))) => i_min,
            (Position::Cv1se, Some((_, i_1se))) => i_1se,
            (_, None) => current,
        }
    }
}

/// A geometry-screen step's settings (its data: the step's seed, the correlation and the angle).
#[derive(Clone, Debug, PartialEq)]
pub struct GeometryStep {
    pub penalty: crate::screens::geometry::Penalty,
    /// The place on the penalty's grid (0 strongest, `GRID_STEPS` is lambda = 0).
    pub position: usize,
    pub l1_ratio: f64,
    pub correlation: f64,
    pub angle_degrees: f64,
}

/// A dropout-screen step's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct DropoutStep {
    pub rate: f64,
    /// `None`: the dataset's default (it differs between the curve and the 2-D sets).
    pub weight_decay: Option<f64>,
}

impl Tour {
    /// The built-in tour called `name`.
    pub fn named(name: &str) -> Result<Tour, TourError> {
        match EMBEDDED.iter().find(|(n, _)| *n == name) {
            Some((name, text)) => Tour::parse(name, &format!("assets/tours/{name}.toml"), text),
            None => Err(TourError::unknown(name, &names().join(", "))),
        }
    }

    /// Reads a tour file from disk (`--tour-file`).
    pub fn load(path: &std::path::Path) -> Result<Tour, TourError> {
        let text = std::fs::read_to_string(path).map_err(|e| TourError::unreadable(path, &e))?;
        let name = path
            .file_stem()
            .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
        Tour::parse(&name, &path.display().to_string(), &text)
    }

    /// Parses a tour's text; `file` names it in messages.
    pub fn parse(name: &str, file: &str, text: &str) -> Result<Tour, TourError> {
        parse::tour(name, file, text)
    }

    /// Every built-in tour, parsed (a built-in tour that does not parse is a bug the tests catch).
    pub fn all() -> Vec<Result<Tour, TourError>> {
        EMBEDDED.iter().map(|(name, _)| Tour::named(name)).collect()
    }

    /// Step `index` (0-based), clamped to the last.
    pub fn step(&self, index: usize) -> &Step {
        &self.steps[index.min(self.steps.len() - 1)]
    }
}

/// The names of the built-in tours.
pub fn names() -> Vec<&'static str> {
    EMBEDDED.iter().map(|(name, _)| *name).collect()
}
