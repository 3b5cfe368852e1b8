// Every screen in the room: phones and tablets with touch, a laptop, presenter mode on a
// 1280×720 and a 1920×1080 projector, slides (SVG and PNG of every chart), the Share dialog's
// QR code, and print. Usage: node tests/e2e/screens.mjs http://127.0.0.1:PORT/
// Screenshots go to tests/artifacts/screens-*.png (look at them: a chart nobody can read at that
// size is a bug).
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const url = process.argv[2];
if (!url) {
  console.error("usage: node screens.mjs URL");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "..", "artifacts");
mkdirSync(artifacts, { recursive: true });
const jsQR = readFileSync(path.join(here, "node_modules", "jsqr", "dist", "jsQR.js"), "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

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

const VIEWS = {
  lab: ["chart-distribution", "chart-running", "chart-features", "chart-samples"],
  norms: ["chart-norm-grid", "chart-norm-outputs"],
  train: ["chart-curves", "chart-percentiles", "chart-sweep", "chart-digits"],
};

// Each chart's title, as it draws it (in English).
const TITLES = {
  "chart-distribution": /Feature \d+: input x vs output y/,
  "chart-running": /Feature \d+: running statistics over steps/,
  "chart-features": /All \d+ features: mean ± σ before and after/,
  "chart-samples": /Feature \d+: each sample before and after/,
  "chart-norm-grid": /outlined: same mean and σ/,
  "chart-norm-outputs": /Each layer's output y/,
  "chart-curves": /Training loss and test accuracy/,
  "chart-percentiles": /(Hidden unit|Unit) \d+/,
  "chart-sweep": /Learning-rate sweep: test accuracy/,
  "chart-digits": /Test digits and the two models' guesses/,
  "chart-gradients": /Feature \d+: ∂L\/∂x of each sample/,
  "chart-landscape": /Fig\. 4's measures \(Santurkar et al\. 2018\): model A against model B/,
  "chart-batch-sweep": /Test accuracy against batch size, \d+ epochs? each \(Wu & He 2018: their Fig\. 1 plots the error/,
};

const SCREENS = [
  { name: "phone", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true },
  { name: "tablet", viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
  { name: "tablet-landscape", viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true },
  { name: "presenter-720p", viewport: { width: 1280, height: 720 }, presenter: true },
  { name: "presenter-1080p", viewport: { width: 1920, height: 1080 }, presenter: true },
];

async function open(screen, query = "") {
  const context = await browser.newContext({
    viewport: screen.viewport,
    deviceScaleFactor: screen.deviceScaleFactor ?? 1,
    hasTouch: Boolean(screen.hasTouch),
    isMobile: Boolean(screen.isMobile),
    acceptDownloads: true,
    bypassCSP: true, // only so the test can add jsQR to the page
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  const q = [query, screen.presenter ? "present=1" : ""].filter(Boolean).join("&");
  await page.goto(q ? `${url}?${q}` : url);
  await page.waitForSelector("body[data-ready=true]");
  await settle(page);
  return { context, page, errors };
}

const settle = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));

async function showView(page, view) {
  await page.locator(`#tab-${view}`).click();
  await settle(page);
  if (view === "train") {
    await page.waitForFunction(() => document.getElementById("t-status").textContent.length > 0);
    await page.locator("#t-step").click();
    await settle(page);
  }
}

// Where each chart is, whether it shows the page's state — each scrolled to as a person would
// (a change draws only the charts on or near the screen), its pixels those of the App's drawing
// of it now on a canvas of its size — and how wide the document is.
async function layout(page, ids) {
  return page.evaluate(async (ids) => {
    const frames = (n) => new Promise((r) => (n ? requestAnimationFrame(() => frames(n - 1).then(r)) : setTimeout(r, 50)));
    const textScale = Math.max(1, parseFloat(getComputedStyle(document.getElementById("text-size")).fontSize) / 16 || 1);
    const pixels = (c) => c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const drawn = {};
    for (const id of ids) {
      const canvas = document.getElementById(id);
      canvas.scrollIntoView({ block: "center" });
      await frames(3);
      const fresh = document.createElement("canvas");
      [fresh.width, fresh.height] = [canvas.width, canvas.height];
      window.playground.draw(id, fresh, devicePixelRatio * textScale);
      const [shown, now] = [pixels(canvas), pixels(fresh)];
      drawn[id] = canvas.dataset.drawn !== undefined && shown.length === now.length && shown.every((v, i) => v === now[i]);
    }
    window.scrollTo(0, 0);
    await frames(2);
    return {
      width: innerWidth,
      height: innerHeight,
      scrollWidth: document.scrollingElement.scrollWidth,
      charts: ids.map((id) => {
        const c = document.getElementById(id);
        const r = c.getBoundingClientRect();
        return { id, left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY, cssWidth: c.clientWidth,
          pixelWidth: c.width, drawn: drawn[id], ratio: devicePixelRatio };
      }),
    };
  }, ids);
}

// The SVG of chart `id` drawn at its canvas's size (it lays out as the canvas does), and its texts.
// Chart `id` as SVG at its canvas's size and text scale (as main.js draws it and downloads it).
const svgOf = (page, id) => page.evaluate((id) => {
  const c = document.getElementById(id);
  const text = Math.max(1, parseFloat(getComputedStyle(document.getElementById("text-size")).fontSize) / 16 || 1);
  return window.playground.chart_svg(id, c.clientWidth, c.clientHeight, text);
}, id);

for (const screen of SCREENS) {
  const { context, page, errors } = await open(screen);
  for (const [view, ids] of Object.entries(VIEWS)) {
    await showView(page, view);
    const shot = path.join(artifacts, `screens-${screen.name}-${view}.png`);
    await page.screenshot({ path: shot, fullPage: false });
    await page.screenshot({ path: shot.replace(".png", "-full.png"), fullPage: true });
    const l = await layout(page, ids);
    await check(`${screen.name} ${view}: no sideways scroll (scrollWidth ${l.scrollWidth} ≤ ${l.width})`, async () => {
      expect(l.scrollWidth <= l.width, `scrollWidth ${l.scrollWidth} > ${l.width}`);
    });
    await check(`${screen.name} ${view}: every chart inside the screen, sized to its box and drawn`, async () => {
      for (const c of l.charts) {
        expect(c.left >= 0 && c.right <= l.width + 0.5, `${c.id} spans ${c.left}…${c.right} of ${l.width}`);
        expect(Math.abs(c.pixelWidth - Math.round(c.cssWidth * c.ratio)) <= 1, `${c.id}: ${c.pixelWidth} px for ${c.cssWidth} CSS px × ${c.ratio}`);
        expect(c.drawn, `${c.id} does not show the page's state once scrolled to`);
      }
    });
    // Drawn is not enough: a chart that drew "Too small to draw" showed its state (at 1280×720
    // in presenter mode the test digits said it in a 449 × 426 box). Its SVG at its canvas's
    // size and text scale lays out as the canvas does (the small module draws no SVG: the lab
    // view's charts there are checked where the full module has come).
    await check(`${screen.name} ${view}: no chart says it is too small to draw`, async () => {
      const small = [];
      for (const id of ids) {
        const svg = await svgOf(page, id);
        if (svg.includes("Too small to draw")) small.push(id);
      }
      expect(small.length === 0, `${small.join(", ")} too small to draw`);
    });
    if (screen.presenter) {
      // BatchNorm1d and Train: the toolbar and the two top charts; Which axis?: its grid, whole.
      const count = view === "norms" ? 1 : 2;
      await check(`${screen.name} ${view}: the first screen holds the toolbar and ${count} chart(s)`, async () => {
        const first = l.charts.slice(0, count);
        for (const c of first) expect(c.bottom <= l.height, `${c.id} ends at ${c.bottom} of ${l.height}`);
        if (view === "lab") {
          const bar = await page.locator("#toolbar").boundingBox();
          expect(bar.y >= 0 && bar.y + bar.height <= l.height, "toolbar not on the first screen");
        }
      });
    }
  }
  await check(`${screen.name}: no console errors`, async () => expect(errors.length === 0, errors.join(" | ")));
  await context.close();
}

// Every text of an SVG with its place and size in pixels (plotters writes a font of s px as
// font-size="s / 1.24", tests/support/svg.rs).
const svgTextsAt = (svg) => [...svg.matchAll(/<text x="(-?[\d.]+)" y="(-?[\d.]+)"([^>]*)>([^<]*)<\/text>/g)]
  .map((m) => ({ x: Number(m[1]), y: Number(m[2]), size: 1.24 * Number(/font-size="([\d.]+)/.exec(m[3])?.[1] ?? NaN), text: m[4].trim() }));
const svgTexts = (svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());
// The numbers drawn as text, grouped by `line` ("x": those drawn at one x, a column; "y": a row):
// the group with the most of them, the axis's, sorted along it.
function axisNumbers(svg, line) {
  const groups = new Map();
  for (const m of svg.matchAll(/<text x="(-?[\d.]+)" y="(-?[\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
    if (!/^[−-]?\d+(\.\d+)?(e-?\d+)?$/.test(m[3].trim())) continue;
    const at = line === "x" ? m[1] : m[2];
    groups.set(at, [...(groups.get(at) ?? []), { x: Number(m[1]), y: Number(m[2]), text: m[3].trim() }]);
  }
  const along = line === "x" ? "y" : "x";
  return ([...groups.values()].sort((a, b) => b.length - a.length)[0] ?? []).sort((a, b) => a[along] - b[along]);
}
// The x axis's numbers, left to right.
const xTicks = (svg) => axisNumbers(svg, "y");
// The y axes' numbers: the numbers drawn at one x (right-aligned under each other), the column
// with the most; split where the gap is largest into the top and the bottom panel's.
function yTicksOfTwoPanels(svg) {
  const ticks = axisNumbers(svg, "x");
  let cut = 1;
  for (let k = 1; k < ticks.length; k++) if (ticks[k].y - ticks[k - 1].y > ticks[cut].y - ticks[cut - 1].y) cut = k;
  return [ticks.slice(0, cut), ticks.slice(cut)];
}
// Whether every cell of `box`'s table is inside it and the box does not scroll sideways.
const tableFits = (page, box) => page.evaluate((box) => {
  const el = document.querySelector(box);
  const right = Math.min(innerWidth, el.getBoundingClientRect().right);
  // Not the header row where the rows are drawn as cards (clipped to 1 px: for screen readers).
  const cells = [...el.querySelectorAll("th, td")].filter((c) => (c.closest("thead") ?? c).getBoundingClientRect().width > 1);
  const out = cells.filter((c) => c.getBoundingClientRect().right > right + 0.5 || c.scrollWidth > c.clientWidth + 1);
  return { cells: cells.length, scroll: el.scrollWidth, width: el.clientWidth,
    out: out.map((c) => c.textContent.slice(0, 30)) };
}, box);

const PROJECTORS = [SCREENS[3], SCREENS[4]];
const SHORT_PROJECTORS = [SCREENS[3], { name: "presenter-768p", viewport: { width: 1366, height: 768 }, presenter: true }];
const LANGS = ["en", "zh-Hans"];
// The Train view after 100 steps of training.
async function openTrain(screen, query = "") {
  const opened = await open(screen, ["view=train&tsteps=100", query].filter(Boolean).join("&"));
  await opened.page.waitForFunction(() => /100/.test(document.getElementById("t-status").textContent), null, { timeout: 30000 });
  await settle(opened.page);
  return opened;
}

// Presenter mode's "Which axis?", in English and Chinese on both projectors: the four grids with
// every row and feature labelled, the layers' names whole, on the first screen (in the settings'
// column they were drawn 1 × 4 with 5 px cells, one row and every other feature labelled).
for (const screen of PROJECTORS) {
  for (const lang of LANGS) {
    const { context, page } = await open(screen, `view=norms&lang=${lang}`);
    await check(`${screen.name} ${lang} norms: the four grids with every row and feature labelled, names whole`, async () => {
      const t = svgTexts(await svgOf(page, "chart-norm-grid"));
      for (const label of ["n=0", "n=3", "c=0", "c=5"]) {
        expect(t.filter((x) => x === label).length >= 4, `${label} in fewer than four grids: ${t.join(" | ")}`);
      }
      expect(!t.some((x) => x.includes("…")), `cut: ${t.filter((x) => x.includes("…")).join(" | ")}`);
      expect(t.includes("LayerNorm([6, 5], elementwise_affine=False)"), `LayerNorm's name broken: ${t.join(" | ")}`);
      const grid = await page.locator("#chart-norm-grid").boundingBox();
      expect(grid.y >= 0 && grid.y + grid.height <= screen.viewport.height, `the grid at ${grid.y}…${grid.y + grid.height}`);
    });
    await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-norms.png`) });
    await context.close();
  }
}

// The y axes of a chart's SVG: the vertical lines drawn in the text colour, longer than a tick.
// (The papers' charts keep plotters' own black axes: `colour` "000000".)
const yAxes = (svg, colour = "191919") => [...svg.matchAll(new RegExp(`<polyline [^>]*stroke="#${colour}"[^>]*points="(-?[\\d.]+),(-?[\\d.]+) (-?[\\d.]+),(-?[\\d.]+) "`, "g"))]
  .map((m) => m.slice(1).map(Number)).filter(([x1, y1, x2, y2]) => x1 === x2 && Math.abs(y2 - y1) > 20)
  .map(([x, y1, , y2]) => ({ x, height: Math.abs(y2 - y1) }));

// Presenter mode's running statistics on both projectors: each of the two panels' plots at least
// 150 px high, readable from the back of a room (at 1280×720, stacked beside the settings, they
// were ~55 px); the toolbar and the two top charts still on the first screen (checked above).
for (const screen of PROJECTORS) {
  const { context, page } = await open(screen);
  await check(`${screen.name}: the running statistics' two plots are each 150 px high or more`, async () => {
    // The first view runs the small module, which draws no SVG: its SVG button loads the full one.
    const button = page.locator('.chart-tools button[data-chart="chart-running"]').first();
    await Promise.all([page.waitForEvent("download"), button.click()]);
    await page.waitForFunction(() => window.playground.chart_svg?.("chart-running", 300, 300).length > 0);
    await settle(page);
    const axes = yAxes(await svgOf(page, "chart-running"));
    expect(axes.length === 2 && axes.every((a) => a.height >= 150), `plots ${axes.map((a) => a.height).join(", ")} px high`);
    const box = await page.locator("#chart-running").boundingBox();
    expect(box.y + box.height <= screen.viewport.height, `the chart ends at ${box.y + box.height}`);
  });
  await page.locator("#chart-running").screenshot({ path: path.join(artifacts, `screens-${screen.name}-running.png`) });
  await context.close();
}

// The papers' charts on both projectors and a phone, read from the back of the room: Santurkar
// et al.'s three plots each 120 px high or more (CSS px; ~100 at 1280×720 in half the view's
// width; 180 on a phone, where they were 57–76, its text 11 px or more) over a named "step"
// axis, and Wu & He's plot 250 px or more (150 on a phone, where it was 78) with its numbers as
// large as its legend (~110 px high with 0.85-size numbers at 720p). Each chart fits on one
// screen, but for Santurkar et al.'s on a phone (three readable plots need more than 844 px).
for (const screen of [...PROJECTORS, SCREENS[0]]) {
  const { context, page } = await open(screen, "view=train&tpreset=santurkar&tsteps=60");
  await page.waitForFunction(() => /60/.test(document.getElementById("t-status").textContent), null, { timeout: 60000 });
  await page.locator("#t-bs-epochs").fill("1");
  await page.locator("#t-bs-epochs").press("Enter");
  await page.locator("#t-bsweep").click();
  await page.waitForFunction(() => document.getElementById("t-bsweep-cancel").disabled, null, { timeout: 120000 });
  await settle(page);
  const heightOf = (id) => page.evaluate((id) => document.getElementById(id).clientHeight, id);
  await check(`${screen.name} train: Santurkar et al.'s three plots high enough, over a "step" axis`, async () => {
    const svg = await svgOf(page, "chart-landscape");
    const axes = yAxes(svg, "000000");
    const least = screen.presenter ? 120 : 180;
    expect(axes.length === 3 && axes.every((a) => a.height >= least), `plots ${axes.map((a) => a.height).join(", ")} px high`);
    expect(svgTexts(svg).includes("step"), `no "step" under the plots: ${svgTexts(svg).join(" | ")}`);
    const small = svgTextsAt(svg).filter((t) => !(t.size >= 11));
    expect(small.length === 0, `text under 11 px: ${small.map((t) => `${t.text} ${t.size}`).join(" | ")}`);
    if (screen.presenter) expect(await heightOf("chart-landscape") <= screen.viewport.height, "taller than the screen");
  });
  if (!screen.presenter) {
    // The percentiles under the preset's three-line title and two-line captions: each plot 150 px
    // high or more on a phone (they were 79 px).
    await check(`${screen.name} train: under Santurkar et al.'s preset, the percentiles' two plots 150 px high or more`, async () => {
      const axes = yAxes(await svgOf(page, "chart-percentiles"));
      expect(axes.length === 2 && axes.every((a) => a.height >= 150), `plots ${axes.map((a) => a.height).join(", ")} px high`);
    });
  }
  await check(`${screen.name} train: Wu & He's plot high enough, its numbers as large as its legend`, async () => {
    const svg = await svgOf(page, "chart-batch-sweep");
    const axes = yAxes(svg, "000000");
    const least = screen.presenter ? 250 : 150;
    expect(axes.length === 1 && axes[0].height >= least, `plot ${axes.map((a) => a.height).join(", ")} px high`);
    const at = svgTextsAt(svg);
    const legend = at.find((t) => t.text === "with GroupNorm")?.size ?? NaN;
    const ticks = at.filter((t) => t.text === "128" || t.text === "100 %");
    expect(ticks.length === 2 && ticks.every((t) => Math.abs(t.size - legend) < 0.5), `numbers ${ticks.map((t) => t.size)} px, legend ${legend} px`);
    expect(await heightOf("chart-batch-sweep") <= screen.viewport.height, "taller than the screen");
  });
  for (const id of ["chart-landscape", "chart-batch-sweep"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await settle(page);
    await page.locator(`#${id}`).screenshot({ path: path.join(artifacts, `screens-${screen.name}-${id}.png`) });
  }
  await context.close();
}

// The Train view's percentiles on a phone and on both projectors: a scale on each panel's y axis
// (a lone "0" was all of it).
for (const [screen, lang] of [[SCREENS[0], "en"], ...PROJECTORS.flatMap((s) => LANGS.map((l) => [s, l]))]) {
  const { context, page } = await openTrain(screen, `lang=${lang}`);
  await check(`${screen.name} ${lang} train: each percentile panel's y axis has two or more numbers`, async () => {
    const [top, bottom] = yTicksOfTwoPanels(await svgOf(page, "chart-percentiles"));
    expect(top.length >= 2 && bottom.length >= 2, `y ticks ${top.map((t) => t.text)} / ${bottom.map((t) => t.text)}`);
  });
  if (screen.name === "presenter-1080p") {
    // Each panel's caption keeps its numbers (at 1080p they took two lines, and the model's name
    // alone, one line, was drawn instead).
    await check(`${screen.name} ${lang} train: each percentile panel's caption gives its 15th, 50th and 85th percentile`, async () => {
      const all = svgTexts(await svgOf(page, "chart-percentiles")).join(" ");
      const numbers = all.match(/(85th|第 85) [−-]?\d/g) ?? [];
      expect(numbers.length === 2, `${numbers.length} captions with numbers: ${all}`);
    });
  }
  await page.locator("#chart-percentiles").screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-percentiles.png`) });
  await context.close();
}

// The Train view's two top charts, read from the back of the room and on a phone: each plot of
// the training curves and of the percentiles about 120 px high or more on a phone and on the
// three projectors (at 1280×720 in presenter mode, beside 13rem of settings, they were 89 and
// 72 px, now 135 and 119; on a phone the curves' were 52), both charts still on the projector's
// first screen, and no lower than they were on the tablets (99 and 87 px upright, 99 and 75
// across).
for (const [screen, least] of [[SCREENS[0], [120, 120]], [SCREENS[1], [99, 87]], [SCREENS[2], [99, 75]], [SCREENS[3], [115, 115]],
  [SHORT_PROJECTORS[1], [120, 120]], [SCREENS[4], [120, 120]]]) {
  for (const lang of screen.presenter || screen.name === "phone" ? ["en", "zh-Hans"] : ["en"]) {
    const { context, page } = await openTrain(screen, `lang=${lang}`);
    await check(`${screen.name} ${lang} train: the curves' and the percentiles' plots ${least.join(" and ")} px high or more`, async () => {
      const heights = [];
      for (const id of ["chart-curves", "chart-percentiles"]) heights.push(yAxes(await svgOf(page, id)).map((a) => a.height));
      expect(heights.every((h, k) => h.length === 2 && h.every((x) => x >= least[k])),
        `curves ${heights[0].join(", ")} px, percentiles ${heights[1].join(", ")} px`);
      if (screen.presenter) {
        for (const id of ["chart-curves", "chart-percentiles"]) {
          const box = await page.locator(`#${id}`).boundingBox();
          expect(box.y >= 0 && box.y + box.height <= screen.viewport.height, `${id} at ${box.y}…${box.y + box.height}`);
        }
      }
    });
    if (lang === "en") await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-train-plots.png`) });
    await context.close();
  }
}

// The fold table (ten columns) on a phone, a tablet, a 1280×720 laptop and both projectors in
// presenter mode: every cell inside its box, no sideways scroll (its last header was cut at 1280,
// most of the table on a phone); a table wherever its columns fit — the laptop and the
// projectors, in every language (at 1280 px it was cards) — and cards on a phone and a tablet.
// The fold check's code wraps in its box like the Train code (it scrolled sideways on a tablet),
// and a copy of it is the App's text, line for line (the page adds no break).
const LAPTOP = { name: "laptop-720p", viewport: { width: 1280, height: 720 } };
const FOLD_SCREENS = [[SCREENS[0], "en", false], [SCREENS[1], "en", false], [SCREENS[1], "zh-Hant", false],
  ...[LAPTOP, ...PROJECTORS].flatMap((s) => ["en", "zh-Hant", "zh-Hans"].map((l) => [s, l, true]))];
for (const [screen, lang, table] of FOLD_SCREENS) {
  const { context, page } = await openTrain(screen, `lang=${lang}`);
  await page.waitForSelector("#t-fold table", { state: "attached", timeout: 30000 });
  await check(`${screen.name} ${lang}: the fold table ${table ? "as a table" : "as cards"}, every cell inside its box, no sideways scroll`, async () => {
    const r = await tableFits(page, "#t-fold");
    expect(r.cells >= 30, `${r.cells} cells`);
    expect(r.scroll <= r.width, `the table scrolls sideways: ${r.scroll} > ${r.width} px`);
    expect(r.out.length === 0, `${r.out.length} cells cut: ${r.out.slice(0, 4).join(" | ")}`);
    const shown = await page.evaluate(() => getComputedStyle(document.querySelector("#t-fold table")).display);
    expect((shown === "table") === table, `the fold table is drawn as ${shown === "table" ? "a table" : "cards"} at ${screen.viewport.width} px`);
  });
  if (table) {
    // Column names of at most two lines ("running_⏎mean"); their formulas in the key under the
    // table (in them, each header broke into six or seven lines at 1280×720 in presenter mode).
    await check(`${screen.name} ${lang}: the fold table's column names are one or two lines, the formulas under it`, async () => {
      const r = await page.evaluate(() => ({
        heads: [...document.querySelectorAll("#t-fold thead th")].map((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return [th.textContent, new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size];
        }),
        key: document.querySelector("#t-fold .fold-key")?.textContent ?? "",
      }));
      const tall = r.heads.filter(([, lines]) => lines > 2);
      expect(r.heads.length === 10 && tall.length === 0, `headers over two lines: ${tall.map(([t, n]) => `${t} (${n})`).join(" | ")}`);
      expect(r.key.includes("γ/√(running_var + eps)") && r.key.includes("(b₀ − running_mean) + β"), `the key: ${r.key}`);
    });
  }
  await check(`${screen.name} ${lang}: the fold check's code wraps inside its box, and copies as the App wrote it`, async () => {
    const r = await page.evaluate(() => {
      const pre = document.getElementById("t-fold-code");
      pre.scrollIntoView();
      const selection = getSelection();
      selection.selectAllChildren(document.getElementById("t-fold-snippet"));
      const copied = selection.toString();
      selection.removeAllRanges();
      return { scroll: pre.scrollWidth, width: pre.clientWidth, copied, text: document.getElementById("t-fold-snippet").textContent };
    });
    expect(r.text.includes("fuse_linear_bn_eval(with_bn[0], with_bn[1])"), "no fold check shown");
    expect(r.scroll <= r.width, `the code scrolls sideways: ${r.scroll} > ${r.width} px`);
    // (A selection leaves out the text's last line break.)
    expect(r.copied === r.text.replace(/\n$/, ""), `a copy differs from the App's text: ${JSON.stringify(r.copied.slice(0, 200))}`);
  });
  await page.locator("#t-fold").screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-fold.png`) });
  await page.locator("#t-fold-code").screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-fold-code.png`) });
  await context.close();
}

// Presenter mode with the "Which axis?" lesson open, on both projectors in every language: the
// lesson takes the left column, and the narrower grid still labels every sample's row in all
// four grids (at 1280×720 only n=1 and n=3 were), on the first screen.
for (const screen of PROJECTORS) {
  for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
    const { context, page } = await open(screen, `lesson=axis_0&lang=${lang}`);
    await check(`${screen.name} ${lang}: the "Which axis?" lesson beside the grid, every row labelled in the four grids`, async () => {
      await page.waitForFunction(() => !document.getElementById("lesson").hidden, null, { timeout: 20000 });
      await page.waitForFunction(() => window.playground.chart_svg?.("chart-norm-grid", 300, 300).length > 0, null, { timeout: 20000 });
      const t = svgTexts(await svgOf(page, "chart-norm-grid"));
      for (const label of ["n=0", "n=1", "n=2", "n=3", "c=0", "c=5"]) {
        expect(t.filter((x) => x === label).length >= 4, `${label} in fewer than four grids: ${t.join(" | ")}`);
      }
      const grid = await page.locator("#chart-norm-grid").boundingBox();
      const lesson = await page.locator("#lesson").boundingBox();
      expect(grid.y >= 0 && grid.y + grid.height <= screen.viewport.height, `the grid at ${grid.y}…${grid.y + grid.height}`);
      expect(lesson.x + lesson.width <= grid.x, "the lesson is not beside the grid");
    });
    await check(`${screen.name} ${lang}: beside the "Which axis?" lesson, every chart's SVG and PNG button whole and reachable`, async () => {
      // (Seen cut at the right edge at 1280×720 once.) Each scrolled to as a person would, whole
      // inside the screen and its box, and what a click at its right end reaches.
      const buttons = page.locator("#view-norms .chart-tools button");
      expect((await buttons.count()) === 4, `${await buttons.count()} chart buttons`);
      for (const button of await buttons.all()) {
        await button.scrollIntoViewIfNeeded();
        const r = await button.evaluate((b) => {
          const box = b.getBoundingClientRect();
          let clipped = "";
          for (let e = b.parentElement; e; e = e.parentElement) {
            const outer = e.getBoundingClientRect();
            if (getComputedStyle(e).overflowX !== "visible" && (box.right > outer.right + 0.5 || box.left < outer.left - 0.5)) clipped = e.id || e.className;
          }
          const hit = document.elementFromPoint(box.right - 2, box.top + box.height / 2);
          return { left: box.left, right: box.right, width: document.documentElement.clientWidth, clipped,
            reached: b.contains(hit), name: `${b.dataset.chart} ${b.textContent.trim()}` };
        });
        expect(r.left >= 0 && r.right <= r.width && !r.clipped && r.reached,
          `${r.name} at ${r.left}…${r.right} of ${r.width}${r.clipped ? `, cut by ${r.clipped}` : ""}${r.reached ? "" : ", not reached"}`);
      }
    });
    await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-axis-lesson.png`) });
    await context.close();
  }
}

// Presenter mode: the charts' text grows with the page's type on a 1080p projector as on a 720p
// one (it stayed at 18.9 px there beside the page's 28 px type, a third smaller for the room):
// each chart's largest text (its title) at least 0.95 of the page's type (1.03 at 720p), in the
// Lab, "Which axis?" and Train.
for (const screen of PROJECTORS) {
  for (const [view, ids] of [["lab", ["chart-distribution", "chart-running"]], ["norms", ["chart-norm-grid", "chart-norm-outputs"]],
    ["train", ["chart-curves", "chart-percentiles"]]]) {
    const { context, page } = await (view === "train" ? openTrain(screen) : open(screen, `view=${view}`));
    if (view !== "lab") {
      await page.waitForFunction(() => window.playground.chart_svg?.("chart-norm-grid", 300, 300).length > 0, null, { timeout: 20000 });
    } else {
      // The first view's small module draws no SVG: a download loads the full one.
      const button = page.locator('.chart-tools button[data-chart="chart-running"]').first();
      await Promise.all([page.waitForEvent("download"), button.click()]);
      await page.waitForFunction(() => window.playground.chart_svg?.("chart-running", 300, 300).length > 0);
      await settle(page);
    }
    await check(`${screen.name} ${view}: the charts' text grows with the page's type`, async () => {
      const type = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      for (const id of ids) {
        const largest = Math.max(...svgTextsAt(await svgOf(page, id)).map((t) => t.size).filter((v) => v > 0));
        expect(largest >= 0.95 * type, `${id}: text up to ${largest.toFixed(1)} px beside the page's ${type} px type`);
      }
    });
    await context.close();
  }
}

// A chart's PNG on a 1080p projector is the chart as on the screen, its text grown with the
// presenter type as the canvas's (it was drawn at the browser's text size alone, a third smaller):
// the downloaded image, pixel for pixel, is the App's drawing at the page's text scale.
{
  const { context, page } = await open(SCREENS[4]);
  await check("presenter-1080p: the distribution chart's PNG has the screen's text scale", async () => {
    const button = page.locator('.chart-tools button[data-chart="chart-distribution"]').nth(1);
    const [png] = await Promise.all([page.waitForEvent("download"), button.click()]);
    const data = readFileSync(await png.path()).toString("base64");
    const same = await page.evaluate(async (data) => {
      const canvas = document.getElementById("chart-distribution");
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const read = (c) => c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const saved = document.createElement("canvas");
      [saved.width, saved.height] = [image.width, image.height];
      saved.getContext("2d").drawImage(image, 0, 0);
      const ratio = Math.max(2 * devicePixelRatio, 800 / canvas.clientWidth);
      const text = Math.max(1, parseFloat(getComputedStyle(document.getElementById("text-size")).fontSize) / 16 || 1);
      const fresh = document.createElement("canvas");
      [fresh.width, fresh.height] = [image.width, image.height];
      window.playground.draw("chart-distribution", fresh, ratio * text);
      const [a, b] = [read(saved), read(fresh)];
      let differ = 0;
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 2) differ += 1;
      return { text, differ, size: a.length };
    }, data);
    expect(same.text > 1.2, `the page's text scale is ${same.text}`);
    expect(same.differ === 0, `${same.differ} of ${same.size} values differ from the App's drawing at text scale ${same.text}`);
  });
  await context.close();
}

// Presenter mode's "Which axis?" beside its lesson on a 1280×720 and a 1366×768 projector, in
// every language: every panel of the layers' outputs drawn (InstanceNorm1d's and GroupNorm's
// said "Too small to draw"), no text of either chart under 11 px, each panel's counts a line
// apart ("0", "5", "10", "15" were drawn on top of each other); the batch's legend inside its box
// (its second line hung out of it); the comparison table's words whole ("transfor⏎mers",
// "running_m⏎ean"), the table inside its box.
for (const screen of SHORT_PROJECTORS) {
  for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
    const { context, page } = await open(screen, `lesson=axis_0&lang=${lang}`);
    await page.waitForFunction(() => !document.getElementById("lesson").hidden, null, { timeout: 20000 });
    await page.waitForFunction(() => window.playground.chart_svg?.("chart-norm-outputs", 300, 300).length > 0, null, { timeout: 20000 });
    await settle(page);
    await check(`${screen.name} ${lang}: beside the "Which axis?" lesson, the four output panels drawn and read`, async () => {
      const svg = await svgOf(page, "chart-norm-outputs");
      const axes = yAxes(svg);
      expect(axes.length === 4, `${axes.length} of 4 panels drawn: ${svgTexts(svg).join(" | ")}`);
      for (const id of ["chart-norm-grid", "chart-norm-outputs"]) {
        const small = svgTextsAt(await svgOf(page, id)).filter((t) => t.text && !(t.size >= 11));
        expect(small.length === 0, `${id}: ${small.map((t) => `${t.text} ${t.size} px`).join(" | ")}`);
      }
      const columns = new Map();
      for (const t of svgTextsAt(svg).filter((t) => /^\d+$/.test(t.text))) columns.set(t.x, [...(columns.get(t.x) ?? []), t]);
      for (const column of columns.values()) {
        column.sort((a, b) => a.y - b.y);
        for (let k = 1; k < column.length; k++) {
          expect(column[k].y - column[k - 1].y >= column[k].size, `counts ${column[k - 1].text} and ${column[k].text} ${column[k].y - column[k - 1].y} px apart`);
        }
      }
    });
    await check(`${screen.name} ${lang}: beside the "Which axis?" lesson, the batch's legend inside its box`, async () => {
      const r = await page.evaluate(() => {
        const fieldset = document.querySelector(".norms-grid .controls fieldset");
        const legend = fieldset.querySelector("legend");
        const range = document.createRange();
        range.selectNodeContents(legend);
        const lines = new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size;
        const [f, l] = [fieldset.getBoundingClientRect(), legend.getBoundingClientRect()];
        return { lines, inside: l.top >= f.top + parseFloat(getComputedStyle(fieldset).borderTopWidth) + 0.5,
          left: l.left >= f.left - 0.5 && l.right <= f.right + 0.5, text: legend.textContent };
      });
      expect(r.left && (r.lines === 1 || r.inside), `"${r.text}": ${r.lines} lines, ${r.inside ? "inside" : "on"} the box's border${r.left ? "" : ", out at a side"}`);
    });
    await check(`${screen.name} ${lang}: beside the "Which axis?" lesson, the comparison table's words whole, inside its box`, async () => {
      const r = await page.evaluate(() => {
        const box = document.querySelector("#view-norms .scroll");
        const broken = [];
        const walker = document.createTreeWalker(box.querySelector("table.compare"), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          // Runs of Latin letters, digits and code (Chinese breaks between any two characters).
          for (const m of node.data.matchAll(/[\x21-\x7e]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
            if (tops.size > 1) broken.push(m[0]);
          }
        }
        return { broken, scroll: box.scrollWidth, width: box.clientWidth };
      });
      expect(r.broken.length === 0, `broken: ${r.broken.join(" | ")}`);
      expect(r.scroll <= r.width, `the table scrolls sideways: ${r.scroll} > ${r.width} px`);
    });
    await page.locator("#chart-norm-outputs").screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-axis-outputs.png`) });
    await page.locator("#view-norms .scroll").screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-axis-compare.png`) });
    await context.close();
  }
}

// Lesson 4, stage 1: a refused step. Each chart with nothing to show says only why (at 92 % white
// the chart's faded "No data yet — press Step", its title and buttons showed through the
// refusal): inside the figure, only white and the refusal's colour (no grey).
{
  const { context, page } = await open(SCREENS[2], "lesson=one_0");
  await page.waitForFunction(() => document.getElementById("fig-distribution").classList.contains("refused"), null, { timeout: 20000 });
  await check("tablet-landscape: lesson 'one' at its refused step — the charts show only the refusal", async () => {
    for (const id of ["fig-distribution", "fig-features", "fig-samples"]) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await settle(page);
      const png = await page.locator(`#${id}`).screenshot();
      const grey = await page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const c = document.createElement("canvas");
        [c.width, c.height] = [image.width, image.height];
        const g = c.getContext("2d");
        g.drawImage(image, 0, 0);
        const d = g.getImageData(16, 16, c.width - 32, c.height - 32).data; // inside the figure's rounded border
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          const [r, gr, b] = [d[i], d[i + 1], d[i + 2]];
          if (r < 245 && Math.abs(r - gr) < 8 && Math.abs(gr - b) < 8) n += 1;
        }
        return n;
      }, png.toString("base64"));
      expect(grey === 0, `#${id}: ${grey} grey pixels under the refusal`);
    }
  });
  await page.locator("#fig-distribution").screenshot({ path: path.join(artifacts, "screens-tablet-landscape-refused.png") });
  await context.close();
}

// Lesson 4 projected on 720p: the distribution panel's top is on the first screen, and what it
// says is there (centred in the tall panel it was drawn below the screen: the top blank white).
{
  const { context, page } = await open(SCREENS[3], "n=32&do=s6,n1&lesson=one_0");
  await page.waitForFunction(() => document.getElementById("fig-distribution").classList.contains("refused"), null, { timeout: 20000 });
  await settle(page);
  await check("presenter-720p: lesson 4's blank distribution panel says why on the first screen", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    const box = await page.locator("#fig-distribution").boundingBox();
    expect(box.y < 720 - 80, `the panel starts at ${box.y}`);
    const clip = { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: Math.min(box.height, 720 - box.y) - 8 };
    const png = await page.screenshot({ clip });
    const ink = await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const c = document.createElement("canvas");
      [c.width, c.height] = [image.width, image.height];
      const g = c.getContext("2d");
      g.drawImage(image, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 100 && d[i + 1] < 90 && d[i + 2] < 60) n += 1; // #8a1f00
      return n;
    }, png.toString("base64"));
    expect(ink > 200, `${ink} pixels of the refusal's ink on the first screen's part of the panel`);
    await page.screenshot({ path: path.join(artifacts, "screens-presenter-720p-lesson-one.png") });
  });
  await context.close();
}

// Presenter mode with a lesson open and its answer shown, in English and Chinese on both
// projectors: the toolbar and the two top charts whole on the first screen, the lesson beside
// them whole and readable (above them it took the top 460 px of a 720p screen).
for (const screen of PROJECTORS) {
  for (const lang of LANGS) {
    const { context, page } = await open(screen, `lesson=eval_1&lang=${lang}`);
    await check(`${screen.name} ${lang}: a lesson open, answer shown — the toolbar, two top charts and the lesson whole on the first screen`, async () => {
      await page.waitForFunction(() => !document.getElementById("lesson").hidden, null, { timeout: 20000 });
      await page.locator("#lesson-reveal").click();
      await settle(page);
      const r = await page.evaluate(() => {
        const box = (id) => document.getElementById(id).getBoundingClientRect();
        const lesson = document.getElementById("lesson");
        return { bar: box("toolbar"), charts: ["chart-distribution", "chart-running"].map((id) => box(id)), lesson: box("lesson"),
          hidden: lesson.scrollHeight - lesson.clientHeight, answer: lesson.querySelector(".answer")?.getBoundingClientRect(),
          font: parseFloat(getComputedStyle(document.getElementById("lesson-text")).fontSize), scroll: document.scrollingElement.scrollWidth };
      });
      const h = screen.viewport.height;
      expect(r.bar.top >= 0 && r.bar.bottom <= h, `toolbar at ${r.bar.top}…${r.bar.bottom}`);
      // (370 px wide: beside the short projector's wider lesson column the two are 378 × 573 px,
      // where they were 423 × 426.)
      for (const c of r.charts) expect(c.top >= r.bar.bottom - 1 && c.bottom <= h && c.width >= 370, `a chart at ${c.top}…${c.bottom}, ${c.width} px wide`);
      expect(r.lesson.top >= 0 && r.lesson.bottom <= h && r.hidden <= 1, `lesson at ${r.lesson.top}…${r.lesson.bottom}, ${r.hidden} px hidden`);
      expect(r.answer && r.answer.bottom <= h, "the answer is not on the first screen");
      expect(r.font >= 16, `the lesson's text is ${r.font} px`);
      expect(r.scroll <= screen.viewport.width, `scrollWidth ${r.scroll}`);
      await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-lesson.png`) });
    });
    await context.close();
  }
}

// After Reveal, the stages whose answers fit a short projector's card read without scrolling
// inside it (six scrolled 5–250 px at 1280×720 and 1366×768 in the 27vw column); lesson 11's
// papers stages, a quote and a figure each, do not fit and may.
for (const screen of SHORT_PROJECTORS) {
  for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
    for (const stage of ["tutorial_0", "momentum_0", "axis_0", "gradient_0", "gradient_1", "fold_0", "fold_1"]) {
      const { context, page } = await open(screen, `lesson=${stage}&lang=${lang}`);
      await check(`${screen.name} ${lang} lesson ${stage}: revealed, the whole stage on the card`, async () => {
        await page.waitForFunction(() => !document.getElementById("lesson").hidden, null, { timeout: 20000 });
        await page.locator("#lesson-reveal").click();
        await settle(page);
        const r = await page.evaluate(() => [document.getElementById("lesson").scrollHeight, document.getElementById("lesson").clientHeight]);
        expect(r[0] <= r[1] + 1, `the card scrolls inside itself: ${r[0]} px in ${r[1]}`);
      });
      if (stage === "axis_0" && lang === "en") await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-lesson-axis-revealed.png`) });
      await context.close();
    }
  }
}

// Presenter mode with a lesson about the running statistics open, on the three projectors: the
// chart, brought under the toolbar, whole on the screen, each of its two stacked plots 130 px
// high or more at 1280×720, 140 at 1366×768 and 150 at 1920×1080 (beside the lesson, 423 px wide and 426 high, they
// were ~60 px at 1280×720, 70 at 1366×768, 123 at 1920×1080).
for (const screen of [...SHORT_PROJECTORS, SCREENS[4]]) {
  for (const stage of ["momentum_0", "tutorial_0"]) {
    const { context, page } = await open(screen, `lesson=${stage}`);
    await page.waitForFunction(() => !document.getElementById("lesson").hidden, null, { timeout: 20000 });
    const button = page.locator('.chart-tools button[data-chart="chart-running"]').first();
    await Promise.all([page.waitForEvent("download"), button.evaluate((b) => b.click())]);
    await page.waitForFunction(() => window.playground.chart_svg?.("chart-running", 300, 300).length > 0);
    await settle(page);
    await check(`${screen.name} lesson ${stage}: the running statistics' two plots readable beside the lesson, the chart on the screen`, async () => {
      const where = await placed(page, "#chart-running");
      inView(where, "#chart-running");
      const axes = yAxes(await svgOf(page, "chart-running"));
      const least = screen.viewport.height < 768 ? 130 : screen.viewport.height < 1000 ? 140 : 150;
      expect(axes.length === 2 && axes.every((a) => a.height >= least), `plots ${axes.map((a) => a.height).join(", ")} px high`);
    });
    await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-lesson-${stage}-running.png`) });
    await context.close();
  }
}

// The Train view's models' code: after "As PyTorch builds them:" and inside its box on a phone, a
// tablet, a laptop and presenter mode (presenter mode hid it, leaving the colon pointing at
// nothing; a tablet cut it at the right edge); presenter mode's two top charts still whole.
for (const [screen, lang] of [[SCREENS[0], "en"], [SCREENS[1], "zh-Hans"], [{ name: "laptop-720p", viewport: { width: 1280, height: 720 } }, "en"],
  ...PROJECTORS.flatMap((s) => LANGS.map((l) => [s, l]))]) {
  const { context, page } = await openTrain(screen, `lang=${lang}`);
  await check(`${screen.name} ${lang} train: the models' code shown after its sentence, inside its box`, async () => {
    const r = await page.evaluate(() => {
      const pre = document.querySelector("#view-train pre.intro");
      const box = (e) => e.getBoundingClientRect();
      return { shown: pre.checkVisibility(), text: pre.textContent, scroll: pre.scrollWidth, width: pre.clientWidth,
        sentence: box(document.querySelector("#view-train p.intro")).bottom, code: box(pre).top, right: box(pre).right,
        charts: ["chart-curves", "chart-percentiles"].map((id) => box(document.getElementById(id)).bottom) };
    });
    expect(r.shown && r.text.includes("nn.Sequential("), "the code is not shown");
    expect(r.code >= r.sentence - 1, "the code is not after its sentence");
    expect(r.scroll <= r.width + 1 && r.right <= screen.viewport.width, `the code is cut: ${r.scroll} > ${r.width} px, right edge ${r.right}`);
    if (screen.presenter) for (const bottom of r.charts) expect(bottom <= screen.viewport.height, `a chart ends at ${bottom}`);
  });
  await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-train.png`) });
  await context.close();
}

// Presenter mode's type grows with the projector: on 1920×1080 the Train view's models' code and
// status line are at least 1.25 times their 1280×720 size (both were 14.7 and 16.8 px on
// both), and the code's column holds its first call whole ("model_a = nn.Sequential(nn.Linear(64,"
// on one line: in 13rem at a fixed 21 px it broke after every argument).
{
  const sizes = {};
  for (const screen of PROJECTORS) {
    const { context, page } = await openTrain(screen);
    sizes[screen.name] = await page.evaluate(() => {
      const font = (id) => parseFloat(getComputedStyle(document.getElementById(id)).fontSize);
      const code = document.getElementById("t-models").firstChild;
      const end = code.textContent.indexOf(",") + 1;
      const range = document.createRange();
      range.setStart(code, 0);
      range.setEnd(code, end);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { models: font("t-models"), status: font("t-status"), lines: tops.size, text: code.textContent.slice(0, end) };
    });
    await context.close();
  }
  const [small, large] = PROJECTORS.map((s) => sizes[s.name]);
  await check("presenter-1080p train: the models' code and the status line grow with the projector; the first call on one line", async () => {
    for (const k of ["models", "status"]) expect(large[k] >= 1.25 * small[k], `${k}: ${large[k]} px at 1080p, ${small[k]} px at 720p`);
    expect(large.lines === 1, `"${large.text}" takes ${large.lines} lines`);
  });
}

// The BatchNorm1d view's settings on a phone and a tablet held upright, where "Start here" asks
// for them ("set the batch size to 1"): under it, folded, before the charts, on the first screen
// (they were at 4 790 px of a 4 996 px phone page, below the code and "Your own data"); a
// keyboard opens them and reaches the batch size, whole, without sideways scroll.
for (const screen of [SCREENS[0], SCREENS[1]]) {
  for (const lang of ["en", "zh-Hant"]) {
    const { context, page } = await open(screen, `lang=${lang}`);
    await check(`${screen.name} ${lang}: Settings under "Start here", folded, on the first screen; a keyboard opens them`, async () => {
      const before = await page.evaluate(() => {
        const box = (el) => el.getBoundingClientRect();
        const summary = document.querySelector("#controls-fold > summary");
        return { open: document.getElementById("controls-fold").open, summary: box(summary), hint: box(document.getElementById("start-here")),
          chart: box(document.getElementById("chart-distribution")), height: innerHeight, name: summary.textContent.trim() };
      });
      expect(!before.open, "the settings start open");
      expect(before.summary.top >= before.hint.bottom - 1 && before.summary.bottom <= before.chart.top, `Settings at ${before.summary.top}…${before.summary.bottom}, "Start here" ends at ${before.hint.bottom}, the first chart starts at ${before.chart.top}`);
      expect(before.summary.bottom <= before.height, `Settings at ${before.summary.top}…${before.summary.bottom} of a ${before.height} px screen`);
      await page.locator("#controls-fold > summary").focus();
      await page.keyboard.press("Enter");
      await settle(page);
      const after = await page.evaluate(() => {
        const n = document.getElementById("batch-size");
        n.focus();
        const r = n.getBoundingClientRect();
        return { open: document.getElementById("controls-fold").open, focused: document.activeElement === n, visible: n.checkVisibility(),
          left: r.left, right: r.right, scroll: document.scrollingElement.scrollWidth, width: innerWidth };
      });
      expect(after.open && after.visible && after.focused, `Enter on "${before.name}" did not open the settings to the batch size`);
      expect(after.left >= 0 && after.right <= after.width && after.scroll <= after.width, `the batch size at ${after.left}…${after.right}, the page ${after.scroll} px wide of ${after.width}`);
      await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-settings.png`) });
    });
    await context.close();
  }
}

// The other views' settings on a phone and a tablet held upright: first, as a keyboard reaches
// them, folded under the toolbar, on the first screen above the first chart (moved below the
// charts, the Train view's were 8000 px down a phone's page, under a chart asking for a preset);
// a tap opens them and the first box is whole.
for (const screen of [SCREENS[0], SCREENS[1]]) {
  const { context, page } = await open(screen, "view=train");
  for (const [view, fold, chart, box] of [["train", "t-settings-fold", "chart-curves", "t-preset"], ["norms", "n-settings-fold", "chart-norm-grid", "n-n"]]) {
    await check(`${screen.name} ${view}: Settings folded above the first chart, on the first screen; a tap opens them`, async () => {
      await showView(page, view);
      await page.evaluate(() => scrollTo(0, 0));
      const before = await page.evaluate(([fold, chart]) => {
        const summary = document.querySelector(`#${fold} > summary`).getBoundingClientRect();
        return { open: document.getElementById(fold).open, summary, chart: document.getElementById(chart).getBoundingClientRect(), height: innerHeight };
      }, [fold, chart]);
      expect(!before.open, "the settings start open");
      if (view === "train") {
        // Stepped once (showView): the percentiles plotted at their height; no probe yet, the
        // Fig. 4 chart only its title and what to do (it was a phone's screen of blank).
        const [percentiles, landscape] = await page.evaluate(() =>
          ["chart-percentiles", "chart-landscape"].map((id) => document.getElementById(id).clientHeight));
        expect(percentiles >= 340 && landscape <= 260, `percentiles ${percentiles} px, Fig. 4 without a probe ${landscape} px`);
      }
      expect(before.summary.bottom <= before.chart.top && before.summary.bottom <= before.height,
        `Settings at ${before.summary.top}…${before.summary.bottom}, the first chart at ${before.chart.top}, a ${before.height} px screen`);
      await page.locator(`#${fold} > summary`).tap();
      await settle(page);
      const after = await page.evaluate(([fold, box]) => {
        const r = document.getElementById(box).getBoundingClientRect();
        return { open: document.getElementById(fold).open, visible: document.getElementById(box).checkVisibility(), left: r.left, right: r.right, width: innerWidth };
      }, [fold, box]);
      expect(after.open && after.visible && after.left >= 0 && after.right <= after.width, `opened: ${JSON.stringify(after)}`);
      await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${view}-settings.png`) });
      await page.locator(`#${fold} > summary`).tap(); // folded again, as a student leaves them
    });
  }
  await context.close();
}

// Batch size 1 typed in a phone's open settings, then Step: the red box that says why the step
// was refused comes under the toolbar (only "(refused)" in the status line was in sight, the
// reason above the screen); typing 1 in the box does not move the page away from it.
{
  const { context, page } = await open(SCREENS[0]);
  await check("phone: a Step refused at batch size 1 brings its reason into sight", async () => {
    await page.locator("#controls-fold > summary").tap();
    await page.locator("#batch-size").fill("1");
    await page.locator("#batch-size").press("Enter");
    await settle(page);
    const box = () => page.evaluate(() => {
      const r = document.getElementById("refusal").getBoundingClientRect();
      const n = document.getElementById("batch-size").getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, toolbar: document.getElementById("toolbar").getBoundingClientRect().bottom, input: n.top, height: innerHeight };
    });
    const typed = await box();
    expect(typed.input >= typed.toolbar && typed.input < typed.height, `typing: the batch size box moved to ${typed.input}`);
    await page.locator("#step").tap();
    await settle(page);
    await page.waitForFunction(() => {
      const r = document.getElementById("refusal").getBoundingClientRect();
      return r.top >= document.getElementById("toolbar").getBoundingClientRect().bottom - 1 && r.top < innerHeight / 2;
    }, null, { timeout: 3000 }).catch(() => {});
    const stepped = await box();
    expect(stepped.top >= stepped.toolbar - 1 && stepped.top < stepped.height / 2, `the red box at ${stepped.top}, the toolbar ends at ${stepped.toolbar}`);
  });
  await context.close();
}

// "Open the BatchNorm1d of hidden layer 1 in the main view", pressed 3000 px down the Train view
// of a tablet held upright: the main view opens at its top, the notice that says what opened and
// its tabs on the screen, the focus on its tab (it stayed 3400 px down, at the code and the footer).
{
  const { context, page } = await open(SCREENS[1], "view=train");
  await check("tablet: Open … BatchNorm1d from the foot of the Train view shows the main view's top", async () => {
    await showView(page, "train");
    await page.locator("#t-open-layer-1").tap();
    await settle(page);
    // A smooth scroll (no reduced motion asked for) ends within a second or so.
    await page.waitForFunction(() => document.getElementById("tab-lab").getBoundingClientRect().top >= 0, null, { timeout: 3000 }).catch(() => {});
    const seen = await page.evaluate(() => {
      const on = (id) => { const r = document.getElementById(id).getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };
      return { tab: on("tab-lab"), notice: on("notice"), focus: document.activeElement?.id, view: !document.getElementById("view-lab").hidden };
    });
    expect(seen.view && seen.tab && seen.notice && seen.focus === "tab-lab", JSON.stringify(seen));
  });
  await context.close();
}

// A tablet turned sideways (820×1180 → 1180×820), and a laptop: the settings beside the charts
// open, with no summary to close them by (hostile25: Tab landed on a 1×1 px clipped "Settings",
// Enter or Space folded them, the column went empty with nothing visible to reopen it); the
// column is still named "Settings" (its aside).
{
  const { context, page } = await open(SCREENS[1]);
  await check("tablet turned sideways: the settings open, no focusable summary to fold them away", async () => {
    const fold = () => page.evaluate(() => {
      const summary = document.querySelector("#controls-fold > summary");
      return { open: document.getElementById("controls-fold").open, shown: summary.checkVisibility(),
        name: document.getElementById("controls").getAttribute("aria-label") };
    });
    expect(!(await fold()).open, "upright, the settings start open");
    await page.setViewportSize({ width: 1180, height: 820 });
    await settle(page);
    await page.locator("#controls-fold > summary").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press(" ");
    await settle(page);
    const r = await fold();
    const focus = await page.evaluate(() => document.activeElement.tagName);
    expect(r.open && !r.shown && focus !== "SUMMARY" && r.name === "Settings", `sideways: ${JSON.stringify(r)}, the focus on ${focus}`);
  });
  await context.close();
}

// A phone's first screen holds the toolbar and the first chart (phone24: the header's tools,
// Step/Play and "Start here" filled 390×844, the histogram began at its bottom edge; at 360×640
// not even the Settings showed): the less used tools fold behind "More" (in the lessons' row),
// which a tap or a key opens to every one of them, each a 44 px target, and the lead sentence
// stays. "Start here" says where the batch size is where the settings are folded, and only there.
const SMALL_PHONE = { name: "phone-360", viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
const WHERE = { en: "(in Settings, below)", "zh-Hant": "（在下方「設定」裡）", "zh-Hans": "（在下方“设置”里）" };
for (const screen of [SCREENS[0], SMALL_PHONE]) {
  for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
    const { context, page } = await open(screen, `lang=${lang}`);
    await check(`${screen.name} ${lang}: the first screen holds the lead, the toolbar, Settings and the first chart; More folds the tools`, async () => {
      const r = await page.evaluate(() => {
        const box = (id) => { const b = document.getElementById(id).getBoundingClientRect(); return { top: b.top, bottom: b.bottom }; };
        const summary = document.querySelector("#tools-fold > summary").getBoundingClientRect();
        return { height: innerHeight, lead: document.querySelector("header .lead").getBoundingClientRect().bottom,
          toolbar: ["step", "play", "reset", "mode-train", "mode-eval"].map((id) => [id, box(id).bottom]),
          settings: box("controls-fold"), chart: box("chart-distribution"), lessons: box("lesson-select"),
          summary: { top: summary.top, bottom: summary.bottom, height: summary.height }, open: document.getElementById("tools-fold").open,
          folded: ["lang-select", "presenter", "copy-link", "share", "print", "help"].filter((id) => document.getElementById(id).checkVisibility()),
          where: document.querySelector("#start-here .where-folded")?.checkVisibility() ? document.querySelector("#start-here .where-folded").textContent.trim() : "" };
      });
      expect(r.lead <= r.height / 4, `the lead ends at ${r.lead}`);
      for (const [id, bottom] of r.toolbar) expect(bottom <= r.height, `#${id} ends at ${bottom} of ${r.height} px`);
      expect(!r.open && r.folded.length === 0, `the tools start ${r.open ? "open" : "folded"}, shown: ${r.folded.join(", ")}`);
      expect(r.summary.height >= 44 && Math.abs(r.summary.top - r.lessons.top) < 1, `More at ${r.summary.top}…${r.summary.bottom}, the lessons at ${r.lessons.top}`);
      expect(r.settings.bottom <= r.height, `Settings end at ${r.settings.bottom} of ${r.height} px`);
      // 390×844: the chart's title, legend and plot, down to at least half its height (they
      // began at 702 px); 360×640: the chart begins on the screen.
      const shown = screen.viewport.height >= 800 ? r.chart.top + (r.chart.bottom - r.chart.top) / 2 : r.chart.top + 40;
      expect(shown <= r.height, `the distribution chart at ${r.chart.top}…${r.chart.bottom} of a ${r.height} px screen`);
      expect(r.where === WHERE[lang], `"Start here" says "${r.where}" of where the batch size is, not "${WHERE[lang]}"`);
      await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-${lang}-first.png`) });
    });
    // 390×844: the first chart's plot whole, down to its x axis's numbers (the axis was 60 px
    // below the screen in English, 22 in Chinese); the header says "BatchNorm1d" once.
    if (screen.viewport.height >= 800) {
      await check(`${screen.name} ${lang}: the first screen holds the distribution chart's plot and its x axis's numbers`, async () => {
        // The first view runs the small module, which draws no SVG: its SVG button loads the full one.
        await Promise.all([page.waitForEvent("download"),
          page.evaluate(() => document.querySelector('.chart-tools button[data-chart="chart-distribution"]').click())]);
        await page.waitForFunction(() => window.playground.chart_svg?.("chart-distribution", 300, 300).length > 0);
        await settle(page);
        const ticks = xTicks(await svgOf(page, "chart-distribution"));
        const top = await page.evaluate(() => document.getElementById("chart-distribution").getBoundingClientRect().top + scrollY);
        const size = svgTextsAt(await svgOf(page, "chart-distribution")).find((t) => /^-?\d/.test(t.text))?.size ?? 20;
        // plotters places an x axis's number by its top (dy="0.76em"): it ends a font size below.
        const bottom = top + Math.max(...ticks.map((t) => t.y)) + size;
        expect(ticks.length >= 3 && bottom <= screen.viewport.height, `the x axis's numbers end at ${bottom} of ${screen.viewport.height} px`);
      });
    }
    await check(`${screen.name} ${lang}: the header names BatchNorm1d once, in the lead`, async () => {
      const text = await page.evaluate(() => document.querySelector("header .headline").innerText);
      expect(text.split("BatchNorm1d").length === 2 && /BatchNorm1d( rescales|（批次正規化）對每個|（批量归一化）对每个)/.test(text), `the header: ${text}`);
    });
    await check(`${screen.name} ${lang}: More opens by touch and by keyboard to every tool, each 44 px high`, async () => {
      await page.locator("#tools-fold > summary").tap();
      await settle(page);
      const tapped = await page.evaluate(() => document.getElementById("tools-fold").open);
      await page.locator("#tools-fold > summary").tap();
      await page.locator("#tools-fold > summary").focus();
      await page.keyboard.press("Enter");
      await settle(page);
      const r = await page.evaluate(() => ({
        open: document.getElementById("tools-fold").open, scroll: document.scrollingElement.scrollWidth, width: innerWidth,
        tools: ["lang-select", "copy-link", "share", "print", "help"].map((id) => {
          const el = document.getElementById(id);
          const b = el.getBoundingClientRect();
          return { id, shown: el.checkVisibility(), height: b.height, left: b.left, right: b.right };
        }).concat([{ id: "presenter", shown: document.getElementById("presenter").checkVisibility(),
          height: document.getElementById("presenter").closest("label").getBoundingClientRect().height, left: 0, right: 0 }]),
      }));
      expect(tapped, "a tap on More did not open it");
      expect(r.open, "Enter on More did not open it");
      for (const t of r.tools) expect(t.shown && t.height >= 44 && t.left >= 0 && t.right <= r.width, `#${t.id}: ${JSON.stringify(t)}`);
      expect(r.scroll <= r.width, `the page is ${r.scroll} px wide`);
    });
    await context.close();
  }
}
// The test digits' words say what the chart shows: a small box shows fewer than twelve (9 at
// 320 px wide in English, 10 on a tablet held sideways) while its summary (the canvas's name for
// a screen reader) spoke of 12, counting the right guesses among all twelve.
for (const [screen, lang] of [[{ name: "phone-320", viewport: { width: 320, height: 568 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true }, "en"],
  [SCREENS[2], "en"], [SCREENS[0], "zh-Hant"]]) {
  const { context, page } = await openTrain(screen, `lang=${lang}`);
  await page.locator("#chart-digits").scrollIntoViewIfNeeded();
  await settle(page);
  await check(`${screen.name} ${lang} train: the digits' summary counts the digits drawn`, async () => {
    const svg = await svgOf(page, "chart-digits");
    const drawn = svgTexts(svg).filter((t) => /^(label|標籤|标签) \d$/.test(t)).length;
    const said = () => page.evaluate(() => document.getElementById("sum-digits").textContent);
    await page.waitForFunction((n) => document.getElementById("sum-digits").textContent.startsWith(`${n} `), drawn, { timeout: 5000 }).catch(() => {});
    expect(drawn > 0 && (await said()).startsWith(`${drawn} `), `${drawn} digits drawn, the summary: ${await said()}`);
  });
  await context.close();
}

// A laptop's header named the layer twice ("nn.BatchNorm1d(128) — BatchNorm1d rescales …"): its
// constructor, then the sentence about it; in the other views, without the constructor, its name.
for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
  const { context, page } = await open({ name: "laptop-768p", viewport: { width: 1366, height: 768 } }, `lang=${lang}`);
  await check(`laptop-768p ${lang}: the header names the layer once, by its constructor; in Train by its name`, async () => {
    const header = () => page.evaluate(() => document.querySelector("header .headline").innerText);
    const lab = await header();
    expect(lab.split("BatchNorm1d").length === 2 && /nn\.BatchNorm1d\(128\)( rescales|（批次正規化）對每個|（批量归一化）对每个)/.test(lab), `the header: ${lab}`);
    await page.locator("#tab-train").click();
    await settle(page);
    const train = await header();
    expect(train.split("BatchNorm1d").length === 2 && /^BatchNorm1d( rescales|（批次正規化）對每個|（批量归一化）对每个)/m.test(train), `the header: ${train}`);
  });
  await page.screenshot({ path: path.join(artifacts, `screens-laptop-768p-${lang}-header.png`), clip: { x: 0, y: 0, width: 1366, height: 200 } });
  await context.close();
}

// A wider screen keeps the tools in the header's row, no More; nor does "Start here" say where
// the settings are, which are beside the charts there.
for (const screen of [{ name: "laptop-768p", viewport: { width: 1366, height: 768 } }, SCREENS[1]]) {
  const { context, page } = await open(screen);
  await check(`${screen.name}: the tools in the header without More; "Start here" says where Settings are only when folded`, async () => {
    const r = await page.evaluate(() => ({
      summary: document.querySelector("#tools-fold > summary").checkVisibility(),
      shown: ["lang-select", "presenter", "copy-link", "share", "print", "help"].filter((id) => document.getElementById(id).checkVisibility()).length,
      where: document.querySelector("#start-here .where-folded").checkVisibility(),
      folded: !document.getElementById("controls-fold").open,
    }));
    expect(!r.summary && r.shown === 6, `More ${r.summary ? "shown" : "hidden"}, ${r.shown} of 6 tools shown`);
    expect(r.where === r.folded, `the settings ${r.folded ? "folded" : "open"}, "Start here" ${r.where ? "says" : "does not say"} where they are`);
  });
  await context.close();
}

// The Train view on a phone (Wu & He's two models, the longest code): the curves begin on the
// first screen of 390×844 and end within two screens at 360×640 (they began at 963 and ended at
// 1 298 px), under the toolbar.
for (const screen of [SCREENS[0], SMALL_PHONE]) {
  for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
    const { context, page } = await openTrain(screen, `tpreset=wuhe&lang=${lang}`);
    await check(`${screen.name} ${lang} train: the curves on the first screen (390×844) or within two (360×640)`, async () => {
      const r = await page.evaluate(() => {
        const c = document.getElementById("chart-curves").getBoundingClientRect();
        return { top: c.top + scrollY, bottom: c.bottom + scrollY, height: innerHeight, step: document.getElementById("t-step").getBoundingClientRect().bottom };
      });
      expect(r.step <= r.height, `Step ends at ${r.step}`);
      if (r.height >= 800) expect(r.top + 100 <= r.height, `the curves at ${r.top}…${r.bottom} of a ${r.height} px screen`);
      else expect(r.bottom <= 2 * r.height, `the curves at ${r.top}…${r.bottom}, past two ${r.height} px screens`);
    });
    await context.close();
  }
}

// The step-by-step tables, forward and Backward's, on a phone, a tablet and a 1280×720 projector:
// every column inside its box, no value cut off, no sideways scroll; the Backward panel as wide as
// the step-by-step section above it.
for (const screen of [SCREENS[0], SCREENS[1], SCREENS[3]]) {
  const { context, page } = await open(screen);
  await page.locator("#backward > summary").click();
  await page.waitForSelector("#backward-steps table", { state: "attached", timeout: 30000 });
  await settle(page);
  for (const id of ["steps", "backward-steps"]) {
    await check(`${screen.name}: #${id}'s table, every column readable and inside the screen`, async () => {
      const r = await page.evaluate((id) => {
        const box = document.getElementById(id);
        const right = Math.min(innerWidth, box.getBoundingClientRect().right);
        const cells = [...box.querySelectorAll("table.steps tbody tr > *")];
        const cut = cells.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > right + 0.5);
        const last = cells.filter((c) => c.matches("td.value"));
        return { cells: cells.length, values: last.length, scroll: box.scrollWidth, width: box.clientWidth,
          cut: cut.map((c) => `${c.className || c.tagName}: ${c.textContent.slice(0, 24)}`) };
      }, id);
      expect(r.cells >= 24 && r.values >= 6, `${r.cells} cells, ${r.values} values`);
      expect(r.scroll <= r.width, `the table scrolls sideways: ${r.scroll} > ${r.width} px`);
      expect(r.cut.length === 0, `${r.cut.length} cells cut off or off-screen: ${r.cut.slice(0, 4).join(" | ")}`);
    });
  }
  await check(`${screen.name}: the Backward panel is as wide as the step-by-step section`, async () => {
    const [backward, computation] = await page.evaluate(() =>
      ["backward", "computation"].map((id) => document.getElementById(id).getBoundingClientRect().width));
    expect(backward >= computation - 1, `Backward ${backward} px, the section above ${computation} px`);
  });
  await page.locator("#backward-steps").screenshot({ path: path.join(artifacts, `screens-${screen.name}-backward-table.png`) });
  await page.locator("#steps").screenshot({ path: path.join(artifacts, `screens-${screen.name}-steps-table.png`) });
  await context.close();
}

// Lesson 5 ("coupled"): its slider under the per-sample chart, so a student drags and watches at
// once — both on one screen of a phone and of both projectors. Projected, the page brings them
// into view itself as the stage opens (the chart lay below a 720p screen's first screen), the
// lesson's question staying beside them; elsewhere the lesson sits above the view and the page
// does not scroll away from it.
for (const screen of [SCREENS[0], SCREENS[3], SCREENS[4]]) {
  const { context, page } = await open(screen, "lesson=coupled_0");
  await check(`${screen.name}: lesson 'coupled' — its slider and the per-sample chart on one screen`, async () => {
    await page.waitForFunction(() => !document.getElementById("lesson-value-row").hidden, null, { timeout: 20000 });
    if (screen.presenter) {
      // Until the smooth scroll has ended (the check below fails if it never comes).
      await page.waitForFunction(() => document.getElementById("lesson-value").getBoundingClientRect().bottom <= innerHeight + 1, null, { timeout: 5000 }).catch(() => {});
    } else {
      expect(await page.evaluate(() => scrollY) === 0, "the page scrolled away from the lesson");
      // The lesson fills a phone's first screen: its "Show the chart" button brings the chart
      // it names into view, the focus on it (the reviewer found the chart two screens below).
      await page.locator("#lesson-show").click();
      await page.waitForFunction(() => {
        const [chart, bar] = ["fig-samples", "toolbar"].map((id) => document.getElementById(id).getBoundingClientRect());
        return Math.abs(chart.top - bar.bottom) < 16;
      }, null, { timeout: 5000 }).catch(() => {});
      expect(await page.evaluate(() => document.activeElement?.id) === "fig-samples", "the focus is not on the chart shown");
    }
    await settle(page);
    const r = await page.evaluate(() => {
      const box = (id) => document.getElementById(id).getBoundingClientRect();
      return { chart: box("chart-samples"), slider: box("lesson-value"), bar: box("toolbar"), height: innerHeight,
        question: document.querySelector("#lesson .question").getBoundingClientRect() };
    });
    const top = Math.max(0, r.bar.bottom);
    expect(r.slider.top >= top && r.slider.bottom <= r.height + 1, `slider at ${r.slider.top}…${r.slider.bottom} of ${top}…${r.height}`);
    expect(r.chart.top >= top - 1 && r.chart.bottom <= r.height + 1, `chart at ${r.chart.top}…${r.chart.bottom} of ${top}…${r.height}`);
    if (screen.presenter) expect(r.question.top >= 0 && r.question.bottom <= r.height, `the lesson's question at ${r.question.top}…${r.question.bottom}`);
    // A value moved with the slider: the status line says the step was redone ("redone on the
    // edited batch"), a line longer, and the stuck toolbar still leaves the chart whole (on a
    // phone it grew over the chart's title: class38).
    await page.evaluate(() => {
      const slider = document.getElementById("lesson-value");
      slider.value = String((Number(slider.min) + 3 * Number(slider.max)) / 4);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      slider.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.waitForFunction(() => /redone|重做|重新/.test(document.getElementById("status").textContent), null, { timeout: 5000 });
    await settle(page);
    const moved = await page.evaluate(() =>
      ["chart-samples", "toolbar"].map((id) => document.getElementById(id).getBoundingClientRect()));
    expect(moved[0].top >= Math.max(0, moved[1].bottom) - 1, `after a value moved: chart at ${moved[0].top}, the toolbar ends at ${moved[1].bottom}`);
    await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-coupled.png`) });
  });
  await context.close();
}

// Every stage of every lesson projected, stepped through as a teacher does (Reveal, then Next,
// each pressed where it is, from lesson 1 to lesson 10): as a stage opens, the part its text
// names is on the screen below the sticky toolbar (whole, or from its top when taller than the
// screen: stepping on left the charts cut in half at the top), the lesson whole beside it; a part
// its answer names (the step-by-step table, the law 1 row, the eps slider) is one press of "Show
// the …" away (presenter mode hid that button: lesson 1 sent the class to a table 1640 px down).
const STAGE_PARTS = {
  "tutorial:0": { text: ["#chart-distribution", "#chart-running"], answer: "#steps .variance-note" },
  // The note under the table's end, which it is below (at its top the table's end was cut).
  // (And the row above the last: it was half under the toolbar at 1280×720.)
  "tutorial:1": { text: ["#steps .variance-note", "#steps table.steps > tbody > tr:last-child",
    "#steps table.steps > tbody > tr:nth-last-child(2)"] },
  "momentum:0": { text: ["#chart-running"] },
  "momentum:1": { text: ["#chart-running"] },
  "momentum:2": { text: ["#chart-running"] },
  "eval:0": { text: ["#chart-distribution"] },
  "eval:1": { text: ["#chart-distribution"] },
  "one:0": { text: ["#refusal"] },
  "one:1": { text: ["#chart-distribution"] },
  "coupled:0": { text: ["#chart-samples", "#lesson-value"] },
  "coupled:1": { text: ["#chart-samples", "#lesson-value"] },
  // "Try eps = 1 with the slider under the chart" (class38: the settings' slider lay a screen down).
  "eps:0": { text: ["#chart-distribution", "#lesson-eps"] },
  "eps:1": { text: ["#chart-distribution", "#lesson-eps"] },
  "ncl:0": { text: ["#chart-distribution"], answer: "#computation" },
  "axis:0": { text: ["#chart-norm-grid"] },
  "gradient:0": { text: ["#chart-gradients"], answer: "#grad-sum" },
  "gradient:1": { text: ["#chart-gradients"], answer: "#grad-sum" },
  "fold:0": { text: ["#computation"] },
  // The section's heading the stage names, not under the toolbar (class38: the table's top was).
  "fold:1": { text: ["#t-step", "#chart-curves"], answer: "#t-fold-title" },
  "papers:0": { text: ["#t-step", "#chart-curves"], answer: "#chart-percentiles" },
  "papers:1": { text: ["#t-step", "#chart-curves"], answer: "#chart-landscape" },
  // "press “Run the batch-size sweep”": the button under the chart (below a 720p screen).
  // Its chart stays whole above it (at 1280×720 its title and legend went under the toolbar).
  "papers:2": { text: ["#chart-batch-sweep"], answer: "#t-bsweep", withAnswer: ["#chart-batch-sweep"] },
};
// Where `selector` lies on the screen: the part of the screen below the sticky toolbar and the
// element's box, once it is in view there or the page has stopped scrolling (a smooth scroll
// takes a few hundred milliseconds).
async function placed(page, selector) {
  const where = ([selector, seenOnly]) => {
    // The view's sticky toolbar: the lab's, or the Train view's.
    const bar = [...document.querySelectorAll("#toolbar, #view-train .toolbar")].find((b) => b.checkVisibility());
    const el = document.querySelector(selector);
    // A part of the toolbar itself (the Train view's Step) is on the screen with it.
    const sticky = bar && getComputedStyle(bar).position === "sticky" && !bar.contains(el);
    const top = sticky ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
    const r = el?.getBoundingClientRect();
    const box = r && el.checkVisibility() ? { top: r.top, bottom: r.bottom } : null;
    const fits = box && box.bottom - box.top <= innerHeight - top;
    const seen = box && (fits ? box.top >= top - 1 && box.bottom <= innerHeight + 1 : Math.abs(box.top - top) <= 16);
    return seenOnly ? seen : { top, bottom: innerHeight, el: box, seen };
  };
  await page.waitForFunction(where, [selector, true], { timeout: 3000 }).catch(() => {});
  return page.evaluate(where, [selector, false]);
}
function inView({ top, bottom, el, seen }, what) {
  expect(el, `${what} is not shown`);
  expect(seen, `${what} at ${Math.round(el.top)}…${Math.round(el.bottom)}, the screen below the toolbar ${Math.round(top)}…${bottom}`);
}
for (const screen of PROJECTORS) {
  const { context, page } = await open(screen, "lesson=tutorial_0");
  const seen = new Set();
  for (let k = 0; k < 40; k++) {
    await page.waitForFunction(() => !document.getElementById("lesson").hidden && document.querySelector("#lesson h2"), null, { timeout: 20000 });
    await settle(page);
    const stage = await page.locator("#lesson h2").textContent();
    const id = new URL(page.url()).searchParams.get("lesson")?.replace(/_(\d+)$/, ":$1");
    if (!id || seen.has(id)) break;
    seen.add(id);
    const parts = STAGE_PARTS[id];
    await check(`${screen.name} lesson ${id}: what its text names on the screen, the lesson whole beside it`, async () => {
      expect(parts, `no parts listed for ${id} (${stage})`);
      for (const selector of parts.text) inView(await placed(page, selector), selector);
      const lesson = await placed(page, "#lesson");
      expect(lesson.el.top >= 0 && lesson.el.bottom <= lesson.bottom + 1, `the lesson at ${lesson.el.top}…${lesson.el.bottom}`);
      // Between the toolbar and the part brought under it, nothing else of the page (a 0.5rem
      // gap showed the bottom edges of the controls scrolled under the toolbar).
      const between = await page.evaluate((selector) => {
        const toolbar = [...document.querySelectorAll("#toolbar, #view-train .toolbar")].find((b) => b.checkVisibility());
        if (!toolbar) return [];
        const bar = toolbar.getBoundingClientRect();
        const el = document.querySelector(selector);
        const r = el.getBoundingClientRect();
        const seen = [];
        if (r.top < bar.bottom - 1 || r.top > bar.bottom + 40) return seen; // not brought under it
        for (let y = Math.ceil(bar.bottom) + 1; y < r.top - 1; y += 2) {
          for (let x = r.left + 2; x < r.right - 2; x += 16) {
            const hit = document.elementFromPoint(x, y);
            if (hit && !hit.contains(el) && !el.contains(hit) && !toolbar.contains(hit)) seen.push(hit.id || hit.className || hit.tagName);
          }
        }
        return [...new Set(seen)];
      }, parts.text[0]);
      expect(between.length === 0, `between the toolbar and ${parts.text[0]}: ${between.join(", ")}`);
    });
    // The class reads the lesson from the back of the room: its text as large as the charts'
    // captions (it was the smallest on the screen, 16.4 px against 18.9 at 720p), and the
    // question and Reveal on the card, not below its fold (lesson 2's quote of PyTorch's
    // docstring in LaTeX source pushed them 100 px under a card that scrolled inside itself).
    await check(`${screen.name} lesson ${id}: the lesson's text as large as the captions, its question and Reveal on the card`, async () => {
      const r = await page.evaluate(() => {
        const size = (el) => parseFloat(getComputedStyle(el).fontSize);
        const card = document.getElementById("lesson").getBoundingClientRect();
        const caption = [...document.querySelectorAll("figcaption")].find((el) => el.checkVisibility());
        const box = (el) => el.getBoundingClientRect();
        return { text: size(document.querySelector("#lesson-text p")), caption: caption ? size(caption) : 0,
          card: [card.top, card.bottom], question: box(document.querySelector("#lesson .question")), reveal: box(document.getElementById("lesson-reveal")) };
      });
      expect(r.text >= r.caption - 0.01, `the lesson's text ${r.text} px, the captions ${r.caption} px`);
      for (const [what, el] of [["question", r.question], ["Reveal", r.reveal]]) {
        expect(el.top >= r.card[0] - 1 && el.bottom <= r.card[1] + 1, `${what} at ${Math.round(el.top)}…${Math.round(el.bottom)}, the card ${Math.round(r.card[0])}…${Math.round(r.card[1])}`);
      }
    });
    if (id === "tutorial:1" || id === "eval:0") await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-lesson-${id.replace(":", "-")}.png`) });
    const reveal = page.locator("#lesson-reveal");
    if (await reveal.isEnabled()) await reveal.click();
    await settle(page);
    // Revealed, the answer's end above the card's buttons and the card's foot (Next) on the
    // screen, once the page has stopped moving: it stopped 28 to 105 px short of sticking the
    // card (lesson 11's and the fold lesson's answers at 720p, Next cut by the screen's edge).
    await check(`${screen.name} lesson ${id}: revealed, the answer's end and the card's buttons on the screen`, async () => {
      const read = () => page.evaluate(() => {
        const card = document.getElementById("lesson");
        const answer = card.querySelector(".answer:not([hidden])")?.getBoundingClientRect();
        return { card: card.getBoundingClientRect().toJSON(), answer: answer?.bottom ?? 0, buttons: card.querySelector(".lesson-buttons").getBoundingClientRect().top, h: innerHeight, y: scrollY, inner: card.scrollTop };
      });
      let r = await read();
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(100);
        const again = await read();
        const still = again.y === r.y && again.inner === r.inner;
        r = again;
        if (still) break;
      }
      expect(r.card.bottom <= r.h + 1, `the card at ${Math.round(r.card.top)}…${Math.round(r.card.bottom)} on a screen ${r.h} px high`);
      expect(r.answer <= r.buttons + 1, `the answer ends at ${Math.round(r.answer)}, under the buttons at ${Math.round(r.buttons)}`);
    });
    if (id === "momentum:0") {
      await check(`${screen.name} lesson ${id}: revealed, the whole stage on the card`, async () => {
        const r = await page.evaluate(() => [document.getElementById("lesson").scrollHeight, document.getElementById("lesson").clientHeight]);
        expect(r[0] <= r[1] + 1, `the card scrolls inside itself: ${r[0]} px in ${r[1]}`);
      });
    }
    if (parts?.answer) {
      await check(`${screen.name} lesson ${id}: what its answer names one press away`, async () => {
        const show = page.locator("#lesson-show");
        expect(await show.isVisible(), "no Show button");
        await show.click();
        inView(await placed(page, parts.answer), parts.answer);
        for (const selector of parts.withAnswer ?? []) inView(await placed(page, selector), selector);
        const lesson = await placed(page, "#lesson");
        expect(lesson.el.top >= 0 && lesson.el.bottom <= lesson.bottom + 1, `the lesson at ${lesson.el.top}…${lesson.el.bottom}`);
      });
      if (id === "gradient:0") await page.screenshot({ path: path.join(artifacts, `screens-${screen.name}-lesson-${id.replace(":", "-")}-show.png`) });
    }
    const next = page.locator("#lesson-next");
    if (!(await next.isEnabled())) break;
    await next.click();
  }
  await check(`${screen.name}: every stage of every lesson stepped through`, async () => {
    expect(seen.size === Object.keys(STAGE_PARTS).length, `${seen.size} stages: ${[...seen].join(" ")}`);
  });
  await context.close();
}

// A phone's first screen says what the page shows before the tools (its .lead was hidden on
// phones: the first thing a student read was "Step 1 · train mode · num_batches_tracked = 1"),
// the sentence defining the m of the legends' "σ (÷m)", the toolbar still on the screen.
{
  const { context, page } = await open(SCREENS[0]);
  await check("phone: the first screen says what BatchNorm1d does, and what m is, above the toolbar", async () => {
    const r = await page.evaluate(() => {
      const lead = document.querySelector("header .lead");
      const box = (el) => el.getBoundingClientRect();
      const shown = [...lead.querySelectorAll("span")].filter((s) => s.checkVisibility()).map((s) => s.textContent).join("");
      return { visible: lead.checkVisibility(), text: shown, lead: box(lead), bar: box(document.getElementById("toolbar")), height: innerHeight };
    });
    expect(r.visible && r.text.includes("rescales each feature") && r.text.includes("÷m, over the feature's m values"), `the lead: ${r.visible} ${r.text}`);
    expect(!r.text.includes("WebAssembly"), "the second sentence waits for a wider screen");
    expect(r.lead.bottom <= r.bar.top && r.bar.bottom <= r.height, `lead ends at ${r.lead.bottom}, toolbar ${r.bar.top}…${r.bar.bottom} of ${r.height}`);
    await page.screenshot({ path: path.join(artifacts, "screens-phone-first.png") });
  });
  // Lesson 4 on a phone: its "Show the red box" button brings the refusal into view.
  await page.goto(`${url}?lesson=one_0`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => !document.getElementById("lesson-show").hidden, null, { timeout: 20000 });
  await check("phone: lesson 4's button shows the red box it names", async () => {
    const before = await page.evaluate(() => document.getElementById("refusal").getBoundingClientRect().top);
    expect(before > 844, `the red box already on the first screen (${before})`);
    await page.locator("#lesson-show").click();
    await page.waitForFunction(() => {
      const r = document.getElementById("refusal").getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight / 2;
    }, null, { timeout: 5000 });
    expect(await page.evaluate(() => document.activeElement?.id) === "refusal", "focus not on the red box");
    await page.screenshot({ path: path.join(artifacts, "screens-phone-lesson-show.png") });
  });
  // Opened from the menu (the student's own action), the stage's refusal is not scrolled to:
  // the page moved 572 px down to the red box, the question and Reveal above the screen
  // (review40); the button above goes there when asked.
  await check("phone: lesson 4 opened from the menu keeps its question and Reveal on the screen", async () => {
    await page.locator("#lesson-select").selectOption("eval"); // a batch it takes: no red box
    await settle(page);
    await page.evaluate(() => scrollTo(0, 0));
    await settle(page);
    await page.locator("#lesson-select").selectOption("one");
    await settle(page);
    await page.waitForTimeout(800); // a smooth scroll has set out by now
    const r = await page.evaluate(() => {
      const box = (id) => document.getElementById(id).getBoundingClientRect();
      return { card: box("lesson-text").top, reveal: box("lesson-reveal"), refusal: !document.getElementById("refusal").hidden, height: innerHeight };
    });
    expect(r.refusal, "the stage's batch of one is not refused");
    expect(r.card >= 0 && r.reveal.bottom <= r.height,
      `the card's text starts at ${r.card}, Reveal ends at ${r.reveal.bottom} of ${r.height}`);
  });
  await context.close();
}

// Share on a phone: the dialog (taller than the screen) opens at its top, focus on Close there.
{
  const { context, page } = await open(SCREENS[0]);
  await check("phone: Share opens at its top — title, QR code and the focused Close button in view", async () => {
    await page.locator("#tools-fold > summary").click(); // folded behind More on a phone
    await page.locator("#share").click();
    await settle(page);
    const r = await page.evaluate(() => {
      const box = (id) => document.getElementById(id).getBoundingClientRect();
      return { title: box("share-title"), qr: box("share-qr"), close: box("share-close"), focus: document.activeElement.id, height: innerHeight };
    });
    expect(r.focus === "share-close", `focus on #${r.focus}`);
    for (const k of ["title", "qr", "close"]) expect(r[k].top >= 0 && r[k].top < r.height, `${k} at ${r[k].top} of ${r.height}`);
    expect(r.close.bottom <= r.height, `Close at ${r.close.top}…${r.close.bottom}`);
    await page.screenshot({ path: path.join(artifacts, "screens-phone-share.png") });
  });
  await context.close();
}

// Touch: a tap picks a feature, a tap picks a grid cell, a vertical drag moves a sample's value.
{
  const phone = SCREENS[0];
  const { context, page } = await open(phone);
  const cdp = await context.newCDPSession(page);
  const touch = async (type, points) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points });
  await check("phone: a tap on the all-features chart picks a feature", async () => {
    const canvas = page.locator("#chart-features");
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    const before = await page.locator("#feature").inputValue();
    await page.touchscreen.tap(box.x + box.width * 0.7, box.y + box.height * 0.6);
    await settle(page);
    const after = await page.locator("#feature").inputValue();
    expect(after !== before && Number(after) > 0, `feature ${before} → ${after}`);
  });
  // Each feature is under 2 px wide on a phone: a finger slides sideways to the one wanted, and
  // the page does not scroll sideways or up and down meanwhile.
  await check("phone: a sideways drag on the all-features chart slides from feature to feature", async () => {
    const box = await page.locator("#chart-features").boundingBox();
    const scroll = await page.evaluate(() => [scrollX, scrollY]);
    const y = box.y + box.height * 0.6;
    const seen = new Set();
    await touch("touchStart", [{ x: box.x + box.width * 0.3, y }]);
    for (let i = 1; i <= 8; i++) {
      await touch("touchMove", [{ x: box.x + box.width * (0.3 + i * 0.05), y }]);
      await settle(page);
      seen.add(await page.locator("#feature").inputValue());
    }
    await touch("touchEnd", []);
    const list = [...seen].map(Number);
    expect(list.length >= 6 && list.every((f, i) => i === 0 || f > list[i - 1]), `features met: ${list}`);
    const after = await page.evaluate(() => [scrollX, scrollY]);
    expect(after.join() === scroll.join(), `the page scrolled: ${scroll} → ${after}`);
  });
  await check("phone: lesson 'coupled' — a vertical drag on the per-sample chart sets the followed sample's value", async () => {
    await page.locator("#lesson-select").selectOption("coupled");
    await settle(page);
    const canvas = page.locator("#chart-samples");
    await canvas.scrollIntoViewIfNeeded();
    await settle(page);
    const box = await canvas.boundingBox();
    const before = await page.locator("#value-out").textContent();
    const x = box.x + box.width * 0.5;
    const y = box.y + box.height * 0.55;
    await touch("touchStart", [{ x, y }]);
    for (let i = 1; i <= 6; i++) await touch("touchMove", [{ x, y: y - i * 12 }]);
    await touch("touchEnd", []);
    await settle(page);
    const after = await page.locator("#value-out").textContent();
    const sample = await page.locator("#sample").inputValue();
    expect(after !== before, `value ${before} → ${after}`);
    expect(Number(sample) > 0, `the drag's sample is followed (sample ${sample})`);
    expect(Number(after) > Number(before), `an upward drag raises the value: ${before} → ${after}`);
    await page.screenshot({ path: path.join(artifacts, "screens-phone-drag.png") });
  });
  await check("phone: a tap on a cell of the norm grid picks it", async () => {
    await page.locator("#lesson-close").click().catch(() => {});
    await showView(page, "norms");
    const canvas = page.locator("#chart-norm-grid");
    await canvas.scrollIntoViewIfNeeded();
    const before = await page.locator("#sum-norm-grid").textContent();
    const box = await canvas.boundingBox();
    // Down a column away from the followed cell (c=2), until a tap lands on a cell: where the
    // four grids are depends on how many lines the layers' names and the legend take.
    let after = before;
    for (let k = 0; k < 16 && after === before; k++) {
      await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * (0.2 + 0.05 * k));
      await settle(page);
      after = await page.locator("#sum-norm-grid").textContent();
    }
    expect(after !== before, `the chosen cell did not change: ${after}`);
  });
  // A refused box is said where the student is: the notice above the views is screens up on a
  // phone once the page has scrolled (it looked as if it ignored the box).
  await check("phone: a refused box is said in sight — beside the boxes in \"Which axis?\", under the toolbar in Train", async () => {
    const inSight = (selector) => page.evaluate((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      const bar = document.querySelector("#view-train:not([hidden]) .toolbar")?.getBoundingClientRect();
      return r.height > 0 && r.top >= (bar ? bar.bottom - 1 : 0) && r.bottom <= innerHeight;
    }, selector);
    await page.locator("#n-settings-fold > summary").click();
    await page.locator("#n-n").fill("20");
    await page.locator("#n-n").press("Enter");
    await settle(page);
    const said = await page.locator("#norms-bounds").textContent();
    expect(said.includes("20") && (await inSight("#norms-bounds")), `beside the boxes: ${said}`);
    await showView(page, "train");
    // The Training box lowest in the settings: the page scrolled under the sticky toolbar.
    await page.locator("#t-settings-fold > summary").click();
    await page.locator("#t-batch").fill("9999");
    await page.locator("#t-batch").press("Enter");
    await settle(page);
    const notice = await page.locator("#notice").textContent();
    expect(notice.includes("9999") && (await inSight("#notice")), `in Train: ${notice}`);
    await page.screenshot({ path: path.join(artifacts, "screens-phone-refused-train.png") });
  });
  await context.close();
}

// A phone's distribution chart in the eps lesson with the overlay (the legend at its longest):
// the σ beside eps is the lesson's point, and no legend item is cut with "…". The SVG drawn at
// the canvas's size lays out its legend as the canvas does.
{
  const { context, page } = await open(SCREENS[0], "lesson=eps_1&ov=1");
  await check("phone: lesson 'eps' with the overlay — the distribution chart's legend is whole", async () => {
    await page.waitForFunction(() => window.playground.chart_svg("chart-distribution", 300, 300).length > 0);
    await settle(page);
    const svg = await page.evaluate(() => {
      const c = document.getElementById("chart-distribution");
      return window.playground.chart_svg("chart-distribution", c.clientWidth, c.clientHeight);
    });
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());
    expect(/input x: mean \S+, σ\u00a0\(÷m\)\u00a0\d/.test(texts.join(" ")), `σ of x in ${texts.join(" | ")}`);
    expect(!texts.some((t) => t.includes("…")), `cut: ${texts.filter((t) => t.includes("…")).join(" | ")}`);
  });
  await context.close();
}

// A phone's charts read at 390 px: every lab chart's x axis has at least three numbers, apart
// (one "0" was the distribution chart's whole scale); the "Which axis?" grid draws a capped part
// of a 16×16×16 batch (not "Too small to draw"), layers' names and refusals wrapped whole, the
// chosen cell's row labelled; the comparison table fits the screen. The SVG drawn at the canvas's
// size lays out as the canvas does.
{
  for (const query of ["", "lesson=eval_0"]) {
    const { context, page } = await open(SCREENS[0], query);
    await check(`phone${query ? ` ?${query}` : ""}: the lab charts' x axes have three or more numbers, apart`, async () => {
      // The first view runs the small module, which draws no SVG: its SVG button loads the full one.
      if (!query) {
        const button = page.locator('.chart-tools button[data-chart="chart-distribution"]').first();
        await Promise.all([page.waitForEvent("download"), button.click()]);
      }
      await page.waitForFunction(() => window.playground.chart_svg?.("chart-distribution", 300, 300).length > 0);
      await settle(page);
      for (const id of VIEWS.lab) {
        const ticks = xTicks(await svgOf(page, id));
        // After the first Step the running chart's steps are 0 and 1: two whole numbers to label.
        const least = id === "chart-running" && !query ? 2 : 3;
        expect(ticks.length >= least, `${id}: x ticks ${ticks.map((t) => t.text).join(", ")}`);
        // The SVG is in CSS pixels; a digit is at most ~0.64 em of the 13-14 px font.
        const apart = ticks.every((t, k) => k === 0 || t.x - ticks[k - 1].x > 0.64 * 14 * (t.text.length + ticks[k - 1].text.length) / 2);
        expect(apart, `${id}: labels overlap: ${ticks.map((t) => `${t.text}@${t.x}`).join(", ")}`);
      }
    });
    await context.close();
  }
  const norms = [
    // The page's own batch (N = 4): every sample's row is named in each of the four grids (at
    // 640 px high only the chosen row n=1 was).
    ["view=norms", (t) => {
      for (const n of [0, 1, 2, 3]) expect(t.filter((x) => x === `n=${n}`).length === 4, `n=${n} in each grid: ${t.join(" | ")}`);
    }],
    // Eight rows: evenly spaced labels through the chosen row (they read "n=1, n=4, n=6").
    ["view=norms&cmp=8_6_5_2_1", (t) => {
      for (const n of [1, 3, 5, 7]) expect(t.filter((x) => x === `n=${n}`).length === 4, `n=${n} in each grid: ${t.join(" | ")}`);
    }],
    ["view=norms&cmp=16_16_16_16_1&cell=15_15_15", (t, svg) => {
      expect(!t.includes("Too small to draw"), "the grid says it is too small");
      expect((svg.match(/<rect/g) ?? []).length > 100, "the grid draws cells");
      // The part drawn holds the chosen cell (15, 15, 15), its row and feature labelled.
      expect(t.some((x) => /^showing samples \d+–15, features \d+–15/.test(x)), `no cap, or not the chosen cell's: ${t.join(" | ")}`);
      expect(t.includes("n=15") && t.includes("c=15") && !t.includes("n=0"), `labels: ${t.join(" | ")}`);
    }],
    ["view=norms&cmp=16_6_5_2_1", (t) => {
      expect(!t.some((x) => x.includes("…")), `cut: ${t.filter((x) => x.includes("…")).join(" | ")}`);
      expect(t.join("").includes("elementwise_affine=False)"), `LayerNorm's name: ${t.join(" | ")}`);
      expect(t.filter((x) => x === "n=1").length >= 4, `the chosen row n=1 is labelled in each grid: ${t.join(" | ")}`);
    }],
    ["view=norms&cmp=16_6_1_3_1&lang=zh-Hans", (t) => {
      expect(!t.some((x) => x.includes("…")), `cut: ${t.filter((x) => x.includes("…")).join(" | ")}`);
    }],
  ];
  for (const [query, test] of norms) {
    const { context, page } = await open(SCREENS[0], query);
    await check(`phone ?${query}: the norm grid is drawn and read whole`, async () => {
      await page.waitForFunction(() => window.playground.chart_svg("chart-norm-grid", 300, 300).length > 0);
      await settle(page);
      const svg = await svgOf(page, "chart-norm-grid");
      test(svgTexts(svg), svg);
    });
    if (query.includes("16_16_16")) {
      await check("phone: the comparison table fits the screen", async () => {
        const table = page.locator("table.compare");
        await table.scrollIntoViewIfNeeded();
        const fit = await table.evaluate((t) => ({ right: t.getBoundingClientRect().right, width: innerWidth,
          scroll: document.scrollingElement.scrollWidth }));
        expect(fit.right <= fit.width && fit.scroll <= fit.width, `table's right edge ${fit.right}, page ${fit.scroll} wide, screen ${fit.width}`);
        await page.screenshot({ path: path.join(artifacts, "screens-phone-compare.png"), fullPage: true });
      });
    }
    await page.locator("#chart-norm-grid").screenshot({ path: path.join(artifacts, `screens-phone-norms-${query.replace(/\W+/g, "_")}.png`) });
    await context.close();
  }
}

// Slides: every chart of every view as SVG (parses, holds the chart's title) and PNG (twice the
// screen's resolution, at least 800 pixels wide); the buttons download them. The charts are the
// page's canvases, read from its DOM (a list kept here missed the two papers' charts, whose SVG
// button did nothing), every one in some view.
{
  const { context, page } = await open({ viewport: { width: 1400, height: 1000 } }, "");
  const views = Object.keys(VIEWS);
  const canvases = await page.evaluate((views) => ({
    all: [...document.querySelectorAll("canvas")].map((c) => c.id),
    byView: Object.fromEntries(views.map((v) => [v, [...document.querySelectorAll(`#view-${v} canvas`)].map((c) => c.id)])),
  }), views);
  await check("slides: every canvas of the page is a chart of a view, with a title to find", async () => {
    const inViews = Object.values(canvases.byView).flat();
    const outside = canvases.all.filter((id) => !inViews.includes(id));
    expect(outside.length === 0, `canvases in no view: ${outside.join(", ")}`);
    const untitled = canvases.all.filter((id) => !TITLES[id]);
    expect(untitled.length === 0, `no title known for ${untitled.join(", ")}: add it to TITLES`);
    expect(canvases.all.length >= 13, `only ${canvases.all.length} canvases: ${canvases.all.join(", ")}`);
  });
  for (const view of views) {
    const ids = canvases.byView[view];
    await showView(page, view);
    // The buttons first: in the BatchNorm1d view the page still runs the first view's small
    // module, and the SVG button is what loads the full one (which draws SVG).
    const id = ids[0];
    await check(`${view}: the SVG and PNG buttons download ${id}`, async () => {
      const buttons = page.locator(`.chart-tools button[data-chart="${id}"]`);
      expect((await buttons.nth(0).innerText()).includes("SVG") && (await buttons.nth(1).innerText()).includes("PNG"), "labels say SVG, PNG");
      const [svg] = await Promise.all([page.waitForEvent("download"), buttons.nth(0).click()]);
      // Named for what it shows, the same for SVG and PNG ("chart-distribution.svg" named a canvas).
      const stem = { lab: /^batchnorm-lab-distribution-step[1-9]\d*$/, norms: /^batchnorm-norms-norm-grid$/,
        train: /^batchnorm-train-curves-step[1-9]\d*$/ }[view];
      const svgStem = svg.suggestedFilename().replace(/\.svg$/, "");
      expect(svg.suggestedFilename().endsWith(".svg") && stem.test(svgStem), svg.suggestedFilename());
      const svgText = readFileSync(await svg.path(), "utf8");
      expect(svgText.startsWith("<svg"), "an SVG file");
      const [png] = await Promise.all([page.waitForEvent("download"), buttons.nth(1).click()]);
      expect(png.suggestedFilename() === `${svgStem}.png`, `${png.suggestedFilename()} beside ${svgStem}.svg`);
      const bytes = readFileSync(await png.path());
      const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      const css = await page.evaluate((id) => [document.getElementById(id).clientWidth, document.getElementById(id).clientHeight], id);
      const ratio = Math.max(2, 800 / css[0]);
      expect(w === Math.round(css[0] * ratio) && h === Math.round(css[1] * ratio), `PNG ${w}×${h} for ${css[0]}×${css[1]} CSS px`);
      expect(w >= 800, `PNG ${w} px wide`);
    });
    for (const id of ids) {
      await check(`${id}: the SVG parses and holds the chart's title`, async () => {
        const result = await page.evaluate((id) => {
          const c = document.getElementById(id);
          const svg = window.playground.chart_svg(id, c.clientWidth, c.clientHeight);
          const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
          const texts = [...doc.querySelectorAll("text")].map((t) => t.textContent);
          return { length: svg.length, error: doc.querySelector("parsererror")?.textContent ?? "", root: doc.documentElement.nodeName, texts };
        }, id);
        expect(result.length > 0, "an empty SVG");
        expect(!result.error && result.root === "svg", `not an SVG: ${result.error}`);
        // A title too wide for one line is drawn in two.
        const title = TITLES[id];
        const words = result.texts.map((t) => t.trim()).filter(Boolean).join(" ");
        expect(title.test(words), `no title ${title} in ${words.slice(0, 200)}`);
      });
    }
  }
  await check("slides: an SVG that cannot be drawn says so in the notice", async () => {
    const notice = await page.evaluate(() => {
      const svg = window.playground.chart_svg("chart-none", 600, 400);
      return { svg, notice: JSON.parse(window.playground.peek()).notice?.text ?? "" };
    });
    expect(notice.svg === "", `an SVG of no chart: ${notice.svg.slice(0, 40)}`);
    expect(notice.notice.includes('"chart-none" could not be drawn as SVG'), `the notice: ${notice.notice}`);
  });

  // Share with the class: the QR code decodes to the page's link; a loopback page says how to
  // serve to the room; Escape closes and focus comes back.
  await showView(page, "lab");
  await page.locator("#step").click();
  await settle(page);
  await check("Share: a dialog with a QR code of the page's link, readable", async () => {
    await page.locator("#share").click();
    await settle(page);
    expect(await page.locator("#share-dialog").evaluate((d) => d.open), "the dialog is open");
    expect(await page.evaluate(() => document.activeElement.id) === "share-close", "focus moves into the dialog");
    const link = await page.locator("#share-link").textContent();
    expect(link === (await page.evaluate(() => location.href)), `the shown link ${link} is the page's`);
    await page.addScriptTag({ content: jsQR });
    const decoded = await page.evaluate(async () => {
      const img = document.getElementById("share-qr");
      await img.decode();
      const size = 600;
      const c = document.createElement("canvas");
      c.width = c.height = size;
      const ctx = c.getContext("2d");
      ctx.drawImage(img, 0, 0, size, size);
      const d = ctx.getImageData(0, 0, size, size);
      return { text: window.jsQR(d.data, size, size)?.data ?? null, shown: img.getBoundingClientRect().width };
    });
    expect(decoded.text === link, `decoded ${decoded.text}`);
    expect(decoded.shown >= 300, `the code is ${decoded.shown} CSS px wide`);
    const warning = await page.locator("#share-loopback");
    expect(await warning.isVisible(), "a loopback page says phones cannot reach it");
    expect((await warning.innerText()).includes("HOST=0.0.0.0 bash .ci/serve"), "and how to serve to the room");
    expect(!(await page.locator("#share-help").isVisible()), "and does not tell phones to scan a code they cannot open");
    // Projected, thirty phones scanned a code of 127.0.0.1 before anyone read the warning.
    const faint = await page.locator("#share-qr").evaluate((img) => Number(getComputedStyle(img).opacity));
    expect(faint <= 0.3, `a code phones cannot open is shown at opacity ${faint}, clear enough to scan`);
    await page.screenshot({ path: path.join(artifacts, "screens-share.png") });
    await page.keyboard.press("Escape");
    await settle(page);
    expect(!(await page.locator("#share-dialog").evaluate((d) => d.open)), "Escape closes it");
    expect(await page.evaluate(() => document.activeElement.id) === "share", "focus returns to Share");
  });
  await check("Share on a projector: the QR code is large", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator("#share").click();
    await settle(page);
    const box = await page.locator("#share-qr").boundingBox();
    expect(box.width >= 380 && box.y >= 0, `QR ${box.width} px`);
    await page.screenshot({ path: path.join(artifacts, "screens-share-720p.png") });
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1400, height: 1000 });
    await settle(page);
  });

  await check("Share of a link too long for a QR code: says so, and offers no code to scan", async () => {
    // 300 edits of a sample's value, each with a Step: a link of ~4 000 characters (a QR code at
    // level M holds 2 331 bytes).
    const edits = Array.from({ length: 300 }, (_, i) => `s1,v${i % 32}_${i % 8}_1.5`).join(",");
    await page.goto(`${url}?do=${edits}`);
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    await page.waitForFunction(() => document.getElementById("opening").hidden, null, { timeout: 60000 });
    await page.locator("#share").click();
    await page.waitForFunction(() => document.getElementById("share-dialog").open, null, { timeout: 10000 });
    expect(await page.locator("#share-too-long").isVisible(), "the too-long notice is shown");
    expect(!(await page.locator("#share-qr").isVisible()), "no code is shown");
    expect(!(await page.locator("#share-help").isVisible()), "no sentence says to scan the code");
    await page.keyboard.press("Escape");
    await settle(page);
  });

  // Print: a handout without controls.
  await page.evaluate(() => document.getElementById("share-dialog").close());
  for (const view of ["lab", "norms", "train"]) {
    await check(`print ${view}: charts, table and code, no controls`, async () => {
      await page.emulateMedia({ media: "screen" });
      await showView(page, view);
      await page.emulateMedia({ media: "print" });
      await settle(page);
      for (const sel of ["#toolbar button", "#toolbar fieldset", "#views-nav", ".tools", "#controls", ".chart-tools button", "#t-step", "#share", "#t-speed", "#speed"]) {
        const visible = await page.locator(sel).evaluateAll((els) => els.some((e) => e.checkVisibility()));
        expect(!visible, `${sel} prints`);
      }
      for (const id of VIEWS[view]) expect(await page.locator(`#${id}`).isVisible(), `${id} does not print`);
      if (view === "lab") {
        // The status line heads the handout, as the Train view's does (review22: it did not print).
        for (const sel of ["#steps table", "#pytorch", "#status"]) expect(await page.locator(sel).isVisible(), `${sel} does not print`);
        // (The page before held an edited batch: "Step 300 (redone on the edited batch, …) · …".)
        expect(/^Step \d+( \([^)]*\))? · (train|eval) mode · num_batches_tracked = /.test(await page.locator("#status").textContent()), "the status line");
      }
      // The code prints dark on white (the Train view's models printed #f0f3f6 on white).
      for (const el of await page.locator(`#view-${view} pre`).all()) {
        if (!(await el.isVisible())) continue;
        const [colour, background] = await el.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]);
        expect(colour === "rgb(0, 0, 0)" && background === "rgb(255, 255, 255)", `a code block prints ${colour} on ${background}`);
      }
      await page.screenshot({ path: path.join(artifacts, `screens-print-${view}.png`), fullPage: true });
    });
  }
  // On a Letter or A4 page (about 720 CSS px of print width) no line of the lab's code wraps:
  // a wrapped comment went on without "#", a SyntaxError typed from the paper (review22).
  await check("print lab on a page's width: no line of the PyTorch code wraps", async () => {
    await page.emulateMedia({ media: "screen" });
    await showView(page, "lab");
    const size = page.viewportSize();
    await page.setViewportSize({ width: 720, height: 1000 });
    await page.emulateMedia({ media: "print" });
    await settle(page);
    const shown = await page.evaluate(() => {
      const code = document.getElementById("pytorch");
      const range = document.createRange();
      range.selectNodeContents(code);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { lines: code.textContent.split("\n").length, tops: tops.size, text: code.textContent };
    });
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize(size);
    expect(shown.lines > 5 && shown.tops <= shown.lines, `${shown.lines} lines print as ${shown.tops}:\n${shown.text}`);
  });
  await check("print with a lesson open: the lesson's question prints, its buttons do not", async () => {
    await page.emulateMedia({ media: "screen" });
    await showView(page, "lab");
    await page.selectOption("#lesson-select", "tutorial");
    await page.waitForFunction(() => !document.getElementById("lesson").hidden, null, { timeout: 20000 });
    await page.emulateMedia({ media: "print" });
    await settle(page);
    expect(await page.locator("#lesson-text").isVisible(), "the lesson's text does not print");
    const buttons = await page.locator("#lesson button").evaluateAll((els) => els.some((e) => e.checkVisibility()));
    expect(!buttons, "the lesson's buttons print");
    await page.emulateMedia({ media: "screen" });
    await page.click("#lesson-close");
  });
  await page.emulateMedia({ media: "screen" });
  await context.close();
}


// Printed from presenter mode, a chart keeps the shape it is drawn in: its screen heights (more
// specific than print's) stretched the Train view's lower charts from 1.39 to 1.58 wide per high.
await check("print from presenter-720p: every chart keeps its drawn shape", async () => {
  const { context, page } = await openTrain(SCREENS[3]);
  for (const view of ["lab", "norms", "train"]) {
    await page.emulateMedia({ media: "screen" });
    await showView(page, view);
    await page.emulateMedia({ media: "print" });
    await settle(page);
    const shapes = await page.evaluate(() =>
      [...document.querySelectorAll("figure.chart canvas")].filter((c) => c.checkVisibility()).map((c) => {
        const box = c.getBoundingClientRect();
        return { id: c.id, box: box.width / box.height, drawn: c.width / c.height };
      }),
    );
    expect(shapes.length > 0, `no chart prints in ${view}`);
    for (const { id, box, drawn } of shapes) {
      expect(Math.abs(box / drawn - 1) < 0.02, `${id} prints ${box.toFixed(2)} wide per high, drawn ${drawn.toFixed(2)}`);
    }
  }
  await context.close();
});


// A tablet turned sideways: its settings start folded upright, and past the width where the
// fold's summary is hidden they open (they stayed folded, the column beside the charts empty).
// A lesson says "press Play and watch the percentiles chart": on a phone, Play stays at the top
// beside it (review26: it was 741 px above the chart).
await check("phone: the Train view's Play stays on the screen beside the percentiles chart", async () => {
  const { context, page } = await open(SCREENS[0], "view=train&tpreset=fig1");
  await page.evaluate(() => document.getElementById("chart-percentiles").scrollIntoView({ block: "center" }));
  await settle(page);
  const play = await page.evaluate(() => {
    const r = document.getElementById("t-play").getBoundingClientRect();
    const chart = document.getElementById("chart-percentiles").getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, chartTop: chart.top, height: innerHeight };
  });
  expect(play.top >= 0 && play.bottom <= play.height && play.chartTop > 0, `Play: ${JSON.stringify(play)}`);
  await context.close();
});

await check("tablet turned sideways: the lab's settings show", async () => {
  const { context, page } = await open(SCREENS[1]);
  expect(!(await page.locator("#batch-size").isVisible()), "the settings start folded upright");
  await page.setViewportSize({ width: SCREENS[1].viewport.height, height: SCREENS[1].viewport.width });
  await page.waitForFunction(() => document.getElementById("batch-size").checkVisibility(), null, { timeout: 5000 }).catch(() => {});
  expect(await page.locator("#batch-size").isVisible(), "the settings are folded with nothing to open them by");
  await context.close();
});


// A phone's settings fold once the App runs: hidden until then, so the first chart does not jump
// up the screen when they fold (its top went from 2156 px to 561).
await check("phone: the first chart stays where it first shows while the page starts", async () => {
  const context = await browser.newContext({ ...SCREENS[0] });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__tops = [];
    const watch = () => {
      const chart = document.getElementById("chart-distribution");
      if (chart) window.__tops.push(chart.getBoundingClientRect().top);
      if (!document.body?.dataset.ready) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  const tops = await page.evaluate(() => [...window.__tops, document.getElementById("chart-distribution").getBoundingClientRect().top]);
  const jump = Math.max(...tops) - Math.min(...tops);
  expect(jump < 100, `the first chart moved ${Math.round(jump)} px while the page started (${tops.map(Math.round).join(", ")})`);
  await context.close();
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
