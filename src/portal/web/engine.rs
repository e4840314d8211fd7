//! The web login engine (portal-web.md §2): a fresh cookie jar, redirects
//! followed by hand within the recipe's origins, forms filled as the page's
//! own script fills them, waiting pages re-submitted, and the outcome judged
//! where the recipe says (the return to `rp_origin` with the session
//! cookies, or a failure code). It knows no portal: every name comes from
//! the [`Recipe`].

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use scraper::Html;

use super::form::{self, Form, FormMethod};
use super::recipe::{Recipe, Tab, Wait};
use crate::error::{Error, Result};
use crate::net::{CookieStoreMutex, Http, HttpSettings, Request, Response};
use crate::portal::{AuthFailure, Waiter};
use crate::session::{Secret, StoredCookie};

/// A page reached after following redirects.
pub struct Page {
    /// Its URL.
    pub url: url::Url,
    /// Its status.
    pub status: u16,
    /// Its HTML.
    pub body: String,
    /// Every URL of the redirect chain that led here (this one last).
    pub trail: Vec<url::Url>,
    /// The parsed HTML.
    pub doc: Html,
}

impl Page {
    /// The form matching `selector`.
    pub fn form(&self, selector: &str) -> Option<Form> {
        form::find(&self.doc, &self.url, selector)
    }

    fn query(&self, name: &str) -> Option<String> {
        self.trail.iter().rev().find_map(|u| {
            u.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        })
    }
}

/// What a page means for the login.
pub enum Verdict {
    /// Back at `rp_origin` with the session cookies: logged in.
    Success,
    /// A failure the recipe names.
    Failure(Error),
    /// Neither: the caller looks at the page (a form, a waiting page).
    Page(Page),
}

/// A browser for one login: its own cookie jar, the recipe's origins.
pub struct Browser<'r> {
    http: Http,
    jar: Arc<CookieStoreMutex>,
    /// The recipe.
    pub recipe: &'r Recipe,
    source: String,
    /// The `rp_origin` cookies (by name and path) before the login first
    /// went anywhere else; `None` until it has.
    pre_login: Option<BTreeMap<(String, String), String>>,
    /// The recipe's error patterns, compiled once.
    patterns: Vec<regex_lite::Regex>,
    timeout: Duration,
}

fn rp_url(recipe: &Recipe) -> Option<url::Url> {
    url::Url::parse(&recipe.rp_origin).ok()
}

impl<'r> Browser<'r> {
    /// A browser with a fresh, empty cookie jar.
    pub fn new(recipe: &'r Recipe, source: &str, settings: &HttpSettings) -> Result<Browser<'r>> {
        let jar = Arc::new(CookieStoreMutex::default());
        let mut s = settings.clone();
        s.cookies = Some(jar.clone());
        let http = Http::with(&s).map_err(|e| Error::net(&recipe.start_url, e))?;
        Ok(Browser {
            http,
            jar,
            recipe,
            source: source.to_string(),
            pre_login: None,
            patterns: recipe
                .errors
                .patterns
                .iter()
                .filter_map(|p| regex_lite::Regex::new(p).ok())
                .collect(),
            timeout: settings.timeout,
        })
    }

    /// The "page changed" error for a recipe key at `url`.
    pub fn changed(&self, key: &str, url: &url::Url) -> Error {
        Error::PageChanged {
            recipe: self.source.clone(),
            key: key.to_string(),
            expected: self.recipe.value_of(key).map(str::to_string),
            url: url.to_string(),
        }
    }

    fn allowed(&self, url: &url::Url) -> Result<()> {
        if self.recipe.allows(url) {
            Ok(())
        } else {
            Err(Error::OriginNotAllowed {
                recipe: self.source.clone(),
                url: url.to_string(),
            })
        }
    }

    /// Every cookie the jar holds for `url`'s host, whatever its path
    /// (a session cookie may be scoped to `/portal` while the login ends
    /// at `/`), by name and path.
    fn cookies_of(&self, url: &url::Url) -> BTreeMap<(String, String), String> {
        match self.jar.lock() {
            Ok(store) => store
                .iter_unexpired()
                .filter(|c| c.domain.matches(url))
                .map(|c| {
                    (
                        (c.name().to_string(), String::from(&c.path)),
                        c.value().to_string(),
                    )
                })
                .collect(),
            Err(_) => BTreeMap::new(),
        }
    }

    /// Before any request: the first one that goes anywhere but
    /// `rp_origin` takes the snapshot of the portal's cookies, whatever
    /// sends it (a redirect, a form, a held request).
    fn before_send(&mut self, url: &url::Url) {
        if self.pre_login.is_none() && !self.on_rp(url) {
            if let Some(rp) = rp_url(self.recipe) {
                self.pre_login = Some(self.cookies_of(&rp));
            }
        }
    }

    fn raw(
        &mut self,
        method: FormMethod,
        url: &url::Url,
        fields: &[(String, String)],
        held: Option<Duration>,
    ) -> Result<Response> {
        self.allowed(url)?;
        self.before_send(url);
        let u = url.as_str();
        let mut req = match method {
            FormMethod::Post => Request::form(u, fields),
            FormMethod::Get => {
                let mut with = url.clone();
                if !fields.is_empty() {
                    with.query_pairs_mut()
                        .extend_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                }
                return self.send_owned(FormMethod::Get, with, Vec::new(), held);
            }
        };
        req.timeout = held;
        self.http
            .send(req)
            .map_err(|e| crate::portal::oidc::net(u, e))
    }

    fn send_owned(
        &mut self,
        method: FormMethod,
        url: url::Url,
        fields: Vec<(String, String)>,
        held: Option<Duration>,
    ) -> Result<Response> {
        self.before_send(&url);
        let u = url.as_str();
        let mut req = match method {
            FormMethod::Post => Request::form(u, &fields),
            FormMethod::Get => Request::get(u),
        };
        req.timeout = held;
        self.http
            .send(req)
            .map_err(|e| crate::portal::oidc::net(u, e))
    }

    /// Whether `url` is on the portal (`rp_origin`).
    pub fn on_rp(&self, url: &url::Url) -> bool {
        rp_url(self.recipe).is_some_and(|rp| rp.origin() == url.origin())
    }

    /// Follows redirects from an answer to a page (at most the recipe's
    /// `max_redirects`), every hop within the recipe's origins.
    pub fn follow(&mut self, first: Response, from: url::Url) -> Result<Page> {
        let mut a = first;
        let mut url = from;
        let mut trail = vec![url.clone()];
        let mut hops = 0;
        loop {
            if !a.is_redirect() {
                let body = String::from_utf8_lossy(&a.body).into_owned();
                let doc = Html::parse_document(&body);
                return Ok(Page {
                    url,
                    status: a.status,
                    body,
                    trail,
                    doc,
                });
            }
            let loc = a.header("location").ok_or_else(|| {
                Error::unexpected(
                    a.status,
                    url.as_str(),
                    crate::portal::Unexpected::RedirectWithoutLocation,
                )
            })?;
            let next = url.join(&loc).map_err(|_| {
                Error::unexpected(a.status, url.as_str(), crate::portal::Unexpected::BadUrl)
            })?;
            if hops == self.recipe.max_redirects {
                return Err(Error::unexpected(
                    a.status,
                    url.as_str(),
                    crate::portal::Unexpected::RedirectLoop(self.recipe.max_redirects),
                ));
            }
            hops += 1;
            log::info!("redirect to {}", crate::net::mask_url(next.as_str()));
            self.allowed(&next)?;
            trail.push(next.clone());
            a = self.send_owned(FormMethod::Get, next.clone(), Vec::new(), None)?;
            url = next;
        }
    }

    /// GETs a URL and follows its redirects.
    pub fn get(&mut self, url: &url::Url) -> Result<Page> {
        self.allowed(url)?;
        let a = self.send_owned(FormMethod::Get, url.clone(), Vec::new(), None)?;
        self.follow(a, url.clone())
    }

    /// Submits a form and follows the redirects.
    pub fn submit(&mut self, f: &Form) -> Result<Page> {
        let a = self.raw(f.method, &f.action, &f.fields, None)?;
        let mut to = f.action.clone();
        if f.method == FormMethod::Get && !f.fields.is_empty() {
            to.query_pairs_mut()
                .extend_pairs(f.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        self.follow(a, to)
    }

    /// Submits a form whose answer may be held until a phone or an app
    /// answers: the request runs on its own thread while the wait is shown
    /// and Ctrl-C is watched.
    pub fn submit_held(&mut self, f: &Form, wait: &Wait, waiter: &mut dyn Waiter) -> Result<Page> {
        self.allowed(&f.action)?;
        self.before_send(&f.action);
        let held = Duration::from_secs(wait.timeout + 10);
        let http = self.http.clone();
        let (method, action, fields) = (f.method, f.action.clone(), f.fields.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let u = action.as_str().to_string();
            let mut req = match method {
                FormMethod::Post => Request::form(&u, &fields),
                FormMethod::Get => Request::get(&u),
            };
            req.timeout = Some(held);
            let _ = tx.send(http.send(req));
        });
        let expires = Duration::from_secs(wait.timeout);
        let start = Instant::now();
        // The wait is shown only once the answer is really held: a quick
        // refusal (an unknown phone, a wrong password) never says "confirm
        // on your phone".
        let mut shown = false;
        let answer = loop {
            if waiter.interrupted() {
                return Err(Error::Interrupted);
            }
            match rx.recv_timeout(Duration::from_millis(100)) {
                // Held past the confirmation's own limit: not confirmed in
                // time (exit 6), as a waiting page that expires says.
                Ok(Err(crate::net::NetError::Timeout)) if start.elapsed() >= expires => {
                    return Err(Error::PortalAuth {
                        failure: AuthFailure::TimedOut,
                        code: "TIMEOUT".into(),
                        description: String::new(),
                    })
                }
                Ok(r) => break r.map_err(|e| crate::portal::oidc::net(f.action.as_str(), e))?,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if !shown && start.elapsed() >= Duration::from_millis(1500) {
                        waiter.started(None, expires.saturating_sub(start.elapsed()));
                        shown = true;
                    }
                    if shown {
                        waiter.waiting(expires.saturating_sub(start.elapsed()));
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Error::net(
                        f.action.as_str(),
                        crate::net::NetError::Connect("the request thread ended".into()),
                    ))
                }
            }
        };
        self.follow(answer, f.action.clone())
    }

    /// Picks a tab as the page's own script does: a GET to the tab's path
    /// with its parameters and the page's `sessionDataKey`.
    pub fn tab(&mut self, page: &Page, tab: &Tab, key_name: &str) -> Result<Page> {
        let mut url = page
            .url
            .join(&tab.path)
            .map_err(|_| self.changed(&format!("{key_name}.tab.path"), &page.url))?;
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in &tab.params {
                q.append_pair(k, v);
            }
            if !tab.session_key.is_empty() {
                let key = page.query(&tab.session_key).ok_or_else(|| {
                    self.changed(&format!("{key_name}.tab.session_key"), &page.url)
                })?;
                q.append_pair(&tab.session_key, &key);
            }
        }
        log::info!("choosing the tab {}", crate::net::mask_url(url.as_str()));
        self.get(&url)
    }

    /// Judges a page: success, a failure the recipe names, or neither.
    pub fn judge(&self, page: Page) -> Verdict {
        let errors = &self.recipe.errors;
        for q in &errors.query {
            if let Some(code) = page.query(q).filter(|c| !c.is_empty()) {
                let description = errors
                    .description_query
                    .iter()
                    .find_map(|d| page.query(d))
                    .unwrap_or_default();
                return Verdict::Failure(self.failure(&code, &description));
            }
        }
        if self.on_rp(&page.url) && (200..300).contains(&page.status) && self.logged_in() {
            return Verdict::Success;
        }
        for re in &self.patterns {
            if let Some(code) = re
                .captures(&page.body)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
                .filter(|c| c != "null" && !c.is_empty())
            {
                return Verdict::Failure(self.failure(&code, ""));
            }
        }
        Verdict::Page(page)
    }

    /// The error for a failure code, by the recipe's meaning.
    pub fn failure(&self, code: &str, description: &str) -> Error {
        let failure = self
            .recipe
            .errors
            .codes
            .get(code)
            .and_then(|m| AuthFailure::from_name(m))
            .unwrap_or_else(|| AuthFailure::from_code(code));
        Error::PortalAuth {
            failure,
            code: code.to_string(),
            description: description.to_string(),
        }
    }

    /// Whether every session cookie of `rp_origin` is set, and was set or
    /// changed after the login left the portal. Never before it has left:
    /// a cookie set on the way in (a pre-login `JSESSIONID`) proves nothing.
    pub fn logged_in(&self) -> bool {
        let (Some(rp), Some(before)) = (rp_url(self.recipe), self.pre_login.as_ref()) else {
            return false;
        };
        let now = self.cookies_of(&rp);
        self.recipe.session_cookies.iter().all(|name| {
            now.iter()
                .any(|(k, v)| &k.0 == name && before.get(k).is_none_or(|b| b != v))
        })
    }

    /// Confirms a login where the portal says whether a session lives: a
    /// 2xx from `check_url` with the new cookies, not a redirect back to a
    /// login page. Cookies that only look right are never stored.
    pub fn confirm(&mut self, check_url: &url::Url) -> Result<()> {
        self.allowed(check_url)?;
        let a = self.send_owned(FormMethod::Get, check_url.clone(), Vec::new(), None)?;
        log::info!("check_url answered {}", a.status);
        if (200..300).contains(&a.status) {
            Ok(())
        } else {
            Err(Error::unexpected(
                a.status,
                check_url.as_str(),
                crate::portal::Unexpected::SessionNotAccepted,
            ))
        }
    }

    /// The cookies of `rp_origin` (the web session), with their attributes.
    pub fn session_cookies(&self) -> Vec<StoredCookie> {
        let Some(rp) = rp_url(self.recipe) else {
            return Vec::new();
        };
        let Ok(store) = self.jar.lock() else {
            return Vec::new();
        };
        store
            .iter_unexpired()
            .filter(|c| c.domain.matches(&rp))
            .map(|c| {
                let (domain, host_only) = match &c.domain {
                    cookie_store::CookieDomain::HostOnly(h) => (h.clone(), true),
                    cookie_store::CookieDomain::Suffix(s) => (s.clone(), false),
                    _ => (rp.host_str().unwrap_or("").to_string(), true),
                };
                StoredCookie {
                    name: c.name().to_string(),
                    value: Secret::new(c.value()),
                    domain,
                    host_only,
                    path: String::from(&c.path),
                    expires: match c.expires {
                        cookie_store::CookieExpiration::AtUtc(t) => Some(t),
                        cookie_store::CookieExpiration::SessionEnd => None,
                    },
                    secure: c.secure().unwrap_or(false),
                    http_only: c.http_only().unwrap_or(false),
                }
            })
            .collect()
    }

    /// A GET of a JSON document with the session's cookies (the account).
    pub fn json(&mut self, url: &url::Url) -> Result<serde_json::Value> {
        self.allowed(url)?;
        let a = self.send_owned(FormMethod::Get, url.clone(), Vec::new(), None)?;
        if a.status != 200 {
            return Err(Error::unexpected(
                a.status,
                url.as_str(),
                crate::portal::Unexpected::UserinfoError,
            ));
        }
        crate::portal::oidc::json(&a)
    }

    /// Waits on a waiting page (portal-web.md §2.5): shows its code,
    /// re-submits its form (or follows its refresh) at the page's interval
    /// until the outcome, the recipe's limit, or Ctrl-C. A page that is not
    /// a waiting page is returned as it is.
    pub fn wait(&mut self, first: Page, w: &Wait, waiter: &mut dyn Waiter) -> Result<Verdict> {
        let mut page = first;
        let expires = Duration::from_secs(w.timeout);
        let start = Instant::now();
        let mut shown_code: Option<String> = None;
        let mut started = false;
        loop {
            let form = w.form.as_deref().and_then(|f| page.form(f));
            let refresh = form::meta_refresh(&page.doc, &page.url);
            if form.is_none() && refresh.is_none() {
                return Ok(self.judge(page));
            }
            let code = w.code.as_deref().and_then(|c| form::text(&page.doc, c));
            if !started || (code.is_some() && code != shown_code) {
                waiter.started(code.as_deref(), expires.saturating_sub(start.elapsed()));
                started = true;
                shown_code = code;
            }
            let interval = refresh
                .as_ref()
                .map(|(s, _)| *s)
                .filter(|s| *s > 0)
                .unwrap_or(w.interval)
                .clamp(1, 60);
            let until = Instant::now() + Duration::from_secs(interval);
            while Instant::now() < until {
                if waiter.interrupted() {
                    return Err(Error::Interrupted);
                }
                waiter.waiting(expires.saturating_sub(start.elapsed()));
                std::thread::sleep(Duration::from_millis(100));
            }
            if start.elapsed() > expires + Duration::from_secs(10) {
                return Err(Error::PortalAuth {
                    failure: AuthFailure::TimedOut,
                    code: "TIMEOUT".into(),
                    description: String::new(),
                });
            }
            page = match form {
                Some(f) => self.submit(&f)?,
                None => {
                    let (_, to) = refresh.expect("checked above"); // ok: form or refresh exists
                    self.get(&to)?
                }
            };
            if waiter.interrupted() {
                return Err(Error::Interrupted);
            }
            match self.judge(page) {
                Verdict::Page(p) => page = p,
                done => return Ok(done),
            }
        }
    }

    /// The per-request timeout of this browser.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}
