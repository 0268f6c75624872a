//! The case loader on arbitrary bytes: an error or a valid case, never a panic or a stack
//! overflow; a case that loads saves and loads again to the same case.
#![no_main]

use factdesk::store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = store::from_bytes(data) {
        assert!(case.problems().is_empty());
        let again = store::from_str(&store::to_string(&case)).expect("a saved case loads");
        assert_eq!(again, case);
    }
});
