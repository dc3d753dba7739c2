//! `GET /api/insights`: patterns between the day and the skin, product before/after, and the
//! weekly summary.

use axum::Json;
use glasskin_app::insights;
use glasskin_store::Store;

use super::error::ApiResult;
use crate::{Person, today};

/// Patterns between lifestyle and skin, product before/after, and the weekly summary.
#[utoipa::path(
    get,
    path = "/insights",
    tag = "insights",
    responses((status = 200, description = "`summary`, `method`, `associations` and `product_effects`: each comparison with its difference, interval, p-value and days, `finding` true only for the patterns the false discovery rate allows", body = glasskin_core::insights::Report))
)]
pub(super) async fn insights<S: Store + Send + 'static>(
    person: Person<S>,
) -> ApiResult<glasskin_core::insights::Report> {
    let day = today();
    Ok(Json(
        person
            .with_reader(move |store| insights::report(store, day))
            .await?,
    ))
}
