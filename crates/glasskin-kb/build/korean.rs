//! Reads `data/korean/`: the table from Korean ingredient names to INCI names (`names.toml`),
//! added to the names a label may use, and the naming rules' pieces (`pieces.toml`), from which
//! the analyzer reads a Korean name the table lacks. Every Korean name must be Hangul, name
//! exactly one ingredient, and clash with no other name; every piece's English must be made of
//! words some known name uses. Anything else fails the build.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use glasskin_core::key::{has_hangul, is_hangul};
use serde::Deserialize;

use crate::Result;
use crate::ingredients::{Ingredients, key};
use crate::names::Names;
use crate::sources::{SourceDef, Sources};

/// `names.toml`: `[names.<source>]` tables of Korean name → INCI name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    names: BTreeMap<String, BTreeMap<String, String>>,
}

/// `pieces.toml`: `[pieces.<source>]` tables of Korean piece → English words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PiecesFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    pieces: BTreeMap<String, BTreeMap<String, String>>,
}

/// The naming rules' pieces, sorted by their Korean text.
pub struct Pieces(BTreeMap<String, String>);

/// Reads both files, registers their sources, adds the Korean names to `names` and returns the
/// pieces.
pub fn read(
    dir: &Path,
    ings: &Ingredients,
    names: &mut Names,
    sources: &mut Sources,
) -> Result<Pieces> {
    let names_path = dir.join("names.toml");
    let table: NamesFile = parse(&names_path)?;
    for (id, def) in &table.sources {
        sources.add(id, def.clone(), &names_path)?;
    }
    // The words of every English name, for the pieces' check: taken before the Korean names join.
    let words: BTreeSet<String> = names
        .keys()
        .flat_map(|k| k.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    for (source, entries) in &table.names {
        let context = format!("{}: [names.{source}]", names_path.display());
        sources.get(source, &context)?;
        for (korean, inci) in entries {
            let context = format!("{context}: `{korean}`");
            if !has_hangul(korean) {
                return Err(format!(
                    "{context}: a Korean name must be written in Hangul"
                ));
            }
            let idx = ings
                .find(inci)
                .filter(|&idx| ings[idx].inci == *inci)
                .ok_or_else(|| {
                    format!("{context}: `{inci}` is not an INCI name as CosIng writes it")
                })?;
            match names.get(&key(korean)) {
                Some(&(other, _)) if other != idx => {
                    return Err(format!(
                        "{context}: names {inci}, but the same name already names {}",
                        ings[other].inci
                    ));
                }
                Some(_) => {}
                None => {
                    names.insert(key(korean), (idx, false));
                }
            }
        }
    }

    let pieces_path = dir.join("pieces.toml");
    let file: PiecesFile = parse(&pieces_path)?;
    for (id, def) in &file.sources {
        sources.add(id, def.clone(), &pieces_path)?;
    }
    let mut pieces = BTreeMap::new();
    for (source, entries) in &file.pieces {
        let context = format!("{}: [pieces.{source}]", pieces_path.display());
        sources.get(source, &context)?;
        for (korean, english) in entries {
            let context = format!("{context}: `{korean}`");
            if korean.is_empty() || !korean.chars().all(is_hangul) {
                return Err(format!("{context}: a piece must be Hangul syllables only"));
            }
            let unknown: Vec<&str> = english
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty() && !words.contains(*w) && !is_prefix_of_a_word(w, &words))
                .collect();
            if english.is_empty() || english.trim() != english || *english != english.to_lowercase()
            {
                return Err(format!(
                    "{context}: `{english}` must be lower-case English words"
                ));
            }
            if !unknown.is_empty() {
                return Err(format!(
                    "{context}: no known name uses {}",
                    unknown.join(", ")
                ));
            }
            if pieces.insert(korean.clone(), english.clone()).is_some() {
                return Err(format!("{context}: given twice"));
            }
        }
    }
    Ok(Pieces(pieces))
}

/// Bound pieces ("다이" di, "사이클로" cyclo) are the start of a word, not a word.
fn is_prefix_of_a_word(part: &str, words: &BTreeSet<String>) -> bool {
    words
        .range(part.to_owned()..)
        .next()
        .is_some_and(|w| w.starts_with(part))
}

/// Writes `KOREAN_PIECES`, sorted by Korean text: each side's texts end to end, with where each
/// starts, so the table holds no pointer for the loader to fix up.
pub fn write(out: &mut String, pieces: &Pieces) {
    let strs = |texts: Vec<&String>| {
        let mut text = String::new();
        let mut starts = vec![0u32];
        for t in texts {
            text.push_str(t);
            starts.push(u32::try_from(text.len()).expect("pieces under 4 GB"));
        }
        format!("Strs {{ text: {text:?}, starts: &{starts:?} }}")
    };
    let _ = writeln!(
        out,
        "static KOREAN_PIECES: KoreanPieces = KoreanPieces {{ korean: {}, english: {} }};\n",
        strs(pieces.0.keys().collect()),
        strs(pieces.0.values().collect()),
    );
}

fn parse<T: for<'de> Deserialize<'de>>(file: &Path) -> Result<T> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
}
