//! What `dvc login --usb` and `dvc token sign` share at the terminal:
//! choosing the certificate (a menu when a person is there) and getting the
//! PIN (file, standard input, the PIN pad, or a prompt), after the token's
//! PIN flags were read. The decisions are [`crate::pkcs11::select`] and
//! [`crate::pkcs11::pin`]; this module only asks and says.

use secrecy::SecretString;

use super::Context;
use crate::clock::rfc3339;
use crate::error::{Error, Result};
use crate::pkcs11::pin::{first_line, pin_plan, PinSource, TokenState};
use crate::pkcs11::select::{ambiguous, select, Selection};
use crate::pkcs11::token::{PinWarning, Unusable};
use crate::pkcs11::{Module, TokenCert, TokenView};
use crate::tr;

/// `--algorithm` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AlgorithmArg {
    /// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32.
    #[value(name = "RSASSA-PSS-SHA256")]
    RsaPssSha256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    #[value(name = "RSASSA-PKCS1-v1_5-SHA256")]
    RsaPkcs1Sha256,
    /// ECDSA with SHA-256.
    #[value(name = "ECDSA-SHA256")]
    EcdsaSha256,
}

impl From<AlgorithmArg> for crate::pkcs11::Algorithm {
    fn from(a: AlgorithmArg) -> Self {
        match a {
            AlgorithmArg::RsaPssSha256 => crate::pkcs11::Algorithm::RsaPssSha256,
            AlgorithmArg::RsaPkcs1Sha256 => crate::pkcs11::Algorithm::RsaPkcs1Sha256,
            AlgorithmArg::EcdsaSha256 => crate::pkcs11::Algorithm::EcdsaSha256,
        }
    }
}

/// `--mechanism` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MechanismArg {
    /// The best the token offers.
    #[default]
    Auto,
    /// Hash in software, sign with the raw mechanism.
    Raw,
}

impl From<MechanismArg> for crate::pkcs11::MechanismChoice {
    fn from(m: MechanismArg) -> Self {
        match m {
            MechanismArg::Auto => crate::pkcs11::MechanismChoice::Auto,
            MechanismArg::Raw => crate::pkcs11::MechanismChoice::Raw,
        }
    }
}

/// The module a certificate was seen through.
/// A certificate chosen on a token, its token's PIN read: what a USB
/// login or `dvc token sign` needs before signing.
pub struct Prepared {
    /// The modules loaded.
    pub modules: Vec<Module>,
    /// Their tokens (for the chain: CA certificates stored beside).
    pub tokens: Vec<TokenView>,
    /// The certificate.
    pub cert: TokenCert,
    /// The PIN (none with a PIN pad).
    pub pin: Option<SecretString>,
}

impl Prepared {
    /// The module of the chosen certificate.
    pub fn module(&self) -> &Module {
        module_of(&self.modules, &self.cert)
    }
}

/// Loads the modules (`module` named, else every one present), lists the
/// tokens, chooses the certificate (`selector`, else a menu) and reads its
/// token's PIN, refusing at the final try unless `force`.
pub fn prepare(
    ctx: &mut Context<'_>,
    module: Option<&std::path::Path>,
    selector: Option<&str>,
    pin_stdin: bool,
    force: bool,
) -> Result<Prepared> {
    crate::pkcs11::select::check_selector(selector)?;
    let modules = ctx.load_modules(module)?;
    let tokens = ctx.list_tokens(&modules)?;
    let cert = choose_cert(ctx, &tokens, selector)?;
    let pin = read_pin(
        ctx,
        module_of(&modules, &cert),
        &cert,
        selector,
        pin_stdin,
        force,
    )?;
    Ok(Prepared {
        modules,
        tokens,
        cert,
        pin,
    })
}

pub fn module_of<'a>(modules: &'a [Module], cert: &TokenCert) -> &'a Module {
    modules
        .iter()
        .find(|m| m.path() == cert.module)
        .unwrap_or(&modules[0]) // ok: the certificate came from one of them
}

/// The parts of a certificate's line: who, what identifies it (tax code,
/// ID), where it is and until when (with the reason it cannot log in), and
/// its CA.
fn parts(ctx: &Context<'_>, c: &TokenCert) -> (String, String, String) {
    let now = ctx.clock.now();
    let i = &c.info;
    let who = i.common_name.clone().unwrap_or_else(|| i.subject.clone());
    let id = i
        .tax_code
        .as_ref()
        .map(|x| format!("MST {x}"))
        .or_else(|| i.id_number.clone())
        .unwrap_or_default();
    let state = match crate::pkcs11::token::usability(c, now) {
        Some(Unusable::Expired) => format!(" [{}]", tr!(ctx.lang, "token.expired")),
        Some(Unusable::NotYetValid) => format!(" [{}]", tr!(ctx.lang, "token.not_yet_valid")),
        Some(Unusable::NoKey) => format!(" [{}]", tr!(ctx.lang, "token.no_key_short")),
        None => String::new(),
    };
    let until = tr!(ctx.lang, "token.until", date = &rfc3339(i.not_after)[..10]);
    let mut middle = Vec::new();
    if !id.is_empty() {
        middle.push(id);
    }
    middle.push(tr!(ctx.lang, "token.on", token = c.token_label));
    middle.push(format!("{until}{state}"));
    let issuer = crate::cert::decode::name_text_short(&i.issuer);
    (who, middle.join(" · "), issuer)
}

/// One line for a certificate: who, tax code / ID, token, expiry, CA.
pub fn describe(ctx: &Context<'_>, c: &TokenCert) -> String {
    let (who, middle, issuer) = parts(ctx, c);
    format!("{who} · {middle} · {issuer}")
}

/// The same line within `width` columns: the name is shortened first and
/// the CA dropped, so the token, the expiry and a mark stay visible.
pub fn describe_fit(ctx: &Context<'_>, c: &TokenCert, width: usize) -> String {
    use crate::ui::term::{truncate, width_of};
    let (who, middle, issuer) = parts(ctx, c);
    let full = format!("{who} · {middle} · {issuer}");
    if width_of(&full) <= width {
        return full;
    }
    let without_ca = format!("{who} · {middle}");
    if width_of(&without_ca) <= width {
        return truncate(&full, width);
    }
    let room = width.saturating_sub(width_of(&middle) + 3).max(8);
    truncate(&format!("{} · {middle}", truncate(&who, room)), width)
}

/// Chooses the certificate: the only usable match, or a menu of the usable
/// ones, or, without a terminal, exit 2 listing them. Unusable ones are
/// never offered; when none is usable, the error lists them with the reason,
/// before any PIN is asked.
pub fn choose_cert(
    ctx: &mut Context<'_>,
    tokens: &[TokenView],
    selector: Option<&str>,
) -> Result<TokenCert> {
    let now = ctx.clock.now();
    let sel = {
        let c: &Context<'_> = ctx;
        select(tokens, selector, now, &|t| describe(c, t))?
    };
    let chosen = match sel {
        Selection::One(c) => *c,
        Selection::Several(cands) => {
            if !ctx.interactive {
                let c: &Context<'_> = ctx;
                return Err(ambiguous(&cands, &|t| describe(c, t)));
            }
            let width = crate::ui::term::width().saturating_sub(4).max(20);
            let items: Vec<String> = cands
                .iter()
                .map(|c| describe_fit(ctx, &c.cert, width))
                .collect();
            let prompt = tr!(ctx.lang, "token.choose");
            let i = ctx.prompter.select(&prompt, &items, 0)?;
            cands[i].cert.clone()
        }
    };
    crate::pkcs11::token::check_validity(&chosen, now)?;
    Ok(chosen)
}

/// Reads the token's state, decides where the PIN comes from, and gets it.
/// `None` means the PIN is entered on the token's own PIN pad.
pub fn read_pin(
    ctx: &mut Context<'_>,
    module: &Module,
    cert: &TokenCert,
    selector: Option<&str>,
    pin_stdin: bool,
    force: bool,
) -> Result<Option<SecretString>> {
    let (label, flags, pin_pad) = crate::pkcs11::token::token_state(module, cert.slot)?;
    let state = TokenState {
        label,
        flags,
        pin_pad,
    };
    let (source, warning) = pin_plan(&state, selector, pin_stdin, ctx.interactive, force)?;
    match warning {
        Some(PinWarning::CountLow) => {
            let m = tr!(ctx.lang, "pin.warn_count_low", token = state.label);
            ctx.warn(&m);
        }
        Some(PinWarning::FinalTry) => {
            let m = tr!(ctx.lang, "pin.warn_final_try", token = state.label);
            ctx.warn(&m);
        }
        None => {}
    }
    let pin = match source {
        PinSource::PinPad => {
            let m = tr!(ctx.lang, "pin.pinpad", token = state.label);
            ctx.info(&m);
            return Ok(None);
        }
        PinSource::File(path) => {
            let text = zeroize::Zeroizing::new(
                std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?,
            );
            SecretString::from(first_line(&text)?.to_string())
        }
        PinSource::Stdin => {
            let text = ctx.read_stdin()?;
            SecretString::from(first_line(&text)?.to_string())
        }
        PinSource::Prompt => {
            let prompt = tr!(ctx.lang, "pin.prompt", token = state.label);
            let pin = ctx.prompter.secret(&prompt)?;
            if secrecy::ExposeSecret::expose_secret(&pin).is_empty() {
                return Err(Error::Usage {
                    message: tr!(ctx.lang, "pin.empty"),
                    hint: None,
                });
            }
            pin
        }
    };
    Ok(Some(pin))
}
