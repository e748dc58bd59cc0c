/* The check-in page's service worker, served from /c/<slug>/checkin/sw.js so that its scope is the page.
   It keeps the page and the files it loaded (the page tells it which), and answers from that copy when the
   network does not: the page then opens offline and works from its IndexedDB copy of the list.
   Network first, so a working connection always gets fresh files. The API is never touched here. */

const CACHE = "plenary-checkin-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cache" && Array.isArray(event.data.urls)) {
    event.waitUntil(keep(event.data.urls));
  }
});

async function keep(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
        if (response.ok) await cache.put(url, response);
      } catch (error) {
        // offline already: keep what is there
      }
    }),
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const copy = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (copy) return copy;
    throw error;
  }
}
