//! The server itself on 127.0.0.1, through a real socket: it binds, serves, refuses a body over
//! the limit from its length alone, and shuts down when told.

use std::net::SocketAddr;

use crate::support::Background;

/// A server on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    _running: Background,
}

impl Server {
    pub fn start(name: &str) -> Server {
        Server::answering(name, &[])
    }

    /// A server that also answers to `allow_hosts` (`glasskin serve --allow-host`).
    pub fn answering(name: &str, allow_hosts: &[&str]) -> Server {
        let allow_hosts: Vec<String> = allow_hosts.iter().map(|h| (*h).to_owned()).collect();
        let dir = std::env::temp_dir().join(format!("glasskin-web-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let state = glasskin_web::AppState::open(&dir.join("glasskin.db")).expect("opens");
        let running = Background::start(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            move |listener, shutdown| async move {
                glasskin_web::serve_on(listener, state, &allow_hosts, shutdown).await
            },
        );
        Server {
            addr: running.addr,
            _running: running,
        }
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(&format!("http://{}{path}", self.addr))
            .call()
            .expect("responds");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body"))
    }
}

#[test]
fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let server = Server::start("limits");
    // An oversized body is refused from its length alone, before it is read.
    {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(server.addr).expect("connects");
        write!(
            stream,
            "POST /api/analyze HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            server.addr,
            glasskin_web::BODY_LIMIT + 1
        )
        .expect("writes");
        let mut reply = [0u8; 1024];
        let n = stream.read(&mut reply).expect("reads");
        let reply = String::from_utf8_lossy(&reply[..n]);
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        assert!(reply.contains("\"code\":\"too_large\""), "{reply}");
    }
    // And it goes on serving.
    let (status, html) = server.get("/");
    assert_eq!(status, 200);
    assert!(html.contains("<main id=\"main\">"), "{html}");
}
