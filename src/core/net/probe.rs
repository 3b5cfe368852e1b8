//! The loss landscape along the gradient, as Santurkar et al. 2018 (Fig. 4) measure it:
//!
//! ```text
//! g = ∇L(θ)                       this batch's gradient at the parameters before the update
//! grad_norm = ‖g‖₂                over all parameters
//! for each η:  loss[η] = L(θ − η·g),   grad_change[η] = ‖∇L(θ − η·g) − g‖₂
//! ```
//! Every loss is taken in training mode (batch statistics) on the same batch, on copies of the
//! network: its parameters, running statistics and `num_batches_tracked` are left as they were.

use super::sequential::Net;
use crate::core::error::BnError;

/// What one probe measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub etas: Vec<f64>,
    /// L(θ): this batch's loss before the update.
    pub loss_at_start: f32,
    /// ‖g‖₂ over all parameters.
    pub grad_norm: f64,
    /// L(θ − η·g), one per η.
    pub loss: Vec<f64>,
    /// ‖∇L(θ − η·g) − g‖₂, one per η.
    pub grad_change: Vec<f64>,
}

/// ‖a − b‖₂ over every tensor (‖a‖₂ when `b` is None), summed in f64.
fn distance(a: &[&[f32]], b: Option<&[Vec<f32>]>) -> f64 {
    let mut sum = 0.0f64;
    for (k, tensor) in a.iter().enumerate() {
        let other = b.and_then(|b| b.get(k));
        for (j, &v) in tensor.iter().enumerate() {
            let d = v as f64 - other.and_then(|o| o.get(j)).map_or(0.0, |&w| w as f64);
            sum += d * d;
        }
    }
    sum.sqrt()
}

impl Net {
    /// The probe of this batch at the network's current parameters, for each step size in
    /// `etas` (finite numbers; Santurkar et al. take a few, e.g. 0.05, 0.2, 0.8). Call it before
    /// [`Net::train_step`] on the same batch to probe that step. The network does not change.
    ///
    /// Every pass runs on one working copy, set back to this network's state before each
    /// (parameters, running statistics, the noise's stream; see `Net::reset_moved_from`): the
    /// numbers of a fresh copy per pass, without copying the whole network each time.
    pub fn probe(&self, x: &[f32], labels: &[usize], etas: &[f64]) -> Result<Probe, BnError> {
        if !etas.iter().all(|e| e.is_finite()) {
            return Err(BnError::NotFinite { what: "a probe's step size η" });
        }
        let n = self.check_batch(x, labels)?;
        let mut work = self.clone();
        let loss_at_start = work.loss_and_gradients(x, labels, n)?;
        let g: Vec<Vec<f32>> = work.gradients().into_iter().map(<[f32]>::to_vec).collect();
        let mut probe = Probe {
            etas: etas.to_vec(),
            loss_at_start,
            grad_norm: distance(&work.gradients(), None),
            loss: Vec::with_capacity(etas.len()),
            grad_change: Vec::with_capacity(etas.len()),
        };
        for &eta in etas {
            work.reset_moved_from(self, &g, eta as f32);
            let loss = work.loss_and_gradients(x, labels, n)?;
            probe.loss.push(loss as f64);
            probe.grad_change.push(distance(&work.gradients(), Some(&g)));
        }
        Ok(probe)
    }
}
