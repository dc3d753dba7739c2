//! Today follows the shelf: new products wait for their patch tests, products that left the
//! shelf leave the day, a stale session still saves, and a kept plan that no longer matches
//! says how.

use glasskin_core::advice::Time;
use glasskin_store::{NewProduct, ProductId, Reaction, SqliteStore, Status, Store, StoredProfile};
use jiff::civil::Date;

use super::{Drift, Gone, PatchStage, day, day_with, set_session, used_now};
use crate::plan::tests::{CLEANSER, CREAM, SERUM, SUNSCREEN, add, days, pass_test, store};
use crate::plan::{keep, plan_saved};

/// A Thursday.
const TODAY: Date = jiff::civil::date(2026, 12, 3);

fn on_today(store: &SqliteStore, on: Date) -> Vec<(Time, ProductId, bool)> {
    day(store, on)
        .expect("reads")
        .sessions
        .iter()
        .flat_map(|s| s.steps.iter().map(|st| (s.time, st.product_id, st.done)))
        .collect()
}

fn kept_on(store: &mut SqliteStore, on: Date) {
    let planned = plan_saved(store, on).expect("plans");
    keep(store, &planned, on).expect("keeps");
}

#[test]
fn a_new_product_reaches_today_once_its_patch_test_passed_and_a_wash_needs_none() {
    let mut store = store("today-new.db");
    store
        .set_profile(&StoredProfile::default(), TODAY)
        .expect("saves");
    let wash = add(&mut store, "Gentle Wash", CLEANSER, true);
    add(&mut store, "Cream", CREAM, false);
    let serum = add(&mut store, "Serum", SERUM, true);
    kept_on(&mut store, TODAY);
    let shown = on_today(&store, TODAY);
    assert!(
        shown.iter().any(|(_, id, _)| *id == wash),
        "a rinse-off wash needs no patch test: {shown:?}"
    );
    let week2 = days(TODAY, 8);
    assert!(
        !on_today(&store, week2)
            .iter()
            .any(|(_, id, _)| *id == serum),
        "planned from week 2, but not on the face before its test"
    );
    let today = day(&store, week2).expect("reads");
    assert_eq!(today.patch_tests.len(), 1, "{:?}", today.patch_tests);
    assert_eq!(today.patch_tests[0].product_id, serum);
    assert_eq!(
        today.patch_tests[0].stage,
        PatchStage::NotStarted { after: None }
    );
    assert!(
        today.patch_tests[0]
            .sentence()
            .starts_with("Patch test Serum on your inner arm first: not started."),
        "{}",
        today.patch_tests[0].sentence()
    );
    // Started: days left; a reaction: keep it off; passed: on the face.
    store
        .start_patch_test(serum, "inner arm", week2)
        .expect("starts");
    let stage = |store: &SqliteStore, on| day(store, on).expect("reads").patch_tests[0].clone();
    assert_eq!(
        stage(&store, week2).stage,
        PatchStage::Running {
            days_left: 6,
            checked: 0,
            checked_today: false
        }
    );
    assert!(
        stage(&store, week2)
            .sentence()
            .contains("first: 6 days left; how does the patch look today?")
    );
    for d in 0..7 {
        store
            .check_patch(days(week2, d), Reaction::None, days(week2, 6))
            .expect("checks");
    }
    assert_eq!(stage(&store, days(week2, 6)).stage, PatchStage::Clear);
    store.end_patch_test(days(week2, 6)).expect("ends");
    let after = days(week2, 7);
    assert!(
        on_today(&store, after)
            .iter()
            .any(|(_, id, _)| *id == serum)
    );
    assert!(day(&store, after).expect("reads").patch_tests.is_empty());
    // Another one, passed the helper's way, for good measure.
    let essence = add(&mut store, "Essence", SERUM, true);
    pass_test(&mut store, essence, after);
    assert!(!store.product(essence).expect("reads").new);
}

#[test]
fn a_stale_session_saves_the_ticks_still_on_the_shelf() {
    let mut store = store("today-stale.db");
    store
        .set_profile(&StoredProfile::default(), TODAY)
        .expect("saves");
    let cleanser = add(&mut store, "Cleanser", CLEANSER, false);
    let cream = add(&mut store, "Cream", CREAM, false);
    kept_on(&mut store, TODAY);
    store
        .set_status(cream, Status::Stopped, Some("stung"), TODAY)
        .expect("stops");
    set_session(&mut store, TODAY, Time::Pm, &[cleanser, cream, 99], TODAY)
        .expect("the ids that left are ignored");
    assert_eq!(
        on_today(&store, TODAY)
            .into_iter()
            .filter(|(t, _, _)| *t == Time::Pm)
            .collect::<Vec<_>>(),
        vec![(Time::Pm, cleanser, true)]
    );
    store.remove_product(cleanser).expect("removes");
    let today = day(&store, TODAY).expect("reads");
    assert!(today.sessions.iter().all(|s| s.steps.is_empty()));
    assert_eq!(
        today.drift,
        vec![
            Drift::Gone {
                product_id: cleanser,
                name: "Cleanser".into(),
                why: Gone::Deleted
            },
            Drift::Gone {
                product_id: cream,
                name: "Cream".into(),
                why: Gone::Stopped(Some("stung".into()))
            },
        ]
    );
    assert_eq!(today.drift[1].sentence(), "You stopped Cream (stung).");
}

#[test]
fn a_product_added_since_is_a_drift_only_if_planning_again_would_use_it() {
    let mut store = store("today-added.db");
    store
        .set_profile(
            &StoredProfile {
                fragrance_free: true,
                ..StoredProfile::default()
            },
            TODAY,
        )
        .expect("saves");
    add(&mut store, "Cleanser", CLEANSER, false);
    add(&mut store, "Cream", CREAM, false);
    kept_on(&mut store, TODAY);
    let scented = store
        .add_product(
            &NewProduct {
                name: "Scented Mist".into(),
                label: "Water, Glycerin, Parfum, Linalool".into(),
                opened: Some(TODAY),
                ..NewProduct::default()
            },
            TODAY,
        )
        .expect("adds");
    assert!(
        day(&store, TODAY).expect("reads").drift.is_empty(),
        "the plan leaves a fragranced product out for this person anyway"
    );
    let sunscreen = add(&mut store, "Sunscreen", SUNSCREEN, false);
    let drift = day(&store, TODAY).expect("reads").drift;
    assert_eq!(
        drift,
        vec![Drift::Added {
            product_id: sunscreen,
            name: "Sunscreen".into()
        }]
    );
    assert_eq!(drift[0].sentence(), "Sunscreen is new on your shelf.");
    kept_on(&mut store, TODAY);
    assert!(day(&store, TODAY).expect("reads").drift.is_empty());
    assert!(store.product(scented).is_ok());
}

#[test]
fn what_a_plan_made_now_would_use_is_asked_only_once_a_product_was_added_since() {
    let mut store = store("today-used-now.db");
    store
        .set_profile(&StoredProfile::default(), TODAY)
        .expect("saves");
    add(&mut store, "Cleanser", CLEANSER, false);
    add(&mut store, "Cream", CREAM, false);
    kept_on(&mut store, TODAY);
    let asked = std::cell::Cell::new(0);
    let shown = day_with(&store, TODAY, || {
        asked.set(asked.get() + 1);
        used_now(&store, TODAY).ok()
    })
    .expect("reads");
    assert!(shown.drift.is_empty());
    assert_eq!(
        asked.get(),
        0,
        "nothing added since the plan was kept: no planning"
    );

    add(&mut store, "Sunscreen", SUNSCREEN, false);
    let shown = day_with(&store, TODAY, || {
        asked.set(asked.get() + 1);
        used_now(&store, TODAY).ok()
    })
    .expect("reads");
    assert_eq!(asked.get(), 1);
    assert_eq!(
        shown.drift,
        day(&store, TODAY).expect("reads").drift,
        "as `day` draws it"
    );
    assert_eq!(shown.drift.len(), 1);
    // The answer given is the one used: a caller keeps it by plan revision and day.
    let kept_answer = day_with(&store, TODAY, || Some(Vec::new())).expect("reads");
    assert!(kept_answer.drift.is_empty());
}
