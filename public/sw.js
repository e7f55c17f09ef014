// Offline support, and a way back from a broken update. It holds no user data: secrets live in
// page memory only. scripts/post_build.py writes the version and the precache list (every file
// of the build with the sha384 of its final bytes).
//
// - Install takes every file checked against its hash, from the HTTP cache when it holds this
//   version's bytes (a first visit downloads nothing twice), else from the network: a damaged or
//   half-deployed update fails to install, and the version in use stays.
// - A version's cache is marked when its app has started: only the version whose index.html this
//   worker served to that page (another version may hold the very same wasm), and only if its
//   wasm is the one the page names with its sha384. The newest other version that started is
//   kept beside the current one, so a version that installs but cannot boot can be left without
//   the wasm: the boot-failure message links to `?recover=previous` (pins that version until the
//   next update, then redirects to the address without `recover`, so no later reload repeats
//   it) and `?reset` (drops every cache and this worker, then loads from the network).
// - Only the app's own navigations (its folder, index.html) get the app shell: a deeper path
//   would resolve the shell's relative asset URLs wrongly, so it goes to the network (or 404).
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const PREFIX = "auth-config-builder-";
const CACHE = PREFIX + VERSION;
const PIN = PREFIX + "pin";
const STARTED = "./.started";
// The cache each page's index.html came from, by the page's client id (kept while this worker
// runs; after a restart, `markStarted` asks which version a navigation would get now).
const servedFrom = new Map();

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(PRECACHE.map(([url, integrity]) => precache(cache, url, integrity))).catch((error) =>
        caches.delete(CACHE).then(() => Promise.reject(error)),
      ),
    ),
  );
});

/**
 * Caches one file of this version, checked against its sha384. Every byte once: what the page
 * just loaded is taken from the browser's HTTP cache, however stale (the hash proves it is this
 * version's file); only a file the cache lacks, or holds in another version, is fetched again.
 */
async function precache(cache, url, integrity) {
  let response;
  try {
    response = await fetch(new Request(url, { cache: "force-cache", integrity }));
  } catch {
    // Not this version's bytes in the HTTP cache (or none): from the network.
    response = await fetch(new Request(url, { cache: "reload", integrity }));
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return cache.put(url, response);
}

self.addEventListener("activate", (event) => {
  // A pin belongs to the worker that was asked to recover; a new version starts unpinned.
  event.waitUntil(prune().then(() => caches.delete(PIN)).then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  // The page asks for this when the user accepts the update prompt, never on its own.
  if (event.data === "skipWaiting") self.skipWaiting();
  else if (typeof event.data === "string" && event.data.startsWith("started ")) {
    event.waitUntil(markStarted(event.data.slice(8), event.source && event.source.id));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode !== "navigate") {
    event.respondWith(fromCaches(request).then((hit) => hit || fetch(request)));
    return;
  }
  const scope = new URL(self.registration.scope).pathname;
  if (url.pathname === scope || url.pathname === scope + "index.html") {
    event.respondWith(navigate(url, request, event.resultingClientId));
    return;
  }
  event.respondWith(fetch(request).catch(() => new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } })));
});

async function navigate(url, request, clientId) {
  if (url.searchParams.has("reset")) {
    for (const key of await caches.keys()) if (key.startsWith(PREFIX)) await caches.delete(key);
    await self.registration.unregister();
    return Response.redirect(self.registration.scope, 303);
  }
  if (url.searchParams.has("recover")) {
    const previous = url.searchParams.get("recover") === "previous" && (await lastStarted());
    if (previous) await (await caches.open(PIN)).put("./pin", new Response(previous));
    const clean = new URL(url);
    clean.searchParams.delete("recover");
    return Response.redirect(clean.href, 303);
  }
  const version = await servedVersion();
  const hit = await (await caches.open(version)).match("./");
  if (hit && clientId) servedFrom.set(clientId, version);
  return hit || fetch(request);
}

/** The version a navigation gets: the pinned one, else this one. */
async function servedVersion() {
  return (await pinned()) || CACHE;
}

/** The pinned version first (its files), then this one, then any kept version. */
async function fromCaches(request) {
  for (const key of [await pinned(), CACHE]) {
    if (!key) continue;
    const hit = await (await caches.open(key)).match(request);
    if (hit) return hit;
  }
  return caches.match(request);
}

async function pinned() {
  if (!(await caches.has(PIN))) return null;
  const pin = await (await caches.open(PIN)).match("./pin");
  const name = pin && (await pin.text());
  return name && (await caches.has(name)) ? name : null;
}

/** The newest version other than this one whose app has started, or null. */
async function lastStarted() {
  let best = null;
  let bestTime = -1;
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE || key === PIN) continue;
    const marker = await (await caches.open(key)).match(STARTED);
    const time = marker ? Number(await marker.text()) : -1;
    if (marker && time > bestTime) [best, bestTime] = [key, time];
  }
  return best;
}

/**
 * Marks as started the version that served the page (`clientId`'s navigation, or the one a
 * navigation would get now), when its cache holds the page's wasm with the page's sha384.
 */
async function markStarted(message, clientId) {
  const [wasm, integrity] = message.split(" ");
  const url = new URL(wasm, self.location.href).href;
  const key = (clientId && servedFrom.get(clientId)) || (await servedVersion());
  if (clientId) servedFrom.delete(clientId);
  if (!(await caches.has(key))) return;
  const cache = await caches.open(key);
  const hit = await cache.match(url);
  if (hit && (await sha384(await hit.arrayBuffer())) === integrity) await cache.put(STARTED, new Response(String(Date.now())));
}

async function sha384(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
  return "sha384-" + btoa(String.fromCharCode(...digest));
}

/** Keeps this version and the newest other one that started; drops the rest. */
async function prune() {
  const keep = await lastStarted();
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE && key !== PIN && key !== keep) await caches.delete(key);
  }
}
