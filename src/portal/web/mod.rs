//! portal-web.md: logging in as the portal's own page does, for portals that
//! do not register `dvc` as an OAuth client. What varies between portals is
//! a [`recipe::Recipe`]; the [`engine`] fills its forms; the methods below
//! (USB as the VGCA plugin does it, SIM, SmartCA, VNeID) say what goes in
//! them. The result is the web application's session cookies.

pub mod engine;
pub mod form;
pub mod recipe;

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};

use engine::{Browser, Page, Verdict};
use recipe::{Envelope, PhoneFormat, Recipe, SerialFormat};

use crate::error::{Error, Result};
use crate::net::HttpSettings;
use crate::pkcs11::Algorithm;
use crate::portal::{AuthFailure, Waiter};
use crate::session::StoredCookie;

/// The USB token's part of a login, done by the caller over PKCS#11.
pub trait UsbSigner {
    /// The signing certificate (DER).
    fn certificate(&self) -> &[u8];
    /// The certificate's serial number, uppercase hex.
    fn serial_hex(&self) -> String;
    /// The algorithm the token will use (RSA-PSS first).
    fn algorithm(&mut self) -> Result<Algorithm>;
    /// Signs `data` (ECDSA as DER `ECDSA-Sig-Value`).
    fn sign(&mut self, algorithm: Algorithm, data: &[u8]) -> Result<Vec<u8>>;
}

/// A QR code to show a person.
#[derive(Debug, Clone)]
pub struct Qr {
    /// The QR's content, when the page gives it.
    pub content: Option<String>,
    /// The page's PNG image of it, when it gives one.
    pub png: Option<Vec<u8>>,
}

/// What a person gives for a web login.
pub enum Credentials<'a> {
    /// A USB token.
    Usb(&'a mut dyn UsbSigner),
    /// A signature SIM: the phone in international digits (`84…`).
    Sim(String),
    /// VNPT SmartCA: account and password.
    Smartca(String, SecretString),
    /// VNeID: the ID, the password, and the one-time code when the SSO asks
    /// (the callback is called only then).
    Vneid {
        /// The organisation's e-ID number / tax code, or a citizen's ID.
        id: String,
        /// The password.
        password: SecretString,
        /// Asks for the one-time code.
        otp: &'a mut dyn FnMut() -> Result<SecretString>,
    },
    /// VNeID by QR: the callback shows the code to scan.
    VneidQr(&'a mut dyn FnMut(&Qr) -> Result<()>),
}

/// A finished web login.
pub struct WebLogin {
    /// The cookies of `rp_origin`.
    pub cookies: Vec<StoredCookie>,
    /// The account's claims (portal-login.md §5 names), when the recipe
    /// has an `account_url`.
    pub account: Option<serde_json::Value>,
}

/// A portal reached through a recipe.
pub struct WebPortal {
    /// The recipe.
    pub recipe: Recipe,
    /// Its name or file (for errors and the stored session).
    pub source: String,
    /// Timeouts, TLS, `--connect-to`.
    pub http: HttpSettings,
}

/// The `signedData` of a USB login (portal-web.md §2.4).
pub fn signed_data(
    envelope: Envelope,
    signer: &mut dyn UsbSigner,
    session_key: &str,
) -> Result<String> {
    let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
    let b64url = |d: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d);
    let alg = signer.algorithm()?;
    match envelope {
        Envelope::Raw => Ok(b64(&signer.sign(alg, session_key.as_bytes())?)),
        Envelope::Jws => {
            let name = match alg {
                Algorithm::RsaPssSha256 => "PS256",
                Algorithm::RsaPkcs1Sha256 => "RS256",
                Algorithm::EcdsaSha256 => "ES256",
            };
            let header = serde_json::json!({"alg": name, "x5c": [b64(signer.certificate())]});
            let input = format!(
                "{}.{}",
                b64url(header.to_string().as_bytes()),
                b64url(session_key.as_bytes())
            );
            let sig = signer.sign(alg, input.as_bytes())?;
            let sig = if alg == Algorithm::EcdsaSha256 {
                ecdsa_der_to_raw(&sig, 32).ok_or(Error::TokenBadSignature)?
            } else {
                sig
            };
            Ok(format!("{input}.{}", b64url(&sig)))
        }
    }
}

/// DER `ECDSA-Sig-Value` to the fixed-width r‖s that JWS requires.
pub fn ecdsa_der_to_raw(der: &[u8], width: usize) -> Option<Vec<u8>> {
    let body = der.strip_prefix(&[0x30])?;
    let (len, mut rest) = match body.first()? {
        0x81 => (*body.get(1)? as usize, &body[2..]),
        n if *n < 0x80 => (*n as usize, &body[1..]),
        _ => return None,
    };
    if rest.len() != len {
        return None;
    }
    let mut out = Vec::with_capacity(width * 2);
    for _ in 0..2 {
        if rest.first()? != &0x02 {
            return None;
        }
        let n = *rest.get(1)? as usize;
        let int = rest.get(2..2 + n)?;
        let int = match int {
            [0, tail @ ..] => tail,
            other => other,
        };
        if int.len() > width {
            return None;
        }
        out.extend(std::iter::repeat_n(0u8, width - int.len()));
        out.extend_from_slice(int);
        rest = &rest[2 + n..];
    }
    Some(out)
}

/// The serial as the recipe writes it.
fn serial_in(format: SerialFormat, hex_upper: &str) -> String {
    match format {
        SerialFormat::HexUpper => hex_upper.to_string(),
        SerialFormat::HexLower => hex_upper.to_ascii_lowercase(),
        SerialFormat::Decimal => {
            // Arbitrary length: repeated division of the hex digits by 10.
            let mut digits: Vec<u32> = hex_upper.chars().filter_map(|c| c.to_digit(16)).collect();
            let mut out = Vec::new();
            while digits.iter().any(|d| *d != 0) {
                let mut rem = 0u32;
                for d in digits.iter_mut() {
                    let cur = rem * 16 + *d;
                    *d = cur / 10;
                    rem = cur % 10;
                }
                out.push(char::from(b'0' + rem as u8));
            }
            if out.is_empty() {
                "0".into()
            } else {
                out.iter().rev().collect()
            }
        }
    }
}

/// A phone (`84…`) as the recipe writes it.
fn phone_in(format: PhoneFormat, intl: &str) -> String {
    let national = intl
        .strip_prefix("84")
        .map(|r| format!("0{r}"))
        .unwrap_or_else(|| intl.to_string());
    match format {
        PhoneFormat::National => national,
        PhoneFormat::International => intl.to_string(),
        PhoneFormat::Plus => format!("+{intl}"),
    }
}

fn done(v: Verdict, b: &Browser<'_>, key: &str) -> Result<()> {
    match v {
        Verdict::Success => Ok(()),
        Verdict::Failure(e) => Err(e),
        Verdict::Page(p) => Err(unexpected(b, &p, key)),
    }
}

/// A form that carries a password or a code posts to the page's own
/// origin (as the SSO's page does), never elsewhere, even to another origin
/// the recipe allows: else the page changed, and nothing is sent.
fn same_origin(b: &Browser<'_>, page: &Page, f: &form::Form, key: &str) -> Result<()> {
    if f.action.origin() == page.url.origin() {
        Ok(())
    } else {
        Err(b.changed(key, &page.url))
    }
}

/// The page is not what the recipe describes at this step.
fn unexpected(b: &Browser<'_>, p: &Page, key: &str) -> Error {
    if (200..300).contains(&p.status) && b.on_rp(&p.url) {
        // Back at the portal, but not with the cookies a login sets.
        b.changed("session_cookies", &p.url)
    } else if (200..300).contains(&p.status) && p.body.trim_start().starts_with('<') {
        b.changed(key, &p.url)
    } else {
        Error::unexpected(
            p.status,
            p.url.as_str(),
            crate::portal::Unexpected::NoRedirectBack,
        )
    }
}

impl WebPortal {
    /// A portal for `recipe`.
    pub fn new(recipe: Recipe, source: &str, http: HttpSettings) -> WebPortal {
        WebPortal {
            recipe,
            source: source.to_string(),
            http,
        }
    }

    /// Logs in; nothing is returned unless the portal's session cookies
    /// came back.
    pub fn login(&self, creds: Credentials<'_>, waiter: &mut dyn Waiter) -> Result<WebLogin> {
        let mut b = Browser::new(&self.recipe, &self.source, &self.http)?;
        let start = url::Url::parse(&self.recipe.start_url).map_err(|_| {
            Error::Recipe(recipe::RecipeError {
                recipe: self.source.clone(),
                key: "start_url".into(),
                problem: recipe::RecipeProblem::Url("not a URL".into()),
            })
        })?;
        log::info!("opening the portal's login link {}", start);
        let page = b.get(&start)?;
        let page = match b.judge(page) {
            Verdict::Success => return self.finish(b),
            Verdict::Failure(e) => return Err(e),
            Verdict::Page(p) => p,
        };
        match creds {
            Credentials::Usb(signer) => self.usb(&mut b, page, signer)?,
            Credentials::Sim(phone) => self.sim(&mut b, page, &phone, waiter)?,
            Credentials::Smartca(user, password) => {
                self.smartca(&mut b, page, &user, &password, waiter)?
            }
            Credentials::Vneid { id, password, otp } => {
                self.vneid(&mut b, page, &id, &password, otp)?
            }
            Credentials::VneidQr(show) => self.vneid_qr(&mut b, page, show, waiter)?,
        }
        self.finish(b)
    }

    fn finish(&self, mut b: Browser<'_>) -> Result<WebLogin> {
        let check = url::Url::parse(&self.recipe.check_url).map_err(|_| {
            Error::Recipe(recipe::RecipeError {
                recipe: self.source.clone(),
                key: "check_url".into(),
                problem: recipe::RecipeProblem::Url("not a URL".into()),
            })
        })?;
        b.confirm(&check)?;
        let account = match &self.recipe.account_url {
            Some(u) => match url::Url::parse(u) {
                Ok(u) => b.json(&u).ok(),
                Err(_) => None,
            },
            None => None,
        };
        log::info!("logged in: the portal's session cookies are set");
        Ok(WebLogin {
            cookies: b.session_cookies(),
            account,
        })
    }

    /// The page holding a method's form: the login page itself (tabs drawn
    /// client-side), or the page its tab leads to.
    fn form_page(
        &self,
        b: &mut Browser<'_>,
        page: Page,
        selector: &str,
        tab: Option<&recipe::Tab>,
        method: &str,
    ) -> Result<Page> {
        if page.form(selector).is_some() {
            return Ok(page);
        }
        let Some(tab) = tab else {
            return Err(lacking(b, &page, &format!("{method}.form")));
        };
        let at = page.url.clone();
        let next = b.tab(&page, tab, method)?;
        match b.judge(next) {
            Verdict::Page(p) => Ok(p),
            Verdict::Failure(e) => Err(e),
            Verdict::Success => Err(b.changed(&format!("{method}.form"), &at)),
        }
    }

    fn usb(&self, b: &mut Browser<'_>, page: Page, signer: &mut dyn UsbSigner) -> Result<()> {
        let Some(u) = &self.recipe.usb else {
            return Err(method_not_offered(&self.recipe, "usb"));
        };
        let page = self.form_page(b, page, &u.form, u.tab.as_ref(), "usb")?;
        let mut f = page
            .form(&u.form)
            .ok_or_else(|| lacking(b, &page, "usb.form"))?;
        let key = f
            .get(&u.fields.session_key)
            .map(str::to_string)
            .filter(|k| !k.is_empty())
            .or_else(|| {
                page.url
                    .query_pairs()
                    .find(|(k, _)| k == u.fields.session_key.as_str())
                    .map(|(_, v)| v.into_owned())
            })
            .ok_or_else(|| b.changed("usb.fields.session_key", &page.url))?;
        log::info!(
            "signing the sessionDataKey with the token ({:?} envelope)",
            u.envelope
        );
        let signed = signed_data(u.envelope, signer, &key)?;
        f.set(
            &u.fields.serial,
            &serial_in(u.serial_format, &signer.serial_hex()),
        );
        f.set(&u.fields.signed_data, &signed);
        f.set(&u.fields.data_before_sign, &key);
        f.set(&u.fields.session_key, &key);
        let next = b.submit(&f)?;
        done(b.judge(next), b, "usb")
    }

    fn sim(
        &self,
        b: &mut Browser<'_>,
        page: Page,
        phone: &str,
        waiter: &mut dyn Waiter,
    ) -> Result<()> {
        let Some(s) = &self.recipe.sim else {
            return Err(method_not_offered(&self.recipe, "sim"));
        };
        let page = self.form_page(b, page, &s.form, s.tab.as_ref(), "sim")?;
        let mut f = page
            .form(&s.form)
            .ok_or_else(|| lacking(b, &page, "sim.form"))?;
        if !f.has(&s.phone_field) {
            return Err(b.changed("sim.phone_field", &page.url));
        }
        f.set(&s.phone_field, &phone_in(s.phone_format, phone));
        log::info!("sending the phone number; the SSO asks the SIM");
        let next = b.submit_held(&f, &s.wait, waiter)?;
        match b.judge(next) {
            Verdict::Page(p) => done(b.wait(p, &s.wait, waiter)?, b, "sim.wait"),
            other => done(other, b, "sim"),
        }
    }

    fn smartca(
        &self,
        b: &mut Browser<'_>,
        page: Page,
        user: &str,
        password: &SecretString,
        waiter: &mut dyn Waiter,
    ) -> Result<()> {
        let Some(s) = &self.recipe.smartca else {
            return Err(method_not_offered(&self.recipe, "smartca"));
        };
        let page = self.form_page(b, page, &s.form, s.tab.as_ref(), "smartca")?;
        let mut f = page
            .form(&s.form)
            .ok_or_else(|| lacking(b, &page, "smartca.form"))?;
        for (k, name) in [
            ("smartca.user_field", &s.user_field),
            ("smartca.password_field", &s.password_field),
        ] {
            if !f.has(name) {
                return Err(b.changed(k, &page.url));
            }
        }
        f.set(&s.user_field, user);
        same_origin(b, &page, &f, "smartca.form")?;
        f.set(&s.password_field, password.expose_secret());
        log::info!(
            "sending the SmartCA account to {}",
            f.action.origin().ascii_serialization()
        );
        let next = b.submit_held(&f, &s.wait, waiter)?;
        let next = match b.judge(next) {
            Verdict::Page(p) => p,
            other => return done(other, b, "smartca"),
        };
        // The login page again, with the page's own words: refused.
        if next.form(&s.form).is_some() {
            let words = s
                .error
                .iter()
                .find_map(|sel| form::text(&next.doc, sel))
                .unwrap_or_default();
            return Err(Error::PortalAuth {
                failure: AuthFailure::WrongPassword,
                code: String::new(),
                description: words,
            });
        }
        done(b.wait(next, &s.wait, waiter)?, b, "smartca.wait")
    }

    /// The page's error, read where the recipe says, with its meaning.
    fn vneid_error(&self, page: &Page, fallback: AuthFailure) -> Option<Error> {
        let v = self.recipe.vneid.as_ref()?;
        let words = v.error.iter().find_map(|sel| form::text(&page.doc, sel))?;
        let lower = words.to_lowercase();
        let failure = v
            .messages
            .iter()
            .find(|(k, _)| lower.contains(&k.to_lowercase()))
            .and_then(|(_, m)| AuthFailure::from_name(m))
            .unwrap_or(fallback);
        Some(Error::PortalAuth {
            failure,
            code: String::new(),
            description: words,
        })
    }

    fn vneid(
        &self,
        b: &mut Browser<'_>,
        page: Page,
        id: &str,
        password: &SecretString,
        otp: &mut dyn FnMut() -> Result<SecretString>,
    ) -> Result<()> {
        let Some(v) = &self.recipe.vneid else {
            return Err(method_not_offered(&self.recipe, "vneid"));
        };
        let mut f = page
            .form(&v.form)
            .ok_or_else(|| lacking(b, &page, "vneid.form"))?;
        for (k, name) in [
            ("vneid.username_field", &v.username_field),
            ("vneid.password_field", &v.password_field),
        ] {
            if !f.has(name) {
                return Err(b.changed(k, &page.url));
            }
        }
        same_origin(b, &page, &f, "vneid.form")?;
        f.set(&v.username_field, id);
        f.set(&v.password_field, password.expose_secret());
        log::info!(
            "sending the VNeID account to {}",
            f.action.origin().ascii_serialization()
        );
        let next = b.submit(&f)?;
        let next = match b.judge(next) {
            Verdict::Page(p) => p,
            other => return done(other, b, "vneid"),
        };
        let otp_form = v.otp_form.as_deref().and_then(|s| next.form(s));
        let Some(mut of) = otp_form else {
            return Err(self
                .vneid_error(&next, AuthFailure::WrongPassword)
                .unwrap_or_else(|| lacking(b, &next, "vneid.otp_form")));
        };
        if !of.has(&v.otp_field) {
            return Err(b.changed("vneid.otp_field", &next.url));
        }
        same_origin(b, &next, &of, "vneid.otp_form")?;
        log::info!("the SSO asks for a one-time code");
        let code = otp()?;
        of.set(&v.otp_field, code.expose_secret().trim());
        let last = b.submit(&of)?;
        match b.judge(last) {
            Verdict::Page(p) => Err(self
                .vneid_error(&p, AuthFailure::WrongCode)
                .unwrap_or_else(|| unexpected(b, &p, "vneid.otp_form"))),
            other => done(other, b, "vneid"),
        }
    }

    fn vneid_qr(
        &self,
        b: &mut Browser<'_>,
        page: Page,
        show: &mut dyn FnMut(&Qr) -> Result<()>,
        waiter: &mut dyn Waiter,
    ) -> Result<()> {
        let Some(q) = self.recipe.vneid.as_ref().and_then(|v| v.qr.as_ref()) else {
            return Err(method_not_offered(&self.recipe, "vneid.qr"));
        };
        let qr_page = match &q.link {
            Some(link)
                if q.image
                    .as_deref()
                    .is_none_or(|i| !form::exists(&page.doc, i)) =>
            {
                let href = form::attr(&page.doc, link, "href")
                    .ok_or_else(|| b.changed("vneid.qr.link", &page.url))?;
                let to = page
                    .url
                    .join(&href)
                    .map_err(|_| b.changed("vneid.qr.link", &page.url))?;
                let p = b.get(&to)?;
                match b.judge(p) {
                    Verdict::Page(p) => p,
                    other => return done(other, b, "vneid.qr"),
                }
            }
            _ => page,
        };
        let content = q.text.as_deref().and_then(|sel| {
            form::attr(&qr_page.doc, sel, "data-qr").or_else(|| form::text(&qr_page.doc, sel))
        });
        let png = match q
            .image
            .as_deref()
            .and_then(|sel| form::attr(&qr_page.doc, sel, "src"))
        {
            Some(src) => self.qr_image(b, &qr_page, &src),
            None => None,
        };
        if content.is_none() && png.is_none() {
            return Err(b.changed("vneid.qr.image", &qr_page.url));
        }
        show(&Qr { content, png })?;
        let v = b.wait(qr_page, &q.wait, waiter)?;
        match v {
            Verdict::Page(p) => Err(self
                .vneid_error(&p, AuthFailure::Rejected)
                .unwrap_or_else(|| unexpected(b, &p, "vneid.qr.wait"))),
            other => done(other, b, "vneid.qr"),
        }
    }

    fn qr_image(&self, b: &mut Browser<'_>, page: &Page, src: &str) -> Option<Vec<u8>> {
        if let Some(data) = src.strip_prefix("data:image/png;base64,") {
            return base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .ok();
        }
        let _ = (b, page);
        None
    }
}

/// A page that lacks what the recipe names: the page changed when it is a
/// 2xx page; an error page (a 503, a proxy's 502) is the portal's trouble,
/// said with its status.
fn lacking(b: &Browser<'_>, p: &Page, key: &str) -> Error {
    if (200..300).contains(&p.status) {
        b.changed(key, &p.url)
    } else {
        Error::unexpected(
            p.status,
            p.url.as_str(),
            crate::portal::Unexpected::NeitherRedirectNorError,
        )
    }
}

fn method_not_offered(r: &Recipe, m: &str) -> Error {
    Error::unexpected(
        0,
        &r.start_url,
        crate::portal::Unexpected::MethodNotOffered(m.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_and_phone_forms() {
        assert_eq!(serial_in(SerialFormat::HexUpper, "5A0001"), "5A0001");
        assert_eq!(serial_in(SerialFormat::HexLower, "5A0001"), "5a0001");
        assert_eq!(serial_in(SerialFormat::Decimal, "5A0001"), "5898241");
        assert_eq!(
            serial_in(SerialFormat::Decimal, "0102030405060708090A0B0C0D0E0F10"),
            "1339673755198158349044581307228491536"
        );
        assert_eq!(phone_in(PhoneFormat::National, "84912345678"), "0912345678");
        assert_eq!(phone_in(PhoneFormat::Plus, "84912345678"), "+84912345678");
        assert_eq!(
            phone_in(PhoneFormat::International, "84912345678"),
            "84912345678"
        );
    }

    #[test]
    fn a_password_form_posting_elsewhere_is_refused() {
        let recipe = Recipe::built_in("dvcqg").unwrap();
        let b = Browser::new(
            &recipe,
            "dvcqg",
            &HttpSettings::new(std::time::Duration::from_secs(1)),
        )
        .unwrap();
        let page = |action: &str| {
            let body = format!(
                "<form id=\"kc-form-login\" method=\"post\" action=\"{action}\"><input name=\"username\"><input name=\"password\" type=\"password\"></form>"
            );
            let url = url::Url::parse("https://sso.dancuquocgia.gov.vn/realms/x/login").unwrap();
            Page {
                trail: vec![url.clone()],
                url,
                status: 200,
                doc: scraper::Html::parse_document(&body),
                body,
            }
        };
        // To the portal (an origin the recipe allows, but not the page's).
        let p = page("https://dichvucong.gov.vn/steal");
        let f = p.form("#kc-form-login").unwrap();
        assert!(matches!(
            same_origin(&b, &p, &f, "vneid.form"),
            Err(Error::PageChanged { ref key, .. }) if key == "vneid.form"
        ));
        // To the page's own origin, relative or absolute: fine.
        for action in [
            "/realms/x/login-actions/authenticate",
            "https://sso.dancuquocgia.gov.vn/a",
        ] {
            let p = page(action);
            let f = p.form("#kc-form-login").unwrap();
            assert!(same_origin(&b, &p, &f, "vneid.form").is_ok(), "{action}");
        }
    }

    #[test]
    fn ecdsa_der_to_fixed_width() {
        let raw: Vec<u8> = (1..=64).collect();
        let der = crate::pkcs11::token::ecdsa_raw_to_der(&raw).unwrap();
        assert_eq!(ecdsa_der_to_raw(&der, 32).unwrap(), raw);
        let mut high = vec![0u8; 64];
        high[0] = 0x80;
        high[33] = 0x01;
        let der = crate::pkcs11::token::ecdsa_raw_to_der(&high).unwrap();
        assert_eq!(ecdsa_der_to_raw(&der, 32).unwrap(), high);
    }
}
