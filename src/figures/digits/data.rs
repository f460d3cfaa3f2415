//! The shipped digits as both figures of the section hold them: waiting for the file, loaded
//! and validated, or failed with the reason (drawn in place of the figure).

use crate::math::digits::Digits;
use std::sync::Arc;

/// Where the data file stands.
#[derive(Clone, Debug)]
pub enum DataState {
    /// Not here yet.
    Waiting,
    /// Loaded and valid.
    Ready(Arc<Digits>),
    /// Missing or invalid, with the reason.
    Failed(String),
}

impl DataState {
    /// Validates the bytes of the data file and keeps the digits, or the reason they are
    /// unusable (returned too).
    ///
    /// # Errors
    /// What is wrong with the file.
    pub fn give(&mut self, bytes: &[u8]) -> Result<(), String> {
        match Digits::from_bytes(bytes) {
            Ok(d) => {
                *self = DataState::Ready(Arc::new(d));
                Ok(())
            }
            Err(e) => {
                let m = e.to_string();
                *self = DataState::Failed(m.clone());
                Err(m)
            }
        }
    }

    /// The digits, once loaded and valid.
    pub fn digits(&self) -> Option<Arc<Digits>> {
        match self {
            DataState::Ready(d) => Some(d.clone()),
            _ => None,
        }
    }

    /// The message to draw instead of the figure, if any.
    pub fn message(&self) -> Option<String> {
        match self {
            DataState::Waiting => Some("Loading the digits (about 0.8 MB)…".to_string()),
            DataState::Failed(m) => Some(format!("The digits could not be loaded: {m}")),
            DataState::Ready(_) => None,
        }
    }
}
