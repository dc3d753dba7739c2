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
