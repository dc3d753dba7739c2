//! A label read from photos, as the Analyze and Shelf pages show it next to the text field the
//! person corrects: the photos, the text read with its doubtful words marked (a textarea cannot
//! highlight), and the words to check, in a list.

use base64::Engine as _;
use glasskin_app::scan::ScanReport;

use crate::photos::Upload;

/// A word read with less confidence than this is marked for checking: the same 80% under which
/// the CLI lists an entry to check.
const DOUBTFUL_BELOW: f32 = 0.8;

/// A photo as the page shows it: inline, so nothing is stored (the CSP allows `data:` images).
pub(super) struct PhotoView {
    pub(super) name: String,
    pub(super) src: String,
}

/// A run of the text read: plain, or one word marked.
pub(super) struct Piece {
    pub(super) text: String,
    /// `doubtful` (low confidence) or `corrected` (changed by the knowledge base).
    pub(super) class: &'static str,
    /// Why it is marked, for its tooltip and the list.
    pub(super) note: String,
}

/// What was read, for the page.
pub(super) struct ScanView {
    pub(super) photos: Vec<PhotoView>,
    pub(super) pieces: Vec<Piece>,
    /// Each marked word with why, in reading order.
    pub(super) doubts: Vec<String>,
    /// How much was read, and how surely.
    pub(super) summary: String,
    /// No "Ingredients" heading was found: everything read was kept.
    pub(super) no_heading: bool,
}

impl ScanView {
    pub(super) fn of(report: &ScanReport, uploads: &[Upload]) -> ScanView {
        let ocr = &report.ocr;
        let text = &ocr.text;
        let mut pieces = Vec::new();
        let mut doubts = Vec::new();
        let mut at = 0;
        for word in &ocr.words {
            let Some(note) = doubt(word) else { continue };
            let span = word.span.clone();
            // Spans are the reading's own; one that does not fit is drawn unmarked.
            let (Some(before), Some(marked)) = (text.get(at..span.start), text.get(span.clone()))
            else {
                continue;
            };
            pieces.push(Piece::plain(before));
            doubts.push(format!("“{marked}”: {note}"));
            pieces.push(Piece {
                text: marked.to_owned(),
                class: if word.corrected.is_some() {
                    "corrected"
                } else {
                    "doubtful"
                },
                note,
            });
            at = span.end;
        }
        pieces.push(Piece::plain(text.get(at..).unwrap_or_default()));
        pieces.retain(|p| !p.text.is_empty());
        let photos = uploads
            .iter()
            .filter_map(|u| {
                Some(PhotoView {
                    name: u.name.clone(),
                    src: data_url(&u.bytes)?,
                })
            })
            .collect();
        let count = ocr.photos.len();
        ScanView {
            photos,
            pieces,
            doubts,
            summary: format!(
                "Read from {count} photo{} with {:.0}% mean confidence.",
                if count == 1 { "" } else { "s" },
                ocr.confidence * 100.0
            ),
            no_heading: !ocr.heading_found,
        }
    }
}

impl Piece {
    fn plain(text: &str) -> Piece {
        Piece {
            text: text.to_owned(),
            class: "",
            note: String::new(),
        }
    }
}

/// Why a word should be checked, if it should: the engine was unsure of it, or the knowledge
/// base changed what it read.
fn doubt(word: &glasskin_ocr::ReadWord) -> Option<String> {
    let percent = (word.confidence * 100.0).round();
    let unsure = word.unreadable || word.confidence < DOUBTFUL_BELOW;
    match (&word.corrected, unsure) {
        (Some(c), _) => Some(format!(
            "corrected from “{}” ({}), read with {percent:.0}% confidence",
            c.read, c.why
        )),
        (None, true) if word.unreadable => Some(format!(
            "could not be read for sure ({percent:.0}% confidence)"
        )),
        (None, true) => Some(format!("read with {percent:.0}% confidence")),
        (None, false) => None,
    }
}

/// A JPEG or PNG as a `data:` URL; `None` for anything else (it was not read either).
fn data_url(bytes: &[u8]) -> Option<String> {
    let mime = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return None;
    };
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reading of `text` whose words have these confidences, and corrections.
    fn report(text: &str, words: &[(&str, f32, Option<&str>)]) -> ScanReport {
        let mut at = 0;
        let words = words
            .iter()
            .map(|(word, confidence, read)| {
                let start = text[at..].find(word).map(|i| at + i).expect("in the text");
                at = start + word.len();
                glasskin_ocr::ReadWord {
                    text: (*word).to_owned(),
                    span: start..at,
                    confidence: *confidence,
                    unreadable: *confidence < 0.45,
                    corrected: read.map(|read| glasskin_ocr::Correction {
                        read: read.to_owned(),
                        why: "rn read for m".to_owned(),
                    }),
                    image: 0,
                }
            })
            .collect();
        ScanReport {
            report: glasskin_app::analysis::analyse(text, None, None),
            ocr: glasskin_app::scan::OcrReport {
                text: text.to_owned(),
                confidence: 0.8,
                heading_found: true,
                photos: Vec::new(),
                entries: Vec::new(),
                words,
            },
        }
    }

    #[test]
    fn doubtful_words_are_marked_in_the_text_and_listed() {
        let text = "Ingredients: Aqua, Sodium Benzoate, Glycerin";
        let read = report(
            text,
            &[
                ("Ingredients:", 0.95, None),
                ("Aqua,", 0.97, None),
                ("Sodium", 0.93, Some("Sodiurn")),
                ("Benzoate,", 0.40, None),
                ("Glycerin", 0.91, None),
            ],
        );
        let view = ScanView::of(&read, &[]);
        let drawn: String = view.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(drawn, text, "every letter is drawn once");
        let marked: Vec<(&str, &str)> = view
            .pieces
            .iter()
            .filter(|p| !p.class.is_empty())
            .map(|p| (p.text.as_str(), p.class))
            .collect();
        assert_eq!(marked, [("Sodium", "corrected"), ("Benzoate,", "doubtful")]);
        assert_eq!(view.doubts.len(), 2);
        assert!(view.doubts[0].contains("corrected from “Sodiurn”"));
        assert!(view.doubts[1].contains("could not be read for sure (40% confidence)"));
    }

    #[test]
    fn only_images_become_data_urls() {
        assert!(
            data_url(b"\x89PNG\r\n\x1a\nrest")
                .is_some_and(|u| u.starts_with("data:image/png;base64,"))
        );
        assert!(
            data_url(&[0xFF, 0xD8, 0xFF, 0xE0]).is_some_and(|u| u.starts_with("data:image/jpeg"))
        );
        assert_eq!(data_url(b"<svg onload=alert(1)>"), None);
    }

    #[test]
    fn unsure_and_corrected_words_are_doubtful() {
        let word =
            |confidence, unreadable, corrected: Option<(&str, &str)>| glasskin_ocr::ReadWord {
                text: "Glycerin".into(),
                span: 0..8,
                confidence,
                unreadable,
                corrected: corrected.map(|(read, why)| glasskin_ocr::Correction {
                    read: read.into(),
                    why: why.into(),
                }),
                image: 0,
            };
        assert_eq!(doubt(&word(0.95, false, None)), None);
        assert_eq!(
            doubt(&word(0.6, false, None)).as_deref(),
            Some("read with 60% confidence")
        );
        assert!(doubt(&word(0.3, true, None)).is_some_and(|d| d.contains("could not be read")));
        assert!(
            doubt(&word(0.95, false, Some(("Glycerln", "l read for i"))))
                .is_some_and(|d| d.contains("corrected from “Glycerln” (l read for i)"))
        );
    }
}
