
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dvc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dvc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dvc' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal''s page does (or as its OAuth client)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The profile''s session: who, method, expiry, the login certificate''s days left, where it is stored')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'The session for scripts: token, refresh, check, cookies')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the session at the portal and delete it locally')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'An authenticated request to the portal API; the body goes to stdout')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage profiles (one business or person on one portal each)')
            [CompletionResult]::new('recipe', 'recipe', [CompletionResultType]::ParameterValue, 'Portal recipes for web logins: list, show (to copy and fix), check a file')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'USB tokens (PKCS#11): list tokens and certificates, sign with one')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes)')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write every page to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;login' {
            [CompletionResult]::new('--sim', '--sim', [CompletionResultType]::ParameterName, 'Log in with a digital-signature SIM: the phone number (0912345678, +84912345678 or 84912345678)')
            [CompletionResult]::new('--smartca', '--smartca', [CompletionResultType]::ParameterName, 'Log in with VNPT SmartCA: the user id (CCCD or tax code)')
            [CompletionResult]::new('--vneid', '--vneid', [CompletionResultType]::ParameterName, 'Log in with a VNeID account (the national portal since 1 July 2025): an organisation''s e-ID number / tax code, or a citizen''s 12-digit ID [default: the profile''s vneid.id; with --qr, not needed]')
            [CompletionResult]::new('--qr-png', '--qr-png', [CompletionResultType]::ParameterName, 'VNeID: also write the QR code to this PNG file (for a remote session)')
            [CompletionResult]::new('--recipe', '--recipe', [CompletionResultType]::ParameterName, 'Log in as the portal''s web page does, with this recipe (a built-in name, see `dvc recipe list`, or a TOML file); creates the profile when it does not exist')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'USB: the certificate (PKCS#11 URI, serial number, tax code or ID number)')
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'USB: the PKCS#11 library')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The portal''s issuer (with --client-id, creates the profile when it does not exist)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The OAuth client id')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request to the portal (0.5 to 600)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'USB: the signature algorithm [default: the best the token offers, RSASSA-PSS first]')
            [CompletionResult]::new('--mechanism', '--mechanism', [CompletionResultType]::ParameterName, 'USB: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--usb', '--usb', [CompletionResultType]::ParameterName, 'Log in with a USB token (PKCS#11)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'VNeID: log in by scanning a QR code with the VNeID app (drawn in the terminal)')
            [CompletionResult]::new('--otp-stdin', '--otp-stdin', [CompletionResultType]::ParameterName, 'VNeID: read the one-time code from stdin (after the password''s line with --password-stdin)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'USB: read the PIN from stdin')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'SmartCA or VNeID: read the password from stdin (its first line)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Log in again even when logged in (the old session is revoked); try the PIN even at the token''s final try; with --issuer, move the profile to another portal (logging out first)')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Keep the session in a private file even where a keyring works')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every profile: those in the config and those with a stored session')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout (fields in the CLI contract)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;session' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the access token (DVC_TOKEN if set, else the profile''s session, refreshed when it expires within 60 s)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh the session now (OIDC sessions)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Ask the portal whether the session is alive (web sessions: the recipe''s check_url; OIDC: userinfo); exit 0 or 4')
            [CompletionResult]::new('cookies', 'cookies', [CompletionResultType]::ParameterValue, 'A web session''s cookies for other tools (curl -b, wget --load-cookies)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;session;token' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;session;refresh' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;session;check' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;session;cookies' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'header: the Cookie header''s value (curl -b "$(dvc session cookies)", or -H "Cookie: $(dvc session cookies)"); netscape: a cookies.txt file for curl -b FILE and wget --load-cookies; json: for programs')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;session;help' {
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the access token (DVC_TOKEN if set, else the profile''s session, refreshed when it expires within 60 s)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh the session now (OIDC sessions)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Ask the portal whether the session is alive (web sessions: the recipe''s check_url; OIDC: userinfo); exit 0 or 4')
            [CompletionResult]::new('cookies', 'cookies', [CompletionResultType]::ParameterValue, 'A web session''s cookies for other tools (curl -b, wget --load-cookies)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;session;help;token' {
            break
        }
        'dvc;session;help;refresh' {
            break
        }
        'dvc;session;help;check' {
            break
        }
        'dvc;session;help;cookies' {
            break
        }
        'dvc;session;help;help' {
            break
        }
        'dvc;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every profile with a stored session')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'HTTP method [default: GET, or POST with -d]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'HTTP method [default: GET, or POST with -d]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Request body; @FILE reads a file, @- stdin')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Request body; @FILE reads a file, @- stdin')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header, ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, ''Name: value'' (repeatable)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the answer')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and headers on stderr')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and headers on stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (the default one is marked with *)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings, with the defaults filled in')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and delete its local session')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;profile;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile;add' {
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'A built-in portal: dvcqg (the national portal, VNeID), dvcqg-legacy (its WSO2 tabs: USB, SIM, SmartCA) or dvcqg-test (the SSO''s test host, OIDC)')
            [CompletionResult]::new('--recipe', '--recipe', [CompletionResultType]::ParameterName, 'Log in as the portal''s page does with a built-in recipe (see `dvc recipe list`)')
            [CompletionResult]::new('--recipe-file', '--recipe-file', [CompletionResultType]::ParameterName, 'Log in as the portal''s page does with a recipe file')
            [CompletionResult]::new('--vneid-id', '--vneid-id', [CompletionResultType]::ParameterName, 'VNeID: the organisation''s e-ID number / tax code, or a citizen''s ID')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The SSO''s issuer URL (https; http only on loopback)')
            [CompletionResult]::new('--discovery-url', '--discovery-url', [CompletionResultType]::ParameterName, 'Where discovery is read [default: {issuer}/.well-known/openid-configuration]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The OAuth client id registered for dvc')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The registered redirect URI [default: http://127.0.0.1/dvc/callback]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'OAuth scope [default: "openid offline_access"]')
            [CompletionResult]::new('--acr-values', '--acr-values', [CompletionResultType]::ParameterName, 'acr_values [default: LoA1]')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Base URL for `dvc api` [default: the issuer''s origin]')
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'USB token: the PKCS#11 library')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'USB token: the certificate (PKCS#11 URI, serial, tax code or ID number)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'SIM: the phone number of the signature SIM')
            [CompletionResult]::new('--smartca-user', '--smartca-user', [CompletionResultType]::ParameterName, 'VNPT SmartCA: the user id (CCCD or tax code)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read a client secret from stdin (confidential clients only)')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make it the default profile')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile of the same name')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile;use' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile;import' {
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'The portal of the new profiles [default: dvcqg-legacy, the WSO2 tabs where USB tokens log in]')
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'Only this PKCS#11 library')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--usb', '--usb', [CompletionResultType]::ParameterName, 'From the certificates of the plugged USB tokens (every PKCS#11 module found)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be done, change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (the default one is marked with *)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings, with the defaults filled in')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and delete its local session')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;profile;help;list' {
            break
        }
        'dvc;profile;help;show' {
            break
        }
        'dvc;profile;help;add' {
            break
        }
        'dvc;profile;help;remove' {
            break
        }
        'dvc;profile;help;use' {
            break
        }
        'dvc;profile;help;import' {
            break
        }
        'dvc;profile;help;help' {
            break
        }
        'dvc;recipe' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The built-in recipes: name, methods, portal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a recipe file (as a profile''s recipe_file is checked), naming the key at fault')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;recipe;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;recipe;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;recipe;check' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;recipe;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The built-in recipes: name, methods, portal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a recipe file (as a profile''s recipe_file is checked), naming the key at fault')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;recipe;help;list' {
            break
        }
        'dvc;recipe;help;show' {
            break
        }
        'dvc;recipe;help;check' {
            break
        }
        'dvc;recipe;help;help' {
            break
        }
        'dvc;token' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign data with a token''s certificate key (as `dvc login --usb` does), printing the signature')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;token;list' {
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'PKCS#11 library [default: DVC_PKCS11_MODULE, the profile''s usb.module, then the known vendor modules]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout (fields in the CLI contract)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;token;sign' {
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'PKCS#11 library [default: DVC_PKCS11_MODULE, the profile''s usb.module, then the known vendor modules]')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate: a PKCS#11 URI, a serial number, or a tax code / ID number in its subject')
            [CompletionResult]::new('--in', '--in', [CompletionResultType]::ParameterName, 'The data to sign [default: stdin]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the raw signature here instead of base64 on stdout')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'The signature algorithm [default: the best the token offers]')
            [CompletionResult]::new('--mechanism', '--mechanism', [CompletionResultType]::ParameterName, 'How to use the token''s mechanisms: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from stdin (then the data comes from --in)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Try the PIN even at the token''s final try (one more wrong PIN locks it)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;token;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign data with a token''s certificate key (as `dvc login --usb` does), printing the signature')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;token;help;list' {
            break
        }
        'dvc;token;help;sign' {
            break
        }
        'dvc;token;help;help' {
            break
        }
        'dvc;cert' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;cert;show' {
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'PKCS#11 library, for pkcs11: sources')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Count the days left from this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON on stdout')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;cert;check' {
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'PKCS#11 library, for --usb and pkcs11: sources')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'WARNING when a certificate expires within this: Nd, Nh or N% of its lifetime; not shorter than --crit')
            [CompletionResult]::new('--crit', '--crit', [CompletionResultType]::ParameterName, 'CRITICAL when a certificate expires within this: Nd, Nh or N% of its lifetime')
            [CompletionResult]::new('--revocation', '--revocation', [CompletionResultType]::ParameterName, 'How to check revocation [default: OCSP, then the CRL when OCSP gives no answer]')
            [CompletionResult]::new('--on-revocation-error', '--on-revocation-error', [CompletionResultType]::ParameterName, 'The status of a certificate whose revocation could not be checked')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'More trust anchors (PEM, DER or PKCS#7), on top of the bundled Vietnamese roots')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'More intermediate CA certificates to build chains with')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Check as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to this file (replaced atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to this file (replaced atomically) instead of stdout')
            [CompletionResult]::new('--perfdata', '--perfdata', [CompletionResultType]::ParameterName, 'Nagios: per-certificate performance data for the N worst certificates, or all [default: 50]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each network request (OCSP, CRL, CA certificates): more than 0, at most 3600')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Certificates checked at once (and so concurrent network requests)')
            [CompletionResult]::new('--cache-max-age', '--cache-max-age', [CompletionResultType]::ParameterName, 'Seconds a downloaded CRL is reused before asking the server again (never past its nextUpdate)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--usb', '--usb', [CompletionResultType]::ParameterName, 'Also the login and signing certificates on every plugged-in USB token (not the CA certificates tokens also store)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Also the login certificate of the profile''s session')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Also the login certificate of every profile''s session')
            [CompletionResult]::new('--no-bundled-roots', '--no-bundled-roots', [CompletionResultType]::ParameterName, 'Trust only the --trust anchors, not the bundled Vietnamese roots')
            [CompletionResult]::new('--trust-system-roots', '--trust-system-roots', [CompletionResultType]::ParameterName, 'Trust the bundled Vietnamese roots: the default now that --trust adds anchors (kept for dvc 0.1 scripts)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not keep downloaded CRLs and CA certificates on disk')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;cert;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;cert;help;show' {
            break
        }
        'dvc;cert;help;check' {
            break
        }
        'dvc;cert;help;help' {
            break
        }
        'dvc;completion' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (dvc.1, dvc-<command>.1, ...) into this directory')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile: one business or person on one portal [default: the config''s default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]')
            [CompletionResult]::new('--connect-to', '--connect-to', [CompletionResultType]::ParameterName, 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl''s meaning; repeatable); for trying a recipe against a local copy of a portal')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) for the portal''s TLS (a private CA, a local copy of a portal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less on stderr: only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dvc;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal''s page does (or as its OAuth client)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The profile''s session: who, method, expiry, the login certificate''s days left, where it is stored')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'The session for scripts: token, refresh, check, cookies')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the session at the portal and delete it locally')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'An authenticated request to the portal API; the body goes to stdout')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage profiles (one business or person on one portal each)')
            [CompletionResult]::new('recipe', 'recipe', [CompletionResultType]::ParameterValue, 'Portal recipes for web logins: list, show (to copy and fix), check a file')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'USB tokens (PKCS#11): list tokens and certificates, sign with one')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes)')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write every page to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dvc;help;login' {
            break
        }
        'dvc;help;status' {
            break
        }
        'dvc;help;session' {
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the access token (DVC_TOKEN if set, else the profile''s session, refreshed when it expires within 60 s)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh the session now (OIDC sessions)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Ask the portal whether the session is alive (web sessions: the recipe''s check_url; OIDC: userinfo); exit 0 or 4')
            [CompletionResult]::new('cookies', 'cookies', [CompletionResultType]::ParameterValue, 'A web session''s cookies for other tools (curl -b, wget --load-cookies)')
            break
        }
        'dvc;help;session;token' {
            break
        }
        'dvc;help;session;refresh' {
            break
        }
        'dvc;help;session;check' {
            break
        }
        'dvc;help;session;cookies' {
            break
        }
        'dvc;help;logout' {
            break
        }
        'dvc;help;api' {
            break
        }
        'dvc;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (the default one is marked with *)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings, with the defaults filled in')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile and delete its local session')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)')
            break
        }
        'dvc;help;profile;list' {
            break
        }
        'dvc;help;profile;show' {
            break
        }
        'dvc;help;profile;add' {
            break
        }
        'dvc;help;profile;remove' {
            break
        }
        'dvc;help;profile;use' {
            break
        }
        'dvc;help;profile;import' {
            break
        }
        'dvc;help;recipe' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The built-in recipes: name, methods, portal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a recipe file (as a profile''s recipe_file is checked), naming the key at fault')
            break
        }
        'dvc;help;recipe;list' {
            break
        }
        'dvc;help;recipe;show' {
            break
        }
        'dvc;help;recipe;check' {
            break
        }
        'dvc;help;token' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign data with a token''s certificate key (as `dvc login --usb` does), printing the signature')
            break
        }
        'dvc;help;token;list' {
            break
        }
        'dvc;help;token;sign' {
            break
        }
        'dvc;help;cert' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports')
            break
        }
        'dvc;help;cert;show' {
            break
        }
        'dvc;help;cert;check' {
            break
        }
        'dvc;help;completion' {
            break
        }
        'dvc;help;man' {
            break
        }
        'dvc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
