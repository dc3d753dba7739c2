//! The planner: from a profile and a shelf, a morning and evening routine for every day of the
//! week, in Korean step order, with every placement explained.
//!
//! Most products go in every session they belong to (cleansers, toners, moisturiser, sunscreen).
//! The ones that need days chosen (retinoids, exfoliants, masks, products with a fixed
//! frequency, and daily products that clash with another) are placed by an exact
//! branch-and-bound search (`solver.rs`) under the hard constraints the rules and budgets give.
//! The finished week is checked by the rule engine, and what is left is reported.

mod choices;
mod gaps;
mod order;
mod placement;
mod solver;

use serde::Serialize;

use crate::advice::{
    self, DAYS, Finding, Library, Profile, Routine, RoutineProduct, Rule, RuleKind, Session,
    Severity, Time,
};
use crate::kb::Class;
use crate::product::Step;

use gaps::gaps;
use placement::{is_mask, is_rinse_off, place, retinoid_target};

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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = PlannedPatchTest))]
pub struct PatchTest {
    /// Index into the shelf.
    pub product: usize,
    /// The product's name.
    pub name: String,
    /// How to do it.
    pub how: String,
}

/// One planned week, or several identical ones.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl PlannedStep {
    /// The step as a person reads it: "Toner ×3" for three layers.
    pub fn label(&self) -> String {
        if self.layers > 1 {
            format!("{} ×{}", self.name, self.layers)
        } else {
            self.name.clone()
        }
    }
}

impl PlannedSession {
    /// Its steps in a line: "Cleanser → Toner ×3 → Cream", or "rinse with water" for none.
    pub fn line(&self) -> String {
        if self.steps.is_empty() {
            return "rinse with water".to_owned();
        }
        let steps: Vec<String> = self.steps.iter().map(PlannedStep::label).collect();
        steps.join(" → ")
    }
}

/// What the shelf lacks for this person.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Gap {
    /// What is missing, in a sentence.
    pub message: String,
    /// Ingredient classes to look for.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub look_for: Vec<Class>,
}

/// The plan: weeks (a ramp-up, then the steady week), gaps, and hard constraints that could not
/// be met.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    let n = shelf.len();
    let person = &profile.person;
    let tretinoin_on_shelf = shelf.iter().any(|s| {
        s.product
            .product
            .actives
            .iter()
            .any(|a| a.form.is_some_and(|f| f.starts_with("tretinoin")))
    });
    // What each product alone calls for, then what the shelf as a whole decides.
    let own: Vec<Placement> = shelf
        .iter()
        .map(|item| place(item, profile, 7, tretinoin_on_shelf, 1))
        .collect();
    let mut choices = choices::choose(profile, shelf, &own);
    let base: Vec<Placement> = own
        .into_iter()
        .zip(&choices.out)
        .map(|(p, out)| match out {
            Some(why) => Placement::left_out(why),
            None => p,
        })
        .collect();
    let retinoid_on_shelf = base.iter().any(|p| p.role != Role::Out && p.retinoid);
    let exfoliant_on_shelf = base.iter().any(|p| p.role != Role::Out && p.exfoliates);

    // Retinoid ramp-up: nights per week in each fortnight until the steady target, which leaves
    // the exfoliation nights of a settled retinoid user free when the shelf has an exfoliant. An
    // unknown start is a beginner's.
    let settled = Profile {
        new_to_retinoids: false,
        ..person.clone()
    };
    let steady_retinoid = retinoid_target(person, None).min(if exfoliant_on_shelf {
        7 - library.exfoliation_budget(&settled)
    } else {
        7
    });
    let weeks_in = retinoid_on_shelf.then(|| profile.retinoid_weeks.unwrap_or(0));
    let ramp: Vec<u8> = weeks_in.map_or_else(Vec::new, |weeks| {
        (0..)
            .map(|w| retinoid_target(person, Some(weeks + w)).min(steady_retinoid))
            .take_while(|&t| t < steady_retinoid)
            .collect()
    });
    // A new exfoliant starts once the retinoid's start leaves an exfoliation night.
    let first_exfoliation_week = (1..=RETINOID_NEW_WEEKS + 1)
        .find(|&week| {
            let mut that_week = person.clone();
            that_week.new_to_retinoids =
                weeks_in.is_some_and(|w| w + week - 1 < RETINOID_NEW_WEEKS);
            library.exfoliation_budget(&that_week) > 0
        })
        .unwrap_or(1);
    choices::start_weeks(
        profile,
        shelf,
        &|i| base[i].role != Role::Out,
        &|i| {
            if base[i].exfoliates {
                first_exfoliation_week
            } else {
                1
            }
        },
        &mut choices,
    );
    let new_products: Vec<usize> = (0..n)
        .filter(|&i| shelf[i].product.new && base[i].role != Role::Out)
        .collect();
    // A new exfoliant ramps up too: one night in its first two weeks, then the full budget.
    const EXFOLIANT_RAMP_WEEKS: u32 = 2;
    let ramp_end = |i: usize| {
        choices.starts[i]
            + if base[i].exfoliates {
                EXFOLIANT_RAMP_WEEKS
            } else {
                0
            }
    };
    // The week that repeats comes once the retinoid is settled and every new product is in.
    let settled_week = weeks_in.map_or(1, |w| RETINOID_NEW_WEEKS.saturating_sub(w) + 1);
    let horizon = (ramp.len() as u32 + 1)
        .max(settled_week)
        .max(new_products.iter().map(|&i| ramp_end(i)).max().unwrap_or(1));

    let mut weeks: Vec<PlannedWeek> = Vec::new();
    let mut score = Score::default();
    let mut left_out = Vec::new();
    let mut steady_out = vec![None; n];
    let mut routine = Routine {
        profile: person.clone(),
        products: shelf.iter().map(|s| s.product.clone()).collect(),
        sessions: Vec::new(),
    };
    for week in 1..=horizon {
        // The person as they will be that week: further into their retinoid.
        let mut this_week = profile.clone();
        if let Some(weeks) = weeks_in {
            let weeks = weeks + week - 1;
            this_week.retinoid_weeks = Some(weeks);
            this_week.person.new_to_retinoids = weeks < RETINOID_NEW_WEEKS;
        }
        let profile = &this_week;
        let budget = library.exfoliation_budget(&profile.person);
        let retinoid_nights = ramp
            .get(week as usize - 1)
            .copied()
            .unwrap_or(steady_retinoid);
        let mut placements: Vec<Placement> = (0..n)
            .map(|i| match &choices.out[i] {
                Some(why) => Placement::left_out(why),
                None => {
                    let mut p = place(
                        &shelf[i],
                        profile,
                        retinoid_nights,
                        tretinoin_on_shelf,
                        budget,
                    );
                    if let (Some((time, why)), true) = (&choices.times[i], p.role != Role::Out) {
                        p.times = vec![*time];
                        p.why.clone_from(why);
                    }
                    p
                }
            })
            .collect();
        leave_out_by_profile_rules(profile, shelf, &mut placements, library);
        let mut patch_tests = Vec::new();
        let mut reasons = Vec::new();
        for &i in &new_products {
            let name = &shelf[i].product.name;
            let start = choices.starts[i];
            if week < start {
                placements[i] = Placement::left_out("waits for its turn");
                if week + 1 == start && !is_rinse_off(&shelf[i].product) {
                    patch_tests.push(PatchTest {
                        product: i,
                        name: name.clone(),
                        how: patch_test_how(&shelf[i].patch_test),
                    });
                } else {
                    reasons.push(format!(
                        "{name} waits its turn: new products go in one at a time, {} weeks apart",
                        choices::START_SPACING
                    ));
                }
            } else if week == start && placements[i].role != Role::Out {
                reasons.push(format!(
                    "{name} starts this week, the only new product; judge it after 4 to 6 weeks"
                ));
            }
            // While it starts, it comes before the products it competes with for a night, so
            // it really starts the week its patch test led to.
            if week >= start && week < start + choices::START_SPACING {
                placements[i].weight += 1;
            }
            if placements[i].exfoliates && week >= start && week < ramp_end(i) {
                placements[i].target = placements[i].target.min(1);
                reasons.push(format!(
                    "{name}: one night a week while your skin gets used to it, then up to the budget"
                ));
            }
        }
        wait_for_sunscreen(profile, shelf, &mut placements, library);
        // Masks are never essential: not on a short day.
        for (i, placement) in placements.iter_mut().enumerate() {
            if is_mask(&shelf[i].product) {
                placement.days.retain(|d| !profile.short_days.contains(d));
            }
        }
        let outcome = solver::solve(profile, shelf, &placements, library);
        if week == horizon {
            score = outcome.score;
        }
        reasons.extend(outcome.reasons);
        let (sessions, cuts) = order::sessions(profile, shelf, &placements, &outcome.days);
        reasons.extend(cut_reasons(profile, shelf, &cuts));
        routine.profile = profile.person.clone();
        routine.sessions = sessions
            .iter()
            .map(|s| Session {
                day: s.day,
                time: s.time,
                products: s.steps.iter().map(|st| st.product).collect(),
            })
            .collect();
        // New on the face this week: started within the last four weeks.
        for (i, product) in routine.products.iter_mut().enumerate() {
            let start = choices.starts[i];
            product.new = shelf[i].product.new && start <= week && week < start + 4;
        }
        let findings = advice::check(&routine, library);
        reasons.extend(
            findings
                .iter()
                .filter(|f| f.rule.severity > Severity::Info)
                .map(|f| unavoidable(f, shelf)),
        );
        for (i, p) in placements.iter().enumerate() {
            if p.role == Role::Out && week == horizon {
                left_out.push(format!("{}: {}", shelf[i].product.name, p.why));
                steady_out[i] = Some(p.why.clone());
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
        gaps: gaps(profile, shelf, &steady_out),
        weeks,
        left_out,
        score,
    }
}

/// Weeks on a retinoid during which a person counts as new to it.
pub const RETINOID_NEW_WEEKS: u32 = 6;

impl Placement {
    /// Not in the face routine, with why.
    fn left_out(why: &str) -> Placement {
        Placement {
            role: Role::Out,
            times: Vec::new(),
            target: 0,
            days: Vec::new(),
            weight: 0,
            exfoliates: false,
            retinoid: false,
            why: why.to_owned(),
        }
    }
}

/// How to patch test a product, from where its test stands.
fn patch_test_how(state: &PatchTestState) -> String {
    match state {
        PatchTestState::Running { days_left } if *days_left > 0 => format!(
            "keep going: {days_left} more days on the inner arm; stop if it itches, burns or reddens"
        ),
        PatchTestState::Running { .. } => {
            "its patch test is ready to end: if the skin stayed calm, mark it passed".to_owned()
        }
        _ => "twice a day on a small patch of the inner arm for 7 to 10 days; stop if it itches, burns or reddens".to_owned(),
    }
}

/// Leaves out what a caution- or warning-level rule about the person (pregnancy, irritated skin)
/// advises against, with the rule's title as the reason.
fn leave_out_by_profile_rules(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    placements: &mut [Placement],
    library: &Library,
) {
    leave_out_by_rules(
        RuleKind::Profile,
        profile,
        shelf,
        placements,
        library,
        |rule| format!("{}: best left out for now (rule {})", rule.title, rule.id),
    );
}

/// With no sunscreen every morning this week (none on the shelf, or the only one patch tested
/// or left out), the actives that make skin sun-sensitive wait.
fn wait_for_sunscreen(
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    placements: &mut [Placement],
    library: &Library,
) {
    let is_sunscreen = |i: usize| shelf[i].product.product.is_sunscreen();
    let every_morning = (0..shelf.len()).any(|i| {
        let p = &placements[i];
        is_sunscreen(i)
            && p.role != Role::Out
            && p.times.contains(&Time::Am)
            && p.days.len() == 7
            && p.target == 7
    });
    if every_morning {
        return;
    }
    let why_none = match (0..shelf.len()).find(|&i| is_sunscreen(i)) {
        Some(i) => format!(
            "{} is not in use ({})",
            shelf[i].product.name, placements[i].why
        ),
        None => "there is no sunscreen on the shelf".to_owned(),
    };
    let why = format!(
        "waits for a sunscreen every morning, as it makes skin sun-sensitive, and {why_none}"
    );
    leave_out_by_rules(
        RuleKind::WithoutSunscreen,
        profile,
        shelf,
        placements,
        library,
        |_| why.clone(),
    );
}

/// Leaves out each product a term of a caution- or warning-level rule of this kind meets, for
/// this person, with the reason `why` gives for the rule.
fn leave_out_by_rules(
    kind: RuleKind,
    profile: &PlanProfile,
    shelf: &[ShelfItem],
    placements: &mut [Placement],
    library: &Library,
    why: impl Fn(&Rule) -> String,
) {
    let rules = library.rules.iter().filter(|r| {
        r.kind == kind && r.severity > Severity::Info && r.profile.matches(&profile.person)
    });
    for rule in rules {
        for (item, placement) in shelf.iter().zip(placements.iter_mut()) {
            // A rule never takes the sunscreen away: the finding stands, and says why.
            if item.product.product.is_sunscreen() {
                continue;
            }
            let meets = rule.terms.iter().any(|t| t.met_by(&item.product).is_some());
            if meets && placement.role != Role::Out {
                *placement = Placement::left_out(&why(rule));
            }
        }
    }
}

/// Why steps were cut from sessions: the step limit, or short days.
fn cut_reasons(profile: &PlanProfile, shelf: &[ShelfItem], cuts: &[order::Cut]) -> Vec<String> {
    let mut reasons = Vec::new();
    for short in [true, false] {
        let mut products: Vec<usize> = cuts
            .iter()
            .filter(|c| c.short == short)
            .map(|c| c.product)
            .collect();
        products.sort_unstable();
        products.dedup();
        for p in products {
            let when: Vec<String> = cuts
                .iter()
                .filter(|c| c.short == short && c.product == p)
                .map(|c| session_label(c.day, c.time))
                .collect();
            let why = if short {
                ": a short day keeps to the essentials".to_owned()
            } else {
                format!(
                    ", to keep to your {}-step limit",
                    profile.max_steps.unwrap_or_default()
                )
            };
            reasons.push(format!(
                "{}: left out on {}{why}",
                shelf[p].product.name,
                when.join(", ")
            ));
        }
    }
    reasons
}

/// A finding the plan could not avoid, and why: the products it involves are the essentials
/// every routine keeps, or the shelf lacks what would avoid it.
fn unavoidable(finding: &Finding, shelf: &[ShelfItem]) -> String {
    let essentials = finding.products.iter().all(|name| {
        shelf
            .iter()
            .find(|s| s.product.name == *name)
            .is_some_and(|s| placement::is_core(&s.product))
    });
    let why = if essentials {
        "they are essentials (cleanser, moisturiser, sunscreen) the plan keeps: a gentler one would avoid it"
    } else {
        "the shelf has nothing that would avoid it"
    };
    format!(
        "Could not avoid: {} ({}); {why}",
        finding.rule.title, finding.message
    )
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
