//! Connections to PostgreSQL: a pool of them, over TLS when the URL asks for it.
//!
//! With `sslmode=require` every connection is TLS (rustls on ring), and the server's certificate
//! must verify against Mozilla's roots (`webpki-roots`) or, when given, the CA file's
//! certificates alone (a managed database's own CA): verified, never merely encrypted. Without
//! it (`prefer`, the default, or `disable`) connections are plain, for a database on loopback or
//! a private network.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use postgres::config::SslMode;
use postgres::types::ToSql;
use postgres::{NoTls, Row, Statement};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2::{self, Pool, PooledConnection};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::{Result, StoreError};

/// How many connections one process keeps to the database at most.
const POOL_SIZE: u32 = 16;

/// How long an operation waits for a free connection (or a new one) before it fails.
const CONNECT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

type Plain = Caching<PostgresConnectionManager<NoTls>>;
type Tls = Caching<PostgresConnectionManager<MakeRustlsConnect>>;

/// A client with the statements it has prepared, by their text: each statement is parsed and
/// planned once a connection, and then costs one round trip, where an unprepared one costs two
/// (the client prepares an unnamed statement each time) and is planned every time.
pub(super) struct Client {
    client: postgres::Client,
    statements: HashMap<String, Statement>,
}

/// A pool's manager whose connections keep their prepared statements, and run the given SQL
/// once when they open (the store's `PREPARE`s, for statements sent inside a simple query).
pub(super) struct Caching<M>(M, &'static str);

impl<M> r2d2::ManageConnection for Caching<M>
where
    M: r2d2::ManageConnection<Connection = postgres::Client, Error = postgres::Error>,
{
    type Connection = Client;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<Client, postgres::Error> {
        let mut client = self.0.connect()?;
        client.batch_execute(self.1)?;
        Ok(Client {
            client,
            statements: HashMap::new(),
        })
    }

    fn is_valid(&self, conn: &mut Client) -> std::result::Result<(), postgres::Error> {
        self.0.is_valid(&mut conn.client)
    }

    fn has_broken(&self, conn: &mut Client) -> bool {
        self.0.has_broken(&mut conn.client)
    }
}

/// A pooled connection's statements, prepared once per connection and kept by their text: the
/// store's own SQL, whose only variable parts are table names from fixed lists, never values
/// (those are always parameters), so the cache stays small. Used inside a transaction that an
/// [`Open`] began and ends, or with none ([`Connection::alone`]).
pub(super) struct Tx<'c> {
    client: &'c mut postgres::Client,
    statements: &'c mut HashMap<String, Statement>,
}

type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

impl Tx<'_> {
    fn statement(&mut self, sql: &str) -> std::result::Result<Statement, postgres::Error> {
        prepared(self.client, self.statements, sql)
    }

    pub(super) fn execute(
        &mut self,
        sql: &str,
        params: Params<'_>,
    ) -> std::result::Result<u64, postgres::Error> {
        let statement = self.statement(sql)?;
        self.client.execute(&statement, params)
    }

    pub(super) fn query(
        &mut self,
        sql: &str,
        params: Params<'_>,
    ) -> std::result::Result<Vec<Row>, postgres::Error> {
        let statement = self.statement(sql)?;
        self.client.query(&statement, params)
    }

    pub(super) fn query_one(
        &mut self,
        sql: &str,
        params: Params<'_>,
    ) -> std::result::Result<Row, postgres::Error> {
        let statement = self.statement(sql)?;
        self.client.query_one(&statement, params)
    }

    pub(super) fn query_opt(
        &mut self,
        sql: &str,
        params: Params<'_>,
    ) -> std::result::Result<Option<Row>, postgres::Error> {
        let statement = self.statement(sql)?;
        self.client.query_opt(&statement, params)
    }
}

/// `sql` prepared on `client` once, then taken from `statements`.
fn prepared(
    client: &mut postgres::Client,
    statements: &mut HashMap<String, Statement>,
    sql: &str,
) -> std::result::Result<Statement, postgres::Error> {
    if let Some(statement) = statements.get(sql) {
        return Ok(statement.clone());
    }
    let statement = client.prepare(sql)?;
    statements.insert(sql.to_owned(), statement.clone());
    Ok(statement)
}

/// A transaction open on a connection taken from the pool: committed by [`Open::commit`],
/// rolled back when dropped, so the connection goes back to the pool with no transaction open.
pub(super) struct Open {
    conn: Connection,
    finished: bool,
}

impl Open {
    /// Begins a transaction on `conn` with `begin`: statements given as text, run in one round
    /// trip (no parameters), the first of them `START TRANSACTION`. Returns it with the first
    /// column of the last row any of them returned. If any fails, it is rolled back before the
    /// connection goes back to the pool.
    pub(super) fn begin(
        conn: Connection,
        begin: &str,
    ) -> std::result::Result<(Open, Option<String>), postgres::Error> {
        let mut open = Open {
            conn,
            finished: false,
        };
        let messages = open.conn.client().client.simple_query(begin)?;
        let last = messages.iter().rev().find_map(|m| match m {
            postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_owned),
            _ => None,
        });
        Ok((open, last))
    }

    /// The transaction, to run statements in.
    pub(super) fn tx(&mut self) -> Tx<'_> {
        let Client { client, statements } = self.conn.client();
        Tx { client, statements }
    }

    pub(super) fn commit(mut self) -> std::result::Result<(), postgres::Error> {
        self.finished = true;
        self.conn.client().client.batch_execute("COMMIT")
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        if !self.finished {
            // If even this fails the connection is broken, and the pool drops it.
            let _ = self.conn.client().client.batch_execute("ROLLBACK");
        }
    }
}

/// The pool, closed on a thread of its own when the last handle goes: closing a connection of
/// the synchronous client blocks on that connection's own runtime, which panics on a thread
/// that drives an async runtime, as a server's does when it stops.
pub(super) struct Connections(Option<Pools>);

enum Pools {
    Plain(Pool<Plain>),
    Tls(Pool<Tls>),
}

/// A connection borrowed from the pool, given back when dropped.
pub(super) enum Connection {
    Plain(PooledConnection<Plain>),
    Tls(PooledConnection<Tls>),
}

impl Connection {
    fn client(&mut self) -> &mut Client {
        match self {
            Connection::Plain(c) => c,
            Connection::Tls(c) => c,
        }
    }

    /// Its statements with none begun: each runs as a transaction of its own.
    pub(super) fn alone(&mut self) -> Tx<'_> {
        let Client { client, statements } = self.client();
        Tx { client, statements }
    }

    /// A statement prepared on this connection, once: for the queries run on every request
    /// outside a store's transaction (the session's lookup).
    pub(super) fn prepared(
        &mut self,
        sql: &str,
    ) -> std::result::Result<Statement, postgres::Error> {
        let Client { client, statements } = self.client();
        prepared(client, statements, sql)
    }
}

impl std::ops::Deref for Connection {
    type Target = postgres::Client;
    fn deref(&self) -> &postgres::Client {
        match self {
            Connection::Plain(c) => &c.client,
            Connection::Tls(c) => &c.client,
        }
    }
}

impl std::ops::DerefMut for Connection {
    fn deref_mut(&mut self) -> &mut postgres::Client {
        &mut self.client().client
    }
}

impl Connections {
    /// A pool for `config`, over `tls` when given; connections are opened as requests need
    /// them, not all at start-up.
    fn new(
        config: postgres::Config,
        tls: Option<MakeRustlsConnect>,
        on_connect: &'static str,
    ) -> Result<Connections> {
        let pools = match tls {
            None => pool(Caching(
                PostgresConnectionManager::new(config, NoTls),
                on_connect,
            ))
            .map(Pools::Plain),
            Some(tls) => pool(Caching(
                PostgresConnectionManager::new(config, tls),
                on_connect,
            ))
            .map(Pools::Tls),
        };
        pools
            .map(|pools| Connections(Some(pools)))
            .map_err(|e| StoreError::Database(e.to_string()))
    }

    /// A free connection, waiting for one as long as [`CONNECT_WAIT`].
    pub(super) fn get(&self) -> std::result::Result<Connection, r2d2::Error> {
        match &self.0 {
            Some(Pools::Plain(pool)) => pool.get().map(Connection::Plain),
            Some(Pools::Tls(pool)) => pool.get().map(Connection::Tls),
            None => unreachable!("taken only in drop"),
        }
    }

    /// How many connections are open.
    pub(super) fn open_connections(&self) -> u32 {
        match &self.0 {
            Some(Pools::Plain(pool)) => pool.state().connections,
            Some(Pools::Tls(pool)) => pool.state().connections,
            None => 0,
        }
    }
}

/// A pool whose connections are opened as requests need them, not all at start-up.
fn pool<M: r2d2::ManageConnection>(manager: M) -> std::result::Result<Pool<M>, r2d2::Error> {
    Pool::builder()
        .max_size(POOL_SIZE)
        .min_idle(Some(0))
        // A dropped connection shows as closed; a round trip per operation to check it would
        // cost more than the rare retry.
        .test_on_check_out(false)
        .connection_timeout(CONNECT_WAIT)
        .build(manager)
}

impl Drop for Connections {
    fn drop(&mut self) {
        if let Some(pools) = self.0.take() {
            let _ = std::thread::Builder::new()
                .name("glasskin-pg-close".into())
                .spawn(move || drop(pools));
        }
    }
}

/// Connects once to the database at `url`, directly, so a wrong address, role, password or
/// certificate fails at once with the server's words rather than after a pool's wait; then the
/// pool for the same database. `ca` replaces Mozilla's roots for TLS.
pub(super) fn connect(
    url: &str,
    ca: Option<&Path>,
) -> Result<(
    postgres::Client,
    impl FnOnce(&'static str) -> Result<Connections>,
)> {
    let config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
        StoreError::Open(format!(
            "{e}; give postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        ))
    })?;
    let tls = match config.get_ssl_mode() {
        SslMode::Require => Some(tls(ca)?),
        _ => None,
    };
    let client = match &tls {
        None => config.connect(NoTls),
        Some(tls) => config.connect(tls.clone()),
    }
    .map_err(StoreError::from)?;
    Ok((client, move |on_connect| {
        Connections::new(config, tls, on_connect)
    }))
}

/// A TLS connector that verifies the server against `ca`'s certificates, or Mozilla's roots.
fn tls(ca: Option<&Path>) -> Result<MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        Some(path) => {
            use rustls::pki_types::pem::PemObject;
            let certificates = rustls::pki_types::CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(|e| {
                    StoreError::Open(format!(
                        "the database's CA file {} cannot be read: {e}; give a PEM file of certificates",
                        path.display()
                    ))
                })?;
            let (added, _) = roots.add_parsable_certificates(certificates);
            if added == 0 {
                return Err(StoreError::Open(format!(
                    "the database's CA file {} holds no certificate; give a PEM file (-----BEGIN CERTIFICATE-----)",
                    path.display()
                )));
            }
        }
    }
    // ring, as the web server's TLS: rustls's post-quantum key exchange needs aws-lc-rs, whose
    // build needs CMake and a C toolchain beyond ring's.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Open(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}
