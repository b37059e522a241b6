//! Penalized logistic regression: the KKT conditions hold at every lambda on random problems (checked
//! here with the test's own gradient), the path agrees with scikit-learn's `LogisticRegression` on a
//! committed fixture, separable data stops the path instead of chasing infinity, and `regscope path
//! --family binomial` reads two classes and refuses a third with its line and column.

mod common;

use common::cli::{refused, regscope, stderr, Scratch};
use common::{fixture, read_table};
use proptest::prelude::*;
use regscope::data::Standardized;
use regscope::fit::logistic::{cross_validate_binomial, default_grid, logistic_path, LogisticOptions};
use regscope::linalg::Matrix;

/// `1 / (1 + e^-t)`, written out here rather than taken from the solver.
fn probability(t: f64) -> f64 {
    1.0 / (1.0 + (-t).exp())
}

/// The KKT residual of `(b, w)` at `lambda`, relative to the null gradient: the test's own reading of
/// the optimality conditions of `(1/n) sum log-loss + lambda (a |w|_1 + (1 - a)/2 |w|^2)`.
fn relative_kkt(x: &Matrix, y: &[f64], b: f64, w: &[f64], lambda: f64, a: f64) -> f64 {
    let (n, p) = (x.nrows(), x.ncols());
    let errors: Vec<f64> = (0..n)
        .map(|i| {
            let eta = b + (0..p).map(|j| x.get(i, j) * w[j]).sum::<f64>();
            probability(eta) - y[i]
        })
        .collect();
    let mean_y = y.iter().sum::<f64>() / n as f64;
    let column_dot = |j: usize, v: &[f64]| (0..n).map(|i| x.get(i, j) * v[i]).sum::<f64>() / n as f64;
    let centred: Vec<f64> = y.iter().map(|v| v - mean_y).collect();
    let scale = (0..p).map(|j| column_dot(j, &centred).abs()).fold(0.0, f64::max);
    let mut worst = (errors.iter().sum::<f64>() / n as f64).abs();
    for (j, &wj) in w.iter().enumerate() {
        let g = column_dot(j, &errors) + lambda * (1.0 - a) * wj;
        let r = if wj != 0.0 {
            (g + lambda * a * wj.signum()).abs()
        } else {
            (g.abs() - lambda * a).max(0.0)
        };
        worst = worst.max(r);
    }
    worst / scale
}

/// Standardized random features and labels drawn from a logistic model with a few nonzero weights.
fn problem(n: usize, p: usize, seed: u64, strength: f64) -> (Matrix, Vec<f64>) {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut uniform = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let columns: Vec<Vec<f64>> = (0..p)
        .map(|_| (0..n).map(|_| 2.0 * uniform() - 1.0).collect())
        .collect();
    let x = Matrix::from_columns(n, &columns);
    let y: Vec<f64> = (0..n)
        .map(|i| {
            let eta = strength * (x.get(i, 0) - 0.5 * x.get(i, p - 1));
            if uniform() < probability(eta) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    (Standardized::new(&x, &y).x, y)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn every_lambda_meets_its_optimality_conditions(
        n in 20usize..60, p in 2usize..90, seed in 0u64..1000, mix in 0usize..3,
    ) {
        let (x, y) = problem(n, p, seed, 2.0);
        prop_assume!(y.contains(&1.0) && y.contains(&0.0));
        let a = [1.0, 0.5, 0.0][mix];
        let lambdas = default_grid(&x, &y, a, 20);
        let path = logistic_path(&x, &y, &lambdas, a, &LogisticOptions::default()).unwrap();
        // A path stops early only where the classes are (nearly) separated.
        prop_assert!(!path.stopped_early() || path.deviance_ratio.last().unwrap() > &0.999);
        for i in 0..path.lambdas.len() {
            let kkt = relative_kkt(&x, &y, path.intercepts[i], &path.coefs[i], path.lambdas[i], a);
            prop_assert!(kkt <= 1e-7, "lambda {} (a {a}): relative KKT {kkt:e}", path.lambdas[i]);
        }
    }
}

#[test]
fn the_path_agrees_with_scikit_learn_on_the_fixture() {
    let (header, rows) = read_table("binomial/data.csv");
    let p = header.len() - 1;
    let columns: Vec<Vec<f64>> = (0..p).map(|j| rows.iter().map(|r| r[j]).collect()).collect();
    let y: Vec<f64> = rows.iter().map(|r| r[p]).collect();
    let x = Standardized::new(&Matrix::from_columns(rows.len(), &columns), &y).x;
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("binomial/reference.json")).unwrap()).unwrap();
    for case in reference["cases"].as_array().unwrap() {
        let a = case["l1_ratio"].as_f64().unwrap();
        let lambda = case["lambda"].as_f64().unwrap();
        let options = LogisticOptions {
            tol: 1e-12,
            ..LogisticOptions::default()
        };
        let path = logistic_path(&x, &y, &[lambda], a, &options).unwrap();
        let theirs: Vec<f64> = serde_json::from_value(case["coef"].clone()).unwrap();
        let intercept = case["intercept"].as_f64().unwrap();
        let worst = path.coefs[0]
            .iter()
            .zip(&theirs)
            .map(|(a, b)| (a - b).abs())
            .fold((path.intercepts[0] - intercept).abs(), f64::max);
        assert!(worst < 1e-6, "{} at λ {lambda}: differs by {worst:e}", case["penalty"]);
        // The lasso's zeros are scikit-learn's zeros.
        if a == 1.0 {
            for (ours, theirs) in path.coefs[0].iter().zip(&theirs) {
                assert_eq!(*ours == 0.0, theirs.abs() < 1e-9, "{ours} vs {theirs}");
            }
        }
    }
}

#[test]
fn separable_classes_stop_the_path_with_finite_weights() {
    // Label = x0 > 0: perfectly separable, the unpenalized optimum is at infinity.
    let x0: Vec<f64> = (0..40).map(|i| i as f64 - 19.5).collect();
    let x1: Vec<f64> = (0..40).map(|i| ((i * 7) % 11) as f64).collect();
    let y: Vec<f64> = x0.iter().map(|&v| if v > 0.0 { 1.0 } else { 0.0 }).collect();
    let x = Standardized::new(&Matrix::from_columns(40, &[x0, x1]), &y).x;
    let lambdas = default_grid(&x, &y, 1.0, 100);
    let path = logistic_path(&x, &y, &lambdas, 1.0, &LogisticOptions::default()).unwrap();
    assert!(path.stopped_early(), "stopped after {} of 100", path.lambdas.len());
    assert!(path.deviance_ratio.last().unwrap() > &0.999);
    assert!(path.coefs.iter().flatten().all(|w| w.is_finite()));
    assert!(path.max_kkt() <= 1e-8, "{}", path.max_kkt());
}

#[test]
fn path_family_binomial_writes_the_intercept_and_reads_two_classes() {
    let scratch = Scratch::new();
    let out = scratch.path("path.csv");
    let data = fixture("binomial/data.csv");
    let run = regscope(&[
        "path",
        "--family",
        "binomial",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("lambda,intercept,x0,"), "{}", &text[..40]);
    assert!(stderr(&run).contains("family=binomial"), "{}", stderr(&run));
    // Two other values are taken in sorted order, and said so.
    let coded = scratch.file("coded.csv", "a,label\n1,7\n2,3\n3,7\n-1,3\n0.5,3\n");
    let run = regscope(&[
        "path",
        "--family",
        "binomial",
        "--data",
        coded.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("0 = 3, 1 = 7"), "{}", stderr(&run));
    // A third class is refused with its line and column.
    // (A blank line is skipped by the reader, and counted in the line named.)
    let three = scratch.file("three.csv", "a,label\n1,0\n\n2,1\n3,2\n");
    let message = refused(&[
        "path",
        "--family",
        "binomial",
        "--data",
        three.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert!(
        message.contains("line 5, column 2 (\"label\")") && message.contains("third class"),
        "{message}"
    );
    let one = scratch.file("one.csv", "a,label\n1,1\n2,1\n3,1\n");
    assert!(refused(&[
        "path",
        "--family",
        "binomial",
        "--data",
        one.to_str().unwrap(),
        "--out",
        "-"
    ])
    .contains("constant"));
    assert!(refused(&[
        "path",
        "--family",
        "binomial",
        "--rule",
        "naive",
        "--data",
        data.to_str().unwrap(),
        "--out",
        "-"
    ])
    .contains("--rule"));
}

#[test]
fn cross_validation_scores_each_held_out_fold_by_deviance_and_error() {
    let (header, rows) = read_table("binomial/data.csv");
    let p = header.len() - 1;
    let columns: Vec<Vec<f64>> = (0..p).map(|j| rows.iter().map(|r| r[j]).collect()).collect();
    let x = Matrix::from_columns(rows.len(), &columns);
    let y: Vec<f64> = rows.iter().map(|r| r[p]).collect();
    let lambdas = default_grid(&Standardized::new(&x, &y).x, &y, 1.0, 30);
    let k = 4;
    let folds: Vec<usize> = (0..rows.len()).map(|i| i % k).collect();
    let options = LogisticOptions::default();
    let cv = cross_validate_binomial(&x, &y, &lambdas, 1.0, &folds, k, &options).unwrap();
    assert_eq!(cv.lambdas, 30);
    // Fold 2 at lambda 10, scored here: trained on the other rows standardized on their own, the
    // held-out rows put on the training fold's scale, -2 log-likelihood per row and the wrong side of 1/2.
    let (f, i) = (2, 10);
    let train: Vec<usize> = (0..rows.len()).filter(|r| r % k != f).collect();
    let test: Vec<usize> = (0..rows.len()).filter(|r| r % k == f).collect();
    let train_y: Vec<f64> = train.iter().map(|&r| y[r]).collect();
    let standardized = Standardized::new(&x.select_rows(&train), &train_y);
    let path = logistic_path(&standardized.x, &train_y, &lambdas, 1.0, &options).unwrap();
    let (test_x, _) = standardized.transform(&x.select_rows(&test), &[]);
    let (mut deviance, mut wrong) = (0.0, 0.0);
    for (row, &r) in test.iter().enumerate() {
        let eta = path.intercepts[i] + (0..p).map(|j| test_x.get(row, j) * path.coefs[i][j]).sum::<f64>();
        let q = probability(eta);
        deviance += -2.0 * (y[r] * q.ln() + (1.0 - y[r]) * (1.0 - q).ln());
        wrong += f64::from(u8::from((q > 0.5) != (y[r] == 1.0)));
    }
    let held = test.len() as f64;
    assert!((cv.deviance.fold_mse[f][i] - deviance / held).abs() < 1e-12);
    assert!((cv.misclassification.fold_mse[f][i] - wrong / held).abs() < 1e-12);
}

#[test]
fn path_family_binomial_cross_validates_with_deviance_and_error_columns() {
    let data = fixture("binomial/data.csv");
    let run = regscope(&[
        "path",
        "--family",
        "binomial",
        "--cv",
        "5",
        "--data",
        data.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout.clone()).unwrap();
    assert!(text
        .lines()
        .next()
        .unwrap()
        .ends_with(",cv_deviance,cv_deviance_se,cv_error,cv_error_se"));
    assert!(
        stderr(&run).contains("lambda_min=") && stderr(&run).contains("lambda_1se="),
        "{}",
        stderr(&run)
    );
}

#[test]
fn generate_family_binomial_draws_seeded_labels_from_the_sparse_truth() {
    let scratch = Scratch::new();
    let (a, b, truth) = (scratch.path("a.csv"), scratch.path("b.csv"), scratch.path("t.csv"));
    for out in [&a, &b] {
        let run = regscope(&[
            "generate",
            "--family",
            "binomial",
            "--separation",
            "3",
            "--seed",
            "4",
            "--out",
            out.to_str().unwrap(),
            "--truth",
            truth.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(
            stderr(&run).contains("family=binomial separation=3"),
            "{}",
            stderr(&run)
        );
    }
    let text = std::fs::read_to_string(&a).unwrap();
    assert_eq!(text, std::fs::read_to_string(&b).unwrap(), "same seed, same file");
    let labels: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(labels.iter().all(|&l| l == 0.0 || l == 1.0) && labels.contains(&0.0) && labels.contains(&1.0));
    // The truth written is the logistic model's: the scenario's coefficients times the separation.
    let plain = scratch.path("plain_truth.csv");
    let run = regscope(&[
        "generate",
        "--seed",
        "4",
        "--out",
        scratch.path("g.csv").to_str().unwrap(),
        "--truth",
        plain.to_str().unwrap(),
    ]);
    assert!(run.status.success());
    let betas = |p: &std::path::Path| -> Vec<f64> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
            .collect()
    };
    for (t, g) in betas(&truth).iter().zip(betas(&plain)) {
        assert_eq!(*t, 3.0 * g);
    }
    assert!(refused(&["generate", "--family", "binomial", "--sigma", "1", "--out", "-"]).contains("--separation"));
    assert!(refused(&[
        "generate",
        "--family",
        "binomial",
        "--scenario",
        "diabetes",
        "--out",
        "-"
    ])
    .contains("real dataset"));
    assert!(
        refused(&["generate", "--family", "binomial", "--separation", "-1", "--out", "-"]).contains("--separation")
    );
}

#[test]
fn the_data_units_give_the_same_linear_predictor_and_stats_report_each_lambda() {
    let scratch = Scratch::new();
    let data = fixture("binomial/data.csv");
    let (standardized, original, stats) = (scratch.path("s.csv"), scratch.path("o.csv"), scratch.path("st.csv"));
    for (out, scale) in [(&standardized, "standardized"), (&original, "original")] {
        let mut args = vec!["path", "--family", "binomial", "--n-lambdas", "20", "--scale", scale];
        args.extend(["--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        args.extend(["--stats", stats.to_str().unwrap()]);
        let run = regscope(&args);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let (_, rows) = read_table("binomial/data.csv");
    let p = rows[0].len() - 1;
    let columns: Vec<Vec<f64>> = (0..p).map(|j| rows.iter().map(|r| r[j]).collect()).collect();
    let y: Vec<f64> = rows.iter().map(|r| r[p]).collect();
    let z = Standardized::new(&Matrix::from_columns(rows.len(), &columns), &y).x;
    let read = |path: &std::path::Path| -> Vec<Vec<f64>> {
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
            .collect()
    };
    for (s, o) in read(&standardized).iter().zip(read(&original)) {
        for (i, row) in rows.iter().enumerate() {
            let raw = o[1] + (0..p).map(|j| o[2 + j] * row[j]).sum::<f64>();
            let scaled = s[1] + (0..p).map(|j| s[2 + j] * z.get(i, j)).sum::<f64>();
            assert!((raw - scaled).abs() < 1e-9, "row {i} at λ {}: {raw} vs {scaled}", s[0]);
        }
    }
    let text = std::fs::read_to_string(&stats).unwrap();
    assert!(text.starts_with("lambda,newton_steps,rel_kkt,converged,nonzeros,deviance_ratio\n"));
    assert_eq!(text.lines().count(), 21);
    assert!(
        text.lines().skip(1).all(|l| l.split(',').nth(3) == Some("true")),
        "{text}"
    );
}
