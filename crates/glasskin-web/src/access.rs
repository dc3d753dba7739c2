//! Who may reach the server: this computer always; another device (a phone on the home
//! network) only from a browser paired with a one-time link, which holds a device cookie.
//!
//! A pairing link carries a random token (128 bits from the operating system's CSPRNG) that
//! is kept only as a SHA-256 hash, works once and expires after [`PAIRING_MINUTES`]. Opening
//! it on the phone and pressing Pair gives that browser a device secret (256 bits) in an
//! `HttpOnly`, `SameSite=Strict` cookie (`Secure` under TLS); the store keeps only the hash of
//! the secret, so revoking the device in the store ends its access. Pairing, the device list
//! and revoking open only from this computer: a paired phone cannot let others in.

use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::connect_info::MockConnectInfo;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use glasskin_store::Store;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{AppState, Person};

/// The cookie that names a paired device.
pub(crate) const COOKIE: &str = "glasskin_device";

/// How long a pairing link works.
pub const PAIRING_MINUTES: u64 = 10;

/// How long a paired browser keeps its cookie: 400 days, the most browsers allow.
const COOKIE_SECONDS: u64 = 400 * 24 * 60 * 60;

/// Pairing links alive at once; asking for another drops the oldest.
const MAX_PENDING: usize = 8;

/// A pairing link's token, as its hash, and when it stops working.
struct Pending {
    hash: [u8; 32],
    expires: Instant,
}

/// What the server knows about reaching it from other devices.
pub(crate) struct Access {
    pending: Mutex<Vec<Pending>>,
    /// Where other devices reach this server (`http://192.168.1.5:7878`), best first; empty
    /// when it listens on this computer only.
    pub(crate) links: Vec<String>,
    /// Whether it serves over TLS, so the cookie is `Secure`.
    pub(crate) secure: bool,
    /// How long a pairing link works: [`PAIRING_MINUTES`].
    lifetime: Duration,
}

/// A fresh pairing link.
pub struct Pairing {
    /// The link to open on the phone.
    pub url: String,
    /// When it stops working.
    pub expires: jiff::Timestamp,
}

impl Access {
    pub(crate) fn new(links: Vec<String>, secure: bool) -> Access {
        Access {
            pending: Mutex::new(Vec::new()),
            links,
            secure,
            lifetime: Duration::from_secs(PAIRING_MINUTES * 60),
        }
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Vec<Pending>> {
        // A panic while holding it leaves a plain list: still usable.
        self.pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A new one-time pairing link, or why there can be none: the server listens on this
    /// computer only, or the operating system gave no random bytes.
    pub(crate) fn start_pairing(&self) -> Result<Pairing, String> {
        let Some(base) = self.links.first() else {
            return Err(LOOPBACK_ONLY.to_owned());
        };
        let token = random_hex::<16>()?;
        let now = Instant::now();
        let lifetime = self.lifetime;
        let mut pending = self.pending();
        pending.retain(|p| p.expires > now);
        if pending.len() >= MAX_PENDING {
            pending.remove(0);
        }
        pending.push(Pending {
            hash: sha256(&token),
            expires: now + lifetime,
        });
        let expires = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_secs(
                i64::try_from(lifetime.as_secs()).unwrap_or(600),
            ))
            .unwrap_or_else(|_| jiff::Timestamp::now());
        Ok(Pairing {
            url: format!("{base}/pair/{token}"),
            expires,
        })
    }

    /// Whether a pairing token is alive (not used, not expired), without using it.
    pub(crate) fn is_pending(&self, token: &str) -> bool {
        self.find(token, false)
    }

    /// Uses a pairing token: true once, if it is alive.
    pub(crate) fn redeem(&self, token: &str) -> bool {
        self.find(token, true)
    }

    fn find(&self, token: &str, take: bool) -> bool {
        let hash = sha256(token);
        let now = Instant::now();
        let mut pending = self.pending();
        pending.retain(|p| p.expires > now);
        // Every live token is compared, in constant time, so timing says nothing of any.
        let mut found = None;
        for (i, p) in pending.iter().enumerate() {
            if bool::from(p.hash.ct_eq(&hash)) {
                found = Some(i);
            }
        }
        match found {
            Some(i) if take => {
                pending.remove(i);
                true
            }
            Some(_) => true,
            None => false,
        }
    }

    /// The `Set-Cookie` value that gives a browser its device secret.
    pub(crate) fn device_cookie(&self, secret: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{COOKIE}={secret}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Strict{secure}"
        )
    }

    /// The `Set-Cookie` value that makes a browser forget a secret that opens nothing.
    fn cleared_cookie(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}")
    }
}

/// Why no pairing link can be made on a server that listens on this computer only.
pub(crate) const LOOPBACK_ONLY: &str = "glasskin listens on this computer only, so no phone can reach it; stop it and start `glasskin serve --lan` to pair a phone";

/// `N` random bytes from the operating system, as lowercase hex.
pub(crate) fn random_hex<const N: usize>() -> Result<String, String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| format!("the operating system gave no random bytes: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The SHA-256 of a secret's text.
pub(crate) fn sha256(secret: &str) -> [u8; 32] {
    let mut hash = [0u8; 32];
    hash.copy_from_slice(&Sha256::digest(secret.as_bytes()));
    hash
}

/// Whether a peer is this computer (127.0.0.0/8, ::1, or ::ffff:127.x.x.x).
pub(crate) fn is_local(peer: SocketAddr) -> bool {
    peer.ip().to_canonical().is_loopback()
}

/// Routes that open only from this computer: pairing others, the device list, revoking.
fn local_only(path: &str) -> bool {
    ["/devices", "/api/devices"]
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// Routes an unpaired device may open: the pairing page, what it needs to look right, and the
/// manifest and its icons (browsers fetch a manifest without cookies). None holds any data.
fn open_to_all(path: &str) -> bool {
    path == "/pair" || path.starts_with("/pair/") || holds_no_data(path)
}

/// What every page needs to look right, and the manifest and its icons (browsers fetch a
/// manifest without cookies): files compiled into the binary, the same for everyone.
pub(crate) fn holds_no_data(path: &str) -> bool {
    [
        "/static/app.css",
        "/static/icon.svg",
        "/favicon.ico",
        "/manifest.webmanifest",
        "/static/app-icon.svg",
        "/static/icon-192.png",
        "/static/icon-512.png",
    ]
    .contains(&path)
}

/// Whether a proxy says it forwarded the request for someone else.
fn forwarded(request: &Request) -> bool {
    let headers = request.headers();
    ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|name| headers.contains_key(*name))
}

/// The device secret a request's cookies carry, if any.
fn device_secret(request: &Request) -> Option<&str> {
    cookie(request, COOKIE)
}

/// The value of the cookie `wanted` a request carries, if any and not empty.
pub(crate) fn cookie<'r>(request: &'r Request, wanted: &str) -> Option<&'r str> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == wanted && !value.is_empty()).then_some(value)
        })
}

/// The guard in front of every route of a server on a socket: this computer passes; another
/// device passes with a paired device's cookie, and only to routes other than pairing and the
/// device list. A request whose peer is not known (no socket) is refused.
pub(crate) async fn guard<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    // A socket's peer, or one a test injected (`MockConnectInfo`), as axum's extractor reads it.
    let extensions = request.extensions();
    let peer = extensions
        .get::<MockConnectInfo<SocketAddr>>()
        .map(|c| c.0)
        .or_else(|| extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0));
    let Some(peer) = peer else {
        return crate::refuse(
            &request,
            StatusCode::FORBIDDEN,
            "unknown_peer",
            "the server cannot tell which computer sent this request, so it refuses it".into(),
        );
    };
    // A proxy on this computer passes requests on from anywhere: what it forwards is not this
    // computer's own, and needs pairing like any other device.
    if is_local(peer) && !forwarded(&request) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    if local_only(path) {
        tracing::warn!(%peer, path, "refused: pairing and devices open only on this computer");
        return refusal(
            &request,
            "local_only",
            "pairing phones and the list of paired devices open only on the computer glasskin runs on",
            false,
            &state,
        );
    }
    if open_to_all(path) {
        return next.run(request).await;
    }
    let Some(secret) = device_secret(&request) else {
        tracing::warn!(%peer, path, "refused: not a paired device");
        return refusal(&request, "not_paired", NOT_PAIRED, false, &state);
    };
    let hash = sha256(secret);
    let secret = secret.to_owned();
    let now = jiff::Timestamp::now();
    let Some(person) = Person::local(&state) else {
        // A hosted server's accounts sign in; it has no paired devices.
        return next.run(request).await;
    };
    let seen = person
        .with_store(move |store| glasskin_app::devices::seen(store, &hash, now))
        .await;
    match seen {
        Ok(Some(_)) => {
            let page = request.method() == axum::http::Method::GET;
            let mut response = next.run(request).await;
            // Browsers keep a cookie 400 days at most: each page a paired phone opens renews
            // it, so a phone in daily use never has to pair again. Not on files a cache keeps.
            let html = response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
            if page
                && html
                && let Ok(value) = HeaderValue::from_str(&state.access.device_cookie(&secret))
            {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        Ok(None) => {
            tracing::warn!(%peer, path, "refused: a device cookie that is not paired (revoked?)");
            refusal(&request, "not_paired", REVOKED, true, &state)
        }
        Err(e) => crate::refuse(
            &request,
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            format!("could not check this device: {e}"),
        ),
    }
}

const NOT_PAIRED: &str = "this device is not paired with glasskin. On the computer glasskin runs on, open the Devices page (Pair a phone), and scan its code or open its link here";
const REVOKED: &str = "this device's pairing was revoked or is not known. On the computer glasskin runs on, open the Devices page (Pair a phone), and scan its code or open its link here to pair it again";

/// What the page says above its steps (the API's message says the steps in words).
fn page_lead(message: &str) -> &'static str {
    if message == REVOKED {
        "This device’s pairing was revoked, or it is not known. Pair it again to open glasskin here."
    } else if message == NOT_PAIRED {
        "Only the devices you pair may open glasskin from your network."
    } else {
        "Pairing phones and the list of paired devices open only on the computer glasskin runs on."
    }
}

/// A 403: the API's JSON error under `/api/`, a page elsewhere; `clear` makes the browser
/// forget a cookie that opens nothing, and what it kept of the app.
fn refusal<S>(
    request: &Request,
    code: &'static str,
    message: &str,
    clear: bool,
    state: &AppState<S>,
) -> Response {
    let mut response = if request.uri().path().starts_with("/api/") {
        crate::api::ApiError::new(StatusCode::FORBIDDEN, code, message.to_owned()).into_response()
    } else {
        crate::pages::refused_device(code, page_lead(message))
    };
    if clear {
        if let Ok(value) = HeaderValue::from_str(&state.access.cleared_cookie()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
        // A revoked phone keeps no copy of the pages its worker kept (browsers honour this
        // over HTTPS).
        response.headers_mut().insert(
            HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
        );
    }
    response
}

/// A QR code of `text` as an SVG drawing (dark modules on white, a quiet zone of four), sized
/// by its container; `label` is what a screen reader says of it.
pub(crate) fn qr_svg(text: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let size = width + 8;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    let label: String = label
        .chars()
        .filter(|c| !matches!(c, '"' | '<' | '>' | '&'))
        .collect();
    Some(format!(
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

/// A QR code of `text` for a terminal: two rows of modules a line, in half blocks, dark on
/// light whatever the terminal's colours.
pub fn qr_terminal(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pairing_link_works_once_and_only_its_own_token() {
        let access = Access::new(vec!["http://192.168.1.5:7878".into()], false);
        let pairing = access.start_pairing().expect("a link");
        let token = pairing
            .url
            .strip_prefix("http://192.168.1.5:7878/pair/")
            .expect("on the LAN address");
        assert_eq!(token.len(), 32, "128 bits as hex");
        assert!(!access.is_pending("0".repeat(32).as_str()));
        assert!(access.is_pending(token), "looking does not use it");
        assert!(access.redeem(token));
        assert!(!access.redeem(token), "single use");
        assert!(!access.is_pending(token));
        let other = access.start_pairing().expect("another");
        assert_ne!(other.url, pairing.url, "random");
    }

    #[test]
    fn a_pairing_link_expires() {
        let mut access = Access::new(vec!["http://192.168.1.5:7878".into()], false);
        access.lifetime = Duration::from_millis(50);
        let pairing = access.start_pairing().expect("a link");
        let token = pairing.url.rsplit('/').next().expect("token");
        assert!(access.is_pending(token));
        std::thread::sleep(Duration::from_millis(80));
        assert!(!access.redeem(token), "expired");
        let ten = Access::new(Vec::new(), false).lifetime;
        assert_eq!(ten, Duration::from_secs(600));
    }

    #[test]
    fn no_link_when_listening_on_this_computer_only() {
        let access = Access::new(Vec::new(), false);
        let why = access.start_pairing().err().expect("refused");
        assert!(why.contains("--lan"), "{why}");
    }

    #[test]
    fn only_a_few_links_live_at_once() {
        let access = Access::new(vec!["http://10.0.0.2:7878".into()], false);
        let first = access.start_pairing().expect("a link");
        for _ in 0..MAX_PENDING {
            access.start_pairing().expect("a link");
        }
        let token = first.url.rsplit('/').next().expect("token");
        assert!(!access.is_pending(token), "the oldest was dropped");
    }

    #[test]
    fn the_device_cookie_has_the_right_flags() {
        let plain = Access::new(Vec::new(), false).device_cookie("abc");
        assert_eq!(
            plain,
            "glasskin_device=abc; Path=/; Max-Age=34560000; HttpOnly; SameSite=Strict"
        );
        let tls = Access::new(Vec::new(), true).device_cookie("abc");
        assert!(tls.ends_with("; Secure"), "{tls}");
    }

    #[test]
    fn peers_and_routes_are_classified() {
        assert!(is_local("127.0.0.1:5".parse().expect("addr")));
        assert!(is_local("[::1]:5".parse().expect("addr")));
        assert!(is_local("[::ffff:127.0.0.1]:5".parse().expect("addr")));
        assert!(!is_local("192.168.1.20:5".parse().expect("addr")));
        assert!(local_only("/devices") && local_only("/devices/3/revoke"));
        assert!(local_only("/api/devices") && local_only("/api/devices/pairing"));
        assert!(!local_only("/devicesx") && !local_only("/api/devicesx"));
        assert!(open_to_all("/pair/abc") && open_to_all("/pair"));
        assert!(!open_to_all("/pairs") && !open_to_all("/today"));
    }

    #[test]
    fn a_qr_code_draws_the_link() {
        let svg = qr_svg("http://192.168.1.5:7878/pair/0123", "QR \"code\"").expect("fits");
        assert!(svg.starts_with("<svg class=\"qr\""), "{svg}");
        assert!(
            svg.contains("aria-label=\"QR code\""),
            "quotes dropped: {svg}"
        );
        let text = qr_terminal("http://192.168.1.5:7878/pair/0123").expect("fits");
        assert!(text.lines().count() > 10 && text.contains('▀'), "{text}");
    }
}
