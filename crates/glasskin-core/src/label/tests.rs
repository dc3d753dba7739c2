use super::byte_scan::has_trigram;
use super::list_items::{Brackets, round_close, sentences, split_items};
use super::may_contain::may_contain_marker_len;
use super::normalize::{fold_char, fold_text, normalize_text};
use super::*;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

#[test]
fn splits_at_separators_but_not_inside_brackets_or_numbers() {
    let items = split_items("Water (Aqua, Eau), 1,2-Hexanediol; Glycerin\nNiacinamide");
    assert_eq!(
        items,
        [
            "Water (Aqua, Eau)",
            " 1,2-Hexanediol",
            " Glycerin",
            "Niacinamide"
        ]
    );
}

#[test]
fn trigrams_are_found_in_any_case_and_anywhere() {
    assert!(has_trigram(b"ngr", [*b"ngr"]));
    assert!(has_trigram(b"Full INGREDIENT list", [*b"ngr"]));
    assert!(has_trigram(b"Sodium Lauryl SulPHate", [*b"xyz", *b"lph"]));
    assert!(!has_trigram(b"Water, Glycerin", [*b"ngr"]));
    // Not across a gap, and not in a text shorter than a trigram.
    assert!(!has_trigram(b"n gr", [*b"ngr"]));
    assert!(!has_trigram(b"ng", [*b"ngr"]));
    assert!(!has_trigram(b"", [*b"ngr"]));
}

#[test]
fn may_contain_brackets_do_not_group() {
    let items = split_items("Silica, [+/- CI 77891, CI 77491]");
    assert_eq!(items, ["Silica", " [+/- CI 77891", " CI 77491]"]);
}

#[test]
fn spaced_locants_stay_whole() {
    assert_eq!(split_items("Water, 1, 2-Hexanediol, Glycerin").len(), 3);
    assert_eq!(split_items("Vitamin B1, 2 Drops").len(), 2);
}

#[test]
fn sentences_split_only_at_sentence_ends() {
    assert_eq!(
        sentences("Sigesbeckia Orientalis (St. Paul's Wort) Extract"),
        ["Sigesbeckia Orientalis (St. Paul's Wort) Extract"]
    );
    assert_eq!(sentences("FD&C Yellow No. 5"), ["FD&C Yellow No. 5"]);
    assert_eq!(sentences("Citrus Aurantium var. Amara Oil").len(), 1);
    assert_eq!(
        sentences("Tocopherol. Made in Korea."),
        ["Tocopherol.", " Made in Korea."]
    );
    assert_eq!(
        sentences("Citric Acid*. *Organic"),
        ["Citric Acid*.", " *Organic"]
    );
    assert_eq!(sentences("Vitamin E. Oil").len(), 1);
    assert_eq!(
        sentences("Alcohol Denat. Please note"),
        ["Alcohol Denat.", " Please note"]
    );
}

#[test]
fn unbalanced_brackets_do_not_swallow_the_list() {
    let items = split_items("Water (Aqua, Glycerin, Niacinamide");
    assert_eq!(items.len(), 3);
}

#[test]
fn finds_ingredient_heading_and_prose() {
    let text = "A gentle gel. Directions: apply to wet skin.\nIngredients: Water, Glycerin";
    let s = sections(text);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(s[0].kind, None);
    assert_eq!(s[1].kind, Some(HeadingKind::Prose));
    assert_eq!(s[2].kind, Some(HeadingKind::Ingredients));
    assert_eq!(s[2].body.trim(), "Water, Glycerin");
}

#[test]
fn free_from_claims_are_prose() {
    let s = sections("Water, Glycerin. Free of parabens, sulfates.");
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[1].heading, Some("Free of"));
    assert_eq!(s[1].kind, Some(HeadingKind::Prose));
    assert_eq!(s[1].body.trim(), "parabens, sulfates.");
    let s = sections("Water, Glycerin\nThis product is formulated without: petrolatum");
    assert_eq!(s[1].kind, Some(HeadingKind::Prose));
    assert_eq!(claim_len("Formulated Without: parabens"), Some(18));
    assert_eq!(claim_len("Made in Korea"), Some(7));
    // A claim needs its whole phrase: "Free Fatty Acids" is an ingredient.
    assert_eq!(claim_len("Free Fatty Acids"), None);
    assert_eq!(claim_len("Withania Somnifera Root Extract"), None);
}

#[test]
fn finds_product_headings() {
    let s = sections("Cleanser: Water, Glycerin.\nToner: Water, Butylene Glycol");
    let kinds: Vec<_> = s.iter().map(|s| (s.heading, s.kind)).collect();
    assert_eq!(
        kinds,
        [
            (Some("Cleanser"), Some(HeadingKind::Product)),
            (Some("Toner"), Some(HeadingKind::Product))
        ]
    );
}

#[test]
fn may_contain_is_not_a_heading() {
    let s = sections("Cleanser: Water, Glycerin\nToner: Water, Mica\nMay contain: CI 77891");
    assert_eq!(s.len(), 2, "{s:?}");
    assert!(s[1].body.contains("May contain: CI 77891"));
}

#[test]
fn inline_ingredients_heading() {
    let s = sections("Soothing cream for dry skin Inactive Ingredients: Water, Glycerin");
    assert_eq!(
        s.last().map(|s| s.kind),
        Some(Some(HeadingKind::Ingredients))
    );
}

#[test]
fn normalizes_fullwidth_and_bullets() {
    assert_eq!(
        normalize_text("Water，Glycerin • Niacinamide"),
        "Water,Glycerin , Niacinamide"
    );
    assert_eq!(normalize_text("Aqua\u{a0}(Water)"), "Aqua (Water)");
}

#[test]
fn decodes_html_entities_of_copied_web_text() {
    assert_eq!(
        normalize_text("Caprylic&#x2F;Capric Triglyceride, Glycerin&nbsp;&amp; Water"),
        "Caprylic/Capric Triglyceride, Glycerin & Water"
    );
    // An ampersand that starts no entity stays, and text without one is not copied.
    assert_eq!(
        normalize_text("Alcohol & Water, R&D;"),
        "Alcohol & Water, R&D;"
    );
    assert!(matches!(
        normalize_text("Water, Glycerin"),
        Cow::Borrowed(_)
    ));
}

proptest::proptest! {
    /// Normalizing piece by piece gives what normalizing the whole text gives, for texts
    /// that mix ASCII with accents, combining marks that reorder, compatibility characters
    /// and Hangul jamo that compose.
    #[test]
    fn folding_piece_by_piece_is_folding_the_whole(
        text in "[aeAE 1,/()\t\r\\\\\u{301}\u{300}\u{316}\u{327}é™µ\u{a0}ｱ（가\u{1161}\u{11a8}ﬁ•]{0,24}"
    ) {
        let mut whole = String::new();
        text.nfkc().for_each(|c| fold_char(c, &mut whole));
        proptest::prop_assert_eq!(fold_text(&text), whole);
    }
}

proptest::proptest! {
    /// With round brackets alone, following a bracket to its close by depth pairs it as
    /// working out every pair does, unbalanced text included.
    #[test]
    fn round_brackets_close_by_depth(text in "[()a,]{0,24}") {
        let pairs = Brackets::of(&text);
        for (open, _) in text.match_indices('(') {
            proptest::prop_assert_eq!(round_close(text.as_bytes(), open), pairs.close_of(open));
        }
    }
}

#[test]
fn numbered_lists_split_at_their_numbers() {
    assert_eq!(
        split_items("1. Water 2. Glycerin 3. 1,2-Hexanediol"),
        ["Water ", "Glycerin ", "1,2-Hexanediol"]
    );
    assert_eq!(
        split_items("1) Water,\n2) Glycerin,\n3) Niacinamide, Zinc PCA"),
        ["Water", "Glycerin", "Niacinamide", " Zinc PCA"]
    );
    // Two numbers, numbers out of order, and numbers inside names number nothing.
    assert_eq!(split_items("1. Water 2. Glycerin").len(), 1);
    assert_eq!(split_items("1. Water 3. Glycerin 2. Niacinamide").len(), 1);
    assert_eq!(
        split_items("1,2-Hexanediol, Ceramide 3. Water, Vitamin B3. Glycerin").len(),
        3
    );
}

#[test]
fn may_contain_markers() {
    assert_eq!(may_contain_marker_len("[+/- CI 77891"), Some(5));
    assert_eq!(
        may_contain_marker_len("May Contain/Peut Contenir: Mica"),
        Some(27)
    );
    assert_eq!(may_contain_marker_len("Mica"), None);
}
