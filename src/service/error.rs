//! The split between what the person can fix (shown to them, with an example) and what went
//! wrong inside (logged with its cause chain; the person sees a short apology and a reference).

use crate::domain::lang::Lang;
use crate::store::StoreError;

/// A use case that did not complete.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The person can fix this; the message is for them, in their language.
    #[error("{0}")]
    User(String),
    /// The database could not be reached; the person should try again shortly.
    #[error("the database is unreachable")]
    Unavailable(#[source] StoreError),
    /// A bug or a broken dependency.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
    /// The request was handled already (by another replica, or an earlier delivery of the same
    /// request): nothing was done here, and there is nothing to say.
    #[error("the request was handled already")]
    Elsewhere,
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        if error.is_unavailable() {
            ServiceError::Unavailable(error)
        } else if matches!(error, StoreError::HandledElsewhere) {
            ServiceError::Elsewhere
        } else {
            ServiceError::Internal(anyhow::Error::new(error))
        }
    }
}

impl ServiceError {
    /// What the person is told. Internal errors are logged here with a short reference id that
    /// the message repeats, so an operator can find the log line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ServiceError::User(message) => message.clone(),
            ServiceError::Unavailable(_) => {
                super::i18n::t(lang, "error.database_unavailable", &[("text", "")])
            }
            ServiceError::Internal(error) => {
                let reference = reference();
                tracing::error!(reference = %reference, error = ?error, "internal error");
                super::i18n::t(lang, "error.internal", &[("reference", &reference)])
            }
            ServiceError::Elsewhere => String::new(),
        }
    }
}

/// A short random reference for an internal error, logged with it and shown to the person, so an
/// operator can find the log line they quote.
pub fn reference() -> String {
    format!("{:08x}", rand::random::<u32>())
}
