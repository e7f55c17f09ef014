//! The shell: encoding `user:token` as `auth` by hand.

use super::{Snippet, SnippetId};

/// The encoding command: the seeds' GNU form with placeholders, and the portable one
/// ("Generator defaults"; `echo` without `-n` is `docs/failure-modes.md#newline-in-the-password`).
pub(super) fn shell_encode() -> Snippet {
    let text = "# GNU coreutils (Linux), as the guides show it: -n keeps echo from adding a newline,\n\
                # -w 0 keeps base64 from wrapping. Typed like this, the password lands in your history.\n\
                echo -n \"REGISTRY_USERNAME:REGISTRY_PASSWORD\" | base64 -w 0\n\
                # Portable (macOS, BusyBox): set REGISTRY_USER, and REGISTRY_TOKEN with\n\
                # read -rs REGISTRY_TOKEN so the token is neither shown nor kept in the history.\n\
                printf '%s' \"$REGISTRY_USER:$REGISTRY_TOKEN\" | base64 | tr -d '\\n'\n"
        .to_owned();
    Snippet::new(SnippetId::ShellEncode, text)
}
