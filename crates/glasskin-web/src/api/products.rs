//! The shelf: `/api/products` lists and adds products, `/api/products/{id}` reads, changes and
//! removes one. Every product comes with where it stands against its expiry, as the Shelf page
//! shows it.

use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use glasskin_app::shelf::{self, Change, ExpiryNote};
use glasskin_store::{NewProduct, ShelfProduct, Store};
use serde::Serialize;
use std::borrow::Cow;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

use super::error::{ApiError, ApiResult, ErrorBody};
use crate::{Person, today};

/// A product on the shelf, with its expiry.
#[derive(Serialize)]
pub(super) struct Product {
    #[serde(flatten)]
    product: ShelfProduct,
    /// Where it stands against its expiry today.
    expiry: ExpiryJson,
}

/// Its schema is the stored product's with `expiry` added: not an `allOf` of the two, which
/// the stored product's `additionalProperties: false` (it refuses unknown fields) would make
/// unsatisfiable.
impl utoipa::PartialSchema for Product {
    fn schema() -> RefOr<Schema> {
        let RefOr::T(Schema::Object(mut product)) = <ShelfProduct as PartialSchema>::schema()
        else {
            unreachable!("a stored product's schema is an object");
        };
        product.additional_properties = None;
        product.description = Some("A product on the shelf, with its expiry.".to_owned());
        product.properties.insert(
            "expiry".to_owned(),
            Ref::from_schema_name(<ExpiryJson as ToSchema>::name()).into(),
        );
        product.required.push("expiry".to_owned());
        Schema::Object(product).into()
    }
}

impl ToSchema for Product {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ProductOnShelf")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        <ShelfProduct as ToSchema>::schemas(schemas);
        schemas.push((
            <ExpiryJson as ToSchema>::name().into_owned(),
            <ExpiryJson as PartialSchema>::schema(),
        ));
        <ExpiryJson as ToSchema>::schemas(schemas);
    }
}

/// Where a product stands against its expiry (period after opening, best-before date).
#[derive(Serialize, ToSchema)]
#[schema(as = Expiry)]
pub(super) struct ExpiryJson {
    /// `expired` (`days_ago`), `expiring_soon` (`days_left`, 30 days or fewer), `fine`
    /// (`days_left`) or `unknown`.
    #[serde(flatten)]
    status: glasskin_core::expiry::Status,
    /// The Shelf page's words: "expired 3 days ago", "expires in 12 days", "good for 200
    /// days", "12 months once opened", "expiry unknown".
    sentence: String,
    /// Expired or expiring soon: worth a warning.
    warns: bool,
}

impl Product {
    fn of(product: ShelfProduct, today: jiff::civil::Date) -> Product {
        let note = ExpiryNote::of(&product, today);
        Product {
            product,
            expiry: ExpiryJson {
                status: note.status,
                sentence: note.sentence(),
                warns: note.warns(),
            },
        }
    }
}

/// The shelf, with each product's expiry status.
#[utoipa::path(
    get,
    path = "/products",
    tag = "shelf",
    responses((status = 200, description = "Every product on the shelf, oldest first, each with its expiry", body = Vec<Product>))
)]
pub(super) async fn products<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<Vec<Product>> {
    let day = today();
    let products = person.with_reader(|store| shelf::list(store)).await?;
    Ok(Json(
        products.into_iter().map(|p| Product::of(p, day)).collect(),
    ))
}

/// One product on the shelf, with its expiry status.
#[utoipa::path(
    get,
    path = "/products/{id}",
    tag = "shelf",
    params(("id" = i64, Path, description = "The product's id")),
    responses(
        (status = 200, description = "The product, with its expiry", body = Product),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub(super) async fn product<S: Store + Send + 'static>(
    person: Person<S>,
    Path(id): Path<i64>,
) -> ApiResult<Product> {
    let day = today();
    let product = person
        .with_reader(move |store| shelf::get(store, id))
        .await?;
    Ok(Json(Product::of(product, day)))
}

/// Adds a product to the shelf from its label.
#[utoipa::path(
    post,
    path = "/products",
    tag = "shelf",
    request_body = NewProduct,
    responses(
        (status = 201, description = "Added: the product as stored, with its expiry", body = Product),
        (status = 422, description = "Malformed product, an empty name or label, an unknown step, or a future opening day", body = ErrorBody),
    )
)]
pub(super) async fn add_product<S: Store + Send + 'static>(
    person: Person<S>,
    body: Result<Json<NewProduct>, JsonRejection>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    let Json(product) = body?;
    let today = today();
    let added = person
        .with_store(move |store| shelf::add(store, &product, today))
        .await?;
    Ok((StatusCode::CREATED, Json(Product::of(added, today))))
}

/// Records what happened to a product and returns it as it now stands.
#[utoipa::path(
    patch,
    path = "/products/{id}",
    tag = "shelf",
    params(("id" = i64, Path, description = "The product's id")),
    request_body = Change,
    responses(
        (status = 200, description = "The product as it now stands, with its expiry", body = Product),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 422, description = "Malformed update, a future opening day, a period after opening out of range, or a stop without a reason", body = ErrorBody),
    )
)]
pub(super) async fn update_product<S: Store + Send + 'static>(
    person: Person<S>,
    Path(id): Path<i64>,
    body: Result<Json<Change>, JsonRejection>,
) -> ApiResult<Product> {
    let Json(change) = body?;
    let today = today();
    let changed = person
        .with_store(move |store| shelf::change(store, id, change, today))
        .await?;
    Ok(Json(Product::of(changed, today)))
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
    person: Person<S>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    person
        .with_store(move |store| shelf::remove(store, id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
