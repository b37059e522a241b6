//! Guided tours, as an instructor gives them: every built-in tour parses; a tour file with a mistake is
//! refused with its line and key; every step of `regularization` shows its idea on its own seed (the
//! numbers behind the frame, from the JSON state); the tour keys move between steps and restore a
//! step after free exploration; three steps are pinned as frames at 80x24 and 120x40.

mod common;

use common::cli::{refused, regscope, stderr, Scratch};
use regscope::app::{tour, update, State};
use regscope::cli::snapshot::{self, json, render_text, SnapshotArgs};
use regscope::screens::linear::{ModelId, MODELS};
use regscope::screens::ScreenId;
use regscope::tour::Tour;
use regscope::ui::narration::Shown;
use serde_json::Value;

/// Step `step` (from 1) of the built-in `regularization` tour, settled as `snapshot --tour
/// regularization --step K` leaves it.
fn step(step: usize) -> State {
    let mut state = common::tour::step_state(step, "");
    state.monochrome = true;
    state
}

/// The JSON model of `model` (linear screen).
fn model(json: &Value, model: ModelId) -> &Value {
    &json["models"][model as usize]
}

fn val_mse(json: &Value, m: ModelId) -> f64 {
    model(json, m)["val_mse"].as_f64().expect("val_mse")
}

fn nonzeros(json: &Value, m: ModelId) -> usize {
    model(json, m)["nonzeros"].as_u64().expect("nonzeros") as usize
}

fn weights(json: &Value, m: ModelId) -> Vec<f64> {
    model(json, m)["weights"]
        .as_array()
        .expect("weights")
        .iter()
        .map(|w| w.as_f64().expect("a number"))
        .collect()
}

/// The true weights on the screen's (standardized) scale.
fn truth(state: &State) -> Vec<f64> {
    let data = state.screens.linear.view.data.as_deref().expect("data");
    data.truth.clone().expect("a synthetic scenario has a truth")
}

fn check_on_tour(state: &State, number: usize) -> Value {
    let json = json(state);
    assert_eq!(json["tour"]["step"], number, "{json}");
    assert_eq!(
        json["tour"]["waiting"], false,
        "step {number} finished waiting for its paths"
    );
    json
}

#[test]
fn every_built_in_tour_parses_and_names_what_exists() {
    let tours = Tour::all();
    assert!(!tours.is_empty());
    for tour in tours {
        let tour = tour.expect("a built-in tour parses");
        assert!(!tour.steps.is_empty(), "{}", tour.name);
        for step in &tour.steps {
            if let Some(zoom) = &step.zoom {
                // Every screen's panels, from its own panel list.
                let titles = regscope::tour::zoom_panels(step.screen);
                assert!(
                    titles.iter().any(|t| t.eq_ignore_ascii_case(zoom)),
                    "{}: {zoom} is no panel of its screen",
                    step.title
                );
            }
        }
    }
    let regularization = Tour::named("regularization").unwrap();
    assert_eq!(regularization.steps.len(), 13);
}

#[test]
fn a_tour_file_with_a_mistake_is_refused_with_its_line_and_key() {
    let scratch = Scratch::new();
    let step = "[[step]]\ntitle = \"t\"\nnarration = \"n\"\n";
    let cases = [
        (
            "typo.toml",
            format!("title = \"x\"\n{step}scenario = \"sparse\"\nlamda = 3\n"),
            "line 6",
            "lamda",
        ),
        (
            "scenario.toml",
            format!("title = \"x\"\n{step}scenario = \"sparce\"\n"),
            "line 5",
            "scenario",
        ),
        (
            "position.toml",
            format!("title = \"x\"\n{step}scenario = \"sparse\"\nlasso = 140\n"),
            "line 6",
            "lasso",
        ),
        (
            "screen.toml",
            format!("title = \"x\"\n{step}scenario = \"sparse\"\ndropout = 0.2\n"),
            "line 6",
            "dropout",
        ),
        (
            "ratio.toml",
            format!("title = \"x\"\n{step}scenario = \"sparse\"\nl1-ratio = 2.0\n"),
            "line 6",
            "l1-ratio",
        ),
        (
            "zoom.toml",
            format!("title = \"x\"\n{step}scenario = \"dropout-1d\"\nzoom = \"path\"\n"),
            "line 6",
            "zoom",
        ),
        (
            "keys.toml",
            format!("title = \"x\"\n{step}scenario = \"sparse\"\nkeys = \"F13\"\n"),
            "line 6",
            "keys",
        ),
        (
            "syntax.toml",
            format!("title = \"x\"\n{step}scenario = \"sparse\"\nstrength = \n"),
            "line 6",
            "strength",
        ),
        ("empty.toml", "title = \"x\"\n".to_string(), "tour file", "at least one"),
    ];
    for (name, text, line, key) in cases {
        let path = scratch.file(name, &text);
        let message = refused(&["snapshot", "--tour-file", path.to_str().unwrap()]);
        assert_eq!(message.lines().count(), 1, "{name}: one line: {message}");
        assert!(message.contains(line) && message.contains(key), "{name}: {message}");
        let message = refused(&["tour", "--tour-file", path.to_str().unwrap()]);
        assert!(message.contains(line), "{name}: {message}");
    }
    assert!(
        refused(&["tour", "nope"]).contains("regularization"),
        "the message lists the tours"
    );
    assert!(refused(&["snapshot", "--tour", "regularization", "--step", "14"]).contains("steps 1 to 13"));
    assert!(refused(&["snapshot", "--tour", "regularization", "--scenario", "dense"]).contains("--scenario"));
    assert!(refused(&["snapshot", "--step", "2"]).contains("--step goes with a tour"));
}

#[test]
fn regscope_tour_lists_the_tours() {
    let output = regscope(&["tour"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("regularization"), "{text}");
    assert!(text.contains("13 steps"), "{text}");
}

#[test]
fn step_1_overfitting_training_falls_while_validation_climbs() {
    let state = step(1);
    let json = check_on_tour(&state, 1);
    let none = model(&json, ModelId::Unregularized);
    let (train, val) = (none["train_mse"].as_f64().unwrap(), none["val_mse"].as_f64().unwrap());
    let best = none["best_val"]["val_mse"].as_f64().unwrap();
    assert!(val > 1.3 * best, "validation climbed from its best {best} to {val}");
    assert!(train < val / 5.0, "training {train} far below validation {val}");
    for m in &MODELS[1..] {
        assert!(
            val_mse(&json, *m) < val_mse(&json, ModelId::Unregularized),
            "{m:?} predicts better than none"
        );
    }
    assert!(state.presenter.zoom && state.screens.linear.view.panel == regscope::screens::linear::view::Panel::Loss);
    pin_frames(&state, 1);
}

#[test]
fn step_2_the_lasso_zeroes_weights_and_finds_the_support() {
    let state = step(2);
    let json = check_on_tour(&state, 2);
    let truth = truth(&state);
    let lasso = weights(&json, ModelId::Lasso);
    let zeros = lasso.iter().filter(|w| **w == 0.0).count();
    assert!(zeros >= lasso.len() * 2 / 3, "{zeros} exact zeros of {}", lasso.len());
    let found = truth
        .iter()
        .zip(&lasso)
        .filter(|(t, w)| **t != 0.0 && **w != 0.0)
        .count();
    let support = truth.iter().filter(|t| **t != 0.0).count();
    assert_eq!(found, support, "the lasso keeps every true feature");
    assert_eq!(nonzeros(&json, ModelId::Ridge), lasso.len(), "ridge keeps every weight");
}

#[test]
fn steps_3_and_4_ask_which_weight_dies_next_and_answer() {
    let asked = check_on_tour(&step(3), 3);
    assert_eq!(asked["next_zero"]["asked"], true, "{}", asked["next_zero"]);
    let candidates = asked["next_zero"]["candidates"].as_array().unwrap().len();
    assert_eq!(candidates, nonzeros(&asked, ModelId::Lasso));
    let answered_state = step(4);
    pin_frames(&answered_state, 4);
    let answered = check_on_tour(&answered_state, 4);
    let feature = answered["next_zero"]["feature"].as_str().expect("a weight died");
    let names: Vec<&str> = answered["feature_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let j = names.iter().position(|n| *n == feature).unwrap();
    assert_eq!(
        weights(&answered, ModelId::Lasso)[j],
        0.0,
        "{feature} is exactly 0 in the trained lasso"
    );
    assert_ne!(
        weights(&asked, ModelId::Lasso)[j],
        0.0,
        "{feature} was alive when the room was asked"
    );
}

#[test]
fn step_5_ridge_shrinks_without_zeroing() {
    let state = step(5);
    let json = check_on_tour(&state, 5);
    assert_eq!(
        state.screens.linear.view.path_model,
        ModelId::Ridge,
        "the path panel shows ridge"
    );
    let data = state.screens.linear.view.data.as_deref().unwrap();
    let path = data.paths[ModelId::Ridge as usize]
        .path
        .as_deref()
        .expect("ridge's exact path");
    assert!(
        path.coefs.iter().all(|row| row.iter().all(|w| *w != 0.0)),
        "no ridge weight is 0 at any λ"
    );
    let norms: Vec<f64> = path
        .coefs
        .iter()
        .map(|row| row.iter().map(|w| w * w).sum::<f64>())
        .collect();
    assert!(
        norms.windows(2).all(|p| p[0] <= p[1] * (1.0 + 1e-9)),
        "weights grow smoothly as λ falls"
    );
    assert_eq!(nonzeros(&json, ModelId::Ridge), weights(&json, ModelId::Ridge).len());
}

#[test]
fn step_6_on_correlated_blocks_the_lasso_picks_and_ridge_spreads() {
    let state = step(6);
    let json = check_on_tour(&state, 6);
    let truth = truth(&state);
    let (lasso, ridge) = (weights(&json, ModelId::Lasso), weights(&json, ModelId::Ridge));
    let scenario = regscope::data::Scenario::named("correlated").unwrap();
    let size = match scenario.source {
        regscope::data::scenario::Source::Synthetic(spec) => match spec.pattern {
            regscope::data::Pattern::CorrelatedGroups { group_size } => group_size,
            other => panic!("correlated has blocks, not {other:?}"),
        },
        _ => panic!("correlated is synthetic"),
    };
    let blocks: Vec<std::ops::Range<usize>> = (0..truth.len() / size)
        .map(|b| b * size..b * size + size)
        .filter(|r| truth[r.clone()].iter().any(|t| *t != 0.0))
        .collect();
    assert!(!blocks.is_empty());
    for block in &blocks {
        let kept = lasso[block.clone()].iter().filter(|w| **w != 0.0).count();
        assert!(kept <= 2, "the lasso keeps {kept} of block {block:?}");
        assert!(
            ridge[block.clone()].iter().all(|w| *w != 0.0),
            "ridge keeps all of {block:?}"
        );
        let magnitudes: Vec<f64> = ridge[block.clone()].iter().map(|w| w.abs()).collect();
        let (lo, hi) = magnitudes
            .iter()
            .fold((f64::MAX, 0.0f64), |(l, h), m| (l.min(*m), h.max(*m)));
        assert!(hi < 2.0 * lo, "ridge spreads block {block:?} evenly: {magnitudes:?}");
    }
}

#[test]
fn step_7_on_dense_truth_ridge_predicts_best() {
    let json = check_on_tour(&step(7), 7);
    let ridge = val_mse(&json, ModelId::Ridge);
    for m in [ModelId::Unregularized, ModelId::Lasso, ModelId::ElasticNet] {
        assert!(
            ridge < val_mse(&json, m),
            "ridge {ridge} beats {m:?} {}",
            val_mse(&json, m)
        );
    }
}

/// The dropout screen's variant `name` as JSON.
fn variant<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .expect(name)
}

#[test]
fn steps_8_and_9_dropout_and_dropout_with_decay_validate_better() {
    let mut state = step(8);
    pin_frames(&state, 8);
    let json = check_on_tour(&state, 8);
    assert_eq!(json["screen"], "dropout");
    let loss = |json: &Value, name: &str| variant(json, name)["val_loss_avg"].as_f64().unwrap();
    let none = loss(&json, "none");
    assert!(
        loss(&json, "dropout") < 0.9 * none,
        "dropout {} vs none {none}",
        loss(&json, "dropout")
    );
    assert!(
        variant(&json, "dropout")["train_loss_avg"].as_f64().unwrap()
            > variant(&json, "none")["train_loss_avg"].as_f64().unwrap(),
        "dropout fits the training points less closely"
    );
    // Step 9 has the same settings: the → key shows it without training again.
    let commands = update(&mut state, regscope::app::Action::Tour(tour::TourAction::Next));
    assert!(commands.is_empty(), "same settings, nothing to retrain: {commands:?}");
    let json = check_on_tour(&state, 9);
    let both = loss(&json, "both");
    for other in ["none", "dropout", "decay"] {
        assert!(
            both < loss(&json, other),
            "dropout with decay {both} beats {other} {}",
            loss(&json, other)
        );
    }
}

#[test]
fn tour_keys_move_between_steps_and_b_restores_a_step() {
    let mut state = step(1);
    let press = |state: &mut State, key: &str| {
        let event = regscope::app::keymap::parse_key(key).unwrap();
        let action = regscope::app::keymap::action_in(state, &event).expect("bound");
        update(state, action)
    };
    assert!(
        !press(&mut state, "Left").is_empty() || state.message.is_some(),
        "← on the first step says so"
    );
    assert_eq!(state.tour.as_ref().unwrap().step, 0);
    let before = state.screens.linear.settings.clone();
    press(&mut state, "l");
    press(&mut state, "n");
    assert_ne!(
        state.screens.linear.settings, before,
        "free exploration changes the settings"
    );
    let commands = press(&mut state, "b");
    assert_eq!(
        state.screens.linear.settings.positions, before.positions,
        "b: the step's strength again"
    );
    assert_eq!(
        state.screens.linear.settings.knobs, before.knobs,
        "b: the step's data again"
    );
    assert!(!commands.is_empty(), "b sends the restored settings to the lab");
    // No frame drawn has cut the narration: there is no more of it to show, so t hides it.
    press(&mut state, "t");
    assert_eq!(state.tour.as_ref().unwrap().narration, Shown::Hidden, "t hides it");
    let hidden = render_text(&state, 80, 24);
    assert!(
        hidden.contains("Tour 1 / 13") && !hidden.contains("Four linear models"),
        "{hidden}"
    );
    press(&mut state, "Right");
    assert_eq!(state.tour.as_ref().unwrap().step, 1, "→ is the next step");
    assert_eq!(state.active, ScreenId::Linear);
    let frame = render_text(&state, 120, 40);
    assert!(
        frame.contains("Tour 2 / 13 · L1 sets weights to exactly zero"),
        "{frame}"
    );
}

/// Pins step `number`'s frame at 80x24 and 120x40 (steps 1, 4 and 8, from their tests' states).
fn pin_frames(state: &State, number: usize) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("step{number}_{w}x{h}"), render_text(state, w, h));
    }
}

/// Step `from` settled, then `keys` pressed as `snapshot --tour regularization --step FROM --keys KEYS`.
fn walk(from: usize, keys: &str) -> Value {
    let tour = Tour::named("regularization").unwrap();
    let state = snapshot::settle(&SnapshotArgs {
        tour: Some((tour, from)),
        keys: keys.into(),
        settle_first: true,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("step {from} then {keys}: {}", e.message));
    json(&state)
}

#[test]
fn walking_through_the_question_shows_the_same_steps_as_arriving_at_them() {
    let arrived = walk(3, "Right");
    assert_eq!(arrived["tour"]["step"], 4);
    assert!(
        arrived["next_zero"]["feature"].is_string(),
        "step 4 from 3 reveals: {}",
        arrived["next_zero"]
    );
    assert_eq!(
        arrived["next_zero"],
        check_on_tour(&step(4), 4)["next_zero"],
        "same answer either way"
    );
    let left = walk(4, "Right");
    assert_eq!(left["tour"]["step"], 5);
    assert_eq!(
        left["next_zero"]["asked"], false,
        "step 5 has no question: {}",
        left["next_zero"]
    );
    assert!(
        left["next_zero"]["feature"].is_null(),
        "nor step 4's answer: {}",
        left["next_zero"]
    );
    let back = walk(3, "l b");
    assert_eq!(
        back["next_zero"]["asked"], true,
        "b asks step 3's question again: {}",
        back["next_zero"]
    );
    assert!(back["next_zero"]["feature"].is_null());
}

#[test]
fn a_step_on_new_data_waits_for_its_own_cross_validation() {
    let json = walk(5, "Right");
    assert_eq!(json["tour"]["step"], 6);
    assert_eq!(json["tour"]["waiting"], false);
    assert_eq!(json["source"], "correlated");
    for m in &MODELS[1..] {
        let model = model(&json, *m);
        assert_eq!(
            model["lambda"], model["cv"]["lambda_1se"],
            "{m:?} at its own λ_1se on the new data"
        );
    }
}

#[test]
fn a_narration_cut_at_80x24_shows_whole_on_t() {
    // Step 12's narration is seven lines at 80 columns; 80x24 spares three rows under the screen.
    let mut state = common::tour::step_state(12, "");
    state.monochrome = true;
    let fitted = render_text(&state, 80, 24);
    assert!(
        fitted.contains("… t: all") && !fitted.contains("ever more confident"),
        "{fitted}"
    );
    let event = regscope::app::keymap::parse_key("t").unwrap();
    let action = regscope::app::keymap::action_in(&state, &event).expect("bound");
    update(&mut state, action);
    let whole = render_text(&state, 80, 24);
    for said in [
        "100% training accuracy",
        "ever more confident",
        "Which penalty will find",
    ] {
        assert!(whole.contains(said), "{said:?} in:\n{whole}");
    }
    assert!(whole.contains("Tour 12 / 13"), "the bar stays: {whole}");
    // The next step starts with what fits again (all of it would cover its status).
    let event = regscope::app::keymap::parse_key("Right").unwrap();
    let action = regscope::app::keymap::action_in(&state, &event).expect("bound");
    update(&mut state, action);
    assert_eq!(state.tour.as_ref().unwrap().narration, Shown::Fitted);
}
