//! `nn.CrossEntropyLoss()`: the mean over the batch of −log softmax(z)[label].

use crate::core::error::BnError;

/// The loss of row-major `(n, classes)` logits and dL/dz into `grad` (reused), with n = `labels.len()`:
///
/// ```text
/// loss = (1/n) Σ_i [ log Σ_j exp(z_ij) − z_i,y_i ]
/// log Σ_j exp(z_j) = m + log Σ_j exp(z_j − m),  m = max_j z_j   (no exp can overflow)
/// ∂loss/∂z_ij = (softmax(z_i)_j − [j = y_i]) / n
/// ```
/// Sums in f64 with `libm`'s exp and log (the same bits natively and in wasm).
/// An empty batch (PyTorch: NaN) and a label that is not a class are refused.
pub fn cross_entropy(logits: &[f32], labels: &[usize], classes: usize, grad: &mut Vec<f32>) -> Result<f32, BnError> {
    let n = labels.len();
    if n == 0 {
        return Err(BnError::OutOfBounds { what: "the batch size", value: 0.0, min: 1.0, max: f64::INFINITY });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_tutorials_loss() {
        let logits = [1.0f32, 2.0, 0.5, -1.0, 0.0, 3.0];
        let mut grad = Vec::new();
        let loss = cross_entropy(&logits, &[1, 2], 3, &mut grad).unwrap();
        let (want, want_grad) = crate::core::mlp::cross_entropy(&logits, &[1, 2], 2, 3).unwrap();
        assert!((loss - want).abs() < 1e-6, "{loss} vs {want}");
        for (g, w) in grad.iter().zip(&want_grad) {
            assert!((g - w).abs() < 1e-7, "{g} vs {w}");
        }
        assert!(cross_entropy(&logits, &[1, 3], 3, &mut grad).is_err());
        assert!(cross_entropy(&logits, &[], 3, &mut grad).is_err());
        assert!(cross_entropy(&logits[..5], &[1, 2], 3, &mut grad).is_err());
        assert!(cross_entropy(&[], &[0], 0, &mut grad).is_err());
    }
}
