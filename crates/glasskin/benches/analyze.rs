//! Analysis speed: parse + lookup + annotation per label, on one core.
//!
//! By default it runs on the golden labels in `tests/`. Point `GLASSKIN_BENCH_CORPUS` at a JSON
//! Lines file of `{"ingredients": …, "source"?: …}` to measure on real listings (the dev corpus
//! stays outside the repository; its `lookfantastic_kaggle` lists are skipped as damaged):
//!
//! ```sh
//! GLASSKIN_BENCH_CORPUS=../shared/dev-corpus/products.jsonl cargo bench -p glasskin
//! ```

use std::sync::LazyLock;

use divan::Bencher;

fn main() {
    divan::main();
}

static LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    if let Ok(path) = std::env::var("GLASSKIN_BENCH_CORPUS") {
        let text = std::fs::read_to_string(&path).expect("GLASSKIN_BENCH_CORPUS is readable");
        return text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["source"] != "lookfantastic_kaggle")
            .filter_map(|v| v["ingredients"].as_str().map(str::to_owned))
            .collect();
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut labels = Vec::new();
    for name in ["labels.toml", "labels_korean.toml"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
            let value: toml::Value = toml::from_str(&text).expect("labels parse");
            for label in value["label"].as_array().into_iter().flatten() {
                if let Some(t) = label["text"].as_str() {
                    labels.push(t.to_owned());
                }
            }
        }
    }
    labels
});

/// One label per sample, cycling through the corpus about twice: divan's median is the median
/// time per list.
#[divan::bench(sample_count = 3000, sample_size = 1)]
fn analyze_one_label(bencher: Bencher) {
    let kb = glasskin_kb::kb();
    let labels = &*LABELS;
    let mut n = 0;
    bencher.bench_local(|| {
        n = (n + 1) % labels.len();
        glasskin_core::analyze(divan::black_box(&labels[n]), kb)
    });
}

/// The whole corpus per iteration: lists per second = corpus size / time.
#[divan::bench(sample_count = 10)]
fn analyze_whole_corpus(bencher: Bencher) {
    let kb = glasskin_kb::kb();
    let labels = &*LABELS;
    bencher
        .counter(divan::counter::ItemsCount::new(labels.len()))
        .bench_local(|| {
            for label in labels {
                divan::black_box(glasskin_core::analyze(label, kb));
            }
        });
}

/// Common names as labels print them, for the per-name benches below.
const NAMES: &[&str] = &[
    "Water",
    "Butylene Glycol",
    "Glycerin",
    "Niacinamide",
    "Caprylic/Capric Triglyceride",
    "Camellia Sinensis Leaf Extract",
    "Sodium Hyaluronate",
    "Centella Asiatica Extract",
    "1,2-Hexanediol",
    "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
    "Ethylhexylglycerin",
    "Disodium EDTA",
];

/// Building the lookup key of a name.
#[divan::bench]
fn lookup_key(bencher: Bencher) {
    let mut key = String::with_capacity(64);
    bencher
        .counter(divan::counter::ItemsCount::new(NAMES.len()))
        .bench_local(|| {
            for name in NAMES {
                glasskin_core::key::lookup_key(divan::black_box(name), &mut key);
                divan::black_box(&key);
            }
        });
}

/// Finding a key in the knowledge base's name table.
#[divan::bench]
fn name_table(bencher: Bencher) {
    let kb = glasskin_kb::kb();
    let keys: Vec<String> = NAMES
        .iter()
        .map(|n| {
            let mut key = String::new();
            glasskin_core::key::lookup_key(n, &mut key);
            key
        })
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(keys.len()))
        .bench_local(|| {
            for key in &keys {
                divan::black_box(kb.lookup_key(divan::black_box(key)));
            }
        });
}
