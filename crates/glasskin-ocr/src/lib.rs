//! glasskin's label scanner: a photo of an ingredient list in, the text read out, with each
//! word's confidence, the words it could not read, and the corrections the knowledge base made.
//!
//! ```text
//! bytes ──prepare: decode, EXIF turn, polarity, skew, scale, contrast──▶ grey image
//!       ──engine: Tesseract 5 (TSV)──▶ Page (words, boxes, confidences)
//!       ──assemble: the ingredients block, line breaks, KB corrections──▶ Reading
//! ```
//!
//! The engine is the `tesseract` program (docs/ocr.md says why): [`Scanner::read`] runs it once
//! per photo and fails with [`OcrError::EngineMissing`], whose message says how to install it,
//! where it is not installed. Nothing here knows HTTP or the terminal; the use case that turns a
//! [`Reading`] into an analysis is `glasskin_app::scan`.

mod assemble;
mod engine;
mod error;
mod prepare;
mod reread;

#[cfg(feature = "synth")]
pub mod synth;

pub use assemble::{Correction, ReadWord, Reading, assemble};
pub use engine::{Layout, Page, PageWord, Scanner};
pub use error::OcrError;
pub use prepare::{Prepared, decode, prepare, prepare_gray_at};

/// A word whose confidence is below this (0..=100, Tesseract's scale) is marked unreadable.
pub const UNREADABLE_BELOW: f32 = 45.0;
