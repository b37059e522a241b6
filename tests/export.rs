//! Frames exported for slides: `snapshot --format svg|html|ansi` and the explorer's `e` / `E`. Every
//! format shows the same frame as `--format text`: the SVG's text sits in the text frame's cells, its
//! colours are the palette's or the theme's, the HTML is one self-contained page, and the ANSI text
//! without its escapes is the text frame. States are trained a few epochs, not settled, to stay fast.

use ratatui::style::{Color, Style};
use regscope::app::{export_frame, keymap, update, Global, State};
use regscope::cli::session::SessionArgs;
use regscope::cli::snapshot::{self, Format, SnapshotArgs, ThemeFlag};
use regscope::ui::export;
use regscope::ui::theme::{self, Depth, Series};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// The arguments of a quick snapshot: 30 epochs, no settling.
fn args(dropout: bool, (width, height): (u16, u16), format: Format) -> SnapshotArgs {
    SnapshotArgs {
        session: SessionArgs::default(),
        width,
        height,
        epochs: 30,
        screen: dropout.then_some(regscope::screens::ScreenId::Dropout),
        format,
        settle: false,
        ..SnapshotArgs::default()
    }
}

/// The quick state of the linear or the dropout screen, made once (starting one is most of a test's
/// time) and cloned.
fn state(dropout: bool) -> State {
    static STATES: [Mutex<Option<State>>; 2] = [Mutex::new(None), Mutex::new(None)];
    let mut made = STATES[dropout as usize].lock().unwrap_or_else(|e| e.into_inner());
    made.get_or_insert_with(|| snapshot::settle(&args(dropout, (80, 24), Format::Text)).expect("a state"))
        .clone()
}

/// That state in `format` and `theme` at `size`, as `snapshot` prints it.
fn themed(dropout: bool, size: (u16, u16), format: Format, theme: ThemeFlag) -> String {
    snapshot::render(&mut state(dropout), format, theme, size)
}

/// [`themed`] on the dark theme.
fn frame(dropout: bool, size: (u16, u16), format: Format) -> String {
    themed(dropout, size, format, ThemeFlag::Dark)
}

/// Braille, block elements and box drawing: the glyphs a picture draws as shapes, not text.
fn is_graphic(c: char) -> bool {
    matches!(c as u32, 0x2500..=0x259F | 0x2800..=0x28FF)
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xml, options).unwrap_or_else(|e| panic!("not XML: {e}"))
}

/// The first `<svg>` element and its viewBox's width and height.
fn svg_size<'a>(doc: &'a roxmltree::Document<'a>) -> (roxmltree::Node<'a, 'a>, f64, f64) {
    let svg = doc
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("an <svg> element");
    let view: Vec<f64> = svg
        .attribute("viewBox")
        .expect("a viewBox")
        .split_whitespace()
        .map(|v| v.parse().expect("a number"))
        .collect();
    (svg, view[2], view[3])
}

/// The characters the SVG writes, by (row, column) of the grid, from every `<text>`'s `x` list and `y`.
fn svg_cells(xml: &str, columns: usize, rows: usize) -> BTreeMap<(usize, usize), char> {
    let doc = parse(xml);
    let (svg, width, height) = svg_size(&doc);
    let (cell_w, cell_h) = (width / columns as f64, height / rows as f64);
    let mut cells = BTreeMap::new();
    for text in svg.descendants().filter(|n| n.has_tag_name("text")) {
        let y: f64 = text.attribute("y").expect("y").parse().expect("a number");
        let row = (y / cell_h).floor() as usize;
        let xs: Vec<f64> = text
            .attribute("x")
            .expect("x")
            .split_whitespace()
            .map(|v| v.parse().expect("a number"))
            .collect();
        let content = text.text().unwrap_or("");
        assert_eq!(
            xs.len(),
            content.chars().count(),
            "an x for every character: {content:?}"
        );
        for (x, c) in xs.iter().zip(content.chars()) {
            let column = x / cell_w;
            assert!(
                (column - column.round()).abs() < 1e-6,
                "{c} at x {x} is not on a cell's edge"
            );
            assert!(
                cells.insert((row, column.round() as usize), c).is_none(),
                "two characters in one cell"
            );
        }
    }
    cells
}

/// The text frame's visible text characters by (row, column).
fn text_cells(text: &str) -> BTreeMap<(usize, usize), char> {
    let mut cells = BTreeMap::new();
    for (row, line) in text.lines().enumerate() {
        for (column, c) in line.chars().enumerate() {
            if c != ' ' && !is_graphic(c) {
                cells.insert((row, column), c);
            }
        }
    }
    cells
}

/// Every `fill` and `stroke` colour in a document, lower case.
fn colours(xml: &str) -> BTreeSet<String> {
    parse(xml)
        .descendants()
        .flat_map(|n| ["fill", "stroke"].map(|a| n.attribute(a)))
        .flatten()
        .filter(|v| *v != "none")
        .map(str::to_lowercase)
        .collect()
}

/// `#rrggbb` of an RGB colour (in the test's own words, not the exporter's).
fn hex(color: Color) -> Option<String> {
    match color {
        Color::Rgb(r, g, b) => Some(format!("#{r:02x}{g:02x}{b:02x}")),
        _ => None,
    }
}

/// The models' palette, exact: the true-colour theme's series colours.
fn palette() -> Vec<String> {
    let true_color = theme::color(Depth::TrueColor);
    Series::ALL
        .iter()
        .map(|&s| hex(true_color.series(s).fg.expect("a colour")).expect("RGB"))
        .collect()
}

/// The colours a picture may use: the palette, and what the export theme gives the terminal's own
/// colours the explorer's styles name (background, foreground, its greys and key colour).
fn allowed(look: export::Theme) -> BTreeSet<String> {
    let styles = theme::COLOR;
    let named: Vec<Style> = vec![
        styles.text,
        styles.dim,
        styles.title,
        styles.border,
        styles.border_focus,
        styles.axis,
        styles.zero,
        styles.support,
        styles.truth,
        styles.cursor,
        styles.cv,
        styles.warning,
        styles.key,
        styles.tab_selected,
    ];
    let mut colours: BTreeSet<String> = palette().into_iter().collect();
    colours.insert(look.background().hex());
    colours.insert(look.foreground().hex());
    for style in named {
        for c in [style.fg, style.bg].into_iter().flatten() {
            colours.insert(look.rgb(c, false).hex());
        }
    }
    colours
}

#[test]
fn svg_parses_and_has_the_text_frames_characters_in_their_cells() {
    for dropout in [false, true] {
        for size in [(80, 24), (120, 40)] {
            let text = frame(dropout, size, Format::Text);
            let svg = frame(dropout, size, Format::Svg);
            let expected = text_cells(&text);
            let written: BTreeMap<_, _> = svg_cells(&svg, size.0 as usize, size.1 as usize)
                .into_iter()
                .filter(|(_, c)| *c != ' ')
                .collect();
            assert!(expected.len() > 200, "a real frame: {text}");
            assert_eq!(
                written, expected,
                "dropout {dropout} {size:?}: the SVG's text is the frame's"
            );
        }
    }
}

#[test]
fn svg_colours_are_the_palettes_or_the_themes() {
    for (flag, look) in [
        (ThemeFlag::Dark, export::Theme::Dark),
        (ThemeFlag::Light, export::Theme::Light),
    ] {
        let svg = themed(false, (120, 40), Format::Svg, flag);
        let used = colours(&svg);
        let allowed = allowed(look);
        let stray: Vec<_> = used.difference(&allowed).collect();
        assert!(
            stray.is_empty(),
            "{flag:?}: colours of neither the palette nor the theme: {stray:?}"
        );
        // The four linear models' colours are there, exactly (true colour, whatever this terminal has).
        for colour in &palette()[..4] {
            assert!(used.contains(colour), "{flag:?}: {colour} missing");
        }
        assert!(used.contains(&look.background().hex()));
    }
}

#[test]
fn light_and_dark_differ_only_in_the_themes_colours() {
    let run = |flag| themed(false, (80, 24), Format::Svg, flag);
    let (dark, light) = (run(ThemeFlag::Dark), run(ThemeFlag::Light));
    let (dark_doc, light_doc) = (parse(&dark), parse(&light));
    let palette = palette();
    let mut mapping: BTreeMap<String, String> = BTreeMap::new();
    let (d_nodes, l_nodes): (Vec<_>, Vec<_>) = (dark_doc.descendants().collect(), light_doc.descendants().collect());
    assert_eq!(d_nodes.len(), l_nodes.len(), "the same elements");
    let mut changed = 0;
    for (d, l) in d_nodes.iter().zip(&l_nodes) {
        assert_eq!(d.tag_name(), l.tag_name());
        assert_eq!(d.text(), l.text());
        let attributes = |n: &roxmltree::Node| -> Vec<(String, String)> {
            n.attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect()
        };
        for ((name, dv), (lname, lv)) in attributes(d).into_iter().zip(attributes(l)) {
            assert_eq!(name, lname);
            if dv == lv {
                continue;
            }
            assert_eq!(name, "fill", "only colours differ, not {name}: {dv} / {lv}");
            assert!(
                !palette.contains(&dv) && !palette.contains(&lv),
                "a palette colour changed: {dv} -> {lv}"
            );
            let previous = mapping.insert(dv.clone(), lv.clone());
            assert!(previous.is_none_or(|p| p == lv), "{dv} became two colours");
            changed += 1;
        }
    }
    assert!(changed > 0, "the themes differ");
    assert_eq!(
        mapping.get(&export::Theme::Dark.foreground().hex()),
        Some(&export::Theme::Light.foreground().hex()),
        "default text changes with the theme"
    );
}

#[test]
fn html_is_one_self_contained_page_with_the_same_picture() {
    let html = frame(false, (80, 24), Format::Html);
    let doc = parse(&html);
    assert!(doc.root_element().has_tag_name("html"));
    let lower = html.to_lowercase();
    for external in ["src=", "href=", "url(", "@import", "<script", "<link"] {
        assert!(
            !lower.contains(external),
            "the page refers to something outside it: {external}"
        );
    }
    let svg = frame(false, (80, 24), Format::Svg);
    assert_eq!(
        svg_cells(&html, 80, 24),
        svg_cells(&svg, 80, 24),
        "the same text in the same cells"
    );
}

#[test]
fn ansi_without_its_escapes_is_the_text_frame() {
    for dropout in [false, true] {
        for size in [(80, 24), (120, 40)] {
            let ansi = frame(dropout, size, Format::Ansi);
            assert!(ansi.contains("\x1b[0;38;2;"), "24-bit colour escapes");
            assert!(
                ansi.lines().all(|l| !l.contains('\x1b') || l.ends_with("\x1b[0m")),
                "every coloured line ends reset"
            );
            assert_eq!(
                without_escapes(&ansi),
                frame(dropout, size, Format::Text),
                "dropout {dropout} {size:?}"
            );
        }
    }
}

/// A quick state whose pictures go to `dir`.
fn state_in(dir: &std::path::Path) -> State {
    let mut state = state(false);
    state.export_dir = dir.to_path_buf();
    state
}

#[test]
fn e_and_shift_e_are_global_keys_that_ask_for_a_picture() {
    for (name, wanted) in [("e", Global::ExportSvg), ("E", Global::ExportHtml)] {
        let event = keymap::parse_key(name).expect("a key");
        for screen in regscope::screens::ScreenId::ALL {
            assert_eq!(
                keymap::action_for(*screen, &event),
                Some(wanted.into()),
                "{name} on {screen:?}"
            );
        }
    }
}

#[test]
fn e_writes_a_picture_that_parses_and_says_where() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut state = state_in(dir.path());
    update(&mut state, Global::ExportSvg);
    let svg = export_frame(&mut state, 80, 24, "20260102-030405").expect("written");
    assert_eq!(svg, dir.path().join("regscope-20260102-030405.svg"));
    let message = state.message.clone().expect("a message");
    assert!(message.contains("regscope-20260102-030405.svg"), "{message}");
    assert!(svg_cells(&std::fs::read_to_string(&svg).unwrap(), 80, 24).len() > 200);
    // The status line shows where, whole, at 80x24.
    let shown = snapshot::render_text(&state, 80, 24);
    assert!(shown.contains("regscope-20260102-030405.svg"), "{shown}");

    // The same second again: a new name, the first file kept; E writes HTML.
    update(&mut state, Global::ExportSvg);
    let again = export_frame(&mut state, 80, 24, "20260102-030405").expect("written");
    assert_eq!(again.file_name().unwrap(), "regscope-20260102-030405-2.svg");
    update(&mut state, Global::ExportHtml);
    let html = export_frame(&mut state, 80, 24, "20260102-030405").expect("written");
    assert_eq!(html.file_name().unwrap(), "regscope-20260102-030405.html");
    parse(&std::fs::read_to_string(&html).unwrap());
    assert!(state.export_request.is_none(), "each request writes once");
    assert!(export_frame(&mut state, 80, 24, "x").is_none(), "no request, no file");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "no temporary file is left"
    );
}

#[test]
fn e_in_an_unwritable_folder_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A folder under a regular file cannot exist, even for root.
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "not a folder").unwrap();
    let mut state = state_in(&file.join("sub"));
    update(&mut state, Global::ExportSvg);
    assert!(export_frame(&mut state, 80, 24, "20260102-030405").is_none());
    let message = state.message.clone().expect("a message");
    assert!(message.starts_with("cannot write the frame in "), "{message}");
    assert!(
        state.export_request.is_none(),
        "the request is dropped, not retried every turn"
    );
    let shown = snapshot::render_text(&state, 80, 24);
    assert!(
        shown.contains("cannot write the frame"),
        "the status line says so:\n{shown}"
    );
}

#[test]
fn snapshot_keys_e_writes_nothing_and_draws_the_same_frame() {
    let pictures = || -> Vec<_> {
        std::fs::read_dir(".")
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.starts_with("regscope-"))
            .collect()
    };
    let before = pictures();
    let mut with_e = args(false, (80, 24), Format::Svg);
    with_e.keys = "e E".into();
    let plain = args(false, (80, 24), Format::Svg);
    assert_eq!(snapshot::run(&with_e).unwrap(), snapshot::run(&plain).unwrap());
    assert_eq!(pictures(), before, "headless: no file in the working folder");
}

#[test]
fn theme_is_refused_where_it_would_be_ignored() {
    for format in ["text", "json", "ansi"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_regscope"))
            .args(["snapshot", "--format", format, "--theme", "light"])
            .output()
            .expect("regscope runs");
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("--theme applies to --format svg and html only"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// `text` without its SGR escapes (`ESC [ params m`), written here rather than taken from the exporter,
/// so that the round trip is checked against an independent reading of the escapes.
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    assert_eq!(d, 'm', "only colour escapes are written");
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
