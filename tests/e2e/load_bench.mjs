// Loading figures of the packed page (README, "Performance"), as `bench <name> <value> <unit>`:
//   first_view_gzip_bytes   every file that had come when the first chart was on the screen,
//                           gzip -9 (what a gzip-only server sends), summed: on a first visit
//                           without a link, the build's pictures of the two top charts
//                           (www/early.js); else the App's own first drawing
//   first_view_br_bytes     the same in brotli (what .ci/serve sends to browsers that take it)
//   first_view_wire_bytes   what actually crossed the network up to the first chart, headers too,
//                           the part of the wasm that was on its way included
//   first_chart_ms_slow4g   median of 3 cold loads (fresh profile, empty cache) from navigation to
//                           the first chart, throttled by Chrome's network emulation (CDP
//                           Network.emulateNetworkConditions) to slow 4G: 1.6 Mbit/s down,
//                           750 kbit/s up, 150 ms round trip
//   first_chart_ms_local    the same unthrottled
//   ready_gzip_bytes, ready_ms_slow4g, ready_ms_local: the same up to the page that answers
//                           (the App has drawn: the "ready" mark), the first view's module included
//   first_view_gzip_bytes_zh, first_chart_ms_slow4g_zh, ready_ms_slow4g_zh: the same for a
//                           zh-CN browser (the small module's words in Simplified Chinese are one
//                           more file, fetched beside the module)
// Needs target/site (`source .ci/tools.sh; build_page; pack_site`); serves it itself with
// http-server, or takes a URL: node tests/e2e/load_bench.mjs [URL]
import { statSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, SITE, serveSite } from "./site.mjs";

const own = process.argv[2] ? null : await serveSite();
const url = process.argv[2] ?? own.url;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };

// One cold load: the ms to the first chart and to the ready page, the files that had come by
// each (their paths), and the bytes on the wire by the first chart.
async function coldLoad(conditions, locale = "en-US") {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: "block", locale });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (conditions) await cdp.send("Network.emulateNetworkConditions", conditions);
  // Bytes as they arrive, with CDP's clock (seconds), to count those before the first chart.
  const received = [];
  let navigationStart = null;
  cdp.on("Network.requestWillBeSent", (e) => { navigationStart ??= e.timestamp; });
  cdp.on("Network.dataReceived", (e) => received.push([e.timestamp, e.encodedDataLength]));
  cdp.on("Network.responseReceived", (e) => received.push([e.timestamp, 0]));
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.body?.dataset.ready === "true", null, { timeout: 60_000 });
  const loaded = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    const [first, ready] = [at("first-chart"), at("ready")];
    const done = (by) => [location.pathname, ...performance.getEntriesByType("resource")
      .filter((r) => r.responseEnd > 0 && r.responseEnd <= by).map((r) => new URL(r.name).pathname)];
    return { first, ready, byFirst: done(first), byReady: done(ready) };
  });
  const firstAt = navigationStart + loaded.first / 1000;
  const wire = received.filter(([t]) => t <= firstAt).reduce((sum, [, bytes]) => sum + bytes, 0);
  await context.close();
  return { ...loaded, wire };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = async (conditions, locale) => {
  const out = [];
  for (let i = 0; i < 3; i++) out.push(await coldLoad(conditions, locale));
  return out;
};
await coldLoad(null); // warms the server and the disk, not the browser (each load is a new profile)
const local = await runs(null);
const slow = await runs(SLOW_4G);
const slowZh = await runs(SLOW_4G, "zh-CN");
await browser.close();
own?.close();

// The packed files' sizes (the page itself is index.html), for the files of the median run.
const size = (pathname, ext) => statSync(path.join(SITE, `${pathname.slice(1) || "index.html"}${ext}`)).size;
const sum = (paths, ext) => paths.reduce((total, p) => total + size(p, ext), 0);
const middle = (loads, key) => loads.slice().sort((a, b) => a[key] - b[key])[1];
const [firstRun, readyRun, firstZh] = [middle(slow, "first"), middle(slow, "ready"), middle(slowZh, "first")];
console.log(`# had come by the first chart: ${firstRun.byFirst.join(" ")}`);
console.log(`# had come by the ready page: ${readyRun.byReady.join(" ")}`);
console.log(`bench first_view_gzip_bytes ${sum(firstRun.byFirst, ".gz")} B`);
console.log(`bench first_view_br_bytes ${sum(firstRun.byFirst, ".br")} B`);
console.log(`bench first_view_wire_bytes ${firstRun.wire} B`);
console.log(`bench first_chart_ms_slow4g ${Math.round(median(slow.map((l) => l.first)))} ms`);
console.log(`bench first_chart_ms_local ${Math.round(median(local.map((l) => l.first)))} ms`);
console.log(`bench ready_gzip_bytes ${sum(readyRun.byReady, ".gz")} B`);
console.log(`bench ready_ms_slow4g ${Math.round(median(slow.map((l) => l.ready)))} ms`);
console.log(`bench ready_ms_local ${Math.round(median(local.map((l) => l.ready)))} ms`);
console.log(`bench first_view_gzip_bytes_zh ${sum(firstZh.byFirst, ".gz")} B`);
console.log(`bench first_chart_ms_slow4g_zh ${Math.round(median(slowZh.map((l) => l.first)))} ms`);
console.log(`bench ready_ms_slow4g_zh ${Math.round(median(slowZh.map((l) => l.ready)))} ms`);
