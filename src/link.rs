//! The whole page in a URL query, and back: base settings (as the layer was built), the actions
//! taken since, the followed feature and sample, the lesson, the language and presenter mode.
//! Reading a link never fails: what cannot be read falls back to its default, and says so.

use std::collections::{BTreeMap, BTreeSet};

use crate::compare::CompareSettings;
use crate::controls;
use crate::core::net::Activation;
use crate::core::{BatchNormConfig, BnError, DataSpec, Distribution};
use crate::decimal::Decimal;
use crate::i18n::Lang;
use crate::lab::{Action, Settings};
use crate::refusal::Refusal;
use crate::trainer::{NormChoice, TrainSettings};

/// Everything a shared link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub base: Settings,
    pub actions: Vec<Action>,
    pub feature: usize,
    pub sample: usize,
    /// The open lesson and its stage.
    pub lesson: Option<(String, usize)>,
    /// The language the student chose (`lang=`); None: the browser's, so that a link a teacher
    /// shares opens in each student's own language unless the teacher chose one.
    pub lang: Option<Lang>,
    pub presenter: bool,
    /// The other mode's output drawn over the distribution chart (`ov=1`/`ov=0`); None: the
    /// page's default (off, or what the open lesson's stage says).
    pub overlay: Option<bool>,
    /// The view open on the page ("lab", "norms", "train").
    pub view: String,
    /// The Train view's settings and how many steps it has taken.
    pub train: TrainSettings,
    pub train_steps: u64,
    /// The "Which axis?" view's settings.
    pub compare: CompareSettings,
    /// The lab was running on data a link cannot carry (a CSV, a trained model's layer).
    pub own_data: bool,
    /// The Backward panel, open with this upstream gradient ("one", "pull_0.5", "random_3").
    pub backward: Option<String>,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            base: Settings::default(),
            actions: Vec::new(),
            feature: 0,
            sample: 0,
            lesson: None,
            lang: None,
            presenter: false,
            overlay: None,
            view: "lab".into(),
            train: TrainSettings::default(),
            train_steps: 0,
            compare: CompareSettings::default(),
            own_data: false,
            backward: None,
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

/// A float in its shortest form that reads back to the same value; with an exponent where the
/// plain form runs long (`mom=1e-320` was written back as 0.000… with 320 digits: hostile30).
fn number(x: f64) -> String {
    let plain = format!("{x}");
    if plain.len() <= 24 {
        plain
    } else {
        format!("{x:e}")
    }
}

pub fn encode_action(action: &Action) -> String {
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

/// A number of a link, read and checked against the bounds of control `id` (the same bounds
/// as the page's controls: a link can set nothing a control cannot). What is wrong (not a
/// number, out of bounds) is left in `why`, for the page to say.
fn bounded<T: Decimal>(id: &str, text: &str, why: &mut Option<Why>) -> Option<T> {
    let Some(value) = T::read(text) else {
        *why = Some(Why::NotANumber { plus: false });
        return None;
    };
    // −0 is 0 (adding +0 makes it so): a link's mom=-0 shows 0.0, as the slider would.
    let value = value + T::default();
    let control = controls::get(id);
    let refused = |e| {
        // A refusal quotes the number as written: 3.5e38, not the ∞ it is as a float32.
        let written = crate::decimal::read_f64(text).and_then(|x| control.check_value(x).err());
        *why = Some(Why::Bounds(written.unwrap_or(e)));
    };
    control.check_value(value.into()).map_err(refused).ok().map(|_| value)
}

/// A link's eps or momentum (`eps=`, `mom=`, `do=p…`, `do=m…`): the page's own rule first
/// ([`crate::lab::page_check_eps`], [`crate::lab::page_check_momentum`]: NaN, ∞ and an eps ≤ 0,
/// which PyTorch would build, are named as such), then the control's bounds ([`bounded`]).
fn eps_or_momentum(id: &str, text: &str, why: &mut Option<Why>) -> Option<f64> {
    let value = bounded_number(text, why)?;
    let rule =
        if id == "eps" { crate::lab::page_check_eps(value) } else { crate::lab::page_check_momentum(Some(value)) };
    if let Err(refused) = rule {
        // Written non-zero, read as 0 (`eps=1e-400`): "got 0" named a value the link never wrote.
        let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
        let written_nonzero = mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b));
        *why = Some(if value == 0.0 && written_nonzero { Why::TooSmall } else { Why::Bounds(refused) });
        return None;
    }
    bounded(id, text, why)
}

/// A count (N, C, a seed, an index) of a link, checked against control `id` (the reason in
/// `why`, as [`bounded`]: `n=2.5` is a number, but not a whole one from 1 to 4096).
fn count(id: &str, text: &str, why: &mut Option<Why>) -> Option<usize> {
    let value: f64 = bounded_number(text, why)?;
    controls::get(id).check_count(value).map_err(|e| *why = Some(Why::Bounds(e))).ok()
}

/// A number, or why not.
fn bounded_number(text: &str, why: &mut Option<Why>) -> Option<f64> {
    let value = crate::decimal::read_f64(text);
    if value.is_none() {
        *why = Some(Why::NotANumber { plus: false });
    }
    value
}

/// A whole number ≥ 0 with no bounds of a control (steps, the followed feature and sample,
/// checked once the layer is built; a lesson's stage; a cell), or why not.
fn index(text: &str, why: &mut Option<Why>) -> Option<u64> {
    if let Ok(value) = text.parse::<u64>() {
        return Some(value);
    }
    let value = bounded_number(text, why)?;
    // A whole number ≥ 0 written otherwise (`s1e9`, `tsteps=1e3`) is that number, unless it is
    // past 2⁶⁴ − 1 (as one in digits that did not parse is: "more than 2⁶⁴ − 1" was said of
    // 1e9); anything else (`f=-1`, `f=2.5`) is not one at all.
    const PAST_COUNTING: f64 = 18_446_744_073_709_551_616.0; // 2⁶⁴
    if value < 0.0 || value.fract() != 0.0 {
        *why = Some(Why::NotWholeNumber);
        None
    } else if value >= PAST_COUNTING {
        *why = Some(Why::BeyondCount);
        None
    } else {
        Some(value as u64)
    }
}

/// [`index`] of a feature, sample, cell or lesson stage: at most 2³² − 1 on every target (the
/// page has none beyond 4096; a wasm `usize` holds no more), said when larger (4294967296 was
/// left out without a reason in the page, where a native build said which index it lacked).
fn small_index(text: &str, why: &mut Option<Why>) -> Option<usize> {
    let Some(value) = index(text, why) else {
        if *why == Some(Why::BeyondCount) {
            *why = Some(Why::TooLarge);
        }
        return None;
    };
    match usize::try_from(value) {
        Ok(small) if value <= u64::from(u32::MAX) => Some(small),
        _ => {
            *why = Some(Why::TooLarge);
            None
        }
    }
}

/// A `do=` action, or None with why (when more can be said than "not understood") in `why`.
fn decode_action(token: &str, why: &mut Option<Why>) -> Option<Action> {
    let mut chars = token.chars();
    let kind = chars.next()?;
    let rest = chars.as_str();
    let parts: Vec<&str> = rest.split('_').collect();
    Some(match (kind, parts.as_slice()) {
        ('s', [k]) => Action::Step(index(k, why)?),
        ('t', [""]) => Action::Mode(true),
        ('e', [""]) => Action::Mode(false),
        ('p', [eps]) => Action::Eps(eps_or_momentum("eps", eps, why)?),
        ('m', ["N"]) => Action::Momentum(None),
        ('m', [m]) => Action::Momentum(Some(eps_or_momentum("momentum", m, why)?)),
        ('g', [f, g, b]) => Action::GammaBeta {
            feature: count("feature", f, why)?,
            gamma: bounded::<f32>("gamma", g, why)?,
            beta: bounded::<f32>("beta", b, why)?,
        },
        ('n', [n]) => Action::BatchSize(count("batch-size", n, why)?),
        ('l', [l]) => Action::Length(count("length", l, why)?),
        ('v', [s, f, v]) => Action::Value {
            sample: count("sample", s, why)?,
            feature: count("feature", f, why)?,
            value: bounded::<f32>("value", v, why)?,
        },
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
        if let Some(lang) = self.lang {
            q.push(("lang", lang.code().into()));
        }
        if self.presenter {
            q.push(("present", "1".into()));
        }
        if let Some(on) = self.overlay {
            q.push(("ov", flag(on).into()));
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
            let d = TrainSettings::default();
            if (t.depth, t.width, t.activation, t.norms, t.groups)
                != (d.depth, d.width, d.activation, d.norms, d.groups)
            {
                q.push(("tnet", format!("{}_{}_{}", t.depth, t.width, t.activation.name())));
                q.push(("tnorm", format!("{}_{}_{}", t.norms[0].name(), t.norms[1].name(), t.groups)));
            }
            if t.noise != d.noise {
                q.push(("tnoise", number(t.noise)));
            }
            if t.probes {
                q.push(("tprobe", "1".into()));
            }
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
        if let Some(token) = &self.backward {
            q.push(("bwd", token.clone()));
        }
        q.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    }

    /// Reads a query (with or without `?`). Returns the link and one note per value it could not
    /// read (that value is left at its default) with why, one per key given more than once (only
    /// its last is read: a key added at the end of a link changes it), and one for a `do=`
    /// action not understood (the actions before it are kept).
    pub fn parse(query: &str) -> (Link, Vec<Unread>) {
        let mut link = Link::default();
        let mut notes = Vec::new();
        let mut layer = BatchNormConfig::new(128);
        let mut data = DataSpec::new(128, 1);
        let base = &mut link.base;
        // Keys are read as values are, percent-decoded (`%63=8` is `c=8`: hostile37).
        let pairs: Vec<(String, &str)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .map(|(key, value)| (decode_percent(key), value))
            .collect();
        // How often each key comes, and where it comes last (one pass: a link may hold 100 000
        // keys, and comparing each with every other froze the page for minutes).
        let mut seen: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
        for (at, (key, _)) in pairs.iter().enumerate() {
            let entry = seen.entry(key.as_str()).or_insert((0, at));
            *entry = (entry.0 + 1, at);
        }
        // A Train preset is read first wherever it stands: it sets every Train setting, and read
        // in its place it threw away those given before it (`lr=0.3&tbs=9&tpreset=fig1` opened
        // with lr 0.5 and batch 60, saying nothing); those given are read over it.
        // (Two passes, not a sort: a sort of its own added 5 KB to the first view's module.)
        let preset = |at: &usize| pairs.get(*at).is_some_and(|p| p.0 == "tpreset");
        let order = (0..pairs.len()).filter(preset).chain((0..pairs.len()).filter(|at| !preset(at)));
        for at in order {
            let (key, raw) = (pairs[at].0.as_str(), pairs[at].1);
            let (times, last_at) = seen.get(key).copied().unwrap_or((1, at));
            if at != last_at {
                continue; // a later one is read
            }
            // (A pair without a name, `=x`, is told as one the page has no setting for: "The link
            // sets  2 times" named nothing.)
            if times > 1 && !key.is_empty() {
                let last = format!("{key}={}", as_written(raw));
                let why = Why::Repeated { key: quote(key, 40), times, last: quote(&last, 120) };
                notes.push(Unread { pair: last, why: Some(why) });
            }
            let value = decode_percent(raw);
            let mut why = None;
            let ok = match key {
                "c" => count("num-features", &value, &mut why).map(|c| layer.num_features = c).is_some(),
                "eps" => eps_or_momentum("eps", &value, &mut why).map(|e| layer.eps = e).is_some(),
                // Python's None, as typed: "none" and "NONE" too (they got "not a number").
                "mom" if value.trim().eq_ignore_ascii_case("none") => {
                    layer.momentum = None;
                    true
                }
                "mom" => eps_or_momentum("momentum", &value, &mut why).map(|m| layer.momentum = Some(m)).is_some(),
                "affine" => parse_flag(&value, &mut why).map(|b| layer.affine = b).is_some(),
                "track" => parse_flag(&value, &mut why).map(|b| layer.track_running_stats = b).is_some(),
                "mode" => match value.as_str() {
                    "train" | "eval" => {
                        base.training = value == "train";
                        true
                    }
                    _ => not_one_of(&["train", "eval"], &mut why),
                },
                "n" => count("batch-size", &value, &mut why).map(|n| base.batch_size = n).is_some(),
                "l" => count("length", &value, &mut why).map(|l| base.length = l).is_some(),
                "dist" => match Distribution::from_name(&value) {
                    Some(d) => {
                        data.distribution = d;
                        true
                    }
                    None => not_one_of(&DISTRIBUTIONS, &mut why),
                },
                "offset" => bounded("offset", &value, &mut why).map(|v| data.offset = v).is_some(),
                "shift" => bounded("shift", &value, &mut why).map(|v| data.shift = v).is_some(),
                "spread" => bounded("spread", &value, &mut why).map(|v| data.spread = v).is_some(),
                "vary" => parse_flag(&value, &mut why).map(|b| data.vary_spread = b).is_some(),
                "seed" => count("seed", &value, &mut why).map(|v| data.seed = v as u64).is_some(),
                // The followed feature and sample are checked against the layer once it is built.
                "f" => small_index(&value, &mut why).map(|v| link.feature = v).is_some(),
                "s" => small_index(&value, &mut why).map(|v| link.sample = v).is_some(),
                // The actions up to one not understood are kept: a link cut short or mangled at its
                // end (a chat tool's limit) still opens the history it holds, each state on the
                // way one the sender's page passed through; skipping only the bad one could make a
                // state no one saw (a later v or g token may depend on the n it followed).
                "do" => {
                    let tokens: Vec<&str> = value.split(',').filter(|t| !t.is_empty()).collect();
                    link.actions.clear();
                    for (at, token) in tokens.iter().enumerate() {
                        let mut token_why = None;
                        let action = decode_action(token, &mut token_why);
                        if let Some(Why::NotANumber { plus }) = &mut token_why {
                            *plus = token.contains(' ') && raw.contains('+');
                        }
                        match action {
                            Some(action) => link.actions.push(action),
                            None => {
                                let why = Why::DoAction {
                                    index: at + 1,
                                    of: tokens.len(),
                                    token: quote(token, 40),
                                    why: token_why.map(Box::new),
                                };
                                notes.push(Unread { pair: format!("do={}", as_written(raw)), why: Some(why) });
                                break;
                            }
                        }
                    }
                    true
                }
                "lesson" => match value.rsplit_once('_') {
                    // A name no lesson has is said first (`lesson=running_x` was "not a number").
                    Some((name, _)) if crate::lessons::title_of(name).is_none() => {
                        why = Some(Why::NoSuchLesson);
                        false
                    }
                    Some((name, stage)) => {
                        small_index(stage, &mut why).map(|s| link.lesson = Some((name.to_string(), s))).is_some()
                    }
                    None => form("name_stage", &mut why),
                },
                "lang" => match Lang::from_code(&value) {
                    Some(l) => {
                        link.lang = Some(l);
                        true
                    }
                    None => not_one_of(&["en", "zh-Hant", "zh-Hans"], &mut why),
                },
                "present" => parse_flag(&value, &mut why).map(|b| link.presenter = b).is_some(),
                "ov" => parse_flag(&value, &mut why).map(|b| link.overlay = Some(b)).is_some(),
                "lr" => bounded("t-lr", &value, &mut why).map(|v| link.train.lr = v).is_some(),
                "tmom" => bounded("t-momentum", &value, &mut why).map(|v| link.train.momentum = v).is_some(),
                "tbs" => count("t-batch", &value, &mut why).map(|v| link.train.batch_size = v).is_some(),
                "tseed" => count("t-seed", &value, &mut why).map(|v| link.train.seed = v as u64).is_some(),
                "unit" => count("t-unit", &value, &mut why).map(|v| link.train.unit = v).is_some(),
                "tnoise" => bounded("t-noise", &value, &mut why).map(|v| link.train.noise = v).is_some(),
                "tprobe" => parse_flag(&value, &mut why).map(|b| link.train.probes = b).is_some(),
                "tpreset" => match TrainSettings::preset(&value, link.train.seed) {
                    Some(t) => {
                        link.train = t;
                        true
                    }
                    None => not_one_of(&crate::trainer::PRESETS, &mut why),
                },
                "tnet" => match value.split('_').collect::<Vec<_>>().as_slice() {
                    [depth, width, act] => {
                        match (
                            count("t-depth", depth, &mut why),
                            count("t-width", width, &mut why),
                            Activation::from_name(act),
                        ) {
                            (Some(depth), Some(width), Some(activation)) => {
                                (link.train.depth, link.train.width, link.train.activation) =
                                    (depth, width, activation);
                                true
                            }
                            (_, _, None) if why.is_none() => not_one_of(&ACTIVATIONS, &mut why),
                            _ => false,
                        }
                    }
                    _ => form("depth_width_activation", &mut why),
                },
                "tnorm" => match value.split('_').collect::<Vec<_>>().as_slice() {
                    [a, b, groups] => {
                        match (NormChoice::from_name(a), NormChoice::from_name(b), count("t-groups", groups, &mut why))
                        {
                            (Some(a), Some(b), Some(groups)) => {
                                (link.train.norms, link.train.groups) = ([a, b], groups);
                                true
                            }
                            (None, _, _) | (_, None, _) if why.is_none() => not_one_of(&NORMS, &mut why),
                            _ => false,
                        }
                    }
                    _ => form("norm_norm_groups", &mut why),
                },
                // Any count: the page writes the steps the student took, however many, and a
                // reload must reopen them; the page replays them within its budget
                // ([`crate::trainer::MAX_TRAIN_REPLAY`], larger for the page's own history) and
                // says what it left out (3522 was refused outright, blaming a link never used).
                "tsteps" => index(&value, &mut why).map(|k| link.train_steps = k).is_some(),
                "own" => parse_flag(&value, &mut why).map(|b| link.own_data = b).is_some(),
                // Checked by the page, which knows the upstream gradients.
                "bwd" if value.len() <= 40 => {
                    link.backward = Some(value.clone());
                    true
                }
                "bwd" => form(BACKWARD_FORM, &mut why),
                "cmp" => match value.split('_').collect::<Vec<_>>().as_slice() {
                    [n, c, l, g, seed] => {
                        // Every number out of bounds is named, not only the last read.
                        let mut whys = Vec::new();
                        let mut field = |id, text| {
                            let mut one = None;
                            let value = count(id, text, &mut one);
                            whys.extend(one);
                            value
                        };
                        let read =
                            (field("n-n", n), field("n-c", c), field("n-l", l), field("n-g", g), field("n-seed", seed));
                        why = if whys.len() > 1 { Some(Why::Each(whys)) } else { whys.pop() };
                        match read {
                            (Some(n), Some(c), Some(l), Some(groups), Some(seed)) => {
                                link.compare = CompareSettings { n, c, l, groups, seed: seed as u64, ..link.compare };
                                true
                            }
                            _ => false,
                        }
                    }
                    _ => form("N_C_L_groups_seed", &mut why),
                },
                "cell" => match value.split('_').collect::<Vec<_>>().as_slice() {
                    [n, c, l] => match (small_index(n, &mut why), small_index(c, &mut why), small_index(l, &mut why)) {
                        (Some(n), Some(c), Some(l)) => {
                            link.compare.cell = (n, c, l);
                            true
                        }
                        _ => false,
                    },
                    _ => form("n_c_l", &mut why),
                },
                "view" => match value.as_str() {
                    "lab" | "norms" | "train" => {
                        link.view = value.clone();
                        true
                    }
                    _ => not_one_of(&["lab", "norms", "train"], &mut why),
                },
                _ => {
                    why = Some(Why::UnknownKey);
                    false
                }
            };
            // A `+` in a link is a space (as a form writes it): a number with one is not one.
            if let Some(Why::NotANumber { plus }) = &mut why {
                *plus = raw.contains('+');
            }
            if !ok {
                notes.push(Unread { pair: format!("{key}={}", as_written(raw)), why });
            }
        }
        data.num_features = layer.num_features;
        link.base.layer = layer;
        link.base.data = data;
        // A key as the link wrote it (its last): the notice names what it drops.
        let given = |key: &str| seen.get(key).map(|&(_, at)| format!("{key}={}", as_written(pairs[at].1)));
        link.settle_lab(&given, &mut notes);
        link.settle_train(&given, &mut notes);
        (link, notes)
    }

    /// N·C·L over the most values in one batch, each of N, C and L within its bounds: none of
    /// them is more at fault than another, so each the link set goes back to its default, all
    /// named in one note; the link's other values are kept.
    fn settle_lab(&mut self, given: &dyn Fn(&str) -> Option<String>, notes: &mut Vec<Unread>) {
        let Err(Refusal::Core(error)) = crate::lab::Lab::check(&self.base) else { return };
        let (d, b) = (Settings::default(), &self.base);
        let mut settled = b.clone();
        (settled.batch_size, settled.length) = (d.batch_size, d.length);
        (settled.layer.num_features, settled.data.num_features) = (d.layer.num_features, d.data.num_features);
        if crate::lab::Lab::check(&settled).is_err() {
            return; // not their product: the page opens the defaults, and says why
        }
        let set = [
            ("n", b.batch_size != d.batch_size),
            ("c", b.layer.num_features != d.layer.num_features),
            ("l", b.length != d.length),
        ];
        let pairs: Vec<String> = set.iter().filter(|(_, set)| *set).filter_map(|(key, _)| given(key)).collect();
        notes.push(Unread { pair: pairs.join("&"), why: Some(Why::Bounds(error)) });
        self.base = settled;
    }

    /// A hidden unit beyond the width, a norm the width does not allow (GroupNorm's groups must
    /// divide it): the value that depends on the network's shape (unit=, tnorm=) goes back to its
    /// default, named; the shape (tnet=) and the rest are kept. A step too large for a frame:
    /// its batch size and shape go back, named.
    fn settle_train(&mut self, given: &dyn Fn(&str) -> Option<String>, notes: &mut Vec<Unread>) {
        self.settle_train_shape(given, notes);
        let (d, t) = (TrainSettings::default(), &mut self.train);
        // A step too large for a frame: its batch size and shape go back (below). The unit and
        // the norms are then checked against the default shape (tnorm=…_256 divided a width of
        // 256, not the default's 128), each named with its own reason; what still fits is kept.
        if let Err(error) = t.check_work() {
            let mut settled = t.clone();
            settled.batch_size = d.batch_size;
            (settled.depth, settled.width, settled.activation) = (d.depth, d.width, d.activation);
            // (The norms as they may fall back below: a step's work is counted through them.)
            let fits = TrainSettings { norms: d.norms, groups: d.groups, ..settled.clone() };
            if settled.check_work().is_err() && fits.check_work().is_err() {
                return; // not the shape's: the page opens the defaults, said
            }
            let set = [
                ("tbs", t.batch_size != d.batch_size),
                ("tnet", (t.depth, t.width, t.activation) != (d.depth, d.width, d.activation)),
            ];
            let mut pairs: Vec<String> = set.iter().filter(|(_, set)| *set).filter_map(|(key, _)| given(key)).collect();
            if pairs.len() < set.iter().filter(|(_, set)| *set).count() {
                pairs.extend(given("tpreset")); // a preset sets them too
            }
            notes.push(Unread { pair: pairs.join("&"), why: Some(Why::Bounds(error)) });
            *t = settled;
            self.settle_train_shape(given, notes);
        }
    }

    /// A hidden unit beyond the width, a norm the width does not allow: each goes back to its
    /// default, named (the shape and the rest kept).
    fn settle_train_shape(&mut self, given: &dyn Fn(&str) -> Option<String>, notes: &mut Vec<Unread>) {
        let (d, t) = (TrainSettings::default(), &mut self.train);
        if let Err(error) = t.check_unit() {
            t.unit = d.unit;
            notes.push(Unread { pair: given("unit").unwrap_or_else(|| "unit".into()), why: Some(Why::Bounds(error)) });
        }
        if let Err(error) = t.check_norms() {
            let (norms, groups) = (t.norms, t.groups);
            (t.norms, t.groups) = (d.norms, d.groups);
            if t.check_norms().is_err() {
                (t.norms, t.groups) = (norms, groups); // not the norms': the page opens the defaults, said
                return;
            }
            // A preset sets the norms too.
            let pair = given("tnorm").or_else(|| given("tpreset")).unwrap_or_else(|| "tnorm".into());
            notes.push(Unread { pair, why: Some(Why::Bounds(error)) });
        }
    }
}

/// The keys of the settings the BatchNorm1d view's layer and data were built with.
const BASE_KEYS: [&str; 14] =
    ["c", "eps", "mom", "affine", "track", "mode", "n", "l", "dist", "offset", "shift", "spread", "vary", "seed"];

/// A pair's key.
fn key_of(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(key, _)| key)
}

/// Whether a link carries the BatchNorm1d view whole, every key of its settings, as the page
/// writes its own links: then it is the page as it was, a lesson's stage or not. A link with
/// fewer (typed by hand: `lesson=one_1&n=8`) changes what opens without them ([`Link::over`]).
pub fn carries_the_lab(pairs: &[&str]) -> bool {
    BASE_KEYS.iter().all(|key| pairs.iter().any(|pair| key_of(pair) == *key))
}

impl Link {
    /// This link's own keys of the BatchNorm1d view over a lesson stage's setup (`base`, then
    /// `actions`), each as a student changes it by hand on the live page, in the link's order:
    /// N, L, eps, momentum and the mode are changes logged after the stage's; C, affine, track,
    /// the data and the seed build the layer and data anew from the settings reached, as the
    /// page's controls do (the stage's steps start over); `do=` adds its actions. A key `pairs`
    /// gives more than once counts at its last place; one in `unread` (not read: left at its
    /// default) or equal to what the page has changes nothing.
    pub fn over(
        &self,
        (mut base, mut actions): (Settings, Vec<Action>),
        pairs: &[&str],
        unread: &[&str],
    ) -> (Settings, Vec<Action>) {
        let b = &self.base;
        // Each key's last place, and the unread keys, looked up in a map: a link of 30 000 keys
        // searched the rest of the link and the unread list for each, 7 s in one task.
        let last: BTreeMap<&str, usize> = pairs.iter().enumerate().map(|(at, pair)| (key_of(pair), at)).collect();
        let unread: BTreeSet<&str> = unread.iter().copied().collect();
        for (at, pair) in pairs.iter().enumerate() {
            let key = key_of(pair);
            if unread.contains(key) || last.get(key) != Some(&at) {
                continue;
            }
            let now = base.after(&actions);
            let mut anew = now.clone();
            let change = match key {
                "n" => Action::BatchSize(b.batch_size),
                "l" => Action::Length(b.length),
                "eps" => Action::Eps(b.layer.eps),
                "mom" => Action::Momentum(b.layer.momentum),
                "mode" => Action::Mode(b.training),
                "do" => {
                    actions.extend(self.actions.iter().cloned());
                    continue;
                }
                _ => {
                    let (layer, data) = (&mut anew.layer, &mut anew.data);
                    match key {
                        "c" => {
                            (layer.num_features, data.num_features) = (b.layer.num_features, b.layer.num_features);
                            anew.feature = anew.feature.min(b.layer.num_features.saturating_sub(1));
                        }
                        "affine" => layer.affine = b.layer.affine,
                        "track" => layer.track_running_stats = b.layer.track_running_stats,
                        "dist" => data.distribution = b.data.distribution,
                        "offset" => data.offset = b.data.offset,
                        "shift" => data.shift = b.data.shift,
                        "spread" => data.spread = b.data.spread,
                        "vary" => data.vary_spread = b.data.vary_spread,
                        "seed" => data.seed = b.data.seed,
                        _ => continue,
                    }
                    if anew != now {
                        (base, actions) = (anew, Vec::new());
                    }
                    continue;
                }
            };
            if now.after(std::slice::from_ref(&change)) != now {
                actions.push(change);
            }
        }
        (base, actions)
    }
}

/// A part of a link that was not read: `key=value` as written, and why.
#[derive(Debug)]
pub struct Unread {
    pub pair: String,
    pub why: Option<Why>,
}

/// Why a part of a link was not read (data only: the words are `crate::i18n`'s).
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// A number out of its control's bounds (`n=5000`: N is 1 to 4096).
    Bounds(BnError),
    /// Not a number (`n=abc`, `n=1_000`); `plus`: it held a `+`, which a link reads as a space.
    NotANumber { plus: bool },
    /// A number, but not a whole one of 0 or more (`f=2.5`, `f=-1`).
    NotWholeNumber,
    /// A count past 2⁶⁴ − 1 (`do=s99999999999999999999`): more than the page can count.
    BeyondCount,
    /// Not one of the words the key takes (`mode=sideways`: train or eval).
    NotOneOf(&'static [&'static str]),
    /// Not in the form the page writes (`tnet=3_100`: depth_width_activation).
    Form(&'static str),
    /// A key the page does not have (`zzz=1`).
    UnknownKey,
    /// Action `index` (from 1) of the `of` in `do=` was not understood (and why, when more can
    /// be said); the actions before it are kept, it and the rest left out.
    DoAction { index: usize, of: usize, token: String, why: Option<Box<Why>> },
    /// Several numbers of one value refused (`cmp=99_99_99_99_99`), each with why.
    Each(Vec<Why>),
    /// `key` was given `times` times; only the last, `last` (`key=value`), was read.
    Repeated { key: String, times: usize, last: String },
    /// `lesson=` names no lesson the page has (`lesson=nosuch_0`).
    NoSuchLesson,
    /// An index past 2³² − 1 (`f=4294967296`): far beyond any the page has.
    TooLarge,
    /// A number written non-zero that a float holds only as 0 (`eps=1e-400`), where 0 is refused.
    TooSmall,
}

impl Why {
    /// True when the page says this in a sentence of its own (the part was read, or partly
    /// read), not as a value left at its default.
    pub fn is_own_sentence(&self) -> bool {
        matches!(self, Why::DoAction { .. } | Why::Repeated { .. })
    }
}

fn parse_flag(value: &str, why: &mut Option<Why>) -> Option<bool> {
    match value {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => {
            not_one_of(&["1", "0", "true", "false"], why);
            None
        }
    }
}

/// The words a key takes, as a link writes them (`dist=`, `tnet=`'s activation, `tnorm=`'s norms).
/// The names a link (and the page's menus) may give: a test checks each is one.
pub const DISTRIBUTIONS: [&str; 4] = ["normal", "uniform", "skewed", "outliers"];
pub const ACTIVATIONS: [&str; 3] = ["relu", "sigmoid", "tanh"];
pub const NORMS: [&str; 4] = ["none", "batchnorm", "layernorm", "groupnorm"];

/// Not one of `words` (false: the value was not read).
fn not_one_of(words: &'static [&'static str], why: &mut Option<Why>) -> bool {
    *why = Some(Why::NotOneOf(words));
    false
}

/// The forms of `bwd=` (the Backward panel's upstream gradient), as a notice gives them.
pub const BACKWARD_FORM: &str = "one | pull_0.5 | random_3";

/// Not in the form the page writes (false: the value was not read).
fn form(pattern: &'static str, why: &mut Option<Why>) -> bool {
    *why = Some(Why::Form(pattern));
    false
}

/// At most `max` characters of a part of a link, for a notice. A character that is not seen
/// but acts on the text around it (a control character, a right-to-left override turning the
/// notice's own words around, a zero-width one) is shown as the link writes it, `%E2%80%AE`.
pub(crate) fn quote(part: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in part.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if invisible(c) {
            let mut bytes = [0; 4];
            c.encode_utf8(&mut bytes).bytes().for_each(|b| out.push_str(&format!("%{b:02X}")));
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters and Unicode's format characters (Cf: bidirectional controls, zero-width
/// joiners and spaces, the byte-order mark, tags).
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
            | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// `%XX` escapes (a link pasted through a chat tool may have them); invalid ones stay as they are.
/// A `+` is a space, as a form writes it.
fn decode_percent(value: &str) -> String {
    decode(value, true)
}

/// A part of a link as a notice quotes it: escapes decoded, but a `+` kept (a notice saying a
/// `+` is read as a space shows the `+`).
fn as_written(part: &str) -> String {
    decode(part, false)
}

fn decode(value: &str, plus_is_space: bool) -> String {
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
            (b'+', _) if plus_is_space => {
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

    /// A typed `mom=none` is Python's None, whatever its case (it got "mom=none — not a number").
    /// Tiny and huge numbers are written with an exponent, and read back to themselves.
    #[test]
    fn a_tiny_number_is_written_short() {
        assert_eq!(
            (number(0.1), number(1e-5), number(1e-320), number(2.5e300)),
            ("0.1".into(), "0.00001".into(), "1e-320".into(), "2.5e300".into())
        );
        let (link, notes) = Link::parse("mom=1e-320");
        assert!(notes.is_empty(), "{notes:?}");
        assert!(link.to_query().contains("mom=1e-320&"), "{}", link.to_query());
    }

    #[test]
    fn mom_none_is_read_in_any_case() {
        for typed in ["None", "none", "NONE", "%20none"] {
            let (link, notes) = Link::parse(&format!("mom={typed}"));
            assert_eq!(link.base.layer.momentum, None, "{typed}");
            assert!(notes.is_empty(), "{typed}: {notes:?}");
        }
        let (link, notes) = Link::parse("mom=nonesuch");
        assert!(link.base.layer.momentum.is_some() && !notes.is_empty());
    }

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
        link.lang = Some(Lang::ZhHant);
        link.presenter = true;
        link.view = "train".into();
        link.train = TrainSettings {
            lr: 0.3,
            momentum: 0.9,
            batch_size: 32,
            seed: 7,
            unit: 5,
            depth: 3,
            width: 100,
            activation: Activation::Sigmoid,
            norms: [NormChoice::LayerNorm, NormChoice::BatchNorm],
            groups: 5,
            noise: 0.5,
            probes: true,
        };
        link.train_steps = 120;
        link.compare = CompareSettings { n: 5, c: 8, l: 3, groups: 4, seed: 9, cell: (4, 7, 2) };
        let (back, notes) = Link::parse(&link.to_query());
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, link);
    }

    #[test]
    fn a_train_preset_is_read_first_wherever_it_stands() {
        let before = Link::parse("view=train&lr=0.3&tbs=9&tpreset=fig1").0.train;
        let after = Link::parse("view=train&tpreset=fig1&lr=0.3&tbs=9").0.train;
        assert_eq!((before.lr, before.batch_size), (0.3, 9), "the settings given before the preset are kept");
        assert_eq!(before, after);
    }

    #[test]
    fn a_malformed_link_falls_back_and_says_what() {
        let (link, notes) = Link::parse("?c=abc&eps=1e-3&mode=sideways&do=s3,x9&lang=fr&zzz=1&n=%34");
        assert_eq!(link.base.layer.num_features, 128);
        assert_eq!(link.base.layer.eps, 1e-3);
        assert_eq!(link.base.batch_size, 4, "percent escapes are read");
        assert_eq!(link.actions, vec![Action::Step(3)], "the actions before the one not understood");
        let pairs: Vec<&str> = notes.iter().map(|n| n.pair.as_str()).collect();
        assert_eq!(pairs, vec!["c=abc", "mode=sideways", "do=s3,x9", "lang=fr", "zzz=1"]);
        let whys: Vec<Option<Why>> = notes.into_iter().map(|n| n.why).collect();
        let do_action = Why::DoAction { index: 2, of: 2, token: "x9".into(), why: None };
        assert_eq!(
            whys,
            vec![
                Some(Why::NotANumber { plus: false }),
                Some(Why::NotOneOf(&["train", "eval"])),
                Some(do_action),
                Some(Why::NotOneOf(&["en", "zh-Hant", "zh-Hans"])),
                Some(Why::UnknownKey),
            ]
        );
    }

    /// Every refusal of a link says why: a `+` (a form's space), `1_000`, a bad action of `do=`
    /// (which and why; the ones before it are kept). They were quoted with no reason, and one
    /// bad action dropped the whole `do=`.
    #[test]
    fn a_refused_link_value_says_why() {
        let (link, notes) =
            Link::parse("offset=+2&n=1_000&f=2.5&do=s3,n4,g1_x_0,e&tnet=3_100&dist=cauchy&ov=yes&zzz=%3C");
        assert_eq!(link.actions, vec![Action::Step(3), Action::BatchSize(4)]);
        let said: Vec<(String, Option<Why>)> = notes.into_iter().map(|n| (n.pair, n.why)).collect();
        let bad_gamma = Why::DoAction {
            index: 3,
            of: 4,
            token: "g1_x_0".into(),
            why: Some(Box::new(Why::NotANumber { plus: false })),
        };
        assert_eq!(
            said,
            vec![
                ("offset=+2".into(), Some(Why::NotANumber { plus: true })),
                ("n=1_000".into(), Some(Why::NotANumber { plus: false })),
                ("f=2.5".into(), Some(Why::NotWholeNumber)),
                ("do=s3,n4,g1_x_0,e".into(), Some(bad_gamma)),
                ("tnet=3_100".into(), Some(Why::Form("depth_width_activation"))),
                ("dist=cauchy".into(), Some(Why::NotOneOf(&DISTRIBUTIONS))),
                ("ov=yes".into(), Some(Why::NotOneOf(&["1", "0", "true", "false"]))),
                ("zzz=<".into(), Some(Why::UnknownKey)),
            ]
        );
        // A plus sign written as %2B is read; the words a key takes are the ones it reads.
        assert_eq!(Link::parse("offset=%2B2").0.base.data.offset, 2.0);
        assert!(DISTRIBUTIONS.iter().all(|d| Distribution::from_name(d).is_some()));
        assert!(ACTIVATIONS.iter().all(|a| Activation::from_name(a).is_some()));
        assert!(NORMS.iter().all(|n| NormChoice::from_name(n).is_some()));
    }

    /// A count or index that is not a whole number ≥ 0 says that, and one past what the page
    /// counts says so: `f=-1` was "not a whole number from 0 to 2⁶⁴ − 1", as if the page took
    /// features that far.
    #[test]
    fn a_count_says_whether_it_is_not_whole_or_too_large() {
        let huge = "99999999999999999999";
        let whys = |query: &str| Link::parse(query).1.into_iter().map(|n| n.why).collect::<Vec<_>>();
        assert_eq!(whys("f=-1&s=0.5"), vec![Some(Why::NotWholeNumber), Some(Why::NotWholeNumber)]);
        assert_eq!(whys(&format!("f={huge}&s=4294967296")), vec![Some(Why::TooLarge), Some(Why::TooLarge)]);
        let step = Why::DoAction { index: 1, of: 1, token: format!("s{huge}"), why: Some(Box::new(Why::BeyondCount)) };
        assert_eq!(whys(&format!("do=s{huge}&tsteps={huge}")), vec![Some(step), Some(Why::BeyondCount)]);
        assert_eq!(whys("tsteps=-3"), vec![Some(Why::NotWholeNumber)]);
        // Written otherwise, a whole number is that number (hostile35: "s1e9" was said to be
        // past 2⁶⁴ − 1), and one past 2⁶⁴ − 1 is still said to be.
        assert_eq!(whys("tsteps=1e3&f=1e1&lesson=one_0e0"), Vec::<Option<Why>>::new());
        assert_eq!(Link::parse("tsteps=1e3").0.train_steps, 1000);
        assert_eq!(whys("tsteps=1e20"), vec![Some(Why::BeyondCount)]);
        // A lesson no lesson is named is said to be so, whatever follows its name (hostile35:
        // `lesson=running_x` was "not a number"); a known one's stage is read as before.
        assert_eq!(whys("lesson=running_x"), vec![Some(Why::NoSuchLesson)]);
        assert_eq!(whys("lesson=running_0"), vec![Some(Why::NoSuchLesson)]);
        assert_eq!(whys("lesson=one_x"), vec![Some(Why::NotANumber { plus: false })]);
    }

    /// A key given twice: the last is read (a key added at the end of a link changes it), and
    /// the note names the key. The last was read silently.
    #[test]
    fn a_repeated_key_reads_the_last_and_says_so() {
        let (link, notes) = Link::parse("n=8&c=4&n=16");
        assert_eq!(link.base.batch_size, 16);
        let repeated = Why::Repeated { key: "n".into(), times: 2, last: "n=16".into() };
        assert_eq!(notes.into_iter().map(|n| n.why).collect::<Vec<_>>(), vec![Some(repeated)]);
        // Only the last is read: one not readable leaves the default, not the earlier value.
        let (link, notes) = Link::parse("n=8&n=abc");
        assert_eq!(link.base.batch_size, 32);
        assert_eq!(notes.len(), 2, "{notes:?}");
    }

    /// Keys are percent-decoded as values are (`%63=8` was "no setting by this name"), and a pair
    /// without a name is told as such, never as a key set "  2 times" (hostile37).
    #[test]
    fn keys_are_decoded_and_a_nameless_pair_is_told_as_unknown() {
        let (link, notes) = Link::parse("%63=8&%6E=4");
        assert_eq!((link.base.layer.num_features, link.base.batch_size, notes.len()), (8, 4, 0));
        let (link, notes) = Link::parse("c=8&&&&=&=x");
        assert_eq!(link.base.layer.num_features, 8);
        let whys: Vec<_> = notes.iter().map(|n| (n.pair.as_str(), n.why.clone())).collect();
        assert_eq!(whys, vec![("=x", Some(Why::UnknownKey))], "{notes:?}");
    }

    /// A number out of bounds says its bounds (the page then says them in its words).
    #[test]
    fn a_number_out_of_bounds_says_why() {
        let (link, notes) = Link::parse("n=5000&offset=-11&eps=0&c=12");
        assert_eq!((link.base.batch_size, link.base.layer.num_features), (32, 12));
        let pairs: Vec<&str> = notes.iter().map(|n| n.pair.as_str()).collect();
        assert_eq!(pairs, vec!["n=5000", "offset=-11", "eps=0"]);
        assert!(
            matches!(notes[0].why, Some(Why::Bounds(BnError::NotWholeNumber { min: 1, max: 4096, .. }))),
            "{:?}",
            notes[0]
        );
        assert!(matches!(notes[1].why, Some(Why::Bounds(BnError::OutOfBounds { .. }))), "{:?}", notes[1]);
        assert!(notes[2].why.is_some(), "{:?}", notes[2]);
    }

    #[test]
    fn minus_zero_is_zero() {
        let (link, notes) = Link::parse("mom=-0&offset=-0.0&do=m-0");
        assert!(notes.is_empty(), "{notes:?}");
        assert!(link.base.layer.momentum.is_some_and(|m| m == 0.0 && m.is_sign_positive()));
        assert!(link.base.data.offset.is_sign_positive());
        assert!(matches!(link.actions[..], [Action::Momentum(Some(m))] if m.is_sign_positive()));
    }

    /// A link of 200 000 keys is read in one pass (each key compared with every other took
    /// minutes: this test then did not end).
    #[test]
    fn a_link_of_many_keys_is_read_at_once() {
        let query = "zzz=1&".repeat(100_000) + &"n=8&".repeat(100_000);
        let (link, notes) = Link::parse(&query);
        assert_eq!(link.base.batch_size, 8);
        assert_eq!(notes.len(), 3, "zzz given 100 000 times and not a setting; n given 100 000 times");
    }

    /// The page's own link carries the lab whole (it is the page as it was); one typed by hand
    /// with a few keys changes a lesson's setup instead ([`Link::over`]).
    #[test]
    fn the_pages_own_link_carries_the_lab_whole() {
        let own = Link { lesson: Some(("one".into(), 1)), ..Link::default() }.to_query();
        assert!(carries_the_lab(&own.split('&').collect::<Vec<_>>()));
        assert!(!carries_the_lab(&["lesson=one_1", "n=8"]));
        // N changed after the stage's own actions; a seed builds anew from the settings reached.
        let stage = (Settings::default(), vec![Action::Step(6), Action::BatchSize(1), Action::Mode(false)]);
        let pairs = ["lesson=one_1", "n=8", "n=abc", "mode=eval"];
        let (link, _) = Link::parse(&pairs.join("&"));
        let (base, actions) = link.over(stage.clone(), &pairs, &["n"]);
        assert_eq!((&base, actions.len()), (&stage.0, 3), "n=abc not read: the default N 32 is not a change");
        let (link, _) = Link::parse("n=8&seed=7");
        let (base, actions) = link.over(stage, &["n=8", "seed=7"], &[]);
        assert_eq!((base.batch_size, base.training, base.data.seed, actions), (8, false, 7, vec![]));
    }

    /// A lesson's link with 100 000 keys of its own (none a setting) changes nothing of the
    /// stage, in one pass: each key was searched for in the rest of the link (30 000 keys: 7 s).
    #[test]
    fn a_lesson_link_of_many_keys_is_read_in_one_pass() {
        let pairs: Vec<String> =
            std::iter::once("lesson=one_1".to_string()).chain((0..100_000).map(|k| format!("k{k}=1"))).collect();
        let pairs: Vec<&str> = pairs.iter().map(String::as_str).collect();
        let (link, _) = Link::parse(&pairs.join("&"));
        let unread: Vec<&str> = pairs.iter().skip(1).map(|pair| key_of(pair)).collect();
        let stage = (Settings::default(), vec![Action::Step(6)]);
        assert_eq!(link.over(stage.clone(), &pairs, &unread), stage);
    }

    #[test]
    fn garbage_never_panics() {
        for q in ["", "?", "&&&", "=", "do=,,,", "do=g1_2", "lesson=_", "%", "%zz=%", "c=99999999999999999999"] {
            let _ = Link::parse(q);
        }
    }
}
