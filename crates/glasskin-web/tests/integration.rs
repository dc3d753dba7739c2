//! The web app and API, in one test binary: most tests call the router directly (`support`);
//! `store` runs it over a store that fails; `server` runs the real server on a socket for what
//! only a socket shows; `abuse` runs it against other sites' pages (DNS rebinding, cross-site
//! requests); `browser` pairs a phone in a real Chromium and ticks offline; `photo` posts
//! photos of a label, read by OCR, to a real server; `hosted` and `isolation` run many
//! accounts on a real PostgreSQL.

mod abuse;
mod analyze;
mod api;
mod browser;
mod cache;
mod devices;
mod hosted;
mod isolation;
mod pages;
mod phone;
mod photo;
mod refusals;
mod server;
mod store;
mod support;
mod tls;
mod today;
