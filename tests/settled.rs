//! Every model trains until it has converged at its setting, and a settled model is the exact
//! solution: the lasso's, the elastic net's and ridge's weights equal their exact paths at their own
//! lambdas (same nonzeros, weights within 1e-3 relative), on every scenario and at several strengths.

use regscope::app::{update, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::train_until_settled;
use regscope::engine::Engine;
use regscope::screens::linear::{Action as L, ModelId};

const PENALIZED: [ModelId; 3] = [ModelId::Ridge, ModelId::Lasso, ModelId::ElasticNet];

/// The explorer's start on `scenario`, with the exact paths and their CV computed and every model
/// settled.
fn settled(scenario: &str) -> (Engine, State) {
    let args = SessionArgs {
        scenario: Some(scenario.into()),
        ..SessionArgs::default()
    };
    let (mut engine, mut state) = session::start(&args, 0).expect("the scenario opens");
    train_until_settled(&mut engine, &mut state);
    (engine, state)
}

/// Applies `action` as the explorer does and trains until the models settle again.
fn press(engine: &mut Engine, state: &mut State, action: L) {
    for command in update(state, action) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
    train_until_settled(engine, state);
}

/// Checks every penalized model against its exact path at its position; returns what it compared.
fn assert_matches_the_path(state: &State, context: &str) {
    let screen = &state.screens.linear;
    let data = screen.view.data.as_ref().expect("data");
    for model in PENALIZED {
        let m = model as usize;
        let trained = &screen.view.models[m];
        assert!(
            trained.converged_at.is_some(),
            "{context}: {model:?} converged (epoch {})",
            screen.view.epoch()
        );
        let path = data.paths[m].path.as_ref().expect("the exact path");
        let exact = &path.coefs[screen.settings.positions[m]];
        let norm = exact.iter().map(|v| v * v).sum::<f64>().sqrt();
        let error = trained
            .weights
            .iter()
            .zip(exact)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt();
        assert!(
            error <= 1e-3 * norm.max(1e-12) || (norm == 0.0 && error == 0.0),
            "{context}: {model:?} is {error:e} from the exact solution of norm {norm:e}"
        );
        let zeros = |w: &[f64]| w.iter().map(|v| *v == 0.0).collect::<Vec<_>>();
        assert_eq!(
            zeros(&trained.weights),
            zeros(exact),
            "{context}: {model:?} has the exact path's zeros"
        );
        assert_eq!(screen.view.nonzeros(m), path.nnz[screen.settings.positions[m]]);
    }
}

#[test]
fn settled_models_are_the_exact_solutions_at_their_own_lambdas_on_every_scenario() {
    for scenario in ["sparse", "correlated", "dense", "diabetes"] {
        let (mut engine, mut state) = settled(scenario);
        assert_matches_the_path(&state, &format!("{scenario} at the start"));
        press(&mut engine, &mut state, L::MoveLambda(25));
        assert_matches_the_path(&state, &format!("{scenario} 25 steps weaker"));
        press(&mut engine, &mut state, L::LambdaCvMin);
        assert_matches_the_path(&state, &format!("{scenario} at lambda_min"));
    }
}

#[test]
fn on_wide_data_too_the_settled_models_are_the_exact_solutions() {
    // p > n: the unregularized model interpolates and the design is far from orthogonal.
    let (_engine, state) = settled("wide");
    assert_matches_the_path(&state, "wide at the start");
}

#[test]
fn at_the_top_of_their_grids_every_lasso_and_elastic_net_weight_is_exactly_zero() {
    for scenario in ["sparse", "correlated", "dense", "wide", "diabetes"] {
        let (mut engine, mut state) = settled(scenario);
        press(&mut engine, &mut state, L::LambdaMax);
        let view = &state.screens.linear.view;
        for model in [ModelId::Lasso, ModelId::ElasticNet] {
            assert_eq!(view.nonzeros(model as usize), 0, "{scenario}: {model:?} at Home");
            assert!(view.models[model as usize].converged_at.is_some());
        }
    }
}

#[test]
fn a_new_l1_ratio_gives_the_elastic_net_a_new_grid_and_path_and_it_settles_on_them() {
    let (mut engine, mut state) = settled("sparse");
    let grid = |state: &State| {
        state.screens.linear.view.data.as_ref().unwrap().paths[3]
            .lambdas
            .clone()
    };
    let before = grid(&state);
    press(&mut engine, &mut state, L::MoveL1Ratio(-4));
    assert_eq!(state.screens.linear.settings.l1_ratio, 0.3);
    let after = grid(&state);
    // lambda_max of the elastic net is the lasso's over the L1 share.
    assert!(
        (after[0] / before[0] - 0.5 / 0.3).abs() < 1e-9,
        "{} vs {}",
        after[0],
        before[0]
    );
    assert_eq!(state.screens.linear.view.data.as_ref().unwrap().paths[3].l1_ratio, 0.3);
    assert_matches_the_path(&state, "sparse at l1-ratio 0.3");
}

#[test]
fn a_setting_change_is_marked_and_restarts_the_convergence_clock() {
    let (mut engine, mut state) = settled("sparse");
    let epoch = state.screens.linear.view.epoch();
    for command in update(&mut state, L::MoveLambda(5)) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
    let view = &state.screens.linear.view;
    assert_eq!(view.setting_changes, vec![epoch]);
    for model in PENALIZED {
        assert_eq!(view.models[model as usize].converged_at, None, "{model:?} trains again");
        assert_eq!(view.models[model as usize].since, epoch);
    }
    let none = &view.models[ModelId::Unregularized as usize];
    assert!(
        none.converged_at.is_some(),
        "the unregularized model's setting did not change"
    );
    assert!(engine.wants_epochs());
    train_until_settled(&mut engine, &mut state);
    assert!(!engine.wants_epochs(), "once settled, nothing trains");
}
