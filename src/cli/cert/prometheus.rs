//! `--format prometheus`: the text exposition format, for node_exporter's
//! textfile collector.

use crate::cert::check::{CertReport, Report};
use crate::cert::CertInfo;

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

/// The metrics of a report.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let metrics: [Metric; 3] = [
        (
            "dvc_certificate_expiry_timestamp_seconds",
            "The certificate's notAfter, as a Unix timestamp.",
            |_, i| i.not_after.unix_timestamp().to_string(),
        ),
        (
            "dvc_certificate_days_left",
            "Whole days until the certificate expires; once expired, minus the whole days since.",
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
    out.push_str("# HELP dvc_certificate_check_status The worst status of the run (the exit code): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n# TYPE dvc_certificate_check_status gauge\n");
    out.push_str(&format!(
        "dvc_certificate_check_status {}\n",
        r.status.code()
    ));
    out
}
