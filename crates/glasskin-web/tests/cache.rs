//! The slow pages are kept between requests, and never shown stale: a write through the app,
//! through another program on the same database, or a new day draws them again.

use glasskin_store::{DiaryEntry, SqliteStore, Store};

use crate::support::{App, CREAM, SUNSCREEN, shelve};

/// Today as the web layer reads it.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

#[test]
fn a_kept_page_is_drawn_again_once_the_data_changes() {
    let dir = std::env::temp_dir().join(format!("glasskin-web-{}-kept", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("glasskin.db");
    let state = glasskin_web::AppState::open(&db).expect("opens");
    let app = App::over(
        state,
        std::net::SocketAddr::from(([127, 0, 0, 1], 8080)),
        std::net::SocketAddr::from(([127, 0, 0, 1], 50000)),
    );
    let (status, _) = app.send(
        "PUT",
        "/api/profile",
        &serde_json::json!({"skin_type": "dry"}).to_string(),
    );
    assert!(status < 300);
    shelve(&app, &[("Barrier Cream", CREAM)]);
    let (status, first) = app.get("/week");
    assert_eq!(status, 200);
    assert_eq!(app.get("/week").1, first, "the same data, the same page");
    assert!(!first.contains("Daily Sunscreen"));

    // A write through the app.
    shelve(&app, &[("Daily Sunscreen", SUNSCREEN)]);
    let (_, second) = app.get("/week");
    assert!(second.contains("Daily Sunscreen"), "{second}");

    // A write by another program on the same file (the CLI while the server runs).
    let (_, diary) = app.get("/diary");
    assert!(!diary.contains("Written from the terminal"));
    let mut other = SqliteStore::open(&db, "local").expect("a second connection");
    other
        .log_diary(
            &DiaryEntry {
                date: today(),
                glow: Some(4),
                notes: Some("Written from the terminal".into()),
                ..DiaryEntry::default()
            },
            today(),
        )
        .expect("logs");
    let (_, diary) = app.get("/diary");
    assert!(diary.contains("Written from the terminal"), "{diary}");
    let (_, insights) = app.call("GET", "/api/insights");
    assert!(
        insights["summary"]
            .as_str()
            .is_some_and(|s| s.contains("1 of 7 days"))
    );

    // A refusal is never kept.
    let (status, _) = app.get("/diary?date=tomorrow");
    assert_eq!(status, 422);
    assert_eq!(app.get("/diary?date=tomorrow").0, 422);
}
