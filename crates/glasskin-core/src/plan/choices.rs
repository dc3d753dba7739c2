//! What the shelf decides as a whole, before any week is planned: one retinoid when there are
//! several, one water-based wash a session, and the week each new product starts on the face.

use crate::advice::{RoutineProduct, Time};
use crate::kb::Class;

use super::placement::{exfoliates, is_medicated, is_retinoid, is_rinse_off, is_wash};
use super::{Concern, PatchTestState, PlanProfile, ShelfItem};

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
    /// the others.
    pub starts: Vec<u32>,
}

pub(super) fn choose(profile: &PlanProfile, shelf: &[ShelfItem]) -> Choices {
    let mut choices = Choices {
        out: vec![None; shelf.len()],
        times: vec![None; shelf.len()],
        starts: vec![1; shelf.len()],
    };
    let usable = |i: usize| {
        let item = &shelf[i];
        item.expired.is_none()
            && !(item.product.new && matches!(item.patch_test, PatchTestState::Failed { .. }))
    };
    one_retinoid(profile, shelf, &usable, &mut choices);
    one_wash_a_session(shelf, &usable, &mut choices);
    start_weeks(shelf, &usable, &mut choices);
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
    let retinoids: Vec<usize> = (0..shelf.len())
        .filter(|&i| usable(i) && is_retinoid(&shelf[i].product))
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

/// Two water-based washes in one session strip the skin: a medicated wash takes the mornings
/// (the evening's double cleanse and treatments go on gentler skin), a gentle one the
/// evenings, and a third is left out. An exfoliating wash is scheduled with the exfoliants and
/// replaces the gentle wash on its nights.
fn one_wash_a_session(shelf: &[ShelfItem], usable: &dyn Fn(usize) -> bool, choices: &mut Choices) {
    let mut washes: Vec<usize> = (0..shelf.len())
        .filter(|&i| usable(i) && is_wash(&shelf[i].product) && !exfoliates(&shelf[i].product))
        .collect();
    if washes.len() < 2 {
        return;
    }
    washes.sort_by_key(|&i| (!is_medicated(&shelf[i].product), i));
    let mut taken: Vec<(Time, usize)> = Vec::new();
    for &i in &washes {
        let medicated = is_medicated(&shelf[i].product);
        let preferred = match (shelf[i].time, medicated) {
            (Some(time), _) => vec![time],
            (None, true) => vec![Time::Am, Time::Pm],
            (None, false) => vec![Time::Pm, Time::Am],
        };
        match preferred
            .into_iter()
            .find(|t| taken.iter().all(|(u, _)| u != t))
        {
            Some(time) => {
                let why = match taken.first() {
                    Some(&(_, other)) => format!(
                        "{}s: one wash a session, and {} has the {}s",
                        time.label(),
                        shelf[other].product.name,
                        other_time(time).label()
                    ),
                    None if medicated => format!(
                        "{}s: one wash a session, and a medicated wash suits the morning",
                        time.label()
                    ),
                    None => format!("{}s: one wash a session", time.label()),
                };
                choices.times[i] = Some((time, why));
                taken.push((time, i));
            }
            None => {
                let names: Vec<&str> = taken
                    .iter()
                    .map(|&(_, w)| shelf[w].product.name.as_str())
                    .collect();
                choices.out[i] = Some(format!(
                    "one water-based wash a session, and {} already cover mornings and evenings",
                    names.join(" and ")
                ));
            }
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
/// inner arm. A running patch test goes first, then a sunscreen (the actives wait for it).
fn start_weeks(shelf: &[ShelfItem], usable: &dyn Fn(usize) -> bool, choices: &mut Choices) {
    let mut new: Vec<usize> = (0..shelf.len())
        .filter(|&i| usable(i) && choices.out[i].is_none() && shelf[i].product.new)
        .collect();
    let earliest = |i: usize| {
        if is_rinse_off(&shelf[i].product) {
            1
        } else {
            2
        }
    };
    new.sort_by_key(|&i| {
        let item = &shelf[i];
        (
            earliest(i),
            !matches!(item.patch_test, PatchTestState::Running { .. }),
            item.product.product.step != crate::product::Step::Sunscreen,
            i,
        )
    });
    let mut next = 1;
    for i in new {
        let start = earliest(i).max(next);
        choices.starts[i] = start;
        next = start + START_SPACING;
    }
}
