//! The scenario presets say what they show (`description` in `assets/scenarios/*.toml`, drawn under the
//! loss panel and listed in the README). These tests recompute what the explorer computes (the exact
//! path, 5-fold CV, lambda_min and lambda_1se) and check that each claim holds on at least 4 of the
//! seeds 1 to 5, so a user pressing `r` for new data sees the lesson most of the time, not only on the
//! preset's default seed. Each test prints its per-seed figures, so a failure shows by how much.

mod common;

use common::claims::{self, Prepared, SEEDS};
use regscope::data::scenario::Scenario;

/// A claim must hold on at least this many of the 5 seeds.
const MIN_SEEDS: usize = 4;

/// Runs `check` on every seed of `scenario` (it returns a line of figures and whether the claim holds)
/// and asserts that the claim holds on at least [`MIN_SEEDS`] of them.
fn holds_on_most_seeds(scenario: &Scenario, claim: &str, check: impl Fn(&Prepared) -> (String, bool)) {
    let mut report = format!("{} ({claim}):\n", scenario.name);
    let mut held = 0;
    for seed in SEEDS {
        let (figures, ok) = check(&claims::prepare(scenario, seed));
        held += usize::from(ok);
        report += &format!("  seed {seed}: {figures} {}\n", if ok { "holds" } else { "FAILS" });
    }
    println!("{report}");
    assert!(
        held >= MIN_SEEDS,
        "the claim holds on {held} of 5 seeds, not at least {MIN_SEEDS}:\n{report}"
    );
}

/// `sparse`: at its lambda_1se the lasso recalls at least 80% of the true support, and at least 60% of
/// what it keeps is in the support.
fn lasso_finds_the_support(prepared: &Prepared) -> (String, bool) {
    let lasso = claims::fit_model(prepared, 1.0);
    let (recall, precision) = claims::recall_precision(lasso.at_1se(), &prepared.truth);
    let figures = format!("recall {recall:.2} (>= 0.80), precision {precision:.2} (>= 0.60)");
    (figures, recall >= 0.8 && precision >= 0.6)
}

/// `sparse`: the unregularized model, trained by gradient descent until it converges, overfits: it
/// ends with a validation MSE at least 1.3 times the best it had on the way (the early-stopping point
/// the loss panel shows) and at least twice its training MSE.
fn unregularized_overfits(prepared: &Prepared) -> (String, bool) {
    let descent = claims::train_unregularized(prepared);
    let past_best = descent.final_val_mse / descent.best_val_mse;
    let gap = descent.final_val_mse / descent.final_train_mse;
    let figures = format!(
        "after {} epochs val MSE {:.3}, best {:.3} at epoch {} (ratio {past_best:.2} >= 1.30), train MSE \
         {:.3} (val/train {gap:.2} >= 2.00)",
        descent.epochs, descent.final_val_mse, descent.best_val_mse, descent.best_epoch, descent.final_train_mse
    );
    (figures, past_best >= 1.3 && gap >= 2.0)
}

/// `sparse`: the lasso at its lambda_min predicts the validation rows better than the unregularized
/// model where its descent ends: at most 0.8 times its validation MSE.
fn lasso_beats_unregularized(prepared: &Prepared) -> (String, bool) {
    let lasso = claims::fit_model(prepared, 1.0);
    let lasso_mse = claims::val_mse(prepared, lasso.at_min());
    let none_mse = claims::train_unregularized(prepared).final_val_mse;
    let ratio = lasso_mse / none_mse;
    let figures = format!("val MSE lasso {lasso_mse:.3} unregularized {none_mse:.3} (ratio {ratio:.2} <= 0.80)");
    (figures, ratio <= 0.8)
}

/// `correlated`: at its lambda_1se the lasso keeps at most 3 of the 5 features of an informative block
/// on average (and at least one in each: it picks, it does not drop the block), while ridge at its own
/// lambda_1se shares a block's weight evenly: its spread of magnitudes inside a block is under half
/// the lasso's.
fn lasso_picks_ridge_spreads(prepared: &Prepared) -> (String, bool) {
    let lasso = claims::fit_model(prepared, 1.0);
    let ridge = claims::fit_model(prepared, 0.0);
    let kept = claims::mean_over_blocks(prepared, |b| claims::kept(lasso.at_1se(), b) as f64);
    let none_dropped = claims::mean_over_blocks(prepared, |b| f64::from(claims::kept(lasso.at_1se(), b) > 0)) == 1.0;
    let lasso_spread = claims::mean_over_blocks(prepared, |b| claims::spread(lasso.at_1se(), b));
    let ridge_spread = claims::mean_over_blocks(prepared, |b| claims::spread(ridge.at_1se(), b));
    let figures = format!(
        "lasso keeps {kept:.2} per block (<= 3, none dropped: {none_dropped}), spread lasso {lasso_spread:.2} \
         ridge {ridge_spread:.2} (ratio {:.2} < 0.5)",
        ridge_spread / lasso_spread
    );
    (
        figures,
        kept <= 3.0 && none_dropped && ridge_spread < 0.5 * lasso_spread,
    )
}

/// `dense`: ridge's best CV error (at its lambda_min, on its own grid) is at most 0.95 times the lasso's.
fn ridge_beats_the_lasso(prepared: &Prepared) -> (String, bool) {
    let lasso = claims::fit_model(prepared, 1.0);
    let ridge = claims::fit_model(prepared, 0.0);
    let ratio = ridge.best_cv_error() / lasso.best_cv_error();
    let figures = format!(
        "best CV error ridge {:.4} lasso {:.4} (ratio {ratio:.3} <= 0.95)",
        ridge.best_cv_error(),
        lasso.best_cv_error()
    );
    (figures, ratio <= 0.95)
}

#[test]
fn sparse_the_lasso_finds_the_support() {
    let scenario = claims::scenario("sparse");
    holds_on_most_seeds(
        &scenario,
        "lasso at lambda_1se finds the support",
        lasso_finds_the_support,
    );
}

#[test]
fn sparse_the_unregularized_model_overfits() {
    let scenario = claims::scenario("sparse");
    holds_on_most_seeds(
        &scenario,
        "unregularized descent ends far above its best validation error",
        unregularized_overfits,
    );
}

#[test]
fn sparse_the_lasso_predicts_better_than_the_unregularized_model() {
    let scenario = claims::scenario("sparse");
    holds_on_most_seeds(
        &scenario,
        "lasso at lambda_min beats the unregularized model on validation",
        lasso_beats_unregularized,
    );
}

#[test]
fn correlated_the_lasso_picks_one_of_a_group_and_ridge_spreads_the_weight() {
    let scenario = claims::scenario("correlated");
    holds_on_most_seeds(
        &scenario,
        "lasso picks within a block, ridge spreads",
        lasso_picks_ridge_spreads,
    );
}

#[test]
fn dense_ridge_predicts_better_than_the_lasso() {
    let scenario = claims::scenario("dense");
    holds_on_most_seeds(
        &scenario,
        "ridge's best CV error beats the lasso's",
        ridge_beats_the_lasso,
    );
}
