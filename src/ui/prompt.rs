//! Questions to a person: a menu, a line of text, a secret (PIN, password,
//! one-time code), a yes/no. Commands ask through the [`Prompter`] of their
//! context, never dialoguer or the terminal directly, so a test can answer
//! from a script ([`ScriptedPrompter`]).
//!
//! The terminal prompter restores the terminal on every way out: Ctrl-C
//! (exit 130 with "interrupted"), Esc in a menu, an error. Menus fit the
//! terminal's width (one line per entry, cut with …) and leave no lines
//! behind; secrets are read with echo off from the terminal itself and
//! wiped from memory after use.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::os::fd::AsFd;

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Asks a person.
pub trait Prompter {
    /// A menu; returns the index chosen.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// A line of text, with an optional default.
    fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<String>;
    /// A secret, never echoed.
    fn secret(&mut self, prompt: &str) -> Result<SecretString>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    /// A line of text that `check` accepts: a refused answer is shown with
    /// `check`'s reason and the question asked again, as a person expects
    /// (the answer is trimmed before the check).
    fn text_checked(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        loop {
            let v = self.text(prompt, default)?.trim().to_string();
            if check(&v).is_ok() {
                return Ok(v);
            }
        }
    }
}

fn io_err(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::Interrupted {
        Error::Interrupted
    } else {
        Error::io("<terminal>", e)
    }
}

fn dialoguer_err(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(e) => io_err(e),
    }
}

/// The real terminal (stderr for output, the controlling terminal for input).
#[derive(Debug)]
pub struct TerminalPrompter {
    lang: Lang,
}

impl TerminalPrompter {
    /// A prompter speaking `lang` (for its key hints).
    pub fn new(lang: Lang) -> TerminalPrompter {
        TerminalPrompter { lang }
    }

    fn term(&self) -> dialoguer::console::Term {
        super::signals::install(self.lang);
        dialoguer::console::Term::stderr()
    }
}

/// Shows the cursor again, whatever happened.
struct CursorGuard(dialoguer::console::Term);

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
        let _ = self.0.flush();
    }
}

impl Prompter for TerminalPrompter {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        let term = self.term();
        let _cursor = CursorGuard(term.clone());
        let (rows, cols) = term.size();
        let width = if cols == 0 { 80 } else { cols as usize };
        // One line per entry: "> " and a margin, so nothing wraps and the
        // menu is cleared exactly.
        let shown: Vec<String> = items
            .iter()
            .map(|i| super::term::truncate(i, width.saturating_sub(4).max(10)))
            .collect();
        let max = (rows as usize).saturating_sub(3).max(3);
        let pick = dialoguer::Select::with_theme(&dialoguer::theme::SimpleTheme)
            .with_prompt(super::term::truncate(prompt, width.saturating_sub(2)))
            .items(&shown)
            .default(default.min(items.len().saturating_sub(1)))
            .max_length(max)
            .report(false)
            .interact_on_opt(&term)
            .map_err(dialoguer_err)?;
        if super::signals::interrupted() {
            return Err(Error::Interrupted);
        }
        let i = pick.ok_or(Error::Interrupted)?;
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            super::term::truncate(&format!("{prompt}: {}", items[i]), width.saturating_sub(1))
        );
        Ok(i)
    }

    fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<String> {
        self.term();
        // Read as the secret is, but echoed: the line is never redrawn, so
        // a prompt or an answer wider than the terminal leaves nothing
        // behind, and Ctrl-C ends the line before "interrupted".
        let shown = match default {
            Some(d) => format!("{prompt} [{d}]"),
            None => prompt.to_string(),
        };
        loop {
            let line = read_line(&shown, true)?;
            let v = line.expose_secret().trim().to_string();
            match (v.is_empty(), default) {
                (false, _) => return Ok(v),
                (true, Some(d)) => return Ok(d.to_string()),
                (true, None) => continue,
            }
        }
    }

    fn secret(&mut self, prompt: &str) -> Result<SecretString> {
        self.term();
        read_secret(prompt)
    }

    fn text_checked(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        let term = self.term();
        let _cursor = CursorGuard(term.clone());
        let theme = RefusalTheme { lang: self.lang };
        let mut input = dialoguer::Input::<String>::with_theme(&theme)
            .with_prompt(prompt)
            .allow_empty(default.is_some())
            .validate_with(|v: &String| check(v.trim()));
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        let v = input.interact_text_on(&term).map_err(dialoguer_err)?;
        if super::signals::interrupted() {
            return Err(Error::Interrupted);
        }
        Ok(v.trim().to_string())
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        let term = self.term();
        let _cursor = CursorGuard(term.clone());
        let v = dialoguer::Confirm::with_theme(&dialoguer::theme::SimpleTheme)
            .with_prompt(prompt)
            .default(default)
            .interact_on_opt(&term)
            .map_err(dialoguer_err)?;
        if super::signals::interrupted() {
            return Err(Error::Interrupted);
        }
        v.ok_or(Error::Interrupted)
    }
}

/// dialoguer's simple theme, with a refused answer's reason under a label
/// in the user's language (dialoguer's own is English).
struct RefusalTheme {
    lang: Lang,
}

impl dialoguer::theme::Theme for RefusalTheme {
    fn format_error(&self, f: &mut dyn std::fmt::Write, err: &str) -> std::fmt::Result {
        write!(f, "{}: {err}", crate::tr!(self.lang, "ui.refused"))
    }
}

/// The terminal with echo, line editing and signal keys off, restored on
/// drop (Ctrl-C then arrives as a byte, and is answered as "interrupted").
struct RawGuard {
    tty: std::fs::File,
    saved: rustix::termios::Termios,
}

impl RawGuard {
    fn new() -> std::io::Result<RawGuard> {
        use rustix::termios::{
            tcgetattr, tcsetattr, LocalModes, OptionalActions, SpecialCodeIndex,
        };
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        let saved = tcgetattr(tty.as_fd())?;
        let mut raw = saved.clone();
        raw.local_modes &= !(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG);
        raw.special_codes[SpecialCodeIndex::VMIN] = 1;
        raw.special_codes[SpecialCodeIndex::VTIME] = 0;
        super::signals::remember_tty(Some(saved.clone()));
        tcsetattr(tty.as_fd(), OptionalActions::Now, &raw)?;
        Ok(RawGuard { tty, saved })
    }
}

impl Drop for RawGuard {
    fn drop(&mut self) {
        let _ = rustix::termios::tcsetattr(
            self.tty.as_fd(),
            rustix::termios::OptionalActions::Now,
            &self.saved,
        );
        super::signals::remember_tty(None);
    }
}

/// Reads a secret from the controlling terminal: no echo, Backspace and
/// Ctrl-U edit, Enter ends, Ctrl-C and Ctrl-D (on an empty line) interrupt.
pub fn read_secret(prompt: &str) -> Result<SecretString> {
    read_line(prompt, false)
}

/// Where the reader is in an escape sequence.
#[derive(Clone, Copy)]
enum Escape {
    None,
    Started,
    Sequence,
}

/// Reads a line from the controlling terminal in raw mode, echoing what is
/// typed (`echo`) or nothing (a secret). Backspace and Ctrl-U edit, Enter
/// ends, Ctrl-C and Ctrl-D (on an empty line) interrupt.
fn read_line(prompt: &str, echo: bool) -> Result<SecretString> {
    // Echo goes off before the prompt appears: a PIN typed at once is
    // never shown.
    let guard = RawGuard::new().map_err(|e| Error::io("/dev/tty", e))?;
    let mut err = super::term::StderrWriter::default();
    let _ = write!(err, "{prompt}: ");
    let _ = err.flush();
    let mut tty = &guard.tty;
    let mut bytes = Zeroizing::new(Vec::<u8>::new());
    let mut escape = Escape::None;
    let outcome = loop {
        let mut b = [0u8; 1];
        match tty.read(&mut b) {
            Ok(0) => break Err(Error::Interrupted),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                if super::signals::interrupted() {
                    break Err(Error::Interrupted);
                }
                continue;
            }
            Err(e) => break Err(Error::io("/dev/tty", e)),
        }
        // An escape sequence (arrows, Home, F-keys) is skipped whole.
        match (escape, b[0]) {
            (Escape::None, 0x1b) => {
                escape = Escape::Started;
                continue;
            }
            (Escape::Started, b'[' | b'O') => {
                escape = Escape::Sequence;
                continue;
            }
            (Escape::Started, _) => {
                escape = Escape::None;
                continue;
            }
            (Escape::Sequence, 0x40..=0x7e) => {
                escape = Escape::None;
                continue;
            }
            (Escape::Sequence, _) => continue,
            (Escape::None, _) => {}
        }
        match b[0] {
            b'\r' | b'\n' => break Ok(()),
            0x03 => {
                if echo {
                    let _ = err.write_all(b"^C");
                }
                break Err(Error::Interrupted);
            }
            0x04 if bytes.is_empty() => break Err(Error::Interrupted),
            0x7f | 0x08 => {
                // Remove one UTF-8 character.
                let mut removed = false;
                while let Some(last) = bytes.pop() {
                    removed = true;
                    if last & 0xC0 != 0x80 {
                        break;
                    }
                }
                if echo && removed {
                    let _ = err.write_all(b"\x08 \x08");
                }
            }
            0x15 => {
                if echo {
                    let n = String::from_utf8_lossy(&bytes).chars().count();
                    for _ in 0..n {
                        let _ = err.write_all(b"\x08 \x08");
                    }
                }
                bytes.clear()
            }
            // Other control keys (arrows, Tab, Esc sequences) are ignored.
            c if c < 0x20 => {}
            c => {
                bytes.push(c);
                if echo {
                    let _ = err.write_all(&[c]);
                }
            }
        }
        if echo {
            let _ = err.flush();
        }
        zeroize::Zeroize::zeroize(&mut b);
    };
    drop(guard);
    let _ = writeln!(err);
    outcome?;
    let s = String::from_utf8(bytes.to_vec()).map_err(|_| {
        Error::io(
            "/dev/tty",
            std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"),
        )
    })?;
    Ok(SecretString::from(s))
}

/// One scripted answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The index a menu returns.
    Select(usize),
    /// A line of text (or a secret).
    Text(String),
    /// Yes or no.
    Confirm(bool),
    /// The person pressed Ctrl-C.
    Interrupt,
}

/// A prompter that answers from a script, in order, and records every
/// question (for tests of commands).
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    answers: VecDeque<Answer>,
    /// The questions asked, in order (`select: …`, `text: …`, `secret: …`).
    pub asked: Vec<String>,
}

impl ScriptedPrompter {
    /// A prompter giving `answers` in order.
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> ScriptedPrompter {
        ScriptedPrompter {
            answers: answers.into_iter().collect(),
            asked: Vec::new(),
        }
    }

    fn next(&mut self, question: String) -> Result<Answer> {
        self.asked.push(question);
        match self.answers.pop_front() {
            Some(Answer::Interrupt) => Err(Error::Interrupted),
            Some(a) => Ok(a),
            None => Err(Error::Usage {
                message: "the test script has no answer left".into(),
                hint: None,
            }),
        }
    }
}

impl Prompter for ScriptedPrompter {
    fn select(&mut self, prompt: &str, items: &[String], _default: usize) -> Result<usize> {
        match self.next(format!("select: {prompt} [{}]", items.join(" | ")))? {
            Answer::Select(i) if i < items.len() => Ok(i),
            other => Err(Error::Usage {
                message: format!("scripted answer {other:?} does not fit a menu"),
                hint: None,
            }),
        }
    }

    fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<String> {
        match self.next(format!("text: {prompt}"))? {
            Answer::Text(t) if t.is_empty() => Ok(default.unwrap_or("").to_string()),
            Answer::Text(t) => Ok(t),
            other => Err(Error::Usage {
                message: format!("scripted answer {other:?} does not fit a text question"),
                hint: None,
            }),
        }
    }

    fn secret(&mut self, prompt: &str) -> Result<SecretString> {
        match self.next(format!("secret: {prompt}"))? {
            Answer::Text(t) => Ok(SecretString::from(t)),
            other => Err(Error::Usage {
                message: format!("scripted answer {other:?} does not fit a secret"),
                hint: None,
            }),
        }
    }

    fn text_checked(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        loop {
            let v = self.text(prompt, default)?;
            let v = v.trim().to_string();
            match check(&v) {
                Ok(()) => return Ok(v),
                Err(reason) => self.asked.push(format!("refused: {reason}")),
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        match self.next(format!("confirm: {prompt}"))? {
            Answer::Confirm(b) => Ok(b),
            Answer::Text(t) if t.is_empty() => Ok(default),
            other => Err(Error::Usage {
                message: format!("scripted answer {other:?} does not fit a confirmation"),
                hint: None,
            }),
        }
    }
}
