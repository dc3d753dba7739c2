// glasskin's service worker: the app opens on the bathroom's bad Wi-Fi. Pages and files come
// from the network first, and the last good copy of each is kept, so without a network the
// app shell and today's page still open (Today's ticks then wait in today.js's queue).
// The API is never cached: what it says must be current. Browsers run service workers only on
// https:// or on this computer (http://127.0.0.1, http://localhost).
'use strict';

const CACHE = 'glasskin-v1';
const SHELL = [
  '/today',
  '/static/app.css',
  '/static/nav.js',
  '/static/today.js',
  '/static/icon.svg',
  '/static/icon-192.png',
  '/manifest.webmanifest',
];

self.addEventListener('install', (event) => {
  // Each file on its own: one that fails (Today with no plan yet) does not stop the rest.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(SHELL.map((url) => cache.add(url).catch(() => undefined))),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/// Whether a GET may be kept for offline use: our own pages and files, not the API, not a
/// pairing link, not this script.
function keepable(url) {
  return url.origin === self.location.origin
    && !url.pathname.startsWith('/api/')
    && !url.pathname.startsWith('/pair')
    && !url.pathname.startsWith('/devices')
    && url.pathname !== '/sw.js';
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !keepable(url)) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        // Only whole, direct answers are kept (not a redirect, not a refusal).
        if (response.ok && response.type === 'basic' && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const kept = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
        if (kept) {
          return kept;
        }
        // Home, or any page never opened before: Today, if it was ever opened.
        if (request.mode === 'navigate') {
          const today = await cache.match('/today');
          if (today) {
            return today;
          }
        }
        return new Response('glasskin cannot be reached just now, and this page was not kept for offline use.', {
          status: 503,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
      }),
  );
});
