use super::contrast::{Design, RatedDay, contrast};
use super::days::{date_from_day, day_number};
use super::inputs::{
    ChangeKind, DiaryDay, LifestyleDay, LifestyleFactor, ProductChange, SkinMetric, SkinRatings,
};
use super::multiplicity::benjamini_hochberg;
use super::simulation::{KINDS, LARGE, Planted, Rng, TODAY, person, read};
use super::stats::{normal_quantile, t_quantile, t_two_sided_p};
use super::*;
use jiff::civil::Date;
use jiff::civil::date;
use serde::Serialize;

fn day(offset: i64) -> Date {
    date_from_day(day_number(TODAY) + offset).expect("in range")
}

fn strip_disclaimer(s: &str) -> String {
    s.replace("not proof that one causes the other", "")
        .replace("not proof of cause", "")
        .replace("Patterns are not proof of cause", "")
}

fn assert_non_causal(sentence: &str) {
    let s = strip_disclaimer(sentence).to_lowercase();
    for word in [
        "cause",
        "because",
        "due to",
        "leads to",
        "led to",
        "improve",
        "worsen",
        "trigger",
        "makes",
        "made your",
        "helps",
        "effect of",
    ] {
        assert!(!s.contains(word), "causal word {word:?} in {sentence:?}");
    }
}

/// Every sentence a report holds.
fn sentences(report: &Report) -> Vec<&str> {
    let mut out = vec![
        report.summary.as_str(),
        report.method.description.as_str(),
        report.associations.summary.as_str(),
    ];
    out.extend(
        report
            .associations
            .results
            .iter()
            .map(|a| a.sentence.as_str()),
    );
    out.extend(
        report
            .associations
            .not_enough_data
            .iter()
            .map(|n| n.message.as_str()),
    );
    for effect in &report.product_effects {
        out.push(&effect.summary);
        out.extend(effect.notes.iter().map(String::as_str));
        out.extend(effect.metrics.iter().map(|m| m.sentence.as_str()));
    }
    out
}

#[test]
fn insights_day_numbers_round_trip() {
    assert_eq!(day_number(date(1970, 1, 1)), 0);
    assert_eq!(day_number(date(2000, 3, 1)), 11_017);
    let mut d = date(1999, 12, 25);
    for _ in 0..800 {
        let next = d.tomorrow().expect("in range");
        assert_eq!(day_number(next), day_number(d) + 1);
        assert_eq!(date_from_day(day_number(d)), Some(d));
        d = next;
    }
    assert_eq!(date_from_day(day_number(Date::MAX) + 1), None);
    assert_eq!(date_from_day(day_number(Date::MIN)), Some(Date::MIN));
}

#[test]
fn insights_quantiles_match_tables() {
    assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-8);
    assert!((normal_quantile(0.025) + 1.959_963_985).abs() < 1e-8);
    assert!((normal_quantile(0.999_9) - 3.719_016_485).abs() < 1e-7);
    for (df, want) in [
        (1.0, 12.706_204_736),
        (2.0, 4.302_652_730),
        (9.0, 2.262_157_163),
        (30.0, 2.042_272_456),
        (120.0, 1.979_930_405),
    ] {
        let got = t_quantile(0.975, df).expect("valid");
        assert!((got - want).abs() < 1e-7, "df {df}: {got} vs {want}");
        // The two-sided p-value of the 97.5% quantile is 5%.
        assert!((t_two_sided_p(want, df) - 0.05).abs() < 1e-8);
    }
    // Far in the tail, where multiplicity-sized thresholds live: t(0.9999, 10) = 5.6938201.
    assert!((t_quantile(0.999_9, 10.0).expect("valid") - 5.693_820_101).abs() < 1e-7);
    assert!((t_two_sided_p(5.693_820_101, 10.0) - 2e-4).abs() < 1e-12);
    let low = t_quantile(0.025, 9.0).expect("valid");
    assert!((low + 2.262_157_163).abs() < 1e-7);
    assert_eq!(t_quantile(0.975, 0.5), None);
    assert_eq!(t_quantile(f64::NAN, 10.0), None);
    assert_eq!(t_quantile(0.975, f64::NAN), None);
    assert_eq!(t_two_sided_p(f64::INFINITY, 10.0), 0.0);
    assert_eq!(t_two_sided_p(f64::NAN, 10.0), 1.0);
}

#[test]
fn insights_benjamini_hochberg_steps_up() {
    // m = 5, q = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05. The third smallest (0.025) is
    // under its threshold, so the three smallest are discoveries, though 0.021 > 0.02.
    let p = [0.04_5, 0.005, 0.021, 0.2, 0.025];
    let found = benjamini_hochberg(&p, &[1.0; 5], 0.05);
    assert_eq!(found.discovered, [false, true, true, false, true]);
    assert!((found.interval_level[0] - (1.0 - 0.05 * 3.0 / 5.0)).abs() < 1e-12);
    // With nothing under its threshold, nothing is found.
    let none = benjamini_hochberg(&[0.02, 0.5, 0.9], &[1.0; 3], 0.05);
    assert_eq!(none.discovered, [false; 3]);
    assert!((none.interval_level[0] - (1.0 - 0.05 / 3.0)).abs() < 1e-12);
    // A weight of 2 halves a p-value's size; weights of ½ double it.
    let even = benjamini_hochberg(&[0.03; 3], &[1.0; 3], 0.05);
    assert_eq!(even.discovered, [true; 3]);
    let weighted = benjamini_hochberg(&[0.03; 3], &[2.0, 0.5, 0.5], 0.05);
    assert_eq!(weighted.discovered, [true, false, false]);
    assert!((weighted.interval_level[0] - (1.0 - 2.0 * 0.05 / 3.0)).abs() < 1e-12);
    assert!(benjamini_hochberg(&[], &[], 0.05).discovered.is_empty());
}

/// `ΣΣ w_s w_t ρ^|d_s − d_t|` the slow way, to check the one-pass recursion.
fn brute_force_variance_ratio(days: &[RatedDay], rho: f64) -> f64 {
    let n1 = days.iter().filter(|d| d.exposed).count() as f64;
    let n0 = days.len() as f64 - n1;
    let w = |d: &RatedDay| if d.exposed { 1.0 / n1 } else { -1.0 / n0 };
    let mut q = 0.0;
    for s in days {
        for t in days {
            let gap = i32::try_from((s.day - t.day).abs()).expect("small");
            q += w(s) * w(t) * rho.powi(gap);
        }
    }
    (1.0 / n1 + 1.0 / n0) / q
}

#[test]
fn insights_before_after_allows_for_carry_over() {
    // Ten weeks with gaps; the second half is after a change and a point higher.
    let mut rng = Rng::new(5);
    let mut noise = 0.0;
    let days: Vec<RatedDay> = (0..70)
        .filter(|i| i % 9 != 4)
        .map(|i| {
            noise = 0.5 * noise + 0.8 * rng.normal();
            let exposed = i >= 35;
            RatedDay {
                day: 20_000 + i,
                exposed,
                rating: (3.0 + f64::from(u8::from(exposed)) + noise)
                    .round()
                    .clamp(1.0, 5.0),
            }
        })
        .collect();
    let c = contrast(&days, Design::BeforeAfter).expect("both kinds");
    assert_eq!((c.n_exposed, c.n_other), (31, 31));
    assert!((c.difference - (c.mean_exposed - c.mean_other)).abs() < 1e-12);
    assert!((0.3..=0.9).contains(&c.autocorrelation));
    // The effective days are exactly what the AR(1) variance implies.
    let n = days.len() as f64;
    let want = n * brute_force_variance_ratio(&days, c.autocorrelation);
    assert!((c.effective_days - want).abs() < 1e-9, "{c:?} vs {want}");
    // Neighbouring days of one kind: far fewer effective days than days.
    assert!(c.effective_days < 0.6 * n, "{c:?}");
    // Clear at 95%, and the interval says so.
    assert!(c.p_value < 0.05, "{c:?}");
    let (low, high) = c.interval(0.95);
    assert!(low < c.difference && c.difference < high && low > 0.0);
    let (low, _) = c.interval(1.0 - c.p_value);
    assert!(low.abs() < 1e-6, "{low}");
    // The same days scattered (every third day exposed) lose hardly anything.
    let scattered: Vec<RatedDay> = days
        .iter()
        .map(|d| RatedDay {
            exposed: d.day % 3 == 0,
            ..*d
        })
        .collect();
    let s = contrast(&scattered, Design::Scattered).expect("both kinds");
    assert!(s.effective_days > 0.8 * n, "{s:?}");
    // One day of a kind is no comparison.
    let before = days.iter().filter(|d| !d.exposed).count();
    assert_eq!(contrast(&days[..=before], Design::BeforeAfter), None);
}

#[test]
fn insights_planted_short_nights_found_two_days_later() {
    // The first person with the large effect whose pattern is found; most are (see simulation).
    let (report, planted) = (0..20)
        .map(|seed| {
            let planted = person(seed, Planted::ShortNight { lag: 2 }, LARGE, 90);
            (read(&planted), planted)
        })
        .find(|(r, _)| !r.associations.findings.is_empty())
        .expect("found in one of 20");
    let top = &report.associations.findings[0];
    assert_eq!(top.factor, LifestyleFactor::Sleep);
    assert_eq!(top.metric, SkinMetric::Breakouts);
    assert_eq!(top.lag, 2);
    assert!(top.difference > 0.5 && top.ci_low > 0.0, "{top:?}");
    assert!(top.ci_low < top.difference && top.difference < top.ci_high);
    assert!(top.interval_level > 0.99 && top.interval_level < 1.0);
    assert!(top.p_value < 1e-3);
    assert!(
        top.sentence
            .starts_with("Two days after a night under 6 hours, your breakouts rating was about "),
        "{}",
        top.sentence
    );
    assert!(
        top.sentence
            .contains("higher than on other days, which is worse (likely between ")
    );
    assert!(
        top.sentence
            .ends_with("not proof that one causes the other.")
    );
    assert_eq!(
        report.method.findings, 1,
        "{:?}",
        report.associations.findings
    );
    assert!(
        report
            .summary
            .contains("Pattern in your log (not proof of cause): two days after")
    );
    assert!(
        report
            .associations
            .summary
            .contains("1 stood out: two days after a night under 6 hours")
    );
    // Every other habit × rating says "no clear difference", with an interval through zero.
    for a in report.associations.results.iter().filter(|a| !a.finding) {
        assert!(a.sentence.contains("no clear difference"), "{}", a.sentence);
        assert!(a.ci_low <= 0.0 && 0.0 <= a.ci_high, "{a:?}");
    }
    // One result per habit × rating, each at the clearest of its lags.
    let habits = report.associations.results.len();
    assert_eq!(
        report.associations.tested,
        habits * usize::from(MAX_LAG + 1)
    );
    // Deterministic: the same log gives the same report.
    assert_eq!(read(&planted).associations, report.associations);
}

#[test]
fn insights_a_finding_and_its_interval_agree() {
    for planted in KINDS.into_iter().chain([Planted::Nothing]) {
        for seed in 0..6 {
            let report = read(&person(seed, planted, LARGE, 90));
            for a in &report.associations.results {
                assert_eq!(a.finding, a.ci_low > 0.0 || a.ci_high < 0.0, "{a:?}");
            }
            for effect in &report.product_effects {
                for c in effect.metrics.iter().filter_map(|m| m.comparison) {
                    assert_eq!(c.finding, c.ci_low > 0.0 || c.ci_high < 0.0, "{c:?}");
                }
            }
            for sentence in sentences(&report) {
                assert_non_causal(sentence);
            }
        }
    }
}

#[test]
fn insights_rougher_texture_is_worse() {
    let report = (0..20)
        .map(|seed| read(&person(seed, Planted::TwoStartedTogether, LARGE, 90)))
        .find(|r| r.method.findings > 0)
        .expect("found in one of 20");
    let serum = report
        .product_effects
        .iter()
        .find(|e| e.product == "Snail serum")
        .expect("serum");
    let texture = &serum.metrics[SkinMetric::Texture.index()];
    let c = texture.comparison.expect("compared");
    assert!(c.finding && c.difference > 0.0, "{c:?}");
    assert!(
        texture.sentence.starts_with("Texture was about ")
            && texture
                .sentence
                .contains("higher in the weeks after starting Snail serum than in the weeks before, which is worse"),
        "{}",
        texture.sentence
    );
    // Started the same day: each names the other.
    assert!(
        serum.notes[0].starts_with("Barrier cream was also started during these weeks"),
        "{:?}",
        serum.notes
    );
    assert!(serum.notes[0].contains("on the same day"));
    assert!(serum.summary.contains("can't be told apart"));
}

fn started(product: &str, offset: i64) -> ProductChange {
    ProductChange {
        product: product.to_owned(),
        date: day(offset),
        kind: ChangeKind::Started,
    }
}

#[test]
fn insights_overlapping_changes_are_noted() {
    let diary = person(3, Planted::Nothing, 0.0, 120).diary;
    let changes = [
        started("Snail essence", -60),
        started("Vitamin C serum", -50),
        ProductChange {
            product: "Old cleanser".to_owned(),
            date: day(-110),
            kind: ChangeKind::Stopped,
        },
        // An exact duplicate is reported once.
        started(" Vitamin C serum ", -50),
    ];
    let effects = report(&diary, &[], &changes, None, TODAY).product_effects;
    assert_eq!(effects.len(), 3);
    assert_eq!(effects[0].product, "Old cleanser");
    let snail = &effects[1];
    assert_eq!(snail.product, "Snail essence");
    assert_eq!(snail.overlapping.len(), 1);
    assert!(
        snail.notes[0].starts_with(
            "Vitamin C serum was also started during these weeks (2025-05-11, 10 days later)"
        ),
        "{:?}",
        snail.notes
    );
    assert!(snail.summary.contains("can't be told apart"));
    let vitamin_c = &effects[2];
    assert!(vitamin_c.notes[0].contains("Snail essence was also started"));
    assert!(vitamin_c.notes[0].contains("10 days earlier"));
    // 50 days apart with up to 42 days compared: no overlap.
    assert!(effects[0].overlapping.is_empty());
}

#[test]
fn insights_too_early_to_judge() {
    let diary = person(4, Planted::ProductStart, 3.0, 90).diary;
    let read_one = |change: ProductChange, diary: &[DiaryDay]| {
        report(diary, &[], &[change], None, TODAY).product_effects[0].clone()
    };
    let effect = read_one(started("Retinal serum", -10), &diary);
    assert_eq!(effect.status, EffectStatus::TooEarly);
    assert!(effect.metrics.is_empty());
    assert!(
        effect
            .summary
            .starts_with("Too early: Retinal serum was started 10 days ago")
    );
    assert!(effect.summary.contains("judge after 4–6 weeks"));
    assert_eq!(effect.complete_on, Some(day(19)));
    // 28 days after the change is the first day it can be judged.
    assert_eq!(
        read_one(started("X", -28), &diary).status,
        EffectStatus::TooEarly
    );
    let judged = read_one(started("X", -29), &diary);
    assert_eq!(judged.status, EffectStatus::Ready);
    let glow = &judged.metrics[SkinMetric::Glow.index()];
    assert_eq!((glow.n_before, glow.n_after), (29, 28));
    // A sparse diary is not enough, even when the weeks are over.
    let sparse: Vec<DiaryDay> = diary.iter().step_by(5).cloned().collect();
    let effect = read_one(started("X", -60), &sparse);
    assert_eq!(effect.status, EffectStatus::NotEnoughData);
    assert!(effect.metrics[0].sentence.contains("need 10 on each side"));
}

#[test]
fn insights_too_few_days_is_not_enough_data() {
    let short = person(5, Planted::ShortNight { lag: 0 }, 3.0, 20);
    let report = read(&short);
    let found = &report.associations;
    assert_eq!(found.tested, 0);
    assert!(found.findings.is_empty() && found.results.is_empty());
    let sleep = &found.not_enough_data[0];
    assert_eq!(sleep.factor, LifestyleFactor::Sleep);
    assert!(sleep.paired_days < 20);
    assert_eq!(
        sleep.message,
        format!(
            "Sleep: not enough data yet: {} of 28 days.",
            sleep.paired_days
        )
    );
    assert!(
        found
            .summary
            .starts_with("Not enough data yet to look for patterns")
    );
    assert_eq!(report.method.findings, 0);
}

#[test]
fn insights_rare_habits_wait_for_enough_days_of_each_kind() {
    let mut logs = person(6, Planted::Nothing, 0.0, 90);
    for l in &mut logs.lifestyle {
        l.sleep_hours = Some(8.0);
    }
    if let Some(l) = logs.lifestyle.first_mut() {
        l.sleep_hours = Some(5.0);
    }
    let report = read(&logs);
    let sleep = report
        .associations
        .not_enough_data
        .iter()
        .find(|n| n.factor == LifestyleFactor::Sleep)
        .expect("sleep waits");
    assert!(
        sleep
            .message
            .starts_with("Sleep: too few nights under 6 hours or too few other days yet"),
        "{}",
        sleep.message
    );
    assert!(
        report
            .associations
            .results
            .iter()
            .all(|a| a.factor != LifestyleFactor::Sleep)
    );
}

#[test]
fn insights_history_window_and_future_days_are_ignored() {
    let logs = person(5, Planted::Nothing, 0.0, 90);
    // Seen from 400 days later, all of it is older than a year.
    let later = day(400);
    let found = report(&logs.diary, &logs.lifestyle, &[], None, later).associations;
    assert_eq!(found.tested, 0);
    // Seen from 70 days earlier, only the first 20 days have happened.
    let earlier = day(-70);
    let found = report(&logs.diary, &logs.lifestyle, &[], None, earlier).associations;
    assert!(found.not_enough_data[0].paired_days <= 20);
}

#[test]
fn insights_never_panic_on_odd_input() {
    let empty = report(&[], &[], &[], None, TODAY);
    assert_eq!(empty.associations.tested, 0);
    assert!(empty.product_effects.is_empty());
    assert_eq!(empty.method.findings, 0);
    assert!(weekly_summary(&[], &[], &[], None, TODAY).contains("0 of 7 days logged"));

    let mut rng = Rng::new(11);
    let mut diary = Vec::new();
    let mut lifestyle = Vec::new();
    for i in 0..60 {
        // Every date twice, with nonsense mixed in.
        for _ in 0..2 {
            let mut ratings = SkinRatings::default();
            for m in SkinMetric::ALL {
                ratings.set(m, Some((rng.next() % 10) as u8));
            }
            diary.push(DiaryDay {
                date: day(-i),
                ratings,
                breakouts: Some(u16::MAX),
            });
            lifestyle.push(LifestyleDay {
                date: day(-i),
                sleep_hours: Some(if i % 3 == 0 { f32::NAN } else { 7.0 }),
                water_litres: Some(f32::INFINITY),
                exercise_minutes: Some(u16::MAX),
                stress: Some(9),
                diet_tags: vec![String::new(), "  ".to_owned()],
            });
        }
    }
    let odd = report(&diary, &lifestyle, &[], None, TODAY);
    // Sleep is never short, water and stress are invalid: nothing to compare.
    assert_eq!(odd.associations.tested, 0);
    assert!(odd.associations.summary.contains("Not enough"));
    for extreme in [Date::MIN, Date::MAX] {
        let _ = weekly_summary(&diary, &lifestyle, &[], Some(f32::NAN), extreme);
        let changes = [ProductChange {
            product: String::new(),
            date: extreme,
            kind: ChangeKind::Started,
        }];
        let effects = report(&diary, &lifestyle, &changes, None, extreme).product_effects;
        assert_eq!(effects.len(), 1);
        assert_eq!(effects[0].product, "An unnamed product");
    }
    // Every day rated the same: no spread, no pattern, no panic.
    let flat: Vec<DiaryDay> = (0..90)
        .map(|i| DiaryDay {
            date: day(-i),
            ratings: SkinRatings {
                glow: Some(3),
                ..SkinRatings::default()
            },
            breakouts: None,
        })
        .collect();
    let flat_report = report(&flat, &[], &[started("X", -45)], None, TODAY);
    assert_eq!(flat_report.method.findings, 0);
    // Deterministic: the same input gives the same output.
    assert_eq!(
        odd.associations,
        report(&diary, &lifestyle, &[], None, TODAY).associations
    );
}

#[test]
fn insights_weekly_summary_reads_quickly() {
    let mut diary = Vec::new();
    for i in 0..14 {
        let ratings = SkinRatings {
            hydration: Some(if i < 7 { 4 } else { 3 }),
            breakouts: Some(if i < 7 { 2 } else { 3 }),
            glow: Some(3),
            ..SkinRatings::default()
        };
        diary.push(DiaryDay {
            date: day(-i),
            ratings,
            breakouts: Some(if i < 7 { 1 } else { 2 }),
        });
    }
    let text = weekly_summary(&diary, &[], &[], Some(0.857), TODAY);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Week ending 2025-06-30: 7 of 7 days logged (the week before: 7)."
    );
    assert_eq!(
        lines[1],
        "Skin this week: hydration 4.0 (up from 3.0, better), breakouts 2.0 (down from 3.0, \
         better), glow 3.0 (about the same)."
    );
    assert_eq!(lines[2], "Spots counted: 7 (the week before: 14).");
    assert_eq!(lines[3], "Routine: 86% of planned steps done.");
    assert_eq!(lines[4], "Patterns: not enough data yet (0 of 28 days).");

    let logs = person(1, Planted::Nothing, 0.0, 90);
    let text = weekly_summary(&logs.diary, &logs.lifestyle, &logs.changes, None, TODAY);
    assert!(text.lines().count() <= 5);
    assert_non_causal(&text);
}

#[test]
fn insights_outputs_serialise() {
    fn is_serialize<T: Serialize>(_: &T) {}
    is_serialize(&read(&person(7, Planted::Nothing, 0.0, 40)));
    assert_eq!(LifestyleFactor::Diet("dairy".to_owned()).id(), "diet:dairy");
    assert_eq!(LifestyleFactor::Sleep.exposure(), "nights under 6 hours");
    assert_eq!(
        LifestyleFactor::Diet("high_glycaemic".to_owned()).lead(1),
        "The day after a day tagged “high glycaemic”"
    );
}

#[test]
fn each_metric_is_better_at_the_end_of_its_scale_that_people_want() {
    // The words a person hopes to pick for their skin; the other end of each scale is what
    // they hope to avoid. Texture once read "1 smooth, 5 rough" and counted higher as better.
    const WANTED: [&str; 6] = ["plump", "matte", "clear", "calm", "smooth", "glowing"];
    for metric in SkinMetric::ALL {
        let (low, high) = metric.scale();
        let (better, worse) = if metric.higher_is_better() {
            (high, low)
        } else {
            (low, high)
        };
        assert!(WANTED.contains(&better), "{metric:?}: {better} is better");
        assert!(!WANTED.contains(&worse), "{metric:?}: {worse} is worse");
        assert_eq!(metric.better_or_worse(metric.higher_is_better()), "better");
        assert_eq!(metric.better_or_worse(!metric.higher_is_better()), "worse");
    }
}
