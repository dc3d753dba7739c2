//! The PostgreSQL store, for a hosted deployment: many owners in one database, each store handle
//! one owner's, every operation one transaction that names its owner for row level security.
//!
//! [`PgDatabase::open`] connects a pool, applies the migrations under an advisory lock and
//! refuses a newer glasskin's database; [`PgDatabase::store`] hands out a [`PgStore`] for one
//! owner. Every statement still says `WHERE owner = …`; the policies of
//! `migrations/postgres/` are the defence behind it, for the query that forgets.

use std::fmt::Write;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use jiff::civil::Date;
use postgres::Row;
use postgres::error::SqlState;
use postgres::types::{Json, ToSql};

use glasskin_core::Step;
use glasskin_core::advice::Time;

use crate::model::{
    Checkoff, Device, DeviceId, DiaryEntry, Export, LifestyleEntry, NewProduct, PatchCheck,
    PatchResult, PatchTest, ProductId, Reaction, SCHEMA_VERSION, SavedPlan, SavedWeek,
    ShelfProduct, Status, StoredProfile, Verdict, check_opened, check_pao, not_future,
};
use crate::{Result, Revision, SessionCheck, Store, StoreError};

mod accounts;
mod connections;
mod import;
mod shelves;
#[cfg(feature = "testing")]
pub mod testing;

use accounts::micros;
use connections::{Open, Tx};
use shelves::{Shelf, Shelves};

pub use accounts::{Account, Session, SignUpError};

/// Schema migrations, in order; append only. The table `glasskin_schema` records which ran.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/0001_schema.sql"),
    include_str!("../migrations/postgres/0002_accounts.sql"),
    include_str!("../migrations/postgres/0003_session_revision.sql"),
    include_str!("../migrations/postgres/0004_one_round_trip_logs.sql"),
    include_str!("../migrations/postgres/0005_writes_check_their_session.sql"),
];

/// The advisory lock that serialises migrations: two nodes starting at once migrate once.
const MIGRATION_LOCK: i64 = 0x676c_736b; // "glsk"

/// A device's last-seen time is written when it is older than this, not on every request.
const SEEN_EVERY: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);

/// A glasskin database on PostgreSQL: a pool of connections, migrated and accepted at open.
/// Cheap to clone; every clone shares the pool.
#[derive(Clone)]
pub struct PgDatabase {
    pool: Arc<connections::Connections>,
    shelves: Arc<Shelves>,
}

/// One owner's data in a [`PgDatabase`].
pub struct PgStore {
    pool: Arc<connections::Connections>,
    shelves: Arc<Shelves>,
    owner: String,
    /// The session every statement checks, when the node did not look it up first.
    session: Option<Arc<SessionCheck>>,
    /// The transaction every call runs in while [`Store::in_one_snapshot`] (read only) or
    /// [`Store::in_one_transaction`] works.
    held: Mutex<Option<Held>>,
    /// The work [`Store::in_one_transaction`] runs first without a transaction.
    deferred: Mutex<Option<Deferred>>,
}

/// What a read transaction asks first: the owner's plan revision.
const PLANNED: &str = "SELECT coalesce((SELECT planned FROM revision WHERE owner = $1), 0)";

/// What a write of a log does first: move the owner's revision on.
const LOG: &str = "INSERT INTO revision (owner, n) VALUES ($1, 1)
     ON CONFLICT (owner) DO UPDATE SET n = revision.n + 1 RETURNING planned";

/// What a write of what a plan is made of does first: move both revisions on.
const SHELF: &str = "INSERT INTO revision (owner, n, planned) VALUES ($1, 1, 1)
     ON CONFLICT (owner) DO UPDATE SET n = revision.n + 1, planned = revision.n + 1";

/// Prepared once on every pooled connection, so a transaction's first round trip, a simple
/// query, executes them without parsing and planning them again.
static PREPARED: LazyLock<String> = LazyLock::new(|| {
    format!(
        "PREPARE glasskin_planned(text) AS {PLANNED};
         PREPARE glasskin_log(text) AS {LOG};
         PREPARE glasskin_shelf(text) AS {SHELF};"
    )
});

/// What a transaction may do.
#[derive(Clone, Copy, PartialEq)]
enum Access {
    Read,
    /// Write what no plan is made of (check-offs, the diary, the lifestyle log, devices): the
    /// owner's revision moves, its plan revision stays.
    Log,
    /// Write anything else: both move.
    Shelf,
}

/// The transaction a [`PgStore`] holds while a piece of work runs in one.
struct Held {
    open: Open,
    access: Access,
    /// The owner's plan revision in it, while nothing in it wrote what a plan is made of.
    planned: Option<i64>,
    /// Whether a call in it failed: then it is rolled back, not committed.
    failed: bool,
}

/// Work that [`Store::in_one_transaction`] runs first without a transaction, when the node keeps
/// the owner's shelf: its reads of what a plan is made of are answered from what is kept at
/// that plan revision, and its ticks are gathered and sent in one statement
/// (`glasskin_check_off`), which writes them only while the plan revision is still that one. A
/// tick then costs one round trip, where a transaction costs three. Anything else the work asks
/// for spoils it, and it runs again in a transaction, as it does when the plan moved.
struct Deferred {
    planned: i64,
    ticks: Vec<(Checkoff, bool)>,
    spoiled: bool,
}

impl Deferred {
    /// Marks the work to be run again in a transaction; the error it sees meanwhile.
    fn spoil(&mut self) -> StoreError {
        self.spoiled = true;
        StoreError::Database("asked outside a transaction; run again in one".into())
    }
}

/// Begins a transaction for `owner`, named for row level security (`set_config(…, true)`: for
/// this transaction, never the pooled connection's session): read only in one snapshot
/// (repeatable read), or a write, which first moves the owner's revision on (and its plan
/// revision, for [`Access::Shelf`]). That row's lock makes one owner's writes take turns, as
/// SQLite's one writer does, so a check and the write it allows (one patch test at a time)
/// cannot interleave with another node's.
///
/// Returns it with the owner's plan revision, unless it writes what a plan is made of (see
/// `postgres/shelves.rs`). An owner of plain letters, digits, `-` and `_` (every account's) is
/// written into the text, and all of it is one round trip; any other owner goes as a
/// parameter, and nothing is kept for it. With a `session` to check, the same round trip
/// checks it first (`glasskin_signed_in`, migration 0005).
fn begin(
    pool: &connections::Connections,
    access: Access,
    owner: &str,
    session: Option<&SessionCheck>,
) -> Result<(Open, Option<i64>)> {
    // Each with its statement prepared on every pooled connection (PREPARED), for the text.
    let (start, then, prepared) = match access {
        Access::Read => (
            "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            PLANNED,
            "glasskin_planned",
        ),
        Access::Log => ("START TRANSACTION", LOG, "glasskin_log"),
        Access::Shelf => ("START TRANSACTION", SHELF, "glasskin_shelf"),
    };
    let conn = pool.get()?;
    let plain = !owner.is_empty()
        && owner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if plain {
        let owner = format!("'{owner}'");
        // A hash's hex digits and a timestamp's text, both written here: nothing to escape.
        let check = session.map_or(String::new(), |s| {
            let hex = s.token_hash.iter().fold(String::new(), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            });
            format!(
                " SELECT glasskin_signed_in({owner}, '\\x{hex}', '{}');",
                micros(s.at)
            )
        });
        let sql = format!(
            "{start}; SELECT set_config('glasskin.owner', {owner}, true);{check} EXECUTE {prepared}({owner})"
        );
        let (open, last) = Open::begin(conn, &sql)?;
        // A write of what a plan is made of changes it: nothing is kept in that one.
        let planned = last
            .filter(|_| access != Access::Shelf)
            .and_then(|n| n.parse().ok());
        return Ok((open, planned));
    }
    let (mut open, _) = Open::begin(conn, start)?;
    let mut tx = open.tx();
    tx.execute("SELECT set_config('glasskin.owner', $1, true)", &[&owner])?;
    if let Some(s) = session {
        tx.execute(
            "SELECT glasskin_signed_in($1, $2, $3)",
            &[&owner, &s.token_hash.as_slice(), &micros(s.at)],
        )?;
    }
    if access != Access::Read {
        tx.execute(then, &[&owner])?;
    }
    Ok((open, None))
}

impl std::fmt::Debug for PgDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgDatabase")
            .field("connections", &self.pool.open_connections())
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("owner", &self.owner)
            .finish_non_exhaustive()
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        match e.code() {
            // A value the checks before every write let through: the person's value is
            // refused (4xx), not the server's fault.
            Some(code) if code.code().starts_with("23") => {
                let why = match *code {
                    SqlState::FOREIGN_KEY_VIOLATION => "it names a record that is not there",
                    SqlState::UNIQUE_VIOLATION => "a record with that id or day is there already",
                    SqlState::NOT_NULL_VIOLATION => "a required field is empty",
                    _ => "a field holds a value out of its range",
                };
                StoreError::Invalid(format!("a value was refused ({why}); nothing was changed"))
            }
            // Raised by glasskin_signed_in (migration 0005): the session to check has ended.
            Some(code) if code.code() == "GS401" => StoreError::SignedOut,
            // Raised by glasskin_check_off, the product's id in its detail.
            Some(code) if *code == SqlState::NO_DATA_FOUND => {
                match e.as_db_error().and_then(|db| db.detail()?.parse().ok()) {
                    Some(id) => StoreError::NoSuchProduct(id),
                    None => StoreError::Database(e.to_string()),
                }
            }
            // postgres::Error's own words are only "db error": the server's are in its DbError.
            _ => StoreError::Database(match (e.as_db_error(), std::error::Error::source(&e)) {
                (Some(db), _) => format!("{} ({})", db.message(), db.code().code()),
                // "error connecting to server" says little without its cause.
                (None, Some(cause)) => format!("{e}: {cause}"),
                (None, None) => e.to_string(),
            }),
        }
    }
}

impl From<r2d2_postgres::r2d2::Error> for StoreError {
    fn from(e: r2d2_postgres::r2d2::Error) -> StoreError {
        StoreError::Database(format!("no connection to the database: {e}"))
    }
}

impl PgDatabase {
    /// Connects to the database at `url` (a `postgres://` URL or `key=value` string) and makes
    /// it ready: creates and migrates it if needed, in one transaction under an advisory lock,
    /// so nodes starting at once wait for each other. A database written by a newer glasskin,
    /// or holding another program's tables, is refused with nothing changed. With
    /// `sslmode=require` in the URL, over TLS verified against Mozilla's roots.
    ///
    /// Migrating needs the role that owns the tables; an up-to-date database is only read, so
    /// the application role can open it.
    pub fn open(url: &str) -> Result<PgDatabase> {
        PgDatabase::open_with_ca(url, None)
    }

    /// [`PgDatabase::open`], verifying a TLS server against the certificates of the PEM file
    /// `ca` alone, when given (a managed database's own certificate authority).
    pub fn open_with_ca(url: &str, ca: Option<&Path>) -> Result<PgDatabase> {
        let (mut client, pool) = connections::connect(url, ca).map_err(not_opened)?;
        migrate(&mut client).map_err(not_opened)?;
        drop(client);
        Ok(PgDatabase {
            pool: Arc::new(pool(PREPARED.as_str()).map_err(not_opened)?),
            shelves: Arc::default(),
        })
    }

    /// Applies the migrations this glasskin knows to the database at `url`, connecting as the
    /// role that owns the tables (over TLS verified against `ca`, as [`PgDatabase::open_with_ca`]
    /// does), and goes: the application then opens it as its own role, which may not change the
    /// schema. Refused, with nothing changed, as [`PgDatabase::open`] refuses.
    pub fn migrate(url: &str, ca: Option<&Path>) -> Result<()> {
        let (mut client, _) = connections::connect(url, ca).map_err(not_opened)?;
        migrate(&mut client).map_err(not_opened)
    }

    /// A store for one owner's data.
    pub fn store(&self, owner: &str) -> PgStore {
        PgStore {
            pool: Arc::clone(&self.pool),
            shelves: Arc::clone(&self.shelves),
            owner: owner.to_owned(),
            session: None,
            held: Mutex::new(None),
            deferred: Mutex::new(None),
        }
    }

    /// A store for the data of the owner a session is believed to be: every statement it
    /// sends checks that session first, in the same round trip, and it reads and writes
    /// nothing once the session has ended ([`StoreError::SignedOut`]).
    pub fn store_checking(&self, owner: &str, session: Arc<SessionCheck>) -> PgStore {
        PgStore {
            session: Some(session),
            ..self.store(owner)
        }
    }
}

/// Why a database could not be opened, said as PostgreSQL's.
fn not_opened(e: StoreError) -> StoreError {
    match e {
        StoreError::Open(why) => StoreError::Open(format!("PostgreSQL: {why}")),
        other => StoreError::Open(format!("PostgreSQL: {other}")),
    }
}

/// Applies the migrations this glasskin knows and the database lacks, all in one transaction.
fn migrate(client: &mut postgres::Client) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    let known: bool = tx
        .query_one("SELECT to_regclass('glasskin_schema') IS NOT NULL", &[])?
        .get(0);
    let version: i32 = if known {
        tx.query_one("SELECT coalesce(max(version), 0) FROM glasskin_schema", &[])?
            .get(0)
    } else {
        let tables: i64 = tx
            .query_one(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
                &[],
            )?
            .get(0);
        if tables > 0 {
            return Err(StoreError::Open(
                "not a glasskin database (it holds another program's tables); nothing was changed"
                    .into(),
            ));
        }
        0
    };
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(StoreError::Open(format!(
            "the database was written by a newer glasskin (schema {version}, this one knows {}); nothing was changed",
            MIGRATIONS.len()
        )));
    }
    if version == MIGRATIONS.len() {
        return Ok(());
    }
    if !known {
        tx.batch_execute(
            "CREATE TABLE glasskin_schema (
                 version integer PRIMARY KEY,
                 applied timestamptz NOT NULL DEFAULT now()
             );
             GRANT SELECT ON glasskin_schema TO glasskin_app;",
        )?;
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        tx.batch_execute(sql)?;
        let n = i32::try_from(n + 1).unwrap_or(i32::MAX);
        tx.execute("INSERT INTO glasskin_schema (version) VALUES ($1)", &[&n])?;
    }
    tx.commit()?;
    Ok(())
}

impl PgStore {
    /// Runs `f` in one transaction of this owner's ([`begin`]), rolled back if `f` fails: a read
    /// is one snapshot, so an export is of one moment. Inside [`Store::in_one_snapshot`] or
    /// [`Store::in_one_transaction`] it runs in that one.
    fn run<T>(&self, access: Access, f: impl FnOnce(&mut Tx<'_>, &str) -> Result<T>) -> Result<T> {
        self.run_kept(access, |tx, owner, _| f(tx, owner))
    }

    /// [`PgStore::run`], `f` told the owner's plan revision when the transaction knows it.
    fn run_kept<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut Tx<'_>, &str, Option<i64>) -> Result<T>,
    ) -> Result<T> {
        if let Some(deferred) = self.deferred().as_mut() {
            return Err(deferred.spoil());
        }
        if let Some(held) = self.held().as_mut()
            && (held.access != Access::Read || access == Access::Read)
        {
            let mut tx = held.open.tx();
            let mut value = Ok(());
            if access == Access::Shelf && held.access == Access::Log {
                // Begun for a log; the work writes the shelf too.
                value = tx
                    .execute(
                        "UPDATE revision SET planned = n WHERE owner = $1",
                        &[&self.owner],
                    )
                    .map(|_| {
                        held.access = Access::Shelf;
                        held.planned = None;
                    })
                    .map_err(StoreError::from);
            }
            let value = value.and_then(|()| f(&mut tx, &self.owner, held.planned));
            // PostgreSQL refuses every statement after a failed one: it all rolls back.
            held.failed |= value.is_err();
            return value;
        }
        // Alone, or a write asked for inside a read-only snapshot: a transaction of its own.
        let (mut open, planned) = self.begin(access)?;
        let value = f(&mut open.tx(), &self.owner, planned)?;
        open.commit()?;
        Ok(value)
    }

    /// A part of what a plan is made of: kept at the owner's plan revision, or read.
    fn read_kept<T: Clone>(
        &self,
        part: fn(&mut Shelf) -> &mut Option<T>,
        read: impl FnOnce(&mut Tx<'_>, &str) -> Result<T>,
    ) -> Result<T> {
        if let Some(deferred) = self.deferred().as_mut() {
            return self
                .shelves
                .peek(&self.owner, deferred.planned, part, T::clone)
                .ok_or_else(|| deferred.spoil());
        }
        self.run_kept(Access::Read, |tx, owner, planned| match planned {
            Some(planned) => self.shelves.kept(owner, planned, part, || read(tx, owner)),
            None => read(tx, owner),
        })
    }

    /// Begins a transaction that every call runs in until it is taken from `held`.
    fn hold(&self, access: Access) -> Result<()> {
        let (open, planned) = self.begin(access)?;
        *self.held() = Some(Held {
            open,
            access,
            planned,
            failed: false,
        });
        Ok(())
    }

    /// One of the owner's counters in `revision`, 0 before their first write.
    fn counter(&self, column: &str) -> Result<Revision> {
        let sql = format!("SELECT coalesce((SELECT {column} FROM revision WHERE owner = $1), 0)");
        self.read(|tx, owner| {
            let n: i64 = tx.query_one(&sql, &[&owner])?.get(0);
            Ok(Revision(n.cast_unsigned(), 0))
        })
    }

    fn held(&self) -> MutexGuard<'_, Option<Held>> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn deferred(&self) -> MutexGuard<'_, Option<Deferred>> {
        self.deferred.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether a call is part of a piece of work: in a transaction, or deferred to one.
    fn in_work(&self) -> bool {
        self.held().is_some() || self.deferred().is_some()
    }

    /// [`begin`] for this store's owner, checking its session if it has one.
    fn begin(&self, access: Access) -> Result<(Open, Option<i64>)> {
        let session = self.session.as_deref();
        let begun = begin(&self.pool, access, &self.owner, session)?;
        session.inspect(|s| s.pass());
        Ok(begun)
    }

    /// Runs `f`'s one statement as a transaction of its own, on a pooled connection: one round
    /// trip. For the functions of migrations 0004 and 0005, which name their owner for row
    /// level security and check the session they are given themselves.
    fn alone<T>(
        &self,
        f: impl FnOnce(&mut Tx<'_>, &str, Option<&SessionCheck>) -> Result<T>,
    ) -> Result<T> {
        let session = self.session.as_deref();
        let value = f(&mut self.pool.get()?.alone(), &self.owner, session)?;
        session.inspect(|s| s.pass());
        Ok(value)
    }

    /// Writes `ticks` (each ticked, or unticked when false) in one round trip: with `planned`,
    /// only while the owner's plan revision is still that one (false, nothing written, when it
    /// moved).
    fn send_ticks(&self, planned: Option<i64>, ticks: &[(Checkoff, bool)]) -> Result<bool> {
        self.alone(|tx, owner, session| put_ticks(tx, owner, planned, ticks, session))
    }

    fn read<T>(&self, f: impl FnOnce(&mut Tx<'_>, &str) -> Result<T>) -> Result<T> {
        self.run(Access::Read, f)
    }

    /// Writes what a plan may be made of (so both revisions move).
    fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>, &str) -> Result<T>) -> Result<T> {
        self.run(Access::Shelf, f)
    }

    /// Writes a check-off, a diary or lifestyle day, or a device: what no plan is made of.
    fn log<T>(&mut self, f: impl FnOnce(&mut Tx<'_>, &str) -> Result<T>) -> Result<T> {
        self.run(Access::Log, f)
    }
}

/// The columns [`product_from`] reads, in its order.
const PRODUCT_COLUMNS: &str = "id, name, brand, label, step, added, opened, pao_months, best_before, status, status_reason, new, status_changed";

fn product_from(row: &Row) -> ShelfProduct {
    let step: Option<String> = row.get(4);
    let status: String = row.get(9);
    ShelfProduct {
        id: row.get(0),
        name: row.get(1),
        brand: row.get(2),
        label: row.get(3),
        // A step this glasskin no longer knows is read as none declared.
        step: step.as_deref().and_then(Step::from_id),
        added: row.get(5),
        opened: row.get(6),
        pao_months: small::<i16, _>(row.get(7)),
        best_before: row.get(8),
        status: Status::from_id(&status).unwrap_or(Status::InUse),
        status_reason: row.get(10),
        new: row.get(11),
        status_changed: row.get(12),
    }
}

/// A small unsigned value from a `smallint` or `integer` column (their checks keep it in range).
fn small<I: TryInto<T>, T>(value: Option<I>) -> Option<T> {
    value.and_then(|v| v.try_into().ok())
}

fn small_i16<T: Into<i32>>(value: Option<T>) -> Option<i16> {
    value.and_then(|v| i16::try_from(v.into()).ok())
}

fn one_product(tx: &mut Tx<'_>, owner: &str, id: ProductId) -> Result<ShelfProduct> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM product WHERE owner = $1 AND id = $2");
    tx.query_opt(&sql, &[&owner, &id])?
        .map(|r| product_from(&r))
        .ok_or(StoreError::NoSuchProduct(id))
}

/// Runs an update that must touch exactly one of the owner's products; `$1` is the owner, `$2`
/// the product.
fn update_one(
    tx: &mut Tx<'_>,
    owner: &str,
    id: ProductId,
    sql: &str,
    args: &[&(dyn ToSql + Sync)],
) -> Result<()> {
    let mut all: Vec<&(dyn ToSql + Sync)> = vec![&owner, &id];
    all.extend_from_slice(args);
    if tx.execute(sql, &all)? == 0 {
        return Err(StoreError::NoSuchProduct(id));
    }
    Ok(())
}

/// Ticks (or unticks) check-offs, each ticked or unticked as its flag says, and fails with
/// [`StoreError::NoSuchProduct`] if one's product is not on the shelf: with `planned`, only
/// while the owner's plan revision is still that one (false, nothing written, when it moved).
/// One statement, `glasskin_check_off` (migration 0004).
fn put_ticks(
    tx: &mut Tx<'_>,
    owner: &str,
    planned: Option<i64>,
    ticks: &[(Checkoff, bool)],
    session: Option<&SessionCheck>,
) -> Result<bool> {
    let days: Vec<Date> = ticks.iter().map(|(c, _)| c.date).collect();
    let times: Vec<&str> = ticks.iter().map(|(c, _)| c.time.id()).collect();
    let products: Vec<ProductId> = ticks.iter().map(|(c, _)| c.product_id).collect();
    let done: Vec<bool> = ticks.iter().map(|&(_, done)| done).collect();
    let (token, at) = checked(session);
    Ok(tx
        .query_one(
            "SELECT glasskin_check_off($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &owner, &planned, &days, &times, &products, &done, &token, &at,
            ],
        )?
        .get(0))
}

/// What the one-statement writes are given to check a session with (NULL: nothing to check).
fn checked(session: Option<&SessionCheck>) -> (Option<&[u8]>, Option<jiff::Timestamp>) {
    match session {
        Some(s) => (Some(&s.token_hash), Some(micros(s.at))),
        None => (None, None),
    }
}

/// Writes a day of the diary, replacing the one there: one statement, `glasskin_log_diary`
/// (migration 0005), which moves the owner's revision itself.
fn put_diary(
    tx: &mut Tx<'_>,
    owner: &str,
    e: &DiaryEntry,
    session: Option<&SessionCheck>,
) -> Result<()> {
    let (token, at) = checked(session);
    tx.query_one(
        "SELECT glasskin_log_diary($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        &[
            &owner,
            &e.date,
            &small_i16(e.hydration),
            &small_i16(e.oiliness),
            &small_i16(e.breakouts),
            &small_i16(e.redness),
            &small_i16(e.texture),
            &small_i16(e.glow),
            &e.breakout_count.map(i32::from),
            &e.notes,
            &Json(&e.tags),
            &e.photo,
            &token,
            &at,
        ],
    )?;
    Ok(())
}

const LIFESTYLE_UPSERT: &str = "INSERT INTO lifestyle (owner, date, sleep_hours, water_litres, exercise_minutes, stress, diet_tags, tags)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (owner, date) DO UPDATE SET sleep_hours = excluded.sleep_hours,
         water_litres = excluded.water_litres, exercise_minutes = excluded.exercise_minutes,
         stress = excluded.stress, diet_tags = excluded.diet_tags, tags = excluded.tags";

fn put_lifestyle(tx: &mut Tx<'_>, owner: &str, e: &LifestyleEntry) -> Result<()> {
    let minutes = e.exercise_minutes.map(i32::from);
    tx.execute(
        LIFESTYLE_UPSERT,
        &[
            &owner,
            &e.date,
            &e.sleep_hours,
            &e.water_litres,
            &minutes,
            &small_i16(e.stress),
            &Json(&e.diet_tags),
            &Json(&e.tags),
        ],
    )?;
    Ok(())
}

fn all_products(tx: &mut Tx<'_>, owner: &str) -> Result<Vec<ShelfProduct>> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM product WHERE owner = $1 ORDER BY id");
    Ok(tx
        .query(&sql, &[&owner])?
        .iter()
        .map(product_from)
        .collect())
}

fn all_diary(tx: &mut Tx<'_>, owner: &str) -> Result<Vec<DiaryEntry>> {
    let rows = tx.query(
        "SELECT date, hydration, oiliness, breakouts, redness, texture, glow, breakout_count, notes, tags, photo
         FROM diary WHERE owner = $1 ORDER BY date",
        &[&owner],
    )?;
    Ok(rows
        .iter()
        .map(|r| DiaryEntry {
            date: r.get(0),
            hydration: small::<i16, _>(r.get(1)),
            oiliness: small::<i16, _>(r.get(2)),
            breakouts: small::<i16, _>(r.get(3)),
            redness: small::<i16, _>(r.get(4)),
            texture: small::<i16, _>(r.get(5)),
            glow: small::<i16, _>(r.get(6)),
            breakout_count: small::<i32, _>(r.get(7)),
            notes: r.get(8),
            tags: r.get::<_, Json<Vec<String>>>(9).0,
            photo: r.get(10),
        })
        .collect())
}

fn all_lifestyle(tx: &mut Tx<'_>, owner: &str) -> Result<Vec<LifestyleEntry>> {
    let rows = tx.query(
        "SELECT date, sleep_hours, water_litres, exercise_minutes, stress, diet_tags, tags
         FROM lifestyle WHERE owner = $1 ORDER BY date",
        &[&owner],
    )?;
    Ok(rows
        .iter()
        .map(|r| LifestyleEntry {
            date: r.get(0),
            sleep_hours: r.get(1),
            water_litres: r.get(2),
            exercise_minutes: small::<i32, _>(r.get(3)),
            stress: small::<i16, _>(r.get(4)),
            diet_tags: r.get::<_, Json<Vec<String>>>(5).0,
            tags: r.get::<_, Json<Vec<String>>>(6).0,
        })
        .collect())
}

/// Saved plans, oldest first; with a limit, only the latest that many.
fn plans(tx: &mut Tx<'_>, owner: &str, latest: Option<i64>) -> Result<Vec<SavedPlan>> {
    let rows = tx.query(
        "SELECT id, created, starts, data FROM plan WHERE owner = $1 ORDER BY id DESC LIMIT $2",
        &[&owner, &latest],
    )?;
    let mut plans: Vec<SavedPlan> = rows
        .iter()
        .map(|r| SavedPlan {
            id: r.get(0),
            created: r.get(1),
            starts: r.get(2),
            weeks: r.get::<_, Json<Vec<SavedWeek>>>(3).0,
        })
        .collect();
    plans.reverse();
    Ok(plans)
}

fn checkoffs(tx: &mut Tx<'_>, owner: &str, from: Date) -> Result<Vec<Checkoff>> {
    // PostgreSQL's dates start in 4713 BC, jiff's (Date::MIN, "since ever") before.
    let from = from.max(jiff::civil::date(-4000, 1, 1));
    let rows = tx.query(
        "SELECT date, time, product_id FROM checkoff WHERE owner = $1 AND date >= $2
         ORDER BY date, time, product_id",
        &[&owner, &from],
    )?;
    rows.iter()
        .map(|r| {
            let time: String = r.get(1);
            Ok(Checkoff {
                date: r.get(0),
                time: Time::from_id(&time).ok_or_else(|| unknown("time", &time))?,
                product_id: r.get(2),
            })
        })
        .collect()
}

fn unknown(what: &str, value: &str) -> StoreError {
    StoreError::Database(format!("unknown {what} `{value}` in the database"))
}

fn patch_tests(tx: &mut Tx<'_>, owner: &str) -> Result<Vec<PatchTest>> {
    // Each test with its checks, in one round trip: a test's row once for each check.
    let rows = tx.query(
        "SELECT t.id, t.product_id, t.started, t.area, t.result, t.ended, c.date, c.reaction
         FROM patch_test t
         LEFT JOIN patch_check c ON c.owner = t.owner AND c.patch_test_id = t.id
         WHERE t.owner = $1 ORDER BY t.id, c.date",
        &[&owner],
    )?;
    let mut tests: Vec<PatchTest> = Vec::new();
    for r in &rows {
        let id: i64 = r.get(0);
        if tests.last().is_none_or(|t| t.id != id) {
            let result: Option<String> = r.get(4);
            tests.push(PatchTest {
                id,
                product_id: r.get(1),
                started: r.get(2),
                area: r.get(3),
                result: result.as_deref().and_then(PatchResult::from_id),
                ended: r.get(5),
                checks: Vec::new(),
            });
        }
        let (Some(date), Some(reaction)) =
            (r.get::<_, Option<Date>>(6), r.get::<_, Option<String>>(7))
        else {
            continue;
        };
        let check = PatchCheck {
            date,
            reaction: Reaction::from_id(&reaction).ok_or_else(|| unknown("reaction", &reaction))?,
        };
        if let Some(test) = tests.last_mut() {
            test.checks.push(check);
        }
    }
    Ok(tests)
}

fn running_patch_test(tx: &mut Tx<'_>, owner: &str) -> Result<Option<PatchTest>> {
    Ok(patch_tests(tx, owner)?
        .into_iter()
        .find(|t| t.result.is_none()))
}

fn device_from(row: &Row) -> Device {
    Device {
        id: row.get(0),
        name: row.get(1),
        created: row.get(2),
        last_seen: row.get(3),
    }
}

fn check_hash(secret_hash: &[u8]) -> Result<()> {
    if secret_hash.len() == 32 {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "a device's secret hash is 32 bytes (SHA-256), not {}",
            secret_hash.len()
        )))
    }
}

impl Store for PgStore {
    fn profile(&self) -> Result<Option<StoredProfile>> {
        self.read(|tx, owner| {
            Ok(tx
                .query_opt("SELECT data FROM profile WHERE owner = $1", &[&owner])?
                .map(|r| r.get::<_, Json<StoredProfile>>(0).0))
        })
    }

    fn set_profile(&mut self, profile: &StoredProfile, today: Date) -> Result<()> {
        profile.check(today)?;
        self.write(|tx, owner| {
            tx.execute(
                "INSERT INTO profile (owner, data, updated) VALUES ($1, $2, $3)
                 ON CONFLICT (owner) DO UPDATE SET data = excluded.data, updated = excluded.updated",
                &[&owner, &Json(profile), &today],
            )?;
            Ok(())
        })
    }

    fn add_product(&mut self, product: &NewProduct, today: Date) -> Result<ProductId> {
        product.check(today)?;
        let status = if product.opened.is_some() {
            Status::InUse
        } else {
            Status::Unopened
        };
        self.write(|tx, owner| {
            let row = tx.query_one(
                "INSERT INTO product (owner, name, brand, label, step, added, opened, pao_months, best_before, status, new)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                &[
                    &owner,
                    &product.name.trim(),
                    &product.brand,
                    &product.label,
                    &product.step.map(Step::id),
                    &today,
                    &product.opened,
                    &small_i16(product.pao_months.map(i32::from)),
                    &product.best_before,
                    &status.id(),
                    &product.new,
                ],
            )?;
            Ok(row.get(0))
        })
    }

    fn products(&self) -> Result<Vec<ShelfProduct>> {
        self.read_kept(|shelf| &mut shelf.products, all_products)
    }

    fn product(&self, id: ProductId) -> Result<ShelfProduct> {
        self.read(|tx, owner| one_product(tx, owner, id))
    }

    fn edit_product(&mut self, id: ProductId, product: &NewProduct, today: Date) -> Result<()> {
        product.check(today)?;
        self.write(|tx, owner| {
            update_one(
                tx,
                owner,
                id,
                "UPDATE product SET name = $3, brand = $4, label = $5, step = $6, opened = $7,
                     pao_months = $8, best_before = $9, new = $10,
                     status = CASE WHEN status = 'unopened' AND $7::date IS NOT NULL THEN 'in_use' ELSE status END
                 WHERE owner = $1 AND id = $2",
                &[
                    &product.name.trim(),
                    &product.brand,
                    &product.label,
                    &product.step.map(Step::id),
                    &product.opened,
                    &small_i16(product.pao_months.map(i32::from)),
                    &product.best_before,
                    &product.new,
                ],
            )
        })
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
        self.write(|tx, owner| {
            update_one(
                tx,
                owner,
                id,
                "UPDATE product SET opened = $3, pao_months = coalesce($4, pao_months),
                     status = CASE status WHEN 'unopened' THEN 'in_use' ELSE status END
                 WHERE owner = $1 AND id = $2",
                &[&opened, &small_i16(pao_months.map(i32::from))],
            )
        })
    }

    fn set_status(
        &mut self,
        id: ProductId,
        status: Status,
        reason: Option<&str>,
        on: Date,
    ) -> Result<()> {
        self.write(|tx, owner| {
            update_one(
                tx,
                owner,
                id,
                "UPDATE product SET status = $3, status_reason = $4, status_changed = $5
                 WHERE owner = $1 AND id = $2",
                &[&status.id(), &reason, &on],
            )
        })
    }

    fn set_tested(&mut self, id: ProductId) -> Result<()> {
        self.write(|tx, owner| {
            update_one(
                tx,
                owner,
                id,
                "UPDATE product SET new = false WHERE owner = $1 AND id = $2",
                &[],
            )
        })
    }

    fn remove_product(&mut self, id: ProductId) -> Result<()> {
        self.write(|tx, owner| {
            update_one(
                tx,
                owner,
                id,
                "DELETE FROM product WHERE owner = $1 AND id = $2",
                &[],
            )
        })
    }

    fn log_diary(&mut self, entry: &DiaryEntry, today: Date) -> Result<()> {
        not_future(entry.date, today)?;
        entry.check()?;
        if self.in_work() {
            return self.log(|tx, owner| put_diary(tx, owner, entry, None));
        }
        self.alone(|tx, owner, session| put_diary(tx, owner, entry, session))
    }

    fn diary(&self) -> Result<Vec<DiaryEntry>> {
        self.read(all_diary)
    }

    fn log_lifestyle(&mut self, entry: &LifestyleEntry, today: Date) -> Result<()> {
        not_future(entry.date, today)?;
        entry.check()?;
        self.log(|tx, owner| put_lifestyle(tx, owner, entry))
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
        self.log(|tx, owner| {
            put_diary(tx, owner, diary, None)?;
            if let Some(lifestyle) = lifestyle {
                put_lifestyle(tx, owner, lifestyle)?;
            }
            Ok(())
        })
    }

    fn lifestyle(&self) -> Result<Vec<LifestyleEntry>> {
        self.read(all_lifestyle)
    }

    fn save_plan(&mut self, plan: &SavedPlan) -> Result<i64> {
        self.write(|tx, owner| {
            let row = tx.query_one(
                "INSERT INTO plan (owner, created, starts, data) VALUES ($1, $2, $3, $4) RETURNING id",
                &[&owner, &plan.created, &plan.starts, &Json(&plan.weeks)],
            )?;
            Ok(row.get(0))
        })
    }

    fn latest_plan(&self) -> Result<Option<SavedPlan>> {
        self.read_kept(
            |shelf| &mut shelf.plan,
            |tx, owner| Ok(plans(tx, owner, Some(1))?.pop()),
        )
    }

    fn check_off(&mut self, checkoff: &Checkoff, done: bool, today: Date) -> Result<()> {
        not_future(checkoff.date, today)?;
        let tick = [(checkoff.clone(), done)];
        if let Some(deferred) = self.deferred().as_mut() {
            // Refused as the statement refuses it when sent, by the shelf at that revision.
            let on_shelf = self
                .shelves
                .peek(
                    &self.owner,
                    deferred.planned,
                    |shelf| &mut shelf.products,
                    |products| products.iter().any(|p| p.id == checkoff.product_id),
                )
                .ok_or_else(|| deferred.spoil())?;
            if !on_shelf {
                return Err(StoreError::NoSuchProduct(checkoff.product_id));
            }
            deferred.ticks.extend(tick);
            return Ok(());
        }
        if self.held().is_none() {
            self.send_ticks(None, &tick)?;
            return Ok(());
        }
        // The statement moves the revision again, one more update of a row this transaction
        // holds already: the price of one statement for a tick everywhere.
        self.log(|tx, owner| put_ticks(tx, owner, None, &tick, None).map(|_| ()))
    }

    fn checkoffs_since(&self, from: Date) -> Result<Vec<Checkoff>> {
        self.read(|tx, owner| checkoffs(tx, owner, from))
    }

    fn start_patch_test(&mut self, product: ProductId, area: &str, today: Date) -> Result<i64> {
        let area = if area.trim().is_empty() {
            "inner arm"
        } else {
            area.trim()
        };
        self.write(|tx, owner| {
            let p = one_product(tx, owner, product)?;
            if let Some(running) = running_patch_test(tx, owner)? {
                return Err(StoreError::Conflict(format!(
                    "a patch test of product #{} is running since {}; one new product at a time",
                    running.product_id, running.started
                )));
            }
            let row = tx.query_one(
                "INSERT INTO patch_test (owner, product_id, started, area) VALUES ($1, $2, $3, $4)
                 RETURNING id",
                &[&owner, &p.id, &today, &area],
            )?;
            Ok(row.get(0))
        })
    }

    fn check_patch(&mut self, date: Date, reaction: Reaction, today: Date) -> Result<PatchTest> {
        not_future(date, today)?;
        self.write(|tx, owner| {
            let Some(test) = running_patch_test(tx, owner)? else {
                return Err(StoreError::Conflict(
                    "no patch test is running; start one with `glasskin patch start PRODUCT`"
                        .into(),
                ));
            };
            if date < test.started {
                return Err(StoreError::Invalid(format!(
                    "the patch test started on {}; {date} is before it",
                    test.started
                )));
            }
            tx.execute(
                "INSERT INTO patch_check (owner, patch_test_id, date, reaction) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (owner, patch_test_id, date) DO UPDATE SET reaction = excluded.reaction",
                &[&owner, &test.id, &date, &reaction.id()],
            )?;
            running_patch_test(tx, owner)?
                .ok_or_else(|| StoreError::Database("the patch test vanished".into()))
        })
    }

    fn end_patch_test(&mut self, today: Date) -> Result<PatchTest> {
        self.write(|tx, owner| {
            let Some(test) = running_patch_test(tx, owner)? else {
                return Err(StoreError::Conflict("no patch test is running".into()));
            };
            let (result, reaction) = match test.verdict(today) {
                Verdict::Passed => (PatchResult::Passed, None),
                Verdict::Failed { reaction, .. } => (PatchResult::Failed, Some(reaction)),
                Verdict::Running { days_left, checked } => {
                    return Err(StoreError::Conflict(format!(
                        "the patch test needs {days_left} more days and a check each day ({checked} logged so far) before it can pass; log a reaction to end it early"
                    )));
                }
            };
            tx.execute(
                "UPDATE patch_test SET result = $3, ended = $4 WHERE owner = $1 AND id = $2",
                &[&owner, &test.id, &result.id(), &today],
            )?;
            match reaction {
                None => tx.execute(
                    "UPDATE product SET new = false WHERE owner = $1 AND id = $2",
                    &[&owner, &test.product_id],
                )?,
                Some(reaction) => tx.execute(
                    "UPDATE product SET status = 'stopped', status_reason = $3, status_changed = $4
                     WHERE owner = $1 AND id = $2",
                    &[
                        &owner,
                        &test.product_id,
                        &format!("patch test: {reaction}"),
                        &today,
                    ],
                )?,
            };
            patch_tests(tx, owner)?
                .into_iter()
                .find(|t| t.id == test.id)
                .ok_or_else(|| StoreError::Database("the patch test vanished".into()))
        })
    }

    fn patch_tests(&self) -> Result<Vec<PatchTest>> {
        self.read_kept(|shelf| &mut shelf.tests, patch_tests)
    }

    fn export(&self) -> Result<Export> {
        // One read transaction: one snapshot of everything, as of one moment.
        self.read(|tx, owner| {
            let profile = tx.query_opt(
                "SELECT data, updated FROM profile WHERE owner = $1",
                &[&owner],
            )?;
            Ok(Export {
                schema_version: SCHEMA_VERSION,
                profile: profile
                    .as_ref()
                    .map(|r| r.get::<_, Json<StoredProfile>>(0).0),
                profile_updated: profile.as_ref().and_then(|r| r.get(1)),
                products: all_products(tx, owner)?,
                diary: all_diary(tx, owner)?,
                lifestyle: all_lifestyle(tx, owner)?,
                plans: plans(tx, owner, None)?,
                checkoffs: checkoffs(tx, owner, Date::MIN)?,
                patch_tests: patch_tests(tx, owner)?,
            })
        })
    }

    fn import(&mut self, export: &Export, today: Date) -> Result<()> {
        // The document's own checks, before a connection is taken.
        export.check(today)?;
        self.write(|tx, owner| import::replace_all(tx, owner, export))
    }

    fn add_device(
        &mut self,
        name: &str,
        secret_hash: &[u8],
        now: jiff::Timestamp,
    ) -> Result<Device> {
        let name = Device::check_name(name)?;
        check_hash(secret_hash)?;
        let now = now.round(jiff::Unit::Second).unwrap_or(now);
        self.log(|tx, owner| {
            let row = tx.query_one(
                "INSERT INTO device (owner, name, secret_hash, created, last_seen)
                 VALUES ($1, $2, $3, $4, $4) RETURNING id",
                &[&owner, &name, &secret_hash, &now],
            )?;
            Ok(Device {
                id: row.get(0),
                name,
                created: now,
                last_seen: now,
            })
        })
    }

    fn device_seen(&mut self, secret_hash: &[u8], now: jiff::Timestamp) -> Result<Option<Device>> {
        check_hash(secret_hash)?;
        let found = self.read(|tx, owner| {
            Ok(tx
                .query_opt(
                    "SELECT id, name, created, last_seen FROM device
                     WHERE owner = $1 AND secret_hash = $2",
                    &[&owner, &secret_hash],
                )?
                .map(|r| device_from(&r)))
        })?;
        let Some(mut device) = found else {
            return Ok(None);
        };
        if now.duration_since(device.last_seen) >= SEEN_EVERY {
            let now = now.round(jiff::Unit::Second).unwrap_or(now);
            self.log(|tx, owner| {
                tx.execute(
                    "UPDATE device SET last_seen = $3 WHERE owner = $1 AND id = $2",
                    &[&owner, &device.id, &now],
                )?;
                Ok(())
            })?;
            device.last_seen = now;
        }
        Ok(Some(device))
    }

    fn devices(&self) -> Result<Vec<Device>> {
        self.read(|tx, owner| {
            Ok(tx
                .query(
                    "SELECT id, name, created, last_seen FROM device WHERE owner = $1 ORDER BY id",
                    &[&owner],
                )?
                .iter()
                .map(device_from)
                .collect())
        })
    }

    fn rename_device(&mut self, id: DeviceId, name: &str) -> Result<bool> {
        let name = Device::check_name(name)?;
        self.log(|tx, owner| {
            Ok(tx.execute(
                "UPDATE device SET name = $3 WHERE owner = $1 AND id = $2",
                &[&owner, &id, &name],
            )? == 1)
        })
    }

    fn remove_device(&mut self, id: DeviceId) -> Result<bool> {
        self.log(|tx, owner| {
            Ok(tx.execute(
                "DELETE FROM device WHERE owner = $1 AND id = $2",
                &[&owner, &id],
            )? == 1)
        })
    }

    fn in_one_snapshot(&self, work: &mut dyn FnMut()) {
        if self.in_work() {
            return work();
        }
        // Without a connection now, each read asks for its own and says what is wrong.
        let _ = self.hold(Access::Read);
        work();
        if let Some(held) = self.held().take() {
            // A read-only transaction has nothing to lose; a connection that fails here is
            // broken, and the pool drops it.
            let _ = held.open.commit();
        }
    }

    fn in_one_transaction(&mut self, work: &mut dyn FnMut(&mut Self) -> bool) -> Result<()> {
        if self.in_work() {
            // Inside another: that one commits or rolls back.
            work(self);
            return Ok(());
        }
        if let Some(planned) = self.shelves.planned(&self.owner) {
            *self.deferred() = Some(Deferred {
                planned,
                ticks: Vec::new(),
                spoiled: false,
            });
            let keep = work(self);
            let deferred = self.deferred().take();
            // Only ticks sent while the plan held are done with; a refusal, or nothing to
            // write, is judged again on what the database holds now.
            if let Some(Deferred {
                ticks,
                spoiled: false,
                ..
            }) = deferred
                && keep
                && !ticks.is_empty()
                && self.send_ticks(Some(planned), &ticks)?
            {
                return Ok(());
            }
        }
        self.hold(Access::Log)?;
        let keep = work(self);
        match self.held().take() {
            Some(held) if keep && !held.failed => Ok(held.open.commit()?),
            // Dropped: rolled back.
            _ => Ok(()),
        }
    }

    fn revision(&self) -> Result<Revision> {
        // Every write of this owner, through any store on any node, moves it in its own
        // transaction.
        self.counter("n")
    }

    fn plan_revision(&self) -> Result<Revision> {
        // Known from the first round trip of the transaction it is asked in, if any.
        if let Some(planned) = self.held().as_ref().and_then(|held| held.planned) {
            return Ok(Revision(planned.cast_unsigned(), 0));
        }
        // The `n` of the last write of the profile, a product, a plan or a patch test.
        self.counter("planned")
    }
}
