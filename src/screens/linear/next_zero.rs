//! The classroom game on the lasso (`w`, "which weight dies next?"): its state in the view, and the
//! walk up the exact path that answers it.

use super::view::PathView;

impl PathView {
    /// The features whose coefficient is not exactly zero at grid position `at` (none past the grid).
    pub fn support(&self, at: usize) -> Vec<usize> {
        self.coefs.get(at).map_or(Vec::new(), |w| {
            w.iter()
                .enumerate()
                .filter(|(_, w)| **w != 0.0)
                .map(|(j, _)| j)
                .collect()
        })
    }

    /// Walking up the grid from position `from` (towards larger lambdas, smaller positions), the first
    /// position at which some coefficient nonzero at `from` is exactly zero, and every such feature
    /// (two may die at the same step). By construction each of them is nonzero at every position in
    /// between: it is the *next* to die. `None` when nothing is nonzero at `from`, or nothing dies
    /// before the top of the grid.
    pub fn next_to_die(&self, from: usize) -> Option<(usize, Vec<usize>)> {
        let alive = self.support(from);
        if alive.is_empty() {
            return None;
        }
        (0..from).rev().find_map(|at| {
            let died: Vec<usize> = alive.iter().copied().filter(|&j| self.coefs[at][j] == 0.0).collect();
            (!died.is_empty()).then_some((at, died))
        })
    }
}

/// The classroom game on the lasso (`w`): "which weight reaches zero next?", then the answer.
/// Positions are on the lasso's grid; features are indices into `feature_names`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum NextZero {
    /// No question asked.
    #[default]
    Idle,
    /// The room is asked at lasso position `position`; `candidates` are the features nonzero in the
    /// lasso's exact path there (the weights that could die next).
    Asked { position: usize, candidates: Vec<usize> },
    /// The answer: moving up from position `from` to `position` (the lasso's lambda `lambda` there),
    /// `features` reached exactly zero first.
    Revealed {
        from: usize,
        position: usize,
        lambda: f64,
        features: Vec<usize>,
    },
}

impl NextZero {
    /// Whether feature `j` is one of the question's candidates.
    pub fn is_candidate(&self, j: usize) -> bool {
        matches!(self, NextZero::Asked { candidates, .. } if candidates.contains(&j))
    }

    /// Whether feature `j` is one the answer names.
    pub fn died(&self, j: usize) -> bool {
        matches!(self, NextZero::Revealed { features, .. } if features.contains(&j))
    }
}

#[cfg(test)]
mod tests {
    use crate::screens::linear::view::PathView;

    /// A path of three features on a grid of five lambdas, top (all zero) first.
    fn path(coefs: Vec<Vec<f64>>) -> PathView {
        PathView {
            nnz: coefs.iter().map(|w| w.iter().filter(|v| **v != 0.0).count()).collect(),
            curve_order: vec![0, 1, 2],
            val_mse: vec![1.0; coefs.len()],
            coefs,
        }
    }

    #[test]
    fn the_next_to_die_is_the_first_nonzero_weight_to_reach_zero_walking_up_the_grid() {
        let p = path(vec![
            vec![0.0, 0.0, 0.0],
            vec![0.5, 0.0, 0.0],
            vec![0.7, 0.0, 0.1],
            vec![0.9, 0.2, 0.3],
            vec![1.0, 0.0, 0.4],
        ]);
        // From the bottom, x1 is zero already (it entered and left): x2 dies first, at position 1.
        assert_eq!(p.next_to_die(4), Some((1, vec![2])));
        // From position 3, x1 is alive and dies at once, one step up.
        assert_eq!(p.next_to_die(3), Some((2, vec![1])));
        assert_eq!(p.next_to_die(1), Some((0, vec![0])));
        // Nothing alive at the top: nothing to die.
        assert_eq!(p.next_to_die(0), None);
        assert_eq!(p.support(0), Vec::<usize>::new());
    }

    #[test]
    fn two_weights_reaching_zero_at_the_same_step_are_both_named() {
        let p = path(vec![vec![0.0, 0.0, 0.0], vec![0.0, 0.3, 0.0], vec![0.2, 0.4, 0.1]]);
        assert_eq!(p.next_to_die(2), Some((1, vec![0, 2])));
    }
}
