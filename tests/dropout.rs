//! The dropout screen: the network overfits the 1-D curve, dropout helps, the keys do what they say,
//! and the screen renders at both sizes.

use regscope::app::{update, Action, Global, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::{self, SnapshotArgs};
use regscope::data::nonlinear::Shape;
use regscope::engine::{Command, Engine};
use regscope::screens::dropout::{Action as D, LAB_EPOCHS, SMOOTHING_EPOCHS, VARIANTS};
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
    // The averaged losses the chart and the status line show, not one noisy epoch.
    let last = |v: usize| *view.smoothed[v].last().unwrap();
    let (none, dropout) = (last(0), last(1));
    eprintln!(
        "after {LAB_EPOCHS} epochs: none train {:.4} val {:.4}; dropout train {:.4} val {:.4}",
        none.train_loss, none.val_loss, dropout.train_loss, dropout.val_loss
    );
    assert_eq!(none.epoch, LAB_EPOCHS);
    // Measured with seed 1: none 0.057 / 0.504, dropout 0.163 / 0.418 (MSE).
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
    let best = view.best[0].expect("a best epoch");
    assert!(
        best.epoch < LAB_EPOCHS / 2 && best.val_loss < none.val_loss,
        "the plain network was best early, then overfitted: best {best:?}"
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
    act(&mut engine, &mut state, Global::Step);
    act(&mut engine, &mut state, D::Restart);
    assert_eq!(settings(&state).seed, 2, "R keeps the seed");
    assert_eq!(state.screens.dropout.view.epoch(), 0, "R starts the networks over");
    act(&mut engine, &mut state, D::NextDataset);
    assert_eq!(state.screens.dropout.view.shape, Shape::Circles);
    act(&mut engine, &mut state, Global::NextScreen);
    assert_eq!(state.active, ScreenId::Geometry, "d goes on to the next screen");
    act(&mut engine, &mut state, Global::NextScreen);
    assert_eq!(state.active, ScreenId::Classification);
    act(&mut engine, &mut state, Global::NextScreen);
    assert_eq!(state.active, ScreenId::Linear, "and from the last back to the first");
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
        screen: Some(regscope::screens::ScreenId::Dropout),
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

/// The epoch-1 losses of the four networks after `keys` (then one epoch).
fn first_epoch_after(engine: &mut Engine, state: &mut State, keys: &[Action]) -> Vec<(f64, f64)> {
    for &key in keys {
        act(engine, state, key);
    }
    act(engine, state, Global::Step);
    let view = &state.screens.dropout.view;
    assert_eq!(view.epoch(), 1, "the networks restarted before this epoch");
    view.history
        .iter()
        .map(|h| (h.last().unwrap().train_loss, h.last().unwrap().val_loss))
        .collect()
}

#[test]
fn changing_a_setting_restarts_the_networks_on_the_same_data_from_the_same_weights() {
    let (mut engine, mut state) = lab("dropout-1d");
    let first = first_epoch_after(&mut engine, &mut state, &[]);
    // 40 more epochs, then p up and back: the same settings, so the same first epoch as before.
    state.apply(engine.advance(40));
    let again = first_epoch_after(
        &mut engine,
        &mut state,
        &[D::MoveRate(1).into(), D::MoveRate(-1).into()],
    );
    assert_eq!(first, again, "same settings, same data, same initial weights");
    let restarted = first_epoch_after(&mut engine, &mut state, &[D::Restart.into()]);
    assert_eq!(first, restarted, "R restarts on the same data");
    // A new decay changes only the variants that use it; the plain network starts exactly as before.
    let decayed = first_epoch_after(&mut engine, &mut state, &[D::MoveDecay(1).into()]);
    assert_eq!(decayed[0], first[0], "none does not use the decay");
    assert_ne!(decayed[2], first[2], "decay does");
    let json = snapshot_json(&state);
    assert_eq!(json["started_by"], "restart");
    // r draws new data: the plain network's first epoch differs.
    let reseeded = first_epoch_after(&mut engine, &mut state, &[D::Reseed.into()]);
    assert_ne!(reseeded[0], first[0]);
}

fn snapshot_json(state: &State) -> serde_json::Value {
    snapshot::json(state)
}

/// The rows of the loss panel (the top-left box) of a text frame.
fn loss_panel(frame: &str) -> Vec<String> {
    let lines: Vec<&str> = frame.lines().collect();
    // The focused panel is drawn in thick lines.
    let width = lines[0]
        .chars()
        .position(|c| c == '┐' || c == '┓')
        .expect("a top-left box")
        + 1;
    let bottom = lines
        .iter()
        .position(|l| l.starts_with(['└', '┗']))
        .expect("the box's bottom");
    lines[..=bottom]
        .iter()
        .map(|l| l.chars().take(width).collect())
        .collect()
}

#[test]
fn the_loss_chart_names_every_variant_and_its_markers_at_80x24_and_120x40() {
    for (scenario, size) in [
        ("dropout-1d", (80, 24)),
        ("dropout-1d", (120, 40)),
        ("dropout-2d", (80, 24)),
        ("dropout-2d", (120, 40)),
    ] {
        let text = frame(scenario, size, 120);
        let panel = loss_panel(&text);
        let (title, bottom) = (&panel[0], panel.last().unwrap());
        for variant in VARIANTS {
            assert!(
                title.contains(variant.name),
                "{size:?}: {} missing from {title}",
                variant.name
            );
        }
        for marker in ["train", "val", &format!("avg {SMOOTHING_EPOCHS}"), "best"] {
            assert!(bottom.contains(marker), "{size:?}: {marker} missing from {bottom}");
        }
        assert!(
            panel.len() >= 10,
            "{size:?}: the loss chart has {} rows:\n{text}",
            panel.len()
        );
        // Every status line fits: the frame's last line is the status, and nothing is cut.
        assert!(
            text.contains("both "),
            "{size:?}: the last variant's losses are shown:\n{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= size.0 as usize));
    }
}

#[test]
fn train_and_validation_are_drawn_with_different_symbols_without_colour() {
    // The text frame has no colour at all: the curves must differ by glyph.
    let panel = loss_panel(&frame("dropout-1d", (120, 40), 200)).join("\n");
    let braille = panel.chars().filter(|c| ('\u{2801}'..='\u{28ff}').contains(c)).count();
    let dots = panel.matches('•').count();
    assert!(
        braille > 20 && dots > 20,
        "train lines {braille}, validation dots {dots}:\n{panel}"
    );
}

#[test]
fn dropout_2d_shows_and_exports_train_and_validation_accuracy() {
    let text = frame("dropout-2d", (120, 40), 100);
    assert!(text.contains("acc "), "the status shows accuracy:\n{text}");
    let args = SnapshotArgs {
        session: SessionArgs {
            scenario: Some("dropout-2d".into()),
            ..SessionArgs::default()
        },
        epochs: 100,
        screen: Some(regscope::screens::ScreenId::Dropout),
        format: snapshot::Format::Json,
        ..SnapshotArgs::default()
    };
    let json: serde_json::Value = serde_json::from_str(&snapshot::run(&args).unwrap()).unwrap();
    let variants = json["variants"].as_array().expect("variants");
    assert_eq!(variants.len(), 4);
    for v in variants {
        for field in ["train_accuracy", "val_accuracy"] {
            let share = v[field].as_f64().unwrap_or_else(|| panic!("{field} in {v}"));
            assert!((0.0..=1.0).contains(&share), "{field} {share}");
        }
        assert!(v["val_loss_avg"].as_f64().is_some() && v["best_val_epoch"].as_u64().is_some());
    }
    // The regression scenario has no accuracy to show.
    let curve = SnapshotArgs {
        session: SessionArgs {
            scenario: Some("dropout-1d".into()),
            ..SessionArgs::default()
        },
        ..args
    };
    let json: serde_json::Value = serde_json::from_str(&snapshot::run(&curve).unwrap()).unwrap();
    assert!(json["variants"][0].get("val_accuracy").is_none());
}

#[test]
fn train_defaults_to_the_epochs_of_the_screen_it_reproduces() {
    use regscope::cli::train::{epochs, TrainArgs};
    let args = |scenario: &str| TrainArgs {
        session: SessionArgs {
            scenario: Some(scenario.into()),
            ..SessionArgs::default()
        },
        epochs: None,
        lambda: None,
        l1_ratio: None,
        out: "-".into(),
    };
    assert_eq!(epochs(&args("dropout-1d")), LAB_EPOCHS);
    assert_eq!(epochs(&args("dropout-2d")), LAB_EPOCHS);
    assert_eq!(epochs(&args("sparse")), session::DEFAULT_EPOCHS);
    let chosen = TrainArgs {
        epochs: Some(40),
        ..args("dropout-1d")
    };
    assert_eq!(epochs(&chosen), 40);
}
