//! A real pseudo-terminal for tests of what a person sees: the program runs
//! with a PTY as its stdin, stdout and stderr (so it believes a person is
//! there), its output is fed to a VT100 screen model, and the test reads the
//! screen, types keys and sends Ctrl-C as a person would.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// A program running in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

/// The shell wrapper that runs the program, then prints its exit code and
/// the terminal's state (`stty -a`) so a test can check both.
const WRAPPER: &str = r#"trap : INT; "$@"; code=$?; printf '\nEXIT=%s\n' "$code"; stty -a | tr -s ' ;' '\n\n' | grep -E '^-?(echo|icanon)$' | tr '\n' ' '; printf '\nDONE\n'; sleep 0.3"#;

impl Pty {
    /// Runs `cmd` (program, arguments, environment and directory are taken
    /// from it) in a `cols`×`rows` terminal, through a shell wrapper that
    /// reports the exit code and `stty -a` afterwards.
    pub fn spawn(cmd: &std::process::Command, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut b = CommandBuilder::new("/bin/sh");
        b.arg("-c");
        b.arg(WRAPPER);
        b.arg("sh");
        b.arg(cmd.get_program());
        for a in cmd.get_args() {
            b.arg(a);
        }
        b.env_clear();
        for (k, v) in std::env::vars_os() {
            b.env(k, v);
        }
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => b.env(k, v),
                None => b.env_remove(k),
            }
        }
        b.env("TERM", "xterm-256color");
        b.env("COLUMNS", cols.to_string());
        b.env("LINES", rows.to_string());
        b.env_remove("CI");
        b.env_remove("DVC_NO_INPUT");
        if let Some(d) = cmd.get_current_dir() {
            b.cwd(d);
        }
        let child = pair.slave.spawn_command(b).expect("spawn in pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s2, r2) = (screen.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        s2.lock().unwrap().process(&buf[..n]);
                        r2.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Pty {
            master: pair.master,
            writer,
            child,
            screen,
            raw,
        }
    }

    /// What the screen shows now, line by line (trailing blanks trimmed).
    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote so far, control sequences removed.
    pub fn history(&self) -> String {
        let raw = self.raw.lock().unwrap().clone();
        String::from_utf8_lossy(&strip_ansi(&raw)).into_owned()
    }

    /// Whether the cursor is hidden now.
    pub fn cursor_hidden(&self) -> bool {
        self.screen.lock().unwrap().screen().hide_cursor()
    }

    /// Waits until the screen (or, when it scrolled away, the history)
    /// contains `text`; panics with the screen after `timeout`.
    pub fn expect(&self, text: &str, timeout: Duration) {
        let end = Instant::now() + timeout;
        while Instant::now() < end {
            if self.screen().contains(text) || self.history().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the terminal never showed {text:?} within {timeout:?}; screen:\n{}\n--- history:\n{}",
            self.screen(),
            self.history()
        );
    }

    /// Whether `text` is on the screen within `timeout`.
    pub fn shows(&self, text: &str, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            if self.screen().contains(text) {
                return true;
            }
            if Instant::now() >= end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `text` (bytes as given: `\r` is Enter, `\x03` Ctrl-C).
    pub fn send(&mut self, text: &str) {
        self.writer
            .write_all(text.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Types a line and Enter.
    pub fn line(&mut self, text: &str) {
        self.send(text);
        self.send("\r");
    }

    /// Ctrl-C, as the terminal sends it (the line discipline turns it into
    /// SIGINT for the foreground process group).
    pub fn ctrl_c(&mut self) {
        self.send("\x03");
    }

    /// Waits for the program to end; returns its exit code (from the
    /// wrapper's `EXIT=` line) and the `stty` flags printed afterwards.
    pub fn finish(&mut self, timeout: Duration) -> Finished {
        self.expect("DONE", timeout);
        let h = self.history();
        let code = h
            .rsplit("EXIT=")
            .next()
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse().ok())
            .expect("exit code line");
        let stty = h
            .rsplit("EXIT=")
            .next()
            .and_then(|s| s.lines().nth(1))
            .unwrap_or("")
            .to_string();
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Finished {
            code,
            echo: stty.split_whitespace().any(|f| f == "echo"),
            icanon: stty.split_whitespace().any(|f| f == "icanon"),
            cursor_hidden: self.cursor_hidden(),
        }
    }

    /// Resizes the terminal.
    pub fn resize(&self, cols: u16, rows: u16) {
        let _ = self.master.resize(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        });
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// How a program in a PTY ended, and the terminal it left.
#[derive(Debug)]
pub struct Finished {
    /// Its exit code.
    pub code: i32,
    /// `stty` shows `echo` (typed characters are visible).
    pub echo: bool,
    /// `stty` shows `icanon` (line editing works).
    pub icanon: bool,
    /// The cursor is hidden (it should never be, afterwards).
    pub cursor_hidden: bool,
}

impl Finished {
    /// Asserts a sane terminal: echo and line editing on, cursor shown.
    pub fn assert_sane(&self) {
        assert!(self.echo, "echo is off after the program: {self:?}");
        assert!(self.icanon, "icanon is off after the program: {self:?}");
        assert!(!self.cursor_hidden, "the cursor is left hidden: {self:?}");
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("non-zero")
}

/// Removes ANSI escape sequences (CSI, OSC) and carriage returns.
pub fn strip_ansi(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            0x1b if raw.get(i + 1) == Some(&b'[') => {
                i += 2;
                while i < raw.len() && !(0x40..=0x7e).contains(&raw[i]) {
                    i += 1;
                }
                i += 1;
            }
            0x1b if raw.get(i + 1) == Some(&b']') => {
                i += 2;
                while i < raw.len() && raw[i] != 0x07 && raw[i] != 0x1b {
                    i += 1;
                }
                i += 1;
            }
            0x1b => i += 2,
            b'\r' => i += 1,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}
