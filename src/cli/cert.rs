//! `dvc cert show SOURCE` and `dvc cert check [SOURCE...]`.
//!
//! `cert check` speaks the monitoring-plugin language: one status for the
//! run, the worst of its rows (OK < UNKNOWN < WARNING < CRITICAL), and the
//! exit code, the nagios text, the JSON `status` and
//! `dvc_certificate_check_status` all print that one status. An unreadable
//! source is an UNKNOWN row of its own and never hides another row; usage
//! errors exit 3 (UNKNOWN). `--format` text (people), json, nagios,
//! prometheus, csv (spreadsheets) or html (a report page); `--output FILE`
//! writes any of them atomically.

mod csv;
mod html;
mod json;
mod nagios;
mod prometheus;
mod text;
mod tokens;
mod words;

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

use time::OffsetDateTime;

use super::Context;
use crate::cert::chain::TrustStore;
use crate::cert::check::{
    self, Item, OnRevocationError, Policy, Problem, RevocationMode, Threshold,
};
use crate::cert::fetch::Fetcher;
use crate::cert::source::{self, Subject};
use crate::cert::CertInfo;
use crate::clock::{days_until, rfc3339};
use crate::error::{exit, Error, Result};
use crate::i18n::Lang;
use crate::tr;

pub use nagios::Perfdata;

/// `dvc cert` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs.
    #[command(long_about = SHOW_ABOUT)]
    Show(ShowArgs),
    /// Status of certificates (expiry, chain, revocation), for people, monitoring and reports.
    #[command(long_about = CHECK_ABOUT)]
    Check(CheckArgs),
}

/// `dvc cert show --help` and its man page.
const SHOW_ABOUT: &str = "\
One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and \
CRL URLs. Subjects are printed CN first (as Windows and OpenSSL show them); --json keeps RFC 4514 \
order.

A bundle shows its first certificate that is not a CA. A directory is refused (exit 2): \
`dvc cert check DIR` checks every certificate in it.";

/// Arguments of `dvc cert show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A certificate file (PEM, DER, PKCS#7 .p7b/.p7c), a PKCS#11 URI (pkcs11:…), or - for stdin.
    pub source: OsString,
    /// PKCS#11 library, for pkcs11: sources.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// Count the days left from this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
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
    /// A spreadsheet: UTF-8 with BOM, one row per certificate.
    Csv,
    /// A self-contained report page: expiry timeline and table, printable on A4.
    Html,
}

/// `--revocation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RevocationArg {
    /// OCSP only.
    Ocsp,
    /// The CRL only.
    Crl,
    /// Both must say good.
    Both,
    /// No revocation check.
    None,
}

impl From<RevocationArg> for RevocationMode {
    fn from(a: RevocationArg) -> RevocationMode {
        match a {
            RevocationArg::Ocsp => RevocationMode::Ocsp,
            RevocationArg::Crl => RevocationMode::Crl,
            RevocationArg::Both => RevocationMode::Both,
            RevocationArg::None => RevocationMode::None,
        }
    }
}

/// `--on-revocation-error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnRevocationErrorArg {
    /// UNKNOWN (the default).
    #[default]
    Unknown,
    /// WARNING.
    Warning,
    /// CRITICAL.
    Critical,
    /// OK.
    Ok,
}

impl From<OnRevocationErrorArg> for OnRevocationError {
    fn from(a: OnRevocationErrorArg) -> OnRevocationError {
        match a {
            OnRevocationErrorArg::Unknown => OnRevocationError::Unknown,
            OnRevocationErrorArg::Warning => OnRevocationError::Warning,
            OnRevocationErrorArg::Critical => OnRevocationError::Critical,
            OnRevocationErrorArg::Ok => OnRevocationError::Ok,
        }
    }
}

/// Arguments of `dvc cert check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Certificate files (PEM, DER, PKCS#7), directories (every certificate file inside), PKCS#11 URIs, or - for stdin.
    pub sources: Vec<OsString>,
    /// Also the login and signing certificates on every plugged-in USB token (not the CA certificates tokens also store).
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
    /// WARNING when a certificate expires within this: Nd, Nh or N% of its lifetime; not shorter than --crit.
    #[arg(long, default_value = "30d", value_name = "DURATION")]
    pub warn: String,
    /// CRITICAL when a certificate expires within this: Nd, Nh or N% of its lifetime.
    #[arg(long, default_value = "7d", value_name = "DURATION")]
    pub crit: String,
    /// How to check revocation [default: OCSP, then the CRL when OCSP gives no answer].
    #[arg(long, value_enum, value_name = "ocsp|crl|both|none")]
    pub revocation: Option<RevocationArg>,
    /// The status of a certificate whose revocation could not be checked.
    #[arg(long, value_enum, default_value = "unknown")]
    pub on_revocation_error: OnRevocationErrorArg,
    /// More trust anchors (PEM, DER or PKCS#7), on top of the bundled Vietnamese roots.
    #[arg(long, value_name = "FILE")]
    pub trust: Vec<PathBuf>,
    /// Trust only the --trust anchors, not the bundled Vietnamese roots.
    #[arg(long, requires = "trust", conflicts_with = "trust_system_roots")]
    pub no_bundled_roots: bool,
    /// Trust the bundled Vietnamese roots: the default now that --trust adds anchors (kept for dvc 0.1 scripts).
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
    /// Write the output to this file (replaced atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Nagios: per-certificate performance data for the N worst certificates, or all [default: 50].
    #[arg(long, value_name = "N|all", default_value = "50")]
    pub perfdata: Perfdata,
    /// Seconds to wait for each network request (OCSP, CRL, CA certificates): more than 0, at most 3600.
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

/// `dvc cert check --help` and its man page: the rules.
const CHECK_ABOUT: &str = "\
Status of certificates (expiry, chain, revocation), for people, monitoring and reports.

A SOURCE is a file (PEM, DER, PKCS#7), a directory, a pkcs11: URI or - (stdin). In a directory, \
every file named like a certificate (.pem .crt .cer .der .p7b .p7c .cert) is checked; one that \
cannot be read is its own UNKNOWN row, and a directory without certificates is UNKNOWN (no \
certificate found).

--usb checks the login and signing certificates of every plugged token; the CA certificates a \
token also stores only help build their chains. Reports name a token by its label (with the \
object's label when it holds several certificates); JSON (source, sources) and the CSV's last \
column keep the pkcs11: URI. A certificate found twice (a session's login certificate on a \
plugged token, with --usb --all-profiles) is one row naming both places. --session on a profile \
whose login method carries no certificate (SIM, SmartCA, VNeID) is UNKNOWN, saying so.

Trust: the bundled Vietnamese roots, plus every --trust FILE; --no-bundled-roots trusts only the \
--trust anchors. (Against dvc-sandbox, its root is at http://127.0.0.1:PORT/pki/root.cer.)

Status: CRITICAL when a certificate is expired, not yet valid, revoked, its chain is invalid \
(a bad signature or constraint, an expired CA) or it expires within --crit; WARNING within --warn, \
or when a certificate of its chain is signed with SHA-1 after 2016; UNKNOWN when revocation could \
not be checked (--on-revocation-error), the chain is incomplete or untrusted, or a source cannot be \
read (every unreadable file, and a directory without certificates, is its own row); else OK. \
The worst status wins (OK < UNKNOWN < WARNING < CRITICAL): the exit code (0 OK, 1 WARNING, \
2 CRITICAL, 3 UNKNOWN), the nagios line, the JSON status and dvc_certificate_check_status agree. \
Usage errors exit 3.

--warn must not be shorter than --crit when both are times (Nd, Nh) or both percentages; a \
percentage beside a time is compared per certificate, and CRITICAL wins when both are reached.

Chains: every signature, CA flag, keyCertSign, pathLenConstraint and validity is checked; an \
expired CA is never part of a valid chain; an unknown critical extension makes it invalid; the \
search stops after 100 signature checks. A trust anchor checked on its own is OK, revocation \
not_applicable.

Days left are whole days: before expiry the full days left, after it minus the full days since \
(0 within a day either side).

Formats: text (subjects CN first), json (problem_codes beside the translated problems), nagios \
(summary perfdata, then days_left_<SERIAL> of the worst --perfdata N certificates: a label per \
certificate, whatever the order of the sources), prometheus, csv (UTF-8 with BOM, for \
spreadsheets), html (one self-contained page with an expiry timeline, printable on A4). \
--output FILE writes any of them atomically, into an existing directory (a missing one is an \
error, never created).";

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

/// A `pkcs11:` URI, when the argument is one.
fn pkcs11_uri(spec: &OsStr) -> Option<&str> {
    spec.to_str()
        .filter(|s| crate::pkcs11::uri::is_pkcs11_uri(s))
}

/// The certificates on tokens that match a `pkcs11:` URI.
fn load_token(spec: &str, module: Option<&Path>, ctx: &mut Context<'_>) -> Result<Vec<Subject>> {
    crate::pkcs11::uri::Pkcs11Uri::parse(spec).map_err(|problem| Error::Pkcs11Uri {
        uri: crate::pkcs11::uri::redact(spec),
        problem,
    })?;
    let subjects = token_subjects(ctx, module, Some(spec))?;
    if subjects.is_empty() {
        return Err(Error::CertNotFound {
            selector: spec.to_string(),
            available: Vec::new(),
        });
    }
    Ok(subjects)
}

/// The end-entity certificates of every token of every module (each token
/// once), or those a selector matches, named by their tokens
/// ([`tokens::subjects`]); no token plugged in is an error that says so.
fn token_subjects(
    ctx: &mut Context<'_>,
    module: Option<&Path>,
    selector: Option<&str>,
) -> Result<Vec<Subject>> {
    let modules = ctx.load_modules(module)?;
    let tokens = ctx.list_tokens(&modules)?;
    if tokens.is_empty() {
        return Err(Error::NoToken);
    }
    Ok(tokens::subjects(&tokens, selector))
}

fn usage(message: String, ctx: &Context<'_>) -> Error {
    Error::Usage {
        message,
        hint: Some(tr!(ctx.lang, "cert.usage_hint")),
    }
}

fn parse_at(at: Option<&str>, ctx: &Context<'_>) -> Result<OffsetDateTime> {
    match at {
        Some(t) => OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
            .map_err(|_| usage(tr!(ctx.lang, "cert.bad_time", value = t), ctx)),
        None => Ok(ctx.clock.now()),
    }
}

fn show(args: ShowArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let at = parse_at(args.at.as_deref(), ctx)?;
    let subject = match pkcs11_uri(&args.source) {
        Some(uri) => match load_token(uri, args.module.as_deref(), ctx)?
            .into_iter()
            .next()
        {
            Some(subject) => subject,
            None => {
                return Err(Error::CertNotFound {
                    selector: uri.to_string(),
                    available: Vec::new(),
                })
            }
        },
        None => {
            let path = Path::new(&args.source);
            if path.is_dir() {
                return Err(Error::Usage {
                    message: tr!(ctx.lang, "cert.usage.show_directory", path = path.display()),
                    hint: Some(tr!(
                        ctx.lang,
                        "cert.usage.show_directory_hint",
                        path = path.display()
                    )),
                });
            }
            let entries = source::load(&args.source, &mut *ctx.stdin)?;
            match entries.into_iter().next() {
                Some(entry) => entry?,
                None => {
                    let problem = source::SourceProblem::NoCertificate;
                    return Err(
                        source::SourceError::new(path.display().to_string(), problem).into(),
                    );
                }
            }
        }
    };
    let info = crate::cert::decode_der(&subject.leaf).map_err(|error| {
        source::SourceError::new(
            &subject.source,
            source::SourceProblem::Certificate { index: 1, error },
        )
    })?;
    let days_left = days_until(at, info.not_after);
    if args.json {
        ctx.print(&json::to_text(&json::ShowJson {
            info: &info,
            source: &subject.source,
            days_left,
        }))?;
    } else {
        ctx.print(&show_text(&info, days_left, at, ctx.lang))?;
    }
    Ok(exit::OK)
}

fn show_text(i: &CertInfo, days: i64, at: OffsetDateTime, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("{:<22} {value}\n", tr!(lang, key)));
        }
    };
    line("cert.subject", i.subject_display.clone());
    line("cert.issuer", i.issuer_display.clone());
    line("cert.serial", i.serial.clone());
    line("cert.not_before", rfc3339(i.not_before));
    line(
        "cert.not_after",
        format!(
            "{} ({})",
            rfc3339(i.not_after),
            words::days_left(days, at > i.not_after, lang)
        ),
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

/// Reads `--warn` / `--crit`.
fn threshold(flag: &str, value: &str, ctx: &Context<'_>) -> Result<Threshold> {
    Threshold::parse(value).map_err(|e| {
        usage(
            tr!(
                ctx.lang,
                "cert.usage.bad_threshold",
                flag = flag,
                detail = e.message(ctx.lang)
            ),
            ctx,
        )
    })
}

/// The rows of every source, in order.
fn items(args: &CheckArgs, ctx: &mut Context<'_>) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    let failed = |origin: &str, e: Error| Item::Failed(Box::new(check::unreadable(origin, e)));
    // A token's or a session's certificate found twice (the login
    // certificate of a session on a plugged token, a URI also given with
    // --usb) is one row naming every place.
    let mut found: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut add = |items: &mut Vec<Item>, s: Subject| match found.get(&s.leaf) {
        Some(&i) => {
            if let Item::Check(first) = &mut items[i] {
                for o in s.origins() {
                    if !first.origins().iter().any(|f| f.source == o.source) {
                        first.also.push(o);
                    }
                }
                for ca in s.extra {
                    if !first.extra.contains(&ca) {
                        first.extra.push(ca);
                    }
                }
            }
        }
        None => {
            found.insert(s.leaf.clone(), items.len());
            items.push(Item::Check(s));
        }
    };
    for spec in &args.sources {
        if let Some(uri) = pkcs11_uri(spec) {
            match load_token(uri, args.module.as_deref(), ctx) {
                Ok(subjects) => subjects.into_iter().for_each(|s| add(&mut items, s)),
                Err(e) => items.push(failed(&crate::pkcs11::uri::redact(uri), e)),
            }
            continue;
        }
        match source::load(spec, &mut *ctx.stdin) {
            Ok(entries) => items.extend(entries.into_iter().map(|entry| match entry {
                Ok(subject) => Item::Check(subject),
                Err(e) => failed(&e.origin.clone(), e.into()),
            })),
            Err(e) => items.push(failed(&e.origin.clone(), e.into())),
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
                Some(der) => add(&mut items, Subject::new(name, der, Vec::new())),
                // Only USB logins carry a certificate: with --all-profiles,
                // the others have nothing to check; asked for by --session,
                // a source without a certificate is UNKNOWN (cli.md).
                None if args.all_profiles => {}
                None => items.push(Item::Failed(Box::new(check::without_certificate(
                    &name,
                    Problem::SessionWithoutCertificate {
                        profile: p.to_string(),
                        method: s.session.method.as_str(),
                    },
                )))),
            },
            Ok(None) if args.all_profiles => {}
            Ok(None) => items.push(failed(
                &name,
                Error::NotLoggedIn {
                    profile: p.to_string(),
                },
            )),
            Err(e) => items.push(failed(&name, e)),
        }
    }
    if args.usb {
        match token_subjects(ctx, args.module.as_deref(), None) {
            Ok(s) if s.is_empty() => items.push(Item::Failed(Box::new(
                check::without_certificate("--usb", Problem::TokensWithoutCertificate),
            ))),
            Ok(s) => s.into_iter().for_each(|s| add(&mut items, s)),
            Err(e) => items.push(failed("--usb", e)),
        }
    }
    Ok(items)
}

/// `--output FILE` writes into an existing directory: a missing one is a
/// usage error (a typo must not create directories), checked before any
/// certificate is.
fn output_dir_exists(path: &Path, ctx: &Context<'_>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => return Ok(()),
    };
    let key = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => "cert.usage.output_dir_not_dir",
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "cert.usage.output_dir_missing",
        // Another failure (permissions): the write reports it with the OS's words.
        Err(_) => return Ok(()),
    };
    Err(Error::Usage {
        message: tr!(ctx.lang, key, path = path.display(), dir = dir.display()),
        hint: None,
    })
}

fn check(args: CheckArgs, ctx: &mut Context<'_>) -> Result<i32> {
    if args.sources.is_empty() && !args.usb && !args.session && !args.all_profiles {
        return Err(usage(tr!(ctx.lang, "cert.no_sources", value = ""), ctx));
    }
    let warn = threshold("--warn", &args.warn, ctx)?;
    let crit = threshold("--crit", &args.crit, ctx)?;
    if warn.covers(&crit) == Some(false) {
        return Err(usage(
            tr!(
                ctx.lang,
                "cert.usage.warn_below_crit",
                warn = args.warn,
                crit = args.crit
            ),
            ctx,
        ));
    }
    if !(args.timeout > 0.0 && args.timeout <= 3600.0) {
        return Err(usage(
            tr!(ctx.lang, "cert.usage.bad_timeout", value = args.timeout),
            ctx,
        ));
    }
    let now = ctx.clock.now();
    let at = parse_at(args.at.as_deref(), ctx)?;
    if let Some(path) = &args.output {
        output_dir_exists(path, ctx)?;
    }
    // cli.md: --trust adds anchors; the bundled roots stay unless
    // --no-bundled-roots (--trust-system-roots, from dvc 0.1, is the default).
    let mut anchors = source::load_certificates(&args.trust)?;
    if !args.no_bundled_roots {
        anchors.extend(crate::cert::trust::bundled_roots());
    }
    let trust = TrustStore::new(anchors, crate::cert::trust::bundled_intermediates());
    let extra = source::load_certificates(&args.chain)?;
    let items = items(&args, ctx)?;
    let cache = (!args.no_cache).then(|| ctx.paths.cache_dir.clone());
    let fetcher = Fetcher::new(
        Duration::from_secs_f64(args.timeout),
        cache,
        time::Duration::seconds(args.cache_max_age as i64),
        now,
    );
    let policy = Policy {
        revocation: args.revocation.map(Into::into).unwrap_or_default(),
        on_revocation_error: args.on_revocation_error.into(),
        warn,
        crit,
        at,
        now,
        jobs: args.jobs.max(1),
        check_chain: true,
    };
    let report = check::run(items, &extra, &trust, &policy, &fetcher);
    let lang = ctx.lang;
    let out = match args.format {
        // Colours only for a terminal, never in a file.
        Format::Text if args.output.is_some() => {
            text::render(&report, lang, &crate::ui::Painter::new(false))
        }
        Format::Text => text::render(&report, lang, &ctx.paint),
        Format::Json => json::to_text(&json::CheckJson::new(&report, lang)),
        Format::Nagios => nagios::render(&report, lang, args.perfdata),
        Format::Prometheus => prometheus::render(&report),
        Format::Csv => csv::render(&report, lang),
        Format::Html => html::render(&report, lang),
    };
    match &args.output {
        Some(path) => {
            crate::fs::replace_atomic(path, out.as_bytes(), 0o644)?;
            ctx.info(&tr!(
                lang,
                &words::count_key("cert.output_written", report.certificates.len() as i64),
                path = path.display(),
                total = report.certificates.len(),
                status = report.status.as_str()
            ));
        }
        None => ctx.print(&out)?,
    }
    Ok(report.status.code())
}
