//! What the shelf lacks for the person (a sunscreen, an oil cleanser, a moisturiser…): the gaps a
//! plan reports, each with the classes to look for.

use crate::advice::{RoutineProduct, SkinType};
use crate::analyze::OnePercent;
use crate::kb::Class;
use crate::product::Step;

use super::{Concern, Gap, PlanProfile, ShelfItem};

/// What the shelf lacks for this person.
pub(super) fn gaps(profile: &PlanProfile, shelf: &[ShelfItem]) -> Vec<Gap> {
    let usable: Vec<&RoutineProduct> = shelf
        .iter()
        .map(|s| &s.product)
        .filter(|p| !matches!(p.product.step, Step::Body | Step::Other))
        .collect();
    let has_step = |step: Step| {
        usable
            .iter()
            .any(|p| p.product.step == step || p.product.also.contains(&step))
    };
    let mut gaps = Vec::new();
    if !has_step(Step::Sunscreen) {
        gaps.push(Gap {
            message: "no sunscreen: every morning should end with a broad-spectrum SPF 30+".into(),
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
                        && !i.traits.has(crate::kb::Traits::PH_ADJUSTER)
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
