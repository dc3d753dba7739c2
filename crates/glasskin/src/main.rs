//! `glasskin`: the one binary. It owns the terminal (arguments, colour, progress bars) and leaves
//! the work to the library crates.

mod analyze;
mod batch;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The glass-skin routine as software: read ingredient labels, understand products.
#[derive(Parser)]
#[command(name = "glasskin", version, about, max_term_width = 100)]
struct Cli {
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
}

/// Exit codes: 0 success, 1 an error stopped the run, 2 bad usage (clap's own), 3 a batch
/// finished but some of its lines were bad.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!(
                "{}error:{} {e:#}",
                table::ERROR.render(),
                table::ERROR.render_reset()
            );
            ExitCode::from(1)
        }
    }
}
