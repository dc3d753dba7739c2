//! `GET /api/tips`: the advice library, all of it or one topic.

use axum::Json;
use axum::extract::Query;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ApiResult, ErrorBody};

#[derive(Deserialize, IntoParams)]
pub(super) struct TipsQuery {
    /// Only the tips on this topic (for example `toner`, `sunscreen`, `sleep`).
    topic: Option<String>,
}

/// The advice library, each tip with its evidence grade and sources.
#[utoipa::path(
    get,
    path = "/tips",
    tag = "advice",
    params(TipsQuery),
    responses(
        (status = 200, description = "Tips with id, title, topics, grade, sources and text", body = Vec<Object>),
        (status = 404, description = "No such topic", body = ErrorBody),
    )
)]
pub(super) async fn tips(
    Query(query): Query<TipsQuery>,
) -> ApiResult<Vec<&'static glasskin_core::advice::Tip>> {
    let tips = glasskin_kb::kb().tips;
    match query.topic {
        None => Ok(Json(tips.iter().collect())),
        Some(topic) if glasskin_core::advice::TOPICS.contains(&topic.as_str()) => Ok(Json(
            tips.iter()
                .filter(|t| t.topics.contains(&topic.as_str()))
                .collect(),
        )),
        Some(topic) => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no topic `{topic}`"),
        )),
    }
}
