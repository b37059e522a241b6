//! Scenario presets: small TOML files in `assets/scenarios`, embedded in the binary at compile time, so
//! the explorer and `generate` need no files on disk. A scenario is either a synthetic recipe or a
//! bundled real dataset, with a default seed.

use super::synthetic::{generate, Noise, Pattern, SyntheticSpec};
use super::{parse_csv, DataError, Dataset, Split};
use serde::Deserialize;
use std::path::Path;

/// `(name, TOML text)` of every preset; the first is the default.
const PRESETS: &[(&str, &str)] = &[
    ("sparse", include_str!("../../assets/scenarios/sparse.toml")),
    ("dense", include_str!("../../assets/scenarios/dense.toml")),
    ("correlated", include_str!("../../assets/scenarios/correlated.toml")),
    ("wide", include_str!("../../assets/scenarios/wide.toml")),
    ("diabetes", include_str!("../../assets/scenarios/diabetes.toml")),
];

/// Real datasets shipped in `assets/datasets`.
const DATASETS: &[(&str, &str)] = &[("diabetes.csv", include_str!("../../assets/datasets/diabetes.csv"))];

/// The name of the scenario used when none is given.
pub const DEFAULT_SCENARIO: &str = "sparse";

/// A named preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub seed: u64,
    pub source: Source,
}

/// Where a scenario's data comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// Generated; the spec's seed is replaced by the seed asked for.
    Synthetic(SyntheticSpec),
    /// A bundled CSV, split at random (seeded) into training and validation rows.
    Bundled {
        file: String,
        target: Option<String>,
        validation_fraction: f64,
    },
}

/// A scenario's data, ready to fit.
#[derive(Clone, Debug)]
pub struct ScenarioData {
    pub dataset: Dataset,
    pub split: Split,
    /// The noise standard deviation, when known (synthetic data).
    pub sigma: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    description: String,
    seed: u64,
    synthetic: Option<SyntheticTable>,
    dataset: Option<DatasetTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SyntheticTable {
    n: usize,
    p: usize,
    k: usize,
    rho: f64,
    snr: Option<f64>,
    sigma: Option<f64>,
    pattern: String,
    group_size: Option<usize>,
    validation_fraction: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatasetTable {
    file: String,
    target: Option<String>,
    validation_fraction: f64,
}

/// The names of every preset, default first.
pub fn scenario_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

/// Parses the pattern names used in scenario files and on the command line.
pub fn parse_pattern(name: &str, group_size: Option<usize>) -> Result<Pattern, DataError> {
    match name {
        "sparse" => Ok(Pattern::SparseStrong),
        "dense" => Ok(Pattern::DenseWeak),
        "groups" => Ok(Pattern::CorrelatedGroups {
            group_size: group_size.unwrap_or(5),
        }),
        other => Err(DataError::UnknownPattern(other.to_string())),
    }
}

impl Scenario {
    /// The preset called `name`.
    pub fn named(name: &str) -> Result<Scenario, DataError> {
        let (_, text) = PRESETS
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| DataError::UnknownScenario {
                name: name.to_string(),
                known: scenario_names().join(", "),
            })?;
        Self::parse(name, text)
    }

    /// Parses a scenario file's text.
    pub fn parse(name: &str, text: &str) -> Result<Scenario, DataError> {
        let bad = |message: &dyn std::fmt::Display| DataError::BadScenario {
            name: name.to_string(),
            message: message.to_string(),
        };
        let file: ScenarioFile = toml::from_str(text).map_err(|e| bad(&e))?;
        let source = match (file.synthetic, file.dataset) {
            (Some(s), None) => {
                let noise = match (s.snr, s.sigma) {
                    (Some(snr), None) => Noise::Snr(snr),
                    (None, Some(sigma)) => Noise::Sigma(sigma),
                    _ => return Err(bad(&"give exactly one of snr and sigma")),
                };
                let spec = SyntheticSpec {
                    n: s.n,
                    p: s.p,
                    k: s.k,
                    rho: s.rho,
                    noise,
                    pattern: parse_pattern(&s.pattern, s.group_size).map_err(|e| bad(&e))?,
                    validation_fraction: s.validation_fraction,
                    seed: file.seed,
                };
                spec.validate().map_err(|e| bad(&e))?;
                Source::Synthetic(spec)
            }
            (None, Some(d)) => Source::Bundled {
                file: d.file,
                target: d.target,
                validation_fraction: d.validation_fraction,
            },
            _ => return Err(bad(&"give exactly one of [synthetic] and [dataset]")),
        };
        Ok(Scenario {
            name: name.to_string(),
            description: file.description,
            seed: file.seed,
            source,
        })
    }

    /// The scenario's data drawn with `seed`.
    pub fn load(&self, seed: u64) -> Result<ScenarioData, DataError> {
        match &self.source {
            Source::Synthetic(spec) => {
                let synthetic = generate(&SyntheticSpec { seed, ..spec.clone() });
                Ok(ScenarioData {
                    dataset: synthetic.dataset,
                    split: synthetic.split,
                    sigma: Some(synthetic.sigma),
                })
            }
            Source::Bundled {
                file,
                target,
                validation_fraction,
            } => {
                let dataset = bundled_dataset(file, target.as_deref())?;
                let split = Split::random(dataset.n(), *validation_fraction, seed);
                Ok(ScenarioData {
                    dataset,
                    split,
                    sigma: None,
                })
            }
        }
    }
}

/// A dataset shipped in `assets/datasets`, by file name.
pub fn bundled_dataset(file: &str, target: Option<&str>) -> Result<Dataset, DataError> {
    let (_, text) = DATASETS
        .iter()
        .find(|(name, _)| *name == file)
        .ok_or_else(|| DataError::NoBundledDataset(file.to_string()))?;
    parse_csv(&Path::new("assets/datasets").join(file), text.as_bytes(), target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_loads() {
        for name in scenario_names() {
            let scenario = Scenario::named(name).unwrap();
            let data = scenario.load(scenario.seed).unwrap();
            assert!(data.split.train.len() >= 3, "{name}");
            assert!(!data.split.validation.is_empty(), "{name}");
        }
    }

    #[test]
    fn an_unknown_scenario_lists_the_known_ones() {
        let err = Scenario::named("nope").unwrap_err().to_string();
        assert!(err.contains("sparse") && err.contains("diabetes"), "{err}");
    }
}
