//! Words the commands share: method names, relative times, where a
//! session went, what a portal was told.

use time::OffsetDateTime;

use super::Context;
use crate::auth::Revocation;
use crate::config::ProfileName;
use crate::i18n::Lang;
use crate::session::Method;
use crate::tr;

/// "USB token", "SIM", "VNPT SmartCA" in the user's language.
pub fn method_label(lang: Lang, m: Method) -> String {
    match m {
        Method::Usb => tr!(lang, "method.usb"),
        Method::Sim => tr!(lang, "method.sim"),
        Method::Smartca => tr!(lang, "method.smartca"),
        Method::Vneid => tr!(lang, "method.vneid"),
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

/// Announces where the session went (warning once about the file fallback).
pub fn announce_storage(
    ctx: &mut Context<'_>,
    out: &crate::session::SaveOutcome,
    profile: &ProfileName,
) {
    if let (Some(why), true) = (&out.keyring_unavailable, out.first_fallback) {
        let path = ctx.store.path(profile);
        let m = tr!(
            ctx.lang,
            "storage.fallback",
            why = why.message(ctx.lang),
            path = path.display()
        );
        ctx.warn(&m);
    }
}

/// Says what happened to a replaced or logged-out session at its portal.
pub fn say_revocation(ctx: &mut Context<'_>, profile: &ProfileName, r: &Revocation, key: &str) {
    let what = match r {
        Revocation::Revoked => tr!(ctx.lang, "revocation.revoked"),
        Revocation::LoggedOut => tr!(ctx.lang, "revocation.logged_out"),
        Revocation::NothingToRevoke => tr!(ctx.lang, "revocation.nothing"),
        Revocation::NotOffered => tr!(ctx.lang, "revocation.not_offered"),
        Revocation::Failed(e) => tr!(ctx.lang, "revocation.failed", detail = e.message(ctx.lang)),
    };
    let m = tr!(ctx.lang, key, profile = profile, what = what);
    if matches!(r, Revocation::Failed(_)) {
        ctx.warn(&m);
    } else {
        ctx.info(&m);
    }
}

/// Who a session belongs to, in a few words: the name and the tax code (or
/// the ID number, or the phone), `—` when the login told nothing.
pub fn who(lang: Lang, a: &crate::session::Account) -> String {
    let id_word = tr!(lang, "account.id");
    let ident = a
        .tax_code
        .as_ref()
        .map(|t| format!("MST {t}"))
        .or_else(|| a.id_number.as_ref().map(|i| format!("{id_word} {i}")))
        .or_else(|| a.phone.clone());
    match (&a.name, ident) {
        (Some(n), Some(i)) => format!("{n} ({i})"),
        (Some(n), None) => n.clone(),
        (None, Some(i)) => i,
        (None, None) => "—".into(),
    }
}
