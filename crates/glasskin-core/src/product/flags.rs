//! What a person may want to know before using a product: fragrance, drying alcohol, allergens,
//! fungal-acne triggers, comedogenic ratings, pregnancy cautions, EU regulatory notes, and
//! whether a toner suits layering.

use crate::analyze::Entry;
use crate::kb::{Annex, Class, ClassSet};

use super::Step;
use super::facts::Facts;
use super::{Comedogenic, ProductFlags};

pub(super) fn flags(
    entries: &[Entry],
    facts: &Facts,
    step: Step,
    also: &[Step],
    rinse_off: bool,
) -> ProductFlags {
    let present = entries
        .iter()
        .filter(|e| !e.may_contain)
        .filter_map(|e| e.ingredient.map(|i| (e, i)));
    let has = |class: Class| facts.classes.contains(class);
    let coverage = facts.coverage();
    // An unrecognised item may still say what it is: "Essential Oil Blend", "Natural Fragrance".
    let (mut named_fragrance, mut named_essential_oil) = (false, false);
    for e in entries
        .iter()
        .filter(|e| !e.may_contain && e.ingredient.is_none())
    {
        let (fragrance, essential_oil) = names_fragrance(&e.raw);
        named_fragrance |= fragrance;
        named_essential_oil |= essential_oil;
    }
    // What a list mostly unrecognised is free of cannot be told.
    let readable = !coverage.mostly_unrecognised();
    let mut flags = ProductFlags {
        essential_oil_free: readable && !has(Class::FragranceComponent) && !named_essential_oil,
        drying_alcohol_free: readable && !has(Class::DryingAlcohol),
        coverage,
        ..ProductFlags::default()
    };
    // Only flagged ingredients and the few actives below have anything to say: the rest are
    // ruled out by their summary, without reading their records.
    const CAUTIONS: ClassSet = ClassSet::of(&[
        Class::Retinoid,
        Class::Hydroquinone,
        Class::Bha,
        Class::Phototoxic,
    ]);
    let mut scented = false;
    for (entry, i) in present {
        if !entry.summary.flagged() && !entry.summary.classes().intersects(CAUTIONS) {
            continue;
        }
        if i.allergen().is_some() {
            push_unique(&mut flags.eu_allergens, i.inci());
            // Benzyl alcohol is on the allergen list, but on a skincare label it preserves.
            scented |= !i.is(Class::Preservative);
        }
        if i.is(Class::Phototoxic) && !rinse_off {
            push_unique(&mut flags.phototoxic, i.inci());
        }
        if i.fungal_acne().is_some() {
            push_unique(&mut flags.fungal_acne_triggers, i.inci());
        }
        if let Some(rating) = i.rating()
            && rating.comedogenic >= 3
            && !flags.comedogenic.iter().any(|c| c.inci == i.inci())
        {
            flags.comedogenic.push(Comedogenic {
                inci: i.inci(),
                rating: rating.comedogenic,
                source: rating.source.id,
            });
        }
        // Notes are joined with `concat`, not `format!`: restricted substances are common, and
        // this runs for every product of a batch.
        if i.is(Class::Retinoid) {
            if let Some(caution) = retinoid_in_pregnancy(i.form().unwrap_or(""), entry) {
                flags.pregnancy_caution.push([i.inci(), caution].concat());
            }
        } else if i.is(Class::Hydroquinone) {
            flags
                .pregnancy_caution
                .push([i.inci(), " is absorbed through skin more than most"].concat());
        } else if i.form() == Some("salicylic acid")
            && !rinse_off
            && entry.percent.is_some_and(|p| p > 2.0)
        {
            // Up to 2% on the face is fine in pregnancy; a peel's strength is the caution.
            flags
                .pregnancy_caution
                .push([i.inci(), " is above 2%, a peel's strength"].concat());
        }
        if i.is(Class::Hydroquinone) {
            // Annex II bans it but for Annex III's one use, which is no skin product.
            flags.eu_compliance.push(
                [
                    i.inci(),
                    " is not allowed in EU cosmetics for the skin: the EU permits it only in \
                     artificial nail systems for professional use (Annex III, entry 14)",
                ]
                .concat(),
            );
        } else if let Some(annex) = entry.annex(Annex::II) {
            flags.eu_compliance.push(if annex.bans_only_some() {
                [
                    i.inci(),
                    " is banned in EU cosmetics in some grades or uses (Annex II, entry ",
                    annex.reference(),
                    ": \"",
                    annex.substance(),
                    "\"); a label cannot show which this is",
                ]
                .concat()
            } else {
                [
                    i.inci(),
                    " is prohibited in EU cosmetics (Annex II, entry ",
                    annex.reference(),
                    ")",
                ]
                .concat()
            });
        } else if let Some(annex) = entry.annex(Annex::III) {
            let max = annex.max_concentration();
            flags.eu_compliance.push(
                [
                    i.inci(),
                    " is restricted in the EU (Annex III, entry ",
                    annex.reference(),
                    if max.is_empty() { "" } else { ": max " },
                    max,
                    "); a label cannot show its limits and conditions are met",
                ]
                .concat(),
            );
        }
    }
    // Essential oils and allergens scent a product as much as parfum does.
    flags.fragrance_free =
        flags.essential_oil_free && !has(Class::Fragrance) && !named_fragrance && !scented;
    let hydrating_layer = matches!(step, Step::Toner | Step::Essence)
        || also
            .iter()
            .any(|s| matches!(s, Step::Toner | Step::Essence));
    flags.seven_skin = hydrating_layer
        && facts.humectant_in_first_five
        && !has(Class::Aha)
        && !has(Class::Bha)
        && !has(Class::Pha)
        && flags.drying_alcohol_free
        && flags.fragrance_free;
    flags
}

/// What pregnancy asks of a retinoid, by its form and level (the `pregnancy-*` rules' tiers):
/// none for a retinyl ester below the 1% line, within the EU's limits for everyone.
fn retinoid_in_pregnancy(form: &str, entry: &Entry) -> Option<&'static str> {
    if form.starts_with("tazarotene") {
        Some(" is not to be used in pregnancy: its label asks for a negative test first")
    } else if super::is_retinoid_drug(form) {
        Some(" is a prescription retinoid, avoided in pregnancy")
    } else if super::is_trace_retinyl_ester(form, entry.one_percent) {
        // A printed 1% or more is read as above the line.
        None
    } else {
        Some(" is a retinoid, usually paused in pregnancy as a precaution")
    }
}

/// Whether an unrecognised item's text names fragrance, and whether it names an essential oil
/// (which is fragrance too).
fn names_fragrance(raw: &str) -> (bool, bool) {
    let says = |word: &str| {
        raw.as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
    };
    let essential_oil = says("essential oil");
    let fragrance = essential_oil
        || ["parfum", "fragrance", "perfume", "aroma"]
            .iter()
            .any(|word| says(word));
    (fragrance, essential_oil)
}

/// Adds an INCI name not yet in the list. The knowledge base holds one string per name, so
/// comparing addresses is enough.
pub(super) fn push_unique(list: &mut Vec<&'static str>, inci: &'static str) {
    if !list.iter().any(|listed| std::ptr::eq(*listed, inci)) {
        // Room for a typical list at once: a humectant list of six would otherwise grow twice.
        if list.capacity() == 0 {
            list.reserve_exact(8);
        }
        list.push(inci);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::Coverage;

    #[test]
    fn unrecognised_items_that_name_fragrance_say_so() {
        assert_eq!(names_fragrance("Essential Oil Blend"), (true, true));
        assert_eq!(names_fragrance("Proprietary ESSENTIAL OILS"), (true, true));
        assert_eq!(names_fragrance("Natural Fragrance"), (true, false));
        assert_eq!(names_fragrance("Parfum (Fragrance)"), (true, false));
        assert_eq!(names_fragrance("Perfume"), (true, false));
        assert_eq!(names_fragrance("Natural Aroma"), (true, false));
        assert_eq!(names_fragrance("Onsen-Sui"), (false, false));
    }

    #[test]
    fn coverage_says_how_much_of_a_list_was_read() {
        let read = |recognised, listed| Coverage { recognised, listed };
        assert!(read(15, 15).complete() && read(15, 15).among().is_none());
        assert_eq!(
            read(12, 15).among().as_deref(),
            Some("among the 12 of 15 ingredients recognised")
        );
        assert!(!read(12, 15).mostly_unrecognised());
        // Half is not most.
        assert!(!read(3, 6).mostly_unrecognised());
        assert!(read(2, 6).mostly_unrecognised() && read(0, 15).mostly_unrecognised());
    }
}
