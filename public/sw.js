// Offline support. Precaches every file of the build (the list and the version are written
// by scripts/post_build.py from the final bytes), answers same-origin GETs from the cache
// and never touches anything else. It holds no user data: secrets live in page memory only.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = "auth-config-builder-" + VERSION;
const PREFIX = "auth-config-builder-";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))),
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

// The page asks for this when the user accepts the update prompt, never on its own.
self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match("./index.html", { ignoreSearch: true }).then((hit) => hit || fetch(request)),
      ),
    );
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request))));
});
