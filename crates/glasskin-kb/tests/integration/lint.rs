//! Lints over the compiled knowledge base: its shape, its sources and a few facts it must hold.

use glasskin_core::kb::{Annex, Class, Grade, NameKind};

#[test]
fn covers_all_of_cosing() {
    let kb = glasskin_kb::kb();
    assert!(
        kb.records.len() >= 30_000,
        "{} ingredients",
        kb.records.len()
    );
    assert!(
        kb.sorted_keys.len() > kb.records.len(),
        "synonyms are indexed too"
    );
}

#[test]
fn every_class_is_sourced_and_populated() {
    let kb = glasskin_kb::kb();
    for class in Class::ALL {
        let info = kb
            .classes
            .iter()
            .find(|c| c.class == *class)
            .unwrap_or_else(|| panic!("class {} has no sources", class.id()));
        assert!(!info.sources.is_empty(), "{}", class.id());
        let members = kb.ingredients().filter(|i| i.is(*class)).count();
        assert!(members > 0, "class {} has no members", class.id());
    }
}

#[test]
fn every_source_is_cited_and_graded() {
    let kb = glasskin_kb::kb();
    for source in kb.sources {
        assert!(
            source.citation.len() > 20,
            "{}: citation too short",
            source.id
        );
        assert!(matches!(
            source.grade,
            Grade::A | Grade::B | Grade::C | Grade::D | Grade::M
        ));
    }
    // Who and what: "Authors or body. Title …" (or "Body, Title …"): a name, then a title of a
    // few words.
    for source in kb.sources {
        let at = [". ", ", "]
            .iter()
            .filter_map(|sep| source.citation.find(sep))
            .min()
            .unwrap_or_else(|| panic!("{}: no author or body, then title", source.id));
        let (who, what) = (&source.citation[..at], &source.citation[at + 2..]);
        assert!(
            who.chars().next().is_some_and(char::is_alphanumeric) && who.len() >= 3,
            "{}: `{who}` names no author or body",
            source.id
        );
        assert!(
            what.split_whitespace().count() >= 3,
            "{}: `{what}` is no title",
            source.id
        );
    }
    let cosing = kb.source("eu-cosing").expect("CosIng is a source");
    assert!(
        cosing
            .citation
            .contains("Source: European Commission, CosIng")
    );
}

#[test]
fn every_key_is_found_through_the_name_table() {
    let kb = glasskin_kb::kb();
    for (key, name) in kb.sorted_keys.iter() {
        let found = kb
            .lookup_key(key)
            .unwrap_or_else(|| panic!("{key} is lost"));
        assert_eq!(found.ingredient, kb.resolve(name).ingredient);
        assert_eq!(found.kind, name.kind, "{key}");
    }
    assert!(kb.lookup_key("not an ingredient at all").is_none());
    // Keys of 24 bytes or fewer sit whole in their slot, longer ones in two parts: both miss a
    // key that differs in its last byte.
    assert!(kb.lookup_key("glycerix").is_none());
    assert!(kb.lookup_key("caprylic/capric triglyceridx").is_none());
    assert!(kb.lookup_key("caprylic/capric triglyceride").is_some());
    // Slots are 32 bytes from a 64-byte boundary: none straddles two cache lines.
    for table in [kb.names, kb.words] {
        assert_eq!(table.slots.as_ptr() as usize % 64, 0);
        assert_eq!(table.slots.len() % 32, 0);
    }
}

/// Every word of every key is a known word, and a word that is in no key is not.
#[test]
fn the_words_table_knows_every_word_of_every_key() {
    let kb = glasskin_kb::kb();
    for (key, _) in kb.sorted_keys.iter() {
        for word in key
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            assert!(kb.knows_word(word), "{word} of {key}");
        }
    }
    for stranger in ["glycerinx", "hyaluronik", "qwzx"] {
        assert!(!kb.knows_word(stranger), "{stranger}");
    }
}

/// The name table's filter lets every key through (the test above looks each one up through
/// it) and stops nearly every text that is not a key, so that such a lookup reads no slot.
#[test]
fn the_name_filter_stops_most_texts_that_are_not_keys() {
    use glasskin_core::key::key_hash;
    let kb = glasskin_kb::kb();
    assert!(
        kb.names.filter.len() * 4 >= kb.sorted_keys.len(),
        "2 bytes per key or more"
    );
    let passed = (0..10_000)
        .filter(|n| kb.names.may_hold(key_hash(&format!("water {n}"))))
        .count();
    assert!(
        passed < 100,
        "{passed} of 10,000 texts that are not keys pass"
    );
}

/// The analyzer looks plain names up before folding British spellings ("sulph"), and trusts a
/// hit because no stored key is changed by the folds.
#[test]
fn every_key_is_its_own_key() {
    let kb = glasskin_kb::kb();
    let mut again = String::new();
    for (key, _) in kb.sorted_keys.iter() {
        glasskin_core::key::lookup_key(key, &mut again);
        assert_eq!(&again, key);
    }
}

/// A name read with its word breaks mended must say which ingredient it is: every form in the
/// squashed table belongs to one ingredient, and the table finds every key by its own form.
#[test]
fn squashed_forms_name_one_ingredient() {
    let kb = glasskin_kb::kb();
    assert!(kb.squashed_keys.is_sorted());
    let mut owners: std::collections::HashMap<Vec<u8>, Vec<&str>> = Default::default();
    let mut form = Vec::new();
    for (key, name) in kb.sorted_keys.iter() {
        glasskin_core::key::squash(key, &mut form);
        owners
            .entry(form.clone())
            .or_default()
            .push(kb.resolve(name).ingredient.inci());
    }
    let mut left_out = 0;
    for (key, name) in kb.sorted_keys.iter() {
        glasskin_core::key::squash(key, &mut form);
        let inci = kb.resolve(name).ingredient.inci();
        let shared = owners[&form].iter().any(|other| *other != inci);
        match kb.lookup_squashed(key) {
            Some(found) => {
                assert!(!shared, "{key} squashes like another ingredient's name");
                assert_eq!(found.ingredient.inci(), inci, "{key}");
            }
            None => {
                assert!(shared, "{key} is missing from the squashed table");
                left_out += 1;
            }
        }
    }
    // Few names differ from another ingredient's by spaces and hyphens alone.
    assert!(
        left_out * 100 < kb.sorted_keys.len(),
        "{left_out} keys left out"
    );
}

#[test]
fn one_percent_markers_agree_with_the_records() {
    let kb = glasskin_kb::kb();
    let mut marked = 0;
    for (ingredient, summary) in kb.ingredients().zip(kb.summaries) {
        let bit = summary.marks_one_percent_line();
        assert_eq!(
            bit,
            ingredient.marks_one_percent_line(),
            "{}: the summary and the record disagree",
            ingredient.inci()
        );
        marked += usize::from(bit);
    }
    // Preservatives, fragrance allergens, chelators and colourants run to thousands.
    assert!(marked > 1_000, "{marked} markers");
    let phenoxyethanol = kb.lookup("Phenoxyethanol").expect("known");
    assert!(phenoxyethanol.summary.marks_one_percent_line());
    let glycerin = kb.lookup("Glycerin").expect("known");
    assert!(!glycerin.summary.marks_one_percent_line());
}

#[test]
fn a_record_is_one_cache_line() {
    use glasskin_core::kb::Record;
    let kb = glasskin_kb::kb();
    assert_eq!(kb.records.as_ptr() as usize % 64, 0);
    assert_eq!(size_of::<Record>(), 64);
}

#[test]
fn summaries_agree_with_the_records() {
    use glasskin_core::kb::{Class, Summary};
    let kb = glasskin_kb::kb();
    assert_eq!(kb.summaries.len(), kb.records.len());
    for (ingredient, summary) in kb.ingredients().zip(kb.summaries) {
        assert_eq!(*summary, Summary::of(ingredient), "{}", ingredient.inci());
        assert_eq!(
            summary.classes(),
            ingredient.classes(),
            "{}",
            ingredient.inci()
        );
        // Product understanding finds salicylic acid by its class before reading its form.
        if ingredient.form() == Some("salicylic acid") {
            assert!(ingredient.is(Class::Bha), "{}", ingredient.inci());
        }
    }
    let niacinamide = kb.lookup("Niacinamide").expect("known");
    assert!(niacinamide.summary.classes().contains(Class::Niacinamide));
    assert!(kb.lookup("Linalool").expect("known").summary.flagged());
}

#[test]
fn fuzzy_index_is_sorted_by_first_byte_and_length() {
    let kb = glasskin_kb::kb();
    assert_eq!(kb.key_shapes.len(), kb.sorted_keys.len());
    assert_eq!(kb.key_masks.len(), kb.sorted_keys.len());
    assert!(kb.key_shapes.is_sorted());
    for ((key, _), (shape, masks)) in kb
        .sorted_keys
        .iter()
        .zip(kb.key_shapes.iter().zip(kb.key_masks))
    {
        assert_eq!(*shape, glasskin_core::key::shape(key, key.len()), "{key}");
        assert_eq!(
            *masks,
            [
                glasskin_core::key::char_mask(key),
                glasskin_core::key::pair_mask(key)
            ],
            "{key}"
        );
    }
}

#[test]
fn knows_the_facts_a_routine_engine_needs() {
    let kb = glasskin_kb::kb();
    let get = |name: &str| {
        kb.ingredient(name)
            .unwrap_or_else(|| panic!("{name} is missing"))
    };

    assert!(get("NIACINAMIDE").is(Class::Niacinamide));
    assert!(get("SALICYLIC ACID").is(Class::Bha));
    assert!(get("GLYCOLIC ACID").is(Class::Aha));
    assert!(get("GLUCONOLACTONE").is(Class::Pha));
    assert_eq!(get("RETINOL").form(), Some("retinol"));
    assert!(get("ADAPALENE").is(Class::Retinoid));
    assert!(get("ASCORBIC ACID").is(Class::VitaminC));
    assert!(get("PHENOXYETHANOL").is(Class::Preservative));
    assert!(get("PARFUM").is(Class::Fragrance));
    assert!(get("ALCOHOL DENAT.").is(Class::DryingAlcohol));
    assert!(!get("CETEARYL ALCOHOL").is(Class::DryingAlcohol));

    let linalool = get("LINALOOL");
    assert!(linalool.allergen().is_some_and(|a| a.classic_26));
    assert!(
        get("HYDROQUINONE").annex(Annex::II).is_some()
            || get("HYDROQUINONE").annex(Annex::III).is_some()
    );
    assert!(get("CI 77891").annex(Annex::IV).is_some());

    let zinc = get("ZINC OXIDE");
    assert!(zinc.is(Class::UvFilter));
    assert!(zinc.uv().is_some_and(|uv| uv.uvb));

    assert!(
        get("ISOPROPYL MYRISTATE")
            .rating()
            .is_some_and(|r| r.comedogenic >= 4)
    );
    assert!(get("POLYSORBATE 20").fungal_acne().is_some());
    assert!(get("SQUALANE").fungal_acne().is_none());

    let water = kb.lookup("Eau").expect("eau is known");
    assert_eq!(water.kind, NameKind::Synonym);

    // A CosIng name is also known without a bracketed common name, but a blend's or a salt's
    // brackets are part of its name: what is left without them names nothing.
    let tea_tree = kb
        .lookup("Melaleuca Alternifolia Extract")
        .expect("known without its common name");
    assert_eq!(
        tea_tree.ingredient.inci(),
        "MELALEUCA ALTERNIFOLIA (TEA TREE) EXTRACT"
    );
    for part in [
        "Extract",
        "Leaf Extract",
        "Seed Oil",
        "Hydrolyzed",
        "Sodium Cocoyl",
    ] {
        assert!(
            kb.lookup(part).is_none(),
            "{part} read as {:?}",
            kb.lookup(part).map(|r| r.ingredient.inci())
        );
    }

    // Older labels name banned fragrance materials by their trade names.
    for (trade_name, inci) in [
        ("Lilial", "BUTYLPHENYL METHYLPROPIONAL"),
        ("Lyral", "HYDROXYISOHEXYL 3-CYCLOHEXENE CARBOXALDEHYDE"),
    ] {
        let found = kb.lookup(trade_name).expect("a trade name is known");
        assert_eq!(found.ingredient.inci(), inci);
        assert!(get(inci).annex(Annex::II).is_some(), "{inci}");
    }
}

#[test]
fn every_rule_is_cited_graded_and_well_formed() {
    use glasskin_core::advice::{RuleKind, Severity};
    let library = glasskin_kb::advice();
    assert!(library.rules.len() >= 15, "{} rules", library.rules.len());
    let mut ids = std::collections::BTreeSet::new();
    for rule in library.rules {
        assert!(ids.insert(rule.id), "rule {} is defined twice", rule.id);
        assert!(!rule.sources.is_empty(), "rule {} has no citation", rule.id);
        assert!(
            rule.sources.iter().all(|s| !s.citation.is_empty()),
            "rule {} cites an empty source",
            rule.id
        );
        assert!(
            !rule.why.is_empty() && !rule.title.is_empty(),
            "{}",
            rule.id
        );
        if rule.grade == Grade::M {
            assert_eq!(
                rule.severity,
                Severity::Info,
                "myth {} is not info",
                rule.id
            );
            assert!(
                rule.myth.is_some(),
                "myth {} does not state the claim",
                rule.id
            );
        }
        // New products may be narrowed by terms; the budget takes none.
        match rule.kind {
            RuleKind::ExfoliationBudget => assert!(rule.terms.is_empty(), "{}", rule.id),
            RuleKind::NewProducts => {}
            _ => assert!(!rule.terms.is_empty(), "{} needs terms", rule.id),
        }
        // Every class a term names exists: the set is non-empty and within the vocabulary.
        for term in rule.terms {
            assert!(!term.classes.is_empty(), "{} has an empty term", rule.id);
            assert!(term.classes.iter().all(|c| Class::ALL.contains(&c)));
        }
        for tip in rule.tips {
            assert!(
                library.tips.iter().any(|t| t.id == *tip),
                "rule {} links to missing tip {tip}",
                rule.id
            );
        }
        if rule.severity != Severity::Info {
            assert!(
                !rule.fixes.is_empty(),
                "rule {} warns without a fix",
                rule.id
            );
        }
        // Fragrance is perfume and essential oils alike: a term that looks for one looks for both.
        for term in rule.terms {
            assert_eq!(
                term.classes.contains(Class::Fragrance),
                term.classes.contains(Class::FragranceComponent),
                "rule {}: a fragrance term must name both fragrance and fragrance_component",
                rule.id
            );
        }
        // Nothing that asks for a sunscreen may be resolved by using anything less.
        if rule.kind == RuleKind::WithoutSunscreen {
            assert!(
                rule.fixes.iter().all(|f| !f.changes_use()),
                "rule {} would take a sunscreen away",
                rule.id
            );
        }
    }
}

#[test]
fn every_tip_is_cited_and_filed_under_known_topics() {
    let library = glasskin_kb::advice();
    assert!(library.tips.len() >= 12, "{} tips", library.tips.len());
    let mut ids = std::collections::BTreeSet::new();
    for tip in library.tips {
        assert!(ids.insert(tip.id), "tip {} is defined twice", tip.id);
        assert!(!tip.sources.is_empty(), "tip {} has no citation", tip.id);
        assert!(!tip.topics.is_empty(), "tip {} has no topic", tip.id);
        assert!(
            tip.topics
                .iter()
                .all(|t| glasskin_core::advice::TOPICS.contains(t))
        );
    }
    // The advice the product brief promises.
    for topic in [
        "cleansing",
        "seven_skin",
        "patch_test",
        "sunscreen",
        "exfoliation",
        "diet",
        "sleep",
        "stress",
    ] {
        assert!(
            library.tips.iter().any(|t| t.topics.contains(&topic)),
            "no tip on {topic}"
        );
    }
}

/// The build reads whether an annex entry bans only some grades or uses from its text once:
/// petrolatum's Annex II entry does ("except if the full refining history is known").
#[test]
fn partial_bans_are_read_from_the_annex_text() {
    let kb = glasskin_kb::kb();
    let mut partial = 0;
    for ingredient in kb.ingredients() {
        for entry in ingredient.annexes() {
            assert_eq!(
                entry.bans_only_some(),
                glasskin_core::kb::names_a_condition(entry.substance()),
                "{}",
                entry.substance()
            );
            partial += usize::from(entry.bans_only_some());
        }
    }
    assert!(partial > 0);
    let petrolatum = kb
        .ingredient("PETROLATUM")
        .expect("petrolatum is in CosIng");
    assert!(
        petrolatum
            .annex(Annex::II)
            .is_some_and(|a| a.bans_only_some())
    );
}

/// An annex entry for the nanomaterial alone ("Styrene/Acrylates copolymer (nano)", Annex II
/// 1725; "Hydroxyapatite (nano)", Annex III 372) applies only to an item the label marks nano:
/// the ordinary form of no ingredient is called prohibited or restricted by one.
#[test]
fn nano_entries_apply_only_to_items_marked_nano() {
    let kb = glasskin_kb::kb();
    let mut nano_entries: Vec<String> = Vec::new();
    let mut condemned_if_nano: Vec<&str> = Vec::new();
    for ingredient in kb.ingredients() {
        for entry in ingredient.annexes().filter(|e| e.nano_only()) {
            let id = format!("{:?}/{}", entry.annex(), entry.reference());
            if !nano_entries.contains(&id) {
                nano_entries.push(id);
            }
            if entry.annex() == Annex::II {
                condemned_if_nano.push(ingredient.inci());
            }
        }
        for annex in [Annex::II, Annex::III, Annex::IV, Annex::V, Annex::VI] {
            if let Some(entry) = ingredient.annex(annex) {
                assert!(!entry.nano_only(), "{} {:?}", ingredient.inci(), annex);
            }
        }
    }
    nano_entries.sort();
    // Every entry whose names all say "(nano)"; not Silver (also "massive"), Annex II 1752
    // (carbon tubes of any size) or Tris-Biphenyl Triazine ("including as nanomaterial").
    assert_eq!(
        nano_entries,
        [
            "II/1725", "II/1728", "II/1729", "III/372", "IV/126a", "VI/23a", "VI/27a", "VI/30a",
            "VI/34"
        ]
    );
    condemned_if_nano.sort_unstable();
    assert_eq!(
        condemned_if_nano,
        [
            "COLLOIDAL GOLD",
            "COLLOIDAL PLATINUM",
            "GOLD THIOETHYLAMINO HYALURONIC ACID",
            "PLATINUM",
            "SODIUM STYRENE/ACRYLATES COPOLYMER",
            "STYRENE/ACRYLATES COPOLYMER",
        ]
    );
    // As a label writes them: plain, the item is not prohibited; marked nano, it is.
    for inci in condemned_if_nano {
        let plain = glasskin_core::analyze(&format!("Water, {inci}"), kb);
        let entry = &plain.products[0].entries[1];
        assert_eq!(entry.inci(), Some(inci));
        assert!(entry.flags().prohibited.is_none(), "{inci}");
        for marked in [format!("{inci} (nano)"), format!("{inci} [nano]")] {
            let nano = glasskin_core::analyze(&format!("Water, {marked}"), kb);
            let entry = &nano.products[0].entries[1];
            assert_eq!(entry.inci(), Some(inci), "{marked}");
            assert!(entry.nano, "{marked}");
            assert!(
                entry.flags().prohibited.is_some_and(|a| a.nano_only()),
                "{marked}"
            );
        }
    }
}

/// The mineral and nano-capable organic filters keep their ordinary Annex VI entry when plain,
/// and read the nano entry when marked nano.
#[test]
fn uv_filters_read_their_nano_entry_only_when_marked_nano() {
    let kb = glasskin_kb::kb();
    for (inci, plain, nano) in [
        ("TITANIUM DIOXIDE", "27", "27a"),
        ("ZINC OXIDE", "30", "30a"),
        (
            "METHYLENE BIS-BENZOTRIAZOLYL TETRAMETHYLBUTYLPHENOL",
            "23",
            "23a",
        ),
        ("TRIS-BIPHENYL TRIAZINE", "29", "29"),
    ] {
        let ingredient = kb.ingredient(inci).expect(inci);
        let reference = |n| ingredient.annex_for(Annex::VI, n).map(|a| a.reference());
        assert_eq!(reference(false), Some(plain), "{inci}");
        assert_eq!(reference(true), Some(nano), "{inci}");
        assert!(ingredient.annex(Annex::II).is_none(), "{inci}");
    }
}
