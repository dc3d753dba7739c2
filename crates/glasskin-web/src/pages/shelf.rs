//! The Shelf page: the products kept, with their step and expiry, and the forms that add one,
//! mark it opened, finished or stopped, edit what was said of it, or remove it.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path};
use axum::response::{IntoResponse, Redirect, Response};
use glasskin_app::shelf::{self, Change, Row};
use glasskin_app::{Error, Result};
use glasskin_core::Step;
use glasskin_store::{NewProduct, ProductId, Status, Store};
use serde::Deserialize;

use super::form::{self, Form, FormRejection};
use super::photo::ScanView;
use super::render::{failed, plain, refused_status, render};
use crate::{BODY_LIMIT, Person, photos, today};

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
    /// What the person said of it, for the edit form.
    brand: String,
    label: String,
    declared: &'static str,
    best_before: String,
}

/// A step the edit form offers: its id and words.
struct StepChoice {
    id: &'static str,
    label: &'static str,
}

impl From<Row> for ShelfRow {
    fn from(row: Row) -> ShelfRow {
        let p = row.product;
        ShelfRow {
            id: p.id,
            name: p.name,
            step: row.step.map_or("—", |s| s.label()).to_owned(),
            status: match p.status {
                Status::Unopened => "unopened",
                Status::InUse => "in use",
                Status::Finished => "finished",
                Status::Stopped => "stopped",
            },
            opened: p.opened.map_or_else(|| "—".to_owned(), |d| d.to_string()),
            expiry: row.expiry.sentence(),
            warn: row.expiry.warns(),
            can_open: p.opened.is_none(),
            active: matches!(p.status, Status::Unopened | Status::InUse),
            brand: p.brand.unwrap_or_default(),
            label: p.label,
            declared: p.step.map_or("", |s| s.id()),
            best_before: p.best_before.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// What the add form holds: empty, or what was posted when it was refused, so nothing typed or
/// pasted is lost.
#[derive(Default, Clone)]
struct Draft {
    name: String,
    label: String,
    opened: String,
    pao: String,
    /// Not yet patch tested.
    new: bool,
}

/// Why a post was refused, and the add form's field it is about (`name`, `label`, `opened`,
/// `pao`), so the page shows it there; `""` for the page as a whole.
struct Refusal {
    field: &'static str,
    text: String,
}

impl Refusal {
    /// The app's message, its `field:` prefix read into the field and its code quotes made
    /// plain.
    fn of(error: &Error) -> Refusal {
        let message = error.to_string();
        let fields = [
            ("name: ", "name"),
            ("label: ", "label"),
            ("opened: ", "opened"),
            ("pao_months: ", "pao"),
            ("PAO ", "pao"),
        ];
        for (prefix, field) in fields {
            if let Some(rest) = message.strip_prefix(prefix) {
                // "PAO `12 weeks`: …" reads whole; "name: too long" needs no "name: ".
                let text = if prefix == "PAO " { &message } else { rest };
                return Refusal {
                    field,
                    text: plain(&capitalised(text)),
                };
            }
        }
        Refusal {
            field: "",
            text: plain(&message),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "shelf.html")]
struct ShelfPage {
    nav: &'static str,
    products: Vec<ShelfRow>,
    /// Why the add form was refused: the form then comes first, with its draft.
    error: Option<Refusal>,
    /// Why a product's button was refused: shown at the top.
    action_error: Option<String>,
    draft: Draft,
    /// The steps a product may be said to be.
    steps: Vec<StepChoice>,
    /// What was read from photos of the label, shown above the add form's list.
    scan: Option<ScanView>,
    /// The body limit in bytes, for the script that makes photos smaller before sending.
    limit: usize,
}

impl ShelfPage {
    /// The add form comes first when the person is working on it: refused, or filled from a
    /// photo.
    fn form_first(&self) -> bool {
        self.error.is_some() || self.scan.is_some()
    }

    /// The add form's error for one field, if it is about that field.
    fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|e| e.field == field)
            .map(|e| e.text.as_str())
    }
}

/// Where a refused post came from: the add form (with what it held), a product's buttons, or
/// the add form's photos.
enum Refused<'a> {
    Add(&'a Error, Draft),
    Action(&'a Error),
    Photo(&'a photos::Refusal, Draft),
}

/// The shelf, with why the last post was refused, if it was.
fn shelf_view<S: Store>(store: &S, refused: Option<Refused<'_>>) -> Response {
    shelf_view_with(store, refused, None)
}

/// The shelf, with why the last post was refused, or the add form filled from photos.
fn shelf_view_with<S: Store>(
    store: &S,
    refused: Option<Refused<'_>>,
    read: Option<(ScanView, Draft)>,
) -> Response {
    let rows = match shelf::rows(store, today()) {
        Ok(rows) => rows,
        Err(e) => return failed(&e),
    };
    let (scan, read_draft) = read.unzip();
    let (error, action_error, draft, status) = match refused {
        None => (None, None, read_draft.unwrap_or_default(), None),
        Some(Refused::Add(e, draft)) => {
            (Some(Refusal::of(e)), None, draft, Some(refused_status(e)))
        }
        Some(Refused::Action(e)) => (
            None,
            Some(plain(&e.to_string())),
            Draft::default(),
            Some(refused_status(e)),
        ),
        Some(Refused::Photo(refusal, draft)) => (
            Some(Refusal {
                field: "photo",
                text: plain(&refusal.sentence()),
            }),
            None,
            draft,
            Some(refusal.status),
        ),
    };
    let mut response = render(&ShelfPage {
        nav: "shelf",
        products: rows.into_iter().map(ShelfRow::from).collect(),
        error,
        action_error,
        draft,
        steps: Step::ALL
            .iter()
            .map(|s| StepChoice {
                id: s.id(),
                label: s.label(),
            })
            .collect(),
        scan,
        limit: BODY_LIMIT,
    });
    if let Some(status) = status {
        *response.status_mut() = status;
    }
    response
}

pub(super) async fn shelf_page<S: Store + Send + 'static>(person: Person<S>) -> Response {
    person.with_reader(|store| shelf_view(store, None)).await
}

#[derive(Deserialize)]
pub(super) struct AddForm {
    name: String,
    label: String,
    #[serde(default)]
    opened: String,
    #[serde(default)]
    pao: String,
    /// Ticked when the product is new to the person: not yet patch tested.
    #[serde(default)]
    new: Option<String>,
}

impl AddForm {
    fn draft(&self) -> Draft {
        Draft {
            name: self.name.clone(),
            label: self.label.clone(),
            opened: self.opened.clone(),
            pao: self.pao.clone(),
            new: self.new.is_some(),
        }
    }

    /// The product the form describes; the app checks its values.
    fn product(self) -> Result<NewProduct> {
        let opened = match self.opened.trim() {
            "" => None,
            text => Some(
                text.parse::<jiff::civil::Date>()
                    .map_err(|_| Error::invalid(format!("opened: `{text}` is not a date")))?,
            ),
        };
        let pao_months = match self.pao.trim() {
            "" => None,
            text => Some(
                glasskin_core::expiry::parse_pao(text)
                    .map_err(|e| Error::invalid(e.to_string()))?,
            ),
        };
        Ok(NewProduct {
            name: self.name,
            label: self.label,
            opened,
            pao_months,
            new: self.new.is_some(),
            ..NewProduct::default()
        })
    }
}

/// Adds a product and shows the shelf; a refused product is shown with why.
pub(super) async fn shelf_post<S: Store + Send + 'static>(
    person: Person<S>,
    form: std::result::Result<Form<AddForm>, FormRejection>,
) -> Response {
    let (product, draft) = match form {
        Ok(Form(form)) => {
            let draft = form.draft();
            (form.product(), draft)
        }
        Err(rejection) => return refused(&person, &rejection, true).await,
    };
    let today = today();
    person
        .with_store(
            move |store| match product.and_then(|p| shelf::add(store, &p, today)) {
                Ok(_) => Redirect::to("/shelf").into_response(),
                Err(e) => shelf_view(store, Some(Refused::Add(&e, draft))),
            },
        )
        .await
}

/// Reads the label from photos posted with the add form ("Read the photo"): the shelf with the
/// add form first, what was typed kept, the text read in its list to correct before adding, and
/// the photos beside it, doubtful words marked. Nothing is added. A refused photo keeps the
/// form too, with why under the photo field and the status it deserves (422, 413 or 503).
pub(super) async fn shelf_photo<S: Store + Send + 'static>(
    person: Person<S>,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Response {
    let (posted, refused) = photos::read(multipart).await;
    let mut draft = Draft {
        name: posted.field("name").to_owned(),
        label: posted.field("label").to_owned(),
        opened: posted.field("opened").to_owned(),
        pao: posted.field("pao").to_owned(),
        new: !posted.field("new").is_empty(),
    };
    let read = match refused {
        Some(refusal) => Err(refusal),
        None => {
            let uploads = posted.photos;
            let name = Some(draft.name.trim().to_owned()).filter(|n| !n.is_empty());
            let (read, uploads) = photos::scan(uploads, name, None).await;
            read.map(|report| {
                draft.label = report.ocr.text.clone();
                ScanView::of(&report, &uploads)
            })
        }
    };
    person
        .with_store(move |store| match read {
            Ok(scan) => shelf_view_with(store, None, Some((scan, draft))),
            Err(refusal) => shelf_view(store, Some(Refused::Photo(&refusal, draft))),
        })
        .await
}

/// What the buttons and the edit form of a product's row send.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActionForm {
    /// `open`, `finish`, `stop`, `edit` or `remove`.
    #[serde(deserialize_with = "form::trimmed")]
    action: String,
    /// Why it was stopped.
    #[serde(deserialize_with = "form::trimmed")]
    reason: String,
    /// The edit form's fields: an empty name or label keeps the old one, an empty brand clears
    /// it, an empty step keeps what was said.
    #[serde(deserialize_with = "form::trimmed")]
    name: String,
    #[serde(deserialize_with = "form::trimmed")]
    brand: String,
    #[serde(deserialize_with = "form::trimmed")]
    label: String,
    #[serde(deserialize_with = "form::trimmed")]
    step: String,
    #[serde(deserialize_with = "form::trimmed")]
    best_before: String,
}

/// What a product's row asks for.
enum Action {
    Change(Change),
    Remove,
}

impl ActionForm {
    /// The change a button asks for; the app decides whether it is allowed (a stop needs a
    /// reason), as it does for the API's `PATCH`.
    fn action(self) -> Result<Action> {
        let status = |status| Change {
            status: Some(status),
            reason: Some(self.reason.clone()).filter(|r| !r.is_empty()),
            ..Change::default()
        };
        let some = |text: &str| Some(text.to_owned()).filter(|t| !t.is_empty());
        match self.action.as_str() {
            "open" => Ok(Action::Change(Change {
                open: true,
                ..Change::default()
            })),
            "finish" => Ok(Action::Change(status(Status::Finished))),
            "stop" => Ok(Action::Change(status(Status::Stopped))),
            "remove" => Ok(Action::Remove),
            "edit" => Ok(Action::Change(Change {
                name: some(&self.name),
                brand: Some(self.brand.clone()),
                label: some(&self.label),
                step: match self.step.as_str() {
                    "" => None,
                    id => Some(Step::from_id(id).ok_or_else(|| {
                        Error::invalid(format!("step: `{id}` is not a routine step"))
                    })?),
                },
                best_before: match self.best_before.as_str() {
                    "" => None,
                    text => Some(text.parse().map_err(|_| {
                        Error::invalid(format!("best before: `{text}` is not a date"))
                    })?),
                },
                ..Change::default()
            })),
            other => Err(Error::invalid(format!(
                "action: unknown value `{other}`; use one of: open, finish, stop, edit, remove"
            ))),
        }
    }
}

/// A product opened today, finished, stopped with a reason, edited or removed, from the Shelf
/// page.
pub(super) async fn shelf_action<S: Store + Send + 'static>(
    person: Person<S>,
    Path(id): Path<ProductId>,
    form: std::result::Result<Form<ActionForm>, FormRejection>,
) -> Response {
    let action = match form {
        Ok(Form(form)) => form.action(),
        Err(rejection) => return refused(&person, &rejection, false).await,
    };
    let today = today();
    person
        .with_store(move |store| {
            let done = action.and_then(|action| match action {
                Action::Change(c) => shelf::change(store, id, c, today).map(|_| ()),
                Action::Remove => shelf::remove(store, id),
            });
            match done {
                Ok(()) => Redirect::to("/shelf").into_response(),
                Err(e) => shelf_view(store, Some(Refused::Action(&e))),
            }
        })
        .await
}

/// The shelf with why a post could not be read (from the add form, or a product's buttons);
/// nothing is stored, and nothing could be read to keep.
async fn refused<S: Store + Send + 'static>(
    person: &Person<S>,
    rejection: &FormRejection,
    add: bool,
) -> Response {
    let (status, why) = form::unreadable(rejection);
    let why = Error::invalid(why);
    let page = person
        .with_store(move |store| {
            let refused = if add {
                Refused::Add(&why, Draft::default())
            } else {
                Refused::Action(&why)
            };
            shelf_view(store, Some(refused))
        })
        .await;
    form::with_status(page, status)
}
