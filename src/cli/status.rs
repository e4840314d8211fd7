//! `dvc status [--all] [--json]`: the profile's session, read from the
//! store's non-secret summary (never the keyring, never the network).
//! Exit 0 when the profile (every profile, with `--all`) has a live session,
//! else 4. A damaged session file is reported for its profile (the others
//! are still listed).

use serde::Serialize;
use time::OffsetDateTime;

use super::words::{method_label, relative};
use super::Context;
use crate::clock::{days_until, rfc3339};
use crate::config::ProfileName;
use crate::error::{exit, Error, Result};
use crate::session::{AccountType, Flow, Stored};
use crate::tr;

/// A certificate that expires within this many days gets a warning.
pub const CERT_WARN_DAYS: i64 = 30;

/// Arguments of `dvc status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every profile: those in the config and those with a stored session.
    #[arg(long)]
    pub all: bool,
    /// JSON on stdout (fields in the CLI contract).
    #[arg(long)]
    pub json: bool,
}

/// The state of one profile.
struct Row {
    profile: ProfileName,
    issuer: Option<String>,
    stored: std::result::Result<Option<Stored>, Error>,
    live: bool,
    /// The config has a profile of that name.
    known: bool,
}

/// `dvc status --json`.
#[derive(Debug, Serialize)]
pub struct StatusJson {
    /// One entry per profile.
    pub profiles: Vec<ProfileJson>,
}

/// One profile in `dvc status --json` (cli.md; fields may be added, never renamed).
#[derive(Debug, Serialize)]
pub struct ProfileJson {
    /// The profile's name.
    pub profile: String,
    /// Whether the session is live (a valid token, or refreshable).
    pub logged_in: bool,
    /// The session's portal (else the profile's).
    pub issuer: Option<String>,
    /// The OAuth client id of the session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// `usb`, `sim`, `smartca`, `vneid`.
    pub method: Option<&'static str>,
    /// `oidc` or `web`.
    pub flow: Option<&'static str>,
    /// `keyring` or `file`.
    pub storage: Option<&'static str>,
    /// The session file cannot be read.
    pub damaged: bool,
    /// Why it cannot be read (a damaged file), in the user's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The same reason as a stable code, whatever the language:
    /// `unreadable`, `not_json`, `unknown_format`, `no_keyring_entry`,
    /// `other`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<&'static str>,
    /// Who is logged in.
    pub account: Option<AccountJson>,
    /// When the access token expires.
    pub access_token_expires_at: Option<String>,
    /// Whether the access token is still valid now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token_valid: Option<bool>,
    /// Whether a refresh can still be tried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refreshable: Option<bool>,
    /// When the login happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logged_in_at: Option<String>,
    /// The login certificate.
    pub certificate: Option<CertJson>,
    /// A web session: its recipe and cookies (names and expiry, never values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<WebJson>,
}

/// A web session in `dvc status --json`.
#[derive(Debug, Serialize)]
pub struct WebJson {
    /// The recipe (built-in name or file).
    pub recipe: String,
    /// The portal whose session this is.
    pub rp_origin: String,
    /// When the first session cookie expires (null: at the end of the
    /// browser session, as far as the cookies say).
    pub cookies_expire_at: Option<String>,
    /// The cookies' names.
    pub cookies: Vec<String>,
}

/// Who is logged in.
#[derive(Debug, Serialize)]
pub struct AccountJson {
    /// `citizen`, `business` or `organisation`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The business's or the person's name.
    pub name: Option<String>,
    /// The tax code (MST).
    pub tax_code: Option<String>,
    /// The personal ID number (CCCD).
    pub id_number: Option<String>,
}

/// The login certificate.
#[derive(Debug, Serialize)]
pub struct CertJson {
    /// Serial number, uppercase hex.
    pub serial: String,
    /// Valid until (RFC 3339 UTC).
    pub not_after: String,
    /// Whole days left (negative once expired).
    pub days_left: i64,
}

/// Runs `dvc status`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let names: Vec<ProfileName> = if args.all {
        let config = ctx.config()?;
        let mut names: Vec<ProfileName> = config
            .profiles
            .keys()
            .filter_map(|k| ProfileName::parse(k).ok())
            .collect();
        names.extend(ctx.store.profiles()?);
        names.sort();
        names.dedup();
        names
    } else {
        vec![ctx.profile_name()?]
    };
    let config = if args.all || ctx.paths.config_file.exists() {
        ctx.config().ok()
    } else {
        None
    };
    let now = ctx.clock.now();
    let mut rows = Vec::new();
    for name in names {
        let stored = ctx.store.load_summary(&name);
        let live = matches!(&stored, Ok(Some(s)) if s.session.is_live(now));
        let issuer = match &stored {
            Ok(Some(s)) => Some(s.session.issuer.clone()),
            _ => config
                .as_ref()
                .and_then(|c| c.profiles.get(name.as_str()))
                .and_then(crate::auth::portal_of),
        };
        let known = config
            .as_ref()
            .is_some_and(|c| c.profiles.contains_key(name.as_str()));
        rows.push(Row {
            profile: name,
            issuer,
            stored,
            live,
            known,
        });
    }
    let all_live = !rows.is_empty() && rows.iter().all(|r| r.live);
    if args.json {
        let v = StatusJson {
            profiles: rows.iter().map(|r| row_json(r, now, ctx)).collect(),
        };
        let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
        text.push('\n');
        ctx.print(&text)?;
    } else if rows.is_empty() {
        let line = tr!(ctx.lang, "status.no_profiles");
        ctx.print(&format!("{line}\n"))?;
    } else {
        let mut text = String::new();
        for (i, r) in rows.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&row_text(r, now, ctx));
        }
        ctx.print(&text)?;
    }
    Ok(if all_live {
        exit::OK
    } else {
        exit::LOGIN_NEEDED
    })
}

fn kind_str(k: AccountType) -> &'static str {
    match k {
        AccountType::Citizen => "citizen",
        AccountType::Business => "business",
        AccountType::Organisation => "organisation",
        AccountType::Unknown => "unknown",
    }
}

fn cert_summary(der: &[u8], now: OffsetDateTime) -> Option<CertJson> {
    let info = crate::cert::decode_der(der).ok()?;
    Some(CertJson {
        serial: info.serial,
        not_after: rfc3339(info.not_after),
        days_left: days_until(now, info.not_after),
    })
}

fn row_json(r: &Row, now: OffsetDateTime, ctx: &Context<'_>) -> ProfileJson {
    let mut j = ProfileJson {
        profile: r.profile.to_string(),
        logged_in: r.live,
        issuer: r.issuer.clone(),
        client_id: None,
        method: None,
        flow: None,
        storage: None,
        damaged: false,
        error: None,
        error_code: None,
        account: None,
        access_token_expires_at: None,
        access_token_valid: None,
        refreshable: None,
        logged_in_at: None,
        certificate: None,
        web: None,
    };
    let stored = match &r.stored {
        Ok(Some(s)) => s,
        Ok(None) => return j,
        Err(e) => {
            j.damaged = true;
            j.error = Some(e.message(ctx.lang));
            j.error_code = Some(match e {
                Error::SessionCorrupt { kind, .. } => kind.code(),
                _ => "other",
            });
            return j;
        }
    };
    let s = &stored.session;
    j.client_id = Some(s.client_id.clone()).filter(|c| !c.is_empty());
    j.method = Some(s.method.as_str());
    j.flow = Some(s.flow.as_str());
    j.storage = Some(stored.storage.as_str());
    j.account = Some(AccountJson {
        kind: kind_str(s.account.kind),
        name: s.account.name.clone(),
        tax_code: s.account.tax_code.clone(),
        id_number: s.account.id_number.clone(),
    });
    if let Some(w) = s.web.as_ref().filter(|_| s.flow == Flow::Web) {
        j.web = Some(WebJson {
            recipe: w.recipe.clone(),
            rp_origin: w.rp_origin.clone(),
            cookies_expire_at: w.expires_at().map(rfc3339),
            cookies: w.cookies.iter().map(|c| c.name.clone()).collect(),
        });
        j.access_token_expires_at = Some(rfc3339(s.access_token_expires_at));
    } else {
        j.access_token_expires_at = Some(rfc3339(s.access_token_expires_at));
        j.access_token_valid = Some(s.access_token_valid(now, time::Duration::ZERO));
        j.refreshable = Some(s.refreshable(now));
    }
    j.logged_in_at = Some(rfc3339(s.logged_in_at));
    j.certificate = s.certificate.as_deref().and_then(|d| cert_summary(d, now));
    j
}

fn row_text(r: &Row, now: OffsetDateTime, ctx: &Context<'_>) -> String {
    let lang = ctx.lang;
    let p = &ctx.paint;
    let mut out = String::new();
    let header = |state: String| {
        format!(
            "{}\n",
            tr!(
                lang,
                "status.header",
                profile = p.bold(r.profile.as_str()),
                state = state
            )
        )
    };
    let stored = match &r.stored {
        Err(e) => {
            out.push_str(&header(p.bad(&tr!(lang, "status.damaged"))));
            out.push_str(&format!("  {}\n", e.message(lang)));
            if let Some(h) = e.hint(lang) {
                out.push_str(&format!("  {h}\n"));
            }
            return out;
        }
        Ok(None) => {
            out.push_str(&header(p.bad(&tr!(lang, "status.not_logged_in"))));
            if let Some(issuer) = &r.issuer {
                out.push_str(&format!("  {:<14} {issuer}\n", tr!(lang, "status.issuer")));
            }
            // No such profile: logging in would fail; making it is the way.
            let hint = if r.known {
                tr!(lang, "hint.login", profile = r.profile)
            } else {
                tr!(lang, "hint.no_such_profile", profile = r.profile)
            };
            out.push_str(&format!("  {hint}\n"));
            return out;
        }
        Ok(Some(s)) => s,
    };
    let s = &stored.session;
    let state = if r.live {
        p.ok(&tr!(lang, "status.logged_in"))
    } else if s.refresh_refused_at.is_some() {
        p.bad(&tr!(lang, "status.ended"))
    } else {
        p.bad(&tr!(lang, "status.expired"))
    };
    out.push_str(&header(state));
    let line = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("  {:<14} {value}\n", tr!(lang, key)));
    };
    let a = &s.account;
    let mut who = a
        .name
        .clone()
        .or_else(|| a.phone.clone())
        .unwrap_or_else(|| "—".into());
    let kind_key = format!("account.{}", kind_str(a.kind));
    who.push_str(&format!(" ({})", tr!(lang, &kind_key)));
    if let Some(t) = &a.tax_code {
        who.push_str(&format!(", MST {t}"));
    }
    if let Some(id) = &a.id_number {
        who.push_str(&format!(", {} {id}", tr!(lang, "account.id")));
    }
    line(&mut out, "status.account", &who);
    line(&mut out, "status.method", &method_label(lang, s.method));
    line(&mut out, "status.issuer", &s.issuer);
    let storage_key = format!("storage.{}", stored.storage.as_str());
    line(&mut out, "status.storage", &tr!(lang, &storage_key));
    if let Some(w) = s.web.as_ref().filter(|_| s.flow == Flow::Web) {
        line(&mut out, "status.recipe", &w.recipe);
        let v = match w.expires_at() {
            Some(t) => format!("{} ({})", rfc3339(t), relative(lang, now, t)),
            None => tr!(
                lang,
                "status.cookies_session_end",
                until = format!(
                    "{} ({})",
                    rfc3339(s.access_token_expires_at),
                    relative(lang, now, s.access_token_expires_at)
                )
            ),
        };
        line(&mut out, "status.cookies_expire", &v);
        if !r.live {
            out.push_str(&format!(
                "  {}\n",
                tr!(lang, "hint.login", profile = r.profile)
            ));
        }
    } else {
        let expiry = format!(
            "{} ({})",
            rfc3339(s.access_token_expires_at),
            relative(lang, now, s.access_token_expires_at)
        );
        line(&mut out, "status.expires", &expiry);
    }
    if s.flow == Flow::Oidc && !s.access_token_valid(now, time::Duration::ZERO) {
        let note = if r.live {
            tr!(lang, "status.will_refresh")
        } else if s.refresh_refused_at.is_some() {
            tr!(lang, "status.refresh_refused", profile = r.profile)
        } else {
            tr!(lang, "hint.login", profile = r.profile)
        };
        out.push_str(&format!("  {note}\n"));
    }
    if let Some(der) = &s.certificate {
        match cert_summary(der, now) {
            Some(c) => {
                let mut v = tr!(
                    lang,
                    "status.cert_value",
                    serial = c.serial,
                    date = c.not_after,
                    left = super::words::days_left(c.days_left, c.days_left < 0, lang)
                );
                if c.days_left < 0 {
                    v = p.bad(&format!("{v} — {}", tr!(lang, "status.cert_expired")));
                } else if c.days_left < CERT_WARN_DAYS {
                    v = p.warn(&format!("{v} — {}", tr!(lang, "status.cert_expiring")));
                }
                line(&mut out, "status.certificate", &v);
            }
            None => line(
                &mut out,
                "status.certificate",
                &tr!(lang, "status.cert_unreadable"),
            ),
        }
    }
    out
}
