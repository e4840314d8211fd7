//! Benchmark (issue 12): reading a 200 KB login page as the web engine
//! does (parse the HTML, find the method's form, read its every control).
//! Prints the median and the worst of N runs; `benches/web_login.py` calls it.
//!
//!     cargo run --release --example bench_html [RUNS]

use std::time::Instant;

fn page(size: usize) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đăng nhập</title>\
         <script>let USB_ERROR_CODE = null;</script></head><body><div class=\"container\">",
    );
    let mut i = 0;
    while s.len() < size {
        s.push_str(&format!(
            "<div class=\"row item-{i}\"><span class=\"label\">Thủ tục hành chính số {i}</span>\
             <a href=\"/p/home/dvc-chi-tiet-thu-tuc.html?ma_thu_tuc={i}&amp;x=1\">Xem chi tiết</a>\
             <p>Cổng Dịch vụ công Quốc gia: kết nối, cung cấp thông tin, thủ tục hành chính.</p></div>\n"
        ));
        i += 1;
    }
    s.push_str(
        "<form id=\"usb_login_form\" name=\"pin_form\" action=\"../commonauth\" method=\"POST\">\
         <input type=\"text\" name=\"sessionDataKey\" value=\"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\" hidden>\
         <input type=\"hidden\" name=\"serial\"><input type=\"hidden\" name=\"signedData\">\
         <input type=\"hidden\" name=\"dataBeforeSign\"><input type=\"hidden\" name=\"tocommonauth\" value=\"true\">\
         <button type=\"button\" onclick=\"signUsb()\">Đăng nhập</button></form>\
         <form id=\"defaultOtpForm\" name=\"pin_form\" action=\"../commonauth\" method=\"POST\">\
         <input type=\"tel\" name=\"phone\"><input type=\"hidden\" name=\"sessionDataKey\" value=\"k\"></form>\
         </div></body></html>",
    );
    s
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let html = page(200 * 1024);
    let base = url::Url::parse(
        "https://xacthuc.dichvucong.gov.vn/authenticationendpoint/login.do?sessionDataKey=k",
    )
    .expect("url");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let doc = scraper::Html::parse_document(&html);
        let form = dvc::portal::web::form::find(&doc, &base, "#usb_login_form").expect("form");
        assert_eq!(form.get("sessionDataKey").map(str::len), Some(36));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "html: {} KB page, parse + form: median {:.2} ms, worst {:.2} ms over {runs} runs (goal <= 5 ms)",
        html.len() / 1024,
        times[runs / 2],
        times[runs - 1]
    );
}
