//! Reads TOML on stdin with the `toml` crate and prints it as JSON, or the parser's error and a
//! non-zero exit: how the browser tests prove a `config.toml` snippet parses.
//!
//! ```sh
//! printf '[a]\nb = 1\n' | cargo run -q -p registry-auth --example parse_toml
//! ```

use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    match input.parse::<toml::Table>() {
        Ok(table) => println!("{}", serde_json::to_string(&table).expect("JSON")),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
