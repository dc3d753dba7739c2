//! The server over TLS with a certificate the person provides. `tests/tls/` holds a
//! self-signed certificate for `localhost` and 127.0.0.1 and its key, made for these tests
//! only (`openssl req -x509 -newkey ec …`, valid to 2126). HTTPS answers and plain HTTP on the
//! same port does not; pairing links are `https://` and the device cookie is `Secure`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};

fn files() -> glasskin_web::TlsFiles {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls");
    glasskin_web::TlsFiles {
        cert: dir.join("cert.pem"),
        key: dir.join("key.pem"),
    }
}

/// Sends one HTTP/1.1 request over TLS to 127.0.0.1:`port`, trusting only the test certificate;
/// the answer's status, head (lowercase) and body.
async fn https(port: u16, request: &str) -> (u16, String, String) {
    let mut roots = rustls::RootCertStore::empty();
    let cert = CertificateDer::from_pem_file(files().cert).expect("the test certificate");
    roots.add(cert).expect("a root");
    // The provider rustls's features give (ring, as the server's).
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connects");
    let name = ServerName::try_from("localhost").expect("a name");
    let mut tls = connector.connect(name, stream).await.expect("handshake");
    tls.write_all(request.as_bytes()).await.expect("writes");
    let mut answer = Vec::new();
    // A server may close without TLS's close_notify; what was read is the answer.
    let _ = tls.read_to_end(&mut answer).await;
    let answer = String::from_utf8(answer).expect("UTF-8");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, head.to_ascii_lowercase(), body.to_owned())
}

fn request(method: &str, path: &str, port: u16, extra: &str, body: &str) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost:{port}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn https_with_a_given_certificate_and_a_secure_device_cookie() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let dir = std::env::temp_dir().join(format!("glasskin-web-{}-tls", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let state = glasskin_web::AppState::open(&dir.join("glasskin.db")).expect("opens");
        let tls = glasskin_web::Tls::from_files(&files()).await.expect("reads");
        // Bound to every address, as `--lan`, so there are pairing links.
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([0, 0, 0, 0], 0)))
            .await
            .expect("binds");
        let port = listener.local_addr().expect("addr").port();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(glasskin_web::serve_with(
            listener,
            state,
            &[],
            Some(tls),
            async {
                let _ = stopped.await;
            },
        ));

        let (status, _, body) = https(port, &request("GET", "/api/devices", port, "", "")).await;
        assert_eq!((status, body.trim()), (200, "[]"));

        // Plain HTTP on the HTTPS port gets no answer a browser would show.
        let mut plain = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connects");
        plain
            .write_all(request("GET", "/api/devices", port, "", "").as_bytes())
            .await
            .expect("writes");
        let mut answer = Vec::new();
        let _ = plain.read_to_end(&mut answer).await;
        assert!(!answer.starts_with(b"HTTP/1.1 200"), "plain HTTP is not served");

        // Pairing links are https://, and the cookie they give is Secure.
        let (status, _, body) =
            https(port, &request("POST", "/api/devices/pairing", port, "", "")).await;
        assert_eq!(status, 201, "{body}");
        let link: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        let url = link["url"].as_str().expect("a url");
        assert!(url.starts_with("https://"), "{url}");
        let token = url.rsplit('/').next().expect("a token");
        let origin = format!("Origin: https://localhost:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n");
        let (status, head, body) = https(
            port,
            &request("POST", "/pair", port, &origin, &format!("token={token}&name=Phone")),
        )
        .await;
        assert_eq!(status, 303, "{body}");
        let cookie = head
            .lines()
            .find(|l| l.starts_with("set-cookie:"))
            .expect("a device cookie");
        assert!(
            cookie.contains("; secure") && cookie.contains("; httponly") && cookie.contains("samesite=strict"),
            "{cookie}"
        );

        let _ = stop.send(());
        server.await.expect("joins").expect("stops cleanly");
    });
}

#[test]
fn a_file_that_is_not_a_certificate_is_refused_by_name() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut swapped = files();
    swapped.cert = swapped.key.clone();
    let err = runtime
        .block_on(glasskin_web::Tls::from_files(&swapped))
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("key.pem holds no PEM certificate"), "{err}");
    let mut missing = files();
    missing.key = missing.key.with_file_name("no-such-key.pem");
    let err = runtime
        .block_on(glasskin_web::Tls::from_files(&missing))
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("no-such-key.pem is not a readable file"),
        "{err}"
    );
}
