//! The overlay's per-ingredient facts beyond classes: UV filters' spectra, comedogenicity and
//! irritancy ratings, and which ingredients are normally used below 1%. Each names its
//! ingredient by INCI name, and an unknown name fails the build.

use glasskin_core::Class;

use crate::Result;
use crate::ingredients::Ingredients;
use crate::overlay::Overlay;
use crate::sources::Sources;

/// Records each filter's spectrum (making it a UV filter) and each rating.
pub fn add_filters_and_ratings(
    ings: &mut Ingredients,
    overlay: &Overlay,
    sources: &Sources,
) -> Result<()> {
    for (file, contents) in &overlay.files {
        for f in &contents.filter {
            let context = format!("{}: filter {}", file.display(), f.inci);
            let source = sources.get(&f.source, &context)?;
            let idx = ings
                .find(&f.inci)
                .ok_or_else(|| format!("{context}: unknown INCI name"))?;
            // The generated code names `UvaCoverage`'s variant.
            let uva = match f.uva.as_str() {
                "none" => "None",
                "short" => "Short",
                "long" => "Long",
                other => return Err(format!("{context}: uva `{other}`; use none, short or long")),
            };
            ings[idx].uv = Some((f.uvb, uva.to_owned(), source));
            ings[idx].classes |= 1 << Class::UvFilter as u32;
        }
        for r in &contents.rating {
            let context = format!("{}: rating {}", file.display(), r.inci);
            let source = sources.get(&r.source, &context)?;
            let idx = ings
                .find(&r.inci)
                .ok_or_else(|| format!("{context}: unknown INCI name"))?;
            if r.comedogenic > 5 || r.irritancy.is_some_and(|i| i > 5) {
                return Err(format!("{context}: ratings run from 0 to 5"));
            }
            ings[idx].rating = Some((r.comedogenic, r.irritancy, source));
        }
    }
    Ok(())
}

/// Marks the ingredients each group of the one-percent-line file lists or its rules take, citing
/// the group's first source.
pub fn mark_low_use(ings: &mut Ingredients, overlay: &Overlay, sources: &Sources) -> Result<()> {
    for (rules, file) in &overlay.low_use {
        let context = format!("{}", file.display());
        let first = rules
            .sources
            .first()
            .ok_or(format!("{context}: no sources"))?;
        let source = sources.get(first, &context)?;
        for member in &rules.members {
            let idx = ings
                .find(member.inci())
                .ok_or_else(|| format!("{context}: unknown INCI name {}", member.inci()))?;
            ings[idx].below_one_percent = Some(source);
        }
        for ing in ings.iter_mut() {
            if rules.rule_matches(ing) {
                ing.below_one_percent = Some(source);
            }
        }
    }
    Ok(())
}
