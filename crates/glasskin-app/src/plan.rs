//! Planning from what is saved: the stored profile and shelf as the planner takes them, the
//! week planned, and a plan kept so that Today can follow it.

use glasskin_core::KnowledgeBase;
use glasskin_core::advice::{Profile, RoutineProduct, SkinType, Time};
use glasskin_core::plan::{PatchTestState, Plan, PlanProfile, ShelfItem};
use glasskin_store::{
    ProductId, SavedPlan, SavedSession, SavedStep, SavedWeek, Status, Store, StoredProfile,
};
use jiff::civil::Date;

use crate::error::{Error, Result};

/// Weeks on a retinoid during which a person counts as new to it.
const RETINOID_NEW_WEEKS: u32 = 6;

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
            new_to_retinoids: retinoid_weeks.is_some_and(|w| w < RETINOID_NEW_WEEKS),
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

/// The products in use or unopened, as the planner takes them, with their shelf ids.
pub fn plan_shelf<S: Store + ?Sized>(
    store: &S,
    kb: &KnowledgeBase,
) -> Result<(Vec<ShelfItem>, Vec<ProductId>)> {
    Ok(store
        .products()?
        .into_iter()
        .filter(|p| matches!(p.status, Status::InUse | Status::Unopened))
        .filter_map(|p| {
            let id = p.id;
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
                    patch_test: PatchTestState::default(),
                    expired: None,
                },
                id,
            ))
        })
        .unzip())
}

/// A week planned from the saved shelf, with the shelf id of each of its products.
#[derive(Debug)]
pub struct Planned {
    /// The plan.
    pub plan: Plan,
    /// `ids[i]` is the shelf id of the plan's product `i`.
    pub ids: Vec<ProductId>,
}

/// Plans the week from the saved profile and shelf, changing little from the last saved plan.
pub fn plan_saved<S: Store + ?Sized>(store: &S, today: Date) -> Result<Planned> {
    plan_with(store, None, None, today)
}

/// Keeps a plan made from the saved shelf, for Today and check-offs; returns its id.
pub fn keep<S: Store + ?Sized>(store: &mut S, planned: &Planned, today: Date) -> Result<i64> {
    Ok(store.save_plan(&saved_plan(&planned.plan, &planned.ids, today))?)
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

/// A plan made from the saved shelf, as saved: steps name products by shelf id.
pub fn saved_plan(plan: &Plan, ids: &[ProductId], today: Date) -> SavedPlan {
    SavedPlan {
        id: 0,
        created: today,
        starts: monday_of(today),
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
    let kb = glasskin_kb::kb();
    let mut profile = match profile {
        Some(profile) => profile,
        None => {
            let saved = store
                .profile()?
                .ok_or_else(|| Error::conflict("no_profile", "no profile saved yet"))?;
            plan_profile(&saved, today)
        }
    };
    let (shelf, ids) = match shelf {
        Some(shelf) => (shelf, Vec::new()),
        None => {
            if let Some(last) = store.latest_plan()? {
                profile.previous = previous_days(&last);
            }
            let (shelf, ids) = plan_shelf(store, kb)?;
            if shelf.is_empty() {
                return Err(Error::conflict(
                    "empty_shelf",
                    "no products in use or unopened on the shelf",
                ));
            }
            (shelf, ids)
        }
    };
    let plan = glasskin_core::plan::plan(&profile, &shelf, glasskin_kb::advice());
    Ok(Planned { plan, ids })
}

/// Plans the week from a profile and a shelf the person gives, with nothing saved involved.
pub fn plan_given(profile: &PlanProfile, shelf: &[ShelfItem]) -> Plan {
    glasskin_core::plan::plan(profile, shelf, glasskin_kb::advice())
}
