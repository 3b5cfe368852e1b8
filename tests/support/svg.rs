//! Reading charts back from SVG: the native chart tests render each chart with plotters'
//! SVG backend and check what it drew (series by colour, texts, placeholders).

use batchnorm_playground::charts::Style;
use plotters::prelude::*;

pub const NO_DATA: &str = "No data yet — press Step";
pub const NOTHING_FINITE: &str = "Nothing to plot: every value is NaN or infinite";
pub const TOO_SMALL: &str = "Too small to draw";

/// Renders one chart into an SVG string of the given size.
pub fn render<R>(
    size: (u32, u32),
    style: Style,
    draw: impl FnOnce(
        &DrawingArea<SVGBackend, plotters::coord::Shift>,
        &Style,
    ) -> Result<R, DrawingAreaErrorKind<std::io::Error>>,
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

/// plotters' SVG backend writes a font of `s` pixels as `font-size="s / 1.24"` (its points); the
/// canvas backend sets `s px`. So a text's pixel size is its font-size × 1.24.
pub const SVG_FONT_SIZE: f64 = 1.24;

/// One text of the SVG with the box it takes by the charts' own width estimate, in pixels:
/// (text, left, top, right, bottom, font size in px).
#[derive(Debug, Clone)]
pub struct TextBox {
    pub text: String,
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub size: f64,
    pub fill: String,
    /// Turned by 270° (a y axis's name).
    pub turned: bool,
    /// Right-aligned (a y axis's number).
    pub end: bool,
}

/// Every non-empty text's box. Horizontal text: the estimate's width from the anchor, one line
/// high around its baseline; text turned by 270° (the y axis's name): the same, standing up.
pub fn text_boxes(svg: &str) -> Vec<TextBox> {
    let starts: Vec<&str> = tags(svg, "text");
    starts
        .iter()
        .zip(texts(svg))
        .filter(|(_, text)| !text.is_empty())
        .map(|(tag, text)| {
            let num = |name: &str| attr(tag, name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            let (x, y) = (num("x"), num("y"));
            let size = num("font-size") * SVG_FONT_SIZE;
            let bold = attr(tag, "font-weight") == Some("bold");
            let w = batchnorm_playground::charts::text::width(&text, size)
                * if bold { batchnorm_playground::charts::text::BOLD } else { 1.0 };
            let along = match attr(tag, "text-anchor") {
                Some("middle") => (-w / 2.0, w / 2.0),
                Some("end") => (-w, 0.0),
                _ => (0.0, w),
            };
            // Across the line: the dy plotters writes says where y is: the middle, the top, or
            // (no dy) the bottom, which the canvas backend draws with textBaseline = "bottom".
            let across = match attr(tag, "dy") {
                Some("0.5ex") => (-0.6 * size, 0.6 * size),
                Some("0.76em") => (0.0, 1.2 * size),
                Some("1em") => (0.0, 1.2 * size),
                _ => (-1.1 * size, 0.0),
            };
            let fill = attr(tag, "fill").unwrap_or("").to_string();
            let end = attr(tag, "text-anchor") == Some("end");
            if attr(tag, "transform").is_some_and(|t| t.starts_with("rotate(270")) {
                // Reading upwards: along the text is −y, across it (down the glyphs) is +x.
                TextBox {
                    text,
                    left: x + across.0,
                    right: x + across.1,
                    top: y - along.1,
                    bottom: y - along.0,
                    size,
                    fill,
                    turned: true,
                    end,
                }
            } else {
                TextBox {
                    text,
                    left: x + along.0,
                    right: x + along.1,
                    top: y + across.0,
                    bottom: y + across.1,
                    size,
                    fill,
                    turned: false,
                    end,
                }
            }
        })
        .collect()
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG 2 contrast ratio of two colours (1 … 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// "#RRGGBB" as (r, g, b).
pub fn hex(colour: &str) -> Option<(u8, u8, u8)> {
    let c = colour.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(c.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// Checks that a chart drawn `size` pixels big at `scale` reads well: every text at least 11 CSS
/// pixels (11 × scale in the drawing), inside the drawing (by the width estimate, with a pixel
/// to spare), and dark enough on the white background (contrast ≥ 4.5 : 1).
pub fn assert_readable(name: &str, svg: &str, (w, h): (u32, u32), scale: f64) {
    let boxes = text_boxes(svg);
    assert!(!boxes.is_empty(), "{name}: no text");
    for b in &boxes {
        assert!(b.size >= 11.0 * scale - 1e-6, "{name}: {:?} is {:.1} px at scale {scale}", b.text, b.size);
        let inside = b.left >= -1.0 && b.top >= -1.0 && b.right <= w as f64 + 1.0 && b.bottom <= h as f64 + 1.0;
        assert!(inside, "{name} ({w} × {h}): {b:?} runs off the drawing");
        let fill = hex(&b.fill).unwrap_or_else(|| panic!("{name}: {:?} has fill {:?}", b.text, b.fill));
        let ratio = contrast(fill, (255, 255, 255));
        assert!(ratio >= 4.5, "{name}: {:?} in {} has contrast {ratio:.2}", b.text, b.fill);
    }
    assert_no_overlap(name, svg);
}

/// Checks, for a chart of one plot, that its y axis's name (turned) ends left of every one of the
/// axis's numbers (right-aligned), by the width estimate, not shrunk: the label area holds the
/// widest number and the name beside it, each in a column of its own.
pub fn assert_y_name_left_of_numbers(name: &str, svg: &str) {
    let boxes = text_boxes(svg);
    let numbers: Vec<&TextBox> =
        boxes.iter().filter(|b| !b.turned && b.end && b.text.chars().any(|c| c.is_ascii_digit())).collect();
    assert!(!numbers.is_empty(), "{name}: no y numbers");
    for axis in boxes.iter().filter(|b| b.turned) {
        for n in &numbers {
            assert!(axis.right <= n.left + 0.5, "{name}: the y axis's name {:?} reaches {:?}", axis, n);
        }
    }
}

/// Checks that no two texts of a chart overlap (by the width estimate, which is generous: boxes
/// are shrunk by a tenth before comparing; texts of the same place, like a label drawn twice, and
/// texts turned against each other are not compared).
pub fn assert_no_overlap(name: &str, svg: &str) {
    let boxes = text_boxes(svg);
    let shrink = |b: &TextBox| {
        let (dx, dy) = (0.05 * (b.right - b.left), 0.05 * (b.bottom - b.top));
        (b.left + dx, b.top + dy, b.right - dx, b.bottom - dy)
    };
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let (p, q) = (shrink(a), shrink(b));
            let same = (a.left - b.left).abs() < 0.5 && (a.top - b.top).abs() < 0.5;
            let overlap = p.0 < q.2 && q.0 < p.2 && p.1 < q.3 && q.1 < p.3;
            assert!(same || !overlap, "{name}: {:?} overlaps {:?}", a, b);
        }
    }
}

/// The three sizes every chart is checked at: a phone, a laptop's chart, a big screen.
pub const READABLE_SIZES: [(u32, u32); 3] = [(360, 300), (800, 400), (1600, 900)];
