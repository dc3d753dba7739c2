//! glasskin's use cases: every operation a person can do, written once.
//!
//! The CLI and the web app only parse what a person sent and render what comes back; the work in
//! between is here, over any [`Store`](glasskin_store::Store). Each module is one subject, and
//! each public function one operation: analyse a label, add or change a product, set the
//! profile, plan from what is saved, keep a plan, today's steps and their ticks, log a day,
//! patch tests, insights, export and import.
//!
//! Values are checked by the store's records (`glasskin_store`), whatever door they came
//! through, so every front end accepts and refuses exactly the same values; failures are one
//! [`Error`] whose [`ErrorKind`] each front end maps to its exit code or HTTP status.
//!
//! Nothing here reads the clock: `today` is passed in.

mod error;

pub mod advice;
pub mod analysis;
pub mod devices;
pub mod diary;
pub mod documents;
pub mod insights;
pub mod patch;
pub mod plan;
pub mod profile;
pub mod scan;
pub mod shelf;
pub mod today;
pub mod transfer;

pub use error::{Error, ErrorKind, Result};
