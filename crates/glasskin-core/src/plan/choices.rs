//! What the shelf decides as a whole, before any week is planned: one retinoid when there are
//! several, one of each essential step a session (wash, oil cleanser, moisturiser, sunscreen),
//! and the week each new product starts on the face.

use crate::advice::{RoutineProduct, Time};
use crate::kb::Class;
use crate::product::Step;

use super::placement::{exfoliates, is_medicated, is_retinoid, is_rinse_off};
use super::{Concern, PatchTestState, Placement, PlanProfile, Role, ShelfItem};

/// Weeks between two new products' starts: one new product in any four weeks but two, so a
/// reaction can be traced and "several new products at once" never applies.
pub(super) const START_SPACING: u32 = 2;

/// The shelf's decisions, by shelf index.
pub(super) struct Choices {
    /// Left out of every week, with why.
    pub out: Vec<Option<String>>,
    /// Times set by the shelf as a whole (two washes split between morning and evening), with
    /// why.
    pub times: Vec<Option<(Time, String)>>,
    /// The week a new product starts on the face (its patch test is the week before); 1 for
    /// the others. Set by [`start_weeks`].
    pub starts: Vec<u32>,
}

/// Decides for the shelf, from each product's own placement (`own`: what the person and the
/// product alone call for).
pub(super) fn choose(profile: &PlanProfile, shelf: &[ShelfItem], own: &[Placement]) -> Choices {
    let mut choices = Choices {
        out: vec![None; shelf.len()],
        times: vec![None; shelf.len()],
        starts: vec![1; shelf.len()],
    };
    let usable = |i: usize| own[i].role != Role::Out;
    one_retinoid(profile, shelf, &usable, &mut choices);
    one_of_each_a_session(shelf, own, &usable, &mut choices);
    choices
}

/// Two retinoids never share a night, and alternating them only doubles the irritation to get
/// used to: the one with the best evidence for the person's concerns stays.
fn one_retinoid(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    usable: &dyn Fn(usize) -> bool,
    choices: &mut Choices,
) {
    let acne = profile.concerns.contains(&Concern::Acne);
    // An exfoliant with a little retinoid is planned as an exfoliant, not chosen here.
    let retinoids: Vec<usize> = (0..shelf.len())
        .filter(|&i| {
            let p = &shelf[i].product;
            usable(i) && is_retinoid(p) && !exfoliates(p)
        })
        .collect();
    let Some(&best) = retinoids
        .iter()
        .min_by_key(|&&i| (evidence_rank(&shelf[i].product, acne), i))
    else {
        return;
    };
    let why = if acne {
        "it has the stronger evidence for acne (guideline: Zaenglein 2016)"
    } else {
        "it has the stronger evidence for ageing skin (Mukherjee 2006)"
    };
    for &i in retinoids.iter().filter(|&&i| i != best) {
        choices.out[i] = Some(format!(
            "one retinoid at a time: {} stays, as {why}",
            shelf[best].product.name
        ));
    }
}

/// Lower is better. For acne the prescription retinoids approved for it come first; for ageing,
/// tretinoin (approved for photoageing), then the cosmetic retinoids by how directly they become
/// retinoic acid in the skin.
fn evidence_rank(p: &RoutineProduct, acne: bool) -> u8 {
    let form = p
        .product
        .actives
        .iter()
        .filter(|a| a.class == Class::Retinoid)
        .filter_map(|a| a.form)
        .next()
        .unwrap_or("");
    let order: &[&str] = if acne {
        &[
            "tretinoin",
            "adapalene",
            "tazarotene",
            "retinal",
            "retinol",
            "hydroxypinacolone",
            "retinyl",
        ]
    } else {
        &[
            "tretinoin",
            "tazarotene",
            "retinal",
            "retinol",
            "adapalene",
            "hydroxypinacolone",
            "retinyl",
        ]
    };
    order
        .iter()
        .position(|f| form.starts_with(f))
        .unwrap_or(order.len()) as u8
}

/// One of each essential step a session. Two water-based washes in one session strip the skin:
/// a medicated wash takes the mornings (the evening's double cleanse and treatments go on
/// gentler skin) and a gentle one the evenings; an exfoliating wash is scheduled with the
/// exfoliants and replaces the gentle wash on its nights. Of two moisturisers the lighter takes
/// the mornings. A product with no session left (a third wash, a second sunscreen) is left out.
fn one_of_each_a_session(
    shelf: &[ShelfItem],
    own: &[Placement],
    usable: &dyn Fn(usize) -> bool,
    choices: &mut Choices,
) {
    for step in [
        Step::WaterCleanser,
        Step::OilCleanser,
        Step::Moisturizer,
        Step::Sunscreen,
    ] {
        let mut same: Vec<usize> = (0..shelf.len())
            .filter(|&i| {
                usable(i)
                    && choices.out[i].is_none()
                    && shelf[i].product.product.step == step
                    && !exfoliates(&shelf[i].product)
            })
            .collect();
        if same.len() < 2 {
            continue;
        }
        same.sort_by_key(|&i| {
            let p = &shelf[i].product;
            (!is_medicated(p), p.product.texture, i)
        });
        let mut taken: Vec<(Time, usize)> = Vec::new();
        for (k, &i) in same.iter().enumerate() {
            let item = &shelf[i];
            let medicated = step == Step::WaterCleanser && is_medicated(&item.product);
            let preferred = match step {
                Step::WaterCleanser if !medicated => [Time::Pm, Time::Am],
                _ if k == 0 => [Time::Am, Time::Pm],
                _ => [Time::Pm, Time::Am],
            };
            // Its own times (a medicated wash may take the morning even on skin whose gentle
            // wash is for evenings), unless the person fixed one that placement kept: a time
            // against the sun (a sunscreen asked for the evening) was not kept there.
            let allowed = |t: &Time| match item.time {
                Some(time) if own[i].times.contains(&time) => *t == time,
                _ => medicated || own[i].times.contains(t),
            };
            let free = preferred
                .into_iter()
                .filter(allowed)
                .find(|t| taken.iter().all(|(u, _)| u != t));
            let what = step.label();
            let Some(time) = free else {
                let names: Vec<&str> = taken
                    .iter()
                    .map(|&(_, w)| shelf[w].product.name.as_str())
                    .collect();
                choices.out[i] = Some(format!(
                    "one {what} a session, and {} already {} it",
                    names.join(" and "),
                    if names.len() == 1 { "has" } else { "have" }
                ));
                continue;
            };
            let why = match taken.first() {
                Some(&(_, other)) => format!(
                    "{}s: one {what} a session, and {} has the {}s",
                    time.label(),
                    shelf[other].product.name,
                    other_time(time).label()
                ),
                None if medicated => format!(
                    "{}s: one {what} a session, and a medicated wash suits the morning",
                    time.label()
                ),
                None if step == Step::Moisturizer => format!(
                    "{}s: one {what} a session, the lighter one by day",
                    time.label()
                ),
                None => format!("{}s: one {what} a session", time.label()),
            };
            choices.times[i] = Some((time, why));
            taken.push((time, i));
        }
    }
}

fn other_time(time: Time) -> Time {
    match time {
        Time::Am => Time::Pm,
        Time::Pm => Time::Am,
    }
}

/// New products start one at a time, [`START_SPACING`] weeks apart: a rinse-off product needs
/// no patch test and may start in week 1; the others spend the week before their start on the
/// inner arm. A sunscreen goes first (the actives that make skin sun-sensitive wait for it),
/// then a running patch test. A product starts no earlier than `not_before` says (an exfoliant
/// while a retinoid's start leaves no exfoliation night), so its patch test is the week before it
/// really starts.
pub(super) fn start_weeks(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    usable: &dyn Fn(usize) -> bool,
    not_before: &dyn Fn(usize) -> u32,
    choices: &mut Choices,
) {
    let new: Vec<usize> = (0..shelf.len())
        .filter(|&i| usable(i) && choices.out[i].is_none() && shelf[i].product.new)
        .collect();
    let is_sunscreen = |i: usize| shelf[i].product.product.step == Step::Sunscreen;
    // With make-up days unknown, the evening's oil cleanser removes sunscreen: a new one starts
    // after the sunscreen when that is new too.
    let sunscreen_is_new = new.iter().any(|&i| is_sunscreen(i))
        && !(0..shelf.len()).any(|i| is_sunscreen(i) && usable(i) && !shelf[i].product.new);
    let earliest = |i: usize| {
        let waits_for_sunscreen = profile.makeup_days.is_none()
            && sunscreen_is_new
            && shelf[i].product.product.step == Step::OilCleanser;
        let alone = if is_rinse_off(&shelf[i].product) && !waits_for_sunscreen {
            1
        } else {
            2
        };
        alone.max(not_before(i))
    };
    let mut order = new;
    order.sort_by_key(|&i| {
        let running = matches!(shelf[i].patch_test, PatchTestState::Running { .. });
        (earliest(i), !is_sunscreen(i), !running, i)
    });
    let mut next = 1;
    for i in order {
        let start = earliest(i).max(next);
        choices.starts[i] = start;
        next = start + START_SPACING;
    }
}
