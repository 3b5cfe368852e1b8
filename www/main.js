// Glue between the page and the Rust App: wires controls to App methods, gives the charts
// their canvases, and copies App's numbers into the page. No math and no state of its own:
// after every action the controls are re-read from App.
import init, { App } from "./pkg/batchnorm_playground.js";

const $ = (id) => document.getElementById(id);
let app;
let playing = false;
let frameRequested = false;

// A refused action: say why in the page, keep everything as App has it.
function attempt(action) {
  try {
    action();
    hideNotice();
  } catch (e) {
    showNotice(e.message ?? String(e));
  }
  requestRender();
}

function showNotice(text) {
  $("notice").textContent = text;
  $("notice").hidden = false;
}

function hideNotice() {
  $("notice").hidden = true;
}

// Coalesce any number of changes into one redraw per animation frame.
function requestRender() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    if (playing) app.step();
    render();
    if (playing) requestRender();
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
    showNotice(e.message ?? String(e));
  }
}

// Controls always show App's value, except a number box the user is typing in during Play.
function setValue(id, value) {
  const el = $(id);
  if (playing && el.type === "number" && document.activeElement === el) return;
  if (el.type === "checkbox") el.checked = value;
  else el.value = value;
}

function render() {
  const momentum = app.momentum();
  const cumulative = Number.isNaN(momentum);
  setValue("num-features", app.num_features());
  setValue("eps", Math.log10(app.eps()).toFixed(1));
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
  setValue("batch-size", app.batch_size());
  setValue("length", app.length());
  setValue("distribution", app.distribution());
  setValue("shift", app.shift());
  setValue("spread", app.spread());
  $("shift-out").textContent = app.shift();
  $("spread-out").textContent = app.spread();
  setValue("seed", app.seed());
  setValue("feature", app.feature());
  setValue("sample", app.sample());
  $("feature").max = app.num_features() - 1;
  $("sample").max = app.batch_size() - 1;
  for (const el of document.querySelectorAll(".feature-no")) el.textContent = app.feature();
  $(app.training() ? "mode-train" : "mode-eval").checked = true;
  $("play").textContent = playing ? "Pause" : "Play";
  $("play").setAttribute("aria-pressed", String(playing));

  $("ctor").textContent = app.constructor_text();
  $("status").textContent = app.status_text();
  $("steps").innerHTML = app.step_by_step_html();
  $("pytorch").textContent = app.pytorch_code();

  draw("chart-distribution", "draw_distribution");
  draw("chart-features", "draw_features");
  draw("chart-running", "draw_running");
}

function onNumber(id, action) {
  $(id).addEventListener("change", () => attempt(() => action(Number($(id).value))));
}

function onRange(id, action) {
  $(id).addEventListener("input", () => attempt(() => action(Number($(id).value))));
}

function wire() {
  $("step").addEventListener("click", () => attempt(() => app.step()));
  $("reset").addEventListener("click", () => attempt(() => app.reset()));
  $("play").addEventListener("click", () => {
    playing = !playing;
    requestRender();
  });
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener("change", () => attempt(() => app.set_training(radio.value === "train")));
  }
  onNumber("num-features", (c) => app.set_num_features(c));
  onRange("eps", (exponent) => app.set_eps(10 ** exponent));
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
  onRange("shift", (s) => app.set_shift_spread(s, Number($("spread").value)));
  onRange("spread", (s) => app.set_shift_spread(Number($("shift").value), s));
  onNumber("seed", (s) => app.set_seed(s));
  onNumber("feature", (f) => app.select_feature(f));
  onNumber("sample", (s) => app.select_sample(s));
  $("chart-features").addEventListener("click", (event) => {
    const canvas = event.currentTarget;
    attempt(() => app.pick_feature_at(event.offsetX, canvas.clientWidth));
  });
  window.addEventListener("resize", requestRender);
}

async function main() {
  try {
    await init();
    app = new App();
  } catch (e) {
    $("status").textContent = "The page could not start: " + (e.message ?? String(e));
    return;
  }
  wire();
  window.playground = app; // for the end-to-end test and curious students
  render();
  document.body.dataset.ready = "true";
}

main();
