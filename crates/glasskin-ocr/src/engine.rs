//! The engine: the `tesseract` program, given the prepared image on its standard input, answers
//! with one TSV row per word (its block, paragraph and line, its box and its confidence).

use std::ffi::OsString;
use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

use image::GrayImage;

use crate::OcrError;
use crate::assemble::has_heading;
use crate::prepare::{Prepared, columns, decode, prepare_gray, prepare_gray_at};
use crate::reread::second_look;

/// One word as the engine read it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageWord {
    /// The text read.
    pub text: String,
    /// The engine's confidence, 0..=100.
    pub confidence: f32,
    /// The block, paragraph and line it is in, as the engine numbered them.
    pub block: u32,
    /// Its paragraph in the block.
    pub paragraph: u32,
    /// Its line in the paragraph.
    pub line: u32,
    /// Its box in the prepared image: left, top, width, height.
    pub bbox: [u32; 4],
}

/// One photo read.
#[derive(Debug, Clone)]
pub struct Page {
    /// The words in the engine's reading order.
    pub words: Vec<PageWord>,
    /// The degrees the photo was turned to level its text (quarter turns included).
    pub turned_deg: f32,
    /// The factor it was scaled by.
    pub scale: f32,
    /// Whether its text was light on dark.
    pub inverted: bool,
}

impl Page {
    /// The mean confidence of its words, 0 when it has none.
    pub fn mean_confidence(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.confidence).sum::<f32>() / self.words.len() as f32
    }
}

/// Runs the OCR program.
#[derive(Debug, Clone)]
pub struct Scanner {
    program: OsString,
    languages: String,
}

impl Default for Scanner {
    fn default() -> Scanner {
        Scanner::from_env()
    }
}

impl Scanner {
    /// The program named by `GLASSKIN_TESSERACT`, or `tesseract` on the `PATH`; English.
    pub fn from_env() -> Scanner {
        let program =
            std::env::var_os("GLASSKIN_TESSERACT").unwrap_or_else(|| OsString::from("tesseract"));
        Scanner {
            program,
            languages: "eng".into(),
        }
    }

    /// This program, English.
    pub fn with_program(program: impl Into<OsString>) -> Scanner {
        Scanner {
            program: program.into(),
            languages: "eng".into(),
        }
    }

    /// The program's languages, as Tesseract's `-l` takes them ("eng", "kor"). With "eng" (the
    /// default) a photo that reads as Hangul is read again with "kor"; "kor" reads Korean
    /// straight away, its letters prepared as Hangul's.
    pub fn languages(mut self, languages: &str) -> Scanner {
        languages.clone_into(&mut self.languages);
        self
    }

    /// Whether it reads Korean.
    pub(crate) fn is_korean(&self) -> bool {
        self.languages.contains("kor")
    }

    /// Whether the program runs; the error says how to install it when it does not.
    pub fn check(&self) -> Result<(), OcrError> {
        match Command::new(&self.program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
        {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(OcrError::EngineFailed(format!(
                "`{} --version` exited with {status}",
                self.program.to_string_lossy()
            ))),
            Err(_) => Err(self.missing()),
        }
    }

    fn missing(&self) -> OcrError {
        OcrError::EngineMissing(self.program.to_string_lossy().into_owned())
    }

    /// Reads one photo (JPEG or PNG bytes): prepares it, reads it, and where the reading is
    /// poor tries it upside down and on its sides, keeping the most confident reading. Read in
    /// English, a photo of Hangul is a few low-confidence scraps: it is read again in Korean
    /// (`kor`), and kept so when Hangul is what was read.
    pub fn read(&self, bytes: &[u8]) -> Result<Page, OcrError> {
        let gray = decode(bytes)?;
        let (page, prepared, scanner) = self.read_gray(&gray)?;
        second_look(&scanner, &prepared, page)
    }

    /// The first reading of a decoded photo, the image it was read on, and the scanner (the
    /// language) that read it.
    fn read_gray(&self, gray: &GrayImage) -> Result<(Page, Prepared, Scanner), OcrError> {
        if self.languages == "kor" {
            let prepared = prepare_gray_at(gray, HANGUL_PARTS, HANGUL_SMOOTHING);
            let page = self.read_prepared(&prepared, Layout::Auto)?;
            let (page, prepared) = self.read_better(prepared, page)?;
            return Ok((page, prepared, self.clone()));
        }
        let prepared = prepare_gray(gray);
        let page = self.read_prepared(&prepared, Layout::Auto)?;
        if self.languages == "eng" && page.mean_confidence() < 50.0 {
            // Korean alone: with `kor+eng` Tesseract takes the English model's garbage for
            // some Hangul words ("1,2-HAICO|S" for 1,2-헥산다이올); `kor` reads Latin too.
            let korean = self.clone().languages("kor");
            // A syllable's parts (jamo) are what the letter size is measured on: smaller
            // than a Latin letter's whole.
            let hangul_prepared = prepare_gray_at(gray, HANGUL_PARTS, HANGUL_SMOOTHING);
            // Without the Korean data the program fails: the English reading stands.
            if let Ok(other) = korean.read_prepared(&hangul_prepared, Layout::Auto) {
                let other = if looks_korean(&other) {
                    Some(other)
                } else if hangul_share(&other) >= 0.9 {
                    // All Hangul but no heading: the layout may have lost it in noise, as one
                    // column it may be found.
                    Some(korean.read_prepared(&hangul_prepared, Layout::Column)?)
                        .filter(looks_korean)
                } else {
                    None
                };
                if let Some(other) = other {
                    let (page, prepared) = korean.read_better(hangul_prepared, other)?;
                    return Ok((page, prepared, korean));
                }
            }
        }
        let (page, prepared) = self.read_better(prepared, page)?;
        Ok((page, prepared, self.clone()))
    }

    /// A first reading of a photo made better: as one block, or turned. Returns the reading
    /// kept and the image it was read on.
    fn read_better(
        &self,
        mut prepared: Prepared,
        mut page: Page,
    ) -> Result<(Page, Prepared), OcrError> {
        if poor(&page) || !has_heading(&page) {
            // Tesseract's page layout sometimes takes blurred text for a picture and misses
            // it; read as one block of text instead.
            let block = self.read_prepared(&prepared, Layout::Block)?;
            let gains_heading = has_heading(&block) && !has_heading(&page);
            if gains_heading || quality(&block) > quality(&page) * 1.3 {
                page = block;
            }
        }
        // (A whole second reading with letters at 56 px, where the mean confidence was under
        // 80%, gave way to the second look at doubtful lines, enlarged: docs/ocr.md.)
        // A reading that found the "Ingredients" heading is the right way up.
        if poor(&page) && !has_heading(&page) {
            // The three other ways up, read at once.
            let turns: Vec<(u8, Prepared)> = [2u8, 1, 3]
                .into_iter()
                .map(|quarter| {
                    let turned = Prepared {
                        image: turn(&prepared.image, quarter),
                        gray: turn(&prepared.gray, quarter),
                        ..prepared.clone()
                    };
                    (quarter, turned)
                })
                .collect();
            let readings: Vec<Result<Page, OcrError>> = std::thread::scope(|scope| {
                let handles: Vec<_> = turns
                    .iter()
                    .map(|(_, turned)| {
                        scope.spawn(move || self.read_prepared(turned, Layout::Auto))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err(OcrError::EngineFailed("reader panicked".into()))
                        })
                    })
                    .collect()
            });
            for ((quarter, turned), other) in turns.into_iter().zip(readings) {
                let mut other = other?;
                other.turned_deg += f32::from(quarter) * 90.0;
                if quality(&other) > quality(&page) * 1.3 {
                    page = other;
                    prepared = turned;
                }
            }
        }
        Ok((page, prepared))
    }

    /// Reads a prepared image, each column of text apart (the engine's own layout joins lines
    /// of two columns when they bend or tilt).
    pub fn read_prepared(&self, prepared: &Prepared, layout: Layout) -> Result<Page, OcrError> {
        let image = &prepared.image;
        let columns = columns(image);
        let mut words = Vec::new();
        if columns.len() > 1 {
            for (n, column) in columns.iter().enumerate() {
                let crop = image::imageops::crop_imm(
                    image,
                    column.start,
                    0,
                    column.end - column.start,
                    image.height(),
                )
                .to_image();
                let offset = u32::try_from(n)
                    .unwrap_or(u32::MAX / 1000)
                    .saturating_mul(1000);
                words.extend(
                    parse_tsv(&self.run(&crop, layout)?)
                        .into_iter()
                        .map(|mut w| {
                            w.block = w.block.saturating_add(offset);
                            w.bbox[0] += column.start;
                            w
                        }),
                );
            }
        } else {
            words = parse_tsv(&self.run(image, layout)?);
        }
        if self.languages.contains("kor") {
            words = join_hangul(words);
        }
        Ok(Page {
            words,
            turned_deg: prepared.skew_deg,
            scale: prepared.scale,
            inverted: prepared.inverted,
        })
    }

    /// Runs the program on several images at once, one process each, returning their TSVs.
    pub(crate) fn run_all(
        &self,
        images: &[GrayImage],
        layout: Layout,
    ) -> Vec<Result<String, OcrError>> {
        std::thread::scope(|scope| {
            let handles: Vec<_> = images
                .iter()
                .map(|image| scope.spawn(move || self.run(image, layout)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(OcrError::EngineFailed("reader panicked".into())))
                })
                .collect()
        })
    }

    /// Runs the program on a grey image, returning its TSV.
    pub(crate) fn run(&self, image: &GrayImage, layout: Layout) -> Result<String, OcrError> {
        // PGM: no compression to spend time on, and Leptonica reads it from a pipe.
        let mut pgm = format!("P5\n{} {}\n255\n", image.width(), image.height()).into_bytes();
        pgm.extend_from_slice(image.as_raw());
        let mut child = Command::new(&self.program)
            .args(["stdin", "stdout", "-l", &self.languages, "--psm"])
            .arg(match layout {
                Layout::Auto => "3",
                Layout::Column => "4",
                Layout::Block => "6",
            })
            // The polarity is settled before; Tesseract's own try of inverted lines is slow.
            .args(["-c", "tessedit_do_invert=0"])
            .args(["--dpi", "300", "tsv"])
            // One thread per page: several photos, or several people, share the cores better
            // than OpenMP's threads share one page.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound | ErrorKind::PermissionDenied => self.missing(),
                _ => OcrError::EngineFailed(e.to_string()),
            })?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| OcrError::EngineFailed("no standard input".into()))?;
        // Written from a thread: the program may write while it reads.
        let writer = std::thread::spawn(move || stdin.write_all(&pgm));
        let output = child
            .wait_with_output()
            .map_err(|e| OcrError::EngineFailed(e.to_string()))?;
        let written = writer.join();
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
            return Err(OcrError::EngineFailed(format!(
                "exited with {}{}",
                output.status,
                last.map(|l| format!(": {}", l.trim())).unwrap_or_default()
            )));
        }
        if !matches!(written, Ok(Ok(()))) {
            return Err(OcrError::EngineFailed("could not hand it the image".into()));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// How the engine finds the text on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Its own page layout: blocks, columns (Tesseract's `--psm 3`).
    Auto,
    /// One column of text of varied sizes (`--psm 4`).
    Column,
    /// One block of text (`--psm 6`).
    Block,
}

/// A level, legible label reads above 75 on average; a photo taken sideways or upside down, or
/// whose layout the engine missed, reads as a few low-confidence scraps.
fn poor(page: &Page) -> bool {
    page.words.len() < 8 || page.mean_confidence() < 60.0
}

/// Whether a character is Hangul: a syllable, or a letter (jamo) read alone.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Hangul words of a line closer than a space: Tesseract's Korean model reads a name's
/// syllables as words of their own ("부 틸 렌 글 라 이 콜"), and Korean names have no spaces.
fn join_hangul(words: Vec<PageWord>) -> Vec<PageWord> {
    let mut out: Vec<PageWord> = Vec::with_capacity(words.len());
    for w in words {
        if let Some(p) = out.last_mut() {
            let same_line = (p.block, p.paragraph, p.line) == (w.block, w.paragraph, w.line);
            let gap = i64::from(w.bbox[0]) - i64::from(p.bbox[0] + p.bbox[2]);
            let height = i64::from(p.bbox[3].max(w.bbox[3]));
            // "1,2-" before a Hangul name is its prefix (1,2-헥산다이올).
            let ends_hangul = p
                .text
                .chars()
                .last()
                .is_some_and(|c| is_hangul(c) || c == '-');
            let starts_hangul = w.text.chars().next().is_some_and(is_hangul);
            // A comma read as a word of its own belongs to the syllable before it.
            let mark = w.text.chars().all(|c| matches!(c, ',' | '.' | ':' | ';'));
            if same_line
                && ends_hangul
                && (starts_hangul || mark)
                && gap * 100 < height * HANGUL_GAP
            {
                p.text.push_str(&w.text);
                p.confidence = p.confidence.min(w.confidence);
                let right = (w.bbox[0] + w.bbox[2]).max(p.bbox[0] + p.bbox[2]);
                let bottom = (w.bbox[1] + w.bbox[3]).max(p.bbox[1] + p.bbox[3]);
                p.bbox[1] = p.bbox[1].min(w.bbox[1]);
                p.bbox[2] = right - p.bbox[0];
                p.bbox[3] = bottom - p.bbox[1];
                continue;
            }
        }
        out.push(w);
    }
    out
}

/// The size Hangul's parts are scaled to, in pixels: syllables about 60 px high.
const HANGUL_PARTS: f32 = 38.0;

/// The radius of the mean before Hangul's threshold: none. Hangul's strokes are closer than a
/// Latin letter's, and the 5x5 mean that reads blurred Latin best joins them (판테놀 read as
/// 판매늘): without it moderate Korean photos read 96.6% right where they read 84.4%, hard
/// ones 59.2% where they read 21.8%, clean ones 94.6% against 95.9% (docs/ocr.md).
const HANGUL_SMOOTHING: usize = 0;

/// Hangul words closer than this share of their height (%) are one word.
const HANGUL_GAP: i64 = 40;

/// Whether a reading with Tesseract's `kor` is of Hangul: Hangul read, and its 전성분 heading
/// or a confident reading. The Korean model reads Latin upside down as Hangul too, at about
/// 50% confidence, where a Korean label reads at 60–90%.
fn looks_korean(page: &Page) -> bool {
    hangul_share(page) >= 0.3 && (has_heading(page) || page.mean_confidence() >= 65.0)
}

/// The share of a reading's letters that are Hangul.
fn hangul_share(page: &Page) -> f32 {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for c in page.words.iter().flat_map(|w| w.text.chars()) {
        if c.is_alphabetic() {
            letters += 1;
            hangul += usize::from(is_hangul(c));
        }
    }
    hangul as f32 / letters.max(1) as f32
}

/// How much a reading says: confident characters.
fn quality(page: &Page) -> f32 {
    page.words
        .iter()
        .map(|w| w.confidence * w.text.chars().filter(|c| c.is_alphanumeric()).count() as f32)
        .sum()
}

/// The image turned clockwise by `quarters` quarter turns.
fn turn(img: &GrayImage, quarters: u8) -> GrayImage {
    match quarters % 4 {
        1 => image::imageops::rotate90(img),
        2 => image::imageops::rotate180(img),
        3 => image::imageops::rotate270(img),
        _ => img.clone(),
    }
}

/// The words of Tesseract's TSV: rows of level 5 with text.
pub(crate) fn parse_tsv(tsv: &str) -> Vec<PageWord> {
    let mut words = Vec::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        let n = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        words.push(PageWord {
            text: text.to_owned(),
            confidence: cols[10].parse::<f32>().unwrap_or(0.0).clamp(0.0, 100.0),
            block: n(2),
            paragraph: n(3),
            line: n(4),
            bbox: [n(6), n(7), n(8), n(9)],
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_are_read_and_other_levels_skipped() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tAqua,\n\
                   5\t1\t1\t1\t1\t2\t45\t20\t60\t12\t41\tGlycerin\n\
                   5\t1\t1\t1\t1\t3\t45\t20\t60\t12\t95\t \n\
                   5\t1\t2\t1\t1\tbad\n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text, "Aqua,");
        assert_eq!(words[0].confidence, 96.5);
        assert_eq!(words[0].bbox, [10, 20, 30, 12]);
        assert_eq!(words[1].confidence, 41.0);
    }

    #[test]
    fn a_missing_program_says_how_to_install_it() {
        let scanner = Scanner::with_program("/nonexistent/tesseract");
        let err = scanner.check().expect_err("no such program");
        assert!(matches!(err, OcrError::EngineMissing(_)));
        assert!(err.to_string().contains("apt-get install tesseract-ocr"));
        let img = GrayImage::from_pixel(64, 64, image::Luma([200]));
        let mut bytes = Vec::new();
        img.write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("PNG encodes");
        assert!(matches!(
            scanner.read(&bytes),
            Err(OcrError::EngineMissing(_))
        ));
    }
}
