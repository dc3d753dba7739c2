//! `glasskin plan`: a week of routines from a profile and a shelf (docs/plan.md).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use anyhow::{Context, bail};
use glasskin_core::KnowledgeBase;
use glasskin_core::advice::{DAYS, Severity, Time};
use glasskin_core::plan::{Concern, Frequency, Plan, PlanProfile, ShelfItem};
use glasskin_store::Store;
use serde::Deserialize;

use crate::routine_file::{self, Days, ProductDef, ProfileDef};

#[derive(clap::Args)]
pub struct Args {
    /// The person: skin type, concerns, preferences (TOML or JSON; see docs/plan.md). Default:
    /// the saved profile (`glasskin profile set`).
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,

    /// The shelf: the products, with optional fixed frequencies (TOML or JSON). Default: the
    /// saved shelf's products in use or unopened (`glasskin shelf add`).
    #[arg(long, value_name = "FILE")]
    shelf: Option<PathBuf>,

    /// Print the plan as one JSON object.
    #[arg(long)]
    json: bool,

    /// Save the plan (made from the saved profile and shelf) for `glasskin today`.
    #[arg(long)]
    save: bool,

    /// Also write the routines as an iCalendar file with reminders, starting next Monday.
    #[arg(long, value_name = "FILE")]
    ics: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(flatten)]
    person: ProfileDef,
    #[serde(default)]
    concerns: Vec<String>,
    #[serde(default)]
    breastfeeding: bool,
    #[serde(default)]
    retinoid_weeks: Option<u32>,
    /// Days with sunscreen or make-up to remove: "daily" (default), "none", or a list.
    #[serde(default)]
    makeup_days: Option<Days>,
    #[serde(default)]
    fragrance_free: bool,
    #[serde(default)]
    max_steps: Option<usize>,
    #[serde(default)]
    short_days: Option<Days>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShelfFile {
    product: Vec<ShelfDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShelfDef {
    #[serde(flatten)]
    product: ProductDef,
    /// "daily", "every other day", "2x week", or days: "mon/thu", ["mon", "thu"].
    #[serde(default)]
    frequency: Option<Days>,
    /// "am" or "pm": only then.
    #[serde(default)]
    time: Option<String>,
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} file {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text)
            .with_context(|| format!("{} is not a valid {what} (JSON)", path.display()))
    } else {
        toml::from_str(&text)
            .with_context(|| format!("{} is not a valid {what} (TOML)", path.display()))
    }
}

/// Reads a profile file.
pub fn read_profile(path: &Path) -> anyhow::Result<PlanProfile> {
    let file: ProfileFile = read(path, "profile")?;
    let mut person = routine_file::profile(&file.person)?;
    person.pregnant |= file.breastfeeding;
    let concerns = file
        .concerns
        .iter()
        .map(|c| {
            Concern::from_id(&c.to_lowercase().replace([' ', '-'], "_")).with_context(|| {
                let ids: Vec<&str> = Concern::ALL.iter().map(|c| c.id()).collect();
                format!("unknown concern `{c}`; use {}", ids.join(", "))
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let makeup_days = match &file.makeup_days {
        None => None,
        Some(Days::Named(n)) if n == "none" => Some(Vec::new()),
        Some(days) => Some(routine_file::days(Some(days))?),
    };
    let short_days = match &file.short_days {
        None => Vec::new(),
        Some(days) => routine_file::days(Some(days))?,
    };
    if file.max_steps == Some(0) {
        bail!("max_steps must be at least 1");
    }
    Ok(PlanProfile {
        person,
        concerns,
        retinoid_weeks: file.retinoid_weeks,
        makeup_days,
        fragrance_free: file.fragrance_free,
        max_steps: file.max_steps,
        short_days,
        previous: Vec::new(),
    })
}

/// Reads a shelf file, analysing every product.
pub fn read_shelf(path: &Path, kb: &KnowledgeBase) -> anyhow::Result<Vec<ShelfItem>> {
    let file: ShelfFile = read(path, "shelf")?;
    let mut extras = Vec::new();
    let mut defs = Vec::new();
    for item in file.product {
        extras.push((item.frequency, item.time));
        defs.push(item.product);
    }
    let (ids, products) = routine_file::products(defs, kb)?;
    products
        .into_iter()
        .zip(extras)
        .zip(ids)
        .map(|((product, (frequency, time)), id)| {
            let frequency = frequency
                .map(|f| frequency_of(&f))
                .transpose()
                .with_context(|| format!("`{id}`"))?;
            let time = time
                .map(|t| {
                    let t = t.to_lowercase();
                    let t = t.trim_end_matches(" only");
                    Time::from_id(t).with_context(|| format!("`{id}`: time `{t}`; use am or pm"))
                })
                .transpose()?;
            Ok(ShelfItem {
                product,
                frequency,
                time,
            })
        })
        .collect()
}

fn frequency_of(days: &Days) -> anyhow::Result<Frequency> {
    if let Days::Named(text) = days {
        let text = text.to_lowercase();
        let compact = text.replace(' ', "");
        match text.as_str() {
            "daily" | "every day" => return Ok(Frequency::Daily),
            "every other day" | "alternate days" => return Ok(Frequency::EveryOtherDay),
            _ => {}
        }
        for suffix in ["xweek", "xaweek", "timesaweek", "timesperweek", "/week"] {
            if let Some(n) = compact.strip_suffix(suffix)
                && let Ok(n) = n.parse::<u8>()
                && (1..=7).contains(&n)
            {
                return Ok(Frequency::TimesPerWeek(n));
            }
        }
        if text.contains('/') {
            let list: Vec<String> = text.split('/').map(|d| d.trim().to_owned()).collect();
            return Ok(Frequency::Days(routine_file::days(Some(&Days::List(
                list,
            )))?));
        }
    }
    routine_file::days(Some(days))
        .map(Frequency::Days)
        .context("frequency: use daily, every other day, 2x week, mon/thu or a list of days")
}

const HEADER: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const WARNING: Style = AnsiColor::Red.on_default().bold();

pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let kb = glasskin_kb::kb();
    let today = super::today();
    let mut store = if args.profile.is_none() || args.shelf.is_none() || args.save {
        Some(super::open(db)?)
    } else {
        None
    };
    let profile = match (&args.profile, &store) {
        (Some(path), _) => read_profile(path)?,
        (None, Some(store)) => {
            let Some(saved) = store.profile()? else {
                bail!(
                    "no profile saved; give --profile FILE or save one with `glasskin profile set`"
                );
            };
            glasskin_store::planning::plan_profile(&saved, today)?
        }
        (None, None) => bail!("give --profile FILE"),
    };
    // Planning from the saved shelf again changes as little as it can from the last saved plan.
    let mut profile = profile;
    if args.shelf.is_none()
        && let Some(store) = &store
        && let Some(last) = store.latest_plan()?
    {
        profile.previous = glasskin_store::planning::previous_days(&last);
    }
    let (shelf, ids) = match (&args.shelf, &store) {
        (Some(path), _) => (read_shelf(path, kb)?, Vec::new()),
        (None, Some(store)) => {
            let (shelf, ids) = glasskin_store::planning::plan_shelf(store, kb)?;
            if shelf.is_empty() {
                bail!(
                    "the saved shelf is empty; give --shelf FILE or add products with `glasskin shelf add`"
                );
            }
            (shelf, ids)
        }
        (None, None) => bail!("give --shelf FILE"),
    };
    if args.save && ids.is_empty() {
        bail!("--save keeps plans of the saved shelf; leave out --shelf");
    }
    let plan = glasskin_core::plan::plan(&profile, &shelf, kb);
    if args.save
        && let Some(store) = store.as_mut()
    {
        let id = store.save_plan(&glasskin_store::planning::saved_plan(&plan, &ids, today))?;
        anstream::eprintln!("saved as plan #{id}; `glasskin today` shows today's steps");
    }
    if let Some(path) = &args.ics {
        std::fs::write(path, ics(&plan, today))
            .with_context(|| format!("cannot write the calendar file {}", path.display()))?;
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &plan)?;
        writeln!(out)?;
    } else {
        write(&mut out, &plan)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn title(day: usize, time: Time) -> String {
    let day = DAYS.get(day).copied().unwrap_or("?");
    let mut name = day.to_owned();
    name[..1].make_ascii_uppercase();
    format!("{name} {}", if time == Time::Am { "AM" } else { "PM" })
}

fn write(out: &mut impl Write, plan: &Plan) -> std::io::Result<()> {
    for week in &plan.weeks {
        let span = match (week.from_week, week.to_week) {
            (1, None) => "Every week".to_owned(),
            (from, None) => format!("From week {from} on"),
            (from, Some(to)) if from == to => format!("Week {from}"),
            (from, Some(to)) => format!("Weeks {from}–{to}"),
        };
        writeln!(out, "{HEADER}{span}{HEADER:#}")?;
        for session in &week.sessions {
            let steps: Vec<String> = session
                .steps
                .iter()
                .map(|s| {
                    if s.layers > 1 {
                        format!("{} ×{}", s.name, s.layers)
                    } else {
                        s.name.clone()
                    }
                })
                .collect();
            let steps = if steps.is_empty() {
                "rinse with water".to_owned()
            } else {
                steps.join(" → ")
            };
            writeln!(out, "  {:<7} {steps}", title(session.day, session.time))?;
        }
        for test in &week.patch_tests {
            writeln!(out, "  Patch test {}: {}", test.name, test.how)?;
        }
        for reason in &week.reasons {
            writeln!(out, "  {DIM}· {reason}{DIM:#}")?;
        }
        for finding in &week.findings {
            let style = if finding.rule.severity == Severity::Warning {
                WARNING
            } else {
                DIM
            };
            writeln!(
                out,
                "  {style}{}{style:#} {} — {} {DIM}(glasskin check explains; rule {}){DIM:#}",
                finding.rule.severity.id().to_uppercase(),
                finding.rule.title,
                finding.message,
                finding.rule.id
            )?;
        }
        writeln!(out)?;
    }
    if !plan.gaps.is_empty() {
        writeln!(out, "{HEADER}What the shelf lacks{HEADER:#}")?;
        for gap in &plan.gaps {
            let classes: Vec<&str> = gap.look_for.iter().map(|c| c.label()).collect();
            writeln!(
                out,
                "  - {} (look for: {})",
                gap.message,
                classes.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    if !plan.left_out.is_empty() {
        writeln!(out, "{HEADER}Left out{HEADER:#}")?;
        for why in &plan.left_out {
            writeln!(out, "  - {why}")?;
        }
        writeln!(out)?;
    }
    let score = plan.score;
    writeln!(
        out,
        "{DIM}Placed {} of {} weighted uses, spread penalty {}; {}.{DIM:#}",
        score.placed,
        score.wanted,
        score.spread_penalty,
        if score.proven_optimal {
            "proven optimal"
        } else {
            "search stopped early: best found, not proven optimal"
        }
    )?;
    Ok(())
}

/// The plan as an iCalendar file: each session a weekly event at 07:30 or 21:30 local time with a
/// reminder, from the Monday after `today`; ramp-up weeks as events that end.
fn ics(plan: &Plan, today: jiff::civil::Date) -> String {
    let days_to_monday = 7 - i64::from(today.weekday().to_monday_zero_offset());
    let monday = today
        .checked_add(jiff::Span::new().days(days_to_monday))
        .unwrap_or(today);
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//glasskin//plan//EN\r\nCALSCALE:GREGORIAN\r\n",
    );
    for week in &plan.weeks {
        let first = monday
            .checked_add(jiff::Span::new().weeks(i64::from(week.from_week) - 1))
            .unwrap_or(monday);
        for session in week.sessions.iter().filter(|s| !s.steps.is_empty()) {
            let date = first
                .checked_add(jiff::Span::new().days(session.day as i64))
                .unwrap_or(first);
            let time = if session.time == Time::Am {
                "073000"
            } else {
                "213000"
            };
            let repeat = match week.to_week {
                None => "RRULE:FREQ=WEEKLY\r\n".to_owned(),
                Some(to) => format!("RRULE:FREQ=WEEKLY;COUNT={}\r\n", to - week.from_week + 1),
            };
            let steps: Vec<&str> = session.steps.iter().map(|s| s.name.as_str()).collect();
            let summary = format!("Skin care: {}", title(session.day, session.time));
            let _ = write!(
                out,
                "BEGIN:VEVENT\r\nUID:glasskin-w{}-{}-{}@glasskin\r\nDTSTAMP:{}T000000Z\r\nDTSTART:{}T{time}\r\nDURATION:PT15M\r\n{repeat}SUMMARY:{}\r\nDESCRIPTION:{}\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:PT0M\r\nDESCRIPTION:{}\r\nEND:VALARM\r\nEND:VEVENT\r\n",
                week.from_week,
                session.day,
                session.time.id(),
                today.strftime("%Y%m%d"),
                date.strftime("%Y%m%d"),
                escape(&summary),
                escape(&steps.join(" → ")),
                escape(&summary),
            );
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// RFC 5545 text escaping.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}
