
use builtin;
use str;

set edit:completion:arg-completer[dvc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'dvc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'dvc'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal''s page does (or as its OAuth client)'
            cand status 'The profile''s session: who, method, expiry, the login certificate''s days left, where it is stored'
            cand session 'The session for scripts: token, refresh, check, cookies'
            cand logout 'Revoke the session at the portal and delete it locally'
            cand api 'An authenticated request to the portal API; the body goes to stdout'
            cand profile 'Manage profiles (one business or person on one portal each)'
            cand recipe 'Portal recipes for web logins: list, show (to copy and fix), check a file'
            cand token 'USB tokens (PKCS#11): list tokens and certificates, sign with one'
            cand cert 'Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes)'
            cand completion 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff), or write every page to a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;login'= {
            cand --sim 'Log in with a digital-signature SIM: the phone number (0912345678, +84912345678 or 84912345678)'
            cand --smartca 'Log in with VNPT SmartCA: the user id (CCCD or tax code)'
            cand --vneid 'Log in with a VNeID account (the national portal since 1 July 2025): an organisation''s e-ID number / tax code, or a citizen''s 12-digit ID [default: the profile''s vneid.id; with --qr, not needed]'
            cand --qr-png 'VNeID: also write the QR code to this PNG file (for a remote session)'
            cand --recipe 'Log in as the portal''s web page does, with this recipe (a built-in name, see `dvc recipe list`, or a TOML file); creates the profile when it does not exist'
            cand --cert 'USB: the certificate (PKCS#11 URI, serial number, tax code or ID number)'
            cand --module 'USB: the PKCS#11 library'
            cand --issuer 'The portal''s issuer (with --client-id, creates the profile when it does not exist)'
            cand --client-id 'The OAuth client id'
            cand --timeout 'Seconds to wait for each request to the portal (0.5 to 600)'
            cand --algorithm 'USB: the signature algorithm [default: the best the token offers, RSASSA-PSS first]'
            cand --mechanism 'USB: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave)'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --usb 'Log in with a USB token (PKCS#11)'
            cand --qr 'VNeID: log in by scanning a QR code with the VNeID app (drawn in the terminal)'
            cand --otp-stdin 'VNeID: read the one-time code from stdin (after the password''s line with --password-stdin)'
            cand --pin-stdin 'USB: read the PIN from stdin'
            cand --password-stdin 'SmartCA or VNeID: read the password from stdin (its first line)'
            cand --force 'Log in again even when logged in (the old session is revoked); try the PIN even at the token''s final try; with --issuer, move the profile to another portal (logging out first)'
            cand --insecure-storage 'Keep the session in a private file even where a keyring works'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;status'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --all 'Every profile: those in the config and those with a stored session'
            cand --json 'JSON on stdout (fields in the CLI contract)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;session'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand token 'Print the access token (DVC_TOKEN if set, else the profile''s session, refreshed when it expires within 60 s)'
            cand refresh 'Refresh the session now (OIDC sessions)'
            cand check 'Ask the portal whether the session is alive (web sessions: the recipe''s check_url; OIDC: userinfo); exit 0 or 4'
            cand cookies 'A web session''s cookies for other tools (curl -b, wget --load-cookies)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;session;token'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;session;refresh'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;session;check'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;session;cookies'= {
            cand --format 'header: the Cookie header''s value (curl -b "$(dvc session cookies)", or -H "Cookie: $(dvc session cookies)"); netscape: a cookies.txt file for curl -b FILE and wget --load-cookies; json: for programs'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;session;help'= {
            cand token 'Print the access token (DVC_TOKEN if set, else the profile''s session, refreshed when it expires within 60 s)'
            cand refresh 'Refresh the session now (OIDC sessions)'
            cand check 'Ask the portal whether the session is alive (web sessions: the recipe''s check_url; OIDC: userinfo); exit 0 or 4'
            cand cookies 'A web session''s cookies for other tools (curl -b, wget --load-cookies)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;session;help;token'= {
        }
        &'dvc;session;help;refresh'= {
        }
        &'dvc;session;help;check'= {
        }
        &'dvc;session;help;cookies'= {
        }
        &'dvc;session;help;help'= {
        }
        &'dvc;logout'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --all 'Every profile with a stored session'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;api'= {
            cand -X 'HTTP method [default: GET, or POST with -d]'
            cand --method 'HTTP method [default: GET, or POST with -d]'
            cand -d 'Request body; @FILE reads a file, @- stdin'
            cand --data 'Request body; @FILE reads a file, @- stdin'
            cand -H 'A request header, ''Name: value'' (repeatable)'
            cand --header 'A request header, ''Name: value'' (repeatable)'
            cand --timeout 'Seconds to wait for the answer'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand -i 'Print the status line and headers on stderr'
            cand --include 'Print the status line and headers on stderr'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the profiles (the default one is marked with *)'
            cand show 'Show a profile''s settings, with the defaults filled in'
            cand add 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)'
            cand remove 'Remove a profile and delete its local session'
            cand use 'Make a profile the default'
            cand import 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;profile;list'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --json 'JSON on stdout'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile;show'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --json 'JSON on stdout'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile;add'= {
            cand --preset 'A built-in portal: dvcqg (the national portal, VNeID), dvcqg-legacy (its WSO2 tabs: USB, SIM, SmartCA) or dvcqg-test (the SSO''s test host, OIDC)'
            cand --recipe 'Log in as the portal''s page does with a built-in recipe (see `dvc recipe list`)'
            cand --recipe-file 'Log in as the portal''s page does with a recipe file'
            cand --vneid-id 'VNeID: the organisation''s e-ID number / tax code, or a citizen''s ID'
            cand --issuer 'The SSO''s issuer URL (https; http only on loopback)'
            cand --discovery-url 'Where discovery is read [default: {issuer}/.well-known/openid-configuration]'
            cand --client-id 'The OAuth client id registered for dvc'
            cand --redirect-uri 'The registered redirect URI [default: http://127.0.0.1/dvc/callback]'
            cand --scope 'OAuth scope [default: "openid offline_access"]'
            cand --acr-values 'acr_values [default: LoA1]'
            cand --api-base 'Base URL for `dvc api` [default: the issuer''s origin]'
            cand --module 'USB token: the PKCS#11 library'
            cand --cert 'USB token: the certificate (PKCS#11 URI, serial, tax code or ID number)'
            cand --phone 'SIM: the phone number of the signature SIM'
            cand --smartca-user 'VNPT SmartCA: the user id (CCCD or tax code)'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --client-secret-stdin 'Read a client secret from stdin (confidential clients only)'
            cand --default 'Make it the default profile'
            cand --force 'Replace a profile of the same name'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile;remove'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile;use'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile;import'= {
            cand --preset 'The portal of the new profiles [default: dvcqg-legacy, the WSO2 tabs where USB tokens log in]'
            cand --module 'Only this PKCS#11 library'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --usb 'From the certificates of the plugged USB tokens (every PKCS#11 module found)'
            cand --dry-run 'Show what would be done, change nothing'
            cand --json 'JSON on stdout'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;profile;help'= {
            cand list 'List the profiles (the default one is marked with *)'
            cand show 'Show a profile''s settings, with the defaults filled in'
            cand add 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)'
            cand remove 'Remove a profile and delete its local session'
            cand use 'Make a profile the default'
            cand import 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;profile;help;list'= {
        }
        &'dvc;profile;help;show'= {
        }
        &'dvc;profile;help;add'= {
        }
        &'dvc;profile;help;remove'= {
        }
        &'dvc;profile;help;use'= {
        }
        &'dvc;profile;help;import'= {
        }
        &'dvc;profile;help;help'= {
        }
        &'dvc;recipe'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The built-in recipes: name, methods, portal'
            cand show 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)'
            cand check 'Check a recipe file (as a profile''s recipe_file is checked), naming the key at fault'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;recipe;list'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --json 'JSON on stdout'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;recipe;show'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;recipe;check'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;recipe;help'= {
            cand list 'The built-in recipes: name, methods, portal'
            cand show 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)'
            cand check 'Check a recipe file (as a profile''s recipe_file is checked), naming the key at fault'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;recipe;help;list'= {
        }
        &'dvc;recipe;help;show'= {
        }
        &'dvc;recipe;help;check'= {
        }
        &'dvc;recipe;help;help'= {
        }
        &'dvc;token'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs'
            cand sign 'Sign data with a token''s certificate key (as `dvc login --usb` does), printing the signature'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;token;list'= {
            cand --module 'PKCS#11 library [default: DVC_PKCS11_MODULE, the profile''s usb.module, then the known vendor modules]'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --json 'JSON on stdout (fields in the CLI contract)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;token;sign'= {
            cand --module 'PKCS#11 library [default: DVC_PKCS11_MODULE, the profile''s usb.module, then the known vendor modules]'
            cand --cert 'The certificate: a PKCS#11 URI, a serial number, or a tax code / ID number in its subject'
            cand --in 'The data to sign [default: stdin]'
            cand --out 'Write the raw signature here instead of base64 on stdout'
            cand --algorithm 'The signature algorithm [default: the best the token offers]'
            cand --mechanism 'How to use the token''s mechanisms: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave)'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --pin-stdin 'Read the PIN from stdin (then the data comes from --in)'
            cand --force 'Try the PIN even at the token''s final try (one more wrong PIN locks it)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;token;help'= {
            cand list 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs'
            cand sign 'Sign data with a token''s certificate key (as `dvc login --usb` does), printing the signature'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;token;help;list'= {
        }
        &'dvc;token;help;sign'= {
        }
        &'dvc;token;help;help'= {
        }
        &'dvc;cert'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs'
            cand check 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;cert;show'= {
            cand --module 'PKCS#11 library, for pkcs11: sources'
            cand --at 'Count the days left from this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --json 'JSON on stdout'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;cert;check'= {
            cand --module 'PKCS#11 library, for --usb and pkcs11: sources'
            cand --warn 'WARNING when a certificate expires within this: Nd, Nh or N% of its lifetime; not shorter than --crit'
            cand --crit 'CRITICAL when a certificate expires within this: Nd, Nh or N% of its lifetime'
            cand --revocation 'How to check revocation [default: OCSP, then the CRL when OCSP gives no answer]'
            cand --on-revocation-error 'The status of a certificate whose revocation could not be checked'
            cand --trust 'More trust anchors (PEM, DER or PKCS#7), on top of the bundled Vietnamese roots'
            cand --chain 'More intermediate CA certificates to build chains with'
            cand --at 'Check as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now'
            cand --format 'Output format'
            cand -o 'Write the output to this file (replaced atomically) instead of stdout'
            cand --output 'Write the output to this file (replaced atomically) instead of stdout'
            cand --perfdata 'Nagios: per-certificate performance data for the N worst certificates, or all [default: 50]'
            cand --timeout 'Seconds to wait for each network request (OCSP, CRL, CA certificates): more than 0, at most 3600'
            cand --jobs 'Certificates checked at once (and so concurrent network requests)'
            cand --cache-max-age 'Seconds a downloaded CRL is reused before asking the server again (never past its nextUpdate)'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --usb 'Also the login and signing certificates on every plugged-in USB token (not the CA certificates tokens also store)'
            cand --session 'Also the login certificate of the profile''s session'
            cand --all-profiles 'Also the login certificate of every profile''s session'
            cand --no-bundled-roots 'Trust only the --trust anchors, not the bundled Vietnamese roots'
            cand --trust-system-roots 'Trust the bundled Vietnamese roots: the default now that --trust adds anchors (kept for dvc 0.1 scripts)'
            cand --no-cache 'Do not keep downloaded CRLs and CA certificates on disk'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;cert;help'= {
            cand show 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs'
            cand check 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;cert;help;show'= {
        }
        &'dvc;cert;help;check'= {
        }
        &'dvc;cert;help;help'= {
        }
        &'dvc;completion'= {
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;man'= {
            cand --dir 'Write every page (dvc.1, dvc-<command>.1, ...) into this directory'
            cand --profile 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]'
            cand --lang 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]'
            cand --connect-to 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal'
            cand --ca-file 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)'
            cand --no-input 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
            cand -v 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand --verbose 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
            cand -q 'Less on stderr: only errors'
            cand --quiet 'Less on stderr: only errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dvc;help'= {
            cand login 'Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal''s page does (or as its OAuth client)'
            cand status 'The profile''s session: who, method, expiry, the login certificate''s days left, where it is stored'
            cand session 'The session for scripts: token, refresh, check, cookies'
            cand logout 'Revoke the session at the portal and delete it locally'
            cand api 'An authenticated request to the portal API; the body goes to stdout'
            cand profile 'Manage profiles (one business or person on one portal each)'
            cand recipe 'Portal recipes for web logins: list, show (to copy and fix), check a file'
            cand token 'USB tokens (PKCS#11): list tokens and certificates, sign with one'
            cand cert 'Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes)'
            cand completion 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print the man page (roff), or write every page to a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dvc;help;login'= {
        }
        &'dvc;help;status'= {
        }
        &'dvc;help;session'= {
            cand token 'Print the access token (DVC_TOKEN if set, else the profile''s session, refreshed when it expires within 60 s)'
            cand refresh 'Refresh the session now (OIDC sessions)'
            cand check 'Ask the portal whether the session is alive (web sessions: the recipe''s check_url; OIDC: userinfo); exit 0 or 4'
            cand cookies 'A web session''s cookies for other tools (curl -b, wget --load-cookies)'
        }
        &'dvc;help;session;token'= {
        }
        &'dvc;help;session;refresh'= {
        }
        &'dvc;help;session;check'= {
        }
        &'dvc;help;session;cookies'= {
        }
        &'dvc;help;logout'= {
        }
        &'dvc;help;api'= {
        }
        &'dvc;help;profile'= {
            cand list 'List the profiles (the default one is marked with *)'
            cand show 'Show a profile''s settings, with the defaults filled in'
            cand add 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)'
            cand remove 'Remove a profile and delete its local session'
            cand use 'Make a profile the default'
            cand import 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)'
        }
        &'dvc;help;profile;list'= {
        }
        &'dvc;help;profile;show'= {
        }
        &'dvc;help;profile;add'= {
        }
        &'dvc;help;profile;remove'= {
        }
        &'dvc;help;profile;use'= {
        }
        &'dvc;help;profile;import'= {
        }
        &'dvc;help;recipe'= {
            cand list 'The built-in recipes: name, methods, portal'
            cand show 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)'
            cand check 'Check a recipe file (as a profile''s recipe_file is checked), naming the key at fault'
        }
        &'dvc;help;recipe;list'= {
        }
        &'dvc;help;recipe;show'= {
        }
        &'dvc;help;recipe;check'= {
        }
        &'dvc;help;token'= {
            cand list 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs'
            cand sign 'Sign data with a token''s certificate key (as `dvc login --usb` does), printing the signature'
        }
        &'dvc;help;token;list'= {
        }
        &'dvc;help;token;sign'= {
        }
        &'dvc;help;cert'= {
            cand show 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs'
            cand check 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports'
        }
        &'dvc;help;cert;show'= {
        }
        &'dvc;help;cert;check'= {
        }
        &'dvc;help;completion'= {
        }
        &'dvc;help;man'= {
        }
        &'dvc;help;help'= {
        }
    ]
    $completions[$command]
}
