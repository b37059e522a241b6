//! How the linear screen's view is shown: its panels, the quantity its loss curves show, the order of
//! its weights rows (view state the keys change; no data).

/// The panels: at full size all are visible and one has focus; when small, one tab at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Loss,
    Weights,
    Path,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Loss, Panel::Weights, Panel::Path];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Loss => "Loss",
            Panel::Weights => "Weights",
            Panel::Path => "Path",
        }
    }
}

/// Which quantity the loss curves show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossView {
    /// `1/(2n) ||y - X w||^2` on training and validation rows.
    Data,
    /// The penalty term alone.
    Penalty,
    /// Data loss plus penalty: the objective each model minimizes.
    Total,
}

impl LossView {
    pub fn next(self) -> Self {
        match self {
            LossView::Data => LossView::Penalty,
            LossView::Penalty => LossView::Total,
            LossView::Total => LossView::Data,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LossView::Data => "MSE",
            LossView::Penalty => "penalty",
            LossView::Total => "objective ½·MSE + penalty",
        }
    }
}

/// The order of the weights panel's rows (`o` cycles it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightsOrder {
    /// The true support first, largest |true weight| first, then the rest by index: the features
    /// that matter are at the top, at a glance (by index when there is no truth).
    Support,
    /// By feature index.
    Index,
    /// By the lasso's |weight|, largest first: what the lasso chose, at the top.
    Lasso,
}

impl WeightsOrder {
    pub fn next(self) -> Self {
        match self {
            WeightsOrder::Support => WeightsOrder::Index,
            WeightsOrder::Index => WeightsOrder::Lasso,
            WeightsOrder::Lasso => WeightsOrder::Support,
        }
    }

    /// How the panel's title names it.
    pub fn label(self) -> &'static str {
        match self {
            WeightsOrder::Support => "support first",
            WeightsOrder::Index => "by index",
            WeightsOrder::Lasso => "by |L1|",
        }
    }
}
