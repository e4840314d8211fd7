//! A small HTTP server for tests (tiny_http on a free loopback port): serves
//! fixed bodies (with ETag revalidation), hangs, fails, or answers OCSP
//! through a callback, and records what it received.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex};

/// Computes an answer (status, body) from the path and the request body.
pub type Handler = Arc<dyn Fn(&str, &[u8]) -> (u16, Vec<u8>) + Send + Sync>;

/// What a path answers.
#[derive(Clone)]
pub enum Route {
    /// A body, with an optional ETag (304 on a matching If-None-Match).
    Body {
        body: Vec<u8>,
        etag: Option<String>,
        content_type: String,
    },
    /// Never answers (the connection stays open).
    Hang,
    /// A status with a body.
    Status(u16, Vec<u8>),
    /// Computes the answer from the request body (and the path, for OCSP GET).
    Dynamic(Handler),
}

/// A request the server saw.
#[derive(Debug, Clone)]
pub struct Seen {
    /// GET, POST, …
    pub method: String,
    /// The path.
    pub path: String,
    /// Headers, lower-case names.
    pub headers: Vec<(String, String)>,
}

/// The server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    /// Every request, in order.
    pub seen: Arc<Mutex<Vec<Seen>>>,
    server: Arc<tiny_http::Server>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

impl Server {
    /// Starts a server on a free loopback port.
    pub fn start() -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
        let port = server.server_addr().to_ip().unwrap().port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        {
            let (server, routes, seen) = (server.clone(), routes.clone(), seen.clone());
            std::thread::spawn(move || {
                for mut rq in server.incoming_requests() {
                    let path = rq.url().split('?').next().unwrap_or("").to_string();
                    let headers: Vec<(String, String)> = rq
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.as_str().to_string(),
                            )
                        })
                        .collect();
                    seen.lock().unwrap().push(Seen {
                        method: rq.method().as_str().to_string(),
                        path: path.clone(),
                        headers: headers.clone(),
                    });
                    let route = {
                        let r = routes.lock().unwrap();
                        r.get(&path).cloned().or_else(|| {
                            r.iter()
                                .find(|(k, _)| {
                                    k.ends_with('*') && path.starts_with(k.trim_end_matches('*'))
                                })
                                .map(|(_, v)| v.clone())
                        })
                    };
                    let mut body = Vec::new();
                    let _ = rq.as_reader().read_to_end(&mut body);
                    std::thread::spawn(move || {
                        let resp =
                            |code: u16, body: Vec<u8>, ct: &str, extra: Option<(&str, String)>| {
                                let mut r =
                                    tiny_http::Response::from_data(body).with_status_code(code);
                                r.add_header(
                                    tiny_http::Header::from_bytes("Content-Type", ct).unwrap(),
                                );
                                if let Some((k, v)) = extra {
                                    r.add_header(
                                        tiny_http::Header::from_bytes(k, v.as_bytes()).unwrap(),
                                    );
                                }
                                r
                            };
                        let _ = match route {
                            None => {
                                rq.respond(resp(404, b"not found".to_vec(), "text/plain", None))
                            }
                            Some(Route::Hang) => {
                                std::thread::sleep(std::time::Duration::from_secs(120));
                                Ok(())
                            }
                            Some(Route::Status(code, b)) => {
                                rq.respond(resp(code, b, "text/html", None))
                            }
                            Some(Route::Body {
                                body: b,
                                etag,
                                content_type,
                            }) => {
                                let inm = headers
                                    .iter()
                                    .find(|(k, _)| k == "if-none-match")
                                    .map(|(_, v)| v.clone());
                                match (&etag, inm) {
                                    (Some(e), Some(i)) if *e == i => rq.respond(resp(
                                        304,
                                        Vec::new(),
                                        &content_type,
                                        Some(("ETag", e.clone())),
                                    )),
                                    _ => rq.respond(resp(
                                        200,
                                        b,
                                        &content_type,
                                        etag.map(|e| ("ETag", e)),
                                    )),
                                }
                            }
                            Some(Route::Dynamic(f)) => {
                                let (code, b) = f(&path, &body);
                                rq.respond(resp(code, b, "application/ocsp-response", None))
                            }
                        };
                    });
                }
            });
        }
        Server {
            base: format!("http://127.0.0.1:{port}"),
            routes,
            seen,
            server,
        }
    }

    /// Sets what `path` answers (`/prefix*` matches a prefix).
    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    /// Serves a body.
    pub fn body(&self, path: &str, body: &[u8], etag: Option<&str>) {
        self.route(
            path,
            Route::Body {
                body: body.to_vec(),
                etag: etag.map(str::to_string),
                content_type: "application/octet-stream".into(),
            },
        );
    }

    /// The requests seen for a path.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// OpenSSL's own OCSP responder (`openssl ocsp -index ...`), killed on drop.
pub struct OpensslOcsp {
    child: std::process::Child,
}

impl Drop for OpensslOcsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl OpensslOcsp {
    /// Starts `openssl ocsp` on `port` for the PKI in `dir`, signing with
    /// `signer` (`responder` or `bad-responder`), with `multi` processes.
    pub fn start(dir: &std::path::Path, port: u16, signer: &str, multi: u32) -> OpensslOcsp {
        let mut cmd = std::process::Command::new("openssl");
        cmd.current_dir(dir).args([
            "ocsp",
            "-index",
            "index.txt",
            "-port",
            &port.to_string(),
            "-rsigner",
            &format!("{signer}.pem"),
            "-rkey",
            &format!("{signer}.key"),
            "-CA",
            "int.pem",
            "-nmin",
            "60",
            "-ignore_err",
        ]);
        if multi > 1 {
            cmd.args(["-multi", &multi.to_string()]);
        }
        // Wait for its "ACCEPT" line: probing the port with a bare connect
        // would wedge the single-process responder on that empty connection.
        let mut child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("openssl ocsp (apt-get install openssl)");
        let (tx, rx) = std::sync::mpsc::channel();
        for pipe in [
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                    if line.contains("ACCEPT") {
                        let _ = tx.send(());
                    }
                }
            });
        }
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("openssl ocsp did not start");
        OpensslOcsp { child }
    }
}
