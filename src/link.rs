//! The whole page in a URL query, and back: base settings (as the layer was built), the actions
//! taken since, the followed feature and sample, the lesson, the language and presenter mode.
//! Reading a link never fails: what cannot be read falls back to its default, and says so.

use crate::compare::CompareSettings;
use crate::core::{BatchNormConfig, DataSpec, Distribution};
use crate::i18n::Lang;
use crate::lab::{Action, Settings};
use crate::trainer::TrainSettings;

/// The most training steps a link replays (a few seconds of work when the digits arrive).
pub const MAX_TRAIN_REPLAY: u64 = 3000;

/// Everything a shared link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub base: Settings,
    pub actions: Vec<Action>,
    pub feature: usize,
    pub sample: usize,
    /// The open lesson and its stage.
    pub lesson: Option<(String, usize)>,
    pub lang: Lang,
    pub presenter: bool,
    /// The view open on the page ("lab", "norms", "train").
    pub view: String,
    /// The Train view's settings and how many steps it has taken.
    pub train: TrainSettings,
    pub train_steps: u64,
    /// The "Which axis?" view's settings.
    pub compare: CompareSettings,
    /// The lab was running on data a link cannot carry (a CSV, a trained model's layer).
    pub own_data: bool,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            base: Settings::default(),
            actions: Vec::new(),
            feature: 0,
            sample: 0,
            lesson: None,
            lang: Lang::En,
            presenter: false,
            view: "lab".into(),
            train: TrainSettings::default(),
            train_steps: 0,
            compare: CompareSettings::default(),
            own_data: false,
        }
    }
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// A float in its shortest form that reads back to the same value.
fn number(x: f64) -> String {
    format!("{x}")
}

fn encode_action(action: &Action) -> String {
    match action {
        Action::Step(k) => format!("s{k}"),
        Action::Mode(true) => "t".into(),
        Action::Mode(false) => "e".into(),
        Action::Eps(eps) => format!("p{}", number(*eps)),
        Action::Momentum(Some(m)) => format!("m{}", number(*m)),
        Action::Momentum(None) => "mN".into(),
        Action::GammaBeta { feature, gamma, beta } => format!("g{feature}_{gamma}_{beta}"),
        Action::BatchSize(n) => format!("n{n}"),
        Action::Length(l) => format!("l{l}"),
        Action::Value { sample, feature, value } => format!("v{sample}_{feature}_{value}"),
    }
}

fn decode_action(token: &str) -> Option<Action> {
    let mut chars = token.chars();
    let kind = chars.next()?;
    let rest = chars.as_str();
    let parts: Vec<&str> = rest.split('_').collect();
    Some(match (kind, parts.as_slice()) {
        ('s', [k]) => Action::Step(k.parse().ok()?),
        ('t', [""]) => Action::Mode(true),
        ('e', [""]) => Action::Mode(false),
        ('p', [eps]) => Action::Eps(eps.parse().ok()?),
        ('m', ["N"]) => Action::Momentum(None),
        ('m', [m]) => Action::Momentum(Some(m.parse().ok()?)),
        ('g', [f, g, b]) => {
            Action::GammaBeta { feature: f.parse().ok()?, gamma: g.parse().ok()?, beta: b.parse().ok()? }
        }
        ('n', [n]) => Action::BatchSize(n.parse().ok()?),
        ('l', [l]) => Action::Length(l.parse().ok()?),
        ('v', [s, f, v]) => Action::Value { sample: s.parse().ok()?, feature: f.parse().ok()?, value: v.parse().ok()? },
        _ => return None,
    })
}

impl Link {
    /// `key=value&…`, without the leading `?`. Only characters that need no escaping are used.
    pub fn to_query(&self) -> String {
        let b = &self.base;
        let mut q = vec![
            ("c", b.layer.num_features.to_string()),
            ("eps", number(b.layer.eps)),
            ("mom", b.layer.momentum.map_or("None".into(), number)),
            ("affine", flag(b.layer.affine).into()),
            ("track", flag(b.layer.track_running_stats).into()),
            ("mode", if b.training { "train" } else { "eval" }.into()),
            ("n", b.batch_size.to_string()),
            ("l", b.length.to_string()),
            ("dist", b.data.distribution.name().into()),
            ("offset", number(b.data.offset)),
            ("shift", number(b.data.shift)),
            ("spread", number(b.data.spread)),
            ("vary", flag(b.data.vary_spread).into()),
            ("seed", b.data.seed.to_string()),
            ("f", self.feature.to_string()),
            ("s", self.sample.to_string()),
        ];
        if !self.actions.is_empty() {
            let tokens: Vec<String> = self.actions.iter().map(encode_action).collect();
            q.push(("do", tokens.join(",")));
        }
        if let Some((lesson, stage)) = &self.lesson {
            q.push(("lesson", format!("{lesson}_{stage}")));
        }
        q.push(("lang", self.lang.code().into()));
        if self.presenter {
            q.push(("present", "1".into()));
        }
        if self.view != "lab" {
            q.push(("view", self.view.clone()));
        }
        if self.train != TrainSettings::default() || self.train_steps > 0 {
            let t = &self.train;
            q.push(("lr", number(t.lr)));
            q.push(("tmom", number(t.momentum)));
            q.push(("tbs", t.batch_size.to_string()));
            q.push(("tseed", t.seed.to_string()));
            q.push(("unit", t.unit.to_string()));
            q.push(("tsteps", self.train_steps.to_string()));
        }
        if self.compare != CompareSettings::default() {
            let c = &self.compare;
            q.push(("cmp", format!("{}_{}_{}_{}_{}", c.n, c.c, c.l, c.groups, c.seed)));
            q.push(("cell", format!("{}_{}_{}", c.cell.0, c.cell.1, c.cell.2)));
        }
        if self.own_data {
            q.push(("own", "1".into()));
        }
        q.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    }

    /// Reads a query (with or without `?`). Returns the link and one note per value it could not
    /// read (that value is left at its default).
    pub fn parse(query: &str) -> (Link, Vec<String>) {
        let mut link = Link::default();
        let mut notes = Vec::new();
        let mut layer = BatchNormConfig::new(128);
        let mut data = DataSpec::new(128, 1);
        let base = &mut link.base;
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_percent(value);
            let ok = match key {
                "c" => value.parse().map(|c| layer.num_features = c).is_ok(),
                "eps" => value.parse().map(|e| layer.eps = e).is_ok(),
                "mom" if value == "None" => {
                    layer.momentum = None;
                    true
                }
                "mom" => value.parse().map(|m| layer.momentum = Some(m)).is_ok(),
                "affine" => parse_flag(&value).map(|b| layer.affine = b).is_some(),
                "track" => parse_flag(&value).map(|b| layer.track_running_stats = b).is_some(),
                "mode" => match value.as_str() {
                    "train" | "eval" => {
                        base.training = value == "train";
                        true
                    }
                    _ => false,
                },
                "n" => value.parse().map(|n| base.batch_size = n).is_ok(),
                "l" => value.parse().map(|l| base.length = l).is_ok(),
                "dist" => Distribution::from_name(&value).map(|d| data.distribution = d).is_some(),
                "offset" => value.parse().map(|v| data.offset = v).is_ok(),
                "shift" => value.parse().map(|v| data.shift = v).is_ok(),
                "spread" => value.parse().map(|v| data.spread = v).is_ok(),
                "vary" => parse_flag(&value).map(|b| data.vary_spread = b).is_some(),
                "seed" => value.parse().map(|v| data.seed = v).is_ok(),
                "f" => value.parse().map(|v| link.feature = v).is_ok(),
                "s" => value.parse().map(|v| link.sample = v).is_ok(),
                "do" => {
                    let parsed: Option<Vec<Action>> =
                        value.split(',').filter(|t| !t.is_empty()).map(decode_action).collect();
                    parsed.map(|a| link.actions = a).is_some()
                }
                "lesson" => match value.rsplit_once('_') {
                    Some((name, stage)) => stage.parse().map(|s| link.lesson = Some((name.to_string(), s))).is_ok(),
                    None => false,
                },
                "lang" => Lang::from_code(&value).map(|l| link.lang = l).is_some(),
                "present" => parse_flag(&value).map(|b| link.presenter = b).is_some(),
                "lr" => value.parse().map(|v| link.train.lr = v).is_ok(),
                "tmom" => value.parse().map(|v| link.train.momentum = v).is_ok(),
                "tbs" => value.parse().map(|v| link.train.batch_size = v).is_ok(),
                "tseed" => value.parse().map(|v| link.train.seed = v).is_ok(),
                "unit" => value.parse().map(|v| link.train.unit = v).is_ok(),
                "tsteps" => {
                    value.parse::<u64>().ok().filter(|&k| k <= MAX_TRAIN_REPLAY).map(|k| link.train_steps = k).is_some()
                }
                "own" => parse_flag(&value).map(|b| link.own_data = b).is_some(),
                "cmp" => match value.split('_').map(str::parse::<u64>).collect::<Result<Vec<_>, _>>().as_deref() {
                    Ok([n, c, l, g, seed]) => {
                        link.compare = CompareSettings {
                            n: *n as usize,
                            c: *c as usize,
                            l: *l as usize,
                            groups: *g as usize,
                            seed: *seed,
                            ..link.compare
                        };
                        true
                    }
                    _ => false,
                },
                "cell" => match value.split('_').map(str::parse::<usize>).collect::<Result<Vec<_>, _>>().as_deref() {
                    Ok([n, c, l]) => {
                        link.compare.cell = (*n, *c, *l);
                        true
                    }
                    _ => false,
                },
                "view" => match value.as_str() {
                    "lab" | "norms" | "train" => {
                        link.view = value.clone();
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            if !ok {
                notes.push(format!("{key}={value}"));
            }
        }
        data.num_features = layer.num_features;
        link.base.layer = layer;
        link.base.data = data;
        (link, notes)
    }
}

fn parse_flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// `%XX` escapes (a link pasted through a chat tool may have them); invalid ones stay as they are.
fn decode_percent(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_to_itself() {
        let mut link = Link::default();
        link.base.layer.momentum = None;
        link.base.layer.eps = 1e-3;
        link.base.data.distribution = Distribution::Skewed;
        link.base.data.offset = -1.5;
        link.actions = vec![
            Action::Step(5),
            Action::Mode(false),
            Action::Eps(0.25),
            Action::Momentum(Some(0.01)),
            Action::GammaBeta { feature: 3, gamma: 1.5, beta: -0.25 },
            Action::BatchSize(4),
            Action::Length(2),
            Action::Value { sample: 1, feature: 3, value: -7.5 },
            Action::Momentum(None),
        ];
        link.feature = 3;
        link.lesson = Some(("momentum".into(), 2));
        link.lang = Lang::ZhHant;
        link.presenter = true;
        link.view = "train".into();
        link.train = TrainSettings { lr: 0.3, momentum: 0.9, batch_size: 32, seed: 7, unit: 5 };
        link.train_steps = 120;
        link.compare = CompareSettings { n: 5, c: 8, l: 3, groups: 4, seed: 9, cell: (4, 7, 2) };
        let (back, notes) = Link::parse(&link.to_query());
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, link);
    }

    #[test]
    fn a_malformed_link_falls_back_and_says_what() {
        let (link, notes) = Link::parse("?c=abc&eps=1e-3&mode=sideways&do=s3,x9&lang=fr&zzz=1&n=%34");
        assert_eq!(link.base.layer.num_features, 128);
        assert_eq!(link.base.layer.eps, 1e-3);
        assert_eq!(link.base.batch_size, 4, "percent escapes are read");
        assert!(link.actions.is_empty());
        assert_eq!(notes, vec!["c=abc", "mode=sideways", "do=s3,x9", "lang=fr", "zzz=1"]);
    }

    #[test]
    fn garbage_never_panics() {
        for q in ["", "?", "&&&", "=", "do=,,,", "do=g1_2", "lesson=_", "%", "%zz=%", "c=99999999999999999999"] {
            let _ = Link::parse(q);
        }
    }
}
