use super::clean::{
    bracketed, clean, ends_with_parts_per, outside_brackets, says_nano, strip_qualifiers,
    take_concentration,
};
use super::*;

#[test]
fn percent_is_taken_out() {
    assert_eq!(
        take_concentration("Niacinamide 10%"),
        ("Niacinamide".to_owned(), Some(10.0))
    );
    assert_eq!(
        take_concentration("Zinc Oxide (9.0%)"),
        ("Zinc Oxide".to_owned(), Some(9.0))
    );
    assert_eq!(
        take_concentration("Salicylic Acid 0,5 %"),
        ("Salicylic Acid".to_owned(), Some(0.5))
    );
}

#[test]
fn parts_per_million_are_a_percentage() {
    assert_eq!(
        take_concentration("Centella Asiatica Extract(10,000ppm)"),
        ("Centella Asiatica Extract".to_owned(), Some(1.0))
    );
    assert_eq!(
        take_concentration("Adenosine 400 PPM"),
        ("Adenosine".to_owned(), Some(0.04))
    );
    assert_eq!(
        take_concentration("Panax Ginseng Berry Extract(1.1 ppb)"),
        ("Panax Ginseng Berry Extract".to_owned(), Some(1.1e-7))
    );
    // "ppm" after no number is not a concentration.
    assert_eq!(
        take_concentration("Ppm Extract"),
        ("Ppm Extract".to_owned(), None)
    );
    assert!(
        ends_with_parts_per("Niacinamide 20,000PPM") && ends_with_parts_per("Extract (10 ppm)*")
    );
    assert!(!ends_with_parts_per("Polymethyl Methacrylate") && !ends_with_parts_per("pm"));
}

#[test]
fn brackets_split() {
    let name = "Camellia Sinensis (Green Tea) Leaf Extract";
    let mut outside = String::new();
    outside_brackets(name, &mut outside);
    assert_eq!(outside, "Camellia Sinensis Leaf Extract");
    assert_eq!(bracketed(name).collect::<Vec<_>>(), ["Green Tea"]);
    outside_brackets("(Aqua) Water(Eau)/ Glycerin (Vegetable)", &mut outside);
    assert_eq!(outside, "Water / Glycerin");
    // An unclosed bracket hides the rest, as before.
    outside_brackets("Water (Aqua", &mut outside);
    assert_eq!(outside, "Water");
    assert_eq!(
        bracketed("Mica [CI 77019 (x)] Talc").collect::<Vec<_>>(),
        ["CI 77019 (x)"]
    );
}

#[test]
fn qualifiers_come_off_in_any_case() {
    for (name, left) in [
        ("Organic Glycerin", "Glycerin"),
        (
            "CERTIFIED ORGANIC Aloe Barbadensis Leaf Juice",
            "Aloe Barbadensis Leaf Juice",
        ),
        ("natural pure Squalane", "Squalane"),
        ("Petrolatum USP", "Petrolatum"),
        ("Zinc Oxide usp", "Zinc Oxide"),
        ("Lanolin Ph. Eur", "Lanolin"),
        ("Glycerin BP", "Glycerin"),
        ("Sorbitol NF", "Sorbitol"),
        // Names that only look like it keep every letter.
        ("Purified Water", "Purified Water"),
        ("Natto Gum", "Natto Gum"),
        (
            "Organically Grown Rice Extract",
            "Organically Grown Rice Extract",
        ),
        ("Jojoba Esters", "Jojoba Esters"),
        ("Pure", "Pure"),
        ("Cera Alba", "Cera Alba"),
    ] {
        assert_eq!(strip_qualifiers(name), left, "{name}");
    }
}

#[test]
fn control_characters_other_than_line_breaks_are_found() {
    assert!(!has_control("Water, Glycerin\nNiacinamide"));
    assert!(has_control("Water,\tGlycerin"));
    assert!(has_control("Glycerin\r"));
    assert!(has_control("\u{1}Water"));
    assert!(!has_control(""));
}

#[test]
fn cleaning_takes_markers_and_nano() {
    assert!(says_nano("Titanium Dioxide (NaNo)"));
    assert!(!says_nano("Niacinamide, Sodium Hyaluronate"));
    let c = clean("Titanium Dioxide [nano]*");
    assert_eq!(c.name, "Titanium Dioxide");
    assert!(c.nano);
    assert_eq!(c.marker, "*");
    assert_eq!(clean("[+/- CI 77891]").name, "+/- CI 77891");
    assert_eq!(clean("CI 77491]").name, "CI 77491");
}

#[test]
fn prose_is_told_from_names() {
    assert!(looks_like_prose(
        "Please be aware that ingredient lists may change"
    ));
    assert!(looks_like_prose("Apply to clean skin morning and night"));
    assert!(!looks_like_prose("Camellia Sinensis Leaf Extract"));
    assert!(!looks_like_prose(
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer"
    ));
}

/// The 1% line is the first ingredient normally used below 1% (a retinoid, a preservative) or
/// declared below it after an undeclared one; a printed strength outweighs what is normal, so a
/// drug-facts active ("Adapalene 0.1%") ahead of the list is not the line.
#[test]
fn the_line_is_the_first_ingredient_normally_or_declared_below_one_percent() {
    use crate::kb::{ClassSet, Summary};
    use crate::product::Traits;
    use analyzer::estimate_one_percent;
    use entry::{Entry, Match, OnePercent};
    let entry = |position: usize, percent: Option<f32>, normally_below: bool| Entry {
        position,
        raw: "x".into(),
        matched: Match::Exact,
        score: None,
        percent,
        one_percent: OnePercent::Unknown,
        may_contain: false,
        nano: false,
        note: None,
        ingredient: None,
        summary: Summary::new(ClassSet::EMPTY, Traits::default(), false, normally_below),
    };
    let readings = |entries: &[Entry]| entries.iter().map(|e| e.one_percent).collect::<Vec<_>>();
    use OnePercent::{Above, Below, Unknown};

    // Water, Glycerin, Niacinamide, Retinol: the retinol is the line, and below it.
    let mut list = [
        entry(1, None, false),
        entry(2, None, false),
        entry(3, None, false),
        entry(4, None, true),
    ];
    assert_eq!(estimate_one_percent(&mut list), Some(4));
    assert_eq!(readings(&list), [Above, Above, Above, Below]);

    // Adapalene 0.1% (declared), then Water, Carbomer: the carbomer is the line.
    let mut list = [
        entry(1, Some(0.1), true),
        entry(2, None, false),
        entry(3, None, true),
    ];
    assert_eq!(estimate_one_percent(&mut list), Some(3));
    assert_eq!(readings(&list), [Below, Above, Below]);

    // Nothing to go by: only the first is known to be above 1%.
    let mut list = [entry(1, None, false), entry(2, None, false)];
    assert_eq!(estimate_one_percent(&mut list), None);
    assert_eq!(readings(&list), [Above, Unknown]);
}
