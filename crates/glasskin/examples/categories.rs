//! Measures step agreement on a JSON Lines corpus of retail listings (`{"name", "label",
//! "ingredients", "source"?}` per line): each product's inferred step, mapped onto the retailer's
//! coarser category, against the retailer's `label`; a product agrees when its step or a step it
//! also fills (an SPF moisturiser's `moisturizer`) does, and the agreement of the step alone is
//! printed beside. Prints the agreement, a confusion table and its biggest disagreements, and how
//! the retailer's sunscreens were found to protect: UV filters in the list, or an SPF the name or
//! label declares (US lists leave the active filters out).
//! Used on the dev corpus, which stays outside the repository:
//!
//! ```sh
//! cargo run --release -p glasskin --example categories -- ../shared/dev-corpus/products.jsonl
//! ```
//!
//! `--show LABEL` lists the products of a retailer label whose step disagrees, `--show
//! LABEL:STEP` every product of one cell of the table; `--all` prints one tab-separated line per
//! product (source, label, step, also, agrees, confidence, name, reasons) for diffing two runs.

use std::collections::BTreeMap;

use glasskin_core::Step;

/// Our step → the retailer categories it agrees with. Retailers file by shelf, not by routine
/// step: Sephora's "cleansers" shelf holds toners, exfoliators and make-up removers, its
/// "moisturizers" shelf face oils, mists and night masks, its "treatments" shelf peels and
/// essences, and "masks" include peel-off masks. Shelves go by form where we go by area: the
/// masks shelf holds eye, lip, hand and foot masks and the exfoliators shelf lip and body scrubs,
/// which we file as eye care, lip care and body first. Lookfantastic shelves by texture too:
/// cleansing balms with the balms, cleansing oils with the face oils.
fn agrees(step: Step, label: &str) -> bool {
    let categories: &[&str] = match step {
        Step::OilCleanser => &["cleanser", "balm", "face_oil"],
        Step::WaterCleanser => &["cleanser"],
        Step::Exfoliant => &["exfoliant", "cleanser", "treatment_serum", "mask"],
        Step::Toner => &["toner_mist", "cleanser", "moisturizer"],
        Step::Essence => &["essence", "toner_mist", "moisturizer", "treatment_serum"],
        Step::Serum => &["treatment_serum", "essence"],
        Step::SpotTreatment => &["treatment_serum"],
        Step::SheetMask | Step::WashOffMask => &["mask"],
        Step::SleepingMask => &["mask", "moisturizer"],
        Step::EyeCare => &["eye_care", "mask"],
        Step::Moisturizer => &["moisturizer", "balm"],
        Step::FaceOil => &["face_oil", "moisturizer"],
        Step::Sunscreen => &["sunscreen"],
        Step::LipCare => &["balm", "mask", "exfoliant"],
        Step::Body => &["body_bath", "mask", "exfoliant"],
        Step::Other => &[],
    };
    categories.contains(&label)
}

/// How a retailer's sunscreen was found to protect.
#[derive(Default)]
struct Sunscreens {
    filters: usize,
    declared: usize,
    neither: Vec<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or("usage: categories FILE.jsonl [--show LABEL[:STEP]]... [--all]")?;
    let shows: Vec<(&str, Option<&str>)> = args
        .windows(2)
        .filter(|w| w[0] == "--show")
        .map(|w| match w[1].split_once(':') {
            Some((label, step)) => (label, Some(step)),
            None => (w[1].as_str(), None),
        })
        .collect();
    let all = args.iter().any(|a| a == "--all");
    let kb = glasskin_kb::kb();
    let text = std::fs::read_to_string(path)?;
    let mut confusion: BTreeMap<(String, &str), (usize, usize)> = BTreeMap::new();
    let (mut total, mut agreed) = (0, 0);
    // Agreement of the step alone, not counting the steps a product also fills.
    let mut agreed_by_step = 0;
    let mut by_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut sunscreens = Sunscreens::default();
    // Products found to be no skincare step (primers, supplements…) or unreadable, by reason.
    let mut other: BTreeMap<String, usize> = BTreeMap::new();
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
        agreed_by_step += usize::from(agrees(product.step, label));
        let source = value["source"].as_str().unwrap_or_default();
        let counts = by_source.entry(source.to_owned()).or_default();
        counts.0 += 1;
        counts.1 += usize::from(ok);
        let cell = confusion
            .entry((label.to_owned(), product.step.id()))
            .or_default();
        cell.0 += 1;
        cell.1 += usize::from(!ok);
        if label == "sunscreen" {
            if product.uv.is_some() {
                sunscreens.filters += 1;
            } else if product.uv_declared.is_some() {
                sunscreens.declared += 1;
            } else {
                sunscreens.neither.push(format!(
                    "{} → {}: {}",
                    name.unwrap_or("?"),
                    product.step,
                    product.reasons.join("; ")
                ));
            }
        }
        if product.step == Step::Other {
            *other
                .entry(product.reasons.first().cloned().unwrap_or_default())
                .or_default() += 1;
        }
        let also: Vec<&str> = product.also.iter().map(|s| s.id()).collect();
        let shown = shows
            .iter()
            .any(|(l, step)| *l == label && step.map_or(!ok, |s| s == product.step.id()));
        if shown {
            println!(
                "{label} → {}{} ({:?}, {}): {} | {}",
                product.step,
                if also.is_empty() {
                    String::new()
                } else {
                    format!(" (also {})", also.join(", "))
                },
                product.confidence,
                if ok { "agrees" } else { "disagrees" },
                name.unwrap_or("?"),
                product.reasons.join("; ")
            );
        }
        if all {
            println!(
                "{source}\t{label}\t{}\t{}\t{ok}\t{:?}\t{}\t{}",
                product.step,
                also.join(","),
                product.confidence,
                name.unwrap_or("?").replace(['\t', '\n'], " "),
                product.reasons.join("; ").replace(['\t', '\n'], " ")
            );
        }
    }
    if all {
        return Ok(());
    }
    println!(
        "agreement: {agreed}/{total} = {:.1}% (the step alone: {agreed_by_step}/{total} = {:.1}%)",
        100.0 * agreed as f64 / total as f64,
        100.0 * agreed_by_step as f64 / total as f64
    );
    for (source, (n, ok)) in &by_source {
        println!(
            "  {source}: {ok}/{n} = {:.1}%",
            100.0 * *ok as f64 / *n as f64
        );
    }
    println!("\nretailer label → our step: count (disagreeing)");
    let mut last = String::new();
    for ((label, step), (n, off)) in &confusion {
        if *label != last {
            println!("{label}");
            last.clone_from(label);
        }
        if *off > 0 {
            println!("    {step:<15} {n:>4} ({off})");
        } else {
            println!("    {step:<15} {n:>4}");
        }
    }
    let mut cells: Vec<(&(String, &str), usize)> = confusion
        .iter()
        .filter(|(_, (_, off))| *off > 0)
        .map(|(cell, (_, off))| (cell, *off))
        .collect();
    cells.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("\nbiggest disagreements (see one with --show LABEL:STEP):");
    for ((label, step), off) in cells.iter().take(12) {
        println!("    {:<32} {off}", format!("{label}:{step}"));
    }
    println!(
        "\nstep other (out of scope or unreadable; counted as disagreeing): {}",
        other.values().sum::<usize>()
    );
    let mut other: Vec<(String, usize)> = other.into_iter().collect();
    other.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (why, n) in &other {
        println!("    {n:>4}  {why}");
    }
    let n = sunscreens.filters + sunscreens.declared + sunscreens.neither.len();
    println!(
        "\nretailer sunscreens: {n}; UV filters in the list: {}; SPF declared by name or label \
         (list without its actives): {}; neither: {}",
        sunscreens.filters,
        sunscreens.declared,
        sunscreens.neither.len()
    );
    for product in &sunscreens.neither {
        println!("    {product}");
    }
    Ok(())
}
