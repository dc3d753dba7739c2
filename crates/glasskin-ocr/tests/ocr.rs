//! The scanner on photos the tests render themselves (`glasskin_ocr::synth`), and the
//! knowledge base's corrections on words as an engine reads them.
//!
//! The photo tests need Tesseract and the fonts (`.ci/run` installs both); without them they
//! are skipped with a message, and `GLASSKIN_REQUIRE_OCR=1` makes that a failure.

use glasskin_ocr::synth::{self, Difficulty, Label, Score, Spec};
use glasskin_ocr::{Page, PageWord, Scanner, assemble};

fn names(text: &str) -> Vec<Option<&'static str>> {
    glasskin_core::analyze(text, glasskin_kb::kb())
        .entries()
        .map(|e| e.inci())
        .collect()
}

/// The scanner and fonts, or `None` (skip) where they are missing and not required.
fn setup() -> Option<(Scanner, Vec<std::path::PathBuf>)> {
    let scanner = Scanner::from_env();
    let fonts = synth::fonts();
    let missing = match (scanner.check(), fonts.is_empty()) {
        (Err(e), _) => Some(e.to_string()),
        (Ok(()), true) => {
            Some("no fonts: apt-get install fonts-dejavu-core fonts-liberation2".into())
        }
        (Ok(()), false) => None,
    };
    match missing {
        None => Some((scanner, fonts)),
        Some(why) if std::env::var_os("GLASSKIN_REQUIRE_OCR").is_some() => {
            panic!("GLASSKIN_REQUIRE_OCR is set: {why}")
        }
        Some(why) => {
            eprintln!("skipped: {why}");
            None
        }
    }
}

fn read(scanner: &Scanner, photos: &[Vec<u8>]) -> String {
    let pages: Vec<Page> = photos
        .iter()
        .map(|p| scanner.read(p).expect("the photo is read"))
        .collect();
    assemble(&pages, glasskin_kb::kb()).text
}

fn score(label: &Label, text: &str) -> Score {
    Score::of(&names(&label.with_heading()), &names(text))
}

#[test]
fn clean_and_moderate_photos_are_read_to_the_right_names() {
    let Some((scanner, fonts)) = setup() else {
        return;
    };
    let labels = synth::labels();
    for difficulty in [Difficulty::Clean, Difficulty::Moderate] {
        let mut total = Score::default();
        // Four labels of each: every font, PNG and JPEG, both directions of tilt.
        for n in [0, 3, 6, 10] {
            let photo = synth::photo(&labels[n], &Spec::of(difficulty, n, &fonts));
            let text = read(&scanner, &[photo]);
            total.add(score(&labels[n], &text));
        }
        assert!(
            total.recall() >= 0.9 && total.extra_rate() <= 0.05,
            "{}: {total:?}",
            difficulty.name()
        );
    }
}

#[test]
fn white_text_on_a_coloured_label_is_read() {
    let Some((scanner, fonts)) = setup() else {
        return;
    };
    let label = &synth::labels()[2];
    let spec = Spec {
        ink: [250, 250, 250],
        paper: [40, 90, 150],
        ..Spec::of(Difficulty::Clean, 2, &fonts)
    };
    let page = scanner
        .read(&synth::photo(label, &spec))
        .expect("the photo is read");
    assert!(page.inverted, "the polarity is found");
    let text = assemble(&[page], glasskin_kb::kb()).text;
    let s = score(label, &text);
    assert!(s.recall() >= 0.9, "{s:?}\n{text}");
}

#[test]
fn a_photo_upside_down_is_turned_and_read() {
    let Some((scanner, fonts)) = setup() else {
        return;
    };
    let label = &synth::labels()[6];
    let spec = Spec::of(Difficulty::Clean, 6, &fonts);
    let upside_down = synth::rotate(&synth::render(label, &spec), 180.0, spec.paper);
    let page = scanner
        .read(&synth::encode(&upside_down, None))
        .expect("the photo is read");
    assert!(
        (page.turned_deg - 180.0).abs() < 1.0,
        "turned {}",
        page.turned_deg
    );
    let text = assemble(&[page], glasskin_kb::kb()).text;
    assert!(score(label, &text).recall() >= 0.9, "{text}");
}

#[test]
fn directions_in_a_column_beside_the_list_are_not_entries() {
    let Some((scanner, fonts)) = setup() else {
        return;
    };
    let label = &synth::labels()[1];
    let spec = Spec {
        two_columns: true,
        ..Spec::of(Difficulty::Clean, 1, &fonts)
    };
    let text = read(&scanner, &[synth::photo(label, &spec)]);
    let s = score(label, &text);
    assert!(s.recall() >= 0.9 && s.extra == 0, "{s:?}\n{text}");
    assert!(!text.contains("morning and evening"), "{text}");
}

#[test]
fn a_label_round_the_bottle_in_two_photos_is_one_list() {
    let Some((scanner, fonts)) = setup() else {
        return;
    };
    let label = &synth::labels()[3];
    let names_written: Vec<&str> = label.text.split(", ").collect();
    let (first, second) = names_written.split_at(names_written.len() / 2);
    let part = |text: String, directions: &str| Label {
        name: label.name.clone(),
        text,
        directions: directions.into(),
        ..label.clone()
    };
    let spec = Spec::of(Difficulty::Clean, 3, &fonts);
    let one = synth::photo(
        &part(format!("{},", first.join(", ")), "Made in France."),
        &spec,
    );
    // The second photo has no heading: it continues the list.
    let mut spec_two = spec.clone();
    spec_two.seed += 1;
    let two_label = part(second.join(", "), &label.directions);
    let two = synth::encode(&synth::render_plain(&two_label, &spec_two), None);
    let text = read(&scanner, &[one, two]);
    let s = score(label, &text);
    assert!(s.recall() >= 0.9, "{s:?}\n{text}");
}

fn word(text: &str, confidence: f32, line: u32) -> PageWord {
    PageWord {
        text: text.into(),
        confidence,
        block: 1,
        paragraph: 1,
        line,
        bbox: [0; 4],
    }
}

fn page(words: Vec<PageWord>) -> Page {
    Page {
        words,
        turned_deg: 0.0,
        scale: 1.0,
        inverted: false,
    }
}

#[test]
fn the_knowledge_base_corrects_confusions_only_where_it_is_sure_and_says_so() {
    let p = page(vec![
        word("Ingredients:", 95.0, 1),
        word("Aqua,", 96.0, 1),
        word("G1ycerin,", 80.0, 1),
        word("Sodiurn", 70.0, 2),
        word("Benzoate,", 90.0, 2),
        word("1,2-Hexa-", 88.0, 2),
        word("nediol,", 90.0, 3),
        word("Beta-", 90.0, 3),
        word("Glucan,", 90.0, 4),
        word("Zqxv", 20.0, 4),
        word("Extract,", 91.0, 4),
        word("Cl", 85.0, 4),
        word("77499.", 90.0, 4),
        word("Directions:", 90.0, 5),
        word("Massage", 90.0, 5),
    ]);
    let reading = assemble(&[p], glasskin_kb::kb());
    assert_eq!(
        reading.text,
        "Ingredients: Aqua, Glycerin, Sodium Benzoate, 1,2-Hexanediol, Beta-Glucan, Zqxv Extract, CI 77499.",
        "directions are not the list"
    );
    let corrected: Vec<(&str, &str)> = reading
        .words
        .iter()
        .filter_map(|w| {
            w.corrected
                .as_ref()
                .map(|c| (w.text.as_str(), c.read.as_str()))
        })
        .collect();
    assert_eq!(
        corrected,
        [
            ("Glycerin,", "G1ycerin,"),
            ("Sodium", "Sodiurn"),
            ("1,2-Hexanediol,", "1,2-Hexa- nediol,"),
            ("CI", "Cl"),
        ]
    );
    let unreadable: Vec<&str> = reading
        .words
        .iter()
        .filter(|w| w.unreadable)
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!(unreadable, ["Zqxv"]);
    // Each word's span is where its text stands.
    for w in &reading.words {
        assert_eq!(&reading.text[w.span.clone()], w.text);
    }
    assert!(reading.heading_found);
}

#[test]
fn a_known_word_is_never_changed_and_an_ambiguous_one_is_left_alone() {
    // "Cetyl" is known; "Bau1" could be "baul" or "baui", neither known: left as read.
    let p = page(vec![word("Cetyl", 60.0, 1), word("Bau1", 90.0, 1)]);
    let reading = assemble(&[p], glasskin_kb::kb());
    assert_eq!(reading.text, "Cetyl Bau1");
    assert!(reading.words.iter().all(|w| w.corrected.is_none()));
    assert!(!reading.heading_found);
}

#[test]
fn a_comma_read_as_a_period_between_names_is_a_comma() {
    let p = page(vec![
        word("Glycerin.", 90.0, 1),
        word("Panthenol.", 90.0, 1),
    ]);
    let reading = assemble(&[p], glasskin_kb::kb());
    assert_eq!(reading.text, "Glycerin, Panthenol.");
    let c = reading.words[0].corrected.as_ref().expect("corrected");
    assert_eq!(c.read, "Glycerin.");
}

#[test]
fn a_slash_read_as_a_letter_and_a_near_miss_are_mended_and_marked() {
    let p = page(vec![
        word("CapryliciCapric", 80.0, 1),
        word("Triglyceride,", 90.0, 1),
        word("Trehalcse,", 70.0, 1),
    ]);
    let reading = assemble(&[p], glasskin_kb::kb());
    assert_eq!(reading.text, "Caprylic/Capric Triglyceride, Trehalose,");
    let whys: Vec<&str> = reading
        .words
        .iter()
        .filter_map(|w| w.corrected.as_ref().map(|c| c.why.as_str()))
        .collect();
    assert_eq!(whys.len(), 2, "{whys:?}");
    assert_eq!(whys[0], "a slash read as a letter");
}

/// The Hangul fonts, or `None` (skip) where they or Tesseract's Korean data are missing and
/// not required.
fn korean_setup() -> Option<(Scanner, Vec<std::path::PathBuf>)> {
    let (scanner, _) = setup()?;
    let fonts = synth::korean_fonts();
    let program = std::env::var("GLASSKIN_TESSERACT").unwrap_or_else(|_| "tesseract".into());
    let korean_data = std::process::Command::new(program)
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == "kor")
        });
    if fonts.is_empty() || !korean_data {
        let why = "no Hangul font or no Korean data: apt-get install fonts-nanum tesseract-ocr-kor";
        assert!(
            std::env::var_os("GLASSKIN_REQUIRE_OCR").is_none(),
            "GLASSKIN_REQUIRE_OCR is set: {why}"
        );
        eprintln!("skipped: {why}");
        return None;
    }
    Some((scanner, fonts))
}

#[test]
fn a_korean_label_is_read_in_korean() {
    let Some((scanner, fonts)) = korean_setup() else {
        return;
    };
    let labels = synth::korean_labels();
    let label = &labels[1];
    // Nothing says the photo is Korean: the English reading's scraps send it to `kor`.
    let photo = synth::photo(label, &Spec::of(Difficulty::Clean, 1, &fonts));
    let text = read(&scanner, &[photo]);
    assert!(text.contains("전성분"), "{text}");
    let s = score(label, &text);
    assert!(s.recall() >= 0.9 && s.extra_rate() <= 0.1, "{s:?}\n{text}");
}

#[test]
fn a_noisy_grey_korean_photo_whose_layout_loses_the_heading_is_read_in_korean() {
    let Some((scanner, fonts)) = korean_setup() else {
        return;
    };
    let labels = synth::korean_labels();
    // Grey on grey, 7 pt, tilted 12°, noisy: read as a page, the heading is lost and only a
    // line of directions is read; read as one column, the list is found.
    let spec = Spec::of(Difficulty::Hard, 7, &fonts);
    let label = &labels[7 % labels.len()];
    let page = scanner
        .read(&synth::photo(label, &spec))
        .expect("the photo is read");
    let reading = assemble(&[page], glasskin_kb::kb());
    assert!(reading.text.contains("전성분"), "{}", reading.text);
    // What is analysed: the entries too garbled to name are left for the person to correct.
    let s = score(label, &reading.analysed_text());
    assert!(
        s.recall() >= 0.5 && s.extra_rate() <= 0.1,
        "{s:?}\n{}",
        reading.text
    );
}

#[test]
fn hard_korean_photos_are_levelled_through_noise_and_two_columns() {
    let fonts = synth::korean_fonts();
    if fonts.is_empty() {
        let why = "no Hangul font: apt-get install fonts-nanum";
        assert!(
            std::env::var_os("GLASSKIN_REQUIRE_OCR").is_none(),
            "GLASSKIN_REQUIRE_OCR is set: {why}"
        );
        eprintln!("skipped: {why}");
        return;
    }
    // Short Hangul lines, tilted, bent or in perspective, beside a column of directions at
    // another height, under heavy noise: the angle that levels them is found on each.
    let labels = synth::korean_labels();
    for n in 0..12 {
        let spec = Spec::of(Difficulty::Hard, n, &fonts);
        let photo = synth::photo(&labels[n % labels.len()], &spec);
        let prepared = glasskin_ocr::prepare(&photo).expect("the photo is prepared");
        // The photo was turned by `rotate_deg` one way; levelling turns it back.
        let off = prepared.skew_deg + spec.rotate_deg;
        assert!(
            off.abs() <= 1.5,
            "photo {n}: {spec:?}, levelled by {}",
            prepared.skew_deg
        );
    }
}
