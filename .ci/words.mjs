// Writes the first view's words files, WWW/pkg/words-zh-Hant.txt and words-zh-Hans.txt (README,
// "Loading"): the small module holds English only and fetches its page's other language. They
// are written by the full module from the one translation table (`App.words_file`), so the
// words have one source. Node.js >= 20, no packages; run after build_page's wasm-pack.
//   node .ci/words.mjs WWW
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const www = process.argv[2];
if (!www) {
  console.error("usage: node .ci/words.mjs WWW");
  process.exit(2);
}
const pkg = path.join(www, "pkg");
const glue = await import(pathToFileURL(path.join(pkg, "batchnorm_playground.js")).href);
glue.initSync({ module: readFileSync(path.join(pkg, "batchnorm_playground_bg.wasm")) });
for (const code of ["zh-Hant", "zh-Hans"]) {
  const words = glue.App.words_file(code);
  if (words.split("\n").length < 3) {
    console.error(`words.mjs: no words for ${code}`);
    process.exit(1);
  }
  writeFileSync(path.join(pkg, `words-${code}.txt`), words);
}
