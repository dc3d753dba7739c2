//! glasskin's ingredient knowledge base, compiled into the binary.
//!
//! `build.rs` turns `data/` (EU CosIng, the EU annexes, the fungal-acne list and the curated
//! overlay) into statics, so nothing is read at run time. The statics hold offsets and indices
//! where they could hold pointers, so that loading the binary fixes up almost nothing in them. See
//! `data/SOURCES.md` for every source and its licence.
//!
//! The build writes `$OUT_DIR/kb.rs`, included here, and the two hash tables as bytes, the names'
//! and the words' (`name_*.bin`, `word_*.bin`: slots, the rest of long keys, and the Bloom
//! filter), laid out by `glasskin_core::kb::name_table::encode`. This crate includes the slots
//! and the filter aligned to a cache line, so that no 32-byte slot straddles two lines; a lint
//! checks it.
//!
//! The rules and tips are a second value, [`advice`], apart from [`kb`]: reading a label needs
//! the ingredients, and only checking or planning a routine needs the advice.

use glasskin_core::KnowledgeBase;
use glasskin_core::advice::Library;

mod generated {
    #![allow(clippy::all, unused_imports)]
    use glasskin_core::advice::{
        Budget, Fix, Library, ProfileCondition, Rule, RuleKind, Scope, Severity, SkinType, Term,
        Tip,
    };
    use glasskin_core::kb::{
        Allergen, Annex, AnnexRecord, ClaimGroup, Class, ClassInfo, ClassSet, FungalAcneTrigger,
        Grade, Index, KnowledgeBase, KoreanPieces, NameKind, NameRef, NameTable, Rating, Record,
        SortedKeys, Source, Str, Strs, Summary, Tables, UvSpectrum, UvaCoverage,
    };
    use glasskin_core::product::Traits;
    include!(concat!(env!("OUT_DIR"), "/kb.rs"));

    /// Bytes aligned to a cache line.
    #[repr(C, align(64))]
    struct Aligned<B: ?Sized>(B);

    // The tables of names and of words, laid out by `glasskin_core::kb::name_table::encode`.
    macro_rules! table {
        ($slots:literal, $text:literal, $filter:literal) => {
            NameTable {
                slots: &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), $slots))).0,
                text: include_bytes!(concat!(env!("OUT_DIR"), $text)),
                filter: &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), $filter))).0,
            }
        };
    }

    pub(super) static KB: KnowledgeBase = KnowledgeBase {
        records: &RECORDS,
        tables: &TABLES,
        sorted_keys: SortedKeys {
            keys: Strs {
                text: include_str!(concat!(env!("OUT_DIR"), "/key_text.txt")),
                starts: &KEY_STARTS,
            },
            names: &KEY_NAMES,
        },
        key_shapes: &KEY_SHAPES,
        key_masks: &KEY_MASKS,
        names: table!("/name_slots.bin", "/name_text.bin", "/name_filter.bin"),
        squashed_keys: &SQUASHED_KEYS,
        summaries: &SUMMARIES,
        words: table!("/word_slots.bin", "/word_text.bin", "/word_filter.bin"),
        sources: &SOURCES,
        classes: &CLASSES,
        claim_groups: &CLAIM_GROUPS,
        korean_pieces: KOREAN_PIECES,
    };

    pub(super) static LIBRARY: Library = Library {
        rules: &RULES,
        tips: &TIPS,
    };
}

/// The knowledge base.
pub fn kb() -> &'static KnowledgeBase {
    &generated::KB
}

/// The advice library: the rules and the tips.
pub fn advice() -> &'static Library {
    &generated::LIBRARY
}
