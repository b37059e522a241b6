//! The explorer starts at once and quits at once: new data is drawn before its exact path and
//! cross-validation exist, they report their progress lambda by lambda and fold by fold, and a
//! cancelled computation stops where it is.

use regscope::app::{update, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot;
use regscope::data::Standardized;
use regscope::engine::{Command, Engine};
use regscope::fit::{self, CdOptions};
use regscope::screens::linear::view::{DataView, ModelPath, PathKey, Stage};
use regscope::screens::linear::{Action as L, ModelId, PathJob, Report as Progress, GRID_SIZE};
use regscope::screens::{Report, Settings};
use std::sync::atomic::Ordering;
use std::sync::Mutex;

/// The explorer's start: the data and the models, the path still to compute.
fn opened() -> (Engine, State) {
    session::open(&SessionArgs::default(), 50).expect("the default scenario opens")
}

fn apply_all(state: &mut State, reports: Vec<Progress>) {
    for report in reports {
        state.apply(Report::Linear(report));
    }
}

/// Runs the pending path jobs of the linear lab here and returns their reports.
fn finish_path(engine: &mut Engine) -> Vec<Progress> {
    engine.labs_mut().linear.finish_path()
}

/// The lasso's grid, path and CV.
fn lasso(data: &DataView) -> &ModelPath {
    &data.paths[ModelId::Lasso as usize]
}

/// The model a report is about, if it is about a path.
fn model_of(progress: &Progress) -> Option<ModelId> {
    match progress {
        Progress::Stage { key, .. } | Progress::Path { key, .. } | Progress::Cv { key, .. } => Some(key.model),
        _ => None,
    }
}

/// The pending path job of `model`.
fn take_job(engine: &mut Engine, model: ModelId) -> PathJob {
    let jobs = engine.labs_mut().linear.take_path_jobs();
    jobs.into_iter()
        .find(|j| j.key.model == model)
        .expect("the start leaves a job per model")
}

/// A short name for a report, for checking their order.
fn kind(progress: &Progress) -> String {
    match progress {
        Progress::Stage { stage, .. } => format!("{stage:?}"),
        Progress::Path { .. } => "path".into(),
        Progress::Cv { cv, .. } => format!("cv {}", cv.is_some()),
        Progress::Error(message) => format!("error {message}"),
        _ => "other".into(),
    }
}

#[test]
fn the_first_report_has_the_data_and_the_grid_but_not_yet_the_path() {
    let (_engine, state) = opened();
    let data = state.screens.linear.view.data.as_ref().expect("the Reset came first");
    for model in [ModelId::Ridge, ModelId::Lasso, ModelId::ElasticNet] {
        let path = &data.paths[model as usize];
        assert_eq!(path.lambdas.len(), GRID_SIZE, "{model:?}'s grid is known at once");
        assert!(path.path.is_none() && path.cv.is_none());
        assert_eq!(
            path.stage,
            Stage::Path {
                done: 0,
                total: GRID_SIZE
            }
        );
    }
    assert_eq!(
        state.screens.linear.view.models[0].history.len(),
        1,
        "the models can train: epoch 0 is there"
    );
}

#[test]
fn the_path_reports_every_lambda_then_the_path_then_every_fold_then_the_cv() {
    let (mut engine, _state) = opened();
    let reports = finish_path(&mut engine);
    let kinds: Vec<String> = reports
        .iter()
        .filter(|r| model_of(r) == Some(ModelId::Lasso))
        .map(kind)
        .collect();
    let mut expected: Vec<String> = (0..=GRID_SIZE)
        .map(|done| format!("{:?}", Stage::Path { done, total: GRID_SIZE }))
        .collect();
    expected.push("path".into());
    expected.push(format!("{:?}", Stage::Cv { done: 0, total: 5 }));
    assert_eq!(kinds[..expected.len()], expected[..], "{kinds:?}");
    // The folds run in parallel: each count once, in any order, then the result.
    let mut folds: Vec<String> = kinds[expected.len()..kinds.len() - 1].to_vec();
    folds.sort();
    let every_fold: Vec<String> = (1..=5)
        .map(|done| format!("{:?}", Stage::Cv { done, total: 5 }))
        .collect();
    assert_eq!(folds, every_fold);
    assert_eq!(kinds.last().map(String::as_str), Some("cv true"));
}

#[test]
fn the_path_computed_behind_the_first_frame_is_the_one_computed_before_it() {
    // Headless start: everything computed before the state is returned.
    let (_engine, at_once) = session::start(&SessionArgs::default(), 50).unwrap();
    let (mut engine, mut later) = opened();
    apply_all(&mut later, finish_path(&mut engine));
    let (a, b) = (
        at_once.screens.linear.view.data.clone().unwrap(),
        later.screens.linear.view.data.clone().unwrap(),
    );
    for m in [ModelId::Ridge, ModelId::Lasso, ModelId::ElasticNet] {
        let (a, b) = (&a.paths[m as usize], &b.paths[m as usize]);
        assert_eq!(b.stage, Stage::Done);
        assert_eq!(a.path.as_ref().unwrap().coefs, b.path.as_ref().unwrap().coefs);
        assert_eq!(a.cv.as_ref().unwrap().mean, b.cv.as_ref().unwrap().mean);
    }
    // At the top of the lasso's grid every coefficient of the exact path is zero, below it some are not.
    let path = lasso(&b).path.as_ref().unwrap();
    assert_eq!(path.nnz[0], 0);
    assert!(path.nnz[GRID_SIZE - 1] > 0);
}

#[test]
fn the_cross_validated_lambdas_wait_for_the_cross_validation() {
    let (mut engine, mut state) = opened();
    let index = |state: &State| state.screens.linear.settings.positions[ModelId::Lasso as usize];
    let before = index(&state);
    assert!(update(&mut state, L::LambdaCvMin).is_empty());
    assert_eq!(
        state.message.as_deref(),
        Some("L2, L1, EN: cross-validation not ready yet")
    );
    assert!(update(&mut state, L::LambdaCv1se).is_empty());
    assert_eq!(index(&state), before);
    // The grid is there, so lambda moves at once.
    let commands = update(&mut state, L::MoveLambda(1));
    assert_eq!(index(&state), before + 1);
    assert_eq!(
        commands,
        vec![Command::Configure(Settings::Linear(
            state.screens.linear.settings.clone()
        ))]
    );
    apply_all(&mut state, finish_path(&mut engine));
    let data = state.screens.linear.view.data.as_ref().unwrap();
    let i_min = |m: ModelId| data.paths[m as usize].cv.as_ref().unwrap().i_min;
    let expected = [
        0,
        i_min(ModelId::Ridge),
        i_min(ModelId::Lasso),
        i_min(ModelId::ElasticNet),
    ];
    update(&mut state, L::LambdaCvMin);
    assert_eq!(
        state.screens.linear.settings.positions, expected,
        "m puts each model at its own lambda_min"
    );
}

#[test]
fn right_after_a_new_l1_ratio_m_leaves_the_elastic_net_until_its_new_cv_arrives() {
    let (mut engine, mut state) = opened();
    apply_all(&mut state, finish_path(&mut engine));
    let positions = |state: &State| state.screens.linear.settings.positions;
    let before = positions(&state);
    // The command is not run yet: the view still holds the old l1-ratio's CV.
    update(&mut state, L::MoveL1Ratio(1));
    update(&mut state, L::LambdaCvMin);
    let en = ModelId::ElasticNet as usize;
    assert_eq!(positions(&state)[en], before[en], "not moved on the old grid's CV");
    assert_ne!(
        positions(&state)[ModelId::Lasso as usize],
        before[ModelId::Lasso as usize]
    );
    assert_eq!(state.message.as_deref(), Some("EN: cross-validation not ready yet"));
}

#[test]
fn the_frame_shows_the_ready_panels_and_one_line_for_the_rest() {
    let (mut engine, mut state) = opened();
    state.monochrome = true;
    let text = snapshot::render_text(&state, 120, 40);
    assert!(text.contains("computing the exact path: 0/100 lambdas"), "{text}");
    assert!(text.contains("features 1-"), "the weights are drawn: {text}");

    // Up to the path: the path is drawn, the CV says how far it is.
    let reports = finish_path(&mut engine);
    let path_at = reports.iter().position(|p| matches!(p, Progress::Path { .. })).unwrap();
    apply_all(&mut state, reports.into_iter().take(path_at + 2).collect());
    let text = snapshot::render_text(&state, 120, 40);
    assert!(!text.contains("computing the exact path"), "{text}");
    assert!(text.contains("nonzeros here:"), "the path is drawn: {text}");
    assert!(text.contains("cross-validation: fold 1/5"), "{text}");
    assert!(!text.contains("λmin"), "no CV marks yet: {text}");
}

#[test]
fn new_data_makes_the_old_computation_obsolete() {
    let (mut engine, mut state) = opened();
    let old = take_job(&mut engine, ModelId::Lasso);
    let old_key = old.key;
    let old_generation = old_key.generation;
    for command in update(&mut state, L::Reseed) {
        for report in engine.handle(command) {
            state.apply(report);
        }
    }
    assert!(old.cancel.load(Ordering::Relaxed), "r cancels the old path");
    assert!(
        old.run_here().is_empty(),
        "a cancelled job stops before its first lambda"
    );

    // A late report about the old data is ignored.
    let new_generation = state.screens.linear.view.data.as_ref().unwrap().generation;
    assert_ne!(new_generation, old_generation);
    state.apply(Report::Linear(Progress::Stage {
        key: PathKey {
            generation: old_generation,
            ..old_key
        },
        stage: Stage::Done,
    }));
    assert_eq!(
        lasso(state.screens.linear.view.data.as_ref().unwrap()).stage,
        Stage::Path {
            done: 0,
            total: GRID_SIZE
        }
    );

    let job = take_job(&mut engine, ModelId::Lasso);
    drop(engine);
    assert!(
        job.cancel.load(Ordering::Relaxed),
        "quitting (dropping the engine) cancels the path"
    );
}

#[test]
fn a_job_cancelled_mid_path_reports_nothing_more() {
    let (mut engine, _state) = opened();
    let job = take_job(&mut engine, ModelId::Lasso);
    let cancel = job.cancel.clone();
    let seen = Mutex::new(Vec::new());
    job.run(&|p| {
        if let Progress::Stage {
            stage: Stage::Path { done: 10, .. },
            ..
        } = p
        {
            cancel.store(true, Ordering::Relaxed);
        }
        seen.lock().unwrap().push(kind(&p));
        true
    });
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen.last().map(String::as_str),
        Some(
            format!(
                "{:?}",
                Stage::Path {
                    done: 10,
                    total: GRID_SIZE
                }
            )
            .as_str()
        ),
        "{seen:?}"
    );
    assert_eq!(seen.len(), 11, "lambdas 0..=10, then nothing: {seen:?}");
}

/// Standardized data with a known structure: y depends on the first 3 of 30 features.
fn small_problem() -> Standardized {
    let (n, p) = (60, 30);
    let columns: Vec<Vec<f64>> = (0..p)
        .map(|j| (0..n).map(|i| (((i * 7 + j * 13) % 17) as f64 - 8.0) / 4.0).collect())
        .collect();
    let x = regscope::data::Matrix::from_columns(n, &columns);
    let y: Vec<f64> = (0..n)
        .map(|i| x.get(i, 0) - 2.0 * x.get(i, 1) + 0.5 * x.get(i, 2) + ((i % 5) as f64 - 2.0) * 0.1)
        .collect();
    Standardized::new(&x, &y)
}

#[test]
fn the_path_observer_is_not_called_again_once_it_says_stop() {
    let data = small_problem();
    let lambdas = fit::default_grid(&data, 1.0, 50, 1e-3);
    let mut calls = Vec::new();
    let stopped = fit::fit_path_observed(&data, &lambdas, 1.0, &CdOptions::default(), &mut |done| {
        calls.push(done);
        done < 7
    })
    .unwrap();
    assert!(stopped.is_none(), "a stopped path is no path");
    assert_eq!(calls, (1..=7).collect::<Vec<_>>());

    // Observed to the end, it is the path fit_path computes.
    let mut count = 0;
    let full = fit::fit_path_observed(&data, &lambdas, 1.0, &CdOptions::default(), &mut |_| {
        count += 1;
        true
    })
    .unwrap()
    .unwrap();
    assert_eq!(count, lambdas.len());
    let plain = fit::fit_path(&data, &lambdas, 1.0, &CdOptions::default()).unwrap();
    assert_eq!(full.coefs, plain.coefs);
}

#[test]
fn stopped_cross_validation_returns_nothing() {
    let data = small_problem();
    let lambdas = fit::default_grid(&data, 1.0, 30, 1e-2);
    let folds: Vec<usize> = (0..data.x.nrows()).map(|i| i % 5).collect();
    let (x, y) = (&data.x, &data.y);
    let options = CdOptions::default();
    let stopped = fit::cross_validate_observed(x, y, &lambdas, 1.0, &folds, 5, &options, &|done| done < 1).unwrap();
    assert!(stopped.is_none());
    let finished = Mutex::new(Vec::new());
    let observed = fit::cross_validate_observed(x, y, &lambdas, 1.0, &folds, 5, &options, &|done| {
        finished.lock().unwrap().push(done);
        true
    })
    .unwrap()
    .unwrap();
    let plain = fit::cross_validate(x, y, &lambdas, 1.0, &folds, 5, &options).unwrap();
    assert_eq!(observed.mean, plain.mean);
    assert_eq!(
        finished.into_inner().unwrap().into_iter().max(),
        Some(5),
        "every fold reported"
    );
}
