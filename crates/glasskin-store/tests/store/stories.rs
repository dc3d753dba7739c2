//! The store's stories, written once: each is a function over a [`Backend`], and `main.rs`
//! runs every one on each backend.

use glasskin_core::Step;
use glasskin_core::advice::{SkinType, Time};
use glasskin_core::plan::Concern;
use glasskin_store::{
    Checkoff, DiaryEntry, Export, LifestyleEntry, NewProduct, Reaction, SCHEMA_VERSION, SavedPlan,
    SavedSession, SavedStep, SavedWeek, Status, Store, StoreError, StoredProfile, Verdict,
    adherence,
};
use jiff::civil::{Date, date};

use crate::Backend;

pub const TODAY: Date = date(2026, 11, 29);

pub fn toner() -> NewProduct {
    NewProduct {
        name: "Hydrating Toner".into(),
        brand: Some("Klairs".into()),
        label: "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate".into(),
        step: None,
        opened: Some(date(2026, 10, 1)),
        pao_months: Some(12),
        best_before: Some(date(2027, 6, 30)),
        new: false,
    }
}

pub fn profile() -> StoredProfile {
    StoredProfile {
        skin_type: SkinType::Combination,
        concerns: vec![Concern::Acne, Concern::Dehydration],
        retinoid_started: Some(date(2026, 9, 1)),
        short_days: vec![5],
        ..StoredProfile::default()
    }
}

pub fn profile_and_shelf_operations<B: Backend>(db: &B) {
    let mut store = db.open("local");
    assert_eq!(store.profile().expect("reads"), None);
    store.set_profile(&profile(), TODAY).expect("saves");
    assert_eq!(store.profile().expect("reads"), Some(profile()));
    let mut changed = profile();
    changed.skin_type = SkinType::Oily;
    store.set_profile(&changed, TODAY).expect("replaces");
    assert_eq!(store.profile().expect("reads"), Some(changed));

    let id = store.add_product(&toner(), TODAY).expect("adds");
    let mut unopened = toner();
    unopened.name = "Sunscreen".into();
    unopened.opened = None;
    unopened.new = true;
    let sun = store.add_product(&unopened, TODAY).expect("adds");
    let shelf = store.products().expect("lists");
    assert_eq!(shelf.len(), 2);
    assert_eq!(shelf[0].id, id);
    assert_eq!(shelf[0].status, Status::InUse);
    assert_eq!(shelf[1].status, Status::Unopened);
    assert_eq!(shelf[0].added, TODAY);

    store
        .open_product(sun, date(2026, 11, 30), Some(6), date(2026, 11, 30))
        .expect("opens the product");
    let opened = store.product(sun).expect("reads");
    assert_eq!(opened.opened, Some(date(2026, 11, 30)));
    assert_eq!(opened.pao_months, Some(6));
    assert_eq!(opened.status, Status::InUse);
    store.set_tested(sun).expect("tested");
    assert!(!store.product(sun).expect("reads").new);

    store
        .set_status(id, Status::Stopped, Some("stung"), TODAY)
        .expect("stops");
    let stopped = store.product(id).expect("reads");
    assert_eq!(stopped.status, Status::Stopped);
    assert_eq!(stopped.status_reason.as_deref(), Some("stung"));
    assert_eq!(stopped.status_changed, Some(TODAY), "the day it stopped");

    store.remove_product(id).expect("removes");
    assert!(matches!(store.product(id), Err(StoreError::NoSuchProduct(n)) if n == id));
    assert!(matches!(
        store.remove_product(id),
        Err(StoreError::NoSuchProduct(_))
    ));
    assert_eq!(store.products().expect("lists").len(), 1);
}

pub fn one_owner_never_reads_or_writes_anothers_rows<B: Backend>(db: &B) {
    let mut alice = db.open("alice");
    let mut bob = db.open("bob");
    alice.set_profile(&profile(), TODAY).expect("saves");
    let id = alice.add_product(&toner(), TODAY).expect("adds");
    assert_eq!(bob.profile().expect("reads"), None);
    assert!(bob.products().expect("lists").is_empty());
    assert!(matches!(bob.product(id), Err(StoreError::NoSuchProduct(_))));
    assert!(matches!(
        bob.set_status(id, Status::Finished, None, TODAY),
        Err(StoreError::NoSuchProduct(_))
    ));
    assert!(matches!(
        bob.remove_product(id),
        Err(StoreError::NoSuchProduct(_))
    ));
    bob.import(
        &Export {
            schema_version: SCHEMA_VERSION,
            profile: None,
            profile_updated: None,
            products: Vec::new(),
            diary: Vec::new(),
            lifestyle: Vec::new(),
            plans: Vec::new(),
            checkoffs: Vec::new(),
            patch_tests: Vec::new(),
        },
        TODAY,
    )
    .expect("bob empties his own data");
    assert_eq!(
        alice.products().expect("lists").len(),
        1,
        "alice keeps hers"
    );
    assert_eq!(alice.product(id).expect("reads").status, Status::InUse);
}

pub fn export_import_export_is_byte_identical<B: Backend>(db: &B) {
    let mut store = db.open("local");
    store.set_profile(&profile(), TODAY).expect("saves");
    let a = store.add_product(&toner(), TODAY).expect("adds");
    let mut second = toner();
    second.name = "Retinol".into();
    second.step = Some(Step::Serum);
    second.opened = None;
    second.pao_months = None;
    second.best_before = None;
    let b = store.add_product(&second, TODAY).expect("adds");
    store.remove_product(a).expect("gaps in ids survive");
    store
        .log_diary(
            &DiaryEntry {
                date: date(2026, 11, 28),
                hydration: Some(4),
                breakout_count: Some(2),
                notes: Some("tight after the \"new\" cleanser".into()),
                tags: vec!["travel".into()],
                ..DiaryEntry::default()
            },
            TODAY,
        )
        .expect("logs");
    store
        .log_lifestyle(
            &LifestyleEntry {
                date: date(2026, 11, 28),
                sleep_hours: Some(6.5),
                stress: Some(4),
                diet_tags: vec!["dairy".into()],
                ..LifestyleEntry::default()
            },
            TODAY,
        )
        .expect("logs");
    store
        .set_status(b, Status::Finished, Some("used up"), TODAY)
        .expect("finishes");
    let plan = week_plan(b, date(2026, 11, 23));
    store.save_plan(&plan).expect("saves");
    store
        .check_off(
            &Checkoff {
                date: date(2026, 11, 24),
                time: Time::Am,
                product_id: b,
            },
            true,
            TODAY,
        )
        .expect("ticks");
    let first = serde_json::to_string_pretty(&store.export().expect("exports")).expect("json");

    let copy = B::fresh().expect("a second database");
    let mut restored = copy.open("local");
    let parsed: Export = serde_json::from_str(&first).expect("parses");
    restored.import(&parsed, TODAY).expect("imports");
    let second = serde_json::to_string_pretty(&restored.export().expect("exports")).expect("json");
    assert_eq!(first, second);
    // Ids drawn after an import never meet the ids it kept.
    let drawn = [
        restored.add_product(&toner(), TODAY).expect("adds"),
        restored.add_product(&toner(), TODAY).expect("adds"),
    ];
    assert!(
        drawn
            .iter()
            .all(|id| parsed.products.iter().all(|p| p.id != *id))
    );
    // Importing over existing data replaces it.
    restored.add_product(&toner(), TODAY).expect("adds");
    restored.import(&parsed, TODAY).expect("imports again");
    let third = serde_json::to_string_pretty(&restored.export().expect("exports")).expect("json");
    assert_eq!(first, third);
}

pub fn bad_input_changes_nothing<B: Backend>(db: &B) {
    let mut store = db.open("local");
    store.add_product(&toner(), TODAY).expect("adds");
    let before = store.export().expect("exports");
    let cases = [
        NewProduct {
            name: " ".into(),
            ..toner()
        },
        NewProduct {
            label: String::new(),
            ..toner()
        },
        NewProduct {
            pao_months: Some(0),
            ..toner()
        },
        NewProduct {
            opened: Some(date(2026, 11, 30)),
            ..toner()
        },
    ];
    for case in &cases {
        assert!(matches!(
            store.add_product(case, TODAY),
            Err(StoreError::Invalid(_))
        ));
    }
    // Unknown vocabulary cannot even be read into a record, at any door.
    let unknown_step = r#"{"name": "Potion", "label": "Water", "step": "potion"}"#;
    assert!(serde_json::from_str::<NewProduct>(unknown_step).is_err());
    let unknown_skin = r#"{"skin_type": "shiny"}"#;
    assert!(serde_json::from_str::<StoredProfile>(unknown_skin).is_err());
    let unknown_concern = r#"{"skin_type": "dry", "concerns": ["wrinkles"]}"#;
    assert!(serde_json::from_str::<StoredProfile>(unknown_concern).is_err());
    let mut bad_profile = profile();
    bad_profile.makeup_days = Some(vec![9]);
    assert!(matches!(
        store.set_profile(&bad_profile, TODAY),
        Err(StoreError::Invalid(_))
    ));
    let mut future = before.clone();
    future.schema_version = SCHEMA_VERSION + 1;
    assert!(matches!(
        store.import(&future, TODAY),
        Err(StoreError::Invalid(_))
    ));
    let mut broken = before.clone();
    broken.products[0].name = String::new();
    assert!(matches!(
        store.import(&broken, TODAY),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.export().expect("exports"), before, "nothing changed");
}

pub fn diary_and_lifestyle_are_one_entry_a_day_and_checked<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let day = DiaryEntry {
        date: date(2026, 11, 27),
        hydration: Some(3),
        glow: Some(4),
        ..DiaryEntry::default()
    };
    store.log_diary(&day, TODAY).expect("logs");
    let again = DiaryEntry {
        hydration: Some(5),
        ..day.clone()
    };
    store.log_diary(&again, TODAY).expect("replaces the day");
    assert_eq!(store.diary().expect("reads"), vec![again.clone()]);

    let out_of_range = DiaryEntry {
        redness: Some(6),
        ..day.clone()
    };
    assert!(store.log_diary(&out_of_range, TODAY).is_err());
    let future = DiaryEntry {
        date: date(2026, 11, 30),
        ..day.clone()
    };
    let err = store.log_diary(&future, TODAY).expect_err("refused");
    assert!(err.to_string().contains("in the future"), "{err}");
    assert_eq!(
        store.diary().expect("reads"),
        vec![again],
        "nothing changed"
    );

    let life = LifestyleEntry {
        date: date(2026, 11, 27),
        sleep_hours: Some(7.5),
        water_litres: Some(2.0),
        exercise_minutes: Some(30),
        stress: Some(2),
        diet_tags: vec!["high_glycaemic".into()],
        tags: Vec::new(),
    };
    store.log_lifestyle(&life, TODAY).expect("logs");
    assert_eq!(store.lifestyle().expect("reads"), vec![life.clone()]);
    for bad in [
        LifestyleEntry {
            sleep_hours: Some(25.0),
            ..life.clone()
        },
        LifestyleEntry {
            stress: Some(0),
            ..life.clone()
        },
        LifestyleEntry {
            exercise_minutes: Some(2000),
            ..life.clone()
        },
    ] {
        assert!(matches!(
            store.log_lifestyle(&bad, TODAY),
            Err(StoreError::Invalid(_))
        ));
    }
    assert_eq!(store.lifestyle().expect("reads"), vec![life]);
}

pub fn a_version_1_export_still_imports<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let v1 = r#"{"schema_version": 1, "profile": null, "profile_updated": null, "products": []}"#;
    let export: Export = serde_json::from_str(v1).expect("parses");
    store.import(&export, TODAY).expect("imports");
}

pub fn plans_are_versioned_and_check_offs_give_adherence<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let id = store.add_product(&toner(), TODAY).expect("adds");
    assert_eq!(store.latest_plan().expect("reads"), None);
    let first = store
        .save_plan(&week_plan(id, date(2026, 11, 16)))
        .expect("saves");
    let second = store
        .save_plan(&week_plan(id, date(2026, 11, 23)))
        .expect("saves");
    assert!(second > first);
    let latest = store.latest_plan().expect("reads").expect("a plan");
    assert_eq!((latest.id, latest.starts), (second, date(2026, 11, 23)));
    assert_eq!(
        latest.sessions_on(date(2026, 11, 22)).len(),
        0,
        "before it starts"
    );
    assert_eq!(latest.sessions_on(date(2026, 11, 25)).len(), 2);

    // Monday to Wednesday done, Thursday skipped, Friday to Sunday done.
    for d in [23, 24, 25, 27, 28, 29] {
        let c = Checkoff {
            date: date(2026, 11, d),
            time: Time::Am,
            product_id: id,
        };
        store.check_off(&c, true, TODAY).expect("ticks");
        store
            .check_off(&c, true, TODAY)
            .expect("ticking twice is harmless");
    }
    let checkoffs = store.checkoffs_since(date(2026, 11, 23)).expect("reads");
    assert_eq!(checkoffs.len(), 6);
    let week = adherence(&latest, &checkoffs, date(2026, 11, 23), TODAY);
    assert_eq!((week.planned, week.done), (7, 6));
    assert_eq!(week.streak, 3, "Friday to Sunday");
    assert_eq!(week.skipped_by_weekday[3], 1, "Thursday");
    assert_eq!(week.by_step, vec![(Step::Toner, 7, 6)]);

    let undo = Checkoff {
        date: date(2026, 11, 29),
        time: Time::Am,
        product_id: id,
    };
    store.check_off(&undo, false, TODAY).expect("unticks");
    assert_eq!(
        store
            .checkoffs_since(date(2026, 11, 23))
            .expect("reads")
            .len(),
        5
    );

    // Bad check-offs change nothing.
    let future = Checkoff {
        date: date(2026, 12, 1),
        time: Time::Am,
        product_id: id,
    };
    assert!(store.check_off(&future, true, TODAY).is_err());
    let noon = format!(r#"{{"date": "{TODAY}", "time": "noon", "product_id": {id}}}"#);
    assert!(serde_json::from_str::<Checkoff>(&noon).is_err());
    let ghost = Checkoff {
        date: TODAY,
        time: Time::Am,
        product_id: 999,
    };
    assert!(matches!(
        store.check_off(&ghost, true, TODAY),
        Err(StoreError::NoSuchProduct(999))
    ));
    assert_eq!(
        store
            .checkoffs_since(date(2026, 11, 23))
            .expect("reads")
            .len(),
        5
    );

    // Removing a product removes its check-offs (foreign keys are on).
    store.remove_product(id).expect("removes");
    assert!(store.checkoffs_since(Date::MIN).expect("reads").is_empty());
}

pub fn patch_tests_one_at_a_time_with_a_verdict<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let serum = store
        .add_product(
            &NewProduct {
                new: true,
                ..toner()
            },
            TODAY,
        )
        .expect("adds");
    let cream = store
        .add_product(
            &NewProduct {
                name: "Cream".into(),
                new: true,
                ..toner()
            },
            TODAY,
        )
        .expect("adds");
    let start = date(2026, 11, 20);
    store.start_patch_test(serum, "", start).expect("starts");
    let err = store
        .start_patch_test(cream, "jaw", start)
        .expect_err("one at a time");
    assert!(
        err.to_string().contains("one new product at a time"),
        "{err}"
    );
    assert!(
        store
            .check_patch(date(2026, 11, 19), Reaction::None, TODAY)
            .is_err(),
        "before it started"
    );
    assert!(
        serde_json::from_str::<Reaction>(r#""tingles""#).is_err(),
        "unknown reaction"
    );
    for d in 20..=25 {
        let test = store
            .check_patch(date(2026, 11, d), Reaction::None, TODAY)
            .expect("checks");
        assert_eq!(test.area, "inner arm");
        assert!(matches!(
            test.verdict(date(2026, 11, d)),
            Verdict::Running { .. }
        ));
    }
    let err = store
        .end_patch_test(date(2026, 11, 25))
        .expect_err("too early");
    assert!(err.to_string().contains("more days"), "{err}");
    store
        .check_patch(date(2026, 11, 26), Reaction::None, TODAY)
        .expect("checks");
    let ended = store.end_patch_test(date(2026, 11, 26)).expect("passes");
    assert_eq!(ended.result.map(|r| r.id()), Some("passed"));
    assert!(!store.product(serum).expect("reads").new, "tested now");

    store
        .start_patch_test(cream, "jaw", date(2026, 11, 27))
        .expect("the next one starts");
    let test = store
        .check_patch(date(2026, 11, 28), Reaction::Redness, TODAY)
        .expect("checks");
    assert!(
        matches!(test.verdict(TODAY), Verdict::Failed { ref reaction, .. } if reaction == "redness")
    );
    store.end_patch_test(TODAY).expect("fails");
    let stopped = store.product(cream).expect("reads");
    assert_eq!(stopped.status, Status::Stopped);
    assert_eq!(
        stopped.status_reason.as_deref(),
        Some("patch test: redness")
    );
    assert_eq!(store.patch_tests().expect("reads").len(), 2);
}

pub fn a_day_is_logged_whole_or_not_at_all<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let skin = DiaryEntry {
        date: TODAY,
        glow: Some(4),
        ..DiaryEntry::default()
    };
    let day = LifestyleEntry {
        date: TODAY,
        sleep_hours: Some(8.0),
        diet_tags: vec!["dairy".into()],
        ..LifestyleEntry::default()
    };
    // A refused lifestyle entry keeps the diary entry out too, and the other way round.
    let too_much_sleep = LifestyleEntry {
        sleep_hours: Some(30.0),
        ..day.clone()
    };
    let err = store
        .log_day(&skin, Some(&too_much_sleep), TODAY)
        .expect_err("refused");
    assert!(err.to_string().contains("sleep"), "{err}");
    let too_glowing = DiaryEntry {
        glow: Some(9),
        ..skin.clone()
    };
    assert!(store.log_day(&too_glowing, Some(&day), TODAY).is_err());
    assert_eq!(store.diary().expect("reads"), Vec::new());
    assert_eq!(store.lifestyle().expect("reads"), Vec::new());

    store.log_day(&skin, Some(&day), TODAY).expect("logs");
    assert_eq!(store.diary().expect("reads"), vec![skin.clone()]);
    assert_eq!(store.lifestyle().expect("reads"), vec![day]);
    store
        .log_day(&skin, None, TODAY)
        .expect("logs the skin alone");
}

pub fn an_import_the_keys_would_refuse_is_refused_first_naming_the_field<B: Backend>(db: &B) {
    let mut store = db.open("me");
    let id = store.add_product(&toner(), TODAY).expect("adds");
    store
        .log_diary(
            &DiaryEntry {
                date: TODAY,
                hydration: Some(3),
                ..DiaryEntry::default()
            },
            TODAY,
        )
        .expect("logs");
    let before = store.export().expect("exports");
    type Edit = fn(&mut Export);
    let edits: [(&str, Edit); 4] = [
        ("diary: 2030-01-01 is in the future", |e| {
            e.diary[0].date = date(2030, 1, 1);
        }),
        ("checkoffs: product 999 is not among", |e| {
            e.checkoffs.push(Checkoff {
                date: TODAY,
                time: Time::Am,
                product_id: 999,
            });
        }),
        ("products: id", |e| {
            let again = e.products[0].clone();
            e.products.push(again);
        }),
        ("name: holds the control character", |e| {
            e.products[0].name = "\u{0}x".into();
        }),
    ];
    for (words, edit) in edits {
        let mut export = before.clone();
        edit(&mut export);
        match store.import(&export, TODAY) {
            Err(StoreError::Invalid(why)) => assert!(why.starts_with(words), "{why}"),
            other => panic!("{words}: not refused: {other:?}"),
        }
        assert_eq!(store.export().expect("exports"), before, "nothing changed");
    }
    assert_eq!(before.products[0].id, id);
}

pub fn devices_are_kept_by_the_hash_of_their_secret_and_can_be_revoked<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let paired: jiff::Timestamp = "2026-11-29T08:00:00Z".parse().expect("time");
    let hash = [7u8; 32];
    let phone = store
        .add_device("  Android phone, Chrome ", &hash, paired)
        .expect("pairs");
    assert_eq!(phone.name, "Android phone, Chrome");
    assert_eq!(phone.created, paired);
    // Only the hash is stored, and a wrong one finds nothing.
    assert_eq!(store.device_seen(&[8u8; 32], paired).expect("looks"), None);
    // Seen again within the minute: nothing written; later: the time moves.
    let soon = paired + jiff::SignedDuration::from_secs(30);
    let seen = store
        .device_seen(&hash, soon)
        .expect("looks")
        .expect("found");
    assert_eq!(seen.last_seen, paired);
    let later = paired + jiff::SignedDuration::from_secs(3600);
    let seen = store
        .device_seen(&hash, later)
        .expect("looks")
        .expect("found");
    assert_eq!(seen.last_seen, later);
    assert_eq!(store.devices().expect("lists"), vec![seen.clone()]);

    // Bad names and hashes are refused before anything is written.
    for bad in ["", "   ", "a\nb", &"x".repeat(61)] {
        let err = store.add_device(bad, &[9u8; 32], paired).expect_err(bad);
        assert!(matches!(err, StoreError::Invalid(_)), "{bad:?}: {err}");
    }
    let err = store
        .add_device("Tablet", &[1, 2, 3], paired)
        .expect_err("short hash");
    assert!(err.to_string().contains("32 bytes"), "{err}");
    assert!(store.device_seen(&[1, 2], paired).is_err());
    assert_eq!(store.devices().expect("lists").len(), 1);

    assert!(
        store
            .rename_device(phone.id, "Bathroom phone")
            .expect("renames")
    );
    assert!(!store.rename_device(999, "Nobody").expect("no such device"));
    // Another owner neither sees nor revokes it.
    let mut other = db.open("someone-else");
    assert!(other.devices().expect("lists").is_empty());
    assert!(!other.remove_device(phone.id).expect("not theirs"));
    assert!(other.device_seen(&hash, later).expect("looks").is_none());

    assert!(store.remove_device(phone.id).expect("revokes"));
    assert!(!store.remove_device(phone.id).expect("already gone"));
    assert_eq!(store.device_seen(&hash, later).expect("looks"), None);
    drop(store);
    // The database holds no secret, only its hash: reopening finds no device left.
    let store = db.open("local");
    assert!(store.devices().expect("lists").is_empty());
}

/// A one-week plan using product `id` every morning.
pub fn week_plan(id: i64, starts: Date) -> SavedPlan {
    SavedPlan {
        id: 0,
        created: TODAY,
        starts,
        weeks: vec![SavedWeek {
            from_week: 1,
            to_week: None,
            sessions: (0..7)
                .flat_map(|day| {
                    [
                        SavedSession {
                            day,
                            time: Time::Am,
                            steps: vec![SavedStep {
                                product_id: id,
                                name: "Toner".into(),
                                step: Step::Toner,
                                layers: 1,
                            }],
                        },
                        SavedSession {
                            day,
                            time: Time::Pm,
                            steps: Vec::new(),
                        },
                    ]
                })
                .collect(),
        }],
    }
}

pub fn the_revision_moves_with_each_write<B: Backend>(db: &B) {
    let mut store = db.open("local");
    let start = store.revision().expect("a revision");
    let plan_start = store.plan_revision().expect("a plan revision");
    assert_eq!(store.revision().expect("again"), start, "nothing written");
    store.products().expect("reads");
    assert_eq!(
        store.revision().expect("again"),
        start,
        "a read writes nothing"
    );

    store.add_product(&toner(), TODAY).expect("adds");
    let after_own = store.revision().expect("a revision");
    assert_ne!(after_own, start, "a write through this store");
    let plan_after = store.plan_revision().expect("a plan revision");
    assert_ne!(
        plan_after, plan_start,
        "a product is what a plan is made of"
    );

    // Another program (or another node) writing the same owner's data.
    let mut other = db.open("local");
    other
        .log_diary(
            &DiaryEntry {
                date: TODAY,
                glow: Some(4),
                ..DiaryEntry::default()
            },
            TODAY,
        )
        .expect("logs");
    let after_theirs = store.revision().expect("a revision");
    assert_ne!(after_theirs, after_own, "another store's commit");
    assert_eq!(store.diary().expect("reads").len(), 1);

    // A refused write changes nothing, so the revision stays.
    assert!(store.remove_product(999).is_err());
    assert_eq!(store.revision().expect("a revision"), after_theirs);

    // Another's change of the profile moves the plan revision too.
    let before = store.plan_revision().expect("a plan revision");
    other.set_profile(&profile(), TODAY).expect("saves");
    assert_ne!(store.plan_revision().expect("a plan revision"), before);
}

/// Everything one owner keeps, so another's store can be shown to see none of it.
fn fill<S: Store>(store: &mut S, canary: &str) -> Export {
    store
        .set_profile(
            &StoredProfile {
                max_steps: Some(5),
                ..profile()
            },
            TODAY,
        )
        .expect("saves");
    let id = store
        .add_product(
            &NewProduct {
                name: format!("{canary} serum"),
                new: true,
                ..toner()
            },
            TODAY,
        )
        .expect("adds");
    store
        .log_day(
            &DiaryEntry {
                date: TODAY,
                notes: Some(format!("{canary} diary")),
                glow: Some(3),
                ..DiaryEntry::default()
            },
            Some(&LifestyleEntry {
                date: TODAY,
                tags: vec![canary.to_owned()],
                ..LifestyleEntry::default()
            }),
            TODAY,
        )
        .expect("logs");
    store
        .save_plan(&week_plan(id, date(2026, 11, 23)))
        .expect("saves");
    store
        .check_off(
            &Checkoff {
                date: TODAY,
                time: Time::Am,
                product_id: id,
            },
            true,
            TODAY,
        )
        .expect("ticks");
    store
        .start_patch_test(id, &format!("{canary} arm"), TODAY)
        .expect("starts");
    store
        .check_patch(TODAY, Reaction::None, TODAY)
        .expect("checks");
    let paired: jiff::Timestamp = "2026-11-29T08:00:00Z".parse().expect("time");
    store
        .add_device(
            &format!("{canary} phone"),
            &[canary.len() as u8; 32],
            paired,
        )
        .expect("pairs");
    store.export().expect("exports")
}

pub fn two_owners_never_see_each_others_data<B: Backend>(db: &B) {
    let mut alice = db.open("alice");
    let mut bob = db.open("bob");
    let mut carol = db.open("carol");
    let alices = fill(&mut alice, "ALICE");
    let bobs = fill(&mut bob, "BOB-CANARY");
    let json = |e: &Export| serde_json::to_string(e).expect("json");
    assert!(!json(&alices).contains("BOB-CANARY"), "{}", json(&alices));
    assert!(!json(&bobs).contains("ALICE"), "{}", json(&bobs));
    assert_eq!((alices.products.len(), alices.patch_tests.len()), (1, 1));
    assert_eq!(alice.devices().expect("lists").len(), 1);
    assert!(
        alice
            .devices()
            .expect("lists")
            .iter()
            .all(|d| d.name == "ALICE phone")
    );

    // Carol has nothing, and reaches none of theirs by id.
    let empty = carol.export().expect("exports");
    assert_eq!(empty.profile, None);
    assert!(empty.products.is_empty() && empty.diary.is_empty() && empty.lifestyle.is_empty());
    assert!(empty.plans.is_empty() && empty.checkoffs.is_empty() && empty.patch_tests.is_empty());
    assert!(carol.devices().expect("lists").is_empty());
    assert_eq!(carol.latest_plan().expect("reads"), None);
    let theirs = bobs.products[0].id;
    assert!(matches!(
        carol.product(theirs),
        Err(StoreError::NoSuchProduct(_))
    ));
    assert!(carol.edit_product(theirs, &toner(), TODAY).is_err());
    assert!(carol.open_product(theirs, TODAY, None, TODAY).is_err());
    assert!(carol.set_tested(theirs).is_err());
    let tick = Checkoff {
        date: TODAY,
        time: Time::Pm,
        product_id: theirs,
    };
    assert!(carol.check_off(&tick, true, TODAY).is_err());
    assert!(carol.start_patch_test(theirs, "", TODAY).is_err());
    assert!(carol.check_patch(TODAY, Reaction::Itching, TODAY).is_err());
    assert!(carol.end_patch_test(TODAY).is_err());
    let device = bob.devices().expect("lists")[0].id;
    assert!(!carol.rename_device(device, "mine").expect("no such device"));
    assert!(!carol.remove_device(device).expect("no such device"));
    assert_eq!(
        carol
            .device_seen(
                &[10u8; 32],
                TODAY
                    .at(9, 0, 0, 0)
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .expect("time")
                    .timestamp()
            )
            .expect("looks"),
        None,
        "bob's device secret opens nothing of carol's"
    );
    // Replacing everything Carol has touches nobody else.
    carol.import(&empty, TODAY).expect("imports");

    // Each still has exactly what they wrote.
    assert_eq!(alice.export().expect("exports"), alices);
    assert_eq!(bob.export().expect("exports"), bobs);
}
