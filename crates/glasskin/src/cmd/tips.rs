//! `glasskin tips`: the advice library, by topic.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use glasskin_core::advice::{TOPICS, Tip};

#[derive(clap::Args)]
pub struct Args {
    /// A topic (a routine step such as `toner`, a concern such as `acne`, a lifestyle factor
    /// such as `sleep`, or a practice such as `patch_test`) or a tip's id. Omit it to list them.
    topic: Option<String>,

    /// Print the tips as JSON.
    #[arg(long)]
    json: bool,
}

const HEADER: anstyle::Style = anstyle::Style::new().bold();
const DIM: anstyle::Style = anstyle::Style::new().dimmed();

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tips = glasskin_kb::kb().tips;
    let chosen: Vec<&Tip> = match args.topic.as_deref() {
        None => tips.iter().collect(),
        Some(topic) => {
            let topic = topic.to_lowercase().replace('-', "_");
            let by_id: Vec<&Tip> = tips
                .iter()
                .filter(|t| t.id.replace('-', "_") == topic)
                .collect();
            if !by_id.is_empty() {
                by_id
            } else if TOPICS.contains(&topic.as_str()) {
                tips.iter()
                    .filter(|t| t.topics.contains(&topic.as_str()))
                    .collect()
            } else {
                bail!(
                    "no tip or topic called `{topic}`; topics are: {}",
                    TOPICS.join(", ")
                );
            }
        }
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &chosen)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.topic.is_none() {
        for tip in &chosen {
            writeln!(
                out,
                "{:<28} {} {DIM}[{}]{DIM:#}",
                tip.id,
                tip.title,
                tip.topics.join(", ")
            )?;
        }
        writeln!(
            out,
            "\n{DIM}glasskin tips TOPIC shows the tips on a topic; glasskin tips ID shows one.{DIM:#}"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if chosen.is_empty() {
        writeln!(out, "No tips on that topic yet.")?;
    }
    for tip in chosen {
        writeln!(
            out,
            "{HEADER}{}{HEADER:#} {DIM}[evidence {:?}, {}]{DIM:#}",
            tip.title, tip.grade, tip.id
        )?;
        writeln!(out, "{}", tip.text)?;
        for source in tip.sources {
            let url = if source.url.is_empty() {
                String::new()
            } else {
                format!(" {}", source.url)
            };
            writeln!(
                out,
                "{DIM}Source ({:?}): {}{url}{DIM:#}",
                source.grade, source.citation
            )?;
        }
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}
