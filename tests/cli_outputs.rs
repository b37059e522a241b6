//! What the command line writes, as a user might abuse it: an output that is the input, two outputs in
//! one file, a failure half-way, a missing folder, a closed or broken standard output, and refused runs
//! that must leave nothing behind.

mod common;
use common::cli::{refused, regscope, stderr, Scratch};
use common::fixture;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// A copy of the `tiny.csv` fixture in `scratch`, to be (not) overwritten.
fn tiny_copy(scratch: &Scratch, name: &str) -> (PathBuf, Vec<u8>) {
    let bytes = std::fs::read(fixture("tiny.csv")).unwrap();
    let path = scratch.path(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}
