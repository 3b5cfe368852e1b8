//! Summaries the charts need: mean and spread, histograms.

/// Mean and biased standard deviation (÷ n) of a list, in f64; None for an empty list.
pub fn mean_std(values: &[f32]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = values.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
    Some((mean, var.sqrt()))
}

/// [`mean_std`] of each feature of a batch laid out as (N, C, L) (L = 1 for (N, C)), read in
/// memory order: each feature's values are summed in the order [`mean_std`] would see them
/// (sample by sample, position by position), so the results are the same to the bit, without
/// gathering each feature's values first. NaN for a feature of no values.
pub fn mean_std_per_feature(values: &[f32], n: usize, c: usize, l: usize) -> Vec<(f64, f64)> {
    let m = n * l;
    if c == 0 || l == 0 || values.len() < n * c * l {
        return vec![(f64::NAN, f64::NAN); c];
    }
    let rows = || values.chunks_exact(c * l).take(n);
    let mut sum = vec![0.0f64; c];
    let mut sq = vec![0.0f64; c];
    // (N, C): a row is one value per feature, summed across the row in lanes (no chunks of one,
    // which kept the compiler from vectorizing: ~5 ms a pass for 4096 × 128 in wasm); each
    // feature's sum still adds its values in the same order.
    // Index loops, not iterator adapters: the first view's module is built with LLVM's inliner
    // held to small functions (README, "Loading"), and these need nothing of std inlined.
    if l == 1 {
        for r in 0..n {
            let row = &values[r * c..(r + 1) * c];
            for f in 0..c {
                // Σx
                sum[f] += row[f] as f64;
            }
        }
        let mean: Vec<f64> = sum.iter().map(|s| s / m as f64).collect();
        for r in 0..n {
            let row = &values[r * c..(r + 1) * c];
            for f in 0..c {
                // Σ(x − μ)²
                sq[f] += (row[f] as f64 - mean[f]).powi(2);
            }
        }
        return finish(&mean, &sq, m);
    }
    for row in rows() {
        for (s, feature) in sum.iter_mut().zip(row.chunks_exact(l)) {
            for &v in feature {
                *s += v as f64;
            }
        }
    }
    let mean: Vec<f64> = sum.iter().map(|s| s / m as f64).collect();
    for row in rows() {
        for ((s, feature), mu) in sq.iter_mut().zip(row.chunks_exact(l)).zip(&mean) {
            for &v in feature {
                *s += (v as f64 - mu).powi(2);
            }
        }
    }
    finish(&mean, &sq, m)
}

/// Each feature's (mean, biased standard deviation) from its mean and sum of squared deviations.
fn finish(mean: &[f64], sq: &[f64], m: usize) -> Vec<(f64, f64)> {
    mean.iter()
        .zip(sq)
        .map(|(&mu, s)| if m == 0 { (f64::NAN, f64::NAN) } else { (mu, (s / m as f64).sqrt()) })
        .collect()
}

/// Smallest and largest finite value; None when there is none.
pub fn finite_range(values: &[f32]) -> Option<(f64, f64)> {
    values.iter().filter(|v| v.is_finite()).fold(None, |acc, &v| {
        let v = v as f64;
        Some(match acc {
            None => (v, v),
            Some((lo, hi)) => (f64::min(lo, v), f64::max(hi, v)),
        })
    })
}

/// Counts of values in `bins` equal-width bins over [lo, hi]; values outside (or NaN) are dropped,
/// `hi` itself falls in the last bin.
pub fn histogram(values: &[f32], lo: f64, hi: f64, bins: usize) -> Vec<u32> {
    let mut counts = vec![0u32; bins];
    if bins == 0 || lo.is_nan() || hi.is_nan() || hi <= lo {
        return counts;
    }
    let width = (hi - lo) / bins as f64;
    for &v in values {
        let v = v as f64;
        if v >= lo && v <= hi {
            let b = (((v - lo) / width) as usize).min(bins - 1);
            counts[b] += 1;
        }
    }
    counts
}

/// The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between order statistics,
/// as `numpy.percentile` does; None for an empty list. NaNs are left out.
pub fn percentile(values: &[f32], p: f64) -> Option<f64> {
    percentile_of(values.iter().map(|&v| v as f64), p)
}

/// [`percentile`] of f64 values: the one rule for the page's percentiles and the charts' ranges.
pub fn percentile_of(values: impl Iterator<Item = f64>, p: f64) -> Option<f64> {
    let mut sorted: Vec<f64> = values.filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_unstable_by(f64::total_cmp);
    let rank = p.clamp(0.0, 100.0) / 100.0 * (sorted.len() - 1) as f64;
    let (below, above) = (rank.floor() as usize, rank.ceil() as usize);
    let t = rank - below as f64;
    Some(sorted[below] * (1.0 - t) + sorted[above] * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_puts_the_top_edge_in_the_last_bin() {
        assert_eq!(histogram(&[0.0, 0.5, 1.0, 2.0], 0.0, 1.0, 2), vec![1, 2]);
    }

    #[test]
    fn per_feature_statistics_are_each_features_own_to_the_bit() {
        let values: Vec<f32> = (0..7 * 5 * 3).map(|i| ((i * 37 % 11) as f32 - 4.3) * 1.7e-3 + i as f32).collect();
        for (n, c, l) in [(7, 15, 1), (7, 5, 3), (1, 4, 1)] {
            let stats = mean_std_per_feature(&values, n, c, l);
            for (f, got) in stats.iter().enumerate() {
                let own: Vec<f32> =
                    (0..n).flat_map(|s| (0..l).map(move |p| (s * c + f) * l + p)).map(|i| values[i]).collect();
                let want = mean_std(&own).unwrap();
                assert_eq!((got.0.to_bits(), got.1.to_bits()), (want.0.to_bits(), want.1.to_bits()), "{n} {c} {l} {f}");
            }
        }
    }

    #[test]
    fn percentile_interpolates() {
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), Some(2.5));
        assert_eq!(percentile(&[], 50.0), None);
    }
}
