//! `POST /api/scan`: photos of a label (multipart/form-data, as a phone's browser sends them),
//! read by OCR and analysed: the analysis of `POST /api/analyze`, with what was read.

use axum::Json;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use glasskin_app::analysis;
use glasskin_app::scan::ScanReport;
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::photos::{self, Refusal};

/// The parts of a scan request (multipart/form-data).
#[derive(ToSchema)]
#[allow(dead_code)] // Only its schema is used: the handler reads the parts one by one.
pub(super) struct ScanUpload {
    /// One to four photos of the label (JPEG or PNG), in order, each a part named `photo` with
    /// its file name: several for a label that wraps round a bottle.
    #[schema(value_type = Vec<String>, format = Binary)]
    photo: Vec<Vec<u8>>,
    /// The product's name, which helps tell a toner from an essence.
    name: Option<String>,
    /// The step, when known (for example `toner`, `serum`, `sunscreen`).
    step: Option<String>,
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> ApiError {
        ApiError::new(refusal.status, refusal.code, refusal.message)
    }
}

/// Reads an ingredient label from photos of it: the analysis, as `POST /api/analyze` gives it,
/// with `ocr`, what was read (the text, each word's confidence, what was corrected). The text
/// read is for a person to correct and send to `POST /api/analyze`. About a second a photo.
#[utoipa::path(
    post,
    path = "/scan",
    tag = "analysis",
    request_body(content = ScanUpload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The analysis of the text read, with `ocr`: the reading", body = ScanReport),
        (status = 400, description = "The multipart body could not be read", body = ErrorBody),
        (status = 413, description = "The body is over the size limit (2 MB): make the photos smaller (about 2000 px on the long side)", body = ErrorBody),
        (status = 415, description = "Not multipart/form-data", body = ErrorBody),
        (status = 422, description = "No photo, more than four, a file that is not a JPEG or PNG image (named), an unknown step, or no text read (`nothing_read`)", body = ErrorBody),
        (status = 503, description = "This computer cannot read photos: Tesseract OCR is not installed (`ocr_unavailable`, the message says how to install it) or failed (`ocr_failed`)", body = ErrorBody),
    )
)]
pub(super) async fn scan(
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<ScanReport> {
    let (posted, refused) = photos::read(multipart).await;
    if let Some(refusal) = refused {
        return Err(refusal.into());
    }
    let name = Some(posted.field("name").trim().to_owned()).filter(|n| !n.is_empty());
    let step = match posted.field("step").trim() {
        "" => None,
        step => Some(analysis::parse_step(step)?),
    };
    let (read, _) = photos::scan(posted.photos, name, step).await;
    Ok(Json(read?))
}
