//! The commands that use the local database: `profile`, `shelf`, `export` and `import`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use glasskin_core::advice::SkinType;
use glasskin_core::plan::{Concern, PlanProfile};
use glasskin_core::{KnowledgeBase, Step};
use glasskin_store::{
    DiaryEntry, Export, LifestyleEntry, NewProduct, Status, Store, StoredProfile,
};
use jiff::civil::Date;

use super::{date, open, today};

#[derive(Subcommand)]
pub enum ProfileCommand {
    /// Save the profile, from a file (as for `glasskin plan --profile`) and/or options.
    Set(ProfileArgs),
    /// Show the saved profile.
    Show {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct ProfileArgs {
    /// A profile file (TOML or JSON; docs/plan.md).
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// dry, oily, combination, normal or sensitive.
    #[arg(long)]
    skin_type: Option<String>,
    /// A concern (repeat for several): acne, dullness, hyperpigmentation, fine_lines,
    /// dehydration, redness, texture, pores.
    #[arg(long = "concern", value_name = "CONCERN")]
    concerns: Vec<String>,
    /// Sensitive skin.
    #[arg(long)]
    sensitive: Option<bool>,
    /// Pregnant or breastfeeding.
    #[arg(long)]
    pregnant: Option<bool>,
    /// Skin irritated just now.
    #[arg(long)]
    irritated: Option<bool>,
    /// Leave out fragranced products.
    #[arg(long)]
    fragrance_free: Option<bool>,
    /// The day you started a retinoid (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    retinoid_started: Option<String>,
}

pub fn profile(command: ProfileCommand, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let mut out = anstream::stdout().lock();
    match command {
        ProfileCommand::Show { json } => {
            let Some(profile) = store.profile()? else {
                bail!("no profile saved yet; save one with `glasskin profile set --skin-type …`");
            };
            if json {
                serde_json::to_writer_pretty(&mut out, &profile)?;
                writeln!(out)?;
            } else {
                write_profile(&mut out, &profile)?;
            }
        }
        ProfileCommand::Set(args) => {
            let today = today();
            let mut profile = match &args.file {
                Some(path) => stored(&crate::plan::read_profile(path)?, today),
                None => store.profile()?.unwrap_or_else(|| StoredProfile {
                    skin_type: "normal".into(),
                    ..StoredProfile::default()
                }),
            };
            if let Some(skin) = args.skin_type {
                SkinType::from_id(&skin).with_context(|| {
                    format!("unknown skin type `{skin}`; use dry, oily, combination, normal or sensitive")
                })?;
                profile.skin_type = skin;
            }
            if !args.concerns.is_empty() {
                for c in &args.concerns {
                    Concern::from_id(c).with_context(|| format!("unknown concern `{c}`"))?;
                }
                profile.concerns = args.concerns;
            }
            profile.sensitive = args.sensitive.unwrap_or(profile.sensitive);
            profile.pregnant = args.pregnant.unwrap_or(profile.pregnant);
            profile.irritated = args.irritated.unwrap_or(profile.irritated);
            profile.fragrance_free = args.fragrance_free.unwrap_or(profile.fragrance_free);
            if let Some(started) = &args.retinoid_started {
                profile.retinoid_started = Some(date(started)?);
            }
            store.set_profile(&profile, today)?;
            write_profile(&mut out, &profile)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_profile(out: &mut impl Write, p: &StoredProfile) -> std::io::Result<()> {
    writeln!(
        out,
        "skin type: {}{}",
        p.skin_type,
        if p.sensitive { ", sensitive" } else { "" }
    )?;
    if !p.concerns.is_empty() {
        writeln!(out, "concerns: {}", p.concerns.join(", "))?;
    }
    for (yes, what) in [
        (p.pregnant, "pregnant or breastfeeding"),
        (p.irritated, "skin irritated just now"),
        (p.fragrance_free, "fragrance-free products only"),
    ] {
        if yes {
            writeln!(out, "{what}")?;
        }
    }
    if let Some(started) = p.retinoid_started {
        writeln!(out, "retinoid since {started}")?;
    }
    Ok(())
}

/// A planner profile as stored: the retinoid's weeks become the day it started.
fn stored(plan: &PlanProfile, today: Date) -> StoredProfile {
    StoredProfile {
        skin_type: plan.person.skin_type.id().to_owned(),
        sensitive: plan.person.sensitive,
        pregnant: plan.person.pregnant,
        irritated: plan.person.irritated,
        retinoid_started: plan.retinoid_weeks.and_then(|w| {
            today
                .checked_sub(jiff::Span::new().weeks(i64::from(w)))
                .ok()
        }),
        concerns: plan.concerns.iter().map(|c| c.id().to_owned()).collect(),
        makeup_days: plan.makeup_days.clone(),
        fragrance_free: plan.fragrance_free,
        max_steps: plan.max_steps,
        short_days: plan.short_days.clone(),
    }
}

/// `glasskin today`: today's planned steps, ticking off what is done.
pub fn today_command(
    date_text: Option<&str>,
    done: &[String],
    undo: &[String],
    db: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use glasskin_store::{Checkoff, adherence};
    let mut store = open(db)?;
    let today = today();
    let day = date_text.map(date).transpose()?.unwrap_or(today);
    let Some(plan) = store.latest_plan()? else {
        bail!("no plan saved yet; make one with `glasskin plan --save`");
    };
    let sessions = plan.sessions_on(day);
    if sessions.is_empty() {
        bail!(
            "the saved plan starts on {}; nothing is planned for {day}",
            plan.starts
        );
    }
    // "am", "pm", "all", "3" (product 3 wherever it is planned today) or "pm:3".
    let targets = |specs: &[String]| -> anyhow::Result<Vec<Checkoff>> {
        let mut out = Vec::new();
        for spec in specs {
            let (time, id) = match spec.split_once(':') {
                Some((t, id)) => (Some(t), Some(id)),
                None if spec.parse::<i64>().is_ok() => (None, Some(spec.as_str())),
                None => (Some(spec.as_str()), None),
            };
            let id = id
                .map(|i| {
                    i.parse::<i64>()
                        .with_context(|| format!("`{spec}`: `{i}` is not a product number"))
                })
                .transpose()?;
            if let Some(t) = time
                && !matches!(t, "am" | "pm" | "all")
            {
                bail!("`{spec}`: use am, pm, all, a product number, or am:NUMBER");
            }
            let before = out.len();
            for session in &sessions {
                if time.is_some_and(|t| t != "all" && t != session.time) {
                    continue;
                }
                for step in &session.steps {
                    if id.is_none_or(|i| i == step.product_id) {
                        out.push(Checkoff {
                            date: day,
                            time: session.time.clone(),
                            product_id: step.product_id,
                        });
                    }
                }
            }
            if out.len() == before {
                bail!("`{spec}` is not planned for {day}");
            }
        }
        Ok(out)
    };
    for c in targets(done)? {
        store.check_off(&c, true, today)?;
    }
    for c in targets(undo)? {
        store.check_off(&c, false, today)?;
    }
    let week_start = glasskin_store::planning::monday_of(day);
    let checkoffs = store.checkoffs_since(week_start)?;
    let mut out = anstream::stdout().lock();
    let week = (day - plan.starts).get_days() / 7 + 1;
    writeln!(
        out,
        "{} {day}, week {week} of your plan",
        day.strftime("%A")
    )?;
    for session in &sessions {
        writeln!(
            out,
            "{}",
            if session.time == "am" {
                "Morning"
            } else {
                "Evening"
            }
        )?;
        if session.steps.is_empty() {
            writeln!(out, "  (nothing planned)")?;
        }
        for step in &session.steps {
            let ticked = glasskin_store::ticked(&checkoffs, day, session, step);
            let layers = if step.layers > 1 {
                format!(" ×{} layers", step.layers)
            } else {
                String::new()
            };
            writeln!(
                out,
                "  [{}] #{} {}{layers}",
                if ticked { "x" } else { " " },
                step.product_id,
                step.name
            )?;
        }
    }
    // Days before the plan was saved were not planned by it.
    let so_far = adherence(&plan, &checkoffs, week_start.max(plan.created), day);
    if let Some(rate) = so_far.rate() {
        let skipped = so_far
            .skipped_by_weekday
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .filter(|(_, n)| **n > 0)
            .map(|(d, _)| format!("; most skipped on {}", glasskin_core::advice::DAYS[d]))
            .unwrap_or_default();
        writeln!(
            out,
            "This week so far: {} of {} steps ({:.0}%), a {}-day streak{skipped}",
            so_far.done,
            so_far.planned,
            rate * 100.0,
            so_far.streak
        )?;
        // The steps that get skipped most, so the person sees where the routine slips.
        let mut slipping: Vec<&(String, usize, usize)> = so_far
            .by_step
            .iter()
            .filter(|(_, planned, done)| done < planned)
            .collect();
        slipping.sort_by_key(|(_, planned, done)| std::cmp::Reverse(planned - done));
        if !slipping.is_empty() {
            let parts: Vec<String> = slipping
                .iter()
                .take(3)
                .map(|(step, planned, done)| {
                    let label = Step::from_id(step).map_or(step.as_str(), |s| s.label());
                    format!("{label} {done} of {planned}")
                })
                .collect();
            writeln!(out, "By step: {}", parts.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum ShelfCommand {
    /// Put a product on the shelf: its label as TEXT, --file, or standard input.
    Add(AddArgs),
    /// List the shelf, with each product's step and expiry.
    List {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one product: its analysis and what glasskin understands it to be.
    Show {
        /// The product's number (see `glasskin shelf list`).
        id: i64,
    },
    /// Record that a product was opened (today, or --date), with its period after opening.
    Open {
        /// The product's number.
        id: i64,
        /// When it was opened (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Period after opening from the jar symbol, e.g. 12M.
        #[arg(long)]
        pao: Option<String>,
    },
    /// Record that a product is used up.
    Finish {
        /// The product's number.
        id: i64,
    },
    /// Stop using a product, and say why.
    Stop {
        /// The product's number.
        id: i64,
        /// Why (it stung, broke me out, did nothing…).
        #[arg(long)]
        reason: String,
    },
    /// Record that a new product passed its patch test.
    Tested {
        /// The product's number.
        id: i64,
    },
    /// Take a product off the shelf.
    Remove {
        /// The product's number.
        id: i64,
    },
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// The label text; omit it to read --file or standard input.
    // A label may begin with a bullet: "- Water".
    #[arg(allow_hyphen_values = true)]
    text: Option<String>,
    /// Read the label from a file.
    #[arg(long, short, conflicts_with = "text")]
    file: Option<PathBuf>,
    /// What you call it.
    #[arg(long)]
    name: String,
    /// The brand.
    #[arg(long)]
    brand: Option<String>,
    /// Its routine step, when you know better than glasskin.
    #[arg(long)]
    step: Option<String>,
    /// When you opened it (YYYY-MM-DD).
    #[arg(long)]
    opened: Option<String>,
    /// Period after opening from the jar symbol, e.g. 12M.
    #[arg(long)]
    pao: Option<String>,
    /// Best-before date (YYYY-MM-DD).
    #[arg(long)]
    best_before: Option<String>,
    /// Not yet patch tested.
    #[arg(long)]
    new: bool,
}

fn pao(text: Option<&str>) -> anyhow::Result<Option<u16>> {
    text.map(|t| glasskin_core::expiry::parse_pao(t).map_err(|e| anyhow::anyhow!("{e}")))
        .transpose()
}

pub fn shelf(command: ShelfCommand, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let kb = glasskin_kb::kb();
    let today = today();
    let mut out = anstream::stdout().lock();
    match command {
        ShelfCommand::Add(args) => {
            let label = match (&args.text, &args.file) {
                (Some(text), _) => text.clone(),
                (None, Some(path)) => std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the label file {}", path.display()))?,
                (None, None) => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("cannot read the label from standard input")?;
                    text
                }
            };
            let product = NewProduct {
                name: args.name,
                brand: args.brand,
                label,
                step: args.step,
                opened: args.opened.as_deref().map(date).transpose()?,
                pao_months: pao(args.pao.as_deref())?,
                best_before: args.best_before.as_deref().map(date).transpose()?,
                new: args.new,
            };
            let id = store.add_product(&product, today)?;
            let understood = understand(
                &store.product(id)?.label,
                &product.name,
                product.step.as_deref(),
                kb,
            );
            writeln!(out, "#{id} {}: {}", product.name, understood)?;
        }
        ShelfCommand::List { json } => {
            let products = store.products()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &products)?;
                writeln!(out)?;
                return Ok(ExitCode::SUCCESS);
            }
            if products.is_empty() {
                writeln!(
                    out,
                    "The shelf is empty; add a product with `glasskin shelf add --name …`."
                )?;
            }
            for p in products {
                let step = understand(&p.label, &p.name, p.step.as_deref(), kb);
                let expiry = glasskin_core::expiry::expiry(p.opened, p.pao_months, p.best_before);
                let status = glasskin_core::expiry::status(&expiry, today);
                writeln!(
                    out,
                    "#{:<3} {:<40} {:<22} {:<9} {}{}",
                    p.id,
                    p.name,
                    step,
                    p.status.id(),
                    expiry_text(&status),
                    if p.new { ", not yet patch tested" } else { "" }
                )?;
            }
        }
        ShelfCommand::Show { id } => {
            let p = store.product(id)?;
            writeln!(out, "#{} {} ({})", p.id, p.name, p.status.id())?;
            let declared = p.step.as_deref().and_then(Step::from_id);
            let report = crate::report::Report::of(&p.label, Some(&p.name), declared);
            crate::render::analysis::write(&mut out, &report)?;
        }
        ShelfCommand::Open {
            id,
            date: when,
            pao: p,
        } => {
            let opened = when.as_deref().map(date).transpose()?.unwrap_or(today);
            store.open_product(id, opened, pao(p.as_deref())?)?;
            writeln!(out, "#{id} opened on {opened}")?;
        }
        ShelfCommand::Finish { id } => {
            store.set_status(id, Status::Finished, None, today)?;
            writeln!(out, "#{id} finished")?;
        }
        ShelfCommand::Stop { id, reason } => {
            store.set_status(id, Status::Stopped, Some(&reason), today)?;
            writeln!(out, "#{id} stopped: {reason}")?;
        }
        ShelfCommand::Tested { id } => {
            store.set_tested(id)?;
            writeln!(out, "#{id} passed its patch test")?;
        }
        ShelfCommand::Remove { id } => {
            store.remove_product(id)?;
            writeln!(out, "#{id} removed")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn understand(label: &str, name: &str, step: Option<&str>, kb: &KnowledgeBase) -> String {
    let analysis = glasskin_core::analyze(label, kb);
    let declared = step.and_then(Step::from_id);
    match analysis.products.first() {
        Some(list) => glasskin_core::understand(Some(name), list, declared)
            .step
            .label()
            .to_owned(),
        None => "no ingredient list found".to_owned(),
    }
}

fn expiry_text(status: &glasskin_core::expiry::Status) -> String {
    use glasskin_core::expiry::Status as S;
    match status {
        S::Expired { days_ago } => format!("EXPIRED {days_ago} days ago"),
        S::ExpiringSoon { days_left } => format!("expires in {days_left} days"),
        S::Fine { days_left } => format!("good for {days_left} days"),
        S::Unknown => "expiry unknown (add --pao or --best-before)".to_owned(),
    }
}

/// `glasskin export --csv DIR`: a CSV file per table, for spreadsheets.
fn export_csv(export: &Export, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let open = |name: &str| -> anyhow::Result<csv::Writer<std::fs::File>> {
        let path = dir.join(name);
        csv::Writer::from_path(&path).with_context(|| format!("cannot write {}", path.display()))
    };
    let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let num = |n: Option<u16>| n.map(|n| n.to_string()).unwrap_or_default();
    let rating = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    let real = |n: Option<f32>| n.map(|n| n.to_string()).unwrap_or_default();

    let mut w = open("products.csv")?;
    w.write_record([
        "id",
        "name",
        "brand",
        "step",
        "added",
        "opened",
        "pao_months",
        "best_before",
        "status",
        "status_reason",
        "new",
        "label",
    ])?;
    for p in &export.products {
        w.write_record([
            p.id.to_string(),
            p.name.clone(),
            p.brand.clone().unwrap_or_default(),
            p.step.clone().unwrap_or_default(),
            p.added.to_string(),
            text(p.opened),
            num(p.pao_months),
            text(p.best_before),
            p.status.id().to_owned(),
            p.status_reason.clone().unwrap_or_default(),
            p.new.to_string(),
            p.label.clone(),
        ])?;
    }
    w.flush()?;

    let mut w = open("diary.csv")?;
    w.write_record([
        "date",
        "hydration",
        "oiliness",
        "breakouts",
        "redness",
        "texture",
        "glow",
        "spots",
        "notes",
        "tags",
        "photo",
    ])?;
    for d in &export.diary {
        w.write_record([
            d.date.to_string(),
            rating(d.hydration),
            rating(d.oiliness),
            rating(d.breakouts),
            rating(d.redness),
            rating(d.texture),
            rating(d.glow),
            num(d.breakout_count),
            d.notes.clone().unwrap_or_default(),
            d.tags.join(";"),
            d.photo.clone().unwrap_or_default(),
        ])?;
    }
    w.flush()?;

    let mut w = open("lifestyle.csv")?;
    w.write_record([
        "date",
        "sleep_hours",
        "water_litres",
        "exercise_minutes",
        "stress",
        "diet_tags",
        "tags",
    ])?;
    for l in &export.lifestyle {
        w.write_record([
            l.date.to_string(),
            real(l.sleep_hours),
            real(l.water_litres),
            num(l.exercise_minutes),
            rating(l.stress),
            l.diet_tags.join(";"),
            l.tags.join(";"),
        ])?;
    }
    w.flush()?;

    let mut w = open("checkoffs.csv")?;
    w.write_record(["date", "time", "product_id"])?;
    for c in &export.checkoffs {
        w.write_record([c.date.to_string(), c.time.clone(), c.product_id.to_string()])?;
    }
    w.flush()?;
    Ok(())
}

/// `glasskin export`: everything as one JSON document, or CSV files.
pub fn export(
    output: Option<&Path>,
    csv_dir: Option<&Path>,
    db: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let store = open(db)?;
    if let Some(dir) = csv_dir {
        export_csv(&store.export()?, dir)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = serde_json::to_string_pretty(&store.export()?)?;
    text.push('\n');
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => anstream::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `glasskin import FILE`: a full restore from `glasskin export`.
pub fn import(input: &Path, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let export: Export = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a glasskin export", input.display()))?;
    let mut store = open(db)?;
    store.import(&export)?;
    writeln!(
        anstream::stdout().lock(),
        "restored the profile and {} products",
        export.products.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum LogCommand {
    /// A day of the skin diary: ratings 1 (least) to 5 (most). Logging a day again replaces it.
    Diary(DiaryArgs),
    /// A day of the lifestyle log: sleep, water, exercise, stress, diet.
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
}

pub fn log(command: LogCommand, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = open(db)?;
    let today = today();
    let day = |text: &Option<String>| {
        text.as_deref()
            .map(date)
            .transpose()
            .map(|d| d.unwrap_or(today))
    };
    let mut out = anstream::stdout().lock();
    match command {
        LogCommand::Diary(a) => {
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
            store.log_diary(&entry, today)?;
            writeln!(out, "diary for {} saved", entry.date)?;
        }
        LogCommand::Lifestyle(a) => {
            let entry = LifestyleEntry {
                date: day(&a.date)?,
                sleep_hours: a.sleep,
                water_litres: a.water,
                exercise_minutes: a.exercise,
                stress: a.stress,
                diet_tags: a.diet,
                tags: a.tags,
            };
            store.log_lifestyle(&entry, today)?;
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
pub fn log_by_questions(db: Option<&Path>) -> anyhow::Result<ExitCode> {
    use std::io::BufRead;
    let mut store = open(db)?;
    let today = today();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let lines = &mut lines;
    eprintln!("Your skin today, 1 to 5 (Enter skips a question):");
    let rating = |lines: &mut _, what| ask::<u8>(lines, what, |r| (1..=5).contains(r), "1 to 5");
    let diary = DiaryEntry {
        date: today,
        hydration: rating(lines, "  hydration (1 tight, 5 plump)")?,
        oiliness: rating(lines, "  oiliness (1 matte, 5 very oily)")?,
        breakouts: rating(lines, "  breakouts (1 clear, 5 many)")?,
        redness: rating(lines, "  redness (1 calm, 5 very red)")?,
        texture: rating(lines, "  texture (1 smooth, 5 rough)")?,
        glow: rating(lines, "  glow (1 dull, 5 glowing)")?,
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
    let has_skin = diary
        != DiaryEntry {
            date: today,
            ..DiaryEntry::default()
        };
    if !has_skin && !has_day {
        writeln!(out, "nothing answered, nothing saved")?;
        return Ok(ExitCode::SUCCESS);
    }
    store.log_day(&diary, has_day.then_some(&lifestyle), today)?;
    writeln!(
        out,
        "{} for {today} saved",
        if has_day { "diary and day" } else { "diary" }
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `glasskin insights`: patterns in the diary and lifestyle log, and product before/after.
pub fn insights(json: bool, svg: Option<&Path>, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    use glasskin_core::insights;
    let store = open(db)?;
    let today = today();
    let glasskin_store::InsightInputs {
        diary,
        lifestyle,
        changes,
    } = glasskin_store::insight_inputs(&store)?;
    // Adherence to the latest saved plan, day by day, over the last twelve weeks.
    let daily = glasskin_store::daily_adherence(&store, today, 84)?;
    let adherence = glasskin_store::week_adherence(&daily);
    let report = insights::report(&diary, &lifestyle, &changes, adherence, today);
    if let Some(dir) = svg {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let ratings = glasskin_core::chart::ratings_over_time(
            &diary,
            &changes,
            today,
            90,
            glasskin_core::chart::Width::Wide,
        );
        std::fs::write(dir.join("ratings.svg"), ratings)
            .with_context(|| format!("cannot write into {}", dir.display()))?;
        std::fs::write(
            dir.join("adherence.svg"),
            glasskin_core::chart::adherence_calendar(&daily),
        )
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    }
    let mut out = anstream::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "This week\n{}\n", report.summary)?;
    let associations = &report.associations;
    writeln!(out, "Patterns\n{}", associations.summary)?;
    for finding in &associations.findings {
        writeln!(out, "  - {}", finding.sentence)?;
    }
    for missing in &associations.not_enough_data {
        writeln!(out, "  · {}", missing.message)?;
    }
    if !report.product_effects.is_empty() {
        writeln!(out, "\nProducts")?;
        for effect in &report.product_effects {
            writeln!(out, "  - {}", effect.summary)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum PatchCommand {
    /// Start patch testing a new product: twice a day on a small area for 7 to 10 days.
    Start {
        /// The product's number.
        id: i64,
        /// Where (default: inner arm).
        #[arg(long, default_value = "inner arm")]
        area: String,
    },
    /// Log today's look at the patch.
    Check {
        /// What you see: none, itching, redness, burning, swelling or bumps.
        #[arg(long, default_value = "none")]
        reaction: String,
        /// Another day (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// End the running test with its verdict: a pass lets the product start, a reaction stops it.
    End,
    /// Show the patch tests and where the running one stands.
    Status,
}

pub fn patch(command: PatchCommand, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    use glasskin_store::Verdict;
    let mut store = open(db)?;
    let today = today();
    let mut out = anstream::stdout().lock();
    let describe = |test: &glasskin_store::PatchTest| -> String {
        match test.verdict(today) {
            Verdict::Running { checked, days_left } => format!(
                "running since {} on the {}: {checked} days checked, {days_left} to go; apply twice a day",
                test.started, test.area
            ),
            Verdict::Failed { reaction, on } => {
                format!("{reaction} on {on}: stop, and do not use it on your face")
            }
            Verdict::Passed => "no reaction in 7 days: it can start (`glasskin patch end`)".into(),
        }
    };
    match command {
        PatchCommand::Start { id, area } => {
            let product = store.product(id)?;
            store.start_patch_test(id, &area, today)?;
            writeln!(
                out,
                "patch testing #{id} {} on the {area}: apply twice a day for 7 to 10 days and log `glasskin patch check` each day",
                product.name
            )?;
        }
        PatchCommand::Check {
            reaction,
            date: when,
        } => {
            let day = when.as_deref().map(date).transpose()?.unwrap_or(today);
            let test = store.check_patch(day, &reaction, today)?;
            writeln!(out, "#{}: {}", test.product_id, describe(&test))?;
        }
        PatchCommand::End => {
            let test = store.end_patch_test(today)?;
            let result = test.result.as_deref().unwrap_or("ended");
            writeln!(out, "patch test of #{} {result}", test.product_id)?;
        }
        PatchCommand::Status => {
            let tests = store.patch_tests()?;
            if tests.is_empty() {
                writeln!(
                    out,
                    "No patch tests yet; start one with `glasskin patch start PRODUCT`."
                )?;
            }
            for test in tests {
                let state = match &test.result {
                    Some(result) => format!(
                        "{result} on {}",
                        test.ended.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    None => describe(&test),
                };
                writeln!(out, "#{} ({}): {state}", test.product_id, test.area)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
