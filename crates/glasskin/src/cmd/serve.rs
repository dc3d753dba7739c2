//! `glasskin serve`: the web app and JSON API on a tokio runtime, with request logs on stderr.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to listen. Anything but a loopback address makes glasskin reachable from other
    /// computers, and it has no login.
    #[arg(long, default_value = "127.0.0.1:7878")]
    addr: SocketAddr,
}

pub fn run(args: Args, db: Option<&Path>) -> anyhow::Result<ExitCode> {
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
        None => super::default_db()?,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(glasskin_web::serve(glasskin_web::Config {
        addr: args.addr,
        db,
    }))?;
    Ok(ExitCode::SUCCESS)
}
