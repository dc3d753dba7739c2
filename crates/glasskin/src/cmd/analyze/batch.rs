//! `glasskin analyze --batch`: JSON Lines in, JSON Lines out, on every core.
//!
//! The input is read in chunks of at most [`CHUNK_LINES`] lines and about [`Shape::chunk_bytes`],
//! into one reused buffer per chunk. A chunk's lines are analysed in parallel (rayon) in blocks
//! of [`BLOCK`] lines, each block serialised into its own reused output buffer, so the output
//! keeps input order. A writer thread writes one chunk's buffers while the next chunk is
//! analysed: two chunks are in flight, never more, so memory stays flat whatever the input's
//! size, and the buffers are reused from chunk to chunk (no fresh pages to zero, few mallocs).
//!
//! Each result is the lean record ([`LeanRecord`]) by default, the full one ([`BatchRecord`])
//! with `--full`; `docs/json.md` gives both.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::ops::Range;
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;

use anyhow::{Context, anyhow};
use glasskin_app::analysis::{self, BatchRecord, LeanRecord};
use glasskin_app::scan;
use glasskin_ocr::Scanner;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The most lines in a chunk.
const CHUNK_LINES: usize = 1024;

/// A chunk of lean records ends with the line that takes its input past this many bytes: a lean
/// record is about 5 times its input line, so a chunk's output stays near 2.5 MB.
const CHUNK_BYTES: usize = 512 << 10;

/// Lines analysed and serialised together, into one output buffer, by one task.
const BLOCK: usize = 32;

/// An output buffer that grew beyond this (a huge line) is let go after its chunk is written,
/// not kept for the next.
const KEEP_BUFFER: usize = 8 << 20;

/// Which record a result line is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// [`LeanRecord`]: what a batch consumer needs.
    Lean,
    /// [`BatchRecord`]: the whole report.
    Full,
}

impl Shape {
    /// The input bytes after which a chunk ends. A full record is about 3.3 times a lean one,
    /// so its chunks read a third as much, and both keep about as much output in flight.
    fn chunk_bytes(self) -> usize {
        match self {
            Shape::Lean => CHUNK_BYTES,
            Shape::Full => CHUNK_BYTES / 3,
        }
    }
}

#[derive(Deserialize)]
struct Input<'a> {
    id: serde_json::Value,
    #[serde(default, borrow)]
    ingredients: Option<Cow<'a, str>>,
    /// Photos of the label to read by OCR instead of `ingredients`, in order.
    #[serde(default)]
    images: Vec<String>,
    #[serde(default, borrow)]
    name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    brand: Option<Cow<'a, str>>,
}

#[derive(Serialize)]
struct Failure {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<serde_json::Value>,
    error: Problem,
}

#[derive(Serialize)]
struct Problem {
    line: usize,
    message: String,
}

/// Some lines of input, and their results once analysed. Two exist; they go from the reader to
/// the analysis to the writer and back, keeping their buffers.
#[derive(Default)]
struct Chunk {
    /// The lines' bytes, back to back, without their line ends.
    text: Vec<u8>,
    /// Each line's number (from 1) and its bytes in `text`.
    lines: Vec<(usize, Range<usize>)>,
    /// One output buffer per block of lines; the first `blocks` are this chunk's.
    out: Vec<Vec<u8>>,
    /// How many blocks this chunk has.
    blocks: usize,
    /// The input bytes it read, line ends included, for the progress bar.
    read: u64,
}

impl Chunk {
    /// Reads the next lines; false at the end of the input.
    fn fill(
        &mut self,
        reader: &mut dyn BufRead,
        next_line: &mut usize,
        bytes: usize,
    ) -> anyhow::Result<bool> {
        if self.text.capacity() > 2 * bytes {
            self.text = Vec::with_capacity(bytes + bytes / 4);
        }
        self.text.clear();
        self.lines.clear();
        self.read = 0;
        while self.lines.len() < CHUNK_LINES && self.text.len() < bytes {
            let start = self.text.len();
            let n = reader
                .read_until(b'\n', &mut self.text)
                .with_context(|| format!("cannot read line {}", *next_line))?;
            if n == 0 {
                break;
            }
            self.read += n as u64;
            // Line ends as `BufRead::lines` takes them off: "\n" or "\r\n".
            if self.text.last() == Some(&b'\n') {
                self.text.pop();
                if self.text.last() == Some(&b'\r') {
                    self.text.pop();
                }
            }
            self.lines.push((*next_line, start..self.text.len()));
            *next_line += 1;
        }
        self.blocks = self.lines.len().div_ceil(BLOCK);
        if self.out.len() < self.blocks {
            self.out.resize_with(self.blocks, Vec::new);
        }
        Ok(!self.lines.is_empty())
    }

    /// Analyses every line, in parallel; how many lines were bad.
    fn analyse(&mut self, shape: Shape) -> usize {
        let text = &self.text;
        self.lines
            .par_chunks(BLOCK)
            .zip(self.out[..self.blocks].par_iter_mut())
            .map(|(lines, out)| {
                out.clear();
                let mut failed = 0;
                for (n, range) in lines {
                    let line = &text[range.clone()];
                    if line.trim_ascii().is_empty() {
                        continue;
                    }
                    failed += usize::from(!analyse_line(*n, line, shape, out));
                }
                failed
            })
            .sum()
    }
}

/// Where the results go.
enum Output {
    Stdout,
    File(File),
}

pub fn run(input: &Path, output: Option<&Path>, shape: Shape) -> anyhow::Result<ExitCode> {
    let mut reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(input)
            .with_context(|| format!("cannot open the batch file {}", input.display()))?;
        Box::new(BufReader::with_capacity(256 << 10, file))
    };
    let sink = match output {
        Some(path) => Output::File(
            File::create(path)
                .with_context(|| format!("cannot create the output file {}", path.display()))?,
        ),
        None => Output::Stdout,
    };

    let total = match input {
        p if p == Path::new("-") => None,
        p => std::fs::metadata(p).ok().map(|m| m.len()),
    };
    let progress = match total {
        Some(bytes) => ProgressBar::new(bytes).with_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };

    // Chunks go to the writer on `full` and come back on `empty`.
    let (to_writer, full) = mpsc::sync_channel::<Chunk>(2);
    let (to_reader, empty) = mpsc::sync_channel::<Chunk>(2);
    let mut failed = 0usize;
    let read = std::thread::scope(|scope| -> anyhow::Result<()> {
        let writer = scope.spawn(move || write_chunks(sink, &full, &to_reader));
        let mut spare = vec![Chunk::default(), Chunk::default()];
        let mut next_line = 1;
        let read = loop {
            let Some(mut chunk) = spare.pop().or_else(|| empty.recv().ok()) else {
                break Ok(()); // the writer stopped: its error says why
            };
            match chunk.fill(&mut *reader, &mut next_line, shape.chunk_bytes()) {
                Ok(true) => {}
                Ok(false) => break Ok(()),
                Err(e) => break Err(e),
            }
            failed += chunk.analyse(shape);
            progress.inc(chunk.read);
            if to_writer.send(chunk).is_err() {
                break Ok(());
            }
        };
        drop(to_writer);
        let written = writer
            .join()
            .map_err(|_| anyhow!("the batch writer panicked"))?;
        written.context("cannot write the results")?;
        read
    });
    progress.finish_and_clear();
    read?;
    if failed > 0 {
        anstream::eprintln!("{failed} line(s) could not be analysed; see their \"error\" objects");
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes each chunk's output in order and hands the chunk back.
fn write_chunks(
    sink: Output,
    full: &mpsc::Receiver<Chunk>,
    empty: &mpsc::SyncSender<Chunk>,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = match sink {
        Output::File(file) => Box::new(file),
        Output::Stdout => Box::new(BufWriter::with_capacity(256 << 10, stdout.lock())),
    };
    for mut chunk in full {
        for buf in &mut chunk.out[..chunk.blocks] {
            out.write_all(buf)?;
            if buf.capacity() > KEEP_BUFFER {
                *buf = Vec::new();
            }
        }
        // The reader may have finished; then the chunk is simply dropped.
        let _ = empty.send(chunk);
    }
    out.flush()
}

/// Appends one output line for input line `n` to `out`; whether the input line was good.
fn analyse_line(n: usize, line: &[u8], shape: Shape, out: &mut Vec<u8>) -> bool {
    let start = out.len();
    let parsed = std::str::from_utf8(line)
        .map_err(|e| format!("invalid input line: not UTF-8 ({e})"))
        .and_then(|text| {
            serde_json::from_str::<Input>(text).map_err(|e| format!("invalid input line: {e}"))
        });
    let good = match parsed {
        Ok(input) => match analyse_input(&input, shape, out) {
            Ok(()) => true,
            Err(message) => {
                let failure = Failure {
                    id: Some(input.id.clone()),
                    error: Problem { line: n, message },
                };
                write_json(out, &failure);
                false
            }
        },
        Err(message) => {
            let id = serde_json::from_slice::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned());
            let failure = Failure {
                id,
                error: Problem { line: n, message },
            };
            write_json(out, &failure);
            false
        }
    };
    debug_assert!(out.len() > start);
    out.push(b'\n');
    good
}

/// Appends the record of one parsed input line, or says why it has none.
fn analyse_input(input: &Input<'_>, shape: Shape, out: &mut Vec<u8>) -> Result<(), String> {
    let name = input.name.as_deref();
    let brand = input.brand.as_deref();
    if input.images.is_empty() {
        let Some(ingredients) = &input.ingredients else {
            return Err("invalid input line: give \"ingredients\" or \"images\"".into());
        };
        let report = analysis::analyse(ingredients, name, None);
        match shape {
            Shape::Lean => write_json(out, &LeanRecord::new(&input.id, name, brand, &report)),
            Shape::Full => write_json(out, &BatchRecord::new(&input.id, name, brand, &report)),
        }
        return Ok(());
    }
    let mut files = Vec::with_capacity(input.images.len());
    for path in &input.images {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read the photo {path}: {e}"))?;
        files.push((path.as_str(), bytes));
    }
    let photos: Vec<scan::Photo<'_>> = files
        .iter()
        .map(|(name, bytes)| scan::Photo { name, bytes })
        .collect();
    let read = scan::scan(&Scanner::from_env(), &photos, name, None)
        .map_err(|e| e.message().to_owned())?;
    let report = &read.report;
    match shape {
        Shape::Lean => write_json(
            out,
            &WithReading {
                record: LeanRecord::new(&input.id, name, brand, report),
                ocr: LeanReading {
                    text: &read.ocr.text,
                    confidence: read.ocr.confidence,
                    unreadable: read
                        .ocr
                        .words
                        .iter()
                        .filter(|w| w.unreadable)
                        .map(|w| w.text.as_str())
                        .collect(),
                },
            },
        ),
        Shape::Full => write_json(
            out,
            &WithReading {
                record: BatchRecord::new(&input.id, name, brand, report),
                ocr: &read.ocr,
            },
        ),
    }
    Ok(())
}

/// A record of a label read from photos: the record, and what OCR read.
#[derive(Serialize)]
struct WithReading<R, O> {
    #[serde(flatten)]
    record: R,
    ocr: O,
}

/// What OCR read, in the lean record: the text, its confidence and the words it could not read.
#[derive(Serialize)]
struct LeanReading<'a> {
    text: &'a str,
    confidence: f32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unreadable: Vec<&'a str>,
}

/// Appends `value` as JSON; on the (unexpected) failure to serialise it, an error object.
fn write_json(out: &mut Vec<u8>, value: &impl Serialize) {
    let start = out.len();
    if let Err(e) = serde_json::to_writer(&mut *out, value) {
        out.truncate(start);
        let message = serde_json::Value::String(e.to_string());
        let _ = write!(out, "{{\"error\":{{\"message\":{message}}}}}");
    }
}
