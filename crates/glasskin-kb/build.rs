//! Compiles `data/` into Rust statics: every CosIng ingredient, its EU annex entries, allergen,
//! UV, fungal-acne and rating facts, the curated classes and synonyms, and a hash-table index
//! of every name. Anything in the overlay that does not resolve fails the build.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use glasskin_core::Class;
use glasskin_core::kb::{
    Annex, ClassSet, NameKind, NameRef, Summary, marks_one_percent_line, name_table,
};
use glasskin_core::key::{char_mask, key_hash_bytes, lookup_key, pair_mask, shape, squash};
use glasskin_core::product::Traits;
use serde::Deserialize;

type Result<T> = std::result::Result<T, String>;

fn main() {
    if let Err(e) = run() {
        eprintln!("glasskin-kb: {e}");
        std::process::exit(1);
    }
}

fn key(name: &str) -> String {
    let mut out = String::new();
    lookup_key(name, &mut out);
    out
}

#[path = "build/advice.rs"]
mod advice;

#[derive(Deserialize, Clone)]
struct SourceDef {
    citation: String,
    grade: String,
    #[serde(default)]
    url: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Member {
    Name(String),
    WithForm { inci: String, form: String },
}

impl Member {
    fn inci(&self) -> &str {
        match self {
            Member::Name(n) | Member::WithForm { inci: n, .. } => n,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Membership {
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    functions: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default, rename = "description")]
    _description: Option<String>,
    #[serde(default, rename = "name")]
    _name: Option<String>,
}

impl Membership {
    /// Whether a rule (not the member list) takes this ingredient.
    fn rule_matches(&self, ing: &Ing) -> bool {
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

#[derive(Deserialize, Default)]
struct Overlay {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    #[serde(default)]
    ingredient: Vec<ExtraIngredient>,
    #[serde(default)]
    synonym: Vec<Synonym>,
    #[serde(default)]
    filter: Vec<Filter>,
    #[serde(default)]
    rating: Vec<RatingDef>,
    #[serde(flatten)]
    tables: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct ExtraIngredient {
    inci: String,
    #[serde(default)]
    cas: String,
    #[serde(default)]
    functions: Vec<String>,
    source: String,
}

#[derive(Deserialize)]
struct Synonym {
    inci: String,
    names: Vec<String>,
    source: String,
}

#[derive(Deserialize)]
struct Filter {
    inci: String,
    uvb: bool,
    uva: String,
    source: String,
}

#[derive(Deserialize)]
struct RatingDef {
    inci: String,
    comedogenic: u8,
    irritancy: Option<u8>,
    source: String,
}

/// An ingredient as the build assembles it.
#[derive(Default)]
struct Ing {
    inci: String,
    cas: String,
    ec: String,
    functions: Vec<String>,
    restrictions: Vec<(usize, String)>,
    classes: u64,
    form: Option<String>,
    annexes: Vec<usize>,
    allergen: Option<(String, bool)>,
    uv: Option<(bool, String, usize)>,
    fungal: Option<(String, usize)>,
    below_one_percent: Option<usize>,
    rating: Option<(u8, Option<u8>, usize)>,
    source: usize,
}

struct AnnexRow {
    annex: usize,
    reference: String,
    substance: String,
    product_type: String,
    max_concentration: String,
    conditions: String,
    names: Vec<String>,
}

const ANNEXES: [&str; 5] = ["II", "III", "IV", "V", "VI"];

struct Sources {
    ids: Vec<String>,
    defs: Vec<SourceDef>,
}

impl Sources {
    fn add(&mut self, id: &str, def: SourceDef, file: &Path) -> Result<()> {
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

    fn get(&self, id: &str, context: &str) -> Result<usize> {
        self.ids
            .iter()
            .position(|x| x == id)
            .ok_or_else(|| format!("{context}: unknown source `{id}`"))
    }
}

fn run() -> Result<()> {
    let data = PathBuf::from(env("CARGO_MANIFEST_DIR")?).join("../../data");
    println!("cargo::rerun-if-changed={}", data.display());
    let overlay_dir = data.join("overlay");
    println!("cargo::rerun-if-changed={}", overlay_dir.display());

    let mut sources = Sources {
        ids: Vec::new(),
        defs: Vec::new(),
    };
    let builtin = [
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
    for (id, citation, grade, url) in builtin {
        let def = SourceDef {
            citation: citation.into(),
            grade: grade.into(),
            url: url.into(),
        };
        sources.add(id, def, Path::new("build.rs"))?;
    }

    let mut overlays = Vec::new();
    let mut fungal_rules: Vec<(Membership, PathBuf)> = Vec::new();
    let mut low_use: Vec<(Membership, PathBuf)> = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(&overlay_dir)
        .map_err(|e| format!("{}: {e}", overlay_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for file in &files {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        // The fungal-acne file is one membership rule, with `sources` as a list of keys.
        if file.file_name().is_some_and(|f| f == "fungal_acne.toml") {
            let rules: Membership =
                toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            fungal_rules.push((rules, file.clone()));
            continue;
        }
        // So is the list of ingredients normally used below 1%.
        if file
            .file_name()
            .is_some_and(|f| f == "one_percent_line.toml")
        {
            let rules: Membership =
                toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            low_use.push((rules, file.clone()));
            continue;
        }
        let overlay: Overlay =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        for (id, def) in &overlay.sources {
            let def = SourceDef {
                citation: def.citation.clone(),
                grade: def.grade.clone(),
                url: def.url.clone(),
            };
            sources.add(id, def, file)?;
        }
        overlays.push((file.clone(), overlay));
    }

    // 1. CosIng, then the overlay's extra ingredients.
    let mut ings: Vec<Ing> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let cosing = data.join("cosing/cosing_ingredients_2021-12-15.csv");
    let mut synonyms: Vec<(String, usize, &'static str)> = Vec::new();
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
        let idx = match by_key.get(&k) {
            Some(&i) => {
                for f in functions {
                    if !ings[i].functions.contains(&f) {
                        ings[i].functions.push(f);
                    }
                }
                i
            }
            None => {
                ings.push(Ing {
                    inci: inci.clone(),
                    cas: clean_id(&row[c_cas]),
                    ec: clean_id(&row[c_ec]),
                    functions,
                    source: cosing_source,
                    ..Ing::default()
                });
                by_key.insert(k, ings.len() - 1);
                ings.len() - 1
            }
        };
        for (annex, reference) in restriction_refs(&row[c_restr]) {
            ings[idx].restrictions.push((annex, reference));
        }
        let inn = row[c_inn].split('[').next().unwrap_or("").trim();
        if !inn.is_empty() {
            synonyms.push((inn.to_owned(), idx, "inn"));
        }
        for name in row[c_pheur].split(" / ") {
            if !name.trim().is_empty() {
                synonyms.push((name.trim().to_owned(), idx, "pheur"));
            }
        }
    }
    for (file, overlay) in &overlays {
        for extra in &overlay.ingredient {
            let context = format!("{}: {}", file.display(), extra.inci);
            let source = sources.get(&extra.source, &context)?;
            let k = key(&extra.inci);
            if by_key.contains_key(&k) {
                return Err(format!(
                    "{context}: already in CosIng; remove it from the overlay"
                ));
            }
            ings.push(Ing {
                inci: extra.inci.clone(),
                cas: extra.cas.clone(),
                functions: extra.functions.clone(),
                source,
                ..Ing::default()
            });
            by_key.insert(k, ings.len() - 1);
        }
    }
    let find = |name: &str| by_key.get(&key(name)).copied();

    // 2. The EU annexes.
    let mut annex_rows: Vec<AnnexRow> = Vec::new();
    for (annex, roman) in ANNEXES.iter().enumerate() {
        let path = data.join(format!("eu-annexes/annex_{roman}.csv"));
        for row in read_annex(&path)? {
            annex_rows.push(AnnexRow { annex, ..row });
        }
    }
    for (i, row) in annex_rows.iter().enumerate() {
        for name in &row.names {
            if let Some(idx) = find(name) {
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

    // 3. Fragrance allergens.
    let allergens = data.join("eu-annexes/eu_fragrance_allergens_from_annex_III.csv");
    let mut reader = csv::Reader::from_path(&allergens).map_err(|e| format!("{e}"))?;
    for row in reader.records() {
        let row = row.map_err(|e| format!("allergens: {e}"))?;
        let classic = &row[5] == "yes";
        for name in row[1].split(';').chain(row[2].split(';')) {
            if let Some(idx) = find(name.trim()) {
                ings[idx].allergen = Some((row[0].to_owned(), classic));
            }
        }
    }

    // 4. Synonyms: the overlay's first, then INN and Ph. Eur. names.
    let mut names: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for (k, &idx) in &by_key {
        names.insert(k.clone(), (idx, true));
    }
    for (file, overlay) in &overlays {
        for syn in &overlay.synonym {
            let context = format!("{}: synonym of {}", file.display(), syn.inci);
            sources.get(&syn.source, &context)?;
            let idx = find(&syn.inci).ok_or_else(|| format!("{context}: unknown INCI name"))?;
            for name in &syn.names {
                let k = key(name);
                match names.get(&k) {
                    Some(&(other, _)) if other != idx => {
                        return Err(format!(
                            "{context}: `{name}` already names {}",
                            ings[other].inci
                        ));
                    }
                    Some(_) => {}
                    None => {
                        names.insert(k, (idx, false));
                    }
                }
            }
        }
    }
    for (name, idx, _) in &synonyms {
        names.entry(key(name)).or_insert((*idx, false));
    }
    // CosIng names with a bracketed common name are also written without it on labels.
    for (idx, ing) in ings.iter().enumerate() {
        if has_common_name_in_brackets(&ing.inci) {
            names
                .entry(key(&strip_brackets(&ing.inci)))
                .or_insert((idx, false));
        }
    }

    // 5. Classes.
    let mut class_sources: Vec<(Class, Vec<usize>)> = Vec::new();
    for (file, overlay) in &overlays {
        for (table, value) in &overlay.tables {
            let membership: Membership = value
                .clone()
                .try_into()
                .map_err(|e| format!("{}: [{table}]: {e}", file.display()))?;
            let class = Class::from_id(table)
                .ok_or_else(|| format!("{}: [{table}] is not a class id", file.display()))?;
            let context = format!("{}: [{table}]", file.display());
            if membership.sources.is_empty() {
                return Err(format!("{context}: no sources"));
            }
            let mut cited = Vec::new();
            for s in &membership.sources {
                cited.push(sources.get(s, &context)?);
            }
            class_sources.push((class, cited));
            for member in &membership.members {
                let idx = find(member.inci())
                    .ok_or_else(|| format!("{context}: unknown INCI name {}", member.inci()))?;
                ings[idx].classes |= 1 << class as u32;
                if let Member::WithForm { form, .. } = member {
                    ings[idx].form = Some(form.clone());
                }
            }
            for name in &membership.exclude {
                find(name)
                    .ok_or_else(|| format!("{context}: unknown excluded INCI name {name}"))?;
            }
            for ing in ings.iter_mut() {
                if membership.rule_matches(ing) {
                    ing.classes |= 1 << class as u32;
                }
            }
        }
    }
    // The Regulation itself makes every Annex VI filter a UV filter, Annex V entry a preservative.
    for ing in ings.iter_mut() {
        for &row in &ing.annexes {
            match ANNEXES[annex_rows[row].annex] {
                "VI" => ing.classes |= 1 << Class::UvFilter as u32,
                "V" => ing.classes |= 1 << Class::Preservative as u32,
                _ => {}
            }
        }
    }

    // 6. UV spectra and ratings.
    for (file, overlay) in &overlays {
        for f in &overlay.filter {
            let context = format!("{}: filter {}", file.display(), f.inci);
            let source = sources.get(&f.source, &context)?;
            let idx = find(&f.inci).ok_or_else(|| format!("{context}: unknown INCI name"))?;
            let uva = match f.uva.as_str() {
                "none" => "None",
                "short" => "Short",
                "long" => "Long",
                other => return Err(format!("{context}: uva `{other}`; use none, short or long")),
            };
            ings[idx].uv = Some((f.uvb, uva.to_owned(), source));
            ings[idx].classes |= 1 << Class::UvFilter as u32;
        }
        for r in &overlay.rating {
            let context = format!("{}: rating {}", file.display(), r.inci);
            let source = sources.get(&r.source, &context)?;
            let idx = find(&r.inci).ok_or_else(|| format!("{context}: unknown INCI name"))?;
            if r.comedogenic > 5 || r.irritancy.is_some_and(|i| i > 5) {
                return Err(format!("{context}: ratings run from 0 to 5"));
            }
            ings[idx].rating = Some((r.comedogenic, r.irritancy, source));
        }
    }

    // 7. Fungal-acne triggers: the published list, then the overlay's rules.
    let list_source = sources.get("malassezia-trigger-list", "build")?;
    let triggers = data.join("fungal-acne/malassezia_triggers.csv");
    let mut reader = csv::Reader::from_path(&triggers).map_err(|e| format!("{e}"))?;
    for row in reader.records() {
        let row = row.map_err(|e| format!("fungal acne: {e}"))?;
        let (name, category) = (row[0].trim(), row[1].trim());
        let tries = [
            name.to_owned(),
            format!("{name} oil"),
            format!("{name} seed oil"),
            format!("{name} butter"),
        ];
        for t in &tries {
            if let Some(&(idx, _)) = names.get(&key(t)) {
                ings[idx].fungal = Some((category.to_owned(), list_source));
                break;
            }
        }
    }
    for (rules, file) in &fungal_rules {
        let context = format!("{}", file.display());
        let source = sources.get(
            rules
                .sources
                .first()
                .ok_or(format!("{context}: no sources"))?,
            &context,
        )?;
        for member in &rules.members {
            let idx = find(member.inci())
                .ok_or_else(|| format!("{context}: unknown INCI name {}", member.inci()))?;
            ings[idx]
                .fungal
                .get_or_insert(("listed".to_owned(), source));
        }
        for ing in ings.iter_mut() {
            if ing.fungal.is_none() && rules.rule_matches(ing) {
                ing.fungal = Some((fungal_category(ing, rules), source));
            }
        }
    }

    for (rules, file) in &low_use {
        let context = format!("{}", file.display());
        let first = rules
            .sources
            .first()
            .ok_or(format!("{context}: no sources"))?;
        let source = sources.get(first, &context)?;
        for member in &rules.members {
            let idx = find(member.inci())
                .ok_or_else(|| format!("{context}: unknown INCI name {}", member.inci()))?;
            ings[idx].below_one_percent = Some(source);
        }
        for ing in ings.iter_mut() {
            if rules.rule_matches(ing) {
                ing.below_one_percent = Some(source);
            }
        }
    }

    let advice = advice::compile(&data.join("advice"), &mut sources)?;
    let out_dir = PathBuf::from(env("OUT_DIR")?);
    let table = name_table::encode(names.iter().map(|(key, &(index, inci))| {
        let index = u32::try_from(index).expect("fewer than 4 billion ingredients");
        let kind = if inci {
            NameKind::Inci
        } else {
            NameKind::Synonym
        };
        (key.as_str(), NameRef { index, kind })
    }));
    // Every word of every name, so fuzzy matching can tell a typo from a name it does not know.
    let mut words = std::collections::BTreeSet::new();
    for k in names.keys() {
        words.extend(
            k.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty()),
        );
    }
    let word_table = name_table::encode(words.iter().enumerate().map(|(index, word)| {
        let index = u32::try_from(index).expect("fewer than 4 billion words");
        (
            *word,
            NameRef {
                index,
                kind: NameKind::Inci,
            },
        )
    }));
    let code = generate(&ings, &names, &annex_rows, &sources, &class_sources) + &advice;
    for (file, bytes) in [
        ("kb.rs", code.as_bytes()),
        ("name_slots.bin", &table.slots),
        ("name_text.bin", &table.text),
        ("name_filter.bin", &table.filter),
        ("word_slots.bin", &word_table.slots),
        ("word_text.bin", &word_table.text),
        ("word_filter.bin", &word_table.filter),
    ] {
        let path = out_dir.join(file);
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn fungal_category(ing: &Ing, rules: &Membership) -> String {
    let name = ing.inci.as_str();
    if name.starts_with("POLYSORBATE") {
        "polysorbates".into()
    } else if name.ends_with(" ACID") {
        "fatty acids".into()
    } else if rules
        .suffixes
        .iter()
        .any(|s| name.ends_with(s.as_str()) && s.contains("OIL"))
    {
        "plant oils".into()
    } else {
        "esters and lipids".into()
    }
}

fn env(name: &str) -> Result<String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn clean_id(s: &str) -> String {
    let s = s.trim();
    if s == "-" {
        String::new()
    } else {
        s.to_owned()
    }
}

/// Whether every bracket of a CosIng name is a common name between words, as in "MELALEUCA
/// ALTERNIFOLIA (TEA TREE) EXTRACT". Other brackets are part of the name: a chemical's
/// ("POLY(1,4-BUTANEDIOL)-13"), a salt's amino acids ("SODIUM COCOYL (ARGININE/…)") or a blend's
/// plants ("(ECLIPTA PROSTRATA/HOUTTUYNIA CORDATA) LEAF EXTRACT"); without them, what is left
/// ("SODIUM COCOYL", "LEAF EXTRACT") names something else or nothing.
fn has_common_name_in_brackets(name: &str) -> bool {
    let mut found = false;
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            return false;
        };
        let inside = &rest[open + 1..open + len];
        let after = &rest[open + len + 1..];
        let between_words =
            rest[..open].ends_with(' ') && (after.is_empty() || after.starts_with([' ', '/']));
        if !between_words || !inside.chars().all(|c| c.is_ascii_uppercase() || c == ' ') {
            return false;
        }
        found = true;
        rest = after;
    }
    found && strip_brackets(name).contains(' ')
}

fn strip_brackets(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
            names,
        });
    }
    Ok(rows)
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn generate(
    ings: &[Ing],
    names: &BTreeMap<String, (usize, bool)>,
    annex_rows: &[AnnexRow],
    sources: &Sources,
    class_sources: &[(Class, Vec<usize>)],
) -> String {
    let mut out = String::with_capacity(16 << 20);
    out.push_str("// Generated by glasskin-kb's build.rs from data/. Do not edit.\n\n");

    let _ = writeln!(out, "static SOURCES: [Source; {}] = [", sources.ids.len());
    for (id, def) in sources.ids.iter().zip(&sources.defs) {
        let _ = writeln!(
            out,
            "    Source {{ id: {id:?}, citation: {:?}, grade: Grade::{}, url: {:?} }},",
            def.citation, def.grade, def.url
        );
    }
    out.push_str("];\n\n");

    // Shared function lists.
    let mut function_lists: Vec<&[String]> = Vec::new();
    let mut function_list_of = Vec::with_capacity(ings.len());
    for ing in ings {
        let i = match function_lists
            .iter()
            .position(|l| *l == ing.functions.as_slice())
        {
            Some(i) => i,
            None => {
                function_lists.push(&ing.functions);
                function_lists.len() - 1
            }
        };
        function_list_of.push(i);
    }
    for (i, list) in function_lists.iter().enumerate() {
        let _ = writeln!(out, "static F{i}: [&str; {}] = {:?};", list.len(), list);
    }

    let _ = writeln!(
        out,
        "\nstatic ANNEX_ENTRIES: [AnnexEntry; {}] = [",
        annex_rows.len()
    );
    for row in annex_rows {
        let _ = writeln!(
            out,
            "    AnnexEntry {{ annex: Annex::{}, reference: {:?}, substance: {:?}, product_type: {:?}, max_concentration: {:?}, conditions: {:?}, only_some: {} }},",
            ANNEXES[row.annex],
            row.reference,
            row.substance,
            row.product_type,
            row.max_concentration,
            row.conditions,
            glasskin_core::kb::names_a_condition(&row.substance),
        );
    }
    out.push_str("];\n\n");

    let _ = writeln!(out, "static INGREDIENTS: [Ingredient; {}] = [", ings.len());
    let mut summaries = Vec::with_capacity(ings.len());
    for (i, ing) in ings.iter().enumerate() {
        let annexes: Vec<String> = ing
            .annexes
            .iter()
            .map(|r| format!("&ANNEX_ENTRIES[{r}]"))
            .collect();
        let annexes = annexes.join(", ");
        let allergen = match &ing.allergen {
            Some((r, classic)) => {
                format!("Some(Allergen {{ annex_iii: {r:?}, classic_26: {classic} }})")
            }
            None => "None".into(),
        };
        let uv = match &ing.uv {
            Some((uvb, uva, s)) => format!(
                "Some(UvSpectrum {{ uvb: {uvb}, uva: UvaCoverage::{uva}, source: &SOURCES[{s}] }})"
            ),
            None => "None".into(),
        };
        let fungal = match &ing.fungal {
            Some((cat, s)) => {
                format!("Some(FungalAcneTrigger {{ category: {cat:?}, source: &SOURCES[{s}] }})")
            }
            None => "None".into(),
        };
        let rating = match &ing.rating {
            Some((c, irr, s)) => format!(
                "Some(Rating {{ comedogenic: {c}, irritancy: {irr:?}, source: &SOURCES[{s}] }})"
            ),
            None => "None".into(),
        };
        let functions: Vec<&str> = ing.functions.iter().map(String::as_str).collect();
        let classes = ClassSet::from_bits(ing.classes);
        let traits = Traits::of(&ing.inci, classes, &functions);
        let flagged = ing.allergen.is_some()
            || ing.fungal.is_some()
            || ing.rating.is_some()
            || !ing.annexes.is_empty();
        let annex_kinds = ing
            .annexes
            .iter()
            .map(|&r| match ANNEXES[annex_rows[r].annex] {
                "II" => Annex::II,
                "III" => Annex::III,
                "IV" => Annex::IV,
                "V" => Annex::V,
                _ => Annex::VI,
            });
        let known_below = ing.below_one_percent.is_some() || ing.allergen.is_some();
        let marks_line = marks_one_percent_line(classes, known_below, annex_kinds, &functions);
        summaries.push(Summary::new(classes, traits, flagged, marks_line).bits());
        let traits = traits.bits();
        let below = match ing.below_one_percent {
            Some(s) => format!("Some(&SOURCES[{s}])"),
            None => "None".into(),
        };
        let _ = writeln!(
            out,
            "    Ingredient {{ inci: {:?}, cas: {:?}, ec: {:?}, functions: &F{}, classes: ClassSet::from_bits({}), form: {:?}, annexes: &[{annexes}], allergen: {allergen}, uv: {uv}, fungal_acne: {fungal}, rating: {rating}, usually_below_one_percent: {below}, traits: Traits::from_bits({traits}), source: &SOURCES[{}] }},",
            ing.inci, ing.cas, ing.ec, function_list_of[i], ing.classes, ing.form, ing.source
        );
    }
    out.push_str("];\n\n");

    let _ = writeln!(
        out,
        "static SUMMARIES: [Summary; {}] = [{}];\n",
        summaries.len(),
        summaries
            .iter()
            .map(|b| format!("Summary::from_bits({b})"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    let values: Vec<String> = names
        .values()
        .map(|(idx, inci)| {
            format!(
                "NameRef {{ index: {idx}, kind: NameKind::{} }}",
                if *inci { "Inci" } else { "Synonym" }
            )
        })
        .collect();
    // Sorted by (first byte, length, key): fuzzy matching scans one run of similar keys.
    let mut by_shape: Vec<(&String, &String)> = names.keys().zip(&values).collect();
    by_shape.sort_by_key(|(k, _)| (k.as_bytes()[0], k.len(), k.as_str()));
    let _ = writeln!(
        out,
        "static SORTED_KEYS: [(&str, NameRef); {}] = [",
        names.len()
    );
    for (k, v) in &by_shape {
        let _ = writeln!(out, "    ({k:?}, {v}),");
    }
    out.push_str("];\n\n");
    let shapes: Vec<u32> = by_shape.iter().map(|(k, _)| shape(k, k.len())).collect();
    let _ = writeln!(
        out,
        "static KEY_SHAPES: [u32; {}] = {shapes:?};\n",
        shapes.len()
    );
    let masks: Vec<[u64; 2]> = by_shape
        .iter()
        .map(|(k, _)| [char_mask(k), pair_mask(k)])
        .collect();
    let _ = writeln!(
        out,
        "static KEY_MASKS: [[u64; 2]; {}] = {masks:?};\n",
        masks.len()
    );
    let squashed = squashed_keys(by_shape.iter().map(|(k, _)| (k.as_str(), names[*k].0)));
    let _ = writeln!(
        out,
        "static SQUASHED_KEYS: [u64; {}] = {squashed:?};\n",
        squashed.len()
    );

    let _ = writeln!(
        out,
        "static CLASSES: [ClassInfo; {}] = [",
        class_sources.len()
    );
    for (class, cited) in class_sources {
        let refs: Vec<String> = cited.iter().map(|s| format!("&SOURCES[{s}]")).collect();
        let _ = writeln!(
            out,
            "    ClassInfo {{ class: Class::{class:?}, sources: &[{}] }},",
            refs.join(", ")
        );
    }
    out.push_str("];\n");
    out
}

/// The squashed-key table (see `KnowledgeBase::squashed_keys`) of keys in `sorted_keys` order,
/// each with its ingredient.
fn squashed_keys<'a>(keys: impl Iterator<Item = (&'a str, usize)>) -> Vec<u64> {
    // Each form, with its first key's index, or `None` once keys of two ingredients share it.
    let mut forms: BTreeMap<Vec<u8>, Option<(u32, usize)>> = BTreeMap::new();
    let mut form = Vec::new();
    for (index, (key, ingredient)) in keys.enumerate() {
        squash(key, &mut form);
        let index = u32::try_from(index).expect("fewer than 4 billion names");
        forms
            .entry(form.clone())
            .and_modify(|seen| {
                if seen.is_some_and(|(_, other)| other != ingredient) {
                    *seen = None;
                }
            })
            .or_insert(Some((index, ingredient)));
    }
    let mut table: Vec<u64> = forms
        .iter()
        .filter_map(|(form, seen)| {
            let (index, _) = (*seen)?;
            Some(key_hash_bytes(form) >> 32 << 32 | u64::from(index))
        })
        .collect();
    table.sort_unstable();
    table
}
