//! Product understanding: what a product is (its routine step), what it is like (rinse-off, base,
//! texture, actives) and what a person should know about it (flags, benefits), from its name and
//! its analysed ingredient list.
//!
//! The ingredients carry the weight: a name can only tip a choice the list leaves open. Sun
//! protection is the exception the labels force: US listings leave the active UV filters out of
//! the list (the Drug Facts panel gives them apart), so a name or label that declares an SPF makes
//! a sunscreen, and the declaration is kept apart from the filters found.

use serde::Serialize;

pub(crate) mod claims;
mod names;
mod traits;

pub use claims::{ClaimSource, DeclaredSpf};
pub use traits::Traits;

use crate::analyze::{Entry, OnePercent, ProductList};
use crate::kb::{Annex, Class, ClassSet, Ingredient, Summary, UvaCoverage};
use names::{NameReading, read_name};

macro_rules! steps {
    ($($variant:ident = $id:literal, $label:literal;)*) => {
        /// A routine step: the closed vocabulary products are sorted into, in routine order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum Step { $($variant),* }

        impl Step {
            /// Every step, in routine order.
            pub const ALL: &'static [Step] = &[$(Step::$variant),*];

            /// The stable snake_case id used in files and JSON.
            pub fn id(self) -> &'static str {
                match self { $(Step::$variant => $id),* }
            }

            /// A short name for people.
            pub fn label(self) -> &'static str {
                match self { $(Step::$variant => $label),* }
            }

            /// The step with this id.
            pub fn from_id(id: &str) -> Option<Step> {
                match id { $($id => Some(Step::$variant),)* _ => None }
            }
        }
    };
}

steps! {
    OilCleanser = "oil_cleanser", "oil cleanser";
    WaterCleanser = "water_cleanser", "water-based cleanser";
    Exfoliant = "exfoliant", "exfoliant";
    Toner = "toner", "toner";
    Essence = "essence", "essence";
    Serum = "serum", "serum or ampoule";
    SpotTreatment = "spot_treatment", "spot treatment";
    SheetMask = "sheet_mask", "sheet mask";
    WashOffMask = "wash_off_mask", "wash-off mask";
    EyeCare = "eye_care", "eye care";
    Moisturizer = "moisturizer", "moisturiser";
    SleepingMask = "sleeping_mask", "sleeping mask";
    FaceOil = "face_oil", "face oil";
    Sunscreen = "sunscreen", "sunscreen";
    LipCare = "lip_care", "lip care";
    Body = "body", "body";
    Other = "other", "other";
}

impl Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What a product is made in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// Water (or a water-like extract) with no oils above the 1% line.
    Water,
    /// Water and oils together: lotions and creams.
    Emulsion,
    /// Oils with no water.
    Oil,
    /// Neither water nor mostly oil: powders, balms of waxes, sticks.
    Anhydrous,
}

/// How sure the step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Little to go on: the ingredients fit several steps and the name says nothing.
    Low,
    /// Either the ingredients or the name point at the step.
    Medium,
    /// The ingredients and the name agree, or the person said so.
    High,
}

/// An active ingredient and its rough strength.
#[derive(Clone, Debug, Serialize)]
pub struct Active {
    /// Its INCI name.
    pub inci: &'static str,
    /// The class that makes it an active.
    pub class: Class,
    /// Its specific form (retinoids, vitamin C, acids).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<&'static str>,
    /// Above or below the 1% line: a rough strength band.
    pub strength: OnePercent,
    /// A percentage the label printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f32>,
}

/// UV protection a sunscreen's filters give.
#[derive(Clone, Debug, Serialize)]
pub struct UvCoverage {
    /// Some filter absorbs UVB.
    pub uvb: bool,
    /// The longest UVA reach of its filters.
    pub uva: UvaCoverage,
    /// The filters, as INCI names.
    pub filters: Vec<&'static str>,
}

/// A comedogenic rating worth a second look.
#[derive(Clone, Debug, Serialize)]
pub struct Comedogenic {
    /// The ingredient.
    pub inci: &'static str,
    /// Its rating, 0–5.
    pub rating: u8,
    /// Where the rating comes from.
    pub source: &'static str,
}

/// What a person may want to know before using a product.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ProductFlags {
    /// No fragrance (parfum, aroma).
    pub fragrance_free: bool,
    /// No essential oil or fragrance component.
    pub essential_oil_free: bool,
    /// No drying alcohol (alcohol denat., ethanol, isopropyl alcohol).
    pub drying_alcohol_free: bool,
    /// Labelled EU fragrance allergens.
    pub eu_allergens: Vec<&'static str>,
    /// Ingredients commonly listed as fungal-acne triggers (see the caveat).
    pub fungal_acne_triggers: Vec<&'static str>,
    /// Ingredients rated 3 or more on the comedogenic scale (see the caveat).
    pub comedogenic: Vec<Comedogenic>,
    /// Why a pregnant person should ask before using it.
    pub pregnancy_caution: Vec<String>,
    /// EU regulatory notes: prohibited substances, and restrictions a label cannot show are met.
    pub eu_compliance: Vec<String>,
    /// A hydrating toner or essence with no acids, drying alcohol or fragrance: fit for layering
    /// several times (the 7-skin method).
    pub seven_skin: bool,
}

/// The kinds of benefit an ingredient list can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Benefit {
    /// Antioxidants.
    Antioxidants,
    /// Vitamins.
    Vitamins,
    /// Minerals.
    Minerals,
    /// Humectants: draw water into the skin.
    Humectants,
    /// Soothing agents.
    SoothingAgents,
    /// Ceramides, cholesterol, fatty acids: the lipids of the skin barrier.
    BarrierLipids,
}

impl Benefit {
    /// Every benefit, in the order they are reported.
    pub const ALL: [Benefit; 6] = [
        Benefit::Antioxidants,
        Benefit::Vitamins,
        Benefit::Minerals,
        Benefit::Humectants,
        Benefit::SoothingAgents,
        Benefit::BarrierLipids,
    ];

    /// The benefits an ingredient with these classes and traits carries, as bits in the order
    /// of [`Benefit::ALL`]: one test per benefit, with no branches.
    fn carried_by(classes: ClassSet, traits: Traits) -> u8 {
        const ANTIOXIDANTS: ClassSet = ClassSet::of(&[Class::Antioxidant, Class::VitaminC]);
        const VITAMINS: ClassSet = ClassSet::of(&[
            Class::Vitamin,
            Class::VitaminC,
            Class::Niacinamide,
            Class::Retinoid,
        ]);
        let carries = [
            classes.intersects(ANTIOXIDANTS),
            classes.intersects(VITAMINS),
            classes.contains(Class::Mineral),
            classes.contains(Class::Humectant),
            classes.contains(Class::SoothingAgent),
            traits.has(Traits::BARRIER_LIPID),
        ];
        (0..carries.len()).fold(0, |bits, k| bits | u8::from(carries[k]) << k)
    }

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            Benefit::Antioxidants => "antioxidants",
            Benefit::Vitamins => "vitamins",
            Benefit::Minerals => "minerals",
            Benefit::Humectants => "humectants",
            Benefit::SoothingAgents => "soothing agents",
            Benefit::BarrierLipids => "barrier lipids",
        }
    }
}

/// A benefit and the ingredients that carry it.
#[derive(Clone, Debug, Serialize)]
pub struct Carries {
    /// The benefit.
    pub benefit: Benefit,
    /// The ingredients, in label order.
    pub ingredients: Vec<&'static str>,
}

/// Everything glasskin understands about one product.
#[derive(Clone, Debug, Serialize)]
pub struct Product {
    /// Its routine step.
    pub step: Step,
    /// Other steps it also fills: an acid toner is also an exfoliant.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Step>,
    /// Whether the person declared the step.
    pub declared: bool,
    /// How sure the step is.
    pub confidence: Confidence,
    /// Why: the evidence behind the step, in sentences.
    pub reasons: Vec<String>,
    /// Washed off after use.
    pub rinse_off: bool,
    /// What it is made in.
    pub base: Base,
    /// 1 (watery) to 5 (oil or balm): thinner layers go first.
    pub texture: u8,
    /// Its actives.
    pub actives: Vec<Active>,
    /// Works only at a low pH (L-ascorbic acid, AHA/BHA exfoliants above the 1% line).
    pub needs_low_ph: bool,
    /// UV filters found in the list and their coverage, when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv: Option<UvCoverage>,
    /// The sun protection its name or label declares ("SPF 50", "PA+++", "Broad Spectrum"),
    /// whether or not the list names the filters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_declared: Option<DeclaredSpf>,
    /// What a person may want to know.
    pub flags: ProductFlags,
    /// The benefits it carries.
    pub benefits: Vec<Carries>,
}

impl Product {
    /// The UV filters found in the list, in a sentence: "UVB, UVA including long UVA (Zinc
    /// Oxide)".
    pub fn uv_sentence(&self) -> Option<String> {
        let uv = self.uv.as_ref()?;
        let uva = match uv.uva {
            UvaCoverage::None => "no UVA",
            UvaCoverage::Short => "short UVA only",
            UvaCoverage::Long => "UVA including long UVA",
        };
        Some(format!(
            "{}, {uva} ({})",
            if uv.uvb { "UVB" } else { "no UVB" },
            uv.filters.join(", ")
        ))
    }

    /// The sun protection the name or label declares, in a sentence, saying when the list
    /// leaves out the filters.
    pub fn spf_sentence(&self) -> Option<String> {
        let declared = self.uv_declared.as_ref()?;
        let whose = match declared.from {
            ClaimSource::Name => "the name",
            ClaimSource::Label => "the label",
        };
        let filters = if self.uv.is_some() {
            ""
        } else {
            "; the list leaves out the active UV filters (US labels give them under Drug Facts)"
        };
        Some(format!("{declared}, as {whose} declares{filters}"))
    }
}

/// Classes that make an ingredient an active, in the order they are reported.
const ACTIVE_CLASSES: [Class; 12] = [
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
const ACTIVES: ClassSet = ClassSet::of(&ACTIVE_CLASSES);
/// Exfoliating acids.
const ACIDS: ClassSet = ClassSet::of(&[Class::Aha, Class::Bha, Class::Pha]);
/// Exfoliants of every kind.
const EXFOLIANTS: ClassSet = ClassSet::of(&[
    Class::Aha,
    Class::Bha,
    Class::Pha,
    Class::EnzymeExfoliant,
    Class::PhysicalExfoliant,
]);
/// Drugs, potent at low levels.
const DRUGS: ClassSet = ClassSet::of(&[
    Class::Retinoid,
    Class::BenzoylPeroxide,
    Class::AzelaicAcid,
    Class::Hydroquinone,
]);

/// Understands a product from its name (optional), its analysed list and a step the person
/// declared (which wins).
pub fn understand(name: Option<&str>, list: &ProductList, declared: Option<Step>) -> Product {
    let facts = Facts::of(&list.entries);
    let reading = read_name(name.unwrap_or(""));
    // The name's declaration first: it is the product's own; the label's text may hold others'.
    let uv_declared = reading.claim.clone().or_else(|| list.uv_declared.clone());
    let (step, confidence, reasons, also) = match declared {
        Some(step) => (
            step,
            Confidence::High,
            vec![format!("declared as {}", step.label())],
            Vec::new(),
        ),
        None => infer(&reading, uv_declared.as_ref(), &facts),
    };
    let rinse_off = match step {
        Step::OilCleanser | Step::WaterCleanser | Step::WashOffMask => true,
        Step::Exfoliant => {
            facts.rinse_off_exfoliant()
                || name.is_some_and(|n| {
                    let n = n.to_lowercase();
                    RINSE_OFF_WORDS.iter().any(|w| n.contains(w))
                })
        }
        Step::Body => facts.cleansing_high,
        _ => false,
    };
    let base = facts.base();
    let texture = facts.texture(step, base);
    let actives: Vec<Active> = list
        .entries
        .iter()
        .filter(|e| !e.may_contain)
        .enumerate()
        .filter_map(|(n, e)| {
            // The summary rules out most entries without reading their records.
            if !e.summary.classes().intersects(ACTIVES) {
                return None;
            }
            let ingredient = e.ingredient?;
            let class = ACTIVE_CLASSES.iter().copied().find(|c| ingredient.is(*c))?;
            Some(Active {
                inci: ingredient.inci,
                class,
                form: ingredient.form,
                // With no line to go by, the first five of a list are the major part.
                strength: match e.one_percent {
                    OnePercent::Unknown if n < 5 => OnePercent::Above,
                    known => known,
                },
                percent: e.percent,
            })
        })
        .collect();
    let needs_low_ph = actives.iter().any(|a| {
        a.strength == OnePercent::Above
            && (matches!(a.class, Class::Aha | Class::Bha) || is_l_ascorbic_acid(a.form))
    });
    // Zinc oxide and titanium dioxide are also pigments and skin protectants: they count as
    // filters in a sunscreen, or beside an organic filter.
    let is_sunscreen = step == Step::Sunscreen || also.contains(&Step::Sunscreen);
    let filters: Vec<&'static Ingredient> =
        if is_sunscreen || facts.uv_filters.iter().any(|i| !is_mineral_filter(i)) {
            facts.uv_filters.clone()
        } else {
            Vec::new()
        };
    let uv = (!filters.is_empty()).then(|| UvCoverage {
        uvb: filters.iter().any(|i| i.uv.as_ref().is_some_and(|u| u.uvb)),
        uva: filters
            .iter()
            .filter_map(|i| i.uv.as_ref().map(|u| u.uva))
            .max_by_key(|u| match u {
                UvaCoverage::None => 0,
                UvaCoverage::Short => 1,
                UvaCoverage::Long => 2,
            })
            .unwrap_or(UvaCoverage::None),
        filters: filters.iter().map(|i| i.inci).collect(),
    });
    let flags = flags(&list.entries, &facts, step, &also, rinse_off);
    Product {
        step,
        also,
        declared: declared.is_some(),
        confidence,
        reasons,
        rinse_off,
        base,
        texture,
        actives,
        needs_low_ph,
        uv,
        uv_declared,
        flags,
        benefits: benefits(&list.entries),
    }
}

/// Understands every product list of an analysis; the name and declared step apply to a text
/// with one list.
pub fn understand_all(
    name: Option<&str>,
    analysis: &crate::Analysis,
    declared: Option<Step>,
) -> Vec<Product> {
    let single = analysis.products.len() == 1;
    analysis
        .products
        .iter()
        .map(|list| {
            let name = list.title.as_deref().or(name.filter(|_| single));
            understand(name, list, declared.filter(|_| single))
        })
        .collect()
}

fn is_mineral_filter(i: &Ingredient) -> bool {
    matches!(i.inci, "ZINC OXIDE" | "TITANIUM DIOXIDE")
}

fn is_l_ascorbic_acid(form: Option<&str>) -> bool {
    form == Some("L-ascorbic acid")
}

/// An ingredient of a list as understanding reads it: the classes and traits of its summary.
#[derive(Clone, Copy)]
struct Item {
    classes: ClassSet,
    traits: Traits,
}

impl Item {
    fn of(summary: Summary) -> Item {
        Item {
            classes: summary.classes(),
            traits: summary.traits(),
        }
    }

    fn is(self, class: Class) -> bool {
        self.classes.contains(class)
    }

    fn has(self, traits: Traits) -> bool {
        self.traits.has(traits)
    }
}

/// What the ingredient list says, gathered once.
struct Facts {
    /// Recognised ingredients outside "may contain", in label order: their classes and traits,
    /// and places relative to the 1% line.
    items: Vec<(Item, OnePercent)>,
    /// Position (0-based, among `items`) of water or a water-like base, if in the major part.
    water_at: Option<usize>,
    /// Lipids (oils, esters, occlusives, emollients, silicones) in the major part.
    major_lipids: usize,
    /// The first three are mostly lipids.
    lipid_led: bool,
    /// Petrolatum, lanolin, waxes or butters come first: an ointment or balm, not an oil.
    occlusive_led: bool,
    /// Share of all recognised entries that are lipids.
    lipid_share: f32,
    oil_cleanser_emulsifier: bool,
    /// Cleansing surfactants (or soap-forming fatty acids with an alkali) among the first five.
    cleansing_high: bool,
    /// AHA/BHA/PHA above the 1% line or within the first five.
    acids_high: bool,
    /// An AHA or BHA among the first three: the product is built around it, whatever its base.
    acid_leads: bool,
    /// Scrub particles in the major part, or enzymes in a powder.
    exfoliating_particles: bool,
    /// A clay or charcoal in the first five.
    clay_high: bool,
    /// Polyvinyl alcohol among the first three: the film of a peel-off mask.
    peel_off_film: bool,
    uv_filters: Vec<&'static Ingredient>,
    /// Every class of the recognised ingredients.
    classes: ClassSet,
    /// Titanium dioxide in the first three of a list with no iron oxides: an untinted product
    /// with it at a filter's level, not a pigment's.
    titanium_high_untinted: bool,
    /// UV filters in the major part.
    major_uv_filters: usize,
    /// Thickeners and waxes (fatty alcohols, butters, waxes, gums) in the major part.
    thickeners: usize,
    /// A cream's body (a solid fatty alcohol, butter, wax or fatty emulsifier) among the first
    /// ten not known to be below the 1% line.
    creamy: bool,
    /// Lipids in the major part other than silicones and light volatile hydrocarbons: the oils
    /// that make a lotion feel rich.
    rich_lipids: usize,
    /// A silicone leads a list with no water: a silicone serum or primer, not an oil.
    silicone_led: bool,
    humectant_in_first_five: bool,
    /// A treatment active (retinoid, vitamin C, niacinamide, azelaic acid…) in the major part.
    actives_high: bool,
    /// A retinoid, benzoyl peroxide, azelaic acid or hydroquinone anywhere: potent at low levels.
    drug_active: bool,
    /// Any exfoliating acid, enzyme or scrub particle, wherever it is listed.
    any_exfoliant: bool,
}

impl Facts {
    fn of(entries: &[Entry]) -> Facts {
        // Recognised entries outside "may contain". Each is read from its summary: a rare
        // ingredient's record would be a trip to memory.
        let listed = || {
            entries
                .iter()
                .filter(|e| !e.may_contain)
                .filter_map(|e| Some((e, e.ingredient?)))
        };
        let mut items = Vec::with_capacity(entries.len());
        items.extend(listed().map(|(e, _)| (Item::of(e.summary), e.one_percent)));
        let above = items
            .iter()
            .take_while(|(_, p)| *p == OnePercent::Above)
            .count();
        // With no line found, the first five stand in for the major part.
        let major = if items.iter().any(|(_, p)| *p == OnePercent::Below) {
            above.max(1)
        } else {
            items.len().min(5)
        };
        let first = |n: usize| items.iter().take(n).map(|(i, _)| *i);
        let major_part = || first(major);
        // Korean lists often lead with an aqueous plant extract instead of water; alcohol, glycerin
        // or a glycol leading a list is a liquid base too (mists, astringent toners, and lists
        // printed without their water).
        let water_at = first(major.max(3))
            .enumerate()
            .position(|(n, i)| i.has(Traits::WATERY) || (n == 0 && i.has(Traits::LIQUID_BASE)));
        let lipids_in_first_three = first(3).filter(|i| i.has(Traits::LIPID)).count();
        // What the whole list holds, in one pass.
        let mut classes = ClassSet::EMPTY;
        let mut lipid_total = 0;
        let mut uv_filters = Vec::new();
        let (mut any_exfoliant, mut acids_high, mut iron_oxides) = (false, false, false);
        for (n, (e, i)) in listed().enumerate() {
            let (is, traits, p) = (e.summary.classes(), e.summary.traits(), e.one_percent);
            classes = classes.union(is);
            lipid_total += usize::from(traits.has(Traits::LIPID));
            iron_oxides |= traits.has(Traits::IRON_OXIDE);
            if is.contains(Class::UvFilter) && i.annex(Annex::VI).is_some() {
                uv_filters.push(i);
            }
            if is.intersects(EXFOLIANTS) && !traits.has(Traits::PH_ADJUSTER) {
                any_exfoliant = true;
                acids_high |= is.intersects(ACIDS) && (p == OnePercent::Above || n < 5);
            }
        }
        // Fatty acids neutralised by potash make the soap of many foam cleansers; stearic acid
        // with a little alkali is also how creams are emulsified, so the acid must lead.
        let soap_fatty_acids = first(3).any(|i| i.has(Traits::SOAP_FATTY_ACID))
            && first(8).any(|i| i.has(Traits::SOAP_ALKALI));
        Facts {
            water_at,
            major_lipids: major_part().filter(|i| i.has(Traits::LIPID)).count(),
            lipid_led: lipids_in_first_three >= 2
                || (lipids_in_first_three == 1 && items.len() == 1),
            occlusive_led: first(1).any(|i| i.has(Traits::BALM_OCCLUSIVE)),
            lipid_share: if items.is_empty() {
                0.0
            } else {
                lipid_total as f32 / items.len() as f32
            },
            oil_cleanser_emulsifier: classes.contains(Class::OilCleanserEmulsifier),
            // Sodium stearate also gels sticks and balms: it cleanses only when it leads.
            cleansing_high: soap_fatty_acids
                || first(4).any(|i| i.has(Traits::CLEANSING) && !i.has(Traits::STEARATE))
                || first(2).any(|i| i.has(Traits::CLEANSING)),
            acid_leads: first(3)
                .any(|i| (i.is(Class::Aha) || i.is(Class::Bha)) && !i.has(Traits::PH_ADJUSTER)),
            acids_high,
            // Enzymes work at low levels, so any enzyme in a powder counts; in a watery toner it
            // is a mild extra, not what the product is.
            exfoliating_particles: major_part().any(|i| i.is(Class::PhysicalExfoliant))
                || (water_at.is_none() && classes.contains(Class::EnzymeExfoliant)),
            clay_high: first(5).any(|i| i.has(Traits::CLAY)),
            peel_off_film: first(3).any(|i| i.has(Traits::FILM_FORMER)),
            titanium_high_untinted: first(3).any(|i| i.has(Traits::TITANIUM_DIOXIDE))
                && !iron_oxides,
            // Titanium dioxide is also a white pigment (CI 77891), so alone it proves nothing.
            major_uv_filters: major_part()
                .filter(|i| i.is(Class::UvFilter) && !i.has(Traits::TITANIUM_DIOXIDE))
                .count(),
            uv_filters,
            classes,
            thickeners: major_part().filter(|i| i.has(Traits::THICKENER)).count(),
            creamy: items
                .iter()
                .take(10)
                .take_while(|(_, p)| *p != OnePercent::Below)
                .any(|(i, _)| i.has(Traits::CREAMY)),
            rich_lipids: major_part()
                .filter(|i| i.has(Traits::LIPID) && !i.has(Traits::LIGHT_LIPID))
                .count(),
            silicone_led: water_at.is_none() && first(1).any(|i| i.is(Class::Silicone)),
            humectant_in_first_five: first(5).any(|i| i.is(Class::Humectant)),
            actives_high: major_part()
                .any(|i| i.classes.intersects(ACTIVES) && !i.has(Traits::PH_ADJUSTER)),
            drug_active: classes.intersects(DRUGS),
            any_exfoliant,
            items,
        }
    }

    fn base(&self) -> Base {
        match (self.water_at.is_some(), self.major_lipids) {
            (true, 0) => Base::Water,
            (true, _) => Base::Emulsion,
            (false, _) if self.lipid_led || self.lipid_share >= 0.5 => Base::Oil,
            (false, _) => Base::Anhydrous,
        }
    }

    /// An oil or balm dominates and there is little or no water.
    fn oil_dominated(&self) -> bool {
        self.lipid_led && self.water_at.is_none_or(|at| at >= 3)
    }

    /// Scrubs, enzyme powders and cleansing exfoliants are washed off; liquid acid exfoliants
    /// stay on.
    fn rinse_off_exfoliant(&self) -> bool {
        self.exfoliating_particles || self.cleansing_high || self.clay_high
    }

    fn texture(&self, step: Step, base: Base) -> u8 {
        match base {
            Base::Oil | Base::Anhydrous => 5,
            Base::Water if self.thickeners == 0 && !matches!(step, Step::Serum) => 1,
            Base::Water => 2,
            Base::Emulsion if self.major_lipids + self.thickeners >= 4 => 4,
            Base::Emulsion => 3,
        }
    }

    fn is_oil_only(&self) -> bool {
        self.water_at.is_none()
            && !self.silicone_led
            && self.lipid_share >= 0.6
            && !self.oil_cleanser_emulsifier
            && !self.occlusive_led
    }
}

/// The step the ingredients alone point at, with the reason, when they point at one.
fn ingredient_step(facts: &Facts) -> Option<(Step, String)> {
    if facts.major_uv_filters >= 2 {
        return Some((
            Step::Sunscreen,
            format!(
                "UV filters from EU Annex VI high on the list: {}",
                names(&facts.uv_filters)
            ),
        ));
    }
    if facts.oil_dominated() && facts.oil_cleanser_emulsifier {
        return Some((
            Step::OilCleanser,
            "oils or esters lead the list, with an emulsifier that rinses them off".into(),
        ));
    }
    if facts.cleansing_high && !facts.clay_high {
        return Some((
            Step::WaterCleanser,
            "cleansing surfactants high on the list".into(),
        ));
    }
    if facts.clay_high {
        return Some((Step::WashOffMask, "clay high on the list".into()));
    }
    if facts.peel_off_film {
        return Some((
            Step::WashOffMask,
            "polyvinyl alcohol high on the list: the film of a peel-off mask".into(),
        ));
    }
    if facts.exfoliating_particles {
        return Some((
            Step::Exfoliant,
            "scrub particles high on the list, or enzymes in a powder".into(),
        ));
    }
    if facts.acids_high && facts.water_at.is_some() && facts.major_lipids == 0 {
        return Some((
            Step::Exfoliant,
            "exfoliating acids high in a watery base".into(),
        ));
    }
    // A cream or peel built around an acid: glycolic acid third after water and glycerin is
    // several percent, an exfoliant's dose.
    if facts.acid_leads {
        return Some((
            Step::Exfoliant,
            "an exfoliating acid among the first three ingredients".into(),
        ));
    }
    // Waxes or butters setting oils make a balm, whatever actives it carries.
    if facts.is_oil_only() && facts.creamy {
        return Some((
            Step::Moisturizer,
            "oils set with waxes or butters: a balm".into(),
        ));
    }
    if facts.is_oil_only() && facts.actives_high {
        return Some((Step::Serum, "an active in an oil base: an oil serum".into()));
    }
    if facts.is_oil_only() {
        return Some((Step::FaceOil, "oils with no water".into()));
    }
    None
}

fn names(ingredients: &[&Ingredient]) -> String {
    let names: Vec<&str> = ingredients.iter().map(|i| i.inci).collect();
    names.join(", ")
}

/// Weighs the name against the ingredients: UV filters high on the list, or sun protection the
/// name or label declares, make a sunscreen whatever else the name says; a name decides when the
/// list is consistent with it; otherwise the list decides.
fn infer(
    reading: &NameReading,
    uv_declared: Option<&DeclaredSpf>,
    facts: &Facts,
) -> (Step, Confidence, Vec<String>, Vec<Step>) {
    let hints = &reading.hints;
    let found = ingredient_step(facts);
    let mut reasons = Vec::new();
    let said = |word: &str| format!("the name says \"{word}\"");
    // Supplements are swallowed, whatever protection they promise.
    let swallowed = hints
        .first()
        .is_some_and(|(step, word)| *step == Step::Other && *word == "supplement");
    if let Some((Step::Sunscreen, why)) = &found {
        reasons.push(why.clone());
        if let Some(claim) = uv_declared {
            reasons.push(declares(claim));
        }
        let also: Vec<Step> = hints
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| *s != Step::Other)
            .take(1)
            .collect();
        if let Some(other) = also.first() {
            reasons.push(format!(
                "the name says it is a {}; its UV filters make it the last morning step",
                other.label()
            ));
        }
        let confidence = if uv_declared.is_some() || !also.is_empty() {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return (Step::Sunscreen, confidence, reasons, also);
    }
    if let Some(claim) = uv_declared.filter(|_| !swallowed) {
        reasons.push(declares(claim));
        let confidence = if facts.uv_filters.is_empty() {
            reasons.push(
                "the list leaves out the active UV filters (US Drug Facts list them separately): add them to check its protection"
                    .into(),
            );
            Confidence::Medium
        } else {
            reasons.push(format!(
                "UV filters from EU Annex VI: {}",
                names(&facts.uv_filters)
            ));
            Confidence::High
        };
        // "SPF 30 moisturiser": the last morning step, and the moisturiser too.
        let also: Vec<Step> = hints
            .iter()
            .filter(|(s, word)| *s != Step::Other && fits(*s, word, facts))
            .take(1)
            .map(|&(s, word)| {
                reasons.push(format!("{}: also a {}", said(word), s.label()));
                s
            })
            .collect();
        return (Step::Sunscreen, confidence, reasons, also);
    }
    if let Some(&(named, word)) = hints.iter().find(|(step, word)| fits(*step, word, facts)) {
        reasons.push(said(word));
        // "Mask" alone says little: the list tells a sheet mask's serum from a wash-off mask.
        let named = if matches!(word, "mask" | "masque" | "pack") {
            let (step, why) = generic_mask(facts);
            reasons.push(why.into());
            step
        } else if named == Step::WaterCleanser
            || matches!(word, "makeup remover" | "make up remover")
        {
            // "Cleanser" says cleanse; the list says with oil or with surfactants. A name that
            // says "cleansing oil" or "balm" has already said which. A make-up remover is a
            // biphase of oils and water (oils among its first three) or a micellar water.
            let remover = named != Step::WaterCleanser;
            let oily =
                facts.oil_dominated() || facts.lipid_led && (remover || facts.water_at.is_none());
            if oily {
                Step::OilCleanser
            } else {
                Step::WaterCleanser
            }
        } else {
            named
        };
        // "Peeling mask", "exfoliating cleanser": a mask or a cleanser that also counts as an
        // exfoliant. A peel-off mask peels off a film, not skin.
        let peel = hints
            .iter()
            .find(|(s, _)| *s == Step::Exfoliant)
            .map(|&(_, peel)| peel)
            .filter(|peel| {
                word != "peel off"
                    && matches!(
                        named,
                        Step::WashOffMask
                            | Step::SheetMask
                            | Step::SleepingMask
                            | Step::WaterCleanser
                    )
                    && fits(Step::Exfoliant, peel, facts)
            });
        let also = match peel {
            Some(_) => vec![Step::Exfoliant],
            None => Vec::new(),
        };
        let confidence = match &found {
            // An acid toner, essence, serum or gel is a leave-on exfoliant first.
            Some((Step::Exfoliant, why))
                if matches!(
                    named,
                    Step::Toner | Step::Essence | Step::Serum | Step::Moisturizer
                ) =>
            {
                reasons.push(why.clone());
                return (Step::Exfoliant, Confidence::High, reasons, vec![named]);
            }
            Some((step, why)) if *step == named => {
                reasons.push(why.clone());
                Confidence::High
            }
            _ => Confidence::Medium,
        };
        if let Some(peel) = peel {
            reasons.push(format!("{}: it exfoliates too", said(peel)));
        }
        return (named, confidence, reasons, also);
    }
    if let Some((step, why)) = found {
        reasons.push(why);
        if let Some((named, word)) = hints.first() {
            reasons.push(format!(
                "{}, but the ingredients do not fit a {}",
                said(word),
                named.label()
            ));
        }
        return (step, Confidence::Medium, reasons, Vec::new());
    }
    match hints.first() {
        Some(&(_, "treatment")) => {
            reasons.push(format!("{}, which names no form", said("treatment")))
        }
        Some(&(named, word)) => {
            reasons.push(said(word));
            reasons.push(format!(
                "the ingredients do not look like a {}",
                named.label()
            ));
            return (named, Confidence::Low, reasons, Vec::new());
        }
        None => {}
    }
    if facts.titanium_high_untinted {
        reasons.push(
            "titanium dioxide high on an untinted list: at that level a mineral UV filter, not a white pigment"
                .into(),
        );
        return (Step::Sunscreen, Confidence::Low, reasons, Vec::new());
    }
    let (step, why) = by_texture(facts);
    reasons.push(why);
    (step, Confidence::Low, reasons, Vec::new())
}

/// The reason a declaration gives.
fn declares(claim: &DeclaredSpf) -> String {
    let whose = match claim.from {
        ClaimSource::Name => "the name",
        ClaimSource::Label => "the label",
    };
    format!("{whose} declares {claim}")
}

/// Whether the ingredients are consistent with a step a name gives (in `word`): only a clear
/// contradiction counts against the name.
fn fits(step: Step, word: &str, facts: &Facts) -> bool {
    match step {
        // A cleansing oil may carry a little surfactant, a cleansing balm a little water.
        Step::OilCleanser => {
            facts.lipid_led || facts.oil_cleanser_emulsifier || !facts.cleansing_high
        }
        Step::WaterCleanser => !facts.is_oil_only(),
        // A scrub, peel or exfoliator says what it does: its grains (sugar, salt, polyethylene,
        // shells) are often not classed as exfoliants, and it may cleanse or be oily too.
        // "Resurfacing" and "pads" need an exfoliant in the list.
        Step::Exfoliant => {
            matches!(
                word,
                "scrub"
                    | "exfoliat"
                    | "peel"
                    | "polish"
                    | "microfoliant"
                    | "microderm"
                    | "dermabrasion"
            ) || facts.acids_high
                || facts.exfoliating_particles
                || facts.any_exfoliant
                || facts.clay_high
        }
        Step::FaceOil => facts.water_at.is_none(),
        // A mist is sprayed on and left: a surfactant high on its list is a solubiliser for its
        // fragrance or oils, not a cleanser. A cleansing toner may carry one.
        Step::Toner | Step::Essence => {
            facts.water_at.is_some()
                && facts.major_lipids <= 2
                && (!facts.cleansing_high
                    || matches!(word, "mist" | "spray" | "spritz" | "cleansing toner"))
        }
        // "Treatment" says what a product is for, not its form: a cream or a clay sold as a
        // treatment is a cream or a mask.
        Step::Serum if word == "treatment" => {
            !facts.cleansing_high && !facts.clay_high && !facts.peel_off_film && !facts.creamy
        }
        Step::Serum
        | Step::Moisturizer
        | Step::SleepingMask
        | Step::EyeCare
        | Step::SpotTreatment => !facts.cleansing_high,
        _ => true,
    }
}

fn generic_mask(facts: &Facts) -> (Step, &'static str) {
    if facts.clay_high || facts.cleansing_high {
        (
            Step::WashOffMask,
            "clay or cleansers high on the list: a wash-off mask",
        )
    } else if facts.base() == Base::Water && facts.thickeners <= 1 {
        (
            Step::SheetMask,
            "a thin, watery serum: what a sheet mask is soaked in",
        )
    } else {
        (Step::WashOffMask, "a thick mask")
    }
}

/// Words in a name that say a product is washed off.
const RINSE_OFF_WORDS: &[&str] = &[
    "peeling",
    "scrub",
    "polish",
    "rinse",
    "wash",
    "microfoliant",
];

/// With nothing else to go on, the base and thickness decide.
fn by_texture(facts: &Facts) -> (Step, String) {
    match facts.base() {
        Base::Water if facts.actives_high => (Step::Serum, "a watery list led by actives".into()),
        Base::Water if facts.thickeners == 0 && facts.humectant_in_first_five => {
            (Step::Toner, "a thin, watery, hydrating list".into())
        }
        Base::Water => (Step::Serum, "a watery list with a thickener".into()),
        Base::Emulsion if facts.creamy => (
            Step::Moisturizer,
            "water and oils set with fatty alcohols, butters, waxes or fatty emulsifiers: a cream or lotion".into(),
        ),
        // With no waxes to set it, an emulsion of silicones or led by actives is a serum.
        Base::Emulsion if facts.actives_high => (
            Step::Serum,
            "a light emulsion led by actives, with no fatty alcohols, butters or waxes: a serum"
                .into(),
        ),
        Base::Emulsion if facts.rich_lipids <= 1 => (
            Step::Serum,
            "a light emulsion, its oils mostly silicones, with no fatty alcohols, butters or waxes: a serum".into(),
        ),
        Base::Emulsion => (
            Step::Moisturizer,
            "water and oils together: a lotion".into(),
        ),
        Base::Oil if facts.actives_high => {
            (Step::Serum, "an active in an oil base: an oil serum".into())
        }
        Base::Oil if facts.silicone_led => (
            Step::Serum,
            "silicones lead with no water: a silicone serum".into(),
        ),
        Base::Oil if facts.occlusive_led => (
            Step::Moisturizer,
            "petrolatum, lanolin or waxes lead: an ointment or balm".into(),
        ),
        Base::Oil => (Step::FaceOil, "mostly oils".into()),
        Base::Anhydrous if facts.items.is_empty() => {
            (Step::Other, "no recognised ingredients".into())
        }
        // Drugs work at low strengths: a retinoid or benzoyl peroxide gel is a treatment.
        Base::Anhydrous if facts.drug_active => (
            Step::Serum,
            "a treatment gel (retinoid, benzoyl peroxide, azelaic acid or hydroquinone)".into(),
        ),
        // Many printed lists leave out their water; the rest of the list still tells its texture.
        Base::Anhydrous if facts.creamy => (
            Step::Moisturizer,
            "fatty alcohols, butters or waxes with no water listed: a balm or cream".into(),
        ),
        Base::Anhydrous if facts.humectant_in_first_five => (
            Step::Serum,
            "humectants and gelling agents with no water listed: a gel or serum".into(),
        ),
        Base::Anhydrous => (Step::Other, "neither watery nor oily".into()),
    }
}

fn flags(
    entries: &[Entry],
    facts: &Facts,
    step: Step,
    also: &[Step],
    rinse_off: bool,
) -> ProductFlags {
    let present = entries
        .iter()
        .filter(|e| !e.may_contain)
        .filter_map(|e| e.ingredient.map(|i| (e, i)));
    let has = |class: Class| facts.classes.contains(class);
    let mut flags = ProductFlags {
        fragrance_free: !has(Class::Fragrance),
        essential_oil_free: !has(Class::FragranceComponent),
        drying_alcohol_free: !has(Class::DryingAlcohol),
        ..ProductFlags::default()
    };
    // Only flagged ingredients and the few actives below have anything to say: the rest are
    // ruled out by their summary, without reading their records.
    const CAUTIONS: ClassSet = ClassSet::of(&[Class::Retinoid, Class::Hydroquinone, Class::Bha]);
    for (entry, i) in present {
        if !entry.summary.flagged() && !entry.summary.classes().intersects(CAUTIONS) {
            continue;
        }
        if i.allergen.is_some() {
            push_unique(&mut flags.eu_allergens, i.inci);
        }
        if i.fungal_acne.is_some() {
            push_unique(&mut flags.fungal_acne_triggers, i.inci);
        }
        if let Some(rating) = &i.rating
            && rating.comedogenic >= 3
            && !flags.comedogenic.iter().any(|c| c.inci == i.inci)
        {
            flags.comedogenic.push(Comedogenic {
                inci: i.inci,
                rating: rating.comedogenic,
                source: rating.source.id,
            });
        }
        // Notes are joined with `concat`, not `format!`: restricted substances are common, and
        // this runs for every product of a batch.
        if i.is(Class::Retinoid) {
            flags
                .pregnancy_caution
                .push([i.inci, " is a retinoid"].concat());
        } else if i.is(Class::Hydroquinone) {
            flags
                .pregnancy_caution
                .push([i.inci, " is absorbed through skin more than most"].concat());
        } else if i.form == Some("salicylic acid")
            && !rinse_off
            && (entry.one_percent == OnePercent::Above || entry.percent.is_some_and(|p| p >= 2.0))
        {
            flags
                .pregnancy_caution
                .push([i.inci, " is high on the list of a leave-on product"].concat());
        }
        if let Some(annex) = i.annex(Annex::II) {
            flags.eu_compliance.push(if annex.bans_only_some() {
                [
                    i.inci,
                    " is banned in EU cosmetics in some grades or uses (Annex II, entry ",
                    annex.reference,
                    ": \"",
                    annex.substance,
                    "\"); a label cannot show which this is",
                ]
                .concat()
            } else {
                [
                    i.inci,
                    " is prohibited in EU cosmetics (Annex II, entry ",
                    annex.reference,
                    ")",
                ]
                .concat()
            });
        } else if let Some(annex) = i.annex(Annex::III) {
            let max = annex.max_concentration;
            flags.eu_compliance.push(
                [
                    i.inci,
                    " is restricted in the EU (Annex III, entry ",
                    annex.reference,
                    if max.is_empty() { "" } else { ": max " },
                    max,
                    "); a label cannot show its limits and conditions are met",
                ]
                .concat(),
            );
        }
    }
    let hydrating_layer = matches!(step, Step::Toner | Step::Essence)
        || also
            .iter()
            .any(|s| matches!(s, Step::Toner | Step::Essence));
    flags.seven_skin = hydrating_layer
        && facts.humectant_in_first_five
        && !has(Class::Aha)
        && !has(Class::Bha)
        && !has(Class::Pha)
        && flags.drying_alcohol_free
        && flags.fragrance_free;
    flags
}

/// Adds an INCI name not yet in the list. The knowledge base holds one string per name, so
/// comparing addresses is enough.
fn push_unique(list: &mut Vec<&'static str>, inci: &'static str) {
    if !list.iter().any(|listed| std::ptr::eq(*listed, inci)) {
        // Room for a typical list at once: a humectant list of six would otherwise grow twice.
        if list.capacity() == 0 {
            list.reserve_exact(8);
        }
        list.push(inci);
    }
}

fn benefits(entries: &[Entry]) -> Vec<Carries> {
    let mut carried: [Vec<&'static str>; Benefit::ALL.len()] = Default::default();
    // From each entry's summary: only an ingredient that carries a benefit has its record read,
    // for its name.
    for e in entries {
        let mut bits = Benefit::carried_by(e.summary.classes(), e.summary.traits());
        let Some(i) = e.ingredient.filter(|_| bits != 0) else {
            continue;
        };
        while bits != 0 {
            push_unique(&mut carried[bits.trailing_zeros() as usize], i.inci);
            bits &= bits - 1;
        }
    }
    Benefit::ALL
        .into_iter()
        .zip(carried)
        .filter(|(_, ingredients)| !ingredients.is_empty())
        .map(|(benefit, ingredients)| Carries {
            benefit,
            ingredients,
        })
        .collect()
}
