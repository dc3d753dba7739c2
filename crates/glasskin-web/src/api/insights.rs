//! `GET /api/insights`: patterns between the day and the skin, product before/after, and the
//! weekly summary.

use axum::Json;
use axum::extract::State;
use glasskin_store::StoreError;

use super::error::ApiResult;
use crate::{AppState, today};

/// Patterns between lifestyle and skin, product before/after, and the weekly summary.
#[utoipa::path(
    get,
    path = "/insights",
    tag = "insights",
    responses((status = 200, description = "`summary`, `associations` and `product_effects`, each with its sample size and caveats", body = Object))
)]
pub(super) async fn insights(
    State(state): State<AppState>,
) -> ApiResult<glasskin_core::insights::Report> {
    let day = today();
    let (inputs, daily) = state
        .with_store(move |store| {
            Ok::<_, StoreError>((
                glasskin_store::insight_inputs(&*store)?,
                glasskin_store::daily_adherence(&*store, day, 7)?,
            ))
        })
        .await?;
    let adherence = glasskin_store::week_adherence(&daily);
    Ok(Json(glasskin_core::insights::report(
        &inputs.diary,
        &inputs.lifestyle,
        &inputs.changes,
        adherence,
        day,
    )))
}
