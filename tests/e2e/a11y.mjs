// Every student: axe-core (WCAG 2.0/2.1 A and AA, and best practices) over every view, every
// language and every screen (phone, tablet, desktop, presenter mode), during a lesson and after
// refusals; a keyboard-only walk through each view; 200 % and 400 % zoom and a larger browser
// text size; reduced motion; forced colours; the focus kept where a press disables its button;
// nothing taken before the App runs; live regions paced; single-key shortcuts that turn off.
// Usage: node tests/e2e/a11y.mjs http://127.0.0.1:PORT/
// Screenshots go to tests/artifacts/a11y-*.png.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const url = process.argv[2];
if (!url) {
  console.error("usage: node a11y.mjs URL");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "..", "artifacts");
mkdirSync(artifacts, { recursive: true });
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

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
const settle = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250)))));

const SCREENS = {
  desktop: { viewport: { width: 1400, height: 1000 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
  tablet: { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
  presenter: { viewport: { width: 1280, height: 720 }, present: true },
};

async function open(screen, query, extra = {}) {
  const context = await browser.newContext({
    viewport: screen.viewport,
    deviceScaleFactor: screen.deviceScaleFactor ?? 1,
    hasTouch: Boolean(screen.hasTouch),
    isMobile: Boolean(screen.isMobile),
    bypassCSP: true, // only so the test can add axe-core to the page
    ...extra,
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  const q = [query, screen.present ? "present=1" : ""].filter(Boolean).join("&");
  await page.goto(q ? `${url}?${q}` : url);
  await page.waitForSelector("body[data-ready=true]");
  await settle(page);
  if (query.includes("view=train")) {
    await page.waitForFunction(() => document.getElementById("t-status").textContent.length > 0);
  }
  return { context, page, errors };
}

// axe's violations on the page as it is now: "rule ×count (first target)".
async function axe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return r.violations.map((v) => ({ id: v.id, count: v.nodes.length, target: v.nodes[0]?.target?.join(" ") ?? "" }));
  });
  return result;
}

let total = 0;
async function axeCheck(name, page) {
  await check(`axe: ${name}`, async () => {
    const violations = await axe(page);
    const count = violations.reduce((n, v) => n + v.count, 0);
    total += count;
    expect(count === 0, violations.map((v) => `${v.id} ×${v.count} (${v.target})`).join("; "));
  });
}

// Each chart's SVG and PNG buttons, as the browser's accessibility tree names them: every one
// says which chart it downloads (a dozen "Download SVG" told a screen-reader user nothing), and
// keeps its visible label.
async function downloadNamesCheck(name, context, page) {
  await check(`the download buttons of ${name} name their chart`, async () => {
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const buttons = nodes.filter((n) => !n.ignored && n.role?.value === "button").map((n) => n.name?.value ?? "");
    const charts = await page.locator("figure.chart canvas:visible").count();
    for (const kind of ["SVG", "PNG"]) {
      const names = buttons.filter((b) => b.endsWith(` ${kind}`) || b === kind);
      expect(names.length === charts && charts > 1, `${charts} charts, ${kind} buttons: ${JSON.stringify(names)}`);
      expect(new Set(names).size === names.length, `the same name twice: ${JSON.stringify(names)}`);
      // More than "Download" before it ("下載 SVG" is 6 characters; "將梯度圖下載為 SVG" 11).
      expect(names.every((b) => b.length >= kind.length + 8), `a name that does not say which chart: ${JSON.stringify(names)}`);
    }
  });
}

// Every view × language × screen.
for (const lang of ["en", "zh-Hant", "zh-Hans"]) {
  for (const [screenName, screen] of Object.entries(SCREENS)) {
    for (const view of ["lab", "norms", "train"]) {
      const { context, page } = await open(screen, `lang=${lang}&view=${view}`);
      if (view === "train") {
        await page.locator("#t-step").click();
        await settle(page);
      }
      await axeCheck(`${view}, ${lang}, ${screenName}`, page);
      if (screenName === "desktop") await downloadNamesCheck(`${view}, ${lang}`, context, page);
      await context.close();
    }
  }
}

// States: a lesson, refusals, open panels, the Share dialog, the shortcuts list.
{
  const { context, page } = await open(SCREENS.desktop, "");
  await page.locator("#batch-size").fill("1");
  await page.locator("#batch-size").dispatchEvent("change");
  await settle(page);
  await check("a batch of one is refused (the banner shows)", async () => {
    await page.waitForSelector("#refusal:not([hidden])", { timeout: 5000 }).catch(() => {});
    expect(await page.locator("#refusal").isVisible(), "no refusal");
  });
  await axeCheck("after a refusal (a batch of one)", page);
  await page.locator("#batch-size").fill("32");
  await page.locator("#batch-size").dispatchEvent("change");
  await page.locator("#lesson-select").selectOption("coupled");
  await settle(page);
  await axeCheck("during lesson 'coupled'", page);
  await page.locator("#lesson-reveal").click();
  await settle(page);
  await axeCheck("lesson answer revealed", page);
  await page.locator("#lesson-close").click();
  await page.locator("#backward summary").click();
  await page.locator("#own-data summary").click();
  await page.locator("#help").click();
  await settle(page);
  await axeCheck("backward panel, own data and shortcuts open", page);
  await page.locator("#share").click();
  await settle(page);
  await axeCheck("Share dialog open", page);
  await page.keyboard.press("Escape");
  await page.locator("#tab-norms").click();
  await page.locator("#n-g").fill("4");
  await page.locator("#n-g").dispatchEvent("change");
  await settle(page);
  await check("a refused GroupNorm reaches a screen reader (the grid's text alternative says why)", async () => {
    const words = await page.locator("#sum-norm-grid").textContent();
    expect(/GroupNorm.*refused/.test(words), words);
  });
  await axeCheck("Which axis? with a refused GroupNorm", page);
  await context.close();
}

// The keyboard alone: Tab reaches every control and chart of each view, with a visible focus,
// and no trap; arrows, Space and Enter operate them.
{
  const { context, page } = await open(SCREENS.desktop, "");
  const walk = async () => {
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    const seen = [];
    let unfocused = [];
    const unseen = []; // hostile25: the Settings summary, 1×1 px and clipped, took the focus
    let outside = 0;
    for (let i = 0; i < 260; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { id: el.id || el.dataset.chart || el.tagName, ring: s.outlineStyle !== "none" || s.boxShadow !== "none",
          seen: el.checkVisibility() && r.width >= 8 && r.height >= 8 };
      });
      if (!f) {
        // Past the last control focus leaves the page; the next Tab comes back to the first.
        if (++outside > 1) break;
        continue;
      }
      if (seen.length && f.id === seen[0] && i > 5) break;
      seen.push(f.id);
      if (!f.ring) unfocused.push(f.id);
      if (!f.seen) unseen.push(f.id);
    }
    return { seen, unfocused, unseen };
  };
  const views = {
    lab: ["lesson-select", "lang-select", "presenter", "copy-link", "share", "print", "tab-lab", "step", "play", "speed", "reset",
      "mode-train", "eps", "momentum", "gamma", "batch-size", "seed", "feature", "sample", "value", "overlay",
      "chart-features", "chart-samples"],
    norms: ["tab-norms", "n-n", "n-c", "n-l", "n-g", "n-seed", "chart-norm-grid"],
    train: ["tab-train", "t-step", "t-play", "t-reset", "t-lr", "t-batch", "t-sweep", "t-open-layer-1"],
  };
  for (const [view, ids] of Object.entries(views)) {
    await page.locator(`#tab-${view}`).click();
    await settle(page);
    await check(`keyboard: Tab reaches every control and chart of ${view}, each seen, with a visible focus, no trap`, async () => {
      const { seen, unfocused, unseen } = await walk();
      const missing = ids.filter((id) => !seen.includes(id));
      expect(missing.length === 0, `not reached: ${missing.join(", ")}`);
      expect(unfocused.length === 0, `no visible focus: ${unfocused.join(", ")}`);
      expect(unseen.length === 0, `the focus on something not seen: ${unseen.join(", ")}`);
      expect(seen.length < 260, "Tab never came back round (a trap?)");
    });
  }
  await page.locator("#tab-lab").click();
  await settle(page);
  await check("keyboard: Space on Step steps, arrows on the all-features chart follow the next feature", async () => {
    const status = await page.locator("#status").textContent();
    await page.locator("#step").focus();
    await page.keyboard.press("Space");
    await settle(page);
    expect((await page.locator("#status").textContent()) !== status, "Space did not step");
    await page.locator("#chart-features").focus();
    const before = Number(await page.locator("#feature").inputValue());
    await page.keyboard.press("ArrowRight");
    await settle(page);
    expect(Number(await page.locator("#feature").inputValue()) === before + 1, "→ did not follow the next feature");
  });
  await check("keyboard: the sample box picks a sample and arrows on the value slider move its value", async () => {
    await page.locator("#sample").focus();
    await page.keyboard.press("ArrowUp");
    await settle(page);
    expect(Number(await page.locator("#sample").inputValue()) === 1, "sample did not change");
    const value = await page.locator("#value-out").textContent();
    await page.locator("#value").focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    await settle(page);
    expect((await page.locator("#value-out").textContent()) !== value, "the value did not move");
  });
  await check("keyboard: Enter on a tab opens its view; arrows move over the norm grid's cells", async () => {
    await page.locator("#tab-norms").focus();
    await page.keyboard.press("Enter");
    await settle(page);
    expect(await page.locator("#view-norms").isVisible(), "Enter did not open the view");
    await page.locator("#chart-norm-grid").focus();
    const before = await page.locator("#sum-norm-grid").textContent();
    await page.keyboard.press("ArrowDown");
    await settle(page);
    expect((await page.locator("#sum-norm-grid").textContent()) !== before, "↓ did not move the cell");
  });
  await check("a chart's words are announced politely once the page settles", async () => {
    const live = await page.locator("#announce").getAttribute("aria-live");
    // Said once the keys pause (see "a run of Steps or slider arrows is said once").
    await page.waitForFunction(() => document.getElementById("announce").textContent === document.getElementById("sum-norm-grid").textContent, null, { timeout: 5000 }).catch(() => {});
    const said = await page.locator("#announce").textContent();
    expect(live === "polite" && said === (await page.locator("#sum-norm-grid").textContent()), `announced: ${said}`);
  });
  await context.close();
}

// 200 % zoom (a 1280×1000 window at twice the size: 640×500 CSS px at devicePixelRatio 2) and a
// browser text size of 32 px instead of 16: nothing cut off sideways, charts drawn.
for (const [name, screen, fontSize] of [
  ["zoom-200", { viewport: { width: 640, height: 500 }, deviceScaleFactor: 2 }, 0],
  ["text-200", { viewport: { width: 1280, height: 1000 } }, 32],
]) {
  for (const view of ["lab", "norms", "train"]) {
    const { context, page } = await open(screen, `view=${view}`);
    if (fontSize) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Page.setFontSizes", { fontSizes: { standard: fontSize, fixed: fontSize } });
      await page.evaluate(() => window.dispatchEvent(new Event("resize")));
      await settle(page);
    }
    await check(`${name} ${view}: no sideways scroll, charts drawn`, async () => {
      const l = await page.evaluate(() => ({ w: innerWidth, sw: document.scrollingElement.scrollWidth,
        font: parseFloat(getComputedStyle(document.documentElement).fontSize) }));
      expect(l.sw <= l.w, `scrollWidth ${l.sw} > ${l.w}`);
      if (fontSize) expect(l.font >= 30, `the page's text did not grow (${l.font}px)`);
      const charts = await page.evaluate(() => JSON.parse(window.playground.peek()).charts);
      for (const id of charts) {
        const r = await page.locator(`#${id}`).boundingBox();
        expect(r && r.x >= 0 && r.x + r.width <= l.w + 0.5, `${id} cut off`);
      }
    });
    await page.screenshot({ path: path.join(artifacts, `a11y-${name}-${view}.png`) });
    await context.close();
  }
}

// 200 % zoom of a 1366×768 laptop (683×384 CSS px): the lesson card is taller than the screen.
// Reveal, "Show …" (the page goes down to what the answer names), then Next, from the keyboard:
// the new stage's text is on the screen, and so is the focus (the stage opened above the screen,
// the focus on "Next lesson ›" at its top edge), also after Back.
{
  const { context, page } = await open({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }, "lesson=tutorial_0", { reducedMotion: "reduce" });
  const where = () => page.evaluate(() => {
    const heading = document.querySelector("#lesson h2").getBoundingClientRect();
    const focus = document.activeElement.getBoundingClientRect();
    return { heading: heading.top, stage: document.querySelector("#lesson h2 small")?.textContent,
      focus: [focus.top, focus.bottom], id: document.activeElement.id || document.activeElement.tagName, height: innerHeight };
  });
  const inView = (r, stage) => {
    expect(r.stage === stage, `stage ${r.stage}, not ${stage}`);
    // Within a pixel of the top is on the screen (a scroll lands on whole pixels, a heading may not).
    expect(r.heading > -1 && r.heading < r.height / 2, `the stage's heading at ${r.heading.toFixed(2)} of ${r.height}`);
    expect(r.focus[0] >= 0 && r.focus[1] <= r.height, `the focus (#${r.id}) at ${Math.round(r.focus[0])}…${Math.round(r.focus[1])} of ${r.height}`);
  };
  await check("zoom-200 683×384: after Next, the new stage's text and the focus on the screen", async () => {
    await page.focus("#lesson-reveal");
    await page.keyboard.press("Enter");
    await settle(page);
    await page.focus("#lesson-show");
    await page.keyboard.press("Enter");
    await settle(page);
    await page.focus("#lesson-next");
    await page.keyboard.press("Enter");
    await settle(page);
    inView(await where(), "(2/2)");
  });
  await check("zoom-200 683×384: after Back, the stage's text and the focus on the screen", async () => {
    await page.evaluate(() => window.scrollTo(0, document.getElementById("steps").getBoundingClientRect().top + scrollY));
    await page.focus("#lesson-back");
    await page.keyboard.press("Enter");
    await settle(page);
    inView(await where(), "(1/2)");
  });
  // The way back to the lesson floats low on the right: a button Tab reaches there is brought
  // above it, not left under it (the all-features chart's PNG button was).
  await check("zoom-200 683×384: Tab does not leave a button under “↑ Lesson”", async () => {
    await page.evaluate(async () => {
      const buttons = [...document.querySelectorAll("#fig-features button")];
      scrollTo(0, buttons.at(-1).getBoundingClientRect().top + scrollY - innerHeight + 40);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      buttons.at(-2).focus({ preventScroll: true });
    });
    await page.waitForFunction(() => !document.getElementById("lesson-return").hidden);
    await page.keyboard.press("Tab");
    await settle(page);
    const r = await page.evaluate(() => {
      const back = document.getElementById("lesson-return");
      const a = document.activeElement.getBoundingClientRect();
      const b = back.getBoundingClientRect();
      return { shown: !back.hidden, over: a.bottom > b.top && a.right > b.left, at: [a.top, a.bottom], back: b.top };
    });
    expect(r.shown, "“↑ Lesson” is not shown");
    expect(!r.over, `the focused button (${r.at.map(Math.round)}) is under “↑ Lesson” (from ${Math.round(r.back)})`);
  });
  await page.screenshot({ path: path.join(artifacts, "a11y-zoom-200-lesson-next.png") });
  await context.close();
}

// Projected at 1280×720, the lab's and the Train view's settings sit under their charts: Tab
// reaches them after the charts, as drawn (keys36: it went down to them first, then back up).
for (const [query, start, first, settings] of [["", "#step", "#fig-distribution button", "#num-features"],
  ["view=train", "#t-step", "#view-train figure button", "#t-preset"]]) {
  const { context, page } = await open(SCREENS.presenter, query);
  await check(`presenter 1280×720${query && ` ${query}`}: Tab reaches the charts before the settings under them`, async () => {
    await page.focus(start);
    const order = [];
    for (let i = 0; i < 60 && order.length < 2; i++) {
      await page.keyboard.press("Tab");
      const at = await page.evaluate(([first, settings]) => {
        const el = document.activeElement;
        return el === document.querySelector(first) ? "chart" : el.matches(settings) ? "settings" : null;
      }, [first, settings]);
      if (at && !order.includes(at)) order.push(at);
    }
    expect(order.join() === "chart,settings", `Tab from ${start} reached: ${order.join(", then ")}`);
  });
  await context.close();
}

// The Share dialog's link, for a keyboard: Tab from Close reaches it, all of it selected to copy.
{
  const { context, page } = await open(SCREENS.desktop, "n=8");
  await check("keyboard: Tab in the Share dialog reaches its link, all of it selected", async () => {
    await page.click("#share");
    await page.waitForSelector("#share-dialog[open]");
    await page.keyboard.press("Tab");
    const [id, selected, link] = await page.evaluate(() =>
      [document.activeElement.id, String(getSelection()), document.getElementById("share-link").textContent]);
    expect(id === "share-link", `Tab went to #${id}`);
    expect(link.includes("n=8") && selected === link, `selected “${selected}” of “${link}”`);
  });
  await context.close();
}

// Every menu and number box in the text size around it (the Backward panel's upstream menu and
// seed box were the browser's 13 px beside 17 px text).
for (const screen of ["desktop", "phone"]) {
  const { context, page } = await open(SCREENS[screen], "bwd=random_3");
  await check(`${screen}: every menu and number box in the text size around it`, async () => {
    const odd = await page.evaluate(() => [...document.querySelectorAll("select, input[type=number]")]
      .filter((el) => getComputedStyle(el).fontSize !== getComputedStyle(el.parentElement).fontSize)
      .map((el) => `#${el.id} ${getComputedStyle(el).fontSize} in ${getComputedStyle(el.parentElement).fontSize}`));
    expect(odd.length === 0, odd.join(", "));
  });
  await context.close();
}

// Reduced motion: nothing moves without a press.
{
  const { context, page } = await open(SCREENS.desktop, "lesson=coupled_0", { reducedMotion: "reduce" });
  await check("reduced motion: a lesson link does not start Play, and nothing transitions", async () => {
    const f = await page.evaluate(() => JSON.parse(window.playground.peek()));
    expect(!f.busy && (await page.locator("#play").textContent()) === "Play", "Play started by itself");
    const t = await page.evaluate(() => getComputedStyle(document.getElementById("step")).transitionDuration);
    expect(t === "0s", `transition ${t}`);
  });
  await context.close();
}

// 400 % zoom (WCAG 1.4.10): a 1280×900 window at four times the size is 320×225 CSS px. The
// sticky toolbar (214 px there) left 11 px to read: on a short window it scrolls away. Nothing is
// cut off sideways (the Backward panel's menu ran 18 px past the edge).
{
  const { context, page } = await open({ viewport: { width: 320, height: 225 }, deviceScaleFactor: 4 }, "bwd=random_3");
  await check("zoom-400: the toolbar scrolls away, leaving the page to read", async () => {
    await page.evaluate(() => window.scrollTo(0, 1200));
    await settle(page);
    const bottom = await page.evaluate(() => document.getElementById("toolbar").getBoundingClientRect().bottom);
    expect(bottom <= 0, `the toolbar still covers ${Math.round(bottom)} of 225 px`);
  });
  await check("zoom-400: every control inside the screen's width", async () => {
    const out = await page.evaluate(() => [...document.querySelectorAll("button, input, select, textarea")]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > innerWidth + 0.5)
      .map((el) => `#${el.id || el.tagName} ends at ${Math.round(el.getBoundingClientRect().right)}`));
    expect(out.length === 0, out.join(", "));
  });
  await page.locator("#upstream").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, "a11y-zoom-400-backward.png") });
  await context.close();
}

// Where the toolbar stays at the top (a phone held upright), a control reached by Tab, forwards or
// backwards, is never under it: Shift+Tab up the settings put each one behind the toolbar.
{
  const { context, page } = await open(SCREENS.phone, "");
  await check("phone: a control reached by Shift+Tab is not under the sticky toolbar", async () => {
    await page.locator("#controls-fold summary").click();
    await page.locator("#overlay").focus();
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
    const hidden = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press("Shift+Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const bar = document.getElementById("toolbar");
        const b = bar.getBoundingClientRect();
        return { id: el.id || el.tagName, top: r.top, under: !bar.contains(el) && r.top < b.bottom - 1 && b.bottom > 0 };
      });
      if (f.id === "step" || f.id === "controls-fold") break;
      if (f.under) hidden.push(`${f.id} at ${Math.round(f.top)}`);
    }
    expect(hidden.length === 0, `under the toolbar: ${hidden.join(", ")}`);
  });
  await context.close();
}

// The focus is never dropped to the page's top (WCAG 2.4.3) by a button that the press disables
// or hides: it goes to the revealed answer, the lesson's next place, the lessons menu, the Run
// button.
{
  const { context, page } = await open(SCREENS.desktop, "");
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  const press = async (id) => {
    await page.locator(`#${id}`).focus();
    await page.keyboard.press("Enter");
    await settle(page);
  };
  await check("keyboard: Reveal and Close lesson keep the focus", async () => {
    await page.locator("#lesson-select").selectOption("coupled");
    await page.waitForSelector("#lesson:not([hidden])");
    await settle(page);
    await press("lesson-reveal");
    expect((await focused()) === "lesson-answer", `after Reveal: ${await focused()}`);
    await press("lesson-close");
    expect((await focused()) === "lesson-select", `after Close: ${await focused()}`);
  });
  await check("keyboard: a sweep's Cancel hands the focus to its Run button", async () => {
    await page.locator("#tab-train").click();
    await page.waitForFunction(() => /\d/.test(document.getElementById("t-status").textContent));
    await page.locator("#t-sweep-steps").selectOption("500");
    for (const [run, cancel] of [["t-sweep", "t-sweep-cancel"], ["t-bsweep", "t-bsweep-cancel"]]) {
      await press(run);
      await page.waitForFunction((id) => !document.getElementById(id).disabled, cancel);
      await press(cancel);
      expect((await focused()) === run, `after ${cancel}: ${await focused()}`);
    }
  });
  await context.close();
}

// The last lesson's last Next (there is no next lesson): it is disabled, and the focus moves on.
{
  const { context, page } = await open(SCREENS.desktop, "");
  await check("keyboard: the last lesson's last Next keeps the focus", async () => {
    const lessons = await page.evaluate(() => [...document.getElementById("lesson-select").options].map((o) => o.value).filter(Boolean));
    await page.locator("#lesson-select").selectOption(lessons.at(-1));
    await page.waitForSelector("#lesson:not([hidden])");
    await settle(page);
    for (let i = 0; i < 20 && !(await page.locator("#lesson-next").isDisabled()); i++) {
      await page.locator("#lesson-next").focus();
      await page.keyboard.press("Enter");
      await settle(page);
    }
    const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    expect(["lesson-reveal", "lesson-back"].includes(id), `after the last Next: ${id}`);
  });
  await context.close();
}

// Before the App runs (a slow network), the controls take no key: typed into, they kept "4" and
// bn.eval() on the screen and then showed the App's 32 and train mode, nothing said.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/lab_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await check("before the App runs, no control takes the focus or a key", async () => {
    expect(!(await page.evaluate(() => document.body.dataset.ready)), "ready before its wasm came");
    const taken = await page.evaluate(() => ["batch-size", "step", "mode-eval", "lesson-select", "tab-train"].filter((id) => {
      const el = document.getElementById(id);
      el.focus();
      return document.activeElement === el;
    }));
    expect(taken.length === 0, `focusable before the App runs: ${taken.join(", ")}`);
    for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
    const on = await page.evaluate(() => document.activeElement?.closest("input, select, button")?.id ?? "");
    expect(on === "", `Tab reached #${on}`);
  });
  release();
  await page.waitForSelector("body[data-ready=true]");
  await check("once it runs, the controls take the keyboard", async () => {
    await page.locator("#batch-size").focus();
    expect(await page.evaluate(() => document.activeElement.id === "batch-size"), "the batch size box takes no focus");
  });
  await context.close();
}

// Live regions a screen reader can follow: the polite region says the last state once the keys
// pause (a held Enter on Step said 37 sentences in 3 s, γ's arrows 21), and progress at most about
// once a second (a hand-over's changed 56 times in 1.2 s, a link's opening as often).
{
  const { context, page } = await open(SCREENS.desktop, "");
  const watch = () => page.evaluate(() => {
    window.__said = [];
    const regions = document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role=status], [role=alert]');
    window.__watch?.disconnect();
    window.__watch = new MutationObserver((changes) => {
      for (const c of changes) {
        const node = c.target.nodeType === 3 ? c.target.parentElement : c.target;
        const region = node.closest('[aria-live]:not([aria-live="off"]), [role=status], [role=alert]');
        if (region && !node.closest('[aria-live="off"]') && !region.closest("[hidden]")) window.__said.push([performance.now(), region.id]);
      }
    });
    for (const r of regions) window.__watch.observe(r, { subtree: true, characterData: true, childList: true });
  });
  const said = (id) => page.evaluate((id) => window.__said.filter(([, r]) => r === id).length, id);
  await check("a run of Steps or slider arrows is said once, its last state", async () => {
    await watch();
    await page.locator("#step").focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press("Enter");
    await page.locator("#gamma").focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
    const during = await said("announce");
    // Its last state: the status line (the step, the mode, the running statistics), then the chart.
    await page.waitForFunction(() => {
      const text = (id) => document.getElementById(id).textContent;
      return text("announce") === `${text("status")}. ${text("sum-distribution")}`;
    }, null, { timeout: 5000 }).catch(() => {});
    const last = await page.locator("#announce").textContent();
    expect(during <= 3, `#announce changed ${during} times during 30 Steps and 20 arrows`);
    expect(/^Step \d+ · train mode · num_batches_tracked = \d+ · .*\. Feature 0: input mean/.test(last), `said last: ${last}`);
  });
  await check("a link's opening progress is said at most about once a second", async () => {
    await page.goto(`${url}?n=2048&do=s120`);
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    await watch();
    const t0 = await page.evaluate(() => performance.now());
    expect(!(await page.locator("#opening").isHidden()), "the link is opened already");
    await page.waitForFunction(() => document.getElementById("opening").hidden, null, { timeout: 60000 });
    const [n, ms] = await page.evaluate((t0) => [window.__said.filter(([, r]) => r !== "announce" && r !== "notice").length, performance.now() - t0], t0);
    expect(n <= ms / 1000 + 2, `the progress was said ${n} times in ${Math.round(ms)} ms`);
  });
  await context.close();
}

// A finished sweep is said (WCAG 4.1.3): its result was only in the chart's hidden summary.
{
  const { context, page } = await open(SCREENS.desktop, "view=train");
  await check("the learning-rate sweep's result is said when it finishes", async () => {
    await page.locator("#t-sweep-steps").selectOption("50");
    await page.locator("#t-sweep").click();
    await page.waitForFunction(() => document.getElementById("t-sweep-cancel").disabled && Number(document.getElementById("t-sweep-progress").value) >= 1, null, { timeout: 120000 });
    await settle(page);
    const notice = page.locator("#notice");
    const [role, text] = [await notice.getAttribute("role"), await notice.textContent()];
    expect(role === "status" && (await notice.isVisible()) && /sweep is done.*best test accuracy/.test(text), `${role}: ${text}`);
  });
  await context.close();
}

// Single-key shortcuts (WCAG 2.1.4) can be turned off, in the shortcuts list; none fires from a
// box or a menu, and Space on a panel's summary opens the panel rather than stepping.
{
  const { context, page } = await open(SCREENS.desktop, "");
  const status = () => page.locator("#status").textContent();
  await check("keyboard: the single-key shortcuts can be turned off, and then R and E do nothing", async () => {
    await page.locator("#step").click();
    await page.locator("#step").click();
    await settle(page);
    const before = await status();
    await page.locator("#help").click();
    await page.locator("#single-keys").uncheck();
    await settle(page);
    await page.locator("#chart-features").focus();
    await page.keyboard.press("r");
    await page.locator("#step").focus();
    await page.keyboard.press("e");
    await settle(page);
    expect((await status()) === before && (await page.locator("#mode-train").isChecked()), `after R and E: ${await status()}`);
    await page.locator("#single-keys").check();
    await page.locator("#chart-features").focus();
    await page.keyboard.press("r");
    await settle(page);
    expect((await status()) !== before, "R does not reset once the shortcuts are on again");
  });
  await check("keyboard: Esc on the shortcuts panel's checkbox closes the panel, the focus back on “?”", async () => {
    if (await page.locator("#shortcuts").isHidden()) await page.locator("#help").click();
    await page.locator("#single-keys").focus();
    await page.keyboard.press("Escape");
    await settle(page);
    const [hidden, id] = await page.evaluate(() => [document.getElementById("shortcuts").hidden, document.activeElement.id]);
    expect(hidden && id === "help", `the panel hidden: ${hidden}; the focus on #${id}`);
  });
  await check("keyboard: no shortcut fires from a number box, a menu or a panel's summary", async () => {
    await page.locator("#step").click();
    await settle(page);
    const before = await status();
    await page.locator("#seed").focus();
    await page.keyboard.press("r");
    await page.locator("#distribution").focus();
    await page.keyboard.press("e");
    await page.locator("#backward summary").focus();
    await page.keyboard.press(" ");
    await settle(page);
    expect((await status()) === before, `a shortcut fired: ${await status()}`);
    expect(await page.evaluate(() => document.getElementById("backward").open), "Space on the summary did not open the panel");
  });
  await context.close();
}

// Forced colours (Windows' contrast themes): the selected tab, a pressed Play and the chosen mode
// are marked in the theme's colours (their own background, all that marked them, is not shown).
{
  const { context, page } = await open(SCREENS.desktop, "", { forcedColors: "active" });
  const look = (sel) => page.evaluate((sel) => {
    const s = getComputedStyle(document.querySelector(sel));
    return [s.backgroundColor, s.color, s.borderBottomWidth, s.borderBottomColor, s.textDecorationLine, s.outlineStyle].join(" ");
  }, sel);
  await check("forced colours: the selected tab and a pressed Play look selected", async () => {
    await page.mouse.move(5, 800);
    const [on, off] = [await look("#tab-lab"), await look("#tab-norms")];
    expect(on !== off, `the selected tab looks as the others: ${on}`);
    const idle = await look("#play");
    await page.locator("#play").click();
    await settle(page);
    await page.mouse.move(5, 800);
    const pressed = await look("#play");
    await page.locator("#play").click();
    expect(pressed !== idle, `a pressed Play looks as an idle one: ${pressed}`);
    const chosen = await page.evaluate(() => getComputedStyle(document.getElementById("mode-train").closest("label")).outlineStyle);
    expect(chosen !== "none", "the chosen mode is not marked");
  });
  await page.screenshot({ path: path.join(artifacts, "a11y-forced-colors.png") });
  await context.close();
}

await browser.close();
console.log(`axe violations in total: ${total}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
