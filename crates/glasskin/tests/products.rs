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
