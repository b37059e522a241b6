//! Hostile arguments and outputs, as a user might give them: negative numbers, options that do not
//! apply or conflict, outputs that are inputs, closed standard output, absurd sizes, one-line usage
//! errors, and explorer state that a refused key must not corrupt.

mod common;
use common::cli::{refused, regscope, stderr, Scratch};
use common::fixture;
use std::path::Path;

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
fn a_mistyped_flag_is_answered_with_the_flag_meant_not_a_usage_line() {
    let err = stderr(&regscope(&["--sed", "3"]));
    assert!(err.contains("'--sed'") && err.contains("'--seed'"), "{err}");
    // clap's usage line after an unknown flag names whatever flag it thought similar, as if required.
    let err = stderr(&regscope(&["path", "--data", "x.csv", "--out", "-", "--bogus"]));
    assert!(err.contains("'--bogus'") && !err.contains("usage:"), "{err}");
    // A flag that needs another still gets the usage naming both.
    let err = stderr(&regscope(&["path", "--folds-mod", "--data", "x.csv", "--out", "-"]));
    assert!(
        err.contains("usage: regscope path") && err.contains("--cv <K>"),
        "{err}"
    );
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
        let output = regscope(&["snapshot", "--data", data, "--seed", "5", "--keys", keys]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = String::from_utf8(output.stdout).unwrap();
        text.lines().rev().take(3).collect::<Vec<_>>().join("\n")
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

/// Moving the weights' focused row past the end stops at the last feature, so as many `[` as there
/// were useful `]` bring the first row back into focus and into view, headless as in the explorer
/// (snapshot draws between keys, and the frame tells the screen how many rows fit).
#[test]
fn snapshot_scrolling_past_the_end_is_undone_by_as_many_presses_back() {
    let frame = |down: usize, up: usize| {
        let keys = [vec!["]"; down], vec!["["; up]].concat().join(" ");
        let output = regscope(&["snapshot", "--size", "120x40", "--keys", &keys]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    // The sparse scenario has 50 features: 49 presses reach the last one, more do nothing.
    let start = frame(0, 0);
    assert_eq!(frame(60, 49), start, "back at the first row");
    assert_ne!(frame(60, 48), start, "one row short of it");
}
