//! Product understanding: what a product is (its routine step), what it is like (rinse-off, base,
//! texture, actives) and what a person should know about it (flags, benefits), from its name and
//! its analysed ingredient list.
//!
//! The ingredients carry the weight: a name can only tip a choice the list leaves open. Sun
//! protection is the exception the labels force: US listings leave the active UV filters out of
//! the list (the Drug Facts panel gives them apart), so a name or label that declares an SPF makes
//! a sunscreen, and the declaration is kept apart from the filters found.
//!
//! What a product is free of is said only of what was read: the free-from flags carry how many
//! ingredients were recognised ([`Coverage`]), and a list mostly unrecognised opens with a
//! caution and claims no base, texture or freedom from anything.
//!
//! Understanding reads every entry's classes and traits and asks whether anything flags it: all
//! of that comes from the 8-byte [`Summary`](crate::kb::Summary) the lookup copied into the
//! entry (32 bits of classes, 24 of traits, two flags), and what the whole list says is gathered
//! once, before any question is asked. Only flagged ingredients, actives, the carriers of a
//! benefit and UV filters reach their records, for their names and facts: a rare ingredient's
//! record would be a trip to main memory.

use serde::Serialize;

mod benefits;
mod claims;
mod facts;
mod flags;
mod names;
mod step_inference;

// Traits are the knowledge base's; the old path stays for the knowledge base's build script.
pub use crate::kb::Traits;

use crate::analyze::{Entry, OnePercent, ProductList};
use crate::kb::{Class, ClassSet, Ingredient, UvaCoverage};
use crate::label::sun_claims::{ClaimSource, DeclaredSpf};
use names::read_name;

use benefits::benefits;
pub use claims::{ClaimCheck, ClaimVerdict};
use facts::{Facts, is_l_ascorbic_acid, is_mineral_filter};
use flags::flags;
use step_inference::{RINSE_OFF_WORDS, infer};

crate::vocabulary! {
    /// A routine step: the closed vocabulary products are sorted into, in routine order.
    pub Step {
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
}

/// What a product is made in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Too few of its ingredients were recognised to tell.
    Unknown,
}

/// How sure the step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Active {
    /// Its INCI name.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub inci: &'static str,
    /// The class that makes it an active.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub class: Class,
    /// Its specific form (retinoids, vitamin C, acids).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub form: Option<&'static str>,
    /// Above or below the 1% line, as its entry reads (unknown where the list gives no line): a
    /// rough strength band.
    pub strength: OnePercent,
    /// Whether it is in the major part of the list, which the routine's rules weigh: above the
    /// 1% line, or, with no line to go by, among the first five. Not a strength to show.
    #[serde(skip)]
    pub(crate) major: bool,
    /// A percentage the label printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f32>,
    /// Where it was read: the list, or a highlight outside it.
    #[serde(skip_serializing_if = "ActiveSource::is_list")]
    pub from: ActiveSource,
}

impl Active {
    /// In the major part of the list, which the routine's rules weigh.
    pub fn is_major(&self) -> bool {
        self.major
    }
}

/// Where an active was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActiveSource {
    /// The ingredient list.
    #[default]
    List,
    /// A highlight on the product's page ("-Zinc Oxide 14.5%: Sunscreen"), the list having left
    /// it out.
    Highlight,
}

impl ActiveSource {
    fn is_list(&self) -> bool {
        *self == ActiveSource::List
    }
}

/// UV protection a sunscreen's filters give.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UvCoverage {
    /// Some filter absorbs UVB.
    pub uvb: bool,
    /// The longest UVA reach of its filters.
    pub uva: UvaCoverage,
    /// The filters, as INCI names.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub filters: Vec<&'static str>,
    /// Those of them read from a highlight on the product's page, the list leaving them out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub highlighted: Vec<&'static str>,
}

/// A comedogenic rating worth a second look.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comedogenic {
    /// The ingredient.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub inci: &'static str,
    /// Its rating, 0–5.
    pub rating: u8,
    /// Where the rating comes from.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub source: &'static str,
}

/// How many of a list's ingredients (outside "may contain") were recognised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    /// The ingredients recognised.
    pub recognised: usize,
    /// The ingredients listed.
    pub listed: usize,
}

impl Coverage {
    /// Every ingredient was recognised.
    pub fn complete(self) -> bool {
        self.recognised == self.listed
    }

    /// Fewer than half were recognised, or there is no list (a page that gives only
    /// highlights): the list cannot be read with any confidence.
    pub fn mostly_unrecognised(self) -> bool {
        self.listed == 0 || 2 * self.recognised < self.listed
    }

    /// "among the 12 of 15 ingredients recognised", when some were not.
    pub fn among(self) -> Option<String> {
        (!self.complete()).then(|| {
            format!(
                "among the {} of {} ingredients recognised",
                self.recognised, self.listed
            )
        })
    }
}

/// What a person may want to know before using a product.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductFlags {
    /// No fragrance: no parfum or aroma, no essential oil or fragrance component, no EU
    /// fragrance allergen but a preservative (benzyl alcohol), and no unrecognised item that
    /// names one ("essential oil blend", "fragrance"). Holds among the recognised ingredients
    /// only (see `coverage`); false when most of the list was not recognised.
    pub fragrance_free: bool,
    /// No essential oil or fragrance component, and no unrecognised item that names an essential
    /// oil. Holds among the recognised ingredients only (see `coverage`); false when most of the
    /// list was not recognised.
    pub essential_oil_free: bool,
    /// No drying alcohol (alcohol denat., ethanol, isopropyl alcohol). Holds among the
    /// recognised ingredients only (see `coverage`); false when most of the list was not
    /// recognised.
    pub drying_alcohol_free: bool,
    /// How many ingredients were recognised: when `recognised` is less than `listed`, the
    /// free-from flags and `seven_skin` hold only among the recognised ones, and an unrecognised
    /// one may still be what they rule out.
    pub coverage: Coverage,
    /// Labelled EU fragrance allergens.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub eu_allergens: Vec<&'static str>,
    /// Ingredients commonly listed as fungal-acne triggers (see the caveat).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub fungal_acne_triggers: Vec<&'static str>,
    /// Ingredients rated 3 or more on the comedogenic scale (see the caveat).
    pub comedogenic: Vec<Comedogenic>,
    /// Why a pregnant person should ask before using it.
    pub pregnancy_caution: Vec<String>,
    /// Essential oils in a leave-on product that can burn and darken skin in sunlight (expressed
    /// citrus oils and a few others carrying furocoumarins): a product for the evening.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub phototoxic: Vec<&'static str>,
    /// EU regulatory notes: prohibited substances, and restrictions a label cannot show are met.
    pub eu_compliance: Vec<String>,
    /// A hydrating toner or essence with no acids, drying alcohol or fragrance: fit for layering
    /// several times (the 7-skin method). Never claimed of a list mostly unrecognised.
    pub seven_skin: bool,
}

/// The kinds of benefit an ingredient list can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Carries {
    /// The benefit.
    pub benefit: Benefit,
    /// The ingredients, in label order.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub ingredients: Vec<&'static str>,
}

/// Everything glasskin understands about one product.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    /// Said before anything else when most of the list was not recognised: what follows is a
    /// guess from the few ingredients that were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caution: Option<String>,
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
    /// What it is made in; `unknown` when most of the list was not recognised.
    pub base: Base,
    /// 1 (watery) to 5 (oil or balm): thinner layers go first. 3, the middle, when the base is
    /// unknown.
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
    /// The label's free-from claims, each checked against the list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimCheck>,
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
        let highlighted = if uv.highlighted.is_empty() {
            String::new()
        } else {
            format!(
                "; {} read from the page's highlights, not the list",
                uv.highlighted.join(", ")
            )
        };
        Some(format!(
            "{}, {uva} ({}){highlighted}",
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

// Which classes make an active is the knowledge base's.
use crate::kb::{ACTIVE_CLASSES, ACTIVES};
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

/// The forms of the retinoid drugs (tretinoin, adapalene, tazarotene…): treatments for the whole
/// face, and the retinoids pregnancy avoids most.
const RETINOID_DRUGS: [&str; 5] = [
    "tretinoin",
    "isotretinoin",
    "adapalene",
    "tazarotene",
    "trifarotene",
];

/// Whether a retinoid's form is a drug's.
pub(crate) fn is_retinoid_drug(form: &str) -> bool {
    RETINOID_DRUGS.iter().any(|d| form.starts_with(d))
}

/// Whether a retinoid is a retinyl ester below the 1% line: a cream's or a sunscreen's vitamin,
/// within the EU's limits, not a treatment.
pub(crate) fn is_trace_retinyl_ester(form: &str, place: OnePercent) -> bool {
    form.starts_with("retinyl ester") && place != OnePercent::Above
}

/// Whether a product of this step (and these other steps) is a sunscreen.
fn is_sunscreen(step: Step, also: &[Step]) -> bool {
    step == Step::Sunscreen || also.contains(&Step::Sunscreen)
}

/// The step a drug's label decides, whatever the inferred one (`step`), with the reason:
/// - a retinoid drug (tretinoin, adapalene, tazarotene, trifarotene) goes thinly on the whole
///   face, whatever its base or a name's "acne treatment" suggests: a treatment serum's place;
/// - zinc oxide printed at 10% or more, alone, with no SPF declared is the skin protectant of a
///   nappy-rash or chafing paste (a sunscreen declares its SPF): for the body.
fn drug_step(
    list: &ProductList,
    step: Step,
    uv_declared: Option<&DeclaredSpf>,
) -> Option<(Step, String)> {
    let listed = || list.entries.iter().filter(|e| !e.may_contain);
    let retinoid = listed().find_map(|e| {
        let i = e.ingredient?;
        (i.is(Class::Retinoid) && is_retinoid_drug(i.form()?)).then_some(i.inci())
    });
    let treatment_form = matches!(
        step,
        Step::SpotTreatment | Step::Moisturizer | Step::Serum | Step::Other
    );
    if let Some(inci) = retinoid.filter(|_| treatment_form) {
        let why = format!(
            "{inci} is a retinoid drug, applied thinly to the whole face: a treatment serum's place"
        );
        return Some((Step::Serum, why));
    }
    let mut strengths = listed().filter(|e| e.percent.is_some());
    let zinc = strengths.next()?;
    let percent = zinc.percent.filter(|&p| p >= 10.0)?;
    let protectant = zinc.ingredient?.inci() == "ZINC OXIDE"
        && strengths.next().is_none()
        && uv_declared.is_none();
    protectant.then(|| {
        let why = format!(
            "zinc oxide {percent}% with no SPF declared: a skin-protectant paste, for the body"
        );
        (Step::Body, why)
    })
}

/// A Drug Facts list in the order its amounts most likely take: actives of 1% or more first (a
/// sunscreen's filters, a wash's salicylic acid), then the vehicle's water and lipids, the rest
/// of the alphabetical inactive ingredients as listed, and actives potent at a fraction of a
/// percent (a retinoid) last. Only understanding reads this order; the list as printed stays.
fn likely_order(entries: &[Entry], alphabetical_from: usize) -> Vec<Entry> {
    let (actives, inactive) = entries.split_at(alphabetical_from.min(entries.len()));
    let has = |e: &Entry, t: Traits| e.summary.traits().has(t);
    let strong = |e: &&Entry| e.percent.is_some_and(|p| p >= 1.0);
    let mut ordered: Vec<Entry> = Vec::with_capacity(entries.len());
    ordered.extend(actives.iter().filter(strong).cloned());
    ordered.extend(inactive.iter().filter(|e| has(e, Traits::WATERY)).cloned());
    ordered.extend(
        inactive
            .iter()
            .filter(|e| !has(e, Traits::WATERY) && has(e, Traits::LIPID))
            .cloned(),
    );
    ordered.extend(
        inactive
            .iter()
            .filter(|e| !has(e, Traits::WATERY) && !has(e, Traits::LIPID))
            .cloned(),
    );
    // Their strengths are the product's, read from the list as printed; here they only close it.
    ordered.extend(actives.iter().filter(|e| !strong(e)).map(|e| Entry {
        one_percent: OnePercent::Unknown,
        ..e.clone()
    }));
    ordered
}

/// Whether particles in a product scrub: in a rinse-off product, an exfoliant or a cleanser. In
/// a leave-on cream or sunscreen, perlite or silica gives texture; it is not a scrub.
fn scrubs(step: Step, also: &[Step], rinse_off: bool) -> bool {
    let scrubbing = |s: &Step| {
        matches!(
            s,
            Step::Exfoliant | Step::WaterCleanser | Step::OilCleanser | Step::WashOffMask
        )
    };
    rinse_off || scrubbing(&step) || also.iter().any(scrubbing)
}

impl Product {
    /// Whether it is a sunscreen, first or also.
    pub fn is_sunscreen(&self) -> bool {
        is_sunscreen(self.step, &self.also)
    }

    /// Whether it is a retinoid treatment, to be used as one (evenings, building up): a retinoid
    /// at any level, but not a retinyl ester below the 1% line (a moisturiser's or sunscreen's
    /// vitamin), and never a sunscreen.
    pub fn is_retinoid_treatment(&self) -> bool {
        !self.is_sunscreen()
            && self.actives.iter().any(|a| {
                a.class == Class::Retinoid
                    && !a
                        .form
                        .is_some_and(|f| is_trace_retinyl_ester(f, a.strength))
            })
    }

    /// Whether a night with it counts against the exfoliation budget: an exfoliant, or a leave-on
    /// with an AHA or BHA in its major part. Two gentler kinds do not count: one whose only acids
    /// are polyhydroxy acids (PHAs, large molecules that barely penetrate), and a leave-on
    /// salicylic acid acne treatment at a printed 0.5–2%, an over-the-counter drug labelled for
    /// daily use. Never a sunscreen: no budget may take a morning's sunscreen away.
    pub fn exfoliates(&self) -> bool {
        if self.is_sunscreen() {
            return false;
        }
        // Read on every day of a week checked: no allocation.
        let exfoliating = || self.actives.iter().filter(|a| EXFOLIANTS.contains(a.class));
        let any = exfoliating().next().is_some();
        let only_pha = any && exfoliating().all(|a| a.class == Class::Pha);
        // A printed strength is the mark of a Drug Facts label; a cosmetic list gives none.
        let acne_treatment = !self.rinse_off
            && any
            && exfoliating().all(|a| {
                a.form == Some("salicylic acid")
                    && a.percent.is_some_and(|p| (0.5..=2.0).contains(&p))
            });
        if only_pha || acne_treatment {
            return false;
        }
        let is_exfoliant = self.step == Step::Exfoliant || self.also.contains(&Step::Exfoliant);
        is_exfoliant
            || (!self.rinse_off
                && exfoliating().any(|a| matches!(a.class, Class::Aha | Class::Bha) && a.major))
    }

    /// Whether the physical exfoliants it holds scrub ([`Class::PhysicalExfoliant`] counts only
    /// then).
    pub fn scrubs(&self) -> bool {
        scrubs(self.step, &self.also, self.rinse_off)
    }
}

/// Understands a product from its name (optional), its analysed list and a step the person
/// declared (which wins).
pub fn understand(name: Option<&str>, list: &ProductList, declared: Option<Step>) -> Product {
    let by_amount = list
        .alphabetical_from
        .map(|from| likely_order(&list.entries, from));
    let mut facts = Facts::of(by_amount.as_deref().unwrap_or(&list.entries));
    let highlighted = highlighted_only(list);
    // A page that gives its filters only in a highlight ("-Zinc Oxide 14.5%: Sunscreen") has
    // them at that strength: they count as the list's own.
    for (ingredient, _) in highlighted.iter().filter(|(i, _)| i.is(Class::UvFilter)) {
        facts.uv_filters.push(*ingredient);
        facts.major_uv_filters += 1;
        facts.highlighted_filters += 1;
    }
    let reading = read_name(name.unwrap_or(""));
    // The name's declaration first: it is the product's own; the label's text may hold others'.
    let uv_declared = reading.claim.clone().or_else(|| list.uv_declared.clone());
    let (step, mut confidence, reasons, also) = match declared {
        Some(step) => (
            step,
            Confidence::High,
            vec![format!("declared as {}", step.label())],
            Vec::new(),
        ),
        None => infer(&reading, uv_declared.as_ref(), &facts),
    };
    let (step, reasons) = match drug_step(list, step, uv_declared.as_ref()) {
        Some((drug_step, why)) if declared.is_none() => {
            let mut reasons = reasons;
            reasons.push(why);
            (drug_step, reasons)
        }
        _ => (step, reasons),
    };
    let coverage = facts.coverage();
    let caution = coverage
        .mostly_unrecognised()
        .then(|| unread_caution(coverage));
    if caution.is_some() && declared.is_none() {
        confidence = Confidence::Low;
    }
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
    let scrubbing = scrubs(step, &also, rinse_off);
    let active_class = |ingredient: Ingredient| {
        ACTIVE_CLASSES
            .iter()
            .copied()
            .find(|c| ingredient.is(*c) && (*c != Class::PhysicalExfoliant || scrubbing))
    };
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
            let class = active_class(ingredient)?;
            Some(Active {
                inci: ingredient.inci(),
                class,
                form: ingredient.form(),
                // The entry's own reading, so the product says what the list says.
                strength: e.one_percent,
                // With no line to go by, the first five of a list in order of amount are the
                // major part; an alphabetical list's order says nothing.
                major: e.one_percent == OnePercent::Above
                    || (e.one_percent == OnePercent::Unknown
                        && n < 5
                        && list.alphabetical_from.is_none()),
                percent: e
                    .percent
                    .or_else(|| highlighted_percent(list, ingredient.inci())),
                from: ActiveSource::List,
            })
        })
        .chain(highlighted.iter().filter_map(|&(ingredient, percent)| {
            let class = active_class(ingredient)?;
            Some(Active {
                inci: ingredient.inci(),
                class,
                form: ingredient.form(),
                strength: match percent {
                    Some(p) if p >= 1.0 => OnePercent::Above,
                    Some(_) => OnePercent::Below,
                    None => OnePercent::Unknown,
                },
                major: percent.is_some_and(|p| p >= 1.0),
                percent,
                from: ActiveSource::Highlight,
            })
        }))
        .collect();
    let needs_low_ph = actives.iter().any(|a| {
        a.major && (matches!(a.class, Class::Aha | Class::Bha) || is_l_ascorbic_acid(a.form))
    });
    // Zinc oxide and titanium dioxide are also pigments and skin protectants: they count as
    // filters in a sunscreen, or beside an organic filter.
    let filters: Vec<Ingredient> =
        if is_sunscreen(step, &also) || facts.uv_filters.iter().any(|i| !is_mineral_filter(i)) {
            facts.uv_filters.clone()
        } else {
            Vec::new()
        };
    let uv = (!filters.is_empty()).then(|| UvCoverage {
        uvb: filters.iter().any(|i| i.uv().is_some_and(|u| u.uvb)),
        uva: filters
            .iter()
            .filter_map(|i| i.uv().map(|u| u.uva))
            .max_by_key(|u| match u {
                UvaCoverage::None => 0,
                UvaCoverage::Short => 1,
                UvaCoverage::Long => 2,
            })
            .unwrap_or(UvaCoverage::None),
        filters: filters.iter().map(|i| i.inci()).collect(),
        highlighted: filters
            .iter()
            .filter(|f| highlighted.iter().any(|(h, _)| h.inci() == f.inci()))
            .map(|i| i.inci())
            .collect(),
    });
    let flags = flags(&list.entries, &facts, step, &also, rinse_off);
    Product {
        caution,
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
        claims: claims::check(&list.claims, &list.entries, coverage),
    }
}

/// The actives and UV filters a page highlights that its list leaves out, with any percentage.
fn highlighted_only(list: &ProductList) -> Vec<(Ingredient, Option<f32>)> {
    let mut found: Vec<(Ingredient, Option<f32>)> = Vec::new();
    for h in &list.highlights {
        let Some(ingredient) = h.ingredient else {
            continue;
        };
        let matters = h.names_an_active();
        let listed = list
            .entries
            .iter()
            .any(|e| e.ingredient.is_some_and(|i| i.inci() == ingredient.inci()));
        if matters && !listed && !found.iter().any(|(i, _)| i.inci() == ingredient.inci()) {
            found.push((ingredient, h.percent));
        }
    }
    found
}

/// A percentage a highlight gives an ingredient the list names without one.
fn highlighted_percent(list: &ProductList, inci: &str) -> Option<f32> {
    list.highlights
        .iter()
        .find(|h| h.ingredient.is_some_and(|i| i.inci() == inci))
        .and_then(|h| h.percent)
}

/// The caution a list mostly unrecognised opens with.
fn unread_caution(coverage: Coverage) -> String {
    if coverage.listed == 0 {
        "no ingredient list was found: its form and what it is free of cannot be told".to_owned()
    } else if coverage.recognised == 0 {
        format!(
            "none of its {} ingredients was recognised: its form and what it is free of cannot be told, and any step comes from its name alone",
            coverage.listed
        )
    } else {
        format!(
            "only {} of its {} ingredients were recognised: its step is only a guess, and its form and what it is free of cannot be told",
            coverage.recognised, coverage.listed
        )
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
