//! `glasskin serve`: the web app and JSON API on a tokio runtime, with request logs on stderr.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to listen: ADDRESS:PORT, or localhost:PORT. Anything but a loopback address makes
    /// glasskin reachable from other computers, and it has no login.
    #[arg(long, default_value = "127.0.0.1:7878", value_parser = listen_addr)]
    addr: SocketAddr,
    /// Open glasskin to your phone: listen on every address of this computer (on --addr's
    /// port), and let in only the devices you pair with a one-time code (printed here, and on
    /// http://127.0.0.1:PORT/devices). Plain HTTP unless --tls-cert and --tls-key are given.
    #[arg(long)]
    lan: bool,
    /// Serve HTTPS with this certificate (PEM, with any intermediates), for example one made by
    /// mkcert or your router's CA; needs --tls-key. The device cookie is then Secure.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<std::path::PathBuf>,
    /// The certificate's private key (PEM, unencrypted); needs --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<std::path::PathBuf>,
    /// Also answer to requests for NAME (a host name or address, optionally with :PORT; without
    /// a port, any port): the public name of a proxy in front of glasskin, or this computer's
    /// name on the network. Repeatable. Without it glasskin answers only to the address it
    /// listens on and to localhost, 127.0.0.1 and ::1 on its port, so that no other site's
    /// page can reach it by pointing its own name at this computer (DNS rebinding).
    /// GLASSKIN_ALLOW_HOSTS takes several, separated by commas.
    #[arg(
        long = "allow-host",
        value_name = "NAME",
        env = "GLASSKIN_ALLOW_HOSTS",
        value_delimiter = ',',
        value_parser = host_name
    )]
    allow_hosts: Vec<String>,
    /// Hosted: serve many accounts from this PostgreSQL database (postgres://USER@HOST/NAME),
    /// each person signing in, instead of one person's local file. Needs a glasskin built with
    /// `--features hosted`; docs/hosting.md says how to run it. Better given in
    /// GLASSKIN_DATABASE_URL, so its password is not on the command line.
    #[arg(
        long,
        value_name = "URL",
        env = "GLASSKIN_DATABASE_URL",
        hide_env_values = true
    )]
    database: Option<String>,
    /// Hosted: the same database as the role that owns its tables, used once at start-up to
    /// apply glasskin's migrations (the role of --database then only reads and writes rows).
    /// Better given in GLASSKIN_MIGRATE_URL.
    #[arg(
        long,
        value_name = "URL",
        env = "GLASSKIN_MIGRATE_URL",
        hide_env_values = true,
        requires = "database"
    )]
    migrate_with: Option<String>,
    /// Hosted: the certificate authority (a PEM file) the database's TLS certificate must verify
    /// against, when the URLs say sslmode=require; without it, Mozilla's roots.
    #[arg(
        long,
        value_name = "FILE",
        env = "GLASSKIN_DATABASE_CA",
        requires = "database"
    )]
    database_ca: Option<std::path::PathBuf>,
    /// Hosted: the address people open (`https://skin.example`), when a proxy serves it; its
    /// name is answered to.
    #[arg(
        long,
        value_name = "URL",
        env = "GLASSKIN_PUBLIC_ORIGIN",
        requires = "database"
    )]
    public_origin: Option<String>,
    /// Hosted: a proxy in front of glasskin whose X-Forwarded-For is believed (its address, as
    /// the connection comes from it). Repeatable; GLASSKIN_TRUST_PROXIES takes several,
    /// separated by commas.
    #[arg(
        long = "trust-proxy",
        value_name = "ADDRESS",
        env = "GLASSKIN_TRUST_PROXIES",
        value_delimiter = ',',
        requires = "database"
    )]
    trust_proxies: Vec<std::net::IpAddr>,
    /// Hosted: sign-in and sign-up attempts one address may make a minute.
    #[arg(
        long,
        value_name = "N",
        env = "GLASSKIN_SIGN_IN_ATTEMPTS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u32).range(1..),
        requires = "database"
    )]
    sign_in_attempts: u32,
}

/// `--addr`'s value: an address and port, or `localhost:PORT` (the loopback address).
fn listen_addr(text: &str) -> Result<SocketAddr, String> {
    let text = text.trim();
    if let Some(port) = text.strip_prefix("localhost:") {
        let port: u16 = port
            .parse()
            .map_err(|_| format!("`{port}` is not a port; use a number from 1 to 65535"))?;
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    text.parse().map_err(|_| {
        format!("`{text}` is not ADDRESS:PORT; for example 127.0.0.1:7878 or localhost:7878")
    })
}

/// `--allow-host`'s value, refused as the web crate would refuse it. An empty one (an empty
/// GLASSKIN_ALLOW_HOSTS, a trailing comma) names nothing and is left out.
fn host_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if !name.is_empty() {
        glasskin_web::parse_host_name(name)?;
    }
    Ok(name.to_owned())
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if let Some(database) = args.database.clone() {
        return hosted(args, database, db, &runtime);
    }
    let db = match db {
        Some(path) => super::db_path(Some(path))?,
        None => super::default_db()?,
    };
    let addr = if args.lan {
        SocketAddr::from(([0, 0, 0, 0], args.addr.port()))
    } else {
        args.addr
    };
    runtime.block_on(glasskin_web::serve(glasskin_web::Config {
        addr,
        db,
        allow_hosts: args
            .allow_hosts
            .into_iter()
            .filter(|name| !name.is_empty())
            .collect(),
        tls: args
            .tls_cert
            .zip(args.tls_key)
            .map(|(cert, key)| glasskin_web::TlsFiles { cert, key }),
    }))?;
    Ok(ExitCode::SUCCESS)
}

/// `glasskin serve --database postgres://…`: many accounts on PostgreSQL.
#[cfg(feature = "hosted")]
fn hosted(
    args: Args,
    database: String,
    db: Option<&Path>,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<ExitCode> {
    if db.is_some() {
        anyhow::bail!(
            "--db names a local file and --database a PostgreSQL database; give one (GLASSKIN_DATABASE_URL counts as --database)"
        );
    }
    if args.lan {
        anyhow::bail!(
            "--lan pairs phones with a local glasskin; a hosted one signs each device in: listen where people reach it with --addr"
        );
    }
    runtime.block_on(glasskin_web::serve_hosted(glasskin_web::HostedConfig {
        addr: args.addr,
        database,
        migrate_with: args.migrate_with,
        database_ca: args.database_ca,
        public_origin: args.public_origin,
        allow_hosts: args
            .allow_hosts
            .into_iter()
            .filter(|name| !name.is_empty())
            .collect(),
        trusted_proxies: args.trust_proxies,
        tls: args
            .tls_cert
            .zip(args.tls_key)
            .map(|(cert, key)| glasskin_web::TlsFiles { cert, key }),
        attempts_per_minute: args.sign_in_attempts,
    }))?;
    Ok(ExitCode::SUCCESS)
}

/// Without the `hosted` feature there is no PostgreSQL client: say how to get one.
#[cfg(not(feature = "hosted"))]
fn hosted(
    _: Args,
    _: String,
    _: Option<&Path>,
    _: &tokio::runtime::Runtime,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this glasskin was built without hosting, so it cannot serve from PostgreSQL; build it with `cargo build --release --features hosted` (docs/hosting.md), or leave out --database (and GLASSKIN_DATABASE_URL) to serve your local file"
    )
}
