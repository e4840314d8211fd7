//! `--format csv`: one row per certificate for a spreadsheet. UTF-8 with a
//! byte order mark (so Excel shows Vietnamese correctly), CRLF line ends and
//! RFC 4180 quoting. Headers and problems are in the user's language; the
//! status column keeps the monitoring word (`OK`, `WARNING`, `CRITICAL`,
//! `UNKNOWN`) so filters work in every language. A text cell that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`)
//! gets a leading `'`. The source column names a token by its label (as
//! people know it); the last column keeps the `pkcs11:` URIs and paths for
//! scripts, space-separated when one certificate was found in several places.

use super::words;
use crate::cert::check::Report;
use crate::cert::decode::name_text_short;
use crate::i18n::Lang;
use crate::tr;

/// One cell, quoted when needed.
fn cell(out: &mut String, value: &str, text: bool) {
    let guard = text
        && (value.starts_with(['=', '+', '@', '\t', '\r'])
            || (value.starts_with('-') && value.len() > 1));
    let value = if guard {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\r', '\n']) || value.starts_with(' ') || value.ends_with(' ') {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&value);
    }
}

fn row(out: &mut String, cells: &[(String, bool)]) {
    for (i, (v, text)) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, v, *text);
    }
    out.push_str("\r\n");
}

/// The spreadsheet.
pub fn render(r: &Report, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<(String, bool)> = [
        "cert.report.col_company",
        "cert.report.col_id",
        "cert.report.col_issuer",
        "cert.report.col_serial",
        "cert.report.col_valid_until",
        "cert.report.col_days_left",
        "cert.report.col_status",
        "cert.report.col_source",
        "cert.report.col_problems",
        "cert.report.col_uri",
    ]
    .iter()
    .map(|k| (tr!(lang, k), true))
    .collect();
    row(&mut out, &header);
    for c in &r.certificates {
        let i = c.info.as_ref();
        let text = |v: Option<String>| (v.unwrap_or_default(), true);
        row(
            &mut out,
            &[
                text(i.map(|i| {
                    i.common_name
                        .clone()
                        .unwrap_or_else(|| i.subject_display.clone())
                })),
                text(i.and_then(|i| i.tax_code.clone().or_else(|| i.id_number.clone()))),
                text(i.map(|i| name_text_short(&i.issuer))),
                text(i.map(|i| i.serial.clone())),
                text(i.map(|i| words::date_time(i.not_after))),
                (
                    c.days_left.map(|d| d.to_string()).unwrap_or_default(),
                    false,
                ),
                (c.status.as_str().to_string(), false),
                (c.place(), true),
                (words::problems(c, lang).join("; "), true),
                (
                    c.origins()
                        .iter()
                        .map(|o| o.source.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    true,
                ),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formulas() {
        let mut out = String::new();
        row(
            &mut out,
            &[
                ("a,b".into(), true),
                ("say \"hi\"".into(), true),
                ("=1+2".into(), true),
                ("-3".into(), false),
                ("line\nbreak".into(), true),
                ("plain".into(), true),
            ],
        );
        assert_eq!(
            out,
            "\"a,b\",\"say \"\"hi\"\"\",'=1+2,-3,\"line\nbreak\",plain\r\n"
        );
    }
}
