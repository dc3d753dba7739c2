//! The SQLite store: one file, WAL mode, foreign keys on, migrations applied on open.

use std::path::Path;

use jiff::civil::Date;
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Row, TransactionBehavior, params,
};

use glasskin_core::Step;
use glasskin_core::advice::Time;

use crate::model::{
    Checkoff, Device, DeviceId, DiaryEntry, Export, LifestyleEntry, NewProduct, PatchTest,
    ProductId, Reaction, SCHEMA_VERSION, SavedPlan, ShelfProduct, Status, StoredProfile,
    check_opened, check_pao, not_future,
};
use crate::{Result, Revision, Store, StoreError};

mod devices;
mod import;
mod patch_tests;

/// Schema migrations, in order; append only. `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_profile_and_shelf.sql"),
    include_str!("../migrations/0002_diary_and_lifestyle.sql"),
    include_str!("../migrations/0003_plans_and_checkoffs.sql"),
    include_str!("../migrations/0004_patch_tests.sql"),
    include_str!("../migrations/0005_status_dates.sql"),
    include_str!("../migrations/0006_devices.sql"),
];

/// Marks a database as glasskin's, so a foreign SQLite file is refused, not altered.
const APPLICATION_ID: i32 = 0x676c_736b; // "glsk"

/// How long an opener or a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Why a file was not set up: refused as it is (nothing written), or SQLite failed.
enum SetUp {
    Refused(String),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for SetUp {
    fn from(e: rusqlite::Error) -> SetUp {
        if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
            SetUp::Refused(format!(
                "not a glasskin database ({e}); nothing was changed"
            ))
        } else {
            SetUp::Sqlite(e)
        }
    }
}

/// Whether SQLite failed because this process may not write the file or its directory.
fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
    )
}

/// What a file's header and schema say about whose it is, read in one statement (one snapshot).
struct FileState {
    application_id: i32,
    version: usize,
    objects: i64,
}

impl FileState {
    fn read(conn: &Connection) -> std::result::Result<FileState, SetUp> {
        Ok(conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| {
                Ok(FileState {
                    application_id: r.get(0)?,
                    version: r.get(1)?,
                    objects: r.get(2)?,
                })
            },
        )?)
    }

    /// A file no one has written yet (or another glasskin is creating and has not committed).
    fn is_new(&self) -> bool {
        self.application_id == 0 && self.version == 0 && self.objects == 0
    }

    /// Refuses another program's file and a newer glasskin's.
    fn accept(&self) -> std::result::Result<(), SetUp> {
        if self.application_id != APPLICATION_ID && !self.is_new() {
            return Err(SetUp::Refused(
                "not a glasskin database (it belongs to another program); nothing was changed"
                    .into(),
            ));
        }
        if self.version > MIGRATIONS.len() {
            return Err(SetUp::Refused(format!(
                "the database was written by a newer glasskin (schema {}, this one knows {}); nothing was changed",
                self.version,
                MIGRATIONS.len()
            )));
        }
        Ok(())
    }
}

/// Switches an accepted file to WAL mode, a no-op once it is. Switching needs the file to itself,
/// and SQLite does not wait for that (another opener may be reading it), so this waits here, up
/// to [`BUSY_TIMEOUT`]; if the file is still busy then, it stays in rollback-journal mode, which
/// is as sound, and the next opener switches it.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(1);
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {}
            Err(e) => return Err(e),
        }
        if started.elapsed() > BUSY_TIMEOUT {
            return Ok(());
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(std::time::Duration::from_millis(50));
    }
}

/// `path` as an SQLite URI, read-only, `immutable` when no lock or WAL index can be made.
fn file_uri(path: &Path, immutable: bool) -> String {
    let mut uri = String::from("file:");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else if cfg!(windows) && byte == b'\\' {
            uri.push('/');
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    if immutable {
        uri.push_str("&immutable=1");
    }
    uri
}

/// A store in one SQLite file, for one owner.
pub struct SqliteStore {
    conn: Connection,
    owner: String,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => {
                StoreError::Database("the database file is read-only; nothing was changed".into())
            }
            // A value the checks before every write let through: the person's value is refused
            // (4xx), not the server's fault.
            Some(ErrorCode::ConstraintViolation) => StoreError::Invalid(format!(
                "a value was refused ({}); nothing was changed",
                constraint(&e)
            )),
            _ => StoreError::Database(e.to_string()),
        }
    }
}

/// Which rule a constraint failure broke, in words.
fn constraint(e: &rusqlite::Error) -> &'static str {
    let text = e.to_string();
    if text.contains("FOREIGN KEY") {
        "it names a record that is not there"
    } else if text.contains("UNIQUE") {
        "a record with that id or day is there already"
    } else if text.contains("NOT NULL") {
        "a required field is empty"
    } else {
        "a field holds a value out of its range"
    }
}

impl SqliteStore {
    /// Opens (creating and migrating if needed) the database at `path`, for `owner`. Its
    /// directory must exist.
    ///
    /// Many processes may open the same new file at once: the checks and the set-up run in one
    /// `BEGIN IMMEDIATE` transaction, and an opener waits for another's set-up to finish
    /// (`BUSY_TIMEOUT`) rather than fail. Nothing is written to a file before it is accepted:
    /// a foreign file or a newer glasskin's is refused byte for byte unchanged. A file this
    /// process may not write (its mode, or its directory's) is opened read-only: it can be read,
    /// and a write is refused as "the database file is read-only".
    pub fn open(path: &Path, owner: &str) -> Result<SqliteStore> {
        let failed =
            |e: &dyn std::fmt::Display| StoreError::Open(format!("{}: {e}", path.display()));
        // A missing directory is most likely a mistyped path: say so rather than create it.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(failed(&format_args!(
                "the directory {} does not exist",
                dir.display()
            )));
        }
        let conn = match Self::open_writable(path) {
            Ok(conn) => conn,
            Err(SetUp::Refused(why)) => return Err(failed(&why)),
            // Not writable here: read what there is, if it is an up-to-date glasskin file.
            Err(SetUp::Sqlite(e)) if cannot_write(&e) && path.exists() => {
                Self::open_read_only(path).map_err(|e| match e {
                    SetUp::Refused(why) => failed(&why),
                    SetUp::Sqlite(e) => failed(&e),
                })?
            }
            Err(SetUp::Sqlite(e)) => return Err(failed(&e)),
        };
        Ok(SqliteStore {
            conn,
            owner: owner.to_owned(),
        })
    }

    /// Another connection to the database `self` opened, for reading only: in WAL mode readers
    /// never wait for the writer, so a server can draw pages on several at once. A write
    /// through it is refused.
    pub fn reader(&self) -> Result<SqliteStore> {
        let failed = |e: &dyn std::fmt::Display| StoreError::Open(format!("a reader: {e}"));
        let path = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| failed(&"the database has no file"))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| failed(&e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| failed(&e))?;
        conn.pragma_update(None, "query_only", "ON")
            .map_err(|e| failed(&e))?;
        Ok(SqliteStore {
            conn,
            owner: self.owner.clone(),
        })
    }

    /// Opens `path` for reading and writing: checks it, then sets it up and migrates it.
    fn open_writable(path: &Path) -> std::result::Result<Connection, SetUp> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // An up-to-date glasskin file in WAL mode needs nothing: a look (one statement, one
        // snapshot) is enough, and readers do not queue behind a writer for the write lock.
        let file = FileState::read(&conn)?;
        file.accept()?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if file.application_id == APPLICATION_ID
            && file.version == MIGRATIONS.len()
            && mode.eq_ignore_ascii_case("wal")
        {
            return Ok(conn);
        }
        // Everything is read and decided under the write lock, so no other opener can be half
        // way through creating the file while it is looked at. Rolling back (a refusal, an
        // error) leaves the file as it was: nothing is written before the commit.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let file = FileState::read(&tx)?;
        file.accept()?;
        if file.version < MIGRATIONS.len() || file.application_id != APPLICATION_ID {
            for (n, sql) in MIGRATIONS.iter().enumerate().skip(file.version) {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", n + 1)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit()?;
        // The file is glasskin's and up to date: only now switch it to WAL (a no-op once it is).
        switch_to_wal(&conn)?;
        Ok(conn)
    }

    /// Opens `path` read-only, for a file (or directory) this process may not write. The file
    /// must be an up-to-date glasskin database: a read-only one cannot be set up or migrated.
    fn open_read_only(path: &Path) -> std::result::Result<Connection, SetUp> {
        let open = |immutable: bool| -> std::result::Result<Connection, SetUp> {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(file_uri(path, immutable), flags)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let file = FileState::read(&conn)?;
            file.accept()?;
            if file.is_new() {
                return Err(SetUp::Refused(
                    "the database file is read-only and empty, so it cannot be set up".into(),
                ));
            }
            if file.version < MIGRATIONS.len() {
                return Err(SetUp::Refused(format!(
                    "the database file is read-only, and this glasskin must upgrade it (schema {} to {}) before using it",
                    file.version,
                    MIGRATIONS.len()
                )));
            }
            conn.pragma_update(None, "query_only", "ON")?;
            Ok(conn)
        };
        match open(false) {
            // A WAL file in a directory this process may not write: its shared-memory index
            // cannot be made, so it is read as an immutable file, as the last writer left it,
            // unless that writer left changes in its write-ahead log, which would go unread.
            Err(SetUp::Sqlite(e)) if cannot_write(&e) => {
                let mut wal = path.as_os_str().to_owned();
                wal.push("-wal");
                if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                    return Err(SetUp::Refused(format!(
                        "the database's directory is read-only, and {} holds changes not yet in the database file; open it once where it can be written",
                        Path::new(&wal).display()
                    )));
                }
                open(true)
            }
            other => other,
        }
    }

    fn product_from(row: &Row) -> rusqlite::Result<ShelfProduct> {
        let date = |i: usize| -> rusqlite::Result<Option<Date>> {
            let text: Option<String> = row.get(i)?;
            text.map(|t| {
                t.parse::<Date>().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        i,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })
            })
            .transpose()
        };
        let status: String = row.get(9)?;
        let step: Option<String> = row.get(4)?;
        Ok(ShelfProduct {
            id: row.get(0)?,
            name: row.get(1)?,
            brand: row.get(2)?,
            label: row.get(3)?,
            // A step this glasskin no longer knows is read as none declared.
            step: step.as_deref().and_then(Step::from_id),
            added: date(5)?.ok_or(rusqlite::Error::InvalidColumnType(
                5,
                "added".into(),
                rusqlite::types::Type::Null,
            ))?,
            opened: date(6)?,
            pao_months: row.get(7)?,
            best_before: date(8)?,
            status: Status::from_id(&status).unwrap_or(Status::InUse),
            status_reason: row.get(10)?,
            new: row.get(11)?,
            status_changed: date(12)?,
        })
    }

    /// Runs an update that must touch exactly one of the owner's products.
    fn update_one(&self, id: ProductId, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<()> {
        let mut all: Vec<&dyn rusqlite::ToSql> = args.to_vec();
        all.push(&id);
        all.push(&self.owner);
        let changed = self.conn.execute(sql, all.as_slice())?;
        if changed == 0 {
            return Err(StoreError::NoSuchProduct(id));
        }
        Ok(())
    }
}

/// The columns [`SqliteStore::product_from`] reads, in its order.
const PRODUCT_COLUMNS: &str = "id, name, brand, label, step, added, opened, pao_months, best_before, status, status_reason, new, status_changed";

fn text(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

fn json_list(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".to_owned())
}

fn list_from(row: &Row, i: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(i)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

fn date_from(row: &Row, i: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(i)?;
    text.parse::<Date>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

/// Reads a vocabulary value stored as its id.
fn id_from<T>(row: &Row, i: usize, from_id: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    from_id(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown value `{text}`").into(),
        )
    })
}

const DIARY_UPSERT: &str = "INSERT INTO diary (owner, date, hydration, oiliness, breakouts, redness, texture, glow, breakout_count, notes, tags, photo)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
     ON CONFLICT (owner, date) DO UPDATE SET hydration = excluded.hydration, oiliness = excluded.oiliness,
         breakouts = excluded.breakouts, redness = excluded.redness, texture = excluded.texture,
         glow = excluded.glow, breakout_count = excluded.breakout_count, notes = excluded.notes,
         tags = excluded.tags, photo = excluded.photo";

const LIFESTYLE_UPSERT: &str = "INSERT INTO lifestyle (owner, date, sleep_hours, water_litres, exercise_minutes, stress, diet_tags, tags)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
     ON CONFLICT (owner, date) DO UPDATE SET sleep_hours = excluded.sleep_hours,
         water_litres = excluded.water_litres, exercise_minutes = excluded.exercise_minutes,
         stress = excluded.stress, diet_tags = excluded.diet_tags, tags = excluded.tags";

fn diary_params(owner: &str, e: &DiaryEntry) -> [Box<dyn rusqlite::ToSql>; 12] {
    [
        Box::new(owner.to_owned()),
        Box::new(e.date.to_string()),
        Box::new(e.hydration),
        Box::new(e.oiliness),
        Box::new(e.breakouts),
        Box::new(e.redness),
        Box::new(e.texture),
        Box::new(e.glow),
        Box::new(e.breakout_count),
        Box::new(e.notes.clone()),
        Box::new(json_list(&e.tags)),
        Box::new(e.photo.clone()),
    ]
}

fn lifestyle_params(owner: &str, e: &LifestyleEntry) -> [Box<dyn rusqlite::ToSql>; 8] {
    [
        Box::new(owner.to_owned()),
        Box::new(e.date.to_string()),
        Box::new(e.sleep_hours.map(f64::from)),
        Box::new(e.water_litres.map(f64::from)),
        Box::new(e.exercise_minutes),
        Box::new(e.stress),
        Box::new(json_list(&e.diet_tags)),
        Box::new(json_list(&e.tags)),
    ]
}

impl Store for SqliteStore {
    fn profile(&self) -> Result<Option<StoredProfile>> {
        let data: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM profile WHERE owner = ?1",
                [&self.owner],
                |r| r.get(0),
            )
            .optional()?;
        data.map(|d| {
            serde_json::from_str(&d)
                .map_err(|e| StoreError::Database(format!("the stored profile is unreadable: {e}")))
        })
        .transpose()
    }

    fn set_profile(&mut self, profile: &StoredProfile, today: Date) -> Result<()> {
        profile.check(today)?;
        let data = serde_json::to_string(profile)
            .map_err(|e| StoreError::Invalid(format!("profile: {e}")))?;
        self.conn.execute(
            "INSERT INTO profile (owner, data, updated) VALUES (?1, ?2, ?3)
             ON CONFLICT (owner) DO UPDATE SET data = excluded.data, updated = excluded.updated",
            params![self.owner, data, today.to_string()],
        )?;
        Ok(())
    }

    fn add_product(&mut self, product: &NewProduct, today: Date) -> Result<ProductId> {
        product.check(today)?;
        let status = if product.opened.is_some() {
            Status::InUse
        } else {
            Status::Unopened
        };
        self.conn.execute(
            "INSERT INTO product (owner, name, brand, label, step, added, opened, pao_months, best_before, status, new)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                self.owner,
                product.name.trim(),
                product.brand,
                product.label,
                product.step.map(Step::id),
                today.to_string(),
                text(product.opened),
                product.pao_months,
                text(product.best_before),
                status.id(),
                product.new,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn products(&self) -> Result<Vec<ShelfProduct>> {
        let sql = format!(
            "SELECT {} FROM product WHERE owner = ?1 ORDER BY id",
            PRODUCT_COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([&self.owner], SqliteStore::product_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn product(&self, id: ProductId) -> Result<ShelfProduct> {
        let sql = format!(
            "SELECT {} FROM product WHERE id = ?1 AND owner = ?2",
            PRODUCT_COLUMNS
        );
        self.conn
            .query_row(&sql, params![id, self.owner], SqliteStore::product_from)
            .optional()?
            .ok_or(StoreError::NoSuchProduct(id))
    }

    fn edit_product(&mut self, id: ProductId, product: &NewProduct, today: Date) -> Result<()> {
        product.check(today)?;
        self.update_one(
            id,
            "UPDATE product SET name = ?1, brand = ?2, label = ?3, step = ?4, opened = ?5,
                 pao_months = ?6, best_before = ?7, new = ?8,
                 status = CASE WHEN status = 'unopened' AND ?5 IS NOT NULL THEN 'in_use' ELSE status END
             WHERE id = ?9 AND owner = ?10",
            &[
                &product.name.trim(),
                &product.brand,
                &product.label,
                &product.step.map(Step::id),
                &text(product.opened),
                &product.pao_months,
                &text(product.best_before),
                &product.new,
            ],
        )
    }

    fn open_product(
        &mut self,
        id: ProductId,
        opened: Date,
        pao_months: Option<u16>,
        today: Date,
    ) -> Result<()> {
        check_pao(pao_months)?;
        check_opened(opened, today)?;
        self.update_one(
            id,
            "UPDATE product SET opened = ?1, pao_months = coalesce(?2, pao_months),
                 status = CASE status WHEN 'unopened' THEN 'in_use' ELSE status END
             WHERE id = ?3 AND owner = ?4",
            &[&opened.to_string(), &pao_months],
        )
    }

    fn set_status(
        &mut self,
        id: ProductId,
        status: Status,
        reason: Option<&str>,
        on: Date,
    ) -> Result<()> {
        self.update_one(
            id,
            "UPDATE product SET status = ?1, status_reason = ?2, status_changed = ?3 WHERE id = ?4 AND owner = ?5",
            &[&status.id(), &reason, &on.to_string()],
        )
    }

    fn set_tested(&mut self, id: ProductId) -> Result<()> {
        self.update_one(
            id,
            "UPDATE product SET new = 0 WHERE id = ?1 AND owner = ?2",
            &[],
        )
    }

    fn remove_product(&mut self, id: ProductId) -> Result<()> {
        self.update_one(id, "DELETE FROM product WHERE id = ?1 AND owner = ?2", &[])
    }

    fn log_diary(&mut self, entry: &DiaryEntry, today: Date) -> Result<()> {
        not_future(entry.date, today)?;
        entry.check()?;
        let params = diary_params(&self.owner, entry);
        self.conn
            .execute(DIARY_UPSERT, rusqlite::params_from_iter(params.iter()))?;
        Ok(())
    }

    fn diary(&self) -> Result<Vec<DiaryEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT date, hydration, oiliness, breakouts, redness, texture, glow, breakout_count, notes, tags, photo
             FROM diary WHERE owner = ?1 ORDER BY date",
        )?;
        let rows = stmt.query_map([&self.owner], |r| {
            Ok(DiaryEntry {
                date: date_from(r, 0)?,
                hydration: r.get(1)?,
                oiliness: r.get(2)?,
                breakouts: r.get(3)?,
                redness: r.get(4)?,
                texture: r.get(5)?,
                glow: r.get(6)?,
                breakout_count: r.get(7)?,
                notes: r.get(8)?,
                tags: list_from(r, 9)?,
                photo: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn log_lifestyle(&mut self, entry: &LifestyleEntry, today: Date) -> Result<()> {
        not_future(entry.date, today)?;
        entry.check()?;
        let params = lifestyle_params(&self.owner, entry);
        self.conn
            .execute(LIFESTYLE_UPSERT, rusqlite::params_from_iter(params.iter()))?;
        Ok(())
    }

    fn log_day(
        &mut self,
        diary: &DiaryEntry,
        lifestyle: Option<&LifestyleEntry>,
        today: Date,
    ) -> Result<()> {
        not_future(diary.date, today)?;
        diary.check()?;
        if let Some(lifestyle) = lifestyle {
            not_future(lifestyle.date, today)?;
            lifestyle.check()?;
        }
        let tx = self.conn.transaction()?;
        let params = diary_params(&self.owner, diary);
        tx.execute(DIARY_UPSERT, rusqlite::params_from_iter(params.iter()))?;
        if let Some(lifestyle) = lifestyle {
            let params = lifestyle_params(&self.owner, lifestyle);
            tx.execute(LIFESTYLE_UPSERT, rusqlite::params_from_iter(params.iter()))?;
        }
        tx.commit()?;
        Ok(())
    }

    fn lifestyle(&self) -> Result<Vec<LifestyleEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT date, sleep_hours, water_litres, exercise_minutes, stress, diet_tags, tags
             FROM lifestyle WHERE owner = ?1 ORDER BY date",
        )?;
        let rows = stmt.query_map([&self.owner], |r| {
            Ok(LifestyleEntry {
                date: date_from(r, 0)?,
                sleep_hours: r.get::<_, Option<f64>>(1)?.map(|v| v as f32),
                water_litres: r.get::<_, Option<f64>>(2)?.map(|v| v as f32),
                exercise_minutes: r.get(3)?,
                stress: r.get(4)?,
                diet_tags: list_from(r, 5)?,
                tags: list_from(r, 6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn save_plan(&mut self, plan: &SavedPlan) -> Result<i64> {
        let data = serde_json::to_string(&plan.weeks)
            .map_err(|e| StoreError::Invalid(format!("plan: {e}")))?;
        self.conn.execute(
            "INSERT INTO plan (owner, created, starts, data) VALUES (?1, ?2, ?3, ?4)",
            params![
                self.owner,
                plan.created.to_string(),
                plan.starts.to_string(),
                data
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn latest_plan(&self) -> Result<Option<SavedPlan>> {
        Ok(self.plans(Some(1))?.pop())
    }

    fn check_off(&mut self, checkoff: &Checkoff, done: bool, today: Date) -> Result<()> {
        not_future(checkoff.date, today)?;
        self.product(checkoff.product_id)?;
        let sql = if done {
            "INSERT OR IGNORE INTO checkoff (owner, date, time, product_id) VALUES (?1, ?2, ?3, ?4)"
        } else {
            "DELETE FROM checkoff WHERE owner = ?1 AND date = ?2 AND time = ?3 AND product_id = ?4"
        };
        self.conn.execute(
            sql,
            params![
                self.owner,
                checkoff.date.to_string(),
                checkoff.time.id(),
                checkoff.product_id
            ],
        )?;
        Ok(())
    }

    fn checkoffs_since(&self, from: Date) -> Result<Vec<Checkoff>> {
        let mut stmt = self.conn.prepare(
            "SELECT date, time, product_id FROM checkoff WHERE owner = ?1 AND date >= ?2
             ORDER BY date, time, product_id",
        )?;
        let rows = stmt.query_map(params![self.owner, from.to_string()], |r| {
            Ok(Checkoff {
                date: date_from(r, 0)?,
                time: id_from(r, 1, Time::from_id)?,
                product_id: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn start_patch_test(&mut self, product: ProductId, area: &str, today: Date) -> Result<i64> {
        self.start_patch(product, area, today)
    }

    fn check_patch(&mut self, date: Date, reaction: Reaction, today: Date) -> Result<PatchTest> {
        self.check_running_patch(date, reaction, today)
    }

    fn end_patch_test(&mut self, today: Date) -> Result<PatchTest> {
        self.end_running_patch(today)
    }

    fn patch_tests(&self) -> Result<Vec<PatchTest>> {
        self.all_patch_tests()
    }

    fn export(&self) -> Result<Export> {
        let updated: Option<String> = self
            .conn
            .query_row(
                "SELECT updated FROM profile WHERE owner = ?1",
                [&self.owner],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Export {
            schema_version: SCHEMA_VERSION,
            profile: self.profile()?,
            profile_updated: updated.and_then(|u| u.parse().ok()),
            products: self.products()?,
            diary: self.diary()?,
            lifestyle: self.lifestyle()?,
            plans: self.plans(None)?,
            checkoffs: self.checkoffs_since(Date::MIN)?,
            patch_tests: self.patch_tests()?,
        })
    }

    fn import(&mut self, export: &Export, today: Date) -> Result<()> {
        self.replace_all(export, today)
    }

    fn add_device(
        &mut self,
        name: &str,
        secret_hash: &[u8],
        now: jiff::Timestamp,
    ) -> Result<Device> {
        self.insert_device(name, secret_hash, now)
    }

    fn device_seen(&mut self, secret_hash: &[u8], now: jiff::Timestamp) -> Result<Option<Device>> {
        self.find_device(secret_hash, now)
    }

    fn devices(&self) -> Result<Vec<Device>> {
        self.all_devices()
    }

    fn rename_device(&mut self, id: DeviceId, name: &str) -> Result<bool> {
        self.set_device_name(id, name)
    }

    fn remove_device(&mut self, id: DeviceId) -> Result<bool> {
        self.delete_device(id)
    }

    fn revision(&self) -> Result<Revision> {
        // `data_version` moves when another connection commits; `total_changes` counts this
        // connection's own writes.
        let theirs: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Revision(theirs.cast_unsigned(), self.conn.total_changes()))
    }
}

impl SqliteStore {
    /// The patch test that has not ended, if any.
    fn running_patch_test(&self) -> Result<Option<PatchTest>> {
        Ok(self.patch_tests()?.into_iter().find(|t| t.result.is_none()))
    }

    /// Saved plans, oldest first; with a limit, only the latest that many.
    fn plans(&self, latest: Option<i64>) -> Result<Vec<SavedPlan>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, created, starts, data FROM plan WHERE owner = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![self.owner, latest.unwrap_or(-1)], |r| {
            let data: String = r.get(3)?;
            Ok(SavedPlan {
                id: r.get(0)?,
                created: date_from(r, 1)?,
                starts: date_from(r, 2)?,
                weeks: serde_json::from_str(&data).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        3,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?,
            })
        })?;
        let mut plans: Vec<SavedPlan> = rows.collect::<rusqlite::Result<_>>()?;
        plans.reverse();
        Ok(plans)
    }
}
