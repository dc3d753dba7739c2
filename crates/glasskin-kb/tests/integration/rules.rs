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
    // A loss of effect, not harm.
    assert_eq!(finding.rule.severity, Severity::Caution);
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

/// A PHA toner for daily use, and an acne gel whose Drug Facts give salicylic acid 2%.
const PHA_TONER: &str = "Water, Gluconolactone, Butylene Glycol, Glycerin, Lactobionic Acid, Sodium Hydroxide, Phenoxyethanol";
const SA_ACNE_GEL: &str = "Drug Facts Active ingredient Purpose Salicylic Acid 2% ........ Acne treatment Uses for the treatment of acne Warnings For external use only. Inactive ingredients: Water, Alcohol Denat., Butylene Glycol, Carbomer, Sodium Hydroxide";

#[test]
fn gentle_daily_acids_are_not_exfoliation_nights() {
    for (name, label) in [("PHA Toner", PHA_TONER), ("Acne Gel", SA_ACNE_GEL)] {
        let daily = base()
            .product(name, label)
            .am(&["cream", "sunscreen"])
            .pm(&[name, "cream"])
            .with(|p| p.skin_type = SkinType::Dry);
        silent(&daily, "exfoliation-budget");
    }
    // A 2% BHA exfoliant every night is four nights too many for dry skin.
    let bha = base()
        .product("BHA Liquid Exfoliant", BHA_LIQUID)
        .am(&["cream", "sunscreen"])
        .pm(&["BHA Liquid Exfoliant", "cream"])
        .with(|p| p.skin_type = SkinType::Dry);
    fires(&bha, "exfoliation-budget");
}

#[test]
fn several_acids_in_one_session() {
    let together = base()
        .product("bha", BHA_LIQUID)
        .product("glycolic", GLYCOLIC_SERUM)
        .am(&["cream", "sunscreen"])
        .session(&[1], Time::Pm, &["bha", "glycolic", "cream"]);
    fires(&together, "several-acids-in-one-session");
    let apart = base()
        .product("bha", BHA_LIQUID)
        .product("glycolic", GLYCOLIC_SERUM)
        .am(&["cream", "sunscreen"])
        .session(&[1], Time::Pm, &["bha", "cream"])
        .session(&[4], Time::Pm, &["glycolic", "cream"]);
    silent(&apart, "several-acids-in-one-session");
}

#[test]
fn niacinamide_with_an_acid_is_a_myth() {
    let week = base()
        .product("niacinamide", NIACINAMIDE)
        .product("glycolic", GLYCOLIC_SERUM)
        .am(&["cream", "sunscreen"])
        .session(&[2], Time::Pm, &["glycolic", "niacinamide", "cream"]);
    let finding = week
        .findings()
        .into_iter()
        .find(|f| f.rule.id == "niacinamide-with-exfoliating-acid")
        .expect("fires");
    assert_eq!(finding.rule.grade, Grade::M);
    assert_eq!(finding.rule.severity, Severity::Info);
    assert!(finding.rule.myth.is_some());
}

#[test]
fn a_new_acne_product_gets_the_first_use_test() {
    let week = |new: bool| {
        let week = base().am(&["cream", "sunscreen"]).pm(&["bpo", "cream"]);
        if new {
            week.new_product("bpo", BPO)
        } else {
            week.product("bpo", BPO)
        }
    };
    fires(&week(true), "new-acne-product-first-use");
    silent(&week(false), "new-acne-product-first-use");
    let new_cream = base()
        .new_product("new cream", CREAM)
        .am(&["cream", "sunscreen"])
        .pm(&["new cream"]);
    silent(&new_cream, "new-acne-product-first-use");
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
    // Essential oils are fragrance: a "natural" toner scented with lavender and bergamot counts
    // as the third irritant.
    let scented = base()
        .product("aha toner", GLYCOLIC_SERUM)
        .product("retinol", RETINOL)
        .product("calming toner", ESSENTIAL_OIL_TONER)
        .am(&["cream", "sunscreen"])
        .session(
            &[4],
            Time::Pm,
            &["calming toner", "aha toner", "retinol", "cream"],
        )
        .with(|p| p.skin_type = SkinType::Sensitive);
    fires(&scented, "sensitive-skin-irritant-stack");
}

#[test]
fn a_citrus_oil_that_burns_in_sunlight_belongs_to_the_evening() {
    let week = |time: Time| {
        base()
            .product("calming toner", ESSENTIAL_OIL_TONER)
            .am(&["cream", "sunscreen"])
            .session(&EVERY_DAY, time, &["calming toner", "cream"])
    };
    let morning = week(Time::Am);
    let finding = morning
        .findings()
        .into_iter()
        .find(|f| f.rule.id == "phototoxic-oil-in-the-morning")
        .expect("fires in the morning");
    assert_eq!(finding.rule.severity, Severity::Caution);
    assert_eq!(finding.when.len(), 7);
    assert!(
        finding
            .ingredients
            .contains(&"CITRUS AURANTIUM BERGAMIA FRUIT OIL")
    );
    silent(&week(Time::Pm), "phototoxic-oil-in-the-morning");
    let product = &morning.routine().products[2].product;
    assert!(
        !product.flags.fragrance_free,
        "essential oils are fragrance"
    );
    assert!(!product.flags.seven_skin);
    assert_eq!(
        product.flags.phototoxic,
        ["CITRUS AURANTIUM BERGAMIA FRUIT OIL"]
    );
}

/// A "natural" toner: no parfum, but lavender and bergamot oils and their allergens.
const ESSENTIAL_OIL_TONER: &str = "Water, Glycerin, Butylene Glycol, Lavandula Angustifolia (Lavender) Oil, Citrus Aurantium Bergamia (Bergamot) Fruit Oil, Linalool, Limonene, Phenoxyethanol";

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

    let hydroquinone = Week::new()
        .product("cream", CREAM)
        .product("hq", HYDROQUINONE)
        .am(&["cream"])
        .pm(&["hq", "cream"]);
    assert_eq!(
        severity_of(&hydroquinone, "hydroquinone-without-sunscreen"),
        Some(Severity::Warning)
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

/// A sunscreen of the kind sold everywhere: a trace of retinyl palmitate after tocopheryl
/// acetate, and perlite for a dry finish.
const RETINYL_SUNSCREEN: &str = "Aqua, Homosalate, Silica, Octocrylene, Butyl Methoxydibenzoylmethane, Ethylhexyl Salicylate, Ethylhexyl Triazone, Glycerin, Drometrizole Trisiloxane, Perlite, Tocopheryl Acetate, Retinyl Palmitate, Phenoxyethanol";
const TAZAROTENE: &str = "Tazarotene 0.1%, Purified Water, Mineral Oil, Medium Chain Triglycerides, Sorbitan Monooleate, Carbomer 934P, Edetate Disodium, Benzyl Alcohol, Sodium Thiosulfate";
/// A cream with retinyl palmitate as its active, second on the list: still within what the EU
/// allows (it is normally used below 1%), so still only a note.
const RETINYL_CREAM: &str = "Water, Retinyl Palmitate, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Glyceryl Stearate, Phenoxyethanol";

/// The severity a rule fired with in a week, if it fired.
fn severity_of(week: &Week, rule: &str) -> Option<Severity> {
    week.findings()
        .into_iter()
        .find(|f| f.rule.id == rule)
        .map(|f| f.rule.severity)
}

#[test]
fn pregnancy_advice_is_tiered_by_ingredient_form_and_level() {
    let week = |label: &'static str| {
        base()
            .product("active", label)
            .am(&["cream", "sunscreen"])
            .pm(&["active", "cream"])
            .with(|p| p.pregnant = true)
    };
    // Contraindicated, avoided as a precaution, paused as a precaution, fine: four tiers.
    assert_eq!(
        severity_of(&week(TAZAROTENE), "pregnancy-tazarotene"),
        Some(Severity::Warning)
    );
    silent(&week(TAZAROTENE), "pregnancy-retinoids");
    for prescription in [TRETINOIN, ADAPALENE] {
        assert_eq!(
            severity_of(&week(prescription), "pregnancy-retinoids"),
            Some(Severity::Warning)
        );
        silent(&week(prescription), "pregnancy-retinol");
    }
    for cosmetic in [RETINOL, GRANACTIVE] {
        assert_eq!(
            severity_of(&week(cosmetic), "pregnancy-retinol"),
            Some(Severity::Caution),
            "{cosmetic}"
        );
        silent(&week(cosmetic), "pregnancy-retinoids");
    }
    silent(
        &week(RETINOL).with(|p| p.pregnant = false),
        "pregnancy-retinol",
    );
    assert_eq!(
        severity_of(&week(RETINYL_CREAM), "pregnancy-retinyl-ester"),
        Some(Severity::Info)
    );
    silent(&week(RETINYL_CREAM), "pregnancy-retinol");

    // A trace of retinyl palmitate in a sunscreen: a reassurance, never a reason to stop it.
    let sunscreen = Week::new()
        .product("UV Fluid SPF 50+", RETINYL_SUNSCREEN)
        .product("cream", CREAM)
        .am(&["cream", "UV Fluid SPF 50+"])
        .pm(&["cream"])
        .with(|p| p.pregnant = true);
    let findings = sunscreen.findings();
    assert!(
        findings.iter().all(|f| f.rule.severity == Severity::Info),
        "{:?}",
        sunscreen.fired()
    );
    fires(&sunscreen, "pregnancy-retinyl-ester");
    assert!(findings.iter().all(|f| f.fixes.is_empty()));
}

#[test]
fn breastfeeding_is_not_pregnancy() {
    let week = base()
        .product("tretinoin", TRETINOIN)
        .product("bha", BHA_LIQUID)
        .am(&["cream", "sunscreen"])
        .pm(&["tretinoin", "cream"])
        .session(&[2], Time::Pm, &["bha", "cream"])
        .with(|p| p.breastfeeding = true);
    assert_eq!(
        severity_of(&week, "breastfeeding-retinoids"),
        Some(Severity::Info)
    );
    for pregnancy in ["pregnancy-retinoids", "pregnancy-salicylic-acid"] {
        silent(&week, pregnancy);
    }
}

#[test]
fn salicylic_acid_on_the_face_in_pregnancy_is_a_note() {
    let week = |label: &'static str| {
        base()
            .product("active", label)
            .am(&["cream", "sunscreen"])
            .pm(&["active", "cream"])
            .with(|p| p.pregnant = true)
    };
    assert_eq!(
        severity_of(&week(BHA_LIQUID), "pregnancy-salicylic-acid"),
        Some(Severity::Info)
    );
    // A rinse-off salicylic-acid cleanser is not the concern.
    silent(&week(SA_CLEANSER), "pregnancy-salicylic-acid");
    assert_eq!(
        severity_of(&week(HYDROQUINONE), "pregnancy-hydroquinone"),
        Some(Severity::Caution)
    );
    silent(
        &week(HYDROQUINONE).with(|p| p.pregnant = false),
        "pregnancy-hydroquinone",
    );
}

#[test]
fn no_fix_ever_takes_a_sunscreen_away() {
    // A sunscreen with retinol high on its list, for a pregnant person: the caution stands, but
    // the only fix left is to ask; never to use the sunscreen less, later or not at all.
    let week = Week::new()
        .product(
            "Retinol Day Cream SPF 30",
            "Water, Homosalate, Octocrylene, Retinol, Butyl Methoxydibenzoylmethane, Glycerin, Phenoxyethanol",
        )
        .product("cream", CREAM)
        .am(&["Retinol Day Cream SPF 30"])
        .pm(&["cream"])
        .with(|p| p.pregnant = true);
    let finding = week
        .findings()
        .into_iter()
        .find(|f| f.rule.id == "pregnancy-retinol")
        .expect("fires");
    assert!(finding.rule.fixes.iter().any(|f| f.changes_use()));
    assert!(!finding.fixes.is_empty());
    assert!(
        finding.fixes.iter().all(|f| !f.changes_use()),
        "{:?}",
        finding.fixes
    );
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
    // Perlite in a leave-on sunscreen gives a dry finish; it scrubs nothing.
    let sunscreen = Week::new()
        .product("UV Fluid SPF 50+", RETINYL_SUNSCREEN)
        .product("cream", CREAM)
        .am(&["cream", "UV Fluid SPF 50+"])
        .pm(&["cream"])
        .with(|p| p.skin_type = SkinType::Sensitive);
    assert!(sunscreen.fired().is_empty(), "{:?}", sunscreen.fired());
    let product = &sunscreen.routine().products[0].product;
    assert!(
        product
            .actives
            .iter()
            .all(|a| a.class != glasskin_core::Class::PhysicalExfoliant),
        "{:?}",
        product.actives
    );
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

/// Whatever a rule finds in sunscreens alone, its fixes never use a sunscreen less, later or
/// not at all: every class a rule can name, in two sunscreens used every morning, for every kind
/// of person.
#[test]
fn no_rule_resolves_a_finding_by_taking_a_sunscreen_away() {
    let kb = glasskin_kb::kb();
    let labels: Vec<String> = glasskin_core::Class::ALL
        .iter()
        .filter_map(|class| {
            let member = kb.ingredients().find(|i| i.is(*class))?;
            Some(format!(
                "Water, Homosalate, Octocrylene, {}, Glycerin, Phenoxyethanol",
                member.inci()
            ))
        })
        .collect();
    let people: [fn(&mut Profile); 4] = [
        |p| p.pregnant = true,
        |p| p.skin_type = SkinType::Sensitive,
        |p| {
            p.irritated = true;
            p.new_to_retinoids = true;
        },
        |p| p.breastfeeding = true,
    ];
    let mut checked = 0;
    for (a, b) in labels.iter().zip(labels.iter().cycle().skip(1)) {
        for person in people {
            let a: &'static str = Box::leak(a.clone().into_boxed_str());
            let b: &'static str = Box::leak(b.clone().into_boxed_str());
            let week = Week::new()
                .new_product("Day Fluid SPF 50", a)
                .new_product("Sun Milk SPF 30", b)
                .am(&["Day Fluid SPF 50", "Sun Milk SPF 30"])
                .with(person);
            for finding in week.findings() {
                checked += 1;
                assert!(
                    finding.fixes.iter().all(|f| !f.changes_use()),
                    "{} on sunscreens alone advises {:?}",
                    finding.rule.id,
                    finding.fixes
                );
            }
        }
    }
    assert!(checked > 20, "the sunscreens met rules: {checked} findings");
}

/// A tea-tree spot gel: scented by its essential oil, and its undecylenic acid (an antifungal)
/// is no fungal-acne trigger, whatever the community list says.
#[test]
fn a_tea_tree_gel_is_scented_and_its_antifungal_is_no_trigger() {
    let week = base()
        .product(
            "Tea Tree Spot Gel",
            "Water, Alcohol Denat., Melaleuca Alternifolia (Tea Tree) Leaf Oil, Carbomer, Undecylenic Acid, Sodium Hydroxide",
        )
        .pm(&["Tea Tree Spot Gel"]);
    let flags = &week.routine().products[2].product.flags;
    assert!(!flags.fragrance_free && !flags.essential_oil_free);
    assert!(
        !flags.fungal_acne_triggers.contains(&"UNDECYLENIC ACID"),
        "{:?}",
        flags.fungal_acne_triggers
    );
}

/// The grades and severities a dermatologist's review corrected stay corrected.
#[test]
fn reviewed_grades_and_severities() {
    let library = glasskin_kb::advice();
    let rule = |id: &str| {
        library
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("no rule {id}"))
    };
    let tip = |id: &str| {
        library
            .tips
            .iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("no tip {id}"))
    };
    assert_eq!(
        tip("low-glycaemic-diet").grade,
        Grade::B,
        "two small unblinded trials"
    );
    let bpo_hq = rule("benzoyl-peroxide-with-hydroquinone");
    assert_eq!(bpo_hq.grade, Grade::C);
    assert!(
        bpo_hq
            .sources
            .iter()
            .any(|s| s.id == "hydroquinone-prescribing-info")
    );
    assert_eq!(
        rule("exfoliation-budget").grade,
        Grade::D,
        "glasskin's rule of thumb"
    );
    assert!(rule("exfoliation-budget").why.contains("rule of thumb"));
    assert!(
        rule("aha-or-retinoid-without-sunscreen")
            .why
            .contains("not every morning"),
        "it fires when some mornings lack a sunscreen"
    );
    // ACOG is cited where pregnancy is advised on.
    for id in ["pregnancy-retinoids", "pregnancy-salicylic-acid"] {
        assert!(
            rule(id)
                .sources
                .iter()
                .any(|s| s.id == "acog-skin-pregnancy"),
            "{id}"
        );
    }
    // The patch test follows its source: wash-off products stay on for about five minutes.
    assert!(tip("patch-test").text.contains("five minutes"));
}

/// Hydroquinone's EU status is said as it is: not allowed in skin products at all.
#[test]
fn hydroquinone_is_not_an_eu_cosmetic() {
    let week = base().product("hq", HYDROQUINONE).pm(&["hq", "cream"]);
    let notes = &week.routine().products[2].product.flags.eu_compliance;
    assert!(
        notes
            .iter()
            .any(|n| n.contains("not allowed in EU cosmetics for the skin")),
        "{notes:?}"
    );
    assert!(
        notes.iter().all(|n| !n.contains("in some grades or uses")),
        "{notes:?}"
    );
}
