//! The dropout screen: a small network (two hidden layers of 64 units, mini-batch Adam) trained four
//! ways side by side: none, dropout, weight decay, both. Loss curves (averaged over the last
//! [`SMOOTHING_EPOCHS`] epochs, each variant's best marked), the fits (curves in 1-D, decision regions
//! in 2-D) and the live dropout mask. Any change of a setting restarts the four networks from the same
//! initial weights on the same data, so two settings are compared fairly.

mod draw;
pub mod export;
pub mod keys;
mod lab;
pub mod settings;
pub mod view;

pub use keys::Action;
pub use lab::Lab;
pub use settings::{Network, Settings, DEFAULT_DECAY, DEFAULT_RATE, LAB_EPOCHS, RATE_MAX, SMOOTHING_EPOCHS};
pub use view::{Panel, Report, View, VARIANTS};

use crate::data::nonlinear::Shape;
use crate::screens::{Outcome, Start};
use crate::ui::Chrome;
use ratatui::layout::Rect;
use ratatui::Frame;
use settings::{DECAY_STEPS_PER_DECADE, RATE_STEP};

/// The dropout screen's scenarios: `(name, dataset)`.
pub const SCENARIOS: [(&str, Shape); 2] = [("dropout-1d", Shape::Curve), ("dropout-2d", Shape::Circles)];

/// The dataset a scenario name asks for, if it is a dropout scenario.
pub fn scenario_shape(name: &str) -> Option<Shape> {
    SCENARIOS.iter().find(|(n, _)| *n == name).map(|(_, shape)| *shape)
}

/// The dropout screen's state: the settings the user set and the view of what the lab computed.
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
    const NAME: &'static str = "dropout";
    const KEYS: &'static [crate::screens::keys::Binding<Action>] = keys::KEYS;
    const STATUS_LEGEND: &'static str =
        "train/val: eval-mode losses, mean of the last 50 epochs; best: lowest mean val @ its epoch";

    fn scenarios() -> Vec<&'static str> {
        SCENARIOS.iter().map(|(name, _)| *name).collect()
    }

    /// A dropout scenario's dataset with seed 1 (or `--seed`); else the curve, seeded like the
    /// linear screen's data.
    fn start(start: &Start) -> Result<(Self, Lab), String> {
        let owned = start.scenario.as_deref().and_then(scenario_shape);
        let seed = match (start.seed, owned) {
            (Some(seed), _) => seed,
            (None, Some(_)) => 1,
            (None, None) => start.source.default_knobs(None).seed,
        };
        let settings = Settings::new(owned.unwrap_or(Shape::Curve), seed);
        let lab = Lab::new(&settings);
        let Report::Reset(reset) = lab.reset_report() else {
            return Err("the dropout lab did not start".into());
        };
        let view = View::new(*reset);
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
            Action::MoveRate(step) => {
                s.rate = ((s.rate + step.signum() as f64 * RATE_STEP).clamp(0.0, RATE_MAX) * 100.0).round() / 100.0;
            }
            Action::MoveDecay(step) => s.weight_decay = step_decay(s.weight_decay, step),
            Action::Reseed => s.seed = s.seed.wrapping_add(1),
            Action::Restart => s.restarts = s.restarts.wrapping_add(1),
            Action::NextDataset => s.shape = next_shape(s.shape),
            Action::MovePanel(_) => {}
        }
        if *s == before {
            Outcome::NONE
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

fn next_shape(shape: Shape) -> Shape {
    match shape {
        Shape::Curve => Shape::Circles,
        Shape::Circles => Shape::Xor,
        Shape::Xor => Shape::Spiral,
        Shape::Spiral => Shape::Curve,
    }
}

/// One step on the weight-decay log grid; below `10^-6` it is 0.
fn step_decay(decay: f64, step: i32) -> f64 {
    let k = if decay <= 0.0 {
        -6.0 * DECAY_STEPS_PER_DECADE - 1.0
    } else {
        (decay.log10() * DECAY_STEPS_PER_DECADE).round()
    };
    let k = (k + step.signum() as f64).min(0.0);
    if k < -6.0 * DECAY_STEPS_PER_DECADE {
        0.0
    } else {
        10f64.powf(k / DECAY_STEPS_PER_DECADE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::Screen as _;

    #[test]
    fn the_help_states_the_averaging_window_the_screen_uses() {
        let window = format!("last {SMOOTHING_EPOCHS} epochs");
        assert!(Screen::STATUS_LEGEND.contains(&window), "{}", Screen::STATUS_LEGEND);
    }
}
