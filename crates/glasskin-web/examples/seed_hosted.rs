//! Seeds a hosted (PostgreSQL) glasskin database for the load test (`bench/hosted.sh`): N
//! accounts, each with a year of use and one signed-in session whose cookie is written out.
//!
//! ```text
//! cargo run --release -p glasskin-web --features hosted --example seed_hosted -- \
//!     postgres://glasskin_owner@127.0.0.1:PORT/glasskin OUT_DIR [--accounts 1000] [--threads 4]
//! ```
//!
//! The URL is the role that owns the tables: the database is migrated first. Every account
//! holds the same year as the local load test's database (`benches/support/year.rs`: a profile,
//! a shelf of twelve products with their full labels, a kept plan, 365 days of diary, lifestyle
//! log and check-offs ending today, two patch tests). That year is written once through the
//! `Store` trait into a scratch SQLite file, exported, and the one export document is imported
//! into each account through `PgStore`'s `Store::import` (one transaction an account): the same
//! rows the use cases write, far faster than replaying the year day by day 1,000 times.
//!
//! Every account has the same password, hashed once with argon2id at the server's parameters
//! (OWASP's: 19 MiB, 2 iterations, 1 lane) and the PHC string reused: hashing it per account
//! would take a core 1,000 × ~50 ms and prove nothing more. Each session is a fresh random
//! 256-bit secret, stored as its SHA-256 as the server stores one.
//!
//! Written to OUT_DIR:
//! - `users.txt`: a line an account, `SECRET TIME:PRODUCT ...`: the session cookie's value
//!   (`__Host-glasskin_session=SECRET`) and the steps of today's routine it may tick off;
//! - `emails.txt`: an email a line, for the sign-in run;
//! - `password.txt`: their one password.

#[path = "../benches/support/year.rs"]
mod year;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use argon2::password_hash::PasswordHasher;
use argon2::{Algorithm, Argon2, Params, Version};
use glasskin_store::{Export, PgDatabase, SqliteStore, Store};
use sha2::{Digest, Sha256};

/// The password every seeded account signs in with.
const PASSWORD: &str = "load test password, not a secret";

/// How long a seeded session lives: the server's own lifetime (30 days), so no request of the
/// run moves it on.
const LIFETIME: jiff::SignedDuration = jiff::SignedDuration::from_hours(30 * 24);

struct Args {
    url: String,
    out: std::path::PathBuf,
    accounts: usize,
    threads: usize,
}

fn usage() -> ! {
    eprintln!(
        "usage: seed_hosted OWNER_URL OUT_DIR [--accounts N (1000)] [--threads T (4)]\n\
         OWNER_URL: postgres://… as the role that owns the tables"
    );
    std::process::exit(2);
}

fn args() -> Args {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(out)) = (args.next(), args.next()) else {
        usage()
    };
    let mut parsed = Args {
        url,
        out: out.into(),
        accounts: 1000,
        threads: 4,
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|n| *n > 0)
            .unwrap_or_else(|| usage());
        match flag.as_str() {
            "--accounts" => parsed.accounts = value,
            "--threads" => parsed.threads = value,
            _ => usage(),
        }
    }
    parsed
}

/// The server's hash (`hosted/passwords.rs`): argon2id, 19 MiB, 2 iterations, 1 lane.
fn password_hash() -> String {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(PASSWORD.as_bytes())
        .expect("hashes")
        .to_string()
}

/// A session secret as the server makes one: 32 random bytes as lowercase hex.
fn secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The year of use, written through the `Store` trait into a scratch SQLite file and exported.
fn year_export() -> Export {
    let dir = std::env::temp_dir().join(format!("glasskin-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join("year.db");
    let _ = std::fs::remove_file(&path);
    year::seed_year(&path);
    let export = SqliteStore::open(&path, "local")
        .expect("opens")
        .export()
        .expect("exports");
    let _ = std::fs::remove_dir_all(&dir);
    export
}

/// One account: made, filled with the year, signed in. Its `users.txt` line.
fn seed_account(
    db: &PgDatabase,
    n: usize,
    hash: &str,
    export: &Export,
    today: jiff::civil::Date,
) -> String {
    let now = jiff::Timestamp::now();
    let email = format!("load{n:05}@example.test");
    let account = db
        .create_account(&email, hash, now)
        .unwrap_or_else(|e| panic!("account {email}: {e:?}"));
    let mut store = db.store(&account.owner);
    store.import(export, today).expect("imports the year");
    let secret = secret();
    let token_hash: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
    db.start_session(&account.owner, &token_hash, now, LIFETIME)
        .expect("starts a session");
    // What this person may tick today: the Today page's own steps, read back from PostgreSQL.
    let day = glasskin_app::today::day(&store, today).expect("today's routine");
    let mut line = secret;
    for session in &day.sessions {
        for step in &session.steps {
            line.push_str(&format!(" {}:{}", session.time.id(), step.product_id));
        }
    }
    line
}

fn main() {
    let args = args();
    std::fs::create_dir_all(&args.out).expect("output directory");
    let started = Instant::now();
    PgDatabase::migrate(&args.url, None).expect("migrates");
    let db = PgDatabase::open(&args.url).expect("opens");
    let export = year_export();
    let today = jiff::Zoned::now().date();
    eprintln!(
        "a year of use: {} products, {} diary days, {} lifestyle days, {} check-offs ({:.1} s)",
        export.products.len(),
        export.diary.len(),
        export.lifestyle.len(),
        export.checkoffs.len(),
        started.elapsed().as_secs_f64()
    );
    let hash = password_hash();

    let next = AtomicUsize::new(0);
    let lines = std::sync::Mutex::new(vec![String::new(); args.accounts]);
    std::thread::scope(|scope| {
        for _ in 0..args.threads {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= args.accounts {
                        break;
                    }
                    let line = seed_account(&db, n, &hash, &export, today);
                    lines.lock().expect("not poisoned")[n] = line;
                    if (n + 1).is_multiple_of(100) {
                        eprintln!(
                            "{} accounts ({:.0} s)",
                            n + 1,
                            started.elapsed().as_secs_f64()
                        );
                    }
                }
            });
        }
    });

    let lines = lines.into_inner().expect("not poisoned");
    let mut users = std::fs::File::create(args.out.join("users.txt")).expect("users.txt");
    let mut emails = std::fs::File::create(args.out.join("emails.txt")).expect("emails.txt");
    for (n, line) in lines.iter().enumerate() {
        writeln!(users, "{line}").expect("writes");
        writeln!(emails, "load{n:05}@example.test").expect("writes");
    }
    std::fs::write(args.out.join("password.txt"), PASSWORD).expect("password.txt");
    eprintln!(
        "seeded {} accounts in {:.0} s",
        args.accounts,
        started.elapsed().as_secs_f64()
    );
}
