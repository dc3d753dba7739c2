//! The planner: from a profile and a shelf, a morning and evening routine for every day of the
//! week, in Korean step order, with every placement explained.
//!
//! Most products go in every session they belong to (cleansers, toners, moisturiser, sunscreen).
//! The ones that need days chosen (retinoids, exfoliants, masks, products with a fixed
//! frequency, and daily products that clash with another) are placed by an exact
//! branch-and-bound search (`solver.rs`) under the hard constraints the rules and budgets give.
//! The finished week is checked by the rule engine, and what is left is reported.

mod gaps;
mod order;
mod placement;
mod solver;

use serde::Serialize;

use crate::advice::{
    self, DAYS, Finding, Library, Profile, Routine, RoutineProduct, Session, Time,
};
use crate::kb::Class;
use crate::product::Step;

use gaps::gaps;
use placement::{
    exfoliates, exfoliation_budget, is_retinoid, is_rinse_off, place, retinoid_target,
};

crate::vocabulary! {
    /// A skin concern a person wants the routine to address.
    pub Concern {
        Acne = "acne", "breakouts";
        Dullness = "dullness", "dull skin";
        Hyperpigmentation = "hyperpigmentation", "uneven tone and dark spots";
        FineLines = "fine_lines", "fine lines and wrinkles";
        Dehydration = "dehydration", "tight, thirsty skin";
        Redness = "redness", "redness";
        Texture = "texture", "rough texture";
        Pores = "pores", "enlarged pores";
    }
}

impl Concern {
    /// The ingredient classes that address it, most direct first.
    pub fn classes(self) -> &'static [Class] {
        match self {
            Concern::Acne => &[
                Class::Bha,
                Class::BenzoylPeroxide,
                Class::Retinoid,
                Class::AzelaicAcid,
                Class::Niacinamide,
            ],
            Concern::Dullness => &[Class::Aha, Class::VitaminC, Class::Pha, Class::Niacinamide],
            Concern::Hyperpigmentation => &[
                Class::VitaminC,
                Class::AzelaicAcid,
                Class::Niacinamide,
                Class::Retinoid,
                Class::Aha,
            ],
            Concern::FineLines => &[Class::Retinoid, Class::CopperPeptide, Class::VitaminC],
            Concern::Dehydration => &[Class::Humectant],
            Concern::Redness => &[Class::SoothingAgent, Class::AzelaicAcid, Class::Niacinamide],
            Concern::Texture => &[Class::Aha, Class::Bha, Class::Retinoid, Class::Pha],
            Concern::Pores => &[Class::Bha, Class::Niacinamide, Class::Retinoid],
        }
    }
}

/// Who the plan is for, and what they want from it.
#[derive(Clone, Debug, Default)]
pub struct PlanProfile {
    /// Skin type, sensitivity, pregnancy, retinoid and irritation status.
    pub person: Profile,
    /// What the routine should address.
    pub concerns: Vec<Concern>,
    /// Weeks of retinoid use so far; `None` when the person has not started one.
    pub retinoid_weeks: Option<u32>,
    /// Days (0 = Monday) the person wears sunscreen or make-up, which the evening's double
    /// cleanse removes. `None`: every day when the shelf has a sunscreen.
    pub makeup_days: Option<Vec<usize>>,
    /// Leave out products with fragrance.
    pub fragrance_free: bool,
    /// At most this many steps in a routine.
    pub max_steps: Option<usize>,
    /// Days (0 = Monday) with no time for a long routine: essentials only.
    pub short_days: Vec<usize>,
    /// The last plan's days for each product, by product name, as [morning, evening] day masks
    /// (bit 0 = Monday): the planner changes as little as it can from them.
    pub previous: Vec<(String, [u8; 2])>,
}

/// When a person wants a product used, overriding the planner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day.
    Daily,
    /// Every other day (four days a week).
    EveryOtherDay,
    /// This many days a week.
    TimesPerWeek(u8),
    /// On these days (0 = Monday).
    Days(Vec<usize>),
}

/// One product on the shelf.
#[derive(Debug)]
pub struct ShelfItem {
    /// The product, analysed and understood; `new` marks one not yet patch tested.
    pub product: RoutineProduct,
    /// A frequency the person fixed.
    pub frequency: Option<Frequency>,
    /// Only in the morning or only in the evening, when the person says so.
    pub time: Option<Time>,
    /// For a new product, where its patch test stands.
    pub patch_test: PatchTestState,
    /// Why it should no longer be used (past its period after opening or its best-before
    /// date): it is left out, and the gaps say to replace it.
    pub expired: Option<String>,
}

/// Where a new product's patch test stands. A product whose test passed is no longer new.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum PatchTestState {
    /// Not started: the plan gives it a week on the inner arm before it reaches the face.
    #[default]
    NotStarted,
    /// Running, with this many days left before it can pass.
    Running {
        /// Days until it can pass.
        days_left: u8,
    },
    /// It failed: the product is left out.
    Failed {
        /// What was seen.
        reaction: String,
    },
}

/// One step of a routine.
#[derive(Clone, Debug, Serialize)]
pub struct PlannedStep {
    /// Index into the shelf.
    pub product: usize,
    /// The product's name.
    pub name: String,
    /// Its routine step.
    pub step: Step,
    /// Layers to pat in (the 7-skin method), for toners.
    #[serde(skip_serializing_if = "is_one")]
    pub layers: u8,
}

fn is_one(n: &u8) -> bool {
    *n == 1
}

/// A morning or evening routine.
#[derive(Clone, Debug, Serialize)]
pub struct PlannedSession {
    /// Day of the week, 0 = Monday.
    pub day: usize,
    /// Morning or evening.
    pub time: Time,
    /// The steps, in order.
    pub steps: Vec<PlannedStep>,
}

/// A product being patch tested: on the inner arm, not yet on the face.
#[derive(Clone, Debug, Serialize)]
pub struct PatchTest {
    /// Index into the shelf.
    pub product: usize,
    /// The product's name.
    pub name: String,
    /// How to do it.
    pub how: &'static str,
}

/// One planned week, or several identical ones.
#[derive(Debug, Serialize)]
pub struct PlannedWeek {
    /// First week this applies to (1-based).
    pub from_week: u32,
    /// Last week it applies to; `None` for "and from then on".
    pub to_week: Option<u32>,
    /// Fourteen sessions: Monday AM, Monday PM, … Sunday PM.
    pub sessions: Vec<PlannedSession>,
    /// Products being patch tested this week.
    pub patch_tests: Vec<PatchTest>,
    /// Why products went where they did, and what could not be done.
    pub reasons: Vec<String>,
    /// What the rule engine still finds in this week.
    pub findings: Vec<Finding>,
}

impl PlannedWeek {
    /// Which weeks it covers, in words: "Every week", "Week 2", "Weeks 1–3", "From week 4 on".
    pub fn title(&self) -> String {
        match (self.from_week, self.to_week) {
            (1, None) => "Every week".to_owned(),
            (from, None) => format!("From week {from} on"),
            (from, Some(to)) if from == to => format!("Week {from}"),
            (from, Some(to)) => format!("Weeks {from}–{to}"),
        }
    }
}

impl PlannedSession {
    /// Its steps in a line: "Cleanser → Toner ×3 → Cream", or "rinse with water" for none.
    pub fn line(&self) -> String {
        if self.steps.is_empty() {
            return "rinse with water".to_owned();
        }
        let steps: Vec<String> = self
            .steps
            .iter()
            .map(|s| {
                if s.layers > 1 {
                    format!("{} ×{}", s.name, s.layers)
                } else {
                    s.name.clone()
                }
            })
            .collect();
        steps.join(" → ")
    }
}

/// What the shelf lacks for this person.
#[derive(Debug, Serialize)]
pub struct Gap {
    /// What is missing, in a sentence.
    pub message: String,
    /// Ingredient classes to look for.
    pub look_for: Vec<Class>,
}

/// The plan: weeks (a ramp-up, then the steady week), gaps, and hard constraints that could not
/// be met.
#[derive(Debug, Serialize)]
pub struct Plan {
    /// The weeks, in order; the last one repeats.
    pub weeks: Vec<PlannedWeek>,
    /// What the shelf lacks.
    pub gaps: Vec<Gap>,
    /// Products left out of every week, with why.
    pub left_out: Vec<String>,
    /// The objective the solver reached and its bound: equal when the week is proven optimal.
    pub score: Score,
}

/// The solver's objective for the steady week: how many wanted uses were placed (weighted by
/// priority) against the most that could be, and a spread penalty (lower is better).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Weighted uses placed.
    pub placed: u32,
    /// Weighted uses wanted: the bound on `placed`.
    pub wanted: u32,
    /// Penalty for uses of one product on neighbouring days and for uneven gaps.
    pub spread_penalty: u32,
    /// Whether the search finished, so the week is proven optimal.
    pub proven_optimal: bool,
}

/// How a product takes part in the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Every session of its times.
    Daily,
    /// On chosen days.
    Scheduled,
    /// Not in the face routine.
    Out,
}

/// What the planner decided about one product before choosing days.
#[derive(Clone, Debug)]
struct Placement {
    role: Role,
    /// Morning, evening, or both.
    times: Vec<Time>,
    /// Uses per week wanted at each time.
    target: u8,
    /// Days allowed (0 = Monday).
    days: Vec<usize>,
    /// Priority weight in the objective.
    weight: u32,
    /// Counts against the exfoliation budget.
    exfoliates: bool,
    /// A retinoid.
    retinoid: bool,
    /// Why, for the reasons list.
    why: String,
}

/// Plans the week for a profile and shelf.
pub fn plan(profile: &PlanProfile, shelf: &[ShelfItem], library: &Library) -> Plan {
    let mut left_out = Vec::new();
    let retinoid_on_shelf = shelf.iter().any(|s| is_retinoid(&s.product));
    let tretinoin_on_shelf = shelf.iter().any(|s| {
        s.product
            .product
            .actives
            .iter()
            .any(|a| a.form.is_some_and(|f| f.starts_with("tretinoin")))
    });
    let exfoliant_on_shelf = shelf.iter().any(|s| exfoliates(&s.product));
    let new_products: Vec<usize> = (0..shelf.len()).filter(|&i| shelf[i].product.new).collect();

    // Retinoid ramp-up: nights per week in each fortnight until the steady target, which leaves
    // the exfoliation nights free when the shelf has an exfoliant.
    let steady_retinoid = retinoid_target(&profile.person, None).min(if exfoliant_on_shelf {
        7 - exfoliation_budget(profile)
    } else {
        7
    });
    let ramp: Vec<u8> = match profile.retinoid_weeks {
        Some(weeks) if retinoid_on_shelf => (0..)
            .map(|w| retinoid_target(&profile.person, Some(weeks + w)).min(steady_retinoid))
            .take_while(|&t| t < steady_retinoid)
            .collect(),
        None if retinoid_on_shelf && profile.person.new_to_retinoids => (0..)
            .map(|w| retinoid_target(&profile.person, Some(w)).min(steady_retinoid))
            .take_while(|&t| t < steady_retinoid)
            .collect(),
        _ => Vec::new(),
    };
    // New products: one at a time, a week of patch testing each, then used from the next week.
    let introduce_week = |i: usize| -> u32 {
        match new_products.iter().position(|&n| n == i) {
            None => 1,
            Some(k) if is_rinse_off(&shelf[i].product) => 1 + k as u32,
            Some(k) => 2 + k as u32,
        }
    };
    // A new exfoliant ramps up too: one night in its first two weeks, then the full budget.
    const EXFOLIANT_RAMP_WEEKS: u32 = 2;
    let ramp_end = |i: usize| {
        introduce_week(i)
            + if exfoliates(&shelf[i].product) {
                EXFOLIANT_RAMP_WEEKS
            } else {
                0
            }
    };
    let horizon =
        (ramp.len() as u32 + 1).max(new_products.iter().map(|&i| ramp_end(i)).max().unwrap_or(1));

    let mut weeks: Vec<PlannedWeek> = Vec::new();
    let mut score = Score::default();
    let mut routine = Routine {
        profile: profile.person.clone(),
        products: shelf.iter().map(|s| s.product.clone()).collect(),
        sessions: Vec::new(),
    };
    for week in 1..=horizon {
        // The person as they will be that week: further into their retinoid.
        let mut this_week = profile.clone();
        let started = profile
            .retinoid_weeks
            .or((profile.person.new_to_retinoids && retinoid_on_shelf).then_some(0));
        if let Some(weeks_in) = started.filter(|_| retinoid_on_shelf) {
            let weeks_in = weeks_in + week - 1;
            this_week.retinoid_weeks = Some(weeks_in);
            this_week.person.new_to_retinoids = weeks_in < 6;
        }
        let profile = &this_week;
        let retinoid_nights = ramp
            .get(week as usize - 1)
            .copied()
            .unwrap_or(steady_retinoid);
        let mut placements: Vec<Placement> = shelf
            .iter()
            .map(|item| place(item, profile, retinoid_nights, tretinoin_on_shelf))
            .collect();
        let mut patch_tests = Vec::new();
        let mut reasons = Vec::new();
        for &i in &new_products {
            let start = introduce_week(i);
            if week < start {
                placements[i].role = Role::Out;
                if week + 1 == start && !is_rinse_off(&shelf[i].product) {
                    patch_tests.push(PatchTest {
                        product: i,
                        name: shelf[i].product.name.clone(),
                        how: "twice a day on a small patch of the inner arm for 7 to 10 days; stop if it itches, burns or reddens",
                    });
                } else {
                    reasons.push(format!(
                        "{} waits its turn: new products go in one at a time",
                        shelf[i].product.name
                    ));
                }
            } else if week == start {
                reasons.push(format!(
                    "{} starts this week, the only new product; judge it after 4 to 6 weeks",
                    shelf[i].product.name
                ));
            }
            if placements[i].exfoliates && week >= start && week < ramp_end(i) {
                placements[i].target = placements[i].target.min(1);
                reasons.push(format!(
                    "{}: one night a week while your skin gets used to it, then up to the budget",
                    shelf[i].product.name
                ));
            }
        }
        let outcome = solver::solve(profile, shelf, &placements, library);
        routine.profile = profile.person.clone();
        if week == horizon {
            score = outcome.score;
        }
        reasons.extend(outcome.reasons);
        let sessions = order::sessions(profile, shelf, &placements, &outcome.days);
        routine.sessions = sessions
            .iter()
            .map(|s| Session {
                day: s.day,
                time: s.time,
                products: s.steps.iter().map(|st| st.product).collect(),
            })
            .collect();
        let findings = advice::check(&routine, library);
        for (i, p) in placements.iter().enumerate() {
            if p.role == Role::Out && week == horizon && !new_products.contains(&i) {
                left_out.push(format!("{}: {}", shelf[i].product.name, p.why));
            } else if p.role != Role::Out && week == 1 {
                reasons.push(format!("{}: {}", shelf[i].product.name, p.why));
            }
        }
        // Identical consecutive weeks are shown once.
        if let Some(last) = weeks.last_mut()
            && same_sessions(&last.sessions, &sessions)
            && patch_tests.is_empty()
            && last.patch_tests.is_empty()
        {
            last.to_week = Some(week);
            continue;
        }
        weeks.push(PlannedWeek {
            from_week: week,
            to_week: Some(week),
            sessions,
            patch_tests,
            reasons,
            findings,
        });
    }
    if let Some(last) = weeks.last_mut() {
        last.to_week = None;
    }
    left_out.sort();
    left_out.dedup();
    Plan {
        gaps: gaps(profile, shelf),
        weeks,
        left_out,
        score,
    }
}

/// The steady week of a plan as [`PlanProfile::previous`] takes it.
pub fn days_by_product(week: &PlannedWeek) -> Vec<(String, [u8; 2])> {
    let mut days: Vec<(String, [u8; 2])> = Vec::new();
    for session in &week.sessions {
        for step in &session.steps {
            let bit = 1u8 << session.day;
            let t = session.time as usize;
            match days.iter_mut().find(|(n, _)| *n == step.name) {
                Some((_, masks)) => masks[t] |= bit,
                None => {
                    let mut masks = [0u8; 2];
                    masks[t] = bit;
                    days.push((step.name.clone(), masks));
                }
            }
        }
    }
    days
}

fn same_sessions(a: &[PlannedSession], b: &[PlannedSession]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.day == y.day
                && x.time == y.time
                && x.steps.len() == y.steps.len()
                && x.steps
                    .iter()
                    .zip(&y.steps)
                    .all(|(s, t)| s.product == t.product && s.layers == t.layers)
        })
}

/// A session's label: "mon am".
pub fn session_label(day: usize, time: Time) -> String {
    format!("{} {}", DAYS.get(day).copied().unwrap_or("?"), time.id())
}
