//! The skin diary: `GET /api/diary` reads it, `POST /api/diary` logs a day.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::diary;
use glasskin_store::{DiaryEntry, Store};

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

/// The whole skin diary, oldest first.
#[utoipa::path(get, path = "/diary", tag = "diary", responses((status = 200, description = "Every day logged, oldest first", body = Vec<DiaryEntry>)))]
pub(super) async fn diary<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<Vec<DiaryEntry>> {
    Ok(Json(person.with_reader(|store| diary::skin(store)).await?))
}

/// Logs a day of the skin diary; a second entry for the same day replaces the first.
#[utoipa::path(
    post,
    path = "/diary",
    tag = "diary",
    request_body = DiaryEntry,
    responses(
        (status = 204, description = "Saved"),
        (status = 422, description = "Malformed entry, a rating outside 1-5, or a future date", body = ErrorBody),
    )
)]
pub(super) async fn log_diary<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<DiaryEntry>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(entry) = body?;
    let today = today();
    person
        .with_store(move |store| diary::log_skin(store, &entry, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
