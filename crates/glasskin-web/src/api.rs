//! The JSON API: the CLI's commands as resources. Errors are `{"error": {"code", "message"}}`
//! with the matching status code.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use glasskin_core::{Analysis, Product, Step};
use glasskin_store::{NewProduct, Store, StoreError, StoredProfile};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{AppState, today};

/// An API error.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": {"code": self.code, "message": self.message}})),
        )
            .into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NoSuchProduct(_) => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string())
            }
            StoreError::Invalid(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string())
            }
            StoreError::Open(_) | StoreError::Database(_) => {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "storage", e.to_string())
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> ApiError {
        ApiError::new(e.status(), "bad_json", e.body_text())
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/analyze", post(analyze))
        .route("/tips", get(tips))
        .route("/profile", get(profile).put(set_profile))
        .route("/products", get(products).post(add_product))
        .route("/products/{id}", get(product).delete(remove_product))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeRequest {
    /// The label text.
    text: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    step: Option<String>,
}

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    analysis: Analysis,
    understanding: Vec<Product>,
}

fn step(id: Option<&str>) -> Result<Option<Step>, ApiError> {
    id.map(|s| {
        Step::from_id(s).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("unknown step `{s}`"),
            )
        })
    })
    .transpose()
}

async fn analyze(body: Result<Json<AnalyzeRequest>, JsonRejection>) -> ApiResult<Report> {
    let Json(request) = body?;
    let declared = step(request.step.as_deref())?;
    let analysis = glasskin_core::analyze(&request.text, glasskin_kb::kb());
    let understanding = glasskin_core::understand_all(request.name.as_deref(), &analysis, declared);
    Ok(Json(Report {
        analysis,
        understanding,
    }))
}

#[derive(Deserialize)]
struct TipsQuery {
    topic: Option<String>,
}

async fn tips(
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

async fn profile(State(state): State<AppState>) -> ApiResult<StoredProfile> {
    state
        .store()
        .profile()?
        .map(Json)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", "no profile saved yet"))
}

async fn set_profile(
    State(state): State<AppState>,
    body: Result<Json<StoredProfile>, JsonRejection>,
) -> ApiResult<StoredProfile> {
    let Json(profile) = body?;
    state.store().set_profile(&profile, today())?;
    Ok(Json(profile))
}

async fn products(State(state): State<AppState>) -> ApiResult<Vec<glasskin_store::ShelfProduct>> {
    Ok(Json(state.store().products()?))
}

async fn product(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<glasskin_store::ShelfProduct> {
    Ok(Json(state.store().product(id)?))
}

async fn add_product(
    State(state): State<AppState>,
    body: Result<Json<NewProduct>, JsonRejection>,
) -> Result<(StatusCode, Json<glasskin_store::ShelfProduct>), ApiError> {
    let Json(product) = body?;
    let mut store = state.store();
    let id = store.add_product(&product, today())?;
    Ok((StatusCode::CREATED, Json(store.product(id)?)))
}

async fn remove_product(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.store().remove_product(id)?;
    Ok(StatusCode::NO_CONTENT)
}
