//! Looking names up in the knowledge base: by key through the hash table, by squashed form, by
//! word, and by fuzzy match when nothing else hits.
//!
//! Exact lookups probe [`super::name_table`] once per reading of a name: by a built key
//! ([`KnowledgeBase::lookup_key`]), by a plain name's own bytes, lowered as they are hashed and
//! compared ([`KnowledgeBase::lookup_lowered`]), or as written
//! ([`KnowledgeBase::lookup_as_written`], which takes only keys the build marked as read so).
//! A short key is compared as its three windows, a long one eight bytes at a time in line
//! ([`same_key`]): no call to `memcmp`.
//!
//! [`KnowledgeBase::lookup_squashed`] reads a name by its letters alone, spaces and hyphens
//! dropped from both sides, for a word a label broke at a line end or ran into the next. It
//! searches [`KnowledgeBase::squashed_keys`], which leaves out every form that keys of two
//! ingredients share, so a hit names one ingredient.
//!
//! [`KnowledgeBase::fuzzy`] runs only for names nothing else found. It scans the keys that
//! share the name's first byte and lie within a window of lengths around it (one contiguous run,
//! as [`KnowledgeBase::sorted_keys`] is sorted by first byte and length), drops those whose
//! character-class or byte-pair masks differ in too many bits for the allowed edits, and only
//! then computes rapidfuzz's bit-parallel OSA distance with a cutoff at the allowed edits. The
//! shapes and masks sit in dense arrays of their own ([`KnowledgeBase::key_shapes`],
//! [`KnowledgeBase::key_masks`]), so the scan reads a key's text only when its masks pass.

use rapidfuzz::distance::osa;

use crate::key::{LOWERING, key_hash_bytes, lookup_key, shape, squash, tail_word};

use super::{Ingredient, KnowledgeBase, NameKind, NameRef, Source, Summary};

/// Whether a stored key equals `text` with `or` set in each byte's word (0x20s lower a plain
/// name), compared eight bytes at a time in line: keys are short, and a call to `memcmp` for
/// each costs more than the comparison.
pub(super) fn same_key(key: &[u8], text: &[u8], or: u64) -> bool {
    if key.len() != text.len() {
        return false;
    }
    let words = |c: &[u8]| c.try_into().map(u64::from_le_bytes).unwrap_or_default();
    let rest = key.len() % 8;
    key.chunks_exact(8)
        .zip(text.chunks_exact(8))
        .all(|(p, q)| words(p) == words(q) | or)
        && tail_word(key, rest) == tail_word(text, rest) | (or & ((1 << (8 * rest)) - 1))
}

/// Whether no single word of two spellings differs by more than a typo (one edit, two in long
/// words): "Propylene Glycol Dioctanoate" is not a typo of "… Diheptanoate". Spellings with
/// different word counts (a lost space) are judged by the total distance alone.
fn edits_spread_thin(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split([' ', '/', '-']).collect(),
        b.split([' ', '/', '-']).collect(),
    );
    if a.len() != b.len() {
        return true;
    }
    a.iter().zip(&b).all(|(x, y)| {
        let allowed = if x.len().max(y.len()) >= 12 { 2 } else { 1 };
        osa::distance(x.chars(), y.chars()) <= allowed
    })
}

/// A resolved name.
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    /// The ingredient.
    pub ingredient: Ingredient,
    /// Whether the text was the INCI name or a synonym.
    pub kind: NameKind,
    /// Its classes, traits, whether it carries flags and whether it marks the 1% line.
    pub summary: Summary,
}

impl KnowledgeBase {
    /// Looks up a name as written on a label (any case, spacing or punctuation style).
    pub fn lookup(&self, name: &str) -> Option<Resolved> {
        let mut key = String::with_capacity(name.len());
        lookup_key(name, &mut key);
        self.lookup_key(&key)
    }

    /// Looks up a key already made by [`lookup_key`].
    pub fn lookup_key(&self, key: &str) -> Option<Resolved> {
        self.lookup_key_bytes(key.as_bytes())
    }

    /// [`Self::lookup_key`] for a key held as bytes.
    pub fn lookup_key_bytes(&self, key: &[u8]) -> Option<Resolved> {
        self.probe(key, 0)
    }

    /// Looks up a name whose key is its bytes in lower case ([`PlainShape::Lowered`]) without
    /// building the key.
    ///
    /// [`PlainShape::Lowered`]: crate::key::PlainShape::Lowered
    pub fn lookup_lowered(&self, name: &[u8]) -> Option<Resolved> {
        self.probe(name, LOWERING)
    }

    /// Looks up a name that may be a known name as written, in any case: the name's bytes,
    /// lowered, are a key that reads as written ([`crate::key::reads_as_written`]). The caller
    /// makes sure the name has no control character.
    pub fn lookup_as_written(&self, name: &[u8]) -> Option<Resolved> {
        match self.names.find_key(name, LOWERING) {
            Some((found, true)) => Some(self.resolve(found)),
            _ => None,
        }
    }

    /// Looks `key` up in the name table, its words ORed with `or` (see [`same_key`]).
    fn probe(&self, key: &[u8], or: u64) -> Option<Resolved> {
        self.names.find(key, or).map(|name| self.resolve(name))
    }

    /// The name whose key has the same letters as `key` once spaces and hyphens are dropped
    /// from both: a word a label broke at a line end ("aden- osine") or ran into the next
    /// ("alpiniagalanga").
    pub fn lookup_squashed(&self, key: &str) -> Option<Resolved> {
        let mut form = Vec::with_capacity(key.len());
        squash(key, &mut form);
        let tag = key_hash_bytes(&form) >> 32;
        let start = self.squashed_keys.partition_point(|e| e >> 32 < tag);
        let mut candidate_form = Vec::with_capacity(key.len());
        self.squashed_keys[start..]
            .iter()
            .take_while(|e| *e >> 32 == tag)
            .find_map(|e| {
                let (candidate, name) = self.sorted_keys.get((e & 0xFFFF_FFFF) as usize);
                squash(candidate, &mut candidate_form);
                (candidate_form == form).then(|| self.resolve(name))
            })
    }

    /// Whether a word occurs in some known name.
    pub fn knows_word(&self, word: &str) -> bool {
        self.words.find(word.as_bytes(), 0).is_some()
    }

    /// The ingredient a [`NameRef`] points at.
    pub fn resolve(&self, name: NameRef) -> Resolved {
        let index = name.index as usize;
        Resolved {
            ingredient: self.ingredient_at(index),
            kind: name.kind,
            summary: self.summaries.get(index).copied().unwrap_or_default(),
        }
    }

    /// The ingredient with this exact INCI name.
    pub fn ingredient(&self, inci: &str) -> Option<Ingredient> {
        self.lookup(inci)
            .filter(|r| r.kind == NameKind::Inci)
            .map(|r| r.ingredient)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&'static Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The closest known name to `key` when the match is confident: the key has a word no name
    /// uses (a typo, not an unknown compound of known words such as "Propylene Glycol
    /// Dioctanoate"), it is within a small edit distance that grows with length, and strictly
    /// closer than any other ingredient. Returns the match and a similarity score in 0..=1.
    pub fn fuzzy(&self, key: &str) -> Option<(Resolved, f32)> {
        let has_strange_word = key
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && !self.knows_word(w));
        if !has_strange_word {
            return None;
        }
        let len = key.chars().count();
        let max_edits = match len {
            0..=5 => return None,
            6..=11 => 1,
            12..=23 => 2,
            _ => 3,
        };
        // Typos rarely hit the first letter, and a name within k edits is within k bytes of the
        // same length: the keys are sorted by (first byte, length), so the candidates are one
        // contiguous run.
        let (lo, hi) = (key.len().saturating_sub(max_edits), key.len() + max_edits);
        let start = self.key_shapes.partition_point(|s| *s < shape(key, lo));
        let end = self.key_shapes.partition_point(|s| *s <= shape(key, hi));
        let (chars, pairs) = (crate::key::char_mask(key), crate::key::pair_mask(key));
        let query = osa::BatchComparator::new(key.chars());
        let cutoff = osa::Args::default().score_cutoff(max_edits);
        let mut best: Option<(usize, NameRef, &str)> = None;
        let mut runner_up = usize::MAX;
        for (at, [candidate_chars, candidate_pairs]) in
            self.key_masks[start..end].iter().enumerate()
        {
            if (chars ^ candidate_chars).count_ones() as usize > 2 * max_edits
                || (pairs ^ candidate_pairs).count_ones() as usize > 6 * max_edits
            {
                continue;
            }
            let (candidate, name) = self.sorted_keys.get(start + at);
            let Some(distance) = query.distance_with_args(candidate.chars(), &cutoff) else {
                continue;
            };
            best = match best {
                None => Some((distance, name, candidate)),
                Some((d, n, k)) if n.index == name.index => Some(if distance < d {
                    (distance, n, candidate)
                } else {
                    (d, n, k)
                }),
                Some((d, _, _)) if distance < d => {
                    runner_up = runner_up.min(d);
                    Some((distance, name, candidate))
                }
                Some(kept) => {
                    runner_up = runner_up.min(distance);
                    Some(kept)
                }
            };
        }
        let (distance, name, candidate) = best?;
        if runner_up <= distance || !edits_spread_thin(key, candidate) {
            return None;
        }
        let score = 1.0 - distance as f32 / len.max(1) as f32;
        Some((self.resolve(name), score))
    }
}
