//! The error both front ends end with: a sentence for the user, printed as `dossier: …`, and
//! exit code 2. Library layers below report problems as data ([`crate::model::Problem`]).

use std::fmt;

/// A failure a front end reports and exits with.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An error with this message.
    #[must_use]
    pub fn msg(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self(e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Self(format!("JSON: {e}"))
    }
}

/// A front end's result.
pub type Result<T> = std::result::Result<T, Error>;
