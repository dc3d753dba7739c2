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
//!
//! # Module order
//!
//! The top-level modules form a chain: each uses only those above it, never one below.
//!
//! 1. [`label`]: the shape of a label's text: headings, sections, list items, declared SPF.
//! 2. [`key`]: the lookup keys and hashes of names (with `label`'s byte scanning).
//! 3. [`kb`]: the knowledge base's types (ingredients, traits, and the shape of rules and tips)
//!    and its lookup.
//! 4. `analyze`: a label's text read into ingredient entries, against the knowledge base.
//! 5. [`product`]: what a product is and is like, from its name and its entries.
//! 6. [`advice`]: a week's routine checked against the rules.
//! 7. [`plan`]: a week's routine made from a shelf, then checked.
//!
//! Beside the chain, using none of it: [`insights`] (patterns in the diary), [`chart`] (the
//! diary drawn, from `insights`' types) and [`expiry`] (when opened products expire).

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
mod vocabulary;

pub use analyze::{
    Analysis, Claim, ClaimTarget, Diagnostic, DiagnosticKind, Entry, Flags, Highlight,
    KoreanReading, Match, OnePercent, ProductList, READ_CONFIDENCE, analyze, read_korean,
};
pub use kb::{Class, ClassSet, Ingredient, KnowledgeBase};
pub use product::{Product, Step, understand, understand_all};
pub use vocabulary::Vocabulary;
