//! `regscope train`: train the four models headless and write the loss of every epoch as CSV.

use super::session::{self, SessionArgs};
use super::{output, CliError};
use crate::data::{push_number, short_number};
use crate::engine::{Command, MODELS};
use std::path::PathBuf;

/// What to train.
#[derive(Clone, Debug)]
pub struct TrainArgs {
    pub session: SessionArgs,
    pub epochs: usize,
    /// The penalty strength; default: the explorer's starting lambda.
    pub lambda: Option<f64>,
    /// The elastic-net model's mix; default [`session::DEFAULT_MIX`]. Linear scenarios only.
    pub l1_ratio: Option<f64>,
    pub out: PathBuf,
}

/// Trains and writes `model,epoch,train_loss,val_loss,penalty,train_mse,val_mse` rows; returns a summary.
pub fn run(args: &TrainArgs) -> Result<String, CliError> {
    check_args(args)?;
    let (mut engine, mut state) = session::start(&args.session, args.epochs)?;
    if session::dropout_shape(&args.session).is_some() {
        return run_lab(args, &mut engine, &mut state);
    }
    for progress in engine.handle_now(Command::SetMix(args.l1_ratio.unwrap_or(session::DEFAULT_MIX))) {
        state.apply(progress);
    }
    if let Some(lambda) = args.lambda {
        if !(lambda.is_finite() && lambda > 0.0) {
            return Err(CliError::input(format!(
                "--lambda {} must be positive and finite",
                short_number(lambda)
            )));
        }
        engine.set_lambda_value(lambda);
    }
    state.apply(engine.run_epochs(args.epochs));
    output::write_to(&args.out, |out| {
        writeln!(out, "model,epoch,train_loss,val_loss,penalty,train_mse,val_mse")?;
        for (m, id) in MODELS.iter().enumerate() {
            for s in &state.models[m].history {
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
    let last = |m: usize| {
        state.models[m]
            .history
            .last()
            .map(|s| s.mse())
            .unwrap_or((f64::NAN, f64::NAN))
    };
    let summary: Vec<String> = MODELS
        .iter()
        .enumerate()
        .map(|(m, id)| format!("{} train_mse={:.4} val_mse={:.4}", id.short(), last(m).0, last(m).1))
        .collect();
    Ok(format!(
        "regscope train: {} epochs, lambda={} -> {}; {}",
        args.epochs,
        engine.lambda(),
        args.out.display(),
        summary.join("; ")
    ))
}

/// Refuses, before anything is computed, a mix out of range, an epoch count beyond the limits and an
/// output that is the input CSV.
fn check_args(args: &TrainArgs) -> Result<(), CliError> {
    if let Some(ratio) = args.l1_ratio.filter(|r| !(0.0..=1.0).contains(r)) {
        return Err(CliError::input(format!(
            "--l1-ratio {} must lie in [0, 1]",
            short_number(ratio)
        )));
    }
    super::check_epochs(args.epochs, session::dropout_shape(&args.session).is_some())?;
    let inputs: Vec<output::Named> = args.session.data.iter().map(|d| ("--data", d.as_path())).collect();
    output::check_files(&inputs, &[("--out", args.out.as_path())])
}

/// Trains the dropout lab's four variants and writes `variant,epoch,train_loss,val_loss` (evaluation
/// mode: logistic loss for classification, `1/(2n) sum (f - y)^2` for regression).
fn run_lab(
    args: &TrainArgs,
    engine: &mut crate::engine::Engine,
    state: &mut crate::app::State,
) -> Result<String, CliError> {
    if args.lambda.is_some() || args.l1_ratio.is_some() {
        return Err(CliError::input(
            "--lambda and --l1-ratio apply to the linear models, not to a dropout scenario",
        ));
    }
    state.apply(engine.run_lab_epochs(args.epochs));
    let lab = state
        .lab
        .as_ref()
        .ok_or_else(|| CliError::other("the dropout lab did not start"))?;
    output::write_to(&args.out, |out| {
        writeln!(out, "variant,epoch,train_loss,val_loss")?;
        for (v, (name, _, _)) in crate::engine::dropout::VARIANTS.iter().enumerate() {
            for l in &lab.history[v] {
                let mut line = format!("{name},{},", l.epoch);
                push_number(&mut line, l.train_loss);
                line.push(',');
                push_number(&mut line, l.val_loss);
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    let summary: Vec<String> = crate::engine::dropout::VARIANTS
        .iter()
        .enumerate()
        .map(|(v, (name, _, _))| {
            let last = lab.history[v].last().expect("epoch 0 at least");
            format!("{name} train={:.4} val={:.4}", last.train_loss, last.val_loss)
        })
        .collect();
    Ok(format!(
        "regscope train: {} epochs of {} (dropout {}, weight decay {}) -> {}; {}",
        args.epochs,
        lab.view.settings.shape.name(),
        lab.view.settings.dropout,
        lab.view.settings.weight_decay,
        args.out.display(),
        summary.join("; ")
    ))
}
