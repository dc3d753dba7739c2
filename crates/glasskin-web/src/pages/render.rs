//! Drawing a template into a response, the not-found page, and the files compiled into the
//! binary.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

pub(super) const CSS: &str = include_str!("../../static/app.css");
pub(super) const ICON: &str = include_str!("../../static/icon.svg");
/// The Today page's optional helpers (layer counter, settle timer, instant ticks): progressive
/// enhancement over the plain form, loaded by today.html only.
pub(super) const TODAY_JS: &str = include_str!("../../static/today.js");
/// Makes photos of a label smaller on the phone before they are sent (Analyze, Shelf):
/// progressive enhancement over the plain multipart form.
pub(super) const PHOTO_JS: &str = include_str!("../../static/photo.js");
/// Scrolls the phone's one-row navigation to the current page; loaded by every page.
pub(super) const NAV_JS: &str = include_str!("../../static/nav.js");

/// The service worker: keeps the app shell and Today for offline use.
pub(super) const SW_JS: &str = include_str!("../../static/sw.js");
/// The web app manifest: installs glasskin to a phone's home screen.
pub(super) const MANIFEST: &str = include_str!("../../static/manifest.webmanifest");
/// The home-screen icon, square with its background, as SVG and as PNGs (drawn from the SVG
/// by headless Chromium) for the browsers that want pixels.
pub(super) const APP_ICON: &str = include_str!("../../static/app-icon.svg");
pub(super) const ICON_192: &[u8] = include_bytes!("../../static/icon-192.png");
pub(super) const ICON_512: &[u8] = include_bytes!("../../static/icon-512.png");

/// A file compiled into the binary, cached by the browser for an hour.
pub(super) async fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
}

/// A binary file compiled into the binary, cached by the browser for an hour.
pub(super) async fn asset_bytes(
    content_type: &'static str,
    body: &'static [u8],
) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
}

/// The service worker, checked for a new version on every load (browsers cap it at a day
/// anyway), so a new glasskin's worker takes over at once.
pub(super) async fn service_worker() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SW_JS,
    )
}

/// The status of a page drawn with a use case's refusal: 404 for a record that is not there (a
/// product id not on this shelf), 422 for anything else a person sent (a value, a step out of
/// turn), 500 only when storage failed.
pub(super) fn refused_status(error: &glasskin_app::Error) -> StatusCode {
    match error.kind() {
        glasskin_app::ErrorKind::Storage => StatusCode::INTERNAL_SERVER_ERROR,
        glasskin_app::ErrorKind::NotFound => StatusCode::NOT_FOUND,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// A failure no page can show around: storage failed.
pub(super) fn failed(error: &glasskin_app::Error) -> Response {
    (refused_status(error), error.to_string()).into_response()
}

pub(super) fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be drawn: {e}"),
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFound {
    nav: &'static str,
}

pub(crate) fn not_found() -> Response {
    let mut response = render(&NotFound { nav: "" });
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

#[derive(Template)]
#[template(path = "too_large.html")]
struct TooLarge {
    nav: &'static str,
    message: String,
}

/// A page post over the body limit is answered by the limit layer in plain text, before any
/// handler reads it: a page naming the limit and what to do instead (a photo from the camera,
/// sent without JavaScript, is the usual one). The API's own answer is left alone.
pub(crate) async fn too_large(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if is_api || is_html || response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    let mut message = crate::photos::too_large_message();
    if let Some(first) = message.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let mut page = render(&TooLarge { nav: "", message });
    *page.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    page
}

/// An app message as a page shows it: the CLI's and API's Markdown-style `code` quotes become
/// typographic quotes, so a person reads “12 weeks”, not `12 weeks`.
pub(super) fn plain(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open = false;
    for c in message.chars() {
        if c == '`' {
            out.push(if open { '”' } else { '“' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn backticks_become_quotes() {
        assert_eq!(
            plain("PAO `12 weeks`: unit `weeks` is not months"),
            "PAO “12 weeks”: unit “weeks” is not months"
        );
        assert_eq!(plain("no quotes"), "no quotes");
    }
}
