//! What the page shows, read from the state in one piece: every text, control value, notice and
//! attribute, keyed by the element's id (a key starting with `.` means every element of that
//! class), and which charts to draw. The glue writes it into the DOM as it is: text as text,
//! and HTML only from `html`, which holds nothing but this crate's own markup (values from a
//! link, a CSV or a file are escaped where they are put in).

use crate::controls::{self, CONTROLS};
use crate::explain;
use crate::i18n::{self, t, tf};
use crate::lessons::TITLES;
use crate::page::{Page, VIEWS};

/// A JSON value, written by hand (no serde in the shipped wasm: it is small and this is all).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(x) if x.is_finite() => out.push_str(&format!("{x}")),
            Json::Num(_) => out.push_str("null"),
            Json::Str(s) => write_string(s, out),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string: quotes, backslashes and control characters escaped (and `<`, so the text can
/// never close a script element).
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Between escapes, the text is copied a run at a time. Every character escaped is ASCII
    // but U+2028 and U+2029, whose UTF-8 is E2 80 A8 and E2 80 A9.
    let bytes = s.as_bytes();
    let mut copied = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = match byte {
            b'"' => "\\\"".to_string(),
            b'\\' => "\\\\".to_string(),
            b'\n' => "\\n".to_string(),
            b'\r' => "\\r".to_string(),
            b'\t' => "\\t".to_string(),
            b'<' => "\\u003c".to_string(),
            0..=0x1f => format!("\\u{byte:04x}"),
            0xe2 if matches!(bytes.get(at + 1..at + 3), Some([0x80, 0xa8 | 0xa9])) => {
                format!("\\u{:04x}", 0x2000 + u32::from(bytes[at + 2]) - 0x80)
            }
            _ => continue,
        };
        out.push_str(&s[copied..at]);
        out.push_str(&escape);
        copied = at + if byte == 0xe2 { 3 } else { 1 };
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

/// Entries of one JSON object, added in order.
#[derive(Default)]
struct Map(Vec<(String, Json)>);

impl Map {
    fn put(&mut self, key: &str, value: Json) -> &mut Self {
        self.0.push((key.to_string(), value));
        self
    }
    fn str(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        self.put(key, Json::Str(value.into()))
    }
    fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.put(key, Json::Bool(value))
    }
    fn done(self) -> Json {
        Json::Obj(self.0)
    }
}

/// A slider or box position as the HTML element takes it (no 0.30000000000000004).
fn position_text(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The position of control `id` that shows `value`.
fn position(id: &str, value: f64) -> Json {
    Json::Str(position_text(controls::get(id).position_of(value)))
}

/// The charts of each view, by canvas id.
pub const CHARTS: [(&str, &[&str]); 3] = [
    ("lab", &["chart-distribution", "chart-running", "chart-features", "chart-samples"]),
    ("norms", &["chart-norm-grid", "chart-norm-outputs"]),
    (
        "train",
        &["chart-curves", "chart-percentiles", "chart-sweep", "chart-digits", "chart-landscape", "chart-batch-sweep"],
    ),
];

/// The whole frame of the page as JSON.
pub fn frame(page: &Page) -> String {
    let lang = page.lang;
    let mut values = Map::default();
    let mut text = Map::default();
    let mut html = Map::default();
    let mut hidden = Map::default();
    let mut disabled = Map::default();
    let mut attrs = Map::default();
    let mut classes = Map::default();

    // Every number control shows the state's value, at its position (the controls table's scale).
    for control in CONTROLS {
        if let Some(value) = page.get(control) {
            values.put(control.id, position(control.id, value));
        }
    }
    // Around every view.
    values.str("lang-select", lang.code()).bool("presenter", page.presenter);
    values.str("lesson-select", page.lesson.as_ref().map_or("", |l| l.id));
    for &view in VIEWS {
        hidden.bool(&format!("view-{view}"), view != page.view);
        // Tabs as a screen reader expects them: the open one in the Tab order, arrows to the others.
        let open = view == page.view;
        let tab = [("aria-selected", open.to_string()), ("tabindex", if open { "0" } else { "-1" }.to_string())];
        attrs.put(&format!("tab-{view}"), Json::Obj(tab.map(|(k, v)| (k.to_string(), Json::Str(v))).to_vec()));
    }
    hidden.bool("shortcuts", !page.shortcuts);
    values.bool("single-keys", page.single_keys);
    // The headline's layer is the BatchNorm1d view's: over another view's batch it read as that one's.
    hidden.bool("lead-layer", page.view != "lab");
    // A link carries settings, not data: Share says so when the page shows data of its own.
    hidden.bool("share-own", !matches!(page.lab.source(), crate::lab::Source::Own(_)));
    // Nor more steps than a link replays (hostile37: "the same numbers" for a link that opens
    // 10 001 steps of 10 005). Worked out only while the dialog shows.
    hidden.bool("share-replay", !page.sharing || page.share_replays_whole());
    attrs.put("help", attr("aria-expanded", page.shortcuts.to_string()));
    // The button says what it does ("Play" / "Pause"); no aria-pressed besides, which made a
    // screen reader say "Pause, pressed" (keys36).
    let playing = if page.playing { "pause" } else { "play" };
    for id in ["play", "t-play"] {
        text.str(id, t(lang, playing));
        classes.put(id, Json::Obj(vec![("playing".into(), Json::Bool(page.playing))]));
    }
    // Long work under way, with its progress: a file being written, a link being opened, a CSV
    // being read, a Step or a change of N, C or L waiting for its batch.
    let writing = page.writing_progress().map(|(file, p)| (tf(lang, "file-writing", &[("file", file)]), p));
    let progress = writing.or_else(|| match (page.opening_progress(), page.opening_count()) {
        (Some(p), Some(((k, n), actions))) => {
            let key = match (page.handing_over(), page.reopening(), actions) {
                (true, _, false) => "opening-handover",
                (true, _, true) => "opening-handover-actions",
                (_, true, false) => "opening-reload",
                (_, true, true) => "opening-reload-actions",
                (_, _, false) => "opening-link",
                (_, _, true) => "opening-link-actions",
            };
            Some((tf(lang, key, &[("k", &k.to_string()), ("n", &n.to_string())]), p))
        }
        _ => page
            .reading_progress()
            .map(|p| (t(lang, "csv-reading"), p))
            .or_else(|| page.step_waiting().map(|(k, p)| (tf(lang, "step-waiting", &[("k", &k.to_string())]), p)))
            .or_else(|| {
                let (shape, p) = page.resizing_progress()?;
                let shape: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
                Some((tf(lang, "resize-waiting", &[("shape", &format!("({})", shape.join(", ")))]), p))
            })
            .or_else(|| page.weights_progress().map(|p| (t(lang, "weights-waiting"), p)))
            // A link's or a reload's training steps, redone a frame's share at a time.
            .or_else(|| crate::FULL.then(|| page.train.replay_progress(lang)).flatten()),
    });
    hidden.bool("opening", progress.is_none());
    if let Some((said, p)) = progress {
        text.str("opening-text", said);
        values.put("opening-bar", Json::Str(position_text(p)));
    }
    lesson(page, &mut text, &mut html, &mut hidden, &mut disabled, &mut attrs);
    // While the full module redoes the student's own steps (a hand-over), the lab's numbers and
    // charts stay as the first view's module last showed them — the very state being rebuilt —
    // instead of running through every earlier step again.
    // So do they while a link's batch 0 is made: the lab is a stand-in until it is.
    let rebuilding_lab = (page.handing_over() || page.making_first_batch()) && page.view == "lab";
    // While a change of N, C or L waits for its batch, the lab's charts and numbers are the old
    // batch's: left as they were, dimmed and marked busy, never drawn again as if the new one's.
    let resizing = page.resizing_progress().is_some() && page.view == "lab";
    classes.put("view-lab", Json::Obj(vec![("stale".into(), Json::Bool(resizing))]));
    attrs.put("views", attr("aria-busy", resizing.to_string()));
    let rebuilding_lab = rebuilding_lab || resizing;
    match page.view {
        // The small build has only the lab (`crate::FULL`); it asks for the full module first.
        "norms" if crate::FULL => norms(page, &mut text, &mut html, &mut classes),
        "train" if crate::FULL => {
            train(page, &mut values, &mut text, &mut html, &mut hidden, &mut disabled);
            train_empty_charts(page, &mut classes);
        }
        _ if rebuilding_lab => {}
        _ => lab(page, &mut values, &mut text, &mut html, &mut hidden, &mut disabled, &mut attrs, &mut classes),
    }

    // The polite live region says the view's first chart in words when the page settles, and
    // nothing while it is busy (Play, a link's replay, training, a sweep): a sentence each frame
    // would flood it, and the one from before stood false ("No training yet: press Step." from
    // Step 302 to 1198 of Play, in English after the page turned to Chinese).
    // The Train view says the chart of what the student last ran: a sweep's result when it
    // ends (it said the training curves, which the sweep had not touched).
    let first = match page.view {
        "norms" => "sum-norm-grid",
        "train" => match page.train.last_run {
            crate::trainer::LastRun::Training => "sum-curves",
            crate::trainer::LastRun::Sweep => "sum-sweep",
            crate::trainer::LastRun::BatchSweep => "t-cap-wuhe",
        },
        _ => "sum-distribution",
    };
    let shown = |key: &str| match text.0.iter().find(|(k, _)| k == key) {
        Some((_, Json::Str(s))) => Some(s.clone()),
        _ => None,
    };
    // Nor what the notice (itself a polite status) says already: a finished sweep's notice ends
    // with its chart's summary, or with the first sentences of its caption, and a screen reader
    // heard the result twice.
    let notice = page.notice.as_ref().map_or("", |n| n.text.as_str());
    let said = if page.busy() {
        Some(String::new())
    } else if first != "sum-distribution" && !notice.is_empty() {
        shown(first).map(|chart| unsaid(&chart, notice).to_string())
    } else if first == "sum-distribution" {
        // The lab's status line first: after Step, E or R a screen reader heard only the chart's
        // words, never the step, the mode or the running statistics the lessons ask about.
        let status = shown("status").map(|s| format!("{s}{}", i18n::full_stop(lang)));
        shown(first).map(|chart| i18n::sentences(&[status.unwrap_or_default(), chart]))
    } else {
        shown(first)
    };
    if let Some(said) = said {
        text.str("announce", said);
    }

    // Each slider says the value its label shows: eps's moves on a log scale, and a screen
    // reader said "-5" for 1e-05 (the slider's position) without it.
    for (key, value) in &text.0 {
        if let (Some(slider), Json::Str(shown)) = (key.strip_suffix("-out"), value) {
            attrs.put(slider, attr("aria-valuetext", shown.clone()));
        }
    }

    let mut charts: Vec<&str> = CHARTS.iter().find(|(v, _)| *v == page.view).map_or(vec![], |(_, c)| c.to_vec());
    if rebuilding_lab {
        charts.clear();
    } else if page.view == "lab" && page.backward_open {
        charts.push("chart-gradients");
    }
    let notice = page.notice.as_ref().map_or(Json::Null, |n| {
        let mut m = Map::default();
        m.str("text", n.text.clone()).bool("error", n.error);
        m.done()
    });
    let link = page.query();
    // The link to share differs only by presenter mode: built again only when that is on.
    let share_link = if page.presenter { page.share_query() } else { link.clone() };
    // While actions the student took still wait (for the full module, or after a hand-over's
    // replay), the controls keep what the student did: the state's older values written over
    // them closed the Backward panel just opened, whose `toggle` then closed it for good.
    if page.actions_waiting() {
        values.0.retain(|(key, _)| key == "opening-bar");
    }
    let mut root = Map::default();
    if !crate::FULL {
        // What the full module's App opens when it takes over: the link and what it leaves out.
        // Null while lab actions taken here are still to do (a Step or a new N waiting for its
        // batch, what came after it): the link holds only what is done, and the page hands over
        // once they are (a Step still waiting was lost when another view was opened).
        // A link handed on as it came (`budget=link`) is replayed with a link's budget: the
        // hand-over's larger one is for the page's own history (a stranger's `do=s3000` at
        // N·C = 2 Mi held the page for 19 minutes once `view=norms` sent it on).
        // A reloaded page's address is its own history: handed on as such.
        let handover = match &page.opened_from {
            Some(opened) if !page.reloaded => format!("{opened}&{}&budget=link", page.keep_query()),
            Some(opened) => format!("{opened}&{}", page.keep_query()),
            None => format!("{link}&{}", page.keep_query()),
        };
        root.put("handover", if page.lab_owes_actions() { Json::Null } else { Json::Str(handover) });
        root.put("waiting", Json::Arr(page.waiting.iter().map(|(name, arg)| action(name, arg)).collect()));
        // The words file of a language chosen here, once.
        let words = page.words_wanted.filter(|_| !page.words_asked);
        root.put("need_words", words.map_or(Json::Null, |l| Json::Str(format!("pkg/words-{}.txt", l.code()))));
    }
    root.put("rev", Json::Num(page.revision as f64))
        .str("view", page.view)
        .str("lang", lang.code())
        .bool("presenter", page.presenter)
        .bool("busy", page.busy())
        .str("link", link)
        .str("share_link", share_link)
        .bool("need_digits", page.view == "train" && page.train.digits.is_none() && !page.digits_requested)
        .bool("need_full", page.need_full)
        // A file written whole, for the page to save: its name and type (the App hands its bytes).
        .put(
            "download",
            page.download_ready()
                .map_or(Json::Null, |f| Json::Arr(vec![Json::Str(f.name.clone()), Json::Str(f.mime.into())])),
        )
        // Text for the CSV box, "file", "paste" or "summary" (the App hands it: `take_csv_fill`).
        .put("csv_fill", page.csv_fill_ready().map_or(Json::Null, |how| Json::Str(how.into())))
        .bool("share", page.sharing)
        .put("downloads", Json::Arr(page.downloads.iter().map(|d| Json::Str(d.clone())).collect()))
        .put("notice", notice)
        .put("values", values.done())
        .put("text", text.done())
        .put("html", html.done())
        .put("hidden", hidden.done())
        .put("disabled", disabled.done())
        .put("attrs", attrs.done())
        .put("classes", classes.done())
        .put("charts", Json::Arr(charts.iter().map(|c| Json::Str(c.to_string())).collect()));
    root.done().text()
}

/// An action as the page sent it, `[name, value]`: what the small build hands the full module
/// (see [`Page::waiting`]).
fn action(name: &str, arg: &crate::command::Arg) -> Json {
    use crate::command::Arg;
    let value = match arg {
        Arg::None => Json::Null,
        Arg::Bool(b) => Json::Bool(*b),
        Arg::Text(text) => Json::Str(text.clone()),
        Arg::Point { x, y, width, height } => Json::Arr([x, y, width, height].map(|v| Json::Num(*v)).to_vec()),
    };
    Json::Arr(vec![Json::Str(name.to_string()), value])
}

/// "log scale, 1e-08 … 1.0": a log slider's range, from the control table.
fn range_help(lang: crate::i18n::Lang, id: &str) -> String {
    let (min, max) = controls::get(id).value_bounds();
    let scale = t(lang, "log-scale");
    let gap = crate::i18n::gap_after(&scale);
    format!("{scale}{gap}{} … {}", crate::numbers::py_float(min), crate::numbers::py_float(max))
}

fn attr(name: &str, value: String) -> Json {
    Json::Obj(vec![(name.to_string(), Json::Str(value))])
}

fn lesson(page: &Page, text: &mut Map, html: &mut Map, hidden: &mut Map, disabled: &mut Map, attrs: &mut Map) {
    hidden.bool("lesson", page.lesson.is_none());
    // "Start here: … — or open a Lesson." is for a page with no lesson open.
    hidden.bool("start-here", page.lesson.is_some());
    // In presenter mode (the lesson a sticky column beside the view) the part of the page a
    // stage is about, with the stage, so that the page scrolls to it once as the stage opens:
    // once its link is open (the progress line above the view, gone a frame after the scroll
    // had set out, left the charts 65 px under the toolbar). (The small build never has a
    // lesson open.)
    if crate::FULL {
        let look_at = page
            .lesson
            .as_ref()
            .filter(|_| page.presenter && page.opening_progress().is_none() && page.lesson_elsewhere().is_none())
            .map(|open| format!("{} {}:{}", crate::lessons::look_at(open.id, open.stage), open.id, open.stage));
        attrs.put("lesson", attr("data-look-at", look_at.unwrap_or_default()));
    }
    // A lesson's sliders under the charts they move, while it is open on their view (closing
    // lesson 5 left its slider under the per-sample chart).
    let on_view = page.lesson.as_ref().filter(|_| page.lesson_elsewhere().is_none()).map(|open| open.id);
    hidden.bool("lesson-value-row", !on_view.is_some_and(crate::lessons::has_value_slider));
    hidden.bool("lesson-eps-row", !on_view.is_some_and(crate::lessons::has_eps_slider));
    // The small build never has a lesson open (the full module takes over), so leaves them out.
    let (true, Some(open)) = (crate::FULL, &page.lesson) else { return };
    let stages = open.lesson().stages.len();
    html.str("lesson-text", page.lesson_html());
    // On a lesson's last stage Next goes on to the next lesson, and says so; after the last
    // lesson's it is disabled.
    let last_stage = open.stage + 1 >= stages;
    let next_lesson = crate::lessons::after(open.id).is_some();
    disabled.bool("lesson-back", open.stage == 0).bool("lesson-next", last_stage && !next_lesson);
    text.str("lesson-next", t(page.lang, if last_stage && next_lesson { "next-lesson" } else { "next" }));
    disabled.bool("lesson-reveal", open.revealed);
    // On another view than the stage's: "Go to" it, in place of Reveal and "Show the chart"
    // (of a chart not on the view shown).
    let elsewhere = page.lesson_elsewhere();
    hidden.bool("lesson-go", elsewhere.is_none()).bool("lesson-reveal", elsewhere.is_some());
    let view = elsewhere.map(|view| t(page.lang, &format!("view-{view}")));
    text.str("lesson-go", view.map_or(String::new(), |view| tf(page.lang, "lesson-go", &[("view", &view)])));
    // What the stage is about, a button away: on a phone the lesson card fills the first screen;
    // projected, the page brings it into view itself, and the button offers what else it names.
    let shows = crate::lessons::stage_button(open.id, open.stage, page.presenter, open.revealed)
        .filter(|_| elsewhere.is_none());
    hidden.bool("lesson-show", shows.is_none());
    attrs.put("lesson-show", attr("data-target", shows.map_or("", |(id, _)| id).to_string()));
    text.str("lesson-show", shows.map_or("", |(_, words)| words.get(page.lang)));
    let value = sample_value(page);
    text.str("lesson-value-out", crate::numbers::num(value as f64));
    text.str("lesson-eps-out", crate::numbers::py_float(page.lab.settings().layer.eps));
}

/// The followed sample's input value of the followed feature (NaN when there is none).
pub fn sample_value(page: &Page) -> f32 {
    let s = page.lab.settings();
    let shape = crate::core::BatchShape::from_dims(&s.dims()).ok();
    shape.and_then(|sh| page.lab.batch().get(sh.index(s.sample, s.feature, 0)).copied()).unwrap_or(f32::NAN)
}

#[allow(clippy::too_many_arguments)]
fn lab(
    page: &Page,
    values: &mut Map,
    text: &mut Map,
    html: &mut Map,
    hidden: &mut Map,
    disabled: &mut Map,
    attrs: &mut Map,
    classes: &mut Map,
) {
    let lang = page.lang;
    let lab = &page.lab;
    let s = lab.settings();
    let layer = &s.layer;
    let own = matches!(lab.source(), crate::lab::Source::Own(_));

    text.str("eps-out", crate::numbers::py_float(layer.eps));
    text.str("eps-help", range_help(lang, "eps"));
    text.str("spread-help", range_help(lang, "spread"));
    values.bool("momentum-none", layer.momentum.is_none());
    disabled.bool("momentum", layer.momentum.is_none());
    text.str("momentum-out", layer.momentum.map_or("None".into(), crate::numbers::py_float));
    values.bool("affine", layer.affine).bool("track", layer.track_running_stats);
    text.str("gamma-out", crate::numbers::num(page.gamma() as f64));
    text.str("beta-out", crate::numbers::num(page.beta() as f64));
    disabled.bool("gamma", !layer.affine).bool("beta", !layer.affine);
    for id in ["batch-size", "length", "num-features"] {
        disabled.bool(id, own);
    }
    values.str("distribution", s.data.distribution.name());
    values.bool("vary", s.data.vary_spread);
    text.str("offset-out", crate::numbers::num(s.data.offset));
    text.str("shift-out", crate::numbers::num(s.data.shift));
    text.str("spread-out", crate::numbers::py_float(s.data.spread));
    attrs.put("feature", attr("max", layer.num_features.saturating_sub(1).to_string()));
    attrs.put("sample", attr("max", s.batch_size.saturating_sub(1).to_string()));
    let value = sample_value(page);
    text.str("value-out", crate::numbers::num(value as f64));
    values.bool("overlay", page.overlay);
    text.str(".feature-no", s.feature.to_string());
    values.bool("mode-train", s.training).bool("mode-eval", !s.training);

    text.str("ctor", explain::constructor(lab.layer()));
    text.str("status", explain::status(lab, lang));
    // A lesson stage asking what PyTorch counted of a refused batch: the page says it once revealed.
    let tell = !page.lesson.as_ref().is_some_and(|o| !o.revealed && crate::lessons::asks_the_count(o.id, o.stage));
    let refusal = lab.refusal().map_or(String::new(), |r| explain::refusal_box(r, lab, lang, tell));
    hidden.bool("refusal", refusal.is_empty());
    html.str("refusal", refusal.clone());
    html.str("steps", if refusal.is_empty() { explain::step_by_step(lab, lang) } else { refusal });
    text.str("pytorch", explain::pytorch_code_telling(lab, lang, tell));
    // The exported y is the pass shown; a refused step has none, and its snippet reproduces the refusal.
    text.str("export-snippet", crate::export::lab_snippet(lab));
    backward(page, values, text, html, hidden);
    let refused = lab.refusal().is_some();
    for chart in ["distribution", "running", "features", "samples"] {
        let figure = format!("fig-{chart}");
        classes.put(&figure, Json::Obj(vec![("refused".into(), Json::Bool(refused && chart != "running"))]));
        attrs.put(&figure, attr("data-refused", t(lang, "chart-refused")));
        html.str(&format!("cap-{chart}"), explain::caption(lab, chart, lang));
        text.str(&format!("sum-{chart}"), explain::summary(lab, chart, lang));
    }
}

/// The Backward panel (computed only while it is open).
fn backward(page: &Page, values: &mut Map, text: &mut Map, html: &mut Map, hidden: &mut Map) {
    let lang = page.lang;
    values.bool("backward", page.backward_open);
    values.str("upstream", page.upstream);
    text.str("grad-target-out", crate::numbers::num(page.grad_target as f64));
    hidden.bool("grad-target-row", page.upstream != "pull").bool("grad-seed-row", page.upstream != "random");
    // The small build never has the panel open (the full module takes over), so leaves it out.
    if !crate::FULL || !page.backward_open {
        return;
    }
    let lab = &page.lab;
    match page.backward_view_made() {
        // The random weights of a large batch are made over frames (the progress bar says so).
        None => {
            let making = t(lang, "weights-waiting");
            html.str("backward-steps", format!("<p>{}</p>", escape(&making)));
            text.str("sum-gradients", making);
        }
        Some(Ok(view)) => {
            // As the forward table: after bn.train() this is still the eval pass, until a Step.
            let stale = if view.training != lab.settings().training {
                format!("<p class=\"mode\"><i>{}</i></p>", t(lang, "table-eval-pass"))
            } else {
                String::new()
            };
            html.str("backward-steps", stale + &crate::backward::step_by_step(&view, lang));
            text.str("sum-gradients", gradient_summary(&view, lang));
        }
        Some(Err(e)) => {
            html.str("backward-steps", crate::backward::refusal_html(&e, lang));
            text.str("sum-gradients", crate::i18n::error_message(&e, lang));
        }
    }
    let shape = crate::core::BatchShape::from_dims(&lab.settings().dims()).unwrap_or(crate::core::BatchShape::nc(0, 0));
    let coupling = crate::backward::coupling_from_lab(lab)
        .map_or(String::new(), |c| crate::backward::coupling_html(&c, &shape, lang));
    html.str("coupling", coupling);
    text.str("grad-snippet", crate::export::grad_lab_snippet(lab, lang).unwrap_or_default());
}

/// The gradient chart in words: the followed sample's ∂L/∂x and the two sums.
fn gradient_summary(view: &crate::backward::BackwardView, lang: crate::i18n::Lang) -> String {
    let g = &view.gradients_view();
    let sum: f64 = g.grad_input.iter().map(|&v| v as f64).sum();
    let largest = g.grad_input.iter().fold(0.0f64, |m, &v| m.max((v as f64).abs()));
    tf(
        lang,
        "sum-gradients",
        &[
            ("f", &g.feature.to_string()),
            ("n", &g.grad_input.len().to_string()),
            ("m", &crate::numbers::num(largest)),
            ("s", &crate::numbers::num(sum)),
        ],
    )
}

/// The "Which axis?" view: a text alternative of each chart, and every refusal the grid draws
/// as text too (for screen readers), escaped.
fn norms(page: &Page, text: &mut Map, html: &mut Map, classes: &mut Map) {
    // A refused box is said where the boxes are too, in place of their bounds: the notice above
    // the view is screens away on a phone, where the boxes come after the charts and the table.
    let refused = page.notice.as_ref().filter(|n| n.error).map(|n| n.text.as_str());
    let view = crate::compare::view(&page.compare, page.lang);
    let refusing: Vec<&str> = match &view {
        Ok(view) => view.panels.iter().filter(|p| p.refusal.is_some()).map(|p| p.name.as_str()).collect(),
        Err(_) => Vec::new(),
    };
    // Red only for what is wrong: a refused box's words, or (after the bounds, which the boxes
    // keep) the layers that cannot take the batch — the bounds in red read as a box out of them.
    classes.put("norms-bounds", Json::Obj(vec![("error".into(), Json::Bool(refused.is_some()))]));
    let line = match refused {
        Some(refused) => escape(refused),
        None => match crate::compare::bounds_line(&refusing, page.lang) {
            (bounds, None) => escape(&bounds),
            // A block of its own (style.css), so no space between.
            (bounds, Some(refusing)) => {
                format!("{}<span class=\"refusing\">{}</span>", escape(&bounds), escape(&refusing))
            }
        },
    };
    html.str("norms-bounds", line);
    for chart in ["norm-grid", "norm-outputs"] {
        let words = match &view {
            Ok(view) => explain::norms_summary(view, chart, page.lang),
            Err(e) => page.message(e),
        };
        text.str(&format!("sum-{chart}"), words);
    }
    let refusals = match &view {
        Ok(view) => view
            .panels
            .iter()
            .filter_map(|p| p.refusal.as_ref().map(|r| (p.name.to_string(), r.clone())))
            .collect::<Vec<_>>(),
        Err(e) => vec![(String::new(), page.message(e))],
    };
    let code = view.as_ref().map_or(String::new(), |_| crate::compare::pytorch_code(&page.compare, page.lang));
    text.str("norms-code", code);
    let (length, channels) = view.as_ref().map_or((0, 0), |v| (v.l, v.c));
    let items: Vec<String> = refusals
        .iter()
        .map(|(name, why)| {
            let lines: Vec<String> = why.lines().map(escape).collect();
            let note = crate::compare::beside_refusal(name, length, channels, page.lang)
                .map_or(String::new(), |note| format!("<p>{}</p>", escape(&note)));
            format!("<p class=\"error\"><b>{}</b> {}</p>{note}", escape(name), lines.join("<br>"))
        })
        .collect();
    html.str("norm-refusals", items.join(""));
}

/// Text made safe to stand in HTML.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The Train view's charts with nothing to plot yet (no step, no probe) are marked `empty`: on a
/// narrow screen they are short (style.css), where the two, each a message on blank, took a
/// phone's page two screens down.
fn train_empty_charts(page: &Page, classes: &mut Map) {
    let trainer = page.train.trainer.as_ref();
    let empty = [
        ("chart-percentiles", trainer.is_none_or(|t| t.history().is_empty())),
        ("chart-landscape", trainer.is_none_or(|t| t.probe_history().is_empty())),
    ];
    for (chart, empty) in empty {
        classes.put(chart, Json::Obj(vec![("empty".into(), Json::Bool(empty))]));
    }
}

fn train(page: &Page, values: &mut Map, text: &mut Map, html: &mut Map, hidden: &mut Map, disabled: &mut Map) {
    let lang = page.lang;
    let ts = &page.train.settings;
    text.str("t-lr-out", crate::numbers::py_float(ts.lr));
    text.str("t-lr-help", range_help(lang, "t-lr"));
    text.str("t-momentum-out", crate::numbers::py_float(ts.momentum));
    values.str("t-activation", ts.activation.name());
    values.str("t-norm-a", ts.norms[0].name());
    values.str("t-norm-b", ts.norms[1].name());
    values.str("t-preset", ts.preset_name().unwrap_or("custom"));
    text.str("t-noise-out", crate::numbers::py_float(ts.noise));
    // The noise is added after model B's BatchNorm1d layers: without one it does nothing.
    let b_has_bn = ts.norms[1] == crate::trainer::NormChoice::BatchNorm;
    disabled.bool("t-noise", !b_has_bn);
    hidden.bool("t-noise-help", b_has_bn);
    text.str("t-noise-help", if b_has_bn { String::new() } else { t(lang, "t-noise-help") });
    values.bool("t-probe", ts.probes);
    // The run's own caption: only for Wu & He's two models (BatchNorm1d against GroupNorm).
    let run = crate::papers::run_caption(&page.train, lang);
    hidden.bool("t-cap-run", run.is_empty());
    text.str("t-cap-run", run);
    text.str("t-cap-fig1", crate::papers::fig1_caption(&page.train, lang));
    text.str("t-cap-landscape", crate::papers::landscape_caption(&page.train, lang));
    text.str("t-cap-wuhe", crate::papers::wuhe_caption(&page.train, lang));
    let batch_progress = page.train.batch_sweep.as_ref().map(|s| s.progress());
    values.put("t-bsweep-progress", Json::Str(position_text(batch_progress.unwrap_or(0.0))));
    disabled.bool("t-bsweep-cancel", batch_progress.is_none_or(|p| p >= 1.0));
    let status = match page.train.trainer {
        None if page.digits_failed => t(lang, "digits-failed"),
        _ => explain::train_status(&page.train, lang),
    };
    text.str("t-status", status);
    for chart in ["curves", "percentiles", "sweep", "digits"] {
        let shown = page.picks.digits.map(|shown| shown.0);
        text.str(
            &format!("sum-{chart}"),
            explain::train_summary_drawn(&page.train, page.sweep_steps, chart, shown, lang),
        );
    }
    // "Forgot model.eval()?" and "Open … BatchNorm1d" are of model A's BatchNorm1d: without
    // one there are no running statistics to forget, and no layer to open.
    let a_has_bn =
        page.train.trainer.as_ref().is_some_and(|t| t.settings().norms[0] == crate::trainer::NormChoice::BatchNorm);
    hidden.bool("t-eval-report", !a_has_bn);
    // One button per BatchNorm1d of model A (Fig. 1's has three), each naming its hidden layer
    // and its place in the code above (`model_a[4]`); the rest of the six are hidden.
    let places = match &page.train.trainer {
        Some(trainer) if a_has_bn => trainer.batchnorm_places(),
        _ => Vec::new(),
    };
    for h in 1..=crate::trainer::MAX_DEPTH {
        let id = format!("t-open-layer-{h}");
        let place = places.iter().find(|p| p.hidden == h);
        hidden.bool(&id, place.is_none());
        if let Some(p) = place {
            text.str(&id, p.button(lang));
        }
    }
    html.str("t-eval", if a_has_bn { explain::eval_report_html(&page.train, lang) } else { String::new() });
    if let (Ok(a), Ok(b)) = (ts.spec(0), ts.spec(1)) {
        text.str("t-snippet", crate::export::train_snippet([&a, &b], lang));
        let noisy = if ts.noise > 0.0 && b.layers.iter().any(|l| l.class_name() == "BatchNorm1d") {
            // No PyTorch layer adds the noise: the comment (its own line, above model B) says
            // what the page adds.
            format!("# {}\n", tf(lang, "code-noisy", &[("n", &crate::numbers::num(ts.noise))]))
        } else {
            String::new()
        };
        let code = crate::export::sequential_code;
        text.str("t-models", format!("model_a = {}\n{noisy}model_b = {}", code(&a), code(&b)));
    }
    html.str("t-fold", fold(page));
    // The folded model is offered only when model A folds (the panel says why not); so is the
    // code that checks it, which builds the tutorial's model and would not load another.
    let unfoldable = page.train.trainer.is_none() || page.why_not_foldable().is_some();
    disabled.bool("t-export-folded", unfoldable);
    // The check below loads model A too: its file is offered beside the folded one.
    disabled.bool("t-export-a-fold", unfoldable);
    hidden.bool("t-fold-code", unfoldable);
    text.str("t-fold-snippet", crate::export::fold_snippet(lang));
    let progress = page.train.sweep.as_ref().map(|s| s.progress());
    values.put("t-sweep-progress", Json::Str(position_text(progress.unwrap_or(0.0))));
    disabled.bool("t-sweep-cancel", progress.is_none_or(|p| p >= 1.0));
}

/// The Train view's folding panel: the BN model's first layer folded, checked on the test digits.
fn fold(page: &Page) -> String {
    let Some(trainer) = &page.train.trainer else { return String::new() };
    let test = trainer.test_digits();
    match crate::core::fold::fold_view(trainer.model(0), &test.images, &[0, 1, 2], 4) {
        // Untrained, the layer is PyTorch's fresh one and its fold changes almost nothing: the
        // table says so, and what to press (less41: lesson 10's "Show the table" at step 0).
        Ok(view) if trainer.steps() == 0 => {
            format!(
                "<p class=\"note\">{}</p>{}",
                t(page.lang, "fold-untrained"),
                crate::backward::fold_html(&view, page.lang)
            )
        }
        Ok(view) => crate::backward::fold_html(&view, page.lang),
        Err(crate::core::fold::FoldError::NotTutorialModel) => {
            format!("<p>{}</p>", crate::i18n::t(page.lang, "fold-tutorial-only"))
        }
        Err(e) => crate::backward::fold_error_html(&e, page.lang),
    }
}

/// The page's labels in its language (every `data-i18n` key), and the lessons menu.
pub fn labels(page: &Page) -> String {
    let lang = page.lang;
    let keys = i18n::html_keys().map(|k| (k.to_string(), Json::Str(t(lang, k)))).collect();
    // The menu from the titles alone (the first view's small module has no lessons).
    let lessons = TITLES
        .iter()
        .map(|(id, title)| Json::Arr(vec![Json::Str((*id).into()), Json::Str(title.get(lang).into())]))
        .collect();
    Json::Obj(vec![("keys".into(), Json::Obj(keys)), ("lessons".into(), Json::Arr(lessons))]).text()
}

/// The control table for the page's inputs: id → [min, max, step], in positions.
pub fn control_bounds() -> String {
    let entries = CONTROLS
        .iter()
        .map(|c| {
            let bounds = [c.min, c.max, c.step].iter().map(|x| Json::Str(position_text(*x))).collect();
            (c.id.to_string(), Json::Arr(bounds))
        })
        .collect();
    Json::Obj(entries).text()
}

/// A valid position of `control` that differs from its default where it can (for tests).
#[cfg(test)]
pub fn tests_position(control: &crate::controls::Control) -> String {
    let p =
        if control.default + control.step <= control.max { control.default + control.step } else { control.default };
    position_text(p)
}

/// What of a chart's words the notice has not said: all of them, or none if the notice holds them,
/// or what follows the longest start of them that the notice ends with.
/// (A start shorter than a few words is the notice's end by chance.)
const SAID_AT_LEAST: usize = 16;
fn unsaid<'a>(chart: &'a str, notice: &str) -> &'a str {
    if notice.contains(chart) {
        return "";
    }
    let said =
        chart.char_indices().map(|(i, _)| i).rev().find(|&i| i >= SAID_AT_LEAST && notice.ends_with(&chart[..i]));
    said.map_or(chart, |i| chart[i..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Arg, Command};

    #[test]
    fn json_strings_are_escaped() {
        let j = Json::Obj(vec![("a\"b".into(), Json::Str("<img src=x>\n\\".into()))]);
        assert_eq!(j.text(), r#"{"a\"b":"\u003cimg src=x>\n\\"}"#);
        assert_eq!(Json::Num(f64::NAN).text(), "null");
        let j = Json::Str("a\u{2028}b\u{2029}→\u{1}é€".into());
        assert_eq!(j.text(), r#""a\u2028b\u2029→\u0001é€""#);
    }

    /// What index.html shows in control `id` before the wasm has come: a select's option marked
    /// `selected` (else its first), a number box's `value`; None where the HTML states none.
    fn html_value(html: &str, id: &str) -> Option<String> {
        let start = html.find(&format!(" id=\"{id}\""))?;
        let tag_start = html[..start].rfind('<')?;
        let attr = |tag: &str, name: &str| {
            let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[at..at + tag[at..].find('"')?].to_string())
        };
        if html[tag_start..].starts_with("<select") {
            let body = &html[start..start + html[start..].find("</select>")?];
            let options: Vec<&str> =
                body.split("<option").skip(1).map(|o| &o[..o.find('>').unwrap_or(o.len())]).collect();
            let chosen = options.iter().find(|o| o.split_whitespace().any(|w| w == "selected")).or(options.first())?;
            return attr(chosen, "value");
        }
        // A range has no bounds in the HTML (main.js gives it the table's): the browser snaps its
        // value into 0–100 by 1 until then, so only a number box states one.
        let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
        attr(tag, "type").filter(|t| t == "number").and_then(|_| attr(tag, "value"))
    }

    /// The page before the wasm has come shows what the App's first frame sets (Play's speed
    /// read 2/s until the page was ready, then 10/s: the HTML and `Page::new` had each a default).
    #[test]
    fn the_html_shows_the_apps_defaults_before_the_wasm_has_come() {
        let html = include_str!("../www/index.html");
        let f: serde_json::Value = serde_json::from_str(&frame(&Page::new())).expect("the frame is JSON");
        let mut compared = Vec::new();
        for control in CONTROLS {
            let (Some(shown), Some(set)) = (html_value(html, control.id), f["values"][control.id].as_str()) else {
                continue;
            };
            assert_eq!(shown, set, "#{} reads {shown} before the wasm has come, {set} after", control.id);
            compared.push(control.id);
        }
        for id in ["speed", "t-speed", "batch-size", "n-l"] {
            assert!(compared.contains(&id), "#{id} was not compared ({compared:?})");
        }
    }

    /// One source for each text the frame writes: eps's hint reads "log scale, 1e-08 … 1.0" (from
    /// the control table), and the translation table had its own "eps-help" saying "1e-8 … 1".
    /// No element the frame fills has other words under its id in the table.
    #[test]
    fn a_text_the_frame_writes_has_no_other_words_in_the_table() {
        for lang in crate::i18n::Lang::ALL {
            let mut page = Page::new();
            page.lang = lang;
            let f: serde_json::Value = serde_json::from_str(&frame(&page)).expect("the frame is JSON");
            for key in crate::i18n::html_keys() {
                // (A template the frame fills under its element's id is its own words.)
                let words = crate::i18n::t(lang, key);
                if let Some(shown) = f["text"][key].as_str().filter(|s| !s.is_empty() && !words.contains('{')) {
                    assert_eq!(words, shown, "#{key} in {lang:?}");
                }
            }
        }
    }

    /// Lesson 6's eps slider shows under the distribution chart during that lesson only, and
    /// moves the layer's eps as the settings' slider does (class38).
    #[test]
    fn the_eps_lesson_has_its_slider_under_the_chart() {
        let mut page = Page::new();
        assert!(frame(&page).contains("\"lesson-eps-row\":true"));
        page.open_lesson("eps", 1).unwrap();
        let f = frame(&page);
        assert!(f.contains("\"lesson-eps-row\":false") && f.contains("\"lesson-eps-out\":\"1e-08\""), "{f}");
        page.apply(Command::parse("lesson-eps", Arg::Text("0".into())).unwrap()).unwrap();
        assert_eq!(page.lab.settings().layer.eps, 1.0);
        assert!(frame(&page).contains("\"eps\":\"0\""));
        page.open_lesson("coupled", 0).unwrap();
        assert!(frame(&page).contains("\"lesson-eps-row\":true"));
        assert!(frame(&page).contains("\"lesson-value-row\":false"));
        // Closed, neither stays under its chart.
        page.apply(Command::parse("lesson-close", Arg::None).unwrap()).unwrap();
        let f = frame(&page);
        assert!(f.contains("\"lesson-value-row\":true") && f.contains("\"lesson-eps-row\":true"), "{f}");
    }

    #[test]
    fn positions_print_cleanly() {
        assert_eq!(position_text(0.1 + 0.2), "0.3");
        assert_eq!(position_text(-4.0), "-4");
        assert_eq!(position_text(-0.0), "0");
    }

    #[test]
    fn refusals_drawn_in_the_grid_are_text_too() {
        let mut page = Page::new();
        page.apply(Command::parse("view", Arg::Text("norms".into())).unwrap()).unwrap();
        page.apply(Command::parse("n-g", Arg::Text("4".into())).unwrap()).unwrap();
        let f = frame(&page);
        assert!(f.contains("num_channels (6) must be divisible by num_groups (4)"), "{f}");
        assert!(!f.contains("Given (N, C), without L, it would not refuse it"), "L = 5: no word on (N, C)");
        // At L = 1, InstanceNorm1d's refusal is of (N, C, 1): beside it, what PyTorch does with an
        // input (N, C) without L (it does not refuse it; checked in torch 2.15).
        page.apply(Command::parse("n-l", Arg::Text("1".into())).unwrap()).unwrap();
        let f = frame(&page);
        assert!(
            f.contains("Expected more than 1 spatial element")
                && f.contains("Given (N, C), without L, it would not refuse it"),
            "{f}"
        );
    }

    /// The Train view offers only what applies to its models: "Forgot model.eval()?" and "Open
    /// this BatchNorm1d" when model A has BatchNorm1d, the folded model and its check when model A folds.
    #[test]
    fn the_train_view_offers_only_what_applies() {
        let mut page = Page::new();
        page.apply(Command::parse("view", Arg::Text("train".into())).unwrap()).unwrap();
        page.train.load(crate::trainer::tests::toy_digits()).unwrap();
        // The accuracy and "forgot model.eval()" are measured over the frames after a change.
        let settle = |page: &mut Page| {
            while page.busy() {
                page.frame_read();
                page.tick(0.0, &mut || true);
            }
        };
        settle(&mut page);
        let f = frame(&page);
        assert!(f.contains("\"t-eval-report\":false") && f.contains("\"t-export-folded\":false"), "{f}");
        assert!(f.contains("\"t-fold-code\":false"), "{f}");
        // Untrained, the fold table says it changes almost nothing and what to press (less41);
        // after a Step, not.
        assert!(f.contains("Step 0: nothing has trained yet"), "{f}");
        page.apply(Command::parse("t-step", Arg::None).unwrap()).unwrap();
        settle(&mut page);
        assert!(!frame(&page).contains("nothing has trained yet"));
        // Model B without BatchNorm1d (the default): no noise to add after one.
        assert!(f.contains("\"t-noise\":true") && f.contains("Applies only when model B has BatchNorm1d"), "{f}");
        assert!(f.contains("running statistics"), "{f}");
        for (preset, norms) in [("santurkar", ""), ("tutorial", "layernorm_groupnorm")] {
            page.apply(Command::parse("t-preset", Arg::Text(preset.into())).unwrap()).unwrap();
            if !norms.is_empty() {
                for (m, norm) in norms.split('_').enumerate() {
                    let id = ["t-norm-a", "t-norm-b"][m];
                    page.apply(Command::parse(id, Arg::Text(norm.into())).unwrap()).unwrap();
                }
            }
            settle(&mut page);
            let f = frame(&page);
            // Santurkar's model A has three BatchNorm1d layers: no tutorial model to fold, and
            // the page says so instead of "no running statistics to fold".
            // Nor the code that checks the folded model: it builds the tutorial's model.
            assert!(f.contains("\"t-export-folded\":true") && f.contains("\"t-fold-code\":true"), "{preset}: {f}");
            let why = page.why_not_foldable().unwrap();
            assert!(why.contains("tutorial's kind of model") && !why.contains("running statistics"), "{why}");
            let a_has_bn = norms.is_empty();
            // Santurkar's model B has BatchNorm1d (with noise): the slider applies.
            assert_eq!(f.contains("\"t-noise\":false"), preset == "santurkar", "{preset}: {f}");
            // No PyTorch layer is noisy: the models' code says what the page adds (it read
            // "# + with noisy BatchNorm1d", as if PyTorch had one).
            let said = f.contains("# PyTorch has no noisy BatchNorm1d: the page adds");
            assert_eq!(said, preset == "santurkar", "{preset}: {f}");
            assert_eq!(f.contains("\"t-eval-report\":false"), a_has_bn, "{preset} {norms}: {f}");
            assert_eq!(f.contains("running statistics</td>") || f.contains(": running statistics"), a_has_bn, "{f}");
        }
    }

    /// A box of "Which axis?" refused is said beside the boxes, in place of their bounds (on a
    /// phone the notice above the view was 3400 px above them, the page unchanged as if ignored).
    #[test]
    fn a_refused_box_of_which_axis_is_said_beside_the_boxes() {
        let mut page = Page::new();
        page.apply(Command::parse("view", Arg::Text("norms".into())).unwrap()).unwrap();
        let bounds = |page: &Page| {
            let f: serde_json::Value = serde_json::from_str(&frame(page)).expect("the frame is JSON");
            (
                f["html"]["norms-bounds"].as_str().unwrap_or_default().to_string(),
                f["classes"]["norms-bounds"]["error"].clone(),
            )
        };
        let plain = (escape(&crate::compare::bounds_line(&[], page.lang).0), serde_json::Value::Bool(false));
        assert!(plain.0.contains("1 to 16"), "{}", plain.0);
        assert_eq!(bounds(&page), plain);
        // As the App takes a typed value: refused when read, or when applied.
        match Command::parse("n-n", Arg::Text("20".into())) {
            Ok(command) => assert!(page.apply(command).is_err(), "N = 20 was taken"),
            Err(why) => page.refused(&why),
        }
        let (said, error) = bounds(&page);
        assert!(said.contains("20") && said.contains("16") && error == serde_json::Value::Bool(true), "{said}");
        assert_eq!(Some(said), page.notice.as_ref().map(|n| escape(&n.text)));
        page.apply(Command::parse("n-n", Arg::Text("5".into())).unwrap()).unwrap();
        assert_eq!(bounds(&page), plain);
        // A layer that cannot take the batch the boxes make is named there too (review30: G = 3
        // of C = 6 was said only under the grids, a phone's screen below the boxes), in red
        // after the bounds, which stay as they are (review40: all of it in red read as a box
        // out of its bounds).
        page.apply(Command::parse("n-g", Arg::Text("4".into())).unwrap()).unwrap();
        let (said, error) = bounds(&page);
        let (before, refusing) = said.split_once("<span class=\"refusing\">").unwrap_or_default();
        assert!(
            before.trim() == plain.0 && refusing.contains("GroupNorm") && error == serde_json::Value::Bool(false),
            "{said}"
        );
        assert!(!said.contains("BatchNorm1d") && !said.contains("LayerNorm"), "{said}");
        page.apply(Command::parse("n-g", Arg::Text("3".into())).unwrap()).unwrap();
        assert_eq!(bounds(&page), plain);
    }

    /// Lessons chain: "Next lesson ›" on a lesson's last stage opens the next lesson's first
    /// stage (Next was disabled there); on the last lesson's last stage Next stays disabled.
    #[test]
    fn next_goes_on_to_the_next_lesson() {
        let mut page = Page::new();
        let lessons = crate::lessons::LESSONS;
        let (first, second, last) = (&lessons[0], &lessons[1], &lessons[lessons.len() - 1]);
        page.open_lesson(first.id, first.stages.len() - 1).unwrap();
        let f = frame(&page);
        assert!(f.contains("\"lesson-next\":false") && f.contains("\"lesson-next\":\"Next lesson ›\""), "{f}");
        page.apply(Command::parse("lesson-next", Arg::None).unwrap()).unwrap();
        let open = page.lesson.as_ref().unwrap();
        assert_eq!((open.id, open.stage), (second.id, 0));
        assert!(frame(&page).contains("\"lesson-next\":\"Next ›\""));
        page.open_lesson(last.id, last.stages.len() - 1).unwrap();
        assert!(frame(&page).contains("\"lesson-next\":true"));
        page.apply(Command::parse("lesson-next", Arg::None).unwrap()).unwrap();
        assert_eq!(page.lesson.as_ref().map(|o| (o.id, o.stage)), Some((last.id, last.stages.len() - 1)));
    }

    /// Every projected stage names the part of the page it is about (an element of index.html,
    /// or of the html the frame writes) with the stage, so the page scrolls to it once per stage:
    /// a stage that named none kept the scroll of the one before, its charts cut in half at the
    /// top, and lesson 1's second stage sent the class to the variances under a table 1640 px
    /// down. Not without presenter mode (the lesson sits above the view there: scrolling would
    /// hide it). Projected, the "Show …" button offers what else the stage names, never the part
    /// already in view.
    #[test]
    fn a_projected_lesson_names_the_part_it_is_about() {
        let html = include_str!("../www/index.html");
        let parse =
            |page: &Page| -> serde_json::Value { serde_json::from_str(&frame(page)).expect("the frame is JSON") };
        let look = |page: &Page| parse(page)["attrs"]["lesson"]["data-look-at"].as_str().map(str::to_string);
        let mut page = Page::new();
        assert_eq!(look(&page).as_deref(), Some(""));
        page.open_lesson("coupled", 0).unwrap();
        assert_eq!(look(&page).as_deref(), Some(""), "not in presenter mode");
        page.apply(Command::parse("presenter", Arg::Bool(true)).unwrap()).unwrap();
        assert_eq!(look(&page).as_deref(), Some("fig-samples coupled:0"));
        page.apply(Command::parse("lesson-next", Arg::None).unwrap()).unwrap();
        assert_eq!(look(&page).as_deref(), Some("fig-samples coupled:1"), "each stage scrolls once");
        page.open_lesson("tutorial", 1).unwrap();
        assert_eq!(look(&page).as_deref(), Some("variance-note tutorial:1"));
        // A link opening a stage: once it is open (the progress line above the view gone).
        let mut opened = Page::open("n=512&c=512&do=s20&lesson=eval_1&present=1");
        assert!(opened.opening_progress().is_some(), "the link is opened in chunks");
        assert_eq!(look(&opened).as_deref(), Some(""), "while the link opens");
        while opened.opening_progress().is_some() {
            opened.frame_read();
            opened.tick(0.0, &mut || true);
        }
        assert_eq!(look(&opened).as_deref(), Some("fig-distribution eval:1"));
        for lesson in crate::lessons::LESSONS {
            for k in 0..lesson.stages.len() {
                page.open_lesson(lesson.id, k).unwrap();
                let f = parse(&page);
                let look = f["attrs"]["lesson"]["data-look-at"].as_str().unwrap_or_default();
                let (part, stage) = look.split_once(' ').unwrap_or_else(|| panic!("{} {k}: names no part", lesson.id));
                assert_eq!(stage, format!("{}:{k}", lesson.id));
                let in_page = |id: &str| {
                    let written = f["html"].as_object().into_iter().flatten().filter_map(|(_, v)| v.as_str());
                    html.contains(&format!(" id=\"{id}\""))
                        || written.into_iter().any(|h| h.contains(&format!(" id=\"{id}\"")))
                };
                assert!(in_page(part), "{} {k}: no #{part} in the page", lesson.id);
                if f["hidden"]["lesson-show"] == serde_json::Value::Bool(false) {
                    let target = f["attrs"]["lesson-show"]["data-target"].as_str().unwrap_or_default();
                    assert!(target != part && in_page(target), "{} {k}: the button shows #{target}", lesson.id);
                }
            }
        }
        // What the answers name, a press away: lesson 1's output variances under the table (not
        // the table, whose variances are x's), lesson 9's "law 1" row.
        let button = |page: &Page| parse(page)["attrs"]["lesson-show"]["data-target"].as_str().map(str::to_string);
        page.open_lesson("tutorial", 0).unwrap();
        // Not before Reveal: the sentence it shows prints the answer (review40).
        assert_eq!(button(&page).as_deref(), Some(""), "shown before Reveal");
        page.reveal();
        assert_eq!(button(&page).as_deref(), Some("variance-note"));
        assert!(frame(&page).contains(r#"id=\"variance-note\""#), "the sentence it shows is on the page");
        page.open_lesson("gradient", 0).unwrap();
        assert_eq!(button(&page).as_deref(), Some("grad-sum"));
        page.open_lesson("gradient", 1).unwrap();
        assert_eq!(button(&page).as_deref(), Some("grad-sum"), "eval mode's sum, not 0");
        page.apply(Command::parse("presenter", Arg::Bool(false)).unwrap()).unwrap();
        assert_eq!(button(&page).as_deref(), Some("fig-gradients"), "a phone's button shows the chart its text names");
        page.reveal();
        assert_eq!(button(&page).as_deref(), Some("grad-sum"), "and once revealed the row its answer names (less41)");
        // Lesson 11's second stage projected: its question's accuracy chart is what the page
        // shows; the landscape its answer names, a button away only once revealed (less41).
        page.apply(Command::parse("presenter", Arg::Bool(true)).unwrap()).unwrap();
        page.open_lesson("papers", 1).unwrap();
        assert_eq!(button(&page).as_deref(), Some(""), "the landscape offered before Reveal");
        page.reveal();
        assert_eq!(button(&page).as_deref(), Some("chart-landscape"));
        assert!(frame(&page).contains("Show the loss landscape chart\u{a0}↓"));
        page.apply(Command::parse("presenter", Arg::Bool(false)).unwrap()).unwrap();
        assert_eq!(button(&page).as_deref(), Some("chart-curves"), "a phone's goes to the accuracy chart");
        page.open_lesson("ncl", 0).unwrap();
        assert_eq!(button(&page).as_deref(), Some(""), "lesson 7's table, m = 80, shown before Reveal");
        page.reveal();
        assert_eq!(button(&page).as_deref(), Some("computation"));
    }

    /// After Step, E or R the live region says the lab's status line (the step, the mode, the
    /// running statistics), then the first chart in words (keys36: only the chart was said).
    #[test]
    fn the_lab_says_its_status_then_its_chart() {
        for (lang, stop) in [("en", ". "), ("zh-Hans", "。")] {
            let mut page = Page::from_query(&format!("lang={lang}"));
            page.apply(Command::parse("step", Arg::None).unwrap()).unwrap();
            let f = frame(&page);
            let value = |key: &str| {
                let at = f.find(&format!("\"{key}\":\"")).map(|i| i + key.len() + 4).expect(key);
                f[at..f[at..].find('"').map(|e| at + e).unwrap()].to_string()
            };
            assert_eq!(value("announce"), format!("{}{stop}{}", value("status"), value("sum-distribution")), "{lang}");
            assert!(value("status").contains("num_batches_tracked = 2"), "{}", value("status"));
        }
    }

    /// The live region is never a stale sentence: empty while Play trains (it said "No training
    /// yet: press Step." through hundreds of steps, and in English after a change of language),
    /// then the first chart in words, in the page's language, once the page settles.
    #[test]
    fn the_live_region_says_nothing_stale_while_busy() {
        let announce = |page: &Page| {
            let f = frame(page);
            let at = f.find("\"announce\":\"").map(|i| i + "\"announce\":\"".len()).expect("announce");
            f[at..f[at..].find('"').map(|e| at + e).unwrap()].to_string()
        };
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::from_query("view=train");
        page.apply(Command::Digits(digits)).unwrap();
        let settle = |page: &mut Page| {
            while page.busy() {
                page.frame_read();
                page.tick(0.0, &mut || true);
            }
        };
        settle(&mut page); // the accuracy at step 0, "forgot model.eval()"
        assert_eq!(announce(&page), "No training yet: press Step.");
        page.apply(Command::parse("t-play", Arg::None).unwrap()).unwrap();
        assert!(page.busy());
        for _ in 0..3 {
            page.frame_read();
            page.tick(0.0, &mut || false);
        }
        assert!(page.train.trainer.is_some(), "Play trained");
        assert_eq!(announce(&page), "", "a stale sentence while Play runs");
        page.apply(Command::parse("lang-select", Arg::Text("zh-Hant".into())).unwrap()).unwrap();
        assert_eq!(announce(&page), "");
        page.apply(Command::parse("t-play", Arg::None).unwrap()).unwrap();
        assert!(page.busy() || !page.train.eval_report_due(), "paused: the report of the step to measure");
        settle(&mut page);
        let said = announce(&page);
        assert!(said.starts_with("第 ") && said.contains("步：訓練損失"), "{said}");
        assert!(frame(&page).contains(&format!("\"sum-curves\":\"{said}\"")));

        // A sweep, once it ends, is said by its own chart (it said the training curves, which
        // the sweep had not moved); a Step after it says the curves again.
        page.sweep_steps = 2;
        page.apply(Command::parse("t-sweep", Arg::None).unwrap()).unwrap();
        while page.busy() {
            page.frame_read();
            page.tick(0.0, &mut || true);
        }
        // Said by the notice ("… is done." and the chart's summary), not again by the live region.
        let summary = crate::explain::train_summary(&page.train, page.sweep_steps, "sweep", page.lang);
        assert!(
            summary.contains("學習率") && frame(&page).contains(&format!("\"sum-sweep\":\"{summary}\"")),
            "{summary}"
        );
        assert!(page.notice.as_ref().is_some_and(|n| n.text.contains(&summary)), "{:?}", page.notice);
        assert_eq!(announce(&page), "", "the sweep's result said twice");
        page.apply(Command::parse("t-sweep-steps", Arg::Text("50".into())).unwrap()).unwrap();
        settle(&mut page);
        assert!(page.notice.is_none() && frame(&page).contains(&format!("\"sum-sweep\":\"{}\"", announce(&page))));
        page.apply(Command::parse("t-step", Arg::None).unwrap()).unwrap();
        settle(&mut page);
        assert!(frame(&page).contains(&format!("\"sum-curves\":\"{}\"", announce(&page))));
    }

    /// The live region leaves out what the notice said: all of a chart's words, or their start.
    #[test]
    fn the_live_region_does_not_repeat_the_notice() {
        let caption = "At batch 2, BatchNorm1d 91 %. Wu & He measured ImageNet.";
        assert_eq!(unsaid(caption, "The sweep is done. At batch 2, BatchNorm1d 91 %."), "Wu & He measured ImageNet.");
        assert_eq!(unsaid(caption, &format!("Done. {caption}")), "");
        assert_eq!(unsaid(caption, "A new layer: nn.BatchNorm1d(128)."), caption);
        assert_eq!(unsaid("批量大小扫描：批量 2。论文", "完成。批量大小扫描：批量 2。"), "论文");
    }

    /// A Train chart with nothing to plot is marked empty (short on a phone) until it has: the
    /// neurons' percentiles from the first Step, Santurkar's measures from the first probe.
    #[test]
    fn train_charts_with_nothing_to_plot_are_marked_empty() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::from_query("view=train");
        page.apply(Command::Digits(digits)).unwrap();
        let empty = |page: &Page, chart: &str| {
            let f: serde_json::Value = serde_json::from_str(&frame(page)).expect("the frame is JSON");
            f["classes"][chart]["empty"].as_bool()
        };
        let step = |page: &mut Page| {
            page.apply(Command::parse("t-step", Arg::None).unwrap()).unwrap();
            while page.busy() {
                page.frame_read();
                page.tick(0.0, &mut || true);
            }
        };
        assert_eq!((empty(&page, "chart-percentiles"), empty(&page, "chart-landscape")), (Some(true), Some(true)));
        step(&mut page);
        assert_eq!((empty(&page, "chart-percentiles"), empty(&page, "chart-landscape")), (Some(false), Some(true)));
        page.apply(Command::parse("t-preset", Arg::Text("santurkar".into())).unwrap()).unwrap();
        assert_eq!(empty(&page, "chart-landscape"), Some(true), "a new network: no probe yet");
        step(&mut page);
        assert_eq!(empty(&page, "chart-landscape"), Some(false), "the first probe, at step 0 or 1");
        page.apply(Command::parse("view", Arg::Text("lab".into())).unwrap()).unwrap();
        assert_eq!(empty(&page, "chart-landscape"), None, "another view's frame leaves them");
    }

    #[test]
    fn a_frame_names_every_view_and_chart() {
        let mut page = Page::new();
        let f = frame(&page);
        assert!(f.contains("\"chart-distribution\"") && f.contains("\"view-train\":true"), "{f}");
        page.apply(Command::parse("view", Arg::Text("train".into())).unwrap()).unwrap();
        let f = frame(&page);
        assert!(f.contains("\"chart-curves\"") && f.contains("\"need_digits\":true"), "{f}");
        assert!(f.contains("\"sum-sweep\":\"Learning-rate sweep not run yet") && f.contains("\"announce\""), "{f}");
        for lang in crate::i18n::Lang::ALL {
            page.lang = lang;
            page.apply(Command::parse("view", Arg::Text("norms".into())).unwrap()).unwrap();
            let f = frame(&page);
            assert!(f.contains("\"sum-norm-grid\"") && f.contains("\"sum-norm-outputs\""), "{f}");
        }
        assert!(crate::i18n::missing_keys().is_empty(), "{:?}", crate::i18n::missing_keys());
    }

    /// Chinese joins no space after full-width punctuation, whose glyph holds its own: every
    /// lesson said "先预测： …", Settings "对数刻度， 1e-08", a refused step "这一步被拒绝了。 …"
    /// and "PyTorch 会抛出： ValueError". Every text and html of the frames of every lesson stage,
    /// its answer shown, and of a refused step, in both scripts, tags taken out.
    #[test]
    fn chinese_has_no_space_after_full_width_punctuation() {
        let strays = |page: &Page| -> Vec<String> {
            let f: serde_json::Value = serde_json::from_str(&frame(page)).expect("the frame is JSON");
            let mut found = Vec::new();
            for map in ["text", "html"] {
                for (id, value) in f[map].as_object().into_iter().flatten() {
                    let Some(words) = value.as_str() else { continue };
                    // Tags out ("<b>先预测：</b> 问题" is read "先预测： 问题").
                    let mut plain = String::new();
                    let mut in_tag = false;
                    for c in words.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' if in_tag => in_tag = false,
                            _ if !in_tag => plain.push(c),
                            _ => {}
                        }
                    }
                    let chars: Vec<char> = plain.chars().collect();
                    for k in 1..chars.len() {
                        // " · " parts a status line's items on both sides: not a join.
                        let separator = chars.get(k + 1) == Some(&'·');
                        if chars[k] == ' ' && crate::i18n::full_width_punctuation(chars[k - 1]) && !separator {
                            let from = k.saturating_sub(12);
                            found.push(format!(
                                "#{id}: {}",
                                chars[from..(k + 8).min(chars.len())].iter().collect::<String>()
                            ));
                        }
                    }
                }
            }
            found
        };
        for lang in ["zh-Hant", "zh-Hans"] {
            let mut page = Page::new();
            page.apply(Command::parse("lang-select", Arg::Text(lang.into())).unwrap()).unwrap();
            let mut found = strays(&page);
            for lesson in crate::lessons::LESSONS {
                for k in 0..lesson.stages.len() {
                    page.open_lesson(lesson.id, k).unwrap();
                    page.apply(Command::parse("lesson-reveal", Arg::None).unwrap()).unwrap();
                    found.extend(strays(&page));
                }
            }
            page.apply(Command::parse("lesson-close", Arg::None).unwrap()).unwrap();
            page.apply(Command::parse("batch-size", Arg::Text("1".into())).unwrap()).unwrap();
            assert!(page.lab.refusal().is_some(), "a refused step");
            found.extend(strays(&page));
            found.sort();
            found.dedup();
            assert!(found.is_empty(), "{lang}: {found:#?}");
        }
    }
}
