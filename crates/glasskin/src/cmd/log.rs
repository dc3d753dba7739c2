//! `glasskin log`: a day of the skin diary or the lifestyle log, from options or, with nothing
//! after `log`, a question at a time.

use glasskin_core::insights::SkinMetric;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use glasskin_app::diary;
use glasskin_store::{DiaryEntry, LifestyleEntry};

use super::{day_or, open, today};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

/// `glasskin log` with a subcommand, or alone.
pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(command) => entry(command, db),
        None => by_questions(db),
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// A day of the skin diary: ratings 1 (least) to 5 (most). Logging a day again adds to it:
    /// what you leave out keeps its value, and `--clear FIELD` empties one.
    Diary(DiaryArgs),
    /// A day of the lifestyle log: sleep, water, exercise, stress, diet. Logging a day again adds
    /// to it, as for the diary.
    Lifestyle(LifestyleArgs),
}

#[derive(clap::Args)]
pub struct DiaryArgs {
    /// The day (YYYY-MM-DD; default today).
    #[arg(long)]
    date: Option<String>,
    /// How hydrated your skin feels, 1–5.
    #[arg(long)]
    hydration: Option<u8>,
    /// How oily, 1–5.
    #[arg(long)]
    oiliness: Option<u8>,
    /// How broken out, 1–5.
    #[arg(long)]
    breakouts: Option<u8>,
    /// How red, 1–5.
    #[arg(long)]
    redness: Option<u8>,
    /// How rough, 1–5.
    #[arg(long)]
    texture: Option<u8>,
    /// How glowing, 1–5.
    #[arg(long)]
    glow: Option<u8>,
    /// Spots counted.
    #[arg(long)]
    spots: Option<u16>,
    /// A note.
    #[arg(long)]
    note: Option<String>,
    /// A tag (repeat for several).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// A photo's file path.
    #[arg(long)]
    photo: Option<String>,
    /// Empty a field logged before (repeat for several): hydration, oiliness, breakouts, redness,
    /// texture, glow, spots, note, tags, photo.
    #[arg(long, value_name = "FIELD")]
    clear: Vec<String>,
}

#[derive(clap::Args)]
pub struct LifestyleArgs {
    /// The day (YYYY-MM-DD; default today).
    #[arg(long)]
    date: Option<String>,
    /// Hours slept the night before.
    #[arg(long)]
    sleep: Option<f32>,
    /// Litres of water.
    #[arg(long)]
    water: Option<f32>,
    /// Minutes of exercise.
    #[arg(long)]
    exercise: Option<u16>,
    /// Stress, 1 (calm) to 5 (very stressed).
    #[arg(long)]
    stress: Option<u8>,
    /// A diet tag (repeat): high_glycaemic, dairy, alcohol, …
    #[arg(long = "diet")]
    diet: Vec<String>,
    /// A free tag (repeat).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Empty a field logged before (repeat for several): sleep, water, exercise, stress, diet,
    /// tags.
    #[arg(long, value_name = "FIELD")]
    clear: Vec<String>,
}

/// `glasskin log diary` and `glasskin log lifestyle`.
fn entry(command: Command, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let today = today();
    let day = |text: &Option<String>| day_or(text.as_deref(), today);
    let mut out = anstream::stdout().lock();
    match command {
        Command::Diary(a) => {
            let entry = DiaryEntry {
                date: day(&a.date)?,
                hydration: a.hydration,
                oiliness: a.oiliness,
                breakouts: a.breakouts,
                redness: a.redness,
                texture: a.texture,
                glow: a.glow,
                breakout_count: a.spots,
                notes: a.note,
                tags: a.tags,
                photo: a.photo,
            };
            let clear = a
                .clear
                .iter()
                .map(|f| diary::parse_skin_field(f))
                .collect::<glasskin_app::Result<Vec<_>>>()?;
            diary::add_skin(&mut store, &entry, &clear, today)?;
            writeln!(out, "diary for {} saved", entry.date)?;
        }
        Command::Lifestyle(a) => {
            let entry = LifestyleEntry {
                date: day(&a.date)?,
                sleep_hours: a.sleep,
                water_litres: a.water,
                exercise_minutes: a.exercise,
                stress: a.stress,
                diet_tags: a.diet,
                tags: a.tags,
            };
            let clear = a
                .clear
                .iter()
                .map(|f| diary::parse_day_field(f))
                .collect::<glasskin_app::Result<Vec<_>>>()?;
            diary::add_lifestyle(&mut store, &entry, &clear, today)?;
            writeln!(out, "lifestyle for {} saved", entry.date)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One question of `glasskin log`: the answer, or `None` when skipped (an empty line or the
/// end of input). A wrong answer says why and asks again.
fn ask<T: std::str::FromStr>(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    question: &str,
    valid: impl Fn(&T) -> bool,
    rule: &str,
) -> anyhow::Result<Option<T>> {
    loop {
        eprint!("{question}: ");
        let Some(line) = lines.next().transpose()? else {
            eprintln!();
            return Ok(None);
        };
        let line = line.trim();
        if line.is_empty() {
            return Ok(None);
        }
        // A decimal comma ("7,5") reads as a decimal point.
        let parsed = line
            .parse::<T>()
            .or_else(|_| line.replace(',', ".").parse::<T>());
        match parsed {
            Ok(value) if valid(&value) => return Ok(Some(value)),
            _ => eprintln!("  `{line}`: {rule}; or press Enter to skip"),
        }
    }
}

/// `glasskin log` alone: today's skin and day, a question at a time, saved together.
fn by_questions(db: Option<&Path>) -> anyhow::Result<ExitCode> {
    use std::io::BufRead;
    let mut store = open(db)?;
    let today = today();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let lines = &mut lines;
    eprintln!("Your skin today, 1 to 5 (Enter skips a question and keeps what you logged):");
    let rating =
        |lines: &mut _, what: &str| ask::<u8>(lines, what, |r| (1..=5).contains(r), "1 to 5");
    // Asked on the scale each metric defines, in its order.
    let mut ratings = [None; 6];
    for (slot, metric) in ratings.iter_mut().zip(SkinMetric::ALL) {
        *slot = rating(
            lines,
            &format!("  {} ({})", metric.id(), metric.scale_hint()),
        )?;
    }
    let [hydration, oiliness, breakouts, redness, texture, glow] = ratings;
    let skin = DiaryEntry {
        date: today,
        hydration,
        oiliness,
        breakouts,
        redness,
        texture,
        glow,
        breakout_count: ask(lines, "  spots counted", |_: &u16| true, "a whole number")?,
        notes: ask(lines, "  a note", |_: &String| true, "any text")?,
        ..DiaryEntry::default()
    };
    eprintln!("Your day:");
    let lifestyle = LifestyleEntry {
        date: today,
        sleep_hours: ask(
            lines,
            "  hours slept",
            |h: &f32| (0.0..=24.0).contains(h),
            "0 to 24",
        )?,
        water_litres: ask(
            lines,
            "  water, litres",
            |l: &f32| (0.0..=20.0).contains(l),
            "0 to 20",
        )?,
        exercise_minutes: ask(
            lines,
            "  exercise, minutes",
            |m: &u16| *m <= 1440,
            "0 to 1440",
        )?,
        stress: rating(lines, "  stress (1 calm, 5 very stressed)")?,
        diet_tags: ask(
            lines,
            "  diet tags, separated by spaces (e.g. dairy high_glycaemic alcohol)",
            |_: &String| true,
            "words",
        )?
        .map(|tags| tags.split_whitespace().map(str::to_lowercase).collect())
        .unwrap_or_default(),
        tags: Vec::new(),
    };
    let has_day = lifestyle
        != LifestyleEntry {
            date: today,
            ..LifestyleEntry::default()
        };
    let mut out = anstream::stdout().lock();
    let has_skin = skin
        != DiaryEntry {
            date: today,
            ..DiaryEntry::default()
        };
    if !has_skin && !has_day {
        writeln!(out, "nothing answered, nothing saved")?;
        return Ok(ExitCode::SUCCESS);
    }
    diary::add_day(&mut store, &skin, &lifestyle, today)?;
    writeln!(
        out,
        "{} for {today} saved",
        if has_day { "diary and day" } else { "diary" }
    )?;
    Ok(ExitCode::SUCCESS)
}
