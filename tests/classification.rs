//! The classification screen: its presets' claims hold on at least four of five seeds (the
//! unregularized model separates its training rows and not the validation rows, its weights keep
//! growing while ridge's settle, the lasso finds the support at lambda_1se); the trained weights are
//! `regscope path --family binomial`'s on the same data; the keys, the JSON, `train` and the frames.

use regscope::app::{update, Action, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::{self, Format, SnapshotArgs};
use regscope::data::classes::{class_data, ClassPreset};
use regscope::engine::Engine;
use regscope::screens::classification::{Action as C, Curves, CvMeasure, ModelId, MAX_SETTLE_EPOCHS};
use regscope::screens::ScreenId;

mod common;

/// The classification screen on `scenario` with `seed`, trained until every model rests (or the limit).
fn settled(scenario: &str, seed: u64) -> (Engine, State) {
    let args = SessionArgs {
        scenario: Some(scenario.into()),
        seed: Some(seed),
        ..SessionArgs::default()
    };
    let (mut engine, mut state) = session::start(&args, 0).expect("the scenario starts");
    assert_eq!(state.active, ScreenId::Classification);
    snapshot::train_until_settled(&mut engine, &mut state);
    (engine, state)
}

fn act(engine: &mut Engine, state: &mut State, action: C) {
    for command in update(state, Action::from(action)) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
    snapshot::train_until_settled(engine, state);
}

/// Of the nonzero-truth features, the share with a nonzero weight (computed here, from the weights
/// and the generator's truth).
fn recall(weights: &[f64], truth: &[f64]) -> f64 {
    let support: Vec<usize> = (0..truth.len()).filter(|&j| truth[j] != 0.0).collect();
    support.iter().filter(|&&j| weights[j] != 0.0).count() as f64 / support.len() as f64
}

fn norm(w: &[f64]) -> f64 {
    w.iter().map(|v| v * v).sum::<f64>().sqrt()
}

#[test]
fn on_classify_sparse_the_claims_hold_on_at_least_four_of_five_seeds() {
    let (mut overfits, mut bounded, mut found) = (0, 0, 0);
    for seed in 1..=5 {
        let (mut engine, mut state) = settled("classify-sparse", seed);
        let view = &state.screens.classification.view;
        let none = &view.models[ModelId::Unregularized as usize];
        let last = none.last().unwrap();
        // 100% on the training rows, at least 5 points less on the validation rows.
        if last.train_accuracy == 1.0 && last.val_accuracy <= 0.95 {
            overfits += 1;
        }
        // The unregularized weights still grow when training stops at the limit; ridge's have
        // converged to a finite minimizer, well inside them.
        let tenth = &none.history[none.history.len() - 1 - MAX_SETTLE_EPOCHS / 10];
        let ridge = &view.models[ModelId::Ridge as usize];
        let growing = none.converged_at.is_none() && last.weight_norm > tenth.weight_norm * 1.001;
        assert_eq!(
            growing,
            none.no_minimizer(),
            "the status's ↑ says what the history shows"
        );
        assert!(!ridge.no_minimizer(), "a penalized model always has a minimizer");
        if growing && ridge.converged_at.is_some() && norm(&ridge.weights) < 0.5 * last.weight_norm {
            bounded += 1;
        }
        act(&mut engine, &mut state, C::LambdaCv1se);
        let view = &state.screens.classification.view;
        let lasso = &view.models[ModelId::Lasso as usize];
        let data = class_data(ClassPreset::Sparse, seed);
        if lasso.converged_at.is_some() && recall(&lasso.weights, &data.truth) >= 0.8 {
            found += 1;
        }
    }
    assert!(
        overfits >= 4,
        "unregularized: train 100%, val 5 points lower on {overfits} of 5"
    );
    assert!(
        bounded >= 4,
        "ridge bounded while unregularized grows on {bounded} of 5"
    );
    assert!(found >= 4, "lasso recall >= 0.8 at lambda_1se on {found} of 5");
}

/// `regscope path --family binomial` on the screen's training rows at one lambda: the standardized
/// coefficients.
fn regscope_path(seed: u64, lambda: f64, flags: &[&str]) -> Vec<f64> {
    let dir = common::cli::Scratch::new();
    let data = class_data(ClassPreset::Sparse, seed);
    let p = data.x_train.ncols();
    let mut csv: String = (0..p).map(|j| format!("x{j},")).collect::<String>() + "y\n";
    for i in 0..data.y_train.len() {
        for j in 0..p {
            csv += &format!("{},", data.x_train.col(j)[i]);
        }
        csv += &format!("{}\n", data.y_train[i]);
    }
    let csv = dir.file("train.csv", &csv);
    let lambdas = dir.file("lambdas", &format!("{lambda}\n"));
    let out = dir.path("path.csv");
    let mut args = vec!["path", "--family", "binomial", "--tol", "1e-12"];
    args.extend(flags);
    let run = common::cli::regscope(
        &[
            &args[..],
            &["--data", csv.to_str().unwrap(), "--lambdas", lambdas.to_str().unwrap()],
            &["--out", out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(run.status.success(), "{}", common::cli::stderr(&run));
    let text = std::fs::read_to_string(out).unwrap();
    let row = text.lines().nth(1).expect("one lambda");
    row.split(',').skip(2).map(|v| v.parse().unwrap()).collect()
}

#[test]
fn the_trained_weights_are_the_exact_solutions_of_regscope_path() {
    let (_, state) = settled("classify-sparse", 2);
    let screen = &state.screens.classification;
    for (model, flags) in [
        (ModelId::Lasso, vec!["--penalty", "lasso"]),
        (ModelId::ElasticNet, vec!["--penalty", "enet", "--l1-ratio", "0.5"]),
        (ModelId::Ridge, vec!["--penalty", "ridge"]),
    ] {
        let lambda = screen.lambda(model).unwrap();
        let exact = regscope_path(2, lambda, &flags);
        let state = &screen.view.models[model as usize];
        assert!(
            state.converged_at.is_some(),
            "{model:?} converged before it is compared"
        );
        let trained = &state.weights;
        let scale = exact.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for (j, (w, e)) in trained.iter().zip(&exact).enumerate() {
            assert!(
                (w - e).abs() <= 1e-3 * scale,
                "{model:?} at λ {lambda}: weight {j} trained {w}, exact {e}"
            );
        }
    }
}

#[test]
fn the_keys_move_the_models_and_switch_what_is_shown() {
    let (mut engine, mut state) = settled("classify-sparse", 1);
    let positions = state.screens.classification.settings.positions;
    act(&mut engine, &mut state, C::MoveLambda(-3));
    let moved = state.screens.classification.settings.positions;
    assert_eq!(moved[0], 0, "the unregularized model has no grid");
    for m in 1..4 {
        assert_eq!(moved[m], positions[m].saturating_sub(3));
    }
    let view = &state.screens.classification.view;
    let none = &view.models[ModelId::Unregularized as usize];
    assert!(view.epoch() > MAX_SETTLE_EPOCHS, "the others trained on after the key");
    assert!(
        none.no_minimizer(),
        "resting at its limit, the unregularized model still has no minimizer"
    );
    act(&mut engine, &mut state, C::LambdaMax);
    let lasso = &state.screens.classification.view.models[ModelId::Lasso as usize];
    assert!(
        lasso.weights.iter().all(|w| w.abs() < 1e-6),
        "at lambda_max the lasso keeps nothing"
    );
    let before = state.screens.classification.view.data.grids[ModelId::ElasticNet as usize].clone();
    act(&mut engine, &mut state, C::MoveL1Ratio(-2));
    let screen = &state.screens.classification;
    assert_eq!(screen.settings.l1_ratio, 0.4);
    let en = ModelId::ElasticNet as usize;
    assert_eq!(
        screen.view.data.paths[en].as_ref().unwrap().l1_ratio,
        0.4,
        "a new elastic-net path"
    );
    assert!(
        screen.view.data.grids[en][0] > before[0],
        "less L1 share, a higher lambda_max"
    );
    for (action, check) in [(C::CycleCurves, Curves::Accuracy), (C::CycleCurves, Curves::LogLoss)] {
        act(&mut engine, &mut state, action);
        assert_eq!(state.screens.classification.view.curves, check);
    }
    act(&mut engine, &mut state, C::CycleCvMeasure);
    assert_eq!(state.screens.classification.view.cv_measure, CvMeasure::Error);
    act(&mut engine, &mut state, C::CyclePath);
    assert_eq!(state.screens.classification.view.path_model, ModelId::ElasticNet);
    act(&mut engine, &mut state, C::NextPreset);
    let view = &state.screens.classification.view;
    assert_eq!((view.data.feature_names.len(), view.data.points.is_some()), (2, true));
    let seed = view.data.seed;
    act(&mut engine, &mut state, C::Reseed);
    assert_eq!(state.screens.classification.view.data.seed, seed + 1);
}

/// `snapshot` of a classification scenario.
fn frame(scenario: &str, size: (u16, u16), keys: &str, format: Format) -> String {
    let args = SnapshotArgs {
        session: SessionArgs {
            scenario: Some(scenario.into()),
            ..SessionArgs::default()
        },
        width: size.0,
        height: size.1,
        epochs: 0,
        keys: keys.into(),
        format,
        settle: true,
        settle_first: true,
        ..SnapshotArgs::default()
    };
    snapshot::run(&args).expect("a frame")
}

#[test]
fn the_json_gives_accuracies_norms_and_the_cv_choices() {
    let json: serde_json::Value = serde_json::from_str(&frame("classify-sparse", (120, 40), "", Format::Json)).unwrap();
    assert_eq!(json["screen"], "classification");
    let c = &json["classification"];
    assert_eq!((c["p"].as_u64(), c["n_train"].as_u64()), (Some(50), Some(80)));
    let models = c["models"].as_array().unwrap();
    let names: Vec<&str> = models.iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["none", "L2", "L1", "EN"]);
    assert_eq!(
        models[0]["stopped_at_limit"], true,
        "separable: no minimizer to converge to"
    );
    assert!(models[0]["lambda"].is_null());
    for path in c["paths"].as_array().unwrap() {
        let cv = &path["cv_deviance"];
        let mean: Vec<f64> = serde_json::from_value(cv["mean"].clone()).unwrap();
        let i_min = cv["i_min"].as_u64().unwrap() as usize;
        assert!(
            mean.iter().all(|&m| m >= mean[i_min]),
            "lambda_min has the least CV deviance"
        );
        let lambdas: Vec<f64> = serde_json::from_value(path["lambdas"].clone()).unwrap();
        assert_eq!(cv["lambda_min"].as_f64().unwrap(), lambdas[i_min]);
        assert!(cv["lambda_1se"].as_f64().unwrap() >= cv["lambda_min"].as_f64().unwrap());
        // The screen opens with each penalized model at its own CV lambda_min.
        let model = models.iter().find(|m| m["name"] == path["name"]).unwrap();
        assert_eq!(model["position"], cv["i_min"], "{}", path["name"]);
    }
    assert_eq!(models[0]["no_minimizer"], true);
    assert!(models[1..].iter().all(|m| m["no_minimizer"] == false));
}

#[test]
fn train_writes_every_models_accuracy_per_epoch() {
    let run = common::cli::regscope(&["train", "--scenario", "classify-2d", "--epochs", "50", "--out", "-"]);
    assert!(run.status.success(), "{}", common::cli::stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("model,epoch,train_loss,val_loss,train_accuracy,val_accuracy,weight_norm")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 4 * 51, "epochs 0 to 50 of four models");
    for row in &rows {
        let accuracy: f64 = row[4].parse().unwrap();
        assert!((0.0..=1.0).contains(&accuracy), "{row:?}");
    }
    let refused = common::cli::regscope(&[
        "train",
        "--scenario",
        "classify-sparse",
        "--lambda",
        "0.1",
        "--out",
        "-",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(common::cli::stderr(&refused).contains("--lambda"));
}

#[test]
fn the_frames_at_both_sizes() {
    insta::assert_snapshot!(
        "classify_sparse_120x40",
        frame("classify-sparse", (120, 40), "", Format::Text)
    );
    insta::assert_snapshot!(
        "classify_sparse_80x24",
        frame("classify-sparse", (80, 24), "", Format::Text)
    );
    insta::assert_snapshot!("classify_2d_120x40", frame("classify-2d", (120, 40), "H", Format::Text));
    insta::assert_snapshot!(
        "classify_2d_accuracy_80x24",
        frame("classify-2d", (80, 24), "v", Format::Text)
    );
}

#[test]
fn a_reader_that_stops_early_ends_train_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    // 20,000 epochs of four models: megabytes, far more than a pipe holds, so the writer is still
    // writing when the reader goes (as with `| head -1`).
    let mut child = Command::new(env!("CARGO_BIN_EXE_regscope"))
        .args(["train", "--scenario", "classify-sparse", "--out", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("model,epoch"));
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn tour_steps_12_and_13_the_classifier_overfits_and_the_lasso_finds_the_support() {
    let overfit = common::tour::step_json(12, "");
    assert_eq!(overfit["screen"], "classification");
    let c = &overfit["classification"];
    assert_eq!(c["curves"], "accuracy", "the step's v shows the accuracy curves");
    let none = &c["models"][0];
    assert_eq!(none["train_accuracy"].as_f64(), Some(1.0));
    assert!(none["val_accuracy"].as_f64().unwrap() <= 0.95, "{none}");
    assert_eq!(none["no_minimizer"], true);
    for (model, path) in c["models"].as_array().unwrap()[1..]
        .iter()
        .zip(c["paths"].as_array().unwrap())
    {
        // Each penalty at its own lambda_min, converged, its weights far inside the unregularized ones.
        assert_eq!(model["position"], path["cv_deviance"]["i_min"], "{}", model["name"]);
        assert!(model["converged_at"].is_u64(), "{model}");
        assert!(model["weight_norm"].as_f64().unwrap() < 0.5 * none["weight_norm"].as_f64().unwrap());
    }

    let found = common::tour::step_json(13, "");
    let c = &found["classification"];
    let seed = c["seed"].as_u64().unwrap();
    let truth = class_data(ClassPreset::Sparse, seed).truth;
    for (model, path) in c["models"].as_array().unwrap()[1..]
        .iter()
        .zip(c["paths"].as_array().unwrap())
    {
        assert_eq!(model["name"], path["name"]);
        assert_eq!(
            model["position"], path["cv_deviance"]["i_1se"],
            "strength 1se: {}",
            model["name"]
        );
    }
    // As the narration says, on the step's seed: the lasso keeps about ten features, the five true
    // ones among them, every other weight exactly 0; ridge keeps all fifty.
    let lasso = &c["models"][2];
    let weights: Vec<f64> = serde_json::from_value(lasso["weights"].clone()).unwrap();
    assert_eq!(recall(&weights, &truth), 1.0, "{lasso}");
    let kept = weights.iter().filter(|w| **w != 0.0).count();
    assert!((5..=15).contains(&kept), "about ten kept: {kept}");
    let ridge: Vec<f64> = serde_json::from_value(c["models"][1]["weights"].clone()).unwrap();
    assert!(ridge.iter().all(|w| *w != 0.0), "ridge keeps every feature");
}

#[test]
fn a_tour_step_on_the_classification_screen_refuses_what_does_not_fit_it() {
    for (settings, line, key) in [
        ("scenario = \"classify-sparse\"\ndropout = 0.2\n", "line 6", "dropout"),
        ("scenario = \"classify-2d\"\nlasso = 3\n", "line 6", "lasso"),
        ("scenario = \"classify-2d\"\nangle = 15.0\n", "line 6", "angle"),
        ("scenario = \"classify-sparse\"\nstrength = 100\n", "line 6", "strength"),
    ] {
        common::tour::assert_step_refused(settings, line, key);
    }
}

#[test]
fn a_tour_step_waits_for_the_elastic_nets_path_on_its_own_l1_share() {
    // ↓ gives the elastic net another L1 share (and path); `b` restores step 12's, whose positions
    // must come from the path on the restored share, not from the one shown when `b` was pressed.
    let json = common::tour::step_json(12, "Down Down Down Down Down Down Down Down Down b");
    let c = &json["classification"];
    let en = &c["models"][3];
    let path = &c["paths"][2];
    assert_eq!((en["name"].as_str(), path["name"].as_str()), (Some("EN"), Some("EN")));
    assert_eq!(
        (en["l1_ratio"].as_f64(), path["l1_ratio"].as_f64()),
        (Some(0.5), Some(0.5))
    );
    assert_eq!(en["position"], path["cv_deviance"]["i_min"]);
}

#[test]
fn coming_back_to_a_step_shows_what_it_showed() {
    // Step 12 presses `v` (a toggle) for the accuracy curves: after step 13 and back, or `b`, it must
    // show them again rather than toggle back to log-loss.
    for keys in ["Right Left", "b", "v b"] {
        let json = common::tour::step_json(12, keys);
        assert_eq!(json["tour"]["step"].as_u64(), Some(12), "{keys}");
        assert_eq!(json["classification"]["curves"], "accuracy", "{keys}");
    }
}

#[test]
fn the_weights_rows_that_do_not_fit_scroll_into_view_and_back() {
    let frame = |down: usize, up: usize| {
        let keys = [vec!["]"; down], vec!["["; up]].concat().join(" ");
        frame("classify-sparse", (80, 24), &keys, Format::Text)
    };
    let start = frame(0, 0);
    // "features 1-k of 50": the footer says which rows show.
    let shown: usize = start
        .split("features 1-")
        .nth(1)
        .and_then(|rest| rest.split(" of 50 [ ]").next())
        .and_then(|k| k.parse().ok())
        .unwrap_or_else(|| panic!("no row range in:\n{start}"));
    let last = 50 - shown;
    assert!(
        frame(60, 0).contains(&format!("features {}-50 of 50", last + 1)),
        "the last row in view"
    );
    // Presses past the end do nothing: as many back as it took reach the first row again.
    assert_eq!(frame(60, last), start, "back at the first row");
    assert_ne!(frame(60, last - 1), start, "one row short of it");
}

#[test]
fn a_step_shows_the_weights_from_their_first_row_again() {
    let scrolled = common::tour::step_state(13, "] ] ]");
    assert_eq!(scrolled.screens.classification.view.weights_scroll, 3);
    for keys in ["] ] ] b", "] ] ] Left Right"] {
        let state = common::tour::step_state(13, keys);
        assert_eq!(state.screens.classification.view.weights_scroll, 0, "{keys}");
    }
}
