//! Everything stored as one document: `GET /api/export` writes it, `POST /api/import` reads it
//! back.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::transfer;
use glasskin_store::{Export, Store};

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

/// Everything stored, as one document that `POST /api/import` takes back.
#[utoipa::path(
    get,
    path = "/export",
    tag = "data",
    responses((status = 200, description = "The export document (schema version, profile, shelf, plans, check-offs, diary, lifestyle, patch tests)", body = Object))
)]
pub(super) async fn export<S: Store + Send + 'static>(person: Person<S>) -> ApiResult<Export> {
    Ok(Json(
        person.with_reader(|store| transfer::export(store)).await?,
    ))
}

/// Replaces everything stored with an export; nothing changes if the document is refused.
#[utoipa::path(
    post,
    path = "/import",
    tag = "data",
    request_body(content = Object, description = "A document from `GET /api/export`"),
    responses(
        (status = 204, description = "Imported"),
        (status = 422, description = "Not a glasskin export, or from a newer glasskin", body = ErrorBody),
    )
)]
pub(super) async fn import<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<Export>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(export) = body?;
    let today = today();
    person
        .with_store(move |store| transfer::import(store, &export, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
