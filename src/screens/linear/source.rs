//! Where the linear screen's data comes from, and the knobs the keys turn (seed, noise, correlation).

use crate::data::scenario::{Scenario, Source};
use crate::data::{generate, Dataset, Noise, Split, SyntheticSpec};

/// A scenario preset or a loaded CSV file.
#[derive(Clone, Debug)]
pub enum DataSource {
    Scenario(Scenario),
    Csv {
        name: String,
        dataset: Dataset,
        validation_fraction: f64,
    },
}

/// The settings that the keys change; everything else comes from the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Knobs {
    /// A scenario chosen after start (a tour's step), in place of the session's own source; `None`:
    /// the source the session started with (a scenario or a CSV file).
    pub scenario: Option<String>,
    pub seed: u64,
    /// The noise standard deviation is multiplied by `NOISE_STEP^noise_steps`.
    pub noise_steps: i32,
    /// The correlation, when changed from the scenario's.
    pub rho: Option<f64>,
}

/// Each `n`/`N` press scales the noise by this.
pub const NOISE_STEP: f64 = 1.25;
/// Each `c`/`C` press moves the correlation by this.
pub const RHO_STEP: f64 = 0.1;
/// The correlation stays within `[0, RHO_MAX]`.
pub const RHO_MAX: f64 = 0.95;

/// Data made from a source.
pub struct Made {
    pub dataset: Dataset,
    pub split: Split,
    pub sigma: Option<f64>,
    pub rho: Option<f64>,
    /// How much the noise was scaled from the scenario's (synthetic data with the noise moved).
    pub noise_factor: Option<f64>,
    pub description: String,
}

impl DataSource {
    /// The name shown in the status line.
    pub fn name(&self) -> &str {
        match self {
            DataSource::Scenario(s) => &s.name,
            DataSource::Csv { name, .. } => name,
        }
    }

    /// The knobs the source starts with.
    pub fn default_knobs(&self, seed: Option<u64>) -> Knobs {
        let base = match self {
            DataSource::Scenario(s) => s.seed,
            DataSource::Csv { .. } => 1,
        };
        Knobs {
            scenario: None,
            seed: seed.unwrap_or(base),
            noise_steps: 0,
            rho: None,
        }
    }

    /// The synthetic recipe, when there is one (noise and correlation keys need it).
    pub fn spec(&self) -> Option<&SyntheticSpec> {
        match self {
            DataSource::Scenario(Scenario {
                source: Source::Synthetic(spec),
                ..
            }) => Some(spec),
            _ => None,
        }
    }

    /// Makes the data for `knobs`.
    pub fn make(&self, knobs: &Knobs) -> Result<Made, String> {
        match self {
            DataSource::Scenario(scenario) => match &scenario.source {
                Source::Synthetic(spec) => {
                    let factor = NOISE_STEP.powi(knobs.noise_steps);
                    let noise = match spec.noise {
                        Noise::Snr(snr) => Noise::Snr(snr / (factor * factor)),
                        Noise::Sigma(sigma) => Noise::Sigma(sigma * factor),
                    };
                    let spec = SyntheticSpec {
                        seed: knobs.seed,
                        noise,
                        rho: knobs.rho.unwrap_or(spec.rho),
                        ..spec.clone()
                    };
                    spec.validate()?;
                    let synthetic = generate(&spec);
                    Ok(Made {
                        dataset: synthetic.dataset,
                        split: synthetic.split,
                        sigma: Some(synthetic.sigma),
                        rho: Some(spec.rho),
                        noise_factor: (knobs.noise_steps != 0).then_some(factor),
                        description: scenario.description.clone(),
                    })
                }
                Source::Bundled { .. } => {
                    let data = scenario.load(knobs.seed)?;
                    Ok(Made {
                        dataset: data.dataset,
                        split: data.split,
                        sigma: None,
                        rho: None,
                        noise_factor: None,
                        description: scenario.description.clone(),
                    })
                }
            },
            DataSource::Csv {
                name,
                dataset,
                validation_fraction,
            } => {
                let split = Split::random(dataset.n(), *validation_fraction, knobs.seed);
                if split.train.len() < 3 || split.validation.is_empty() {
                    return Err(format!(
                        "{name}: {} rows are too few to hold out a validation set",
                        dataset.n()
                    ));
                }
                Ok(Made {
                    dataset: dataset.clone(),
                    split,
                    sigma: None,
                    rho: None,
                    noise_factor: None,
                    description: format!("{name}: {} rows, {} features", dataset.n(), dataset.p()),
                })
            }
        }
    }
}
