//! `dvc cert show SOURCE` and `dvc cert check [SOURCE...]`.
//!
//! `cert check` speaks the monitoring-plugin language: exit 0 OK,
//! 1 WARNING, 2 CRITICAL, 3 UNKNOWN for the worst certificate, and 3 for its
//! own usage errors and unreadable sources; `--format` text (people), json,
//! nagios (one line with performance data) or prometheus (text exposition).

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};
use time::OffsetDateTime;

use super::Context;
use crate::cert::chain::{ChainStatus, TrustStore};
use crate::cert::check::{
    self, CertReport, OnRevocationError, Policy, Problem, Report, RevocationMode, Status, Threshold,
};
use crate::cert::fetch::Fetcher;
use crate::cert::source::{self, Subject};
use crate::cert::CertInfo;
use crate::clock::{days_until, rfc3339};
use crate::error::{exit, Error, Result};
use crate::i18n::Lang;
use crate::tr;

/// `dvc cert` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs.
    Show(ShowArgs),
    /// Status of certificates (expiry, chain, revocation), for people and monitoring.
    Check(CheckArgs),
}

/// Arguments of `dvc cert show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A certificate file (PEM, DER, PKCS#7 .p7b/.p7c), a PKCS#11 URI (pkcs11:…), or - for stdin.
    pub source: String,
    /// PKCS#11 library, for pkcs11: sources.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Output formats of `dvc cert check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// The JSON of the CLI contract.
    Json,
    /// One Nagios / Icinga plugin line with performance data.
    Nagios,
    /// Prometheus text exposition.
    Prometheus,
}

/// Arguments of `dvc cert check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Certificate files (PEM, DER, PKCS#7), directories (every certificate file inside), PKCS#11 URIs, or - for stdin.
    pub sources: Vec<String>,
    /// Also every certificate on every plugged-in USB token.
    #[arg(long)]
    pub usb: bool,
    /// PKCS#11 library, for --usb and pkcs11: sources.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// Also the login certificate of the profile's session.
    #[arg(long)]
    pub session: bool,
    /// Also the login certificate of every profile's session.
    #[arg(long)]
    pub all_profiles: bool,
    /// WARNING when a certificate expires within this: Nd, Nh or N% of its lifetime.
    #[arg(long, default_value = "30d", value_name = "DURATION")]
    pub warn: String,
    /// CRITICAL when a certificate expires within this: Nd, Nh or N% of its lifetime.
    #[arg(long, default_value = "7d", value_name = "DURATION")]
    pub crit: String,
    /// How to check revocation [default: OCSP, then the CRL when OCSP gives no answer].
    #[arg(long, value_enum, value_name = "ocsp|crl|both|none")]
    pub revocation: Option<RevocationMode>,
    /// The status of a certificate whose revocation could not be checked.
    #[arg(long, value_enum, default_value = "unknown")]
    pub on_revocation_error: OnRevocationError,
    /// Trust anchors (PEM, DER or PKCS#7); when given, only these are trusted.
    #[arg(long, value_name = "FILE")]
    pub trust: Vec<PathBuf>,
    /// With --trust: also trust the bundled Vietnamese roots.
    #[arg(long)]
    pub trust_system_roots: bool,
    /// More intermediate CA certificates to build chains with.
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Check as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Seconds to wait for each network request (OCSP, CRL, CA certificates).
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Certificates checked at once (and so concurrent network requests).
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub jobs: usize,
    /// Seconds a downloaded CRL is reused before asking the server again (never past its nextUpdate).
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    pub cache_max_age: u64,
    /// Do not keep downloaded CRLs and CA certificates on disk.
    #[arg(long)]
    pub no_cache: bool,
}

/// Runs a `dvc cert` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::Show(a) => show(a, ctx),
        Command::Check(a) => match check(a, ctx) {
            Ok(code) => Ok(code),
            // Monitoring plugins exit 3 (UNKNOWN) on their own errors.
            Err(e) => {
                super::report(&e, ctx.lang, ctx.err);
                Ok(3)
            }
        },
    }
}

fn load_one(
    spec: &str,
    module: Option<&std::path::Path>,
    ctx: &mut Context<'_>,
) -> Result<Vec<Subject>> {
    if spec.starts_with("pkcs11:") {
        crate::pkcs11::uri::Pkcs11Uri::parse(spec).map_err(|problem| Error::Pkcs11Uri {
            uri: spec.to_string(),
            problem,
        })?;
        let m = ctx.load_module(module)?;
        let subjects = token_subjects(&m, Some(spec))?;
        if subjects.is_empty() {
            return Err(Error::CertNotFound {
                selector: spec.to_string(),
                available: Vec::new(),
            });
        }
        return Ok(subjects);
    }
    let mut stdin = std::io::stdin();
    source::load(spec, &mut stdin)
}

/// The certificates on the tokens (those matching `selector`, or all).
fn token_subjects(module: &crate::pkcs11::Module, selector: Option<&str>) -> Result<Vec<Subject>> {
    let tokens = crate::pkcs11::token::list(module)?;
    Ok(tokens
        .iter()
        .flat_map(|t| {
            t.certificates
                .iter()
                .filter(move |c| selector.is_none_or(|s| crate::pkcs11::token::matches(s, t, c)))
                .map(|c| Subject {
                    source: c.uri.clone(),
                    leaf: c.der.clone(),
                    extra: Vec::new(),
                })
        })
        .collect())
}

fn show(args: ShowArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let subjects = load_one(&args.source, args.module.as_deref(), ctx)?;
    let Some(subject) = subjects.into_iter().next() else {
        return Err(Error::BadCertificate {
            source_name: args.source,
            detail: "no certificate found".into(),
        });
    };
    let info = crate::cert::decode_der(&subject.leaf).map_err(|detail| Error::BadCertificate {
        source_name: subject.source.clone(),
        detail,
    })?;
    let now = ctx.clock.now();
    if args.json {
        let mut v = serde_json::to_value(&info).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.insert("source".into(), json!(subject.source));
            m.insert("days_left".into(), json!(days_until(now, info.not_after)));
            m.insert("not_before".into(), json!(rfc3339(info.not_before)));
            m.insert("not_after".into(), json!(rfc3339(info.not_after)));
        }
        ctx.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ))?;
        return Ok(exit::OK);
    }
    ctx.print(&show_text(&info, now, ctx.lang))?;
    Ok(exit::OK)
}

fn show_text(i: &CertInfo, now: OffsetDateTime, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("{:<22} {value}\n", tr!(lang, key)));
        }
    };
    line("cert.subject", i.subject.clone());
    line("cert.issuer", i.issuer.clone());
    line("cert.serial", i.serial.clone());
    line("cert.not_before", rfc3339(i.not_before));
    let days = days_until(now, i.not_after);
    let left = if days < 0 {
        tr!(lang, "cert.expired_days", days = -days)
    } else {
        tr!(lang, "cert.days_left", days = days)
    };
    line(
        "cert.not_after",
        format!("{} ({left})", rfc3339(i.not_after)),
    );
    line("cert.tax_code", i.tax_code.clone().unwrap_or_default());
    line("cert.id_number", i.id_number.clone().unwrap_or_default());
    if i.uids.len() > 1 {
        line("cert.uids", i.uids.join(", "));
    }
    let key = match i.key_bits {
        Some(b) => format!("{} {b} bit", i.key_type),
        None => i.key_type.clone(),
    };
    line("cert.key", key);
    line("cert.signature", i.signature_algorithm.clone());
    line("cert.key_usage", i.key_usage.join(", "));
    line("cert.ext_key_usage", i.extended_key_usage.join(", "));
    line(
        "cert.ca",
        if i.is_ca {
            tr!(lang, "cert.yes")
        } else {
            String::new()
        },
    );
    line("cert.ocsp", i.ocsp_urls.join(", "));
    line("cert.ca_issuers", i.ca_issuers_urls.join(", "));
    line("cert.crl", i.crl_urls.join(", "));
    line("cert.fingerprint", i.sha256_fingerprint.clone());
    out
}

fn read_cert_files(paths: &[PathBuf]) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        out.extend(source::certificates_in(&p.display().to_string(), &bytes)?);
    }
    Ok(out)
}

fn usage(ctx: &Context<'_>, key: &str, value: &str) -> Error {
    Error::Usage {
        message: tr!(ctx.lang, key, value = value),
        hint: Some(tr!(ctx.lang, "cert.usage_hint")),
    }
}

fn check(args: CheckArgs, ctx: &mut Context<'_>) -> Result<i32> {
    if args.sources.is_empty() && !args.usb && !args.session && !args.all_profiles {
        return Err(usage(ctx, "cert.no_sources", ""));
    }
    let warn = Threshold::parse(&args.warn).map_err(|e| usage(ctx, "cert.bad_duration", &e))?;
    let crit = Threshold::parse(&args.crit).map_err(|e| usage(ctx, "cert.bad_duration", &e))?;
    if !(args.timeout > 0.0 && args.timeout <= 3600.0) {
        return Err(usage(ctx, "cert.bad_timeout", &args.timeout.to_string()));
    }
    let now = ctx.clock.now();
    let at = match &args.at {
        Some(t) => OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
            .map_err(|_| usage(ctx, "cert.bad_time", t))?,
        None => now,
    };
    let anchors = if args.trust.is_empty() {
        crate::cert::trust::bundled_roots()
    } else {
        let mut a = read_cert_files(&args.trust)?;
        if args.trust_system_roots {
            a.extend(crate::cert::trust::bundled_roots());
        }
        a
    };
    let trust = TrustStore::new(anchors, crate::cert::trust::bundled_intermediates());
    let extra = read_cert_files(&args.chain)?;
    let mut subjects = Vec::new();
    let mut failed = Vec::new();
    for spec in &args.sources {
        match load_one(spec, args.module.as_deref(), ctx) {
            Ok(s) => subjects.extend(s),
            Err(e) => failed.push(check::unreadable(spec, e.message(ctx.lang))),
        }
    }
    let profiles = if args.all_profiles {
        ctx.store.profiles()?
    } else if args.session {
        vec![ctx.profile_name()?]
    } else {
        Vec::new()
    };
    for p in profiles {
        let name = format!("session:{p}");
        match ctx.store.load_summary(&p) {
            Ok(Some(s)) => match s.session.certificate {
                Some(der) => subjects.push(Subject {
                    source: name,
                    leaf: der,
                    extra: Vec::new(),
                }),
                // SIM and SmartCA sessions carry no certificate: nothing to check.
                None if args.all_profiles => {}
                None => failed.push(check::unreadable(
                    &name,
                    tr!(ctx.lang, "cert.session_no_cert", profile = p),
                )),
            },
            Ok(None) if args.all_profiles => {}
            Ok(None) => failed.push(check::unreadable(
                &name,
                crate::error::Error::NotLoggedIn {
                    profile: p.to_string(),
                }
                .message(ctx.lang),
            )),
            Err(e) => failed.push(check::unreadable(&name, e.message(ctx.lang))),
        }
    }
    if args.usb {
        let found = ctx
            .load_module(args.module.as_deref())
            .and_then(|m| token_subjects(&m, None));
        match found {
            Ok(s) => subjects.extend(s),
            Err(e) => failed.push(check::unreadable("--usb", e.message(ctx.lang))),
        }
    }
    let cache = (!args.no_cache).then(|| ctx.paths.cache_dir.clone());
    let fetcher = Fetcher::new(
        Duration::from_secs_f64(args.timeout),
        cache,
        time::Duration::seconds(args.cache_max_age as i64),
        now,
    );
    let policy = Policy {
        revocation: args.revocation.unwrap_or_default(),
        on_revocation_error: args.on_revocation_error,
        warn,
        crit,
        at,
        now,
        jobs: args.jobs.max(1),
        check_chain: true,
    };
    let any_failed = !failed.is_empty();
    let report = check::run(&subjects, failed, &extra, &trust, &policy, &fetcher);
    let text = match args.format {
        Format::Text => render_text(&report, ctx),
        Format::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report_json(&report, ctx.lang)).unwrap_or_default()
        ),
        Format::Nagios => render_nagios(&report, ctx.lang),
        Format::Prometheus => render_prometheus(&report),
    };
    ctx.print(&text)?;
    Ok(if any_failed { 3 } else { report.status.code() })
}

/// A problem in the user's language.
pub fn problem_text(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::Expired(t) => tr!(lang, "cert.problem.expired", date = rfc3339(*t)),
        Problem::NotYetValid(t) => tr!(lang, "cert.problem.not_yet_valid", date = rfc3339(*t)),
        Problem::ExpiresSoon { days, .. } => tr!(lang, "cert.problem.expires_soon", days = days),
        Problem::Revoked { at, reason } => {
            let when = at.map(rfc3339).unwrap_or_else(|| "?".into());
            match reason {
                Some(r) => tr!(lang, "cert.problem.revoked_reason", date = when, reason = r),
                None => tr!(lang, "cert.problem.revoked", date = when),
            }
        }
        Problem::Chain { status, detail } => {
            let key = match status {
                ChainStatus::Invalid => "cert.problem.chain_invalid",
                ChainStatus::Untrusted => "cert.problem.chain_untrusted",
                _ => "cert.problem.chain_incomplete",
            };
            tr!(lang, key, detail = detail)
        }
        Problem::RevocationUnavailable(d) => {
            tr!(lang, "cert.problem.revocation_unavailable", detail = d)
        }
        Problem::Unreadable(d) => tr!(lang, "cert.problem.unreadable", detail = d),
    }
}

fn who(c: &CertReport) -> String {
    let Some(i) = &c.info else {
        return c.source.clone();
    };
    let name = i.common_name.clone().unwrap_or_else(|| i.subject.clone());
    match (&i.tax_code, &i.id_number) {
        (Some(t), _) => format!("{name} (MST {t})"),
        (None, Some(id)) => format!("{name} ({id})"),
        _ => name,
    }
}

fn paint_status(s: Status, ctx: &Context<'_>) -> String {
    let word = format!("{:<8}", s.as_str());
    match s {
        Status::Ok => ctx.paint.ok(&word),
        Status::Warning | Status::Unknown => ctx.paint.warn(&word),
        Status::Critical => ctx.paint.bad(&word),
    }
}

fn render_text(r: &Report, ctx: &Context<'_>) -> String {
    let lang = ctx.lang;
    let mut out = String::new();
    for c in &r.certificates {
        out.push_str(&format!(
            "{}  {}\n",
            paint_status(c.status, ctx),
            ctx.paint.bold(&who(c))
        ));
        let pad = " ".repeat(10);
        if let Some(i) = &c.info {
            let days = c.days_left.unwrap_or(0);
            let left = if days < 0 {
                tr!(lang, "cert.expired_days", days = -days)
            } else {
                tr!(lang, "cert.days_left", days = days)
            };
            out.push_str(&format!(
                "{pad}{}\n",
                tr!(
                    lang,
                    "cert.check_line",
                    source = c.source,
                    serial = i.serial,
                    date = rfc3339(i.not_after),
                    left = left
                )
            ));
            let rev = match c.revocation.method {
                Some(m) => format!("{} ({})", c.revocation.status.as_str(), m.to_uppercase()),
                None => c.revocation.status.as_str().to_string(),
            };
            out.push_str(&format!(
                "{pad}{}\n",
                tr!(
                    lang,
                    "cert.check_state",
                    chain = c.chain.as_str(),
                    revocation = rev
                )
            ));
        }
        for p in &c.problems {
            out.push_str(&format!("{pad}! {}\n", problem_text(p, lang)));
        }
    }
    let count = |s: Status| r.certificates.iter().filter(|c| c.status == s).count();
    out.push_str(&tr!(
        lang,
        "cert.summary",
        total = r.certificates.len(),
        critical = count(Status::Critical),
        warning = count(Status::Warning),
        unknown = count(Status::Unknown),
        ok = count(Status::Ok)
    ));
    out.push('\n');
    out
}

/// The JSON of the CLI contract.
pub fn report_json(r: &Report, lang: Lang) -> Value {
    let certs: Vec<Value> = r
        .certificates
        .iter()
        .map(|c| {
            let i = c.info.as_ref();
            json!({
                "source": c.source,
                "subject": i.map(|i| i.subject.clone()),
                "issuer": i.map(|i| i.issuer.clone()),
                "serial": i.map(|i| i.serial.clone()),
                "not_before": i.map(|i| rfc3339(i.not_before)),
                "not_after": i.map(|i| rfc3339(i.not_after)),
                "days_left": c.days_left,
                "tax_code": i.and_then(|i| i.tax_code.clone()),
                "id_number": i.and_then(|i| i.id_number.clone()),
                "chain": c.chain.as_str(),
                "revocation": {
                    "status": c.revocation.status.as_str(),
                    "method": c.revocation.method,
                    "revoked_at": c.revocation.revoked_at.map(rfc3339),
                    "reason": c.revocation.reason,
                    "error": c.revocation.error,
                },
                "status": c.status.as_str(),
                "problems": c.problems.iter().map(|p| problem_text(p, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "status": r.status.as_str(),
        "checked_at": rfc3339(r.checked_at),
        "certificates": certs,
    })
}

fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c == '|' || c.is_control() { ' ' } else { c })
        .collect()
}

fn render_nagios(r: &Report, lang: Lang) -> String {
    let count = |s: Status| r.certificates.iter().filter(|c| c.status == s).count();
    let mut summary = tr!(
        lang,
        "cert.summary",
        total = r.certificates.len(),
        critical = count(Status::Critical),
        warning = count(Status::Warning),
        unknown = count(Status::Unknown),
        ok = count(Status::Ok)
    );
    let worst: Vec<String> = r
        .certificates
        .iter()
        .filter(|c| c.status == r.status && c.status != Status::Ok)
        .take(3)
        .map(|c| {
            let first = c
                .problems
                .first()
                .map(|p| problem_text(p, lang))
                .unwrap_or_default();
            format!("{}: {first}", who(c))
        })
        .collect();
    if !worst.is_empty() {
        summary.push_str(" - ");
        summary.push_str(&worst.join("; "));
    }
    let perf: Vec<String> = r
        .certificates
        .iter()
        .enumerate()
        .filter_map(|(n, c)| {
            let d = c.days_left?;
            let (w, cr) = c.thresholds_days;
            Some(format!(
                "days_left_{}={d};{};{};;",
                n + 1,
                w.floor() as i64,
                cr.floor() as i64
            ))
        })
        .collect();
    format!(
        "DVC CERT {} - {} | {}\n",
        r.status.as_str(),
        plain(&summary),
        perf.join(" ")
    )
}

fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// A metric: name, help text, and its value for one certificate.
type Metric = (
    &'static str,
    &'static str,
    fn(&CertReport, &CertInfo) -> String,
);

fn render_prometheus(r: &Report) -> String {
    let mut out = String::new();
    let metrics: [Metric; 3] = [
        (
            "dvc_certificate_expiry_timestamp_seconds",
            "The certificate's notAfter, as a Unix timestamp.",
            |_, i| i.not_after.unix_timestamp().to_string(),
        ),
        (
            "dvc_certificate_days_left",
            "Whole days until the certificate expires (negative once expired).",
            |c, _| c.days_left.unwrap_or(0).to_string(),
        ),
        (
            "dvc_certificate_status",
            "The certificate's status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
            |c, _| c.status.code().to_string(),
        ),
    ];
    for (name, help, value) in metrics {
        out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n"));
        for c in &r.certificates {
            let Some(i) = &c.info else { continue };
            out.push_str(&format!(
                "{name}{{serial=\"{}\",subject=\"{}\",tax_code=\"{}\",source=\"{}\"}} {}\n",
                label(&i.serial),
                label(&i.subject),
                label(i.tax_code.as_deref().unwrap_or("")),
                label(&c.source),
                value(c, i)
            ));
        }
    }
    out.push_str("# HELP dvc_certificate_check_status The worst status of the run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n# TYPE dvc_certificate_check_status gauge\n");
    out.push_str(&format!(
        "dvc_certificate_check_status {}\n",
        r.status.code()
    ));
    out
}
