//! glasskin's memory: the person's profile, shelf, skin diary and lifestyle log, kept in an
//! embedded SQLite database.
//!
//! The rest of glasskin talks to a [`Store`]; only this crate knows SQL. `SqliteStore` is the
//! local memory; with the `postgres` feature, `PgStore` keeps many owners in one PostgreSQL
//! database for a hosted deployment. Every row belongs to an owner, and a store handle only
//! ever reads and writes its own owner's rows.

mod model;
#[cfg(feature = "postgres")]
mod postgres;
mod sqlite;

pub use model::{
    Adherence, Checkoff, DEVICE_NAME_MAX, Device, DeviceId, DiaryEntry, Export, LifestyleEntry,
    MAX_STEPS, NewProduct, PATCH_TEST_DAYS, PatchCheck, PatchResult, PatchTest, ProductId,
    Reaction, SCHEMA_VERSION, SavedPlan, SavedSession, SavedStep, SavedWeek, ShelfProduct, Status,
    StoredProfile, Verdict, adherence, check_max_steps, check_opened, check_pao, not_future,
    ticked,
};
/// Databases for tests, each a clone of a migrated template (feature `testing`).
#[cfg(feature = "testing")]
pub use postgres::testing;
#[cfg(feature = "postgres")]
pub use postgres::{Account, PgDatabase, PgStore, Session, SignUpError};
pub use sqlite::SqliteStore;

use jiff::civil::Date;

/// What can go wrong with stored data, in words a person can act on.
#[derive(Debug)]
pub enum StoreError {
    /// The database file could not be opened or is not a glasskin database.
    Open(String),
    /// No product with this id on the shelf.
    NoSuchProduct(ProductId),
    /// A value was refused before anything was written.
    Invalid(String),
    /// The data is not in a state that allows it (a patch test already running, none running).
    Conflict(String),
    /// The database said no.
    Database(String),
    /// The session a hosted store was to check ([`SessionCheck`]) has ended: nothing was read
    /// or written.
    SignedOut,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Open(why) => write!(f, "cannot open the database: {why}"),
            StoreError::NoSuchProduct(id) => write!(f, "no product #{id} on the shelf"),
            StoreError::Invalid(why) | StoreError::Conflict(why) => write!(f, "{why}"),
            StoreError::Database(why) => write!(f, "database error: {why}"),
            StoreError::SignedOut => write!(f, "the session has ended; sign in again"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A session a hosted store checks in every statement it sends, for a request whose account
/// the node took from its memory of sessions instead of looking the session up first: the
/// database then refuses ([`StoreError::SignedOut`]) unless the session is still live, in the
/// same round trip as the work. [`SessionCheck::passed`] says whether a statement found it so.
#[derive(Debug)]
pub struct SessionCheck {
    token_hash: [u8; 32],
    at: jiff::Timestamp,
    passed: std::sync::atomic::AtomicBool,
}

impl SessionCheck {
    /// The session whose secret hashes to `token_hash`, live at `at` (the request's time).
    pub fn new(token_hash: [u8; 32], at: jiff::Timestamp) -> SessionCheck {
        SessionCheck {
            token_hash,
            at,
            passed: Default::default(),
        }
    }

    /// Whether a statement has found the session live.
    pub fn passed(&self) -> bool {
        self.passed.load(std::sync::atomic::Ordering::Acquire)
    }

    #[cfg(feature = "postgres")]
    fn pass(&self) {
        self.passed
            .store(true, std::sync::atomic::Ordering::Release);
    }
}

/// A result from the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The operations glasskin needs from storage, for one owner.
pub trait Store {
    /// The profile, if one was saved.
    fn profile(&self) -> Result<Option<StoredProfile>>;
    /// Saves the profile, replacing the last one.
    fn set_profile(&mut self, profile: &StoredProfile, today: Date) -> Result<()>;
    /// Puts a product on the shelf.
    fn add_product(&mut self, product: &NewProduct, today: Date) -> Result<ProductId>;
    /// Every product on the shelf, oldest first.
    fn products(&self) -> Result<Vec<ShelfProduct>>;
    /// One product.
    fn product(&self, id: ProductId) -> Result<ShelfProduct>;
    /// Replaces what the person said of a product (name, brand, label, step, dates, period after
    /// opening, new), checked as a new product is; its status and history stay.
    fn edit_product(&mut self, id: ProductId, product: &NewProduct, today: Date) -> Result<()>;
    /// Marks a product opened on a date, with its period after opening if known. Refuses a
    /// date after `today`.
    fn open_product(
        &mut self,
        id: ProductId,
        opened: Date,
        pao_months: Option<u16>,
        today: Date,
    ) -> Result<()>;
    /// Marks a product finished or stopped on a day, with why.
    fn set_status(
        &mut self,
        id: ProductId,
        status: Status,
        reason: Option<&str>,
        on: Date,
    ) -> Result<()>;
    /// Marks a product patch tested (no longer new).
    fn set_tested(&mut self, id: ProductId) -> Result<()>;
    /// Takes a product off the shelf.
    fn remove_product(&mut self, id: ProductId) -> Result<()>;
    /// Saves a day of the skin diary, replacing that day's entry. Refuses future days.
    fn log_diary(&mut self, entry: &DiaryEntry, today: Date) -> Result<()>;
    /// The diary, oldest first.
    fn diary(&self) -> Result<Vec<DiaryEntry>>;
    /// Saves a day of the lifestyle log, replacing that day's entry. Refuses future days.
    fn log_lifestyle(&mut self, entry: &LifestyleEntry, today: Date) -> Result<()>;
    /// Saves a day's diary and lifestyle entries together: both or, if either is refused,
    /// neither.
    fn log_day(
        &mut self,
        diary: &DiaryEntry,
        lifestyle: Option<&LifestyleEntry>,
        today: Date,
    ) -> Result<()>;
    /// The lifestyle log, oldest first.
    fn lifestyle(&self) -> Result<Vec<LifestyleEntry>>;
    /// Saves a plan as a new version and returns its id.
    fn save_plan(&mut self, plan: &SavedPlan) -> Result<i64>;
    /// The latest saved plan.
    fn latest_plan(&self) -> Result<Option<SavedPlan>>;
    /// Ticks off (or, with `done` false, unticks) a product in a session.
    fn check_off(&mut self, checkoff: &Checkoff, done: bool, today: Date) -> Result<()>;
    /// Every check-off from a date on, oldest first.
    fn checkoffs_since(&self, from: Date) -> Result<Vec<Checkoff>>;
    /// Starts a patch test of a product; refused while another is running (one new product at
    /// a time).
    fn start_patch_test(&mut self, product: ProductId, area: &str, today: Date) -> Result<i64>;
    /// Logs a day's check of the running patch test.
    fn check_patch(&mut self, date: Date, reaction: Reaction, today: Date) -> Result<PatchTest>;
    /// Ends the running test with its verdict: a pass marks the product tested, a failure
    /// stops it.
    fn end_patch_test(&mut self, today: Date) -> Result<PatchTest>;
    /// Every patch test, oldest first.
    fn patch_tests(&self) -> Result<Vec<PatchTest>>;
    /// Everything the owner has, as one document.
    fn export(&self) -> Result<Export>;
    /// Replaces everything the owner has with a document from [`Store::export`], all or nothing.
    /// Its records obey the same rules as records added one by one on `today`.
    fn import(&mut self, export: &Export, today: Date) -> Result<()>;
    /// Remembers a browser paired from another device, by the SHA-256 of its secret (32
    /// bytes; the secret itself is never stored), named as [`Device::check_name`] allows.
    fn add_device(
        &mut self,
        name: &str,
        secret_hash: &[u8],
        now: jiff::Timestamp,
    ) -> Result<Device>;
    /// The paired device whose secret hashes to `secret_hash`, if any, marked seen at `now`
    /// (written at most once a minute, so a phone's requests do not each write).
    fn device_seen(&mut self, secret_hash: &[u8], now: jiff::Timestamp) -> Result<Option<Device>>;
    /// Every paired device, oldest first.
    fn devices(&self) -> Result<Vec<Device>>;
    /// Renames a paired device; `false` when there is no such device.
    fn rename_device(&mut self, id: DeviceId, name: &str) -> Result<bool>;
    /// Forgets a paired device, so its cookie opens nothing; `false` when there is no such
    /// device.
    fn remove_device(&mut self, id: DeviceId) -> Result<bool>;
    /// A stamp that changes whenever the stored data may have changed, written through this
    /// store or by another program on the same database, so what is drawn from the data can be
    /// kept until it does. Cheap: no data is read.
    fn revision(&self) -> Result<Revision>;
    /// A stamp that changes whenever what a plan is made of may have changed: the profile, the
    /// shelf, the kept plans and the patch tests. Check-offs, the diary, the lifestyle log and
    /// devices may leave it, so what is drawn from the shelf and the plan alone (the week) is
    /// kept across them. The default is [`Store::revision`], which moves with every write.
    fn plan_revision(&self) -> Result<Revision> {
        self.revision()
    }
    /// Runs `work`, which only reads this store, with all its reads in one snapshot: on
    /// PostgreSQL one read-only transaction, begun and committed once instead of once a read
    /// (a page's reads cost a round trip each, not four), and one moment's data. The default
    /// runs it as it is. Call it through [`snapshot`].
    fn in_one_snapshot(&self, work: &mut dyn FnMut()) {
        work();
    }
    /// Runs `work`, which may write, with all its calls to this store in one transaction,
    /// committed when `work` returns true and nothing failed in it, else rolled back: on
    /// PostgreSQL a check and the write it allows are one transaction, begun and committed
    /// once. A store may run `work` more than once (PostgreSQL tries it first against what its
    /// node keeps, and again in a transaction when that was out of date): only the last run's
    /// writes are kept. The default runs it as it is, each call its own transaction. Call it
    /// through [`atomically`].
    fn in_one_transaction(&mut self, work: &mut dyn FnMut(&mut Self) -> bool) -> Result<()> {
        work(self);
        Ok(())
    }
}

/// What `work` returns, its calls to `store` in one transaction ([`Store::in_one_transaction`]):
/// kept when it returns `Ok`, rolled back when it returns an error. A refusal of the work's own
/// should come before its writes, as on a store without transactions each write is kept.
/// `work` may run more than once; the last run's value is returned.
pub fn atomically<S: Store + ?Sized, T, E: From<StoreError>>(
    store: &mut S,
    mut work: impl FnMut(&mut S) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let mut value = None;
    let ended = store.in_one_transaction(&mut |store| {
        let result = work(store);
        let keep = result.is_ok();
        value = Some(result);
        keep
    });
    match (value, ended) {
        // Done and committed, or the commit failed after all.
        (Some(Ok(value)), ended) => ended.map(|()| value).map_err(E::from),
        (Some(Err(refused)), _) => Err(refused),
        // The transaction could not begin: the work never ran.
        (None, Err(not_begun)) => Err(E::from(not_begun)),
        // A store that did not run the work: run it here, each call on its own.
        (None, Ok(())) => work(store),
    }
}

/// What `work` returns, its reads of `store` made in one snapshot ([`Store::in_one_snapshot`]).
pub fn snapshot<S: Store + ?Sized, T>(store: &S, work: impl FnOnce(&S) -> T) -> T {
    let mut work = Some(work);
    let mut value = None;
    store.in_one_snapshot(&mut || {
        if let Some(work) = work.take() {
            value = Some(work(store));
        }
    });
    match (value, work) {
        (Some(value), _) => value,
        // A store that did not run the work: run it here, outside a snapshot.
        (None, Some(work)) => work(store),
        (None, None) => unreachable!("the work ran, so it left its value"),
    }
}

/// What [`Store::revision`] returns: equal revisions mean nothing was written in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Revision(pub u64, pub u64);

/// An owner's two revisions, read together (a hosted session's lookup reads them with it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revisions {
    /// [`Store::revision`].
    pub data: Revision,
    /// [`Store::plan_revision`].
    pub plan: Revision,
}
