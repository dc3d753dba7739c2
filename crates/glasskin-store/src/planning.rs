//! Between the store and the planner: the saved profile and shelf as the planner takes them,
//! and a plan as it is saved.

use glasskin_core::advice::{Profile, RoutineProduct, SkinType};
use glasskin_core::plan::{Concern, PlanProfile, ShelfItem};
use glasskin_core::{KnowledgeBase, Step};
use jiff::civil::Date;

use crate::{
    Result, SavedPlan, SavedSession, SavedStep, SavedWeek, Status, Store, StoreError, StoredProfile,
};

/// The stored profile, as the planner takes it.
pub fn plan_profile(p: &StoredProfile, today: Date) -> Result<PlanProfile> {
    let skin_type = SkinType::from_id(&p.skin_type).ok_or_else(|| {
        StoreError::Invalid(format!("the saved skin type `{}` is unknown", p.skin_type))
    })?;
    let retinoid_weeks = p.retinoid_started.map(|started| {
        let days = (today - started).get_days().max(0);
        u32::try_from(days / 7).unwrap_or(0)
    });
    Ok(PlanProfile {
        person: Profile {
            skin_type,
            sensitive: p.sensitive || skin_type == SkinType::Sensitive,
            pregnant: p.pregnant,
            new_to_retinoids: retinoid_weeks.is_some_and(|w| w < 6),
            irritated: p.irritated,
        },
        concerns: p
            .concerns
            .iter()
            .filter_map(|c| Concern::from_id(c))
            .collect(),
        retinoid_weeks,
        makeup_days: p.makeup_days.clone(),
        fragrance_free: p.fragrance_free,
        max_steps: p.max_steps,
        short_days: p.short_days.clone(),
        previous: Vec::new(),
    })
}

/// The products in use or unopened, as the planner takes them, with their shelf ids.
pub fn plan_shelf(store: &impl Store, kb: &KnowledgeBase) -> Result<(Vec<ShelfItem>, Vec<i64>)> {
    Ok(store
        .products()?
        .into_iter()
        .filter(|p| matches!(p.status, Status::InUse | Status::Unopened))
        .filter_map(|p| {
            let id = p.id;
            let analysis = glasskin_core::analyze(&p.label, kb);
            let list = analysis.products.into_iter().next()?;
            let declared = p.step.as_deref().and_then(Step::from_id);
            let product = glasskin_core::understand(Some(&p.name), &list, declared);
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
                },
                id,
            ))
        })
        .unzip())
}

/// The Monday on or before a day.
pub fn monday_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

/// A plan made from the saved shelf, as saved: steps name products by shelf id.
pub fn saved_plan(plan: &glasskin_core::plan::Plan, ids: &[i64], today: Date) -> SavedPlan {
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
                        time: s.time.id().to_owned(),
                        steps: s
                            .steps
                            .iter()
                            .filter_map(|st| {
                                Some(SavedStep {
                                    product_id: *ids.get(st.product)?,
                                    name: st.name.clone(),
                                    step: st.step.id().to_owned(),
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
        let t = usize::from(session.time == "pm");
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
