//! The factor's algebra on a known matrix, and the line against a direct solve.

use super::*;
use crate::fit::coordinate_descent::gradients::{Covariance, Naive};
use crate::linalg::{cholesky_solve, Matrix};

/// A symmetric positive definite matrix with some coupling: `a(i, j) = 0.5^|i - j|`, plus `i` on the
/// diagonal's scale so the entries differ.
fn a(i: usize, j: usize) -> f64 {
    0.5f64.powi((i as i32 - j as i32).abs()) * if i == j { 1.0 + i as f64 * 0.1 } else { 1.0 }
}

fn append(factor: &mut SupportFactor, j: usize) {
    let products: Vec<f64> = factor
        .features
        .iter()
        .chain(std::iter::once(&j))
        .map(|&i| a(i, j))
        .collect();
    assert!(factor.append(&[j], &[products], usize::MAX));
}

/// `L L^T` is the matrix of the factor's features, in its order, and the substitutions solve it.
fn assert_factors(factor: &SupportFactor) {
    let k = factor.features.len();
    let entry = |r: usize, c: usize| factor.l[c * factor.cap + r];
    for r in 0..k {
        assert!(entry(r, r) > 0.0, "row {r}: a positive diagonal");
        for c in 0..k {
            let llt: f64 = (0..=r.min(c)).map(|t| entry(r, t) * entry(c, t)).sum();
            let want = a(factor.features[r], factor.features[c]);
            assert!((llt - want).abs() < 1e-12, "({r}, {c}): {llt} vs {want}");
        }
    }
    let b: Vec<f64> = (0..k).map(|r| r as f64 - 1.5).collect();
    let mut x = b.clone();
    factor.substitute(&mut x, 1);
    for (r, &br) in b.iter().enumerate() {
        let ax: f64 = (0..k).map(|c| a(factor.features[r], factor.features[c]) * x[c]).sum();
        assert!((ax - br).abs() < 1e-10, "row {r}: {ax} vs {br}");
    }
}

#[test]
fn appending_and_removing_features_keeps_the_factor_of_the_remaining_ones() {
    let mut factor = SupportFactor::default();
    for j in [3, 0, 7, 1, 9, 4, 2] {
        append(&mut factor, j);
        assert_factors(&factor);
    }
    // First, middle and last positions, then append again after removals.
    for position in [0, 2, 4] {
        factor.remove(position);
        assert_factors(&factor);
    }
    for j in [5, 8] {
        append(&mut factor, j);
        assert_factors(&factor);
    }
    assert_eq!(factor.features, vec![0, 7, 9, 4, 5, 8]);
}

/// The products [`SupportFactor::append`] takes for `batch` after the factor's features.
fn batch_products(factor: &SupportFactor, batch: &[usize]) -> Vec<Vec<f64>> {
    let mut known = factor.features.clone();
    batch
        .iter()
        .map(|&j| {
            known.push(j);
            known.iter().map(|&i| a(i, j)).collect()
        })
        .collect()
}

#[test]
fn features_appended_together_factor_as_if_appended_one_by_one() {
    let mut factor = SupportFactor::default();
    append(&mut factor, 2);
    let batch = [5, 0, 9];
    let products = batch_products(&factor, &batch);
    assert!(factor.append(&batch, &products, usize::MAX));
    assert_eq!(factor.features, vec![2, 5, 0, 9]);
    assert_factors(&factor);
}

/// A batch big enough for faer's blocked solve (150 factored features, 100 new: 1.1e6 multiply-adds),
/// on a square grown as the features came (16 to 256), then removals far from the end.
#[test]
fn a_large_batch_and_removals_keep_the_factor_exact() {
    let mut factor = SupportFactor::default();
    for j in 0..150 {
        append(&mut factor, j);
    }
    let batch: Vec<usize> = (150..250).collect();
    let products = batch_products(&factor, &batch);
    const { assert!(150.0 * 150.0 * 100.0 / 2.0 >= BLOCKED_SOLVE_MIN_WORK) };
    assert!(factor.append(&batch, &products, usize::MAX));
    assert_factors(&factor);
    for position in [3, 120, 200] {
        factor.remove(position);
    }
    assert_eq!(factor.features.len(), 247);
    assert_factors(&factor);
}

#[test]
fn a_dependent_feature_in_a_batch_keeps_the_features_before_it() {
    let mut factor = SupportFactor::default();
    append(&mut factor, 0);
    // Feature 4, then a copy of feature 0 (its products are feature 0's: a zero pivot), then 3.
    let products = vec![
        vec![a(0, 4), a(4, 4)],
        vec![a(0, 0), a(4, 0), a(0, 0)],
        vec![a(0, 3), a(4, 3), a(0, 3), a(3, 3)],
    ];
    assert!(!factor.append(&[4, 6, 3], &products, usize::MAX));
    assert_eq!(factor.features, vec![0, 4]);
    assert_factors(&factor);
}

#[test]
fn a_dependent_feature_is_refused_and_the_factor_stays_valid() {
    let mut factor = SupportFactor::default();
    append(&mut factor, 0);
    append(&mut factor, 1);
    // A feature equal to feature 0: its products are feature 0's, so its pivot is zero.
    let products = vec![a(0, 0), a(1, 0), a(0, 0)];
    assert!(!factor.append(&[6], &[products], usize::MAX));
    assert_eq!(factor.features, vec![0, 1]);
    assert_factors(&factor);
}

/// A 40 x 6 problem with fixed, uneven data (no generator: the numbers are the test's).
fn small_problem() -> (Matrix, Vec<f64>) {
    let (n, p) = (40, 6);
    let value = |i: usize| ((i * 7919 + 13) % 997) as f64 / 498.5 - 1.0;
    let x = Matrix::from_col_major(n, p, (0..n * p).map(value).collect());
    let y = (0..n)
        .map(|r| 0.8 * x.col(1)[r] - 0.5 * x.col(3)[r] + 0.3 * value(r + 5000))
        .collect();
    (x, y)
}

fn problem_of<'a>(x: &'a Matrix, y: &'a [f64]) -> Problem<'a> {
    let n = x.nrows();
    let dot_n = |a: &[f64], b: &[f64]| dot(a, b) / n as f64;
    Problem {
        x,
        y,
        n,
        d: (0..x.ncols()).map(|j| dot_n(x.col(j), x.col(j))).collect(),
        xty: (0..x.ncols()).map(|j| dot_n(x.col(j), y)).collect(),
        y_norm2: dot(y, y),
    }
}

/// `w` (of the small problem's 6 features) with the given signed support.
fn signed(support: &[(usize, f64)]) -> Vec<f64> {
    let mut w = vec![0.0; 6];
    support.iter().for_each(|&(j, s)| w[j] = s);
    w
}

/// The support system `(X_A^T X_A / n + l2 I) w_A = X_A^T y / n - l1 s_A` solved from scratch.
fn direct_solution(problem: &Problem, support: &[(usize, f64)], penalty: Penalty) -> Vec<f64> {
    let (n, k) = (problem.n as f64, support.len());
    let mut a = vec![0.0; k * k];
    for (r, &(i, _)) in support.iter().enumerate() {
        for (c, &(j, _)) in support.iter().enumerate() {
            let ridge = if r == c { penalty.l2 } else { 0.0 };
            a[r * k + c] = dot(problem.x.col(i), problem.x.col(j)) / n + ridge;
        }
    }
    let b = support.iter().map(|&(j, s)| problem.xty[j] - penalty.l1 * s).collect();
    cholesky_solve(&mut a, k, b).expect("positive definite")
}

/// The factor's solution is the direct solve's, to `tolerance` relative to the larger of the entry and 1.
fn assert_direct(problem: &Problem, point: &[f64], support: &[(usize, f64)], penalty: Penalty, tolerance: f64) {
    for (&(j, _), want) in support.iter().zip(direct_solution(problem, support, penalty)) {
        let got = point[j];
        assert!(
            (got - want).abs() <= tolerance * want.abs().max(1.0),
            "{support:?}, l1 {} l2 {}, w{j}: {got} vs {want}",
            penalty.l1,
            penalty.l2
        );
    }
}

/// The line's gradient is the keeper's recomputation from the Gram columns at the same point.
fn assert_exact_gradient(keeper: &mut Covariance, solution: SupportSolution) {
    let gradient = solution.gradient.expect("the line gave the gradient");
    let exact = keeper.exact(&solution.point).0;
    for (j, (got, want)) in gradient.iter().zip(exact).enumerate() {
        assert!((got - want).abs() < 1e-12, "g{j}: {got} vs {want}");
    }
}

/// The support's solution at `penalty`, which every test here expects to exist.
fn solved<K: GradientKeeper>(
    factor: &mut SupportFactor,
    problem: &Problem,
    keeper: &mut K,
    support: &[(usize, f64)],
    penalty: Penalty,
) -> SupportSolution {
    factor
        .solve(problem, keeper, &signed(support), penalty)
        .expect("a solution")
}

/// At the weight that made the line and at others on the same support and signs (the line made
/// once), the solution is the direct solve's and the gradient the keeper's recomputation, both to
/// rounding.
#[test]
fn the_line_gives_the_direct_solution_and_its_exact_gradient_at_each_l1_weight() {
    let (x, y) = small_problem();
    let problem = problem_of(&x, &y);
    let mut keeper = Covariance::new(&problem, true);
    let mut factor = SupportFactor::default();
    let support = [(1, 1.0), (3, -1.0)];
    let mut made = None;
    for l1 in [0.05, 0.02, 0.001] {
        let penalty = Penalty { l1, l2: 0.0 };
        let solution = solved(&mut factor, &problem, &mut keeper, &support, penalty);
        // One line serves every weight: the same `u`, not one made again.
        let u = factor.line.as_ref().expect("a line").u.as_ptr();
        assert_eq!(*made.get_or_insert(u), u, "l1 {l1}: the line was made again");
        assert!(solution.keeps_signs);
        assert_direct(&problem, &solution.point, &support, penalty, 1e-12);
        assert_exact_gradient(&mut keeper, solution);
    }
}

/// Near the weight where the support's solution reaches zero, `u` and `l1 v` cancel: the solution is
/// solved for directly (still the direct solve's) and the gradient is left to the keeper.
#[test]
fn where_the_line_cancels_the_solution_is_solved_directly_and_the_gradient_left_to_the_keeper() {
    let (x, y) = small_problem();
    let problem = problem_of(&x, &y);
    let mut keeper = Covariance::new(&problem, true);
    let mut factor = SupportFactor::default();
    let support = [(1, problem.xty[1].signum())];
    // On one feature w_1 = (x_1^T y / n - l1 s) / d_1: zero at l1 = |x_1^T y / n|.
    let penalty = Penalty {
        l1: 0.999 * problem.xty[1].abs(),
        l2: 0.0,
    };
    let solution = solved(&mut factor, &problem, &mut keeper, &support, penalty);
    let want = direct_solution(&problem, &support, penalty)[0];
    assert!(
        (solution.point[1] - want).abs() <= 1e-12 * want.abs(),
        "{} vs {want}",
        solution.point[1]
    );
    assert!(solution.gradient.is_none());
}

/// Features entering and leaving (first, middle, last) and a sign turning between solves: each line
/// is made from the kept forward substitutions, extended or rotated, and still gives the direct
/// solve's solution and the keeper's exact gradient.
#[test]
fn lines_after_features_enter_and_leave_match_a_direct_solve() {
    let (x, y) = small_problem();
    let problem = problem_of(&x, &y);
    let mut keeper = Covariance::new(&problem, true);
    let mut factor = SupportFactor::default();
    let penalty = Penalty { l1: 0.005, l2: 0.0 };
    let supports: [&[(usize, f64)]; 7] = [
        &[(1, 1.0), (3, -1.0)],
        &[(1, 1.0), (3, -1.0), (4, 1.0)],
        &[(0, -1.0), (1, 1.0), (3, -1.0), (4, 1.0), (5, 1.0)],
        &[(0, -1.0), (3, -1.0), (4, 1.0), (5, 1.0)],
        &[(0, -1.0), (3, 1.0), (4, 1.0), (5, 1.0)],
        &[(3, 1.0), (4, 1.0)],
        &[(2, 1.0), (3, 1.0)],
    ];
    for support in supports {
        let solution = solved(&mut factor, &problem, &mut keeper, support, penalty);
        assert_direct(&problem, &solution.point, support, penalty, 1e-11);
        assert_exact_gradient(&mut keeper, solution);
    }
}

/// The elastic net: a factor of `X_A^T X_A / n + l2 I`, started again (in the same storage) when `l2`
/// changes, gives the direct solve's solution at each `l2`.
#[test]
fn a_new_l2_starts_a_new_factor_that_solves_the_elastic_net_system() {
    let (x, y) = small_problem();
    let problem = problem_of(&x, &y);
    let mut keeper = Covariance::new(&problem, true);
    let mut factor = SupportFactor::default();
    let support = [(0, 1.0), (2, -1.0), (4, 1.0)];
    for l2 in [0.5, 0.05, 0.5] {
        let penalty = Penalty { l1: 0.01, l2 };
        let solution = solved(&mut factor, &problem, &mut keeper, &support, penalty);
        assert_direct(&problem, &solution.point, &support, penalty, 1e-12);
    }
}

/// A batch whose second feature copies a factored one: the factor keeps the batch's first feature,
/// past the kept forward substitutions (a prefix shorter than the factor). Removing a feature inside
/// that prefix rotates it; the next line still gives the direct solve's solution.
#[test]
fn a_failed_pivot_then_a_removal_keeps_the_forward_prefix_right() {
    let (mut x, y) = small_problem();
    let copy = x.col(1).to_vec();
    x.col_mut(5).copy_from_slice(&copy);
    let problem = problem_of(&x, &y);
    let mut keeper = Covariance::new(&problem, true);
    let mut factor = SupportFactor::default();
    let penalty = Penalty { l1: 0.005, l2: 0.0 };
    let first = signed(&[(0, 1.0), (1, 1.0), (3, -1.0)]);
    assert!(factor.solve(&problem, &mut keeper, &first, penalty).is_some());
    let dependent = signed(&[(0, 1.0), (1, 1.0), (2, 1.0), (3, -1.0), (5, 1.0)]);
    assert!(factor.solve(&problem, &mut keeper, &dependent, penalty).is_none());
    assert_eq!(factor.features, vec![0, 1, 3, 2], "the batch's first feature stays");
    assert_eq!(
        factor.forward[0].y.len(),
        3,
        "the kept prefix is shorter than the factor"
    );
    // The least-squares signs on the new support, so the line does not cancel and is used.
    let unsigned = [(0, 0.0), (2, 0.0), (3, 0.0)];
    let least_squares = direct_solution(&problem, &unsigned, Penalty { l1: 0.0, l2: 0.0 });
    let support: Vec<(usize, f64)> = unsigned
        .iter()
        .zip(least_squares)
        .map(|(&(j, _), v)| (j, v.signum()))
        .collect();
    let solution = solved(&mut factor, &problem, &mut keeper, &support, penalty);
    assert_direct(&problem, &solution.point, &support, penalty, 1e-11);
    assert_exact_gradient(&mut keeper, solution);
}

/// The naive keeper has no Gram columns: the line still gives the solution, the gradient is left to
/// the keeper's recomputation.
#[test]
fn without_gram_columns_the_line_gives_the_solution_but_no_gradient() {
    let (x, y) = small_problem();
    let problem = problem_of(&x, &y);
    let mut keeper = Naive::new(&problem);
    let mut factor = SupportFactor::default();
    let penalty = Penalty { l1: 0.005, l2: 0.0 };
    let support = [(1, 1.0), (3, -1.0)];
    let solution = solved(&mut factor, &problem, &mut keeper, &support, penalty);
    assert_direct(&problem, &solution.point, &support, penalty, 1e-12);
    assert!(solution.gradient.is_none());
}
