//! The two hot loops of training: matrix products and exp.
//!
//! Matrices are dense and row-major, as PyTorch stores them. A product accumulates in f32, as
//! PyTorch's CPU kernels do, in register tiles of `ROWS` × `COLS` (i-k-j order: a value of A
//! times a row of B, added to a row of C), so each value of B that reaches a register is used
//! `ROWS` times and the compiler vectorizes along the row (SSE natively, simd128 in wasm).
//!
//! `exp` is a polynomial made of +, −, × and bit operations only, so that it vectorizes and gives
//! the same bits on every target (std's may call the platform's libm).

/// Rows of C in one register tile.
const ROWS: usize = 4;
/// Columns of C in one register tile (two 4-lane vectors per row: 8 accumulators in all).
const COLS: usize = 8;

/// A dense `rows × cols` matrix holds exactly `rows · cols` values.
fn holds(values: &[f32], rows: usize, cols: usize) -> bool {
    rows.checked_mul(cols) == Some(values.len())
}

/// Scratch of the matrix products (reused from call to call): ROWS values of A per step of the
/// sum, side by side, so the register tile reads them with one load and no index checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Panel(Vec<[f32; ROWS]>);

/// `C[i][j] += Σ_p A[i][p]·B[p][j]`: `c` is m×n, `a` m×k, `b` k×n.
/// Matrices of the wrong size leave C as it was (the callers check sizes first).
pub fn matmul_add(c: &mut [f32], a: &[f32], b: &[f32], (m, k, n): (usize, usize, usize), panel: &mut Panel) {
    if !(holds(c, m, n) && holds(a, m, k) && holds(b, k, n)) || k == 0 || n == 0 {
        return;
    }
    // ROWS rows of C at a time, from the same rows of A: panel[p][r] = A[i0 + r][p].
    for (c_rows, a_rows) in c.chunks_mut(ROWS * n).zip(a.chunks(ROWS * k)) {
        panel.0.clear();
        panel.0.resize(k, [0.0; ROWS]);
        for (r, a_row) in a_rows.chunks_exact(k).enumerate().take(ROWS) {
            for (slot, &value) in panel.0.iter_mut().zip(a_row) {
                slot[r] = value;
            }
        }
        add_panel_times_b(c_rows, &panel.0, b, n);
    }
}

/// `C[p][j] += Σ_i A[i][p]·B[i][j]`, that is C += Aᵀ·B: `c` is k×n, `a` m×k, `b` m×n.
/// (The weight gradient of a Linear layer: dW = dYᵀ·X.)
pub fn matmul_t_add(c: &mut [f32], a: &[f32], b: &[f32], (m, k, n): (usize, usize, usize), panel: &mut Panel) {
    if !(holds(c, k, n) && holds(a, m, k) && holds(b, m, n)) || m == 0 || n == 0 {
        return;
    }
    // ROWS rows of C at a time, from the same columns of A: panel[i][r] = A[i][p0 + r].
    let mut p0 = 0;
    for c_rows in c.chunks_mut(ROWS * n) {
        let rows = c_rows.len() / n;
        panel.0.clear();
        panel.0.extend(a.chunks_exact(k).map(|a_row| {
            let mut slot = [0.0; ROWS];
            for (s, &value) in slot.iter_mut().zip(a_row.get(p0..p0 + rows).unwrap_or(&[])) {
                *s = value;
            }
            slot
        }));
        add_panel_times_b(c_rows, &panel.0, b, n);
        p0 += rows;
    }
}

/// `c_rows` (up to ROWS rows of n) += panel · B, where B has one row per entry of the panel.
fn add_panel_times_b(c_rows: &mut [f32], panel: &[[f32; ROWS]], b: &[f32], n: usize) {
    match c_rows.len() / n {
        4 => row_block::<4>(c_rows, panel, b, n),
        3 => row_block::<3>(c_rows, panel, b, n),
        2 => row_block::<2>(c_rows, panel, b, n),
        _ => row_block::<1>(c_rows, panel, b, n),
    }
}

/// R rows of C, tile by tile across the columns: COLS at a time, then 4, then 1.
fn row_block<const R: usize>(c_rows: &mut [f32], panel: &[[f32; ROWS]], b: &[f32], n: usize) {
    let mut j0 = 0;
    while j0 + COLS <= n {
        add_tile(c_rows, n, j0, &tile::<R, COLS>(panel, b, n, j0));
        j0 += COLS;
    }
    while j0 + 4 <= n {
        add_tile(c_rows, n, j0, &tile::<R, 4>(panel, b, n, j0));
        j0 += 4;
    }
    while j0 < n {
        add_tile(c_rows, n, j0, &tile::<R, 1>(panel, b, n, j0));
        j0 += 1;
    }
}

/// acc[r][j] = Σ_p panel[p][r]·B[p][j0 + j]: the register tile (R ≤ ROWS).
#[inline(always)]
fn tile<const R: usize, const W: usize>(panel: &[[f32; ROWS]], b: &[f32], n: usize, j0: usize) -> [[f32; W]; R] {
    let mut acc = [[0.0f32; W]; R];
    for (a, b_row) in panel.iter().zip(b.chunks_exact(n)) {
        let Some(Ok(b)) = b_row.get(j0..j0 + W).map(<&[f32; W]>::try_from) else {
            break;
        };
        for (acc_row, &a) in acc.iter_mut().zip(a) {
            for (acc, &b) in acc_row.iter_mut().zip(b) {
                *acc += a * b;
            }
        }
    }
    acc
}

/// C[r][j0 + j] += acc[r][j].
#[inline(always)]
fn add_tile<const R: usize, const W: usize>(c_rows: &mut [f32], n: usize, j0: usize, acc: &[[f32; W]; R]) {
    for (c_row, acc_row) in c_rows.chunks_exact_mut(n).zip(acc) {
        if let Some(c) = c_row.get_mut(j0..j0 + W) {
            for (c, &v) in c.iter_mut().zip(acc_row) {
                *c += v;
            }
        }
    }
}

/// B (cols × rows) = Aᵀ for A (rows × cols); `b` is resized.
pub fn transpose_into(a: &[f32], rows: usize, cols: usize, b: &mut Vec<f32>) {
    b.resize(a.len(), 0.0);
    if rows == 0 || cols == 0 || !holds(a, rows, cols) {
        return;
    }
    // 4 × 4 blocks: four rows of four read, turned in registers, written as four columns.
    const T: usize = 4;
    let (rows_t, cols_t) = (rows - rows % T, cols - cols % T);
    for i0 in (0..rows_t).step_by(T) {
        for j0 in (0..cols_t).step_by(T) {
            let mut block = [[0.0f32; T]; T];
            for (r, block_row) in block.iter_mut().enumerate() {
                let start = (i0 + r) * cols + j0;
                if let Some(Ok(values)) = a.get(start..start + T).map(<[f32; T]>::try_from) {
                    *block_row = values;
                }
            }
            for c in 0..T {
                let start = (j0 + c) * rows + i0;
                if let Some(out) = b.get_mut(start..start + T) {
                    for (o, block_row) in out.iter_mut().zip(&block) {
                        *o = block_row[c];
                    }
                }
            }
        }
    }
    // The edges: columns past the last whole block, then rows past it.
    let edge = (0..rows_t).flat_map(|i| (cols_t..cols).map(move |j| (i, j)));
    let bottom = (rows_t..rows).flat_map(|i| (0..cols).map(move |j| (i, j)));
    for (i, j) in edge.chain(bottom) {
        if let (Some(out), Some(&value)) = (b.get_mut(j * rows + i), a.get(i * cols + j)) {
            *out = value;
        }
    }
}

/// ln 2 split in two (Cody–Waite): n·LN2_HI is exact for the n that occur, so r = x − n·ln 2
/// loses nothing.
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
/// 1.5·2²³: adding it rounds a float of magnitude < 2²² to the nearest integer.
const ROUND: f32 = 12_582_912.0;

/// eˣ in f32 (within 2 ulp of the exact value for |x| ≤ 87; the argument is clamped to
/// [−87, 88], so the result stays a finite normal number; NaN stays NaN).
///
/// ```text
/// eˣ = 2ⁿ · eʳ,  n = round(x / ln 2),  r = x − n·ln 2 ∈ [−ln2/2, ln2/2]
/// eʳ ≈ 1 + r + r²·P(r)   (Cephes' degree-5 polynomial)
/// ```
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let shifted = x * std::f32::consts::LOG2_E + ROUND;
    let n = shifted - ROUND;
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.987_569_1e-4f32;
    let p = p * r + 1.398_199_9e-3;
    let p = p * r + 8.333_452e-3;
    let p = p * r + 4.166_579_6e-2;
    let p = p * r + 0.166_666_65;
    let p = p * r + 0.5;
    let e_r = p * r * r + r + 1.0;
    // 2ⁿ built from its bits: n sits in the low bits of `shifted` (n ∈ [−126, 127]).
    let n_int = shifted.to_bits().wrapping_sub(ROUND.to_bits()) as i32;
    let two_n = f32::from_bits((n_int.wrapping_add(127) as u32) << 23);
    e_r * two_n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Vec<f32> {
        let mut c = vec![0.0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * k + p] as f64 * b[p * n + j] as f64).sum::<f64>() as f32;
            }
        }
        c
    }

    fn data(len: usize, seed: f32) -> Vec<f32> {
        (0..len).map(|i| (i as f32 * 0.731 + seed).sin() * 3.0).collect()
    }

    #[test]
    fn products_match_the_definition_for_every_remainder() {
        let mut panel = Panel::default();
        for (m, k, n) in
            [(1, 1, 1), (5, 3, 7), (4, 8, 8), (9, 13, 21), (60, 64, 100), (2, 100, 10), (7, 1, 13), (10, 100, 3)]
        {
            let a = data(m * k, 0.1);
            let b = data(k * n, 0.7);
            let want = naive(&a, &b, m, k, n);
            let mut c = vec![1.0f32; m * n];
            matmul_add(&mut c, &a, &b, (m, k, n), &mut panel);
            for (got, want) in c.iter().zip(&want) {
                assert!((got - 1.0 - want).abs() < 1e-4 * (1.0 + want.abs()), "{m}x{k}x{n}: {got} vs {want}");
            }
            // Aᵀ·B with A = (k × m) read as its transpose.
            let mut at = Vec::new();
            transpose_into(&a, m, k, &mut at);
            let mut c = vec![0.0f32; m * n];
            matmul_t_add(&mut c, &at, &b, (k, m, n), &mut panel);
            for (got, want) in c.iter().zip(&want) {
                assert!((got - want).abs() < 1e-4 * (1.0 + want.abs()), "t {m}x{k}x{n}: {got} vs {want}");
            }
        }
        // Wrong lengths do nothing (and do not panic).
        let mut c = vec![0.0f32; 4];
        matmul_add(&mut c, &[1.0; 3], &[1.0; 4], (2, 2, 2), &mut panel);
        matmul_t_add(&mut c, &[1.0; 3], &[1.0; 4], (2, 2, 2), &mut panel);
        assert_eq!(c, vec![0.0; 4]);
    }

    #[test]
    fn transpose_moves_every_value() {
        for (rows, cols) in [(1, 1), (4, 4), (5, 7), (100, 10), (10, 100), (3, 9), (8, 4)] {
            let a = data(rows * cols, 0.3);
            let mut b = vec![7.0; 3];
            transpose_into(&a, rows, cols, &mut b);
            for i in 0..rows {
                for j in 0..cols {
                    assert_eq!(b[j * rows + i], a[i * cols + j], "{rows}x{cols} ({i}, {j})");
                }
            }
        }
    }

    #[test]
    fn exp_is_within_two_ulp() {
        let mut x = -87.0f32;
        while x <= 88.0 {
            let want = (x as f64).exp();
            let got = exp(x) as f64;
            assert!((got - want).abs() <= 2.5 * f32::EPSILON as f64 * want, "exp({x}) = {got}, want {want}");
            x += 0.0137;
        }
        assert_eq!(exp(0.0), 1.0);
        assert!(exp(f32::NAN).is_nan());
        assert!(exp(f32::INFINITY).is_finite() && exp(f32::NEG_INFINITY) > 0.0);
        assert!(exp(-1000.0) < 1e-37 && exp(1000.0) > 1e38);
    }
}
