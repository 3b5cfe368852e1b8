//! Every user action as a value. The page sends a name (the control's id, or a button's) and
//! the control's raw value; [`Command::parse`] turns that into a `Command` or a refusal that
//! names what is wrong, and [`crate::page::Page::apply`] applies it — the one place where the
//! page's state changes.

use crate::controls::{self, Control};
use crate::decimal;
use crate::refusal::Refusal;

/// What came with an action from the page: nothing (a button), a checkbox's state, an input's
/// text (numbers arrive as typed, so a refusal can quote them), or a pointer position.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    None,
    Bool(bool),
    Text(String),
    /// A pointer at CSS pixel (x, y) of a chart of CSS size (width, height).
    Point {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    // The BatchNorm1d view.
    Step,
    Reset,
    /// `bn.train()` (true) or `bn.eval()` (false).
    Mode(bool),
    TogglePlay,
    /// A number control of [`controls::CONTROLS`] moved to a position.
    Set {
        control: &'static Control,
        position: f64,
    },
    /// momentum=None (true) or the slider's momentum (false).
    CumulativeMomentum(bool),
    Affine(bool),
    TrackRunningStats(bool),
    VarySpread(bool),
    Overlay(bool),
    /// The Backward panel opened (true) or closed.
    BackwardOpen(bool),
    /// The upstream gradient: "one", "pull" or "random".
    Upstream(String),
    Distribution(String),
    /// A click or tap on the all-features chart.
    PickFeature {
        x: f64,
        width: f64,
    },
    /// A press on the per-sample chart: follow the sample under it and start a drag there.
    PickSample {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
    /// The pointer, still pressed, moved to `y` on the per-sample chart: the followed sample's
    /// value follows it vertically.
    DragValue {
        y: f64,
    },
    /// The user's own CSV batch.
    Csv(String),
    /// A chosen CSV file's text, for the box (it replaces the box's text).
    CsvFile(String),
    /// Text pasted into the CSV box (it goes where the box's selection is).
    CsvPaste(String),
    GeneratedData,
    // Around every view.
    Lang(String),
    Presenter(bool),
    View(String),
    /// A key pressed outside a text field (Space, P, R, E, ←, →, ?).
    Key(String),
    Shortcuts,
    /// The single-key shortcuts (Space, P, R, E, ?) on (true) or off: WCAG 2.1.4 asks that a
    /// student can turn off shortcuts of one character (speech input types them, and a stray
    /// R reset the lab).
    SingleKeys(bool),
    LinkCopied,
    /// No clipboard: show the link as text to copy by hand.
    ShowLink,
    /// A download button: the file it names. One of the App's files (`bn_output.csv`, …) is
    /// written over frames; a chart's picture, by its canvas id ("chart-features.svg", "….png"),
    /// the page saves when the frame names it ([`crate::page::Page::downloads`]). Either after
    /// the actions before it.
    Download(String),
    /// The Share dialog opened (true: the Share button) or closed (its Close button, Esc).
    Share(bool),
    // Lessons.
    OpenLesson(String),
    LessonNext,
    LessonBack,
    Reveal,
    /// The view the open lesson's stage is on, from its card when another view is shown.
    LessonView,
    CloseLesson,
    // "Which axis?"
    HoverCell {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
    // Train on digits.
    TrainStep,
    TrainReset,
    Sweep,
    CancelSweep,
    /// Open the BatchNorm1d of model A's hidden layer n (from 1) in the main view.
    OpenTrainedLayer(usize),
    /// The Train view's activation ("relu", "sigmoid", "tanh").
    TrainActivation(String),
    /// Model A's (0) or B's (1) norm ("none", "batchnorm", "layernorm", "groupnorm").
    TrainNorm(usize, String),
    /// A preset network ("tutorial", "fig1", "santurkar", "wuhe").
    TrainPreset(String),
    /// Probe both models along the gradient (Santurkar et al. 2018, Fig. 4).
    TrainProbes(bool),
    /// The batch-size sweep (Wu & He 2018, Fig. 1).
    BatchSweep,
    CancelBatchSweep,
    /// A chosen CSV file of this many bytes, more than the page reads (its text is not read).
    CsvFileTooLarge(u64),
    /// The box's text is longer than the page reads (it is not sent: copying 30 MB into the App
    /// only to refuse it took half a second).
    CsvTextTooLarge,
    /// The digits CSV, fetched when the Train view first opens.
    Digits(String),
    /// The digits could not be fetched (the page's words for why).
    DigitsFailed(String),
    /// The full module could not be loaded (the browser's words for why).
    FullFailed(String),
    /// The small build: the words file of a language (its code) was loaded, or could not be.
    WordsLoaded(String),
    WordsFailed(String),
}

fn flag(name: &'static str, arg: &Arg) -> Result<bool, Refusal> {
    match arg {
        Arg::Bool(b) => Ok(*b),
        Arg::Text(t) if t == "true" || t == "false" => Ok(t == "true"),
        _ => Err(Refusal::BadArgument { what: name }),
    }
}

fn text(name: &'static str, arg: Arg) -> Result<String, Refusal> {
    match arg {
        Arg::Text(t) => Ok(t),
        _ => Err(Refusal::BadArgument { what: name }),
    }
}

/// A number as typed in a box: refused with the box's name when it is empty or not a number.
pub fn number(control: &'static Control, arg: &Arg) -> Result<f64, Refusal> {
    let typed = match arg {
        Arg::Text(t) => t.trim(),
        // The page sends nothing for a box whose text the browser could not read ("1e400").
        Arg::None => return Err(Refusal::UnreadableBox { what: control.name }),
        _ => return Err(Refusal::BadArgument { what: control.name }),
    };
    if typed.is_empty() {
        return Err(Refusal::EmptyBox { what: control.name });
    }
    decimal::read_f64(typed)
        .ok_or_else(|| Refusal::NotANumber { what: control.name, typed: typed.chars().take(40).collect() })
}

impl Command {
    /// The command the page means by `name` (an element's id) with `arg` (its value).
    pub fn parse(name: &str, arg: Arg) -> Result<Command, Refusal> {
        use Command::*;
        if let Some(control) = controls::find(name) {
            return Ok(Set { control, position: number(control, &arg)? });
        }
        // One button per BatchNorm1d of model A: t-open-layer-2 opens hidden layer 2's.
        if let Some(hidden) = name.strip_prefix("t-open-layer-").and_then(|n| n.parse().ok()) {
            return Ok(OpenTrainedLayer(hidden));
        }
        Ok(match name {
            "step" => Step,
            "reset" => Reset,
            "mode" => Mode(text("mode", arg)? == "train"),
            "play" | "t-play" => TogglePlay,
            "momentum-none" => CumulativeMomentum(flag("momentum-none", &arg)?),
            "affine" => Affine(flag("affine", &arg)?),
            "track" => TrackRunningStats(flag("track", &arg)?),
            "vary" => VarySpread(flag("vary", &arg)?),
            "overlay" => Overlay(flag("overlay", &arg)?),
            "backward" => BackwardOpen(flag("backward", &arg)?),
            "upstream" => Upstream(text("upstream", arg)?),
            "distribution" => Distribution(text("distribution", arg)?),
            "pick-feature" => match arg {
                Arg::Point { x, width, .. } => PickFeature { x, width },
                _ => return Err(Refusal::BadArgument { what: "pick-feature" }),
            },
            "pick-sample" => match arg {
                Arg::Point { x, y, width, height } => PickSample { x, y, width, height },
                _ => return Err(Refusal::BadArgument { what: "pick-sample" }),
            },
            "drag-value" => match arg {
                Arg::Point { y, .. } => DragValue { y },
                _ => return Err(Refusal::BadArgument { what: "drag-value" }),
            },
            "csv-use" => Csv(text("csv", arg)?),
            "csv-file" => CsvFile(text("csv", arg)?),
            "csv-paste" => CsvPaste(text("csv", arg)?),
            "csv-file-too-large" => {
                CsvFileTooLarge(text("csv", arg)?.parse().map_err(|_| Refusal::BadArgument { what: "csv" })?)
            }
            "csv-text-too-large" => CsvTextTooLarge,
            "csv-generated" => GeneratedData,
            "lang-select" => Lang(text("language", arg)?),
            "presenter" => Presenter(flag("presenter", &arg)?),
            "view" => View(text("view", arg)?),
            "key" => Key(text("key", arg)?),
            "help" => Shortcuts,
            "single-keys" => SingleKeys(flag("single-keys", &arg)?),
            "link-copied" => LinkCopied,
            "show-link" => ShowLink,
            "download" => Download(text("download", arg)?),
            "share" => Share(true),
            "share-close" => Share(false),
            "lesson-select" => match text("lesson", arg)? {
                id if id.is_empty() => CloseLesson,
                id => OpenLesson(id),
            },
            "lesson-next" => LessonNext,
            "lesson-back" => LessonBack,
            "lesson-reveal" => Reveal,
            "lesson-go" => LessonView,
            "lesson-close" => CloseLesson,
            "hover-cell" => match arg {
                Arg::Point { x, y, width, height } => HoverCell { x, y, width, height },
                _ => return Err(Refusal::BadArgument { what: "hover-cell" }),
            },
            "t-step" => TrainStep,
            "t-reset" => TrainReset,
            "t-sweep" => Sweep,
            "t-sweep-cancel" => CancelSweep,
            "t-activation" => TrainActivation(text("activation", arg)?),
            "t-norm-a" => TrainNorm(0, text("norm", arg)?),
            "t-norm-b" => TrainNorm(1, text("norm", arg)?),
            "t-preset" => TrainPreset(text("preset", arg)?),
            "t-probe" => TrainProbes(flag("t-probe", &arg)?),
            "t-bsweep" => BatchSweep,
            "t-bsweep-cancel" => CancelBatchSweep,
            "digits" => Digits(text("digits", arg)?),
            "digits-failed" => DigitsFailed(text("digits", arg)?),
            "full-failed" => FullFailed(text("full-failed", arg)?),
            "words-loaded" => WordsLoaded(text("words-loaded", arg)?),
            "words-failed" => WordsFailed(text("words-failed", arg)?),
            _ => return Err(Refusal::UnknownAction { name: name.chars().take(40).collect() }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_buttons_and_refusals() {
        let eps = Command::parse("eps", Arg::Text("-4".into())).unwrap();
        assert!(matches!(eps, Command::Set { control, position } if control.id == "eps" && position == -4.0));
        assert_eq!(Command::parse("step", Arg::None).unwrap(), Command::Step);
        assert_eq!(Command::parse("affine", Arg::Bool(false)).unwrap(), Command::Affine(false));
        assert!(matches!(Command::parse("batch-size", Arg::Text("".into())), Err(Refusal::EmptyBox { .. })));
        assert!(matches!(Command::parse("batch-size", Arg::None), Err(Refusal::UnreadableBox { .. })));
        assert!(matches!(Command::parse("batch-size", Arg::Text("abc".into())), Err(Refusal::NotANumber { .. })));
        assert!(matches!(Command::parse("<img>", Arg::None), Err(Refusal::UnknownAction { .. })));
    }
}
