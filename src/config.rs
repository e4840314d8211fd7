//! The configuration file and its profiles.
//!
//! A profile is one business or person on one portal: the portal fields of
//! portal-login.md §0 plus the user's defaults for the three login methods.
//! The file is TOML:
//!
//! ```toml
//! default_profile = "acme"
//!
//! [profiles.acme]
//! preset = "dvcqg"            # fills issuer and discovery_url
//! client_id = "dvc-cli"
//!
//! [profiles.acme.usb]
//! module = "/usr/lib/libbit4xpki.so"
//! cert = "MST:0101234567"
//!
//! [profiles.acme.sim]
//! phone = "0912345678"
//!
//! [profiles.acme.smartca]
//! user_id = "0101234567"
//! ```
//!
//! Unknown keys and invalid values are errors that name the file, the line
//! and the field; they never panic.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::profile_name::ProfileName;

/// The default `redirect_uri` (portal-login.md §0).
pub const DEFAULT_REDIRECT_URI: &str = "http://127.0.0.1/dvc/callback";
/// The default `scope`.
pub const DEFAULT_SCOPE: &str = "openid offline_access";
/// The default `acr_values`.
pub const DEFAULT_ACR_VALUES: &str = "LoA1";
/// The profile used when none is named and the config names no default.
pub const DEFAULT_PROFILE: &str = "default";

/// A built-in portal: the national portal's SSO and its test host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// Cổng Dịch vụ công Quốc gia: the VNeID web login (recipe `dvcqg`);
    /// with a `client_id`, the OIDC client of `https://xacthuc.dichvucong.gov.vn`.
    #[serde(rename = "dvcqg")]
    Dvcqg,
    /// The national portal's legacy accounts: the WSO2 tabs (recipe
    /// `dvcqg-legacy`).
    #[serde(rename = "dvcqg-legacy")]
    DvcqgLegacy,
    /// The SSO's test host, `https://testxacthuc.dichvucong.gov.vn` (OIDC).
    #[serde(rename = "dvcqg-test")]
    DvcqgTest,
}

impl Preset {
    /// The SSO's issuer.
    pub fn issuer(self) -> &'static str {
        match self {
            Preset::Dvcqg | Preset::DvcqgLegacy => "https://xacthuc.dichvucong.gov.vn",
            Preset::DvcqgTest => "https://testxacthuc.dichvucong.gov.vn",
        }
    }

    /// The built-in recipe of a web preset.
    pub fn recipe(self) -> Option<&'static str> {
        match self {
            Preset::Dvcqg => Some("dvcqg"),
            Preset::DvcqgLegacy => Some("dvcqg-legacy"),
            Preset::DvcqgTest => None,
        }
    }

    /// WSO2 serves discovery under `/oauth2/oidcdiscovery`.
    pub fn discovery_url(self) -> String {
        format!(
            "{}/oauth2/oidcdiscovery/.well-known/openid-configuration",
            self.issuer()
        )
    }

    /// The preset's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Dvcqg => "dvcqg",
            Preset::DvcqgLegacy => "dvcqg-legacy",
            Preset::DvcqgTest => "dvcqg-test",
        }
    }
}

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// It does not parse.
    NotUrl,
    /// Plain `http` on a host that is not loopback.
    HttpNotLoopback,
    /// Another scheme.
    Scheme(String),
    /// No host.
    NoHost,
}

impl UrlProblem {
    /// The reason in the user's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            UrlProblem::NotUrl => crate::tr!(lang, "url.not_url"),
            UrlProblem::HttpNotLoopback => crate::tr!(lang, "url.http_not_loopback"),
            UrlProblem::Scheme(s) => crate::tr!(lang, "url.scheme", scheme = s),
            UrlProblem::NoHost => crate::tr!(lang, "url.no_host"),
        }
    }
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

/// A URL that portal-login.md allows: `https`, or `http` on a loopback host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalUrl(url::Url);

impl PortalUrl {
    /// Parses and checks a URL; the error says why it is refused.
    pub fn parse(s: &str) -> std::result::Result<PortalUrl, UrlProblem> {
        let url = url::Url::parse(s.trim()).map_err(|_| UrlProblem::NotUrl)?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(UrlProblem::HttpNotLoopback),
            other => return Err(UrlProblem::Scheme(other.to_string())),
        }
        if url.host().is_none() {
            return Err(UrlProblem::NoHost);
        }
        Ok(PortalUrl(url))
    }

    /// Parses a URL for `field`, as an [`Error::InvalidUrl`] when refused.
    pub fn parse_field(field: &str, s: &str) -> Result<PortalUrl> {
        PortalUrl::parse(s).map_err(|reason| Error::InvalidUrl {
            field: field.into(),
            value: s.into(),
            reason,
        })
    }

    /// The URL.
    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// The URL as text, without a trailing slash on a bare origin.
    pub fn as_str(&self) -> &str {
        let s = self.0.as_str();
        if self.0.path() == "/" && self.0.query().is_none() {
            s.strip_suffix('/').unwrap_or(s)
        } else {
            s
        }
    }
}

/// Whether a URL's host is a loopback address or `localhost`.
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl fmt::Display for PortalUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PortalUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PortalUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PortalUrl::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// USB-token defaults of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsbDefaults {
    /// The PKCS#11 library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<PathBuf>,
    /// The certificate selector (PKCS#11 URI, serial, tax code or ID number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<String>,
}

/// SIM defaults of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimDefaults {
    /// The phone number of the signature SIM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// VNPT SmartCA defaults of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmartCaDefaults {
    /// The SmartCA user id (CCCD or tax code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// VNeID defaults of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VneidDefaults {
    /// The organisation's e-ID number / tax code, or a citizen's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// Which recipe a web profile uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipeRef {
    /// A built-in recipe by name.
    BuiltIn(String),
    /// A recipe file.
    File(PathBuf),
}

impl fmt::Display for RecipeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecipeRef::BuiltIn(n) => f.write_str(n),
            RecipeRef::File(p) => write!(f, "{}", p.display()),
        }
    }
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// A profile as written in the config file (every field optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// A built-in portal: a web recipe, or `issuer` and `discovery_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Preset>,
    /// A built-in recipe (portal-web.md): the profile logs in as the
    /// portal's page does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe: Option<String>,
    /// A recipe file (a copy of a built-in one, fixed for a changed portal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe_file: Option<PathBuf>,
    /// The SSO's issuer URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<PortalUrl>,
    /// Where discovery is read (default `{issuer}/.well-known/openid-configuration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovery_url: Option<PortalUrl>,
    /// The OAuth client registered for `dvc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The client secret, for confidential clients (sent with HTTP Basic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// The registered redirect URI (never listened on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<PortalUrl>,
    /// The OAuth scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The `acr_values` of the authorization request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr_values: Option<String>,
    /// Base URL for `dvc api` (default: the issuer's origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base: Option<PortalUrl>,
    /// An extra CA certificate file (PEM) for the portal's TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// `--connect-to` rules (`HOST:PORT:ADDRESS:PORT2`) for this profile's
    /// requests, so `dvc api`, `session check` and `logout` reach the same
    /// place as the login did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connect_to: Vec<String>,
    /// USB-token defaults.
    #[serde(default, skip_serializing_if = "is_default")]
    pub usb: UsbDefaults,
    /// SIM defaults.
    #[serde(default, skip_serializing_if = "is_default")]
    pub sim: SimDefaults,
    /// SmartCA defaults.
    #[serde(default, skip_serializing_if = "is_default")]
    pub smartca: SmartCaDefaults,
    /// VNeID defaults.
    #[serde(default, skip_serializing_if = "is_default")]
    pub vneid: VneidDefaults,
}

impl Profile {
    /// The recipe of a web profile (`recipe_file`, `recipe`, or a web
    /// preset without OIDC settings); `None` for an OIDC profile.
    pub fn web_recipe(&self) -> Option<RecipeRef> {
        if let Some(f) = &self.recipe_file {
            return Some(RecipeRef::File(f.clone()));
        }
        if let Some(r) = &self.recipe {
            return Some(RecipeRef::BuiltIn(r.clone()));
        }
        let oidc = self.issuer.is_some() || self.client_id.is_some();
        match self.preset.and_then(Preset::recipe) {
            Some(r) if !oidc => Some(RecipeRef::BuiltIn(r.to_string())),
            _ => None,
        }
    }

    /// The issuer: the profile's own, else its preset's.
    pub fn issuer(&self) -> Option<String> {
        self.issuer
            .as_ref()
            .map(|u| u.to_string())
            .or_else(|| self.preset.map(|p| p.issuer().to_string()))
    }

    /// The discovery URL, with the defaults of §0 and of the preset.
    pub fn discovery_url(&self) -> Option<String> {
        if let Some(u) = &self.discovery_url {
            return Some(u.to_string());
        }
        if let (None, Some(p)) = (&self.issuer, self.preset) {
            return Some(p.discovery_url());
        }
        if let (Some(i), Some(p)) = (&self.issuer, self.preset) {
            if i.as_str() == p.issuer() {
                return Some(p.discovery_url());
            }
        }
        self.issuer()
            .map(|i| format!("{i}/.well-known/openid-configuration"))
    }

    /// The redirect URI (default of §0).
    pub fn redirect_uri(&self) -> String {
        self.redirect_uri
            .as_ref()
            .map(|u| u.to_string())
            .unwrap_or_else(|| DEFAULT_REDIRECT_URI.to_string())
    }

    /// The scope (default of §0).
    pub fn scope(&self) -> String {
        self.scope.clone().unwrap_or_else(|| DEFAULT_SCOPE.into())
    }

    /// The `acr_values` (default of §0).
    pub fn acr_values(&self) -> String {
        self.acr_values
            .clone()
            .unwrap_or_else(|| DEFAULT_ACR_VALUES.into())
    }

    /// The API base (default: the issuer's origin).
    pub fn api_base(&self) -> Option<String> {
        if let Some(u) = &self.api_base {
            return Some(u.to_string());
        }
        let issuer = self.issuer()?;
        let url = url::Url::parse(&issuer).ok()?;
        Some(url.origin().ascii_serialization())
    }
}

/// What is wrong with a config file; put into the user's words by
/// [`Error::message`] (the `Display` here is English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// The TOML parser's words: its line and column, the line quoted, the
    /// reason (an unknown key, a refused value).
    Toml(String),
    /// The file is not UTF-8 from this byte on.
    NotUtf8 {
        /// The first byte that is not.
        byte: usize,
    },
    /// A profile name that cannot be used.
    ProfileName {
        /// The name.
        name: String,
        /// Where it is (1-based line and column), when found.
        at: Option<(usize, usize)>,
    },
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::Toml(d) => f.write_str(d.trim_end()),
            ConfigProblem::NotUtf8 { byte } => write!(f, "not UTF-8 text (byte {byte})"),
            ConfigProblem::ProfileName { name, at } => {
                if let Some((line, column)) = at {
                    write!(f, "line {line}, column {column}: ")?;
                }
                write!(
                    f,
                    "profile name {name:?}: use 1 to 64 letters, digits, '.', '_' or '-'"
                )
            }
        }
    }
}

/// The whole config file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The profile used when `--profile` and `DVC_PROFILE` are absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// The identity of a config file as last read: path, inode, size, mtime.
type FileKey = (PathBuf, u64, u64, i64, i64);

/// The config last read, by file identity.
static LOADED: std::sync::Mutex<Option<(FileKey, Config)>> = std::sync::Mutex::new(None);

impl Config {
    /// Reads the config file; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        // Read and parsed once per process while the file stays the same
        // (a command asks several times: the profile's name, its settings,
        // its module); any write replaces the file, and the key with it.
        let key = std::fs::metadata(path).ok().map(|m| {
            use std::os::unix::fs::MetadataExt;
            (
                path.to_path_buf(),
                m.ino(),
                m.len(),
                m.mtime(),
                m.mtime_nsec(),
            )
        });
        if let (Some(k), Ok(cache)) = (&key, LOADED.lock()) {
            if let Some((ck, c)) = cache.as_ref() {
                if ck == k {
                    return Ok(c.clone());
                }
            }
        }
        let config = Config::read(path)?;
        if let (Some(k), Ok(mut cache)) = (key, LOADED.lock()) {
            *cache = Some((k, config.clone()));
        }
        Ok(config)
    }

    fn read(path: &Path) -> Result<Config> {
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        let text = String::from_utf8(text).map_err(|e| Error::ConfigInvalid {
            path: path.into(),
            problem: ConfigProblem::NotUtf8 {
                byte: e.utf8_error().valid_up_to(),
            },
        })?;
        Config::parse(path, &text)
    }

    /// Parses config text; `path` is only used in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| Error::ConfigInvalid {
            path: path.into(),
            problem: ConfigProblem::Toml(e.to_string()),
        })?;
        for name in config.profiles.keys() {
            if ProfileName::parse(name).is_err() {
                let at = text.lines().enumerate().find_map(|(i, l)| {
                    l.find(name.as_str())
                        .map(|b| (i + 1, l[..b].chars().count() + 1))
                });
                return Err(Error::ConfigInvalid {
                    path: path.into(),
                    problem: ConfigProblem::ProfileName {
                        name: name.clone(),
                        at,
                    },
                });
            }
        }
        Ok(config)
    }

    /// Changes the config file under its lock: read again, changed by `f`,
    /// written atomically. Two processes changing it at once (two logins
    /// creating their profiles) both keep their change.
    pub fn update<T>(path: &Path, f: impl FnOnce(&mut Config) -> Result<T>) -> Result<T> {
        let _lock = crate::fs::lock::ProfileLock::config(path, crate::fs::lock::DEFAULT_LOCK_WAIT)?;
        let mut config = Config::load(path)?;
        let out = f(&mut config)?;
        config.save(path)?;
        Ok(out)
    }

    /// Writes the config file atomically (temp file, fsync, rename).
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = toml::to_string_pretty(self).map_err(|e| Error::ConfigInvalid {
            path: path.into(),
            problem: ConfigProblem::Toml(e.to_string()),
        })?;
        let header =
            "# dvc configuration: see `man dvc` (section FILES) or `dvc profile --help`.\n";
        crate::fs::write_atomic(path, format!("{header}{text}").as_bytes(), 0o600)
    }

    /// The profile a command works on: `--profile` / `DVC_PROFILE`, else the
    /// config's default, else `default`. A `default_profile` that names no
    /// profile is an error that says so (`path` is the config file).
    pub fn selected_profile(&self, flag: Option<&str>, path: &Path) -> Result<ProfileName> {
        if let Some(f) = flag {
            return ProfileName::parse(f);
        }
        match &self.default_profile {
            Some(d) if !self.profiles.contains_key(d) => Err(Error::DefaultProfileMissing {
                name: d.clone(),
                path: path.to_path_buf(),
            }),
            Some(d) => ProfileName::parse(d),
            None => ProfileName::parse(DEFAULT_PROFILE),
        }
    }

    /// The name of the default profile for display (no check).
    pub fn default_name(&self) -> &str {
        self.default_profile.as_deref().unwrap_or(DEFAULT_PROFILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_required_except_loopback() {
        assert!(PortalUrl::parse("https://xacthuc.dichvucong.gov.vn").is_ok());
        assert!(PortalUrl::parse("http://127.0.0.1:8080").is_ok());
        assert!(PortalUrl::parse("http://[::1]:8080").is_ok());
        assert!(PortalUrl::parse("http://localhost").is_ok());
        assert!(PortalUrl::parse("http://example.com").is_err());
        assert!(PortalUrl::parse("ftp://127.0.0.1").is_err());
        assert!(PortalUrl::parse("not a url").is_err());
    }

    #[test]
    fn preset_fills_issuer_and_wso2_discovery() {
        let p = Profile {
            preset: Some(Preset::Dvcqg),
            ..Default::default()
        };
        assert_eq!(p.issuer().unwrap(), "https://xacthuc.dichvucong.gov.vn");
        assert_eq!(
            p.discovery_url().unwrap(),
            "https://xacthuc.dichvucong.gov.vn/oauth2/oidcdiscovery/.well-known/openid-configuration"
        );
        assert_eq!(p.api_base().unwrap(), "https://xacthuc.dichvucong.gov.vn");
    }

    #[test]
    fn defaults_of_section_0() {
        let p = Profile {
            issuer: Some(PortalUrl::parse("http://127.0.0.1:9000").unwrap()),
            ..Default::default()
        };
        assert_eq!(
            p.discovery_url().unwrap(),
            "http://127.0.0.1:9000/.well-known/openid-configuration"
        );
        assert_eq!(p.redirect_uri(), DEFAULT_REDIRECT_URI);
        assert_eq!(p.scope(), "openid offline_access");
        assert_eq!(p.acr_values(), "LoA1");
    }

    #[test]
    fn errors_name_line_and_field() {
        let e = Config::parse(
            Path::new("/c.toml"),
            "[profiles.a]\nclient_id = \"x\"\nissuer = \"http://example.com\"\n",
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/c.toml") && msg.contains("line 3"), "{msg}");
        let e = Config::parse(Path::new("/c.toml"), "[profiles.a]\nisuer = \"x\"\n").unwrap_err();
        assert!(e.to_string().contains("isuer"), "{e}");
        let e = Config::parse(Path::new("/c.toml"), "[profiles.\"a b\"]\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
    }

    #[test]
    fn round_trip() {
        let mut c = Config::default();
        c.profiles.insert(
            "acme".into(),
            Profile {
                preset: Some(Preset::DvcqgTest),
                client_id: Some("dvc".into()),
                sim: SimDefaults {
                    phone: Some("0912345678".into()),
                },
                ..Default::default()
            },
        );
        let text = toml::to_string_pretty(&c).unwrap();
        assert_eq!(Config::parse(Path::new("x"), &text).unwrap(), c);
    }
}
