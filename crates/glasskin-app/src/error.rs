//! One error type for every use case: a kind that each front end maps to its own signal (an exit
//! code, an HTTP status), a stable code for programs and a sentence for people.

use glasskin_core::Vocabulary;
use glasskin_store::StoreError;

/// What sort of failure, which decides the exit code and the HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A value the person sent is not acceptable; the message names the field.
    Invalid,
    /// The thing asked for does not exist.
    NotFound,
    /// The data is not in a state that allows it yet (no profile, a test already running).
    Conflict,
    /// Storage failed; nothing the person sent is at fault.
    Storage,
}

/// A use case's failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    code: &'static str,
    message: String,
}

/// A use case's result.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A value refused.
    pub fn invalid(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Invalid,
            code: "invalid",
            message: message.into(),
        }
    }

    /// Nothing by that id.
    pub fn not_found(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::NotFound,
            code: "not_found",
            message: message.into(),
        }
    }

    /// Not possible yet; `code` says what is missing (`no_profile`, `empty_shelf`, `no_plan`…).
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Conflict,
            code,
            message: message.into(),
        }
    }

    /// What sort of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The sentence for people.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The CLI's exit code: 2 for what the person typed, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Invalid | ErrorKind::NotFound => 2,
            ErrorKind::Conflict | ErrorKind::Storage => 1,
        }
    }

    /// The HTTP status.
    pub fn http_status(&self) -> u16 {
        match self.kind {
            ErrorKind::Invalid => 422,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::Storage => 500,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        let message = e.to_string();
        match e {
            StoreError::Invalid(_) => Error::invalid(message),
            StoreError::NoSuchProduct(_) => Error::not_found(message),
            StoreError::Conflict(_) => Error::conflict("conflict", message),
            // The hosted session layer answers 401 in its place.
            StoreError::Open(_) | StoreError::Database(_) | StoreError::SignedOut => Error {
                kind: ErrorKind::Storage,
                code: "storage",
                message,
            },
        }
    }
}

/// Reads a value of a vocabulary from what a person typed, or refuses it naming the field and
/// the ids it knows.
pub(crate) fn parse<T: Vocabulary>(field: &str, text: &str) -> Result<T> {
    T::from_id(text.trim()).ok_or_else(|| {
        let ids: Vec<&str> = T::ALL.iter().map(|v| v.id()).collect();
        Error::invalid(format!(
            "{field}: unknown value `{text}`; use one of: {}",
            ids.join(", ")
        ))
    })
}
