//! What the tests share: the app on a fresh database, called straight through its router with
//! no socket, and the labels they put on shelves.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, header};
use serde_json::{Value, json};
use tower::ServiceExt;

/// The app on its own database, as a server bound to `addr` serves it (`router_for`, so with
/// its check of `Host`). Each request goes into the router (`oneshot`) with `Host: {addr}`, as
/// a browser's would, for that check and the same-origin check of posts.
pub struct App {
    /// The address the requests say they were sent to.
    pub addr: SocketAddr,
    router: Router,
    runtime: tokio::runtime::Runtime,
}

/// An answer, its body read to the end.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
    /// The body's bytes, for what is not text.
    pub raw: Vec<u8>,
}

impl App {
    pub fn start(name: &str) -> App {
        App::start_from(name, SocketAddr::from(([127, 0, 0, 1], 50000)))
    }

    /// The app as requests from `peer` reach it (a server on a socket knows each request's
    /// peer; here it is injected as axum's `MockConnectInfo`).
    pub fn start_from(name: &str, peer: SocketAddr) -> App {
        let addr = SocketAddr::from(([127, 0, 0, 1], 8080));
        App::over(App::state(name), addr, peer)
    }

    /// A fresh database's state.
    pub fn state(name: &str) -> glasskin_web::AppState<glasskin_store::SqliteStore> {
        let dir = std::env::temp_dir().join(format!("glasskin-web-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        glasskin_web::AppState::open(&dir.join("glasskin.db")).expect("opens")
    }

    /// The app over `state`, as a server bound to `addr` serves it, with requests from `peer`.
    pub fn over(
        state: glasskin_web::AppState<glasskin_store::SqliteStore>,
        addr: SocketAddr,
        peer: SocketAddr,
    ) -> App {
        let hosts = glasskin_web::AllowedHosts::new(addr, [""; 0]).expect("no extra names");
        App {
            addr,
            router: glasskin_web::router_for(state, hosts)
                .layer(axum::extract::connect_info::MockConnectInfo(peer)),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
        }
    }

    /// A request with the given headers; a redirect is followed with a GET, as browsers do.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut reply = self.once(method, path, headers, body);
        for _ in 0..10 {
            if !(300..400).contains(&reply.status) {
                break;
            }
            let location = reply
                .headers
                .get(header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .expect("a redirect says where")
                .to_owned();
            reply = self.once("GET", &location, &[], "");
        }
        reply
    }

    /// One request, its redirect not followed.
    pub fn once(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, self.addr.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::from(body.to_owned())).expect("request");
        self.runtime.block_on(async {
            let response = self
                .router
                .clone()
                .oneshot(request)
                .await
                .expect("the router never fails");
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body");
            // Text is UTF-8; only an image may be anything else.
            let image = headers
                .get(header::CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"image/"));
            Reply {
                status,
                body: match String::from_utf8(body.to_vec()) {
                    Ok(text) => text,
                    Err(_) if image => String::new(),
                    Err(e) => panic!("not UTF-8: {e}"),
                },
                headers,
                raw: body.to_vec(),
            }
        })
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let reply = self.request("GET", path, &[], "");
        (reply.status, reply.body)
    }

    pub fn send(&self, method: &str, path: &str, body: &str) -> (u16, Value) {
        let reply = self.request(method, path, &[("content-type", "application/json")], body);
        (
            reply.status,
            serde_json::from_str(&reply.body).unwrap_or(Value::String(reply.body)),
        )
    }

    pub fn delete(&self, path: &str) -> u16 {
        self.request("DELETE", path, &[], "").status
    }

    /// A GET or DELETE, with the JSON answer.
    pub fn call(&self, method: &str, path: &str) -> (u16, Value) {
        let reply = self.request(method, path, &[], "");
        (
            reply.status,
            serde_json::from_str(&reply.body).unwrap_or(Value::Null),
        )
    }

    pub fn form(&self, path: &str, body: &str, origin: Option<&str>) -> (u16, String) {
        let mut headers = vec![("content-type", "application/x-www-form-urlencoded")];
        if let Some(origin) = origin {
            headers.push(("origin", origin));
        }
        let reply = self.request("POST", path, &headers, body);
        (reply.status, reply.body)
    }
}

/// Labels the tests put on shelves, from real products (abbreviated).
pub const CLEANSER: &str =
    "Water, Cocamidopropyl Betaine, Glycerin, Sodium Lauroyl Methyl Isethionate";
pub const CREAM: &str =
    "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Phenoxyethanol";
pub const HYDRATING_TONER: &str = "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol";
pub const SUNSCREEN: &str = "Water, Zinc Oxide, Glycerin, Phenoxyethanol";
pub const BHA_LIQUID: &str =
    "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20";

/// Puts products on the shelf through the API.
pub fn shelve(app: &App, products: &[(&str, &str)]) {
    for (name, label) in products {
        let (status, body) = app.send(
            "POST",
            "/api/products",
            &json!({"name": name, "label": label}).to_string(),
        );
        assert_eq!(status, 201, "{body}");
    }
}

pub fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

/// What a background server waits for to stop.
pub type Shutdown = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// A real server on its own thread and runtime, listening on `bind` (port 0: any free one),
/// stopped (as Ctrl-C stops `glasskin serve`) when dropped.
pub struct Background {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Background {
    /// Binds `bind` and runs `serve(listener, shutdown)` until it returns.
    pub fn start<F, Fut>(bind: SocketAddr, serve: F) -> Background
    where
        F: FnOnce(tokio::net::TcpListener, Shutdown) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = anyhow::Result<()>>,
    {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, addr) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind(bind).await.expect("binds");
                ready
                    .send(listener.local_addr().expect("addr"))
                    .expect("sends");
                let shutdown: Shutdown = Box::pin(async {
                    let _ = stopped.await;
                });
                serve(listener, shutdown).await.expect("serves");
            });
        });
        Background {
            addr: addr.recv().expect("ready"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
