//! The explorer without a terminal: actions fed to `update`, frames drawn into a test backend.

use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;
use regscope::app::{update, Action, Global, State};
use regscope::cli::session::{self, SessionArgs, DEFAULT_POSITION};
use regscope::cli::snapshot::{self, SnapshotArgs};
use regscope::engine::{Command, Engine};
use regscope::screens::linear::view::{LossView, Panel};
use regscope::screens::linear::{Action as L, ModelId};
use regscope::screens::{ScreenId, Settings};

fn sparse() -> (Engine, State) {
    session::start(&SessionArgs::default(), 200).expect("the default scenario starts")
}

/// Applies an action and runs its commands, as the explorer's loop does.
fn act(engine: &mut Engine, state: &mut State, action: impl Into<Action>) -> Vec<Command> {
    let commands = update(state, action);
    for command in commands.clone() {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
    commands
}

/// The lasso's position on its grid.
fn index(state: &State) -> usize {
    state.screens.linear.settings.positions[ModelId::Lasso as usize]
}

fn frame(args: &str, size: (u16, u16), epochs: usize) -> String {
    let args = SnapshotArgs {
        session: SessionArgs::default(),
        width: size.0,
        height: size.1,
        epochs,
        keys: args.into(),
        screen: None,
        ..SnapshotArgs::default()
    };
    snapshot::run(&args).expect("a frame")
}

#[test]
fn arrow_keys_move_lambda_and_the_path_cursor_in_the_same_update() {
    let (mut engine, mut state) = sparse();
    assert_eq!(index(&state), DEFAULT_POSITION);
    let commands = act(&mut engine, &mut state, L::MoveLambda(1));
    assert_eq!(index(&state), DEFAULT_POSITION + 1);
    assert_eq!(
        commands,
        vec![Command::Configure(Settings::Linear(
            state.screens.linear.settings.clone()
        ))],
        "the command carries the settings"
    );
    act(&mut engine, &mut state, L::MoveLambda(-10));
    assert_eq!(index(&state), DEFAULT_POSITION - 9);
    act(&mut engine, &mut state, L::LambdaMax);
    assert_eq!(index(&state), 0);
    assert!(
        act(&mut engine, &mut state, L::MoveLambda(-1)).is_empty(),
        "no move past lambda_max"
    );
    act(&mut engine, &mut state, L::SmallestLambda);
    assert_eq!(index(&state), 99);
}

#[test]
fn m_and_1_put_each_model_at_its_own_cross_validated_lambda() {
    let (mut engine, mut state) = sparse();
    let data = state.screens.linear.view.data.clone().unwrap();
    let cv = |m: ModelId| {
        data.paths[m as usize]
            .cv
            .clone()
            .expect("the sparse scenario cross-validates")
    };
    let penalized = [ModelId::Ridge, ModelId::Lasso, ModelId::ElasticNet];
    act(&mut engine, &mut state, L::LambdaCvMin);
    for m in penalized {
        assert_eq!(
            state.screens.linear.settings.positions[m as usize],
            cv(m).i_min,
            "{m:?}"
        );
        let lambda = state.screens.linear.lambda(m).unwrap();
        assert_eq!(lambda, data.paths[m as usize].lambdas[cv(m).i_min]);
    }
    act(&mut engine, &mut state, L::LambdaCv1se);
    for m in penalized {
        assert_eq!(
            state.screens.linear.settings.positions[m as usize],
            cv(m).i_1se,
            "{m:?}"
        );
        assert!(
            cv(m).i_1se <= cv(m).i_min,
            "lambda_1se is the larger lambda (earlier on the grid)"
        );
    }
    // Ridge's grid is not the lasso's: a shared lambda would not be fair to either.
    assert_ne!(
        data.paths[ModelId::Ridge as usize].lambdas,
        data.paths[ModelId::Lasso as usize].lambdas
    );
}

#[test]
fn at_lambda_max_the_lasso_trains_to_exactly_zero_weights() {
    let (mut engine, mut state) = sparse();
    act(&mut engine, &mut state, L::LambdaMax);
    state.apply(engine.advance(300));
    assert_eq!(state.screens.linear.view.nonzeros(2), 0, "L1 at lambda_max");
    assert_eq!(
        state.screens.linear.view.nonzeros(0),
        state.screens.linear.view.models[0].weights.len(),
        "the unregularized model keeps every weight"
    );
}

#[test]
fn the_unregularized_model_overfits_the_sparse_scenario() {
    let (mut engine, mut state) = sparse();
    snapshot::train_until_settled(&mut engine, &mut state);
    let (train, val) = state.screens.linear.view.models[0].history.last().unwrap().mse();
    let best_val = state.screens.linear.view.models[0]
        .history
        .iter()
        .map(|s| s.mse().1)
        .fold(f64::INFINITY, f64::min);
    assert!(val > 2.0 * train, "validation {val} vs training {train}");
    assert!(
        val > 1.2 * best_val,
        "validation rose from its best {best_val} to {val}"
    );
    let (_, lasso_val) = state.screens.linear.view.models[2].history.last().unwrap().mse();
    assert!(lasso_val < val, "the lasso predicts better: {lasso_val} vs {val}");
}

#[test]
fn the_l1_ratio_moves_in_steps_and_stays_in_range() {
    let (mut engine, mut state) = sparse();
    act(&mut engine, &mut state, L::MoveL1Ratio(1));
    assert_eq!(state.screens.linear.settings.l1_ratio, 0.55);
    for _ in 0..30 {
        act(&mut engine, &mut state, L::MoveL1Ratio(1));
    }
    assert_eq!(state.screens.linear.settings.l1_ratio, 1.0);
    assert!(act(&mut engine, &mut state, L::MoveL1Ratio(1)).is_empty());
}

#[test]
fn pause_step_and_reseed() {
    let (mut engine, mut state) = sparse();
    act(&mut engine, &mut state, Global::TogglePause);
    assert!(state.paused && engine.paused());
    assert!(!engine.wants_epochs());
    act(&mut engine, &mut state, Global::Step);
    assert_eq!(state.screens.linear.view.epoch(), 1);
    let seed = state.screens.linear.settings.knobs.seed;
    let top =
        |state: &State| state.screens.linear.view.data.as_ref().unwrap().paths[ModelId::Lasso as usize].lambdas[0];
    let before = top(&state);
    act(&mut engine, &mut state, L::Reseed);
    assert_eq!(state.screens.linear.settings.knobs.seed, seed + 1);
    assert_eq!(state.screens.linear.view.epoch(), 0, "new data starts training again");
    assert_ne!(top(&state), before);
}

#[test]
fn noise_and_correlation_regenerate_synthetic_data_only() {
    let (mut engine, mut state) = sparse();
    let sigma = state.screens.linear.view.data.as_ref().unwrap().sigma.unwrap();
    act(&mut engine, &mut state, L::Noise(1));
    assert!((state.screens.linear.view.data.as_ref().unwrap().sigma.unwrap() / sigma - 1.25).abs() < 1e-9);
    let status = snapshot::render_text(&state, 120, 40);
    assert!(
        status.contains("(×1.25)"),
        "the status says how far the noise moved: {status}"
    );
    act(&mut engine, &mut state, L::Correlation(1));
    assert_eq!(state.screens.linear.view.data.as_ref().unwrap().rho, Some(0.4));

    let args = SessionArgs {
        scenario: Some("diabetes".into()),
        ..SessionArgs::default()
    };
    let (mut engine, mut state) = session::start(&args, 10).unwrap();
    assert!(act(&mut engine, &mut state, L::Noise(1)).is_empty());
    assert!(state.message.as_deref().unwrap().contains("real data"));
}

#[test]
fn panels_cycle_and_views_change() {
    let (mut engine, mut state) = sparse();
    act(&mut engine, &mut state, L::NextPanel);
    assert_eq!(state.screens.linear.view.panel, Panel::Weights);
    act(&mut engine, &mut state, L::PreviousPanel);
    act(&mut engine, &mut state, L::PreviousPanel);
    assert_eq!(state.screens.linear.view.panel, Panel::Path);
    act(&mut engine, &mut state, L::CycleLossView);
    assert_eq!(state.screens.linear.view.loss_view, LossView::Penalty);
    act(&mut engine, &mut state, Global::ToggleHelp);
    assert!(state.help);
    act(&mut engine, &mut state, Global::Quit);
    assert!(!state.help && !state.quit, "q closes the help first");
    act(&mut engine, &mut state, Global::Quit);
    assert!(state.quit);
}

#[test]
fn snapshots_are_deterministic() {
    assert_eq!(
        frame("Right Right Tab", (120, 40), 50),
        frame("Right Right Tab", (120, 40), 50)
    );
}

#[test]
fn snapshot_screens_at_120x40() {
    insta::assert_snapshot!("full_120x40", frame("", (120, 40), 200));
    insta::assert_snapshot!("full_help_120x40", frame("?", (120, 40), 200));
    insta::assert_snapshot!("full_lambda_max_120x40", frame("Home", (120, 40), 200));
}

#[test]
fn snapshot_screens_at_80x24() {
    insta::assert_snapshot!("compact_80x24", frame("", (80, 24), 200));
    insta::assert_snapshot!("compact_focus_weights_80x24", frame("Tab", (80, 24), 200));
    insta::assert_snapshot!("compact_path_80x24", frame("Tab Tab", (80, 24), 200));
    insta::assert_snapshot!("help_80x24", frame("?", (80, 24), 200));
}

#[test]
fn snapshot_too_small() {
    insta::assert_snapshot!("too_small_50x15", frame("", (50, 15), 0));
}

fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| regscope::app::draw(state, f)).unwrap();
    terminal
}

#[test]
fn a_monochrome_frame_has_no_colour() {
    let (mut engine, mut state) = sparse();
    state.apply(engine.advance(50));
    state.monochrome = true;
    let terminal = draw(&state, 120, 40);
    for cell in terminal.backend().buffer().content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "{cell:?}"
        );
    }
}

/// Keys pressed at random: every binding of both screens and the global ones (routed through the
/// active screen's table, as in the explorer).
const KEYS: [&str; 33] = [
    "Right", "Left", "PgDn", "PgUp", "Home", "End", "m", "1", "Up", "Down", "Space", "s", "r", "n", "N", "c", "C", "v",
    "Tab", "BackTab", "]", "[", "o", "p", "?", "d", "g", "w", "z", "+", "-", "x", "X",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    /// Thousands of random keys and resizes through update and draw: nothing panics. As in the
    /// explorer, keys come while the exact paths and their CV are still being computed: the long work a
    /// key starts (new data's path and CV) runs only when the sequence says so (one choice in 26),
    /// otherwise the next keys act on a screen whose paths are pending or obsolete.
    #[test]
    fn random_keys_and_sizes_never_panic(
        steps in proptest::collection::vec((0..KEYS.len() + 2, 1u16..200, 1u16..70), 150),
        scenario in prop_oneof![Just("sparse"), Just("wide"), Just("correlated")],
    ) {
        let args = SessionArgs { scenario: Some(scenario.into()), ..SessionArgs::default() };
        let (mut engine, mut state) = session::start(&args, 5).unwrap();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for (choice, width, height) in steps {
            if choice < KEYS.len() {
                press_pending(&mut engine, &mut state, KEYS[choice]);
            } else if choice == KEYS.len() {
                state.apply(engine.advance(1));
            } else {
                for report in engine.finish_jobs() {
                    state.apply(report);
                }
            }
            terminal.backend_mut().resize(width, height);
            terminal.resize(ratatui::layout::Rect::new(0, 0, width, height)).unwrap();
            terminal.draw(|f| regscope::app::draw(&state, f)).unwrap();
            if state.active == ScreenId::Dropout {
                state.apply(engine.advance(1));
            }
        }
    }
}

/// A key as the explorer takes it: its commands go to the engine, whose long work (a path, a CV) is
/// left pending.
fn press_pending(engine: &mut Engine, state: &mut State, key: &str) {
    let event = regscope::app::keymap::parse_key(key).unwrap();
    if let Some(action) = regscope::app::keymap::action_in(state, &event) {
        for command in update(state, action) {
            for report in engine.handle(command) {
                state.apply(report);
            }
        }
    }
}

/// The "features a-b of p" note of the weights panel in a frame.
fn weights_note(state: &State) -> String {
    let text = snapshot::render_text(state, 120, 40);
    let note = text
        .lines()
        .find_map(|line| line.split("│features ").nth(1))
        .expect("the weights panel scrolls");
    format!("features {}", note.split(" [").next().unwrap())
}

#[test]
fn the_focused_weights_row_stops_at_the_last_feature_and_the_view_follows_it() {
    let args = SessionArgs {
        scenario: Some("wide".into()),
        ..SessionArgs::default()
    };
    let (mut engine, mut state) = session::start(&args, 5).unwrap();
    let p = state.screens.linear.view.data.as_ref().unwrap().feature_names.len();
    let first_page = weights_note(&state);
    let rows = state.screens.linear.view.weights_rows.get();
    assert_eq!(first_page, format!("features 1-{rows} of {p}"));
    for _ in 0..3 * p {
        act(&mut engine, &mut state, L::ScrollWeights(1));
    }
    assert_eq!(state.screens.linear.view.weights_focus, p - 1, "the last feature");
    let last_page = format!("features {}-{p} of {p}", p - rows + 1);
    assert_eq!(weights_note(&state), last_page);
    act(&mut engine, &mut state, L::ScrollWeights(-1));
    assert_eq!(
        state.screens.linear.view.weights_focus,
        p - 2,
        "one [ after many ] moves the focus"
    );
    assert_eq!(
        weights_note(&state),
        last_page,
        "while the focused row is in view, the view stays"
    );
    for _ in 1..rows {
        act(&mut engine, &mut state, L::ScrollWeights(-1));
    }
    assert_eq!(
        weights_note(&state),
        format!("features {}-{} of {p}", p - rows, p - 1),
        "the view follows the focus up one row"
    );
}

#[test]
fn early_stopping_is_credited_only_where_the_unregularized_model_overfits() {
    // sparse, every penalty at its strongest: none overfits, and stopped at its best epoch it wins.
    assert!(frame("Home", (120, 40), 200).contains("none stopped early at epoch"));
    // Three features, 140 rows, little noise: nothing to overfit, so none wins as it is.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("a,b,c,y\n");
    let mut state: u64 = 7;
    let mut uniform = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    for _ in 0..200 {
        let (a, b, c, noise) = (uniform(), uniform(), uniform(), uniform());
        csv.push_str(&format!("{a},{b},{c},{}\n", 2.0 * a - b + 0.5 * c + 0.1 * noise));
    }
    let path = dir.path().join("easy.csv");
    std::fs::write(&path, csv).unwrap();
    let args = SnapshotArgs {
        session: SessionArgs {
            data: Some(path),
            ..SessionArgs::default()
        },
        width: 120,
        height: 40,
        settle: true,
        settle_first: true,
        ..SnapshotArgs::default()
    };
    let text = snapshot::run(&args).expect("a frame");
    assert!(text.contains("none, not overfitting, beats every penalty"), "{text}");
    assert!(!text.contains("stopped early"), "{text}");
}
