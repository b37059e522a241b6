//! The headless command line as a user runs it: exit codes, one-line errors that name the place, the
//! files it writes, and cross-validation against the reference.

mod common;
use common::{fixture, max_rel_diff, read_table};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn regscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regscope"))
        .args(args)
        .output()
        .expect("regscope runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }
    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
}

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

// ---- Hostile arguments and outputs (issue 7) ----

/// Runs regscope, checks it refused with exit status 2 and without a panic, and returns stderr.
fn refused(args: &[&str]) -> String {
    let output = regscope(args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
    assert!(!message.contains("panicked"), "{args:?}: {message}");
    message
}

/// A copy of the `tiny.csv` fixture in `scratch`, to be (not) overwritten.
fn tiny_copy(scratch: &Scratch, name: &str) -> (PathBuf, Vec<u8>) {
    let bytes = std::fs::read(fixture("tiny.csv")).unwrap();
    let path = scratch.path(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

#[test]
fn an_output_that_is_the_input_is_refused_and_the_input_is_left_byte_for_byte() {
    let scratch = Scratch::new();
    let (data, original) = tiny_copy(&scratch, "same.csv");
    let data_s = data.to_str().unwrap();
    // The same file spelled another way: through a `.` and a `..`.
    std::fs::create_dir(scratch.path("sub")).unwrap();
    let roundabout = scratch.path("sub/../././same.csv");
    let roundabout = roundabout.to_str().unwrap();
    let lambdas = scratch.file("l.txt", "1\n0.5\n");
    let lambdas = lambdas.to_str().unwrap();
    let other = scratch.path("other.csv");
    let other = other.to_str().unwrap();
    for (args, says) in [
        (vec!["path", "--data", data_s, "--out", roundabout], "--out"),
        (
            vec!["path", "--data", data_s, "--out", other, "--stats", data_s],
            "--stats",
        ),
        (
            vec!["path", "--data", data_s, "--lambdas", lambdas, "--out", lambdas],
            "--lambdas",
        ),
        (
            vec!["train", "--data", data_s, "--epochs", "1", "--out", data_s],
            "--data",
        ),
    ] {
        let m = refused(&args);
        assert!(m.contains(says) && m.contains("refusing to overwrite"), "{args:?}: {m}");
    }
    assert_eq!(std::fs::read(&data).unwrap(), original, "the input is unchanged");
    assert_eq!(std::fs::read_to_string(scratch.path("l.txt")).unwrap(), "1\n0.5\n");
    assert!(!Path::new(other).exists(), "nothing written when refused");
}

#[test]
fn two_outputs_in_one_file_are_refused() {
    let scratch = Scratch::new();
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    let o = scratch.path("o.csv");
    let o = o.to_str().unwrap();
    let m = refused(&["path", "--data", data, "--out", o, "--stats", o]);
    assert!(
        m.contains("--out") && m.contains("--stats") && m.contains("the same file"),
        "{m}"
    );
    let m = refused(&["path", "--data", data, "--out", "-", "--stats", "-"]);
    assert!(m.contains("both write to standard output"), "{m}");
    let m = refused(&["generate", "--out", o, "--truth", o]);
    assert!(
        m.contains("--out") && m.contains("--truth") && m.contains("the same file"),
        "{m}"
    );
    assert!(!Path::new(o).exists());
}

#[test]
fn an_output_is_replaced_whole_and_leaves_no_temporary_file() {
    let scratch = Scratch::new();
    let out = scratch.file("d.csv", "an old file that is longer than nothing\n");
    let args = [
        "generate",
        "--n",
        "5",
        "--val-frac",
        "0",
        "--p",
        "2",
        "--k",
        "1",
        "--out",
        out.to_str().unwrap(),
    ];
    let output = regscope(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("x0,x1,y\n") && text.lines().count() == 6, "{text}");
    let names: Vec<_> = std::fs::read_dir(scratch.0.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["d.csv"]);
}

#[test]
fn an_output_in_a_missing_folder_fails_before_the_work() {
    let data = fixture("tiny.csv");
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--out",
        "/no/such/folder/o.csv",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--out /no/such/folder/o.csv: cannot write"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_l1_ratio_below_the_floor_is_refused_with_advice() {
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    for (ratio, shown) in [("1e-320", "1e-320"), ("1e-17", "1e-17"), ("0.0009", "0.0009")] {
        let m = refused(&["path", "--data", data, "--out", "-", "--l1-ratio", ratio]);
        assert!(
            m.contains(&format!("--l1-ratio {shown} is below the floor 0.001")),
            "{m}"
        );
        assert!(m.contains("--penalty ridge"), "{m}");
    }
    let m = refused(&[
        "path",
        "--data",
        data,
        "--out",
        "-",
        "--penalty",
        "enet",
        "--l1-ratio",
        "0",
    ]);
    assert!(m.contains("--l1-ratio 0 ") && m.contains("--penalty ridge"), "{m}");
    for ok in [vec!["--l1-ratio", "0.001"], vec!["--penalty", "ridge"]] {
        let mut args = vec!["path", "--data", data, "--out", "/dev/null"];
        args.extend(ok);
        let output = regscope(&args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn generated_data_that_would_not_be_finite_is_refused_by_flag() {
    let scratch = Scratch::new();
    let out = scratch.path("g.csv");
    let out_s = out.to_str().unwrap();
    let m = refused(&["generate", "--sigma", "1e308", "--out", out_s]);
    assert!(m.contains("--sigma 1e308 must lie in [0, 1e100]"), "{m}");
    let m = refused(&["generate", "--snr", "1e-320", "--out", out_s]);
    assert!(m.contains("--snr ") && m.contains("at least 1e-100"), "{m}");
    assert!(!out.exists());
    // The largest noise allowed still writes finite numbers only.
    let output = regscope(&["generate", "--sigma", "1e100", "--n", "20", "--p", "3", "--out", out_s]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&out).unwrap();
    for cell in text.lines().skip(1).flat_map(|l| l.split(',')) {
        assert!(cell.parse::<f64>().unwrap().is_finite(), "{cell}");
    }
}

/// Runs regscope with standard output closed (`>&-`).
fn with_stdout_closed(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" >&-")
        .arg(env!("CARGO_BIN_EXE_regscope"))
        .args(args)
        .output()
        .expect("sh runs")
}

#[test]
fn a_closed_standard_output_is_a_failure_not_a_success() {
    let data = fixture("tiny.csv");
    for args in [
        vec!["path", "--data", data.to_str().unwrap(), "--out", "-"],
        vec!["snapshot", "--size", "40x10", "--epochs", "1"],
    ] {
        let output = with_stdout_closed(&args);
        let m = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {m}");
        assert!(m.contains("standard output: cannot write: it is closed"), "{m}");
    }
    // Discarding the output on purpose is not refused.
    let output = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" >/dev/null")
        .arg(env!("CARGO_BIN_EXE_regscope"))
        .args(["path", "--data", data.to_str().unwrap(), "--out", "-"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_snapshot_into_a_closed_pipe_fails_without_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regscope"))
        .args(["snapshot", "--size", "300x300", "--epochs", "1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before the frame is written, as with `| head -0`
    let output = child.wait_with_output().unwrap();
    let m = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{m}");
    assert!(
        m.contains("standard output: cannot write") && !m.contains("panicked"),
        "{m}"
    );
}

#[test]
fn absurd_sizes_are_refused_with_the_limit_before_allocating() {
    let started = std::time::Instant::now();
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    for (args, says) in [
        (vec!["generate", "--n", "1000000000", "--out", "-"], "268435456"),
        (
            vec!["generate", "--p", "1000000000", "--k", "1", "--out", "-"],
            "268435456",
        ),
        (
            vec!["generate", "--n", "1000000000000000000", "--out", "-"],
            "268435456",
        ),
        (
            vec!["generate", "--k", "11", "--p", "10", "--out", "-"],
            "--k 11 exceeds --p 10",
        ),
        (
            vec![
                "generate",
                "--pattern",
                "groups",
                "--group-size",
                "11",
                "--p",
                "10",
                "--k",
                "2",
                "--out",
                "-",
            ],
            "--group-size 11 must be from 1 to --p 10",
        ),
        (
            vec!["train", "--epochs", "1000000000", "--out", "-"],
            "more than 1000000",
        ),
        (vec!["snapshot", "--epochs", "1000000000"], "more than 1000000"),
        (
            vec!["train", "--scenario", "dropout-1d", "--epochs", "100001", "--out", "-"],
            "more than 100000",
        ),
        (
            vec!["snapshot", "--screen", "dropout", "--epochs", "100001"],
            "more than 100000",
        ),
        (vec!["snapshot", "--size", "1001x40"], "from 1 to 1000"),
        (
            vec!["path", "--data", data, "--out", "-", "--n-lambdas", "10001"],
            "from 1 to 10000",
        ),
    ] {
        let m = refused(&args);
        assert!(m.contains(says), "{args:?}: {m}");
    }
    let keys = vec!["s"; 1001].join(" ");
    assert!(refused(&["snapshot", "--keys", &keys]).contains("more than 1000"));
    assert!(started.elapsed().as_secs() < 60, "refused before the work");
}

#[test]
fn negative_numbers_reach_the_range_check_of_every_numeric_flag() {
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    let path = |flag: &'static str, value: &'static str| vec!["path", "--data", data, "--out", "-", flag, value];
    let generate = |flag: &'static str, value: &'static str| vec!["generate", "--out", "-", flag, value];
    for (args, says) in [
        (path("--l1-ratio", "-0.1"), "--l1-ratio -0.1 must lie in [0, 1]"),
        (path("--tol", "-1"), "--tol -1 must lie in (0, 1)"),
        (
            path("--lambda-min-ratio", "-1"),
            "--lambda-min-ratio -1 must lie in (0, 1)",
        ),
        (path("--cv", "-1"), "K must be a whole number from 2 to the rows"),
        (path("--n-lambdas", "-5"), "whole number from 1 to 10000"),
        (path("--max-sweeps", "-5"), "whole number, 1 or more"),
        (
            generate("--rho", "-1.5"),
            "--rho -1.5 must lie strictly between -1 and 1",
        ),
        (generate("--snr", "-2"), "--snr -2 must be finite"),
        (generate("--sigma", "-2"), "--sigma -2 must lie in [0, 1e100]"),
        (generate("--val-frac", "-0.5"), "--val-frac -0.5 must be in [0, 1)"),
        (generate("--n", "-3"), "whole number, 3 or more"),
        (generate("--p", "-3"), "whole number, 1 or more"),
        (generate("--k", "-3"), "from 0 to --p"),
        (generate("--group-size", "-3"), "from 1 to --p"),
        (generate("--seed", "-3"), "a seed is a whole number"),
        (
            vec!["train", "--out", "-", "--lambda", "-1"],
            "--lambda -1 must be positive",
        ),
        (
            vec!["train", "--out", "-", "--l1-ratio", "-1"],
            "--l1-ratio -1 must lie in [0, 1]",
        ),
        (
            vec!["train", "--out", "-", "--epochs", "-1"],
            "epochs are a whole number",
        ),
        (vec!["snapshot", "--epochs", "-1"], "epochs are a whole number"),
        (vec!["snapshot", "--seed", "-1"], "a seed is a whole number"),
    ] {
        let m = refused(&args);
        assert!(m.contains(says) && !m.contains("unexpected argument"), "{args:?}: {m}");
        assert!(m.contains(args[args.len() - 2]), "names the flag: {m}");
    }
}

/// Runs each command, expecting it refused (exit 2) with a message naming every string of `says`, and
/// nothing written to `written` or `truth`.
fn refused_naming(cases: &[(Vec<&str>, Vec<&str>)], written: &Path, truth: &Path) {
    for (args, says) in cases {
        let m = refused(args);
        for s in says {
            assert!(m.contains(s), "{args:?} should name {s}: {m}");
        }
        assert!(!written.exists() && !truth.exists(), "{args:?} wrote a file");
    }
}

#[test]
fn options_that_do_not_apply_are_refused_naming_both() {
    let scratch = Scratch::new();
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    let written = scratch.path("w.csv");
    let w = written.to_str().unwrap();
    let t = scratch.path("t.csv");
    let cases = [
        (
            vec!["path", "--data", data, "--out", w, "--scenario", "nope"],
            vec!["--scenario"],
        ),
        (vec!["generate", "--data", data, "--out", w], vec!["--data"]),
        (
            vec!["snapshot", "--data", data, "--scenario", "dense"],
            vec!["--data", "--scenario"],
        ),
        (
            vec!["--color", "never", "path", "--data", data, "--out", w],
            vec!["path", "--color"],
        ),
        (
            vec!["train", "--scenario", "dropout-1d", "--l1-ratio", "0.3", "--out", w],
            vec!["--l1-ratio"],
        ),
        (
            vec!["generate", "--group-size", "3", "--out", w],
            vec!["--group-size", "--pattern groups"],
        ),
        (
            vec![
                "generate",
                "--scenario",
                "diabetes",
                "--truth",
                t.to_str().unwrap(),
                "--out",
                w,
            ],
            vec!["--truth", "diabetes"],
        ),
        (
            vec![
                "path",
                "--data",
                data,
                "--out",
                w,
                "--penalty",
                "ridge",
                "--l1-ratio",
                "0.3",
            ],
            vec!["--l1-ratio", "ridge"],
        ),
    ];
    refused_naming(&cases, &written, &t);
}

#[test]
fn options_that_conflict_are_refused_naming_both() {
    let scratch = Scratch::new();
    let data = fixture("tiny.csv");
    let data = data.to_str().unwrap();
    let written = scratch.path("w.csv");
    let w = written.to_str().unwrap();
    let t = scratch.path("t.csv");
    let cases = [
        (
            vec!["generate", "--snr", "2", "--sigma", "1", "--out", w],
            vec!["--snr", "--sigma"],
        ),
        (
            vec!["path", "--data", data, "--out", w, "--folds-mod"],
            vec!["--cv", "--folds-mod"],
        ),
        (
            vec!["path", "--data", data, "--out", w, "--seed", "3"],
            vec!["--cv", "--seed"],
        ),
        (
            vec![
                "path",
                "--data",
                data,
                "--out",
                w,
                "--cv",
                "3",
                "--folds-mod",
                "--seed",
                "3",
            ],
            vec!["--seed", "--folds-mod"],
        ),
        (
            vec![
                "path",
                "--data",
                data,
                "--out",
                w,
                "--lambdas",
                data,
                "--n-lambdas",
                "5",
            ],
            vec!["--lambdas", "--n-lambdas"],
        ),
        (vec!["train", "--target", "y", "--out", w], vec!["--target", "--data"]),
    ];
    refused_naming(&cases, &written, &t);
}

#[test]
fn zero_sweeps_are_refused() {
    let data = fixture("tiny.csv");
    let m = refused(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--out",
        "-",
        "--max-sweeps",
        "0",
    ]);
    assert!(m.contains("--max-sweeps 0 must be at least 1"), "{m}");
}

#[test]
fn too_many_folds_for_few_rows_say_which_k_works() {
    let scratch = Scratch::new();
    let four = scratch.file("four.csv", "a,b,y\n1,2,3\n2,1,5\n3,5,4\n4,3,9\n");
    let five = scratch.file("five.csv", "a,b,y\n1,2,3\n2,1,5\n3,5,4\n4,3,9\n5,5,1\n");
    let run = |data: &Path, k: &str| {
        regscope(&[
            "path",
            "--data",
            data.to_str().unwrap(),
            "--cv",
            k,
            "--out",
            "/dev/null",
        ])
    };
    for (data, k, works) in [
        (&four, "2", "from 4 to 4"),
        (&five, "2", "from 3 to 5"),
        (&four, "5", "from 4 to 4"),
    ] {
        let output = run(data, k);
        assert_eq!(output.status.code(), Some(2));
        let m = stderr(&output);
        assert!(m.contains(&format!("--cv {k}: with")) && m.contains(works), "{m}");
    }
    // The advice is right: the K it names work.
    for (data, k) in [(&four, "4"), (&five, "3"), (&five, "5")] {
        let output = run(data, k);
        assert!(output.status.success(), "--cv {k}: {}", stderr(&output));
    }
}

#[test]
fn numbers_in_messages_are_short() {
    let data = fixture("tiny.csv");
    let m = refused(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--out",
        "-",
        "--l1-ratio",
        "1e-300",
    ]);
    assert!(m.contains("--l1-ratio 1e-300 ") && m.len() < 250, "{m}");
    let m = refused(&["generate", "--out", "-", "--sigma", "1e308"]);
    assert!(m.contains("--sigma 1e308 ") && m.len() < 150, "{m}");
}

#[test]
fn a_non_utf8_cell_counts_its_column_from_one() {
    let scratch = Scratch::new();
    let data = scratch.0.path().join("latin1.csv");
    std::fs::write(&data, b"a,b,y\n1,2,3\n4,5,6\n7,\xe98,9\n1,2,4\n").unwrap();
    let m = refused(&["path", "--data", data.to_str().unwrap(), "--out", "-"]);
    assert!(m.contains("line 4, column 2 (\"b\")") && m.contains("UTF-8"), "{m}");
}

#[test]
fn a_byte_order_mark_in_a_lambda_file_is_skipped() {
    let scratch = Scratch::new();
    let lambdas = scratch.file("l.txt", "\u{feff}0.5\n0.1\n");
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
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let firsts: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(firsts, ["0.5", "0.1"]);
}

#[test]
fn usage_errors_of_clap_exit_2() {
    for args in [
        vec!["path"],
        vec!["nope"],
        vec!["generate", "--out", "-", "--n", "many"],
    ] {
        refused(&args);
    }
}

#[test]
fn usage_errors_are_one_line_with_exit_2() {
    for args in [
        &["path"][..],
        &["--epochs-per-tick", "-5"],
        &["path", "--data", "x.csv", "--scenario", "nope", "--out", "o.csv"],
        &["generate", "--snr", "1", "--sigma", "2", "--out", "g.csv"],
    ] {
        let output = regscope(args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("regscope: error: "), "{err}");
    }
    // What was missing is named, not cut off after the colon.
    assert!(stderr(&regscope(&["path"])).contains("--data <DATA> --out <OUT>"));
}

#[test]
fn a_refused_path_writes_no_output_at_all() {
    let scratch = Scratch::new();
    // A target of 1e155: the path is fine, its cross-validated squared errors are not.
    let mut csv = String::from("a,b,y\n");
    for i in 0..30 {
        let (a, b) = ((i as f64 * 0.37).sin(), (i as f64 * 1.3).cos());
        csv += &format!("{a},{b},{:e}\n", (a + 0.5 * b + 0.1 * (i % 3) as f64) * 1e155);
    }
    let data = scratch.file("big.csv", &csv);
    let (out, stats) = (scratch.path("o.csv"), scratch.path("s.csv"));
    let output = regscope(&[
        "path",
        "--data",
        data.to_str().unwrap(),
        "--cv",
        "5",
        "--out",
        out.to_str().unwrap(),
        "--stats",
        stats.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--cv"), "{}", stderr(&output));
    assert!(!out.exists() && !stats.exists(), "nothing is written by a refused run");
}

#[test]
fn ridge_refuses_a_lambda_min_ratio_and_tol_must_be_below_one() {
    let data = fixture("small.csv");
    let args = ["path", "--data", data.to_str().unwrap(), "--out", "-"];
    let output = regscope(&[&args[..], &["--penalty", "ridge", "--lambda-min-ratio", "0.5"]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--lambda-min-ratio goes with --penalty lasso or enet"));
    for tol in ["1", "inf", "NaN"] {
        let output = regscope(&[&args[..], &["--tol", tol]].concat());
        assert_eq!(output.status.code(), Some(2), "--tol {tol}");
        assert!(stderr(&output).contains("must lie in (0, 1)"), "{}", stderr(&output));
    }
}

/// New data that cannot be made (here: seed 6's training rows leave the target unrelated to every
/// feature) keeps the old data, and the settings say so: the seed shown stays, and later keys still
/// move the models (before, every later key retried the rejected seed and was lost).
#[test]
fn a_rejected_reseed_keeps_the_old_data_and_later_keys_still_work() {
    let scratch = Scratch::new();
    let data = scratch.file("rv8.csv", "a,b,y\n0.09470803828730423,1.2500243810835503,5.0\n-0.931378367720707,0.9923772805192402,0.0\n-0.25915453769343405,-0.26151098398117395,0.0\n1.8997252784647571,0.1575370716337192,0.0\n-0.042924253792244314,0.7294984864356091,0.0\n1.1268539623838552,-0.030843275034930208,0.0\n0.5879937451803643,-0.9737243574656976,0.0\n-0.3667904699805292,-0.4381250344027819,0.0\n-1.3322831645911484,-1.5085141271610722,0.0\n-1.6269127299570283,-0.23865285544380352,0.0\n");
    let data = data.to_str().unwrap();
    let frame = |keys: &str| {
        let output = regscope(&[
            "snapshot", "--data", data, "--seed", "5", "--epochs", "5", "--keys", keys,
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = String::from_utf8(output.stdout).unwrap();
        text.lines().rev().take(2).collect::<Vec<_>>().join("\n")
    };
    let refused = regscope(&["snapshot", "--data", data, "--seed", "6"]);
    assert_eq!(refused.status.code(), Some(2), "seed 6 cannot be made");
    assert!(stderr(&refused).contains("no feature is correlated with the target"));
    let after_r = frame("r End s s s s s s s s s s");
    let without_r = frame("End s s s s s s s s s s");
    assert!(after_r.contains("seed 5"), "{after_r}");
    assert_eq!(
        after_r, without_r,
        "the models moved to the smallest lambda as if r had not been pressed"
    );
}

/// Scrolling the weights past the end stops at the last feature, so as many `[` as there were useful
/// `]` bring the first one back, headless as in the explorer (snapshot draws between keys, and the
/// frame tells the screen how many rows fit).
#[test]
fn snapshot_scrolling_past_the_end_is_undone_by_as_many_presses_back() {
    let keys = [vec!["]"; 20], vec!["["; 6]].concat().join(" ");
    let output = regscope(&["snapshot", "--size", "120x40", "--keys", &keys]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let frame = String::from_utf8(output.stdout).unwrap();
    // 34 rows fit at 120x40 and the sparse scenario has 40 features: 6 presses scroll to the end.
    assert!(frame.contains("features 1-34 of 40"), "{frame}");
}
