//! `GET /api/tips`: the advice library, all of it or one topic.

use axum::Json;
use axum::extract::Query;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiResult, ErrorBody};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct TipsQuery {
    /// Only the tips on this topic (for example `toner`, `sunscreen`, `sleep`), or the tip with
    /// this id.
    topic: Option<String>,
}

/// The advice library, each tip with its evidence grade and sources.
#[utoipa::path(
    get,
    path = "/tips",
    tag = "advice",
    params(TipsQuery),
    responses(
        (status = 200, description = "Tips with id, title, topics, grade, sources and text", body = Vec<glasskin_core::advice::Tip>),
        (status = 404, description = "No such topic or tip", body = ErrorBody),
    )
)]
pub(super) async fn tips(
    Query(query): Query<TipsQuery>,
) -> ApiResult<Vec<&'static glasskin_core::advice::Tip>> {
    Ok(Json(glasskin_app::advice::tips(query.topic.as_deref())?))
}
