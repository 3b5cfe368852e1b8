// Writes the first charts a first visit sees before the wasm has come, WWW/pkg/early/ (README,
// "Loading"): the App's own SVG of the page's opening state (no link), for the lab's two top
// charts, in each language and at the sizes of the chart boxes of a phone (360 and 390 px wide),
// a projector (1280), a laptop (1400) and a tablet (820) or a wide screen.
// www/early.js shows the one that fits until main.js draws the live chart over it. Drawn by the
// full module, the same chart code as the page and its SVG downloads, so the picture is the
// chart the App draws. Node.js >= 20, no packages; run after build_page's wasm-pack.
//   node .ci/early.mjs WWW
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const www = process.argv[2];
if (!www) {
  console.error("usage: node .ci/early.mjs WWW");
  process.exit(2);
}
// The charts and sizes are www/early.js's, which picks from them: written once, there.
const early = readFileSync(path.join(www, "early.js"), "utf8");
const constant = (name) => JSON.parse(early.match(new RegExp(`^const ${name} = (.*);$`, "m"))?.[1] ?? "null");
const [CHARTS, SIZES] = [constant("EARLY_CHARTS"), constant("EARLY_SIZES")];
if (!CHARTS || !SIZES) {
  console.error("early.mjs: www/early.js has no EARLY_CHARTS or EARLY_SIZES on a line of its own");
  process.exit(1);
}
const LANGS = ["en", "zh-Hant", "zh-Hans"];
const pkg = path.join(www, "pkg");
const glue = await import(pathToFileURL(path.join(pkg, "batchnorm_playground.js")).href);
glue.initSync({ module: readFileSync(path.join(pkg, "batchnorm_playground_bg.wasm")) });
const out = path.join(pkg, "early");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const lang of LANGS) {
  // The opening state of a page without a link, in `lang` (the browser's language chooses it).
  const app = new glue.App("", [lang]);
  for (const id of CHARTS) {
    for (const [width, height] of SIZES) {
      const svg = app.chart_svg(id, width, height);
      if (!svg?.startsWith("<svg")) {
        console.error(`early.mjs: no SVG of ${id} at ${width}x${height} in ${lang}`);
        process.exit(1);
      }
      writeFileSync(path.join(out, `${lang}-${id}-${width}x${height}.svg`), svg);
    }
  }
  app.free();
}
