//! Hosted glasskin: many accounts on PostgreSQL (feature `hosted`).
//!
//! The same pages and API as the local server, for whoever is signed in. What is added here is
//! who a request is from: accounts with argon2id password hashes, sessions kept in PostgreSQL
//! (so any node serves any request) and named by a `__Host-` cookie holding a random secret
//! whose SHA-256 alone is stored, sign-in and sign-up attempts counted per client address
//! across nodes, and the client's address read through trusted proxies only. Each request's
//! owner goes into its extensions ([`Owner`]); the handlers' [`Person`](crate::Person) opens
//! that owner's store, and nothing else.
//!
//! The pages that make and use an account are in `pages::account`.

mod passwords;
mod session;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use glasskin_store::{PgDatabase, PgStore};

use crate::{AllowedHosts, AppState, Tls, TlsFiles, listen_error};

pub(crate) use passwords::{check_new_password, hash_password, normalise_email, verify_password};
pub(crate) use session::{
    LIFETIME, SessionToken, cleared_cookie, guard as session_guard, new_session_cookie,
};

/// How a hosted server runs: where it listens, its database, and what stands in front of it.
pub struct HostedConfig {
    /// The address to listen on.
    pub addr: SocketAddr,
    /// The PostgreSQL database (`postgres://…`), as the application role.
    pub database: String,
    /// The same database as the role that owns its tables, to apply the migrations with at
    /// start-up; without it, `database`'s role must own them or find them up to date.
    pub migrate_with: Option<String>,
    /// With `sslmode=require` in the URLs, the PEM file of the certificate authority the
    /// database's certificate must verify against, instead of Mozilla's roots.
    pub database_ca: Option<std::path::PathBuf>,
    /// The address people open (`https://skin.example`): its host is answered to, besides the
    /// listening address's.
    pub public_origin: Option<String>,
    /// Other host names answered to.
    pub allow_hosts: Vec<String>,
    /// Proxies whose `X-Forwarded-For` is believed: the client's address is the last one in it
    /// that is not one of these. Without any, the socket's peer is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// A certificate and key to serve HTTPS with, when no proxy does.
    pub tls: Option<TlsFiles>,
    /// Sign-in and sign-up attempts one client address may make a minute, across every node.
    pub attempts_per_minute: u32,
}

/// The default of [`HostedConfig::attempts_per_minute`].
pub const ATTEMPTS_PER_MINUTE: u32 = 10;

/// What the account pages and the session layer share.
pub(crate) struct Accounts {
    pub(crate) db: PgDatabase,
    pub(crate) trusted_proxies: Vec<IpAddr>,
    pub(crate) attempts_per_minute: u32,
    /// Whose the sessions this node looked up lately are, for the writes that check their
    /// session themselves.
    pub(crate) known: session::KnownSessions,
}

/// A hosted server's state and account keeper, over an open database.
pub fn hosted_state(
    db: PgDatabase,
    trusted_proxies: Vec<IpAddr>,
    attempts_per_minute: u32,
) -> (AppState<PgStore>, HostedAccounts) {
    let stores = db.clone();
    let state = AppState::per_owner(move |owner, check| match check {
        Some(check) => stores.store_checking(owner, check),
        None => stores.store(owner),
    });
    let accounts = HostedAccounts(Arc::new(Accounts {
        db,
        trusted_proxies,
        attempts_per_minute,
        known: session::KnownSessions::default(),
    }));
    (state, accounts)
}

/// The accounts of a hosted server, for [`hosted_router`].
#[derive(Clone)]
pub struct HostedAccounts(pub(crate) Arc<Accounts>);

/// The whole hosted app as a server on a socket serves it: every page and API route for the
/// signed-in account, the account pages, and the checks of the host and of the session.
pub fn hosted_router(
    state: AppState<PgStore>,
    accounts: HostedAccounts,
    hosts: AllowedHosts,
) -> axum::Router {
    crate::app(state, Some(hosts), Some(accounts.0))
}

/// The host of a public origin (`https://skin.example:8443` → `skin.example:8443`), refused with
/// why when it is not an origin.
pub fn origin_host(origin: &str) -> Result<String, String> {
    let origin = origin.trim().trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("{origin:?} is not an origin; give https://NAME (the address people open)")
        })?;
    if rest.contains(['/', '?', '#', '@']) || rest.is_empty() {
        return Err(format!(
            "{origin:?} is not an origin; give the scheme and host alone, as https://skin.example"
        ));
    }
    crate::parse_host_name(rest)?;
    Ok(rest.to_owned())
}

/// Serves the hosted app until Ctrl-C, then finishes the requests in flight.
pub async fn serve_hosted(config: HostedConfig) -> anyhow::Result<()> {
    let mut names = config.allow_hosts.clone();
    if let Some(origin) = &config.public_origin {
        names.push(origin_host(origin).map_err(anyhow::Error::msg)?);
    }
    // The names and the certificate are checked before the database is opened or the port
    // taken.
    AllowedHosts::new(config.addr, &names).map_err(anyhow::Error::msg)?;
    let tls = match &config.tls {
        Some(files) => Some(Tls::from_files(files).await?),
        None => None,
    };
    let (url, owner_url) = (config.database.clone(), config.migrate_with.clone());
    let ca = config.database_ca.clone();
    let db = crate::blocking(move || {
        if let Some(owner_url) = owner_url {
            PgDatabase::migrate(&owner_url, ca.as_deref())?;
        }
        PgDatabase::open_with_ca(&url, ca.as_deref())
    })
    .await?;
    let (state, accounts) = hosted_state(db, config.trusted_proxies, config.attempts_per_minute);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| listen_error(config.addr, &e))?;
    serve_hosted_on(listener, state, accounts, &names, tls, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves the hosted app on a bound listener until `shutdown` completes (tests bind port 0 and
/// stop it), answering to its address and `allow_hosts`.
pub async fn serve_hosted_on(
    listener: tokio::net::TcpListener,
    state: AppState<PgStore>,
    accounts: HostedAccounts,
    allow_hosts: &[String],
    tls: Option<Tls>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let addr = listener.local_addr()?;
    let hosts = AllowedHosts::new(addr, allow_hosts).map_err(anyhow::Error::msg)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    eprintln!(
        "glasskin (hosted, on PostgreSQL) is running at {scheme}://{addr}/; it answers to {}; Ctrl-C stops it",
        hosts.describe()
    );
    crate::serve_app(
        listener,
        hosted_router(state, accounts, hosts),
        tls,
        shutdown,
    )
    .await
}

/// The address a request comes from: the socket's `peer`, or, when the peer is a trusted proxy,
/// the last address in `X-Forwarded-For` that is not a trusted proxy's. `None` without a
/// socket (a test calling the router).
pub(crate) fn client_address(
    peer: Option<SocketAddr>,
    headers: &axum::http::HeaderMap,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?.ip().to_canonical();
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted.contains(ip))
            .unwrap_or(peer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_origin_gives_its_host() {
        assert_eq!(
            origin_host("https://skin.example/").as_deref(),
            Ok("skin.example")
        );
        assert_eq!(
            origin_host("https://skin.example:8443").as_deref(),
            Ok("skin.example:8443")
        );
        for bad in [
            "skin.example",
            "https://",
            "https://a/b",
            "ftp://a",
            "https://u@a",
        ] {
            assert!(origin_host(bad).is_err(), "{bad}");
        }
    }

    fn client_address_of(
        (peer, headers): (Option<SocketAddr>, axum::http::HeaderMap),
        trusted: &[IpAddr],
    ) -> Option<IpAddr> {
        client_address(peer, &headers, trusted)
    }

    #[test]
    fn the_client_is_the_last_address_a_trusted_proxy_did_not_add() {
        let request = |peer: &str, forwarded: Option<&str>| {
            let mut headers = axum::http::HeaderMap::new();
            if let Some(f) = forwarded {
                headers.insert("x-forwarded-for", f.parse().expect("header"));
            }
            (Some(peer.parse::<SocketAddr>().expect("addr")), headers)
        };
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        let ip = |s: &str| Some(s.parse::<IpAddr>().expect("ip"));
        // Untrusted peers cannot claim another address.
        assert_eq!(
            client_address_of(request("203.0.113.9:5000", Some("1.2.3.4")), &[proxy]),
            ip("203.0.113.9")
        );
        // Through the proxy: the address it saw, not what the client wrote before it.
        assert_eq!(
            client_address_of(
                request("10.0.0.2:5000", Some("6.6.6.6, 198.51.100.7")),
                &[proxy]
            ),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_address_of(request("10.0.0.2:5000", None), &[proxy]),
            ip("10.0.0.2")
        );
    }
}
