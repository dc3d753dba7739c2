//! Passwords and emails: argon2id at OWASP's parameters, and what an account's fields may be.
//!
//! Hashing takes tens of milliseconds of one core by design, so callers run it on tokio's
//! blocking pool, never on the async workers.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// OWASP's Password Storage Cheat Sheet: argon2id with 19 MiB of memory, 2 iterations, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

/// The shortest password accepted (OWASP ASVS 4.0, 2.1.1: at least 12 characters).
pub(crate) const MIN_PASSWORD: usize = 12;
/// The longest: long enough for any passphrase, short enough that hashing stays bounded.
pub(crate) const MAX_PASSWORD: usize = 256;

fn argon2() -> Argon2<'static> {
    let params =
        Params::new(MEMORY_KIB, ITERATIONS, LANES, None).unwrap_or_else(|_| Params::default());
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password's PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), with a fresh random
/// salt.
pub(crate) fn hash_password(password: &str) -> Result<String, String> {
    argon2()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| format!("the password could not be hashed: {e}"))
}

/// A hash no password matches, verified when no account has the email given, so an unknown
/// email takes as long to refuse as a wrong password.
static DECOY: LazyLock<String> = LazyLock::new(|| {
    hash_password("no account has this password; it is only ever compared").unwrap_or_default()
});

/// Whether `password` matches `hash` (a PHC string); with no hash (no such account), the same
/// work is done against a decoy and the answer is no.
pub(crate) fn verify_password(password: &str, hash: Option<&str>) -> bool {
    let matched = argon2()
        .verify_password(password.as_bytes(), hash.unwrap_or(&DECOY))
        .is_ok();
    matched && hash.is_some()
}

/// An email as it is kept and compared: trimmed and lowercase; refused with why when it is not
/// one.
pub(crate) fn normalise_email(email: &str) -> Result<String, String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(email)
    } else {
        Err("give an email address, as name@example.com".to_owned())
    }
}

/// A new password, refused with why when it is too short or too long.
pub(crate) fn check_new_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        Err(format!(
            "choose a password of at least {MIN_PASSWORD} characters; a few words with spaces is a good one"
        ))
    } else if n > MAX_PASSWORD {
        Err(format!(
            "choose a password of at most {MAX_PASSWORD} characters"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_at_owasps_parameters_salted_afresh_and_verifies_only_its_password() {
        let first = hash_password("correct horse battery").expect("hashes");
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        let second = hash_password("correct horse battery").expect("hashes");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify_password("correct horse battery", Some(&first)));
        assert!(!verify_password("correct horse batterY", Some(&first)));
        assert!(!verify_password("correct horse battery", None));
        assert!(!verify_password("anything", Some("not a hash")));
    }

    #[test]
    fn emails_are_kept_lowercase_and_checked() {
        assert_eq!(
            normalise_email("  Min-Ji@Example.COM ").as_deref(),
            Ok("min-ji@example.com")
        );
        for bad in [
            "",
            "minji",
            "@example.com",
            "a@b",
            "a b@example.com",
            "a@@b.com",
            "a@.com",
        ] {
            assert!(normalise_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_are_twelve_to_256_characters() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("twelve chars").is_ok());
        assert!(check_new_password(&"x".repeat(257)).is_err());
        // Characters, not bytes: twelve Hangul syllables are enough.
        assert!(check_new_password("유리피부유리피부유리피부").is_ok());
    }
}
