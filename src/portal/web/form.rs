//! HTML forms read as a browser reads them (portal-web.md §2.2): picked by a
//! selector, the `action` (entities decoded by the HTML parser) resolved
//! against the page, the method, and every successful control the page put
//! in the form, whatever its type or a `hidden` attribute; not buttons, not
//! unchecked boxes, not disabled controls.

use scraper::{ElementRef, Html, Selector};

/// The HTTP method of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormMethod {
    /// `GET`: the fields go in the query.
    Get,
    /// `POST`: the fields go in the body.
    Post,
}

/// A form ready to be submitted. Its `Debug` names the fields, never
/// their values (a password, a signature, a code).
#[derive(Clone)]
pub struct Form {
    /// Where it goes.
    pub action: url::Url,
    /// How.
    pub method: FormMethod,
    /// Its fields, in page order.
    pub fields: Vec<(String, String)>,
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form")
            .field("action", &crate::net::mask_url(self.action.as_str()))
            .field("method", &self.method)
            .field(
                "fields",
                &self.fields.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Form {
    /// The value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the page put a field of that name in the form.
    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| n == name)
    }

    /// Sets a field: the first of that name is replaced, else it is added.
    pub fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some(f) => f.1 = value.to_string(),
            None => self.fields.push((name.to_string(), value.to_string())),
        }
    }
}

/// Whether a selector (already checked by the recipe) matches anything.
pub fn exists(doc: &Html, selector: &str) -> bool {
    Selector::parse(selector)
        .ok()
        .is_some_and(|s| doc.select(&s).next().is_some())
}

/// The text of the first element matching `selector`, trimmed, with inner
/// whitespace collapsed.
pub fn text(doc: &Html, selector: &str) -> Option<String> {
    let s = Selector::parse(selector).ok()?;
    let el = doc.select(&s).next()?;
    let t = el.text().collect::<Vec<_>>().join(" ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// An attribute of the first element matching `selector`.
pub fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    let s = Selector::parse(selector).ok()?;
    doc.select(&s)
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// Reads the form matching `selector` on a page at `page_url`.
pub fn find(doc: &Html, page_url: &url::Url, selector: &str) -> Option<Form> {
    let s = Selector::parse(selector).ok()?;
    let el = doc.select(&s).next()?;
    if el.value().name() != "form" {
        return None;
    }
    Some(read(el, page_url))
}

fn read(form: ElementRef<'_>, page_url: &url::Url) -> Form {
    let action = form
        .value()
        .attr("action")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .and_then(|a| page_url.join(a).ok())
        .unwrap_or_else(|| page_url.clone());
    let method = match form.value().attr("method") {
        Some(m) if m.eq_ignore_ascii_case("post") => FormMethod::Post,
        _ => FormMethod::Get,
    };
    let mut fields = Vec::new();
    let controls = Selector::parse("input, select, textarea").ok();
    for el in controls.iter().flat_map(|s| form.select(s)) {
        let v = el.value();
        let Some(name) = v.attr("name").filter(|n| !n.is_empty()) else {
            continue;
        };
        if v.attr("disabled").is_some() {
            continue;
        }
        match v.name() {
            "input" => {
                let ty = v.attr("type").unwrap_or("text").to_ascii_lowercase();
                match ty.as_str() {
                    "submit" | "button" | "image" | "reset" | "file" => continue,
                    "checkbox" | "radio" if v.attr("checked").is_none() => continue,
                    "checkbox" | "radio" => fields.push((
                        name.to_string(),
                        v.attr("value").unwrap_or("on").to_string(),
                    )),
                    _ => fields.push((name.to_string(), v.attr("value").unwrap_or("").to_string())),
                }
            }
            "select" => {
                let opts = Selector::parse("option").ok();
                let options: Vec<ElementRef<'_>> = opts.iter().flat_map(|s| el.select(s)).collect();
                let chosen: Vec<&ElementRef<'_>> = options
                    .iter()
                    .filter(|o| o.value().attr("selected").is_some())
                    .collect();
                let value_of = |o: &ElementRef<'_>| {
                    o.value()
                        .attr("value")
                        .map(str::to_string)
                        .unwrap_or_else(|| o.text().collect::<String>().trim().to_string())
                };
                if chosen.is_empty() {
                    if v.attr("multiple").is_none() {
                        if let Some(first) = options.first() {
                            fields.push((name.to_string(), value_of(first)));
                        }
                    }
                } else {
                    for o in chosen {
                        fields.push((name.to_string(), value_of(o)));
                    }
                }
            }
            "textarea" => fields.push((name.to_string(), el.text().collect::<String>())),
            _ => {}
        }
    }
    Form {
        action,
        method,
        fields,
    }
}

/// The target and delay of a `<meta http-equiv="refresh" content="N; url=…">`.
pub fn meta_refresh(doc: &Html, page_url: &url::Url) -> Option<(u64, url::Url)> {
    let s = Selector::parse("meta[http-equiv]").ok()?;
    let m = doc.select(&s).find(|m| {
        m.value()
            .attr("http-equiv")
            .is_some_and(|h| h.eq_ignore_ascii_case("refresh"))
    })?;
    let content = m.value().attr("content")?;
    let (secs, rest) = match content.split_once([';', ',']) {
        Some((a, b)) => (a, b),
        None => (content, ""),
    };
    let secs = secs.trim().parse::<f64>().ok()?.max(0.0) as u64;
    let rest = rest.trim();
    let target = rest
        .strip_prefix("url=")
        .or_else(|| rest.strip_prefix("URL="))
        .map(|u| u.trim().trim_matches(['\'', '"']))
        .filter(|u| !u.is_empty());
    let url = match target {
        Some(u) => page_url.join(u).ok()?,
        None => page_url.clone(),
    };
    Some((secs, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
      <form id="usb_login_form" name="pin_form" action="../commonauth?a=1&amp;b=2" method="POST">
        <input type="text" name="sessionDataKey" value="k-1" hidden>
        <input type="hidden" name="serial">
        <input type="checkbox" name="remember" value="yes">
        <input type="checkbox" name="agree" checked>
        <input type="submit" name="go" value="Go">
        <input name="off" value="x" disabled>
        <select name="lang"><option value="vi">VI</option><option value="en" selected>EN</option></select>
        <textarea name="note">hi</textarea>
        <button type="button" name="b">Đăng nhập</button>
      </form>
      <form id="defaultOtpForm" name="pin_form"><input name="phone"></form>
      <meta http-equiv="Refresh" content="3; url=/wait?x=1">
    </body></html>"#;

    #[test]
    fn every_successful_control() {
        let doc = Html::parse_document(PAGE);
        let base = url::Url::parse("https://sso.vn/authenticationendpoint/login.do?x=1").unwrap();
        let f = find(&doc, &base, "#usb_login_form").unwrap();
        assert_eq!(f.action.as_str(), "https://sso.vn/commonauth?a=1&b=2");
        assert_eq!(f.method, FormMethod::Post);
        let names: Vec<&str> = f.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sessionDataKey", "serial", "agree", "lang", "note"]);
        assert_eq!(f.get("sessionDataKey"), Some("k-1"));
        assert_eq!(f.get("lang"), Some("en"));
        let g = find(&doc, &base, "#defaultOtpForm").unwrap();
        assert_eq!(g.method, FormMethod::Get);
        assert_eq!(g.action, base);
        assert!(find(&doc, &base, "#nope").is_none());
        let (secs, to) = meta_refresh(&doc, &base).unwrap();
        assert_eq!((secs, to.as_str()), (3, "https://sso.vn/wait?x=1"));
    }
}
