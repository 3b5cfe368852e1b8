//! Reading the reference files' numbers and comparing them as `FORMAT.md` says.

use serde_json::Value;

/// Python's `json.dump` writes NaN and ±Infinity as bare words, which JSON (and serde_json)
/// does not allow. Outside strings, turn them into the strings "NaN", "Infinity", "-Infinity".
pub fn parse_python_json(text: &str) -> Result<Value, String> {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if in_string {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
            rest = &rest[ch.len_utf8()..];
            continue;
        }
        if ch == '"' {
            in_string = true;
        }
        let word = ["-Infinity", "Infinity", "NaN"].into_iter().find(|w| rest.starts_with(w));
        match word {
            Some(w) => {
                out.push('"');
                out.push_str(w);
                out.push('"');
                rest = &rest[w.len()..];
            }
            None => {
                out.push(ch);
                rest = &rest[ch.len_utf8()..];
            }
        }
    }
    serde_json::from_str(&out).map_err(|e| format!("not valid JSON: {e}"))
}

/// A number, or one of the words above.
pub fn number(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("{n} is not a number")),
        Value::String(s) if s == "NaN" => Ok(f64::NAN),
        Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
        Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
        other => Err(format!("expected a number, found {other}")),
    }
}

pub fn floats(v: &Value) -> Result<Vec<f32>, String> {
    let items = v.as_array().ok_or_else(|| format!("expected a list of numbers, found {v}"))?;
    items.iter().map(|x| number(x).map(|f| f as f32)).collect()
}

/// `key` of an object as floats, or None when absent or null.
pub fn opt_floats(obj: &Value, key: &str) -> Result<Option<Vec<f32>>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => floats(v).map(Some),
    }
}

/// A whole number of a case (a size, a label), or a message that names `what`.
pub fn size(v: &Value, what: &str) -> Result<usize, String> {
    v.as_u64().map(|u| u as usize).ok_or_else(|| format!("{what} is missing or not a whole number"))
}

/// A step's labels `y`.
pub fn labels(v: &Value) -> Result<Vec<usize>, String> {
    let items = v.as_array().ok_or("y is not a list")?;
    items.iter().map(|y| size(y, "a label")).collect()
}

pub fn sizes(v: &Value) -> Result<Vec<usize>, String> {
    let items = v.as_array().ok_or_else(|| format!("expected a shape list, found {v}"))?;
    items.iter().map(|x| x.as_u64().map(|u| u as usize).ok_or_else(|| format!("bad size {x}"))).collect()
}

/// `|got − want| ≤ 1e-4·(1 + |want|)`; NaN matches only NaN, ±∞ only itself.
pub fn close(got: f32, want: f32) -> bool {
    if want.is_nan() || got.is_nan() {
        return want.is_nan() && got.is_nan();
    }
    if want.is_infinite() || got.is_infinite() {
        return got == want;
    }
    let (got, want) = (got as f64, want as f64);
    (got - want).abs() <= 1e-4 * (1.0 + want.abs())
}

/// None when every value is close; else what differed, naming the first bad index.
pub fn compare(what: &str, got: &[f32], want: &[f32]) -> Option<String> {
    if got.len() != want.len() {
        return Some(format!("{what}: {} values, want {}", got.len(), want.len()));
    }
    let bad: Vec<usize> = (0..want.len()).filter(|&i| !close(got[i], want[i])).collect();
    let first = *bad.first()?;
    let more = if bad.len() > 1 { format!(" (and {} more)", bad.len() - 1) } else { String::new() };
    Some(format!("{what}[{first}]: got {}, want {}{more}", got[first], want[first]))
}
