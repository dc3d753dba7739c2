//! The pages a person uses on a phone: `/` opens Today once a plan is kept, the week as cards
//! of identical days, Analyze's notes by level, the tips' index and topic filter, a refused
//! shelf form that keeps its input, and empty states that say what to click. (Widths are
//! checked in a real browser: crates/glasskin/tests/integration/browser.rs.)

use serde_json::json;

use crate::support::{App, CLEANSER, CREAM, HYDRATING_TONER, shelve};

/// A real sunscreen's label, with the longest INCI names of UV filters.
pub const LONG_SUNSCREEN: &str = "Water, Homosalate, Ethylhexyl Salicylate, Butyl Methoxydibenzoylmethane, Methylene Bis-Benzotriazolyl Tetramethylbutylphenol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine, Glycerin, Alcohol Denat., Niacinamide, Limonene, Linalool, Parfum, Decyl Glucoside, Xanthan Gum, Phenoxyethanol, Tocopherol";

fn encoded(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencoding(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn home_is_analyze_until_a_plan_is_kept_then_today() {
    let app = App::start("phone-home");
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.get("/");
    assert_eq!(status, 200);
    assert!(html.contains("What is in this product?"), "{html}");
    assert!(html.contains("<a href=\"/analyze\" aria-current=\"page\">Analyze</a>"));
    // One navigation row, Today first.
    let nav = between(&html, "<nav aria-label=\"Main\">", "</nav>");
    let first = nav.find("href=\"/today\"").expect("Today");
    assert!(nav.find("href=\"/analyze\"").expect("Analyze") > first);

    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry"}).to_string(),
    );
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("Toner", HYDRATING_TONER),
            ("Cream", CREAM),
        ],
    );
    let (_, html) = app.get("/");
    assert!(
        html.contains("What is in this product?"),
        "no plan kept yet"
    );
    let (status, _) = app.form("/week", "", Some(&origin));
    assert_eq!(status, 200);
    let reply = app.request("GET", "/", &[], "");
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("<h1>Today</h1>"), "{}", reply.body);
    assert!(
        reply
            .body
            .contains("<a href=\"/today\" aria-current=\"page\">Today</a>")
    );
    // The day, the plan's week and how the week is going, as `glasskin today` says them.
    let weekday = jiff::Zoned::now().date().strftime("%A").to_string();
    assert!(
        reply.body.contains(&format!("{weekday} ")) && reply.body.contains("week 1 of your plan"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("This week so far: 0 of "),
        "{}",
        reply.body
    );
    assert!(
        !reply.body.contains("0-day streak"),
        "no streak yet is not one"
    );
    // Analyze is still one tap away.
    let (status, html) = app.get("/analyze");
    assert_eq!(status, 200);
    assert!(html.contains("What is in this product?"));
}

#[test]
fn week_is_cards_of_identical_days() {
    let app = App::start("phone-week");
    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "normal"}).to_string(),
    );
    shelve(
        &app,
        &[
            ("Cleanser", CLEANSER),
            ("Toner", HYDRATING_TONER),
            ("Cream", CREAM),
        ],
    );
    let (status, html) = app.get("/week");
    assert_eq!(status, 200);
    assert!(!html.contains("<table"), "no table: {html}");
    // Every week's cards stand for each of the seven days once in the morning and once in the
    // evening.
    let weeks = html.matches("<div class=\"day-cards\">").count();
    assert!(weeks >= 1, "{html}");
    for time in ["morning", "evening"] {
        let days: usize = html
            .split(&format!("data-time=\"{time}\" data-days=\""))
            .skip(1)
            .map(|rest| {
                rest[..rest.find('"').expect("quote")]
                    .parse::<usize>()
                    .expect("days")
            })
            .sum();
        assert_eq!(days, 7 * weeks, "{time}: {html}");
    }
    // A routine the same every day is one card, said so.
    assert!(
        html.contains("Every day <span class=\"when\">· morning</span>"),
        "{html}"
    );
    assert!(
        html.contains("<ol class=\"routine\"><li>Cleanser</li>"),
        "{html}"
    );
    // The reminders the Week page offers download as a calendar the phone opens.
    assert!(html.contains(r#"href="/api/plan.ics" download"#), "{html}");
    let (status, ics) = app.get("/api/plan.ics");
    assert_eq!(status, 200);
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    assert!(ics.contains("Cleanser"), "{ics}");
}

#[test]
fn analyze_notes_have_levels_in_words_and_long_names_are_kept_whole() {
    let app = App::start("phone-analyze");
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.form(
        "/analyze",
        &encoded(&[("name", "Sun Fluid SPF 50"), ("text", LONG_SUNSCREEN)]),
        Some(&origin),
    );
    assert_eq!(status, 200);
    for name in [
        "Butyl Methoxydibenzoylmethane",
        "Methylene Bis-Benzotriazolyl Tetramethylbutylphenol",
        "Diethylamino Hydroxybenzoyl Hexyl Benzoate",
    ] {
        assert!(
            html.contains(&format!("<span class=\"inci\">{name}</span>")),
            "{name}"
        );
    }
    // An Annex III restriction is information, in words, not a warning.
    let limonene = between(&html, "<li class=\"note information\">", "</li>");
    assert!(limonene.contains("<strong class=\"level\">Information</strong>"));
    assert!(
        html.contains("<li class=\"note information\"><strong class=\"level\">Information</strong> LIMONENE is restricted in the EU"),
        "{html}"
    );
    assert!(!html.contains("note warning"), "nothing here is a warning");
    // On a phone the 1% line is said in each ingredient's card.
    assert!(html.contains("<span class=\"line-label\">1% line: </span>above"));

    // A pregnancy caution is a warning, and comes first.
    let (_, html) = app.form(
        "/analyze",
        &encoded(&[
            ("name", "Retinol Serum"),
            (
                "text",
                "Water, Glycerin, Squalane, Retinol, Tocopherol, Phenoxyethanol",
            ),
        ]),
        Some(&origin),
    );
    let notes = between(&html, "<ul class=\"levelled\">", "</ul>");
    assert!(
        notes.starts_with("<ul class=\"levelled\"><li class=\"note warning\"><strong class=\"level\">Warning</strong> Pregnancy"),
        "{notes}"
    );
    // The step reads as a sentence starts: "Serum or ampoule", not "Serum Or Ampoule".
    assert!(html.contains(">Serum or ampoule"), "{html}");
    assert!(!html.contains("text-transform: capitalize"));
}

#[test]
fn a_refused_shelf_form_keeps_the_work_and_says_why_by_the_field() {
    let app = App::start("phone-shelf");
    let origin = format!("http://{}", app.addr);
    shelve(&app, &[("Cleanser", CLEANSER), ("Cream", CREAM)]);
    let (status, html) = app.form(
        "/shelf",
        &encoded(&[
            ("name", "Sun Fluid SPF 50"),
            ("label", LONG_SUNSCREEN),
            ("opened", "2026-11-01"),
            ("pao", "12 weeks"),
        ]),
        Some(&origin),
    );
    assert_eq!(status, 422);
    // Everything typed comes back.
    assert!(html.contains("value=\"Sun Fluid SPF 50\""), "{html}");
    assert!(
        html.contains(&format!(">{LONG_SUNSCREEN}</textarea>")),
        "{html}"
    );
    assert!(html.contains("value=\"2026-11-01\""));
    assert!(html.contains(
        "value=\"12 weeks\" aria-invalid=\"true\" aria-describedby=\"pao-error\" autofocus"
    ));
    // The error sits under its field, in plain quotes, and the form comes before the shelf.
    let error = between(
        &html,
        "<p class=\"error field-error\" id=\"pao-error\">",
        "</p>",
    );
    assert!(error.contains("“12 weeks”"), "{error}");
    assert!(!html.contains('`'), "no Markdown backticks: {html}");
    let form = html
        .find("<form method=\"post\" action=\"/shelf\"")
        .expect("form");
    let shelf = html.find("<ul class=\"shelf\"").expect("the shelf");
    assert!(form < shelf, "the refused form comes first");
    assert_eq!(
        app.get("/api/products").1.matches("\"id\"").count(),
        2,
        "nothing added"
    );

    // A product's button refused: said at the top, the add form empty.
    let (status, html) = app.form("/shelf/1", "action=stop", Some(&origin));
    assert_eq!(status, 422);
    assert!(
        html.contains("<p class=\"card error\" role=\"alert\">reason: say why"),
        "{html}"
    );
    assert!(html.contains("<input id=\"name\" name=\"name\" required value=\"\">"));
}

#[test]
fn tips_have_an_index_and_a_topic_filter() {
    let app = App::start("phone-tips");
    let (status, html) = app.get("/tips");
    assert_eq!(status, 200);
    let articles = html.matches("<article class=\"card\" id=\"").count();
    let index = between(&html, "<details class=\"card tip-index\"", "</details>");
    assert_eq!(
        index.matches("<li><a href=\"#").count(),
        articles,
        "{index}"
    );
    assert!(index.contains("<a href=\"#seven-skin-method\">"));
    assert!(
        html.contains("<option value=\"sunscreen\">Sunscreen ("),
        "{html}"
    );

    let (_, api) = app.get("/api/tips?topic=sunscreen");
    let api: serde_json::Value = serde_json::from_str(&api).expect("json");
    let ids: Vec<&str> = api
        .as_array()
        .expect("tips")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert!(!ids.is_empty() && ids.len() < articles);
    let (status, html) = app.get("/tips?topic=sunscreen");
    assert_eq!(status, 200);
    assert_eq!(
        html.matches("<article class=\"card\" id=\"").count(),
        ids.len(),
        "only the topic's tips"
    );
    for id in ids {
        assert!(
            html.contains(&format!("<article class=\"card\" id=\"{id}\">")),
            "{id}"
        );
    }
    assert!(html.contains("<option value=\"sunscreen\" selected>"));
    assert!(html.contains("<a href=\"/tips\">Show all tips</a>"));

    let (status, html) = app.get("/tips?topic=nonsense");
    assert_eq!(status, 404);
    assert!(
        html.contains("No tip or topic is called “nonsense”"),
        "{html}"
    );
    assert!(!html.contains('`'));
}

#[test]
fn empty_states_say_what_to_click() {
    let app = App::start("phone-empty");
    for (path, links) in [
        ("/today", &["/shelf", "/profile", "/week"][..]),
        ("/week", &["/profile", "/shelf"][..]),
        ("/shelf", &["#name", "/analyze"][..]),
    ] {
        let (status, html) = app.get(path);
        assert_eq!(status, 200, "{path}");
        let main = between(&html, "<main id=\"main\">", "</main>");
        for link in links {
            assert!(
                main.contains(&format!("<a href=\"{link}\">")),
                "{path}: {link}: {main}"
            );
        }
        for cli in ["glasskin plan", "/api/", "POST ", "--save"] {
            assert!(
                !main.contains(cli),
                "{path} speaks CLI or API ({cli}): {main}"
            );
        }
    }
    let (_, html) = app.get("/today");
    assert!(html.contains("“Use this plan”"), "{html}");
    app.send(
        "PUT",
        "/api/profile",
        &json!({"skin_type": "dry"}).to_string(),
    );
    let (_, html) = app.get("/week");
    assert!(
        html.contains("Your shelf is empty: <a href=\"/shelf\">"),
        "{html}"
    );
}
