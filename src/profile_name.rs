//! A profile's name, checked once where it enters (argument, environment,
//! config file); the session store, the locks and the config all take it
//! from here, so none of them depends on another for it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A profile's name, checked once: 1 to 64 of `A-Z a-z 0-9 . _ -`, not
/// starting with `.` (names become file names).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ProfileName(String);

impl ProfileName {
    /// Checks a name.
    pub fn parse(name: &str) -> Result<ProfileName> {
        let ok = !name.is_empty()
            && name.len() <= 64
            && !name.starts_with('.')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if ok {
            Ok(ProfileName(name.to_string()))
        } else {
            Err(Error::InvalidProfileName { name: name.into() })
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for ProfileName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ProfileName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ProfileName::parse(&s)
            .map_err(|_| serde::de::Error::custom(format!("{s:?} cannot be a profile name")))
    }
}
