//! A batch from CSV text: one row per sample, one column per feature (C·L columns, feature by
//! feature, for `(N, C, L)` input). Every problem names its row and column.

use super::error::BnError;

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

fn bad(row: usize, column: usize, why: &'static str) -> BnError {
    BnError::BadCsv { row, column, why }
}

/// Reads `text`; `length` is L for `(N, C, L)` input, or 0 for `(N, C)`. A first row that is
/// not all numbers is a header and is skipped; blank lines are skipped.
pub fn parse_batch(text: &str, length: usize) -> Result<CsvBatch, BnError> {
    // A file saved by a spreadsheet may start with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(bad(1, 1, "the box is empty"));
    }
    // Refused by its size before a single number is read: a batch has at most MAX_ROWS rows.
    let rows_in_text = text.lines().filter(|l| !l.trim().is_empty()).count();
    if rows_in_text > MAX_ROWS + 1 {
        return Err(bad(MAX_ROWS + 2, 1, "more than 4096 rows (the largest batch)"));
    }
    let mut values = Vec::new();
    let mut columns: Option<usize> = None;
    let mut rows = 0;
    for (line_index, line) in text.lines().enumerate() {
        let row = line_index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if cells.len() == 1 {
            // One column may be right; a line that holds another separator is not.
            for (separator, why) in
                [(';', "separated by semicolons (;), not commas"), ('\t', "separated by tabs, not commas")]
            {
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
            return Err(bad(row, cells.len().min(expected) + 1, "a different number of columns than the first row"));
        }
        for (column_index, cell) in cells.iter().enumerate() {
            let column = column_index + 1;
            let wide: f64 = cell.parse().map_err(|_| bad(row, column, "not a number"))?;
            if !wide.is_finite() {
                return Err(bad(row, column, "NaN or infinite"));
            }
            let value = wide as f32;
            if !value.is_finite() {
                return Err(bad(row, column, "too large for float32 (the largest is about 3.4e38)"));
            }
            // Beyond this, x² overflows float32 in the variance: PyTorch would print inf or NaN.
            if value.abs() > MAX_ABS {
                return Err(bad(row, column, "too large: its square overflows float32 in the variance (PyTorch would give inf or NaN too); keep values within ±1e18"));
            }
            if values.len() >= MAX_CSV_VALUES {
                return Err(bad(row, column_index + 1, "too many values"));
            }
            values.push(value);
        }
        rows += 1;
    }
    let columns = match columns {
        Some(c) if rows > 0 => c,
        _ => return Err(bad(1, 1, "no data rows")),
    };
    let dims = if length == 0 {
        vec![rows, columns]
    } else if columns % length == 0 {
        vec![rows, columns / length, length]
    } else {
        return Err(bad(1, columns, "the number of columns is not a multiple of L"));
    };
    Ok(CsvBatch { values, dims })
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
    }

    #[test]
    fn a_bom_is_not_a_number_and_size_is_checked_first() {
        assert_eq!(parse_batch("\u{feff}1,2\n3,4", 0).unwrap().dims, vec![2, 2]);
        let huge = "1,2\n".repeat(100_000);
        assert!(matches!(parse_batch(&huge, 0), Err(BnError::BadCsv { why, .. }) if why.contains("4096")));
        assert!(matches!(parse_batch("1,2\n3e38,1", 0), Err(BnError::BadCsv { why, .. }) if why.contains("overflows")));
    }

    #[test]
    fn names_the_row_and_column_of_a_problem() {
        let cases = [
            ("1,2\n3\n", (2, 2, "a different number of columns than the first row")),
            ("1,2\n3,x\n", (2, 2, "not a number")),
            ("1,2\n3,NaN\n", (2, 2, "NaN or infinite")),
            ("1,2\ninf,3\n", (2, 1, "NaN or infinite")),
            ("", (1, 1, "the box is empty")),
            ("1;2\n3;4\n", (1, 1, "separated by semicolons (;), not commas")),
            ("1\t2\n", (1, 1, "separated by tabs, not commas")),
            ("1,2\n3,1e39\n", (2, 2, "too large for float32 (the largest is about 3.4e38)")),
            ("a,b\n", (1, 1, "no data rows")),
            ("1,2,3\n", (1, 3, "the number of columns is not a multiple of L")),
            ("1,2\n3,4,5\n", (2, 3, "a different number of columns than the first row")),
        ];
        for (text, (row, column, why)) in cases {
            let length = if why.contains("multiple") { 2 } else { 0 };
            assert_eq!(parse_batch(text, length), Err(BnError::BadCsv { row, column, why }), "{text:?}");
        }
    }
}
