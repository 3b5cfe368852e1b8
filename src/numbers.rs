//! How the page prints a number: one module for the tables, the status lines, the captions and
//! every chart's legend and axis, so one value reads the same wherever it appears. (Files keep
//! every digit: the exports write float32's shortest round-trip text, `export::batch_csv`.)
//!
//! - [`num`]: a computed value, four significant figures without trailing zeros ("1.333",
//!   "0.174", "245.3", "1"), scientific below 0.001 and from 100 000 on ("1.234e-4": a tiny
//!   value never reads as 0).
//! - [`telling_apart`]: a value and a mean it nearly equals, with the digits between them.
//! - [`mean`]: a mean next to its σ, "≈ 0" where float32 rounding alone decides it.
//! - [`tick`]: an axis label, with as many decimals as the axis span needs.
//! - [`percent`]: an accuracy in 0…1, "93.1 %".
//! - [`exact`]: a value a refusal quotes (a number typed or linked, a bound), every digit kept.
//! - [`py_float`], [`py_f32`]: a number in PyTorch code, as Python's `repr` prints it.

/// A computed value as the page shows it: four significant figures, trailing zeros dropped
/// (charts' legends stay short); scientific ("1.234e-4", "1.5e5") below 0.001 and from 100 000
/// on; "0" for zero (never "-0"); "NaN", "∞", "−∞".
pub fn num(x: f64) -> String {
    figures(x, 4)
}

/// A computed value to `n` significant figures (at least 1), as [`num`] writes four: where
/// four say nothing of a difference (terms that nearly cancel, [`crate::backward`]).
pub fn figures(x: f64, n: usize) -> String {
    let n = n.max(1);
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "−∞" }.into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let magnitude = x.abs().log10().floor();
    if !(-3.0..5.0).contains(&magnitude) {
        let text = format!("{x:.*e}", n - 1);
        return match text.split_once('e') {
            Some((mantissa, exp)) => format!("{}e{exp}", trim_zeros(mantissa)),
            None => text,
        };
    }
    // n figures. (9.99996 rounds up to "10.000", one figure more, but only a zero: trimmed.)
    let decimals = (n as f64 - 1.0 - magnitude).max(0.0) as usize;
    trim_zeros(&format!("{x:.decimals$}")).to_string()
}

/// A value as it was given, for a refusal to quote (a number typed or in a link, a bound):
/// every digit kept, never rounded (a seed of 4294967296 must not read as the 4294967295 it
/// exceeds), written out as a student writes it from 0.001 to below 10^16 ("4294967296", "0.35",
/// never "4.294967296e9"), else with an exponent as [`num`] writes one ("1e-8", "1e20"); "0" for
/// zero, "NaN", "∞", "−∞".
pub fn exact(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        num(x)
    } else if (1e-3..1e16).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// The mean of float32 values next to their σ: "≈ 0" where it is below what their rounding
/// decides (|mean| < 1e-5·σ), else [`num`]. A normalized output's mean is 0 only up to float32
/// rounding, and that rest depends on the order of the additions: the page's 7.136e-8 is
/// PyTorch's 1.19e-7 (`y.mean()`), noise either way, so neither is shown as a number.
pub fn mean(m: f64, sd: f64) -> String {
    if m.abs() < 1e-5 * sd {
        "≈ 0".into()
    } else {
        num(m)
    }
}

/// x and another value beside it (a mean) with the digits that tell them apart when four
/// significant figures do not ("10.00188 − 10", not "10 − 10"): four figures of their gap;
/// else each as [`num`] prints it.
pub fn telling_apart(x: f64, other: f64) -> (String, String) {
    let gap = (x - other).abs();
    if !(gap > 0.0 && x.is_finite() && other.is_finite()) || gap >= 1e-3 * x.abs().max(other.abs()) {
        return (num(x), num(other));
    }
    let decimals = ((3.0 - gap.log10().floor()).max(0.0) as usize).min(12);
    let fixed = |v: f64| trim_zeros(&format!("{v:.decimals$}")).to_string();
    (fixed(x), fixed(other))
}

/// "1.500" → "1.5", "2.000" → "2"; a number without a decimal point as it is.
fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// An axis tick: as many decimals as the axis span needs, trailing zeros trimmed; from 100 000
/// on, scientific as [`num`] writes it.
pub fn tick(v: f64, span: f64) -> String {
    if v.abs() >= 1e5 {
        return num(v);
    }
    let decimals = if span > 0.0 { (1.0 - span.log10().floor()).clamp(0.0, 8.0) as usize } else { 2 };
    let mut text = trim_zeros(&format!("{v:.decimals$}")).to_string();
    if text == "-0" {
        text = "0".to_string();
    }
    text
}

/// An accuracy in 0…1 as a percentage with one decimal ("93.1 %", with a no-break space);
/// "NaN" when not finite.
pub fn percent(v: f64) -> String {
    if v.is_finite() {
        // A no-break space: "94.4" and its "%" never end up on two lines.
        format!("{:.1}\u{a0}%", v * 100.0)
    } else {
        "NaN".to_string()
    }
}

/// A float as Python prints it (`repr`): `0.1`, `1.0`, `1e-05`; `float('nan')`, `float('inf')`
/// and `-float('inf')` for what has no literal, so the code stays valid Python.
pub fn py_float(x: f64) -> String {
    python_repr(x.is_nan(), x.is_infinite() && x < 0.0, format!("{x:e}"))
}

/// A float32 as the student set it, in Python: the shortest decimal that reads back to the same
/// float32 (γ = 0.35 prints `0.35`, not the float64 `0.3499999940395355`), written as `repr` would.
pub fn py_f32(x: f32) -> String {
    python_repr(x.is_nan(), x.is_infinite() && x < 0.0, format!("{x:e}"))
}

/// `repr` of the number whose shortest digits Rust's `{:e}` wrote: the core's
/// [`crate::core::error::python_digits`] (which PyTorch's quoted words use too), with code for
/// what has no literal.
fn python_repr(nan: bool, negative_infinity: bool, scientific: String) -> String {
    if nan {
        return "float('nan')".into();
    }
    if scientific.ends_with("inf") {
        return if negative_infinity { "-float('inf')".into() } else { "float('inf')".into() };
    }
    crate::core::error::python_digits(&scientific)
}

/// A table cell's text with each number in scientific notation ("1e-05", "-6.752e-8") kept on
/// one line: a browser may break a line after a hyphen, and "1e-" / "05" reads as two numbers.
/// The number goes in a `<span class="nobr">`; the text is otherwise unchanged.
pub fn unbroken(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let (mut i, mut copied) = (0, 0);
    while i < html.len() {
        match scientific_at(html, i) {
            Some(end) => {
                out.push_str(&html[copied..i]);
                out.push_str("<span class=\"nobr\">");
                out.push_str(&html[i..end]);
                out.push_str("</span>");
                (i, copied) = (end, end);
            }
            None => i += 1,
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Where a number in scientific notation that starts at byte `i` ends: an optional "-" or "−",
/// digits and a point, "e", a sign, digits; and not the middle of a word or of another number.
/// (ASCII tests only: Unicode's tables would weigh on the first view's wasm.)
fn scientific_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mantissa = |c: u8| c.is_ascii_digit() || c == b'.';
    if !text.is_char_boundary(i)
        || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || mantissa(b[i - 1]) || b[i - 1] == b'_'))
    {
        return None;
    }
    let mut j = i;
    if b[j] == b'-' {
        j += 1;
    } else if text[j..].starts_with('−') {
        j += '−'.len_utf8();
    }
    let start = j;
    while j < b.len() && mantissa(b[j]) {
        j += 1;
    }
    let has_digit = b[start..j].iter().any(u8::is_ascii_digit);
    if !has_digit || b.get(j) != Some(&b'e') || !matches!(b.get(j + 1), Some(b'-' | b'+')) {
        return None;
    }
    j += 2;
    let exponent = j;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    (j > exponent).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`num`] as it was, with one decimal fewer where rounding carried into a fifth figure.
    fn num_checking_the_carry(x: f64) -> String {
        let magnitude = x.abs().log10().floor();
        let mut decimals = (3.0 - magnitude) as usize;
        if format!("{x:.decimals$}").parse::<f64>().is_ok_and(|r| r.abs() >= 10f64.powf(magnitude + 1.0)) {
            decimals = decimals.saturating_sub(1);
        }
        trim_zeros(&format!("{x:.decimals$}")).to_string()
    }

    #[test]
    fn figures_as_num_writes_four() {
        assert_eq!(figures(0.99999578, 9), "0.99999578");
        assert_eq!(figures(1.899_004_34, 9), "1.89900434");
        assert_eq!(figures(7.1362e-8, 9), "7.1362e-8");
        assert_eq!(figures(-2.5, 7), "-2.5");
        for x in [1.0 / 3.0, 1234.5678, 5.516e-4, -7.0, 2e5] {
            assert_eq!(figures(x, 4), num(x));
        }
    }

    #[test]
    fn a_carry_into_a_fifth_figure_reads_as_four() {
        for (x, text) in [(9.99996, "10"), (0.0999996, "0.1"), (-99.99996, "-100"), (9999.96, "10000")] {
            assert_eq!((num(x), num_checking_the_carry(x)), (text.to_string(), text.to_string()));
        }
    }

    /// Against the old code on random values (native only: proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod against_the_old_code {
        use super::*;
        use proptest::prelude::*;

        proptest! {
        /// A carry into a fifth figure adds only a zero, which is trimmed: the same text either way.
        #[test]
        fn a_carry_needs_no_decimal_fewer(m in 1.0f64..10.0, e in -3i32..5, nines in 3usize..9, sign in any::<bool>()) {
            let near = 10f64.powi(e) * (10.0 - 10f64.powi(-(nines as i32)) * m / 10.0);
            for x in [10f64.powi(e) * m, near] {
                let x = if sign { -x } else { x };
                if (-3.0..5.0).contains(&x.abs().log10().floor()) {
                    prop_assert_eq!(num(x), num_checking_the_carry(x), "{}", x);
                }
            }
        }
        }
    }

    /// Values four figures cannot tell apart get the digits that do; whole numbers keep their zeros.
    #[test]
    fn close_values_are_told_apart() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(telling_apart(10.00188, 10.0), pair("10.00188", "10"));
        assert_eq!(telling_apart(2.5, -1.0), pair("2.5", "-1"));
        assert_eq!(telling_apart(10002000.25, 1e7), pair("10002000", "10000000"));
    }

    /// A normalized output's mean is float32 noise: "≈ 0", not 7.136e-8 (PyTorch prints 1.19e-7).
    #[test]
    fn a_mean_below_rounding_is_about_zero() {
        assert_eq!(mean(7.136e-8, 1.0), "≈ 0");
        assert_eq!(mean(-3.672e-7, 2.5), "≈ 0");
        assert_eq!(mean(0.5 + 1e-7, 1.0), "0.5");
        assert_eq!(mean(0.001, 1.0), "0.001");
        assert_eq!(mean(0.0, 0.0), "0");
        assert_eq!(mean(1e-7, 0.0), "1e-7");
    }

    #[test]
    fn a_number_in_scientific_notation_stays_whole() {
        let span = |n: &str| format!("<span class=\"nobr\">{n}</span>");
        assert_eq!(unbroken("1 / √(2.397 + 1e-05)"), format!("1 / √(2.397 + {})", span("1e-05")));
        assert_eq!(unbroken("-6.752e-8"), span("-6.752e-8"));
        assert_eq!(unbroken("σ²<sub>B</sub> = −1e-06"), format!("σ²<sub>B</sub> = {}", span("−1e-06")));
        assert_eq!(unbroken("= 0 (5.117e-6 here)"), format!("= 0 ({} here)", span("5.117e-6")));
        // Not a number: words, sub- and superscripts, a number without an exponent, an "e" alone.
        for text in ["eps = 1e", "running_var", "x[0, 0] − 1.736", "σ²<sub>B</sub> · 32/31", "one-e-1", "1.5e5"] {
            assert_eq!(unbroken(text), text);
        }
    }

    #[test]
    fn four_significant_figures_and_no_tiny_value_reads_as_zero() {
        let cases = [
            (4.0 / 3.0, "1.333"),
            (0.174, "0.174"),
            (0.17404, "0.174"),
            (245.26, "245.3"),
            (-2.5, "-2.5"),
            (9.99996, "10"),
            (0.001, "0.001"),
            (0.0012346, "0.001235"),
            (12345.0, "12345"),
            (1.5e5, "1.5e5"),
            (1.234e-4, "1.234e-4"),
            (-4.4063e-8, "-4.406e-8"),
            (1e-8, "1e-8"),
            (0.0, "0"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "−∞"),
        ];
        for (x, want) in cases {
            assert_eq!(num(x), want, "{x}");
        }
    }

    /// A refused value keeps every digit, written out where a student writes it out: 4294967296
    /// was quoted as "4.294967296e9" (Rust's exponent form from 10^9 on).
    #[test]
    fn a_quoted_value_keeps_its_digits_in_a_students_form() {
        let cases = [
            (4_294_967_296.0, "4294967296"),
            (4_294_967_295.5, "4294967295.5"),
            (5000.0, "5000"),
            (-11.0, "-11"),
            (0.001, "0.001"),
            (9.9999999e-9, "9.9999999e-9"),
            (1e-8, "1e-8"),
            (1e20, "1e20"),
            (1e308, "1e308"),
            (-0.0, "0"),
            (f64::INFINITY, "∞"),
        ];
        for (x, want) in cases {
            assert_eq!(exact(x), want, "{x:e}");
        }
        assert_eq!(exact(f64::NEG_INFINITY), "−∞");
    }

    #[test]
    fn ticks_fit_the_span() {
        assert_eq!(tick(0.5, 2.0), "0.5");
        assert_eq!(tick(-0.0001, 2.0), "0");
        assert_eq!(tick(120.0, 200.0), "120");
        assert_eq!(tick(2e5, 1e6), "2e5");
        assert_eq!(percent(0.931), "93.1\u{a0}%");
    }

    #[test]
    fn python_repr_as_cpython_prints_it() {
        assert_eq!(py_float(0.1), "0.1");
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(1e-5), "1e-05");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_f32(0.35), "0.35");
        assert_eq!(py_float(f64::NAN), "float('nan')");
        assert_eq!(py_float(f64::NEG_INFINITY), "-float('inf')");
    }
}
