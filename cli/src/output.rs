//! How a command's result reaches the terminal: one JSON object with `--json`, readable text
//! otherwise; failures as `{"error": {"code", "message"}}` and a documented exit code.

use std::process::ExitCode;

use serde_json::{json, Value};
use vigil_core::{Error, ErrorCode, Locale};

/// A command's result: the JSON object and the text a person reads.
pub struct Output {
    pub json: Value,
    pub text: String,
}

impl Output {
    pub fn new(json: Value, text: impl Into<String>) -> Self {
        Output {
            json,
            text: text.into(),
        }
    }

    pub fn print(self, as_json: bool) -> ExitCode {
        if as_json {
            println!("{}", self.json);
        } else {
            println!("{}", self.text.trim_end());
        }
        ExitCode::SUCCESS
    }

    pub fn failure(as_json: bool, locale: Locale, error: &Error) -> ExitCode {
        let code = error.code();
        let message = error.localized(locale);
        if as_json {
            println!("{}", json!({"error": {"code": code, "message": message}}));
        } else {
            eprintln!("vigil: {message} [{}]", code.as_str());
        }
        ExitCode::from(exit_code(code))
    }
}

fn exit_code(code: ErrorCode) -> u8 {
    use ErrorCode::*;
    match code {
        InvalidInput | NotFound | AlreadyExists | InvalidTransition => 1,
        WrongPassphrase | Locked | KeyUnavailable | KeyProviderFailed => 3,
        Tampered | NotAVault | SignatureInvalid | LegacySignature | UnknownKey | OutOfScope
        | Rollback | FastForward | FeedExpired | TooLarge => 4,
        TrustedCommentTampered | KeyRevoked | Unsigned => 4,
        DiskFull | Storage | IncompatibleVersion | Network | Timeout => 5,
        Internal => 10,
    }
}
