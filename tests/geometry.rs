//! The geometry screen: its solutions are `regscope path`'s on the same data, the lasso's reach an
//! axis and stay there while ridge's never do, each lies on its region's boundary, the keys do what
//! they say, and the screen renders at both sizes, with and without colour.

use regscope::app::{update, Action, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::{self, Format, SnapshotArgs};
use regscope::data::two_features::two_features;
use regscope::engine::Engine;
use regscope::fit::geometry::TwoFeatures;
use regscope::screens::geometry::{knobs, settings::grid, Action as G, Penalty, Settings, GRID_STEPS};
use regscope::screens::ScreenId;
use std::process::Command;

mod common;

fn lab() -> (Engine, State) {
    let args = SessionArgs {
        scenario: Some("geometry".into()),
        ..SessionArgs::default()
    };
    session::start(&args, 0).expect("the geometry scenario starts")
}

fn act(engine: &mut Engine, state: &mut State, action: G) {
    for command in update(state, Action::from(action)) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
}

/// The problem the screen's data makes for `settings`.
fn problem(settings: &Settings) -> TwoFeatures {
    let data = two_features(&knobs(settings));
    TwoFeatures::from_data(&data.x, &data.y)
}

/// `regscope path` on the screen's data (written as a CSV) at `lambdas`, with `penalty`: one row of
/// coefficients per lambda.
fn regscope_path(settings: &Settings, lambdas: &[f64], penalty: &[&str]) -> Vec<[f64; 2]> {
    let dir = std::env::temp_dir().join(format!(
        "regscope-geometry-{}-{}",
        std::process::id(),
        penalty.join("-")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let data = two_features(&knobs(settings));
    let mut csv = String::from("x0,x1,y\n");
    for i in 0..data.y.len() {
        csv += &format!("{},{},{}\n", data.x.col(0)[i], data.x.col(1)[i], data.y[i]);
    }
    std::fs::write(dir.join("data.csv"), csv).unwrap();
    let grid: Vec<String> = lambdas.iter().map(|l| l.to_string()).collect();
    std::fs::write(dir.join("lambdas"), grid.join("\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_regscope"))
        .args(["path", "--data"])
        .arg(dir.join("data.csv"))
        .arg("--lambdas")
        .arg(dir.join("lambdas"))
        .args(["--tol", "1e-15", "--out"])
        .arg(dir.join("path.csv"))
        .args(penalty)
        .output()
        .expect("regscope runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(dir.join("path.csv")).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    text.lines()
        .skip(1)
        .map(|line| {
            let v: Vec<f64> = line.split(',').map(|f| f.parse().unwrap()).collect();
            [v[1], v[2]]
        })
        .collect()
}

#[test]
fn the_drawn_solutions_are_what_regscope_path_computes_on_the_same_data() {
    for (penalty, flags) in [
        (Penalty::L1, vec!["--penalty", "lasso"]),
        (Penalty::ElasticNet, vec!["--penalty", "enet", "--l1-ratio", "0.5"]),
        (Penalty::L2, vec!["--penalty", "ridge"]),
    ] {
        let settings = Settings {
            penalty,
            ..Settings::default()
        };
        let problem = problem(&settings);
        let lambdas: Vec<f64> = [3, 12, 20, 35, 50]
            .iter()
            .map(|&k| grid(&problem, settings.l1_ratio_now())[k])
            .collect();
        let theirs = regscope_path(&settings, &lambdas, &flags);
        for (lambda, w) in lambdas.iter().zip(theirs) {
            let ours = problem.solve(*lambda, settings.l1_ratio_now());
            for j in 0..2 {
                assert!(
                    (ours[j] - w[j]).abs() <= 1e-9,
                    "{penalty:?} at λ {lambda}: ours {ours:?}, regscope path {w:?}"
                );
            }
        }
    }
}

#[test]
fn the_screen_shows_the_closed_form_solution_at_its_lambda() {
    let (mut engine, mut state) = lab();
    assert_eq!(state.active, ScreenId::Geometry);
    for action in [
        G::MoveLambda(-5),
        G::CyclePenalty,
        G::MoveLambda(20),
        G::CyclePenalty,
        G::MoveCorrelation(1),
    ] {
        act(&mut engine, &mut state, action);
        let screen = &state.screens.geometry;
        let picture = &screen.view.picture;
        let settings = &screen.settings;
        let problem = problem(settings);
        assert_eq!(picture.lambda, settings.lambda(&problem));
        assert_eq!(picture.solution, problem.solve(picture.lambda, settings.l1_ratio_now()));
    }
}

#[test]
fn the_lasso_reaches_an_axis_and_stays_there_ridge_never_does() {
    for seed in 1..=5 {
        let lasso = Settings {
            seed,
            ..Settings::default()
        };
        let problem = problem(&lasso);
        let (feature, zero) = problem.zero_lambda(1.0).expect("the lasso zeroes a weight");
        let lambdas = grid(&problem, 1.0);
        for &lambda in &lambdas {
            let w = problem.solve(lambda, 1.0);
            if lambda >= zero {
                assert_eq!(w[feature], 0.0, "seed {seed}: at λ {lambda} beyond {zero}");
            } else {
                assert!(w[0] != 0.0 && w[1] != 0.0, "seed {seed}: both alive below {zero}");
            }
        }
        let ridge = Settings {
            penalty: Penalty::L2,
            ..lasso
        };
        assert_eq!(problem.zero_lambda(0.0), None);
        for position in 0..=GRID_STEPS {
            let w = problem.solve(grid(&problem, 0.0)[position], ridge.l1_ratio_now());
            assert!(
                w[0] != 0.0 && w[1] != 0.0,
                "seed {seed}: ridge at step {position}: {w:?}"
            );
        }
    }
}

#[test]
fn each_solution_lies_on_the_boundary_of_its_region() {
    let settings = Settings::default();
    let problem = problem(&settings);
    for position in [2, 12, 30, 55] {
        let l1 = problem.solve(grid(&problem, 1.0)[position], 1.0);
        assert!((l1[0].abs() + l1[1].abs() - problem.mix(1.0).budget(l1)).abs() < 1e-9);
        let l2 = problem.solve(grid(&problem, 0.0)[position], 0.0);
        let t = problem.mix(0.0).budget(l2);
        assert!((l2[0] * l2[0] + l2[1] * l2[1] - t * t).abs() < 1e-9);
    }
}

#[test]
fn keys_move_lambda_switch_the_penalty_and_change_the_data() {
    let (mut engine, mut state) = lab();
    let start = state.screens.geometry.settings.clone();
    act(&mut engine, &mut state, G::MoveLambda(-1));
    assert_eq!(
        state.screens.geometry.settings.position,
        start.position - 1,
        "← is stronger"
    );
    act(&mut engine, &mut state, G::LambdaEnd(1));
    let picture = &state.screens.geometry.view.picture;
    assert_eq!(
        (picture.lambda, picture.solution),
        (0.0, picture.ols),
        "End is least squares"
    );
    act(&mut engine, &mut state, G::CyclePenalty);
    assert_eq!(state.screens.geometry.view.picture.penalty, Penalty::L2);
    let r = state.screens.geometry.view.picture.problem.r;
    act(&mut engine, &mut state, G::MoveCorrelation(1));
    assert!(
        state.screens.geometry.view.picture.problem.r > r,
        "C raises the correlation"
    );
    let truth = state.screens.geometry.view.picture.truth;
    act(&mut engine, &mut state, G::MoveAngle(1));
    assert_ne!(state.screens.geometry.view.picture.truth, truth);
    // ↑ ↓ walk one line: ridge, the elastic net from 0.1 to 0.9, the lasso.
    act(&mut engine, &mut state, G::MoveL1Ratio(1));
    let s = &state.screens.geometry.settings;
    assert_eq!(
        (s.penalty, s.l1_ratio),
        (Penalty::ElasticNet, 0.1),
        "from ridge, ↑ is a little L1"
    );
    for _ in 0..8 {
        act(&mut engine, &mut state, G::MoveL1Ratio(1));
    }
    assert_eq!(state.screens.geometry.settings.l1_ratio, 0.9);
    act(&mut engine, &mut state, G::MoveL1Ratio(1));
    assert_eq!(
        state.screens.geometry.settings.penalty,
        Penalty::L1,
        "past 0.9 is the lasso"
    );
    act(&mut engine, &mut state, G::MoveL1Ratio(-1));
    let s = &state.screens.geometry.settings;
    assert_eq!(
        (s.penalty, s.l1_ratio),
        (Penalty::ElasticNet, 0.9),
        "from the lasso, ↓ is a little L2"
    );
    let ols = state.screens.geometry.view.picture.ols;
    act(&mut engine, &mut state, G::Reseed);
    assert_ne!(state.screens.geometry.view.picture.ols, ols, "r draws new data");
}

/// `snapshot` of the geometry screen.
fn frame(size: (u16, u16), keys: &str, format: Format) -> String {
    let args = SnapshotArgs {
        session: SessionArgs {
            scenario: Some("geometry".into()),
            ..SessionArgs::default()
        },
        width: size.0,
        height: size.1,
        epochs: 0,
        keys: keys.into(),
        format,
        ..SnapshotArgs::default()
    };
    snapshot::run(&args).expect("a frame")
}

#[test]
fn the_json_names_the_penalty_lambda_budget_and_both_solutions() {
    let json: serde_json::Value = serde_json::from_str(&frame((120, 40), "Left Left", Format::Json)).unwrap();
    let g = &json["geometry"];
    assert_eq!(json["screen"], "geometry");
    assert_eq!(g["penalty"], "lasso");
    let solution: Vec<f64> = serde_json::from_value(g["solution"].clone()).unwrap();
    let t = g["budget"].as_f64().unwrap();
    assert!((solution[0].abs() + solution[1].abs() - t).abs() < 1e-12);
    assert!(g["path_zero_lambda"].as_f64().unwrap() > g["lambda"].as_f64().unwrap());
    for field in ["ols", "l1_ratio", "loss_ols", "loss_solution", "sample_correlation"] {
        assert!(!g[field].is_null(), "{field}");
    }
}

#[test]
fn past_the_zero_the_status_says_which_weight_is_exactly_zero() {
    let settings = Settings::default();
    let problem = problem(&settings);
    let (feature, zero) = problem.zero_lambda(1.0).unwrap();
    let steps_back = settings.position - grid(&problem, 1.0).iter().rposition(|&l| l >= zero).unwrap();
    let keys = vec!["Left"; steps_back].join(" ");
    let text = frame((120, 40), &keys, Format::Text);
    assert!(text.contains(&format!("w{feature} = 0 exactly from λ")), "{text}");
    let json: serde_json::Value = serde_json::from_str(&frame((120, 40), &keys, Format::Json)).unwrap();
    assert_eq!(json["geometry"]["solution"][feature].as_f64(), Some(0.0));
    let ridge = frame((120, 40), &format!("{keys} p"), Format::Text);
    assert!(ridge.contains("no weight is 0 at any finite λ"), "{ridge}");
}

#[test]
fn snapshot_geometry_screens() {
    insta::assert_snapshot!("geometry_120x40", frame((120, 40), "", Format::Text));
    insta::assert_snapshot!("geometry_80x24", frame((80, 24), "", Format::Text));
    insta::assert_snapshot!("geometry_ridge_80x24", frame((80, 24), "p", Format::Text));
    insta::assert_snapshot!("geometry_colour_80x24", frame((80, 24), "p p", Format::Ansi));
    insta::assert_snapshot!(
        "geometry_colour_120x40",
        frame((120, 40), "Left Left Left", Format::Ansi)
    );
}

/// The JSON of step `step` of the built-in tour, settled as `snapshot --tour regularization --step K`
/// leaves it.
fn tour_step(step: usize) -> serde_json::Value {
    common::tour::step_json(step, "")
}

#[test]
fn tour_steps_10_and_11_the_lasso_touches_a_corner_and_ridges_circle_has_none() {
    let lasso = tour_step(10);
    let g = &lasso["geometry"];
    assert_eq!(
        (lasso["tour"]["step"].as_u64(), g["penalty"].as_str()),
        (Some(10), Some("lasso"))
    );
    let zero = g["path_zero_lambda"].as_f64().expect("the lasso zeroes a weight");
    let feature = g["path_zero_feature"].as_u64().unwrap() as usize;
    assert!(g["lambda"].as_f64().unwrap() > zero, "the step is past the first zero");
    assert_eq!(g["solution"][feature].as_f64(), Some(0.0), "on an axis: {g}");
    assert!(
        g["solution"][1 - feature].as_f64().unwrap() != 0.0,
        "at a corner, not the origin"
    );
    let ridge = tour_step(11);
    let g = &ridge["geometry"];
    assert_eq!(g["penalty"], "ridge");
    assert!(g["path_zero_lambda"].is_null());
    assert!((0..2).all(|j| g["solution"][j].as_f64().unwrap() != 0.0), "{g}");
}

#[test]
fn a_tour_step_on_the_geometry_screen_refuses_what_does_not_fit_it() {
    for (settings, line, key) in [
        (
            "scenario = \"geometry\"\npenalty = \"lasso\"\nl1-ratio = 0.5\n",
            "line 7",
            "l1-ratio",
        ),
        ("scenario = \"geometry\"\nangle = nan\n", "line 6", "angle"),
        ("scenario = \"sparse\"\npenalty = \"ridge\"\n", "line 6", "penalty"),
    ] {
        common::tour::assert_step_refused(settings, line, key);
    }
}
