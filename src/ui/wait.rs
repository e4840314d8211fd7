//! Showing a wait for the phone or the app: the verification code, then a
//! spinner with the seconds left, advanced by the polling loop itself (no
//! ticker thread, so nothing can wait on a lock held elsewhere). Without a
//! terminal, one plain line. Ctrl-C is read through [`super::signals`].

use std::io::Write;
use std::time::Duration;

use crate::i18n::Lang;
use crate::portal::Waiter;
use crate::tr;

/// What is being waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitFor {
    /// A confirmation on the phone (SIM).
    Phone,
    /// A confirmation in the VNPT SmartCA app.
    SmartcaApp,
    /// A QR code scanned and confirmed in the VNeID app.
    VneidApp,
}

impl WaitFor {
    fn message(self, lang: Lang) -> String {
        match self {
            WaitFor::Phone => tr!(lang, "login.wait_sim"),
            WaitFor::SmartcaApp => tr!(lang, "login.wait_smartca"),
            WaitFor::VneidApp => tr!(lang, "login.wait_vneid"),
        }
    }

    fn code_line(self, lang: Lang, code: &str) -> String {
        match self {
            WaitFor::Phone => tr!(lang, "login.code_phone", code = code),
            _ => tr!(lang, "login.code_app", code = code),
        }
    }
}

/// A [`Waiter`] for a person: the code and a spinner on a terminal, plain
/// lines otherwise.
pub struct WaitDisplay<'a> {
    err: &'a mut dyn Write,
    lang: Lang,
    what: WaitFor,
    terminal: bool,
    quiet: bool,
    announced: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl<'a> WaitDisplay<'a> {
    /// A display writing to `err` (stderr); `terminal` when stderr is one.
    pub fn new(
        err: &'a mut dyn Write,
        lang: Lang,
        what: WaitFor,
        terminal: bool,
        quiet: bool,
    ) -> WaitDisplay<'a> {
        super::signals::install(lang);
        WaitDisplay {
            err,
            lang,
            what,
            terminal,
            quiet,
            announced: false,
            bar: None,
        }
    }
}

impl Waiter for WaitDisplay<'_> {
    fn started(&mut self, code: Option<&str>, expires_in: Duration) {
        if let Some(code) = code {
            let line = self.what.code_line(self.lang, code);
            if self.what == WaitFor::VneidApp {
                // Under a QR code that fills the screen (80×24): no blank
                // lines, so its top and the heading above stay in view.
                let _ = writeln!(self.err, "    {line}");
            } else {
                let _ = writeln!(self.err, "\n    {line}\n");
            }
            let _ = self.err.flush();
        }
        if self.quiet {
            return;
        }
        if let Some(b) = &self.bar {
            // Called again (the code arrived after the wait was shown).
            b.set_message(format!(
                "{} ({})",
                self.what.message(self.lang),
                tr!(self.lang, "login.seconds_left", secs = expires_in.as_secs())
            ));
            b.tick();
            return;
        }
        if self.announced && !self.terminal {
            return;
        }
        let msg = format!(
            "{} ({})",
            self.what.message(self.lang),
            tr!(self.lang, "login.seconds_left", secs = expires_in.as_secs())
        );
        self.announced = true;
        if !self.terminal {
            let _ = writeln!(self.err, "{msg}");
            let _ = self.err.flush();
            return;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            None,
            indicatif::ProgressDrawTarget::term_like_with_hz(Box::new(Margin::stderr()), 10),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.set_message(msg);
        bar.tick();
        super::term::set_bar(Some(bar.clone()));
        self.bar = Some(bar);
    }

    fn waiting(&mut self, left: Duration) {
        if let Some(b) = &self.bar {
            b.set_message(format!(
                "{} ({})",
                self.what.message(self.lang),
                tr!(self.lang, "login.seconds_left", secs = left.as_secs())
            ));
            b.tick();
        }
    }

    fn interrupted(&self) -> bool {
        super::signals::interrupted()
    }
}

/// stderr as indicatif sees it, three columns narrower than it is.
/// indicatif pads its last line to the width to keep the cursor at the
/// margin; there, the `^C` the terminal echoes on Ctrl-C would wrap to a new
/// line, and clearing the spinner would clear that line instead, leaving
/// the spinner on screen above "interrupted".
#[derive(Debug)]
struct Margin(dialoguer::console::Term);

impl Margin {
    fn stderr() -> Margin {
        Margin(dialoguer::console::Term::stderr())
    }
}

impl indicatif::TermLike for Margin {
    fn width(&self) -> u16 {
        let (_, cols) = self.0.size();
        let cols = if cols == 0 { 80 } else { cols };
        cols.saturating_sub(3).max(10)
    }
    fn height(&self) -> u16 {
        self.0.size().0
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_up(n)
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_down(n)
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_right(n)
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_left(n)
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.0.write_line(s)
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.write_str(s)
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.0.clear_line()
    }
    fn flush(&self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl Drop for WaitDisplay<'_> {
    fn drop(&mut self) {
        if let Some(b) = self.bar.take() {
            super::term::set_bar(None);
            b.finish_and_clear();
        }
    }
}
