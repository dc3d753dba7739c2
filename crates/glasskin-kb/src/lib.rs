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
        Ingredient, KnowledgeBase, NameKind, NameRef, Rating, Source, UvSpectrum, UvaCoverage,
    };
    use glasskin_core::product::Traits;
    include!(concat!(env!("OUT_DIR"), "/kb.rs"));

    pub(super) static KB: KnowledgeBase = KnowledgeBase {
        ingredients: &INGREDIENTS,
        sorted_keys: &SORTED_KEYS,
        key_shapes: &KEY_SHAPES,
        key_masks: &KEY_MASKS,
        name_slots: &NAME_SLOTS,
        squashed_keys: &SQUASHED_KEYS,
        one_percent_markers: &ONE_PERCENT_MARKERS,
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
