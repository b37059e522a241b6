//! The linear screen read as a picture: the loss chart names its curves at every size, training and
//! validation differ without colour, each model has one colour on every panel, weight bars point
//! away from the axis by sign, and at 80x24 lambda, the losses and the true-support weights are on
//! screen together.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;
use regscope::app::{update, Action, State};
use regscope::cli::session::{self, SessionArgs};
use regscope::cli::snapshot::render_text;
use regscope::engine::Engine;
use regscope::screens::linear::view::WeightsOrder;
use regscope::screens::linear::{Action as L, MODELS};
use regscope::ui::theme::{TRAIN_SYMBOL, VALIDATION_SYMBOL};

/// The default scenario after `epochs` epochs, one frame drawn (the weights panel records its room).
fn sparse(epochs: usize) -> (Engine, State) {
    let (mut engine, mut state) = session::start(&SessionArgs::default(), epochs).expect("the default scenario starts");
    state.apply(engine.advance(epochs));
    render_text(&state, 120, 40);
    (engine, state)
}

fn act(engine: &mut Engine, state: &mut State, action: impl Into<Action>) {
    for command in update(state, action) {
        for report in engine.handle_now(command) {
            state.apply(report);
        }
    }
}

/// The frame drawn in colour (or not) into a buffer, to read styles from.
fn buffer(state: &State, width: u16, height: u16, monochrome: bool) -> Buffer {
    let mut state = state.clone();
    state.monochrome = monochrome;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| regscope::app::draw(&state, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Where `text` starts in row `y` of `buffer` (by cells), if it is there.
fn find_in_row(buffer: &Buffer, y: u16, text: &str) -> Option<u16> {
    find_in_row_from(buffer, 0, y, text)
}

/// Where `text` starts in row `y` of `buffer`, at `from` or right of it.
fn find_in_row_from(buffer: &Buffer, from: u16, y: u16, text: &str) -> Option<u16> {
    let cells: Vec<&str> = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
    let wanted: Vec<String> = text.chars().map(String::from).collect();
    (0..cells.len().saturating_sub(wanted.len() - 1))
        .filter(|&x| x >= from as usize)
        .find(|&x| cells[x..x + wanted.len()].iter().zip(&wanted).all(|(a, b)| a == b))
        .map(|x| x as u16)
}

/// Every `(x, y)` where `text` starts.
fn find(buffer: &Buffer, text: &str) -> Vec<(u16, u16)> {
    (0..buffer.area.height)
        .filter_map(|y| find_in_row(buffer, y, text).map(|x| (x, y)))
        .collect()
}

#[test]
fn the_loss_legend_names_every_model_and_both_markers_at_every_size() {
    let (_engine, state) = sparse(100);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let text = render_text(&state, w, h);
        let names = MODELS.map(|m| m.short()).join(" ");
        assert!(text.contains(&names), "no legend of the models at {w}x{h}:\n{text}");
        for marker in [format!("{TRAIN_SYMBOL} train"), format!("{VALIDATION_SYMBOL} val")] {
            assert!(text.contains(&marker), "no {marker:?} at {w}x{h}:\n{text}");
        }
        assert!(text.contains("Loss: MSE"), "the chart says it plots MSE:\n{text}");
    }
}

#[test]
fn training_and_validation_are_drawn_with_different_symbols_in_monochrome() {
    let (_engine, state) = sparse(100);
    let frame = buffer(&state, 120, 40, true);
    // The loss panel: the top-left panel, above the path panel's title.
    let bottom = find(&frame, "Lasso path").first().expect("the path panel at 120x40").1;
    let right = find(&frame, "Weights").first().expect("the weights panel").0;
    let (mut braille, mut dots) = (0, 0);
    for y in 2..bottom {
        for x in 1..right {
            let symbol = frame[(x, y)].symbol();
            let c = symbol.chars().next().unwrap_or(' ');
            braille += usize::from(('\u{2801}'..='\u{28FF}').contains(&c));
            dots += usize::from(symbol == "•");
        }
    }
    // Four training curves as braille lines, four validation curves as dots: both are there.
    assert!(braille > 40, "{braille} braille cells");
    assert!(dots > 5, "{dots} validation dots");
}

/// The foreground of the cells of `text` at `(x, y)`: one colour, or a failure naming the place.
fn colour_of(buffer: &Buffer, (x, y): (u16, u16), text: &str) -> Color {
    let colours: Vec<Color> = (0..text.chars().count() as u16)
        .map(|k| buffer[(x + k, y)].fg)
        .collect();
    assert!(
        colours.iter().all(|c| *c == colours[0]),
        "{text} at ({x}, {y}) is in several colours: {colours:?}"
    );
    colours[0]
}

#[test]
fn every_model_has_one_colour_on_every_panel() {
    let (_engine, state) = sparse(100);
    let frame = buffer(&state, 120, 40, false);
    let legend = find(&frame, &MODELS.map(|m| m.short()).join(" "))[0];
    let header = find(&frame, "feat")[0];
    let status_row = frame.area.height - 1;
    // Each model's part of the status starts with its name and then its lambda or its nonzeros
    // ("none 30/30 nz", "L1 λ 0.80"); the status wraps over the last lines.
    let in_status_lines = |name: &str| {
        let pattern = |y: u16| {
            find_in_row(&frame, y, &format!("{name} λ"))
                .or_else(|| (1..=9).find_map(|d| find_in_row(&frame, y, &format!("{name} {d}"))))
        };
        (status_row - 3..=status_row).find_map(|y| pattern(y).map(|x| (x, y)))
    };
    let mut model_colours = Vec::new();
    let mut legend_x = legend.0;
    for id in MODELS {
        let name = id.short();
        let in_legend = colour_of(&frame, (legend_x, legend.1), name);
        legend_x += name.len() as u16 + 1;
        let header_x =
            find_in_row_from(&frame, header.0, header.1, &format!(" {name} ")).expect("a weights column") + 1;
        let in_header = colour_of(&frame, (header_x, header.1), name);
        let at = in_status_lines(name).expect("the status line names it");
        let in_status = colour_of(&frame, at, name);
        assert_ne!(in_legend, Color::Reset, "{name} has a colour");
        assert_eq!(in_legend, in_header, "{name}: legend and weights header");
        assert_eq!(in_legend, in_status, "{name}: legend and status line");
        // Its bars: every bar cell under its column's label.
        let column = (header_x.saturating_sub(2)..header_x + 5).collect::<Vec<_>>();
        let bar_colours: Vec<Color> = (header.1 + 2..status_row - 2)
            .flat_map(|y| column.iter().map(move |&x| (x, y)))
            .filter(|&(x, y)| "▏▎▍▌▋▊▉█▐▕".contains(frame[(x, y)].symbol()))
            .map(|(x, y)| frame[(x, y)].fg)
            .collect();
        assert!(!bar_colours.is_empty(), "{name} has bars");
        assert!(
            bar_colours.iter().all(|c| *c == in_legend),
            "{name}'s bars are in its colour"
        );
        model_colours.push(in_legend);
    }
    // The curves: every braille or dot cell of the loss panel is in some model's colour.
    let bottom = find(&frame, "Lasso path")[0].1;
    let mut curve_cells = 0;
    for y in legend.1 + 2..bottom - 3 {
        for x in 6..header.0 - 2 {
            let cell = &frame[(x, y)];
            let c = cell.symbol().chars().next().unwrap_or(' ');
            if ('\u{2801}'..='\u{28FF}').contains(&c) || c == '•' {
                assert!(
                    model_colours.contains(&cell.fg),
                    "a curve at ({x}, {y}) in {:?}",
                    cell.fg
                );
                curve_cells += 1;
            }
        }
    }
    assert!(curve_cells > 50, "{curve_cells} cells of curves checked");
}

/// The cells of the truth column's bar in the weights row of `feature`, left and right of its axis.
fn truth_bar(frame: &str, feature: &str) -> (String, String) {
    let header = frame.lines().find(|l| l.contains("feat ")).expect("the weights header");
    let truth_x = header.chars().collect::<Vec<_>>();
    let start = (0..truth_x.len())
        .find(|&i| truth_x[i..].starts_with(&['t', 'r', 'u', 't', 'h']))
        .expect("a truth column");
    let row = frame
        .lines()
        .find(|l| l.contains(&format!("*{feature} ")) || l.contains(&format!(">{feature} ")))
        .unwrap_or_else(|| panic!("a row for {feature}:\n{frame}"));
    let cells: Vec<char> = row.chars().collect();
    // The axis of the truth bar is the `│` nearest under the label's middle.
    let middle = start + 2;
    let axis = (middle - 3..=middle + 3)
        .filter(|&x| cells[x] == '│')
        .min_by_key(|&x| x.abs_diff(middle))
        .expect("an axis under the truth label");
    let left: String = cells[axis - 3..axis].iter().collect();
    let right: String = cells[axis + 1..axis + 4].iter().collect();
    (left, right)
}

#[test]
fn negative_and_positive_weights_point_away_from_the_axis_in_opposite_directions() {
    let (_engine, state) = sparse(20);
    let data = state.screens.linear.view.data.as_ref().unwrap();
    let truth = data.truth.as_ref().expect("a synthetic scenario has a truth");
    let positive = truth.iter().position(|&b| b > 0.0).expect("a positive true weight");
    let negative = truth.iter().position(|&b| b < 0.0).expect("a negative true weight");
    let frame = render_text(&state, 120, 40);
    let (left, right) = truth_bar(&frame, &data.feature_names[positive]);
    assert!(
        left.trim().is_empty() && !right.trim().is_empty(),
        "positive: {left:?}│{right:?}"
    );
    let (left, right) = truth_bar(&frame, &data.feature_names[negative]);
    assert!(
        !left.trim().is_empty() && right.trim().is_empty(),
        "negative: {left:?}│{right:?}"
    );
}

#[test]
fn at_80x24_lambda_the_losses_and_the_true_support_are_on_screen_together() {
    let (_engine, state) = sparse(100);
    let text = render_text(&state, 80, 24);
    assert!(text.contains("λ "), "lambda in the status:\n{text}");
    assert!(
        text.contains("Loss: MSE") && text.contains(&format!("{TRAIN_SYMBOL} train")),
        "{text}"
    );
    let data = state.screens.linear.view.data.as_ref().unwrap();
    for (j, _) in data
        .truth
        .as_ref()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, b)| **b != 0.0)
    {
        let name = &data.feature_names[j];
        assert!(
            text.contains(&format!("*{name} ")) || text.contains(&format!(">{name} ")),
            "true-support feature {name} is not among the weights at 80x24:\n{text}"
        );
    }
}

#[test]
fn the_focused_weights_row_shows_its_numbers_and_the_order_key_cycles() {
    let (mut engine, mut state) = sparse(50);
    assert_eq!(state.screens.linear.view.weights_order, WeightsOrder::Support);
    act(&mut engine, &mut state, L::ScrollWeights(1));
    let view = &state.screens.linear.view;
    assert_eq!(view.weights_focus, 1);
    let text = render_text(&state, 120, 40);
    // The focused row is marked, and the line under the header has the L1 weight of that feature
    // to three significant digits.
    let focused = text
        .lines()
        .find_map(|l| {
            l.split('>')
                .nth(1)
                .map(|rest| rest.split_whitespace().next().unwrap().to_string())
        })
        .expect("a focused row");
    let data = view.data.as_ref().unwrap();
    let j = data.feature_names.iter().position(|n| *n == focused).unwrap();
    let lasso = MODELS.iter().position(|m| m.short() == "L1").unwrap();
    let weight = view.models[lasso].weights[j];
    let shown = regscope::ui::format::short(weight);
    assert!(
        text.lines()
            .any(|l| l.contains(&format!(" {focused} ")) && l.contains(&shown)),
        "{focused}'s L1 weight {shown} is written:\n{text}"
    );
    for order in [WeightsOrder::Index, WeightsOrder::Lasso, WeightsOrder::Support] {
        act(&mut engine, &mut state, L::OrderWeights);
        assert_eq!(state.screens.linear.view.weights_order, order);
    }
}

#[test]
fn the_help_footer_is_whole_at_80_columns() {
    let (mut engine, mut state) = sparse(20);
    act(&mut engine, &mut state, regscope::app::Global::ToggleHelp);
    let text = render_text(&state, 80, 24);
    let legend = state.active.status_legend();
    let flat: String = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains(legend), "the note {legend:?} is whole:\n{text}");
    assert!(text.contains("close"), "{text}");
}

#[test]
fn a_setting_change_is_marked_on_the_loss_chart_and_early_stopping_has_its_glyph() {
    let (_engine, mut state) = sparse(100);
    let before = render_text(&state, 120, 40);
    assert!(
        before.contains('◆'),
        "the unregularized model's best validation epoch:\n{before}"
    );
    assert!(!before.contains('┊'), "no change yet:\n{before}");
    state.screens.linear.view.setting_changes.push(30);
    let after = render_text(&state, 120, 40);
    assert!(
        after.lines().filter(|l| l.contains('┊')).count() >= 3,
        "a vertical mark at epoch 30:\n{after}"
    );
}
