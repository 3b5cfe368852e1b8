// End-to-end test of the real www/index.html in Debian's headless Chromium (playwright-core).
// Usage: node tests/e2e/page.mjs http://127.0.0.1:PORT/
// Loads the page, steps, toggles, switches mode, tries a batch of one; checks the numbers the
// page shows, that every chart drew, and that no console error appeared. Saves screenshots
// to tests/artifacts/.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
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
const charts = ["chart-distribution", "chart-features", "chart-running", "chart-samples"];
// What the App shows (one frame, as the page reads it) and the files it offers.
const frame = (p = page) => p.evaluate(() => JSON.parse(window.playground.peek()));
const file = (name, p = page) => p.evaluate((n) => window.playground.export(n)[2] ?? "", name);
async function stepCount(selector = "#status", p = page) {
  const m = (await p.locator(selector).innerText()).match(/(\d+)/);
  return m ? Number(m[1]) : NaN;
}

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
  const before = await file("bn_output.csv");
  await page.locator("#gamma").fill("2");
  await settle();
  expect((await frame()).values.gamma === "2", "γ is not 2");
  const after = await file("bn_output.csv");
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
  // The refused batch exports (to reproduce the refusal in PyTorch); its output, which does not
  // exist, does not (tests/app_in_browser.rs checks the notice's reason); the Export snippet
  // catches PyTorch's ValueError.
  const input = (await file("bn_input.csv")).trim().split("\n");
  expect(input.length === 1 && input[0].split(",").length === 128, `bn_input.csv: ${input.length} rows`);
  expect(await file("bn_output.csv") === "", "bn_output.csv exported at a refused step");
  const snippet = await page.locator("#export-snippet").textContent();
  expect(snippet.includes("except ValueError as e:") && !snippet.includes("bn_output.csv"), `snippet: ${snippet}`);
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

await check("a number box holding what the browser cannot read is not called empty", async () => {
  // Typed text the browser cannot read as a number ("3-"): the input's value is "" then.
  await page.fill("#batch-size", "");
  await page.locator("#batch-size").pressSequentially("3-");
  expect(await page.locator("#batch-size").evaluate((el) => el.validity.badInput), "the browser read 3- as a number");
  await page.press("#batch-size", "Enter");
  await page.waitForSelector("#notice:not([hidden])", { timeout: 5000 });
  const said = await text("#notice");
  expect(said.includes("batch size N") && said.includes("number the browser can read") && !said.includes("empty"), `notice: ${said}`);
  expect(await page.inputValue("#batch-size") === "32", "the box does not show the kept value");
});

await check("clicking the all-features chart picks a feature", async () => {
  const box = await page.locator("#chart-features").boundingBox();
  await page.locator("#chart-features").click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  await settle();
  expect(Number((await frame()).values.feature) > 0, "no feature picked");
});

await check("Play animates and Pause stops", async () => {
  const start = await stepCount();
  await page.click("#play");
  await page.waitForTimeout(500);
  await page.click("#play");
  await settle();
  const stopped = await stepCount();
  expect(stopped >= start + 3, `only ${stopped - start} steps in 0.5 s at 10/s`);
  await page.waitForTimeout(200);
  expect(await stepCount() === stopped, "still stepping after Pause");
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

// A slow network: the controls show, but do nothing until the App runs; they look it (a tap
// on Step was taken and dropped without a sign).
await check("before the wasm has come, the controls look inactive and take no taps", async () => {
  const other = await browser.newPage();
  let release;
  const held = new Promise((r) => (release = r));
  await other.route("**/pkg/lab_bg.wasm", async (route) => {
    await held;
    await route.continue();
  });
  other.goto(url).catch(() => {});
  await other.waitForFunction(() => [...document.styleSheets].some((s) => s.href?.endsWith("style.css")) && document.getElementById("step"));
  const look = () => other.evaluate(() => {
    const style = getComputedStyle(document.getElementById("step"));
    return [style.pointerEvents, Number(style.opacity)];
  });
  const [before, dim] = await look();
  expect(before === "none" && dim < 1, `before: pointer-events ${before}, opacity ${dim}`);
  release();
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  const [after, full] = await look();
  expect(after === "auto" && full === 1, `after: pointer-events ${after}, opacity ${full}`);
  await other.close();
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

await check("a link's tnorm= the width does not allow is refused with GroupNorm's reason by the first view's module", async () => {
  const other = await browser.newPage();
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?tnorm=groupnorm_layernorm_256`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  const notice = await other.locator("#notice").innerText();
  expect(notice.includes("tnorm=groupnorm_layernorm_256 — GroupNorm splits") && !notice.includes("rest of the page"), `notice: ${notice}`);
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
      // The last stage's Next goes on to the next lesson (checked below), the last lesson's is disabled.
      if (await page.isDisabled("#lesson-next") || (await text("#lesson-next")) === "Next lesson ›") break;
      await page.click("#lesson-next");
      await settle();
    }
    expect((await page.isDisabled("#lesson-next")) === (id === ids.at(-1)), `lesson ${id}: Next on its last stage`);
    // The lesson's own slider shows only in the lesson that uses it (hidden is hidden).
    const slider = await page.evaluate(() => {
      const row = document.getElementById("lesson-value-row");
      return [row.hidden, row.getClientRects().length > 0];
    });
    expect(slider[0] !== slider[1], `lesson ${id}: the value slider is ${slider[0] ? "hidden but shown" : "shown but hidden"}`);
    expect(slider[1] === (id === "coupled"), `lesson ${id}: the value slider ${slider[1] ? "shown" : "hidden"}`);
    for (const id of charts) expect(await inkedPixels(id) > 1000, `${id} is blank in lesson ${id}`);
  }
  // Lessons chain: "Next lesson ›" on the first lesson's last stage opens the second, by keyboard too.
  await page.selectOption("#lesson-select", ids[0]);
  await page.waitForSelector("#lesson:not([hidden])");
  while ((await text("#lesson-next")) !== "Next lesson ›") {
    await page.click("#lesson-next");
    await settle();
  }
  await page.focus("#lesson-next");
  await page.keyboard.press("Enter");
  await settle();
  expect((await page.inputValue("#lesson-select")) === ids[1], `Next lesson opened ${await page.inputValue("#lesson-select")}`);
  await page.selectOption("#lesson-select", "tutorial");
  await settle();
  const note = await text("#steps .variance-note");
  expect(note.includes("1.33"), `the tutorial's note: ${note}`);
  await page.click("#lesson-close");
  await settle();
});

await check("three languages: labels, the table and errors", async () => {
  await page.selectOption("#lang-select", "zh-Hant");
  await settle();
  expect((await text("#step")) === "下一步", `step button: ${await text("#step")}`);
  expect((await text("#steps")).includes("批次平均"), "the table is not translated");
  expect(page.url().includes("lang=zh-Hant"), "the language is not in the URL");
  await page.fill("#batch-size", "0");
  await page.press("#batch-size", "Enter");
  await page.waitForSelector("#notice:not([hidden])", { timeout: 5000 });
  expect((await text("#notice")).includes("整數"), `error: ${await text("#notice")}`);
  await page.selectOption("#lang-select", "zh-Hans");
  await settle();
  expect((await text("#step")) === "下一步", `step button: ${await text("#step")}`);
  expect((await text("#steps")).includes("批量均值"), "the table is not in Simplified Chinese");
  expect(page.url().includes("lang=zh-Hans"), "the language is not in the URL");
  // Chinese sentences join without a space ("（批量归一化）", "。这里"); English ones with one.
  const lead = () => page.evaluate(() => document.querySelector("header .lead").innerText);
  expect(!/ （|。 /.test(await lead()), `the lead: ${await lead()}`);
  await page.selectOption("#lang-select", "en");
  await settle();
  expect((await text("#step")) === "Step", "back to English failed");
  expect(/\) rescales .* else the batch's\)\. Every/.test(await lead()), `the lead: ${await lead()}`);
});

await check("bad CSV names the row and column and keeps the state", async () => {
  await page.click("#own-data summary");
  const before = await file("bn_state.json");
  for (const [csv, where] of [["1,2\n3\n", "row 2"], ["1,2\n3,abc\n", "row 2, column 2"], ["1,2\nNaN,3\n", "row 2, column 1"], ["", "empty"], ["1;2\n3;4", "semicolons"], ["1,2\n".repeat(100000), "4096"]]) {
    // (A 100 000-row paste is set directly: typing it would take the browser longer than the page.)
    await page.evaluate((text) => { document.getElementById("csv-text").value = text; }, csv);
    await page.click("#csv-use");
    await settle();
    await page.waitForSelector("#notice.error:not([hidden])", { timeout: 5000 });
    expect((await text("#notice")).includes(where), `${JSON.stringify(csv)}: ${await text("#notice")}`);
    expect(await file("bn_state.json") === before, "a bad CSV changed the layer");
  }
});

// A chosen file over the limit is refused at once by its size, and its text never goes into the
// box (writing 4 MB there froze the page for a second); the box's own text stays.
await check("a CSV file over the limit is refused at once, its size named, the box untouched", async () => {
  const before = await file("bn_state.json");
  // The box still holds the check before's 100 000 rows (400 KB): Playwright's fill takes ~6 s
  // to replace them on a quiet machine and ran past its 30 s on a busy one. Emptied first.
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
  await page.fill("#csv-text", "1,2\n3,4\n");
  const buffer = Buffer.from("1,2\n".repeat(1_500_000)); // 6 000 000 bytes
  await page.setInputFiles("#csv-file", { name: "big.csv", mimeType: "text/csv", buffer });
  await page.waitForSelector("#notice.error:not([hidden])", { timeout: 5000 });
  const said = await text("#notice");
  expect(said.includes("This file is 6000000 bytes, more than 4194304"), said);
  const box = await page.evaluate(() => document.getElementById("csv-text").value);
  expect(box === "1,2\n3,4\n", `the box holds ${box.length} characters`);
  expect(await file("bn_state.json") === before, "a CSV over the limit changed the layer");
  // Text over the limit in the box: refused with the App's words, and never copied into the App
  // (30 MB copied in only to be refused took half a second).
  const sent = await page.evaluate(() => {
    const app = window.playground;
    const dispatch = app.dispatch;
    let longest = 0;
    app.dispatch = function (name, value) {
      longest = Math.max(longest, typeof value === "string" ? value.length : 0);
      return dispatch.call(this, name, value);
    };
    // Folded away while it holds 4.8 MB: laying out 600 000 lines is the browser's own long work.
    const box = document.getElementById("csv-text");
    const details = box.closest("details");
    const open = details.open;
    details.open = false;
    box.value = "1.5,2.5\n".repeat(600_000); // 4.8 MB
    document.getElementById("csv-use").click();
    box.value = "";
    details.open = open;
    app.dispatch = dispatch;
    return longest;
  });
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("more than 4194304 bytes"), null, { timeout: 10000 });
  expect(sent < 1000, `${sent} characters were sent to the App`);
  expect(await file("bn_state.json") === before, "a CSV over the limit changed the layer");
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
  // One source of truth: the limit is the App's (main.js held a copy, `4 << 20`, of page.rs's).
  const glue = await page.evaluate(async () => (await fetch("main.js")).text());
  expect(glue.includes("max_csv_bytes()") && !/<<\s*20|4194304|4\s*\*\s*1024\s*\*\s*1024/.test(glue),
    "www/main.js keeps its own copy of the CSV limit");
  expect(await page.evaluate(() => window.playground.constructor.max_csv_bytes()) === 4194304, "the App's limit");
});

// A file or a paste under the byte limit that cannot be a batch (more rows than the largest) is
// refused by the App at once, its text never in the box: 2 million lines written there froze the
// page for 33-53 s (choosing the file), then 4-8 s (Use). One of 4 000 000 blank lines and two
// rows goes in without its blank lines (it took 84 s; typing in the box then took seconds).
await check("a CSV of more rows than a batch never reaches the box; blank lines are left out", async () => {
  const before = await file("bn_state.json");
  const box = () => page.evaluate(() => document.getElementById("csv-text").value);
  const refused = async (what) => {
    await page.waitForFunction(() => document.getElementById("notice").textContent.includes("more than 4096 rows"), null, { timeout: 10000 });
    const said = await text("#notice");
    expect(said.includes("CSV row 4098, column 1"), `${what}: ${said}`);
    expect((await box()) === "1,2\n3,4\n", `${what}: the box holds ${(await box()).length} characters`);
    expect(await file("bn_state.json") === before, `${what} changed the layer`);
    await page.evaluate(() => { document.getElementById("notice").textContent = ""; });
  };
  const paste = (text) => page.evaluate((text) => {
    const box = document.getElementById("csv-text");
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", text);
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, text);
  await page.fill("#csv-text", "1,2\n3,4\n");
  const lines = Buffer.from("7\n".repeat(2_000_000)); // 4 000 000 bytes, under the limit
  await page.setInputFiles("#csv-file", { name: "lines.csv", mimeType: "text/csv", buffer: lines });
  await refused("a file of 2 million lines");
  await paste("5\n".repeat(5000));
  await refused("a paste of 5000 lines");
  // Accepted: a paste goes where the selection is, a file replaces the box's text. Not by
  // execCommand("insertText"): pasting 1000 rows with it froze the page for 5 s.
  await page.evaluate(() => {
    window.inserted = 0;
    const execCommand = document.execCommand;
    document.execCommand = (...args) => (window.inserted++, execCommand.apply(document, args));
  });
  await paste(`5,6\n${"\n".repeat(5000)}7,8\n`);
  await page.waitForFunction(() => document.getElementById("csv-text").value.length > 8, null, { timeout: 10000 });
  expect((await box()) === "1,2\n3,4\n5,6\n7,8\n", `after the paste: ${JSON.stringify((await box()).slice(0, 40))}`);
  expect((await page.evaluate(() => window.inserted)) === 0, "a paste went in by execCommand");
  const blank = Buffer.from(`${"\n".repeat(4_000_000)}9,8\n7,6\n`);
  await page.setInputFiles("#csv-file", { name: "blank.csv", mimeType: "text/csv", buffer: blank });
  await page.waitForFunction(() => document.getElementById("csv-text").value.startsWith("9"), null, { timeout: 10000 });
  expect((await box()) === "9,8\n7,6\n", `after the file: ${(await box()).length} characters`);
  // Dropped on the box: a file is read as a chosen one, text from elsewhere as a paste (the
  // browser's own drop put any text in the box unchecked; a dropped file could open in its place).
  const drop = (content, asFile) => page.evaluate(([content, asFile]) => {
    const box = document.getElementById("csv-text");
    const dataTransfer = new DataTransfer();
    if (asFile) dataTransfer.items.add(new File([content], "dropped.csv", { type: "text/csv" }));
    else dataTransfer.setData("text/plain", content);
    const event = new DragEvent("drop", { dataTransfer, bubbles: true, cancelable: true });
    box.dispatchEvent(event);
    return event.defaultPrevented;
  }, [content, asFile]);
  await page.fill("#csv-text", "1,2\n3,4\n");
  expect(await drop("3\n".repeat(5000), false), "a drop of text is the browser's");
  await refused("a drop of 5000 lines of text");
  expect(await drop("4\n".repeat(5000), true), "a dropped file is the browser's");
  await refused("a dropped file of 5000 lines");
  await drop("1,1\n2,2\n", true);
  await page.waitForFunction(() => document.getElementById("csv-text").value.startsWith("1,1"), null, { timeout: 10000 });
  expect((await box()) === "1,1\n2,2\n", `after the dropped file: ${(await box()).length} characters`);
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
});

// A chosen file too long for the box stays in the App: the box shows what it is (4 MB laid out
// there froze the page for a second) and Use reads the whole file until the box is edited. A
// file that is not text is refused at once (random bytes were read as "separated by tabs").
await check("a long chosen file is kept by the App, the box shows what it is; bytes are refused", async () => {
  const box = () => page.evaluate(() => document.getElementById("csv-text").value);
  const rows = Array.from({ length: 4000 }, (_, i) => Array.from({ length: 12 }, (_, j) => ((i * 7 + j) % 13) / 4).join(","));
  const csv = `${rows.join("\n")}\n`;
  await page.setInputFiles("#csv-file", { name: "long.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.getElementById("csv-text").value.startsWith("A file of"), null, { timeout: 10000 });
  const shown = await box();
  const said = await text("#notice");
  expect(shown.length < 2000 && shown.startsWith(`${said}\n${rows[0]}\n`), `the box: ${shown.slice(0, 300)}`);
  expect(said.includes(`A file of ${csv.length} bytes is chosen: 4000 lines, the first of 12 columns`), said);
  await page.click("#csv-use");
  // (An earlier check's lesson left affine off: "nn.BatchNorm1d(12, affine=False)".)
  await page.waitForFunction(() => /^nn\.BatchNorm1d\(12[,)]/.test(document.getElementById("ctor").textContent), null, { timeout: 20000 });
  expect((await frame()).values["batch-size"] === "4000", `N: ${(await frame()).values["batch-size"]}`);
  await page.fill("#csv-text", "x,y\n1,2\n3,5\n");
  await page.click("#csv-use");
  await page.waitForFunction(() => /^nn\.BatchNorm1d\(2[,)]/.test(document.getElementById("ctor").textContent), null, { timeout: 10000 });
  const before = await file("bn_state.json");
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256));
  await page.setInputFiles("#csv-file", { name: "binary.csv", mimeType: "text/csv", buffer: bytes });
  await page.waitForSelector("#notice.error:not([hidden])", { timeout: 5000 });
  expect((await text("#notice")).startsWith("This file is not a text file"), await text("#notice"));
  expect((await box()) === "x,y\n1,2\n3,5\n", `the box holds ${(await box()).length} characters`);
  expect(await file("bn_state.json") === before, "a file of bytes changed the layer");
  await page.click("#csv-generated");
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
  await settle();
});

// hostile25: a long file's summary in the box, edited, then Use blamed the student's file for a
// cell the page had cut ("CSV row 3, column 15: not a number"): the box no longer holds the file,
// said so, nothing changed. The input lets go of a file once read, so the same file chosen again
// is a change (it did nothing). The size said is the file's, its byte-order mark counted (it was
// 3 bytes less). The summary follows the page's language, unless the student edited it.
await check("a long file's edited summary is no file; the input takes the same file again; its size; its language", async () => {
  const box = () => page.evaluate(() => document.getElementById("csv-text").value);
  const row = Array.from({ length: 16 }, (_, j) => (j * 1.25).toFixed(6)).join(",");
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${row}\n`.repeat(1000))]);
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
  await page.setInputFiles("#csv-file", { name: "bom.csv", mimeType: "text/csv", buffer: bytes });
  await page.waitForFunction(() => document.getElementById("csv-text").value.startsWith("A file of"), null, { timeout: 10000 });
  const said = await text("#notice");
  expect(said.startsWith(`A file of ${bytes.length} bytes is chosen: 1000 lines, the first of 16 columns.`), said);
  const held = await page.evaluate(() => document.getElementById("csv-file").files.length);
  expect(held === 0, "the file input still holds the file: the same file chosen again is no change");
  const before = await file("bn_state.json");
  await page.focus("#csv-text");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("7");
  await page.click("#csv-use");
  await page.waitForSelector("#notice.error:not([hidden])", { timeout: 5000 });
  const refused = await text("#notice");
  expect(refused.startsWith("The box no longer holds the chosen file") && !refused.includes("row"), refused);
  expect(await file("bn_state.json") === before, "the edited summary changed the layer");
  // The page in Chinese: the summary in the box is said in Chinese; edited, the box keeps it.
  await page.setInputFiles("#csv-file", { name: "bom.csv", mimeType: "text/csv", buffer: bytes });
  await page.waitForFunction(() => document.getElementById("csv-text").value.startsWith("A file of"), null, { timeout: 10000 });
  await page.selectOption("#lang-select", "zh-Hant");
  await page.waitForFunction(() => document.getElementById("csv-text").value.startsWith("已選擇"), null, { timeout: 10000 })
    .catch(() => {});
  const chinese = await box();
  expect(chinese.startsWith(`已選擇 ${bytes.length} 位元組的檔案：1000 列，第一列有 16 欄。`), `the box in Chinese: ${chinese.slice(0, 80)}`);
  await page.focus("#csv-text");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("8");
  await page.selectOption("#lang-select", "en");
  await settle();
  expect((await box()) === `${chinese}8`, `the edited box was replaced: ${(await box()).slice(0, 80)}`);
  await page.click("#csv-generated");
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
  await settle();
});

await check("own data steps, and the export reads back equal to the state", async () => {
  await page.check("#affine"); // the tutorial lesson left it off
  await page.fill("#csv-text", "f0,f1,f2\n1,2,3\n4,5,7\n0,1,1\n");
  await page.click("#csv-use");
  await settle();
  expect((await text("#ctor")) === "nn.BatchNorm1d(3)", `ctor: ${await text("#ctor")}`);
  await page.click("#step");
  await settle();
  const exported = JSON.parse(await file("bn_state.json"));
  const f = Number((await frame()).values.feature);
  expect(Math.abs(exported.running_mean[f] - await statusNumber("running_mean")) < 1e-3, "running_mean differs");
  expect(exported.num_batches_tracked === await statusNumber("num_batches_tracked"), "num_batches_tracked differs");
  expect(JSON.stringify(Object.keys(exported)) === JSON.stringify(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]), "keys differ");
  const input = await file("bn_input.csv");
  expect(input === "1,2,3\n4,5,7\n0,1,1\n", `input: ${input}`);
  const output = await file("bn_output.csv");
  expect(output.trim().split("\n").length === 3, "output is not 3 rows");
  await page.click("#csv-generated");
  await settle();
});

// A large CSV is read a chunk of cells per frame (its "Use" was one task of 300-1000 ms): in the
// click's own task the page only starts reading, and says so with its progress; then it says what
// it read. A Reset meanwhile stops the reading, said, and the CSV is not used.
await check("a large CSV is read over frames with its progress, and Reset stops it", async () => {
  const useLarge = () => page.evaluate(() => {
    const row = Array.from({ length: 200 }, (_, i) => (i % 7) + 0.5).join(",");
    document.getElementById("csv-text").value = Array(2000).fill(row).join("\n");
    document.getElementById("csv-use").click();
    return JSON.parse(window.playground.peek()); // still in the click's task
  });
  const started = await useLarge();
  expect(started.text["opening-text"] === "Reading your CSV" && started.hidden.opening === false, `after Use: ${started.text["opening-text"]}`);
  expect(!/Read a batch/.test(started.notice?.text ?? ""), "the CSV was read in the click's task");
  await page.waitForFunction(() => /Read a batch of shape \(2000, 200\)/.test(document.getElementById("notice").textContent), null, { timeout: 20000 });
  await page.click("#csv-generated");
  await settle();
  const [before, ctorBefore] = [await file("bn_state.json"), await text("#ctor")];
  const again = await useLarge();
  expect(again.text["opening-text"] === "Reading your CSV", "the second CSV is not being read");
  await page.evaluate(() => document.getElementById("reset").click());
  await settle();
  expect((await text("#notice")) === "Stopped reading the CSV: you took over, and it was not used.", `notice: ${await text("#notice")}`);
  const ctor = await text("#ctor");
  expect(await file("bn_state.json") === before && ctor === ctorBefore, `the stopped CSV was used: ${ctor}`);
  expect(await page.locator("#opening").isHidden(), "the progress stays shown");
  await page.evaluate(() => { document.getElementById("csv-text").value = ""; });
});

// At N·C = 2 Mi each Space made its batch in one task (226-455 ms): a Step whose batch is not
// made yet waits for it (the worker, or a chunk per frame), saying so; a held key's repeats are
// that Step; then it steps.
await check("a Step whose large batch is not made waits for it, saying so, then steps", async () => {
  const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?n=4096&c=512`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 30000 });
  // Three Spaces in one task: the first may take a batch made ahead, the next waits for its own.
  const said = await other.evaluate(() => Array.from({ length: 3 }, () => {
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true, cancelable: true }));
    const f = JSON.parse(window.playground.peek());
    return [f.hidden.opening ? "" : f.text["opening-text"], f.text.status.slice(0, 7)];
  }));
  const waiting = said.filter(([progress]) => /^Step [23]: making its batch$/.test(progress));
  expect(waiting.length >= 2, `frames after each Space: ${JSON.stringify(said)}`);
  expect(said.at(-1)[1] !== "Step 3 ", `a Step made its batch at once: ${JSON.stringify(said)}`);
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 30000 });
  const steps = await stepCount("#status", other);
  expect(steps === (said[0][1] === "Step 2 " ? 3 : 2), `${steps} steps after ${JSON.stringify(said)}`);
  await other.close();
});

await check("keyboard: Space, E, arrows, P and ? work", async () => {
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  const start = await stepCount();
  await page.keyboard.press("Space");
  await settle();
  expect(await stepCount() === start + 1, "Space did not step");
  await page.keyboard.press("e");
  await settle();
  expect((await frame()).values["mode-eval"] === true, "E did not switch to eval");
  await page.keyboard.press("e");
  await settle();
  const feature = Number((await frame()).values.feature);
  await page.keyboard.press("ArrowRight");
  await settle();
  expect(Number((await frame()).values.feature) === feature + 1, "→ did not move the feature");
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
  // Students get the page without the teacher's presenter mode (Share's QR code, Copy link).
  const shared = await page.evaluate(() => JSON.parse(window.playground.peek()).share_link);
  expect(!shared.includes("present=") && shared.includes("lang="), `the link to share: ${shared}`);
  await page.screenshot({ path: path.join(artifacts, "presenter.png") });
  await page.uncheck("#presenter");
  await settle();
});

await page.screenshot({ path: path.join(artifacts, "page.png"), fullPage: true });

// Every chart costs what the eye can see: on a phone a Step draws the charts on or near the
// screen; one scrolled to is drawn (at the Step's revision) by the time the scroll has settled,
// and print draws every chart, however far down.
await check("a Step draws the charts on or near the screen; scrolling and print draw the others", async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  try {
    await phone.goto(url);
    await phone.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    const settled = () => phone.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));
    const rev = () => phone.evaluate(() => String(JSON.parse(window.playground.peek()).rev));
    const drawnAt = (id) => phone.evaluate((id) => document.getElementById(id).dataset.drawn, id);
    await settled();
    await phone.click("#step");
    await settled();
    const first = await rev();
    expect(await drawnAt("chart-distribution") === first, "the chart on the screen was not drawn by the Step");
    expect(await drawnAt("chart-samples") !== first, "a chart three screens down was drawn by the Step");
    await phone.locator("#chart-samples").scrollIntoViewIfNeeded();
    await settled();
    expect(await drawnAt("chart-samples") === first, `scrolled to, the chart shows revision ${await drawnAt("chart-samples")}, not ${first}`);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await settled();
    await phone.click("#step");
    await settled();
    const second = await rev();
    expect(second !== first && (await drawnAt("chart-samples")) === first, "the Step drew the chart off the screen");
    await phone.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    for (const id of charts) expect(await drawnAt(id) === second, `${id} not drawn for print`);
  } finally {
    await phone.close();
  }
});

await check("Backward panel: ∂L/∂x coupled in train mode, alone in eval; the gradient files read back", async () => {
  await page.goto(url); // the default page: 32 samples × 128 features
  await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await settle();
  if (await page.evaluate(() => document.getElementById("backward").open)) await page.locator("#backward summary").click();
  await settle();
  expect(!(await frame()).link.includes("bwd="), "a closed panel is in the link");
  await page.locator("#backward summary").click();
  await settle();
  if ((await frame()).values.upstream !== "one") await page.selectOption("#upstream", "one");
  await settle();
  expect((await frame()).link.includes("bwd=one"), "the open panel is not in the link");
  expect(await inkedPixels("chart-gradients") > 500, "the gradient chart is blank");
  const coupling = await text("#coupling");
  expect(coupling.includes("train mode ∂L/∂x moves at 32 of the 32 values"), `coupling: ${coupling}`);
  expect(coupling.includes("only this value's ∂L/∂x moves"), `coupling: ${coupling}`);
  await page.selectOption("#upstream", "random");
  await settle();
  const steps = await text("#backward-steps");
  expect(steps.includes("law 1") && steps.includes("law 2"), "the two laws are missing");
  const gradIn = (await file("bn_grad_input.csv")).trim().split("\n");
  expect(gradIn.length === 32 && gradIn[0].split(",").length === 128, "bn_grad_input.csv is not 32 × 128");
  // Law 1 on the exported numbers: every feature's ∂L/∂x sums to about 0 in train mode.
  const sums = new Array(128).fill(0);
  for (const row of gradIn) row.split(",").forEach((v, c) => { sums[c] += Number(v); });
  expect(Math.max(...sums.map(Math.abs)) < 1e-4, `Σ ∂L/∂x: ${Math.max(...sums.map(Math.abs))}`);
  const grads = JSON.parse(await file("bn_grads.json"));
  expect(grads.weight.length === 128 && grads.bias.length === 128, "bn_grads.json is not 128 + 128");
  expect((await text("#grad-snippet")).includes("(bn(x) * grad_output).sum().backward()"), "no autograd snippet");
  await page.check("#mode-eval");
  await settle();
  expect((await text("#backward-steps")).includes("eval mode"), "eval mode is not said");
  await page.check("#mode-train");
  // A refused step (a batch of one in train mode): the snippet was empty. It says why there is
  // no gradient and runs as shown, printing PyTorch's own words (tests/pytorch_check runs it).
  const setN = (n) => page.evaluate((n) => {
    const box = document.getElementById("batch-size");
    box.value = n;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }, n);
  await setN("1");
  await settle();
  await page.click("#step"); // a train-mode pass (the one shown is still eval's until a Step)
  await page.waitForSelector("#backward-steps .error", { timeout: 5000 });
  const refused = await text("#grad-snippet");
  expect(refused.includes("there is no gradient") && refused.includes("except ValueError as e:") &&
    refused.includes(".reshape(1, 128).requires_grad_()"), `grad snippet at a refused step: ${refused}`);
  await page.selectOption("#lang-select", "zh-Hant");
  await settle();
  expect((await text("#grad-snippet")).includes("所以沒有梯度"), `zh-Hant: ${await text("#grad-snippet")}`);
  await page.selectOption("#lang-select", "en");
  await setN("32");
  await page.locator("#backward summary").click();
  await settle();
});

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
  // The same four layers in PyTorch, each reduced over its own dims; a refusing one caught.
  let code = await text("#norms-code");
  for (const line of ["nn.BatchNorm1d(6, affine=False)(x), dim=(0, 2)", "nn.LayerNorm([6, 5], elementwise_affine=False)(x), dim=(1, 2)",
    "nn.InstanceNorm1d(6)(x), dim=2", "nn.GroupNorm(2, 6, affine=False)(x).reshape(4, 2, -1), dim=2"]) {
    expect(code.includes(line), `the code lacks ${line}: ${code}`);
  }
  expect(!code.includes("try:"), `nothing is refused, yet: ${code}`);
  await page.fill("#n-g", "4");
  await page.press("#n-g", "Enter");
  await settle();
  expect(page.url().includes("cmp=4_6_5_4_1"), `the comparison is not in the URL: ${page.url()}`);
  expect((await text("#view-norms table.compare")).includes("LayerNorm"), "the table is missing");
  code = await text("#norms-code");
  expect(/try:.*\n.*nn\.GroupNorm\(4, 6, affine=False\)[^\n]*\nexcept ValueError as e:/.test(code), `GroupNorm(4, 6) is not caught: ${code}`);
  // Its bounds are said beside the boxes, and their arrows stop there.
  expect((await page.getAttribute("#n-n", "max")) === "16" && (await text("#norms-bounds")).includes("16"), "the bounds are not given");
  // A refused value is said where the student is looking (the notice sits above every view).
  await page.fill("#n-n", "100000");
  await page.press("#n-n", "Enter");
  await settle();
  expect(await page.locator("#notice").isVisible(), "the refusal is not visible in Which axis?");
  expect((await text("#notice")).includes("100000"), `notice: ${await text("#notice")}`);
  expect((await text("#norms-code")) === code, "a refused N changed the code");
  // And beside the boxes, in place of their bounds (on a phone the notice is screens above them).
  expect((await text("#norms-bounds")).includes("100000") && (await page.getAttribute("#norms-bounds", "class")) === "error",
    `beside the boxes: ${await text("#norms-bounds")}`);
  await page.fill("#n-n", "5");
  await page.press("#n-n", "Enter");
  await settle();
  // The box's refusal gone; GroupNorm(4, 6) still cannot take the batch, and is named there.
  const bounds = await text("#norms-bounds");
  expect(!bounds.includes("100000") && bounds.includes("16") && bounds.includes("GroupNorm(4, 6"),
    `the refusal stayed beside the boxes, or GroupNorm's is not named: ${bounds}`);
  // In red only GroupNorm's words, not the bounds the boxes keep to (review40).
  expect((await page.getAttribute("#norms-bounds", "class")) !== "error" &&
    (await page.locator("#norms-bounds .refusing").textContent()).includes("GroupNorm(4, 6"),
    `the bounds are red, or GroupNorm's words are not apart: ${await page.innerHTML("#norms-bounds")}`);
  // What a student types stays in the box until sent (Enter, or leaving it): a frame in between
  // (a phone's keyboard resizing the page, a chart scrolled near) wrote the App's value over it.
  await page.fill("#n-g", "3");
  await page.evaluate(() => new Promise((r) => { dispatchEvent(new Event("resize")); requestAnimationFrame(() => requestAnimationFrame(r)); }));
  expect((await page.inputValue("#n-g")) === "3", `a frame wrote over the typed G: ${await page.inputValue("#n-g")}`);
  await page.press("#n-g", "Enter");
  await settle();
  expect(!(await text("#norms-bounds")).includes("GroupNorm") && (await page.getAttribute("#norms-bounds", "class")) !== "error",
    `G = 3 of C = 6: ${await text("#norms-bounds")}`);
});

await check("Train on digits: both models learn, Play, the sweep runs and cancels", async () => {
  await page.click("#tab-train");
  await page.waitForFunction(() => /\d/.test(document.getElementById("t-status").innerText), null, { timeout: 15000 });
  for (let i = 0; i < 5; i++) await page.click("#t-step");
  await settle();
  expect((await text("#t-status")).startsWith("Step 5"), `status: ${await text("#t-status")}`);
  await page.selectOption("#t-speed", "1");
  await page.click("#t-play");
  await page.waitForTimeout(1000);
  await page.click("#t-play");
  await settle();
  const steps = await stepCount("#t-status");
  expect(steps >= 50, `only ${steps} training steps after 1 s of Play at 10 per frame`);
  for (const id of ["chart-curves", "chart-percentiles", "chart-digits"]) expect(await inkedPixels(id) > 1000, `${id} is blank`);
  await page.selectOption("#t-sweep-steps", "50");
  await page.click("#t-sweep");
  await page.waitForFunction(() => document.getElementById("t-sweep-progress").value > 0.1, null, { timeout: 20000 });
  await page.click("#t-sweep-cancel");
  await settle();
  expect(await page.isDisabled("#t-sweep-cancel"), "Cancel did not stop the sweep");
  expect(await inkedPixels("chart-sweep") > 1000, "the sweep chart is blank");
});

await check("Train on digits: BatchNorm folded into the Linear gives model.eval()'s outputs", async () => {
  await page.click("#tab-train");
  await settle();
  const fold = await text("#t-fold");
  const d = fold.match(/differ from model\.eval\(\)'s by at most ([0-9.e−-]+)/);
  expect(d && Number(d[1].replace("−", "-")) < 1e-4, `fold panel: ${fold}`);
  const folded = JSON.parse(await file("digits_model_folded.json"));
  expect(folded["0.weight"].length === 128 && folded["0.weight"][0].length === 64 && folded["2.weight"].length === 10, "the folded model's shapes");
  expect((await text("#t-fold-snippet")).includes("fuse_linear_bn_eval"), "no fuse_linear_bn_eval snippet");
});

await check("Train on digits: forgot model.eval(), export, open the layer in the main view", async () => {
  const report = await text("#t-eval");
  expect(report.includes("Expected more than 1 value per channel when training"), `report: ${report}`);
  const state = JSON.parse(await file("digits_model_a.json"));
  const keys = ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "3.weight", "3.bias", "1.num_batches_tracked"];
  expect(keys.every((k) => k in state), `keys: ${Object.keys(state)}`);
  expect(state["0.weight"].flat().length === 128 * 64 && state["1.num_batches_tracked"] === await stepCount("#t-status"), "shapes or count differ");
  const plain = JSON.parse(await file("digits_model_b.json"));
  expect("2.weight" in plain && !("1.weight" in plain), "the plain model's keys are not 0.* and 2.*");
  await page.click("#t-open-layer-1");
  await settle();
  expect((await frame()).view === "lab", "the main view did not open");
  expect((await text("#ctor")) === "nn.BatchNorm1d(128)", `ctor: ${await text("#ctor")}`);
  expect((await frame()).values["mode-eval"] === true, "the trained layer should open in eval mode");
  expect(await statusNumber("num_batches_tracked") > 50, "the running statistics are not the trained ones");
  await page.screenshot({ path: path.join(artifacts, "trained-layer.png") });
});

await page.click("#tab-train");
await settle();
await page.screenshot({ path: path.join(artifacts, "train.png"), fullPage: true });
await check("Train on digits: other models are named as the legend names them; only what applies is offered", async () => {
  await page.selectOption("#t-norm-a", "layernorm");
  await page.selectOption("#t-norm-b", "groupnorm");
  for (let i = 0; i < 2; i++) await page.click("#t-step");
  await settle();
  const said = [await text("#t-status"), ...await Promise.all(["sum-curves", "sum-digits"].map((id) => page.locator(`#${id}`).textContent()))];
  for (const s of said) expect(s.includes("with LayerNorm") && s.includes("with GroupNorm") && !s.includes("BatchNorm1d"), `said: ${s}`);
  // No running statistics to forget and no BatchNorm1d to open or fold in model A.
  expect(await page.locator("#t-eval-report").isHidden() && await page.isDisabled("#t-export-folded"), "offered what does not apply");
  expect((await text("#t-export-a")) === "digits_model_a.json", "export names");
  await page.selectOption("#t-preset", "tutorial");
  await settle();
  expect(await page.locator("#t-eval-report").isVisible(), "the tutorial's model has its eval table again");
});

await page.click("#tab-norms");
await settle();
await page.screenshot({ path: path.join(artifacts, "norms.png"), fullPage: true });

await check("one Step and its redraw take few calls into wasm; the App exports few methods", async () => {
  await page.click("#tab-lab");
  await settle();
  const exported = await page.evaluate(() => Object.getOwnPropertyNames(Object.getPrototypeOf(window.playground)).filter((n) => n !== "constructor" && n !== "free" && !n.startsWith("__")));
  expect(exported.length <= 30, `${exported.length} exported methods: ${exported}`);
  const calls = await page.evaluate(async () => {
    const app = window.playground;
    let count = 0;
    const wrapped = [];
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(app))) {
      if (name === "constructor" || typeof app[name] !== "function") continue;
      const original = app[name];
      app[name] = (...args) => { count += 1; return original.apply(app, args); };
      wrapped.push(name);
    }
    document.getElementById("step").click();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const seen = count;
    for (const name of wrapped) delete app[name];
    return seen;
  });
  console.log(`  (${exported.length} exported methods; ${calls} calls into wasm for one Step and its redraw)`);
  expect(calls <= 10, `${calls} calls for one Step`);
});

// window.playground is offered to curious students: whatever they pass, no exported function
// traps (wasm-bindgen's own text and list arguments did, "memory access out of bounds", given a number).
await check("the App's exported functions take any argument without a trap", async () => {
  const thrown = await page.evaluate(() => {
    const app = window.playground;
    const App = app.constructor;
    const odd = [0, NaN, true, {}, null, undefined, [1, 2], { length: 5e8, charCodeAt: () => 65 }];
    const calls = [
      (v) => app.dispatch(v, 1), (v) => app.follow(v, 0), (v) => app.export(v), (v) => app.chart_file(v),
      (v) => app.draw(v, v, 1), (v) => app.take_made(v, v), (v) => App.words_for(v, v), (v) => App.load_words(v, v),
      (v) => App.words_file?.(v), (v) => app.chart_svg?.(v, 1, 1), (v) => app.qr_svg?.(v), (v) => new App(v, v).free(),
      (v) => App.reopen(v, v).free(), (v) => App.take_over?.(v, v).free(),
    ];
    const errors = [];
    for (const v of odd) for (const call of calls) {
      try { call(v); } catch (e) { if (!(e instanceof Error) || e instanceof WebAssembly.RuntimeError) errors.push(String(e)); }
    }
    return errors;
  });
  expect(thrown.length === 0, `traps: ${[...new Set(thrown)].join("; ")}`);
  // And the page still works.
  const before = await text("#status");
  await page.click("#step");
  await page.waitForFunction((was) => document.getElementById("status").textContent !== was, before, { timeout: 5000 });
});

await check("a link can never run script, through any key", async () => {
  const payload = "%3Cimg%20src%3Dx%20onerror%3D%22window.__xss%3D1%22%3E";
  for (const key of ["zzz", "lesson", "dist", "view", "lang", "do", "cmp", "eps"]) {
    const other = await browser.newPage();
    let dialog = false;
    other.on("dialog", (d) => { dialog = true; d.dismiss(); });
    await other.goto(`${url}?${key}=${payload}`);
    await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    await other.waitForTimeout(100);
    const ran = await other.evaluate(() => window.__xss === 1 || document.querySelector("#notice img, main img, header img") !== null);
    expect(!ran && !dialog, `${key}= ran a script`);
    expect((await other.locator("#notice").innerText()).includes("<img"), `${key}=: the notice does not quote the link as text`);
    await other.close();
  }
});

// What the page shows in each of `count` animation frames (read after the page's own frame):
// the progress line's bar (null when hidden), the first number of `status`, whether the lab's
// charts are dimmed, and when the first chart last drew. Long work done in one piece would show
// in one frame, with no progress between.
const FRAMES_SEEN = ([count, status]) => new Promise((resolve) => {
  const seen = [];
  const look = () => {
    const bar = document.getElementById("opening").hidden ? null : Number(document.getElementById("opening-bar").value);
    const stale = document.getElementById("view-lab").classList.contains("stale");
    const drawn = document.getElementById("chart-distribution").dataset.drawn;
    seen.push([bar, Number(document.getElementById(status).textContent.match(/(\d+)/)?.[1] ?? NaN), stale, drawn]);
    if (seen.length < count) requestAnimationFrame(look);
    else resolve(seen);
  };
  requestAnimationFrame(look);
});
// Values strictly between 0 and 1 (0 < p < 1 parts done), rising.
const partsShown = (values) => values.filter((v) => v !== null && v > 0 && v < 1);
const rising = (values) => values.every((v, i) => i === 0 || v >= values[i - 1]);

// Rule of the house: no link freezes the page. Checked by its structure — the work is spread over
// many frames, its progress shown rising — not by a task's duration (bench.mjs, `freezes`,
// measures the largest task): a replay made in one task would show done in the first frame.
await check("no link freezes the page: long replays run a frame's share at a time, their progress shown", async () => {
  // Changes of N alone at N·C = 2 Mi (each change's batch was made in one task, the bar at 1).
  const changes = `c=512&do=${"n4096,n1,".repeat(50)}`;
  for (const query of ["do=s100000", "c=1024&n=2048&do=s512", "do=s100000,s100000,s100000", changes, "view=train&tsteps=3000&tbs=256"]) {
    const other = await browser.newPage();
    await other.goto(`${url}?${query}`);
    await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    const train = query.startsWith("view=train");
    // The Train link's replay starts once the digits have come (before, the status line says
    // they are loading, no step: on a loaded machine three frames of it failed this check).
    if (train) {
      await other.waitForFunction(() => Number(document.getElementById("t-status").textContent.match(/(\d+)/)?.[1]) > 0, null, { timeout: 30000 });
    }
    // 40 frames: at 2048 × 1024 one step's batch alone is made over ~25 of them.
    const seen = await other.evaluate(FRAMES_SEEN, [40, train ? "t-status" : "status"]);
    const [shown, least] = train
      ? [seen.map(([, k]) => k).filter((k) => k > 0 && k < 3000), 4] // training steps, a frame's worth at a time
      : [partsShown(seen.map(([bar]) => bar)), 2];
    expect(shown.length === seen.length && new Set(shown).size >= least && rising(shown), `${query}: shown ${JSON.stringify(seen.map(([a, b]) => [a, b]))}`);
    // The page answers while it works: a click on a tab is taken at once.
    await other.click("#tab-norms");
    await other.waitForFunction(() => !document.getElementById("view-norms").hidden, null, { timeout: 5000 });
    await other.close();
  }
});

// At the largest network the Train view allows (6 × 256, batch 24) a settings change measured the
// new run's test accuracy in one task (~100 ms, Trainer::new), and "forgot model.eval()" took
// ~150 ms in the frame after: both are measured over frames, the status saying so meanwhile, and
// a Step pressed then waits for the accuracy. Checked by the work's structure, not its duration.
await check("a settings change at the largest network measures its accuracy over frames, then shows it", async () => {
  const other = await browser.newPage();
  await other.goto(`${url}?view=train&tnet=6_256_relu&tbs=24`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  // The digits come after the first frame, their accuracy over the frames after.
  await other.waitForFunction(() => window.playground && !JSON.parse(window.playground.peek()).busy &&
    document.getElementById("t-status").textContent.includes("test accuracy:"), null, { timeout: 60000 });
  const shown = await other.evaluate(() => [document.getElementById("t-depth").value, document.getElementById("t-width").value]);
  expect(shown.join() === "6,256", `opened ${shown}`);
  for (const [id, value] of [["t-seed", "2"], ["t-reset", null]]) {
    const seen = await other.evaluate(([id, value]) => new Promise((resolve) => {
      const box = document.getElementById(id);
      if (value === null) box.click();
      else {
        box.value = value;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
      document.getElementById("t-step").click(); // waits for the accuracy
      const seen = [];
      const look = () => {
        const frame = JSON.parse(window.playground.peek());
        seen.push([frame.busy, document.getElementById("t-status").textContent, document.getElementById("t-eval").textContent]);
        if (frame.busy && seen.length < 2000) requestAnimationFrame(look);
        else resolve(seen);
      };
      requestAnimationFrame(look);
    }), [id, value]);
    const measuring = seen.filter(([, status]) => status.includes("measuring the test accuracy"));
    const last = seen[seen.length - 1];
    expect(measuring.length >= 2 && seen[0][0], `${id}: the accuracy in one frame: ${JSON.stringify(seen.slice(0, 3))}`);
    expect(!last[0] && /^Step 1 .*test accuracy at step 0: with BatchNorm1d \d+(\.\d)?\s%, without BatchNorm1d \d+(\.\d)?\s%$/.test(last[1]),
      `${id}: at the end ${JSON.stringify(last)}`);
    // The report of the step once it is measured, "measuring" over frames before.
    expect(seen.some(([, , report]) => report.includes("Measuring on the test digits")) && /running statistics\d+(\.\d)?\s%/.test(last[2]),
      `${id}: the report ${JSON.stringify([seen[0][2], last[2]])}`);
  }
  await other.close();
});

// At N·C = 2 Mi a held Space made each Step's batch in one task: a Step waits for its batch,
// made a frame's share at a time with its progress shown, and a held key's repeats are that Step
// (one Step however many repeats, not one per repeat).
await check("holding Space on a large batch: each Step's batch over frames with its progress, the repeats one Step", async () => {
  const other = await browser.newPage();
  // A worker that never answers: the batches are made on the page, a frame's share at a time.
  await other.addInitScript(() => { window.Worker = class { postMessage() {} terminate() {} }; });
  await other.goto(`${url}?c=1024&n=2048`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 30000 });
  const before = await stepCount("#status", other);
  // Space held for a second (a key repeat every 33 ms), and what each frame shows meanwhile.
  await other.evaluate(() => {
    let presses = 0;
    const press = () => {
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true, cancelable: true, repeat: presses > 0 }));
      if (++presses < 30) setTimeout(press, 33);
    };
    press();
  });
  const seen = await other.evaluate(FRAMES_SEEN, [30, "status"]);
  expect(partsShown(seen.map(([bar]) => bar)).length >= 2, `no batch made over frames: ${JSON.stringify(seen)}`);
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 30000 });
  const steps = (await stepCount("#status", other)) - before;
  expect(steps >= 1 && steps < 10, `${steps} Steps for 30 repeats of Space (one per batch made)`);
  await other.close();
});

// At N·C = 2 Mi the bn_output.csv button wrote its 20 MB in one task (1.3–3 s): the click only
// starts the writing; the file is written a frame's share at a time, its progress shown, then
// saved, with the numbers of the click though a Step came meanwhile; a second click is no second
// file. Its bytes are those of the file written whole (the App's `export`, read before the click).
await check("a large download is written over frames with its progress, the numbers of the click", async () => {
  const other = await browser.newPage({ acceptDownloads: true });
  await other.goto(`${url}?n=4096&c=512`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 60000 });
  const whole = await other.evaluate(() => window.playground.export("bn_output.csv")[2].split("\n"));
  expect(whole.length === 4097 && whole[0].split(",").length === 512 && whole[4096] === "", `the whole file: ${whole.length} lines`);
  const before = await stepCount("#status", other);
  const downloads = [];
  other.on("download", (d) => downloads.push(d));
  const atClick = await other.evaluate(() => {
    document.getElementById("export-output").click();
    document.getElementById("step").click();
    document.getElementById("export-output").click();
    return JSON.parse(window.playground.peek()); // still in the clicks' task
  });
  expect(atClick.download === null && atClick.hidden.opening === false && atClick.text["opening-text"] === "Writing bn_output.csv",
    `at the click: ${JSON.stringify([atClick.download, atClick.text["opening-text"]])}`);
  const seen = await other.evaluate(FRAMES_SEEN, [12, "status"]);
  const shown = partsShown(seen.map(([bar]) => bar));
  expect(shown.length === seen.length && new Set(shown).size >= 3 && rising(shown), `shown ${JSON.stringify(seen.map(([bar]) => bar))}`);
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 120000 });
  await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // The browser reports a download a moment after the page saves it (late on a loaded machine).
  for (let i = 0; i < 50 && downloads.length === 0; i++) await other.waitForTimeout(100);
  await other.waitForTimeout(300); // a second copy, if there were one, would be reported too
  expect(downloads.length === 1 && downloads[0].suggestedFilename() === "bn_output.csv", `downloads: ${downloads.map((d) => d.suggestedFilename())}`);
  const saved = readFileSync(await downloads[0].path(), "utf8").split("\n");
  expect(saved.length === whole.length && saved[0] === whole[0] && saved[4095] === whole[4095] && saved.every((line, i) => line === whole[i]),
    `saved ${saved.length} lines, first ${saved[0].slice(0, 40)}…`);
  expect(await stepCount("#status", other) === before + 1, "the Step taken while writing");
  const now = await other.evaluate(() => window.playground.export("bn_output.csv")[2].split("\n", 1)[0]);
  expect(now !== whole[0], "the Step did not change the output: the check proves nothing");
  await other.close();
});

// A new N or C at N·C = 2 Mi made its batch in one task: the change waits for its batch, made a
// frame's share at a time with its progress, the old charts dimmed and not drawn again; then
// the page shows the new batch.
await check("a new N or C of a large batch is made over frames, its progress shown, then shown", async () => {
  const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?n=4096&c=512`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 30000 });
  // A new seed draws a new batch 0 (173-371 ms in one task on a loaded machine); so do new data
  // after a change of N (batch 0 is kept at the old N: offset 194 ms) and another distribution
  // (~130 ms each time; ~400 ms on a loaded machine).
  const changes = [["batch-size", "2048", "(2048, 512)"], ["num-features", "256", "(2048, 256)"], ["seed", "7", "(2048, 256)"],
    ["batch-size", "4096", "(4096, 256)"], ["offset", "3", "(4096, 256)"], ["distribution", "skewed", "(4096, 256)"]];
  // The frames are watched from the change's own task: watched from a second call, the frames
  // between the two (a loaded machine's round trip) could make a quick batch unseen.
  await other.evaluate(`window.__framesSeen = ${FRAMES_SEEN}`);
  for (const [id, value, shape] of changes) {
    const drawn = await other.getAttribute("#chart-distribution", "data-drawn");
    const [said, seen] = await other.evaluate(([id, value]) => {
      const box = document.getElementById(id);
      box.value = value;
      box.dispatchEvent(new Event(box.type === "range" ? "input" : "change", { bubbles: true }));
      const said = JSON.parse(window.playground.peek()).text["opening-text"]; // still in the change's task
      return window.__framesSeen([4, "status"]).then((seen) => [said, seen]);
    }, [id, value]);
    expect(said === `Making the new batch, of shape ${shape}`, `${id}: ${said}`);
    // While its progress shows, every frame keeps the old charts, dimmed.
    const making = seen.filter(([bar]) => bar !== null && bar > 0 && bar < 1);
    // (A new distribution's draws are quick: at least one frame with part of its batch made.)
    expect(making.length >= (id === "distribution" ? 1 : 2), `${id}: no progress over frames`);
    expect(making.every(([, , stale, now]) => stale && now === drawn), `${id}: ${JSON.stringify(making)} (drawn ${drawn})`);
    await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 30000 });
    await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(!(await other.evaluate(() => document.getElementById("view-lab").classList.contains("stale"))), `${id}: still dimmed`);
    expect(await other.getAttribute("#chart-distribution", "data-drawn") !== drawn, `${id}: the new batch not drawn`);
    expect((await other.inputValue(`#${id}`)) === value, `${id}: the box reads ${await other.inputValue(`#${id}`)}`);
  }
  expect(/nn\.BatchNorm1d\(256/.test(await other.locator("#ctor").innerText()), "the new layer is not shown");
  await other.close();
});

// A file asked for while a link is replayed held the lab as far as the replay had got: it waits
// for the replay, then is the link's whole lab.
await check("a download during a link's replay waits for the replay", async () => {
  const other = await browser.newPage({ acceptDownloads: true });
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?n=2048&do=s300`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  expect(!(await other.locator("#opening").isHidden()), "the replay is over before the click");
  const saved = other.waitForEvent("download", { timeout: 60000 }).catch(() => null);
  await other.evaluate(() => document.getElementById("export-input").click()); // in the folded Export panel
  const file = await saved;
  expect(file !== null, "no file saved");
  const text = readFileSync(await file.path(), "utf8");
  // The link's last step (its budget cuts it at 257), as the status line says once it is done.
  const [opening, whole] = await other.evaluate(() => [!document.getElementById("opening").hidden, window.playground.export("bn_input.csv")[2]]);
  expect(!opening && text === whole, `bn_input.csv is not the replayed lab's (${text.length} vs ${whole.length} bytes)`);
  await other.close();
});

// A language chosen during a hand-over's replay, with a Step of the student's waiting for it,
// waited behind that Step: the status line kept the old language until the replay ended.
await check("a language chosen during a hand-over's replay shows at once", async () => {
  const other = await browser.newPage();
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  // The student's own steps (a link's, opened in the first view's module), then the Backward
  // panel, which the full module shows: it takes over and redoes them.
  await other.goto(`${url}?n=2048&do=s250`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => document.getElementById("opening").hidden, null, { timeout: 60000 });
  await other.locator("#backward summary").click();
  const opening = () => other.evaluate(() => JSON.parse(window.playground.peek()).text["opening-text"] ?? "");
  // Read from the page (the App's frame read here every animation frame took the hand-over's
  // turn from the page's own render, which then never handed over).
  await other.waitForFunction(() => /your steps are redone/.test(document.getElementById("opening-text").textContent), null, { timeout: 60000 });
  expect((await opening()).includes("your steps are redone"), `not a hand-over: ${await opening()}`);
  await other.click("#step");
  await other.selectOption("#lang-select", "zh-Hant");
  await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const said = await other.locator("#opening-text").textContent();
  expect(said.includes("重做你的步驟") && !(await other.locator("#opening").isHidden()), `the status line: ${said}`);
  await other.close();
});

// A link that the first view's module hands on unopened (it names another view) is still a
// link: replayed within a link's budget, called the link's steps. With the hand-over's budget a
// stranger's do=s3000 at N·C = 2 Mi held the page for 19 minutes, "your steps are redone".
await check("a link handed on to the full module is opened as a link, within its budget", async () => {
  const other = await browser.newPage();
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?n=4096&c=512&do=s3000&view=norms`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => /step \d+ of/.test(document.getElementById("opening-text").textContent), null, { timeout: 60000 });
  const said = await other.locator("#opening-text").textContent();
  expect(said.startsWith("Opening the link") && !said.includes("your steps"), `while it opens: ${said}`);
  const total = Number(said.match(/of (\d+)/)?.[1]);
  expect(total <= 40, `the link replays ${total} steps (a link's budget at N·C = 2 Mi is 33)`);
  await other.waitForFunction(() => document.getElementById("opening").hidden, null, { timeout: 120000 });
  const notice = await other.locator("#notice").textContent();
  expect(/left out \d+ steps/.test(notice), `the notice: ${notice}`);
  await other.close();
});

// A reload opens the page's own address: the student's steps beyond a link's budget come back
// (a reload during Play at N·C = 2 Mi kept 33 of 81), in the first view's module and when it
// hands a view it lacks on to the full module.
await check("a reload keeps every step the student took, beyond a link's budget", async () => {
  const other = await browser.newPage();
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  const opened = async () => {
    await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    await other.waitForFunction(() => document.getElementById("opening").hidden, null, { timeout: 60000 });
    await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 400)))));
  };
  await other.goto(`${url}?n=4&c=1&do=s10000`); // a link's budget: 10 000 steps
  await opened();
  for (let i = 0; i < 3; i++) await other.click("#step");
  await opened();
  expect(other.url().includes("do=s10003"), `the address: ${other.url()}`);
  await other.reload();
  await opened();
  expect(other.url().includes("do=s10003"), `after a reload: ${other.url()}`);
  // A reload within the 200 ms the address bar waits to follow the page (hostile24: Step 6
  // reopened as Step 4): the address kept when the page went is reopened.
  const frames = () => other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await other.click("#step");
  await frames();
  await other.click("#step");
  await frames();
  await other.reload();
  await opened();
  expect(other.url().includes("do=s10005"), `a reload at once after two Steps: ${other.url()}`);
  // A Step and the reload in one moment, before the page's next frame: the address is the App's.
  await other.evaluate(() => {
    document.getElementById("step").click();
    location.reload();
  }).catch(() => {}); // the page it ran in may be gone before it answers
  await other.waitForLoadState("load");
  await opened();
  expect(other.url().includes("do=s10006"), `a reload in the Step's own moment: ${other.url()}`);
  await other.click("#tab-norms");
  // The tab hands the page over to the full module, which redoes the steps: on a loaded machine
  // that began after opened()'s wait, the address not yet written.
  await other.waitForFunction(() => window.playground && JSON.parse(window.playground.peek()).view === "norms", null, { timeout: 60000 });
  await opened();
  expect(other.url().includes("view=norms"), `the view: ${other.url()}`);
  await other.reload();
  await opened();
  await other.waitForFunction(() => window.playground && JSON.parse(window.playground.peek()).view === "norms", null, { timeout: 60000 });
  await opened();
  expect(other.url().includes("do=s10006"), `after a reload in another view: ${other.url()}`);
  await other.close();
});

// hostile25: a reload after 3522 training steps came back untrained ("tsteps must be a whole
// number from 0 to 3000", blaming a link never used), and E pressed while a reload replayed
// `do=s12` stopped it at step 2 ("Stopped opening the link … you took over", the address
// `do=s2,e`). A reload is the student's own history: its training steps come back beyond a
// link's budget, and a key pressed meanwhile follows the replay.
await check("a reload keeps training steps beyond a link's budget, and a key pressed during its replay follows it", async () => {
  const other = await browser.newPage();
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  const idle = async (timeout = 120000) => {
    await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    await other.waitForFunction(() => window.playground && !JSON.parse(window.playground.peek()).busy, null, { timeout });
    await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 400)))));
  };
  const notice = () => other.evaluate(() => (document.getElementById("notice").hidden ? "" : document.getElementById("notice").innerText));
  await other.goto(`${url}?view=train&tsteps=3001`); // a stranger's link: a link's budget, said
  await other.waitForFunction(() => /^Step 3000\b/.test(document.getElementById("t-status").innerText), null, { timeout: 120000 });
  await idle();
  expect((await notice()).includes("leaves out 1."), `the link's cut: ${await notice()}`);
  for (let i = 0; i < 2; i++) await other.click("#t-step");
  await other.waitForFunction(() => location.search.includes("tsteps=3002"), null, { timeout: 5000 });
  await other.reload();
  await other.waitForFunction(() => /^Step 3002\b/.test(document.getElementById("t-status")?.innerText ?? ""), null, { timeout: 120000 });
  await idle();
  const said = await notice();
  expect(!said.includes("could not be used") && !said.includes("link"), `after a reload: ${said}`);
  expect(other.url().includes("tsteps=3002"), `after a reload: ${other.url()}`);

  await other.goto(`${url}?c=512&n=4096&do=s12`);
  await idle();
  await other.reload();
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  // E, pressed in the first frame that says the page's own steps are being redone.
  const during = await other.evaluate(() => new Promise((resolve) => {
    const look = () => {
      const said = JSON.parse(window.playground.peek()).text["opening-text"] ?? "";
      if (!said.startsWith("Reopening the page")) return requestAnimationFrame(look);
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "e", bubbles: true, cancelable: true }));
      resolve(said);
    };
    look();
  }));
  expect(/step \d+ of 12; what you do meanwhile follows$/.test(during), `while reopening: ${during}`);
  await idle();
  const status = await other.locator("#status").innerText();
  expect(/^Step 12 · eval mode/.test(status), `status: ${status}`);
  expect(other.url().includes("do=s12,e"), `the address: ${other.url()}`);
  expect(!(await notice()).includes("took over"), `notice: ${await notice()}`);
  await other.close();
});

// A Step waiting for its batch in the first view's small module was lost when another view
// opened meanwhile (the full module took over from a link without it): the small App does it
// first, then hands over.
await check("a Step waiting in the small module is done when another view opens meanwhile", async () => {
  const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  // No worker's batches, and frames slowed to one per 100 ms: the Step's batch takes seconds,
  // longer than loading the full module.
  await other.addInitScript(() => {
    window.Worker = class { postMessage() {} terminate() {} };
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => setTimeout(() => raf(callback), 100);
  });
  await other.goto(`${url}?n=4096&c=512`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 60000 });
  const before = await stepCount("#status", other);
  const said = await other.evaluate(() => {
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true, cancelable: true }));
    const waiting = JSON.parse(window.playground.peek()).text["opening-text"];
    document.getElementById("tab-norms").click();
    return waiting;
  });
  expect(/^Step \d+: making its batch$/.test(said), `the Step did not wait: ${said}`);
  await other.waitForFunction(() => !document.getElementById("view-norms").hidden, null, { timeout: 60000 });
  await other.click("#tab-lab");
  await other.waitForFunction(() => !JSON.parse(window.playground.peek()).busy, null, { timeout: 60000 });
  const after = await stepCount("#status", other);
  expect(after === before + 1, `Step ${before} then ${after} after the full module took over`);
  await other.close();
});

// What a student does while the full module loads (its wasm held back 3 s) is applied in the
// order taken, once, as with the module loaded: the Backward panel opened, then a Step and its
// gradient file (the panel was shut by the small App's older state, the file never saved, its
// refusal hidden); a lesson, then the Train tab (it ended on the lesson's view); Share, then Esc,
// then a tab (the dialog opened by itself seconds later over that tab).
await check("actions taken while the full module loads are applied in order, once", async () => {
  async function slowly(body) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route("**/pkg/batchnorm_playground_bg.wasm", async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    const other = await context.newPage();
    const errors = [];
    other.on("pageerror", (err) => errors.push(String(err)));
    await other.goto(url);
    await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    const loaded = () => other.waitForFunction(
      () => typeof window.playground.constructor.take_over === "function" && !JSON.parse(window.playground.peek()).busy,
      null, { timeout: 30000 });
    await body(other, loaded);
    expect(errors.length === 0, errors.join(" | "));
    await context.close();
  }
  await slowly(async (other, loaded) => {
    const before = await stepCount("#status", other);
    await other.click("#backward summary");
    await other.waitForTimeout(300);
    await other.click("#step");
    const saved = other.waitForEvent("download", { timeout: 30000 }).catch(() => null);
    await other.click('#backward button[data-file="bn_grad_output.csv"]');
    await other.waitForTimeout(300);
    expect(await other.evaluate(() => document.getElementById("backward").open), "the panel shut while the module loads");
    const file = await saved;
    await loaded();
    await other.waitForTimeout(300); // the address bar follows within 200 ms
    expect(file?.suggestedFilename() === "bn_grad_output.csv", `saved ${file?.suggestedFilename()}`);
    expect(await other.evaluate(() => document.getElementById("backward").open), "the panel is shut");
    expect(await other.evaluate(() => location.search.includes("bwd=one")), "bwd= is not in the link");
    expect(await stepCount("#status", other) === before + 1, `Step ${before} then ${await stepCount("#status", other)}`);
  });
  await slowly(async (other, loaded) => {
    await other.selectOption("#lesson-select", "coupled");
    await other.click("#tab-train");
    await loaded();
    await other.waitForTimeout(300);
    const where = await other.evaluate(() => [document.getElementById("view-train").hidden, location.search]);
    expect(!where[0] && where[1].includes("view=train") && where[1].includes("lesson=coupled"), `ended on ${where}`);
  });
  await slowly(async (other, loaded) => {
    await other.click("#share");
    await other.keyboard.press("Escape");
    await other.click("#tab-norms");
    await loaded();
    await other.waitForTimeout(500);
    const where = await other.evaluate(() => [document.getElementById("share-dialog").open, document.getElementById("view-norms").hidden]);
    expect(!where[0] && !where[1], `dialog open ${where[0]}, Norms hidden ${where[1]}`);
    // Share, with the module loaded: the dialog, and Esc closes it for good.
    await other.click("#share");
    await other.waitForFunction(() => document.getElementById("share-dialog").open, null, { timeout: 5000 });
    await other.keyboard.press("Escape");
    await other.waitForTimeout(300);
    expect(!(await other.evaluate(() => document.getElementById("share-dialog").open)), "Esc did not close the dialog");
  });
});

// A language chosen while a link opens in the first view's small module: it loads that
// language's words and goes on (the full module took over, redoing the link's steps from the
// start, "step 3 of 25" back to "第 2 步", the status line English under Chinese labels).
await check("a language chosen while a link opens changes the words, not the progress", async () => {
  const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  other.on("pageerror", (err) => consoleErrors.push(String(err)));
  await other.goto(`${url}?n=4096&c=512&do=s25`);
  await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await other.waitForFunction(() => /step ([3-9]|1\d) of/.test(document.getElementById("opening-text").textContent), null, { timeout: 60000 });
  await other.selectOption("#lang-select", "zh-Hant");
  const seen = await other.evaluate(async () => {
    const seen = [];
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const opening = document.getElementById("opening").hidden ? "" : document.getElementById("opening-text").textContent;
      seen.push([opening, document.getElementById("status").innerText, document.documentElement.lang]);
    }
    return seen;
  });
  const steps = seen.map(([opening]) => Number(opening.match(/(\d+)/)?.[1] ?? NaN)).filter((k) => !Number.isNaN(k));
  expect(steps.every((k, i) => i === 0 || k >= steps[i - 1]), `the progress went back: ${steps}`);
  const chinese = seen.filter(([opening, , lang]) => lang === "zh-Hant" && opening);
  expect(chinese.length > 0, `not in Chinese while the link opens: ${JSON.stringify(seen.slice(-3))}`);
  expect(chinese.every(([opening, status]) => opening.startsWith("正在打開連結") && /步/.test(status) && !/Step/.test(status)),
    `the opening or the status line: ${JSON.stringify(chinese.slice(0, 2))}`);
  await other.close();
});

await check("a large batch is made ahead by a worker, to the bits idle time makes", async () => {
  // The same link, with a worker and without one (window.Worker gone: idle time makes the batch).
  async function steps(worker) {
    const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    other.on("pageerror", (err) => consoleErrors.push(String(err)));
    await other.addInitScript((worker) => {
      window.__made = 0; // batches the worker sent back
      if (!worker) return void (window.Worker = undefined);
      window.Worker = class extends window.Worker {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", (e) => { if (e.data[1]) window.__made += 1; });
        }
      };
    }, worker);
    await other.goto(`${url}?n=4096&seed=7&dist=skewed`);
    await other.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    const shown = [];
    for (let i = 0; i < 4; i++) {
      // The last Steps in the full module (another view opened it), with the first view's worker.
      if (i === 2) {
        await other.click("#tab-norms");
        await other.waitForFunction(() => !document.getElementById("view-norms").hidden, null, { timeout: 20000 });
        await other.click("#tab-lab");
      }
      // The next batch made (by the worker, or in idle time), then a Step takes it.
      await other.waitForFunction(() => window.playground.ahead_order().length === 0, null, { timeout: 20000 });
      await other.click("#step");
      // Shown once the Step is done: after a hand-over, a Step waits behind its replay.
      await other.waitForFunction((k) => document.getElementById("status").textContent.startsWith(`Step ${k} `), i + 2, { timeout: 20000 });
      await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      shown.push(await other.locator("#steps").innerText());
    }
    const state = await other.evaluate(() => window.playground.export("bn_state.json")[2]);
    const made = await other.evaluate(() => window.__made);
    await other.close();
    return { shown: JSON.stringify(shown), state, made };
  }
  const [helped, alone] = [await steps(true), await steps(false)];
  expect(helped.made >= 4 && alone.made === 0, `the worker made ${helped.made} batches (and ${alone.made} without one)`);
  expect(helped.shown === alone.shown, "the step-by-step differs with the worker's batches");
  expect(helped.state === alone.state && helped.state.includes("running_var"), "the state differs with the worker's batches");
});

await check("Play and shortcut keys belong to the visible view", async () => {
  await page.click("#tab-lab");
  await settle();
  await page.click("#play");
  await page.waitForTimeout(200);
  await page.click("#tab-train");
  await settle();
  const lab = (await frame()).link.match(/do=([^&]*)/)?.[1];
  const paused = await page.evaluate(() => { const n = document.getElementById("notice"); return n.hidden ? "" : n.textContent; });
  expect(paused.startsWith("Play paused") && paused.includes("“BatchNorm1d”"), `leaving the view stopped Play unsaid: notice "${paused}"`);
  const train = await stepCount("#t-status");
  await page.waitForTimeout(400);
  expect((await frame()).link.match(/do=([^&]*)/)?.[1] === lab, "Play kept stepping the hidden BatchNorm1d view");
  expect(await stepCount("#t-status") === train, "Play started training nobody asked for");
  await page.locator("#t-status").click();
  await page.keyboard.press("e");
  await page.keyboard.press("ArrowRight");
  await settle();
  expect((await frame()).link.match(/do=([^&]*)/)?.[1] === lab, "E or → changed the hidden lab");
  await page.click("#tab-norms");
  await settle();
  await page.keyboard.press("r");
  await settle();
  expect((await frame()).link.match(/do=([^&]*)/)?.[1] === lab, "R in Which axis? reset the hidden lab");
  await page.click("#tab-lab");
  await settle();
});

await check("the view tabs work as tabs: arrows, Home and End open the next view and move to its tab; only the open one is in the Tab order", async () => {
  await page.click("#tab-lab");
  await settle();
  await page.focus("#tab-lab");
  const at = () => page.evaluate(() => [document.activeElement.id, ...["lab", "norms", "train"].map((v) => document.getElementById(`tab-${v}`).getAttribute("tabindex"))].join(" "));
  const status = await text("#status");
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector("#view-norms:not([hidden])", { timeout: 20000 });
  await settle();
  expect(await at() === "tab-norms -1 0 -1", `after →: ${await at()}`);
  expect(await page.getAttribute("#tab-norms", "aria-selected") === "true", "→ did not open the next view");
  await page.keyboard.press("End");
  await page.waitForSelector("#view-train:not([hidden])", { timeout: 20000 });
  await settle();
  expect(await at() === "tab-train -1 -1 0", `after End: ${await at()}`);
  await page.keyboard.press("Home");
  await page.waitForSelector("#view-lab:not([hidden])", { timeout: 20000 });
  await settle();
  expect(await at() === "tab-lab 0 -1 -1", `after Home: ${await at()}`);
  expect(await text("#status") === status, "an arrow on a tab also moved the lab's feature");
});

await check("Back and Forward move between the views opened with their tabs, on the same page, the numbers kept", async () => {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  p.on("pageerror", (err) => consoleErrors.push(String(err)));
  await p.goto(`${url}?do=s2`);
  await p.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await p.evaluate(() => (window.stayed = true));
  const status = await p.locator("#status").innerText();
  const open = async (view) => {
    await p.waitForSelector(`#view-${view}:not([hidden])`, { timeout: 20000 });
    expect(await p.getAttribute(`#tab-${view}`, "aria-selected") === "true", `${view}'s tab is not the selected one`);
  };
  await p.click("#tab-norms");
  await open("norms");
  await p.click("#tab-train");
  await open("train");
  await p.evaluate(() => history.back());
  await open("norms");
  await p.evaluate(() => history.back());
  await open("lab");
  expect(await p.evaluate(() => window.stayed === true), "Back left the page");
  expect(await p.locator("#status").innerText() === status, `the lab's numbers changed: ${await p.locator("#status").innerText()}`);
  await p.evaluate(() => history.forward());
  await open("norms");
  await p.waitForFunction(() => new URLSearchParams(location.search).get("view") === "norms", null, { timeout: 5000 });
  expect(await p.evaluate(() => new URLSearchParams(location.search).get("do")) === "s2", `the address lost the steps: ${await p.evaluate(() => location.search)}`);
  await p.evaluate(() => history.forward()); // the last entry too, its address rewritten meanwhile
  await open("train");
  // A view a lesson opens is an entry too (review26: Back after lesson 10's Next, which opens the
  // Train view, left the page).
  await p.click("#tab-lab");
  await open("lab");
  const entries = await p.evaluate(() => history.length);
  await p.selectOption("#lesson-select", "fold");
  await open("lab");
  await p.click("#lesson-next");
  await open("train");
  expect(await p.evaluate(() => history.length) > entries, "the lesson's view is no history entry");
  // Clicked, Next hands the focus to the stage: Space is the page's again (review26: it pressed
  // "Next lesson ›", skipping to lesson 11).
  const stage = await p.locator("#lesson h2").innerText();
  expect(await p.evaluate(() => document.activeElement === document.querySelector("#lesson h2")), "the focus stayed on Next");
  await p.keyboard.press(" ");
  await p.waitForTimeout(400);
  expect(await p.locator("#lesson h2").innerText() === stage, `Space turned the stage: ${await p.locator("#lesson h2").innerText()}`);
  await p.evaluate(() => history.back());
  await open("lab");
  expect(await p.evaluate(() => window.stayed === true), "Back after a lesson's view left the page");
  await p.close();
});

// review26: lesson 11's card said "Press Play and watch the percentiles chart" over the lab after
// the lab's tab or the browser's Back. On another view the card keeps the lesson (title, stage,
// Back, Next, Close) and says in one line where the stage is, with a button that opens it in place
// of Reveal; on the stage's view it is whole again.
await check("a lesson's card follows the view: on another (its tab, Back) one line and a button to the stage's view", async () => {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  p.on("pageerror", (err) => consoleErrors.push(String(err)));
  await p.goto(`${url}?lesson=papers_0`);
  await p.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  const shown = async (view) => {
    await p.waitForSelector(`#view-${view}:not([hidden])`, { timeout: 20000 });
    await settle();
  };
  await shown("train");
  const card = () => p.locator("#lesson-text").innerText();
  const whole = await card();
  expect(whole.includes("Predict first") && whole.includes("percentiles"), `the stage's card: ${whole}`);
  expect(await p.isHidden("#lesson-go") && await p.isVisible("#lesson-reveal"), "Go to is shown on the stage's view");
  const elsewhere = async (how) => {
    const said = await card();
    expect(said.includes("What the papers measured") && said.includes("(1/3)"), `${how}: the lesson is gone: ${said}`);
    expect(said.includes("This stage is on the “Train on digits” view."), `${how}: ${said}`);
    expect(!said.includes("Predict first") && !said.includes("percentiles"), `${how}: the stage's instructions stayed: ${said}`);
    expect(await p.isHidden("#lesson-reveal") && await p.isHidden("#lesson-show"), `${how}: Reveal or Show the chart shown`);
    expect(await p.isVisible("#lesson-next") && await p.isVisible("#lesson-close"), `${how}: Next or Close hidden`);
    const go = p.getByRole("button", { name: "Go to “Train on digits”", exact: true });
    expect(await go.isVisible(), `${how}: no "Go to" button named so`);
  };
  await p.click("#tab-lab");
  await shown("lab");
  await elsewhere("the lab's tab");
  // By keyboard: Go to opens the stage's view, the focus on Reveal (the button it stood for).
  await p.focus("#lesson-go");
  await p.keyboard.press("Enter");
  await shown("train");
  expect(await card() === whole, `back on its view the card is not whole: ${await card()}`);
  expect(await p.evaluate(() => document.activeElement?.id) === "lesson-reveal", `the focus: ${await p.evaluate(() => document.activeElement?.id)}`);
  // The browser's Back to the lab, then Forward.
  await p.evaluate(() => history.back());
  await shown("lab");
  await elsewhere("Back");
  await p.evaluate(() => history.forward());
  await shown("train");
  expect(await card() === whole, `after Forward: ${await card()}`);
  await p.close();
});

// review27: on an upright tablet a lesson's "Show the chart" scrolled the card (its question,
// Reveal, Next) 1700 px above the screen, and only scrolling brought it back. While the card is
// off the screen a button brings it back, the focus on the stage's heading; with the card on the
// screen, or no lesson open, there is none.
await check("a lesson's card off the screen has a way back (a tablet's Show the chart)", async () => {
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
  const p = await context.newPage();
  p.on("pageerror", (err) => consoleErrors.push(String(err)));
  await p.goto(`${url}?lesson=coupled_0`);
  await p.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
  await p.waitForSelector("#lesson:not([hidden])");
  await settle();
  expect(await p.isHidden("#lesson-return"), "the way back shown with the card on the screen");
  await p.tap("#lesson-show");
  await p.waitForTimeout(1500);
  const cardBottom = await p.evaluate(() => document.getElementById("lesson").getBoundingClientRect().bottom);
  expect(cardBottom < 0, `the card is still on the screen after Show the chart (bottom ${cardBottom})`);
  await p.waitForSelector("#lesson-return:not([hidden])", { timeout: 5000 });
  const back = p.getByRole("button", { name: "↑ Back to the lesson", exact: true });
  expect(await back.isVisible(), "no button named “↑ Back to the lesson”");
  const box = await back.boundingBox();
  expect(box.height >= 44 && box.y + box.height <= 1180 && box.x + box.width <= 820, `its box ${JSON.stringify(box)}`);
  await back.tap();
  await p.waitForTimeout(1500);
  const top = await p.evaluate(() => document.getElementById("lesson").getBoundingClientRect().top);
  expect(top >= 0 && top < 400, `the card's top after the way back: ${top}`);
  expect(await p.evaluate(() => document.activeElement?.closest("#lesson") !== null), "the focus is not in the card");
  await p.waitForSelector("#lesson-return[hidden]", { state: "attached", timeout: 5000 });
  // Closed while away (the menu), the way back goes with the lesson.
  await p.tap("#lesson-show");
  await p.waitForSelector("#lesson-return:not([hidden])", { timeout: 5000 });
  await p.selectOption("#lesson-select", "");
  await p.waitForSelector("#lesson[hidden]", { state: "attached", timeout: 5000 });
  await settle();
  expect(await p.isHidden("#lesson-return"), "the way back outlived the lesson");
  await context.close();
});

// review26: Reveal in lesson eval (zh-Hans) moved the page: the focus handed to the answer
// scrolled it to the middle of the screen wherever it lay in the top strip as high as the sticky
// toolbar (scroll-padding-top), though the toolbar was below the card, not over it. On the screen
// the answer takes the focus where it is; one going past the screen's bottom (a phone) is
// brought into view.
await check("Reveal hands the focus to the answer without moving a page that shows it (zh-Hans, 1400×1000 and a phone)", async () => {
  for (const [width, height, y] of [[1400, 1000, 250], [390, 844, 200]]) {
    const p = await browser.newPage({ viewport: { width, height } });
    p.on("pageerror", (err) => consoleErrors.push(String(err)));
    await p.goto(`${url}?lang=zh-Hans&lesson=eval_1`);
    await p.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    await p.waitForSelector("#lesson:not([hidden]) h2", { timeout: 20000 });
    await settle();
    await p.evaluate((y) => scrollTo(0, y), y);
    await settle();
    const box = await p.locator("#lesson-reveal").boundingBox();
    expect(box.y > 0 && box.y + box.height < height, `${width}: Reveal off the screen at ${y}: ${JSON.stringify(box)}`);
    await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await p.waitForSelector("#lesson-answer");
    await settle();
    await p.waitForTimeout(600); // a smooth scroll, if any, ends
    const [at, focus, answer] = await p.evaluate(() => {
      const r = document.getElementById("lesson-answer").getBoundingClientRect();
      return [scrollY, document.activeElement?.id, [r.top, r.bottom]];
    });
    expect(focus === "lesson-answer", `${width}: the focus on ${focus}`);
    expect(answer[0] >= 0 && answer[1] <= height + 1, `${width}: the answer is not on the screen: ${answer}`);
    // On a wide screen the answer was on the screen where it appeared: nothing moved.
    if (width === 1400) expect(at === y, `${width}: the page moved from ${y} to ${at}`);
    await p.close();
  }
});

// The Train view's code boxes wrap (a 16rem column, a phone): a Chinese comment breaks between
// words, as the App's own lines do (export::comment_lines), never inside a run of Chinese
// characters unless the run is longer than the line (the browser broke between any two).
await check("the Train view's code breaks Chinese comments between words on a phone (zh-Hans, zh-Hant)", async () => {
  for (const lang of ["zh-Hans", "zh-Hant"]) {
    const p = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
    p.on("pageerror", (err) => consoleErrors.push(String(err)));
    await p.goto(`${url}?lang=${lang}&view=train`);
    await p.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15000 });
    await p.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.getElementById("t-snippet").textContent), null, { timeout: 20000 });
    await p.locator("#t-fold-code").screenshot({ path: path.join(artifacts, `train-code-${lang}.png`) }).catch(() => {});
    const bad = await p.evaluate(() => {
      const han = (c) => /\p{Script=Han}/u.test(c ?? "");
      const out = [];
      for (const id of ["t-snippet", "t-models", "t-fold-snippet"]) {
        const el = document.getElementById(id);
        if (!el.getClientRects().length) continue;
        const node = el.firstChild;
        if (!node) continue;
        const s = node.data;
        const range = document.createRange();
        let top = null;
        const starts = [0]; // where each line starts (its first character)
        for (let i = 0; i < s.length; i++) {
          if (s[i] === "\n") continue;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const r = range.getClientRects()[0];
          if (!r) continue;
          if (top !== null && r.top > top + 2 && s[i - 1] !== "\n") {
            // A break the browser made between two Han characters: only where the run began
            // at the start of the line before, or earlier (longer than a line).
            if (han(s[i - 1]) && han(s[i])) {
              let run = i - 1;
              while (run > 0 && han(s[run - 1])) run -= 1;
              if (run > starts[starts.length - 1]) out.push(`${id}: …${s.slice(Math.max(0, i - 8), i)}|${s.slice(i, i + 8)}…`);
            }
            starts.push(i);
          } else if (s[i - 1] === "\n") starts.push(i);
          top = r.top;
        }
      }
      return out;
    });
    expect(bad.length === 0, `${lang}: broken inside a word: ${bad.join(" ; ")}`);
    await p.close();
  }
});

await check("a screen reader hears each slider's value, not its position (eps 1e-05, not -5), and no value chatter", async () => {
  await page.click("#tab-lab");
  await settle();
  expect(await page.getAttribute("#eps", "aria-valuetext") === await text("#eps-out"), `eps: ${await page.getAttribute("#eps", "aria-valuetext")}`);
  expect(await page.getAttribute("#spread", "aria-valuetext") === await text("#spread-out"), "spread σ");
  const live = await page.evaluate(() => [...document.querySelectorAll("output")].filter((o) => o.getAttribute("aria-live") !== "off").map((o) => o.id));
  expect(live.length === 0, `outputs that speak on every frame of Play: ${live}`);
  expect(await page.getAttribute("#help", "aria-label") === "Keyboard shortcuts (?)", "the ? button's name");
});

// The notice is a live region: written again each frame, it was laid out again every frame, and
// a screen reader may hear it again at each. It is written when it changes and after an action.
await check("the notice is written once per action: a frame without one leaves it, the same refusal again is said again", async () => {
  await page.goto(url); // the default page (an earlier check's own data holds the batch size)
  await page.waitForSelector("body[data-ready=true]", { state: "attached" });
  const refuse = async () => {
    await page.fill("#batch-size", "0");
    await page.press("#batch-size", "Enter");
    await settle();
  };
  await refuse();
  const said = await text("#notice");
  expect(said.includes("batch size N"), `notice: ${said}`);
  await page.evaluate(() => {
    window.__noticeWrites = 0;
    new MutationObserver((m) => (window.__noticeWrites += m.length)).observe(document.getElementById("notice"), { childList: true, characterData: true, subtree: true });
  });
  await page.setViewportSize({ width: 1300, height: 1000 }); // frames, no action
  await settle();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await settle();
  expect(await page.evaluate(() => window.__noticeWrites) === 0, "frames without an action wrote the notice again");
  await refuse();
  expect(await page.evaluate(() => window.__noticeWrites) > 0, "the refusal repeated was not written again");
  expect(await text("#notice") === said, `notice: ${await text("#notice")}`);
  await page.fill("#batch-size", "32");
  await page.press("#batch-size", "Enter");
  await settle();
});

// A chart that cannot be drawn (the browser gives its canvas no 2D context): the notice is the
// App's, in the page's language, naming the chart by the title it draws — on the page (its words
// were the browser's English "this canvas has no 2D context", hidden at once by the frame's own
// notice) and for a PNG download (uncaught, nothing said).
await check("a chart that cannot be drawn is named by its title, in the page's language, on the page and as PNG", async () => {
  const cases = [
    ["en", "Feature 0: input x vs output y", "Feature 0: running statistics over steps", "could not be drawn"],
    ["zh-Hans", "特征 0：输入 x 与输出 y", "特征 0：各步的运行统计量", "无法绘制"],
  ];
  for (const [lang, distribution, running, words] of cases) {
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    other.on("pageerror", (err) => errors.push(String(err)));
    await other.goto(`${url}?lang=${lang}`);
    await other.waitForSelector("body[data-ready=true]");
    await other.waitForFunction(() => document.getElementById("chart-running").dataset.drawn !== undefined);
    // PNG: its canvas, made off the page, gets no 2D context.
    await other.evaluate(() => {
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (...args) { return this.isConnected ? real.apply(this, args) : null; };
    });
    await other.locator('button[data-chart="chart-distribution"]', { hasText: "PNG" }).click();
    await other.waitForFunction(() => !document.getElementById("notice").hidden); // drawn in the next frame
    const png = await other.evaluate(() => { const n = document.getElementById("notice"); return n.hidden ? "" : n.textContent; });
    expect(png.includes(distribution) && png.includes(words), `${lang} PNG: ${JSON.stringify(png)}`);
    expect(!png.includes("chart-") && !/context|failed/.test(png), `${lang} PNG names the canvas or the browser's words: ${png}`);
    // On the page: the running chart's canvas swapped for one that has another kind of context.
    await other.evaluate(() => {
      const old = document.getElementById("chart-running");
      const canvas = old.cloneNode();
      old.replaceWith(canvas);
      canvas.getContext("bitmaprenderer");
    });
    await other.click("#step");
    await other.waitForTimeout(300);
    const said = await other.evaluate(() => { const n = document.getElementById("notice"); return n.hidden ? "" : n.textContent; });
    expect(said.includes(running) && said.includes(words), `${lang} on the page: ${JSON.stringify(said)}`);
    expect(!said.includes("chart-") && !/context/.test(said), `${lang} names the canvas or the browser's words: ${said}`);
    expect(errors.length === 0, errors.join(" | "));
    await other.close();
  }
});

await check("no console errors", async () => {
  expect(consoleErrors.length === 0, consoleErrors.join(" | "));
});

await browser.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
