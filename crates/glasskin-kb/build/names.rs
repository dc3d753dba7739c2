//! Resolves every name a label may use to its ingredient: INCI names, the overlay's synonyms,
//! CosIng's INN and Ph. Eur. names, and CosIng names without their bracketed common name. The
//! overlay's synonyms come first and must not clash; the others only fill names still free.

use std::collections::BTreeMap;

use crate::Result;
use crate::cosing::CosingSynonym;
use crate::ingredients::{Ingredients, key};
use crate::overlay::Overlay;
use crate::sources::Sources;

/// Lookup key → (ingredient, whether the key is the ingredient's INCI name). Sorted, so the
/// tables built from it do not depend on hashing.
pub type Names = BTreeMap<String, (usize, bool)>;

/// Every name of every ingredient, keyed by lookup key.
pub fn resolve(
    ings: &Ingredients,
    overlay: &Overlay,
    cosing_synonyms: &[CosingSynonym],
    sources: &Sources,
) -> Result<Names> {
    let mut names = Names::new();
    for (k, idx) in ings.keys() {
        names.insert(k.clone(), (idx, true));
    }
    for (file, contents) in &overlay.files {
        for syn in &contents.synonym {
            let context = format!("{}: synonym of {}", file.display(), syn.inci);
            sources.get(&syn.source, &context)?;
            let idx = ings
                .find(&syn.inci)
                .ok_or_else(|| format!("{context}: unknown INCI name"))?;
            for name in &syn.names {
                let k = key(name);
                match names.get(&k) {
                    Some(&(other, _)) if other != idx => {
                        return Err(format!(
                            "{context}: `{name}` already names {}",
                            ings[other].inci
                        ));
                    }
                    Some(_) => {}
                    None => {
                        names.insert(k, (idx, false));
                    }
                }
            }
        }
    }
    for (name, idx) in cosing_synonyms {
        names.entry(key(name)).or_insert((*idx, false));
    }
    // CosIng names with a bracketed common name are also written without it on labels.
    for (idx, ing) in ings.iter().enumerate() {
        if has_common_name_in_brackets(&ing.inci) {
            names
                .entry(key(&strip_brackets(&ing.inci)))
                .or_insert((idx, false));
        }
    }
    Ok(names)
}

/// Whether every bracket of a CosIng name is a common name after a word, as in "MELALEUCA
/// ALTERNIFOLIA (TEA TREE) EXTRACT": capital letters and spaces only, followed by a space, a
/// slash or the name's end, with at least two words left without it. Such a name is also keyed
/// without its brackets, as labels write it. Other brackets are part of the name: a chemical's
/// ("POLY(1,4-BUTANEDIOL)-13"), a salt's amino acids ("SODIUM COCOYL (ARGININE/…)") or a blend's
/// plants ("(ECLIPTA PROSTRATA/HOUTTUYNIA CORDATA) LEAF EXTRACT"); without them, what is left
/// ("SODIUM COCOYL", "LEAF EXTRACT") names something else or nothing.
fn has_common_name_in_brackets(name: &str) -> bool {
    let mut found = false;
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            return false;
        };
        let inside = &rest[open + 1..open + len];
        let after = &rest[open + len + 1..];
        let between_words =
            rest[..open].ends_with(' ') && (after.is_empty() || after.starts_with([' ', '/']));
        if !between_words || !inside.chars().all(|c| c.is_ascii_uppercase() || c == ' ') {
            return false;
        }
        found = true;
        rest = after;
    }
    found && strip_brackets(name).contains(' ')
}

/// The name without anything in brackets, its spaces collapsed.
fn strip_brackets(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
