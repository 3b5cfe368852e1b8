//! The page's state around the lab, still web-free: language, presenter mode, the overlay, the
//! open lesson, Play's clock, the shareable link and the one-line notices a user sees after an
//! action. Every user action arrives as a [`Command`] and is applied by [`Page::apply`], the one
//! place the state changes; [`Page::tick`] does each animation frame's share of long work
//! (Play, a link's replay, training, a sweep); `frame.rs` reads the state for the page.

use crate::command::{Arg, Command};
use crate::compare::CompareSettings;
use crate::controls::Control;
use crate::core::{BatchMaker, BatchOrder, BnError, Generator};
use crate::csv::{parse_digits_csv, BatchReader};
use crate::download::{File, Writing};
use crate::i18n::{t, tf, Lang, Words};
use crate::lab::{Cut, Lab, Replay};
use crate::lessons::{self, Lesson};
use crate::link::Link;
use crate::refusal::Refusal;
use crate::trainer::{TrainSettings, TrainState};

/// Play's speeds, in steps per second; the last is one every frame of a 60 Hz screen.
pub const SPEEDS: [f64; 5] = [2.0, 5.0, 10.0, 30.0, 60.0];

/// Train Play's speeds: steps (of both models) per animation frame.
pub const TRAIN_SPEEDS: [u64; 3] = [1, 10, 100];

/// The long work's share of one animation frame (ms): training steps, sweeps and a link's
/// pending steps stop once this much time has gone in a tick. A 60 Hz frame lasts 16.7 ms, and
/// after the tick the page still reads a frame, draws the charts that changed, and the browser
/// styles, lays out and paints (2–6 ms here, more on a phone, whose tick still takes 6 ms): at
/// 12 ms the batch-size sweep's frames ran over (p95 of 24–30 ms between frames on this busy
/// machine, 20–25 ms at 8 ms, 20–22 ms at 4 ms, against 17–20 ms for the idle page).
pub const TICK_BUDGET_MS: f64 = 6.0;
/// The fewest values of a next batch a worker is asked to make (N = 512 at C = 128): below, idle
/// time makes it in a few milliseconds, and the page starts no worker.
const WORKER_VALUES: usize = 1 << 16;

/// The three views.
pub const VIEWS: &[&str] = &["lab", "norms", "train"];

/// A link's replay when the page opens, before its first frame: 32 Ki values (8 steps at
/// N = 32, C = 128; a few ms), so a short link shows at once; the rest runs a frame's budget at
/// a time ([`TICK_BUDGET_MS`]). A fixed million values a frame was 70–680 ms a task here.
const OPENING_VALUES: usize = 1 << 15;

/// The largest CSV a student may bring (bytes of UTF-8): refused before it is read.
pub const MAX_CSV_BYTES: usize = 4 << 20;

/// A Step whose batch has at most this many values still to make (N = 512 at C = 128: a few
/// milliseconds) is taken at once; a larger one waits for its batch ([`Page::step_waiting`]),
/// made by the worker or a frame's share at a time, instead of making it in one task (226–455 ms
/// at N·C = 2 Mi, each repeat of a held Space).
const STEP_AT_ONCE_VALUES: usize = WORKER_VALUES;

/// An open lesson: which, which stage, and whether the answer is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenLesson {
    pub id: &'static str,
    pub stage: usize,
    pub revealed: bool,
}

impl OpenLesson {
    pub fn lesson(&self) -> &'static Lesson {
        lessons::find(self.id).unwrap_or(&lessons::LESSONS[0])
    }
}

/// A one-line message above the views: plain text, never HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// A lab action whose new batch is large (more than [`STEP_AT_ONCE_VALUES`]): a change of N, C, L
/// or the seed, and new data or a new layer whose batch 0 is not at hand ([`Lab::first_batch_for`]:
/// offset, shift, spread, the vary box, the distribution, Reset, the affine and track boxes). It
/// waits while the batch is made a frame's share at a time ([`Page::tick`]), then is applied as
/// any other. Made in one task, the batch at N·C = 2 Mi held the page for ~150-400 ms.
struct Resizing {
    /// The action, applied once its batch is made (a box's new value shows meanwhile).
    then: Command,
    /// The new N, C and L (the boxes show them meanwhile).
    shape: (usize, usize, usize),
    generator: Generator,
    maker: BatchMaker,
}

impl Resizing {
    /// The number box whose new value waits, and its position.
    fn box_set(&self) -> Option<(&'static Control, f64)> {
        match self.then {
            Command::Set { control, position } => Some((control, position)),
            _ => None,
        }
    }
}

/// A link being opened: its replay, and what to select once it is done.
struct Opening {
    replay: Replay,
    feature: usize,
    sample: usize,
    notes: LinkNotes,
    /// The full module taking over (`keep=`): the page's own history, not a shared link.
    handover: bool,
    /// The page's own link after a reload: the student's steps, opened as a link is.
    reloaded: bool,
}

impl Opening {
    /// The page's own history (a hand-over, a reload), not a stranger's link: the student's
    /// actions meanwhile wait for it and follow, in order.
    fn own_history(&self) -> bool {
        self.handover || self.reloaded
    }
}

/// Who opens a query, which sets its replay's budget and words.
#[derive(Clone, Copy, PartialEq)]
pub enum Opener {
    /// A link as it came (shared, typed, bookmarked): a link's budget.
    Link,
    /// The browser reloading the page: its address holds what this page did (the page writes it
    /// as it goes, a link still being opened as its cut replay), so the student's steps get the
    /// hand-over's budget (a reload during Play at N·C = 2 Mi kept 33 of 81 steps).
    Reload,
    /// The full module taking over from the first view's (`keep=`, `budget=link`).
    HandOver,
}

/// What a link's notice says once it is open: the parts not used (left at their defaults),
/// the sentences of parts read in part (do= up to an action not understood, a key given twice),
/// and what its replay left out beyond the budget.
#[derive(Default)]
struct LinkNotes {
    unread: Vec<String>,
    said: Vec<String>,
    cut: Cut,
}

/// At most this many of a student's actions wait for a hand-over's replay; later ones are
/// dropped (a held key would otherwise queue a Step per repeat).
const MAX_DEFERRED: usize = 32;

/// The BatchNorm1d view's own actions (its data, layer, steps and lessons): what a hand-over's
/// replay makes wait, and what stops a shared link's opening.
fn is_lab(command: &Command) -> bool {
    use Command::*;
    matches!(
        command,
        Step | Reset
            | Mode(_)
            | Set { .. }
            | CumulativeMomentum(_)
            | Affine(_)
            | TrackRunningStats(_)
            | VarySpread(_)
            | Distribution(_)
            | PickFeature { .. }
            | PickSample { .. }
            | DragValue { .. }
            | Csv(_)
            | GeneratedData
            | OpenLesson(_)
            | LessonNext
            | LessonBack
            | OpenTrainedLayer(_)
    )
}

/// Text for the CSV box (`how`): a chosen file's ("file", it replaces the box's text) or a
/// paste's ("paste", where the selection is), accepted as one that can be a batch; or a long
/// chosen file's summary said again in the page's new language ("summary"), which replaces the
/// box's text only while the box still holds `over`, the summary it said before (edited, the
/// box keeps the student's text).
struct CsvFill {
    text: String,
    how: &'static str,
    over: String,
}

/// The most bytes of a chosen file's text the box shows: the browser lays the box's text out in
/// one task (a file of 4 MB put there froze the page for a second).
const BOX_BYTES: usize = 64 << 10;

/// A chosen file longer than the box shows: its text, kept whole (with its byte-order mark, if
/// any: its size is the file's), and its glimpse. The box shows what it is instead
/// ([`ChosenCsv::shown`]); Use reads the file while the box's text is still that.
struct ChosenCsv {
    text: String,
    glimpse: crate::csv::Glimpse,
    /// Pasted, not a file: said so.
    pasted: bool,
}

impl ChosenCsv {
    /// The sentence that says what the file is (its size, lines and columns), in `lang`.
    fn said(&self, lang: Lang) -> String {
        let say = if self.pasted { crate::i18n::pasted_text } else { crate::i18n::chosen_file };
        say(lang, self.text.len(), self.glimpse.lines, self.glimpse.columns)
    }

    /// What the box shows of the file in `lang`: the sentence above its first lines.
    fn shown(&self, lang: Lang) -> String {
        format!("{}\n{}", self.said(lang), self.glimpse.head)
    }

    /// The box's `text` is what it showed of the file, in any of the page's languages.
    fn is_shown(&self, text: &str) -> bool {
        Lang::ALL.iter().any(|&lang| text == self.shown(lang))
    }

    /// The box's `text`, edited, still holds a piece of what the page wrote there and the file
    /// does not: a line ending in the page's cut mark "…" (give or take a few characters typed
    /// after it), or the sentence, in any language, with its first or its second half whole.
    /// Read as a CSV, that text blamed the student's file for a cell the page had cut.
    fn summary_in(&self, text: &str) -> bool {
        let sentences: Vec<Vec<char>> = Lang::ALL.iter().map(|&lang| self.said(lang).chars().collect()).collect();
        text.lines().map(str::trim).any(|line| {
            line.chars().rev().take(3).any(|c| c == '…')
                || sentences.iter().any(|said| {
                    let half = said.len() / 2;
                    let (first, second): (String, String) =
                        (said[..half].iter().collect(), said[half..].iter().collect());
                    line.starts_with(&first) || line.ends_with(&second)
                })
        })
    }
}

pub struct Page {
    pub lab: Lab,
    pub lang: Lang,
    /// The language was chosen (the link's `lang=`, the language menu), not the browser's: only
    /// a chosen one goes into the page's links, so a teacher's shared link opens in each
    /// student's own language unless the teacher chose one.
    pub lang_chosen: bool,
    pub presenter: bool,
    /// Overlay the other mode's output on the distribution chart.
    pub overlay: bool,
    pub lesson: Option<OpenLesson>,
    /// The small build only: the lesson its link names, which the full module opens.
    pub linked_lesson: Option<(String, usize)>,
    /// The small build, opened by a link it hands straight on to the full module: that link as
    /// it came (a lesson alone in it must stay alone), until an action changes the page.
    pub opened_from: Option<String>,
    /// The small build, opened by the browser's reload: what it hands on is the page's own
    /// history, not a link (no `budget=link`).
    pub reloaded: bool,
    /// Which view is open: one of [`VIEWS`].
    pub view: &'static str,
    /// What the last action wants the user to know (a new layer, a link read with gaps, …).
    pub notice: Option<Notice>,
    /// Play runs in the visible view (switching views stops it).
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// When Play's next step is due (ms, the page's clock); None: at the next frame.
    next_step: Option<f64>,
    /// The Train view.
    pub train: TrainState,
    /// The "Which axis?" view.
    pub compare: CompareSettings,
    /// Train Play's speed: index into [`TRAIN_SPEEDS`].
    pub train_speed: usize,
    /// L for the next CSV batch (0: `(N, C)`).
    pub csv_length: usize,
    /// Steps per learning rate of the next sweep.
    pub sweep_steps: u64,
    /// The keyboard shortcuts list is open.
    pub shortcuts: bool,
    /// The single-key shortcuts work (the student can turn them off in the shortcuts list).
    pub single_keys: bool,
    /// Counts every change, so the page knows when to read the state again.
    pub revision: u64,
    /// The Backward panel's view, and what it was computed from ([`Page::backward_view`]).
    backward_cache: std::cell::RefCell<Option<(BackwardKey, BackwardResult)>>,
    /// Steps taken since the page last read a frame: a held key steps at most once a frame.
    steps_since_frame: u32,
    /// The page has been asked to fetch the digits.
    pub digits_requested: bool,
    /// The fetch failed (offline before the Train view was ever opened): the status says so,
    /// and Step or opening the view again asks once more.
    pub digits_failed: bool,
    /// A link being replayed a chunk per frame.
    opening: Option<Opening>,
    /// The student's CSV being read a chunk per frame (a second one replaces it; any other lab
    /// action stops it, and the lab keeps its data).
    reading: Option<crate::csv::BatchReader>,
    /// A Step waits for its batch to be made (by the worker, or a chunk per frame); the lab
    /// actions after it wait in [`Page::deferred`], in order.
    step_waiting: bool,
    /// A change of N, C or L waiting for its batch; the lab actions after it wait in
    /// [`Page::deferred`], in order.
    resizing: Option<Box<Resizing>>,
    /// Lab actions taken while a hand-over replays the page's own history: applied after it,
    /// one a frame, in order ([`Page::defer`]).
    deferred: std::collections::VecDeque<Command>,
    /// The files asked for, in order, each as the page was at its click: the first is written
    /// a frame's share at a time ([`Page::tick`]).
    writing: Vec<Writing>,
    /// A file written whole, for the page to save (the frame's `download`; [`Page::take_download`]).
    written: Option<File>,
    /// The Backward panel's random weights of a large batch, being made ([`Page::weights_waiting`]).
    weights: Option<crate::backward::WeightsMaker>,
    /// Text for the CSV box, taken by the page once (the frame's `csv_fill`; [`Page::take_csv_fill`]).
    csv_fill: Option<CsvFill>,
    /// A chosen file too long for the box, which Use reads in its place.
    csv_chosen: Option<ChosenCsv>,
    /// The Backward panel is open (it computes only then).
    pub backward_open: bool,
    /// The upstream gradient ∂L/∂y: "one", "pull" or "random", with the target and the seed.
    pub upstream: &'static str,
    pub grad_target: f32,
    pub grad_seed: u64,
    /// Where the interactive charts' last draws put their plots (the App records them): what a
    /// click or tap is mapped back through.
    pub picks: crate::charts::Picks,
    /// A drag on the per-sample chart: where it started (CSS px), the value then, and how much
    /// value one pixel is.
    pub drag: Option<(f64, f64, f64)>,
    /// Set only in the first view's small build (see [`crate::FULL`]): the page's link opens a
    /// view it lacks, or an action it cannot apply came. The frame says so once; the page loads
    /// the full module, opens this page's link there and sends it the [`Page::waiting`] actions.
    pub need_full: bool,
    /// The small build's actions for the full module, in the order they came (as the page sent
    /// them): the first one it could not apply and every one after it, so that a click back on
    /// the lab's tab after "Which axis?" comes after it, not before.
    pub waiting: Vec<(String, Arg)>,
    /// The Share dialog is open (its QR code is the full module's).
    pub sharing: bool,
    /// The small build: the language chosen whose words file the page is fetching (the page's
    /// words change when it is loaded: no hand-over, which redid a link being opened), and
    /// whether the frame has asked for it.
    pub words_wanted: Option<Lang>,
    pub words_asked: bool,
    /// Charts' pictures the student asked to save ([`Command::Download`]), in order: the next frame names
    /// them and the page saves each (the frame is read once: [`Page::frame_read`] empties it).
    pub downloads: Vec<String>,
}

/// The files of the first view's small build: its own three, and a picture of a chart of its
/// view as PNG (drawn on a canvas); any other (the gradients, a model, SVG) is the full module's.
fn small_build_file(name: &str) -> bool {
    let lab_chart = |id| matches!(id, "chart-distribution" | "chart-features" | "chart-running" | "chart-samples");
    use crate::export::{INPUT_FILE, OUTPUT_FILE, STATE_FILE};
    [STATE_FILE, INPUT_FILE, OUTPUT_FILE].contains(&name) || name.strip_suffix(".png").is_some_and(lab_chart)
}

/// A chart's picture by its canvas id ("chart-features.svg", "chart-features.png").
fn is_chart_picture(name: &str) -> bool {
    name.starts_with("chart-") && (name.ends_with(".svg") || name.ends_with(".png"))
}

/// What the page itself sends (a fetch's answer, a module that failed), not the student: never
/// kept waiting behind the student's actions.
fn from_the_page(command: &Command) -> bool {
    matches!(
        command,
        Command::Digits(_)
            | Command::DigitsFailed(_)
            | Command::FullFailed(_)
            | Command::WordsLoaded(_)
            | Command::WordsFailed(_)
    )
}

/// What the Backward panel's numbers depend on: the pass (the lab's trace), the followed
/// feature and sample, and the choice of ∂L/∂y.
type BackwardKey = (u64, usize, usize, crate::backward::UpstreamGradient);
type BackwardResult = Result<std::rc::Rc<crate::backward::BackwardView>, BnError>;

/// What is applied at once even while the student's earlier actions wait ([`Page::apply`]): what
/// the page itself sends, and a language, which changes words alone (during a hand-over's replay
/// with a Step waiting, the status line said "your steps are redone" in the old language until
/// the replay ended; the actions that wait say their notices in the new one).
fn jumps_the_queue(command: &Command) -> bool {
    from_the_page(command) || matches!(command, Command::Lang(_))
}

/// A file of the page's or a chart's picture asked for while a link's replay, a Step or a
/// change waiting for its batch still runs: it waits for them, in order, and then is written
/// (written at once, it held the lab as far as the replay had got: a chart's SVG asked for in
/// the first view's module, drawn by the full module while it replayed the page's history,
/// showed step 1 of the page's 3).
fn waits_for_the_lab(command: &Command) -> bool {
    matches!(command, Command::Download(_))
}

/// The upstream gradients the Backward panel offers.
pub const UPSTREAMS: &[&str] = &["one", "pull", "random"];

/// The unread parts of a link the notice lists; the rest are counted.
const LINK_NOTES_SHOWN: usize = 12;

/// The lesson stage a link names, if there is one, and the lab it opens. A link that carries
/// the lab whole (the page's own) is the page as it was, the lesson's text over it (None). Else
/// the stage sets the page up, as the menu does, and the link's own keys then change it as a
/// student would by hand ([`Link::over`]): the page the live one would be.
type LinkedStage = (&'static Lesson, usize, Option<(crate::lab::Settings, Vec<crate::lab::Action>)>);

fn linked_stage(link: &Link, pairs: &[&str], notes: &[crate::link::Unread]) -> Option<LinkedStage> {
    let (id, k) = link.lesson.as_ref()?;
    let lesson = lessons::find(id).filter(|lesson| *k < lesson.stages.len())?;
    if crate::link::carries_the_lab(pairs) {
        return Some((lesson, *k, None));
    }
    // The keys not read (left at their defaults) change nothing; a note may name several, the
    // keys of a rule they broke together ("n=4096&c=1024").
    let not_read: Vec<&str> = notes
        .iter()
        .filter(|note| !note.why.as_ref().is_some_and(|why| why.is_own_sentence()))
        .flat_map(|note| note.pair.split('&').map(|pair| pair.split('=').next().unwrap_or_default()))
        .collect();
    let setup = &lesson.stages[*k];
    Some((lesson, *k, Some(link.over(((setup.settings)(), setup.actions.to_vec()), pairs, &not_read))))
}

/// A part of a link as the notice quotes it: at most 120 characters, nothing invisible.
fn quote(part: &str) -> String {
    crate::link::quote(part, 120)
}

/// A reason after the part of a link it explains, as one item of the notice's list: " — …" in
/// English (a sentence's capital and full stop dropped: "f=999 — there is no feature 999…"),
/// "：…" in Chinese. (Brackets nested with a reason's own: "(… (got 5000))".)
fn reason(lang: Lang, text: &str) -> String {
    let text = text.trim_end_matches(['.', '。']);
    match lang {
        Lang::En => {
            let mut chars = text.chars();
            let lower = match (chars.next(), chars.next()) {
                // "There is…" → "there is…"; "N must…", "PyTorch…" and "GroupNorm…" keep theirs.
                (Some(first), Some(second))
                    if first.is_ascii_uppercase()
                        && second.is_ascii_lowercase()
                        && !text.split(' ').next().unwrap_or_default()[1..]
                            .contains(|c: char| c.is_ascii_uppercase()) =>
                {
                    format!("{}{}", first.to_ascii_lowercase(), &text[1..])
                }
                _ => text.to_string(),
            };
            format!(" — {lower}")
        }
        Lang::ZhHant | Lang::ZhHans => format!("：{text}"),
    }
}

/// A sentence as one item of the notice's list, which ends with the list's one full stop: its
/// own dropped ("… (got 100).." was said).
fn item(sentence: &str) -> String {
    sentence.trim_end_matches(['.', '。']).to_string()
}

/// Template text without its markup, for notices (which are text).
fn plain(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_tag = false;
    for ch in template.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
}

/// The helpers of `apply`, and what the frame reads back (a control's value, the Backward view).
impl Page {
    /// Says why an action was refused (the notice, as an error); nothing else changes.
    pub fn refused(&mut self, why: &Refusal) {
        self.notice = Some(Notice { text: self.message(why), error: true });
        self.revision += 1;
    }

    fn info(&mut self, text: String) {
        self.notice = Some(Notice { text, error: false });
    }

    /// A chosen file's text, accepted for the box: the box holds it when it is short, else what
    /// it is (its size, lines and columns, its first lines) while the page keeps it for Use. The
    /// notice says the same, for a screen reader. The page hands the file's text with its
    /// byte-order mark, if any (its size is the file's: read without it, a file was said to be 3
    /// bytes smaller); the box does not show the mark.
    fn choose_csv(&mut self, text: String) {
        if text.len() <= BOX_BYTES {
            self.csv_chosen = None;
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            self.csv_fill = Some(CsvFill { text, how: "file", over: String::new() });
            self.info(crate::i18n::file_in_box(self.lang));
            return;
        }
        self.keep_long_csv(text, false);
    }

    /// A text too long for the box (a file's, or a paste's: `pasted`), kept in the page: the box
    /// shows what it is and its first lines, the notice says it, Use reads it whole.
    fn keep_long_csv(&mut self, text: String, pasted: bool) {
        let chosen = ChosenCsv { glimpse: crate::csv::glimpse(&text), text, pasted };
        self.info(chosen.said(self.lang));
        self.csv_fill = Some(CsvFill { text: chosen.shown(self.lang), how: "file", over: String::new() });
        self.csv_chosen = Some(chosen);
    }

    /// The page's language changed from `before`: a long chosen file's summary in the box is
    /// said again in the new one, where the box still holds the old (it stayed in the old
    /// language); a file's text not yet in the box is the new summary.
    fn resay_chosen_csv(&mut self, before: Lang) {
        // The small build reads no file (its wasm leaves these words out).
        let Some(chosen) = self.csv_chosen.as_ref().filter(|_| crate::FULL && before != self.lang) else {
            return;
        };
        let text = chosen.shown(self.lang);
        self.csv_fill = match self.csv_fill.take() {
            Some(fill) if fill.how == "paste" => Some(fill),
            Some(fill) => Some(CsvFill { text, ..fill }), // "file" or "summary": said anew
            None => Some(CsvFill { text, how: "summary", over: chosen.shown(before) }),
        };
    }

    /// Runs a lab action that starts over with a new layer (`key`: "new-layer" when the student
    /// built another layer, "new-data" when they chose other data), and says so, naming only
    /// what the layer has: running statistics (track_running_stats) and γ, β (affine).
    fn rebuild(&mut self, key: &str, action: impl FnOnce(&mut Lab) -> Result<(), Refusal>) -> Result<(), Refusal> {
        action(&mut self.lab)?;
        let layer = self.lab.layer();
        let fresh = match (layer.running().is_some(), layer.affine().is_some()) {
            (true, true) => t(self.lang, "fresh-both"),
            (true, false) => t(self.lang, "fresh-stats"),
            (false, true) => t(self.lang, "fresh-affine"),
            (false, false) => String::new(),
        };
        let ctor = crate::explain::constructor(layer);
        self.info(plain(&tf(self.lang, key, &[("ctor", &ctor), ("fresh", &fresh)])));
        Ok(())
    }

    /// The notice of a sweep that was running (`sweeping`, `batch_sweeping`) and is done now: its
    /// result, in the words of its chart's summary and caption.
    fn say_sweeps_done(&mut self, sweeping: bool, batch_sweeping: bool) {
        let lang = self.lang;
        if sweeping && self.train.sweep.as_ref().is_some_and(|s| s.done()) {
            let result = crate::explain::train_summary(&self.train, self.sweep_steps, "sweep", lang);
            self.info(tf(lang, "sweep-done", &[("result", &result)]));
        }
        if batch_sweeping && self.train.batch_sweep.as_ref().is_some_and(|s| s.done()) {
            let result = crate::papers::wuhe_measured(&self.train, lang).unwrap_or_default();
            self.info(tf(lang, "bsweep-done", &[("result", &result)]));
        }
    }

    /// After a failed fetch of the digits, the next frame asks for them again.
    fn retry_digits(&mut self) {
        if std::mem::take(&mut self.digits_failed) {
            self.digits_requested = false;
        }
    }

    /// Keeps a lab action for after the hand-over's replay. A slider moved again, or a value
    /// dragged again, replaces its own last position.
    fn defer(&mut self, command: Command) {
        use Command::*;
        let same = match (self.deferred.back(), &command) {
            (Some(Set { control: a, .. }), Set { control: b, .. }) => a.id == b.id,
            (Some(DragValue { .. }), DragValue { .. }) => true,
            _ => false,
        };
        if same {
            self.deferred.pop_back();
        }
        if self.deferred.len() < MAX_DEFERRED {
            self.deferred.push_back(command);
        }
    }

    /// A lab action while a CSV is being read stops the reading (the lab keeps its data, and
    /// the notice says so); another CSV replaces it.
    fn stop_reading(&mut self, command: &Command) {
        // The small build reads no CSV (`in_this_build`): it leaves this out.
        if crate::FULL && self.reading.take().is_some() && !matches!(command, Command::Csv(_)) {
            self.info(t(self.lang, "csv-stopped"));
        }
    }

    /// Reads the CSV being read while `go_on()` says so; once read, its batch is the lab's
    /// data (said with its shape), or its problem is the refusal and nothing changes.
    fn read_csv(&mut self, go_on: &mut dyn FnMut() -> bool) -> Result<(), Refusal> {
        let Some(reader) = &mut self.reading else { return Ok(()) };
        let Some(read) = reader.advance(go_on) else { return Ok(()) };
        self.reading = None;
        let batch = read?;
        let dims: Vec<String> = batch.dims.iter().map(|d| d.to_string()).collect();
        let risk = crate::csv::float32_risk(&batch.values, &batch.dims);
        self.rebuild("new-data", |lab| lab.use_own_data(batch.values, &batch.dims))?;
        // Say what was read: a file with decimal commas (1,5) shows here as twice the columns.
        let read = tf(self.lang, "csv-read", &[("shape", &format!("({})", dims.join(", ")))]);
        // And where PyTorch's float32 gives other numbers than the page's.
        let risk = match risk {
            Some(crate::csv::Float32Risk::Cancellation { feature, mean, std }) => {
                let values =
                    [("f", feature.to_string()), ("m", crate::numbers::num(mean)), ("s", crate::numbers::num(std))];
                format!(" {}", tf(self.lang, "csv-float32-digits", &values.each_ref().map(|(k, v)| (*k, v.as_str()))))
            }
            Some(crate::csv::Float32Risk::Overflow { feature }) => {
                format!(" {}", tf(self.lang, "csv-float32-overflow", &[("f", &feature.to_string())]))
            }
            None => String::new(),
        };
        if let Some(notice) = &mut self.notice {
            notice.text = format!("{} {}{risk}", plain(&read), notice.text);
        }
        Ok(())
    }

    /// A lab action whose new batch is large: it waits for the batch (None: applied at once; a
    /// refusal is said then).
    fn resizing_for(&self, command: &Command) -> Option<Box<Resizing>> {
        let s = self.lab.settings();
        let (mut n, mut c, mut l, mut seed) = (s.batch_size, s.layer.num_features, s.length, None);
        let mut data = s.data.clone();
        let order = match *command {
            Command::Set { control, position } => {
                let value = control.value_at(position).ok()?;
                match control.id {
                    "batch-size" => n = value as usize,
                    "num-features" => c = value as usize,
                    "length" => l = value as usize,
                    // A new seed draws a new batch 0 (at N·C = 2 Mi 173-371 ms in one task).
                    "seed" => seed = Some(value as u64),
                    "offset" => data.offset = value,
                    "shift" => data.shift = value,
                    "spread" => data.spread = value,
                    _ => return None,
                }
                match control.id {
                    "offset" | "shift" | "spread" => self.lab.first_batch_for(&data),
                    _ => self.lab.resized_batch(n, c, l, seed),
                }
            }
            Command::VarySpread(on) => {
                data.vary_spread = on;
                self.lab.first_batch_for(&data)
            }
            Command::Distribution(ref name) => {
                data.distribution = crate::core::Distribution::from_name(name)?;
                self.lab.first_batch_for(&data)
            }
            Command::Reset | Command::Affine(_) | Command::TrackRunningStats(_) => self.lab.first_batch_for(&data),
            _ => None,
        };
        // Its batch made (the action's turn has come): applied now.
        let order = order.filter(|o| o.values() > STEP_AT_ONCE_VALUES && !self.lab.has_made(o))?;
        let generator = Generator::new(order.spec.clone());
        let maker = generator.maker(order.index, order.n, order.l);
        Some(Box::new(Resizing { then: command.clone(), shape: (n, c, l), generator, maker }))
    }

    /// Makes the batch of the lab action waiting while `go_on()` says so, then applies the
    /// action, which takes that batch (a refusal is the notice).
    fn resize(&mut self, go_on: &mut dyn FnMut() -> bool) {
        let Some(r) = &mut self.resizing else { return };
        let row = r.shape.1 * r.shape.2.max(1);
        loop {
            r.maker.make(&r.generator, (crate::lab::AHEAD_CHUNK / row).max(1));
            if r.maker.done() {
                break;
            }
            if !go_on() {
                return;
            }
        }
        let Some(r) = self.resizing.take() else { return };
        self.lab.keep_made(r.maker);
        if let Err(e) = self.apply_one(r.then) {
            self.notice = Some(Notice { text: self.message(&e), error: true });
        }
    }

    /// A lab command while a link is still being opened stops the opening where it is.
    fn stop_opening(&mut self) {
        if let Some(((done, total), actions)) = self.opening_count() {
            let key = if actions { "link-stopped-actions" } else { "link-stopped" };
            self.opening = None;
            self.info(tf(self.lang, key, &[("k", &done.to_string()), ("n", &total.to_string())]));
        }
    }

    /// One number control moved.
    fn set(&mut self, control: &'static Control, position: f64) -> Result<(), Refusal> {
        // The feature and sample boxes take the layer's indices, 0 … C − 1 and 0 … N − 1: their
        // controls' own bounds (0 … 1023) named features a layer of 128 does not have.
        let indices = match control.id {
            "feature" => Some(self.lab.settings().layer.num_features),
            "sample" => Some(self.lab.settings().batch_size),
            _ => None,
        };
        if let Some(len) = indices {
            let max = len.saturating_sub(1);
            if !(position.fract() == 0.0 && (0.0..=max as f64).contains(&position)) {
                return Err(BnError::NotWholeNumber { what: control.name, value: position, min: 0, max }.into());
            }
        }
        let v = control.value_at(position)?;
        let whole = v as usize;
        let s = self.lab.settings().clone();
        let data = s.data.clone();
        match control.id {
            "num-features" => self.rebuild("new-layer", |lab| lab.set_num_features(whole)),
            "eps" | "lesson-eps" => self.lab.set_eps(v),
            "momentum" => self.lab.set_momentum(Some(v)),
            "gamma" => self.lab.set_gamma_beta(v as f32, self.beta()),
            "beta" => self.lab.set_gamma_beta(self.gamma(), v as f32),
            "batch-size" => self.lab.set_batch_size(whole),
            "length" => self.lab.set_length(whole),
            "offset" => {
                self.rebuild("new-data", |lab| lab.set_feature_shape(v, data.shift, data.spread, data.vary_spread))
            }
            "shift" => {
                self.rebuild("new-data", |lab| lab.set_feature_shape(data.offset, v, data.spread, data.vary_spread))
            }
            "spread" => {
                self.rebuild("new-data", |lab| lab.set_feature_shape(data.offset, data.shift, v, data.vary_spread))
            }
            "seed" => self.rebuild("new-data", |lab| lab.set_seed(whole as u64)),
            "csv-length" => {
                self.csv_length = whole;
                Ok(())
            }
            "feature" => self.lab.select_feature(whole),
            "sample" => self.lab.select_sample(whole),
            "value" | "lesson-value" => self.lab.set_value(s.sample, s.feature, v as f32),
            "speed" => {
                self.speed = whole.min(SPEEDS.len() - 1);
                self.next_step = None; // the new speed from the next frame on
                Ok(())
            }
            "n-n" | "n-c" | "n-l" | "n-g" | "n-seed" => {
                let mut c = self.compare.clone();
                match control.id {
                    "n-n" => c.n = whole,
                    "n-c" => c.c = whole,
                    "n-l" => c.l = whole,
                    "n-g" => c.groups = whole,
                    _ => c.seed = whole as u64,
                }
                c.check()?;
                c.cell = (c.cell.0.min(c.n - 1), c.cell.1.min(c.c - 1), c.cell.2.min(c.l - 1));
                self.compare = c;
                Ok(())
            }
            "grad-target" => {
                self.grad_target = v as f32;
                Ok(())
            }
            "grad-seed" => {
                self.grad_seed = whole as u64;
                Ok(())
            }
            "t-speed" => {
                self.train_speed = whole.min(TRAIN_SPEEDS.len() - 1);
                Ok(())
            }
            "t-sweep-steps" => {
                self.sweep_steps = whole as u64;
                Ok(())
            }
            "t-bs-epochs" => {
                self.train.batch_sweep_epochs = whole as u64;
                Ok(())
            }
            "t-lr" | "t-momentum" | "t-batch" | "t-seed" | "t-unit" | "t-depth" | "t-width" | "t-groups"
            | "t-noise" => {
                let mut t = self.train.settings.clone();
                match control.id {
                    "t-lr" => t.lr = v,
                    "t-momentum" => t.momentum = v,
                    "t-batch" => t.batch_size = whole,
                    "t-seed" => t.seed = whole as u64,
                    "t-depth" => t.depth = whole,
                    "t-width" => {
                        t.width = whole;
                        t.unit = t.unit.min(whole.saturating_sub(1));
                    }
                    "t-groups" => t.groups = whole,
                    "t-noise" => t.noise = v,
                    _ => t.unit = whole,
                }
                if !crate::FULL {
                    return Ok(()); // never reached there: the full module applies it
                }
                Ok(self.train.change(t)?)
            }
            // Every id of the table is handled above (a test sets each one).
            other => Err(Refusal::UnknownAction { name: other.into() }),
        }
    }

    /// The value a number control shows (the mirror of `Page::set`); None where the state has
    /// none to show.
    pub fn get(&self, control: &Control) -> Option<f64> {
        let s = self.lab.settings();
        let (c, t) = (&self.compare, &self.train.settings);
        // A change of N, C, L, the seed or the data waiting for its batch: the boxes show the new values.
        if let Some((waiting, position)) = self.resizing.as_ref().and_then(|r| r.box_set()) {
            if waiting.id == control.id {
                return waiting.value_at(position).ok();
            }
        }
        if let (Some(r), "batch-size" | "num-features" | "length") = (&self.resizing, control.id) {
            let (n, c, l) = r.shape;
            return Some(match control.id {
                "batch-size" => n,
                "num-features" => c,
                _ => l,
            } as f64);
        }
        Some(match control.id {
            "num-features" => s.layer.num_features as f64,
            "eps" | "lesson-eps" => s.layer.eps,
            // momentum=None: the disabled slider shows the momentum unticking None gives back
            // (a link opened at None showed 0, the page's HTML value snapped to the browser's
            // default step before the page set the slider's bounds).
            "momentum" => s.layer.momentum.unwrap_or(control.default),
            "gamma" => self.gamma() as f64,
            "beta" => self.beta() as f64,
            "batch-size" => s.batch_size as f64,
            "length" => s.length as f64,
            "offset" => s.data.offset,
            "shift" => s.data.shift,
            "spread" => s.data.spread,
            "seed" => s.data.seed as f64,
            "csv-length" => self.csv_length as f64,
            "feature" => s.feature as f64,
            "sample" => s.sample as f64,
            "value" | "lesson-value" => crate::frame::sample_value(self) as f64,
            "speed" => self.speed as f64,
            "grad-target" => self.grad_target as f64,
            "grad-seed" => self.grad_seed as f64,
            "n-n" => c.n as f64,
            "n-c" => c.c as f64,
            "n-l" => c.l as f64,
            "n-g" => c.groups as f64,
            "n-seed" => c.seed as f64,
            "t-lr" => t.lr,
            "t-momentum" => t.momentum,
            "t-batch" => t.batch_size as f64,
            "t-seed" => t.seed as f64,
            "t-unit" => t.unit as f64,
            "t-depth" => t.depth as f64,
            "t-width" => t.width as f64,
            "t-groups" => t.groups as f64,
            "t-noise" => t.noise,
            "t-bs-epochs" => self.train.batch_sweep_epochs.max(1) as f64,
            "t-speed" => self.train_speed as f64,
            "t-sweep-steps" => self.sweep_steps as f64,
            _ => return None,
        })
    }

    /// The student's choice of ∂L/∂y.
    pub fn upstream_gradient(&self) -> crate::backward::UpstreamGradient {
        use crate::backward::UpstreamGradient::*;
        match self.upstream {
            "pull" => PullToTarget { target: self.grad_target },
            "random" => RandomWeights { seed: self.grad_seed },
            _ => OneOutput,
        }
    }

    /// The Backward panel's numbers for the current step, computed again only when what they
    /// depend on changed ([`BackwardKey`]): a frame reads them twice (the panel's text and its
    /// chart), and every frame of a change reads them. Computed once a revision of the page, at
    /// N·C = 2 Mi any click (the overlay box, a tab) took 130-170 ms more here, 150-640 ms a
    /// click on a loaded machine; they are the followed feature's alone (a few ms there).
    pub fn backward_view(&self) -> BackwardResult {
        let s = self.lab.settings();
        let key = (self.lab.trace_id(), s.feature, s.sample, self.upstream_gradient());
        if let Some((made_for, view)) = &*self.backward_cache.borrow() {
            if *made_for == key {
                return view.clone();
            }
        }
        let view = crate::backward::BackwardView::from_lab(&self.lab, &key.3).map(std::rc::Rc::new);
        *self.backward_cache.borrow_mut() = Some((key, view.clone()));
        view
    }

    /// The shape of the step the Backward panel would show random weights for, when they are
    /// many (more than a Step makes at once) and not made yet: they are made over frames
    /// ([`Page::tick`]), and the panel waits for them, its progress shown.
    fn weights_waiting_for(&self) -> Option<crate::core::BatchShape> {
        if !crate::FULL || !self.backward_open || self.upstream != "random" {
            return None;
        }
        let shape = self.lab.trace()?.shape;
        (shape.len() > STEP_AT_ONCE_VALUES && !crate::backward::weights_made(&shape, self.grad_seed)).then_some(shape)
    }

    pub fn weights_waiting(&self) -> bool {
        self.weights_waiting_for().is_some()
    }

    /// 0…1 while the Backward panel's random weights are made ([`Page::weights_waiting`]).
    pub fn weights_progress(&self) -> Option<f64> {
        let shape = self.weights_waiting_for()?;
        Some(self.weights.as_ref().filter(|w| w.is_for(&shape, self.grad_seed)).map_or(0.0, |w| w.progress()))
    }

    /// A frame's share of the random weights; the panel shows its numbers once they are made.
    fn make_weights(&mut self, in_budget: &mut dyn FnMut() -> bool) {
        let Some(shape) = self.weights_waiting_for() else { return };
        let seed = self.grad_seed;
        let mut maker = match self.weights.take() {
            Some(maker) if maker.is_for(&shape, seed) => maker,
            _ => crate::backward::WeightsMaker::new(&shape, seed),
        };
        if maker.advance(&mut || in_budget()) {
            self.revision += 1; // the panel's numbers and chart, drawn now
        } else {
            self.weights = Some(maker);
        }
    }

    /// [`Page::backward_view`], or None while its random weights are made over frames.
    pub fn backward_view_made(&self) -> Option<BackwardResult> {
        (!self.weights_waiting()).then(|| self.backward_view())
    }

    /// The upstream gradient as a link carries it: "one", "pull_0.5", "random_3".
    fn backward_token(&self) -> Option<String> {
        self.backward_open.then(|| match self.upstream {
            "pull" => format!("pull_{}", self.grad_target),
            "random" => format!("random_{}", self.grad_seed),
            other => other.to_string(),
        })
    }

    /// What the page keeps that a shared link leaves out, for the full module's App that takes
    /// over from the first view's (see [`crate::FULL`]): the overlay, Play and its speed, the
    /// CSV's L, the lesson's answer shown, the shortcuts list open, the single-key shortcuts on,
    /// and the upstream gradient's choices (the link has them only while the Backward panel is
    /// open). Written after the link as `keep=ORPSK_speed_csvL_upstream_target_seed` (O, R, P,
    /// S, K: 1 or 0; without K the shortcuts are on).
    pub fn keep_query(&self) -> String {
        let revealed = self.lesson.as_ref().is_some_and(|l| l.revealed);
        // A lesson the link opens waits for the full module, which gives the overlay its stage
        // shows ("-": not the first view's off): a shared link to lesson eval hid its overlay.
        let lesson_waits = self.lesson.is_none() && self.linked_lesson.is_some();
        let flag = |on: bool| if on { '1' } else { '0' };
        let overlay = if lesson_waits { '-' } else { flag(self.overlay) };
        let flags = [overlay, flag(self.playing), flag(revealed), flag(self.shortcuts), flag(self.single_keys)];
        let flags: String = flags.into_iter().collect();
        // Its upstream gradient too ("-"): lesson 9 asks for random weights, and the first
        // view's "one" replaced them (`?lesson=gradient_0` opened with bwd=one).
        let up = if lesson_waits { "-" } else { self.upstream };
        let (speed, csv) = (self.speed, self.csv_length);
        format!("keep={flags}_{speed}_{csv}_{up}_{}_{}", self.grad_target, self.grad_seed)
    }

    /// Reads [`Page::keep_query`]'s value back, each part within its control's bounds; false
    /// (and nothing changed) when any part cannot be read.
    fn read_keep(&mut self, value: &str) -> bool {
        use crate::controls::get;
        let [flags, speed, csv, up, target, seed] = value.split('_').collect::<Vec<_>>()[..] else { return false };
        let flag = |c| match c {
            '1' => Some(true),
            '0' => Some(false),
            _ => None,
        };
        // The overlay may be "-": the lesson just opened keeps its own.
        let (overlay_kept, flags) = match flags.strip_prefix('-') {
            Some(rest) => (true, format!("0{rest}")),
            None => (false, flags.to_string()),
        };
        let Some(flags) = flags.chars().map(flag).collect::<Option<Vec<bool>>>() else { return false };
        let (Ok(speed), Ok(csv), Some(up), Ok(target), Ok(seed)) = (
            speed.parse::<usize>().map_err(|_| ()).and_then(|s| if s < SPEEDS.len() { Ok(s) } else { Err(()) }),
            get("csv-length").check_count(crate::decimal::read_f64(csv).unwrap_or(f64::NAN)),
            if up == "-" { Some(self.upstream) } else { UPSTREAMS.iter().find(|u| **u == up).copied() },
            get("grad-target").check_value(crate::decimal::read_f64(target).unwrap_or(f64::NAN)),
            get("grad-seed").check_count(crate::decimal::read_f64(seed).unwrap_or(f64::NAN)),
        ) else {
            return false;
        };
        // A keep= without K (the single-key shortcuts) leaves them on.
        let (overlay, playing, revealed, shortcuts, single_keys) = match flags[..] {
            [o, p, r, s] => (o, p, r, s, true),
            [o, p, r, s, k] => (o, p, r, s, k),
            _ => return false,
        };
        if !overlay_kept {
            self.overlay = overlay;
        }
        (self.speed, self.csv_length, self.upstream) = (speed, csv, up);
        (self.grad_target, self.grad_seed, self.shortcuts) = (target as f32, seed as u64, shortcuts);
        self.single_keys = single_keys;
        if let Some(lesson) = &mut self.lesson {
            lesson.revealed = revealed;
        }
        self.set_playing(playing);
        true
    }

    /// Opens the Backward panel as a link's token says; false when it cannot be read.
    fn read_backward_token(&mut self, token: &str) -> Result<(), crate::link::Why> {
        use crate::link::Why;
        let (kind, value) = token.split_once('_').unwrap_or((token, ""));
        let form = Why::Form(crate::link::BACKWARD_FORM);
        // A number in the form, out of its control's bounds, is said as such (a seed too large
        // is written as one: "not written as random_3" was untrue).
        let number = |id: &str| {
            let x = crate::decimal::read_f64(value).ok_or(form.clone())?;
            crate::controls::get(id).check_value(x).map_err(Why::Bounds)
        };
        match kind {
            "one" if value.is_empty() => {}
            "pull" => self.grad_target = number("grad-target")? as f32,
            "random" => self.grad_seed = number("grad-seed")? as u64,
            _ => return Err(form),
        }
        if let Some(kind) = UPSTREAMS.iter().find(|u| **u == kind) {
            self.upstream = kind;
            self.backward_open = true;
        }
        Ok(())
    }

    /// γ and β of the followed feature (1 and 0 without affine).
    pub fn gamma(&self) -> f32 {
        let f = self.lab.settings().feature;
        self.lab.layer().affine().and_then(|a| a.weight.get(f).copied()).unwrap_or(1.0)
    }

    pub fn beta(&self) -> f32 {
        let f = self.lab.settings().feature;
        self.lab.layer().affine().and_then(|a| a.bias.get(f).copied()).unwrap_or(0.0)
    }

    /// A key pressed outside a text field, in the visible view; false when it means nothing there.
    /// With the single-key shortcuts off, a key of one character means nothing (the arrows on a
    /// chart and Esc still work: they are not characters).
    fn key(&mut self, key: &str) -> Result<bool, Refusal> {
        if !self.single_keys && key.chars().count() == 1 {
            return Ok(false);
        }
        let training = self.lab.settings().training;
        let command = match (self.view, key) {
            (_, "?") => Command::Shortcuts,
            // Esc before the Share dialog came (the full module loading): Share is cancelled.
            (_, "Escape") if self.sharing => Command::Share(false),
            // Esc closes the shortcuts "?" opened (keys36: it did nothing).
            (_, "Escape") if self.shortcuts => Command::Shortcuts,
            ("lab", " ") => Command::Step,
            ("train", " ") => Command::TrainStep,
            ("lab" | "train", "p" | "P") => Command::TogglePlay,
            ("lab", "r" | "R") => Command::Reset,
            ("train", "r" | "R") => Command::TrainReset,
            ("lab", "e" | "E") => Command::Mode(!training),
            ("lab", "ArrowLeft" | "ArrowRight") => {
                let s = self.lab.settings();
                let last = s.layer.num_features.saturating_sub(1);
                let next = if key == "ArrowLeft" { s.feature.saturating_sub(1) } else { (s.feature + 1).min(last) };
                self.lab.select_feature(next)?;
                return Ok(true);
            }
            ("norms", "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown") => {
                self.move_cell(key);
                return Ok(true);
            }
            _ => return Ok(false),
        };
        self.apply_one(command)?;
        Ok(true)
    }

    /// A press at CSS pixel (x, y) of the per-sample chart (width × height): follows the sample
    /// under it (the chart's x axis runs from −1 to the number of samples shown, as the
    /// all-features chart's does) and starts a vertical drag of its value, at about the chart's
    /// scale (the plot's height is the canvas less its title, legend and axis labels).
    fn pick_sample(&mut self, x: f64, y: f64, width: f64, height: f64) -> Result<(), Refusal> {
        use crate::charts::samples::sample_at;
        self.drag = None;
        // Mapped back through where the chart's last draw put its plot (nothing before a draw).
        let Some(plot) = &self.picks.samples else { return Ok(()) };
        let Some((sample, value_here)) = sample_at(plot, x, y, width, height) else { return Ok(()) };
        self.lab.select_sample(sample)?;
        // How much value one CSS pixel down is, from the same mapping.
        let per_px = sample_at(plot, x, y + 1.0, width, height).map_or(0.0, |(_, below)| value_here - below);
        let value = crate::frame::sample_value(self) as f64;
        if value.is_finite() && per_px.is_finite() {
            self.drag = Some((y, value, per_px));
        }
        Ok(())
    }

    /// Moves the followed cell of the "Which axis?" grid: ← → along L, then C; ↑ ↓ over samples.
    fn move_cell(&mut self, key: &str) {
        let c = &mut self.compare;
        let (n, ch, l) = &mut c.cell;
        match key {
            "ArrowRight" if *l + 1 < c.l => *l += 1,
            "ArrowRight" if *ch + 1 < c.c => (*ch, *l) = (*ch + 1, 0),
            "ArrowLeft" if *l > 0 => *l -= 1,
            "ArrowLeft" if *ch > 0 => (*ch, *l) = (*ch - 1, c.l - 1),
            "ArrowDown" if *n + 1 < c.n => *n += 1,
            "ArrowUp" if *n > 0 => *n -= 1,
            _ => {}
        }
    }

    fn apply_one(&mut self, command: Command) -> Result<(), Refusal> {
        use Command::*;
        if waits_for_the_lab(&command) && (self.opening.is_some() || self.step_waiting || self.resizing.is_some()) {
            self.defer(command);
            return Ok(());
        }
        let lab_command = is_lab(&command);
        if lab_command {
            // A shared link being opened stops where it is; the page's own history, replayed
            // by the full module taking over or after a reload, is the student's work: the
            // action waits for it (a key pressed during a reload's replay cut the student's
            // steps 3–12 for good). So it does while the link's batch 0 is made (the lab shown
            // is not the link's yet).
            if let Some(opening) = self.opening.as_mut().filter(|o| o.own_history() || o.replay.base().is_some()) {
                // A shared link's replay stops at its batch 0, where the action then stops it.
                opening.replay.stop_at_first |= !opening.own_history();
                self.defer(command);
                return Ok(());
            }
            self.stop_opening();
            // The same box changed again while its change waits for its batch replaces it.
            if let (Some((waiting, _)), Set { control, .. }) =
                (self.resizing.as_ref().and_then(|r| r.box_set()), &command)
            {
                if waiting.id == control.id && self.deferred.is_empty() {
                    self.resizing = None;
                }
            }
            // A Step or a change of N, C or L waiting for its batch comes first: the actions
            // after it wait for it, in order. A Step repeated meanwhile (a held key) is that Step.
            if self.step_waiting || self.resizing.is_some() {
                if !(matches!(command, Step) && self.step_waiting && self.deferred.is_empty()) {
                    self.defer(command);
                }
                return Ok(());
            }
            self.stop_reading(&command);
            // An action whose new batch is large waits for it, made over frames.
            if let Some(resizing) = self.resizing_for(&command) {
                self.resizing = Some(resizing);
                return Ok(());
            }
        }
        match command {
            Step => {
                // A held key repeats faster than a large batch steps: one step per frame.
                if self.steps_since_frame == 0 {
                    // A large batch still to make: the Step waits for it (Page::tick), the page
                    // free meanwhile.
                    if self.lab.values_to_make() > STEP_AT_ONCE_VALUES {
                        self.step_waiting = true;
                    } else {
                        self.lab.step();
                    }
                    self.steps_since_frame += 1;
                }
            }
            Reset => self.lab.reset(),
            Mode(training) => self.lab.set_training(training),
            TogglePlay => self.set_playing(!self.playing),
            Set { control, position } => self.set(control, position)?,
            CumulativeMomentum(true) => self.lab.set_momentum(None)?,
            CumulativeMomentum(false) => {
                let m = crate::controls::get("momentum").default;
                self.lab.set_momentum(Some(m))?
            }
            Affine(on) => self.rebuild("new-layer", |lab| lab.set_affine(on))?,
            TrackRunningStats(on) => self.rebuild("new-layer", |lab| lab.set_track_running_stats(on))?,
            VarySpread(on) => {
                let d = self.lab.settings().data.clone();
                self.rebuild("new-data", |lab| lab.set_feature_shape(d.offset, d.shift, d.spread, on))?
            }
            Overlay(on) => self.overlay = on,
            BackwardOpen(on) => self.backward_open = on,
            Upstream(kind) => {
                self.upstream = UPSTREAMS.iter().find(|u| **u == kind).ok_or(Refusal::not_one_of(
                    "upstream gradient",
                    &kind,
                    UPSTREAMS,
                ))?;
            }
            Distribution(name) => self.rebuild("new-data", |lab| lab.set_distribution(&name))?,
            PickFeature { x, width } => {
                let plot = self.picks.features.as_ref();
                if let Some(feature) = plot.and_then(|plot| crate::charts::features::feature_at(plot, x, width)) {
                    self.lab.select_feature(feature)?;
                }
            }
            PickSample { x, y, width, height } => self.pick_sample(x, y, width, height)?,
            DragValue { y } => {
                if let Some((y0, v0, per_px)) = self.drag {
                    let (lo, hi) = crate::controls::get("value").value_bounds();
                    let v = (v0 - (y - y0) * per_px).clamp(lo, hi);
                    if v.is_finite() && y.is_finite() {
                        let s = self.lab.settings().clone();
                        self.lab.set_value(s.sample, s.feature, v as f32)?;
                    }
                }
            }
            // The small build never reads a CSV (`in_this_build`), so its reader is left out.
            CsvFileTooLarge(size) => return Err(Refusal::CsvFileTooLarge { size, max: MAX_CSV_BYTES }),
            CsvTextTooLarge => return Err(Refusal::CsvTooLarge { max: MAX_CSV_BYTES }),
            // Only a text that can be a batch goes into the box (`csv::for_the_box`), at once.
            CsvFile(text) if crate::FULL => self.choose_csv(crate::csv::for_the_box(text, false)?),
            CsvPaste(text) if crate::FULL => {
                let text = crate::csv::for_the_box(text, true)?;
                if text.len() > BOX_BYTES {
                    // As a chosen file: the box shows its first lines (2 MB in one line froze the
                    // page for a second in the box's layout: hostile40), Use reads it whole.
                    self.keep_long_csv(text, true);
                } else {
                    self.csv_fill = Some(CsvFill { text, how: "paste", over: String::new() })
                }
            }
            Csv(text) if crate::FULL => {
                // The box still showing a chosen file: the file. Edited, yet still holding some
                // of what the page wrote there: not the file, nor a CSV of the student's.
                let text = match &self.csv_chosen {
                    Some(chosen) if chosen.is_shown(&text) => chosen.text.clone(),
                    Some(chosen) if chosen.summary_in(&text) => return Err(Refusal::ChosenCsvEdited),
                    _ => text,
                };
                // Bytes of UTF-8, as the page cuts a chosen file (at one over the most).
                if text.len() > MAX_CSV_BYTES {
                    return Err(Refusal::CsvTooLarge { max: MAX_CSV_BYTES });
                }
                // Read a chunk at a time ([`Page::tick`]): a small CSV in this first chunk.
                self.reading = Some(BatchReader::new(text, self.csv_length));
                self.read_csv(&mut || false)?;
            }
            GeneratedData => self.rebuild("new-data", |lab| lab.use_generated_data())?,
            Lang(code) => {
                let lang = crate::i18n::Lang::from_code(&code)
                    .ok_or(Refusal::UnknownLanguage { code: code.chars().take(20).collect() })?;
                // The small build without the language's words: the page fetches them first.
                self.words_wanted = (!crate::i18n::has_words(lang)).then_some(lang);
                self.words_asked = false;
                if self.words_wanted.is_none() {
                    let before = std::mem::replace(&mut self.lang, lang);
                    self.lang_chosen = true;
                    self.resay_chosen_csv(before);
                }
            }
            WordsLoaded(code) => {
                let loaded = self.words_wanted.filter(|l| l.code() == code && crate::i18n::has_words(*l));
                if let Some(lang) = loaded {
                    let before = std::mem::replace(&mut self.lang, lang);
                    self.lang_chosen = true;
                    self.words_wanted = None;
                    self.resay_chosen_csv(before);
                }
            }
            // Not loaded (offline): the full module, which holds every language, changes it.
            WordsFailed(code) => {
                if self.words_wanted.is_some_and(|l| l.code() == code) {
                    self.words_wanted = None;
                    self.wait_for_full("lang-select", Arg::Text(code));
                }
            }
            Presenter(on) => self.presenter = on,
            View(name) => {
                let view = VIEWS.iter().find(|v| **v == name).ok_or(Refusal::not_one_of("view", &name, VIEWS))?;
                self.show_view(view);
            }
            Key(key) => {
                self.key(&key)?;
            }
            Shortcuts => self.shortcuts = !self.shortcuts,
            SingleKeys(on) => self.single_keys = on,
            // It reproduces this page only if it carries the data and the steps: else it says so.
            LinkCopied => {
                let words = if matches!(self.lab.source(), crate::lab::Source::Own(_)) {
                    crate::i18n::sentences(&[t(self.lang, "link-copied-only"), t(self.lang, "share-own")])
                } else if !self.share_replays_whole() {
                    crate::i18n::sentences(&[t(self.lang, "link-copied-only"), t(self.lang, "share-replay")])
                } else {
                    t(self.lang, "link-copied")
                };
                self.info(plain(&words))
            }
            ShowLink => self.info(format!("?{}", self.share_query())),
            Share(open) => self.sharing = open,
            // A chart's picture is saved by the page when the frame names it; a few at a time (a
            // held Enter on a download button): the rest are dropped. One of the App's files is
            // written over frames.
            Download(name) if is_chart_picture(&name) => {
                if self.downloads.len() < 4 {
                    self.downloads.push(name);
                }
            }
            Download(name) => self.download(&name)?,
            // The small build opens no lesson (`in_this_build`), so it leaves the lessons out.
            OpenLesson(id) if crate::FULL => self.open_lesson(&id, 0)?,
            LessonNext if crate::FULL => self.lesson_step(1)?,
            LessonBack if crate::FULL => self.lesson_step(-1)?,
            Reveal => self.reveal(),
            LessonView => {
                if let Some(view) = self.lesson_elsewhere() {
                    self.show_view(view);
                }
            }
            CloseLesson => self.close_lesson(),
            // The page could not load the full module: said, and the page stays as it is (the
            // next tab, SVG or Share tries again).
            FullFailed(why) => return Err(Refusal::NotLoaded { why: why.chars().take(200).collect() }),
            // The Train and "Which axis?" views' actions (only the full build has their code).
            other => self.apply_other_views(other)?,
        }
        Ok(())
    }

    /// The actions of the Train and "Which axis?" views. The first view's small build never
    /// gets here (the App sends them to the full module, [`Page::in_this_build`]), and leaves
    /// their code out.
    fn apply_other_views(&mut self, command: Command) -> Result<(), Refusal> {
        use Command::*;
        if !crate::FULL {
            return Ok(());
        }
        match command {
            HoverCell { x, y, width, height } => {
                let map = self.picks.norm_grid.as_ref();
                if let Some(cell) = map.and_then(|map| crate::charts::norm_grid::cell_at(map, x, y, width, height)) {
                    self.compare.cell = cell;
                }
            }
            // A held key steps at most once a frame (as in the lab).
            TrainStep if self.digits_failed => self.retry_digits(),
            // While a test accuracy is measured the Step waits for it (taken at once, the step
            // finished it in one task first: ~100 ms after a settings change at 6 × 256).
            TrainStep if self.steps_since_frame == 0 && self.train.measuring() => {
                self.train.last_run = crate::trainer::LastRun::Training;
                self.train.step_asked = true;
                self.steps_since_frame += 1;
            }
            TrainStep if self.steps_since_frame == 0 => {
                self.train.step_in_parts()?;
                self.steps_since_frame += 1;
            }
            // Fresh models at step 0: steps still to redo are dropped (they went on over the
            // fresh models, and Reset during a reload's replay ended trained).
            TrainReset => {
                self.train.pending_steps = 0;
                self.train.restart()?
            }
            Sweep => self.train.start_sweep(self.sweep_steps),
            CancelSweep => self.train.cancel_sweep(),
            OpenTrainedLayer(hidden) => self.open_trained_layer(hidden)?,
            TrainActivation(name) => {
                let activation = crate::core::net::Activation::from_name(&name).ok_or(Refusal::not_one_of(
                    "activation",
                    &name,
                    &crate::link::ACTIVATIONS,
                ))?;
                let t = TrainSettings { activation, ..self.train.settings.clone() };
                self.train.change(t)?
            }
            TrainNorm(m, name) => {
                let norm = crate::trainer::NormChoice::from_name(&name).ok_or(Refusal::not_one_of(
                    "norm",
                    &name,
                    &crate::link::NORMS,
                ))?;
                let mut t = self.train.settings.clone();
                t.norms[m.min(1)] = norm;
                self.train.change(t)?
            }
            TrainProbes(on) => {
                let t = TrainSettings { probes: on, ..self.train.settings.clone() };
                self.train.change(t)?
            }
            BatchSweep => self.train.start_batch_sweep()?,
            CancelBatchSweep => self.train.cancel_batch_sweep(),
            TrainPreset(name) => {
                let t = TrainSettings::preset(&name, self.train.settings.seed).ok_or(Refusal::not_one_of(
                    "preset",
                    &name,
                    &crate::trainer::PRESETS,
                ))?;
                self.train.change(t)?
            }
            // Not the digits (a sign-in page answered): said as the file's fault, not the
            // student's CSV, and fetched again like a failed fetch.
            Digits(text) => match parse_digits_csv(&text) {
                Ok(digits) => self.train.load(digits)?,
                Err(e) => {
                    let why = Refusal::DigitsUnreadable { why: self.message(&e) };
                    self.notice = Some(Notice { text: self.message(&why), error: true });
                    self.digits_failed = true;
                }
            },
            // Said in the App's words (the browser's quoted after them, as for the full module).
            DigitsFailed(why) => {
                let why = Refusal::DigitsNotLoaded { why: why.chars().take(200).collect() };
                self.notice = Some(Notice { text: self.message(&why), error: true });
                self.digits_failed = true;
            }
            // Every other action is the lab's (`apply_one`).
            _ => {}
        }
        Ok(())
    }

    /// Whether this build applies `command` itself: the full build every action; the first
    /// view's small build what stays in the BatchNorm1d view, without the lessons and the
    /// Backward panel. Anything else waits for the full module ([`Page::need_full`]).
    pub fn in_this_build(&self, command: &Command) -> bool {
        use Command::*;
        crate::FULL
            || match command {
                View(view) => view == "lab",
                // The lessons are the full module's (the small one holds only their titles).
                OpenLesson(_) => false,
                Set { control, .. } => {
                    !control.id.starts_with("t-") && !control.id.starts_with("n-") && !control.id.starts_with("grad-")
                }
                // The Backward panel (its gradients, chart and exports) is the full module's.
                BackwardOpen(open) => !open,
                // The QR code of Share is the full module's; closing it is anyone's.
                Share(open) => !open,
                Upstream(_) => false,
                HoverCell { .. }
                | TrainStep
                | TrainReset
                | Sweep
                | CancelSweep
                | OpenTrainedLayer(_)
                | TrainActivation(_)
                | TrainNorm(..)
                | TrainProbes(_)
                | BatchSweep
                | CancelBatchSweep
                | TrainPreset(_)
                | Digits(_)
                | DigitsFailed(_) => false,
                // A batch read from a CSV is not in the link the full module would open from, so
                // the full module reads it itself: the student's data stays when they open
                // another view later.
                Csv(_) => false,
                // Its words are the CSV reader's (the full module's), as a CSV's refusals are.
                CsvFileTooLarge(_) | CsvTextTooLarge | CsvFile(_) | CsvPaste(_) => false,
                // The lab's own files and charts' PNGs; the SVGs, the Backward panel's files and
                // the Train view's are the full module's.
                Download(name) => small_build_file(name),
                _ => true,
            }
    }
}

impl Page {
    pub fn new() -> Page {
        Page {
            lab: Lab::default(),
            lang: Lang::En,
            lang_chosen: false,
            presenter: false,
            overlay: false,
            lesson: None,
            linked_lesson: None,
            opened_from: None,
            reloaded: false,
            view: "lab",
            notice: None,
            playing: false,
            speed: 2,
            next_step: None,
            train: TrainState { batch_sweep_epochs: 2, ..TrainState::default() },
            train_speed: 1,
            compare: CompareSettings::default(),
            csv_length: 0,
            sweep_steps: 100,
            shortcuts: false,
            single_keys: true,
            revision: 0,
            backward_cache: Default::default(),
            steps_since_frame: 0,
            digits_requested: false,
            digits_failed: false,
            opening: None,
            reading: None,
            step_waiting: false,
            resizing: None,
            writing: Vec::new(),
            written: None,
            csv_fill: None,
            csv_chosen: None,
            weights: None,
            deferred: Default::default(),
            backward_open: false,
            upstream: "one",
            grad_target: 0.0,
            grad_seed: 1,
            picks: crate::charts::Picks::default(),
            drag: None,
            need_full: false,
            waiting: Vec::new(),
            sharing: false,
            words_wanted: None,
            words_asked: false,
            downloads: Vec::new(),
        }
    }

    /// Applies one user action: the one place the page's state changes. A refusal changes
    /// nothing (PyTorch's own num_batches_tracked quirk aside) and becomes the notice.
    pub fn apply(&mut self, command: Command) -> Result<(), Refusal> {
        // The Backward panel's `toggle` fires when the page sets it to the App's value too (the
        // App closed it: the full module could not be loaded): that echo is no action, and the
        // notice that says why stays. So does the Share dialog's `close`.
        // A file asked for again while it is still being written is the same file (a repeated
        // click), whether or not actions wait between: decided here, as the click comes (decided
        // when its turn came, it gave a second file only when a Step between had waited).
        if matches!(command, Command::BackwardOpen(open) if open == self.backward_open)
            || matches!(command, Command::Share(open) if open == self.sharing)
            || matches!(&command, Command::Download(name) if self.writing.iter().any(|w| &w.name == name))
        {
            return Ok(());
        }
        // Every action of the student's is applied in the order taken: while earlier ones still
        // wait (a hand-over's replay, a Step waiting for its batch and what came after it), this
        // one waits after them (a tab clicked after a lesson was chosen ended on the lesson).
        if !self.deferred.is_empty() && !jumps_the_queue(&command) {
            self.defer(command);
            self.revision += 1;
            return Ok(());
        }
        self.run(command)
    }

    /// Applies an action now (its turn has come).
    fn run(&mut self, command: Command) -> Result<(), Refusal> {
        self.opened_from = None;
        // The digits arriving are the page's own doing, not the student's: a link's notice
        // stays (a link to the Train view lost it as the digits came).
        if !matches!(command, Command::Digits(_)) {
            self.notice = None;
        }
        self.revision += 1;
        let running = |done: Option<bool>| done == Some(false);
        let sweeping = (
            running(self.train.sweep.as_ref().map(|s| s.done())),
            running(self.train.batch_sweep.as_ref().map(|s| s.done())),
        );
        let cancel = matches!(command, Command::CancelSweep | Command::CancelBatchSweep);
        let result = self.apply_one(command);
        if let Err(e) = &result {
            self.notice = Some(Notice { text: self.message(e), error: true });
        } else if !cancel {
            self.say_sweeps_stopped(sweeping);
        }
        result
    }

    /// A sweep that was running (`sweeping`: the learning-rate one, the batch-size one) and is
    /// gone after an action that was no Cancel: a change of the models it measures (their width,
    /// a preset) stopped it, which is said (its chart vanished without a word).
    fn say_sweeps_stopped(&mut self, sweeping: (bool, bool)) {
        let stopped = [
            (sweeping.0 && self.train.sweep.is_none(), "sweep-stopped"),
            (sweeping.1 && self.train.batch_sweep.is_none(), "bsweep-stopped"),
        ];
        for (_, key) in stopped.into_iter().filter(|(stopped, _)| *stopped) {
            let said = t(self.lang, key);
            self.notice = Some(match self.notice.take() {
                Some(Notice { text, error: false }) => {
                    Notice { text: crate::i18n::sentences(&[text, said]), error: false }
                }
                _ => Notice { text: said, error: false },
            });
        }
    }

    /// The small build: whether `command` goes to the full module — one this build lacks, or any
    /// one after it while the full module loads (they follow it in order). The full module's
    /// failure to load is this module's own to say.
    pub fn for_full(&self, command: &Command) -> bool {
        !matches!(command, Command::FullFailed(_)) && (!self.waiting.is_empty() || !self.in_this_build(command))
    }

    /// Keeps an action (`name`, `arg`: as the page sent it) for the full module, and says at once
    /// that the rest of the page is loading (it may take seconds on a slow network).
    pub fn wait_for_full(&mut self, name: &str, arg: Arg) {
        self.need_full |= self.waiting.is_empty();
        // A language whose words are still being fetched came first: the full module sets it.
        if let Some(lang) = self.words_wanted.take() {
            self.waiting.push(("lang-select".into(), Arg::Text(lang.code().into())));
        }
        if self.waiting.len() < MAX_DEFERRED {
            self.waiting.push((name.to_string(), arg));
        }
        self.notice = Some(Notice { text: t(self.lang, "loading-full"), error: false });
        self.revision += 1;
    }

    /// The full module could not be loaded (offline): the waiting actions this build can do are
    /// done here after all, in order, one a frame (a Step pressed after a tab stays a Step), the
    /// rest dropped, and the failure is said.
    pub fn full_failed(&mut self, why: String) {
        for (name, arg) in std::mem::take(&mut self.waiting) {
            match Command::parse(&name, arg) {
                Ok(command) if self.in_this_build(&command) => self.follow(command),
                _ => {}
            }
        }
        let _ = self.apply(Command::FullFailed(why));
    }

    /// An action that waited while a module loaded: the lab's follow the ones before them, one
    /// a frame (as the student did them: two Steps are two Steps), after a hand-over's replay; the
    /// rest (a tab, a panel) now, unless one before them still waits: then after it, in their
    /// order. At most [`MAX_DEFERRED`] wait.
    pub fn follow(&mut self, command: Command) {
        if is_lab(&command) || (!self.deferred.is_empty() && !jumps_the_queue(&command)) {
            self.defer(command);
        } else {
            let _ = self.apply(command); // a refusal is the notice, as when it was first done
        }
    }

    /// A downloaded chart's file name without its extension (the page adds ".svg" or ".png"):
    /// what a teacher's Downloads folder should say, in ASCII and stable across languages —
    /// "batchnorm-" + the view ("lab", "norms", "train") + the chart's name (its canvas id
    /// without "chart-"), then "-step" + the steps taken when the chart shows a state after
    /// steps: "batchnorm-lab-distribution-step3", "batchnorm-train-curves-step100",
    /// "batchnorm-norms-norm-grid"; "batchnorm-chart" for an id that names no chart.
    pub fn chart_file_stem(&self, id: &str) -> String {
        let (view, steps) = match id {
            "chart-distribution" | "chart-running" | "chart-features" | "chart-samples" | "chart-gradients" => {
                ("lab", Some(self.lab.steps()))
            }
            "chart-norm-grid" | "chart-norm-outputs" => ("norms", None),
            "chart-curves" | "chart-percentiles" | "chart-landscape" | "chart-digits" => {
                ("train", self.train.trainer.as_ref().map(|t| t.steps()))
            }
            // The sweeps train models of their own: no step of the page's.
            "chart-sweep" | "chart-batch-sweep" => ("train", None),
            _ => return "batchnorm-chart".to_string(),
        };
        let name = id.strip_prefix("chart-").unwrap_or(id);
        let step = steps.map_or(String::new(), |k| format!("-step{k}"));
        format!("batchnorm-{view}-{name}{step}")
    }

    /// True when `key` means something in the visible view (the page then keeps the browser
    /// from acting on it too).
    pub fn handles_key(&self, key: &str) -> bool {
        // Esc cancels a Share still to come (the dialog, once open, closes itself on Esc).
        let share_asked = self.sharing
            || self.deferred.iter().any(|c| matches!(c, Command::Share(true)))
            || self.waiting.iter().any(|(name, _)| name == "share");
        (key == "Escape" && (share_asked || self.shortcuts))
            || matches!(
                (self.view, key),
                (_, "?")
                    | ("lab" | "train", " " | "p" | "P" | "r" | "R")
                    | ("lab", "e" | "E" | "ArrowLeft" | "ArrowRight")
                    | ("norms", "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown")
            )
    }

    /// The page a link describes, with its replay still to run ([`Page::tick`] runs it a chunk
    /// per frame). Every value that can be read is kept; the notice names each one dropped.
    pub fn open(query: &str) -> Page {
        Page::opened(query, Opener::Link, Lang::En)
    }

    /// The page the browser reloads: its own address, which holds only what this page did, so
    /// its steps are replayed with the hand-over's budget, and a lab action taken meanwhile
    /// waits for them and follows, as in a hand-over (a link's is stopped by it).
    pub fn reopen(query: &str) -> Page {
        Page::opened(query, Opener::Reload, Lang::En)
    }

    /// The full module's page taking over from the first view's: its link, and what the page
    /// keeps beyond it (`keep=`, [`Page::keep_query`]), replayed with a larger budget. Only the
    /// page hands this over: in a link, `keep=` is a key like any unknown one (typed by hand it
    /// lifted the budget a hundredfold and said "your steps are redone" on a first visit).
    pub fn take_over(handover: &str) -> Page {
        Page::opened(handover, Opener::HandOver, Lang::En)
    }

    /// The page `opener` opens from `query`, in the link's language or else `browser` (the
    /// first of the browser's languages the page has), which the notice of the link is said in
    /// too.
    pub fn opened(query: &str, opener: Opener, browser: Lang) -> Page {
        let handover = opener == Opener::HandOver;
        // The page's own state beyond the link, when the full module takes over (`keep=`), and
        // whether what it replays is a link handed on as it came (`budget=link`).
        let (mut keep, mut link_budget, mut shared) = (None, false, Vec::new());
        for pair in query.trim_start_matches('?').split('&') {
            match pair.strip_prefix("keep=") {
                Some(value) if handover => keep = Some(value),
                _ if handover && pair == "budget=link" => link_budget = true,
                _ => shared.push(pair),
            }
        }
        let (link, notes) = Link::parse(&shared.join("&"));
        let mut page = Page::new();
        (page.lang, page.lang_chosen) = (link.lang.unwrap_or(browser), link.lang.is_some());
        // What was not read, quoted (at most 120 characters: a 15 000-character value filled the
        // screen with its own text), and why. A part read in part (a key given twice, do=) is a
        // sentence of its own: it was not left at its default. do= up to an action not understood
        // is said only if the replay runs (settings refused together open the defaults).
        let mut unread = Vec::new();
        let (mut said, mut replay_said) = (Vec::new(), Vec::new());
        // The lessons are the full module's: the small one hands a link naming one over to it.
        let stage = if crate::FULL { linked_stage(&link, &shared, &notes) } else { None };
        for note in notes {
            match &note.why {
                Some(why @ crate::link::Why::DoAction { .. }) => replay_said.push(page.message(why)),
                Some(why) if why.is_own_sentence() => said.push(page.message(why)),
                Some(why) => unread.push(format!("{}{}", quote(&note.pair), reason(page.lang, &page.message(why)))),
                None => unread.push(quote(&note.pair)),
            }
        }
        page.presenter = link.presenter;
        page.view = VIEWS.iter().find(|v| **v == link.view).copied().unwrap_or("lab");
        if !crate::FULL && page.view != "lab" {
            page.need_full = true;
        }
        page.compare = link.compare.clone();
        if let Err(e) = page.compare.check() {
            unread.push(item(&page.message(&e)));
            page.compare = CompareSettings::default();
        }
        // A cell outside the batch is said, and left at the default cell, as the notes' heading
        // says (it was moved silently, the address keeping cell=9_9_9; then to the nearest cell,
        // under "left at their defaults": hostile37).
        let c = &page.compare;
        let (sample, feature, position) = c.cell;
        let outside = [("sample", sample, c.n), ("feature", feature, c.c), ("position", position, c.l)]
            .into_iter()
            .find(|&(_, index, len)| index >= len);
        // The default cell outside a batch the link made smaller (cmp=1_4_1_4_1: no sample 1)
        // is the page's own, not the link's: moved without a word (hostile35: a note blamed a
        // cell= the link did not have).
        let given = c.cell != CompareSettings::default().cell;
        if let Some((what, index, len)) = outside.filter(|_| given) {
            // At L = 1 the batch is an input (N, C), as the L box says: no positions to number
            // ("valid ones are 0 to 0" named one).
            let why = if what == "position" && len == 1 {
                t(page.lang, "cell-nc-position")
            } else {
                page.message(&BnError::OutOfRange { what, index, len })
            };
            unread.push(format!(
                "{}{}",
                quote(&format!("cell={sample}_{feature}_{position}")),
                reason(page.lang, &why)
            ));
        }
        if outside.is_some() {
            page.compare.cell = CompareSettings::default().cell;
            page.compare.cell = page.compare.cell(); // within a batch the link made smaller
        }
        page.train.settings = link.train.clone();
        if let Err(e) = page.train.settings.check() {
            unread.push(item(&page.message(&e)));
            page.train.settings = TrainSettings::default();
        }
        if link.own_data {
            // A reload opens the page's own address, not a link someone made: said as such.
            match opener {
                Opener::Reload => said.push(t(page.lang, "own-data-reload")),
                _ => unread.push(t(page.lang, "own-data-link")),
            }
        }
        if let Some(token) = &link.backward {
            if let Err(why) = page.read_backward_token(token) {
                let why = page.message(&why);
                unread.push(format!("{}{}", quote(&format!("bwd={token}")), reason(page.lang, &why)));
            }
        }
        // The Backward panel open is the full module's too (the link keeps its token).
        if !crate::FULL && page.backward_open {
            page.need_full = true;
        }
        // The full module taking over (`keep=`) replays the page's own history: a larger budget.
        // A link the first view's module handed on unopened is still a link.
        let own_history = keep.is_some() && !link_budget;
        let reloaded = opener == Opener::Reload;
        let scale = if own_history || reloaded { crate::lab::HANDOVER_BUDGET_SCALE } else { 1 };
        // The training steps, replayed within the budget of who opens them (the page wrote
        // tsteps=3522 itself and refused it on the reload); what is left out is said.
        let budget = crate::trainer::MAX_TRAIN_REPLAY.saturating_mul(scale);
        page.train.pending_steps = link.train_steps.min(budget);
        page.train.pending_own = own_history || reloaded;
        if link.train_steps > budget {
            said.push(crate::i18n::train_cut(page.lang, own_history || reloaded, link.train_steps, budget));
        }
        let (base, actions) = match &stage {
            Some((_, _, Some(setup))) => setup.clone(),
            _ => (link.base.clone(), link.actions.clone()),
        };
        let cut = Replay::over_budget(&base, &actions, scale);
        let opening = match Replay::new(base, actions, scale) {
            Ok((lab, replay)) => {
                page.lab = lab;
                Some(replay)
            }
            Err(e) => {
                // The settings together are refused (e.g. N·C·L too large): the defaults, said.
                unread.push(item(&page.message(&e)));
                None
            }
        };
        match (stage, &link.lesson) {
            // The page's own link: the page as it was, the lesson's text over it.
            (Some((lesson, k, None)), _) => {
                page.overlay = lesson.stages[k].overlay;
                page.lesson = Some(OpenLesson { id: lesson.id, stage: k, revealed: false });
            }
            (Some((lesson, k, Some(_))), _) => {
                page.enter_lesson(lesson, k);
                // A Train stage sets up its model as the menu's does (lesson 11's papers' presets),
                // unless the link gave the Train view's settings itself (apart from the seed).
                let train_stage = lessons::train_preset(lesson.id, k);
                let given = TrainSettings { seed: TrainSettings::default().seed, ..link.train.clone() };
                if let Some(settings) = train_stage
                    .filter(|_| given == TrainSettings::default())
                    .and_then(|preset| TrainSettings::preset(preset, link.train.seed))
                {
                    page.train.settings = settings;
                }
            }
            // The lessons are the full module's: it opens this link (the lesson kept for it).
            (None, Some(lesson)) if !crate::FULL => {
                page.need_full = true;
                page.linked_lesson = Some(lesson.clone());
            }
            // No such lesson, or no such stage of it: said, with what there is.
            (None, Some((id, stage))) => {
                let why = match lessons::find(id) {
                    Some(lesson) => page.message(&crate::link::Why::Bounds(BnError::OutOfRange {
                        what: "lesson stage",
                        index: *stage,
                        len: lesson.stages.len(),
                    })),
                    None => page.message(&crate::link::Why::NoSuchLesson),
                };
                unread.push(format!("{}{}", quote(&format!("lesson={id}_{stage}")), reason(page.lang, &why)));
            }
            (None, None) => {}
        }
        if let Some(on) = link.overlay {
            page.overlay = on;
        }
        if let Some(value) = keep {
            if !page.read_keep(value) {
                unread.push(quote(&format!("keep={value}")));
            }
        }
        match opening {
            Some(replay) => {
                let (feature, sample, handover) = (link.feature, link.sample, own_history);
                replay_said.append(&mut said);
                let notes = LinkNotes { unread, said: replay_said, cut };
                page.opening = Some(Opening { replay, feature, sample, notes, handover, reloaded });
                // A short link opens at once (no flash of the default page); a long one goes on
                // a chunk per frame.
                page.advance_opening(&mut |spent| spent < OPENING_VALUES);
            }
            None => page.finish_opening(link.feature, link.sample, LinkNotes { unread, said, cut: Cut::default() }),
        }
        if !crate::FULL && page.need_full {
            page.opened_from = Some(shared.join("&"));
            page.reloaded = reloaded;
        }
        page
    }

    /// The page a link describes, replayed to the end at once (tests; small links).
    pub fn from_query(query: &str) -> Page {
        let mut page = Page::open(query);
        while page.opening.is_some() {
            page.advance_opening(&mut |_| true);
        }
        page
    }

    /// 0…1 while a link is being opened.
    pub fn opening_progress(&self) -> Option<f64> {
        self.opening.as_ref().map(|o| o.replay.progress())
    }

    /// While a link is being opened: the step reached and the step it will end at.
    pub fn opening_steps(&self) -> Option<(u64, u64)> {
        let replay = &self.opening.as_ref()?.replay;
        // While batch 0 is made, the lab is a stand-in: the link's first step is still to come.
        let (now, first) = if replay.base().is_some() { (0, 1) } else { (self.lab.steps(), 0) };
        Some((now, now + first + replay.total_steps.saturating_sub(replay.done_steps)))
    }

    /// While an opening redoes other actions than Steps: the actions redone and in all
    /// ([`Replay::actions`](crate::lab::Replay::actions)).
    pub fn opening_actions(&self) -> Option<(u64, u64)> {
        self.opening.as_ref()?.replay.actions()
    }

    /// While a link is being opened: how far, counted in actions when it redoes others than
    /// Steps (a change of N is no step), else in steps; true when they are actions.
    pub fn opening_count(&self) -> Option<((u64, u64), bool)> {
        match self.opening_actions() {
            Some(actions) => Some((actions, true)),
            None => self.opening_steps().map(|steps| (steps, false)),
        }
    }

    /// True while a reloaded page replays its own steps.
    pub fn reopening(&self) -> bool {
        self.opening.as_ref().is_some_and(|o| o.reloaded)
    }

    /// True while the full module taking over replays the page's own history.
    pub fn handing_over(&self) -> bool {
        self.opening.as_ref().is_some_and(|o| o.handover)
    }

    /// True while a link's batch 0 is made: the lab shown is a stand-in, not the link's yet.
    pub fn making_first_batch(&self) -> bool {
        self.opening.as_ref().is_some_and(|o| o.replay.base().is_some())
    }

    /// 0…1 while a CSV is being read.
    pub fn reading_progress(&self) -> Option<f64> {
        self.reading.as_ref().filter(|_| crate::FULL).map(|r| r.progress())
    }

    /// While a Step waits for its batch: the step it will be, and how much of its batch is made (0…1).
    pub fn step_waiting(&self) -> Option<(u64, f64)> {
        let all = self.lab.values_per_step().max(1) as f64;
        let made = 1.0 - self.lab.values_to_make() as f64 / all;
        self.step_waiting.then(|| (self.lab.steps() + 1, made))
    }

    /// True while lab actions the student took are still to do: a Step or a change of N, C or L
    /// waiting for its batch, and the actions after it, or a file still to write and save.
    pub fn lab_owes_actions(&self) -> bool {
        self.step_waiting
            || self.resizing.is_some()
            || !self.deferred.is_empty()
            || !self.writing.is_empty()
            || self.written.is_some()
    }

    /// A download button: the file as the page is now, written over the next frames and then
    /// saved. The same file asked again while it is written is that file, not a second copy.
    fn download(&mut self, name: &str) -> Result<(), Refusal> {
        if self.writing.iter().any(|w| w.name == name) {
            return Ok(());
        }
        if let Some(writing) = self.writing_of(name)? {
            self.writing.push(writing);
        }
        Ok(())
    }

    /// The file `name` of the page as it is now, to write; None when the notice has said why
    /// there is none in words of its own (a model that cannot be folded).
    fn writing_of(&mut self, name: &str) -> Result<Option<Writing>, Refusal> {
        if crate::FULL && name == crate::export::MODEL_FOLDED_FILE && self.refuse_unfoldable() {
            return Ok(None);
        }
        Writing::start(self, name).map(Some)
    }

    /// The file `name` written whole at once (for tests and scripts: the page's buttons send
    /// [`Command::Download`]); None when there is none (the notice says why).
    pub fn write_now(&mut self, name: &str) -> Option<File> {
        match self.writing_of(name) {
            Ok(writing) => writing.map(Writing::finish),
            Err(e) => {
                self.refused(&e);
                None
            }
        }
    }

    /// Writes the first file asked for while `in_budget()` says so; once whole, it waits for the
    /// page to save it.
    fn write_file(&mut self, in_budget: &mut dyn FnMut() -> bool) {
        let Some(writing) = self.writing.first_mut() else { return };
        if writing.write(in_budget) {
            self.written = Some(self.writing.remove(0).finish());
        }
    }

    /// While a file is written: its name and how much of it is written (0…1).
    pub fn writing_progress(&self) -> Option<(&str, f64)> {
        self.writing.first().map(|w| (w.name.as_str(), w.progress()))
    }

    /// The file written whole, to save (the frame's `download` names it).
    pub fn download_ready(&self) -> Option<&File> {
        self.written.as_ref()
    }

    /// The written file, taken by the page to save: the next one is then written.
    pub fn take_download(&mut self) -> Option<File> {
        self.written.take()
    }

    /// Text waiting for the CSV box: "file" (it replaces the box's text), "paste" (it goes
    /// where the box's selection is) or "summary" (it replaces the box's text only while the box
    /// holds [`Page::csv_fill_over`]).
    pub fn csv_fill_ready(&self) -> Option<&'static str> {
        self.csv_fill.as_ref().map(|fill| fill.how)
    }

    /// The text a "summary" fill replaces: the box takes it only while it still holds this one.
    pub fn csv_fill_over(&self) -> &str {
        self.csv_fill.as_ref().map_or("", |fill| fill.over.as_str())
    }

    /// The text for the CSV box, taken by the page to put there once.
    pub fn take_csv_fill(&mut self) -> Option<String> {
        self.csv_fill.take().map(|fill| fill.text)
    }

    /// True while actions the student took wait: for the full module or a language's words (the
    /// small build), or after the ones before them ([`Page::apply`]).
    pub fn actions_waiting(&self) -> bool {
        !self.deferred.is_empty() || !self.waiting.is_empty() || self.words_wanted.is_some()
    }

    /// While a change of N, C or L waits for its batch: the new shape, and how much of its batch
    /// is made (0…1).
    pub fn resizing_progress(&self) -> Option<(Vec<usize>, f64)> {
        let r = self.resizing.as_ref()?;
        let (n, c, l) = r.shape;
        let shape = if l == 0 { vec![n, c] } else { vec![n, c, l] };
        Some((shape, r.maker.rows() as f64 / n.max(1) as f64))
    }

    /// Replays up to `budget` values of the link being opened.
    fn advance_opening(&mut self, go_on: &mut dyn FnMut(usize) -> bool) {
        let Some(opening) = &mut self.opening else { return };
        let result = opening.replay.advance(&mut self.lab, go_on);
        let done = opening.replay.done();
        if let Err(why) = result {
            // Its own sentence, naming the action in do= where the replay stopped.
            let note = match &opening.replay.refused {
                Some(action) => tf(
                    self.lang,
                    "link-do-refused",
                    &[("token", &crate::link::encode_action(action)), ("why", &why.words(self.lang))],
                ),
                None => why.words(self.lang),
            };
            opening.notes.said.push(note);
            // The replay stopped at the refused action: the budget's count would no longer
            // be the steps left out.
            opening.notes.cut = Cut::default();
        }
        if done || self.opening.as_ref().is_some_and(|o| o.replay.done()) {
            if let Some(o) = self.opening.take() {
                self.finish_opening(o.feature, o.sample, o.notes);
            }
        }
        self.revision += 1;
    }

    /// The followed feature and sample of the link (each said when it does not exist), and the
    /// notice of what could not be read, then of what was left out beyond the budget (its own
    /// sentence: those steps were read, and the ones run were run, not left at a default).
    fn finish_opening(&mut self, feature: usize, sample: usize, notes: LinkNotes) {
        let LinkNotes { unread: mut notes, said: sentences, cut } = notes;
        if let Err(e) = self.lab.select_feature(feature) {
            notes.push(format!("f={feature}{}", reason(self.lang, &self.message(&e))));
        }
        if let Err(e) = self.lab.select_sample(sample) {
            notes.push(format!("s={sample}{}", reason(self.lang, &self.message(&e))));
        }
        let mut said = Vec::new();
        if !notes.is_empty() {
            // The list ends as a sentence: what follows (do=, a key given twice) is one of its own.
            let stop = crate::i18n::full_stop(self.lang);
            // A dozen at most: a link of thousands of unknown keys would fill the screen.
            let more = notes.len().saturating_sub(LINK_NOTES_SHOWN);
            notes.truncate(LINK_NOTES_SHOWN);
            if more > 0 {
                notes.push(tf(self.lang, "link-notes-more", &[("k", &more.to_string())]));
            }
            let heading = plain(&t(self.lang, "link-notes"));
            let gap = crate::i18n::gap_after(&heading); // none after "："
            said.push(format!("{heading}{gap}{}{stop}", notes.join(" · ")));
        }
        said.extend(sentences);
        if !cut.is_empty() {
            said.push(crate::i18n::link_cut(self.lang, self.lab.steps(), cut.steps, cut.changes));
        }
        if !said.is_empty() {
            self.info(crate::i18n::sentences(&said));
        }
    }

    /// The link that reproduces this page (the address bar's: a reload keeps presenter mode).
    pub fn query(&self) -> String {
        self.link().to_query()
    }

    /// The link to share with the class (Share's QR code, Copy link): the same page, numbers
    /// and lesson, without the teacher's presenter mode, which on a phone leaves no room for the
    /// charts.
    pub fn share_query(&self) -> String {
        Link { presenter: false, ..self.link() }.to_query()
    }

    /// Whether the link to share replays all of this page: within a link's budget of lab steps
    /// and changes and of training steps. Past it (Steps taken after a long link, Play in the
    /// Train view) whoever opens it gets fewer steps, and other numbers.
    pub fn share_replays_whole(&self) -> bool {
        let link = self.link();
        link.train_steps <= crate::trainer::MAX_TRAIN_REPLAY
            && Replay::over_budget(&link.base, &link.actions, 1).is_empty()
    }

    fn link(&self) -> Link {
        let s = self.lab.settings();
        let (mut actions, mut feature, mut sample) = (self.lab.actions().to_vec(), s.feature, s.sample);
        // A link still being opened stands for all of itself: what is replayed so far, then what
        // is still queued (the full module opens this link when it takes over mid-opening).
        if let Some(opening) = &self.opening {
            for action in opening.replay.remaining() {
                match (&action, actions.last_mut()) {
                    (crate::lab::Action::Step(k), Some(crate::lab::Action::Step(j))) => *j += k,
                    _ => actions.push(action),
                }
            }
            (feature, sample) = (opening.feature, opening.sample);
        }
        // While the link's batch 0 is made, the lab is a stand-in: the link's settings.
        let base = self.opening.as_ref().and_then(|o| o.replay.base()).unwrap_or(self.lab.base());
        Link {
            base: base.clone(),
            actions,
            feature,
            sample,
            lesson: self.lesson.as_ref().map(|l| (l.id.to_string(), l.stage)).or_else(|| self.linked_lesson.clone()),
            lang: self.lang_chosen.then_some(self.lang),
            presenter: self.presenter,
            // Said whenever it differs from what the link would open with, so every student
            // sees the teacher's chart.
            overlay: (self.overlay != self.lesson_overlay()).then_some(self.overlay),
            view: self.view.to_string(),
            train: self.train.settings.clone(),
            train_steps: self.train.steps(),
            compare: self.compare.clone(),
            own_data: matches!(self.lab.source(), crate::lab::Source::Own(_)),
            backward: self.backward_token(),
        }
    }

    /// The overlay the open lesson's stage shows (off without a lesson). Only the full build
    /// has the lessons (`crate::FULL`: the first view's module leaves them out).
    fn lesson_overlay(&self) -> bool {
        let stage =
            |l: &OpenLesson| lessons::find(l.id).and_then(|lesson| lesson.stages.get(l.stage)).map(|s| s.overlay);
        crate::FULL && self.lesson.as_ref().and_then(stage).unwrap_or(false)
    }

    /// A refusal in the page's language.
    pub fn message(&self, refusal: &impl Words) -> String {
        refusal.words(self.lang)
    }

    /// Opens stage `stage` of lesson `id`: its settings and actions, the answer hidden.
    pub fn open_lesson(&mut self, id: &str, stage: usize) -> Result<(), Refusal> {
        let lesson =
            lessons::find(id).ok_or(BnError::OutOfRange { what: "lesson", index: 0, len: lessons::LESSONS.len() })?;
        let setup = lesson.stages.get(stage).ok_or(BnError::OutOfRange {
            what: "lesson stage",
            index: stage,
            len: lesson.stages.len(),
        })?;
        // Every stage replays cleanly (a test checks), so a failure here is a bug in the table.
        let lab = Lab::replay((setup.settings)(), setup.actions)
            .map_err(|_| BnError::Missing { what: "working setup for this lesson stage" })?;
        self.lab = lab;
        // A "Which axis?" stage is about the view's own batch, which its text names ("the same
        // (4, 6, 5) batch"): a batch set before (one a layer refused, even) would belie it.
        if setup.view == "norms" {
            self.compare = CompareSettings::default();
        }
        self.enter_lesson(lesson, stage);
        // A Train stage sets up the model it is about (the seed kept; models already like it
        // keep their training).
        if let Some(preset) = lessons::train_preset(lesson.id, stage) {
            let settings = TrainSettings::preset(preset, self.train.settings.seed)
                .ok_or(BnError::Missing { what: "working setup for this lesson stage" })?;
            self.train.change(settings)?;
        }
        Ok(())
    }

    /// Stage `stage` of `lesson` open over the lab as it is: its overlay, view and panels.
    fn enter_lesson(&mut self, lesson: &'static Lesson, stage: usize) {
        let setup = &lesson.stages[stage];
        self.overlay = setup.overlay;
        self.view = VIEWS.iter().find(|v| **v == setup.view).copied().unwrap_or("lab");
        self.playing = false;
        self.lesson = Some(OpenLesson { id: lesson.id, stage, revealed: false });
        if let Some(upstream) = lessons::backward_panel(lesson.id) {
            self.backward_open = true;
            self.upstream = upstream;
        }
    }

    /// The next (+1) or previous (−1) stage of the open lesson; Next on a lesson's last stage
    /// opens the next lesson in the menu (none after the last).
    pub fn lesson_step(&mut self, delta: isize) -> Result<(), Refusal> {
        let Some(open) = &self.lesson else { return Ok(()) };
        let stage = open.stage as isize + delta;
        if stage as usize >= open.lesson().stages.len() && delta > 0 {
            return match lessons::after(open.id) {
                Some(next) => self.open_lesson(next.id, 0),
                None => Ok(()),
            };
        }
        if stage < 0 || stage as usize >= open.lesson().stages.len() {
            return Ok(());
        }
        let id = open.id;
        self.open_lesson(id, stage as usize)
    }

    /// Shows view `view` (one of [`VIEWS`]): Play stops on leaving a view, and says so (back on
    /// the view, the button read Play with no word of why), and the Train view asks for its
    /// digits.
    fn show_view(&mut self, view: &'static str) {
        if view != self.view {
            if self.playing {
                let left = t(self.lang, &format!("view-{}", self.view));
                self.info(crate::i18n::fill(&t(self.lang, "play-paused"), &[("view", &left)]));
            }
            self.set_playing(false);
            self.view = view;
        }
        if view == "train" {
            self.retry_digits();
        }
    }

    /// The view the open lesson's stage is on while the page shows another (its tab clicked, or
    /// the browser's Back): the card then keeps the lesson but says where the stage is, with a
    /// button that opens it, in place of the stage's text and question, which name charts that
    /// are not on the view shown. None without a lesson, or on the stage's own view.
    pub fn lesson_elsewhere(&self) -> Option<&'static str> {
        let open = self.lesson.as_ref()?;
        let stage = open.lesson().stages.get(open.stage)?;
        let view = VIEWS.iter().find(|v| **v == stage.view).copied()?;
        (crate::FULL && view != self.view).then_some(view)
    }

    pub fn reveal(&mut self) {
        if let Some(open) = &mut self.lesson {
            open.revealed = true;
        }
    }

    pub fn close_lesson(&mut self) {
        self.lesson = None;
    }

    /// The lesson panel: title, stage k of n, what to look at, the question, and the answer
    /// once revealed.
    pub fn lesson_html(&self) -> String {
        let Some(open) = &self.lesson else { return String::new() };
        let lang = self.lang;
        let lesson = open.lesson();
        let Some(stage) = lesson.stages.get(open.stage) else { return String::new() };
        let (title, predict) = (lesson.title().get(lang), t(lang, "predict"));
        // "(1/2)" in English, full-width "（1/2）" in Chinese.
        let (open_paren, close_paren) = if lang == Lang::En { ("(", ")") } else { ("（", "）") };
        let counter = format!("<small>{open_paren}{}/{}{close_paren}</small>", open.stage + 1, lesson.stages.len());
        let heading = format!("<h2>{title}{}{counter}</h2>", crate::i18n::gap_between(title, &counter));
        // On another view: the lesson kept, one line on where its stage is (the card's "Go to"
        // button opens it), none of the stage's words about charts not shown.
        if let Some(view) = self.lesson_elsewhere() {
            let name = t(lang, &format!("view-{view}"));
            let said = crate::frame::escape(&tf(lang, "lesson-elsewhere", &[("view", &name)]));
            return format!("{heading}<p class=\"elsewhere\">{said}</p>");
        }
        let answer =
            // Focusable (not in the Tab order): "Reveal the answer" hands the focus to it.
            if open.revealed {
                // Not said by the card's live region: Reveal moves the focus to it, which says it
                // (keys36: a screen reader read the answer twice).
                format!(
                    "<p class=\"answer\" id=\"lesson-answer\" tabindex=\"-1\" aria-live=\"off\">{}</p>",
                    stage.answer.get(lang)
                )
            } else {
                String::new()
            };
        // The text describes the stage's setup: once a setting differs (changed by hand, or by
        // the link that opened it), it says so, and claims nothing of what is on screen.
        let setting = |s: &crate::lab::Settings| crate::lab::Settings { feature: 0, sample: 0, ..s.clone() };
        let set_up = setting(&(stage.settings)().after(stage.actions));
        let mut now = setting(self.lab.settings());
        // An answer that asks for a setting to be tried ("Try eps = 1 with the slider under the
        // chart") is not answered with "the settings now differ" once it is (review40).
        if open.revealed && lessons::answer_tries_eps(lesson.id, open.stage) {
            now.layer.eps = set_up.layer.eps;
        }
        let lab_changed = now != set_up;
        // A Train stage is about the model its preset builds (the fold lesson's, the tutorial's):
        // another preset or network (chosen, or typed in the link's tnet=) is a changed setup
        // too, and where model A no longer folds the text says so, and why, beside the panel.
        let train_preset = lessons::train_preset(lesson.id, open.stage);
        let train_changed = train_preset.is_some_and(|p| self.train.settings.preset_name() != Some(p));
        let gap = if lang == Lang::En { " " } else { "" }; // none before "（"
        let mut changed = String::new();
        if lab_changed || train_changed {
            changed = format!("{gap}<i>{}</i>", lessons::SETUP_CHANGED.get(lang));
        }
        if let Some(why) = train_preset.filter(|_| lesson.id == "fold").and_then(|_| self.why_not_foldable()) {
            let said = tf(lang, "lesson-fold-unfoldable", &[("why", &why)]);
            changed.push_str(&format!("{gap}<i>{}</i>", crate::frame::escape(&said)));
        }
        format!(
            "{heading}<p>{}{changed}</p><p class=\"question\"><b>{predict}</b>{}{}</p>{answer}",
            stage.text.get(lang),
            crate::i18n::gap_after(&predict),
            stage.question.get(lang),
        )
    }

    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing && self.view != "norms";
        self.next_step = None;
    }

    /// Train Play's steps per animation frame (the page stops earlier when a frame's time is up).
    pub fn train_steps_per_frame(&self) -> u64 {
        TRAIN_SPEEDS[self.train_speed.min(TRAIN_SPEEDS.len() - 1)]
    }

    /// Opens the BatchNorm1d of model A's hidden layer `hidden` (from 1) in the main view: its
    /// features with the running statistics, γ and β training left, applied (in eval mode) to
    /// the outputs of the Linear layer before it for 64 test digits — the real input of that
    /// layer. The notice names the layer as its button did.
    pub fn open_trained_layer(&mut self, hidden: usize) -> Result<(), Refusal> {
        let trainer = self.train.trainer.as_ref().ok_or(Refusal::NoTrainedModel)?;
        let place = trainer.batchnorm_places().into_iter().find(|p| p.hidden == hidden);
        let place = place.ok_or(crate::core::BnError::Missing { what: "BatchNorm1d" })?;
        let (layer, values, dims) = trainer.layer_and_its_input(hidden, 64)?;
        let k = layer.running().map_or(0, |r| r.num_batches_tracked);
        self.lab.use_trained_layer(layer, values, &dims)?;
        self.view = "lab";
        self.lesson = None;
        self.playing = false;
        self.info(plain(&place.opened(self.lang, k)));
        Ok(())
    }

    /// Why model A cannot be folded into the Linear before it (the fold panel's
    /// `digits_model_folded.json`), in the page's words; None when it can, and before a model is
    /// trained ([`Refusal::NoTrainedModel`] says that).
    pub fn why_not_foldable(&self) -> Option<String> {
        use crate::core::fold::{fold_net, FoldError};
        let trainer = self.train.trainer.as_ref()?;
        Some(match fold_net(trainer.model(0), false).err()? {
            FoldError::NotTutorialModel => t(self.lang, "fold-tutorial-only"),
            error => plain(crate::backward::fold_refused_words(&error, self.lang)),
        })
    }

    /// Refuses to save `digits_model_folded.json` of a model that cannot be folded, saying why
    /// (the notice); false when it can be.
    pub fn refuse_unfoldable(&mut self) -> bool {
        let Some(why) = self.why_not_foldable() else { return false };
        self.notice = Some(Notice { text: why, error: true });
        self.revision += 1;
        true
    }

    /// True while Play, a link's replay, a link's training steps or a sweep still have work.
    pub fn busy(&self) -> bool {
        self.playing
            || self.opening.is_some()
            || self.reading.is_some()
            || self.step_waiting
            || self.resizing.is_some()
            || !self.deferred.is_empty()
            || !self.writing.is_empty()
            || self.written.is_some()
            || (self.train.pending_steps > 0 && self.train.trainer.is_some())
            || (self.view == "train" && (self.train.measuring() || self.train.step_asked))
            || (self.view == "train" && !self.playing && self.train.eval_report_due())
            || self.train.sweep.as_ref().is_some_and(|s| !s.done())
            || self.train.batch_sweep.as_ref().is_some_and(|s| !s.done())
            || self.weights_waiting()
    }

    /// Idle time's work, a chunk at a time while `in_budget` says there is time left: the
    /// BatchNorm1d view's next batch, made ahead of its Step. True while some is still to do.
    pub fn idle(&mut self, in_budget: &mut dyn FnMut() -> bool) -> bool {
        // Not while the lab is about to change (a link, a new N, C or L): the batch would be wasted.
        if self.view != "lab" || self.opening.is_some() || self.resizing.is_some() {
            return false;
        }
        while in_budget() {
            if !self.lab.make_ahead(crate::lab::AHEAD_CHUNK) {
                return false;
            }
        }
        true
    }

    /// The next Step's batch when a worker should make it, as [`BatchOrder::words`]: the
    /// BatchNorm1d view's, still to make, and big enough to be worth a worker (at N = 4096 it is
    /// ~40 ms of work); None when idle time does it ([`Page::idle`]) or there is none to make.
    pub fn ahead_order(&self) -> Option<Vec<u32>> {
        if self.view != "lab" || self.opening.is_some() || self.resizing.is_some() {
            return None;
        }
        self.lab.ahead_order().filter(|order| order.values() >= WORKER_VALUES).map(|order| order.words())
    }

    /// A batch a worker made for `order` (from [`Page::ahead_order`]): kept for the next Step
    /// when it is still the one wanted, which nothing on screen shows; false otherwise.
    pub fn take_made(&mut self, order: &[u32], values: Vec<f32>) -> bool {
        match BatchOrder::from_words(order) {
            Some(order) if self.view == "lab" => self.lab.take_made(order, values),
            _ => false,
        }
    }

    /// The page read a frame: a held key may step again.
    pub fn frame_read(&mut self) {
        self.steps_since_frame = 0;
    }

    /// Called every animation frame at `now` (ms) with a clock that says whether the frame's
    /// time is left: a chunk of a link's replay, the Steps Play owes by now at the chosen speed
    /// (up to 3 a frame in the BatchNorm1d view, when frames come late), training steps and sweep chunks.
    /// Returns true when something changed.
    pub fn tick(&mut self, now: f64, in_budget: &mut dyn FnMut() -> bool) -> bool {
        let before = self.revision;
        // A file being written: a frame's share of it (the page's state is not changed by it,
        // so the revision stays: the Backward panel's numbers are not computed again).
        if !self.writing.is_empty() && self.written.is_none() {
            self.write_file(in_budget);
            return true;
        }
        if self.opening.is_some() {
            // A lab action taken while the link's batch 0 was made stops the opening, once it is
            // (a file asked for first waits for the whole replay, and what came after it too).
            let first = self.deferred.front();
            let own = self.opening.as_ref().is_some_and(Opening::own_history);
            if first.is_some_and(|c| !waits_for_the_lab(c)) && !own && !self.making_first_batch() {
                if let Some(command) = self.deferred.pop_front() {
                    let _ = self.run(command); // a refusal is the notice, as when it was done
                }
                return true;
            }
            self.advance_opening(&mut |_| in_budget());
            return true;
        }
        // A CSV being read: a frame's share of it.
        if crate::FULL && self.reading.is_some() {
            if let Err(e) = self.read_csv(&mut || in_budget()) {
                self.notice = Some(Notice { text: self.message(&e), error: true });
            }
            self.revision += 1;
            return true;
        }
        // A change of N, C or L waiting for its batch: a frame's share of making it, and the
        // change once it is made.
        if self.resizing.is_some() {
            self.resize(&mut || in_budget());
            self.revision += 1;
            return true;
        }
        // A Step waiting for its batch: a frame's share of making it (the worker may bring it
        // whole meanwhile), and the Step once it is made.
        if self.step_waiting {
            let mut ready = true;
            while self.lab.make_ahead(crate::lab::AHEAD_CHUNK) {
                if !in_budget() {
                    ready = false;
                    break;
                }
            }
            if ready {
                self.step_waiting = false;
                self.lab.step();
            }
            self.revision += 1;
            return true;
        }
        // What the student did during a hand-over's replay, one action a frame (a Step a frame).
        if let Some(command) = self.deferred.pop_front() {
            let _ = self.run(command); // a refusal is the notice, as when it was first done
            return true;
        }
        // The Backward panel's random weights of a large batch: a frame's share of them, and
        // the panel's numbers once they are made.
        if self.weights_waiting() {
            self.make_weights(in_budget);
            return true;
        }
        if self.view != "train" {
            if self.playing && now.is_finite() {
                // The steps owed by now at the chosen speed: a frame that came late (a slow
                // machine, a 30 Hz screen) takes the step it missed as well, so Play keeps its
                // speed; at most 3 a frame and only while the frame's time lasts (one step of a
                // large batch fills it), and a long pause (a hidden tab) is forgiven, not paid.
                // 4 ms of slack for frame jitter, so at 60 per second no 60 Hz frame is skipped.
                let interval = 1000.0 / SPEEDS[self.speed.min(SPEEDS.len() - 1)];
                let mut next = self.next_step.filter(|&due| now - due < 3.0 * interval).unwrap_or(now);
                let mut taken = 0;
                while now >= next - 4.0 && taken < 3 && (taken == 0 || in_budget()) {
                    // The batch is made a chunk at a time while the frame lasts, and the step
                    // taken in the frame it is ready: a batch of 2 million values made at once
                    // held the page for ~100 ms every step.
                    let mut ready = true;
                    while self.lab.make_ahead(crate::lab::AHEAD_CHUNK) {
                        if !in_budget() {
                            ready = false;
                            break;
                        }
                    }
                    if !ready {
                        break;
                    }
                    self.lab.step();
                    self.revision += 1;
                    taken += 1;
                    next += interval;
                }
                self.next_step = Some(next.max(now - interval));
            }
            return self.revision != before;
        }
        if !crate::FULL {
            return false; // the small build never shows the Train view
        }
        // A test accuracy is measured a share of the test digits at a time, between the steps (a
        // large network's was one task of ~100 ms every tenth step, and at step 0 of every
        // settings change); a Step pressed meanwhile is taken once it is.
        let waiting = |train: &crate::trainer::TrainState| train.pending_steps > 0 || train.step_asked;
        if self.train.trainer.is_some() && (waiting(&self.train) || self.train.measuring()) {
            let taken = |train: &crate::trainer::TrainState| train.trainer.as_ref().map_or(0, |t| t.steps());
            let steps = taken(&self.train);
            while (waiting(&self.train) || self.train.measuring()) && in_budget() {
                if self.train.measuring() {
                    self.train.measure_part();
                    continue;
                }
                if self.train.step_asked {
                    self.train.step_asked = false;
                } else {
                    self.train.pending_steps -= 1;
                }
                if let Err(e) = self.train.step_in_parts() {
                    self.train.pending_steps = 0;
                    self.notice = Some(Notice { text: self.message(&e), error: true });
                }
            }
            // Redrawn when there is something new: a step, or the accuracy measured.
            if taken(&self.train) != steps || !self.train.measuring() {
                self.revision += 1;
            }
            return true;
        }
        if self.playing {
            for _ in 0..self.train_steps_per_frame() {
                if let Err(e) = self.train.step_in_parts() {
                    self.playing = false;
                    self.notice = Some(Notice { text: self.message(&e), error: true });
                    break;
                }
                if self.train.measuring() || !in_budget() {
                    break;
                }
            }
            self.revision += 1;
        } else if self.train.eval_report_due() {
            // "Forgot model.eval()" at this step, a part at a time once training pauses (at
            // 6 × 256 it was ~150 ms in every frame after a step).
            while in_budget() && self.train.eval_report_part() {}
            if !self.train.eval_report_due() {
                self.revision += 1;
            }
        }
        // A sweep that ends in this frame says its result in the notice (a status region): the
        // chart and its hidden summary changed without a word to a screen reader.
        let running = |s: Option<bool>| s == Some(false);
        let (sweeping, batch_sweeping) = (
            running(self.train.sweep.as_ref().map(|s| s.done())),
            running(self.train.batch_sweep.as_ref().map(|s| s.done())),
        );
        while in_budget() {
            match self.train.advance_sweep(1) {
                Ok(true) => self.revision += 1,
                Ok(false) => break,
                Err(e) => {
                    self.notice = Some(Notice { text: self.message(&e), error: true });
                    self.train.cancel_sweep();
                    break;
                }
            }
        }
        while in_budget() {
            match self.train.advance_batch_sweep(1) {
                Ok(Some(true)) => self.revision += 1,
                Ok(Some(false)) => {
                    self.revision += 1;
                    break;
                }
                Ok(None) => break,
                Err(e) => {
                    self.notice = Some(Notice { text: self.message(&e), error: true });
                    self.train.cancel_batch_sweep();
                    break;
                }
            }
        }
        self.say_sweeps_done(sweeping, batch_sweeping);
        self.revision != before
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::parse_batch;

    /// The full module's page taking over `handover`, replayed to the end.
    fn handed_over(handover: &str) -> Page {
        let mut page = Page::take_over(handover);
        while page.opening.is_some() {
            page.advance_opening(&mut |_| true);
        }
        page
    }
    use crate::command::Arg;

    #[test]
    fn the_backward_view_follows_every_change() {
        // Read twice a frame, computed once a revision: each action shows its own numbers.
        let mut page = Page::new();
        let fresh = |page: &Page| {
            crate::backward::BackwardView::from_lab(&page.lab, &page.upstream_gradient()).map(std::rc::Rc::new)
        };
        let mut seen = vec![];
        for command in [
            Command::BackwardOpen(true),
            Command::Step,
            Command::Upstream("random".into()),
            Command::Step,
            Command::Upstream("pull".into()),
        ] {
            page.frame_read(); // a frame between the actions (a Step counts once a frame)
            page.apply(command).unwrap();
            let view = page.backward_view();
            assert_eq!(view, fresh(&page));
            assert_eq!(page.backward_view(), view, "the second read");
            seen.push(view);
        }
        seen.dedup();
        assert_eq!(seen.len(), 5, "every action changed the numbers");
        // Play's steps come through tick, not apply.
        page.apply(Command::TogglePlay).unwrap();
        let before = page.backward_view();
        page.tick(0.0, &mut || true);
        assert_eq!(page.backward_view(), fresh(&page));
        assert_ne!(page.backward_view(), before);
    }

    /// With the Backward panel open at N·C = 2 Mi any click (the overlay box, a tab, the
    /// shortcuts) computed the gradients again in its task (130-170 ms here; 150-640 ms a click
    /// on a loaded machine): they are computed again only when what they depend on changes (the
    /// pass, the followed feature and sample, ∂L/∂y's choice), and then to the same numbers.
    #[test]
    fn the_gradients_are_computed_again_only_when_what_they_depend_on_changes() {
        use std::rc::Rc;
        let mut page = Page::from_query("n=16&c=4&l=3&do=s2&bwd=random_3");
        let set = |id: &str, position: f64| Command::Set { control: crate::controls::get(id), position };
        let first = page.backward_view().unwrap();
        let unrelated = [
            Command::Overlay(true),
            Command::Presenter(true),
            Command::Shortcuts,
            Command::View("norms".into()),
            Command::View("lab".into()),
            Command::Lang("zh-Hant".into()),
            set("grad-target", 2.0), // the target of "pull", not chosen
            set("speed", 3.0),
            Command::Mode(true), // already train: nothing runs again
        ];
        for command in unrelated {
            page.frame_read();
            page.apply(command.clone()).unwrap();
            assert!(Rc::ptr_eq(&first, &page.backward_view().unwrap()), "{command:?} computed them again");
        }
        let fresh = |page: &Page| crate::backward::BackwardView::from_lab(&page.lab, &page.upstream_gradient());
        let related = [
            set("gamma", 2.0),
            set("feature", 2.0),
            set("sample", 5.0),
            Command::Upstream("pull".into()),
            set("grad-target", 1.0),
            Command::Mode(false),
            Command::Step,
        ];
        let mut last = first;
        for command in related {
            page.frame_read();
            page.apply(command.clone()).unwrap();
            let view = page.backward_view().unwrap();
            assert!(!Rc::ptr_eq(&last, &view), "{command:?} did not compute them again");
            assert_eq!(*view, fresh(&page).unwrap(), "{command:?}");
            last = view;
        }
    }

    #[test]
    fn a_link_reproduces_the_same_numbers() {
        let mut page = Page::new();
        page.lab.step();
        page.lab.set_training(false);
        page.lab.step();
        page.lab.select_feature(5).unwrap();
        page.lab.set_gamma_beta(2.0, -1.0).unwrap();
        (page.lang, page.lang_chosen) = (Lang::ZhHant, true);
        let again = Page::from_query(&page.query());
        assert_eq!(again.lab.trace(), page.lab.trace());
        assert_eq!(again.lab.layer(), page.lab.layer());
        assert_eq!(again.lang, Lang::ZhHant);
        assert!(again.notice.is_none());
    }

    #[test]
    fn a_broken_link_says_what_it_could_not_read() {
        let page = Page::from_query("n=abc&lesson=nope_0&do=s3");
        assert_eq!(page.lab.steps(), 3);
        let notice = page.notice.unwrap().text;
        assert!(notice.contains("n=abc") && notice.contains("lesson=nope_0"), "{notice}");
    }

    /// "Start here: press Step … — or open a Lesson." is hidden while a lesson is open.
    #[test]
    fn start_here_is_hidden_during_a_lesson() {
        let mut page = Page::new();
        assert!(crate::frame::frame(&page).contains("\"start-here\":false"));
        page.open_lesson("tutorial", 0).unwrap();
        assert!(crate::frame::frame(&page).contains("\"start-here\":true"));
    }

    #[test]
    fn every_lesson_stage_opens_and_is_in_the_link() {
        let mut page = Page::new();
        for lesson in lessons::LESSONS {
            for stage in 0..lesson.stages.len() {
                page.open_lesson(lesson.id, stage).unwrap();
                assert!(page.lesson_html().contains(lesson.stages[stage].question.en));
                let again = Page::from_query(&page.query());
                assert_eq!(again.lesson, page.lesson);
                assert_eq!(again.lab.trace(), page.lab.trace(), "{} {stage}", lesson.id);
            }
        }
    }

    #[test]
    fn a_press_on_the_per_sample_chart_follows_a_sample_and_a_drag_moves_its_value() {
        use plotters::prelude::*;
        let mut page = Page::new();
        // Before the chart was drawn, a press means nothing.
        page.apply(Command::PickSample { x: 400.0, y: 200.0, width: 600.0, height: 360.0 }).unwrap();
        assert_eq!(page.lab.settings().sample, 0);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (600, 360)).into_drawing_area();
            let style = crate::charts::Style { scale: 1.0, lang: Lang::En };
            page.picks.samples = crate::charts::samples::draw_mapped(&root, &page.lab.samples_view(), &style).unwrap();
        }
        page.apply(Command::PickSample { x: 400.0, y: 200.0, width: 600.0, height: 360.0 }).unwrap();
        assert!(page.lab.settings().sample > 0, "the press follows the sample under it");
        let before = crate::frame::sample_value(&page);
        page.apply(Command::DragValue { y: 150.0 }).unwrap();
        assert!(crate::frame::sample_value(&page) > before, "an upward drag raises the value");
        // Nonsense never panics and changes nothing.
        page.apply(Command::PickSample { x: f64::NAN, y: 1e300, width: -1.0, height: 0.0 }).unwrap();
        assert!(page.drag.is_none());
        page.apply(Command::DragValue { y: f64::INFINITY }).unwrap();
    }

    #[test]
    fn play_steps_at_the_chosen_speed() {
        let mut page = Page::new();
        page.speed = 0; // 2 per second
        page.set_playing(true);
        let steps = (0..60).filter(|frame| page.tick(*frame as f64 * 1000.0 / 60.0, &mut || true)).count();
        assert_eq!(steps, 2, "one second at 2 steps per second");
        page.speed = SPEEDS.len() - 1;
        let steps = (60..120).filter(|frame| page.tick(*frame as f64 * 1000.0 / 60.0, &mut || true)).count();
        assert_eq!(steps, 60, "every frame at the top speed");
        // A screen (or a busy machine) that gives only 30 frames a second: two steps a frame,
        // every step due by the last frame (t = 2967 ms: one each 16.7 ms from 2000, 59 of them).
        let before = page.lab.steps();
        (0..30).for_each(|frame| {
            page.tick(2000.0 + frame as f64 * 1000.0 / 30.0, &mut || true);
        });
        assert_eq!(page.lab.steps() - before, 59, "two steps a frame at 30 frames a second");
        // After a long pause (a hidden tab) Play goes on at its speed; it does not catch up.
        let before = page.lab.steps();
        page.tick(10_000.0, &mut || true);
        assert_eq!(page.lab.steps() - before, 1, "one step after a pause");
        // A frame whose time is up takes one step only.
        let before = page.lab.steps();
        page.tick(10_050.0, &mut || false);
        assert_eq!(page.lab.steps() - before, 1, "one step when the frame's time is up");
    }

    /// Frames until the page has no more work, at most `max`: each reads the frame and ticks.
    fn run_frames(page: &mut Page, max: usize) {
        for _ in 0..max {
            if !page.busy() {
                break;
            }
            page.frame_read();
            page.tick(0.0, &mut || true);
        }
    }

    fn send(page: &mut Page, name: &str, arg: Arg) -> Result<(), Refusal> {
        let command = Command::parse(name, arg)?;
        page.apply(command)
    }

    fn text(s: &str) -> Arg {
        Arg::Text(s.into())
    }

    #[test]
    fn every_control_of_the_table_is_applied_and_read_back() {
        for control in crate::controls::CONTROLS {
            let mut page = Page::new();
            let position = crate::frame::tests_position(control);
            send(&mut page, control.id, text(&position)).unwrap_or_else(|e| panic!("{}: {e:?}", control.id));
            let shown = page.get(control).unwrap_or_else(|| panic!("{} shows nothing", control.id));
            assert_eq!(
                control.position_of(shown),
                control.value_at(position.parse().unwrap()).map(|v| control.position_of(v)).unwrap(),
                "{}",
                control.id
            );
        }
    }

    #[test]
    fn a_refused_command_changes_nothing_and_says_why() {
        let mut page = Page::new();
        let before = page.query();
        for (name, value) in
            [("batch-size", "0"), ("batch-size", ""), ("eps", "abc"), ("momentum", "5"), ("seed", "4294967296")]
        {
            assert!(send(&mut page, name, text(value)).is_err(), "{name}={value}");
            assert!(page.notice.as_ref().is_some_and(|n| n.error), "{name}");
            assert_eq!(page.query(), before, "{name}={value} changed the page");
        }
    }

    #[test]
    fn play_and_keys_belong_to_the_visible_view() {
        let mut page = Page::new();
        send(&mut page, "play", Arg::None).unwrap();
        assert!(page.playing);
        send(&mut page, "view", text("train")).unwrap();
        assert!(!page.playing, "Play must stop when another view opens");
        let said = page.notice.as_ref().map(|n| (n.error, n.text.clone()));
        assert_eq!(
            said,
            Some((
                false,
                "Play paused: it runs only while its view is open. On “BatchNorm1d”, press Play to go on.".into()
            )),
            "the pause is said, naming the view left"
        );
        let steps = page.lab.steps();
        assert!(!page.handles_key("e") && !page.handles_key("ArrowRight"));
        send(&mut page, "view", text("norms")).unwrap();
        assert!(page.notice.is_none(), "no pause to say: Play was not on");
        assert!(!page.handles_key("r") && !page.handles_key(" "));
        send(&mut page, "key", text("ArrowRight")).unwrap();
        assert_eq!(page.compare.cell.2, 1, "→ moves the grid's cell in Which axis?");
        assert_eq!(page.lab.steps(), steps);
    }

    #[test]
    fn a_held_key_steps_once_per_frame() {
        let mut page = Page::new();
        for _ in 0..5 {
            send(&mut page, "key", text(" ")).unwrap();
        }
        assert_eq!(page.lab.steps(), 2);
        page.frame_read();
        send(&mut page, "key", text(" ")).unwrap();
        assert_eq!(page.lab.steps(), 3);
    }

    /// keep= is the page's own hand-over, not a link's: typed into a link it lifted the replay's
    /// budget a hundredfold and said "your steps are redone" on a first visit.
    #[test]
    fn a_typed_keep_is_an_unknown_key_of_a_link() {
        let query = "do=s20000&keep=0000_2_0_one_0_1";
        let linked = Page::from_query(query);
        assert_eq!(linked.lab.steps(), crate::lab::REPLAY_STEPS + 1, "the link's budget");
        assert!(linked.notice.as_ref().is_some_and(|n| n.text.contains("keep=")), "{:?}", linked.notice);
        let mut opening = Page::open(query);
        assert!(opening.opening.as_ref().is_some_and(|o| !o.handover), "no hand-over's message");
        opening.tick(0.0, &mut || false);
        let taken = handed_over(query);
        assert_eq!(taken.lab.steps(), 20_000, "the hand-over's larger budget");
    }

    /// A link's notes are joined as sentences are in their language: one space in English, none
    /// after a Chinese "。" (it read "…页面没有这个名称的设置。 do=：…").
    #[test]
    fn a_links_notes_join_as_their_language_does() {
        let zh = Page::from_query("lang=zh-Hans&lang2=x&do=s,s,zz");
        let said = &zh.notice.as_ref().expect("the link's notes").text;
        assert!(said.contains("。do=") && !said.contains("。 "), "{said}");
        let en = Page::from_query("lang2=x&do=s,s,zz");
        let said = &en.notice.as_ref().expect("the link's notes").text;
        assert!(said.contains(". do="), "{said}");
    }

    /// The frames a link's opening takes on a clock that allows `looks` looks a frame.
    fn frames_to_open(page: &mut Page, looks: usize) -> usize {
        let mut frames = 0;
        while page.opening_progress().is_some() {
            let mut seen = 0;
            page.tick(0.0, &mut || {
                seen += 1;
                seen <= looks
            });
            frames += 1;
        }
        frames
    }

    /// One step of 2 Mi values is ~150 ms of making its batch: a link's replay makes it a chunk
    /// per look at the clock, over frames, to the same bits (it was one task of 200–800 ms).
    #[test]
    fn a_links_large_step_is_made_over_frames() {
        let query = "n=4096&c=512&do=s2";
        let mut page = Page::open(query);
        let frames = frames_to_open(&mut page, 4);
        // 128 chunks of 16 Ki values for the step after Lab::new's (whose batch 0 Page::open makes).
        assert!(frames > 20, "{frames} frames for a step of 2 Mi values");
        let whole = Page::from_query(query);
        assert_eq!((page.lab.steps(), whole.lab.steps()), (2, 2));
        assert_eq!(page.lab.batch(), whole.lab.batch());
        let bits = |p: &Page| p.lab.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert!(bits(&page) == bits(&whole), "the same output, bit for bit");
    }

    #[test]
    fn a_long_link_opens_in_chunks_within_its_budget() {
        let mut page = Page::open("do=s100000");
        assert!(page.lab.steps() < 1000, "the replay must not run at once");
        let frames = frames_to_open(&mut page, 50);
        assert!(frames > 100, "{frames} frames");
        assert_eq!(page.lab.steps(), crate::lab::REPLAY_STEPS + 1, "the first step and the budget");
        assert!(page.notice.as_ref().is_some_and(|n| n.text.contains("do=")), "{:?}", page.notice);
        // The notice counts the steps left out, no more: the first step is Lab::new's (it said
        // 89 999 here, and a link the page wrote, opened again, "1 step more" with none left out).
        let left_out = 100_000 - (crate::lab::REPLAY_STEPS + 1);
        assert!(page.notice.as_ref().is_some_and(|n| n.text.contains(&format!(" {left_out} "))), "{:?}", page.notice);
        let again = Page::from_query(&page.query());
        assert_eq!(again.lab.steps(), page.lab.steps());
        assert_eq!(again.notice, None, "the page's own link is replayed whole");
        // Repeated tokens share the one budget.
        let page = Page::from_query("do=s9000,e,s9000,t,s9000");
        assert!(page.lab.steps() <= crate::lab::REPLAY_STEPS + 1);
    }

    /// Share and Copy link promise the same numbers only when the link replays all of the page:
    /// Steps taken past a link's budget (hostile37: `do=s10005` opened as 10 001 steps, under "the
    /// same settings and the same numbers") and training past its own are said instead.
    #[test]
    fn share_says_when_the_link_replays_less_than_the_page() {
        let warned = |page: &Page| crate::frame::frame(page).contains("\"share-replay\":false");
        let mut page = Page::from_query("do=s10001");
        assert!(page.share_replays_whole());
        page.apply(Command::parse("share", Arg::None).unwrap()).unwrap();
        assert!(!warned(&page), "a link within its budget");
        page.apply(Command::parse("link-copied", Arg::None).unwrap()).unwrap();
        assert_eq!(page.notice.as_ref().map(|n| n.text.as_str()), Some(t(page.lang, "link-copied").as_str()));
        page.apply(Command::parse("step", Arg::None).unwrap()).unwrap();
        assert!(!page.share_replays_whole(), "10 002 steps, one past the budget");
        page.apply(Command::parse("share", Arg::None).unwrap()).unwrap();
        assert!(page.sharing && warned(&page));
        page.apply(Command::parse("link-copied", Arg::None).unwrap()).unwrap();
        let said = page.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        assert!(said.starts_with("Link copied. This page has taken more steps"), "{said}");
        // A Reset starts within the budget again.
        page.apply(Command::parse("reset", Arg::None).unwrap()).unwrap();
        assert!(page.share_replays_whole());
    }

    /// A link over its budget says one thing, in every language: the steps run (as the
    /// opening bar and the status line count them) and the steps left out. It said "could not
    /// be read and were left at their defaults" and "the page replays the first ones" at once,
    /// and counted steps and dropped changes as one number.
    #[test]
    fn a_link_over_its_budget_says_what_it_ran_and_left_out() {
        for (lang, default) in [("en", "default"), ("zh-Hant", "預設"), ("zh-Hans", "默认")] {
            let mut page = Page::open(&format!("do=s20000&lang={lang}"));
            let (_, end) = page.opening_steps().unwrap();
            run_frames(&mut page, 10_000);
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            assert_eq!(page.lab.steps(), end, "the opening bar counted to the step reached");
            let (ran, left) = (page.lab.steps(), 20_000 - page.lab.steps());
            assert_eq!((ran, left), (10_001, 9_999));
            assert!(said.contains(&format!(" {ran} ")) && said.contains(&format!(" {left} ")), "{said}");
            assert!(!said.contains(default), "no part of do= was left at a default: {said}");
        }
        let page = Page::from_query("do=s20000");
        let said = page.notice.map(|n| n.text).unwrap_or_default();
        assert_eq!(said, "do= asks for more than a link may replay: the page ran 10001 steps and left out 9999 steps.");
        // Changes dropped whole are counted as changes, not steps.
        let changes: Vec<String> = (0..6000).map(|i| if i % 2 == 0 { "n4" } else { "n4096" }.to_string()).collect();
        let page = Page::from_query(&format!("n=4&do={}", changes.join(",")));
        let said = page.notice.map(|n| n.text).unwrap_or_default();
        assert!(said.contains("the page ran 1 step and left out ") && said.ends_with(" changes."), "{said}");
    }

    #[test]
    fn a_link_being_opened_is_the_whole_link() {
        // What the full module opens when it takes over mid-opening (and what the address bar shows).
        let query = "n=512&f=3&s=2&do=s20,e,s5";
        let opening = Page::open(query);
        assert!(opening.opening_progress().is_some(), "the replay must still run");
        let done = Page::from_query(query);
        assert_eq!(opening.query(), done.query());
        assert_eq!(Page::from_query(&opening.query()).query(), done.query());
    }

    #[test]
    fn one_bad_link_value_keeps_the_others_and_is_named() {
        let page = Page::from_query("c=8&n=4&dist=uniform&eps=NaN&mom=5&seed=4294967296&f=9999");
        let s = page.lab.settings();
        assert_eq!((s.layer.num_features, s.batch_size), (8, 4));
        assert_eq!(s.data.distribution.name(), "uniform");
        let notice = page.notice.unwrap().text;
        for bad in ["eps=NaN", "mom=5", "seed=4294967296", "f=9999"] {
            assert!(notice.contains(bad), "{bad} not named in {notice}");
        }
        // Values read but dropped by a rule they break together are not "could not be read".
        let notice = Page::from_query("n=4096&c=1024").notice.unwrap().text;
        assert!(notice.starts_with("Some parts of the link could not be used"), "{notice}");
    }

    /// eps and momentum that PyTorch would build (and the core does: NaN outputs, y = β, NaN
    /// running statistics, or eps ≤ 0 refused only when the layer runs) a link may not set: the
    /// page refuses each in its own words (`lab::page_check_eps`, `page_check_momentum`), names
    /// the part of the link, and the page is the one a link without it opens.
    #[test]
    fn a_link_with_an_eps_or_momentum_pytorch_runs_to_nan_is_refused_in_the_pages_words() {
        let plain = Page::from_query("c=8&n=4");
        let cases = [
            ("eps=nan", "takes only a positive, finite eps (got NaN)"),
            ("eps=-1", "takes only a positive, finite eps (got -1)"),
            ("eps=inf", "takes only a positive, finite eps (got ∞)"),
            ("eps=-inf", "takes only a positive, finite eps (got −∞)"),
            ("eps=0", "takes only a positive, finite eps (got 0)"),
            ("mom=nan", "momentum must be a number like 0.1 (got NaN)"),
            ("mom=inf", "momentum must be a number like 0.1 (got ∞)"),
            ("mom=-inf", "momentum must be a number like 0.1 (got −∞)"),
            ("do=pnan", "takes only a positive, finite eps (got NaN)"),
            ("do=p-0.5", "takes only a positive, finite eps (got -0.5)"),
            ("do=minf", "momentum must be a number like 0.1 (got ∞)"),
            // Written non-zero, read as 0: said so, not "got 0" (hostile24).
            ("eps=1e-400", "closer to 0 than any number the page holds: the page reads it as 0"),
            ("do=p5e-999", "closer to 0 than any number the page holds"),
            // The page's rule, not PyTorch's (review33a): PyTorch runs eps = 0 in eval mode.
            ("eps=0", "PyTorch itself builds the layer with any eps, and runs eps = 0 in eval mode"),
        ];
        for (part, words) in cases {
            let page = Page::from_query(&format!("c=8&n=4&{part}"));
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            let named = part.strip_prefix("do=").map_or(part.to_string(), |action| format!("\"{action}\""));
            assert!(said.contains(&named) && said.contains(words), "{part}: {said}");
            assert_eq!(page.lab.settings(), plain.lab.settings(), "{part} changed the settings");
            assert_eq!(page.lab.actions(), plain.lab.actions(), "{part} changed the history");
            assert_eq!(page.query(), plain.query(), "{part}");
        }
    }

    /// A Step or a slider moved while the full module replays the student's own history
    /// (a hand-over) waits for the replay and then follows, in order; the same Step during a
    /// shared link's opening stops the opening where it is.
    #[test]
    fn actions_during_a_hand_over_follow_its_replay() {
        let mut own = Page::from_query("n=2048&do=s60");
        own.lab.step();
        let history = own.lab.steps();
        let handover = format!("{}&{}", own.query(), own.keep_query());
        let mut page = Page::take_over(&handover);
        assert!(page.handing_over(), "60 steps of 2048 × 128 do not fit one chunk");
        let frame = crate::frame::frame(&page);
        assert!(frame.contains("your steps are redone"), "the notice says whose steps");
        assert!(frame.contains("\"charts\":[]") && !frame.contains("\"status\""), "no earlier step is shown meanwhile");
        send(&mut page, "step", Arg::None).unwrap();
        for position in [0.2, 0.4, 0.6] {
            send(&mut page, "gamma", Arg::Text(position.to_string())).unwrap();
        }
        send(&mut page, "step", Arg::None).unwrap();
        run_frames(&mut page, 1000);
        assert_eq!(page.lab.steps(), history + 2, "both Steps after the history");
        let gamma = crate::controls::get("gamma").value_at(0.6).unwrap() as f32;
        assert_eq!(page.gamma(), gamma, "the slider's last position");
        assert_eq!(page.deferred.len(), 0);
        let frame = crate::frame::frame(&page);
        assert!(!frame.contains("Loading the rest of the page: your steps"), "the notice is gone when done");

        // A shared link: the Step stops it (and says so).
        let mut shared = Page::open(&own.query());
        assert!(shared.opening_progress().is_some() && !shared.handing_over());
        send(&mut shared, "step", Arg::None).unwrap();
        // Once its batch 0 is made (the lab shown until then is a stand-in).
        while shared.making_first_batch() {
            frame_of(&mut shared, 4);
        }
        frame_of(&mut shared, 4);
        assert!(shared.opening_progress().is_none());
        run_frames(&mut shared, 1000); // the Step waits for its batch of 2048 × 128
        assert!(shared.lab.steps() < history, "{} of {history}", shared.lab.steps());
        // The notice counts as the status line does: the step reached, then the one Step.
        let said = shared.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains(&format!("at step {} of {history}:", shared.lab.steps() - 1)), "{said}");
    }

    /// Every action is applied in the order taken, whichever waits: a tab clicked after a lesson
    /// was chosen while the full module loaded ended on the lesson's view (the lesson, a lab
    /// action, waited for the hand-over's replay; the tab was applied at once); a file asked for
    /// after a Step is that Step's; a Share cancelled by Esc meanwhile never opens; and the
    /// controls keep what the student did while their actions wait (the Backward panel opened
    /// was shut by the older state the frame wrote, its `toggle` then closing it for good).
    #[test]
    fn actions_that_waited_follow_in_the_order_taken() {
        let own = Page::from_query("n=2048&do=s60");
        let handover = format!("{}&{}", own.query(), own.keep_query());
        let follow = |page: &mut Page, name: &str, arg: Arg| page.follow(Command::parse(name, arg).unwrap());

        let mut page = Page::take_over(&handover);
        follow(&mut page, "lesson-select", text("coupled"));
        follow(&mut page, "view", text("train"));
        run_frames(&mut page, 1000);
        assert_eq!((page.view, page.lesson.as_ref().map(|l| l.id)), ("train", Some("coupled")));
        // The same in the loaded module, behind a replay still running.
        let mut page = Page::take_over(&handover);
        send(&mut page, "lesson-select", text("coupled")).unwrap();
        send(&mut page, "view", text("train")).unwrap();
        run_frames(&mut page, 1000);
        assert_eq!(page.view, "train");

        let mut page = Page::take_over(&handover);
        follow(&mut page, "backward", Arg::Bool(true));
        follow(&mut page, "step", Arg::None);
        follow(&mut page, "download", text("bn_grad_output.csv"));
        assert!(page.actions_waiting() && page.download_ready().is_none(), "the file waits for the Step");
        let frame = crate::frame::frame(&page);
        assert!(!frame.contains(r#""backward":"#), "the panel's old state written over the student's: {frame}");
        let mut saved = Vec::new();
        for _ in 0..1000 {
            frame_of(&mut page, 1000);
            if let Some(file) = page.take_download() {
                assert_eq!(page.lab.steps(), own.lab.steps() + 1, "saved before the Step");
                saved.push(file.name);
            }
        }
        assert_eq!(saved, ["bn_grad_output.csv"], "saved once");
        assert!(page.backward_open && page.query().contains("bwd="));

        let mut page = Page::take_over(&handover);
        follow(&mut page, "step", Arg::None);
        follow(&mut page, "share", Arg::None);
        assert!(page.handles_key("Escape"), "Esc cancels the Share to come");
        follow(&mut page, "key", text("Escape"));
        follow(&mut page, "view", text("norms"));
        run_frames(&mut page, 1000);
        assert!(!page.sharing && page.view == "norms");
        assert!(!page.handles_key("Escape"), "Esc means nothing with no Share");
        follow(&mut page, "key", text("?"));
        assert!(page.shortcuts && page.handles_key("Escape"), "Esc closes the shortcuts");
        follow(&mut page, "key", text("Escape"));
        assert!(!page.shortcuts && !page.handles_key("Escape"));
        // Share alone opens it; its own close (the dialog's `close` echo) is no action.
        send(&mut page, "share", Arg::None).unwrap();
        assert!(page.sharing && crate::frame::frame(&page).contains(r#""share":true"#));
        send(&mut page, "share-close", Arg::None).unwrap();
        assert!(!page.sharing);
    }

    /// A language chosen during a hand-over's replay, with a Step of the student's waiting for
    /// it, waited behind that Step: the status line said "your steps are redone" in the old
    /// language until the replay ended. It is the page's language at once; the Step still waits.
    #[test]
    fn a_language_chosen_while_actions_wait_is_applied_at_once() {
        let own = Page::from_query("n=2048&do=s60");
        let handover = format!("{}&{}", own.query(), own.keep_query());
        for (code, said) in [("zh-Hant", "重做你的步驟"), ("zh-Hans", "重做你的步骤")] {
            let mut page = Page::take_over(&handover);
            send(&mut page, "step", Arg::None).unwrap();
            send(&mut page, "lang-select", text(code)).unwrap();
            assert_eq!(page.lang.code(), code);
            let frame = crate::frame::frame(&page);
            assert!(frame.contains(said) && !frame.contains("your steps are redone"), "{frame}");
            // Sent on by the small module (follow), behind its Step: the same.
            let mut page = Page::take_over(&handover);
            page.follow(Command::Step);
            page.follow(Command::Lang(code.into()));
            assert_eq!(page.lang.code(), code);
            run_frames(&mut page, 1000);
            assert_eq!(page.lab.steps(), own.lab.steps() + 1, "the Step still follows the replay");
        }
    }

    /// A file asked for while a link is replayed wrote the lab as far as the replay had got
    /// (step 3 of 61 of the link's): it waits for the replay, and for a Step waiting for its
    /// batch, then is written; what came after it follows it.
    #[test]
    fn a_file_asked_for_during_a_replay_waits_for_it() {
        let query = "n=2048&do=s60";
        let whole = Page::from_query(query);
        let input = |page: &mut Page| page.write_now(crate::export::INPUT_FILE).map(|f| f.text);
        let handover = format!("{query}&{}", whole.keep_query());
        for (name, mut page) in [("a shared link", Page::open(query)), ("a hand-over", Page::take_over(&handover))] {
            frame_of(&mut page, 2);
            assert!(page.opening_progress().is_some(), "{name}: the replay must still run");
            send(&mut page, "download", text(crate::export::INPUT_FILE)).unwrap();
            send(&mut page, "eps", text("-2")).unwrap(); // log10(eps), after the file
            let mut saved = Vec::new();
            for _ in 0..1000 {
                frame_of(&mut page, 1000);
                if let Some(file) = page.take_download() {
                    assert_eq!(page.lab.steps(), whole.lab.steps(), "{name}: saved after the whole replay");
                    assert_eq!(page.lab.settings().layer.eps, 1e-5, "{name}: saved before the new eps");
                    saved.push(file.text);
                }
            }
            assert_eq!(saved.len(), 1, "{name}");
            assert_eq!(Some(&saved[0]), input(&mut Page::from_query(query)).as_ref(), "{name}: the replayed lab's");
            assert_eq!(page.lab.settings().layer.eps, 0.01, "{name}: the eps followed");
        }
        // A chart's picture too: the frame names it once the replay is done (hostile32: the
        // full module taking over drew the SVG of step 1 while the page showed step 3).
        for (name, mut page) in [("a shared link", Page::open(query)), ("a hand-over", Page::take_over(&handover))] {
            frame_of(&mut page, 2);
            assert!(page.opening_progress().is_some(), "{name}: the replay must still run");
            page.follow(Command::Download("chart-running.svg".into()));
            let mut named = 0;
            for _ in 0..1000 {
                if !page.downloads.is_empty() {
                    assert_eq!(page.lab.steps(), whole.lab.steps(), "{name}: named after the whole replay");
                    assert_eq!(page.downloads, ["chart-running.svg"], "{name}");
                    named += 1;
                    page.downloads.clear(); // as the App's frame does
                }
                frame_of(&mut page, 1000);
            }
            assert_eq!(named, 1, "{name}");
        }
        // A Step waiting for its batch comes first too.
        let mut page = Page::from_query("n=4096&c=512");
        send(&mut page, "step", Arg::None).unwrap();
        assert!(page.step_waiting().is_some());
        send(&mut page, "download", text(crate::export::STATE_FILE)).unwrap();
        let mut saved = None;
        for _ in 0..1000 {
            frame_of(&mut page, 1000);
            saved = saved.or(page.take_download());
        }
        let after = crate::export::state_dict_json(page.lab.layer());
        assert_eq!(page.lab.steps(), 2);
        assert_eq!(saved.map(|f| f.text), Some(after), "the file is the Step's");
    }

    /// A file asked for again while it is being written is the same file, whether a Step between
    /// waited for its batch or not: page.mjs saw a second copy only on a loaded machine, where the
    /// Step waited and the second click's turn came after the first file was done.
    #[test]
    fn a_file_asked_for_again_while_written_is_one_file() {
        let mut page = Page::from_query("n=4096&c=512");
        let before = page.write_now(crate::export::OUTPUT_FILE).map(|f| f.text);
        send(&mut page, "download", text(crate::export::OUTPUT_FILE)).unwrap();
        send(&mut page, "step", Arg::None).unwrap();
        assert!(page.step_waiting().is_some(), "the Step must wait for its batch");
        send(&mut page, "download", text(crate::export::OUTPUT_FILE)).unwrap();
        let mut saved = Vec::new();
        for _ in 0..1000 {
            frame_of(&mut page, 1000);
            saved.extend(page.take_download().map(|f| f.text));
        }
        assert_eq!(page.lab.steps(), 2);
        assert_eq!(saved.len(), 1, "one file");
        assert_eq!(Some(&saved[0]), before.as_ref(), "the first click's numbers");
    }

    /// The small build kept actions for the full module, which could not be loaded (offline):
    /// what this build can do of them is done, in order, and the failure is said last.
    #[test]
    fn actions_kept_for_the_full_module_are_done_here_when_it_fails() {
        let mut page = Page::from_query("");
        let before = page.lab.steps();
        for (name, arg) in [("step", Arg::None), ("gamma", Arg::Text("0.4".into())), ("step", Arg::None)] {
            page.wait_for_full(name, arg);
        }
        assert!(page.need_full && page.lab.steps() == before, "kept, not done");
        assert!(page.for_full(&Command::Step), "a Step after them waits too");
        assert!(!page.for_full(&Command::FullFailed("offline".into())));
        page.full_failed("offline".into());
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("offline"), "the failure is said at once: {said}");
        run_frames(&mut page, 100);
        assert_eq!(page.lab.steps(), before + 2, "two Steps are two Steps");
        assert_eq!(page.gamma(), crate::controls::get("gamma").value_at(0.4).unwrap() as f32);
        assert!(page.waiting.is_empty() && !page.for_full(&Command::Step));
    }

    /// A link's part not used names what is wrong with it, as written: no such lesson or stage,
    /// the keys that broke a rule together (and a norm the width they fell back to does not
    /// allow, on its own), a seed too large, a number beyond float32 as it was written.
    #[test]
    fn a_link_part_not_used_says_why() {
        let said = |q: &str| Page::from_query(q).notice.map(|n| n.text).unwrap_or_default();
        let notice = said("lesson=nosuch_0");
        assert!(
            notice.contains("lesson=nosuch_0 — there is no lesson by this name: the lessons are tutorial"),
            "{notice}"
        );
        let stages = lessons::find("fold").unwrap().stages.len();
        let notice = said("lesson=fold_99");
        assert!(
            notice
                .contains(&format!("lesson=fold_99 — there is no lesson stage 99: valid ones are 0 to {}", stages - 1)),
            "{notice}"
        );
        let page = Page::from_query("view=train&lr=0.05&tbs=256&tnet=6_256_tanh&tnorm=groupnorm_layernorm_256");
        let notice = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(notice.contains("tbs=256&tnet=6_256_tanh — multiply-adds"), "{notice}");
        assert!(
            notice.contains("tnorm=groupnorm_layernorm_256 — GroupNorm splits the features into equal groups")
                && notice.contains("128 features cannot make 256 equal groups"),
            "{notice}"
        );
        assert_eq!(page.train.settings.lr, 0.05, "the valid rest is kept");
        let notice = said("bwd=random_99999999999999999999");
        assert!(notice.contains("bwd=random_99999999999999999999 — ") && !notice.contains("not written"), "{notice}");
        assert!(notice.contains("whole number from 0 to"), "{notice}");
        let notice = said("do=v0_0_3.5e38");
        assert!(notice.contains("(got 3.5e38)") && !notice.contains('∞'), "{notice}");
        for lang in ["zh-Hant", "zh-Hans"] {
            let notice = said(&format!("lang={lang}&lesson=nosuch_0&bwd=random_99999999999999999999"));
            assert!(notice.contains("tutorial") && !notice.contains("random_3"), "{lang}: {notice}");
        }
    }

    /// Offline, the Backward panel opened from the small build: the App keeps it shut and says
    /// why; the page closing the panel again (its `toggle` sends "backward" = false, the App's own
    /// value) leaves that notice standing.
    #[test]
    fn the_backward_panel_closed_by_the_app_keeps_the_failure_said() {
        let mut page = Page::from_query("");
        // As the small build ends it (the full build would open the panel itself).
        let _ = page.apply(Command::FullFailed("offline".into()));
        assert!(!page.backward_open);
        send(&mut page, "backward", Arg::Bool(false)).unwrap();
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("offline"), "the failure stays said: {said}");
        // A student's own change of the panel is an action as before.
        send(&mut page, "backward", Arg::Bool(true)).unwrap();
        assert!(page.backward_open && page.notice.is_none());
    }

    /// Play on a large batch makes each batch a chunk at a time across frames (a frame's
    /// budget), and steps when it is ready: the same numbers as a Step, no 100 ms frame.
    #[test]
    fn play_makes_a_large_batch_over_several_frames() {
        let mut page = Page::from_query("n=4096&c=256");
        let mut reference = Page::from_query("n=4096&c=256");
        reference.lab.step();
        send(&mut page, "play", Arg::None).unwrap();
        let before = page.lab.steps();
        let mut frames = 0;
        let mut now = 1000.0;
        while page.lab.steps() == before && frames < 1000 {
            let mut calls = 0;
            page.tick(now, &mut || {
                calls += 1;
                calls <= 4 // a frame's budget: a few chunks
            });
            page.frame_read();
            now += 16.7;
            frames += 1;
        }
        assert!(frames > 4, "the batch of 4096 × 256 took {frames} frames");
        assert_eq!(page.lab.steps(), before + 1);
        assert_eq!(page.lab.batch(), reference.lab.batch(), "the same batch as a Step makes");
    }

    /// A lesson in a link without the lab's settings (typed by hand, or shortened) opens as
    /// the menu opens it: its own batch and layer, not the defaults its text would contradict.
    /// A frame of the page: a few looks at the clock, then the frame read.
    fn frame_of(page: &mut Page, looks: usize) {
        let mut seen = 0;
        page.tick(0.0, &mut || {
            seen += 1;
            seen <= looks
        });
        page.frame_read();
    }

    fn output_bits(page: &Page) -> Vec<u32> {
        page.lab.trace().map(|t| t.output.iter().map(|v| v.to_bits()).collect()).unwrap_or_default()
    }

    /// An opening that redoes changes (not only Steps) counts its actions on its line, as its
    /// bar does, and so does the notice when a student takes over: a reload of 40 000 changes of
    /// N said "step 1 of 1" throughout (hostile32). Steps alone are still counted as steps.
    #[test]
    fn an_opening_of_changes_counts_its_actions() {
        let opening_text = |page: &Page| {
            let f = crate::frame::frame(page);
            let at = f.find(r#""opening-text":""#).map(|i| i + 16).unwrap_or(f.len());
            f[at..].split('"').next().unwrap_or("").to_string()
        };
        let mut page = Page::open("n=4096&c=512&do=n4000,s2,n4096");
        assert_eq!(opening_text(&page), "Opening the link: 0 of its 4 actions done");
        while page.opening_actions().is_some_and(|(done, _)| done == 0) {
            page.tick(0.0, &mut || false);
        }
        assert_eq!(opening_text(&page), "Opening the link: 1 of its 4 actions done");
        send(&mut page, "step", Arg::None).unwrap();
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.starts_with("Stopped opening the link after 1 of its 4 actions"), "{said}");
        let page = Page::open("n=4096&c=512&do=s3&lang=zh-Hans");
        assert_eq!(opening_text(&page), "正在打开链接：第 0 步（共 3 步）");
    }

    /// Opening `?n=4096&c=512` made its batch 0 (2 Mi values) in one task of ~550 ms: it is made
    /// a chunk at a time over frames, the address the link's meanwhile, to the same bits.
    #[test]
    fn a_links_large_batch_0_is_made_over_frames() {
        let query = "n=4096&c=512";
        let mut page = Page::open(query);
        assert!(page.opening_progress().is_some(), "batch 0 must not be made at once");
        assert!(page.making_first_batch());
        assert_eq!(page.opening_steps(), Some((0, 1)));
        assert_eq!(page.query(), Page::from_query(query).query(), "the address is the link's meanwhile");
        let frames = frames_to_open(&mut page, 4);
        assert!(frames > 20, "{frames} frames for batch 0 of 2 Mi values");
        let whole = Lab::new(Page::from_query(query).lab.settings().clone()).unwrap();
        assert_eq!((page.lab.steps(), page.lab.settings().batch_size), (1, 4096));
        assert_eq!(page.lab.batch(), whole.batch());
        assert!(output_bits(&page) == whole.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        // A link that asks for more steps goes on as before, and a small one opens at once.
        let mut page = Page::open("n=4096&c=512&do=s2");
        frames_to_open(&mut page, 4);
        assert!(output_bits(&page) == output_bits(&Page::from_query("n=4096&c=512&do=s2")));
        assert!(Page::open("n=64&do=s3").opening_progress().is_none());
    }

    /// A Step (or Reset) pressed while a link's batch 0 is made waits for it, then stops the
    /// opening as it would have: the link's lab, not the stand-in, takes it.
    #[test]
    fn an_action_while_batch_0_is_made_waits_for_it() {
        let mut page = Page::open("n=4096&c=256&eps=0.01&do=s3");
        send(&mut page, "step", Arg::None).unwrap();
        assert_eq!(page.lab.settings().batch_size, 32, "the stand-in is not stepped");
        run_frames(&mut page, 10_000);
        assert_eq!(page.lab.settings().batch_size, 4096);
        assert_eq!(page.lab.settings().layer.eps, 0.01);
        assert!(
            page.notice.as_ref().is_some_and(|n| n.text.starts_with("Stopped opening the link")),
            "{:?}",
            page.notice
        );
    }

    /// Holding Space at N·C = 2 Mi made each Step's batch in one task (226–455 ms): a Step whose
    /// batch is not made waits for it (said, with its progress), made a chunk per frame; a held
    /// key's repeats are that one Step, and what comes after it waits for it, in order.
    #[test]
    fn a_step_whose_large_batch_is_not_made_waits_for_it() {
        let query = "n=4096&c=512";
        let mut page = Page::from_query(query);
        send(&mut page, "key", text(" ")).unwrap();
        assert_eq!(page.lab.steps(), 1, "the batch must not be made at once");
        assert_eq!(page.step_waiting().map(|(k, _)| k), Some(2));
        let frame = crate::frame::frame(&page);
        assert!(frame.contains("Step 2: making its batch"), "the status says why the Step waits");
        for _ in 0..10 {
            frame_of(&mut page, 2);
            send(&mut page, "key", text(" ")).unwrap(); // a held key
        }
        assert_eq!(page.lab.steps(), 1);
        let p = page.step_waiting().unwrap().1;
        assert!(p > 0.0 && p < 1.0, "{p}");
        send(&mut page, "eps", text("-2")).unwrap(); // log10(eps)
        assert_eq!(page.lab.settings().layer.eps, 1e-5, "the change waits for the Step");
        run_frames(&mut page, 10_000);
        assert_eq!(page.lab.steps(), 2, "the held key's repeats were the one Step");
        assert_eq!(page.lab.settings().layer.eps, 0.01);
        let mut whole = Page::from_query(query).lab;
        whole.step();
        whole.set_eps(0.01).unwrap();
        assert!(output_bits(&page) == whole.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        // A Step whose batch was made ahead (idle time, the worker) is taken at once; so is a small one.
        while page.lab.make_ahead(1 << 20) {}
        page.frame_read();
        send(&mut page, "step", Arg::None).unwrap();
        assert_eq!((page.lab.steps(), page.step_waiting()), (3, None));
        let mut small = Page::from_query("n=256");
        send(&mut small, "step", Arg::None).unwrap();
        assert_eq!(small.lab.steps(), 2);
    }

    /// Frames (`looks` looks at the clock each) until the page has no work left.
    fn frames_to_settle(page: &mut Page, looks: usize) -> usize {
        let mut frames = 0;
        while page.busy() {
            frame_of(page, looks);
            frames += 1;
        }
        frames
    }

    /// A new N, C or seed at N·C = 2 Mi made its batch in one task (~150 ms; a seed 173-371 ms
    /// on a loaded machine): the change waits for its
    /// batch, made a chunk per look at the clock (so in at least values ÷ (3 chunks) frames of
    /// two looks), said with its progress, the boxes showing the new value and the old batch's
    /// charts not drawn as the new one's; then it is set, to the bits of setting it at once.
    #[test]
    fn a_new_n_or_c_of_a_large_batch_waits_for_its_batch() {
        use crate::lab::AHEAD_CHUNK;
        let query = "n=4096&c=512&do=s2";
        let changes =
            [("batch-size", "2048", 2048 * 512), ("num-features", "256", 4096 * 256), ("seed", "7", 4096 * 512)];
        for (id, value, values) in changes {
            let mut page = Page::from_query(query);
            send(&mut page, id, text(value)).unwrap();
            assert_eq!(page.lab.values_per_step(), 4096 * 512, "{id}: the batch must not be made at once");
            assert_ne!(page.lab.settings().data.seed, 7, "{id}: the seed's batch must not be made at once");
            let frame = crate::frame::frame(&page);
            let shape = match id {
                "batch-size" => "(2048, 512)",
                "num-features" => "(4096, 256)",
                _ => "(4096, 512)",
            };
            assert!(frame.contains(&format!("Making the new batch, of shape {shape}")), "{id}: {frame}");
            assert!(frame.contains(&format!(r#""{id}":"{value}""#)), "{id}: the box shows the new value");
            assert!(frame.contains(r#""charts":[]"#) && frame.contains(r#""stale":true"#), "{id}: old charts drawn");
            frame_of(&mut page, 2);
            let p = page.resizing_progress().unwrap().1;
            assert!(p > 0.0 && p < 1.0, "{id}: {p}");
            let frames = 1 + frames_to_settle(&mut page, 2);
            assert!(frames >= values / (3 * AHEAD_CHUNK), "{id}: {frames} frames for {values} values");
            assert!(!crate::frame::frame(&page).contains(r#""stale":true"#));
            let mut whole = Page::from_query(query).lab;
            match id {
                "batch-size" => whole.set_batch_size(2048).unwrap(),
                "num-features" => whole.set_num_features(256).unwrap(),
                _ => whole.set_seed(7).unwrap(),
            }
            assert_eq!(page.lab.settings(), whole.settings(), "{id}");
            assert_eq!(page.lab.steps(), whole.steps(), "{id}");
            assert!(
                output_bits(&page) == whole.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
            );
        }
        // The box changed again meanwhile replaces the change; another action waits for it.
        let mut page = Page::from_query(query);
        send(&mut page, "batch-size", text("2048")).unwrap();
        frame_of(&mut page, 2);
        send(&mut page, "batch-size", text("1024")).unwrap();
        send(&mut page, "eps", text("-2")).unwrap(); // log10(eps)
        assert_eq!(page.lab.settings().layer.eps, 1e-5, "the change waits for the new batch");
        frames_to_settle(&mut page, 2);
        assert_eq!((page.lab.settings().batch_size, page.lab.settings().layer.eps), (1024, 0.01));
        // A small batch changes at once.
        let mut small = Page::from_query("n=64");
        send(&mut small, "batch-size", text("256")).unwrap();
        assert!(!small.busy() && small.lab.settings().batch_size == 256);
    }

    /// New data or a new layer at N·C = 2 Mi whose batch 0 is not at hand (kept at the old N after
    /// a change of N; drawn anew for another distribution) drew it in the action's task (offset
    /// 194 ms here, a distribution ~130 ms; ~400 ms on a loaded machine): the action waits for its
    /// batch 0, made a chunk per look at the clock with its progress, the old charts not drawn;
    /// then it is applied, to the bits of applying it at once. Where batch 0 is kept (or its draws
    /// moved) and for a small batch, at once.
    #[test]
    fn new_data_or_a_new_layer_of_a_large_batch_waits_for_its_batch_0() {
        use crate::lab::AHEAD_CHUNK;
        let query = "n=2048&c=512&do=s2,n4096";
        let set = |id: &str, position: f64| Command::Set { control: crate::controls::get(id), position };
        let commands = [
            set("offset", 3.0),
            set("shift", 1.0),
            set("spread", -0.5),
            Command::VarySpread(false),
            Command::Distribution("uniform".into()),
            Command::Reset,
            Command::Affine(false),
            Command::TrackRunningStats(false),
        ];
        for command in commands {
            let mut page = Page::from_query(query);
            let before = page.lab.settings().clone();
            page.apply(command.clone()).unwrap();
            assert_eq!(page.lab.settings(), &before, "{command:?}: batch 0 must not be made at once");
            let frame = crate::frame::frame(&page);
            assert!(frame.contains("Making the new batch, of shape (4096, 512)"), "{command:?}: {frame}");
            assert!(frame.contains(r#""charts":[]"#) && frame.contains(r#""stale":true"#), "{command:?}");
            if let Command::Set { control, .. } = &command {
                assert_ne!(page.get(control), Some(crate::controls::get(control.id).default), "the box's new value");
            }
            frame_of(&mut page, 2);
            let p = page.resizing_progress().unwrap().1;
            assert!(p > 0.0 && p < 1.0, "{command:?}: {p}");
            let frames = 1 + frames_to_settle(&mut page, 2);
            assert!(frames >= 4096 * 512 / (3 * AHEAD_CHUNK), "{command:?}: {frames} frames");
            let after = page.lab.settings().clone();
            assert!(after != before || command == Command::Reset, "{command:?} was applied");
            assert_eq!(page.lab.steps(), 1, "{command:?}: a new lab takes its first step");
            let mut whole = Page::from_query(query).lab;
            let d = &after.data;
            match command {
                Command::Reset => whole.reset(),
                Command::Affine(on) => whole.set_affine(on).unwrap(),
                Command::TrackRunningStats(on) => whole.set_track_running_stats(on).unwrap(),
                Command::Distribution(ref name) => whole.set_distribution(name).unwrap(),
                _ => whole.set_feature_shape(d.offset, d.shift, d.spread, d.vary_spread).unwrap(),
            }
            assert_eq!(whole.settings(), &after, "{command:?}");
            let bits = |lab: &Lab| lab.trace().map(|t| t.output.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
            assert!(bits(&page.lab) == bits(&whole), "{command:?}: not the bits of applying it at once");
        }
        // Batch 0 kept at this N (the link's own): its draws moved to the new offset at once.
        let mut page = Page::from_query("n=4096&c=512&do=s2");
        page.apply(set("offset", 3.0)).unwrap();
        assert!(!page.busy() && page.lab.settings().data.offset == 3.0);
        // A small batch at once.
        let mut small = Page::from_query("n=64&do=s2,n128");
        small.apply(Command::Distribution("skewed".into())).unwrap();
        assert!(!small.busy() && small.lab.settings().data.distribution.name() == "skewed");
    }

    /// At N·C = 2 Mi the CSV download was written in one task (1.3–3 s): it is written a chunk
    /// per look at the clock, its progress said, from the page as it was at the click (a Step
    /// and a new ε meanwhile change the page, not the file); the same button again is that file;
    /// another file waits for it. Then the frame names it, once, and its bytes are the whole
    /// writer's.
    #[test]
    fn a_large_download_is_written_over_frames_from_the_click() {
        use crate::download::CHUNK_VALUES;
        let mut page = Page::from_query("n=256&c=32&l=8&do=s2");
        let trace = page.lab.trace().unwrap().clone();
        assert_eq!(trace.shape.dims(), vec![256, 32, 8]);
        let output = crate::export::batch_csv(&trace.output, &trace.shape);
        send(&mut page, "download", text("bn_output.csv")).unwrap();
        assert!(page.download_ready().is_none(), "the file must not be written in the click's task");
        assert!(crate::frame::frame(&page).contains(r#""opening-text":"Writing bn_output.csv""#));
        send(&mut page, "step", Arg::None).unwrap();
        send(&mut page, "eps", text("-2")).unwrap();
        send(&mut page, "download", text("bn_output.csv")).unwrap();
        let input = crate::export::batch_csv(page.lab.batch(), &trace.shape); // the Step's batch
        send(&mut page, "download", text("bn_input.csv")).unwrap();
        assert_eq!(page.writing.len(), 2, "a second click is the same file, another file waits");
        let mut frames = 0;
        let mut seen = vec![];
        while page.download_ready().is_none() {
            frame_of(&mut page, 1); // two chunks a frame
            seen.extend(page.writing_progress().filter(|(name, _)| *name == "bn_output.csv").map(|(_, p)| p));
            frames += 1;
        }
        assert!(frames >= trace.output.len() / (2 * CHUNK_VALUES), "{frames} frames");
        assert!(seen.windows(2).all(|w| w[0] < w[1]) && seen.iter().all(|p| *p > 0.0 && *p < 1.0), "{seen:?}");
        let frame = crate::frame::frame(&page);
        assert!(frame.contains(r#""download":["bn_output.csv","text/csv"]"#), "{frame}");
        let file = page.take_download().unwrap();
        assert!(file.text == output, "the file is not the output at the click");
        assert_ne!(
            crate::export::batch_csv(&page.lab.trace().unwrap().output, &trace.shape),
            output,
            "the Step changed y"
        );
        assert!(crate::frame::frame(&page).contains(r#""download":null"#), "saved once");
        while page.download_ready().is_none() {
            frame_of(&mut page, 1);
        }
        assert!(page.take_download().unwrap().text == input, "the input at its click");
        assert!(!page.busy() && page.take_download().is_none());
        // The whole file at once (the App's `export`, for tests) is the same writer's.
        let mut again = Page::from_query("n=256&c=32&l=8&do=s2");
        assert!(again.write_now("bn_output.csv").unwrap().text == output);
        assert!(again.write_now("../bn_output.csv").is_none() && again.notice.as_ref().is_some_and(|n| n.error));
    }

    /// A link's change of N made its large batch in one task (`do=n4096,n1,…` at C = 512:
    /// 206-395 ms a task, no progress shown for ~8 s): made a chunk per look at the clock, the
    /// opening's progress rising with it, to the bits of the change made at once.
    #[test]
    fn a_links_change_of_a_large_batch_is_made_over_frames() {
        let query = format!("c=512&do={}s1", "n4096,n1,".repeat(3));
        let mut page = Page::open(&query);
        let mut seen = Vec::new();
        while page.opening_progress().is_some() {
            frame_of(&mut page, 2);
            seen.push(page.opening_progress().unwrap_or(1.0));
        }
        let rising = seen.windows(2).all(|w| w[0] <= w[1]);
        let parts = seen.iter().filter(|p| **p > 0.0 && **p < 1.0).count();
        assert!(rising && parts >= 3 * 4096 * 512 / (3 * crate::lab::AHEAD_CHUNK), "{parts} frames: {seen:?}");
        let whole = Page::from_query(&query);
        assert_eq!(page.lab.settings(), whole.lab.settings());
        assert_eq!(output_bits(&page), output_bits(&whole));
    }

    /// A CSV of 1024 × 512 values, the size of what a 4 MB file holds.
    fn large_csv(bad_at: Option<(usize, usize)>) -> String {
        let rows: Vec<String> = (0..1024)
            .map(|r| {
                let cells =
                    (0..512).map(|c| if bad_at == Some((r, c)) { "x".into() } else { format!("{}.5", (r + c) % 9) });
                cells.collect::<Vec<_>>().join(",")
            })
            .collect();
        rows.join("\n")
    }

    /// A student's CSV of Unix times or prices (values far above their spread), or of squares
    /// past float32's range: PyTorch's float32 sums give other numbers than the page's (running_var
    /// 350 792 against 27 146 for 256 Unix times), and the notice says so; ordinary data says nothing.
    #[test]
    fn own_data_where_float32_loses_digits_is_said() {
        let read = |csv: String| {
            let mut page = Page::new();
            send(&mut page, "csv-use", text(&csv)).unwrap();
            while page.busy() {
                frame_of(&mut page, 2);
            }
            page.notice.map(|n| n.text).unwrap_or_default()
        };
        let times = (0..256).map(|i| format!("{},{i}", 1_700_000_000 + 7 * i)).collect::<Vec<_>>().join("\n");
        let said = read(times);
        assert!(
            said.contains("Feature 0's values are large next to their spread") && said.contains("lose digits"),
            "{said}"
        );
        let huge = (0..4096)
            .map(|i| format!("{},1", if i % 2 == 0 { "1e18" } else { "-1e18" }))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(read(huge).contains("Feature 0's squared deviations add up past float32's range"));
        let plain_csv = (0..64).map(|i| format!("{},{}", i % 7, i % 5)).collect::<Vec<_>>().join("\n");
        let said = read(plain_csv);
        assert!(said.contains("Read a batch") && !said.contains("float32"), "{said}");
        // A constant column is at risk only past float32's exact sums.
        assert_eq!(crate::csv::float32_risk(&[5.0; 8], &[8, 1]), None);
        assert!(crate::csv::float32_risk(&[9e17; 8], &[8, 1]).is_some());
    }

    /// The headline names the BatchNorm1d view's layer only in that view: over "Which axis?"'s
    /// (4, 6, 5) batch, lesson 7's "nn.BatchNorm1d(16)" read as that view's layer.
    #[test]
    fn the_headline_names_the_lab_layer_only_in_the_lab() {
        for (query, hidden) in [("", false), ("view=norms", true), ("view=train", true)] {
            let frame = crate::frame::frame(&Page::from_query(query));
            assert!(frame.contains(&format!("\"lead-layer\":{hidden}")), "{query}");
        }
    }

    /// Share says that the page's own data is not in its link (a student's CSV, then generated
    /// data again): the receiver would get other numbers.
    #[test]
    fn share_says_a_link_does_not_carry_own_data() {
        let own_hidden = |page: &Page| {
            let frame = crate::frame::frame(page);
            frame.contains("\"share-own\":true")
        };
        let mut page = Page::new();
        assert!(own_hidden(&page));
        send(&mut page, "csv-use", text("a,b\n1,2\n3,4\n5,7\n")).unwrap();
        while page.busy() {
            frame_of(&mut page, 2);
        }
        assert!(matches!(page.lab.source(), crate::lab::Source::Own(_)));
        assert!(!own_hidden(&page) && page.query().contains("own=1"));
        send(&mut page, "csv-generated", Arg::None).unwrap();
        assert!(own_hidden(&page));
    }

    /// A 4 MB CSV's "Use" was one task of 300–1000 ms: it is read a frame's share at a time,
    /// with its progress, to the batch read at once; a bad one names its row and column and
    /// changes nothing; a second "Use" replaces it, and another lab action stops it.
    #[test]
    fn a_large_csv_is_read_over_frames() {
        let csv = large_csv(None);
        let mut page = Page::new();
        send(&mut page, "csv-use", text(&csv)).unwrap();
        assert!(page.reading_progress().is_some(), "the CSV must not be read at once");
        assert!(matches!(page.lab.source(), crate::lab::Source::Generated));
        assert!(crate::frame::frame(&page).contains("Reading your CSV"));
        let mut frames = 0;
        while page.busy() {
            frame_of(&mut page, 2);
            frames += 1;
        }
        assert!(frames > 20, "{frames} frames");
        let read = parse_batch(&csv, 0).unwrap();
        assert_eq!(page.lab.batch(), &read.values[..]);
        assert_eq!(page.lab.settings().batch_size, 1024);
        let said = page.notice.clone().unwrap().text;
        assert!(said.starts_with("Read a batch of shape (1024, 512)"), "{said}");

        // A bad cell deep in it: named, and nothing changes.
        let mut page = Page::new();
        let query = page.query();
        send(&mut page, "csv-use", text(&large_csv(Some((700, 3))))).unwrap();
        run_frames(&mut page, 100_000);
        let said = page.notice.clone().unwrap();
        assert!(said.error && said.text.contains("row 701, column 4"), "{said:?}");
        assert_eq!(page.query(), query);

        // A second "Use" while the first is read: the second is used.
        let mut page = Page::new();
        send(&mut page, "csv-use", text(&large_csv(None))).unwrap();
        frame_of(&mut page, 2);
        send(&mut page, "csv-use", text("a,b\n1,2\n3,5\n")).unwrap();
        run_frames(&mut page, 100_000);
        assert_eq!(page.lab.batch(), &[1.0, 2.0, 3.0, 5.0][..]);
        // Reset while it is read: the reading stops, said; the lab is reset on its own data.
        let mut page = Page::new();
        send(&mut page, "step", Arg::None).unwrap();
        send(&mut page, "csv-use", text(&large_csv(None))).unwrap();
        frame_of(&mut page, 2);
        send(&mut page, "reset", Arg::None).unwrap();
        assert!(!page.busy());
        assert!(matches!(page.lab.source(), crate::lab::Source::Generated));
        assert_eq!(page.lab.steps(), 1);
        assert_eq!(page.notice.clone().unwrap().text, "Stopped reading the CSV: you took over, and it was not used.");
    }

    /// Lesson 6's last answer says "Try eps = 1 with the slider under the chart": doing so once
    /// revealed is not "the settings now differ" (review40: it read as a fault); before Reveal,
    /// and in the stage before, eps moved is a changed setup as any other setting.
    #[test]
    fn trying_what_an_answer_asks_is_not_a_changed_setup() {
        let mut page = Page::from_query("");
        page.open_lesson("eps", 1).unwrap();
        send(&mut page, "lesson-eps", text("0")).unwrap();
        assert_eq!(page.lab.settings().layer.eps, 1.0);
        assert!(page.lesson_html().contains(lessons::SETUP_CHANGED.en), "eps moved before Reveal: said");
        page.reveal();
        assert!(!page.lesson_html().contains(lessons::SETUP_CHANGED.en), "{}", page.lesson_html());
        send(&mut page, "batch-size", text("64")).unwrap();
        assert!(page.lesson_html().contains(lessons::SETUP_CHANGED.en), "another setting: said");
        page.open_lesson("eps", 0).unwrap();
        page.reveal();
        send(&mut page, "lesson-eps", text("0")).unwrap();
        assert!(page.lesson_html().contains(lessons::SETUP_CHANGED.en), "the stage before: said");
    }

    #[test]
    fn a_lesson_alone_in_a_link_opens_as_the_menu_opens_it() {
        for (id, stage) in [("tutorial", 0), ("eval", 1)] {
            let linked = Page::from_query(&format!("lesson={id}_{stage}"));
            let mut menu = Page::from_query("");
            menu.open_lesson(id, stage).unwrap();
            assert_eq!(linked.query(), menu.query(), "lesson={id}_{stage}");
        }
        // The page's own links carry the lab whole: the page as it was, the lesson's text over it.
        let mut live = Page::from_query("");
        live.open_lesson("eval", 1).unwrap();
        send(&mut live, "batch-size", text("64")).unwrap();
        let again = Page::from_query(&live.query());
        assert_eq!((again.query(), again.lab.trace()), (live.query(), live.lab.trace()));
        assert_eq!(again.lesson_html(), live.lesson_html());
        assert!(live.lesson_html().contains(lessons::SETUP_CHANGED.en), "N changed by hand: said");
    }

    /// A link naming a lesson stage and some of the lab's keys (`lesson=one_1&n=8`) opens the
    /// page a student would have who opened that stage and then changed those by hand: the
    /// stage's setup, then each key. It opened the defaults with N = 8 under a lesson text
    /// about "the same single sample in eval mode". The text then says the settings differ.
    #[test]
    fn a_lesson_and_a_few_keys_open_the_stage_then_change_it_by_hand() {
        let by_hand = |id: &str, stage: usize, changes: &[(&str, &str)]| {
            let mut page = Page::from_query("");
            page.open_lesson(id, stage).unwrap();
            for (control, value) in changes {
                send(&mut page, control, text(value)).unwrap();
            }
            page
        };
        let cases: [(&str, Page); 4] = [
            ("lesson=one_1&n=8", by_hand("one", 1, &[("batch-size", "8")])),
            // A key that builds the data anew starts the stage's steps over, as its control does.
            ("lesson=one_1&seed=7&l=3", by_hand("one", 1, &[("seed", "7"), ("length", "3")])),
            ("lesson=coupled_1&mode=train&do=s2", by_hand("coupled", 1, &[("mode", "train")])),
            // A key not read, or equal to the stage's, changes nothing.
            ("lesson=one_1&n=abc&mode=eval", by_hand("one", 1, &[])),
        ];
        for (query, live) in cases {
            let page = Page::from_query(query);
            let mut live = live;
            if query.contains("do=s2") {
                live.apply(Command::Step).unwrap();
                live.steps_since_frame = 0;
                live.apply(Command::Step).unwrap();
            }
            assert_eq!(page.query(), live.query(), "{query}");
            assert_eq!(page.lab.trace(), live.lab.trace(), "{query}");
            assert_eq!(page.lesson, live.lesson, "{query}");
            let note = lessons::SETUP_CHANGED.en;
            assert_eq!(page.lesson_html().contains(note), !query.contains("abc"), "{query}: {}", page.lesson_html());
        }
        assert_eq!(Page::from_query("lesson=one_1&n=8").lab.settings().batch_size, 8);
    }

    /// A link's number out of bounds is quoted with why, in the page's language.
    #[test]
    fn a_link_says_why_a_number_was_not_read() {
        let mut page = Page::open("n=5000&offset=-11&zzz=1");
        run_frames(&mut page, 100);
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("n=5000 — batch size N") && said.contains("4096 (got 5000)"), "{said}");
        assert!(said.contains("offset=-11 — offset") && said.contains("-10"), "{said}");
        assert!(said.contains(" · zzz=1"), "{said}");
        // In Chinese: "输入的是" (the value given; "当前为" said it was the page's), no space
        // after a full-width colon, and none between two Chinese words.
        let page = Page::from_query("n=5000&seed=-1&lang=zh-Hans");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("默认值：n=5000：批量大小 N 必须是 1 到 4096 之间的整数（输入的是 5000）"), "{said}");
        assert!(said.contains("随机种子必须"), "{said}");
        let page = Page::from_query("n=5000&lang=zh-Hant");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("（輸入的是 5000）") && !said.contains("目前"), "{said}");
        // A sentence as a reason: no capital, no full stop inside the list.
        let page = Page::from_query("f=999");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("f=999 — there is no feature 999: valid ones are 0 to 127."), "{said}");
        // An index past 2³² − 1 is said too (the page's wasm dropped it without a reason).
        for part in ["f=4294967296", "lesson=one_4294967296", "cell=4294967296_0_0"] {
            let said = Page::from_query(part).notice.map(|n| n.text).unwrap_or_default();
            assert!(said.contains(&format!("{part} — larger than any index the page has")), "{said}");
        }
        // bwd= says its form, in Chinese without English words.
        let page = Page::from_query("bwd=pull_abc&lang=zh-Hans");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("bwd=pull_abc：应写成 one | pull_0.5 | random_3"), "{said}");
    }

    /// Starting over says why, and names only what the layer has: other data is not a new
    /// layer the student built; affine=False has no γ and β to reset.
    #[test]
    fn starting_over_says_why_and_names_what_the_layer_has() {
        let mut page = Page::from_query("");
        let said = |page: &Page| page.notice.clone().map(|n| n.text).unwrap_or_default();
        send(&mut page, "spread", text("0.5")).unwrap();
        assert!(said(&page).starts_with("New data: the page starts over with it, from Step 1"), "{}", said(&page));
        assert!(said(&page).contains(": fresh running statistics, γ = 1, β = 0."), "{}", said(&page));
        send(&mut page, "affine", Arg::Bool(false)).unwrap();
        let affine_off = said(&page);
        assert!(affine_off.starts_with("A new layer: nn.BatchNorm1d(128, affine=False)"), "{affine_off}");
        assert!(
            affine_off.ends_with("starts over: fresh running statistics.") && !affine_off.contains('γ'),
            "{affine_off}"
        );
        send(&mut page, "track", Arg::Bool(false)).unwrap();
        assert!(said(&page).ends_with("it starts over."), "{}", said(&page));
    }

    /// A teacher's link shows every student the same chart: the overlay goes with it when it
    /// differs from what the link would open with (off; a lesson stage's own choice).
    #[test]
    fn the_overlay_goes_with_a_shared_link() {
        let mut page = Page::new();
        assert!(!page.query().contains("ov="), "the default is not written: {}", page.query());
        send(&mut page, "overlay", Arg::Bool(true)).unwrap();
        assert!(Page::from_query(&page.query()).overlay, "{}", page.query());
        let lesson = lessons::LESSONS.iter().find_map(|l| l.stages.iter().position(|s| s.overlay).map(|i| (l.id, i)));
        let (id, stage) = lesson.expect("a lesson stage that shows the overlay");
        let mut page = Page::from_query(&format!("lesson={id}_{stage}"));
        assert!(page.overlay && !page.query().contains("ov="), "{}", page.query());
        send(&mut page, "overlay", Arg::Bool(false)).unwrap();
        assert!(!Page::from_query(&page.query()).overlay, "{}", page.query());
    }

    /// The teacher's presenter mode is theirs: the link students get leaves it out.
    #[test]
    fn the_shared_link_leaves_presenter_mode_out() {
        let page = Page::from_query("present=1&do=s3&lang=zh-Hans");
        assert!(page.query().contains("present=1"), "a reload keeps it: {}", page.query());
        let shared = Page::from_query(&page.share_query());
        assert!(!shared.presenter && shared.lab.steps() == page.lab.steps() && shared.lang == page.lang);
        assert_eq!(Page::from_query(&page.query()).share_query(), page.share_query());
    }

    /// A shared link carries the language only when it was chosen: a teacher whose page merely
    /// followed an English browser shares a link that opens in a Chinese student's Chinese.
    #[test]
    fn a_link_carries_the_language_only_when_chosen() {
        let page = Page::opened("do=s3", Opener::Link, Lang::ZhHans);
        assert_eq!(page.lang, Lang::ZhHans, "the browser's language");
        assert!(!page.share_query().contains("lang=") && !page.query().contains("lang="), "{}", page.query());
        let student = Page::opened(&page.share_query(), Opener::Link, Lang::ZhHant);
        assert_eq!((student.lang, student.lab.steps()), (Lang::ZhHant, page.lab.steps()));
        // Chosen, even the language the page already had: the link keeps it.
        let mut chosen = Page::opened("do=s3", Opener::Link, Lang::En);
        send(&mut chosen, "lang-select", Arg::Text("en".into())).unwrap();
        assert!(chosen.share_query().contains("lang=en"), "{}", chosen.share_query());
        let linked = Page::opened("lang=zh-Hant", Opener::Link, Lang::En);
        assert_eq!(linked.lang, Lang::ZhHant);
        assert!(linked.share_query().contains("lang=zh-Hant"), "{}", linked.share_query());
        // A reload or a hand-over of a page that followed the browser follows it again.
        let reloaded = Page::opened(&page.query(), Opener::Reload, Lang::ZhHans);
        assert_eq!(reloaded.lang, Lang::ZhHans);
    }

    /// Offline before the digits were ever fetched: the Train view says so (it said "Loading…"
    /// for ever), and Step or the tab again asks once more.
    #[test]
    fn failed_digits_are_said_and_tried_again() {
        let mut page = Page::from_query("view=train");
        let need = |page: &Page| crate::frame::frame(page).contains("\"need_digits\":true");
        assert!(need(&page));
        page.digits_requested = true;
        send(&mut page, "digits-failed", text("Failed to fetch")).unwrap();
        let frame = crate::frame::frame(&page);
        assert!(frame.contains("could not be loaded (offline?)") && !need(&page), "{frame}");
        send(&mut page, "t-step", Arg::None).unwrap();
        assert!(need(&page), "Step asks again");
        // The notice is the App's words, in the page's language, the browser's only quoted.
        for (lang, words) in [("en", "could not be loaded"), ("zh-Hant", "無法載入"), ("zh-Hans", "无法加载")] {
            let mut page = Page::from_query(&format!("view=train&lang={lang}"));
            send(&mut page, "digits-failed", text("Failed to fetch")).unwrap();
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            assert!(said.contains(words) && !said.starts_with("data/digits.csv"), "{lang}: {said}");
        }
    }

    /// A school's Wi-Fi sign-in page answered for the digits: said as the file's fault (it read as
    /// the student's CSV), the view not left "Loading…" for ever, and Step asks again.
    #[test]
    fn digits_that_are_not_digits_are_said_and_fetched_again() {
        let mut page = Page::from_query("view=train");
        let need = |page: &Page| crate::frame::frame(page).contains("\"need_digits\":true");
        page.digits_requested = true;
        send(&mut page, "digits", text("<html><body>Please log in to the school Wi-Fi</body></html>")).unwrap();
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(
            said.contains("data/digits.csv") && said.contains("sign-in page") && said.contains("CSV row 1"),
            "{said}"
        );
        assert!(page.train.digits.is_none() && !need(&page));
        send(&mut page, "t-step", Arg::None).unwrap();
        assert!(need(&page), "Step asks again");
    }

    #[test]
    fn a_long_bad_value_is_quoted_short() {
        // A do= action not understood is quoted short (40 characters), as a value is (120).
        let page = Page::from_query(&format!("do={}", "s1.".repeat(5000)));
        let notice = page.notice.expect("the value is refused");
        assert!(
            notice.text.chars().count() < 300 && notice.text.contains("\"s1.s1.") && notice.text.contains('…'),
            "{}",
            notice.text
        );
        let page = Page::from_query(&format!("mode={}", "x".repeat(5000)));
        let notice = page.notice.expect("the value is refused");
        assert!(notice.text.chars().count() < 300 && notice.text.contains("mode=xx") && notice.text.contains('…'));
    }

    /// A link cannot turn the notice's words around (a right-to-left override in a value made
    /// "…found n=9999: please reload it" read backwards) or hide a character in it: what is not
    /// seen is quoted as the link writes it.
    #[test]
    fn a_links_invisible_characters_are_quoted_as_written() {
        let page = Page::from_query("n=%E2%80%AE%20ti%20daoler&c=%00x&do=%E2%80%8Bs1");
        let notice = page.notice.expect("the values are refused").text;
        assert!(notice.contains("n=%E2%80%AE ti daoler") && notice.contains("c=%00x"), "{notice}");
        assert!(notice.contains("%E2%80%8Bs1"), "{notice}");
        assert!(!notice.chars().any(|c| c.is_control() || c == '\u{202E}' || c == '\u{200B}'), "{notice}");
        for key in ["lang", "mode", "eps", "seed", "tnorm", "view", "lesson", "bwd", "tpreset", "f", "cell"] {
            let page = Page::from_query(&format!("{key}=%E2%80%AEx%00"));
            let notice = page.notice.map(|n| n.text).unwrap_or_default();
            assert!(!notice.chars().any(|c| c.is_control() || c == '\u{202E}'), "{key}: {notice}");
        }
        assert_eq!(crate::link::quote("αβγ\u{2067}", 2), "αβ…");
        assert_eq!(crate::link::quote("a\u{2067}", 9), "a%E2%81%A7");
    }

    /// A refused part of a link says why, in the three languages; a bad action of do= is
    /// named, and the actions before it are replayed (it quoted the parts with no reason and
    /// dropped the whole do=).
    #[test]
    fn a_refused_link_part_says_why_in_every_language() {
        let expect = [
            (
                "en",
                "offset=+2 — not a number: a link reads + as a space; write a plus sign as %2B",
                "n=1_000 — not a number.",
                "do=: action 3 of 3, \"x9\", was not understood; the page replays only the 2 before it.",
            ),
            (
                "zh-Hant",
                "offset=+2：不是數字：連結把 + 讀成空格；加號請寫成 %2B",
                "n=1_000：不是數字。",
                "do=：第 3 個動作（共 3 個）「x9」無法理解；頁面只重播它之前的 2 個。",
            ),
            (
                "zh-Hans",
                "offset=+2：不是数字：链接把 + 读成空格；加号请写成 %2B",
                "n=1_000：不是数字。",
                "do=：第 3 个动作（共 3 个）“x9”无法理解；页面只重放它之前的 2 个。",
            ),
        ];
        for (lang, plus, underscore, action) in expect {
            let page = Page::from_query(&format!("offset=+2&n=1_000&do=s3,e,x9&lang={lang}"));
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            for part in [plus, underscore, action] {
                assert!(said.contains(part), "{part:?} not in {said:?}");
            }
            assert_eq!(page.lab.steps(), 3);
            assert!(!page.lab.settings().training, "e, before the bad action, was replayed");
        }
        // N·C·L too large: N, C and L go back to their defaults, named, and do= is replayed on them.
        let page = Page::from_query("n=4096&c=1024&l=64&do=s3,x9");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert_eq!(page.lab.steps(), 3, "{said}");
        assert!(said.contains("n=4096&c=1024&l=64 — N·C·L") && said.contains("replays only"), "{said}");
    }

    /// A Train link whose step is too large for a frame (batch size × weights) drops tbs= and
    /// tnet= together, named, and keeps the rest (all went back to the defaults, one named).
    #[test]
    fn a_train_link_too_large_for_a_frame_drops_its_batch_and_net() {
        let page = Page::from_query("view=train&tnet=6_256_sigmoid&tbs=256&lr=0.5&tseed=9&tnorm=layernorm_none_4");
        let (t, d) = (&page.train.settings, TrainSettings::default());
        assert_eq!((t.batch_size, t.depth, t.width, t.activation), (d.batch_size, d.depth, d.width, d.activation));
        assert_eq!((t.lr, t.seed, t.norms[0]), (0.5, 9, crate::trainer::NormChoice::LayerNorm));
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains(": tbs=256&tnet=6_256_sigmoid — multiply-adds in one step"), "{said}");
    }

    /// A lesson's link whose N and C break N·C·L together opens the stage's own N and C, both
    /// named: the note naming them both left C to change the stage's 16 to the default 128.
    #[test]
    fn a_lessons_link_breaking_n_c_l_keeps_the_stages_n_and_c() {
        let page = Page::from_query("lesson=ncl_0&n=4096&c=1024&eps=0.001");
        let s = page.lab.settings();
        assert_eq!((s.batch_size, s.layer.num_features, s.length, s.layer.eps), (8, 16, 10, 0.001));
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("n=4096&c=1024 — N·C·L"), "{said}");
    }

    /// Values each in bounds that break a rule together: only what is at fault goes back to its
    /// default, and the notice names it; every other value of the link is kept (the Train view's
    /// or the layer's settings all went back to their defaults, unsaid).
    #[test]
    fn a_link_breaking_a_rule_together_keeps_its_other_values() {
        use crate::core::net::Activation;
        use crate::core::Distribution;
        let page = Page::from_query("view=train&tnet=1_64_tanh&tbs=100&unit=100&lr=0.5");
        let t = &page.train.settings;
        assert_eq!((t.depth, t.width, t.activation, t.batch_size, t.lr), (1, 64, Activation::Tanh, 100, 0.5));
        assert_eq!(t.unit, 0);
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.ends_with(": unit=100 — hidden unit must be a whole number from 0 to 63 (got 100)."), "{said}");

        let page = Page::from_query("view=train&tnet=2_30_relu&tnorm=groupnorm_batchnorm_4&unit=29&lang=zh-Hans");
        let t = &page.train.settings;
        assert_eq!((t.depth, t.width, t.unit), (2, 30, 29));
        assert_eq!((t.norms, t.groups), (TrainSettings::default().norms, TrainSettings::default().groups));
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("tnorm=groupnorm_batchnorm_4：GroupNorm"), "{said}");

        let page = Page::from_query("n=4096&c=1024&eps=0.001&seed=7&mom=0.5&dist=uniform&mode=eval");
        let s = page.lab.settings();
        let d = crate::lab::Settings::default();
        assert_eq!((s.batch_size, s.layer.num_features, s.length), (d.batch_size, d.layer.num_features, d.length));
        assert_eq!((s.layer.eps, s.layer.momentum, s.data.seed), (0.001, Some(0.5), 7));
        assert_eq!((s.data.distribution, s.training), (Distribution::Uniform, false));
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains(": n=4096&c=1024 — N·C·L (values in one batch) must be between 1 and"), "{said}");
        assert!(!said.contains("l="), "L was not set: {said}");
    }

    /// An action of do= the lab refuses (no sample 40 in a batch of 32) is named, in a sentence
    /// of its own: it was read, not left at a default.
    #[test]
    fn a_refused_action_of_a_link_is_named() {
        let page = Page::from_query("do=s2,v40_0_1,s3");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert_eq!(
            said,
            "do=: the page replayed only the actions before v40_0_1: There is no sample 40: valid ones are 0 to 31."
        );
        assert_eq!(page.lab.steps(), 2);
        let page = Page::from_query("do=s2,v40_0_1&lang=zh-Hans");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.starts_with("do=：页面只重放了 v40_0_1 之前的动作：不存在"), "{said}");
    }

    /// Lesson "one" asks whether PyTorch counts a batch it refuses: until Reveal nothing on the
    /// page answers it but the status line it sends the class to (the red box's note, the
    /// question's "= 6" and the code's comment said it first), and the blank charts say why
    /// they are blank. Revealed, the red box says it again.
    #[test]
    fn lesson_four_asks_before_it_tells() {
        let mut page = Page::new();
        page.open_lesson("one", 0).unwrap();
        for lang in Lang::ALL {
            page.lang = lang;
            let f = crate::frame::frame(&page);
            let status = crate::explain::status(&page.lab, lang);
            assert!(status.contains("num_batches_tracked = 6"), "{status}");
            let note = t(lang, "Note: PyTorch adds 1 to <code>num_batches_tracked</code> <b>before</b> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.");
            // As the frame's JSON writes it.
            let note = note.split("{k}").next().unwrap().replace('<', "\\u003c");
            assert!(!f.contains(&note), "{lang:?}: the red box answers the question");
            assert!(f.contains("Expected more than 1 value per channel when training"), "PyTorch's words stay");
            let question = lessons::find("one").unwrap().stages[0].question.get(lang);
            assert!(!question.contains("= 6") && question.contains("num_batches_tracked"), "{question}");
            let counted = tf(lang, "code-status-counted", &[("k", "6")]);
            assert!(!crate::explain::pytorch_code_telling(&page.lab, lang, false).contains(&counted));
            assert!(!t(lang, "chart-refused").contains("running"), "the blank chart says why it is blank");
            page.reveal();
            assert!(crate::frame::frame(&page).contains(&note), "{lang:?}: revealed, the note is back");
            page.open_lesson("one", 0).unwrap();
        }
        // Another lesson's refused step (a batch of one set by hand) keeps its note.
        page.lang = Lang::En;
        page.open_lesson("eval", 0).unwrap();
        page.apply(Command::parse("batch-size", Arg::Text("1".into())).unwrap()).unwrap();
        page.apply(Command::parse("mode", Arg::Text("train".into())).unwrap()).unwrap();
        page.apply(Command::parse("step", Arg::None).unwrap()).unwrap();
        assert!(page.lab.refusal().is_some_and(|r| r.counted));
        assert!(crate::frame::frame(&page).contains("PyTorch adds 1 to"), "not lesson 4's question: said");
    }

    /// The feature and sample boxes name the layer's own indices when they refuse one
    /// (hostile30: −1 in the feature box said "from 0 to 1023" of a layer of 128), and change
    /// nothing.
    #[test]
    fn the_feature_and_sample_boxes_refuse_with_the_layers_bounds() {
        let mut page = Page::new();
        for (control, typed, said) in [
            ("feature", "-1", "from 0 to 127 (got -1)"),
            ("feature", "128", "from 0 to 127 (got 128)"),
            ("feature", "2.5", "from 0 to 127 (got 2.5)"),
            ("sample", "32", "from 0 to 31 (got 32)"),
        ] {
            let before = page.link();
            let why = page.apply(Command::parse(control, Arg::Text(typed.into())).unwrap()).unwrap_err();
            let message = page.message(&why);
            assert!(message.contains(said), "{control} {typed}: {message}");
            assert_eq!(page.link(), before, "{control} {typed} changed the page");
        }
        page.apply(Command::parse("feature", Arg::Text("127".into())).unwrap()).unwrap();
        assert_eq!(page.lab.settings().feature, 127);
    }

    /// A lesson's card follows the view shown (review26: lesson 11's "Press Play and watch the
    /// percentiles chart" stayed over the lab after its tab or Back): on another view than the
    /// stage's it keeps the lesson (title, stage k of n, Back, Next, Close) and says in one line
    /// where the stage is, with "Go to" that view (a Command) in place of Reveal, the stage's
    /// text and question; back on the stage's view the card is whole again.
    #[test]
    fn a_lessons_card_follows_the_view() {
        let parse = |page: &Page| -> serde_json::Value {
            serde_json::from_str(&crate::frame::frame(page)).expect("the frame is JSON")
        };
        for lang in Lang::ALL {
            let mut page = Page::new();
            page.apply(Command::parse("lang-select", Arg::Text(lang.code().into())).unwrap()).unwrap();
            page.apply(Command::parse("lesson-select", Arg::Text("papers".into())).unwrap()).unwrap();
            let stage = &lessons::find("papers").unwrap().stages[0];
            assert_eq!((page.view, page.lesson_elsewhere()), ("train", None));
            let whole = page.lesson_html();
            assert!(whole.contains(stage.text.get(lang)) && whole.contains(stage.question.get(lang)), "{whole}");
            let f = parse(&page);
            assert_eq!(
                (f["hidden"]["lesson-go"].as_bool(), f["hidden"]["lesson-reveal"].as_bool()),
                (Some(true), Some(false))
            );
            // The lab's tab (or Back, which sends the same action).
            page.apply(Command::parse("view", Arg::Text("lab".into())).unwrap()).unwrap();
            assert_eq!(page.lesson_elsewhere(), Some("train"));
            let card = page.lesson_html();
            let train = t(lang, "view-train");
            assert!(
                card.contains(lessons::TITLES.iter().find(|(id, _)| *id == "papers").unwrap().1.get(lang)),
                "{card}"
            );
            let counter = if lang == Lang::En { "(1/3)" } else { "（1/3）" };
            assert!(card.contains(counter) && card.contains(&train), "{card}");
            // No space before the full-width counter ("…Wu 和 He（1/3）").
            assert!(lang == Lang::En || !card.contains(" <small>"), "{card}");
            assert!(!card.contains(stage.text.get(lang)) && !card.contains(stage.question.get(lang)), "{card}");
            let f = parse(&page);
            assert_eq!(f["hidden"]["lesson-go"].as_bool(), Some(false));
            assert!(f["text"]["lesson-go"].as_str().is_some_and(|go| go.contains(&train)), "{}", f["text"]);
            for hid in ["lesson-reveal", "lesson-show"] {
                assert_eq!(f["hidden"][hid].as_bool(), Some(true), "{hid}");
            }
            for kept in ["lesson", "lesson-next", "lesson-close"] {
                assert_ne!(f["hidden"][kept].as_bool(), Some(true), "{kept}");
            }
            // "Go to" opens the stage's view: the card whole again, the lesson as it was.
            page.apply(Command::parse("lesson-go", Arg::None).unwrap()).unwrap();
            assert_eq!((page.view, page.lesson_html()), ("train", whole.clone()));
            assert_eq!(page.lesson.as_ref().map(|l| (l.id, l.stage)), Some(("papers", 0)));
            // Its own tab likewise; "Which axis?" lessons on the lab's view too.
            page.apply(Command::parse("view", Arg::Text("norms".into())).unwrap()).unwrap();
            assert!(page.lesson_html().contains(&t(lang, "view-train")));
            page.apply(Command::parse("view", Arg::Text("train".into())).unwrap()).unwrap();
            assert_eq!(page.lesson_html(), whole);
            page.open_lesson("axis", 0).unwrap();
            page.apply(Command::parse("view", Arg::Text("lab".into())).unwrap()).unwrap();
            assert_eq!(page.lesson_elsewhere(), Some("norms"));
            assert!(page.lesson_html().contains(&t(lang, "view-norms")));
        }
        // "Go to" without a lesson, or on the stage's own view, changes nothing.
        let mut page = Page::new();
        page.apply(Command::parse("lesson-go", Arg::None).unwrap()).unwrap();
        assert_eq!(page.view, "lab");
    }

    /// The "Which axis?" lesson shows the batch its text names, whatever batch the view held
    /// (review40: a batch of (2, 6, 1) stayed, with InstanceNorm1d's refusal, under "The same
    /// (4, 6, 5) batch through four layers").
    #[test]
    fn the_axis_lesson_sets_the_batch_it_names() {
        let mut page = Page::new();
        page.apply(Command::parse("view", Arg::Text("norms".into())).unwrap()).unwrap();
        page.compare = CompareSettings { n: 2, c: 6, l: 1, groups: 2, seed: 7, cell: (1, 0, 0) };
        page.open_lesson("axis", 0).unwrap();
        let c = &page.compare;
        assert_eq!((c.n, c.c, c.l), (4, 6, 5));
        assert!(lessons::find("axis").unwrap().stages[0].text.en.contains("(4, 6, 5)"), "the text names this batch");
        assert_eq!(page.compare, CompareSettings::default());
    }

    /// The fold lesson's Train stage sets up the tutorial's model, whatever the Train view held
    /// (a paper's preset): its text "folds the trained BatchNorm1d into the first nn.Linear",
    /// and the panel then shows the fold, not "Folding is shown for the tutorial's kind of model".
    /// Its answer gives the size of the difference the page shows, over the first steps.
    #[test]
    fn the_fold_lesson_sets_up_the_model_it_folds() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::new();
        page.apply(Command::parse("view", Arg::Text("train".into())).unwrap()).unwrap();
        page.apply(Command::Digits(digits)).unwrap();
        page.apply(Command::parse("t-preset", Arg::Text("santurkar".into())).unwrap()).unwrap();
        page.train.change(TrainSettings { seed: 7, ..page.train.settings.clone() }).unwrap();
        assert!(page.why_not_foldable().is_some());
        page.open_lesson("fold", 1).unwrap();
        assert_eq!(page.view, "train");
        assert_eq!(page.train.settings, TrainSettings::preset("tutorial", 7).unwrap(), "the seed kept");
        let answer = lessons::find("fold").unwrap().stages[1].answer.en;
        let said = "About 10⁻⁷ at first, then about 10⁻⁶, a few 10⁻⁶ at most, once it has trained some tens of steps";
        assert!(answer.starts_with(said), "{answer}");
        let mut largest = 0.0f32;
        for k in 1..=300 {
            page.train.step().unwrap();
            assert!(page.why_not_foldable().is_none());
            let trainer = page.train.trainer.as_ref().unwrap();
            let test = trainer.test_digits();
            let view = crate::core::fold::fold_view(trainer.model(0), &test.images, &[0], 4).unwrap();
            let d = view.largest_difference.unwrap();
            if k <= 5 {
                assert!((5e-8..5e-7).contains(&d), "step {k}: {d}");
            }
            largest = largest.max(d);
            if k == 30 {
                assert!((2e-7..1e-6).contains(&largest), "by step 30: {largest}");
            }
        }
        assert!((1e-6..1e-5).contains(&largest), "{largest}");
        let f = crate::frame::frame(&page);
        assert!(!f.contains("Folding is shown for the tutorial") && f.contains("\"t-export-folded\":false"), "{f}");
    }

    /// A link's training steps and Play measure the test accuracy over frames, between the steps,
    /// and the page stays busy until it is measured (hostile25: 6 × 256 ReLU's was one ~100 ms
    /// task every tenth step). The numbers are those of steps measured at once.
    #[test]
    fn the_train_views_accuracy_is_measured_over_frames() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::new();
        page.apply(Command::View("train".into())).unwrap();
        page.apply(Command::Digits(digits.clone())).unwrap();
        page.train.pending_steps = 10;
        let mut frames = 0;
        while page.busy() {
            let mut calls = 0;
            page.tick(frames as f64 * 16.7, &mut || {
                calls += 1;
                calls <= 3
            });
            frames += 1;
            assert!(frames < 500, "never done");
        }
        let trainer = page.train.trainer.as_ref().unwrap();
        assert_eq!(trainer.steps(), 10);
        let mut whole =
            crate::trainer::Trainer::new(&crate::csv::parse_digits_csv(&digits).unwrap(), page.train.settings.clone())
                .unwrap();
        for _ in 0..10 {
            whole.step().unwrap();
        }
        assert_eq!(trainer.accuracy_history(), whole.accuracy_history());
        // More frames than the steps alone take (3 calls a frame: 4 frames of steps), fewer than
        // a frame a test digit.
        assert!((5..100).contains(&frames), "{frames} frames");
    }

    /// A settings change at the largest network measures the new run's accuracy over frames
    /// (it was one task of ~100 ms in `Trainer::new`), the status saying so; a Step pressed
    /// meanwhile waits for it, then "forgot model.eval()" is measured over frames too (it was
    /// ~150 ms in every frame after a step). The numbers are those measured at once.
    #[test]
    fn a_settings_change_measures_its_accuracy_and_the_eval_report_over_frames() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::new();
        page.apply(Command::View("train".into())).unwrap();
        page.apply(Command::Digits(digits.clone())).unwrap();
        run_frames(&mut page, 1000);
        send(&mut page, "t-batch", text("24")).unwrap();
        send(&mut page, "t-depth", text("6")).unwrap();
        send(&mut page, "t-width", text("256")).unwrap();
        assert_eq!((page.train.settings.depth, page.train.settings.width), (6, 256));
        assert!(page.busy() && page.train.measuring());
        let status = crate::explain::train_status(&page.train, page.lang);
        assert_eq!(status, t(page.lang, "train-status-0-measuring"));
        send(&mut page, "t-step", Arg::None).unwrap();
        assert_eq!(page.train.trainer.as_ref().unwrap().steps(), 0, "the Step waits for the accuracy");
        let (mut frames, mut measured_at) = (0, None);
        while page.busy() {
            page.frame_read();
            let mut calls = 0;
            page.tick(frames as f64 * 16.7, &mut || {
                calls += 1;
                calls <= 2
            });
            frames += 1;
            let trainer = page.train.trainer.as_ref().unwrap();
            if trainer.steps() == 1 && measured_at.is_none() {
                measured_at = Some(frames);
            }
            assert!(frames < 5000, "never done");
        }
        let trainer = page.train.trainer.as_ref().unwrap();
        let mut whole =
            crate::trainer::Trainer::new(&crate::csv::parse_digits_csv(&digits).unwrap(), page.train.settings.clone())
                .unwrap();
        whole.step().unwrap();
        assert_eq!(trainer.accuracy_history(), whole.accuracy_history());
        assert!(measured_at.is_some_and(|f| f > 10), "the accuracy over frames: {measured_at:?}");
        let sizes = crate::trainer::EVAL_REPORT_SIZES;
        assert_eq!(trainer.eval_report_kept(&sizes), Some((1, &whole.eval_report(&sizes))));
        assert!(frames > measured_at.unwrap() + 5, "the report over frames: {frames} frames");
        let html = crate::explain::eval_report_html(&page.train, page.lang);
        assert!(html.contains("<table") && !html.contains(&t(page.lang, "eval-measuring")), "{html}");
    }

    /// What the papers measured (review25: the only misconception without a lesson): each stage
    /// opens the Train view with its paper's preset, says when the setup changed, and never
    /// speaks of folding.
    #[test]
    fn the_papers_lesson_opens_each_papers_preset() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::new();
        page.apply(Command::Digits(digits)).unwrap();
        for (stage, preset) in ["fig1", "santurkar", "wuhe"].into_iter().enumerate() {
            page.open_lesson("papers", stage).unwrap();
            assert_eq!((page.view, page.train.settings.preset_name()), ("train", Some(preset)));
            let text = page.lesson_html();
            assert!(!text.contains("The settings now differ") && !text.contains("fold"), "{text}");
            assert_ne!(lessons::look_at("papers", stage), "fig-distribution");
        }
        page.apply(Command::parse("t-preset", Arg::Text("tutorial".into())).unwrap()).unwrap();
        assert!(page.lesson_html().contains("The settings now differ"));
        // Opened by a link of the lesson alone, as by the menu (it opened the tutorial's model).
        for (stage, preset) in ["fig1", "santurkar", "wuhe"].into_iter().enumerate() {
            let linked = Page::open(&format!("lesson=papers_{stage}&tseed=7"));
            assert_eq!(linked.train.settings.preset_name(), Some(preset));
            assert_eq!(linked.train.settings.seed, 7);
            assert!(!linked.lesson_html().contains("The settings now differ"), "{}", linked.lesson_html());
        }
    }

    /// The fold lesson's Train stage describes folding the tutorial's model: once the Train view
    /// holds another (a paper's preset chosen on the stage, or `tnet=` typed in its link), the
    /// text says the setup changed and that nothing folds now, with the fold panel's reason
    /// (review22: it still said "scroll to 'fold it into the Linear before it'").
    #[test]
    fn the_fold_lesson_says_when_the_model_does_not_fold() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::new();
        page.apply(Command::Digits(digits.clone())).unwrap();
        page.open_lesson("fold", 1).unwrap();
        page.train.step().unwrap();
        let text = page.lesson_html();
        assert!(!text.contains("The settings now differ") && !text.contains("Nothing to fold"), "{text}");
        page.apply(Command::parse("t-preset", Arg::Text("fig1".into())).unwrap()).unwrap();
        page.train.step().unwrap();
        assert!(page.why_not_foldable().is_some());
        let text = page.lesson_html();
        assert!(text.contains("The settings now differ"), "{text}");
        assert!(text.contains("Nothing to fold in the Train view now: Folding is shown for the tutorial's"), "{text}");
        assert!(text.contains("Choose the preset “the tutorial's model”"), "{text}");
        page.lang = Lang::ZhHant;
        assert!(
            page.lesson_html().contains("現在訓練畫面沒有可以折疊的：折疊只對教學那種模型顯示"),
            "{}",
            page.lesson_html()
        );
        // The same from a link that names another network.
        let mut linked = Page::from_query("lesson=fold_1&lang=en&tnet=3_100_sigmoid");
        linked.apply(Command::Digits(digits)).unwrap();
        linked.train.step().unwrap();
        assert_eq!(linked.view, "train");
        let text = linked.lesson_html();
        assert!(text.contains("(2/2)") && text.contains("Nothing to fold in the Train view now"), "{text}");
    }

    /// A BatchNorm1d opened from the Train view has γ and β that training learned: the lab's
    /// PyTorch code says so, not "as set on the page" (review22); once γ is set on the page
    /// too, it says both; a fresh layer (Reset) is set on the page again.
    #[test]
    fn the_code_of_an_opened_layer_says_its_gamma_was_learned() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::from_query("view=train");
        page.apply(Command::Digits(digits)).unwrap();
        for _ in 0..50 {
            page.train.step().unwrap();
        }
        page.apply(Command::parse("t-open-layer-1", Arg::None).unwrap()).unwrap();
        assert_eq!(page.view, "lab");
        let code = crate::explain::pytorch_code(&page.lab, Lang::En);
        assert!(code.contains("γ and β as training left them (model A of “Train on digits”)"), "{code}");
        assert!(!code.contains("as set on the page"), "{code}");
        let hans = crate::explain::pytorch_code(&page.lab, Lang::ZhHans);
        assert!(hans.contains("γ 和 β 是训练后的值"), "{hans}");
        page.lab.set_gamma_beta(2.0, 0.5).unwrap();
        let code = crate::explain::pytorch_code(&page.lab, Lang::En);
        assert!(
            code.contains("as training left them (model A of “Train on digits”), then as set on the page"),
            "{code}"
        );
        page.apply(Command::parse("reset", Arg::None).unwrap()).unwrap();
        page.lab.set_gamma_beta(2.0, 0.5).unwrap();
        let code = crate::explain::pytorch_code(&page.lab, Lang::En);
        assert!(code.contains("γ and β as set on the page") && !code.contains("training left"), "{code}");
    }

    /// Fig. 1's model A has three BatchNorm1d layers: the Train view offers one button per layer,
    /// named by its hidden layer and its place in the code (`model_a[4]`), and each opens that
    /// layer on its own input, the notice naming it (the one button opened the first, whichever
    /// a student meant).
    #[test]
    fn each_batchnorm_of_model_a_opens_by_its_own_button() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::from_query("view=train&tpreset=fig1");
        page.apply(Command::Digits(digits)).unwrap();
        for _ in 0..3 {
            page.train.step().unwrap();
        }
        let f = crate::frame::frame(&page);
        for (h, i) in [(1, 1), (2, 4), (3, 7)] {
            let label = format!("Open the BatchNorm1d of hidden layer {h} (model_a[{i}]) in the main view");
            assert!(f.contains(&label), "no button {label:?}: {f}");
            assert!(f.contains(&format!("\"t-open-layer-{h}\":false")), "button {h} hidden");
        }
        assert!(f.contains("\"t-open-layer-4\":true"), "a fourth button for a model of three");
        let trainer = page.train.trainer.as_ref().unwrap();
        let (second, input, _) = trainer.layer_and_its_input(2, 64).unwrap();
        let (first, _, _) = trainer.layer_and_its_input(1, 64).unwrap();
        assert_ne!(second.running().unwrap().mean, first.running().unwrap().mean, "the second is not the first");
        // Its input is what the Linear before it gives (model_a[3]), not the pixels or model_a[0].
        let mut model = trainer.model(0).clone();
        let (x, _) = trainer.test_digits().batch(&(0..64).collect::<Vec<_>>()).unwrap();
        model.forward(&x, false).unwrap();
        assert_eq!(input, model.layer_output(3));
        page.apply(Command::parse("t-open-layer-2", Arg::None).unwrap()).unwrap();
        assert_eq!(page.view, "lab");
        assert_eq!(page.lab.layer().running().unwrap().mean, second.running().unwrap().mean);
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("hidden layer 2 (model_a[4], BatchNorm1d(100)"), "{said}");
        assert!(said.contains("the Linear layer before it (model_a[3])"), "{said}");
    }

    /// A trained layer opened in the BatchNorm1d view: the status says which count is the
    /// page's steps and which the layer's num_batches_tracked ("Step 1 · eval mode ·
    /// num_batches_tracked = 3" read as one count), in each language; a plain run, whose two
    /// counts agree, says nothing more.
    #[test]
    fn the_status_of_an_opened_layer_says_whose_count_is_whose() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::from_query("view=train");
        page.apply(Command::Digits(digits)).unwrap();
        for _ in 0..3 {
            page.train.step().unwrap();
        }
        page.apply(Command::parse("t-open-layer-1", Arg::None).unwrap()).unwrap();
        assert_eq!(page.lab.steps(), 1);
        let status = |lang| crate::explain::status(&page.lab, lang);
        let en = status(Lang::En);
        assert!(
            en.starts_with("Step 1 · eval mode · num_batches_tracked = 3 (the layer's own count of train-mode batches, not the page's steps) · feature 0:"),
            "{en}"
        );
        assert!(status(Lang::ZhHant)
            .contains("num_batches_tracked = 3（這一層自己在訓練模式計入的批次數，不是頁面的步數）"));
        assert!(status(Lang::ZhHans)
            .contains("num_batches_tracked = 3（这一层自己在训练模式下计入的批量数，不是页面的步数）"));
        let mut plain = Page::new();
        plain.apply(Command::parse("step", Arg::None).unwrap()).unwrap();
        let said = crate::explain::status(&plain.lab, Lang::En);
        assert!(said.contains("num_batches_tracked = 2 · feature"), "{said}");
    }

    #[test]
    fn lesson_one_counts_the_refused_batch() {
        let mut page = Page::new();
        page.open_lesson("one", 0).unwrap();
        assert_eq!(page.lab.layer().running().map(|r| r.num_batches_tracked), Some(6));
        assert!(page.lab.refusal().is_some());
    }

    /// A link to the Train view keeps its notice when the digits arrive (their loading cleared it
    /// as if the student had acted).
    #[test]
    fn a_link_to_the_train_view_keeps_its_notice_as_the_digits_come() {
        let mut page = Page::from_query("view=train&tsteps=5&lr=abc");
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        page.apply(Command::Digits(digits)).unwrap();
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("lr=abc — not a number"), "{said}");
    }

    /// A refused number is quoted as a student writes it, every digit kept, in every language:
    /// `seed=4294967296` said "(got 4.294967296e9)", Rust's exponent form.
    #[test]
    fn a_refused_number_reads_as_written() {
        for lang in ["en", "zh-Hant", "zh-Hans"] {
            let page = Page::from_query(&format!("seed=4294967296&n=10000000000&eps=1.5&lang={lang}"));
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            for number in ["4294967295", "4294967296", "10000000000", "1.5"] {
                assert!(said.contains(number), "{said}");
            }
            assert!(!said.contains("e9") && !said.contains("e10"), "{said}");
        }
        let mut page = Page::from_query("");
        let refused = send(&mut page, "seed", text("4294967296")).unwrap_err();
        assert!(page.message(&refused).contains("(got 4294967296)"), "{}", page.message(&refused));
    }

    /// "Which axis?": every number of cmp= out of bounds is named, and a cell outside the batch
    /// is said and moved inside it (the address then agrees).
    #[test]
    fn a_comparison_link_names_each_bad_number_and_cell() {
        let page = Page::from_query("view=norms&cmp=99_99_99_99_1");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        for bound in ["(got 99); ", "groups G"] {
            assert!(said.contains(bound), "{said}");
        }
        assert_eq!(said.matches("(got 99)").count(), 4, "{said}");
        let page = Page::from_query("view=norms&cmp=4_6_5_4_1&cell=9_2_1&lang=zh-Hans");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("cell=9_2_1：不存在样本 9"), "{said}");
        assert_eq!(page.compare.cell, CompareSettings::default().cell, "left at the default, as said");
        assert!(page.query().contains("cell=1_2_0"), "{}", page.query());
        // A batch of one sample: the page's own default cell (sample 1) moves without a note
        // about a cell= the link did not have (hostile35).
        let page = Page::from_query("view=norms&cmp=1_4_1_4_1");
        assert_eq!(page.notice.map(|n| n.text), None);
        assert_eq!(page.compare.cell.0, 0);
    }

    /// At L = 1 the batch is an input (N, C), as the L box says: it has no positions, so a link's
    /// cell with a position is not told "valid ones are 0 to 0" (a position the page itself
    /// says there is not), but that an input (N, C) has none, in the three languages.
    #[test]
    fn a_cell_with_a_position_in_an_input_n_c_is_told_it_has_none() {
        for (lang, words) in [
            ("en", "cell=1_2_3 — an input (N, C) (L = 1) has no positions: the last number is 0"),
            ("zh-Hant", "cell=1_2_3：輸入 (N, C)（L = 1）沒有位置：最後一個數是 0"),
            ("zh-Hans", "cell=1_2_3：输入 (N, C)（L = 1）没有位置：最后一个数是 0"),
        ] {
            let page = Page::from_query(&format!("view=norms&cmp=4_6_1_2_1&cell=1_2_3&lang={lang}"));
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            assert!(said.contains(words) && !said.contains("0 to 0") && !said.contains("0 到 0"), "{lang}: {said}");
            assert_eq!(page.compare.cell, (1, 2, 0));
        }
        // With positions, a position past the last is told as before.
        let page = Page::from_query("view=norms&cmp=4_6_2_2_1&cell=1_2_3");
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.contains("cell=1_2_3 — there is no position 3: valid ones are 0 to 1"), "{said}");
    }

    /// A chosen file over the limit is refused by its size, named, in the three languages
    /// (main.js sends only its size); nothing changes.
    /// A chart's download is named for what it is, in ASCII whatever the language: the view, the
    /// chart and the step it shows ("chart-distribution.svg" said only which canvas it was).
    #[test]
    fn a_downloaded_chart_is_named_for_its_view_chart_and_step() {
        for lang in ["en", "zh-Hant", "zh-Hans"] {
            let mut page = Page::from_query(&format!("lang={lang}"));
            send(&mut page, "step", Arg::None).unwrap();
            send(&mut page, "step", Arg::None).unwrap();
            let steps = page.lab.steps();
            assert_eq!(page.chart_file_stem("chart-distribution"), format!("batchnorm-lab-distribution-step{steps}"));
            assert_eq!(page.chart_file_stem("chart-running"), format!("batchnorm-lab-running-step{steps}"));
            assert_eq!(page.chart_file_stem("chart-norm-grid"), "batchnorm-norms-norm-grid");
            assert_eq!(page.chart_file_stem("chart-batch-sweep"), "batchnorm-train-batch-sweep");
            assert_eq!(page.chart_file_stem("chart-<b>/../x y"), "batchnorm-chart");
        }
    }

    #[test]
    fn a_csv_file_over_the_limit_is_refused_by_its_size() {
        for (lang, over) in
            [("en", "This file is 6000000 bytes"), ("zh-Hant", "6000000 位元組"), ("zh-Hans", "6000000 字节")]
        {
            let mut page = Page::from_query(&format!("lang={lang}"));
            let query = page.query();
            assert!(send(&mut page, "csv-file-too-large", text("6000000")).is_err());
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            assert!(said.contains(over) && said.contains("4194304"), "{said}");
            assert_eq!(page.query(), query);
        }
    }

    /// The Backward panel on "random weights" at N·C = 2 Mi: its 2 million weights are made a
    /// frame's share at a time, the progress bar and the panel saying so (made at once, they held
    /// the page for 340-580 ms when the panel opened), then its numbers, as made at once.
    #[test]
    fn large_random_weights_are_made_over_frames() {
        let mut page = Page::from_query("n=2048&c=1024&bwd=random_3");
        let mut frames = 0;
        while page.opening.is_some() {
            page.frame_read();
            page.tick(0.0, &mut || true);
        }
        assert!(page.backward_open && page.weights_waiting() && page.busy());
        let f = crate::frame::frame(&page);
        assert!(f.contains(r#""opening-text":"Making the random weights w of ∂L/∂y for the Backward panel""#), "{f}");
        assert!(f.contains(r#""backward-steps":"\u003cp>Making the random weights"#), "{f}");
        let mut seen = vec![];
        while page.weights_waiting() {
            page.frame_read();
            page.tick(0.0, &mut || false);
            seen.extend(page.weights_progress());
            frames += 1;
        }
        assert!(frames > 100 && seen.windows(2).all(|p| p[0] < p[1]), "{frames} frames: {seen:?}");
        let view = page.backward_view().unwrap();
        let shape = page.lab.trace().unwrap().shape;
        let (s, choice) = (page.lab.settings(), page.upstream_gradient());
        let at_once =
            crate::backward::grad_output(&choice, &page.lab.trace().unwrap().output, &shape, s.feature, s.sample);
        assert_eq!(view.grad_output, at_once.unwrap());
        assert!(crate::frame::frame(&page).contains(r#""sum-gradients":"Feature"#));
    }

    /// A chosen file or a paste that cannot be a batch (more lines that are not blank than a
    /// header and 4096 rows, under the byte limit) is refused at once with the reader's words,
    /// and nothing of it goes into the box (2 million lines put there froze the page for 30 s
    /// and more). One that can be goes into the box without its blank lines when it has more
    /// lines than a batch (4 million blank lines and two rows took 84 s): the same batch.
    #[test]
    fn a_csv_that_cannot_be_a_batch_never_reaches_the_box() {
        let many = "7\n".repeat(2_000_000); // 4 000 000 bytes, under the limit
        let header_and_rows = format!("a\n{}", "1\n".repeat(4096));
        for (lang, over) in [("en", "more than 4096 rows"), ("zh-Hant", "超過 4096 列"), ("zh-Hans", "超过 4096 行")]
        {
            let mut page = Page::from_query(&format!("lang={lang}"));
            let query = page.query();
            for action in ["csv-file", "csv-paste"] {
                for bad in [many.clone(), format!("{header_and_rows}\n\n2\n")] {
                    assert!(send(&mut page, action, text(&bad)).is_err());
                    let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
                    let expected = crate::i18n::refusal_message(&parse_batch(&bad, 0).unwrap_err(), page.lang);
                    assert!(said.contains(over) && said.contains("4098") && said == expected, "{said}");
                    assert_eq!(
                        (page.csv_fill_ready(), page.query()),
                        (None, query.clone()),
                        "{action} changed the page"
                    );
                }
            }
        }
        let mut page = Page::new();
        for (action, how) in [("csv-file", "file"), ("csv-paste", "paste")] {
            // A header and the largest batch's rows, blank lines between them: all kept.
            let largest = header_and_rows.replace('\n', "\n\n");
            send(&mut page, action, text(&largest)).unwrap();
            assert_eq!(page.csv_fill_ready(), Some(how));
            assert_eq!(page.take_csv_fill().as_deref(), Some(largest.replace("\n\n", "\n").as_str()));
            let spaced = format!("{}1,2\r\n  \n3,4\n\n", "\n".repeat(4_000_000));
            send(&mut page, action, text(&spaced)).unwrap();
            let kept = page.take_csv_fill().unwrap();
            assert_eq!(kept, "1,2\r\n3,4\n");
            assert_eq!(parse_batch(&kept, 0), parse_batch(&spaced, 0), "the same batch");
            assert_eq!((page.csv_fill_ready(), page.take_csv_fill()), (None, None), "taken once");
            // A text of no more lines than a batch goes in as it is.
            send(&mut page, action, text("x,y\n\n1,2\n")).unwrap();
            assert_eq!(page.take_csv_fill().as_deref(), Some("x,y\n\n1,2\n"));
        }
    }

    /// A chosen file too long for the box (4 MB laid out there froze the page for a second)
    /// stays in the page: the box shows what it is, the notice says it, and Use reads the whole
    /// file as long as the box's text is the one shown; edited, the box's text is read. A short
    /// file goes into the box as it is.
    #[test]
    fn a_long_chosen_file_is_kept_and_the_box_shows_what_it_is() {
        let rows: String = (0..4000).map(|i| format!("{}.5000,{}.2500,{}.1250\n", i % 7, i % 5, i % 3)).collect();
        let file = format!("a,b,c\n{rows}");
        assert!(file.len() > BOX_BYTES);
        for (lang, words) in [
            ("en", "4001 lines, the first of 3 columns"),
            ("zh-Hant", "4001 列，第一列有 3 欄"),
            ("zh-Hans", "4001 行，第一行有 3 列"),
        ] {
            let mut page = Page::from_query(&format!("lang={lang}"));
            send(&mut page, "csv-file", text(&file)).unwrap();
            let shown = page.take_csv_fill().unwrap();
            let said = page.notice.clone().unwrap().text;
            assert!(said.contains(words) && said.contains(&file.len().to_string()), "{said}");
            assert_eq!(shown, format!("{said}\na,b,c\n0.5000,0.2500,0.1250\n1.5000,1.2500,1.1250\n2.5000,2.2500,2.1250\n3.5000,3.2500,0.1250\n…\n"));
            send(&mut page, "csv-use", text(&shown)).unwrap();
            while page.busy() {
                frame_of(&mut page, 2);
            }
            assert_eq!(page.lab.settings().batch_size, 4000, "{lang}: Use read the file");
            send(&mut page, "csv-use", text("x,y\n1,2\n3,4\n")).unwrap();
            assert_eq!(page.lab.settings().batch_size, 2, "{lang}: an edited box is read");
            send(&mut page, "csv-file", text("x,y\n1,2\n")).unwrap();
            assert_eq!(page.take_csv_fill().as_deref(), Some("x,y\n1,2\n"), "a short file goes into the box");
            let said = page.notice.clone().unwrap().text;
            assert!(
                said.contains("Step with this data") || said.contains("执行一步") || said.contains("執行一步"),
                "{said}"
            );
            assert!(send(&mut page, "csv-use", text(&shown)).is_err(), "{lang}: the long file was let go");
        }
    }

    /// A paste too long for the box is kept as a long file is, and said as pasted text: 2 MB in
    /// one line, laid out in the box, froze the page for a second (hostile40). A short paste goes
    /// in at the cursor as before.
    #[test]
    fn a_long_paste_is_kept_as_a_long_file_is() {
        let row = |r: usize| (0..1000).map(|c| format!("{}.25", (r + c) % 9)).collect::<Vec<_>>().join(",");
        let pasted = (0..20).map(row).collect::<Vec<_>>().join("\n");
        assert!(pasted.len() > BOX_BYTES);
        let mut page = Page::new();
        send(&mut page, "csv-paste", text(&pasted)).unwrap();
        let shown = page.take_csv_fill().unwrap();
        let said = page.notice.clone().unwrap().text;
        assert!(said.starts_with(&format!("A pasted text of {} bytes: 20 lines", pasted.len())), "{said}");
        assert!(shown.starts_with(&said) && shown.len() < BOX_BYTES, "{} bytes in the box", shown.len());
        send(&mut page, "csv-use", text(&shown)).unwrap();
        while page.busy() {
            frame_of(&mut page, 2);
        }
        assert_eq!(
            (page.lab.settings().batch_size, page.lab.settings().layer.num_features),
            (20, 1000),
            "Use read it whole"
        );
        send(&mut page, "csv-paste", text("1,2\n")).unwrap();
        assert_eq!(page.take_csv_fill().as_deref(), Some("1,2\n"), "a short paste goes into the box");
    }

    /// A long file's summary, edited in the box, then Use: the box no longer holds the file and
    /// says so, changing nothing ("CSV row 3, column 15: not a number" blamed the student's file
    /// for a cell the page had cut with "…"): a character typed at its end, after a cut line or
    /// in the sentence, the sentence deleted, in any language. A CSV of the student's in its
    /// place is read. One line is "1 line", one column "1 column"; the size is the text's bytes,
    /// its byte-order mark counted (the file's size).
    #[test]
    fn an_edited_summary_of_a_chosen_file_is_not_read_as_a_csv() {
        let long = (0..16).map(|i| format!("{i}.{}", "1".repeat(4800))).collect::<Vec<_>>().join(",");
        let row: String = (0..16).map(|i| format!("{i}.25")).collect::<Vec<_>>().join(",");
        let file = format!("\u{feff}{long}\n{}", format!("{row}\n").repeat(4000));
        assert!(file.len() > BOX_BYTES);
        for lang in ["en", "zh-Hant", "zh-Hans"] {
            let mut page = Page::from_query(&format!("lang={lang}"));
            send(&mut page, "csv-file", text(&file)).unwrap();
            let shown = page.take_csv_fill().unwrap();
            let (said, query, n) = (page.notice.clone().unwrap().text, page.query(), page.lab.settings().batch_size);
            assert!(said.contains(&file.len().to_string()), "{said}");
            let lines = shown.lines().collect::<Vec<_>>();
            let edits = [
                format!("{shown}x"),
                format!("{shown} "),
                shown.replacen("…\n", "…x\n", 1),
                shown.replacen(&lines[0][..6], &format!("{}9", &lines[0][..6]), 1),
                lines[1..].join("\n"),
                lines[..lines.len() - 1].join("\n"),
            ];
            for edited in edits {
                assert_eq!(
                    send(&mut page, "csv-use", text(&edited)),
                    Err(Refusal::ChosenCsvEdited),
                    "{lang}: {edited}"
                );
                let notice = page.notice.clone().unwrap();
                assert!(
                    notice.error && notice.text == crate::i18n::refusal_message(&Refusal::ChosenCsvEdited, page.lang)
                );
                assert_eq!((page.query(), page.lab.settings().batch_size), (query.clone(), n), "{lang}: changed");
            }
            send(&mut page, "csv-use", text("x,y\n1,2\n3,4\n")).unwrap();
            assert_eq!(page.lab.settings().batch_size, 2, "{lang}: a CSV of the student's is read");
            send(&mut page, "csv-use", text(&shown)).unwrap();
            while page.busy() {
                frame_of(&mut page, 2);
            }
            assert_eq!(page.lab.settings().batch_size, 4001, "{lang}: the box as shown reads the file");
        }
        let mut page = Page::from_query("lang=en");
        send(&mut page, "csv-file", text(&format!("{long}\n"))).unwrap();
        let said = page.notice.clone().unwrap().text;
        assert!(
            said.starts_with(&format!(
                "A file of {} bytes is chosen: 1 line, the first of 16 columns.",
                long.len() + 1
            )),
            "{said}"
        );
        let one = format!("{}\n", "7".repeat(BOX_BYTES + 1));
        send(&mut page, "csv-file", text(&one)).unwrap();
        assert!(page.notice.clone().unwrap().text.contains(": 1 line, the first of 1 column."));
        // A short file with a byte-order mark: the box shows its text without it.
        send(&mut page, "csv-file", text("\u{feff}x,y\n1,2\n")).unwrap();
        assert_eq!(page.take_csv_fill().as_deref(), Some("x,y\n1,2\n"));
    }

    /// The page's language changed: a long chosen file's summary in the box is said again in the
    /// new language ("summary": it stayed in the old one), replacing only the old summary (the
    /// page checks the box still holds `csv_fill_over`); Use of either reads the file.
    #[test]
    fn a_chosen_file_s_summary_follows_the_language() {
        let file = format!("a,b\n{}", "1.50000000,2.50000000\n".repeat(4000));
        let mut page = Page::from_query("lang=en");
        send(&mut page, "csv-file", text(&file)).unwrap();
        let english = page.take_csv_fill().unwrap();
        send(&mut page, "lang-select", text("zh-Hant")).unwrap();
        assert_eq!((page.csv_fill_ready(), page.csv_fill_over()), (Some("summary"), english.as_str()));
        let chinese = page.take_csv_fill().unwrap();
        assert!(chinese.starts_with(&format!("已選擇 {} 位元組的檔案：4001 列", file.len())), "{chinese}");
        assert_eq!(
            chinese.split_once('\n').unwrap().1,
            english.split_once('\n').unwrap().1,
            "the same lines of the file"
        );
        // Chosen and the language changed in one frame: the file's fill, in the new language.
        send(&mut page, "csv-file", text(&file)).unwrap();
        send(&mut page, "lang-select", text("zh-Hans")).unwrap();
        assert_eq!(page.csv_fill_ready(), Some("file"));
        assert!(page.take_csv_fill().unwrap().starts_with("已选择 "));
        for shown in [english, chinese] {
            send(&mut page, "csv-use", text(&shown)).unwrap();
            while page.busy() {
                frame_of(&mut page, 2);
            }
            assert_eq!(page.lab.settings().batch_size, 4000);
            send(&mut page, "csv-generated", Arg::None).unwrap();
        }
        // No chosen file, no summary.
        let mut page = Page::from_query("lang=en");
        send(&mut page, "lang-select", text("zh-Hans")).unwrap();
        assert_eq!(page.csv_fill_ready(), None);
    }

    /// A sweep stopped by a change of the models it measures (the width, a preset) says so in the
    /// notice, in the page's language (it vanished without a word); Cancel says nothing of it.
    #[test]
    fn a_sweep_stopped_by_a_change_says_so() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        for lang in ["en", "zh-Hant", "zh-Hans"] {
            let mut page = Page::from_query(&format!("view=train&lang={lang}"));
            page.apply(Command::Digits(digits.clone())).unwrap();
            let (code, lang) = (lang, page.lang);
            send(&mut page, "t-sweep", Arg::None).unwrap();
            page.tick(0.0, &mut || false);
            send(&mut page, "t-width", text("16")).unwrap();
            assert!(page.train.sweep.is_none());
            assert_eq!(page.notice.clone().map(|n| n.text), Some(t(lang, "sweep-stopped")), "{code}: the width");
            send(&mut page, "t-bsweep", Arg::None).unwrap();
            send(&mut page, "t-preset", text("fig1")).unwrap();
            assert!(page.train.batch_sweep.is_none());
            assert_eq!(page.notice.clone().map(|n| n.text), Some(t(lang, "bsweep-stopped")), "{code}: a preset");
            send(&mut page, "t-sweep", Arg::None).unwrap();
            send(&mut page, "t-sweep-cancel", Arg::None).unwrap();
            assert_eq!(page.notice, None, "{code}: Cancel");
        }
    }

    /// A file or a paste that is not text (random bytes) is refused at once in the student's
    /// words, nothing of it in the box and nothing changed (it was read as "separated by tabs").
    #[test]
    fn a_file_that_is_not_text_is_refused() {
        let bytes: String = "1,2\n3,4\n\u{0}\u{fffd}\u{7}x".into();
        for (lang, file, paste) in [
            ("en", "This file is not a text file: line 3", "What you pasted is not plain text: line 3"),
            ("zh-Hant", "這個檔案不是文字檔：第 3 列", "你貼上的不是純文字：第 3 列"),
            ("zh-Hans", "这个文件不是文本文件：第 3 行", "你粘贴的不是纯文本：第 3 行"),
        ] {
            let mut page = Page::from_query(&format!("lang={lang}"));
            let query = page.query();
            for (action, words) in [("csv-file", file), ("csv-paste", paste)] {
                assert!(send(&mut page, action, text(&bytes)).is_err());
                let said = page.notice.clone().unwrap().text;
                assert!(said.starts_with(words), "{said}");
                assert_eq!((page.csv_fill_ready(), page.query()), (None, query.clone()));
            }
        }
    }

    /// A CSV over the limit is said to be more than it, in the three languages: the page hands
    /// over a chosen file cut at one byte over, whose length is not the file's ("This CSV has
    /// 4194305 characters" of a 6 MB file). Nothing changes.
    #[test]
    fn a_csv_over_the_limit_is_said_to_be_over_it() {
        let cut = "1,2\n".repeat(MAX_CSV_BYTES / 4) + "1"; // what main.js passes of a larger file
        for (lang, over) in
            [("en", "more than 4194304 bytes"), ("zh-Hant", "超過 4194304 位元組"), ("zh-Hans", "超过 4194304 字节")]
        {
            let mut page = Page::from_query(&format!("lang={lang}"));
            let query = page.query();
            assert!(page.apply(Command::Csv(cut.clone())).is_err());
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            assert!(said.contains(over) && !said.contains(&cut.len().to_string()), "{said}");
            assert_eq!(page.query(), query, "a CSV over the limit changed the page");
        }
    }

    /// A link's notice ends with one full stop in each language, also when its list ends with
    /// a refusal that is a sentence of its own ("… (got 100).." was said).
    #[test]
    fn a_link_notice_ends_with_one_full_stop() {
        for query in ["view=train&tnet=1_64_tanh&tbs=100&unit=100", "n=4096&c=1024", "n=4096&c=1024&zzz=1"] {
            for lang in ["en", "zh-Hant", "zh-Hans"] {
                let page = Page::from_query(&format!("{query}&lang={lang}"));
                let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
                assert!(said.ends_with(['.', '。']), "{said}");
                for double in ["..", "。。", ".。", "。."] {
                    assert!(!said.contains(double), "{said}");
                }
            }
        }
    }

    /// A name that is none of a control's choices is said as such, with the choices (it was
    /// "The page does not know the action …"), and changes nothing.
    #[test]
    fn a_name_that_is_none_of_the_choices_says_them() {
        let mut page = Page::from_query("view=train");
        let settings = page.train.settings.clone();
        for (command, said) in [
            (
                Command::TrainNorm(1, "<x>".into()),
                "There is no norm named \"<x>\": the choices are none, batchnorm, layernorm, groupnorm.",
            ),
            (
                Command::TrainActivation("gelu".into()),
                "There is no activation named \"gelu\": the choices are relu, sigmoid, tanh.",
            ),
            (
                Command::TrainPreset("vgg".into()),
                "There is no preset named \"vgg\": the choices are tutorial, fig1, santurkar, wuhe.",
            ),
            (Command::View("zoo".into()), "There is no view named \"zoo\": the choices are lab, norms, train."),
            (
                Command::Upstream("down".into()),
                "There is no upstream gradient named \"down\": the choices are one, pull, random.",
            ),
            (
                Command::Distribution("cauchy".into()),
                "There is no distribution named \"cauchy\": the choices are normal, uniform, skewed, outliers.",
            ),
        ] {
            assert!(page.apply(command).is_err());
            assert_eq!(page.notice.clone().map(|n| n.text).as_deref(), Some(said));
            assert_eq!(page.train.settings, settings);
        }
        let mut page = Page::from_query("view=train&lang=zh-Hant");
        assert!(page.apply(Command::TrainActivation("gelu".into())).is_err());
        let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
        assert_eq!(said, "沒有名為「gelu」的激勵函數：可選的有 relu、sigmoid、tanh。");
    }

    /// A link of many unknown keys lists a dozen and counts the rest (100 000 filled the screen).
    #[test]
    fn a_link_of_many_unread_parts_lists_a_dozen() {
        let query: String = (0..100_000).map(|i| format!("k{i}=1&")).collect();
        for (lang, more) in
            [("en", "and 99988 more."), ("zh-Hans", "另外还有 99988 个。"), ("zh-Hant", "另外還有 99988 個。")]
        {
            let page = Page::from_query(&format!("{query}lang={lang}"));
            let said = page.notice.clone().map(|n| n.text).unwrap_or_default();
            assert!(said.ends_with(more), "{said}");
            assert!(said.contains("k11=1") && !said.contains("k12=1"), "{said}");
        }
    }

    /// A key given twice names the key, in the three languages (the last was read silently).
    #[test]
    fn a_repeated_link_key_is_named() {
        let expect = [
            ("en", "The link sets n 2 times; the page reads only the last, n=16."),
            ("zh-Hant", "連結設定了 2 次 n；頁面只讀最後一個：n=16。"),
            ("zh-Hans", "链接设置了 2 次 n；页面只读最后一个：n=16。"),
        ];
        for (lang, sentence) in expect {
            let page = Page::from_query(&format!("n=8&lang={lang}&n=16"));
            assert_eq!(page.lab.settings().batch_size, 16);
            assert_eq!(page.notice.clone().map(|n| n.text).as_deref(), Some(sentence));
        }
    }

    #[test]
    fn link_notices_are_text() {
        let page = Page::from_query("zzz=%3Cimg%20src%3Dx%20onerror%3D%22alert(1)%22%3E");
        let notice = page.notice.clone().unwrap();
        assert!(notice.text.contains("<img"), "the notice quotes the link as text: {}", notice.text);
        // Read from the frame's markup itself: its JSON writes every "<" as \u003c, so the
        // frame's own text never holds "<img" whatever its html holds.
        let html = frame_html(&page);
        assert!(html.iter().any(|h| h.contains("<p")), "the frame's markup is read: {html:?}");
        assert!(!html.iter().any(|h| h.contains("<img")), "the frame's html carries markup from the link: {html:?}");
        // Through any key (the keys page.mjs tries in the browser), a typed value's too.
        for key in ["lesson", "dist", "view", "lang", "do", "cmp", "eps", "n"] {
            let page = Page::from_query(&format!("{key}=%3Cimg%20src%3Dx%20onerror%3D%22alert(1)%22%3E"));
            let html = frame_html(&page);
            assert!(!html.iter().any(|h| h.contains("<img")), "{key}=: the frame's html carries markup: {html:?}");
        }
    }

    /// Every markup the frame hands the page (its `html`: what main.js writes as HTML).
    fn frame_html(page: &Page) -> Vec<String> {
        let frame: serde_json::Value = serde_json::from_str(&crate::frame::frame(page)).expect("the frame is JSON");
        let html = frame["html"].as_object().expect("the frame's html");
        html.values().filter_map(|v| v.as_str().map(String::from)).collect()
    }

    /// A CSV's words reach the page as text only, whatever it holds and wherever it is refused:
    /// the frame (its `html` too) carries no markup from it.
    #[test]
    fn csv_values_are_text() {
        let markup = "<img src=x onerror=alert(1)>";
        for csv in [
            format!("a,{markup}\n1,2\n3,4\n"),
            format!("a,b\n1,{markup}\n3,4\n"),
            format!("a,b\n1,2\n3,4\n{markup}\n"),
            format!("{markup}\n"),
        ] {
            let mut page = Page::new();
            let _ = send(&mut page, "csv-use", text(&csv));
            while page.busy() {
                frame_of(&mut page, 2);
            }
            let html = frame_html(&page);
            assert!(html.iter().any(|h| h.contains("<p")), "the frame's markup is read: {html:?}");
            assert!(
                !html.iter().any(|h| h.contains("<img")),
                "markup from the CSV {csv:?} in the frame's html: {html:?}"
            );
        }
    }

    /// A link to a lesson opens it in the full module with its stage's overlay: the first
    /// view's module (which waits for the lessons) hands over no overlay of its own ("-"); its
    /// "off" hid the chart lesson eval is about, and the address then said ov=0.
    #[test]
    fn a_linked_lesson_keeps_its_overlay_through_the_hand_over() {
        let (id, stage) = ("eval", 0);
        assert!(
            lessons::find(id).is_some_and(|l| l.stages[stage].overlay),
            "lesson eval's first stage shows the overlay"
        );
        let mut small = Page::from_query("");
        small.linked_lesson = Some((id.into(), stage));
        let keep = small.keep_query();
        assert!(keep.starts_with("keep=-"), "{keep}");
        let taken = handed_over(&format!("lesson={id}_{stage}&{keep}"));
        assert!(taken.overlay && !taken.query().contains("ov="), "{}", taken.query());
        // And its upstream gradient: lesson 9 opened from a link had the first view's "one"
        // where the menu opens it with random weights (its text says so).
        let mut small = Page::from_query("");
        small.linked_lesson = Some(("gradient".into(), 0));
        let taken = handed_over(&format!("lesson=gradient_0&{}", small.keep_query()));
        let mut menu = Page::from_query("");
        menu.open_lesson("gradient", 0).unwrap();
        assert_eq!(taken.upstream, "random");
        assert_eq!(taken.backward_token(), menu.backward_token());
        // A first view's overlay set by hand still comes across.
        let mut small = Page::from_query("ov=1");
        small.overlay = true;
        let taken = handed_over(&format!("{}&{}", small.query(), small.keep_query()));
        assert!(taken.overlay);
    }

    /// A link the first view's module hands on unopened (`budget=link`: it names another view)
    /// is opened as a link: a link's budget, a link's words. The hand-over's budget is for the
    /// page's own history (a stranger's `do=s3000` at N·C = 2 Mi took 19 minutes).
    #[test]
    fn a_link_handed_on_unopened_is_replayed_as_a_link() {
        let link = "n=4&c=1&do=s10005";
        let keep = Page::from_query("").keep_query();
        let shared = Page::from_query(link);
        assert!(shared.lab.steps() < 10_005, "the link's budget cuts it: {}", shared.lab.steps());
        let as_link = Page::take_over(&format!("{link}&{keep}&budget=link"));
        assert!(!as_link.handing_over(), "a link's replay, said as one");
        let as_link = handed_over(&format!("{link}&{keep}&budget=link"));
        assert_eq!(as_link.lab.steps(), shared.lab.steps());
        assert!(!as_link.query().contains("budget"), "{}", as_link.query());
        let own = handed_over(&format!("{link}&{keep}"));
        assert_eq!(own.lab.steps(), 10_005, "the page's own history comes across whole");
    }

    /// momentum=None: the disabled slider shows what unticking None gives back (a shared link
    /// at None showed the slider at 0 where the sharing page showed 0.1).
    #[test]
    fn the_momentum_slider_at_none_shows_what_unticking_gives_back() {
        let mut page = Page::from_query("mom=none");
        let momentum = crate::controls::get("momentum");
        assert_eq!(page.get(momentum), Some(0.1));
        page.apply(Command::parse("momentum-none", Arg::Bool(false)).unwrap()).unwrap();
        assert_eq!(page.lab.settings().layer.momentum, Some(0.1));
    }

    /// A reload opens the page's own address, which holds only what the page did: its steps
    /// come back whole (a reload during Play at N·C = 2 Mi kept 33 of 81), said as the page's
    /// own, and a key pressed meanwhile waits for them and follows, in order (hostile25: E
    /// during the replay of `do=s12` stopped it at step 2, "Stopped opening the link at step 2
    /// of 12: you took over.", and the address became `do=s2,e`: steps 3–12 gone for good).
    #[test]
    fn a_reload_replays_the_students_own_steps_whole() {
        let own = "n=4&c=1&do=s10005";
        assert!(Page::from_query(own).lab.steps() < 10_005, "a link's budget cuts it");
        let mut page = Page::reopen(own);
        assert!(page.reopening() && !page.handing_over());
        let frame = crate::frame::frame(&page);
        assert!(frame.contains("Reopening the page") && frame.contains("what you do meanwhile follows"), "{frame}");
        while page.opening.is_some() {
            page.advance_opening(&mut |_| true);
        }
        assert_eq!(page.lab.steps(), 10_005);
        let mut pressed = Page::reopen(own);
        assert!(pressed.reopening(), "the replay still runs");
        for (name, arg) in [("mode", text("eval")), ("step", Arg::None)] {
            send(&mut pressed, name, arg).unwrap();
            assert!(pressed.reopening(), "{name} does not stop the reload's replay");
            assert_eq!(pressed.query(), Page::reopen(own).query(), "{name}: the address keeps every step meanwhile");
        }
        run_frames(&mut pressed, 100_000);
        assert_eq!(pressed.lab.steps(), 10_006, "every step of the reload, then the Step pressed");
        assert!(!pressed.lab.settings().training, "E, after the replay");
        assert!(pressed.query().contains("do=s10005,e,s1"), "{}", pressed.query());
        let said = pressed.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(!said.contains("link") && !said.contains("took over"), "{said}");
        // A stranger's link is still taken over by the first key (by design).
        let mut link = Page::open(own);
        send(&mut link, "mode", text("eval")).unwrap();
        run_frames(&mut link, 100_000);
        assert!(link.lab.steps() < 10_005, "a key stops a link's opening: {}", link.lab.steps());

        // A reload after the student's CSV: no link is blamed (hostile24: "Some parts of the
        // link could not be used … own=1 (this link was made with data a link cannot carry").
        let mut csv = Page::reopen("n=4&c=1&own=1&do=s2");
        while csv.opening.is_some() {
            csv.advance_opening(&mut |_| true);
        }
        let said = csv.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.starts_with("A reload does not keep your own data") && !said.contains("link"), "{said}");
    }

    /// The page writes the Train view's steps, however many, into its address and reopens them:
    /// a reload after 3522 steps came back untrained, "Some parts of the link could not be used
    /// …: tsteps=3522 — tsteps must be a whole number from 0 to 3000". A reload (the page's own
    /// history) replays within the hand-over's budget; a stranger's link within a link's, and
    /// says what it left out; the address stands for every step while they are redone.
    #[test]
    fn a_reload_reopens_every_training_step() {
        let reload = Page::reopen("view=train&tsteps=3522");
        assert_eq!((reload.train.pending_steps, reload.notice.clone()), (3522, None));
        assert!(reload.query().contains("tsteps=3522"), "{}", reload.query());
        // Its link to share opens 3000 of them: Share and Copy link say so (hostile37).
        assert!(!reload.share_replays_whole() && Page::reopen("view=train&tsteps=3000").share_replays_whole());
        let link = Page::open("view=train&tsteps=3522");
        assert_eq!(link.train.pending_steps, crate::trainer::MAX_TRAIN_REPLAY);
        let said = link.notice.clone().map(|n| n.text).unwrap_or_default();
        assert_eq!(
            said,
            "tsteps= asks for more training steps than a link may replay: the page runs 3000 and leaves out 522."
        );
        assert!(link.query().contains("tsteps=3000"), "{}", link.query());
        // Beyond even a reload's budget: said as the student's own steps, not a link's.
        let most = crate::trainer::MAX_TRAIN_REPLAY * crate::lab::HANDOVER_BUDGET_SCALE;
        let long = Page::reopen(&format!("view=train&tsteps={}", most + 7));
        assert_eq!(long.train.pending_steps, most);
        let said = long.notice.clone().map(|n| n.text).unwrap_or_default();
        assert!(said.starts_with(&format!("Your {} training steps", most + 7)) && !said.contains("link"), "{said}");
        assert!(said.ends_with("leaves out 7."), "{said}");

        // Redone a frame's share at a time, with progress, the address whole meanwhile.
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::reopen("view=train&tsteps=12");
        page.apply(Command::Digits(digits.clone())).unwrap();
        // (The step-0 accuracy first: 7 shares of the tutorial's 360 test digits.)
        frame_of(&mut page, 12);
        let done = page.train.trainer.as_ref().map(|t| t.steps()).unwrap();
        assert!(done > 0 && done < 12, "{done} steps in a frame of 12 looks");
        assert!(page.query().contains("tsteps=12"), "{}", page.query());
        let frame = crate::frame::frame(&page);
        assert!(frame.contains(&format!("Your training steps are redone: step {done} of 12")), "{frame}");
        run_frames(&mut page, 100);
        assert_eq!(page.train.trainer.as_ref().map(|t| t.steps()), Some(12));
        // Reset meanwhile is Reset: the steps still to redo went on over the fresh models.
        let mut reset = Page::reopen("view=train&tsteps=12");
        reset.apply(Command::Digits(digits)).unwrap();
        frame_of(&mut reset, 3);
        send(&mut reset, "t-reset", Arg::None).unwrap();
        run_frames(&mut reset, 100);
        assert_eq!(reset.train.trainer.as_ref().map(|t| t.steps()), Some(0));
        assert!(!reset.query().contains("tsteps"), "no steps to write: {}", reset.query());
    }

    /// The "?" list says which view each key works in (it listed E and ← → for the Train view,
    /// where they do nothing): each view's keys act there, and E and the arrows not in Train.
    #[test]
    fn the_shortcut_list_names_the_view_of_each_key() {
        let list = t(Lang::En, "shortcut-list");
        let train_part = list.split("In BatchNorm1d:").next().unwrap_or_default();
        assert!(train_part.contains("Train on digits") && !train_part.contains("<kbd>E</kbd>"), "{list}");
        let mut page = Page::from_query("view=train");
        for key in ["e", "E", "ArrowLeft", "ArrowRight"] {
            assert_eq!(page.key(key).ok(), Some(false), "{key} acts in the Train view");
        }
        let mut page = Page::from_query("view=norms");
        assert_eq!(page.key("ArrowDown").ok(), Some(true), "the list says the arrows move the cell");
    }

    /// The single-key shortcuts can be turned off (WCAG 2.1.4): then no key of one character
    /// does anything, in any view; the arrows on a chart still move. The choice comes across a
    /// hand-over, and a `keep=` without it (four flags) leaves them on.
    #[test]
    fn the_single_key_shortcuts_can_be_turned_off() {
        let mut page = Page::new();
        send(&mut page, "step", Arg::None).unwrap();
        let steps = page.lab.steps();
        send(&mut page, "single-keys", Arg::Bool(false)).unwrap();
        for key in [" ", "r", "R", "e", "p", "?"] {
            send(&mut page, "key", text(key)).unwrap();
        }
        let state = (page.lab.steps(), page.lab.settings().training, page.playing, page.shortcuts);
        assert_eq!(state, (steps, true, false, false));
        send(&mut page, "key", text("ArrowRight")).unwrap();
        assert_eq!(page.lab.settings().feature, 1, "→ is not a character: it still moves");
        assert!(crate::frame::frame(&page).contains(r#""single-keys":false"#));
        let taken = handed_over(&format!("{}&{}", page.query(), page.keep_query()));
        assert!(!taken.single_keys, "lost in the hand-over: {}", page.keep_query());
        assert!(Page::from_query("keep=0000_2_0_one_0_1").single_keys);
        send(&mut page, "single-keys", Arg::Bool(true)).unwrap();
        send(&mut page, "key", text("r")).unwrap();
        assert!(page.lab.steps() < steps, "R resets once they are on again");
    }

    /// A sweep that finishes says its result in the notice (a status region, in the page's
    /// language): the chart and its hidden summary changed without a word to a screen reader.
    #[test]
    fn a_finished_sweep_says_its_result() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        for lang in ["en", "zh-Hant", "zh-Hans"] {
            let mut page = Page::from_query(&format!("view=train&lang={lang}"));
            page.apply(Command::Digits(digits.clone())).unwrap();
            send(&mut page, "t-sweep-steps", text("50")).unwrap();
            send(&mut page, "t-sweep", Arg::None).unwrap();
            let mut ticks = 0;
            while page.train.sweep.as_ref().is_some_and(|s| !s.done()) {
                assert_eq!(page.notice, None, "said before it is done");
                let mut chunks = 0;
                page.tick(0.0, &mut || {
                    chunks += 1;
                    chunks < 4
                });
                ticks += 1;
            }
            assert!(ticks > 1, "the sweep ran in one frame");
            let notice = page.notice.clone().expect("nothing said");
            let summary = crate::explain::train_summary(&page.train, page.sweep_steps, "sweep", page.lang);
            assert!(!notice.error && notice.text.ends_with(&summary), "{lang}: {}", notice.text);
            assert!(notice.text.starts_with(&t(page.lang, "sweep-done").replace("{result}", "")), "{}", notice.text);
        }
    }

    /// So does the batch-size sweep: what it measured, without the paper's words of its caption.
    #[test]
    fn a_finished_batch_size_sweep_says_what_it_measured() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let mut page = Page::from_query("view=train&lang=zh-Hant");
        page.apply(Command::Digits(digits)).unwrap();
        send(&mut page, "t-bs-epochs", text("1")).unwrap();
        send(&mut page, "t-bsweep", Arg::None).unwrap();
        while page.train.batch_sweep.as_ref().is_some_and(|s| !s.done()) {
            assert_eq!(page.notice, None, "said before it is done");
            page.tick(0.0, &mut || true);
        }
        let notice = page.notice.clone().expect("nothing said");
        let measured = crate::papers::wuhe_measured(&page.train, page.lang).unwrap();
        assert_eq!(notice.text, tf(page.lang, "bsweep-done", &[("result", &measured)]));
        assert!(notice.text.starts_with("批次大小掃描完成。") && !notice.text.contains(&t(page.lang, "wuhe-paper")));
    }

    /// The full module takes over from the first view's with the link and `keep=`: what a
    /// shared link leaves out comes across too (these were lost when the student opened
    /// another view, an SVG or Share).
    #[test]
    fn the_hand_over_keeps_what_the_link_leaves_out() {
        let mut page = Page::from_query("lang=zh-Hant");
        let act = |page: &mut Page, name: &str, arg: Arg| page.apply(Command::parse(name, arg).unwrap()).unwrap();
        act(&mut page, "lesson-select", Arg::Text("eval".into()));
        act(&mut page, "lesson-reveal", Arg::None);
        act(&mut page, "overlay", Arg::Bool(false));
        act(&mut page, "speed", Arg::Text("3".into()));
        act(&mut page, "csv-length", Arg::Text("4".into()));
        act(&mut page, "upstream", Arg::Text("random".into()));
        act(&mut page, "grad-seed", Arg::Text("9".into()));
        act(&mut page, "grad-target", Arg::Text("0.123456".into()));
        act(&mut page, "help", Arg::None);
        act(&mut page, "play", Arg::None);
        let taken = handed_over(&format!("{}&{}", page.query(), page.keep_query()));
        assert_eq!(taken.notice, None, "the hand-over is read whole");
        assert_eq!(taken.query(), page.query());
        assert_eq!(taken.keep_query(), page.keep_query());
        assert_eq!(taken.lesson, page.lesson);
        assert!(!taken.overlay && taken.playing && taken.shortcuts);
        assert_eq!((taken.speed, taken.csv_length, taken.upstream), (3, 4, "random"));
        assert_eq!((taken.grad_seed, taken.grad_target), (9, 0.123456));
        // More steps than a link's budget (33 at N·C = 2 Mi) come across all the same.
        let mut page = Page::from_query("n=4096&c=512");
        for _ in 0..40 {
            page.lab.step();
        }
        let taken = handed_over(&format!("{}&{}", page.query(), page.keep_query()));
        assert_eq!((taken.lab.steps(), taken.notice), (41, None));
        assert_eq!(taken.lab.layer(), page.lab.layer());
        // A `keep=` that cannot be read changes nothing and is named.
        for bad in ["keep=1111_9_0_one_0_1", "keep=11x1_1_0_one_0_1", "keep=1111_1_0_up_0_1", "keep=1_1"] {
            let taken = Page::from_query(bad);
            assert!(!taken.playing && !taken.shortcuts && taken.speed == 2, "{bad}");
            assert!(taken.notice.is_some_and(|n| n.text.contains(bad)), "{bad}");
        }
    }
}
