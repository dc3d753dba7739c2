//! Photos of a label posted from a phone's camera (`multipart/form-data`), read by OCR
//! (`glasskin_app::scan`) on the blocking pool, and every way that can fail mapped to the status
//! it deserves: the person's photo (422), a body over the limit (413) or this computer's missing
//! or failing OCR engine (503). Shared by the Analyze and Shelf pages and `POST /api/scan`.

use axum::extract::Multipart;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::http::StatusCode;
use glasskin_app::scan::{self, Photo, ScanReport};
use glasskin_core::Step;
use glasskin_ocr::Scanner;

use crate::BODY_LIMIT;

/// The most photos one post reads: a label that wraps round a bottle takes two or three, and
/// each costs about a second of one core.
pub(crate) const MAX_PHOTOS: usize = 4;

/// The form field the photos come in.
pub(crate) const PHOTO_FIELD: &str = "photo";

/// One photo as posted: its file name and bytes.
pub(crate) struct Upload {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

/// A post with photos: its text fields, in order, and its photos.
#[derive(Default)]
pub(crate) struct Posted {
    pub(crate) fields: Vec<(String, String)>,
    pub(crate) photos: Vec<Upload>,
}

impl Posted {
    /// A text field's first value, or empty.
    pub(crate) fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    }
}

/// Why photos could not be read: the status, a stable code (for the API) and a sentence.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// The message opens with the photo's file name, which is kept as it is written.
    names_file: bool,
}

impl Refusal {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            code,
            message: message.into(),
            names_file: false,
        }
    }

    /// The message as a page shows it: a sentence, unless it opens with a file name.
    pub(crate) fn sentence(&self) -> String {
        if self.names_file {
            return self.message.clone();
        }
        let mut chars = self.message.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// The body is over the limit: say the limit and what to do.
    fn too_large() -> Refusal {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            too_large_message(),
        )
    }
}

/// What a person reads when a post is over the limit.
pub(crate) fn too_large_message() -> String {
    format!(
        "what was sent is over the upload limit of {} MB: send a smaller photo (about 2000 pixels on its long side; with JavaScript on, the page makes photos smaller itself) or type the ingredient list",
        BODY_LIMIT >> 20
    )
}

/// Reads a multipart post: its text fields and its photos (empty file parts, a file input left
/// empty, are skipped). What was read before a failure is kept, so a page can show it again.
pub(crate) async fn read(
    multipart: Result<Multipart, MultipartRejection>,
) -> (Posted, Option<Refusal>) {
    let mut posted = Posted::default();
    let mut multipart = match multipart {
        Ok(multipart) => multipart,
        Err(rejection) => {
            let refusal = Refusal::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!(
                    "send the photos as multipart/form-data, each in a part named `{PHOTO_FIELD}` ({})",
                    rejection.body_text()
                ),
            );
            return (posted, Some(refusal));
        }
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return (posted, Some(unreadable(&e))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return (posted, Some(unreadable(&e))),
        };
        match file_name {
            Some(file_name) if name == PHOTO_FIELD => {
                if bytes.is_empty() {
                    continue;
                }
                let file_name = match file_name.trim() {
                    "" => format!("photo {}", posted.photos.len() + 1),
                    given => given.to_owned(),
                };
                posted.photos.push(Upload {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
            _ => posted
                .fields
                .push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    (posted, None)
}

/// A multipart body that could not be read: over the limit (413), or malformed (400). Never a
/// 500: axum answers 500 for a body cut by the outer limit layer, which is the person's.
fn unreadable(e: &MultipartError) -> Refusal {
    let text = e.to_string();
    // The outer limit's error ("length limit exceeded") is a few sources down.
    let mut over_limit = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(cause) = source {
        over_limit |= cause.to_string().contains("limit");
        source = cause.source();
    }
    if over_limit {
        Refusal::too_large()
    } else {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!("the upload could not be read ({text}); send it again"),
        )
    }
}

/// Reads the photos with the engine `GLASSKIN_TESSERACT` names (else `tesseract`), and gives
/// them back, for the page to show.
pub(crate) async fn scan(
    photos: Vec<Upload>,
    name: Option<String>,
    step: Option<Step>,
) -> (Result<ScanReport, Refusal>, Vec<Upload>) {
    scan_with(Scanner::from_env(), photos, name, step).await
}

/// Reads the photos with `scanner` on tokio's blocking pool (the engine is a subprocess, about
/// a second a photo) and analyses the text read; `name` and `step` as for a pasted label.
pub(crate) async fn scan_with(
    scanner: Scanner,
    photos: Vec<Upload>,
    name: Option<String>,
    step: Option<Step>,
) -> (Result<ScanReport, Refusal>, Vec<Upload>) {
    if photos.is_empty() {
        let refusal = Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "choose or take a photo of the label first (JPEG or PNG)",
        );
        return (Err(refusal), photos);
    }
    if photos.len() > MAX_PHOTOS {
        let refusal = Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!(
                "{} photos: send at most {MAX_PHOTOS} of one label at a time",
                photos.len()
            ),
        );
        return (Err(refusal), photos);
    }
    let task = tokio::task::spawn_blocking(move || {
        let read = {
            let photos: Vec<Photo<'_>> = photos
                .iter()
                .map(|p| Photo {
                    name: &p.name,
                    bytes: &p.bytes,
                })
                .collect();
            let read = scan::scan(&scanner, &photos, name.as_deref(), step);
            checked(read, &photos)
        };
        (read, photos)
    });
    match task.await {
        Ok(done) => done,
        Err(failed) => std::panic::resume_unwind(failed.into_panic()),
    }
}

/// The use case's answer as the doors give it: its refusal mapped to a status, and a reading
/// with no text refused, naming the photos nothing was read on.
fn checked(
    read: glasskin_app::Result<ScanReport>,
    photos: &[Photo<'_>],
) -> Result<ScanReport, Refusal> {
    let report = read.map_err(|e| refusal(&e))?;
    if report.ocr.text.trim().is_empty() {
        return Err(Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "nothing_read",
            format!(
                "no text could be read on {}; try more light, or hold the phone closer so the list fills the photo",
                empty_photos(&report, photos).join(", ")
            ),
        ));
    }
    Ok(report)
}

/// The photos on which no word was read (all of them when each had some, but none in the list).
fn empty_photos(report: &ScanReport, photos: &[Photo<'_>]) -> Vec<String> {
    let empty: Vec<String> = report
        .ocr
        .photos
        .iter()
        .filter(|p| p.words == 0)
        .map(|p| p.name.clone())
        .collect();
    if empty.is_empty() {
        photos.iter().map(|p| p.name.to_owned()).collect()
    } else {
        empty
    }
}

/// The use case's refusal as a status: the person's photo (not an image, a format it cannot
/// decode) is 422 with its name; anything else (`ocr_unavailable`, with the app's one-line
/// install hint, or `ocr_failed`) is this computer's engine, 503.
fn refusal(e: &glasskin_app::Error) -> Refusal {
    let status = match e.kind() {
        glasskin_app::ErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    Refusal {
        // The app names the photo first: "label.txt: not a JPEG or PNG image".
        names_file: status == StatusCode::UNPROCESSABLE_ENTITY,
        ..Refusal::new(status, e.code(), e.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: &str, bytes: Vec<u8>) -> Upload {
        Upload {
            name: name.to_owned(),
            bytes,
        }
    }

    #[tokio::test]
    async fn a_missing_engine_is_the_computers_fault_with_the_install_line() {
        let photo = upload("label.png", glasskin_ocr::synth::blank_png(200, 100));
        let (read, photos) = scan_with(
            Scanner::with_program("/nonexistent"),
            vec![photo],
            None,
            None,
        )
        .await;
        let refused = read.expect_err("no engine");
        assert_eq!(photos.len(), 1, "the photo is given back to show");
        assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(refused.code, "ocr_unavailable");
        assert!(
            refused.message.contains("apt-get install tesseract-ocr"),
            "{}",
            refused.message
        );
        assert_eq!(refused.message.lines().count(), 1, "{}", refused.message);
    }

    #[tokio::test]
    async fn no_photo_and_too_many_photos_are_the_persons_to_fix() {
        let none = scan_with(
            Scanner::with_program("/nonexistent"),
            Vec::new(),
            None,
            None,
        )
        .await
        .0
        .expect_err("no photo");
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        let many = (0..=MAX_PHOTOS)
            .map(|i| upload(&format!("{i}.png"), vec![1]))
            .collect();
        let many = scan_with(Scanner::with_program("/nonexistent"), many, None, None)
            .await
            .0
            .expect_err("too many");
        assert_eq!(many.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(many.message.contains("at most 4"), "{}", many.message);
    }
}
