//! The key rules, case by case.

use super::*;

fn key(s: &str) -> String {
    let mut out = String::new();
    lookup_key(s, &mut out);
    out
}

#[test]
fn spacing_and_case_meet() {
    assert_eq!(
        key("Caprylic / Capric  Triglyceride"),
        "caprylic/capric triglyceride"
    );
    assert_eq!(
        key("CAPRYLIC/CAPRIC TRIGLYCERIDE"),
        "caprylic/capric triglyceride"
    );
    assert_eq!(
        key("Acrylates/C10 - 30 Alkyl Acrylate Crosspolymer"),
        "acrylates/c10-30 alkyl acrylate crosspolymer"
    );
    assert_eq!(key("Zea Mays ( Corn ) Starch"), "zea mays (corn) starch");
}

#[test]
fn full_stops_go_except_in_numbers() {
    assert_eq!(key("Alcohol Denat."), "alcohol denat");
    assert_eq!(key("D&C Red No.33"), "d&c red no 33");
    assert_eq!(key("Polyquaternium-7 0.5"), "polyquaternium-7 0.5");
    assert_eq!(key("1,2-Hexanediol"), "1,2-hexanediol");
}

#[test]
fn greek_dashes_and_quotes_fold() {
    assert_eq!(key("α-Arbutin"), "alpha-arbutin");
    assert_eq!(key("β–Glucan"), "beta-glucan");
    assert_eq!(key("Devil’s Claw"), "devil's claw");
}

#[test]
fn ascii_and_unicode_paths_agree() {
    for name in [
        "Caprylic / Capric  Triglyceride",
        "Alcohol Denat.",
        "PEG-40 0.5",
        "Devil`s Claw",
    ] {
        let (mut ascii, mut unicode) = (String::new(), String::new());
        let _ = ascii_key(name.as_bytes(), &mut ascii);
        unicode_key(name, &mut unicode);
        assert_eq!(ascii, unicode, "{name}");
    }
}

#[test]
fn plain_keys_are_lookup_keys() {
    for name in [
        "Water",
        "  Caprylic / Capric  Triglyceride ",
        "Acrylates/C10 - 30 Alkyl Acrylate Crosspolymer",
        "1,2-Hexanediol",
        "1, 2-Hexanediol",
        "D&C Red 33",
        "Devil's Claw",
        "PEG-40 Hydrogenated Castor Oil",
        "Zea Mays ( Corn ) Starch",
        "Water (Aqua) / Eau",
        "CI 77491 (Iron Oxides)",
        "(Aqua)",
        // Letters of a British spelling, but not one.
        "Titanium Dioxide (CI 77891)",
        "Ammonium Lactate",
    ] {
        let mut plain = Vec::new();
        assert!(plain_key(name.as_bytes(), &mut plain), "{name}");
        assert!(!may_fold(&plain), "{name}");
        assert_eq!(
            std::str::from_utf8(&plain),
            Ok(key(name).as_str()),
            "{name}"
        );
    }
    // Plain names the full rules fold say so.
    for name in [
        "Sodium Lauryl Sulphate",
        "Aluminium Hydroxide",
        "Hydrolysed Collagen",
        "Centella Asiatica Ext",
    ] {
        let mut plain = Vec::new();
        assert!(plain_key(name.as_bytes(), &mut plain), "{name}");
        assert!(may_fold(&plain), "{name}");
    }
    for name in [
        "Alcohol Denat.",
        "Zea Mays [Corn] Starch",
        "β-Glucan",
        "Niacinamide 5%",
    ] {
        assert!(!plain_key(name.as_bytes(), &mut Vec::new()), "{name}");
    }
}

#[test]
fn lowered_names_hash_as_their_keys() {
    for name in [
        "Water",
        "Butylene Glycol",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "1,2-Hexanediol",
    ] {
        assert_eq!(plain_shape(name.as_bytes(), &SHAPES).0, PlainShape::Lowered);
        assert_eq!(
            key_hash_lowered(name.as_bytes()),
            key_hash(&key(name)),
            "{name}"
        );
    }
    assert_eq!(
        plain_shape(b"Water  (Aqua)", &SHAPES).0,
        PlainShape::Respaced
    );
    assert_eq!(plain_shape(b"Water ", &SHAPES).0, PlainShape::Respaced);
    assert_eq!(
        plain_shape(b"Alcohol Denat.", &SHAPES).0,
        PlainShape::NotPlain
    );
}

proptest::proptest! {
    /// A name whose key is its bytes in lower case hashes, unlowered, as its key does.
    #[test]
    fn lowered_hashes_agree(name in "[A-Za-z0-9 /,'&()-]{0,40}") {
        if plain_shape(name.as_bytes(), &SHAPES).0 == PlainShape::Lowered {
            let mut plain = Vec::new();
            proptest::prop_assert!(plain_key(name.as_bytes(), &mut plain));
            proptest::prop_assert_eq!(key_hash_lowered(name.as_bytes()), key_hash_bytes(&plain));
            proptest::prop_assert_eq!(may_fold(name.as_bytes()), may_fold(&plain));
        }
    }

    /// A short key's windows and length say what it is: two keys of one length have the same
    /// windows only when they are the same, and lowering the windows lowers the key.
    #[test]
    fn short_windows_tell_keys_apart(
        a in proptest::collection::vec(0x20u8..0x7f, 0..=SHORT),
        flips in proptest::collection::vec(proptest::bool::ANY, SHORT),
        at in 0..SHORT,
    ) {
        let mut b = a.clone();
        if let Some(byte) = b.get_mut(at) {
            *byte ^= 1;
            proptest::prop_assert_ne!(short_windows(&a, 0), short_windows(&b, 0));
        }
        let upper: Vec<u8> = a.iter().zip(&flips)
            .map(|(&c, &flip)| if flip { c.to_ascii_uppercase() } else { c })
            .collect();
        let lower: Vec<u8> = a.iter().map(|c| c | 0x20).collect();
        proptest::prop_assert_eq!(short_windows(&upper, LOWERING), short_windows(&lower, 0));
    }

    /// The fast path agrees with the full rules on every name it accepts that needs no fold.
    #[test]
    fn plain_keys_agree(name in "[A-Za-z0-9 /,'&()._-]{0,40}") {
        let mut plain = Vec::new();
        if plain_key(name.as_bytes(), &mut plain) && !may_fold(&plain) {
            let full = key(&name);
            proptest::prop_assert_eq!(std::str::from_utf8(&plain).ok(), Some(full.as_str()));
        }
    }
}

#[test]
fn british_spellings_fold() {
    assert_eq!(key("Sodium Lauryl Sulphate"), "sodium lauryl sulfate");
    assert_eq!(key("Aluminium Hydroxide"), "aluminum hydroxide");
    assert_eq!(key("Hydrolysed Collagen"), "hydrolyzed collagen");
    assert_eq!(key("Raised"), "raised");
}
