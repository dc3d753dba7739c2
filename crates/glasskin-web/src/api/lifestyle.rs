//! The lifestyle log: `GET /api/lifestyle` reads it, `POST /api/lifestyle` logs a day.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::diary;
use glasskin_store::{LifestyleEntry, Store};

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

/// The whole lifestyle log, oldest first.
#[utoipa::path(get, path = "/lifestyle", tag = "diary", responses((status = 200, description = "Every day logged, oldest first", body = Vec<LifestyleEntry>)))]
pub(super) async fn lifestyle<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<Vec<LifestyleEntry>> {
    Ok(Json(
        person.with_reader(|store| diary::lifestyle(store)).await?,
    ))
}

/// Logs a day of sleep, water, exercise, stress and diet; replaces that day's entry.
#[utoipa::path(
    post,
    path = "/lifestyle",
    tag = "diary",
    request_body = LifestyleEntry,
    responses(
        (status = 204, description = "Saved"),
        (status = 422, description = "Malformed entry or values out of range", body = ErrorBody),
    )
)]
pub(super) async fn log_lifestyle<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<LifestyleEntry>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(entry) = body?;
    let today = today();
    person
        .with_store(move |store| diary::log_lifestyle(store, &entry, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
