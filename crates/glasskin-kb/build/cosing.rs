//! Reads the CosIng export, the base of the ingredient list. Rows sharing a lookup key become one
//! ingredient with the union of their functions. Each row also yields the annex references of its
//! restriction column and its INN and Ph. Eur. names, which later stages resolve.

use std::path::Path;

use crate::Result;
use crate::annexes::ANNEXES;
use crate::ingredients::{Ing, Ingredients, key};
use crate::sources::Sources;

/// A CosIng INN or Ph. Eur. name with the ingredient it names.
pub type CosingSynonym = (String, usize);

/// Reads `data/cosing/`, returning the ingredients and their INN and Ph. Eur. names.
pub fn read(data: &Path, sources: &Sources) -> Result<(Ingredients, Vec<CosingSynonym>)> {
    let mut ings = Ingredients::default();
    let cosing = data.join("cosing/cosing_ingredients_2021-12-15.csv");
    let mut synonyms: Vec<CosingSynonym> = Vec::new();
    let mut reader = csv::Reader::from_path(&cosing).map_err(|e| format!("{e}"))?;
    let headers = reader.headers().map_err(|e| format!("{e}"))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("CosIng: no column {name}"))
    };
    let (c_inci, c_inn, c_pheur, c_cas, c_ec, c_restr, c_fun) = (
        col("inci_name")?,
        col("inn_name")?,
        col("ph_eur_name")?,
        col("cas_no")?,
        col("ec_no")?,
        col("restriction")?,
        col("function")?,
    );
    let cosing_source = sources.get("eu-cosing", "build")?;
    for row in reader.records() {
        let row = row.map_err(|e| format!("CosIng: {e}"))?;
        let inci = row[c_inci].trim().to_owned();
        if inci.is_empty() {
            continue;
        }
        let functions: Vec<String> = row[c_fun]
            .split(',')
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect();
        let k = key(&inci);
        let idx = match ings.position_of_key(&k) {
            Some(i) => {
                for f in functions {
                    if !ings[i].functions.contains(&f) {
                        ings[i].functions.push(f);
                    }
                }
                i
            }
            None => ings.push(
                k,
                Ing {
                    inci: inci.clone(),
                    cas: clean_id(&row[c_cas]),
                    ec: clean_id(&row[c_ec]),
                    functions,
                    source: cosing_source,
                    ..Ing::default()
                },
            ),
        };
        for (annex, reference) in restriction_refs(&row[c_restr]) {
            ings[idx].restrictions.push((annex, reference));
        }
        let inn = row[c_inn].split('[').next().unwrap_or("").trim();
        if !inn.is_empty() {
            synonyms.push((inn.to_owned(), idx));
        }
        for name in row[c_pheur].split(" / ") {
            if !name.trim().is_empty() {
                synonyms.push((name.trim().to_owned(), idx));
            }
        }
    }
    Ok((ings, synonyms))
}

/// CosIng writes a missing CAS or EC number as "-".
fn clean_id(s: &str) -> String {
    let s = s.trim();
    if s == "-" {
        String::new()
    } else {
        s.to_owned()
    }
}

/// Finds "III/45", "Annex VI/3", "II/1355 (…)" references in CosIng's restriction column.
fn restriction_refs(text: &str) -> Vec<(usize, String)> {
    let mut refs = Vec::new();
    for (slash, _) in text.match_indices('/') {
        let before = &text[..slash];
        let roman_start = before
            .rfind(|c: char| !matches!(c, 'I' | 'V'))
            .map_or(0, |p| p + 1);
        let roman = &before[roman_start..];
        let Some(annex) = ANNEXES.iter().position(|a| *a == roman) else {
            continue;
        };
        let number: String = text[slash + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if number.starts_with(|c: char| c.is_ascii_digit()) {
            refs.push((annex, number));
        }
    }
    refs
}
