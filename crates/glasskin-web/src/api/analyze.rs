//! `POST /api/analyze`: a label read ingredient by ingredient, with what the product is.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_core::{Analysis, Product, Step};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};

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

#[derive(Serialize)]
pub(super) struct Report {
    #[serde(flatten)]
    analysis: Analysis,
    understanding: Vec<Product>,
}

fn step(id: Option<&str>) -> Result<Option<Step>, ApiError> {
    id.map(|s| {
        Step::from_id(s).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("unknown step `{s}`"),
            )
        })
    })
    .transpose()
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
    let declared = step(request.step.as_deref())?;
    let analysis = glasskin_core::analyze(&request.text, glasskin_kb::kb());
    let understanding = glasskin_core::understand_all(request.name.as_deref(), &analysis, declared);
    Ok(Json(Report {
        analysis,
        understanding,
    }))
}
