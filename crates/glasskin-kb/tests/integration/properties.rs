//! Properties of the analyzer over arbitrary input.

use proptest::prelude::*;

/// A key of the knowledge base, its letters upper-cased where `upper` says.
fn key_in_any_case(pick: prop::sample::Index, upper: &[bool]) -> String {
    let kb = glasskin_kb::kb();
    let (key, _) = kb.sorted_keys.get(pick.index(kb.sorted_keys.len()));
    key.chars()
        .zip(upper.iter().cycle())
        .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
        .collect()
}

/// How labels and retailers open a free-from note; `{}` is where the substances go.
const CLAIM_PHRASINGS: &[&str] = &[
    "Clean at Sephora products are formulated without: {}.",
    "Formulated without {}.",
    "FREE OF: {}",
    "Free from {}.",
    "This product does not contain {}.",
    "Contains no {}!",
    "Made without {}.",
    "Ingredient Callouts: Free of {}.",
    "This formula is vegan, cruelty-free, and formulated without {}.",
    "Free of:\n{}",
];

/// What they leave out, as pages write it: groups, single substances, things glasskin cannot
/// check, and the retailer's own punctuation.
const CLAIMED_SUBSTANCES: &[&str] = &[
    "Sulfates—SLS + SLES",
    "Parabens",
    "Formaldehydes",
    "Formaldehyde-Releasing Agents",
    "Phthalates",
    "Mineral Oil",
    "Retinyl Palmitate",
    "Oxybenzone",
    "Coal Tar",
    "Hydroquinone",
    "Triclosan",
    "Triclocarban",
    "silicones",
    "synthetic fragrance",
    "drying alcohols",
    "PEGs",
    "petrolatum",
    "talc",
    "artificial dyes",
    "essential oils",
    "gluten",
    "animal-derived ingredients",
    "DEA",
    "BHA",
    "BHT",
    "nano particles",
    "Methylisothiazolinone",
    "Benzophenone-3",
];

/// A free-from note: a phrasing with 1 to 8 substances, joined as people join them.
fn free_from_note() -> impl Strategy<Value = String> {
    (
        prop::sample::select(CLAIM_PHRASINGS),
        prop::sample::subsequence(CLAIMED_SUBSTANCES, 1..8),
        prop::bool::ANY,
    )
        .prop_map(|(phrasing, substances, oxford)| {
            let joined = if phrasing.contains('\n') {
                substances.join("\n")
            } else {
                match substances.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        let comma = if oxford { "," } else { "" };
                        format!("{}{comma} and {last}", rest.join(", "))
                    }
                    _ => substances.join(", "),
                }
            };
            phrasing.replace("{}", &joined)
        })
}

/// Each entry's position, text as written and reading.
fn entries(text: &str) -> Vec<(usize, String, Option<&'static str>)> {
    glasskin_core::analyze(text, glasskin_kb::kb())
        .entries()
        .map(|e| (e.position, e.raw.to_string(), e.inci()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A free-from note appended to any golden label, after a full stop or on lines of its own,
    /// changes none of its entries: what a product is made without is never in it.
    #[test]
    fn free_from_notes_change_no_entry(
        pick in any::<prop::sample::Index>(),
        note in free_from_note(),
        separator in prop::sample::select(&[". ", ".\n", "\n", "\n\n"][..]),
    ) {
        let labels = crate::golden::labels();
        let label = &labels[pick.index(labels.len())];
        let before = entries(&label.text);
        let text = format!("{}{separator}{note}", label.text.trim_end());
        prop_assert_eq!(entries(&text), before, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Parsing never fails: any string returns an analysis.
    #[test]
    fn any_text_is_analysed(text in any::<String>()) {
        let analysis = glasskin_core::analyze(&text, glasskin_kb::kb());
        for entry in analysis.entries() {
            prop_assert!(entry.position >= 1);
        }
    }

    /// Label-like text (names, separators, brackets, markers) never panics either.
    #[test]
    fn label_like_text_is_analysed(
        parts in prop::collection::vec(
            prop_oneof![
                Just("Water".to_owned()), Just("(Aqua/Eau)".to_owned()), Just(", ".to_owned()),
                Just("; ".to_owned()), Just("\n".to_owned()), Just("*".to_owned()),
                Just("10%".to_owned()), Just("May contain: ".to_owned()), Just("[+/- ".to_owned()),
                Just("]".to_owned()), Just("Ingredients: ".to_owned()), Just(". ".to_owned()),
                Just("Cleanser: ".to_owned()), Just("α".to_owned()), Just("１,２".to_owned()),
                "[a-zA-Z ]{0,12}",
            ],
            0..40,
        )
    ) {
        let text = parts.concat();
        let _ = glasskin_core::analyze(&text, glasskin_kb::kb());
    }

    /// So does Korean label text: names, Hangul of any kind, the panel's headings and footers,
    /// notes, middle dots and English beside Korean.
    #[test]
    fn korean_label_like_text_is_analysed(
        parts in prop::collection::vec(
            prop_oneof![
                Just("정제수".to_owned()), Just("부틸렌글라이콜".to_owned()), Just(", ".to_owned()),
                Just("[전성분]".to_owned()), Just("전성분:".to_owned()), Just("성분".to_owned()),
                Just("\n".to_owned()), Just("※ ".to_owned()), Just("·".to_owned()),
                Just("(10,000ppm)".to_owned()), Just("제조번호: ".to_owned()), Just("사용기한".to_owned()),
                Just("Water".to_owned()), Just("1,2-".to_owned()), Just("피이지-40".to_owned()),
                Just(" ".to_owned()), Just("(".to_owned()), Just(")".to_owned()),
                "[가-힣]{0,12}",
            ],
            0..40,
        )
    ) {
        let text = parts.concat();
        let analysis = glasskin_core::analyze(&text, glasskin_kb::kb());
        for entry in analysis.entries() {
            prop_assert!(entry.position >= 1 && !entry.raw.is_empty(), "{}", text);
        }
    }

    /// Every name listed again after its first place, and only those, is reported as a
    /// repeat, in list order.
    #[test]
    fn repeats_are_reported_in_order(
        picks in prop::collection::vec(0..12usize, 1..60)
    ) {
        const NAMES: [&str; 12] = [
            "Water", "Glycerin", "Niacinamide", "Butylene Glycol", "Sodium Hyaluronate",
            "Panthenol", "Allantoin", "Squalane", "Tocopherol", "Phenoxyethanol",
            "Citric Acid", "Xanthan Gum",
        ];
        let text: Vec<&str> = picks.iter().map(|&p| NAMES[p]).collect();
        let analysis = glasskin_core::analyze(&text.join(", "), glasskin_kb::kb());
        let reported: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.kind == glasskin_core::DiagnosticKind::Duplicate)
            .map(|d| d.message.clone())
            .collect();
        let expected: Vec<String> = analysis
            .entries()
            .enumerate()
            .filter(|(n, _)| picks[..*n].contains(&picks[*n]))
            .map(|(_, e)| format!(
                "{} is listed more than once (position {})",
                e.inci().unwrap_or_default(),
                e.position
            ))
            .collect();
        prop_assert_eq!(analysis.entries().count(), picks.len());
        prop_assert_eq!(reported, expected);
    }

    /// A known name in any case is read as the same ingredient whether the analyzer takes it as
    /// written or cleans it first: a footnote mark makes it clean the name, and changes nothing
    /// else. The decorations try what taking a name as written must rule out.
    #[test]
    fn names_read_as_written_read_as_cleaned(
        pick in any::<prop::sample::Index>(),
        upper in prop::collection::vec(any::<bool>(), 64),
        decoration in 0..8usize,
    ) {
        let kb = glasskin_kb::kb();
        let name = key_in_any_case(pick, &upper);
        let item = match decoration {
            0 => format!("Organic {name}"),
            1 => format!("{name} USP"),
            2 => format!("({name}"),
            3 => format!("{name})"),
            4 => format!("{name} Nano"),
            // A control character lowers to a space or punctuation.
            5 => name.replacen(' ', "\u{0}", 1).replacen('-', "\r", 1),
            _ => name,
        };
        let read = |text: &str| {
            let analysis = glasskin_core::analyze(text, kb);
            analysis.entries().map(|e| (e.inci(), e.matched)).collect::<Vec<_>>()
        };
        prop_assert_eq!(read(&item), read(&format!("{item}*")), "{:?}", item);
    }

    /// A name found as written, in any case, is the name the full rules find: the analyzer
    /// takes parts of names ("Titanium Dioxide" of "… (CI 77891)") as written on that ground.
    #[test]
    fn names_found_as_written_are_found_by_the_rules(
        pick in any::<prop::sample::Index>(),
        upper in prop::collection::vec(any::<bool>(), 64),
        other in "[A-Za-z0-9 /,'&()-]{1,30}",
    ) {
        let kb = glasskin_kb::kb();
        let name = key_in_any_case(pick, &upper);
        for text in [name.as_str(), other.as_str()] {
            if let Some(hit) = kb.lookup_as_written(text.as_bytes()) {
                let by_rules = kb.lookup(text).map(|r| (r.ingredient.inci(), r.kind));
                prop_assert_eq!(by_rules, Some((hit.ingredient.inci(), hit.kind)), "{:?}", text);
            }
        }
    }

    /// Analysing the canonical names again gives the same names.
    #[test]
    fn canonical_output_is_a_fixed_point(text in "[A-Za-z ,()/0-9%*.-]{0,200}") {
        let kb = glasskin_kb::kb();
        let first = glasskin_core::analyze(&text, kb);
        let names: Vec<&str> = first.entries().filter_map(|e| e.inci()).collect();
        let again = glasskin_core::analyze(&names.join(", "), kb);
        let names_again: Vec<&str> = again.entries().filter_map(|e| e.inci()).collect();
        prop_assert_eq!(names, names_again);
    }
}

/// The same fixed point over every ingredient the knowledge base knows, except the few whose
/// names use label syntax themselves: a colon ("CI 77268:1" reads as a heading) or a comma
/// between words ("JUNIPERUS VIRGINIANA, EXT., OXIDIZED") — a label cannot print those unambiguously.
#[test]
fn every_inci_name_reads_back_as_itself() {
    let kb = glasskin_kb::kb();
    let mut failures = Vec::new();
    let label_syntax = |name: &str| {
        name.contains(':')
            || name.contains(", ")
            || name.contains("ALPHA,")
            || name.contains(",4A")
            || name.contains("/(")
    };
    for ingredient in kb.ingredients().filter(|i| !label_syntax(i.inci())) {
        let analysis = glasskin_core::analyze(ingredient.inci(), kb);
        let names: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
        if names != [ingredient.inci()] {
            failures.push(format!("{} → {names:?}", ingredient.inci()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} names do not read back:\n{}",
        failures.len(),
        kb.records.len(),
        failures
            .iter()
            .take(50)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
