//! Ids the program allocates: a prefix, a dash and a number (`R-001`).

use std::cmp::Ordering;

/// Splits `R-012` into `("R", 12)`; `None` for anything of another shape.
pub fn parse(id: &str) -> Option<(&str, u32)> {
    let (prefix, number) = id.split_once('-')?;
    let well_formed = !prefix.is_empty()
        && prefix.chars().all(|c| c.is_ascii_uppercase())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit());
    if !well_formed {
        return None;
    }
    Some((prefix, number.parse().ok()?))
}

/// Orders ids as people read them: `R-2` before `R-10`, `R-999` before `R-1000`.
pub fn compare(a: &str, b: &str) -> Ordering {
    match (parse(a), parse(b)) {
        (Some((pa, na)), Some((pb, nb))) => pa.cmp(pb).then(na.cmp(&nb)).then(a.cmp(b)),
        _ => a.cmp(b),
    }
}

/// The next id with this prefix: one above the highest number in use, so an
/// id is never handed out twice while its holder is still in the file.
pub fn next<'a>(prefix: &str, existing: impl IntoIterator<Item = &'a str>) -> String {
    let highest = existing
        .into_iter()
        .filter_map(parse)
        .filter(|(p, _)| *p == prefix)
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0);
    format!("{prefix}-{:03}", highest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_numerically() {
        let mut ids = vec!["R-1000", "R-010", "R-999", "O-002", "R-2"];
        ids.sort_by(|a, b| compare(a, b));
        assert_eq!(ids, ["O-002", "R-2", "R-010", "R-999", "R-1000"]);
    }

    #[test]
    fn next_id_is_above_the_highest_of_its_prefix() {
        assert_eq!(next("R", ["R-001", "R-007", "O-020", "junk"]), "R-008");
        assert_eq!(next("A", []), "A-001");
        assert_eq!(next("R", ["R-999"]), "R-1000");
    }

    #[test]
    fn rejects_ids_of_another_shape() {
        assert_eq!(parse("R-12"), Some(("R", 12)));
        assert_eq!(parse("r-12"), None);
        assert_eq!(parse("R12"), None);
        assert_eq!(parse("R-"), None);
        assert_eq!(parse("R-1a"), None);
    }
}
