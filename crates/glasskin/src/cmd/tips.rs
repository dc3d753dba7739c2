//! `glasskin tips`: the advice library, by topic.

use std::process::ExitCode;

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
    let chosen = glasskin_app::advice::tips(args.topic.as_deref())?;
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
