//! The linear screen: an unregularized model, ridge, the lasso and the elastic net trained side by
//! side on the same split until each converges, their loss curves and weights, and each penalized
//! model's exact path on its own grid with its cross-validation.

mod build;
mod draw;
pub mod export;
pub mod keys;
pub mod lab;
pub use crate::screens::model;
mod next_zero;
mod path_chart;
mod path_job;
mod presentation;
pub mod settings;
mod source;
mod units;
mod update;
pub mod view;

pub use keys::Action;
pub use lab::Lab;
pub use model::{ModelId, MODELS};
pub use path_job::PathJob;
pub use settings::{Knobs, Settings, CV_FOLDS, DEFAULT_L1_RATIO, DEFAULT_POSITION, GRID_SIZE};
pub use source::{DataSource, NOISE_STEP, RHO_MAX, RHO_STEP};
pub use units::TargetUnits;
pub use view::{Report, Stage, View};

use crate::screens::{Outcome, Start};
use crate::ui::Chrome;
use ratatui::layout::Rect;
use ratatui::Frame;

/// The linear screen's state: the settings the user set and the view of what the lab computed.
#[derive(Clone, Debug)]
pub struct Screen {
    pub settings: Settings,
    pub view: View,
}

impl Screen {
    /// Model `model`'s current lambda, once there is a grid (`None` for the unregularized model).
    pub fn lambda(&self, model: ModelId) -> Option<f64> {
        let data = self.view.data.as_ref()?;
        let m = model as usize;
        data.paths[m].lambdas.get(self.settings.positions[m]).copied()
    }
}

impl crate::screens::Screen for Screen {
    type Settings = Settings;
    type Action = Action;
    type Report = Report;
    type Lab = Lab;
    const NAME: &'static str = "linear models";
    const KEYS: &'static [crate::screens::keys::Binding<Action>] = keys::KEYS;
    const STATUS_LEGEND: &'static str =
        "status: each model's λ, nonzeros, train/val MSE, P/R = support precision/recall, ✓ converged at epoch";

    fn start(start: &Start) -> Result<(Self, Lab), String> {
        let source = start.source.clone();
        let settings = Settings::new(DEFAULT_POSITION, DEFAULT_L1_RATIO, source.default_knobs(start.seed));
        let mut view = View::new(source.name(), source.spec().is_some());
        let (lab, reset) = Lab::new(source, settings.clone())?;
        view.apply(reset);
        Ok((Screen { settings, view }, lab))
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn update(&mut self, action: Action) -> Outcome {
        update::update(self, action)
    }

    fn apply(&mut self, report: Report) -> Option<String> {
        // New data that could not be made leaves the old data in the lab: the settings say what is
        // shown again, or the rejected knobs would be retried (and fail) on every later key.
        if let Report::Rejected { kept, .. } = &report {
            self.settings.knobs = kept.clone();
        }
        self.view.apply(report)
    }

    fn panels(&mut self, command: crate::ui::panels::PanelCommand) -> Option<String> {
        let view = &mut self.view;
        crate::ui::panels::apply(
            &view::Panel::ALL,
            &mut view.hidden,
            &mut view.panel,
            command,
            view::Panel::title,
        )
    }

    fn draw(&self, frame: &mut Frame, area: Rect, chrome: &Chrome) {
        draw::draw(self, frame, area, chrome)
    }

    fn export(&self) -> serde_json::Value {
        export::json(self)
    }
}
