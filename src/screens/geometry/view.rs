//! What the geometry screen draws, computed by the lab when a setting changes: the data's problem,
//! both solutions, the region, the contours, the path and the one-dimensional estimators, all in
//! the plane's coordinates. Drawing reads these and computes nothing but the frame's scale.

use super::settings::Penalty;
use crate::fit::geometry::TwoFeatures;

/// The panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The (w0, w1) plane: contours, region, path.
    Plane,
    /// The one-dimensional estimators of orthonormal features.
    Shrinkage,
}

impl Panel {
    pub const ALL: [Panel; 2] = [Panel::Plane, Panel::Shrinkage];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Plane => "Plane",
            Panel::Shrinkage => "Shrinkage",
        }
    }
}

/// The lab's report: the picture for the current settings.
#[derive(Clone, Debug)]
pub enum Report {
    Picture(Box<Picture>),
}

/// A point of the plane.
pub type Point = (f64, f64);

/// A loss contour: `loss(w) - loss(ols) = level` as a closed polyline.
#[derive(Clone, Debug, PartialEq)]
pub struct Contour {
    pub level: f64,
    pub points: Vec<Point>,
    /// The contour through the regularized solution: the smallest that touches the region.
    pub touching: bool,
}

/// Where the path first sets a coefficient to exactly 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zero {
    /// The coefficient (0 or 1).
    pub feature: usize,
    pub lambda: f64,
    /// The solution there (on an axis).
    pub at: Point,
}

/// One of the one-dimensional estimators, as a function of the least-squares estimate `z`.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimator {
    /// `lasso`, `ridge`, `subset`, `elastic-net` or `least squares`.
    pub name: &'static str,
    /// Its colour's meaning: a penalty's model, or the unregularized model for least squares; best
    /// subset has none.
    pub series: Option<crate::ui::theme::Series>,
    pub points: Vec<Point>,
}

/// Everything the screen shows for one setting.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub penalty: Penalty,
    pub l1_ratio: f64,
    /// The penalty's weights: `P(w) = l1 |w|_1 + l2/2 |w|^2`.
    pub mix: crate::fit::geometry::Mix,
    pub lambda: f64,
    pub position: usize,
    pub problem: TwoFeatures,
    pub truth: [f64; 2],
    pub ols: [f64; 2],
    pub solution: [f64; 2],
    /// The region's budget `t` (see [`crate::fit::geometry::budget`]).
    pub budget: f64,
    pub loss_ols: f64,
    pub loss_solution: f64,
    pub zero: Option<Zero>,
    /// The region's boundary, closed.
    pub region: Vec<Point>,
    /// Loss contours around the least-squares solution, the touching one among them.
    pub contours: Vec<Contour>,
    /// The solution as lambda runs from lambda_max (or the top of ridge's grid) down to 0.
    pub path: Vec<Point>,
    /// The plane is drawn over `[-extent, extent]` (at least) on both axes.
    pub extent: f64,
    /// The one-dimensional estimators at this lambda over `z` in `[-z_extent, z_extent]` (fixed for
    /// the data, so the thresholds move as lambda does).
    pub estimators: Vec<Estimator>,
    pub z_extent: f64,
}

/// The geometry screen's view.
#[derive(Clone, Debug)]
pub struct View {
    pub picture: Picture,
    pub panel: Panel,
    pub hidden: Vec<Panel>,
}

impl View {
    pub fn new(picture: Picture) -> Self {
        Self {
            picture,
            panel: Panel::Plane,
            hidden: Vec::new(),
        }
    }

    pub fn apply(&mut self, report: Report) {
        match report {
            Report::Picture(picture) => self.picture = *picture,
        }
    }
}
