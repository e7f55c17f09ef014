//! Labels, headings and other UI texts.

pub const EN: &[(&str, &str)] = &[];

pub const JA: &[(&str, &str)] = &[];
