//! Which routine step a product is: the ingredients decide, a name tips a choice the list leaves
//! open, and a declared SPF makes a sunscreen.

use crate::kb::Ingredient;
use crate::label::sun_claims::{ClaimSource, DeclaredSpf};

use super::Step;
use super::facts::Facts;
use super::names::NameReading;
use super::{Base, Confidence};

/// The step the ingredients alone point at, with the reason, when they point at one.
fn ingredient_step(facts: &Facts) -> Option<(Step, String)> {
    if facts.major_uv_filters >= 2 {
        return Some((
            Step::Sunscreen,
            format!(
                "UV filters from EU Annex VI high on the list{}: {}",
                if facts.highlighted_filters > 0 {
                    " or given in the page's highlights"
                } else {
                    ""
                },
                names(&facts.uv_filters)
            ),
        ));
    }
    if facts.rinses_off_as_oil_cleanser()
        || (facts.oil_dominated() && facts.oil_cleanser_emulsifier)
    {
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

fn names(ingredients: &[Ingredient]) -> String {
    let names: Vec<&str> = ingredients.iter().map(|i| i.inci()).collect();
    names.join(", ")
}

/// Weighs the name against the ingredients: UV filters high on the list, or sun protection the
/// name or label declares, make a sunscreen whatever else the name says; a name decides when the
/// list is consistent with it; otherwise the list decides.
pub(super) fn infer(
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
            reasons.push(
                if step == Step::OilCleanser && facts.rinses_off_as_oil_cleanser() {
                    format!(
                        "{}, but oils with an emulsifier that rinses them off make an oil cleanser",
                        said(word)
                    )
                } else {
                    format!(
                        "{}, but the ingredients do not fit {}",
                        said(word),
                        a(named.label())
                    )
                },
            );
        }
        return (step, Confidence::Medium, reasons, Vec::new());
    }
    match hints.first() {
        Some(&(_, "treatment")) => {
            reasons.push(format!("{}, which names no form", said("treatment")))
        }
        Some(&(named, word)) => {
            reasons.push(said(word));
            reasons.push(if facts.coverage().mostly_unrecognised() {
                "too few of the ingredients were recognised to check it".into()
            } else {
                format!("the ingredients do not look like {}", a(named.label()))
            });
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

/// A step's name with its article: "a toner", "an essence".
fn a(label: &str) -> String {
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {label}")
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
    // Oils that rinse off as a milk are a cleanser, whatever form a name gives them: a "balm",
    // an "oil", a "gel". A name of an area (eye, lip, body) or a kind still stands.
    let leave_on_form = matches!(
        step,
        Step::Moisturizer
            | Step::SleepingMask
            | Step::FaceOil
            | Step::Serum
            | Step::Toner
            | Step::Essence
            | Step::SpotTreatment
    );
    if leave_on_form && facts.rinses_off_as_oil_cleanser() {
        return false;
    }
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
pub(super) const RINSE_OFF_WORDS: &[&str] = &[
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
        // Thermal water, a plain mist: nothing thickens it, so it is not a serum.
        Base::Water if facts.thickeners == 0 => (
            Step::Toner,
            "a thin, watery list with nothing to thicken it".into(),
        ),
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
        Base::Unknown if facts.items.is_empty() => {
            (Step::Other, "no recognised ingredients".into())
        }
        Base::Unknown => (
            Step::Other,
            "too few ingredients recognised to tell its form".into(),
        ),
    }
}
