//! Rule tests: every rule fires on a routine that should trigger it and stays silent on its
//! near misses. Products are written from real labels (abbreviated).

use glasskin_core::advice::{
    self, Finding, Profile, Routine, RoutineProduct, Session, Severity, SkinType, Time,
};
use glasskin_core::kb::Grade;

use crate::common::*;

/// A week built from (name, label) products and (days, time, product names) sessions.
struct Week {
    profile: Profile,
    products: Vec<(&'static str, &'static str, bool)>,
    sessions: Vec<(Vec<usize>, Time, Vec<&'static str>)>,
}

const EVERY_DAY: [usize; 7] = [0, 1, 2, 3, 4, 5, 6];

impl Week {
    fn new() -> Week {
        Week {
            profile: Profile::default(),
            products: Vec::new(),
            sessions: Vec::new(),
        }
    }

    fn product(mut self, name: &'static str, label: &'static str) -> Week {
        self.products.push((name, label, false));
        self
    }

    fn new_product(mut self, name: &'static str, label: &'static str) -> Week {
        self.products.push((name, label, true));
        self
    }

    fn session(mut self, days: &[usize], time: Time, products: &[&'static str]) -> Week {
        self.sessions.push((days.to_vec(), time, products.to_vec()));
        self
    }

    fn am(self, products: &[&'static str]) -> Week {
        self.session(&EVERY_DAY, Time::Am, products)
    }

    fn pm(self, products: &[&'static str]) -> Week {
        self.session(&EVERY_DAY, Time::Pm, products)
    }

    fn with(mut self, change: impl FnOnce(&mut Profile)) -> Week {
        change(&mut self.profile);
        self
    }

    fn routine(&self) -> Routine {
        let kb = glasskin_kb::kb();
        let products = self
            .products
            .iter()
            .map(|&(name, label, new)| {
                let analysis = glasskin_core::analyze(label, kb);
                let list = analysis.products.into_iter().next().expect("a list");
                let product = glasskin_core::understand(Some(name), &list, None);
                RoutineProduct {
                    name: name.to_owned(),
                    list,
                    product,
                    new,
                }
            })
            .collect();
        let index = |name: &str| {
            self.products
                .iter()
                .position(|(n, _, _)| *n == name)
                .unwrap_or_else(|| panic!("no product {name}"))
        };
        let sessions = self
            .sessions
            .iter()
            .flat_map(|(days, time, names)| {
                let products: Vec<usize> = names.iter().map(|n| index(n)).collect();
                days.iter().map(move |&day| Session {
                    day,
                    time: *time,
                    products: products.clone(),
                })
            })
            .collect();
        Routine {
            profile: self.profile.clone(),
            products,
            sessions,
        }
    }

    fn findings(&self) -> Vec<Finding> {
        advice::check(&self.routine(), glasskin_kb::advice())
    }

    fn fired(&self) -> Vec<&'static str> {
        self.findings().iter().map(|f| f.rule.id).collect()
    }
}

#[track_caller]
fn fires(week: &Week, rule: &str) {
    let fired = week.fired();
    assert!(fired.contains(&rule), "{rule} should fire; fired {fired:?}");
}

#[track_caller]
fn silent(week: &Week, rule: &str) {
    let fired = week.fired();
    assert!(
        !fired.contains(&rule),
        "{rule} should not fire; fired {fired:?}"
    );
}

/// A base week with daily sunscreen, so sun rules stay out of the way.
fn base() -> Week {
    Week::new()
        .product("sunscreen", SUNSCREEN)
        .product("cream", CREAM)
}

#[test]
fn tretinoin_with_benzoyl_peroxide_warns_only_in_one_session() {
    let together = base()
        .product("tretinoin", TRETINOIN)
        .product("bpo", BPO)
        .am(&["cream", "sunscreen"])
        .pm(&["bpo", "tretinoin", "cream"]);
    fires(&together, "tretinoin-with-benzoyl-peroxide");
    let finding = together
        .findings()
        .into_iter()
        .find(|f| f.rule.id == "tretinoin-with-benzoyl-peroxide")
        .expect("fired");
    assert_eq!(finding.rule.severity, Severity::Warning);
    assert!(
        finding.ingredients.contains(&"RETINOIC ACID"),
        "tretinoin is INCI retinoic acid"
    );
    assert!(finding.ingredients.contains(&"BENZOYL PEROXIDE"));
    assert_eq!(finding.when.len(), 7, "every evening");
    assert!(!finding.tips.is_empty(), "links to tips");

    let split = base()
        .product("tretinoin", TRETINOIN)
        .product("bpo", BPO)
        .am(&["bpo", "cream", "sunscreen"])
        .pm(&["tretinoin", "cream"]);
    silent(&split, "tretinoin-with-benzoyl-peroxide");
}

#[test]
fn adapalene_with_benzoyl_peroxide_is_not_a_warning() {
    let week = base()
        .product("adapalene", ADAPALENE)
        .product("bpo", BPO)
        .am(&["cream", "sunscreen"])
        .pm(&["bpo", "adapalene", "cream"]);
    silent(&week, "tretinoin-with-benzoyl-peroxide");
    fires(&week, "adapalene-with-benzoyl-peroxide");
    assert!(
        week.findings()
            .iter()
            .all(|f| f.rule.severity != Severity::Warning),
        "no warning for adapalene + BPO: {:?}",
        week.fired()
    );
}

#[test]
fn retinoid_with_acid_in_one_session() {
    let together = base()
        .product("retinol", RETINOL)
        .product("bha", BHA_LIQUID)
        .am(&["cream", "sunscreen"])
        .pm(&["bha", "retinol", "cream"]);
    fires(&together, "retinoid-with-exfoliating-acid");

    let alternate = base()
        .product("retinol", RETINOL)
        .product("bha", BHA_LIQUID)
        .am(&["cream", "sunscreen"])
        .session(&[0, 2, 4], Time::Pm, &["retinol", "cream"])
        .session(&[1, 5], Time::Pm, &["bha", "cream"]);
    silent(&alternate, "retinoid-with-exfoliating-acid");

    // A salicylic-acid cleanser is rinsed off before the retinoid goes on.
    let rinsed = base()
        .product("retinol", RETINOL)
        .product("sa cleanser", SA_CLEANSER)
        .am(&["cream", "sunscreen"])
        .pm(&["sa cleanser", "retinol", "cream"]);
    silent(&rinsed, "retinoid-with-exfoliating-acid");
}

#[test]
fn retinoid_with_acid_is_stronger_for_sensitive_skin_and_new_users() {
    let week = |profile: fn(&mut Profile)| {
        base()
            .product("retinol", RETINOL)
            .product("bha", BHA_LIQUID)
            .am(&["cream", "sunscreen"])
            .pm(&["bha", "retinol", "cream"])
            .with(profile)
    };
    let sensitive = week(|p| p.sensitive = true);
    fires(&sensitive, "retinoid-with-exfoliating-acid-sensitive-skin");
    silent(&sensitive, "retinoid-with-exfoliating-acid");
    let new_user = week(|p| p.new_to_retinoids = true);
    fires(&new_user, "retinoid-with-exfoliating-acid-new-retinoid");
    silent(&new_user, "retinoid-with-exfoliating-acid");
    let neither = week(|_| {});
    silent(&neither, "retinoid-with-exfoliating-acid-sensitive-skin");
    silent(&neither, "retinoid-with-exfoliating-acid-new-retinoid");
}

#[test]
fn scrub_with_chemical_exfoliant() {
    let together = base()
        .product("scrub", SCRUB)
        .product("aha toner", AHA_TONER)
        .am(&["cream", "sunscreen"])
        .session(&[2], Time::Pm, &["scrub", "aha toner", "cream"]);
    fires(&together, "scrub-with-chemical-exfoliant");
    let apart = base()
        .product("scrub", SCRUB)
        .product("aha toner", AHA_TONER)
        .am(&["cream", "sunscreen"])
        .session(&[2], Time::Pm, &["scrub", "cream"])
        .session(&[5], Time::Pm, &["aha toner", "cream"]);
    silent(&apart, "scrub-with-chemical-exfoliant");
}

#[test]
fn vitamin_c_with_niacinamide_gives_only_the_myth_note() {
    let week = base()
        .product("vitamin c", VITAMIN_C)
        .product("niacinamide", NIACINAMIDE)
        .am(&["vitamin c", "niacinamide", "cream", "sunscreen"]);
    let findings = week.findings();
    assert_eq!(
        findings.iter().map(|f| f.rule.id).collect::<Vec<_>>(),
        ["vitamin-c-with-niacinamide"]
    );
    assert_eq!(findings[0].rule.grade, Grade::M);
    assert_eq!(findings[0].rule.severity, Severity::Info);
    assert!(findings[0].rule.myth.is_some());

    // A vitamin C derivative is not what the myth is about.
    let derivative = base()
        .product("ascorbyl glucoside", ASCORBYL_GLUCOSIDE)
        .product("niacinamide", NIACINAMIDE)
        .am(&["ascorbyl glucoside", "niacinamide", "cream", "sunscreen"]);
    silent(&derivative, "vitamin-c-with-niacinamide");
}

#[test]
fn retinoid_with_vitamin_c_is_a_myth_note_only_in_one_session() {
    let together = base()
        .product("retinol", RETINOL)
        .product("vitamin c", VITAMIN_C)
        .am(&["cream", "sunscreen"])
        .pm(&["vitamin c", "retinol", "cream"]);
    fires(&together, "retinoid-with-vitamin-c");
    let split = base()
        .product("retinol", RETINOL)
        .product("vitamin c", VITAMIN_C)
        .am(&["vitamin c", "cream", "sunscreen"])
        .pm(&["retinol", "cream"]);
    silent(&split, "retinoid-with-vitamin-c");
}

#[test]
fn copper_peptides_with_acids_or_vitamin_c() {
    let acids = base()
        .product("copper", COPPER)
        .product("aha toner", AHA_TONER)
        .am(&["cream", "sunscreen"])
        .session(&[1], Time::Pm, &["aha toner", "copper", "cream"]);
    fires(&acids, "copper-peptide-with-acids");
    let vitamin_c = base()
        .product("copper", COPPER)
        .product("vitamin c", VITAMIN_C)
        .am(&["vitamin c", "copper", "cream", "sunscreen"]);
    fires(&vitamin_c, "copper-peptide-with-vitamin-c");
    let apart = base()
        .product("copper", COPPER)
        .product("vitamin c", VITAMIN_C)
        .am(&["vitamin c", "cream", "sunscreen"])
        .pm(&["copper", "cream"]);
    silent(&apart, "copper-peptide-with-vitamin-c");
}

#[test]
fn benzoyl_peroxide_with_hydroquinone() {
    let together = base()
        .product("bpo", BPO)
        .product("hydroquinone", HYDROQUINONE)
        .am(&["cream", "sunscreen"])
        .pm(&["bpo", "hydroquinone", "cream"]);
    fires(&together, "benzoyl-peroxide-with-hydroquinone");
    let split = base()
        .product("bpo", BPO)
        .product("hydroquinone", HYDROQUINONE)
        .am(&["bpo", "cream", "sunscreen"])
        .pm(&["hydroquinone", "cream"]);
    silent(&split, "benzoyl-peroxide-with-hydroquinone");
}

#[test]
fn several_retinoids_in_one_day() {
    let two = base()
        .product("retinol", RETINOL)
        .product("granactive", GRANACTIVE)
        .am(&["cream", "sunscreen"])
        .pm(&["granactive", "retinol", "cream"]);
    fires(&two, "several-retinoids");
    let one = base()
        .product("retinol", RETINOL)
        .am(&["cream", "sunscreen"])
        .pm(&["retinol", "cream"]);
    silent(&one, "several-retinoids");
}

#[test]
fn exfoliation_budget_follows_skin_type_and_irritation() {
    let three_nights = |skin: SkinType| {
        base()
            .product("bha", BHA_LIQUID)
            .am(&["cream", "sunscreen"])
            .session(&[0, 2, 4], Time::Pm, &["bha", "cream"])
            .with(move |p| p.skin_type = skin)
    };
    fires(&three_nights(SkinType::Dry), "exfoliation-budget");
    silent(&three_nights(SkinType::Oily), "exfoliation-budget");
    let once = base()
        .product("bha", BHA_LIQUID)
        .am(&["cream", "sunscreen"])
        .session(&[3], Time::Pm, &["bha", "cream"]);
    silent(&once, "exfoliation-budget");
    fires(&once.with(|p| p.irritated = true), "exfoliation-budget");
}

#[test]
fn too_many_new_products() {
    let three = base()
        .new_product("toner", TONER)
        .new_product("niacinamide", NIACINAMIDE)
        .new_product("vitamin c", ASCORBYL_GLUCOSIDE)
        .am(&["toner", "vitamin c", "niacinamide", "cream", "sunscreen"]);
    fires(&three, "too-many-new-products");
    let two = base()
        .product("toner", TONER)
        .new_product("niacinamide", NIACINAMIDE)
        .new_product("vitamin c", ASCORBYL_GLUCOSIDE)
        .am(&["toner", "vitamin c", "niacinamide", "cream", "sunscreen"]);
    silent(&two, "too-many-new-products");
}

#[test]
fn irritant_stacking_on_sensitive_skin() {
    let stack = || {
        base()
            .product("aha toner", AHA_TONER)
            .product("retinol", RETINOL)
            .product("vitamin c", VITAMIN_C)
            .am(&["cream", "sunscreen"])
            .session(
                &[4],
                Time::Pm,
                &["aha toner", "vitamin c", "retinol", "cream"],
            )
    };
    fires(
        &stack().with(|p| p.skin_type = SkinType::Sensitive),
        "sensitive-skin-irritant-stack",
    );
    silent(&stack(), "sensitive-skin-irritant-stack");
}

#[test]
fn photosensitising_actives_need_daily_sunscreen() {
    let no_sunscreen = Week::new()
        .product("cream", CREAM)
        .product("retinol", RETINOL)
        .product("bha", BHA_LIQUID)
        .am(&["cream"])
        .session(&[0, 3], Time::Pm, &["retinol", "cream"])
        .session(&[5], Time::Pm, &["bha", "cream"]);
    fires(&no_sunscreen, "aha-or-retinoid-without-sunscreen");
    fires(&no_sunscreen, "bha-without-sunscreen");

    let weekdays_only = base()
        .product("retinol", RETINOL)
        .session(&[0, 1, 2, 3, 4], Time::Am, &["cream", "sunscreen"])
        .session(&[5, 6], Time::Am, &["cream"])
        .pm(&["retinol", "cream"]);
    let finding = weekdays_only
        .findings()
        .into_iter()
        .find(|f| f.rule.id == "aha-or-retinoid-without-sunscreen")
        .expect("weekends lack sunscreen");
    assert_eq!(
        finding.when.iter().map(|w| w.day).collect::<Vec<_>>(),
        [5, 6]
    );

    let protected = base()
        .product("retinol", RETINOL)
        .product("bha", BHA_LIQUID)
        .am(&["cream", "sunscreen"])
        .session(&[0, 3], Time::Pm, &["retinol", "cream"])
        .session(&[5], Time::Pm, &["bha", "cream"]);
    silent(&protected, "aha-or-retinoid-without-sunscreen");
    silent(&protected, "bha-without-sunscreen");
}

#[test]
fn pregnancy_rules() {
    let week = |label: &'static str| {
        base()
            .product("active", label)
            .am(&["cream", "sunscreen"])
            .pm(&["active", "cream"])
    };
    fires(
        &week(RETINOL).with(|p| p.pregnant = true),
        "pregnancy-retinoids",
    );
    silent(&week(RETINOL), "pregnancy-retinoids");
    fires(
        &week(BHA_LIQUID).with(|p| p.pregnant = true),
        "pregnancy-salicylic-acid",
    );
    // A rinse-off salicylic-acid cleanser is not the concern.
    silent(
        &week(SA_CLEANSER).with(|p| p.pregnant = true),
        "pregnancy-salicylic-acid",
    );
    fires(
        &week(HYDROQUINONE).with(|p| p.pregnant = true),
        "pregnancy-hydroquinone",
    );
    silent(&week(HYDROQUINONE), "pregnancy-hydroquinone");
}

#[test]
fn scrubs_on_sensitive_or_dry_skin() {
    let week = |skin: SkinType| {
        base()
            .product("scrub", SCRUB)
            .am(&["cream", "sunscreen"])
            .session(&[6], Time::Pm, &["scrub", "cream"])
            .with(move |p| p.skin_type = skin)
    };
    fires(&week(SkinType::Dry), "scrub-on-sensitive-or-dry-skin");
    silent(&week(SkinType::Oily), "scrub-on-sensitive-or-dry-skin");
}

#[test]
fn irritated_skin_pauses_retinoids_and_benzoyl_peroxide() {
    let week = base()
        .product("retinol", RETINOL)
        .am(&["cream", "sunscreen"])
        .session(&[1], Time::Pm, &["retinol", "cream"]);
    fires(
        &week.with(|p| p.irritated = true),
        "irritated-skin-retinoid-or-benzoyl-peroxide",
    );
    let calm = base()
        .product("retinol", RETINOL)
        .am(&["cream", "sunscreen"])
        .session(&[1], Time::Pm, &["retinol", "cream"]);
    silent(&calm, "irritated-skin-retinoid-or-benzoyl-peroxide");
}

#[test]
fn a_gentle_routine_has_no_findings() {
    let week = base()
        .product("toner", TONER)
        .product("niacinamide", NIACINAMIDE)
        .am(&["toner", "niacinamide", "cream", "sunscreen"])
        .pm(&["toner", "cream"]);
    assert!(week.fired().is_empty(), "{:?}", week.fired());
}

#[test]
fn every_rule_is_exercised_by_these_tests() {
    let source = include_str!("rules.rs");
    for rule in glasskin_kb::advice().rules {
        assert!(
            source.contains(&format!("\"{}\"", rule.id)),
            "no test names rule {}",
            rule.id
        );
    }
}
