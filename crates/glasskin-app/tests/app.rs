//! The use cases on a real SQLite file: what every door accepts and refuses, and the errors'
//! kinds.

use glasskin_app::{ErrorKind, insights, plan, profile, shelf, today, transfer};
use glasskin_core::advice::Time;
use glasskin_core::insights::ChangeKind;
use glasskin_store::{NewProduct, SqliteStore, Status, Store};
use jiff::civil::{Date, date};

const TODAY: Date = date(2026, 11, 29);

fn store(name: &str) -> SqliteStore {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glasskin-app-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    SqliteStore::open(&dir.join(name), "local").expect("opens")
}

fn toner() -> NewProduct {
    NewProduct {
        name: "Hydrating Toner".into(),
        label: "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate".into(),
        opened: Some(date(2026, 10, 1)),
        pao_months: Some(12),
        ..NewProduct::default()
    }
}

#[test]
fn insights_read_starts_and_stops_from_the_shelf() {
    let mut store = store("changes.db");
    let opened = store.add_product(&toner(), TODAY).expect("adds");
    let never_opened = NewProduct {
        opened: None,
        ..toner()
    };
    let unopened = store.add_product(&never_opened, TODAY).expect("adds");
    store
        .open_product(opened, date(2026, 9, 1), Some(12), TODAY)
        .expect("opens");
    store
        .set_status(opened, Status::Stopped, Some("stung"), date(2026, 10, 15))
        .expect("stops");
    // Finished without ever being marked opened: a stop with no start.
    store
        .set_status(unopened, Status::Finished, None, date(2026, 11, 1))
        .expect("finishes");
    let changes: Vec<(ChangeKind, Date)> = insights::inputs(&store)
        .expect("reads")
        .changes
        .into_iter()
        .map(|c| (c.kind, c.date))
        .collect();
    assert_eq!(
        changes,
        [
            (ChangeKind::Started, date(2026, 9, 1)),
            (ChangeKind::Stopped, date(2026, 10, 15)),
            (ChangeKind::Stopped, date(2026, 11, 1)),
        ]
    );
    // The day survives an export and import.
    let export = store.export().expect("exports");
    let mut restored = self::store("changes-restored.db");
    restored.import(&export, TODAY).expect("imports");
    assert_eq!(
        restored.product(opened).expect("reads").status_changed,
        Some(date(2026, 10, 15))
    );
}

#[test]
fn a_future_opening_is_refused_at_every_door() {
    let mut store = store("future.db");
    let tomorrow = date(2026, 11, 30);
    let added = shelf::add(
        &mut store,
        &NewProduct {
            opened: Some(tomorrow),
            ..toner()
        },
        TODAY,
    )
    .expect_err("add refuses");
    assert_eq!(added.kind(), ErrorKind::Invalid);
    assert!(added.message().contains("opened"), "{added}");

    let id = shelf::add(&mut store, &toner(), TODAY).expect("adds").id;
    let change = shelf::Change {
        opened: Some(tomorrow),
        ..shelf::Change::default()
    };
    let changed = shelf::change(&mut store, id, change, TODAY).expect_err("change refuses");
    assert_eq!(changed.kind(), ErrorKind::Invalid);

    let mut export = transfer::export(&store).expect("exports");
    export.products[0].opened = Some(tomorrow);
    let imported = transfer::import(&mut store, &export, TODAY).expect_err("import refuses");
    assert_eq!(imported.kind(), ErrorKind::Invalid);
    assert_eq!(
        store.product(id).expect("reads").opened,
        Some(date(2026, 10, 1)),
        "nothing changed"
    );
}

#[test]
fn profile_values_no_door_accepts_are_refused_by_every_door() {
    let mut store = store("profile.db");
    // The JSON API, an import and a profile file all read through the same record.
    for json in [
        r#"{"skin_type": "alien"}"#,
        r#"{"skin_type": "dry", "concerns": ["wrinkles"]}"#,
    ] {
        let document = format!(
            r#"{{"schema_version": 5, "profile": {json}, "profile_updated": null, "products": []}}"#
        );
        let refused = transfer::parse(&document).expect_err(json);
        assert_eq!(refused.kind(), ErrorKind::Invalid);
    }
    let mut bad = glasskin_store::StoredProfile {
        makeup_days: Some(vec![9]),
        ..Default::default()
    };
    let refused = profile::set(&mut store, bad.clone(), TODAY).expect_err("day 9");
    assert!(refused.message().contains("makeup_days"), "{refused}");
    bad.makeup_days = None;
    bad.retinoid_started = Some(date(2027, 1, 1));
    let refused = profile::set(&mut store, bad, TODAY).expect_err("future retinoid");
    assert!(refused.message().contains("retinoid_started"), "{refused}");
    assert_eq!(store.profile().expect("reads"), None, "nothing saved");

    assert_eq!(
        profile::parse_concern("Fine lines").expect("reads"),
        glasskin_core::plan::Concern::FineLines
    );
    let unknown = profile::parse_skin_type("alien").expect_err("unknown");
    assert!(unknown.message().contains("dry, oily"), "{unknown}");
}

#[test]
fn a_stop_needs_a_reason_and_an_unknown_product_is_not_found() {
    let mut store = store("stop.db");
    let id = shelf::add(&mut store, &toner(), TODAY).expect("adds").id;
    let stop = |reason: Option<&str>| shelf::Change {
        status: Some(Status::Stopped),
        reason: reason.map(str::to_owned),
        ..shelf::Change::default()
    };
    let refused = shelf::change(&mut store, id, stop(Some("  ")), TODAY).expect_err("no reason");
    assert_eq!(refused.kind(), ErrorKind::Invalid);
    let missing = shelf::change(&mut store, 99, stop(Some("stung")), TODAY).expect_err("no #99");
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    assert_eq!((missing.http_status(), missing.exit_code()), (404, 2));
    let stopped = shelf::change(&mut store, id, stop(Some("stung")), TODAY).expect("stops");
    assert_eq!(stopped.status, Status::Stopped);
    assert_eq!(stopped.status_reason.as_deref(), Some("stung"));
}

#[test]
fn planning_needs_a_profile_and_a_shelf_then_today_follows_the_kept_plan() {
    let mut store = store("plan.db");
    let no_profile = plan::plan_saved(&store, TODAY).expect_err("no profile");
    assert_eq!(
        (no_profile.kind(), no_profile.code()),
        (ErrorKind::Conflict, "no_profile")
    );
    profile::set(&mut store, Default::default(), TODAY).expect("saves");
    let empty = plan::plan_saved(&store, TODAY).expect_err("empty shelf");
    assert_eq!(empty.code(), "empty_shelf");
    assert_eq!(empty.http_status(), 409);
    let id = shelf::add(&mut store, &toner(), TODAY).expect("adds").id;
    let no_plan = today::day(&store, TODAY).expect_err("no plan kept");
    assert_eq!(no_plan.code(), "no_plan");

    let planned = plan::plan_saved(&store, TODAY).expect("plans");
    plan::keep(&mut store, &planned, TODAY).expect("keeps");
    let target = today::Target::parse("am").expect("reads");
    today::tick(&mut store, TODAY, &[target], true, TODAY).expect("ticks");
    let day = today::day(&store, TODAY).expect("reads");
    let morning = day
        .sessions
        .iter()
        .find(|s| s.time == Time::Am)
        .expect("a morning");
    assert!(morning.steps.iter().any(|s| s.product_id == id && s.done));
    let evening = day
        .sessions
        .iter()
        .find(|s| s.time == Time::Pm)
        .expect("an evening");
    assert!(evening.steps.iter().all(|s| !s.done));

    // A product not on the shelf is not there; one on it but not planned at that time is not
    // planned.
    let nothing = today::Target::parse("am:42").expect("reads");
    let refused = today::tick(&mut store, TODAY, &[nothing], true, TODAY).expect_err("#42");
    assert_eq!(refused.message(), "no product #42 on the shelf");
    assert_eq!(refused.kind(), glasskin_app::ErrorKind::NotFound);
    let yesterday = TODAY.yesterday().expect("a day");
    let unplanned = today::Target::parse(&format!("pm:{id}")).expect("reads");
    let refused =
        today::tick(&mut store, yesterday, &[unplanned], true, TODAY).expect_err("not planned");
    assert_eq!(
        refused.kind(),
        glasskin_app::ErrorKind::Invalid,
        "{refused}"
    );
    assert!(today::Target::parse("noon").is_err());
}
