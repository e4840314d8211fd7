//! Finding and loading the PKCS#11 libraries of USB tokens.
//!
//! A module named by `--module`, `DVC_PKCS11_MODULE` or the profile's
//! `usb.module` is the only one used, and must load. Otherwise every module
//! present is loaded at once (an accountant keeps tokens of several CAs
//! plugged in): the modules of tokens sold in Vietnam and of common token
//! makers in the search directories, the modules registered with p11-kit,
//! then `opensc-pkcs11` and `p11-kit-proxy`. The same library under two
//! paths is loaded once; a module that cannot be loaded is a warning and
//! the others still work.

use std::path::{Path, PathBuf};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};

use crate::error::{Error, ModuleProblem, Result};

/// Module file names of the tokens sold in Vietnam and common token makers.
#[cfg(target_os = "windows")]
const VENDOR_MODULES: &[&str] = &[
    "vnpt-ca_csp11.dll",
    "VNPT-CA_v34.dll",
    "vnptca_p11_v10.dll",
    "vnptca_p11_v9.dll",
    "vnptca_p11_v8.dll",
    "vnptca_p11_v7.dll",
    "vnptca_p11_v6.dll",
    "vnpt-ca_cl_v1.dll",
    "viettel-ca_v6.dll",
    "viettel-ca_v5.dll",
    "viettel-ca_v4.dll",
    "viettel-ca_v3.dll",
    "viettel-ca_v2.dll",
    "viettel-ca_v1.dll",
    "viettel-ca.dll",
    "fpt-ca_v5.dll",
    "fpt-ca_v4.dll",
    "fpt-ca.dll",
    "SignatureP11.dll",
    "BkavCAv2S.dll",
    "BkavCA.dll",
    "st3csp11.dll",
    "CA2_v34.dll",
    "CA2_csp11.dll",
    "ncca_csp11_v1.dll",
    "Safe-ca_v2.dll",
    "Safe-ca_v1.dll",
    "efy-ca_v1.dll",
    "vina-ca_v1.dll",
    "newca_v4.dll",
    "misaca_csp11_v2.dll",
    "fca_v1.dll",
    "nca_v6.dll",
    "eTPKCS11.dll",
    "ShuttleCsp11_3003.dll",
    "eps2003csp11.dll",
    "ngp11v211.dll",
    "bit4xpki.dll",
];
#[cfg(target_os = "macos")]
const VENDOR_MODULES: &[&str] = &[
    "libeTPkcs11.dylib",
    "libbit4xpki.dylib",
    "libcastle.1.0.0.dylib",
    "nca_v6.dylib",
];
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
const VENDOR_MODULES: &[&str] = &[
    "libeTPkcs11.so",
    "libbit4xpki.so",
    "libcastle.so.1.0.0",
    "libnca_v6.so",
];

/// The generic modules tried last.
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
const GENERIC_MODULES: &[&str] = &["p11-kit-proxy.so", "opensc-pkcs11.so"];
#[cfg(target_os = "macos")]
const GENERIC_MODULES: &[&str] = &["p11-kit-proxy.dylib", "opensc-pkcs11.so"];
#[cfg(target_os = "windows")]
const GENERIC_MODULES: &[&str] = &["opensc-pkcs11.dll"];

/// Where the built-in list is looked for (`DVC_PKCS11_SEARCH_PATH` replaces it).
pub fn default_search_dirs() -> Vec<PathBuf> {
    #[cfg(target_os = "windows")]
    {
        let sys = std::env::var_os("SystemRoot")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("C:\\Windows"));
        vec![sys.join("System32"), sys.join("SysWOW64")]
    }
    #[cfg(target_os = "macos")]
    {
        [
            "/usr/local/lib",
            "/Library/OpenSC/lib",
            "/opt/homebrew/lib",
            "/usr/local/lib/pkcs11",
        ]
        .iter()
        .map(PathBuf::from)
        .collect()
    }
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    {
        [
            "/usr/lib",
            "/usr/local/lib",
            "/usr/lib64",
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib/pkcs11",
            "/usr/lib/x86_64-linux-gnu/pkcs11",
            "/usr/lib64/pkcs11",
        ]
        .iter()
        .map(PathBuf::from)
        .collect()
    }
}

/// Where a module path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--module`.
    Flag,
    /// `DVC_PKCS11_MODULE`.
    Env,
    /// The profile's `usb.module`.
    Profile,
    /// The built-in list.
    BuiltIn,
}

/// The candidates in order, with their origin.
pub fn candidates(
    flag: Option<&Path>,
    env: Option<&Path>,
    profile: Option<&Path>,
    search: &[PathBuf],
) -> Vec<(PathBuf, Origin)> {
    if let Some(p) = flag {
        return vec![(p.to_path_buf(), Origin::Flag)];
    }
    if let Some(p) = env {
        return vec![(p.to_path_buf(), Origin::Env)];
    }
    if let Some(p) = profile {
        return vec![(p.to_path_buf(), Origin::Profile)];
    }
    let mut out = Vec::new();
    for name in VENDOR_MODULES.iter().chain(GENERIC_MODULES) {
        for dir in search {
            out.push((dir.join(name), Origin::BuiltIn));
        }
    }
    out
}

/// The modules registered with p11-kit (its `*.module` files), as p11-kit
/// reads them: the user's directory (`$XDG_CONFIG_HOME/pkcs11/modules`,
/// else `~/.config/pkcs11/modules`) first, then the administrator's
/// (`/etc/pkcs11/modules`), then the packages' (`/usr/local/share/…`,
/// `/usr/share/p11-kit/modules`); for files of the same name the first
/// one's settings win and the later ones only fill in what it lacks.
/// Modules that are trust policy only, disabled for `dvc` (`disable-in:
/// dvc`) or enabled only for other programs (`enable-in`) are left out.
pub fn p11kit_registered() -> Vec<PathBuf> {
    let user = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    let mut dirs: Vec<PathBuf> = user
        .map(|u| u.join("pkcs11").join("modules"))
        .into_iter()
        .collect();
    dirs.extend(
        [
            "/etc/pkcs11/modules",
            "/usr/local/share/p11-kit/modules",
            "/usr/share/p11-kit/modules",
        ]
        .iter()
        .map(PathBuf::from),
    );
    registered_in(&dirs)
}

/// The modules registered by the `*.module` files of `dirs`, first
/// directory first: for a name in several, the first file's settings win
/// and later files fill in the keys it lacks.
pub fn registered_in(dirs: &[PathBuf]) -> Vec<PathBuf> {
    use std::collections::BTreeMap;
    let module_dirs = [
        "/usr/lib/x86_64-linux-gnu/pkcs11",
        "/usr/lib/aarch64-linux-gnu/pkcs11",
        "/usr/lib64/pkcs11",
        "/usr/lib/pkcs11",
    ];
    let mut configs: BTreeMap<std::ffi::OsString, BTreeMap<String, String>> = BTreeMap::new();
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
            let (Some(name), true) = (p.file_name(), p.extension().is_some_and(|x| x == "module"))
            else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let conf = configs.entry(name.to_os_string()).or_default();
            for (k, v) in text
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .filter_map(|l| l.split_once(':'))
            {
                conf.entry(k.trim().to_string())
                    .or_insert_with(|| v.trim().to_string());
            }
        }
    }
    let mut out = Vec::new();
    for conf in configs.into_values() {
        let get = |k: &str| conf.get(k).cloned();
        let for_dvc = |v: String| v.split([' ', ',']).any(|p| p == "dvc");
        if get("trust-policy").as_deref() == Some("yes")
            || get("disable-in").is_some_and(for_dvc)
            || get("enable-in").is_some_and(|v| !for_dvc(v))
        {
            continue;
        }
        let Some(m) = get("module") else { continue };
        let path = PathBuf::from(&m);
        if path.is_absolute() {
            out.push(path);
        } else if let Some(found) = module_dirs
            .iter()
            .map(|d| Path::new(d).join(&m))
            .find(|p| p.is_file())
        {
            out.push(found);
        }
    }
    out
}

/// Every module to load when none is named: the built-in list in the
/// search directories, p11-kit's registered modules, the generic ones; each
/// library once (paths resolved).
pub fn all_candidates(search: &[PathBuf], registered: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut add = |p: PathBuf| {
        if !p.is_file() {
            return;
        }
        let real = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if !seen.contains(&real) {
            seen.push(real);
            out.push(p);
        }
    };
    for name in VENDOR_MODULES {
        for dir in search {
            add(dir.join(name));
        }
    }
    for p in registered {
        add(p.clone());
    }
    for name in GENERIC_MODULES {
        for dir in search {
            add(dir.join(name));
        }
    }
    out
}

/// Why a module of the list was not used.
#[derive(Debug)]
pub struct ModuleWarning {
    /// The library.
    pub path: PathBuf,
    /// What went wrong.
    pub error: Error,
}

/// Whether a module loads other modules itself (p11-kit's proxy).
fn is_proxy(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("p11-kit-proxy") || n.starts_with("p11-kit-client"))
}

/// Loads `paths` (with `parallel`, each library initialises on its own
/// thread, a proxy module after the others since it initialises the same
/// libraries again; else one after the other); returns the modules that
/// loaded and a warning for each that did not.
pub fn load_all(paths: &[PathBuf], parallel: bool) -> (Vec<Module>, Vec<ModuleWarning>) {
    if !parallel {
        let mut modules = Vec::new();
        let mut warnings = Vec::new();
        for p in paths {
            match Module::load(p) {
                Ok(m) => modules.push(m),
                Err(error) => warnings.push(ModuleWarning {
                    path: p.clone(),
                    error,
                }),
            }
        }
        return (modules, warnings);
    }
    let (proxies, direct): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|p| is_proxy(p));
    let mut results: Vec<(PathBuf, Result<Module>)> = std::thread::scope(|s| {
        let handles: Vec<_> = direct
            .iter()
            .map(|p| ((*p).clone(), s.spawn(move || Module::load(p))))
            .collect();
        handles
            .into_iter()
            .map(|(p, h)| {
                let r = h.join().unwrap_or_else(|_| {
                    Err(Error::Pkcs11Module {
                        path: p.clone(),
                        problem: ModuleProblem::Initialize("the module crashed".into()),
                    })
                });
                (p, r)
            })
            .collect()
    });
    for p in proxies {
        results.push((p.clone(), Module::load(p)));
    }
    let mut modules = Vec::new();
    let mut warnings = Vec::new();
    for (path, r) in results {
        match r {
            Ok(m) => modules.push(m),
            Err(error) => warnings.push(ModuleWarning { path, error }),
        }
    }
    (modules, warnings)
}

/// A loaded, initialised module; `C_Finalize` runs when it is dropped.
pub struct Module {
    ctx: Option<Pkcs11>,
    path: PathBuf,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Module({})", self.path.display())
    }
}

impl Drop for Module {
    fn drop(&mut self) {
        // Neither C_Finalize nor dlclose: with several modules in one
        // process, p11-kit-proxy may hold the same library as a direct
        // module, and finalizing or unloading one under the other crashes
        // it (seen with SoftHSM2). The process's exit releases the library.
        if let Some(ctx) = self.ctx.take() {
            std::mem::forget(ctx);
        }
    }
}

impl Module {
    /// Loads and initialises the library at `path`.
    pub fn load(path: &Path) -> Result<Module> {
        let bad = |problem: ModuleProblem| Error::Pkcs11Module {
            path: path.to_path_buf(),
            problem,
        };
        if !path.is_file() {
            return Err(bad(ModuleProblem::Missing));
        }
        log::trace!("loading the PKCS#11 module {}", path.display());
        let ctx = Pkcs11::new(path)
            .map_err(|e| match e {
                cryptoki::error::Error::LibraryLoading(e) => {
                    let s = e.to_string();
                    if s.contains("C_GetFunctionList") || s.contains("undefined symbol") {
                        ModuleProblem::NotPkcs11
                    } else {
                        ModuleProblem::Load(s)
                    }
                }
                other => ModuleProblem::Load(other.to_string()),
            })
            .map_err(bad)?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) => {}
            // Loaded already in this process (under another path, or by
            // p11-kit-proxy): usable as it is.
            Err(cryptoki::error::Error::Pkcs11(
                cryptoki::error::RvError::CryptokiAlreadyInitialized,
                _,
            )) => {}
            Err(e) => {
                let r: cryptoki::error::Result<()> = Err(e);
                return Err(bad(ModuleProblem::Initialize(super::token::ckr(&r))));
            }
        }
        log::trace!("C_Initialize: OK");
        Ok(Module {
            ctx: Some(ctx),
            path: path.to_path_buf(),
        })
    }

    /// Finds and loads the module: the explicit one, or the first of the
    /// built-in list that exists. `tried` receives every path looked at.
    pub fn find(cands: &[(PathBuf, Origin)], tried: &mut Vec<PathBuf>) -> Result<Module> {
        for (path, origin) in cands {
            tried.push(path.clone());
            if *origin != Origin::BuiltIn {
                return Module::load(path);
            }
            if path.is_file() {
                return Module::load(path);
            }
        }
        Err(Error::Pkcs11NoModule {
            tried: tried.clone(),
        })
    }

    /// The library's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cryptoki context.
    pub fn ctx(&self) -> &Pkcs11 {
        // Present from load() until drop.
        self.ctx.as_ref().expect("module used after finalize") // ok: only drop takes it
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p11kit_user_files_come_first_and_fill_in() {
        let t = tempfile::tempdir().unwrap();
        let (user, etc, share) = (t.path().join("u"), t.path().join("e"), t.path().join("s"));
        for d in [&user, &etc, &share] {
            std::fs::create_dir_all(d).unwrap();
        }
        let w = |d: &Path, name: &str, text: &str| std::fs::write(d.join(name), text).unwrap();
        w(&share, "a.module", "module: /opt/a/liba.so\n");
        w(&share, "b.module", "module: /opt/b/libb.so\n");
        w(
            &share,
            "trust.module",
            "module: /opt/t.so\ntrust-policy: yes\n",
        );
        w(
            &share,
            "c.module",
            "module: /opt/c.so\nenable-in: firefox, chromium\n",
        );
        w(
            &share,
            "d.module",
            "module: /opt/d.so\nenable-in: firefox, dvc\n",
        );
        // The administrator turns b off for dvc; the package cannot undo it.
        w(&etc, "b.module", "disable-in: dvc\n");
        // The user turns a off, enables c for dvc (the path comes from the
        // package's file), and adds e.
        w(&user, "a.module", "disable-in: dvc\n");
        w(&user, "c.module", "# mine\nenable-in: dvc\n");
        w(&user, "e.module", "module: /opt/e.so\n");
        w(&user, "notes.txt", "module: /opt/x.so\n");
        let got = registered_in(&[user, etc, share]);
        let want: Vec<PathBuf> = ["/opt/c.so", "/opt/d.so", "/opt/e.so"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(got, want);
    }
}
