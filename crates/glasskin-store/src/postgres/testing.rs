//! Databases for tests (feature `testing`): each test gets its own clone of a migrated template
//! on the server `GLASSKIN_TEST_DATABASE_URL` names, connected to as the application role, and
//! dropped after. `.ci/postgres.sh` starts such a server; docs/hosted.md says more.
//!
//! The URL names the role that owns the tables (it migrates the template and may create
//! databases) and the template database. Without it, [`TestDatabase::fresh`] gives `None` (the
//! test passes without running, and says so), unless `CI=true` or
//! `GLASSKIN_REQUIRE_POSTGRES=1`: then it fails.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::NoTls;

use super::PgDatabase;

/// The role the application connects as (docs/hosted.md).
pub const APP_ROLE: &str = "glasskin_app";

/// The test server's URL, or `None` when there is none and none is required.
///
/// # Panics
/// When none is set but CI requires one.
pub fn server_url() -> Option<String> {
    match std::env::var("GLASSKIN_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                !required(),
                "GLASSKIN_TEST_DATABASE_URL is not set, and CI must run the PostgreSQL tests (source .ci/postgres.sh)"
            );
            eprintln!("skipped: GLASSKIN_TEST_DATABASE_URL is not set (docs/hosted.md)");
            None
        }
    }
}

/// The certificate authority of the test server's TLS certificate
/// (`GLASSKIN_TEST_DATABASE_CA`), or `None` when it is not set and not required.
///
/// # Panics
/// When none is set but CI requires one.
pub fn ca_file() -> Option<std::path::PathBuf> {
    match std::env::var_os("GLASSKIN_TEST_DATABASE_CA") {
        Some(path) if !path.is_empty() => Some(path.into()),
        _ => {
            assert!(
                !required(),
                "GLASSKIN_TEST_DATABASE_CA is not set, and CI must run the PostgreSQL tests over TLS too (source .ci/postgres.sh)"
            );
            eprintln!("skipped: GLASSKIN_TEST_DATABASE_CA is not set (docs/hosted.md)");
            None
        }
    }
}

/// Whether CI requires the PostgreSQL tests to run.
fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
        || std::env::var("GLASSKIN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// `url` with another user (keeping any password; `None` keeps the user) and database.
///
/// # Panics
/// When `url` is not a `postgres://user@host/database` URL.
pub fn url_with(url: &str, user: Option<&str>, database: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgres:// URL");
    let (userinfo, rest) = rest.rsplit_once('@').expect("a user in the URL");
    let (host, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    let userinfo = match (user, userinfo.split_once(':')) {
        (Some(user), Some((_, password))) => format!("{user}:{password}"),
        (Some(user), None) => user.to_owned(),
        (None, _) => userinfo.to_owned(),
    };
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{scheme}://{userinfo}@{host}/{database}{query}")
}

fn template_name(url: &str) -> String {
    let path = url.rsplit_once('/').expect("a database in the URL").1;
    path.split('?').next().unwrap_or(path).to_owned()
}

/// A connection to the server's maintenance database as the tables' owner, to create and drop
/// databases.
///
/// # Panics
/// When the server cannot be reached.
pub fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(&url_with(url, None, "postgres"), NoTls)
        .expect("connects to the test server")
}

/// A name for a new database of this test process.
fn new_name() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "glasskin_test_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A new, empty database (not migrated) owned by the test role; its name.
///
/// # Panics
/// When it cannot be made.
pub fn empty_database(url: &str) -> String {
    let name = new_name();
    admin(url)
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0"))
        .expect("creates a database");
    name
}

/// A database cloned from the migrated template, opened as the application role, and dropped
/// with this value.
pub struct TestDatabase {
    url: String,
    name: String,
    db: Option<PgDatabase>,
}

impl TestDatabase {
    /// A new database, or `None` when no test server is set and none is required.
    ///
    /// # Panics
    /// When the server cannot make or open it.
    pub fn fresh() -> Option<TestDatabase> {
        let url = server_url()?;
        // The template is migrated once per test process, by the role that owns the tables.
        static TEMPLATE: OnceLock<()> = OnceLock::new();
        TEMPLATE.get_or_init(|| {
            drop(PgDatabase::open(&url).expect("migrates the template"));
        });
        let template = template_name(&url);
        let name = new_name();
        // CREATE DATABASE waits a few seconds for the template's last connections to close.
        admin(&url)
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .expect("clones the template");
        let db = PgDatabase::open(&url_with(&url, Some(APP_ROLE), &name))
            .expect("opens as the application role");
        Some(TestDatabase {
            url,
            name,
            db: Some(db),
        })
    }

    /// The database, as the application role.
    ///
    /// # Panics
    /// Never: it is only taken when this value is dropped.
    pub fn db(&self) -> &PgDatabase {
        self.db.as_ref().expect("open until dropped")
    }

    /// This database's URL as `role` (`None`: the tables' owner).
    pub fn url(&self, role: Option<&str>) -> String {
        url_with(&self.url, role, &self.name)
    }

    /// A raw connection to this database as the application role, for the queries a store
    /// would never send.
    ///
    /// # Panics
    /// When it cannot connect.
    pub fn app_client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url(Some(APP_ROLE)), NoTls)
            .expect("connects as the application role")
    }

    /// A raw connection as the tables' owner.
    ///
    /// # Panics
    /// When it cannot connect.
    pub fn owner_client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url(None), NoTls).expect("connects as the tables' owner")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // The pool's connections close first (DROP DATABASE waits a few seconds for them); a
        // database left behind is only litter.
        drop(self.db.take());
        let _ = admin(&self.url).batch_execute(&format!("DROP DATABASE IF EXISTS {}", self.name));
    }
}
