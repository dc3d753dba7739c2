//! The store under faults: many openers of a brand-new file at once, files it must refuse left
//! byte for byte as they were, and files it may only read.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use glasskin_store::{DiaryEntry, NewProduct, SqliteStore, Store};
use jiff::civil::{Date, date};

fn temp_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glasskin-faults-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const TODAY: Date = date(2026, 11, 29);

/// Our `application_id` ("glsk").
const APPLICATION_ID: i32 = 0x676c_736b;

fn diary(day: i8) -> DiaryEntry {
    DiaryEntry {
        date: date(2026, 11, day),
        hydration: Some(3),
        ..DiaryEntry::default()
    }
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("sqlite opens it");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks")
}

/// Every file SQLite keeps for `path` (the database, its journal, WAL and WAL index), each with
/// its length and a hash of its bytes.
fn files(path: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    let dir = path.parent().expect("dir");
    let mut all: Vec<(String, usize, u64)> = std::fs::read_dir(dir)
        .expect("lists")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).expect("reads");
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            (name, bytes.len(), hasher.finish())
        })
        .collect();
    all.sort();
    all
}

/// The database file's length and a hash of its bytes.
fn database(path: &Path) -> (usize, u64) {
    let name = path.file_name().expect("name").to_string_lossy();
    files(path)
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, len, hash)| (len, hash))
        .expect("the database file")
}

#[test]
fn threads_opening_a_new_file_at_once_all_succeed() {
    const THREADS: usize = 8;
    for round in 0..10 {
        let path = temp_dir().join("new.db");
        let start = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|n| {
                let path = path.clone();
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    start.wait();
                    let mut store = SqliteStore::open(&path, "local")
                        .map_err(|e| format!("round {round}, thread {n}: {e}"))?;
                    store
                        .log_diary(&diary(n as i8 + 1), TODAY)
                        .map_err(|e| format!("round {round}, thread {n}: {e}"))
                })
            })
            .collect();
        let failures: Vec<String> = handles
            .into_iter()
            .filter_map(|h| h.join().expect("no panic").err())
            .collect();
        assert!(failures.is_empty(), "{failures:#?}");
        assert_eq!(integrity(&path), "ok");
        let store = SqliteStore::open(&path, "local").expect("reopens");
        assert_eq!(store.diary().expect("reads").len(), THREADS);
        let conn = rusqlite::Connection::open(&path).expect("opens");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
    }
}

#[test]
fn an_empty_file_is_new_not_foreign() {
    let path = temp_dir().join("empty.db");
    std::fs::write(&path, b"").expect("creates");
    let mut store = SqliteStore::open(&path, "local").expect("an empty file is set up");
    store.log_diary(&diary(1), TODAY).expect("writes");
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn a_newer_rollback_journal_file_is_refused_byte_identical() {
    let path = temp_dir().join("newer.db");
    {
        let mut store = SqliteStore::open(&path, "local").expect("opens");
        store.log_diary(&diary(1), TODAY).expect("writes");
    }
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            .expect("leaves WAL");
        assert_eq!(mode, "delete");
        conn.pragma_update(None, "user_version", 99).expect("bumps");
    }
    let before = files(&path);
    assert_eq!(before.len(), 1, "one file, no journal: {before:?}");
    // Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL.
    assert_eq!(std::fs::read(&path).expect("reads")[18..20], [1, 1]);
    let err = SqliteStore::open(&path, "local").err().expect("refused");
    assert!(err.to_string().contains("newer glasskin"), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(
        files(&path),
        before,
        "the refused file and its directory are unchanged"
    );
}

#[test]
fn foreign_files_are_refused_byte_identical() {
    let foreign = |setup: &str| {
        let path = temp_dir().join("other.db");
        {
            let conn = rusqlite::Connection::open(&path).expect("opens");
            conn.execute_batch(setup).expect("writes");
        }
        let before = files(&path);
        let err = SqliteStore::open(&path, "local").err().expect("refused");
        assert!(
            err.to_string().contains("not a glasskin database"),
            "{setup}: {err}"
        );
        assert_eq!(files(&path), before, "{setup}: unchanged");
    };
    // Another program's tables, in each journal mode.
    foreign("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');");
    foreign("PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT);");
    // Tables named as ours, but no application id.
    foreign("CREATE TABLE profile (owner TEXT); PRAGMA user_version = 5;");
    // No tables, but another program's marks in the header.
    foreign("PRAGMA user_version = 3;");
    foreign("PRAGMA application_id = 42;");
    // Not SQLite at all.
    let junk = temp_dir().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).expect("writes");
    let before = files(&junk);
    let err = SqliteStore::open(&junk, "local").err().expect("refused");
    assert!(err.to_string().contains("not a glasskin database"), "{err}");
    assert_eq!(files(&junk), before);
}

/// Makes `path` read-only, or says why it cannot be tested here: a privileged user (root)
/// writes whatever the modes say.
#[cfg(unix)]
fn read_only(path: &Path, mode: u32) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    let probe = if path.is_dir() {
        std::fs::write(path.join("probe"), b"").is_ok()
    } else {
        std::fs::OpenOptions::new().append(true).open(path).is_ok()
    };
    if probe {
        eprintln!(
            "skipped: this user writes {} whatever its mode",
            path.display()
        );
        let _ = std::fs::remove_file(path.join("probe"));
    }
    !probe
}

#[cfg(unix)]
fn assert_readable_not_writable(path: &Path) {
    let before = database(path);
    let mut store = SqliteStore::open(path, "local").expect("a read-only file opens");
    assert_eq!(store.products().expect("lists").len(), 1);
    let export = store.export().expect("exports");
    assert_eq!(export.diary.len(), 1);
    // A paired phone is still let in; only its last-seen time cannot be written.
    let later: jiff::Timestamp = "2030-01-01T00:00:00Z".parse().expect("time");
    let phone = store.device_seen(&[7; 32], later).expect("looks");
    assert!(
        phone.is_some_and(|d| d.last_seen < later),
        "found, time unchanged"
    );
    let err = store
        .log_diary(&diary(2), TODAY)
        .expect_err("a write is refused");
    assert!(
        err.to_string().contains("the database file is read-only"),
        "{err}"
    );
    drop(store);
    // SQLite may leave its WAL index beside a file it only read; the database is unchanged.
    assert_eq!(database(path), before, "nothing was written");
}

#[cfg(unix)]
fn filled(dir: &Path) -> PathBuf {
    let path = dir.join("glasskin.db");
    let mut store = SqliteStore::open(&path, "local").expect("opens");
    store.log_diary(&diary(1), TODAY).expect("writes");
    let paired: jiff::Timestamp = "2026-11-29T08:00:00Z".parse().expect("time");
    store.add_device("Phone", &[7; 32], paired).expect("pairs");
    store
        .add_product(
            &NewProduct {
                name: "Hydrating Toner".into(),
                label: "Water, Glycerin".into(),
                ..NewProduct::default()
            },
            TODAY,
        )
        .expect("adds");
    path
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_read_and_a_write_is_refused_clearly() {
    let path = filled(&temp_dir());
    if read_only(&path, 0o444) {
        assert_readable_not_writable(&path);
    }
    read_only(&path, 0o644);
}

#[cfg(unix)]
#[test]
fn a_file_in_a_read_only_directory_is_read_and_a_write_is_refused_clearly() {
    let dir = temp_dir();
    let path = filled(&dir);
    if read_only(&dir, 0o555) {
        assert_readable_not_writable(&path);
        // A new file cannot be made there.
        let err = SqliteStore::open(&dir.join("new.db"), "local")
            .err()
            .expect("refused");
        assert!(err.to_string().contains("new.db"), "{err}");
    }
    read_only(&dir, 0o755);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_of_an_older_schema_is_refused_unchanged() {
    let path = temp_dir().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch("CREATE TABLE profile (owner TEXT); PRAGMA user_version = 1;")
            .expect("writes");
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .expect("marks");
    }
    if read_only(&path, 0o444) {
        let before = files(&path);
        let err = SqliteStore::open(&path, "local").err().expect("refused");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(files(&path), before);
    }
    read_only(&path, 0o644);
}
