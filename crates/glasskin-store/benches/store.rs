//! Store speed on a real SQLite file: logging a day, and three years of data read back for
//! insights and export.

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use glasskin_store::{DiaryEntry, LifestyleEntry, SqliteStore, Store};
use jiff::civil::{Date, date};

fn main() {
    divan::main();
}

const TODAY: Date = date(2026, 11, 29);
const DAYS: i64 = 3 * 365;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("glasskin-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn day(n: i64) -> Date {
    TODAY
        .checked_sub(jiff::Span::new().days(n))
        .expect("in range")
}

fn diary(n: i64) -> DiaryEntry {
    DiaryEntry {
        date: day(n),
        hydration: Some((n % 5 + 1) as u8),
        oiliness: Some((n * 3 % 5 + 1) as u8),
        breakouts: Some((n * 7 % 5 + 1) as u8),
        redness: Some(2),
        texture: Some(3),
        glow: Some((n * 2 % 5 + 1) as u8),
        breakout_count: Some((n % 4) as u16),
        notes: Some("a note about the day".into()),
        tags: vec!["tag".into()],
        photo: None,
    }
}

fn lifestyle(n: i64) -> LifestyleEntry {
    LifestyleEntry {
        date: day(n),
        sleep_hours: Some(6.0 + (n % 3) as f32),
        water_litres: Some(1.5),
        exercise_minutes: Some((n % 60) as u16),
        stress: Some((n % 5 + 1) as u8),
        diet_tags: if n % 4 == 0 {
            vec!["dairy".into()]
        } else {
            Vec::new()
        },
        tags: Vec::new(),
    }
}

/// A database with three years of daily diary and lifestyle entries.
static THREE_YEARS: LazyLock<PathBuf> = LazyLock::new(|| {
    let path = temp("three-years.db");
    let mut store = SqliteStore::open(&path, "local").expect("opens");
    for n in 0..DAYS {
        store.log_diary(&diary(n), TODAY).expect("logs");
        store.log_lifestyle(&lifestyle(n), TODAY).expect("logs");
    }
    path
});

/// Logging one day: the diary and the lifestyle entry, each its own committed write.
#[divan::bench]
fn log_a_day(bencher: Bencher) {
    let mut store = SqliteStore::open(&temp("log.db"), "local").expect("opens");
    let mut n = 0;
    bencher.bench_local(|| {
        n = (n + 1) % DAYS;
        store.log_diary(&diary(n), TODAY).expect("logs");
        store.log_lifestyle(&lifestyle(n), TODAY).expect("logs");
    });
}

/// Reading three years of diary, lifestyle log and shelf back, as the insights do.
#[divan::bench]
fn read_three_years(bencher: Bencher) {
    let store = SqliteStore::open(&THREE_YEARS, "local").expect("opens");
    bencher.bench_local(|| {
        (
            store.diary().expect("reads"),
            store.lifestyle().expect("reads"),
            store.products().expect("reads"),
        )
    });
}

/// A full export of three years, as JSON text.
#[divan::bench]
fn export_three_years(bencher: Bencher) {
    let store = SqliteStore::open(&THREE_YEARS, "local").expect("opens");
    bencher.bench_local(|| {
        serde_json::to_string_pretty(&store.export().expect("exports")).expect("json")
    });
}
