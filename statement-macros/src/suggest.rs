//! "Did you mean `gross_profit`?": the closest declared name to a misspelt one.

/// The candidate closest to `name`, if one is close enough to be a typo: at most a third of the
/// name's length in edits (at least one), counting a swap of two neighbours as one edit.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name.to_lowercase(), &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= limit && c != name)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance (Levenshtein plus transposition of neighbours).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["cash", "total_assets", "gross_profit"];
        assert_eq!(did_you_mean("totl_assets", names), Some("total_assets"));
        assert_eq!(did_you_mean("cahs", names), Some("cash"));
        assert_eq!(did_you_mean("gross_proft", names), Some("gross_profit"));
        assert_eq!(did_you_mean("revenue", names), None);
        assert_eq!(did_you_mean("lable", ["label", "alias", "total"]), Some("label"));
    }
}
