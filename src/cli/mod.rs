//! The command line: the clap tree, the [`Context`] every command receives,
//! and the one place where errors are printed and turned into exit codes.
//!
//! Each command lives in its own module as an `Args` struct and a `run`
//! function that takes a `&mut Context`. Commands never read the process
//! environment, the clock or the real terminal themselves: [`main`] captures
//! those once into the context, so tests can drive `run` directly.

pub mod api;
pub mod cert;
pub mod completion;
pub mod login;
pub mod logout;
pub mod man;
pub mod profile;
pub mod recipe;
pub mod session;
pub mod status;
pub mod token;
mod usb;
mod words;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand};

use crate::auth::AuthEnv;
use crate::clock::{Clock, SystemClock};
use crate::config::{Config, Profile, ProfileName};
use crate::error::{exit, Error, Result};
use crate::i18n::Lang;
use crate::net::{ConnectTo, HttpSettings};
use crate::paths::Paths;
use crate::pkcs11::Module;
use crate::session::{Secret, SessionStore};
use crate::tr;
use crate::ui::{Painter, Prompter};

/// `dvc`: Cổng Dịch vụ công Quốc gia from the shell.
#[derive(Debug, Parser)]
#[command(
    name = "dvc",
    version,
    about = "Log in to Vietnam's government portals from the shell (VNeID, USB token, SIM, SmartCA), keep the session safe, check the certificates behind it",
    long_about = "dvc logs in to the national public service portal (Cổng Dịch vụ công Quốc gia) \
with a VNeID account (ID, password and one-time code, or the VNeID app's QR), and to WSO2-style \
SSOs (the portal's legacy accounts, ministries, provinces) with a USB token, a digital-signature \
SIM or VNPT SmartCA. It stores the session in the OS keyring (or a private file), hands it to \
scripts (an access token, or the web session's cookies), and checks the certificates behind it.",
    after_long_help = EXIT_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// Profile: one business or person on one portal [default: the config's default_profile, else "default"].
    #[arg(long, global = true, env = "DVC_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Config file [default: $XDG_CONFIG_HOME/dvc/config.toml].
    #[arg(long, global = true, env = "DVC_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal).
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG].
    #[arg(long, global = true, value_enum, value_name = "vi|en")]
    pub lang: Option<LangArg>,
    /// More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl's meaning; repeatable); for trying a recipe against a local copy of a portal.
    #[arg(long, global = true, value_name = "HOST:PORT:ADDRESS:PORT2", value_parser = parse_connect_to)]
    pub connect_to: Vec<ConnectTo>,
    /// Extra CA certificates (PEM) for the portal's TLS (a private CA, a local copy of a portal).
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Less on stderr: only errors.
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "verbose")]
    pub quiet: u8,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--lang` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

fn parse_connect_to(s: &str) -> std::result::Result<ConnectTo, String> {
    // clap's words are English; the usage error says the value and the form.
    ConnectTo::parse(s).map_err(|e| e.to_string())
}

/// The exit codes and environment, appended to `--help` and the man page.
pub const EXIT_HELP: &str = "\
Exit codes:
  0    success
  1    error (network, portal, I/O, bad data)
  2    usage error, or an answer needed under --no-input
  4    login needed: no session, or it expired and could not be refreshed
  5    PIN problem: wrong PIN, PIN locked, or refused at the token's final try
  6    the confirmation on the phone / in the app was rejected or timed out
  130  interrupted
  dvc cert check uses the monitoring-plugin codes instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.

Environment:
  DVC_TOKEN          an access token to use as is (dvc session token prints it; nothing is stored)
  DVC_PKCS11_MODULE  PKCS#11 library to load
  DVC_PKCS11_SEARCH_PATH  directories searched for the known vendor modules (':'-separated)
  DVC_PROFILE        profile, as --profile
  DVC_CONFIG         config file, as --config
  DVC_LANG           language, as --lang (else LC_ALL, LC_MESSAGES, LANG: vi* means Vietnamese)
  DVC_NO_INPUT       never prompt, as --no-input (also CI=true)
  NO_COLOR           no colours
  XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_CACHE_HOME  where config, sessions and caches live";

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal's page does (or as its OAuth client).
    Login(login::Args),
    /// The profile's session: who, method, expiry, the login certificate's days left, where it is stored.
    Status(status::Args),
    /// The session for scripts: token, refresh, check, cookies.
    #[command(subcommand)]
    Session(session::Command),
    /// Revoke the session at the portal and delete it locally.
    Logout(logout::Args),
    /// An authenticated request to the portal API; the body goes to stdout.
    Api(api::Args),
    /// Manage profiles (one business or person on one portal each).
    #[command(subcommand)]
    Profile(profile::Command),
    /// Portal recipes for web logins: list, show (to copy and fix), check a file.
    #[command(subcommand)]
    Recipe(recipe::Command),
    /// USB tokens (PKCS#11): list tokens and certificates, sign with one.
    #[command(subcommand)]
    Token(token::Command),
    /// Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes).
    #[command(subcommand)]
    Cert(cert::Command),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completion(completion::Args),
    /// Print the man page (roff), or write every page to a directory.
    Man(man::Args),
}

/// Values read once from the process environment.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `DVC_TOKEN`.
    pub dvc_token: Option<Secret>,
    /// `DVC_PKCS11_MODULE`.
    pub pkcs11_module: Option<PathBuf>,
    /// `DVC_PKCS11_SEARCH_PATH`: directories for the built-in module list.
    pub pkcs11_search_path: Option<Vec<PathBuf>>,
    /// `DVC_PKCS11_SEQUENTIAL=1`: load modules one after the other (a
    /// benchmark's comparison; parallel otherwise).
    pub pkcs11_sequential: bool,
}

/// What a command needs from the world, injected so tests can replace it.
pub struct Context<'a> {
    /// Where program output goes (stdout).
    pub out: &'a mut dyn Write,
    /// Where messages for people go (stderr, through the terminal writer).
    pub err: &'a mut dyn Write,
    /// Standard input (PINs and passwords with `--*-stdin`, request bodies).
    pub stdin: &'a mut dyn Read,
    /// Asks a person (menus, text, secrets, confirmations).
    pub prompter: &'a mut dyn Prompter,
    /// The language of messages.
    pub lang: Lang,
    /// Whether prompting is allowed.
    pub interactive: bool,
    /// Whether stderr is a terminal (spinners, cleared lines).
    pub terminal: bool,
    /// Colours for stdout text.
    pub paint: Painter,
    /// Verbosity: -1 quiet, 0 normal, 1.. verbose.
    pub verbosity: i8,
    /// The clock.
    pub clock: &'a dyn Clock,
    /// Where files live.
    pub paths: Paths,
    /// The `--profile` / `DVC_PROFILE` value.
    pub profile_flag: Option<String>,
    /// Environment values.
    pub env: Env,
    /// The session store.
    pub store: SessionStore,
    /// How HTTP clients are made: the global `--connect-to` and `--ca-file`.
    pub clients: ClientFactory,
}

/// Makes the settings of HTTP clients: the global options first, then the
/// profile's fields, with a per-command timeout.
#[derive(Debug, Clone, Default)]
pub struct ClientFactory {
    /// `--connect-to` rules.
    pub connect_to: Vec<ConnectTo>,
    /// `--ca-file`.
    pub ca_file: Option<PathBuf>,
}

impl ClientFactory {
    /// The settings for talking to `profile`'s portal.
    pub fn settings(&self, profile: Option<&Profile>, timeout: Duration) -> Result<HttpSettings> {
        let mut s = HttpSettings::new(timeout);
        s.ca_file = self
            .ca_file
            .clone()
            .or_else(|| profile.and_then(|p| p.ca_file.clone()));
        s.connect_to = self.connect_to.clone();
        if s.connect_to.is_empty() {
            if let Some(p) = profile {
                for c in &p.connect_to {
                    s.connect_to.push(ConnectTo::parse(c).map_err(|e| {
                        Error::net("", crate::net::NetError::ConnectTo(Box::new(e)))
                    })?);
                }
            }
        }
        Ok(s)
    }
}

impl Context<'_> {
    /// Loads the config file.
    pub fn config(&self) -> Result<Config> {
        Config::load(&self.paths.config_file)
    }

    /// The profile this command works on. Reads the config only when no
    /// profile was named.
    pub fn profile_name(&self) -> Result<ProfileName> {
        match &self.profile_flag {
            Some(p) => ProfileName::parse(p),
            None => self
                .config()?
                .selected_profile(None, &self.paths.config_file),
        }
    }

    /// What the session lifecycle needs, for `profile` and `timeout`.
    pub fn auth_env(&self, profile: Option<&Profile>, timeout: Duration) -> Result<AuthEnv<'_>> {
        Ok(AuthEnv {
            store: &self.store,
            clock: self.clock,
            http: self.clients.settings(profile, timeout)?,
        })
    }

    /// Asks for a value when a person is there; otherwise the usage error
    /// that names the flag giving it.
    pub fn ask_text(
        &mut self,
        question: &str,
        flag: &str,
        default: Option<&str>,
    ) -> Result<String> {
        if !self.interactive {
            return Err(Error::NeedsInput { flag: flag.into() });
        }
        self.prompter.text(question, default)
    }

    /// Reads standard input to the end (for `--*-stdin`), wiped on drop.
    pub fn read_stdin(&mut self) -> Result<zeroize::Zeroizing<String>> {
        let mut s = zeroize::Zeroizing::new(String::new());
        self.stdin
            .read_to_string(&mut s)
            .map_err(|e| Error::io("<stdin>", e))?;
        Ok(s)
    }

    /// The profile's `usb.module`, when neither `--module` nor
    /// `DVC_PKCS11_MODULE` names one.
    fn profile_module(&mut self, flag: Option<&Path>) -> Option<PathBuf> {
        if flag.is_some() || self.env.pkcs11_module.is_some() {
            return None;
        }
        let name = self.profile_name().ok()?;
        self.config()
            .ok()
            .and_then(|c| c.profiles.get(name.as_str()).cloned())
            .and_then(|p| p.usb.module)
    }

    /// Loads the PKCS#11 module in the documented order, saying what was
    /// tried with `-v`.
    pub fn load_module(&mut self, flag: Option<&Path>) -> Result<Module> {
        let profile_module = self.profile_module(flag);
        let search = self
            .env
            .pkcs11_search_path
            .clone()
            .unwrap_or_else(crate::pkcs11::module::default_search_dirs);
        let cands = crate::pkcs11::module::candidates(
            flag,
            self.env.pkcs11_module.as_deref(),
            profile_module.as_deref(),
            &search,
        );
        let mut tried = Vec::new();
        let result = Module::find(&cands, &mut tried);
        for p in &tried {
            log::info!("{}", tr!(self.lang, "token.tried", path = p.display()));
        }
        if let Ok(m) = &result {
            log::info!(
                "{}",
                tr!(self.lang, "token.using", path = m.path().display())
            );
        }
        result
    }

    /// Loads the PKCS#11 modules: the one named (`--module`,
    /// `DVC_PKCS11_MODULE`, the profile's `usb.module`), else every module
    /// present; a module of the list that cannot be loaded is a warning.
    pub fn load_modules(&mut self, flag: Option<&Path>) -> Result<Vec<Module>> {
        let profile_module = self.profile_module(flag);
        let named = flag
            .map(Path::to_path_buf)
            .or(self.env.pkcs11_module.clone())
            .or(profile_module);
        if let Some(path) = named {
            log::info!("{}", tr!(self.lang, "token.using", path = path.display()));
            return Ok(vec![Module::load(&path)?]);
        }
        let search = self
            .env
            .pkcs11_search_path
            .clone()
            .unwrap_or_else(crate::pkcs11::module::default_search_dirs);
        let registered = if self.env.pkcs11_search_path.is_some() {
            Vec::new()
        } else {
            crate::pkcs11::module::p11kit_registered()
        };
        let paths = crate::pkcs11::module::all_candidates(&search, &registered);
        if paths.is_empty() {
            let tried = crate::pkcs11::module::candidates(None, None, None, &search)
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            return Err(Error::Pkcs11NoModule { tried });
        }
        for p in &paths {
            log::info!("{}", tr!(self.lang, "token.using", path = p.display()));
        }
        let (modules, warnings) =
            crate::pkcs11::module::load_all(&paths, !self.env.pkcs11_sequential);
        for w in warnings {
            let m = tr!(
                self.lang,
                "token.module_skipped",
                detail = w.error.message(self.lang)
            );
            self.warn(&m);
        }
        if modules.is_empty() {
            return Err(Error::Pkcs11NoModule { tried: paths });
        }
        Ok(modules)
    }

    /// Lists the tokens of `modules` (each once), warning about a module
    /// whose listing failed.
    pub fn list_tokens(&mut self, modules: &[Module]) -> Result<Vec<crate::pkcs11::TokenView>> {
        let (tokens, warnings) = crate::pkcs11::token::list_all(modules);
        if tokens.is_empty() && modules.len() == 1 {
            if let Some(w) = warnings.into_iter().next() {
                return Err(w.error);
            }
            return Ok(tokens);
        }
        for w in warnings {
            let m = tr!(
                self.lang,
                "token.module_skipped",
                detail = w.error.message(self.lang)
            );
            self.warn(&m);
        }
        Ok(tokens)
    }

    /// Writes an informational line to stderr (suppressed by `-q`).
    pub fn info(&mut self, line: &str) {
        if self.verbosity >= 0 {
            let _ = writeln!(self.err, "{line}");
            let _ = self.err.flush();
        }
    }

    /// Writes a warning to stderr (suppressed by `-q`).
    pub fn warn(&mut self, line: &str) {
        if self.verbosity >= 0 {
            let label = tr!(self.lang, "ui.warning");
            let _ = writeln!(self.err, "{label}: {line}");
            let _ = self.err.flush();
        }
    }

    /// Writes program output; a closed pipe is not an error.
    pub fn print(&mut self, text: &str) -> Result<()> {
        self.print_bytes(text.as_bytes())
    }

    /// Writes raw program output; a closed pipe is not an error.
    pub fn print_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        match self.out.write_all(bytes).and_then(|_| self.out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::io("<stdout>", e)),
        }
    }
}

/// Runs a parsed command line; returns the exit code (errors included).
pub fn dispatch(cli: Cli, ctx: &mut Context<'_>) -> Result<i32> {
    match cli.command {
        Command::Login(args) => login::run(args, ctx),
        Command::Api(args) => api::run(args, ctx),
        Command::Status(args) => status::run(args, ctx),
        Command::Session(cmd) => session::run(cmd, ctx),
        Command::Logout(args) => logout::run(args, ctx),
        Command::Profile(cmd) => profile::run(cmd, ctx),
        Command::Recipe(cmd) => recipe::run(cmd, ctx),
        Command::Token(cmd) => token::run(cmd, ctx),
        Command::Cert(cmd) => cert::run(cmd, ctx),
        Command::Completion(args) => completion::run(args, ctx),
        Command::Man(args) => man::run(args, ctx),
    }
}

/// Prints an error the one way `dvc` prints errors and returns its exit code.
pub fn report(err: &Error, lang: Lang, out: &mut dyn Write) -> i32 {
    crate::ui::signals::exiting();
    let _ = writeln!(out, "dvc: {}", err.message(lang));
    if let Some(hint) = err.hint(lang) {
        let _ = writeln!(out, "  {}: {hint}", tr!(lang, "error.prefix_hint"));
    }
    err.exit_code()
}

static VIETNAMESE: AtomicBool = AtomicBool::new(false);

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let lang = if VIETNAMESE.load(Ordering::Relaxed) {
            Lang::Vi
        } else {
            Lang::En
        };
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "dvc: {}",
            tr!(
                lang,
                "error.bug",
                what = what,
                place = place,
                version = env!("CARGO_PKG_VERSION")
            )
        );
    }));
}

fn env_flag(name: &str) -> bool {
    std::env::var(name)
        .map(|v| {
            let v = v.trim().to_ascii_lowercase();
            !v.is_empty() && v != "0" && v != "false" && v != "no"
        })
        .unwrap_or(false)
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The `dvc` program: parse, build the context, run, print the error once.
pub fn main() -> i32 {
    install_panic_hook();
    let outcome = std::panic::catch_unwind(real_main);
    outcome.unwrap_or(exit::ERROR)
}

fn real_main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = match e.kind() {
                clap::error::ErrorKind::DisplayHelp
                | clap::error::ErrorKind::DisplayVersion
                | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => exit::OK,
                _ => exit::USAGE,
            };
            let _ = e.print();
            // `dvc cert check` is a monitoring plugin: its usage errors are UNKNOWN (3).
            if code != exit::OK && args.windows(2).any(|w| w[0] == "cert" && w[1] == "check") {
                return 3;
            }
            return if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                exit::USAGE
            } else {
                code
            };
        }
    };
    let lang = Lang::detect(cli.lang.map(Lang::from), env_value);
    VIETNAMESE.store(lang == Lang::Vi, Ordering::Relaxed);
    // Why dvc may not prompt, for the error that asks for a flag instead.
    let no_prompt = if cli.no_input || env_flag("DVC_NO_INPUT") {
        Some(crate::error::NoPrompt::Asked)
    } else if env_value("CI").is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1") {
        Some(crate::error::NoPrompt::Ci)
    } else if !io::stdin().is_terminal() {
        Some(crate::error::NoPrompt::Stdin)
    } else if !io::stderr().is_terminal() {
        // Prompts go to stderr (cli.md): redirected, nobody would see them.
        Some(crate::error::NoPrompt::Stderr)
    } else {
        None
    };
    if let Some(why) = no_prompt {
        crate::error::set_no_prompt(why);
    }
    let interactive = no_prompt.is_none();
    let no_color = env_value("NO_COLOR").is_some_and(|v| !v.is_empty());
    let verbosity = if cli.quiet > 0 {
        -1
    } else {
        cli.verbose.min(3) as i8
    };
    crate::ui::logger::install(verbosity);
    let paths = Paths::discover(cli.config.clone());
    let store = SessionStore::new(paths.state_dir.clone());
    let env = Env {
        dvc_token: env_value("DVC_TOKEN")
            .filter(|t| !t.trim().is_empty())
            .map(|t| Secret::new(t.trim())),
        pkcs11_module: std::env::var_os("DVC_PKCS11_MODULE")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from),
        pkcs11_search_path: std::env::var_os("DVC_PKCS11_SEARCH_PATH")
            .map(|v| std::env::split_paths(&v).collect()),
        pkcs11_sequential: env_flag("DVC_PKCS11_SEQUENTIAL"),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    // stderr is never locked for the whole run: every line goes through the
    // one terminal writer, which hides a spinner while it writes.
    let mut err = crate::ui::term::StderrWriter::default();
    let mut stdin = io::stdin();
    let mut prompter = crate::ui::TerminalPrompter::new(lang);
    let clock = SystemClock;
    let mut ctx = Context {
        paint: Painter::new(!no_color && io::stdout().is_terminal()),
        out: &mut out,
        err: &mut err,
        stdin: &mut stdin,
        prompter: &mut prompter,
        lang,
        interactive,
        terminal: io::stderr().is_terminal(),
        verbosity,
        clock: &clock,
        paths,
        profile_flag: cli.profile.clone(),
        env,
        store,
        clients: ClientFactory {
            connect_to: cli.connect_to.clone(),
            ca_file: cli.ca_file.clone(),
        },
    };
    match dispatch(cli, &mut ctx) {
        Ok(code) => code,
        Err(e) => report(&e, lang, ctx.err),
    }
}

/// The clap command tree (for completions and the man page).
pub fn command() -> clap::Command {
    Cli::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }
}
