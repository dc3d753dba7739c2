//! The ingredient knowledge base: its types and name lookup.
//!
//! The data itself is compiled into `glasskin-kb`; this module only knows its shape, so the core
//! stays free of files and build steps.
//!
//! Its layout follows what a label's analysis reads. The ingredients' [`Record`]s are too many to
//! stay in the cache, so what is read of every entry of a list (classes, traits, whether
//! anything flags it, whether it marks the 1% line) is copied at build time into an 8-byte
//! [`Summary`] per ingredient, in a table of its own that does; a lookup copies it into the
//! entry, and only the few entries that need more read their record. Names are found through
//! [`name_table`], a hash table laid out so that a lookup reads one slot; squashed and fuzzy
//! lookup work over [`KnowledgeBase::sorted_keys`] and the dense arrays beside it.
//!
//! The records, the keys and the tables beside them hold offsets and indices rather than
//! pointers (see [`Str`]), so loading the binary fixes up none of them.

use serde::{Serialize, Serializer};

mod claim_groups;
mod lookup;
pub mod name_table;
pub mod rules;
mod text;
mod traits;

pub use claim_groups::ClaimGroup;
pub use lookup::Resolved;
pub use name_table::NameTable;
pub use text::{Index, Str, Strs};
pub use traits::Traits;

/// How strong the evidence behind a source is (docs/domain.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Grade {
    /// Randomised trials or a systematic review.
    A,
    /// A clinical or laboratory study.
    B,
    /// Guidance from a professional body or regulator, or broad expert consensus.
    C,
    /// Manufacturer guidance or anecdote.
    D,
    /// A popular claim the evidence contradicts.
    M,
}

/// A citation behind a fact in the knowledge base.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// Short stable key, e.g. `fulton-1989`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: &'static str,
    /// Authors or body, title, year, venue.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub citation: &'static str,
    /// Evidence grade.
    pub grade: Grade,
    /// DOI, PMID or URL, when known.
    #[serde(skip_serializing_if = "str::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub url: &'static str,
}

macro_rules! classes {
    ($($variant:ident = $id:literal, $label:literal;)*) => {
        /// The closed vocabulary of ingredient classes a routine engine reasons with.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum Class { $($variant),* }

        impl Class {
            /// Every class, in declaration order.
            pub const ALL: &'static [Class] = &[$(Class::$variant),*];

            /// The stable snake_case id used in data files and JSON.
            pub fn id(self) -> &'static str {
                match self { $(Class::$variant => $id),* }
            }

            /// A short name for people.
            pub fn label(self) -> &'static str {
                match self { $(Class::$variant => $label),* }
            }

            /// The class with this id.
            pub fn from_id(id: &str) -> Option<Class> {
                match id { $($id => Some(Class::$variant),)* _ => None }
            }
        }
    };
}

classes! {
    Aha = "aha", "AHA exfoliant";
    Bha = "bha", "BHA exfoliant";
    Pha = "pha", "PHA exfoliant";
    EnzymeExfoliant = "enzyme_exfoliant", "enzyme exfoliant";
    PhysicalExfoliant = "physical_exfoliant", "physical exfoliant";
    Retinoid = "retinoid", "retinoid";
    VitaminC = "vitamin_c", "vitamin C";
    Niacinamide = "niacinamide", "niacinamide";
    BenzoylPeroxide = "benzoyl_peroxide", "benzoyl peroxide";
    AzelaicAcid = "azelaic_acid", "azelaic acid";
    Hydroquinone = "hydroquinone", "hydroquinone";
    CopperPeptide = "copper_peptide", "copper peptide";
    Humectant = "humectant", "humectant";
    Emollient = "emollient", "emollient";
    Occlusive = "occlusive", "occlusive";
    PlantOil = "plant_oil", "plant oil";
    Ester = "ester", "ester";
    FattyAlcohol = "fatty_alcohol", "fatty alcohol";
    DryingAlcohol = "drying_alcohol", "drying alcohol";
    HarshSurfactant = "harsh_surfactant", "harsh surfactant";
    MildSurfactant = "mild_surfactant", "mild surfactant";
    OilCleanserEmulsifier = "oil_cleanser_emulsifier", "oil-cleanser emulsifier";
    Antioxidant = "antioxidant", "antioxidant";
    Vitamin = "vitamin", "vitamin";
    Mineral = "mineral", "mineral";
    SoothingAgent = "soothing_agent", "soothing agent";
    Ferment = "ferment", "ferment";
    Fragrance = "fragrance", "fragrance";
    FragranceComponent = "fragrance_component", "essential oil or fragrance component";
    Phototoxic = "phototoxic", "phototoxic in sunlight";
    UvFilter = "uv_filter", "UV filter";
    Preservative = "preservative", "preservative";
    Silicone = "silicone", "silicone";
}

impl Serialize for Class {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A set of [`Class`]es, as a bit set.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ClassSet(u64);

impl ClassSet {
    /// The empty set.
    pub const EMPTY: ClassSet = ClassSet(0);

    /// A set from its raw bits (as generated by `glasskin-kb`).
    pub const fn from_bits(bits: u64) -> ClassSet {
        ClassSet(bits)
    }

    /// The raw bits.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The set of the given classes, usable in constants.
    pub const fn of(classes: &[Class]) -> ClassSet {
        let mut bits = 0;
        let mut n = 0;
        while n < classes.len() {
            bits |= 1 << classes[n] as u32;
            n += 1;
        }
        ClassSet(bits)
    }

    /// The classes in either set.
    pub const fn union(self, other: ClassSet) -> ClassSet {
        ClassSet(self.0 | other.0)
    }

    /// Whether the sets share a class.
    pub const fn intersects(self, other: ClassSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Adds a class.
    pub fn insert(&mut self, class: Class) {
        self.0 |= 1 << class as u32;
    }

    /// Whether the set holds `class`.
    pub fn contains(self, class: Class) -> bool {
        self.0 & (1 << class as u32) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The classes in the set, in vocabulary order.
    pub fn iter(self) -> impl Iterator<Item = Class> {
        Class::ALL
            .iter()
            .copied()
            .filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Class> for ClassSet {
    fn from_iter<I: IntoIterator<Item = Class>>(iter: I) -> Self {
        let mut set = ClassSet::EMPTY;
        for class in iter {
            set.insert(class);
        }
        set
    }
}

impl std::fmt::Debug for ClassSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for ClassSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// An annex of the EU Cosmetics Regulation (EC) No 1223/2009.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Annex {
    /// Prohibited substances.
    II,
    /// Substances allowed only under restrictions.
    III,
    /// Allowed colourants.
    IV,
    /// Allowed preservatives.
    V,
    /// Allowed UV filters.
    VI,
}

/// An entry of one of the EU annexes, as the build lays it out: its texts as offsets into the
/// knowledge base's text. Read it through [`AnnexEntry`].
#[derive(Debug)]
pub struct AnnexRecord {
    /// Which annex.
    pub annex: Annex,
    /// See [`AnnexEntry::bans_only_some`].
    pub only_some: bool,
    /// See [`AnnexEntry::nano_only`].
    pub nano_only: bool,
    /// See [`AnnexEntry::reference`].
    pub reference: Str,
    /// See [`AnnexEntry::substance`].
    pub substance: Str,
    /// See [`AnnexEntry::product_type`].
    pub product_type: Str,
    /// See [`AnnexEntry::max_concentration`].
    pub max_concentration: Str,
    /// See [`AnnexEntry::conditions`].
    pub conditions: Str,
}

/// An ingredient's entry in one of the EU annexes.
#[derive(Clone, Copy)]
pub struct AnnexEntry {
    record: &'static AnnexRecord,
    text: &'static str,
}

impl AnnexEntry {
    /// The entry of a record whose texts are in `text`.
    pub fn new(record: &'static AnnexRecord, text: &'static str) -> AnnexEntry {
        AnnexEntry { record, text }
    }

    /// Which annex.
    pub fn annex(self) -> Annex {
        self.record.annex
    }

    /// The entry's reference number, e.g. `45` or `2a`.
    pub fn reference(self) -> &'static str {
        self.record.reference.of(self.text)
    }

    /// The annex's name for the substance.
    pub fn substance(self) -> &'static str {
        self.record.substance.of(self.text)
    }

    /// Product types or body parts the entry applies to; may be empty.
    pub fn product_type(self) -> &'static str {
        self.record.product_type.of(self.text)
    }

    /// Maximum concentration in the ready-for-use product; may be empty.
    pub fn max_concentration(self) -> &'static str {
        self.record.max_concentration.of(self.text)
    }

    /// Other conditions, and the required label warnings; may be empty.
    pub fn conditions(self) -> &'static str {
        self.record.conditions.of(self.text)
    }

    /// Whether an Annex II entry bans the substance only in some grades or uses: "Petrolatum,
    /// except if the full refining history is known…", "…when used as a fragrance ingredient".
    /// A label cannot show whether a product breaks such a ban. The build reads it from
    /// `substance` once ([`names_a_condition`]), where each product that lists petrolatum would
    /// search its text.
    pub fn bans_only_some(self) -> bool {
        self.record.only_some
    }

    /// Whether the entry concerns only the nanomaterial form ("Colloidal Gold (nano)", Annex II
    /// 1728): it applies to a label's item only when the item says "nano", as EU labels must
    /// (Regulation (EC) No 1223/2009, Art. 19(1)(g)). The build reads it from the annex's names.
    pub fn nano_only(self) -> bool {
        self.record.nano_only
    }
}

/// An annex entry as JSON, in the order of the fields it had when it held its texts itself.
#[derive(Serialize)]
struct AnnexEntryJson {
    annex: Annex,
    reference: &'static str,
    substance: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    product_type: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    max_concentration: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    conditions: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    nano_only: bool,
}

impl Serialize for AnnexEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        AnnexEntryJson {
            annex: self.annex(),
            reference: self.reference(),
            substance: self.substance(),
            product_type: self.product_type(),
            max_concentration: self.max_concentration(),
            conditions: self.conditions(),
            nano_only: self.nano_only(),
        }
        .serialize(s)
    }
}

impl std::fmt::Debug for AnnexEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnnexEntry")
            .field("annex", &self.annex())
            .field("reference", &self.reference())
            .field("substance", &self.substance())
            .finish_non_exhaustive()
    }
}

/// Whether an annex's text for a substance names a condition ("except", "when used", …): the
/// entry then bans or restricts only some grades or uses of it.
pub fn names_a_condition(substance: &str) -> bool {
    const CONDITIONS: [&str; 5] = ["except", "when used", "unless", "other than", "provided"];
    let substance = substance.to_ascii_lowercase();
    CONDITIONS.iter().any(|c| substance.contains(c))
}

/// An EU fragrance allergen that must be labelled above 0.001% (leave-on) or 0.01% (rinse-off).
#[derive(Debug, Serialize)]
pub struct Allergen {
    /// Annex III reference number.
    pub annex_iii: &'static str,
    /// One of the 26 allergens labelled since 2003 (the rest were added in 2023).
    pub classic_26: bool,
}

/// Which part of the UV spectrum a filter covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UvaCoverage {
    /// No UVA protection.
    None,
    /// UVA2 only (320–340 nm).
    Short,
    /// Reaches UVA1 (340–400 nm).
    Long,
}

/// The spectrum of a UV filter.
#[derive(Debug, Serialize)]
pub struct UvSpectrum {
    /// Covers UVB (290–320 nm).
    pub uvb: bool,
    /// How far into UVA it reaches.
    pub uva: UvaCoverage,
    /// Where the spectrum comes from.
    pub source: &'static Source,
}

/// A comedogenic (and irritancy) rating: a screening hint, never a verdict.
#[derive(Debug, Serialize)]
pub struct Rating {
    /// 0 (none) to 5 (severe), from assays on undiluted materials.
    pub comedogenic: u8,
    /// 0 to 5, where the source gives it.
    pub irritancy: Option<u8>,
    /// Where the numbers come from.
    pub source: &'static Source,
}

/// The caveat shown with every comedogenic rating (docs/domain.md).
pub const COMEDOGENIC_CAVEAT: &str = "Comedogenic ratings come largely from rabbit-ear assays on \
    undiluted materials; concentration in a finished product changes the result a lot. A screening \
    hint, not a verdict.";

/// The caveat shown with every fungal-acne flag (docs/domain.md).
pub const FUNGAL_ACNE_CAVEAT: &str = "Fungal-acne (Malassezia folliculitis) trigger lists are \
    anecdotal and disputed; rinse-off exposure and concentration matter.";

/// Why an ingredient is listed as a fungal-acne trigger.
#[derive(Debug, Serialize)]
pub struct FungalAcneTrigger {
    /// The list's category, e.g. `fatty acids`, `lipids`, `polysorbates`.
    pub category: &'static str,
    /// Where the listing comes from.
    pub source: &'static Source,
}

/// One ingredient's record, as the build lays it out: its facts as offsets into the knowledge
/// base's text and indices into its small tables ([`Tables`]), so that the 30,000 records hold
/// no pointer for the loader to fix up at start-up. Read it through [`Ingredient`].
///
/// A record is one cache line: product understanding reads some of every entry's record
/// (classes, traits, name, form, rating, annexes, allergen, fungal-acne listing), and the
/// records, 1.9 MB in all, are more than the processor's cache.
#[derive(Debug)]
#[repr(C, align(64))]
pub struct Record {
    /// The routine classes it belongs to.
    pub classes: ClassSet,
    /// What product understanding needs to know about it (worked out at build time).
    pub traits: Traits,
    /// Its source, in [`Tables::sources`].
    pub source: u16,
    /// Its list of CosIng functions, in [`Tables::function_starts`].
    pub functions: u16,
    /// The canonical INCI name.
    pub inci: Str,
    /// The specific form where a class has several; empty for none.
    pub form: Str,
    /// CAS number(s); may be empty.
    pub cas: Str,
    /// EC number(s); may be empty.
    pub ec: Str,
    /// Its annex entries: where they start in [`Tables::annex_links`], and how many.
    pub annexes: (u16, u16),
    /// In [`Tables::ratings`].
    pub rating: Index,
    /// In [`Tables::allergens`].
    pub allergen: Index,
    /// In [`Tables::fungal_acne`].
    pub fungal_acne: Index,
    /// In [`Tables::uv`].
    pub uv: Index,
    /// The source saying it is normally used below 1%, in [`Tables::sources`].
    pub usually_below_one_percent: Index,
}

/// What ingredient records point into, by offset or index.
#[derive(Debug)]
pub struct Tables {
    /// The text of every record's strings.
    pub text: &'static str,
    /// Every source cited.
    pub sources: &'static [Source],
    /// Each distinct list of CosIng functions in turn, as indices into `function_names`.
    pub function_ids: &'static [u8],
    /// Where each list starts in `function_ids`, and at the end its length.
    pub function_starts: &'static [u16],
    /// Every CosIng function.
    pub function_names: &'static [&'static str],
    /// Every annex entry.
    pub annex_entries: &'static [AnnexRecord],
    /// Each record's annex entries in turn, as indices into `annex_entries`.
    pub annex_links: &'static [u16],
    /// The comedogenic ratings.
    pub ratings: &'static [Rating],
    /// The EU fragrance allergens.
    pub allergens: &'static [Allergen],
    /// The fungal-acne listings.
    pub fungal_acne: &'static [FungalAcneTrigger],
    /// The UV filters' spectra.
    pub uv: &'static [UvSpectrum],
}

/// One ingredient of the knowledge base: its record and the tables the record indexes.
#[derive(Clone, Copy)]
pub struct Ingredient {
    record: &'static Record,
    tables: &'static Tables,
}

impl PartialEq for Ingredient {
    /// The same record.
    fn eq(&self, other: &Ingredient) -> bool {
        std::ptr::eq(self.record, other.record)
    }
}

impl Eq for Ingredient {}

impl Ingredient {
    /// The ingredient of a record in a knowledge base with these tables.
    pub fn new(record: &'static Record, tables: &'static Tables) -> Ingredient {
        Ingredient { record, tables }
    }

    /// Its record.
    pub fn record(self) -> &'static Record {
        self.record
    }

    /// The routine classes it belongs to.
    #[inline]
    pub fn classes(self) -> ClassSet {
        self.record.classes
    }

    /// What product understanding needs to know about it.
    #[inline]
    pub fn traits(self) -> Traits {
        self.record.traits
    }

    /// The canonical INCI name, as CosIng writes it.
    #[inline]
    pub fn inci(self) -> &'static str {
        self.record.inci.of(self.tables.text)
    }

    /// The specific form where a class has several (e.g. retinoid: `retinyl ester`).
    pub fn form(self) -> Option<&'static str> {
        (self.record.form.len != 0).then(|| self.record.form.of(self.tables.text))
    }

    /// CAS number(s), as CosIng gives them; empty when none.
    pub fn cas(self) -> &'static str {
        self.record.cas.of(self.tables.text)
    }

    /// EC number(s); empty when none.
    pub fn ec(self) -> &'static str {
        self.record.ec.of(self.tables.text)
    }

    /// CosIng functions, e.g. `HUMECTANT`.
    pub fn functions(self) -> Functions {
        let (starts, list) = (self.tables.function_starts, self.record.functions as usize);
        Functions {
            ids: &self.tables.function_ids[starts[list] as usize..starts[list + 1] as usize],
            names: self.tables.function_names,
        }
    }

    /// Its entries in the EU annexes.
    pub fn annexes(self) -> impl Iterator<Item = AnnexEntry> + Clone {
        let (at, len) = (
            self.record.annexes.0 as usize,
            self.record.annexes.1 as usize,
        );
        let Tables {
            annex_entries,
            text,
            ..
        } = *self.tables;
        self.tables.annex_links[at..at + len]
            .iter()
            .map(move |&i| AnnexEntry::new(&annex_entries[i as usize], text))
    }

    /// Set when a published source rates it.
    pub fn rating(self) -> Option<&'static Rating> {
        Some(&self.tables.ratings[self.record.rating.get()?])
    }

    /// Set when it is a labelled EU fragrance allergen.
    pub fn allergen(self) -> Option<&'static Allergen> {
        Some(&self.tables.allergens[self.record.allergen.get()?])
    }

    /// Set when commonly listed as a fungal-acne trigger.
    pub fn fungal_acne(self) -> Option<&'static FungalAcneTrigger> {
        Some(&self.tables.fungal_acne[self.record.fungal_acne.get()?])
    }

    /// Set for UV filters whose spectrum is known.
    pub fn uv(self) -> Option<&'static UvSpectrum> {
        Some(&self.tables.uv[self.record.uv.get()?])
    }

    /// Set, with the source, when the ingredient is normally used below 1% (hyaluronic acid,
    /// gums, peptides): its place in a list helps find the 1% line.
    pub fn usually_below_one_percent(self) -> Option<&'static Source> {
        Some(&self.tables.sources[self.record.usually_below_one_percent.get()?])
    }

    /// Where the ingredient itself comes from (CosIng, or the overlay for drugs CosIng lacks).
    pub fn source(self) -> &'static Source {
        &self.tables.sources[self.record.source as usize]
    }

    /// Whether it is in a class.
    pub fn is(self, class: Class) -> bool {
        self.record.classes.contains(class)
    }

    /// Whether it is in any of the classes.
    pub fn is_any(self, classes: ClassSet) -> bool {
        self.record.classes.intersects(classes)
    }

    /// Its entry in an annex that applies to its ordinary (not nano) form, if any: an entry for
    /// the nanomaterial alone says nothing of the rest ([`AnnexEntry::nano_only`]).
    pub fn annex(self, annex: Annex) -> Option<AnnexEntry> {
        self.annex_for(annex, false)
    }

    /// Its entry in an annex that applies to the form a label names: for a nanomaterial, its
    /// nano entry first ("Zinc oxide (nano)", Annex VI 30a), else one for the substance in any
    /// form; for the ordinary form, never a nano entry.
    pub fn annex_for(self, annex: Annex, nano: bool) -> Option<AnnexEntry> {
        let mut of_annex = self.annexes().filter(|e| e.annex() == annex);
        if nano {
            let first = of_annex.clone().next();
            of_annex.find(|e| e.nano_only()).or(first)
        } else {
            of_annex.find(|e| !e.nano_only())
        }
    }

    /// Whether it is normally used below 1%, so that its position estimates the 1% line
    /// (docs/domain.md). See [`marks_one_percent_line`].
    pub fn marks_one_percent_line(self) -> bool {
        marks_one_percent_line(
            self.classes(),
            self.usually_below_one_percent().is_some(),
            self.allergen().is_some(),
            self.annexes().map(|e| e.annex()),
            self.functions().iter(),
        )
    }
}

impl std::fmt::Debug for Ingredient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Ingredient").field(&self.inci()).finish()
    }
}

/// An ingredient as JSON, its fields in the order the record had when it held them itself.
#[derive(Serialize)]
struct IngredientJson {
    classes: ClassSet,
    traits: Traits,
    inci: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<&'static Rating>,
    annexes: Vec<AnnexEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allergen: Option<&'static Allergen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fungal_acne: Option<&'static FungalAcneTrigger>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uv: Option<&'static UvSpectrum>,
    functions: Functions,
    #[serde(skip_serializing_if = "Option::is_none")]
    usually_below_one_percent: Option<&'static Source>,
    source: &'static Source,
    #[serde(skip_serializing_if = "str::is_empty")]
    cas: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    ec: &'static str,
}

impl Serialize for Ingredient {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        IngredientJson {
            classes: self.classes(),
            traits: self.traits(),
            inci: self.inci(),
            form: self.form(),
            rating: self.rating(),
            annexes: self.annexes().collect(),
            allergen: self.allergen(),
            fungal_acne: self.fungal_acne(),
            uv: self.uv(),
            functions: self.functions(),
            usually_below_one_percent: self.usually_below_one_percent(),
            source: self.source(),
            cas: self.cas(),
            ec: self.ec(),
        }
        .serialize(s)
    }
}

/// An ingredient's CosIng functions, in CosIng's order.
#[derive(Clone, Copy)]
pub struct Functions {
    ids: &'static [u8],
    names: &'static [&'static str],
}

impl Functions {
    /// No functions.
    pub const NONE: Functions = Functions {
        ids: &[],
        names: &[],
    };

    /// The functions' names.
    pub fn iter(self) -> impl ExactSizeIterator<Item = &'static str> + Clone {
        let names = self.names;
        self.ids.iter().map(move |&i| names[i as usize])
    }

    /// Whether it has this function.
    pub fn contains(self, function: &str) -> bool {
        self.iter().any(|f| f == function)
    }

    /// How many.
    pub fn len(self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(self) -> bool {
        self.ids.is_empty()
    }
}

impl std::fmt::Debug for Functions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Functions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Whether an ingredient is normally used below 1%, so that its position estimates the 1% line
/// (docs/domain.md): the ingredients a source says so of (`sourced_below`, retinoids among
/// them), and preservatives, fragrance and its allergens (`allergen`), chelators and colourants,
/// but not actives or UV filters that share those functions. The build works this out for every
/// ingredient ([`Summary::marks_one_percent_line`]).
pub fn marks_one_percent_line<'a>(
    classes: ClassSet,
    sourced_below: bool,
    allergen: bool,
    mut annexes: impl Iterator<Item = Annex>,
    mut functions: impl Iterator<Item = &'a str>,
) -> bool {
    const ACTIVES: ClassSet = ClassSet::of(&[
        Class::Aha,
        Class::Bha,
        Class::Pha,
        Class::UvFilter,
        Class::Retinoid,
        Class::VitaminC,
        Class::AzelaicAcid,
        Class::BenzoylPeroxide,
    ]);
    // A source on the ingredient itself outweighs what its class says of the rest: retinol is an
    // active used at 0.3% or less.
    if sourced_below {
        return true;
    }
    if classes.intersects(ACTIVES) {
        return false;
    }
    allergen
        || classes.contains(Class::Preservative)
        || classes.contains(Class::Fragrance)
        || functions.any(|f| f == "CHELATING")
        || annexes.any(|a| matches!(a, Annex::IV | Annex::V))
}

/// What is read of every entry of a list, copied from an ingredient's record at build time: its
/// classes (bits 0 to 35), its traits (36 to 55), whether it carries any flag (an EU allergen, a
/// fungal-acne listing, a comedogenic rating or an annex entry) and whether it marks the 1%
/// line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary(u64);

// The classes and the traits fit their bits of a summary.
const _: () = assert!(Class::ALL.len() <= 36);
const _: () = assert!(Traits::ALL_BITS < 1 << 20);

impl Summary {
    const FLAGGED: u64 = 1 << 56;
    const MARKS_LINE: u64 = 1 << 57;
    const CLASS_BITS: u64 = (1 << 36) - 1;
    const TRAITS_AT: u32 = 36;
    const TRAIT_BITS: u32 = (1 << 20) - 1;

    /// The summary of an ingredient with these classes and traits, flagged or not, marking the
    /// 1% line or not.
    pub const fn new(
        classes: ClassSet,
        traits: Traits,
        flagged: bool,
        marks_one_percent_line: bool,
    ) -> Summary {
        Summary(
            (classes.bits() & Self::CLASS_BITS)
                | ((traits.bits() & Self::TRAIT_BITS) as u64) << Self::TRAITS_AT
                | if flagged { Self::FLAGGED } else { 0 }
                | if marks_one_percent_line {
                    Self::MARKS_LINE
                } else {
                    0
                },
        )
    }

    /// The summary of a record.
    pub fn of(ingredient: Ingredient) -> Summary {
        let flagged = ingredient.allergen().is_some()
            || ingredient.fungal_acne().is_some()
            || ingredient.rating().is_some()
            || ingredient.annexes().next().is_some();
        Summary::new(
            ingredient.classes(),
            ingredient.traits(),
            flagged,
            ingredient.marks_one_percent_line(),
        )
    }

    /// As stored in the generated tables.
    pub const fn from_bits(bits: u64) -> Summary {
        Summary(bits)
    }

    /// As stored in the generated tables.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The routine classes.
    pub const fn classes(self) -> ClassSet {
        ClassSet::from_bits(self.0 & Self::CLASS_BITS)
    }

    /// The traits product understanding needs.
    pub const fn traits(self) -> Traits {
        Traits::from_bits((self.0 >> Self::TRAITS_AT) as u32 & Self::TRAIT_BITS)
    }

    /// Whether the record carries an allergen, fungal-acne, rating or annex flag.
    pub const fn flagged(self) -> bool {
        self.0 & Self::FLAGGED != 0
    }

    /// Whether the ingredient marks the 1% line ([`Ingredient::marks_one_percent_line`]).
    pub const fn marks_one_percent_line(self) -> bool {
        self.0 & Self::MARKS_LINE != 0
    }
}

/// How a name was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The INCI name itself.
    Inci,
    /// A synonym: INN or Ph. Eur. name, a label variant, a common name.
    Synonym,
}

/// What a lookup key resolves to: an index into [`KnowledgeBase::records`] and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef {
    /// Index of the ingredient.
    pub index: u32,
    /// Whether the key is the INCI name or a synonym.
    pub kind: NameKind,
}

/// A class's description and the sources behind its membership.
#[derive(Debug, Serialize)]
pub struct ClassInfo {
    /// Which class.
    pub class: Class,
    /// The sources behind its member list.
    pub sources: &'static [&'static Source],
}

/// Classes that make an ingredient an active, in the order they are reported.
pub const ACTIVE_CLASSES: [Class; 12] = [
    Class::Retinoid,
    Class::Aha,
    Class::Bha,
    Class::Pha,
    Class::EnzymeExfoliant,
    Class::PhysicalExfoliant,
    Class::VitaminC,
    Class::Niacinamide,
    Class::BenzoylPeroxide,
    Class::AzelaicAcid,
    Class::Hydroquinone,
    Class::CopperPeptide,
];

/// Any class of [`ACTIVE_CLASSES`].
pub const ACTIVES: ClassSet = ClassSet::of(&ACTIVE_CLASSES);

/// Every lookup key (see [`crate::key::lookup_key`]) of an INCI name or synonym, with what it
/// names, sorted by (first byte, length, key): the keys' text end to end and their names beside.
#[derive(Clone, Copy, Debug)]
pub struct SortedKeys {
    /// The keys.
    pub keys: Strs,
    /// What each key names.
    pub names: &'static [NameRef],
}

impl SortedKeys {
    /// How many keys.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The key at `index` and what it names.
    #[inline]
    pub fn get(&self, index: usize) -> (&'static str, NameRef) {
        (self.keys.get(index), self.names[index])
    }

    /// Every key and what it names, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'static str, NameRef)> + Clone + use<> {
        self.keys.iter().zip(self.names.iter().copied())
    }
}

/// The whole knowledge base, as `glasskin-kb` compiles it.
pub struct KnowledgeBase {
    /// Every ingredient's record; [`KnowledgeBase::ingredients`] reads them.
    pub records: &'static [Record],
    /// What the records index.
    pub tables: &'static Tables,
    /// Every lookup key of an INCI name or synonym, with what it names, sorted by (first byte,
    /// length, key).
    pub sorted_keys: SortedKeys,
    /// For fuzzy matching, beside `sorted_keys` so that a scan reads only what it tests: each
    /// key's shape, `first byte << 16 | length`, and its [`crate::key::char_mask`] and
    /// [`crate::key::pair_mask`].
    pub key_shapes: &'static [u32],
    /// See `key_shapes`.
    pub key_masks: &'static [[u64; 2]],
    /// The hash table of every key in `sorted_keys`: 32-byte slots that hold what a lookup
    /// needs, short keys included, and a Bloom filter for the misses (see [`name_table`]).
    pub names: NameTable,
    /// Each [`crate::key::squash`]ed key form, as `(high 32 bits of its key_hash) << 32 | its
    /// index in sorted_keys`, sorted. A form shared by keys of different ingredients is left
    /// out: it could not say which one a label meant.
    pub squashed_keys: &'static [u64],
    /// Each ingredient's [`Summary`], by index: 8 bytes where its record has 64, so that the
    /// facts read of every entry of a list come from a table that stays in the cache.
    pub summaries: &'static [Summary],
    /// Every word that occurs in a key, in a table of their own: fuzzy matching and the
    /// reading of names run together ask of each word of an unknown name whether it is known.
    pub words: NameTable,
    /// Every source cited.
    pub sources: &'static [Source],
    /// Sources per class.
    pub classes: &'static [ClassInfo],
    /// The groups free-from claims name.
    pub claim_groups: &'static [ClaimGroup],
    /// The Korean naming rules: a part of a Korean ingredient name ("소듐", "추출물", "병풀") and
    /// the English INCI words it transcribes, sorted by the Korean text (see
    /// [`crate::analyze`]'s reading of Korean names).
    pub korean_pieces: KoreanPieces,
}

/// The Korean naming rules' pieces: each piece's Korean text, sorted, and the English words it
/// transcribes.
#[derive(Clone, Copy, Debug)]
pub struct KoreanPieces {
    /// The pieces' Korean texts, sorted.
    pub korean: Strs,
    /// The English of each.
    pub english: Strs,
}

impl KnowledgeBase {
    /// The ingredient at `index` (a [`NameRef::index`]).
    #[inline]
    pub fn ingredient_at(&self, index: usize) -> Ingredient {
        Ingredient::new(&self.records[index], self.tables)
    }

    /// Every ingredient, in index order.
    pub fn ingredients(&self) -> impl ExactSizeIterator<Item = Ingredient> + Clone + use<> {
        let tables = self.tables;
        self.records.iter().map(move |r| Ingredient::new(r, tables))
    }
}
