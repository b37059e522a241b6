//! Units must not matter: a feature column or the target multiplied by `10^k`, for `k` from -300 to 300,
//! gives the same fits (the column's coefficient divided by `10^k` in the data's units; every
//! coefficient times `10^k` when the target is scaled), for the lasso, ridge and the elastic net, on the
//! default grids. Before, standardization squared raw values (a column of 1e155 overflowed to a zero
//! coefficient, one of 1e-160 underflowed to "constant"), the duality gap squared the target (a target
//! of 1e155 was "converged" after one sweep) and the ridge grid grew with `|y|`.

use proptest::prelude::*;
use regscope::data::{Matrix, Standardized};
use regscope::fit::{self, CdOptions, Path};

const PENALTIES: [f64; 3] = [1.0, 0.5, 0.0];

/// A small dataset with correlated features and a sparse truth.
fn dataset(seed: u64) -> (Matrix, Vec<f64>) {
    let spec = regscope::data::SyntheticSpec {
        n: 60,
        p: 8,
        k: 3,
        rho: 0.5,
        noise: regscope::data::Noise::Snr(3.0),
        pattern: regscope::data::Pattern::SparseStrong,
        validation_fraction: 0.0,
        seed,
    };
    let d = regscope::data::generate(&spec).dataset;
    (d.x, d.y)
}

/// Solved far past the usual tolerance. The duality gap bounds the objective, and coefficients only to
/// about its square root: where a feature is about to enter, two solves of data that differ by rounding
/// (10^k is not a power of two) were measured up to 1.2e-8 apart with both gaps below 1e-15 (about the
/// square root of the gap). So coefficients are compared to [`AGREE`], ten times tighter than the
/// reference tests' 1e-6 and far below what an overflow or underflow does (a coefficient of 0, or 70%
/// off).
fn options() -> CdOptions {
    CdOptions {
        tol: 1e-15,
        max_sweeps: 20_000,
        ..CdOptions::default()
    }
}

/// How closely coefficient paths of the same problem in other units must agree (see [`options`]).
const AGREE: f64 = 1e-7;

/// The default-grid path of mix `l1_ratio`, as `regscope path` computes it.
fn path(x: &Matrix, y: &[f64], l1_ratio: f64) -> (Standardized, Path) {
    let s = Standardized::new(x, y);
    let lambdas = fit::default_grid(&s, l1_ratio, 30, 1e-3);
    let path = fit::fit_path_glmnet(&s, &lambdas, l1_ratio, &options()).unwrap();
    (s, path)
}

/// `max |a - b| / max |b|` over two paths' coefficient rows (the largest coefficient anywhere on the path
/// sets the scale: near lambda_max a row's only nonzero can be 1e-5, solved to the same absolute accuracy).
fn relative_difference(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    let scale = b.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let diff = a
        .iter()
        .zip(b)
        .flat_map(|(ra, rb)| ra.iter().zip(rb))
        .fold(0.0f64, |m, (u, v)| m.max((u - v).abs()));
    if scale > 0.0 {
        diff / scale
    } else {
        diff
    }
}

fn times(factor: f64, values: &[f64]) -> Vec<f64> {
    values.iter().map(|v| v * factor).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn a_column_in_other_units_gets_the_same_fit(k in -300i32..=300, column in 0usize..8, seed in 1u64..1000) {
        let (x, y) = dataset(seed);
        let factor = 10f64.powi(k);
        let mut scaled = x.clone();
        scaled.col_mut(column).iter_mut().for_each(|v| *v *= factor);
        for l1_ratio in PENALTIES {
            let (s0, p0) = path(&x, &y, l1_ratio);
            let (s1, p1) = path(&scaled, &y, l1_ratio);
            prop_assert!(s1.x_scale[column] > 0.0, "the column must not be taken for a constant one");
            let standardized = relative_difference(&p1.coefs, &p0.coefs);
            prop_assert!(standardized < AGREE, "mix {l1_ratio}, 10^{k}: standardized coefficients differ by {standardized:e}");
            for (l1, l0) in p1.lambdas.iter().zip(&p0.lambdas) {
                prop_assert!((l1 / l0 - 1.0).abs() < 1e-12, "the grid moved");
            }
            // In the data's units the column's coefficient is divided by the factor, the rest unchanged.
            let original = |s: &Standardized, p: &Path, undo: f64| -> Vec<Vec<f64>> {
                p.coefs.iter().map(|w| {
                    let (intercept, mut beta) = s.to_original(w);
                    beta[column] *= undo;
                    std::iter::once(intercept).chain(beta).collect()
                }).collect()
            };
            let d = relative_difference(&original(&s1, &p1, factor), &original(&s0, &p0, 1.0));
            prop_assert!(d < AGREE, "mix {l1_ratio}, 10^{k}: original-scale coefficients differ by {d:e}");
        }
    }

    #[test]
    fn a_target_in_other_units_scales_every_coefficient(k in -300i32..=300, seed in 1u64..1000) {
        let (x, y) = dataset(seed);
        let factor = 10f64.powi(k);
        for l1_ratio in PENALTIES {
            let (s0, p0) = path(&x, &y, l1_ratio);
            let (s1, p1) = path(&x, &times(factor, &y), l1_ratio);
            let expected: Vec<Vec<f64>> = p0.coefs.iter().map(|w| times(factor, w)).collect();
            let d = relative_difference(&p1.coefs, &expected);
            prop_assert!(d < AGREE, "mix {l1_ratio}, 10^{k}: coefficients differ by {d:e}");
            prop_assert!(p1.convergence.iter().all(|c| c.rel_gap <= 1e-14), "every lambda certified");
            // The same nonzeros at every lambda: the grid moved with the target (ridge's did not need to).
            for i in 0..p0.coefs.len() {
                prop_assert_eq!(p0.nnz(i), p1.nnz(i));
            }
            let (i0, b0) = s0.to_original(&p0.coefs[10]);
            let (i1, b1) = s1.to_original(&p1.coefs[10]);
            prop_assert!((i1 / factor - i0).abs() <= AGREE * i0.abs().max(1.0));
            prop_assert!(relative_difference(&[b1], &[times(factor, &b0)]) < AGREE);
        }
    }
}

#[test]
fn the_ridge_grid_depends_on_the_features_alone() {
    let (x, y) = dataset(3);
    let grid = |y: &[f64]| fit::default_grid(&Standardized::new(&x, y), 0.0, 100, 1e-3);
    assert_eq!(grid(&y), grid(&times(1e12, &y)));
    // From 1e3 to 1e-3 times the largest eigenvalue of X^T X / n.
    let e1 = fit::grid::largest_eigenvalue(&Standardized::new(&x, &y).x);
    let g = grid(&y);
    assert!((g[0] / (1e3 * e1) - 1.0).abs() < 1e-12 && (g[99] / (1e-3 * e1) - 1.0).abs() < 1e-12);
}

#[test]
fn extreme_and_subnormal_columns_are_standardized_not_dropped() {
    let (x, y) = dataset(5);
    for factor in [1e300, 1e-300, 1e-310] {
        let mut scaled = x.clone();
        scaled.col_mut(0).iter_mut().for_each(|v| *v *= factor);
        let s = Standardized::new(&scaled, &y);
        let reference = Standardized::new(&x, &y);
        assert!(s.x_scale[0] > 0.0, "factor {factor:e}: not constant");
        let d = relative_difference(&[s.x.col(0).to_vec()], &[reference.x.col(0).to_vec()]);
        // Subnormal values keep fewer significant bits: 1e-310 has about 44 of 52.
        let tolerance = if factor < 1e-300 { 1e-10 } else { 1e-14 };
        assert!(d < tolerance, "factor {factor:e}: standardized column differs by {d:e}");
    }
}

#[test]
fn a_target_near_the_top_of_f64_is_solved_not_declared_converged() {
    let (x, y) = dataset(7);
    let (_, p0) = path(&x, &y, 1.0);
    let (_, p1) = path(&x, &times(1e155, &y), 1.0);
    let expected: Vec<Vec<f64>> = p0.coefs.iter().map(|w| times(1e155, w)).collect();
    assert!(relative_difference(&p1.coefs, &expected) < AGREE);
    // Real work was done: about as many sweeps as the unscaled problem took (not one per lambda).
    let sweeps = |p: &Path| p.convergence.iter().map(|c| c.sweeps).sum::<usize>() as f64;
    assert!(
        (sweeps(&p1) / sweeps(&p0) - 1.0).abs() < 0.2,
        "{} vs {}",
        sweeps(&p1),
        sweeps(&p0)
    );
    assert!(p1.convergence.iter().all(|c| c.rel_gap <= 1e-14));
}

// ---- The same through `regscope path`, on files ----

mod cli {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// Writes `tiny.csv` (50 x 10, from the reference fixtures) with column `column` (or the target, for
    /// `None`) multiplied by `factor`, formatted as Rust prints f64 (round-trip).
    fn scaled_tiny(dir: &Path, column: Option<usize>, factor: f64) -> PathBuf {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.csv")).unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines.filter(|l| !l.is_empty()) {
            let mut cells: Vec<f64> = line.split(',').map(|c| c.parse().unwrap()).collect();
            let j = column.unwrap_or(cells.len() - 1);
            cells[j] *= factor;
            out += &cells.iter().map(|v| format!("{v:e}")).collect::<Vec<_>>().join(",");
            out.push('\n');
        }
        let path = dir.join(format!("tiny_{column:?}_{factor:e}.csv"));
        std::fs::write(&path, out).unwrap();
        path
    }

    /// `regscope path` on `data` with `extra` flags: (status, rows of the output CSV, stderr).
    fn path(data: &Path, extra: &[&str]) -> (i32, Vec<Vec<f64>>, String) {
        let out = data.with_extension("out.csv");
        let output = Command::new(env!("CARGO_BIN_EXE_regscope"))
            .args([
                "path",
                "--data",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--tol",
                "1e-14",
            ])
            .args(extra)
            .output()
            .unwrap();
        let rows = std::fs::read_to_string(&out)
            .map(|t| {
                t.lines()
                    .skip(1)
                    .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
                    .collect()
            })
            .unwrap_or_default();
        (
            output.status.code().unwrap(),
            rows,
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Every number within `1e-8` relative, or `1e-6` for the elastic net: its target is divided by
    /// its standard deviation, which `1e155` changes by a rounding, so the two runs are two problems a
    /// rounding apart, each solved to a relative suboptimality of 1e-14 (the tight certificate stops
    /// there), which bounds the coefficients only to about 1e-7 in the least curved directions.
    fn assert_rows_close(ours: &[Vec<f64>], expected: &[Vec<f64>], what: &str) {
        assert_eq!(ours.len(), expected.len(), "{what}");
        let rel = if what == "enet" { 1e-6 } else { 1e-8 };
        for (a, b) in ours.iter().zip(expected) {
            for (u, v) in a.iter().zip(b) {
                assert!(u.is_finite(), "{what}: {u}");
                assert!((u - v).abs() <= rel * v.abs().max(1e-300), "{what}: {u} vs {v}");
            }
        }
    }

    #[test]
    fn a_column_of_1e155_keeps_its_coefficient_in_original_units() {
        let dir = tempfile::tempdir().unwrap();
        for penalty in ["lasso", "enet", "ridge"] {
            let flags = ["--penalty", penalty, "--scale", "original", "--n-lambdas", "20"];
            let (code, plain, err) = path(&scaled_tiny(dir.path(), None, 1.0), &flags);
            assert_eq!(code, 0, "{err}");
            let (code, scaled, err) = path(&scaled_tiny(dir.path(), Some(2), 1e155), &flags);
            assert_eq!(code, 0, "{err}");
            // lambda, intercept, x0.. : x2's coefficient is divided by 1e155, nothing else changes.
            let expected: Vec<Vec<f64>> = plain
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r[2 + 2] /= 1e155;
                    r
                })
                .collect();
            assert_rows_close(&scaled, &expected, penalty);
            assert!(plain.iter().any(|r| r[4] != 0.0), "the column matters in the fit");
        }
    }

    #[test]
    fn a_target_of_1e155_is_fitted_in_its_units() {
        let dir = tempfile::tempdir().unwrap();
        for penalty in ["lasso", "enet", "ridge"] {
            let flags = ["--penalty", penalty, "--n-lambdas", "20"];
            let (_, plain, _) = path(&scaled_tiny(dir.path(), None, 1.0), &flags);
            let (code, scaled, err) = path(&scaled_tiny(dir.path(), None, 1e155), &flags);
            assert_eq!(code, 0, "{err}");
            // Every number of a row (lambda included, except ridge's, which depends on X alone) times 1e155.
            let expected: Vec<Vec<f64>> = plain
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(i, v)| if i == 0 && penalty == "ridge" { *v } else { v * 1e155 })
                        .collect()
                })
                .collect();
            assert_rows_close(&scaled, &expected, penalty);
        }
    }

    #[test]
    fn a_subnormal_column_cross_validates_like_the_plain_one() {
        let dir = tempfile::tempdir().unwrap();
        let flags = ["--cv", "5", "--folds-mod", "--n-lambdas", "20"];
        let (code, plain, err) = path(&scaled_tiny(dir.path(), None, 1.0), &flags);
        assert_eq!(code, 0, "{err}");
        let (code, tiny, err) = path(&scaled_tiny(dir.path(), Some(0), 1e-318), &flags);
        assert_eq!(code, 0, "{err}");
        // The last two columns are cv_mean and cv_se. Values of 1e-318 keep about 18 significant bits,
        // so the two agree to the data's own precision, not to the last digit.
        for (a, b) in tiny.iter().zip(&plain) {
            let (ours, theirs) = (a[a.len() - 2], b[b.len() - 2]);
            assert!((ours / theirs - 1.0).abs() < 1e-3, "cv_mean {ours} vs {theirs}");
        }
    }

    #[test]
    fn a_subnormal_column_in_original_units_is_refused_not_written_as_nan() {
        let dir = tempfile::tempdir().unwrap();
        let data = scaled_tiny(dir.path(), Some(0), 1e-318);
        let (code, _, err) = path(&data, &["--scale", "original"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("--scale original") && err.contains("x0"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        // On the standardized scale the same data is fine.
        let (code, rows, err) = path(&data, &[]);
        assert_eq!(code, 0, "{err}");
        assert!(rows.iter().flatten().all(|v| v.is_finite()));
    }
}

/// The explorer's four models, headless: a target in other units trains the same models (losses times
/// `c^2`, the chosen lambda times `c`). Before, a target in the 1e12 range left ridge and the elastic net
/// at the variance of y (the shared grid grew with |y|) and one near 1e200 diverged to inf.
#[test]
fn the_explorer_models_do_not_depend_on_the_targets_units() {
    let dir = tempfile::tempdir().unwrap();
    let regscope = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_regscope"))
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let plain = dir.path().join("plain.csv");
    let (code, _, err) = regscope(&[
        "generate",
        "--scenario",
        "sparse",
        "--seed",
        "7",
        "--out",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let scaled_file = |factor: f64| {
        let text = std::fs::read_to_string(&plain).unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines {
            let (features, y) = line.rsplit_once(',').unwrap();
            out += &format!("{features},{:e}\n", y.parse::<f64>().unwrap() * factor);
        }
        let path = dir.path().join(format!("y{factor:e}.csv"));
        std::fs::write(&path, out).unwrap();
        path
    };
    let train = |data: &std::path::Path| -> Vec<Vec<f64>> {
        let (code, out, err) = regscope(&[
            "train",
            "--data",
            data.to_str().unwrap(),
            "--epochs",
            "200",
            "--out",
            "-",
        ]);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .skip(1)
            .map(|l| l.split(',').skip(1).map(|c| c.parse().unwrap()).collect())
            .collect()
    };
    let base = train(&plain);
    let big = train(&scaled_file(1e12));
    assert_eq!(base.len(), big.len());
    for (a, b) in base.iter().zip(&big) {
        // epoch, then train_loss, val_loss, penalty, train_mse, val_mse: squared units.
        assert_eq!(a[0], b[0]);
        for (u, v) in a[1..].iter().zip(&b[1..]) {
            assert!((v / 1e24 - u).abs() <= 1e-9 * u.abs().max(1e-12), "{u} vs {v} / 1e24");
        }
    }
    let (code, _, err) = regscope(&["train", "--data", scaled_file(1e200).to_str().unwrap(), "--out", "-"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("y1e200.csv") && err.contains("rescale the target"),
        "{err}"
    );
}
