//! The geometry screen: why the lasso gives exact zeros and ridge does not, in two dimensions. In the
//! (w0, w1) plane: the loss contours around the least-squares solution, the region of the current
//! penalty at the budget that matches lambda (the diamond, the circle, the rounded diamond), the
//! regularized solution where the smallest contour touches it, and the whole path as lambda runs from
//! lambda_max to 0. Beside it, ESL's one-dimensional picture for orthonormal features: soft
//! thresholding, proportional shrinkage and hard thresholding at the same lambda. Every solution is
//! exact ([`crate::fit::geometry`]).

mod draw;
pub mod export;
pub mod keys;
mod lab;
mod picture;
pub mod settings;
pub mod view;

pub use keys::Action;
pub use lab::{knobs, Lab};
pub use settings::{Penalty, Settings, GRID_STEPS};
pub use view::{Panel, Picture, Report, View};

use crate::screens::{Outcome, Start};
use crate::ui::Chrome;
use ratatui::layout::Rect;
use ratatui::Frame;
use settings::{ANGLE_STEP, CORRELATION_MAX, CORRELATION_STEP, L1_RATIO_STEP};

/// The geometry screen's scenario.
pub const SCENARIO: &str = "geometry";

/// The geometry screen's state: the settings and the picture the lab computed for them.
#[derive(Clone, Debug)]
pub struct Screen {
    pub settings: Settings,
    pub view: View,
}

impl crate::screens::Screen for Screen {
    type Settings = Settings;
    type Action = Action;
    type Report = Report;
    type Lab = Lab;
    const NAME: &'static str = "geometry";
    const KEYS: &'static [crate::screens::keys::Binding<Action>] = keys::KEYS;
    const TRAINS: bool = false;
    const STATUS_LEGEND: &'static str =
        "○ least squares, ● solution; t: its region's bound; loss (1/2n)|y-Xw|²; ρ set, r data's correlation";

    fn scenarios() -> Vec<&'static str> {
        vec![SCENARIO]
    }

    /// Seed 1 (or `--seed`), correlation 0.5, true weights at 15 degrees, the lasso.
    fn start(start: &Start) -> Result<(Self, Lab), String> {
        let settings = Settings {
            seed: start.seed.unwrap_or(1),
            ..Settings::default()
        };
        let lab = Lab::new(&settings);
        let view = View::new(lab.picture());
        Ok((Screen { settings, view }, lab))
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn update(&mut self, action: Action) -> Outcome {
        if let Action::MovePanel(step) = action {
            let view = &mut self.view;
            view.panel = crate::ui::panels::step_focus(&Panel::ALL, &view.hidden, view.panel, step as isize);
            return Outcome::NONE;
        }
        let s = &mut self.settings;
        let before = s.clone();
        match action {
            Action::MoveLambda(step) => {
                s.position = (s.position as i64 + step as i64).clamp(0, GRID_STEPS as i64) as usize;
            }
            Action::LambdaEnd(end) => s.position = if end < 0 { 0 } else { GRID_STEPS },
            Action::CyclePenalty => s.penalty = s.penalty.next(),
            Action::MoveL1Ratio(step) => move_l1_ratio(s, step),
            Action::MoveCorrelation(step) => {
                let rho = s.correlation + step.signum() as f64 * CORRELATION_STEP;
                s.correlation = (rho.clamp(-CORRELATION_MAX, CORRELATION_MAX) * 10.0).round() / 10.0;
            }
            Action::MoveAngle(step) => {
                s.angle_degrees = (s.angle_degrees + step.signum() as f64 * ANGLE_STEP).rem_euclid(360.0);
            }
            Action::Reseed => s.seed = s.seed.wrapping_add(1),
            Action::MovePanel(_) => {}
        }
        if *s == before {
            Outcome::note(edge_note(action))
        } else {
            Outcome::CONFIGURE
        }
    }

    fn apply(&mut self, report: Report) -> Option<String> {
        self.view.apply(report);
        None
    }

    fn panels(&mut self, command: crate::ui::panels::PanelCommand) -> Option<String> {
        let view = &mut self.view;
        crate::ui::panels::apply(&Panel::ALL, &mut view.hidden, &mut view.panel, command, Panel::title)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, chrome: &Chrome) {
        draw::draw(self, frame, area, chrome)
    }

    fn export(&self) -> serde_json::Value {
        export::json(self)
    }
}

/// More (+1) or less (-1) L1, along one line: ridge (no L1), the elastic net at 0.1 to 0.9, the lasso
/// (all L1); the l1-ratio setting keeps the elastic net's place.
fn move_l1_ratio(s: &mut Settings, step: i32) {
    let now = match s.penalty {
        Penalty::L1 => 1.0,
        Penalty::L2 => 0.0,
        Penalty::ElasticNet => s.l1_ratio,
    };
    let next = ((now + step.signum() as f64 * L1_RATIO_STEP).clamp(0.0, 1.0) * 10.0).round() / 10.0;
    if next >= 1.0 {
        s.penalty = Penalty::L1;
    } else if next <= 0.0 {
        s.penalty = Penalty::L2;
    } else {
        (s.penalty, s.l1_ratio) = (Penalty::ElasticNet, next);
    }
}

/// Why a key changed nothing: it is at the end of its range.
fn edge_note(action: Action) -> &'static str {
    match action {
        Action::MoveLambda(step) if step < 0 => "λ is at the top of the grid",
        Action::MoveLambda(_) => "λ is 0: least squares",
        Action::LambdaEnd(_) => "λ is there already",
        Action::MoveL1Ratio(step) if step > 0 => "all L1 already: the lasso (↓ mixes in L2)",
        Action::MoveL1Ratio(_) => "all L2 already: ridge (↑ mixes in L1)",
        Action::MoveCorrelation(_) => "the correlation stays inside -0.9 to 0.9",
        _ => "nothing changed",
    }
}
