//! `POST /api/analyze`: a label read ingredient by ingredient, with what the product is.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use glasskin_app::analysis::{self, Report};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiResult, ErrorBody};

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
        (status = 200, description = "The analysis (see docs/json.md) with `understanding`: what the product is, per product on the label", body = Object),
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
