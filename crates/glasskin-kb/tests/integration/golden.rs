//! Golden tests: real product labels, written from their published ingredient lists
//! (`labels*.toml`), analysed end to end against the compiled knowledge base.
//!
//! Each label asserts the canonical names it must yield (in order), the classes some entry must
//! carry and, for the messy ones, the diagnostics; a snapshot per label pins the whole reading.

use std::fmt::Write as _;

use glasskin_core::{Analysis, DiagnosticKind, Match, OnePercent};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    label: Vec<Label>,
}

#[derive(Deserialize)]
pub(crate) struct Label {
    pub(crate) id: String,
    pub(crate) text: String,
    expect: Vec<String>,
    #[serde(default)]
    classes: Vec<String>,
    #[serde(default)]
    messy: Vec<String>,
    #[serde(default)]
    dropped: Vec<String>,
    /// Items that honestly name no single INCI ingredient.
    #[serde(default)]
    unknown: Vec<String>,
}

pub(crate) fn labels() -> Vec<Label> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut labels = Vec::new();
    for name in ["labels.toml", "labels_korean.toml"] {
        let path = dir.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        labels.extend(file.label);
    }
    labels
}

/// A compact, stable rendering of an analysis for snapshots.
fn render(analysis: &Analysis) -> String {
    let mut out = String::new();
    for product in &analysis.products {
        if let Some(title) = &product.title {
            let _ = writeln!(out, "## {title}");
        }
        for e in &product.entries {
            let classes: Vec<&str> = e.classes().iter().map(|c| c.id()).collect();
            let mut flags = Vec::new();
            if e.flags().eu_allergen.is_some() {
                flags.push("allergen".to_owned());
            }
            if let Some(a) = e.flags().prohibited {
                flags.push(format!("II/{}", a.reference()));
            }
            if let Some(a) = e.flags().restricted {
                flags.push(format!("III/{}", a.reference()));
            }
            if e.flags().fungal_acne.is_some() {
                flags.push("fungal-acne".to_owned());
            }
            if let Some(r) = e.flags().comedogenic {
                flags.push(format!("comedogenic {}", r.comedogenic));
            }
            if e.may_contain {
                flags.push("may-contain".to_owned());
            }
            if e.nano {
                flags.push("nano".to_owned());
            }
            let _ = writeln!(
                out,
                "{:>2} {} | {} | {:?} | {:?} | {} | {}",
                e.position,
                e.raw,
                e.inci().unwrap_or("?"),
                e.matched,
                e.one_percent,
                classes.join(" "),
                flags.join(" ")
            );
        }
    }
    for d in &analysis.diagnostics {
        let _ = writeln!(out, "! {:?}: {}", d.kind, d.message);
    }
    out
}

/// Free-from claims name what a product leaves out, and a maker's footer names no ingredient, so
/// none of their words may become entries: a claim is read as one, a footer dropped. Short lists
/// made up for each form (not real products).
#[test]
fn claims_and_footers_name_no_ingredients() {
    let kb = glasskin_kb::kb();
    for (text, kind) in [
        (
            "Water, Glycerin, Phenoxyethanol. Free of parabens, mineral oil, petrolatum.",
            DiagnosticKind::FreeFromClaim,
        ),
        (
            "Water, Glycerin, Phenoxyethanol. Formulated without: parabens, mineral oil, petrolatum",
            DiagnosticKind::FreeFromClaim,
        ),
        (
            "Water, Glycerin, Phenoxyethanol, Free from parabens, mineral oil, petrolatum",
            DiagnosticKind::FreeFromClaim,
        ),
        (
            "Ingredients: Water, Glycerin, Phenoxyethanol\nThis product does not contain: mineral oil, petrolatum",
            DiagnosticKind::FreeFromClaim,
        ),
        (
            "Water, Glycerin, Phenoxyethanol. Made in Korea. Distributed by Petrolatum Inc., New York, NY.",
            DiagnosticKind::DroppedProse,
        ),
    ] {
        let analysis = glasskin_core::analyze(text, kb);
        let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
        assert_eq!(found, ["WATER", "GLYCERIN", "PHENOXYETHANOL"], "{text}");
        assert_eq!(analysis.products.len(), 1, "{text}");
        assert!(
            analysis
                .diagnostics
                .iter()
                .any(|d| d.kind == kind && d.message.to_lowercase().contains("petrolatum")),
            "{text}: {:?}",
            analysis.diagnostics
        );
        let claimed: Vec<&str> = analysis.products[0]
            .claims
            .iter()
            .map(|c| c.term.as_str())
            .collect();
        if kind == DiagnosticKind::FreeFromClaim {
            assert!(claimed.contains(&"petrolatum"), "{text}: {claimed:?}");
        } else {
            assert!(claimed.is_empty(), "{text}: {claimed:?}");
        }
    }
}

/// A trade blend's "(and)" joins two names, and a footnote glued on with a full stop
/// ("Citric Acid*. *Organic") is a note. Short lists made up for each form.
#[test]
fn trade_blends_and_glued_footnotes() {
    let kb = glasskin_kb::kb();
    let analysis = glasskin_core::analyze(
        "Water, Dimethicone (and) Dimethiconol, Glycerin*, Citric Acid*. *Organic",
        kb,
    );
    let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
    assert_eq!(
        found,
        [
            "WATER",
            "DIMETHICONE",
            "DIMETHICONOL",
            "GLYCERIN",
            "CITRIC ACID"
        ]
    );
    assert!(analysis.entries().all(|e| e.matched != Match::Unknown));
    let noted: Vec<Option<&str>> = analysis.entries().map(|e| e.note.as_deref()).collect();
    assert_eq!(noted[3], Some("Organic"));
    assert_eq!(noted[4], Some("Organic"));
}

/// Names run together without a comma are told apart with their common names in brackets and
/// their footnote marks; a plant's bare name and "Extract" are not two names. Short lists made up
/// for each form.
#[test]
fn names_run_together_with_brackets_and_marks() {
    let kb = glasskin_kb::kb();
    let analysis = glasskin_core::analyze(
        "Water, Citrus Aurantium Dulcis (Orange) Oil** Lavandula Angustifolia (Lavender) Oil**, \
         Caprylhydroxamic Acid Oryza Sativa (Rice) Bran Oil, Glycerin. **Essential oil",
        kb,
    );
    let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
    assert_eq!(
        found,
        [
            "WATER",
            "CITRUS AURANTIUM DULCIS OIL",
            "LAVANDULA ANGUSTIFOLIA OIL",
            "CAPRYLHYDROXAMIC ACID",
            "ORYZA SATIVA BRAN OIL",
            "GLYCERIN"
        ]
    );
    assert_eq!(
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::MissingSeparator)
            .count(),
        2,
        "{:?}",
        analysis.diagnostics
    );

    let analysis = glasskin_core::analyze("Water, Vitis Vinifera Extract, Glycerin", kb);
    assert_eq!(analysis.entries().count(), 3);
    assert!(
        analysis
            .entries()
            .all(|e| !e.inci().is_some_and(|inci| inci.ends_with(") EXTRACT"))),
        "{:?}",
        analysis.entries().map(|e| e.inci()).collect::<Vec<_>>()
    );
}

/// A full stop often ends the list proper and opens the shade colourants: "Phenoxyethanol. May
/// Contain: …". The name before it stays an entry of its own, even when only a bracket of what
/// follows is a known name, and what follows is the "may contain" section. A name with a full
/// stop in it stays whole. Short lists made up for each form.
#[test]
fn a_may_contain_section_after_a_full_stop() {
    let kb = glasskin_kb::kb();
    for (text, expected, may_contain) in [
        (
            "Water, Glycerin, Phenoxyethanol. May Contain: Titanium Dioxide, Iron Oxides.",
            &[
                "WATER",
                "GLYCERIN",
                "PHENOXYETHANOL",
                "TITANIUM DIOXIDE",
                "CI 77491",
            ][..],
            2,
        ),
        (
            "Water, Glycerin, Phenoxyethanol. May Contain (+/-): Titanium Dioxide (CI 77891), Mica",
            &[
                "WATER",
                "GLYCERIN",
                "PHENOXYETHANOL",
                "TITANIUM DIOXIDE",
                "MICA",
            ],
            2,
        ),
        (
            "Water, Glycerin, Phenoxyethanol. [+/-: Mica (CI 77019), Iron Oxides (CI 77491)]",
            &["WATER", "GLYCERIN", "PHENOXYETHANOL", "MICA", "CI 77491"],
            2,
        ),
        (
            "Water, Glycerin, Phenoxyethanol. Titanium Dioxide (CI 77891)",
            &["WATER", "GLYCERIN", "PHENOXYETHANOL", "TITANIUM DIOXIDE"],
            0,
        ),
        (
            "Water, Alcohol Denat. (SD Alcohol 40-B), Glycerin",
            &["WATER", "ALCOHOL DENAT.", "GLYCERIN"],
            0,
        ),
    ] {
        let analysis = glasskin_core::analyze(text, kb);
        let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
        assert_eq!(found, expected, "{text}");
        assert!(
            analysis.entries().all(|e| e.matched != Match::Unknown),
            "{text}"
        );
        let flagged: Vec<&str> = analysis
            .entries()
            .filter(|e| e.may_contain)
            .filter_map(|e| e.inci())
            .collect();
        assert_eq!(flagged, expected[expected.len() - may_contain..], "{text}");
        assert_eq!(
            analysis
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::MayContain),
            may_contain > 0,
            "{text}"
        );
    }
}

/// Korean labels give concentrations in parts per million, in brackets or after the name: the
/// name is found and the concentration read as a percentage. A short list made up for the form.
#[test]
fn parts_per_million_after_a_name() {
    let kb = glasskin_kb::kb();
    let analysis = glasskin_core::analyze(
        "Water, Niacinamide 20,000ppm, Centella Asiatica Extract(10,000 PPM), Adenosine 400ppm",
        kb,
    );
    let read: Vec<(Option<&str>, Option<f32>)> =
        analysis.entries().map(|e| (e.inci(), e.percent)).collect();
    assert_eq!(
        read,
        [
            (Some("WATER"), None),
            (Some("NIACINAMIDE"), Some(2.0)),
            (Some("CENTELLA ASIATICA EXTRACT"), Some(1.0)),
            (Some("ADENOSINE"), Some(0.04)),
        ]
    );

    // What follows an ingredient declared below 1% is below 1% too; a drug-facts label's
    // actives, declared before the list, say nothing of it.
    let analysis = glasskin_core::analyze(
        "Water, Glycerin, Panax Ginseng Seed Oil(1000 ppm), Butylene Glycol, Niacinamide",
        kb,
    );
    assert_eq!(analysis.products[0].one_percent_line, Some(3));
    let places: Vec<OnePercent> = analysis.entries().map(|e| e.one_percent).collect();
    assert_eq!(places[1..3], [OnePercent::Above, OnePercent::Below]);
    assert_eq!(places[4], OnePercent::Below);
    let analysis = glasskin_core::analyze(
        "Active Ingredient: Salicylic Acid 0.5%. Inactive Ingredients: Water, Glycerin, Butylene Glycol",
        kb,
    );
    assert_eq!(analysis.products[0].one_percent_line, None);
    let places: Vec<OnePercent> = analysis.entries().map(|e| e.one_percent).collect();
    assert_eq!(places[0], OnePercent::Below);
    assert!(!places[1..].contains(&OnePercent::Below), "{places:?}");
}

/// Lists copied from web pages and notes: HTML entities, numbers before each name, and bullets
/// drawn with hyphens. Short lists made up for each form.
#[test]
fn web_copies_numbered_and_bulleted_lists() {
    let kb = glasskin_kb::kb();
    let expected = [
        "WATER",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "GLYCERIN",
        "NIACINAMIDE",
    ];
    for text in [
        "Water, Caprylic&#x2F;Capric Triglyceride, Glycerin&nbsp;, Niacinamide",
        "Water &amp; Caprylic&#47;Capric Triglyceride, Glycerin, Niacinamide",
        "1. Water 2. Caprylic/Capric Triglyceride 3. Glycerin 4. Niacinamide",
        "1) Water\n2) Caprylic/Capric Triglyceride\n3) Glycerin\n4) Niacinamide",
        "- Water\n- Caprylic/Capric Triglyceride\n- Glycerin\n- Niacinamide",
    ] {
        let analysis = glasskin_core::analyze(text, kb);
        let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
        assert_eq!(found, expected, "{text}");
        assert!(
            analysis.entries().all(|e| e.matched != Match::Unknown
                && !e.raw.starts_with(['-', '&', '1', '2', '3', '4'])),
            "{text}: {:?}",
            analysis.entries().map(|e| &e.raw).collect::<Vec<_>>()
        );
    }
}

#[test]
fn golden_labels() {
    let kb = glasskin_kb::kb();
    let labels = labels();
    assert!(labels.len() >= 60, "only {} golden labels", labels.len());
    let mut failures = Vec::new();
    for label in &labels {
        let analysis = glasskin_core::analyze(&label.text, kb);
        let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();

        // The expected names, in order (a subsequence of what was found).
        let mut rest = found.iter();
        for name in &label.expect {
            if !rest.any(|f| f == name) {
                failures.push(format!(
                    "{}: expected {name} (in order) in {found:?}",
                    label.id
                ));
                break;
            }
        }
        for class in &label.classes {
            let has = analysis
                .entries()
                .any(|e| e.classes().iter().any(|c| c.id() == class));
            if !has {
                failures.push(format!("{}: no entry is {class}", label.id));
            }
        }
        for e in analysis.entries() {
            if e.matched == Match::Unknown && !label.unknown.iter().any(|u| *u == e.raw) {
                failures.push(format!("{}: unknown entry {:?}", label.id, e.raw));
            }
        }
        for word in &label.dropped {
            let mentioned = analysis.diagnostics.iter().any(|d| {
                d.kind == DiagnosticKind::DroppedProse
                    && d.message.to_lowercase().contains(&word.to_lowercase())
            });
            if !mentioned {
                failures.push(format!(
                    "{}: no diagnostic says {word:?} was dropped",
                    label.id
                ));
            }
        }
        let messy = |m: &str| label.messy.iter().any(|x| x == m);
        if messy("multi_product") && analysis.products.len() < 2 {
            failures.push(format!("{}: the products were not split", label.id));
        }
        if messy("may_contain") && !analysis.entries().any(|e| e.may_contain) {
            failures.push(format!("{}: no entry is marked may-contain", label.id));
        }
        if messy("nano") && !analysis.entries().any(|e| e.nano) {
            failures.push(format!("{}: no entry is marked nano", label.id));
        }
        // Broken words are read exactly, and said so.
        if messy("word_breaks") {
            let mended = analysis
                .diagnostics
                .iter()
                .filter(|d| d.kind == DiagnosticKind::WordBreaks)
                .count();
            if mended == 0 || analysis.entries().any(|e| e.matched == Match::Fuzzy) {
                failures.push(format!(
                    "{}: {mended} names mended, and some read by similarity",
                    label.id
                ));
            }
        }
        if messy("percentages") && !analysis.entries().any(|e| e.percent.is_some()) {
            failures.push(format!("{}: no percentage was read", label.id));
        }
        insta::with_settings!({ snapshot_suffix => label.id.clone(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("label", render(&analysis));
        });
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Label furniture is never an entry, and a typo of a short name is still read: short lists
/// made up for each form, as EU bottles, L'Oréal's codes and hurried typing print them.
#[test]
fn label_furniture_and_short_typos() {
    let kb = glasskin_kb::kb();
    for (text, expect) in [
        (
            "INGREDIENTS/INGRÉDIENTS: Aqua/Water/Eau, Glycerin, Phenoxyethanol",
            &["AQUA", "GLYCERIN", "PHENOXYETHANOL"][..],
        ),
        (
            "Aqua, Glycerin, Phenoxyethanol]\nF.I.L. D12345/1",
            &["AQUA", "GLYCERIN", "PHENOXYETHANOL"][..],
        ),
        (
            "Water, Glycerin, Phenoxyethanol. Questions? 1-800-555-0100",
            &["WATER", "GLYCERIN", "PHENOXYETHANOL"][..],
        ),
        ("Aqau, Glycerin, Urae", &["AQUA", "GLYCERIN", "UREA"][..]),
    ] {
        let analysis = glasskin_core::analyze(text, kb);
        let found: Vec<&str> = analysis.entries().filter_map(|e| e.inci()).collect();
        assert_eq!(found, expect, "{text}");
        let raws: Vec<&str> = analysis.entries().map(|e| e.raw.as_str()).collect();
        assert!(
            raws.iter()
                .all(|r| !r.contains(['/', ']']) || r.starts_with("Aqua/")),
            "{text}: {raws:?}"
        );
    }
    // Water alone is thin and unthickened: a toner or mist, not a serum.
    let analysis = glasskin_core::analyze("Water", kb);
    let product = glasskin_core::understand(None, &analysis.products[0], None);
    assert_eq!(product.step, glasskin_core::Step::Toner);
}

/// Some shops write a list with spaced slashes: read as a list when the parts name three
/// ingredients or more, in English or Korean; slashes that join one ingredient's names do not
/// split it.
#[test]
fn a_list_written_with_slashes_is_a_list() {
    let inci = |text: &str| -> Vec<&'static str> {
        glasskin_core::analyze(text, glasskin_kb::kb())
            .entries()
            .filter_map(|e| e.inci())
            .collect()
    };
    assert_eq!(
        inci("Water / Glycerin / Butylene Glycol / Niacinamide 5%"),
        ["WATER", "GLYCERIN", "BUTYLENE GLYCOL", "NIACINAMIDE"]
    );
    assert_eq!(
        inci("정제수 / 글리세린 / 부틸렌글라이콜"),
        ["WATER", "GLYCERIN", "BUTYLENE GLYCOL"]
    );
    assert_eq!(
        inci("Water / Aqua / Eau, Titanium Dioxide / CI 77891, Caprylic / Capric Triglyceride"),
        ["WATER", "TITANIUM DIOXIDE", "CAPRYLIC/CAPRIC TRIGLYCERIDE"]
    );
}
