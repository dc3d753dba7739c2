//! Marks fungal-acne (Malassezia) triggers: first the published community list, matched to
//! ingredients by name and a few common suffixes, then the overlay's rule file. An ingredient
//! keeps the first category it is given. The overlay's `exclude` wins over both: the list names
//! some antifungals (undecylenic acid) among its fatty acids.

use std::path::Path;

use crate::Result;
use crate::ingredients::{Ing, Ingredients, key};
use crate::names::Names;
use crate::overlay::{Membership, Overlay};
use crate::sources::Sources;

/// Reads `data/fungal-acne/` and applies the overlay's fungal-acne rules.
pub fn mark_triggers(
    data: &Path,
    ings: &mut Ingredients,
    names: &Names,
    overlay: &Overlay,
    sources: &Sources,
) -> Result<()> {
    let list_source = sources.get("malassezia-trigger-list", "build")?;
    let excluded = |inci: &str| {
        overlay
            .fungal_rules
            .iter()
            .any(|(rules, _)| rules.exclude.iter().any(|e| e == inci))
    };
    let triggers = data.join("fungal-acne/malassezia_triggers.csv");
    let mut reader = csv::Reader::from_path(&triggers).map_err(|e| format!("{e}"))?;
    for row in reader.records() {
        let row = row.map_err(|e| format!("fungal acne: {e}"))?;
        let (name, category) = (row[0].trim(), row[1].trim());
        // The list names plants ("argan"); labels name their oils and butters.
        let tries = [
            name.to_owned(),
            format!("{name} oil"),
            format!("{name} seed oil"),
            format!("{name} butter"),
        ];
        for t in &tries {
            if let Some(&(idx, _)) = names.get(&key(t)) {
                if !excluded(&ings[idx].inci) {
                    ings[idx].fungal = Some((category.to_owned(), list_source));
                }
                break;
            }
        }
    }
    for (rules, file) in &overlay.fungal_rules {
        let context = format!("{}", file.display());
        let source = sources.get(
            rules
                .sources
                .first()
                .ok_or(format!("{context}: no sources"))?,
            &context,
        )?;
        for member in &rules.members {
            let idx = ings
                .find(member.inci())
                .ok_or_else(|| format!("{context}: unknown INCI name {}", member.inci()))?;
            ings[idx]
                .fungal
                .get_or_insert(("listed".to_owned(), source));
        }
        for ing in ings.iter_mut() {
            if ing.fungal.is_none() && rules.rule_matches(ing) {
                ing.fungal = Some((fungal_category(ing, rules), source));
            }
        }
    }
    Ok(())
}

/// The category of an ingredient a rule takes, read from its name.
fn fungal_category(ing: &Ing, rules: &Membership) -> String {
    let name = ing.inci.as_str();
    if name.starts_with("POLYSORBATE") {
        "polysorbates".into()
    } else if name.ends_with(" ACID") {
        "fatty acids".into()
    } else if rules
        .suffixes
        .iter()
        .any(|s| name.ends_with(s.as_str()) && s.contains("OIL"))
    {
        "plant oils".into()
    } else {
        "esters and lipids".into()
    }
}
