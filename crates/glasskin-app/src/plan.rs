//! Planning from what is saved: the stored profile and shelf as the planner takes them, the
//! week planned, and a plan kept so that Today can follow it.

use glasskin_core::KnowledgeBase;
use glasskin_core::advice::{Profile, RoutineProduct, SkinType, Time};
use glasskin_core::expiry;
use glasskin_core::kb::Class;
use glasskin_core::plan::{PatchTestState, Plan, PlanProfile, ShelfItem};
use glasskin_store::{
    PatchResult, PatchTest, ProductId, Reaction, SavedPlan, SavedSession, SavedStep, SavedWeek,
    ShelfProduct, Status, Store, StoredProfile, Verdict,
};
use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::shelf::ExpiryNote;

mod calendar;

pub use calendar::ics;

/// The stored profile, as the planner takes it.
pub fn plan_profile(p: &StoredProfile, today: Date) -> PlanProfile {
    let retinoid_weeks = p.retinoid_started.map(|started| {
        let days = (today - started).get_days().max(0);
        u32::try_from(days / 7).unwrap_or(0)
    });
    PlanProfile {
        person: Profile {
            skin_type: p.skin_type,
            sensitive: p.sensitive || p.skin_type == SkinType::Sensitive,
            pregnant: p.pregnant,
            breastfeeding: p.breastfeeding,
            new_to_retinoids: retinoid_weeks
                .is_some_and(|w| w < glasskin_core::plan::RETINOID_NEW_WEEKS),
            irritated: p.irritated,
        },
        concerns: p.concerns.clone(),
        retinoid_weeks,
        makeup_days: p.makeup_days.clone(),
        fragrance_free: p.fragrance_free,
        max_steps: p.max_steps,
        short_days: p.short_days.clone(),
        previous: Vec::new(),
    }
}

/// Weeks during which a product that failed its patch test is still shown to the planner, so
/// the plan can say why it is left out; after that it no longer clutters the plan.
pub const FAILED_TEST_SHOWN_WEEKS: i64 = 8;

/// The products in use or unopened, as the planner takes them, with their shelf ids: each with
/// where its patch test stands (from the store's patch tests) and why it is past its date, if it
/// is. A product stopped because its patch test failed in the last
/// [`FAILED_TEST_SHOWN_WEEKS`] weeks is passed too, so the plan lists it as left out and why.
pub fn plan_shelf<S: Store + ?Sized>(
    store: &S,
    kb: &KnowledgeBase,
    today: Date,
) -> Result<(Vec<ShelfItem>, Vec<ProductId>)> {
    let tests = store.patch_tests()?;
    Ok(shelf_items(store.products()?, &tests, kb, today))
}

fn shelf_items(
    products: Vec<ShelfProduct>,
    tests: &[PatchTest],
    kb: &KnowledgeBase,
    today: Date,
) -> (Vec<ShelfItem>, Vec<ProductId>) {
    products
        .into_iter()
        .filter(|p| match p.status {
            Status::InUse | Status::Unopened => true,
            Status::Stopped => p.new && failed_recently(p.id, tests, today),
            Status::Finished => false,
        })
        .filter_map(|p| {
            let id = p.id;
            let expired = expired_reason(&p, today);
            let patch_test = if p.new {
                patch_state(id, tests, today)
            } else {
                PatchTestState::NotStarted
            };
            let analysis = glasskin_core::analyze(&p.label, kb);
            let list = analysis.products.into_iter().next()?;
            let product = glasskin_core::understand(Some(&p.name), &list, p.step);
            Some((
                ShelfItem {
                    product: RoutineProduct {
                        name: p.name,
                        list,
                        product,
                        new: p.new,
                    },
                    frequency: None,
                    time: None,
                    patch_test,
                    expired,
                },
                id,
            ))
        })
        .unzip()
}

/// Why a product should no longer be used, from its expiry as the Shelf page reads it
/// ([`ExpiryNote`]): "past its 6 months after opening (opened 2 March)", "past its best-before
/// date, 1 May"; `None` while it is good (or nothing says when it expires).
pub fn expired_reason(product: &ShelfProduct, today: Date) -> Option<String> {
    if !matches!(
        ExpiryNote::of(product, today).status,
        expiry::Status::Expired { .. }
    ) {
        return None;
    }
    let basis = expiry::expiry(product.opened, product.pao_months, product.best_before).basis;
    let when = |day: Date| {
        if day.year() == today.year() {
            day.strftime("%-d %B").to_string()
        } else {
            day.strftime("%-d %B %Y").to_string()
        }
    };
    match (
        basis,
        product.opened,
        product.pao_months,
        product.best_before,
    ) {
        (expiry::Basis::Opened | expiry::Basis::OpenedEarlier, Some(opened), Some(months), _) => {
            let months = if months == 1 {
                "1 month".to_owned()
            } else {
                format!("{months} months")
            };
            Some(format!(
                "past its {months} after opening (opened {})",
                when(opened)
            ))
        }
        (_, _, _, Some(best_before)) => {
            Some(format!("past its best-before date, {}", when(best_before)))
        }
        _ => Some("past its date".to_owned()),
    }
}

/// Where a new product's patch test stands, for the planner: its running test's verdict, or
/// the last test's failure, or not started.
fn patch_state(product: ProductId, tests: &[PatchTest], today: Date) -> PatchTestState {
    let mut mine = tests.iter().filter(|t| t.product_id == product).rev();
    let Some(last) = mine.next() else {
        return PatchTestState::NotStarted;
    };
    match (last.ended, last.result) {
        (None, _) => match last.verdict(today) {
            Verdict::Running { days_left, .. } => PatchTestState::Running {
                days_left: u8::try_from(days_left).unwrap_or(u8::MAX),
            },
            Verdict::Passed => PatchTestState::Running { days_left: 0 },
            Verdict::Failed { reaction, .. } => PatchTestState::Failed {
                reaction: reaction_words(&reaction),
            },
        },
        (Some(ended), Some(PatchResult::Failed)) => match last.verdict(ended) {
            Verdict::Failed { reaction, .. } => PatchTestState::Failed {
                reaction: reaction_words(&reaction),
            },
            _ => PatchTestState::Failed {
                reaction: "a reaction".to_owned(),
            },
        },
        _ => PatchTestState::NotStarted,
    }
}

/// A reaction's words from its id ("burning or stinging").
pub(crate) fn reaction_words(id: &str) -> String {
    Reaction::from_id(id).map_or_else(|| id.to_owned(), |r| r.label().to_owned())
}

/// Whether the product's last patch test failed and ended within [`FAILED_TEST_SHOWN_WEEKS`].
fn failed_recently(product: ProductId, tests: &[PatchTest], today: Date) -> bool {
    tests
        .iter()
        .rev()
        .find(|t| t.product_id == product)
        .is_some_and(|t| {
            t.result == Some(PatchResult::Failed)
                && t.ended.is_some_and(|ended| {
                    (today - ended).get_days() <= FAILED_TEST_SHOWN_WEEKS as i32 * 7
                })
        })
}

/// Whether a product must pass a patch test before it goes on the face: a new product, unless
/// it rinses off (docs/domain.md: a patch test is not meaningful for rinse-off cleansers).
pub fn needs_patch_test(product: &RoutineProduct) -> bool {
    product.new && !product.product.rinse_off
}

/// Whether a product is a retinoid (the planner's own test).
fn is_retinoid(product: &RoutineProduct) -> bool {
    product
        .product
        .actives
        .iter()
        .any(|a| a.class == Class::Retinoid)
}

/// A week planned from the saved shelf, with the shelf id of each of its products.
#[derive(Debug)]
pub struct Planned {
    /// The plan.
    pub plan: Plan,
    /// `ids[i]` is the shelf id of the plan's product `i`.
    pub ids: Vec<ProductId>,
    /// For each of `ids` that is a retinoid which may go on the face (its patch test passed or
    /// was never needed): the first day it may.
    retinoid_from: Vec<Option<Date>>,
    /// The retinoid start the plan assumed when the profile gives none: the first night the
    /// last kept plan put a retinoid on the face, once that night has come.
    retinoid_started: Option<Date>,
}

impl Planned {
    /// Whether the plan's step names a retinoid that is on the face on `day`.
    fn retinoid_on(&self, product: ProductId, day: Date) -> bool {
        retinoid_on(&self.ids, &self.retinoid_from, product, day)
    }
}

fn retinoid_on(ids: &[ProductId], from: &[Option<Date>], product: ProductId, day: Date) -> bool {
    ids.iter()
        .zip(from)
        .any(|(id, from)| *id == product && from.is_some_and(|from| from <= day))
}

/// The first day a kept plan puts a product on the face for which `on_face` holds, from the
/// day it was kept on.
fn first_day(plan: &SavedPlan, on_face: impl Fn(ProductId, Date) -> bool) -> Option<Date> {
    let weeks = plan.weeks.iter().map(|w| w.from_week).max().unwrap_or(1);
    let mut day = plan.starts.max(plan.created);
    let last = plan
        .starts
        .checked_add(jiff::Span::new().days(i64::from(weeks) * 7))
        .ok()?;
    while day < last {
        if plan
            .sessions_on(day)
            .iter()
            .any(|s| s.steps.iter().any(|st| on_face(st.product_id, day)))
        {
            return Some(day);
        }
        day = day.tomorrow().ok()?;
    }
    None
}

/// Plans the week from the saved profile and shelf, changing little from the last saved plan.
pub fn plan_saved<S: Store + ?Sized>(store: &S, today: Date) -> Result<Planned> {
    plan_with(store, None, None, today)
}

/// Keeps a plan made from the saved shelf, for Today and check-offs, starting today; returns
/// its id. When the profile does not say when the person started a retinoid and the plan puts
/// one on the face, the day it first does is saved as the start, so planning again later
/// continues the ramp-up instead of restarting it. The store takes no start in the future: a
/// first retinoid night still to come is saved when the person plans again after it (planning
/// reads it from the kept plan meanwhile).
pub fn keep<S: Store + ?Sized>(store: &mut S, planned: &Planned, today: Date) -> Result<i64> {
    let kept = saved_plan(&planned.plan, &planned.ids, today);
    let id = store.save_plan(&kept)?;
    if let Some(mut profile) = store.profile()?
        && profile.retinoid_started.is_none()
    {
        let started = planned.retinoid_started.or_else(|| {
            first_day(&kept, |product, day| planned.retinoid_on(product, day))
                .filter(|day| *day <= today)
        });
        if let Some(started) = started {
            profile.retinoid_started = Some(started);
            store.set_profile(&profile, today)?;
        }
    }
    Ok(id)
}

/// The latest kept plan.
pub fn latest<S: Store + ?Sized>(store: &S) -> Result<SavedPlan> {
    store
        .latest_plan()?
        .ok_or_else(|| Error::conflict("no_plan", "no plan saved yet"))
}

/// The Monday on or before a day.
pub fn monday_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

/// A plan made from the saved shelf, as saved: steps name products by shelf id. It starts
/// today: its week 1 is the 7 days from today, each day with its weekday's sessions.
pub fn saved_plan(plan: &Plan, ids: &[ProductId], today: Date) -> SavedPlan {
    SavedPlan {
        id: 0,
        created: today,
        starts: today,
        weeks: plan
            .weeks
            .iter()
            .map(|w| SavedWeek {
                from_week: w.from_week,
                to_week: w.to_week,
                sessions: w
                    .sessions
                    .iter()
                    .map(|s| SavedSession {
                        day: s.day,
                        time: s.time,
                        steps: s
                            .steps
                            .iter()
                            .filter_map(|st| {
                                Some(SavedStep {
                                    product_id: *ids.get(st.product)?,
                                    name: st.name.clone(),
                                    step: st.step,
                                    layers: st.layers,
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The last saved plan's steady week as the planner's `previous` days, by product name.
pub fn previous_days(plan: &SavedPlan) -> Vec<(String, [u8; 2])> {
    let mut days: Vec<(String, [u8; 2])> = Vec::new();
    let Some(week) = plan.weeks.last() else {
        return days;
    };
    for session in &week.sessions {
        let t = usize::from(session.time == Time::Pm);
        for step in &session.steps {
            let bit = 1u8 << session.day;
            match days.iter_mut().find(|(n, _)| *n == step.name) {
                Some((_, masks)) => masks[t] |= bit,
                None => {
                    let mut masks = [0u8; 2];
                    masks[t] = bit;
                    days.push((step.name.clone(), masks));
                }
            }
        }
    }
    days
}

/// Plans the week with a profile or a shelf the person gives instead of the saved one (the CLI's
/// `--profile` and `--shelf` files); what is not given is read as [`plan_saved`] reads it.
/// Planning the saved shelf again changes little from the last saved plan; `ids` is empty when
/// the shelf was given, so such a plan cannot be kept.
pub fn plan_with<S: Store + ?Sized>(
    store: &S,
    profile: Option<PlanProfile>,
    shelf: Option<Vec<ShelfItem>>,
    today: Date,
) -> Result<Planned> {
    /// Who the plan is for: a profile given, or the saved one (read as the planner takes it
    /// once the retinoid start is known).
    enum Person {
        Given(PlanProfile),
        Saved(StoredProfile),
    }
    let kb = glasskin_kb::kb();
    let person = match profile {
        Some(profile) => Person::Given(profile),
        None => Person::Saved(
            store
                .profile()?
                .ok_or_else(|| Error::conflict("no_profile", "no profile saved yet"))?,
        ),
    };
    let last = match shelf {
        Some(_) => None,
        None => store.latest_plan()?,
    };
    let (shelf, ids, retinoid_from) = match shelf {
        Some(shelf) if shelf.is_empty() => return Err(empty_shelf()),
        Some(shelf) => (shelf, Vec::new(), Vec::new()),
        None => {
            let tests = store.patch_tests()?;
            let (shelf, ids) = shelf_items(store.products()?, &tests, kb, today);
            if shelf.is_empty() {
                return Err(empty_shelf());
            }
            let from = shelf
                .iter()
                .zip(&ids)
                .map(|(item, id)| {
                    (is_retinoid(&item.product) && !needs_patch_test(&item.product))
                        .then(|| passed_on(*id, &tests).unwrap_or(Date::MIN))
                })
                .collect();
            (shelf, ids, from)
        }
    };
    // With no start in the profile, the last kept plan's first retinoid night, once it came.
    let retinoid_started = match (&person, &last) {
        (Person::Saved(saved), Some(last)) if saved.retinoid_started.is_none() => {
            first_day(last, |product, day| {
                retinoid_on(&ids, &retinoid_from, product, day)
            })
            .filter(|day| *day <= today)
        }
        _ => None,
    };
    let mut profile = match person {
        Person::Given(profile) => profile,
        Person::Saved(mut saved) => {
            saved.retinoid_started = saved.retinoid_started.or(retinoid_started);
            plan_profile(&saved, today)
        }
    };
    if let Some(last) = &last {
        profile.previous = previous_days(last);
    }
    let plan = glasskin_core::plan::plan(&profile, &shelf, glasskin_kb::advice());
    Ok(Planned {
        plan,
        ids,
        retinoid_from,
        retinoid_started,
    })
}

/// The day a product's last patch test passed, if it did.
fn passed_on(product: ProductId, tests: &[PatchTest]) -> Option<Date> {
    tests
        .iter()
        .rev()
        .find(|t| t.product_id == product && t.ended.is_some())
        .filter(|t| t.result == Some(PatchResult::Passed))
        .and_then(|t| t.ended)
}

/// Plans the week from a profile and a shelf the person gives, with nothing saved involved;
/// an empty shelf is refused as an empty saved one is.
pub fn plan_given(profile: &PlanProfile, shelf: &[ShelfItem]) -> Result<Plan> {
    if shelf.is_empty() {
        return Err(empty_shelf());
    }
    Ok(glasskin_core::plan::plan(
        profile,
        shelf,
        glasskin_kb::advice(),
    ))
}

/// Nothing to plan: the same refusal for a saved shelf and a shelf file.
fn empty_shelf() -> Error {
    Error::conflict("empty_shelf", "the shelf has no products to plan")
}

#[cfg(test)]
pub(crate) mod tests;
