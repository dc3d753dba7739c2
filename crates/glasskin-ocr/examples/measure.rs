//! Measures the scanner on the synthetic photos: per difficulty, the share of entries read to
//! the right canonical name, extra entries, entries marked unreadable (shown to be corrected,
//! not analysed) and time per photo (docs/ocr.md).
//!
//! `cargo run --release -p glasskin-ocr --features synth --example measure -- [--variants N]
//! [--holdout] [--korean] [--only ROW] [--dump DIR] [--texts FILE.json] [-v]`: `--variants`
//! renders each label N times per difficulty (fonts, angles and layouts vary with it);
//! `--holdout` adds rows for the labels never tuned on, `--korean` for the Korean labels (and
//! with both, for the Korean labels never tuned on);
//! `--only` measures one row ("hard", "clean-kor"); `--dump` writes the photos and
//! `expected.json` there; `--texts` scores texts another engine read from dumped photos (a
//! JSON object from file name to text) instead of running Tesseract.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use glasskin_ocr::synth::{self, Difficulty, Score, Spec};
use glasskin_ocr::{Scanner, assemble};

fn names(text: &str) -> Vec<Option<&'static str>> {
    glasskin_core::analyze(text, glasskin_kb::kb())
        .entries()
        .map(|e| e.inci())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let variants: usize = value("--variants")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let dump = value("--dump");
    let verbose = args.iter().any(|a| a == "-v");
    // `--only hard`: one difficulty, to iterate faster.
    let only = value("--only");
    let texts: Option<BTreeMap<String, serde_json::Value>> = value("--texts").map(|path| {
        let file = std::fs::read_to_string(&path).expect("--texts file readable");
        serde_json::from_str(&file).expect("--texts file is a JSON object")
    });
    let fonts = synth::fonts();
    assert!(
        !fonts.is_empty(),
        "no fonts: apt-get install fonts-dejavu-core fonts-liberation2"
    );
    // The labels tuned on; with `--holdout` those never tuned on, with `--korean` the Korean
    // ones (in a Hangul font).
    let holdout = args.iter().any(|a| a == "--holdout");
    let mut sets = vec![("", synth::labels(), fonts.clone())];
    if holdout {
        sets.push(("-holdout", synth::holdout_labels(), fonts));
    }
    if args.iter().any(|a| a == "--korean") {
        let korean = synth::korean_fonts();
        assert!(
            !korean.is_empty(),
            "no Hangul fonts: apt-get install fonts-nanum"
        );
        sets.push(("-kor", synth::korean_labels(), korean.clone()));
        if holdout {
            sets.push(("-kor-holdout", synth::korean_holdout_labels(), korean));
        }
    }
    let scanner = Scanner::from_env();
    if texts.is_none() {
        scanner.check().unwrap_or_else(|e| panic!("{e}"));
    }
    if let Some(dir) = &dump {
        std::fs::create_dir_all(dir).expect("dump folder");
    }
    println!("difficulty      photos  entries  right   extra  unread   mean s  max s");
    for (set, labels, fonts) in &sets {
        for difficulty in Difficulty::ALL {
            let row = format!("{}{set}", difficulty.name());
            if only
                .as_deref()
                .is_some_and(|o| o != difficulty.name() && o != row)
            {
                continue;
            }
            let mut score = Score::default();
            let mut unreadable = 0;
            let (mut total, mut max, mut photos) = (Duration::ZERO, Duration::ZERO, 0);
            for v in 0..variants {
                for (n, label) in labels.iter().enumerate() {
                    let spec = Spec::of(difficulty, n + v * labels.len(), fonts);
                    let bytes = synth::photo(label, &spec);
                    let file = format!(
                        "{row}-{:03}.{}",
                        n + v * labels.len(),
                        if spec.jpeg_quality.is_some() {
                            "jpg"
                        } else {
                            "png"
                        }
                    );
                    if let Some(dir) = &dump {
                        std::fs::write(format!("{dir}/{file}"), &bytes).expect("dump written");
                    }
                    let expected = names(&label.with_heading());
                    let (text, took, unread) = match &texts {
                        Some(texts) => {
                            let t = &texts[&file];
                            let seconds = t["seconds"].as_f64().unwrap_or(0.0);
                            (
                                t["text"].as_str().unwrap_or_default().to_owned(),
                                Duration::from_secs_f64(seconds),
                                0,
                            )
                        }
                        None => {
                            let start = Instant::now();
                            let reading = match scanner.read(&bytes) {
                                Ok(page) => assemble(&[page], glasskin_kb::kb()),
                                Err(e) => {
                                    eprintln!("{file}: {e}");
                                    Default::default()
                                }
                            };
                            let took = start.elapsed();
                            if verbose {
                                let words: Vec<String> = reading
                                    .words
                                    .iter()
                                    .map(|w| {
                                        format!(
                                            "{}/{:.0}{}",
                                            w.text,
                                            w.confidence * 100.0,
                                            if w.unreadable { "?" } else { "" }
                                        )
                                    })
                                    .collect();
                                println!("=== {file} words: {}", words.join(" "));
                            }
                            // Entries marked unreadable are shown to be corrected, not analysed.
                            (
                                reading.analysed_text(),
                                took,
                                reading.unreadable_entries.len(),
                            )
                        }
                    };
                    let read = names(&text);
                    let s = Score::of(&expected, &read);
                    if verbose && (s.right < s.expected || s.extra > 0) {
                        println!(
                            "--- {file}: {}/{} right, {} extra\n{text}",
                            s.right, s.expected, s.extra
                        );
                        let missing: Vec<_> = expected
                            .iter()
                            .flatten()
                            .filter(|e| !read.contains(&Some(**e)))
                            .collect();
                        println!("missing: {missing:?}");
                        // The entries read that are not on the label: as written, and how the
                        // analyzer matched them.
                        let mut left: Vec<Option<&str>> = expected.clone();
                        let extra: Vec<String> = glasskin_core::analyze(&text, glasskin_kb::kb())
                            .entries()
                            .filter_map(|e| {
                                let i = left
                                    .iter()
                                    .position(|x| e.inci().is_some() && *x == e.inci());
                                match i {
                                    Some(i) => {
                                        left.remove(i);
                                        None
                                    }
                                    None => Some(format!(
                                        "{} -> {:?} ({:?})",
                                        e.raw,
                                        e.inci(),
                                        e.matched
                                    )),
                                }
                            })
                            .collect();
                        println!("extra: {extra:?}");
                    }
                    score.add(s);
                    unreadable += unread;
                    total += took;
                    max = max.max(took);
                    photos += 1;
                }
            }
            println!(
                "{row:<14}  {:>6}  {:>7}  {:>5.1}%  {:>5.1}%  {:>5.1}%  {:>6.2}  {:>5.2}",
                photos,
                score.expected,
                score.recall() * 100.0,
                score.extra_rate() * 100.0,
                unreadable as f64 * 100.0 / score.expected.max(1) as f64,
                total.as_secs_f64() / photos.max(1) as f64,
                max.as_secs_f64()
            );
        }
    }
}
