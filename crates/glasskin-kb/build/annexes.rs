//! Reads the EU Cosmetics Regulation's Annexes II–VI and its list of fragrance allergens, and
//! links their entries to ingredients: by the names an entry lists, and by the references in
//! CosIng's restriction column.

use std::fs;
use std::path::Path;

use crate::Result;
use crate::ingredients::{Ingredients, push_unique};

/// The annexes, by number; an annex's index here is how the build refers to it.
pub const ANNEXES: [&str; 5] = ["II", "III", "IV", "V", "VI"];

/// One entry of an annex, with the names it lists for matching to ingredients.
pub struct AnnexRow {
    pub annex: usize,
    pub reference: String,
    pub substance: String,
    pub product_type: String,
    pub max_concentration: String,
    pub conditions: String,
    /// The entry concerns only the substance's nanomaterial form ([`concerns_only_nano`]).
    pub nano_only: bool,
    names: Vec<String>,
}

/// Reads every annex from `data/eu-annexes/`, in annex order.
pub fn read(data: &Path) -> Result<Vec<AnnexRow>> {
    let mut annex_rows: Vec<AnnexRow> = Vec::new();
    for (annex, roman) in ANNEXES.iter().enumerate() {
        let path = data.join(format!("eu-annexes/annex_{roman}.csv"));
        for row in read_annex(&path)? {
            annex_rows.push(AnnexRow { annex, ..row });
        }
    }
    Ok(annex_rows)
}

/// Gives each ingredient the annex entries that name it, then those CosIng refers it to.
pub fn link(ings: &mut Ingredients, annex_rows: &[AnnexRow]) {
    for (i, row) in annex_rows.iter().enumerate() {
        for name in &row.names {
            // A nano entry names its substance "TITANIUM DIOXIDE (NANO)": CosIng has one record
            // for both forms.
            let found = ings.find(name).or_else(|| {
                let plain = name
                    .strip_suffix(" (NANO)")
                    .or(name.strip_suffix(" (nano)"));
                plain.and_then(|p| ings.find(p))
            });
            if let Some(idx) = found {
                push_unique(&mut ings[idx].annexes, i);
            }
        }
    }
    for ing in ings.iter_mut() {
        for (annex, reference) in std::mem::take(&mut ing.restrictions) {
            if let Some(i) = annex_rows
                .iter()
                .position(|r| r.annex == annex && r.reference.eq_ignore_ascii_case(&reference))
            {
                push_unique(&mut ing.annexes, i);
            }
        }
    }
}

/// Marks the fragrance allergens of Annex III, and whether each is one of the classic 26.
pub fn mark_allergens(data: &Path, ings: &mut Ingredients) -> Result<()> {
    let allergens = data.join("eu-annexes/eu_fragrance_allergens_from_annex_III.csv");
    let mut reader = csv::Reader::from_path(&allergens).map_err(|e| format!("{e}"))?;
    for row in reader.records() {
        let row = row.map_err(|e| format!("allergens: {e}"))?;
        let classic = &row[5] == "yes";
        for name in row[1].split(';').chain(row[2].split(';')) {
            if let Some(idx) = ings.find(name.trim()) {
                ings[idx].allergen = Some((row[0].to_owned(), classic));
            }
        }
    }
    Ok(())
}

/// Reads one annex's CSV. The export starts with a preamble, and the annexes name their columns
/// differently, so columns are found by the start of their header.
fn read_annex(path: &Path) -> Result<Vec<AnnexRow>> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let start = text
        .find("\"Reference Number\"")
        .ok_or_else(|| format!("{}: no header", path.display()))?;
    let mut reader = csv::Reader::from_reader(&text.as_bytes()[start..]);
    let headers = reader.headers().map_err(|e| format!("{e}"))?.clone();
    let col = |prefix: &str| headers.iter().position(|h| h.starts_with(prefix));
    let c_ref = col("Reference Number").ok_or("no reference column")?;
    let c_name = col("Chemical name").ok_or("no name column")?;
    let c_glossary = col("Name of Common").or_else(|| col("Colour index"));
    let c_type = col("Product Type");
    let c_max = col("Maximum concentration");
    let c_other = col("Other").filter(|&i| headers[i].as_bytes() == b"Other");
    let c_wording = col("Wording");
    let c_identified = col("Identified INGREDIENTS");
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| format!("{}: {e}", path.display()))?;
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(tidy).unwrap_or_default();
        let reference = get(Some(c_ref));
        if reference.is_empty() {
            continue;
        }
        let nano_only = [Some(c_name), c_glossary]
            .into_iter()
            .flatten()
            .filter_map(|c| row.get(c))
            .any(concerns_only_nano);
        let mut names = Vec::new();
        if let Some(g) = c_glossary.and_then(|c| row.get(c)) {
            names.extend(g.split(" / ").map(|s| s.trim().to_owned()));
        }
        if let Some(ids) = c_identified.and_then(|c| row.get(c)) {
            names.extend(ids.split(',').map(|s| s.trim().to_owned()));
        }
        names.retain(|n| !n.is_empty());
        let conditions = [get(c_other), get(c_wording)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
        rows.push(AnnexRow {
            annex: 0,
            reference,
            substance: get(Some(c_name)),
            product_type: get(c_type),
            max_concentration: get(c_max),
            conditions,
            nano_only,
            names,
        });
    }
    Ok(rows)
}

/// Whether a name cell of an annex names only nanomaterials: every name it gives, one a line or
/// between " / ", says "(nano)". The annexes write the nano form as its own entry ("Zinc oxide
/// (nano)", Annex VI 30a) or name it in the glossary column ("Hydroxyapatite (nano)", Annex III
/// 372); a cell that also names another form ("Silver (massive)", "TRIS-BIPHENYL TRIAZINE /
/// TRIS-BIPHENYL TRIAZINE (NANO)") concerns more than nano.
pub fn concerns_only_nano(cell: &str) -> bool {
    let mut names = cell
        .lines()
        .flat_map(|line| line.split(" / "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .peekable();
    names.peek().is_some() && names.all(|n| n.to_ascii_lowercase().contains("(nano)"))
}

/// Collapses the line breaks and runs of spaces of a cell into single spaces.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
