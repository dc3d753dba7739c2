//! The profile: `GET /api/profile` reads it, `PUT /api/profile` replaces it.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use glasskin_app::profile;
use glasskin_store::{Store, StoredProfile};

use super::error::{ApiResult, ErrorBody};
use crate::{Person, today};

/// The saved profile.
#[utoipa::path(
    get,
    path = "/profile",
    tag = "profile",
    responses(
        (status = 200, description = "The profile", body = StoredProfile),
        (status = 404, description = "No profile saved yet", body = ErrorBody),
    )
)]
pub(super) async fn profile<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<StoredProfile> {
    Ok(Json(person.with_reader(|store| profile::get(store)).await?))
}

/// Saves the profile, replacing the last one.
#[utoipa::path(
    put,
    path = "/profile",
    tag = "profile",
    request_body = StoredProfile,
    responses(
        (status = 200, description = "Saved: the profile as stored", body = StoredProfile),
        (status = 422, description = "Malformed profile or an unknown skin type or concern", body = ErrorBody),
    )
)]
pub(super) async fn set_profile<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<StoredProfile>, JsonRejection>,
) -> ApiResult<StoredProfile> {
    let Json(stored) = body?;
    let today = today();
    Ok(Json(
        person
            .with_store(move |store| profile::set(store, stored, today))
            .await?,
    ))
}
