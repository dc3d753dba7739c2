//! Gives ingredients their classes: the overlay's class tables (listed members and rules), and
//! the classes the Regulation itself implies. Each class keeps the sources its table cites.

use glasskin_core::Class;

use crate::Result;
use crate::annexes::{ANNEXES, AnnexRow};
use crate::ingredients::Ingredients;
use crate::overlay::{Member, Membership, Overlay};
use crate::sources::Sources;

/// A class with the indices of the sources that define its members.
pub type ClassSources = (Class, Vec<usize>);

/// Applies every class table of the overlay, in file and table order, and returns each class's
/// sources in the same order.
pub fn assign(
    ings: &mut Ingredients,
    overlay: &Overlay,
    sources: &Sources,
) -> Result<Vec<ClassSources>> {
    let mut class_sources: Vec<ClassSources> = Vec::new();
    for (file, contents) in &overlay.files {
        for (table, value) in &contents.tables {
            let membership: Membership = value
                .clone()
                .try_into()
                .map_err(|e| format!("{}: [{table}]: {e}", file.display()))?;
            let class = Class::from_id(table)
                .ok_or_else(|| format!("{}: [{table}] is not a class id", file.display()))?;
            let context = format!("{}: [{table}]", file.display());
            if membership.sources.is_empty() {
                return Err(format!("{context}: no sources"));
            }
            let mut cited = Vec::new();
            for s in &membership.sources {
                cited.push(sources.get(s, &context)?);
            }
            class_sources.push((class, cited));
            for member in &membership.members {
                let idx = ings
                    .find(member.inci())
                    .ok_or_else(|| format!("{context}: unknown INCI name {}", member.inci()))?;
                ings[idx].classes |= 1 << class as u32;
                if let Member::WithForm { form, .. } = member {
                    ings[idx].form = Some(form.clone());
                }
            }
            // Excluded names are checked too, so a typo cannot silently let an ingredient in.
            for name in &membership.exclude {
                ings.find(name)
                    .ok_or_else(|| format!("{context}: unknown excluded INCI name {name}"))?;
            }
            for ing in ings.iter_mut() {
                if membership.rule_matches(ing) {
                    ing.classes |= 1 << class as u32;
                }
            }
        }
    }
    Ok(class_sources)
}

/// The Regulation itself makes every Annex VI filter a UV filter, Annex V entry a preservative.
pub fn add_annex_classes(ings: &mut Ingredients, annex_rows: &[AnnexRow]) {
    for ing in ings.iter_mut() {
        for &row in &ing.annexes {
            match ANNEXES[annex_rows[row].annex] {
                "VI" => ing.classes |= 1 << Class::UvFilter as u32,
                "V" => ing.classes |= 1 << Class::Preservative as u32,
                _ => {}
            }
        }
    }
}
