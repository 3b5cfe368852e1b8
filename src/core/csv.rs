//! A batch from CSV text: one row per sample, one column per feature (C·L columns, feature by
//! feature, for `(N, C, L)` input). Every problem names its row and column.

use super::error::BnError;

/// The most values one CSV batch may hold (the page's limit for a batch).
pub const MAX_CSV_VALUES: usize = 1 << 21;

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
    let mut values = Vec::new();
    let mut columns: Option<usize> = None;
    let mut rows = 0;
    for (line_index, line) in text.lines().enumerate() {
        let row = line_index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let is_header = columns.is_none() && cells.iter().all(|c| c.parse::<f32>().is_err());
        if is_header {
            continue;
        }
        let expected = *columns.get_or_insert(cells.len());
        if cells.len() != expected {
            return Err(bad(row, cells.len().min(expected) + 1, "a different number of columns than the first row"));
        }
        for (column_index, cell) in cells.iter().enumerate() {
            let value: f32 = cell.parse().map_err(|_| bad(row, column_index + 1, "not a number"))?;
            if !value.is_finite() {
                return Err(bad(row, column_index + 1, "NaN or infinite"));
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
    fn names_the_row_and_column_of_a_problem() {
        let cases = [
            ("1,2\n3\n", (2, 2, "a different number of columns than the first row")),
            ("1,2\n3,x\n", (2, 2, "not a number")),
            ("1,2\n3,NaN\n", (2, 2, "NaN or infinite")),
            ("1,2\ninf,3\n", (2, 1, "NaN or infinite")),
            ("", (1, 1, "no data rows")),
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
