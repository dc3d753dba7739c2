//! Planner scenarios: realistic profiles and shelves, each checked for the properties a plan must
//! have (Korean order, no warning inside a session, exfoliation within budget, sunscreen last
//! every morning, determinism), plus what the scenario is about.

use glasskin_core::advice::{Profile, RoutineProduct, RuleKind, Severity, SkinType, Time};
use glasskin_core::plan::{
    Concern, Frequency, PatchTestState, Plan, PlanProfile, PlannedWeek, ShelfItem,
};
use glasskin_core::{Class, OnePercent, Step};
use proptest::prelude::*;

use crate::common::*;

struct Shelf(Vec<ShelfItem>);

impl Shelf {
    fn new() -> Shelf {
        Shelf(Vec::new())
    }

    fn with(self, name: &str, label: &str) -> Shelf {
        self.item(name, label, false, None, None, None)
    }

    fn new_product(self, name: &str, label: &str) -> Shelf {
        self.item(name, label, true, None, None, None)
    }

    fn fixed(self, name: &str, label: &str, frequency: Frequency) -> Shelf {
        self.item(name, label, false, Some(frequency), None, None)
    }

    fn declared(self, name: &str, label: &str, step: Step) -> Shelf {
        self.item(name, label, false, None, None, Some(step))
    }

    fn item(
        mut self,
        name: &str,
        label: &str,
        new: bool,
        frequency: Option<Frequency>,
        time: Option<Time>,
        step: Option<Step>,
    ) -> Shelf {
        let kb = glasskin_kb::kb();
        let analysis = glasskin_core::analyze(label, kb);
        let list = analysis.products.into_iter().next().expect("a list");
        let product = glasskin_core::understand(Some(name), &list, step);
        self.0.push(ShelfItem {
            product: RoutineProduct {
                name: name.to_owned(),
                list,
                product,
                new,
            },
            frequency,
            time,
            patch_test: PatchTestState::default(),
            expired: None,
        });
        self
    }

    /// A basic shelf: cleansers, toner, moisturiser, sunscreen.
    fn basics() -> Shelf {
        Shelf::new()
            .with("oil cleanser", OIL_CLEANSER)
            .with("cleanser", GENTLE_CLEANSER)
            .with("toner", TONER)
            .with("cream", CREAM)
            .declared("sunscreen", MINERAL_SUNSCREEN, Step::Sunscreen)
    }

    fn index(&self, name: &str) -> usize {
        self.0
            .iter()
            .position(|s| s.product.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    }
}

fn person(change: impl FnOnce(&mut PlanProfile)) -> PlanProfile {
    let mut profile = PlanProfile::default();
    change(&mut profile);
    profile
}

fn plan(profile: &PlanProfile, shelf: &Shelf) -> Plan {
    let plan = glasskin_core::plan::plan(profile, &shelf.0, glasskin_kb::advice());
    assert_sound(profile, shelf, &plan);
    plan
}

fn steady(plan: &Plan) -> &PlannedWeek {
    plan.weeks.last().expect("a week")
}

/// Days (0 = Monday) a product is used at a time in a week.
fn days_of(week: &PlannedWeek, product: usize, time: Time) -> Vec<usize> {
    week.sessions
        .iter()
        .filter(|s| s.time == time && s.steps.iter().any(|st| st.product == product))
        .map(|s| s.day)
        .collect()
}

/// A retinoid treatment: any retinoid but a retinyl ester below the 1% line (a cream's or a
/// sunscreen's vitamin), never in a sunscreen.
fn is_retinoid(item: &ShelfItem) -> bool {
    let p = &item.product.product;
    let sunscreen = p.step == Step::Sunscreen || p.also.contains(&Step::Sunscreen);
    !sunscreen
        && p.actives.iter().any(|a| {
            a.class == Class::Retinoid
                && !(a.form.is_some_and(|f| f.starts_with("retinyl ester"))
                    && a.strength != OnePercent::Above)
        })
}

/// An exfoliation night, as docs/domain.md counts them: an exfoliant, or a leave-on with an AHA
/// or BHA in its major part; never a sunscreen, a product whose only acids are PHAs, or a
/// salicylic acid acne treatment at a printed 0.5–2%.
fn exfoliates(item: &ShelfItem) -> bool {
    let p = &item.product.product;
    let exfoliating: Vec<_> = p
        .actives
        .iter()
        .filter(|a| {
            matches!(
                a.class,
                Class::Aha
                    | Class::Bha
                    | Class::Pha
                    | Class::EnzymeExfoliant
                    | Class::PhysicalExfoliant
            )
        })
        .collect();
    let sunscreen = p.step == Step::Sunscreen || p.also.contains(&Step::Sunscreen);
    let only_pha = !exfoliating.is_empty() && exfoliating.iter().all(|a| a.class == Class::Pha);
    let acne_treatment = !p.rinse_off
        && !exfoliating.is_empty()
        && exfoliating.iter().all(|a| {
            a.form == Some("salicylic acid")
                && a.percent.is_some_and(|pc| (0.5..=2.0).contains(&pc))
        });
    if sunscreen || only_pha || acne_treatment {
        return false;
    }
    p.step == Step::Exfoliant
        || p.also.contains(&Step::Exfoliant)
        || (!p.rinse_off
            && exfoliating
                .iter()
                .any(|a| matches!(a.class, Class::Aha | Class::Bha) && a.is_major()))
}

fn stage(item: &ShelfItem, time: Time) -> u8 {
    let product = &item.product.product;
    match product.step {
        Step::OilCleanser => 0,
        Step::WaterCleanser => 1,
        Step::Exfoliant if product.rinse_off => 2,
        Step::Exfoliant => 5,
        Step::WashOffMask => 3,
        Step::Toner => 4,
        Step::Essence => 6,
        Step::Serum | Step::SpotTreatment => 7,
        Step::SheetMask => 9,
        Step::EyeCare => 10,
        Step::Moisturizer => 11,
        Step::SleepingMask | Step::FaceOil if time == Time::Pm => 12,
        Step::LipCare => 13,
        Step::Sunscreen => 14,
        _ => 11,
    }
}

/// The exfoliation budget docs/plan.md states, for the person as they are in a week.
fn budget(person: &Profile) -> usize {
    if person.irritated {
        return 0;
    }
    let by_type = match person.skin_type {
        _ if person.sensitive => 1,
        SkinType::Dry | SkinType::Sensitive => 1,
        SkinType::Normal | SkinType::Combination => 2,
        SkinType::Oily => 3,
    };
    by_type - usize::from(person.new_to_retinoids)
}

/// Products a rule says need a sunscreen every morning (AHAs, retinoids, leave-on BHAs).
fn sun_sensitising(item: &ShelfItem) -> bool {
    glasskin_kb::advice().rules.iter().any(|r| {
        r.kind == RuleKind::WithoutSunscreen
            && r.severity > Severity::Info
            && r.terms.iter().any(|t| t.met_by(&item.product).is_some())
    })
}

fn is_mask(step: Step) -> bool {
    matches!(
        step,
        Step::SheetMask | Step::WashOffMask | Step::SleepingMask
    )
}

/// The properties every plan must have: in every week, Korean order, sunscreen last every
/// morning it is used, one water-based wash and one mask a session, the step limits and short
/// days kept, exfoliation within the budget, no sun-sensitising active in a week without
/// sunscreen every morning, nothing expired, and nothing above `info` that the week does not
/// explain; new products start alone, weeks apart, the non-rinse-off ones after a patch test;
/// the same inputs give the same plan, proven optimal.
fn assert_sound(profile: &PlanProfile, shelf: &Shelf, plan: &Plan) {
    let uses_retinoid = plan.weeks.iter().any(|w| {
        w.sessions.iter().flat_map(|s| &s.steps).any(|st| {
            // An exfoliant with a little retinoid counts as an exfoliant.
            let item = &shelf.0[st.product];
            is_retinoid(item) && !exfoliates(item)
        })
    });
    for week in &plan.weeks {
        assert_eq!(week.sessions.len(), 14, "fourteen sessions a week");
        let title = week.title();
        for finding in week
            .findings
            .iter()
            .filter(|f| f.rule.severity > Severity::Info)
        {
            let explained = format!("Could not avoid: {}", finding.rule.title);
            assert!(
                week.reasons.iter().any(|r| r.starts_with(&explained)),
                "{title}: {} unexplained: {}",
                finding.rule.id,
                finding.message
            );
        }
        let mut person = profile.person.clone();
        if uses_retinoid {
            let weeks_in = profile.retinoid_weeks.unwrap_or(0) + week.from_week - 1;
            person.new_to_retinoids = weeks_in < 6;
        }
        let budget = budget(&person);
        let exfoliation_days = (0..7)
            .filter(|&d| {
                week.sessions
                    .iter()
                    .filter(|s| s.day == d)
                    .flat_map(|s| &s.steps)
                    .any(|st| exfoliates(&shelf.0[st.product]))
            })
            .count();
        assert!(
            exfoliation_days <= budget,
            "{title}: {exfoliation_days} exfoliation days, budget {budget}: {:?}",
            week.sessions
                .iter()
                .flat_map(|s| s.steps.iter().map(move |st| (s.day, s.time, st)))
                .filter(|(_, _, st)| exfoliates(&shelf.0[st.product]))
                .map(|(d, t, st)| format!("{d} {t:?} {}", st.name))
                .collect::<Vec<_>>()
        );
        let sunscreen_mornings = week
            .sessions
            .iter()
            .filter(|s| s.time == Time::Am && s.steps.iter().any(|st| st.step == Step::Sunscreen))
            .count();
        for session in &week.sessions {
            let what = format!("{title}, day {} {:?}", session.day, session.time);
            let steps: Vec<Step> = session.steps.iter().map(|s| s.step).collect();
            let stages: Vec<u8> = session
                .steps
                .iter()
                .map(|s| stage(&shelf.0[s.product], session.time))
                .collect();
            assert!(
                stages.windows(2).all(|w| w[0] <= w[1]),
                "{what}: steps out of order: {steps:?}"
            );
            if steps.contains(&Step::Sunscreen) {
                assert_eq!(
                    steps.last(),
                    Some(&Step::Sunscreen),
                    "{what}: sunscreen last"
                );
            }
            let washes = steps.iter().filter(|&&s| s == Step::WaterCleanser).count();
            assert!(washes <= 1, "{what}: {washes} water-based washes");
            let masks = steps.iter().filter(|&&s| is_mask(s)).count();
            assert!(masks <= 1, "{what}: {masks} masks");
            let short = profile.short_days.contains(&session.day);
            if short {
                assert!(masks == 0, "{what}: a mask on a short day");
            }
            let limit = match (short, profile.max_steps) {
                (true, max) => max.unwrap_or(4).min(4),
                (false, Some(max)) => max,
                (false, None) => usize::MAX,
            };
            assert!(
                steps.len() <= limit,
                "{what}: {} steps, limit {limit}",
                steps.len()
            );
            for step in &session.steps {
                let item = &shelf.0[step.product];
                assert!(
                    item.expired.is_none(),
                    "{what}: {} is expired",
                    item.product.name
                );
                if sun_sensitising(item) {
                    assert_eq!(
                        sunscreen_mornings, 7,
                        "{what}: {} without sunscreen every morning",
                        item.product.name
                    );
                }
            }
        }
    }
    // New products: the week each first reaches the face.
    let mut starts: Vec<(u32, usize)> = Vec::new();
    for (i, item) in shelf.0.iter().enumerate().filter(|(_, s)| s.product.new) {
        let first = plan.weeks.iter().find(|w| {
            w.sessions
                .iter()
                .any(|s| s.steps.iter().any(|st| st.product == i))
        });
        let Some(first) = first else { continue };
        starts.push((first.from_week, i));
        if !item.product.product.rinse_off {
            assert!(
                first.from_week > 1,
                "{} skipped its patch test",
                item.product.name
            );
            // Patch tested before it reaches the face (it may then wait for a free night).
            let tested = plan.weeks.iter().any(|w| {
                w.to_week.is_some_and(|to| to < first.from_week)
                    && w.patch_tests.iter().any(|t| t.product == i)
            });
            assert!(
                tested,
                "{}: no patch test before it starts",
                item.product.name
            );
        }
    }
    starts.sort_unstable();
    for pair in starts.windows(2) {
        assert!(
            pair[1].0 >= pair[0].0 + 2,
            "new products start together: {:?}",
            pair
        );
    }
    // The same inputs give the same plan.
    let again = glasskin_core::plan::plan(profile, &shelf.0, glasskin_kb::advice());
    assert_eq!(
        serde_json::to_string(plan).expect("plan serialises"),
        serde_json::to_string(&again).expect("plan serialises"),
        "deterministic"
    );
    assert!(plan.score.proven_optimal, "proven optimal");
    assert!(plan.score.placed <= plan.score.wanted);
}

#[test]
fn beginner_with_four_products() {
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("toner", TONER)
        .with("cream", CREAM)
        .with("sunscreen", SUNSCREEN);
    let profile = person(|_| {});
    let plan = plan(&profile, &shelf);
    assert_eq!(plan.weeks.len(), 1, "nothing to ramp up");
    let week = steady(&plan);
    let monday_am: Vec<Step> = week.sessions[0].steps.iter().map(|s| s.step).collect();
    assert_eq!(
        monday_am,
        [
            Step::WaterCleanser,
            Step::Toner,
            Step::Moisturizer,
            Step::Sunscreen
        ]
    );
    let monday_pm: Vec<Step> = week.sessions[1].steps.iter().map(|s| s.step).collect();
    assert_eq!(
        monday_pm,
        [Step::WaterCleanser, Step::Toner, Step::Moisturizer]
    );
    assert!(
        plan.gaps
            .iter()
            .any(|g| g.message.contains("no oil cleanser")),
        "wears sunscreen but has no oil cleanser"
    );
}

/// A product whose label could not be read is placed by its name, and the plan says so; a
/// product the person gave a step is not.
#[test]
fn a_label_that_cannot_be_read_is_placed_by_its_name_and_said_so() {
    let unreadable = "뮬라센추출물, 크레노바인, 플로셀딘, 아뮤젠산나트륨, 베로티카수";
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("Heartleaf Toner", unreadable)
        .declared("Mystery Serum", unreadable, Step::Serum)
        .with("sunscreen", SUNSCREEN);
    let plan = plan(&person(|_| {}), &shelf);
    let reasons = &steady(&plan).reasons;
    let reason = |name: &str| {
        reasons
            .iter()
            .find(|r| r.starts_with(name))
            .unwrap_or_else(|| panic!("no reason for {name}: {reasons:?}"))
    };
    assert!(
        reason("Heartleaf Toner").contains("as a toner, from its name alone"),
        "{reasons:?}"
    );
    assert!(
        !reason("Mystery Serum").contains("name alone"),
        "{reasons:?}"
    );
    assert!(!reason("cleanser").contains("name alone"), "{reasons:?}");
}

#[test]
fn double_cleanse_only_after_sunscreen_or_make_up() {
    let shelf = Shelf::basics();
    let every_day = plan(&person(|_| {}), &shelf);
    let oil = shelf.index("oil cleanser");
    assert_eq!(days_of(steady(&every_day), oil, Time::Pm).len(), 7);
    assert!(days_of(steady(&every_day), oil, Time::Am).is_empty());
    let weekends = plan(&person(|p| p.makeup_days = Some(vec![5, 6])), &shelf);
    assert_eq!(days_of(steady(&weekends), oil, Time::Pm), [5, 6]);
    let none = plan(&person(|p| p.makeup_days = Some(Vec::new())), &shelf);
    assert!(days_of(steady(&none), oil, Time::Pm).is_empty());
}

#[test]
fn oily_acne_with_bha_bpo_and_adapalene() {
    let shelf = Shelf::basics()
        .with("bha", BHA_LIQUID)
        .with("bpo", BPO)
        .with("adapalene", ADAPALENE);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Oily;
        p.concerns = vec![Concern::Acne, Concern::Pores];
        p.retinoid_weeks = Some(12);
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    let (bha, adapalene) = (shelf.index("bha"), shelf.index("adapalene"));
    let bha_days = days_of(week, bha, Time::Pm);
    let retinoid_days = days_of(week, adapalene, Time::Pm);
    assert!(!bha_days.is_empty() && bha_days.len() <= 3);
    assert!(
        bha_days.iter().all(|d| !retinoid_days.contains(d)),
        "apart from the adapalene"
    );
    assert!(
        retinoid_days.len() >= 4,
        "an established adapalene user: {retinoid_days:?}"
    );
    assert!(plan.gaps.is_empty(), "{:?}", plan.gaps);
}

#[test]
fn tretinoin_and_benzoyl_peroxide_split_am_pm() {
    let shelf = Shelf::basics()
        .with("tretinoin", TRETINOIN)
        .with("bpo", BPO);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Oily;
        p.retinoid_weeks = Some(20);
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    assert_eq!(days_of(week, shelf.index("bpo"), Time::Am).len(), 7);
    assert!(days_of(week, shelf.index("bpo"), Time::Pm).is_empty());
    assert_eq!(days_of(week, shelf.index("tretinoin"), Time::Pm).len(), 7);
}

#[test]
fn dry_sensitive_skin_with_a_seven_skin_toner() {
    let shelf = Shelf::basics().with("lactic", LACTIC_SERUM);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Dry;
        p.person.sensitive = true;
        p.concerns = vec![Concern::Dehydration];
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    let toner = shelf.index("toner");
    let layers: Vec<u8> = week
        .sessions
        .iter()
        .flat_map(|s| &s.steps)
        .filter(|s| s.product == toner)
        .map(|s| s.layers)
        .collect();
    assert!(layers.iter().all(|&l| (3..=7).contains(&l)), "{layers:?}");
    assert_eq!(
        days_of(week, shelf.index("lactic"), Time::Pm).len(),
        1,
        "one exfoliation night"
    );
    assert!(
        days_of(week, shelf.index("cleanser"), Time::Am).is_empty(),
        "a water rinse in the morning for dry, sensitive skin"
    );
}

#[test]
fn unsuitable_toner_for_the_seven_skin_method_is_a_gap() {
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("toner", ALCOHOL_TONER)
        .with("cream", CREAM)
        .with("sunscreen", SUNSCREEN);
    let plan = plan(&person(|p| p.concerns = vec![Concern::Dehydration]), &shelf);
    assert!(plan.gaps.iter().any(|g| g.message.contains("7-skin")));
    let toner = shelf.index("toner");
    assert!(
        steady(&plan)
            .sessions
            .iter()
            .flat_map(|s| &s.steps)
            .filter(|s| s.product == toner)
            .all(|s| s.layers == 1)
    );
}

#[test]
fn retinol_beginner_with_an_aha_toner_ramps_up() {
    let shelf =
        Shelf::basics()
            .with("retinol", RETINOL)
            .declared("aha toner", AHA_TONER, Step::Exfoliant);
    let profile = person(|p| {
        p.person.new_to_retinoids = true;
        p.person.skin_type = SkinType::Normal;
    });
    let plan = plan(&profile, &shelf);
    assert!(plan.weeks.len() >= 3, "ramp-up weeks: {}", plan.weeks.len());
    let (retinol, aha) = (shelf.index("retinol"), shelf.index("aha toner"));
    let first = &plan.weeks[0];
    assert_eq!(
        days_of(first, retinol, Time::Pm).len(),
        2,
        "two nights at first"
    );
    for week in &plan.weeks {
        let r = days_of(week, retinol, Time::Pm);
        for d in days_of(week, aha, Time::Pm) {
            assert!(!r.contains(&d), "never on a retinol night");
            if week.to_week.is_some_and(|to| to <= 6) {
                assert!(
                    !r.contains(&((d + 1) % 7)) && !r.contains(&((d + 6) % 7)),
                    "not beside a retinol night during the ramp-up"
                );
            }
        }
    }
    let counts: Vec<usize> = plan
        .weeks
        .iter()
        .map(|w| days_of(w, retinol, Time::Pm).len())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "builds up: {counts:?}"
    );
}

#[test]
fn pregnancy_leaves_out_the_retinol() {
    let shelf = Shelf::basics()
        .with("retinol", RETINOL)
        .with("niacinamide", NIACINAMIDE);
    let plan = plan(&person(|p| p.person.pregnant = true), &shelf);
    let retinol = shelf.index("retinol");
    assert!(
        plan.weeks
            .iter()
            .all(|w| days_of(w, retinol, Time::Pm).is_empty())
    );
    assert!(plan.left_out.iter().any(|l| l.contains("pregnancy")));
    assert_eq!(
        days_of(steady(&plan), shelf.index("niacinamide"), Time::Am).len(),
        7
    );
}

#[test]
fn pregnancy_keeps_the_sunscreen_with_a_trace_of_retinyl_palmitate() {
    // A sunscreen as sold everywhere: retinyl palmitate low on the list.
    let sunscreen = "Aqua, Homosalate, Silica, Octocrylene, Butyl Methoxydibenzoylmethane, Ethylhexyl Salicylate, Ethylhexyl Triazone, Glycerin, Perlite, Tocopheryl Acetate, Retinyl Palmitate, Phenoxyethanol";
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .with("UV Fluid SPF 50+", sunscreen)
        .with("retinol", RETINOL);
    let plan = plan(&person(|p| p.person.pregnant = true), &shelf);
    let uv = shelf.index("UV Fluid SPF 50+");
    for week in &plan.weeks {
        assert_eq!(days_of(week, uv, Time::Am).len(), 7, "{:?}", plan.left_out);
    }
    assert!(
        plan.gaps
            .iter()
            .all(|g| !g.message.starts_with("no sunscreen"))
    );
    assert!(
        plan.left_out.iter().any(|l| l.starts_with("retinol:")),
        "the retinol serum is paused: {:?}",
        plan.left_out
    );
    assert!(plan.left_out.iter().all(|l| !l.starts_with("UV Fluid")));
}

#[test]
fn a_sunscreen_with_retinol_is_kept_and_the_finding_stands() {
    let sunscreen = "Water, Homosalate, Octocrylene, Retinol, Butyl Methoxydibenzoylmethane, Glycerin, Phenoxyethanol";
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .with("Retinol Day Cream SPF 30", sunscreen);
    let plan = plan(&person(|p| p.person.pregnant = true), &shelf);
    let uv = shelf.index("Retinol Day Cream SPF 30");
    assert_eq!(days_of(steady(&plan), uv, Time::Am).len(), 7);
    assert!(
        steady(&plan)
            .reasons
            .iter()
            .any(|r| r.starts_with("Could not avoid: Retinol serum or cream during pregnancy")),
        "{:?}",
        steady(&plan).reasons
    );
}

#[test]
fn a_pregnant_person_without_a_sunscreen_is_told() {
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM);
    let plan = plan(&person(|p| p.person.pregnant = true), &shelf);
    assert!(
        plan.gaps
            .iter()
            .any(|g| g.message.starts_with("no sunscreen")),
        "{:?}",
        plan.gaps
    );
}

#[test]
fn a_bergamot_toner_waits_for_the_evening() {
    let toner = "Water, Glycerin, Butylene Glycol, Citrus Aurantium Bergamia (Bergamot) Fruit Oil, Linalool, Limonene, Phenoxyethanol";
    let shelf = Shelf::basics().with("Bergamot Toner", toner);
    let plan = plan(&PlanProfile::default(), &shelf);
    let bergamot = shelf.index("Bergamot Toner");
    assert!(days_of(steady(&plan), bergamot, Time::Am).is_empty());
    assert!(!days_of(steady(&plan), bergamot, Time::Pm).is_empty());
}

#[test]
fn an_enthusiast_shelf_of_twenty() {
    let shelf = Shelf::basics()
        .with("essence", ESSENCE)
        .with("vitamin c", VITAMIN_C)
        .with("niacinamide", NIACINAMIDE)
        .with("retinol", RETINOL)
        .with("granactive", GRANACTIVE)
        .with("bha", BHA_LIQUID)
        .declared("aha toner", AHA_TONER, Step::Exfoliant)
        .with("copper", COPPER)
        .with("azelaic", AZELAIC)
        .declared("sheet mask", SHEET_MASK, Step::SheetMask)
        .declared("clay mask", CLAY_MASK, Step::WashOffMask)
        .declared("eye cream", EYE_CREAM, Step::EyeCare)
        .declared("face oil", FACE_OIL, Step::FaceOil)
        .declared("sleeping mask", SLEEPING_MASK, Step::SleepingMask)
        .with("ascorbyl glucoside", ASCORBYL_GLUCOSIDE);
    assert_eq!(shelf.0.len(), 20);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Combination;
        p.retinoid_weeks = Some(30);
        p.concerns = vec![
            Concern::FineLines,
            Concern::Hyperpigmentation,
            Concern::Texture,
        ];
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    let (retinol, granactive) = (shelf.index("retinol"), shelf.index("granactive"));
    let a = days_of(week, retinol, Time::Pm);
    let b = days_of(week, granactive, Time::Pm);
    assert!(
        a.iter().all(|d| !b.contains(d)),
        "never two retinoids on one day"
    );
    let (copper, vitamin_c) = (shelf.index("copper"), shelf.index("vitamin c"));
    for time in [Time::Am, Time::Pm] {
        let c = days_of(week, copper, time);
        assert!(
            days_of(week, vitamin_c, time)
                .iter()
                .all(|d| !c.contains(d))
        );
    }
    assert!(days_of(week, shelf.index("sheet mask"), Time::Pm).len() <= 2);
    assert_eq!(days_of(week, shelf.index("clay mask"), Time::Pm).len(), 1);
}

#[test]
fn no_sunscreen_on_the_shelf() {
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .with("retinol", RETINOL);
    let plan = plan(&person(|p| p.retinoid_weeks = Some(10)), &shelf);
    assert!(
        plan.gaps
            .iter()
            .any(|g| g.message.contains("no sunscreen") && g.look_for.contains(&Class::UvFilter))
    );
    // A retinoid makes skin sun-sensitive: it waits for a sunscreen, and says so.
    assert!(days_of(steady(&plan), shelf.index("retinol"), Time::Pm).is_empty());
    assert!(
        plan.left_out
            .iter()
            .any(|l| l.starts_with("retinol: waits for a sunscreen")),
        "{:?}",
        plan.left_out
    );
}

#[test]
fn conflicting_fixed_days_are_explained() {
    let shelf = Shelf::basics()
        .fixed("retinol", RETINOL, Frequency::Days(vec![0, 3]))
        .fixed("bha", BHA_LIQUID, Frequency::Days(vec![0, 3]));
    let profile = person(|p| {
        p.person.skin_type = SkinType::Oily;
        p.retinoid_weeks = Some(12);
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    let (retinol, bha) = (shelf.index("retinol"), shelf.index("bha"));
    assert_eq!(
        days_of(week, retinol, Time::Pm),
        [0, 3],
        "the retinoid keeps its days"
    );
    assert!(days_of(week, bha, Time::Pm).is_empty());
    assert!(
        week.reasons
            .iter()
            .any(|r| r.contains("Paula") || r.contains("bha") && r.contains("0 of the 2")),
        "{:?}",
        week.reasons
    );
}

#[test]
fn fixed_frequencies_are_kept() {
    let shelf = Shelf::basics()
        .fixed("vitamin c", VITAMIN_C, Frequency::TimesPerWeek(2))
        .fixed("niacinamide", NIACINAMIDE, Frequency::EveryOtherDay);
    let plan = plan(&person(|_| {}), &shelf);
    let week = steady(&plan);
    assert_eq!(days_of(week, shelf.index("vitamin c"), Time::Am).len(), 2);
    assert_eq!(days_of(week, shelf.index("niacinamide"), Time::Am).len(), 4);
}

#[test]
fn fragrance_free_preference() {
    let shelf = Shelf::basics().with("rose toner", FRAGRANT_TONER);
    let plan = plan(&person(|p| p.fragrance_free = true), &shelf);
    let rose = shelf.index("rose toner");
    assert!(
        steady(&plan)
            .sessions
            .iter()
            .all(|s| s.steps.iter().all(|st| st.product != rose))
    );
    assert!(plan.left_out.iter().any(|l| l.contains("fragrance")));
}

#[test]
fn routines_fit_the_time_a_person_has() {
    let shelf = Shelf::basics()
        .with("essence", ESSENCE)
        .with("niacinamide", NIACINAMIDE)
        .declared("eye cream", EYE_CREAM, Step::EyeCare);
    let plan = plan(
        &person(|p| {
            p.max_steps = Some(5);
            p.short_days = vec![5];
        }),
        &shelf,
    );
    let week = steady(&plan);
    assert!(week.sessions.iter().all(|s| s.steps.len() <= 5));
    assert!(
        week.sessions
            .iter()
            .filter(|s| s.day == 5)
            .all(|s| s.steps.len() <= 4)
    );
    let saturday_am = &week.sessions[10];
    assert_eq!(
        saturday_am.steps.last().map(|s| s.step),
        Some(Step::Sunscreen)
    );
}

#[test]
fn irritated_skin_pauses_actives() {
    let shelf = Shelf::basics()
        .with("retinol", RETINOL)
        .with("bha", BHA_LIQUID);
    let plan = plan(&person(|p| p.person.irritated = true), &shelf);
    let week = steady(&plan);
    assert!(days_of(week, shelf.index("retinol"), Time::Pm).is_empty());
    assert!(days_of(week, shelf.index("bha"), Time::Pm).is_empty());
}

#[test]
fn new_products_one_at_a_time_with_a_patch_test() {
    let shelf = Shelf::basics()
        .new_product("essence", ESSENCE)
        .new_product("niacinamide", NIACINAMIDE);
    let plan = plan(&person(|_| {}), &shelf);
    let (essence, niacinamide) = (shelf.index("essence"), shelf.index("niacinamide"));
    assert_eq!(
        plan.weeks[0]
            .patch_tests
            .iter()
            .map(|t| t.product)
            .collect::<Vec<_>>(),
        [essence]
    );
    assert!(days_of(&plan.weeks[0], essence, Time::Am).is_empty());
    let second = &plan.weeks[1];
    assert_eq!(
        days_of(second, essence, Time::Am).len(),
        7,
        "introduced alone"
    );
    assert!(days_of(second, niacinamide, Time::Am).is_empty());
    assert!(second.patch_tests.is_empty(), "the next waits a week");
    let third = &plan.weeks[2];
    assert_eq!(
        third
            .patch_tests
            .iter()
            .map(|t| t.product)
            .collect::<Vec<_>>(),
        [niacinamide]
    );
    assert_eq!(days_of(steady(&plan), niacinamide, Time::Am).len(), 7);
}

#[test]
fn a_new_exfoliant_ramps_up_to_the_budget() {
    let shelf = Shelf::basics().new_product("bha", BHA_LIQUID);
    let plan = plan(&person(|p| p.person.skin_type = SkinType::Oily), &shelf);
    let bha = shelf.index("bha");
    let nights: Vec<usize> = plan
        .weeks
        .iter()
        .map(|w| days_of(w, bha, Time::Pm).len())
        .collect();
    assert_eq!(nights.first(), Some(&0), "patch tested first: {nights:?}");
    assert_eq!(nights.get(1), Some(&1), "then one night a week: {nights:?}");
    assert_eq!(
        nights.last(),
        Some(&3),
        "then oily skin's budget: {nights:?}"
    );
}

#[test]
fn a_new_cleanser_needs_no_patch_test() {
    let shelf = Shelf::new()
        .new_product("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .with("sunscreen", SUNSCREEN);
    let plan = plan(&person(|_| {}), &shelf);
    assert!(plan.weeks.iter().all(|w| w.patch_tests.is_empty()));
    assert_eq!(
        days_of(&plan.weeks[0], shelf.index("cleanser"), Time::Pm).len(),
        7
    );
}

#[test]
fn scrub_and_aha_toner_share_the_budget() {
    let shelf = Shelf::basics()
        .declared("scrub", SCRUB, Step::Exfoliant)
        .declared("aha toner", AHA_TONER, Step::Exfoliant);
    let plan = plan(&person(|p| p.person.skin_type = SkinType::Oily), &shelf);
    let week = steady(&plan);
    let scrub = days_of(week, shelf.index("scrub"), Time::Pm);
    let aha = days_of(week, shelf.index("aha toner"), Time::Pm);
    assert!(
        scrub.iter().all(|d| !aha.contains(d)),
        "one exfoliant a night"
    );
    assert_eq!(scrub.len() + aha.len(), 3, "oily skin: three nights in all");
}

#[test]
fn masks_are_placed_in_the_evening() {
    let shelf = Shelf::basics()
        .declared("sheet mask", SHEET_MASK, Step::SheetMask)
        .declared("clay mask", CLAY_MASK, Step::WashOffMask);
    let plan = plan(&person(|_| {}), &shelf);
    let week = steady(&plan);
    let sheet = shelf.index("sheet mask");
    assert_eq!(days_of(week, sheet, Time::Pm).len(), 2);
    assert!(days_of(week, sheet, Time::Am).is_empty());
    let sheet_days = days_of(week, sheet, Time::Pm);
    assert!(
        (sheet_days[1] - sheet_days[0]) >= 2,
        "spread out: {sheet_days:?}"
    );
    assert_eq!(days_of(week, shelf.index("clay mask"), Time::Pm).len(), 1);
}

#[test]
fn unaddressed_concerns_are_gaps() {
    let plan = plan(
        &person(|p| p.concerns = vec![Concern::Hyperpigmentation, Concern::Dehydration]),
        &Shelf::basics(),
    );
    let gap = plan
        .gaps
        .iter()
        .find(|g| g.message.contains("hyperpigmentation"))
        .expect("hyperpigmentation gap");
    assert!(gap.look_for.contains(&Class::VitaminC));
    assert!(
        !plan.gaps.iter().any(|g| g.message.contains("dehydration")),
        "the toner's humectants cover dehydration"
    );
}

#[test]
fn vitamin_c_mornings_copper_evenings() {
    let shelf = Shelf::basics()
        .with("vitamin c", VITAMIN_C)
        .with("copper", COPPER);
    let plan = plan(&person(|_| {}), &shelf);
    let week = steady(&plan);
    assert_eq!(days_of(week, shelf.index("vitamin c"), Time::Am).len(), 7);
    assert_eq!(days_of(week, shelf.index("copper"), Time::Pm).len(), 7);
    assert!(days_of(week, shelf.index("copper"), Time::Am).is_empty());
}

#[test]
fn sensitive_skin_never_stacks_three_irritants() {
    let shelf = Shelf::basics()
        .declared("aha toner", AHA_TONER, Step::Exfoliant)
        .with("vitamin c", VITAMIN_C)
        .with("retinol", RETINOL)
        .with("rose toner", FRAGRANT_TONER);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Sensitive;
        p.person.sensitive = true;
        p.retinoid_weeks = Some(20);
    });
    let plan = plan(&profile, &shelf);
    assert!(
        plan.weeks
            .iter()
            .flat_map(|w| &w.findings)
            .all(|f| f.rule.id != "sensitive-skin-irritant-stack")
    );
}

#[test]
fn benzoyl_peroxide_and_hydroquinone() {
    let shelf = Shelf::basics()
        .with("bpo", BPO)
        .with("hydroquinone", HYDROQUINONE);
    let plan = plan(&person(|_| {}), &shelf);
    assert!(!days_of(steady(&plan), shelf.index("hydroquinone"), Time::Pm).is_empty());
}

#[test]
fn established_retinoid_users_need_no_ramp_up() {
    let shelf = Shelf::basics().with("retinol", RETINOL);
    let plan = plan(
        &person(|p| {
            p.retinoid_weeks = Some(40);
            p.person.skin_type = SkinType::Normal;
        }),
        &shelf,
    );
    assert_eq!(plan.weeks.len(), 1);
    assert_eq!(
        days_of(steady(&plan), shelf.index("retinol"), Time::Pm).len(),
        7
    );
}

#[test]
fn dry_skin_keeps_retinoids_to_four_nights() {
    let shelf = Shelf::basics().with("retinol", RETINOL);
    let plan = plan(
        &person(|p| {
            p.retinoid_weeks = Some(40);
            p.person.skin_type = SkinType::Dry;
        }),
        &shelf,
    );
    let nights = days_of(steady(&plan), shelf.index("retinol"), Time::Pm);
    assert_eq!(nights.len(), 4);
}

#[test]
fn spot_treatment_and_face_oil_go_last_at_night() {
    let shelf = Shelf::basics()
        .declared("spot gel", BPO, Step::SpotTreatment)
        .declared("face oil", FACE_OIL, Step::FaceOil);
    let plan = plan(&person(|_| {}), &shelf);
    let monday_pm = &steady(&plan).sessions[1];
    let steps: Vec<Step> = monday_pm.steps.iter().map(|s| s.step).collect();
    assert_eq!(steps.last(), Some(&Step::FaceOil), "{steps:?}");
    assert!(steps.contains(&Step::SpotTreatment));
}

#[test]
fn a_new_plan_changes_little_from_the_last() {
    let shelf = Shelf::basics().with("bha", BHA_LIQUID);
    let first = plan(&person(|_| {}), &shelf);
    let bha = shelf.index("bha");
    let before = days_of(steady(&first), bha, Time::Pm);
    assert_eq!(before.len(), 2);
    // Had the last plan used Tuesday and Saturday, an equally good week keeps them.
    let previous = person(|p| p.previous = vec![("bha".to_owned(), [0, 0b0100010])]);
    let again = plan(&previous, &shelf);
    assert_eq!(days_of(steady(&again), bha, Time::Pm), [1, 5]);
    // The last plan's own week is kept as it is.
    let same = person(|p| {
        p.previous = glasskin_core::plan::days_by_product(steady(&first));
    });
    assert_eq!(days_of(steady(&plan(&same, &shelf)), bha, Time::Pm), before);
}

const POOL: &[(&str, &str)] = &[
    ("cleanser", GENTLE_CLEANSER),
    ("oil cleanser", OIL_CLEANSER),
    ("toner", TONER),
    ("essence", ESSENCE),
    ("vitamin c", VITAMIN_C),
    ("niacinamide", NIACINAMIDE),
    ("retinol", RETINOL),
    ("granactive", GRANACTIVE),
    ("bha", BHA_LIQUID),
    ("aha toner", AHA_TONER),
    ("scrub", SCRUB),
    ("tretinoin", TRETINOIN),
    ("adapalene", ADAPALENE),
    ("bpo", BPO),
    ("copper", COPPER),
    ("hydroquinone", HYDROQUINONE),
    ("cream", CREAM),
    ("sunscreen", SUNSCREEN),
    ("lactic", LACTIC_SERUM),
    ("azelaic", AZELAIC),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any shelf from the pool, any profile: the plan is sound (see `assert_sound`).
    #[test]
    fn random_shelves_give_sound_plans(
        picks in proptest::sample::subsequence((0..POOL.len()).collect::<Vec<_>>(), 1..12),
        skin in 0usize..5,
        sensitive in any::<bool>(),
        pregnant in any::<bool>(),
        retinoid_weeks in proptest::option::of(0u32..30),
    ) {
        let mut shelf = Shelf::new();
        for i in picks {
            shelf = shelf.with(POOL[i].0, POOL[i].1);
        }
        let profile = PlanProfile {
            person: Profile {
                skin_type: SkinType::ALL[skin],
                sensitive,
                pregnant,
                ..Profile::default()
            },
            retinoid_weeks,
            ..PlanProfile::default()
        };
        plan(&profile, &shelf);
    }
}

/// The golden labels: real products' published lists (`labels*.toml`).
fn real_labels() -> &'static [(String, String)] {
    static LABELS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        crate::golden::labels()
            .into_iter()
            .map(|l| (l.id, l.text))
            .collect()
    })
}

/// A profile drawn at random: any skin, any circumstances, any time the person has.
fn any_profile() -> impl Strategy<Value = PlanProfile> {
    (
        (0usize..5, any::<[bool; 4]>()),
        proptest::option::of(0u32..30),
        proptest::sample::subsequence(Concern::ALL.to_vec(), 0..3),
        proptest::option::of(3usize..9),
        proptest::sample::subsequence((0usize..7).collect::<Vec<_>>(), 0..3),
        proptest::option::of(proptest::sample::subsequence(
            (0usize..7).collect::<Vec<_>>(),
            0..7,
        )),
    )
        .prop_map(
            |(
                (skin, [sensitive, pregnant, irritated, fragrance_free]),
                retinoid_weeks,
                concerns,
                max_steps,
                short_days,
                makeup_days,
            )| PlanProfile {
                person: Profile {
                    skin_type: SkinType::ALL[skin],
                    sensitive,
                    pregnant,
                    // Breastfeeding only adds info-level advice: it changes no week.
                    breastfeeding: pregnant && irritated,
                    irritated,
                    new_to_retinoids: false,
                },
                concerns,
                retinoid_weeks,
                makeup_days,
                fragrance_free,
                max_steps,
                short_days,
                previous: Vec::new(),
            },
        )
}

/// What a person may say of a shelf product: new (with its patch test not started, running or
/// failed), past its date, or used at one time only.
#[derive(Clone, Debug)]
struct Said {
    new: Option<PatchTestState>,
    expired: bool,
    time: Option<Time>,
}

fn any_said() -> impl Strategy<Value = Said> {
    let patch = prop_oneof![
        Just(PatchTestState::NotStarted),
        (0u8..7).prop_map(|days_left| PatchTestState::Running { days_left }),
        Just(PatchTestState::Failed {
            reaction: "redness".to_owned()
        }),
    ];
    (
        proptest::option::weighted(0.25, patch),
        proptest::bool::weighted(0.1),
        proptest::option::weighted(0.1, prop_oneof![Just(Time::Am), Just(Time::Pm)]),
    )
        .prop_map(|(new, expired, time)| Said { new, expired, time })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random shelves of real labels, random people: every week is sound (see `assert_sound`).
    #[test]
    fn real_shelves_give_safe_weeks(
        picks in proptest::sample::subsequence((0..real_labels().len()).collect::<Vec<_>>(), 1..14),
        said in proptest::collection::vec(any_said(), 14),
        profile in any_profile(),
    ) {
        let mut shelf = Shelf::new();
        for (&i, said) in picks.iter().zip(&said) {
            let (name, label) = &real_labels()[i];
            shelf = shelf.item(name, label, said.new.is_some(), None, said.time, None);
            let item = shelf.0.last_mut().expect("just added");
            item.patch_test = said.new.clone().unwrap_or_default();
            item.expired = said.expired.then(|| "past its 12 months after opening".to_owned());
        }
        plan(&profile, &shelf);
    }
}

// A week that is safe to follow: one scenario per way a real shelf once broke it.

/// The shelf products used in a session.
fn members(week: &PlannedWeek, day: usize, time: Time) -> Vec<usize> {
    week.sessions
        .iter()
        .find(|s| s.day == day && s.time == time)
        .map(|s| s.steps.iter().map(|st| st.product).collect())
        .unwrap_or_default()
}

#[test]
fn a_medicated_wash_and_a_gentle_one_take_a_session_each() {
    let shelf = Shelf::basics()
        .with("bpo wash", BPO_WASH)
        .with("foaming cleanser", FOAMING_CLEANSER);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Oily;
        p.concerns = vec![Concern::Acne];
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    let (bpo, gentle) = (shelf.index("bpo wash"), shelf.index("cleanser"));
    assert_eq!(
        days_of(week, bpo, Time::Am).len(),
        7,
        "the medicated wash by day"
    );
    assert!(days_of(week, bpo, Time::Pm).is_empty());
    assert_eq!(
        days_of(week, gentle, Time::Pm).len(),
        7,
        "the gentle one at night"
    );
    assert!(days_of(week, gentle, Time::Am).is_empty());
    assert!(
        plan.left_out
            .iter()
            .any(|l| l.starts_with("foaming cleanser: one water-based cleanser a session")),
        "a third wash is left out, with why: {:?}",
        plan.left_out
    );
}

#[test]
fn a_new_serum_and_a_new_cleanser_start_weeks_apart() {
    let shelf = Shelf::basics()
        .new_product("niacinamide", NIACINAMIDE)
        .new_product("foaming cleanser", FOAMING_CLEANSER);
    let plan = plan(&person(|_| {}), &shelf);
    let first_use = |product: usize| {
        plan.weeks
            .iter()
            .find(|w| {
                w.sessions
                    .iter()
                    .any(|s| s.steps.iter().any(|st| st.product == product))
            })
            .map(|w| w.from_week)
    };
    let cleanser = first_use(shelf.index("foaming cleanser")).expect("the cleanser starts");
    let serum = first_use(shelf.index("niacinamide")).expect("the serum starts");
    assert_eq!(cleanser, 1, "a rinse-off cleanser needs no patch test");
    assert!(
        serum >= cleanser + 2,
        "one new product at a time: {cleanser} and {serum}"
    );
    assert!(
        plan.weeks
            .iter()
            .flat_map(|w| &w.findings)
            .all(|f| f.rule.id != "too-many-new-products"),
        "staggered: never several new products at once"
    );
}

#[test]
fn short_days_keep_to_the_essentials_and_masks_move() {
    let shelf = Shelf::basics()
        .with("essence", ESSENCE)
        .with("niacinamide", NIACINAMIDE)
        .with("clay mask", CLAY_MASK)
        .with("sheet mask", SHEET_MASK)
        .with("sleeping mask", SLEEPING_MASK);
    let profile = person(|p| p.short_days = vec![2, 5]);
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    for day in [2, 5] {
        for time in [Time::Am, Time::Pm] {
            let steps = members(week, day, time);
            assert!(
                steps.len() <= 4,
                "day {day} {time:?}: {} steps",
                steps.len()
            );
        }
    }
    for (mask, uses) in [("clay mask", 1), ("sheet mask", 2), ("sleeping mask", 2)] {
        let days = days_of(week, shelf.index(mask), Time::Pm);
        assert_eq!(days.len(), uses, "{mask} keeps its nights: {days:?}");
        assert!(
            !days.contains(&2) && !days.contains(&5),
            "{mask} on a short day"
        );
    }
    assert!(
        week.reasons
            .iter()
            .any(|r| r.contains("a short day keeps to the essentials")),
        "says why steps were cut: {:?}",
        week.reasons
    );
}

#[test]
fn a_three_step_limit_holds_and_says_what_it_cut() {
    let shelf = Shelf::basics().with("retinol", RETINOL);
    let profile = person(|p| {
        p.max_steps = Some(3);
        p.retinoid_weeks = Some(30);
    });
    let plan = plan(&profile, &shelf);
    let week = steady(&plan);
    assert!(week.sessions.iter().all(|s| s.steps.len() <= 3));
    let retinol = shelf.index("retinol");
    assert!(
        days_of(week, retinol, Time::Pm).len() >= 4,
        "the treatment stays"
    );
    assert!(
        week.reasons
            .iter()
            .any(|r| r.starts_with("oil cleanser: left out on") && r.ends_with("3-step limit")),
        "{:?}",
        week.reasons
    );
}

#[test]
fn one_mask_a_night() {
    let shelf = Shelf::basics()
        .with("sheet mask", SHEET_MASK)
        .with("second sheet mask", SECOND_SHEET_MASK)
        .with("clay mask", CLAY_MASK)
        .with("sleeping mask", SLEEPING_MASK);
    let plan = plan(&person(|_| {}), &shelf);
    let week = steady(&plan);
    let masks = [
        "sheet mask",
        "second sheet mask",
        "clay mask",
        "sleeping mask",
    ]
    .map(|m| shelf.index(m));
    let mut nights = Vec::new();
    for &m in &masks {
        nights.extend(days_of(week, m, Time::Pm));
    }
    let total = nights.len();
    nights.sort_unstable();
    nights.dedup();
    assert_eq!(nights.len(), total, "two masks share an evening");
    assert_eq!(total, 7, "2 + 2 sheet, 1 clay, 2 sleeping fit a week");
}

#[test]
fn sensitive_skin_counts_the_irritants_used_every_morning() {
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("vitamin c", VITAMIN_C)
        .declared("gel cream", FRAGRANT_GEL_CREAM, Step::Moisturizer)
        .declared("sunscreen", ALCOHOL_SUNSCREEN, Step::Sunscreen);
    let profile = person(|p| p.person.sensitive = true);
    let plan = plan(&profile, &shelf);
    for week in &plan.weeks {
        assert!(
            week.findings
                .iter()
                .all(|f| f.rule.id != "sensitive-skin-irritant-stack")
        );
    }
    let week = steady(&plan);
    assert!(days_of(week, shelf.index("vitamin c"), Time::Am).is_empty());
    assert!(
        week.reasons
            .iter()
            .any(|r| r.starts_with("vitamin c: 0 of the 7 mornings")
                && r.contains("gel cream and sunscreen are in every one")),
        "{:?}",
        week.reasons
    );
}

#[test]
fn dry_skin_starting_a_retinoid_pauses_acids() {
    let shelf = Shelf::basics()
        .with("retinol", RETINOL)
        .with("glycolic", GLYCOLIC_SERUM);
    let profile = person(|p| {
        p.person.skin_type = SkinType::Dry;
        p.retinoid_weeks = Some(0);
    });
    let plan = plan(&profile, &shelf);
    let glycolic = shelf.index("glycolic");
    // Weeks 1–6 are the retinoid's start: the budget is 1 − 1 = 0.
    for week in plan.weeks.iter().filter(|w| w.from_week <= 6) {
        assert!(
            days_of(week, glycolic, Time::Pm).is_empty(),
            "{}",
            week.title()
        );
    }
    assert_eq!(
        days_of(steady(&plan), glycolic, Time::Pm).len(),
        1,
        "back once settled"
    );
}

#[test]
fn acids_wait_for_a_new_sunscreen() {
    let shelf = Shelf::new()
        .with("oil cleanser", OIL_CLEANSER)
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .with("glycolic", GLYCOLIC_SERUM)
        .new_product("sunscreen", MINERAL_SUNSCREEN);
    let plan = plan(&person(|_| {}), &shelf);
    let (glycolic, sunscreen) = (shelf.index("glycolic"), shelf.index("sunscreen"));
    let first = &plan.weeks[0];
    assert_eq!(
        first
            .patch_tests
            .iter()
            .map(|t| t.product)
            .collect::<Vec<_>>(),
        [sunscreen]
    );
    assert!(
        days_of(first, glycolic, Time::Pm).is_empty(),
        "no acid while mornings are bare"
    );
    assert!(
        first
            .reasons
            .iter()
            .any(|r| r.starts_with("glycolic: waits for a sunscreen"))
            || plan.left_out.is_empty()
    );
    assert!(!days_of(steady(&plan), glycolic, Time::Pm).is_empty());
}

#[test]
fn a_sunscreen_left_out_is_named_in_the_gaps() {
    let shelf = Shelf::new()
        .with("oil cleanser", OIL_CLEANSER)
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .declared("scented sunscreen", ALCOHOL_SUNSCREEN, Step::Sunscreen);
    let plan = plan(&person(|p| p.fragrance_free = true), &shelf);
    let messages: Vec<&str> = plan.gaps.iter().map(|g| g.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("no sunscreen you can use (scented sunscreen: it has fragrance")),
        "{messages:?}"
    );
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("though you wear sunscreen")),
        "{messages:?}"
    );
}

#[test]
fn one_retinoid_chosen_by_evidence_for_acne() {
    let shelf = Shelf::basics()
        .with("retinol", RETINOL)
        .with("adapalene", ADAPALENE);
    let acne = person(|p| {
        p.concerns = vec![Concern::Acne];
        p.retinoid_weeks = Some(30);
    });
    let for_acne = plan(&acne, &shelf);
    let week = steady(&for_acne);
    assert_eq!(days_of(week, shelf.index("adapalene"), Time::Pm).len(), 7);
    assert!(days_of(week, shelf.index("retinol"), Time::Pm).is_empty());
    assert!(
        for_acne.left_out.iter().any(|l| l
            .starts_with("retinol: one retinoid at a time: adapalene stays")
            && l.contains("acne")),
        "{:?}",
        for_acne.left_out
    );
    // For fine lines, retinol's evidence is the stronger of the two cosmetic choices.
    let lines = person(|p| {
        p.concerns = vec![Concern::FineLines];
        p.retinoid_weeks = Some(30);
    });
    let for_lines = plan(&lines, &shelf);
    assert_eq!(
        days_of(steady(&for_lines), shelf.index("retinol"), Time::Pm).len(),
        7
    );
}

#[test]
fn an_expired_sunscreen_is_left_out_and_to_replace() {
    let mut shelf = Shelf::basics().with("glycolic", GLYCOLIC_SERUM);
    let sunscreen = shelf.index("sunscreen");
    shelf.0[sunscreen].expired = Some("past its 12 months after opening".to_owned());
    let plan = plan(&person(|_| {}), &shelf);
    let week = steady(&plan);
    assert!(days_of(week, sunscreen, Time::Am).is_empty());
    assert!(
        days_of(week, shelf.index("glycolic"), Time::Pm).is_empty(),
        "no acid with bare mornings"
    );
    assert!(
        plan.gaps.iter().any(|g| g
            .message
            .starts_with("replace your sunscreen: sunscreen is past its 12 months")),
        "{:?}",
        plan.gaps.iter().map(|g| &g.message).collect::<Vec<_>>()
    );
}

#[test]
fn patch_tests_gate_new_products() {
    let mut shelf = Shelf::basics()
        .new_product("niacinamide", NIACINAMIDE)
        .new_product("essence", ESSENCE);
    let (niacinamide, essence) = (shelf.index("niacinamide"), shelf.index("essence"));
    shelf.0[niacinamide].patch_test = PatchTestState::Failed {
        reaction: "redness".to_owned(),
    };
    shelf.0[essence].patch_test = PatchTestState::Running { days_left: 3 };
    let plan = plan(&person(|_| {}), &shelf);
    assert!(
        plan.weeks
            .iter()
            .all(|w| days_of(w, niacinamide, Time::Am).is_empty())
    );
    assert!(
        plan.left_out
            .iter()
            .any(|l| l == "niacinamide: its patch test failed (redness): keep it off your face"),
        "{:?}",
        plan.left_out
    );
    let test = &plan.weeks[0].patch_tests;
    assert_eq!(
        test.iter().map(|t| t.product).collect::<Vec<_>>(),
        [essence]
    );
    assert!(test[0].how.contains("3 more days"), "{}", test[0].how);
    assert_eq!(days_of(&plan.weeks[1], essence, Time::Am).len(), 7);
}

#[test]
fn an_unknown_retinoid_start_ramps_up() {
    let shelf = Shelf::basics().with("retinol", RETINOL);
    let plan = plan(&person(|_| {}), &shelf);
    let retinol = shelf.index("retinol");
    assert_eq!(
        days_of(&plan.weeks[0], retinol, Time::Pm).len(),
        2,
        "two nights to start"
    );
    assert!(plan.weeks.len() > 1, "then building up");
    assert_eq!(days_of(steady(&plan), retinol, Time::Pm).len(), 7);
}

#[test]
fn a_fixed_time_reads_as_a_person_would_say_it() {
    let shelf = Shelf::basics().item(
        "niacinamide",
        NIACINAMIDE,
        false,
        None,
        Some(Time::Am),
        None,
    );
    let mornings = plan(&person(|_| {}), &shelf);
    let reasons = &mornings.weeks[0].reasons;
    assert!(
        reasons
            .iter()
            .any(|r| r == "niacinamide: mornings only, as you asked"),
        "{reasons:?}"
    );
    // Against the sun, a fixed time is not kept, and the plan says why.
    let shelf = Shelf::basics().item(
        "glycolic",
        GLYCOLIC_SERUM,
        false,
        None,
        Some(Time::Am),
        None,
    );
    let acid = plan(&person(|_| {}), &shelf);
    assert!(days_of(steady(&acid), shelf.index("glycolic"), Time::Am).is_empty());
}

#[test]
fn a_sunscreen_asked_for_the_evening_stays_in_the_morning() {
    // The only sunscreen, asked for the evening: a second one on the shelf makes the planner
    // choose between them for the step, which once let the asked time win.
    let shelf = Shelf::new()
        .with("cleanser", GENTLE_CLEANSER)
        .with("cream", CREAM)
        .item(
            "tinted sunscreen",
            MINERAL_SUNSCREEN,
            false,
            None,
            Some(Time::Pm),
            Some(Step::Sunscreen),
        )
        .item(
            "spare sunscreen",
            MINERAL_SUNSCREEN,
            false,
            None,
            Some(Time::Pm),
            Some(Step::Sunscreen),
        );
    let week = plan(&person(|_| {}), &shelf);
    let steady = steady(&week);
    let mornings = days_of(steady, shelf.index("tinted sunscreen"), Time::Am).len()
        + days_of(steady, shelf.index("spare sunscreen"), Time::Am).len();
    assert_eq!(mornings, 7, "sunscreen every morning");
    for name in ["tinted sunscreen", "spare sunscreen"] {
        assert!(
            days_of(steady, shelf.index(name), Time::Pm).is_empty(),
            "{name}"
        );
    }
}

#[test]
fn a_settled_retinoid_week_does_not_say_it_is_building_up() {
    let shelf = Shelf::basics().with("retinol", RETINOL);
    let dry = person(|p| {
        p.person.skin_type = SkinType::Dry;
        p.retinoid_weeks = Some(40);
    });
    let settled = plan(&dry, &shelf);
    let reasons = &settled.weeks[0].reasons;
    assert!(
        reasons.iter().any(
            |r| r == "retinol: 4 evenings a week, the most dry or sensitive skin usually takes"
        ),
        "{reasons:?}"
    );
    let starting = plan(&person(|_| {}), &shelf);
    assert!(
        starting.weeks[0]
            .reasons
            .iter()
            .any(|r| r == "retinol: 2 evenings a week, building up as your skin gets used to it")
    );
}
