//! "Which weight dies next?" (`w` on the linear screen), as a class plays it: the first press asks the
//! room, the second moves the strength up until the next lasso coefficient reaches exactly zero and
//! names it. Checked against the lasso's exact path and against the trained lasso once it settles.
//! Cheap: a few settled snapshots of the default `sparse` scenario.

use regscope::app::{update, State};
use regscope::cli::snapshot::{self, render_text, SnapshotArgs};
use regscope::screens::linear::view::{NextZero, PathView, Stage};
use regscope::screens::linear::{Action as L, ModelId, MODELS};
use serde_json::Value;

const LASSO: usize = ModelId::Lasso as usize;

/// The state after `keys` on the default scenario, settled first and after every key, as
/// `regscope snapshot --keys KEYS` without `--epochs` leaves it; monochrome, as `snapshot` draws.
fn settled(keys: &str) -> State {
    let mut state = snapshot::settle(&SnapshotArgs {
        keys: keys.into(),
        settle_first: true,
        ..Default::default()
    })
    .expect("the default scenario settles");
    state.monochrome = true;
    state
}

/// The lasso's exact path (computed with the data, on the lasso's own grid).
fn lasso_path(state: &State) -> &PathView {
    let data = state.screens.linear.view.data.as_deref().expect("data");
    data.paths[LASSO].path.as_deref().expect("the exact lasso path")
}

/// The trained lasso's weights, as `snapshot --format json` exports them.
fn lasso_weights(json: &Value) -> Vec<f64> {
    let lasso = &json["models"][LASSO];
    assert_eq!(lasso["name"], "L1");
    lasso["weights"]
        .as_array()
        .expect("weights")
        .iter()
        .map(|w| w.as_f64().expect("finite"))
        .collect()
}

fn names(json: &Value, field: &str) -> Vec<String> {
    json["next_zero"][field]
        .as_array()
        .unwrap_or_else(|| panic!("next_zero.{field} is a list: {}", json["next_zero"]))
        .iter()
        .map(|n| n.as_str().expect("a feature name").to_string())
        .collect()
}

#[test]
fn the_answer_is_the_next_lasso_weight_to_reach_exactly_zero_and_the_trained_lasso_agrees() {
    let asked = settled("w");
    let answered = settled("w w");
    let (before, after) = (snapshot::json(&asked), snapshot::json(&answered));
    let feature_names: Vec<String> = serde_json::from_value(before["feature_names"].clone()).unwrap();

    // The question: asked, the candidates are exactly the settled lasso's nonzero weights.
    assert_eq!(before["next_zero"]["asked"], true, "{}", before["next_zero"]);
    let weights_before = lasso_weights(&before);
    let nonzero: Vec<String> = feature_names
        .iter()
        .zip(&weights_before)
        .filter(|(_, w)| **w != 0.0)
        .map(|(n, _)| n.clone())
        .collect();
    assert!(nonzero.len() >= 2, "a question worth asking: {nonzero:?}");
    assert_eq!(names(&before, "candidates"), nonzero);
    assert!(before["next_zero"]["feature"].is_null(), "no answer yet");

    // The answer names a feature and where it died.
    assert_eq!(after["next_zero"]["asked"], false);
    let died = names(&after, "features");
    let feature = after["next_zero"]["feature"]
        .as_str()
        .expect("the answer names a feature");
    assert_eq!(died.first().map(String::as_str), Some(feature));
    let j = feature_names
        .iter()
        .position(|n| n == feature)
        .expect("a known feature");
    let from = before["lambda_index"].as_u64().unwrap() as usize;
    let to = after["next_zero"]["lambda_index"].as_u64().expect("a grid position") as usize;
    assert!(to < from, "lambda moved up (stronger): {from} -> {to}");
    assert_eq!(
        after["lambda_index"].as_u64(),
        Some(to as u64),
        "the lasso is there now"
    );
    let grid: Vec<f64> = serde_json::from_value(after["paths"][0]["lambda"].clone()).unwrap();
    assert_eq!(after["paths"][0]["penalty"], "lasso");
    assert_eq!(after["next_zero"]["lambda"].as_f64(), Some(grid[to]));
    assert_eq!(after["lambda"].as_f64(), Some(grid[to]));

    // Against the exact path: zero at `to`, nonzero at the start and at every position between (it
    // is the NEXT one), and every candidate still nonzero between (none died earlier).
    let path = lasso_path(&answered);
    assert_eq!(
        path.coefs[to][j], 0.0,
        "{feature} is exactly 0 on the exact path at {to}"
    );
    for at in to + 1..=from {
        for (k, name) in feature_names.iter().enumerate() {
            if nonzero.contains(name) {
                assert_ne!(
                    path.coefs[at][k], 0.0,
                    "{name} is nonzero at {at}, between {to} and {from}"
                );
            }
        }
    }
    let expected: Vec<String> = (0..feature_names.len())
        .filter(|&k| nonzero.contains(&feature_names[k]) && path.coefs[to][k] == 0.0)
        .map(|k| feature_names[k].clone())
        .collect();
    assert_eq!(died, expected, "every feature that died at that step is named");

    // The trained lasso, settled at the new lambda: exactly 0 there, nonzero before (ISTA gives exact
    // zeros); it converged, so this is its answer, not a snapshot mid-training.
    assert_ne!(weights_before[j], 0.0, "{feature} was alive before");
    assert_eq!(
        lasso_weights(&after)[j],
        0.0,
        "{feature} is exactly 0 once the lasso settles"
    );
    assert_eq!(after["models"][LASSO]["converged"], true);

    // Every penalized model moved by the same number of steps, as the arrows move them.
    let positions = |json: &Value| -> Vec<i64> { serde_json::from_value(json["positions"].clone()).unwrap() };
    let (p0, p1) = (positions(&before), positions(&after));
    for m in MODELS.iter().skip(1).map(|&id| id as usize) {
        assert_eq!(p0[m] - p1[m], (from - to) as i64, "model {m} moved like the lasso");
    }
}

#[test]
fn the_question_and_the_answer_are_on_screen_at_both_sizes() {
    let asked = settled("w");
    let answered = settled("w w");
    let feature = match &answered.screens.linear.view.next_zero {
        NextZero::Revealed { features, .. } => {
            answered.screens.linear.view.data.as_ref().unwrap().feature_names[features[0]].clone()
        }
        other => panic!("answered: {other:?}"),
    };
    for (w, h) in [(120, 40), (80, 24)] {
        let question = render_text(&asked, w, h);
        assert!(
            question.contains("Which lasso weight reaches zero next?") && question.contains("w reveals"),
            "the prompt at {w}x{h}:\n{question}"
        );
        assert!(
            question.contains("? which L1 weight dies next?"),
            "the weights banner at {w}x{h}:\n{question}"
        );
        assert!(
            question.lines().any(|l| l.contains("│?x")),
            "candidate rows are marked ? at {w}x{h}:\n{question}"
        );
        let answer = render_text(&answered, w, h);
        assert!(
            answer.contains(&format!("† {feature} reaches 0 first, at λ")),
            "the status names {feature} at {w}x{h}:\n{answer}"
        );
        assert!(
            answer.contains(&format!("† {feature} died at λ")),
            "the banner at {w}x{h}:\n{answer}"
        );
        assert!(
            answer.lines().any(|l| l.contains(&format!("│†{feature} "))),
            "its weights row is marked and in view at {w}x{h}:\n{answer}"
        );
        assert!(
            !answer.contains("Which lasso weight"),
            "the question is gone at {w}x{h}"
        );
    }
    // The full layout's path panel (the lasso's) says which curve is bright.
    let full = render_text(&answered, 120, 40);
    assert!(full.contains(&format!("† {feature} bright")), "{full}");
    insta::assert_snapshot!("answer_80x24", render_text(&answered, 80, 24));
}

#[test]
fn at_lambda_max_nothing_is_left_to_die_and_other_keys_cancel_the_question() {
    let mut state = settled("Home w");
    let text = render_text(&state, 120, 40);
    assert!(text.contains("nothing is left to die"), "{text}");
    assert_eq!(state.screens.linear.view.next_zero, NextZero::Idle);
    assert_eq!(snapshot::json(&state)["next_zero"]["asked"], false);

    // Any other key cancels the question ...
    update(&mut state, L::MoveLambda(20));
    update(&mut state, L::NextZero);
    assert!(matches!(state.screens.linear.view.next_zero, NextZero::Asked { .. }));
    update(&mut state, L::CycleLossView);
    assert_eq!(
        state.screens.linear.view.next_zero,
        NextZero::Idle,
        "v cancels the question"
    );
    // ... while the answer stays through keys that only change what is shown, and goes with a setting.
    update(&mut state, L::NextZero);
    update(&mut state, L::NextZero);
    assert!(matches!(state.screens.linear.view.next_zero, NextZero::Revealed { .. }));
    update(&mut state, L::ScrollWeights(1));
    assert!(
        matches!(state.screens.linear.view.next_zero, NextZero::Revealed { .. }),
        "] keeps it"
    );
    update(&mut state, L::MoveLambda(1));
    assert_eq!(state.screens.linear.view.next_zero, NextZero::Idle, "→ ends it");
}

#[test]
fn while_the_exact_path_is_computing_w_says_so_and_does_nothing() {
    let mut state = settled("");
    let before = state.screens.linear.settings.clone();
    // As the explorer is in its first frames, before the background thread has sent the path.
    let data = state.screens.linear.view.data.as_deref_mut().unwrap();
    data.paths[LASSO].path = None;
    data.paths[LASSO].cv = None;
    data.paths[LASSO].stage = Stage::Path { done: 3, total: 100 };
    for _ in 0..2 {
        let commands = update(&mut state, L::NextZero);
        assert!(commands.is_empty(), "nothing for the engine");
        let message = state.message.clone().unwrap_or_default();
        assert!(message.contains("path still computing"), "{message:?}");
        assert_eq!(state.screens.linear.view.next_zero, NextZero::Idle);
    }
    assert_eq!(state.screens.linear.settings, before);
    // The path arrived but its cross-validation has not: still computing.
    let data = state.screens.linear.view.data.as_deref_mut().unwrap();
    data.paths[LASSO].stage = Stage::Cv { done: 1, total: 5 };
    update(&mut state, L::NextZero);
    assert!(state
        .message
        .as_deref()
        .unwrap_or_default()
        .contains("path still computing"));
}
