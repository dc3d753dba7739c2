//! Reads the curated overlay, `data/overlay/*.toml`: extra ingredients, synonyms, UV filters,
//! ratings and class memberships, plus the fungal-acne triggers (a single membership rule) and
//! the ingredients used below 1% (groups of rules, each with its sources). Sources defined in the overlay are
//! registered as each file is read, in file-name order, so their indices never change.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Result;
use crate::ingredients::Ing;
use crate::sources::{SourceDef, Sources};

/// A class member, optionally with the form of the active it is ("L-ascorbic acid", "adapalene").
#[derive(Deserialize)]
#[serde(untagged)]
pub enum Member {
    Name(String),
    WithForm { inci: String, form: String },
}

impl Member {
    pub fn inci(&self) -> &str {
        match self {
            Member::Name(n) | Member::WithForm { inci: n, .. } => n,
        }
    }
}

/// Who belongs to a set: listed members, plus every ingredient a rule takes.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    functions: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    pub suffixes: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default, rename = "description")]
    _description: Option<String>,
    #[serde(default, rename = "name")]
    _name: Option<String>,
}

impl Membership {
    /// Whether a rule (not the member list) takes this ingredient.
    pub fn rule_matches(&self, ing: &Ing) -> bool {
        if self.exclude.iter().any(|e| e == &ing.inci) {
            return false;
        }
        let name = ing.inci.as_str();
        self.functions.iter().any(|f| ing.functions.contains(f))
            || self.prefixes.iter().any(|p| name.starts_with(p.as_str()))
            || self.suffixes.iter().any(|s| name.ends_with(s.as_str()))
            || self.contains.iter().any(|c| name.contains(c.as_str()))
    }
}

/// One ordinary overlay file. Any table not named here is a class membership, keyed by class id.
#[derive(Deserialize, Default)]
pub struct OverlayFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    #[serde(default)]
    pub ingredient: Vec<ExtraIngredient>,
    #[serde(default)]
    pub synonym: Vec<Synonym>,
    #[serde(default)]
    pub filter: Vec<Filter>,
    #[serde(default)]
    pub rating: Vec<RatingDef>,
    #[serde(default)]
    pub group: Vec<ClaimGroupDef>,
    #[serde(flatten)]
    pub tables: BTreeMap<String, toml::Value>,
}

/// `one_percent_line.toml`: groups of ingredients normally used below 1%, each citing its own
/// sources.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LowUseFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    group: Vec<Membership>,
}

/// An ingredient CosIng lacks.
#[derive(Deserialize)]
pub struct ExtraIngredient {
    pub inci: String,
    #[serde(default)]
    pub cas: String,
    #[serde(default)]
    pub functions: Vec<String>,
    pub source: String,
}

#[derive(Deserialize)]
pub struct Synonym {
    pub inci: String,
    pub names: Vec<String>,
    pub source: String,
}

/// A UV filter's spectrum.
#[derive(Deserialize)]
pub struct Filter {
    pub inci: String,
    pub uvb: bool,
    pub uva: String,
    pub source: String,
}

#[derive(Deserialize)]
pub struct RatingDef {
    pub inci: String,
    pub comedogenic: u8,
    pub irritancy: Option<u8>,
    pub source: String,
}

/// A group a free-from claim names ("parabens"), and who belongs to it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimGroupDef {
    pub id: String,
    pub label: String,
    pub names: Vec<String>,
    pub sources: Vec<String>,
    #[serde(default)]
    pub classes: Vec<String>,
    #[serde(default)]
    pub within: Vec<String>,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub prefixes: Vec<String>,
    #[serde(default)]
    pub suffixes: Vec<String>,
    #[serde(default)]
    pub contains: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl ClaimGroupDef {
    /// Its name rules as a membership (members are resolved apart, by lookup).
    pub fn rule(&self) -> Membership {
        Membership {
            prefixes: self.prefixes.clone(),
            suffixes: self.suffixes.clone(),
            contains: self.contains.clone(),
            exclude: self.exclude.clone(),
            ..Membership::default()
        }
    }
}

/// The whole overlay, each part with the file it came from for error messages.
pub struct Overlay {
    pub files: Vec<(PathBuf, OverlayFile)>,
    pub fungal_rules: Vec<(Membership, PathBuf)>,
    pub low_use: Vec<(Membership, PathBuf)>,
}

/// Reads every `.toml` file of `dir` in name order and registers the sources they define.
pub fn read(dir: &Path, sources: &mut Sources) -> Result<Overlay> {
    let mut overlay = Overlay {
        files: Vec::new(),
        fungal_rules: Vec::new(),
        low_use: Vec::new(),
    };
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for file in &files {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        // The fungal-acne file is one membership rule, with `sources` as a list of keys.
        if file.file_name().is_some_and(|f| f == "fungal_acne.toml") {
            overlay
                .fungal_rules
                .push((parse(&text, file)?, file.clone()));
            continue;
        }
        // The ingredients normally used below 1% are groups of membership rules, each with its
        // own sources, which the file may define.
        if file
            .file_name()
            .is_some_and(|f| f == "one_percent_line.toml")
        {
            let contents: LowUseFile = parse(&text, file)?;
            for (id, def) in &contents.sources {
                sources.add(id, def.clone(), file)?;
            }
            for group in contents.group {
                overlay.low_use.push((group, file.clone()));
            }
            continue;
        }
        let contents: OverlayFile = parse(&text, file)?;
        for (id, def) in &contents.sources {
            sources.add(id, def.clone(), file)?;
        }
        overlay.files.push((file.clone(), contents));
    }
    Ok(overlay)
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str, file: &Path) -> Result<T> {
    toml::from_str(text).map_err(|e| format!("{}: {e}", file.display()))
}
