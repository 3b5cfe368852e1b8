//! The CSV text the page reads: the user's own batch (one row per sample, one column per feature:
//! C·L columns, feature by feature, for `(N, C, L)` input) and the digits file of the Train view.
//! A bad CSV is the page's refusal, not a rule of the layer: every problem is a
//! [`Refusal::BadCsv`] that names its row, its column and what is wrong.

use crate::core::digits::{Digits, DIGIT_CLASSES, DIGIT_PIXELS, MAX_PIXEL};
use crate::refusal::{CsvProblem, Refusal};

/// The most values one CSV batch may hold (the page's limit for a batch).
pub const MAX_CSV_VALUES: usize = 1 << 21;

/// The most rows (samples) of one batch.
pub const MAX_ROWS: usize = 4096;

/// The largest magnitude whose square float32 still holds (√3.4e38 ≈ 1.8e19), with room.
pub const MAX_ABS: f32 = 1e18;

/// Where PyTorch's float32 arithmetic loses what the page's (float64 sums) keeps, in a batch
/// read from a CSV: the page's numbers are then not PyTorch's, and the page says so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Float32Risk {
    /// Feature `feature`'s values are far larger than their spread (|mean| > 1000·σ): its mean,
    /// summed in float32, is off by about the spread itself (Unix times, prices).
    Cancellation { feature: usize, mean: f64, std: f64 },
    /// Feature `feature`'s squared deviations sum past float32's range: its variance overflows.
    Overflow { feature: usize },
}

/// The first feature of a `[N, C]` or `[N, C, L]` batch (row-major) at risk, if any.
pub fn float32_risk(values: &[f32], dims: &[usize]) -> Option<Float32Risk> {
    let (n, c) = (*dims.first()?, *dims.get(1)?);
    let l = dims.get(2).copied().unwrap_or(1);
    let count = (n * l) as f64;
    let stats = crate::core::stats::mean_std_per_feature(values, n, c, l);
    stats.into_iter().enumerate().find_map(|(feature, (mean, std))| {
        if std * std * count > f32::MAX as f64 {
            // Σ(x − μ)² = n·σ² (biased σ) leaves float32's range.
            Some(Float32Risk::Overflow { feature })
        } else if mean.abs() > 1e3 * std && (std > 0.0 || mean.abs() * count >= 16_777_216.0) {
            // A constant feature is at risk only when its float32 sum leaves the exact range.
            Some(Float32Risk::Cancellation { feature, mean, std })
        } else {
            None
        }
    })
}

/// The most lines that are not blank a batch's text may hold: a header and [`MAX_ROWS`] rows.
const MAX_LINES: usize = MAX_ROWS + 1;

/// More lines than a batch holds, as [`BatchReader`] says it (before any cell's problem).
fn too_many_rows() -> Refusal {
    bad(MAX_LINES + 1, 1, CsvProblem::TooManyRows { max: MAX_ROWS })
}

/// A text for the CSV box (a chosen file's, a paste's) as the box may hold it, or the refusal of
/// a text that cannot be a batch: more lines that are not blank than a batch holds, counted as
/// [`BatchReader`] counts them, without reading a cell (a file of 2 million lines put into the
/// box froze the page for 30 s and more, only for Use to refuse it). Blank lines, which the
/// reader skips, are dropped from a text of more lines than a batch holds: 4 million of them
/// and two rows made the box take 84 s to fill and seconds to type one letter in.
pub fn for_the_box(text: String, paste: bool) -> Result<String, Refusal> {
    if let Some(line) = not_text(&text) {
        return Err(Refusal::NotText { paste, line });
    }
    // One pass over the bytes (a `str` split and trim of each of 4 million lines took 200 ms).
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text).as_bytes();
    let (mut lines, mut filled) = (0, 0);
    for line in body.split(|&b| b == b'\n') {
        lines += 1;
        if !blank(line) {
            filled += 1;
            if filled > MAX_LINES {
                return Err(too_many_rows());
            }
        }
    }
    if lines <= MAX_LINES {
        return Ok(text);
    }
    let bom = &text.as_bytes()[..text.len() - body.len()]; // the reader skips it where it stands
    let lines = body.split_inclusive(|&b| b == b'\n').filter(|l| !blank(l));
    let kept: Vec<u8> = bom.iter().chain(lines.flatten()).copied().collect();
    // Whole lines of a `str`, cut at '\n', after its byte-order mark: still UTF-8.
    Ok(String::from_utf8(kept).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The line (from 1) of the first character no text file holds, if any: a NUL or another control
/// character (tab, line feed and carriage return are text's), or U+FFFD, which the browser
/// decodes bytes that are not UTF-8 to. Random bytes were read as a "CSV separated by tabs"
/// after 190 000 characters of them had gone into the box.
fn not_text(text: &str) -> Option<usize> {
    let at = text.find(|c: char| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))?;
    Some(1 + text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count())
}

/// What the CSV box shows of a text too long to lay out at once: its lines that are not blank,
/// the columns of the first, and the first [`GLIMPSE_LINES`] (each cut at [`GLIMPSE_CHARS`]).
#[derive(Debug, PartialEq)]
pub struct Glimpse {
    pub lines: usize,
    pub columns: usize,
    pub head: String,
}

const GLIMPSE_LINES: usize = 5;
const GLIMPSE_CHARS: usize = 120;

/// A text's [`Glimpse`], in one pass over its bytes.
pub fn glimpse(text: &str) -> Glimpse {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let filled = body.split('\n').filter(|line| !blank(line.as_bytes()));
    let (mut lines, mut columns, mut head) = (0, 0, String::new());
    for line in filled {
        if lines == 0 {
            columns = 1 + line.bytes().filter(|&b| b == b',').count();
        }
        if lines < GLIMPSE_LINES {
            let line = line.trim_end_matches('\r');
            let cut: String = line.chars().take(GLIMPSE_CHARS).collect();
            let more = if cut.len() < line.len() { "…" } else { "" };
            head.push_str(&format!("{cut}{more}\n"));
        }
        lines += 1;
    }
    if lines > GLIMPSE_LINES {
        head.push_str("…\n");
    }
    Glimpse { lines, columns, head }
}

/// A line the reader skips: nothing but white space (`str::trim`'s; ASCII looked at first).
fn blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace) || std::str::from_utf8(line).is_ok_and(|l| l.trim().is_empty())
}

/// A parsed batch: row-major values and their dims, `[N, C]` or `[N, C, L]`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvBatch {
    pub values: Vec<f32>,
    pub dims: Vec<usize>,
}

fn bad(row: usize, column: usize, problem: CsvProblem) -> Refusal {
    Refusal::BadCsv { row, column, problem }
}

/// A line of one cell that holds a semicolon: the text is separated by semicolons, and where it
/// holds commas too they are decimal marks ("a;b" over "1,5;2,5" was told only of semicolons).
fn semicolons(text: &str) -> CsvProblem {
    if text.contains(',') {
        CsvProblem::SemicolonsAndDecimalCommas
    } else {
        CsvProblem::Semicolons
    }
}

/// Why a text of lines that are not blank has no row of data (every line read as a header: no
/// cell is a number): semicolons, where it holds any (quoted cells of decimal commas,
/// "\"1,5\";\"2,5\"", were split at their commas and told "no data rows"), else none.
fn no_data_rows(text: &str) -> Refusal {
    let problem = if text.contains(';') { semicolons(text) } else { CsvProblem::NoDataRows };
    bad(1, 1, problem)
}

/// One cell's value as float32, or why not, at its row and column (1-based).
fn read_cell(cell: &str, row: usize, column: usize) -> Result<f32, Refusal> {
    if cell.trim().is_empty() {
        return Err(bad(row, column, CsvProblem::EmptyCell));
    }
    let wide: f64 = cell.parse().map_err(|_| {
        // "1,5;2,5" read at its commas leaves cells like "5;2".
        let why = if cell.contains(';') { CsvProblem::SemicolonsAndDecimalCommas } else { CsvProblem::NotANumber };
        bad(row, column, why)
    })?;
    // "NaN" and "inf" are spelled in letters; digits beyond float64's range ("1e309") parse to ∞
    // too, but they are a finite number, too large.
    let spelled = cell.trim_start_matches(['+', '-']).starts_with(|c: char| c.is_ascii_alphabetic());
    if !wide.is_finite() && spelled {
        return Err(bad(row, column, CsvProblem::NotFinite));
    }
    let value = wide as f32;
    if !value.is_finite() {
        return Err(bad(row, column, CsvProblem::TooLargeForFloat32));
    }
    // Beyond this, x² overflows float32 in the variance: PyTorch would print inf or NaN.
    if value.abs() > MAX_ABS {
        return Err(bad(row, column, CsvProblem::SquareOverflows { max: MAX_ABS }));
    }
    Ok(value)
}

/// A cell without its blanks and one pair of quotes around it: a spreadsheet may quote every
/// cell ("1","2"); a quoted comma is not read (the numbers here have none).
fn unquote(cell: &str) -> &str {
    let cell = cell.trim();
    cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')).unwrap_or(cell).trim()
}

/// Reads `text`; `length` is L for `(N, C, L)` input, or 0 for `(N, C)`. A first row that is
/// not all numbers is a header and is skipped; blank lines are skipped. At once: the page reads
/// a student's CSV a piece at a time instead ([`BatchReader`]), to the same batch or refusal.
pub fn parse_batch(text: &str, length: usize) -> Result<CsvBatch, Refusal> {
    let mut reader = BatchReader::new(text.to_string(), length);
    loop {
        if let Some(result) = reader.advance(&mut || true) {
            return result;
        }
    }
}

/// The cells (or lines) a [`BatchReader`] reads between looks at the clock: a few hundred
/// microseconds of work.
pub const READ_CHUNK: usize = 4096;

/// A student's CSV batch read a piece at a time (a file of 4 MB is 300–1000 ms of reading, which
/// in one task froze the page): each [`BatchReader::advance`] reads [`READ_CHUNK`] cells or
/// lines between looks at the clock. The rules are [`parse_batch`]'s, in its order: more than
/// [`MAX_ROWS`] rows is said before any cell's problem (the rest of the text is counted after a
/// problem), then the first bad cell or line, naming its row and column.
pub struct BatchReader {
    text: String,
    length: usize,
    /// Where the next line starts (bytes).
    next_line: usize,
    /// Lines begun so far: the current line's row.
    row: usize,
    /// Lines begun that are not blank.
    filled: usize,
    /// The line being read, cell by cell.
    line: Option<Line>,
    values: Vec<f32>,
    columns: Option<usize>,
    /// The header's cells, once a first line of no number was read as one.
    header: Option<usize>,
    rows: usize,
    /// The first problem found: the rest is only counted (too many rows is said first).
    problem: Option<Refusal>,
    /// Cells or lines read between looks at the clock ([`READ_CHUNK`]).
    chunk: usize,
}

/// A line being read: its row, where its next cell starts and where it ends (bytes of the
/// text), the next cell's index, its cells, and whether it may still be a header.
struct Line {
    row: usize,
    start: usize,
    next: usize,
    end: usize,
    column: usize,
    cells: usize,
    maybe_header: bool,
}

impl BatchReader {
    pub fn new(text: String, length: usize) -> BatchReader {
        // A file saved by a spreadsheet may start with a byte-order mark.
        let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        BatchReader {
            text,
            length,
            next_line: start,
            row: 0,
            filled: 0,
            line: None,
            values: Vec::new(),
            columns: None,
            header: None,
            rows: 0,
            problem: None,
            chunk: READ_CHUNK,
        }
    }

    /// 0…1: how much of the text has been read.
    pub fn progress(&self) -> f64 {
        let at = self.line.as_ref().map_or(self.next_line, |l| l.next.min(l.end));
        if self.text.is_empty() {
            1.0
        } else {
            at as f64 / self.text.len() as f64
        }
    }

    /// Reads [`READ_CHUNK`] cells or lines, then more while `go_on()` says so; the batch or the
    /// refusal once the text is read, None while some is left.
    pub fn advance(&mut self, go_on: &mut dyn FnMut() -> bool) -> Option<Result<CsvBatch, Refusal>> {
        let mut work = 0;
        loop {
            if work >= self.chunk {
                if !go_on() {
                    return None;
                }
                work = 0;
            }
            work += 1;
            if let Some(line) = self.line.take() {
                match self.read_cell(line) {
                    Ok(line) => self.line = line,
                    Err(problem) => self.problem = Some(problem),
                }
                continue;
            }
            let Some((start, end)) = self.next_line() else { return Some(self.finish()) };
            self.row += 1;
            let line = &self.text[start..end];
            if line.trim().is_empty() {
                continue;
            }
            // Refused by its size before any cell's problem: a batch has at most MAX_ROWS rows.
            self.filled += 1;
            if self.filled > MAX_LINES {
                return Some(Err(too_many_rows()));
            }
            if self.problem.is_some() {
                continue; // counted only
            }
            match self.begin_line(start, end) {
                Ok(line) => self.line = line,
                Err(problem) => self.problem = Some(problem),
            }
        }
    }

    /// The next line's start and end (bytes, without its `\n` or `\r\n`), as `str::lines` splits.
    fn next_line(&mut self) -> Option<(usize, usize)> {
        let rest = self.text.get(self.next_line..).filter(|r| !r.is_empty())?;
        let taken = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let piece = &rest[..taken];
        let content = match piece.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => piece,
        };
        let start = self.next_line;
        self.next_line += taken;
        Some((start, start + content.len()))
    }

    /// A line that is not blank: one column may be right, but not on a line that holds another
    /// separator; a first line of no number is a header; every other has the first's columns.
    fn begin_line(&mut self, start: usize, end: usize) -> Result<Option<Line>, Refusal> {
        let (row, text) = (self.row, &self.text[start..end]);
        let cells = text.bytes().filter(|&b| b == b',').count() + 1;
        if cells == 1 {
            if text.contains(';') {
                return Err(bad(row, 1, semicolons(&self.text)));
            }
            if text.contains('\t') {
                return Err(bad(row, 1, CsvProblem::Tabs));
            }
            let mut words = text.split_whitespace();
            if words.clone().nth(1).is_some() && words.all(|w| w.parse::<f32>().is_ok()) {
                return Err(bad(row, 1, CsvProblem::Spaces));
            }
        }
        let maybe_header = self.columns.is_none();
        if !maybe_header {
            let expected = self.columns.unwrap_or(cells);
            if cells != expected {
                return Err(bad(row, cells.min(expected) + 1, CsvProblem::ColumnCount));
            }
        }
        Ok(Some(Line { row, start, next: start, end, column: 0, cells, maybe_header }))
    }

    /// Reads the line's next cell: the line still being read, or None once it is done.
    fn read_cell(&mut self, mut line: Line) -> Result<Option<Line>, Refusal> {
        let rest = &self.text[line.next..line.end];
        let raw = rest.find(',').map_or(rest, |i| &rest[..i]);
        let cell = unquote(raw);
        line.next += raw.len() + 1;
        line.column += 1;
        let last = line.column == line.cells;
        if line.maybe_header {
            if cell.parse::<f32>().is_ok() {
                // A number: the line is data, read again from its first cell. Under a header, as
                // many cells as it has ("a,b,c" over "1,2" was taken silently: hostile40).
                if let Some(header) = self.header.filter(|&h| h != line.cells) {
                    return Err(bad(line.row, line.cells.min(header) + 1, CsvProblem::ColumnCount));
                }
                self.columns = Some(line.cells);
                return Ok(Some(Line { next: line.start, column: 0, maybe_header: false, ..line }));
            }
            if !last {
                return Ok(Some(line));
            }
            // Every cell not a number: the header, skipped — one line only; a second is a row
            // whose first cell is not a number ("n/a,n/a" under "a,b" vanished: hostile40).
            if self.header.is_some() {
                return Err(if self.text.contains(';') {
                    no_data_rows(&self.text)
                } else {
                    bad(line.row, 1, CsvProblem::NotANumber)
                });
            }
            self.header = Some(line.cells);
            return Ok(None);
        }
        let (row, column) = (line.row, line.column);
        let value = read_cell(cell, row, column)?;
        if self.values.len() >= MAX_CSV_VALUES {
            return Err(bad(row, column, CsvProblem::TooManyValues));
        }
        self.values.push(value);
        if last {
            // A text without a header may hold one row more than a batch within MAX_LINES.
            self.rows += 1;
            if self.rows > MAX_ROWS {
                return Err(bad(row, 1, CsvProblem::TooManyRows { max: MAX_ROWS }));
            }
            return Ok(None);
        }
        Ok(Some(line))
    }

    /// The whole text read: the batch, or the first problem.
    fn finish(&mut self) -> Result<CsvBatch, Refusal> {
        if self.filled == 0 {
            return Err(bad(1, 1, CsvProblem::Empty));
        }
        if let Some(problem) = self.problem.take() {
            return Err(problem);
        }
        let columns = match self.columns {
            Some(c) if self.rows > 0 => c,
            _ => return Err(no_data_rows(&self.text)),
        };
        let length = self.length;
        let dims = if length == 0 {
            vec![self.rows, columns]
        } else if columns % length == 0 {
            vec![self.rows, columns / length, length]
        } else {
            return Err(bad(1, columns, CsvProblem::ColumnsNotAMultipleOfL { length }));
        };
        Ok(CsvBatch { values: std::mem::take(&mut self.values), dims })
    }
}

/// A field as a whole number from 0 to `max`.
fn whole_number(field: &str, max: u32) -> Option<u32> {
    field.parse::<u32>().ok().filter(|&v| v <= max)
}

/// The first column of `fields` that differs from the header `label,p0,…,p63` (1-based), if any.
fn header_mismatch(fields: &[&str]) -> Option<usize> {
    let expected = std::iter::once("label".to_string()).chain((0..DIGIT_PIXELS).map(|i| format!("p{i}")));
    let first_bad = expected.zip(fields).position(|(want, got)| want != *got);
    match first_bad {
        Some(i) => Some(i + 1),
        None if fields.len() != DIGIT_PIXELS + 1 => Some(fields.len().min(DIGIT_PIXELS + 1) + 1),
        None => None,
    }
}

/// Reads the digits CSV: the header `label,p0,…,p63`, then one image per line, a label 0–9 and
/// 64 pixels 0–16 (features are pixel / 16). Blank lines are skipped; `\r\n` endings are fine.
/// A problem is a [`Refusal::BadCsv`] naming the line of the file (1 = the header) and the column
/// (1 = the label, k + 2 = pixel pk).
pub fn parse_digits_csv(text: &str) -> Result<Digits, Refusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty());
    let header_problem = match lines.next() {
        Some((row, header)) => header_mismatch(&header.split(',').map(str::trim).collect::<Vec<_>>()).map(|c| (row, c)),
        None => Some((1, 1)),
    };
    if let Some((row, column)) = header_problem {
        return Err(bad(row, column, CsvProblem::DigitsHeader));
    }

    let mut digits = Digits::default();
    let mut last_row = 1;
    for (row, line) in lines {
        last_row = row;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() != DIGIT_PIXELS + 1 {
            let column = fields.len().min(DIGIT_PIXELS + 1) + 1;
            return Err(bad(row, column, CsvProblem::DigitsRowLength));
        }
        let label =
            whole_number(fields[0], DIGIT_CLASSES as u32 - 1).ok_or_else(|| bad(row, 1, CsvProblem::DigitsLabel))?;
        for (k, field) in fields[1..].iter().enumerate() {
            let pixel = whole_number(field, MAX_PIXEL).ok_or_else(|| bad(row, k + 2, CsvProblem::DigitsPixel))?;
            digits.images.push(pixel as f32 / MAX_PIXEL as f32);
        }
        digits.labels.push(label as usize);
    }
    if digits.is_empty() {
        return Err(bad(last_row + 1, 1, CsvProblem::NoImages));
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_an_optional_header() {
        let b = parse_batch("a,b\n1,2\n\n3, 4.5\n", 0).unwrap();
        assert_eq!(b, CsvBatch { values: vec![1.0, 2.0, 3.0, 4.5], dims: vec![2, 2] });
        let b = parse_batch("1,2,3,4\n5,6,7,8", 2).unwrap();
        assert_eq!(b.dims, vec![2, 2, 2]);
        // A spreadsheet's quoted cells (it said "no data rows": every row read as a header).
        let b = parse_batch("\"x\",\"y\"\n\"1\",\"2\"\n\"3\", \"4.5\"\n", 0).unwrap();
        assert_eq!(b, CsvBatch { values: vec![1.0, 2.0, 3.0, 4.5], dims: vec![2, 2] });
    }

    /// A text no text file holds (random bytes: NULs, other control characters, U+FFFD where
    /// they were not UTF-8) is refused at once, naming its line; a CSV's tabs, CRLFs, BOM and
    /// letters of any script are text.
    #[test]
    fn the_box_refuses_what_is_not_text() {
        for (bad, line) in [("1,2\n3,\u{0}4\n", 2), ("\u{fffd}", 1), ("a,b\n\n\n1\u{1b},2", 4), ("1,\u{85}", 1)] {
            for paste in [false, true] {
                assert_eq!(for_the_box(bad.into(), paste), Err(Refusal::NotText { paste, line }), "{bad:?}");
            }
        }
        let text = "\u{feff}x\t,é,数\r\n1,2,3\r\n";
        assert_eq!(for_the_box(text.into(), false).as_deref(), Ok(text));
    }

    /// The box's glimpse of a long text: its lines that are not blank, the first's columns, its
    /// first five lines, each cut at 120 characters.
    #[test]
    fn a_glimpse_counts_lines_and_shows_the_first() {
        let long = "7,".repeat(100);
        let text = format!("\u{feff}\n  \na,b,c\r\n1,2,3\n\n{long}\n4,5,6\n7,8,9\n10,11,12\n");
        let g = glimpse(&text);
        assert_eq!((g.lines, g.columns), (6, 3));
        assert_eq!(g.head, format!("a,b,c\n1,2,3\n{}…\n4,5,6\n7,8,9\n…\n", &long[..120]));
        assert_eq!(glimpse("1,2").head, "1,2\n");
    }

    #[test]
    fn a_bom_is_not_a_number_and_size_is_checked_first() {
        assert_eq!(parse_batch("\u{feff}1,2\n3,4", 0).unwrap().dims, vec![2, 2]);
        let huge = "1,2\n".repeat(100_000);
        assert!(matches!(
            parse_batch(&huge, 0),
            Err(Refusal::BadCsv { problem: CsvProblem::TooManyRows { max: 4096 }, .. })
        ));
        assert!(matches!(
            parse_batch("1,2\n3e38,1", 0),
            Err(Refusal::BadCsv { problem: CsvProblem::SquareOverflows { .. }, .. })
        ));
    }

    #[test]
    fn names_the_row_and_column_of_a_problem() {
        let cases = [
            ("1,2\n3\n", (2, 2, CsvProblem::ColumnCount)),
            ("1,2\n3,x\n", (2, 2, CsvProblem::NotANumber)),
            ("1,2\n3,NaN\n", (2, 2, CsvProblem::NotFinite)),
            ("1,2\ninf,3\n", (2, 1, CsvProblem::NotFinite)),
            ("", (1, 1, CsvProblem::Empty)),
            ("1;2\n3;4\n", (1, 1, CsvProblem::Semicolons)),
            ("1,5;2,5\n3,5;4,5\n", (1, 2, CsvProblem::SemicolonsAndDecimalCommas)),
            ("1\t2\n", (1, 1, CsvProblem::Tabs)),
            // numpy.savetxt's default; pandas' index column's empty corner; a trailing comma.
            ("1.000000000000000000e+00 2.000000000000000000e+00\n", (1, 1, CsvProblem::Spaces)),
            (",0,1\n0,1,2\n", (1, 1, CsvProblem::EmptyCell)),
            ("1,2,\n3,4,\n", (1, 3, CsvProblem::EmptyCell)),
            ("a,b\n1,\n", (2, 2, CsvProblem::EmptyCell)),
            ("1,2\n3,1e39\n", (2, 2, CsvProblem::TooLargeForFloat32)),
            ("1,2\n3,1e309\n", (2, 2, CsvProblem::TooLargeForFloat32)),
            ("1,2\n3,-1e400\n", (2, 2, CsvProblem::TooLargeForFloat32)),
            ("1,2\n-Infinity,3\n", (2, 1, CsvProblem::NotFinite)),
            ("a,b\n", (1, 1, CsvProblem::NoDataRows)),
            // Quoted decimal commas, a header over them, full-width digits (hostile35).
            ("\"1,5\";\"2,5\"\n\"3,5\";\"4,5\"\n", (1, 1, CsvProblem::SemicolonsAndDecimalCommas)),
            ("a;b\n1,5;2,5\n", (1, 1, CsvProblem::SemicolonsAndDecimalCommas)),
            ("a;b\n1;2\n", (1, 1, CsvProblem::Semicolons)),
            ("1,2,3\n", (1, 3, CsvProblem::ColumnsNotAMultipleOfL { length: 2 })),
            ("1,2\n3,4,5\n", (2, 3, CsvProblem::ColumnCount)),
            // One header line, as many cells as the rows (hostile40: both were taken silently).
            ("a,b,c\n1,2\n3,4\n", (2, 3, CsvProblem::ColumnCount)),
            ("a\n1,2\n", (2, 2, CsvProblem::ColumnCount)),
            ("a,b\nn/a,n/a\nx,y\n1,2\n", (2, 1, CsvProblem::NotANumber)),
        ];
        for (text, (row, column, why)) in cases {
            let length = if matches!(why, CsvProblem::ColumnsNotAMultipleOfL { .. }) { 2 } else { 0 };
            assert_eq!(parse_batch(text, length), Err(Refusal::BadCsv { row, column, problem: why }), "{text:?}");
        }
    }

    /// Numbers between spaces are refused alike by both readers (the proptest below found "0 0"
    /// said as "separated by spaces" by one and "no data rows" by the other).
    #[test]
    fn both_readers_refuse_numbers_between_spaces() {
        for text in ["0 0", "0 0\n1 1", "a b\n1 2", "x\n1 2", "1.5e3  -2"] {
            let (piece, whole) = (parse_batch(text, 0), parse_at_once(text, 0));
            assert!(same(&piece, &whole), "{text:?}: {piece:?} vs {whole:?}");
        }
        assert_eq!(parse_batch("a b\n1 2", 0), Err(bad(2, 1, CsvProblem::Spaces)));
    }

    /// The reader as it was before it read in pieces: one pass to count the rows, one to read.
    fn parse_at_once(text: &str, length: usize) -> Result<CsvBatch, Refusal> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(bad(1, 1, CsvProblem::Empty));
        }
        let rows_in_text = text.lines().filter(|l| !l.trim().is_empty()).count();
        if rows_in_text > MAX_ROWS + 1 {
            return Err(bad(MAX_ROWS + 2, 1, CsvProblem::TooManyRows { max: MAX_ROWS }));
        }
        let mut values = Vec::new();
        let mut columns: Option<usize> = None;
        let mut header: Option<usize> = None;
        let mut rows = 0;
        for (line_index, line) in text.lines().enumerate() {
            let row = line_index + 1;
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split(',').map(unquote).collect();
            if cells.len() == 1 {
                if line.contains(';') {
                    return Err(bad(row, 1, semicolons(text)));
                }
                if line.contains('\t') {
                    return Err(bad(row, 1, CsvProblem::Tabs));
                }
                let words: Vec<&str> = line.split_whitespace().collect();
                if words.len() > 1 && words.iter().all(|w| w.parse::<f32>().is_ok()) {
                    return Err(bad(row, 1, CsvProblem::Spaces));
                }
            }
            let is_header = columns.is_none() && cells.iter().all(|c| c.parse::<f32>().is_err());
            if is_header && header.is_some() {
                return Err(if text.contains(';') { no_data_rows(text) } else { bad(row, 1, CsvProblem::NotANumber) });
            }
            if is_header {
                header = Some(cells.len());
                continue;
            }
            if let Some(h) = header.filter(|&h| columns.is_none() && h != cells.len()) {
                return Err(bad(row, cells.len().min(h) + 1, CsvProblem::ColumnCount));
            }
            let expected = *columns.get_or_insert(cells.len());
            if cells.len() != expected {
                return Err(bad(row, cells.len().min(expected) + 1, CsvProblem::ColumnCount));
            }
            for (column_index, cell) in cells.iter().enumerate() {
                let column = column_index + 1;
                let value = read_cell(cell, row, column)?;
                if values.len() >= MAX_CSV_VALUES {
                    return Err(bad(row, column_index + 1, CsvProblem::TooManyValues));
                }
                values.push(value);
            }
            rows += 1;
            if rows > MAX_ROWS {
                return Err(bad(row, 1, CsvProblem::TooManyRows { max: MAX_ROWS }));
            }
        }
        let columns = match columns {
            Some(c) if rows > 0 => c,
            _ => return Err(no_data_rows(text)),
        };
        let dims = if length == 0 {
            vec![rows, columns]
        } else if columns % length == 0 {
            vec![rows, columns / length, length]
        } else {
            return Err(bad(1, columns, CsvProblem::ColumnsNotAMultipleOfL { length }));
        };
        Ok(CsvBatch { values, dims })
    }

    /// Bit for bit: NaN never comes out, but -0 does.
    fn same(a: &Result<CsvBatch, Refusal>, b: &Result<CsvBatch, Refusal>) -> bool {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                a.dims == b.dims && a.values.iter().map(|v| v.to_bits()).eq(b.values.iter().map(|v| v.to_bits()))
            }
            _ => a == b,
        }
    }

    /// A 4 MB CSV was one task of 300–1000 ms: the reader stops after a chunk of cells when the
    /// clock says so, and read piece by piece gives the batch read at once.
    #[test]
    fn a_large_csv_is_read_in_pieces_to_the_same_batch() {
        let row = (0..512).map(|i| format!("{}.25", i % 7)).collect::<Vec<_>>().join(",");
        let header = (0..512).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
        let text = format!("{header}\n{}", vec![row; 1024].join("\n"));
        let mut reader = BatchReader::new(text.clone(), 0);
        let mut pieces = 0;
        let result = loop {
            let before = reader.values.len();
            let result = reader.advance(&mut || false);
            assert!(reader.values.len().saturating_sub(before) <= READ_CHUNK, "a piece reads at most READ_CHUNK cells");
            pieces += 1;
            if let Some(result) = result {
                break result;
            }
            assert!(reader.progress() < 1.0);
        };
        assert!(pieces >= 512 * 1024 / READ_CHUNK, "{pieces} pieces");
        assert!(same(&result, &parse_at_once(&text, 0)));
        assert_eq!(result.unwrap().dims, vec![1024, 512]);
        // One line of many cells is read in pieces too.
        let wide = vec!["1"; 100_000].join(",");
        let mut reader = BatchReader::new(wide.clone(), 0);
        assert!(reader.advance(&mut || false).is_none());
        assert!(reader.values.len() <= READ_CHUNK);
        assert!(same(&parse_batch(&wide, 0), &parse_at_once(&wide, 0)));
    }

    /// Too many rows is said before a bad cell, also when the bad cell comes first.
    #[test]
    fn too_many_rows_is_said_before_a_bad_cell_read_earlier() {
        let text = format!("1,2\n3,x\n{}", "5,6\n".repeat(MAX_ROWS));
        assert!(matches!(parse_batch(&text, 0), Err(Refusal::BadCsv { problem: CsvProblem::TooManyRows { .. }, .. })));
        let text = format!("1,2\n3,x\n{}", "5,6\n".repeat(MAX_ROWS - 2));
        assert_eq!(parse_batch(&text, 0), Err(bad(2, 2, CsvProblem::NotANumber)));
        let text = format!("a\n{}", "1\n".repeat(MAX_ROWS + 1));
        assert!(same(&parse_batch(&text, 0), &parse_at_once(&text, 0)));
    }

    /// A text without a header may not hold one row more than a batch either: refused as the
    /// reader's "more than 4096 rows" at that row, not by the layer's batch size afterwards.
    #[test]
    fn one_row_too_many_without_a_header_is_refused_at_that_row() {
        let text = "1,2\n".repeat(MAX_ROWS + 1);
        let refused = Err(bad(MAX_ROWS + 1, 1, CsvProblem::TooManyRows { max: MAX_ROWS }));
        assert_eq!(parse_batch(&text, 0), refused);
        assert!(same(&parse_batch(&text, 0), &parse_at_once(&text, 0)));
        assert_eq!(parse_batch(&"1,2\n".repeat(MAX_ROWS), 0).map(|b| b.dims), Ok(vec![MAX_ROWS, 2]));
        let with_header = format!("a,b\n{}", "1,2\n".repeat(MAX_ROWS));
        assert_eq!(parse_batch(&with_header, 0).map(|b| b.dims), Ok(vec![MAX_ROWS, 2]));
    }

    fn csv(rows: &[&str]) -> String {
        let header: Vec<String> =
            std::iter::once("label".to_string()).chain((0..64).map(|i| format!("p{i}"))).collect();
        let mut text = header.join(",");
        for row in rows {
            text.push('\n');
            text.push_str(row);
        }
        text
    }

    fn row(label: &str, pixel: &str) -> String {
        std::iter::once(label).chain(std::iter::repeat_n(pixel, 64)).collect::<Vec<_>>().join(",")
    }

    #[test]
    fn parses_digits_and_names_the_bad_line() {
        let text = csv(&[&row("3", "8"), &row("9", "16"), ""]).replace('\n', "\r\n");
        let digits = parse_digits_csv(&text).unwrap();
        assert_eq!(digits.labels, vec![3, 9]);
        assert_eq!(digits.images.len(), 128);
        assert_eq!((digits.images[0], digits.images[64]), (0.5, 1.0));

        // (row, column) of the error: rows are lines of the file (1 = header), column 1 = the label.
        let at = |text: &str| match parse_digits_csv(text) {
            Err(Refusal::BadCsv { row, column, .. }) => (row, column),
            other => panic!("expected BadCsv, got {other:?}"),
        };
        assert_eq!(at(""), (1, 1));
        assert_eq!(at(&row("1", "0")), (1, 1));
        assert_eq!(at(&csv(&[]).replace("p5,", "p6,")), (1, 7));
        assert_eq!(at(&csv(&[]).replace(",p63", "")), (1, 65));
        assert_eq!(at(&csv(&[])), (2, 1));
        assert_eq!(at(&csv(&[&row("1", "0"), "1,2,3"])), (3, 4));
        assert_eq!(at(&csv(&[&row("10", "0")])), (2, 1));
        assert_eq!(at(&csv(&[&row("-1", "0")])), (2, 1));
        assert_eq!(at(&csv(&[&row("1", "0"), "", &row("2", "0"), &row("7", "17")])), (5, 2));
        assert_eq!(at(&csv(&[&row("1", "0.5")])), (2, 2));
        let mut bad_pixel = row("4", "1");
        bad_pixel.push('x');
        assert_eq!(at(&csv(&[&bad_pixel])), (2, 65));
        let error = parse_digits_csv(&csv(&[&bad_pixel])).unwrap_err();
        assert!(matches!(error, Refusal::BadCsv { row: 2, problem: CsvProblem::DigitsPixel, .. }), "{error:?}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod never_panics {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Read in pieces, any text gives what reading it at once gave: the same batch, or
            /// the same refusal naming the same row and column.
            #[test]
            fn the_reader_in_pieces_is_the_reader_at_once(
                text in "\u{feff}?([0-9a-x.eE+\\-\" ,;\t]{0,12}(\r?\n)?){0,12}",
                length in 0usize..3,
                piece in 1usize..4,
            ) {
                let mut reader = BatchReader::new(text.clone(), length);
                reader.chunk = piece; // a look at the clock every cell or few
                let mut looks = 0;
                let result = loop {
                    if let Some(result) = reader.advance(&mut || { looks += 1; looks % 3 != 0 }) {
                        break result;
                    }
                };
                let at_once = super::parse_at_once(&text, length);
                prop_assert!(super::same(&result, &at_once), "{:?} vs {:?}", result, at_once);
            }

            /// The box refuses a text with the reader's refusal of its rows, or takes one that
            /// reads to the same batch: only blank lines (white space, `\u{3000}` too) are left
            /// out, and only of a text of more lines than a batch.
            #[test]
            fn the_box_takes_what_the_reader_reads(
                text in "\u{feff}?(([0-9,]{0,4}|[ \t\u{3000}]{0,2})\r?\n){0,12}",
                blank in 0usize..5000,
                rows in 4090usize..4100,
            ) {
                let text = format!("{text}{}{}", "\n".repeat(blank), "1\n".repeat(rows));
                match for_the_box(text.clone(), false) {
                    Ok(kept) => {
                        prop_assert_eq!(parse_batch(&kept, 0).ok(), parse_batch(&text, 0).ok());
                        prop_assert!(kept == text || kept.split('\n').count() <= MAX_LINES + 1);
                        prop_assert!(kept.len() == text.len() || text.split('\n').count() > MAX_LINES);
                    }
                    Err(refusal) => prop_assert_eq!(Err(refusal), parse_batch(&text, 0).map(|_| ())),
                }
            }

            #[test]
            fn parse_takes_any_text(text in ".{0,300}") {
                let _ = parse_digits_csv(&text);
                let _ = parse_digits_csv(&format!("label,{}\n{text}", (0..64).map(|i| format!("p{i}")).collect::<Vec<_>>().join(",")));
            }
        }
    }
}
