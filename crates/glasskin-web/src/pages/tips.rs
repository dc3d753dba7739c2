//! The Tips page: the advice library, each tip with its evidence grade and sources, an index of
//! the tips (links to their anchors) and a topic filter (`/tips?topic=sunscreen`, plain links,
//! so it works without JavaScript).

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use glasskin_core::advice::{TOPICS, Tip};
use serde::Deserialize;

use super::render::render;
use super::words;

struct TipView {
    id: &'static str,
    title: &'static str,
    grade: String,
    text: &'static str,
    sources: Vec<String>,
}

impl TipView {
    fn of(t: &Tip) -> TipView {
        TipView {
            id: t.id,
            title: t.title,
            grade: format!("{:?}", t.grade),
            text: t.text,
            sources: t.sources.iter().map(|s| words::source(s)).collect(),
        }
    }
}

/// A topic of the filter: its id for the link, its words, and how many tips it has.
struct TopicView {
    id: &'static str,
    label: String,
    count: usize,
    current: bool,
}

/// "patch_test" as a person writes it: "Patch test".
fn topic_label(id: &str) -> String {
    match id {
        "seven_skin" => "7-skin method".to_owned(),
        "new_products" => "New products".to_owned(),
        _ => {
            let words = id.replace('_', " ");
            let mut chars = words.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

#[derive(Template)]
#[template(path = "tips.html")]
struct TipsPage {
    nav: &'static str,
    /// The tips shown: all, or the topic's.
    tips: Vec<TipView>,
    /// The topic asked for, in words, when one was.
    topic: Option<String>,
    /// Why the topic asked for shows nothing.
    error: Option<String>,
    topics: Vec<TopicView>,
    /// How many tips there are in all.
    total: usize,
}

#[derive(Deserialize, Default)]
pub(super) struct TipsQuery {
    #[serde(default)]
    topic: Option<String>,
}

pub(super) async fn tips_page(Query(query): Query<TipsQuery>) -> Response {
    // Every tip: asking for none cannot fail.
    let all = glasskin_app::advice::tips(None).unwrap_or_default();
    let asked = query
        .topic
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let (shown, error) = match &asked {
        None => (all.clone(), None),
        Some(topic) => match glasskin_app::advice::tips(Some(topic)) {
            Ok(tips) => (tips, None),
            // The app's message lists the topics' ids; the page has its own list to pick from.
            Err(_) => (
                Vec::new(),
                Some(format!(
                    "No tip or topic is called “{topic}”. Pick a topic from the list."
                )),
            ),
        },
    };
    let asked_id = asked.as_deref().map(|t| t.to_lowercase().replace('-', "_"));
    let topics = TOPICS
        .iter()
        .map(|&id| TopicView {
            id,
            label: topic_label(id),
            count: all.iter().filter(|t| t.topics.contains(&id)).count(),
            current: asked_id.as_deref() == Some(id),
        })
        .filter(|t| t.count > 0)
        .collect();
    let mut page = render(&TipsPage {
        nav: "tips",
        total: all.len(),
        tips: shown.into_iter().map(TipView::of).collect(),
        topic: asked_id.as_deref().map(topic_label),
        error: error.clone(),
        topics,
    });
    if error.is_some() {
        *page.status_mut() = StatusCode::NOT_FOUND;
    }
    page
}
