//! `POST /api/check`: a routine checked against the evidence-graded rules, as `glasskin check`
//! checks a routine file.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use glasskin_app::advice::{self, CheckReport};
use glasskin_app::documents::RoutineDocument;

use super::error::{ApiResult, ErrorBody};

/// Checks a routine (the person, the products with their labels, and the sessions) against the
/// rules: each finding with its evidence grade, the fixes, the sources and the tips to read.
#[utoipa::path(
    post,
    path = "/check",
    tag = "advice",
    request_body(content = RoutineDocument, description = "The routine, as in a routine file (docs/routine.md), in JSON"),
    responses(
        (status = 200, description = "The products as glasskin takes them, and the findings", body = CheckReport),
        (status = 422, description = "Malformed routine; the message names the place", body = ErrorBody),
    )
)]
pub(super) async fn check(
    body: Result<Json<RoutineDocument>, JsonRejection>,
) -> ApiResult<CheckReport> {
    let Json(document) = body?;
    // Reading every label takes a while for a long routine: off the async threads.
    let task = tokio::task::spawn_blocking(move || advice::check_document(document));
    match task.await {
        Ok(report) => Ok(Json(report?)),
        Err(failed) => std::panic::resume_unwind(failed.into_panic()),
    }
}
