//! The profile: `GET /api/profile` reads it, `PUT /api/profile` replaces it.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_store::{Store, StoredProfile};

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, today};

/// The saved profile.
#[utoipa::path(
    get,
    path = "/profile",
    tag = "profile",
    responses(
        (status = 200, body = StoredProfile),
        (status = 404, description = "No profile saved yet", body = ErrorBody),
    )
)]
pub(super) async fn profile(State(state): State<AppState>) -> ApiResult<StoredProfile> {
    state
        .with_store(|store| store.profile())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", "no profile saved yet"))
}

/// Saves the profile, replacing the last one.
#[utoipa::path(
    put,
    path = "/profile",
    tag = "profile",
    request_body = StoredProfile,
    responses(
        (status = 200, body = StoredProfile),
        (status = 422, description = "Malformed profile or an unknown skin type or concern", body = ErrorBody),
    )
)]
pub(super) async fn set_profile(
    State(state): State<AppState>,
    body: Result<Json<StoredProfile>, JsonRejection>,
) -> ApiResult<StoredProfile> {
    let Json(profile) = body?;
    let today = today();
    state
        .with_store(move |store| store.set_profile(&profile, today).map(|()| Json(profile)))
        .await
        .map_err(ApiError::from)
}
