//! What an analysis says of each ingredient entry: how its name was recognised, where it sits
//! relative to the 1% line, and the knowledge base's flags, read from its record when asked.

use compact_str::CompactString;
use serde::Serialize;

use crate::kb::{
    Allergen, Annex, AnnexEntry, ClassSet, Functions, FungalAcneTrigger, Ingredient, NameKind,
    Rating, Resolved, Summary, UvSpectrum,
};

use super::clean::Cleaned;
use crate::key::has_hangul;

/// How an entry's name was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// The text is the INCI name.
    Exact,
    /// The text is a known synonym, label variant or common name.
    Synonym,
    /// The text is a near miss of a known name; see the entry's score.
    Fuzzy,
    /// The text is a Korean name in the knowledge base's table of Korean names.
    Korean,
    /// The text is a Korean name the table lacks, read by the Korean naming rules; see the
    /// entry's score for the confidence.
    KoreanRules,
    /// Not recognised.
    Unknown,
}

impl From<NameKind> for Match {
    fn from(kind: NameKind) -> Match {
        match kind {
            NameKind::Inci => Match::Exact,
            NameKind::Synonym => Match::Synonym,
        }
    }
}

impl Match {
    /// How `text` was matched when it names a known name of `kind`: a synonym written in Hangul
    /// is a Korean name of the table.
    #[inline]
    pub(super) fn of(kind: NameKind, text: &str) -> Match {
        match kind {
            NameKind::Synonym if has_hangul(text) => Match::Korean,
            kind => Match::from(kind),
        }
    }
}

/// Where an entry likely sits relative to the 1% line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnePercent {
    /// Listed before the first ingredient normally used below 1% or declared below it (or
    /// itself declared at 1% or more).
    Above,
    /// Listed at or after it (or itself declared below 1%).
    Below,
    /// The label gives nothing to estimate from.
    Unknown,
}

/// The flags that matter to a person, taken from the knowledge base.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Flags {
    /// A labelled EU fragrance allergen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu_allergen: Option<&'static Allergen>,
    /// Prohibited in EU cosmetics (Annex II).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prohibited: Option<AnnexEntry>,
    /// Allowed only under restrictions (Annex III).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restricted: Option<AnnexEntry>,
    /// Commonly listed as a fungal-acne trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fungal_acne: Option<&'static FungalAcneTrigger>,
    /// A published comedogenic rating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comedogenic: Option<&'static Rating>,
    /// UV filter spectrum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_filter: Option<&'static UvSpectrum>,
}

impl Flags {
    /// The flags of an ingredient as a label names it, as a nanomaterial or not.
    fn of(ingredient: Ingredient, nano: bool) -> Flags {
        Flags {
            eu_allergen: ingredient.allergen(),
            prohibited: ingredient.annex_for(Annex::II, nano),
            restricted: ingredient.annex_for(Annex::III, nano),
            fungal_acne: ingredient.fungal_acne(),
            comedogenic: ingredient.rating(),
            uv_filter: ingredient.uv(),
        }
    }
}

/// One ingredient entry of a list. What the knowledge base says of its ingredient (INCI name,
/// classes, form, functions, flags) is read from the record it points at, when asked: the
/// analysis touches no record, and an entry keeps only an 8-byte summary of one.
#[derive(Clone, Debug)]
pub struct Entry {
    /// 1-based position in its list.
    pub position: usize,
    /// The text as written on the label (trimmed).
    pub raw: CompactString,
    /// How the name was recognised.
    pub matched: Match,
    /// Similarity of a fuzzy match, 0..=1.
    pub score: Option<f32>,
    /// A percentage printed with the name ("Niacinamide 10%").
    pub percent: Option<f32>,
    /// Where it likely sits relative to the 1% line.
    pub one_percent: OnePercent,
    /// Listed under "may contain" / "+/-".
    pub may_contain: bool,
    /// Marked as a nanomaterial (`[nano]`).
    pub nano: bool,
    /// The footnote its asterisk or dagger points at ("organic").
    pub note: Option<String>,
    /// The knowledge-base record, when recognised.
    pub ingredient: Option<Ingredient>,
    /// The ingredient's classes, traits, flags and 1% mark, from the knowledge base's small
    /// table: what the analysis and product understanding read of every entry.
    pub(crate) summary: Summary,
}

impl Entry {
    /// The canonical INCI name, when recognised.
    pub fn inci(&self) -> Option<&'static str> {
        self.ingredient.map(|i| i.inci())
    }

    /// Routine classes.
    pub fn classes(&self) -> ClassSet {
        self.ingredient.map_or(ClassSet::EMPTY, |i| i.classes())
    }

    /// The specific form of an active (retinoid, vitamin C).
    pub fn form(&self) -> Option<&'static str> {
        self.ingredient.and_then(|i| i.form())
    }

    /// CosIng functions.
    pub fn functions(&self) -> Functions {
        self.ingredient.map_or(Functions::NONE, |i| i.functions())
    }

    /// Flags for people.
    pub fn flags(&self) -> Flags {
        self.ingredient
            .map_or_else(Flags::default, |i| Flags::of(i, self.nano))
    }

    /// Its ingredient's entry in an annex that applies to the form the label names: a nano-only
    /// entry only when the item says "nano" ([`Ingredient::annex_for`]).
    pub fn annex(&self, annex: Annex) -> Option<AnnexEntry> {
        self.ingredient.and_then(|i| i.annex_for(annex, self.nano))
    }

    /// The entry of item `raw`, cleaned to `cleaned`, naming `found` (matched as `found` says).
    #[inline(always)]
    pub(super) fn new(
        position: usize,
        raw: &str,
        cleaned: &Cleaned<'_>,
        may_contain: bool,
        found: Option<Resolved>,
    ) -> Entry {
        Entry {
            position,
            raw: CompactString::new(raw),
            matched: found.map_or(Match::Unknown, |r| Match::of(r.kind, raw)),
            score: None,
            percent: cleaned.percent,
            one_percent: OnePercent::Unknown,
            may_contain,
            nano: cleaned.nano,
            note: (!cleaned.marker.is_empty()).then(|| cleaned.marker.to_owned()),
            ingredient: found.map(|r| r.ingredient),
            summary: found.map(|r| r.summary).unwrap_or_default(),
        }
    }

    /// Points the entry at another ingredient, or at none.
    pub(super) fn set_ingredient(
        &mut self,
        found: Option<Resolved>,
        matched: Match,
        score: Option<f32>,
    ) {
        self.ingredient = found.map(|r| r.ingredient);
        self.summary = found.map(|r| r.summary).unwrap_or_default();
        self.matched = matched;
        self.score = score;
    }
}

/// An entry as JSON: its own fields and what the knowledge base says of its ingredient.
#[derive(Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
struct EntryJson<'e> {
    /// Its place in the list, from 1.
    position: usize,
    /// The text as the label has it.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    raw: &'e str,
    /// The canonical INCI name; `null` when not recognised.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    inci: Option<&'static str>,
    /// How the name was recognised.
    matched: Match,
    /// The similarity of a fuzzy match.
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
    /// A percentage the label declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    percent: Option<f32>,
    /// Where it likely sits relative to the 1% line.
    one_percent: OnePercent,
    /// Listed under "may contain".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    may_contain: bool,
    /// Named as a nanomaterial.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    nano: bool,
    /// A footnote or remark attached to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    note: Option<&'e str>,
    /// The routine classes it belongs to (`aha`, `retinoid`, `humectant`, ...).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    classes: ClassSet,
    /// Its specific form (retinoids, vitamin C, acids).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    form: Option<&'static str>,
    /// What it does (CosIng functions).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    functions: Functions,
    /// EU allergen, prohibited, restricted, fungal-acne trigger, comedogenic rating, UV filter:
    /// each present only when it applies (see docs/json.md).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    flags: Flags,
}

/// An entry's OpenAPI schema is that of its JSON.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Entry {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <EntryJson<'static> as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Entry {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Entry")
    }

    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        <EntryJson<'static> as utoipa::ToSchema>::schemas(schemas);
    }
}

impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EntryJson {
            position: self.position,
            raw: &self.raw,
            inci: self.inci(),
            matched: self.matched,
            score: self.score,
            percent: self.percent,
            one_percent: self.one_percent,
            may_contain: self.may_contain,
            nano: self.nano,
            note: self.note.as_deref(),
            classes: self.classes(),
            form: self.form(),
            functions: self.functions(),
            flags: self.flags(),
        }
        .serialize(serializer)
    }
}
