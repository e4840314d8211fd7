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

/// The catalog key for a count `n`: `KEY_zero` for 0 and `KEY_one` for 1
/// where the catalogs have them (English says "1 day", "less than a day";
/// Vietnamese has no plural and says the same), else `KEY`.
pub fn count_key(key: &str, n: i64) -> String {
    match n {
        0 if ZERO.contains(&key) => format!("{key}_zero"),
        1 => format!("{key}_one"),
        _ => key.to_string(),
    }
}

/// The keys with a `_zero` form (counts of whole days, where 0 means
/// "less than a day").
const ZERO: &[&str] = &[
    "cert.days_left",
    "cert.expired_days",
    "cert.problem.expires_soon",
];

/// "12 days left", "1 day left", "less than a day left", "expired 10 days
/// ago": `days` counted by [`crate::clock::days_until`] (whole days left,
/// negative once expired), `expired` whether the check time is past the end
/// of validity.
pub fn days_left(days: i64, expired: bool, lang: Lang) -> String {
    let (key, n) = if expired {
        ("cert.expired_days", crate::clock::days_elapsed(days))
    } else {
        ("cert.days_left", days)
    };
    tr!(lang, &count_key(key, n), days = n)
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
        // Nobody was named (a QR scanned in the VNeID app, on a portal
        // that does not tell the account): said, not a dash.
        (None, None) if a.kind == crate::session::AccountType::Unknown => {
            tr!(lang, "account.unnamed")
        }
        (None, None) => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key counted with [`count_key`], in every form, in both languages.
    #[test]
    fn counted_keys_exist_in_both_languages() {
        let counted = [
            "cert.days_left",
            "cert.expired_days",
            "cert.problem.expires_soon",
            "cert.summary",
            "cert.output_written",
            "cert.report.timeline_desc",
        ];
        for key in counted {
            for n in [0, 1, 2, 11] {
                let k = count_key(key, n);
                for lang in [Lang::En, Lang::Vi] {
                    let text = tr!(lang, &k);
                    // rust-i18n answers an unknown key with the key itself.
                    assert!(!text.ends_with(&k), "{k} missing in {lang}");
                }
            }
        }
    }

    #[test]
    fn days_read_as_whole_days_singular_and_plural() {
        let en = |d, e| days_left(d, e, Lang::En);
        assert_eq!(en(12, false), "12 days left");
        assert_eq!(en(1, false), "1 day left");
        assert_eq!(en(0, false), "less than a day left");
        assert_eq!(en(-1, true), "expired less than a day ago");
        assert_eq!(en(-2, true), "expired 1 day ago");
        assert_eq!(en(-11, true), "expired 10 days ago");
        let vi = |d, e| days_left(d, e, Lang::Vi);
        assert_eq!(vi(1, false), "còn 1 ngày");
        assert_eq!(vi(-11, true), "đã hết hạn 10 ngày trước");
    }
}
