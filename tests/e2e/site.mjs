// The packed page (target/site, written by .ci/tools.sh's pack_site) served the way .ci/serve
// serves it: npm's http-server with its precompressed .br/.gz files and no HTTP caching.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
process.noDeprecation = true; // http-server 14 uses a Node API that Node 20 calls deprecated
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SITE = path.join(ROOT, "target", "site");

// Starts the server on a free loopback port; resolves to { url, close }.
export async function serveSite(root = SITE) {
  if (!existsSync(path.join(root, "index.html.gz"))) {
    throw new Error(`${root} has no packed page: run .ci/tools.sh's build_page and pack_site first`);
  }
  const { createServer } = require("http-server");
  const server = createServer({ root, gzip: true, brotli: true, cache: -1, showDir: "false" });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
