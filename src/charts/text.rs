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
        // CJK punctuation stays with the character before it.
        let punct = matches!(ch, '，' | '。' | '、' | '：' | '；' | '）' | '」');
        match words.last_mut() {
            Some((_, w)) if joins || (punct && !space) => w.push(ch),
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
/// at a natural break (before a parenthesis or a "vs", after a colon) when both halves fit, else
/// word by word ([`wrap`]); the last line ends in "…" when even that does not fit.
pub fn title_lines(text: &str, font: f64, room: f64, max_lines: usize) -> Vec<String> {
    if max_lines == 0 || text.trim().is_empty() {
        return Vec::new();
    }
    if width(text, font) <= room {
        return vec![text.to_string()];
    }
    if max_lines >= 2 {
        let mut best: Option<(f64, usize)> = None;
        let breaks = text.char_indices().filter_map(|(i, c)| match c {
            // Not where a no-break space holds the bracket to the word before ("σ (÷m) 1.6").
            '(' | '（' if !text[..i].ends_with(NBSP) => Some(i),
            ':' | '：' => Some(i + c.len_utf8()),
            'v' if text[i..].starts_with("vs ") && text[..i].ends_with(' ') => Some(i),
            _ => None,
        });
        for at in breaks {
            let (a, b) = (text[..at].trim(), text[at..].trim());
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let longer = width(a, font).max(width(b, font));
            if longer <= room && best.is_none_or(|(w, _)| longer < w) {
                best = Some((longer, at));
            }
        }
        if let Some((_, at)) = best {
            return vec![text[..at].trim().to_string(), text[at..].trim().to_string()];
        }
    }
    wrap(text, font, room, max_lines)
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
        assert!(wrap("", 14.0, 100.0, 3).is_empty());
        assert_eq!(wrap("x", 14.0, 0.0, 3).len(), 1, "never loops on no room");
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
