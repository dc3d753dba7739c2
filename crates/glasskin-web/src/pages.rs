//! Server-rendered pages. Templates get plain view models, worked out here, so they stay simple.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use glasskin_core::kb::{COMEDOGENIC_CAVEAT, FUNGAL_ACNE_CAVEAT};
use glasskin_core::product::{Base, Confidence};
use glasskin_core::{Match, OnePercent};
use glasskin_store::{DiaryEntry, LifestyleEntry, NewProduct, SqliteStore, Store};
use serde::Deserialize;

use crate::{AppState, today};

const CSS: &str = include_str!("../static/app.css");
const ICON: &str = include_str!("../static/icon.svg");
/// The Today page's optional helpers (layer counter, settle timer, instant ticks): progressive
/// enhancement over the plain form, loaded by today.html only.
const TODAY_JS: &str = include_str!("../static/today.js");

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(analyze_page).post(analyze_post))
        .route("/analyze", get(analyze_page).post(analyze_post))
        .route("/shelf", get(shelf_page).post(shelf_post))
        .route("/shelf/{id}", axum::routing::post(shelf_action))
        .route("/tips", get(tips_page))
        .route("/today", get(today_page).post(today_post))
        .route("/profile", get(profile_page).post(profile_post))
        .route("/diary", get(diary_page).post(diary_post))
        .route("/week", get(week_page).post(week_post))
        .route("/insights", get(insights_page))
        .route("/charts/ratings.svg", get(ratings_chart))
        .route("/charts/adherence.svg", get(adherence_chart))
        .route(
            "/static/app.css",
            get(|| asset("text/css; charset=utf-8", CSS)),
        )
        .route(
            "/static/today.js",
            get(|| asset("text/javascript; charset=utf-8", TODAY_JS)),
        )
        // A drop of glass-clear skin, so the browser tab has an icon and no request goes
        // unanswered.
        .route("/static/icon.svg", get(|| asset("image/svg+xml", ICON)))
        .route("/favicon.ico", get(|| asset("image/svg+xml", ICON)))
}

/// A file compiled into the binary, cached by the browser for an hour.
async fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
}

fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be drawn: {e}"),
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFound {
    nav: &'static str,
}

pub(crate) fn not_found() -> Response {
    let mut response = render(&NotFound { nav: "" });
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

struct EntryView {
    position: usize,
    raw: String,
    what: String,
    line: &'static str,
    unknown: bool,
}

struct ProductView {
    step: String,
    also: String,
    confidence: &'static str,
    reasons: String,
    form: String,
    good: String,
    notes: Vec<String>,
    entries: Vec<EntryView>,
}

struct ResultView {
    products: Vec<ProductView>,
    diagnostics: Vec<String>,
    caveats: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "analyze.html")]
struct AnalyzePage {
    nav: &'static str,
    name: String,
    text: String,
    result: Option<ResultView>,
}

#[derive(Deserialize)]
struct AnalyzeForm {
    text: String,
    #[serde(default)]
    name: String,
}

async fn analyze_page() -> Response {
    render(&AnalyzePage {
        nav: "analyze",
        name: String::new(),
        text: String::new(),
        result: None,
    })
}

async fn analyze_post(Form(form): Form<AnalyzeForm>) -> Response {
    let analysis = glasskin_core::analyze(&form.text, glasskin_kb::kb());
    let name = Some(form.name.trim()).filter(|n| !n.is_empty());
    let understanding = glasskin_core::understand_all(name, &analysis, None);
    let mut caveats = Vec::new();
    let products = analysis
        .products
        .iter()
        .zip(&understanding)
        .map(|(list, product)| {
            let flags = &product.flags;
            let mut good = Vec::new();
            for (yes, what) in [
                (flags.fragrance_free, "fragrance-free"),
                (flags.essential_oil_free, "essential-oil-free"),
                (flags.drying_alcohol_free, "drying-alcohol-free"),
                (flags.seven_skin, "fits the 7-skin method"),
            ] {
                if yes {
                    good.push(what);
                }
            }
            let mut notes = Vec::new();
            if !flags.eu_allergens.is_empty() {
                notes.push(format!(
                    "EU fragrance allergens: {}",
                    flags.eu_allergens.join(", ")
                ));
            }
            if !flags.fungal_acne_triggers.is_empty() {
                notes.push(format!(
                    "Commonly listed as fungal-acne triggers: {}",
                    flags.fungal_acne_triggers.join(", ")
                ));
                caveats.push(FUNGAL_ACNE_CAVEAT);
            }
            if !flags.comedogenic.is_empty() {
                let rated: Vec<String> = flags
                    .comedogenic
                    .iter()
                    .map(|c| format!("{} {}/5", c.inci, c.rating))
                    .collect();
                notes.push(format!("Rated comedogenic: {}", rated.join(", ")));
                caveats.push(COMEDOGENIC_CAVEAT);
            }
            notes.extend(
                flags
                    .pregnancy_caution
                    .iter()
                    .map(|c| format!("Pregnancy: ask your doctor; {c}")),
            );
            notes.extend(flags.eu_compliance.iter().cloned());
            if let Some(uv) = product.uv_sentence() {
                notes.push(format!("UV filters: {uv}"));
            }
            if let Some(spf) = product.spf_sentence() {
                notes.push(format!("Sun protection: {spf}"));
            }
            let base = match product.base {
                Base::Water => "water-based",
                Base::Emulsion => "an emulsion",
                Base::Oil => "oil-based",
                Base::Anhydrous => "anhydrous",
            };
            let also: Vec<&str> = product.also.iter().map(|s| s.label()).collect();
            ProductView {
                step: product.step.label().to_owned(),
                also: also.join(", "),
                confidence: match product.confidence {
                    Confidence::High => "High",
                    Confidence::Medium => "Medium",
                    Confidence::Low => "Low",
                },
                reasons: product.reasons.join("; "),
                form: format!(
                    "{}, {base}, texture {}/5{}",
                    if product.rinse_off {
                        "Rinse-off"
                    } else {
                        "Leave-on"
                    },
                    product.texture,
                    if product.needs_low_ph {
                        "; works at a low pH"
                    } else {
                        ""
                    }
                ),
                good: good.join(" · "),
                notes,
                entries: list
                    .entries
                    .iter()
                    .map(|e| {
                        let classes: Vec<&str> = e.classes().iter().map(|c| c.label()).collect();
                        let what = match e.inci() {
                            Some(inci) if classes.is_empty() => inci.to_owned(),
                            Some(inci) => format!("{inci} — {}", classes.join(", ")),
                            None => "not recognised".to_owned(),
                        };
                        EntryView {
                            position: e.position,
                            raw: e.raw.to_string(),
                            what: if e.matched == Match::Fuzzy {
                                format!("{what} (read as a near match)")
                            } else {
                                what
                            },
                            line: match e.one_percent {
                                OnePercent::Above => "above",
                                OnePercent::Below => "below",
                                OnePercent::Unknown => "",
                            },
                            unknown: e.matched == Match::Unknown,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    caveats.dedup();
    render(&AnalyzePage {
        nav: "analyze",
        name: form.name.clone(),
        text: form.text.clone(),
        result: Some(ResultView {
            products,
            diagnostics: analysis
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect(),
            caveats,
        }),
    })
}

struct TipView {
    id: &'static str,
    title: &'static str,
    grade: String,
    text: &'static str,
    sources: Vec<String>,
}

#[derive(Template)]
#[template(path = "tips.html")]
struct TipsPage {
    nav: &'static str,
    tips: Vec<TipView>,
}

async fn tips_page() -> Response {
    let tips = glasskin_kb::kb()
        .tips
        .iter()
        .map(|t| TipView {
            id: t.id,
            title: t.title,
            grade: format!("{:?}", t.grade),
            text: t.text,
            sources: t
                .sources
                .iter()
                .map(|s| {
                    if s.url.is_empty() {
                        format!("({:?}) {}", s.grade, s.citation)
                    } else {
                        format!("({:?}) {} {}", s.grade, s.citation, s.url)
                    }
                })
                .collect(),
        })
        .collect();
    render(&TipsPage { nav: "tips", tips })
}

struct ShelfRow {
    id: i64,
    name: String,
    step: String,
    status: &'static str,
    opened: String,
    expiry: String,
    warn: bool,
    /// Not marked opened yet.
    can_open: bool,
    /// Still in the routine (not finished or stopped).
    active: bool,
}

#[derive(Template)]
#[template(path = "shelf.html")]
struct ShelfPage {
    nav: &'static str,
    products: Vec<ShelfRow>,
    error: Option<String>,
}

fn shelf_view(store: &SqliteStore, error: Option<String>) -> Response {
    use glasskin_core::expiry::{self, Status};
    let products = match store.products() {
        Ok(products) => products,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let kb = glasskin_kb::kb();
    let today = today();
    let rows = products
        .into_iter()
        .map(|p| {
            let analysis = glasskin_core::analyze(&p.label, kb);
            let declared = p.step.as_deref().and_then(glasskin_core::Step::from_id);
            let step = analysis
                .products
                .first()
                .map(|l| {
                    glasskin_core::understand(Some(&p.name), l, declared)
                        .step
                        .label()
                })
                .unwrap_or("—");
            let status = expiry::status(
                &expiry::expiry(p.opened, p.pao_months, p.best_before),
                today,
            );
            let (expiry, warn) = match status {
                Status::Expired { days_ago } => (format!("expired {days_ago} days ago"), true),
                Status::ExpiringSoon { days_left } => {
                    (format!("expires in {days_left} days"), true)
                }
                Status::Fine { days_left } => (format!("good for {days_left} days"), false),
                Status::Unknown => match (p.opened, p.pao_months) {
                    (None, Some(months)) => (format!("{months} months once opened"), false),
                    _ => ("unknown".to_owned(), false),
                },
            };
            ShelfRow {
                id: p.id,
                name: p.name,
                step: step.to_owned(),
                status: match p.status {
                    glasskin_store::Status::Unopened => "unopened",
                    glasskin_store::Status::InUse => "in use",
                    glasskin_store::Status::Finished => "finished",
                    glasskin_store::Status::Stopped => "stopped",
                },
                opened: p.opened.map_or_else(|| "—".to_owned(), |d| d.to_string()),
                expiry,
                warn,
                can_open: p.opened.is_none(),
                active: matches!(
                    p.status,
                    glasskin_store::Status::Unopened | glasskin_store::Status::InUse
                ),
            }
        })
        .collect();
    let mut response = render(&ShelfPage {
        nav: "shelf",
        products: rows,
        error: error.clone(),
    });
    if error.is_some() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

async fn shelf_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| shelf_view(store, None)).await
}

#[derive(Deserialize)]
struct AddForm {
    name: String,
    label: String,
    #[serde(default)]
    opened: String,
    #[serde(default)]
    pao: String,
}

async fn shelf_post(State(state): State<AppState>, Form(form): Form<AddForm>) -> Response {
    let opened = match form.opened.trim() {
        "" => None,
        text => match text.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                let why = format!("`{text}` is not a date");
                return state.with_store(|store| shelf_view(store, Some(why))).await;
            }
        },
    };
    let pao = match form.pao.trim() {
        "" => None,
        text => match glasskin_core::expiry::parse_pao(text) {
            Ok(months) => Some(months),
            Err(e) => {
                let why = e.to_string();
                return state.with_store(|store| shelf_view(store, Some(why))).await;
            }
        },
    };
    let product = NewProduct {
        name: form.name,
        label: form.label,
        opened,
        pao_months: pao,
        ..NewProduct::default()
    };
    let today = today();
    state
        .with_store(move |store| match store.add_product(&product, today) {
            Ok(_) => Redirect::to("/shelf").into_response(),
            Err(e) => shelf_view(store, Some(e.to_string())),
        })
        .await
}

/// A product opened today, finished, or stopped with a reason, from the Shelf page.
async fn shelf_action(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    body: String,
) -> Response {
    use glasskin_store::Status;
    let pairs = form_pairs(&body);
    let (action, reason) = (form_value(&pairs, "action"), form_value(&pairs, "reason"));
    let today = today();
    state
        .with_store(move |store| {
            let done = match action.as_str() {
                "open" => store.open_product(id, today, None),
                "finish" => store.set_status(id, Status::Finished, None, today),
                "stop" if reason.is_empty() => Err(glasskin_store::StoreError::Invalid(
                    "say why you stopped it: it helps later".into(),
                )),
                "stop" => store.set_status(id, Status::Stopped, Some(&reason), today),
                other => Err(glasskin_store::StoreError::Invalid(format!(
                    "unknown action `{other}`"
                ))),
            };
            match done {
                Ok(()) => Redirect::to("/shelf").into_response(),
                Err(e) => shelf_view(store, Some(e.to_string())),
            }
        })
        .await
}

/// A form field's value, trimmed; empty when the field was not sent.
fn form_value(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// The pairs of a form body. Repeated keys (checkboxes) stay repeated, which the standard form
/// extractor cannot express.
fn form_pairs(body: &str) -> Vec<(String, String)> {
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    match hex {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// The optional settle timer between steps. Waits are hints, never rules: letting a layer settle
/// for up to a minute is plenty (tip `layering-order`).
const SETTLE_SECONDS: u32 = 30;

struct StepView {
    product_id: i64,
    name: String,
    layers: u8,
    done: bool,
}

struct SessionView {
    title: &'static str,
    time: String,
    steps: Vec<StepView>,
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage {
    nav: &'static str,
    message: Option<String>,
    sessions: Vec<SessionView>,
    settle_seconds: u32,
}

fn today_view(store: &SqliteStore) -> Response {
    let day = today();
    let plan = match store.latest_plan() {
        Ok(plan) => plan,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let Some(plan) = plan else {
        return render(&TodayPage {
            nav: "today",
            message: Some("No plan yet: add your products on the Shelf, fill in your Profile, then plan your week (glasskin plan --save, or POST /api/plan).".into()),
            sessions: Vec::new(),
            settle_seconds: SETTLE_SECONDS,
        });
    };
    let checkoffs = store.checkoffs_since(day).unwrap_or_default();
    let sessions = plan
        .sessions_on(day)
        .into_iter()
        .map(|s| SessionView {
            title: if s.time == "am" { "Morning" } else { "Evening" },
            time: s.time.clone(),
            steps: s
                .steps
                .iter()
                .map(|st| StepView {
                    product_id: st.product_id,
                    name: st.name.clone(),
                    layers: st.layers,
                    done: glasskin_store::ticked(&checkoffs, day, s, st),
                })
                .collect(),
        })
        .collect();
    render(&TodayPage {
        nav: "today",
        message: None,
        sessions,
        settle_seconds: SETTLE_SECONDS,
    })
}

async fn today_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| today_view(store)).await
}

/// Saves one session's ticks: the boxes sent are done, the others not.
async fn today_post(State(state): State<AppState>, body: String) -> Response {
    let pairs = form_pairs(&body);
    let Some(time) = pairs
        .iter()
        .find(|(k, _)| k == "time")
        .map(|(_, v)| v.clone())
    else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "which session?").into_response();
    };
    let done: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "done")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let day = today();
    state
        .with_store(move |store| {
            let Ok(Some(plan)) = store.latest_plan() else {
                return Redirect::to("/today").into_response();
            };
            let planned: Vec<i64> = plan
                .sessions_on(day)
                .into_iter()
                .filter(|s| s.time == time)
                .flat_map(|s| s.steps.iter().map(|st| st.product_id))
                .collect();
            for id in planned {
                let checkoff = glasskin_store::Checkoff {
                    date: day,
                    time: time.clone(),
                    product_id: id,
                };
                if let Err(e) = store.check_off(&checkoff, done.contains(&id), day) {
                    return (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response();
                }
            }
            Redirect::to("/today").into_response()
        })
        .await
}

struct OptionView {
    value: &'static str,
    selected: bool,
}

struct ConcernView {
    id: &'static str,
    label: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    nav: &'static str,
    skin_types: Vec<OptionView>,
    concerns: Vec<ConcernView>,
    sensitive: bool,
    pregnant: bool,
    irritated: bool,
    fragrance_free: bool,
    saved: Option<&'static str>,
}

fn profile_view(store: &SqliteStore, saved: Option<&'static str>) -> Response {
    use glasskin_core::advice::SkinType;
    use glasskin_core::plan::Concern;
    let profile = store
        .profile()
        .ok()
        .flatten()
        .unwrap_or_else(|| glasskin_store::StoredProfile {
            skin_type: "normal".into(),
            ..Default::default()
        });
    render(&ProfilePage {
        nav: "profile",
        skin_types: SkinType::ALL
            .iter()
            .map(|s| OptionView {
                value: s.id(),
                selected: s.id() == profile.skin_type,
            })
            .collect(),
        concerns: Concern::ALL
            .iter()
            .map(|c| ConcernView {
                id: c.id(),
                label: {
                    let words = c.id().replace('_', " ");
                    let mut chars = words.chars();
                    chars
                        .next()
                        .map(|f| f.to_uppercase().chain(chars).collect())
                        .unwrap_or_default()
                },
                on: profile.concerns.iter().any(|x| x == c.id()),
            })
            .collect(),
        sensitive: profile.sensitive,
        pregnant: profile.pregnant,
        irritated: profile.irritated,
        fragrance_free: profile.fragrance_free,
        saved,
    })
}

async fn profile_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| profile_view(store, None)).await
}

async fn profile_post(State(state): State<AppState>, body: String) -> Response {
    let pairs = form_pairs(&body);
    let value = |key: &str| Some(form_value(&pairs, key)).filter(|v| !v.is_empty());
    let skin_type = value("skin_type").unwrap_or_else(|| "normal".to_owned());
    let concerns = pairs
        .iter()
        .filter(|(k, _)| k == "concern")
        .filter(|(_, v)| glasskin_core::plan::Concern::from_id(v).is_some())
        .map(|(_, v)| v.clone())
        .collect();
    let flags =
        ["sensitive", "pregnant", "irritated", "fragrance_free"].map(|f| value(f).is_some());
    let today = today();
    state
        .with_store(move |store| {
            // Fields this form does not show (retinoid start, makeup days) are kept.
            let mut profile = store.profile().ok().flatten().unwrap_or_default();
            profile.skin_type = skin_type;
            profile.concerns = concerns;
            [
                profile.sensitive,
                profile.pregnant,
                profile.irritated,
                profile.fragrance_free,
            ] = flags;
            match store.set_profile(&profile, today) {
                Ok(()) => profile_view(store, Some("Saved.")),
                Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
            }
        })
        .await
}

/// The skin measures the diary asks about, with what their ends mean.
const METRICS: [(&str, &str, &str); 6] = [
    ("hydration", "Hydration", "1 tight, 5 plump"),
    ("oiliness", "Oiliness", "1 matte, 5 very oily"),
    ("breakouts", "Breakouts", "1 clear, 5 many"),
    ("redness", "Redness", "1 calm, 5 very red"),
    ("texture", "Texture", "1 smooth, 5 rough"),
    ("glow", "Glow", "1 dull, 5 glowing"),
];

/// Diet tags offered with one tap; each has a tip on what the evidence says.
const DIET_TAGS: [(&str, &str); 3] = [
    ("dairy", "Dairy"),
    ("high_glycaemic", "Sugary or white-flour foods"),
    ("alcohol", "Alcohol"),
];

struct MetricView {
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: u8,
}

struct TagView {
    id: &'static str,
    label: &'static str,
    on: bool,
}

/// The day's form as typed (or as stored), so a refused entry is shown back, not lost.
#[derive(Default)]
struct DayForm {
    ratings: [u8; 6],
    spots: String,
    sleep: String,
    stress: String,
    water: String,
    exercise: String,
    note: String,
    diet: Vec<String>,
}

impl DayForm {
    fn stored(diary: Option<&glasskin_store::DiaryEntry>, life: Option<&LifestyleEntry>) -> Self {
        let text = |v: Option<String>| v.unwrap_or_default();
        let mut form = DayForm::default();
        if let Some(e) = diary {
            form.ratings = [
                e.hydration,
                e.oiliness,
                e.breakouts,
                e.redness,
                e.texture,
                e.glow,
            ]
            .map(Option::unwrap_or_default);
            form.spots = text(e.breakout_count.map(|n| n.to_string()));
            form.note = text(e.notes.clone());
        }
        if let Some(l) = life {
            form.sleep = text(l.sleep_hours.map(|h| h.to_string()));
            form.stress = text(l.stress.map(|s| s.to_string()));
            form.water = text(l.water_litres.map(|w| w.to_string()));
            form.exercise = text(l.exercise_minutes.map(|m| m.to_string()));
            form.diet.clone_from(&l.diet_tags);
        }
        form
    }

    fn posted(pairs: &[(String, String)]) -> Self {
        let value = |key: &str| form_value(pairs, key);
        DayForm {
            ratings: METRICS.map(|(id, _, _)| value(id).parse().unwrap_or(0)),
            spots: value("spots"),
            sleep: value("sleep"),
            stress: value("stress"),
            water: value("water"),
            exercise: value("exercise"),
            note: value("note"),
            diet: pairs
                .iter()
                .filter(|(k, v)| k == "diet" && DIET_TAGS.iter().any(|(id, _)| id == v))
                .map(|(_, v)| v.clone())
                .collect(),
        }
    }

    /// The entries to save, or what is wrong, in words.
    fn entries(&self, day: jiff::civil::Date) -> Result<(DiaryEntry, LifestyleEntry), String> {
        fn number<T: std::str::FromStr>(text: &str, what: &str) -> Result<Option<T>, String> {
            if text.is_empty() {
                return Ok(None);
            }
            text.replace(',', ".")
                .parse()
                .map(Some)
                .map_err(|_| format!("{what}: `{text}` is not a number"))
        }
        let rating = |i: usize| Some(self.ratings[i]).filter(|r| *r > 0);
        let diary = DiaryEntry {
            date: day,
            hydration: rating(0),
            oiliness: rating(1),
            breakouts: rating(2),
            redness: rating(3),
            texture: rating(4),
            glow: rating(5),
            breakout_count: number(&self.spots, "spots counted")?,
            notes: Some(self.note.clone()).filter(|n| !n.is_empty()),
            ..Default::default()
        };
        let life = LifestyleEntry {
            date: day,
            sleep_hours: number(&self.sleep, "hours slept")?,
            stress: number(&self.stress, "stress")?,
            water_litres: number(&self.water, "water")?,
            exercise_minutes: number(&self.exercise, "exercise")?,
            diet_tags: self.diet.clone(),
            tags: Vec::new(),
        };
        Ok((diary, life))
    }
}

#[derive(Template)]
#[template(path = "diary.html")]
struct DiaryPage {
    nav: &'static str,
    metrics: Vec<MetricView>,
    form: DayForm,
    diet: Vec<TagView>,
    message: Option<String>,
    error: Option<String>,
    summary: String,
}

/// The diary page, showing `draft` when a post was refused and today's entries otherwise.
fn diary_view(
    store: &SqliteStore,
    saved: Option<&'static str>,
    refused: Option<(String, DayForm)>,
) -> Response {
    let day = today();
    let diary = store.diary().unwrap_or_default();
    let life = store.lifestyle().unwrap_or_default();
    let inputs = glasskin_store::InsightInputs::from_records(&diary, &life, &[]);
    let (error, form) = match refused {
        Some((error, draft)) => (Some(error), draft),
        None => {
            let form = DayForm::stored(
                diary.iter().find(|e| e.date == day),
                life.iter().find(|l| l.date == day),
            );
            (None, form)
        }
    };
    let summary = if inputs.diary.is_empty() {
        String::new()
    } else {
        glasskin_core::insights::weekly_summary(&inputs.diary, &inputs.lifestyle, None, day)
    };
    let mut response = render(&DiaryPage {
        nav: "diary",
        metrics: METRICS
            .iter()
            .zip(form.ratings)
            .map(|(&(id, label, hint), value)| MetricView {
                id,
                label,
                hint,
                value,
            })
            .collect(),
        diet: DIET_TAGS
            .iter()
            .map(|&(id, label)| TagView {
                id,
                label,
                on: form.diet.iter().any(|t| t == id),
            })
            .collect(),
        form,
        message: saved.map(str::to_owned),
        error: error.clone(),
        summary,
    });
    if error.is_some() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

async fn diary_page(State(state): State<AppState>) -> Response {
    state
        .with_store(|store| diary_view(store, None, None))
        .await
}

/// Saves today's skin and day together; a refused entry changes nothing and is shown back.
async fn diary_post(State(state): State<AppState>, body: String) -> Response {
    let form = DayForm::posted(&form_pairs(&body));
    let day = today();
    state
        .with_store(move |store| {
            let saved = form.entries(day).and_then(|(diary, life)| {
                let has_life = life
                    != LifestyleEntry {
                        date: day,
                        ..Default::default()
                    };
                store
                    .log_day(&diary, has_life.then_some(&life), day)
                    .map_err(|e| e.to_string())
            });
            match saved {
                Ok(()) => diary_view(store, Some("Saved. See you tomorrow."), None),
                Err(why) => diary_view(store, None, Some((why, form))),
            }
        })
        .await
}

#[derive(Deserialize)]
struct ChartQuery {
    /// `narrow` for phones.
    size: Option<String>,
}

async fn ratings_chart(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<ChartQuery>,
) -> Response {
    use glasskin_core::chart::{Width, ratings_over_time};
    let size = match query.size.as_deref() {
        Some("narrow") => Width::Narrow,
        _ => Width::Wide,
    };
    let inputs = state
        .with_store(|store| glasskin_store::insight_inputs(&*store))
        .await
        .unwrap_or_default();
    let svg = ratings_over_time(&inputs.diary, &inputs.changes, today(), 90, size);
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

/// Days of adherence the calendar shows.
const ADHERENCE_DAYS: i64 = 84;

async fn adherence_chart(State(state): State<AppState>) -> Response {
    let today = today();
    let daily = state
        .with_store(move |store| glasskin_store::daily_adherence(&*store, today, ADHERENCE_DAYS))
        .await
        .unwrap_or_default();
    let svg = glasskin_core::chart::adherence_calendar(&daily);
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    nav: &'static str,
    empty: bool,
    summary: String,
    has_adherence: bool,
    adherence: String,
    patterns: String,
    findings: Vec<String>,
    missing: Vec<String>,
    products: Vec<String>,
}

fn insights_view(store: &SqliteStore) -> Response {
    use glasskin_core::insights;
    let today = today();
    let read = glasskin_store::insight_inputs(store).and_then(|inputs| {
        Ok((
            inputs,
            glasskin_store::daily_adherence(store, today, ADHERENCE_DAYS)?,
        ))
    });
    let (inputs, daily) = match read {
        Ok(read) => read,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let week = glasskin_store::week_adherence(&daily);
    let report = insights::report(
        &inputs.diary,
        &inputs.lifestyle,
        &inputs.changes,
        week,
        today,
    );
    let associations = report.associations;
    render(&InsightsPage {
        nav: "insights",
        empty: inputs.diary.is_empty(),
        summary: report.summary,
        has_adherence: !daily.is_empty(),
        adherence: week.map_or_else(
            || "nothing planned".to_owned(),
            |share| format!("{:.0}% of steps done", share * 100.0),
        ),
        patterns: associations.summary,
        findings: associations
            .findings
            .into_iter()
            .map(|f| f.sentence)
            .collect(),
        missing: associations
            .not_enough_data
            .into_iter()
            .map(|m| m.message)
            .collect(),
        products: report
            .product_effects
            .into_iter()
            .map(|e| e.summary)
            .collect(),
    })
}

async fn insights_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| insights_view(store)).await
}

struct DayRow {
    name: &'static str,
    am: String,
    pm: String,
}

struct WeekView {
    span: String,
    days: Vec<DayRow>,
    patch_tests: Vec<String>,
    reasons: Vec<String>,
    findings: Vec<String>,
}

#[derive(Template)]
#[template(path = "week.html")]
struct WeekPage {
    nav: &'static str,
    message: Option<String>,
    weeks: Vec<WeekView>,
    gaps: Vec<String>,
    /// Whether the Today page follows the plan shown.
    kept: String,
}

/// The plan from the saved profile and shelf (changing little from the last saved plan), with
/// the shelf ids of its products.
fn current_plan(store: &SqliteStore) -> Result<(glasskin_core::plan::Plan, Vec<i64>), String> {
    use glasskin_store::planning;
    let today = today();
    let profile = store
        .profile()
        .map_err(|e| e.to_string())?
        .ok_or("Fill in your Profile first, then add your products on the Shelf.".to_owned())?;
    let mut profile = planning::plan_profile(&profile, today).map_err(|e| e.to_string())?;
    if let Ok(Some(last)) = store.latest_plan() {
        profile.previous = planning::previous_days(&last);
    }
    let (shelf, ids) = planning::plan_shelf(store, glasskin_kb::kb()).map_err(|e| e.to_string())?;
    if shelf.is_empty() {
        return Err("Add your products on the Shelf first.".to_owned());
    }
    Ok((
        glasskin_core::plan::plan(&profile, &shelf, glasskin_kb::kb()),
        ids,
    ))
}

fn week_view(store: &SqliteStore, message: Option<String>) -> Response {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let (plan, ids) = match current_plan(store) {
        Ok(plan) => plan,
        Err(why) => {
            return render(&WeekPage {
                nav: "week",
                message: Some(why),
                weeks: Vec::new(),
                gaps: Vec::new(),
                kept: String::new(),
            });
        }
    };
    // Whether Today already follows this plan, or an older one.
    let shown = glasskin_store::planning::saved_plan(&plan, &ids, today());
    let kept = match store.latest_plan().ok().flatten() {
        None => "Not kept yet: use it, and the Today page and your reminders follow it.".to_owned(),
        Some(kept) if kept.weeks == shown.weeks => format!(
            "This is the plan you kept on {}; the Today page follows it.",
            kept.created
        ),
        Some(kept) => format!(
            "Your profile or shelf changed since you kept a plan on {}: this is the plan for now. Use it to update the Today page.",
            kept.created
        ),
    };
    let steps = |week: &glasskin_core::plan::PlannedWeek, day: usize, time| -> String {
        week.sessions
            .iter()
            .find(|s| s.day == day && s.time == time)
            .map(|s| {
                let names: Vec<String> = s
                    .steps
                    .iter()
                    .map(|st| {
                        if st.layers > 1 {
                            format!("{} ×{}", st.name, st.layers)
                        } else {
                            st.name.clone()
                        }
                    })
                    .collect();
                if names.is_empty() {
                    "rinse with water".to_owned()
                } else {
                    names.join(" → ")
                }
            })
            .unwrap_or_default()
    };
    let weeks = plan
        .weeks
        .iter()
        .map(|w| WeekView {
            span: match (w.from_week, w.to_week) {
                (1, None) => "Every week".to_owned(),
                (from, None) => format!("From week {from} on"),
                (from, Some(to)) if from == to => format!("Week {from}"),
                (from, Some(to)) => format!("Weeks {from}–{to}"),
            },
            days: (0..7)
                .map(|d| DayRow {
                    name: NAMES[d],
                    am: steps(w, d, glasskin_core::advice::Time::Am),
                    pm: steps(w, d, glasskin_core::advice::Time::Pm),
                })
                .collect(),
            patch_tests: w
                .patch_tests
                .iter()
                .map(|t| format!("{}: {}", t.name, t.how))
                .collect(),
            reasons: w.reasons.clone(),
            findings: w
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} — {}",
                        f.rule.severity.label(),
                        f.rule.title,
                        f.message
                    )
                })
                .collect(),
        })
        .collect();
    render(&WeekPage {
        nav: "week",
        message,
        weeks,
        gaps: plan.gaps.iter().map(|g| g.message.clone()).collect(),
        kept,
    })
}

async fn week_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| week_view(store, None)).await
}

/// Saves the week shown, for the Today page.
async fn week_post(State(state): State<AppState>) -> Response {
    let today = today();
    state
        .with_store(move |store| {
            let saved = current_plan(store).and_then(|(plan, ids)| {
                let saved = glasskin_store::planning::saved_plan(&plan, &ids, today);
                store.save_plan(&saved).map_err(|e| e.to_string())
            });
            match saved {
                Ok(_) => Redirect::to("/today").into_response(),
                Err(why) => week_view(store, Some(why)),
            }
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::form_pairs;

    #[test]
    fn form_bodies_decode_with_repeated_keys() {
        let pairs = form_pairs("time=am&done=3&done=5&name=Caf%C3%A9+cr%C3%A8me&bad=%zz&end=%4");
        assert_eq!(pairs[0], ("time".into(), "am".into()));
        assert_eq!(pairs.iter().filter(|(k, _)| k == "done").count(), 2);
        assert_eq!(pairs[3].1, "Café crème");
        assert_eq!(pairs[4].1, "%zz");
        assert_eq!(pairs[5].1, "%4");
        assert!(
            form_pairs("%E2%82").iter().all(|(k, _)| !k.is_empty()),
            "never panics"
        );
    }
}
