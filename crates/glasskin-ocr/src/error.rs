//! What can stop a scan.

use std::fmt;

/// Why a photo could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrError {
    /// The bytes are not a JPEG or PNG image, or are a damaged one.
    NotAnImage(String),
    /// An image format glasskin does not decode (HEIC, WebP, …), named.
    Unsupported(&'static str),
    /// The image is too small or too large to hold a readable label.
    BadSize {
        /// Its width in pixels.
        width: u32,
        /// Its height in pixels.
        height: u32,
    },
    /// The OCR program is not installed (or not where `GLASSKIN_TESSERACT` says).
    EngineMissing(String),
    /// The OCR program ran and failed.
    EngineFailed(String),
}

impl OcrError {
    /// Whether the fault is in the photo a person gave (not in this computer's set-up).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            OcrError::NotAnImage(_) | OcrError::Unsupported(_) | OcrError::BadSize { .. }
        )
    }
}

impl fmt::Display for OcrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcrError::NotAnImage(detail) => write!(f, "not a JPEG or PNG image ({detail})"),
            OcrError::Unsupported(format) => write!(
                f,
                "{format} images are not supported: save the photo as JPEG or PNG \
                 (on an iPhone: Settings > Camera > Formats > Most Compatible)"
            ),
            OcrError::BadSize { width, height } => write!(
                f,
                "a {width}x{height} pixel image is too small or too large to read a label from"
            ),
            OcrError::EngineMissing(program) => write!(
                f,
                "reading photos needs Tesseract OCR, and `{program}` was not found: install it \
                 with `sudo apt-get install tesseract-ocr tesseract-ocr-eng` (macOS: `brew \
                 install tesseract`), or set GLASSKIN_TESSERACT to the program"
            ),
            OcrError::EngineFailed(detail) => write!(f, "Tesseract OCR failed: {detail}"),
        }
    }
}

impl std::error::Error for OcrError {}
