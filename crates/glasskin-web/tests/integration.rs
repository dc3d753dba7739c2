//! The web app and API, in one test binary: most tests call the router directly (`support`);
//! `server` runs the real server on a socket for what only a socket shows.

mod api;
mod pages;
mod server;
mod support;
mod today;
