// The scanning page's service worker: once an audit's page has been opened, it opens again
// with no connection. Served by a view (inventory/offline_views.py) so it knows this
// release's static addresses; its scope is the audits' pages, and it touches nothing else.
//
// - An audit's page (a navigation to <scope><id>/): network first, the copy kept from the
//   last visit when there is no connection.
// - Static files (stylesheets, scripts, icons): cache first; they are versioned by name.
// - Everything else (the API, the page's own fragment refreshes, forms): not handled here,
//   so the page's scan queue sees the connection as it is and keeps scans until it is back.
"use strict";

const CACHE = "districtdesk-scanning-{{ version }}";
const CACHE_PREFIX = "districtdesk-scanning-";
const STATIC_PATH = new URL({{ static_url_json|safe }}, self.location.origin).pathname;
const PRECACHE = {{ precache_json|safe }};
const SCOPE_PATH = new URL(self.registration.scope).pathname;
const AUDIT_PAGE = new RegExp(`^${SCOPE_PATH.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\d+/$`);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function isAuditPage(url) {
  return url.origin === self.location.origin && AUDIT_PAGE.test(url.pathname) && !url.search;
}

function isStatic(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(STATIC_PATH);
}

async function keep(cache, request, response) {
  // Only whole, successful answers: never a sign-in page reached by a redirect.
  if (response.ok && !response.redirected && response.type === "basic") {
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    return await keep(cache, request, await fetch(request));
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) {
      return kept;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) {
    return kept;
  }
  return keep(cache, request, await fetch(request));
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (request.mode === "navigate" && isAuditPage(url)) {
    event.respondWith(networkFirst(request));
  } else if (isStatic(url)) {
    event.respondWith(cacheFirst(request));
  }
});

// The page asks for itself and its files to be kept on its first visit, before this worker
// controlled it (so its own loads went past the worker).
self.addEventListener("message", (event) => {
  const { type, page, files } = event.data || {};
  if (type !== "keep") {
    return;
  }
  const reply = (kept) => event.ports[0] && event.ports[0].postMessage({ kept });
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const pageUrl = new URL(page, self.location.origin);
      if (!isAuditPage(pageUrl)) {
        reply(false);
        return;
      }
      const wanted = (files || [])
        .map((file) => new URL(file, self.location.origin))
        .filter(isStatic);
      await Promise.all(
        wanted.map(async (url) => {
          if (!(await cache.match(url.href))) {
            await keep(cache, url.href, await fetch(url.href, { credentials: "same-origin" }));
          }
        }),
      );
      const request = new Request(pageUrl.href, { credentials: "same-origin" });
      await keep(cache, request, await fetch(request));
      reply(Boolean(await cache.match(pageUrl.href, { ignoreVary: true })));
    })().catch(() => reply(false)),
  );
});
