//! Global options and what every command needs from them: output mode, locale, clock, vault.

use std::{io::IsTerminal, path::PathBuf};

use clap::Args;
use time::{format_description::well_known::Rfc3339, OffsetDateTime};
use vigil_core::{error::ReasonArg, vault::Vault, Error, Locale};
use zeroize::Zeroizing;

#[derive(Args)]
pub struct GlobalArgs {
    /// Vault directory (default: the platform data directory, e.g. ~/.local/share/vigil).
    #[arg(long, global = true, env = "VIGIL_VAULT")]
    vault: Option<PathBuf>,
    /// Print exactly one JSON object on stdout.
    #[arg(long, global = true)]
    json: bool,
    /// Language of the texts: zh-CN or en.
    #[arg(long, global = true, default_value = "en")]
    locale: String,
    /// Fix the clock (RFC 3339), for scripts and tests.
    #[arg(long, global = true, env = "VIGIL_NOW")]
    now: Option<String>,
    /// Read the passphrase from the first line of standard input.
    #[arg(long, global = true)]
    passphrase_stdin: bool,
}

pub struct Ctx {
    pub json: bool,
    pub locale: Locale,
    pub now: OffsetDateTime,
    pub vault_dir: PathBuf,
    /// Whether the user named a vault (`--vault` or `VIGIL_VAULT`) rather than relying on the default.
    pub vault_given: bool,
    passphrase_stdin: bool,
}

impl Ctx {
    pub fn new(args: GlobalArgs) -> Result<Self, Error> {
        let locale = args
            .locale
            .parse::<Locale>()
            .map_err(|_| Error::invalid("reason-cli-locale"))?;
        let now = match args.now {
            Some(s) => {
                OffsetDateTime::parse(&s, &Rfc3339).map_err(|_| Error::invalid("reason-cli-now"))?
            }
            None => OffsetDateTime::now_utc(),
        };
        let vault_given = args.vault.is_some();
        let vault_dir = args.vault.unwrap_or_else(default_vault_dir);
        Ok(Ctx {
            json: args.json,
            locale,
            now,
            vault_dir,
            vault_given,
            passphrase_stdin: args.passphrase_stdin,
        })
    }

    /// The passphrase from `VIGIL_PASSPHRASE`, `--passphrase-stdin`, or a no-echo prompt.
    pub fn passphrase(&self, prompt: &str) -> Result<Zeroizing<String>, Error> {
        if let Ok(p) = std::env::var("VIGIL_PASSPHRASE") {
            return Ok(Zeroizing::new(p));
        }
        if self.passphrase_stdin {
            let mut line = Zeroizing::new(String::new());
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|_| Error::invalid("reason-cli-passphrase-stdin"))?;
            return Ok(Zeroizing::new(
                line.trim_end_matches(['\r', '\n']).to_owned(),
            ));
        }
        prompt_secret(prompt, "VIGIL_PASSPHRASE / --passphrase-stdin")
    }

    /// Another secret (a new passphrase, a recovery code, a backup passphrase): from `env_var`,
    /// else a no-echo prompt. Never from the command line, where other users can see it.
    pub fn secret(&self, env_var: &'static str, prompt: &str) -> Result<Zeroizing<String>, Error> {
        match std::env::var(env_var) {
            Ok(value) => Ok(Zeroizing::new(value)),
            Err(_) => prompt_secret(prompt, env_var),
        }
    }

    /// A progress bar on a terminal; nothing with `--json` or when stderr is not a terminal.
    pub fn progress(&self, label: &'static str) -> impl FnMut(u64, u64) {
        let bar = (!self.json && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
                    .expect("the template is valid")
                    .progress_chars("=> "),
            );
            bar.set_message(label);
            bar
        });
        move |done, total| {
            if let Some(bar) = &bar {
                bar.set_length(total);
                bar.set_position(done);
                if done == total {
                    bar.finish_and_clear();
                }
            }
        }
    }
}

impl Ctx {
    /// The vault at `--vault`, unlocked with the passphrase.
    pub fn open_vault(&self) -> Result<Vault, Error> {
        if !Vault::exists(&self.vault_dir) {
            return Err(Error::NotFound("reason-thing-vault"));
        }
        let vault = Vault::open(&self.vault_dir)?;
        vault.unlock_with_passphrase(&self.passphrase("Vault passphrase: ")?)?;
        Ok(vault)
    }
}

/// `alternative` names the environment variables or flags to use instead: shown verbatim in
/// every language, so it holds no words.
fn prompt_secret(prompt: &str, alternative: &'static str) -> Result<Zeroizing<String>, Error> {
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(|_| {
            Error::invalid_with(
                "reason-cli-no-terminal",
                [("alternative", ReasonArg::code(alternative))],
            )
        })
}

fn default_vault_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(dir).join("vigil");
    }
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home).join(".local/share/vigil");
    }
    PathBuf::from("vigil-vault")
}

pub fn format_time(t: OffsetDateTime) -> String {
    t.format(&Rfc3339)
        .expect("an OffsetDateTime always formats as RFC 3339")
}
