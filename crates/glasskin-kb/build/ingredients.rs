//! The ingredient list as the build assembles it: CosIng's rows, then the overlay's extras, each
//! found by its lookup key. Later stages fill in each ingredient's facts by index, and that index
//! is its place in the generated `RECORDS`.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

use glasskin_core::key::lookup_key;

use crate::Result;
use crate::overlay::Overlay;
use crate::sources::Sources;

/// An ingredient as the build assembles it. Facts are indices into the source and annex lists.
#[derive(Default)]
pub struct Ing {
    pub inci: String,
    pub cas: String,
    pub ec: String,
    pub functions: Vec<String>,
    /// CosIng's (annex, reference) pairs, until they are resolved into `annexes`.
    pub restrictions: Vec<(usize, String)>,
    /// A `ClassSet`'s bits.
    pub classes: u64,
    pub form: Option<String>,
    pub annexes: Vec<usize>,
    /// Annex III reference, and whether it is one of the classic 26.
    pub allergen: Option<(String, bool)>,
    /// UVB, UVA coverage's variant name, source.
    pub uv: Option<(bool, String, usize)>,
    /// Category, source.
    pub fungal: Option<(String, usize)>,
    pub below_one_percent: Option<usize>,
    /// Comedogenic, irritancy, source.
    pub rating: Option<(u8, Option<u8>, usize)>,
    pub source: usize,
}

/// The ingredients, in `RECORDS` order, with an index from lookup key to position.
#[derive(Default)]
pub struct Ingredients {
    list: Vec<Ing>,
    by_key: HashMap<String, usize>,
}

impl Ingredients {
    /// The position of the ingredient whose INCI name has the same lookup key as `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(&key(name)).copied()
    }

    /// Each INCI name's lookup key with its ingredient.
    pub fn keys(&self) -> impl Iterator<Item = (&String, usize)> {
        self.by_key.iter().map(|(k, &idx)| (k, idx))
    }

    /// The position of the ingredient with lookup key `k`, if any.
    pub fn position_of_key(&self, k: &str) -> Option<usize> {
        self.by_key.get(k).copied()
    }

    /// Appends `ing` under lookup key `k` and returns its position.
    pub fn push(&mut self, k: String, ing: Ing) -> usize {
        self.list.push(ing);
        self.by_key.insert(k, self.list.len() - 1);
        self.list.len() - 1
    }

    /// Appends the overlay's ingredients, which must not already be in CosIng.
    pub fn add_extras(&mut self, overlay: &Overlay, sources: &Sources) -> Result<()> {
        for (file, contents) in &overlay.files {
            for extra in &contents.ingredient {
                let context = format!("{}: {}", file.display(), extra.inci);
                let source = sources.get(&extra.source, &context)?;
                let k = key(&extra.inci);
                if self.by_key.contains_key(&k) {
                    return Err(format!(
                        "{context}: already in CosIng; remove it from the overlay"
                    ));
                }
                self.push(
                    k,
                    Ing {
                        inci: extra.inci.clone(),
                        cas: extra.cas.clone(),
                        functions: extra.functions.clone(),
                        source,
                        ..Ing::default()
                    },
                );
            }
        }
        Ok(())
    }
}

// Stages index and iterate the list directly; only the key index needs guarding.
impl Deref for Ingredients {
    type Target = [Ing];
    fn deref(&self) -> &[Ing] {
        &self.list
    }
}

impl DerefMut for Ingredients {
    fn deref_mut(&mut self) -> &mut [Ing] {
        &mut self.list
    }
}

/// The lookup key of a name, as the analyzer computes it from a label.
pub fn key(name: &str) -> String {
    let mut out = String::new();
    lookup_key(name, &mut out);
    out
}

/// Adds `x` unless `v` already holds it, keeping first-seen order.
pub fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}
