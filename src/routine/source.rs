//! Reading a routine file from disk: the generic text reader ([`crate::files::read_text`])
//! with what to say about a directory where a routine file should be.

use std::path::Path;

use crate::files::{ReadError, SourceFile};

/// Reads `path` as a routine file.
pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
    crate::files::read_text(path, "routine file").map_err(|mut error| {
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            error.diagnostic = error.diagnostic.help(format!(
                "to check every routine in it, run `supple check {}/*.toml`",
                crate::text::sanitize(&path.display().to_string(), false)
            ));
        }
        error
    })
}
