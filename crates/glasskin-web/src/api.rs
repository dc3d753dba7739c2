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
        .route("/plan", post(plan))
        .route("/today", get(today_steps))
        .route("/checkoffs", post(check_off))
        .route("/diary", get(diary).post(log_diary))
        .route("/lifestyle", get(lifestyle).post(log_lifestyle))
        .route("/insights", get(insights))
        .route("/patch-tests", get(patch_tests).post(start_patch_test))
        .route("/patch-tests/check", post(check_patch))
        .route("/patch-tests/end", post(end_patch_test))
        .route("/export", get(export))
        .route("/import", post(import))
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct PlanRequest {
    /// Keep the plan for `today` and check-offs.
    save: bool,
}

#[derive(Serialize)]
struct PlanResponse {
    #[serde(flatten)]
    plan: glasskin_core::plan::Plan,
    /// The saved plan's id, when saved.
    saved: Option<i64>,
}

/// Plans from the saved profile and shelf, changing little from the last saved plan.
async fn plan(
    State(state): State<AppState>,
    body: Result<Json<PlanRequest>, JsonRejection>,
) -> ApiResult<PlanResponse> {
    use glasskin_store::planning;
    let Json(request) = body?;
    let kb = glasskin_kb::kb();
    let today = today();
    let mut store = state.store();
    let saved_profile = store.profile()?.ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "no_profile",
            "save a profile first (PUT /api/profile)",
        )
    })?;
    let mut profile = planning::plan_profile(&saved_profile, today)?;
    if let Some(last) = store.latest_plan()? {
        profile.previous = planning::previous_days(&last);
    }
    let (shelf, ids) = planning::plan_shelf(&*store, kb)?;
    if shelf.is_empty() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "empty_shelf",
            "add products first (POST /api/products)",
        ));
    }
    let plan = glasskin_core::plan::plan(&profile, &shelf, kb);
    let saved = if request.save {
        Some(store.save_plan(&planning::saved_plan(&plan, &ids, today))?)
    } else {
        None
    };
    Ok(Json(PlanResponse { plan, saved }))
}

#[derive(Serialize)]
struct TodaySession {
    time: String,
    steps: Vec<TodayStep>,
}

#[derive(Serialize)]
struct TodayStep {
    product_id: i64,
    name: String,
    step: String,
    layers: u8,
    done: bool,
}

/// Today's planned steps from the latest saved plan, with what is ticked off.
async fn today_steps(State(state): State<AppState>) -> ApiResult<Vec<TodaySession>> {
    let day = today();
    let store = state.store();
    let plan = store.latest_plan()?.ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "no_plan",
            "save a plan first (POST /api/plan with save)",
        )
    })?;
    let checkoffs = store.checkoffs_since(day)?;
    Ok(Json(
        plan.sessions_on(day)
            .into_iter()
            .map(|s| TodaySession {
                time: s.time.clone(),
                steps: s
                    .steps
                    .iter()
                    .map(|st| TodayStep {
                        product_id: st.product_id,
                        name: st.name.clone(),
                        step: st.step.clone(),
                        layers: st.layers,
                        done: checkoffs.iter().any(|c| {
                            c.date == day && c.time == s.time && c.product_id == st.product_id
                        }),
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckoffRequest {
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    time: String,
    product_id: i64,
    #[serde(default = "yes")]
    done: bool,
}

fn yes() -> bool {
    true
}

async fn check_off(
    State(state): State<AppState>,
    body: Result<Json<CheckoffRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    let today = today();
    let checkoff = glasskin_store::Checkoff {
        date: request.date.unwrap_or(today),
        time: request.time,
        product_id: request.product_id,
    };
    state.store().check_off(&checkoff, request.done, today)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn diary(State(state): State<AppState>) -> ApiResult<Vec<glasskin_store::DiaryEntry>> {
    Ok(Json(state.store().diary()?))
}

async fn log_diary(
    State(state): State<AppState>,
    body: Result<Json<glasskin_store::DiaryEntry>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(entry) = body?;
    state.store().log_diary(&entry, today())?;
    Ok(StatusCode::NO_CONTENT)
}

async fn lifestyle(
    State(state): State<AppState>,
) -> ApiResult<Vec<glasskin_store::LifestyleEntry>> {
    Ok(Json(state.store().lifestyle()?))
}

async fn log_lifestyle(
    State(state): State<AppState>,
    body: Result<Json<glasskin_store::LifestyleEntry>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(entry) = body?;
    state.store().log_lifestyle(&entry, today())?;
    Ok(StatusCode::NO_CONTENT)
}

async fn export(State(state): State<AppState>) -> ApiResult<glasskin_store::Export> {
    Ok(Json(state.store().export()?))
}

async fn import(
    State(state): State<AppState>,
    body: Result<Json<glasskin_store::Export>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(export) = body?;
    state.store().import(&export)?;
    Ok(StatusCode::NO_CONTENT)
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

/// Patterns between lifestyle and skin, product before/after, and the weekly summary.
async fn insights(State(state): State<AppState>) -> Json<serde_json::Value> {
    use glasskin_core::insights;
    let (diary, lifestyle, changes) = crate::pages::insight_inputs(&state);
    let day = today();
    Json(json!({
        "summary": insights::weekly_summary(&diary, &lifestyle, None, day),
        "associations": insights::associations(&diary, &lifestyle, day),
        "product_effects": insights::product_effects(&diary, &changes, insights::DEFAULT_WINDOW_DAYS, day),
    }))
}

async fn patch_tests(State(state): State<AppState>) -> ApiResult<Vec<glasskin_store::PatchTest>> {
    Ok(Json(state.store().patch_tests()?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StartPatchTest {
    product_id: i64,
    #[serde(default)]
    area: String,
}

async fn start_patch_test(
    State(state): State<AppState>,
    body: Result<Json<StartPatchTest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    state
        .store()
        .start_patch_test(request.product_id, &request.area, today())?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatchCheckRequest {
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    reaction: String,
}

async fn check_patch(
    State(state): State<AppState>,
    body: Result<Json<PatchCheckRequest>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Json(request) = body?;
    let day = today();
    let test = state
        .store()
        .check_patch(request.date.unwrap_or(day), &request.reaction, day)?;
    Ok(Json(json!({"test": test, "verdict": test.verdict(day)})))
}

async fn end_patch_test(State(state): State<AppState>) -> ApiResult<glasskin_store::PatchTest> {
    Ok(Json(state.store().end_patch_test(today())?))
}
