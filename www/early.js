// What the page does before its wasm has come. A module of its own, listed before main.js, so it
// runs as soon as the HTML and the CSS are read (main.js waits for the wasm glue as well):
// - it guesses the words file of the page's language and fetches it beside the module;
// - on a first visit to the page without a link, it shows the lab's two top charts as the build
//   drew them (pkg/early/, written by .ci/early.mjs: the App's own SVG of the opening state,
//   the chart code the page draws with) until main.js draws the live charts over them. A link's
//   page differs from the opening state, so it waits for the App; a page the service worker
//   serves has its files at once, and from file:// (the one file) there are no files to fetch.
// No math and no state: pictures in, pictures out.

export const browserLanguages = () => [...(navigator.languages ?? [navigator.language ?? "en"])];

// The words file `file` ("pkg/words-zh-Hans.txt"): its text, or null when it failed or did not
// come within 5 s (the page then starts in English until the full module, which has every language).
export async function fetchWords(file) {
  try {
    const response = await fetch(file, { signal: AbortSignal.timeout(5000) });
    return response.ok ? await response.text() : null;
  } catch {
    return null; // offline before it was cached
  }
}

// The words file the page likely needs, fetched at once beside the module rather than one round
// trip after it starts. Only a guess: the App decides (`App.words_for`, `Lang::from_browser`),
// and a wrong guess costs a fetch. The link's lang=, else the first zh… or en… of the browser's
// languages; Chinese is Traditional with Hant, TW, HK or MO in it (and a link's bare "zh").
function likelyWords(query, languages) {
  // The last lang= of the link, as the page reads a key given twice (URLSearchParams.get
  // would take the first).
  const link = new URLSearchParams(query).getAll("lang").at(-1) ?? null;
  const tag = (link ?? languages.find((t) => /^(zh|en)\b/i.test(t)) ?? "").toLowerCase();
  if (!tag.startsWith("zh")) return "";
  const hant = /-hant\b/.test(tag) || (!/-hans\b/.test(tag) && /-(tw|hk|mo)\b/.test(tag)) || (link !== null && tag === "zh");
  return `pkg/words-zh-${hant ? "Hant" : "Hans"}.txt`;
}
// A reload reopens the page as it was when pressed: the address bar follows the page at most
// five times a second, so main.js keeps an address still waiting to be written when the page
// goes (RELOAD_KEY, for this tab only), and a reload takes it. Read once, and gone.
export const RELOAD_KEY = "playground-reload";
export const reloaded = performance.getEntriesByType?.("navigation")[0]?.type === "reload";
function keptAddress() {
  try {
    const kept = sessionStorage.getItem(RELOAD_KEY);
    sessionStorage.removeItem(RELOAD_KEY);
    if (reloaded && kept !== null) history.replaceState(history.state, "", `?${kept}`);
  } catch {} // no storage (file://, or turned off): the address bar's
  return location.search.slice(1);
}
export const startQuery = keptAddress();
export const guessedWords = likelyWords(startQuery, browserLanguages());
export const guessedText = guessedWords ? fetchWords(guessedWords) : null;

// The charts and the sizes .ci/early.mjs draws them at (it reads these two lines), in CSS px: the
// chart boxes of a phone (360 and 390 px wide), a projector (1280), a laptop (1400) and a tablet
// (820) or a wide screen. The widest that fits the box's width is shown, scaled to fit the box.
const EARLY_CHARTS = ["chart-distribution", "chart-running"];
const EARLY_SIZES = [[330, 390], [360, 390], [460, 360], [520, 360], [770, 360]];

function showEarlyCharts() {
  if (startQuery !== "" || !location.protocol.startsWith("http") || navigator.serviceWorker?.controller) return;
  const lang = guessedWords ? guessedWords.slice("pkg/words-".length, -".txt".length) : "en";
  const shown = EARLY_CHARTS.map((id) => {
    const canvas = document.getElementById(id);
    const [width, height] = EARLY_SIZES.findLast(([w]) => w <= canvas.clientWidth) ?? EARLY_SIZES[0];
    const img = new Image();
    img.className = "early-chart";
    img.alt = ""; // the canvas beneath carries the chart's name and summary
    Object.assign(img.style, {
      left: `${canvas.offsetLeft}px`,
      top: `${canvas.offsetTop}px`,
      width: `${canvas.clientWidth}px`,
      height: `${canvas.clientHeight}px`,
    });
    img.src = `pkg/early/${lang}-${id}-${width}x${height}.svg`;
    canvas.after(img);
    return img.decode().catch(() => img.remove());
  });
  // The first chart on the screen: these pictures, unless the App drew first (then main.js marks).
  Promise.all(shown).then(() => {
    if (document.querySelector("img.early-chart")) performance.mark("first-chart");
  });
}

// Called by main.js once the App has drawn its charts.
export function dropEarlyCharts() {
  for (const img of document.querySelectorAll("img.early-chart")) img.remove();
}

showEarlyCharts();
