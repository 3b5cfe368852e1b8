//! Guided lessons: each stage sets the page up (settings + actions, replayed like a shared
//! link), says what to look at, asks the class to predict, then reveals the answer.

use crate::core::{BatchNormConfig, DataSpec};
use crate::lab::{Action, Settings};

/// A lesson's words in English, Traditional Chinese (Taiwanese terms) and Simplified Chinese
/// (mainland terms): the page's one kind of translation, so a lesson without all three does not
/// compile.
pub use crate::i18n::Text;

/// Every text of every lesson (titles, texts, questions, answers), for the tests.
pub fn all_texts() -> impl Iterator<Item = &'static Text> {
    LESSONS
        .iter()
        .flat_map(|lesson| {
            std::iter::once(lesson.title())
                .chain(lesson.stages.iter().flat_map(|stage| [&stage.text, &stage.question, &stage.answer]))
        })
        .chain([&SETUP_CHANGED, &SHOW_CHART, &SHOW_TABLE, &SHOW_BOX, &SHOW_VARIANCES, &SHOW_SWEEP])
}

/// Said after a stage's text once the page's settings differ from the ones it set up.
pub const SETUP_CHANGED: Text = Text::new(
    "(The settings now differ from the ones this stage set up, which its text describes.)",
    "（目前的設定已與這一頁課程所設的不同，上面的說明描述的是課程所設的。）",
    "（当前的设置已与这一页课程所设的不同，上面的说明描述的是课程所设的。）",
);

/// One screen of a lesson.
pub struct Stage {
    /// What to look at.
    pub text: Text,
    /// What to predict before revealing.
    pub question: Text,
    pub answer: Text,
    /// The page for this stage: settings, then these actions.
    pub settings: fn() -> Settings,
    pub actions: &'static [Action],
    /// Overlay the other mode's output on the distribution chart.
    pub overlay: bool,
    /// The view the stage opens: "lab", "norms" or "train".
    pub view: &'static str,
}

pub struct Lesson {
    pub id: &'static str,
    pub stages: &'static [Stage],
}

impl Lesson {
    /// The lesson's title ([`TITLES`]; a test checks every lesson has one).
    pub fn title(&self) -> &'static Text {
        title_of(self.id).unwrap_or(&TITLES[0].1)
    }
}

/// The title of the lesson named `id`, if there is one ([`TITLES`], which the small module holds
/// too: a link's lesson name is checked against it).
pub fn title_of(id: &str) -> Option<&'static Text> {
    TITLES.iter().find(|(name, _)| *name == id).map(|(_, title)| title)
}

/// `x = torch.randn(4, 128) * 2 + 1` into `BatchNorm1d(128, affine=False)`.
fn tutorial() -> Settings {
    Settings {
        layer: BatchNormConfig { affine: false, ..BatchNormConfig::new(128) },
        data: DataSpec { offset: 1.0, shift: 0.0, spread: 2.0, vary_spread: false, ..DataSpec::new(128, 0) },
        batch_size: 4,
        ..Settings::default()
    }
}

fn default_page() -> Settings {
    Settings::default()
}

fn small_batch() -> Settings {
    Settings { batch_size: 8, ..Settings::default() }
}

/// Every feature nearly constant: standard deviation 0.001, variance 1e-6 < eps = 1e-5.
fn nearly_constant() -> Settings {
    Settings {
        data: DataSpec { shift: 0.0, spread: 0.001, vary_spread: false, ..DataSpec::new(128, 1) },
        ..Settings::default()
    }
}

fn ncl() -> Settings {
    Settings {
        layer: BatchNormConfig::new(16),
        data: DataSpec::new(16, 1),
        batch_size: 8,
        length: 10,
        ..Settings::default()
    }
}

/// The lessons' titles, by id, in the menu's order: apart from the lessons themselves, so the
/// first view's small module holds the menu and not the lessons (opening one hands the page over
/// to the full module, [`crate::page::Page::in_this_build`]).
pub static TITLES: &[(&str, Text)] = &[
    (
        "tutorial",
        Text::new(
            "1. The tutorial's experiment: what does y.var(dim=0) print?",
            "1. 教學範例：y.var(dim=0) 會印出多少？",
            "1. 教程中的实验：y.var(dim=0) 会打印出多少？",
        ),
    ),
    (
        "momentum",
        Text::new(
            "2. Momentum is not optimizer momentum",
            "2. 這裡的 momentum 不是最佳化器的 momentum",
            "2. 这里的 momentum 不是优化器的动量",
        ),
    ),
    ("eval", Text::new("3. Forgot model.eval()", "3. 忘了 model.eval()", "3. 忘了 model.eval()")),
    ("one", Text::new("4. A batch of one", "4. 只有一個樣本的批次", "4. 只有一个样本的批量")),
    (
        "coupled",
        Text::new(
            "5. Samples are coupled in train mode",
            "5. 訓練模式下各樣本互相牽動",
            "5. 训练模式下样本之间相互影响",
        ),
    ),
    ("eps", Text::new("6. eps and a nearly constant feature", "6. eps 與幾乎不變的特徵", "6. eps 与几乎不变的特征")),
    ("ncl", Text::new("7. (N, C, L) input", "7. (N, C, L) 形狀的輸入", "7. (N, C, L) 形状的输入")),
    (
        "axis",
        Text::new(
            "8. Which axis? BatchNorm next to LayerNorm, InstanceNorm, GroupNorm",
            "8. 哪個軸？BatchNorm 與 LayerNorm、InstanceNorm、GroupNorm",
            "8. 哪个轴？BatchNorm 与 LayerNorm、InstanceNorm、GroupNorm 对比",
        ),
    ),
    (
        "gradient",
        Text::new(
            "9. In train mode, BatchNorm's ∂L/∂x sums to zero",
            "9. 訓練模式下 BatchNorm 的 ∂L/∂x 總和為零",
            "9. 训练模式下 BatchNorm 的 ∂L/∂x 之和为零",
        ),
    ),
    (
        "fold",
        Text::new(
            "10. In eval mode BatchNorm is a per-feature affine map: it folds into the Linear",
            "10. 評估模式下的 BatchNorm 是逐特徵的仿射變換：可以折疊進 Linear",
            "10. 评估模式下的 BatchNorm 是逐特征的仿射变换：可以折叠进 Linear",
        ),
    ),
    (
        "papers",
        Text::new(
            "11. What the papers measured: Ioffe & Szegedy, Santurkar et al., Wu & He",
            "11. 論文實際量測了什麼：Ioffe 與 Szegedy、Santurkar 等人、Wu 與 He",
            "11. 论文实际测量了什么：Ioffe 和 Szegedy、Santurkar 等人、Wu 和 He",
        ),
    ),
];

pub static LESSONS: &[Lesson] = &[
    Lesson {
        id: "tutorial",
        stages: &[
            Stage {
                text: Text {
                    en: "<code>x = torch.randn(4, 128) * 2 + 1</code>: every feature has mean 1 and variance 4. <code>nn.BatchNorm1d(128, affine=False)</code> normalizes each feature over the batch of 4. Four values are a small sample: a feature's batch mean and spread can be far from 1 and 2 (the charts show this batch's).",
                    hant: "<code>x = torch.randn(4, 128) * 2 + 1</code>：每個特徵的平均是 1、變異數是 4。<code>nn.BatchNorm1d(128, affine=False)</code> 對每個特徵在這 4 個樣本上做正規化。4 個值是很小的樣本：一個特徵在這個批次裡的平均與離散程度可能離 1 和 2 很遠（圖表畫的是這個批次的）。",
                    hans: "<code>x = torch.randn(4, 128) * 2 + 1</code>：每个特征的均值为 1、方差为 4。<code>nn.BatchNorm1d(128, affine=False)</code> 在这 4 个样本上对每个特征做归一化。4 个值是很小的样本：一个特征在这个批量里的均值和离散程度可能离 1 和 2 很远（图表画的是这个批量的）。",
                },
                question: Text {
                    en: "What will <code>y.var(dim=0)</code> print for a feature: about 1, or something else?",
                    hant: "<code>y.var(dim=0)</code> 對一個特徵會印出多少：大約 1，還是別的數？",
                    hans: "<code>y.var(dim=0)</code> 对一个特征会打印出多少：约等于 1，还是别的数？",
                },
                answer: Text {
                    en: "About 1.333 = 4/3. BatchNorm divides by N = 4 (the biased variance), so y's biased variance is ≈ 1; <code>torch.var</code> divides by N\u{a0}−\u{a0}1\u{a0}=\u{a0}3. The sentence under the step-by-step table gives both for this feature (the table's own two variances are x's).",
                    hant: "大約 1.333 = 4/3。BatchNorm 除以 N = 4（有偏變異數），所以 y 的有偏變異數 ≈ 1；<code>torch.var</code> 預設除以 N\u{a0}−\u{a0}1\u{a0}=\u{a0}3。逐步計算表下方的那句話列出這個特徵的兩個變異數（表格裡的兩個變異數是 x 的）。",
                    hans: "约为 1.333 = 4/3。BatchNorm 除以 N = 4（有偏方差），所以 y 的有偏方差 ≈ 1；而 <code>torch.var</code> 默认除以 N\u{a0}−\u{a0}1\u{a0}=\u{a0}3。逐步计算表下方的那句话列出了这个特征的两个方差（表格里的两个方差是 x 的）。",
                },
                settings: tutorial,
                actions: &[],
                overlay: false,
                view: "lab",
            },
            Stage {
                text: Text {
                    en: "The same layer with a batch of N = 32. Compare the two variances of the output below the step-by-step table.",
                    hant: "同一層，批次改成 N = 32。比較逐步計算表下方輸出的兩種變異數。",
                    hans: "同一层，批量改为 N = 32。比较逐步计算表下方输出的两种方差。",
                },
                question: Text { en: "How big is the gap now?", hant: "現在兩者差多少？", hans: "现在两者相差多少？" },
                answer: Text {
                    en: "The ratio is N/(N\u{a0}−\u{a0}1) = 32/31 ≈ 1.03: the gap shrinks as N grows, and at N = 256 it is 256/255 ≈ 1.004.",
                    hant: "比例是 N/(N\u{a0}−\u{a0}1) = 32/31 ≈ 1.03：N 越大差距越小，N = 256 時只有 256/255 ≈ 1.004。",
                    hans: "比值是 N/(N\u{a0}−\u{a0}1) = 32/31 ≈ 1.03：N 越大差距越小，N = 256 时只有 256/255 ≈ 1.004。",
                },
                settings: tutorial,
                actions: &[Action::BatchSize(32)],
                overlay: false,
                view: "lab",
            },
        ],
    },
    Lesson {
        id: "momentum",
        stages: &[
            Stage {
                text: Text {
                    en: "BatchNorm's momentum weighs the <b>new</b> batch: running = (1 − momentum)·running + momentum·batch. An optimizer's (SGD: v ← μ·v + g) weighs the <b>old</b> velocity. PyTorch's docstring (torch 2.15): <q>This <code>momentum</code> argument is different from one used in optimizer classes and the conventional notion of momentum.</q>",
                    hant: "BatchNorm 的 momentum 是<b>新</b>批次的權重：running = (1 − momentum)·running + momentum·batch。最佳化器的 momentum（SGD：v ← μ·v + g）則是<b>舊</b>速度的權重。PyTorch 的說明文字（torch 2.15）：<q>This <code>momentum</code> argument is different from one used in optimizer classes and the conventional notion of momentum.</q>",
                    hans: "BatchNorm 的 momentum 是<b>新</b>批量的权重：running = (1 − momentum)·running + momentum·batch。优化器的动量（SGD：v ← μ·v + g）则是<b>旧</b>速度的权重。PyTorch 的文档字符串（torch 2.15）：<q>This <code>momentum</code> argument is different from one used in optimizer classes and the conventional notion of momentum.</q>",
                },
                question: Text {
                    en: "After 30 steps, has running_mean reached the data's true mean (the grey line)?",
                    hant: "30 步之後，running_mean 到達資料真正的平均（灰線）了嗎？",
                    hans: "30 步之后，running_mean 到达数据的真实均值（灰线）了吗？",
                },
                answer: Text {
                    en: "Nearly: the starting value 0 still weighs 0.9³⁰ ≈ 4 %. momentum = 0.1 remembers roughly the last 10 batches.",
                    hant: "差不多：起始值 0 還佔 0.9³⁰ ≈ 4 %。momentum = 0.1 大約記得最近 10 個批次。",
                    hans: "差不多：初始值 0 仍占 0.9³⁰ ≈ 4 % 的权重。momentum = 0.1 大约记住最近 10 个批量。",
                },
                settings: default_page,
                actions: &[Action::Step(30)],
                overlay: false,
                view: "lab",
            },
            Stage {
                text: Text {
                    en: "Keras' <code>BatchNormalization(momentum=0.99)</code> is PyTorch's <code>momentum=0.01</code>: Keras gives the weight of the old value, PyTorch the weight of the new batch. (The same weighting only: Keras averages the biased batch variance and defaults to epsilon=1e-3, so its running statistics still differ a little.)",
                    hant: "Keras 的 <code>BatchNormalization(momentum=0.99)</code> 等於 PyTorch 的 <code>momentum=0.01</code>：Keras 給的是舊值的權重，PyTorch 給的是新批次的權重。（只有權重相同：Keras 平均的是有偏的批次變異數，epsilon 預設為 1e-3，所以它的移動統計仍略有不同。）",
                    hans: "Keras 的 <code>BatchNormalization(momentum=0.99)</code> 相当于 PyTorch 的 <code>momentum=0.01</code>：Keras 给出的是旧值的权重，PyTorch 给出的是新批量的权重。（只有权重相同：Keras 平均的是有偏的批量方差，epsilon 默认为 1e-3，所以它的运行统计量仍略有不同。）",
                },
                question: Text { en: "With momentum = 0.01, how far does running_mean get in 30 steps?", hant: "momentum = 0.01 時，30 步內 running_mean 走多遠？", hans: "momentum = 0.01 时，30 步内 running_mean 能走多远？" },
                answer: Text {
                    en: "Only 1 − 0.99³⁰ ≈ 26 % of the way: 0.01 remembers about 100 batches. Unlike optimizer momentum, a larger PyTorch momentum means a shorter memory.",
                    hant: "只走了 1 − 0.99³⁰ ≈ 26 %：0.01 大約記得 100 個批次。和最佳化器的 momentum 不同，PyTorch 這裡的 momentum 越大，記憶越短。",
                    hans: "只走了 1 − 0.99³⁰ ≈ 26 % 的路程：0.01 大约记住 100 个批量。与优化器的动量不同，PyTorch 这里的 momentum 越大，记忆越短。",
                },
                settings: default_page,
                actions: &[Action::Momentum(Some(0.01)), Action::Step(29)],
                overlay: false,
                view: "lab",
            },
            Stage {
                text: Text {
                    en: "<code>momentum=None</code>: the factor is 1/num_batches_tracked, a cumulative average of every batch so far.",
                    hant: "<code>momentum=None</code>：係數是 1/num_batches_tracked，也就是至今所有批次的累積平均。",
                    hans: "<code>momentum=None</code>：系数为 1/num_batches_tracked，即到目前为止所有批量的累积平均。",
                },
                question: Text { en: "Does the last batch weigh more than the first?", hant: "最後一個批次的權重比第一個大嗎？", hans: "最后一个批量的权重比第一个大吗？" },
                answer: Text {
                    en: "No: after k batches each has weight 1/k. The running mean is the plain average of the batch means, and it settles quickly.",
                    hant: "沒有：k 個批次後每個的權重都是 1/k。移動平均就是各批次平均的算術平均，很快就穩定。",
                    hans: "不会：k 个批量之后每个批量的权重都是 1/k。运行均值就是各批量均值的算术平均，很快就稳定下来。",
                },
                settings: default_page,
                actions: &[Action::Momentum(None), Action::Step(29)],
                overlay: false,
                view: "lab",
            },
        ],
    },
    Lesson {
        id: "eval",
        stages: &[
            Stage {
                text: Text {
                    en: "After 20 training steps, the same batch goes through <code>bn.eval()</code>. The “input x vs output y” chart overlays the train-mode output (the pink dashed outline, “other mode's y” in its legend) on the eval output.",
                    hant: "訓練 20 步之後，同一個批次改用 <code>bn.eval()</code>。「輸入 x 與輸出 y」圖把訓練模式的輸出（粉紅色虛線輪廓，圖例中的「另一模式的 y」）疊在評估模式的輸出上。",
                    hans: "训练 20 步之后，同一个批量改用 <code>bn.eval()</code>。“输入 x 与输出 y”图把训练模式的输出（粉红色虚线轮廓，图例中的“另一模式的 y”）叠加在评估模式的输出上。",
                },
                question: Text { en: "Are the two outputs the same?", hant: "兩種模式的輸出一樣嗎？", hans: "两种模式的输出一样吗？" },
                answer: Text {
                    en: "Close, not equal: eval uses running statistics, train uses this batch's own. At test time, forgetting <code>model.eval()</code> makes every prediction depend on the rest of the test batch, and every test batch moves the running statistics.",
                    hant: "接近但不相同：評估模式用移動統計，訓練模式用這個批次自己的統計。測試時忘了 <code>model.eval()</code>，每個預測都會受同批其他樣本影響，每個測試批次也都會改動移動統計。",
                    hans: "接近但不相等：评估模式用运行统计量，训练模式用本批量自身的统计量。测试时忘了 <code>model.eval()</code>，每个预测都会依赖于同一测试批量中的其他样本，每个测试批量也都会改变运行统计量。",
                },
                settings: default_page,
                actions: &[Action::Step(20), Action::Mode(false)],
                overlay: true,
                view: "lab",
            },
            Stage {
                text: Text {
                    en: "The same, with test batches of only N = 2.",
                    hant: "一樣的比較，但測試批次只有 N = 2。",
                    hans: "同样的比较，但测试批量只有 N = 2。",
                },
                question: Text { en: "Does the gap grow or shrink?", hant: "差距變大還是變小？", hans: "差距变大还是变小？" },
                answer: Text {
                    en: "It grows: in train mode, two values a and b normalize to β ± γ·d/√(d² + eps), with d = |a − b|/2 — about β − γ and β + γ whatever they are, unless they differ by about 2√eps (≈ 0.006 at eps = 1e-5) or less, when both outputs move toward β. Eval mode keeps their real positions.",
                    hant: "變大：訓練模式下，兩個值 a 與 b 會被正規化成 β ± γ·d/√(d² + eps)，其中 d = |a − b|/2——不論它們是多少，大約都是 β − γ 與 β + γ；除非兩者相差約 2√eps（eps = 1e-5 時約 0.006）或更少，這時兩個輸出都會靠向 β。評估模式則保留它們真正的位置。",
                    hans: "变大：训练模式下，两个值 a 和 b 会被归一化为 β ± γ·d/√(d² + eps)，其中 d = |a − b|/2——无论它们是多少，大约都是 β − γ 和 β + γ；除非两者相差约 2√eps（eps = 1e-5 时约为 0.006）或更小，这时两个输出都会向 β 靠拢。评估模式则保留它们的真实位置。",
                },
                settings: default_page,
                actions: &[Action::Step(20), Action::Mode(false), Action::BatchSize(2)],
                overlay: true,
                view: "lab",
            },
        ],
    },
    Lesson {
        id: "one",
        stages: &[
            Stage {
                text: Text {
                    en: "Five training steps (num_batches_tracked = 5), then a batch of N = 1 in train mode: PyTorch refuses it (the red box says why).",
                    hant: "先訓練 5 步（num_batches_tracked = 5），然後在訓練模式送入 N = 1 的批次：PyTorch 拒絕了它（紅框說明原因）。",
                    hans: "先训练 5 步（num_batches_tracked = 5），然后在训练模式下送入 N = 1 的批量：PyTorch 拒绝了它（红框说明了原因）。",
                },
                question: Text {
                    en: "Before this batch num_batches_tracked was 5; the status line now says 6. How can PyTorch count a batch it refuses? And did running_mean move?",
                    hant: "這個批次之前 num_batches_tracked 是 5，狀態列現在顯示 6。PyTorch 怎麼會把它拒絕的批次也計入？running_mean 有動嗎？",
                    hans: "这个批量之前 num_batches_tracked 是 5，状态栏现在显示 6。PyTorch 怎么会把它拒绝的批量也计入？running_mean 变了吗？",
                },
                answer: Text {
                    en: "In train mode PyTorch adds 1 to num_batches_tracked before it checks the batch, so the refused batch is counted. running_mean and running_var did not move. Why refuse at all? One value per feature has no spread to normalize by.",
                    hant: "在訓練模式下，PyTorch 先把 num_batches_tracked 加 1 再檢查批次，所以被拒絕的批次也計入了。running_mean 與 running_var 沒有動。為什麼要拒絕？每個特徵只有一個值，沒有離散程度可以正規化。",
                    hans: "在训练模式下，PyTorch 先把 num_batches_tracked 加 1 再检查批量，所以被拒绝的批量也计入了。running_mean 和 running_var 没有变。为什么要拒绝？每个特征只有一个值，没有可用于归一化的离散程度。",
                },
                settings: default_page,
                actions: &[Action::Step(6), Action::BatchSize(1)],
                overlay: false,
                view: "lab",
            },
            Stage {
                text: Text { en: "The same single sample in eval mode.", hant: "同一個樣本改用評估模式。", hans: "同一个样本改用评估模式。" },
                question: Text { en: "Does eval mode accept it?", hant: "評估模式接受嗎？", hans: "评估模式接受它吗？" },
                answer: Text {
                    en: "Yes: eval mode uses the running statistics, so one sample is enough. That is how a trained model predicts one example at a time.",
                    hant: "接受：評估模式用移動統計，一個樣本就夠了。訓練好的模型就是這樣一次預測一個樣本。",
                    hans: "接受：评估模式用运行统计量，一个样本就够了。训练好的模型就是这样一次预测一个样本的。",
                },
                settings: default_page,
                actions: &[Action::Step(6), Action::BatchSize(1), Action::Mode(false)],
                overlay: false,
                view: "lab",
            },
        ],
    },
    Lesson {
        id: "coupled",
        stages: &[
            Stage {
                text: Text {
                    en: "A batch of 8. Drag the slider under the per-sample chart (sample 0's value of feature 0), or sample 0's dot up and down on that chart, and watch it: orange dots are each sample's output y; read them against the axis numbers.",
                    hant: "8 個樣本的批次。拖動「每個樣本的前後」圖下方的滑桿（樣本 0 在特徵 0 的值），或在這張圖上上下拖動樣本 0 的圓點，並觀察這張圖：橘色圓點是每個樣本的輸出 y；請對照座標軸上的數字。",
                    hans: "一个 8 个样本的批量。拖动逐样本图下方的滑块（样本 0 在特征 0 上的值），或在这张图上上下拖动样本 0 的圆点，并观察这张图：橙色圆点是每个样本的输出 y；请对照坐标轴上的数字读数。",
                },
                question: Text { en: "If you change only sample 0, do the other samples' outputs move?", hant: "只改樣本 0，其他樣本的輸出會動嗎？", hans: "只改变样本 0，其他样本的输出会变吗？" },
                answer: Text {
                    en: "In train mode, yes: μ<sub>B</sub> and σ²<sub>B</sub> depend on every sample, so each output depends on the whole batch.",
                    hant: "訓練模式下會：μ<sub>B</sub> 與 σ²<sub>B</sub> 取決於每一個樣本，所以每個輸出都受整個批次影響。",
                    hans: "训练模式下会：μ<sub>B</sub> 和 σ²<sub>B</sub> 取决于每一个样本，所以每个输出都依赖于整个批量。",
                },
                settings: small_batch,
                actions: &[Action::Step(10)],
                overlay: false,
                view: "lab",
            },
            Stage {
                text: Text { en: "The same in eval mode: drag the slider under the per-sample chart again.", hant: "改成評估模式：再拖一次「每個樣本的前後」圖下方的滑桿。", hans: "改为评估模式：再拖动一次逐样本图下方的滑块。" },
                question: Text { en: "Which outputs move now?", hant: "現在哪些輸出會動？", hans: "现在哪些输出会变？" },
                answer: Text {
                    en: "Only sample 0's: eval mode uses fixed running statistics, so each sample is normalized on its own.",
                    hant: "只有樣本 0 的：評估模式用固定的移動統計，每個樣本各自正規化。",
                    hans: "只有样本 0 的：评估模式使用固定的运行统计量，每个样本各自归一化。",
                },
                settings: small_batch,
                actions: &[Action::Step(10), Action::Mode(false)],
                overlay: false,
                view: "lab",
            },
        ],
    },
    Lesson {
        id: "eps",
        stages: &[
            Stage {
                text: Text {
                    en: "Every feature is nearly constant: standard deviation 0.001, so variance 1e-6 — smaller than eps = 1e-5.",
                    hant: "每個特徵幾乎不變：標準差 0.001，變異數 1e-6——比 eps = 1e-5 還小。",
                    hans: "每个特征几乎不变：标准差 0.001，所以方差为 1e-6——比 eps = 1e-5 还小。",
                },
                question: Text { en: "Will the output have spread γ = 1?", hant: "輸出的離散程度會是 γ = 1 嗎？", hans: "输出的标准差会是 γ = 1 吗？" },
                answer: Text {
                    en: "No: the output's σ is √(σ²/(σ² + eps)) = √(1e-6/1.1e-5) ≈ 0.3. eps keeps 1/√(σ² + eps) finite, and here it dominates. On the chart's one axis the input (σ 0.001) is a spike at 0, and the output is its values stretched ≈ 300×, not 1000×: read both σ in the legend.",
                    hant: "不會：輸出的 σ 是 √(σ²/(σ² + eps)) = √(1e-6/1.1e-5) ≈ 0.3。eps 讓 1/√(σ² + eps) 保持有限，而這裡它佔了主導。在圖表共用的座標軸上，輸入（σ 0.001）是 0 處的一根尖柱，輸出則是它的值放大約 300 倍，而不是 1000 倍：請看圖例中的兩個 σ。",
                    hans: "不会：输出的 σ 是 √(σ²/(σ² + eps)) = √(1e-6/1.1e-5) ≈ 0.3。eps 使 1/√(σ² + eps) 保持有限，而在这里它占了主导。在图表共用的坐标轴上，输入（σ 0.001）是 0 处的一根尖柱，输出则是它的值放大约 300 倍，而不是 1000 倍：请看图例中的两个 σ。",
                },
                settings: nearly_constant,
                actions: &[],
                overlay: false,
                view: "lab",
            },
            Stage {
                text: Text { en: "The same data with eps = 1e-8.", hant: "同樣的資料，eps = 1e-8。", hans: "同样的数据，eps = 1e-8。" },
                question: Text { en: "And now?", hant: "現在呢？", hans: "现在呢？" },
                answer: Text {
                    en: "σ ≈ 1 again: eps is now 100 times smaller than the variance. Try eps = 1 with the slider under the chart: the output collapses towards β.",
                    hant: "σ 又接近 1：eps 現在比變異數小 100 倍。用圖表下方的滑桿試試 eps = 1：輸出會縮向 β。",
                    hans: "σ 又接近 1 了：eps 现在比方差小 100 倍。用图表下方的滑块试试 eps = 1：输出会向 β 收缩。",
                },
                settings: nearly_constant,
                actions: &[Action::Eps(1e-8)],
                overlay: false,
                view: "lab",
            },
        ],
    },
    Lesson {
        id: "ncl",
        stages: &[Stage {
            text: Text {
                en: "<code>nn.BatchNorm1d(16)</code> on input of shape (8, 16, 10): 8 samples, 16 features (channels), 10 positions each.",
                hant: "<code>nn.BatchNorm1d(16)</code> 作用在形狀 (8, 16, 10) 的輸入：8 個樣本、16 個特徵（通道），每個通道各有 10 個位置。",
                hans: "<code>nn.BatchNorm1d(16)</code> 作用于形状为 (8, 16, 10) 的输入：8 个样本、16 个特征（通道），每个有 10 个位置。",
            },
            question: Text { en: "How many values does each feature's mean pool over?", hant: "每個特徵的平均是由多少個值算出的？", hans: "每个特征的均值是由多少个值算出来的？" },
            answer: Text {
                en: "m = N·L = 80: BatchNorm1d normalizes over the batch and the length axis, one mean and variance per channel.",
                hant: "m = N·L = 80：BatchNorm1d 在批次與長度兩個軸上正規化，每個通道一組平均與變異數。",
                hans: "m = N·L = 80：BatchNorm1d 在批量轴和长度轴上归一化，每个通道一个均值和一个方差。",
            },
            settings: ncl,
            actions: &[],
            overlay: false,
            view: "lab",
        }],
    },
    Lesson {
        id: "axis",
        stages: WHICH_AXIS,
    },
    Lesson {
        id: "gradient",
        stages: GRADIENT,
    },
    Lesson {
        id: "fold",
        stages: FOLD,
    },
    Lesson {
        id: "papers",
        stages: PAPERS,
    },
];

pub static GRADIENT: &[Stage] = &[
    Stage {
        text: Text {
            en: "The Backward panel is open, below the computation. Above the layer sits the loss L = Σ w·y with random weights w, so ∂L/∂y = w. The chart shows ∂L/∂x for every sample of the followed feature, in train mode.",
            hant: "反向傳播面板已打開（在計算步驟下方）。這一層上面的損失是 L = Σ w·y，w 是隨機權重，所以 ∂L/∂y = w。圖表顯示訓練模式下選取的特徵每一個樣本的 ∂L/∂x。",
            hans: "反向传播面板已打开（在计算步骤下方）。这一层上面的损失是 L = Σ w·y，w 是随机权重，所以 ∂L/∂y = w。图表显示训练模式下选中特征每个样本的 ∂L/∂x。",
        },
        question: Text {
            en: "Add up ∂L/∂x over the batch for this feature. What do you get, whatever the weights?",
            hant: "把這個特徵在整個批次上的 ∂L/∂x 加起來。不論權重是多少，會得到什麼？",
            hans: "把这个特征在整个批量上的 ∂L/∂x 加起来。无论权重是多少，会得到什么？",
        },
        answer: Text {
            en: "0, up to float rounding (the table's “law 1” row shows the sum). Adding the same number to every input of a feature moves μ<sub>B</sub> by that number and leaves every x̂ unchanged, so the loss cannot change: the gradient has no component along (1, 1, …, 1). Likewise Σ x̂<sub>i</sub>·∂L/∂x<sub>i</sub> is 0 up to eps (“law 2”): scaling a feature's inputs changes x̂ only through eps.",
            hant: "0（在浮點捨入誤差內；表格中「性質一」那一列顯示總和）。把同一個數加到某個特徵的每個輸入上，μ<sub>B</sub> 也移動同樣的數，每個 x̂ 都不變，所以損失不會變：梯度在 (1, 1, …, 1) 方向上沒有分量。同樣地，Σ x̂<sub>i</sub>·∂L/∂x<sub>i</sub> 在 eps 的誤差內為 0（「性質二」）：縮放一個特徵的輸入只會透過 eps 改變 x̂。",
            hans: "0（在浮点舍入误差内；表格中“性质一”那一行显示总和）。把同一个数加到某个特征的每个输入上，μ<sub>B</sub> 也移动同样的数，每个 x̂ 都不变，所以损失不会变：梯度在 (1, 1, …, 1) 方向上没有分量。同样，Σ x̂<sub>i</sub>·∂L/∂x<sub>i</sub> 在 eps 的误差内为 0（“性质二”）：缩放一个特征的输入只会通过 eps 改变 x̂。",
        },
        settings: default_page,
        actions: &[],
        overlay: false,
        view: "lab",
    },
    Stage {
        text: Text {
            en: "The same batch and the same weights, in eval mode: now μ and σ² are running_mean and running_var. The one training step so far (the status line's Step 1) moved them toward this very batch (running_mean = 0.1 × its mean, from 0), yet here they are constants: the gradient does not flow through them (the Backward panel: “constants here”).",
            hant: "同一個批次、同樣的權重，換成評估模式：現在 μ 與 σ² 是 running_mean 與 running_var。到目前為止唯一的一步訓練（狀態列的「第 1 步」）讓它們朝這個批次移動（running_mean 從 0 變成這個批次平均的 0.1 倍），但在這裡它們是常數：梯度不經過它們（反向傳播面板：「在這裡是常數」）。",
            hans: "同一个批量、同样的权重，换成评估模式：现在 μ 和 σ² 是 running_mean 和 running_var。到目前为止唯一的一步训练（状态栏的“第 1 步”）让它们朝这个批量移动（running_mean 从 0 变为这个批量均值的 0.1 倍），但在这里它们是常数：梯度不经过它们（反向传播面板：“在这里是常数”）。",
        },
        question: Text {
            en: "Does ∂L/∂x still sum to 0 over the batch?",
            hant: "∂L/∂x 在整個批次上的總和還是 0 嗎？",
            hans: "∂L/∂x 在整个批量上的总和还是 0 吗？",
        },
        answer: Text {
            en: "No. In eval mode ∂L/∂x<sub>i</sub> = γ·∂L/∂y<sub>i</sub>/√(running_var + eps): each sample on its own, and the sum is γ/√(running_var + eps)·Σ ∂L/∂y<sub>i</sub>, which is not 0 in general. Shifting the inputs now does change the output, because the running statistics do not follow.",
            hant: "不是。評估模式下 ∂L/∂x<sub>i</sub> = γ·∂L/∂y<sub>i</sub>/√(running_var + eps)：每個樣本各自計算，總和是 γ/√(running_var + eps)·Σ ∂L/∂y<sub>i</sub>，一般不為 0。現在平移輸入確實會改變輸出，因為移動統計不會跟著動。",
            hans: "不是。评估模式下 ∂L/∂x<sub>i</sub> = γ·∂L/∂y<sub>i</sub>/√(running_var + eps)：每个样本各自计算，总和是 γ/√(running_var + eps)·Σ ∂L/∂y<sub>i</sub>，一般不为 0。现在平移输入确实会改变输出，因为运行统计量不会跟着变。",
        },
        settings: default_page,
        actions: &[Action::Mode(false)],
        overlay: false,
        view: "lab",
    },
];

pub static FOLD: &[Stage] = &[
    Stage {
        text: Text {
            en: "Eval mode after 20 training steps. Per feature the layer computes y = γ·(x − running_mean)/√(running_var + eps) + β, with running_mean and running_var fixed.",
            hant: "訓練 20 步之後的評估模式。對每個特徵，這一層計算 y = γ·(x − running_mean)/√(running_var + eps) + β，其中 running_mean 與 running_var 是固定的。",
            hans: "训练 20 步之后的评估模式。对每个特征，这一层计算 y = γ·(x − running_mean)/√(running_var + eps) + β，其中 running_mean 和 running_var 是固定的。",
        },
        question: Text {
            en: "Is this a linear (affine) function of x? Could the layer be merged into the nn.Linear before it?",
            hant: "這是 x 的線性（仿射）函數嗎？這一層能不能併入它前面的 nn.Linear？",
            hans: "这是 x 的线性（仿射）函数吗？这一层能不能并入它前面的 nn.Linear？",
        },
        answer: Text {
            en: "Yes: y = a·x + b with a = γ/√(running_var + eps) and b = β − a·running_mean, fixed numbers per feature. After a Linear with weight W and bias b₀: W′ = diag(a)·W and b′ = a·(b₀ − running_mean) + β — one layer fewer at inference. In train mode this is impossible: μ<sub>B</sub> and σ²<sub>B</sub> change with every batch. The Train view folds its trained model this way (next stage).",
            hant: "是的：y = a·x + b，其中 a = γ/√(running_var + eps)、b = β − a·running_mean，每個特徵都是固定的數。接在權重 W、偏差 b₀ 的 Linear 後面時：W′ = diag(a)·W，b′ = a·(b₀ − running_mean) + β——推論時少一層。訓練模式下做不到：μ<sub>B</sub> 與 σ²<sub>B</sub> 隨每個批次改變。訓練畫面用這個方法折疊它訓練好的模型（按「下一頁」）。",
            hans: "是的：y = a·x + b，其中 a = γ/√(running_var + eps)、b = β − a·running_mean，每个特征都是固定的数。接在权重为 W、偏置为 b₀ 的 Linear 后面时：W′ = diag(a)·W，b′ = a·(b₀ − running_mean) + β——推理时少一层。训练模式下做不到：μ<sub>B</sub> 和 σ²<sub>B</sub> 随每个批量改变。训练视图用这种方法折叠它训练好的模型（按“下一页”）。",
        },
        settings: default_page,
        actions: &[Action::Step(20), Action::Mode(false)],
        overlay: false,
        view: "lab",
    },
    Stage {
        text: Text {
            en: "The Train view: press Step a few times (or Play), then scroll to “fold it into the Linear before it”. It folds the trained BatchNorm1d into the first nn.Linear and runs both models on the test digits.",
            hant: "訓練畫面：按幾次「下一步」（或「播放」），再捲到「把它折疊進前面的 Linear」。它把訓練好的 BatchNorm1d 折疊進第一個 nn.Linear，並在測試數字上執行兩個模型。",
            hans: "训练视图：按几次“下一步”（或“播放”），再滚动到“把它折叠进前面的 Linear”。它把训练好的 BatchNorm1d 折叠进第一个 nn.Linear，并在测试数字上运行两个模型。",
        },
        question: Text {
            en: "How far apart are the folded model's outputs and model.eval()'s on the test digits?",
            hant: "在測試數字上，折疊後模型的輸出與 model.eval() 的輸出差多少？",
            hans: "在测试数字上，折叠后模型的输出与 model.eval() 的输出相差多少？",
        },
        answer: Text {
            en: "About 10⁻⁷ at first, then about 10⁻⁶, a few 10⁻⁶ at most, once it has trained some tens of steps (the logits grow, and their rounding with them): float32 rounding, nothing more — the same function with one layer fewer. Export both files above the snippet and run it: PyTorch's own torch.nn.utils.fusion.fuse_linear_bn_eval gives the same weights.",
            hant: "一開始約 10⁻⁷，訓練幾十步之後約 10⁻⁶，最多幾個 10⁻⁶（logits 變大，捨入誤差也跟著變大）：只是 float32 的捨入誤差——同一個函數，少了一層。匯出程式碼上方的兩個檔案並執行程式碼：PyTorch 自己的 torch.nn.utils.fusion.fuse_linear_bn_eval 得到同樣的權重。",
            hans: "一开始约 10⁻⁷，训练几十步之后约 10⁻⁶，最多几个 10⁻⁶（logits 变大，舍入误差也随之变大）：只是 float32 的舍入误差——同一个函数，少了一层。导出代码上方的两个文件并运行代码：PyTorch 自带的 torch.nn.utils.fusion.fuse_linear_bn_eval 得到同样的权重。",
        },
        settings: default_page,
        actions: &[],
        overlay: false,
        view: "train",
    },
];

/// Each stage opens the Train view with a paper's preset ([`train_preset`]); what the run shows
/// is the captions' to say (papers.rs), so an answer states only what the paper measured.
pub static PAPERS: &[Stage] = &[
    Stage {
        text: Text {
            en: "Ioffe & Szegedy (2015), Fig. 1, in miniature: their network (three hidden layers of 100 sigmoids, batch 60) with BatchNorm1d before each sigmoid (model A) and without (model B), on 8×8 digits. Press Play (to step 3 000 or so) and watch the percentiles chart: the 15th, 50th and 85th percentiles of one unit's input to its sigmoid, in each model's last hidden layer.",
            hant: "縮小版的 Ioffe 與 Szegedy（2015）圖 1：他們的網路（三個隱藏層，各 100 個 sigmoid，批次 60），每個 sigmoid 前有 BatchNorm1d（模型 A）或沒有（模型 B），在 8×8 數字上訓練。按「播放」（到第 3 000 步左右），看百分位數圖：兩個模型最後一個隱藏層中，某個單元的 sigmoid 輸入的第 15、50、85 百分位數。",
            hans: "缩小版的 Ioffe 和 Szegedy（2015）图 1：他们的网络（三个隐藏层，各 100 个 sigmoid，批量 60），每个 sigmoid 前有 BatchNorm1d（模型 A）或没有（模型 B），在 8×8 数字上训练。按“播放”（到第 3 000 步左右），看百分位数图：两个模型最后一个隐藏层中，某个单元的 sigmoid 输入的第 15、50、85 百分位数。",
        },
        question: Text {
            en: "The paper saw this input drift less with BatchNorm, and called such drift “internal covariate shift”. Will model A's percentiles stay steadier than model B's here? Would that show why BatchNorm trains faster?",
            hant: "論文看到有 BatchNorm 時這個輸入漂移得較少，並把這種漂移稱為「內部共變量偏移」。這裡模型 A 的百分位數會比模型 B 的穩定嗎？這能說明 BatchNorm 為什麼訓練得較快嗎？",
            hans: "论文看到有 BatchNorm 时这个输入漂移得较少，并把这种漂移称为“内部协变量偏移”。这里模型 A 的百分位数会比模型 B 的稳定吗？这能说明 BatchNorm 为什么训练得更快吗？",
        },
        answer: Text {
            en: "In the paper (MNIST, 50 000 steps) the input was clearly steadier with BatchNorm, and that network reached a higher test accuracy sooner; the authors proposed BatchNorm to reduce the drift. The caption under the percentiles chart says what this run shows once both networks have learned. A steadier input beside faster training is not yet a cause: the next stage tests it.",
            hant: "論文中（MNIST，50 000 步），有 BatchNorm 時輸入明顯較穩定，那個網路也更快達到更高的測試準確率；作者提出 BatchNorm 就是為了減少這種漂移。兩個網路都學會之後，百分位數圖下方的說明會說這次訓練顯示了什麼。輸入較穩定、訓練較快，兩者同時出現還不等於因果：接下來的一頁會檢驗它。",
            hans: "论文中（MNIST，50 000 步），有 BatchNorm 时输入明显更稳定，那个网络也更快达到更高的测试准确率；作者提出 BatchNorm 正是为了减少这种漂移。两个网络都学会之后，百分位数图下方的文字会说明这次训练显示了什么。输入更稳定和训练更快同时出现，还不等于因果：接下来的一页会检验它。",
        },
        settings: default_page,
        actions: &[],
        overlay: false,
        view: "train",
    },
    Stage {
        text: Text {
            en: "Santurkar et al. (2018), Fig. 2, in miniature: both models have BatchNorm1d (the Fig. 1 network), but in model B noise follows it: new random per-unit scales and shifts each step, shared by the batch (theirs varied per sample too), so its sigmoids' input shifts far more. Play a few hundred steps and compare the two models' test accuracy in the “Training loss and test accuracy” chart.",
            hant: "縮小版的 Santurkar 等人（2018）圖 2：現在兩個模型都有 BatchNorm1d（圖 1 的網路），但模型 B 的 BatchNorm1d 在正規化之後加上雜訊：每一步、每個單元都換上新的、整個批次共用的隨機縮放與平移（論文中的雜訊還逐樣本不同），所以它的 sigmoid 輸入每一步的偏移都大得多。按「播放」訓練幾百步，在「訓練損失與測試準確率」圖中比較兩個模型的測試準確率。",
            hans: "缩小版的 Santurkar 等人（2018）图 2：现在两个模型都有 BatchNorm1d（图 1 的网络），但模型 B 的 BatchNorm1d 在归一化之后加上噪声：每一步、每个单元都换上新的、整个批量共用的随机缩放和平移（论文中的噪声还逐样本不同），所以它的 sigmoid 输入每一步的偏移都大得多。按“播放”训练几百步，在“训练损失与测试准确率”图中比较两个模型的测试准确率。",
        },
        question: Text {
            en: "If BatchNorm helped by keeping each layer's input steady, the noisy model should train clearly worse. Will it?",
            hant: "如果 BatchNorm 的幫助來自讓每一層的輸入保持穩定，加雜訊的模型應該訓練得明顯較差。會嗎？",
            hans: "如果 BatchNorm 的帮助来自让每一层的输入保持稳定，加噪声的模型应该训练得明显更差。会吗？",
        },
        answer: Text {
            en: "In their Fig. 2 (VGG on CIFAR-10) the network with noisy BatchNorm trained nearly as well as the one with plain BatchNorm, despite its unstable distributions: they concluded that a steadier input is not why BatchNorm helps. Their Fig. 4 points elsewhere: with BatchNorm the loss and its gradient change less along the gradient's direction (a smoother landscape), which lets training take larger steps. The captions under the percentiles and loss landscape charts say what this run shows.",
            hant: "他們的圖 2（CIFAR-10 上的 VGG）中，加雜訊的 BatchNorm 網路儘管分布很不穩定，訓練得幾乎和一般 BatchNorm 的一樣好：他們的結論是，BatchNorm 的幫助不是來自較穩定的輸入。他們的圖 4 指向別處：有 BatchNorm 時，沿著梯度方向，損失與梯度的變化都較小（損失地形較平滑），讓訓練能走較大的步。百分位數圖與損失地形圖下方的說明會說這次訓練顯示了什麼。",
            hans: "他们的图 2（CIFAR-10 上的 VGG）中，加噪声的 BatchNorm 网络尽管分布很不稳定，训练得几乎和普通 BatchNorm 的一样好：他们的结论是，BatchNorm 的帮助并不来自更稳定的输入。他们的图 4 指向别处：有 BatchNorm 时，沿梯度方向，损失和梯度的变化都更小（损失地形更平滑），让训练可以迈更大的步。百分位数图和损失地形图下方的文字会说明这次训练显示了什么。",
        },
        settings: default_page,
        actions: &[],
        overlay: false,
        view: "train",
    },
    Stage {
        text: Text {
            en: "Wu & He (2018), Fig. 1, in miniature: BatchNorm1d (model A) against GroupNorm (model B) at a batch of 4. BatchNorm's mean and variance come from the batch's 4 samples; GroupNorm's from groups of features within each sample, whatever the batch. Under the batch-size sweep chart, press “Run the batch-size sweep”: each norm trained at batch sizes 2, 4, 8, 16, 32, 64 and 128.",
            hant: "縮小版的 Wu 與 He（2018）圖 1：批次 4 時，BatchNorm1d（模型 A）對 GroupNorm（模型 B）。BatchNorm 的平均與變異數來自批次中的 4 個樣本；GroupNorm 的來自每個樣本內的特徵分組，與批次無關。在批次大小掃描圖下方按「執行批次大小掃描」：每種正規化分別以批次大小 2、4、8、16、32、64 和 128 訓練。",
            hans: "缩小版的 Wu 和 He（2018）图 1：批量为 4 时，BatchNorm1d（模型 A）对比 GroupNorm（模型 B）。BatchNorm 的均值和方差来自批量中的 4 个样本；GroupNorm 的来自每个样本内的特征分组，与批量无关。在批量大小扫描图下方按“运行批量大小扫描”：每种归一化分别以批量大小 2、4、8、16、32、64 和 128 训练。",
        },
        question: Text {
            en: "As the batch shrinks to 2, whose test accuracy falls: BatchNorm's, GroupNorm's, or both?",
            hant: "批次縮小到 2 時，誰的測試準確率會下降：BatchNorm、GroupNorm，還是兩者都會？",
            hans: "批量缩小到 2 时，谁的测试准确率会下降：BatchNorm、GroupNorm，还是两者都会？",
        },
        answer: Text {
            en: "In the paper (ResNet-50 on ImageNet) BatchNorm's error rose from 23.6\u{a0}% at 32 images per GPU to 34.7\u{a0}% at 2, while GroupNorm's stayed at about 24\u{a0}%: with few samples a batch's mean and variance are noisy estimates, and eval mode's running averages differ from the statistics training saw. GroupNorm never looks across the batch. The caption under the sweep says whether this miniature shows the same; one run at one batch size cannot.",
            hant: "論文中（ImageNet 上的 ResNet-50），BatchNorm 的錯誤率從每張 GPU 32 張圖片時的 23.6\u{a0}% 升到 2 張時的 34.7\u{a0}%，GroupNorm 的則保持在約 24\u{a0}%：樣本少時，批次的平均與變異數都是雜訊很大的估計，而評估模式用的移動統計和訓練時看到的統計不同。GroupNorm 從不跨批次計算。掃描圖下方的說明會說這個縮小版是否也是如此；只用一個批次大小訓練一次是看不出來的。",
            hans: "论文中（ImageNet 上的 ResNet-50），BatchNorm 的错误率从每块 GPU 32 张图像时的 23.6\u{a0}% 升到 2 张时的 34.7\u{a0}%，GroupNorm 的则保持在约 24\u{a0}%：样本少时，批量的均值和方差都是噪声很大的估计，而评估模式用的运行统计量和训练时看到的统计量不同。GroupNorm 从不跨批量计算。扫描图下方的文字会说明这个缩小版是否也是如此；只用一个批量大小训练一次是看不出来的。",
        },
        settings: default_page,
        actions: &[],
        overlay: false,
        view: "train",
    },
];

pub static WHICH_AXIS: &[Stage] = &[
    Stage {
        text: Text {
            en: "The same (4, 6, 5) batch through four layers. Each grid outlines the values that share one mean and variance with the chosen cell: point at (or tap) other cells.",
            hant: "同一個 (4, 6, 5) 批次經過四種層。每個網格框出和選中那一格共用同一組平均與變異數的值：把游標移到（或點一下）其他格子看看。",
            hans: "同一个 (4, 6, 5) 批量分别通过四种层。每个网格框出与选中的格子共用同一个均值和方差的值：将指针移到（或点按）其他格子上看看。",
        },
        question: Text {
            en: "Which of the four layers makes one sample's output depend on the other samples in the batch?",
            hant: "四種層裡，哪一種會讓一個樣本的輸出受同批其他樣本影響？",
            hans: "四种层中，哪一种会让一个样本的输出依赖于同一批量中的其他样本？",
        },
        answer: Text {
            en: "Only BatchNorm1d: its groups run across the batch (down the columns). LayerNorm, InstanceNorm1d and GroupNorm each stay inside one sample (one row), so they work with a batch of one (InstanceNorm1d if L > 1, GroupNorm if C/G · L > 1). LayerNorm and GroupNorm keep no running statistics: train and eval mode compute the same. So does InstanceNorm1d by default (track_running_stats=False); with track_running_stats=True it uses running statistics in eval mode, as BatchNorm does.",
            hant: "只有 BatchNorm1d：它的群組沿著批次方向（整欄）。LayerNorm、InstanceNorm1d 與 GroupNorm 都只在一個樣本（一列）之內，所以批次只有一個樣本時也能用（InstanceNorm1d 需要 L > 1，GroupNorm 需要每組不只一個值：C/G · L > 1）。LayerNorm 與 GroupNorm 沒有移動統計，所以訓練與評估模式算出的結果一樣；InstanceNorm1d 預設（track_running_stats=False）也是如此，但若以 track_running_stats=True 建立，它在評估模式會像 BatchNorm 一樣用移動統計正規化。",
            hans: "只有 BatchNorm1d：它的分组沿批量方向（整列）。LayerNorm、InstanceNorm1d 和 GroupNorm 都只在一个样本（一行）之内，所以批量只有一个样本时也能用（InstanceNorm1d 要求 L > 1，GroupNorm 要求每组不止一个值：C/G · L > 1）。LayerNorm 和 GroupNorm 没有运行统计量，所以训练模式和评估模式的计算结果相同；InstanceNorm1d 在默认设置（track_running_stats=False）下也是如此，但如果用 track_running_stats=True 创建，它在评估模式下会像 BatchNorm 一样用运行统计量归一化。",
        },
        settings: default_page,
        actions: &[],
        overlay: false,
        view: "norms",
    },
];

/// Lessons that show the "value of this sample" slider (under the per-sample chart it moves).
pub fn has_value_slider(id: &str) -> bool {
    id == "coupled"
}

/// Lessons that show an eps slider under the distribution chart: "Try eps = 1 with the slider"
/// sent a projected class to the layer's settings, the chart it changes out of sight (class38).
pub fn has_eps_slider(id: &str) -> bool {
    id == "eps"
}

/// The sentence under the step-by-step table with the output's two variances, biased and
/// `y.var()`'s (the element id [`crate::explain`] gives it, in a training pass).
pub const OUTPUT_VARIANCES: &str = "variance-note";

/// The part of the page (an element id) stage `stage` of lesson `id` is about: the chart, table
/// or box its text names. A projected page (the lesson a sticky column beside the view) brings it
/// into view as the stage opens, its top just under the sticky toolbar, so every stage names one:
/// a stage that named none kept the scroll of the one before (a table 1600 px down, or the page
/// moved to reach Next), its charts cut in half at the top.
pub fn look_at(id: &str, stage: usize) -> &'static str {
    match (id, stage) {
        // "Compare the two variances of the output below the step-by-step table."
        ("tutorial", 1) => OUTPUT_VARIANCES,
        ("momentum", _) => "fig-running",
        // "the red box says why"
        ("one", 0) => "refusal",
        // The slider under the per-sample chart, both on one screen.
        ("coupled", _) => "fig-samples",
        ("axis", _) => "view-norms",
        // "The chart shows ∂L/∂x"
        ("gradient", _) => "fig-gradients",
        // The layer's formula with running_mean and running_var: the table computes it.
        ("fold", 0) => "computation",
        // "press Step a few times (or Play)": the Train view from its top.
        ("fold", _) | ("papers", 0 | 1) => "view-train",
        // "Under the batch-size sweep chart, press “Run the batch-size sweep”"
        ("papers", _) => "chart-batch-sweep",
        // The distribution chart (and the running statistics beside it).
        _ => "fig-distribution",
    }
}

/// The sentence of PyTorch's note on its momentum that lesson 2 quotes, as `help(nn.BatchNorm1d)`
/// prints it (torch 2.15): `.ci/pytorch-check` finds it in the installed torch's docstring. The
/// lesson shows its words with `:attr:` as the documentation renders it (`<code>momentum</code>`); the
/// note's second sentence, the update rule in LaTeX source, is the lesson's own formula
/// (running = (1 − momentum)·running + momentum·batch): fifteen lines of `:math:` pushed the
/// question and Reveal off a 720p projector's lesson card.
pub const MOMENTUM_NOTE: &str = "This :attr:`momentum` argument is different from one used in optimizer classes and the conventional notion of momentum.";

/// The button under a stage that brings what the stage is about into view: on a phone the lesson
/// fills the first screen and the chart it names lies a screen or two below ([`shows`]); on a
/// projector, the part its answer names below the one the page brought into view
/// ([`shows_projected`]).
pub const SHOW_CHART: Text = Text::new("Show the chart\u{a0}↓", "顯示圖表\u{a0}↓", "显示图表\u{a0}↓");
pub const SHOW_TABLE: Text = Text::new("Show the table\u{a0}↓", "顯示表格\u{a0}↓", "显示表格\u{a0}↓");
pub const SHOW_BOX: Text = Text::new("Show the red box\u{a0}↓", "顯示紅框\u{a0}↓", "显示红框\u{a0}↓");
/// Lesson 11's last stage: the sweep's button, under its chart (below a 720p screen).
pub const SHOW_SWEEP: Text = Text::new(
    "Show “Run the batch-size sweep”\u{a0}↓",
    "顯示「執行批次大小掃描」\u{2060}↓",
    "显示“运行批量大小扫描”\u{2060}↓",
);
/// Lesson 11's second stage, projected and revealed: the chart whose caption its answer names.
pub const SHOW_LANDSCAPE: Text =
    Text::new("Show the loss landscape chart\u{a0}↓", "顯示損失地形圖\u{a0}↓", "显示损失地形图\u{a0}↓");
/// Lesson 1's output variances: the sentence under the step-by-step table (the table's own two
/// variances are x's, 700 px above it).
pub const SHOW_VARIANCES: Text =
    Text::new("Show the output's variances\u{a0}↓", "顯示輸出的變異數\u{a0}↓", "显示输出的方差\u{a0}↓");

/// What stage `stage` of lesson `id` is about (an element id), and its button's words: the chart,
/// table or red box its text names, which a "Show …" button under the lesson scrolls into view
/// (a phone's lesson card is a screen high; a projected page brings [`look_at`] into view itself
/// and offers [`shows_projected`]).
pub fn shows(id: &str, stage: usize) -> Option<(&'static str, &'static Text)> {
    Some(match (id, stage) {
        // "Compare the two variances of the output below the step-by-step table"; the answer's
        // 1 and 1.333 (the table's own variances are x's).
        ("tutorial", _) => (OUTPUT_VARIANCES, &SHOW_VARIANCES),
        ("ncl", _) | ("fold", 0) => ("computation", &SHOW_TABLE),
        // The section's heading, whose words the stage names ("scroll to “fold it into …”"):
        // brought to the table's top it lay under the toolbar (class38).
        ("fold", _) => ("t-fold-title", &SHOW_TABLE),
        ("momentum", _) => ("fig-running", &SHOW_CHART),
        ("one", 0) => ("refusal", &SHOW_BOX),
        ("eval" | "eps" | "one", _) => ("fig-distribution", &SHOW_CHART),
        ("coupled", _) => ("fig-samples", &SHOW_CHART),
        ("axis", _) => ("chart-norm-grid", &SHOW_CHART),
        ("gradient", _) => ("fig-gradients", &SHOW_CHART),
        ("papers", 0) => ("chart-percentiles", &SHOW_CHART),
        // "compare the two models' test accuracy in the … chart" (class38: the button went to
        // the landscape chart, whose measures the stage's question is not about).
        ("papers", 1) => ("chart-curves", &SHOW_CHART),
        ("papers", _) => ("chart-batch-sweep", &SHOW_CHART),
        _ => return None,
    })
}

/// A projected stage's button: the part its text or answer names that [`look_at`] does not
/// bring into view (presenter mode hid the button, and lesson 1's answer sent the class to a
/// table 1640 px below a 720p screen), one press away.
pub fn shows_projected(id: &str, stage: usize) -> Option<(&'static str, &'static Text)> {
    Some(match (id, stage) {
        // "The sentence under the step-by-step table gives both" (the reviewer's "Show the
        // table" landed 700 px above it, on x's two variances).
        ("tutorial", 0) => (OUTPUT_VARIANCES, &SHOW_VARIANCES),
        // "m = N·L = 80", the table's first row.
        ("ncl", _) => ("computation", &SHOW_TABLE),
        // "the table's “law 1” row shows the sum" (in eval mode, the sum that is not 0)
        ("gradient", _) => (crate::backward::SUM_ROW, &SHOW_TABLE),
        // "then scroll to “fold it into the Linear before it”"
        ("fold", 1) => ("t-fold-title", &SHOW_TABLE),
        // The chart whose caption the answer points to.
        ("papers", 0) => ("chart-percentiles", &SHOW_CHART),
        // The accuracy chart its question is about is what the page shows; the landscape its
        // answer names only once revealed ([`stage_button`]).
        ("papers", 1) => return None,
        // "Under the batch-size sweep chart, press “Run the batch-size sweep”": the page shows
        // the chart, its button lay under a 720p screen (teacher36).
        ("papers", _) => ("t-bsweep", &SHOW_SWEEP),
        _ => return None,
    })
}

/// The stage's "Show …" button as the page offers it ([`shows`] on a phone, [`shows_projected`]
/// projected): none before Reveal where what it shows prints the answer
/// ([`shows_after_reveal`]); once the answer is revealed, the part the answer names where that
/// is not what the stage's text names ([`shows_once_revealed`]).
pub fn stage_button(id: &str, stage: usize, projected: bool, revealed: bool) -> Option<(&'static str, &'static Text)> {
    if revealed {
        if let Some(answer_names) = shows_once_revealed(id, stage, projected) {
            return Some(answer_names);
        }
    } else if shows_after_reveal(id, stage) {
        return None;
    }
    if projected {
        shows_projected(id, stage)
    } else {
        shows(id, stage)
    }
}

/// The part a revealed answer names, where the stage's button showed another before.
fn shows_once_revealed(id: &str, stage: usize, projected: bool) -> Option<(&'static str, &'static Text)> {
    Some(match (id, stage, projected) {
        // "the table's “law 1” row shows the sum": on a phone the stage's chart lies 1700 px
        // above that row, and the button went only to the chart (less41).
        ("gradient", _, false) => (crate::backward::SUM_ROW, &SHOW_TABLE),
        // "The captions under the percentiles and loss landscape charts say what this run
        // shows": projected, the page shows the accuracy chart the stage's question is about,
        // and a button to the landscape before Reveal took the class away from it (less41).
        ("papers", 1, true) => ("chart-landscape", &SHOW_LANDSCAPE),
        _ => return None,
    })
}

/// Whether stage `stage` of lesson `id` shows its "Show …" button only once the answer is
/// revealed: the part it goes to prints the answer (lesson 1's first stage asks what
/// `y.var(dim=0)` prints, and the sentence it shows says 1.333; lesson 7 asks how many values a
/// mean pools over, and the table's first row says m = 80): before, it undid "Predict first"
/// (review40).
pub fn shows_after_reveal(id: &str, stage: usize) -> bool {
    matches!((id, stage), ("tutorial", 0) | ("ncl", _))
}

/// Whether the answer of stage `stage` of lesson `id` asks the student to try another eps with
/// the slider under the chart (lesson 6's last: "Try eps = 1"): once revealed, eps moved is not
/// a changed setup.
pub fn answer_tries_eps(id: &str, stage: usize) -> bool {
    (id, stage) == ("eps", 1)
}

/// Whether stage `stage` of lesson `id` asks what PyTorch counted of a batch it refused: until
/// its answer is revealed the page does not say it (the red box's note on num_batches_tracked,
/// the code's comment), only PyTorch's refusal itself.
pub fn asks_the_count(id: &str, stage: usize) -> bool {
    (id, stage) == ("one", 0)
}

/// Lessons that open the Backward panel, with the upstream gradient they use.
pub fn backward_panel(id: &str) -> Option<&'static str> {
    (id == "gradient").then_some("random")
}

/// The preset a lesson's Train stage sets up (as every stage sets up the lab), None for a stage
/// of another view: the fold lesson folds the tutorial model's BatchNorm1d, which a paper's
/// preset (three BatchNorm1d layers, or none in model A) does not have; lesson 11 each paper's.
pub fn train_preset(id: &str, stage: usize) -> Option<&'static str> {
    // Only a stage that opens the Train view sets up a model (the fold lesson's first is the lab's).
    find(id)?.stages.get(stage).filter(|s| s.view == "train")?;
    match (id, stage) {
        ("fold", _) => Some("tutorial"),
        // What the papers measured: each stage one paper's preset.
        ("papers", 0) => Some("fig1"),
        ("papers", 1) => Some("santurkar"),
        ("papers", _) => Some("wuhe"),
        _ => None,
    }
}

pub fn find(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

/// The lesson after lesson `id` in the menu's order (where "Next" goes from a lesson's last
/// stage); None after the last.
pub fn after(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().skip_while(|l| l.id != id).nth(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::Lab;

    /// The quoted sentence as the page shows it: `:attr:` rendered, PyTorch's words unchanged.
    fn momentum_quote() -> String {
        MOMENTUM_NOTE.replace(":attr:`momentum`", "<code>momentum</code>")
    }

    /// Lesson 2 says what optimizer momentum is (SGD's velocity update) and quotes PyTorch's own
    /// note, in every language in PyTorch's words ([`MOMENTUM_NOTE`], which `.ci/pytorch-check`
    /// finds in the installed torch's docstring): its one sentence that matters, with no reST
    /// markup or LaTeX source (":math:`\hat{x}_\text{new} = …`" filled 15 lines of a projected
    /// card, the question and Reveal below it).
    #[test]
    fn lesson_2_contrasts_optimizer_momentum_in_pytorchs_words() {
        let text = &find("momentum").unwrap().stages[0].text;
        assert!(MOMENTUM_NOTE.starts_with("This :attr:`momentum` argument is different from one used in optimizer"));
        assert!(MOMENTUM_NOTE.ends_with("the conventional notion of momentum."));
        for lang in crate::i18n::Lang::ALL {
            let said = text.get(lang);
            assert!(said.contains(&format!("<q>{}</q>", momentum_quote())), "{lang:?}: {said}");
            assert!(
                !said.contains(":math:") && !said.contains(":attr:") && !said.contains("\\text"),
                "{lang:?}: {said}"
            );
            assert!(said.contains("running = (1 − momentum)·running + momentum·batch"), "{lang:?}: the rule");
            assert!(said.contains("v ← μ·v + g"), "{lang:?}: SGD's update");
            assert!(
                said.contains("PyTorch") && (said.contains("（torch 2.15）") || said.contains("(torch 2.15)")),
                "{lang:?}: which torch"
            );
            // Its "m" was momentum, where the page's legends' m counts a feature's values.
            assert!(!said.contains("(1 − m)"), "{lang:?}");
        }
    }

    /// Every stage names what it is about with a button that brings it into view (a phone's
    /// lesson card fills the first screen): an element of the page, in the stage's view.
    #[test]
    fn every_stage_can_show_what_it_is_about() {
        let html = include_str!("../www/index.html");
        let panel = |view: &str| {
            let start = html.find(&format!("id=\"view-{view}\"")).expect("the view");
            let end = ["view-lab", "view-norms", "view-train"]
                .iter()
                .filter_map(|v| html[start + 10..].find(&format!("id=\"{v}\"")).map(|k| start + 10 + k))
                .min()
                .unwrap_or(html.len());
            &html[start..end]
        };
        for lesson in LESSONS {
            for (k, stage) in lesson.stages.iter().enumerate() {
                let (id, words) = shows(lesson.id, k).unwrap_or_else(|| panic!("{} {k}: nothing to show", lesson.id));
                if id == OUTPUT_VARIANCES {
                    // Written by the step-by-step table, under it, for this stage's pass.
                    let lab = Lab::replay((stage.settings)(), stage.actions).map_err(|e| e.1).unwrap();
                    let steps = crate::explain::step_by_step(&lab, crate::i18n::Lang::En);
                    assert!(steps.contains(&format!("id=\"{id}\"")), "{} {k}: no #{id} under the table", lesson.id);
                    continue;
                }
                let view = if id == "refusal" { html } else { panel(stage.view) };
                assert!(
                    view.contains(&format!("id=\"{id}\"")),
                    "{} {k}: #{id} is not in the {} view",
                    lesson.id,
                    stage.view
                );
                assert!(words.en.starts_with("Show the ") && !words.hant.is_empty() && !words.hans.is_empty());
            }
        }
        assert_eq!(shows("one", 0).map(|s| s.0), Some("refusal"));
        assert_eq!(shows("coupled", 0).map(|s| s.0), Some("fig-samples"));
    }

    /// Lesson 1's answer sends the class to the 1 and the 1.333: the sentence under the
    /// step-by-step table, which its button brings into view on a phone and projected (it said
    /// "The step-by-step table shows both", whose two variances are x's, and its "Show the
    /// table" landed 700 px above the sentence).
    #[test]
    fn lesson_1_sends_the_class_to_the_output_variances() {
        let answer = &LESSONS[0].stages[0].answer;
        assert!(answer.en.contains("The sentence under the step-by-step table gives both"), "{}", answer.en);
        assert!(answer.en.contains("the table's own two variances are x's"), "{}", answer.en);
        assert!(answer.hant.contains("逐步計算表下方的那句話") && answer.hans.contains("逐步计算表下方的那句话"));
        assert!(!answer.en.contains("The step-by-step table shows both"));
        for show in [shows, shows_projected] {
            assert_eq!(
                show("tutorial", 0).map(|(id, words)| (id, words.en)),
                Some(("variance-note", "Show the output's variances\u{a0}↓"))
            );
        }
        // Stage 2: "Compare the two variances of the output below the step-by-step table."
        assert_eq!(shows("tutorial", 1).map(|s| s.0), Some("variance-note"));
        assert_eq!(look_at("tutorial", 1), "variance-note");
        // The sentence says both numbers: 1 dividing by m = 4, 1.333 dividing by m − 1 = 3.
        let lab = Lab::replay(tutorial(), &[]).map_err(|e| e.1).unwrap();
        let steps = crate::explain::step_by_step(&lab, crate::i18n::Lang::En);
        let note = &steps[steps.find("id=\"variance-note\"").expect("the sentence")..];
        assert!(note.contains("<b>1.333</b> dividing by m − 1 = 3"), "{note}");
    }

    /// Lesson 1 says every feature has mean 1 and variance 4, and the chart under it reads
    /// this batch of 4 (mean 3.001, σ 1.583 for feature 0): the lesson says a batch of 4 is a
    /// small sample whose mean and spread can be far from 1 and 2, so the page does not seem to
    /// contradict itself.
    #[test]
    fn lesson_1_says_a_batch_of_4_strays_from_its_distribution() {
        let text = &LESSONS[0].stages[0].text;
        assert!(text.en.contains("Four values are a small sample") && text.en.contains("far from 1 and 2"));
        assert!(text.hant.contains("很小的樣本") && text.hans.contains("很小的样本"));
        let lab = match crate::lab::Lab::replay((LESSONS[0].stages[0].settings)(), LESSONS[0].stages[0].actions) {
            Ok(lab) | Err((lab, _)) => lab,
        };
        let batch = lab.trace().and_then(|t| t.batch.as_ref()).expect("a batch");
        assert!((batch.mean[0] - 1.0).abs() > 1.0, "the case the lesson speaks of: feature 0's mean {}", batch.mean[0]);
    }

    /// Subscripts are written as the rest of the page writes them (μ<sub>B</sub>), not with a
    /// raw underscore (lesson 5's answer read "μ_B and σ²_B").
    #[test]
    fn subscripts_are_subscripts() {
        for text in all_texts() {
            for words in [text.en, text.hant, text.hans] {
                assert!(!words.contains("_B"), "{words}");
            }
        }
        // The charts' texts too: plotters draws them as plain text, where "μ_B" shows its
        // underscore (and no font has a subscript capital B): the charts say "the batch's μ".
        let charts = [
            ("gradients.rs", include_str!("charts/gradients.rs")),
            ("landscape.rs", include_str!("charts/landscape.rs")),
            ("running.rs", include_str!("charts/running.rs")),
            ("distribution.rs", include_str!("charts/distribution.rs")),
            ("features.rs", include_str!("charts/features.rs")),
            ("samples.rs", include_str!("charts/samples.rs")),
            ("norm_grid.rs", include_str!("charts/norm_grid.rs")),
            ("norm_outputs.rs", include_str!("charts/norm_outputs.rs")),
            ("curves.rs", include_str!("charts/curves.rs")),
            ("percentiles.rs", include_str!("charts/percentiles.rs")),
            ("sweep.rs", include_str!("charts/sweep.rs")),
            ("batch_sweep.rs", include_str!("charts/batch_sweep.rs")),
            ("digits.rs", include_str!("charts/digits.rs")),
            ("common.rs", include_str!("charts/common.rs")),
            ("text.rs", include_str!("charts/text.rs")),
        ];
        for (file, source) in charts {
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                assert!(!line.contains("μ_B") && !line.contains("σ²_B") && !line.contains("σ_B"), "{file}: {line}");
            }
        }
    }

    #[test]
    fn every_lesson_has_its_title_in_the_menus_order() {
        let ids: Vec<&str> = LESSONS.iter().map(|l| l.id).collect();
        let titled: Vec<&str> = TITLES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, titled);
        for lesson in LESSONS {
            assert!(std::ptr::eq(lesson.title(), &TITLES.iter().find(|(id, _)| *id == lesson.id).unwrap().1));
        }
    }

    #[test]
    fn every_stage_sets_up_without_error() {
        for lesson in LESSONS {
            for (k, stage) in lesson.stages.iter().enumerate() {
                let result = Lab::replay((stage.settings)(), stage.actions);
                assert!(result.is_ok(), "{} stage {k}: {:?}", lesson.id, result.as_ref().err().map(|e| &e.1));
                // What the lesson panel compares the page's settings with.
                let after = (stage.settings)().after(stage.actions);
                assert_eq!(result.ok().map(|lab| lab.settings().clone()), Some(after), "{} stage {k}", lesson.id);
            }
        }
    }

    #[test]
    fn the_tutorial_prints_four_thirds() {
        let lab = Lab::replay(tutorial(), &[]).map_err(|e| e.1).unwrap();
        let trace = lab.trace().unwrap();
        let ys: Vec<f64> = trace.shape.feature_indices(0).map(|i| trace.output[i] as f64).collect();
        let mean = ys.iter().sum::<f64>() / 4.0;
        let unbiased = ys.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / 3.0;
        assert!((unbiased - 4.0 / 3.0).abs() < 1e-3, "{unbiased}");
    }

    #[test]
    fn the_momentum_lesson_takes_the_30_steps_it_names() {
        for stage in find("momentum").unwrap().stages {
            let lab = Lab::replay((stage.settings)(), stage.actions).map_err(|e| e.1).unwrap();
            assert_eq!(lab.steps(), 30);
            assert_eq!(lab.layer().running().unwrap().num_batches_tracked, 30);
        }
    }

    #[test]
    fn a_batch_of_two_normalizes_as_the_eval_lesson_says() {
        // β ± γ·d/√(d² + eps), d half the difference: ≈ β ± γ unless d is about √eps or less (a and b
        // about 2√eps apart).
        let stage = &find("eval").unwrap().stages[1];
        let settings = Settings { training: true, ..(stage.settings)() };
        let lab = Lab::replay(settings, &[Action::Step(20), Action::BatchSize(2)]).map_err(|e| e.1).unwrap();
        let (trace, x) = (lab.trace().unwrap(), lab.batch());
        let eps = lab.layer().config().eps;
        for f in 0..4 {
            let (a, b) = (x[trace.shape.index(0, f, 0)] as f64, x[trace.shape.index(1, f, 0)] as f64);
            let d = (a - b).abs() / 2.0;
            let expected = d / (d * d + eps).sqrt();
            let y = trace.output[trace.shape.index(0, f, 0)] as f64;
            assert!((y.abs() - expected).abs() < 1e-3, "feature {f}: {y} vs ±{expected}");
        }
    }

    /// Lesson 9's eval stage says what its running statistics are: the page's one training step
    /// moved them toward this very batch (running_mean = 0.1 × its mean), and the gradient does
    /// not flow through them (it said "numbers that do not depend on this batch").
    #[test]
    fn lesson_9_says_its_running_statistics_came_from_this_batch() {
        let stage = &find("gradient").unwrap().stages[1];
        let text = &stage.text;
        for said in [text.en, text.hant, text.hans] {
            assert!(
                !said.contains("do not depend on this batch")
                    && !said.contains("不依賴這個批次")
                    && !said.contains("不依赖这个批量"),
                "{said}"
            );
        }
        assert!(
            text.en.contains("moved them toward this very batch (running_mean = 0.1 × its mean, from 0)"),
            "{}",
            text.en
        );
        assert!(text.en.contains("the gradient does not flow through them") && text.en.contains("“constants here”"));
        assert!(
            text.hant.contains("0.1 倍")
                && text.hans.contains("0.1 倍")
                && text.hant.contains("在這裡是常數")
                && text.hans.contains("在这里是常数")
        );
        // What the text says is what the page holds: Step 1, running_mean = 0.1 × this batch's mean.
        let lab = Lab::replay((stage.settings)(), stage.actions).map_err(|e| e.1).unwrap();
        assert_eq!(lab.steps(), 1);
        let x = lab.batch();
        let shape = crate::core::BatchShape::from_dims(&lab.settings().dims()).unwrap();
        for f in 0..4 {
            let values: Vec<f64> = shape.feature_indices(f).map(|i| x[i] as f64).collect();
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            let running = lab.layer().running().unwrap().mean[f] as f64;
            assert!((running - 0.1 * mean).abs() < 1e-5, "feature {f}: running_mean {running}, batch mean {mean}");
        }
        // The Backward panel's words the text quotes.
        assert!(crate::backward::EVAL_SENTENCE.en.contains("are constants here"));
        assert!(
            crate::backward::EVAL_SENTENCE.hant.contains("在這裡是常數")
                && crate::backward::EVAL_SENTENCE.hans.contains("在这里是常数")
        );
    }

    /// A lesson's Chinese names a button only as the button, in quotes: the Step button is
    /// "下一步" and the lesson's Next "下一頁/下一页", so lesson 10's "（下一步）", meaning its next
    /// stage, sent the class to Step: it says "press Next" now.
    #[test]
    fn lessons_name_buttons_only_in_quotes() {
        use crate::i18n::{tests::unquoted_buttons, Lang};
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            for text in all_texts() {
                let said = text.get(lang);
                assert_eq!(unquoted_buttons(lang, said), Vec::<String>::new(), "{lang:?}: {said}");
            }
        }
        // Lesson 10's next stage: press Next.
        let answer = &find("fold").unwrap().stages[0].answer;
        assert!(answer.hant.ends_with("（按「下一頁」）。") && answer.hans.ends_with("（按“下一页”）。"));
    }

    /// The Backward table's two rows are properties of BatchNorm's gradient, not laws: in Chinese
    /// 性質/性质 (they read 定律, "law" as of physics), and lesson 9's answer names each row by
    /// the table's own words.
    #[test]
    fn the_backward_rows_are_properties_named_as_the_table_names_them() {
        use crate::backward::{ROW_LAW_SCALE, ROW_LAW_SUM};
        let answer = &find("gradient").unwrap().stages[0].answer;
        for (row, hant, hans) in [(&ROW_LAW_SUM, "性質一", "性质一"), (&ROW_LAW_SCALE, "性質二", "性质二")]
        {
            assert!(
                row.hant.starts_with(&format!("{hant}：")) && row.hans.starts_with(&format!("{hans}：")),
                "{row:?}"
            );
            assert!(answer.hant.contains(&format!("「{hant}」")) && answer.hans.contains(&format!("“{hans}”")));
        }
        for text in all_texts().chain([&ROW_LAW_SUM, &ROW_LAW_SCALE, &crate::backward::NOTE_EVAL_SUM]) {
            assert!(!text.hant.contains("定律") && !text.hans.contains("定律"), "{text:?}");
        }
    }

    #[test]
    fn the_batch_of_one_lesson_is_refused_then_accepted() {
        let stages = find("one").unwrap().stages;
        let lab = Lab::replay((stages[0].settings)(), stages[0].actions).map_err(|e| e.1).unwrap();
        assert!(lab.refusal().unwrap().counted);
        let lab = Lab::replay((stages[1].settings)(), stages[1].actions).map_err(|e| e.1).unwrap();
        assert!(lab.refusal().is_none());
    }
}
