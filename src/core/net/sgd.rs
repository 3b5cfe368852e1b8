//! `torch.optim.SGD(model.parameters(), lr, momentum)` (no dampening, weight decay or Nesterov).

use super::sequential::Net;
use crate::core::error::BnError;

/// The optimizer and its momentum buffers, one per parameter tensor in `model.parameters()` order:
///
/// ```text
/// momentum = 0:  p ← p − lr·g
/// momentum > 0:  buf ← g on the first step, then buf ← momentum·buf + g;   p ← p − lr·buf
/// ```
/// In f32, as PyTorch computes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sgd {
    pub lr: f64,
    pub momentum: f64,
    /// None until momentum first uses the slot (PyTorch keeps no buffer while momentum is 0).
    pub buffers: Vec<Option<Vec<f32>>>,
}

impl Sgd {
    pub fn new(lr: f64, momentum: f64) -> Result<Sgd, BnError> {
        let sgd = Sgd { lr, momentum, buffers: Vec::new() };
        sgd.validate()?;
        Ok(sgd)
    }

    /// PyTorch refuses a negative lr or momentum; NaN and ∞ are refused too.
    pub fn validate(&self) -> Result<(), BnError> {
        let bounds = |what, value: f64| {
            if value >= 0.0 && value.is_finite() {
                Ok(())
            } else {
                Err(BnError::OutOfBounds { what, value, min: 0.0, max: f64::INFINITY })
            }
        };
        bounds("the learning rate", self.lr)?;
        bounds("SGD's momentum", self.momentum)
    }

    /// Forgets the momentum buffers (a new `torch.optim.SGD`).
    pub fn reset(&mut self) {
        self.buffers.clear();
    }

    /// The buffers fit `net` (or there are none yet): checked before a step moves anything.
    pub fn check_fits(&self, net: &Net) -> Result<(), BnError> {
        self.validate()?;
        let shapes = net.parameter_lengths();
        if self.buffers.is_empty() {
            return Ok(());
        }
        if self.buffers.len() != shapes.len() {
            return Err(BnError::WrongLength {
                what: "SGD's momentum buffers (one per parameter of the network)",
                expected: shapes.len(),
                got: self.buffers.len(),
            });
        }
        for (buf, &len) in self.buffers.iter().zip(&shapes) {
            if let Some(buf) = buf {
                if buf.len() != len {
                    return Err(BnError::WrongLength {
                        what: "a momentum buffer (as long as its parameter)",
                        expected: len,
                        got: buf.len(),
                    });
                }
            }
        }
        Ok(())
    }

    /// `optimizer.step()`: moves every parameter of `net` against the gradient of its last
    /// backward pass. Refused (and nothing moves) when the buffers belong to another network.
    pub fn step(&mut self, net: &mut Net) -> Result<(), BnError> {
        self.check_fits(net)?;
        if self.buffers.is_empty() {
            self.buffers = vec![None; net.parameter_lengths().len()];
        }
        let (lr, momentum) = (self.lr as f32, self.momentum as f32);
        let mut slots = self.buffers.iter_mut();
        net.for_each_parameter(&mut |p: &mut [f32], g: &[f32]| {
            let Some(slot) = slots.next() else { return };
            if momentum == 0.0 {
                for (p, &g) in p.iter_mut().zip(g) {
                    *p -= lr * g;
                }
                return;
            }
            let buf = match slot {
                None => slot.insert(g.to_vec()),
                Some(buf) => {
                    for (b, &g) in buf.iter_mut().zip(g) {
                        *b = momentum * *b + g;
                    }
                    buf
                }
            };
            for (p, &b) in p.iter_mut().zip(buf.iter()) {
                *p -= lr * b;
            }
        });
        Ok(())
    }
}
