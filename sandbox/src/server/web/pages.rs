//! The web mode's HTML: templates in `pages/` (filled by `{{NAME}}`), the
//! escaping they need, and the QR code image of the VNeID page.

/// WSO2's `login.do`: both forms on the page, the tabs drawn by its script.
pub(crate) const WSO2_LOGIN: &str = include_str!("pages/wso2-login.html");
/// The USB and SIM forms of `login.do`, split by a comment.
const WSO2_FORMS: &str = include_str!("pages/wso2-forms.html");
/// The SIM tab's waiting page.
pub(crate) const WSO2_WAIT: &str = include_str!("pages/wso2-wait.html");
/// VNPT SmartCA's login page.
pub(crate) const SMARTCA_LOGIN: &str = include_str!("pages/smartca-login.html");
/// VNPT SmartCA's waiting page.
pub(crate) const SMARTCA_WAIT: &str = include_str!("pages/smartca-wait.html");
/// Keycloak's page layout (`template.ftl`).
pub(crate) const KC_LAYOUT: &str = include_str!("pages/kc-layout.html");
/// Keycloak's login form (`login.ftl`).
pub(crate) const KC_LOGIN: &str = include_str!("pages/kc-login.html");
/// Keycloak's one-time-code form (`login-otp.ftl`).
pub(crate) const KC_OTP: &str = include_str!("pages/kc-otp.html");
/// The VNeID QR login.
pub(crate) const KC_QR: &str = include_str!("pages/kc-qr.html");
/// Every other page: a title and a body.
const SIMPLE: &str = include_str!("pages/simple.html");

/// The USB form of `login.do`.
pub(crate) fn usb_form() -> &'static str {
    WSO2_FORMS.split("<!-- split -->").next().unwrap_or("")
}

/// The SIM form of `login.do`.
pub(crate) fn sim_form() -> &'static str {
    WSO2_FORMS.split("<!-- split -->").nth(1).unwrap_or("")
}

/// HTML-escapes text (and attribute values).
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Fills a template's `{{NAME}}`s (values are put as given: escape them first).
pub(crate) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// A page with a title and a line of text.
pub(crate) fn simple(title: &str, text: &str) -> String {
    page(title, &format!("<p>{}</p>", esc(text)))
}

/// A page with a title and an HTML body.
pub(crate) fn page(title: &str, body_html: &str) -> String {
    fill(SIMPLE, &[("TITLE", &esc(title)), ("BODY", body_html)])
}

/// Keycloak's error alert (`.alert-error .kc-feedback-text`).
pub(crate) fn kc_alert(text: &str) -> String {
    format!(
        "<div class=\"alert-error pf-c-alert pf-m-inline pf-m-danger\"><div class=\"pf-c-alert__icon\"><span class=\"fa fa-fw fa-exclamation-circle\"></span></div><span class=\"pf-c-alert__title kc-feedback-text\">{}</span></div>",
        esc(text)
    )
}

/// Removes `<form id="ID" ...>...</form>` from a page (the "page changed"
/// fault).
pub(crate) fn remove_form(html: &str, id: &str) -> String {
    let open = format!("<form id=\"{id}\"");
    let Some(start) = html.find(&open) else {
        return html.to_string();
    };
    let Some(len) = html[start..].find("</form>") else {
        return html.to_string();
    };
    format!(
        "{}{}",
        &html[..start],
        &html[start + len + "</form>".len()..]
    )
}

/// A PNG of the QR code of `content`: 6 pixels a module, a quiet zone of
/// four modules; and its side in pixels.
pub(crate) fn qr_png(content: &str) -> Result<(Vec<u8>, u32), String> {
    const SCALE: usize = 6;
    const QUIET: usize = 4;
    let code = qrcode::QrCode::new(content.as_bytes()).map_err(|e| e.to_string())?;
    let width = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for y in 0..width {
        for x in 0..width {
            if !dark[y * width + x] {
                continue;
            }
            for dy in 0..SCALE {
                let row = (y + QUIET) * SCALE + dy;
                let from = row * side + (x + QUIET) * SCALE;
                pixels[from..from + SCALE].fill(0);
            }
        }
    }
    let side32 = u32::try_from(side).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, side32, side32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&pixels).map_err(|e| e.to_string())?;
    }
    Ok((out, side32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_helpers() {
        assert!(usb_form().contains("id=\"usb_login_form\""));
        assert!(sim_form().contains("id=\"defaultOtpForm\""));
        assert_eq!(esc("a&b<\"'>"), "a&amp;b&lt;&quot;&#39;&gt;");
        assert_eq!(fill("x{{A}}y{{A}}", &[("A", "1")]), "x1y1");
        let page = format!("<p>{}</p>", usb_form());
        let without = remove_form(&page, "usb_login_form");
        assert_eq!(without, "<p>\n</p>");
        let (png, side) = qr_png("vneid://login?tx=1").unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        assert!(side > 100);
    }
}
