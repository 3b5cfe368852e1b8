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

/// A parsed batch: row-major values and their dims, `[N, C]` or `[N, C, L]`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvBatch {
    pub values: Vec<f32>,
    pub dims: Vec<usize>,
}

fn bad(row: usize, column: usize, problem: CsvProblem) -> Refusal {
    Refusal::BadCsv { row, column, problem }
}

/// A cell without its blanks and one pair of quotes around it: a spreadsheet may quote every
/// cell ("1","2"); a quoted comma is not read (the numbers here have none).
fn unquote(cell: &str) -> &str {
    let cell = cell.trim();
    cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')).unwrap_or(cell).trim()
}

/// Reads `text`; `length` is L for `(N, C, L)` input, or 0 for `(N, C)`. A first row that is
/// not all numbers is a header and is skipped; blank lines are skipped.
pub fn parse_batch(text: &str, length: usize) -> Result<CsvBatch, Refusal> {
    // A file saved by a spreadsheet may start with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(bad(1, 1, CsvProblem::Empty));
    }
    // Refused by its size before a single number is read: a batch has at most MAX_ROWS rows.
    let rows_in_text = text.lines().filter(|l| !l.trim().is_empty()).count();
    if rows_in_text > MAX_ROWS + 1 {
        return Err(bad(MAX_ROWS + 2, 1, CsvProblem::TooManyRows { max: MAX_ROWS }));
    }
    let mut values = Vec::new();
    let mut columns: Option<usize> = None;
    let mut rows = 0;
    for (line_index, line) in text.lines().enumerate() {
        let row = line_index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(unquote).collect();
        if cells.len() == 1 {
            // One column may be right; a line that holds another separator is not.
            for (separator, why) in [(';', CsvProblem::Semicolons), ('\t', CsvProblem::Tabs)] {
                if line.contains(separator) {
                    return Err(bad(row, 1, why));
                }
            }
        }
        let is_header = columns.is_none() && cells.iter().all(|c| c.parse::<f32>().is_err());
        if is_header {
            continue;
        }
        let expected = *columns.get_or_insert(cells.len());
        if cells.len() != expected {
            return Err(bad(row, cells.len().min(expected) + 1, CsvProblem::ColumnCount));
        }
        for (column_index, cell) in cells.iter().enumerate() {
            let column = column_index + 1;
            let wide: f64 = cell.parse().map_err(|_| bad(row, column, CsvProblem::NotANumber))?;
            if !wide.is_finite() {
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
            if values.len() >= MAX_CSV_VALUES {
                return Err(bad(row, column_index + 1, CsvProblem::TooManyValues));
            }
            values.push(value);
        }
        rows += 1;
    }
    let columns = match columns {
        Some(c) if rows > 0 => c,
        _ => return Err(bad(1, 1, CsvProblem::NoDataRows)),
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
            ("1\t2\n", (1, 1, CsvProblem::Tabs)),
            ("1,2\n3,1e39\n", (2, 2, CsvProblem::TooLargeForFloat32)),
            ("a,b\n", (1, 1, CsvProblem::NoDataRows)),
            ("1,2,3\n", (1, 3, CsvProblem::ColumnsNotAMultipleOfL { length: 2 })),
            ("1,2\n3,4,5\n", (2, 3, CsvProblem::ColumnCount)),
        ];
        for (text, (row, column, why)) in cases {
            let length = if matches!(why, CsvProblem::ColumnsNotAMultipleOfL { .. }) { 2 } else { 0 };
            assert_eq!(parse_batch(text, length), Err(Refusal::BadCsv { row, column, problem: why }), "{text:?}");
        }
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

            #[test]
            fn parse_takes_any_text(text in ".{0,300}") {
                let _ = parse_digits_csv(&text);
                let _ = parse_digits_csv(&format!("label,{}\n{text}", (0..64).map(|i| format!("p{i}")).collect::<Vec<_>>().join(",")));
            }
        }
    }
}
