//! `glasskin`: the one binary. It owns the terminal (arguments, colour, progress bars) and leaves
//! the work to the library crates: every operation is one call into `glasskin_app`.
//!
//! # Modules
//!
//! - `main` (this file): the arguments (clap derive) and the dispatch to a command; exit codes,
//!   and the hint under an error `glasskin_app` reports.
//! - `cmd`: a module per command (`cmd::analyze`, `check`, `plan`, `profile`, `shelf`, `today`,
//!   `patch`, `log`, `insights`, `export` with `import`, `tips`, `serve`). A command parses its
//!   arguments, calls one `glasskin_app` function per operation (analyse a label, change a
//!   product, plan from what is saved, tick today's steps…), and hands the result to `render`.
//!   `cmd` itself holds what the commands share: opening the database, today's date, dates and
//!   periods as written. `cmd::analyze::batch` is `analyze --batch`.
//! - `render`: the readable output, a module per kind of value (`render::analysis`, `findings`,
//!   `plan`, `profile`, `shelf`, `today`, `patch`, `insights`, `tips`, `export`): functions
//!   that write a value to a `Write`. The words for a label read come from
//!   `glasskin_app::analysis::notes`; `render` lays them out and styles them. `render` itself
//!   holds the shared styles and `--json`.
//! - `routine_file`: the files a person writes (routine, profile, shelf), read and handed to
//!   `glasskin_app::documents`, which checks them as the API checks the same documents.
//!
//! # Who may call whom
//!
//! ```text
//! main
//!  └─> cmd::<command>          (cmd::analyze ─> cmd::analyze::batch)
//!       ├─> cmd                 the database, today, dates
//!       ├─> routine_file
//!       ├─> glasskin_app        one call per operation
//!       └─> render::<kind> ─> render (styles, --json)
//! ```
//!
//! - `main` calls `cmd::*` and, for the error line, `render`'s styles.
//! - A `cmd::*` module may use `cmd` (its parent), `render::*`, `routine_file` and the library
//!   crates (`glasskin_app` for anything that reads or changes what is saved), and its own
//!   children; never another command.
//! - `render::*` may use `render` (its parent) and the library crates' types; never `cmd`, never
//!   `routine_file`.
//! - `routine_file` uses only the library crates.
//!
//! The arrows only point down, so there are no cycles; the `layering` test below checks the
//! `use`s of `render` and `routine_file`, and that no command opens the store's trait itself.
//!
//! A command writes a one-line confirmation of what it did ("#3 opened on …") itself; everything
//! that shows a value goes through `render`.

mod cmd;
mod render;
mod routine_file;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cmd::{
    analyze, check, devices, export, insights, log, patch, plan, profile, serve, shelf, tips, today,
};

// The benches and examples that time the analyzer use the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The glass-skin routine as software: read ingredient labels, understand products.
#[derive(Parser)]
#[command(name = "glasskin", version, about, max_term_width = 100)]
struct Cli {
    /// The database file (default: glasskin.db in your data directory, e.g.
    /// ~/.local/share/glasskin/).
    #[arg(long, global = true, env = "GLASSKIN_DB", value_name = "FILE")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a product's ingredient label: each ingredient, its classes and flags.
    ///
    /// The label comes from TEXT, --file, or standard input. With --batch, every line of a JSON
    /// Lines file is analysed on all cores.
    Analyze(analyze::Args),
    /// Check a routine (profile, products, week) against evidence-graded rules.
    ///
    /// Every finding names the products and ingredients involved, the rule's evidence grade and
    /// citations, the fixes, and the tips to read.
    Check(check::Args),
    /// Plan a morning and evening routine for every day of the week from a profile and a shelf.
    ///
    /// Korean step order, exfoliation within the skin's budget, conflicting actives kept apart,
    /// new products one at a time, and a reason for every placement.
    Plan(plan::Args),
    /// Your saved profile: skin type, concerns, pregnancy, retinoid use.
    #[command(subcommand)]
    Profile(profile::Command),
    /// Your shelf: products with their labels, opening dates and expiry.
    #[command(subcommand)]
    Shelf(shelf::Command),
    /// Today's planned steps from the saved plan; tick them off as you go.
    Today(today::Args),
    /// Patch test a new product before it goes on your face.
    #[command(subcommand)]
    Patch(patch::Command),
    /// Log a day: the skin diary or the lifestyle log. With nothing after it, asks for today's
    /// skin and day one question at a time (Enter skips one and keeps what was logged).
    Log(log::Args),
    /// Patterns in your diary and lifestyle log, and how your skin did after each product.
    Insights(insights::Args),
    /// Write everything saved as one JSON document (a backup; `glasskin import` restores it).
    Export(export::ExportArgs),
    /// Restore everything from a `glasskin export` document, replacing what is saved.
    Import(export::ImportArgs),
    /// Start the web app and JSON API on this computer (http://127.0.0.1:7878 by default).
    Serve(serve::Args),
    /// Show the advice library: tips on routine steps, concerns, lifestyle and practices.
    Tips(tips::Args),
    /// The phones and tablets paired with `glasskin serve --lan`: list, rename or revoke them.
    Devices(devices::Args),
}

/// Exit codes: 0 success, 1 an error stopped the run, 2 bad usage (clap's own) or a value
/// `glasskin_app` refused (an invalid value, an unknown id), 3 a batch finished but some of its
/// lines were bad.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.as_deref();
    let planning = matches!(cli.command, Command::Plan(_));
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Check(args) => check::run(args),
        Command::Plan(args) => plan::run(args, db),
        Command::Profile(command) => profile::run(command, db),
        Command::Shelf(command) => shelf::run(command, db),
        Command::Today(args) => today::run(args, db),
        Command::Patch(command) => patch::run(command, db),
        Command::Log(args) => log::run(args, db),
        Command::Insights(args) => insights::run(args, db),
        Command::Export(args) => export::export(args, db),
        Command::Import(args) => export::import(args, db),
        Command::Serve(args) => serve::run(args, db),
        Command::Tips(args) => tips::run(args),
        Command::Devices(args) => devices::run(args, db),
    };
    match result {
        Ok(code) => code,
        // A reader that stops early (`glasskin … | head`) is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let app = e.downcast_ref::<glasskin_app::Error>();
            let hint = app
                .and_then(|a| hint(a.code(), planning))
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            anstream::eprintln!(
                "{}error:{} {e:#}{hint}",
                render::ERROR.render(),
                render::ERROR.render_reset()
            );
            ExitCode::from(app.map_or(1, glasskin_app::Error::exit_code))
        }
    }
}

/// What to do about a state `glasskin_app` reports by its code: the command that fixes it.
/// `plan` can also be given files instead of what is saved.
fn hint(code: &str, planning: bool) -> Option<&'static str> {
    match (code, planning) {
        ("no_profile", true) => Some("give --profile FILE or save one with `glasskin profile set`"),
        ("no_profile", false) => Some("save one with `glasskin profile set --skin-type …`"),
        ("empty_shelf", _) => Some(
            "add products with `glasskin shelf add`, or give --shelf FILE with [[product]] tables",
        ),
        ("no_plan", _) => Some("make one with `glasskin plan --save`"),
        _ => None,
    }
}

/// The layering above: nothing below `cmd` names it, and `render` does not read files.
#[cfg(test)]
mod layering {
    use std::path::Path;

    fn sources(dir: &Path) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).expect("reads src") {
            let path = entry.expect("reads src").path();
            if path.is_dir() {
                files.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("reads a source file");
                files.push((path.display().to_string(), text));
            }
        }
        files
    }

    #[test]
    fn arrows_point_down() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for (path, text) in sources(&src) {
            let below_cmd = path.contains("/src/render") || path.ends_with("/src/routine_file.rs");
            if below_cmd {
                assert!(!text.contains("crate::cmd"), "{path} uses a command");
                assert!(!text.contains("super::super"), "{path} reaches up");
            }
            if path.contains("/src/render") {
                assert!(!text.contains("crate::routine_file"), "{path} reads files");
            }
            if path.contains("/src/cmd/") {
                assert!(
                    !text.contains("crate::cmd::"),
                    "{path} uses another command"
                );
                // What is saved is read and changed through glasskin_app, not the store.
                let store_trait = text
                    .lines()
                    .filter(|l| l.contains("glasskin_store::"))
                    .flat_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_'))
                    .any(|word| word == "Store");
                assert!(!store_trait, "{path} uses the store itself");
            }
        }
    }
}
