//! Measures recognition on a JSON Lines corpus of labels (`{"ingredients", "source"?}` per line):
//! the share of entries resolved by exact or synonym match, the fuzzy share, and the most common
//! unknowns. Used on the dev corpus, which stays outside the repository:
//!
//! ```sh
//! cargo run --release -p glasskin --example recognition -- ../shared/dev-corpus/products.jsonl \
//!     --skip-source lookfantastic_kaggle
//! ```

use std::collections::HashMap;

use glasskin_core::{DiagnosticKind, Match};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: recognition FILE.jsonl [--skip-source NAME]...")?;
    let mut skip = Vec::new();
    let mut top = 40;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--skip-source" => skip.push(args.next().ok_or("--skip-source needs a name")?),
            "--top" => top = args.next().ok_or("--top needs a number")?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let kb = glasskin_kb::kb();
    let text = std::fs::read_to_string(&path)?;
    let (mut lists, mut total, mut exact, mut synonym, mut fuzzy) = (0, 0, 0, 0, 0);
    let mut dropped = 0;
    let mut unknown: HashMap<String, usize> = HashMap::new();
    let mut fuzzies: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let source = value["source"].as_str().unwrap_or_default();
        if skip.iter().any(|s| s == source) {
            continue;
        }
        let Some(ingredients) = value["ingredients"].as_str() else {
            continue;
        };
        lists += 1;
        let analysis = glasskin_core::analyze(ingredients, kb);
        dropped += analysis
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::DroppedProse)
            .count();
        for entry in analysis.entries() {
            total += 1;
            match entry.matched {
                Match::Exact => exact += 1,
                Match::Synonym | Match::Korean => synonym += 1,
                Match::Fuzzy | Match::KoreanRules => {
                    fuzzy += 1;
                    let key = format!("{} → {}", entry.raw, entry.inci().unwrap_or_default());
                    *fuzzies.entry(key).or_default() += 1;
                }
                Match::Unknown => {
                    *unknown
                        .entry(entry.raw.to_lowercase().to_string())
                        .or_default() += 1
                }
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!("lists: {lists}, entries: {total}, prose drops: {dropped}");
    println!(
        "exact {:.2}%  synonym {:.2}%  exact+synonym {:.2}%  fuzzy {:.2}%  unknown {:.2}%",
        pct(exact),
        pct(synonym),
        pct(exact + synonym),
        pct(fuzzy),
        pct(total - exact - synonym - fuzzy)
    );
    for (title, map) in [("unknown", &unknown), ("fuzzy", &fuzzies)] {
        let mut rows: Vec<_> = map.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        println!("\nmost common {title}:");
        for (name, count) in rows.into_iter().take(top) {
            println!("{count:>6}  {name}");
        }
    }
    Ok(())
}
