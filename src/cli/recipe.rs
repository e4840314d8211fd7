//! `dvc recipe list | show NAME | check FILE`: the built-in portal recipes
//! (portal-web.md §1), to read, copy and fix when a portal changes its
//! pages, and a check of a recipe file that names the key at fault.

use std::path::PathBuf;

use super::Context;
use crate::error::{exit, Result};
use crate::portal::web::recipe::{Recipe, BUILT_IN};
use crate::tr;

/// `dvc recipe` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The built-in recipes: name, methods, portal.
    List(ListArgs),
    /// Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed).
    Show(ShowArgs),
    /// Check a recipe file (as a profile's recipe_file is checked), naming the key at fault.
    Check(CheckArgs),
}

/// Arguments of `dvc recipe list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dvc recipe show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The recipe's name (see `dvc recipe list`), or a recipe file.
    pub name: String,
}

/// Arguments of `dvc recipe check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The recipe file.
    pub file: PathBuf,
}

/// Runs a `dvc recipe` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::List(a) => {
            let mut rows = Vec::new();
            for (name, _) in BUILT_IN {
                let r = Recipe::built_in(name)?;
                rows.push(r);
            }
            if a.json {
                let v: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "name": r.name,
                            "title": r.title,
                            "methods": r.methods().iter().map(|m| m.as_str()).collect::<Vec<_>>(),
                            "rp_origin": r.rp_origin,
                            "start_url": r.start_url,
                        })
                    })
                    .collect();
                let mut t = serde_json::to_string_pretty(&v).unwrap_or_default();
                t.push('\n');
                ctx.print(&t)?;
                return Ok(exit::OK);
            }
            let mut out = String::new();
            for r in &rows {
                let methods: Vec<&str> = r.methods().iter().map(|m| m.as_str()).collect();
                out.push_str(&format!(
                    "{:<14} {:<22} {}\n               {}\n",
                    r.name,
                    methods.join(","),
                    r.rp_origin,
                    r.title
                ));
            }
            ctx.print(&out)?;
            Ok(exit::OK)
        }
        Command::Show(a) => {
            // A file (the hint of a profile's recipe_file points here too):
            // checked, then printed as it is.
            let path = std::path::Path::new(&a.name);
            if !BUILT_IN.iter().any(|(n, _)| *n == a.name) && path.is_file() {
                Recipe::from_file(path)?;
                let text =
                    std::fs::read_to_string(path).map_err(|e| crate::error::Error::io(path, e))?;
                ctx.print(&text)?;
                return Ok(exit::OK);
            }
            Recipe::built_in(&a.name)?;
            let text = BUILT_IN
                .iter()
                .find(|(n, _)| *n == a.name)
                .map(|(_, t)| *t)
                .unwrap_or_default();
            ctx.print(text)?;
            Ok(exit::OK)
        }
        Command::Check(a) => {
            let r = Recipe::from_file(&a.file)?;
            let methods: Vec<&str> = r.methods().iter().map(|m| m.as_str()).collect();
            let m = tr!(
                ctx.lang,
                "recipe.ok",
                file = a.file.display(),
                name = r.name,
                methods = methods.join(", ")
            );
            ctx.info(&m);
            Ok(exit::OK)
        }
    }
}
