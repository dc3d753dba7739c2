//! glasskin's pure domain: reading ingredient labels against the knowledge base.
//!
//! This crate does no I/O and reads no clock: callers pass text and data in, and get values back.
//! The knowledge base's data lives in `glasskin-kb`; here are its types and lookup.
//!
//! ```
//! # fn demo(kb: &glasskin_core::KnowledgeBase) {
//! let analysis = glasskin_core::analyze("Water, Glycerin, Niacinamide 5%", kb);
//! for entry in analysis.entries() {
//!     println!("{} → {:?}", entry.raw, entry.inci());
//! }
//! # }
//! ```

pub mod advice;
mod analyze;
pub mod chart;
pub mod expiry;
pub mod insights;
pub mod kb;
pub mod key;
pub mod label;
pub mod plan;
pub mod product;

pub use analyze::{
    Analysis, Diagnostic, DiagnosticKind, Entry, Flags, Match, OnePercent, ProductList, analyze,
};
pub use kb::{Class, ClassSet, Ingredient, KnowledgeBase};
pub use product::{Product, Step, understand, understand_all};
