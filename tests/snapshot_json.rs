//! `regscope snapshot --format json`: the state behind the frame, read back as a script would, and
//! settling: after every key the models train at the new setting before the frame is taken.

use serde_json::Value;
use std::process::Command;

/// Runs `regscope snapshot` with `args`; returns its standard output (the run must succeed).
fn snapshot(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_regscope"))
        .arg("snapshot")
        .args(args)
        .output()
        .expect("regscope runs");
    assert!(
        out.status.success(),
        "snapshot {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The JSON object `snapshot --format json` prints for `args`.
fn state(args: &[&str]) -> Value {
    let text = snapshot(&[args, &["--format", "json"]].concat());
    assert!(
        text.ends_with('\n') && text.lines().count() == 1,
        "one line of JSON: {text}"
    );
    serde_json::from_str(&text).expect("valid JSON")
}

fn number(value: &Value, field: &str) -> f64 {
    value[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} is not a number in {value}"))
}

fn weights(model: &Value) -> Vec<f64> {
    model["weights"]
        .as_array()
        .expect("weights")
        .iter()
        .map(|w| w.as_f64().expect("a finite weight"))
        .collect()
}

/// The model named `name` (`none`, `L2`, `L1`, `EN`).
fn model<'a>(state: &'a Value, name: &str) -> &'a Value {
    state["models"]
        .as_array()
        .expect("models")
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no model {name}"))
}

/// The path of `penalty` (`lasso`, `enet`, `ridge`) in `paths`.
fn path_of<'a>(state: &'a Value, penalty: &str) -> &'a Value {
    state["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .find(|p| p["penalty"] == penalty)
        .unwrap_or_else(|| panic!("no {penalty} path"))
}

fn grid(path: &Value) -> Vec<f64> {
    path["lambda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

#[test]
fn the_linear_screen_exports_its_models_paths_and_cvs() {
    let s = state(&["--epochs", "200", "--keys", "Right"]);
    assert_eq!(s["screen"], "linear");
    let models = s["models"].as_array().expect("models");
    let names: Vec<&str> = models.iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["none", "L2", "L1", "EN"]);
    let penalties: Vec<&str> = models.iter().map(|m| m["penalty"].as_str().unwrap()).collect();
    assert_eq!(penalties, ["none", "ridge", "lasso", "enet"]);
    let p = s["feature_names"].as_array().expect("feature names").len();
    for m in models {
        for field in ["lambda", "l1_ratio", "train_mse", "val_mse", "epoch"] {
            number(m, field);
        }
        assert!(m["converged"].is_boolean() && m["diverged"].is_boolean());
        assert_eq!(m["converged"], true, "settled: {m}");
        assert!(number(m, "converged_at") <= number(m, "epoch"));
        let best = &m["best_val"];
        assert!(number(best, "val_mse") <= number(m, "val_mse"));
        let w = weights(m);
        assert_eq!(w.len(), p);
        assert_eq!(m["nonzeros"], w.iter().filter(|&&w| w != 0.0).count());
        assert_eq!(m["epoch"], s["epoch"], "every model's epochs count alike");
    }
    assert!(model(&s, "none")["cv"].is_null(), "no penalty, no CV");
    assert_eq!(number(model(&s, "none"), "lambda"), 0.0);
    // Each penalized model trains at its own lambda, on its own grid, and has its own CV.
    let positions: Vec<usize> = s["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    for (m, (name, penalty)) in [("L2", "ridge"), ("L1", "lasso"), ("EN", "enet")]
        .into_iter()
        .enumerate()
    {
        let path = path_of(&s, penalty);
        let lambdas = grid(path);
        assert!(lambdas.windows(2).all(|w| w[0] > w[1]), "{penalty}: largest first");
        assert_eq!(number(model(&s, name), "lambda"), lambdas[positions[m + 1]], "{name}");
        assert_eq!(path["nonzeros"].as_array().unwrap().len(), lambdas.len());
        let cv = &model(&s, name)["cv"];
        assert!(number(cv, "lambda_min") > 0.0 && number(cv, "lambda_1se") >= number(cv, "lambda_min"));
        assert_eq!(path["cv"], *cv);
    }
    assert_ne!(
        grid(path_of(&s, "ridge")),
        grid(path_of(&s, "lasso")),
        "ridge has a grid of its own"
    );
    assert_eq!(number(model(&s, "EN"), "l1_ratio"), number(&s, "l1_ratio"));
    assert_eq!(number(path_of(&s, "enet"), "l1_ratio"), number(&s, "l1_ratio"));
    // The path panel shows the lasso's; the top-level lambda is the lasso's.
    assert_eq!(s["path"]["penalty"], "lasso");
    assert_eq!(number(&s, "lambda"), number(model(&s, "L1"), "lambda"));
    assert_eq!(
        path_of(&s, "lasso")["nonzeros"][0],
        0,
        "every coefficient is zero at the top"
    );
}

#[test]
fn p_shows_the_next_path() {
    assert_eq!(state(&["--keys", "p"])["path"]["penalty"], "enet");
    assert_eq!(state(&["--keys", "p p"])["path"]["penalty"], "ridge");
    assert_eq!(state(&["--keys", "p p p"])["path"]["penalty"], "lasso");
}

#[test]
fn a_settled_home_zeroes_the_lasso_and_a_pure_l1_elastic_net() {
    let before = state(&[]);
    let s = state(&["--keys", "Home"]);
    assert_eq!(s["lambda_index"], 0);
    for name in ["L1", "EN"] {
        let m = model(&s, name);
        assert_eq!(m["nonzeros"], 0, "{name}");
        assert!(weights(m).iter().all(|&w| w == 0.0), "{name}");
        assert_eq!(m["converged"], true);
    }
    assert!(
        number(&s, "epoch") > number(&before, "epoch"),
        "Home was followed by training"
    );
    // Ten presses of Up make the elastic net's L1 share 1: a lasso, on the lasso's grid.
    let up = ["Up"; 10].join(" ");
    let s = state(&["--keys", &format!("{up} End")]);
    assert_eq!(number(&s, "l1_ratio"), 1.0);
    let (l1, en) = (weights(model(&s, "L1")), weights(model(&s, "EN")));
    let norm = l1.iter().map(|w| w * w).sum::<f64>().sqrt();
    for (a, b) in l1.iter().zip(&en) {
        // Both converged, from different starts, to the same minimizer.
        assert!((a - b).abs() <= 1e-4 * norm, "{a} vs {b}");
        assert_eq!(*a == 0.0, *b == 0.0);
    }
}

#[test]
fn without_settling_home_shows_models_trained_for_the_old_lambda() {
    let plain = state(&["--epochs", "100", "--no-settle"]);
    let s = state(&["--epochs", "100", "--keys", "Home", "--no-settle"]);
    assert_eq!(s["epoch"], plain["epoch"], "no epoch ran after the key");
    assert!(model(&s, "L1")["nonzeros"].as_u64().unwrap() > 0);
    // The last flag wins: --settle after --no-settle settles.
    let s = state(&["--epochs", "100", "--keys", "Home", "--no-settle", "--settle"]);
    assert_eq!(model(&s, "L1")["nonzeros"], 0);
}

#[test]
fn the_json_lambdas_are_the_status_lines() {
    let args = ["--keys", "PgDn Right Right"];
    let s = state(&args);
    let text = snapshot(&args);
    for name in ["L2", "L1", "EN"] {
        let shown: f64 = text
            .split(&format!("{name} λ "))
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("{name}'s lambda in the status: {text}"))
            .parse()
            .expect("a number");
        let lambda = number(model(&s, name), "lambda");
        // The status line shows three significant digits.
        assert!(
            (lambda - shown).abs() <= 5e-3 * shown,
            "{name}: json {lambda}, status {shown}"
        );
    }
    let strength = text
        .split("strength ")
        .nth(1)
        .and_then(|t| t.split('/').next())
        .expect("the strength");
    assert_eq!(
        strength.parse::<u64>().unwrap(),
        100 - s["lambda_index"].as_u64().unwrap()
    );
}

#[test]
fn format_text_is_the_default_and_the_frame() {
    let args = ["--epochs", "60", "--size", "80x24", "--keys", "Right"];
    let plain = snapshot(&args);
    assert_eq!(snapshot(&[&args[..], &["--format", "text"]].concat()), plain);
    assert!(plain.contains("L1 λ "), "a frame: {plain}");
}

#[test]
fn the_dropout_screen_exports_its_variants() {
    let s = state(&["--scenario", "dropout-2d", "--epochs", "20", "--keys", "Right Up"]);
    assert_eq!(s["screen"], "dropout");
    assert_eq!(s["task"], "classification");
    let variants = s["variants"].as_array().expect("variants");
    let names: Vec<&str> = variants.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["none", "dropout", "decay", "both"]);
    for v in variants {
        for field in ["dropout", "weight_decay", "train_loss", "val_loss", "epoch"] {
            number(v, field);
        }
        for field in ["train_accuracy", "val_accuracy"] {
            let a = number(v, field);
            assert!((0.0..=1.0).contains(&a), "{field} {a}");
        }
        assert_eq!(v["epoch"], s["epoch"]);
    }
    // The variants without a regularizer train without it; the others with the rate and decay set.
    assert_eq!(number(&variants[0], "dropout"), 0.0);
    assert_eq!(number(&variants[0], "weight_decay"), 0.0);
    assert_eq!(number(&variants[1], "dropout"), number(&variants[3], "dropout"));
    assert!(number(&variants[1], "dropout") > 0.0 && number(&variants[2], "weight_decay") > 0.0);
    assert_eq!(number(&variants[1], "weight_decay"), 0.0);
    assert_eq!(number(&variants[2], "dropout"), 0.0);
}

#[test]
fn regression_has_no_accuracy() {
    let s = state(&["--scenario", "dropout-1d", "--epochs", "5"]);
    assert_eq!(s["task"], "regression");
    for v in s["variants"].as_array().expect("variants") {
        assert!(v.get("train_accuracy").is_none() && v.get("val_accuracy").is_none());
        number(v, "val_loss");
    }
}

#[test]
fn an_unknown_format_is_refused_with_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_regscope"))
        .args(["snapshot", "--format", "yaml"])
        .output()
        .expect("regscope runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
}
