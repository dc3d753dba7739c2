//! `glasskin analyze --image`: photos the tests render (`glasskin_ocr::synth`), read by
//! Tesseract, and the errors for files that are not photos. The photo tests are skipped with a
//! message where Tesseract or the fonts are missing, unless `GLASSKIN_REQUIRE_OCR` is set.

use std::path::PathBuf;

use assert_cmd::Command;
use glasskin_ocr::synth::{self, Difficulty, Spec};

fn glasskin() -> Command {
    let mut cmd = Command::cargo_bin("glasskin").expect("the glasskin binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scan");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(name)
}

fn ocr_ready() -> bool {
    let ready = glasskin_ocr::Scanner::from_env().check().is_ok() && !synth::fonts().is_empty();
    if !ready {
        assert!(
            std::env::var_os("GLASSKIN_REQUIRE_OCR").is_none(),
            "GLASSKIN_REQUIRE_OCR is set, but Tesseract or the fonts are missing"
        );
        eprintln!("skipped: Tesseract or the fonts are missing (see docs/ocr.md)");
    }
    ready
}

#[test]
fn a_file_that_is_not_a_photo_is_named_with_exit_2() {
    let path = scratch("label.txt");
    std::fs::write(&path, "Water, Glycerin").expect("written");
    let out = glasskin()
        .args(["analyze", "--image"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("label.txt: not a JPEG or PNG image"), "{err}");
}

#[test]
fn a_missing_photo_is_named_with_exit_1() {
    let out = glasskin()
        .args(["analyze", "--image", "no-such-photo.jpg"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read the photo no-such-photo.jpg"),
        "{err}"
    );
}

#[test]
fn without_tesseract_the_error_says_how_to_install_it() {
    let path = scratch("blank.png");
    std::fs::write(&path, synth::blank_png(200, 100)).expect("written");
    let out = glasskin()
        .env("GLASSKIN_TESSERACT", "/nonexistent/tesseract")
        .args(["analyze", "--image"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install tesseract-ocr"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn a_photo_gives_the_analysis_the_reading_and_the_text_read() {
    if !ocr_ready() {
        return;
    }
    let fonts = synth::fonts();
    let labels = synth::labels();
    let path = scratch("serum.jpg");
    std::fs::write(
        &path,
        synth::photo(&labels[2], &Spec::of(Difficulty::Moderate, 2, &fonts)),
    )
    .expect("written");
    let out = glasskin()
        .args(["analyze", "--name", "Niacinamide Serum", "--image"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("NIACINAMIDE"), "{table}");
    assert!(table.contains("Step: serum"), "{table}");
    assert!(table.contains("Read from "), "{table}");
    assert!(table.contains("Text read"), "{table}");

    let out = glasskin()
        .args(["analyze", "--json", "--image"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let entries = json["products"][0]["entries"].as_array().expect("entries");
    let readings = json["ocr"]["entries"][0].as_array().expect("readings");
    assert_eq!(entries.len(), readings.len(), "one reading per entry");
    assert!(readings.iter().all(|r| r["position"].is_u64()));
    let text = json["ocr"]["text"].as_str().expect("text");
    // The text starts at the list's heading, however its case was read.
    assert!(text.to_lowercase().starts_with("ingredients:"), "{text}");
    assert!(!text.contains("Directions"), "{text}");
    assert!(
        json["ocr"]["words"]
            .as_array()
            .is_some_and(|w| !w.is_empty())
    );
    assert_eq!(json["ocr"]["photos"][0]["name"], path.display().to_string());
}

#[test]
fn batch_lines_may_give_photos_and_a_bad_one_is_an_error_line() {
    let input = scratch("batch.jsonl");
    let missing = scratch("missing.jpg");
    let not_photo = scratch("batch-label.txt");
    std::fs::write(&not_photo, "Water").expect("written");
    let mut lines = vec![
        serde_json::json!({"id": "missing", "images": [missing]}),
        serde_json::json!({"id": "text", "images": [not_photo]}),
        serde_json::json!({"id": "none"}),
    ];
    let ready = ocr_ready();
    if ready {
        let fonts = synth::fonts();
        let photo = scratch("batch-toner.png");
        let labels = synth::labels();
        std::fs::write(
            &photo,
            synth::photo(&labels[1], &Spec::of(Difficulty::Clean, 1, &fonts)),
        )
        .expect("written");
        lines.push(serde_json::json!({"id": "photo", "images": [photo], "name": "Toner"}));
    }
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&input, text.join("\n")).expect("written");
    let out = glasskin()
        .args(["analyze", "--batch"])
        .arg(&input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), lines.len());
    let missing_message = records[0]["error"]["message"].as_str().expect("error");
    assert!(missing_message.contains("missing.jpg"), "{missing_message}");
    let text_message = records[1]["error"]["message"].as_str().expect("error");
    assert!(
        text_message.contains("batch-label.txt: not a JPEG or PNG image"),
        "{text_message}"
    );
    assert!(records[2]["error"]["message"].as_str().is_some());
    if ready {
        let photo = &records[3];
        assert_eq!(photo["id"], "photo");
        assert_eq!(photo["category"], "toner", "{photo}");
        assert!(
            photo["ocr"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("Glycerin"))
        );
        assert!(photo["ocr"]["confidence"].as_f64().is_some_and(|c| c > 0.5));
    }
}
