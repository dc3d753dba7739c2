//! What the shelf lacks for the person (a sunscreen, an oil cleanser, a moisturiser…): the gaps a
//! plan reports, each with the classes to look for.

use crate::advice::{RoutineProduct, SkinType};
use crate::analyze::OnePercent;
use crate::kb::Class;
use crate::product::Step;

use super::{Concern, Gap, PlanProfile, ShelfItem};

/// What the shelf lacks for this person, given why the plan leaves products out (`out`, by
/// shelf index): a product the person cannot use does not fill its step.
pub(super) fn gaps(profile: &PlanProfile, shelf: &[ShelfItem], out: &[Option<String>]) -> Vec<Gap> {
    let is_step =
        |p: &RoutineProduct, step: Step| p.product.step == step || p.product.also.contains(&step);
    let usable: Vec<&RoutineProduct> = shelf
        .iter()
        .zip(out)
        .filter(|(_, out)| out.is_none())
        .map(|(s, _)| &s.product)
        .collect();
    let has_step = |step: Step| usable.iter().any(|p| is_step(p, step));
    let mut gaps = Vec::new();
    // A product past its date is named, whatever else the shelf has.
    for item in shelf.iter().filter(|s| s.expired.is_some()) {
        gaps.push(Gap {
            message: format!(
                "replace your {}: {} is {}",
                item.product.product.step.label(),
                item.product.name,
                item.expired.as_deref().unwrap_or("past its date")
            ),
            look_for: if is_step(&item.product, Step::Sunscreen) {
                vec![Class::UvFilter]
            } else {
                Vec::new()
            },
        });
    }
    let expired_sunscreen = shelf
        .iter()
        .any(|s| s.expired.is_some() && is_step(&s.product, Step::Sunscreen));
    if !has_step(Step::Sunscreen) && !expired_sunscreen {
        let unusable: Vec<String> = shelf
            .iter()
            .zip(out)
            .filter(|(s, _)| is_step(&s.product, Step::Sunscreen) && s.expired.is_none())
            .filter_map(|(s, why)| Some(format!("{}: {}", s.product.name, why.as_deref()?)))
            .collect();
        gaps.push(Gap {
            message: if unusable.is_empty() {
                "no sunscreen: every morning should end with a broad-spectrum SPF 30+".into()
            } else {
                format!(
                    "no sunscreen you can use ({}): every morning should end with a broad-spectrum SPF 30+",
                    unusable.join("; ")
                )
            },
            look_for: vec![Class::UvFilter],
        });
    }
    let makeup = profile.makeup_days.as_ref().is_none_or(|d| !d.is_empty());
    if has_step(Step::Sunscreen) && makeup && !has_step(Step::OilCleanser) {
        gaps.push(Gap {
            message: "no oil cleanser, though you wear sunscreen: an oil or balm cleanser removes it before the water-based cleanser".into(),
            look_for: vec![Class::OilCleanserEmulsifier, Class::PlantOil, Class::Ester],
        });
    }
    if !has_step(Step::WaterCleanser) {
        gaps.push(Gap {
            message: "no gentle water-based cleanser".into(),
            look_for: vec![Class::MildSurfactant],
        });
    }
    if !has_step(Step::Moisturizer) && !has_step(Step::SleepingMask) {
        gaps.push(Gap {
            message: "no moisturiser to seal in the watery layers".into(),
            look_for: vec![Class::Humectant, Class::Emollient, Class::Occlusive],
        });
    }
    for concern in &profile.concerns {
        // Enough of it to count: an active above the 1% line (or a drug at any strength), or a
        // humectant or soothing agent anywhere; pH adjusters do not count.
        let covered = usable.iter().any(|p| {
            p.list.entries.iter().any(|e| {
                e.ingredient.is_some_and(|i| {
                    concern.classes().iter().any(|c| i.is(*c))
                        && !i.traits().has(crate::kb::Traits::PH_ADJUSTER)
                        && (e.one_percent != OnePercent::Below
                            || i.is(Class::Humectant)
                            || i.is(Class::SoothingAgent)
                            || i.is(Class::Retinoid))
                })
            })
        });
        if !covered {
            gaps.push(Gap {
                message: format!(
                    "nothing on the shelf addresses {}",
                    concern.id().replace('_', " ")
                ),
                look_for: concern.classes().to_vec(),
            });
        }
    }
    let wants_seven_skin = profile.person.skin_type == SkinType::Dry
        || profile.concerns.contains(&Concern::Dehydration);
    let toners: Vec<&&RoutineProduct> = usable
        .iter()
        .filter(|p| p.product.step == Step::Toner)
        .collect();
    if wants_seven_skin && !toners.is_empty() && !toners.iter().any(|p| p.product.flags.seven_skin)
    {
        gaps.push(Gap {
            message: "your toner is not suited to the 7-skin method (it has acids, drying alcohol or fragrance, or little humectant)".into(),
            look_for: vec![Class::Humectant],
        });
    }
    gaps
}
