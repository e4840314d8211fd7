//! `dvc profile list | show | add | remove | use`: manage profiles.

use std::path::PathBuf;

use serde_json::json;

use super::Context;
use std::time::Duration;

use crate::config::{PortalUrl, Preset, Profile, ProfileName};
use crate::error::{exit, Error, Result};
use crate::i18n::Lang;
use crate::tr;

/// `dvc profile` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List the profiles (the default one is marked with *).
    List(ListArgs),
    /// Show a profile's settings, with the defaults filled in.
    Show(ShowArgs),
    /// Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing).
    Add(Box<AddArgs>),
    /// Remove a profile and delete its local session.
    Remove(RemoveArgs),
    /// Make a profile the default.
    Use(UseArgs),
    /// One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID).
    Import(ImportArgs),
}

/// Arguments of `dvc profile import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// From the certificates of the plugged USB tokens (every PKCS#11 module found).
    #[arg(long, required = true)]
    pub usb: bool,
    /// The portal of the new profiles [default: dvcqg-legacy, the WSO2 tabs where USB tokens log in].
    #[arg(long, value_enum)]
    pub preset: Option<PresetArg>,
    /// Only this PKCS#11 library.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// Show what would be done, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dvc profile list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dvc profile show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The profile [default: the selected profile].
    pub name: Option<String>,
    /// JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dvc profile add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The new profile's name (letters, digits, '.', '_', '-').
    pub name: String,
    /// A built-in portal: dvcqg (the national portal, VNeID), dvcqg-legacy (its WSO2 tabs: USB, SIM, SmartCA) or dvcqg-test (the SSO's test host, OIDC).
    #[arg(long, value_enum)]
    pub preset: Option<PresetArg>,
    /// Log in as the portal's page does with a built-in recipe (see `dvc recipe list`).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["issuer", "client_id", "recipe_file"])]
    pub recipe: Option<String>,
    /// Log in as the portal's page does with a recipe file.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["issuer", "client_id"])]
    pub recipe_file: Option<PathBuf>,
    /// VNeID: the organisation's e-ID number / tax code, or a citizen's ID.
    #[arg(long, value_name = "ID")]
    pub vneid_id: Option<String>,

    /// The SSO's issuer URL (https; http only on loopback).
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// Where discovery is read [default: {issuer}/.well-known/openid-configuration].
    #[arg(long, value_name = "URL")]
    pub discovery_url: Option<String>,
    /// The OAuth client id registered for dvc.
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Read a client secret from stdin (confidential clients only).
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// The registered redirect URI [default: http://127.0.0.1/dvc/callback].
    #[arg(long, value_name = "URL")]
    pub redirect_uri: Option<String>,
    /// OAuth scope [default: "openid offline_access"].
    #[arg(long)]
    pub scope: Option<String>,
    /// acr_values [default: LoA1].
    #[arg(long, value_name = "VALUES")]
    pub acr_values: Option<String>,
    /// Base URL for `dvc api` [default: the issuer's origin].
    #[arg(long, value_name = "URL")]
    pub api_base: Option<String>,

    /// USB token: the PKCS#11 library.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// USB token: the certificate (PKCS#11 URI, serial, tax code or ID number).
    #[arg(long, value_name = "SELECTOR")]
    pub cert: Option<String>,
    /// SIM: the phone number of the signature SIM.
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// VNPT SmartCA: the user id (CCCD or tax code).
    #[arg(long, value_name = "USER_ID")]
    pub smartca_user: Option<String>,
    /// Make it the default profile.
    #[arg(long)]
    pub default: bool,
    /// Replace a profile of the same name.
    #[arg(long)]
    pub force: bool,
}

/// `--preset` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PresetArg {
    /// The national portal since 1 July 2025: VNeID accounts (recipe dvcqg); with --client-id, its OIDC SSO.
    #[value(name = "dvcqg")]
    Dvcqg,
    /// The national portal's legacy accounts: the WSO2 tabs (recipe dvcqg-legacy).
    #[value(name = "dvcqg-legacy")]
    DvcqgLegacy,
    /// Its test host, https://testxacthuc.dichvucong.gov.vn.
    #[value(name = "dvcqg-test")]
    DvcqgTest,
}

impl From<PresetArg> for Preset {
    fn from(p: PresetArg) -> Preset {
        match p {
            PresetArg::Dvcqg => Preset::Dvcqg,
            PresetArg::DvcqgLegacy => Preset::DvcqgLegacy,
            PresetArg::DvcqgTest => Preset::DvcqgTest,
        }
    }
}

/// Arguments of `dvc profile remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The profile to remove.
    pub name: String,
}

/// Arguments of `dvc profile use`.
#[derive(Debug, clap::Args)]
pub struct UseArgs {
    /// The profile to make the default.
    pub name: String,
}

/// Runs a `dvc profile` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::List(a) => list(a, ctx),
        Command::Show(a) => show(a, ctx),
        Command::Add(a) => add(*a, ctx),
        Command::Remove(a) => remove(a, ctx),
        Command::Use(a) => use_profile(a, ctx),
        Command::Import(a) => import(a, ctx),
    }
}

fn list(args: ListArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let config = ctx.config()?;
    let default = config.default_name().to_string();
    let now = ctx.clock.now();
    let mut rows = Vec::new();
    for (name, p) in &config.profiles {
        let live = ProfileName::parse(name)
            .ok()
            .and_then(|n| ctx.store.load_summary(&n).ok())
            .flatten()
            .is_some_and(|s| s.session.is_live(now));
        rows.push((name.clone(), p, crate::auth::portal_of(p), live));
    }
    if args.json {
        let v: Vec<_> = rows
            .iter()
            .map(|(n, p, portal, live)| {
                let recipe = p.web_recipe();
                json!({
                    "name": n,
                    "default": *n == default,
                    "flow": if recipe.is_some() { "web" } else { "oidc" },
                    "portal": portal,
                    "recipe": recipe.map(|r| r.to_string()),
                    "issuer": p.issuer(),
                    "client_id": p.client_id,
                    "logged_in": live,
                })
            })
            .collect();
        ctx.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json!({ "profiles": v })).unwrap_or_default()
        ))?;
        return Ok(exit::OK);
    }
    if rows.is_empty() {
        let msg = tr!(ctx.lang, "profile.none");
        ctx.info(&msg);
        return Ok(exit::OK);
    }
    let mut text = String::new();
    for (name, _, portal, live) in &rows {
        let mark = if *name == default { "*" } else { " " };
        let state = if *live {
            ctx.paint.ok(&tr!(ctx.lang, "status.logged_in"))
        } else {
            tr!(ctx.lang, "status.not_logged_in")
        };
        text.push_str(&format!(
            "{mark} {name:<20} {:<45} {state}\n",
            portal.as_deref().unwrap_or("—")
        ));
    }
    ctx.print(&text)?;
    Ok(exit::OK)
}

fn show(args: ShowArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let config = ctx.config()?;
    let name = match args.name {
        Some(n) => n,
        None => ctx.profile_name()?.to_string(),
    };
    let p = config
        .profiles
        .get(&name)
        .ok_or_else(|| Error::UnknownProfile { name: name.clone() })?;
    let default = config.default_name() == name;
    let recipe_ref = p.web_recipe();
    // A web profile logs in as its recipe says: the portal and the methods
    // come from there. A recipe that cannot be read is said, and the rest
    // of the profile still shown.
    let recipe = match &recipe_ref {
        Some(r) => match crate::auth::web::load_recipe(r) {
            Ok(x) => Some(x),
            Err(e) => {
                let msg = e.message(ctx.lang);
                ctx.warn(&msg);
                None
            }
        },
        None => None,
    };
    let web = recipe_ref.is_some();
    let methods = recipe.as_ref().map(|r| r.methods());
    let preset = ("preset", p.preset.map(|x| x.name().to_string()));
    let flow = ("flow", Some(if web { "web" } else { "oidc" }.to_string()));
    let recipe_field = ("recipe", recipe_ref.as_ref().map(|r| r.to_string()));
    let rp_origin = ("rp_origin", recipe.as_ref().map(|r| r.rp_origin.clone()));
    let oidc: Vec<(&str, Option<String>)> = vec![
        ("issuer", p.issuer()),
        ("discovery_url", p.discovery_url()),
        ("client_id", p.client_id.clone()),
        (
            "client_secret",
            p.client_secret
                .as_ref()
                .map(|_| tr!(ctx.lang, "profile.secret_set")),
        ),
        ("redirect_uri", Some(p.redirect_uri())),
        ("scope", Some(p.scope())),
        ("acr_values", Some(p.acr_values())),
        ("api_base", p.api_base()),
    ];
    let common: Vec<(&str, Option<String>)> = vec![
        ("vneid.id", p.vneid.id.clone()),
        (
            "usb.module",
            p.usb.module.as_ref().map(|f| f.display().to_string()),
        ),
        ("usb.cert", p.usb.cert.clone()),
        ("sim.phone", p.sim.phone.clone()),
        ("smartca.user_id", p.smartca.user_id.clone()),
        (
            "ca_file",
            p.ca_file.as_ref().map(|f| f.display().to_string()),
        ),
        (
            "connect_to",
            (!p.connect_to.is_empty()).then(|| p.connect_to.join(" ")),
        ),
    ];
    if args.json {
        // Every field, as before, with what tells a web profile from an
        // OIDC one (`flow`, `recipe`, `rp_origin`, `methods`).
        let mut m = serde_json::Map::new();
        m.insert("name".into(), json!(name));
        m.insert("default".into(), json!(default));
        for (k, v) in [preset, flow, recipe_field, rp_origin]
            .iter()
            .chain(&oidc)
            .chain(&common)
        {
            m.insert((*k).into(), json!(v));
        }
        m.insert(
            "methods".into(),
            json!(methods.map(|ms| ms.iter().map(|x| x.as_str()).collect::<Vec<_>>())),
        );
        ctx.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&m).unwrap_or_default()
        ))?;
        return Ok(exit::OK);
    }
    let mut fields = vec![preset, flow];
    if web {
        fields.push(recipe_field);
        fields.push(rp_origin);
        fields.push((
            "methods",
            methods.map(|ms| {
                ms.iter()
                    .map(|x| super::words::method_label(ctx.lang, *x))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ));
    } else {
        fields.extend(oidc);
    }
    fields.extend(common);
    let mut text = name.clone();
    if default {
        text.push_str(&format!(" {}", tr!(ctx.lang, "profile.default_mark")));
    }
    text.push('\n');
    for (k, v) in fields {
        if let Some(v) = v {
            text.push_str(&format!("  {k:<16} {v}\n"));
        }
    }
    ctx.print(&text)?;
    Ok(exit::OK)
}

fn url_arg(field: &str, value: Option<String>) -> Result<Option<PortalUrl>> {
    value.map(|v| PortalUrl::parse_field(field, &v)).transpose()
}

/// Asks for a URL until one is allowed (a refused one is shown with why).
fn ask_url(ctx: &mut Context<'_>, key: &str, default: &str) -> Result<PortalUrl> {
    let lang = ctx.lang;
    let q = tr!(lang, key);
    let check = |v: &str| {
        PortalUrl::parse_field(&q, v)
            .map(|_| ())
            .map_err(|e| e.message(lang))
    };
    let v = ctx.prompter.text_checked(&q, Some(default), &check)?;
    PortalUrl::parse_field(&q, &v)
}

/// A client id: printable, without spaces.
fn check_client_id(lang: Lang, id: &str) -> Result<()> {
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::Usage {
            message: tr!(lang, "profile.bad_client_id", id = id),
            hint: Some(tr!(lang, "profile.bad_client_id_hint")),
        });
    }
    Ok(())
}

/// Asks for the client id until it is one (a refused answer is shown with
/// why, and asked again).
fn ask_client_id(ctx: &mut Context<'_>) -> Result<String> {
    let lang = ctx.lang;
    let check = |v: &str| {
        check_client_id(lang, v).map_err(|e| match e.hint(lang) {
            Some(h) => format!("{}: {h}", e.message(lang)),
            None => e.message(lang),
        })
    };
    let q = tr!(lang, "profile.ask_client_id");
    ctx.prompter.text_checked(&q, None, &check)
}

/// At a terminal, with nothing on the command line saying which portal:
/// a menu of the presets, the built-in recipes, a recipe file, or a portal
/// that registered dvc as an OAuth client (whose questions follow). Sets
/// the flag the choice stands for.
fn choose_portal(ctx: &mut Context<'_>, args: &mut AddArgs) -> Result<()> {
    use crate::portal::web::recipe::{Recipe, BUILT_IN};
    let lang = ctx.lang;
    let items = vec![
        tr!(lang, "profile.portal_dvcqg"),
        tr!(lang, "profile.portal_dvcqg_legacy"),
        tr!(lang, "profile.portal_dvcqg_test"),
        tr!(lang, "profile.portal_recipe"),
        tr!(lang, "profile.portal_recipe_file"),
        tr!(lang, "profile.portal_oidc"),
    ];
    let prompt = tr!(lang, "profile.choose_portal");
    match ctx.prompter.select(&prompt, &items, 0)? {
        0 => args.preset = Some(PresetArg::Dvcqg),
        1 => args.preset = Some(PresetArg::DvcqgLegacy),
        2 => args.preset = Some(PresetArg::DvcqgTest),
        3 => {
            let recipes: Vec<(&str, String)> = BUILT_IN
                .iter()
                .map(|(n, _)| {
                    let title = Recipe::built_in(n).map(|r| r.title).unwrap_or_default();
                    (*n, title)
                })
                .collect();
            let items: Vec<String> = recipes
                .iter()
                .map(|(n, t)| {
                    if t.is_empty() {
                        n.to_string()
                    } else {
                        format!("{n}: {t}")
                    }
                })
                .collect();
            let prompt = tr!(lang, "profile.choose_recipe");
            let i = ctx.prompter.select(&prompt, &items, 0)?;
            args.recipe = Some(recipes[i].0.to_string());
        }
        4 => {
            let check = |v: &str| {
                Recipe::from_file(std::path::Path::new(v))
                    .map(|_| ())
                    .map_err(|e| e.message(lang))
            };
            let q = tr!(lang, "profile.ask_recipe_file");
            let f = ctx.prompter.text_checked(&q, None, &check)?;
            args.recipe_file = Some(PathBuf::from(f));
        }
        // A custom OAuth portal: the issuer, discovery URL and client id
        // questions below.
        _ => {}
    }
    Ok(())
}

fn add(mut args: AddArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let name = ProfileName::parse(&args.name)?;
    let path = ctx.paths.config_file.clone();
    let config = ctx.config()?;
    let old = config.profiles.get(name.as_str()).cloned();
    if old.is_some() && !args.force {
        return Err(Error::ProfileExists { name: args.name });
    }
    let portal_given = args.preset.is_some()
        || args.recipe.is_some()
        || args.recipe_file.is_some()
        || args.issuer.is_some()
        || args.discovery_url.is_some()
        || args.client_id.is_some();
    if !portal_given && ctx.interactive {
        choose_portal(ctx, &mut args)?;
    }
    let preset = args.preset.map(Preset::from);
    // The global --connect-to and --ca-file are kept in the profile, so
    // that every later command reaches the same place.
    let connect_to: Vec<String> = ctx
        .clients
        .connect_to
        .iter()
        .map(|c| c.to_string())
        .collect();
    let ca_file = ctx.clients.ca_file.clone();
    if let Some(r) = &args.recipe {
        crate::portal::web::recipe::Recipe::built_in(r)?;
    }
    if let Some(f) = &args.recipe_file {
        crate::portal::web::recipe::Recipe::from_file(f)?;
    }
    // A web profile: the recipe, or a web preset without OIDC settings.
    let web = args.recipe.is_some()
        || args.recipe_file.is_some()
        || (preset.and_then(Preset::recipe).is_some()
            && args.issuer.is_none()
            && args.client_id.is_none());
    let mut issuer = url_arg("--issuer", args.issuer)?;
    let mut discovery_url = url_arg("--discovery-url", args.discovery_url)?;
    if !web && issuer.is_none() && preset.is_none() {
        if !ctx.interactive {
            return Err(Error::NeedsInput {
                flag: tr!(ctx.lang, "profile.needs_portal"),
            });
        }
        let i = ask_url(ctx, "profile.ask_issuer", Preset::Dvcqg.issuer())?;
        if discovery_url.is_none() {
            // The preset's discovery URL when the issuer is a preset's (WSO2
            // serves it under /oauth2/oidcdiscovery), else the standard one.
            let default = [Preset::Dvcqg, Preset::DvcqgTest]
                .into_iter()
                .find(|p| p.issuer() == i.as_str())
                .map(|p| p.discovery_url())
                .unwrap_or_else(|| format!("{i}/.well-known/openid-configuration"));
            discovery_url = Some(ask_url(ctx, "profile.ask_discovery_url", &default)?);
        }
        issuer = Some(i);
    }
    let mut client_id = args.client_id.map(|c| c.trim().to_string());
    if client_id.is_none() && !web {
        if !ctx.interactive {
            return Err(Error::NeedsInput {
                flag: "--client-id ID".into(),
            });
        }
        client_id = Some(ask_client_id(ctx)?);
    }
    if let Some(c) = &client_id {
        check_client_id(ctx.lang, c)?;
    }
    let client_secret = if args.client_secret_stdin {
        let s = ctx.read_stdin()?;
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    } else {
        None
    };
    let profile = Profile {
        preset,
        issuer,
        discovery_url,
        client_id,
        client_secret,
        redirect_uri: url_arg("--redirect-uri", args.redirect_uri)?,
        scope: args.scope,
        acr_values: args.acr_values,
        api_base: url_arg("--api-base", args.api_base)?,
        ca_file,
        usb: crate::config::UsbDefaults {
            module: args.module,
            cert: args.cert,
        },
        sim: crate::config::SimDefaults { phone: args.phone },
        smartca: crate::config::SmartCaDefaults {
            user_id: args.smartca_user,
        },
        vneid: crate::config::VneidDefaults { id: args.vneid_id },
        recipe: args.recipe,
        recipe_file: args.recipe_file,
        connect_to,
    };
    // Replaced by a profile for another portal: its session belongs to the
    // old portal, so it is logged out (revoked there, deleted here).
    if let Some(old) = &old {
        if old.issuer() != profile.issuer() || old.web_recipe() != profile.web_recipe() {
            if let Ok(Some(stored)) = ctx.store.load(&name) {
                let http = ctx.clients.settings(Some(old), Duration::from_secs(10))?;
                let r = crate::auth::revoke(&http, Some(old), &stored.session);
                ctx.store.delete(&name)?;
                super::words::say_revocation(ctx, &name, &r, "logout.done");
            }
        }
    }
    // Under the config's lock, on the file as it is now.
    let make_default = crate::config::Config::update(&path, |config| {
        if config.profiles.contains_key(name.as_str()) && old.is_none() && !args.force {
            return Err(Error::ProfileExists {
                name: args.name.clone(),
            });
        }
        let first = config.profiles.is_empty() && config.default_profile.is_none();
        config.profiles.insert(args.name.clone(), profile);
        let make_default = args.default || first;
        if make_default {
            config.default_profile = Some(args.name.clone());
        }
        Ok(make_default)
    })?;
    let msg = if make_default {
        tr!(
            ctx.lang,
            "profile.added_default",
            name = args.name,
            path = path.display()
        )
    } else {
        tr!(
            ctx.lang,
            "profile.added",
            name = args.name,
            path = path.display()
        )
    };
    ctx.info(&msg);
    Ok(exit::OK)
}

fn remove(args: RemoveArgs, ctx: &mut Context<'_>) -> Result<i32> {
    ProfileName::parse(&args.name)?;
    let path = ctx.paths.config_file.clone();
    crate::config::Config::update(&path, |config| {
        if config.profiles.remove(&args.name).is_none() {
            return Err(Error::UnknownProfile {
                name: args.name.clone(),
            });
        }
        if config.default_profile.as_deref() == Some(args.name.as_str()) {
            config.default_profile = None;
        }
        Ok(())
    })?;
    let had_session = ctx.store.delete(&ProfileName::parse(&args.name)?)?;
    let msg = tr!(ctx.lang, "profile.removed", name = args.name);
    ctx.info(&msg);
    if had_session {
        let msg = tr!(ctx.lang, "profile.session_deleted", profile = args.name);
        ctx.info(&msg);
    }
    Ok(exit::OK)
}

fn use_profile(args: UseArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let path = ctx.paths.config_file.clone();
    crate::config::Config::update(&path, |config| {
        if !config.profiles.contains_key(&args.name) {
            return Err(Error::UnknownProfile {
                name: args.name.clone(),
            });
        }
        config.default_profile = Some(args.name.clone());
        Ok(())
    })?;
    let msg = tr!(ctx.lang, "profile.now_default", name = args.name);
    ctx.info(&msg);
    Ok(exit::OK)
}

/// One identity found on the tokens.
#[derive(Debug, serde::Serialize)]
struct Found {
    name: String,
    action: &'static str,
    kind: &'static str,
    tax_code: Option<String>,
    id_number: Option<String>,
    subject: String,
    module: String,
    cert: String,
    not_after: String,
}

fn import(args: ImportArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let modules = ctx.load_modules(args.module.as_deref())?;
    let tokens = ctx.list_tokens(&modules)?;
    if tokens.is_empty() {
        return Err(Error::NoToken);
    }
    let now = ctx.clock.now();
    // One profile per tax code / ID number: the certificate that lasts
    // longest (a renewed one over its expired predecessor).
    let mut best: std::collections::BTreeMap<String, &crate::pkcs11::TokenCert> =
        std::collections::BTreeMap::new();
    for c in tokens.iter().flat_map(|t| t.certificates.iter()) {
        if c.info.is_ca {
            continue;
        }
        let key = match (&c.info.tax_code, &c.info.id_number) {
            (Some(t), _) => format!("mst-{t}"),
            (None, Some(i)) => format!("cccd-{i}"),
            _ => continue,
        };
        let better = best.get(&key).is_none_or(|b| {
            let usable =
                |x: &crate::pkcs11::TokenCert| crate::pkcs11::token::usability(x, now).is_none();
            (usable(c), c.info.not_after) > (usable(b), b.info.not_after)
        });
        if better {
            best.insert(key, c);
        }
    }
    let path = ctx.paths.config_file.clone();
    let config = ctx.config()?;
    let preset = args.preset.map(Preset::from).unwrap_or(Preset::DvcqgLegacy);
    let mut new_profiles = Vec::new();
    let mut found = Vec::new();
    for (key, c) in &best {
        let name = key.to_ascii_lowercase();
        let Ok(pname) = ProfileName::parse(&name) else {
            continue;
        };
        let exists = config.profiles.contains_key(pname.as_str());
        let selector = match (&c.info.tax_code, &c.info.id_number) {
            (Some(t), _) => format!("MST:{t}"),
            (None, Some(i)) => i.clone(),
            _ => continue,
        };
        let action = match (exists, args.dry_run) {
            (true, _) => "exists",
            (false, true) => "would_create",
            (false, false) => "created",
        };
        if action == "created" {
            let profile = Profile {
                preset: Some(preset),
                usb: crate::config::UsbDefaults {
                    module: Some(c.module.clone()),
                    cert: Some(selector.clone()),
                },
                ..Default::default()
            };
            new_profiles.push((pname.to_string(), profile));
        }
        found.push(Found {
            name: pname.to_string(),
            action,
            kind: if c.info.tax_code.is_some() {
                "business"
            } else {
                "citizen"
            },
            tax_code: c.info.tax_code.clone(),
            id_number: c.info.id_number.clone(),
            subject: c
                .info
                .common_name
                .clone()
                .unwrap_or_else(|| c.info.subject.clone()),
            module: c.module.display().to_string(),
            cert: selector,
            not_after: crate::clock::rfc3339(c.info.not_after),
        });
    }
    let created = found.iter().filter(|f| f.action == "created").count();
    if created > 0 {
        // Under the config's lock; a profile made meanwhile is kept.
        crate::config::Config::update(&path, |config| {
            for (name, profile) in new_profiles {
                config.profiles.entry(name).or_insert(profile);
            }
            Ok(())
        })?;
    }
    if args.json {
        let mut t = serde_json::to_string_pretty(&json!({ "profiles": found })).unwrap_or_default();
        t.push('\n');
        ctx.print(&t)?;
        return Ok(exit::OK);
    }
    let mut out = String::new();
    for f in &found {
        let key = format!("profile.import_{}", f.action);
        out.push_str(&tr!(
            ctx.lang,
            &key,
            name = f.name,
            who = f.subject,
            module = f.module
        ));
        out.push('\n');
    }
    if found.is_empty() {
        out.push_str(&tr!(ctx.lang, "profile.import_none"));
        out.push('\n');
    }
    ctx.print(&out)?;
    let m = if args.dry_run {
        tr!(ctx.lang, "profile.import_dry_run")
    } else {
        tr!(
            ctx.lang,
            "profile.import_done",
            created = created,
            path = path.display()
        )
    };
    ctx.info(&m);
    Ok(exit::OK)
}
