//! A number typed in a box or written in a link, read exactly as `text.parse::<f64>()` and
//! `text.parse::<f32>()` read it: the same texts accepted ("0.1", "-1e-5", ".5", "2.", "inf",
//! "NaN"), the same value, the nearest float with ties to even.
//!
//! Why not std's: its reader carries a table of 651 powers of five (10 KB that gzip cannot
//! shrink, 5 % of the first view's download) to be fast on millions of numbers. The page reads a
//! few dozen (a link, a box), so here one exact method does: the value as a fraction of two
//! big integers, divided out to a few bits more than the float keeps, then rounded. The CSV
//! reader (full module only, thousands of cells) keeps std's.

/// `text` as an `f64`, or `None` where `text.parse::<f64>()` is an error.
pub fn read_f64(text: &str) -> Option<f64> {
    read(text, F64)
}

/// `text` as an `f32`, or `None` where `text.parse::<f32>()` is an error. Rounded once, to
/// float32 (not to f64 and then again to f32).
pub fn read_f32(text: &str) -> Option<f32> {
    // Exact: `read` has rounded to 24 bits within float32's range (or overflowed to ±∞).
    read(text, F32).map(|x| x as f32)
}

/// A float read from decimal text: an `f64` or an `f32`.
pub trait Decimal: Copy + Default + Into<f64> + std::ops::Add<Output = Self> {
    fn read(text: &str) -> Option<Self>;
}

impl Decimal for f64 {
    fn read(text: &str) -> Option<f64> {
        read_f64(text)
    }
}

impl Decimal for f32 {
    fn read(text: &str) -> Option<f32> {
        read_f32(text)
    }
}

/// A binary float format: significant bits, and the exponent of its smallest normal number.
#[derive(Clone, Copy)]
struct Format {
    bits: u32,
    min_exp: i64,
}

const F64: Format = Format { bits: 53, min_exp: -1022 };
const F32: Format = Format { bits: 24, min_exp: -126 };

/// Digits kept; any further ones only say "and a little more". A halfway point between two
/// floats has at most 767 significant digits, so 800 decide every rounding.
const MAX_DIGITS: usize = 800;

/// `[+-]` then `inf`, `infinity` or `nan` (any case), or a decimal number.
fn read(text: &str, format: Format) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if ["inf", "infinity"].iter().any(|w| body.eq_ignore_ascii_case(w)) {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        let (digits, exponent) = scan(body.as_bytes())?;
        nearest(&digits, exponent, format)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `digits[.digits][(e|E)[+-]digits]` with at least one digit before the exponent, as the
/// integer D of its significant digits (leading zeros dropped) and E: the number is D·10^E.
fn scan(text: &[u8]) -> Option<(Vec<u8>, i64)> {
    let mut digits = Vec::new();
    let mut exponent: i64 = 0;
    let mut seen = false;
    let mut more = false; // a nonzero digit beyond MAX_DIGITS
    let mut i = 0;
    let mut fraction = false;
    while i < text.len() {
        match text[i] {
            b'.' if !fraction => fraction = true,
            d @ b'0'..=b'9' => {
                seen = true;
                let d = d - b'0';
                if digits.is_empty() && d == 0 {
                    // A leading zero: after the point it still moves the others right.
                    exponent -= fraction as i64;
                } else if digits.len() < MAX_DIGITS {
                    digits.push(d);
                    exponent -= fraction as i64;
                } else {
                    more |= d != 0;
                    exponent += !fraction as i64;
                }
            }
            _ => break,
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < text.len() {
        if !matches!(text[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let sign = match text.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let power = &text[i..];
        if power.is_empty() || !power.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Beyond a million the number is 0 or ∞ whatever its digits.
        let power = power.iter().fold(0i64, |p, d| (p * 10 + (d - b'0') as i64).min(1_000_000));
        exponent += sign * power;
    }
    if more {
        // D and a little more: one digit 1 further right keeps every rounding decision.
        digits.push(1);
        exponent -= 1;
    }
    Some((digits, exponent))
}

/// The float nearest D·10^E (ties to even), in `format`, as an `f64` (exact for float32 too).
fn nearest(digits: &[u8], exponent: i64, format: Format) -> f64 {
    let count = digits.len() as i64;
    // D·10^E lies in [10^(count+E-1), 10^(count+E)).
    if digits.is_empty() || count + exponent < -324 {
        return 0.0; // below half the smallest float (4.9e-324)
    }
    if count + exponent > 310 {
        return f64::INFINITY; // above the largest (1.8e308)
    }
    let mut num = Big::from_digits(digits);
    let mut den = Big::from_digits(&[1]);
    if exponent >= 0 {
        num.mul_pow10(exponent as u32);
    } else {
        den.mul_pow10((-exponent) as u32);
    }
    // q = ⌊num·2^s / den⌋ with bits+3 or bits+4 bits: the float's bits, a rounding bit and more.
    let s = (format.bits as i64 + 3) - (num.bit_len() as i64 - den.bit_len() as i64);
    if s >= 0 {
        num.shl(s as usize);
    } else {
        den.shl((-s) as usize);
    }
    let top_bit = format.bits as usize + 3;
    den.shl(top_bit);
    let mut q: u64 = 0;
    for bit in (0..=top_bit).rev() {
        if num.at_least(&den) {
            num.sub(&den);
            q |= 1 << bit;
        }
        den.shr1();
    }
    let exact = num.is_zero();

    // The value is q·2^-s (and a remainder when not exact). Below the smallest normal number
    // fewer bits are kept (subnormals).
    let len = 64 - q.leading_zeros() as i64;
    let top = len - 1 - s;
    let keep = format.bits as i64 - (format.min_exp - top).max(0);
    let drop = len - keep;
    if drop > 60 {
        return 0.0; // below half the smallest subnormal
    }
    let mut m = q >> drop;
    let rest = q & ((1 << drop) - 1);
    let half = 1 << (drop - 1);
    if rest > half || (rest == half && (!exact || m & 1 == 1)) {
        m += 1;
    }
    times_power_of_two(m as f64, drop - s)
}

/// x·2^e, exact whenever the result is a float (x ≤ 2^53), ±∞ beyond the largest.
fn times_power_of_two(mut x: f64, mut e: i64) -> f64 {
    let power = |k: i64| f64::from_bits(((1023 + k) as u64) << 52);
    while e > 1000 {
        x *= power(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= power(-1000);
        e += 1000;
    }
    x * power(e)
}

/// A nonnegative integer, base 2^32, least significant limb first.
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut n = Big(vec![0]);
        for &d in digits {
            n.mul_add(10, d as u32);
        }
        n
    }

    /// self = self·factor + add.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = add as u64;
        for limb in &mut self.0 {
            let v = *limb as u64 * factor as u64 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut k: u32) {
        while k >= 9 {
            self.mul_add(1_000_000_000, 0);
            k -= 9;
        }
        self.mul_add(10u32.pow(k), 0);
    }

    fn bit_len(&self) -> usize {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => i * 32 + 32 - self.0[i].leading_zeros() as usize,
            None => 0,
        }
    }

    fn shl(&mut self, bits: usize) {
        let (limbs, bits) = (bits / 32, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | carry;
            carry = v << 31;
        }
    }

    fn limb(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    fn at_least(&self, other: &Big) -> bool {
        let n = self.0.len().max(other.0.len());
        for i in (0..n).rev() {
            let (a, b) = (self.limb(i), other.limb(i));
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// self −= other, where self ≥ other.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0u64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = (*limb as u64).wrapping_sub(other.limb(i) as u64 + borrow);
            *limb = v as u32;
            borrow = (v >> 63) & 1;
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ours and std's agree: both refuse, or both give the same float (any NaN for NaN).
    fn agrees(text: &str) {
        let (ours, std) = (read_f64(text), text.parse::<f64>().ok());
        match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "f64 {text:?}: {a:e} vs std {b:e}"),
            (a, b) => assert_eq!(a.is_some(), b.is_some(), "f64 {text:?}: {a:?} vs std {b:?}"),
        }
        let (ours, std) = (read_f32(text), text.parse::<f32>().ok());
        match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "f32 {text:?}: {a:e} vs std {b:e}"),
            (a, b) => assert_eq!(a.is_some(), b.is_some(), "f32 {text:?}: {a:?} vs std {b:?}"),
        }
    }

    #[test]
    fn reads_what_a_student_types_and_links_hold() {
        for text in [
            "0.1",
            "1e-5",
            "1E-5",
            "0.001",
            "-3",
            "+2.5",
            "10",
            "0",
            "-0",
            "0.0",
            ".5",
            "2.",
            "1.e3",
            "007",
            "0.00000",
            "1e0",
            "1e+2",
            "3.14159",
            "0.333333333333333333333",
            "1.5e-3",
            "100000",
            "inf",
            "-INF",
            "Infinity",
            "nan",
            "NaN",
            "-nan",
        ] {
            agrees(text);
        }
        assert_eq!(read_f64("0.1"), Some(0.1));
        assert_eq!(read_f32("0.1"), Some(0.1f32));
        assert_eq!(read_f64("-0").map(f64::to_bits), Some((-0.0f64).to_bits()));
    }

    #[test]
    fn refuses_what_std_refuses() {
        for text in [
            "", "-", "+", ".", "e5", ".e5", "1e", "1e+", "1e-", "1.2.3", "1,5", " 1", "1 ", "--1", "+-1", "0x10",
            "1_000", "infinit", "nana", "1e5.5", "١", "1.5f", "e", "E", "-.", "1ee5",
        ] {
            agrees(text);
            assert_eq!(read_f64(text), None, "{text:?}");
        }
    }

    #[test]
    fn rounds_the_hard_cases_as_std_does() {
        for text in [
            // The largest, the smallest, just beyond them, the subnormals and their halfway points.
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.8e308",
            "1e309",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062328e-325",
            "1e-400",
            "3.4028235e38",
            "3.4028236e38",
            "3.40282357e38",
            "1.17549435e-38",
            "1.4e-45",
            "7.006492e-46",
            "7.0064923216240854e-46",
            "7.0064923216240862e-46",
            // Ties to even: 2^53 + 1 and + 3, 2^24 + 1 and + 3, and a hair either side.
            "9007199254740993",
            "9007199254740995",
            "9007199254740993.0000000000000000000001",
            "9007199254740992.9999999999999999999999",
            "16777217",
            "16777219",
            "16777217.000000000001",
            // Long inputs, huge exponents, digits past the 800 kept.
            "0.1000000000000000055511151231257827021181583404541015625",
            "0.1000000000000000055511151231257827021181583404541015624",
            "0.1000000000000000055511151231257827021181583404541015626",
            "1e1000000000000",
            "1e-1000000000000",
            "0e99999",
            "000000000000000000000000000000000001.5",
        ] {
            agrees(text);
        }
        // 2^-1075 (half the smallest subnormal) exactly, then with a 1 past 800 digits.
        let half_min = "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324";
        agrees(half_min);
        agrees(&format!("{}1e-324", &half_min[..half_min.len() - 5]));
        let mut long = String::from("1.");
        long.push_str(&"0".repeat(900));
        long.push('1');
        agrees(&long);
        agrees(&format!("9007199254740993{}1", "0".repeat(900)));
        agrees(&format!("9007199254740993.{}1", "0".repeat(900)));
    }

    /// std as the oracle on random texts (native only: proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod against_std {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]

            #[test]
            fn agrees_with_std_on_any_decimal(
                sign in "[-+]?", int in "[0-9]{0,25}", frac in proptest::option::of("[0-9]{0,25}"),
                exp in proptest::option::of(-400i32..400),
            ) {
                let mut text = format!("{sign}{int}");
                if let Some(frac) = frac {
                    text = format!("{text}.{frac}");
                }
                if let Some(exp) = exp {
                    text = format!("{text}e{exp}");
                }
                agrees(&text);
            }

            #[test]
            fn agrees_with_std_on_every_float_as_printed(bits in any::<u64>(), bits32 in any::<u32>(), digits in 1usize..25) {
                let x = f64::from_bits(bits);
                let y = f32::from_bits(bits32);
                for text in [format!("{x}"), format!("{x:e}"), format!("{x:.digits$e}"), format!("{y}"), format!("{y:.digits$e}")] {
                    agrees(&text);
                }
            }

            /// The exact halfway point between two neighbouring float32s (a float64, written out
            /// to its last digit), and a hair above and below it.
            #[test]
            fn agrees_with_std_on_float32_ties(bits in 0u32..0x7f7f_ffff) {
                let (x, next) = (f32::from_bits(bits) as f64, f32::from_bits(bits + 1) as f64);
                let tie = format!("{:.800e}", (x + next) / 2.0);
                let (mantissa, exp) = tie.split_once('e').unwrap_or((&tie, "0"));
                let mantissa = mantissa.trim_end_matches('0');
                agrees(&tie);
                agrees(&format!("{mantissa}1e{exp}"));
                agrees(&format!("{mantissa}e{exp}").replace("5e", "49999999999999999999e"));
            }

            #[test]
            fn agrees_with_std_on_any_short_text(text in "[-+0-9.eEinfatyINFATY]{0,8}") {
                agrees(&text);
            }
        }
    }
}
