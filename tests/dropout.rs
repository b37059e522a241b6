//! The dropout screen: the network overfits the 1-D curve, dropout helps, the keys do what they say,
//! and the screen renders at both sizes.

use regscope::app::{update, Action, Global, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::{self, SnapshotArgs};
use regscope::data::nonlinear::Shape;
use regscope::engine::{Command, Engine};
use regscope::screens::dropout::{Action as D, LAB_EPOCHS};
use regscope::screens::{ScreenId, Settings};

fn lab(scenario: &str) -> (Engine, State) {
    let args = SessionArgs {
        scenario: Some(scenario.into()),
        ..SessionArgs::default()
    };
    session::start(&args, 10).expect("a dropout scenario starts")
}

fn act(engine: &mut Engine, state: &mut State, action: impl Into<Action>) {
    for command in update(state, action) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
}

#[test]
fn a_dropout_scenario_opens_on_the_dropout_screen() {
    let (engine, state) = lab("dropout-2d");
    assert_eq!(state.active, ScreenId::Dropout);
    assert_eq!(engine.active(), ScreenId::Dropout);
    assert_eq!(state.screens.dropout.settings.shape, Shape::Circles);
}

#[test]
fn on_the_curve_the_plain_network_overfits_and_dropout_generalizes_better() {
    let (mut engine, mut state) = lab("dropout-1d");
    state.apply(engine.advance(LAB_EPOCHS));
    let view = &state.screens.dropout.view;
    let last = |v: usize| *view.history[v].last().unwrap();
    let (none, dropout) = (last(0), last(1));
    eprintln!(
        "after {LAB_EPOCHS} epochs: none train {:.4} val {:.4}; dropout train {:.4} val {:.4}",
        none.train_loss, none.val_loss, dropout.train_loss, dropout.val_loss
    );
    assert_eq!(none.epoch, LAB_EPOCHS);
    // Measured with seed 1: none 0.032 / 0.211, dropout 0.083 / 0.190.
    assert!(
        none.val_loss > 4.0 * none.train_loss,
        "the unregularized network fits the noise"
    );
    assert!(
        dropout.val_loss < none.val_loss,
        "dropout validates better: {} vs {}",
        dropout.val_loss,
        none.val_loss
    );
}

#[test]
fn arrows_set_dropout_and_weight_decay_and_r_g_change_the_data() {
    let (mut engine, mut state) = lab("dropout-1d");
    let settings = |state: &State| state.screens.dropout.settings.clone();
    let (p, wd) = (settings(&state).rate, settings(&state).weight_decay);
    act(&mut engine, &mut state, D::MoveRate(1));
    assert!((settings(&state).rate - (p + 0.05)).abs() < 1e-12);
    for _ in 0..30 {
        act(&mut engine, &mut state, D::MoveRate(1));
    }
    assert_eq!(settings(&state).rate, 0.9, "the rate stops at 0.9");
    act(&mut engine, &mut state, D::MoveDecay(1));
    assert!(
        (settings(&state).weight_decay / wd - 10f64.powf(0.25)).abs() < 1e-9,
        "one step on the log grid"
    );
    for _ in 0..40 {
        act(&mut engine, &mut state, D::MoveDecay(-1));
    }
    assert_eq!(settings(&state).weight_decay, 0.0, "below 1e-6 the decay is off");
    act(&mut engine, &mut state, Global::Step);
    assert_eq!(state.screens.dropout.view.epoch(), 1);
    act(&mut engine, &mut state, D::Reseed);
    assert_eq!(settings(&state).seed, 2);
    assert_eq!(state.screens.dropout.view.epoch(), 0);
    act(&mut engine, &mut state, D::NextDataset);
    assert_eq!(state.screens.dropout.view.shape, Shape::Circles);
    act(&mut engine, &mut state, Global::NextScreen);
    assert_eq!(state.active, ScreenId::Linear);
}

#[test]
fn new_data_keeps_the_rate_and_decay_the_user_set() {
    // The settings are the one copy: a new dataset is built from them, nothing is copied back.
    let (mut engine, mut state) = lab("dropout-1d");
    act(&mut engine, &mut state, D::MoveRate(1));
    act(&mut engine, &mut state, D::MoveDecay(-1));
    let before = state.screens.dropout.settings.clone();
    act(&mut engine, &mut state, D::NextDataset);
    let after = &state.screens.dropout.settings;
    assert_eq!((after.rate, after.weight_decay), (before.rate, before.weight_decay));
    assert_eq!(after.shape, Shape::Circles);
}

fn frame(scenario: &str, size: (u16, u16), epochs: usize) -> String {
    frame_after(scenario, size, epochs, "")
}

fn frame_after(scenario: &str, size: (u16, u16), epochs: usize, keys: &str) -> String {
    let args = SnapshotArgs {
        session: SessionArgs {
            scenario: Some(scenario.into()),
            ..SessionArgs::default()
        },
        width: size.0,
        height: size.1,
        epochs,
        keys: keys.into(),
        dropout_screen: true,
        ..SnapshotArgs::default()
    };
    snapshot::run(&args).expect("a frame")
}

#[test]
fn snapshot_dropout_screens() {
    insta::assert_snapshot!("dropout_1d_120x40", frame("dropout-1d", (120, 40), 300));
    insta::assert_snapshot!("dropout_1d_80x24", frame("dropout-1d", (80, 24), 300));
    insta::assert_snapshot!("dropout_2d_120x40", frame("dropout-2d", (120, 40), 200));
    insta::assert_snapshot!("dropout_2d_80x24", frame("dropout-2d", (80, 24), 200));
    // The dropout screen's keys and the global ones; nothing about lambda.
    insta::assert_snapshot!("dropout_help_120x40", frame_after("dropout-1d", (120, 40), 50, "?"));
}

#[test]
fn the_dropout_screen_can_be_opened_from_the_linear_one_with_its_own_data() {
    let (mut engine, mut state) = session::start(&SessionArgs::default(), 10).unwrap();
    let linear_seed = state.screens.linear.settings.knobs.seed;
    act(&mut engine, &mut state, Global::NextScreen);
    assert_eq!(state.active, ScreenId::Dropout);
    assert_eq!(state.screens.dropout.settings.seed, linear_seed);
    // r on the dropout screen changes the network's data, never the linear screen's.
    let commands = update(&mut state, D::Reseed);
    assert_eq!(
        commands,
        vec![Command::Configure(Settings::Dropout(
            state.screens.dropout.settings.clone()
        ))]
    );
    assert_eq!(state.screens.linear.settings.knobs.seed, linear_seed);
}

#[test]
fn quick_presses_of_r_and_g_each_count_before_the_engine_answers() {
    let (mut engine, mut state) = lab("dropout-1d");
    let seed = state.screens.dropout.settings.seed;
    // Three presses of r and two of g before any answer is applied, as in a busy explorer.
    let mut commands = Vec::new();
    for action in [D::Reseed, D::Reseed, D::Reseed, D::NextDataset, D::NextDataset] {
        commands.extend(update(&mut state, action));
    }
    let resets: Vec<(Shape, u64)> = commands
        .iter()
        .map(|c| match c {
            Command::Configure(Settings::Dropout(s)) => (s.shape, s.seed),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        resets,
        vec![
            (Shape::Curve, seed + 1),
            (Shape::Curve, seed + 2),
            (Shape::Curve, seed + 3),
            (Shape::Circles, seed + 3),
            (Shape::Xor, seed + 3),
        ]
    );
    for command in commands {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
    assert_eq!(state.screens.dropout.view.shape, Shape::Xor);
    assert_eq!(state.screens.dropout.settings.seed, seed + 3);
}
