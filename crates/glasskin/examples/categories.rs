//! Measures step agreement on a JSON Lines corpus of retail listings (`{"name", "label",
//! "ingredients", "source"?}` per line): each product's inferred step, mapped onto the retailer's
//! coarser category, against the retailer's `label`. Prints the agreement and a confusion table,
//! and lists sunscreens found without UV filters. Used on the dev corpus, which stays outside the
//! repository:
//!
//! ```sh
//! cargo run --release -p glasskin --example categories -- ../shared/dev-corpus/products.jsonl
//! ```

use std::collections::BTreeMap;

use glasskin_core::Step;

/// Our step → the retailer categories it agrees with. Retailers file by shelf, not by routine
/// step: Sephora's "cleansers" shelf holds toners, exfoliators and make-up removers, its
/// "moisturizers" shelf face oils, mists and night masks, its "treatments" shelf peels and
/// essences, and "masks" include peel-off and eye masks.
fn agrees(step: Step, label: &str) -> bool {
    let categories: &[&str] = match step {
        Step::OilCleanser | Step::WaterCleanser => &["cleanser"],
        Step::Exfoliant => &["exfoliant", "cleanser", "treatment_serum", "mask"],
        Step::Toner => &["toner_mist", "cleanser", "moisturizer"],
        Step::Essence => &["essence", "toner_mist", "moisturizer", "treatment_serum"],
        Step::Serum => &["treatment_serum", "essence"],
        Step::SpotTreatment => &["treatment_serum"],
        Step::SheetMask | Step::WashOffMask => &["mask"],
        Step::SleepingMask => &["mask", "moisturizer"],
        Step::EyeCare => &["eye_care"],
        Step::Moisturizer => &["moisturizer", "balm"],
        Step::FaceOil => &["face_oil", "moisturizer"],
        Step::Sunscreen => &["sunscreen"],
        Step::LipCare => &["balm"],
        Step::Body => &["body_bath"],
        Step::Other => &[],
    };
    categories.contains(&label)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: categories FILE.jsonl [--show LABEL]")?;
    let show = std::env::args().skip_while(|a| a != "--show").nth(1);
    let kb = glasskin_kb::kb();
    let text = std::fs::read_to_string(&path)?;
    let mut confusion: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let (mut total, mut agreed) = (0, 0);
    let mut by_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let (Some(label), Some(ingredients)) =
            (value["label"].as_str(), value["ingredients"].as_str())
        else {
            continue;
        };
        let name = value["name"].as_str();
        let analysis = glasskin_core::analyze(ingredients, kb);
        let Some(list) = analysis.products.first() else {
            continue;
        };
        let product = glasskin_core::understand(name, list, None);
        let ok = agrees(product.step, label) || product.also.iter().any(|s| agrees(*s, label));
        total += 1;
        agreed += usize::from(ok);
        let source = value["source"].as_str().unwrap_or_default().to_owned();
        let counts = by_source.entry(source).or_default();
        counts.0 += 1;
        counts.1 += usize::from(ok);
        *confusion
            .entry((label.to_owned(), product.step.id()))
            .or_default() += 1;
        if label == "sunscreen" && product.uv.is_none() {
            println!("sunscreen without UV filters: {}", name.unwrap_or("?"));
        }
        if !ok && show.as_deref() == Some(label) {
            println!(
                "{label} → {} ({:?}): {} | {}",
                product.step,
                product.confidence,
                name.unwrap_or("?"),
                product.reasons.join("; ")
            );
        }
    }
    println!(
        "agreement: {agreed}/{total} = {:.1}%",
        100.0 * agreed as f64 / total as f64
    );
    for (source, (n, ok)) in &by_source {
        println!(
            "  {source}: {ok}/{n} = {:.1}%",
            100.0 * *ok as f64 / *n as f64
        );
    }
    println!("\nretailer label → our step: count");
    let mut last = String::new();
    for ((label, step), n) in &confusion {
        if *label != last {
            println!("{label}");
            last.clone_from(label);
        }
        println!("    {step:<15} {n}");
    }
    Ok(())
}
