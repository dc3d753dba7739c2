//! The `glasskin` binary's integration tests, one test binary: each suite runs the built
//! binary as a user or a browser does.

mod browser;
mod cli;
mod crash;
mod faults;
mod json;
mod scan;
