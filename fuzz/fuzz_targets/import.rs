//! Every importer (text, Markdown, HTML) on arbitrary bytes: no panic, and the result's
//! blocks are well-formed spans of its text.
#![no_main]

use factdesk::import;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["a.txt", "a.md", "a.html", "a.htm", "a.markdown"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[which as usize % NAMES.len()];
    if let Ok(a) = import::import(name, bytes) {
        for b in &a.blocks {
            assert!(b.span.start <= b.span.end && b.span.end <= a.text.len());
            assert!(a.text.is_char_boundary(b.span.start) && a.text.is_char_boundary(b.span.end));
        }
    }
});
