//! Putting a session's products in Korean step order (docs/domain.md), with toner layers, the
//! evening double cleanse, and routines cut to the person's length.

use crate::advice::{SkinType, Time};
use crate::product::Step;

use super::{Concern, Placement, PlanProfile, PlannedSession, PlannedStep, Role, ShelfItem};

/// Steps kept on short days and when a routine must be cut: cleanse, treat, moisturise, protect.
fn essential(step: Step, scheduled: bool) -> bool {
    scheduled
        || matches!(
            step,
            Step::OilCleanser
                | Step::WaterCleanser
                | Step::Moisturizer
                | Step::Sunscreen
                | Step::SpotTreatment
        )
}

/// Steps on a short day.
const SHORT_DAY_STEPS: usize = 4;

/// Where a product goes in a session: a rank, then thinner first, then low-pH actives first.
fn rank(item: &ShelfItem, time: Time) -> (u8, u8, bool) {
    let product = &item.product.product;
    let rinse_off = product.rinse_off;
    let stage = match product.step {
        Step::OilCleanser => 0,
        Step::WaterCleanser => 1,
        Step::Exfoliant if rinse_off => 2,
        Step::WashOffMask => 3,
        Step::Toner => 4,
        Step::Exfoliant => 5,
        Step::Essence => 6,
        Step::Serum => 7,
        Step::SpotTreatment => 8,
        Step::SheetMask => 9,
        Step::EyeCare => 10,
        Step::Moisturizer => 11,
        Step::SleepingMask | Step::FaceOil if time == Time::Pm => 12,
        Step::FaceOil => 11,
        Step::LipCare => 13,
        Step::Sunscreen => 14,
        _ => 7,
    };
    (stage, product.texture, !product.needs_low_ph)
}

/// The fourteen sessions of a week from the days chosen for each product.
pub(super) fn sessions(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    placements: &[Placement],
    days: &[[u8; 2]],
) -> Vec<PlannedSession> {
    let person = &profile.person;
    let seven_skin =
        person.skin_type == SkinType::Dry || profile.concerns.contains(&Concern::Dehydration);
    let has_sunscreen = shelf
        .iter()
        .zip(placements)
        .any(|(s, p)| p.role != Role::Out && s.product.product.step == Step::Sunscreen);
    let mut out = Vec::with_capacity(14);
    for day in 0..7 {
        for time in [Time::Am, Time::Pm] {
            let t = time as usize;
            let mut members: Vec<usize> = (0..shelf.len().min(days.len()))
                .filter(|&p| days[p][t] >> day & 1 == 1)
                .collect();
            // The double cleanse is for evenings after sunscreen or make-up.
            let made_up = match &profile.makeup_days {
                Some(list) => list.contains(&day),
                None => has_sunscreen,
            };
            if !made_up {
                members.retain(|&p| shelf[p].product.product.step != Step::OilCleanser);
            }
            // Masks replace nothing, but a sheet mask night skips the sleeping mask.
            members.sort_by_key(|&p| (rank(&shelf[p], time), p));
            let limit = if profile.short_days.contains(&day) {
                Some(
                    profile
                        .max_steps
                        .unwrap_or(SHORT_DAY_STEPS)
                        .min(SHORT_DAY_STEPS),
                )
            } else {
                profile.max_steps
            };
            if let Some(limit) = limit {
                // Drop optional steps from the end of the routine until it fits.
                while members.len() > limit {
                    let Some(at) = members.iter().rposition(|&p| {
                        !essential(
                            shelf[p].product.product.step,
                            placements[p].role == Role::Scheduled,
                        )
                    }) else {
                        break;
                    };
                    members.remove(at);
                }
            }
            let steps = members
                .iter()
                .map(|&p| {
                    let product = &shelf[p].product;
                    let layers = if product.product.step == Step::Toner
                        && seven_skin
                        && product.product.flags.seven_skin
                    {
                        if time == Time::Am { 3 } else { 5 }
                    } else {
                        1
                    };
                    PlannedStep {
                        product: p,
                        name: product.name.clone(),
                        step: product.product.step,
                        layers,
                    }
                })
                .collect();
            out.push(PlannedSession { day, time, steps });
        }
    }
    out
}
