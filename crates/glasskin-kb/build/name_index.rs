//! Builds the indexes of names: in `kb.rs`, every lookup key sorted for fuzzy matching, with each
//! key's shape and masks and the table of squashed forms; as binary files, the hash table of
//! every name and the table of every word of a name. The binary tables are laid out by
//! glasskin-core's `name_table`, which reads them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use glasskin_core::kb::{NameKind, NameRef, name_table};
use glasskin_core::key::{char_mask, key_hash_bytes, pair_mask, shape, squash};

use crate::names::Names;

/// The hash tables of every name and of every word of a name.
pub struct NameTables {
    pub names: name_table::Encoded,
    pub words: name_table::Encoded,
}

/// Lays out both hash tables.
pub fn encode_tables(names: &Names) -> NameTables {
    let name_table = name_table::encode(names.iter().map(|(key, &(index, inci))| {
        let index = u32::try_from(index).expect("fewer than 4 billion ingredients");
        let kind = if inci {
            NameKind::Inci
        } else {
            NameKind::Synonym
        };
        (key.as_str(), NameRef { index, kind })
    }));
    // Every word of every name, so fuzzy matching can tell a typo from a name it does not know.
    let mut words = BTreeSet::new();
    for k in names.keys() {
        words.extend(
            k.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty()),
        );
    }
    let word_table = name_table::encode(words.iter().enumerate().map(|(index, word)| {
        let index = u32::try_from(index).expect("fewer than 4 billion words");
        (
            *word,
            NameRef {
                index,
                kind: NameKind::Inci,
            },
        )
    }));
    NameTables {
        names: name_table,
        words: word_table,
    }
}

/// Writes `KEY_STARTS`, `KEY_NAMES`, `KEY_SHAPES`, `KEY_MASKS` and `SQUASHED_KEYS`, and returns
/// the keys' text, end to end in `KEY_STARTS` order.
pub fn write_sorted_keys(out: &mut String, names: &Names) -> String {
    // Sorted by (first byte, length, key): fuzzy matching scans one run of similar keys.
    let mut by_shape: Vec<(&String, &(usize, bool))> = names.iter().collect();
    by_shape.sort_by_key(|(k, _)| (k.as_bytes()[0], k.len(), k.as_str()));
    let mut text = String::new();
    let mut starts = vec![0u32];
    for (k, _) in &by_shape {
        text.push_str(k);
        starts.push(u32::try_from(text.len()).expect("keys under 4 GB"));
    }
    let _ = writeln!(
        out,
        "static KEY_STARTS: [u32; {}] = {starts:?};\n",
        starts.len()
    );
    let _ = writeln!(out, "static KEY_NAMES: [NameRef; {}] = [", by_shape.len());
    for (_, (idx, inci)) in &by_shape {
        let kind = if *inci { "Inci" } else { "Synonym" };
        let _ = writeln!(
            out,
            "    NameRef {{ index: {idx}, kind: NameKind::{kind} }},"
        );
    }
    out.push_str("];\n\n");
    let shapes: Vec<u32> = by_shape.iter().map(|(k, _)| shape(k, k.len())).collect();
    let _ = writeln!(
        out,
        "static KEY_SHAPES: [u32; {}] = {shapes:?};\n",
        shapes.len()
    );
    let masks: Vec<[u64; 2]> = by_shape
        .iter()
        .map(|(k, _)| [char_mask(k), pair_mask(k)])
        .collect();
    let _ = writeln!(
        out,
        "static KEY_MASKS: [[u64; 2]; {}] = {masks:?};\n",
        masks.len()
    );
    let squashed = squashed_keys(by_shape.iter().map(|(k, _)| (k.as_str(), names[*k].0)));
    let _ = writeln!(
        out,
        "static SQUASHED_KEYS: [u64; {}] = {squashed:?};\n",
        squashed.len()
    );
    text
}

/// The squashed-key table (see `KnowledgeBase::squashed_keys`) of keys in `sorted_keys` order,
/// each with its ingredient. A form that keys of two ingredients share is left out, so a name
/// read by its letters alone names one ingredient; `squashed_forms_name_one_ingredient` in
/// `tests/integration/lint.rs` checks that the table finds every other key.
fn squashed_keys<'a>(keys: impl Iterator<Item = (&'a str, usize)>) -> Vec<u64> {
    // Each form, with its first key's index, or `None` once keys of two ingredients share it.
    let mut forms: BTreeMap<Vec<u8>, Option<(u32, usize)>> = BTreeMap::new();
    let mut form = Vec::new();
    for (index, (key, ingredient)) in keys.enumerate() {
        squash(key, &mut form);
        let index = u32::try_from(index).expect("fewer than 4 billion names");
        forms
            .entry(form.clone())
            .and_modify(|seen| {
                if seen.is_some_and(|(_, other)| other != ingredient) {
                    *seen = None;
                }
            })
            .or_insert(Some((index, ingredient)));
    }
    let mut table: Vec<u64> = forms
        .iter()
        .filter_map(|(form, seen)| {
            let (index, _) = (*seen)?;
            Some(key_hash_bytes(form) >> 32 << 32 | u64::from(index))
        })
        .collect();
    table.sort_unstable();
    table
}
