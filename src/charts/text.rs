//! Text without measuring it: an estimate of a text's width (the same on every backend, so a
//! layout does not depend on where it is drawn, and the browser never lays out a hidden `<span>`),
//! wrapping into lines, and shortening with "…". Every chart places its words with these.

/// How much wider a bold text is than a regular one, by the estimate.
pub const BOLD: f64 = 1.08;

/// A text's width in pixels at `font` size, estimated (the same everywhere, so layout does not
/// depend on the backend): wide for CJK characters, narrow for i, l, punctuation.
pub fn width(text: &str, font: f64) -> f64 {
    // Roughly DejaVu Sans, the widest of the usual sans-serif fonts, so text fits in any of them.
    text.chars()
        .map(|ch| match ch {
            _ if is_wide(ch) => 1.0,
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            ' ' | NBSP | '(' | ')' | '[' | ']' | 'f' | 't' | 'r' => 0.4,
            'm' | 'w' | 'M' | 'W' | '—' | '…' => 0.95,
            '0'..='9' => 0.64,
            _ if ch.is_ascii_uppercase() => 0.72,
            _ => 0.61,
        })
        .sum::<f64>()
        * font
}

/// A no-break space: drawn as a space, never broken at ("94.4 %" stays one piece).
pub const NBSP: char = '\u{a0}';

/// Characters that take a full em: CJK and fullwidth forms.
pub fn is_wide(ch: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&ch)
        || ('\u{AC00}'..='\u{D7AF}').contains(&ch)
        || ('\u{FF00}'..='\u{FFEF}').contains(&ch)
}

/// `text` broken into at most `max_lines` lines of at most `room` pixels (by the estimate of
/// [`width`]), at spaces or between CJK characters; a last line that would not fit ends
/// in "…". No lines for an empty text.
pub fn wrap(text: &str, font: f64, room: f64, max_lines: usize) -> Vec<String> {
    // Words: runs of non-space characters, each CJK character a word of its own (so Chinese
    // breaks anywhere); a space before a word is kept with it. A no-break space joins the
    // characters either side of it, and an opening bracket the character after it, so no line
    // ends in "s²（" with its "÷(m−1)）" on the next.
    let mut words: Vec<(bool, String)> = Vec::new();
    let mut space = false;
    let mut glued = false;
    for ch in text.chars() {
        if ch.is_whitespace() && ch != NBSP {
            space = true;
            continue;
        }
        let joins = (glued && !space)
            || ch == NBSP
            || (!space && !is_wide(ch) && words.last().is_some_and(|(_, w)| !w.chars().last().is_some_and(is_wide)));
        glued = matches!(ch, '(' | '（' | '[' | '「' | '《' | NBSP);
        // CJK closing punctuation stays with the word before it, even after a space: a line
        // never starts with "，" (as the browser never breaks before it).
        let punct = matches!(ch, '，' | '。' | '、' | '：' | '；' | '！' | '？' | '）' | '」' | '』' | '》' | '”');
        match words.last_mut() {
            Some((_, w)) if joins || punct => {
                if space && !joins {
                    w.push(' ');
                }
                w.push(ch);
            }
            _ => words.push((space, ch.to_string())),
        }
        space = false;
    }
    // A word too long for a line on its own ("elementwise_affine=False)") breaks after a "_",
    // "=" or "/" rather than being cut with "…".
    let words: Vec<(bool, String)> = words
        .into_iter()
        .flat_map(|(spaced, word)| {
            if width(&word, font) <= room {
                return vec![(spaced, word)];
            }
            let mut pieces = vec![(spaced, String::new())];
            for ch in word.chars() {
                if let Some((_, piece)) = pieces.last_mut() {
                    piece.push(ch);
                }
                if matches!(ch, '_' | '=' | '/') {
                    pieces.push((false, String::new()));
                }
            }
            pieces.retain(|(_, p)| !p.is_empty());
            pieces
        })
        .collect();
    let space = width(" ", font);
    let wide_at =
        |word: &str, last: bool| if last { word.chars().last() } else { word.chars().next() }.is_some_and(is_wide);
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        // As many words as fit, at least one.
        let mut used = width(&words[start].1, font);
        let mut end = start + 1;
        while let Some((spaced, word)) = words.get(end) {
            let w = if *spaced { space } else { 0.0 } + width(word, font);
            if used + w > room {
                break;
            }
            used += w;
            end += 1;
        }
        // A break inside a Chinese word ("上 / 一批量") goes back to the line's last " · ", which
        // it drops: the parts of a caption stay whole where they can.
        let mut next = end;
        if end < words.len() && !words[end].0 && wide_at(&words[end - 1].1, true) && wide_at(&words[end].1, false) {
            if let Some(dot) = (start + 1..end).rev().find(|&k| words[k].1 == "·") {
                (end, next) = (dot, dot + 1);
            }
        }
        // A line never ends in the separator ("running_mean 当前 0.1736 ·" / "真实值 1.776"), nor
        // does the next start with it ("· true 1.776"): the break stands in for it.
        if end < words.len() && end > start + 1 && words[end - 1].1 == "·" {
            end -= 1;
        } else if next == end && words.get(end).is_some_and(|(_, w)| w == "·") {
            next = end + 1;
        }
        let mut line = String::new();
        for (k, (spaced, word)) in words[start..end].iter().enumerate() {
            if k > 0 && *spaced {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
        start = next;
    }
    if max_lines > 0 && lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(rest);
    } else if max_lines == 0 {
        lines.clear();
    }
    // Every line within the width: a word too long for a line, or the last line holding the
    // rest, is shortened and ends in "…".
    for line in &mut lines {
        *line = ellipsize(line, font, room);
    }
    lines
}

/// The longest start of `text` that fits in `room` with "…" after it. A number is never cut
/// ("mean 7.451e…" reads as 7.451 when it was 7.451e-9): the cut goes back to the space before it.
pub fn ellipsize(text: &str, font: f64, room: f64) -> String {
    if width(text, font) <= room {
        return text.to_string();
    }
    let room = room - width("…", font);
    let mut used = 0.0;
    let mut out = String::new();
    let mut next = None;
    for ch in text.chars() {
        used += width(ch.encode_utf8(&mut [0; 4]), font);
        if used > room {
            next = Some(ch);
            break;
        }
        out.push(ch);
    }
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+' | '−');
    let in_number = out.ends_with(|c: char| c.is_ascii_digit() || numeric(c)) && next.is_some_and(numeric);
    let token_has_digit = out.rsplit(char::is_whitespace).next().is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()));
    if in_number && token_has_digit {
        if let Some(space) = out.rfind(char::is_whitespace) {
            out.truncate(space);
        }
    }
    format!("{}…", out.trim_end())
}

/// The same estimate rounded up to whole pixels.
pub fn width_px(text: &str, font: f64) -> i32 {
    width(text, font).ceil().min(1e9) as i32
}

/// A title in at most `max_lines` lines of at most `room` pixels: one line when it fits, else two
/// at a natural break (before a parenthesis or a "vs", after a colon) when both halves fit; else
/// each side of a natural break wrapped on lines of its own where that takes no more lines than
/// wrapping the whole, or one more past three ("Test accuracy against batch size," / "2 epochs each" / "(Wu & He …"
/// rather than "…, 2" / "epochs each (Wu & He …"); the lines of each part as even as their number allows
/// ([`even`]); the last line ends in "…" when even that does not fit.
pub fn title_lines(text: &str, font: f64, room: f64, max_lines: usize) -> Vec<String> {
    if max_lines == 0 || text.trim().is_empty() {
        return Vec::new();
    }
    if width(text, font) <= room {
        return vec![text.to_string()];
    }
    let halves = |at: usize| (text[..at].trim(), text[at..].trim());
    let breaks: Vec<usize> = natural_breaks(text)
        .into_iter()
        .filter(|&at| {
            let (a, b) = halves(at);
            !a.is_empty() && !b.is_empty()
        })
        .collect();
    if max_lines >= 2 {
        let mut best: Option<(f64, usize)> = None;
        for &at in &breaks {
            let (a, b) = halves(at);
            let longer = width(a, font).max(width(b, font));
            if longer <= room && best.is_none_or(|(w, _)| longer < w) {
                best = Some((longer, at));
            }
        }
        if let Some((_, at)) = best {
            let (a, b) = halves(at);
            return vec![a.to_string(), b.to_string()];
        }
    }
    let whole = even(text, font, room, max_lines);
    // A line more for the parts only where the title is long already (a plot under a two-line
    // title keeps its height: a panel of two stacked plots on a phone needs it).
    let extra = usize::from(whole.len() >= 3);
    let mut best: Option<Vec<String>> = None;
    // Not inside a bracket: "(Wu & He 2018:" / "their Fig. 1 …" parts the bracket's words.
    let outside = |at: usize| {
        let opened = text[..at].chars().filter(|c| matches!(c, '(' | '（')).count();
        opened == text[..at].chars().filter(|c| matches!(c, ')' | '）')).count()
    };
    for &at in breaks.iter().filter(|&&at| outside(at)) {
        let (a, b) = halves(at);
        let mut parts = even(a, font, room, max_lines);
        parts.extend(even(b, font, room, max_lines));
        let fewer = best.as_ref().is_none_or(|lines| parts.len() < lines.len());
        if fewer && parts.len() <= max_lines.min(whole.len() + extra) && !parts.iter().any(|l| l.ends_with('…')) {
            best = Some(parts);
        }
    }
    best.unwrap_or(whole)
}

/// Where a title may break between its parts: before an opening bracket (not one a no-break space
/// holds to the word before: "σ (÷m) 1.6"), after a colon, before a "vs".
fn natural_breaks(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter_map(|(i, c)| match c {
            '(' | '（' if !text[..i].ends_with(NBSP) => Some(i),
            ':' | '：' => Some(i + c.len_utf8()),
            'v' if text[i..].starts_with("vs ") && text[..i].ends_with(' ') => Some(i),
            _ => None,
        })
        .collect()
}

/// [`wrap`] on as few lines as `room` allows, with those lines as even as they can be: wrapped
/// in the narrowest room that still takes no more lines (a centred title reads as one block,
/// not a full line and a word left over).
pub fn even(text: &str, font: f64, room: f64, max_lines: usize) -> Vec<String> {
    let lines = wrap(text, font, room, max_lines);
    let count = lines.len();
    if count < 2 || lines.iter().any(|l| l.ends_with('…')) {
        return lines;
    }
    let takes = |r: f64| {
        let tried = wrap(text, font, r, usize::MAX);
        tried.len() <= count && !tried.iter().any(|l| l.ends_with('…'))
    };
    // The narrowest room that still fits is between an even share and the whole room.
    let (mut fails, mut fits) = (width(text, font) / count as f64 - 1.0, room);
    for _ in 0..12 {
        let mid = (fails + fits) / 2.0;
        if takes(mid) {
            fits = mid;
        } else {
            fails = mid;
        }
    }
    wrap(text, font, fits, max_lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A legend item breaks at its colon, not before a bracket a no-break space holds: "input
    /// x: mean 2.601, σ" / "(÷m) 0.1065" was drawn at 1280×720.
    #[test]
    fn title_lines_keep_a_no_break_space_s_bracket() {
        let text = "input x: mean 2.601, σ\u{a0}(÷m)\u{a0}0.1065";
        let room = width(text, 14.0) * 0.8;
        let lines = title_lines(text, 14.0, room, 4);
        assert_eq!(lines, ["input x:", "mean 2.601, σ\u{a0}(÷m)\u{a0}0.1065"]);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_between_cjk_characters() {
        let lines = wrap("per channel, over the batch: all N samples", 14.0, 120.0, 5);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 14.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), "per channel, over the batch: all N samples");
        // Never broken at a no-break space, nor after an opening bracket.
        for room in [60.0, 80.0, 100.0, 130.0] {
            let kept = wrap("accuracy 94.4\u{a0}% 上一批量 s²（÷(m−1)）2.633", 14.0, room, 10);
            assert!(kept.iter().any(|l| l.contains("94.4\u{a0}%")), "{kept:?}");
            assert!(!kept.iter().any(|l| l.ends_with('（')), "{kept:?}");
        }
        // A word too long for the line breaks after "_" or "=", not cut.
        let long = wrap("LayerNorm([6, 5], elementwise_affine=False)", 14.0, 120.0, 4);
        assert_eq!(long.concat().replace(' ', ""), "LayerNorm([6,5],elementwise_affine=False)", "{long:?}");
        assert!(long.iter().all(|l| width(l, 14.0) <= 120.0), "{long:?}");
        let zh = wrap("每個特徵，跨越整個批次的所有樣本", 14.0, 60.0, 10);
        assert!(zh.len() >= 4 && zh.iter().all(|l| width(l, 14.0) <= 60.0), "{zh:?}");
        assert_eq!(zh.concat(), "每個特徵，跨越整個批次的所有樣本");
        let cut = wrap("one two three four five six seven", 14.0, 60.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && width(&cut[1], 14.0) <= 60.0, "{cut:?}");
        // A break inside a Chinese word goes back to the last " · " (it fell in 上一批量).
        let parts = "running_mean 当前 0.1736 · 上一批量 1.736 · 真实 1.7";
        let room = width("running_mean 当前 0.1736 · 上", 14.0) + 1.0;
        assert_eq!(wrap(parts, 14.0, room, 5), vec!["running_mean 当前 0.1736", "上一批量 1.736 · 真实 1.7"]);
        let room = width("running_mean 当前 0.1736 ·", 14.0) + 1.0;
        let two = wrap("running_mean 当前 0.1736 · 真实值 1.776", 14.0, room, 5);
        assert_eq!(two, vec!["running_mean 当前 0.1736", "真实值 1.776"], "no line ends in the separator");
        // Nor starts with it (teacher36: "· true 1.776" under "running_var now 1.2 · …").
        let room = width("running_var now 1.247", 14.0) + 1.0;
        let en = wrap("running_var now 1.247 · true 1.776", 14.0, room, 5);
        assert_eq!(en, vec!["running_var now 1.247", "true 1.776"], "no line starts with the separator");
        // No line starts with Chinese closing punctuation, even one after a space (review40).
        for text in ["批次的平均值 1.736 ，方差 2.397 。", "輸出 y 的離散程度 ；標準差 1"] {
            for room in (30..200).step_by(7) {
                let lines = wrap(text, 14.0, f64::from(room), 10);
                assert!(!lines.iter().any(|l| l.starts_with(['，', '。', '；'])), "{room}: {lines:?}");
            }
        }
        assert!(wrap("", 14.0, 100.0, 3).is_empty());
        assert_eq!(wrap("x", 14.0, 0.0, 3).len(), 1, "never loops on no room");
    }

    /// Past two lines a title keeps its parts apart and its lines even (review39: on a phone the
    /// sweep's title read "…, 2" / "epochs each (Wu & He 2018:" / "their …").
    #[test]
    fn long_titles_wrap_by_their_parts_in_even_lines() {
        let text = "Test accuracy against batch size, 2 epochs each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)";
        for room in [240.0, 300.0, 340.0, 420.0] {
            let lines = title_lines(text, 15.0, room, 6);
            assert!(lines.iter().all(|l| width(l, 15.0) <= room), "{room}: {lines:?}");
            assert_eq!(lines.join(" "), text, "{room}: {lines:?}");
            assert!(lines.len() <= wrap(text, 15.0, room, 6).len() + 1, "{room}: at most a line more than the whole");
            let open = lines.iter().position(|l| l.contains('(')).unwrap_or(0);
            assert!(lines[open].starts_with('('), "{room}: the bracket starts a line: {lines:?}");
            assert!(!lines.iter().any(|l| l.ends_with(" 2") || l.starts_with("epochs")), "{room}: {lines:?}");
        }
        // Even: a wrapped line is never a word left over from a full one.
        let lines = even("one two three four five six seven eight nine", 14.0, 250.0, 4);
        assert_eq!(lines.len(), wrap("one two three four five six seven eight nine", 14.0, 250.0, 4).len());
        let widths: Vec<f64> = lines.iter().map(|l| width(l, 14.0)).collect();
        assert!(
            widths.iter().cloned().fold(0.0, f64::max) - widths.iter().cloned().fold(f64::MAX, f64::min) < 60.0,
            "{lines:?}"
        );
        assert_eq!(even("a b", 14.0, 0.0, 3).len(), 2, "never loops on no room");
    }

    #[test]
    fn titles_break_at_a_natural_place_and_fit() {
        let text = "Feature 3: input x vs output y";
        assert_eq!(title_lines(text, 16.0, 1000.0, 2), vec![text.to_string()]);
        let two = title_lines(text, 16.0, 200.0, 2);
        assert_eq!(two.len(), 2, "{two:?}");
        assert!(two.iter().all(|l| width(l, 16.0) <= 200.0), "{two:?}");
        let one = title_lines(text, 16.0, 120.0, 1);
        assert!(one.len() == 1 && one[0].ends_with('…') && width(&one[0], 16.0) <= 120.0, "{one:?}");
        assert!(title_lines("", 16.0, 100.0, 2).is_empty());
        assert_eq!(ellipsize("abc", 14.0, 1000.0), "abc");
        // A number is never cut: the cut goes back to the space before it.
        let room = width("mean 7.451e", 14.0) + width("…", 14.0) + 0.5;
        assert_eq!(ellipsize("mean 7.451e-9, σ 1", 14.0, room), "mean…");
        let room = width("mean 7.451e-9, σ", 14.0) + width("…", 14.0) + 0.5;
        assert_eq!(ellipsize("mean 7.451e-9, σ 0.9997", 14.0, room), "mean 7.451e-9, σ…");
        assert!(ellipsize("abcdefghij", 14.0, 40.0).ends_with('…'), "a word alone is still cut");
    }
}
