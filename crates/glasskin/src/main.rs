//! `glasskin`: the one binary. It owns the terminal (arguments, colour, progress bars) and leaves
//! the work to the library crates.

mod cmd;
mod render;
mod report;
mod routine_file;

use cmd::{analyze, check, memory, plan, tips};

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    db: Option<std::path::PathBuf>,

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
    Profile(memory::ProfileCommand),
    /// Your shelf: products with their labels, opening dates and expiry.
    #[command(subcommand)]
    Shelf(memory::ShelfCommand),
    /// Today's planned steps from the saved plan; tick them off as you go.
    Today {
        /// Another day (YYYY-MM-DD), e.g. to tick off yesterday.
        #[arg(long)]
        date: Option<String>,
        /// Tick off: am, pm, all, a product number, or am:NUMBER (repeat as needed).
        #[arg(long, value_name = "WHAT")]
        done: Vec<String>,
        /// Untick, the same way.
        #[arg(long, value_name = "WHAT")]
        undo: Vec<String>,
    },
    /// Patch test a new product before it goes on your face.
    #[command(subcommand)]
    Patch(memory::PatchCommand),
    /// Log a day: the skin diary or the lifestyle log. With nothing after it, asks for today's
    /// skin and day one question at a time (Enter skips one).
    Log {
        #[command(subcommand)]
        command: Option<memory::LogCommand>,
    },
    /// Patterns in your diary and lifestyle log, and how your skin did after each product.
    Insights {
        /// As JSON.
        #[arg(long)]
        json: bool,
        /// Also write the charts (ratings.svg, adherence.svg) into this folder.
        #[arg(long, value_name = "DIR")]
        svg: Option<std::path::PathBuf>,
    },
    /// Write everything saved as one JSON document (a backup; `glasskin import` restores it).
    Export {
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE", conflicts_with = "csv")]
        output: Option<std::path::PathBuf>,
        /// Instead, write a CSV file per table (products, diary, lifestyle, check-offs) into
        /// this folder.
        #[arg(long, value_name = "DIR")]
        csv: Option<std::path::PathBuf>,
    },
    /// Restore everything from a `glasskin export` document, replacing what is saved.
    Import {
        /// The export file.
        file: std::path::PathBuf,
    },
    /// Start the web app and JSON API on this computer (http://127.0.0.1:7878 by default).
    Serve {
        /// Where to listen. Anything but a loopback address makes glasskin reachable from other
        /// computers, and it has no login.
        #[arg(long, default_value = "127.0.0.1:7878")]
        addr: std::net::SocketAddr,
    },
    /// Show the advice library: tips on routine steps, concerns, lifestyle and practices.
    Tips(tips::Args),
}

/// `glasskin serve`: the web app on a tokio runtime, with request logs on stderr.
fn serve(addr: std::net::SocketAddr, db: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "tower_http=info,glasskin_web=info".into()),
        )
        .with_writer(std::io::stderr)
        // Colour on a terminal only: a log piped to a file stays plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let db = match db {
        Some(path) => path.to_owned(),
        None => cmd::default_db()?,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(glasskin_web::serve(glasskin_web::Config { addr, db }))?;
    Ok(ExitCode::SUCCESS)
}

/// Exit codes: 0 success, 1 an error stopped the run, 2 bad usage (clap's own), 3 a batch
/// finished but some of its lines were bad.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Check(args) => check::run(args),
        Command::Plan(args) => plan::run(args, cli.db.as_deref()),
        Command::Serve { addr } => serve(addr, cli.db.as_deref()),
        Command::Profile(command) => memory::profile(command, cli.db.as_deref()),
        Command::Shelf(command) => memory::shelf(command, cli.db.as_deref()),
        Command::Log {
            command: Some(command),
        } => memory::log(command, cli.db.as_deref()),
        Command::Log { command: None } => memory::log_by_questions(cli.db.as_deref()),
        Command::Patch(command) => memory::patch(command, cli.db.as_deref()),
        Command::Today { date, done, undo } => {
            memory::today_command(date.as_deref(), &done, &undo, cli.db.as_deref())
        }
        Command::Insights { json, svg } => {
            memory::insights(json, svg.as_deref(), cli.db.as_deref())
        }
        Command::Export { output, csv } => {
            memory::export(output.as_deref(), csv.as_deref(), cli.db.as_deref())
        }
        Command::Import { file } => memory::import(&file, cli.db.as_deref()),
        Command::Tips(args) => tips::run(args),
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
            anstream::eprintln!(
                "{}error:{} {e:#}",
                render::ERROR.render(),
                render::ERROR.render_reset()
            );
            ExitCode::from(1)
        }
    }
}
