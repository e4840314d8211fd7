//! The one terminal writer: every line `dvc` writes for a person goes
//! through here, so that a spinner and messages never fight over stderr
//! (a spinner is hidden while a line is written, then drawn again), and
//! nothing holds stderr locked for longer than one write.

use std::io::{self, IsTerminal, Write};
use std::sync::Mutex;

use unicode_width::UnicodeWidthChar;

/// The spinner on screen, if any.
static BAR: Mutex<Option<indicatif::ProgressBar>> = Mutex::new(None);

/// Whether stderr is a terminal.
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// The terminal's width in columns (80 when unknown).
pub fn width() -> usize {
    let (_, cols) = dialoguer::console::Term::stderr().size();
    if cols == 0 {
        80
    } else {
        cols as usize
    }
}

/// The terminal's height in rows (0 when unknown).
pub fn height() -> usize {
    dialoguer::console::Term::stderr().size().0 as usize
}

/// One writer lent to two users at once (the wait display and the QR code
/// of one login), each write borrowing it in turn.
pub struct Shared<'a, 'b>(pub &'a std::cell::RefCell<&'b mut dyn Write>);

impl Write for Shared<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// The width of `s` in terminal columns.
pub fn width_of(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Shortens `s` to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Makes `bar` the spinner on screen (lines written meanwhile suspend it).
pub fn set_bar(bar: Option<indicatif::ProgressBar>) {
    if let Ok(mut b) = BAR.lock() {
        *b = bar;
    }
}

/// Writes `bytes` to stderr, hiding the spinner while it is written.
pub fn write_stderr(bytes: &[u8]) -> io::Result<()> {
    let bar = BAR.lock().ok().and_then(|b| b.clone());
    match bar {
        Some(bar) => bar.suspend(|| {
            let mut e = io::stderr();
            e.write_all(bytes).and_then(|_| e.flush())
        }),
        None => {
            let mut e = io::stderr();
            e.write_all(bytes).and_then(|_| e.flush())
        }
    }
}

/// stderr for [`crate::cli::Context::err`]: whole lines go through
/// [`write_stderr`]; a partial line (a prompt) is written on `flush`.
#[derive(Debug, Default)]
pub struct StderrWriter {
    line: Vec<u8>,
}

impl Write for StderrWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.line.extend_from_slice(buf);
        if let Some(pos) = self.line.iter().rposition(|b| *b == b'\n') {
            let rest = self.line.split_off(pos + 1);
            let whole = std::mem::replace(&mut self.line, rest);
            write_stderr(&whole)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            let part = std::mem::take(&mut self.line);
            write_stderr(&part)?;
        }
        Ok(())
    }
}

impl Drop for StderrWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("Công ty TNHH Giải pháp Số", 10), "Công ty T…");
    }
}
