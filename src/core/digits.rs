//! The handwritten digits the Train view learns from: 8×8 images as features pixel/16, their
//! labels, a seeded train/test split and batches. (The file is read by `crate::csv`.)

use super::error::BnError;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// Pixels of one 8×8 digit: a model's inputs.
pub const DIGIT_PIXELS: usize = 64;
/// The ten digits: a model's outputs.
pub const DIGIT_CLASSES: usize = 10;
/// The brightest pixel of the digits data: features are pixel / 16.
pub const MAX_PIXEL: u32 = 16;

/// The ChaCha8 stream of a seed that shuffles the digits (the tutorial model's layers draw
/// their weights from streams 1 and 2 of theirs).
const SHUFFLE_STREAM: u64 = 3;

/// A uniform integer in 0..bound (bound ≥ 1), without modulo bias: draws above the last whole
/// multiple of `bound` are redrawn.
fn below(rng: &mut impl RngCore, bound: u64) -> u64 {
    let zone = u64::MAX - u64::MAX % bound;
    loop {
        let v = rng.next_u64();
        if v < zone {
            return v % bound;
        }
    }
}

/// Handwritten digits: 8×8 images as features pixel/16 in [0, 1], and their labels 0–9.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Digits {
    /// Row-major `(n, 64)`.
    pub images: Vec<f32>,
    pub labels: Vec<usize>,
}

impl Digits {
    /// The number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// 0..len in an order drawn from `seed` (a Fisher–Yates shuffle): an epoch's batch order.
    pub fn shuffled_indices(&self, seed: u64) -> Vec<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(SHUFFLE_STREAM);
        let mut order: Vec<usize> = (0..self.len()).collect();
        for i in (1..order.len()).rev() {
            let j = below(&mut rng, i as u64 + 1) as usize;
            order.swap(i, j);
        }
        order
    }

    /// A seeded train/test split: the images are shuffled with `seed`, the first
    /// ⌈test_fraction·n⌉ become the test set (as scikit-learn's `train_test_split` counts) and the
    /// rest the training set, both in the shuffled order.
    pub fn split(&self, seed: u64, test_fraction: f64) -> Result<(Digits, Digits), BnError> {
        if !(0.0..=1.0).contains(&test_fraction) {
            return Err(BnError::OutOfBounds { what: "the test fraction", value: test_fraction, min: 0.0, max: 1.0 });
        }
        let order = self.shuffled_indices(seed);
        let n_test = ((test_fraction * order.len() as f64).ceil() as usize).min(order.len());
        let (test, train) = order.split_at(n_test);
        let (train_images, train_labels) = self.batch(train)?;
        let (test_images, test_labels) = self.batch(test)?;
        Ok((Digits { images: train_images, labels: train_labels }, Digits { images: test_images, labels: test_labels }))
    }

    /// The images and labels at `indices`, in that order: a training batch.
    pub fn batch(&self, indices: &[usize]) -> Result<(Vec<f32>, Vec<usize>), BnError> {
        let len = self.len().min(self.images.len() / DIGIT_PIXELS);
        let mut images = Vec::with_capacity(indices.len().saturating_mul(DIGIT_PIXELS));
        let mut labels = Vec::with_capacity(indices.len());
        for &i in indices {
            if i >= len {
                return Err(BnError::OutOfRange { what: "image", index: i, len });
            }
            images.extend_from_slice(&self.images[i * DIGIT_PIXELS..(i + 1) * DIGIT_PIXELS]);
            labels.push(self.labels[i]);
        }
        Ok((images, labels))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten digits 0…9, digit i with every pixel i/16.
    fn ten() -> Digits {
        let mut digits = Digits::default();
        for i in 0..10 {
            digits.images.extend(std::iter::repeat_n(i as f32 / MAX_PIXEL as f32, DIGIT_PIXELS));
            digits.labels.push(i);
        }
        digits
    }

    #[test]
    fn split_and_batch_are_seeded_and_checked() {
        let digits = ten();
        let (train, test) = digits.split(7, 0.25).unwrap();
        assert_eq!((train.len(), test.len()), (7, 3)); // ⌈2.5⌉ = 3
        assert_eq!(digits.split(7, 0.25).unwrap(), (train.clone(), test.clone()));
        let mut all: Vec<usize> = train.labels.iter().chain(&test.labels).copied().collect();
        all.sort();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_ne!(digits.shuffled_indices(1), digits.shuffled_indices(2));
        assert!(digits.split(7, 1.5).is_err());
        assert!(digits.split(7, f64::NAN).is_err());
        assert_eq!(digits.split(7, 0.0).unwrap().1.len(), 0);

        let (images, labels) = digits.batch(&[4, 2]).unwrap();
        assert_eq!(labels, vec![4, 2]);
        assert_eq!(images[0], 4.0 / 16.0);
        assert_eq!(images.len(), 128);
        assert_eq!(digits.batch(&[10]).unwrap_err(), BnError::OutOfRange { what: "image", index: 10, len: 10 });
    }
}
