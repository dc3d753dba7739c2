//! Golden tests for product understanding: each real label in `labels*.toml` carries the routine
//! step of the product it comes from and flags judged by reading its list; glasskin must infer
//! the same from the product's name and ingredients.

use std::collections::BTreeMap;

use glasskin_core::{Product, Step};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    label: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    id: String,
    product: String,
    step: String,
    text: String,
    product_flags: BTreeMap<String, bool>,
    /// Other steps the product is honestly sold as, when neither its name nor its list can tell
    /// them apart (a cream "for face and body").
    #[serde(default)]
    accept: Vec<String>,
}

fn labels() -> Vec<Label> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    ["labels.toml", "labels_korean.toml"]
        .iter()
        .flat_map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).expect("labels are readable");
            let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            file.label
        })
        .collect()
}

fn flag(product: &Product, name: &str) -> bool {
    match name {
        "fragrance_free" => product.flags.fragrance_free,
        "drying_alcohol_free" => product.flags.drying_alcohol_free,
        "needs_low_ph" => product.needs_low_ph,
        "rinse_off" => product.rinse_off,
        "uv_filters" => product.uv.is_some(),
        "spf_declared" => product.uv_declared.is_some(),
        "pregnancy_caution" => !product.flags.pregnancy_caution.is_empty(),
        "seven_skin" => product.flags.seven_skin,
        other => panic!("unknown product flag {other}"),
    }
}

#[test]
fn steps_and_flags_of_real_products() {
    let kb = glasskin_kb::kb();
    let labels = labels();
    assert!(
        labels.len() >= 40,
        "only {} labelled products",
        labels.len()
    );
    let mut failures = Vec::new();
    for label in &labels {
        let expected = Step::from_id(&label.step)
            .unwrap_or_else(|| panic!("{}: unknown step {}", label.id, label.step));
        let analysis = glasskin_core::analyze(&label.text, kb);
        // Kits list several products; the first stands for the label.
        // A kit's text holds several products' lists: it must be split, and each part is a
        // product of its own, so the kit as a whole is not classified.
        if expected == Step::Other && analysis.products.len() > 1 {
            continue;
        }
        let Some(list) = analysis.products.first() else {
            failures.push(format!("{}: no list", label.id));
            continue;
        };
        let product = glasskin_core::understand(Some(&label.product), list, None);
        let accepted = |step: Step| step == expected || label.accept.iter().any(|a| a == step.id());
        if !accepted(product.step) {
            failures.push(format!(
                "{}: step {} (also {:?}), expected {expected}: {}",
                label.id,
                product.step,
                product.also,
                product.reasons.join("; ")
            ));
        }
        for (name, &want) in &label.product_flags {
            let got = flag(&product, name);
            if got != want {
                failures.push(format!("{}: {name} is {got}, expected {want}", label.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} labels disagree:\n{}",
        failures.len(),
        labels.len(),
        failures.join("\n")
    );
}

#[test]
fn a_declared_step_wins() {
    let kb = glasskin_kb::kb();
    let analysis =
        glasskin_core::analyze("Water, Glycerin, Butylene Glycol, Sodium Hyaluronate", kb);
    let list = &analysis.products[0];
    let guessed = glasskin_core::understand(None, list, None);
    assert_eq!(guessed.step, Step::Toner);
    let declared = glasskin_core::understand(None, list, Some(Step::Essence));
    assert_eq!(declared.step, Step::Essence);
    assert!(declared.declared);
}

/// A made-up list's EU compliance notes.
fn eu_notes(label: &str) -> Vec<String> {
    let analysis = glasskin_core::analyze(label, glasskin_kb::kb());
    glasskin_core::understand(None, &analysis.products[0], None)
        .flags
        .eu_compliance
}

/// Annex II bans some substances outright and others only in some grades or uses (petrolatum
/// that is not fully refined, Ponceau SX in hair dye): only the first are called prohibited.
#[test]
fn eu_bans_are_told_apart_from_conditional_ones() {
    let conditional = eu_notes("Water, Petrolatum, CI 14700");
    assert_eq!(conditional.len(), 2, "{conditional:?}");
    for note in &conditional {
        assert!(note.contains("in some grades or uses"), "{note}");
        assert!(!note.contains("is prohibited"), "{note}");
    }
    let outright = eu_notes("Water, Glycerin, Spironolactone");
    assert_eq!(
        outright,
        ["SPIRONOLACTONE is prohibited in EU cosmetics (Annex II, entry 4)"]
    );
}

/// An annex entry for the nanomaterial alone is noted only where the label says nano: a plain
/// opacifier, colloidal gold or hydroxyapatite is not banned. Short lists made up for each form.
#[test]
fn nano_only_bans_are_noted_only_for_items_marked_nano() {
    let plain = eu_notes(
        "Water, Glycerin, Colloidal Gold, Hydroxyapatite, Sodium Styrene/Acrylates Copolymer",
    );
    assert!(plain.is_empty(), "{plain:?}");
    let marked = eu_notes("Water, Glycerin, Colloidal Gold (nano), Hydroxyapatite [nano]");
    assert_eq!(
        marked,
        [
            "COLLOIDAL GOLD is prohibited in EU cosmetics (Annex II, entry 1728)",
            "HYDROXYAPATITE is restricted in the EU (Annex III, entry 372: max (a) 10 % (b) 0,465 %); \
             a label cannot show its limits and conditions are met",
        ]
    );
    // The mineral filters in either form keep their own Annex III and VI entries, never a ban.
    let sunscreen = eu_notes("Water, Titanium Dioxide (nano), Zinc Oxide (Nano), Titanium Dioxide");
    assert!(
        sunscreen.iter().all(|n| !n.contains("prohibited")),
        "{sunscreen:?}"
    );
}

/// A product's actives carry their entry's own reading of the 1% line, so the table and the
/// summary tell one story; a retinoid, normally used below 1%, is never said to be above it.
#[test]
fn actives_read_the_one_percent_line_as_their_entries_do() {
    let kb = glasskin_kb::kb();
    for label in labels().iter().map(|l| l.text.as_str()).chain([
        "Water, Glycerin, Niacinamide, Retinol",
        "Water, Glycerin, Niacinamide",
        "Squalane, Retinal, Tocopherol",
        "Water, Retinyl Palmitate, Glycerin, Phenoxyethanol",
    ]) {
        let analysis = glasskin_core::analyze(label, kb);
        for list in &analysis.products {
            let product = glasskin_core::understand(None, list, None);
            for active in &product.actives {
                let entry = list
                    .entries
                    .iter()
                    .find(|e| !e.may_contain && e.inci() == Some(active.inci))
                    .expect("an active is an entry");
                assert_eq!(
                    active.strength, entry.one_percent,
                    "{}: {label}",
                    active.inci
                );
                if active.class == glasskin_core::Class::Retinoid && entry.percent.is_none() {
                    assert_ne!(
                        active.strength,
                        glasskin_core::OnePercent::Above,
                        "{}: {label}",
                        active.inci
                    );
                }
            }
        }
    }
    let analysis = glasskin_core::analyze("Water, Glycerin, Niacinamide, Retinol", kb);
    assert_eq!(analysis.products[0].one_percent_line, Some(4));
}

/// Names and declarations on short lists made up for each rule (not real products): what the
/// name says decides where the list leaves it open.
#[test]
fn names_and_declared_protection_decide_what_the_list_leaves_open() {
    let kb = glasskin_kb::kb();
    let cases: &[(Option<&str>, &str, Step, Option<u8>)] = &[
        // A primer that declares an SPF, its filters left out of the list: a sunscreen.
        (
            Some("Mattifying Primer Broad Spectrum SPF 30"),
            "Cyclopentasiloxane, Dimethicone Crosspolymer, Silica, Phenoxyethanol",
            Step::Sunscreen,
            Some(30),
        ),
        // After-sun care declares nothing.
        (
            Some("After-Sun Soothing Lotion"),
            "Water, Aloe Barbadensis Leaf Juice, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Dimethicone, Phenoxyethanol",
            Step::Moisturizer,
            None,
        ),
        // A supplement is swallowed, whatever it promises.
        (
            Some("Daily Sun Protection Supplement"),
            "Polypodium Leucotomos Leaf Extract, Microcrystalline Cellulose, Magnesium Stearate",
            Step::Other,
            None,
        ),
        // An alcohol-led mist with a solubiliser for its rose oil: a toner, not a cleanser.
        (
            Some("Rose Facial Mist"),
            "Alcohol, Glycerin, Polysorbate 20, Rosa Damascena Flower Water, Rosa Damascena Flower Oil, Parfum",
            Step::Toner,
            None,
        ),
        // The essence sprayed as a mist is an essence.
        (
            Some("Glow Essence Mist"),
            "Water, Butylene Glycol, Glycerin, Niacinamide, Sodium Hyaluronate, Phenoxyethanol",
            Step::Essence,
            None,
        ),
        // Eye and lip contour: eye care.
        (
            Some("Eye and Lip Contour Cream"),
            "Water, Glycerin, Butyrospermum Parkii Butter, Cetearyl Alcohol, Dimethicone, Phenoxyethanol",
            Step::EyeCare,
            None,
        ),
        // Dark spots are pigment, not blemishes.
        (
            Some("Dark Spot Correcting Night Cream"),
            "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Niacinamide, Tranexamic Acid, Phenoxyethanol",
            Step::Moisturizer,
            None,
        ),
        // Two bottles in a pack are not a Korean mask.
        (
            Some("Hydrating Toner Duo Pack"),
            "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Phenoxyethanol",
            Step::Toner,
            None,
        ),
        // No name: titanium dioxide third on an untinted list is there as a filter.
        (
            None,
            "Water, Propanediol, Titanium Dioxide, Dicaprylyl Carbonate, Cyclopentasiloxane, Glycerin, Phenoxyethanol",
            Step::Sunscreen,
            None,
        ),
    ];
    let mut failures = Vec::new();
    for &(name, text, step, spf) in cases {
        let analysis = glasskin_core::analyze(text, kb);
        let product = glasskin_core::understand(name, &analysis.products[0], None);
        let declared = product.uv_declared.as_ref().and_then(|d| d.spf);
        if product.step != step || declared != spf {
            failures.push(format!(
                "{name:?}: {} (SPF {declared:?}), expected {step} (SPF {spf:?}): {}",
                product.step,
                product.reasons.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The list's texture, on short lists made up for each rule (not real products): what an
/// emulsion is set with, what a list printed without its water still says, and the films, acids
/// and oils that make a step whatever the name leaves out.
#[test]
fn the_texture_of_the_list_decides_what_the_name_leaves_open() {
    let kb = glasskin_kb::kb();
    let cases: &[(Option<&str>, &str, Step, &[Step])] = &[
        // No form word: silicones and water with no wax or fatty alcohol to set them: a serum.
        (
            Some("Line Smoothing Perfector"),
            "Water, Dimethicone, Butylene Glycol, Cyclopentasiloxane, Polysilicone-11, Glycerin, Acetyl Hexapeptide-8, Phenoxyethanol",
            Step::Serum,
            &[],
        ),
        // No form word: an emulsion led by an active, with nothing to set it: a serum.
        (
            Some("Retinol Night Repair"),
            "Cyclopentasiloxane, Squalane, Water, Retinol, Tocopheryl Acetate, Phenoxyethanol",
            Step::Serum,
            &[],
        ),
        // No form word: oils set with cetearyl alcohol and glyceryl stearate: a cream.
        (
            Some("Daily Barrier Repair"),
            "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Glyceryl Stearate, Dimethicone, Phenoxyethanol",
            Step::Moisturizer,
            &[],
        ),
        // "Treatment" names no form: a cream sold as a treatment is a cream…
        (
            Some("Neck Firming Treatment"),
            "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Glyceryl Stearate, Dimethicone, Phenoxyethanol",
            Step::Moisturizer,
            &[],
        ),
        // …a clay sold as a treatment a mask…
        (
            Some("Pore Clearing Treatment"),
            "Water, Kaolin, Bentonite, Glycerin, Xanthan Gum, Phenoxyethanol",
            Step::WashOffMask,
            &[],
        ),
        // …and a light, watery one a serum.
        (
            Some("Tone Evening Treatment"),
            "Water, Butylene Glycol, Niacinamide, Glycerin, Carbomer, Phenoxyethanol",
            Step::Serum,
            &[],
        ),
        // Lists printed without their water: a humectant leading a thin hydrating list…
        (
            None,
            "Propanediol, Sodium PCA, Panthenol, Betaine, Phenoxyethanol",
            Step::Toner,
            &[],
        ),
        // …and a fatty emulsifier, beeswax and fatty alcohols with no water listed make a cream,
        // not "other".
        (
            None,
            "Glyceryl Stearate Citrate, Glycerin, Cera Alba, Cetearyl Alcohol, Helianthus Annuus Seed Oil, Alcohol, Phenoxyethanol",
            Step::Moisturizer,
            &[],
        ),
        // Silicones leading with no water: a silicone serum, not a face oil.
        (
            None,
            "Cyclopentasiloxane, Dimethicone, Dimethicone Crosspolymer, Tocopheryl Acetate, Squalane",
            Step::Serum,
            &[],
        ),
        // Oils set with waxes: a balm, whatever actives it carries.
        (
            None,
            "Ricinus Communis Seed Oil, Helianthus Annuus Seed Oil, Cera Alba, Euphorbia Cerifera Cera, Ascorbyl Palmitate, Tocopherol",
            Step::Moisturizer,
            &[],
        ),
        // Glycolic acid third in a cream is an exfoliant's dose.
        (
            None,
            "Water, Glycerin, Glycolic Acid, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Sodium Hydroxide, Phenoxyethanol",
            Step::Exfoliant,
            &[],
        ),
        // Polyvinyl alcohol high on the list is the film of a peel-off mask.
        (
            None,
            "Water, Polyvinyl Alcohol, Alcohol Denat., Glycerin, Phenoxyethanol",
            Step::WashOffMask,
            &[],
        ),
        // An exfoliating cleanser cleanses and exfoliates.
        (
            Some("Daily Exfoliating Cleanser"),
            "Water, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Glycerin, Salicylic Acid, Phenoxyethanol",
            Step::WaterCleanser,
            &[Step::Exfoliant],
        ),
        // A peel-off mask peels a film, not skin.
        (
            Some("Charcoal Peel-Off Mask"),
            "Water, Polyvinyl Alcohol, Alcohol Denat., Charcoal Powder, Glycerin, Phenoxyethanol",
            Step::WashOffMask,
            &[],
        ),
        // A make-up remover: a micellar water…
        (
            Some("Gentle Eye Makeup Remover"),
            "Water, Poloxamer 184, Hexylene Glycol, Butylene Glycol, Phenoxyethanol",
            Step::WaterCleanser,
            &[],
        ),
        // …or a biphase with oils among its first three.
        (
            Some("Waterproof Eye Makeup Remover"),
            "Water, Isohexadecane, Cyclopentasiloxane, Sodium Chloride, Hexylene Glycol, Phenoxyethanol",
            Step::OilCleanser,
            &[],
        ),
        // "Spot remover" treats a spot; it removes no make-up.
        (
            Some("Spot Remover Gel"),
            "Water, Alcohol Denat., Salicylic Acid, Hydroxyethylcellulose, Phenoxyethanol",
            Step::SpotTreatment,
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for &(name, text, step, also) in cases {
        let analysis = glasskin_core::analyze(text, kb);
        let product = glasskin_core::understand(name, &analysis.products[0], None);
        if product.step != step || product.also != also {
            failures.push(format!(
                "{name:?} {text}: {} (also {:?}), expected {step} (also {also:?}): {}",
                product.step,
                product.also,
                product.reasons.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where the formula is clear it outweighs the name, and the name's vote is still given; where
/// the formula leaves the step open, the name decides. Short lists made up for each rule (not
/// real products).
#[test]
fn a_clear_formula_outweighs_the_name() {
    let kb = glasskin_kb::kb();
    let cases: &[(&str, &str, Step)] = &[
        // Esters and a wax with a rinse-off emulsifier at a cleanser's level: an oil cleanser,
        // whatever form word the name uses.
        (
            "Clean Zero Balm",
            "Ethylhexyl Palmitate, Polyethylene, PEG-20 Glyceryl Triisostearate, Caprylic/Capric Triglyceride, Water, Tocopheryl Acetate, Phenoxyethanol",
            Step::OilCleanser,
        ),
        (
            "Pure Skin Oil",
            "Caprylic/Capric Triglyceride, Olea Europaea Fruit Oil, Sorbeth-30 Tetraoleate, Tocopherol",
            Step::OilCleanser,
        ),
        // A balm of petrolatum and waxes with no emulsifier soothes and stays on.
        (
            "Healing Balm",
            "Petrolatum, Paraffinum Liquidum, Ceresin, Lanolin Alcohol, Panthenol, Glycerin, Bisabolol",
            Step::Moisturizer,
        ),
        // Oils with no emulsifier: the name's face oil.
        (
            "Rosehip Face Oil",
            "Rosa Canina Fruit Oil, Simmondsia Chinensis Seed Oil, Tocopherol",
            Step::FaceOil,
        ),
        // A lip balm is lip care, whatever rinses.
        (
            "Cherry Lip Balm",
            "Ricinus Communis Seed Oil, Cera Alba, Polyglyceryl-2 Diisostearate, Tocopherol",
            Step::LipCare,
        ),
        // The emulsifier only below the 1% line: the formula leaves it open and the name decides.
        (
            "Nourishing Balm",
            "Helianthus Annuus Seed Oil, Butyrospermum Parkii Butter, Cera Alba, Tocopherol, Phenoxyethanol, Polyglyceryl-4 Oleate",
            Step::Moisturizer,
        ),
        // Scrub particles in an oil that rinses off make a scrub.
        (
            "Sugar Scrub",
            "Isopropyl Palmitate, Sucrose, PEG-7 Glyceryl Cocoate, Glycerin, Tocopherol",
            Step::Exfoliant,
        ),
    ];
    let mut failures = Vec::new();
    for &(name, text, step) in cases {
        let analysis = glasskin_core::analyze(text, kb);
        let product = glasskin_core::understand(Some(name), &analysis.products[0], None);
        let voted = product.reasons.iter().any(|r| r.contains("the name says"));
        if product.step != step || !voted {
            failures.push(format!(
                "{name}: {}, expected {step}: {}",
                product.step,
                product.reasons.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The golden cleansing balm under the shorter name some shops give it.
    let banila = labels()
        .into_iter()
        .find(|l| l.id == "banila-co-clean-it-zero-cleansing-balm-original")
        .expect("the Banila Co balm is a golden label");
    let analysis = glasskin_core::analyze(&banila.text, kb);
    let product = glasskin_core::understand(
        Some("Banila Co Clean It Zero Balm"),
        &analysis.products[0],
        None,
    );
    assert_eq!(product.step, Step::OilCleanser, "{:?}", product.reasons);
    assert!(
        product.reasons.iter().any(|r| r
            == "the name says \"balm\", but oils with an emulsifier that rinses them off make an oil cleanser"),
        "{:?}",
        product.reasons
    );
}

/// A free-from flag is claimed only from what was recognised, and says so when some items were
/// not; essential oils, fragrance components, allergens and unrecognised items that name
/// fragrance all scent a product. Short lists made up for each rule (not real products).
#[test]
fn free_from_flags_are_claimed_only_from_what_was_read() {
    let kb = glasskin_kb::kb();
    let understand = |name: Option<&str>, text: &str| {
        let analysis = glasskin_core::analyze(text, kb);
        glasskin_core::understand(name, &analysis.products[0], None)
    };

    let blend = understand(None, "Water, Glycerin, Essential Oil Blend");
    assert!(!blend.flags.fragrance_free && !blend.flags.essential_oil_free);
    assert!(blend.flags.drying_alcohol_free);
    assert_eq!(
        blend.flags.coverage.among().as_deref(),
        Some("among the 2 of 3 ingredients recognised")
    );
    let fragrance = understand(
        None,
        "Water, Glycerin, Butylene Glycol, Natural Fragrance Blend",
    );
    assert!(!fragrance.flags.fragrance_free && fragrance.flags.essential_oil_free);

    let allergens = understand(None, "Water, Glycerin, Citral, Limonene, Geraniol");
    assert!(!allergens.flags.fragrance_free, "{:?}", allergens.flags);
    assert_eq!(
        allergens.flags.eu_allergens,
        ["CITRAL", "LIMONENE", "GERANIOL"]
    );

    let lavender = understand(
        Some("Lavender Hydrating Toner"),
        "Water, Glycerin, Lavandula Angustifolia (Lavender) Oil",
    );
    assert_eq!(lavender.step, Step::Toner);
    assert!(!lavender.flags.fragrance_free && !lavender.flags.seven_skin);
    assert!(lavender.flags.coverage.complete());
    // Without the lavender oil, the same toner fits the 7-skin method.
    let plain = understand(Some("Hydrating Toner"), "Water, Glycerin, Butylene Glycol");
    assert!(plain.flags.fragrance_free && plain.flags.seven_skin);

    // Benzyl alcohol is on the allergen list, but here it preserves.
    let preserved = understand(None, "Water, Glycerin, Cetearyl Alcohol, Benzyl Alcohol");
    assert!(preserved.flags.fragrance_free);
    assert_eq!(preserved.flags.eu_allergens, ["BENZYL ALCOHOL"]);

    // Most of the list unrecognised: a caution first, no base or texture, no free-from claims.
    let unread = understand(
        None,
        "Zorbex, Quintarin, Velmoran, Trisolvate, Noxalin, Hydrovane, Pelterin, Calyxene, \
         Murovin, Dextrafol, Sorvanate, Kelpanine, Zymoral, Quellin, Tarvene",
    );
    assert!(
        unread
            .caution
            .as_deref()
            .is_some_and(|c| c.contains("none of its 15"))
    );
    assert_eq!(unread.base, glasskin_core::product::Base::Unknown);
    assert_eq!(unread.confidence, glasskin_core::product::Confidence::Low);
    let flags = &unread.flags;
    assert!(!flags.fragrance_free && !flags.essential_oil_free && !flags.drying_alcohol_free);
    assert!(!flags.seven_skin);
    let few = understand(
        Some("Hydrating Toner"),
        "Water, Glycerin, Zorbex, Quintarin, Velmoran, Trisolvate, Noxalin",
    );
    assert!(
        few.caution
            .as_deref()
            .is_some_and(|c| c.contains("only 2 of its 7"))
    );
    assert_eq!(few.confidence, glasskin_core::product::Confidence::Low);
    assert!(!few.flags.seven_skin);
}

/// What a product is, from its name and label.
fn understood(name: &str, label: &str) -> (glasskin_core::ProductList, Product) {
    let analysis = glasskin_core::analyze(label, glasskin_kb::kb());
    let list = analysis.products.into_iter().next().expect("a list");
    let product = glasskin_core::understand(Some(name), &list, None);
    (list, product)
}

/// A US Drug Facts panel lists the inactive ingredients alphabetically: their order says
/// nothing of amounts, so no 1% line is drawn through them, water last is still a water base,
/// and the active's printed strength is what counts. A retinoid drug goes on the whole face.
#[test]
fn drug_facts_lists_are_read_by_their_strengths_not_their_order() {
    let (list, gel) = understood(
        "Adapalene Gel 0.1% Acne Treatment",
        "Drug Facts Active ingredient Purpose Adapalene 0.1% ........ Acne treatment Uses • for the treatment of acne Warnings For external use only. Inactive ingredients carbomer 940, edetate disodium, methylparaben, poloxamer 182, propylene glycol, purified water, sodium hydroxide",
    );
    assert_eq!(list.alphabetical_from, Some(1));
    assert_eq!(list.one_percent_line, None);
    assert_eq!(gel.step, Step::Serum, "{:?}", gel.reasons);
    assert_eq!(gel.base, glasskin_core::product::Base::Water);
    assert_eq!(gel.actives[0].percent, Some(0.1));

    let (_, cream) = understood(
        "Tretinoin Cream 0.025%",
        "Active ingredient: Tretinoin 0.025%. Inactive ingredients: butylated hydroxytoluene, cetyl alcohol, isopropyl myristate, polyoxyl 40 stearate, sorbic acid, stearic acid, stearyl alcohol, water, xanthan gum",
    );
    assert_eq!(cream.base, glasskin_core::product::Base::Emulsion);
    assert_eq!(cream.step, Step::Serum);

    // A cosmetic list that prints one strength is still in order of amount.
    let (list, serum) = understood(
        "Niacinamide Serum",
        "Niacinamide 10%, Water, Pentylene Glycol, Zinc PCA, Dimethyl Isosorbide, Tamarindus Indica Seed Gum, Xanthan Gum, Phenoxyethanol",
    );
    assert_eq!(list.alphabetical_from, None);
    assert!(list.one_percent_line.is_some());
    assert_eq!(serum.step, Step::Serum);
}

/// A Drug Facts wash: its 2% salicylic acid leads as printed, and the water listed last among
/// the alphabetical inactive ingredients still makes it a water-based wash; a zinc oxide paste
/// with no SPF is a body protectant, not a face cream.
#[test]
fn drug_facts_strong_actives_lead_and_water_listed_last_still_counts() {
    let (list, wash) = understood(
        "Salicylic Acid Acne Cleanser",
        "Drug Facts Active ingredient Purpose Salicylic Acid 2% Acne treatment Uses treats acne Warnings For external use only Inactive ingredients: Cocamidopropyl Betaine, Glycerin, Sodium Chloride, Sodium Laureth Sulfate, Water",
    );
    assert_eq!(list.alphabetical_from, Some(1));
    assert_eq!(wash.step, Step::WaterCleanser);
    assert_eq!(wash.base, glasskin_core::product::Base::Water);
    let (_, paste) = understood(
        "Maximum Strength Paste",
        "Active ingredient: Zinc Oxide 40%. Inactive ingredients: BHA, Cod Liver Oil, Fragrance, Lanolin, Methylparaben, Petrolatum, Talc, Water",
    );
    assert_eq!(paste.step, Step::Body, "{:?}", paste.reasons);
}
