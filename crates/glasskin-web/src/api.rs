//! The JSON API: the CLI's commands as resources. Errors are `{"error": {"code", "message"}}`
//! with the matching status code.
//!
//! Every handler carries its OpenAPI description (`#[utoipa::path]`), and [`routes`] registers
//! handlers and descriptions together, so `/api/openapi.json` cannot drift from the routes.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use glasskin_core::{Analysis, Product, Step};
use glasskin_store::{
    DiaryEntry, Export, LifestyleEntry, NewProduct, PatchTest, ShelfProduct, Store, StoreError,
    StoredProfile,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{AppState, today};

/// An API error.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

/// The body of every error response.
#[derive(Serialize, ToSchema)]
struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, ToSchema)]
struct ErrorDetail {
    /// A stable code: `bad_json`, `invalid`, `not_found`, `no_profile`, `empty_shelf`,
    /// `no_plan`, `storage`, `too_large`.
    code: String,
    /// A sentence for people.
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
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
            },
        };
        (self.status, Json(body)).into_response()
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

/// The API's routes and their OpenAPI document, built from the same list.
pub(crate) fn routes() -> (axum::Router<AppState>, OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(document())
        .routes(routes!(analyze))
        .routes(routes!(tips))
        .routes(routes!(profile, set_profile))
        .routes(routes!(products, add_product))
        .routes(routes!(product, update_product, remove_product))
        .routes(routes!(plan))
        .routes(routes!(today_steps))
        .routes(routes!(check_off))
        .routes(routes!(diary, log_diary))
        .routes(routes!(lifestyle, log_lifestyle))
        .routes(routes!(insights))
        .routes(routes!(patch_tests, start_patch_test))
        .routes(routes!(check_patch))
        .routes(routes!(end_patch_test))
        .routes(routes!(export))
        .routes(routes!(import))
        .split_for_parts();
    doc.paths.paths = std::mem::take(&mut doc.paths.paths)
        .into_iter()
        .map(|(path, mut item)| {
            for operation in operations(&mut item) {
                if operation.request_body.is_some() {
                    declare_body_errors(operation);
                }
            }
            (format!("/api{path}"), item)
        })
        .collect();
    (router, doc)
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// What the JSON extractor and the body limit answer for every operation that takes a body.
fn declare_body_errors(operation: &mut Operation) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let error = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    let responses = &mut operation.responses.responses;
    responses
        .entry("400".into())
        .or_insert_with(|| error("The body is not JSON").into());
    responses
        .entry("413".into())
        .or_insert_with(|| error("The body is over the size limit (2 MB)").into());
    responses
        .entry("415".into())
        .or_insert_with(|| error("The content type is not application/json").into());
    responses
        .entry("422".into())
        .or_insert_with(|| error("The JSON does not have the expected fields and types").into());
}

/// The document's front matter.
fn document() -> OpenApi {
    use utoipa::openapi::{InfoBuilder, LicenseBuilder, OpenApiBuilder};
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("glasskin")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "glasskin's local JSON API: analyse ingredient labels, keep a shelf and a \
                     profile, plan the week, tick off steps, keep a skin diary and lifestyle log, \
                     and read the insights. Errors are {\"error\": {\"code\", \"message\"}}. \
                     The shapes of analyses and plans are described in docs/json.md and \
                     docs/plan.md. Ingredient data: European Commission, CosIng (CC BY 4.0).",
                ))
                .license(Some(
                    LicenseBuilder::new()
                        .name("MIT OR Apache-2.0")
                        .identifier(Some("MIT OR Apache-2.0"))
                        .build(),
                ))
                .build(),
        )
        .build()
}

#[derive(Deserialize, Default, ToSchema)]
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

/// Plans the week from the saved profile and shelf, changing little from the last saved plan.
#[utoipa::path(
    post,
    path = "/plan",
    tag = "plan",
    request_body = PlanRequest,
    responses(
        (status = 200, description = "The week's plan (see docs/plan.md), with `saved`: the saved plan's id when `save` was asked", body = Object),
        (status = 409, description = "No profile or an empty shelf", body = ErrorBody),
        (status = 422, description = "Malformed request", body = ErrorBody),
    )
)]
async fn plan(
    State(state): State<AppState>,
    body: Result<Json<PlanRequest>, JsonRejection>,
) -> ApiResult<PlanResponse> {
    use glasskin_store::planning;
    let Json(request) = body?;
    let today = today();
    state
        .with_store(move |store| {
            let kb = glasskin_kb::kb();
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
        })
        .await
}

/// One session of today's routine.
#[derive(Serialize, ToSchema)]
struct TodaySession {
    /// `am` or `pm`.
    time: String,
    steps: Vec<TodayStep>,
}

/// One step of today's routine.
#[derive(Serialize, ToSchema)]
struct TodayStep {
    product_id: i64,
    name: String,
    step: String,
    /// Thin layers to pat in (more than one for the 7-skin method).
    layers: u8,
    /// Ticked off today.
    done: bool,
}

/// Today's planned steps from the latest saved plan, with what is ticked off.
#[utoipa::path(
    get,
    path = "/today",
    tag = "routine",
    responses(
        (status = 200, body = Vec<TodaySession>),
        (status = 409, description = "No saved plan yet", body = ErrorBody),
    )
)]
async fn today_steps(State(state): State<AppState>) -> ApiResult<Vec<TodaySession>> {
    let day = today();
    state
        .with_store(move |store| {
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
                                done: glasskin_store::ticked(&checkoffs, day, s, st),
                            })
                            .collect(),
                    })
                    .collect(),
            ))
        })
        .await
}

/// A step ticked off, or unticked.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CheckoffRequest {
    /// The day; today when left out.
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    /// `am` or `pm`.
    time: String,
    product_id: i64,
    /// `false` unticks.
    #[serde(default = "yes")]
    #[schema(default = true)]
    done: bool,
}

fn yes() -> bool {
    true
}

/// Ticks a step off (or unticks it).
#[utoipa::path(
    post,
    path = "/checkoffs",
    tag = "routine",
    request_body = CheckoffRequest,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 422, description = "Malformed request, or a time other than `am` or `pm`", body = ErrorBody),
    )
)]
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
    state
        .with_store(move |store| store.check_off(&checkoff, request.done, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The whole skin diary, oldest first.
#[utoipa::path(get, path = "/diary", tag = "diary", responses((status = 200, body = Vec<DiaryEntry>)))]
async fn diary(State(state): State<AppState>) -> ApiResult<Vec<DiaryEntry>> {
    Ok(Json(state.with_store(|store| store.diary()).await?))
}

/// Logs a day of the skin diary; a second entry for the same day replaces the first.
#[utoipa::path(
    post,
    path = "/diary",
    tag = "diary",
    request_body = DiaryEntry,
    responses(
        (status = 204, description = "Saved"),
        (status = 422, description = "Malformed entry, a rating outside 1-5, or a future date", body = ErrorBody),
    )
)]
async fn log_diary(
    State(state): State<AppState>,
    body: Result<Json<DiaryEntry>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(entry) = body?;
    let today = today();
    state
        .with_store(move |store| store.log_diary(&entry, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The whole lifestyle log, oldest first.
#[utoipa::path(get, path = "/lifestyle", tag = "diary", responses((status = 200, body = Vec<LifestyleEntry>)))]
async fn lifestyle(State(state): State<AppState>) -> ApiResult<Vec<LifestyleEntry>> {
    Ok(Json(state.with_store(|store| store.lifestyle()).await?))
}

/// Logs a day of sleep, water, exercise, stress and diet; replaces that day's entry.
#[utoipa::path(
    post,
    path = "/lifestyle",
    tag = "diary",
    request_body = LifestyleEntry,
    responses(
        (status = 204, description = "Saved"),
        (status = 422, description = "Malformed entry or values out of range", body = ErrorBody),
    )
)]
async fn log_lifestyle(
    State(state): State<AppState>,
    body: Result<Json<LifestyleEntry>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(entry) = body?;
    let today = today();
    state
        .with_store(move |store| store.log_lifestyle(&entry, today))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything stored, as one document that `POST /api/import` takes back.
#[utoipa::path(
    get,
    path = "/export",
    tag = "data",
    responses((status = 200, description = "The export document (schema version, profile, shelf, plans, check-offs, diary, lifestyle, patch tests)", body = Object))
)]
async fn export(State(state): State<AppState>) -> ApiResult<Export> {
    Ok(Json(state.with_store(|store| store.export()).await?))
}

/// Replaces everything stored with an export; nothing changes if the document is refused.
#[utoipa::path(
    post,
    path = "/import",
    tag = "data",
    request_body(content = Object, description = "A document from `GET /api/export`"),
    responses(
        (status = 204, description = "Imported"),
        (status = 422, description = "Not a glasskin export, or from a newer glasskin", body = ErrorBody),
    )
)]
async fn import(
    State(state): State<AppState>,
    body: Result<Json<Export>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(export) = body?;
    state.with_store(move |store| store.import(&export)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A label to analyse.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AnalyzeRequest {
    /// The label text, as printed or pasted.
    text: String,
    /// The product's name, which helps tell a toner from an essence.
    #[serde(default)]
    name: Option<String>,
    /// The step, when known (for example `toner`, `serum`, `sunscreen`).
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

/// Reads an ingredient label: every ingredient with what it does, the product's step and its flags.
#[utoipa::path(
    post,
    path = "/analyze",
    tag = "analysis",
    request_body = AnalyzeRequest,
    responses(
        (status = 200, description = "The analysis (see docs/json.md) with `understanding`: what the product is, per product on the label", body = Object),
        (status = 422, description = "Malformed request or an unknown step", body = ErrorBody),
    )
)]
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

#[derive(Deserialize, IntoParams)]
struct TipsQuery {
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

/// The saved profile.
#[utoipa::path(
    get,
    path = "/profile",
    tag = "profile",
    responses(
        (status = 200, body = StoredProfile),
        (status = 404, description = "No profile saved yet", body = ErrorBody),
    )
)]
async fn profile(State(state): State<AppState>) -> ApiResult<StoredProfile> {
    state
        .with_store(|store| store.profile())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", "no profile saved yet"))
}

/// Saves the profile, replacing the last one.
#[utoipa::path(
    put,
    path = "/profile",
    tag = "profile",
    request_body = StoredProfile,
    responses(
        (status = 200, body = StoredProfile),
        (status = 422, description = "Malformed profile or an unknown skin type or concern", body = ErrorBody),
    )
)]
async fn set_profile(
    State(state): State<AppState>,
    body: Result<Json<StoredProfile>, JsonRejection>,
) -> ApiResult<StoredProfile> {
    let Json(profile) = body?;
    let today = today();
    state
        .with_store(move |store| store.set_profile(&profile, today).map(|()| Json(profile)))
        .await
        .map_err(ApiError::from)
}

/// The shelf, with each product's expiry status.
#[utoipa::path(get, path = "/products", tag = "shelf", responses((status = 200, body = Vec<ShelfProduct>)))]
async fn products(State(state): State<AppState>) -> ApiResult<Vec<ShelfProduct>> {
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
async fn product(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult<ShelfProduct> {
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
async fn add_product(
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
struct ProductUpdate {
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
async fn update_product(
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
async fn remove_product(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state
        .with_store(move |store| store.remove_product(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Patterns between lifestyle and skin, product before/after, and the weekly summary.
#[utoipa::path(
    get,
    path = "/insights",
    tag = "insights",
    responses((status = 200, description = "`summary`, `associations` and `product_effects`, each with its sample size and caveats", body = Object))
)]
async fn insights(State(state): State<AppState>) -> ApiResult<glasskin_core::insights::Report> {
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

/// Every patch test, newest last.
#[utoipa::path(get, path = "/patch-tests", tag = "patch tests", responses((status = 200, body = Vec<PatchTest>)))]
async fn patch_tests(State(state): State<AppState>) -> ApiResult<Vec<PatchTest>> {
    Ok(Json(state.with_store(|store| store.patch_tests()).await?))
}

/// A patch test to start.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StartPatchTest {
    product_id: i64,
    /// Where on the body (for example `inner arm`).
    #[serde(default)]
    area: String,
}

/// Starts a patch test of a product (one at a time).
#[utoipa::path(
    post,
    path = "/patch-tests",
    tag = "patch tests",
    request_body = StartPatchTest,
    responses(
        (status = 201, description = "Started"),
        (status = 404, description = "No such product", body = ErrorBody),
        (status = 422, description = "Malformed request, or a test is already running", body = ErrorBody),
    )
)]
async fn start_patch_test(
    State(state): State<AppState>,
    body: Result<Json<StartPatchTest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    let today = today();
    state
        .with_store(move |store| store.start_patch_test(request.product_id, &request.area, today))
        .await?;
    Ok(StatusCode::CREATED)
}

/// A day's look at the patch-test area.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PatchCheckRequest {
    /// The day; today when left out.
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    /// `none`, `mild` or `strong`.
    reaction: String,
}

/// Records a day's reaction in the running patch test and returns the verdict so far.
#[utoipa::path(
    post,
    path = "/patch-tests/check",
    tag = "patch tests",
    request_body = PatchCheckRequest,
    responses(
        (status = 200, description = "`test` and `verdict`", body = Object),
        (status = 422, description = "Malformed request, an unknown reaction, or no test running", body = ErrorBody),
    )
)]
async fn check_patch(
    State(state): State<AppState>,
    body: Result<Json<PatchCheckRequest>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(request) = body?;
    let day = today();
    let test = state
        .with_store(move |store| {
            store.check_patch(request.date.unwrap_or(day), &request.reaction, day)
        })
        .await?;
    Ok(Json(json!({"test": test, "verdict": test.verdict(day)})))
}

/// Ends the running patch test.
#[utoipa::path(
    post,
    path = "/patch-tests/end",
    tag = "patch tests",
    responses(
        (status = 200, body = PatchTest),
        (status = 422, description = "No test running", body = ErrorBody),
    )
)]
async fn end_patch_test(State(state): State<AppState>) -> ApiResult<PatchTest> {
    let day = today();
    Ok(Json(
        state
            .with_store(move |store| store.end_patch_test(day))
            .await?,
    ))
}
