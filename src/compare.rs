//! "Which axis?": one `(N, C, L)` batch through BatchNorm1d, LayerNorm, InstanceNorm1d and
//! GroupNorm (training mode, no affine), and which values share one mean and variance in each.

use crate::charts::{NormPanel, NormsView};
use crate::core::norms::{GroupNorm, InstanceNorm1d, LayerNorm, Normalization};
use crate::core::{BatchNorm1d, BatchNormConfig, BnError, DataSpec, Generator};
use crate::i18n::{error_message, Lang};

/// The comparison's controls.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareSettings {
    pub n: usize,
    pub c: usize,
    /// L; 1 means `(N, C)` input (then InstanceNorm1d has nothing to normalize over).
    pub l: usize,
    pub groups: usize,
    pub seed: u64,
    /// The hovered or clicked cell: (sample, feature, position).
    pub cell: (usize, usize, usize),
}

impl Default for CompareSettings {
    fn default() -> Self {
        CompareSettings { n: 4, c: 6, l: 5, groups: 2, seed: 1, cell: (1, 2, 0) }
    }
}

impl CompareSettings {
    pub fn check(&self) -> Result<(), BnError> {
        let whole = BnError::check_count;
        whole("N", self.n, 1, 16)?;
        whole("C", self.c, 1, 16)?;
        whole("L", self.l, 1, 16)?;
        whole("groups G", self.groups, 1, 16)
    }

    /// The dims the layers see: `[N, C]` when L = 1, else `[N, C, L]`.
    pub fn dims(&self) -> Vec<usize> {
        if self.l == 1 {
            vec![self.n, self.c]
        } else {
            vec![self.n, self.c, self.l]
        }
    }

    /// The hovered cell, kept inside the grid.
    pub fn cell(&self) -> (usize, usize, usize) {
        let (n, c, l) = self.cell;
        (n.min(self.n - 1), c.min(self.c - 1), l.min(self.l - 1))
    }
}

/// The four layers, named as PyTorch builds them, with what each normalizes over.
fn boxed<L: Normalization + 'static>(layer: Result<L, BnError>) -> Result<Box<dyn Normalization>, BnError> {
    layer.map(|l| Box::new(l) as Box<dyn Normalization>)
}

/// A layer as the view names it: its constructor, what it normalizes over, and the layer.
type NamedLayer = (String, &'static str, Result<Box<dyn Normalization>, BnError>);

fn layers(s: &CompareSettings) -> Vec<NamedLayer> {
    let eps = 1e-5;
    let layer_norm_shape: Vec<usize> = if s.l == 1 { vec![s.c] } else { vec![s.c, s.l] };
    let shape_text = layer_norm_shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
    // L = 1 is an input (N, C): no positions to normalize over, so the labels leave L out
    // (InstanceNorm1d keeps "over L": its one value there is why PyTorch refuses it).
    let over = |with_l: &'static str, without: &'static str| if s.l == 1 { without } else { with_l };
    vec![
        (
            format!("BatchNorm1d({}, affine=False)", s.c),
            over("per feature, over N and L", "per feature, over N"),
            boxed(BatchNorm1d::new(BatchNormConfig { affine: false, ..BatchNormConfig::new(s.c) })),
        ),
        (
            format!("LayerNorm([{shape_text}], elementwise_affine=False)"),
            over("per sample, over C and L", "per sample, over C"),
            boxed(LayerNorm::new(&layer_norm_shape, eps, false)),
        ),
        (
            format!("InstanceNorm1d({})", s.c),
            "per sample and feature, over L",
            boxed(InstanceNorm1d::new(s.c, eps, false)),
        ),
        (
            format!("GroupNorm({}, {}, affine=False)", s.groups, s.c),
            over("per sample, over a group of C/G features and L", "per sample, over a group of C/G features"),
            boxed(GroupNorm::new(s.groups, s.c, eps, false)),
        ),
    ]
}

/// The batch, the four layers' outputs, and the hovered cell's group in each.
pub fn view(s: &CompareSettings, lang: Lang) -> Result<NormsView, BnError> {
    s.check()?;
    let input = Generator::new(DataSpec::new(s.c, s.seed)).batch(0, s.n, s.l);
    let cell = s.cell();
    let flat = (cell.0 * s.c + cell.1) * s.l + cell.2;
    let panels = layers(s)
        .into_iter()
        .map(|(name, over, layer)| {
            let result = layer.and_then(|mut layer| {
                let trace = layer.forward(&input, &given_dims(s, layer.name()))?;
                let group = trace.group_of(flat).map(|g| trace.members(g)).unwrap_or_default();
                Ok((trace.output, group))
            });
            match result {
                Ok((output, group)) => NormPanel { name, over: over.to_string(), group, output, refusal: None },
                Err(e) => NormPanel {
                    name,
                    over: over.to_string(),
                    group: Vec::new(),
                    output: Vec::new(),
                    // The chart labels this "PyTorch raises:": PyTorch's words, then ours.
                    refusal: Some(match e.pytorch_message() {
                        Some(py) => format!("{py}\n{}", words(&e, lang)),
                        None => words(&e, lang),
                    }),
                },
            }
        })
        .collect();
    Ok(NormsView { n: s.n, c: s.c, l: s.l, input, cell, panels })
}

/// The shape a layer is given: InstanceNorm1d reads a 2-D input as one unbatched (C, L) sample;
/// here it always gets (N, C, L), so that L = 1 shows its refusal instead.
fn given_dims(s: &CompareSettings, layer: &str) -> Vec<usize> {
    if layer == "InstanceNorm1d" {
        vec![s.n, s.c, s.l]
    } else {
        s.dims()
    }
}

/// The dims a layer's groups run over, as PyTorch's `dim=` argument: the axes it normalizes over
/// (GroupNorm's output first reshaped to (N, G, C/G·L), a group of features a row).
fn reduced_dims(s: &CompareSettings, layer: &str) -> &'static str {
    match (layer, s.l == 1) {
        ("BatchNorm1d", false) => "(0, 2)",
        ("BatchNorm1d", true) => "0",
        ("LayerNorm", false) => "(1, 2)",
        ("LayerNorm", true) => "1",
        _ => "2",
    }
}

/// PyTorch code for the view: another batch of the same shape through the same four layers, and
/// each output's mean and (biased) variance over the dims the layer normalizes over: one mean 0
/// and one variance σ²/(σ² + eps) per group, whatever the batch (1 unless the group's values are
/// close together; 0 for a group of one value, which is all 0). A layer the view shows refusing
/// raises in PyTorch with the words the chart quotes; the code catches it and prints them.
/// Comments in the page's language.
pub fn pytorch_code(s: &CompareSettings, lang: Lang) -> String {
    let shape = s.dims().iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
    let mut code = format!(
        "import torch\nfrom torch import nn\n\ntorch.manual_seed(0)\nx = torch.randn({shape})  # {}\n\n",
        crate::i18n::t(lang, "norms-code-batch")
    );
    let input = Generator::new(DataSpec::new(s.c, s.seed)).batch(0, s.n, s.l);
    let passes: Vec<_> = layers(s)
        .into_iter()
        .map(|(name, over, layer)| {
            let kind = layer.as_ref().map_or("", |l| l.name());
            let pass = layer.and_then(|mut l| l.forward(&input, &given_dims(s, l.name())));
            (name, over, kind, pass)
        })
        .collect();
    // A group of one value normalizes to 0: its variance is 0, not 1.
    let single = passes
        .iter()
        .any(|(.., pass)| pass.as_ref().is_ok_and(|t| t.group_of(0).is_some_and(|g| t.members(g).len() == 1)));
    let show = if single { "norms-code-show-single" } else { "norms-code-show" };
    code += &format!("def show(y, dim):  # {}\n", crate::i18n::t(lang, show));
    // A mean a hair below 0 rounds to -0., which PyTorch prints as "-0." (review32a).
    code += &format!(
        "    print(y.mean(dim).round(decimals=3) + 0.0)  # {}\n    print(y.var(dim, unbiased=False).round(decimals=3))\n\n",
        crate::i18n::t(lang, "norms-code-zero")
    );
    for (name, over, kind, pass) in passes {
        let refused = pass.err();
        let kind = if kind.is_empty() { name.split('(').next().unwrap_or("") } else { kind };
        let mut x = "x".to_string();
        if kind == "InstanceNorm1d" && s.l == 1 {
            x = format!("x.reshape({}, {}, 1)", s.n, s.c);
        }
        let mut y = format!("nn.{name}({x})");
        if kind == "GroupNorm" {
            y = format!("{y}.reshape({}, {}, -1)", s.n, s.groups);
        }
        let call = format!("show({y}, dim={})", reduced_dims(s, kind));
        let over = crate::i18n::t(lang, over);
        match refused.map(|e| (e.pytorch_message(), e)) {
            None => code += &format!("{call}  # {over}\n"),
            Some((Some(_), e)) => {
                let exception = crate::explain::exception(&e);
                code += &format!(
                    "try:  # {over}\n    {call}\nexcept {exception} as e:  # {}\n    print(f\"{exception}: {{e}}\")\n",
                    crate::i18n::t(lang, "norms-code-refused")
                );
            }
            // A refusal of the page's own (PyTorch has no words for it): said, not run.
            Some((None, e)) => code += &format!("# nn.{name}: {}\n", words(&e, lang)),
        }
    }
    crate::export::fit_lines(&code)
}

/// A refusal in this view's words: BatchNorm1d's advice to "switch to eval mode" names a control
/// the view (training only) does not have, so here it says what eval mode would do instead.
fn words(e: &BnError, lang: Lang) -> String {
    match e {
        BnError::OneValuePerFeature { shape, has_running_stats: true } => {
            let shape = crate::core::error::shape_text(shape);
            crate::i18n::tf(lang, "norms-one-value", &[("shape", &shape)])
        }
        _ => error_message(e, lang),
    }
}

/// The line above the boxes N, C, L and G: their bounds, and the layers that cannot take the
/// batch the boxes make (`refusing`: G = 3 of C = 8 for GroupNorm), named after the bounds —
/// their reasons, under the grids, were a phone's screen or two below the boxes. (A value just
/// typed in a box and refused is said there in place of both: the notice.)
pub fn bounds_line(refusing: &[&str], lang: Lang) -> (String, Option<String>) {
    let bounds = crate::i18n::t(lang, "n-bounds");
    if refusing.is_empty() {
        return (bounds, None);
    }
    let names = refusing.join(if lang == Lang::En { ", " } else { "、" });
    (bounds, Some(crate::i18n::tf(lang, "n-refusing", &[("names", &names)])))
}

/// A word beside a layer's refusal (the page's text under the grid; too long for the chart): at
/// L = 1, where the L box reads "1 = input (N, C)", InstanceNorm1d refuses (N, C, 1), but an
/// input (N, C) without L it does not refuse (torch 2.15: one sample of N channels, a warning)
/// — when C ≥ 2: each of those channels then has C values, and with C = 1 one value, which it
/// refuses too ("Expected more than 1 spatial element when training", review40).
pub fn beside_refusal(layer: &str, length: usize, channels: usize, lang: Lang) -> Option<String> {
    (length == 1 && channels >= 2 && layer.starts_with("InstanceNorm1d")).then(|| crate::i18n::t(lang, "in-nc-note"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// N = 1, L = 1 (`cmp=1_6_1_6_1`): BatchNorm1d's refusal names no control this view lacks
    /// (it said "or switch to eval mode"), and InstanceNorm1d's words say it is given (N, C, 1),
    /// as the summary does, where BatchNorm1d and GroupNorm quote (N, C) (checked in torch 2.15:
    /// both refuse [1, 6]; InstanceNorm1d refuses [1, 6, 1] and takes [1, 6] as one sample).
    #[test]
    fn a_batch_of_one_without_l_is_said_as_it_is_given() {
        let s = CompareSettings { n: 1, c: 6, l: 1, groups: 6, seed: 1, cell: (0, 2, 0) };
        for lang in Lang::ALL {
            let v = view(&s, lang).unwrap();
            let refusal = |k: usize| v.panels[k].refusal.clone().unwrap_or_default();
            assert!(refusal(0).contains("torch.Size([1, 6])") && refusal(3).contains("input size [1, 6]"));
            assert!(refusal(2).contains("torch.Size([1, 6, 1])"), "{}", refusal(2));
            let switch = match lang {
                Lang::En => "switch to eval mode",
                Lang::ZhHant => "切換到評估模式",
                Lang::ZhHans => "切换到评估模式",
            };
            assert!(!refusal(0).contains(switch), "{}", refusal(0));
            assert!(refusal(0).contains(&crate::i18n::tf(lang, "norms-one-value", &[("shape", "[1, 6]")])));
            let note = beside_refusal(&v.panels[2].name, 1, 6, lang).unwrap();
            assert!(note.contains("(N, C, 1)"), "{note}");
            // With C = 1, (N, C) is one sample of N channels of one value each: refused as well.
            assert_eq!(beside_refusal(&v.panels[2].name, 1, 1, lang), None);
            let summary = crate::i18n::tf(lang, "sum-norm-grid-nc", &[]);
            assert!(summary.contains("(N, C, 1)"), "{summary}");
        }
    }

    #[test]
    fn each_layer_groups_along_its_own_axes() {
        let s = CompareSettings { n: 3, c: 4, l: 2, groups: 2, seed: 3, cell: (1, 2, 1) };
        let v = view(&s, Lang::En).unwrap();
        let sizes: Vec<usize> = v.panels.iter().map(|p| p.group.len()).collect();
        // BatchNorm: N·L = 6; LayerNorm: C·L = 8; InstanceNorm: L = 2; GroupNorm: (C/G)·L = 4.
        assert_eq!(sizes, vec![6, 8, 2, 4]);
        assert!(v.panels.iter().all(|p| p.output.len() == 24 && p.refusal.is_none()));
    }

    #[test]
    fn refusals_are_shown_not_thrown() {
        let s = CompareSettings { n: 3, c: 6, l: 1, groups: 4, ..CompareSettings::default() };
        let v = view(&s, Lang::En).unwrap();
        assert!(v.panels[2].refusal.is_some(), "InstanceNorm1d with L = 1 has one value per sample and feature");
        assert!(v.panels[3].refusal.is_some(), "6 features in 4 groups");
        assert!(view(&CompareSettings { n: 0, ..CompareSettings::default() }, Lang::En).is_err());
    }

    /// L = 1 is an input (N, C): the labels and the summaries in words name no L or position
    /// there (they read "over N and L", "position 0"), in the three languages.
    #[test]
    fn an_input_n_c_is_described_without_positions() {
        let s = CompareSettings { n: 3, c: 4, l: 1, groups: 2, ..CompareSettings::default() };
        let v = view(&s, Lang::En).unwrap();
        let overs: Vec<&str> = v.panels.iter().map(|p| p.over.as_str()).collect();
        let expected = [
            "per feature, over N",
            "per sample, over C",
            "per sample and feature, over L",
            "per sample, over a group of C/G features",
        ];
        assert_eq!(overs, expected);
        assert_eq!(v.panels[0].group.len(), 3, "BatchNorm1d: over N alone");
        for lang in Lang::ALL {
            // InstanceNorm1d's refusal names L and its positions: that is why it refuses.
            let v = view(&s, lang).unwrap();
            let refusal = crate::explain::refusal_read_aloud(&v.panels[2].refusal.clone().unwrap_or_default(), lang);
            let words = ["norm-grid", "norm-outputs"]
                .map(|chart| crate::explain::norms_summary(&v, chart, lang).replace(&refusal, ""));
            for said in
                words.iter().chain(overs[..2].iter().map(|o| crate::i18n::t(lang, o)).collect::<Vec<_>>().iter())
            {
                assert!(
                    !said.contains("position") && !said.contains("位置") && !said.contains("L ="),
                    "{lang:?}: {said}"
                );
            }
            assert!(words[0].contains("(N, C)"), "{lang:?}: {}", words[0]);
        }
        assert!(crate::i18n::missing_keys().is_empty(), "{:?}", crate::i18n::missing_keys());
    }

    /// Read aloud, a refusal is sentences in a list: no "..", no "。；", PyTorch's words and
    /// ours apart.
    #[test]
    fn a_refusal_reads_aloud_as_sentences() {
        for (s, lang) in [
            (CompareSettings { n: 4, c: 6, l: 5, groups: 5, ..CompareSettings::default() }, Lang::En),
            (CompareSettings { n: 16, c: 6, l: 1, groups: 3, ..CompareSettings::default() }, Lang::ZhHans),
            (CompareSettings { n: 16, c: 6, l: 1, groups: 3, ..CompareSettings::default() }, Lang::En),
        ] {
            let v = view(&s, lang).unwrap();
            let said = crate::explain::norms_summary(&v, "norm-grid", lang);
            assert!(!said.contains("..") && !said.contains("。；") && !said.contains("。。"), "{said}");
            assert!(!said.contains("])InstanceNorm1d") && !said.contains("])In"), "{said}");
        }
    }

    /// The code names each layer as the chart does and reduces over the dims it normalizes over;
    /// a layer the chart shows refusing runs inside `try`, catching the exception the chart
    /// quotes (each runs in PyTorch: tests/pytorch_check). A group of one value is said to give
    /// variance 0 where there is one.
    #[test]
    fn the_code_runs_each_layer_over_its_own_dims() {
        let cases = [
            (CompareSettings::default(), ["dim=(0, 2)", "dim=(1, 2)", "dim=2", ".reshape(4, 2, -1), dim=2"], 0),
            (
                CompareSettings { groups: 4, ..CompareSettings::default() },
                ["dim=(0, 2)", "dim=(1, 2)", "dim=2", "dim=2"],
                1,
            ),
            (
                CompareSettings { n: 1, c: 6, l: 1, groups: 6, ..CompareSettings::default() },
                ["dim=0", "dim=1", "dim=2", "dim=2"],
                3,
            ),
        ];
        for (s, dims, refusals) in cases {
            for lang in Lang::ALL {
                let code = pytorch_code(&s, lang);
                let v = view(&s, lang).unwrap();
                for (panel, dim) in v.panels.iter().zip(dims) {
                    let call = code.lines().find(|l| l.contains(&format!("nn.{}(", panel.name))).unwrap_or_default();
                    assert!(call.contains(dim), "{lang:?} {}: {call}", panel.name);
                    if let Some(refusal) = &panel.refusal {
                        let kind = refusal.split(':').next().unwrap_or_default();
                        assert!(code.contains(&format!("except {kind} as e:")), "{code}");
                    }
                }
                assert_eq!(code.matches("try:").count(), refusals, "{code}");
                assert!(code.lines().all(|l| crate::export::columns(l) <= crate::export::CODE_WIDTH), "{code}");
            }
        }
        let single = CompareSettings { n: 2, c: 6, l: 1, groups: 6, ..CompareSettings::default() };
        let said = |s: &CompareSettings| pytorch_code(s, Lang::En).replace("\n# ", " ");
        assert!(said(&single).contains("a group of a single value gives 0 and 0"), "{}", said(&single));
        assert!(!said(&CompareSettings::default()).contains("a single value"));
    }
}
