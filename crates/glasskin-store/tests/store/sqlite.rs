//! The stories on SQLite files, and what only SQLite has: a file's set-up, foreign and newer
//! files, readers.

use std::path::PathBuf;

use glasskin_store::{DiaryEntry, SqliteStore, Store};

use crate::Backend;
use crate::stories::{TODAY, toner};

fn temp_db(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glasskin-store-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// A new SQLite file.
pub struct Sqlite(PathBuf);

impl Backend for Sqlite {
    type Store = SqliteStore;

    fn fresh() -> Option<Sqlite> {
        Some(Sqlite(temp_db("glasskin.db")))
    }

    fn open(&self, owner: &str) -> SqliteStore {
        SqliteStore::open(&self.0, owner).expect("opens")
    }
}

stories!(Sqlite);

#[test]
fn creates_and_migrates_a_new_file_in_wal_mode() {
    let missing = temp_db("no-such-dir/glasskin.db");
    let err = SqliteStore::open(&missing, "local").err().expect("refused");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(
        !missing.parent().expect("a dir").exists(),
        "nothing created"
    );

    let path = temp_db("glasskin.db");
    let store = SqliteStore::open(&path, "local").expect("opens");
    assert!(store.products().expect("reads").is_empty());
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("sqlite opens it");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 6);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    // Reopening an up-to-date file changes nothing.
    SqliteStore::open(&path, "local").expect("reopens");
}

#[test]
fn foreign_and_corrupt_files_are_refused_unchanged() {
    // Another program's SQLite database.
    let path = temp_db("other.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
            .expect("writes");
    }
    let before = std::fs::read(&path).expect("reads");
    let err = SqliteStore::open(&path, "local").err().expect("refused");
    assert!(err.to_string().contains("not a glasskin database"), "{err}");
    assert_eq!(std::fs::read(&path).expect("reads"), before);

    // Not SQLite at all.
    let junk = temp_db("junk.db");
    std::fs::write(
        &junk,
        b"this is not a database, just some text that is long enough",
    )
    .expect("writes");
    let before = std::fs::read(&junk).expect("reads");
    assert!(SqliteStore::open(&junk, "local").is_err());
    assert_eq!(std::fs::read(&junk).expect("reads"), before);

    // A newer glasskin's database.
    let newer = temp_db("newer.db");
    SqliteStore::open(&newer, "local").expect("opens");
    {
        let conn = rusqlite::Connection::open(&newer).expect("opens");
        conn.pragma_update(None, "user_version", 99).expect("bumps");
    }
    let err = SqliteStore::open(&newer, "local").err().expect("refused");
    assert!(err.to_string().contains("newer glasskin"), "{err}");
}

#[test]
fn readers_see_every_commit_and_write_nothing() {
    let path = temp_db("readers.db");
    let mut store = SqliteStore::open(&path, "local").expect("opens");
    let reader = store.reader().expect("a reader");
    // (How the revision moves with each write is a story both backends tell.)
    store.add_product(&toner(), TODAY).expect("adds");
    assert_eq!(
        reader.products().expect("reads").len(),
        1,
        "the reader sees it"
    );

    let mut other = SqliteStore::open(&path, "local").expect("another program");
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
    assert_eq!(reader.diary().expect("reads").len(), 1);

    // A reader refuses to write, and nothing changes.
    let mut reader = reader;
    let refused = reader.add_product(&toner(), TODAY);
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(store.products().expect("reads").len(), 1);
}
