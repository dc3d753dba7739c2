//! Evidence-graded rules and tips, and the engine that checks a routine against them.
//!
//! Rules and tips are data (`data/advice/*.toml`, compiled by `glasskin-kb` into a [`Library`]).
//! Their types are in [`crate::kb::rules`], beside the sources they cite; this module evaluates
//! them. A
//! routine is a week of sessions (morning and evening on each day), each a list of products, plus
//! the person's profile.

mod checker;

use serde::Serialize;

use crate::analyze::{OnePercent, ProductList};
use crate::product::Product;
use crate::vocabulary;

// The rules' vocabulary, at the path the binaries and the knowledge base's build already use.
pub use crate::kb::rules::{
    Budget, Fix, ProfileCondition, Rule, RuleKind, Scope, Severity, SkinType, Term, Tip,
};

use checker::Checker;

/// The advice library: the evidence-graded rules a routine is checked against, and the tips they
/// point to. It is its own value, apart from the ingredients' knowledge base, so that reading a
/// label never carries the rules along.
#[derive(Debug)]
pub struct Library {
    /// The rules.
    pub rules: &'static [Rule],
    /// The tips.
    pub tips: &'static [Tip],
}

vocabulary! {
    /// Morning or evening.
    pub Time {
        Am = "am", "morning";
        Pm = "pm", "evening";
    }
}

/// Days of the week, Monday first.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// A term's test reads a routine's products, so it lives with the checker, not with the type.
impl Term {
    /// The first ingredient of a product that meets the term, if any.
    pub fn met_by(&self, p: &RoutineProduct) -> Option<&'static str> {
        if self.leave_on && p.product.rinse_off {
            return None;
        }
        p.list
            .entries
            .iter()
            .filter(|e| !e.may_contain)
            .enumerate()
            .find_map(|(n, e)| {
                let i = e.ingredient?;
                // Perlite in a sunscreen is texture, not a scrub.
                let class = self.classes.iter().any(|c| {
                    i.is(c) && (c != crate::Class::PhysicalExfoliant || p.product.scrubs())
                });
                let form = self.forms.is_empty()
                    || self.forms.iter().any(|want| {
                        i.form().is_some_and(|f| {
                            f.len() >= want.len() && f[..want.len()].eq_ignore_ascii_case(want)
                        })
                    });
                let strong = !self.above_one_percent
                    || match e.one_percent {
                        OnePercent::Above => true,
                        OnePercent::Below => e.percent.is_some_and(|p| p >= 1.0),
                        OnePercent::Unknown => n < 5,
                    };
                (class && form && strong).then_some(i.inci())
            })
    }
}

// A budget is read against a person's profile, as the checker and the planner both read it.
impl Budget {
    /// Exfoliation nights a week for this person: their skin type's (sensitive skin's for anyone
    /// sensitive), one fewer while a retinoid is introduced, none while the skin is irritated.
    pub fn nights(&self, person: &Profile) -> u8 {
        if person.irritated {
            return 0;
        }
        let mut nights = self.for_skin(person.skin_type);
        if person.sensitive {
            nights = nights.min(self.for_skin(SkinType::Sensitive));
        }
        if person.new_to_retinoids {
            nights = nights.saturating_sub(1);
        }
        nights
    }
}

impl Library {
    /// Exfoliation nights a week for this person, from the `exfoliation_budget` rule; none
    /// when the library has no such rule.
    pub fn exfoliation_budget(&self, person: &Profile) -> u8 {
        self.rules
            .iter()
            .find(|r| r.kind == RuleKind::ExfoliationBudget)
            .and_then(|r| r.budget.as_ref())
            .map_or(0, |b| b.nights(person))
    }
}

// A condition is read against a person's profile, which is the checker's.
impl ProfileCondition {
    /// Whether a person meets every condition.
    pub fn matches(&self, p: &Profile) -> bool {
        (!self.pregnant || p.pregnant)
            && (!self.breastfeeding || p.breastfeeding)
            && (!self.new_to_retinoids || p.new_to_retinoids)
            && (!self.irritated || p.irritated)
            && (self.skin_types.is_empty()
                || self.skin_types.contains(&p.skin_type)
                || (p.sensitive && self.skin_types.contains(&SkinType::Sensitive)))
    }
}

/// Every topic a tip may be filed under.
pub const TOPICS: &[&str] = &[
    "oil_cleanser",
    "water_cleanser",
    "exfoliant",
    "toner",
    "essence",
    "serum",
    "spot_treatment",
    "sheet_mask",
    "wash_off_mask",
    "eye_care",
    "moisturizer",
    "sleeping_mask",
    "face_oil",
    "sunscreen",
    "lip_care",
    "body",
    "acne",
    "dryness",
    "sensitivity",
    "pigmentation",
    "aging",
    "redness",
    "fungal_acne",
    "diet",
    "sleep",
    "exercise",
    "stress",
    "cleansing",
    "exfoliation",
    "layering",
    "seven_skin",
    "patch_test",
    "new_products",
    "pregnancy",
    "expiry",
    "sun",
];

/// The person a routine is for.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    /// Skin type.
    pub skin_type: SkinType,
    /// Sensitive, whatever the type.
    pub sensitive: bool,
    /// Pregnant or trying to be.
    pub pregnant: bool,
    /// Breastfeeding.
    pub breastfeeding: bool,
    /// Started a retinoid in the last few weeks.
    pub new_to_retinoids: bool,
    /// Skin currently irritated (stinging, peeling, redness).
    pub irritated: bool,
}

impl Default for Profile {
    fn default() -> Profile {
        Profile {
            skin_type: SkinType::Normal,
            sensitive: false,
            pregnant: false,
            breastfeeding: false,
            new_to_retinoids: false,
            irritated: false,
        }
    }
}

/// One product in a routine.
#[derive(Clone, Debug)]
pub struct RoutineProduct {
    /// What the person calls it.
    pub name: String,
    /// Its analysed ingredient list.
    pub list: ProductList,
    /// What glasskin understands it to be.
    pub product: Product,
    /// Started in the last four weeks.
    pub new: bool,
}

/// One session: the products used at one time of one day, in order.
#[derive(Clone, Debug)]
pub struct Session {
    /// Day of the week, 0 = Monday.
    pub day: usize,
    /// Morning or evening.
    pub time: Time,
    /// Indexes into [`Routine::products`].
    pub products: Vec<usize>,
}

/// A week of skin care.
#[derive(Debug, Default)]
pub struct Routine {
    /// Who it is for.
    pub profile: Profile,
    /// The products.
    pub products: Vec<RoutineProduct>,
    /// The sessions of the week.
    pub sessions: Vec<Session>,
}

/// Where in the week a finding happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct When {
    /// Day of the week, 0 = Monday.
    pub day: usize,
    /// The session's time, for session-scoped findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<Time>,
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let day = DAYS.get(self.day).copied().unwrap_or("?");
        match self.time {
            Some(time) => write!(f, "{day} {}", time.id()),
            None => f.write_str(day),
        }
    }
}

/// A rule that fired on a routine.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// The rule.
    #[cfg_attr(feature = "openapi", schema(value_type = Rule))]
    pub rule: &'static Rule,
    /// What happened, in a sentence.
    pub message: String,
    /// Names of the products involved.
    pub products: Vec<String>,
    /// The ingredients that met the rule's terms.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub ingredients: Vec<&'static str>,
    /// What resolves it here: the rule's fixes, less any that would change when or whether a
    /// sunscreen is used ([`Fix::changes_use`]) when the products involved are all sunscreens.
    pub fixes: Vec<Fix>,
    /// Where in the week (empty when the whole week is the point).
    pub when: Vec<When>,
    /// The tips the rule links to.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Tip>))]
    pub tips: Vec<&'static Tip>,
}

/// Checks a routine against every rule. Findings come most severe first.
pub fn check(routine: &Routine, library: &Library) -> Vec<Finding> {
    let checker = Checker::new(routine);
    let mut findings: Vec<Finding> = library
        .rules
        .iter()
        .filter(|rule| checker.profile_matches(&rule.profile))
        .filter_map(|rule| checker.evaluate(rule, library))
        .collect();
    // A rule for a narrower case replaces the broader one it names.
    let replaced: Vec<&str> = findings.iter().filter_map(|f| f.rule.overrides).collect();
    findings.retain(|f| !replaced.contains(&f.rule.id));
    findings.sort_by_key(|f| std::cmp::Reverse(f.rule.severity));
    findings
}
