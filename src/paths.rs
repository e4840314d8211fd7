//! Where `dvc` keeps its files: the config file, the session store, locks and
//! caches. XDG base directories on Linux and the BSDs (`$XDG_CONFIG_HOME/dvc`,
//! `$XDG_STATE_HOME/dvc`, `$XDG_CACHE_HOME/dvc`), the platform's conventions
//! elsewhere (through the `directories` crate).

use std::path::PathBuf;

/// The directories one run of `dvc` uses.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The config file (`--config`, `DVC_CONFIG`, else the default).
    pub config_file: PathBuf,
    /// Sessions, locks and one-time markers.
    pub state_dir: PathBuf,
    /// Downloaded CRLs and CA certificates.
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The platform defaults, with an explicit config file if one was given.
    pub fn discover(config_override: Option<PathBuf>) -> Paths {
        let dirs = directories::ProjectDirs::from("vn", "dvc", "dvc");
        let fallback = || {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_else(std::env::temp_dir)
                .join(".dvc")
        };
        let (config_dir, state_dir, cache_dir) = match &dirs {
            Some(d) => (
                d.config_dir().to_path_buf(),
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .to_path_buf(),
                d.cache_dir().to_path_buf(),
            ),
            None => (
                fallback(),
                fallback().join("state"),
                fallback().join("cache"),
            ),
        };
        Paths {
            config_file: config_override.unwrap_or_else(|| config_dir.join("config.toml")),
            state_dir,
            cache_dir,
        }
    }

    /// Paths rooted in one directory (tests, embedded use).
    pub fn under(root: &std::path::Path) -> Paths {
        Paths {
            config_file: root.join("config").join("config.toml"),
            state_dir: root.join("state"),
            cache_dir: root.join("cache"),
        }
    }
}
