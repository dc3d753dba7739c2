//! Reading a label from photos: the text read by OCR (`glasskin_ocr`), corrected with the
//! knowledge base, then the same analysis as a pasted label, with what OCR adds: each entry's
//! reading confidence, the words it could not read, what it corrected, and the text it read so
//! a person can correct it (`docs/ocr.md`).

use glasskin_core::Step;
use glasskin_ocr::{Correction, OcrError, Page, ReadWord, Reading, Scanner};
use serde::Serialize;

use crate::analysis::{Report, analyse};
use crate::error::{Error, Result};

/// One photo: the name a person knows it by (its file name) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Photo<'a> {
    /// The file name, used in errors.
    pub name: &'a str,
    /// JPEG or PNG bytes.
    pub bytes: &'a [u8],
}

/// A label read from photos: the analysis of the text read, and the reading.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScanReport {
    /// The analysis, as for a pasted label.
    #[serde(flatten)]
    pub report: Report,
    /// What OCR read.
    pub ocr: OcrReport,
}

/// What OCR read from the photos.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OcrReport {
    /// The text read, as analysed; a person corrects this and analyses it as text.
    pub text: String,
    /// The mean confidence of its words, 0..=1.
    pub confidence: f32,
    /// Whether an "Ingredients" heading was found (else all the text of the photos was kept).
    pub heading_found: bool,
    /// Each photo, in order.
    pub photos: Vec<PhotoRead>,
    /// Each entry of each product list, in the analysis' order.
    pub entries: Vec<Vec<EntryReading>>,

    /// Every word read, in order.
    pub words: Vec<ReadWord>,
}

/// How one photo was read.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoRead {
    /// Its file name.
    pub name: String,
    /// The words read on it.
    pub words: usize,
    /// Their mean confidence, 0..=1.
    pub confidence: f32,
    /// The degrees it was turned to level its text.
    pub turned_deg: f32,
    /// Whether its text was light on dark.
    pub inverted: bool,
}

/// How one entry was read.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryReading {
    /// The entry's position in its list, from 1.
    pub position: usize,
    /// The lowest confidence of its words, 0..=1; absent when its words could not be found in
    /// the text (an entry the analysis rebuilt).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Its words OCR could not read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
    /// What the knowledge base corrected in it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<Correction>,
}

impl EntryReading {
    /// Whether a person should check this entry: a word unreadable, or read with less than
    /// 80% confidence.
    pub fn doubtful(&self) -> bool {
        !self.unreadable.is_empty() || self.confidence.is_some_and(|c| c < 0.8)
    }
}

/// The error a door shows for a photo that could not be read.
fn photo_error(name: &str, e: &OcrError) -> Error {
    match e {
        _ if e.is_bad_input() => Error::invalid(format!("{name}: {e}")),
        OcrError::EngineMissing(_) => Error::conflict("ocr_unavailable", e.to_string()),
        _ => Error::conflict("ocr_failed", format!("{name}: {e}")),
    }
}

/// Reads a label from its photos (several for a label that wraps round a bottle, in order) and
/// analyses the text read; `name` and `step` as for [`analyse`].
pub fn scan(
    scanner: &Scanner,
    photos: &[Photo<'_>],
    name: Option<&str>,
    step: Option<Step>,
) -> Result<ScanReport> {
    if photos.is_empty() {
        return Err(Error::invalid("give at least one photo of the label"));
    }
    // Photos on threads of their own, a few at a time: the engine is one process per photo,
    // one core each.
    let mut results: Vec<std::result::Result<Page, OcrError>> = Vec::with_capacity(photos.len());
    for chunk in photos.chunks(4) {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|photo| scope.spawn(|| scanner.read(photo.bytes)))
                .collect();
            results.extend(handles.into_iter().map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(OcrError::EngineFailed("reading the photo panicked".into()))
                })
            }));
        });
    }
    let mut pages = Vec::with_capacity(photos.len());
    for (photo, result) in photos.iter().zip(results) {
        pages.push(result.map_err(|e| photo_error(photo.name, &e))?);
    }
    let reading = glasskin_ocr::assemble(&pages, glasskin_kb::kb());
    // An entry that could not be read is not analysed as an unknown ingredient: it stays in
    // the text, its words marked unreadable, for the person to correct.
    let report = analyse(&reading.analysed_text(), name, step);
    let entries = entry_readings(&report, &reading);
    let photos = photos
        .iter()
        .zip(&pages)
        .map(|(photo, page)| PhotoRead {
            name: photo.name.to_owned(),
            words: page.words.len(),
            confidence: page.mean_confidence() / 100.0,
            turned_deg: page.turned_deg,
            inverted: page.inverted,
        })
        .collect();
    Ok(ScanReport {
        report,
        ocr: OcrReport {
            text: reading.text,
            confidence: reading.confidence,
            heading_found: reading.heading_found,
            photos,
            entries,
            words: reading.words,
        },
    })
}

/// Each entry's words found in the reading's text, in order, and what they say of it.
fn entry_readings(report: &Report, reading: &Reading) -> Vec<Vec<EntryReading>> {
    let text = &reading.text;
    let mut cursor = 0;
    report
        .analysis
        .products
        .iter()
        .map(|list| {
            list.entries
                .iter()
                .map(|entry| {
                    let raw = entry.raw.as_str();
                    let span = (!raw.is_empty())
                        .then(|| text.get(cursor..).and_then(|rest| rest.find(raw)))
                        .flatten()
                        .map(|at| cursor + at..cursor + at + raw.len());
                    let Some(span) = span else {
                        return EntryReading {
                            position: entry.position,
                            confidence: None,
                            unreadable: Vec::new(),
                            corrected: Vec::new(),
                        };
                    };
                    cursor = span.end;
                    let words: Vec<&ReadWord> = reading.words_in(span).collect();
                    EntryReading {
                        position: entry.position,
                        confidence: words.iter().map(|w| w.confidence).reduce(f32::min),
                        unreadable: words
                            .iter()
                            .filter(|w| w.unreadable)
                            .map(|w| w.text.clone())
                            .collect(),
                        corrected: words.iter().filter_map(|w| w.corrected.clone()).collect(),
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_photo_is_refused() {
        let e =
            scan(&Scanner::with_program("/nonexistent"), &[], None, None).expect_err("no photo");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn a_file_that_is_not_an_image_is_named_in_the_error() {
        let photo = Photo {
            name: "label.txt",
            bytes: b"Water, Glycerin",
        };
        let e = scan(&Scanner::with_program("/nonexistent"), &[photo], None, None)
            .expect_err("not an image");
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message()
                .starts_with("label.txt: not a JPEG or PNG image")
        );
    }

    #[test]
    fn entries_take_the_lowest_confidence_of_their_words() {
        let text = "Aqua, Glycerin, Sodiurn Benzoate";
        let words = [
            ("Aqua,", 0.97),
            ("Glycerin,", 0.91),
            ("Sodiurn", 0.30),
            ("Benzoate", 0.9),
        ];
        let mut reading = Reading {
            text: text.to_owned(),
            ..Reading::default()
        };
        let mut at = 0;
        for (word, confidence) in words {
            let start = text[at..].find(word).map(|i| at + i).expect("word in text");
            at = start + word.len();
            reading.words.push(ReadWord {
                text: word.to_owned(),
                span: start..at,
                confidence,
                unreadable: confidence < 0.45,
                corrected: None,
                image: 0,
            });
        }
        let report = analyse(text, None, None);
        let entries = entry_readings(&report, &reading);
        assert_eq!(entries[0].len(), 3);
        assert_eq!(entries[0][0].confidence, Some(0.97));
        assert_eq!(entries[0][1].confidence, Some(0.91));
        assert_eq!(entries[0][2].confidence, Some(0.30));
        assert_eq!(entries[0][2].unreadable, vec!["Sodiurn".to_owned()]);
        assert!(entries[0][2].doubtful());
        assert!(!entries[0][0].doubtful());
    }
}
