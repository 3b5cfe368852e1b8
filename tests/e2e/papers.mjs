// End-to-end test of the Train view's papers in headless Chromium (playwright-core):
// the presets (the tutorial's, Ioffe & Szegedy Fig. 1, Santurkar et al., Wu & He), the three
// figures drawn (canvases inked) with captions built from measured numbers, the batch-size sweep
// with progress and Cancel, any network, in every language (en, zh-Hant, zh-Hans).
// Usage: node tests/e2e/papers.mjs http://127.0.0.1:PORT/
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const url = process.argv[2];
if (!url) {
  console.error("usage: node papers.mjs URL");
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
const settle = () =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));
const text = (selector) => page.locator(selector).innerText();
const frame = () => page.evaluate(() => JSON.parse(window.playground.peek()));
// A canvas drew if it has pixels that are not white, looked at as a person would: scrolled to
// the middle of the screen first (a change draws only the charts on or near the screen).
async function inkedPixels(id) {
  return page.evaluate(async (id) => {
    const c = document.getElementById(id);
    c.scrollIntoView({ block: "center" });
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < 3; i++) await frame();
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink += 1;
    return ink;
  }, id);
}
async function steps() {
  const m = (await text("#t-status")).match(/(\d+)/);
  return m ? Number(m[1]) : NaN;
}
async function train(n) {
  await page.selectOption("#t-speed", "1");
  await page.click("#t-play");
  await page.waitForFunction((n) => Number((document.getElementById("t-status").innerText.match(/(\d+)/) || [0, 0])[1]) >= n, n, { timeout: 60000 });
  await page.click("#t-play");
  await settle();
}

await page.goto(`${url}?view=train&lang=en`);
await page.waitForFunction(() => /\d/.test(document.getElementById("t-status").innerText), null, { timeout: 20000 });

await check("the tutorial's model is the default, and the presets build the papers' networks", async () => {
  let f = await frame();
  expect(f.values["t-preset"] === "tutorial" && f.values["t-depth"] === "1" && f.values["t-width"] === "128", `values: ${JSON.stringify(f.values)}`);
  await page.selectOption("#t-preset", "fig1");
  await settle();
  f = await frame();
  expect(f.values["t-depth"] === "3" && f.values["t-width"] === "100" && f.values["t-activation"] === "sigmoid", "Fig. 1 network");
  expect(f.values["t-batch"] === "60" && f.text["t-lr-out"] === "0.5", "Fig. 1 batch and learning rate");
  expect((await text("#t-snippet")).includes("nn.Linear(64, 100), nn.BatchNorm1d(100), nn.Sigmoid()"), `snippet: ${await text("#t-snippet")}`);
  expect(page.url().includes("tnet=3_100_sigmoid"), `the network is not in the URL: ${page.url()}`);
});

await check("Fig. 1: test accuracy and the percentiles of a sigmoid's input, with a caption from the numbers", async () => {
  await train(120);
  for (const id of ["chart-curves", "chart-percentiles"]) expect(await inkedPixels(id) > 1000, `${id} is blank`);
  const caption = await text("#t-cap-fig1");
  expect(/Measured after \d+ steps: test accuracy \d+\.\d\s%/.test(caption), `caption: ${caption}`);
  expect(caption.includes("MNIST") && caption.includes("8×8"), "the caption says how the miniature differs");
  const state = JSON.parse(await page.evaluate(() => window.playground.export("digits_model_a.json")[2]));
  expect(state["0.weight"].length === 100 && state["0.weight"][0].length === 64 && "7.running_var" in state, `keys: ${Object.keys(state)}`);
  expect((await text("#t-fold")).includes("tutorial"), "the folding panel should say it is for the tutorial's model");
});

await check("Santurkar et al.: probes every 10 steps, noisy BatchNorm, the landscape chart and its caption", async () => {
  await page.selectOption("#t-preset", "santurkar");
  await settle();
  const f = await frame();
  expect(f.values["t-probe"] === true && f.text["t-noise-out"] === "1.0", `probe ${f.values["t-probe"]} noise ${f.text["t-noise-out"]}`);
  await train(60);
  expect(await inkedPixels("chart-landscape") > 1000, "the landscape chart is blank");
  const caption = await text("#t-cap-landscape");
  expect(/Measured over \d+ probes/.test(caption) && caption.includes("Noisy BatchNorm"), `caption: ${caption}`);
  expect(caption.includes("CIFAR-10"), "the caption names the paper's setting");
});

await check("Wu & He: the preset's own run has a caption beside the paper that points to the batch-size sweep; other models have none", async () => {
  await page.selectOption("#t-preset", "wuhe");
  await settle();
  await train(20);
  expect(await page.isVisible("#t-cap-run"), "the Wu & He run has no caption");
  const caption = await text("#t-cap-run");
  expect(/^Wu & He's comparison in this run, batch 4: at step \d+, test accuracy \d+\.\d\s%/.test(caption), `caption: ${caption}`);
  expect(caption.includes("the batch-size sweep below measures it") && caption.includes("Run the batch-size sweep"), `caption: ${caption}`);
  await page.selectOption("#t-preset", "tutorial");
  await settle();
  expect(!(await page.isVisible("#t-cap-run")), "the tutorial's models got Wu & He's caption");
});

await check("Wu & He: the batch-size sweep runs in chunks with progress, Cancel stops it, a full run fills the caption", async () => {
  await page.selectOption("#t-preset", "wuhe");
  await settle();
  await page.fill("#t-bs-epochs", "1");
  await page.press("#t-bs-epochs", "Enter");
  await page.click("#t-bsweep");
  await page.waitForFunction(() => document.getElementById("t-bsweep-progress").value > 0.05, null, { timeout: 30000 });
  await page.click("#t-bsweep-cancel");
  await settle();
  expect(await page.isDisabled("#t-bsweep-cancel"), "Cancel did not stop the sweep");
  const start = Date.now();
  await page.click("#t-bsweep");
  await page.waitForFunction(() => document.getElementById("t-bsweep-progress").value >= 1, null, { timeout: 60000 });
  await settle();
  console.log(`  the sweep (1 epoch per run) took ${((Date.now() - start) / 1000).toFixed(1)} s`);
  expect(await inkedPixels("chart-batch-sweep") > 1000, "the batch-size chart is blank");
  const caption = await text("#t-cap-wuhe");
  expect(caption.includes("batch 32 → batch 2") && /\d+\.\d\s%/.test(caption), `caption: ${caption}`);
});

await check("any network: depth, width, activation and both norms; a bad group count is refused in words", async () => {
  await page.fill("#t-depth", "2");
  await page.press("#t-depth", "Enter");
  await page.selectOption("#t-activation", "tanh");
  await page.selectOption("#t-norm-a", "layernorm");
  await page.selectOption("#t-norm-b", "groupnorm");
  await page.fill("#t-groups", "8");
  await page.press("#t-groups", "Enter");
  await settle();
  let f = await frame();
  expect(f.values["t-preset"] === "custom", "a changed network is no preset");
  await train(20);
  expect((await text("#t-snippet")).includes("nn.LayerNorm(64)"), `snippet: ${await text("#t-snippet")}`);
  await page.fill("#t-groups", "7");
  await page.press("#t-groups", "Enter");
  // The page shows the refusal: a frame read after the page's own has no notice left to give
  // (a frame carries a notice once), so reading it raced the page on a loaded machine.
  await page.waitForSelector("#notice.error:not([hidden])", { timeout: 10000 });
  const notice = await text("#notice");
  expect(/7/.test(notice), `notice: ${notice}`);
});

for (const lang of ["zh-Hant", "zh-Hans", "en"]) {
  await check(`${lang}: the papers' charts and captions in this language`, async () => {
    await page.goto(`${url}?view=train&lang=${lang}&tpreset=santurkar`);
    await page.waitForFunction(() => /\d/.test(document.getElementById("t-status").innerText), null, { timeout: 20000 });
    await train(110);
    for (const id of ["chart-curves", "chart-percentiles", "chart-landscape", "chart-batch-sweep"]) {
      expect(await inkedPixels(id) > 1000, `${id} is blank`);
    }
    const captions = (await text("#t-cap-fig1")) + (await text("#t-cap-landscape")) + (await text("#t-cap-wuhe"));
    const han = /[\u4e00-\u9fff]/.test(captions);
    expect(lang === "en" ? !han : han, `captions not in ${lang}: ${captions.slice(0, 120)}`);
    await page.screenshot({ path: path.join(artifacts, `papers-${lang}.png`), fullPage: true });
  });
}

// The preset box on a laptop and on a projector in presenter mode shows each preset's whole
// name, in every language (review24: "Wu & He 2018 (batch of 4" and "Ioffe & Szegedy 2015, Fig."
// were cut off): the name, in the box's font, fits between its padding and the arrow.
await check("every preset's name fits its box on a laptop and on a 1280×720 projector, in every language", async () => {
  for (const [screen, viewport, present] of [["laptop", { width: 1366, height: 768 }, ""], ["projector", { width: 1280, height: 720 }, "&present=1"]]) {
    const context = await browser.newContext({ viewport });
    const p = await context.newPage();
    for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
      await p.goto(`${url}?view=train&lang=${lang}${present}`);
      await p.waitForFunction(() => /\d/.test(document.getElementById("t-status").innerText), null, { timeout: 20000 });
      const cut = await p.evaluate(() => {
        const box = document.getElementById("t-preset");
        const style = getComputedStyle(box);
        const context = document.createElement("canvas").getContext("2d");
        context.font = style.font;
        const ARROW = 24; // Chromium's drop-down arrow and its gap
        const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW;
        return [...box.options].filter((o) => !o.disabled)
          .map((o) => [o.text, Math.ceil(context.measureText(o.text).width), Math.floor(room)])
          .filter(([, width, room]) => width > room);
      });
      expect(cut.length === 0, `${screen}, ${lang}: cut off (name, px wide, px of room): ${JSON.stringify(cut)}`);
    }
    await context.close();
  }
});

await check("the console stayed clean", async () => {
  expect(consoleErrors.length === 0, consoleErrors.join("\n"));
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
