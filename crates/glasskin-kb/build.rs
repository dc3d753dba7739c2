//! Compiles `data/` into Rust statics: every CosIng ingredient, its EU annex entries, allergen,
//! UV, fungal-acne and rating facts, the curated classes and synonyms, the Korean names and
//! naming rules, and a hash-table index of every name. Anything in the overlay that does not resolve fails the build.
//!
//! Each stage lives in `build/`; `run` shows their order, which fixes every index the
//! generated code uses.

use std::path::PathBuf;

#[path = "build/advice.rs"]
mod advice;
#[path = "build/annexes.rs"]
mod annexes;
#[path = "build/claims.rs"]
mod claims;
#[path = "build/classes.rs"]
mod classes;
#[path = "build/cosing.rs"]
mod cosing;
#[path = "build/facts.rs"]
mod facts;
#[path = "build/fungal.rs"]
mod fungal;
#[path = "build/generate.rs"]
mod generate;
#[path = "build/ingredients.rs"]
mod ingredients;
#[path = "build/korean.rs"]
mod korean;
#[path = "build/name_index.rs"]
mod name_index;
#[path = "build/names.rs"]
mod names;
#[path = "build/overlay.rs"]
mod overlay;
#[path = "build/sources.rs"]
mod sources;
#[path = "build/summary.rs"]
mod summary;

use sources::Sources;

type Result<T> = std::result::Result<T, String>;

fn main() {
    if let Err(e) = run() {
        eprintln!("glasskin-kb: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let data = PathBuf::from(env("CARGO_MANIFEST_DIR")?).join("../../data");
    println!("cargo::rerun-if-changed={}", data.display());
    let overlay_dir = data.join("overlay");
    println!("cargo::rerun-if-changed={}", overlay_dir.display());

    let mut sources = Sources::builtin()?;
    let overlay = overlay::read(&overlay_dir, &mut sources)?;
    let (mut ings, cosing_synonyms) = cosing::read(&data, &sources)?;
    ings.add_extras(&overlay, &sources)?;
    let annex_rows = annexes::read(&data)?;
    annexes::link(&mut ings, &annex_rows);
    annexes::mark_allergens(&data, &mut ings)?;
    let mut names = names::resolve(&ings, &overlay, &cosing_synonyms, &sources)?;
    let korean_pieces = korean::read(&data.join("korean"), &ings, &mut names, &mut sources)?;
    let class_sources = classes::assign(&mut ings, &overlay, &sources)?;
    classes::add_annex_classes(&mut ings, &annex_rows);
    facts::add_filters_and_ratings(&mut ings, &overlay, &sources)?;
    fungal::mark_triggers(&data, &mut ings, &names, &overlay, &sources)?;
    facts::mark_low_use(&mut ings, &overlay, &sources)?;
    let claim_groups = claims::compile(&ings, &overlay, &sources)?;
    // Advice registers its sources last, after every source the ingredients cite.
    let advice = advice::compile(&data.join("advice"), &mut sources)?;

    let out_dir = PathBuf::from(env("OUT_DIR")?);
    let tables = name_index::encode_tables(&names);
    let mut generated = generate::kb_code(&ings, &names, &annex_rows, &sources, &class_sources);
    claims::write(&mut generated.code, &claim_groups);
    korean::write(&mut generated.code, &korean_pieces);
    generated.code += &advice;
    generate::write_files(&out_dir, &generated, &tables)
}

fn env(name: &str) -> Result<String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}
