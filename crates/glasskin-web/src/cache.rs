//! Pages kept until the data changes. The Week page plans the whole shelf and checks it against
//! every rule; Today and the Shelf read every label; Insights, the Diary and the charts read a
//! year of records. None of that changes
//! until something is written, so a GET of these is answered with the last drawing for as long
//! as the store's [`Revision`] and the day are the same: the plan is worked out once per change
//! of the shelf or profile, the insights once per day of data.
//!
//! A stale page cannot be served: a revision read before a page is drawn is never newer than
//! the data the page shows, and a hit needs the revision read now.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use glasskin_store::{Revision, Store};
use jiff::civil::Date;

use crate::{AppState, Owner, Person, today};

/// The routes kept: those drawn from the store and the date alone, and slow to draw.
const KEPT: &[&str] = &[
    "/today",
    "/week",
    "/diary",
    "/shelf",
    "/insights",
    "/charts/ratings.svg",
    "/charts/adherence.svg",
    "/api/today",
    "/api/insights",
];

/// At most this many drawings (a path with its query) are kept for one person; more are not
/// a page a person opens, so the oldest set is dropped rather than memory grown.
const MOST: usize = 32;

/// At most this many people's drawings are kept on a hosted server; past that, all are dropped
/// and kept again as people come back, so memory stays bounded.
const MOST_PEOPLE: usize = 512;

/// The drawings kept, per person (the local one, or each hosted account's owner), each
/// person's for one revision of their data on one day.
#[derive(Default)]
pub(crate) struct Pages {
    kept: Mutex<HashMap<Option<Arc<str>>, Kept>>,
}

#[derive(Default)]
struct Kept {
    stamp: Option<(Revision, Date)>,
    pages: HashMap<String, (HeaderMap, Bytes)>,
}

impl Pages {
    fn get(
        &self,
        whose: &Option<Arc<str>>,
        key: &str,
        stamp: (Revision, Date),
    ) -> Option<Response> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let kept = kept.get(whose)?;
        if kept.stamp != Some(stamp) {
            return None;
        }
        let (headers, body) = kept.pages.get(key)?;
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = headers.clone();
        Some(response)
    }

    fn put(
        &self,
        whose: Option<Arc<str>>,
        key: String,
        stamp: (Revision, Date),
        headers: HeaderMap,
        body: Bytes,
    ) {
        let mut people = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if people.len() >= MOST_PEOPLE && !people.contains_key(&whose) {
            people.clear();
        }
        let kept = people.entry(whose).or_default();
        if kept.stamp != Some(stamp) || kept.pages.len() >= MOST {
            kept.pages.clear();
            kept.stamp = Some(stamp);
        }
        kept.pages.insert(key, (headers, body));
    }
}

/// Answers a GET of a kept route from the last drawing when the data and the day are the same,
/// else draws it and keeps it. Anything but a 200 is passed on and not kept.
pub(crate) async fn keep<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET || !KEPT.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let owner = request.extensions().get::<Owner>().cloned();
    let whose = owner.as_ref().map(|o| Arc::clone(&o.0));
    let Some(person) = Person::of(&state, owner) else {
        return next.run(request).await;
    };
    let Ok(revision) = person.with_store(|store| store.revision()).await else {
        // The page itself will say what is wrong with the store.
        return next.run(request).await;
    };
    let stamp = (revision, today());
    let key = request.uri().to_string();
    if let Some(page) = state.pages.get(&whose, &key, stamp) {
        return page;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The pages are drawn in memory, so reading the body whole costs a copy at most.
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            state
                .pages
                .put(whose, key, stamp, parts.headers.clone(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::from(format!("the page could not be drawn: {e}")))
            .unwrap_or_default(),
    }
}
