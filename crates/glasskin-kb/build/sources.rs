//! The registry of cited sources. Every fact the build compiles points at one by index, so a
//! source is registered once, checked for a known grade, and looked up by id with an error that
//! says where the unknown id came from.

use std::path::Path;

use serde::Deserialize;

use crate::Result;

/// A source as a `[sources]` table defines it.
#[derive(Deserialize, Clone)]
pub struct SourceDef {
    pub citation: String,
    pub grade: String,
    #[serde(default)]
    pub url: String,
}

/// Sources in registration order; a source's position is its index in `SOURCES`.
pub struct Sources {
    pub ids: Vec<String>,
    pub defs: Vec<SourceDef>,
}

/// The sources of the data the build reads itself, not through the overlay.
const BUILTIN: [(&str, &str, &str, &str); 3] = [
    (
        "eu-cosing",
        "European Commission, CosIng: database of cosmetic ingredients (export of 2021-12-15). CC BY 4.0. Source: European Commission, CosIng",
        "C",
        "https://ec.europa.eu/growth/tools-databases/cosing/",
    ),
    (
        "eu-cosmetics-regulation",
        "Regulation (EC) No 1223/2009 on cosmetic products, Annexes II–VI, consolidated to 28/08/2026. CC BY 4.0",
        "C",
        "https://eur-lex.europa.eu/eli/reg/2009/1223/oj",
    ),
    (
        "malassezia-trigger-list",
        "Commonly cited Malassezia (fungal acne) trigger ingredients, compiled by E. Bastos (MIT licence); anecdotal community lists",
        "D",
        "",
    ),
];

impl Sources {
    /// The registry holding the built-in sources, which come first in `SOURCES`.
    pub fn builtin() -> Result<Self> {
        let mut sources = Sources {
            ids: Vec::new(),
            defs: Vec::new(),
        };
        for (id, citation, grade, url) in BUILTIN {
            let def = SourceDef {
                citation: citation.into(),
                grade: grade.into(),
                url: url.into(),
            };
            sources.add(id, def, Path::new("build.rs"))?;
        }
        Ok(sources)
    }

    /// Registers a source. Two files may define the same id, but only with the same citation.
    pub fn add(&mut self, id: &str, def: SourceDef, file: &Path) -> Result<()> {
        if let Some(i) = self.ids.iter().position(|x| x == id) {
            if self.defs[i].citation != def.citation {
                return Err(format!(
                    "{}: source `{id}` is defined twice with different citations",
                    file.display()
                ));
            }
            return Ok(());
        }
        if !matches!(def.grade.as_str(), "A" | "B" | "C" | "D" | "M") {
            return Err(format!(
                "{}: source `{id}` has grade `{}`; use A, B, C, D or M",
                file.display(),
                def.grade
            ));
        }
        self.ids.push(id.to_owned());
        self.defs.push(def);
        Ok(())
    }

    /// The index of a registered source; `context` says who asked, for the error.
    pub fn get(&self, id: &str, context: &str) -> Result<usize> {
        self.ids
            .iter()
            .position(|x| x == id)
            .ok_or_else(|| format!("{context}: unknown source `{id}`"))
    }
}
