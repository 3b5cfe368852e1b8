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
// Lets the page's coalesced redraw (one per animation frame) happen.
const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
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
const charts = ["chart-distribution", "chart-features", "chart-running"];

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
  expect(await statusNumber("num_batches_tracked") === 3, "back in train, bn(x) did not count");
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
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
  await page.waitForFunction(() => window.playground.feature() > 0);
});

await check("Play animates and Pause stops", async () => {
  const start = await page.evaluate(() => window.playground.steps());
  await page.click("#play");
  await page.waitForTimeout(500);
  await page.click("#play");
  const stopped = await page.evaluate(() => window.playground.steps());
  expect(stopped > start + 5, `only ${stopped - start} steps in 0.5 s`);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.playground.steps()) === stopped, "still stepping after Pause");
});

await page.screenshot({ path: path.join(artifacts, "page.png"), fullPage: true });

await check("no console errors", async () => {
  expect(consoleErrors.length === 0, consoleErrors.join(" | "));
});

await browser.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
