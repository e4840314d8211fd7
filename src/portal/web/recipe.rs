//! Portal recipes (portal-web.md §1): what varies between portals, as data.
//!
//! A recipe is a TOML document: the relying party's login link, the origins
//! a login may visit, the cookies that prove a login, where failure codes
//! are read and what they mean, and per method (usb, sim, smartca, vneid)
//! which form to fill with which fields. The engine ([`super::engine`])
//! knows none of these names. Built-in recipes live in `src/portal/recipes/`
//! (`dvc recipe show NAME` prints them); a profile names one (`recipe`) or a
//! file (`recipe_file`), so a user can fix a recipe when a portal changes.
//!
//! A recipe is checked when it is loaded; every problem names the key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::PortalUrl;

/// The built-in recipes: name and TOML text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("dvcqg", include_str!("../recipes/dvcqg.toml")),
    ("dvcqg-legacy", include_str!("../recipes/dvcqg-legacy.toml")),
    ("sandbox-web", include_str!("../recipes/sandbox-web.toml")),
];

/// Why a recipe cannot be used: the key, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("recipe {recipe}: {key}: {problem:?}")]
pub struct RecipeError {
    /// The recipe (name or file).
    pub recipe: String,
    /// The key (`usb.form`, `origins[2]`, …), empty for the document.
    pub key: String,
    /// What is wrong.
    pub problem: RecipeProblem,
}

/// What is wrong with a recipe key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipeProblem {
    /// The TOML does not parse or has an unknown key (the parser's words,
    /// with line and column).
    Syntax(String),
    /// A URL that is not `https` (or `http` on loopback).
    Url(String),
    /// A URL whose origin is not in `origins`.
    OriginNotListed(String),
    /// A CSS selector that does not parse.
    Selector(String),
    /// A regular expression that does not parse or has no capture group.
    Pattern(String),
    /// A code mapped to a meaning `dvc` does not know.
    Meaning(String),
    /// A required key is missing or empty.
    Missing,
    /// A value outside its range or set.
    Value(String),
    /// No built-in recipe of that name.
    Unknown,
}

/// How the serial number of a USB certificate is written in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SerialFormat {
    /// Uppercase hex, whole octets, no leading `00` (as OpenSSL prints it).
    #[default]
    HexUpper,
    /// Lowercase hex.
    HexLower,
    /// Decimal.
    Decimal,
}

/// The envelope of `signedData` (portal-web.md §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    /// A compact JWS (RFC 7515) with the certificate in `x5c`: our reading
    /// of the VGCA plugin's `SignJson` with `DetachPayload: false`.
    #[default]
    Jws,
    /// Base64 of a signature over the UTF-8 bytes of `dataBeforeSign`.
    Raw,
}

/// How a phone number is written in the SIM form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PhoneFormat {
    /// `0912345678`.
    #[default]
    National,
    /// `84912345678`.
    International,
    /// `+84912345678`.
    Plus,
}

/// A tab chosen as the page's own script does: a GET to `path` (resolved
/// against the login page) with `params` and the page's `sessionDataKey`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tab {
    /// Where the script goes, relative to the login page (`../commonauth`).
    pub path: String,
    /// The query parameters (`idp`, `authenticator`, …).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// The query parameter carrying the login page's `sessionDataKey`
    /// (empty: none).
    #[serde(default = "default_session_key")]
    pub session_key: String,
}

fn default_session_key() -> String {
    "sessionDataKey".into()
}

/// A wait for a phone or an app (portal-web.md §2.5).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wait {
    /// The element of the waiting page that shows the verification code.
    #[serde(default)]
    pub code: Option<String>,
    /// The form the waiting page re-submits (else its `<meta http-equiv="refresh">`).
    #[serde(default)]
    pub form: Option<String>,
    /// Seconds between re-submissions when the page does not say.
    #[serde(default = "default_interval")]
    pub interval: u64,
    /// Seconds before giving up (the held POST's timeout too).
    #[serde(default = "default_wait_timeout")]
    pub timeout: u64,
}

fn default_interval() -> u64 {
    3
}

fn default_wait_timeout() -> u64 {
    300
}

impl Default for Wait {
    fn default() -> Wait {
        Wait {
            code: None,
            form: None,
            interval: default_interval(),
            timeout: default_wait_timeout(),
        }
    }
}

/// The USB tab.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsbMethod {
    /// The tab, when the login page does not already hold the form.
    #[serde(default)]
    pub tab: Option<Tab>,
    /// The form (a CSS selector, `#usb_login_form`).
    pub form: String,
    /// The `signedData` envelope.
    #[serde(default)]
    pub envelope: Envelope,
    /// How `serial` is written.
    #[serde(default)]
    pub serial_format: SerialFormat,
    /// The field names.
    #[serde(default)]
    pub fields: UsbFields,
}

/// The USB form's field names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UsbFields {
    /// The certificate's serial.
    pub serial: String,
    /// The signature (in its envelope).
    pub signed_data: String,
    /// The signed text (the `sessionDataKey`).
    pub data_before_sign: String,
    /// Where the page keeps the `sessionDataKey` (read, and posted back).
    pub session_key: String,
}

impl Default for UsbFields {
    fn default() -> UsbFields {
        UsbFields {
            serial: "serial".into(),
            signed_data: "signedData".into(),
            data_before_sign: "dataBeforeSign".into(),
            session_key: "sessionDataKey".into(),
        }
    }
}

/// The SIM tab.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimMethod {
    /// The tab, when the login page does not already hold the form.
    #[serde(default)]
    pub tab: Option<Tab>,
    /// The form (`#defaultOtpForm`).
    pub form: String,
    /// The phone number's field.
    #[serde(default = "default_phone_field")]
    pub phone_field: String,
    /// How the number is written.
    #[serde(default)]
    pub phone_format: PhoneFormat,
    /// The wait.
    #[serde(default)]
    pub wait: Wait,
}

fn default_phone_field() -> String {
    "phone".into()
}

/// The SmartCA tab: a hop to SmartCA's own login page, then a wait.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmartcaMethod {
    /// The tab (the SSO's script sends the browser to SmartCA).
    #[serde(default)]
    pub tab: Option<Tab>,
    /// The login form on SmartCA's page.
    pub form: String,
    /// The account's field.
    #[serde(default = "default_username")]
    pub user_field: String,
    /// The password's field.
    #[serde(default = "default_password")]
    pub password_field: String,
    /// Where SmartCA shows a failure on its own page.
    #[serde(default)]
    pub error: Vec<String>,
    /// The wait for the app.
    #[serde(default)]
    pub wait: Wait,
}

fn default_username() -> String {
    "username".into()
}

fn default_password() -> String {
    "password".into()
}

/// The QR login of the VNeID app.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrLogin {
    /// The link or button on the login page that opens the QR (a selector
    /// of an element with `href`), when the QR is not on the login page.
    #[serde(default)]
    pub link: Option<String>,
    /// The QR image (an `<img>` whose `src` is a `data:image/png` URL or a
    /// URL of an allowed origin).
    #[serde(default)]
    pub image: Option<String>,
    /// An element whose text or `data-qr` attribute holds the QR's content.
    #[serde(default)]
    pub text: Option<String>,
    /// How its status is polled (the page's form or meta refresh).
    #[serde(default)]
    pub wait: Wait,
}

/// The VNeID (Keycloak) login.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VneidMethod {
    /// The login form (`#kc-form-login`).
    pub form: String,
    /// The ID's field.
    #[serde(default = "default_username")]
    pub username_field: String,
    /// The password's field.
    #[serde(default = "default_password")]
    pub password_field: String,
    /// The one-time-code form (`#kc-otp-login-form`).
    #[serde(default)]
    pub otp_form: Option<String>,
    /// The code's field.
    #[serde(default = "default_otp_field")]
    pub otp_field: String,
    /// The elements where the page shows an error (`#input-error`, alerts).
    #[serde(default)]
    pub error: Vec<String>,
    /// Words of the page's errors and what they mean (`wrong_password`, …),
    /// matched as substrings, case-insensitively.
    #[serde(default)]
    pub messages: BTreeMap<String, String>,
    /// The QR login, where the page offers one.
    #[serde(default)]
    pub qr: Option<QrLogin>,
}

fn default_otp_field() -> String {
    "otp".into()
}

/// Where failure codes are read and what they mean.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Errors {
    /// Query parameters of a redirect or page URL that carry a code
    /// (`authFailureMsg`, `CUS_CODE`).
    #[serde(default)]
    pub query: Vec<String>,
    /// A query parameter with the portal's own words (`errorDescription`).
    #[serde(default)]
    pub description_query: Vec<String>,
    /// Regular expressions over a page, the first group being the code
    /// (the script's `let USB_ERROR_CODE = '…'`); `null` is no code.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Each code's meaning (`declined`, `timed_out`, `unknown_user`, …).
    #[serde(default)]
    pub codes: BTreeMap<String, String>,
}

/// A portal recipe.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    /// Its name.
    pub name: String,
    /// What it is for, in a line.
    #[serde(default)]
    pub title: String,
    /// The relying party's login link.
    pub start_url: String,
    /// Every origin a login may visit.
    pub origins: Vec<String>,
    /// The web application whose session is kept.
    pub rp_origin: String,
    /// The cookies of `rp_origin` that only a login sets.
    pub session_cookies: Vec<String>,
    /// A URL of `rp_origin` that answers 2xx while the session lives.
    pub check_url: String,
    /// A GET that ends the session at the portal.
    #[serde(default)]
    pub logout_url: Option<String>,
    /// A URL of `rp_origin` answering JSON with the account (the §5 claims).
    #[serde(default)]
    pub account_url: Option<String>,
    /// Redirects followed in a row at most.
    #[serde(default = "default_redirects")]
    pub max_redirects: usize,
    /// Failure codes.
    #[serde(default)]
    pub errors: Errors,
    /// USB token.
    #[serde(default)]
    pub usb: Option<UsbMethod>,
    /// Signature SIM.
    #[serde(default)]
    pub sim: Option<SimMethod>,
    /// VNPT SmartCA.
    #[serde(default)]
    pub smartca: Option<SmartcaMethod>,
    /// VNeID.
    #[serde(default)]
    pub vneid: Option<VneidMethod>,
    /// The recipe as written, to quote a key's value in errors.
    #[serde(skip)]
    raw: toml::Table,
}

fn default_redirects() -> usize {
    20
}

fn err(recipe: &str, key: &str, problem: RecipeProblem) -> RecipeError {
    RecipeError {
        recipe: recipe.to_string(),
        key: key.to_string(),
        problem,
    }
}

fn origin_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .map(|u| u.origin().ascii_serialization())
}

impl Recipe {
    /// A built-in recipe by name.
    pub fn built_in(name: &str) -> Result<Recipe, RecipeError> {
        let text = BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .ok_or_else(|| err(name, "", RecipeProblem::Unknown))?;
        Recipe::parse(name, text)
    }

    /// A recipe from a file.
    pub fn from_file(path: &Path) -> Result<Recipe, crate::error::Error> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::error::Error::io(path, e))?;
        Ok(Recipe::parse(&path.display().to_string(), &text)?)
    }

    /// Parses and checks a recipe; `source` names it in errors.
    pub fn parse(source: &str, text: &str) -> Result<Recipe, RecipeError> {
        let mut r: Recipe = toml::from_str(text)
            .map_err(|e| err(source, "", RecipeProblem::Syntax(e.to_string())))?;
        r.check(source)?;
        r.raw = toml::from_str(text).unwrap_or_default();
        Ok(r)
    }

    /// The value of a dotted key as written (`usb.form` → `#usb_login_form`),
    /// when it is a string.
    pub fn value_of(&self, key: &str) -> Option<&str> {
        let mut parts = key.split('.');
        let mut v = self.raw.get(parts.next()?)?;
        for p in parts {
            v = v.as_table()?.get(p)?;
        }
        v.as_str()
    }

    /// The methods the recipe offers, in the portal's tab order.
    pub fn methods(&self) -> Vec<crate::session::Method> {
        use crate::session::Method;
        let mut v = Vec::new();
        if self.vneid.is_some() {
            v.push(Method::Vneid);
        }
        if self.usb.is_some() {
            v.push(Method::Usb);
        }
        if self.sim.is_some() {
            v.push(Method::Sim);
        }
        if self.smartca.is_some() {
            v.push(Method::Smartca);
        }
        v
    }

    /// Whether `url`'s origin may be visited during a login.
    pub fn allows(&self, url: &url::Url) -> bool {
        let o = url.origin().ascii_serialization();
        self.origins.iter().any(|a| a.trim_end_matches('/') == o)
    }

    fn check(&self, source: &str) -> Result<(), RecipeError> {
        let e = |key: &str, p: RecipeProblem| err(source, key, p);
        if self.name.trim().is_empty() {
            return Err(e("name", RecipeProblem::Missing));
        }
        if self.origins.is_empty() {
            return Err(e("origins", RecipeProblem::Missing));
        }
        for (i, o) in self.origins.iter().enumerate() {
            let u = PortalUrl::parse(o).map_err(|p| {
                e(
                    &format!("origins[{i}]"),
                    RecipeProblem::Url(p.message(crate::i18n::Lang::En)),
                )
            })?;
            if u.url().path() != "/" || u.url().query().is_some() {
                return Err(e(
                    &format!("origins[{i}]"),
                    RecipeProblem::Value(
                        "an origin is scheme://host[:port], without a path".into(),
                    ),
                ));
            }
        }
        let url = |key: &str, v: &str| -> Result<(), RecipeError> {
            PortalUrl::parse(v)
                .map_err(|p| e(key, RecipeProblem::Url(p.message(crate::i18n::Lang::En))))?;
            let o = origin_of(v).unwrap_or_default();
            if !self.origins.iter().any(|a| a.trim_end_matches('/') == o) {
                return Err(e(key, RecipeProblem::OriginNotListed(o)));
            }
            Ok(())
        };
        url("start_url", &self.start_url)?;
        url("rp_origin", &self.rp_origin)?;
        url("check_url", &self.check_url)?;
        if origin_of(&self.check_url) != origin_of(&self.rp_origin) {
            return Err(e(
                "check_url",
                RecipeProblem::Value("check_url must be on rp_origin".into()),
            ));
        }
        if let Some(l) = &self.logout_url {
            url("logout_url", l)?;
        }
        if let Some(a) = &self.account_url {
            url("account_url", a)?;
            if origin_of(a) != origin_of(&self.rp_origin) {
                return Err(e(
                    "account_url",
                    RecipeProblem::Value("account_url must be on rp_origin".into()),
                ));
            }
        }
        if self.session_cookies.is_empty() || self.session_cookies.iter().any(|c| c.is_empty()) {
            return Err(e("session_cookies", RecipeProblem::Missing));
        }
        if !(1..=50).contains(&self.max_redirects) {
            return Err(e(
                "max_redirects",
                RecipeProblem::Value("between 1 and 50".into()),
            ));
        }
        for (i, p) in self.errors.patterns.iter().enumerate() {
            let re = regex_lite::Regex::new(p).map_err(|x| {
                e(
                    &format!("errors.patterns[{i}]"),
                    RecipeProblem::Pattern(x.to_string()),
                )
            })?;
            if re.captures_len() < 2 {
                return Err(e(
                    &format!("errors.patterns[{i}]"),
                    RecipeProblem::Pattern("it needs a group ( … ) around the code".into()),
                ));
            }
        }
        for (code, meaning) in &self.errors.codes {
            if crate::portal::AuthFailure::from_name(meaning).is_none() {
                return Err(e(
                    &format!("errors.codes.{code}"),
                    RecipeProblem::Meaning(meaning.clone()),
                ));
            }
        }
        let sel = |key: &str, s: &str| -> Result<(), RecipeError> {
            if s.trim().is_empty() {
                return Err(e(key, RecipeProblem::Missing));
            }
            scraper::Selector::parse(s)
                .map(|_| ())
                .map_err(|x| e(key, RecipeProblem::Selector(x.to_string())))
        };
        let wait = |prefix: &str, w: &Wait| -> Result<(), RecipeError> {
            if let Some(c) = &w.code {
                sel(&format!("{prefix}.wait.code"), c)?;
            }
            if let Some(f) = &w.form {
                sel(&format!("{prefix}.wait.form"), f)?;
            }
            if !(1..=60).contains(&w.interval) {
                return Err(e(
                    &format!("{prefix}.wait.interval"),
                    RecipeProblem::Value("between 1 and 60 seconds".into()),
                ));
            }
            if !(10..=3600).contains(&w.timeout) {
                return Err(e(
                    &format!("{prefix}.wait.timeout"),
                    RecipeProblem::Value("between 10 and 3600 seconds".into()),
                ));
            }
            Ok(())
        };
        if self.usb.is_none()
            && self.sim.is_none()
            && self.smartca.is_none()
            && self.vneid.is_none()
        {
            return Err(e(
                "usb",
                RecipeProblem::Value(
                    "a recipe offers at least one of usb, sim, smartca, vneid".into(),
                ),
            ));
        }
        if let Some(u) = &self.usb {
            sel("usb.form", &u.form)?;
            for (k, v) in [
                ("usb.fields.serial", &u.fields.serial),
                ("usb.fields.signed_data", &u.fields.signed_data),
                ("usb.fields.data_before_sign", &u.fields.data_before_sign),
                ("usb.fields.session_key", &u.fields.session_key),
            ] {
                if v.is_empty() {
                    return Err(e(k, RecipeProblem::Missing));
                }
            }
        }
        if let Some(s) = &self.sim {
            sel("sim.form", &s.form)?;
            wait("sim", &s.wait)?;
        }
        if let Some(s) = &self.smartca {
            sel("smartca.form", &s.form)?;
            for (i, x) in s.error.iter().enumerate() {
                sel(&format!("smartca.error[{i}]"), x)?;
            }
            wait("smartca", &s.wait)?;
        }
        if let Some(v) = &self.vneid {
            sel("vneid.form", &v.form)?;
            if let Some(o) = &v.otp_form {
                sel("vneid.otp_form", o)?;
            }
            for (i, x) in v.error.iter().enumerate() {
                sel(&format!("vneid.error[{i}]"), x)?;
            }
            for (words, meaning) in &v.messages {
                if crate::portal::AuthFailure::from_name(meaning).is_none() {
                    return Err(e(
                        &format!("vneid.messages.\"{words}\""),
                        RecipeProblem::Meaning(meaning.clone()),
                    ));
                }
            }
            if let Some(q) = &v.qr {
                if let Some(l) = &q.link {
                    sel("vneid.qr.link", l)?;
                }
                if q.image.is_none() && q.text.is_none() {
                    return Err(e(
                        "vneid.qr.image",
                        RecipeProblem::Value("give image or text".into()),
                    ));
                }
                if let Some(i) = &q.image {
                    sel("vneid.qr.image", i)?;
                }
                if let Some(t) = &q.text {
                    sel("vneid.qr.text", t)?;
                }
                wait("vneid.qr", &q.wait)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_recipes_load() {
        for (name, _) in BUILT_IN {
            let r = Recipe::built_in(name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(&r.name, name);
            assert!(!r.methods().is_empty());
        }
    }

    #[test]
    fn errors_name_the_key() {
        let text = BUILT_IN[1].1.replace("#usb_login_form", "#usb[");
        let e = Recipe::parse("x", &text).unwrap_err();
        assert_eq!(e.key, "usb.form", "{e:?}");
        let text = BUILT_IN[1].1.replace(
            "https://xacthuc.dichvucong.gov.vn\"",
            "http://xacthuc.dichvucong.gov.vn\"",
        );
        let e = Recipe::parse("x", &text).unwrap_err();
        assert!(e.key.starts_with("origins["), "{e:?}");
        let e = Recipe::parse("x", "name = 1").unwrap_err();
        assert!(matches!(e.problem, RecipeProblem::Syntax(_)), "{e:?}");
        // A code mapped to a meaning dvc does not know: the key names the code.
        let text = BUILT_IN[1].1.replace(
            "PKI_FAILURE_ERROR_CODE = \"server_error\"",
            "PKI_FAILURE_ERROR_CODE = \"nonsense\"",
        );
        assert_ne!(text, BUILT_IN[1].1);
        let e = Recipe::parse("x", &text).unwrap_err();
        assert_eq!(e.key, "errors.codes.PKI_FAILURE_ERROR_CODE", "{e:?}");
        assert_eq!(e.problem, RecipeProblem::Meaning("nonsense".into()));
        assert_eq!(e.recipe, "x");
        // The same in a minimal recipe of its own.
        let minimal = "name = \"m\"\nstart_url = \"https://a.example/login\"\norigins = [\"https://a.example\"]\nrp_origin = \"https://a.example\"\nsession_cookies = [\"S\"]\ncheck_url = \"https://a.example/me\"\n[sim]\nform = \"#f\"\n";
        Recipe::parse("m", minimal).unwrap();
        let e = Recipe::parse("m", &format!("{minimal}[errors.codes]\nX = \"nonsense\"\n"))
            .unwrap_err();
        assert_eq!(
            (e.key.as_str(), &e.problem),
            ("errors.codes.X", &RecipeProblem::Meaning("nonsense".into()))
        );
        assert!(e.to_string().contains("errors.codes.X"), "{e}");
    }
}
