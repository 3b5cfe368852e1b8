//! What the page refuses that is not a rule of BatchNorm, a normalization layer or a network:
//! a bad CSV, a box left empty or holding no number, an action or language the page does not
//! know, an export with nothing to export, a trained model that is not there yet. Data only
//! (what went wrong, with its numbers); the words, in each of the page's languages, are
//! `crate::i18n::refusal_message`. A rule of the layer itself is the core's [`BnError`], carried
//! as [`Refusal::Core`].

use crate::core::BnError;

/// Why the page refused an action. A refused action changes nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// A rule of the layer or the network, from the core (a batch of one in train mode, …).
    Core(BnError),
    /// A CSV cell or line that cannot be read (rows and columns count from 1).
    BadCsv { row: usize, column: usize, problem: CsvProblem },
    /// A CSV of more than `max` bytes (refused before it is read). Its size is not said: the
    /// box's text may be a file cut short.
    CsvTooLarge { max: usize },
    /// A chosen file of `size` bytes, more than `max`: refused at once, by its size (its text
    /// never goes into the box, where 4 MB took a second to write).
    CsvFileTooLarge { size: u64, max: usize },
    /// A chosen file (or a paste, `paste`) that is not text: line `line` holds a NUL, another
    /// control character or bytes that are not UTF-8. Refused at once: nothing goes into the box.
    NotText { paste: bool, line: usize },
    /// "Step with this data" of a box that showed what a chosen file is (a file too long for the
    /// box: its size, its first lines cut with "…") and was edited since: it no longer holds the
    /// file, and read as a CSV its summary blamed a cell the page had cut ("CSV row 3, column 15:
    /// not a number").
    ChosenCsvEdited,
    /// The user's own batch fixes N, C and L (`what` names the setting, a key of the text
    /// layer's table of names).
    FixedByOwnData { what: &'static str },
    /// The Train view has not trained a model yet.
    NoTrainedModel,
    /// The page sent an action with the wrong kind of value (a bug in the page, not the user's).
    BadArgument { what: &'static str },
    /// A number box left empty.
    EmptyBox { what: &'static str },
    /// A number box holding what the browser could not read as a number ("1e400", "3-"): the
    /// browser hands the page no text then, so there is none to quote.
    UnreadableBox { what: &'static str },
    /// A number box holding something that is not a number (quoted, at most 40 characters).
    NotANumber { what: &'static str, typed: String },
    /// An action the page does not know (quoted, at most 40 characters).
    UnknownAction { name: String },
    /// A name that is none of `choices` (`what`: a norm, an activation, …; the name quoted, at
    /// most 40 characters).
    NotOneOf { what: &'static str, name: String, choices: &'static [&'static str] },
    /// No output to export (bn_output.csv): PyTorch refuses the current step's batch, in train
    /// mode or (`training` false: no running statistics) in eval mode. Its input and the layer
    /// still export, to reproduce the refusal.
    NoOutput { training: bool },
    /// A language the page does not have (quoted, at most 20 characters).
    UnknownLanguage { code: String },
    /// The rest of the page (the other views, SVG, Share) could not be loaded: the browser's
    /// words for why (at most 200 characters).
    NotLoaded { why: String },
    /// The Train view's handwritten digits (www/data/digits.csv) could not be fetched: the
    /// browser's words for why (at most 200 characters).
    DigitsNotLoaded { why: String },
    /// What came for the digits is not them (a Wi-Fi sign-in page answers for every file): the
    /// CSV reader's words for why, in the page's language.
    DigitsUnreadable { why: String },
    /// Chart `chart` (its title as the page draws it, in the page's language; the canvas id only
    /// for an id that names no chart, at most 40 characters) could not be drawn as SVG, and why.
    NoSvg { chart: String, why: DrawWhy },
    /// Chart `chart` (named as in [`Refusal::NoSvg`]) could not be drawn on its canvas (on the
    /// page, or for a PNG download), and why.
    NotDrawn { chart: String, why: DrawWhy },
}

/// Why a chart could not be drawn, on a canvas or as SVG (the words are the text layer's, in the
/// page's language: a drawing library's or the browser's English never reaches the notice).
#[derive(Debug, Clone, PartialEq)]
pub enum DrawWhy {
    /// The page asked for a chart it does not have (a bug in the page, not the user's).
    NoSuchChart,
    /// The chart's settings are refused (the norm comparison's N, C, L, groups, …). Boxed: a
    /// [`Refusal`] stays the size of its largest variant, [`Refusal::Core`], and every function
    /// that moves one stays as it was (unboxed, the first view's module grew 0.4 KB gzipped).
    Refused(Box<BnError>),
    /// The drawing itself failed (plotters, or the browser's canvas).
    Drawing,
    /// The browser gave the canvas no 2D context to draw with.
    NoCanvas,
}

/// What is wrong with a CSV cell or line (the row and column are in [`Refusal::BadCsv`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CsvProblem {
    // The user's batch (the CSV box, a dropped file).
    /// The box holds nothing but blanks.
    Empty,
    /// More rows than the largest batch.
    TooManyRows { max: usize },
    /// One column whose line holds semicolons.
    Semicolons,
    /// A cell like "5;2": semicolons between columns and commas as decimal marks (a spreadsheet
    /// saved in a language that writes 1,5).
    SemicolonsAndDecimalCommas,
    /// One column whose line holds tabs.
    Tabs,
    /// One column whose line is numbers between spaces (numpy.savetxt's default).
    Spaces,
    /// A cell with nothing in it (a comma too many).
    EmptyCell,
    /// A row with another number of columns than the first.
    ColumnCount,
    /// A cell that is not a number.
    NotANumber,
    /// NaN, inf or -inf.
    NotFinite,
    /// Beyond float32's range (about ±3.4e38).
    TooLargeForFloat32,
    /// Beyond ±`max`: its square overflows float32 in the variance.
    SquareOverflows { max: f32 },
    /// More values in all than a batch may hold.
    TooManyValues,
    /// A header and no data.
    NoDataRows,
    /// The columns do not split into C channels of L positions.
    ColumnsNotAMultipleOfL { length: usize },
    // The digits file (www/data/digits.csv).
    /// The first line is not `label,p0,…,p63`.
    DigitsHeader,
    /// A line that is not a label and 64 pixels.
    DigitsRowLength,
    /// A label that is not a whole number from 0 to 9.
    DigitsLabel,
    /// A pixel that is not a whole number from 0 to 16.
    DigitsPixel,
    /// The header and no image.
    NoImages,
}

impl From<BnError> for Refusal {
    fn from(error: BnError) -> Refusal {
        Refusal::Core(error)
    }
}

impl Refusal {
    /// `name` is none of the `choices` of `what`.
    pub fn not_one_of(what: &'static str, name: &str, choices: &'static [&'static str]) -> Refusal {
        Refusal::NotOneOf { what, name: name.chars().take(40).collect(), choices }
    }

    /// What PyTorch raises for the same situation, verbatim: only a rule of the layer has one.
    pub fn pytorch_message(&self) -> Option<String> {
        match self {
            Refusal::Core(error) => error.pytorch_message(),
            _ => None,
        }
    }
}
