//! The server itself on 127.0.0.1, through a real socket: it binds, serves, refuses a body over
//! the limit from its length alone, and shuts down when told.

use std::net::SocketAddr;

/// A server on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
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
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, addr) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("binds");
                ready
                    .send(listener.local_addr().expect("addr"))
                    .expect("sends");
                glasskin_web::serve_on(listener, state, &allow_hosts, async {
                    let _ = stopped.await;
                })
                .await
                .expect("serves");
            });
        });
        Server {
            addr: addr.recv().expect("ready"),
            stop: Some(stop),
            thread: Some(thread),
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

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
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
