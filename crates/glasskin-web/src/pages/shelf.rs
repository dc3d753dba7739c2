//! The Shelf page: the products kept, with their step and expiry, and the forms that add one or
//! mark it opened, finished or stopped.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_store::{NewProduct, SqliteStore, Store};
use serde::Deserialize;

use super::form::{self, Form, FormRejection};
use super::render::render;
use crate::{AppState, today};

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

pub(super) async fn shelf_page(State(state): State<AppState>) -> Response {
    state.with_store(|store| shelf_view(store, None)).await
}

#[derive(Deserialize)]
pub(super) struct AddForm {
    name: String,
    label: String,
    #[serde(default)]
    opened: String,
    #[serde(default)]
    pao: String,
}

pub(super) async fn shelf_post(
    State(state): State<AppState>,
    form: Result<Form<AddForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return refused(&state, &rejection).await,
    };
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

/// What the buttons of a product's row send.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActionForm {
    /// `open`, `finish` or `stop`.
    #[serde(deserialize_with = "form::trimmed")]
    action: String,
    /// Why it was stopped.
    #[serde(deserialize_with = "form::trimmed")]
    reason: String,
}

/// A product opened today, finished, or stopped with a reason, from the Shelf page.
pub(super) async fn shelf_action(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    use glasskin_store::Status;
    let ActionForm { action, reason } = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return refused(&state, &rejection).await,
    };
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

/// The shelf with why a post could not be read; nothing is stored.
async fn refused(state: &AppState, rejection: &FormRejection) -> Response {
    let (status, why) = form::unreadable(rejection);
    let page = state.with_store(|store| shelf_view(store, Some(why))).await;
    form::with_status(page, status)
}
