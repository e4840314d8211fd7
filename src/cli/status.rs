//! `dvc status [--all] [--json]`: the profile's session, read from the
//! store's non-secret summary (never the keyring, never the network).
//! Exit 0 when the profile (every profile, with `--all`) has a live session,
//! else 4.

use serde_json::{json, Value};
use time::OffsetDateTime;

use super::Context;
use crate::clock::{days_until, rfc3339};
use crate::error::{exit, Result};
use crate::i18n::Lang;
use crate::session::{AccountType, Method, Stored};
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
    profile: String,
    issuer: Option<String>,
    stored: Option<Stored>,
    live: bool,
}

/// Runs `dvc status`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let names = if args.all {
        let config = ctx.config()?;
        let mut names: Vec<String> = config.profiles.keys().cloned().collect();
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
        let stored = ctx.store.load_summary(&name)?;
        let live = stored.as_ref().is_some_and(|s| s.session.is_live(now));
        let issuer = stored
            .as_ref()
            .map(|s| s.session.issuer.clone())
            .or_else(|| {
                config
                    .as_ref()
                    .and_then(|c| c.profiles.get(&name))
                    .and_then(|p| p.issuer())
            });
        rows.push(Row {
            profile: name,
            issuer,
            stored,
            live,
        });
    }
    let all_live = !rows.is_empty() && rows.iter().all(|r| r.live);
    if args.json {
        let profiles: Vec<Value> = rows.iter().map(|r| row_json(r, now)).collect();
        let mut text =
            serde_json::to_string_pretty(&json!({ "profiles": profiles })).unwrap_or_default();
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
    }
}

fn cert_summary(der: &[u8], now: OffsetDateTime) -> Option<(String, OffsetDateTime, i64)> {
    let info = crate::cert::decode_der(der).ok()?;
    Some((info.serial, info.not_after, days_until(now, info.not_after)))
}

fn row_json(r: &Row, now: OffsetDateTime) -> Value {
    let Some(stored) = &r.stored else {
        return json!({
            "profile": r.profile, "logged_in": false, "issuer": r.issuer,
            "method": null, "storage": null, "account": null,
            "access_token_expires_at": null, "certificate": null,
        });
    };
    let s = &stored.session;
    let certificate = s
        .certificate
        .as_deref()
        .and_then(|der| cert_summary(der, now))
        .map(|(serial, not_after, days)| {
            json!({"serial": serial, "not_after": rfc3339(not_after), "days_left": days})
        });
    json!({
        "profile": r.profile,
        "logged_in": r.live,
        "issuer": s.issuer,
        "client_id": s.client_id,
        "method": s.method.as_str(),
        "storage": stored.storage.as_str(),
        "account": {
            "type": kind_str(s.account.kind),
            "name": s.account.name,
            "tax_code": s.account.tax_code,
            "id_number": s.account.id_number,
        },
        "access_token_expires_at": rfc3339(s.access_token_expires_at),
        "access_token_valid": s.access_token_valid(now, time::Duration::ZERO),
        "refreshable": s.refresh_token.is_some(),
        "logged_in_at": rfc3339(s.logged_in_at),
        "certificate": certificate,
    })
}

/// "USB token", "SIM", "VNPT SmartCA" in the user's language.
pub fn method_label(lang: Lang, m: Method) -> String {
    match m {
        Method::Usb => tr!(lang, "method.usb"),
        Method::Sim => tr!(lang, "method.sim"),
        Method::Smartca => tr!(lang, "method.smartca"),
    }
}

/// "in 3 h 20 min" / "2 days ago" in the user's language.
pub fn relative(lang: Lang, now: OffsetDateTime, t: OffsetDateTime) -> String {
    let secs = (t - now).whole_seconds();
    let abs = secs.unsigned_abs();
    let span = if abs >= 2 * 86_400 {
        tr!(lang, "time.days", n = abs / 86_400)
    } else if abs >= 3_600 {
        tr!(
            lang,
            "time.hours_minutes",
            h = abs / 3_600,
            m = (abs % 3_600) / 60
        )
    } else if abs >= 60 {
        tr!(lang, "time.minutes", n = abs / 60)
    } else {
        tr!(lang, "time.seconds", n = abs)
    };
    if secs >= 0 {
        tr!(lang, "time.in", span = span)
    } else {
        tr!(lang, "time.ago", span = span)
    }
}

fn row_text(r: &Row, now: OffsetDateTime, ctx: &Context<'_>) -> String {
    let lang = ctx.lang;
    let p = &ctx.paint;
    let mut out = String::new();
    let Some(stored) = &r.stored else {
        let state = p.bad(&tr!(lang, "status.not_logged_in"));
        out.push_str(&tr!(
            lang,
            "status.header",
            profile = p.bold(&r.profile),
            state = state
        ));
        out.push('\n');
        if let Some(issuer) = &r.issuer {
            out.push_str(&format!("  {:<14} {issuer}\n", tr!(lang, "status.issuer")));
        }
        out.push_str(&format!(
            "  {}\n",
            tr!(lang, "hint.login", profile = r.profile)
        ));
        return out;
    };
    let s = &stored.session;
    let state = if r.live {
        p.ok(&tr!(lang, "status.logged_in"))
    } else {
        p.bad(&tr!(lang, "status.expired"))
    };
    out.push_str(&tr!(
        lang,
        "status.header",
        profile = p.bold(&r.profile),
        state = state
    ));
    out.push('\n');
    let line = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("  {:<14} {value}\n", tr!(lang, key)));
    };
    let a = &s.account;
    let mut who = a.name.clone().unwrap_or_else(|| "—".into());
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
    let expiry = format!(
        "{} ({})",
        rfc3339(s.access_token_expires_at),
        relative(lang, now, s.access_token_expires_at)
    );
    line(&mut out, "status.expires", &expiry);
    if !s.access_token_valid(now, time::Duration::ZERO) {
        let note = if r.live {
            tr!(lang, "status.will_refresh")
        } else {
            tr!(lang, "hint.login", profile = r.profile)
        };
        out.push_str(&format!("  {note}\n"));
    }
    if let Some(der) = &s.certificate {
        match cert_summary(der, now) {
            Some((serial, not_after, days)) => {
                let mut v = tr!(
                    lang,
                    "status.cert_value",
                    serial = serial,
                    date = rfc3339(not_after),
                    days = days
                );
                if days < 0 {
                    v = p.bad(&format!("{v} — {}", tr!(lang, "status.cert_expired")));
                } else if days < CERT_WARN_DAYS {
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
