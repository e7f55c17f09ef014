//! Findings: one observation about the input or a pasted config, with a stable code.
//! The text for each code lives in the catalogue (`catalogue.rs`), so findings stay data.

/// How bad a finding is. The names are the `data-severity` values of the UI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding. `code` is the stable kebab-case `data-code`; `subject` names what it is about
/// (a field, a key, a helper) and is substituted for `{}` in the catalogue text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// The generator entry (0-based) it concerns, if any.
    pub entry: Option<usize>,
    /// The config key it concerns, if any.
    pub key: Option<String>,
    pub subject: String,
}

impl Finding {
    pub fn new(code: &'static str, severity: Severity) -> Self {
        Finding { code, severity, entry: None, key: None, subject: String::new() }
    }

    pub fn entry(mut self, index: usize) -> Self {
        self.entry = Some(index);
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }
}

/// Sorts errors first, then by entry, keeping the order of checks otherwise.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, f.entry.unwrap_or(usize::MAX)));
}
