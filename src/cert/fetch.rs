//! Network access of the certificate checks, shared by every check of a run:
//! one lazily created HTTP client (a connection pool), one download per CRL
//! or CA-certificate URL however many certificates need it, and a disk cache
//! (`$XDG_CACHE_HOME/dvc`) for CRLs (revalidated with `ETag` /
//! `Last-Modified` once older than the cache age, reused until `nextUpdate`)
//! and AIA CA certificates (kept 30 days).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::crl::{Crl, CrlError};
use super::source::SourceError;
use crate::net::{Http, NetError};

/// Why a download (OCSP answer, CRL, CA certificate) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Downloads are switched off for this check.
    Offline,
    /// Only `http` and `https` URLs are fetched.
    UnsupportedUrl {
        /// The URL.
        url: String,
    },
    /// The HTTP client could not be set up.
    Client(NetError),
    /// No answer, or a broken one.
    Network {
        /// The URL.
        url: String,
        /// How it failed.
        error: NetError,
    },
    /// An HTTP status other than the expected one.
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// A caIssuers URL that does not serve certificates.
    NotCertificates {
        /// The URL.
        url: String,
        /// What was wrong with the body.
        error: SourceError,
    },
    /// A CRL URL that does not serve a CRL.
    NotACrl {
        /// The URL.
        url: String,
        /// What was wrong with the body.
        error: CrlError,
    },
}

/// Largest CRL downloaded.
pub const MAX_CRL: usize = 256 * 1024 * 1024;
/// Largest OCSP response or CA certificate downloaded.
pub const MAX_SMALL: usize = 1024 * 1024;
/// How long a downloaded CA certificate is reused.
pub const CA_CACHE_DAYS: i64 = 30;

type Memo<T> = Mutex<HashMap<String, Arc<OnceLock<Result<T, FetchError>>>>>;

/// Fetches revocation data and CA certificates, with caching.
pub struct Fetcher {
    timeout: Duration,
    cache_dir: Option<PathBuf>,
    cache_max_age: time::Duration,
    now: OffsetDateTime,
    small: OnceLock<Result<Http, FetchError>>,
    large: OnceLock<Result<Http, FetchError>>,
    crls: Memo<Arc<Crl>>,
    issuers: Memo<Vec<Vec<u8>>>,
}

#[derive(Serialize, Deserialize)]
struct CrlMeta {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    fetched_at: OffsetDateTime,
}

fn cache_key(url: &str) -> String {
    super::decode::sha256_hex(url.as_bytes())[..32].to_ascii_lowercase()
}

fn memo<T: Clone>(
    map: &Memo<T>,
    key: &str,
    f: impl FnOnce() -> Result<T, FetchError>,
) -> Result<T, FetchError> {
    let cell = {
        let mut m = map.lock().unwrap_or_else(|p| p.into_inner());
        m.entry(key.to_string()).or_default().clone()
    };
    cell.get_or_init(f).clone()
}

impl Fetcher {
    /// A fetcher with a per-request timeout and a cache directory (none: no disk cache).
    pub fn new(
        timeout: Duration,
        cache_dir: Option<PathBuf>,
        cache_max_age: time::Duration,
        now: OffsetDateTime,
    ) -> Fetcher {
        Fetcher {
            timeout,
            cache_dir,
            cache_max_age,
            now,
            small: OnceLock::new(),
            large: OnceLock::new(),
            crls: Mutex::default(),
            issuers: Mutex::default(),
        }
    }

    fn http(&self, large: bool) -> Result<&Http, FetchError> {
        let (cell, max) = if large {
            (&self.large, MAX_CRL)
        } else {
            (&self.small, MAX_SMALL)
        };
        cell.get_or_init(|| Http::new(self.timeout, max, None).map_err(FetchError::Client))
            .as_ref()
            .map_err(|e| e.clone())
    }

    fn check_url(url: &str) -> Result<(), FetchError> {
        match url.split_once("://").map(|(s, _)| s.to_ascii_lowercase()) {
            Some(s) if s == "http" || s == "https" => Ok(()),
            _ => Err(FetchError::UnsupportedUrl {
                url: url.to_string(),
            }),
        }
    }

    /// Sends an OCSP request: POST, then GET (RFC 6960 A.1) when the
    /// responder refuses POST.
    pub fn ocsp(&self, url: &str, request_der: &[u8]) -> Result<Vec<u8>, FetchError> {
        use base64::Engine as _;
        Self::check_url(url)?;
        let http = self.http(false)?;
        let net = |error: NetError| FetchError::Network {
            url: url.to_string(),
            error,
        };
        let status = |status: u16| FetchError::Status {
            url: url.to_string(),
            status,
        };
        let resp = http
            .post(url, "application/ocsp-request", request_der.to_vec())
            .map_err(net)?;
        if resp.status == 200 {
            return Ok(resp.body);
        }
        if matches!(resp.status, 400 | 404 | 405 | 415 | 501) {
            let b64 = base64::engine::general_purpose::STANDARD.encode(request_der);
            let enc: String = url::form_urlencoded::byte_serialize(b64.as_bytes()).collect();
            let get_url = format!("{}/{}", url.trim_end_matches('/'), enc);
            let resp = http.get(&get_url, &[]).map_err(net)?;
            if resp.status == 200 {
                return Ok(resp.body);
            }
            return Err(status(resp.status));
        }
        Err(status(resp.status))
    }

    /// The certificates published at a caIssuers URL (DER, PKCS#7 or PEM).
    pub fn ca_issuers(&self, url: &str) -> Result<Vec<Vec<u8>>, FetchError> {
        memo(&self.issuers, url, || {
            Self::check_url(url)?;
            let path = self
                .cache_dir
                .as_ref()
                .map(|d| d.join("ca-issuers").join(format!("{}.bin", cache_key(url))));
            if let Some(p) = &path {
                let fresh = std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .map(|t| {
                        OffsetDateTime::from(t) + time::Duration::days(CA_CACHE_DAYS) > self.now
                    })
                    .unwrap_or(false);
                if fresh {
                    if let Ok(bytes) = std::fs::read(p) {
                        if let Ok(certs) = super::source::certificates_in(url, &bytes) {
                            return Ok(certs);
                        }
                    }
                }
            }
            let resp = self
                .http(false)?
                .get(url, &[])
                .map_err(|error| FetchError::Network {
                    url: url.to_string(),
                    error,
                })?;
            if resp.status != 200 {
                return Err(FetchError::Status {
                    url: url.to_string(),
                    status: resp.status,
                });
            }
            let certs = super::source::certificates_in(url, &resp.body).map_err(|error| {
                FetchError::NotCertificates {
                    url: url.to_string(),
                    error,
                }
            })?;
            if let Some(p) = &path {
                let _ = crate::fs::write_atomic(p, &resp.body, 0o644);
            }
            Ok(certs)
        })
    }

    fn crl_paths(&self, url: &str) -> Option<(PathBuf, PathBuf)> {
        let dir = self.cache_dir.as_ref()?.join("crl");
        let key = cache_key(url);
        Some((
            dir.join(format!("{key}.crl")),
            dir.join(format!("{key}.json")),
        ))
    }

    fn read_cached(paths: &(PathBuf, PathBuf)) -> Option<(Crl, CrlMeta)> {
        let meta: CrlMeta = serde_json::from_slice(&std::fs::read(&paths.1).ok()?).ok()?;
        let crl = Crl::parse(std::fs::read(&paths.0).ok()?).ok()?;
        Some((crl, meta))
    }

    fn store(paths: &(PathBuf, PathBuf), der: &[u8], meta: &CrlMeta) {
        if crate::fs::write_atomic(&paths.0, der, 0o644).is_ok() {
            if let Ok(json) = serde_json::to_vec_pretty(meta) {
                let _ = crate::fs::write_atomic(&paths.1, &json, 0o644);
            }
        }
    }

    /// The CRL at `url`: from this run's memory, the disk cache, or the network.
    pub fn crl(&self, url: &str) -> Result<Arc<Crl>, FetchError> {
        memo(&self.crls, url, || self.load_crl(url).map(Arc::new))
    }

    fn load_crl(&self, url: &str) -> Result<Crl, FetchError> {
        Self::check_url(url)?;
        let paths = self.crl_paths(url);
        let cached = paths.as_ref().and_then(Self::read_cached);
        let reuse = cached.as_ref().is_some_and(|(crl, meta)| {
            meta.fetched_at + self.cache_max_age > self.now
                && crl.next_update.is_none_or(|n| n > self.now)
        });
        if reuse {
            if let Some((crl, _)) = cached {
                return Ok(crl);
            }
        }
        let mut headers = Vec::new();
        if let Some((_, meta)) = &cached {
            if let Some(e) = &meta.etag {
                headers.push(("If-None-Match", e.clone()));
            }
            if let Some(l) = &meta.last_modified {
                headers.push(("If-Modified-Since", l.clone()));
            }
        }
        let resp = match self.http(true)?.get(url, &headers) {
            Ok(r) => r,
            Err(error) => {
                // The server is down: a cached CRL that is still current will do.
                if let Some((crl, _)) = cached {
                    if crl.next_update.is_none_or(|n| n > self.now) {
                        return Ok(crl);
                    }
                }
                return Err(FetchError::Network {
                    url: url.to_string(),
                    error,
                });
            }
        };
        match (resp.status, cached) {
            (304, Some((crl, mut meta))) => {
                meta.fetched_at = self.now;
                if let Some(p) = &paths {
                    Self::store(p, crl.der(), &meta);
                }
                Ok(crl)
            }
            (200, _) => {
                let crl = Crl::parse(resp.body.clone()).map_err(|error| FetchError::NotACrl {
                    url: url.to_string(),
                    error,
                })?;
                if let Some(p) = &paths {
                    let meta = CrlMeta {
                        url: url.to_string(),
                        etag: resp.header("etag"),
                        last_modified: resp.header("last-modified"),
                        fetched_at: self.now,
                    };
                    Self::store(p, &resp.body, &meta);
                }
                Ok(crl)
            }
            (status, _) => Err(FetchError::Status {
                url: url.to_string(),
                status,
            }),
        }
    }

    /// The cache directory.
    pub fn cache_dir(&self) -> Option<&Path> {
        self.cache_dir.as_deref()
    }
}
