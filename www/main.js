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

// Any number of changes become one redraw per animation frame; Play asks App each frame
// whether a Step is due.
function requestRender() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame((now) => {
    frameRequested = false;
    if (app.playing()) app.tick(now);
    render();
    if (app.playing()) requestRender();
  });
}

// Canvas pixels = CSS pixels × devicePixelRatio, so charts are crisp on any screen.
function draw(id, method) {
  const canvas = $(id);
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
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

// Controls always show App's value, except a number box the user is typing in during Play.
function setValue(id, value) {
  const el = $(id);
  if (app.playing() && el.type === "number" && document.activeElement === el) return;
  if (el.type === "checkbox") el.checked = value;
  else el.value = value;
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
  const momentum = app.momentum();
  const cumulative = Number.isNaN(momentum);
  setValue("num-features", app.num_features());
  setValue("eps", app.eps_index());
  $("eps-out").textContent = app.eps_text();
  setValue("momentum-none", cumulative);
  $("momentum").disabled = cumulative;
  if (!cumulative) setValue("momentum", momentum);
  $("momentum-out").textContent = app.momentum_text();
  setValue("affine", app.affine());
  setValue("track", app.track_running_stats());
  setValue("gamma", app.gamma());
  setValue("beta", app.beta());
  $("gamma-out").textContent = app.gamma_text();
  $("beta-out").textContent = app.beta_text();
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
  $("offset-out").textContent = app.offset();
  $("shift-out").textContent = app.shift();
  $("spread-out").textContent = app.spread();
  setValue("seed", app.seed());
  setValue("feature", app.feature());
  setValue("sample", app.sample());
  setValue("value", app.value());
  $("value-out").textContent = app.value_text();
  setValue("overlay", app.overlay());
  $("feature").max = app.num_features() - 1;
  $("sample").max = app.batch_size() - 1;
  for (const el of document.querySelectorAll(".feature-no")) el.textContent = app.feature();
  $(app.training() ? "mode-train" : "mode-eval").checked = true;
  $("play").textContent = app.tr(app.playing() ? "pause" : "play");
  $("play").setAttribute("aria-pressed", String(app.playing()));
  setValue("speed", app.speed());
  setValue("lang-select", app.lang());
  setValue("presenter", app.presenter());
  document.documentElement.classList.toggle("presenter", app.presenter());

  $("ctor").textContent = app.constructor_text();
  $("status").textContent = app.status_text();
  const refusal = app.refusal_html();
  $("refusal").innerHTML = refusal;
  $("refusal").hidden = refusal === "";
  $("steps").innerHTML = app.step_by_step_html();
  $("pytorch").textContent = app.pytorch_code();
  $("export-snippet").textContent = app.export_snippet();

  const lesson = app.lesson();
  $("lesson").hidden = lesson === "";
  setValue("lesson-select", lesson);
  if (lesson !== "") {
    const [stage, stages, revealed] = app.lesson_stage();
    $("lesson-text").innerHTML = app.lesson_html();
    $("lesson-back").disabled = stage === 0;
    $("lesson-next").disabled = stage + 1 === stages;
    $("lesson-reveal").disabled = revealed === 1;
  }

  for (const chart of ["distribution", "running", "features", "samples"]) {
    draw(`chart-${chart}`, `draw_${chart}`);
    $(`cap-${chart}`).innerHTML = app.caption(chart);
    $(`sum-${chart}`).textContent = app.summary(chart);
  }
  history.replaceState(null, "", `?${app.query()}`);
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

  // Space step · P play/pause · R reset · E train/eval · ← → feature · ? shortcuts.
  document.addEventListener("keydown", (event) => {
    // Keys belong to the field being typed in; Space on a button presses that button.
    const typing = event.target.closest("input, select, textarea, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === " " && event.target.closest("button")) return;
    const keys = {
      " ": () => attempt(() => app.step()),
      p: togglePlay,
      r: () => attempt(() => app.reset()),
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
  window.addEventListener("resize", requestRender);
}

async function main() {
  try {
    await init();
    app = new App(location.search.slice(1));
  } catch (e) {
    $("status").textContent = "The page could not start: " + (e.message ?? String(e));
    return;
  }
  translate();
  wire();
  window.playground = app; // for the end-to-end test and curious students
  const notice = app.notice();
  if (notice) showNotice(notice, "info");
  render();
  document.body.dataset.ready = "true";
}

main();
