//! A year of use seeded into a real SQLite file through the store's public API: a profile, a
//! shelf of twelve products with their full labels, a plan kept and followed, 365 days of diary,
//! lifestyle log and check-offs, and two patch tests. Shared by the pages benchmark
//! (`benches/pages.rs`) and the load test's database (`examples/seed_year.rs`, run by
//! `bench/load.sh`).

use glasskin_core::advice::{SkinType, Time};
use glasskin_core::plan::Concern;
use glasskin_store::{
    Checkoff, DiaryEntry, LifestyleEntry, NewProduct, Reaction, SqliteStore, Status, Store,
    StoredProfile,
};
use jiff::civil::Date;

/// Days of data, ending today.
pub const DAYS: i64 = 365;

/// Today as the web layer sees it.
fn today() -> Date {
    jiff::Zoned::now().date()
}

/// Day `n` of the year: 0 is 364 days ago, `DAYS - 1` is today.
fn day(n: i64) -> Date {
    today()
        .checked_sub(jiff::Span::new().days(DAYS - 1 - n))
        .expect("in range")
}

/// A deterministic spread of values (splitmix64) for day `n` and stream `k`.
fn noise(n: i64, k: u64) -> u64 {
    let mut z = (n as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(k.wrapping_mul(0xbf58_476d_1ce4_e5b9));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Full labels, as printed on real products of each kind (Korean and Western brands), so the
/// planner and the rule check do the work real shelves give them.
const CLEANSING_BALM: &str = "Ethylhexyl Palmitate, Cetyl Ethylhexanoate, PEG-20 Glyceryl Triisostearate, Polyethylene, PEG-10 Isostearate, Butylene Glycol, Water, Carica Papaya (Papaya) Fruit Extract, Malpighia Glabra (Acerola) Fruit Extract, Hibiscus Sabdariffa Flower Extract, Bambusa Arundinacea Stem Extract, Sorbitan Sesquioleate, Tocopheryl Acetate, Phenoxyethanol, Butylphenyl Methylpropional, Hexyl Cinnamal, Benzyl Salicylate, Linalool, Limonene, Citronellol, Coumarin, Parfum";
const GEL_CLEANSER: &str = "Water, Cocamidopropyl Betaine, Sodium Lauroyl Methyl Isethionate, Polysorbate 20, Styrax Japonicus Branch/Fruit/Leaf Extract, Butylene Glycol, Saccharomyces Ferment, Cryptomeria Japonica Leaf Extract, Nelumbo Nucifera Leaf Extract, Pinus Palustris Leaf Extract, Ulmus Davidiana Root Extract, Oenothera Biennis (Evening Primrose) Flower Extract, Pueraria Lobata Root Extract, Melaleuca Alternifolia (Tea Tree) Leaf Oil, Allantoin, Caprylyl Glycol, Ethylhexylglycerin, Betaine Salicylate, Citric Acid, Ethyl Hexanediol, 1,2-Hexanediol, Trisodium Ethylenediamine Disuccinate, Sodium Benzoate, Disodium EDTA";
const TONER: &str = "Water, Butylene Glycol, Glycerin, Pentylene Glycol, Sodium Hyaluronate, Hydrolyzed Hyaluronic Acid, Sodium Acetylated Hyaluronate, Hydroxypropyltrimonium Hyaluronate, Panthenol, Allantoin, Betaine, Trehalose, Beta-Glucan, Centella Asiatica Extract, Madecassoside, Asiaticoside, Asiatic Acid, Madecassic Acid, Ceramide NP, Cholesterol, Hydrogenated Lecithin, Carbomer, Arginine, 1,2-Hexanediol, Ethylhexylglycerin, Disodium EDTA";
const ESSENCE: &str = "Galactomyces Ferment Filtrate, Butylene Glycol, Pentylene Glycol, Water, Glycerin, Niacinamide, Bifida Ferment Lysate, Saccharomyces Ferment Filtrate, Sodium Hyaluronate, Panthenol, Adenosine, Allantoin, Arginine, Carbomer, Xanthan Gum, Ethylhexylglycerin, Sodium Benzoate, Methylparaben, Sorbic Acid, Disodium EDTA";
const VITAMIN_C: &str = "Water, Ethoxydiglycol, Ascorbic Acid, Glycerin, Propylene Glycol, Laureth-23, Phenoxyethanol, Tocopherol, Triethanolamine, Ferulic Acid, Panthenol, Sodium Hyaluronate";
const NIACINAMIDE: &str = "Aqua (Water), Niacinamide, Pentylene Glycol, Zinc PCA, Dimethyl Isosorbide, Tamarindus Indica Seed Gum, Xanthan Gum, Isoceteth-20, Ethoxydiglycol, Phenoxyethanol, Chlorphenesin";
const CREAM: &str = "Aqua/Water, Glycerin, Cetearyl Alcohol, Caprylic/Capric Triglyceride, Cetyl Alcohol, Ceteareth-20, Petrolatum, Potassium Phosphate, Ceramide NP, Ceramide AP, Ceramide EOP, Carbomer, Dimethicone, Behentrimonium Methosulfate, Sodium Lauroyl Lactylate, Sodium Hyaluronate, Cholesterol, Phenoxyethanol, Disodium EDTA, Dipotassium Phosphate, Tocopherol, Phytosphingosine, Xanthan Gum, Ethylhexylglycerin";
const SUNSCREEN: &str = "Water, Oryza Sativa (Rice) Extract, Dibutyl Adipate, Propanediol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Polymethylsilsesquioxane, Ethylhexyl Triazone, Methylene Bis-Benzotriazolyl Tetramethylbutylphenol, Coco-Caprylate/Caprate, Caprylyl Methicone, Diethylhexyl Butamido Triazone, Glycerin, Butylene Glycol, Oryza Sativa (Rice) Germ Extract, Camellia Sinensis Leaf Extract, Niacinamide, Lactobacillus/Rice Ferment Filtrate, Panthenol, Tocopherol, Decyl Glucoside, Acrylates/C10-30 Alkyl Acrylate Crosspolymer, Tromethamine, Hydroxyacetophenone, Ethylhexylglycerin, 1,2-Hexanediol, Xanthan Gum, Sodium Stearoyl Glutamate, Polyglyceryl-3 Methylglucose Distearate, Carbomer, Dipropylene Glycol, Disodium EDTA";
const BHA_LIQUID: &str = "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20, Camellia Oleifera Leaf Extract, Sodium Hydroxide, Tetrasodium EDTA";
const GLYCOLIC_TONER: &str = "Aqua (Water), Glycolic Acid, Rosa Damascena Flower Water, Hamamelis Virginiana Water, Aloe Barbadensis Leaf Water, Glycerin, Butylene Glycol, Sodium Hydroxide, Ammonium Hydroxide, Hexylene Glycol, Panax Ginseng Root Extract, Aesculus Hippocastanum Seed Extract, Tocopheryl Acetate, Polysorbate 20, Panthenol, Sodium PCA, Phenoxyethanol, Ethylhexylglycerin, Parfum, Benzyl Salicylate, Citral, Limonene, Linalool";
const SLEEPING_MASK: &str = "Water, Butylene Glycol, Cyclopentasiloxane, Glycerin, Dimethicone, Trehalose, Polysorbate 20, Sodium Hyaluronate, Hydrolyzed Collagen, Ceramide NP, Panthenol, Allantoin, Squalane, Prunus Armeniaca (Apricot) Fruit Extract, Camellia Sinensis Leaf Extract, Carbomer, Tromethamine, Dimethiconol, Hydroxyethyl Acrylate/Sodium Acryloyldimethyl Taurate Copolymer, Phenoxyethanol, Ethylhexylglycerin, Disodium EDTA, Fragrance";

fn product(name: &str, label: &str, opened: Option<Date>, new: bool) -> NewProduct {
    NewProduct {
        name: name.into(),
        label: label.into(),
        opened,
        pao_months: Some(12),
        new,
        ..NewProduct::default()
    }
}

fn lifestyle(n: i64) -> LifestyleEntry {
    let date = day(n);
    let weekend = date.weekday().to_monday_zero_offset() >= 4;
    let mut diet_tags = Vec::new();
    if noise(n, 1).is_multiple_of(4) {
        diet_tags.push("dairy".to_owned());
    }
    if noise(n, 2).is_multiple_of(5) {
        diet_tags.push("high_glycaemic".to_owned());
    }
    if weekend && noise(n, 3).is_multiple_of(2) {
        diet_tags.push("alcohol".to_owned());
    }
    LifestyleEntry {
        date,
        sleep_hours: Some(5.5 + (noise(n, 4) % 7) as f32 * 0.5),
        water_litres: Some(1.0 + (noise(n, 5) % 6) as f32 * 0.25),
        exercise_minutes: Some(if noise(n, 6).is_multiple_of(3) {
            0
        } else {
            20 + (noise(n, 7) % 50) as u16
        }),
        stress: Some(1 + (noise(n, 8) % 5) as u8),
        diet_tags,
        tags: if (120..127).contains(&n) || (280..284).contains(&n) {
            vec!["travel".into()]
        } else {
            Vec::new()
        },
    }
}

const NOTES: &[&str] = &[
    "Skin felt tight after the flight.",
    "Two new spots on the chin.",
    "Glowy morning, nothing to report.",
    "Slept badly; a bit red around the nose.",
    "Tried layering the toner three times.",
];

/// The diary follows the day before: short sleep, stress and dairy show as breakouts, and the
/// skin slowly gets more hydrated and glowing over the year.
fn diary(n: i64, before: &LifestyleEntry) -> DiaryEntry {
    let rate = |x: u64| Some(x.clamp(1, 5) as u8);
    let trigger = u64::from(before.sleep_hours.is_some_and(|h| h < 6.5))
        + u64::from(before.stress.is_some_and(|s| s >= 4))
        + u64::from(before.diet_tags.iter().any(|t| t == "dairy"));
    let breakouts = 1 + trigger + noise(n, 9) % 2;
    let progress = (n / 120) as u64;
    let period = n % 28 < 4;
    DiaryEntry {
        date: day(n),
        hydration: rate(2 + progress + noise(n, 10) % 2),
        oiliness: rate(2 + noise(n, 11) % 3),
        breakouts: rate(breakouts + u64::from(period)),
        redness: rate(1 + noise(n, 12) % 3),
        texture: rate(3 - progress.min(2) + noise(n, 13) % 2),
        glow: rate(2 + progress + noise(n, 14) % 2),
        breakout_count: Some((breakouts - 1 + noise(n, 15) % 2) as u16),
        notes: (n % 6 == 0).then(|| NOTES[(noise(n, 16) % NOTES.len() as u64) as usize].into()),
        tags: if period {
            vec!["period".into()]
        } else {
            Vec::new()
        },
        photo: None,
    }
}

/// A year of use, day by day, through the store's public API.
pub fn seed_year(db: &std::path::Path) {
    let mut store = SqliteStore::open(db, "local").expect("opens");
    let start = day(0);
    let mut profile = StoredProfile {
        skin_type: SkinType::Combination,
        concerns: vec![Concern::Dehydration, Concern::Dullness],
        short_days: vec![2],
        ..StoredProfile::default()
    };
    store.set_profile(&profile, start).expect("profile");

    // The starting shelf, and the plan made from it that the rest of the year follows.
    let first_cream = store
        .add_product(
            &product("Moisturizing Cream", CREAM, Some(start), false),
            start,
        )
        .expect("adds");
    for (name, label, opened) in [
        ("Cleansing Balm", CLEANSING_BALM, Some(start)),
        ("Gel Cleanser", GEL_CLEANSER, Some(start)),
        ("Hydrating Toner", TONER, Some(start)),
        ("Treatment Essence", ESSENCE, Some(start)),
        ("Niacinamide Serum", NIACINAMIDE, Some(start)),
        ("Sunscreen SPF 50", SUNSCREEN, Some(start)),
        ("Vitamin C Serum", VITAMIN_C, None),
    ] {
        store
            .add_product(&product(name, label, opened, false), start)
            .expect("adds");
    }
    let vitamin_c = store
        .products()
        .expect("shelf")
        .into_iter()
        .find(|p| p.name == "Vitamin C Serum")
        .expect("on the shelf")
        .id;
    // Planned and kept as the Week page does it.
    let planned = glasskin_app::plan::plan_saved(&store, start).expect("plans");
    glasskin_app::plan::keep(&mut store, &planned, start).expect("saves the plan");
    let plan = store.latest_plan().expect("reads").expect("saved");

    let mut bha = None;
    let mut before = lifestyle(-1);
    for n in 0..DAYS {
        let today = day(n);
        match n {
            30 => store
                .open_product(vitamin_c, today, Some(6), today)
                .expect("opens"),
            58 => {
                let id = store
                    .add_product(&product("BHA Liquid", BHA_LIQUID, None, true), today)
                    .expect("adds");
                store
                    .start_patch_test(id, "inner arm", today)
                    .expect("starts");
                bha = Some(id);
            }
            59..=64 => {
                store
                    .check_patch(today, Reaction::None, today)
                    .expect("checks");
            }
            65 => {
                store
                    .check_patch(today, Reaction::None, today)
                    .expect("checks");
                store.end_patch_test(today).expect("passes");
                let id = bha.expect("added on day 58");
                store.open_product(id, today, None, today).expect("opens");
            }
            120 => {
                profile.concerns.push(Concern::Acne);
                store.set_profile(&profile, today).expect("profile");
            }
            150 => {
                let glycolic = store
                    .add_product(
                        &product("Glycolic Toner", GLYCOLIC_TONER, None, true),
                        today,
                    )
                    .expect("adds");
                store
                    .start_patch_test(glycolic, "behind the ear", today)
                    .expect("starts");
                store
                    .check_patch(today, Reaction::None, today)
                    .expect("checks");
            }
            151 => {
                store
                    .check_patch(today, Reaction::Redness, today)
                    .expect("checks");
                store.end_patch_test(today).expect("fails");
            }
            200 => {
                store
                    .add_product(
                        &product("Sleeping Mask", SLEEPING_MASK, Some(today), false),
                        today,
                    )
                    .expect("adds");
            }
            240 => {
                store
                    .set_status(first_cream, Status::Finished, Some("used up"), today)
                    .expect("finishes");
                store
                    .add_product(
                        &product("Moisturizing Cream (new jar)", CREAM, Some(today), false),
                        today,
                    )
                    .expect("adds");
            }
            _ => {}
        }
        let life = lifestyle(n);
        store.log_lifestyle(&life, today).expect("logs");
        store.log_diary(&diary(n, &before), today).expect("logs");
        before = life;
        // Most planned steps ticked off: one in ten skipped, and a skipped evening now and then.
        for session in plan.sessions_on(today) {
            if session.time == Time::Pm && n % 17 == 5 {
                continue;
            }
            for (i, step) in session.steps.iter().enumerate() {
                let stream = 100 + i as u64 + 50 * u64::from(session.time == Time::Pm);
                if noise(n, stream).is_multiple_of(10) {
                    continue;
                }
                let checkoff = Checkoff {
                    date: today,
                    time: session.time,
                    product_id: step.product_id,
                };
                store.check_off(&checkoff, true, today).expect("ticks");
            }
        }
    }
}
