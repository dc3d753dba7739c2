//! The shelf: `/api/products` lists and adds products, `/api/products/{id}` reads, updates and
//! removes one.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use glasskin_store::{NewProduct, ShelfProduct, Store};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, today};

/// The shelf, with each product's expiry status.
#[utoipa::path(get, path = "/products", tag = "shelf", responses((status = 200, body = Vec<ShelfProduct>)))]
pub(super) async fn products(State(state): State<AppState>) -> ApiResult<Vec<ShelfProduct>> {
    Ok(Json(state.with_store(|store| store.products()).await?))
}

/// One product on the shelf.
#[utoipa::path(
    get,
    path = "/products/{id}",
    tag = "shelf",
    params(("id" = i64, Path, description = "The product's id")),
    responses(
        (status = 200, body = ShelfProduct),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub(super) async fn product(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<ShelfProduct> {
    Ok(Json(
        state.with_store(move |store| store.product(id)).await?,
    ))
}

/// Adds a product to the shelf from its label.
#[utoipa::path(
    post,
    path = "/products",
    tag = "shelf",
    request_body = NewProduct,
    responses(
        (status = 201, body = ShelfProduct),
        (status = 422, description = "Malformed product, an empty name or label, or an unknown step", body = ErrorBody),
    )
)]
pub(super) async fn add_product(
    State(state): State<AppState>,
    body: Result<Json<NewProduct>, JsonRejection>,
) -> Result<(StatusCode, Json<ShelfProduct>), ApiError> {
    let Json(product) = body?;
    let today = today();
    let added = state
        .with_store(move |store| {
            let id = store.add_product(&product, today)?;
            store.product(id)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// What happened to a product: opened, finished, stopped, patch tested.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ProductUpdate {
    /// Opened on this day (today when `open` is true and this is left out).
    #[serde(default)]
    opened: Option<jiff::civil::Date>,
    /// Mark it opened today.
    #[serde(default)]
    open: bool,
    /// Its period after opening, in months (1 to 120), given with `opened` or `open`.
    #[serde(default)]
    pao_months: Option<u16>,
    /// Its new status; `finished` and `stopped` are dated today.
    #[serde(default)]
    status: Option<glasskin_store::Status>,
    /// Why it was finished or stopped.
    #[serde(default)]
    reason: Option<String>,
    /// Patch tested and fine: no longer new.
    #[serde(default)]
    tested: bool,
}

/// Records what happened to a product and returns it as it now stands.
#[utoipa::path(
    patch,
    path = "/products/{id}",
    tag = "shelf",
    params(("id" = i64, Path, description = "The product's id")),
    request_body = ProductUpdate,
    responses(
        (status = 200, body = ShelfProduct),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 422, description = "Malformed update, a future opening day, or a period after opening out of range", body = ErrorBody),
    )
)]
pub(super) async fn update_product(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<ProductUpdate>, JsonRejection>,
) -> ApiResult<ShelfProduct> {
    let Json(update) = body?;
    let today = today();
    let opened = update.opened.or(update.open.then_some(today));
    if update.pao_months.is_some() && opened.is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "give `opened` or `open` with `pao_months`",
        ));
    }
    if opened.is_some_and(|day| day > today) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "a product cannot be opened in the future",
        ));
    }
    let updated = state
        .with_store(move |store| {
            // Checked by the first call, so an unknown id or a bad period changes nothing.
            store.product(id)?;
            if let Some(day) = opened {
                store.open_product(id, day, update.pao_months)?;
            }
            if let Some(status) = update.status {
                store.set_status(id, status, update.reason.as_deref(), today)?;
            }
            if update.tested {
                store.set_tested(id)?;
            }
            store.product(id)
        })
        .await?;
    Ok(Json(updated))
}

/// Takes a product off the shelf.
#[utoipa::path(
    delete,
    path = "/products/{id}",
    tag = "shelf",
    params(("id" = i64, Path, description = "The product's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub(super) async fn remove_product(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state
        .with_store(move |store| store.remove_product(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
