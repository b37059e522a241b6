//! Every solver against the exact reference solutions in tests/fixtures (copied from
//! ../shared/reference): the standardization, the lambda grid, and the coefficients at every lambda on
//! both scales, within 1e-6 of the largest reference coefficient.

mod common;
use common::{fixture, max_rel_diff, read_table};
use regscope::data::{load_csv, Standardized};
use regscope::fit::{self, kkt::relative_kkt_violation, CdOptions, UpdateRule};

const TOLERANCE: f64 = 1e-6;
const CASES: [&str; 3] = ["tiny", "small", "diabetes"];
const PENALTIES: [(&str, f64); 3] = [("lasso", 1.0), ("enet0.5", 0.5), ("ridge", 0.0)];

fn standardized(case: &str) -> Standardized {
    let data = load_csv(&fixture(&format!("{case}.csv")), None).unwrap();
    Standardized::new(&data.x, &data.y)
}

fn tight() -> CdOptions {
    CdOptions {
        tol: 1e-14,
        ..CdOptions::default()
    }
}

#[test]
fn standardization_matches_the_reference_means_and_population_stds() {
    for case in CASES {
        let s = standardized(case);
        let text = std::fs::read_to_string(fixture(&format!("{case}_standardization.csv"))).unwrap();
        // Rows `column,mean,std_pop`: the features in order, then the target.
        for (j, line) in text.lines().skip(1).take(s.x_mean.len()).enumerate() {
            let fields: Vec<f64> = line.split(',').skip(1).map(|v| v.parse().unwrap()).collect();
            assert!(
                (s.x_mean[j] - fields[0]).abs() <= 1e-12 * fields[0].abs().max(1.0),
                "{case} mean {j}"
            );
            assert!((s.x_scale[j] - fields[1]).abs() <= 1e-12 * fields[1], "{case} std {j}");
        }
    }
}

#[test]
fn default_grids_match_the_reference_lambdas() {
    for case in CASES {
        let s = standardized(case);
        // The lasso and elastic-net grids are the reference's; its ridge grid (1e3 to 1e-3 times the
        // lasso's lambda_max) grows with |y| and is only a fixture convention, passed explicitly below.
        for (penalty, l1_ratio) in &PENALTIES[..2] {
            let (_, rows) = read_table(&format!("{case}_{penalty}_path.csv"));
            let grid = fit::default_grid(&s, *l1_ratio, 100, 1e-3);
            for (ours, row) in grid.iter().zip(&rows) {
                assert!(
                    (ours / row[0] - 1.0).abs() < 1e-12,
                    "{case} {penalty}: {ours} vs {}",
                    row[0]
                );
            }
        }
    }
}

#[test]
fn the_ridge_grid_spans_the_spectrum_of_the_features() {
    for case in CASES {
        let s = standardized(case);
        let grid = fit::default_grid(&s, 0.0, 100, 1e-3);
        // The exact largest eigenvalue of X^T X / n, from the ridge solver's decomposition.
        let solver = fit::RidgeSolver::new(&s.x, &s.y).unwrap();
        // df(lambda) = sum e_i / (e_i + n lambda): at the top of the grid (1e3 e1) under p / 1000, and at
        // the bottom (1e-3 e1) the leading direction is kept whole (df above 1 - 1e-3).
        let p = s.x.ncols() as f64;
        assert!(solver.degrees_of_freedom(grid[0]) < p / 1000.0 * (1.0 + 1e-9), "{case}");
        assert!(solver.degrees_of_freedom(grid[99]) > 1.0 - 1e-3, "{case}");
        let e1 = fit::grid::largest_eigenvalue(&s.x);
        assert!((grid[0] / (1e3 * e1) - 1.0).abs() < 1e-12 && (grid[99] / (1e-3 * e1) - 1.0).abs() < 1e-12);
        assert!(
            e1 > 0.0 && e1 <= p + 1e-9,
            "{case}: the largest eigenvalue is at most the trace p"
        );
    }
}

fn check_paths(rule: UpdateRule) {
    for case in CASES {
        let s = standardized(case);
        for (penalty, l1_ratio) in PENALTIES {
            let (_, reference) = read_table(&format!("{case}_{penalty}_path.csv"));
            let (_, reference_orig) = read_table(&format!("{case}_{penalty}_path_orig.csv"));
            let lambdas: Vec<f64> = reference.iter().map(|r| r[0]).collect();
            let options = CdOptions { rule, ..tight() };
            let path = fit::fit_path(&s, &lambdas, l1_ratio, &options).unwrap();
            let mut worst = (0.0f64, 0.0f64);
            for (i, w) in path.coefs.iter().enumerate() {
                let standardized_err = max_rel_diff(w, &reference[i][1..]);
                let (intercept, beta) = s.to_original(w);
                let ours_orig: Vec<f64> = std::iter::once(intercept).chain(beta).collect();
                let original_err = max_rel_diff(&ours_orig[1..], &reference_orig[i][2..]);
                let intercept_err = (intercept - reference_orig[i][1]).abs() / reference_orig[i][1].abs().max(1.0);
                assert!(
                    standardized_err <= TOLERANCE,
                    "{case} {penalty} row {i}: {standardized_err:e}"
                );
                assert!(
                    original_err <= TOLERANCE,
                    "{case} {penalty} row {i} (original units): {original_err:e}"
                );
                assert!(
                    intercept_err <= TOLERANCE,
                    "{case} {penalty} row {i} intercept: {intercept_err:e}"
                );
                worst = (worst.0.max(standardized_err), worst.1.max(original_err));
            }
            eprintln!(
                "{case} {penalty} ({rule:?}): worst coefficient error {:.2e} (standardized), {:.2e} (original)",
                worst.0, worst.1
            );
        }
    }
}

#[test]
fn paths_match_the_reference_with_covariance_updates() {
    check_paths(UpdateRule::Covariance);
}

#[test]
fn paths_match_the_reference_with_naive_updates() {
    check_paths(UpdateRule::Naive);
}

#[test]
fn every_solution_satisfies_its_optimality_conditions() {
    for case in CASES {
        let s = standardized(case);
        for (penalty, l1_ratio) in PENALTIES {
            let lambdas = fit::default_grid(&s, l1_ratio, 100, 1e-3);
            let path = fit::fit_path(&s, &lambdas, l1_ratio, &tight()).unwrap();
            for (w, &lambda) in path.coefs.iter().zip(&lambdas) {
                let kkt = relative_kkt_violation(&s.x, &s.y, w, lambda, l1_ratio);
                assert!(kkt < 1e-6, "{case} {penalty} lambda {lambda}: KKT violation {kkt:e}");
            }
            assert!(
                path.max_rel_gap() <= 1e-13,
                "{case} {penalty}: gap {:e}",
                path.max_rel_gap()
            );
        }
    }
}

#[test]
fn ridge_degrees_of_freedom_match_the_reference() {
    for case in CASES {
        let s = standardized(case);
        let (_, check) = read_table(&format!("{case}_ridge_path_check.csv"));
        let solver = fit::RidgeSolver::new(&s.x, &s.y).unwrap();
        for row in &check {
            let dof = solver.degrees_of_freedom(row[0]);
            assert!(
                (dof - row[3]).abs() <= 1e-9 * row[3].max(1.0),
                "{case} lambda {}: {dof} vs {}",
                row[0],
                row[3]
            );
        }
    }
}
