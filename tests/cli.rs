//! The headless command line as a user runs it: exit codes, one-line errors that name the place, the
//! files it writes, and cross-validation against the reference.

mod common;
use common::cli::{regscope, stderr, Scratch};
use common::{fixture, max_rel_diff, read_table};
use std::path::Path;

/// Runs `path` on a CSV with `contents` and returns the error line, checking the exit code is 2 and
/// the message is one line naming the file.
fn path_error(contents: &str, extra: &[&str]) -> String {
    let scratch = Scratch::new();
    let data = scratch.file("bad.csv", contents);
    let out = scratch.path("out.csv");
    let mut args = vec!["path", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = regscope(&args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "exit code for {contents:?}: {message}");
    assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
    assert!(message.contains("bad.csv"), "names the file: {message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(!out.exists(), "no output is written on bad input");
    message
}

#[test]
fn a_ragged_row_names_its_line() {
    let m = path_error("a,b,y\n1,2,3\n4,5\n6,7,8\n9,1,2\n", &[]);
    assert!(
        m.contains("line 3") && m.contains("expected 3 fields") && m.contains("found 2"),
        "{m}"
    );
}

#[test]
fn a_non_numeric_cell_names_its_line_and_column() {
    let m = path_error("a,b,y\n1,2,3\n4,5,6\n7,oops,9\n1,2,4\n", &[]);
    assert!(
        m.contains("line 4, column 2 (\"b\")") && m.contains("\"oops\" is not a number"),
        "{m}"
    );
}

#[test]
fn nan_and_infinity_are_refused_with_their_place() {
    let m = path_error("a,b,y\n1,2,3\n4,5,6\nNaN,8,9\n1,2,4\n", &[]);
    assert!(
        m.contains("line 4, column 1 (\"a\")") && m.contains("not finite"),
        "{m}"
    );
    let m = path_error("a,b,y\n1,2,3\n4,5,6\n7,8,inf\n1,2,4\n", &[]);
    assert!(
        m.contains("line 4, column 3 (\"y\")") && m.contains("not finite"),
        "{m}"
    );
}

#[test]
fn an_empty_file_is_refused() {
    let m = path_error("", &[]);
    assert!(m.contains("line 1") && m.contains("empty"), "{m}");
}

#[test]
fn a_header_without_rows_is_refused() {
    let m = path_error("a,b,y\n", &[]);
    assert!(m.contains("line 2") && m.contains("ends after the header"), "{m}");
}

#[test]
fn fewer_than_three_rows_are_refused() {
    let m = path_error("a,b,y\n1,2,3\n4,5,7\n", &[]);
    assert!(m.contains("line 4") && m.contains("after 2 data rows"), "{m}");
}

#[test]
fn duplicate_column_names_are_refused_at_the_second() {
    let m = path_error("a,b,a,y\n1,2,3,4\n4,5,6,7\n7,8,9,1\n", &[]);
    assert!(
        m.contains("line 1, column 3 (\"a\")") && m.contains("first seen in column 1"),
        "{m}"
    );
}

#[test]
fn an_unknown_target_lists_the_columns() {
    let m = path_error("a,b,y\n1,2,3\n4,5,6\n7,8,1\n", &["--target", "price"]);
    assert!(
        m.contains("line 1") && m.contains("\"price\"") && m.contains("a, b, y"),
        "{m}"
    );
}

#[test]
fn a_constant_column_is_dropped_and_reported() {
    let scratch = Scratch::new();
    let data = scratch.file("c.csv", "a,k,b,y\n1,5,2,3\n4,5,1,6\n7,5,8,1\n2,5,2,2\n");
    let out = scratch.path("out.csv");
    let output = regscope(&["path", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("dropped constant column(s) k"),
        "{}",
        stderr(&output)
    );
    let written = std::fs::read_to_string(out).unwrap();
    assert!(written.starts_with("lambda,a,b\n"), "{written}");
    assert!(!written.contains("NaN"));
}

#[test]
fn data_whose_features_are_all_orthogonal_to_the_target_is_bad_input() {
    // x is centred at 3 and y is symmetric about it, so x^T y = 0: lambda_max is 0 and there is no path.
    let m = path_error("x,y\n1,2\n2,-1\n3,-2\n4,-1\n5,2\n", &[]);
    assert!(m.contains("lambda_max is 0"), "{m}");
    // The exact ridge needs no lambda_max, so the same data has a ridge path.
    let scratch = Scratch::new();
    let data = scratch.file("orthogonal.csv", "x,y\n1,2\n2,-1\n3,-2\n4,-1\n5,2\n");
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--penalty",
        "ridge",
        "--out",
        "-",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_update_rule_flag_lists_its_names_and_default_in_help() {
    let output = regscope(&["path", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("[default: auto]") && help.contains("[possible values: auto, covariance, naive]"),
        "{help}"
    );
    let data = fixture("tiny.csv");
    for rule in ["auto", "covariance", "naive"] {
        let output = regscope(&["path", "--data", data.to_str().unwrap(), "--rule", rule, "--out", "-"]);
        assert!(output.status.success(), "--rule {rule}: {}", stderr(&output));
    }
    assert_eq!(
        regscope(&["path", "--data", data.to_str().unwrap(), "--rule", "gram", "--out", "-"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn bad_arguments_exit_2() {
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    for args in [
        vec!["path", "--data", data, "--out", "-", "--penalty", "nope"],
        vec!["path", "--data", data, "--out", "-", "--l1-ratio", "1.5"],
        vec![
            "path",
            "--data",
            data,
            "--out",
            "-",
            "--penalty",
            "lasso",
            "--l1-ratio",
            "0.3",
        ],
        vec!["path", "--data", data, "--out", "-", "--folds-mod"],
        vec!["path", "--data", data, "--out", "-", "--cv", "1"],
        vec!["path", "--data", data, "--out", "-", "--tol", "0"],
        vec!["generate", "--out", "-", "--scenario", "nope"],
        vec!["generate", "--out", "-", "--k", "100", "--p", "10"],
        vec!["path", "--data", "/no/such/file.csv", "--out", "-"],
    ] {
        let output = regscope(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn a_bad_lambda_file_names_its_line() {
    let scratch = Scratch::new();
    let lambdas = scratch.file("l.txt", "1.0\n0.5\nzero\n");
    let data = fixture("tiny.csv");
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--lambdas",
        lambdas.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("l.txt, line 3, column 1"),
        "{}",
        stderr(&output)
    );
}

fn read_written(path: &Path) -> (Vec<String>, Vec<Vec<f64>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(str::to_string).collect();
    (
        header,
        lines
            .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
            .collect(),
    )
}

#[test]
fn path_writes_both_scales_matching_the_reference() {
    let scratch = Scratch::new();
    let data = fixture("diabetes.csv");
    for (scale, reference, skip) in [
        ("standardized", "diabetes_lasso_path.csv", 1),
        ("original", "diabetes_lasso_path_orig.csv", 1),
    ] {
        let out = scratch.path(&format!("{scale}.csv"));
        let output = regscope(&[
            "path",
            "--data",
            data.to_str().unwrap(),
            "--penalty",
            "lasso",
            "--tol",
            "1e-14",
            "--scale",
            scale,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let (header, rows) = read_written(&out);
        let (_, expected) = read_table(reference);
        assert_eq!(header[0], "lambda");
        if scale == "original" {
            assert_eq!(header[1], "intercept");
            assert_eq!(header[2], "age");
        }
        assert_eq!(rows.len(), 100);
        for (ours, theirs) in rows.iter().zip(&expected) {
            assert!((ours[0] / theirs[0] - 1.0).abs() < 1e-12, "lambda");
            let err = max_rel_diff(&ours[skip..], &theirs[skip..]);
            assert!(err <= 1e-6, "{scale} lambda {}: {err:e}", ours[0]);
        }
    }
}

#[test]
fn the_summary_line_reports_size_sparsity_gap_and_time() {
    let data = fixture("small.csv");
    let output = regscope(&["path", "--data", data.to_str().unwrap(), "--out", "-"]);
    let line = stderr(&output);
    for field in [
        "n=200",
        "p=50",
        "lambdas=100",
        "nonzeros_at_smallest_lambda=",
        "max_rel_gap=",
        "solve_s=",
    ] {
        assert!(line.contains(field), "{field} missing from {line}");
    }
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        101,
        "header and 100 rows on stdout with --out -"
    );
}

#[test]
fn cross_validation_with_modulo_folds_matches_cv_glmnet_per_fold_standardization() {
    let scratch = Scratch::new();
    let out = scratch.path("cv.csv");
    let data = fixture("small.csv");
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--cv",
        "5",
        "--folds-mod",
        "--tol",
        "1e-14",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (header, rows) = read_written(&out);
    let (_, expected) = read_table("small_cv_foldstd.csv");
    let (mean_col, se_col) = (header.len() - 2, header.len() - 1);
    assert_eq!(&header[mean_col..], ["cv_mean", "cv_se"]);
    for (ours, theirs) in rows.iter().zip(&expected) {
        assert!(
            (ours[mean_col] / theirs[1] - 1.0).abs() <= 1e-6,
            "mean at lambda {}",
            theirs[0]
        );
        assert!(
            (ours[se_col] / theirs[2] - 1.0).abs() <= 1e-6,
            "se at lambda {}",
            theirs[0]
        );
    }
    let summary = stderr(&output);
    assert!(
        summary.contains("(row 42)") && summary.contains("lambda_1se=0.66007901037259"),
        "{summary}"
    );
}

#[test]
fn generate_is_byte_identical_for_the_same_seed_and_differs_for_another() {
    let scratch = Scratch::new();
    let run = |seed: &str, name: &str| {
        let out = scratch.path(name);
        let output = regscope(&[
            "generate",
            "--scenario",
            "correlated",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read(out).unwrap()
    };
    let (a, b, c) = (run("9", "a.csv"), run("9", "b.csv"), run("10", "c.csv"));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn generated_data_and_truth_round_trip_through_path() {
    let scratch = Scratch::new();
    let (data, truth) = (scratch.path("d.csv"), scratch.path("t.csv"));
    let output = regscope(&[
        "generate",
        "--n",
        "400",
        "--p",
        "12",
        "--k",
        "3",
        "--snr",
        "20",
        "--rho",
        "0.2",
        "--seed",
        "4",
        "--out",
        data.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let truth_text = std::fs::read_to_string(&truth).unwrap();
    assert!(truth_text.starts_with("feature,beta\nx0,"));
    let beta: Vec<f64> = truth_text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(beta.iter().filter(|b| **b != 0.0).count(), 3);
    // Least squares at the smallest lambda in original units recovers the truth closely at high SNR.
    let out = scratch.path("p.csv");
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--scale",
        "original",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let (_, rows) = read_written(&out);
    let last = rows.last().unwrap();
    for (j, b) in beta.iter().enumerate() {
        assert!((last[2 + j] - b).abs() < 0.35, "feature {j}: {} vs {b}", last[2 + j]);
    }
}

#[test]
fn train_writes_every_epoch_of_every_model() {
    let scratch = Scratch::new();
    let out = scratch.path("history.csv");
    let output = regscope(&[
        "train",
        "--scenario",
        "sparse",
        "--epochs",
        "40",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("model,epoch,train_loss,val_loss,penalty,train_mse,val_mse")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4 * 41, "epochs 0..=40 for four models");
    assert!(rows[0].starts_with("none,0,") && rows.last().unwrap().starts_with("EN,40,"));
    assert!(stderr(&output).contains("none train_mse="));
}

#[test]
fn snapshot_prints_a_frame_and_refuses_bad_sizes_and_keys() {
    let output = regscope(&["snapshot", "--size", "80x24", "--epochs", "5", "--keys", "Right ?"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let frame = String::from_utf8(output.stdout).unwrap();
    assert_eq!(frame.lines().count(), 24);
    assert!(frame.contains("Keys"));
    assert_eq!(regscope(&["snapshot", "--size", "80by24"]).status.code(), Some(2));
    assert_eq!(regscope(&["snapshot", "--keys", "Hyperspace"]).status.code(), Some(2));
}

#[test]
fn the_explorer_refuses_to_start_without_a_terminal() {
    let output = regscope(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a terminal") && stderr(&output).contains("snapshot"));
}

#[test]
fn stats_record_the_sweeps_and_gap_of_every_lambda() {
    let data = fixture("small.csv");
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--tol",
        "1e-9",
        "--out",
        "/dev/null",
        "--stats",
        "-",
    ]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("lambda,sweeps,rel_gap,converged,nonzeros"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 100);
    for row in &rows {
        assert_eq!(row[3], "true");
        assert!(row[2].parse::<f64>().unwrap() <= 1e-9);
    }
    assert_eq!(rows[0][4], "0", "nothing is selected at lambda_max");
}

#[test]
fn train_on_a_dropout_scenario_writes_the_four_variants() {
    let scratch = Scratch::new();
    let out = scratch.path("lab.csv");
    let output = regscope(&[
        "train",
        "--scenario",
        "dropout-1d",
        "--epochs",
        "20",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("variant,epoch,train_loss,val_loss\nnone,0,"));
    for variant in ["none", "dropout", "decay", "both"] {
        assert!(text.contains(&format!("\n{variant},20,")), "{variant} reaches epoch 20");
    }
    let refused = regscope(&["train", "--scenario", "dropout-1d", "--lambda", "0.1", "--out", "-"]);
    assert_eq!(refused.status.code(), Some(2));
}
