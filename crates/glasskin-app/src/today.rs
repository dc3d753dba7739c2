//! Today: the steps the kept plan sets for a day, ticking them off, and how the week is going.
//!
//! Today follows the shelf, not only the kept plan: a step whose product has left the shelf
//! (finished, stopped, failed its patch test, deleted) is not shown, and a new product stays off
//! the face until its patch test has passed. What no longer matches is said, with the products
//! past their date and the patch tests to do first.

use glasskin_core::Step;
use glasskin_core::advice::Time;
use glasskin_store::{
    Adherence, Checkoff, PatchTest, ProductId, SavedPlan, ShelfProduct, Status, Store, Verdict,
    adherence, ticked,
};
use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Error, Result, parse};
use crate::plan::{Planned, expired_reason, latest, monday_of, plan_saved, reaction_words};

/// A day of the kept plan.
#[derive(Clone, Debug)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Its week of the plan, 1 for the first.
    pub week: i64,
    /// Morning then evening; empty before the plan starts. Only the steps whose product is on
    /// the shelf and may go on the face.
    pub sessions: Vec<Session>,
    /// The day the plan starts (the day it was kept).
    pub plan_starts: Date,
    /// New products to patch test before they reach the face: the running test first, then
    /// those the kept plan uses, oldest first.
    pub patch_tests: Vec<PatchNote>,
    /// Products the kept plan uses that are past their date.
    pub expired: Vec<ExpiredNote>,
    /// How the kept plan no longer matches the shelf; empty when it does.
    pub drift: Vec<Drift>,
}

/// One session of a day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    /// `am` or `pm`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub time: Time,
    /// The steps, in order.
    pub steps: Vec<StepTick>,
}

/// One step of a session.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct StepTick {
    /// The shelf product.
    pub product_id: ProductId,
    /// Its name when planned.
    pub name: String,
    /// Its step id.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub step: Step,
    /// Thin layers to pat in (more than one for the 7-skin method).
    pub layers: u8,
    /// Ticked off.
    pub done: bool,
}

/// A new product to patch test before it goes on the face.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchNote {
    /// The shelf product.
    pub product_id: ProductId,
    /// Its name.
    pub name: String,
    /// Where its test stands.
    pub stage: PatchStage,
}

/// Where a product's patch test stands on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatchStage {
    /// Not started; `after` names the product whose test is running, if one is (one new
    /// product at a time).
    NotStarted {
        /// The product being tested now.
        after: Option<String>,
    },
    /// Running.
    Running {
        /// Days until it can pass.
        days_left: i64,
        /// Days with a look logged.
        checked: usize,
        /// Whether the day's look is logged.
        checked_today: bool,
    },
    /// Seven days with no reaction: ending it lets the product start.
    Clear,
    /// A reaction was seen: keep the product off the face; ending the test stops it.
    Reacted {
        /// What was seen, in words ("burning or stinging").
        reaction: String,
    },
}

impl PatchNote {
    /// What to do, in a sentence: "Patch test Retinol Serum on your inner arm first: 4 days
    /// left."
    pub fn sentence(&self) -> String {
        let name = &self.name;
        match &self.stage {
            PatchStage::NotStarted { after: None } => format!(
                "Patch test {name} on your inner arm first: not started. Start it today: a little \
                 on the inner arm twice a day, and a look each day for 7 days."
            ),
            PatchStage::NotStarted { after: Some(other) } => format!(
                "Patch test {name} on your inner arm first, once the test of {other} ends: one \
                 new product at a time."
            ),
            PatchStage::Running {
                days_left,
                checked,
                checked_today,
            } => {
                let left = match days_left {
                    0 => format!(
                        "a look each day is still missing ({checked} of {} logged)",
                        glasskin_store::PATCH_TEST_DAYS
                    ),
                    1 => "1 day left".to_owned(),
                    n => format!("{n} days left"),
                };
                let today = if *checked_today {
                    "today's look is logged"
                } else {
                    "how does the patch look today?"
                };
                format!("Patch test {name} on your inner arm first: {left}; {today}")
            }
            PatchStage::Clear => format!(
                "{name}'s patch test is clear: 7 days with no reaction. End the test to start \
                 using it."
            ),
            PatchStage::Reacted { reaction } => format!(
                "{name}'s patch test shows {reaction}: keep it off your face. End the test to \
                 stop it."
            ),
        }
    }
}

/// A product the kept plan uses that is past its date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiredNote {
    /// The shelf product.
    pub product_id: ProductId,
    /// Its name.
    pub name: String,
    /// Its step in the plan.
    pub step: Step,
    /// Why: "past its 6 months after opening (opened 2 March)".
    pub why: String,
}

impl ExpiredNote {
    /// "Your sunscreen Daily Fluid is past its 6 months after opening (opened 2 March): replace
    /// it."
    pub fn sentence(&self) -> String {
        let step = self.step.label();
        let step = step.split(" or ").next().unwrap_or(step);
        format!("Your {step} {} is {}: replace it.", self.name, self.why)
    }
}

/// How a kept plan no longer matches the shelf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// A product the plan uses is no longer in use.
    Gone {
        /// The shelf product.
        product_id: ProductId,
        /// Its name.
        name: String,
        /// What happened to it.
        why: Gone,
    },
    /// A product added to the shelf since, which planning again would use.
    Added {
        /// The shelf product.
        product_id: ProductId,
        /// Its name.
        name: String,
    },
}

/// What happened to a product that left the shelf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gone {
    /// Taken off the shelf.
    Deleted,
    /// Finished.
    Finished,
    /// Stopped, with why.
    Stopped(Option<String>),
    /// Its patch test failed, with what was seen.
    FailedPatchTest(String),
}

impl Drift {
    /// "You finished Cream.", "Retinol Serum failed its patch test (itching).", "Toner is new
    /// on your shelf."
    pub fn sentence(&self) -> String {
        match self {
            Drift::Gone { name, why, .. } => match why {
                Gone::Deleted => format!("{name} is no longer on your shelf."),
                Gone::Finished => format!("You finished {name}."),
                Gone::Stopped(None) => format!("You stopped {name}."),
                Gone::Stopped(Some(why)) => format!("You stopped {name} ({why})."),
                Gone::FailedPatchTest(reaction) => {
                    format!("{name} failed its patch test ({reaction}).")
                }
            },
            Drift::Added { name, .. } => format!("{name} is new on your shelf."),
        }
    }
}

/// The shelf as Today reads it.
struct Shelf {
    products: Vec<ShelfProduct>,
    tests: Vec<PatchTest>,
    /// Products that may go on the face: in use or unopened, and past any patch test they need.
    usable: Vec<ProductId>,
}

impl Shelf {
    fn load<S: Store + ?Sized>(store: &S) -> Result<Shelf> {
        let products = store.products()?;
        let usable = products
            .iter()
            .filter(|p| in_use(p) && !needs_patch_test(p))
            .map(|p| p.id)
            .collect();
        Ok(Shelf {
            products,
            tests: store.patch_tests()?,
            usable,
        })
    }

    fn product(&self, id: ProductId) -> Option<&ShelfProduct> {
        self.products.iter().find(|p| p.id == id)
    }

    fn usable(&self, id: ProductId) -> bool {
        self.usable.contains(&id)
    }

    /// The kept plan with only the steps whose product may go on the face.
    fn shown(&self, plan: &SavedPlan) -> SavedPlan {
        let mut plan = plan.clone();
        for week in &mut plan.weeks {
            for session in &mut week.sessions {
                session.steps.retain(|st| self.usable(st.product_id));
            }
        }
        plan
    }
}

/// In use or unopened: still on the shelf for the routine.
fn in_use(p: &ShelfProduct) -> bool {
    matches!(p.status, Status::InUse | Status::Unopened)
}

/// A new product that must pass a patch test before it reaches the face: not a rinse-off one,
/// as [`crate::plan::needs_patch_test`] decides for the planner.
fn needs_patch_test(p: &ShelfProduct) -> bool {
    if !p.new {
        return false;
    }
    let analysis = glasskin_core::analyze(&p.label, glasskin_kb::kb());
    analysis
        .products
        .first()
        .is_none_or(|list| !glasskin_core::understand(Some(&p.name), list, p.step).rinse_off)
}

/// Every product the kept plan names, in order of first mention, with its step.
fn mentioned(plan: &SavedPlan) -> Vec<(ProductId, &str, Step)> {
    let mut out: Vec<(ProductId, &str, Step)> = Vec::new();
    for week in &plan.weeks {
        for session in &week.sessions {
            for step in &session.steps {
                if !out.iter().any(|(id, _, _)| *id == step.product_id) {
                    out.push((step.product_id, &step.name, step.step));
                }
            }
        }
    }
    out
}

/// The kept plan's steps for `day`, with what is ticked off, the patch tests to do first, the
/// products past their date and whether the plan still matches the shelf.
pub fn day<S: Store + ?Sized>(store: &S, day: Date) -> Result<Day> {
    day_with(store, day, || used_now(store, day).ok())
}

/// The shelf ids a plan made now from the saved shelf would use: what tells whether a product
/// added since the plan was kept is a drift. A whole planning; it depends on what a plan is made
/// of and the day alone, so a caller may keep it by [`Store::plan_revision`] and the day.
pub fn used_now<S: Store + ?Sized>(store: &S, today: Date) -> Result<Vec<ProductId>> {
    Ok(uses(&plan_saved(store, today)?))
}

/// [`day`], with what a plan made now would use ([`used_now`]) given by `used_now`, which is
/// asked only when a product was added since the plan was kept.
pub fn day_with<S: Store + ?Sized>(
    store: &S,
    day: Date,
    used_now: impl FnOnce() -> Option<Vec<ProductId>>,
) -> Result<Day> {
    let plan = latest(store)?;
    let shelf = Shelf::load(store)?;
    // Only the day's own check-offs: the Today page asks for nothing more.
    let checkoffs = store.checkoffs_since(day)?;
    let shown = shelf.shown(&plan);
    let sessions = shown
        .sessions_on(day)
        .into_iter()
        .map(|s| Session {
            time: s.time,
            steps: s
                .steps
                .iter()
                .map(|st| StepTick {
                    product_id: st.product_id,
                    name: st.name.clone(),
                    step: st.step,
                    layers: st.layers,
                    done: ticked(&checkoffs, day, s, st),
                })
                .collect(),
        })
        .collect();
    let fit = fit_with(&plan, &shelf, used_now, day);
    Ok(Day {
        date: day,
        week: i64::from((day - plan.starts).get_days() / 7 + 1),
        sessions,
        plan_starts: plan.starts,
        patch_tests: patch_notes(&plan, &shelf, day),
        expired: fit.expired,
        drift: fit.drift,
    })
}

/// The patch tests to do before new products reach the face.
fn patch_notes(plan: &SavedPlan, shelf: &Shelf, day: Date) -> Vec<PatchNote> {
    let running = shelf.tests.iter().rev().find(|t| t.ended.is_none());
    let running_name = running
        .and_then(|t| shelf.product(t.product_id))
        .map(|p| p.name.clone());
    let mut notes = Vec::new();
    if let Some((test, product)) = running.and_then(|t| {
        shelf
            .product(t.product_id)
            .filter(|p| in_use(p))
            .map(|p| (t, p))
    }) {
        let stage = match test.verdict(day) {
            Verdict::Running { checked, days_left } => PatchStage::Running {
                days_left,
                checked,
                checked_today: test.checks.iter().any(|c| c.date == day),
            },
            Verdict::Passed => PatchStage::Clear,
            Verdict::Failed { reaction, .. } => PatchStage::Reacted {
                reaction: reaction_words(&reaction),
            },
        };
        notes.push(PatchNote {
            product_id: product.id,
            name: product.name.clone(),
            stage,
        });
    }
    let planned = mentioned(plan);
    for product in shelf.products.iter().filter(|p| {
        in_use(p)
            && !shelf.usable(p.id)
            && p.new
            && planned.iter().any(|(id, _, _)| *id == p.id)
            && running.is_none_or(|t| t.product_id != p.id)
    }) {
        notes.push(PatchNote {
            product_id: product.id,
            name: product.name.clone(),
            stage: PatchStage::NotStarted {
                after: running_name.clone(),
            },
        });
    }
    notes
}

/// How a kept plan stands against the shelf: what no longer matches, and what is past its date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fit {
    /// How the plan no longer matches the shelf; empty when it does.
    pub drift: Vec<Drift>,
    /// Products the plan uses that are past their date.
    pub expired: Vec<ExpiredNote>,
}

/// How the kept plan stands against the shelf on `today`. `fresh` is the week planned now from
/// the saved shelf, when the caller has it; otherwise it is planned here, and only when a
/// product was added since the plan was kept (to tell whether the plan would use it).
pub fn fit<S: Store + ?Sized>(
    store: &S,
    kept: &SavedPlan,
    fresh: Option<&Planned>,
    today: Date,
) -> Result<Fit> {
    let shelf = Shelf::load(store)?;
    let used_now = || match fresh {
        Some(fresh) => Some(uses(fresh)),
        None => used_now(store, today).ok(),
    };
    Ok(fit_with(kept, &shelf, used_now, today))
}

fn fit_with(
    kept: &SavedPlan,
    shelf: &Shelf,
    used_now: impl FnOnce() -> Option<Vec<ProductId>>,
    today: Date,
) -> Fit {
    let planned = mentioned(kept);
    let mut fit = Fit::default();
    for &(id, name, step) in &planned {
        match shelf.product(id) {
            None => fit.drift.push(Drift::Gone {
                product_id: id,
                name: name.to_owned(),
                why: Gone::Deleted,
            }),
            Some(p) if !in_use(p) => fit.drift.push(Drift::Gone {
                product_id: id,
                name: p.name.clone(),
                why: match (p.status, p.status_reason.as_deref()) {
                    (Status::Finished, _) => Gone::Finished,
                    (_, Some(why)) if why.starts_with("patch test:") => Gone::FailedPatchTest(
                        reaction_words(why.trim_start_matches("patch test:").trim()),
                    ),
                    (_, why) => Gone::Stopped(why.map(str::to_owned)),
                },
            }),
            Some(p) => {
                if let Some(why) = expired_reason(p, today) {
                    fit.expired.push(ExpiredNote {
                        product_id: id,
                        name: p.name.clone(),
                        step,
                        why,
                    });
                }
            }
        }
    }
    // Added since the plan was kept and not in it: a drift only if planning now would use it
    // (the planner may leave a product out on purpose, and the person is told why on the Week
    // page).
    let added: Vec<&ShelfProduct> = shelf
        .products
        .iter()
        .filter(|p| {
            in_use(p) && p.added >= kept.created && !planned.iter().any(|(id, _, _)| *id == p.id)
        })
        .collect();
    if !added.is_empty()
        && let Some(used) = used_now()
    {
        fit.drift
            .extend(
                added
                    .into_iter()
                    .filter(|p| used.contains(&p.id))
                    .map(|p| Drift::Added {
                        product_id: p.id,
                        name: p.name.clone(),
                    }),
            );
    }
    fit
}

/// The shelf ids a plan uses: on the face in some week, or patch tested.
fn uses(planned: &Planned) -> Vec<ProductId> {
    let plan = &planned.plan;
    let index = plan.weeks.iter().flat_map(|w| {
        w.sessions
            .iter()
            .flat_map(|s| s.steps.iter().map(|st| st.product))
            .chain(w.patch_tests.iter().map(|t| t.product))
    });
    index.filter_map(|i| planned.ids.get(i).copied()).collect()
}

/// The kept plan's week so far, from its Monday up to `day` (days before the plan was kept are
/// not counted), over the steps Today shows: a product that left the shelf no longer counts.
pub fn week_so_far<S: Store + ?Sized>(store: &S, day: Date) -> Result<Adherence> {
    let plan = latest(store)?;
    let shown = Shelf::load(store)?.shown(&plan);
    let from = monday_of(day).max(plan.created);
    let checkoffs = store.checkoffs_since(from)?;
    Ok(adherence(&shown, &checkoffs, from, day))
}

/// The week so far in a sentence, for Today on both doors: "This week so far: 9 of 12 steps
/// (75%), a 2-day streak", the streak named once there is one. None when nothing was planned.
pub fn so_far_sentence(so_far: &Adherence) -> Option<String> {
    let rate = so_far.rate()?;
    let streak = match so_far.streak {
        0 => String::new(),
        n => format!(", a {n}-day streak"),
    };
    Some(format!(
        "This week so far: {} of {} steps ({:.0}%){streak}",
        so_far.done,
        so_far.planned,
        rate * 100.0,
    ))
}

/// The session with this id: `am` or `pm`.
pub fn parse_time(text: &str) -> Result<Time> {
    parse("time", text)
}

/// What to tick: a session, a product wherever it is planned that day, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// One session, or both when `None`.
    pub time: Option<Time>,
    /// One product, or all when `None`.
    pub product: Option<ProductId>,
}

impl Target {
    /// Reads `am`, `pm`, `all`, a product number (`3`) or both (`pm:3`).
    pub fn parse(spec: &str) -> Result<Target> {
        let bad = || {
            Error::invalid(format!(
                "`{spec}`: use am, pm, all, a product number, or am:NUMBER"
            ))
        };
        let time = |t: &str| match t {
            "all" => Ok(None),
            t => Time::from_id(t).map(Some).ok_or_else(bad),
        };
        let product = |p: &str| {
            p.parse::<ProductId>()
                .map_err(|_| Error::invalid(format!("`{spec}`: `{p}` is not a product number")))
        };
        let spec = spec.trim();
        match spec.split_once(':') {
            Some((t, p)) => Ok(Target {
                time: time(t)?,
                product: Some(product(p)?),
            }),
            None if spec.parse::<ProductId>().is_ok() => Ok(Target {
                time: None,
                product: Some(product(spec)?),
            }),
            None => Ok(Target {
                time: time(spec)?,
                product: None,
            }),
        }
    }
}

/// Ticks off (or, with `done` false, unticks) what the targets name among the steps Today shows
/// on `day`. Refuses a target with nothing planned, before anything changes.
pub fn tick<S: Store + ?Sized>(
    store: &mut S,
    day: Date,
    targets: &[Target],
    done: bool,
    today: Date,
) -> Result<()> {
    // The check and the ticks it allows are one transaction.
    glasskin_store::atomically(store, |store| {
        let shelf = Shelf::load(store)?;
        // A product that is not on the shelf at all is not there, whatever the plan says.
        if let Some(missing) = targets
            .iter()
            .filter_map(|t| t.product)
            .find(|p| !shelf.products.iter().any(|product| product.id == *p))
        {
            return Err(Error::not_found(format!(
                "no product #{missing} on the shelf"
            )));
        }
        let plan = shelf.shown(&latest(store)?);
        let sessions = plan.sessions_on(day);
        let mut checkoffs = Vec::new();
        for target in targets {
            let before = checkoffs.len();
            for session in &sessions {
                if target.time.is_some_and(|t| t != session.time) {
                    continue;
                }
                for step in &session.steps {
                    if target.product.is_none_or(|p| p == step.product_id) {
                        checkoffs.push(Checkoff {
                            date: day,
                            time: session.time,
                            product_id: step.product_id,
                        });
                    }
                }
            }
            if checkoffs.len() == before {
                return Err(Error::invalid(format!(
                    "`{target}` is not planned for {day}"
                )));
            }
        }
        for checkoff in &checkoffs {
            store.check_off(checkoff, done, today)?;
        }
        Ok(())
    })
}

/// Saves one session's ticks as a whole: of the steps Today shows, the products in `done` are
/// ticked, the others not. An id that is not one of them (a page drawn before a product left
/// the shelf) is ignored, so the other ticks are kept.
pub fn set_session<S: Store + ?Sized>(
    store: &mut S,
    day: Date,
    time: Time,
    done: &[ProductId],
    today: Date,
) -> Result<()> {
    glasskin_store::atomically(store, |store| {
        let plan = Shelf::load(store)?.shown(&latest(store)?);
        let planned: Vec<ProductId> = plan
            .sessions_on(day)
            .into_iter()
            .filter(|s| s.time == time)
            .flat_map(|s| s.steps.iter().map(|st| st.product_id))
            .collect();
        for id in planned {
            let checkoff = Checkoff {
                date: day,
                time,
                product_id: id,
            };
            store.check_off(&checkoff, done.contains(&id), today)?;
        }
        Ok(())
    })
}

/// Ticks off (or unticks) one product in one session, as `tick` does: only a step the kept plan
/// sets for that day and session (with no plan kept, there is nothing to tick).
pub fn check_off<S: Store + ?Sized>(
    store: &mut S,
    checkoff: &Checkoff,
    done: bool,
    today: Date,
) -> Result<()> {
    let target = Target {
        time: Some(checkoff.time),
        product: Some(checkoff.product_id),
    };
    tick(store, checkoff.date, &[target], done, today)
}

impl std::fmt::Display for Target {
    /// As [`Target::parse`] reads it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.time, self.product) {
            (Some(t), Some(p)) => write!(f, "{}:{p}", t.id()),
            (None, Some(p)) => write!(f, "{p}"),
            (Some(t), None) => f.write_str(t.id()),
            (None, None) => f.write_str("all"),
        }
    }
}

#[cfg(test)]
mod tests;
