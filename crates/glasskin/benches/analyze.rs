//! Analysis speed: parse + lookup + annotation per label, on one core.
//!
//! By default it runs on the golden labels in `crates/glasskin-kb/tests/`. Point
//! `GLASSKIN_BENCH_CORPUS` at a JSON Lines file of `{"ingredients": …, "source"?: …}` to measure
//! on real listings (the dev corpus stays outside the repository; its `lookfantastic_kaggle`
//! lists are skipped as damaged):
//!
//! ```sh
//! GLASSKIN_BENCH_CORPUS=../shared/dev-corpus/products.jsonl cargo bench -p glasskin
//! ```

// The binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../glasskin-kb/tests");
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

/// Analysis plus product understanding, per label: compare with `analyze_one_label` for what
/// classification adds.
#[divan::bench(sample_count = 3000, sample_size = 1)]
fn understand_one_label(bencher: Bencher) {
    let kb = glasskin_kb::kb();
    let labels = &*LABELS;
    let mut n = 0;
    bencher.bench_local(|| {
        n = (n + 1) % labels.len();
        let analysis = glasskin_core::analyze(divan::black_box(&labels[n]), kb);
        let products = glasskin_core::understand_all(None, &analysis, None);
        (analysis, products)
    });
}

/// Product understanding alone, on lists analysed beforehand.
#[divan::bench]
fn understand_only(bencher: Bencher) {
    let kb = glasskin_kb::kb();
    let analyses: Vec<glasskin_core::Analysis> = LABELS
        .iter()
        .take(500)
        .map(|l| glasskin_core::analyze(l, kb))
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(analyses.len()))
        .bench_local(|| {
            for analysis in &analyses {
                divan::black_box(glasskin_core::understand_all(None, analysis, None));
            }
        });
}

/// The rule check of a 15-product week: 14 sessions, every rule.
#[divan::bench]
fn check_week_of_15_products(bencher: Bencher) {
    use glasskin_core::advice::{Profile, Routine, RoutineProduct, Session, Time};
    let kb = glasskin_kb::kb();
    let labels = [
        "Ethylhexyl Palmitate, Cetyl Ethylhexanoate, PEG-20 Glyceryl Triisostearate, PEG-10 Isostearate, Butylene Glycol, Water, Tocopheryl Acetate, Phenoxyethanol",
        "Water, Cocamidopropyl Betaine, Sodium Lauroyl Methyl Isethionate, Polysorbate 20, Butylene Glycol, Allantoin, Betaine Salicylate, Citric Acid, Disodium EDTA",
        "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol, Allantoin",
        "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20, Camellia Oleifera Leaf Extract, Sodium Hydroxide, Tetrasodium EDTA",
        "Aqua, Aloe Barbadensis Leaf Water, Glycolic Acid, Butylene Glycol, Glycerin, Ammonium Hydroxide, Hexylene Glycol, Fragrance, Phenoxyethanol",
        "Galactomyces Ferment Filtrate, Butylene Glycol, Pentylene Glycol, Water, Sodium Benzoate, Methylparaben, Sorbic Acid",
        "Water, Ethoxydiglycol, Ascorbic Acid, Glycerin, Propylene Glycol, Laureth-23, Phenoxyethanol, Tocopherol, Triethanolamine, Ferulic Acid, Panthenol, Sodium Hyaluronate",
        "Aqua, Niacinamide, Pentylene Glycol, Zinc PCA, Dimethyl Isosorbide, Xanthan Gum, Phenoxyethanol, Chlorphenesin",
        "Squalane, Caprylic/Capric Triglyceride, Retinol, Solanum Lycopersicum Fruit Extract, Simmondsia Chinensis Seed Oil, BHT",
        "Aqua, Glycerin, Copper Tripeptide-1, Sodium Hyaluronate, Phenoxyethanol",
        "Benzoyl Peroxide 2.5%, Water, Carbomer, Sodium Hydroxide, Disodium EDTA",
        "Water, Caffeine, Glycerin, Propanediol, Sodium Hyaluronate, Phenoxyethanol",
        "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Squalane, Glyceryl Stearate, Phenoxyethanol",
        "Water, Butylene Glycol, Cyclopentasiloxane, Glycerin, Dimethicone, Trehalose, Sodium Hyaluronate, Phenoxyethanol",
        "Water, Oryza Sativa Extract, Dibutyl Adipate, Propanediol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Ethylhexyl Triazone, Niacinamide, Glycerin, Phenoxyethanol",
    ];
    let products: Vec<RoutineProduct> = labels
        .iter()
        .enumerate()
        .map(|(n, label)| {
            let analysis = glasskin_core::analyze(label, kb);
            let list = analysis.products.into_iter().next().expect("a list");
            let product = glasskin_core::understand(None, &list, None);
            RoutineProduct {
                name: format!("product {n}"),
                list,
                product,
                new: n % 5 == 0,
            }
        })
        .collect();
    let mut sessions = Vec::new();
    for day in 0..7 {
        sessions.push(Session {
            day,
            time: Time::Am,
            products: vec![1, 2, 6, 7, 11, 12, 14],
        });
        let treatment = [3, 8, 4, 8, 10, 9, 5][day];
        sessions.push(Session {
            day,
            time: Time::Pm,
            products: vec![0, 1, 2, treatment, 8, 13, 12],
        });
    }
    let routine = Routine {
        profile: Profile {
            sensitive: true,
            pregnant: true,
            ..Profile::default()
        },
        products,
        sessions,
    };
    let library = glasskin_kb::advice();
    bencher.bench_local(|| glasskin_core::advice::check(divan::black_box(&routine), library));
}
