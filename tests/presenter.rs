//! The presenter view, for instructors in front of a room: `z` zooms the focused panel, `+` / `-` (or
//! `--big`) switch to the big layout, `x` hides the focused panel and `X` shows them all. Every state
//! here is a short session (a few hundred cheap epochs, drawn directly), so the file runs in seconds.

use regscope::app::keymap::{self, GLOBAL};
use regscope::app::{update, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::{self, render_text, SnapshotArgs};
use regscope::screens::keys::help_rows;
use regscope::screens::ScreenId;
use regscope::ui::format::short;

/// The default scenario after 200 epochs of the linear models (the exact path and CV computed).
fn linear() -> State {
    let (mut engine, mut state) = session::start(&SessionArgs::default(), 200).expect("the default scenario starts");
    state.apply(engine.advance(200));
    state.monochrome = true;
    state
}

/// The dropout screen on its curve after 40 epochs.
fn dropout() -> State {
    let (mut engine, mut state) = session::start(&SessionArgs::default(), 0).expect("the default scenario starts");
    session::show(&mut engine, &mut state, ScreenId::Dropout);
    state.apply(engine.advance(40));
    state.monochrome = true;
    state
}

/// Presses keys by name, as the explorer does. The presenter keys only change how the state is shown,
/// so none of them may ask the engine for anything: that is checked here.
fn press(state: &mut State, keys: &str) {
    for name in keys.split_whitespace() {
        let event = keymap::parse_key(name).expect("a key name");
        let action = keymap::action_for(state.active, &event).expect("a bound key");
        assert!(update(state, action).is_empty(), "{name} asked the engine for work");
    }
}

/// `state` after `keys`, drawn at `width x height`.
fn frame_after(state: &State, keys: &str, (width, height): (u16, u16)) -> String {
    let mut state = state.clone();
    press(&mut state, keys);
    render_text(&state, width, height)
}

#[test]
fn zoomed_panels_fill_an_80x24_screen() {
    let state = linear();
    insta::assert_snapshot!("zoom_loss_80x24", frame_after(&state, "z", (80, 24)));
    insta::assert_snapshot!("zoom_weights_80x24", frame_after(&state, "Tab z", (80, 24)));
    insta::assert_snapshot!("zoom_path_80x24", frame_after(&state, "Tab Tab z", (80, 24)));
    insta::assert_snapshot!("zoom_dropout_loss_80x24", frame_after(&dropout(), "z", (80, 24)));
}

#[test]
fn the_big_layout_has_two_panels_at_every_size() {
    let state = linear();
    let small = frame_after(&state, "+", (80, 24));
    let large = frame_after(&state, "+", (120, 40));
    insta::assert_snapshot!("big_80x24", small);
    insta::assert_snapshot!("big_120x40", large);
    // At 120x40 the normal layout shows all three panels; the big one the loss and the weights only,
    // the path a Tab away.
    assert!(render_text(&state, 120, 40).contains("Lasso path"));
    assert!(!large.contains("Lasso path") && large.contains("Weights"), "{large}");
    assert!(frame_after(&state, "+ Tab Tab", (120, 40)).contains("Lasso path"));
    // The big layout spells the models out and draws whole-cell bars (no eighths).
    assert!(large.contains("lasso") && large.contains("elastic net"), "{large}");
    let eighths = ['▎', '▍', '▋', '▊', '▉'];
    assert!(!large.chars().any(|c| eighths.contains(&c)), "{large}");
    assert!(render_text(&state, 120, 40).chars().any(|c| eighths.contains(&c)));
}

#[test]
fn snapshot_big_is_the_big_key() {
    let args = |big: bool, keys: &str| SnapshotArgs {
        width: 80,
        height: 24,
        epochs: 50,
        settle: false,
        big,
        keys: keys.into(),
        ..SnapshotArgs::default()
    };
    let flag = snapshot::run(&args(true, "")).unwrap();
    assert_eq!(flag, snapshot::run(&args(false, "+")).unwrap());
    assert_eq!(
        snapshot::run(&args(true, "-")).unwrap(),
        snapshot::run(&args(false, "")).unwrap()
    );
    assert_ne!(flag, snapshot::run(&args(false, "")).unwrap());
}

#[test]
fn z_twice_gives_back_the_same_frame_on_both_screens() {
    for state in [linear(), dropout()] {
        for size in [(80, 24), (120, 40)] {
            let before = render_text(&state, size.0, size.1);
            assert_ne!(before, frame_after(&state, "z", size), "z changes the frame");
            assert_eq!(before, frame_after(&state, "z z", size));
            assert_eq!(before, frame_after(&state, "+ -", size));
        }
    }
}

#[test]
fn x_hides_the_focused_panel_but_never_the_last_and_capital_x_shows_them_all() {
    let mut state = linear();
    let all = render_text(&state, 120, 40);
    press(&mut state, "x");
    let without_loss = render_text(&state, 120, 40);
    assert!(
        !without_loss.contains("Loss: MSE") && without_loss.contains("Weights"),
        "{without_loss}"
    );
    press(&mut state, "x x x x");
    assert_eq!(state.screens.linear.view.hidden.len(), 2, "one panel always stays");
    let last = render_text(&state, 120, 40);
    assert!(last.contains("last panel"), "the status says why:\n{last}");
    press(&mut state, "X");
    assert!(state.screens.linear.view.hidden.is_empty());
    state.message = None;
    // Every panel is back; the focus stays where x moved it (its frame is the thick one).
    let thin = |frame: String| -> String {
        let glyphs = [('┏', '┌'), ('┓', '┐'), ('┗', '└'), ('┛', '┘'), ('━', '─'), ('┃', '│')];
        frame
            .chars()
            .map(|c| glyphs.iter().find(|g| g.0 == c).map_or(c, |g| g.1))
            .collect()
    };
    assert_eq!(thin(render_text(&state, 120, 40)), thin(all));

    let mut state = dropout();
    press(&mut state, "x x x x");
    assert_eq!(state.screens.dropout.view.hidden.len(), 2, "one panel always stays");
    press(&mut state, "X");
    assert!(state.screens.dropout.view.hidden.is_empty());
}

#[test]
fn tab_on_the_dropout_screen_moves_the_focus_that_z_zooms() {
    let state = dropout();
    let fits = frame_after(&state, "Tab z", (80, 24));
    assert!(fits.contains("Fits") && !fits.contains("train •• val"), "{fits}");
    let back = frame_after(&state, "Tab BackTab z", (80, 24));
    assert!(back.contains("p 0.20") && !back.contains("Fits"), "{back}");
}

#[test]
fn help_lists_the_presenter_keys() {
    let rows = help_rows(GLOBAL);
    for key in ["z", "+", "-", "x", "X"] {
        assert!(rows.iter().any(|(label, _)| *label == key), "{key} not in {rows:?}");
    }
    let help = frame_after(&linear(), "?", (120, 40));
    for (_, what) in rows {
        assert!(help.contains(what), "help lacks {what}:\n{help}");
    }
}

#[test]
fn the_zoomed_title_carries_the_numbers_of_the_json_export() {
    let mut state = linear();
    let json = snapshot::json(&state);
    let lasso = &json["models"][2];
    assert_eq!(lasso["name"], "L1");
    let p = json["feature_names"].as_array().unwrap().len();
    let expected = format!(
        "Lasso λ {} · {}/{p} nonzero · val MSE {}",
        short(lasso["lambda"].as_f64().unwrap()),
        lasso["nonzeros"],
        short(lasso["val_mse"].as_f64().unwrap())
    );
    press(&mut state, "z");
    let zoomed = render_text(&state, 80, 24);
    let title = zoomed.lines().next().unwrap();
    assert!(title.contains(&expected), "{title:?} lacks {expected:?}");

    let mut state = dropout();
    let json = snapshot::json(&state);
    press(&mut state, "z");
    let title = render_text(&state, 80, 24).lines().next().unwrap().to_string();
    for v in json["variants"].as_array().unwrap() {
        let number = format!(
            "{} {}",
            v["name"].as_str().unwrap(),
            short(v["val_loss_avg"].as_f64().unwrap())
        );
        assert!(title.contains(&number), "{title:?} lacks {number:?}");
    }
    assert!(title.contains(&format!("p {:.2}", json["variants"][1]["dropout"].as_f64().unwrap())));
}
