//! The Tips page: the advice library, each tip with its evidence grade and sources.

use askama::Template;
use axum::response::Response;

use super::render::render;

struct TipView {
    id: &'static str,
    title: &'static str,
    grade: String,
    text: &'static str,
    sources: Vec<String>,
}

#[derive(Template)]
#[template(path = "tips.html")]
struct TipsPage {
    nav: &'static str,
    tips: Vec<TipView>,
}

pub(super) async fn tips_page() -> Response {
    // Every tip: asking for none cannot fail.
    let tips = glasskin_app::advice::tips(None)
        .unwrap_or_default()
        .into_iter()
        .map(|t| TipView {
            id: t.id,
            title: t.title,
            grade: format!("{:?}", t.grade),
            text: t.text,
            sources: t
                .sources
                .iter()
                .map(|s| {
                    if s.url.is_empty() {
                        format!("({:?}) {}", s.grade, s.citation)
                    } else {
                        format!("({:?}) {} {}", s.grade, s.citation, s.url)
                    }
                })
                .collect(),
        })
        .collect();
    render(&TipsPage { nav: "tips", tips })
}
