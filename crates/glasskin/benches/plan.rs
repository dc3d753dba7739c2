//! Planning speed: a 12-product and a 40-product shelf, each to a proven-optimal week.

// The binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use divan::Bencher;
use glasskin_core::advice::{Profile, RoutineProduct, SkinType};
use glasskin_core::plan::{PatchTestState, PlanProfile, ShelfItem};

fn main() {
    divan::main();
}

/// Labels written from real products (abbreviated), with the name that tells their step.
const LABELS: &[(&str, &str)] = &[
    (
        "Cleansing Balm",
        "Ethylhexyl Palmitate, Cetyl Ethylhexanoate, PEG-20 Glyceryl Triisostearate, PEG-10 Isostearate, Butylene Glycol, Water, Tocopheryl Acetate, Phenoxyethanol",
    ),
    (
        "Gel Cleanser",
        "Water, Cocamidopropyl Betaine, Sodium Lauroyl Methyl Isethionate, Polysorbate 20, Butylene Glycol, Allantoin, Citric Acid, Disodium EDTA",
    ),
    (
        "Hydrating Toner",
        "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol, Allantoin",
    ),
    (
        "Treatment Essence",
        "Galactomyces Ferment Filtrate, Butylene Glycol, Pentylene Glycol, Water, Sodium Benzoate, Methylparaben, Sorbic Acid",
    ),
    (
        "Vitamin C Serum",
        "Water, Ethoxydiglycol, Ascorbic Acid, Glycerin, Propylene Glycol, Laureth-23, Phenoxyethanol, Tocopherol, Triethanolamine, Ferulic Acid, Panthenol, Sodium Hyaluronate",
    ),
    (
        "Niacinamide Serum",
        "Aqua, Niacinamide, Pentylene Glycol, Zinc PCA, Dimethyl Isosorbide, Xanthan Gum, Phenoxyethanol, Chlorphenesin",
    ),
    (
        "Retinol Serum",
        "Squalane, Caprylic/Capric Triglyceride, Retinol, Solanum Lycopersicum Fruit Extract, Simmondsia Chinensis Seed Oil, BHT",
    ),
    (
        "BHA Liquid",
        "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20, Camellia Oleifera Leaf Extract, Sodium Hydroxide, Tetrasodium EDTA",
    ),
    (
        "Sheet Mask",
        "Water, Butylene Glycol, Glycerin, Melaleuca Alternifolia Leaf Extract, Sodium Hyaluronate, Allantoin, Panthenol, Carbomer, Arginine, Disodium EDTA",
    ),
    (
        "Eye Cream",
        "Water, Glycerin, Caprylic/Capric Triglyceride, Caffeine, Cetearyl Alcohol, Niacinamide, Phenoxyethanol",
    ),
    (
        "Moisturizing Cream",
        "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Squalane, Glyceryl Stearate, Phenoxyethanol",
    ),
    (
        "Sunscreen SPF 50",
        "Water, Oryza Sativa Extract, Dibutyl Adipate, Propanediol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Ethylhexyl Triazone, Niacinamide, Glycerin, Phenoxyethanol",
    ),
    (
        "Glycolic Toner",
        "Aqua, Aloe Barbadensis Leaf Water, Glycolic Acid, Butylene Glycol, Glycerin, Ammonium Hydroxide, Hexylene Glycol, Fragrance, Phenoxyethanol",
    ),
    (
        "Copper Peptide Serum",
        "Aqua, Glycerin, Copper Tripeptide-1, Sodium Hyaluronate, Phenoxyethanol",
    ),
    (
        "Retinoid Emulsion",
        "Aqua, Dimethyl Isosorbide, Squalane, Hydroxypinacolone Retinoate, Polysorbate 20, Caprylic/Capric Triglyceride, Phenoxyethanol",
    ),
    (
        "Clay Mask",
        "Kaolin, Water, Bentonite, Glycerin, Butylene Glycol, Volcanic Ash, Xanthan Gum, Phenoxyethanol",
    ),
    (
        "Sleeping Mask",
        "Water, Butylene Glycol, Cyclopentasiloxane, Glycerin, Dimethicone, Trehalose, Sodium Hyaluronate, Phenoxyethanol",
    ),
    ("Face Oil", "Rosa Canina Fruit Oil, Tocopherol"),
    (
        "Azelaic Acid Suspension",
        "Water, Isodecyl Neopentanoate, Dimethicone, Azelaic Acid, Dimethyl Isosorbide, Polysorbate 80, Xanthan Gum, Phenoxyethanol",
    ),
    (
        "Lactic Acid Serum",
        "Aqua, Lactic Acid, Glycereth-26, Sodium Hydroxide, Sodium Hyaluronate, Xanthan Gum, Phenoxyethanol",
    ),
];

fn shelf(size: usize) -> Vec<ShelfItem> {
    let kb = glasskin_kb::kb();
    (0..size)
        .map(|n| {
            let (name, label) = LABELS[n % LABELS.len()];
            let analysis = glasskin_core::analyze(label, kb);
            let list = analysis.products.into_iter().next().expect("a list");
            let product = glasskin_core::understand(Some(name), &list, None);
            ShelfItem {
                product: RoutineProduct {
                    name: format!("{name} {n}"),
                    list,
                    product,
                    new: false,
                },
                frequency: None,
                time: None,
                patch_test: PatchTestState::default(),
                expired: None,
            }
        })
        .collect()
}

fn profile() -> PlanProfile {
    PlanProfile {
        person: Profile {
            skin_type: SkinType::Oily,
            ..Profile::default()
        },
        retinoid_weeks: Some(20),
        ..PlanProfile::default()
    }
}

#[divan::bench(args = [12, 40])]
fn plan_shelf(bencher: Bencher, size: usize) {
    let shelf = shelf(size);
    let profile = profile();
    let library = glasskin_kb::advice();
    let plan = glasskin_core::plan::plan(&profile, &shelf, library);
    assert!(plan.score.proven_optimal, "{size}: not proven optimal");
    bencher.bench_local(|| glasskin_core::plan::plan(divan::black_box(&profile), &shelf, library));
}
