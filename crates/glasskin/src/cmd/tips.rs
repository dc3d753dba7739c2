//! `glasskin tips`: the advice library, by topic.

use std::process::ExitCode;

use anyhow::bail;
use glasskin_core::advice::{TOPICS, Tip};

use crate::render;

#[derive(clap::Args)]
pub struct Args {
    /// A topic (a routine step such as `toner`, a concern such as `acne`, a lifestyle factor
    /// such as `sleep`, or a practice such as `patch_test`) or a tip's id. Omit it to list them.
    topic: Option<String>,

    /// Print the tips as JSON.
    #[arg(long)]
    json: bool,
}

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
        render::json(&mut out, &chosen)?;
    } else if args.topic.is_none() {
        render::tips::write_index(&mut out, &chosen)?;
    } else {
        render::tips::write(&mut out, &chosen)?;
    }
    Ok(ExitCode::SUCCESS)
}
