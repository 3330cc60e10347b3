//! IANA time zones, parsed once. (Interim version; replaced by the schedule work.)

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;

/// An IANA time zone name that is known to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneName(Tz);

/// A time zone name that is not an IANA zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}; time zones are IANA names such as Europe/Berlin or Asia/Seoul")]
pub struct ZoneError(pub String);

impl ZoneName {
    /// Parses an IANA name.
    pub fn parse(raw: &str) -> Result<ZoneName, ZoneError> {
        Tz::from_str(raw.trim())
            .map(ZoneName)
            .map_err(|_| ZoneError(raw.to_string()))
    }

    /// The zone.
    pub fn tz(self) -> Tz {
        self.0
    }
}

impl fmt::Display for ZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}
