//! `regscope train`: train the four models headless and write the loss of every epoch as CSV.

use super::session::{self, SessionArgs};
use super::{output, CliError};
use crate::app::State;
use crate::data::{push_number, short_number};
use crate::engine::{Command, Engine};
use crate::screens::{classification, dropout, linear, ScreenId, Settings};
use std::path::PathBuf;

/// What to train. (The doc comments of the fields are `--help`'s text.)
#[derive(clap::Args, Clone, Debug)]
pub struct TrainArgs {
    #[command(flatten)]
    pub session: SessionArgs,
    /// Epochs to train (at most 1000000, 100000 on the dropout and classification scenarios)
    /// [default: 300, the dropout screen's 1500 on dropout-1d and dropout-2d, the classification
    /// screen's 20000 on classify-sparse and classify-2d].
    // The defaults are session::DEFAULT_EPOCHS and the dropout screen's LAB_EPOCHS: `train` trains
    // as long as the screen it reproduces.
    #[arg(long, allow_negative_numbers = true, value_parser = super::whole::<usize>(super::EPOCHS))]
    pub epochs: Option<usize>,
    /// Penalty strength (default: the explorer's starting lambda, grid step 30 of 100); linear
    /// scenarios only (refused on the dropout and classification scenarios).
    #[arg(long, allow_negative_numbers = true)]
    pub lambda: Option<f64>,
    /// The elastic-net model's l1_ratio, its share of the L1 penalty [default: 0.5].
    // The default is session::DEFAULT_L1_RATIO; linear scenarios only.
    #[arg(long, allow_negative_numbers = true)]
    pub l1_ratio: Option<f64>,
    /// Output CSV: model,epoch,train_loss,val_loss,penalty,train_mse,val_mse (on classify-sparse and
    /// classify-2d: model,epoch,train_loss,val_loss,train_accuracy,val_accuracy,weight_norm); - for
    /// standard output.
    #[arg(long)]
    pub out: PathBuf,
}

/// Trains and writes `model,epoch,train_loss,val_loss,penalty,train_mse,val_mse` rows; returns a summary.
pub fn run(args: &TrainArgs) -> Result<String, CliError> {
    check_args(args)?;
    let epochs = epochs(args);
    let (mut engine, mut state) = session::start(&args.session, epochs)?;
    if session::dropout_shape(&args.session).is_some() {
        return run_lab(args, epochs, &mut engine, &mut state);
    }
    if classification_scenario(args) {
        return run_classification(args, epochs, &mut engine, &mut state);
    }
    let mut settings = state.screens.linear.settings.clone();
    settings.l1_ratio = args.l1_ratio.unwrap_or(session::DEFAULT_L1_RATIO);
    state.screens.linear.settings = settings.clone();
    for report in engine.handle_now(Command::Configure(Settings::Linear(settings))) {
        state.apply(report);
    }
    if let Some(lambda) = args.lambda {
        if !(lambda.is_finite() && lambda > 0.0) {
            return Err(CliError::input(format!(
                "--lambda {} must be positive and finite",
                short_number(lambda)
            )));
        }
        engine.labs_mut().linear.set_lambda_value(lambda);
    }
    state.apply(engine.advance(epochs));
    let view = &state.screens.linear.view;
    write_history(args, view)?;
    let last = |m: usize| view.models[m].history.last().map_or((f64::NAN, f64::NAN), |s| s.mse());
    let summary: Vec<String> = linear::MODELS
        .iter()
        .enumerate()
        .map(|(m, &id)| {
            let (train, val) = last(m);
            let lambda = match id {
                linear::ModelId::Unregularized => String::new(),
                _ => format!(" lambda={:?}", engine.labs_mut().linear.lambda_of(id)),
            };
            format!(
                "{}{lambda} train_mse={} val_mse={}",
                id.short(),
                short_number(train),
                short_number(val)
            )
        })
        .collect();
    Ok(format!(
        // Debug form: the shortest that reads back exactly, in scientific form when tiny or huge.
        "regscope train: {} epochs, lambda={:?} -> {}; {}",
        epochs,
        engine.labs_mut().linear.lambda_of(linear::ModelId::Lasso),
        args.out.display(),
        summary.join("; ")
    ))
}

/// `--epochs`, or the default of the screen being reproduced: the dropout screen's own epochs on a
/// dropout scenario (its claims hold there), the linear screen's otherwise.
pub fn epochs(args: &TrainArgs) -> usize {
    args.epochs
        .unwrap_or(if session::dropout_shape(&args.session).is_some() {
            dropout::LAB_EPOCHS
        } else if classification_scenario(args) {
            classification::MAX_SETTLE_EPOCHS
        } else {
            session::DEFAULT_EPOCHS
        })
}

/// Whether the scenario is one of the classification screen's.
fn classification_scenario(args: &TrainArgs) -> bool {
    let scenario = args.session.scenario.as_deref();
    scenario.and_then(classification::scenario_preset).is_some()
}

/// Every model's losses, epoch by epoch, as CSV.
fn write_history(args: &TrainArgs, view: &linear::View) -> Result<(), CliError> {
    output::write_to(&args.out, |out| {
        writeln!(out, "model,epoch,train_loss,val_loss,penalty,train_mse,val_mse")?;
        for (m, id) in linear::MODELS.iter().enumerate() {
            for s in &view.models[m].history {
                let mut line = format!("{},{}", id.short(), s.epoch);
                let (train_mse, val_mse) = s.mse();
                for v in [s.train_loss, s.val_loss, s.penalty, train_mse, val_mse] {
                    line.push(',');
                    push_number(&mut line, v);
                }
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Refuses, before anything is computed, an L1 share out of range, an epoch count beyond the limits and an
/// output that is the input CSV.
fn check_args(args: &TrainArgs) -> Result<(), CliError> {
    if args.session.scenario.as_deref() == Some(crate::screens::geometry::SCENARIO) {
        return Err(CliError::input(
            "--scenario geometry trains nothing (its solutions are exact): see them with `regscope snapshot \
             --scenario geometry --format json`",
        ));
    }
    if let Some(ratio) = args.l1_ratio.filter(|r| !(0.0..=1.0).contains(r)) {
        return Err(CliError::input(format!(
            "--l1-ratio {} must lie in [0, 1]",
            short_number(ratio)
        )));
    }
    if classification_scenario(args) {
        if args.lambda.is_some() || args.l1_ratio.is_some() {
            return Err(CliError::input(
                "--lambda and --l1-ratio apply to the linear models; the classification models train at their \
                 cross-validated lambda_min (move them with `snapshot --keys`)",
            ));
        }
        if epochs(args) > MAX_CLASSIFICATION_EPOCHS {
            return Err(CliError::input(format!(
                "--epochs {} is more than {MAX_CLASSIFICATION_EPOCHS}, the most on the classification screen",
                epochs(args)
            )));
        }
    } else {
        super::check_epochs(epochs(args), session::dropout_shape(&args.session).is_some())?;
    }
    let inputs: Vec<output::Named> = args.session.data.iter().map(|d| ("--data", d.as_path())).collect();
    output::check_files(&inputs, &[("--out", args.out.as_path())])
}

/// Trains the dropout lab's four variants and writes `variant,epoch,train_loss,val_loss` (evaluation
/// mode: logistic loss for classification, the mean squared error for regression, as on the screen).
fn run_lab(args: &TrainArgs, epochs: usize, engine: &mut Engine, state: &mut State) -> Result<String, CliError> {
    if args.lambda.is_some() || args.l1_ratio.is_some() {
        return Err(CliError::input(
            "--lambda and --l1-ratio apply to the linear models, not to a dropout scenario",
        ));
    }
    state.apply(engine.advance(epochs));
    let screen = &state.screens.dropout;
    let lab = &screen.view;
    output::write_to(&args.out, |out| {
        writeln!(out, "variant,epoch,train_loss,val_loss")?;
        for (v, variant) in dropout::VARIANTS.iter().enumerate() {
            for l in &lab.history[v] {
                let mut line = format!("{},{},", variant.name, l.epoch);
                push_number(&mut line, l.train_loss);
                line.push(',');
                push_number(&mut line, l.val_loss);
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    let summary: Vec<String> = dropout::VARIANTS
        .iter()
        .zip(&lab.history)
        .filter_map(|(variant, history)| {
            let last = history.last()?;
            Some(format!(
                "{} train={} val={}",
                variant.name,
                short_number(last.train_loss),
                short_number(last.val_loss)
            ))
        })
        .collect();
    Ok(format!(
        "regscope train: {} epochs of {} (dropout {}, weight decay {}) -> {}; {}",
        epochs,
        screen.settings.shape.name(),
        screen.settings.rate,
        screen.settings.weight_decay,
        args.out.display(),
        summary.join("; ")
    ))
}

/// The most epochs `train` runs on a classification scenario (four models' history kept in memory).
pub const MAX_CLASSIFICATION_EPOCHS: usize = 100_000;

/// Trains the classification screen's four models (each penalized one at its CV lambda_min, as the
/// screen starts) and writes `model,epoch,train_loss,val_loss,train_accuracy,val_accuracy,weight_norm`
/// (mean log-loss, accuracy as a share, the weights' norm on the standardized scale).
fn run_classification(
    args: &TrainArgs,
    epochs: usize,
    engine: &mut Engine,
    state: &mut State,
) -> Result<String, CliError> {
    super::session::show(engine, state, ScreenId::Classification);
    state.apply(engine.advance(epochs));
    let screen = &state.screens.classification;
    output::write_to(&args.out, |out| {
        writeln!(
            out,
            "model,epoch,train_loss,val_loss,train_accuracy,val_accuracy,weight_norm"
        )?;
        for (id, model) in classification::MODELS.iter().zip(&screen.view.models) {
            for e in &model.history {
                let mut line = format!("{},{}", id.short(), e.epoch);
                for v in [
                    e.train_loss,
                    e.val_loss,
                    e.train_accuracy,
                    e.val_accuracy,
                    e.weight_norm,
                ] {
                    line.push(',');
                    push_number(&mut line, v);
                }
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    let summary: Vec<String> = classification::MODELS
        .iter()
        .zip(&screen.view.models)
        .filter_map(|(id, model)| {
            let last = model.last()?;
            let lambda = screen.lambda(*id).map_or(String::new(), |l| format!(" lambda={l:?}"));
            Some(format!(
                "{}{lambda} train_accuracy={} val_accuracy={}",
                id.short(),
                short_number(last.train_accuracy),
                short_number(last.val_accuracy)
            ))
        })
        .collect();
    // The models rest once converged (or at their limit): say how many epochs ran.
    Ok(format!(
        "regscope train: {} epochs of {} seed {} -> {}; {}",
        screen.view.epoch(),
        screen.view.data.preset.name(),
        screen.view.data.seed,
        args.out.display(),
        summary.join("; ")
    ))
}
