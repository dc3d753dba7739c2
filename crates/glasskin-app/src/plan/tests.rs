//! Planning from the saved shelf as the person's products live: past their date, patch tested,
//! failed; a kept plan that starts on the day it is kept; the retinoid start it records.

use glasskin_core::plan::PatchTestState;
use glasskin_store::{NewProduct, ProductId, Reaction, SqliteStore, Status, Store, StoredProfile};
use jiff::civil::{Date, date};

use super::{expired_reason, keep, plan_saved, plan_shelf};

/// A Thursday.
const TODAY: Date = date(2026, 12, 3);

pub(crate) fn store(name: &str) -> SqliteStore {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glasskin-app-unit-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    SqliteStore::open(&dir.join(name), "local").expect("opens")
}

pub(crate) fn days(day: Date, n: i64) -> Date {
    day.checked_add(jiff::Span::new().days(n)).expect("a date")
}

pub(crate) const CLEANSER: &str =
    "Water, Cocamidopropyl Betaine, Glycerin, Sodium Lauroyl Methyl Isethionate";
pub(crate) const CREAM: &str =
    "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Phenoxyethanol";
pub(crate) const SUNSCREEN: &str = "Water, Zinc Oxide, Glycerin, Phenoxyethanol";
pub(crate) const SERUM: &str = "Water, Glycerin, Niacinamide, Sodium Hyaluronate, Panthenol";
pub(crate) const RETINOL: &str = "Squalane, Caprylic/Capric Triglyceride, Retinol";

pub(crate) fn add(store: &mut SqliteStore, name: &str, label: &str, new: bool) -> ProductId {
    store
        .add_product(
            &NewProduct {
                name: name.into(),
                label: label.into(),
                new,
                ..NewProduct::default()
            },
            TODAY,
        )
        .expect("adds")
}

/// A week of clear looks at a test started a week before `end`, ended on `end`: passed.
pub(crate) fn pass_test(store: &mut SqliteStore, product: ProductId, end: Date) {
    let started = days(end, -7);
    store
        .start_patch_test(product, "inner arm", started)
        .expect("starts");
    for d in 0..7 {
        store
            .check_patch(days(started, d), Reaction::None, end)
            .expect("checks");
    }
    store.end_patch_test(end).expect("ends");
}

#[test]
fn a_product_past_its_date_goes_to_the_planner_with_why() {
    let opened = |opened, pao_months, best_before| glasskin_store::ShelfProduct {
        id: 1,
        name: "Daily Fluid".into(),
        brand: None,
        label: SUNSCREEN.into(),
        step: None,
        added: date(2025, 1, 1),
        opened,
        pao_months,
        best_before,
        status: Status::InUse,
        status_reason: None,
        new: false,
        status_changed: None,
    };
    assert_eq!(
        expired_reason(&opened(Some(date(2026, 3, 2)), Some(6), None), TODAY).as_deref(),
        Some("past its 6 months after opening (opened 2 March)")
    );
    assert_eq!(
        expired_reason(&opened(Some(date(2025, 10, 2)), Some(1), None), TODAY).as_deref(),
        Some("past its 1 month after opening (opened 2 October 2025)")
    );
    assert_eq!(
        expired_reason(&opened(None, None, Some(date(2026, 5, 1))), TODAY).as_deref(),
        Some("past its best-before date, 1 May")
    );
    assert_eq!(
        expired_reason(
            &opened(Some(date(2026, 1, 2)), Some(12), Some(date(2026, 5, 1))),
            TODAY
        )
        .as_deref(),
        Some("past its best-before date, 1 May"),
        "the earlier of the two"
    );
    // As the Shelf page reads it: still good on its last day, and never guessed.
    assert_eq!(
        expired_reason(&opened(None, None, Some(TODAY)), TODAY),
        None
    );
    assert_eq!(
        expired_reason(&opened(Some(TODAY), None, None), TODAY),
        None
    );

    let mut store = store("expired.db");
    let fluid = add(&mut store, "Daily Fluid", SUNSCREEN, false);
    store
        .open_product(fluid, date(2026, 3, 2), Some(6), TODAY)
        .expect("opens");
    let cream = add(&mut store, "Cream", CREAM, false);
    let (shelf, ids) = plan_shelf(&store, glasskin_kb::kb(), TODAY).expect("reads");
    assert_eq!(ids, vec![fluid, cream]);
    assert_eq!(
        shelf[0].expired.as_deref(),
        Some("past its 6 months after opening (opened 2 March)")
    );
    assert_eq!(shelf[1].expired, None);
}

#[test]
fn patch_tests_reach_the_planner_and_a_recent_failure_is_listed_as_left_out() {
    let mut store = store("patch.db");
    profile(&mut store);
    let not_started = add(&mut store, "Serum", SERUM, true);
    let running = add(&mut store, "Essence", SERUM, true);
    let failed = add(&mut store, "Toner", SERUM, true);
    let failed_long_ago = add(&mut store, "Old Toner", SERUM, true);
    add(&mut store, "Cream", CREAM, false);
    let fail = |store: &mut SqliteStore, product, on: Date| {
        store
            .start_patch_test(product, "inner arm", on)
            .expect("starts");
        store
            .check_patch(on, Reaction::Itching, on)
            .expect("checks");
        store.end_patch_test(on).expect("ends");
    };
    fail(&mut store, failed_long_ago, days(TODAY, -60));
    fail(&mut store, failed, days(TODAY, -10));
    store
        .start_patch_test(running, "inner arm", days(TODAY, -2))
        .expect("starts");
    store
        .check_patch(days(TODAY, -2), Reaction::None, TODAY)
        .expect("checks");

    let (shelf, ids) = plan_shelf(&store, glasskin_kb::kb(), TODAY).expect("reads");
    let state = |id| {
        ids.iter()
            .position(|i| *i == id)
            .map(|i| shelf[i].patch_test.clone())
    };
    assert_eq!(state(not_started), Some(PatchTestState::NotStarted));
    assert_eq!(
        state(running),
        Some(PatchTestState::Running { days_left: 4 })
    );
    assert_eq!(
        state(failed),
        Some(PatchTestState::Failed {
            reaction: "itching".into()
        }),
        "stopped by its failed test, still shown to the planner"
    );
    assert_eq!(state(failed_long_ago), None, "eight weeks on, no longer");

    let planned = plan_saved(&store, TODAY).expect("plans");
    assert!(
        planned
            .plan
            .left_out
            .iter()
            .any(|l| l.starts_with("Toner: its patch test failed (itching)")),
        "{:?}",
        planned.plan.left_out
    );
    let used = |id: ProductId| {
        planned.plan.weeks.iter().any(|w| {
            w.sessions
                .iter()
                .flat_map(|s| &s.steps)
                .any(|st| planned.ids[st.product] == id)
        })
    };
    assert!(!used(failed), "never on the face");
    assert!(used(running) && used(not_started), "after their tests");
}

fn profile(store: &mut SqliteStore) {
    store
        .set_profile(&StoredProfile::default(), TODAY)
        .expect("saves");
}

#[test]
fn a_kept_plan_starts_the_day_it_is_kept_and_runs_seven_day_weeks() {
    let mut store = store("starts.db");
    profile(&mut store);
    add(&mut store, "Cleanser", CLEANSER, false);
    add(&mut store, "Cream", CREAM, false);
    let serum = add(&mut store, "Serum", SERUM, true);
    let planned = plan_saved(&store, TODAY).expect("plans");
    keep(&mut store, &planned, TODAY).expect("keeps");
    let kept = store.latest_plan().expect("reads").expect("kept");
    assert_eq!((kept.created, kept.starts), (TODAY, TODAY), "a Thursday");

    let has_serum = |day: Date| {
        kept.sessions_on(day)
            .iter()
            .any(|s| s.steps.iter().any(|st| st.product_id == serum))
    };
    assert!(kept.sessions_on(days(TODAY, -1)).is_empty(), "before it");
    // Week 1 is the serum's patch test: Thursday to Wednesday, 7 whole days without it.
    for d in 0..7 {
        let day = days(TODAY, d);
        assert!(!has_serum(day), "week 1, day {d}");
        let sessions = kept.sessions_on(day);
        assert_eq!(sessions.len(), 2, "a morning and an evening");
        let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).expect("0 to 6");
        assert!(
            sessions.iter().all(|s| s.day == weekday),
            "by the date's weekday"
        );
    }
    assert!(
        (7..14).any(|d| has_serum(days(TODAY, d))),
        "on the face from week 2, the next Thursday on"
    );

    // A plan kept before, on a Monday, reads as it always did.
    let mut old = kept.clone();
    old.starts = date(2026, 11, 30);
    for d in 0..21 {
        let day = days(old.starts, d);
        let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).expect("0 to 6");
        let block = u32::try_from(d / 7 + 1).expect("small");
        let expected: Vec<_> = old
            .weeks
            .iter()
            .find(|w| w.from_week <= block && w.to_week.is_none_or(|to| block <= to))
            .or(old.weeks.last())
            .map(|w| w.sessions.iter().filter(|s| s.day == weekday).collect())
            .unwrap_or_default();
        assert_eq!(old.sessions_on(day), expected, "day {d}");
    }
}

/// The weekdays (0 = Monday) of the plan's first week with a retinoid step.
fn retinoid_weekdays(store: &SqliteStore, retinol: ProductId, today: Date) -> Vec<usize> {
    let planned = plan_saved(store, today).expect("plans");
    let mut days: Vec<usize> = planned.plan.weeks[0]
        .sessions
        .iter()
        .filter(|s| s.steps.iter().any(|st| planned.ids[st.product] == retinol))
        .map(|s| s.day)
        .collect();
    days.dedup();
    days
}

/// The first day from `from` on whose weekday is (or is not) in `weekdays`.
fn next_day(from: Date, weekdays: &[usize], wanted: bool) -> Date {
    (0..7)
        .map(|d| days(from, d))
        .find(|day| {
            let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).expect("0 to 6");
            weekdays.contains(&weekday) == wanted
        })
        .expect("a day in the week")
}

#[test]
fn keeping_a_plan_records_the_retinoid_start_so_the_ramp_up_continues() {
    let mut store = store("retinoid.db");
    profile(&mut store);
    add(&mut store, "Cleanser", CLEANSER, false);
    add(&mut store, "Cream", CREAM, false);
    add(&mut store, "Sunscreen", SUNSCREEN, false);
    let retinol = add(&mut store, "Retinol Serum", RETINOL, false);
    let nights = retinoid_weekdays(&store, retinol, TODAY);
    assert!(
        !nights.is_empty() && nights.len() < 7,
        "a beginner's ramp-up: {nights:?}"
    );

    // Kept on a retinoid night: it starts today.
    let night = next_day(TODAY, &nights, true);
    let planned = plan_saved(&store, night).expect("plans");
    keep(&mut store, &planned, night).expect("keeps");
    let saved = store.profile().expect("reads").expect("a profile");
    assert_eq!(saved.retinoid_started, Some(night));

    // Kept on a night off: nothing is saved yet (the store takes no start in the future)...
    let mut store = self::store("retinoid-later.db");
    profile(&mut store);
    add(&mut store, "Cleanser", CLEANSER, false);
    add(&mut store, "Cream", CREAM, false);
    add(&mut store, "Sunscreen", SUNSCREEN, false);
    let retinol = add(&mut store, "Retinol Serum", RETINOL, false);
    let off = next_day(TODAY, &nights, false);
    let planned = plan_saved(&store, off).expect("plans");
    keep(&mut store, &planned, off).expect("keeps");
    assert_eq!(
        store
            .profile()
            .expect("reads")
            .expect("a profile")
            .retinoid_started,
        None
    );
    let kept = store.latest_plan().expect("reads").expect("kept");
    let first = (0..7)
        .map(|d| days(off, d))
        .find(|day| {
            kept.sessions_on(*day)
                .iter()
                .any(|s| s.steps.iter().any(|st| st.product_id == retinol))
        })
        .expect("a retinoid night in week 1");
    assert!(first > off);
    // ...and planning again two weeks later continues from that first night, and keeps it.
    let later = days(off, 14);
    let planned = plan_saved(&store, later).expect("plans");
    assert_eq!(planned.retinoid_started, Some(first));
    keep(&mut store, &planned, later).expect("keeps");
    assert_eq!(
        store
            .profile()
            .expect("reads")
            .expect("a profile")
            .retinoid_started,
        Some(first)
    );
}

#[test]
fn a_new_retinoid_starts_once_its_patch_test_passed() {
    let mut store = store("new-retinoid.db");
    profile(&mut store);
    add(&mut store, "Cleanser", CLEANSER, false);
    add(&mut store, "Cream", CREAM, false);
    add(&mut store, "Sunscreen", SUNSCREEN, false);
    let retinol = add(&mut store, "Retinol Serum", RETINOL, true);
    let planned = plan_saved(&store, TODAY).expect("plans");
    keep(&mut store, &planned, TODAY).expect("keeps");
    assert_eq!(
        store
            .profile()
            .expect("reads")
            .expect("a profile")
            .retinoid_started,
        None,
        "not on the face before its patch test"
    );
    // It passed a week later; planning two weeks after that reads its first night from then.
    pass_test(&mut store, retinol, days(TODAY, 10));
    let later = days(TODAY, 24);
    let planned = plan_saved(&store, later).expect("plans");
    let started = planned.retinoid_started.expect("read from the kept plan");
    assert!(started >= days(TODAY, 10), "{started}");
}
