//! glasskin's ingredient knowledge base, compiled into the binary.
//!
//! `build.rs` turns `data/` (EU CosIng, the EU annexes, the fungal-acne list and the curated
//! overlay) into statics, so nothing is read at run time and start-up costs nothing. See
//! `data/SOURCES.md` for every source and its licence.

use glasskin_core::KnowledgeBase;

mod generated {
    #![allow(clippy::all, unused_imports)]
    use glasskin_core::advice::{
        Budget, Fix, ProfileCondition, Rule, RuleKind, Scope, Severity, SkinType, Term, Tip,
    };
    use glasskin_core::kb::{
        Allergen, Annex, AnnexEntry, Class, ClassInfo, ClassSet, FungalAcneTrigger, Grade,
        Ingredient, KnowledgeBase, NameKind, NameRef, Rating, Source, Summary, UvSpectrum,
        UvaCoverage,
    };
    use glasskin_core::product::Traits;
    include!(concat!(env!("OUT_DIR"), "/kb.rs"));

    /// Bytes aligned to a cache line.
    #[repr(C, align(64))]
    struct Aligned<B: ?Sized>(B);

    // The name table, laid out by `glasskin_core::kb::name_table::encode`.
    static NAME_SLOTS: &Aligned<[u8]> =
        &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/name_slots.bin")));
    static NAME_TEXT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/name_text.bin"));
    static NAME_FILTER: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
        env!("OUT_DIR"),
        "/name_filter.bin"
    )));

    pub(super) static KB: KnowledgeBase = KnowledgeBase {
        ingredients: &INGREDIENTS,
        sorted_keys: &SORTED_KEYS,
        key_shapes: &KEY_SHAPES,
        key_masks: &KEY_MASKS,
        name_slots: &NAME_SLOTS.0,
        name_text: NAME_TEXT,
        name_filter: &NAME_FILTER.0,
        squashed_keys: &SQUASHED_KEYS,
        summaries: &SUMMARIES,
        words: &WORDS,
        sources: &SOURCES,
        classes: &CLASSES,
        rules: &RULES,
        tips: &TIPS,
    };
}

/// The knowledge base.
pub fn kb() -> &'static KnowledgeBase {
    &generated::KB
}
