//! `--format nagios`: one line, `DVC CERT <STATUS> - <summary> | <perfdata>`.
//!
//! The perfdata stay usable with thousands of certificates: first a
//! summary (`certificates`, `critical`, `warning`, `unknown`, `ok`,
//! `min_days_left`), then `days_left_<SERIAL>` for the worst certificates
//! first, up to a limit (50 by default; `--perfdata all` for every one).
//! A label names the certificate, not its place among the sources, so a
//! graph keeps its line whichever order the tokens are plugged in: the
//! serial number (hex), with the first 8 hex digits of the SHA-256
//! fingerprint when two certificates of the run share a serial (two CAs),
//! and only `[A-Za-z0-9_]` (Nagios and graphing tools reserve `=`, `'`,
//! spaces; file-based graphs want plain names). The same certificate found
//! twice (two files) is one series.

use std::collections::{HashMap, HashSet};

use super::words;
use crate::cert::check::{CertReport, Report, Status};
use crate::cert::CertInfo;
use crate::i18n::Lang;

/// How many per-certificate perfdata to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perfdata {
    /// Every certificate.
    All,
    /// The worst N.
    Limit(usize),
}

impl Default for Perfdata {
    fn default() -> Perfdata {
        Perfdata::Limit(DEFAULT_LIMIT)
    }
}

/// The default number of per-certificate perfdata.
pub const DEFAULT_LIMIT: usize = 50;

impl std::str::FromStr for Perfdata {
    type Err = String;

    /// `all`, or a number of certificates (0 for the summary only).
    fn from_str(s: &str) -> Result<Perfdata, String> {
        if s.eq_ignore_ascii_case("all") {
            return Ok(Perfdata::All);
        }
        s.parse()
            .map(Perfdata::Limit)
            .map_err(|_| format!("{s:?}: give `all` or a number of certificates"))
    }
}

/// Text without the characters the plugin format reserves.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c == '|' || c.is_control() { ' ' } else { c })
        .collect()
}

/// `days_left_<SERIAL>`, with the fingerprint's first 8 hex digits when
/// another certificate of the run has the same serial; only `[A-Za-z0-9_]`.
fn perf_label(i: &CertInfo, shared_serial: bool) -> String {
    let mut key = i.serial.clone();
    if shared_serial {
        key.push('_');
        key.extend(
            i.sha256_fingerprint
                .chars()
                .filter(|c| c.is_ascii_hexdigit())
                .take(8),
        );
    }
    let key: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("days_left_{key}")
}

fn thresholds(c: &CertReport) -> (i64, i64) {
    let (w, cr) = c.thresholds_days;
    (w.floor() as i64, cr.floor() as i64)
}

/// The plugin line.
pub fn render(r: &Report, lang: Lang, limit: Perfdata) -> String {
    let mut summary = words::summary(r, lang);
    let worst: Vec<String> = r
        .certificates
        .iter()
        .filter(|c| c.status == r.status && c.status != Status::Ok)
        .take(3)
        .map(|c| {
            let first = c
                .problems
                .first()
                .map(|p| words::problem(p, &c.source, lang))
                .unwrap_or_default();
            format!("{}: {first}", words::who(c))
        })
        .collect();
    if !worst.is_empty() {
        summary.push_str(" - ");
        summary.push_str(&worst.join("; "));
    }
    let mut perf = vec![format!("certificates={};;;0;", r.certificates.len())];
    for (label, s) in [
        ("critical", Status::Critical),
        ("warning", Status::Warning),
        ("unknown", Status::Unknown),
        ("ok", Status::Ok),
    ] {
        perf.push(format!("{label}={};;;0;", r.count(s)));
    }
    // Rows with a date, worst first, then fewest days left, then source order.
    let mut dated: Vec<(usize, &CertReport, &CertInfo, i64)> = r
        .certificates
        .iter()
        .enumerate()
        .filter_map(|(n, c)| Some((n, c, c.info.as_ref()?, c.days_left?)))
        .collect();
    dated.sort_by_key(|(n, c, _, d)| (std::cmp::Reverse(c.status.rank()), *d, *n));
    if let Some((_, c, _, d)) = dated.iter().min_by_key(|(n, _, _, d)| (*d, *n)) {
        let (w, cr) = thresholds(c);
        perf.push(format!("min_days_left={d};{w};{cr};;"));
    }
    // One series per certificate (its worst row).
    let mut seen = HashSet::new();
    dated.retain(|(_, _, i, _)| seen.insert(i.sha256_fingerprint.as_str()));
    let mut per_serial: HashMap<&str, usize> = HashMap::new();
    for (_, _, i, _) in &dated {
        *per_serial.entry(i.serial.as_str()).or_default() += 1;
    }
    let shown = match limit {
        Perfdata::All => dated.len(),
        Perfdata::Limit(n) => n.min(dated.len()),
    };
    for (_, c, i, d) in &dated[..shown] {
        let (w, cr) = thresholds(c);
        let shared = per_serial.get(i.serial.as_str()).copied().unwrap_or(0) > 1;
        perf.push(format!("{}={d};{w};{cr};;", perf_label(i, shared)));
    }
    format!(
        "DVC CERT {} - {} | {}\n",
        r.status.as_str(),
        plain(&summary),
        perf.join(" ")
    )
}
