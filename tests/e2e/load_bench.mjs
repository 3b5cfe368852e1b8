// Loading figures of the packed page (README, "Performance"), as `bench <name> <value> <unit>`:
//   first_view_gzip_bytes   every file fetched before the first chart, gzip -9 (what a
//                           gzip-only server sends), summed
//   first_view_br_bytes     the same in brotli (what .ci/serve sends to browsers that take it)
//   first_view_wire_bytes   what actually crossed the network before the first chart, headers too
//   first_chart_ms_slow4g   median of 3 cold loads (fresh profile, empty cache) from navigation to
//                           the first chart, throttled by Chrome's network emulation (CDP
//                           Network.emulateNetworkConditions) to slow 4G: 1.6 Mbit/s down,
//                           750 kbit/s up, 150 ms round trip
//   first_chart_ms_local    the same unthrottled
//   first_view_gzip_bytes_zh, first_chart_ms_slow4g_zh: the same for a zh-CN browser (the small
//                           module's words in Simplified Chinese are one more file, fetched
//                           beside the module)
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

// One cold load: [ms to the first chart, the URLs fetched before it, bytes on the wire].
async function coldLoad(conditions, locale = "en-US") {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: "block", locale });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (conditions) await cdp.send("Network.emulateNetworkConditions", conditions);
  const urls = [];
  let wire = 0;
  cdp.on("Network.requestWillBeSent", (e) => urls.push(e.request.url));
  cdp.on("Network.loadingFinished", (e) => { wire += e.encodedDataLength; });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.body?.dataset.ready === "true", null, { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName("first-chart")[0].startTime);
  const wireBefore = wire;
  await context.close();
  return [ms, urls, wireBefore];
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const local = [];
const slow = [];
let fetched = [];
let wire = 0;
await coldLoad(null); // warms the server and the disk, not the browser (each load is a new profile)
for (let i = 0; i < 3; i++) local.push((await coldLoad(null))[0]);
for (let i = 0; i < 3; i++) {
  const [ms, urls, bytes] = await coldLoad(SLOW_4G);
  slow.push(ms);
  [fetched, wire] = [urls, bytes];
}
const slowZh = [];
let fetchedZh = [];
for (let i = 0; i < 3; i++) {
  const [ms, urls] = await coldLoad(SLOW_4G, "zh-CN");
  slowZh.push(ms);
  fetchedZh = urls;
}
await browser.close();
own?.close();

// The packed files' sizes for what was fetched (the page itself is index.html).
const size = (u, ext) => {
  let name = new URL(u).pathname.slice(1) || "index.html";
  return statSync(path.join(SITE, `${name}${ext}`)).size;
};
const files = fetched.filter((u) => u.startsWith(url));
const sum = (ext) => files.reduce((total, u) => total + size(u, ext), 0);
console.log(`# fetched before the first chart: ${files.map((u) => new URL(u).pathname).join(" ")}`);
console.log(`bench first_view_gzip_bytes ${sum(".gz")} B`);
console.log(`bench first_view_br_bytes ${sum(".br")} B`);
console.log(`bench first_view_wire_bytes ${wire} B`);
console.log(`bench first_chart_ms_slow4g ${Math.round(median(slow))} ms`);
console.log(`bench first_chart_ms_local ${Math.round(median(local))} ms`);
const filesZh = fetchedZh.filter((u) => u.startsWith(url));
console.log(`bench first_view_gzip_bytes_zh ${filesZh.reduce((total, u) => total + size(u, ".gz"), 0)} B`);
console.log(`bench first_chart_ms_slow4g_zh ${Math.round(median(slowZh))} ms`);
