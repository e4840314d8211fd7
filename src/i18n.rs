//! Languages: every message a person reads exists in Vietnamese and English.
//!
//! The catalogs are `locales/vi.yml` and `locales/en.yml` (plain YAML a
//! translator can edit), compiled in by `rust-i18n`. The language is chosen by
//! `--lang`, then `DVC_LANG`, then the POSIX locale variables `LC_ALL`,
//! `LC_MESSAGES` and `LANG`: anything starting with `vi` means Vietnamese,
//! anything else English.

use std::fmt;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt.
    Vi,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// The catalog code (`vi` or `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a language or locale name (`vi`, `vi_VN.UTF-8`, `en_US`, `C`).
    pub fn from_locale(value: &str) -> Lang {
        if value.trim().to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// Chooses the language from the flag and the environment, in the
    /// documented order. `get` reads one environment variable.
    pub fn detect(flag: Option<Lang>, get: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        for var in ["DVC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(var).filter(|v| !v.trim().is_empty()) {
                return Lang::from_locale(&v);
            }
        }
        Lang::En
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Translates a catalog key into `lang`, with `%{name}` arguments:
/// `tr!(lang, "status.not_logged_in", profile = name)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:expr) => {
        rust_i18n::t!($key, locale = $lang.code()).into_owned()
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        rust_i18n::t!($key, locale = $lang.code(), $($name = $value),+).into_owned()
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_beats_environment() {
        assert_eq!(
            Lang::detect(Some(Lang::En), env(&[("DVC_LANG", "vi")])),
            Lang::En
        );
    }

    #[test]
    fn posix_order_and_empty_values_skipped() {
        assert_eq!(
            Lang::detect(None, env(&[("LANG", "vi_VN.UTF-8")])),
            Lang::Vi
        );
        assert_eq!(
            Lang::detect(
                None,
                env(&[("LC_ALL", ""), ("LC_MESSAGES", "en_US"), ("LANG", "vi_VN")])
            ),
            Lang::En
        );
        assert_eq!(
            Lang::detect(None, env(&[("DVC_LANG", "vi"), ("LC_ALL", "C")])),
            Lang::Vi
        );
        assert_eq!(Lang::detect(None, env(&[])), Lang::En);
    }

    #[test]
    fn both_catalogs_translate() {
        assert_ne!(
            tr!(Lang::Vi, "error.prefix_hint"),
            tr!(Lang::En, "error.prefix_hint")
        );
    }
}
