// Glue between the page and the Rust App: wires controls and keys to App methods, gives the
// charts their canvases, copies App's numbers and words into the page, and keeps the URL equal
// to App's link. No math and no state of its own: after every action the page is re-read from App.
import init, { App } from "./pkg/batchnorm_playground.js";

const $ = (id) => document.getElementById(id);
let app;
let frameRequested = false;

// An action: run it, show a refusal in the page (not only the console), then redraw.
function attempt(action) {
  try {
    action();
    const notice = app.notice();
    if (notice) showNotice(notice, "info");
    else hideNotice();
  } catch (e) {
    showNotice(e.message ?? String(e), "error");
  }
  requestRender();
}

function showNotice(html, kind) {
  const el = $("notice");
  el.innerHTML = html;
  el.className = kind;
  el.setAttribute("role", kind === "error" ? "alert" : "status");
  el.hidden = false;
}

function hideNotice() {
  $("notice").hidden = true;
}

// Any number of changes become one redraw per animation frame; while Play (or a sweep) runs,
// App does the frame's work first.
function requestRender() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame((now) => {
    frameRequested = false;
    if (app.busy()) app.tick(now);
    render();
    if (app.busy()) requestRender();
  });
}

// Canvas pixels = CSS pixels × devicePixelRatio, so charts are crisp on any screen. Sizes are
// read once, before render() writes anything: a read after a write would force a layout.
let canvasSizes = new Map();
function measureCanvases() {
  canvasSizes = new Map();
  for (const canvas of document.querySelectorAll("[role=tabpanel]:not([hidden]) canvas")) {
    canvasSizes.set(canvas.id, [canvas.clientWidth, canvas.clientHeight]);
  }
}

function draw(id, method) {
  const canvas = $(id);
  const ratio = window.devicePixelRatio || 1;
  const [cssWidth, cssHeight] = canvasSizes.get(id) ?? [canvas.clientWidth, canvas.clientHeight];
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  try {
    app[method](canvas, ratio);
    canvas.dataset.drawn = String(app.steps());
  } catch (e) {
    showNotice(e.message ?? String(e), "error");
  }
}

// innerHTML only when App's words changed (rewriting the DOM every frame is what costs).
const shown = new WeakMap();
function setHtml(id, html) {
  const el = $(id);
  if (shown.get(el) === html) return;
  el.innerHTML = html;
  shown.set(el, html);
}

// Controls always show App's value, except a number box the user is typing in during Play.
function setValue(id, value) {
  const el = $(id);
  if (app.playing() && el.type === "number" && document.activeElement === el) return;
  if (el.type === "checkbox") {
    if (el.checked !== value) el.checked = value;
  } else if (el.value !== String(value)) {
    el.value = value;
  }
}

function setText(id, text) {
  const el = $(id);
  if (el.textContent !== text) el.textContent = text;
}

// Every label with data-i18n gets App's words in the current language.
function translate() {
  document.documentElement.lang = app.lang();
  for (const el of document.querySelectorAll("[data-i18n]")) el.innerHTML = app.tr(el.dataset.i18n);
  const select = $("lesson-select");
  select.length = 1;
  for (let i = 0; i < app.lesson_count(); i++) select.add(new Option(app.lesson_title(i), app.lesson_id(i)));
  select.options[0].textContent = app.tr("lesson-none");
}

function render() {
  const view = app.view();
  let switched = false;
  for (const name of ["lab", "norms", "train"]) {
    if ($(`view-${name}`).hidden !== (name !== view)) {
      $(`view-${name}`).hidden = name !== view;
      switched = true;
    }
  }
  const presenter = app.presenter();
  if (document.documentElement.classList.contains("presenter") !== presenter) {
    document.documentElement.classList.toggle("presenter", presenter);
    switched = true; // the charts' CSS sizes change with it
  }
  if (switched || canvasSizes.size === 0) measureCanvases();
  if (view === "train") renderTrain();
  else if (view === "norms") renderNorms();
  else renderLab();
  renderLesson();
  for (const name of ["lab", "norms", "train"]) {
    const selected = String(name === view);
    if ($(`tab-${name}`).getAttribute("aria-selected") !== selected) $(`tab-${name}`).setAttribute("aria-selected", selected);
  }
  setValue("lang-select", app.lang());
  setValue("presenter", presenter);
  scheduleUrlUpdate();
}

// The address bar follows App's link, at most a few times a second (replaceState is not free,
// and a slider drag renders every frame).
let urlTimer = null;
function scheduleUrlUpdate() {
  if (urlTimer !== null) return;
  urlTimer = setTimeout(() => {
    urlTimer = null;
    const query = `?${app.query()}`;
    if (location.search !== query) history.replaceState(null, "", query);
  }, 200);
}

// The lesson panel shows above every view.
function renderLesson() {
  const lesson = app.lesson();
  $("lesson").hidden = lesson === "";
  setValue("lesson-select", lesson);
  if (lesson !== "") {
    const [stage, stages, revealed] = app.lesson_stage();
    setHtml("lesson-text", app.lesson_html());
    $("lesson-back").disabled = stage === 0;
    $("lesson-next").disabled = stage + 1 === stages;
    $("lesson-reveal").disabled = revealed === 1;
    $("lesson-value-row").hidden = !app.lesson_has_value_slider();
    // With its slider, the lesson stays in view while the student scrolls to the charts.
    $("lesson").classList.toggle("sticky", app.lesson_has_value_slider());
    setValue("lesson-value", app.value());
    setText("lesson-value-out", app.value_text());
  }
}

function renderNorms() {
  draw("chart-norm-grid", "draw_norm_grid");
  draw("chart-norm-outputs", "draw_norm_outputs");
  const [n, c, l, g, seed] = app.compare_settings();
  setValue("n-n", n);
  setValue("n-c", c);
  setValue("n-l", l);
  setValue("n-g", g);
  setValue("n-seed", seed);
}

// The Train view: fetch the digits the first time it opens (so the main view never waits).
let digitsRequested = false;
async function loadDigits() {
  if (digitsRequested) return;
  digitsRequested = true;
  try {
    const response = await fetch("data/digits.csv");
    if (!response.ok) throw new Error(`data/digits.csv: ${response.status}`);
    const text = await response.text();
    attempt(() => app.load_digits(text));
  } catch (e) {
    showNotice(e.message ?? String(e), "error");
  }
}

function renderTrain() {
  if (!app.has_digits()) loadDigits();
  for (const chart of ["curves", "percentiles", "sweep", "digits"]) draw(`chart-${chart}`, `draw_${chart}`);
  setValue("t-lr", Math.log10(app.train_lr()).toFixed(2)); // the slider's scale is log10(lr)
  setText("t-lr-out", app.train_lr());
  setValue("t-momentum", app.train_momentum());
  setText("t-momentum-out", app.train_momentum());
  setValue("t-batch", app.train_batch_size());
  setValue("t-seed", app.train_seed());
  setValue("t-unit", app.unit());
  setValue("t-speed", app.train_speed());
  setText("t-play", app.tr(app.playing() ? "pause" : "play"));
  $("t-play").setAttribute("aria-pressed", String(app.playing()));
  setText("t-status", app.train_status_text());
  setHtml("t-eval", app.eval_report_html());
  setText("t-snippet", app.model_snippet(0));
  const progress = app.sweep_progress();
  $("t-sweep-progress").value = Number.isNaN(progress) ? 0 : progress;
  $("t-sweep-cancel").disabled = Number.isNaN(progress) || progress >= 1;
}

function renderLab() {
  // Charts first: plotters measures text in the DOM, which is cheap only before we write to it.
  for (const chart of ["distribution", "running", "features", "samples"]) draw(`chart-${chart}`, `draw_${chart}`);
  const momentum = app.momentum();
  const cumulative = Number.isNaN(momentum);
  setValue("num-features", app.num_features());
  setValue("eps", app.eps_index());
  setText("eps-out", app.eps_text());
  setValue("momentum-none", cumulative);
  $("momentum").disabled = cumulative;
  if (!cumulative) setValue("momentum", momentum);
  setText("momentum-out", app.momentum_text());
  setValue("affine", app.affine());
  setValue("track", app.track_running_stats());
  setValue("gamma", app.gamma());
  setValue("beta", app.beta());
  setText("gamma-out", app.gamma_text());
  setText("beta-out", app.beta_text());
  $("gamma").disabled = $("beta").disabled = !app.affine();
  const own = app.own_data();
  setValue("batch-size", app.batch_size());
  setValue("length", app.length());
  setValue("num-features", app.num_features());
  for (const id of ["batch-size", "length", "num-features"]) $(id).disabled = own;
  setValue("distribution", app.distribution());
  setValue("offset", app.offset());
  setValue("shift", app.shift());
  setValue("spread", Math.log10(app.spread()).toFixed(1)); // the slider's scale is log10(σ)
  setValue("vary", app.vary_spread());
  setText("offset-out", app.offset());
  setText("shift-out", app.shift());
  setText("spread-out", app.spread());
  setValue("seed", app.seed());
  setValue("feature", app.feature());
  setValue("sample", app.sample());
  setValue("value", app.value());
  setText("value-out", app.value_text());
  setValue("overlay", app.overlay());
  $("feature").max = app.num_features() - 1;
  $("sample").max = app.batch_size() - 1;
  for (const el of document.querySelectorAll(".feature-no")) el.textContent = app.feature();
  $(app.training() ? "mode-train" : "mode-eval").checked = true;
  setText("play", app.tr(app.playing() ? "pause" : "play"));
  $("play").setAttribute("aria-pressed", String(app.playing()));
  setValue("speed", app.speed());

  setText("ctor", app.constructor_text());
  setText("status", app.status_text());
  const refusal = app.refusal_html();
  setHtml("refusal", refusal);
  $("refusal").hidden = refusal === "";
  setHtml("steps", app.step_by_step_html());
  setText("pytorch", app.pytorch_code());
  setText("export-snippet", app.export_snippet());


  const refused = app.error_message() !== undefined;
  for (const chart of ["distribution", "running", "features", "samples"]) {
    const figure = $(`chart-${chart}`).parentElement;
    figure.classList.toggle("refused", refused && chart !== "running");
    figure.dataset.refused = app.tr("chart-refused");
    setHtml(`cap-${chart}`, app.caption(chart));
    setText(`sum-${chart}`, app.summary(chart));
  }
}

function onNumber(id, action) {
  $(id).addEventListener("change", () => attempt(() => action(Number($(id).value))));
}

function onRange(id, action) {
  $(id).addEventListener("input", () => attempt(() => action(Number($(id).value))));
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function togglePlay() {
  app.set_playing(!app.playing());
  requestRender();
}

function featureShape() {
  app.set_feature_shape(Number($("offset").value), Number($("shift").value), 10 ** Number($("spread").value), $("vary").checked);
}

function wire() {
  $("step").addEventListener("click", () => attempt(() => app.step()));
  $("reset").addEventListener("click", () => attempt(() => app.reset()));
  $("play").addEventListener("click", togglePlay);
  $("speed").addEventListener("change", () => attempt(() => app.set_speed(Number($("speed").value))));
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener("change", () => attempt(() => app.set_training(radio.value === "train")));
  }
  onNumber("num-features", (c) => app.set_num_features(c));
  onRange("eps", (i) => app.set_eps_index(i));
  onRange("momentum", (m) => app.set_momentum(m));
  $("momentum-none").addEventListener("change", () =>
    attempt(() => ($("momentum-none").checked ? app.set_momentum_cumulative() : app.set_momentum(Number($("momentum").value)))));
  $("affine").addEventListener("change", () => attempt(() => app.set_affine($("affine").checked)));
  $("track").addEventListener("change", () => attempt(() => app.set_track_running_stats($("track").checked)));
  onRange("gamma", (g) => app.set_gamma_beta(g, Number($("beta").value)));
  onRange("beta", (b) => app.set_gamma_beta(Number($("gamma").value), b));
  onNumber("batch-size", (n) => app.set_batch_size(n));
  onNumber("length", (l) => app.set_length(l));
  $("distribution").addEventListener("change", () => attempt(() => app.set_distribution($("distribution").value)));
  for (const id of ["offset", "shift", "spread"]) $(id).addEventListener("change", () => attempt(featureShape));
  $("vary").addEventListener("change", () => attempt(featureShape));
  onNumber("seed", (s) => app.set_seed(s));
  onNumber("feature", (f) => app.select_feature(f));
  onNumber("sample", (s) => app.select_sample(s));
  onRange("value", (v) => app.set_value(v));
  onRange("lesson-value", (v) => app.set_value(v));
  $("overlay").addEventListener("change", () => attempt(() => app.set_overlay($("overlay").checked)));
  $("chart-features").addEventListener("click", (event) => {
    attempt(() => app.pick_feature_at(event.offsetX, event.currentTarget.clientWidth));
  });

  $("lesson-select").addEventListener("change", () =>
    attempt(() => ($("lesson-select").value ? app.open_lesson($("lesson-select").value) : app.close_lesson())));
  $("lesson-next").addEventListener("click", () => attempt(() => app.lesson_next()));
  $("lesson-back").addEventListener("click", () => attempt(() => app.lesson_back()));
  $("lesson-reveal").addEventListener("click", () => attempt(() => app.reveal()));
  $("lesson-close").addEventListener("click", () => attempt(() => app.close_lesson()));
  $("lang-select").addEventListener("change", () => {
    attempt(() => app.set_lang($("lang-select").value));
    translate();
  });
  $("presenter").addEventListener("change", () => attempt(() => app.set_presenter($("presenter").checked)));
  $("copy-link").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      showNotice(app.tr("link-copied"), "info");
    } catch {
      showNotice(location.href, "info"); // no clipboard (e.g. plain http): show the link to copy by hand
    }
  });
  $("help").addEventListener("click", () => {
    $("shortcuts").hidden = !$("shortcuts").hidden;
    $("help").setAttribute("aria-expanded", String(!$("shortcuts").hidden));
  });

  $("csv-file").addEventListener("change", async () => {
    const file = $("csv-file").files[0];
    if (file) $("csv-text").value = await file.text();
  });
  $("csv-use").addEventListener("click", () => attempt(() => app.load_csv($("csv-text").value, Number($("csv-length").value))));
  $("csv-generated").addEventListener("click", () => attempt(() => app.use_generated_data()));
  $("export-state").addEventListener("click", () => download("bn_state.json", "application/json", app.state_dict_json()));
  $("export-input").addEventListener("click", () => download("bn_input.csv", "text/csv", app.input_csv()));
  $("export-output").addEventListener("click", () => download("bn_output.csv", "text/csv", app.output_csv()));

  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => attempt(() => app.set_view(tab.dataset.view)));
  }
  const compare = () =>
    app.set_compare(Number($("n-n").value), Number($("n-c").value), Number($("n-l").value), Number($("n-g").value), Number($("n-seed").value));
  for (const id of ["n-n", "n-c", "n-l", "n-g", "n-seed"]) $(id).addEventListener("change", () => attempt(compare));
  const hover = (event) => {
    const canvas = event.currentTarget;
    if (app.hover_cell(event.offsetX, event.offsetY, canvas.clientWidth, canvas.clientHeight)) requestRender();
  };
  $("chart-norm-grid").addEventListener("mousemove", hover);
  $("chart-norm-grid").addEventListener("click", hover);
  $("t-step").addEventListener("click", () => attempt(() => app.train_step()));
  $("t-play").addEventListener("click", togglePlay);
  $("t-reset").addEventListener("click", () => attempt(() => app.train_reset()));
  $("t-speed").addEventListener("change", () => attempt(() => app.set_train_speed(Number($("t-speed").value))));
  const trainSettings = () =>
    app.set_train_settings(10 ** Number($("t-lr").value), Number($("t-momentum").value), Number($("t-batch").value), Number($("t-seed").value));
  for (const id of ["t-lr", "t-momentum"]) $(id).addEventListener("change", () => attempt(trainSettings));
  for (const id of ["t-batch", "t-seed"]) $(id).addEventListener("change", () => attempt(trainSettings));
  onNumber("t-unit", (u) => app.set_unit(u));
  $("t-sweep").addEventListener("click", () => attempt(() => app.start_sweep(Number($("t-sweep-steps").value))));
  $("t-sweep-cancel").addEventListener("click", () => attempt(() => app.cancel_sweep()));
  $("t-open-layer").addEventListener("click", () => {
    attempt(() => app.open_trained_layer());
    window.scrollTo(0, 0);
  });
  $("t-export-bn").addEventListener("click", () => download("digits_model_bn.json", "application/json", app.model_json(0)));
  $("t-export-plain").addEventListener("click", () => download("digits_model_plain.json", "application/json", app.model_json(1)));

  // Space step · P play/pause · R reset · E train/eval · ← → feature · ? shortcuts.
  document.addEventListener("keydown", (event) => {
    // Keys belong to the field being typed in; Space on a button presses that button.
    const typing = event.target.closest("input, select, textarea, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === " " && event.target.closest("button")) return;
    const train = app.view() === "train";
    const keys = {
      " ": () => attempt(() => (train ? app.train_step() : app.step())),
      p: togglePlay,
      r: () => attempt(() => (train ? app.train_reset() : app.reset())),
      e: () => attempt(() => app.set_training(!app.training())),
      ArrowLeft: () => attempt(() => app.move_feature(-1)),
      ArrowRight: () => attempt(() => app.move_feature(1)),
      "?": () => $("help").click(),
    };
    const action = keys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
  window.addEventListener("resize", () => {
    canvasSizes = new Map();
    requestRender();
  });
}

async function main() {
  try {
    await init();
    app = new App(location.search.slice(1));
  } catch (e) {
    setText("status", "The page could not start: " + (e.message ?? String(e)));
    return;
  }
  translate();
  wire();
  window.playground = app; // for the end-to-end test, the benchmarks and curious students
  window.playgroundRender = render;
  const notice = app.notice();
  if (notice) showNotice(notice, "info");
  render();
  performance.mark("first-chart");
  document.body.dataset.ready = "true";
}

main();
