//! `nn.CrossEntropyLoss()`: the mean over the batch of −log `softmax(z)[label]`; and the
//! classification read from logits (`argmax`, accuracy).

use crate::core::error::BnError;

/// The loss of row-major `(n, classes)` logits and dL/dz into `grad` (reused), with n = `labels.len()`:
///
/// ```text
/// loss = (1/n) Σ_i [ log Σ_j exp(z_ij) − z_i,y_i ]
/// log Σ_j exp(z_j) = m + log Σ_j exp(z_j − m),  m = max_j z_j   (no exp can overflow)
/// ∂loss/∂z_ij = (softmax(z_i)_j − [j = y_i]) / n
/// ```
/// Sums in f64 with `libm`'s exp and log (the same bits natively and in wasm).
/// An empty batch's loss is NaN, a mean over nothing, with no gradient to give (PyTorch's: its
/// step then moves only by SGD's momentum). A label that is not a class is refused.
pub fn cross_entropy(logits: &[f32], labels: &[usize], classes: usize, grad: &mut Vec<f32>) -> Result<f32, BnError> {
    let n = labels.len();
    if n == 0 && logits.is_empty() {
        grad.clear();
        return Ok(f32::NAN);
    }
    let expected = n.saturating_mul(classes);
    if logits.len() != expected {
        return Err(BnError::WrongLength { what: "the logits", expected, got: logits.len() });
    }
    if let Some(&y) = labels.iter().find(|&&y| y >= classes) {
        return Err(BnError::OutOfRange { what: "class", index: y, len: classes });
    }

    grad.clear();
    grad.resize(logits.len(), 0.0);
    let mut loss_sum = 0.0f64;
    for ((z, g), &y) in logits.chunks_exact(classes).zip(grad.chunks_exact_mut(classes)).zip(labels) {
        let m = z.iter().fold(f64::NEG_INFINITY, |acc, &v| acc.max(v as f64));
        // g holds exp(z_j − m) for a moment, then the gradient.
        let mut sum_exp = 0.0f64;
        for (gj, &zj) in g.iter_mut().zip(z) {
            let e = libm::exp(zj as f64 - m);
            sum_exp += e;
            *gj = e as f32;
        }
        loss_sum += m + libm::log(sum_exp) - z[y] as f64;
        for (j, gj) in g.iter_mut().enumerate() {
            let softmax = *gj as f64 / sum_exp;
            let target = if j == y { 1.0 } else { 0.0 };
            *gj = ((softmax - target) / n as f64) as f32;
        }
    }
    Ok((loss_sum / n as f64) as f32)
}

/// The predicted class of every row of `(n, classes)` logits: the first largest logit, like `argmax`.
pub fn predictions(logits: &[f32], classes: usize) -> Vec<usize> {
    if classes == 0 {
        return Vec::new();
    }
    logits
        .chunks_exact(classes)
        .map(|row| {
            let mut best = 0;
            for (j, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}

/// The share of predictions equal to their label (0 for no prediction); extra items of the longer list are ignored.
pub fn accuracy(predicted: &[usize], labels: &[usize]) -> f64 {
    let n = predicted.len().min(labels.len());
    if n == 0 {
        return 0.0;
    }
    let correct = predicted.iter().zip(labels).filter(|(p, y)| p == y).count();
    correct as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_tutorials_loss() {
        let logits = [1.0f32, 2.0, 0.5, -1.0, 0.0, 3.0];
        let mut grad = Vec::new();
        let loss = cross_entropy(&logits, &[1, 2], 3, &mut grad).unwrap();
        // By the formula, row by row in f64: log Σ exp(z) − z_y, and (softmax − onehot)/n.
        let rows = [([1.0f64, 2.0, 0.5], 1), ([-1.0, 0.0, 3.0], 2)];
        let mut want = 0.0;
        let mut want_grad = Vec::new();
        for (z, y) in rows {
            let sum: f64 = z.iter().map(|v| v.exp()).sum();
            want += (sum.ln() - z[y]) / 2.0;
            want_grad.extend((0..3).map(|j| ((z[j].exp() / sum - if j == y { 1.0 } else { 0.0 }) / 2.0) as f32));
        }
        assert!((loss as f64 - want).abs() < 1e-6, "{loss} vs {want}");
        for (g, w) in grad.iter().zip(&want_grad) {
            assert!((g - w).abs() < 1e-7, "{g} vs {w}");
        }
        assert!(cross_entropy(&logits, &[1, 3], 3, &mut grad).is_err());
        assert!(cross_entropy(&logits, &[], 3, &mut grad).is_err());
        assert!(cross_entropy(&logits[..5], &[1, 2], 3, &mut grad).is_err());
        assert!(cross_entropy(&[], &[0], 0, &mut grad).is_err());
    }

    #[test]
    fn argmax_takes_the_first_largest_and_accuracy_counts_matches() {
        assert_eq!(predictions(&[0.1, 0.9, 0.9, 2.0, -1.0, 0.0], 3), vec![1, 0]);
        assert_eq!(predictions(&[1.0], 0), Vec::<usize>::new());
        assert_eq!(accuracy(&[1, 2, 3, 4], &[1, 2, 0, 0]), 0.5);
        assert_eq!(accuracy(&[], &[1]), 0.0);
    }
}
