//! Photos of a label taken on the Analyze page and on the Shelf's add form, posted as a phone
//! posts them (multipart) to a real server on 127.0.0.1: the text read beside the photo, to
//! correct, with its analysis; a file that is not a photo, a photo with nothing on it and a
//! post over the body limit refused with the status a person's input deserves, never a 500,
//! what was typed kept.
//!
//! The photos are rendered by the tests (`glasskin_ocr::synth`). The tests that read one need
//! Tesseract and the fonts; without them they are skipped with a message, unless
//! `GLASSKIN_REQUIRE_OCR` is set (`.ci/run` sets it), which makes that a failure.

use std::io::{Read, Write};

use glasskin_ocr::synth::{self, Difficulty, Spec};

use crate::server::Server;

/// Tesseract and the fonts are here, or the test is skipped (failed under
/// `GLASSKIN_REQUIRE_OCR`).
pub fn ocr_ready() -> bool {
    let ready = glasskin_ocr::Scanner::from_env().check().is_ok() && !synth::fonts().is_empty();
    if !ready {
        assert!(
            std::env::var_os("GLASSKIN_REQUIRE_OCR").is_none(),
            "GLASSKIN_REQUIRE_OCR is set, but Tesseract or the fonts are missing"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: Tesseract or the fonts are missing (see docs/ocr.md)"
        );
    }
    ready
}

const BOUNDARY: &str = "glasskin-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart/form-data body, as a browser sends a form with a file input.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts a body to the server as its own page's form would (with its `Origin`).
fn post(server: &Server, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(&format!("http://{}{path}", server.addr))
        .header("content-type", content_type)
        .header("origin", &format!("http://{}", server.addr))
        .send(body)
        .expect("responds");
    let status = response.status().as_u16();
    let html = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .expect("body");
    (status, html)
}

fn post_photos(
    server: &Server,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> (u16, String) {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    post(server, path, &content_type, &multipart(fields, files))
}

/// A clean photo of the test labels' toner (Water, Butylene Glycol, Glycerin, …), as a JPEG.
fn toner_photo() -> Vec<u8> {
    let fonts = synth::fonts();
    let labels = synth::labels();
    let spec = Spec {
        jpeg_quality: Some(90),
        ..Spec::of(Difficulty::Clean, 1, &fonts)
    };
    synth::photo(&labels[1], &spec)
}

/// The toner's label as a phone's camera sees it: large (600 px per inch, a little noise, PNG),
/// several times over the body limit.
pub fn large_photo() -> Vec<u8> {
    let fonts = synth::fonts();
    let labels = synth::labels();
    let spec = Spec {
        dpi: 600.0,
        noise: 12,
        ..Spec::of(Difficulty::Clean, 1, &fonts)
    };
    synth::photo(&labels[1], &spec)
}

/// The value of the textarea with this id.
fn textarea<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<textarea id=\"{id}\"");
    let start = html.find(&open).expect("the textarea");
    let text = &html[start..];
    let text = &text[text.find('>').expect("its tag ends") + 1..];
    &text[..text.find("</textarea>").expect("it closes")]
}

#[test]
fn both_forms_take_photos_from_the_camera_with_the_script_that_shrinks_them() {
    let server = Server::start("photo-forms");
    for path in ["/analyze", "/shelf"] {
        let (status, html) = server.get(path);
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains(
                "name=\"photo\" type=\"file\" accept=\"image/*\" capture=\"environment\" multiple"
            ),
            "{path}: {html}"
        );
        assert!(
            html.contains(&format!("data-limit=\"{}\"", glasskin_web::BODY_LIMIT)),
            "{path}: {html}"
        );
        assert!(
            html.contains("formenctype=\"multipart/form-data\""),
            "{path}: {html}"
        );
        assert!(
            html.contains("<script src=\"/static/photo.js\" defer></script>"),
            "{path}: {html}"
        );
    }
    let (status, script) = server.get("/static/photo.js");
    assert_eq!(status, 200);
    assert!(script.contains("canvas.toBlob"), "{script}");
}

#[test]
fn a_photo_on_analyze_shows_the_text_read_beside_it_and_its_analysis() {
    if !ocr_ready() {
        return;
    }
    let server = Server::start("photo-analyze");
    let photo = toner_photo();
    let (status, html) = post_photos(
        &server,
        "/analyze/photo",
        &[("name", "Hydrating Toner"), ("text", "")],
        &[("toner.jpg", &photo)],
    );
    assert_eq!(status, 200, "{html}");
    // The photo, beside the text read with the legend of its marks.
    assert!(html.contains("src=\"data:image/jpeg;base64,"), "{html}");
    assert!(
        html.contains("<figcaption>toner.jpg</figcaption>"),
        "{html}"
    );
    assert!(html.contains("Read from 1 photo with"), "{html}");
    assert!(html.contains("class=\"read-text\""), "{html}");
    // Doubtful words are marked with a legend, or the page says there are none.
    assert!(
        html.contains("Highlighted</mark>: read with low confidence")
            || html.contains("Every word was read with at least 80% confidence"),
        "{html}"
    );
    // The text read is in the field to correct, and is what was analysed and would be kept.
    let text = textarea(&html, "text");
    assert!(text.contains("Glycerin"), "{text}");
    assert!(
        html.contains("<span class=\"inci\">Glycerin</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"inci\">Panthenol</span>"),
        "{html}"
    );
    assert!(html.contains("Ingredients, in label order"), "{html}");
    assert!(
        html.contains(&format!(
            "<input type=\"hidden\" name=\"label\" value=\"{text}\">"
        )),
        "the keep form holds the text read: {html}"
    );
    assert!(html.contains("value=\"Hydrating Toner\""), "{html}");
    // The keep form can say the product is new to the person.
    assert!(
        html.contains("name=\"new\" value=\"yes\"> New to me: not yet patch tested"),
        "{html}"
    );
}

#[test]
fn a_photo_on_the_shelf_fills_the_list_to_correct_before_adding() {
    if !ocr_ready() {
        return;
    }
    let server = Server::start("photo-shelf");
    let photo = toner_photo();
    let (status, html) = post_photos(
        &server,
        "/shelf/photo",
        &[
            ("name", "Hydrating Toner"),
            ("label", ""),
            ("pao", "12M"),
            ("new", "yes"),
        ],
        &[("toner.jpg", &photo)],
    );
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("src=\"data:image/jpeg;base64,"), "{html}");
    let label = textarea(&html, "label");
    assert!(label.contains("Butylene Glycol"), "{label}");
    // What was typed is kept, and nothing is added yet.
    assert!(html.contains("value=\"Hydrating Toner\""), "{html}");
    assert!(html.contains("value=\"12M\""), "{html}");
    assert!(html.contains("value=\"yes\" checked"), "{html}");
    assert!(html.contains("Nothing here yet."), "{html}");

    // The person corrects the list and adds the product, as with a pasted one.
    let body = format!(
        "name=Hydrating+Toner&label={}&pao=12M&new=yes",
        "Water%2C+Butylene+Glycol%2C+Glycerin%2C+Sodium+Hyaluronate%2C+Panthenol"
    );
    let (status, html) = post(
        &server,
        "/shelf",
        "application/x-www-form-urlencoded",
        body.as_bytes(),
    );
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h2>Hydrating Toner"), "{html}");
}

#[test]
fn a_file_that_is_not_a_photo_is_refused_by_name_with_the_form_kept() {
    let server = Server::start("photo-not-image");
    let (status, html) = post_photos(
        &server,
        "/analyze/photo",
        &[("name", "My Serum"), ("text", "Water, Glycerin")],
        &[("label.txt", b"Water, Glycerin")],
    );
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("label.txt: not a JPEG or PNG image"),
        "{html}"
    );
    assert!(html.contains("id=\"photo-error\""), "{html}");
    assert!(html.contains("value=\"My Serum\""), "{html}");
    assert_eq!(textarea(&html, "text"), "Water, Glycerin");

    let (status, html) = post_photos(
        &server,
        "/shelf/photo",
        &[
            ("name", "My Serum"),
            ("label", ""),
            ("opened", "2026-01-02"),
        ],
        &[("notes.pdf", b"%PDF-1.7")],
    );
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("notes.pdf: not a JPEG or PNG image"),
        "{html}"
    );
    assert!(html.contains("see the photo below"), "{html}");
    assert!(html.contains("value=\"2026-01-02\""), "{html}");
}

#[test]
fn no_photo_chosen_is_asked_for_and_a_list_typed_is_analysed() {
    let server = Server::start("photo-none");
    // A file input left empty is sent as an empty file part.
    let (status, html) = post_photos(
        &server,
        "/analyze/photo",
        &[("name", ""), ("text", "")],
        &[("", b"")],
    );
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("Choose or take a photo of the label"),
        "{html}"
    );
    // "Read the photo" with a list typed and no photo: the list is analysed.
    let (status, html) = post_photos(
        &server,
        "/analyze/photo",
        &[("name", ""), ("text", "Water, Niacinamide")],
        &[("", b"")],
    );
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<span class=\"inci\">Niacinamide</span>"),
        "{html}"
    );
}

#[test]
fn a_photo_with_nothing_on_it_asks_for_more_light() {
    if !ocr_ready() {
        return;
    }
    let server = Server::start("photo-blank");
    let blank = synth::blank_png(800, 600);
    let (status, html) = post_photos(
        &server,
        "/analyze/photo",
        &[("name", "Cream")],
        &[("blank.png", &blank)],
    );
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("No text could be read on blank.png; try more light"),
        "{html}"
    );
    assert!(html.contains("value=\"Cream\""), "{html}");
}

/// Posts over a raw socket: with a `length`, the headers alone (a body over the limit is
/// refused from its length, before it is sent); else the body in chunks, stopping if the server
/// has answered and closed. The whole reply.
fn raw_post(server: &Server, path: &str, length: Option<usize>, body: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(server.addr).expect("connects");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .expect("a timeout");
    let framing = match length {
        Some(length) => format!("Content-Length: {length}"),
        None => "Transfer-Encoding: chunked".to_owned(),
    };
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n{framing}\r\nConnection: close\r\n\r\n",
        addr = server.addr
    )
    .expect("writes");
    if length.is_none() {
        for chunk in body.chunks(64 * 1024) {
            let sent = write!(stream, "{:x}\r\n", chunk.len())
                .and_then(|()| stream.write_all(chunk))
                .and_then(|()| stream.write_all(b"\r\n"));
            if sent.is_err() {
                break;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    }
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn without_tesseract_the_pages_say_how_to_install_it_with_503() {
    const TEST: &str = "photo::without_tesseract_the_pages_say_how_to_install_it_with_503";
    if std::env::var_os("GLASSKIN_TEST_NO_OCR").is_none() {
        // The engine is found through GLASSKIN_TESSERACT, which a test cannot change for itself
        // while others run beside it: this test runs again in a process of its own.
        let out = std::process::Command::new(std::env::current_exe().expect("this test binary"))
            .args(["--exact", TEST, "--test-threads=1"])
            .env("GLASSKIN_TEST_NO_OCR", "1")
            .env("GLASSKIN_TESSERACT", "/nonexistent/tesseract")
            .output()
            .expect("runs");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("1 passed"), "it ran: {said}");
        return;
    }
    let server = Server::start("photo-no-ocr");
    let photo = synth::blank_png(200, 100);
    let (status, html) = post_photos(
        &server,
        "/analyze/photo",
        &[("name", "Serum"), ("text", "Water")],
        &[("label.png", &photo)],
    );
    assert_eq!(status, 503, "{html}");
    let error = html
        .lines()
        .find(|line| line.contains("id=\"photo-error\""))
        .expect("the error under the photo field");
    assert!(error.contains("apt-get install tesseract-ocr"), "{error}");
    assert!(html.contains("value=\"Serum\""), "{html}");
    // The form is still there, to read another photo later or type the list.
    assert!(html.contains("formaction=\"/analyze/photo\""), "{html}");
    let (status, html) = post_photos(
        &server,
        "/shelf/photo",
        &[("name", "Serum"), ("label", "")],
        &[("label.png", &photo)],
    );
    assert_eq!(status, 503, "{html}");
    assert!(html.contains("apt-get install tesseract-ocr"), "{html}");
    let (status, body) = api_scan(
        &server,
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        &multipart(&[], &[("label.png", &photo)]),
    );
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"]["code"], "ocr_unavailable");
}

#[test]
fn a_post_over_the_limit_is_a_page_naming_the_limit_never_a_500() {
    let server = Server::start("photo-too-large");
    let huge = vec![0xFFu8; glasskin_web::BODY_LIMIT + 1];
    let body = multipart(&[("name", "Big")], &[("big.jpg", &huge)]);
    let limit = format!("upload limit of {} MB", glasskin_web::BODY_LIMIT >> 20);
    // With its length said up front, as a browser sends a form: refused before it is read.
    for path in ["/analyze/photo", "/shelf/photo"] {
        let reply = raw_post(&server, path, Some(body.len()), &body);
        assert!(reply.starts_with("HTTP/1.1 413"), "{path}: {reply}");
        assert!(reply.contains(&limit), "{path}: {reply}");
        assert!(reply.contains("<main id=\"main\">"), "a page: {reply}");
    }
    // Sent in chunks, with no length: refused as it is read, the name typed kept.
    let reply = raw_post(&server, "/analyze/photo", None, &body);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(reply.contains(&limit), "{reply}");
    assert!(reply.contains("value=\"Big\""), "{reply}");
}

/// Posts to the API as a program does (no `Origin`), and reads the JSON answer.
fn api_scan(server: &Server, content_type: &str, body: &[u8]) -> (u16, serde_json::Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(&format!("http://{}/api/scan", server.addr))
        .header("content-type", content_type)
        .send(body)
        .expect("responds");
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON ({e}): {text}")),
    )
}

#[test]
fn the_api_reads_photos_into_the_analysis_and_refuses_what_is_not_one() {
    let server = Server::start("photo-api");
    let multipart_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let (status, body) = api_scan(
        &server,
        &multipart_type,
        &multipart(&[], &[("label.txt", b"Water")]),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "invalid");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("label.txt: not a JPEG or PNG image")),
        "{body}"
    );
    let (status, body) = api_scan(&server, "application/json", b"{}");
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let (status, body) = api_scan(
        &server,
        &multipart_type,
        &multipart(&[("step", "lotion")], &[("x.png", b"x")]),
    );
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("lotion")),
        "{body}"
    );

    if !ocr_ready() {
        return;
    }
    let photo = toner_photo();
    let (status, body) = api_scan(
        &server,
        &multipart_type,
        &multipart(&[("name", "Hydrating Toner")], &[("toner.jpg", &photo)]),
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        body["ocr"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Glycerin")),
        "{body}"
    );
    assert_eq!(body["ocr"]["photos"][0]["name"], "toner.jpg");
    let entries = body["products"][0]["entries"].as_array().expect("entries");
    assert!(entries.len() >= 5, "{body}");
    assert_eq!(
        body["ocr"]["entries"][0].as_array().map(Vec::len),
        Some(entries.len()),
        "one reading per entry: {body}"
    );
}
