//! `--format html`: one self-contained page for people (no external asset,
//! no script): the counts per status, a timeline of expiry dates (inline
//! SVG: one mark per certificate on a months axis, coloured by status, each
//! with a title for screen readers and tooltips), and a table sorted by days
//! left. Every word is in the user's language; every value is HTML-escaped;
//! the page prints on A4 (`@page`, print CSS).

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::words;
use crate::cert::check::{CertReport, Report, Status};
use crate::cert::decode::name_text_short;
use crate::clock::rfc3339;
use crate::i18n::Lang;
use crate::tr;

/// Text made safe for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The CSS class of a status (its colour).
fn class(s: Status) -> &'static str {
    match s {
        Status::Ok => "s-ok",
        Status::Warning => "s-warning",
        Status::Critical => "s-critical",
        Status::Unknown => "s-unknown",
    }
}

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.35; color: #1a1a1a; background: #fff;
  max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 18pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; }
.meta { color: #555; margin: 0 0 1mm; }
.s-ok { --c: #2e7d32; } .s-warning { --c: #e65100; }
.s-critical { --c: #c62828; } .s-unknown { --c: #5e35b1; }
.counts { display: flex; flex-wrap: wrap; gap: 3mm; list-style: none; padding: 0; margin: 4mm 0 0; }
.counts li { border: 1px solid #ccc; border-left: 5px solid var(--c); padding: 1.5mm 3mm; }
.counts b { font-size: 13pt; margin-right: 1.5mm; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 14px; fill: #333; font-family: inherit; }
svg .lane { font-weight: 600; fill: var(--c); }
svg .band { fill: #f6f6f6; }
svg .axis { stroke: #888; stroke-width: 1; }
svg .tick { stroke: #ddd; stroke-width: 1; }
svg .now { stroke: #1a1a1a; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .mark { fill: var(--c); fill-opacity: .8; stroke: #fff; stroke-width: 1; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: 1.2mm 1.4mm; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td:first-child { border-left: 5px solid var(--c); }
td.status { color: var(--c); font-weight: 700; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.serial { font-family: monospace; font-size: 6.5pt; white-space: nowrap; }
.small { color: #555; font-size: 7.5pt; }
.id { white-space: nowrap; }
.source { overflow-wrap: anywhere; }
ul.problems { margin: 0; padding-left: 4mm; min-width: 32mm; overflow-wrap: anywhere; }
footer { margin-top: 6mm; color: #777; font-size: 8pt; }
@media print {
  body { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, .timeline { break-inside: avoid; }
}
"#;

/// The first instant of the month of `t`.
fn month_start(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    let d = Date::from_calendar_date(t.year(), t.month(), 1).unwrap_or(t.date());
    PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc()
}

/// The month after `(year, month)`.
fn next_month(year: i32, month: Month) -> (i32, Month) {
    if month == Month::December {
        (year + 1, Month::January)
    } else {
        (year, month.next())
    }
}

fn month_label(year: i32, month: Month, yearly: bool, lang: Lang) -> String {
    if yearly {
        return year.to_string();
    }
    let key = format!("cert.month.{}", u8::from(month));
    tr!(
        lang,
        "cert.report.month_label",
        name = tr!(lang, &key),
        year = year
    )
}

/// The timeline: one lane per status, months along the axis.
fn timeline(r: &Report, lang: Lang) -> String {
    let dated: Vec<(usize, &CertReport, OffsetDateTime)> = r
        .certificates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.info.as_ref().map(|info| (i, c, info.not_after)))
        .collect();
    let lanes = [
        Status::Critical,
        Status::Warning,
        Status::Unknown,
        Status::Ok,
    ];
    let (w, left, right, top, lane_h) = (1000.0_f64, 130.0_f64, 955.0_f64, 28.0_f64, 34.0_f64);
    let axis_y = top + lane_h * lanes.len() as f64 + 6.0;
    let height = axis_y + 30.0;
    let at = r.checked_at;
    let min = dated.iter().map(|d| d.2).min().unwrap_or(at).min(at);
    let max = dated.iter().map(|d| d.2).max().unwrap_or(at).max(at);
    let start = month_start(min);
    let first_of = |y: i32, m: Month| {
        Date::from_calendar_date(y, m, 1)
            .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc())
            .unwrap_or(start)
    };
    let last = month_start(max);
    let (ey, em) = next_month(last.year(), last.month());
    let end = first_of(ey, em);
    let span = (end - start).as_seconds_f64().max(1.0);
    let x = |t: OffsetDateTime| left + (t - start).as_seconds_f64() / span * (right - left);
    let index = |y: i32, m: Month| y * 12 + i32::from(u8::from(m)) - 1;
    let end_index = index(end.year(), end.month());
    let months = (end_index - index(start.year(), start.month())).max(1);
    let step = [1, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months / s <= 11)
        .unwrap_or(240);
    let mut svg = String::new();
    let title = tr!(lang, "cert.report.timeline");
    svg.push_str(&format!(
        "<svg role=\"img\" aria-labelledby=\"tl-title tl-desc\" viewBox=\"0 0 {w} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"tl-title\">{}</title><desc id=\"tl-desc\">{}</desc>",
        esc(&title),
        esc(&tr!(
            lang,
            &words::count_key("cert.report.timeline_desc", dated.len() as i64),
            total = dated.len()
        ))
    ));
    for (n, s) in lanes.iter().enumerate() {
        let y = top + lane_h * n as f64;
        if n % 2 == 0 {
            svg.push_str(&format!(
                "<rect class=\"band\" x=\"{left}\" y=\"{y}\" width=\"{}\" height=\"{lane_h}\"/>",
                right - left
            ));
        }
        svg.push_str(&format!(
            "<text class=\"lane {}\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            class(*s),
            left - 8.0,
            y + lane_h / 2.0 + 4.0,
            esc(&words::status_label(*s, lang))
        ));
    }
    // Month ticks, aligned on the step (quarters start in January, …).
    let (mut y, mut m) = (start.year(), start.month());
    while index(y, m) <= end_index {
        if index(y, m) % step == 0 {
            let tx = x(first_of(y, m));
            svg.push_str(&format!(
                "<line class=\"tick\" x1=\"{tx:.1}\" y1=\"{top}\" x2=\"{tx:.1}\" y2=\"{axis_y}\"/>\
<text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                axis_y + 20.0,
                esc(&month_label(y, m, step >= 12, lang))
            ));
        }
        (y, m) = next_month(y, m);
    }
    svg.push_str(&format!(
        "<line class=\"axis\" x1=\"{left}\" y1=\"{axis_y}\" x2=\"{right}\" y2=\"{axis_y}\"/>"
    ));
    let nx = x(at);
    svg.push_str(&format!(
        "<line class=\"now\" x1=\"{nx:.1}\" y1=\"{:.1}\" x2=\"{nx:.1}\" y2=\"{axis_y}\"><title>{}</title></line>\
<text x=\"{nx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        top - 4.0,
        esc(&format!("{}: {}", tr!(lang, "cert.report.now"), rfc3339(at))),
        top - 8.0,
        esc(&tr!(lang, "cert.report.now"))
    ));
    for (i, c, not_after) in &dated {
        let lane = lanes.iter().position(|s| *s == c.status).unwrap_or(3);
        let jitter = ((i * 37) % 7) as f64 - 3.0;
        let cy = top + lane_h * lane as f64 + lane_h / 2.0 + jitter * 3.5;
        let mark = tr!(
            lang,
            "cert.report.mark_title",
            who = words::who(c),
            date = words::date(*not_after),
            left = words::row_days_left(c, r.checked_at, lang),
            status = words::status_label(c.status, lang)
        );
        svg.push_str(&format!(
            "<circle class=\"mark {}\" cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\"><title>{}</title></circle>",
            class(c.status),
            x(*not_after),
            esc(&mark)
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn table(r: &Report, lang: Lang) -> String {
    let mut rows: Vec<&CertReport> = r.certificates.iter().collect();
    // Rows without a date (unreadable sources) first, then fewest days left.
    rows.sort_by_key(|c| c.days_left.map_or((0, 0), |d| (1, d)));
    let mut out = String::from("<table><thead><tr>");
    for key in [
        "cert.report.col_status",
        "cert.report.col_company",
        "cert.report.col_issuer",
        "cert.report.col_serial",
        "cert.report.col_valid_until",
        "cert.report.col_days_left",
        "cert.report.col_problems",
    ] {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(&tr!(lang, key))));
    }
    out.push_str("</tr></thead><tbody>");
    for c in rows {
        let i = c.info.as_ref();
        let holder = match i {
            Some(i) => {
                let name = i
                    .common_name
                    .clone()
                    .unwrap_or_else(|| i.subject_display.clone());
                let id = match (&i.tax_code, &i.id_number) {
                    (Some(t), _) => format!("MST {t}"),
                    (None, Some(n)) => n.clone(),
                    _ => String::new(),
                };
                format!("{}<div class=\"small id\">{}</div>", esc(&name), esc(&id))
            }
            None => String::new(),
        };
        // Where it was found (a token's name, a file, a session), under the holder.
        let holder = format!(
            "{holder}<div class=\"small source\" title=\"{}\">{}</div>",
            esc(&tr!(lang, "cert.report.col_source")),
            esc(&c.place())
        );
        let problems: String = words::problems(c, lang)
            .iter()
            .map(|p| format!("<li>{}</li>", esc(p)))
            .collect();
        let problems = if problems.is_empty() {
            String::new()
        } else {
            format!("<ul class=\"problems\">{problems}</ul>")
        };
        out.push_str(&format!(
            "<tr class=\"{cls}\" data-status=\"{word}\"><td class=\"status\">{label}</td>\
<td>{holder}</td><td>{issuer}</td><td class=\"serial\">{serial}</td><td class=\"num\">{until}</td>\
<td class=\"num\">{days}</td><td>{problems}</td></tr>",
            cls = class(c.status),
            word = c.status.as_str(),
            label = esc(&words::status_label(c.status, lang)),
            issuer = esc(&i.map(|i| name_text_short(&i.issuer)).unwrap_or_default()),
            serial = esc(&i.map(|i| i.serial.clone()).unwrap_or_default()),
            until = esc(&i.map(|i| words::date(i.not_after)).unwrap_or_default()),
            days = c.days_left.map(|d| d.to_string()).unwrap_or_default(),
        ));
    }
    out.push_str("</tbody></table>");
    out
}

/// The page.
pub fn render(r: &Report, lang: Lang) -> String {
    let title = tr!(lang, "cert.report.title");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"dvc {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    out.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n<p class=\"meta\">{}</p>\n<ul class=\"counts\">",
        esc(&title),
        esc(&tr!(lang, "cert.report.checked_at", date = rfc3339(r.checked_at))),
        esc(&tr!(
            lang,
            "cert.report.overall",
            status = words::status_label(r.status, lang)
        ))
    ));
    for s in [
        Status::Critical,
        Status::Warning,
        Status::Unknown,
        Status::Ok,
    ] {
        out.push_str(&format!(
            "<li class=\"{}\"><b>{}</b>{}</li>",
            class(s),
            r.count(s),
            esc(&words::status_label(s, lang))
        ));
    }
    out.push_str("</ul>\n</header>\n");
    if r.certificates.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", esc(&tr!(lang, "cert.report.none"))));
    } else {
        out.push_str(&format!(
            "<section class=\"timeline\">\n<h2>{}</h2>\n{}\n</section>\n<section>\n<h2>{}</h2>\n{}\n</section>\n",
            esc(&tr!(lang, "cert.report.timeline")),
            timeline(r, lang),
            esc(&tr!(lang, "cert.report.table", total = r.certificates.len())),
            table(r, lang)
        ));
    }
    out.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&tr!(
            lang,
            "cert.report.footer",
            version = env!("CARGO_PKG_VERSION")
        ))
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
