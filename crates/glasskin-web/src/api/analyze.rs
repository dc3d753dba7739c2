//! `POST /api/analyze`: a label read ingredient by ingredient, with what the product is;
//! `POST /api/analyze/batch`: many labels at once.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::analysis::{self, Report};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};

/// The most labels one batch takes; the body limit (2 MB) caps their size.
pub(super) const MAX_BATCH: usize = 1000;

/// A label to analyse.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct AnalyzeRequest {
    /// The label text, as printed or pasted.
    text: String,
    /// The product's name, which helps tell a toner from an essence.
    #[serde(default)]
    name: Option<String>,
    /// The step, when known (for example `toner`, `serum`, `sunscreen`).
    #[serde(default)]
    step: Option<String>,
}

/// Reads an ingredient label: every ingredient with what it does, the product's step and its flags.
#[utoipa::path(
    post,
    path = "/analyze",
    tag = "analysis",
    request_body = AnalyzeRequest,
    responses(
        (status = 200, description = "The analysis (see docs/json.md) with `understanding`: what the product is, per product on the label", body = Report),
        (status = 422, description = "Malformed request or an unknown step", body = ErrorBody),
    )
)]
pub(super) async fn analyze(
    body: Result<Json<AnalyzeRequest>, JsonRejection>,
) -> ApiResult<Report> {
    let Json(request) = body?;
    let step = request
        .step
        .as_deref()
        .map(analysis::parse_step)
        .transpose()?;
    Ok(Json(analysis::analyse(
        &request.text,
        request.name.as_deref(),
        step,
    )))
}

/// Reads many ingredient labels at once: a JSON array of label texts (at most 1000, within the
/// 2 MB body limit), answered with one analysis per label, in the same order.
#[utoipa::path(
    post,
    path = "/analyze/batch",
    tag = "analysis",
    request_body(content = Vec<String>, description = "The label texts, as printed or pasted"),
    responses(
        (status = 200, description = "One analysis per label, in order, each as `POST /api/analyze` answers it", body = Vec<Report>),
        (status = 413, description = "More than 1000 labels, or a body over the size limit (2 MB)", body = ErrorBody),
        (status = 422, description = "Not an array of strings", body = ErrorBody),
    )
)]
pub(super) async fn analyze_batch(
    body: Result<Json<Vec<String>>, JsonRejection>,
) -> ApiResult<Vec<Report>> {
    let Json(texts) = body?;
    if texts.len() > MAX_BATCH {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "{} labels in one batch; send at most {MAX_BATCH} at a time",
                texts.len()
            ),
        ));
    }
    // Reading a thousand labels takes a while: off the async threads, as the store's work is.
    let task = tokio::task::spawn_blocking(move || {
        texts
            .iter()
            .map(|text| analysis::analyse(text, None, None))
            .collect()
    });
    let reports = match task.await {
        Ok(reports) => reports,
        Err(failed) => std::panic::resume_unwind(failed.into_panic()),
    };
    Ok(Json(reports))
}
