//! The knowledge base's integration tests, one test binary: lints over the compiled data, and
//! the suites that run the core over it (golden labels, product understanding, rules, the
//! planner, properties of the analyzer). They live here because this crate is where the core
//! and the knowledge base meet; none of them runs the `glasskin` binary.

mod common;
mod golden;
mod korean;
mod lint;
mod plan;
mod products;
mod properties;
mod rules;
