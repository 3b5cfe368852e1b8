// Glue between the page and the Rust App. Every control, button, key and pointer sends one
// action to `app.dispatch(name, value)`; at the next animation frame the page reads one frame
// (`app.frame()`: every text, value and notice, keyed by element id) and asks each chart of the
// visible view on or near the screen to draw (`app.draw`), which redraws only what changed. No
// math, no number formatting and no state of the page's own here; text goes into the DOM as
// text, and HTML only from the frame's `html`, which holds the App's own markup.
//
// Two builds of the one Rust crate: the first view's small module (pkg/lab.js: the BatchNorm1d
// view alone) starts the page; the full module (every view, the SVG downloads and the Share QR
// code) loads when the page first needs it. The glue keeps nothing but which of the two runs.
import initLab, { App as LabApp } from "./pkg/lab.js";
import { RELOAD_KEY, browserLanguages, dropEarlyCharts, fetchWords, guessedText, guessedWords, reloaded, startQuery } from "./early.js";

const $ = (id) => document.getElementById(id);
let app;
// The full module, imported the first time the page needs it (the one file of .ci/pack.mjs holds
// only the full module, already there).
let fullModule = null;
function importFull() {
  return import("./pkg/batchnorm_playground.js");
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// What the small module cannot do (the frame's `need_full`: a view or an action it lacks, or the
// page's SVG and QR code): the full module's App opens the running App's link with what a link
// leaves out (the frame's `handover`) and then takes the actions the small App kept for it, in
// order (the frame's `waiting`). Resolves to that App, or to null when the module could not be
// loaded (offline): the small App then does what it can of the waiting actions and says so in the
// page's language, and the next tab, SVG or Share tries again. One hand-over at a time.
let handingOver = Promise.resolve();
function useFull() {
  const done = handingOver.then(takeOver).catch((e) => {
    send("full-failed", e.message ?? String(e));
    return null;
  });
  handingOver = done;
  return done;
}

async function takeOver() {
  fullModule ??= importFull()
    .then(async (module) => {
      await module.default();
      return module;
    })
    .catch((e) => {
      fullModule = null; // not kept: the next attempt imports again
      throw e;
    });
  const { App } = await fullModule;
  // The module's start, the new App's opening of the link (its first chunk: on a large batch
  // hundreds of ms) and the rest each in a task of their own, so none freezes the page for long.
  await nextTask();
  if (!(app instanceof App)) {
    const small = app;
    // The small App first does the lab actions it took (a Step waiting for its batch, what came
    // after it: its frames go on meanwhile); its handover is null until they are done.
    // Each frame read here is shown, as any other (a file it names is saved).
    let frame = JSON.parse(small.frame());
    while (frame.handover === null) {
      render(frame);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      frame = JSON.parse(small.frame());
    }
    const { handover, waiting, lang } = frame;
    app = App.take_over(handover, browserLanguages());
    window.playground = app;
    small.free();
    // The actions that waited for the module: the new App does them in order, one a frame,
    // after its replay of the page's history.
    for (const [name, value] of waiting) app.follow(name, value);
    await nextTask();
    applyLabels(lang); // the other views' labels too, in the page's language
  }
  requestFrame();
  return app;
}
let frameRequested = false;

// The charts' CSS sizes, kept by a ResizeObserver: it reports after the browser's layout, where
// reading them costs nothing. Read with clientWidth in a frame after an input changed the page (a
// slider moved), they forced a layout of their own before the frame's. A size that changes
// without this frame knowing (fonts, a folded panel, a resize) draws the charts again.
const chartSizes = new WeakMap();
let measureNow = true; // the window was resized: read the sizes in the next frame
const sizeWatch = new ResizeObserver((entries) => {
  let changed = false;
  for (const { target } of entries) {
    const [width, height] = chartSizes.get(target) ?? [];
    const size = [target.clientWidth, target.clientHeight];
    if (size[0] !== width || size[1] !== height) changed = true;
    chartSizes.set(target, size);
  }
  if (changed) requestFrame();
});

// The sticky toolbar's height, the lab's or the Train view's (a hidden one's is 0), for
// style.css's scroll-padding-top (0 in "Which axis?").
const toolbars = [$("toolbar"), document.querySelector("#view-train .toolbar")];
const setToolbarHeight = () =>
  document.documentElement.style.setProperty("--toolbar-height", `${Math.ceil(Math.max(...toolbars.map((t) => t.offsetHeight)))}px`);
const toolbarSize = new ResizeObserver(setToolbarHeight);
for (const toolbar of toolbars) toolbarSize.observe(toolbar);

function chartSize(canvas, measure) {
  let size = chartSizes.get(canvas);
  if (!size) {
    sizeWatch.observe(canvas);
    sightWatch.observe(canvas);
  }
  if (!size || measure) {
    size = [canvas.clientWidth, canvas.clientHeight];
    chartSizes.set(canvas, size);
  }
  return size;
}

// Every chart costs what the eye can see: a change draws the charts on or near the screen (an
// IntersectionObserver, with a quarter of a screen's margin above and below, keeps which); one
// scrolled near is drawn in the next frame, before it is in view. A chart not yet reported (the
// first frame, a view just opened) is drawn, and so is every chart of a frame that moved the
// layout (a panel shown or hidden, a resize) and, before printing, every chart (`beforeprint`).
// (On a phone a Step drew four charts, of which one shows.)
const inSight = new WeakMap();
const sightWatch = new IntersectionObserver(
  (entries) => {
    let nearer = false;
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting && inSight.get(target) === false) nearer = true;
      inSight.set(target, isIntersecting);
    }
    if (nearer) requestFrame();
  },
  { rootMargin: "25% 0px" },
);
let lastCharts = { charts: [], rev: 0 }; // the last frame's charts (what print draws) and revision

let acted = false; // an action since the last frame (showNotice)
// One action, then one frame.
function send(name, value) {
  const handled = app.dispatch(name, value);
  acted ||= handled;
  requestFrame();
  return handled;
}

function requestFrame() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame((now) => {
    frameRequested = false;
    app.tick(now);
    const frame = JSON.parse(app.frame());
    render(frame);
    if (frame.download) saveDownload(frame.download);
    if (frame.csv_fill) fillCsvBox(frame.csv_fill);
    if (frame.busy) requestFrame();
  });
}

// The next Step's batch is made ahead of it: by a worker (ahead.js) when it is large, so none
// of it runs on the page's thread; else, or where no worker starts (file://, an old browser), in
// idle time, a few milliseconds at a time and never in a frame's way. Safari has no
// requestIdleCallback: a short timer stands in.
const whenIdle = window.requestIdleCallback ?? ((work) => setTimeout(() => work({ timeRemaining: () => 4 }), 50));
let idleRequested = false;
function makeAhead() {
  const order = app.ahead_order();
  if (order.length && helper !== null) askHelper(order);
  else requestIdle();
}
function requestIdle() {
  if (idleRequested) return;
  idleRequested = true;
  whenIdle((deadline) => {
    idleRequested = false;
    const order = helper ? app.ahead_order() : [];
    if (order.length) askHelper(order); // a worker makes it
    else if (app.idle(Math.min(deadline.timeRemaining(), 8))) requestIdle();
  });
}

// The worker: undefined until first needed, null where none can start.
let helper;
let helperAsked = false; // one order at a time; when it answers, the page asks again
function askHelper(order) {
  helper ??= startHelper();
  if (!helper) return requestIdle();
  if (helperAsked) return;
  helperAsked = true;
  helper.postMessage(order);
}
function startHelper() {
  let worker;
  try {
    worker = new Worker("ahead.js", { type: "module" });
  } catch {
    return null;
  }
  if (!worker) return null;
  const fail = () => {
    worker.terminate();
    helper = null;
    helperAsked = false;
    requestIdle();
  };
  worker.onerror = fail;
  worker.onmessage = ({ data: [order, values] }) => {
    if (!values) return fail();
    helperAsked = false;
    app.take_made(order, values);
    makeAhead();
  };
  return worker;
}

// Calls write(element, value) for each entry of one of the frame's maps: its key is an element's
// id, or "." and a class. (Plain loops: the frame's maps are read every frame, and arrays made to
// read them were a third of what a frame left to the garbage collector.)
function each(map, write) {
  for (const key in map) {
    if (key.startsWith(".")) for (const el of document.getElementsByClassName(key.slice(1))) write(el, map[key]);
    else {
      const el = $(key);
      if (el) write(el, map[key]);
    }
  }
}

// Writes only what differs from the DOM (rewriting the DOM every frame is what costs), down to
// the text nodes, so the browser lays out and paints only what changed.
const shownHtml = new WeakMap();
const shownShape = new WeakMap();
const parsed = document.createElement("template");
function apply(frame) {
  each(frame.text, (el, text) => {
    if (el.dataset.speakAfter || el.dataset.speakEvery) return speak(el, text);
    setText(el, text);
    if (el.dataset.saidIn) speak($(el.dataset.saidIn), text); // its words for a screen reader, paced
  });
  each(frame.html, (el, html) => {
    if (shownHtml.get(el) !== html) {
      setHtml(el, html);
      shownHtml.set(el, html);
    }
  });
  each(frame.values, (el, value) => setValue(el, value, frame.busy));
  each(frame.disabled, (el, on) => el.disabled !== on && (el.disabled = on));
  each(frame.attrs, (el, attrs) => {
    for (const name in attrs) if (el.getAttribute(name) !== attrs[name]) el.setAttribute(name, attrs[name]);
  });
}

function setText(el, text) {
  const node = el.firstChild;
  if (node?.nodeType === Node.TEXT_NODE && node === el.lastChild) {
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) el.textContent = text;
}

// A live region's words, paced for a screen reader (a held Enter on Step said 37 sentences in
// 3 s): data-speak-after="ms" writes a text once it has stood that long (a run of keys says its
// last state once), data-speak-every="ms" at most once in that time (progress); the last text is
// always written. data-said-in: the region that says a shown text, paced. Only timers kept here.
const speaking = new WeakMap(); // element → { text: to write, timer, at: last written }
function speak(el, text) {
  const s = speaking.get(el) ?? { text: null, timer: null, at: -Infinity };
  speaking.set(el, s);
  if (text === (s.timer === null ? el.textContent : s.text)) return;
  s.text = text;
  const write = () => {
    s.timer = null;
    s.at = performance.now();
    setText(el, s.text);
  };
  if (el.dataset.speakAfter) {
    clearTimeout(s.timer);
    s.timer = setTimeout(write, Number(el.dataset.speakAfter));
  } else if (s.timer === null) {
    const wait = s.at + Number(el.dataset.speakEvery) - performance.now();
    if (wait <= 0) write();
    else s.timer = setTimeout(write, wait);
  }
}

// The App's own markup (see the frame's contract above). Of the shape shown (its tags, with each
// text as "#": the step-by-step table after a Step), only the texts are written, in order, and
// they are read from the markup's text between its tags, not parsed: parsing the table again on
// every change took half the frame's DOM writes (~0.25 ms of ~0.5 at N = 32). The App escapes
// only &, < and > in its markup; markup with any other character reference is parsed.
function setHtml(el, html) {
  const shape = html.replace(/(^|>)[^<]+/g, "$1#");
  const shown = shownShape.get(el) === shape ? textNodes(el) : null;
  if (shown && !/&(?!amp;|lt;|gt;)/.test(html)) {
    const fresh = markupTexts(html);
    if (fresh.length === shown.length) {
      shown.forEach((node, i) => node.data !== fresh[i] && (node.data = fresh[i]));
      return;
    }
  }
  parsed.innerHTML = html;
  const fresh = textNodes(parsed.content);
  if (shown && shown.length === fresh.length) {
    shown.forEach((node, i) => node.data !== fresh[i].data && (node.data = fresh[i].data));
  } else {
    el.replaceChildren(parsed.content);
    shownShape.set(el, shape);
  }
}

// The texts of markup, as the parser makes them: each run between two tags that holds any text,
// with the App's three character references read.
const REFERENCES = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };
function markupTexts(html) {
  return html
    .split(/<[^>]*>/)
    .filter((text) => text !== "")
    .map((text) => text.replace(/&(?:amp|lt|gt);/g, (reference) => REFERENCES[reference]));
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

// A control shows the App's value. A number box being typed in keeps the student's text until it is sent (Enter, or leaving the
// box): a frame meanwhile writes the App's value only if the App changed it (a frame from a
// phone's keyboard resizing the page wrote the old value over a half-typed one), nor while the
// App is busy. `writtenValue`: the App's value last written to each box; sending forgets it, so
// the App's answer (a refused value's old one) is written back.
const writtenValue = new WeakMap();
function setValue(el, value, busy) {
  if (el.tagName === "DETAILS") {
    if (el.open !== value) el.open = value;
  } else if (typeof value === "boolean") {
    if (el.checked !== value) el.checked = value;
  } else if (document.activeElement === el && el.type === "number" && (busy || writtenValue.get(el) === value)) {
    return;
  } else if (el.dataset.choosing) {
    return; // a lesson chosen with keys, not yet sent (wireLessonMenu)
  } else {
    if (el.value !== value) el.value = value;
    writtenValue.set(el, value);
  }
}

// Layout first (which panels show, presenter mode), then one read of the canvases' sizes, then
// the charts, then the words: a read after a write would force a second layout.
function render(frame) {
  const focused = document.activeElement;
  const refusalBefore = $("refusal").hidden ? null : shownHtml.get($("refusal"));
  const stageBefore = $("lesson").hidden ? null : shownHtml.get($("lesson-text"));
  // Each file once, in the order asked, after the actions before it; a PNG not drawn says why.
  const unsaved = saveFiles(frame.downloads);
  // The small module shows nothing of a view it lacks: the full module takes over first.
  if (frame.need_full) {
    showNotice(unsaved ?? frame.notice); // "Loading the rest of the page…"
    useFull();
    return;
  }
  const root = document.documentElement;
  // Whether this frame moved the layout (a language, a panel shown or hidden, a class): then the
  // charts' sizes are read afresh below.
  let moved = measureNow;
  measureNow = false;
  // A new language: its words in this frame, its charts in the next (a first Chinese page loads
  // its font, and the two in one task took 240 ms: hostile37).
  const relabelled = root.lang !== frame.lang;
  if (relabelled) {
    applyLabels(frame.lang);
    moved = measureNow = true;
    requestFrame();
  }
  // Only what differs is written: an unchanged `hidden` written again still invalidates the
  // element's style, which the probe read below would then recompute.
  const toggle = (el, name, on) => {
    if (el.classList.contains(name) === on) return;
    el.classList.toggle(name, on);
    moved = true;
  };
  toggle(root, "presenter", frame.presenter);
  each(frame.hidden, (el, hidden) => {
    if (el.hidden === hidden) return;
    el.hidden = hidden;
    moved = true;
  });
  each(frame.classes, (el, classes) => {
    for (const name in classes) toggle(el, name, classes[name]);
  });
  lastCharts = { charts: frame.charts, rev: frame.rev };
  const failed = relabelled ? null : drawCharts(moved);
  // A chart drew what the frame's words do not say (App::restate).
  if (app.restate()) requestFrame();
  apply(frame);
  lookAt();
  showRefusal(refusalBefore, stageBefore);
  keepFocus(focused);
  showTurnedStage();
  showShortcuts();
  showLessonReturn();
  showNotice(failed ?? unsaved ?? frame.notice);
  acted = false;
  showShare(frame);
  followView(frame.view);
  scheduleUrlUpdate(frame.link);
  if (frame.need_digits) loadDigits();
  if (frame.need_words) loadWords(frame.need_words);
  makeAhead();
}

// How much larger the charts' text is than at the browser's default: the #text-size probe, 16 px
// unless the student raised the text size (in presenter mode it grows with the page's type).
const textScale = () => Math.max(1, parseFloat(getComputedStyle($("text-size")).fontSize) / 16 || 1);

// The last frame's charts on or near the screen (every one, their sizes read afresh, when `all`).
// Charts draw at the screen's pixel density, their text by `textScale`. A chart that cannot
// be drawn: the App's words (in the page's language, naming the chart by its title), returned to
// be the frame's notice (the frame's own, shown after, hid them at once).
function drawCharts(all) {
  let failed = null;
  const text = textScale();
  const pixels = window.devicePixelRatio || 1;
  const canvases = lastCharts.charts.map((id) => [$(id), ...chartSize($(id), all)]);
  for (const [canvas, width, height] of canvases) {
    if (!all && inSight.get(canvas) === false) continue; // drawn when it comes near
    const w = Math.round(width * pixels);
    const h = Math.round(height * pixels);
    if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
    try {
      if (app.draw(canvas.id, canvas, pixels * text)) canvas.dataset.drawn = String(lastCharts.rev);
    } catch (e) {
      failed ??= { text: e.message ?? String(e), error: true };
    }
  }
  return failed;
}

// The way back to an open lesson's card, shown while the card is off the screen (the observer
// says when it moves; a frame, when the lesson opens or closes).
let lessonOnScreen = true;
function showLessonReturn() {
  const away = !$("lesson").hidden && !lessonOnScreen;
  if ($("lesson-return").hidden === away) $("lesson-return").hidden = !away;
}

// Smoothly, unless the student asked for reduced motion.
const motion = () => (matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");
const bringIntoView = (el, block) => el.scrollIntoView({ block, behavior: motion() });

// The shortcuts "?" opened come into view (keys36: pressed far down the page, they opened out
// of sight).
let shortcutsShown = false;
function showShortcuts() {
  const open = !$("shortcuts").hidden;
  if (open && !shortcutsShown) bringIntoView($("shortcuts"), "nearest");
  shortcutsShown = open;
}

// A projected lesson's stage brings the part of the page it is about into view once, as the
// stage opens, its top under the sticky toolbar (style.css's scroll-padding-top), whatever the
// stage before had scrolled to: the App names it in #lesson's data-look-at, with the stage
// ("fig-samples coupled:0").
let lookedAt = "";
function lookAt() {
  const look = $("lesson").dataset.lookAt ?? "";
  if (look === lookedAt) return;
  lookedAt = look;
  const target = look && $(look.split(" ")[0]);
  if (!target) return;
  // The toolbar as this frame left it (a refusal's longer status line, another view): the
  // observer says it only after the scroll has set out.
  setToolbarHeight();
  bringIntoView(target, "start");
  // A smooth scroll keeps the end it set out for, and the page above the target can still move
  // meanwhile (lesson 9 at 1080p opened 90 px past it, the chart's title under the toolbar):
  // where it ends within a few seconds, the target is brought under the toolbar once more.
  const asked = performance.now();
  addEventListener("scrollend", () => {
    const pad = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    const off = Math.abs(target.getBoundingClientRect().top - pad) > 2;
    if (off && lookedAt === look && performance.now() - asked < 3000) bringIntoView(target, "start");
  }, { once: true });
}

// Next or Back: the new stage's heading into view where the card is taller than the screen
// (200 % zoom), the focus kept on the button if still on the screen, else on the heading.
// Projected, the card (which scrolls inside itself) goes back to its top.
let turned = false;
function showTurnedStage() {
  const heading = turned && !$("lesson").hidden && $("lesson").querySelector("h2");
  const tapped = turned === "pointer";
  turned = false;
  if (!heading) return;
  // Turned by a click or a tap, the focus goes to the stage: Space is Step again, where it
  // pressed the focused Next once more (review26: two Spaces skipped a stage and a lesson).
  if (tapped) focusQuietly(heading);
  if (document.documentElement.classList.contains("presenter")) return ($("lesson").scrollTop = 0);
  const pad = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  const top = heading.getBoundingClientRect().top;
  if (top >= pad && top < innerHeight) return;
  if (document.activeElement.getBoundingClientRect().bottom - top + pad > innerHeight) focusQuietly(heading);
  bringIntoView(heading, "start");
}

// The focus on `el` (outside the Tab order unless it is in it), the page not scrolled for it.
function focusQuietly(el) {
  if (!el.hasAttribute("tabindex")) el.tabIndex = -1;
  el.focus({ preventScroll: true });
}

// A focused button the frame disabled or hid (Reveal, a sweep's Cancel) hands the focus to the
// first enabled, shown element its data-focus-next names: else it fell to the page's top.
const shown = (el) => el.checkVisibility?.() ?? el.getClientRects().length > 0; // Safari < 17.4
function keepFocus(focused) {
  const next = focused?.dataset?.focusNext;
  if (!next || (!focused.disabled && shown(focused))) return;
  for (const id of next.split(" ")) {
    const el = $(id);
    if (el && !el.disabled && shown(el)) {
      focusOnScreen(el);
      return;
    }
  }
}
// The red box of a refusal the student's own action brought or changed (a Step at batch size 1,
// pressed with the settings open on a phone) comes into view where it is off the screen or under
// the toolbar: the status line's "(refused)" was all in sight, the reason 700 px above. Not
// while the student types in a box (the page would move away from it), nor for a lesson stage
// just opened that set it up (lesson 4 on a phone: the page moved 572 px down to the box, its
// question and Reveal above the screen; the stage's own "Show the red box ↓" goes there).
// `before`: the box's markup before this frame (null: hidden); `stage`: the lesson card's.
function showRefusal(before, stage) {
  const box = $("refusal");
  const typing = document.activeElement?.matches("input:not([type=checkbox], [type=radio], [type=range]), textarea");
  if (box.hidden || !acted || typing || shownHtml.get(box) === before) return;
  if (!$("lesson").hidden && shownHtml.get($("lesson-text")) !== stage) return;
  const r = box.getBoundingClientRect();
  if (r.top < stuckUnder() || r.bottom > innerHeight) bringIntoView(box, "nearest");
}
// The bottom of a sticky toolbar stuck at the top of the screen (0 where none is).
function stuckUnder() {
  const stuck = toolbars.filter((t) => t.offsetHeight && getComputedStyle(t).position === "sticky" && t.getBoundingClientRect().top <= 1);
  return Math.max(0, ...stuck.map((t) => t.getBoundingClientRect().bottom));
}
// Scrolled to only if off the screen or under a stuck toolbar: focus() takes scroll-padding-top's
// strip as hidden where no toolbar is stuck (above it, a lesson's card) and centres the element:
// Reveal moved the page (250 px at 1400×1000 in zh-Hans, whose answer lies higher than English's).
function focusOnScreen(el) {
  el.focus({ preventScroll: true });
  if (showInProjectedCard(el)) return;
  const box = el.getBoundingClientRect();
  if (box.top < stuckUnder() || box.bottom > innerHeight) bringIntoView(el, "nearest");
}
// Projected, the lesson's card is the screen's height once it sticks at the top, and scrolls
// inside itself, its buttons held at its foot. Reveal's answer is shown whole above them and the
// card's foot on the screen: the page stopped 28 to 105 px short of sticking it (lesson 11 and
// the fold lesson at 720p: Next cut by the screen's edge, the answer's end under the buttons).
function showInProjectedCard(el) {
  const card = $("lesson");
  if (!document.documentElement.classList.contains("presenter") || !card.contains(el)) return false;
  const behavior = motion();
  const box = el.getBoundingClientRect();
  const top = card.getBoundingClientRect().top + card.clientTop;
  const foot = card.querySelector(".lesson-buttons").getBoundingClientRect().top;
  // Its end above the buttons, its start kept in the card where it is longer than the room.
  const hidden = Math.min(box.bottom - foot, box.top - top);
  if (hidden > 0) card.scrollBy({ top: hidden + 4, behavior });
  const { top: cardTop, bottom } = card.getBoundingClientRect();
  if (bottom > innerHeight && cardTop > 0) scrollBy({ top: Math.min(cardTop, bottom - innerHeight + 4), behavior });
  return true;
}

function showNotice(notice) {
  const el = $("notice");
  if (el.hidden !== !notice) el.hidden = !notice;
  if (!notice) return;
  // Written again after an action (a refusal repeated is said again), else when it differs.
  if (acted) el.textContent = notice.text;
  else setText(el, notice.text);
  el.className = notice.error ? "error" : "info";
  el.setAttribute("role", notice.error ? "alert" : "status");
}

// Every label with data-i18n (and the aria-label, alt text and title with data-i18n-aria, -alt
// and -title), and the lessons menu, in the App's language.
function applyLabels(lang) {
  const labels = JSON.parse(app.labels());
  const setters = {
    i18n: (el, html) => (el.innerHTML = html), // the App's own translations
    i18nAria: (el, text) => el.setAttribute("aria-label", text),
    i18nAlt: (el, text) => (el.alt = text),
    i18nTitle: (el, text) => (el.title = text),
    i18nLabel: (el, text) => (el.dataset.label = text), // a phone's comparison cards name each value
  };
  for (const [key, set] of Object.entries(setters)) {
    const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    for (const el of document.querySelectorAll(`[${attribute}]`)) {
      const text = labels.keys[el.dataset[key]];
      if (text !== undefined) set(el, text);
    }
  }
  const select = $("lesson-select");
  select.length = 1;
  for (const [id, title] of labels.lessons) select.add(new Option(title, id));
  document.documentElement.lang = lang;
}

// The address bar follows the App's link, at most five times a second.
let urlTimer = null;
let pendingLink = "";
function scheduleUrlUpdate(link) {
  pendingLink = link;
  if (urlTimer !== null) return;
  urlTimer = setTimeout(() => {
    urlTimer = null;
    const query = `?${pendingLink}`;
    if (location.search !== query) history.replaceState(history.state, "", query); // keeps its view
  }, 200);
}
// Back and Forward move between the views (a phone's back gesture left the page): each view the
// page shows, opened by its tab or by a lesson's stage, is a history entry that keeps its view;
// Back sends that view's action.
addEventListener("popstate", (event) => event.state?.view && send("view", event.state.view));
let shownView = null;
function followView(view) {
  if (shownView !== null && view !== shownView && history.state?.view !== view) {
    try {
      history.replaceState({ view: shownView }, "", pendingLink ? `?${pendingLink}` : location.search);
      history.pushState({ view }, "", location.search);
    } catch {} // refused (a file:// page in some browsers): one entry, as before
  }
  shownView = view;
}
// A reload reopens the page as it was: early.js reads back the address kept here when the page
// goes. The address bar is not enough: within those 200 ms it lags (a reload lost the last Steps
// taken), and a reload pressed as it was written reopened the address before it (on a loaded
// machine, 1 time in 8). An action whose frame has not come yet (a Step and at once a reload) has
// its address only in the App: it is taken from there.
addEventListener("pagehide", () => {
  try {
    if (frameRequested && app) scheduleUrlUpdate(JSON.parse(app.frame()).link);
    if (pendingLink) sessionStorage.setItem(RELOAD_KEY, pendingLink);
    else sessionStorage.removeItem(RELOAD_KEY);
  } catch {}
});

// The Train view's digits, fetched the first time it opens (the App asks once).
async function loadDigits() {
  try {
    const response = await fetch("data/digits.csv");
    if (!response.ok) throw new Error(String(response.status));
    send("digits", await response.text());
  } catch (e) {
    send("digits-failed", e.message ?? String(e));
  }
}

// The App's text for the CSV box: a chosen file's replaces the box's text, a paste's goes where
// the selection is (setRangeText: execCommand("insertText"), which Ctrl+Z undoes, took 5 s to
// paste 1000 rows), a long file's summary in another language replaces the old one only where
// the box still holds it (not where the student edited it).
function fillCsvBox(how) {
  const box = $("csv-text");
  const keep = how === "summary" && box.value !== app.csv_fill_over();
  const text = app.take_csv_fill();
  if (how === "paste") box.setRangeText(text, box.selectionStart, box.selectionEnd, "end");
  else if (!keep) box.value = text;
}

// A file the App has written whole (the frame's `download`: its name and type), saved.
function saveDownload([filename, type]) {
  saveBlob(new Blob([app.take_download()], { type }), filename);
}

// The charts' pictures the frame names (the student's "download" actions, in their turn: see
// page.rs), "chart-features.svg" or "….png"; the App's own files come by `download`. Returns the
// notice of a PNG that could not be drawn (the App's words), or null.
function saveFiles(names) {
  let failed = null;
  for (const name of names) {
    const [, id, kind] = /^(chart-[a-z-]+)\.(svg|png)$/.exec(name) ?? [];
    if (!kind || !$(id)) continue; // the App names only charts here (its files: `download`)
    if (kind === "svg") saveSvg(id);
    else failed = savePng(id) ?? failed;
  }
  return failed;
}

// The small module's words for a language chosen on the page (the App names the file, once): the
// page changes language when they are loaded, with no hand-over to the full module.
async function loadWords(file) {
  const code = file.slice("pkg/words-".length, -".txt".length);
  const text = await fetchWords(file);
  send(text && LabApp.load_words(code, text) ? "words-loaded" : "words-failed", code);
}

// A press on `chart` sends `press`, then each move while it is held sends `drag` (the pointer
// captured: also where it leaves the chart).
function pressAndDrag(chart, press, drag) {
  chart.addEventListener("pointerdown", (event) => {
    chart.setPointerCapture(event.pointerId);
    send(press, point(event));
  });
  chart.addEventListener("pointermove", (event) => {
    if (chart.hasPointerCapture(event.pointerId)) send(drag, point(event));
  });
}

// A pointer on a chart: [x, y, width, height] in CSS pixels.
function point(event) {
  const canvas = event.currentTarget;
  return [event.offsetX, event.offsetY, canvas.clientWidth, canvas.clientHeight];
}

// A chart for slides: SVG drawn by the App (vector), or PNG drawn by the App on a canvas at
// twice the screen's resolution (at least 800 pixels wide), each named by the App for what it
// shows ("batchnorm-lab-distribution-step3.svg").
function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function saveSvg(id) {
  const canvas = $(id);
  const svg = canvas && app.chart_svg(id, canvas.clientWidth, canvas.clientHeight, textScale());
  if (svg) saveBlob(new Blob([svg], { type: "image/svg+xml" }), `${app.chart_file(id)}.svg`);
  else requestFrame(); // none drawn: the App's notice says why
}

function savePng(id) {
  let image;
  try {
    image = chartPng(id);
  } catch (e) {
    // Not drawn: the App's words, naming the chart by its title (uncaught, nothing said).
    return { text: e.message ?? String(e), error: true };
  }
  const filename = `${app.chart_file(id)}.png`; // named as the chart is now
  image.toBlob((blob) => blob && saveBlob(blob, filename), "image/png");
  return null;
}

function chartPng(id) {
  const canvas = $(id);
  const ratio = Math.max(2 * (window.devicePixelRatio || 1), 800 / Math.max(canvas.clientWidth, 1));
  const image = document.createElement("canvas");
  image.width = Math.round(canvas.clientWidth * ratio);
  image.height = Math.round(canvas.clientHeight * ratio);
  app.draw(id, image, ratio * textScale()); // its text as large as on the screen
  requestFrame(); // the on-screen canvas is drawn again at its own size
  return image;
}

function addChartTools() {
  for (const canvas of document.querySelectorAll("figure.chart canvas")) {
    const tools = document.createElement("div");
    tools.className = "chart-tools";
    for (const kind of ["SVG", "PNG"]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.dataset.chart = canvas.id;
      // Heard as "Download <which chart> as SVG": the chart's own words (data-i18n-download).
      const words = document.createElement("span");
      words.className = "sr-only";
      words.dataset.i18n = canvas.dataset.i18nDownload ?? "download";
      button.append(words, ` ${kind}`);
      // An action like any other: saved when its turn comes (the SVG by the full module).
      button.addEventListener("click", () => send("download", `${canvas.id}.${kind.toLowerCase()}`));
      tools.append(button);
    }
    canvas.after(tools);
  }
}

// Share with the class: the page's link (without presenter mode: the App's share_link) as a
// large QR code (drawn by the App) and as text. A frame read here is shown (a file it names
// is saved).
function currentUrl(frame) {
  if (!frame) {
    frame = JSON.parse(app.frame());
    render(frame);
  }
  return new URL(`?${frame.share_link}`, location.href).href;
}

// The Share dialog, open as the App says (Share and Esc are actions: one taken while the full
// module loads opens it then, unless Esc cancelled it).
function showShare(frame) {
  const dialog = $("share-dialog");
  if (frame.share === dialog.open) return;
  if (!frame.share) return dialog.close();
  const url = currentUrl(frame);
  const svg = app.qr_svg(url);
  const img = $("share-qr");
  img.hidden = !svg;
  $("share-too-long").hidden = Boolean(svg);
  if (svg) img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  $("share-link").textContent = url;
  // Only a link other devices can open is offered to them: not this computer's own address, not
  // a file, and not one too long for a code.
  const loopback = ["127.0.0.1", "localhost", "[::1]", "::1"].includes(location.hostname);
  const file = location.protocol === "file:";
  $("share-loopback").hidden = !loopback || file;
  $("share-file").hidden = !file;
  $("share-help").hidden = !svg || loopback || file || !$("share-own").hidden || !$("share-replay").hidden; // not the same numbers
  dialog.classList.toggle("unreachable", loopback || file);
  dialog.showModal();
  $("share-close").focus();
}

// Buttons and inputs whose id is the App's action name; these few do something else as well.
const SPECIAL = new Set(["copy-link", "csv-use", "csv-file", "csv-text", "share", "share-close", "print", "lesson-show", "lesson-return", "lesson-select"]);

function wire() {
  for (const el of document.querySelectorAll("input[id], select[id]")) {
    if (SPECIAL.has(el.id)) continue;
    const event = el.type === "range" ? "input" : "change";
    // A number box whose text the browser cannot read ("1e400", "3-") has the value "": it is sent
    // as null, so the App does not call the box empty.
    const value = () => (el.type === "checkbox" ? el.checked : el.validity.badInput ? null : el.value);
    el.addEventListener(event, () => {
      writtenValue.delete(el);
      send(el.type === "radio" ? el.name : el.id, value());
    });
  }
  wireLessonMenu();
  for (const el of document.querySelectorAll("button[data-file]")) el.addEventListener("click", () => send("download", el.dataset.file));
  $("backward").addEventListener("toggle", () => send("backward", $("backward").open));
  addChartTools();
  $("share").addEventListener("click", () => send("share"));
  $("share-close").addEventListener("click", () => send("share-close"));
  $("share-dialog").addEventListener("close", () => {
    send("share-close"); // Esc closed it (the App's own close is no action)
    $("share").focus();
  });
  $("print").addEventListener("click", () => window.print());
  // A lesson's "Show the chart": what the stage is about (the App's data-target) into view, and
  // the focus (outside the Tab order) with it.
  $("lesson-show").addEventListener("click", () => {
    const target = $($("lesson-show").dataset.target) ?? $("lesson");
    focusQuietly(target);
    // A button the stage says to press comes up from below, the chart above it kept in sight.
    bringIntoView(target, target.matches("button") ? "end" : "start");
  });
  // While a lesson is open and its card is off the screen ("Show the chart" on a tablet took it
  // 1700 px up, and nothing brought it back but scrolling), a button brings the stage's heading
  // back into view, with the focus. Hidden where the card is on the screen (projected: beside).
  new IntersectionObserver(([entry]) => {
    lessonOnScreen = entry.isIntersecting;
    showLessonReturn();
  }).observe($("lesson"));
  $("lesson-return").addEventListener("click", () => {
    focusQuietly($("lesson").querySelector("h2") ?? $("lesson"));
    bringIntoView($("lesson"), "start");
  });
  // Print (the button or the browser's menu) shows every chart: those off the screen are drawn.
  window.addEventListener("beforeprint", () => {
    const failed = drawCharts(true);
    if (failed) showNotice(failed);
  });
  for (const id of ["lesson-next", "lesson-back"]) {
    $(id).addEventListener("click", (event) => (turned = event.detail > 0 ? "pointer" : true));
  }
  for (const el of document.querySelectorAll("button[id]")) {
    if (SPECIAL.has(el.id) || el.dataset.file) continue;
    else if (el.dataset.view) el.addEventListener("click", () => send("view", el.dataset.view));
    else el.addEventListener("click", () => send(el.id));
  }
  // Text longer than the App reads (in UTF-16 units, never more than its UTF-8 bytes) is refused
  // without being copied into it.
  $("csv-use").addEventListener("click", () => {
    const text = $("csv-text").value;
    if (text.length > LabApp.max_csv_bytes()) send("csv-text-too-large");
    else send("csv-use", text);
  });
  // A file over what the App reads (its max_csv_bytes) is refused at once, by its size: its text
  // never goes into the box (writing 4 MB there froze the page for a second). Else the App takes
  // its text and says what goes into the box (the frame's `csv_fill`): nothing of a text that
  // cannot be a batch (2 million lines in the box froze it for 30 s). A paste likewise.
  // Its text keeps a byte-order mark (file.text() drops it: the file was said 3 bytes smaller
  // than it is); the App skips it where the reader does.
  const readCsvFile = async (file) => {
    if (file.size > LabApp.max_csv_bytes()) send("csv-file-too-large", String(file.size));
    else send("csv-file", new TextDecoder("utf-8", { ignoreBOM: true }).decode(await file.arrayBuffer()));
  };
  const pasteCsv = (text) => (text.length > LabApp.max_csv_bytes() ? send("csv-text-too-large") : send("csv-paste", text));
  // The input lets go of the file once it is read: the same file chosen again (after an edit of
  // the box) is a change, read again (it did nothing).
  $("csv-file").addEventListener("change", () => {
    const file = $("csv-file").files[0];
    if (!file) return;
    readCsvFile(file);
    $("csv-file").value = "";
  });
  const box = $("csv-text");
  box.addEventListener("paste", (event) => {
    const text = event.clipboardData?.getData("text/plain");
    if (!text) return;
    event.preventDefault();
    pasteCsv(text);
  });
  // A file dropped on the box is read as a chosen one, text from elsewhere goes in as a paste
  // (the browser's own drop put any text in unchecked); a move within the box is the browser's.
  let dragging = false;
  box.addEventListener("dragstart", () => (dragging = true));
  box.addEventListener("dragend", () => (dragging = false));
  box.addEventListener("dragover", (event) => dragging || event.preventDefault());
  box.addEventListener("drop", (event) => {
    const data = event.dataTransfer;
    if (dragging || !data) return;
    event.preventDefault();
    if (data.files.length) readCsvFile(data.files[0]);
    else if (data.getData("text/plain")) pasteCsv(data.getData("text/plain"));
  });
  // The Share dialog's link, focused (Tab or a click): all of it selected, to copy.
  $("share-link").addEventListener("focus", (event) => getSelection()?.selectAllChildren(event.target));
  $("copy-link").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(currentUrl()); // the address bar follows 200 ms later
      send("link-copied");
    } catch {
      send("show-link"); // no clipboard (e.g. plain http): the notice shows the link to copy
    }
  });
  // Mouse, pen and finger alike (pointer events): a tap picks, a drag moves. A finger sideways
  // over the all-features chart slides from feature to feature (on a phone each is under 2 px
  // wide: review37 could not tap the one wanted); up or down the per-sample chart, it moves the
  // sample's value.
  pressAndDrag($("chart-features"), "pick-feature", "pick-feature");
  pressAndDrag($("chart-samples"), "pick-sample", "drag-value");
  const grid = $("chart-norm-grid");
  grid.addEventListener("pointerdown", (event) => send("hover-cell", point(event)));
  grid.addEventListener("pointermove", (event) => {
    if (event.pointerType === "mouse" || event.buttons) send("hover-cell", point(event));
  });

  // Space step · P play/pause · R reset · E train/eval · ← → feature · ? shortcuts — the App
  // decides what a key means in the visible view.
  document.addEventListener("keydown", (event) => {
    // On a view's tab, ← → Home End open another view and move to its tab (ARIA's tabs).
    const tab = event.target.closest('[role="tab"]');
    const to = { ArrowLeft: -1, ArrowRight: 1, Home: -9, End: 9 }[event.key];
    if (tab && to && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const tabs = [...tab.parentElement.children];
      const next = tabs[Math.max(0, Math.min(tabs.length - 1, tabs.indexOf(tab) + to))];
      next.focus();
      next.click();
      return event.preventDefault();
    }
    // Keys belong to the field being typed in; Space on a button or a summary presses it. Esc in
    // the shortcuts panel (its checkbox) closes it, the focus going back to "?".
    const typing = event.key === "Escape" && event.target.closest("#shortcuts") ? null
      : event.target.closest("input, select, textarea, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey || event.target.closest("dialog")) return;
    if (event.key === " " && event.target.closest("button, summary")) return;
    // Arrows, Home and End in a focused scroll box (code, the step table) scroll it: at 200 %
    // zoom a code line ran past its box, and → there followed the next feature instead.
    if (/^(Arrow|Home$|End$)/.test(event.key) && event.target.matches("pre, .scroll")) return;
    if (send("key", event.key)) event.preventDefault();
  });
  window.addEventListener("resize", () => {
    measureNow = true;
    requestFrame();
  });
}

// The lessons menu. A click, or Enter in its open list, starts the lesson chosen. Keys on the
// closed menu (arrows, Home, End, a letter) change it at once in Chromium on Windows and Linux,
// and each change started a lesson (keys36: browsing the titles with ↓ reset the lab and read
// every lesson's card aloud, and at key-repeat speed the menu jumped back): a choice made so
// waits for Enter, or for the menu to lose the focus. Meanwhile frames leave the menu as it is.
function wireLessonMenu() {
  const menu = $("lesson-select");
  let keyedAt = -Infinity;
  const choose = () => {
    delete menu.dataset.choosing;
    send("lesson-select", menu.value);
  };
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && menu.dataset.choosing) {
      event.preventDefault();
      choose();
    } else if (!event.altKey && /^(Arrow(Up|Down|Left|Right)|Home|End|Page(Up|Down)|.)$/u.test(event.key)) {
      keyedAt = performance.now();
    }
  });
  menu.addEventListener("change", () => {
    if (performance.now() - keyedAt < 200) menu.dataset.choosing = "1";
    else choose();
  });
  menu.addEventListener("blur", () => menu.dataset.choosing && choose());
}

// The control table's bounds on the inputs (they are written nowhere else).
function applyBounds() {
  for (const [id, [min, max, step]] of Object.entries(JSON.parse(app.controls()))) {
    const el = $(id);
    if (!el || el.tagName !== "INPUT") continue;
    Object.assign(el, { min, max, step });
  }
}

async function main() {
  let frame;
  try {
    await initLab();
    // The small module holds English; another language's words come from its words file, the
    // one the App names (fetched already when the guess was right; without it, English).
    const query = startQuery;
    const words = LabApp.words_for(query, browserLanguages());
    const text = words && (await (words === guessedWords ? guessedText : fetchWords(words)));
    if (text) LabApp.load_words(words.slice("pkg/words-".length, -".txt".length), text);
    // A reload opens the page's own address (written as it goes): the student's steps, all of
    // them, not a link's budget of them.
    app = reloaded ? LabApp.reopen(query, browserLanguages()) : new LabApp(query, browserLanguages());
    frame = JSON.parse(app.frame());
    // A link to a view the small module lacks opens in the full module.
    if (frame.need_full) {
      await takeOver(); // offline without it: the page cannot start (said below)
      frame = JSON.parse(app.frame());
    }
  } catch (e) {
    $("status").textContent = "The page could not start: " + (e.message ?? String(e));
    dropEarlyCharts(); // no page behind them
    return;
  }
  applyBounds();
  wire();
  // The controls answer from now on (index.html keeps them inert until the App runs).
  for (const el of document.querySelectorAll("[inert]")) el.inert = false;
  // In one column (a phone, a tablet held upright) the settings start folded, under the toolbar.
  const oneColumn = window.matchMedia("(max-width: 68.75em)");
  const folds = document.querySelectorAll("details.fold");
  if (oneColumn.matches) for (const fold of folds) fold.open = false;
  // Past that width the fold's summary is hidden: a tablet turned sideways opens the settings
  // (they stayed folded, the column beside the charts empty, with nothing to open them by).
  oneColumn.addEventListener("change", () => oneColumn.matches || folds.forEach((fold) => (fold.open = true)));
  // On a phone the less used tools start folded too ("More"), so the first chart is on screen.
  if (window.matchMedia("(max-width: 43.75em)").matches) $("tools-fold").open = false;
  window.playground = app; // for the end-to-end test, the benchmarks and curious students
  applyLabels(frame.lang);
  render(frame);
  dropEarlyCharts();
  // The first chart on the screen, unless early.js showed the build's pictures first; "ready":
  // the page answers.
  if (!performance.getEntriesByName("first-chart").length) performance.mark("first-chart");
  performance.mark("ready");
  document.body.dataset.ready = "true";
  if (frame.busy) requestFrame();
  registerOffline();
}

// Offline after one visit: sw.js caches this build's files. Browsers offer service workers on
// https and on this machine (localhost) only, not from file:// or plain http over the network;
// there the page simply loads from the server each time. "none": the worker's version file is
// never taken from the HTTP cache, so a new build is seen at the next visit.
function registerOffline() {
  if (!("serviceWorker" in navigator) || !location.protocol.startsWith("http")) return;
  navigator.serviceWorker.register("sw.js", { updateViaCache: "none" }).catch(() => {});
}

main();
