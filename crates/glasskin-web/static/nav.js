// On a phone the main navigation is one row that scrolls sideways: this brings the current
// page's link into view (on load, and when the window changes width). Without it the row
// starts at Today, and every link is still a swipe away.
const nav = document.querySelector('nav[aria-label="Main"]');
const current = nav && nav.querySelector('[aria-current="page"]');
const reveal = () => {
  if (current && nav.scrollWidth > nav.clientWidth) {
    nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }
};
reveal();
addEventListener('resize', reveal);

// A link half scrolled past on the left fades like the one on the right, instead of showing
// as a stray letter.
const edges = () => {
  if (nav) nav.classList.toggle('scrolled', nav.scrollLeft > 4);
};
edges();
if (nav) nav.addEventListener('scroll', edges, { passive: true });
addEventListener('resize', edges);

// The service worker keeps the app shell and Today for when the network drops (it runs only
// on https:// or on this computer; elsewhere the pages work as before, online).
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
