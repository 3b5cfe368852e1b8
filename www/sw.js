// Offline after one visit. The first visit caches this build's files (the digits too, once the
// Train view has fetched them); every later visit is served from that cache, network or not.
// The cache is named by the build's version (pkg/version.js: a hash of every file, written at
// build time), so a new build installs a whole new cache and drops the old one: never a mix of
// two builds. main.js registers this file; no page state is kept here.
importScripts("pkg/version.js"); // self.PLAYGROUND_VERSION

const PREFIX = "batchnorm-playground-";
const CACHE = PREFIX + self.PLAYGROUND_VERSION;
// Cached at install; a file added to the page is added here and in .ci/pack.mjs.
// Both wasm modules: the first view's and the full one (every view), so every view opens offline.
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

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
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
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(name);
      if (hit) return hit;
      const response = await fetch(event.request);
      if (LATER.includes(name) && isFile(name, response)) await cache.put(name, response.clone());
      return response;
    }),
  );
});
