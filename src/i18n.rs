//! The page's three languages: English, Traditional Chinese (繁體中文, in Taiwanese terms) and
//! Simplified Chinese (简体中文, in mainland terms — not a character conversion of the other).
//!
//! One table holds the page's strings: the HTML's labels (looked up by a short key,
//! `data-i18n="key"`), and the text Rust writes (looked up by its English words). Placeholders
//! in braces, `{f}`, are filled by [`fill`]. Every entry has all three texts; the tests check that
//! none is empty and that each Chinese text holds no character of the other script.
//! Refusals carry data only (`core::BnError`, `refusal::Refusal`, `refusal::CsvProblem`): their
//! words are [`error_message`] and [`refusal_message`], one exhaustive match each, every arm
//! in the three languages, so a new refusal does not compile until it has its words.
//!
//! The terms each Chinese text keeps to (Taiwan / mainland):
//!
//! | English | 繁體 (Taiwan) | 简体 (mainland) |
//! | --- | --- | --- |
//! | batch, mini-batch, batch size | 批次, 小批次, 批次大小 | 批量, 小批量, 批量大小 |
//! | normalize, batch normalization | 正規化, 批次正規化 | 归一化, 批量归一化 |
//! | mean, variance, standard deviation | 平均, 變異數, 標準差 | 均值, 方差, 标准差 |
//! | (un)biased variance | 有偏/無偏變異數 | 有偏/无偏方差 |
//! | running statistics, running mean | 移動統計, 移動平均 | 运行统计量, 运行均值 |
//! | sample, feature, channel | 樣本（個）, 特徵, 通道 | 样本, 特征, 通道 |
//! | data, default, export, load, file | 資料, 預設, 匯出, 載入, 檔案 | 数据, 默认, 导出, 加载, 文件 |
//! | algorithm, network, optimizer | 演算法, 網路, 最佳化器 | 算法, 网络, 优化器 |
//! | train / eval mode | 訓練／評估模式 | 训练／评估模式 |
//! | row, column (of a CSV) | 列, 欄 | 行, 列 |
//! | seed, normal, tutorial | 亂數種子, 常態, 教學 | 随机种子, 正态, 教程 |
//! | point at (or tap), chosen, click, slider | 游標移到（或點一下）, 所選, 點選, 滑桿 | 指针移到（或点按）, 所选, 点击, 滑块 |
//! | raises (an error) | 丟出 | 抛出 |
//! | presenter mode, reset | 簡報模式, 重設 | 演示模式, 重置 |

use crate::core::error::{divisor_list, feature_axis, shape_text};
use crate::core::BnError;
use crate::numbers::exact;
use crate::refusal::{CsvProblem, DrawWhy, Refusal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    /// Traditional Chinese, as written in Taiwan (批次正規化, 變異數, 資料).
    ZhHant,
    /// Simplified Chinese, as written in mainland China (批量归一化, 方差, 数据).
    ZhHans,
}

impl Lang {
    /// Every language, in the order of the page's menu.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

    /// The BCP 47 code the page and its links use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
        }
    }

    /// A code from a link or the menu, case-insensitive: "en", "zh-Hant", "zh-Hans", and older
    /// links' "zh-TW" and "zh" (Traditional, as those links meant) and "zh-CN" (Simplified).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "zh-hant" | "zh-tw" | "zh" => Some(Lang::ZhHant),
            "zh-hans" | "zh-cn" => Some(Lang::ZhHans),
            _ => None,
        }
    }

    /// The language for a browser's `navigator.languages`, in its order: the first tag the page
    /// has a language for wins. zh-CN, zh-SG, zh-Hans(-…) and a bare "zh" (or any other zh-…)
    /// are Simplified; zh-TW, zh-HK, zh-MO and zh-Hant(-…) are Traditional; en(-…) is English;
    /// other languages are skipped, and English is the default.
    pub fn from_browser(languages: &[&str]) -> Lang {
        languages.iter().find_map(|tag| Lang::of_browser_tag(tag)).unwrap_or(Lang::En)
    }

    fn of_browser_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let subtags: Vec<&str> = parts.collect();
                // A script subtag says it outright; else the region decides.
                if subtags.contains(&"hant") {
                    Some(Lang::ZhHant)
                } else if subtags.contains(&"hans") {
                    Some(Lang::ZhHans)
                } else if subtags.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")) {
                    Some(Lang::ZhHant)
                } else {
                    Some(Lang::ZhHans)
                }
            }
            _ => None,
        }
    }
}

/// One text in the page's three languages. Every translation is one of these: the table's
/// entries, refusals' names, and the lessons (which hold theirs directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    /// Traditional Chinese, in Taiwanese terms.
    pub hant: &'static str,
    /// Simplified Chinese, in mainland terms.
    pub hans: &'static str,
}

impl Text {
    /// The full build keeps all three; the first view's small build keeps the English only (the
    /// Chinese texts are left out of its wasm) and reads the chosen language's from its words
    /// file ([`words_file`], [`load_words`]).
    pub const fn new(en: &'static str, hant: &'static str, hans: &'static str) -> Text {
        if crate::FULL {
            Text { en, hant, hans }
        } else {
            Text { en, hant: "", hans: "" }
        }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            // The small build: the loaded words, or the English until they are loaded.
            _ if !crate::FULL => loaded(lang, self).unwrap_or(self.en),
            Lang::ZhHant => self.hant,
            Lang::ZhHans => self.hans,
        }
    }
}

/// The words files' texts: every translation the first view's small module can show (the
/// table's first part, the names refusals give, the lessons' titles). Its refusals' sentences are
/// code (`error_message`, `refusal_message`) and stay in all three languages.
fn small_module_texts() -> impl Iterator<Item = &'static Text> {
    TABLE.iter().map(|(_, text)| text).chain(WHAT).chain(crate::lessons::TITLES.iter().map(|(_, text)| text))
}

/// The words file of `lang` for the small module (empty for English, which it holds): its first
/// line the [`fingerprint`] of the build's English texts, then line i + 1 the translation of
/// text i of [`small_module_texts`] (one English text can have two translations, "sample" the
/// box's label and "sample" a refusal's name for it, so a text is known by its place; the fingerprint checks
/// that the file fits this build, without the English itself: half the file). Written at build
/// time by the full module (`.ci/words.mjs`), so the words come from this one table; the tests
/// check that no text holds a line break.
pub fn words_file(lang: Lang) -> String {
    if lang == Lang::En || !crate::FULL {
        return String::new();
    }
    let words = small_module_texts().map(|t| format!("{}\n", t.get(lang)));
    std::iter::once(format!("{}\n", fingerprint())).chain(words).collect()
}

/// The English of every text of [`small_module_texts`], in order, hashed (64-bit FNV-1a, a
/// line break after each): a words file from another build (a text added, moved or reworded)
/// has another.
fn fingerprint() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for text in small_module_texts() {
        for byte in text.en.bytes().chain([b'\n']) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The small build's words, by language: the translation of each text of [`small_module_texts`].
static LOADED: std::sync::Mutex<Vec<(Lang, Vec<&'static str>)>> = std::sync::Mutex::new(Vec::new());

/// Reads `lang`'s words file ([`words_file`]); false, and nothing kept, when it is not one or
/// was written for another build (its fingerprint differs). Kept for the page's life (a page
/// loads at most one file per language).
pub fn load_words(lang: Lang, file: &str) -> bool {
    let mut lines = file.lines();
    if lang == Lang::En || lines.next() != Some(fingerprint().to_string().as_str()) {
        return false;
    }
    let lines: Vec<&str> = lines.collect();
    if lines.len() != small_module_texts().count() {
        return false;
    }
    let mut words = Vec::with_capacity(lines.len());
    for (translation, text) in lines.into_iter().zip(small_module_texts()) {
        // The words become the page's labels, which are HTML: a translation carries exactly its
        // English's tags (in any order: Chinese may order the words otherwise), so a file can
        // add no markup of its own.
        if !same_tags(translation, text.en) {
            return false;
        }
        words.push(&*translation.to_string().leak());
    }
    let Ok(mut loaded) = LOADED.lock() else { return false };
    loaded.retain(|(l, _)| *l != lang);
    loaded.push((lang, words));
    true
}

/// The markup of a text: every `<…>` in it (a `<` without its `>` runs to the end).
fn tags(text: &str) -> Vec<&str> {
    let tag = |(at, _)| {
        let rest = &text[at..];
        rest.find('>').map_or(rest, |end| &rest[..=end])
    };
    text.match_indices('<').map(tag).collect()
}

/// Whether two texts hold the same tags, each as many times, in any order (a few per text: no sort).
fn same_tags(a: &str, b: &str) -> bool {
    let (a, b) = (tags(a), tags(b));
    let count = |tags: &[&str], t: &str| tags.iter().filter(|u| **u == t).count();
    a.len() == b.len() && a.iter().all(|t| count(&a, t) == count(&b, t))
}

/// Whether this build can write `lang`: always in the full build, after [`load_words`] in the
/// small one.
pub fn has_words(lang: Lang) -> bool {
    crate::FULL || lang == Lang::En || LOADED.lock().is_ok_and(|l| l.iter().any(|(k, _)| *k == lang))
}

/// `text`'s translation into `lang` from the loaded words (`text` is one of the tables' own).
fn loaded(lang: Lang, text: &Text) -> Option<&'static str> {
    let at = small_module_texts().position(|t| std::ptr::eq(t, text))?;
    let loaded = LOADED.lock().ok()?;
    loaded.iter().find(|(l, _)| *l == lang).and_then(|(_, words)| words.get(at).copied())
}

/// (key, its text). For text Rust writes, the key is the English itself.
static TABLE: &[(&str, Text)] = &[
    // The page's HTML
    ("title", Text::new("BatchNorm Playground", "BatchNorm 遊樂場", "BatchNorm 游乐场")),
    ("lead", Text::new("rescales each feature, y = γ·(x − mean)/√(var + eps) + β: in train mode with the batch's mean and variance (÷m, over the feature's m values), in eval mode with the running statistics (if track_running_stats=True, the default; else the batch's).", "（批次正規化）對每個特徵重新縮放，y = γ·(x − 平均)/√(變異數 + eps) + β：訓練模式用這個批次的平均與變異數（÷m，m 是該特徵在批次裡的值的個數），評估模式則改用移動統計（track_running_stats=True 時，即預設；否則用批次的）。", "（批量归一化）对每个特征重新缩放，y = γ·(x − 均值)/√(方差 + eps) + β：训练模式用本批量的均值和方差（÷m，m 是该特征在批量中的值的个数），评估模式则改用运行统计量（track_running_stats=True 时，即默认设置；否则用批量的）。")),
    ("lead-more", Text::new("Every number here is computed with PyTorch's math (Rust, compiled to WebAssembly).", "這裡的每個數字都照 PyTorch 的公式算出（Rust 編譯成 WebAssembly）。", "这里的每个数字都按 PyTorch 的公式计算（Rust 编译为 WebAssembly）。")),
    ("btn-step", Text::new("Step", "下一步", "下一步")),
    ("play", Text::new("Play", "播放", "播放")),
    ("pause", Text::new("Pause", "暫停", "暂停")),
    ("reset", Text::new("Reset", "重設", "重置")),
    ("mode", Text::new("Mode", "模式", "模式")),
    ("view-lab", Text::new("BatchNorm1d", "BatchNorm1d", "BatchNorm1d")),
    ("view-norms", Text::new("Which axis? Other norms", "哪個軸？其他正規化", "哪个轴？其他归一化层")),
    ("view-train", Text::new("Train on digits", "用手寫數字訓練", "用手写数字训练")),
    ("layer", Text::new("Layer", "層", "层")),
    ("num-features", Text::new("num_features C", "特徵數 num_features C", "特征数 num_features C")),
    ("eps", Text::new("eps", "eps", "eps")),
    ("momentum", Text::new("momentum", "momentum", "momentum")),
    ("momentum-none", Text::new("None — cumulative average", "None——累積平均", "None——累积平均")),
    ("affine", Text::new("affine (learnable γ, β)", "affine（可學習的 γ、β）", "affine（可学习的 γ、β）")),
    ("track", Text::new("track_running_stats", "track_running_stats", "track_running_stats")),
    ("gamma-of", Text::new("γ of feature", "γ，特徵", "γ，特征")),
    ("beta-of", Text::new("β of feature", "β，特徵", "β，特征")),
    ("data", Text::new("Data", "資料", "数据")),
    ("batch-size", Text::new("batch size N", "批次大小 N", "批量大小 N")),
    ("length", Text::new("length L <small>(0 = input (N, C))</small>", "長度 L<small>（0 = 輸入 (N, C)）</small>", "长度 L<small>（0 = 输入 (N, C)）</small>")),
    ("distribution", Text::new("distribution", "分布", "分布")),
    ("dist-normal", Text::new("normal", "常態", "正态")),
    ("dist-uniform", Text::new("uniform", "均勻", "均匀")),
    ("dist-skewed", Text::new("skewed (exponential)", "偏斜（指數）", "偏态（指数）")),
    ("dist-outliers", Text::new("with outliers", "含離群值", "含离群值")),
    ("offset", Text::new("centre of feature means", "特徵平均的中心", "各特征均值的中心")),
    ("shift", Text::new("per-feature shift", "各特徵的位移", "各特征的偏移")),
    ("spread", Text::new("per-feature spread σ", "各特徵的標準差 σ", "各特征的标准差 σ")),
    ("vary", Text::new("features differ in spread", "各特徵離散程度不同", "各特征的标准差不同")),
    ("seed", Text::new("seed", "亂數種子", "随机种子")),
    ("follow", Text::new("Follow", "檢視", "查看")),
    ("feature", Text::new("feature <small>(or select one on the all-features chart)</small>", "特徵<small>（或在「全部特徵」圖表上點選一個）</small>", "特征<small>（或在“全部特征”图表上点击一个）</small>")),
    ("sample", Text::new("sample", "樣本編號", "样本编号")),
    ("sample-value", Text::new("value of this sample", "這個樣本的值", "该样本的值")),
    ("overlay", Text::new("overlay the other mode's output", "疊上另一種模式的輸出", "叠加另一种模式的输出")),
    ("cap-distribution", Text::new("One feature, before (<span class=\"in\">x</span>) and after (<span class=\"out\">y</span>) the layer: the input is shifted to mean β and rescaled to σ = |γ|·σ<sub>B</sub>/√(σ²<sub>B</sub> + eps): ≈ |γ| when the batch's variance σ²<sub>B</sub> is much larger than eps, less otherwise.", "單一特徵在這一層之前（<span class=\"in\">x</span>）與之後（<span class=\"out\">y</span>）：輸入被移到平均 β，並縮放到標準差 |γ|·σ<sub>B</sub>/√(σ²<sub>B</sub> + eps)：批次的變異數 σ²<sub>B</sub> 遠大於 eps 時約為 |γ|，否則較小。", "单个特征经过这一层之前（<span class=\"in\">x</span>）和之后（<span class=\"out\">y</span>）：输入被平移到均值 β，并缩放到标准差 |γ|·σ<sub>B</sub>/√(σ²<sub>B</sub> + eps)：批量的方差 σ²<sub>B</sub> 远大于 eps 时约为 |γ|，否则更小。")),
    ("cap-features", Text::new("All features at once: each input feature has its own mean and spread; after the layer every feature sits at mean β with σ ≈ |γ| (its own β and γ; less where its variance is not much larger than eps). Tap or click a feature to follow it, or press ← →.", "所有特徵一起看：每個輸入特徵有自己的平均與標準差；經過這一層後，每個特徵都落在平均 β、標準差 ≈ |γ|（各用自己的 β 與 γ；變異數沒有遠大於 eps 的特徵則較小）。點一下某個特徵（或按 ← →）來選取它。", "所有特征一起看：每个输入特征有自己的均值和标准差；经过这一层后，每个特征都落在均值 β、标准差 ≈ |γ|（各用自己的 β 和 γ；方差没有远大于 eps 的特征则更小）。点一下某个特征（或按 ← →）即可选中它。")),
    ("cap-running", Text::new("Running statistics: each training step moves them a fraction <i>momentum</i> of the way toward the batch's statistics (1/num_batches_tracked when momentum is None; the variance uses the unbiased one); they approach the data's true values. In eval mode they do not move.", "移動統計：每個訓練步驟把它們往批次統計移動 <i>momentum</i> 的比例（momentum 為 None 時是 1/num_batches_tracked；變異數用無偏的）；它們會接近資料的真實值。評估模式下不會移動。", "运行统计量：每个训练步把它们朝本批量的统计量移动 <i>momentum</i> 的比例（momentum 为 None 时为 1/num_batches_tracked；方差用的是无偏方差）；它们会逐渐接近数据的真实值。评估模式下它们不变。")),
    ("cap-samples-batch-eval", Text::new("Each sample of the followed feature: input x (blue) and output y (orange). In eval mode without running statistics (track_running_stats=False) the batch's own statistics normalize it, as in train mode: changing one sample moves every output.", "選取的特徵的每一個樣本：輸入 x（藍）與輸出 y（橘）。沒有移動統計時（track_running_stats=False），評估模式也和訓練模式一樣用批次自己的統計正規化：改變一個樣本，所有輸出都會動。", "选中特征的每个样本：输入 x（蓝）和输出 y（橙）。没有运行统计量时（track_running_stats=False），评估模式也和训练模式一样用批量自身的统计量归一化：改变一个样本，所有输出都会变。")),
    ("cap-running-none", Text::new("Running statistics: this layer keeps none (track_running_stats=False), so there is no running estimate to move; train and eval mode both normalize with the batch's statistics.", "移動統計：這一層沒有保存移動統計（track_running_stats=False），所以沒有移動估計會動；訓練與評估模式都用批次的統計正規化。", "运行统计量：这一层不保存运行统计量（track_running_stats=False），所以没有运行估计值会变；训练模式和评估模式都用批量的统计量归一化。")),
    ("cap-samples", Text::new("Each sample of the followed feature: input x (blue) and output y (orange). In train mode, changing one sample moves every output.", "選取的特徵的每一個樣本：輸入 x（藍）與輸出 y（橘）。訓練模式下改變一個樣本，所有輸出都會動。", "选中特征的每个样本：输入 x（蓝）和输出 y（橙）。训练模式下改变一个样本，所有输出都会变。")),
    ("cap-distribution-eval", Text::new("eval mode: the input is normalized with the <b>running</b> statistics, so the output lands at mean β and σ ≈ |γ| only as far as those match this batch.", "評估模式：輸入用<b>移動</b>統計正規化，所以輸出的平均與標準差只有在移動統計符合這個批次時才約為 β 與 |γ|。", "评估模式：输入用<b>运行</b>统计量归一化，所以只有当运行统计量与这个批量相符时，输出的均值和标准差才约为 β 和 |γ|。")),
    ("cap-features-eval", Text::new("eval mode: every feature is normalized with its running statistics; the orange row is level only as far as they match the data.", "評估模式：每個特徵用自己的移動統計正規化；橘色那一排只有在移動統計符合資料時才會整齊。", "评估模式：每个特征用自己的运行统计量归一化；只有当运行统计量与数据相符时，橙色那一行才会整齐。")),
    ("sum-distribution", Text::new("Feature {f}: input mean {xm}, σ {xs}; output mean {ym}, σ {ys}.", "特徵 {f}：輸入平均 {xm}、σ {xs}；輸出平均 {ym}、σ {ys}。", "特征 {f}：输入均值 {xm}、σ {xs}；输出均值 {ym}、σ {ys}。")),
    ("sum-features-same", Text::new("Features: {c}. Input means from {xlo} to {xhi}; output means all {ylo}.", "特徵數：{c}。輸入平均從 {xlo} 到 {xhi}；輸出平均都是 {ylo}。", "特征数：{c}。输入均值从 {xlo} 到 {xhi}；输出均值都是 {ylo}。")),
    ("sum-features", Text::new("Features: {c}. Input means from {xlo} to {xhi}; output means from {ylo} to {yhi}.", "特徵數：{c}。輸入平均從 {xlo} 到 {xhi}；輸出平均從 {ylo} 到 {yhi}。", "特征数：{c}。输入均值从 {xlo} 到 {xhi}；输出均值从 {ylo} 到 {yhi}。")),
    ("sum-running-own", Text::new("Feature {f} after step {k}: running_mean {rm}, running_var {rv} (your own data: no true values to hold them against).", "特徵 {f} 在第 {k} 步後：running_mean {rm}，running_var {rv}（你自己的資料：沒有真實值可以比較）。", "特征 {f} 第 {k} 步后：running_mean {rm}，running_var {rv}（你自己的数据：没有真实值可以比较）。")),
    ("sum-running", Text::new("Feature {f} after step {k}: running_mean {rm} (true {tm}), running_var {rv} (true {tv}).", "特徵 {f} 在第 {k} 步後：running_mean {rm}（真實值 {tm}），running_var {rv}（真實值 {tv}）。", "特征 {f} 第 {k} 步后：running_mean {rm}（真实值 {tm}），running_var {rv}（真实值 {tv}）。")),
    ("sum-samples", Text::new("{n} samples of feature {f}; sample {s}: x = {x} → y = {y}.", "特徵 {f} 的 {n} 個樣本；樣本 {s}：x = {x} → y = {y}。", "特征 {f} 的 {n} 个样本；样本 {s}：x = {x} → y = {y}。")),
    ("sum-norm-grid", Text::new("A batch of N = {n}, C = {c}, L = {l}; the chosen cell is sample {s}, feature {f}, position {p}. Values that share its mean and variance: {list}.", "一個 N = {n}、C = {c}、L = {l} 的批次；選到的格子是樣本 {s}、特徵 {f}、位置 {p}。和它共用平均與變異數的值：{list}。", "一个 N = {n}、C = {c}、L = {l} 的批量；选中的格子是样本 {s}、特征 {f}、位置 {p}。与它共用均值和方差的值：{list}。")),
    ("sum-norm-grid-nc", Text::new("A batch of N = {n}, C = {c}, shaped (N, C) (InstanceNorm1d is given it as (N, C, 1)); the chosen cell is sample {s}, feature {f}. Values that share its mean and variance: {list}.", "一個 N = {n}、C = {c} 的批次，形狀 (N, C)（InstanceNorm1d 拿到的是 (N, C, 1)）；選到的格子是樣本 {s}、特徵 {f}。和它共用平均與變異數的值：{list}。", "一个 N = {n}、C = {c} 的批量，形状为 (N, C)（InstanceNorm1d 拿到的是 (N, C, 1)）；选中的格子是样本 {s}、特征 {f}。与它共用均值和方差的值：{list}。")),
    ("sum-norm-outputs-nc", Text::new("Outputs for sample {s}, feature {f} (input {x}): {list}.", "樣本 {s}、特徵 {f} 的輸出（輸入 {x}）：{list}。", "样本 {s}、特征 {f} 的输出（输入 {x}）：{list}。")),
    ("sum-norm-outputs", Text::new("Outputs for sample {s}, feature {f}, position {p} (input {x}): {list}.", "樣本 {s}、特徵 {f}、位置 {p} 的輸出（輸入 {x}）：{list}。", "样本 {s}、特征 {f}、位置 {p} 的输出（输入 {x}）：{list}。")),
    ("sum-values", Text::new("{k} values", "{k} 個值", "{k} 个值")),
    ("sum-norm-refused", Text::new("refused: {why}", "被拒絕：{why}", "被拒绝：{why}")),
    ("sum-train-none", Text::new("No training yet: press Step.", "還沒有訓練：按「下一步」。", "还没有训练：按“下一步”。")),
    ("sum-curves", Text::new("At step {k}: training loss {a} {ma}, {b} {mb}; test accuracy at step {m}: {c} {ma}, {d} {mb}.", "第 {k} 步：訓練損失：{ma} {a}，{mb} {b}；第 {m} 步時的測試準確率：{ma} {c}，{mb} {d}。", "第 {k} 步：训练损失：{ma} {a}，{mb} {b}；第 {m} 步时的测试准确率：{ma} {c}，{mb} {d}。")),
    ("sum-percentiles", Text::new("Hidden unit {u} at step {k}, {in} (15th / 50th / 85th percentile): {ma} {a}, {mb} {b}.", "隱藏單元 {u} 在第 {k} 步，{in}（第 15／50／85 百分位數）：{ma} {a}，{mb} {b}。", "隐藏单元 {u} 在第 {k} 步，{in}（第 15／50／85 百分位数）：{ma} {a}，{mb} {b}。")),
    ("sum-sweep-none", Text::new("Learning-rate sweep not run yet: {n} rates from {lo} to {hi}, {s} steps each.", "學習率掃描還沒執行：{n} 個學習率，從 {lo} 到 {hi}，每個 {s} 步。", "学习率扫描尚未运行：{n} 个学习率，从 {lo} 到 {hi}，每个 {s} 步。")),
    ("sum-sweep", Text::new("Learning-rate sweep, {k} of {n} rates run ({s} steps each); best test accuracy {ma} {a} at lr {la}, {mb} {b} at lr {lb}.", "學習率掃描，已執行 {n} 個中的 {k} 個（每個 {s} 步）；最佳測試準確率：{ma} {a}（lr {la}），{mb} {b}（lr {lb}）。", "学习率扫描，已运行 {n} 个中的 {k} 个（每个 {s} 步）；最佳测试准确率：{ma} {a}（lr {la}），{mb} {b}（lr {lb}）。")),
    ("sum-digits", Text::new("{n} test digits: the model {ma} names {a} correctly, the one {mb} {b}.", "{n} 個測試數字：{ma}：認對 {a} 個；{mb}：認對 {b} 個。", "{n} 个测试数字：{ma}：认对 {a} 个；{mb}：认对 {b} 个。")),
    ("share", Text::new("Share", "分享", "分享")),
    ("share-title", Text::new("Open this page, with these numbers", "用一模一樣的數字打開這一頁", "用完全相同的数字打开这个页面")),
    ("share-help", Text::new("Scan the code with a phone's camera, or type the link: everyone gets the same settings and the same numbers.", "用手機相機掃描 QR 碼，或輸入連結：每個人都得到相同的設定與相同的數字。", "用手机相机扫描二维码，或输入链接：每个人都得到相同的设置和相同的数字。")),
    ("share-loopback", Text::new("This link's address (a loopback address) names this computer only: phones cannot open it. To serve the page to the room, run <code>HOST=0.0.0.0 bash .ci/serve</code> and open the address it prints, this computer's address on the room's network (if the page is served that way already, open that address instead).", "這個連結的位址（迴環位址）只指這台電腦：手機打不開。要讓整間教室都能打開，執行 <code>HOST=0.0.0.0 bash .ci/serve</code>，再打開它印出的位址，也就是這台電腦在教室網路上的位址（如果這一頁已經這樣提供，直接打開那個位址即可）。", "这个链接的地址（回环地址）只指向这台计算机：手机打不开。要让整个教室都能打开，运行 <code>HOST=0.0.0.0 bash .ci/serve</code>，再打开它打印出的地址，也就是这台计算机在教室网络上的地址（如果这个页面已经这样提供，直接打开那个地址即可）。")),
    ("share-own", Text::new("This page's data is not in the link (your CSV, or a trained model's layer: a link carries settings, not data): whoever opens it gets generated data, and other numbers.", "這一頁的資料不在連結裡（你的 CSV 或訓練後模型的那一層：連結只帶設定、不帶資料）：打開它的人會得到產生的資料和不同的數字。", "这个页面的数据不在链接里（你的 CSV 或训练好的模型中的那一层：链接只带设置、不带数据）：打开它的人会得到生成的数据和不同的数字。")),
    ("share-file", Text::new("This page was opened from a file: its link opens only on this computer, so phones cannot use the code. To share it with the room, put the file on a site the students can open, or serve the page from the project with <code>HOST=0.0.0.0 bash .ci/serve</code>.", "這一頁是從檔案打開的：它的連結只能在這台電腦上打開，手機用不了這個 QR 碼。要分享給整間教室，請把這個檔案放到學生打得開的網站上，或在專案裡執行 <code>HOST=0.0.0.0 bash .ci/serve</code> 來提供這一頁。", "这个页面是从文件打开的：它的链接只能在这台计算机上打开，手机用不了这个二维码。要分享给整个教室，请把这个文件放到学生能打开的网站上，或在项目里运行 <code>HOST=0.0.0.0 bash .ci/serve</code> 来提供这个页面。")),
    ("share-too-long", Text::new("This link is too long for a QR code: copy the link instead.", "這個連結太長，做不成 QR 碼：請改為複製連結。", "这个链接太长，无法生成二维码：请改为复制链接。")),
    ("share-qr-alt", Text::new("QR code of this page's link", "這一頁連結的 QR 碼", "这个页面链接的二维码")),
    ("download", Text::new("Download", "下載", "下载")),
    // Each chart's download buttons: "Download <which chart> as" before the visible "SVG" or
    // "PNG", so a screen reader names the chart (a dozen buttons would all be "Download SVG").
    ("dl-distribution", Text::new("Download the histograms of x and y as", "將 x 與 y 的直方圖下載為", "将 x 与 y 的直方图下载为")),
    ("dl-running", Text::new("Download the running statistics chart as", "將移動統計圖下載為", "将运行统计量图下载为")),
    ("dl-features", Text::new("Download the chart of every feature's mean and σ as", "將各特徵平均值與 σ 的圖下載為", "将各特征均值与 σ 的图下载为")),
    ("dl-samples", Text::new("Download the chart of every sample's x and y as", "將各樣本 x 與 y 的圖下載為", "将各样本 x 与 y 的图下载为")),
    ("dl-gradients", Text::new("Download the gradients chart as", "將梯度圖下載為", "将梯度图下载为")),
    ("print", Text::new("Print handout", "列印講義", "打印讲义")),
    ("settings", Text::new("Settings", "設定", "设置")),
    ("close-dialog", Text::new("Close", "關閉", "关闭")),
    ("sum-refused", Text::new("This step was refused: nothing to show.", "這一步被拒絕了：沒有可顯示的。", "这一步被拒绝了：没有可显示的内容。")),
    ("computation", Text::new("The computation, step by step", "逐步計算", "逐步计算")),
    ("code", Text::new("The same thing in PyTorch", "用 PyTorch 做同樣的計算", "用 PyTorch 实现同样的计算")),
    ("footer", Text::new("BatchNorm Playground — the numbers match PyTorch's <code>nn.BatchNorm1d</code> (tested against reference cases computed by PyTorch). Handwritten digits: E. Alpaydin and C. Kaynak, UCI Machine Learning Repository (CC BY 4.0).", "BatchNorm 遊樂場——數字與 PyTorch 的 <code>nn.BatchNorm1d</code> 一致（以 PyTorch 算出的參考案例測試）。手寫數字資料：E. Alpaydin 與 C. Kaynak，UCI Machine Learning Repository（CC BY 4.0）。", "BatchNorm 游乐场——数字与 PyTorch 的 <code>nn.BatchNorm1d</code> 一致（用 PyTorch 计算的参考用例测试）。手写数字数据：E. Alpaydin 和 C. Kaynak，UCI Machine Learning Repository（CC BY 4.0）。")),
    ("lessons", Text::new("Lessons", "課程", "课程")),
    ("lesson-none", Text::new("— choose a lesson —", "——選擇一課——", "——选择一节课——")),
    ("reveal", Text::new("Reveal the answer", "顯示答案", "显示答案")),
    ("predict", Text::new("Predict first:", "先預測：", "先预测：")),
    ("next", Text::new("Next ›", "下一頁 ›", "下一页 ›")),
    ("next-lesson", Text::new("Next lesson ›", "下一課 ›", "下一节课 ›")),
    ("back", Text::new("‹ Back", "‹ 上一頁", "‹ 上一页")),
    ("close", Text::new("Close lesson", "關閉這一課", "关闭课程")),
    ("lesson-return", Text::new("↑ Back to the lesson", "↑ 回到本課", "↑ 回到这节课")),
    ("lesson-return-short", Text::new("↑ Lesson", "↑ 本課", "↑ 这节课")),
    ("lesson-elsewhere", Text::new("This stage is on the “{view}” view.", "這一頁在「{view}」畫面。", "这一页在“{view}”视图中。")),
    ("play-paused", Text::new("Play paused: it runs only while its view is open. On “{view}”, press Play to go on.", "已停下：「播放」只在它的畫面開著時執行。回到「{view}」再按「播放」即可繼續。", "已停止：“播放”只在它的视图打开时运行。回到“{view}”再按“播放”即可继续。")),
    ("lesson-go", Text::new("Go to “{view}”", "前往「{view}」", "转到“{view}”")),
    ("presenter", Text::new("Presenter mode", "簡報模式", "演示模式")),
    ("language", Text::new("Language", "語言", "语言")),
    ("copy-link", Text::new("Copy link", "複製連結", "复制链接")),
    ("doc-title", Text::new("BatchNorm Playground — what nn.BatchNorm1d does", "BatchNorm 遊樂場：nn.BatchNorm1d 做了什麼", "BatchNorm 游乐场：nn.BatchNorm1d 做了什么")),
    ("aria-views", Text::new("Views", "畫面", "视图")),
    ("aria-run", Text::new("Run the layer", "執行這一層", "运行这一层")),
    ("speed", Text::new("speed", "速度", "速度")),
    ("steps-per-second", Text::new("steps per second", "每秒步數", "每秒步数")),
    ("aria-settings", Text::new("Settings", "設定", "设置")),
    ("loading-full", Text::new("Loading the rest of the page (the other views, the lessons, the Backward panel)…", "正在載入頁面的其餘部分（其他畫面、課程、反向傳播面板）…", "正在加载页面的其余部分（其他视图、课程、反向传播面板）…")),
    ("link-copied-only", Text::new("Link copied.", "已複製連結。", "链接已复制。")),
    ("share-replay", Text::new("This page has taken more steps than a link replays (its limit keeps the opening to a few seconds): whoever opens it gets fewer steps, and other numbers.", "這一頁走過的步數比連結能重播的多（這個上限讓開啟只需幾秒）：打開它的人會得到較少的步數和不同的數字。", "这个页面走过的步数比链接能重放的多（这个上限让打开只需几秒）：打开它的人会得到较少的步数和不同的数字。")),
    ("link-copied", Text::new("Link copied: it reproduces this page, number for number.", "已複製連結：它會重現這一頁的每個數字。", "链接已复制：它能把这一页的每个数字原样重现。")),
    ("shortcuts", Text::new("Keyboard shortcuts:", "鍵盤快捷鍵：", "键盘快捷键：")),
    ("aria-help", Text::new("Keyboard shortcuts (?)", "鍵盤快捷鍵（?）", "键盘快捷键（?）")),
    // A finished sweep's notice (Page::tick, shared code: the small module never runs one).
    ("sweep-done", Text::new("The learning-rate sweep is done. {result}", "學習率掃描完成。{result}", "学习率扫描完成。{result}")),
    ("bsweep-done", Text::new("The batch-size sweep is done. {result}", "批次大小掃描完成。{result}", "批量大小扫描完成。{result}")),
    // A sweep stopped by a change of the models it measures (their width, a preset): said, not
    // gone without a word.
    ("sweep-stopped", Text::new("The learning-rate sweep was stopped: it measures the models it was started with, and their settings changed. Run it again to measure these.", "學習率掃描已停止：它量測的是開始時的模型，而模型的設定改變了。要量測現在的模型，請再執行一次。", "学习率扫描已停止：它测量的是开始时的模型，而模型的设置改变了。要测量现在的模型，请再运行一次。")),
    ("bsweep-stopped", Text::new("The batch-size sweep was stopped: it measures the models it was started with, and their settings changed. Run it again to measure these.", "批次大小掃描已停止：它量測的是開始時的模型，而模型的設定改變了。要量測現在的模型，請再執行一次。", "批量大小扫描已停止：它测量的是开始时的模型，而模型的设置改变了。要测量现在的模型，请再运行一次。")),
    ("single-keys", Text::new("Single-key shortcuts (Space, P, R, E, ?)", "單鍵快捷鍵（Space、P、R、E、?）", "单键快捷键（Space、P、R、E、?）")),
    ("shortcut-list", Text::new("In BatchNorm1d and Train on digits: <kbd>Space</kbd> step · <kbd>P</kbd> play/pause · <kbd>R</kbd> reset. In BatchNorm1d: <kbd>E</kbd> train/eval · <kbd>←</kbd> <kbd>→</kbd> previous/next feature. In “Which axis?”: <kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> move the cell. Anywhere: <kbd>?</kbd> this list", "在 BatchNorm1d 與「用手寫數字訓練」中：<kbd>Space</kbd>「下一步」 · <kbd>P</kbd>「播放」/「暫停」 · <kbd>R</kbd>「重設」。在 BatchNorm1d 中：<kbd>E</kbd> 訓練/評估 · <kbd>←</kbd> <kbd>→</kbd> 上一個/下一個特徵。在「哪個軸？」中：<kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> 移動格子。任何地方：<kbd>?</kbd> 這份清單", "在 BatchNorm1d 和“用手写数字训练”中：<kbd>Space</kbd>“下一步” · <kbd>P</kbd>“播放”/“暂停” · <kbd>R</kbd>“重置”。在 BatchNorm1d 中：<kbd>E</kbd> 训练/评估 · <kbd>←</kbd> <kbd>→</kbd> 上一个/下一个特征。在“哪个轴？”中：<kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> 移动格子。任何地方：<kbd>?</kbd> 本列表")),
    ("own-data", Text::new("Your own data", "你自己的資料", "你自己的数据")),
    ("csv-help", Text::new("Paste a CSV batch: one row per sample, one column per feature (a header row is optional). For (N, C, L) input, give L: each row then holds C·L values, feature by feature.", "貼上 CSV 批次：每列一個樣本、每欄一個特徵（可有標題列）。(N, C, L) 輸入請填 L：每列則有 C·L 個值，依特徵排列。", "粘贴一个 CSV 批量：每行一个样本，每列一个特征（表头行可有可无）。对于 (N, C, L) 输入，请填写 L：此时每行有 C·L 个值，按特征依次排列。")),
    ("csv-text", Text::new("CSV", "CSV", "CSV")),
    ("csv-file", Text::new("or load a file", "或載入檔案", "或加载文件")),
    ("csv-length", Text::new("L per feature (0 = (N, C))", "每個特徵的 L（0 = (N, C)）", "每个特征的 L（0 = (N, C)）")),
    ("use-data", Text::new("Step with this data", "用這份資料執行一步", "用这些数据执行一步")),
    ("use-generated", Text::new("Back to generated data", "回到產生的資料", "回到生成的数据")),
    ("export", Text::new("Export", "匯出", "导出")),
    // The PyTorch code's comments.
    ("code-affine-trained", Text::new("γ and β as training left them (model A of “Train on digits”): learned, not set by hand", "γ 與 β 是訓練後的值（「用手寫數字訓練」的模型 A）：學出來的，不是手動設定的", "γ 和 β 是训练后的值（“用手写数字训练”的模型 A）：学出来的，不是手动设置的")),
    ("code-affine-trained-set", Text::new("γ and β as training left them (model A of “Train on digits”), then as set on the page", "γ 與 β 是訓練後的值（「用手寫數字訓練」的模型 A），之後照頁面上的設定修改", "γ 和 β 是训练后的值（“用手写数字训练”的模型 A），之后按页面上的设置修改")),
    ("code-affine", Text::new("γ and β as set on the page", "γ 與 β 照頁面上的設定", "γ 和 β 按页面上的设置")),
    ("code-more", Text::new("… and {k} more: {export} → bn_state.json has them all", "……還有 {k} 個：{export} → bn_state.json 裡全都有", "……还有 {k} 个：{export} → bn_state.json 中全都有")),
    ("code-train", Text::new("normalize with each batch's own statistics", "用每個批次自己的統計量正規化", "用每个批量自己的统计量归一化")),
    ("code-eval", Text::new("normalize with running_mean and running_var, set above (eval mode moves nothing)", "用上面設定的 running_mean 與 running_var 正規化（評估模式不改變任何值）", "用上面设置的 running_mean 和 running_var 归一化（评估模式不改变任何值）")),
    ("code-eval-fresh", Text::new("normalize with running_mean and running_var: still a new layer's 0 and 1 (nothing was learned yet)", "用 running_mean 與 running_var 正規化：仍是新層的 0 與 1（還沒有學到任何值）", "用 running_mean 和 running_var 归一化：仍是新层的 0 和 1（还没有学到任何值）")),
    ("code-running", Text::new("the page's layer before this pass: feature {f}'s running statistics and num_batches_tracked = {k} ({export} → bn_state.json: every feature's, after it)", "頁面上這一次前向計算之前的層：特徵 {f} 的移動統計與 num_batches_tracked = {k}（「{export}」→ bn_state.json 存的是這次計算之後所有特徵的值）", "页面上这一次前向计算之前的层：特征 {f} 的运行统计量和 num_batches_tracked = {k}（“{export}”→ bn_state.json 存的是这次计算之后所有特征的值）")),
    ("code-eval-batch", Text::new("no running statistics: still the batch's own", "沒有移動統計：仍用批次自己的", "没有运行统计量：仍用批量自己的")),
    ("code-grad-train", Text::new("as in this step (a train-mode pass does not use the running statistics)", "同這一步（訓練模式的前向計算不使用移動統計）", "与这一步相同（训练模式的前向计算不使用运行统计量）")),
    ("code-grad-eval-batch", Text::new("as in this step (without running statistics, eval mode too normalizes with the batch's own mean and variance)", "同這一步（沒有移動統計時，評估模式也用批次自己的平均與變異數來正規化）", "与这一步相同（没有运行统计量时，评估模式也用批量自己的均值和方差来归一化）")),
    ("code-grad-eval", Text::new("as in this step (eval mode uses the running statistics and does not move them)", "同這一步（評估模式使用移動統計，且不會改變它們）", "与这一步相同（评估模式使用运行统计量，且不会改变它们）")),
    ("code-grad-refused", Text::new("PyTorch refuses this forward pass, so there is no gradient: it prints its own error", "PyTorch 拒絕這次前向計算，所以沒有梯度：它會印出自己的錯誤訊息", "PyTorch 拒绝这次前向计算，所以没有梯度：它会打印出自己的错误信息")),
    ("code-float32", Text::new("PyTorch computes in float32: where x − μ cancels (x far from 0, little spread), its last digits differ; read the relative difference", "PyTorch 以 float32 計算：x − μ 相消時（x 離 0 很遠、分散很小），最後幾位數會不同；請看相對差異", "PyTorch 以 float32 计算：x − μ 相互抵消时（x 远离 0、离散程度很小），最后几位数字会不同；请看相对差异")),
    ("code-var", Text::new("the output's variance ÷m and ÷(m − 1), as under the step-by-step table", "輸出的變異數，除以 m 與除以 m − 1，與逐步計算表下方的相同", "输出的方差，除以 m 和除以 m − 1，与逐步计算表下方的一致")),
    ("code-var-eval", Text::new("the output's variance ÷m and ÷(m − 1)", "輸出的變異數，除以 m 與除以 m − 1", "输出的方差，除以 m 和除以 m − 1")),
    // The fold snippet's (in shared code: src/export.rs).
    ("code-two-files", Text::new("run it in the folder that holds the two files the buttons above save", "在存有上面兩個按鈕所存檔案的目錄中執行", "在存有上面两个按钮所保存文件的目录中运行")),
    ("code-fuse", Text::new("PyTorch's own folding", "PyTorch 自己的折疊", "PyTorch 自己的折叠")),
    ("code-any-images", Text::new("any images: pixels/16 are in [0, 1]", "任意圖片：像素/16 都在 [0, 1] 之間", "任意图像：像素/16 都在 [0, 1] 之间")),
    ("code-exact-values", Text::new("your own batch (or values set by hand), value for value: this prints the page's numbers", "你自己的批次（或手動設定的數值），逐一照抄：印出的就是頁面上的數字", "你自己的批量（或手动设置的数值），逐一照抄：打印出的就是页面上的数字")),
    ("code-exact-batch", Text::new("your own batch or values set by hand: the page's numbers depend on these exact values, so this batch only has their shape; \"{own}\" gives a snippet that reproduces the page", "你自己的批次或手動設定的數值：頁面上的數字取決於這些確切的數值，所以這個批次只有相同的形狀；「{own}」提供能重現頁面的程式碼", "你自己的批量或手动设置的数值：页面上的数字取决于这些确切的数值，所以这个批量只有相同的形状；“{own}”提供能重现页面的代码")),
    ("code-sample", Text::new("another batch from the page's distribution (Data): the variances and running statistics printed below match the page's up to the randomness of a different batch; \"{export}\" gives a snippet that reproduces the page exactly", "從頁面的分布（資料）抽出的另一個批次：下面印出的變異數與移動統計和頁面上的數值只因批次不同而有隨機差異；「{export}」提供能完全重現頁面的程式碼", "从页面的分布（数据）抽取的另一个批量：下面打印出的方差和运行统计量与页面上的数值仅因批量不同而存在随机差异；“{export}”提供能完全重现页面的代码")),
    ("code-sample-var", Text::new("another batch from the page's distribution (Data): the variances printed below match the page's up to the randomness of a different batch; \"{export}\" gives a snippet that reproduces the page exactly", "從頁面的分布（資料）抽出的另一個批次：下面印出的變異數和頁面上的數值只因批次不同而有隨機差異；「{export}」提供能完全重現頁面的程式碼", "从页面的分布（数据）抽取的另一个批量：下面打印出的方差与页面上的数值仅因批量不同而存在随机差异；“{export}”提供能完全重现页面的代码")),
    ("code-sample-one", Text::new("another batch from the page's distribution (Data): the value printed below matches the page's up to the randomness of a different batch; \"{export}\" gives a snippet that reproduces the page exactly", "從頁面的分布（資料）抽出的另一個批次：下面印出的值和頁面上的數值只因批次不同而有隨機差異；「{export}」提供能完全重現頁面的程式碼", "从页面的分布（数据）抽取的另一个批量：下面打印出的值与页面上的数值仅因批量不同而存在随机差异；“{export}”提供能完全重现页面的代码")),
    ("code-means", Text::new("each feature's mean and σ, drawn as the page draws them", "每個特徵的平均與 σ，照頁面的方式抽出", "每个特征的均值和 σ，按页面的方式抽取")),
    ("code-followed", Text::new("feature {f}, the one printed, as the page drew it", "特徵 {f}（印出的那個）照頁面抽出的值", "特征 {f}（打印的那个）按页面抽取的值")),
    ("code-one", Text::new("one value per feature (N·L = 1): its variance is 0 ÷ 1 = 0 and 0 ÷ 0 is NaN, so the value itself", "每個特徵只有一個值（N·L = 1）：變異數是 0 ÷ 1 = 0，而 0 ÷ 0 是 NaN，所以印出這個值本身", "每个特征只有一个值（N·L = 1）：方差是 0 ÷ 1 = 0，而 0 ÷ 0 是 NaN，所以打印这个值本身")),
    ("code-status", Text::new("the page's status line", "頁面的狀態列", "页面的状态栏")),
    ("code-status-counted", Text::new("the page's status line: the refused batch was counted (num_batches_tracked = {k}), running_mean and running_var did not move", "頁面的狀態列：被拒絕的批次也計入了（num_batches_tracked = {k}），running_mean 與 running_var 沒有動", "页面的状态栏：被拒绝的批量也计入了（num_batches_tracked = {k}），running_mean 和 running_var 没有变")),
    ("code-refused", Text::new("PyTorch refuses this batch as the page did (the red box): its words", "PyTorch 和頁面一樣拒絕這個批次（紅框）：印出它的訊息", "PyTorch 和页面一样拒绝这个批量（红框）：打印它的报错信息")),
    ("code-sample-refused", Text::new("another batch of this shape from the page's distribution (Data): PyTorch refuses any batch of this shape; \"{export}\" → bn_input.csv holds the page's own", "從頁面的分布（資料）抽出的另一個同形狀批次：PyTorch 拒絕任何這種形狀的批次；「{export}」→ bn_input.csv 是頁面上的那一個", "从页面的分布（数据）抽取的另一个同形状批量：PyTorch 拒绝任何这种形状的批量；“{export}”→ bn_input.csv 是页面上的那一个")),
    ("export-state", Text::new("state_dict (JSON)", "state_dict（JSON）", "state_dict（JSON）")),
    ("export-output", Text::new("output (CSV)", "輸出（CSV）", "输出（CSV）")),
    ("export-help", Text::new("Check the page in PyTorch:", "在 PyTorch 裡驗證這一頁：", "在 PyTorch 中验证这一页：")),
    ("new-layer", Text::new("A new layer: <code>{ctor}</code>. As when you build it again in PyTorch, it starts over{fresh}.", "新的一層：<code>{ctor}</code>。就像在 PyTorch 裡重新建立它，一切重來{fresh}。", "新的一层：<code>{ctor}</code>。就像在 PyTorch 中重新创建它一样，一切从头开始{fresh}。")),
    ("csv-float32-digits", Text::new("Feature {f}'s values are large next to their spread (mean {m}, σ {s}): PyTorch's float32 sums lose digits there, so its numbers can differ from the page's. Subtract each column's mean first to compare them.", "特徵 {f} 的數值比它們的離散程度大得多（平均 {m}，σ {s}）：PyTorch 的 float32 加總在這裡會失去位數，所以它的數字可能和這個頁面的不同。要比較，請先把每一欄減去它的平均。", "特征 {f} 的数值比它们的离散程度大得多（均值 {m}，σ {s}）：PyTorch 的 float32 求和在这里会丢失位数，所以它的数字可能和本页面的不同。要比较，请先把每一列减去它的均值。")),
    ("csv-float32-overflow", Text::new("Feature {f}'s squared deviations add up past float32's range (about 3.4e38): PyTorch's variance can overflow to inf there, so its numbers can differ from the page's.", "特徵 {f} 的離差平方加起來超出 float32 的範圍（約 3.4e38）：PyTorch 的變異數在這裡可能溢位成 inf，所以它的數字可能和這個頁面的不同。", "特征 {f} 的离差平方加起来超出 float32 的范围（约 3.4e38）：PyTorch 的方差在这里可能溢出为 inf，所以它的数字可能和本页面的不同。")),
    ("new-data", Text::new("New data: the page starts over with it, from Step 1 and a new <code>{ctor}</code>{fresh}. (A layer in PyTorch keeps its state when the data changes; the page gives each data source a run of its own.)", "新的資料：頁面用它從第 1 步重新開始，用一個新的 <code>{ctor}</code>{fresh}。（在 PyTorch 裡，資料改變時層會保留它的狀態；這個頁面讓每個資料來源各跑一次。）", "新的数据：页面用它从第 1 步重新开始，使用一个新的 <code>{ctor}</code>{fresh}。（在 PyTorch 中，数据改变时层会保留它的状态；本页面让每个数据来源各自运行一次。）")),
    ("fresh-both", Text::new(": fresh running statistics, γ = 1, β = 0", "：新的移動統計，γ = 1、β = 0", "：新的运行统计量，γ = 1、β = 0")),
    ("fresh-stats", Text::new(": fresh running statistics", "：新的移動統計", "：新的运行统计量")),
    ("fresh-affine", Text::new(": γ = 1, β = 0", "：γ = 1、β = 0", "：γ = 1、β = 0")),
    ("t-batch", Text::new("batch size (2 … 256)", "批次大小（2 … 256）", "批量大小（2 … 256）")),
    ("t-probe", Text::new("probe along the gradient every 10 steps (slower)", "每 10 步沿梯度探測（較慢）", "每 10 步沿梯度探测（较慢）")),
    ("t-noise-help", Text::new("Applies only when model B has BatchNorm1d.", "只在模型 B 有 BatchNorm1d 時才有作用。", "仅在模型 B 有 BatchNorm1d 时才起作用。")),
    ("t-noise", Text::new("noise after model B's BatchNorm1d", "模型 B 的 BatchNorm1d 之後加的雜訊", "模型 B 的 BatchNorm1d 之后加的噪声")),
    ("t-bs-epochs", Text::new("epochs per run", "每次執行的 epoch 數", "每次运行的 epoch 数")),
    ("papers", Text::new("The papers, measured", "論文的結果，實際量測", "论文的结果，实际测量")),
    ("code-noisy", Text::new("PyTorch has no noisy BatchNorm1d: the page adds, after each BatchNorm1d of model B, random per-unit scales and shifts of strength {n}, shared by the batch and new every step (after Santurkar et al. 2018, Fig. 2, whose noise also varied from sample to sample)", "PyTorch 沒有加雜訊的 BatchNorm1d：頁面在模型 B 的每個 BatchNorm1d 之後，加上強度 {n}、整個批次共用、每一步都重新抽的逐單元隨機縮放與平移（仿 Santurkar 等人 2018 的圖 2，其雜訊還逐樣本不同）", "PyTorch 没有加噪声的 BatchNorm1d：页面在模型 B 的每个 BatchNorm1d 之后，加上强度 {n}、整个批量共用、每一步都重新抽取的逐单元随机缩放和平移（仿 Santurkar 等人 2018 的图 2，其噪声还逐样本不同）")),
    ("with noisy BatchNorm1d", Text::new("with noisy BatchNorm1d", "有加雜訊的 BatchNorm1d", "有加噪声的 BatchNorm1d")),
    ("t-preset", Text::new("preset", "範例網路", "示例网络")),
    ("t-depth", Text::new("hidden layers (1 … 6)", "隱藏層數（1 … 6）", "隐藏层数（1 … 6）")),
    ("t-width", Text::new("units per hidden layer", "每個隱藏層的單元數", "每个隐藏层的单元数")),
    ("t-activation", Text::new("activation", "激勵函數", "激活函数")),
    ("t-norm-a", Text::new("model A: after each Linear", "模型 A：每個 Linear 之後", "模型 A：每个 Linear 之后")),
    ("t-norm-b", Text::new("model B: after each Linear", "模型 B：每個 Linear 之後", "模型 B：每个 Linear 之后")),
    ("t-groups", Text::new("GroupNorm groups (divide the width)", "GroupNorm 群組數（須整除單元數）", "GroupNorm 组数（须整除单元数）")),
    ("input to sigmoid", Text::new("input to sigmoid", "sigmoid 的輸入", "sigmoid 的输入")),
    ("lesson-fold-unfoldable", Text::new("Nothing to fold in the Train view now: {why} Choose the preset “the tutorial's model” to see the fold this stage describes.", "現在訓練畫面沒有可以折疊的：{why}選擇範例網路「教學的模型」，就能看到這一頁說的折疊。", "现在训练视图中没有可以折叠的：{why}选择示例网络“教程的模型”，就能看到这一页说的折叠。")),
    ("fold-untrained", Text::new("Step 0: nothing has trained yet. γ = 1, β = 0, running_mean = 0 and running_var = 1, so W′ = W/√(1 + eps) and b′ = b₀/√(1 + eps): the fold changes almost nothing. Press Step a few times (or Play) to fold a trained layer.", "還沒有訓練（0 步）：γ = 1、β = 0、running_mean = 0、running_var = 1，所以 W′ = W/√(1 + eps)、b′ = b₀/√(1 + eps)：折疊幾乎沒有改變什麼。按幾次「下一步」（或「播放」），再折疊訓練過的層。", "还没有训练（0 步）：γ = 1、β = 0、running_mean = 0、running_var = 1，所以 W′ = W/√(1 + eps)、b′ = b₀/√(1 + eps)：折叠几乎没有改变什么。按几次“下一步”（或“播放”），再折叠训练过的层。")),
    ("fold-tutorial-only", Text::new("Folding is shown for the tutorial's kind of model: Linear, BatchNorm1d, ReLU, Linear (model A with BatchNorm1d, one hidden layer, ReLU).", "折疊只對教學那種模型顯示：Linear、BatchNorm1d、ReLU、Linear（模型 A 有 BatchNorm1d、一個隱藏層、ReLU）。", "折叠只对教程那种模型显示：Linear、BatchNorm1d、ReLU、Linear（模型 A 有 BatchNorm1d、一个隐藏层、ReLU）。")),
    ("n-l", Text::new("L (1 = input (N, C))", "L（1 = 輸入 (N, C)）", "L（1 = 输入 (N, C)）")),
    ("n-g", Text::new("GroupNorm groups G", "GroupNorm 的群組數 G", "GroupNorm 的组数 G")),
    ("chart-refused", Text::new("Nothing to draw: this batch was refused, so there is no output y (the red box above says why).", "沒有可畫的：這個批次被拒絕了，所以沒有輸出 y（上方紅框說明原因）。", "没有可画的内容：这个批量被拒绝了，所以没有输出 y（上方红框说明了原因）。")),
    ("edited-step", Text::new("redone on the edited batch, running statistics too", "以修改後的批次重做，移動統計也跟著變", "用修改后的批量重做，运行统计量也随之改变")),
    // The span says where the batch size is, only where the settings are folded (one column: style.css).
    ("start-here", Text::new("Start here: press <b>Step</b> and watch the running statistics move; switch to <code>bn.eval()</code>; set the batch size to 1<span class=\"where-folded\"> (in Settings, below)</span> — or open a Lesson.", "從這裡開始：按<b>「下一步」</b>，看移動統計怎麼動；切換到 <code>bn.eval()</code>；把批次大小設成 1<span class=\"where-folded\">（在下方「設定」裡）</span>——或打開一堂課程。", "从这里开始：按<b>“下一步”</b>，观察运行统计量如何变化；切换到 <code>bn.eval()</code>；把批量大小设为 1<span class=\"where-folded\">（在下方“设置”里）</span>——或者打开一节课程。")),
    ("more-tools", Text::new("More", "更多", "更多")),
    ("cap-samples-eval", Text::new("Each sample of the followed feature: input x (blue) and output y (orange). In eval mode each sample is normalized on its own: changing one moves only its own output.", "選取的特徵的每一個樣本：輸入 x（藍）與輸出 y（橘）。評估模式下每個樣本各自正規化：改變一個樣本只會動到它自己的輸出。", "选中特征的每个样本：输入 x（蓝）和输出 y（橙）。评估模式下每个样本各自归一化：改变一个样本只会改变它自己的输出。")),
    ("y before your change", Text::new("y before your change", "改變前的 y", "改变前的 y")),
    ("cell-nc-position", Text::new("An input (N, C) (L = 1) has no positions: the last number is 0.", "輸入 (N, C)（L = 1）沒有位置：最後一個數是 0。", "输入 (N, C)（L = 1）没有位置：最后一个数是 0。")),
    ("own-data-reload", Text::new("A reload does not keep your own data (your CSV, or a trained model's layer): the page now shows generated data. Choose the file again to go on with yours.", "重新載入不會保留你自己的資料（你的 CSV 或訓練後模型的那一層）：頁面現在顯示產生的資料。要繼續用你的資料，請再選一次檔案。", "重新加载不会保留你自己的数据（你的 CSV 或训练好的模型中的那一层）：页面现在显示生成的数据。要继续使用你的数据，请重新选择文件。")),
    ("own-data-link", Text::new("own=1 (this link was made with data a link cannot carry — your CSV or a trained model's layer — so it shows generated data)", "own=1（這個連結用了連結無法攜帶的資料——你的 CSV 或訓練後模型的那一層——所以改顯示產生的資料）", "own=1（这个链接用到了链接无法携带的数据——你的 CSV 或训练好的模型中的那一层——所以改为显示生成的数据）")),
    ("backward", Text::new("Backward: where the gradient goes", "反向傳播：梯度往哪裡去", "反向传播：梯度流向哪里")),
    ("upstream", Text::new("upstream gradient ∂L/∂y", "上游梯度 ∂L/∂y", "上游梯度 ∂L/∂y")),
    ("up-one", Text::new("one output: L = y[sample, feature]", "一個輸出：L = y[樣本, 特徵]", "一个输出：L = y[样本, 特征]")),
    ("up-pull", Text::new("pull toward a target: L = ½‖y[:, feature] − t‖²", "拉向目標：L = ½‖y[:, 特徵] − t‖²", "拉向目标：L = ½‖y[:, 特征] − t‖²")),
    ("up-random", Text::new("random weights: L = Σ w·y", "隨機權重：L = Σ w·y", "随机权重：L = Σ w·y")),
    ("grad-exports", Text::new("Check the gradients with autograd:", "用 autograd 檢查梯度：", "用 autograd 检查梯度：")),
    ("sum-gradients", Text::new("Feature {f}: ∂L/∂x of its {n} values; the largest is {m} in size, and they sum to {s}.", "特徵 {f}：它的 {n} 個值的 ∂L/∂x；最大的絕對值是 {m}，總和是 {s}。", "特征 {f}：它的 {n} 个值的 ∂L/∂x；最大的绝对值是 {m}，总和是 {s}。")),
    ("csv-read", Text::new("Read a batch of shape {shape}, one row per sample, columns separated by commas (a decimal comma, as in 1,5, would be read as two columns).", "讀到形狀為 {shape} 的批次，每列一個樣本，欄位以逗號分隔（像 1,5 這樣的小數逗號會被當成兩欄）。", "读到形状为 {shape} 的批量，每行一个样本，列之间用逗号分隔（像 1,5 这样的小数逗号会被当成两列）。")),
    ("log-scale", Text::new("log scale,", "對數刻度，", "对数刻度，")),
    ("link-stopped", Text::new("Stopped opening the link at step {k} of {n}: you took over.", "在第 {k} 步（共 {n} 步）停止打開連結：由你接手。", "在第 {k} 步（共 {n} 步）停止打开链接：由你接手。")),
    ("opening-reload", Text::new("Reopening the page: your steps are redone, step {k} of {n}; what you do meanwhile follows", "正在重新打開頁面：重做你的步驟，第 {k} 步（共 {n} 步）；這期間的操作會在之後執行", "正在重新打开页面：重做你的步骤，第 {k} 步（共 {n} 步）；这期间的操作会在之后执行")),
    ("opening-link", Text::new("Opening the link: step {k} of {n}", "正在打開連結：第 {k} 步（共 {n} 步）", "正在打开链接：第 {k} 步（共 {n} 步）")),
    ("link-stopped-actions", Text::new("Stopped opening the link after {k} of its {n} actions: you took over.", "已停止打開連結：做了 {k} 個動作（共 {n} 個），由你接手。", "已停止打开链接：做了 {k} 个动作（共 {n} 个），由你接手。")),
    ("opening-reload-actions", Text::new("Reopening the page: your actions are redone, {k} of {n}; what you do meanwhile follows", "正在重新打開頁面：重做你的動作，已完成 {k} 個（共 {n} 個）；這期間的操作會在之後執行", "正在重新打开页面：重做你的动作，已完成 {k} 个（共 {n} 个）；这期间的操作会在之后执行")),
    ("opening-link-actions", Text::new("Opening the link: {k} of its {n} actions done", "正在打開連結：已完成 {k} 個動作（共 {n} 個）", "正在打开链接：已完成 {k} 个动作（共 {n} 个）")),
    ("opening-handover-actions", Text::new("Loading the rest of the page: your actions are redone, {k} of {n}; what you do meanwhile follows", "正在載入頁面的其餘部分：重做你的動作，已完成 {k} 個（共 {n} 個）；這期間的操作會在之後執行", "正在加载页面的其余部分：重做你的动作，已完成 {k} 个（共 {n} 个）；这期间的操作会在之后执行")),
    ("file-writing", Text::new("Writing {file}", "正在寫入 {file}", "正在写入 {file}")),
    ("csv-reading", Text::new("Reading your CSV", "正在讀取你的 CSV", "正在读取你的 CSV")),
    ("csv-stopped", Text::new("Stopped reading the CSV: you took over, and it was not used.", "已停止讀取 CSV：由你接手，這份 CSV 沒有被使用。", "已停止读取 CSV：由你接手，这份 CSV 没有被使用。")),
    ("step-waiting", Text::new("Step {k}: making its batch", "第 {k} 步：正在產生它的批次", "第 {k} 步：正在生成它的批量")),
    ("weights-waiting", Text::new("Making the random weights w of ∂L/∂y for the Backward panel", "正在為反向傳播面板產生 ∂L/∂y 的隨機權重 w", "正在为反向传播面板生成 ∂L/∂y 的随机权重 w")),
    ("resize-waiting", Text::new("Making the new batch, of shape {shape}", "正在產生形狀為 {shape} 的新批次", "正在生成形状为 {shape} 的新批量")),
    ("opening-handover", Text::new("Loading the rest of the page: your steps are redone, step {k} of {n}; what you do meanwhile follows", "正在載入頁面的其餘部分：重做你的步驟，第 {k} 步（共 {n} 步）；這期間的操作會在之後執行", "正在加载页面的其余部分：重做你的步骤，第 {k} 步（共 {n} 步）；这期间的操作会在之后执行")),
    ("link-do-refused", Text::new("do=: the page replayed only the actions before {token}: {why}", "do=：頁面只重播了 {token} 之前的動作：{why}", "do=：页面只重放了 {token} 之前的动作：{why}")),
    ("link-notes-more", Text::new("and {k} more", "另外還有 {k} 個", "另外还有 {k} 个")),
    ("link-notes", Text::new("Some parts of the link could not be used and were left at their defaults:", "連結中有些部分無法使用，已改用預設值：", "链接中有些部分无法使用，已改用默认值：")),
    // Text Rust writes: the status line and the step-by-step
    ("Step {k}", Text::new("Step {k}", "第 {k} 步", "第 {k} 步")),
    ("train mode", Text::new("train mode", "訓練模式", "训练模式")),
    ("num_batches_tracked = {k}{own} · feature {f}: running_mean = {m}, running_var = {v}", Text::new("num_batches_tracked = {k}{own} · feature {f}: running_mean = {m}, running_var = {v}", "num_batches_tracked = {k}{own} · 特徵 {f}：running_mean = {m}，running_var = {v}", "num_batches_tracked = {k}{own} · 特征 {f}：running_mean = {m}，running_var = {v}")),
    // Beside num_batches_tracked when it is not the page's step count (eval-mode steps, a trained
    // layer opened from the Train view): which count is which.
    ("layer-count", Text::new("the layer's own count of train-mode batches, not the page's steps", "這一層自己在訓練模式計入的批次數，不是頁面的步數", "这一层自己在训练模式下计入的批量数，不是页面的步数")),
    ("eval mode", Text::new("eval mode", "評估模式", "评估模式")),
    ("refused", Text::new("refused", "已拒絕", "已拒绝")),
    ("table-eval-pass", Text::new("(The last pass, made in eval mode: <code>bn.train()</code> takes effect at the next <b>Step</b>.)", "（這是上一次在評估模式下的前向計算：<code>bn.train()</code> 要到按<b>「下一步」</b>才生效。）", "（这是上一次在评估模式下的前向计算：<code>bn.train()</code> 要到按<b>“下一步”</b>才生效。）")),
    ("shown-eval-pass", Text::new("the charts still show the last pass, made in eval mode: Step runs one in train mode", "圖表仍是上一次在評估模式下的前向計算：按「下一步」才會以訓練模式執行一次", "图表仍是上一次在评估模式下的前向计算：点击“下一步”才会以训练模式运行一次")),
    ("no running statistics (track_running_stats=False)", Text::new("no running statistics (track_running_stats=False)", "沒有移動統計（track_running_stats=False）", "没有运行统计量（track_running_stats=False）")),
    ("step", Text::new("step", "步驟", "步骤")),
    ("steps", Text::new("steps", "步數", "步数")),
    ("formula", Text::new("formula", "公式", "公式")),
    ("with the numbers", Text::new("with the numbers", "代入數字", "代入数值")),
    ("value", Text::new("value", "值", "值")),
    ("values per feature", Text::new("values per feature", "每個特徵的值數", "每个特征的值个数")),
    ("this sample's value", Text::new("this sample's value", "這個樣本的值", "该样本的值")),
    ("batch mean", Text::new("batch mean", "批次平均", "批量均值")),
    ("batch variance (biased)", Text::new("batch variance (biased)", "批次變異數（有偏）", "批量方差（有偏）")),
    ("batch variance (unbiased)", Text::new("batch variance (unbiased)", "批次變異數（無偏）", "批量方差（无偏）")),
    ("divides by m: this is what BatchNorm normalizes with", Text::new("divides by m: this is what BatchNorm normalizes with", "除以 m：BatchNorm 用它來正規化", "除以 m：BatchNorm 用它来归一化")),
    ("divides by m − 1: what torch.var prints, and what running_var averages", Text::new("divides by m − 1: what torch.var prints, and what running_var averages", "除以 m − 1：torch.var 印出的值，也是 running_var 平均的對象", "除以 m − 1：torch.var 打印的值，也是 running_var 所平均的量")),
    ("divides by m − 1: what torch.var prints (no running_var is kept here)", Text::new("divides by m − 1: what torch.var prints (no running_var is kept here)", "除以 m − 1：torch.var 印出的值（這裡不保留 running_var）", "除以 m − 1：torch.var 打印的值（这里不保留 running_var）")),
    ("running mean (used)", Text::new("running mean (used)", "移動平均（使用中）", "运行均值（使用中）")),
    ("running variance (used)", Text::new("running variance (used)", "移動變異數（使用中）", "运行方差（使用中）")),
    ("kept from training", Text::new("kept from training", "訓練時累積的", "训练时累积的")),
    ("eval mode normalizes with the running statistics", Text::new("eval mode normalizes with the running statistics", "評估模式用移動統計來正規化", "评估模式用运行统计量归一化")),
    ("scale", Text::new("scale", "縮放", "缩放系数")),
    ("normalized", Text::new("normalized", "正規化後", "归一化后")),
    ("output", Text::new("output", "輸出", "输出")),
    ("affine=False: no γ, β", Text::new("affine=False: no γ, β", "affine=False：沒有 γ、β", "affine=False：没有 γ、β")),
    ("update factor", Text::new("update factor", "更新係數", "更新系数")),
    ("weight of the new batch; the old value keeps 1 − f", Text::new("weight of the new batch; the old value keeps 1 − f", "新批次的權重；舊值保留 1 − f", "新批量的权重；旧值保留 1 − f")),
    ("running mean", Text::new("running mean", "移動平均", "运行均值")),
    ("running variance", Text::new("running variance", "移動變異數", "运行方差")),
    ("uses the unbiased s², not σ²_B", Text::new("uses the unbiased s², not σ²<sub>B</sub>", "用無偏的 s²，不是 σ²<sub>B</sub>", "用无偏的 s²，而不是 σ²<sub>B</sub>")),
    ("not used in eval mode: shown to compare", Text::new("not used in eval mode: shown to compare", "評估模式不使用：僅供比較", "评估模式不使用：仅供比较")),
    ("eps-note", Text::new("Here eps is not small next to σ²<sub>B</sub>, so the output's variance is only σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio} of γ².", "這裡 eps 相對 σ²<sub>B</sub> 不算小，所以輸出的變異數只有 γ² 的 σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio}。", "这里 eps 相对于 σ²<sub>B</sub> 不算小，所以输出的方差只有 γ² 的 σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio}。")),
    ("eps-note-one", Text::new("Here eps is not small next to σ²<sub>B</sub>, so the output's variance is only σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio}, not 1.", "這裡 eps 相對 σ²<sub>B</sub> 不算小，所以輸出的變異數只有 σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio}，而不是 1。", "这里 eps 相对于 σ²<sub>B</sub> 不算小，所以输出的方差只有 σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio}，而不是 1。")),
    ("batches counted", Text::new("batches counted", "已追蹤的批次數", "已跟踪的批量数")),
    ("running statistics", Text::new("running statistics", "移動統計", "运行统计量")),
    ("track_running_stats=False: none kept", Text::new("track_running_stats=False: none kept", "track_running_stats=False：不保留", "track_running_stats=False：不保留")),
    ("unchanged", Text::new("unchanged", "不變", "不变")),
    ("eval mode updates nothing", Text::new("eval mode updates nothing", "評估模式不更新任何東西", "评估模式不更新任何量")),
    ("Press <b>Step</b> to draw a batch.", Text::new("Press <b>Step</b> to draw a batch.", "按<b>「下一步」</b>抽一個批次。", "按<b>“下一步”</b>抽取一个批量。")),
    ("{who}: normalized with <b>this batch's</b> statistics, so every sample's output depends on the others.", Text::new("{who}: normalized with <b>this batch's</b> statistics, so every sample's output depends on the others.", "{who}：用<b>這個批次自己</b>的統計正規化，所以每個樣本的輸出都取決於其他樣本。", "{who}：用<b>本批量</b>的统计量归一化，所以每个样本的输出都依赖于其他样本。")),
    ("{who}: no running statistics (track_running_stats=False), so even eval uses this batch's statistics.", Text::new("{who}: no running statistics (track_running_stats=False), so even eval uses this batch's statistics.", "{who}：沒有移動統計（track_running_stats=False），所以評估模式也用這個批次的統計。", "{who}：没有运行统计量（track_running_stats=False），所以评估模式也用本批量的统计量。")),
    ("{who}: normalized with the <b>running</b> statistics; each sample is on its own and nothing is updated.", Text::new("{who}: normalized with the <b>running</b> statistics; each sample is on its own and nothing is updated.", "{who}：用<b>移動</b>統計正規化；每個樣本各自獨立，什麼都不更新。", "{who}：用<b>运行</b>统计量归一化；每个样本各自独立，不更新任何量。")),
    ("feature {f}, sample {s}", Text::new("feature {f}, sample {s}", "特徵 {f}、樣本 {s}", "特征 {f}、样本 {s}")),
    ("Variance of this feature's output y: <b>{biased}</b> dividing by m = {m}{gamma}, but <b>{unbiased}</b> dividing by m − 1 = {m1} — the number <code>{call}</code> prints, because <code>torch.var</code> is unbiased by default.", Text::new("Variance of this feature's output y: <b>{biased}</b> dividing by m = {m}{gamma}, but <b>{unbiased}</b> dividing by m − 1 = {m1} — the number <code>{call}</code> prints, because <code>torch.var</code> is unbiased by default.", "這個特徵輸出 y 的變異數：除以 m = {m} 得 <b>{biased}</b>{gamma}，但除以 m − 1 = {m1} 得 <b>{unbiased}</b>——這就是 <code>{call}</code> 印出的數，因為 <code>torch.var</code> 預設是無偏的。", "这个特征输出 y 的方差：除以 m = {m} 得 <b>{biased}</b>{gamma}，但除以 m − 1 = {m1} 得 <b>{unbiased}</b>——这正是 <code>{call}</code> 打印的数，因为 <code>torch.var</code> 默认是无偏的。")),
    ("var-gamma", Text::new(" (what BatchNorm makes ≈ γ²)", "（BatchNorm 讓它 ≈ γ²）", "（BatchNorm 使它 ≈ γ²）")),
    ("pytorch-order-same", Text::new("PyTorch computes y as x · α + β′ (α = γ · {scale}, β′ = β − μ · α) in float32; x and μ share their first digits, so x · α and β′ nearly cancel (here without changing the digits shown). PyTorch sums the batch in float32 too, split among the CPU's threads, so its μ, and these last digits, can differ from one machine to another.", "PyTorch 以 float32 計算 y = x · α + β′（α = γ · {scale}，β′ = β − μ · α）；x 與 μ 的前幾位數相同，x · α 與 β′ 幾乎相消（這裡未改變顯示的位數）。PyTorch 也以 float32 加總整批資料，並分給 CPU 的各執行緒，所以它的 μ 與這最後幾位數可能因機器而不同。", "PyTorch 以 float32 计算 y = x · α + β′（α = γ · {scale}，β′ = β − μ · α）；x 与 μ 的前几位数字相同，x · α 与 β′ 几乎相互抵消（这里未改变所显示的数字）。PyTorch 也以 float32 对整批数据求和，并分给 CPU 的各个线程，所以它的 μ 和这最后几位数字可能因机器而异。")),
    ("pytorch-order", Text::new("PyTorch computes y as x · α + β′ (α = γ · {scale}, β′ = β − μ · α) in float32; x and μ share their first digits, so x · α and β′ nearly cancel and y keeps their rounding: γ · x̂ + β gives {exact}. PyTorch sums the batch in float32 too, split among the CPU's threads, so its μ, and these last digits, can differ from one machine to another.", "PyTorch 以 float32 計算 y = x · α + β′（α = γ · {scale}，β′ = β − μ · α）；x 與 μ 的前幾位數相同，x · α 與 β′ 幾乎相消，y 保留了它們的捨入誤差：γ · x̂ + β 則是 {exact}。PyTorch 也以 float32 加總整批資料，並分給 CPU 的各執行緒，所以它的 μ 與這最後幾位數可能因機器而不同。", "PyTorch 以 float32 计算 y = x · α + β′（α = γ · {scale}，β′ = β − μ · α）；x 与 μ 的前几位数字相同，x · α 与 β′ 几乎相互抵消，y 保留了它们的舍入误差：γ · x̂ + β 则是 {exact}。PyTorch 也以 float32 对整批数据求和，并分给 CPU 的各个线程，所以它的 μ 和这最后几位数字可能因机器而异。")),
    ("var-one", Text::new(" (what BatchNorm makes ≈ 1: affine=False, no γ)", "（BatchNorm 讓它 ≈ 1：affine=False，沒有 γ）", "（BatchNorm 使它 ≈ 1：affine=False，没有 γ）")),
    ("This step was refused.", Text::new("This step was refused.", "這一步被拒絕了。", "这一步被拒绝了。")),
    ("PyTorch raises:", Text::new("PyTorch raises:", "PyTorch 會丟出：", "PyTorch 会抛出：")),
    ("Note: PyTorch adds 1 to <code>num_batches_tracked</code> <b>before</b> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.", Text::new("Note: PyTorch adds 1 to <code>num_batches_tracked</code> <b>before</b> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.", "注意：PyTorch 在檢查批次<b>之前</b>就把 <code>num_batches_tracked</code> 加 1，所以被拒絕的批次仍被計入（現在是 {k}）；running_mean 與 running_var 沒有變。本頁也一樣。", "注意：PyTorch 在检查批量<b>之前</b>就把 <code>num_batches_tracked</code> 加 1，所以被拒绝的批量仍被计入（现在是 {k}）；running_mean 和 running_var 没有变。本页也是如此。")),
    ("running_mean and running_var are kept as they were.", Text::new("running_mean and running_var are kept as they were.", "running_mean 與 running_var 保持原狀。", "running_mean 和 running_var 保持不变。")),
    // The Train view
    ("diverged (NaN)", Text::new("diverged (NaN)", "發散（NaN）", "发散（NaN）")),
    ("Loading the handwritten digits…", Text::new("Loading the handwritten digits…", "載入手寫數字中…", "正在加载手写数字…")),
    ("digits-failed", Text::new("The handwritten digits could not be loaded (offline?): press Step, or open this view again, to try again.", "無法載入手寫數字（離線了嗎？）：按「下一步」或重新打開這個畫面，再試一次。", "无法加载手写数字（离线了吗？）：点击“下一步”或重新打开这个视图，再试一次。")),
    ("<code>model.eval()</code>: running statistics", Text::new("<code>model.eval()</code>: running statistics", "<code>model.eval()</code>：移動統計", "<code>model.eval()</code>：运行统计量")),
    ("eval-measuring", Text::new("Measuring on the test digits…", "正在用測試樣本測量…", "正在用测试样本测量…")),
    ("eval-now", Text::new("Measured at step {k}.", "第 {k} 步時測得。", "第 {k} 步时测得。")),
    ("eval-at-step", Text::new("Measured at step {k}; measured again once training pauses.", "第 {k} 步時測得；訓練停下後會重新測量。", "第 {k} 步时测得；训练停下后会重新测量。")),
    ("eval-early", Text::new("After {k} steps the running statistics still hold {p} of their starting values (running_mean 0, running_var 1): each step keeps 1 − momentum of them (momentum = {m}). Until they have caught up, model.eval() reads statistics the trained model never saw, and a test batch's own statistics can do better.", "訓練 {k} 步後，移動統計仍保留 {p} 的初始值（running_mean 0、running_var 1）：每一步保留其中的 1 − momentum（momentum = {m}）。在它們跟上之前，model.eval() 用的是訓練後的模型沒見過的統計，一批測試樣本自己的統計反而可能更好。", "训练 {k} 步后，运行统计量仍保留 {p} 的初始值（running_mean 0、running_var 1）：每一步保留其中的 1 − momentum（momentum = {m}）。在它们跟上之前，model.eval() 用的是训练后的模型没见过的统计量，一批测试样本自身的统计量反而可能更好。")),
    ("forgot <code>model.eval()</code>: test batches of {n}", Text::new("forgot <code>model.eval()</code>: test batches of {n}", "忘了 <code>model.eval()</code>：每批 {n} 個測試樣本", "忘了 <code>model.eval()</code>：每批 {n} 个测试样本")),
    ("partial-batch-left-out", Text::new("({used} of the {total} test digits: the last, partial batch is left out)", "（{total} 個測試樣本中的 {used} 個：最後不滿一批的略去）", "（{total} 个测试样本中的 {used} 个：最后不满一批的舍去）")),
    // The comparison view
    ("per feature, over N and L", Text::new("per feature, over N and L", "每個特徵，跨 N 與 L", "每个特征，跨 N 和 L")),
    ("per feature, over N", Text::new("per feature, over N", "每個特徵，跨 N", "每个特征，跨 N")),
    ("per sample, over C", Text::new("per sample, over C", "每個樣本，跨 C", "每个样本，跨 C")),
    ("per sample, over C and L", Text::new("per sample, over C and L", "每個樣本，跨 C 與 L", "每个样本，跨 C 和 L")),
    // Charts
    ("with BatchNorm1d", Text::new("with BatchNorm1d", "有 BatchNorm1d", "有 BatchNorm1d")),
    ("without BatchNorm1d", Text::new("without BatchNorm1d", "沒有 BatchNorm1d", "无 BatchNorm1d")),
    ("input to ReLU", Text::new("input to ReLU", "ReLU 的輸入", "ReLU 的输入")),
    ("input", Text::new("input", "輸入", "输入")),
    ("accuracy", Text::new("accuracy", "準確率", "准确率")),
    ("No data yet — press Step", Text::new("No data yet — press Step", "還沒有資料——按「下一步」", "还没有数据——请按“下一步”")),
    ("Nothing to plot: every value is NaN or infinite", Text::new("Nothing to plot: every value is NaN or infinite", "沒有可畫的：每個值都是 NaN 或無限大", "无可绘制内容：每个值都是 NaN 或无穷大")),
    ("train-status", Text::new("Step {k} ({e} epochs) · test accuracy at step {m}: {ma} {a}, {mb} {b}", "第 {k} 步（{e} 個 epoch）· 第 {m} 步時的測試準確率：{ma} {a}，{mb} {b}", "第 {k} 步（{e} 个 epoch）· 第 {m} 步时的测试准确率：{ma} {a}，{mb} {b}")),
    ("train-status-0-measuring", Text::new("Step 0, untrained · measuring the test accuracy…", "0 步，未訓練 · 正在測量測試準確率…", "0 步，未训练 · 正在测量测试准确率…")),
    ("train-status-0", Text::new("Step 0, untrained · test accuracy: {ma} {a}, {mb} {b}", "0 步，未訓練 · 測試準確率：{ma} {a}，{mb} {b}", "0 步，未训练 · 测试准确率：{ma} {a}，{mb} {b}")),
    ("Too small to draw", Text::new("Too small to draw", "太小，無法繪製", "太小，无法绘制")),
    ("Feature {f}: input x vs output y", Text::new("Feature {f}: input x vs output y", "特徵 {f}：輸入 x 與輸出 y", "特征 {f}：输入 x 与输出 y")),
    ("input x", Text::new("input x", "輸入 x", "输入 x")),
    ("output y", Text::new("output y", "輸出 y", "输出 y")),
    ("mean", Text::new("mean", "平均", "均值")),
    ("mean ± σ", Text::new("mean ± σ", "平均 ± σ", "均值 ± σ")),
    ("marked sample: x = {x} → y = {y}", Text::new("marked sample: x = {x} → y = {y}", "標記的樣本：x = {x} → y = {y}", "标记的样本：x = {x} → y = {y}")),
    ("other mode's y", Text::new("other mode's y", "另一模式的 y", "另一模式的 y")),
    ("{name}: mean {m}, σ (÷m) {s}", Text::new("{name}: mean {m}, σ\u{a0}(÷m)\u{a0}{s}", "{name}：平均 {m}，σ（÷m）{s}", "{name}：均值 {m}，σ（÷m）{s}")),
    ("{name} now {now} · last batch s² (÷(m−1)) {batch} · true {truth}", Text::new("{name} now {now} · last batch s² (÷(m−1)) {batch} · true {truth}", "{name} 目前 {now} · 上個批次 s²（÷(m−1)）{batch} · 真實值 {truth}", "{name} 当前 {now} · 上一批量 s²（÷(m−1)）{batch} · 真实值 {truth}")),
    ("{name}: no values", Text::new("{name}: no values", "{name}：沒有值", "{name}：没有值")),
    (" ({n} NaN/inf not shown)", Text::new(" ({n} NaN/inf not shown)", "（{n} 個 NaN/inf 未顯示）", "（{n} 个 NaN/inf 未显示）")),
    ("how many values", Text::new("how many values", "個數", "个数")),
    ("All {c} features: mean ± σ before and after", Text::new("All {c} features: mean ± σ before and after", "全部 {c} 個特徵：前後的平均 ± σ", "全部 {c} 个特征：前后的均值 ± σ")),
    ("1 feature: mean ± σ before and after", Text::new("1 feature: mean ± σ before and after", "1 個特徵：前後的平均 ± σ", "1 个特征：前后的均值 ± σ")),
    ("input x: mean ± σ", Text::new("input x: mean ± σ", "輸入 x：平均 ± σ", "输入 x：均值 ± σ")),
    ("output y: mean ± σ", Text::new("output y: mean ± σ", "輸出 y：平均 ± σ", "输出 y：均值 ± σ")),
    ("feature {c}: x {x} → y {y}", Text::new("feature {c}: x {x} → y {y}", "特徵 {c}：x {x} → y {y}", "特征 {c}：x {x} → y {y}")),
    ("feature (tap or click one to follow it)", Text::new("feature (tap or click one to follow it)", "特徵（點一下以選取）", "特征（点一下以选中）")),
    ("Feature {f}: running statistics over steps", Text::new("Feature {f}: running statistics over steps", "特徵 {f}：各步驟的移動統計", "特征 {f}：各步的运行统计量")),
    ("this step's batch", Text::new("this step's batch", "這一步的批次", "这一步的批量")),
    ("this eval-mode batch (moves nothing)", Text::new("this eval-mode batch (moves nothing)", "本次評估模式的批次（不更新移動統計）", "本次评估模式的批量（不更新运行统计量）")),
    ("true value of the data", Text::new("true value of the data", "資料的真實值", "数据的真实值")),
    ("running estimate", Text::new("running estimate", "移動估計", "运行估计")),
    ("variance", Text::new("variance", "變異數", "方差")),
    ("{name} now {now} · true {truth}", Text::new("{name} now {now} · true {truth}", "{name} 目前 {now} · 真實值 {truth}", "{name} 当前 {now} · 真实值 {truth}")),
    ("{name} {now} · true {truth}", Text::new("{name} {now} · true {truth}", "{name} {now} · 真實值 {truth}", "{name} {now} · 真实值 {truth}")),
    ("{name} now {now} · last batch {batch} · true {truth}", Text::new("{name} now {now} · last batch {batch} · true {truth}", "{name} 目前 {now} · 上個批次 {batch} · 真實值 {truth}", "{name} 当前 {now} · 上一批量 {batch} · 真实值 {truth}")),
    ("Feature {f}: each sample before and after", Text::new("Feature {f}: each sample before and after", "特徵 {f}：每個樣本的前後", "特征 {f}：每个样本的前后对比")),
];

/// The Train and "Which axis?" views' own words (their panels' labels, their charts, the papers'
/// presets): looked up by the full module only. The first view's small module, whose code never
/// asks for them, leaves them out ([`crate::FULL`]); its labels of those views stay as the HTML
/// has them until the full module takes over and labels them. The tests check that no other
/// code and no other part of the page uses one of these keys.
static OTHER_VIEWS: &[(&str, Text)] = &[
    ("train-replay-link", Text::new("Opening the link: training step {k} of {n}", "正在打開連結：訓練第 {k} 步（共 {n} 步）", "正在打开链接：训练第 {k} 步（共 {n} 步）")),
    ("train-replay-own", Text::new("Your training steps are redone: step {k} of {n}; what you do meanwhile follows", "正在重做你的訓練步驟：第 {k} 步（共 {n} 步）；這期間的操作會在之後執行", "正在重做你的训练步骤：第 {k} 步（共 {n} 步）；这期间的操作会在之后执行")),
    ("dl-norm-grid", Text::new("Download the “Which axis?” grid as", "將「哪個軸？」方格圖下載為", "将“哪个轴？”方格图下载为")),
    ("dl-norm-outputs", Text::new("Download the chart of each layer's output as", "將各層輸出的圖下載為", "将各层输出的图下载为")),
    ("dl-curves", Text::new("Download the loss and accuracy curves as", "將損失與準確率曲線下載為", "将损失与准确率曲线下载为")),
    ("dl-percentiles", Text::new("Download the percentiles chart as", "將百分位數圖下載為", "将百分位数图下载为")),
    ("dl-landscape", Text::new("Download the loss landscape chart as", "將損失地形圖下載為", "将损失地形图下载为")),
    ("dl-batch-sweep", Text::new("Download the batch-size sweep chart as", "將批次大小掃描圖下載為", "将批量大小扫描图下载为")),
    ("dl-sweep", Text::new("Download the learning-rate sweep chart as", "將學習率掃描圖下載為", "将学习率扫描图下载为")),
    ("dl-digits", Text::new("Download the test digits chart as", "將測試數字圖下載為", "将测试数字图下载为")),
    ("train-intro", Text::new("Two networks, model A and model B (by default the tutorial's model with and without <code>BatchNorm1d</code>): the same starting weights, the same mini-batches of 8×8 handwritten digits, side by side. As PyTorch builds them:", "兩個網路，模型 A 與模型 B（預設是教學的模型，有與沒有 <code>BatchNorm1d</code>）：相同的初始權重、相同的 8×8 手寫數字小批次，並排訓練。用 PyTorch 建立的方式：", "两个网络，模型 A 和模型 B（默认是教程的模型，有和没有 <code>BatchNorm1d</code>）：相同的初始权重、相同的 8×8 手写数字小批量，并排训练。用 PyTorch 构建的方式：")),
    ("training", Text::new("Training", "訓練", "训练")),
    ("aria-the-batch", Text::new("The batch", "這個批次", "这个批量")),
    ("aria-train-both", Text::new("Train both models", "訓練兩個模型", "训练两个模型")),
    ("aria-sweep-progress", Text::new("Learning-rate sweep: progress", "學習率掃描：進度", "学习率扫描：进度")),
    ("aria-bsweep-progress", Text::new("Batch-size sweep: progress", "批次大小掃描：進度", "批量大小扫描：进度")),
    ("aria-landscape", Text::new("The measures of Santurkar et al. 2018, Figure 4, along the gradient: model A against model B", "Santurkar 等人 2018 圖 4 的量測，沿梯度方向：模型 A 與模型 B 對比", "Santurkar 等人 2018 图 4 的测量，沿梯度方向：模型 A 与模型 B 对比")),
    ("aria-batch-sweep", Text::new("Test accuracy against batch size (Wu & He 2018: their Figure 1 plots the error, 100 % − accuracy)", "測試準確率隨批次大小的變化（Wu 與 He 2018 的圖 1 畫的是錯誤率：100 % − 準確率）", "测试准确率随批量大小的变化（Wu 和 He 2018 的图 1 画的是错误率：100 % − 准确率）")),
    ("aria-train-settings", Text::new("Training settings", "訓練設定", "训练设置")),
    ("learning-rate", Text::new("learning rate", "學習率", "学习率")),
    ("sgd-momentum", Text::new("SGD momentum", "SGD 動量（momentum）", "SGD 动量（momentum）")),
    ("hidden-unit", Text::new("unit of the last hidden layer to follow", "要檢視的單元（最後一個隱藏層）", "要查看的单元（最后一个隐藏层）")),
    ("network", Text::new("Network", "網路", "网络")),
    ("preset-santurkar", Text::new("Santurkar et al.", "Santurkar 等人", "Santurkar 等人")),
    ("bsweep-start", Text::new("Run the batch-size sweep", "執行批次大小掃描", "运行批量大小扫描")),
    ("Fig. 4's measures (Santurkar et al. 2018): model A against model B, every 10 steps", Text::new("Fig. 4's measures (Santurkar et al. 2018): model A against model B, every 10 steps", "圖 4 的量測（Santurkar 等人 2018）：模型 A 與模型 B 對比，每 10 步", "图 4 的测量（Santurkar 等人 2018）：模型 A 与模型 B 对比，每 10 步")),
    ("No probes yet: choose the Santurkar et al. preset (or tick “probe”), then train", Text::new("No probes yet: choose the Santurkar et al. preset (or tick “probe”), then train", "還沒有探測：選 Santurkar 等人的範例網路（或勾選「沿梯度探測」），再訓練", "还没有探测：选择 Santurkar 等人的示例网络（或勾选“沿梯度探测”），再训练")),
    ("No probes yet: press Step (a probe every 10 steps)", Text::new("No probes yet: press Step (a probe every 10 steps)", "還沒有探測：按「下一步」（每 10 步探測一次）", "还没有探测：点击“下一步”（每 10 步探测一次）")),
    ("loss landscape: L(θ − η·g), min…max over η", Text::new("loss landscape: L(θ − η·g), min…max over η", "損失地形：L(θ − η·g)，各 η 的最小…最大", "损失地形：L(θ − η·g)，各 η 的最小…最大")),
    ("gradient predictiveness: ‖∇L(θ − η·g) − g‖, min…max over η", Text::new("gradient predictiveness: ‖∇L(θ − η·g) − g‖, min…max over η", "梯度可預測性：‖∇L(θ − η·g) − g‖，各 η 的最小…最大", "梯度可预测性：‖∇L(θ − η·g) − g‖，各 η 的最小…最大")),
    ("“effective β-smoothness”: max over η of ‖∇L(θ − η·g) − g‖ / (η‖g‖)", Text::new("“effective β-smoothness”: max over η of ‖∇L(θ − η·g) − g‖ / (η‖g‖)", "「有效 β 平滑度」：各 η 中 ‖∇L(θ − η·g) − g‖ / (η‖g‖) 的最大值", "“有效 β 平滑度”：各 η 中 ‖∇L(θ − η·g) − g‖ / (η‖g‖) 的最大值")),
    ("Test accuracy against batch size, 1 epoch each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)", Text::new("Test accuracy against batch size, 1 epoch each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)", "測試準確率隨批次大小的變化，各 1 個 epoch（Wu 與 He 2018 的圖 1 畫的是錯誤率：100 % − 準確率）", "测试准确率随批量大小的变化，各 1 个 epoch（Wu 和 He 2018 的图 1 画的是错误率：100 % − 准确率）")),
    ("Test accuracy against batch size, {e} epochs each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)", Text::new("Test accuracy against batch size, {e} epochs each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)", "測試準確率隨批次大小的變化，各 {e} 個 epoch（Wu 與 He 2018 的圖 1 畫的是錯誤率：100 % − 準確率）", "测试准确率随批量大小的变化，各 {e} 个 epoch（Wu 和 He 2018 的图 1 画的是错误率：100 % − 准确率）")),
    ("batch size (log scale)", Text::new("batch size (log scale)", "批次大小（對數刻度）", "批量大小（对数刻度）")),
    ("fig1-wait", Text::new("Press Play: from step {from}, this caption compares the run's first steps with its latest (up to {w} of each); now at step {k}.", "按「播放」：從第 {from} 步起，這段說明會比較這次訓練最初幾步與最近幾步（各最多 {w} 步）；目前已訓練 {k} 步。", "按“播放”：从第 {from} 步起，这段说明会比较这次训练最初几步与最近几步（各最多 {w} 步）；目前已训练 {k} 步。")),
    ("fig1-paper", Text::new("Ioffe & Szegedy (2015) trained three hidden layers of 100 sigmoids on MNIST (28×28 digits, 60 000 images) for 50 000 steps of batch 60, 50 epochs (the Fig. 1 preset builds their network); this miniature trains on {n} digits of 8×8 pixels: {k} steps of batch {b} so far, {e} epochs of {p} steps (each epoch shuffles the digits afresh and cuts them into whole batches).", "Ioffe 與 Szegedy（2015）在 MNIST（28×28 數字，60 000 張）上訓練三個各 100 個 sigmoid 的隱藏層，批次大小 60，共 50 000 步，也就是 50 個 epoch（圖 1 的範例網路就是他們的網路）；這個縮小版在 {n} 張 8×8 數字上訓練：到目前為止 {k} 步，批次大小 {b}，也就是 {e} 個 epoch，每個 epoch {p} 步（每個 epoch 把數字重新洗牌，切成完整的批次）。", "Ioffe 和 Szegedy（2015）在 MNIST（28×28 数字，60 000 张）上训练三个各 100 个 sigmoid 的隐藏层，批量大小 60，共 50 000 步，也就是 50 个 epoch（图 1 的示例网络就是他们的网络）；这个缩小版在 {n} 张 8×8 数字上训练：到目前为止 {k} 步，批量大小 {b}，也就是 {e} 个 epoch，每个 epoch {p} 步（每个 epoch 把数字重新打乱，切成完整的批量）。")),
    ("fig1-measured", Text::new("Measured after {k} steps: test accuracy {a} ({A}) and {b} ({B}). Unit {u} of the last hidden layer: the centre (50th percentile) of its input moved by {da} ({A}) and {db} ({B}) from the first {w} steps to the last {w}; the width of its 15th–85th band went from {wa0} to {wa1} ({A}) and from {wb0} to {wb1} ({B}).", "訓練 {k} 步後的量測：測試準確率 {a}（{A}）與 {b}（{B}）。最後一個隱藏層的單元 {u}：其輸入的中心（第 50 百分位數）從最初 {w} 步到最後 {w} 步移動了 {da}（{A}）與 {db}（{B}）；第 15–85 百分位數帶的寬度從 {wa0} 變為 {wa1}（{A}），從 {wb0} 變為 {wb1}（{B}）。", "训练 {k} 步后的测量：测试准确率 {a}（{A}）和 {b}（{B}）。最后一个隐藏层的单元 {u}：其输入的中心（第 50 百分位数）从最初 {w} 步到最后 {w} 步移动了 {da}（{A}）和 {db}（{B}）；第 15–85 百分位数带的宽度从 {wa0} 变为 {wa1}（{A}），从 {wb0} 变为 {wb1}（{B}）。")),
    ("fig1-as-paper", Text::new("As in Ioffe & Szegedy's Fig. 1, the input was steadier {A}: none of its 15th, 50th and 85th percentiles moved more than {ma}, against up to {mb} {B}.", "和 Ioffe 與 Szegedy 的圖 1 一樣，{A}時輸入較穩定：它的第 15、50、85 百分位數都沒有移動超過 {ma}，{B}時則最多移動 {mb}。", "与 Ioffe 和 Szegedy 的图 1 一样，{A}时输入较稳定：它的第 15、50、85 百分位数都没有移动超过 {ma}，{B}时则最多移动 {mb}。")),
    ("fig1-not-paper", Text::new("Unlike Ioffe & Szegedy's Fig. 1, the input moved more {A} here: its 15th, 50th and 85th percentiles moved by up to {ma}, against up to {mb} {B}. A finding of this miniature, not a failure.", "和 Ioffe 與 Szegedy 的圖 1 不同，這裡{A}時輸入移動得較多：它的第 15、50、85 百分位數最多移動 {ma}，{B}時則最多移動 {mb}。這是縮小版的發現，不是錯誤。", "与 Ioffe 和 Szegedy 的图 1 不同，这里{A}时输入移动得较多：它的第 15、50、85 百分位数最多移动 {ma}，{B}时则最多移动 {mb}。这是缩小版的发现，不是错误。")),
    ("fig1-clearly-less", Text::new("Here the input moved clearly less {X} than {Y}: its 15th, 50th and 85th percentiles by up to {mx} against {my}.", "這裡{X}時輸入明顯比{Y}時移動得少：第 15、50、85 百分位數最多移動 {mx}，對比 {my}。", "这里{X}时输入明显比{Y}时移动得少：第 15、50、85 百分位数最多移动 {mx}，对比 {my}。")),
    ("fig1-less", Text::new("Here the input moved less {X} than {Y}: its 15th, 50th and 85th percentiles by up to {mx} against {my}.", "這裡{X}時輸入比{Y}時移動得少：第 15、50、85 百分位數最多移動 {mx}，對比 {my}。", "这里{X}时输入比{Y}时移动得少：第 15、50、85 百分位数最多移动 {mx}，对比 {my}。")),
    ("fig1-close", Text::new("Here the input moved about as much {A} as {B}: its 15th, 50th and 85th percentiles by up to {ma} and {mb}.", "這裡{A}時和{B}時輸入移動得差不多：第 15、50、85 百分位數最多移動 {ma} 與 {mb}。", "这里{A}时和{B}时输入移动得差不多：第 15、50、85 百分位数最多移动 {ma} 和 {mb}。")),
    ("fig1-little", Text::new("Here neither input moved clearly more than the other: their 15th, 50th and 85th percentiles moved by up to {ma} {A} and {mb} {B}, both little beside a 15th–85th band up to {s} wide.", "這裡兩個輸入都沒有明顯比另一個移動得多：第 15、50、85 百分位數最多移動 {ma}（{A}）與 {mb}（{B}），和最寬達 {s} 的第 15–85 百分位數帶相比都很小。", "这里两个输入都没有明显比另一个移动得多：第 15、50、85 百分位数最多移动 {ma}（{A}）和 {mb}（{B}），和最宽达 {s} 的第 15–85 百分位数带相比都很小。")),
    ("fig1-paper-unclear-small", Text::new("Ioffe & Szegedy's input was clearly steadier with BatchNorm. Here the two moves differ by {d}, less than a tenth of the widest 15th–85th band ({s} wide): this page calls no difference that small clear, either way.", "在 Ioffe 與 Szegedy 的論文中，有 BatchNorm 時輸入明顯較穩定。這裡兩者的移動相差 {d}，不到最寬的第 15–85 百分位數帶（寬 {s}）的十分之一：差異這麼小，本頁不判定哪一方較穩定。", "在 Ioffe 和 Szegedy 的论文中，有 BatchNorm 时输入明显较稳定。这里两者的移动相差 {d}，不到最宽的第 15–85 百分位数带（宽 {s}）的十分之一：差异这么小，本页不判定哪一方更稳定。")),
    ("fig1-paper-unclear-ratio", Text::new("Ioffe & Szegedy's input was clearly steadier with BatchNorm. Here the smaller move is more than half the larger: this page calls no difference that small clear, either way.", "在 Ioffe 與 Szegedy 的論文中，有 BatchNorm 時輸入明顯較穩定。這裡較小的移動超過較大者的一半：差異這麼小，本頁不判定哪一方較穩定。", "在 Ioffe 和 Szegedy 的论文中，有 BatchNorm 时输入明显较稳定。这里较小的移动超过较大者的一半：差异这么小，本页不判定哪一方更稳定。")),
    ("fig1-other-pair", Text::new("Ioffe & Szegedy compared a network with BatchNorm against one without, not these two.", "Ioffe 與 Szegedy 比較的是有 BatchNorm 與沒有 BatchNorm 的網路，不是這兩個。", "Ioffe 和 Szegedy 比较的是有 BatchNorm 和没有 BatchNorm 的网络，不是这两个。")),
    ("fig1-not-learned", Text::new("The network {B} has not learned yet ({b} test accuracy; guessing gives 10\u{a0}%), while Ioffe & Szegedy's network {B} did learn, more slowly: its drift here is not yet one to hold against theirs.", "{B}的網路還沒學會（測試準確率 {b}；亂猜是 10\u{a0}%），而 Ioffe 與 Szegedy 論文中{B}的網路有學會，只是較慢：這裡它的漂移還不能和他們的比較。", "{B}的网络还没学会（测试准确率 {b}；乱猜是 10\u{a0}%），而 Ioffe 和 Szegedy 论文中{B}的网络学会了，只是较慢：这里它的漂移还不能和他们的比较。")),
    ("fig1-not-learned-preset", Text::new("With this preset, measured for seeds 1 to 6, the network {B} stayed under 35\u{a0}% for its first 2 000 steps (near 10\u{a0}%, guessing, for most of them) and passed 50\u{a0}% between steps 2 070 and 2 810: press Play to train on and see it learn.", "用這個範例網路（亂數種子 1 到 6 量測），{B}的網路前 2 000 步都在 35\u{a0}% 以下（大多在亂猜的 10\u{a0}% 附近），在第 2 070 到 2 810 步之間超過 50\u{a0}%：按「播放」繼續訓練，就能看到它學會。", "用这个示例网络（随机种子 1 到 6 测量），{B}的网络前 2 000 步都在 35\u{a0}% 以下（大多在乱猜的 10\u{a0}% 附近），在第 2 070 到 2 810 步之间超过 50\u{a0}%：按“播放”继续训练，就能看到它学会。")),
    ("fig1-diverged", Text::new("A model diverged (NaN): there is no drift to compare.", "有模型發散了（NaN）：沒有漂移可以比較。", "有模型发散了（NaN）：没有漂移可以比较。")),
    ("santurkar-wait", Text::new("Press Play: probes run every {e} steps while “probe” is ticked (the Santurkar et al. preset ticks it), and this caption measures from probe {from} on (step {k} of a run probed from its start); {p} of {from} so far.", "按「播放」：勾選「沿梯度探測」時每 {e} 步探測一次（Santurkar 等人的範例網路會勾選），從第 {from} 次探測起（從頭就勾選時是第 {k} 步），這段說明才會給出量測結果；目前已探測 {p} 次，共需 {from} 次。", "按“播放”：勾选“沿梯度探测”时每 {e} 步探测一次（Santurkar 等人的示例网络会勾选），从第 {from} 次探测起（从一开始就勾选时是第 {k} 步），这段说明才会给出测量结果；目前已探测 {p} 次，共需 {from} 次。")),
    ("santurkar-wait-off", Text::new("Tick “probe along the gradient” (or choose the Santurkar et al. preset), then press Play: probes run every {e} steps while it is ticked, and this caption measures from probe {from} on; {p} of {from} so far.", "勾選「沿梯度探測」（或選 Santurkar 等人的範例網路），再按「播放」：勾選時每 {e} 步探測一次，從第 {from} 次探測起，這段說明才會給出量測結果；目前已探測 {p} 次，共需 {from} 次。", "勾选“沿梯度探测”（或选择 Santurkar 等人的示例网络），再按“播放”：勾选时每 {e} 步探测一次，从第 {from} 次探测起，这段说明才会给出测量结果；目前已探测 {p} 次，共需 {from} 次。")),
    ("santurkar-measured", Text::new("Measured over {p} probes (η = 0.25, 0.5, 1 and 2 × the learning rate, on copies of the models): median range of the loss along the gradient {la} ({A}) and {lb} ({B}); median largest gradient change {ga} and {gb}; median effective β-smoothness {ba} and {bb}.", "量測了 {p} 次探測（η = 學習率的 0.25、0.5、1 與 2 倍，在模型的副本上）：沿梯度的損失範圍中位數 {la}（{A}）與 {lb}（{B}）；最大梯度變化中位數 {ga} 與 {gb}；有效 β 平滑度中位數 {ba} 與 {bb}。", "测量了 {p} 次探测（η = 学习率的 0.25、0.5、1 和 2 倍，在模型的副本上）：沿梯度的损失范围中位数 {la}（{A}）和 {lb}（{B}）；最大梯度变化中位数 {ga} 和 {gb}；有效 β 平滑度中位数 {ba} 和 {bb}。")),
    ("santurkar-finding", Text::new("{count} smaller by 10 % or more {A} than {B}; the paper found all three smaller with BatchNorm.", "這 3 項量測中，{count}在「{A}」時比「{B}」時小 10 % 以上；論文發現有 BatchNorm 時三項都較小。", "这 3 项测量中，{count}在“{A}”时比“{B}”时小 10 % 以上；论文发现有 BatchNorm 时三项都较小。")),
    ("santurkar-all", Text::new("All 3 of these measures are", "三項都", "三项都")),
    ("santurkar-none", Text::new("None of these 3 measures is", "沒有一項", "没有一项")),
    ("santurkar-one", Text::new("1 of these 3 measures is", "有 1 項", "有 1 项")),
    ("santurkar-some", Text::new("{k} of these 3 measures are", "有 {k} 項", "有 {k} 项")),
    ("santurkar-finding-other", Text::new("{count} smaller by 10 % or more {A} than {B}. The paper compared BatchNorm with no normalization and found all three smaller with BatchNorm; model B here ({B}) is not that comparison: set model B to “nothing” after each Linear to measure it.", "這 3 項量測中，{count}在「{A}」時比「{B}」時小 10 % 以上。論文比較的是有 BatchNorm 與沒有正規化，發現有 BatchNorm 時三項都較小；這裡的模型 B（{B}）不是那個比較：把模型 B 每個 Linear 之後設為「無」即可量測。", "这 3 项测量中，{count}在“{A}”时比“{B}”时小 10 % 以上。论文比较的是有 BatchNorm 和没有归一化，发现有 BatchNorm 时三项都较小；这里的模型 B（{B}）不是那个比较：把模型 B 每个 Linear 之后设为“无”即可测量。")),
    ("santurkar-noise-same", Text::new("Noisy BatchNorm (after Fig. 2: per-unit scales and shifts of strength {n} after each BatchNorm1d of model B, shared by the batch and new every step — a distribution shift made on purpose; the paper's noise also varied from sample to sample) reached {b} test accuracy against {a} without the noise: about as well, as in the paper. The paper's conclusion, that reducing “internal covariate shift” is not what makes BatchNorm work, also rests on a third network, without BatchNorm, that trained worse than both: it is not run here.", "加雜訊的 BatchNorm（仿圖 2：在模型 B 的每個 BatchNorm1d 之後加上強度 {n}、整個批次共用、每步都重新抽取的逐單元縮放與平移——刻意製造的分布偏移；論文的雜訊還逐樣本不同）測試準確率 {b}，沒有雜訊時 {a}：和論文一樣差不多好。論文認為減少「內部共變量偏移」並不是 BatchNorm 有效的原因，這個結論還依據第三個沒有 BatchNorm 的網路，它訓練得比兩者都差：這裡沒有執行它。", "加噪声的 BatchNorm（仿图 2：在模型 B 的每个 BatchNorm1d 之后加上强度 {n}、整个批量共用、每步都重新抽取的逐单元缩放与平移——刻意制造的分布偏移；论文的噪声还逐样本不同）测试准确率 {b}，没有噪声时 {a}：和论文一样差不多好。论文认为减少“内部协变量偏移”并不是 BatchNorm 有效的原因，这个结论还依据第三个没有 BatchNorm 的网络，它训练得比两者都差：这里没有运行它。")),
    ("santurkar-noise-worse", Text::new("Noisy BatchNorm (after Fig. 2: per-unit scales and shifts of strength {n} after each BatchNorm1d of model B, shared by the batch and new every step; the paper's noise also varied from sample to sample) reached {b} test accuracy against {a} without the noise: here the noise costs more than in the paper, where noisy BatchNorm trained about as well — a finding of this miniature.", "加雜訊的 BatchNorm（仿圖 2：在模型 B 的每個 BatchNorm1d 之後加上強度 {n}、整個批次共用、每步重新抽取的逐單元縮放與平移；論文的雜訊還逐樣本不同）測試準確率 {b}，沒有雜訊時 {a}：這裡雜訊的代價比論文大（論文中加雜訊的 BatchNorm 訓練得差不多好）——這是縮小版的發現。", "加噪声的 BatchNorm（仿图 2：在模型 B 的每个 BatchNorm1d 之后加上强度 {n}、整个批量共用、每步重新抽取的逐单元缩放与平移；论文的噪声还逐样本不同）测试准确率 {b}，没有噪声时 {a}：这里噪声的代价比论文大（论文中加噪声的 BatchNorm 训练得差不多好）——这是缩小版的发现。")),
    ("santurkar-steps-as-paper", Text::new("From one step to the next, a measure other than the drift over the run above, the input's 15th, 50th and 85th percentiles jumped by {jb} on average {B}, against {ja} {A} (over the last {w} steps): clearly more, as in Santurkar et al. (2018, Fig. 2), whose noisy BatchNorm's activations shifted far more than BatchNorm's from step to step (a distribution shift made on purpose), yet it trained about as well (the landscape chart's caption compares the test accuracy here).", "再換一種量法，看相鄰兩步之間（不是上面整段訓練的漂移）：在最後 {w} 步中，輸入的第 15、50、85 百分位數每一步平均跳動 {jb}（{B}），對比 {ja}（{A}）：明顯較多，和 Santurkar 等人（2018，圖 2）一樣。他們加雜訊的 BatchNorm 的激勵值每一步的偏移遠大於 BatchNorm（刻意製造的分布偏移），卻訓練得差不多好（損失地形圖的說明比較了這裡的測試準確率）。", "再换一种量法，看相邻两步之间（不是上面整个训练过程的漂移）：在最后 {w} 步中，输入的第 15、50、85 百分位数每一步平均跳动 {jb}（{B}），对比 {ja}（{A}）：明显较多，与 Santurkar 等人（2018，图 2）一样。他们加噪声的 BatchNorm 的激活值每一步的偏移远大于 BatchNorm（刻意制造的分布偏移），却训练得差不多好（损失地形图的说明比较了这里的测试准确率）。")),
    ("santurkar-steps-not-paper", Text::new("From one step to the next, a measure other than the drift over the run above, the input's 15th, 50th and 85th percentiles jumped by {jb} on average {B}, against {ja} {A} (over the last {w} steps): not clearly more, unlike Santurkar et al. (2018, Fig. 2), whose noisy BatchNorm's activations shifted far more than BatchNorm's from step to step.", "再換一種量法，看相鄰兩步之間（不是上面整段訓練的漂移）：在最後 {w} 步中，輸入的第 15、50、85 百分位數每一步平均跳動 {jb}（{B}），對比 {ja}（{A}）：沒有明顯較多，和 Santurkar 等人（2018，圖 2）不同：他們加雜訊的 BatchNorm 的激勵值每一步的偏移遠大於 BatchNorm。", "再换一种量法，看相邻两步之间（不是上面整个训练过程的漂移）：在最后 {w} 步中，输入的第 15、50、85 百分位数每一步平均跳动 {jb}（{B}），对比 {ja}（{A}）：没有明显较多，与 Santurkar 等人（2018，图 2）不同：他们加噪声的 BatchNorm 的激活值每一步的偏移远大于 BatchNorm。")),
    ("santurkar-paper", Text::new("Santurkar et al. (2018) measured VGG networks on CIFAR-10; here the Train view's two networks on 8×8 digits, every 10 steps.", "Santurkar 等人（2018）量測的是 CIFAR-10 上的 VGG 網路；這裡量測的是訓練畫面的兩個網路，在 8×8 數字上，每 10 步一次。", "Santurkar 等人（2018）测量的是 CIFAR-10 上的 VGG 网络；这里测量的是训练视图的两个网络，在 8×8 数字上，每 10 步一次。")),
    ("wuhe-wait", Text::new("Press “Run the batch-size sweep”: for each batch size 2 … 128, four networks of the shape above (BatchNorm1d, GroupNorm, LayerNorm, none), each trained the same number of epochs, the learning rate scaled as lr·N/32.", "按下「執行批次大小掃描」：每個批次大小 2 … 128，用上面形狀的四個網路（BatchNorm1d、GroupNorm、LayerNorm、無），各訓練相同的 epoch 數，學習率按 lr·N/32 縮放。", "按下“运行批量大小扫描”：每个批量大小 2 … 128，用上面形状的四个网络（BatchNorm1d、GroupNorm、LayerNorm、无），各训练相同的 epoch 数，学习率按 lr·N/32 缩放。")),
    ("wuhe-running", Text::new("The sweep is running; the caption follows when batch sizes 2 and 32 are done for every norm.", "掃描執行中；每種正規化的批次大小 2 與 32 都完成後會顯示說明。", "扫描运行中；每种归一化的批量大小 2 和 32 都完成后会显示说明。")),
    ("wuhe-measured", Text::new("Measured test accuracy, batch 32 → batch 2: {rows}.", "量測到的測試準確率，批次 32 → 批次 2：{rows}。", "测得的测试准确率，批量 32 → 批量 2：{rows}。")),
    ("wuhe-as-paper", Text::new("As in the paper, BatchNorm1d's accuracy fell from batch 32 to batch 2 ({b32} → {b2}) while GroupNorm's did not ({g32} → {g2}), leaving BatchNorm1d {d} points behind at batch 2: with two samples each batch's mean and variance are noisy estimates, and eval mode's running averages differ from the statistics training saw.", "和論文一樣，從批次 32 到批次 2，BatchNorm1d 的準確率下降（{b32} → {b2}），GroupNorm 的沒有（{g32} → {g2}），批次 2 時 BatchNorm1d 落後 {d} 個百分點：只有兩個樣本時，每個批次的平均與變異數都是雜訊很大的估計，而評估模式用的移動統計和訓練時看到的統計不同。", "和论文一样，从批量 32 到批量 2，BatchNorm1d 的准确率下降（{b32} → {b2}），GroupNorm 的没有（{g32} → {g2}），批量 2 时 BatchNorm1d 落后 {d} 个百分点：只有两个样本时，每个批量的均值和方差都是噪声很大的估计，而评估模式用的运行统计量和训练时看到的统计量不同。")),
    ("wuhe-not-paper", Text::new("Unlike the paper, BatchNorm1d does not fall more than 2 points behind GroupNorm at batch 2 here: a finding of this miniature (small inputs, a small network, few epochs), not a failure.", "和論文不同，這裡批次 2 時 BatchNorm1d 落後 GroupNorm 不到 2 個百分點：這是縮小版（輸入小、網路小、epoch 少）的發現，不是錯誤。", "和论文不同，这里批量 2 时 BatchNorm1d 落后 GroupNorm 不到 2 个百分点：这是缩小版（输入小、网络小、epoch 少）的发现，不是错误。")),
    ("wuhe-behind-not-paper", Text::new("At batch 2 BatchNorm1d is {d} points behind GroupNorm, but not as in the paper: from batch 32 to batch 2 BatchNorm1d went {b32} → {b2} and GroupNorm {g32} → {g2}, where the paper's BatchNorm lost accuracy and its GroupNorm stayed flat: a finding of this miniature (with the same epochs, batch 2 takes about 16 times as many steps as batch 32), not a failure.", "批次 2 時 BatchNorm1d 落後 GroupNorm {d} 個百分點，但和論文不同：從批次 32 到批次 2，BatchNorm1d 由 {b32} 變為 {b2}，GroupNorm 由 {g32} 變為 {g2}，而論文中 BatchNorm 的準確率下降、GroupNorm 的保持平穩：這是縮小版的發現（epoch 數相同時，批次 2 的步數約是批次 32 的 16 倍），不是錯誤。", "批量 2 时 BatchNorm1d 落后 GroupNorm {d} 个百分点，但和论文不同：从批量 32 到批量 2，BatchNorm1d 由 {b32} 变为 {b2}，GroupNorm 由 {g32} 变为 {g2}，而论文中 BatchNorm 的准确率下降、GroupNorm 的保持平稳：这是缩小版的发现（epoch 数相同时，批量 2 的步数约是批量 32 的 16 倍），不是错误。")),
    ("wuhe-short-runs", Text::new("From batch 32 to batch {b}: {rows}. These normalize each sample alone, so their fall comes from the training, not from the other samples: {e} epochs at batch {b} are only {k} steps (at batch 32, {k32}), even with the learning rate scaled by {b}/32 as Wu & He do.", "從批次 32 到批次 {b}：{rows}。這些層各自在每個樣本內部正規化、不用其他樣本，所以它們的下滑來自訓練，而不是來自其他樣本：批次 {b} 時 {e} 個 epoch 只有 {k} 步（批次 32 時有 {k32} 步），即使學習率像 Wu 與 He 那樣乘以 {b}/32。", "从批量 32 到批量 {b}：{rows}。这些层各自在每个样本内部归一化、不用其他样本，所以它们的下降来自训练，而不是来自其他样本：批量 {b} 时 {e} 个 epoch 只有 {k} 步（批量 32 时有 {k32} 步），即使学习率像 Wu 和 He 那样乘以 {b}/32。")),
    ("wuhe-short-runs-one", Text::new("From batch 32 to batch {b}: {rows}. These normalize each sample alone, so their fall comes from the training, not from the other samples: {e} epoch at batch {b} is only {k} steps (at batch 32, {k32}), even with the learning rate scaled by {b}/32 as Wu & He do.", "從批次 32 到批次 {b}：{rows}。這些層各自在每個樣本內部正規化、不用其他樣本，所以它們的下滑來自訓練，而不是來自其他樣本：批次 {b} 時 {e} 個 epoch 只有 {k} 步（批次 32 時有 {k32} 步），即使學習率像 Wu 與 He 那樣乘以 {b}/32。", "从批量 32 到批量 {b}：{rows}。这些层各自在每个样本内部归一化、不用其他样本，所以它们的下降来自训练，而不是来自其他样本：批量 {b} 时 {e} 个 epoch 只有 {k} 步（批量 32 时有 {k32} 步），即使学习率像 Wu 和 He 那样乘以 {b}/32。")),
    ("wuhe-short-run", Text::new("From batch 32 to batch {b}: {rows}. It normalizes each sample alone, so its fall comes from the training, not from the other samples: {e} epochs at batch {b} are only {k} steps (at batch 32, {k32}), even with the learning rate scaled by {b}/32 as Wu & He do.", "從批次 32 到批次 {b}：{rows}。這一層在每個樣本內部正規化、不用其他樣本，所以它的下滑來自訓練，而不是來自其他樣本：批次 {b} 時 {e} 個 epoch 只有 {k} 步（批次 32 時有 {k32} 步），即使學習率像 Wu 與 He 那樣乘以 {b}/32。", "从批量 32 到批量 {b}：{rows}。这一层在每个样本内部归一化、不用其他样本，所以它的下降来自训练，而不是来自其他样本：批量 {b} 时 {e} 个 epoch 只有 {k} 步（批量 32 时有 {k32} 步），即使学习率像 Wu 和 He 那样乘以 {b}/32。")),
    ("wuhe-short-run-one", Text::new("From batch 32 to batch {b}: {rows}. It normalizes each sample alone, so its fall comes from the training, not from the other samples: {e} epoch at batch {b} is only {k} steps (at batch 32, {k32}), even with the learning rate scaled by {b}/32 as Wu & He do.", "從批次 32 到批次 {b}：{rows}。這一層在每個樣本內部正規化、不用其他樣本，所以它的下滑來自訓練，而不是來自其他樣本：批次 {b} 時 {e} 個 epoch 只有 {k} 步（批次 32 時有 {k32} 步），即使學習率像 Wu 與 He 那樣乘以 {b}/32。", "从批量 32 到批量 {b}：{rows}。这一层在每个样本内部归一化、不用其他样本，所以它的下降来自训练，而不是来自其他样本：批量 {b} 时 {e} 个 epoch 只有 {k} 步（批量 32 时有 {k32} 步），即使学习率像 Wu 和 He 那样乘以 {b}/32。")),
    ("wuhe-none-undertrained", Text::new("Without normalization this network has barely started learning after {e} epochs at this learning rate: it is under-trained, not unable to learn, and more epochs would move it.", "沒有正規化的這個網路，以這個學習率訓練 {e} 個 epoch 後才剛開始學習：它是訓練不足，不是學不會，更多 epoch 會讓它進步。", "没有归一化的这个网络，以这个学习率训练 {e} 个 epoch 后才刚开始学习：它是训练不足，不是学不会，更多 epoch 会让它进步。")),
    ("wuhe-none-undertrained-1", Text::new("Without normalization this network has barely started learning after 1 epoch at this learning rate: it is under-trained, not unable to learn, and more epochs would move it.", "沒有正規化的這個網路，以這個學習率訓練 1 個 epoch 後才剛開始學習：它是訓練不足，不是學不會，更多 epoch 會讓它進步。", "没有归一化的这个网络，以这个学习率训练 1 个 epoch 后才刚开始学习：它是训练不足，不是学不会，更多 epoch 会让它进步。")),
    ("wuhe-run-wait", Text::new("Wu & He (2018) compared BatchNorm with GroupNorm at small batches: press Play (or Step), and from step {from}, when the test accuracy is first measured, this caption compares the two networks' test accuracy at batch {n}; now at step {k}.", "Wu 與 He（2018）比較了小批次時的 BatchNorm 與 GroupNorm：按「播放」（或「下一步」），從第一次量測測試準確率的第 {from} 步起，這段說明會比較兩個網路在批次大小 {n} 時的測試準確率；目前已訓練 {k} 步。", "Wu 和 He（2018）比较了小批量时的 BatchNorm 和 GroupNorm：按“播放”（或“下一步”），从第一次测量测试准确率的第 {from} 步起，这段说明会比较两个网络在批量大小 {n} 时的测试准确率；目前已训练 {k} 步。")),
    ("wuhe-run-measured", Text::new("Wu & He's comparison in this run, batch {n}: at step {k}, test accuracy {a} {A} and {b} {B}.", "這次訓練中的 Wu 與 He 比較，批次大小 {n}：第 {k} 步時，測試準確率 {a}（{A}）與 {b}（{B}）。", "这次训练中的 Wu 和 He 比较，批量大小 {n}：第 {k} 步时，测试准确率 {a}（{A}）和 {b}（{B}）。")),
    ("wuhe-run-behind", Text::new("BatchNorm1d is {d} points behind, as the paper's BatchNorm fell behind GroupNorm at small batches.", "BatchNorm1d 落後 {d} 個百分點，和論文中小批次時 BatchNorm 落後 GroupNorm 一樣。", "BatchNorm1d 落后 {d} 个百分点，与论文中小批量时 BatchNorm 落后 GroupNorm 一样。")),
    ("wuhe-run-close", Text::new("BatchNorm1d and GroupNorm are within 2 points of each other here, unlike the paper, where BatchNorm's error at small batches was clearly higher than GroupNorm's: a finding of this miniature, not a failure.", "這裡 BatchNorm1d 和 GroupNorm 相差不到 2 個百分點，和論文不同：論文中小批次時 BatchNorm 的錯誤率明顯高於 GroupNorm。這是縮小版的發現，不是錯誤。", "这里 BatchNorm1d 和 GroupNorm 相差不到 2 个百分点，与论文不同：论文中小批量时 BatchNorm 的错误率明显高于 GroupNorm。这是缩小版的发现，不是错误。")),
    ("wuhe-run-ahead", Text::new("BatchNorm1d is {d} points ahead here, the opposite of the paper, where BatchNorm's error at small batches was clearly higher than GroupNorm's: a finding of this miniature, not a failure.", "這裡 BatchNorm1d 領先 {d} 個百分點，和論文相反：論文中小批次時 BatchNorm 的錯誤率明顯高於 GroupNorm。這是縮小版的發現，不是錯誤。", "这里 BatchNorm1d 领先 {d} 个百分点，与论文相反：论文中小批量时 BatchNorm 的错误率明显高于 GroupNorm。这是缩小版的发现，不是错误。")),
    ("wuhe-run-not-learned", Text::new("The network {X} has not learned yet ({x} test accuracy; guessing gives 10\u{a0}%): no side to take beside the paper, whose networks had both learned.", "{X}的網路還沒學會（測試準確率 {x}；亂猜是 10\u{a0}%）：還不能和論文比較，論文中的兩個網路都學會了。", "{X}的网络还没学会（测试准确率 {x}；乱猜是 10\u{a0}%）：还不能和论文比较，论文中的两个网络都学会了。")),
    ("wuhe-run-sweep", Text::new("One run at one batch size cannot show the paper's effect, BatchNorm falling behind as the batch shrinks: the batch-size sweep below measures it, each norm trained at batch 2 … 128 (press “Run the batch-size sweep”).", "只用一個批次大小訓練一次，看不出論文的效應——批次越小 BatchNorm 越落後：下方的批次大小掃描會量測它，每種正規化都以批次大小 2 … 128 訓練（按下「執行批次大小掃描」）。", "只用一个批量大小训练一次，看不出论文的效应——批量越小 BatchNorm 越落后：下方的批量大小扫描会测量它，每种归一化都以批量大小 2 … 128 训练（按下“运行批量大小扫描”）。")),
    ("wuhe-run-sweep-done", Text::new("One run at one batch size cannot show the paper's effect, BatchNorm falling behind as the batch shrinks: the batch-size sweep below measures it, each norm trained at batch 2 … 128.", "只用一個批次大小訓練一次，看不出論文的效應——批次越小 BatchNorm 越落後：下方的批次大小掃描會量測它，每種正規化都以批次大小 2 … 128 訓練。", "只用一个批量大小训练一次，看不出论文的效应——批量越小 BatchNorm 越落后：下方的批量大小扫描会测量它，每种归一化都以批量大小 2 … 128 训练。")),
    ("wuhe-paper", Text::new("Wu & He (2018) trained ResNet-50 on ImageNet with 32 … 2 images per GPU: BatchNorm's error rose from 23.6\u{a0}% at 32 images to 34.7\u{a0}% at 2, while GroupNorm's stayed at about 24\u{a0}%.", "Wu 與 He（2018）在 ImageNet 上訓練 ResNet-50，每張 GPU 32 … 2 張圖片：BatchNorm 的錯誤率從 32 張時的 23.6\u{a0}% 升到 2 張時的 34.7\u{a0}%，GroupNorm 的則保持在約 24\u{a0}%。", "Wu 和 He（2018）在 ImageNet 上训练 ResNet-50，每块 GPU 32 … 2 张图像：BatchNorm 的错误率从 32 张时的 23.6\u{a0}% 升到 2 张时的 34.7\u{a0}%，GroupNorm 的则保持在约 24\u{a0}%。")),
    ("preset-custom", Text::new("(your own)", "（自訂）", "（自定义）")),
    ("preset-tutorial", Text::new("the tutorial's model", "教學的模型", "教程的模型")),
    ("preset-fig1", Text::new("Ioffe & Szegedy", "Ioffe 與 Szegedy", "Ioffe 和 Szegedy")),
    ("preset-wuhe", Text::new("Wu & He (batch 4)", "Wu 與 He（批次 4）", "Wu 和 He（批量 4）")),
    ("norm-none", Text::new("nothing", "無", "无")),
    ("with LayerNorm", Text::new("with LayerNorm", "有 LayerNorm", "有 LayerNorm")),
    ("with GroupNorm", Text::new("with GroupNorm", "有 GroupNorm", "有 GroupNorm")),
    ("without normalization", Text::new("without normalization", "沒有正規化", "没有归一化")),
    ("input to tanh", Text::new("input to tanh", "tanh 的輸入", "tanh 的输入")),
    ("Unit {u} of the last hidden layer: {what} over steps (15th, 50th, 85th percentile)", Text::new("Unit {u} of the last hidden layer: {what} over steps (15th, 50th, 85th percentile)", "最後一個隱藏層的單元 {u}：各步驟的 {what}（第 15、50、85 百分位數）", "最后一个隐藏层的单元 {u}：各步的 {what}（第 15、50、85 百分位数）")),
    ("sweep-steps", Text::new("steps per learning rate", "每個學習率的步數", "每个学习率的步数")),
    ("sweep-start", Text::new("Run the sweep", "執行掃描", "运行扫描")),
    ("cancel", Text::new("Cancel", "取消", "取消")),
    ("forgot-eval", Text::new("Forgot <code>model.eval()</code>? Model A (with BatchNorm1d) on the test digits", "忘了 <code>model.eval()</code>？模型 A（有 BatchNorm1d）在測試數字上的表現", "忘了 <code>model.eval()</code>？模型 A（有 BatchNorm1d）在测试数字上的表现")),
    ("opened-layer", Text::new("Opened model A's trained BatchNorm1d of hidden layer {h} (model_a[{i}], <code>BatchNorm1d({c})</code>, num_batches_tracked = {k}) in eval mode, on the outputs of the Linear layer before it (model_a[{j}]) for 64 test digits: its real input.", "已打開模型 A 訓練後第 {h} 個隱藏層的 BatchNorm1d（model_a[{i}]，<code>BatchNorm1d({c})</code>，num_batches_tracked = {k}），評估模式，輸入是 64 個測試數字經過它前面的 Linear 層（model_a[{j}]）的輸出：它真正的輸入。", "已打开模型 A 训练好的第 {h} 个隐藏层的 BatchNorm1d（model_a[{i}]，<code>BatchNorm1d({c})</code>，num_batches_tracked = {k}），处于评估模式，输入是 64 个测试数字经过它前面的 Linear 层（model_a[{j}]）后的输出：也就是它真正的输入。")),
    ("open-layer", Text::new("Open the BatchNorm1d of hidden layer {h} (model_a[{i}]) in the main view", "在主畫面打開第 {h} 個隱藏層的 BatchNorm1d（model_a[{i}]）", "在主视图中打开第 {h} 个隐藏层的 BatchNorm1d（model_a[{i}]）")),
    ("norms-intro", Text::new("What does BatchNorm1d normalize over — and what do LayerNorm, InstanceNorm1d and GroupNorm normalize over instead? The same batch goes through all four. Point at (or tap) a cell: in each grid, the outlined cells share one mean and one variance with it. The LayerNorm here is <code>LayerNorm([C, L])</code> (<code>LayerNorm([C])</code> when L = 1): each sample over C and L together; a transformer's <code>nn.LayerNorm(C)</code> on (N, L, C) normalizes each position over its own C features only.", "BatchNorm1d 在哪些值上正規化？LayerNorm、InstanceNorm1d 與 GroupNorm 又是在哪些值上？同一個批次分別送進這四種層。把游標移到（或點一下）一格：每個網格中被框起來的格子，和它共用同一組平均與變異數。這裡的 LayerNorm 是 <code>LayerNorm([C, L])</code>（L = 1 時是 <code>LayerNorm([C])</code>）：每個樣本在 C 與 L 上一起正規化；Transformer 的 <code>nn.LayerNorm(C)</code> 作用在 (N, L, C) 上，每個位置只在自己的 C 個特徵上正規化。", "BatchNorm1d 在哪些值上做归一化？LayerNorm、InstanceNorm1d 和 GroupNorm 又在哪些值上？同一个批量分别送入这四种层。将指针移到（或点按）一个格子上：每个网格中被框出的格子与它共用同一个均值和同一个方差。这里的 LayerNorm 是 <code>LayerNorm([C, L])</code>（L = 1 时为 <code>LayerNorm([C])</code>）：每个样本在 C 和 L 上一起归一化；Transformer 中的 <code>nn.LayerNorm(C)</code> 作用于 (N, L, C)，每个位置只在自己的 C 个特征上归一化。")),
    ("n-refusing", Text::new("{names} cannot take this batch: the reason is under the grids.", "{names} 無法處理這個批次：原因在網格下方。", "{names} 无法处理这个批量：原因在网格下方。")),
    ("n-bounds", Text::new("N, C, L and G: whole numbers from 1 to 16.", "N、C、L 與 G：1 到 16 的整數。", "N、C、L 和 G：1 到 16 的整数。")),
    ("the-batch", Text::new("The batch (N, C, L)", "批次 (N, C, L)", "批量 (N, C, L)")),
    ("t-over", Text::new("normalizes over", "正規化的範圍", "归一化范围")),
    ("t-batch-dep", Text::new("in training, depends on the other samples?", "訓練時受同批其他樣本影響？", "训练时受同一批量中其他样本影响？")),
    ("t-running", Text::new("running statistics?", "移動統計？", "运行统计量？")),
    ("t-train-eval", Text::new("train and eval differ (default settings)?", "訓練與評估不同（預設設定下）？", "训练与评估不同（默认设置下）？")),
    ("t-used", Text::new("used in", "常見用途", "常见用途")),
    ("yes", Text::new("yes", "是", "是")),
    ("no", Text::new("no", "否", "否")),
    ("r-bn-over", Text::new("each feature, over N (and L)", "每個特徵，跨 N（與 L）", "每个特征，跨 N（和 L）")),
    ("r-bn-running", Text::new("yes by default: running_<wbr>mean, running_<wbr>var", "預設有：running_<wbr>mean、running_<wbr>var", "默认有：running_<wbr>mean、running_<wbr>var")),
    ("r-bn-used", Text::new("MLPs and CNNs, with batches that are not too small", "MLP 與 CNN（批次不能太小）", "MLP 和 CNN（批量不能太小）")),
    ("r-ln-over", Text::new("here <code>LayerNorm([C, L])</code>: each sample, over C and L together; in a transformer, <code>nn.LayerNorm(C)</code> on (N, L, C): each position, over its C features only", "這裡的 <code>LayerNorm([C, L])</code>：每個樣本，跨 C 與 L 一起；Transformer 裡的 <code>nn.LayerNorm(C)</code> 作用在 (N, L, C)：每個位置，只跨自己的 C 個特徵", "这里的 <code>LayerNorm([C, L])</code>：每个样本，跨 C 和 L 一起；Transformer 中的 <code>nn.LayerNorm(C)</code> 作用于 (N, L, C)：每个位置，只跨自己的 C 个特征")),
    ("r-ln-used", Text::new("transformers (<code>nn.<wbr>LayerNorm(<wbr>d_<wbr>model)</code>, per position) and RNNs (per time step)", "Transformer（<code>nn.<wbr>LayerNorm(<wbr>d_<wbr>model)</code>，逐位置）與 RNN（逐時間步）", "Transformer（<code>nn.<wbr>LayerNorm(<wbr>d_<wbr>model)</code>，逐位置）和 RNN（逐时间步）")),
    ("r-in-over", Text::new("each sample and feature, over L", "每個樣本的每個特徵，跨 L", "每个样本的每个特征，跨 L")),
    ("r-in-running", Text::new("not by default (track_<wbr>running_<wbr>stats=<wbr>False)", "預設沒有（track_<wbr>running_<wbr>stats=<wbr>False）", "默认没有（track_<wbr>running_<wbr>stats=<wbr>False）")),
    ("r-in-train-eval", Text::new("not by default", "預設不會", "默认不会")),
    ("r-in-used", Text::new("style transfer", "風格轉換", "风格迁移")),
    ("r-gn-over", Text::new("each sample, over a group of C/G features (and L)", "每個樣本，跨一組 C/G 個特徵（與 L）", "每个样本，跨一组 C/G 个特征（和 L）")),
    ("r-gn-used", Text::new("detection and segmentation with small batches", "批次很小時的物件偵測與影像分割", "批量很小时的目标检测与图像分割")),
    ("No sweep yet — press “Run the sweep” below", Text::new("No sweep yet — press “Run the sweep” below", "還沒有掃描——按下方的「執行掃描」", "还没有扫描——请按下方的“运行扫描”")),
    ("fold-title", Text::new("In eval mode BatchNorm is a per-feature affine map, y = a·x + b: fold it into the Linear before it", "評估模式下 BatchNorm 是逐特徵的仿射變換 y = a·x + b：把它折疊進前面的 Linear", "评估模式下 BatchNorm 是逐特征的仿射变换 y = a·x + b：把它折叠进前面的 Linear")),
    ("per sample and feature, over L", Text::new("per sample and feature, over L", "每個樣本的每個特徵，跨 L", "每个样本的每个特征，跨 L")),
    ("per sample, over a group of C/G features and L", Text::new("per sample, over a group of C/G features and L", "每個樣本，跨一組 C/G 個特徵與 L", "每个样本，跨一组 C/G 个特征和 L")),
    ("outlined: same mean and σ as the chosen value", Text::new("outlined: same mean and σ as the chosen value", "外框：與所選的值共用平均與 σ", "框出：与所选的值共用均值和 σ")),
    ("chosen x[{i}] = {x}", Text::new("chosen x[{i}] = {x}", "所選 x[{i}] = {x}", "所选 x[{i}] = {x}")),
    ("NaN or missing", Text::new("NaN or missing", "NaN 或缺值", "NaN 或缺失")),
    ("per sample, over a group of C/G features", Text::new("per sample, over a group of C/G features", "每個樣本，跨一組 C/G 個特徵", "每个样本，跨一组 C/G 个特征")),
    ("in-nc-note", Text::new("InstanceNorm1d is given this batch as (N, C, 1), which it refuses (above). Given (N, C), without L, it would not refuse it: PyTorch reads (N, C) as one sample whose N rows are its channels, warns when N is not num_features, and normalizes each row over its C values.", "InstanceNorm1d 拿到的是 (N, C, 1) 形狀的這個批次，它會拒絕（見上）。如果給它沒有 L 的 (N, C)，它不會拒絕：PyTorch 把 (N, C) 當成單一樣本，N 列是它的通道；N 不等於 num_features 時會發出警告，並在每列的 C 個值上正規化。", "InstanceNorm1d 拿到的是 (N, C, 1) 形状的这个批量，它会拒绝（见上）。如果给它不带 L 的 (N, C)，它不会拒绝：PyTorch 把 (N, C) 当作单个样本，N 行是它的通道；N 不等于 num_features 时会发出警告，并在每行的 C 个值上做归一化。")),
    ("norms-code-batch", Text::new("another batch of the page's shape: what is printed below holds for any batch", "與頁面形狀相同的另一個批次：下面印出的結果對任何批次都成立", "与页面形状相同的另一个批量：下面打印的结果对任何批量都成立")),
    ("norms-code-zero", Text::new("+ 0.0 prints -0. (a mean a hair below 0, rounded) as 0.", "+ 0.0 讓 -0.（略小於 0 的平均，四捨五入後）印成 0.", "+ 0.0 让 -0.（略小于 0 的均值，四舍五入后）打印成 0.")),
    ("norms-code-show", Text::new("the mean and the variance (÷ the number of values in the group) of y over dim, one for each group of values that share them: 0, and σ²/(σ² + eps), which is 1 unless the group's values are close together", "y 沿 dim 的平均與變異數（÷ 組內值的個數），每組一個：平均為 0，變異數為 σ²/(σ² + eps)，除非組內的值非常接近，否則約為 1", "y 沿 dim 的均值和方差（÷ 组内值的个数），每组一个：均值为 0，方差为 σ²/(σ² + eps)，除非组内的值非常接近，否则约为 1")),
    ("norms-code-show-single", Text::new("the mean and the variance (÷ the number of values in the group) of y over dim, one for each group of values that share them: 0, and σ²/(σ² + eps), which is 1 unless the group's values are close together; a group of a single value gives 0 and 0", "y 沿 dim 的平均與變異數（÷ 組內值的個數），每組一個：平均為 0，變異數為 σ²/(σ² + eps)，除非組內的值非常接近，否則約為 1；只有一個值的組則是 0 與 0", "y 沿 dim 的均值和方差（÷ 组内值的个数），每组一个：均值为 0，方差为 σ²/(σ² + eps)，除非组内的值非常接近，否则约为 1；只有一个值的组则是 0 和 0")),
    ("norms-code-refused", Text::new("PyTorch refuses, as the chart shows: print its words", "PyTorch 拒絕，和圖上顯示的一樣：印出它的訊息", "PyTorch 拒绝，和图上显示的一样：打印它的报错信息")),
    ("norms-one-value", Text::new("Training needs more than one value per feature: input {shape} gives each feature a single value, its own batch mean μ: x − μ is 0 whatever x is, so the output could not depend on the input. Use a batch of 2 or more (or L of 2 or more). (In eval mode, which this view does not run, BatchNorm1d would normalize with its running statistics and accept it.)", "訓練需要每個特徵有一個以上的值：輸入 {shape} 讓每個特徵只有一個值，這個值就是自己的批次平均 μ：不論 x 為何，x − μ 都是 0，輸出與輸入無關。請用 2 個以上樣本的批次（或 L 為 2 以上）。（在評估模式下——這個畫面不執行評估模式——BatchNorm1d 會用移動統計正規化，因而接受它。）", "训练要求每个特征有不止一个值：输入 {shape} 使每个特征只有一个值，这个值就是它自己的批量均值 μ：无论 x 是多少，x − μ 都是 0，输出与输入无关。请使用 2 个或更多样本的批量（或令 L 为 2 或更大）。（在评估模式下——这个视图不运行评估模式——BatchNorm1d 会用运行统计量归一化，因而接受它。）")),
    ("showing samples {r0}–{r1}, features {f0}–{f1}", Text::new("showing samples {r0}–{r1}, features {f0}–{f1}", "只顯示樣本 {r0}–{r1}、特徵 {f0}–{f1}", "仅显示样本 {r0}–{r1}、特征 {f0}–{f1}")),
    ("showing samples {r0}–{r1}, features {f0}–{f1}, positions {p0}–{p1}", Text::new("showing samples {r0}–{r1}, features {f0}–{f1}, positions {p0}–{p1}", "只顯示樣本 {r0}–{r1}、特徵 {f0}–{f1}、位置 {p0}–{p1}", "仅显示样本 {r0}–{r1}、特征 {f0}–{f1}、位置 {p0}–{p1}")),
    ("Each layer's output y", Text::new("Each layer's output y", "各層的輸出 y", "各层的输出 y")),
    // The grid's name in a notice (it draws no title of its own): the view's, as its tab says.
    ("norm-grid-name", Text::new("Which axis?", "哪個軸？", "哪个轴？")),
    ("feature {c}: all samples and positions", Text::new("feature {c}: all samples and positions", "特徵 {c}：所有樣本與位置", "特征 {c}：所有样本和位置")),
    ("sample {n}: all features and positions", Text::new("sample {n}: all features and positions", "樣本 {n}：所有特徵與位置", "样本 {n}：所有特征和位置")),
    ("feature {c}: all samples", Text::new("feature {c}: all samples", "特徵 {c}：所有樣本", "特征 {c}：所有样本")),
    ("sample {n}: all features", Text::new("sample {n}: all features", "樣本 {n}：所有特徵", "样本 {n}：所有特征")),
    ("feature {c}", Text::new("feature {c}", "特徵 {c}", "特征 {c}")),
    ("sample {n}", Text::new("sample {n}", "樣本 {n}", "样本 {n}")),
    ("mean {m}, σ {s}", Text::new("mean {m}, σ {s}", "平均 {m}，σ {s}", "均值 {m}，σ {s}")),
    ("μ {m}, σ {s}", Text::new("μ {m}, σ {s}", "μ {m}，σ {s}", "μ {m}，σ {s}")),
    ("no values", Text::new("no values", "沒有值", "没有值")),
    ("Training loss and test accuracy", Text::new("Training loss and test accuracy", "訓練損失與測試準確率", "训练损失与测试准确率")),
    ("↑ above the top: up to {v}", Text::new("↑ above the top: up to {v}", "↑ 超出上緣，最高達 {v}", "↑ 超出上沿，最高达 {v}")),
    ("loss now {a} vs {b}", Text::new("loss now {a} vs {b}", "目前損失 {a} vs {b}", "当前损失 {a} vs {b}")),
    ("{model}: loss now {v}", Text::new("{model}: loss now {v}", "{model}：目前損失 {v}", "{model}：当前损失 {v}")),
    ("{model}: diverged (NaN) at step {k}", Text::new("{model}: diverged (NaN) at step {k}", "{model}：在第 {k} 步發散（NaN）", "{model}：在第 {k} 步发散（NaN）")),
    ("{model}: diverged (NaN) by step {k}", Text::new("{model}: diverged (NaN) by step {k}", "{model}：第 {k} 步前已發散（NaN）", "{model}：第 {k} 步之前已发散（NaN）")),
    ("NaN (diverged at step {k})", Text::new("NaN (diverged at step {k})", "NaN（在第 {k} 步發散）", "NaN（在第 {k} 步发散）")),
    ("NaN (diverged by step {k})", Text::new("NaN (diverged by step {k})", "NaN（第 {k} 步前已發散）", "NaN（第 {k} 步之前已发散）")),
    ("t-speed-1", Text::new("1 / frame", "每幀 1 步", "每帧 1 步")),
    ("t-speed-10", Text::new("10 / frame", "每幀 10 步", "每帧 10 步")),
    ("t-speed-100", Text::new("100 / frame", "每幀 100 步", "每帧 100 步")),
    ("No training loss yet — press Step", Text::new("No training loss yet — press Step", "還沒有訓練損失——按「下一步」", "还没有训练损失——请按“下一步”")),
    ("accuracy at step {k}: {a} vs {b}", Text::new("accuracy at step {k}: {a} vs {b}", "第 {k} 步時的準確率 {a} vs {b}", "第 {k} 步时的准确率 {a} vs {b}")),
    ("{model}: accuracy {v} at step {k}", Text::new("{model}: accuracy {v} at step {k}", "{model}：第 {k} 步時的準確率 {v}", "{model}：第 {k} 步时的准确率 {v}")),
    ("loss", Text::new("loss", "損失", "损失")),
    ("test accuracy", Text::new("test accuracy", "測試準確率", "测试准确率")),
    ("no test accuracy measured yet", Text::new("no test accuracy measured yet", "還沒有量測測試準確率", "还没有测量测试准确率")),
    ("Hidden unit {u}: input to ReLU over steps (15th, 50th, 85th percentile)", Text::new("Hidden unit {u}: input to ReLU over steps (15th, 50th, 85th percentile)", "隱藏單元 {u}：各步驟送進 ReLU 的值（第 15、50、85 百分位數）", "隐藏单元 {u}：各步中 ReLU 的输入（第 15、50、85 百分位数）")),
    ("50th percentile", Text::new("50th percentile", "第 50 百分位數", "第 50 百分位数")),
    ("15th to 85th", Text::new("15th to 85th", "第 15 到 85 百分位數", "第 15 到 85 百分位数")),
    ("{model}: 50th {p50} (15th {p15}, 85th {p85})", Text::new("{model}: 50th {p50} (15th {p15}, 85th {p85})", "{model}：第 50 百分位 {p50}（第 15 {p15}，第 85 {p85}）", "{model}：第 50 百分位 {p50}（第 15 {p15}，第 85 {p85}）")),
    ("{model}: no values yet", Text::new("{model}: no values yet", "{model}：還沒有值", "{model}：还没有值")),
    ("Learning-rate sweep: test accuracy after {steps} steps", Text::new("Learning-rate sweep: test accuracy after {steps} steps", "學習率掃描：訓練 {steps} 步後的測試準確率", "学习率扫描：训练 {steps} 步后的测试准确率")),
    ("Learning-rate sweep: test accuracy after 1 step", Text::new("Learning-rate sweep: test accuracy after 1 step", "學習率掃描：訓練 1 步後的測試準確率", "学习率扫描：训练 1 步后的测试准确率")),
    ("not run yet", Text::new("not run yet", "尚未執行", "尚未运行")),
    ("{model}: best {acc} at learning rate {lr}", Text::new("{model}: best {acc} at learning rate {lr}", "{model}：最佳 {acc}，學習率 {lr}", "{model}：最佳 {acc}，学习率 {lr}")),
    ("best {a} vs {b}", Text::new("best {a} vs {b}", "最佳 {a} vs {b}", "最佳 {a} vs {b}")),
    ("{acc} at lr {lr}", Text::new("{acc} at lr {lr}", "{acc}（lr {lr}）", "{acc}（lr {lr}）")),
    ("no run finished yet", Text::new("no run finished yet", "還沒有完成任何一次執行", "还没有完成任何一次运行")),
    ("learning rate (log scale)", Text::new("learning rate (log scale)", "學習率（對數刻度）", "学习率（对数刻度）")),
    ("Test digits and the two models' guesses", Text::new("Test digits and the two models' guesses", "測試數字與兩個模型的猜測", "测试数字与两个模型的预测")),
    ("{m}: {name}", Text::new("{m}: {name}", "{m}：{name}", "{m}：{name}")),
    ("BN", Text::new("BN", "BN", "BN")),
    ("no BN", Text::new("no BN", "無 BN", "无 BN")),
    ("noisy BN", Text::new("noisy BN", "加雜訊 BN", "加噪声 BN")),
    ("LN", Text::new("LN", "LN", "LN")),
    ("GN", Text::new("GN", "GN", "GN")),
    ("no norm", Text::new("no norm", "無正規化", "无归一化")),
    ("{who} ({k} of {n} right)", Text::new("{who} ({k} of {n} right)", "{who}（答對 {k}/{n}）", "{who}（答对 {k}/{n}）")),
    ("label {d}", Text::new("label {d}", "標籤 {d}", "标签 {d}")),
    ("{m}: {d}", Text::new("{m}: {d}", "{m}：{d}", "{m}：{d}")),
    ("{name}: mean {m}, σ {s}", Text::new("{name}: mean {m}, σ {s}", "{name}：平均 {m}，σ {s}", "{name}：均值 {m}，σ {s}")),
];

/// Keys the page asked for that the table does not hold: a missing translation, which the page
/// shows in English. The tests check that this stays empty.
static MISSING: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Every entry this build has: the other views' words only in the full module.
fn entries() -> impl Iterator<Item = &'static (&'static str, Text)> {
    TABLE.iter().chain(if crate::FULL { OTHER_VIEWS } else { &[] })
}

/// The table's entry for `key`, if it has one.
fn lookup(key: &str) -> Option<&'static Text> {
    entries().find(|(k, _)| *k == key).map(|(_, text)| text)
}

/// The text for `key` (an HTML key or Rust's English words) in `lang`; the key itself if unknown
/// (and the key is noted in [`missing_keys`]).
pub fn t(lang: Lang, key: &str) -> String {
    match lookup(key) {
        Some(text) => text.get(lang).to_string(),
        None => {
            if let Ok(mut missing) = MISSING.lock() {
                if !missing.iter().any(|k| k == key) {
                    missing.push(key.to_string());
                }
            }
            key.to_string()
        }
    }
}

/// Every key asked for so far that has no entry in the table.
pub fn missing_keys() -> Vec<String> {
    MISSING.lock().map(|m| m.clone()).unwrap_or_default()
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// `t` then `fill`.
pub fn tf(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    fill(&t(lang, key), values)
}

/// The space between `text` and what a sentence joins after it: none after Chinese full-width
/// punctuation ("先預測：", "對數刻度，", "。"), whose glyph holds its own space ("先预测： …" and
/// "对数刻度， 1e-08" showed a gap too wide), else one. Trailing tags are looked through
/// ("<b>先预测：</b>").
pub fn gap_after(text: &str) -> &'static str {
    let mut rest = text.trim_end();
    while let Some(open) = rest.strip_suffix('>').and_then(|r| r.rfind('<')) {
        rest = rest[..open].trim_end();
    }
    if rest.chars().next_back().is_some_and(full_width_punctuation) {
        ""
    } else {
        " "
    }
}

/// The space between `before` and `after`: [`gap_after`]'s, and none before Chinese full-width
/// punctuation either (a lesson's "梯度之和为零 （1/2）" had a gap before its counter). Leading tags
/// are looked through ("<small>（1/2）</small>").
pub fn gap_between(before: &str, after: &str) -> &'static str {
    let mut rest = after.trim_start();
    while let Some(close) = rest.strip_prefix('<').and_then(|r| r.find('>')) {
        rest = rest[close + 2..].trim_start();
    }
    if rest.chars().next().is_some_and(full_width_punctuation) {
        ""
    } else {
        gap_after(before)
    }
}

/// The mark that ends a sentence in `lang`: "." in English, "。" in Chinese.
pub fn full_stop(lang: Lang) -> &'static str {
    if lang == Lang::En {
        "."
    } else {
        "。"
    }
}

/// Sentences one after another, the empty ones left out, each joined by the page's one rule
/// ([`gap_between`]): a space after "." in English, none after Chinese "。" ("。 和论文一样" had a
/// stray space) nor before "（".
pub fn sentences<S: AsRef<str>>(parts: &[S]) -> String {
    let mut out = String::new();
    for part in parts.iter().map(AsRef::as_ref).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push_str(gap_between(&out, part));
        }
        out.push_str(part);
    }
    out
}

/// Parts as paragraphs, a blank line apart (the page keeps a caption's line breaks: style.css).
pub fn paragraphs<S: AsRef<str>>(parts: &[S]) -> String {
    parts.iter().map(AsRef::as_ref).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}

/// CJK punctuation (、。「」（）…) and the full-width forms of ASCII punctuation (：，；！？).
pub fn full_width_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// Every HTML key, for the page to translate its labels: lower-case words, digits and hyphens
/// (`t-speed-10`, `preset-fig1`: with digits left out, the Train view's speeds and a preset stayed
/// in English in Chinese).
pub fn html_keys() -> impl Iterator<Item = &'static str> {
    entries().map(|(k, _)| *k).filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
}

/// The names a refusal gives to what it refuses (`what` in [`BnError`]): (English, 繁體, 简体).
static WHAT: &[Text] = &[
    Text::new("norm", "正規化層", "归一化层"),
    Text::new("activation", "激勵函數", "激活函数"),
    Text::new("preset", "範例網路", "示例网络"),
    Text::new("upstream gradient", "上游梯度", "上游梯度"),
    Text::new("num_features", "num_features", "num_features"),
    Text::new("tsteps", "tsteps", "tsteps"),
    Text::new("target t", "目標 t", "目标 t"),
    Text::new("input", "輸入", "输入"),
    Text::new("running statistics to fold", "可以折疊的移動統計", "可以折叠的运行统计量"),
    Text::new("upstream", "上游梯度", "上游梯度"),
    Text::new("backward", "反向傳播", "反向传播"),
    Text::new("γ and β (affine=False)", "γ 與 β（affine=False）", "γ 和 β（affine=False）"),
    Text::new("momentum", "momentum", "momentum"),
    Text::new("γ", "γ", "γ"),
    Text::new("β", "β", "β"),
    Text::new("spread", "各特徵的標準差", "各特征的标准差"),
    Text::new("value of this sample", "這個樣本的值", "这个样本的值"),
    Text::new("speed", "速度", "速度"),
    Text::new("steps per learning rate", "每個學習率的步數", "每个学习率的步数"),
    Text::new("mode", "模式", "模式"),
    Text::new("language", "語言", "语言"),
    Text::new("view", "畫面", "视图"),
    Text::new("key", "按鍵", "按键"),
    Text::new("csv", "CSV", "CSV"),
    Text::new("lesson", "課程", "课程"),
    Text::new("digits", "手寫數字", "手写数字"),
    Text::new("C", "C", "C"),
    Text::new("L", "L", "L"),
    Text::new("N", "N", "N"),
    Text::new("N·C·L (values in one batch)", "N·C·L（一個批次的值數）", "N·C·L（一个批量中的值个数）"),
    Text::new(
        "multiply-adds in one step (batch size × weights)",
        "一步的乘加次數（批次大小 × 權重數）",
        "一步的乘加次数（批量大小 × 权重数）",
    ),
    Text::new(
        "multiply-adds in one step with the probe (batch size × weights)",
        "開啟探測時一步的乘加次數（批次大小 × 權重數）",
        "开启探测时一步的乘加次数（批量大小 × 权重数）",
    ),
    Text::new(
        "multiply-adds in one step of the batch-size sweep (128 × weights)",
        "批次大小掃描中一步的乘加次數（128 × 權重數）",
        "批量大小扫描中一步的乘加次数（128 × 权重数）",
    ),
    Text::new("SGD momentum", "SGD 動量（momentum）", "SGD 动量（momentum）"),
    Text::new("SGD's momentum", "SGD 的動量（momentum）", "SGD 的动量（momentum）"),
    Text::new(
        "SGD's momentum buffers (one per parameter)",
        "SGD 的動量緩衝區（每個參數一個）",
        "SGD 的动量缓冲区（每个参数一个）",
    ),
    Text::new(
        "BatchNorm (the state_dict has 1.num_batches_tracked)",
        "BatchNorm（state_dict 裡有 1.num_batches_tracked）",
        "BatchNorm（state_dict 中有 1.num_batches_tracked）",
    ),
    Text::new("BatchNorm1d", "BatchNorm1d", "BatchNorm1d"),
    Text::new("L (the positions per channel)", "L（每個通道的位置數）", "L（每个通道的位置数）"),
    Text::new("batch size N", "批次大小 N", "批量大小 N"),
    Text::new("batch size", "批次大小", "批量大小"),
    Text::new("the batch size", "批次大小", "批量大小"),
    Text::new("class", "類別", "类别"),
    Text::new("distribution", "分布", "分布"),
    Text::new("eps", "eps", "eps"),
    Text::new("eps position", "eps 滑桿位置", "eps 滑块位置"),
    Text::new("every value of your data", "你的資料的每個值", "你的数据中的每个值"),
    Text::new("your data", "你的資料", "你的数据"),
    Text::new("feature", "特徵", "特征"),
    Text::new("position", "位置", "位置"),
    Text::new("grad_output", "grad_output", "grad_output"),
    Text::new("group", "群組", "组"),
    Text::new("groups G", "群組數 G", "组数 G"),
    Text::new("hidden unit", "隱藏單元", "隐藏单元"),
    Text::new("hidden layers", "隱藏層數", "隐藏层数"),
    Text::new("width", "單元數", "单元数"),
    Text::new("groups", "群組數", "组数"),
    Text::new("noise", "雜訊", "噪声"),
    Text::new("epochs per run", "每次執行的 epoch 數", "每次运行的 epoch 数"),
    Text::new("image", "圖片", "图像"),
    Text::new("learning rate", "學習率", "学习率"),
    Text::new("the learning rate", "學習率", "学习率"),
    Text::new("length L", "長度 L", "长度 L"),
    Text::new("lesson stage", "課程頁", "课程页"),
    Text::new("working setup for this lesson stage", "這一課程頁可用的設定", "这一课程页可用的设置"),
    Text::new("offset", "特徵平均的中心", "各特征均值的中心"),
    Text::new("shift", "各特徵的位移", "各特征的偏移"),
    Text::new("sample", "樣本", "样本"),
    Text::new("seed", "亂數種子", "随机种子"),
    Text::new("steps to replay", "要重播的步數", "要重放的步数"),
    Text::new("the gradients (one per parameter)", "梯度（每個參數一個）", "梯度（每个参数一个）"),
    Text::new("the images (whole rows of the model's inputs)", "圖片（模型輸入的完整列）", "图像（模型输入的完整行）"),
    Text::new("the input", "輸入", "输入"),
    Text::new("the layer's input", "這一層的輸入", "这一层的输入"),
    Text::new(
        "the input's number of values (the product of its dims)",
        "輸入的值數（各維度的乘積）",
        "输入的值个数（各维度的乘积）",
    ),
    Text::new("the labels (one per image)", "標籤（每張圖片一個）", "标签（每张图像一个）"),
    Text::new("the labels (one per sample)", "標籤（每個樣本一個）", "标签（每个样本一个）"),
    Text::new("the number of dimensions of normalized_shape", "normalized_shape 的維度數", "normalized_shape 的维数"),
    Text::new("the product of normalized_shape", "normalized_shape 的乘積", "normalized_shape 的乘积"),
    Text::new(
        "the state_dict's tensors (it has keys this model does not)",
        "state_dict 的張量（它有這個模型沒有的鍵）",
        "state_dict 中的张量（它有这个模型没有的键）",
    ),
    Text::new("the test fraction", "測試資料的比例", "测试数据的比例"),
    Text::new("the number of hidden layers", "隱藏層數", "隐藏层数"),
    Text::new("the number of layers", "層數", "层数"),
    Text::new("the number of layers with weights", "有權重的層數", "有权重的层数"),
    Text::new("in_features", "in_features", "in_features"),
    Text::new("out_features", "out_features", "out_features"),
    Text::new("a Linear layer's in_features", "Linear 層的 in_features", "Linear 层的 in_features"),
    Text::new("a Linear layer's out_features", "Linear 層的 out_features", "Linear 层的 out_features"),
    Text::new("BatchNorm1d's num_features", "BatchNorm1d 的 num_features", "BatchNorm1d 的 num_features"),
    Text::new("LayerNorm's normalized_shape", "LayerNorm 的 normalized_shape", "LayerNorm 的 normalized_shape"),
    Text::new("GroupNorm's num_channels", "GroupNorm 的 num_channels", "GroupNorm 的 num_channels"),
    Text::new(
        "each sample's features entering a Linear layer (its in_features; the layer before it gives a different width)",
        "進入 Linear 層的每個樣本的特徵數（它的 in_features；前一層給出的寬度不同）",
        "进入 Linear 层的每个样本的特征数（它的 in_features；前一层给出的宽度不同）",
    ),
    Text::new(
        "each sample's features entering BatchNorm1d (its num_features; the layer before it gives a different width)",
        "進入 BatchNorm1d 的每個樣本的特徵數（它的 num_features；前一層給出的寬度不同）",
        "进入 BatchNorm1d 的每个样本的特征数（它的 num_features；前一层给出的宽度不同）",
    ),
    Text::new(
        "each sample's features entering LayerNorm (its normalized_shape; the layer before it gives a different width)",
        "進入 LayerNorm 的每個樣本的特徵數（它的 normalized_shape；前一層給出的寬度不同）",
        "进入 LayerNorm 的每个样本的特征数（它的 normalized_shape；前一层给出的宽度不同）",
    ),
    Text::new(
        "each sample's features entering GroupNorm (its num_channels; the layer before it gives a different width)",
        "進入 GroupNorm 的每個樣本的特徵數（它的 num_channels；前一層給出的寬度不同）",
        "进入 GroupNorm 的每个样本的特征数（它的 num_channels；前一层给出的宽度不同）",
    ),
    Text::new(
        "each sample's features entering an activation",
        "進入激勵函數的每個樣本的特徵數",
        "进入激活函数的每个样本的特征数",
    ),
    Text::new("value", "值", "值"),
    Text::new("weight (γ)", "weight（γ）", "weight（γ）"),
    Text::new(
        "γ and β: it was built with affine=False",
        "γ 與 β：它是以 affine=False 建立的",
        "γ 和 β：它是用 affine=False 创建的",
    ),
    Text::new(
        "running statistics: it was built with track_running_stats=False",
        "移動統計：它是以 track_running_stats=False 建立的",
        "运行统计量：它是用 track_running_stats=False 创建的",
    ),
];

/// A refusal's `what` in `lang` (as it is, if it is a name the table does not hold).
fn what(lang: Lang, what: &str) -> String {
    match WHAT.iter().find(|text| text.en == what) {
        Some(text) => text.get(lang).to_string(),
        None => what.to_string(),
    }
}

/// A name at the start of a Chinese sentence: a space after it only when it ends in Latin
/// letters ("num_features 必须", but "随机种子必须": no space between Chinese words).
fn subject(lang: Lang, name: &str) -> String {
    let name = what(lang, name);
    if name.ends_with(|c: char| c.is_ascii_alphanumeric() || c == ')' || c == '_') {
        name + " "
    } else {
        name
    }
}

/// "s" after a count other than one (English only: Chinese nouns have no plural).
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The sentence in `lang`, written out for each language; only the one asked for is built.
macro_rules! say {
    ($lang:expr, $en:expr, $hant:expr, $hans:expr $(,)?) => {
        match $lang {
            Lang::En => $en,
            Lang::ZhHant => $hant,
            Lang::ZhHans => $hans,
        }
    };
}

/// What a chosen file too long for the CSV box is, said in the box above its first lines and in
/// the notice: its size on disk, its lines that are not blank and the first line's columns ("1
/// line", "1 column": English counts in the singular).
pub fn chosen_file(lang: Lang, size: usize, lines: usize, columns: usize) -> String {
    let (l, c) = (plural(lines), plural(columns));
    say!(
        lang,
        format!("A file of {size} bytes is chosen: {lines} line{l}, the first of {columns} column{c}. The box shows its first lines; “Step with this data” reads the whole file while this text is unchanged."),
        format!("已選擇 {size} 位元組的檔案：{lines} 列，第一列有 {columns} 欄。方框只顯示前幾列；只要這段文字不變，「用這份資料執行一步」就會讀取整個檔案。"),
        format!("已选择 {size} 字节的文件：{lines} 行，第一行有 {columns} 列。文本框只显示前几行；只要这段文字不变，“用这些数据执行一步”就会读取整个文件。"),
    )
}

/// A pasted text longer than the box shows (a CSV of one line of 2 MB put there froze the page
/// for a second): kept as a chosen file is, said as what it is.
pub fn pasted_text(lang: Lang, size: usize, lines: usize, columns: usize) -> String {
    let (l, c) = (plural(lines), plural(columns));
    say!(
        lang,
        format!("A pasted text of {size} bytes: {lines} line{l}, the first of {columns} column{c}. The box shows its first lines; “Step with this data” reads the whole text while this one is unchanged."),
        format!("已貼上 {size} 位元組的文字：{lines} 列，第一列有 {columns} 欄。方框只顯示前幾列；只要這段文字不變，「用這份資料執行一步」就會讀取整段貼上的文字。"),
        format!("已粘贴 {size} 字节的文本：{lines} 行，第一行有 {columns} 列。文本框只显示前几行；只要这段文字不变，“用这些数据执行一步”就会读取整段粘贴的文本。"),
    )
}

/// A short chosen file is in the box: what the student does next.
pub fn file_in_box(lang: Lang) -> String {
    say!(
        lang,
        "The file is in the box above: “Step with this data” uses it (edit it first if you like).".to_string(),
        "檔案已放進上方的方框：按「用這份資料執行一步」就會使用它（想先修改也可以）。".to_string(),
        "文件已放进上方的文本框：按“用这些数据执行一步”就会使用它（也可以先修改）。".to_string(),
    )
}

/// A link asked for more than it may replay: the steps the page ran (the first one included)
/// and what it left out, steps and changes counted apart.
pub fn link_cut(lang: Lang, ran: u64, steps: u64, changes: u64) -> String {
    let s = |n: u64| plural(n as usize);
    let left = match (steps, changes) {
        (0, c) => say!(lang, format!("{c} change{}", s(c)), format!("{c} 個改動"), format!("{c} 个改动")),
        (k, 0) => say!(lang, format!("{k} step{}", s(k)), format!("{k} 步"), format!("{k} 步")),
        (k, c) => say!(
            lang,
            format!("{k} step{} and {c} change{}", s(k), s(c)),
            format!("{k} 步與 {c} 個改動"),
            format!("{k} 步和 {c} 个改动"),
        ),
    };
    say!(
        lang,
        format!("do= asks for more than a link may replay: the page ran {ran} step{} and left out {left}.", s(ran)),
        format!("do= 要求的比一個連結可重播的多：頁面執行了 {ran} 步，略過了 {left}。"),
        format!("do= 要求的比一个链接可重放的多：页面运行了 {ran} 步，略过了 {left}。"),
    )
}

/// Training steps asked for beyond what the page replays (`asked` in the address, `ran` of them
/// run): a shared link's budget, or the larger one of the page's own history (`own`: a reload,
/// the full module taking over), said without blaming a link.
pub fn train_cut(lang: Lang, own: bool, asked: u64, ran: u64) -> String {
    let left = asked.saturating_sub(ran);
    match own {
        false => say!(
            lang,
            format!("tsteps= asks for more training steps than a link may replay: the page runs {ran} and leaves out {left}."),
            format!("tsteps= 要求的訓練步數比一個連結可重播的多：頁面執行 {ran} 步，略過 {left} 步。"),
            format!("tsteps= 要求的训练步数比一个链接可重放的多：页面运行 {ran} 步，略过 {left} 步。"),
        ),
        true => say!(
            lang,
            format!("Your {asked} training steps are more than the page redoes: it redoes {ran} and leaves out {left}."),
            format!("你的 {asked} 步訓練超過頁面可重做的步數：頁面重做 {ran} 步，略過 {left} 步。"),
            format!("你的 {asked} 步训练超过页面可重做的步数：页面重做 {ran} 步，略过 {left} 步。"),
        ),
    }
}

/// What gives each feature more than one value, in each language: a batch of 2 or more, and for
/// an (N, C, L) input a length of 2 or more too (N = 1 with L = 5 trains: truth38).
fn more_values(shape: &[usize]) -> [&'static str; 3] {
    if shape.len() == 3 {
        [
            "Use a batch of 2 or more (or a length L of 2 or more)",
            "請用 2 個以上樣本的批次（或長度 L 為 2 以上）",
            "请使用 2 个或更多样本的批量（或长度 L 为 2 或更大）",
        ]
    } else {
        ["Use a batch of 2 or more", "請用 2 個以上樣本的批次", "请使用 2 个或更多样本的批量"]
    }
}

/// A refusal of the core in words a student understands, in `lang`. The match is exhaustive
/// and every arm writes all three languages: a new refusal does not compile until it has its
/// words. (PyTorch's own message, when it raises too, is `BnError::pytorch_message`: a quote,
/// never translated.)
pub fn error_message(error: &BnError, lang: Lang) -> String {
    let w = |name: &str| what(lang, name);
    match error {
        // LayerNorm's, GroupNorm's, InstanceNorm1d's and a network's rules are the full module's
        // ("Which axis?", Train): the first view's small build never breaks them, and leaves
        // their words out. GroupNorm's groups excepted: a link's tnorm= is read (and refused)
        // by the small build too, which opens it.
        BnError::OneValuePerGroup { .. }
        | BnError::NormalizedShapeMismatch { .. }
        | BnError::ChannelsDoNotSplit { .. }
        | BnError::OnePositionPerInstance { .. }
            if !crate::FULL =>
        {
            "This needs the rest of the page.".into()
        }
        BnError::NoFeatures => say!(
            lang,
            "A BatchNorm1d layer needs at least one feature.".into(),
            "BatchNorm1d 至少需要一個特徵。".into(),
            "BatchNorm1d 至少需要一个特征。".into(),
        ),
        BnError::BadEps(eps) => say!(
            lang,
            format!("This page takes only a positive, finite eps (got {}): it keeps 1/√(σ² + eps) finite when a feature's variance is 0. PyTorch itself builds the layer with any eps, and runs eps = 0 in eval mode with running statistics.", exact(*eps)),
            format!("這個頁面的 eps 只接受有限的正數（輸入的是 {}）：當某特徵的變異數為 0 時，它讓 1/√(σ² + eps) 保持有限。PyTorch 本身用任何 eps 都能建立這一層，而且在有移動統計的評估模式下，eps = 0 也能執行。", exact(*eps)),
            format!("本页面的 eps 只接受有限的正数（输入的是 {}）：当某个特征的方差为 0 时，它使 1/√(σ² + eps) 保持有限。PyTorch 本身用任何 eps 都能创建这一层，而且在有运行统计量的评估模式下，eps = 0 也能运行。", exact(*eps)),
        ),
        BnError::EpsNotPositiveWithBatchStats(eps) if *eps == 0.0 => say!(
            lang,
            "eps = 0 works only in eval mode with running statistics: normalizing with a batch's own variance, a feature whose values are all equal would divide by zero.".into(),
            "eps = 0 只能用在有移動統計的評估模式：用批次自己的變異數正規化時，值全相同的特徵會除以零。".into(),
            "eps = 0 只能用于有运行统计量的评估模式：用批量自身的方差归一化时，取值全部相同的特征会除以零。".into(),
        ),
        BnError::EpsNotPositiveWithBatchStats(eps) => say!(
            lang,
            format!("eps must be positive (got {}) when the layer normalizes with a batch's own variance: for a feature whose values are all equal, σ² + eps would not be positive.", exact(*eps)),
            format!("用批次自己的變異數正規化時，eps 必須是正數（輸入的是 {}）：值全相同的特徵，σ² + eps 就不會是正數。", exact(*eps)),
            format!("用批量自身的方差归一化时，eps 必须是正数（输入的是 {}）：取值全部相同的特征，σ² + eps 就不会是正数。", exact(*eps)),
        ),
        BnError::NegativeEpsWithRunningStats(eps) => say!(
            lang,
            format!("eps must not be negative (got {}): running_var + eps goes under a square root.", exact(*eps)),
            format!("eps 不能是負數（輸入的是 {}）：running_var + eps 要開平方根。", exact(*eps)),
            format!("eps 不能是负数（输入的是 {}）：running_var + eps 要开平方根。", exact(*eps)),
        ),
        BnError::BadMomentum(m) => say!(
            lang,
            format!("momentum must be a number like 0.1 (got {}), or None for a cumulative average.", exact(*m)),
            format!("momentum 必須是像 0.1 這樣的數（輸入的是 {}），或是 None 表示累積平均。", exact(*m)),
            format!("momentum 必须是像 0.1 这样的数（输入的是 {}），或者为 None，表示累积平均。", exact(*m)),
        ),
        BnError::NotFinite { what } => say!(
            lang,
            format!("{} must be a finite number, not NaN or infinity.", w(what)),
            format!("{}必須是有限的數，不能是 NaN 或無限大。", subject(lang, what)),
            format!("{}必须是有限的数，不能是 NaN 或无穷大。", subject(lang, what)),
        ),
        BnError::WrongDims { dims, layer: "GroupNorm" } => say!(
            lang,
            format!("GroupNorm takes a batch shaped (N, C) or (N, C, L, …), but this input has {dims} dimension{}.", plural(*dims)),
            format!("GroupNorm 接受形狀 (N, C) 或 (N, C, L, …) 的批次，但這個輸入有 {dims} 個維度。"),
            format!("GroupNorm 接受形状为 (N, C) 或 (N, C, L, …) 的批量，但这个输入有 {dims} 个维度。"),
        ),
        BnError::WrongDims { dims, layer: "InstanceNorm1d" } => say!(
            lang,
            format!("InstanceNorm1d takes a batch shaped (N, C, L), or (C, L) for one sample, but this input has {dims} dimension{}.", plural(*dims)),
            format!("InstanceNorm1d 接受形狀 (N, C, L) 的批次，或單一樣本的 (C, L)，但這個輸入有 {dims} 個維度。"),
            format!("InstanceNorm1d 接受形状为 (N, C, L) 的批量，或单个样本的 (C, L)，但这个输入有 {dims} 个维度。"),
        ),
        BnError::WrongDims { dims, layer } => say!(
            lang,
            format!("{layer} takes a batch shaped (N, C) or (N, C, L), but this input has {dims} dimension{}.", plural(*dims)),
            format!("{layer} 接受形狀 (N, C) 或 (N, C, L) 的批次，但這個輸入有 {dims} 個維度。"),
            format!("{layer} 接受形状为 (N, C) 或 (N, C, L) 的批量，但这个输入有 {dims} 个维度。"),
        ),
        BnError::WrongFeatureCount { expected, got, shape, layer, .. } => {
            let (shape, axis) = (shape_text(shape), feature_axis(layer, shape));
            say!(
                lang,
                format!("The layer was built for {expected} features, but the input {shape} has {got} on its feature axis (dimension {axis})."),
                format!("這一層是為 {expected} 個特徵建立的，但輸入 {shape} 的特徵軸（維度 {axis}）有 {got} 個。"),
                format!("这一层是为 {expected} 个特征创建的，但输入 {shape} 的特征轴（维度 {axis}）有 {got} 个。"),
            )
        }
        BnError::OneValuePerFeature { shape, has_running_stats: true } => {
            let [more_en, more_hant, more_hans] = more_values(shape);
            let shape = shape_text(shape);
            say!(
                lang,
                format!("Training needs more than one value per feature: input {shape} gives each feature a single value, its own batch mean μ: x − μ is 0 whatever x is, and running_var's update, which uses the unbiased variance, would divide by m − 1 = 0. {more_en}, or switch to eval mode, which uses the running statistics."),
                format!("訓練需要每個特徵有一個以上的值：輸入 {shape} 讓每個特徵只有一個值，這個值就是自己的批次平均 μ：不論 x 為何，x − μ 都是 0，而 running_var 所用的無偏變異數要除以 m − 1 = 0。{more_hant}，或切換到評估模式（使用移動統計）。"),
                format!("训练要求每个特征有不止一个值：输入 {shape} 使每个特征只有一个值，这个值就是它自己的批量均值 μ：无论 x 是多少，x − μ 都是 0，而 running_var 所用的无偏方差要除以 m − 1 = 0。{more_hans}，或切换到评估模式（使用运行统计量）。"),
            )
        }
        BnError::OneValuePerFeature { shape, has_running_stats: false } => {
            let [more_en, more_hant, more_hans] = more_values(shape);
            let shape = shape_text(shape);
            say!(
                lang,
                format!("This layer needs more than one value per feature: input {shape} gives each feature a single value, its own batch mean μ: x − μ is 0 whatever x is, so the output could not depend on the input. With track_running_stats=False there are no running statistics, so eval mode normalizes with the batch's own statistics too and refuses this batch as well. {more_en}."),
                format!("這一層需要每個特徵有一個以上的值：輸入 {shape} 讓每個特徵只有一個值，這個值就是自己的批次平均 μ：不論 x 為何，x − μ 都是 0，輸出與輸入無關。track_running_stats=False 時沒有移動統計，評估模式也用批次自己的統計正規化，同樣會拒絕這個批次。{more_hant}。"),
                format!("这一层要求每个特征有不止一个值：输入 {shape} 使每个特征只有一个值，这个值就是它自己的批量均值 μ：无论 x 是多少，x − μ 都是 0，输出与输入无关。track_running_stats=False 时没有运行统计量，评估模式也用批量自身的统计量归一化，同样会拒绝这个批量。{more_hans}。"),
            )
        }
        BnError::OneValuePerGroup { shape, groups } => {
            let shape = shape_text(shape);
            say!(
                lang,
                format!("GroupNorm normalizes each sample's groups of channels over all their positions, but input {shape} split into {groups} group{} leaves one value per group (one sample, one channel per group, one position), and one value has no variance. PyTorch refuses this in train and eval mode alike. Use fewer groups (2 or more channels each) or L of 2 or more.", plural(*groups)),
                format!("GroupNorm 在每個樣本每個群組的所有通道與位置上正規化，但輸入 {shape} 分成 {groups} 個群組後每組只有一個值（一個樣本、每組一個通道、一個位置），一個值沒有變異數。PyTorch 在訓練與評估模式都會拒絕。請用較少的群組（每組 2 個以上通道）或 2 以上的 L。"),
                format!("GroupNorm 在每个样本每个组的所有通道和位置上做归一化，但输入 {shape} 分成 {groups} 个组后每组只有一个值（一个样本、每组一个通道、一个位置），单个值没有方差。PyTorch 在训练和评估模式下都会拒绝。请使用更少的组（每组 2 个以上通道）或不小于 2 的 L。"),
            )
        }
        BnError::NormalizedShapeMismatch { normalized_shape, shape } => {
            let (dims, normalized, shape) = (normalized_shape.len(), shape_text(normalized_shape), shape_text(shape));
            say!(
                lang,
                format!("LayerNorm({normalized}) normalizes over the last {dims} dimension{} of its input, which must be {normalized}, but the input is {shape}.", plural(dims)),
                format!("LayerNorm({normalized}) 在輸入的最後 {dims} 個維度上正規化，它們必須是 {normalized}，但輸入是 {shape}。"),
                format!("LayerNorm({normalized}) 在输入的最后 {dims} 个维度上做归一化，它们必须是 {normalized}，但输入是 {shape}。"),
            )
        }
        BnError::ChannelsDoNotSplit { groups, shape } => {
            let c = shape.get(1).copied().unwrap_or(0);
            let shape = shape_text(shape);
            say!(
                lang,
                format!("GroupNorm splits the input's features into {groups} equal groups, but input {shape} has {c} features, which is not a multiple of {groups} (numbers of groups that fit: {}).", divisor_list(c, ", ", "or")),
                format!("GroupNorm 把輸入的特徵分成 {groups} 個相等的群組，但輸入 {shape} 有 {c} 個特徵，不是 {groups} 的倍數（可用的群組數：{}）。", divisor_list(c, "、", "或")),
                format!("GroupNorm 把输入的特征分成 {groups} 个相等的组，但输入 {shape} 有 {c} 个特征，不是 {groups} 的倍数（可用的组数：{}）。", divisor_list(c, "、", "或")),
            )
        }
        BnError::WrongLength { what, expected, got } => say!(
            lang,
            format!("{} should hold {expected} numbers, but it holds {got}.", w(what)),
            format!("{}應該有 {expected} 個數，但有 {got} 個。", subject(lang, what)),
            format!("{}应该有 {expected} 个数，但实际有 {got} 个。", subject(lang, what)),
        ),
        BnError::OutOfRange { what, index, len } => {
            let last = len.saturating_sub(1);
            say!(
                lang,
                format!("There is no {} {index}: valid ones are 0 to {last}.", w(what)),
                format!("沒有{} {index}：有效範圍是 0 到 {last}。", w(what)),
                format!("不存在{} {index}：有效范围是 0 到 {last}。", w(what)),
            )
        }
        BnError::OutOfBounds { what, value, min, max } => {
            let (min, max, value) = (exact(*min), exact(*max), exact(*value));
            say!(
                lang,
                format!("{} must be between {min} and {max} (got {value}).", w(what)),
                format!("{}必須介於 {min} 與 {max} 之間（輸入的是 {value}）。", subject(lang, what)),
                format!("{}必须在 {min} 到 {max} 之间（输入的是 {value}）。", subject(lang, what)),
            )
        }
        BnError::NotWholeNumber { what, value, min, max } => {
            let value = exact(*value);
            say!(
                lang,
                format!("{} must be a whole number from {min} to {max} (got {value}).", w(what)),
                format!("{}必須是 {min} 到 {max} 的整數（輸入的是 {value}）。", subject(lang, what)),
                format!("{}必须是 {min} 到 {max} 之间的整数（输入的是 {value}）。", subject(lang, what)),
            )
        }
        BnError::GroupsDoNotDivide { groups, channels } => say!(
            lang,
            format!("GroupNorm splits the features into equal groups, so the number of groups must divide the number of features: {channels} features cannot make {groups} equal groups ({channels} is not a multiple of {groups}; try {}).", divisor_list(*channels, ", ", "or")),
            format!("GroupNorm 把特徵分成大小相等的群組，所以群組數必須整除特徵數：{channels} 個特徵分不成 {groups} 個相等的群組（{channels} 不是 {groups} 的倍數；可試 {}）。", divisor_list(*channels, "、", "或")),
            format!("GroupNorm 把特征分成大小相等的组，所以组数必须整除特征数：{channels} 个特征分不成 {groups} 个相等的组（{channels} 不是 {groups} 的倍数；可以试试 {}）。", divisor_list(*channels, "、", "或")),
        ),
        BnError::OnePositionPerInstance { shape } => {
            let shape = shape_text(shape);
            say!(
                lang,
                format!("InstanceNorm1d normalizes each sample's feature over its L positions, but input {shape} has L = 1: one value has no variance. Use L of 2 or more."),
                format!("InstanceNorm1d 在每個樣本每個特徵的 L 個位置上正規化，但輸入 {shape} 的 L = 1：一個值沒有變異數。請用 2 以上的 L。"),
                format!("InstanceNorm1d 在每个样本每个特征的 L 个位置上做归一化，但输入 {shape} 的 L = 1：单个值没有方差。请使用不小于 2 的 L。"),
            )
        }
        BnError::Missing { what } => say!(
            lang,
            format!("This layer has no {}.", w(what)),
            format!("這一層沒有{}。", w(what)),
            format!("这一层没有{}。", w(what)),
        ),
    }
}

/// A refusal of the page (or of the core, through [`Refusal::Core`]) in words a student
/// understands, in `lang`: one exhaustive match, every arm in the three languages.
pub fn refusal_message(refusal: &Refusal, lang: Lang) -> String {
    let w = |name: &str| what(lang, name);
    match refusal {
        Refusal::Core(error) => error_message(error, lang),
        // The CSV reader, the Train view and SVG are the full module's: the first view's small
        // build never makes these refusals (`Page::in_this_build`), and leaves their words out.
        Refusal::BadCsv { .. }
        | Refusal::CsvTooLarge { .. }
        | Refusal::CsvFileTooLarge { .. }
        | Refusal::NotText { .. }
        | Refusal::ChosenCsvEdited
        | Refusal::NoTrainedModel
        | Refusal::NoSvg { .. }
        | Refusal::DigitsNotLoaded { .. }
        | Refusal::DigitsUnreadable { .. }
            if !crate::FULL =>
        {
            "This needs the rest of the page.".into()
        }
        Refusal::FixedByOwnData { what } => say!(
            lang,
            format!("Your own data fixes {}: switch back to generated data to change it.", w(what)),
            format!("你的資料固定了{}：要改變它，請先回到產生的資料。", w(what)),
            format!("你的数据固定了{}：要修改它，请先切换回生成的数据。", w(what)),
        ),
        Refusal::NoTrainedModel => say!(
            lang,
            "There is no trained model yet: open the Train view and let the digits load.".into(),
            "還沒有訓練好的模型：請打開訓練畫面，等手寫數字載入。".into(),
            "还没有训练好的模型：请打开训练视图，等待手写数字加载完成。".into(),
        ),
        Refusal::BadCsv { row, column, problem } => say!(
            lang,
            format!("CSV row {row}, column {column}: {}.", csv_problem(*problem, lang)),
            format!("CSV 第 {row} 列第 {column} 欄：{}。", csv_problem(*problem, lang)),
            format!("CSV 第 {row} 行第 {column} 列：{}。", csv_problem(*problem, lang)),
        ),
        Refusal::BadArgument { what } => say!(
            lang,
            format!("The page sent {} a value of the wrong kind.", w(what)),
            format!("頁面傳給 {} 的值類型不對。", w(what)),
            format!("页面传给 {} 的值类型不对。", w(what)),
        ),
        Refusal::EmptyBox { what } => say!(
            lang,
            format!("The box for {} is empty: type a number.", w(what)),
            format!("{}的欄位是空的：請輸入一個數。", subject(lang, what)),
            format!("{}的输入框是空的：请输入一个数。", subject(lang, what)),
        ),
        Refusal::UnreadableBox { what } => say!(
            lang,
            format!("The box for {} does not hold a number the browser can read: type a number.", w(what)),
            format!("{}的欄位裡不是瀏覽器讀得懂的數字：請輸入一個數。", subject(lang, what)),
            format!("{}的输入框里不是浏览器能读懂的数字：请输入一个数。", subject(lang, what)),
        ),
        Refusal::NotANumber { what, typed } => say!(
            lang,
            format!("{}: \"{typed}\" is not a number.", w(what)),
            format!("{}：「{typed}」不是數字。", w(what)),
            format!("{}：“{typed}”不是数字。", w(what)),
        ),
        Refusal::UnknownAction { name } => say!(
            lang,
            format!("The page does not know the action \"{name}\"."),
            format!("頁面不認得「{name}」這個動作。"),
            format!("页面不认识“{name}”这个操作。"),
        ),
        Refusal::NotOneOf { what, name, choices } => say!(
            lang,
            format!("There is no {} named \"{name}\": the choices are {}.", w(what), choices.join(", ")),
            format!("沒有名為「{name}」的{}：可選的有 {}。", w(what), choices.join("、")),
            format!("没有名为“{name}”的{}：可选的有 {}。", w(what), choices.join("、")),
        ),
        Refusal::CsvFileTooLarge { size, max } => say!(
            lang,
            format!("This file is {size} bytes, more than {max}, the most the page reads (a batch of at most 4096 rows): choose a smaller file."),
            format!("這個檔案有 {size} 位元組，超過 {max}，這是頁面最多能讀的大小（批次最多 4096 列）：請選擇較小的檔案。"),
            format!("这个文件有 {size} 字节，超过 {max}，这是页面最多能读取的大小（批量最多 4096 行）：请选择更小的文件。"),
        ),
        Refusal::NotText { paste: false, line } => say!(
            lang,
            format!("This file is not a text file: line {line} holds bytes no CSV holds (a NUL, a control character, or bytes that are not UTF-8). Choose a CSV saved as text; nothing was changed."),
            format!("這個檔案不是文字檔：第 {line} 列有 CSV 不會有的位元組（NUL、控制字元，或不是 UTF-8 的位元組）。請選擇存成文字的 CSV；什麼都沒有改變。"),
            format!("这个文件不是文本文件：第 {line} 行有 CSV 不会有的字节（NUL、控制字符，或不是 UTF-8 的字节）。请选择保存为文本的 CSV；什么都没有改变。"),
        ),
        Refusal::NotText { paste: true, line } => say!(
            lang,
            format!("What you pasted is not plain text: line {line} holds characters no CSV holds (a NUL, a control character, or bytes that are not UTF-8). Nothing was changed."),
            format!("你貼上的不是純文字：第 {line} 列有 CSV 不會有的字元（NUL、控制字元，或不是 UTF-8 的位元組）。什麼都沒有改變。"),
            format!("你粘贴的不是纯文本：第 {line} 行有 CSV 不会有的字符（NUL、控制字符，或不是 UTF-8 的字节）。什么都没有改变。"),
        ),
        Refusal::ChosenCsvEdited => say!(
            lang,
            "The box no longer holds the chosen file: it showed what the file is (its size and first lines, cut with “…”), and that text was changed. To use the file, choose it again and press “Step with this data” with the box as it shows it; to use a CSV of your own, replace the box's whole text with it. Nothing was changed.".into(),
            "方框裡已經不是所選的檔案：它顯示的是這個檔案的說明（大小和前幾列，以「…」截斷），而這段文字被改過了。要用這個檔案，請重新選擇它，不改動方框就按「用這份資料執行一步」；要用自己的 CSV，請把方框裡的文字整個換成它。什麼都沒有改變。".into(),
            "文本框里已经不是所选的文件：它显示的是这个文件的说明（大小和前几行，以“…”截断），而这段文字被改过了。要使用这个文件，请重新选择它，不改动文本框就按“用这些数据执行一步”；要使用自己的 CSV，请把文本框里的文字整个换成它。什么都没有改变。".into(),
        ),
        Refusal::CsvTooLarge { max } => say!(
            lang,
            format!("This CSV is more than {max} bytes, the most the page reads (a batch of at most 4096 rows)."),
            format!("這個 CSV 超過 {max} 位元組，這是頁面最多能讀的大小（批次最多 4096 列）。"),
            format!("这个 CSV 超过 {max} 字节，这是页面最多能读取的大小（批量最多 4096 行）。"),
        ),
        Refusal::UnknownLanguage { code } => say!(
            lang,
            format!("The page has no language \"{code}\": use en, zh-Hant or zh-Hans."),
            format!("頁面沒有「{code}」這種語言：請用 en、zh-Hant 或 zh-Hans。"),
            format!("页面没有“{code}”这种语言：请使用 en、zh-Hant 或 zh-Hans。"),
        ),
        Refusal::NotLoaded { why } => say!(
            lang,
            // `why` is the browser's own message, in the browser's language: quoted as such.
            format!("The rest of the page (the other views, SVG, Share) could not be loaded. Check the connection and try again. (The browser said: {why})"),
            format!("頁面的其餘部分（其他畫面、SVG、分享）無法載入。請檢查網路連線後再試一次。（瀏覽器的訊息：{why}）"),
            format!("页面的其余部分（其他视图、SVG、分享）无法加载。请检查网络连接后重试。（浏览器的消息：{why}）"),
        ),
        Refusal::DigitsNotLoaded { why } => say!(
            lang,
            // `why` is the browser's own message, in the browser's language: quoted as such.
            format!("The handwritten digits the Train view learns from could not be loaded. Check the connection, then press Step or open this view again. (The browser said: {why})"),
            format!("無法載入訓練畫面要學習的手寫數字。請檢查網路連線，再按「下一步」或重新打開這個畫面。（瀏覽器的訊息：{why}）"),
            format!("无法加载训练视图要学习的手写数字。请检查网络连接，再点击“下一步”或重新打开这个视图。（浏览器的消息：{why}）"),
        ),
        Refusal::DigitsUnreadable { why } => say!(
            lang,
            format!("What came for the handwritten digits (data/digits.csv) is not them, perhaps a Wi-Fi sign-in page: {why} Sign in or check the connection, then press Step or open this view again."),
            format!("收到的手寫數字檔案（data/digits.csv）不是手寫數字，也許是 Wi-Fi 的登入頁面：{why}請登入或檢查網路連線，再按「下一步」或重新打開這個畫面。"),
            format!("收到的手写数字文件（data/digits.csv）不是手写数字，也许是 Wi-Fi 的登录页面：{why}请登录或检查网络连接，再点击“下一步”或重新打开这个视图。"),
        ),
        Refusal::NoSvg { chart, why } => {
            let why = draw_why(why, true, lang);
            say!(
                lang,
                format!("The chart \"{chart}\" could not be drawn as SVG: {why}"),
                format!("圖表「{chart}」無法畫成 SVG：{why}"),
                format!("图表“{chart}”无法绘制为 SVG：{why}"),
            )
        }
        Refusal::NotDrawn { chart, why } => {
            let why = draw_why(why, false, lang);
            say!(
                lang,
                format!("The chart \"{chart}\" could not be drawn: {why}"),
                format!("圖表「{chart}」無法畫出：{why}"),
                format!("图表“{chart}”无法绘制：{why}"),
            )
        }
        Refusal::NoOutput { training: true } => say!(
            lang,
            "No bn_output.csv: PyTorch refuses this batch in train mode (the red box says why), so there is no output. bn_input.csv and bn_state.json still export the batch and the layer, and the code under Export reproduces the refusal in PyTorch.".into(),
            "沒有 bn_output.csv：PyTorch 在訓練模式拒絕了這個批次（紅框說明原因），所以沒有輸出。bn_input.csv 與 bn_state.json 仍可匯出這個批次與這一層，匯出下方的程式碼可在 PyTorch 裡重現這次拒絕。".into(),
            "没有 bn_output.csv：PyTorch 在训练模式下拒绝了这个批量（红框说明了原因），所以没有输出。bn_input.csv 和 bn_state.json 仍可导出这个批量和这一层，导出下方的代码可在 PyTorch 中重现这次拒绝。".into(),
        ),
        Refusal::NoOutput { training: false } => say!(
            lang,
            "No bn_output.csv: PyTorch refuses this batch even in eval mode, because without running statistics eval mode uses the batch's own (the red box says why), so there is no output. bn_input.csv and bn_state.json still export the batch and the layer, and the code under Export reproduces the refusal in PyTorch.".into(),
            "沒有 bn_output.csv：沒有移動統計時評估模式也用批次自己的統計量，所以 PyTorch 連在評估模式也拒絕這個批次（紅框說明原因），沒有輸出。bn_input.csv 與 bn_state.json 仍可匯出這個批次與這一層，匯出下方的程式碼可在 PyTorch 裡重現這次拒絕。".into(),
            "没有 bn_output.csv：没有运行统计量时评估模式也用批量自身的统计量，所以 PyTorch 即使在评估模式下也拒绝这个批量（红框说明了原因），没有输出。bn_input.csv 和 bn_state.json 仍可导出这个批量和这一层，导出下方的代码可在 PyTorch 中重现这次拒绝。".into(),
        ),
    }
}

/// Why a chart could not be drawn (as SVG when `svg`, else on a canvas), in `lang` (a
/// sentence, ending in its full stop).
fn draw_why(why: &DrawWhy, svg: bool, lang: Lang) -> String {
    match why {
        DrawWhy::NoSuchChart => say!(
            lang,
            "the page has no chart of that name.".into(),
            "頁面沒有這個名稱的圖表。".into(),
            "页面上没有这个名称的图表。".into(),
        ),
        DrawWhy::Refused(error) => error_message(error, lang),
        DrawWhy::Drawing if svg => say!(
            lang,
            "the drawing failed. Try again, or download it as PNG.".into(),
            "繪製失敗。請再試一次，或改為下載 PNG。".into(),
            "绘制失败。请重试，或改为下载 PNG。".into(),
        ),
        DrawWhy::Drawing => say!(
            lang,
            "the browser's canvas failed. Reload the page to try again.".into(),
            "瀏覽器的畫布出錯了。請重新載入頁面再試一次。".into(),
            "浏览器的画布出错了。请重新加载页面后重试。".into(),
        ),
        DrawWhy::NoCanvas => say!(
            lang,
            "the browser gave it no 2D canvas to draw on. Reload the page, or try another browser.".into(),
            "瀏覽器沒有給它可以繪圖的 2D 畫布。請重新載入頁面，或換一個瀏覽器。".into(),
            "浏览器没有给它可以绘图的 2D 画布。请重新加载页面，或换一个浏览器。".into(),
        ),
    }
}

/// A refusal of either kind in words: the core's or the page's.
pub trait Words {
    fn words(&self, lang: Lang) -> String;
}

impl Words for BnError {
    fn words(&self, lang: Lang) -> String {
        error_message(self, lang)
    }
}

impl Words for crate::link::Why {
    fn words(&self, lang: Lang) -> String {
        link_why(self, lang)
    }
}

/// Why a part of a link was not read, in `lang`: a reason after the part quoted (no full stop),
/// or, for a `do=` action not understood and a key given twice, a sentence of its own.
fn link_why(why: &crate::link::Why, lang: Lang) -> String {
    use crate::link::Why;
    match why {
        Why::Bounds(error) => error_message(error, lang).trim_end_matches(['.', '。']).to_string(),
        Why::NotANumber { plus: false } => say!(lang, "not a number", "不是數字", "不是数字").to_string(),
        Why::NotANumber { plus: true } => say!(
            lang,
            "not a number: a link reads + as a space; write a plus sign as %2B",
            "不是數字：連結把 + 讀成空格；加號請寫成 %2B",
            "不是数字：链接把 + 读成空格；加号请写成 %2B",
        )
        .to_string(),
        Why::NotWholeNumber => {
            say!(lang, "not a whole number of 0 or more", "不是大於或等於 0 的整數", "不是大于或等于 0 的整数")
                .to_string()
        }
        Why::BeyondCount => say!(
            lang,
            "more than 2⁶⁴ − 1, the most the page can count",
            "大於 2⁶⁴ − 1，超出頁面能數到的最大值",
            "大于 2⁶⁴ − 1，超出页面能数到的最大值"
        )
        .to_string(),
        Why::NotOneOf(words) => say!(
            lang,
            format!("not one of: {}", words.join(", ")),
            format!("不是下列之一：{}", words.join("、")),
            format!("不是下列之一：{}", words.join("、")),
        ),
        Why::Form(pattern) => {
            say!(lang, format!("not written as {pattern}"), format!("應寫成 {pattern}"), format!("应写成 {pattern}"))
        }
        Why::UnknownKey => {
            say!(lang, "the page has no setting by this name", "頁面沒有這個名稱的設定", "页面没有这个名称的设置")
                .to_string()
        }
        Why::DoAction { index, of, token, why } => {
            let because = why.as_ref().map_or(String::new(), |why| {
                let why = link_why(why, lang);
                say!(lang, format!(" ({why})"), format!("（{why}）"), format!("（{why}）"))
            });
            let kept = index - 1;
            let replays = match (kept, lang) {
                (0, Lang::En) => "the page replays none of do=".to_string(),
                (0, Lang::ZhHant) => "頁面不重播 do= 的任何動作".to_string(),
                (0, Lang::ZhHans) => "页面不重放 do= 的任何动作".to_string(),
                (k, _) => say!(
                    lang,
                    format!("the page replays only the {k} before it"),
                    format!("頁面只重播它之前的 {k} 個"),
                    format!("页面只重放它之前的 {k} 个"),
                ),
            };
            say!(
                lang,
                format!("do=: action {index} of {of}, \"{token}\", was not understood{because}; {replays}."),
                format!("do=：第 {index} 個動作（共 {of} 個）「{token}」無法理解{because}；{replays}。"),
                format!("do=：第 {index} 个动作（共 {of} 个）“{token}”无法理解{because}；{replays}。"),
            )
        }
        Why::Each(all) => {
            let each: Vec<String> = all.iter().map(|why| link_why(why, lang)).collect();
            each.join(if lang == Lang::En { "; " } else { "；" })
        }
        Why::TooLarge => {
            say!(lang, "larger than any index the page has", "大於頁面上任何一個索引", "大于页面上任何一个索引")
                .to_string()
        }
        Why::TooSmall => say!(
            lang,
            "closer to 0 than any number the page holds: the page reads it as 0",
            "比頁面能存放的任何數都更接近 0，頁面讀到的是 0",
            "比页面能存放的任何数都更接近 0，页面读到的是 0"
        )
        .to_string(),
        Why::NoSuchLesson => {
            let ids: Vec<&str> = crate::lessons::TITLES.iter().map(|(id, _)| *id).collect();
            say!(
                lang,
                format!("there is no lesson by this name: the lessons are {}", ids.join(", ")),
                format!("沒有這個名稱的課程：課程有 {}", ids.join("、")),
                format!("没有这个名称的课程：课程有 {}", ids.join("、")),
            )
        }
        Why::Repeated { key, times, last } => say!(
            lang,
            format!("The link sets {key} {times} times; the page reads only the last, {last}."),
            format!("連結設定了 {times} 次 {key}；頁面只讀最後一個：{last}。"),
            format!("链接设置了 {times} 次 {key}；页面只读最后一个：{last}。"),
        ),
    }
}

impl Words for Refusal {
    fn words(&self, lang: Lang) -> String {
        refusal_message(self, lang)
    }
}

/// What is wrong with a CSV cell or line, in `lang` (the row and column are said around it).
fn csv_problem(problem: CsvProblem, lang: Lang) -> String {
    match problem {
        CsvProblem::Empty => say!(lang, "the box is empty", "欄位是空的", "输入框是空的").into(),
        CsvProblem::TooManyRows { max } => say!(
            lang,
            format!("more than {max} rows (the largest batch)"),
            format!("超過 {max} 列（最大的批次）"),
            format!("超过 {max} 行（最大的批量）"),
        ),
        CsvProblem::Semicolons => say!(
            lang,
            "separated by semicolons (;), not commas",
            "用分號（;）分隔，不是逗號",
            "用分号（;）分隔，不是逗号"
        )
        .into(),
        CsvProblem::SemicolonsAndDecimalCommas => say!(
            lang,
            "separated by semicolons (;), with commas as decimal marks: save it with a period as the decimal mark and commas between columns",
            "用分號（;）分隔，並以逗號作小數點：請改存成以「.」作小數點、以逗號分隔欄",
            "用分号（;）分隔，并以逗号作小数点：请改存为以“.”作小数点、以逗号分隔列"
        )
        .into(),
        CsvProblem::Tabs => {
            say!(lang, "separated by tabs, not commas", "用定位字元分隔，不是逗號", "用制表符分隔，不是逗号").into()
        }
        CsvProblem::Spaces => say!(
            lang,
            "separated by spaces, not commas (numpy.savetxt's default: pass delimiter=\",\")",
            "用空格分隔，不是逗號（numpy.savetxt 的預設：請傳入 delimiter=\",\"）",
            "用空格分隔，不是逗号（numpy.savetxt 的默认：请传入 delimiter=\",\"）"
        )
        .into(),
        CsvProblem::EmptyCell => say!(
            lang,
            "an empty cell (a comma too many?)",
            "空白的儲存格（多了一個逗號？）",
            "空的单元格（多了一个逗号？）"
        )
        .into(),
        CsvProblem::ColumnCount => {
            say!(lang, "a different number of columns than the first row", "欄數與第一列不同", "列数与第一行不同")
                .into()
        }
        CsvProblem::NotANumber => say!(lang, "not a number", "不是數字", "不是数字").into(),
        CsvProblem::NotFinite => say!(lang, "NaN or infinite", "是 NaN 或無限大", "是 NaN 或无穷大").into(),
        CsvProblem::TooLargeForFloat32 => say!(
            lang,
            "too large for float32 (the largest is about 3.4e38)",
            "對 float32 來說太大（最大約 3.4e38）",
            "对 float32 来说太大（最大约 3.4e38）"
        )
        .into(),
        CsvProblem::SquareOverflows { max } => {
            // A float32 bound in its own shortest digits: "1e18" (as a float64, 9.999999843067494e17).
            let max = format!("{max:e}");
            say!(
                lang,
                format!("too large: beyond ±{max}, squares summed in the variance can leave float32's range (PyTorch's variance then becomes inf and its outputs 0, or NaN); keep values within ±{max}"),
                format!("太大：超過 ±{max} 時，變異數加總的平方可能超出 float32 的範圍（PyTorch 的變異數會變成 inf、輸出變成 0，或得到 NaN）；請讓數值在 ±{max} 之內"),
                format!("太大：超过 ±{max} 时，方差求和中的平方可能超出 float32 的范围（PyTorch 的方差会变成 inf、输出变成 0，或得到 NaN）；请让数值保持在 ±{max} 以内"),
            )
        }
        CsvProblem::TooManyValues => say!(lang, "too many values", "數值太多", "数值太多").into(),
        CsvProblem::NoDataRows => say!(
            lang,
            "no data rows: no line has a cell that reads as a number (written like 1.5 or -2e-3)",
            "沒有資料列：沒有任何一列有能讀成數字的欄位（數字寫成 1.5 或 -2e-3 這樣）",
            "没有数据行：没有任何一行含有能读成数字的单元格（数字应写成 1.5 或 -2e-3 这样）"
        )
        .into(),
        CsvProblem::ColumnsNotAMultipleOfL { length } => say!(
            lang,
            format!("the number of columns is not a multiple of L = {length}"),
            format!("欄數不是 L = {length} 的倍數"),
            format!("列数不是 L = {length} 的倍数"),
        ),
        CsvProblem::DigitsHeader => say!(
            lang,
            "the header must be label,p0,p1,…,p63",
            "標題列必須是 label,p0,p1,…,p63",
            "表头必须是 label,p0,p1,…,p63"
        )
        .into(),
        CsvProblem::DigitsRowLength => say!(
            lang,
            "a row must hold a label and 64 pixels, 65 columns",
            "每一列必須有一個標籤和 64 個像素，共 65 欄",
            "每一行必须有一个标签和 64 个像素，共 65 列"
        )
        .into(),
        CsvProblem::DigitsLabel => say!(
            lang,
            "the label must be a whole number from 0 to 9",
            "標籤必須是 0 到 9 的整數",
            "标签必须是 0 到 9 之间的整数"
        )
        .into(),
        CsvProblem::DigitsPixel => say!(
            lang,
            "a pixel must be a whole number from 0 to 16",
            "像素必須是 0 到 16 的整數",
            "像素必须是 0 到 16 之间的整数"
        )
        .into(),
        CsvProblem::NoImages => {
            say!(lang, "there is no image after the header", "標題列之後沒有任何圖片", "表头之后没有任何图像").into()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The gap a sentence joins after a piece of text: none after Chinese full-width punctuation
    /// (tags looked through), one after anything else; and no table writes a space after one
    /// (the page's own separator " · " aside).
    #[test]
    fn no_space_after_full_width_punctuation() {
        assert_eq!(gap_after("<b>先预测：</b>"), "");
        assert_eq!(gap_after("對數刻度，"), "");
        assert_eq!(gap_after("这一步被拒绝了。"), "");
        assert_eq!(gap_after("<b>Predict first:</b>"), " ");
        assert_eq!(gap_after("PyTorch 會丟出"), " ");
        assert_eq!(gap_after(""), " ");
        assert_eq!(gap_between("梯度之和为零", "<small>（1/2）</small>"), "");
        assert_eq!(gap_between("梯度之和为零", "和"), " ");
        assert_eq!(gap_between("这一步被拒绝了。", "训练"), "");
        assert_eq!(gap_between("Zero sum", "<small>(1/2)</small>"), " ");
        assert_eq!(gap_between("a", "<b"), " ");
        let texts = entries().map(|(_, text)| text).chain(crate::lessons::all_texts());
        for text in texts {
            for words in [text.hant, text.hans] {
                let chars: Vec<char> = words.chars().collect();
                for k in 1..chars.len().saturating_sub(1) {
                    let stray = chars[k] == ' ' && full_width_punctuation(chars[k - 1]) && chars[k + 1] != '·';
                    assert!(!stray, "{words}");
                }
            }
        }
    }

    /// Characters only Traditional Chinese uses, in these texts (each with its Simplified form
    /// below): a Simplified text must hold none of them.
    const HANT_ONLY: &str = "們資數變統練這個與為後圖參層過時會無樣準對說發關開應實點動輸學間經結應設計確訓評試該語課請論證譯讀讓貼軸較載輪達遠選還鍵長閉際隱頁須預題類顯風驗驟齊條夠導將幾張從徵態憶掃換損擇攜於暫東標檢權決沒測狀獨現產畫異當疊盤穩筆範簡籤約紅組絕給綠維網線編緩縮繪義習舊藍虛號術衝裡製複見規觀記訊變讓資蹤轉連進遊離響麼嗎圍圓執報場寫帶兩別則勻匯區單丟並亂佔來係偵僅優內";
    /// Characters only Simplified Chinese uses, in these texts: a Traditional text must hold none.
    /// (后 and 里 also exist in Traditional, as "queen" and a unit of length; these texts never
    /// mean those, so a Traditional text here writes 後 and 裡.)
    const HANS_ONLY: &str = "们资数变统练这个与为后图参层过时会无样准对说发关开应实点动输学间经结设计确训评试该语课请论证译读让贴轴较载轮达远选还键长闭际隐页须预题类显风验骤齐条够导将几张从态忆扫换损择携暂东标检权决没测状独现产画异当盘稳笔签约红组绝给绿维网线编缓缩绘义习旧蓝虚号认节视运迁随链络赖穷归创击况头处据块悬抛拢渐机围圆执报场写带两别则匀区单丢乱来优内么吗里";

    /// Taiwanese terms a mainland text must not use (written in Simplified characters), and
    /// mainland terms a Taiwanese text must not use (in Traditional characters).
    const TAIWAN_TERMS: &[&str] = &[
        "资料",
        "预设",
        "汇出",
        "演算法",
        "变异数",
        "正规化",
        "滑鼠",
        "点选",
        "档案",
        "载入",
        "网路",
        "程式",
        "讯息",
        "物件",
        "批次大小",
        "移动统计",
        "丢出",
        "滑杆",
    ];
    const MAINLAND_TERMS: &[&str] = &[
        "數據",
        "默認",
        "導出",
        "方差",
        "歸一化",
        "鼠標",
        "點擊",
        "加載",
        "網絡",
        "信息",
        "運行統計",
        "拋出",
        "批量",
        "優化",
    ];

    /// A refusal quotes a number as given, every digit kept, never in Rust's exponent form for a
    /// number a student writes out: eps = -1e-50 said "(got -0)" (its float32), a CSV's bound
    /// "±9.999999843067494e17" (its float32 widened), a seed "(got 4.294967296e9)".
    #[test]
    fn a_refusal_quotes_its_numbers_as_given() {
        let csv = Refusal::BadCsv { row: 1, column: 1, problem: CsvProblem::SquareOverflows { max: 1e18 } };
        let seed = BnError::NotWholeNumber { what: "seed", value: 4_294_967_296.0, min: 0, max: 4_294_967_295 };
        let eps = BnError::OutOfBounds { what: "eps", value: 9.9999999e-9, min: 1e-8, max: 1.0 };
        for lang in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
            let said = |text: String, numbers: &[&str]| {
                assert!(numbers.iter().all(|n| text.contains(n)), "{text}");
            };
            said(error_message(&BnError::BadEps(-1e-50), lang), &["-1e-50"]);
            said(error_message(&BnError::BadMomentum(f64::INFINITY), lang), &["∞"]);
            said(refusal_message(&csv, lang), &["±1e18"]);
            said(error_message(&seed, lang), &["4294967295", "4294967296"]);
            said(error_message(&eps, lang), &["1e-8", "9.9999999e-9"]);
        }
    }

    /// A refusal names a control as its label does: [`what`] takes the first entry of its
    /// English name, so a second one is never read (the data's sliders were refused as
    /// 各特征的平移 under a label that says 各特征的偏移).
    #[test]
    fn a_refusal_names_a_control_as_its_label() {
        let mut names: Vec<&str> = WHAT.iter().map(|text| text.en).collect();
        names.sort_unstable();
        let twice: Vec<&&str> = names.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
        assert!(twice.is_empty(), "named twice: {twice:?}");
        for id in ["offset", "shift", "spread"] {
            let label = TABLE.iter().find(|(key, _)| *key == id).map(|(_, text)| text).unwrap();
            for lang in [Lang::ZhHant, Lang::ZhHans] {
                // The label may add the symbol: "各特征的标准差 σ".
                assert!(label.get(lang).starts_with(&what(lang, id)), "{id}: {}", what(lang, id));
            }
        }
    }

    /// Sample refusals, one of each kind, to check their words in every language.
    fn sample_errors() -> Vec<BnError> {
        vec![
            BnError::NoFeatures,
            BnError::BadEps(-1.0),
            BnError::EpsNotPositiveWithBatchStats(0.0),
            BnError::EpsNotPositiveWithBatchStats(-1e-3),
            BnError::NegativeEpsWithRunningStats(-1.0),
            BnError::BadMomentum(2.0),
            BnError::NotFinite { what: "every value of your data" },
            BnError::WrongDims { dims: 4, layer: "BatchNorm1d" },
            BnError::WrongDims { dims: 1, layer: "GroupNorm" },
            BnError::WrongDims { dims: 1, layer: "InstanceNorm1d" },
            BnError::WrongFeatureCount {
                expected: 3,
                got: 4,
                shape: vec![2, 4],
                param: "running_mean",
                layer: "BatchNorm1d",
            },
            BnError::OneValuePerFeature { shape: vec![1, 128], has_running_stats: true },
            BnError::OneValuePerFeature { shape: vec![1, 128], has_running_stats: false },
            BnError::OneValuePerGroup { shape: vec![1, 6], groups: 6 },
            BnError::NormalizedShapeMismatch { normalized_shape: vec![4], shape: vec![2, 5] },
            BnError::ChannelsDoNotSplit { groups: 4, shape: vec![2, 6] },
            BnError::WrongLength { what: "weight (γ)", expected: 3, got: 2 },
            BnError::OutOfRange { what: "feature", index: 9, len: 4 },
            BnError::OutOfBounds { what: "γ", value: 11.0, min: -10.0, max: 10.0 },
            BnError::NotWholeNumber { what: "groups G", value: 0.0, min: 1, max: 16 },
            BnError::GroupsDoNotDivide { groups: 4, channels: 6 },
            BnError::OnePositionPerInstance { shape: vec![4, 6, 1] },
            BnError::Missing { what: "γ and β: it was built with affine=False" },
        ]
    }

    /// The page's own refusals, one of each kind (every CSV problem too).
    fn sample_refusals() -> Vec<Refusal> {
        let problems = [
            CsvProblem::Empty,
            CsvProblem::TooManyRows { max: 4096 },
            CsvProblem::Semicolons,
            CsvProblem::SemicolonsAndDecimalCommas,
            CsvProblem::Tabs,
            CsvProblem::Spaces,
            CsvProblem::EmptyCell,
            CsvProblem::ColumnCount,
            CsvProblem::NotANumber,
            CsvProblem::NotFinite,
            CsvProblem::TooLargeForFloat32,
            CsvProblem::SquareOverflows { max: 1e18 },
            CsvProblem::TooManyValues,
            CsvProblem::NoDataRows,
            CsvProblem::ColumnsNotAMultipleOfL { length: 3 },
            CsvProblem::DigitsHeader,
            CsvProblem::DigitsRowLength,
            CsvProblem::DigitsLabel,
            CsvProblem::DigitsPixel,
            CsvProblem::NoImages,
        ];
        let mut all: Vec<Refusal> =
            problems.into_iter().map(|problem| Refusal::BadCsv { row: 2, column: 3, problem }).collect();
        all.extend([
            Refusal::CsvTooLarge { max: 4_194_304 },
            Refusal::CsvFileTooLarge { size: 4_501_374, max: 4_194_304 },
            Refusal::NotText { paste: false, line: 5 },
            Refusal::NotText { paste: true, line: 5 },
            Refusal::ChosenCsvEdited,
            Refusal::FixedByOwnData { what: "batch size N" },
            Refusal::NoTrainedModel,
            Refusal::BadArgument { what: "affine" },
            Refusal::EmptyBox { what: "batch size N" },
            Refusal::UnreadableBox { what: "batch size N" },
            Refusal::NotANumber { what: "eps", typed: "abc".into() },
            Refusal::UnknownAction { name: "zzz".into() },
            Refusal::NotOneOf { what: "norm", name: "zzz".into(), choices: &["none", "batchnorm"] },
            Refusal::NoOutput { training: true },
            Refusal::NoOutput { training: false },
            Refusal::UnknownLanguage { code: "fr".into() },
            Refusal::NotLoaded { why: "offline".into() },
            Refusal::DigitsNotLoaded { why: "Failed to fetch".into() },
            Refusal::DigitsUnreadable { why: "CSV row 1, column 1: …".into() },
            Refusal::NoSvg { chart: "chart-x".into(), why: DrawWhy::NoSuchChart },
            Refusal::NoSvg {
                chart: "Which axis?".into(),
                why: DrawWhy::Refused(Box::new(BnError::GroupsDoNotDivide { groups: 4, channels: 6 })),
            },
            Refusal::NoSvg { chart: "Training loss and test accuracy".into(), why: DrawWhy::Drawing },
            Refusal::NotDrawn { chart: "Feature 0: running statistics over steps".into(), why: DrawWhy::Drawing },
            Refusal::NotDrawn { chart: "Feature 0: running statistics over steps".into(), why: DrawWhy::NoCanvas },
        ]);
        all
    }

    /// Every translation: the table's, the refusals' names and CSV reasons, every lesson's.
    fn all_translations() -> Vec<&'static Text> {
        let table = entries().map(|(_, text)| text);
        table.chain(WHAT).chain(crate::lessons::all_texts()).collect()
    }

    /// Every text the page can show in `lang`: all translations and a refusal of each kind.
    fn texts(lang: Lang) -> Vec<String> {
        let mut all: Vec<String> = all_translations().iter().map(|text| text.get(lang).to_string()).collect();
        all.extend(sample_errors().iter().map(|e| error_message(e, lang)));
        all.extend(sample_refusals().iter().map(|r| refusal_message(r, lang)));
        all.extend(sample_link_whys().iter().map(|w| link_why(w, lang)));
        all.extend([link_cut(lang, 1, 1, 0), link_cut(lang, 2, 0, 3), link_cut(lang, 10_001, 9_999, 2)]);
        all.extend([train_cut(lang, false, 3522, 3000), train_cut(lang, true, 400_000, 300_000)]);
        all.extend([chosen_file(lang, 101_998, 1, 1), chosen_file(lang, 4_194_304, 4097, 16)]);
        all
    }

    /// A Traditional and a Simplified text say "sample" (樣本, 样本), and "data" (資料, 数据), as
    /// often as each other.
    pub(crate) fn same_sample_and_data(hant: &str, hans: &str) {
        assert_eq!(hant.matches("樣本").count(), hans.matches("样本").count(), "sample: {hant} / {hans}");
        assert_eq!(hant.matches("資料").count(), hans.matches("数据").count(), "data: {hant} / {hans}");
    }

    /// A link's number out of its bounds, as the link reader says it: n=5000, the batch size
    /// (1 to 4096). The example was tsteps=5000 "from 0 to 3000", a bound tsteps= no longer has
    /// (any count is read, and replayed within the page's budget).
    fn out_of_bounds() -> crate::link::Why {
        let (_, notes) = crate::link::Link::parse("n=5000");
        notes.into_iter().find_map(|note| note.why).expect("n=5000 is out of bounds")
    }

    /// Every bound the tests give as an example is one the link reader has: the same pair read
    /// from a link is refused with the same bounds (tsteps=5000 "from 0 to 3000" was read).
    #[test]
    fn the_example_of_a_bound_is_one_a_link_has() {
        use crate::link::{Link, Why};
        let key = |what: &str| if what == "batch size N" { "n".to_string() } else { what.to_string() };
        let mut seen = 0;
        for why in sample_link_whys() {
            if let Why::Bounds(BnError::NotWholeNumber { what, value, min, max }) = why {
                let (_, notes) = Link::parse(&format!("{}={value}", key(what)));
                let said = notes.into_iter().find_map(|n| n.why);
                let bounds = match said {
                    Some(Why::Bounds(BnError::NotWholeNumber { min, max, .. })) => Some((min, max)),
                    _ => None,
                };
                assert_eq!(bounds, Some((min, max)), "{what}={value}: the link reader's own bounds");
                seen += 1;
            }
        }
        assert_eq!(seen, 1);
        assert!(Link::parse("tsteps=5000").1.is_empty(), "tsteps= reads any count");
    }

    /// One of each reason a link's part was not read (for the script and term checks).
    fn sample_link_whys() -> Vec<crate::link::Why> {
        use crate::link::Why;
        let not_a_number = Some(Box::new(Why::NotANumber { plus: true }));
        vec![
            out_of_bounds(),
            Why::NotANumber { plus: false },
            Why::NotANumber { plus: true },
            Why::NotWholeNumber,
            Why::BeyondCount,
            Why::NotOneOf(&["train", "eval"]),
            Why::Form("n_c_l"),
            Why::UnknownKey,
            Why::DoAction { index: 1, of: 2, token: "x".into(), why: None },
            Why::DoAction { index: 3, of: 4, token: "p1e 3".into(), why: not_a_number },
            Why::Repeated { key: "n".into(), times: 2, last: "n=16".into() },
            Why::NoSuchLesson,
        ]
    }

    /// The page's buttons a text may name: Step, Play, Pause, Reset, and the lesson's Reveal,
    /// Next, Next lesson, Back and Close.
    const BUTTONS: [&str; 9] = ["btn-step", "play", "pause", "reset", "reveal", "next", "next-lesson", "back", "close"];

    /// Each button `said` (in `lang`) names outside `lang`'s quotes, 「」 in Traditional and “”
    /// in Simplified Chinese, as the lessons quote them: the Step button is "下一步", so an
    /// unquoted "下一步" read as "the next step" (lesson 10's "（下一步）" sent the class to
    /// Step). English names a button by its capitalized label, and is not checked here.
    pub(crate) fn unquoted_buttons(lang: Lang, said: &str) -> Vec<String> {
        let (open, close) = match lang {
            Lang::En => return Vec::new(),
            Lang::ZhHant => ('「', '」'),
            Lang::ZhHans => ('“', '”'),
        };
        let mut found = Vec::new();
        for key in BUTTONS {
            let name = t(lang, key).trim_matches(['‹', '›', ' ']).to_string();
            if said.trim_matches(['‹', '›', ' ']) == name {
                continue; // The label itself.
            }
            for (at, _) in said.match_indices(name.as_str()) {
                if !(said[..at].ends_with(open) && said[at + name.len()..].starts_with(close)) {
                    found.push(name.clone());
                }
            }
        }
        found
    }

    /// Every text the page shows names a button only in quotes, as the lessons do
    /// (`lessons_name_buttons_only_in_quotes`): the tables, the refusals, and any other table
    /// in the code (a Chinese button label written anywhere in src/ outside a test is the
    /// label itself or quoted). "还没有数据——请按下一步" and "看每一步到下一步" did not.
    #[test]
    fn every_text_names_buttons_only_in_quotes() {
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            for said in texts(lang) {
                assert_eq!(unquoted_buttons(lang, &said), Vec::<String>::new(), "{lang:?}: {said}");
            }
        }
        let names: Vec<String> = BUTTONS
            .iter()
            .flat_map(|key| [Lang::ZhHant, Lang::ZhHans].map(|lang| t(lang, key)))
            .map(|label| label.trim_matches(['‹', '›', ' ']).to_string())
            .collect();
        let mut labels = 0;
        for path in source_files() {
            let code = std::fs::read_to_string(&path).expect("a source file");
            let code = code.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code.lines().filter(|line| !line.trim_start().starts_with("//")) {
                for name in &names {
                    for (at, _) in line.match_indices(name.as_str()) {
                        let (before, after) = (&line[..at], &line[at + name.len()..]);
                        // The label's own entry: "下一頁 ›", "‹ 上一頁".
                        let label = (before.ends_with('"') || before.ends_with("\"‹ "))
                            && (after.starts_with('"') || after.starts_with(" ›\""));
                        let quoted = (before.ends_with('「') && after.starts_with('」'))
                            || (before.ends_with('“') && after.starts_with('”'));
                        assert!(label || quoted, "{}: {name} unquoted in {line}", path.display());
                        labels += usize::from(label);
                    }
                }
            }
        }
        assert!(labels >= BUTTONS.len(), "the scan read the labels' own entries ({labels})");
    }

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut keys: Vec<&str> = entries().map(|(k, _)| *k).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate keys");
        // Placeholders, and the HTML tags a text carries, are the same in every language.
        let count = |s: &str, pattern: &str| s.matches(pattern).count();
        for text in all_translations() {
            let Text { en, hant, hans } = *text;
            assert!(!en.is_empty() && !hant.is_empty() && !hans.is_empty(), "{text:?}: a text is missing");
            for pattern in ["{", "<code>", "<b>", "<i>", "<sub>", "<kbd>", "<span"] {
                let n = count(en, pattern);
                assert!(n == count(hant, pattern) && n == count(hans, pattern), "{text:?}: {pattern} differs");
            }
        }
    }

    #[test]
    fn each_chinese_text_keeps_to_its_own_script() {
        for text in texts(Lang::ZhHant) {
            let wrong: String = text.chars().filter(|c| HANS_ONLY.contains(*c)).collect();
            assert!(wrong.is_empty(), "Simplified characters {wrong:?} in the Traditional text {text:?}");
        }
        for text in texts(Lang::ZhHans) {
            let wrong: String = text.chars().filter(|c| HANT_ONLY.contains(*c)).collect();
            assert!(wrong.is_empty(), "Traditional characters {wrong:?} in the Simplified text {text:?}");
        }
    }

    #[test]
    fn each_chinese_text_uses_its_own_terms() {
        for text in texts(Lang::ZhHans) {
            for term in TAIWAN_TERMS {
                assert!(!text.contains(term), "the Taiwanese term {term:?} in the Simplified text {text:?}");
            }
        }
        for text in texts(Lang::ZhHant) {
            for term in MAINLAND_TERMS {
                assert!(!text.contains(term), "the mainland term {term:?} in the Traditional text {text:?}");
            }
            // Taiwan writes 演算法 for "algorithm"; 算法 alone is the mainland word.
            assert_eq!(text.matches("算法").count(), text.matches("演算法").count(), "算法 in {text:?}");
        }
    }

    /// One sample of a batch is 樣本 in Taiwan as it is 样本 on the mainland; 資料 is data (数据).
    /// A Traditional text said "沒有資料 999" for "there is no sample 999".
    #[test]
    fn a_sample_is_a_sample_in_both_scripts() {
        for (hant, hans) in texts(Lang::ZhHant).iter().zip(texts(Lang::ZhHans).iter()) {
            same_sample_and_data(hant, hans);
        }
        let page = crate::page::Page::from_query("f=999&s=999&lang=zh-Hant");
        let said = page.notice.map(|n| n.text).unwrap_or_default();
        assert!(said.contains("沒有樣本 999") && !said.contains("資料"), "{said}");
    }

    /// 第 makes an ordinal: "第 12 個" is the 13th sample when 12 is an index from 0. An index
    /// (a sample, a feature, a position, a dimension) is written as English writes it, "樣本 12"
    /// ("sample 12"); 第 goes only before a count from 1 (a step, an epoch, a row or a line of a CSV, …).
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn no_chinese_text_puts_an_index_after_di() {
        // "from": the step (or probe) from which a caption speaks.
        const FROM_ONE: [&str; 9] = ["k", "m", "e", "h", "row", "column", "line", "index", "from"];
        for text in all_translations() {
            for zh in [text.hant, text.hans] {
                assert!(!zh.contains("第 0"), "an index from 0 as an ordinal: {zh}");
            }
        }
        for path in source_files() {
            let code = std::fs::read_to_string(&path).unwrap_or_default();
            // The code, not its tests (this one names what it looks for).
            let code = code.split("#[cfg(test)]").next().unwrap_or_default();
            for (i, _) in code.match_indices("第 {") {
                let name: String = code[i + "第 {".len()..].chars().take_while(|c| *c != '}').collect();
                assert!(FROM_ONE.contains(&name.as_str()), "{}: 第 {{{name}}} (an index?)", path.display());
            }
        }
        let mut lab = crate::lab::Lab::new(crate::lab::Settings::default()).expect("defaults");
        lab.select_sample(12).expect("sample 12 of 32");
        let zh = crate::explain::summary(&lab, "samples", Lang::ZhHant);
        assert!(zh.contains("樣本 12：") && !zh.contains("第 12"), "{zh}");
    }

    /// The lead never calls eval mode the default (a new module trains): "評估模式（預設）"
    /// read as "eval mode (the default)" to a reviewer in both scripts, and so could the English.
    #[test]
    fn the_lead_says_train_mode_is_where_a_module_starts() {
        for lang in Lang::ALL {
            let lead = t(lang, "lead");
            for wrong in ["(by default)", "評估模式（預設）", "评估模式（默认）"] {
                assert!(!lead.contains(wrong), "{lead}");
            }
            assert!(lead.contains("track_running_stats=True"), "{lead}");
        }
    }

    /// Phones and tablets have no mouse: a text that says "click" says "tap" too, or "select"
    /// ("Click a feature to follow it" on a phone).
    #[test]
    fn no_text_says_click_alone() {
        for text in all_translations() {
            let en = text.en.to_lowercase();
            assert!(!en.contains("click") || en.contains("tap or click"), "{}", text.en);
        }
    }

    #[test]
    fn the_script_lists_are_disjoint() {
        assert!(HANT_ONLY.chars().all(|c| !HANS_ONLY.contains(c)));
    }

    /// Every literal key the code passes to `t`/`tf`, and the chart constants it translates, has
    /// an entry: a new English sentence without its translations fails here, before it ships.
    #[test]
    fn every_key_the_code_asks_for_is_in_the_table() {
        let sources = [
            ("explain.rs", include_str!("explain.rs")),
            ("page.rs", include_str!("page.rs")),
            ("compare.rs", include_str!("compare.rs")),
            ("charts/common.rs", include_str!("charts/common.rs")),
            ("charts/curves.rs", include_str!("charts/curves.rs")),
            ("charts/digits.rs", include_str!("charts/digits.rs")),
            ("charts/distribution.rs", include_str!("charts/distribution.rs")),
            ("charts/features.rs", include_str!("charts/features.rs")),
            ("charts/norm_grid.rs", include_str!("charts/norm_grid.rs")),
            ("charts/norm_outputs.rs", include_str!("charts/norm_outputs.rs")),
            ("charts/percentiles.rs", include_str!("charts/percentiles.rs")),
            ("charts/running.rs", include_str!("charts/running.rs")),
            ("charts/samples.rs", include_str!("charts/samples.rs")),
            ("charts/sweep.rs", include_str!("charts/sweep.rs")),
        ];
        let mut checked = 0;
        for (file, source) in sources {
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            for key in asked_keys(code) {
                assert!(lookup(&key).is_some(), "{file} asks for {key:?}, which has no translations");
                checked += 1;
            }
        }
        assert!(checked > 100, "the scan found only {checked} keys");
    }

    /// A single value per feature: an (N, C, L) input is also helped by a longer L (N = 1 with
    /// L = 5 trains in PyTorch: truth38); (N, C) only by a larger batch.
    #[test]
    fn one_value_per_feature_names_every_way_out() {
        let said = |shape: Vec<usize>, lang| {
            error_message(&BnError::OneValuePerFeature { shape, has_running_stats: true }, lang)
        };
        assert!(said(vec![1, 16, 1], Lang::En)
            .contains("Use a batch of 2 or more (or a length L of 2 or more), or switch to eval mode"));
        assert!(said(vec![1, 16], Lang::En).contains("Use a batch of 2 or more, or switch to eval mode"));
        assert!(said(vec![1, 16, 1], Lang::ZhHans).contains("或长度 L 为 2 或更大"));
        assert!(!said(vec![1, 16], Lang::ZhHant).contains("長度 L"));
    }

    /// Subscripts are written as HTML writes them (σ²<sub>B</sub>), and in a refusal (plain text)
    /// not at all ("x − μ"): the distribution caption read "σ_B/√(σ²_B + eps)", lesson 4's red
    /// box "x − μ_B" (class38).
    #[test]
    fn no_raw_subscripts_in_the_words() {
        for (_, text) in entries() {
            for words in [text.en, text.hant, text.hans] {
                assert!(!words.contains("_B"), "{words}");
            }
        }
        let code = include_str!("i18n.rs").split("#[cfg(test)]").next().unwrap_or_default();
        let said = code.lines().filter(|line| line.contains("format!(\""));
        assert!(said.clone().count() > 50);
        for line in said {
            assert!(!line.contains("_B"), "{line}");
        }
    }

    /// Every name a refusal can give (`what`) and every CSV reason has its translations.
    #[test]
    fn every_refusal_name_is_translated() {
        let sources = [
            include_str!("app.rs"),
            include_str!("lab.rs"),
            include_str!("trainer.rs"),
            include_str!("compare.rs"),
            include_str!("core/batchnorm.rs"),
            include_str!("core/net/spec.rs"),
            include_str!("core/digits.rs"),
            include_str!("core/norms.rs"),
            include_str!("page.rs"),
            include_str!("link.rs"),
        ];
        let mut checked = 0;
        for source in sources {
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            for pattern in [
                "whole(\"",
                "in_bounds(\"",
                "what: \"",
                "check_width(features, \"",
                "check_width(inputs, \"",
                "check_width(outputs, \"",
            ] {
                for (i, _) in code.match_indices(pattern) {
                    let name = read_literal(&code[i + pattern.len()..]);
                    assert!(WHAT.iter().any(|text| text.en == name), "no translations for the name {name:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "the scan found only {checked} names");
    }

    /// The string literals right after `t(lang, ` or `tf(lang, ` (any first argument without a
    /// comma), and those of `const NAME: &str` / `[&str; n]` declarations.
    fn asked_keys(code: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for (i, _) in code.match_indices('(') {
            let before = &code[..i];
            let is_call = (before.ends_with("tf") || before.ends_with('t'))
                && !before[..before.len() - if before.ends_with("tf") { 2 } else { 1 }]
                    .ends_with(|c: char| c.is_alphanumeric() || c == '_');
            if !is_call {
                continue;
            }
            let rest = &code[i + 1..];
            let Some(comma) = rest.find(',') else { continue };
            if rest[..comma].contains(['(', '"', ')']) {
                continue;
            }
            let after = rest[comma + 1..].trim_start();
            if let Some(literal) = after.strip_prefix('"') {
                keys.push(read_literal(literal));
            }
        }
        for line in code.lines() {
            let line = line.trim();
            let is_const = line.contains("const ") && (line.contains(": &str =") || line.contains("[&str; "));
            if is_const {
                let mut rest = line.split_once('=').map_or("", |(_, r)| r);
                while let Some(start) = rest.find('"') {
                    let literal = read_literal(&rest[start + 1..]);
                    rest = &rest[start + 1 + literal.len() + 1..];
                    keys.push(literal);
                }
            }
        }
        keys
    }

    /// A Rust string literal's text up to its closing quote (escapes kept as written, which the
    /// table's keys do not use).
    fn read_literal(text: &str) -> String {
        let mut end = 0;
        let mut escaped = false;
        for (i, c) in text.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = i;
                    break;
                }
                _ => escaped = false,
            }
            end = i + c.len_utf8();
        }
        text[..end].to_string()
    }

    #[test]
    fn the_words_the_page_writes_are_all_in_the_table() {
        use crate::lab::{Lab, Settings};
        let labs = [
            Lab::new(Settings::default()).unwrap(),
            Lab::replay(Settings::default(), &[crate::lab::Action::Step(3), crate::lab::Action::Mode(false)])
                .map_err(|e| e.1)
                .unwrap(),
            Lab::replay(Settings::default(), &[crate::lab::Action::BatchSize(1)]).map_err(|e| e.1).unwrap(),
        ];
        for lang in Lang::ALL {
            for lab in &labs {
                crate::explain::status(lab, lang);
                crate::explain::step_by_step(lab, lang);
                for chart in ["distribution", "features", "running", "samples"] {
                    crate::explain::caption(lab, chart, lang);
                    crate::explain::summary(lab, chart, lang);
                }
            }
            let compare = crate::compare::CompareSettings::default();
            crate::compare::view(&compare, lang).unwrap();
            let refused = crate::compare::CompareSettings { l: 1, groups: 4, ..compare };
            let view = crate::compare::view(&refused, lang).unwrap();
            for panel in &view.panels {
                t(lang, &panel.over);
            }
            for key in html_keys() {
                t(lang, key);
            }
        }
        let missing: Vec<String> = missing_keys().into_iter().filter(|k| !k.starts_with("test-only")).collect();
        assert!(missing.is_empty(), "asked for with no translations: {missing:?}");
    }

    /// The word for "discrete" alone (離 and 散) does not say spread to a Taiwanese reader: spread
    /// is 離散程度 or 標準差 (issue 14), in every Chinese text of the page, the tables' and the
    /// modules' own.
    #[test]
    fn no_text_says_spread_as_discrete() {
        let sources = [
            include_str!("backward.rs"),
            include_str!("compare.rs"),
            include_str!("explain.rs"),
            include_str!("export.rs"),
            include_str!("i18n.rs"),
            include_str!("lessons.rs"),
            include_str!("page.rs"),
            include_str!("papers.rs"),
            include_str!("charts/gradients.rs"),
            include_str!("charts/norm_grid.rs"),
            include_str!("charts/text.rs"),
            include_str!("core/error.rs"),
        ];
        let word = ['離', '散'].iter().collect::<String>(); // not written whole: this test would find itself
        for source in sources {
            for (i, _) in source.match_indices(&word) {
                let after = &source[i + word.len()..];
                assert!(after.starts_with("程度"), "{word} alone: …{}…", after.chars().take(20).collect::<String>());
            }
        }
    }

    #[test]
    fn every_label_of_the_page_is_in_the_table() {
        let html = include_str!("../www/index.html");
        let attrs =
            ["data-i18n=\"", "data-i18n-aria=\"", "data-i18n-alt=\"", "data-i18n-title=\"", "data-i18n-download=\""];
        for attr in attrs {
            for part in html.split(attr).skip(1) {
                let key = part.split('"').next().unwrap_or_default();
                assert!(lookup(key).is_some(), "index.html uses {attr}{key}\" with no entry");
                assert!(html_keys().any(|k| k == key), "index.html uses {attr}{key}\", which the page is not sent");
            }
        }
    }

    /// The first view's small module has no [`OTHER_VIEWS`]: every label outside the Train and
    /// "Which axis?" panels (main.js's too) is in [`TABLE`], and no code but those views' own
    /// modules asks for one of their keys.
    #[test]
    fn the_other_views_words_are_asked_for_by_their_code_only() {
        let html = include_str!("../www/index.html");
        let panel = |id: &str| {
            let start = html.find(&format!("<section id=\"{id}\"")).expect("the view's panel");
            // The panel's own closing tag is the one at the start of a line (inner sections are indented).
            &html[start..start + html[start..].find("\n</section>").expect("its end")]
        };
        let (norms, train) = (panel("view-norms"), panel("view-train"));
        let outside = html.replace(norms, "").replace(train, "") + include_str!("../www/main.js");
        for (key, _) in OTHER_VIEWS {
            for attr in [
                "data-i18n=\"",
                "data-i18n-alt=\"",
                "data-i18n-aria=\"",
                "data-i18n-title=\"",
                "data-i18n-download=\"",
                "dataset.i18n = \"",
                "dataset.i18nAlt = \"",
            ] {
                assert!(
                    !outside.contains(&format!("{attr}{key}\"")),
                    "{key} labels the first view: it belongs in TABLE"
                );
            }
        }
        // Their own modules: the Train view, the papers, the comparison and their charts.
        let theirs = |path: &str| {
            ["src/trainer.rs", "src/papers.rs", "src/compare.rs", "src/core/net/"].iter().any(|p| path.starts_with(p))
                || ["curves", "percentiles", "sweep", "landscape", "batch_sweep", "digits", "norm_grid", "norm_outputs"]
                    .iter()
                    .any(|chart| path == format!("src/charts/{chart}.rs"))
        };
        for path in source_files() {
            let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches('/');
            if !name.ends_with(".rs") || theirs(name) {
                continue;
            }
            let code = std::fs::read_to_string(&path).expect("a source file");
            // The code, not its tests; in this file, not the tables either.
            let mut code = code.split("#[cfg(test)]").next().unwrap_or_default().to_string();
            if name == "src/i18n.rs" {
                let tables = code.find("static TABLE").unwrap()..code.find("/// Keys the page asked for").unwrap();
                code.replace_range(tables, "");
            }
            for (key, _) in OTHER_VIEWS {
                assert!(!code.contains(&format!("\"{key}\"")), "{name} asks for {key:?}: it belongs in TABLE");
            }
        }
    }

    /// Every file under src/, for the tests that read the code itself.
    fn source_files() -> Vec<std::path::PathBuf> {
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src/").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files
    }

    /// The small module's words files: every text it shows, read back as written.
    #[test]
    fn the_words_files_hold_every_text_of_the_small_module() {
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            let file = words_file(lang);
            assert_eq!(file.lines().count(), 1 + small_module_texts().count());
            for text in small_module_texts() {
                for part in [text.en, text.get(lang)] {
                    assert!(!part.contains(['\n', '\r']), "{part:?}: a line break");
                }
            }
            assert!(load_words(lang, &file) && has_words(lang));
            for text in small_module_texts() {
                assert_eq!(loaded(lang, text), Some(text.get(lang)), "{:?}", text.en);
            }
            // Two texts with one English keep their own translations: "sample" the box's label
            // (样本编号, the sample's number) and "sample" a refusal's name for it.
            let named = WHAT.iter().find(|t| t.en == "sample").expect("a refusal's \"sample\"");
            let label = lookup("sample").expect("the box's label");
            assert_eq!(label.en, named.en);
            assert_ne!(loaded(lang, label), loaded(lang, named));
        }
        assert!(words_file(Lang::En).is_empty());
        assert!(!load_words(Lang::ZhHans, "no fingerprint here"), "a file that is not one is refused");
        let file = words_file(Lang::ZhHans);
        let (first, rest) = file.split_once('\n').expect("lines");
        let other_build = format!("{}\n{rest}", fingerprint() ^ 1);
        assert!(!load_words(Lang::ZhHans, &other_build), "another build's file is refused");
        let short = file.rsplit_once('\n').and_then(|(f, _)| f.rsplit_once('\n')).map(|(f, _)| f).expect("lines");
        assert!(!load_words(Lang::ZhHans, short), "a file a line short is refused");
        // A translation with markup its English lacks (the labels are HTML) is refused.
        let (_, rest) = rest.split_once('\n').expect("lines");
        let injected = format!("{first}\n<img src=x onerror=alert(1)>\n{rest}");
        assert!(!load_words(Lang::ZhHans, &injected), "a file adding markup is refused");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::ZhHant, "feature {f}, sample {s}", &[("f", "3"), ("s", "1")]), "特徵 3、樣本 1");
        assert_eq!(tf(Lang::ZhHans, "feature {f}, sample {s}", &[("f", "3"), ("s", "1")]), "特征 3、样本 1");
        assert_eq!(t(Lang::En, "test-only: no such key"), "test-only: no such key");
        assert!(missing_keys().iter().any(|k| k == "test-only: no such key"));
    }

    #[test]
    fn codes_round_trip_and_old_links_still_open() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("zh-TW"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_code("zh-tw"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_code("zh"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_code("ZH-HANT"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_code("zh-hans"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn the_browser_s_first_language_the_page_has_wins() {
        use Lang::*;
        let cases: &[(&[&str], Lang)] = &[
            (&[], En),
            (&["en-US", "zh-CN"], En),
            (&["zh-CN", "en"], ZhHans),
            (&["zh-SG"], ZhHans),
            (&["zh-Hans"], ZhHans),
            (&["zh-Hans-HK"], ZhHans),
            (&["zh"], ZhHans),
            (&["ZH"], ZhHans),
            (&["zh-TW", "zh-CN"], ZhHant),
            (&["zh-HK"], ZhHant),
            (&["zh-MO"], ZhHant),
            (&["zh-Hant"], ZhHant),
            (&["zh-Hant-CN"], ZhHant),
            (&["zh_TW"], ZhHant),
            (&["fr-FR", "de", "zh-TW", "en"], ZhHant),
            (&["fr-FR", "de"], En),
            (&["ja", "en-GB", "zh-CN"], En),
        ];
        for (languages, expected) in cases {
            assert_eq!(Lang::from_browser(languages), *expected, "{languages:?}");
        }
    }

    #[test]
    fn refusals_are_in_the_page_s_language() {
        for error in sample_errors() {
            let (en, hant, hans) = (
                error_message(&error, Lang::En),
                error_message(&error, Lang::ZhHant),
                error_message(&error, Lang::ZhHans),
            );
            assert!(en != hant && hant != hans && !en.is_empty() && !hant.is_empty() && !hans.is_empty(), "{error:?}");
        }
        for refusal in sample_refusals() {
            let (en, hant, hans) = (
                refusal_message(&refusal, Lang::En),
                refusal_message(&refusal, Lang::ZhHant),
                refusal_message(&refusal, Lang::ZhHans),
            );
            assert!(
                en != hant && hant != hans && !en.is_empty() && !hant.is_empty() && !hans.is_empty(),
                "{refusal:?}"
            );
        }
        let csv = Refusal::BadCsv { row: 2, column: 3, problem: CsvProblem::NotANumber };
        assert_eq!(refusal_message(&csv, Lang::En), "CSV row 2, column 3: not a number.");
        assert_eq!(refusal_message(&csv, Lang::ZhHant), "CSV 第 2 列第 3 欄：不是數字。");
        assert_eq!(refusal_message(&csv, Lang::ZhHans), "CSV 第 2 行第 3 列：不是数字。");
        let groups = BnError::GroupsDoNotDivide { groups: 4, channels: 6 };
        assert!(error_message(&groups, Lang::ZhHans).contains("1、2、3 或 6"));
        assert!(error_message(&groups, Lang::En).contains("try 1, 2, 3 or 6"));
        let group = BnError::OneValuePerGroup { shape: vec![1, 6], groups: 6 };
        assert!(error_message(&group, Lang::En).contains("one value per group"));
    }

    /// Why a chart could not be drawn (as SVG, or on its canvas) is said in the notice's language
    /// (its reason was once plotters' or the browser's English inside the Chinese sentence), and
    /// the chart is named by its title in that language; only the formats' names stay Latin.
    #[test]
    fn a_chart_that_cannot_be_drawn_is_named_and_explained_in_the_page_s_language() {
        for why in [DrawWhy::Drawing, DrawWhy::NoCanvas, DrawWhy::NoSuchChart] {
            for lang in [Lang::ZhHant, Lang::ZhHans] {
                let chart = tf(lang, "Feature {f}: running statistics over steps", &[("f", "0")]);
                for refusal in [
                    Refusal::NoSvg { chart: chart.clone(), why: why.clone() },
                    Refusal::NotDrawn { chart: chart.clone(), why: why.clone() },
                ] {
                    let said = refusal_message(&refusal, lang);
                    assert!(said.contains(&chart), "{said}");
                    let rest = ["SVG", "PNG", "2D"].iter().fold(said.clone(), |t, name| t.replace(name, ""));
                    assert!(!rest.chars().any(|c| c.is_ascii_alphabetic()), "English in {said:?}");
                }
            }
        }
        let groups = BnError::GroupsDoNotDivide { groups: 4, channels: 6 };
        for refused in [
            Refusal::NoSvg { chart: "哪个轴？".into(), why: DrawWhy::Refused(Box::new(groups.clone())) },
            Refusal::NotDrawn { chart: "哪个轴？".into(), why: DrawWhy::Refused(Box::new(groups.clone())) },
        ] {
            assert!(refusal_message(&refused, Lang::ZhHans).ends_with(&error_message(&groups, Lang::ZhHans)));
        }
    }

    /// "Switch to eval mode" only where eval mode has running statistics to use.
    #[test]
    fn a_batch_of_one_gets_advice_that_fits_the_layer() {
        let tracked = BnError::OneValuePerFeature { shape: vec![1, 3], has_running_stats: true };
        let untracked = BnError::OneValuePerFeature { shape: vec![1, 3], has_running_stats: false };
        let (tracked, untracked) = (error_message(&tracked, Lang::En), error_message(&untracked, Lang::En));
        assert!(tracked.contains("switch to eval mode") && tracked.contains("[1, 3]"), "{tracked}");
        assert!(!untracked.contains("switch to eval mode"), "{untracked}");
        assert!(untracked.contains("track_running_stats=False"), "{untracked}");
        let hant =
            error_message(&BnError::OneValuePerFeature { shape: vec![1, 3], has_running_stats: true }, Lang::ZhHant);
        assert!(hant.contains("切換到評估模式"), "{hant}");
    }
}
