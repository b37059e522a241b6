//! The dropout screen's state as data (`regscope snapshot --format json`): the four networks'
//! settings and latest losses, for snapshot tests and scripts. Built from the settings and the view
//! only. A public interface: fields are added, never renamed (README lists them).

use super::settings::SMOOTHING_EPOCHS;
use super::view::{Cause, VARIANTS};
use super::Screen;
use serde::Serialize;

/// The dropout screen: its dataset and the four variants.
#[derive(Serialize)]
struct DropoutExport {
    /// `curve`, `circles`, `xor` or `spiral`.
    dataset: &'static str,
    /// `regression` or `classification`.
    task: &'static str,
    seed: u64,
    epoch: usize,
    /// Why the networks last started at epoch 0: `start`, `new data` or `restart` (same data and
    /// initial weights, after a change of the rate or decay or `R`).
    started_by: &'static str,
    /// The `*_avg` losses are means over this many trailing epochs.
    smoothing_epochs: usize,
    variants: Vec<VariantExport>,
}

/// One network as trained so far.
#[derive(Serialize)]
struct VariantExport {
    /// `none`, `dropout`, `decay` or `both`.
    name: &'static str,
    /// The dropout rate and the weight decay this variant trains with (0 when it does not use one).
    dropout: f64,
    weight_decay: f64,
    /// Evaluation-mode losses after the last epoch (MSE for regression, logistic loss for
    /// classification).
    train_loss: f64,
    val_loss: f64,
    epoch: usize,
    /// The same losses averaged over the last `smoothing_epochs` epochs: what the screen plots.
    train_loss_avg: f64,
    val_loss_avg: f64,
    /// The lowest averaged validation loss so far and the epoch it ended at.
    best_val_loss_avg: f64,
    best_val_epoch: usize,
    /// Only for classification: the share of rows labelled right.
    #[serde(skip_serializing_if = "Option::is_none")]
    train_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    val_accuracy: Option<f64>,
}

/// The JSON of the dropout screen.
pub fn json(screen: &Screen) -> serde_json::Value {
    let (settings, view) = (&screen.settings, &screen.view);
    let variants = VARIANTS
        .iter()
        .enumerate()
        .map(|(v, variant)| {
            let last = view.history[v].last();
            let smoothed = view.smoothed[v].last();
            let accuracy = view.accuracy[v];
            VariantExport {
                name: variant.name,
                dropout: if variant.dropout { settings.rate } else { 0.0 },
                weight_decay: if variant.decay { settings.weight_decay } else { 0.0 },
                train_loss: last.map_or(f64::NAN, |l| l.train_loss),
                val_loss: last.map_or(f64::NAN, |l| l.val_loss),
                epoch: last.map_or(0, |l| l.epoch),
                train_loss_avg: smoothed.map_or(f64::NAN, |l| l.train_loss),
                val_loss_avg: smoothed.map_or(f64::NAN, |l| l.val_loss),
                best_val_loss_avg: view.best[v].map_or(f64::NAN, |b| b.val_loss),
                best_val_epoch: view.best[v].map_or(0, |b| b.epoch),
                train_accuracy: accuracy.map(|a| a.train),
                val_accuracy: accuracy.map(|a| a.val),
            }
        })
        .collect();
    let export = DropoutExport {
        dataset: view.shape.name(),
        task: if view.shape.is_classification() {
            "classification"
        } else {
            "regression"
        },
        seed: settings.seed,
        epoch: view.epoch(),
        started_by: match view.cause {
            Cause::Start => "start",
            Cause::NewData => "new data",
            Cause::Restart => "restart",
        },
        smoothing_epochs: SMOOTHING_EPOCHS,
        variants,
    };
    serde_json::to_value(export).unwrap_or(serde_json::Value::Null)
}
