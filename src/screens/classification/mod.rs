//! The classification screen: logistic regression unregularized, with ridge, the lasso and the elastic
//! net, trained side by side on the same split until each converges. Log-loss and accuracy curves for
//! training and validation (the accuracy gap is how overfitting is usually first met), the weights
//! beside the truth (or, with two features, each model's decision boundary over the points), each
//! penalized model's exact path with its cross-validated deviance or error.

mod draw;
pub mod export;
pub mod keys;
mod lab;
pub mod settings;
pub mod view;

pub use super::model::{self, ModelId, MODELS};
pub use keys::Action;
pub use lab::Lab;
pub use settings::{Settings, GRID_SIZE, MAX_SETTLE_EPOCHS};
pub use view::{Curves, CvMeasure, Panel, Report, View};

use crate::data::classes::ClassPreset;
use crate::screens::{Outcome, Start};
use crate::ui::Chrome;
use ratatui::layout::Rect;
use ratatui::Frame;
use settings::L1_RATIO_STEP;

/// The seed the presets start with: on classify-sparse the lasso at lambda_1se keeps 11 features, all 5
/// true ones among them (on seed 1 it keeps 21; the claims tests run seeds 1 to 5).
pub const DEFAULT_SEED: u64 = 5;

/// The preset a scenario name asks for, if it is a classification scenario.
pub fn scenario_preset(name: &str) -> Option<ClassPreset> {
    ClassPreset::ALL.into_iter().find(|p| p.name() == name)
}

/// The classification screen's state: the settings the user set and the view of what the lab computed.
#[derive(Clone, Debug)]
pub struct Screen {
    pub settings: Settings,
    pub view: View,
}

impl Screen {
    /// Model `model`'s lambda (`None` for the unregularized model).
    pub fn lambda(&self, model: ModelId) -> Option<f64> {
        let m = model as usize;
        let grid = &self.view.data.grids[m];
        grid.get(self.settings.positions[m].min(grid.len().saturating_sub(1)))
            .copied()
    }

    /// Every penalized model at the grid position `pick` chooses from its CV curve (of the measure
    /// shown); a note when no model has one.
    fn move_to_cv_choice(&mut self, pick: fn(&view::CvCurve) -> usize, name: &str) -> Outcome {
        let before = self.settings.positions;
        let mut moved = false;
        for m in 1..MODELS.len() {
            let path = self.view.data.paths[m].as_ref();
            if let Some(curve) = path.and_then(|p| p.cv_curve(self.view.cv_measure)) {
                self.settings.positions[m] = pick(curve);
                moved = true;
            }
        }
        if moved && self.settings.positions == before {
            Outcome::note(format!("every model is at its CV {name} already"))
        } else if moved {
            Outcome::CONFIGURE
        } else {
            Outcome::note("no cross-validation on this data")
        }
    }
}

impl crate::screens::Screen for Screen {
    type Settings = Settings;
    type Action = Action;
    type Report = Report;
    type Lab = Lab;
    const NAME: &'static str = "classification";
    const KEYS: &'static [crate::screens::keys::Binding<Action>] = keys::KEYS;
    const STATUS_LEGEND: &'static str = "status: each model's λ, nonzeros, accuracy train/val, |w| the weights' norm, \
         P/R = support precision/recall, ✓ converged at epoch, ↑ weights still growing (no minimizer: the \
         classes separate)";

    fn scenarios() -> Vec<&'static str> {
        ClassPreset::ALL.iter().map(|p| p.name()).collect()
    }

    /// A classification scenario's data with seed [`DEFAULT_SEED`] (or `--seed`); else `classify-sparse`. Every
    /// penalized model starts at its own cross-validated lambda_min (by deviance): the comparison the
    /// screen opens on is each penalty at its best, against no penalty.
    fn start(start: &Start) -> Result<(Self, Lab), String> {
        use crate::screens::Lab as _;
        let preset = start.scenario.as_deref().and_then(scenario_preset);
        let mut settings = Settings::new(
            preset.unwrap_or(ClassPreset::Sparse),
            start.seed.unwrap_or(DEFAULT_SEED),
        );
        let (mut lab, report) = Lab::new(&settings, 0);
        let Report::Reset(reset) = report else {
            return Err("the classification lab did not start".into());
        };
        let mut view = View::new(*reset);
        for (m, path) in view.data.paths.iter().enumerate() {
            if let Some(curve) = path.as_ref().and_then(|p| p.cv_curve(CvMeasure::Deviance)) {
                settings.positions[m] = curve.i_min;
            }
        }
        for report in lab.configure(&settings) {
            view.apply(report);
        }
        Ok((Screen { settings, view }, lab))
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn update(&mut self, action: Action) -> Outcome {
        let before = self.settings.clone();
        let s = &mut self.settings;
        let last = GRID_SIZE - 1;
        let view = &mut self.view;
        match action {
            Action::MoveLambda(step) => {
                for p in s.positions.iter_mut().skip(1) {
                    *p = (*p as i64 + step as i64).clamp(0, last as i64) as usize;
                }
            }
            Action::LambdaMax => s.positions[1..].fill(0),
            Action::SmallestLambda => s.positions[1..].fill(last),
            Action::LambdaCvMin => return self.move_to_cv_choice(|c| c.i_min, "λ_min"),
            Action::LambdaCv1se => return self.move_to_cv_choice(|c| c.i_1se, "λ_1se"),
            Action::MoveL1Ratio(step) => {
                let ratio = s.l1_ratio + step as f64 * L1_RATIO_STEP;
                s.l1_ratio = (ratio.clamp(0.05, 0.95) * 100.0).round() / 100.0;
            }
            Action::CyclePath => {
                view.path_model = match view.path_model {
                    ModelId::Lasso => ModelId::ElasticNet,
                    ModelId::ElasticNet => ModelId::Ridge,
                    _ => ModelId::Lasso,
                };
            }
            Action::CycleCurves => {
                view.curves = match view.curves {
                    Curves::LogLoss => Curves::Accuracy,
                    Curves::Accuracy => Curves::LogLoss,
                };
            }
            Action::CycleCvMeasure => {
                view.cv_measure = match view.cv_measure {
                    CvMeasure::Deviance => CvMeasure::Error,
                    CvMeasure::Error => CvMeasure::Deviance,
                };
            }
            Action::Reseed => s.seed = s.seed.wrapping_add(1),
            Action::NextPreset => {
                s.preset = match s.preset {
                    ClassPreset::Sparse => ClassPreset::Plane,
                    ClassPreset::Plane => ClassPreset::Sparse,
                };
            }
            Action::ScrollWeights(step) => view.scroll_weights(step),
            Action::MovePanel(step) => {
                view.panel = crate::ui::panels::step_focus(&Panel::ALL, &view.hidden, view.panel, step as isize);
            }
        }
        if self.settings == before {
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
