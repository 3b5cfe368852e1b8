//! Reading charts back from SVG: the native chart tests render each chart with plotters'
//! SVG backend and check what it drew (series by colour, texts, placeholders).

use batchnorm_playground::charts::Style;
use plotters::prelude::*;

pub const NO_DATA: &str = "No data yet — press Step";
pub const NOTHING_FINITE: &str = "Nothing to plot: every value is NaN or infinite";
pub const TOO_SMALL: &str = "Too small to draw";

pub type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Renders one chart into an SVG string of the given size.
pub fn render(
    size: (u32, u32),
    style: Style,
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>, &Style) -> Drawn,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, &style).expect("drawing succeeds");
        root.present().expect("present succeeds");
    }
    svg
}

/// Writes a rendering to target/chart-previews/<name>.svg for a person to look at.
pub fn preview(name: &str, svg: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/chart-previews");
    std::fs::create_dir_all(&dir).expect("create target/chart-previews");
    std::fs::write(dir.join(format!("{name}.svg")), svg).expect("write preview");
}

/// The start tags `<tag …>` in the SVG.
pub fn tags<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open).map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap_or(svg.len() - i)]).collect()
}

/// An attribute's value in a start tag.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// `<tag>`s whose `name` attribute is `value`.
pub fn count_with(svg: &str, tag: &str, name: &str, value: &str) -> usize {
    tags(svg, tag).iter().filter(|t| attr(t, name) == Some(value)).count()
}

/// Every text the SVG shows.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
        .map(|t| {
            t.replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

pub fn shows(svg: &str, text: &str) -> bool {
    texts(svg).iter().any(|t| t.contains(text))
}

/// Every chart starts by painting its whole area white.
pub fn assert_white_background(svg: &str, (w, h): (u32, u32)) {
    let first = tags(svg, "rect").first().copied().unwrap_or("");
    assert_eq!(attr(first, "fill"), Some("#FFFFFF"), "first element is the white background");
    assert_eq!(attr(first, "width"), Some(w.to_string().as_str()));
    assert_eq!(attr(first, "height"), Some(h.to_string().as_str()));
}
