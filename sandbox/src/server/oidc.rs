//! The OpenID Connect side of portal-login.md: discovery (§1), the
//! authorization endpoint (§2), tokens with PKCE and refresh rotation (§4,
//! §6), the id_token and JWKS, userinfo (§5), revocation (§7) and the
//! protected API (§8).

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use time::OffsetDateTime;

use super::fault::FaultKind;
use super::http::{b64url, enc, form_get, rand_b64, Reply, Req};
use super::Sandbox;
use crate::state::Account;

/// A login between `/oauth2/authorize` and the code, keyed by its sessionDataKey.
pub(crate) struct Pending {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) state: String,
    pub(crate) nonce: String,
    pub(crate) challenge: String,
    pub(crate) scope: String,
    /// The `commonAuthId` cookie it was given.
    pub(crate) cookie: String,
    pub(crate) created: Instant,
    /// Set once authenticated.
    pub(crate) code: Option<String>,
}

/// An authorization code.
pub(crate) struct Code {
    pub(crate) account: String,
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) challenge: String,
    pub(crate) nonce: String,
    pub(crate) scope: String,
    pub(crate) method: String,
    pub(crate) created: Instant,
    pub(crate) used: bool,
    /// The token family it gave, once exchanged.
    pub(crate) family: Option<String>,
}

/// A refresh token.
pub(crate) struct Refresh {
    pub(crate) family: String,
    pub(crate) account: String,
    pub(crate) client_id: String,
    pub(crate) nonce: String,
    pub(crate) scope: String,
    pub(crate) method: String,
    pub(crate) expires: Instant,
    /// Rotated away: presenting it again ends the family.
    pub(crate) dead: bool,
}

/// An access token.
pub(crate) struct Access {
    pub(crate) account: String,
    pub(crate) method: String,
    pub(crate) expires: Instant,
    pub(crate) family: String,
}

impl Sandbox {
    /// `GET /.well-known/openid-configuration` (and WSO2's path).
    pub(crate) fn discovery(&self) -> Reply {
        let i = &self.issuer;
        Reply::json(
            200,
            json!({
                "issuer": i,
                "authorization_endpoint": format!("{i}/oauth2/authorize"),
                "token_endpoint": format!("{i}/oauth2/token"),
                "jwks_uri": format!("{i}/oauth2/jwks"),
                "userinfo_endpoint": format!("{i}/oauth2/userinfo"),
                "revocation_endpoint": format!("{i}/oauth2/revoke"),
                "end_session_endpoint": format!("{i}/oidc/logout"),
                "dvc_authentication_endpoint": format!("{i}/commonauth"),
                "dvc_authenticators_supported": ["usb", "sim", "smartca"],
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "code_challenge_methods_supported": ["S256"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "subject_types_supported": ["public"],
                "scopes_supported": ["openid", "offline_access", "profile"],
                "token_endpoint_auth_methods_supported": ["none", "client_secret_basic"],
                "acr_values_supported": ["LoA1"],
                "claims_supported": ["sub", "LoaiTaiKhoan", "HoVaTen", "SoDinhDanh", "MaSoThue", "TenDoanhNghiep", "ThuDienTu", "SoDienThoai"],
                "x_sandbox": "dvc-sandbox",
            }),
        )
    }

    fn jwt_key(&self) -> Option<ring::signature::RsaKeyPair> {
        ring::signature::RsaKeyPair::from_pkcs8(&self.st().jwt_key_der()).ok()
    }

    /// `GET /oauth2/jwks`.
    pub(crate) fn jwks(&self) -> Reply {
        let kid = self.st().jwt_kid.clone();
        let Some(k) = self.jwt_key() else {
            return Reply::json(500, json!({"error": "no key"}));
        };
        let parts: ring::rsa::PublicKeyComponents<Vec<u8>> = k.public().into();
        let strip = |v: &[u8]| {
            v.iter()
                .skip_while(|b| **b == 0)
                .copied()
                .collect::<Vec<u8>>()
        };
        let (n, e) = (strip(&parts.n), strip(&parts.e));
        Reply::json(
            200,
            json!({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": b64url(&n), "e": b64url(&e)}]}),
        )
    }

    fn id_token(&self, account: &Account, client_id: &str, nonce: &str) -> String {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let kid = self.st().jwt_kid.clone();
        let aud = if self.fault(FaultKind::IdTokenAudience).is_some() {
            "someone-else".to_string()
        } else {
            client_id.to_string()
        };
        let nonce = if self.fault(FaultKind::IdTokenNonce).is_some() {
            "not-your-nonce".to_string()
        } else {
            nonce.to_string()
        };
        let mut claims = account.claims();
        if let Some(o) = claims.as_object_mut() {
            o.insert("iss".into(), self.issuer.clone().into());
            o.insert("aud".into(), json!([aud]));
            o.insert("azp".into(), client_id.into());
            o.insert("iat".into(), now.into());
            o.insert("exp".into(), (now + 3600).into());
            o.insert("auth_time".into(), now.into());
            o.insert("nonce".into(), nonce.into());
            o.insert("acr".into(), "LoA1".into());
        }
        let header = b64url(
            json!({"alg": "RS256", "typ": "JWT", "kid": kid})
                .to_string()
                .as_bytes(),
        );
        let payload = b64url(claims.to_string().as_bytes());
        let signing_input = format!("{header}.{payload}");
        let mut sig = Vec::new();
        if let Some(k) = self.jwt_key() {
            sig = vec![0u8; k.public().modulus_len()];
            let rng = ring::rand::SystemRandom::new();
            let _ = k.sign(
                &ring::signature::RSA_PKCS1_SHA256,
                &rng,
                signing_input.as_bytes(),
                &mut sig,
            );
        }
        if self.fault(FaultKind::IdTokenSignature).is_some() {
            if let Some(b) = sig.get_mut(10) {
                *b ^= 0xff;
            }
        }
        format!("{signing_input}.{}", b64url(&sig))
    }

    /// `GET /oauth2/authorize`: a new login (to the login page), or the hop
    /// back after a successful authentication (to the redirect_uri).
    pub(crate) fn authorize(&self, req: &Req) -> Reply {
        let q = &req.query;
        // The hop back after a successful authentication (WSO2 style).
        if let Some(key) = q.get("sessionDataKey") {
            let mut rt = self.rt();
            let Some(p) = rt.pending.get(key) else {
                return Reply::html(400, "<h1>Unknown or used login</h1>");
            };
            if req.cookie("commonAuthId").as_deref() != Some(p.cookie.as_str()) {
                return Reply::html(400, "<h1>The login cookie is missing</h1>");
            }
            let Some(code) = p.code.clone() else {
                return Reply::html(400, "<h1>Not authenticated yet</h1>");
            };
            let target = format!(
                "{}?code={}&state={}&iss={}&session_state={}",
                p.redirect_uri,
                enc(&code),
                enc(&p.state),
                enc(&self.issuer),
                rand_b64(12)
            );
            rt.pending.remove(key);
            return Reply::redirect(&target);
        }
        let client_id = q.get("client_id").cloned().unwrap_or_default();
        let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
        let Some(client) = self
            .st()
            .clients()
            .into_iter()
            .find(|c| c.client_id == client_id)
        else {
            return Reply::html(400, "<h1>Unknown client_id</h1>");
        };
        if !client.redirect_uris.contains(&redirect_uri) {
            return Reply::html(
                400,
                "<h1>redirect_uri is not registered for this client</h1>",
            );
        }
        let fail = |code: &str, desc: &str| {
            Reply::redirect(&format!(
                "{redirect_uri}?error={code}&error_description={}&state={}",
                enc(desc),
                enc(q.get("state").map(String::as_str).unwrap_or(""))
            ))
        };
        if q.get("response_type").map(String::as_str) != Some("code") {
            return fail("unsupported_response_type", "response_type must be code");
        }
        if !q
            .get("scope")
            .is_some_and(|s| s.split(' ').any(|x| x == "openid"))
        {
            return fail("invalid_scope", "scope must include openid");
        }
        let state = q.get("state").cloned().unwrap_or_default();
        let nonce = q.get("nonce").cloned().unwrap_or_default();
        if state.len() < 16 || nonce.len() < 16 {
            return fail(
                "invalid_request",
                "state and nonce must carry at least 128 random bits",
            );
        }
        let challenge = q.get("code_challenge").cloned().unwrap_or_default();
        if q.get("code_challenge_method").map(String::as_str) != Some("S256")
            || !(43..=128).contains(&challenge.len())
        {
            return fail(
                "invalid_request",
                "PKCE with code_challenge_method=S256 is required",
            );
        }
        let key = rand_b64(32);
        let cookie = rand_b64(18);
        self.rt().pending.insert(
            key.clone(),
            Pending {
                client_id,
                redirect_uri,
                state,
                nonce,
                challenge,
                scope: q.get("scope").cloned().unwrap_or_default(),
                cookie: cookie.clone(),
                created: Instant::now(),
                code: None,
            },
        );
        Reply::redirect(&format!("/authenticationendpoint/login.do?client_id={}&sessionDataKey={key}&authenticators=usb%3Bsim%3Bsmartca", enc(q.get("client_id").map(String::as_str).unwrap_or(""))))
            .with_header("Set-Cookie", &format!("commonAuthId={cookie}; Path=/; HttpOnly; SameSite=Lax"))
    }

    /// The code for an authenticated login, and the hop back to `/oauth2/authorize`.
    pub(crate) fn finish_login(&self, key: &str, account: &Account, method: &str) -> Reply {
        let code = rand_b64(24);
        let mut rt = self.rt();
        let Some(p) = rt.pending.get_mut(key) else {
            return Reply::json(401, json!({"error": "SESSION_EXPIRED"}));
        };
        p.code = Some(code.clone());
        let c = Code {
            account: account.id.clone(),
            client_id: p.client_id.clone(),
            redirect_uri: p.redirect_uri.clone(),
            challenge: p.challenge.clone(),
            nonce: p.nonce.clone(),
            scope: p.scope.clone(),
            method: method.into(),
            created: Instant::now(),
            used: false,
            family: None,
        };
        rt.codes.insert(code, c);
        Reply::redirect(&format!("/oauth2/authorize?sessionDataKey={}", enc(key)))
    }

    fn client_ok(&self, req: &Req, client_id: &str) -> bool {
        let Some(client) = self
            .st()
            .clients()
            .into_iter()
            .find(|c| c.client_id == client_id)
        else {
            return false;
        };
        match &client.client_secret {
            None => true,
            Some(secret) => req
                .header("authorization")
                .and_then(|h| h.strip_prefix("Basic "))
                .and_then(|b| {
                    use base64::Engine as _;
                    base64::engine::general_purpose::STANDARD
                        .decode(b.trim())
                        .ok()
                })
                .map(|d| String::from_utf8_lossy(&d).into_owned())
                .is_some_and(|d| d == format!("{client_id}:{secret}")),
        }
    }

    fn issue(
        &self,
        account: &str,
        client_id: &str,
        nonce: &str,
        scope: &str,
        method: &str,
        family: Option<String>,
    ) -> Value {
        let access = rand_b64(32);
        let refresh = rand_b64(32);
        let family = family.unwrap_or_else(|| rand_b64(8));
        let now = Instant::now();
        let acc = self.account_where(|a| a.id == account);
        {
            let mut rt = self.rt();
            rt.access.insert(
                access.clone(),
                Access {
                    account: account.into(),
                    method: method.into(),
                    expires: now + Duration::from_secs(self.opts.access_ttl),
                    family: family.clone(),
                },
            );
            rt.refresh.insert(
                refresh.clone(),
                Refresh {
                    family,
                    account: account.into(),
                    client_id: client_id.into(),
                    nonce: nonce.into(),
                    scope: scope.into(),
                    method: method.into(),
                    expires: now + Duration::from_secs(self.opts.refresh_ttl),
                    dead: false,
                },
            );
        }
        let mut v = json!({
            "access_token": access, "token_type": "Bearer", "expires_in": self.opts.access_ttl,
            "refresh_token": refresh, "scope": scope,
        });
        if let Some(a) = acc {
            v["id_token"] = self.id_token(&a, client_id, nonce).into();
        }
        v
    }

    /// `POST /oauth2/token`: the authorization_code and refresh_token grants.
    pub(crate) fn token(&self, req: &Req) -> Reply {
        let form = req.form();
        let g = |k: &str| form_get(&form, k).unwrap_or_default();
        let client_id = g("client_id");
        if !self.client_ok(req, &client_id) {
            return Reply::oauth_error(401, "invalid_client", "unknown client or wrong secret");
        }
        match g("grant_type").as_str() {
            "authorization_code" => {
                let code = g("code");
                let mut rt = self.rt();
                let Some(c) = rt.codes.get_mut(&code) else {
                    return Reply::oauth_error(400, "invalid_grant", "unknown code");
                };
                if c.used {
                    // A replayed code: the tokens it gave are revoked too.
                    let fam = c.family.clone();
                    if let Some(f) = fam {
                        rt.revoked_families.push(f);
                    }
                    return Reply::oauth_error(400, "invalid_grant", "the code was already used");
                }
                if c.created.elapsed() > Duration::from_secs(60) {
                    return Reply::oauth_error(400, "invalid_grant", "the code has expired");
                }
                if c.client_id != client_id || c.redirect_uri != g("redirect_uri") {
                    return Reply::oauth_error(
                        400,
                        "invalid_grant",
                        "client_id or redirect_uri differ from the authorization request",
                    );
                }
                let verifier = g("code_verifier");
                let computed = b64url(
                    ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref(),
                );
                if verifier.len() < 43 || computed != c.challenge {
                    return Reply::oauth_error(400, "invalid_grant", "PKCE verification failed");
                }
                c.used = true;
                let (account, nonce, scope, method) = (
                    c.account.clone(),
                    c.nonce.clone(),
                    c.scope.clone(),
                    c.method.clone(),
                );
                let family = rand_b64(8);
                c.family = Some(family.clone());
                *rt.stats
                    .grants
                    .entry("authorization_code".into())
                    .or_default() += 1;
                drop(rt);
                Reply::json(
                    200,
                    self.issue(&account, &client_id, &nonce, &scope, &method, Some(family)),
                )
            }
            "refresh_token" => {
                let token = g("refresh_token");
                let mut rt = self.rt();
                let Some(r) = rt.refresh.get(&token) else {
                    return Reply::oauth_error(400, "invalid_grant", "unknown refresh token");
                };
                let family = r.family.clone();
                if r.dead || rt.revoked_families.contains(&family) {
                    // Reuse of a rotated token: the whole session ends.
                    if r.dead {
                        rt.stats.refresh_reuse += 1;
                    }
                    rt.revoked_families.push(family);
                    return Reply::oauth_error(
                        400,
                        "invalid_grant",
                        "the refresh token was already used or revoked; log in again",
                    );
                }
                if r.expires < Instant::now() || r.client_id != client_id {
                    return Reply::oauth_error(
                        400,
                        "invalid_grant",
                        "the refresh token has expired or belongs to another client",
                    );
                }
                let (account, nonce, scope, method) = (
                    r.account.clone(),
                    r.nonce.clone(),
                    r.scope.clone(),
                    r.method.clone(),
                );
                if let Some(r) = rt.refresh.get_mut(&token) {
                    r.dead = true;
                }
                *rt.stats.grants.entry("refresh_token".into()).or_default() += 1;
                drop(rt);
                Reply::json(
                    200,
                    self.issue(&account, &client_id, &nonce, &scope, &method, Some(family)),
                )
            }
            other => Reply::oauth_error(
                400,
                "unsupported_grant_type",
                &format!("grant_type {other:?} is not supported"),
            ),
        }
    }

    fn access_account(&self, req: &Req) -> Option<(Account, String)> {
        let token = req.bearer()?;
        let (account, method) = {
            let rt = self.rt();
            let a = rt.access.get(&token)?;
            if a.expires < Instant::now() || rt.revoked_families.contains(&a.family) {
                return None;
            }
            (a.account.clone(), a.method.clone())
        };
        let acc = self.account_where(|a| a.id == account)?;
        Some((acc, method))
    }

    fn invalid_token() -> Reply {
        Reply::oauth_error(
            401,
            "invalid_token",
            "the access token is unknown, expired or revoked",
        )
        .with_header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
    }

    /// `GET|POST /oauth2/userinfo`.
    pub(crate) fn userinfo(&self, req: &Req) -> Reply {
        match self.access_account(req) {
            Some((a, _)) => Reply::json(200, a.claims()),
            None => Self::invalid_token(),
        }
    }

    /// `GET /api/me`: the protected API.
    pub(crate) fn api_me(&self, req: &Req) -> Reply {
        match self.access_account(req) {
            Some((a, method)) => Reply::json(
                200,
                json!({"account": a.claims(), "method": method, "portal": "Cổng Dịch vụ công Quốc gia (sandbox)"}),
            ),
            None => Self::invalid_token(),
        }
    }

    /// `POST /oauth2/revoke` (RFC 7009): 200 whether or not the token was known.
    pub(crate) fn revoke(&self, req: &Req) -> Reply {
        let form = req.form();
        let token = form_get(&form, "token").unwrap_or_default();
        let mut rt = self.rt();
        let family = rt
            .refresh
            .get(&token)
            .map(|r| r.family.clone())
            .or_else(|| rt.access.get(&token).map(|a| a.family.clone()));
        if let Some(f) = family {
            rt.revoked_families.push(f);
        }
        Reply::json(200, json!({}))
    }
}
