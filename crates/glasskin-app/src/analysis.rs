//! Reading a label: the analysis and what each product on it is, in the one shape that the CLI's
//! `--json`, `--batch --full` and the web API all print, and the lean record that `--batch`
//! prints by default.

use glasskin_core::product::{Comedogenic, Coverage, ProductFlags};
use glasskin_core::{Analysis, ClassSet, Entry, Match, OnePercent, Product, ProductList, Step};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use crate::error::{Result, parse};

pub mod notes;

/// A label read: the analysis, and what each of its products is (`docs/json.md`).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = AnalysisReport))]
pub struct Report {
    /// The ingredients, product by product, with diagnostics.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// One per product list, in the same order.
    pub understanding: Vec<Product>,
}

/// Reads a label; `name` and a declared `step` help tell what the product is.
pub fn analyse(text: &str, name: Option<&str>, step: Option<Step>) -> Report {
    let analysis = glasskin_core::analyze(text, glasskin_kb::kb());
    let understanding = glasskin_core::understand_all(name, &analysis, step);
    Report {
        analysis,
        understanding,
    }
}

/// The step with this id, or an error listing the ids.
pub fn parse_step(id: &str) -> Result<Step> {
    parse("step", id)
}

/// One line of `glasskin analyze --batch --full` output: the input's id, name and brand, the
/// first product's step and flags, then the whole report.
#[derive(Serialize)]
pub struct BatchRecord<'a> {
    /// The input line's id, as given.
    pub id: &'a serde_json::Value,
    /// The product's name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// The brand, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<&'a str>,
    /// The routine step of the (first) product.
    pub category: Option<Step>,
    /// Its flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<&'a ProductFlags>,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// What each product list is, in the same order.
    pub understanding: &'a [Product],
}

impl<'a> BatchRecord<'a> {
    /// The record of one input line.
    pub fn new(
        id: &'a serde_json::Value,
        name: Option<&'a str>,
        brand: Option<&'a str>,
        report: &'a Report,
    ) -> BatchRecord<'a> {
        let first = report.understanding.first();
        BatchRecord {
            id,
            name,
            brand,
            category: first.map(|p| p.step),
            flags: first.map(|p| &p.flags),
            analysis: &report.analysis,
            understanding: &report.understanding,
        }
    }
}

/// One line of `glasskin analyze --batch` output, the lean record (`docs/json.md`): the input's
/// id, name and brand, the first product's step and flags, and for each list its step, its 1%
/// line and its entries: canonical name, match kind, position, place relative to the 1% line,
/// classes and the keys of the flags present. No CosIng functions, sources or sentences: those
/// are in the full record ([`BatchRecord`]).
#[derive(Serialize)]
pub struct LeanRecord<'a> {
    /// The input line's id, as given.
    pub id: &'a serde_json::Value,
    /// The product's name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// The brand, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<&'a str>,
    /// The routine step of the (first) product.
    pub category: Option<Step>,
    /// Its flags, lean.
    #[serde(skip_serializing_if = "Option::is_none")]
    flags: Option<LeanFlags<'a>>,
    /// Each list with its product's step, in order.
    products: LeanLists<'a>,
}

impl<'a> LeanRecord<'a> {
    /// The lean record of one input line.
    pub fn new(
        id: &'a serde_json::Value,
        name: Option<&'a str>,
        brand: Option<&'a str>,
        report: &'a Report,
    ) -> LeanRecord<'a> {
        let first = report.understanding.first();
        LeanRecord {
            id,
            name,
            brand,
            category: first.map(|p| p.step),
            flags: first.map(|p| LeanFlags::of(&p.flags)),
            products: LeanLists(report),
        }
    }
}

/// A product's flags in the lean record: [`ProductFlags`] without the EU compliance sentences
/// (the entries' `prohibited` and `restricted` keys say the same per ingredient), empty lists
/// left out.
#[derive(Serialize)]
struct LeanFlags<'a> {
    fragrance_free: bool,
    essential_oil_free: bool,
    drying_alcohol_free: bool,
    coverage: Coverage,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    eu_allergens: &'a [&'static str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fungal_acne_triggers: &'a [&'static str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    comedogenic: &'a [Comedogenic],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pregnancy_caution: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    phototoxic: &'a [&'static str],
    seven_skin: bool,
}

impl<'a> LeanFlags<'a> {
    fn of(flags: &'a ProductFlags) -> LeanFlags<'a> {
        LeanFlags {
            fragrance_free: flags.fragrance_free,
            essential_oil_free: flags.essential_oil_free,
            drying_alcohol_free: flags.drying_alcohol_free,
            coverage: flags.coverage,
            eu_allergens: &flags.eu_allergens,
            fungal_acne_triggers: &flags.fungal_acne_triggers,
            comedogenic: &flags.comedogenic,
            pregnancy_caution: &flags.pregnancy_caution,
            phototoxic: &flags.phototoxic,
            seven_skin: flags.seven_skin,
        }
    }
}

/// The lists of a report, each with its product's step.
struct LeanLists<'a>(&'a Report);

impl Serialize for LeanLists<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let report = self.0;
        let mut seq = s.serialize_seq(Some(report.analysis.products.len()))?;
        for (n, list) in report.analysis.products.iter().enumerate() {
            seq.serialize_element(&LeanList::of(list, report.understanding.get(n)))?;
        }
        seq.end()
    }
}

/// One list in the lean record.
#[derive(Serialize)]
struct LeanList<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    step: Option<Step>,
    one_percent_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alphabetical_from: Option<usize>,
    entries: LeanEntries<'a>,
}

impl<'a> LeanList<'a> {
    fn of(list: &'a ProductList, product: Option<&'a Product>) -> LeanList<'a> {
        LeanList {
            title: list.title.as_deref(),
            step: product.map(|p| p.step),
            one_percent_line: list.one_percent_line,
            alphabetical_from: list.alphabetical_from,
            entries: LeanEntries(&list.entries),
        }
    }
}

struct LeanEntries<'a>(&'a [Entry]);

impl Serialize for LeanEntries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(LeanEntry::of))
    }
}

/// One entry in the lean record.
#[derive(Serialize)]
struct LeanEntry<'a> {
    position: usize,
    inci: Option<&'static str>,
    /// The text as written, only for an entry not recognised or read from its Korean name.
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<&'a str>,
    matched: Match,
    #[serde(skip_serializing_if = "Option::is_none")]
    percent: Option<f32>,
    one_percent: OnePercent,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    may_contain: bool,
    #[serde(skip_serializing_if = "no_class")]
    classes: ClassSet,
    #[serde(skip_serializing_if = "FlagKeys::is_empty")]
    flags: FlagKeys,
}

impl<'a> LeanEntry<'a> {
    fn of(entry: &'a Entry) -> LeanEntry<'a> {
        let inci = entry.inci();
        LeanEntry {
            position: entry.position,
            inci,
            raw: (inci.is_none() || matches!(entry.matched, Match::Korean | Match::KoreanRules))
                .then_some(&*entry.raw),
            matched: entry.matched,
            percent: entry.percent,
            one_percent: entry.one_percent,
            may_contain: entry.may_contain,
            classes: entry.classes(),
            flags: FlagKeys::of(entry),
        }
    }
}

fn no_class(classes: &ClassSet) -> bool {
    classes.is_empty()
}

/// The keys of an entry's flags that are present, in the full record's order.
#[derive(Clone, Copy)]
struct FlagKeys(u8);

impl FlagKeys {
    const NAMES: [&'static str; 6] = [
        "eu_allergen",
        "prohibited",
        "restricted",
        "fungal_acne",
        "comedogenic",
        "uv_filter",
    ];

    fn of(entry: &Entry) -> FlagKeys {
        if entry.ingredient.is_none() {
            return FlagKeys(0);
        }
        let f = entry.flags();
        let present = [
            f.eu_allergen.is_some(),
            f.prohibited.is_some(),
            f.restricted.is_some(),
            f.fungal_acne.is_some(),
            f.comedogenic.is_some(),
            f.uv_filter.is_some(),
        ];
        FlagKeys(
            present
                .iter()
                .enumerate()
                .fold(0, |bits, (n, &on)| bits | (u8::from(on) << n)),
        )
    }

    fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

impl Serialize for FlagKeys {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.count_ones() as usize))?;
        for (n, name) in Self::NAMES.iter().enumerate() {
            if self.0 & (1 << n) != 0 {
                seq.serialize_element(name)?;
            }
        }
        seq.end()
    }
}
