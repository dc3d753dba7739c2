//! The API's errors: `{"error": {"code", "message"}}` with the matching status code, made from
//! the use case's [`glasskin_app::Error`] or from a body that could not be read.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// An API error.
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

/// The body of every error response.
#[derive(Serialize, ToSchema)]
pub(super) struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, ToSchema)]
struct ErrorDetail {
    /// A stable code: `bad_json`, `invalid`, `not_found`, `no_profile`, `empty_shelf`,
    /// `no_plan`, `conflict`, `storage`, `too_large`; `host_not_allowed` (421: the request names
    /// a host this server does not answer to) and `cross_site` (403: a request that would change
    /// something, sent from another site's page); `not_paired` (403: another device that is not
    /// paired) and `local_only` (403: pairing and devices, asked from another device).
    code: String,
    /// A sentence for people.
    message: String,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// What an API caller does next, for the codes that mean "not yet": the app's sentence names
/// what is missing, the API names the call that makes it.
fn hint(code: &str) -> Option<&'static str> {
    match code {
        "no_profile" => Some("save a profile first (PUT /api/profile)"),
        "empty_shelf" => Some("add products first (POST /api/products)"),
        "no_plan" => Some("save a plan first (POST /api/plan with save)"),
        _ => None,
    }
}

impl From<glasskin_app::Error> for ApiError {
    fn from(e: glasskin_app::Error) -> ApiError {
        let status =
            StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = match hint(e.code()) {
            Some(hint) => format!("{}; {hint}", e.message()),
            None => e.message().to_owned(),
        };
        ApiError::new(status, e.code(), message)
    }
}

impl From<JsonRejection> for ApiError {
    /// A body that is not JSON, or not of the expected shape, is `bad_json`. A value outside its
    /// vocabulary (a skin type, a concern, a status) is refused by the typed record itself, so
    /// it is `invalid`, as a value the store refuses is; the message names its field.
    fn from(e: JsonRejection) -> ApiError {
        let message = e.body_text();
        let refused_value =
            matches!(e, JsonRejection::JsonDataError(_)) && message.contains("unknown variant");
        let code = if refused_value { "invalid" } else { "bad_json" };
        ApiError::new(e.status(), code, message)
    }
}

pub(super) type ApiResult<T> = Result<Json<T>, ApiError>;
