//! `regscope generate`: write a synthetic dataset (or a bundled one) as CSV, with its true coefficients.

use super::{output, CliError};
use crate::data::scenario::{parse_pattern, Scenario, Source};
use crate::data::synthetic::{check_finite, Setting};
use crate::data::{push_number, write_csv, Noise, Pattern, DEFAULT_SCENARIO};
use std::path::PathBuf;

/// What to generate: a scenario, with any of its synthetic settings overridden.
#[derive(Clone, Debug, Default)]
pub struct GenerateArgs {
    pub scenario: Option<String>,
    pub n: Option<usize>,
    pub p: Option<usize>,
    pub k: Option<usize>,
    pub snr: Option<f64>,
    pub sigma: Option<f64>,
    pub rho: Option<f64>,
    pub pattern: Option<String>,
    pub group_size: Option<usize>,
    pub validation_fraction: Option<f64>,
    pub seed: Option<u64>,
    pub out: PathBuf,
    pub truth: Option<PathBuf>,
}

/// Writes the data (and the truth, if asked); returns a one-line summary for stderr.
pub fn run(args: &GenerateArgs) -> Result<String, CliError> {
    let scenario = Scenario::named(args.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO)).map_err(CliError::input)?;
    let seed = args.seed.unwrap_or(scenario.seed);
    let scenario = apply_overrides(scenario, args)?;
    let mut outputs = vec![("--out", args.out.as_path())];
    outputs.extend(args.truth.as_deref().map(|t| ("--truth", t)));
    output::check_files(&[], &outputs)?;
    if let (Some(_), Source::Bundled { .. }) = (&args.truth, &scenario.source) {
        return Err(CliError::input(format!(
            "--truth: scenario {} is a real dataset, with no true coefficients to write",
            scenario.name
        )));
    }
    let data = scenario.load(seed).map_err(CliError::input)?;
    if let Source::Synthetic(spec) = &scenario.source {
        let sigma = data.sigma.unwrap_or(0.0);
        check_finite(&data.dataset, sigma, spec.noise, &Setting::flag).map_err(CliError::input)?;
    }
    output::write_to(&args.out, |out| write_csv(&data.dataset, out))?;
    if let (Some(path), Some(truth)) = (&args.truth, &data.dataset.truth) {
        output::write_to(path, |out| {
            writeln!(out, "feature,beta")?;
            for (name, beta) in data.dataset.feature_names.iter().zip(truth) {
                let mut line = format!("{name},");
                push_number(&mut line, *beta);
                writeln!(out, "{line}")?;
            }
            Ok(())
        })?;
    }
    let noise = data.sigma.map_or(String::new(), |s| format!(" sigma={s:.6}"));
    Ok(format!(
        "regscope generate: scenario={} seed={seed} n={} p={}{noise} (validation rows: the last {}) -> {}",
        scenario.name,
        data.dataset.n(),
        data.dataset.p(),
        data.split.validation.len(),
        args.out.display()
    ))
}

fn apply_overrides(mut scenario: Scenario, args: &GenerateArgs) -> Result<Scenario, CliError> {
    let any_override = args.n.is_some()
        || args.p.is_some()
        || args.k.is_some()
        || args.snr.is_some()
        || args.sigma.is_some()
        || args.rho.is_some()
        || args.pattern.is_some()
        || args.group_size.is_some()
        || args.validation_fraction.is_some();
    match &mut scenario.source {
        Source::Synthetic(spec) => {
            spec.n = args.n.unwrap_or(spec.n);
            spec.p = args.p.unwrap_or(spec.p);
            spec.k = args.k.unwrap_or(spec.k.min(spec.p));
            spec.rho = args.rho.unwrap_or(spec.rho);
            spec.validation_fraction = args.validation_fraction.unwrap_or(spec.validation_fraction);
            match (args.snr, args.sigma) {
                (Some(_), Some(_)) => return Err(CliError::input("give --snr or --sigma, not both")),
                (Some(snr), None) => spec.noise = Noise::Snr(snr),
                (None, Some(sigma)) => spec.noise = Noise::Sigma(sigma),
                (None, None) => {}
            }
            if let Some(pattern) = &args.pattern {
                spec.pattern = parse_pattern(pattern, args.group_size).map_err(CliError::input)?;
            }
            match (args.group_size, &mut spec.pattern) {
                (Some(size), Pattern::CorrelatedGroups { group_size }) => *group_size = size,
                (Some(_), _) => {
                    return Err(CliError::input(
                        "--group-size applies to --pattern groups (or a scenario with groups, like correlated)",
                    ))
                }
                (None, _) => {}
            }
            spec.check(&Setting::flag).map_err(CliError::input)?;
        }
        Source::Bundled { .. } if any_override => {
            return Err(CliError::input(format!(
                "scenario {} is a real dataset; --n, --p, --k, --snr, --sigma, --rho, --pattern, --group-size and \
                 --val-frac apply to synthetic scenarios only",
                scenario.name
            )))
        }
        Source::Bundled { .. } => {}
    }
    Ok(scenario)
}
