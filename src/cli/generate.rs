//! `regscope generate`: write a synthetic dataset (or a bundled one) as CSV, with its true coefficients.

use super::{output, whole, CliError, SEED};
use crate::data::scenario::{parse_pattern, Scenario, Source};
use crate::data::synthetic::binomial::logistic_labels;
use crate::data::synthetic::{check_finite, Setting};
use crate::data::{push_number, write_csv, Noise, Pattern, DEFAULT_SCENARIO};
use std::path::PathBuf;

/// What to generate: a scenario, with any of its synthetic settings overridden. (The doc comments of
/// the fields are `--help`'s text.)
#[derive(clap::Args, Clone, Debug, Default)]
pub struct GenerateArgs {
    /// Scenario preset to start from (sparse, dense, correlated, wide, diabetes).
    #[arg(long)]
    pub scenario: Option<String>,
    /// Rows in all (training and validation); n x p at most 2^28 cells.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("the rows are a whole number, 3 or more"))]
    pub n: Option<usize>,
    /// Features.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("the features are a whole number, 1 or more"))]
    pub p: Option<usize>,
    /// Informative features (nonzero true coefficients).
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("k is a whole number from 0 to --p"))]
    pub k: Option<usize>,
    /// Population signal-to-noise ratio, Var(X beta) / sigma^2 (at least 1e-100).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "sigma")]
    pub snr: Option<f64>,
    /// Noise standard deviation (instead of --snr; at most 1e100).
    #[arg(long, allow_negative_numbers = true)]
    pub sigma: Option<f64>,
    /// Correlation: AR(1) between neighbouring features, or inside a block for --pattern groups.
    #[arg(long, allow_negative_numbers = true)]
    pub rho: Option<f64>,
    /// Shape of the true coefficients: sparse (few strong), dense (many weak), groups (whole blocks).
    #[arg(long)]
    pub pattern: Option<String>,
    /// Block size for --pattern groups.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<usize>("the group size is a whole number from 1 to --p"))]
    pub group_size: Option<usize>,
    /// Fraction of rows held out for validation (the last rows).
    #[arg(long = "val-frac", allow_negative_numbers = true)]
    pub validation_fraction: Option<f64>,
    /// Seed of the generator (default: the scenario's); the same seed writes the same bytes.
    #[arg(long, allow_negative_numbers = true, value_parser = whole::<u64>(SEED))]
    pub seed: Option<u64>,
    /// Output CSV (header x0..x{p-1},y); - for standard output.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the true coefficients here (header feature,beta).
    #[arg(long)]
    pub truth: Option<PathBuf>,
    /// The target: gaussian (the signal plus noise) or binomial (0/1 labels drawn from a logistic model
    /// of the same features and sparse truth).
    #[arg(long, value_enum, default_value = "gaussian")]
    pub family: crate::cli::path::Family,
    /// With --family binomial: the labels are Bernoulli(sigmoid(S x . beta)); a larger S separates the
    /// classes more (0: coin flips) [default: 1].
    #[arg(long, allow_negative_numbers = true, requires = "family")]
    pub separation: Option<f64>,
}

/// Writes the data (and the truth, if asked); returns a one-line summary for stderr.
pub fn run(args: &GenerateArgs) -> Result<String, CliError> {
    let scenario = Scenario::named(args.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO))?;
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
    let binomial = args.family == crate::cli::path::Family::Binomial;
    check_family(args, binomial, &scenario)?;
    let mut data = scenario.load(seed)?;
    let separation = args.separation.unwrap_or(1.0);
    if binomial {
        let truth = data.dataset.truth.clone().unwrap_or_default();
        data.dataset.y = logistic_labels(&data.dataset.x, &truth, separation, seed);
        // The logistic model's own coefficients.
        data.dataset.truth = Some(truth.iter().map(|b| b * separation).collect());
    }
    if let (Source::Synthetic(spec), false) = (&scenario.source, binomial) {
        let sigma = data.sigma.unwrap_or(0.0);
        check_finite(&data.dataset, sigma, spec.noise, &Setting::flag)?;
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
    let noise = if binomial {
        let ones = data.dataset.y.iter().sum::<f64>() / data.dataset.n() as f64;
        format!(" family=binomial separation={separation} share_of_ones={ones:.3}")
    } else {
        data.sigma.map_or(String::new(), |s| format!(" sigma={s:.6}"))
    };
    Ok(format!(
        "regscope generate: scenario={} seed={seed} n={} p={}{noise} (validation rows: the last {}) -> {}",
        scenario.name,
        data.dataset.n(),
        data.dataset.p(),
        data.split.validation.len(),
        args.out.display()
    ))
}

/// `--family binomial` needs a synthetic scenario (its labels come from the true coefficients) and
/// takes no noise level; `--separation` needs it.
fn check_family(args: &GenerateArgs, binomial: bool, scenario: &Scenario) -> Result<(), CliError> {
    if !binomial {
        return match args.separation {
            Some(_) => Err(CliError::input("--separation goes with --family binomial")),
            None => Ok(()),
        };
    }
    if let Source::Bundled { .. } = scenario.source {
        return Err(CliError::input(format!(
            "--family binomial draws labels from true coefficients; scenario {} is a real dataset without them",
            scenario.name
        )));
    }
    if args.snr.is_some() || args.sigma.is_some() {
        return Err(CliError::input(
            "--snr and --sigma set the gaussian noise; with --family binomial, --separation sets how far apart the classes are",
        ));
    }
    match args.separation {
        Some(s) if !(s.is_finite() && s >= 0.0) => Err(CliError::input(format!(
            "--separation {s} must be a finite number, 0 or more"
        ))),
        _ => Ok(()),
    }
}

/// The scenario with the flags' settings in place of its own, checked under the flags' names; a
/// bundled dataset has no settings, so any override of one is refused rather than ignored.
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
                spec.pattern = parse_pattern(pattern, args.group_size)?;
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
            spec.check(&Setting::flag)?;
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
