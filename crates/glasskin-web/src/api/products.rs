//! The shelf: `/api/products` lists and adds products, `/api/products/{id}` reads, changes and
//! removes one.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use glasskin_app::shelf::{self, Change};
use glasskin_store::{NewProduct, ShelfProduct, Store};

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{AppState, today};

/// The shelf, with each product's expiry status.
#[utoipa::path(get, path = "/products", tag = "shelf", responses((status = 200, body = Vec<ShelfProduct>)))]
pub(super) async fn products<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
) -> ApiResult<Vec<ShelfProduct>> {
    Ok(Json(state.with_store(|store| shelf::list(store)).await?))
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
pub(super) async fn product<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<i64>,
) -> ApiResult<ShelfProduct> {
    Ok(Json(
        state.with_store(move |store| shelf::get(store, id)).await?,
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
        (status = 422, description = "Malformed product, an empty name or label, an unknown step, or a future opening day", body = ErrorBody),
    )
)]
pub(super) async fn add_product<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    body: Result<Json<NewProduct>, JsonRejection>,
) -> Result<(StatusCode, Json<ShelfProduct>), ApiError> {
    let Json(product) = body?;
    let today = today();
    let added = state
        .with_store(move |store| shelf::add(store, &product, today))
        .await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Records what happened to a product and returns it as it now stands.
#[utoipa::path(
    patch,
    path = "/products/{id}",
    tag = "shelf",
    params(("id" = i64, Path, description = "The product's id")),
    request_body = Change,
    responses(
        (status = 200, body = ShelfProduct),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 422, description = "Malformed update, a future opening day, a period after opening out of range, or a stop without a reason", body = ErrorBody),
    )
)]
pub(super) async fn update_product<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<i64>,
    body: Result<Json<Change>, JsonRejection>,
) -> ApiResult<ShelfProduct> {
    let Json(change) = body?;
    let today = today();
    Ok(Json(
        state
            .with_store(move |store| shelf::change(store, id, change, today))
            .await?,
    ))
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
pub(super) async fn remove_product<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state
        .with_store(move |store| shelf::remove(store, id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
