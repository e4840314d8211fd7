//! The web mode's HTTPS listener: the sandbox TLS CA (kept in the data dir,
//! apart from the demo PKI whose certificates the SSO checks), a server
//! certificate for every host name, made at each start, and a small
//! HTTP/1.1 server over rustls: one thread per connection, keep-alive,
//! `Content-Length` bodies. (tiny_http's TLS support is built on an old
//! rustls; a connection of our own also lets a fault really close it.)

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::super::http::{Reply, Req};
use crate::pki::{self, Ca, Key, Name, Role, Spec};

/// The CA certificate (PEM), given to clients with `--ca-file`.
pub(crate) const CA_FILE: &str = "tls-ca.pem";
/// Its key (PKCS#8 PEM, 0600).
const CA_KEY_FILE: &str = "tls-ca-key.pem";

/// Headers larger than this end the connection.
const MAX_HEAD: usize = 64 * 1024;
/// Bodies larger than this end the connection.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// An idle kept-alive connection is closed after this.
const IDLE: Duration = Duration::from_secs(30);

fn ca_spec() -> Spec {
    Spec::new(
        Role::Ca { path_len: Some(0) },
        Name::new()
            .c("VN")
            .o("dvc-sandbox")
            .cn("dvc-sandbox TLS CA (thử nghiệm, không dùng thật)"),
    )
    .days(-1, 365 * 10)
}

/// The sandbox TLS CA of `data`, made on first use.
fn ca(data: &Path) -> Result<Ca, String> {
    let cert_path = data.join(CA_FILE);
    let key_path = data.join(CA_KEY_FILE);
    if let (Ok(cert), Ok(key)) = (
        std::fs::read_to_string(&cert_path),
        std::fs::read_to_string(&key_path),
    ) {
        let der = pem_body(&cert).ok_or_else(|| format!("{}: not PEM", cert_path.display()))?;
        return Ca::restore(&ca_spec(), Key::from_pem(&key)?, der);
    }
    std::fs::create_dir_all(data).map_err(|e| format!("{}: {e}", data.display()))?;
    let ca = Ca::self_signed(&ca_spec(), Key::ec()?)?;
    dvc::fs::write_atomic(&key_path, ca.key().pem().as_bytes(), 0o600)
        .map_err(|e| e.to_string())?;
    dvc::fs::write_atomic(
        &cert_path,
        pki::pem("CERTIFICATE", ca.der()).as_bytes(),
        0o644,
    )
    .map_err(|e| e.to_string())?;
    Ok(ca)
}

fn pem_body(pem: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let b64: String = pem
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

/// The TLS configuration for `hosts`, and the CA file that verifies it.
pub(crate) fn server_config(
    data: &Path,
    hosts: &[&str],
) -> Result<(Arc<rustls::ServerConfig>, PathBuf), String> {
    let ca = ca(data)?;
    let key = Key::ec()?;
    let mut spec = Spec::new(
        Role::TlsServer,
        Name::new()
            .c("VN")
            .o("dvc-sandbox")
            .cn(hosts.first().copied().unwrap_or("localhost")),
    )
    .days(-1, 397);
    for h in hosts {
        spec = spec.dns(*h);
    }
    let der = ca.issue(&spec, &key)?;
    let chain = vec![CertificateDer::from(der)];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.pkcs8().to_vec()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .map_err(|e| e.to_string())?;
    Ok((Arc::new(config), data.join(CA_FILE)))
}

/// What to do with a request.
pub(crate) enum Answer {
    /// Send this answer.
    Reply(Reply),
    /// Promise this answer's body, send half of it, close the connection.
    Truncated(Reply),
    /// Close the connection without a byte.
    Close,
}

/// Answers a request; the second argument is the TLS server name (SNI).
pub(crate) type Handler = Arc<dyn Fn(&Req, Option<&str>) -> Answer + Send + Sync>;

/// A running HTTPS listener.
pub(crate) struct Listener {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Listener {
    /// Serves `listener` with `config`, each request answered by `handler`.
    pub(crate) fn start(
        listener: TcpListener,
        config: Arc<rustls::ServerConfig>,
        handler: Handler,
    ) -> Result<Listener, String> {
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("dvc-sandbox-web".into())
            .spawn(move || {
                for conn in listener.incoming() {
                    if flag.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(tcp) = conn else { continue };
                    let (config, handler) = (config.clone(), handler.clone());
                    let _ =
                        std::thread::Builder::new().spawn(move || connection(tcp, config, handler));
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Listener {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// Its port.
    pub(crate) fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Stops accepting connections; returns once the port is closed.
    pub(crate) fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop, which then sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop();
    }
}

type Tls = rustls::StreamOwned<rustls::ServerConnection, TcpStream>;

/// One connection: requests answered in turn until either side closes.
fn connection(tcp: TcpStream, config: Arc<rustls::ServerConfig>, handler: Handler) {
    let _ = tcp.set_read_timeout(Some(IDLE));
    let _ = tcp.set_nodelay(true);
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut buf: Vec<u8> = Vec::new();
    while let Some((req, keep)) = read_request(&mut tls, &mut buf) {
        let sni = tls.conn.server_name().map(str::to_string);
        let answer = handler(&req, sni.as_deref());
        let ok = match answer {
            Answer::Reply(r) => write_reply(&mut tls, &r, keep, None),
            Answer::Truncated(r) => {
                let _ = write_reply(&mut tls, &r, false, Some(r.body.len() / 2));
                false
            }
            Answer::Close => false,
        };
        if !ok || !keep {
            break;
        }
    }
    tls.conn.send_close_notify();
    let _ = tls.flush();
    let _ = tls.sock.shutdown(std::net::Shutdown::Both);
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one request; `None` at the end of the connection or on a request
/// it cannot read. The flag says whether the connection stays open.
fn read_request(tls: &mut Tls, buf: &mut Vec<u8>) -> Option<(Req, bool)> {
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_HEAD {
            return None;
        }
        match tls.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split_whitespace();
    let (method, target, version) = (first.next()?, first.next()?, first.next()?);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if header("transfer-encoding").is_some() {
        // Only Content-Length bodies (every client of the sandbox sends them).
        return None;
    }
    let len: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if len > MAX_BODY {
        return None;
    }
    let keep = match header("connection").map(str::to_ascii_lowercase) {
        Some(c) if c.contains("close") => false,
        Some(c) if c.contains("keep-alive") => true,
        _ => version == "HTTP/1.1",
    };
    buf.drain(..head_end + 4);
    while buf.len() < len {
        match tls.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body: Vec<u8> = buf.drain(..len).collect();
    let (path, q) = target.split_once('?').unwrap_or((target, ""));
    let req = Req {
        method: method.to_ascii_uppercase(),
        path: path.to_string(),
        query: url::form_urlencoded::parse(q.as_bytes())
            .into_owned()
            .collect(),
        headers,
        body,
    };
    Some((req, keep))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        303 => "See Other",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Writes an answer (all of its body, or only `cut` bytes of it); false
/// when the connection broke.
fn write_reply(tls: &mut Tls, r: &Reply, keep: bool, cut: Option<usize>) -> bool {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\nServer: dvc-sandbox\r\n\r\n",
        r.body.len(),
        if keep { "keep-alive" } else { "close" }
    ));
    let body = &r.body[..cut.unwrap_or(r.body.len()).min(r.body.len())];
    tls.write_all(head.as_bytes()).is_ok() && tls.write_all(body).is_ok() && tls.flush().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_is_made_once_and_kept() {
        let dir = tempfile_dir();
        let (_, ca_file) = server_config(&dir, &["a.test", "b.test"]).unwrap();
        let first = std::fs::read(&ca_file).unwrap();
        let (_, again) = server_config(&dir, &["a.test"]).unwrap();
        assert_eq!(std::fs::read(again).unwrap(), first, "the CA is made once");
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> PathBuf {
        let mut b = [0u8; 8];
        crate::server::http::random_fill(&mut b);
        std::env::temp_dir().join(format!("dvc-sandbox-tls-{}", crate::hex_upper(&b)))
    }
}
