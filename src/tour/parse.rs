//! Reading a tour file: TOML into raw tables, then each step checked and made whole. Every mistake is
//! reported with the file, the line and the key, as a person editing the file needs it.

use super::{ClassificationStep, DropoutStep, GeometryStep, LinearStep, Position, Step, StepSettings, Tour};
use crate::screens::linear::{ModelId, DEFAULT_L1_RATIO, DEFAULT_POSITION, GRID_SIZE};
use crate::screens::{dropout, geometry, keys, ScreenId};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// A mistake in a tour file, or a tour that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TourError(String);

impl TourError {
    /// A mistake at byte range `span` of `text`: "FILE, line L, key K: MESSAGE".
    fn at(file: &str, text: &str, span: Option<Range<usize>>, message: &str) -> Self {
        let Some(span) = span else {
            return TourError(format!("tour file {file}: {message}"));
        };
        let start = span.start.min(text.len());
        let line = text[..start].matches('\n').count() + 1;
        let line_text = text[..start].rsplit('\n').next().unwrap_or("").to_string()
            + text[start..].split('\n').next().unwrap_or("");
        let key = key_of(&line_text);
        let key = key.map(|k| format!(", key `{k}`")).unwrap_or_default();
        TourError(format!("tour file {file}, line {line}{key}: {message}"))
    }

    pub(super) fn unknown(name: &str, known: &str) -> Self {
        TourError(format!("no tour is called {name:?}; the tours are: {known}"))
    }

    pub(super) fn unreadable(path: &std::path::Path, error: &std::io::Error) -> Self {
        TourError(format!("cannot read tour file {}: {error}", path.display()))
    }
}

/// The key a line of TOML sets (`key = value`), if it sets one.
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || "-_\"'.".contains(c));
    plain.then_some(key)
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTour {
    title: String,
    #[serde(rename = "step", default)]
    steps: Vec<Spanned<RawStep>>,
}

/// One `[[step]]` table as written: every setting optional, checked in [`step`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStep {
    title: String,
    narration: String,
    question: Option<String>,
    scenario: Spanned<String>,
    seed: Option<u64>,
    /// Every penalized model's position (the arrows' "strength"), or "min" / "1se".
    strength: Option<Spanned<RawPosition>>,
    ridge: Option<Spanned<RawPosition>>,
    lasso: Option<Spanned<RawPosition>>,
    elastic_net: Option<Spanned<RawPosition>>,
    l1_ratio: Option<Spanned<f64>>,
    path: Option<Spanned<String>>,
    dropout: Option<Spanned<f64>>,
    decay: Option<Spanned<f64>>,
    /// The geometry screen's penalty: lasso, ridge or elastic-net.
    penalty: Option<Spanned<String>>,
    correlation: Option<Spanned<f64>>,
    angle: Option<Spanned<f64>>,
    zoom: Option<Spanned<String>>,
    keys: Option<Spanned<String>>,
}

/// A position as written: a grid step or a cross-validated choice.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawPosition {
    Step(i64),
    Named(String),
}

/// The panels a step may zoom on `screen`: its panels' titles, in lower case (as `app::tour` finds
/// them again).
pub fn zoom_panels(screen: ScreenId) -> Vec<String> {
    let titles: Vec<&str> = match screen {
        ScreenId::Linear => crate::screens::linear::view::Panel::ALL
            .iter()
            .map(|p| p.title())
            .collect(),
        ScreenId::Dropout => dropout::Panel::ALL.iter().map(|p| p.title()).collect(),
        ScreenId::Geometry => geometry::Panel::ALL.iter().map(|p| p.title()).collect(),
        ScreenId::Classification => crate::screens::classification::Panel::ALL
            .iter()
            .map(|p| p.title())
            .collect(),
    };
    titles.into_iter().map(str::to_lowercase).collect()
}

/// Parses and checks a whole tour.
pub(super) fn tour(name: &str, file: &str, text: &str) -> Result<Tour, TourError> {
    let raw: RawTour = toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end_matches('\n').replace('\n', " ");
        TourError::at(file, text, e.span(), &message)
    })?;
    if raw.steps.is_empty() {
        return Err(TourError::at(file, text, None, "a tour needs at least one [[step]]"));
    }
    let steps = raw
        .steps
        .into_iter()
        .map(|s| step(s.into_inner()).map_err(|(span, m)| TourError::at(file, text, Some(span), &m)))
        .collect::<Result<_, _>>()?;
    Ok(Tour {
        name: name.to_string(),
        title: raw.title,
        steps,
    })
}

/// What a check found wrong, and where.
type Bad = (Range<usize>, String);

/// Checks one step and makes it whole.
fn step(raw: RawStep) -> Result<Step, Bad> {
    let scenario = raw.scenario.get_ref().clone();
    let screen = ScreenId::owning(&scenario)
        .or_else(|| crate::data::Scenario::named(&scenario).ok().map(|_| ScreenId::Linear))
        .ok_or_else(|| {
            let known = crate::data::scenario::scenario_names()
                .into_iter()
                .chain(ScreenId::scenarios())
                .collect::<Vec<_>>()
                .join(", ");
            (
                raw.scenario.span(),
                format!("no scenario is called {scenario:?}; the scenarios are: {known}"),
            )
        })?;
    let settings = match screen {
        ScreenId::Linear => StepSettings::Linear(linear(&raw)?),
        ScreenId::Dropout => StepSettings::Dropout(dropout(&raw)?),
        ScreenId::Geometry => StepSettings::Geometry(geometry_step(&raw)?),
        ScreenId::Classification => StepSettings::Classification(classification_step(&raw)?),
    };
    let zoom = raw.zoom.as_ref().map(|zoom| checked_zoom(screen, zoom)).transpose()?;
    let keys = raw
        .keys
        .as_ref()
        .map(|k| checked_keys(screen, k))
        .transpose()?
        .unwrap_or_default();
    Ok(Step {
        title: raw.title,
        narration: raw.narration.trim().to_string(),
        question: raw.question,
        screen,
        scenario,
        seed: raw.seed,
        settings,
        zoom,
        keys,
    })
}

/// A linear step: refuses the dropout screen's keys, fills in the defaults.
fn linear(raw: &RawStep) -> Result<LinearStep, Bad> {
    refuse([(span(&raw.dropout), "dropout"), (span(&raw.decay), "decay")], |key| {
        format!("`{key}` is a dropout-screen setting; this step is on the linear screen")
    })?;
    refuse_geometry_keys(raw, "linear")?;
    let strength = raw.strength.as_ref().map(position).transpose()?;
    let mut positions = [Position::Step(0); 4];
    for (model, given) in [
        (ModelId::Ridge, &raw.ridge),
        (ModelId::Lasso, &raw.lasso),
        (ModelId::ElasticNet, &raw.elastic_net),
    ] {
        let own = given.as_ref().map(position).transpose()?;
        positions[model as usize] = own.or(strength).unwrap_or(Position::Step(DEFAULT_POSITION));
    }
    let l1_ratio = match &raw.l1_ratio {
        Some(r) if !(0.0..=1.0).contains(r.get_ref()) => {
            return Err((
                r.span(),
                format!("the l1-ratio is {}; it must be from 0 to 1", r.get_ref()),
            ))
        }
        Some(r) => *r.get_ref(),
        None => DEFAULT_L1_RATIO,
    };
    Ok(LinearStep {
        positions,
        l1_ratio,
        path: path_model(raw)?,
    })
}

/// Whose path the path panel shows: `lasso` (the default), `elastic-net` or `ridge`.
fn path_model(raw: &RawStep) -> Result<ModelId, Bad> {
    match raw.path.as_ref() {
        None => Ok(ModelId::Lasso),
        Some(p) => match p.get_ref().as_str() {
            "lasso" => Ok(ModelId::Lasso),
            "elastic-net" => Ok(ModelId::ElasticNet),
            "ridge" => Ok(ModelId::Ridge),
            other => Err((p.span(), format!("no path {other:?}; give lasso, elastic-net or ridge"))),
        },
    }
}

// A step's `strength` is checked against the linear grid's size; the classification grid is as long.
const _: () = assert!(GRID_SIZE == crate::screens::classification::GRID_SIZE);

/// A classification step: `strength` (every penalized model at once) and `path`; refuses the other
/// screens' settings.
fn classification_step(raw: &RawStep) -> Result<ClassificationStep, Bad> {
    let not_here =
        |why: &'static str| move |key: &str| format!("`{key}` is not a setting of a classification step: {why}");
    let per_model = [
        (span(&raw.ridge), "ridge"),
        (span(&raw.lasso), "lasso"),
        (span(&raw.elastic_net), "elastic-net"),
    ];
    refuse(per_model, not_here("give `strength` for every model"))?;
    refuse(
        [(span(&raw.l1_ratio), "l1-ratio")],
        not_here("a step keeps 0.5 (↑ ↓ change it)"),
    )?;
    let dropout_keys = [(span(&raw.dropout), "dropout"), (span(&raw.decay), "decay")];
    refuse(dropout_keys, not_here("it is a dropout-screen setting"))?;
    refuse_geometry_keys(raw, "classification")?;
    Ok(ClassificationStep {
        strength: raw
            .strength
            .as_ref()
            .map(position)
            .transpose()?
            .unwrap_or(Position::CvMin),
        path: path_model(raw)?,
    })
}

/// A grid position: 0 to `GRID_SIZE - 1`, "min" or "1se".
fn position(raw: &Spanned<RawPosition>) -> Result<Position, Bad> {
    let bad = |what: String| {
        (
            raw.span(),
            format!(
                "{what}: give a grid step from 0 (strongest) to {} (weakest), \"min\" or \"1se\"",
                GRID_SIZE - 1
            ),
        )
    };
    match raw.get_ref() {
        RawPosition::Step(step) => usize::try_from(*step)
            .ok()
            .filter(|&s| s < GRID_SIZE)
            .map(Position::Step)
            .ok_or_else(|| bad(format!("grid step {step} is off the grid"))),
        RawPosition::Named(name) => match name.as_str() {
            "min" => Ok(Position::CvMin),
            "1se" => Ok(Position::Cv1se),
            other => Err(bad(format!("{other:?} is not a position"))),
        },
    }
}

/// A dropout step: refuses the linear screen's keys, fills in the defaults.
fn dropout(raw: &RawStep) -> Result<DropoutStep, Bad> {
    let linear_keys = [
        (span(&raw.strength), "strength"),
        (span(&raw.ridge), "ridge"),
        (span(&raw.lasso), "lasso"),
        (span(&raw.elastic_net), "elastic-net"),
        (span(&raw.l1_ratio), "l1-ratio"),
        (span(&raw.path), "path"),
    ];
    refuse(linear_keys, |key| {
        format!("`{key}` is a linear-screen setting; this step is on the dropout screen")
    })?;
    refuse_geometry_keys(raw, "dropout")?;
    let defaults = dropout::Settings::new(crate::data::nonlinear::Shape::Curve, 1);
    let rate = in_range(&raw.dropout, dropout::RATE_MAX, "the dropout rate")?.unwrap_or(defaults.rate);
    let weight_decay = in_range(&raw.decay, 1.0, "the weight decay")?;
    Ok(DropoutStep { rate, weight_decay })
}

/// Refuses the geometry screen's own keys on a step of another screen.
fn refuse_geometry_keys(raw: &RawStep, screen: &str) -> Result<(), Bad> {
    let keys = [
        (span(&raw.penalty), "penalty"),
        (span(&raw.correlation), "correlation"),
        (span(&raw.angle), "angle"),
    ];
    refuse(keys, |key| {
        format!("`{key}` is a geometry-screen setting; this step is on the {screen} screen")
    })
}

/// Where a setting was written, if it was.
fn span<T>(value: &Option<Spanned<T>>) -> Option<Range<usize>> {
    value.as_ref().map(Spanned::span)
}

/// Refuses the first of `keys` that was written (`(where, name)`), with `message(name)`.
fn refuse<const N: usize>(
    keys: [(Option<Range<usize>>, &str); N],
    message: impl Fn(&str) -> String,
) -> Result<(), Bad> {
    match keys.into_iter().find_map(|(span, key)| Some((span?, key))) {
        Some((span, key)) => Err((span, message(key))),
        None => Ok(()),
    }
}

/// A geometry step's penalty (`lasso`, `ridge` or `elastic-net`).
fn geometry_penalty(raw: &RawStep, default: geometry::Penalty) -> Result<geometry::Penalty, Bad> {
    let Some(p) = raw.penalty.as_ref() else {
        return Ok(default);
    };
    geometry::Penalty::ALL
        .into_iter()
        .find(|penalty| penalty.name() == p.get_ref())
        .ok_or_else(|| {
            (
                p.span(),
                format!("no penalty {:?}; give lasso, ridge or elastic-net", p.get_ref()),
            )
        })
}

/// A geometry step's place on its grid: a step from 0 to `GRID_STEPS` (lambda = 0).
fn geometry_position(raw: &RawStep, default: usize) -> Result<usize, Bad> {
    let Some(s) = raw.strength.as_ref() else {
        return Ok(default);
    };
    match s.get_ref() {
        RawPosition::Step(k) if (0..=geometry::GRID_STEPS as i64).contains(k) => Ok(*k as usize),
        _ => Err((
            s.span(),
            format!(
                "on the geometry screen the strength is a grid step from 0 (strongest) to {} (λ = 0)",
                geometry::GRID_STEPS
            ),
        )),
    }
}

/// A geometry step: refuses the other screens' keys, fills in the defaults.
fn geometry_step(raw: &RawStep) -> Result<GeometryStep, Bad> {
    let foreign = [
        (raw.ridge.as_ref().map(Spanned::span), "ridge"),
        (raw.lasso.as_ref().map(Spanned::span), "lasso"),
        (raw.elastic_net.as_ref().map(Spanned::span), "elastic-net"),
        (raw.path.as_ref().map(Spanned::span), "path"),
        (raw.dropout.as_ref().map(Spanned::span), "dropout"),
        (raw.decay.as_ref().map(Spanned::span), "decay"),
    ];
    if let Some((Some(span), key)) = foreign.into_iter().find(|(span, _)| span.is_some()) {
        return Err((span, format!("`{key}` is not a setting of the geometry screen")));
    }
    let defaults = geometry::Settings::default();
    let penalty = geometry_penalty(raw, defaults.penalty)?;
    let position = geometry_position(raw, defaults.position)?;
    let l1_ratio = match &raw.l1_ratio {
        Some(r) if penalty != geometry::Penalty::ElasticNet => {
            return Err((r.span(), "`l1-ratio` goes with penalty = \"elastic-net\"".to_string()))
        }
        Some(r) if !(0.1..=0.9).contains(r.get_ref()) => {
            return Err((
                r.span(),
                format!("the l1-ratio is {}; the elastic net's is from 0.1 to 0.9", r.get_ref()),
            ))
        }
        Some(r) => *r.get_ref(),
        None => defaults.l1_ratio,
    };
    let correlation = match &raw.correlation {
        Some(c) if !(-0.9..=0.9).contains(c.get_ref()) => {
            return Err((
                c.span(),
                format!("the correlation is {}; it must be from -0.9 to 0.9", c.get_ref()),
            ))
        }
        Some(c) => *c.get_ref(),
        None => defaults.correlation,
    };
    let angle_degrees = match &raw.angle {
        Some(a) if !a.get_ref().is_finite() => {
            return Err((
                a.span(),
                format!("the angle is {}; give degrees, such as 15", a.get_ref()),
            ))
        }
        Some(a) => a.get_ref().rem_euclid(360.0),
        None => defaults.angle_degrees,
    };
    Ok(GeometryStep {
        penalty,
        position,
        l1_ratio,
        correlation,
        angle_degrees,
    })
}

/// A number from 0 to `max`, if given.
fn in_range(value: &Option<Spanned<f64>>, max: f64, what: &str) -> Result<Option<f64>, Bad> {
    match value {
        Some(v) if !(0.0..=max).contains(v.get_ref()) => Err((
            v.span(),
            format!("{what} is {}; it must be from 0 to {max}", v.get_ref()),
        )),
        Some(v) => Ok(Some(*v.get_ref())),
        None => Ok(None),
    }
}

/// A panel the step's screen has.
fn checked_zoom(screen: ScreenId, zoom: &Spanned<String>) -> Result<String, Bad> {
    let panels = zoom_panels(screen);
    if panels.contains(zoom.get_ref()) {
        return Ok(zoom.get_ref().clone());
    }
    Err((
        zoom.span(),
        format!(
            "the {} screen has no panel {:?}; give one of {}",
            screen.name(),
            zoom.get_ref(),
            panels.join(", ")
        ),
    ))
}

/// Key names separated by spaces, each one a key of the step's screen (a global key, such as `q` or
/// `e`, would quit or write a file on every visit of the step).
fn checked_keys(screen: ScreenId, text: &Spanned<String>) -> Result<Vec<String>, Bad> {
    text.get_ref()
        .split_whitespace()
        .map(|k| {
            let event = keys::parse_key(k).map_err(|e| (text.span(), e))?;
            match screen.action_for(&event) {
                Some(_) => Ok(k.to_string()),
                None => Err((
                    text.span(),
                    format!("{k:?} is not a key of the {} screen", screen.name()),
                )),
            }
        })
        .collect()
}
