//! Posted forms. Every page post is read into a typed struct by `axum_extra`'s `Form`, which
//! collects a repeated key (the ticked concerns, diet tags and steps) into a `Vec`; axum's own
//! `Form` cannot. Fields a page sends once are read with [`first`] or [`trimmed`], so a key sent
//! twice keeps its first value, as before, instead of refusing the post.

use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Deserializer};

pub(super) use axum_extra::extract::{Form, FormRejection};

/// A field's first value, when it was sent.
pub(super) fn first<'de, D: Deserializer<'de>>(values: D) -> Result<Option<String>, D::Error> {
    Ok(Vec::<String>::deserialize(values)?.into_iter().next())
}

/// A field's first value, trimmed; with `#[serde(default)]`, empty when it was not sent.
pub(super) fn trimmed<'de, D: Deserializer<'de>>(values: D) -> Result<String, D::Error> {
    Ok(first(values)?
        .map(|value| value.trim().to_owned())
        .unwrap_or_default())
}

/// A body that could not be read as the form (not a form, too large, a required field
/// missing): why, in words, and the status to answer with.
pub(super) fn unreadable(rejection: &FormRejection) -> (StatusCode, String) {
    (rejection.status(), rejection.body_text())
}

/// A page drawn for bad input (422) answered with `status` instead, so a body over the limit
/// still says 413. Any other answer, such as a storage failure, is left as it is.
pub(super) fn with_status(mut page: Response, status: StatusCode) -> Response {
    if page.status() == StatusCode::UNPROCESSABLE_ENTITY {
        *page.status_mut() = status;
    }
    page
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::extract::FromRequest;
    use axum::http::{Request, header};
    use serde::Deserialize;

    use super::{Form, first, trimmed};

    #[derive(Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "first")]
        time: Option<String>,
        #[serde(default)]
        done: Vec<String>,
        #[serde(default, deserialize_with = "trimmed")]
        name: String,
        #[serde(default, deserialize_with = "trimmed")]
        bad: String,
        #[serde(default, deserialize_with = "trimmed")]
        end: String,
    }

    async fn read<T: serde::de::DeserializeOwned>(body: &'static str) -> Option<T> {
        let request = Request::post("/")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .ok()?;
        Form::<T>::from_request(request, &())
            .await
            .ok()
            .map(|f| f.0)
    }

    #[tokio::test]
    async fn form_bodies_decode_with_repeated_keys() {
        let form: Sample =
            read("time=am&done=3&done=5&name=Caf%C3%A9+cr%C3%A8me&bad=%zz&end=%4&time=pm")
                .await
                .expect("decodes");
        assert_eq!(
            form.time.as_deref(),
            Some("am"),
            "the first of a repeated key"
        );
        assert_eq!(form.done.len(), 2);
        assert_eq!(form.name, "Café crème");
        assert_eq!(form.bad, "%zz");
        assert_eq!(form.end, "%4");
        let pairs: Vec<(String, String)> = read("%E2%82").await.expect("decodes");
        assert!(pairs.iter().all(|(k, _)| !k.is_empty()), "never panics");
    }
}
