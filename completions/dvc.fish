# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dvc_global_optspecs
    string join \n profile= config= no-input lang= v/verbose connect-to= ca-file= q/quiet h/help V/version
end

function __fish_dvc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dvc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dvc_using_subcommand
    set -l cmd (__fish_dvc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dvc -n "__fish_dvc_needs_command" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_needs_command" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_needs_command" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_needs_command" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_needs_command" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_needs_command" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_needs_command" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_needs_command" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "login" -d 'Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal\'s page does (or as its OAuth client)'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "status" -d 'The profile\'s session: who, method, expiry, the login certificate\'s days left, where it is stored'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "session" -d 'The session for scripts: token, refresh, check, cookies'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "logout" -d 'Revoke the session at the portal and delete it locally'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "api" -d 'An authenticated request to the portal API; the body goes to stdout'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "profile" -d 'Manage profiles (one business or person on one portal each)'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "recipe" -d 'Portal recipes for web logins: list, show (to copy and fix), check a file'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "token" -d 'USB tokens (PKCS#11): list tokens and certificates, sign with one'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "cert" -d 'Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes)'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "man" -d 'Print the man page (roff), or write every page to a directory'
complete -c dvc -n "__fish_dvc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l sim -d 'Log in with a digital-signature SIM: the phone number (0912345678, +84912345678 or 84912345678)' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l smartca -d 'Log in with VNPT SmartCA: the user id (CCCD or tax code)' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l vneid -d 'Log in with a VNeID account (the national portal since 1 July 2025): an organisation\'s e-ID number / tax code, or a citizen\'s 12-digit ID [default: the profile\'s vneid.id; with --qr, not needed]' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l qr-png -d 'VNeID: also write the QR code to this PNG file (for a remote session)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand login" -l recipe -d 'Log in as the portal\'s web page does, with this recipe (a built-in name, see `dvc recipe list`, or a TOML file); creates the profile when it does not exist' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l cert -d 'USB: the certificate (PKCS#11 URI, serial number, tax code or ID number)' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l module -d 'USB: the PKCS#11 library' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand login" -l issuer -d 'The portal\'s issuer (with --client-id, creates the profile when it does not exist)' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l client-id -d 'The OAuth client id' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l timeout -d 'Seconds to wait for each request to the portal (0.5 to 600)' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l algorithm -d 'USB: the signature algorithm [default: the best the token offers, RSASSA-PSS first]' -r -f -a "RSASSA-PSS-SHA256\t'RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32'
RSASSA-PKCS1-v1_5-SHA256\t'RSASSA-PKCS1-v1_5 with SHA-256'
ECDSA-SHA256\t'ECDSA with SHA-256'"
complete -c dvc -n "__fish_dvc_using_subcommand login" -l mechanism -d 'USB: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave)' -r -f -a "auto\t'The best the token offers'
raw\t'Hash in software, sign with the raw mechanism'"
complete -c dvc -n "__fish_dvc_using_subcommand login" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand login" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand login" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand login" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand login" -l usb -d 'Log in with a USB token (PKCS#11)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l qr -d 'VNeID: log in by scanning a QR code with the VNeID app (drawn in the terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l otp-stdin -d 'VNeID: read the one-time code from stdin (after the password\'s line with --password-stdin)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l pin-stdin -d 'USB: read the PIN from stdin'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l password-stdin -d 'SmartCA or VNeID: read the password from stdin (its first line)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l force -d 'Log in again even when logged in (the old session is revoked); try the PIN even at the token\'s final try; with --issuer, move the profile to another portal (logging out first)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l insecure-storage -d 'Keep the session in a private file even where a keyring works'
complete -c dvc -n "__fish_dvc_using_subcommand login" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand login" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand login" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand login" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand status" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand status" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand status" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand status" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand status" -l all -d 'Every profile: those in the config and those with a stored session'
complete -c dvc -n "__fish_dvc_using_subcommand status" -l json -d 'JSON on stdout (fields in the CLI contract)'
complete -c dvc -n "__fish_dvc_using_subcommand status" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand status" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand status" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand status" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -f -a "token" -d 'Print the access token (DVC_TOKEN if set, else the profile\'s session, refreshed when it expires within 60 s)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -f -a "refresh" -d 'Refresh the session now (OIDC sessions)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -f -a "check" -d 'Ask the portal whether the session is alive (web sessions: the recipe\'s check_url; OIDC: userinfo); exit 0 or 4'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -f -a "cookies" -d 'A web session\'s cookies for other tools (curl -b, wget --load-cookies)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and not __fish_seen_subcommand_from token refresh check cookies help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from refresh" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l format -d 'header: the Cookie header\'s value (curl -b "$(dvc session cookies)", or -H "Cookie: $(dvc session cookies)"); netscape: a cookies.txt file for curl -b FILE and wget --load-cookies; json: for programs' -r -f -a "header\t'`name=value; name2=value2`'
netscape\t'Netscape cookies.txt'
json\t'A JSON array of cookies with their attributes'"
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from cookies" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the access token (DVC_TOKEN if set, else the profile\'s session, refreshed when it expires within 60 s)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "refresh" -d 'Refresh the session now (OIDC sessions)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "check" -d 'Ask the portal whether the session is alive (web sessions: the recipe\'s check_url; OIDC: userinfo); exit 0 or 4'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "cookies" -d 'A web session\'s cookies for other tools (curl -b, wget --load-cookies)'
complete -c dvc -n "__fish_dvc_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l all -d 'Every profile with a stored session'
complete -c dvc -n "__fish_dvc_using_subcommand logout" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand logout" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand logout" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand logout" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand api" -s X -l method -d 'HTTP method [default: GET, or POST with -d]' -r
complete -c dvc -n "__fish_dvc_using_subcommand api" -s d -l data -d 'Request body; @FILE reads a file, @- stdin' -r
complete -c dvc -n "__fish_dvc_using_subcommand api" -s H -l header -d 'A request header, \'Name: value\' (repeatable)' -r
complete -c dvc -n "__fish_dvc_using_subcommand api" -l timeout -d 'Seconds to wait for the answer' -r
complete -c dvc -n "__fish_dvc_using_subcommand api" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand api" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand api" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand api" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand api" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand api" -s i -l include -d 'Print the status line and headers on stderr'
complete -c dvc -n "__fish_dvc_using_subcommand api" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand api" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand api" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand api" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "list" -d 'List the profiles (the default one is marked with *)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "show" -d 'Show a profile\'s settings, with the defaults filled in'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "add" -d 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "remove" -d 'Remove a profile and delete its local session'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "use" -d 'Make a profile the default'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "import" -d 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and not __fish_seen_subcommand_from list show add remove use import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l json -d 'JSON on stdout'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l json -d 'JSON on stdout'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l preset -d 'A built-in portal: dvcqg (the national portal, VNeID), dvcqg-legacy (its WSO2 tabs: USB, SIM, SmartCA) or dvcqg-test (the SSO\'s test host, OIDC)' -r -f -a "dvcqg\t'The national portal since 1 July 2025: VNeID accounts (recipe dvcqg); with --client-id, its OIDC SSO'
dvcqg-legacy\t'The national portal\'s legacy accounts: the WSO2 tabs (recipe dvcqg-legacy)'
dvcqg-test\t'Its test host, https://testxacthuc.dichvucong.gov.vn'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l recipe -d 'Log in as the portal\'s page does with a built-in recipe (see `dvc recipe list`)' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l recipe-file -d 'Log in as the portal\'s page does with a recipe file' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l vneid-id -d 'VNeID: the organisation\'s e-ID number / tax code, or a citizen\'s ID' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l issuer -d 'The SSO\'s issuer URL (https; http only on loopback)' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l discovery-url -d 'Where discovery is read [default: {issuer}/.well-known/openid-configuration]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-id -d 'The OAuth client id registered for dvc' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-uri -d 'The registered redirect URI [default: http://127.0.0.1/dvc/callback]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l scope -d 'OAuth scope [default: "openid offline_access"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l acr-values -d 'acr_values [default: LoA1]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l api-base -d 'Base URL for `dvc api` [default: the issuer\'s origin]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l module -d 'USB token: the PKCS#11 library' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l cert -d 'USB token: the certificate (PKCS#11 URI, serial, tax code or ID number)' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l phone -d 'SIM: the phone number of the signature SIM' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l smartca-user -d 'VNPT SmartCA: the user id (CCCD or tax code)' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-stdin -d 'Read a client secret from stdin (confidential clients only)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l default -d 'Make it the default profile'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Replace a profile of the same name'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l preset -d 'The portal of the new profiles [default: dvcqg-legacy, the WSO2 tabs where USB tokens log in]' -r -f -a "dvcqg\t'The national portal since 1 July 2025: VNeID accounts (recipe dvcqg); with --client-id, its OIDC SSO'
dvcqg-legacy\t'The national portal\'s legacy accounts: the WSO2 tabs (recipe dvcqg-legacy)'
dvcqg-test\t'Its test host, https://testxacthuc.dichvucong.gov.vn'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l module -d 'Only this PKCS#11 library' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l usb -d 'From the certificates of the plugged USB tokens (every PKCS#11 module found)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l dry-run -d 'Show what would be done, change nothing'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l json -d 'JSON on stdout'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles (the default one is marked with *)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a profile\'s settings, with the defaults filled in'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile and delete its local session'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the default'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "import" -d 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)'
complete -c dvc -n "__fish_dvc_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -f -a "list" -d 'The built-in recipes: name, methods, portal'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -f -a "show" -d 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -f -a "check" -d 'Check a recipe file (as a profile\'s recipe_file is checked), naming the key at fault'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and not __fish_seen_subcommand_from list show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l json -d 'JSON on stdout'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from help" -f -a "list" -d 'The built-in recipes: name, methods, portal'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a recipe file (as a profile\'s recipe_file is checked), naming the key at fault'
complete -c dvc -n "__fish_dvc_using_subcommand recipe; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -f -a "list" -d 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -f -a "sign" -d 'Sign data with a token\'s certificate key (as `dvc login --usb` does), printing the signature'
complete -c dvc -n "__fish_dvc_using_subcommand token; and not __fish_seen_subcommand_from list sign help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l module -d 'PKCS#11 library [default: DVC_PKCS11_MODULE, the profile\'s usb.module, then the known vendor modules]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'JSON on stdout (fields in the CLI contract)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l module -d 'PKCS#11 library [default: DVC_PKCS11_MODULE, the profile\'s usb.module, then the known vendor modules]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l cert -d 'The certificate: a PKCS#11 URI, a serial number, or a tax code / ID number in its subject' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l in -d 'The data to sign [default: stdin]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l out -d 'Write the raw signature here instead of base64 on stdout' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l algorithm -d 'The signature algorithm [default: the best the token offers]' -r -f -a "RSASSA-PSS-SHA256\t'RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32'
RSASSA-PKCS1-v1_5-SHA256\t'RSASSA-PKCS1-v1_5 with SHA-256'
ECDSA-SHA256\t'ECDSA with SHA-256'"
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l mechanism -d 'How to use the token\'s mechanisms: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave)' -r -f -a "auto\t'The best the token offers'
raw\t'Hash in software, sign with the raw mechanism'"
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l pin-stdin -d 'Read the PIN from stdin (then the data comes from --in)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l force -d 'Try the PIN even at the token\'s final try (one more wrong PIN locks it)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign data with a token\'s certificate key (as `dvc login --usb` does), printing the signature'
complete -c dvc -n "__fish_dvc_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -f -a "show" -d 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -f -a "check" -d 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and not __fish_seen_subcommand_from show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 library, for pkcs11: sources' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l at -d 'Count the days left from this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l json -d 'JSON on stdout'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l module -d 'PKCS#11 library, for --usb and pkcs11: sources' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l warn -d 'WARNING when a certificate expires within this: Nd, Nh or N% of its lifetime; not shorter than --crit' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l crit -d 'CRITICAL when a certificate expires within this: Nd, Nh or N% of its lifetime' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l revocation -d 'How to check revocation [default: OCSP, then the CRL when OCSP gives no answer]' -r -f -a "ocsp\t'OCSP only'
crl\t'The CRL only'
both\t'Both must say good'
none\t'No revocation check'"
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l on-revocation-error -d 'The status of a certificate whose revocation could not be checked' -r -f -a "unknown\t'UNKNOWN (the default)'
warning\t'WARNING'
critical\t'CRITICAL'
ok\t'OK'"
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l trust -d 'More trust anchors (PEM, DER or PKCS#7), on top of the bundled Vietnamese roots' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l chain -d 'More intermediate CA certificates to build chains with' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l at -d 'Check as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l format -d 'Output format' -r -f -a "text\t'For people'
json\t'The JSON of the CLI contract'
nagios\t'One Nagios / Icinga plugin line with performance data'
prometheus\t'Prometheus text exposition'
csv\t'A spreadsheet: UTF-8 with BOM, one row per certificate'
html\t'A self-contained report page: expiry timeline and table, printable on A4'"
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -s o -l output -d 'Write the output to this file (replaced atomically) instead of stdout' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l perfdata -d 'Nagios: per-certificate performance data for the N worst certificates, or all [default: 50]' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l timeout -d 'Seconds to wait for each network request (OCSP, CRL, CA certificates): more than 0, at most 3600' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l jobs -d 'Certificates checked at once (and so concurrent network requests)' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l cache-max-age -d 'Seconds a downloaded CRL is reused before asking the server again (never past its nextUpdate)' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l usb -d 'Also the login and signing certificates on every plugged-in USB token (not the CA certificates tokens also store)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l session -d 'Also the login certificate of the profile\'s session'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l all-profiles -d 'Also the login certificate of every profile\'s session'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l no-bundled-roots -d 'Trust only the --trust anchors, not the bundled Vietnamese roots'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l trust-system-roots -d 'Trust the bundled Vietnamese roots: the default now that --trust adds anchors (kept for dvc 0.1 scripts)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l no-cache -d 'Do not keep downloaded CRLs and CA certificates on disk'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "show" -d 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "check" -d 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports'
complete -c dvc -n "__fish_dvc_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand completion" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand completion" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand completion" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand completion" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand completion" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand completion" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand completion" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand completion" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand completion" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand man" -l dir -d 'Write every page (dvc.1, dvc-<command>.1, ...) into this directory' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand man" -l profile -d 'Profile: one business or person on one portal [default: the config\'s default_profile, else "default"]' -r
complete -c dvc -n "__fish_dvc_using_subcommand man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/dvc/config.toml]' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand man" -l lang -d 'Language of messages [default: DVC_LANG, else LC_ALL / LC_MESSAGES / LANG]' -r -f -a "vi\t'Tiếng Việt'
en\t'English'"
complete -c dvc -n "__fish_dvc_using_subcommand man" -l connect-to -d 'Send requests for HOST:PORT to ADDRESS:PORT2, keeping the URL, Host and TLS name (curl\'s meaning; repeatable); for trying a recipe against a local copy of a portal' -r
complete -c dvc -n "__fish_dvc_using_subcommand man" -l ca-file -d 'Extra CA certificates (PEM) for the portal\'s TLS (a private CA, a local copy of a portal)' -r -F
complete -c dvc -n "__fish_dvc_using_subcommand man" -l no-input -d 'Never prompt; a missing answer is a usage error naming the flag to pass (also DVC_NO_INPUT, CI=true, or a stdin that is not a terminal)'
complete -c dvc -n "__fish_dvc_using_subcommand man" -s v -l verbose -d 'More detail on stderr: -v the steps, -vv the HTTP trace, -vvv the PKCS#11 calls; secrets are never printed'
complete -c dvc -n "__fish_dvc_using_subcommand man" -s q -l quiet -d 'Less on stderr: only errors'
complete -c dvc -n "__fish_dvc_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dvc -n "__fish_dvc_using_subcommand man" -s V -l version -d 'Print version'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "login" -d 'Log the profile in: VNeID, USB token, SIM or VNPT SmartCA, as the portal\'s page does (or as its OAuth client)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "status" -d 'The profile\'s session: who, method, expiry, the login certificate\'s days left, where it is stored'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "session" -d 'The session for scripts: token, refresh, check, cookies'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "logout" -d 'Revoke the session at the portal and delete it locally'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "api" -d 'An authenticated request to the portal API; the body goes to stdout'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "profile" -d 'Manage profiles (one business or person on one portal each)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "recipe" -d 'Portal recipes for web logins: list, show (to copy and fix), check a file'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "token" -d 'USB tokens (PKCS#11): list tokens and certificates, sign with one'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "cert" -d 'Certificates: decode one, or check expiry, chain and revocation (monitoring exit codes)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "man" -d 'Print the man page (roff), or write every page to a directory'
complete -c dvc -n "__fish_dvc_using_subcommand help; and not __fish_seen_subcommand_from login status session logout api profile recipe token cert completion man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "token" -d 'Print the access token (DVC_TOKEN if set, else the profile\'s session, refreshed when it expires within 60 s)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "refresh" -d 'Refresh the session now (OIDC sessions)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "check" -d 'Ask the portal whether the session is alive (web sessions: the recipe\'s check_url; OIDC: userinfo); exit 0 or 4'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "cookies" -d 'A web session\'s cookies for other tools (curl -b, wget --load-cookies)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles (the default one is marked with *)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show a profile\'s settings, with the defaults filled in'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add" -d 'Add a profile (at a terminal without a portal flag: a menu of the portals, then what is missing)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove" -d 'Remove a profile and delete its local session'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "use" -d 'Make a profile the default'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "import" -d 'One profile per company or person found on the plugged USB tokens (mst-TAXCODE, cccd-ID)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from recipe" -f -a "list" -d 'The built-in recipes: name, methods, portal'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from recipe" -f -a "show" -d 'Print a built-in recipe (TOML), to read or to copy and fix: `dvc recipe show dvcqg > my.toml` (a file is checked, then printed)'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from recipe" -f -a "check" -d 'Check a recipe file (as a profile\'s recipe_file is checked), naming the key at fault'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "sign" -d 'Sign data with a token\'s certificate key (as `dvc login --usb` does), printing the signature'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "show" -d 'One certificate, decoded: subject, issuer, serial, validity, tax code / ID number, key, OCSP and CRL URLs'
complete -c dvc -n "__fish_dvc_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "check" -d 'Status of certificates (expiry, chain, revocation), for people, monitoring and reports'
