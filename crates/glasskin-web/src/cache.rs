//! Pages kept until the data changes. The Week page plans the whole shelf and checks it against
//! every rule; Today and the Shelf read every label; Insights, the Diary and the charts read a
//! year of records. None of that changes until something is written, so a GET of these is
//! answered with the last drawing for as long as the store's [`Revision`] and the day are the
//! same: the insights are worked out once per day of data. The week and the shelf are drawn
//! from what a plan is made of alone, so they are kept by the store's plan revision, which a
//! tick or a diary day leaves: the plan is worked out once per change of the shelf or profile.
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
use glasskin_store::{ProductId, Revision, Revisions, Store};
use jiff::civil::Date;

use crate::{AppState, Owner, Person, today};

/// What a kept page is drawn from.
#[derive(Clone, Copy)]
enum DrawnFrom {
    /// Anything stored: kept until any write ([`Store::revision`]).
    All,
    /// The profile, the shelf, the kept plan and the patch tests alone
    /// ([`Store::plan_revision`]).
    Plan,
}

/// The routes kept: those drawn from the store and the date alone, and slow to draw.
const KEPT: &[(&str, DrawnFrom)] = &[
    ("/today", DrawnFrom::All),
    ("/week", DrawnFrom::Plan),
    ("/diary", DrawnFrom::All),
    ("/shelf", DrawnFrom::Plan),
    ("/insights", DrawnFrom::All),
    ("/charts/ratings.svg", DrawnFrom::All),
    ("/charts/adherence.svg", DrawnFrom::All),
    ("/api/today", DrawnFrom::All),
    ("/api/insights", DrawnFrom::All),
];

/// What a GET of `path` is drawn from, if it is kept.
fn drawn_from(path: &str) -> Option<DrawnFrom> {
    KEPT.iter()
        .find(|(kept, _)| *kept == path)
        .map(|&(_, from)| from)
}

/// Whether GETs of `path` are kept (the hosted session layer asks, to read the revisions with
/// the session).
#[cfg(feature = "hosted")]
pub(crate) fn kept(path: &str) -> bool {
    drawn_from(path).is_some()
}

/// At most this many drawings (a path with its query) are kept for one person; more are not
/// a page a person opens, so the oldest set is dropped rather than memory grown.
const MOST: usize = 32;

/// At most this many bytes of drawings are kept in all (a person's Today, Week and shelf are
/// some 100 KB): past that, the drawings of the person seen longest ago go first, so a hosted
/// server keeps the people using it now, however many have accounts.
const MOST_BYTES: usize = 256 << 20;

/// The drawings kept, per person (the local one, or each hosted account's owner), each for one
/// revision of what it is drawn from on one day.
pub(crate) struct Pages {
    kept: Mutex<People>,
    /// At most this many bytes of drawings in all.
    budget: usize,
    /// What a plan made now would use, for drawing Today.
    pub(crate) used_now: UsedNow,
}

impl Default for Pages {
    fn default() -> Pages {
        Pages {
            kept: Mutex::default(),
            budget: MOST_BYTES,
            used_now: UsedNow::default(),
        }
    }
}

#[derive(Default)]
struct People {
    each: HashMap<Option<Arc<str>>, Kept>,
    bytes: usize,
    /// Counts uses, to tell who was seen longest ago.
    clock: u64,
}

/// A revision and a day: a drawing is for one of each.
pub(crate) type Stamp = (Revision, Date);

/// What a plan made now from the saved shelf would use (`glasskin_app::today::used_now`), per
/// person, for one plan revision and day. Today asks it at every drawing once a product was
/// added since the plan was kept, and it is a whole planning (some 4 ms), while a tick or a
/// diary day, after which Today is drawn again, leaves the plan revision.
#[derive(Default)]
pub(crate) struct UsedNow(Mutex<HashMap<Option<Arc<str>>, UsedAt>>);

/// The shelf ids used, and the plan revision and day they are for.
type UsedAt = (Stamp, Vec<ProductId>);

/// One person's days as Today draws them ([`glasskin_app::today::day`]), what a plan made now
/// would use kept in [`UsedNow`] by their plan revision and the day.
pub(crate) struct Days {
    pages: Arc<Pages>,
    whose: Option<Arc<str>>,
}

impl Days {
    pub(crate) fn new(pages: Arc<Pages>, whose: Option<Arc<str>>) -> Days {
        Days { pages, whose }
    }

    /// `day`'s steps, as `glasskin_app::today::day` gives them.
    pub(crate) fn day<S: Store + ?Sized>(
        &self,
        store: &S,
        day: Date,
    ) -> glasskin_app::Result<glasskin_app::today::Day> {
        glasskin_app::today::day_with(store, day, || {
            let revision = store.plan_revision().ok()?;
            self.pages
                .used_now
                .get_or(&self.whose, (revision, day), || {
                    glasskin_app::today::used_now(store, day).ok()
                })
        })
    }
}

/// At most this many people's are kept; past that all are dropped, and kept again as people
/// come back.
const MOST_USED_NOW: usize = 4096;

impl UsedNow {
    /// `whose` answer for `stamp` (their plan revision and the day): kept, or worked out by
    /// `work` and kept.
    pub(crate) fn get_or(
        &self,
        whose: &Option<Arc<str>>,
        stamp: Stamp,
        work: impl FnOnce() -> Option<Vec<ProductId>>,
    ) -> Option<Vec<ProductId>> {
        let lock = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((kept, used)) = lock().get(whose)
            && *kept == stamp
        {
            return Some(used.clone());
        }
        let used = work()?;
        let mut all = lock();
        if all.len() >= MOST_USED_NOW && !all.contains_key(whose) {
            all.clear();
        }
        all.insert(whose.clone(), (stamp, used.clone()));
        Some(used)
    }
}

#[derive(Default)]
struct Kept {
    pages: HashMap<String, (Stamp, HeaderMap, Bytes)>,
    bytes: usize,
    used: u64,
}

impl Kept {
    fn clear(&mut self) -> usize {
        self.pages.clear();
        std::mem::take(&mut self.bytes)
    }
}

impl Pages {
    fn get(&self, whose: &Option<Arc<str>>, key: &str, stamp: Stamp) -> Option<Response> {
        let mut people = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        people.clock += 1;
        let clock = people.clock;
        let kept = people.each.get_mut(whose)?;
        kept.used = clock;
        let (drawn, headers, body) = kept.pages.get(key)?;
        if *drawn != stamp {
            return None;
        }
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = headers.clone();
        Some(response)
    }

    fn put(
        &self,
        whose: Option<Arc<str>>,
        key: String,
        stamp: Stamp,
        headers: HeaderMap,
        body: Bytes,
    ) {
        let size = key.len() + body.len();
        let mut guard = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let people = &mut *guard;
        people.clock += 1;
        let kept = people.each.entry(whose.clone()).or_default();
        kept.used = people.clock;
        if kept.pages.len() >= MOST && !kept.pages.contains_key(&key) {
            people.bytes -= kept.clear();
        }
        if let Some((_, _, old)) = kept.pages.insert(key.clone(), (stamp, headers, body)) {
            kept.bytes -= key.len() + old.len();
            people.bytes -= key.len() + old.len();
        }
        kept.bytes += size;
        people.bytes += size;
        while people.bytes > self.budget && people.each.len() > 1 {
            let Some(oldest) = people
                .each
                .iter()
                .filter(|(who, _)| **who != whose)
                .min_by_key(|(_, kept)| kept.used)
                .map(|(who, _)| who.clone())
            else {
                break;
            };
            let gone = people.each.remove(&oldest).map_or(0, |kept| kept.bytes);
            people.bytes -= gone;
        }
    }
}

/// Answers a GET of a kept route from the last drawing when the data and the day are the same,
/// else draws it and keeps it. Anything but a 200 is passed on and not kept.
pub(crate) async fn keep<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(drawn_from) = drawn_from(request.uri().path()) else {
        return next.run(request).await;
    };
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let owner = request.extensions().get::<Owner>().cloned();
    let whose = owner.as_ref().map(|o| Arc::clone(&o.0));
    let Some(person) = Person::of(&state, owner, None) else {
        return next.run(request).await;
    };
    // On a hosted server the session layer read them with the session, before any handler:
    // a kept page then costs no other round trip to the database.
    let known = request.extensions().get::<Revisions>().copied();
    let revision = match (drawn_from, known) {
        (DrawnFrom::All, Some(known)) => Ok(known.data),
        (DrawnFrom::Plan, Some(known)) => Ok(known.plan),
        (DrawnFrom::All, None) => person.with_store(|store| store.revision()).await,
        (DrawnFrom::Plan, None) => person.with_store(|store| store.plan_revision()).await,
    };
    let Ok(revision) = revision else {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Bytes {
        Bytes::from(vec![b'x'; bytes])
    }

    #[test]
    fn what_a_plan_made_now_would_use_is_worked_out_once_a_plan_revision_and_day() {
        let used = UsedNow::default();
        let (ana, ben) = (Some(Arc::from("ana")), Some(Arc::from("ben")));
        let day = jiff::civil::date(2026, 12, 7);
        let worked = std::cell::Cell::new(0);
        let work = |ids: Vec<ProductId>| {
            worked.set(worked.get() + 1);
            Some(ids)
        };
        let first = (Revision(4, 0), day);
        assert_eq!(
            used.get_or(&ana, first, || work(vec![1, 2])),
            Some(vec![1, 2])
        );
        assert_eq!(used.get_or(&ana, first, || work(vec![9])), Some(vec![1, 2]));
        assert_eq!(worked.get(), 1, "kept");
        // Another person, another plan revision or another day is worked out again.
        assert_eq!(used.get_or(&ben, first, || work(vec![3])), Some(vec![3]));
        let moved = (Revision(5, 0), day);
        assert_eq!(used.get_or(&ana, moved, || work(vec![2])), Some(vec![2]));
        let tomorrow = (Revision(5, 0), jiff::civil::date(2026, 12, 8));
        assert_eq!(used.get_or(&ana, tomorrow, || work(vec![7])), Some(vec![7]));
        assert_eq!(worked.get(), 4);
        // A planning that failed is not kept.
        let later = (Revision(6, 0), day);
        assert_eq!(used.get_or(&ana, later, || None), None);
        assert_eq!(used.get_or(&ana, later, || work(vec![8])), Some(vec![8]));
    }

    #[test]
    fn past_the_budget_the_person_seen_longest_ago_goes_first() {
        let pages = Pages {
            budget: 3_000,
            ..Pages::default()
        };
        let day = jiff::civil::date(2026, 12, 7);
        let stamp = (Revision(1, 0), day);
        let who = |n: &str| Some(Arc::from(n));
        for name in ["ana", "ben", "cy"] {
            pages.put(
                who(name),
                "/week".into(),
                stamp,
                HeaderMap::new(),
                page(900),
            );
        }
        // Ana comes back, so Ben is the one seen longest ago when Dee's page needs room.
        assert!(pages.get(&who("ana"), "/week", stamp).is_some());
        pages.put(
            who("dee"),
            "/week".into(),
            stamp,
            HeaderMap::new(),
            page(900),
        );
        assert!(
            pages.get(&who("ben"), "/week", stamp).is_none(),
            "ben's went"
        );
        for name in ["ana", "cy", "dee"] {
            assert!(
                pages.get(&who(name), "/week", stamp).is_some(),
                "{name}'s stays"
            );
        }
        let people = pages.kept.lock().expect("not poisoned");
        assert_eq!(people.bytes, 3 * (900 + "/week".len()));

        drop(people);
        // Each drawing is for its own stamp: a page drawn for a newer revision is kept beside
        // one drawn from another, which stays until its own revision moves.
        let newer = (Revision(2, 0), day);
        pages.put(
            who("ana"),
            "/today".into(),
            newer,
            HeaderMap::new(),
            page(10),
        );
        assert!(pages.get(&who("ana"), "/today", newer).is_some());
        assert!(
            pages.get(&who("ana"), "/today", stamp).is_none(),
            "not the old one"
        );
        assert!(pages.get(&who("ana"), "/week", stamp).is_some());
        assert!(pages.get(&who("ana"), "/week", newer).is_none());
        pages.put(
            who("ana"),
            "/week".into(),
            newer,
            HeaderMap::new(),
            page(20),
        );
        assert_eq!(
            pages.kept.lock().expect("not poisoned").bytes,
            2 * 905 + 10 + "/today".len() + 20 + "/week".len()
        );
    }
}
