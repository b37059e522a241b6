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

#[test]
fn the_linear_screen_exports_its_models_path_and_cv() {
    let s = state(&["--epochs", "200", "--keys", "Right"]);
    assert_eq!(s["screen"], "linear");
    let models = s["models"].as_array().expect("models");
    let names: Vec<&str> = models.iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["none", "L2", "L1", "EN"]);
    let penalties: Vec<&str> = models.iter().map(|m| m["penalty"].as_str().unwrap()).collect();
    assert_eq!(penalties, ["none", "ridge", "lasso", "enet"]);
    let p = s["feature_names"].as_array().expect("feature names").len();
    let lambda = number(&s, "lambda");
    for m in models {
        for field in ["lambda", "l1_ratio", "train_mse", "val_mse", "epoch"] {
            number(m, field);
        }
        assert!(m["converged"].is_boolean() && m["diverged"].is_boolean());
        let w = weights(m);
        assert_eq!(w.len(), p);
        assert_eq!(m["nonzeros"], w.iter().filter(|&&w| w != 0.0).count());
        assert_eq!(m["epoch"], s["epoch"], "every model trained as far as the screen says");
        let cv = &m["cv"];
        assert!(number(cv, "lambda_min") > 0.0 && number(cv, "lambda_1se") >= number(cv, "lambda_min"));
    }
    // The regularized models train at the lambda shown; the elastic net at the L1 share shown.
    for name in ["L2", "L1", "EN"] {
        assert_eq!(number(model(&s, name), "lambda"), lambda);
    }
    assert_eq!(number(model(&s, "EN"), "l1_ratio"), number(&s, "l1_ratio"));
    assert_eq!(number(model(&s, "none"), "lambda"), 0.0);
    // The path: the grid, largest first, with the current lambda on it.
    let path = &s["path"];
    assert_eq!(path["penalty"], "lasso");
    let grid: Vec<f64> = path["lambda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(grid.windows(2).all(|w| w[0] > w[1]));
    assert_eq!(grid[s["lambda_index"].as_u64().unwrap() as usize], lambda);
    let nonzeros = path["nonzeros"].as_array().unwrap();
    assert_eq!(nonzeros.len(), grid.len());
    assert_eq!(nonzeros[0], 0, "every coefficient is zero at lambda_max");
}

#[test]
fn a_settled_home_zeroes_the_lasso_and_a_pure_l1_elastic_net() {
    // Settling trains the lab's own settling epochs (a quarter of --epochs) at lambda_max.
    let s = state(&["--epochs", "1000", "--keys", "Home"]);
    assert_eq!(s["lambda_index"], 0);
    let lasso = model(&s, "L1");
    assert_eq!(lasso["nonzeros"], 0);
    assert!(weights(lasso).iter().all(|&w| w == 0.0));
    assert!(number(&s, "epoch") > 1000.0, "Home was followed by training");
    // Ten presses of Up make the elastic net's L1 share 1: a lasso, zero at lambda_max too.
    let up = ["Up"; 10].join(" ");
    let s = state(&["--epochs", "1000", "--keys", &format!("{up} Home")]);
    assert_eq!(number(&s, "l1_ratio"), 1.0);
    for name in ["L1", "EN"] {
        let m = model(&s, name);
        assert_eq!(m["nonzeros"], 0, "{name}");
        assert!(weights(m).iter().all(|&w| w == 0.0), "{name}");
    }
}

#[test]
fn without_settling_home_shows_models_trained_for_the_old_lambda() {
    let s = state(&["--epochs", "1000", "--keys", "Home", "--no-settle"]);
    assert_eq!(s["epoch"], 1000, "no epoch ran after the key");
    assert!(model(&s, "L1")["nonzeros"].as_u64().unwrap() > 0);
    // The last flag wins: --settle after --no-settle settles.
    let s = state(&["--epochs", "1000", "--keys", "Home", "--no-settle", "--settle"]);
    assert_eq!(model(&s, "L1")["nonzeros"], 0);
}

#[test]
fn the_json_lambda_is_the_status_lines() {
    let args = ["--epochs", "150", "--keys", "PgDn Right Right"];
    let s = state(&args);
    let text = snapshot(&args);
    let status = text
        .lines()
        .find_map(|line| line.strip_prefix("λ "))
        .expect("a status line starting with λ");
    let shown: f64 = status.split_whitespace().next().unwrap().parse().expect("a number");
    let lambda = number(&s, "lambda");
    // The status line shows three significant digits.
    assert!((lambda - shown).abs() <= 5e-3 * shown, "json {lambda}, status {shown}");
    let step = status
        .split(", ")
        .nth(1)
        .and_then(|t| t.split('/').next())
        .expect("the grid step");
    assert_eq!(step.parse::<u64>().unwrap(), s["lambda_index"].as_u64().unwrap() + 1);
}

#[test]
fn format_text_is_the_default_and_the_frame() {
    let args = ["--epochs", "60", "--size", "80x24", "--keys", "Right"];
    let plain = snapshot(&args);
    assert_eq!(snapshot(&[&args[..], &["--format", "text"]].concat()), plain);
    assert!(plain.contains("λ "), "a frame: {plain}");
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
