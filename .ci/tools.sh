# Sourced by .ci/serve and .ci/test: installs what is missing, and only that.
# Idempotent: on a machine that has everything, each check is a version query.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Root runs apt-get itself; anyone else goes through sudo.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing $* (Debian packages)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

ensure_wasm_pack() {
  command -v wasm-pack >/dev/null || { say "installing wasm-pack (about 2 minutes)"; cargo install wasm-pack --locked; }
}

# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate in Cargo.lock.
ensure_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 2 minutes)"
    # --locked fails for some versions (a yanked dependency); the version pin is what matters.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
}

# Playwright's library (no browser download: it drives Debian's Chromium).
ensure_e2e_driver() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    say "Node.js $major is too old for playwright-core (it needs 20 or newer): install Node.js 20+"
    return 1
  fi
  if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
    say "installing playwright-core for the end-to-end test"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --silent)
  fi
}

# The page's two wasm modules into www/pkg, with wasm SIMD (every current browser has it; the
# browser tests run the same code without it, the scalar path): the full module (every view,
# release profile: pkg/batchnorm_playground*) and the first view's small module (the
# BatchNorm1d view alone, without the `full` feature: pkg/lab*). No wasm-opt:
# Debian's (binaryen 108) writes a module whose function table Chromium rejects, npm's
# (binaryen 132) made the small module larger once gzipped, and wasm-pack's own cannot be fetched.
build_page() {
  say "building the page (release wasm, SIMD: the full module, then the first view's)"
  (cd "$ROOT" && RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
    wasm-pack --quiet build --release --target web --no-typescript --no-pack --out-dir www/pkg)
  # The small module with LLVM's inliner held to small functions (threshold 15, not opt-level
  # 3's 225): 12.5 KB less gzipped, its kernel, a Step and the frames measured as fast (README,
  # "Loading"), where opt-level "s" or "z" made the kernel 3-8x slower. (`#[inline]` functions
  # held to 75 too saved 6.4 KB more but made a γ move at N=4096 ~2 ms slower: not kept.)
  (cd "$ROOT" && RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128 -C llvm-args=-inline-threshold=15" \
    wasm-pack --quiet build --release --target web --no-typescript --no-pack --out-dir www/pkg \
      --out-name lab -- --no-default-features)
  # wasm-bindgen copies the exported methods' Rust doc comments into the glue as JSDoc: a quarter
  # of the first view's glue once gzipped (7.3 -> 5.8 KB), read by no one in the browser.
  node -e 'const fs = require("fs");
    for (const f of process.argv.slice(1))
      fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(/^[ \t]*\/\*\*[^]*?\*\/\n/gm, ""));' \
    "$ROOT/www/pkg/lab.js" "$ROOT/www/pkg/batchnorm_playground.js"
  # The small module's words in Chinese, written by the full module (the one table).
  node "$ROOT/.ci/words.mjs" "$ROOT/www"
  # The first visit's first two charts as SVG, shown before the wasm has come (www/early.js).
  node "$ROOT/.ci/early.mjs" "$ROOT/www"
  say "www/pkg: $(du -k "$ROOT/www/pkg/lab_bg.wasm" | cut -f1) KB of wasm first," \
    "$(du -k "$ROOT/www/pkg/batchnorm_playground_bg.wasm" | cut -f1) KB with every view"
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The static file server of .ci/serve and the load test: npm's http-server (--gzip --brotli
# serves the .gz/.br files written beside each file, and `application/wasm` for .wasm, which
# lets the browser compile the wasm while it downloads), and npm's terser, which .ci/pack.mjs
# runs to serve the scripts without their comments. Kept in tests/e2e's package.json.
ensure_http_server() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -d "$ROOT/tests/e2e/node_modules/http-server" ] || [ ! -d "$ROOT/tests/e2e/node_modules/terser" ]; then
    say "installing http-server and terser (npm) for packing and serving the page compressed"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --silent)
  fi
}

# The built page in target/site: www/'s files with a .gz and a .br beside each, and
# www/pkg/version.js (the build's hash: the service worker's cache name). Call after build_page.
SITE="$ROOT/target/site"
pack_site() {
  say "packing the page into target/site (gzip and brotli beside each file)"
  node "$ROOT/.ci/pack.mjs" site "$ROOT/www" "$SITE" | tail -n 2 | head -n 1
}

# Whether $1 (address) : $2 (port) can be served on: says in one line which port is taken (or
# not ours to use) and how to choose another, and fails. (http-server itself crashed with
# EADDRINUSE after .ci/serve had printed the address.)
port_free() {
  local why
  why=$(node -e 'const s = require("net").createServer();
    s.once("error", (e) => { console.log(e.code); process.exit(1); });
    try { s.listen(Number(process.argv[2]), process.argv[1], () => s.close()); }
    catch (e) { console.log(e.code); process.exit(1); }' "$1" "$2") && return 0
  case "$why" in
    EADDRINUSE) why="is taken (another server runs on it)" ;;
    EACCES) why="needs more rights than this user has" ;;
    *) why="cannot be served on ($why)" ;;
  esac
  say "port $2 $why: choose another, e.g. PORT=9000 bash .ci/serve" >&2
  return 1
}

# Serves target/site with http-server on $1 (address) and $2 (port), compressed, no HTTP
# caching (a rebuilt page is never mixed with an old file from a browser's cache; the service
# worker is what keeps the page for offline use). Runs in the foreground.
serve_site() {
  exec node --no-deprecation "$ROOT/tests/e2e/node_modules/http-server/bin/http-server" "$SITE" \
    -a "$1" -p "$2" --gzip --brotli -c-1 -s -d false
}

# This machine's address on the local network (the first IPv4 of an interface that is up and
# not loopback), or nothing.
lan_ip() {
  node -e 'for (const list of Object.values(require("os").networkInterfaces()))
    for (const a of list) if (a.family === "IPv4" && !a.internal) { console.log(a.address); process.exit(0); }'
}
