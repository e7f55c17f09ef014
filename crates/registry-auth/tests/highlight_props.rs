//! The highlighter only splits text: joined back, the pieces are the input, for any input.

use proptest::prelude::*;
use registry_auth::highlight::highlight;

proptest! {
    #[test]
    fn pieces_join_back_to_any_input(text in ".{0,200}") {
        prop_assert_eq!(highlight(&text).iter().map(|p| p.1).collect::<String>(), text);
    }

    #[test]
    fn pieces_join_back_to_snippet_like_input(text in "[ \\-a-z:=#$\"'{}\\[\\]\\\\\n]{0,200}") {
        prop_assert_eq!(highlight(&text).iter().map(|p| p.1).collect::<String>(), text);
    }
}
