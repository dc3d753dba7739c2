//! The `glasskin` binary, run as a user runs it.

use assert_cmd::Command;

fn glasskin() -> Command {
    let mut cmd = Command::cargo_bin("glasskin").expect("the glasskin binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("glasskin runs");
    assert!(output.status.success(), "failed: {output:?}");
    String::from_utf8(output.stdout).expect("utf-8 output")
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON")
}

#[test]
fn analyzes_text_as_a_table() {
    let out =
        stdout_of(glasskin().args(["analyze", "Aqua, Glycerin, Niacinamide 10%, Phenoxyethanol"]));
    assert!(out.contains("NIACINAMIDE"), "{out}");
    assert!(out.contains("10% on label"), "{out}");
    assert!(out.contains("The 1% line is estimated at #4"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour when not a terminal: {out}"
    );
}

/// A Korean label's table stays aligned: each Hangul syllable takes two columns of a terminal,
/// so the INCI column starts at the same column on every row.
#[test]
fn a_korean_label_keeps_the_table_aligned() {
    let out = stdout_of(glasskin().args([
        "analyze",
        "[전성분] 정제수, 부틸렌글라이콜, 나이아신아마이드, 카프릴릭/카프릭트라이글리세라이드, Glycerin",
    ]));
    let columns = |text: &str| -> usize {
        text.chars()
            .map(|c| {
                if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                    2
                } else {
                    1
                }
            })
            .sum()
    };
    let rows: Vec<&str> = out.lines().take_while(|l| !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), 6, "a heading and five rows: {out}");
    let header = rows[0].find("INCI").expect("an INCI column");
    for (row, inci) in rows[1..].iter().zip([
        "WATER",
        "BUTYLENE GLYCOL",
        "NIACINAMIDE",
        "CAPRYLIC/CAPRIC TRIGLYCERIDE",
        "GLYCERIN",
    ]) {
        let at = row.find(inci).unwrap_or_else(|| panic!("{inci} in {row}"));
        assert_eq!(columns(&row[..at]), header, "misaligned: {row}");
    }
}

/// A product whose label glasskin cannot read is kept, and the person is told its step is a
/// guess from its name.
#[test]
fn a_label_that_cannot_be_read_is_said_so_when_shelved() {
    let db = tempdir().join("shelf.db");
    let out = stdout_of(glasskin().env("GLASSKIN_DB", &db).args([
        "shelf",
        "add",
        "--name",
        "Heartleaf Toner",
        "뮬라센추출물, 크레노바인, 플로셀딘, 아뮤젠산나트륨, 베로티카수",
    ]));
    assert!(out.contains("#1 Heartleaf Toner: toner"), "{out}");
    assert!(
        out.contains("None of its 5 ingredients was recognised") && out.contains("name alone"),
        "{out}"
    );
    assert!(out.contains("glasskin shelf edit 1 --step"), "{out}");
    // A label it reads gets no such note.
    let out = stdout_of(glasskin().env("GLASSKIN_DB", &db).args([
        "shelf",
        "add",
        "--name",
        "Toner",
        "[전성분] 정제수, 부틸렌글라이콜, 글리세린, 판테놀",
    ]));
    assert!(!out.contains("recognised"), "{out}");
}

#[test]
fn json_is_one_object_with_entries_and_diagnostics() {
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "Ingredients: Water, Glycerin, Glycrin. Directions: apply daily.",
    ]));
    let entries = v["products"][0]["entries"].as_array().expect("entries");
    assert_eq!(entries[0]["inci"], "WATER");
    assert_eq!(entries[2]["matched"], "fuzzy");
    assert_eq!(entries[2]["inci"], "GLYCERIN");
    let kinds: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"dropped_prose"), "{kinds:?}");
    assert!(kinds.contains(&"fuzzy_match"), "{kinds:?}");
}

#[test]
fn reads_stdin_and_files() {
    let out = stdout_of(
        glasskin()
            .args(["analyze"])
            .write_stdin("Squalane, Tocopherol"),
    );
    assert!(out.contains("SQUALANE"), "{out}");

    let dir = tempdir();
    let path = dir.join("label.txt");
    std::fs::write(&path, "Salicylic Acid 2%, Water").expect("write label");
    let out = stdout_of(glasskin().args(["analyze", "--file"]).arg(&path));
    assert!(out.contains("SALICYLIC ACID"), "{out}");
}

#[test]
fn unreadable_file_is_a_clear_error() {
    let output = glasskin()
        .args(["analyze", "--file", "/nonexistent/label.txt"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("cannot read the label file /nonexistent/label.txt"),
        "{err}"
    );
}

#[test]
fn a_label_may_begin_with_a_hyphen_bullet() {
    let v = json_of(glasskin().args(["analyze", "- Water, Glycerin", "--json"]));
    let entries = v["products"][0]["entries"].as_array().expect("entries");
    assert_eq!(entries[0]["inci"], "WATER");
    assert_eq!(entries[0]["raw"], "Water");
    assert_eq!(entries[1]["inci"], "GLYCERIN");
}

#[test]
fn bad_usage_exits_2() {
    let output = glasskin()
        .args(["analyze", "--output", "x.jsonl"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    let dir = tempdir();
    let input = dir.join("in.jsonl");
    let output = dir.join("out.jsonl");
    let mut lines = String::new();
    for n in 0..50 {
        lines.push_str(&format!(
            "{{\"id\": {n}, \"name\": \"Toner {n}\", \"ingredients\": \"Water, Butylene Glycol, Glycolic Acid\"}}\n"
        ));
    }
    lines.push_str("{\"id\": \"broken\", \"ingredients\": 42}\n");
    lines.push_str("not json at all\n");
    std::fs::write(&input, lines).expect("write input");

    let status = glasskin()
        .args(["analyze", "--batch"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("glasskin runs");
    assert_eq!(status.status.code(), Some(3), "bad lines give exit code 3");
    assert!(
        String::from_utf8_lossy(&status.stderr).contains("2 line(s) could not be analysed"),
        "{status:?}"
    );

    let out = std::fs::read_to_string(&output).expect("output written");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(rows.len(), 52);
    for (n, row) in rows.iter().take(50).enumerate() {
        assert_eq!(row["id"], n);
        assert_eq!(row["name"], format!("Toner {n}"));
        let glycolic = &row["products"][0]["entries"][2];
        assert_eq!(glycolic["inci"], "GLYCOLIC ACID");
        assert_eq!(glycolic["position"], 3);
        assert_eq!(glycolic["matched"], "exact");
        assert_eq!(glycolic["classes"], serde_json::json!(["aha"]));
        assert!(
            glycolic.get("functions").is_none(),
            "the lean record has no functions"
        );
    }
    assert_eq!(rows[0]["category"], "exfoliant", "an acid toner exfoliates");
    assert_eq!(rows[0]["products"][0]["step"], "exfoliant");
    assert_eq!(rows[0]["flags"]["fragrance_free"], true);
    assert!(rows[0].get("analysis").is_none(), "lean unless --full");
    assert_eq!(rows[50]["id"], "broken");
    assert_eq!(rows[50]["error"]["line"], 51);
    assert!(
        rows[51]["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("invalid input line"))
    );

    let status = glasskin()
        .args(["analyze", "--full", "--batch"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("glasskin runs");
    assert_eq!(status.status.code(), Some(3), "bad lines give exit code 3");
    let out = std::fs::read_to_string(&output).expect("output written");
    let first: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("a line")).expect("JSON");
    assert_eq!(
        first["analysis"]["products"][0]["entries"][2]["inci"],
        "GLYCOLIC ACID"
    );
    assert!(first["analysis"]["products"][0]["entries"][2]["functions"].is_array());
}

/// Many more lines than one chunk holds, of different lengths, with blank lines, CRLF line
/// ends, a line that is not UTF-8 and bad lines among them: every result comes out in input
/// order, each from its own line, and the bad lines are counted.
#[test]
fn batch_keeps_order_across_chunks_of_a_large_input() {
    let labels = [
        ("Water, Glycerin, Niacinamide", "NIACINAMIDE", 3),
        (
            "Water, Butylene Glycol, Glycolic Acid, Sodium Hydroxide",
            "SODIUM HYDROXIDE",
            4,
        ),
        ("Squalane", "SQUALANE", 1),
        (
            "Aqua, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Dimethicone, Retinol, Tocopherol",
            "TOCOPHEROL",
            7,
        ),
    ];
    let n_lines = 9_000;
    let mut input = Vec::new();
    let mut expected = Vec::new(); // (output id, last INCI, entries) or None for a bad line
    for n in 0..n_lines {
        match n % 997 {
            10 => {
                input.extend_from_slice(b"\n"); // blank: no output line
                continue;
            }
            20 => {
                input.extend_from_slice(b"{\"id\": \"x\", \"ingredients\": \"\xff\xfe\"}\n");
                expected.push(None);
                continue;
            }
            30 => {
                input.extend_from_slice(format!("{{\"id\": {n}}}\n").as_bytes());
                expected.push(None);
                continue;
            }
            _ => {}
        }
        let (text, last, len) = labels[n % labels.len()];
        let end = if n % 2 == 0 { "\r\n" } else { "\n" };
        input.extend_from_slice(
            format!("{{\"id\": {n}, \"ingredients\": \"{text}\"}}{end}").as_bytes(),
        );
        expected.push(Some((n, last, len)));
    }
    let bad = expected.iter().filter(|e| e.is_none()).count();
    assert!(bad > 10);

    let output = glasskin()
        .args(["analyze", "--batch", "-"])
        .write_stdin(input)
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(3), "bad lines give exit code 3");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains(&format!("{bad} line(s) could not be analysed")),
        "{output:?}"
    );
    let out = std::str::from_utf8(&output.stdout).expect("UTF-8 output");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(rows.len(), expected.len());
    for (row, expected) in rows.iter().zip(&expected) {
        match expected {
            Some((n, last, len)) => {
                assert_eq!(row["id"], *n);
                let entries = row["products"][0]["entries"].as_array().expect("entries");
                assert_eq!(entries.len(), *len, "line of id {n}");
                assert_eq!(entries[len - 1]["inci"], *last, "line of id {n}");
            }
            None => assert!(row["error"]["message"].is_string(), "{row}"),
        }
    }
    let not_utf8 = rows
        .iter()
        .find(|r| {
            r["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("UTF-8"))
        })
        .expect("the line that is not UTF-8 is reported");
    assert_eq!(not_utf8["error"]["line"], 21);
}

/// A fresh directory under the target dir, so tests do not share files.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glasskin-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

#[test]
fn several_products_and_a_may_contain_section() {
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "Cleanser: Water, Glycerin, Sodium Cocoyl Glutamate.\nToner: Water, Butylene Glycol, Mica\n[+/- CI 77891, CI 77491]",
    ]));
    let products = v["products"].as_array().expect("products");
    assert_eq!(products.len(), 2);
    assert_eq!(products[0]["title"], "Cleanser");
    let toner = products[1]["entries"].as_array().expect("toner entries");
    let last = &toner[toner.len() - 1];
    assert_eq!(last["inci"], "CI 77491");
    assert_eq!(last["may_contain"], true);
    assert_eq!(last["one_percent"], "below");
    assert!(
        toner[2].get("may_contain").is_none(),
        "Mica is in every batch"
    );
}

#[test]
fn analyze_says_what_the_product_is() {
    let out = stdout_of(glasskin().args([
        "analyze",
        "--name",
        "Hydrating Toner",
        "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol, Phenoxyethanol",
    ]));
    assert!(out.contains("Step: toner"), "{out}");
    assert!(out.contains("fits the 7-skin method"), "{out}");

    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "--step",
        "essence",
        "Water, Butylene Glycol, Glycerin",
    ]));
    assert_eq!(v["understanding"][0]["step"], "essence");
    assert_eq!(v["understanding"][0]["declared"], true);

    let output = glasskin()
        .args(["analyze", "--step", "potion", "Water"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("step: unknown value `potion`"));
}

#[test]
fn a_sunscreen_listed_without_its_active_filters() {
    // US listings give the inactive ingredients; the name declares the protection.
    let out = stdout_of(glasskin().args([
        "analyze",
        "--name",
        "Everyday Sunscreen Broad Spectrum SPF 50",
        "Inactive Ingredients: Water, Isododecane, Glycerin, Dimethicone, Phenoxyethanol",
    ]));
    assert!(out.contains("Step: sunscreen"), "{out}");
    assert!(
        out.contains("SPF: SPF 50 broad spectrum, as the name declares; the list leaves out"),
        "{out}"
    );

    // Or the label's own text does.
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "Broad Spectrum SPF 30 Sunscreen\nInactive ingredients: Water, Glycerin, Dimethicone",
    ]));
    let product = &v["understanding"][0];
    assert_eq!(product["step"], "sunscreen");
    assert_eq!(product["uv_declared"]["spf"], 30);
    assert_eq!(product["uv_declared"]["from"], "label");
    assert!(product.get("uv").is_none(), "no filter is in the list");
    assert_eq!(v["products"][0]["uv_declared"]["broad_spectrum"], true);

    // Advice to wear sunscreen declares nothing.
    let v = json_of(glasskin().args([
        "analyze",
        "--json",
        "Directions: use a broad spectrum SPF 30 or higher daily.\nIngredients: Water, Glycolic Acid, Glycerin",
    ]));
    assert_ne!(v["understanding"][0]["step"], "sunscreen");
    assert!(v["understanding"][0].get("uv_declared").is_none());
}

fn example_routine() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/routine.toml")
}

#[test]
fn check_prints_findings_with_evidence_fixes_and_tips() {
    let out = stdout_of(glasskin().arg("check").arg(example_routine()));
    assert!(out.contains("9 products, 14 sessions a week"), "{out}");
    assert!(
        out.contains("WARNING Exfoliating acid while you are starting a retinoid"),
        "{out}"
    );
    assert!(out.contains("MYTH Vitamin C and niacinamide"), "{out}");
    assert!(out.contains("Fix: use them on alternate nights"), "{out}");
    assert!(out.contains("Source (C):"), "{out}");
    assert!(
        out.contains("Read: glasskin tips exfoliation-frequency"),
        "{out}"
    );

    let v = json_of(glasskin().arg("check").arg("--json").arg(example_routine()));
    let findings = v["findings"].as_array().expect("findings");
    let ids: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["rule"]["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"aha-or-retinoid-without-sunscreen"),
        "{ids:?}"
    );
    let sun = findings
        .iter()
        .find(|f| f["rule"]["id"] == "aha-or-retinoid-without-sunscreen")
        .expect("sun finding");
    assert_eq!(sun["when"], serde_json::json!([{"day": 5}, {"day": 6}]));
    assert_eq!(v["products"][0]["step"], "oil_cleanser");
}

#[test]
fn check_reads_json_routines_and_label_text() {
    let dir = tempdir();
    let path = dir.join("week.json");
    let routine = serde_json::json!({
        "profile": {"skin_type": "oily", "pregnant": true},
        "product": [
            {"name": "Retinol Serum", "label": "Retinol 0.5% in Squalane. Ingredients: Squalane, Caprylic/Capric Triglyceride, Retinol, BHT"},
            {"name": "Sunscreen", "step": "sunscreen", "ingredients": "Water, Zinc Oxide, Glycerin"}
        ],
        "session": [
            {"time": "am", "products": ["Sunscreen"]},
            {"time": "pm", "days": ["mon", "thursday"], "products": ["Retinol Serum"]}
        ]
    });
    std::fs::write(&path, routine.to_string()).expect("write routine");
    let v = json_of(glasskin().args(["check", "--json"]).arg(&path));
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"]["id"].as_str())
        .collect();
    // A cosmetic retinol, paused as a precaution: a caution, not the prescription tier.
    assert_eq!(ids, ["pregnancy-retinol"]);
}

#[test]
fn bad_routines_are_clear_errors() {
    let dir = tempdir();
    let cases = [
        (
            "[[session]]\ntime = \"am\"\nproducts = [\"ghost\"]\n",
            "no product is called `ghost`",
        ),
        (
            "[profile]\nskin_type = \"shiny\"\n",
            "unknown skin type `shiny`",
        ),
        ("[[product]]\nname = \"X\"\n", "`X` needs its `ingredients`"),
        (
            "[[session]]\ntime = \"noon\"\nproducts = []\n",
            "time `noon`; use am or pm",
        ),
        ("[[product]\n", "not a valid routine"),
    ];
    for (n, (text, message)) in cases.iter().enumerate() {
        let path = dir.join(format!("bad{n}.toml"));
        std::fs::write(&path, text).expect("write routine");
        let output = glasskin()
            .arg("check")
            .arg(&path)
            .output()
            .expect("glasskin runs");
        assert_eq!(output.status.code(), Some(2), "a value refused: {text}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains(message), "{text}: {err}");
    }
}

#[test]
fn tips_by_topic_and_id() {
    let list = stdout_of(glasskin().arg("tips"));
    assert!(list.contains("double-cleansing"), "{list}");
    let sleep = stdout_of(glasskin().args(["tips", "sleep"]));
    assert!(sleep.contains("Source ("), "{sleep}");
    let one = json_of(glasskin().args(["tips", "--json", "seven-skin-method"]));
    assert_eq!(one[0]["id"], "seven-skin-method");
    assert!(one[0]["sources"][0]["citation"].is_string());
    let output = glasskin()
        .args(["tips", "astrology"])
        .output()
        .expect("glasskin runs");
    // An unknown name is a value glasskin refuses, like an unknown product number.
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no tip or topic called `astrology`"));
}

fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

#[test]
fn plan_prints_a_week_writes_json_and_a_calendar() {
    let dir = tempdir();
    let calendar = dir.join("routine.ics");
    let out = stdout_of(
        glasskin()
            .arg("plan")
            .arg("--profile")
            .arg(example("profile.toml"))
            .arg("--shelf")
            .arg(example("shelf.toml"))
            .arg("--ics")
            .arg(&calendar),
    );
    assert!(out.contains("Week 1"), "{out}");
    assert!(out.contains("Mon AM"), "{out}");
    assert!(out.contains("Patch test Missha"), "{out}");
    // How the search did is for --json, not for the person reading the week.
    assert!(!out.contains("weighted uses"), "{out}");
    assert!(
        out.lines().all(|l| l.chars().count() <= 120),
        "long lines wrap: {out}"
    );
    let ics = std::fs::read_to_string(&calendar).expect("calendar written");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("RRULE:FREQ=WEEKLY"));
    assert!(ics.contains("BEGIN:VALARM"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        ics.matches("END:VEVENT").count()
    );

    let v = json_of(
        glasskin()
            .args(["plan", "--json", "--profile"])
            .arg(example("profile.toml"))
            .arg("--shelf")
            .arg(example("shelf.toml")),
    );
    let weeks = v["weeks"].as_array().expect("weeks");
    assert!(weeks.len() >= 2, "a ramp-up, then the steady week");
    assert_eq!(weeks[0]["sessions"].as_array().map(Vec::len), Some(14));
    assert_eq!(v["score"]["proven_optimal"], true);
    let last_am = &weeks[0]["sessions"][0]["steps"];
    let steps = last_am.as_array().expect("steps");
    assert_eq!(
        steps.last().map(|s| &s["step"]),
        Some(&serde_json::json!("sunscreen"))
    );
}

#[test]
fn plan_reports_bad_files_clearly() {
    let dir = tempdir();
    let profile = dir.join("profile.toml");
    std::fs::write(
        &profile,
        "skin_type = \"oily\"\nconcerns = [\"wrinkles\"]\n",
    )
    .expect("write");
    let output = glasskin()
        .arg("plan")
        .arg("--profile")
        .arg(&profile)
        .arg("--shelf")
        .arg(example("shelf.toml"))
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2), "a value refused");
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown concern `wrinkles`"));

    let shelf = dir.join("shelf.toml");
    std::fs::write(
        &shelf,
        "[[product]]\nname = \"Serum\"\ningredients = \"Water, Niacinamide\"\nfrequency = \"sometimes\"\n",
    )
    .expect("write");
    let output = glasskin()
        .arg("plan")
        .arg("--profile")
        .arg(example("profile.toml"))
        .arg("--shelf")
        .arg(&shelf)
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2), "a value refused");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("`Serum`") && err.contains("frequency"),
        "{err}"
    );

    std::fs::write(&profile, "skin_tone = \"warm\"\n").expect("write");
    let output = glasskin()
        .arg("plan")
        .arg("--profile")
        .arg(&profile)
        .arg("--shelf")
        .arg(example("shelf.toml"))
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2), "unknown fields are refused");

    // An empty shelf file is refused as an empty saved shelf is: same words, same exit.
    std::fs::write(&shelf, "product = []\n").expect("write");
    let file = glasskin()
        .args(["plan", "--profile"])
        .arg(example("profile.toml"))
        .arg("--shelf")
        .arg(&shelf)
        .output()
        .expect("glasskin runs");
    let saved = with_db(&dir.join("empty.db"))
        .args(["plan", "--profile"])
        .arg(example("profile.toml"))
        .output()
        .expect("glasskin runs");
    let file_err = String::from_utf8_lossy(&file.stderr);
    assert!(
        file_err.contains("the shelf has no products to plan"),
        "{file_err}"
    );
    assert_eq!(file_err, String::from_utf8_lossy(&saved.stderr));
    assert_eq!(file.status.code(), saved.status.code());
    assert_ne!(file.status.code(), Some(0));
}

/// A glasskin command on its own database file.
fn with_db(db: &std::path::Path) -> Command {
    let mut cmd = glasskin();
    cmd.env("GLASSKIN_DB", db);
    cmd
}

#[test]
fn profile_shelf_plan_export_and_import_on_a_real_database() {
    let dir = tempdir();
    let db = dir.join("data/glasskin.db");
    let out = stdout_of(with_db(&db).args([
        "profile",
        "set",
        "--skin-type",
        "oily",
        "--concern",
        "acne",
    ]));
    assert!(out.contains("skin type: oily"), "{out}");
    let out = stdout_of(with_db(&db).args([
        "shelf",
        "add",
        "--name",
        "BHA Liquid",
        "--opened",
        "2026-06-15",
        "--pao",
        "6 mois",
        "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20",
    ]));
    assert!(out.contains("#1 BHA Liquid: exfoliant"), "{out}");
    stdout_of(
        with_db(&db)
            .args(["shelf", "add", "--name", "Cleanser"])
            .write_stdin(
                "Water, Cocamidopropyl Betaine, Glycerin, Sodium Lauroyl Methyl Isethionate",
            ),
    );
    stdout_of(with_db(&db).args([
        "shelf",
        "add",
        "--name",
        "Cream",
        "--best-before",
        "2027-03-01",
        "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Phenoxyethanol",
    ]));
    let list = stdout_of(with_db(&db).args(["shelf", "list"]));
    assert!(
        list.contains("Cleanser") && list.contains("water-based cleanser"),
        "{list}"
    );
    assert!(list.contains("expiry unknown"), "{list}");
    let show = stdout_of(with_db(&db).args(["shelf", "show", "1"]));
    assert!(
        show.contains("SALICYLIC ACID") && show.contains("Step: exfoliant"),
        "{show}"
    );

    // The plan reads the saved profile and shelf.
    let plan = stdout_of(with_db(&db).arg("plan"));
    assert!(plan.contains("BHA Liquid"), "{plan}");
    assert!(plan.contains("no sunscreen"), "the gap is named: {plan}");

    stdout_of(with_db(&db).args(["shelf", "stop", "2", "--reason", "too drying"]));
    let export = dir.join("backup.json");
    stdout_of(with_db(&db).args(["export", "--output"]).arg(&export));
    let first = std::fs::read_to_string(&export).expect("export written");
    assert!(first.contains("\"schema_version\": "), "{first}");
    assert!(first.contains("too drying"));

    let other = dir.join("other.db");
    let out = stdout_of(with_db(&other).arg("import").arg(&export));
    assert!(out.contains("3 products"), "{out}");
    let again = stdout_of(with_db(&other).arg("export"));
    assert_eq!(first, again, "export, import, export is byte-identical");
}

#[test]
fn every_door_refuses_the_same_values() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    let refused = |args: &[&str]| {
        let output = with_db(&db).args(args).output().expect("glasskin runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let err = refused(&[
        "shelf",
        "add",
        "--name",
        "X",
        "--opened",
        "2999-01-01",
        "Water",
    ]);
    assert!(err.contains("opened: 2999-01-01 is in the future"), "{err}");
    let list = stdout_of(with_db(&db).args(["shelf", "list"]));
    assert!(list.contains("The shelf is empty"), "nothing added: {list}");

    stdout_of(with_db(&db).args(["shelf", "add", "--name", "Toner", "Water, Glycerin"]));
    let err = refused(&["shelf", "stop", "1", "--reason", "  "]);
    assert!(err.contains("reason: say why you stopped it"), "{err}");
    let list = stdout_of(with_db(&db).args(["shelf", "list"]));
    assert!(!list.contains("stopped"), "not stopped: {list}");

    let err = refused(&["profile", "set", "--concern", "wrinkles"]);
    assert!(err.contains("concern: unknown value `wrinkles`"), "{err}");
    assert!(err.contains("fine_lines"), "the concerns it knows: {err}");
}

#[test]
fn a_product_is_edited_in_place_and_a_bad_edit_changes_nothing() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    stdout_of(with_db(&db).args([
        "shelf",
        "add",
        "--name",
        "Essence",
        "--brand",
        "Missha",
        "Water, Glycerin, Niacinamide",
    ]));
    let edited = stdout_of(with_db(&db).args([
        "shelf",
        "edit",
        "1",
        "--name",
        "First Treatment Essence",
        "--brand",
        "",
        "--step",
        "essence",
        "--best-before",
        "2027-06-30",
    ]));
    assert!(
        edited.contains("#1 First Treatment Essence edited"),
        "{edited}"
    );
    let shelf: serde_json::Value =
        serde_json::from_str(&stdout_of(with_db(&db).args(["shelf", "list", "--json"])))
            .expect("json");
    let product = &shelf[0];
    assert_eq!(product["name"], "First Treatment Essence");
    assert_eq!(
        product["brand"],
        serde_json::Value::Null,
        "an empty brand clears it"
    );
    assert_eq!(product["step"], "essence");
    assert_eq!(product["best_before"], "2027-06-30");
    assert_eq!(product["label"], "Water, Glycerin, Niacinamide", "kept");

    let output = with_db(&db)
        .args(["shelf", "edit", "1", "--name", " ", "--step", "toner"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("a product needs a name"));
    let after: serde_json::Value =
        serde_json::from_str(&stdout_of(with_db(&db).args(["shelf", "list", "--json"])))
            .expect("json");
    assert_eq!(after, shelf, "nothing changed");
}

#[test]
fn store_errors_are_clear_and_change_nothing() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    // Exit 1 for a state to fix, 2 for an invalid value or an unknown id.
    let fail = |code: i32, args: &[&str], message: &str| {
        let output = with_db(&db).args(args).output().expect("glasskin runs");
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    };
    fail(1, &["profile", "show"], "no profile saved yet");
    fail(
        2,
        &["profile", "set", "--skin-type", "shiny"],
        "skin type: unknown value `shiny`",
    );
    fail(2, &["shelf", "show", "7"], "no product #7");
    fail(
        2,
        &[
            "shelf",
            "add",
            "--name",
            "X",
            "--opened",
            "2026-13-01",
            "Water",
        ],
        "is not a date",
    );
    fail(
        2,
        &["shelf", "add", "--name", "X", "--pao", "12 weeks", "Water"],
        "not months",
    );
    let list = stdout_of(with_db(&db).args(["shelf", "list"]));
    assert!(
        list.contains("The shelf is empty"),
        "nothing was added: {list}"
    );

    let foreign = dir.join("foreign.db");
    std::fs::write(&foreign, "not a database at all, just text").expect("write");
    let output = glasskin()
        .env("GLASSKIN_DB", &foreign)
        .args(["shelf", "list"])
        .output()
        .expect("glasskin runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot open the database"));
    assert_eq!(
        std::fs::read_to_string(&foreign).expect("read"),
        "not a database at all, just text"
    );
}

#[test]
fn log_a_diary_and_lifestyle_then_read_insights() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    let out = stdout_of(with_db(&db).args([
        "log",
        "diary",
        "--date",
        "2026-11-20",
        "--hydration",
        "4",
        "--glow",
        "3",
        "--spots",
        "1",
        "--note",
        "fine",
        "--tag",
        "travel",
    ]));
    assert!(out.contains("diary for 2026-11-20 saved"), "{out}");
    let out = stdout_of(with_db(&db).args([
        "log",
        "lifestyle",
        "--date",
        "2026-11-20",
        "--sleep",
        "7.5",
        "--stress",
        "2",
        "--diet",
        "dairy",
    ]));
    assert!(out.contains("lifestyle for 2026-11-20 saved"), "{out}");

    let bad = with_db(&db)
        .args(["log", "diary", "--hydration", "9"])
        .output()
        .expect("glasskin runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("hydration is rated 1 to 5"));
    let future = with_db(&db)
        .args(["log", "lifestyle", "--date", "2999-01-01", "--sleep", "8"])
        .output()
        .expect("glasskin runs");
    assert_eq!(future.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&future.stderr).contains("in the future"));

    let insights = stdout_of(with_db(&db).arg("insights"));
    assert!(insights.contains("not enough data yet"), "{insights}");
    let v = json_of(with_db(&db).args(["insights", "--json"]));
    assert!(v["summary"].is_string());
    assert!(
        v["associations"]["findings"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    let charts = dir.join("charts");
    stdout_of(with_db(&db).args(["insights", "--svg"]).arg(&charts));
    let ratings = std::fs::read_to_string(charts.join("ratings.svg")).expect("chart written");
    assert!(
        ratings.starts_with("<svg") && ratings.contains("<title"),
        "{ratings}"
    );
    assert!(charts.join("adherence.svg").exists());
    let tables = dir.join("csv");
    stdout_of(with_db(&db).args(["export", "--csv"]).arg(&tables));
    let diary = std::fs::read_to_string(tables.join("diary.csv")).expect("csv written");
    assert!(diary.starts_with("date,hydration,"), "{diary}");
    assert!(
        diary.contains("2026-11-20,4,,,,,3,1,fine,travel,"),
        "{diary}"
    );
    for table in ["products.csv", "lifestyle.csv", "checkoffs.csv"] {
        assert!(tables.join(table).exists(), "{table}");
    }
    let export = json_of(with_db(&db).arg("export"));
    assert_eq!(export["diary"][0]["notes"], "fine");
    assert_eq!(export["lifestyle"][0]["diet_tags"][0], "dairy");
}

#[test]
fn save_a_plan_and_tick_off_today() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    stdout_of(with_db(&db).args(["profile", "set", "--skin-type", "normal"]));
    for (name, label) in [
        (
            "Cleanser",
            "Water, Cocamidopropyl Betaine, Glycerin, Sodium Lauroyl Methyl Isethionate",
        ),
        (
            "Cream",
            "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Phenoxyethanol",
        ),
        (
            "Sunscreen SPF 50",
            "Water, Zinc Oxide, Glycerin, Phenoxyethanol",
        ),
    ] {
        stdout_of(with_db(&db).args(["shelf", "add", "--name", name, label]));
    }
    let output = with_db(&db).arg("today").output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("glasskin plan --save"));

    let saved = with_db(&db)
        .args(["plan", "--save"])
        .output()
        .expect("runs");
    assert!(saved.status.success());
    assert!(String::from_utf8_lossy(&saved.stderr).contains("saved as plan #1"));
    let out = stdout_of(with_db(&db).args(["today", "--done", "am"]));
    assert!(out.contains("[x] #3 Sunscreen SPF 50"), "{out}");
    assert!(
        out.contains("[ ] #2 Cream"),
        "the evening is still to do: {out}"
    );
    let out = stdout_of(with_db(&db).args(["today", "--undo", "am:3"]));
    assert!(out.contains("[ ] #3 Sunscreen SPF 50"), "{out}");
    assert!(
        out.contains("By step:") && out.contains("sunscreen 0 of 1"),
        "{out}"
    );
    let bad = with_db(&db)
        .args(["today", "--done", "noon"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let export = json_of(with_db(&db).arg("export"));
    assert_eq!(export["plans"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        export["checkoffs"].as_array().map(Vec::len),
        Some(2),
        "cleanser and cream this morning"
    );
}

#[test]
fn patch_test_a_new_product() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    stdout_of(with_db(&db).args([
        "shelf",
        "add",
        "--new",
        "--name",
        "Retinol Serum",
        "Squalane, Caprylic/Capric Triglyceride, Retinol",
    ]));
    let out = stdout_of(with_db(&db).args(["patch", "start", "1"]));
    assert!(
        out.contains("patch testing #1 Retinol Serum on the inner arm"),
        "{out}"
    );
    let out = stdout_of(with_db(&db).args(["patch", "check"]));
    assert!(out.contains("1 days checked, 6 to go"), "{out}");
    let early = with_db(&db).args(["patch", "end"]).output().expect("runs");
    assert_eq!(early.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&early.stderr).contains("more days"));
    let out = stdout_of(with_db(&db).args(["patch", "check", "--reaction", "itching"]));
    assert!(out.contains("itching"), "{out}");
    let out = stdout_of(with_db(&db).args(["patch", "end"]));
    assert!(out.contains("failed"), "{out}");
    let list = stdout_of(with_db(&db).args(["shelf", "list"]));
    assert!(list.contains("stopped"), "{list}");
    let status = stdout_of(with_db(&db).args(["patch", "status"]));
    assert!(status.contains("failed on"), "{status}");
}

#[test]
fn log_alone_asks_for_the_day_one_question_at_a_time() {
    let dir = tempdir();
    let db = dir.join("questions.db");
    // Hydration 4; oiliness first out of range (asked again), then 3; a note with a comma;
    // sleep with a decimal comma; the rest skipped; two diet tags.
    let answers = "4\n9\n3\n\n2\n\n\n5\nwindy, dry day\n7,5\n\n30\n2\ndairy Alcohol\n";
    let output = with_db(&db)
        .arg("log")
        .write_stdin(answers)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let asked = String::from_utf8_lossy(&output.stderr);
    assert!(asked.contains("`9`: 1 to 5"), "{asked}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("diary and day"));
    let export = json_of(with_db(&db).arg("export"));
    let diary = &export["diary"][0];
    assert_eq!(diary["hydration"], 4);
    assert_eq!(diary["oiliness"], 3);
    assert_eq!(diary["breakouts"], serde_json::Value::Null);
    assert_eq!(diary["redness"], 2);
    assert_eq!(diary["breakout_count"], 5);
    assert_eq!(diary["notes"], "windy, dry day");
    let day = &export["lifestyle"][0];
    assert_eq!(day["sleep_hours"], 7.5);
    assert_eq!(day["exercise_minutes"], 30);
    assert_eq!(day["stress"], 2);
    assert_eq!(day["diet_tags"], serde_json::json!(["dairy", "alcohol"]));

    // Every question skipped: nothing saved.
    let empty = dir.join("skipped.db");
    let skipped = stdout_of(with_db(&empty).arg("log").write_stdin("\n\n\n"));
    assert!(skipped.contains("nothing saved"), "{skipped}");
    let export = json_of(with_db(&empty).arg("export"));
    assert_eq!(export["diary"], serde_json::json!([]));
    assert_eq!(export["lifestyle"], serde_json::json!([]));
}

/// `glasskin serve` says where it listens, logs each request, and stops cleanly on Ctrl-C.
#[test]
fn serve_logs_requests_and_stops_on_ctrl_c() {
    use std::io::{Read, Write};
    let dir = tempdir();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let addr = format!("127.0.0.1:{port}");
    let mut server = std::process::Command::new(assert_cmd::cargo::cargo_bin("glasskin"))
        .args(["--db"])
        .arg(dir.join("serve.db"))
        .args(["serve", "--addr", &addr])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let start = std::time::Instant::now();
    let mut stream = loop {
        match std::net::TcpStream::connect(&addr) {
            Ok(stream) => break stream,
            Err(_) if start.elapsed() < std::time::Duration::from_secs(20) => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => panic!("glasskin serve is not listening: {e}"),
        }
    };
    write!(
        stream,
        "GET /api/tips HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("asks");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("answers");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");

    // The shell's own kill, since procps's `kill` binary is not on every machine.
    let interrupted = std::process::Command::new("/bin/sh")
        .args(["-c", "kill -INT \"$1\"", "sh", &server.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let status = server.wait().expect("exits");
    assert!(status.success(), "Ctrl-C is a clean stop: {status}");
    let mut log = String::new();
    server
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("log");
    assert!(log.contains("this computer only"), "{log}");
    assert!(log.contains("/api/tips"), "a log line per request: {log}");
    assert!(log.contains("200"), "{log}");
    assert!(
        !log.contains('\u{1b}'),
        "no colour codes in a log that is not a terminal: {log}"
    );
}

#[test]
fn profile_set_takes_the_days_and_the_step_limit() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    let out = stdout_of(with_db(&db).args([
        "profile",
        "set",
        "--skin-type",
        "dry",
        "--makeup-days",
        "weekdays",
        "--short-days",
        "sat,sun",
        "--max-steps",
        "5",
    ]));
    assert!(
        out.contains("sunscreen or make-up on mon, tue, wed, thu, fri"),
        "{out}"
    );
    assert!(out.contains("short days: sat, sun"), "{out}");
    assert!(out.contains("at most 5 steps a routine"), "{out}");
    for (option, value, words) in [
        ("--max-steps", "2", "max_steps: 2 is out of range"),
        ("--short-days", "funday", "short_days: unknown day `funday`"),
    ] {
        let refused = with_db(&db)
            .args(["profile", "set", option, value])
            .output()
            .expect("glasskin runs");
        assert_eq!(refused.status.code(), Some(2), "{option} {value}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(err.contains(words), "{err}");
    }
    let out = stdout_of(with_db(&db).args([
        "profile",
        "set",
        "--max-steps",
        "none",
        "--short-days",
        "none",
        "--makeup-days",
        "daily",
    ]));
    assert!(
        !out.contains("short days") && !out.contains("at most"),
        "{out}"
    );
    assert!(!out.contains("make-up"), "every day is the default: {out}");
}

#[test]
fn logging_a_day_again_adds_to_it() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    let log = |args: &[&str]| stdout_of(with_db(&db).arg("log").args(args));
    // Today, so that the questions of `glasskin log` (always today) reach the same day.
    let day = "--tag=morning";
    log(&[
        "diary",
        day,
        "--hydration",
        "4",
        "--glow",
        "3",
        "--note",
        "felt tight",
    ]);
    log(&["diary", day]);
    log(&["lifestyle", day, "--sleep", "7.5", "--stress", "2"]);
    log(&["lifestyle", day, "--diet", "dairy"]);
    let saved = json_of(with_db(&db).arg("export"));
    let skin = &saved["diary"][0];
    assert_eq!(skin["hydration"], 4, "{saved}");
    assert_eq!(skin["glow"], 3);
    assert_eq!(skin["notes"], "felt tight");
    let life = &saved["lifestyle"][0];
    assert_eq!(life["sleep_hours"], 7.5, "{saved}");
    assert_eq!(life["stress"], 2);
    assert_eq!(life["diet_tags"][0], "dairy");

    // Clearing is explicit, field by field.
    log(&["diary", day, "--clear", "note", "--clear", "glow"]);
    let saved = json_of(with_db(&db).arg("export"));
    assert!(saved["diary"][0]["notes"].is_null() && saved["diary"][0]["glow"].is_null());
    assert_eq!(saved["diary"][0]["hydration"], 4);
    let refused = with_db(&db)
        .args(["log", "diary", day, "--clear", "glowy"])
        .output()
        .expect("glasskin runs");
    assert_eq!(refused.status.code(), Some(2));

    // The questions: Enter skips a question, and a skipped value is kept.
    let out = with_db(&db)
        .arg("log")
        .write_stdin("\n\n\n\n\n5\n\n\n\n\n\n\n\n")
        .output()
        .expect("glasskin runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = json_of(with_db(&db).arg("export"));
    assert_eq!(saved["diary"][0]["hydration"], 4, "{saved}");
    assert_eq!(saved["diary"][0]["glow"], 5, "the one answer given");
    assert_eq!(saved["diary"][0]["tags"][0], "morning");
    assert_eq!(saved["lifestyle"][0]["sleep_hours"], 7.5, "{saved}");
}

#[test]
fn serve_says_why_it_cannot_listen() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = taken.local_addr().expect("bound").port();
    let dir = tempdir();
    let busy = with_db(&dir.join("serve.db"))
        .args(["serve", "--addr", &format!("localhost:{port}")])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("glasskin runs");
    let err = String::from_utf8_lossy(&busy.stderr);
    assert_eq!(busy.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}"))
            && err.contains("choose another port with --addr"),
        "localhost:PORT is read, and a port in use is named with what to do: {err}"
    );
    let bad = glasskin()
        .args(["serve", "--addr", "my laptop:80"])
        .output()
        .expect("glasskin runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not ADDRESS:PORT"));
}

#[test]
fn devices_are_listed_renamed_and_revoked() {
    let dir = tempdir();
    let db = dir.join("glasskin.db");
    let out = stdout_of(with_db(&db).args(["devices"]));
    assert!(out.contains("No device is paired"), "{out}");
    assert!(out.contains("glasskin serve --lan"), "says how: {out}");
    assert_eq!(
        stdout_of(with_db(&db).args(["devices", "--json"])).trim(),
        "[]"
    );
    // A phone paired through the web app, as its pairing leaves it in the store.
    let mut store = glasskin_store::SqliteStore::open(&db, "local").expect("opens");
    let paired: jiff::Timestamp = "2026-12-07T08:00:00Z".parse().expect("time");
    glasskin_store::Store::add_device(&mut store, "Android phone, Chrome", &[3; 32], paired)
        .expect("pairs");
    drop(store);
    let out = stdout_of(with_db(&db).args(["devices", "list"]));
    assert!(
        out.contains("#1") && out.contains("Android phone, Chrome"),
        "{out}"
    );
    let out = stdout_of(with_db(&db).args(["devices", "rename", "1", "Bathroom phone"]));
    assert!(out.contains("#1 renamed Bathroom phone"), "{out}");
    let listed = stdout_of(with_db(&db).args(["devices", "--json"]));
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed[0]["name"], "Bathroom phone");
    let out = stdout_of(with_db(&db).args(["devices", "revoke", "1"]));
    assert!(out.contains("#1 revoked"), "{out}");
    // Revoking it again, or a name too long, is refused with exit 2 and why.
    let long = "x".repeat(61);
    for (args, words) in [
        (vec!["devices", "revoke", "1"], "no paired device #1"),
        (
            vec!["devices", "rename", "9", long.as_str()],
            "at most 60 characters",
        ),
    ] {
        let refused = with_db(&db).args(&args).output().expect("runs");
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(err.contains(words), "{args:?}: {err}");
    }
}
