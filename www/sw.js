// Offline after one visit. The first visit caches this build's files (the digits too, once the
// Train view has fetched them); every later visit is served from that cache, network or not.
// The cache is named by the build's version (pkg/version.js: a hash of every file, written at
// build time), so a new build installs a whole new cache. Never a mix of two builds: each page
// (and its worker) is served from the cache of the build it was loaded with, which is kept
// while such a page is open (a tab of the old build that opened the Train view after a new
// build came took the new build's module), and dropped once none is. main.js registers this
// file; no page state is kept here.
importScripts("pkg/version.js"); // self.PLAYGROUND_VERSION

const PREFIX = "batchnorm-playground-";
const CACHE = PREFIX + self.PLAYGROUND_VERSION;
// Cached at install; a file added to the page is added here and in .ci/pack.mjs.
// Both wasm modules: the first view's and the full one (every view), so every view opens offline —
// the Train view (and the fold lesson's trained model) once it has fetched the digits online.
const SHELL = [
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
];
// Cached the first time the page fetches them.
const LATER = ["data/digits.csv"];

// Whether a response can be this page's file `name`: a sign-in page (a school's Wi-Fi) answers
// every request with 200 and its own HTML, which cached would be served for good.
const isFile = (name, response) =>
  response.ok && (response.headers.get("content-type") ?? "").includes("text/html") === name.endsWith(".html");

self.addEventListener("install", (event) => {
  // "no-cache": every file checked with the server, so the cache holds exactly what it has now
  // (a body the browser already holds is reused when the server answers 304). All or none.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL.map((url) => new Request(url, { cache: "no-cache" })));
      for (const name of SHELL) {
        if (isFile(name, await cache.match(name))) continue;
        await caches.delete(CACHE);
        throw new Error(`${name} did not come as this page's file: nothing cached`);
      }
      await self.skipWaiting();
    })(),
  );
});

// Which build's cache serves each page and worker: "client/ID" → the cache's name, kept in a
// cache of its own (a worker's memory does not outlive its idle time).
const BOOK = "batchnorm-builds";
const book = () => caches.open(BOOK);
const remember = async (id, name) => id && (await book()).put(`client/${id}`, new Response(name));
async function cacheOf(id) {
  const entry = id && (await (await book()).match(`client/${id}`));
  const name = entry ? await entry.text() : CACHE;
  return (await caches.has(name)) ? name : CACHE;
}

// Drops the caches of builds no open page uses, and what is recorded of pages now closed
// (`opening`: a page being opened, not yet among them). Not while a newer worker is coming: its
// cache, being filled, is used by no page yet.
const newerComing = () => Boolean(self.registration.installing || self.registration.waiting);
async function prune(opening) {
  if (newerComing()) return;
  const open = await self.clients.matchAll({ includeUncontrolled: true, type: "all" });
  const used = new Set([CACHE, ...(await Promise.all(open.map((c) => cacheOf(c.id))))]);
  const ids = new Set([...open.map((c) => `client/${c.id}`), `client/${opening}`]);
  const records = await book();
  for (const request of await records.keys()) {
    if (!ids.has(new URL(request.url).pathname.split("/").slice(-2).join("/"))) await records.delete(request);
  }
  for (const name of await caches.keys()) {
    if (newerComing()) return;
    if (name.startsWith(PREFIX) && !used.has(name)) await caches.delete(name);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Pages open without a record (loaded from the network before a worker ran) are this build's.
      for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "all" })) {
        if (!(await (await book()).match(`client/${client.id}`))) await remember(client.id, CACHE);
      }
      await prune("");
      await self.clients.claim();
    })(),
  );
});

// The page's file a request is for, relative to this worker's folder, or null for anything else.
function fileOf(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const name = url.pathname.slice(scope.pathname.length);
  // The page itself, with or without a link's query.
  if (request.mode === "navigate" && (name === "" || name === "index.html")) return "index.html";
  if (url.search) return null;
  return SHELL.includes(name) || LATER.includes(name) ? name : null;
}

self.addEventListener("fetch", (event) => {
  const name = fileOf(event.request);
  if (!name) return; // the browser's own handling
  // A page opened now gets the newest build; what a page or its worker asks for, its own build's.
  const build = event.request.mode === "navigate" ? Promise.resolve(CACHE) : cacheOf(event.clientId);
  // The page or worker this request makes (a navigation, a worker's script) is of that build.
  const recorded = build.then((built) => remember(event.resultingClientId, built));
  // Once a page runs its script the page it replaced is gone: builds no page uses are dropped.
  if (name === "main.js") event.waitUntil(recorded.then(() => prune(event.clientId)));
  event.respondWith(
    Promise.all([build, recorded]).then(async ([built]) => {
      const cache = await caches.open(built);
      const hit = await cache.match(name);
      if (hit) return hit;
      const response = await fetch(event.request);
      if (LATER.includes(name) && isFile(name, response)) await cache.put(name, response.clone());
      return response;
    }),
  );
});
