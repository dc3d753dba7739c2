//! Paired devices, from this computer only (the guard in `access` refuses other devices):
//! `GET /api/devices` lists them, `POST /api/devices/pairing` makes a one-time pairing link,
//! `PATCH /api/devices/{id}` renames one and `DELETE /api/devices/{id}` revokes one.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use glasskin_app::devices;
use glasskin_store::{Device, DeviceId, Store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, Person};

/// Every paired device, oldest first.
#[utoipa::path(
    get,
    path = "/devices",
    tag = "devices",
    responses(
        (status = 200, description = "The paired devices", body = Vec<Device>),
        (status = 403, description = "Asked from another device: this opens on this computer only", body = ErrorBody),
    )
)]
pub(super) async fn devices<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<Vec<Device>> {
    Ok(Json(person.with_store(|store| devices::list(store)).await?))
}

/// A one-time pairing link.
#[derive(Serialize, ToSchema)]
pub(super) struct PairingLink {
    /// The link to open on the phone; it works once.
    url: String,
    /// When it stops working.
    #[schema(value_type = String, format = DateTime)]
    expires: jiff::Timestamp,
}

/// Makes a one-time pairing link (it works once, for 10 minutes) for a phone to open.
#[utoipa::path(
    post,
    path = "/devices/pairing",
    tag = "devices",
    responses(
        (status = 201, description = "A new pairing link", body = PairingLink),
        (status = 403, description = "Asked from another device: this opens on this computer only", body = ErrorBody),
        (status = 409, description = "The server listens on this computer only (start it with --lan)", body = ErrorBody),
    )
)]
pub(super) async fn start_pairing<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> Result<(StatusCode, Json<PairingLink>), ApiError> {
    let pairing = state
        .access
        .start_pairing()
        .map_err(|why| ApiError::new(StatusCode::CONFLICT, "not_on_lan", why))?;
    Ok((
        StatusCode::CREATED,
        Json(PairingLink {
            url: pairing.url,
            expires: pairing.expires,
        }),
    ))
}

/// A device's new name.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Rename {
    /// 1 to 60 characters.
    name: String,
}

/// Renames a paired device.
#[utoipa::path(
    patch,
    path = "/devices/{id}",
    tag = "devices",
    params(("id" = i64, Path, description = "The device's id")),
    request_body = Rename,
    responses(
        (status = 204, description = "Renamed"),
        (status = 404, description = "No such device", body = ErrorBody),
        (status = 422, description = "An empty, too long or malformed name", body = ErrorBody),
    )
)]
pub(super) async fn rename_device<S: Store + Send + 'static>(
    person: Person<S>,
    Path(id): Path<DeviceId>,
    body: Result<Json<Rename>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(rename) = body?;
    person
        .with_store(move |store| devices::rename(store, id, &rename.name))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes a paired device: its browser opens nothing from now on.
#[utoipa::path(
    delete,
    path = "/devices/{id}",
    tag = "devices",
    params(("id" = i64, Path, description = "The device's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such device", body = ErrorBody),
    )
)]
pub(super) async fn revoke_device<S: Store + Send + 'static>(
    person: Person<S>,
    Path(id): Path<DeviceId>,
) -> Result<StatusCode, ApiError> {
    person
        .with_store(move |store| devices::revoke(store, id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
