//! The dropout screen's lesson, checked over seeds 1 to 5 at the screen's own defaults (the rate,
//! the decay and the epochs a user sees without touching a key): dropout's validation MSE, averaged
//! over the last epochs as the chart and status line show it, is below the plain network's by a
//! margin, and so is dropout with weight decay.
//!
//! It trains 5 x 4 networks for the screen's 1,500 epochs (the seeds in parallel): about 27 s on two
//! cores in the test profile (the network's arithmetic is in ndarray, which is optimized there), so
//! it runs with every `cargo test`.

use regscope::app::State;
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::train_until_settled;
use regscope::screens::dropout::{LAB_EPOCHS, VARIANTS};

/// A variant wins when its averaged validation MSE is below `MARGIN` times the plain network's.
const MARGIN: f64 = 0.95;

/// The screen for `dropout-1d` with `seed`, trained as the explorer trains it until it rests.
fn settled(seed: u64) -> State {
    let args = SessionArgs {
        scenario: Some("dropout-1d".into()),
        seed: Some(seed),
        ..SessionArgs::default()
    };
    let (mut engine, mut state) = session::start(&args, LAB_EPOCHS).expect("dropout-1d starts");
    train_until_settled(&mut engine, &mut state);
    state
}

/// The averaged validation loss of the variant named `name`, as the status line prints it.
fn val(state: &State, name: &str) -> f64 {
    let v = VARIANTS.iter().position(|v| v.name == name).expect("a variant");
    let view = &state.screens.dropout.view;
    view.smoothed[v].last().expect("trained").val_loss
}

#[test]
fn dropout_and_dropout_with_decay_beat_the_plain_network_on_four_of_five_seeds() {
    // The seeds are independent: train them on all cores.
    let results: Vec<(u64, f64, f64, f64)> = std::thread::scope(|scope| {
        let runs: Vec<_> = (1..=5u64)
            .map(|seed| {
                scope.spawn(move || {
                    let state = settled(seed);
                    assert_eq!(state.screens.dropout.view.epoch(), LAB_EPOCHS, "trained to the default");
                    (seed, val(&state, "none"), val(&state, "dropout"), val(&state, "both"))
                })
            })
            .collect();
        runs.into_iter().map(|run| run.join().expect("a seed trains")).collect()
    });
    let (mut dropout_wins, mut both_wins) = (0, 0);
    for (seed, none, dropout, both) in results {
        eprintln!(
            "seed {seed}: val MSE none {none:.3}, dropout {dropout:.3} ({:+.0}%), both {both:.3} ({:+.0}%)",
            100.0 * (dropout / none - 1.0),
            100.0 * (both / none - 1.0)
        );
        dropout_wins += usize::from(dropout < MARGIN * none);
        both_wins += usize::from(both < MARGIN * none);
    }
    assert!(
        dropout_wins >= 4,
        "dropout beat none by 5% on {dropout_wins} of 5 seeds"
    );
    assert!(
        both_wins >= 4,
        "dropout + decay beat none by 5% on {both_wins} of 5 seeds"
    );
}
