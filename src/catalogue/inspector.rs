//! Inspector texts.

pub const EN: &[(&str, &str)] = &[];

pub const JA: &[(&str, &str)] = &[];
