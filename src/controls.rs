//! One table of the page's number controls: id (the HTML element's), label key, bounds, step,
//! scale and default. Rust validates every value against it, the page applies it to the HTML at
//! start-up, and links obey the same bounds: a bound is written here and nowhere else.

use crate::core::BnError;

/// How a slider's position maps to the value it sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// The position is the value.
    Linear,
    /// The position is log10 of the value; the value is rounded to two significant digits, so
    /// what the page prints is exactly what the layer uses (10^-4.9 gives 1.3e-5, not 1.2589e-5).
    Log10,
}

/// One control. `min`, `max` and `step` are in positions (log10 of the value for a log scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Control {
    pub id: &'static str,
    /// What a refusal calls it.
    pub name: &'static str,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub scale: Scale,
    pub default: f64,
}

const fn linear(id: &'static str, name: &'static str, min: f64, max: f64, step: f64, default: f64) -> Control {
    Control { id, name, min, max, step, scale: Scale::Linear, default }
}

const fn log10(id: &'static str, name: &'static str, min: f64, max: f64, step: f64, default: f64) -> Control {
    Control { id, name, min, max, step, scale: Scale::Log10, default }
}

/// The largest seed (seeds are 32-bit).
pub const MAX_SEED: f64 = 4_294_967_295.0;

/// Every number control of the page. Counts (N, C, L, seeds, indices) have step 1.
pub const CONTROLS: &[Control] = &[
    // The layer.
    linear("num-features", "num_features", 1.0, 1024.0, 1.0, 128.0),
    log10("eps", "eps", -8.0, 0.0, 0.1, -5.0),
    linear("momentum", "momentum", 0.0, 1.0, 0.01, 0.1),
    linear("gamma", "γ", -3.0, 3.0, 0.05, 1.0),
    linear("beta", "β", -3.0, 3.0, 0.05, 0.0),
    // The data.
    linear("batch-size", "batch size N", 1.0, 4096.0, 1.0, 32.0),
    linear("length", "length L", 0.0, 64.0, 1.0, 0.0),
    linear("offset", "offset", -10.0, 10.0, 0.5, 0.0),
    linear("shift", "shift", 0.0, 10.0, 0.1, 2.0),
    log10("spread", "spread", -3.0, 1.0, 0.1, 0.0),
    linear("seed", "seed", 0.0, MAX_SEED, 1.0, 1.0),
    linear("csv-length", "L", 0.0, 64.0, 1.0, 0.0),
    // What the detail views follow (their maxima follow the layer: see `Frame`).
    linear("feature", "feature", 0.0, 1023.0, 1.0, 0.0),
    linear("sample", "sample", 0.0, 4095.0, 1.0, 0.0),
    linear("value", "value of this sample", -10.0, 10.0, 0.05, 0.0),
    linear("lesson-value", "value of this sample", -10.0, 10.0, 0.05, 0.0),
    // Lesson 6's eps, under the chart it changes (the layer's settings lie a screen away).
    log10("lesson-eps", "eps", -8.0, 0.0, 0.1, -5.0),
    linear("speed", "speed", 0.0, 4.0, 1.0, 2.0),
    // The Backward panel: the target t of L = ½‖y − t‖², the seed of L = Σ w·y.
    linear("grad-target", "target t", -5.0, 5.0, 0.1, 0.0),
    linear("grad-seed", "seed", 0.0, MAX_SEED, 1.0, 1.0),
    // "Which axis?"
    linear("n-n", "N", 1.0, 16.0, 1.0, 4.0),
    linear("n-c", "C", 1.0, 16.0, 1.0, 6.0),
    linear("n-l", "L", 1.0, 16.0, 1.0, 5.0),
    linear("n-g", "groups G", 1.0, 16.0, 1.0, 2.0),
    linear("n-seed", "seed", 0.0, MAX_SEED, 1.0, 1.0),
    // Train on digits.
    log10("t-lr", "learning rate", -3.0, 0.3, 0.05, -1.0),
    linear("t-momentum", "SGD momentum", 0.0, 0.95, 0.05, 0.0),
    linear("t-batch", "batch size", 2.0, 256.0, 1.0, 64.0),
    linear("t-seed", "seed", 0.0, MAX_SEED, 1.0, 1.0),
    linear("t-unit", "hidden unit", 0.0, 255.0, 1.0, 0.0),
    linear("t-depth", "hidden layers", 1.0, 6.0, 1.0, 1.0),
    linear("t-width", "width", 2.0, 256.0, 1.0, 128.0),
    linear("t-groups", "groups", 1.0, 256.0, 1.0, 4.0),
    linear("t-noise", "noise", 0.0, 3.0, 0.1, 0.0),
    linear("t-bs-epochs", "epochs per run", 1.0, 10.0, 1.0, 2.0),
    linear("t-speed", "speed", 0.0, 2.0, 1.0, 1.0),
    linear("t-sweep-steps", "steps per learning rate", 10.0, 1000.0, 10.0, 100.0),
];

/// The control with this id.
pub fn find(id: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.id == id)
}

/// The control with this id, for ids written in this crate (a typo is a bug a test finds).
pub fn get(id: &str) -> &'static Control {
    find(id).unwrap_or(&CONTROLS[0])
}

/// `x` rounded to two significant digits.
fn two_digits(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = 10f64.powi(x.abs().log10().floor() as i32 - 1);
    // Dividing by the power of ten (not multiplying by its inverse) keeps 1e-5 exactly 1e-5.
    let rounded = (x / magnitude).round() * magnitude;
    crate::decimal::read_f64(&format!("{rounded:.1e}")).unwrap_or(rounded)
}

impl Control {
    /// The value a position sets: refused when the position is not a finite number in bounds.
    pub fn value_at(&self, position: f64) -> Result<f64, BnError> {
        let in_bounds = position.is_finite() && position >= self.min - 1e-9 && position <= self.max + 1e-9;
        if self.step == 1.0 && (!in_bounds || position.fract() != 0.0) {
            return Err(BnError::NotWholeNumber {
                what: self.name,
                value: position,
                min: self.min as usize,
                max: self.max as usize,
            });
        }
        if !in_bounds {
            return Err(self.out_of_bounds(position));
        }
        Ok(match self.scale {
            // −0 is 0, as in check_value: a box's -0 shows and links as 0.
            Scale::Linear => position + 0.0,
            Scale::Log10 => two_digits(10f64.powf(position)),
        })
    }

    /// The slider position that shows `value` (the nearest step).
    pub fn position_of(&self, value: f64) -> f64 {
        let raw = match self.scale {
            Scale::Linear => value,
            Scale::Log10 if value > 0.0 => value.log10(),
            Scale::Log10 => self.min,
        };
        let steps = ((raw - self.min) / self.step).round();
        (self.min + steps * self.step).clamp(self.min, self.max)
    }

    /// Checks a value (not a position) against the bounds: what a link must obey too.
    pub fn check_value(&self, value: f64) -> Result<f64, BnError> {
        let (lo, hi) = self.value_bounds();
        let whole = self.step != 1.0 || value.fract() == 0.0;
        // A hair of slack for a value written and read back in decimal (either sign: −10 × (1 − ε)
        // is above −10, and refused a link's offset=-10 that the slider itself had written).
        let slack = |bound: f64| bound.abs() * 1e-12;
        if value.is_finite() && value >= lo - slack(lo) && value <= hi + slack(hi) && whole {
            // −0 is 0: a link's mom=-0 shows 0.0, as the slider would, not −0.0.
            Ok(value + 0.0)
        } else if self.step == 1.0 {
            Err(BnError::NotWholeNumber { what: self.name, value, min: lo as usize, max: hi as usize })
        } else {
            Err(BnError::OutOfBounds { what: self.name, value, min: lo, max: hi })
        }
    }

    /// A whole number in bounds (N, C, a seed, an index).
    pub fn check_count(&self, value: f64) -> Result<usize, BnError> {
        self.check_value(value).map(|v| v as usize)
    }

    /// The smallest and largest value (not position).
    pub fn value_bounds(&self) -> (f64, f64) {
        match self.scale {
            Scale::Linear => (self.min, self.max),
            Scale::Log10 => (two_digits(10f64.powf(self.min)), two_digits(10f64.powf(self.max))),
        }
    }

    fn out_of_bounds(&self, position: f64) -> BnError {
        let (min, max) = self.value_bounds();
        let value = match self.scale {
            Scale::Linear => position,
            Scale::Log10 => 10f64.powf(position),
        };
        BnError::OutOfBounds { what: self.name, value, min, max }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a slider writes at either end, a link must read back (γ = −3, offset = −10 were
    /// refused).
    #[test]
    fn every_controls_ends_are_in_bounds() {
        for c in CONTROLS {
            for position in [c.min, c.max] {
                let value = c.value_at(position).expect("an end's value");
                assert!(c.check_value(value).is_ok(), "{}: {value}", c.id);
                let written: f64 = format!("{value}").parse().expect("a number"); // as a link writes it
                assert!(c.check_value(written).is_ok(), "{}: {written} written", c.id);
            }
        }
    }

    #[test]
    fn ids_are_unique_and_defaults_in_bounds() {
        for (i, c) in CONTROLS.iter().enumerate() {
            assert!(CONTROLS[..i].iter().all(|d| d.id != c.id), "{} twice", c.id);
            assert!(c.value_at(c.default).is_ok(), "{} default", c.id);
            assert!(c.min < c.max && c.step > 0.0, "{}", c.id);
        }
    }

    #[test]
    fn log_scales_print_what_they_use() {
        let eps = get("eps");
        assert_eq!(eps.value_at(-5.0).unwrap(), 1e-5);
        assert_eq!(eps.value_at(-4.9).unwrap(), 1.3e-5);
        assert_eq!(eps.value_at(-0.3).unwrap(), 0.5);
        assert_eq!(eps.position_of(1e-5), -5.0);
        assert_eq!(get("t-lr").value_at(-0.3).unwrap(), 0.5, "not 0.5011872336272722");
        assert_eq!(get("spread").value_at(0.0).unwrap(), 1.0);
    }

    #[test]
    fn out_of_bounds_and_fractions_are_refused() {
        assert!(get("eps").value_at(0.5).is_err());
        assert!(get("eps").value_at(f64::NAN).is_err());
        assert!(get("batch-size").value_at(2.5).is_err());
        assert!(get("seed").check_value(4_294_967_296.0).is_err());
        assert!(get("momentum").check_value(5.0).is_err());
        assert!(get("momentum").check_value(-0.0).is_ok_and(|v| v.is_sign_positive()));
        assert_eq!(get("seed").check_count(4_294_967_295.0).unwrap(), 4_294_967_295);
    }
}
