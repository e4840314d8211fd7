//! `--format text`: for people, in their language, colours on a terminal.

use super::words;
use crate::cert::check::{Report, Status};
use crate::clock::rfc3339;
use crate::i18n::Lang;
use crate::tr;
use crate::ui::Painter;

fn paint_status(s: Status, paint: &Painter) -> String {
    let word = format!("{:<8}", s.as_str());
    match s {
        Status::Ok => paint.ok(&word),
        Status::Warning | Status::Unknown => paint.warn(&word),
        Status::Critical => paint.bad(&word),
    }
}

/// The report for people.
pub fn render(r: &Report, lang: Lang, paint: &Painter) -> String {
    let mut out = String::new();
    let pad = " ".repeat(10);
    for c in &r.certificates {
        out.push_str(&format!(
            "{}  {}\n",
            paint_status(c.status, paint),
            paint.bold(&words::who(c))
        ));
        if let Some(i) = &c.info {
            out.push_str(&format!(
                "{pad}{}\n",
                tr!(
                    lang,
                    "cert.check_line",
                    source = c.place(),
                    serial = i.serial,
                    date = rfc3339(i.not_after),
                    left = words::row_days_left(c, r.checked_at, lang)
                )
            ));
            out.push_str(&format!(
                "{pad}{}\n",
                tr!(
                    lang,
                    "cert.check_state",
                    chain = words::chain_word(c.chain, lang),
                    revocation = words::revocation_word(&c.revocation, lang)
                )
            ));
        }
        for p in words::problems(c, lang) {
            out.push_str(&format!("{pad}! {p}\n"));
        }
    }
    out.push_str(&words::summary(r, lang));
    out.push('\n');
    out
}
