//! Works out each ingredient's traits and summary at build time. The summary is what the
//! analyzer reads of every entry of a list, 8 bytes kept apart from the 64-byte record so it
//! stays in the cache. The rules are glasskin-core's, the same `Summary::of` applies to a record.

use glasskin_core::kb::{Annex, ClassSet, Summary, marks_one_percent_line};
use glasskin_core::product::Traits;

use crate::annexes::{ANNEXES, AnnexRow};
use crate::ingredients::Ing;

/// The ingredient's traits, and its summary: classes, traits, whether anything flags it, and
/// whether it marks the 1% line.
pub fn traits_and_summary(ing: &Ing, annex_rows: &[AnnexRow]) -> (Traits, Summary) {
    let functions: Vec<&str> = ing.functions.iter().map(String::as_str).collect();
    let classes = ClassSet::from_bits(ing.classes);
    let traits = Traits::of(&ing.inci, classes, &functions);
    let flagged = ing.allergen.is_some()
        || ing.fungal.is_some()
        || ing.rating.is_some()
        || !ing.annexes.is_empty();
    let annex_kinds = ing
        .annexes
        .iter()
        .map(|&r| match ANNEXES[annex_rows[r].annex] {
            "II" => Annex::II,
            "III" => Annex::III,
            "IV" => Annex::IV,
            "V" => Annex::V,
            _ => Annex::VI,
        });
    let marks_line = marks_one_percent_line(
        classes,
        ing.below_one_percent.is_some(),
        ing.allergen.is_some(),
        annex_kinds,
        functions.iter().copied(),
    );
    (traits, Summary::new(classes, traits, flagged, marks_line))
}
