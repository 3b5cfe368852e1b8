// End-to-end test of the real www/index.html in Debian's headless Chromium (playwright-core).
// Usage: node tests/e2e/page.mjs http://127.0.0.1:PORT/
// Loads the page, steps, toggles, switches mode, tries a batch of one; checks the numbers the
// page shows, that every chart drew, and that no console error appeared. Saves screenshots
// to tests/artifacts/.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const url = process.argv[2];
if (!url) {
  console.error("usage: node page.mjs URL");
  process.exit(2);
}
const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");
mkdirSync(artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const consoleErrors = [];
page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(msg.text()); });
page.on("pageerror", (err) => consoleErrors.push(String(err)));
page.on("requestfailed", (req) => consoleErrors.push(`request failed: ${req.url()}`));

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok: ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`FAILED: ${name}: ${e.message}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
// Lets the page's coalesced redraw (one per animation frame) and its address-bar update
// (at most every 200 ms) happen.
const settle = () =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));
const text = (selector) => page.locator(selector).innerText();
// Reads a number the page shows in the status line, e.g. "num_batches_tracked = 3".
async function statusNumber(name) {
  const status = await text("#status");
  const m = status.match(new RegExp(`${name} = (-?[0-9.e+-]+)`));
  return m ? Number(m[1]) : NaN;
}
// A canvas drew if it has pixels that are not white.
async function inkedPixels(id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink += 1;
    return ink;
  }, id);
}
const charts = ["chart-distribution", "chart-features", "chart-running", "chart-samples"];

await page.goto(url);
await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });

await check("the page loads the wasm core and shows step 1", async () => {
  expect((await text("#status")).startsWith("Step 1"), `status: ${await text("#status")}`);
  expect((await text("#ctor")) === "nn.BatchNorm1d(128)", `ctor: ${await text("#ctor")}`);
  expect(await statusNumber("num_batches_tracked") === 1, "num_batches_tracked is not 1");
});

await check("every chart has drawn", async () => {
  for (const id of charts) expect(await inkedPixels(id) > 1000, `${id} is blank`);
});

await check("the step-by-step shows both variances and the update", async () => {
  const steps = await text("#steps");
  for (const word of ["biased", "unbiased", "running mean", "running variance", "y = γ · x̂ + β"]) {
    expect(steps.includes(word), `missing "${word}"`);
  }
});

await check("Step moves the running statistics", async () => {
  const before = await statusNumber("running_mean");
  await page.click("#step");
  await page.waitForFunction(() => document.getElementById("status").innerText.startsWith("Step 2"));
  expect(await statusNumber("num_batches_tracked") === 2, "num_batches_tracked is not 2");
  expect(await statusNumber("running_mean") !== before, "running_mean did not move");
});

await check("eval mode moves nothing", async () => {
  const mean = await statusNumber("running_mean");
  await page.check("#mode-eval");
  await settle();
  expect(await statusNumber("running_mean") === mean, "switching to eval moved running_mean");
  await page.click("#step");
  await page.click("#step");
  await page.waitForFunction(() => document.getElementById("status").innerText.startsWith("Step 4"));
  expect(await statusNumber("running_mean") === mean, "running_mean moved in eval mode");
  expect(await statusNumber("num_batches_tracked") === 2, "num_batches_tracked moved in eval mode");
  expect((await text("#pytorch")).includes("bn.eval()"), "the code does not say bn.eval()");
  await page.check("#mode-train");
  await settle();
  expect(await statusNumber("num_batches_tracked") === 2, "switching back to train moved the statistics");
});

await check("affine off shows in the code and disables γ/β", async () => {
  await page.uncheck("#affine");
  await page.waitForFunction(() => document.getElementById("ctor").innerText.includes("affine=False"));
  expect(await page.isDisabled("#gamma"), "γ is still enabled");
  expect((await text("#pytorch")).includes("nn.BatchNorm1d(128, affine=False)"), "code lacks affine=False");
  await page.check("#affine");
});

await check("γ moves the output", async () => {
  const before = await page.evaluate(() => window.playground.output_value());
  await page.locator("#gamma").fill("2");
  await page.waitForFunction(() => window.playground.gamma() === 2);
  const after = await page.evaluate(() => window.playground.output_value());
  expect(after !== before, "output did not change with γ");
});

await check("a batch of one in train mode is refused, in the page, with PyTorch's words", async () => {
  await settle();
  const tracked = await statusNumber("num_batches_tracked");
  await page.fill("#batch-size", "1");
  await page.press("#batch-size", "Enter");
  await page.waitForSelector("#steps .error", { timeout: 5000 });
  const msg = await text("#steps .error");
  expect(msg.includes("Expected more than 1 value per channel when training"), `message: ${msg}`);
  expect(await statusNumber("num_batches_tracked") === tracked, "the redone step counted twice");
  await page.check("#mode-eval");
  await page.waitForFunction(() => !document.querySelector("#steps .error"));
  await page.check("#mode-train");
  await page.click("#step"); // back in train mode, the next batch of one is refused again
  await page.waitForSelector("#steps .error", { timeout: 5000 });
});

await check("bad input gets a message and changes nothing", async () => {
  await page.fill("#batch-size", "0");
  await page.press("#batch-size", "Enter");
  await page.waitForSelector("#notice:not([hidden])", { timeout: 5000 });
  expect((await text("#notice")).includes("batch size N"), `notice: ${await text("#notice")}`);
  expect(await page.inputValue("#batch-size") === "1", "the control does not show the kept value");
  await page.fill("#batch-size", "32");
  await page.press("#batch-size", "Enter");
});

await check("clicking the all-features chart picks a feature", async () => {
  const box = await page.locator("#chart-features").boundingBox();
  await page.locator("#chart-features").click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  await page.waitForFunction(() => window.playground.feature() > 0);
});

await check("Play animates and Pause stops", async () => {
  const start = await page.evaluate(() => window.playground.steps());
  await page.click("#play");
  await page.waitForTimeout(500);
  await page.click("#play");
  const stopped = await page.evaluate(() => window.playground.steps());
  expect(stopped >= start + 3, `only ${stopped - start} steps in 0.5 s at 10/s`);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.playground.steps()) === stopped, "still stepping after Pause");
});

await check("the URL reproduces the page in a new tab, number for number", async () => {
  await page.click("#step");
  await page.check("#mode-eval");
  await page.fill("#feature", "5");
  await page.press("#feature", "Enter");
  await settle();
  const link = page.url();
  const steps = await text("#steps");
  const status = await text("#status");
  const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await other.goto(link);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  expect(await other.locator("#steps").innerText() === steps, "the step-by-step differs");
  expect(await other.locator("#status").innerText() === status, "the status differs");
  await other.close();
  await page.check("#mode-train");
});

await check("a malformed URL falls back to defaults and says so", async () => {
  const other = await browser.newPage();
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?n=abc&c=12&mode=sideways&do=s3,zz`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  const notice = await other.locator("#notice").innerText();
  expect(notice.includes("n=abc") && notice.includes("mode=sideways"), `notice: ${notice}`);
  expect((await other.locator("#ctor").innerText()) === "nn.BatchNorm1d(12)", "the readable part was not used");
  await other.close();
});

await check("every lesson loads, asks, reveals and steps through", async () => {
  const ids = await page.evaluate(() => [...document.querySelectorAll("#lesson-select option")].map((o) => o.value).filter(Boolean));
  expect(ids.length >= 7, `only ${ids.length} lessons`);
  for (const id of ids) {
    await page.selectOption("#lesson-select", id);
    await page.waitForSelector("#lesson:not([hidden])");
    for (;;) {
      await page.click("#lesson-reveal");
      await page.waitForSelector("#lesson .answer");
      if (await page.isDisabled("#lesson-next")) break;
      await page.click("#lesson-next");
      await settle();
    }
    for (const id of charts) expect(await inkedPixels(id) > 1000, `${id} is blank in lesson ${id}`);
  }
  await page.selectOption("#lesson-select", "tutorial");
  await settle();
  const note = await text("#steps .variance-note");
  expect(note.includes("1.33"), `the tutorial's note: ${note}`);
  await page.click("#lesson-close");
  await settle();
});

await check("both languages: labels, the table and errors", async () => {
  await page.selectOption("#lang-select", "zh-TW");
  await settle();
  expect((await text("#step")) === "下一步", `step button: ${await text("#step")}`);
  expect((await text("#steps")).includes("批次平均"), "the table is not translated");
  expect(page.url().includes("lang=zh-TW"), "the language is not in the URL");
  await page.fill("#batch-size", "0");
  await page.press("#batch-size", "Enter");
  await page.waitForSelector("#notice:not([hidden])", { timeout: 5000 });
  expect((await text("#notice")).includes("整數"), `error: ${await text("#notice")}`);
  await page.selectOption("#lang-select", "en");
  await settle();
  expect((await text("#step")) === "Step", "back to English failed");
});

await check("bad CSV names the row and column and keeps the state", async () => {
  await page.click("#own-data summary");
  const before = await page.evaluate(() => window.playground.state_dict_json());
  for (const [csv, where] of [["1,2\n3\n", "row 2"], ["1,2\n3,abc\n", "row 2, column 2"], ["1,2\nNaN,3\n", "row 2, column 1"], ["", "no data rows"]]) {
    await page.fill("#csv-text", csv);
    await page.click("#csv-use");
    await page.waitForSelector("#notice.error:not([hidden])", { timeout: 5000 });
    expect((await text("#notice")).includes(where), `${JSON.stringify(csv)}: ${await text("#notice")}`);
    expect(await page.evaluate(() => window.playground.state_dict_json()) === before, "a bad CSV changed the layer");
  }
});

await check("own data steps, and the export reads back equal to the state", async () => {
  await page.check("#affine"); // the tutorial lesson left it off
  await page.fill("#csv-text", "f0,f1,f2\n1,2,3\n4,5,7\n0,1,1\n");
  await page.click("#csv-use");
  await settle();
  expect((await text("#ctor")) === "nn.BatchNorm1d(3)", `ctor: ${await text("#ctor")}`);
  await page.click("#step");
  await settle();
  const exported = await page.evaluate(() => JSON.parse(window.playground.state_dict_json()));
  const shown = await page.evaluate(() => ({ mean: window.playground.running_mean(), var: window.playground.running_var(), n: window.playground.num_batches_tracked(), f: window.playground.feature() }));
  expect(Math.fround(exported.running_mean[shown.f]) === shown.mean, "running_mean differs");
  expect(Math.fround(exported.running_var[shown.f]) === shown.var, "running_var differs");
  expect(exported.num_batches_tracked === shown.n, "num_batches_tracked differs");
  expect(JSON.stringify(Object.keys(exported)) === JSON.stringify(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]), "keys differ");
  const input = await page.evaluate(() => window.playground.input_csv());
  expect(input === "1,2,3\n4,5,7\n0,1,1\n", `input: ${input}`);
  const output = await page.evaluate(() => window.playground.output_csv());
  expect(output.trim().split("\n").length === 3, "output is not 3 rows");
  await page.click("#csv-generated");
  await settle();
});

await check("keyboard: Space, E, arrows, P and ? work", async () => {
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  const start = await page.evaluate(() => window.playground.steps());
  await page.keyboard.press("Space");
  await settle();
  expect(await page.evaluate(() => window.playground.steps()) === start + 1, "Space did not step");
  await page.keyboard.press("e");
  await settle();
  expect(!(await page.evaluate(() => window.playground.training())), "E did not switch to eval");
  await page.keyboard.press("e");
  const feature = await page.evaluate(() => window.playground.feature());
  await page.keyboard.press("ArrowRight");
  await settle();
  expect(await page.evaluate(() => window.playground.feature()) === feature + 1, "→ did not move the feature");
  await page.keyboard.press("?");
  await settle();
  expect(!(await page.isHidden("#shortcuts")), "? did not show the shortcuts");
  await page.keyboard.press("?");
});

await check("presenter mode draws larger", async () => {
  await page.check("#presenter");
  await settle();
  expect(await page.evaluate(() => document.documentElement.classList.contains("presenter")), "no presenter class");
  expect(page.url().includes("present=1"), "presenter mode is not in the URL");
  await page.screenshot({ path: path.join(artifacts, "presenter.png") });
  await page.uncheck("#presenter");
  await settle();
});

await page.screenshot({ path: path.join(artifacts, "page.png"), fullPage: true });

await check("Which axis?: four layers, hovering a cell moves the highlighted groups", async () => {
  await page.click("#tab-norms");
  await settle();
  for (const id of ["chart-norm-grid", "chart-norm-outputs"]) expect(await inkedPixels(id) > 1000, `${id} is blank`);
  const before = new URL(page.url()).searchParams.get("cell");
  await page.locator("#chart-norm-grid").scrollIntoViewIfNeeded();
  const box = await page.locator("#chart-norm-grid").boundingBox();
  let moved = false;
  for (const [fx, fy] of [[0.2, 0.3], [0.7, 0.3], [0.2, 0.75], [0.7, 0.75], [0.35, 0.4]]) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    await settle();
    if (new URL(page.url()).searchParams.get("cell") !== before) moved = true;
  }
  expect(moved, "hovering never changed the followed cell");
  await page.fill("#n-g", "4");
  await page.press("#n-g", "Enter");
  await settle();
  expect(page.url().includes("cmp=4_6_5_4_1"), `the comparison is not in the URL: ${page.url()}`);
  expect((await text("#view-norms table.compare")).includes("LayerNorm"), "the table is missing");
});

await check("Train on digits: both models learn, Play, the sweep runs and cancels", async () => {
  await page.click("#tab-train");
  await page.waitForFunction(() => window.playground.has_digits(), null, { timeout: 15000 });
  for (let i = 0; i < 5; i++) await page.click("#t-step");
  await settle();
  expect((await text("#t-status")).startsWith("Step 5"), `status: ${await text("#t-status")}`);
  await page.selectOption("#t-speed", "1");
  await page.click("#t-play");
  await page.waitForTimeout(1000);
  await page.click("#t-play");
  const steps = await page.evaluate(() => window.playground.train_steps());
  expect(steps >= 50, `only ${steps} training steps after 1 s of Play at 10 per frame`);
  for (const id of ["chart-curves", "chart-percentiles", "chart-digits"]) expect(await inkedPixels(id) > 1000, `${id} is blank`);
  await page.selectOption("#t-sweep-steps", "50");
  await page.click("#t-sweep");
  await page.waitForFunction(() => window.playground.sweep_progress() > 0.1, null, { timeout: 20000 });
  await page.click("#t-sweep-cancel");
  await settle();
  expect(Number.isNaN(await page.evaluate(() => window.playground.sweep_progress())), "Cancel did not stop the sweep");
  expect(await inkedPixels("chart-sweep") > 1000, "the sweep chart is blank");
});

await check("Train on digits: forgot model.eval(), export, open the layer in the main view", async () => {
  const report = await text("#t-eval");
  expect(report.includes("Expected more than 1 value per channel when training"), `report: ${report}`);
  const state = await page.evaluate(() => JSON.parse(window.playground.model_json(0)));
  const keys = ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "3.weight", "3.bias", "1.num_batches_tracked"];
  expect(keys.every((k) => k in state), `keys: ${Object.keys(state)}`);
  expect(state["0.weight"].length === 128 && state["0.weight"][0].length === 64 && state["3.weight"].length === 10 && state["1.num_batches_tracked"] === await page.evaluate(() => window.playground.train_steps()), "shapes or count differ");
  const plain = await page.evaluate(() => JSON.parse(window.playground.model_json(1)));
  expect("2.weight" in plain && !("1.weight" in plain), "the plain model's keys are not 0.* and 2.*");
  await page.click("#t-open-layer");
  await settle();
  expect(await page.evaluate(() => window.playground.view()) === "lab", "the main view did not open");
  expect((await text("#ctor")) === "nn.BatchNorm1d(128)", `ctor: ${await text("#ctor")}`);
  expect(!(await page.evaluate(() => window.playground.training())), "the trained layer should open in eval mode");
  expect(await statusNumber("num_batches_tracked") > 50, "the running statistics are not the trained ones");
  await page.screenshot({ path: path.join(artifacts, "trained-layer.png") });
});

await page.click("#tab-train");
await settle();
await page.screenshot({ path: path.join(artifacts, "train.png"), fullPage: true });
await page.click("#tab-norms");
await settle();
await page.screenshot({ path: path.join(artifacts, "norms.png"), fullPage: true });

await check("no console errors", async () => {
  expect(consoleErrors.length === 0, consoleErrors.join(" | "));
});

await browser.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
