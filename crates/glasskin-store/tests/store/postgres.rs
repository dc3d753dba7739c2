//! The stories on PostgreSQL, and what only PostgreSQL has: migrations under a lock, the two
//! roles, row level security.
//!
//! `GLASSKIN_TEST_DATABASE_URL` names the role that owns the tables (it runs the migrations
//! and may create databases) and the template database: the first test migrates the template,
//! and each test clones it (`CREATE DATABASE … TEMPLATE`) and connects to its clone as
//! `glasskin_app`. Without the variable these tests pass without running, unless `CI=true` or
//! `GLASSKIN_REQUIRE_POSTGRES=1`: then they fail. `.ci/postgres.sh` starts a server for them.

use glasskin_store::testing::{TestDatabase, admin, ca_file, empty_database, server_url, url_with};
use glasskin_store::{PgDatabase, PgStore, Store};

use crate::Backend;
use crate::stories::{TODAY, toner};

/// The tables holding a person's data, each with row level security.
const TENANT_TABLES: [&str; 10] = [
    "profile",
    "product",
    "diary",
    "lifestyle",
    "plan",
    "checkoff",
    "patch_test",
    "patch_check",
    "device",
    "revision",
];

/// The tables that say who a request is (accounts, sessions, attempts): read before any owner
/// is known, so outside row level security (migration 0002).
const DIRECTORY_TABLES: [&str; 3] = ["account", "session", "sign_in_attempt"];

/// A database cloned from the migrated template, dropped with this value.
pub struct Postgres(TestDatabase);

impl std::ops::Deref for Postgres {
    type Target = TestDatabase;
    fn deref(&self) -> &TestDatabase {
        &self.0
    }
}

impl Backend for Postgres {
    type Store = PgStore;

    fn fresh() -> Option<Postgres> {
        TestDatabase::fresh().map(Postgres)
    }

    fn open(&self, owner: &str) -> PgStore {
        self.db().store(owner)
    }
}

stories!(Postgres);

/// Opens `database` as the tables' owner from several threads at once.
fn open_at_once(url: &str, database: &str) -> Vec<Result<PgDatabase, String>> {
    let url = url_with(url, None, database);
    std::thread::scope(|s| {
        let openers: Vec<_> = (0..4)
            .map(|_| s.spawn(|| PgDatabase::open(&url).map_err(|e| e.to_string())))
            .collect();
        openers
            .into_iter()
            .map(|o| o.join().expect("no panic"))
            .collect()
    })
}

/// What a database holds, to show a refusal changed nothing: its tables and the schema rows.
fn contents(client: &mut postgres::Client) -> Vec<String> {
    let mut seen: Vec<String> = client
        .query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            &[],
        )
        .expect("lists tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    if seen.iter().any(|t| t == "glasskin_schema") {
        for r in client
            .query("SELECT version FROM glasskin_schema ORDER BY 1", &[])
            .expect("reads versions")
        {
            seen.push(format!("version {}", r.get::<_, i32>(0)));
        }
    }
    seen
}

#[test]
fn nodes_starting_at_once_migrate_once_and_newer_or_foreign_databases_are_refused_unchanged() {
    let Some(url) = server_url() else { return };
    let name = empty_database(&url);
    let opened = open_at_once(&url, &name);
    assert!(opened.iter().all(Result::is_ok), "{opened:?}");
    drop(opened);
    let mut owner =
        postgres::Client::connect(&url_with(&url, None, &name), postgres::NoTls).expect("connects");
    let schema = contents(&mut owner);
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .expect("lists the migrations")
        .count();
    for version in 1..=migrations {
        assert!(schema.contains(&format!("version {version}")), "{schema:?}");
    }
    assert_eq!(
        schema.iter().filter(|s| s.starts_with("version")).count(),
        migrations,
        "each migration ran once: {schema:?}"
    );
    // Reopening an up-to-date database changes nothing.
    PgDatabase::open(&url_with(&url, None, &name)).expect("reopens");
    assert_eq!(contents(&mut owner), schema);

    // A newer glasskin's database.
    owner
        .batch_execute("INSERT INTO glasskin_schema (version) VALUES (99)")
        .expect("a newer glasskin was here");
    let before = contents(&mut owner);
    let err = PgDatabase::open(&url_with(&url, None, &name)).expect_err("refused");
    assert!(err.to_string().contains("newer glasskin"), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(contents(&mut owner), before);
    drop(owner);

    // Another program's database.
    let foreign = empty_database(&url);
    let mut other = postgres::Client::connect(&url_with(&url, None, &foreign), postgres::NoTls)
        .expect("connects");
    other
        .batch_execute("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('hi');")
        .expect("writes");
    let before = contents(&mut other);
    let err = PgDatabase::open(&url_with(&url, None, &foreign)).expect_err("refused");
    assert!(err.to_string().contains("not a glasskin database"), "{err}");
    assert_eq!(contents(&mut other), before);
    drop(other);
    let mut admin = admin(&url);
    for db in [name, foreign] {
        let _ = admin.batch_execute(&format!("DROP DATABASE {db}"));
    }
}

#[test]
fn the_application_role_is_no_superuser_owns_no_table_and_every_tenant_table_is_keyed_by_owner() {
    let Some(db) = Postgres::fresh() else { return };
    let mut app = db.app_client();
    let row = app
        .query_one(
            "SELECT rolsuper, rolbypassrls, rolcreatedb FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .expect("reads its role");
    let (superuser, bypass, createdb): (bool, bool, bool) = (row.get(0), row.get(1), row.get(2));
    assert!(!superuser && !bypass && !createdb);
    let owned: i64 = app
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user",
            &[],
        )
        .expect("counts")
        .get(0);
    assert_eq!(owned, 0);
    // It may neither change the schema nor switch the policies off.
    assert!(app.batch_execute("CREATE TABLE mine (x int)").is_err());
    assert!(
        app.batch_execute("ALTER TABLE product DISABLE ROW LEVEL SECURITY")
            .is_err()
    );
    assert!(
        app.batch_execute("DROP POLICY owner_rows ON diary")
            .is_err()
    );

    let tables: Vec<(String, bool, bool)> = app
        .query(
            "SELECT c.relname::text, c.relrowsecurity, c.relforcerowsecurity
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'glasskin_schema'
             ORDER BY 1",
            &[],
        )
        .expect("lists tables")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let mut names: Vec<&str> = tables.iter().map(|t| t.0.as_str()).collect();
    names.sort_unstable();
    let mut expected = [TENANT_TABLES.as_slice(), DIRECTORY_TABLES.as_slice()].concat();
    expected.sort_unstable();
    assert_eq!(
        names, expected,
        "every table holding data is a tenant table, but the directory of accounts"
    );
    for (table, enabled, forced) in tables
        .iter()
        .filter(|t| !DIRECTORY_TABLES.contains(&t.0.as_str()))
    {
        assert!(
            *enabled && *forced,
            "{table}: row level security enabled and forced"
        );
        // The primary key starts with the owner, and so does every foreign key.
        let keys: Vec<(String, String)> = app
            .query(
                "SELECT con.contype::text, a.attname::text
                 FROM pg_constraint con
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
                 WHERE con.conrelid = $1::text::regclass AND con.contype IN ('p', 'f', 'u')",
                &[table],
            )
            .expect("lists keys")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        assert!(keys.iter().any(|(kind, _)| kind == "p"), "{table}: a key");
        for (kind, first) in &keys {
            assert_eq!(
                first, "owner",
                "{table}: a {kind} key starting with {first}"
            );
        }
    }
}

/// Queries no store would send: no `WHERE owner`, as a bug would.
#[test]
fn row_level_security_returns_only_the_callers_rows_to_a_query_that_forgot_the_owner() {
    let Some(db) = Postgres::fresh() else { return };
    for (owner, count) in [("alice", 2), ("bob", 3)] {
        let mut store = db.open(owner);
        for n in 0..count {
            let product = glasskin_store::NewProduct {
                name: format!("{owner} {n}"),
                ..toner()
            };
            store.add_product(&product, TODAY).expect("adds");
        }
    }
    let mut app = db.app_client();

    let mut tx = app.transaction().expect("begins");
    tx.execute("SELECT set_config('glasskin.owner', 'alice', true)", &[])
        .expect("names the owner");
    let names: Vec<String> = tx
        .query("SELECT name FROM product ORDER BY name", &[])
        .expect("reads")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names, ["alice 0", "alice 1"]);
    for table in TENANT_TABLES {
        let others: i64 = tx
            .query_one(
                &format!("SELECT count(*) FROM {table} WHERE owner <> 'alice'"),
                &[],
            )
            .expect("counts")
            .get(0);
        assert_eq!(others, 0, "{table}");
    }
    // Writes that forgot the owner touch only hers, and she cannot write rows as bob.
    let renamed = tx
        .execute("UPDATE product SET name = 'renamed'", &[])
        .expect("updates");
    assert_eq!(renamed, 2);
    tx.batch_execute("SAVEPOINT before_forgery")
        .expect("savepoint");
    let forged = tx.execute(
        "INSERT INTO diary (owner, date) VALUES ('bob', '2026-11-01')",
        &[],
    );
    assert!(forged.is_err(), "a row for another owner is refused");
    tx.batch_execute("ROLLBACK TO SAVEPOINT before_forgery")
        .expect("rolls back");
    let deleted = tx.execute("DELETE FROM product", &[]).expect("deletes");
    assert_eq!(deleted, 2);
    tx.rollback().expect("rolls back");

    // The owner was set for that transaction only: the connection, back in a pool, names none.
    let left: Option<String> = app
        .query_one("SELECT current_setting('glasskin.owner', true)", &[])
        .expect("reads the setting")
        .get(0);
    assert!(left.as_deref().unwrap_or("").is_empty(), "{left:?}");
    let seen: i64 = app
        .query_one("SELECT count(*) FROM product", &[])
        .expect("counts")
        .get(0);
    assert_eq!(seen, 0, "no owner named, no rows");
    // On a fresh connection the setting is unknown, and the query fails rather than read.
    assert!(db.app_client().query("SELECT * FROM product", &[]).is_err());
    // The tables' owner is held to the policy too (FORCE).
    let mut owner = db.owner_client();
    assert!(owner.query("SELECT * FROM product", &[]).is_err());
    let mut tx = owner.transaction().expect("begins");
    tx.execute("SELECT set_config('glasskin.owner', 'bob', true)", &[])
        .expect("names the owner");
    let bobs: i64 = tx
        .query_one("SELECT count(*) FROM product", &[])
        .expect("counts")
        .get(0);
    assert_eq!(bobs, 3);
    drop(tx);
    // Nothing was changed by the rolled-back writes.
    assert_eq!(db.open("alice").products().expect("reads").len(), 2);
    assert_eq!(db.open("bob").products().expect("reads").len(), 3);
}

/// One owner's writes take turns across connections (nodes), as SQLite's one writer makes them:
/// a check and the write it allows cannot interleave with another's.
#[test]
fn one_patch_test_at_a_time_holds_across_nodes_writing_at_once() {
    let Some(db) = Postgres::fresh() else { return };
    let products: Vec<i64> = (0..6)
        .map(|n| {
            let product = glasskin_store::NewProduct {
                name: format!("new {n}"),
                new: true,
                ..toner()
            };
            db.open("alice").add_product(&product, TODAY).expect("adds")
        })
        .collect();
    let barrier = std::sync::Barrier::new(products.len());
    let started: Vec<bool> = std::thread::scope(|s| {
        let nodes: Vec<_> = products
            .iter()
            .map(|&id| {
                let mut store = db.open("alice");
                let barrier = &barrier;
                s.spawn(move || {
                    barrier.wait();
                    store.start_patch_test(id, "", TODAY).is_ok()
                })
            })
            .collect();
        nodes
            .into_iter()
            .map(|n| n.join().expect("no panic"))
            .collect()
    });
    assert_eq!(started.iter().filter(|s| **s).count(), 1, "{started:?}");
    assert_eq!(db.open("alice").patch_tests().expect("reads").len(), 1);
}

#[test]
fn a_wrong_role_or_database_is_refused_at_once_in_the_servers_words() {
    let Some(url) = server_url() else { return };
    let started = std::time::Instant::now();
    let err = PgDatabase::open(&url_with(&url, Some("nobody_here"), "postgres"))
        .expect_err("no such role");
    assert!(err.to_string().contains("nobody_here"), "{err}");
    let err = PgDatabase::open(&url_with(&url, None, "no_such_database")).expect_err("no database");
    assert!(err.to_string().contains("no_such_database"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// `sslmode=require`: TLS, and a server whose certificate does not verify is refused, never
/// read in the clear.
#[test]
fn over_tls_the_server_is_verified_against_the_given_authority() {
    let Some(db) = Postgres::fresh() else { return };
    let Some(ca) = ca_file() else { return };
    let url = format!(
        "{}?sslmode=require",
        db.url(Some(glasskin_store::testing::APP_ROLE))
    );
    let tls = PgDatabase::open_with_ca(&url, Some(&ca)).expect("opens over TLS");
    let mut store = tls.store("alice");
    store.add_product(&toner(), TODAY).expect("writes over TLS");
    assert_eq!(db.open("alice").products().expect("reads").len(), 1);
    // The pool's connection, kept open, is TLS: the server says so (to its superuser, who
    // sees every session's).
    let mut superuser =
        postgres::Client::connect(&db.url(Some("postgres")), postgres::NoTls).expect("connects");
    let tls_connections: i64 = superuser
        .query_one(
            "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)
             WHERE ssl AND usename = 'glasskin_app' AND datname = current_database()",
            &[],
        )
        .expect("reads")
        .get(0);
    assert!(tls_connections >= 1, "{tls_connections}");
    drop(store);
    // Mozilla's roots do not know the test authority: refused, not read in the clear.
    let err = PgDatabase::open(&url).expect_err("an unknown authority");
    assert!(err.to_string().contains("certificate"), "{err}");
    // Nor does a file that is not an authority's certificate.
    let other = std::env::temp_dir().join(format!("glasskin-not-a-ca-{}.pem", std::process::id()));
    std::fs::write(&other, "not a certificate").expect("writes");
    let err = PgDatabase::open_with_ca(&url, Some(&other)).expect_err("no certificate");
    assert!(err.to_string().contains("holds no certificate"), "{err}");
    let _ = std::fs::remove_file(other);
    // Without sslmode=require, a plain connection, as on loopback.
    PgDatabase::open(&db.url(Some(glasskin_store::testing::APP_ROLE))).expect("plain");
}

#[test]
fn a_snapshot_reads_one_moment_and_owners_of_any_spelling_keep_to_their_rows() {
    let Some(db) = Postgres::fresh() else { return };
    let mut alice = db.open("alice");
    alice.add_product(&toner(), TODAY).expect("adds");
    let (before, during) = glasskin_store::snapshot(&alice, |store| {
        let before = store.products().expect("reads").len();
        // Another node writes while the page is being drawn.
        db.open("alice").add_product(&toner(), TODAY).expect("adds");
        (before, store.products().expect("reads").len())
    });
    assert_eq!(
        (before, during),
        (1, 1),
        "one moment, from first read to last"
    );
    assert_eq!(
        alice.products().expect("reads").len(),
        2,
        "seen once it ends"
    );

    // An owner that is not plain letters and digits is named as a parameter, not in the text.
    let mut odd = db.open("o'neil; DROP TABLE product; --");
    odd.add_product(&toner(), TODAY).expect("adds");
    let theirs = glasskin_store::snapshot(&odd, |store| store.products().expect("reads").len());
    assert_eq!(theirs, 1);
    assert_eq!(
        alice.products().expect("reads").len(),
        2,
        "alice's rows alone"
    );
}

#[test]
fn a_session_is_looked_up_with_its_owners_revision_and_nobody_elses() {
    let Some(db) = Postgres::fresh() else { return };
    let now = jiff::Timestamp::now();
    let month = jiff::SignedDuration::from_hours(24 * 30);
    let hash = |n: u8| [n; 32];
    let argon = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    let mut owners = Vec::new();
    for (n, email) in [(1, "ana@example.com"), (2, "ben@example.com")] {
        let account = db.db().create_account(email, argon, now).expect("signs up");
        db.db()
            .start_session(&account.owner, &hash(n), now, month)
            .expect("signs in");
        owners.push(account.owner);
    }
    let looked = |n: u8| {
        let session = db
            .db()
            .session_with_revisions(&hash(n), now, month)
            .expect("looks up")
            .expect("a live session");
        (session.owner, session.revisions.expect("asked for").data)
    };
    let ana = db.open(&owners[0]);
    assert_eq!(looked(1).0, owners[0]);
    assert_eq!(looked(1).1, ana.revision().expect("reads"));
    let plain = db.db().session(&hash(1), now, month).expect("looks up");
    let plain = plain.expect("a live session");
    assert_eq!(
        (plain.owner.as_str(), plain.revisions),
        (owners[0].as_str(), None)
    );
    let before = looked(2).1;
    db.open(&owners[0])
        .add_product(&toner(), TODAY)
        .expect("adds");
    assert_eq!(looked(1).1, ana.revision().expect("reads"), "moved");
    assert_ne!(looked(1).1, before);
    assert_eq!(looked(2).1, before, "ben's did not move");
    assert!(
        db.db()
            .session(&hash(3), now, month)
            .expect("looks up")
            .is_none()
    );
}

#[test]
fn work_in_one_transaction_is_kept_whole_or_not_at_all_and_moves_the_revision_once() {
    let Some(db) = Postgres::fresh() else { return };
    let mut alice = db.open("alice");
    let before = alice.revision().expect("reads");
    let added: Result<(i64, i64), glasskin_store::StoreError> =
        glasskin_store::atomically(&mut alice, |store| {
            let first = store.add_product(&toner(), TODAY)?;
            // Reads inside see the work's own writes.
            assert_eq!(store.products()?.len(), 1);
            Ok((first, store.add_product(&toner(), TODAY)?))
        });
    added.expect("both added");
    assert_eq!(alice.products().expect("reads").len(), 2);
    let after = alice.revision().expect("reads");
    assert_eq!(after.0, before.0 + 1, "one transaction, one bump");

    let refused: Result<(), glasskin_store::StoreError> =
        glasskin_store::atomically(&mut alice, |store| {
            store.add_product(&toner(), TODAY)?;
            Err(glasskin_store::StoreError::Invalid(
                "changed my mind".into(),
            ))
        });
    assert!(refused.is_err());
    assert_eq!(alice.products().expect("reads").len(), 2, "rolled back");
    assert_eq!(alice.revision().expect("reads"), after, "nothing moved");
}

#[test]
fn a_tick_or_a_diary_day_moves_the_revision_but_not_what_a_plan_is_made_of() {
    let Some(db) = Postgres::fresh() else { return };
    let mut alice = db.open("alice");
    let toner = alice.add_product(&toner(), TODAY).expect("adds");
    let (data, plan) = (
        alice.revision().expect("reads"),
        alice.plan_revision().expect("reads"),
    );
    alice
        .log_diary(
            &glasskin_store::DiaryEntry {
                date: TODAY,
                glow: Some(4),
                ..Default::default()
            },
            TODAY,
        )
        .expect("logs");
    let checkoff = glasskin_store::Checkoff {
        date: TODAY,
        time: glasskin_core::advice::Time::Am,
        product_id: toner,
    };
    alice.check_off(&checkoff, true, TODAY).expect("ticks");
    assert_ne!(alice.revision().expect("reads"), data, "the data moved");
    assert_eq!(
        alice.plan_revision().expect("reads"),
        plan,
        "the plan's did not"
    );

    // A shelf write inside work begun for a log moves it.
    let moved: Result<(), glasskin_store::StoreError> =
        glasskin_store::atomically(&mut alice, |store| {
            store.check_off(&checkoff, false, TODAY)?;
            store.set_profile(&crate::stories::profile(), TODAY)
        });
    moved.expect("both kept");
    assert_ne!(alice.plan_revision().expect("reads"), plan);
    // And the session lookup reads both, as the store does.
    let now = jiff::Timestamp::now();
    let month = jiff::SignedDuration::from_hours(24 * 30);
    let argon = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    let account = db
        .db()
        .create_account("ana@example.com", argon, now)
        .expect("signs up");
    let mut ana = db.open(&account.owner);
    ana.add_product(&crate::stories::toner(), TODAY)
        .expect("adds");
    db.db()
        .start_session(&account.owner, &[7; 32], now, month)
        .expect("signs in");
    let session = db
        .db()
        .session_with_revisions(&[7; 32], now, month)
        .expect("looks up")
        .expect("live");
    let revisions = session.revisions.expect("asked for");
    assert_eq!(revisions.data, ana.revision().expect("reads"));
    assert_eq!(revisions.plan, ana.plan_revision().expect("reads"));
}

#[test]
fn a_shelf_kept_on_one_node_is_read_again_once_another_node_changes_it() {
    let Some(db) = Postgres::fresh() else { return };
    let other_node =
        PgDatabase::open(&db.url(Some(glasskin_store::testing::APP_ROLE))).expect("opens");
    let here = db.open("alice");
    let mut there = other_node.store("alice");
    let toner_id = there.add_product(&toner(), TODAY).expect("adds");
    let read = |store: &PgStore| {
        glasskin_store::snapshot(store, |s| {
            (
                s.products().expect("reads").len(),
                s.patch_tests().expect("reads").len(),
                s.latest_plan().expect("reads").map(|p| p.id),
            )
        })
    };
    assert_eq!(read(&here), (1, 0, None), "read, and kept");
    assert_eq!(read(&here), (1, 0, None), "from what was kept");

    // Each part of what a plan is made of, changed on the other node, is seen here at once.
    there.add_product(&toner(), TODAY).expect("adds");
    assert_eq!(read(&here).0, 2);
    there.start_patch_test(toner_id, "", TODAY).expect("starts");
    assert_eq!(read(&here).1, 1);
    let plan = glasskin_store::SavedPlan {
        id: 0,
        created: TODAY,
        starts: TODAY,
        weeks: Vec::new(),
    };
    let kept = there.save_plan(&plan).expect("keeps");
    assert_eq!(read(&here).2, Some(kept));
    // A log written there leaves what is kept here, and it is still right.
    there
        .log_diary(
            &glasskin_store::DiaryEntry {
                date: TODAY,
                glow: Some(3),
                ..Default::default()
            },
            TODAY,
        )
        .expect("logs");
    assert_eq!(read(&here), (2, 1, Some(kept)));
    // Outside a snapshot too.
    there.remove_product(toner_id).expect("removes");
    assert_eq!(here.products().expect("reads").len(), 1);
}

#[test]
fn a_tick_checked_against_what_a_node_keeps_is_checked_again_once_another_node_changed_it() {
    use glasskin_store::{Checkoff, StoreError};
    let Some(db) = Postgres::fresh() else { return };
    let other_node =
        PgDatabase::open(&db.url(Some(glasskin_store::testing::APP_ROLE))).expect("opens");
    let mut here = db.open("alice");
    let mut there = other_node.store("alice");
    let toner_id = there.add_product(&toner(), TODAY).expect("adds");
    // A tick as Today makes one: checked against the shelf, then written; counts its runs.
    let tick = |store: &mut PgStore, product_id: i64| {
        let mut runs = 0;
        let ticked: Result<(), StoreError> = glasskin_store::atomically(store, |store| {
            runs += 1;
            if !store.products()?.iter().any(|p| p.id == product_id) {
                return Err(StoreError::NoSuchProduct(product_id));
            }
            let checkoff = Checkoff {
                date: TODAY,
                time: glasskin_core::advice::Time::Am,
                product_id,
            };
            store.check_off(&checkoff, true, TODAY)
        });
        (ticked, runs)
    };
    let ticks = |store: &PgStore| store.checkoffs_since(TODAY).expect("reads").len();

    // Not kept here yet: in a transaction, once. Kept now (that transaction read the shelf):
    // checked against it, and written in one statement while the plan revision holds.
    assert!(matches!(tick(&mut here, toner_id), (Ok(()), 1)));
    assert!(matches!(tick(&mut here, toner_id), (Ok(()), 1)));
    assert_eq!(ticks(&here), 1);
    // Each change there leaves here's kept shelf out of date: a tick that passed its check is
    // not written but checked again, in a transaction (a second run) ...
    there.add_product(&toner(), TODAY).expect("adds");
    assert!(matches!(tick(&mut here, toner_id), (Ok(()), 2)));
    // ... and so is a refusal of a product that was not there when the shelf was kept ...
    let serum = there.add_product(&toner(), TODAY).expect("adds");
    assert!(matches!(tick(&mut here, serum), (Ok(()), 2)));
    assert_eq!(ticks(&here), 2);
    // ... and a product removed there is refused, with nothing written.
    there.remove_product(toner_id).expect("removes");
    assert!(matches!(
        tick(&mut here, toner_id),
        (Err(StoreError::NoSuchProduct(id)), 2) if id == toner_id
    ));
    assert_eq!(ticks(&here), 1, "the removed product's tick went with it");
    // Kept at the new plan revision now: one run, and the tick moves the data's revision
    // alone.
    let (data_before, plan_before) = (
        here.revision().expect("reads"),
        here.plan_revision().expect("reads"),
    );
    let other = glasskin_store::Checkoff {
        date: TODAY,
        time: glasskin_core::advice::Time::Pm,
        product_id: serum,
    };
    let mut runs = 0;
    let both: Result<(), StoreError> = glasskin_store::atomically(&mut here, |store| {
        runs += 1;
        store.products()?;
        store.check_off(&other, true, TODAY)?;
        store.check_off(&other, false, TODAY)?;
        store.check_off(&other, true, TODAY)
    });
    assert!(both.is_ok() && runs == 1, "{both:?} in {runs} runs");
    assert_eq!(ticks(&here), 2, "the ticks of one work written in order");
    assert_eq!(here.plan_revision().expect("reads"), plan_before);
    assert_ne!(here.revision().expect("reads"), data_before);
}

#[test]
fn a_store_checking_a_session_reads_and_writes_nothing_once_it_ended_on_any_node() {
    use glasskin_store::{Checkoff, DiaryEntry, SessionCheck, StoreError};
    use std::sync::Arc;
    let Some(db) = Postgres::fresh() else { return };
    let other_node =
        PgDatabase::open(&db.url(Some(glasskin_store::testing::APP_ROLE))).expect("opens");
    let now = jiff::Timestamp::now();
    let month = jiff::SignedDuration::from_hours(24 * 30);
    let argon = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    let ana = db
        .db()
        .create_account("ana@example.com", argon, now)
        .expect("signs up")
        .owner;
    let ben = db
        .db()
        .create_account("ben@example.com", argon, now)
        .expect("signs up")
        .owner;
    let (anas, bens) = ([1; 32], [2; 32]);
    db.db()
        .start_session(&ana, &anas, now, month)
        .expect("signs in");
    db.db()
        .start_session(&ben, &bens, now, month)
        .expect("signs in");
    let product_id = db.open(&ana).add_product(&toner(), TODAY).expect("adds");
    let day = |rating| DiaryEntry {
        date: TODAY,
        hydration: Some(rating),
        ..DiaryEntry::default()
    };
    let tick = |store: &mut PgStore| {
        let checkoff = Checkoff {
            date: TODAY,
            time: glasskin_core::advice::Time::Am,
            product_id,
        };
        glasskin_store::atomically(store, |store| {
            store.products()?;
            store.check_off(&checkoff, true, TODAY)
        })
    };
    let checking = |hash: [u8; 32], at| {
        let check = Arc::new(SessionCheck::new(hash, at));
        (db.db().store_checking(&ana, Arc::clone(&check)), check)
    };

    // A live session of ana's: a day of the diary and a tick (each one statement, the tick
    // also from the shelf this node keeps once read) are written, and the check passed.
    let (mut store, check) = checking(anas, now);
    assert!(!check.passed());
    store.log_diary(&day(4), TODAY).expect("writes");
    assert!(check.passed());
    tick(&mut store).expect("ticks");
    tick(&mut store).expect("ticks from the kept shelf");
    let anas_data = || db.open(&ana).export().expect("exports");
    let before = serde_json::to_string(&anas_data()).expect("serialises");

    // Ben's session, a session at a time past its end, and no session at all name nobody
    // who may touch ana's data: reads, one-statement writes and transactions alike.
    let later = now.checked_add(month).expect("in range");
    for (hash, at) in [(bens, now), (anas, later), ([3; 32], now)] {
        let (mut store, check) = checking(hash, at);
        assert!(matches!(store.products(), Err(StoreError::SignedOut)));
        assert!(matches!(
            store.log_diary(&day(1), TODAY),
            Err(StoreError::SignedOut)
        ));
        assert!(matches!(tick(&mut store), Err(StoreError::SignedOut)));
        assert!(!check.passed());
    }

    // Ended on another node: this node's kept shelf lets the tick be made ready, and the
    // statement that writes it refuses.
    other_node.end_session(&anas).expect("signs out");
    let (mut store, check) = checking(anas, now);
    assert!(matches!(tick(&mut store), Err(StoreError::SignedOut)));
    assert!(matches!(
        store.log_diary(&day(2), TODAY),
        Err(StoreError::SignedOut)
    ));
    assert!(matches!(store.products(), Err(StoreError::SignedOut)));
    assert!(!check.passed());
    let after = serde_json::to_string(&anas_data()).expect("serialises");
    assert_eq!(before, after, "nothing was written");
}
