//! The page's two languages: English and Traditional Chinese (中文).
//!
//! One table holds every string the page shows: the HTML's labels (looked up by a short key,
//! `data-i18n="key"`), and the text Rust writes (looked up by its English words). Placeholders
//! in braces, `{f}`, are filled by [`fill`].

use crate::core::BnError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    ZhTw,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh-TW" | "zh" | "zh-tw" => Some(Lang::ZhTw),
            _ => None,
        }
    }
}

/// (key, English, 中文). For text Rust writes, the key is the English itself.
static TABLE: &[(&str, &str, &str)] = &[
    // The page's HTML
    ("title", "BatchNorm Playground", "BatchNorm 遊樂場"),
    ("lead", "What does PyTorch's layer do to a batch? Every number here is computed with PyTorch's math (Rust, compiled to WebAssembly).", "PyTorch 的這一層對一個批次做了什麼？這裡的每個數字都用 PyTorch 的算法算出（Rust 編譯成 WebAssembly）。"),
    ("btn-step", "Step", "下一步"),
    ("play", "Play", "播放"),
    ("pause", "Pause", "暫停"),
    ("reset", "Reset", "重設"),
    ("mode", "Mode", "模式"),
    ("view-lab", "BatchNorm1d", "BatchNorm1d"),
    ("view-norms", "Which axis? Other norms", "哪個軸？其他正規化"),
    ("view-train", "Train on digits", "用手寫數字訓練"),
    ("layer", "Layer", "層"),
    ("num-features", "num_features C", "特徵數 num_features C"),
    ("eps", "eps", "eps"),
    ("eps-help", "log scale, 1e-8 … 1", "對數刻度，1e-8 … 1"),
    ("momentum", "momentum", "momentum"),
    ("momentum-none", "None — cumulative average", "None——累積平均"),
    ("affine", "affine (learnable γ, β)", "affine（可學習的 γ、β）"),
    ("track", "track_running_stats", "track_running_stats"),
    ("gamma-of", "γ of feature", "特徵的 γ："),
    ("beta-of", "β of feature", "特徵的 β："),
    ("data", "Data", "資料"),
    ("batch-size", "batch size N", "批次大小 N"),
    ("length", "length L <small>(0 = input (N, C))</small>", "長度 L <small>（0 = 輸入 (N, C)）</small>"),
    ("distribution", "distribution", "分布"),
    ("dist-normal", "normal", "常態"),
    ("dist-uniform", "uniform", "均勻"),
    ("dist-skewed", "skewed (exponential)", "偏斜（指數）"),
    ("dist-outliers", "with outliers", "含離群值"),
    ("offset", "centre of feature means", "特徵平均的中心"),
    ("shift", "per-feature shift", "各特徵的位移"),
    ("spread", "per-feature spread σ", "各特徵的離散 σ"),
    ("vary", "features differ in spread", "各特徵離散程度不同"),
    ("seed", "seed", "亂數種子"),
    ("follow", "Follow", "追蹤"),
    ("feature", "feature <small>(or click the all-features chart)</small>", "特徵 <small>（或點選全部特徵圖）</small>"),
    ("sample", "sample", "資料編號"),
    ("sample-value", "value of this sample", "這筆資料的值"),
    ("overlay", "overlay the other mode's output", "疊上另一種模式的輸出"),
    ("cap-distribution", "One feature, before (<span class=\"in\">x</span>) and after (<span class=\"out\">y</span>) the layer: the input is shifted to mean β and squeezed to spread γ.", "單一特徵在這一層之前（<span class=\"in\">x</span>）與之後（<span class=\"out\">y</span>）：輸入被移到平均 β、縮放到離散 γ。"),
    ("cap-features", "All features at once: each input feature has its own mean and spread; after the layer every feature sits at β with spread γ. Click a feature to follow it.", "所有特徵一起看：每個輸入特徵有自己的平均與離散；經過這一層後每個特徵都落在 β、離散 γ。點一個特徵來追蹤它。"),
    ("cap-running", "Running statistics: each training step moves them a fraction <i>momentum</i> toward the batch's statistics (the variance uses the unbiased one); they approach the data's true values. In eval mode they do not move.", "移動統計：每個訓練步驟把它們往批次統計移動 <i>momentum</i> 的比例（變異數用無偏的）；它們會接近資料的真實值。評估模式下不會移動。"),
    ("cap-samples", "Each sample of the followed feature: input x (blue) and output y (orange). In train mode, changing one sample moves every output.", "被追蹤特徵的每一筆資料：輸入 x（藍）與輸出 y（橘）。訓練模式下改變一筆資料，所有輸出都會動。"),
    ("cap-distribution-eval", "eval mode: the input is normalized with the <b>running</b> statistics, so the output lands at mean β and spread γ only as far as those match this batch.", "評估模式：輸入用<b>移動</b>統計正規化，所以輸出的平均與離散只有在移動統計符合這個批次時才會是 β 與 γ。"),
    ("cap-features-eval", "eval mode: every feature is normalized with its running statistics; the orange row is level only as far as they match the data.", "評估模式：每個特徵用自己的移動統計正規化；橘色那一排只有在移動統計符合資料時才會整齊。"),
    ("sum-distribution", "Feature {f}: input mean {xm}, σ {xs}; output mean {ym}, σ {ys}.", "特徵 {f}：輸入平均 {xm}、σ {xs}；輸出平均 {ym}、σ {ys}。"),
    ("sum-features", "{c} features. Input means from {xlo} to {xhi}; output means from {ylo} to {yhi}.", "{c} 個特徵。輸入平均從 {xlo} 到 {xhi}；輸出平均從 {ylo} 到 {yhi}。"),
    ("sum-running", "Feature {f} after step {k}: running_mean {rm} (true {tm}), running_var {rv} (true {tv}).", "特徵 {f} 在第 {k} 步後：running_mean {rm}（真實 {tm}），running_var {rv}（真實 {tv}）。"),
    ("sum-samples", "{n} samples of feature {f}; sample {s}: x = {x} → y = {y}.", "特徵 {f} 的 {n} 筆資料；第 {s} 筆：x = {x} → y = {y}。"),
    ("sum-refused", "This step was refused: nothing to show.", "這一步被拒絕了：沒有可顯示的。"),
    ("computation", "The computation, step by step", "逐步計算"),
    ("code", "The same thing in PyTorch", "在 PyTorch 裡的同一件事"),
    ("footer", "BatchNorm Playground — the numbers match PyTorch's <code>nn.BatchNorm1d</code> (tested against reference cases computed by PyTorch). Handwritten digits: E. Alpaydin and C. Kaynak, UCI Machine Learning Repository (CC BY 4.0).", "BatchNorm 遊樂場——數字與 PyTorch 的 <code>nn.BatchNorm1d</code> 一致（以 PyTorch 算出的參考案例測試）。手寫數字資料：E. Alpaydin 與 C. Kaynak，UCI Machine Learning Repository（CC BY 4.0）。"),
    ("lessons", "Lessons", "課程"),
    ("lesson-none", "— choose a lesson —", "——選擇課程——"),
    ("reveal", "Reveal the answer", "顯示答案"),
    ("predict", "Predict first:", "先預測："),
    ("next", "Next ›", "下一頁 ›"),
    ("back", "‹ Back", "‹ 上一頁"),
    ("close", "Close lesson", "關閉課程"),
    ("presenter", "Presenter mode", "簡報模式"),
    ("language", "Language", "語言"),
    ("copy-link", "Copy link", "複製連結"),
    ("link-copied", "Link copied: it reproduces this page, number for number.", "已複製連結：它會重現這一頁的每個數字。"),
    ("shortcuts", "Keyboard shortcuts", "鍵盤快捷鍵"),
    ("shortcut-list", "<kbd>Space</kbd> step · <kbd>P</kbd> play/pause · <kbd>R</kbd> reset · <kbd>E</kbd> train/eval · <kbd>←</kbd> <kbd>→</kbd> previous/next feature · <kbd>?</kbd> this list", "<kbd>Space</kbd> 下一步 · <kbd>P</kbd> 播放/暫停 · <kbd>R</kbd> 重設 · <kbd>E</kbd> 訓練/評估 · <kbd>←</kbd> <kbd>→</kbd> 上一個/下一個特徵 · <kbd>?</kbd> 這份清單"),
    ("own-data", "Your own data", "你自己的資料"),
    ("csv-help", "Paste a CSV batch: one row per sample, one column per feature (a header row is optional). For (N, C, L) input, give L: each row then holds C·L values, feature by feature.", "貼上 CSV 批次：每列一筆資料、每欄一個特徵（可有標題列）。(N, C, L) 輸入請填 L：每列則有 C·L 個值，依特徵排列。"),
    ("csv-text", "CSV", "CSV"),
    ("csv-file", "or load a file", "或載入檔案"),
    ("csv-length", "L per feature (0 = (N, C))", "每個特徵的 L（0 = (N, C)）"),
    ("use-data", "Step with this data", "用這份資料執行"),
    ("use-generated", "Back to generated data", "回到產生的資料"),
    ("export", "Export", "匯出"),
    ("export-state", "state_dict (JSON)", "state_dict（JSON）"),
    ("export-output", "output (CSV)", "輸出（CSV）"),
    ("export-help", "Check the page in PyTorch:", "在 PyTorch 裡驗證這一頁："),
    ("new-layer", "A new layer: <code>{ctor}</code>. As when you build it again in PyTorch, it starts over: fresh running statistics, γ = 1, β = 0.", "新的一層：<code>{ctor}</code>。就像在 PyTorch 裡重新建立它，一切重來：新的移動統計，γ = 1、β = 0。"),
    ("train-intro", "The tutorial's model, <code>nn.Sequential(nn.Linear(64, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 10))</code>, and the same model without <code>BatchNorm1d</code>: the same starting weights, the same mini-batches of 8×8 handwritten digits, side by side.", "教學裡的模型 <code>nn.Sequential(nn.Linear(64, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 10))</code>，以及拿掉 <code>BatchNorm1d</code> 的同一個模型：相同的起始權重、相同的 8×8 手寫數字小批次，並排訓練。"),
    ("training", "Training", "訓練"),
    ("learning-rate", "learning rate", "學習率"),
    ("sgd-momentum", "SGD momentum", "SGD momentum"),
    ("t-batch", "batch size (2 … 256)", "批次大小（2 … 256）"),
    ("hidden-unit", "hidden unit to follow (0 … 127)", "要追蹤的隱藏單元（0 … 127）"),
    ("cap-percentiles", "Ioffe &amp; Szegedy (2015), Figure 1: measured here. With BatchNorm1d the input to ReLU is re-normalized every step, so its band sits near β ± γ by construction; without it, the band is wherever the first layer puts it. In the paper's deep network that drifted; in this one-hidden-layer model it may hardly move: the chart shows what happens.", "Ioffe 與 Szegedy（2015）圖 1，這裡實際量測。有 BatchNorm1d 時，送進 ReLU 的值每一步都重新正規化，所以分布帶依構造落在 β ± γ 附近；沒有時，分布帶在第一層把它放到的地方。論文的深層網路裡它會漂移；在這個只有一個隱藏層的模型裡可能幾乎不動：圖表顯示實際發生的情形。"),
    ("sweep-steps", "steps per learning rate", "每個學習率的步數"),
    ("sweep-start", "Run the sweep", "執行掃描"),
    ("cancel", "Cancel", "取消"),
    ("forgot-eval", "Forgot <code>model.eval()</code>? The BN model on the test digits", "忘了 <code>model.eval()</code>？BN 模型在測試數字上的表現"),
    ("open-layer", "Open this BatchNorm1d in the main view", "在主畫面打開這個 BatchNorm1d"),
    ("norms-intro", "What does BatchNorm1d normalize over — and what do LayerNorm, InstanceNorm1d and GroupNorm normalize over instead? The same batch goes through all four. Hover over (or click) a cell: in each grid, the outlined cells share one mean and one variance with it.", "BatchNorm1d 在哪些值上正規化？LayerNorm、InstanceNorm1d 與 GroupNorm 又是在哪些值上？同一個批次送進這四種層。把滑鼠移到（或點）一格：每個網格中被框起來的格子，和它共用同一組平均與變異數。"),
    ("the-batch", "The batch (N, C, L)", "批次 (N, C, L)"),
    ("n-l", "L (1 = input (N, C))", "L（1 = 輸入 (N, C)）"),
    ("n-g", "GroupNorm groups G", "GroupNorm 的群組數 G"),
    ("t-over", "normalizes over", "正規化的範圍"),
    ("t-batch-dep", "depends on the other samples?", "受同批其他資料影響？"),
    ("t-running", "running statistics?", "移動統計？"),
    ("t-train-eval", "train and eval differ?", "訓練與評估不同？"),
    ("t-used", "used in", "常見用途"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("r-bn-over", "each feature, over N (and L)", "每個特徵，跨 N（與 L）"),
    ("r-bn-running", "yes: running_mean, running_var", "有：running_mean、running_var"),
    ("r-bn-used", "MLPs and CNNs trained with large batches", "以大批次訓練的 MLP 與 CNN"),
    ("r-ln-over", "each sample, over C (and L)", "每筆資料，跨 C（與 L）"),
    ("r-ln-used", "transformers, RNNs", "Transformer、RNN"),
    ("r-in-over", "each sample and feature, over L", "每筆資料的每個特徵，跨 L"),
    ("r-in-running", "not by default (track_running_stats=False)", "預設沒有（track_running_stats=False）"),
    ("r-in-train-eval", "not by default", "預設不會"),
    ("r-in-used", "style transfer", "風格轉換"),
    ("r-gn-over", "each sample, over a group of C/G features (and L)", "每筆資料，跨一組 C/G 個特徵（與 L）"),
    ("r-gn-used", "detection and segmentation with small batches", "小批次的物件偵測與影像分割"),
    ("chart-refused", "This batch was refused — the message above says why. The layer kept its statistics.", "這個批次被拒絕了——原因見上方訊息。這一層保留了原本的統計。"),
    ("start-here", "Start here: press <b>Step</b> and watch the running statistics move; switch to <code>bn.eval()</code>; set the batch size to 1 — or open a Lesson.", "從這裡開始：按<b>下一步</b>，看移動統計怎麼動；切換到 <code>bn.eval()</code>；把批次大小設成 1——或打開一堂課程。"),
    ("cap-samples-eval", "Each sample of the followed feature: input x (blue) and output y (orange). In eval mode each sample is normalized on its own: changing one moves only its own output.", "被追蹤特徵的每一筆資料：輸入 x（藍）與輸出 y（橘）。評估模式下每筆資料各自正規化：改變一筆只會動到它自己的輸出。"),
    ("No sweep yet — press “Run the sweep” below", "No sweep yet — press “Run the sweep” below", "還沒有掃描——按下方的「執行掃描」"),
    ("opened-layer", "Opened the trained <code>BatchNorm1d(128)</code> (num_batches_tracked = {k}) in eval mode, on the first Linear layer's outputs for 64 test digits: its real input.", "已打開訓練後的 <code>BatchNorm1d(128)</code>（num_batches_tracked = {k}），評估模式，輸入是 64 個測試數字經過第一個 Linear 層的輸出：它真正的輸入。"),
    ("○ y before your change", "○ y before your change", "○ 改變前的 y"),
    ("own-data-link", "own=1 (this link was made with data a link cannot carry — your CSV or a trained model's layer — so it shows generated data)", "own=1（這個連結用了連結無法攜帶的資料——你的 CSV 或訓練後模型的那一層——所以改顯示產生的資料）"),
    ("link-notes", "Some parts of the link could not be read and were left at their defaults:", "連結中有些部分無法讀取，已使用預設值："),
    // Text Rust writes: the status line and the step-by-step
    ("Step", "Step", "步驟"),
    ("train mode", "train mode", "訓練模式"),
    ("num_batches_tracked = {k} · feature {f}: running_mean = {m}, running_var = {v}", "num_batches_tracked = {k} · feature {f}: running_mean = {m}, running_var = {v}", "num_batches_tracked = {k} · 特徵 {f}：running_mean = {m}，running_var = {v}"),
    ("eval mode", "eval mode", "評估模式"),
    ("refused", "refused", "已拒絕"),
    ("no running statistics (track_running_stats=False)", "no running statistics (track_running_stats=False)", "沒有移動統計（track_running_stats=False）"),
    ("step", "step", "步驟"),
    ("formula", "formula", "公式"),
    ("with the numbers", "with the numbers", "代入數字"),
    ("value", "value", "值"),
    ("values per feature", "values per feature", "每個特徵的值數"),
    ("this sample's value", "this sample's value", "這筆資料的值"),
    ("batch mean", "batch mean", "批次平均"),
    ("batch variance (biased)", "batch variance (biased)", "批次變異數（有偏）"),
    ("batch variance (unbiased)", "batch variance (unbiased)", "批次變異數（無偏）"),
    ("divides by m: this is what BatchNorm normalizes with", "divides by m: this is what BatchNorm normalizes with", "除以 m：BatchNorm 用它來正規化"),
    ("divides by m − 1: what torch.var prints, and what running_var averages", "divides by m − 1: what torch.var prints, and what running_var averages", "除以 m − 1：torch.var 印出的值，也是 running_var 平均的對象"),
    ("running mean (used)", "running mean (used)", "移動平均（使用中）"),
    ("running variance (used)", "running variance (used)", "移動變異數（使用中）"),
    ("kept from training", "kept from training", "訓練時累積的"),
    ("eval mode normalizes with the running statistics", "eval mode normalizes with the running statistics", "評估模式用移動統計來正規化"),
    ("scale", "scale", "縮放"),
    ("normalized", "normalized", "正規化後"),
    ("output", "output", "輸出"),
    ("affine=False: no γ, β", "affine=False: no γ, β", "affine=False：沒有 γ、β"),
    ("update factor", "update factor", "更新係數"),
    ("weight of the new batch; the old value keeps 1 − f", "weight of the new batch; the old value keeps 1 − f", "新批次的權重；舊值保留 1 − f"),
    ("running mean", "running mean", "移動平均"),
    ("running variance", "running variance", "移動變異數"),
    ("uses the unbiased s², not σ²_B", "uses the unbiased s², not σ²<sub>B</sub>", "用無偏的 s²，不是 σ²<sub>B</sub>"),
    ("not used in eval mode: shown to compare", "not used in eval mode: shown to compare", "評估模式不使用：僅供比較"),
    ("eps-note", "Here eps is not small next to σ²<sub>B</sub>, so the output's variance is only σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio} of γ².", "這裡 eps 相對 σ²<sub>B</sub> 不算小，所以輸出的變異數只有 γ² 的 σ²<sub>B</sub>/(σ²<sub>B</sub> + eps) = {ratio}。"),
    ("batches counted", "batches counted", "已計批次"),
    ("running statistics", "running statistics", "移動統計"),
    ("track_running_stats=False: none kept", "track_running_stats=False: none kept", "track_running_stats=False：不保留"),
    ("unchanged", "unchanged", "不變"),
    ("eval mode updates nothing", "eval mode updates nothing", "評估模式不更新任何東西"),
    ("Press <b>Step</b> to draw a batch.", "Press <b>Step</b> to draw a batch.", "按<b>下一步</b>抽一個批次。"),
    ("{who}: normalized with <b>this batch's</b> statistics, so every sample's output depends on the others.", "{who}: normalized with <b>this batch's</b> statistics, so every sample's output depends on the others.", "{who}：用<b>這個批次自己</b>的統計正規化，所以每筆資料的輸出都取決於其他資料。"),
    ("{who}: no running statistics (track_running_stats=False), so even eval uses this batch's statistics.", "{who}: no running statistics (track_running_stats=False), so even eval uses this batch's statistics.", "{who}：沒有移動統計（track_running_stats=False），所以評估模式也用這個批次的統計。"),
    ("{who}: normalized with the <b>running</b> statistics; each sample is on its own and nothing is updated.", "{who}: normalized with the <b>running</b> statistics; each sample is on its own and nothing is updated.", "{who}：用<b>移動</b>統計正規化；每筆資料各自獨立，什麼都不更新。"),
    ("feature {f}, sample {s}", "feature {f}, sample {s}", "特徵 {f}、資料 {s}"),
    ("Variance of this feature's output y: <b>{biased}</b> dividing by m = {m} (what BatchNorm makes ≈ γ²), but <b>{unbiased}</b> dividing by m − 1 = {m1} — the number <code>{call}</code> prints, because <code>torch.var</code> is unbiased by default.", "Variance of this feature's output y: <b>{biased}</b> dividing by m = {m} (what BatchNorm makes ≈ γ²), but <b>{unbiased}</b> dividing by m − 1 = {m1} — the number <code>{call}</code> prints, because <code>torch.var</code> is unbiased by default.", "這個特徵輸出 y 的變異數：除以 m = {m} 得 <b>{biased}</b>（BatchNorm 讓它 ≈ γ²），但除以 m − 1 = {m1} 得 <b>{unbiased}</b>——這就是 <code>{call}</code> 印出的數，因為 <code>torch.var</code> 預設是無偏的。"),
    ("This step was refused.", "This step was refused.", "這一步被拒絕了。"),
    ("PyTorch raises:", "PyTorch raises:", "PyTorch 會丟出："),
    ("Note: PyTorch adds 1 to <code>num_batches_tracked</code> <i>before</i> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.", "Note: PyTorch adds 1 to <code>num_batches_tracked</code> <i>before</i> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.", "注意：PyTorch 在檢查批次<i>之前</i>就把 <code>num_batches_tracked</code> 加 1，所以被拒絕的批次仍被計入（現在是 {k}）；running_mean 與 running_var 沒有變。本頁也一樣。"),
    ("The layer's statistics are kept as they were.", "The layer's statistics are kept as they were.", "這一層的統計保持原狀。"),
    // The Train view
    ("diverged (NaN)", "diverged (NaN)", "發散（NaN）"),
    ("Loading the handwritten digits…", "Loading the handwritten digits…", "載入手寫數字中…"),
    ("train-status", "Step {k} (epoch {e}) · test accuracy: with BatchNorm1d {a}, without {b}", "第 {k} 步（第 {e} 輪）· 測試準確率：有 BatchNorm1d {a}，沒有 {b}"),
    ("<code>model.eval()</code>: running statistics", "<code>model.eval()</code>: running statistics", "<code>model.eval()</code>：移動統計"),
    ("forgot <code>model.eval()</code>: test batches of {n}", "forgot <code>model.eval()</code>: test batches of {n}", "忘了 <code>model.eval()</code>：每批 {n} 筆測試資料"),
    // The comparison view
    ("per feature, over N and L", "per feature, over N and L", "每個特徵，跨 N 與 L"),
    ("per sample, over C and L", "per sample, over C and L", "每筆資料，跨 C 與 L"),
    ("per sample and feature, over L", "per sample and feature, over L", "每筆資料的每個特徵，跨 L"),
    ("per sample, over a group of C/G features and L", "per sample, over a group of C/G features and L", "每筆資料，跨一組 C/G 個特徵與 L"),
    // Charts
    ("outlined: same mean and σ as the hovered value", "outlined: same mean and σ as the hovered value", "外框：與滑鼠所指的值共用平均與 σ"),
    ("hovered x[{i}] = {x}", "hovered x[{i}] = {x}", "滑鼠所指 x[{i}] = {x}"),
    ("NaN or missing", "NaN or missing", "NaN 或缺值"),
    ("showing samples 0–{r}, features 0–{f}, positions 0–{p}", "showing samples 0–{r}, features 0–{f}, positions 0–{p}", "只顯示資料 0–{r}、特徵 0–{f}、位置 0–{p}"),
    ("Each layer's output y", "Each layer's output y", "各層的輸出 y"),
    ("feature {c}: all samples and positions", "feature {c}: all samples and positions", "特徵 {c}：所有資料與位置"),
    ("sample {n}: all features and positions", "sample {n}: all features and positions", "資料 {n}：所有特徵與位置"),
    ("feature {c}: all samples", "feature {c}: all samples", "特徵 {c}：所有資料"),
    ("sample {n}: all features", "sample {n}: all features", "資料 {n}：所有特徵"),
    ("feature {c}", "feature {c}", "特徵 {c}"),
    ("sample {n}", "sample {n}", "資料 {n}"),
    ("mean {m}, σ {s}", "mean {m}, σ {s}", "平均 {m}，σ {s}"),
    ("no values", "no values", "沒有值"),
    ("Training loss and test accuracy", "Training loss and test accuracy", "訓練損失與測試準確率"),
    ("with BatchNorm1d", "with BatchNorm1d", "有 BatchNorm1d"),
    ("without BatchNorm1d", "without BatchNorm1d", "沒有 BatchNorm1d"),
    ("loss now {a} vs {b}", "loss now {a} vs {b}", "目前損失 {a} 對 {b}"),
    ("{model}: loss now {v}", "{model}: loss now {v}", "{model}：目前損失 {v}"),
    ("{model}: diverged (NaN) at step {k}", "{model}: diverged (NaN) at step {k}", "{model}：在第 {k} 步發散（NaN）"),
    ("{model}: diverged (NaN) by step {k}", "{model}: diverged (NaN) by step {k}", "{model}：第 {k} 步前已發散（NaN）"),
    ("NaN (diverged at step {k})", "NaN (diverged at step {k})", "NaN（在第 {k} 步發散）"),
    ("NaN (diverged by step {k})", "NaN (diverged by step {k})", "NaN（第 {k} 步前已發散）"),
    ("accuracy now {a} vs {b}", "accuracy now {a} vs {b}", "目前準確率 {a} 對 {b}"),
    ("{model}: accuracy now {v}", "{model}: accuracy now {v}", "{model}：目前準確率 {v}"),
    ("loss", "loss", "損失"),
    ("test accuracy", "test accuracy", "測試準確率"),
    ("no test accuracy measured yet", "no test accuracy measured yet", "還沒有量測測試準確率"),
    ("Hidden unit {u}: input to ReLU over steps (15th, 50th, 85th percentile)", "Hidden unit {u}: input to ReLU over steps (15th, 50th, 85th percentile)", "隱藏單元 {u}：各步驟送進 ReLU 的值（第 15、50、85 百分位數）"),
    ("50th percentile", "50th percentile", "第 50 百分位數"),
    ("15th to 85th", "15th to 85th", "第 15 到 85 百分位數"),
    ("{model}: 50th {p50} (15th {p15}, 85th {p85})", "{model}: 50th {p50} (15th {p15}, 85th {p85})", "{model}：第 50 百分位 {p50}（第 15 {p15}，第 85 {p85}）"),
    ("{model}: no values yet", "{model}: no values yet", "{model}：還沒有值"),
    ("input to ReLU", "input to ReLU", "ReLU 的輸入"),
    ("Learning-rate sweep: test accuracy after {steps} steps", "Learning-rate sweep: test accuracy after {steps} steps", "學習率掃描：訓練 {steps} 步後的測試準確率"),
    ("Learning-rate sweep: test accuracy after 1 step", "Learning-rate sweep: test accuracy after 1 step", "學習率掃描：訓練 1 步後的測試準確率"),
    ("not run yet", "not run yet", "尚未執行"),
    ("{model}: best {acc} at learning rate {lr}", "{model}: best {acc} at learning rate {lr}", "{model}：最佳 {acc}，學習率 {lr}"),
    ("best {a} vs {b}", "best {a} vs {b}", "最佳 {a} 對 {b}"),
    ("{acc} at lr {lr}", "{acc} at lr {lr}", "{acc}（lr {lr}）"),
    ("no run finished yet", "no run finished yet", "還沒有完成任何一次執行"),
    ("learning rate (log scale)", "learning rate (log scale)", "學習率（對數刻度）"),
    ("Test digits and the two models' guesses", "Test digits and the two models' guesses", "測試數字與兩個模型的猜測"),
    ("BN: with BatchNorm1d", "BN: with BatchNorm1d", "BN：有 BatchNorm1d"),
    ("no BN: without BatchNorm1d", "no BN: without BatchNorm1d", "無 BN：沒有 BatchNorm1d"),
    ("{who} ({k} of {n} right)", "{who} ({k} of {n} right)", "{who}（{n} 個中對 {k} 個）"),
    ("label {d}", "label {d}", "標籤 {d}"),
    ("BN: {d}", "BN: {d}", "BN：{d}"),
    ("no BN: {d}", "no BN: {d}", "無 BN：{d}"),
    ("No data yet — press Step", "No data yet — press Step", "還沒有資料——按下一步"),
    ("Nothing to plot: every value is NaN or infinite", "Nothing to plot: every value is NaN or infinite", "沒有可畫的：每個值都是 NaN 或無限大"),
    ("Too small to draw", "Too small to draw", "太小，無法繪製"),
    ("Feature {f}: input x vs output y", "Feature {f}: input x vs output y", "特徵 {f}：輸入 x 與輸出 y"),
    ("input x", "input x", "輸入 x"),
    ("output y", "output y", "輸出 y"),
    ("mean", "mean", "平均"),
    ("mean ± σ", "mean ± σ", "平均 ± σ"),
    ("marked sample: x = {x} → y = {y}", "marked sample: x = {x} → y = {y}", "標記的資料：x = {x} → y = {y}"),
    ("other mode's y", "other mode's y", "另一模式的 y"),
    ("{name}: mean {m}, σ {s}", "{name}: mean {m}, σ {s}", "{name}：平均 {m}，σ {s}"),
    ("{name}: mean {m}, σ (÷m) {s}", "{name}: mean {m}, σ (÷m) {s}", "{name}：平均 {m}，σ（÷m）{s}"),
    ("{name} now {now} · last batch s² (÷(m−1)) {batch} · true {truth}", "{name} now {now} · last batch s² (÷(m−1)) {batch} · true {truth}", "{name} 目前 {now} · 上個批次 s²（÷(m−1)）{batch} · 真實 {truth}"),
    ("{name}: no values", "{name}: no values", "{name}：沒有值"),
    (" ({n} NaN/inf not shown)", " ({n} NaN/inf not shown)", "（{n} 個 NaN/inf 未顯示）"),
    ("how many values", "how many values", "個數"),
    ("All {c} features: mean ± σ before and after", "All {c} features: mean ± σ before and after", "全部 {c} 個特徵：前後的平均 ± σ"),
    ("1 feature: mean ± σ before and after", "1 feature: mean ± σ before and after", "1 個特徵：前後的平均 ± σ"),
    ("input x: mean ± σ", "input x: mean ± σ", "輸入 x：平均 ± σ"),
    ("output y: mean ± σ", "output y: mean ± σ", "輸出 y：平均 ± σ"),
    ("feature {c}: x {x} → y {y}", "feature {c}: x {x} → y {y}", "特徵 {c}：x {x} → y {y}"),
    ("feature (click one to select it)", "feature (click one to select it)", "特徵（點選以追蹤）"),
    ("Feature {f}: running statistics over steps", "Feature {f}: running statistics over steps", "特徵 {f}：各步驟的移動統計"),
    ("this step's batch", "this step's batch", "這一步的批次"),
    ("true value of the data", "true value of the data", "資料的真實值"),
    ("running estimate", "running estimate", "移動估計"),
    ("variance", "variance", "變異數"),
    ("{name} now {now} · last batch {batch} · true {truth}", "{name} now {now} · last batch {batch} · true {truth}", "{name} 目前 {now} · 上個批次 {batch} · 真實 {truth}"),
    ("Feature {f}: each sample before and after", "Feature {f}: each sample before and after", "特徵 {f}：每筆資料的前後"),
];

/// The text for `key` (an HTML key or Rust's English words) in `lang`; the key itself if unknown.
pub fn t(lang: Lang, key: &str) -> String {
    match TABLE.iter().find(|(k, _, _)| *k == key) {
        Some((_, en, zh)) => match lang {
            Lang::En => en.to_string(),
            Lang::ZhTw => zh.to_string(),
        },
        None => key.to_string(),
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// `t` then `fill`.
pub fn tf(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    fill(&t(lang, key), values)
}

/// Every HTML key, for the page to translate its labels.
pub fn html_keys() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|(k, _, _)| *k).filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
}

fn shape_text(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

/// A refusal in words a student understands, in `lang`.
pub fn error_message(error: &BnError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        BnError::ZeroEpsWithBatchStats => "eps = 0 只能用在有移動統計的評估模式：用批次自己的變異數正規化時，值全相同的特徵會除以零。".into(),
        BnError::NoFeatures => "BatchNorm1d 至少需要一個特徵。".into(),
        BnError::BadEps(eps) => format!("eps 必須是正數（目前是 {eps}）：當某特徵的變異數為 0 時，它讓 1/√(σ² + eps) 保持有限。"),
        BnError::BadMomentum(m) => format!("momentum 必須是像 0.1 這樣的數（目前是 {m}），或是 None 表示累積平均。"),
        BnError::NotFinite { what } => format!("{what} 必須是有限的數，不能是 NaN 或無限大。"),
        BnError::WrongDims { dims, .. } => format!("BatchNorm1d 接受形狀 (N, C) 或 (N, C, L) 的批次，但這個輸入有 {dims} 個維度。"),
        BnError::WrongFeatureCount { expected, got, shape, .. } => format!(
            "這一層是為 {expected} 個特徵建立的，但輸入 {} 的特徵軸（第 1 維）有 {got} 個。",
            shape_text(shape)
        ),
        BnError::OneValuePerFeature { shape, .. } => format!(
            "訓練需要每個特徵有一個以上的值：輸入 {} 讓每個特徵只有一個值，批次變異數無法定義。請用 2 筆以上的批次，或切換到評估模式（使用移動統計）。",
            shape_text(shape)
        ),
        BnError::WrongLength { what, expected, got } => format!("{what} 應該有 {expected} 個數，但有 {got} 個。"),
        BnError::OutOfRange { what, index, len } => {
            format!("沒有 {what} {index}：有效範圍是 0 到 {}。", len.saturating_sub(1))
        }
        BnError::OutOfBounds { what, value, min, max } => format!("{what} 必須介於 {min} 與 {max} 之間（目前是 {value}）。"),
        BnError::NotWholeNumber { what, value, min, max } => format!("{what} 必須是 {min} 到 {max} 的整數（目前是 {value}）。"),
        BnError::GroupsDoNotDivide { groups, channels } => format!("GroupNorm 把 {channels} 個特徵分成 {groups} 個相等的群組，所以群組數必須整除特徵數（{channels} 不是 {groups} 的倍數）。"),
        BnError::OnePositionPerInstance { shape } => format!("InstanceNorm1d 在每筆資料每個特徵的 L 個位置上正規化，但輸入 {} 的 L = 1：一個值沒有變異數。請用 2 以上的 L。", shape_text(shape)),
        BnError::FixedByOwnData { what } => format!("你的資料固定了 {what}：要改變它，請先回到產生的資料。"),
        BnError::Missing { what } => format!("這一層沒有 {what}。"),
        BnError::NoTrainedModel => "還沒有訓練好的模型：請打開訓練畫面，等手寫數字載入。".into(),
        // Not translated yet: English until the Chinese is written.
        BnError::OneValuePerGroup { .. } | BnError::NormalizedShapeMismatch { .. } | BnError::ChannelsDoNotSplit { .. } => {
            error.to_string()
        }
        BnError::BadCsv { row, column, why } => format!("CSV 第 {row} 列第 {column} 欄：{}", csv_reason_zh(why)),
    }
}

fn csv_reason_zh(why: &str) -> String {
    match why {
        "not a number" => "不是數字".into(),
        "NaN or infinite" => "是 NaN 或無限大".into(),
        "a different number of columns than the first row" => "欄數與第一列不同".into(),
        "no data rows" => "沒有資料列".into(),
        "too many values" => "數值太多".into(),
        "the number of columns is not a multiple of L" => "欄數不是 L 的倍數".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut keys: Vec<&str> = TABLE.iter().map(|(k, _, _)| *k).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate keys");
        for (k, en, zh) in TABLE {
            assert!(!en.is_empty() && !zh.is_empty(), "{k}");
            let count = |s: &str| s.matches('{').count();
            assert_eq!(count(en), count(zh), "{k}: placeholders differ");
        }
    }

    #[test]
    fn every_label_of_the_page_is_in_the_table() {
        let html = include_str!("../www/index.html");
        for part in html.split("data-i18n=\"").skip(1) {
            let key = part.split('"').next().unwrap_or_default();
            assert!(TABLE.iter().any(|(k, _, _)| *k == key), "index.html uses data-i18n=\"{key}\" with no entry");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::ZhTw, "feature {f}, sample {s}", &[("f", "3"), ("s", "1")]), "特徵 3、資料 1");
        assert_eq!(t(Lang::En, "no such key"), "no such key");
    }
}
