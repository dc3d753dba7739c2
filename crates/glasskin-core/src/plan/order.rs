//! Putting a session's products in Korean step order (docs/domain.md), with toner layers, the
//! evening double cleanse, and routines cut to the person's length.

use crate::advice::{SkinType, Time};
use crate::product::Step;

use super::placement::{is_core, is_mask, is_wash};
use super::{Concern, Placement, PlanProfile, PlannedSession, PlannedStep, Role, ShelfItem};

/// Which step goes first when a routine must be cut to the person's length: masks (never
/// essential), then the extras, the layering steps, plain serums, treatments, the evening's
/// first cleanse, and last the scheduled actives. `None` for the steps every routine keeps: one
/// cleanse, moisturiser, sunscreen.
fn cut_order(
    item: &ShelfItem,
    placement: &Placement,
    session: &[usize],
    shelf: &[ShelfItem],
) -> Option<u8> {
    let washes = session.iter().any(|&q| is_wash(&shelf[q].product));
    Some(match item.product.product.step {
        _ if is_mask(&item.product) => 0,
        Step::EyeCare | Step::LipCare | Step::FaceOil => 1,
        Step::Essence => 2,
        Step::Toner => 3,
        Step::OilCleanser if washes => 6,
        _ if is_core(&item.product) => return None,
        _ if placement.role == Role::Scheduled => 7,
        Step::SpotTreatment => 5,
        _ if placement.weight > 1 => 5,
        _ => 4,
    })
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

/// A step left out of a session to fit the person's time.
pub(super) struct Cut {
    pub product: usize,
    pub day: usize,
    pub time: Time,
    /// On a short day (else for the step limit).
    pub short: bool,
}

/// The fourteen sessions of a week from the days chosen for each product, and the steps cut to
/// fit the person's time.
pub(super) fn sessions(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    placements: &[Placement],
    days: &[[u8; 2]],
) -> (Vec<PlannedSession>, Vec<Cut>) {
    let person = &profile.person;
    let seven_skin =
        person.skin_type == SkinType::Dry || profile.concerns.contains(&Concern::Dehydration);
    let has_sunscreen = shelf
        .iter()
        .zip(placements)
        .any(|(s, p)| p.role != Role::Out && s.product.product.step == Step::Sunscreen);
    let mut out = Vec::with_capacity(14);
    let mut cuts = Vec::new();
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
            members.sort_by_key(|&p| (rank(&shelf[p], time), p));
            let short = profile.short_days.contains(&day);
            let limit = match (short, profile.max_steps) {
                (true, Some(max)) => Some(max.min(SHORT_DAY_STEPS)),
                (true, None) => Some(SHORT_DAY_STEPS),
                (false, max) => max,
            };
            if let Some(limit) = limit {
                // Cut steps, first to go first, until it fits.
                while members.len() > limit {
                    let Some(at) = (0..members.len())
                        .filter_map(|k| {
                            let p = members[k];
                            cut_order(&shelf[p], &placements[p], &members, shelf)
                                .map(|order| (order, std::cmp::Reverse(k)))
                        })
                        .min()
                        .map(|(_, std::cmp::Reverse(k))| k)
                    else {
                        break;
                    };
                    cuts.push(Cut {
                        product: members.remove(at),
                        day,
                        time,
                        short,
                    });
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
    (out, cuts)
}
