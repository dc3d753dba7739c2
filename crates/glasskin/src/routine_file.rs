//! The files a person writes, in TOML or JSON: routines for `glasskin check` (docs/routine.md),
//! and profiles and shelves for `glasskin plan` and `glasskin profile set` (docs/plan.md). Each
//! is read here and checked by `glasskin_app::documents`; every error names the file.

use std::path::Path;

use anyhow::Context;
use glasskin_app::documents;
use glasskin_core::KnowledgeBase;
use glasskin_core::advice::Routine;
use glasskin_core::plan::{PlanProfile, ShelfItem};
use serde::Deserialize;

/// Reads a file of `what` (a routine, a profile, a shelf): JSON if its name ends in `.json`,
/// TOML otherwise. A file that cannot be read stops the run; one that is not a valid document
/// is a value refused, as its contents are (exit 2).
fn read_file<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} file {}", path.display()))?;
    let parsed = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| ("JSON", e.to_string()))
    } else {
        toml::from_str(&text).map_err(|e| ("TOML", e.to_string()))
    };
    parsed.map_err(|(format, why)| {
        glasskin_app::Error::invalid(format!(
            "{} is not a valid {what} ({format}): {why}",
            path.display()
        ))
        .into()
    })
}

/// Reads and checks a routine file, analysing every product.
pub fn read(path: &Path, kb: &KnowledgeBase) -> anyhow::Result<Routine> {
    let document = read_file(path, "routine")?;
    documents::routine(document, kb).with_context(|| format!("in {}", path.display()))
}

/// Reads a profile file.
pub fn read_profile(path: &Path) -> anyhow::Result<PlanProfile> {
    let document = read_file(path, "profile")?;
    documents::profile(&document).with_context(|| format!("in {}", path.display()))
}

/// Reads a shelf file, analysing every product.
pub fn read_shelf(path: &Path, kb: &KnowledgeBase) -> anyhow::Result<Vec<ShelfItem>> {
    let document = read_file(path, "shelf")?;
    documents::shelf(document, kb).with_context(|| format!("in {}", path.display()))
}
