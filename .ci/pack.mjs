// The built page, packed for serving and for carrying on a USB stick (Node.js ≥ 20; the site's
// scripts are printed without comments by npm's terser, from tests/e2e's packages; the one
// file needs no package).
//
//   node .ci/pack.mjs site WWW OUT      writes WWW/pkg/version.js (the build's hash, read by
//                                       sw.js), then copies the page's files to OUT with a
//                                       .gz (gzip -9) and a .br (brotli 11) beside each
//   node .ci/pack.mjs one-file WWW OUT  writes OUT: one HTML file with the CSS, the JS, the wasm
//                                       and the digits inside, for file:// (no server at all)
//
// Both print what they wrote; neither changes www/ other than pkg/ (the build's own folder).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [mode, www, out] = process.argv.slice(2);
if (!["site", "one-file"].includes(mode) || !www || !out) {
  console.error("usage: node .ci/pack.mjs site|one-file WWW OUT");
  process.exit(2);
}

// Every file of the page (sw.js caches all but the last at once and the digits when the Train
// view asks for them). A file added to the page is added here and in sw.js. The first view
// fetches index.html, style.css, main.js and pkg/lab* (and, in Chinese, its pkg/words-*.txt);
// the full module loads when it is needed.
const FILES = [
  "index.html",
  "style.css",
  "early.js",
  "main.js",
  "ahead.js",
  "pkg/lab.js",
  "pkg/lab_bg.wasm",
  "pkg/words-zh-Hant.txt",
  "pkg/words-zh-Hans.txt",
  "pkg/batchnorm_playground.js",
  "pkg/batchnorm_playground_bg.wasm",
  "pkg/version.js",
  "sw.js",
  "data/digits.csv",
];
// The first visit's pictures of the two top charts (.ci/early.mjs), each fetched only by the
// page that shows it (one language, one size), never cached by sw.js (its pages have the wasm at
// once).
const EARLY = readdirSync(path.join(www, "pkg/early")).map((name) => `pkg/early/${name}`);
FILES.push(...EARLY);
const read = (name) => readFileSync(path.join(www, name));
// The stylesheet as it is served: without its comments, which say why each rule is there to
// whoever edits www/style.css (half its gzipped bytes: 11.8 KB, 6.5 KB without) and nothing to
// the browser. No rule holds "/*" in a string.
const servedCss = () =>
  read("style.css").toString("utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/[ \t]+$/gm, "").replace(/\n{2,}/g, "\n");
// The scripts as they are served: without their comments and the spaces between tokens, which
// are for whoever edits www/ (main.js 16.0 KB gzipped, 8.1 KB without). terser prints the same
// program back (no compress, no mangle: every name stays, a console's stack still reads), where
// a regular expression could not tell a comment from "//" in a string or a regex.
// (Loaded for the site only: the one file is packed without packages.)
let terser;
async function servedJs(name) {
  terser ??= await import(new URL("../tests/e2e/node_modules/terser/main.js", import.meta.url).href).catch(() =>
    fail("terser is not installed: run `npm ci` in tests/e2e (.ci/tools.sh's ensure_http_server does)"));
  const code = read(name).toString("utf8");
  const { code: printed } = await terser.minify(code, {
    module: true,
    compress: false,
    mangle: false,
    format: { comments: false },
  });
  return Buffer.from(`${printed}\n`, "utf8");
}
const served = async (name) => {
  if (name === "style.css") return Buffer.from(servedCss(), "utf8");
  if (name.endsWith(".js")) return servedJs(name);
  return read(name);
};

function fail(message) {
  console.error(`pack.mjs: ${message}`);
  process.exit(1);
}

// GNU gzip -9 where there is one (1.5 % smaller than zlib's level 9 on the wasm), else zlib.
function gzip9(file, bytes) {
  try {
    return execFileSync("gzip", ["-9", "-n", "-c", file], { maxBuffer: 64 << 20 });
  } catch {
    return zlib.gzipSync(bytes, { level: 9 });
  }
}

if (mode === "site") {
  // The version is a hash of everything else, so any change to any file is a new version and
  // the service worker replaces its whole cache at once (no stale mix of two builds).
  const hash = createHash("sha256");
  for (const name of FILES) if (name !== "pkg/version.js") hash.update(name).update(read(name));
  const version = hash.digest("hex").slice(0, 16);
  writeFileSync(
    path.join(www, "pkg/version.js"),
    `// Written by .ci/pack.mjs: a hash of this build's files, the name of sw.js's cache.\nself.PLAYGROUND_VERSION = "${version}";\n`,
  );
  rmSync(out, { recursive: true, force: true });
  let raw = 0;
  let gz = 0;
  let br = 0;
  for (const name of FILES) {
    const bytes = await served(name);
    const target = path.join(out, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    const gzip = gzip9(target, bytes);
    const brotli = zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [zlib.constants.BROTLI_PARAM_MODE]: name.endsWith(".wasm") ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    writeFileSync(`${target}.gz`, gzip);
    writeFileSync(`${target}.br`, brotli);
    console.log(`${name.padEnd(34)} ${String(bytes.length).padStart(8)} B  gzip ${String(gzip.length).padStart(7)}  br ${String(brotli.length).padStart(7)}`);
    if (!["data/digits.csv", "sw.js", "pkg/version.js"].includes(name) && !name.startsWith("pkg/batchnorm_playground") && !name.startsWith("pkg/words-") && !name.startsWith("pkg/early/")) {
      raw += bytes.length;
      gz += gzip.length;
      br += brotli.length;
    }
  }
  console.log(`first view (HTML, CSS, JS, wasm): ${raw} B, gzip ${gz} B, brotli ${br} B; version ${version}`);
  console.log(out);
} else {
  // One file for file://: Chromium loads no module from file:// (its origin is opaque), so the
  // wasm-bindgen glue and main.js become one inline module script, the wasm is handed to init()
  // as bytes, and the digits are a data: URL. The CSP stays as strict: the inline script is
  // allowed by its hash, not by 'unsafe-inline'.
  let html = read("index.html").toString("utf8");
  const css = servedCss();
  let glue = read("pkg/batchnorm_playground.js").toString("utf8");
  let main = read("main.js").toString("utf8");
  let early = read("early.js").toString("utf8");
  const wasm = read("pkg/batchnorm_playground_bg.wasm").toString("base64");
  const digits = read("data/digits.csv").toString("base64");

  const replaceOnce = (text, from, to, what) => {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) fail(`expected exactly one ${JSON.stringify(from)} in ${what}`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
  // The glue's exports become plain declarations in the one script.
  glue = glue.replace(/^export (class|function|async function|const|let) /gm, "$1 ");
  glue = replaceOnce(glue, "export { initSync, __wbg_init as default };", "const init = __wbg_init;", "the glue");
  if (/^(export|import)\b/m.test(glue)) fail("the glue still has an import or export");
  // Only the full module is inside (file:// has no slow network to save): it starts the page.
  main = replaceOnce(
    main,
    'import initLab, { App as LabApp } from "./pkg/lab.js";',
    "const initLab = () => init({ module_or_path: inlineWasm() });\nconst LabApp = App;",
    "main.js",
  );
  // early.js's exports become declarations before main.js (it shows no pictures from file://).
  main = replaceOnce(main, /^import .* from "\.\/early\.js";\n/m.exec(main)?.[0] ?? "(no import of early.js)", "", "main.js");
  early = early.replace(/^export (const|function|async function) /gm, "$1 ");
  if (/^(export|import)\b/m.test(early)) fail("early.js still has an import or export");
  // It holds every language: no words file to guess and fetch.
  early = replaceOnce(early, "const guessedWords = likelyWords(startQuery, browserLanguages());", 'const guessedWords = "";', "early.js");
  main = replaceOnce(main, 'return import("./pkg/batchnorm_playground.js");', "return Promise.resolve({ default: async () => {}, App });", "main.js");
  // No worker: file:// starts none (the page makes its batches ahead in idle time).
  main = replaceOnce(main, 'new Worker("ahead.js", { type: "module" })', "null", "main.js");
  main = replaceOnce(main, 'fetch("data/digits.csv")', `fetch("data:text/csv;base64,${digits}")`, "main.js");
  const script = `// BatchNorm Playground in one file: the wasm-bindgen glue, then early.js and main.js.
// A plain loop: Uint8Array.from(…, mapFn) called a function per byte, 1.5 million of them.
const inlineWasm = () => {
  const text = atob("${wasm}");
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
};
{
${glue}
${early}
${main}
}
`;
  const sha = createHash("sha256").update(script, "utf8").digest("base64");
  // The page's CSP, with the inline script's hash for 'self' (file:// has no origin to trust)
  // and data: for the digits' fetch.
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
  if (!csp) fail("index.html has no Content-Security-Policy meta tag");
  const policy = csp[1]
    .replace("script-src 'self'", `script-src 'sha256-${sha}'`)
    .replace("connect-src 'self'", "connect-src data:");
  if (!policy.includes(sha) || !policy.includes("connect-src data:")) fail("the CSP's script-src or connect-src changed shape");
  html = replaceOnce(html, csp[0], `<meta http-equiv="Content-Security-Policy" content="${policy}">`, "index.html");
  html = replaceOnce(html, '<link rel="stylesheet" href="style.css">', `<style>\n${css}</style>`, "index.html");
  // Preloading files that are inside this one would fetch them from disk (and fail).
  html = html.replace(/<!--[^>]*-->\s*(?=<link rel="(module)?preload")/, "").replace(/\s*<link rel="(module)?preload"[^>]*>/g, "");
  html = replaceOnce(html, '<script type="module" src="early.js"></script>\n', "", "index.html");
  const tag = html.match(/<script type="module" src="main.js"><\/script>/);
  if (!tag) fail('index.html has no <script type="module" src="main.js">');
  // A function as the replacement: the script's "$" signs are not patterns.
  html = html.replace(tag[0], () => `<script type="module">${script}</script>`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, html);
  console.log(`one file: ${html.length} B`);
  console.log(path.resolve(out));
}
