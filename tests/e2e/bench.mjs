// Browser benchmarks (not tests), run by .ci/bench: node tests/e2e/bench.mjs URL
// Prints `bench <name> <value> <unit>` lines for what only a real browser can measure.
import { chromium } from "playwright-core";

const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const say = (name, value, unit) => console.log(`bench ${name} ${Number(value).toFixed(3)} ${unit}`);
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ready = () => page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 20000 });

// First chart: from navigation to the first render (all charts drawn), on a fresh load.
const firsts = [];
for (let i = 0; i < 5; i++) {
  await page.goto(url);
  await ready();
  firsts.push(await page.evaluate(() => performance.getEntriesByName("first-chart")[0].startTime));
}
say("first_chart_ms", percentile(firsts, 50), "ms");

// The kernel in wasm: N = 4096, C = 128, median of many runs.
say("kernel_wasm_ns_per_value", await page.evaluate(() => window.playground.bench_kernel(4096, 128, true, 15)), "ns");

// A control change to every chart redrawn: the change and a full render, synchronously.
async function frames(count) {
  return page.evaluate((count) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      window.playground.set_gamma_beta(1 + (i % 10) / 10, 0);
      window.playgroundRender();
      times.push(performance.now() - start);
    }
    return times;
  }, count);
}
const small = await frames(60);
say("frame_ms_p50_default", percentile(small, 50), "ms");
say("frame_ms_p95_default", percentile(small, 95), "ms");
await page.evaluate(() => window.playground.set_batch_size(4096));
const large = await frames(30);
say("frame_ms_p95_large", percentile(large, 95), "ms");

// Play at the top speed (60 per second, every frame), all charts drawn, for 3 seconds.
await page.goto(url);
await ready();
await page.evaluate(() => window.playground.set_speed(4));
const start = await page.evaluate(() => window.playground.steps());
await page.click("#play");
await page.waitForTimeout(3000);
await page.click("#play");
const end = await page.evaluate(() => window.playground.steps());
say("steps_per_second_play", (end - start) / 3, "steps/s");

// The Train view: both models, one step each, batch 64, in the release wasm build.
await page.click("#tab-train");
await page.waitForFunction(() => window.playground.has_digits(), null, { timeout: 20000 });
say("train_steps_per_second", await page.evaluate(() => window.playground.bench_train(300)), "pairs/s");

await browser.close();
