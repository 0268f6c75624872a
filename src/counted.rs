//! Counts in words for people to read ("1 article", "3 findings").

/// `n` followed by the singular `one` or the plural `many`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "article", "articles"), "1 article");
        assert_eq!(counted(0, "article", "articles"), "0 articles");
        assert_eq!(
            counted(2, "reported speech", "reported speech"),
            "2 reported speech"
        );
    }
}
