//! Ctrl-C, SIGTERM and SIGHUP while `dvc` talks with a person.
//!
//! Installed only by the paths that prompt or wait (a script's `dvc session
//! token` keeps the default: the signal ends it at once). A thread receives
//! the signal (signal-hook) and raises a flag that prompts and waits read
//! every 100 ms; the main thread then stops cleanly: the terminal restored,
//! "interrupted" in the user's language, exit 130, nothing stored. When the
//! main thread cannot notice in time (blocked in a network request), the
//! signal thread restores the terminal and exits 130 itself after 300 ms,
//! unless a [`Critical`] section (a session being written) is running: that
//! finishes first, so that a write is never cut in half.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::i18n::Lang;

static INSTALLED: OnceLock<()> = OnceLock::new();
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static EXITING: AtomicBool = AtomicBool::new(false);
static CRITICAL: AtomicUsize = AtomicUsize::new(0);
static VIETNAMESE: AtomicBool = AtomicBool::new(false);
/// The terminal's settings when `dvc` started, restored on a forced exit.
static SAVED: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);
/// The controlling terminal's settings while a secret prompt has it raw
/// (it may not be stdin), restored on a forced exit.
static TTY: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);

/// Remembers the controlling terminal's settings before a prompt changes
/// them (`None` once they are restored).
pub fn remember_tty(saved: Option<rustix::termios::Termios>) {
    if let Ok(mut t) = TTY.lock() {
        *t = saved;
    }
}

/// How long the main thread has to notice an interruption by itself.
const GRACE: Duration = Duration::from_millis(300);

/// Installs the handler (once per process).
pub fn install(lang: Lang) {
    VIETNAMESE.store(lang == Lang::Vi, Ordering::Relaxed);
    INSTALLED.get_or_init(|| {
        if let Ok(mut saved) = SAVED.lock() {
            *saved = rustix::termios::tcgetattr(rustix::stdio::stdin()).ok();
        }
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            Ok(mut signals) => {
                let _ = std::thread::Builder::new()
                    .name("dvc-signals".into())
                    .spawn(move || {
                        for _ in signals.forever() {
                            on_signal();
                        }
                    });
            }
            Err(e) => log::debug!("cannot handle signals: {e}"),
        }
    });
}

fn on_signal() {
    let second = INTERRUPTED.swap(true, Ordering::SeqCst);
    log::debug!("interrupted");
    if second && CRITICAL.load(Ordering::SeqCst) == 0 {
        force_exit();
    }
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        if EXITING.load(Ordering::SeqCst) {
            return;
        }
        if start.elapsed() >= GRACE && CRITICAL.load(Ordering::SeqCst) == 0 {
            force_exit();
        }
    }
}

/// Restores the terminal and ends the process with 130.
fn force_exit() -> ! {
    if EXITING.swap(true, Ordering::SeqCst) {
        // The main thread is already on its way out.
        std::thread::sleep(Duration::from_millis(500));
    }
    restore_terminal();
    let lang = if VIETNAMESE.load(Ordering::Relaxed) {
        Lang::Vi
    } else {
        Lang::En
    };
    let _ = writeln!(
        std::io::stderr(),
        "dvc: {}",
        crate::tr!(lang, "error.interrupted")
    );
    std::process::exit(crate::error::exit::INTERRUPTED)
}

/// Puts the terminal back as it was: settings (echo, line editing), cursor
/// shown, the current line (a spinner) cleared.
pub fn restore_terminal() {
    if let Ok(saved) = TTY.lock() {
        if let Some(t) = saved.as_ref() {
            if let Ok(tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
                let _ = rustix::termios::tcsetattr(&tty, rustix::termios::OptionalActions::Now, t);
            }
        }
    }
    if let Ok(saved) = SAVED.lock() {
        if let Some(t) = saved.as_ref() {
            let _ = rustix::termios::tcsetattr(
                rustix::stdio::stdin(),
                rustix::termios::OptionalActions::Now,
                t,
            );
        }
    }
    if super::term::stderr_is_terminal() {
        let _ = std::io::stderr().write_all(b"\r\x1b[2K\x1b[?25h");
    }
}

/// Whether the user asked to stop.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Marks that the main thread is reporting and exiting by itself.
pub fn exiting() {
    EXITING.store(true, Ordering::SeqCst);
}

/// A section that must not be cut by a forced exit (writing a session).
#[derive(Debug)]
pub struct Critical(());

impl Critical {
    /// Enters the section.
    pub fn enter() -> Critical {
        CRITICAL.fetch_add(1, Ordering::SeqCst);
        Critical(())
    }
}

impl Drop for Critical {
    fn drop(&mut self) {
        CRITICAL.fetch_sub(1, Ordering::SeqCst);
    }
}
