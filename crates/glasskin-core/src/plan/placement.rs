//! Each product's part in the week, decided before the search: daily, on chosen days or out of
//! the face routine, at which times, how often and on which days, within the retinoid and
//! exfoliation budgets.

use crate::advice::{DAYS, Profile, RoutineProduct, SkinType, Time};
use crate::kb::Class;
use crate::product::Step;

use super::{Frequency, PatchTestState, Placement, PlanProfile, Role, ShelfItem};

/// Retinoid nights per week: two at first, building every fortnight to the steady target.
pub(super) fn retinoid_target(person: &Profile, weeks_in: Option<u32>) -> u8 {
    let steady = if person.sensitive || person.skin_type == SkinType::Dry {
        4
    } else {
        7
    };
    match weeks_in {
        None => steady,
        Some(w) => [2, 2, 3, 3, 4, 4]
            .get(w as usize)
            .copied()
            .unwrap_or(steady)
            .min(steady),
    }
}

pub(super) fn is_retinoid(p: &RoutineProduct) -> bool {
    p.product.is_retinoid_treatment()
}

pub(super) fn is_rinse_off(p: &RoutineProduct) -> bool {
    p.product.rinse_off
}

fn has_active(p: &RoutineProduct, class: Class) -> bool {
    p.product.actives.iter().any(|a| a.class == class)
}

pub(super) fn exfoliates(p: &RoutineProduct) -> bool {
    p.product.exfoliates()
}

/// A water-based wash: one a session.
pub(super) fn is_wash(p: &RoutineProduct) -> bool {
    p.product.step == Step::WaterCleanser
}

/// A mask: never essential, one a night.
pub(super) fn is_mask(p: &RoutineProduct) -> bool {
    matches!(
        p.product.step,
        Step::SheetMask | Step::WashOffMask | Step::SleepingMask
    )
}

/// A wash with a drug or an exfoliating acid in it (benzoyl peroxide, salicylic acid).
pub(super) fn is_medicated(p: &RoutineProduct) -> bool {
    has_active(p, Class::BenzoylPeroxide)
        || p.product
            .actives
            .iter()
            .any(|a| matches!(a.class, Class::Aha | Class::Bha | Class::Pha) && a.major)
}

/// The steps a routine keeps whatever its length: cleanse, moisturise, protect.
pub(super) fn is_core(p: &RoutineProduct) -> bool {
    matches!(
        p.product.step,
        Step::OilCleanser | Step::WaterCleanser | Step::Moisturizer | Step::Sunscreen
    )
}

/// Decides a product's role, times, target and days before the search; `budget` is the
/// person's exfoliation nights this week.
pub(super) fn place(
    item: &ShelfItem,
    profile: &PlanProfile,
    retinoid_nights: u8,
    tretinoin_on_shelf: bool,
    budget: u8,
) -> Placement {
    let p = &item.product;
    let person = &profile.person;
    let step = p.product.step;
    let both = vec![Time::Am, Time::Pm];
    let mut placement = Placement {
        role: Role::Daily,
        times: both.clone(),
        target: 7,
        days: (0..7).collect(),
        weight: 1,
        exfoliates: false,
        retinoid: false,
        why: String::new(),
    };

    let out = Placement::left_out;
    if let Some(expired) = &item.expired {
        return out(&format!("{expired}: replace it"));
    }
    if let (true, PatchTestState::Failed { reaction }) = (p.new, &item.patch_test) {
        return out(&format!(
            "its patch test failed ({reaction}): keep it off your face"
        ));
    }
    if matches!(step, Step::Body | Step::Other) {
        return out("not a face product, so not in the face routine");
    }
    if profile.fragrance_free && !p.product.flags.fragrance_free {
        return out("it has fragrance, and you asked for fragrance-free");
    }
    // Pregnancy is the rules' (`leave_out_by_profile`): by ingredient, form and level.
    let retinoid = is_retinoid(p);
    if person.irritated && (retinoid || has_active(p, Class::BenzoylPeroxide)) {
        return out("paused while your skin is irritated");
    }
    let exfoliant = exfoliates(p);
    if person.irritated && exfoliant {
        return out("no exfoliation while your skin is irritated");
    }
    if exfoliant && budget == 0 {
        return out(if person.new_to_retinoids {
            "no exfoliation while you start a retinoid: it comes back once your skin is used to it"
        } else {
            "your skin's exfoliation budget is no nights a week"
        });
    }
    placement.why = match step {
        Step::Sunscreen => {
            placement.times = vec![Time::Am];
            "every morning, last".into()
        }
        Step::OilCleanser => {
            placement.times = vec![Time::Pm];
            "evenings, first: it dissolves sunscreen and make-up (double cleanse)".into()
        }
        Step::WaterCleanser => {
            if matches!(person.skin_type, SkinType::Dry) || person.sensitive {
                placement.times = vec![Time::Pm];
                "evenings; in the morning a rinse with water is enough for dry or sensitive skin"
                    .into()
            } else {
                "morning and evening".into()
            }
        }
        Step::SheetMask => {
            placement.role = Role::Scheduled;
            placement.times = vec![Time::Pm];
            placement.target = 2;
            placement.weight = 2;
            "twice a week in the evening, after serums".into()
        }
        Step::WashOffMask => {
            placement.role = Role::Scheduled;
            placement.times = vec![Time::Pm];
            placement.target = 1;
            placement.weight = 2;
            "once a week in the evening, after cleansing".into()
        }
        Step::SleepingMask => {
            placement.role = Role::Scheduled;
            placement.times = vec![Time::Pm];
            placement.target = 2;
            placement.weight = 2;
            "twice a week, last thing in the evening".into()
        }
        Step::SpotTreatment => {
            placement.times = vec![Time::Pm];
            "evenings, on spots only".into()
        }
        Step::FaceOil | Step::LipCare => {
            placement.times = vec![Time::Pm];
            "evenings, last".into()
        }
        _ => "morning and evening".into(),
    };
    if exfoliant {
        placement.role = Role::Scheduled;
        placement.times = vec![Time::Pm];
        placement.exfoliates = true;
        placement.target = budget;
        placement.weight = 4;
        placement.why = format!(
            "evenings only (sun sensitivity), within {} exfoliation {} a week for {} skin",
            placement.target,
            if placement.target == 1 {
                "night"
            } else {
                "nights"
            },
            person.skin_type.label()
        );
    } else if retinoid {
        placement.role = Role::Scheduled;
        placement.times = vec![Time::Pm];
        placement.retinoid = true;
        placement.target = retinoid_nights;
        placement.weight = 8;
        let full = retinoid_target(person, None);
        let ramping = profile
            .retinoid_weeks
            .is_none_or(|w| retinoid_target(person, Some(w)) < full);
        placement.why = match retinoid_nights {
            7.. => "every evening (retinoids break down in sunlight)".into(),
            n if ramping => {
                format!("{n} evenings a week, building up as your skin gets used to it")
            }
            n if n < full => format!("{n} evenings a week, leaving the exfoliation nights free"),
            n => format!("{n} evenings a week, the most dry or sensitive skin usually takes"),
        };
    } else if p
        .product
        .actives
        .iter()
        .any(|a| a.class == Class::VitaminC && a.form == Some("L-ascorbic acid"))
    {
        placement.times = vec![Time::Am];
        placement.weight = 3;
        placement.why = "mornings: antioxidant protection under sunscreen".into();
    } else if has_active(p, Class::BenzoylPeroxide) && !p.product.rinse_off {
        placement.times = vec![if tretinoin_on_shelf {
            Time::Am
        } else {
            Time::Pm
        }];
        placement.weight = 3;
        placement.why = if tretinoin_on_shelf {
            "mornings, away from the tretinoin evenings (benzoyl peroxide breaks it down)".into()
        } else {
            "evenings".into()
        };
    } else if has_active(p, Class::CopperPeptide) || has_active(p, Class::Hydroquinone) {
        placement.times = vec![Time::Pm];
        placement.weight = 3;
        placement.why = "evenings".into();
    }
    // A citrus oil that burns in sunlight waits for the evening.
    let phototoxic = !p.product.flags.phototoxic.is_empty() && step != Step::Sunscreen;
    if phototoxic {
        placement.times = vec![Time::Pm];
        placement.why = format!(
            "{}; evenings only: {} can burn or darken skin in sunlight",
            placement.why,
            p.product.flags.phototoxic.join(", ")
        );
    }
    // What the person fixed wins where it can: not against the sun (sunscreen by day; acids,
    // retinoids, phototoxic oils, masks and the double cleanse by night).
    if let Some(time) = item.time {
        let both = placement.times.len() == 2;
        let fixed_by_the_sun = exfoliant
            || retinoid
            || phototoxic
            || matches!(
                step,
                Step::Sunscreen
                    | Step::OilCleanser
                    | Step::SheetMask
                    | Step::WashOffMask
                    | Step::SleepingMask
            );
        if !placement.times.contains(&time) && fixed_by_the_sun {
            placement.why = format!(
                "{} (not in the {}, as you asked: it belongs to the {})",
                placement.why,
                plural(time),
                plural(placement.times.first().copied().unwrap_or(time))
            );
        } else {
            placement.times = vec![time];
            placement.why = if both && placement.role == Role::Daily {
                format!("{} only, as you asked", plural(time))
            } else {
                format!("{} ({} only, as you asked)", placement.why, plural(time))
            };
        }
    }
    if let Some(frequency) = &item.frequency {
        placement.role = Role::Scheduled;
        placement.weight = placement.weight.max(5);
        let asked = match frequency {
            Frequency::Daily => {
                placement.target = 7;
                "every day".to_owned()
            }
            Frequency::EveryOtherDay => {
                placement.target = 4;
                "every other day".to_owned()
            }
            Frequency::TimesPerWeek(n) => {
                placement.target = (*n).min(7);
                format!("{} times a week", placement.target)
            }
            Frequency::Days(days) => {
                placement.days = days.clone();
                placement.target = days.len().min(7) as u8;
                let names: Vec<&str> = days.iter().filter_map(|&d| DAYS.get(d).copied()).collect();
                format!("on {}", names.join(", "))
            }
        };
        placement.why = format!("{asked}, as you asked");
        if placement.exfoliates {
            placement.target = placement.target.min(budget);
        }
    }
    // A label glasskin could not read: its place rests on its name, and the person is told.
    if !p.product.declared && p.product.flags.coverage.mostly_unrecognised() {
        placement.why = format!(
            "{} (as a {}, from its name alone: its label could not be read)",
            placement.why,
            step.label()
        );
    }
    placement
}

/// "mornings" or "evenings".
fn plural(time: Time) -> String {
    format!("{}s", time.label())
}
