//! Accounts and sessions: who a request is, for a hosted deployment.
//!
//! The store keeps what the web layer decided: an account's email and the PHC string of its
//! password hash (the hashing is the web layer's), and a session by the SHA-256 of its cookie's
//! secret. These tables are read before any owner is known, so they are outside row level
//! security (migration 0002); each operation here is one transaction.

use jiff::{SignedDuration, Timestamp};
use postgres::error::SqlState;

use super::PgDatabase;
use crate::{Result, Revision, Revisions, StoreError};

/// The tenant tables, children before parents: what deleting an account empties.
pub(super) const TENANT_TABLES: [&str; 10] = [
    "checkoff",
    "patch_check",
    "patch_test",
    "product",
    "diary",
    "lifestyle",
    "plan",
    "profile",
    "device",
    "revision",
];

/// A session is moved on when it has been used this long after it was last moved, not on every
/// request.
const RENEW_AFTER: SignedDuration = SignedDuration::from_hours(24);

/// However often it is used, a session ends this long after sign-in.
const LONGEST: SignedDuration = SignedDuration::from_hours(365 * 24);

/// An account, as its owner's pages show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The owner of its rows in the tenant tables.
    pub owner: String,
    /// What its person signs in with.
    pub email: String,
    /// When it was made.
    pub created: Timestamp,
}

/// A live session, found by its secret's hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// Whose it is.
    pub owner: String,
    /// When it ends unless used again.
    pub expires: Timestamp,
    /// Whether this use moved its end on (so the cookie's lifetime should be renewed too).
    pub renewed: bool,
    /// Its owner's revisions, when looked up with them
    /// ([`PgDatabase::session_with_revisions`]).
    pub revisions: Option<Revisions>,
}

impl Session {
    /// Until when a lookup with `lifetime` finds it as it is now: live, and not due to be
    /// moved on (which a lookup does once a day). A node may remember whose it is until then.
    pub fn steady_until(&self, lifetime: SignedDuration) -> Timestamp {
        let due = self
            .expires
            .checked_sub(lifetime)
            .and_then(|t| t.checked_add(RENEW_AFTER))
            .unwrap_or(self.expires);
        due.min(self.expires)
    }
}

/// Why an account could not be made.
#[derive(Debug)]
pub enum SignUpError {
    /// An account with that email exists.
    Taken,
    /// The database failed.
    Store(StoreError),
}

impl From<postgres::Error> for SignUpError {
    fn from(e: postgres::Error) -> SignUpError {
        if e.code() == Some(&SqlState::UNIQUE_VIOLATION) {
            SignUpError::Taken
        } else {
            SignUpError::Store(e.into())
        }
    }
}

impl From<r2d2_postgres::r2d2::Error> for SignUpError {
    fn from(e: r2d2_postgres::r2d2::Error) -> SignUpError {
        SignUpError::Store(e.into())
    }
}

/// Timestamps are kept to the microsecond, as PostgreSQL keeps them, so what is read back is
/// what was written.
pub(super) fn micros(t: Timestamp) -> Timestamp {
    t.round(jiff::Unit::Microsecond).unwrap_or(t)
}

impl PgDatabase {
    /// Makes an account for `email` (already normalised by the caller) with a password hash,
    /// and returns it.
    pub fn create_account(
        &self,
        email: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> std::result::Result<Account, SignUpError> {
        let mut conn = self.pool.get()?;
        let now = micros(now);
        let row = conn.query_one(
            "INSERT INTO account (email, password_hash, created) VALUES ($1, $2, $3) RETURNING owner",
            &[&email, &password_hash, &now],
        )?;
        Ok(Account {
            owner: row.get(0),
            email: email.to_owned(),
            created: now,
        })
    }

    /// The owner and password hash of the account with this email, if there is one.
    pub fn password_hash(&self, email: &str) -> Result<Option<(String, String)>> {
        let mut conn = self.pool.get()?;
        Ok(conn
            .query_opt(
                "SELECT owner, password_hash FROM account WHERE email = $1",
                &[&email],
            )?
            .map(|r| (r.get(0), r.get(1))))
    }

    /// The password hash of an owner's account.
    pub fn owner_password_hash(&self, owner: &str) -> Result<Option<String>> {
        let mut conn = self.pool.get()?;
        Ok(conn
            .query_opt(
                "SELECT password_hash FROM account WHERE owner = $1",
                &[&owner],
            )?
            .map(|r| r.get(0)))
    }

    /// An owner's account.
    pub fn account(&self, owner: &str) -> Result<Option<Account>> {
        let mut conn = self.pool.get()?;
        Ok(conn
            .query_opt(
                "SELECT owner, email, created FROM account WHERE owner = $1",
                &[&owner],
            )?
            .map(|r| Account {
                owner: r.get(0),
                email: r.get(1),
                created: r.get(2),
            }))
    }

    /// Replaces an account's password hash and ends all its sessions but `keep` (the one that
    /// changed it), in one transaction.
    pub fn set_password_hash(&self, owner: &str, password_hash: &str, keep: &[u8]) -> Result<()> {
        let mut conn = self.pool.get()?;
        let mut tx = conn.transaction()?;
        let changed = tx.execute(
            "UPDATE account SET password_hash = $2 WHERE owner = $1",
            &[&owner, &password_hash],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid("no such account".into()));
        }
        tx.execute(
            "DELETE FROM session WHERE owner = $1 AND token_hash <> $2",
            &[&owner, &keep],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a session for `owner`, known by its secret's hash, for `lifetime` from `now`.
    /// The owner's expired sessions are cleared on the way.
    pub fn start_session(
        &self,
        owner: &str,
        token_hash: &[u8],
        now: Timestamp,
        lifetime: SignedDuration,
    ) -> Result<Timestamp> {
        let mut conn = self.pool.get()?;
        let now = micros(now);
        let expires = micros(now.saturating_add(lifetime).unwrap_or(now));
        let mut tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM session WHERE owner = $1 AND expires <= $2",
            &[&owner, &now],
        )?;
        tx.execute(
            "INSERT INTO session (token_hash, owner, created, expires) VALUES ($1, $2, $3, $4)",
            &[&token_hash, &owner, &now, &expires],
        )?;
        tx.commit()?;
        Ok(expires)
    }

    /// The live session whose secret hashes to `token_hash`. A session used a day or more
    /// after it was last moved on is moved on to `lifetime` from `now` (never past a year after
    /// sign-in), so one written at most once a day stays alive while it is used.
    pub fn session(
        &self,
        token_hash: &[u8],
        now: Timestamp,
        lifetime: SignedDuration,
    ) -> Result<Option<Session>> {
        self.look_up(token_hash, now, lifetime, false)
    }

    /// [`PgDatabase::session`], with its owner's revisions read in the same statement
    /// (migration 0003's `glasskin_session`), for a page that is kept until they move: it then
    /// needs no other round trip.
    pub fn session_with_revisions(
        &self,
        token_hash: &[u8],
        now: Timestamp,
        lifetime: SignedDuration,
    ) -> Result<Option<Session>> {
        self.look_up(token_hash, now, lifetime, true)
    }

    fn look_up(
        &self,
        token_hash: &[u8],
        now: Timestamp,
        lifetime: SignedDuration,
        with_revisions: bool,
    ) -> Result<Option<Session>> {
        let mut conn = self.pool.get()?;
        let now = micros(now);
        // Every request looks its session up: prepared once a connection.
        let lookup = conn.prepared(if with_revisions {
            "SELECT * FROM glasskin_session($1, $2)"
        } else {
            "SELECT owner, created, expires FROM session WHERE token_hash = $1 AND expires > $2"
        })?;
        let Some(row) = conn.query_opt(&lookup, &[&token_hash, &now])? else {
            return Ok(None);
        };
        let (owner, created, expires): (String, Timestamp, Timestamp) =
            (row.get(0), row.get(1), row.get(2));
        let revisions = with_revisions.then(|| Revisions {
            data: Revision(row.get::<_, i64>(3).cast_unsigned(), 0),
            plan: Revision(row.get::<_, i64>(4).cast_unsigned(), 0),
        });
        let wanted = now.saturating_add(lifetime).unwrap_or(now);
        let cap = created.saturating_add(LONGEST).unwrap_or(created);
        let moved = micros(wanted.min(cap));
        if moved.duration_since(expires) < RENEW_AFTER {
            return Ok(Some(Session {
                owner,
                expires,
                renewed: false,
                revisions,
            }));
        }
        conn.execute(
            "UPDATE session SET expires = $2 WHERE token_hash = $1",
            &[&token_hash, &moved],
        )?;
        Ok(Some(Session {
            owner,
            expires: moved,
            renewed: true,
            revisions,
        }))
    }

    /// Ends one session (signing out); nothing when there is none.
    pub fn end_session(&self, token_hash: &[u8]) -> Result<()> {
        let mut conn = self.pool.get()?;
        conn.execute("DELETE FROM session WHERE token_hash = $1", &[&token_hash])?;
        Ok(())
    }

    /// How many live sessions an owner has.
    pub fn session_count(&self, owner: &str, now: Timestamp) -> Result<i64> {
        let mut conn = self.pool.get()?;
        Ok(conn
            .query_one(
                "SELECT count(*) FROM session WHERE owner = $1 AND expires > $2",
                &[&owner, &micros(now)],
            )?
            .get(0))
    }

    /// Deletes an account and every row it owns, in every table, in one transaction: all or
    /// nothing.
    pub fn delete_account(&self, owner: &str) -> Result<()> {
        let mut conn = self.pool.get()?;
        let mut tx = conn.transaction()?;
        tx.execute("SELECT set_config('glasskin.owner', $1, true)", &[&owner])?;
        for table in TENANT_TABLES {
            tx.execute(&format!("DELETE FROM {table} WHERE owner = $1"), &[&owner])?;
        }
        // Its sessions go with it (ON DELETE CASCADE).
        tx.execute("DELETE FROM account WHERE owner = $1", &[&owner])?;
        tx.commit()?;
        Ok(())
    }

    /// Counts one sign-in or sign-up attempt from `address` and returns how many it has made in
    /// the last 60 seconds, this one included, across every node. Attempts older than an hour
    /// are cleared on the way.
    pub fn count_attempt(&self, address: &str, now: Timestamp) -> Result<i64> {
        let mut conn = self.pool.get()?;
        let second = now
            .round(
                jiff::TimestampRound::new()
                    .smallest(jiff::Unit::Second)
                    .mode(jiff::RoundMode::Trunc),
            )
            .unwrap_or(now);
        let ago = |seconds| {
            second
                .saturating_sub(SignedDuration::from_secs(seconds))
                .unwrap_or(second)
        };
        let mut tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM sign_in_attempt WHERE second < $1",
            &[&ago(3600)],
        )?;
        tx.execute(
            "INSERT INTO sign_in_attempt (address, second, n) VALUES ($1, $2, 1)
             ON CONFLICT (address, second) DO UPDATE SET n = sign_in_attempt.n + 1",
            &[&address, &second],
        )?;
        let n: i64 = tx
            .query_one(
                "SELECT sum(n)::bigint FROM sign_in_attempt WHERE address = $1 AND second > $2",
                &[&address, &ago(60)],
            )?
            .get(0);
        tx.commit()?;
        Ok(n)
    }
}
