//! The Diary page: a day's skin ratings and its sleep, stress, water, exercise and diet, saved
//! together, with the week so far in words. Today by default; a past day on `?date=`.

use askama::Template;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use axum::response::Response;
use glasskin_app::{diary, insights};
use glasskin_core::insights::SkinMetric;
use glasskin_store::{DiaryEntry, LifestyleEntry, Store};
use serde::Deserialize;

use super::form::{self, Form, FormRejection};
use super::render::{failed, plain, render};
use crate::{Person, today};

/// Diet tags offered with one tap; each has a tip on what the evidence says.
const DIET_TAGS: [(&str, &str); 3] = [
    ("dairy", "Dairy"),
    ("high_glycaemic", "Sugary or white-flour foods"),
    ("alcohol", "Alcohol"),
];

struct MetricView {
    id: &'static str,
    label: &'static str,
    hint: String,
    value: u8,
}

struct TagView {
    id: &'static str,
    label: &'static str,
    on: bool,
}

/// The diary form as posted: every field text, so what was typed can be shown back.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DiaryForm {
    #[serde(deserialize_with = "form::trimmed")]
    hydration: String,
    #[serde(deserialize_with = "form::trimmed")]
    oiliness: String,
    #[serde(deserialize_with = "form::trimmed")]
    breakouts: String,
    #[serde(deserialize_with = "form::trimmed")]
    redness: String,
    #[serde(deserialize_with = "form::trimmed")]
    texture: String,
    #[serde(deserialize_with = "form::trimmed")]
    glow: String,
    #[serde(deserialize_with = "form::trimmed")]
    spots: String,
    #[serde(deserialize_with = "form::trimmed")]
    sleep: String,
    #[serde(deserialize_with = "form::trimmed")]
    stress: String,
    #[serde(deserialize_with = "form::trimmed")]
    water: String,
    #[serde(deserialize_with = "form::trimmed")]
    exercise: String,
    #[serde(deserialize_with = "form::trimmed")]
    note: String,
    /// One key per diet tag ticked.
    diet: Vec<String>,
    /// The day the entry is for, `YYYY-MM-DD`; today when left out.
    #[serde(deserialize_with = "form::trimmed")]
    date: String,
}

/// `/diary?date=YYYY-MM-DD`: the day to show, today when left out.
#[derive(Deserialize, Default)]
pub(super) struct DayQuery {
    #[serde(default)]
    date: Option<String>,
}

/// The day a person asked for: today when none, or what is wrong with it, in words. A day
/// after today is refused: a diary keeps what happened.
fn asked_day(text: Option<&str>, today: jiff::civil::Date) -> Result<jiff::civil::Date, String> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(today);
    };
    let day: jiff::civil::Date = text
        .parse()
        .map_err(|_| format!("date: `{text}` is not a date (YYYY-MM-DD)"))?;
    if day > today {
        return Err(format!("date: {day} is after today"));
    }
    Ok(day)
}

/// The day's form as typed (or as stored), so a refused entry is shown back, not lost.
#[derive(Default)]
struct DayForm {
    ratings: [u8; 6],
    spots: String,
    sleep: String,
    stress: String,
    water: String,
    exercise: String,
    note: String,
    diet: Vec<String>,
}

impl DayForm {
    fn stored(diary: Option<&DiaryEntry>, life: Option<&LifestyleEntry>) -> Self {
        let text = |v: Option<String>| v.unwrap_or_default();
        let mut form = DayForm::default();
        if let Some(e) = diary {
            form.ratings = [
                e.hydration,
                e.oiliness,
                e.breakouts,
                e.redness,
                e.texture,
                e.glow,
            ]
            .map(Option::unwrap_or_default);
            form.spots = text(e.breakout_count.map(|n| n.to_string()));
            form.note = text(e.notes.clone());
        }
        if let Some(l) = life {
            form.sleep = text(l.sleep_hours.map(|h| h.to_string()));
            form.stress = text(l.stress.map(|s| s.to_string()));
            form.water = text(l.water_litres.map(|w| w.to_string()));
            form.exercise = text(l.exercise_minutes.map(|m| m.to_string()));
            form.diet.clone_from(&l.diet_tags);
        }
        form
    }

    fn posted(posted: DiaryForm) -> Self {
        // In the order of `SkinMetric::ALL`; a rating that is not a number is no rating.
        let ratings = [
            posted.hydration,
            posted.oiliness,
            posted.breakouts,
            posted.redness,
            posted.texture,
            posted.glow,
        ]
        .map(|value| value.parse().unwrap_or(0));
        DayForm {
            ratings,
            spots: posted.spots,
            sleep: posted.sleep,
            stress: posted.stress,
            water: posted.water,
            exercise: posted.exercise,
            note: posted.note,
            diet: posted
                .diet
                .into_iter()
                .filter(|v| DIET_TAGS.iter().any(|(id, _)| id == v))
                .collect(),
        }
    }

    /// The entries to save, or what is wrong, in words.
    fn entries(&self, day: jiff::civil::Date) -> Result<(DiaryEntry, LifestyleEntry), String> {
        fn number<T: std::str::FromStr>(text: &str, what: &str) -> Result<Option<T>, String> {
            if text.is_empty() {
                return Ok(None);
            }
            text.replace(',', ".")
                .parse()
                .map(Some)
                .map_err(|_| format!("{what}: `{text}` is not a number"))
        }
        let rating = |i: usize| Some(self.ratings[i]).filter(|r| *r > 0);
        let diary = DiaryEntry {
            date: day,
            hydration: rating(0),
            oiliness: rating(1),
            breakouts: rating(2),
            redness: rating(3),
            texture: rating(4),
            glow: rating(5),
            breakout_count: number(&self.spots, "spots counted")?,
            notes: Some(self.note.clone()).filter(|n| !n.is_empty()),
            ..Default::default()
        };
        let life = LifestyleEntry {
            date: day,
            sleep_hours: number(&self.sleep, "hours slept")?,
            stress: number(&self.stress, "stress")?,
            water_litres: number(&self.water, "water")?,
            exercise_minutes: number(&self.exercise, "exercise")?,
            diet_tags: self.diet.clone(),
            tags: Vec::new(),
        };
        Ok((diary, life))
    }
}

#[derive(Template)]
#[template(path = "diary.html")]
struct DiaryPage {
    nav: &'static str,
    /// The day shown, `YYYY-MM-DD`, and in words when it is not today.
    day: String,
    day_words: Option<String>,
    today: String,
    metrics: Vec<MetricView>,
    form: DayForm,
    diet: Vec<TagView>,
    message: Option<String>,
    error: Option<String>,
    summary: String,
}

/// The diary page for `day`, showing `draft` when a post was refused and the day's entries
/// otherwise.
fn diary_view<S: Store>(
    store: &S,
    day: jiff::civil::Date,
    saved: Option<&'static str>,
    refused: Option<(String, DayForm)>,
) -> Response {
    let today = today();
    let read = (|| {
        let diary = diary::skin(store)?;
        let life = diary::lifestyle(store)?;
        // The week in words, once there is a day to speak of.
        let summary = if diary.is_empty() {
            String::new()
        } else {
            insights::weekly_summary(store, &diary, &life, today)?
        };
        Ok::<_, glasskin_app::Error>((diary, life, summary))
    })();
    let (diary, life, summary) = match read {
        Ok(read) => read,
        Err(e) => return failed(&e),
    };
    let (error, form) = match refused {
        Some((error, draft)) => (Some(plain(&error)), draft),
        None => {
            let form = DayForm::stored(
                diary.iter().find(|e| e.date == day),
                life.iter().find(|l| l.date == day),
            );
            (None, form)
        }
    };
    let mut response = render(&DiaryPage {
        nav: "diary",
        day: day.to_string(),
        day_words: (day != today).then(|| day.strftime("%A %-d %B %Y").to_string()),
        today: today.to_string(),
        metrics: SkinMetric::ALL
            .iter()
            .zip(form.ratings)
            .map(|(&metric, value)| MetricView {
                id: metric.id(),
                label: metric.label(),
                hint: metric.scale_hint(),
                value,
            })
            .collect(),
        diet: DIET_TAGS
            .iter()
            .map(|&(id, label)| TagView {
                id,
                label,
                on: form.diet.iter().any(|t| t == id),
            })
            .collect(),
        form,
        message: saved.map(str::to_owned),
        error: error.clone(),
        summary,
    });
    if error.is_some() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

/// The diary page for today, or for the past day `?date=` asks for.
pub(super) async fn diary_page<S: Store + Send + 'static>(
    person: Person<S>,
    query: Result<Query<DayQuery>, QueryRejection>,
) -> Response {
    let today = today();
    let asked = match &query {
        Ok(Query(q)) => asked_day(q.date.as_deref(), today),
        Err(_) => Err("date: not a date (YYYY-MM-DD)".to_owned()),
    };
    person
        .with_reader(move |store| match asked {
            Ok(day) => diary_view(store, day, None, None),
            // A day that cannot be shown: today's form, with why.
            Err(why) => diary_view(store, today, None, Some((why, DayForm::default()))),
        })
        .await
}

/// Saves today's skin and day together; a refused entry changes nothing and is shown back.
pub(super) async fn diary_post<S: Store + Send + 'static>(
    person: Person<S>,
    form: Result<Form<DiaryForm>, FormRejection>,
) -> Response {
    let today = today();
    let (form, asked) = match form {
        Ok(Form(posted)) => {
            let asked = asked_day(Some(&posted.date), today);
            (DayForm::posted(posted), asked)
        }
        Err(rejection) => {
            // Nothing typed could be read, so the form comes back empty.
            let (status, why) = form::unreadable(&rejection);
            let page = person
                .with_store(move |store| {
                    diary_view(store, today, None, Some((why, DayForm::default())))
                })
                .await;
            return form::with_status(page, status);
        }
    };
    person
        .with_store(move |store| {
            let day = match asked {
                Ok(day) => day,
                Err(why) => return diary_view(store, today, None, Some((why, form))),
            };
            let saved = form.entries(day).and_then(|(skin, life)| {
                diary::log_day(store, &skin, &life, today).map_err(|e| e.to_string())
            });
            let message = if day == today {
                "Saved. See you tomorrow."
            } else {
                "Saved."
            };
            match saved {
                Ok(()) => diary_view(store, day, Some(message), None),
                Err(why) => diary_view(store, day, None, Some((why, form))),
            }
        })
        .await
}
