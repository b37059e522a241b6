//! The geometry lab: the two-feature data for the current knobs and the exact picture of the current
//! setting. Everything is in closed form (microseconds), so it trains nothing and never rests busy.

use super::picture::picture;
use super::settings::{Settings, NOISE, ROWS};
use super::view::{Picture, Report};
use crate::data::two_features::{two_features, TwoFeatureData, TwoFeatureKnobs};
use crate::fit::geometry::TwoFeatures;

/// The data and its problem.
pub struct Lab {
    knobs: TwoFeatureKnobs,
    data: TwoFeatureData,
    problem: TwoFeatures,
    settings: Settings,
}

/// The data knobs of `settings`.
pub fn knobs(settings: &Settings) -> TwoFeatureKnobs {
    TwoFeatureKnobs {
        rows: ROWS,
        correlation: settings.correlation,
        angle_degrees: settings.angle_degrees,
        noise: NOISE,
        seed: settings.seed,
    }
}

impl Lab {
    pub fn new(settings: &Settings) -> Self {
        let knobs = knobs(settings);
        let data = two_features(&knobs);
        let problem = TwoFeatures::from_data(&data.x, &data.y);
        Self {
            knobs,
            data,
            problem,
            settings: settings.clone(),
        }
    }

    /// The picture of the current setting.
    pub fn picture(&self) -> Picture {
        picture(&self.problem, self.data.truth, &self.settings)
    }

    /// The standardized data (what `regscope path` would be given).
    pub fn data(&self) -> &TwoFeatureData {
        &self.data
    }
}

impl crate::screens::Lab for Lab {
    type Settings = Settings;
    type Report = Report;

    fn configure(&mut self, settings: &Settings) -> Vec<Report> {
        if knobs(settings) != self.knobs {
            *self = Lab::new(settings);
        }
        self.settings = settings.clone();
        vec![Report::Picture(Box::new(self.picture()))]
    }

    /// Nothing trains: the picture is exact.
    fn advance(&mut self, _epochs: usize) -> Report {
        Report::Picture(Box::new(self.picture()))
    }

    fn epochs_wanted(&self) -> usize {
        0
    }
}
