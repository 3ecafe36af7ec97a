//! [`InlineVec`]: a short list held in place, for a relation's terms and cells: most checks
//! relate two figures (a tie, a translation), and a filing's checks should not cost a heap
//! allocation each.

use std::fmt;

/// A list of up to `N` items held in place, longer ones on the heap. It reads as a slice
/// (`Deref`), iterates like a `Vec` (by value or by reference) and is made from a `Vec`, an array
/// or an iterator.
///
/// ```
/// use rust_decimal::Decimal;
/// use statement_core::check::InlineVec;
///
/// let terms: InlineVec<(Decimal, usize), 2> = vec![(Decimal::ONE, 0), (-Decimal::ONE, 1)].into();
/// assert_eq!(terms.len(), 2);
/// assert_eq!(terms[1], (-Decimal::ONE, 1));
/// let cells: Vec<usize> = terms.iter().map(|t| t.1).collect();
/// assert_eq!(cells, [0, 1]);
/// let long: InlineVec<usize, 2> = (0..5).collect();
/// assert_eq!(long.into_iter().sum::<usize>(), 10);
/// ```
#[derive(Clone)]
pub struct InlineVec<T: Copy + Default, const N: usize>(Repr<T, N>);

#[derive(Clone)]
enum Repr<T: Copy + Default, const N: usize> {
    Inline { len: u8, items: [T; N] },
    Heap(Vec<T>),
}

impl<T: Copy + Default, const N: usize> InlineVec<T, N> {
    /// An empty list.
    pub fn new() -> Self {
        InlineVec(Repr::Inline {
            len: 0,
            items: [T::default(); N],
        })
    }

    /// An empty list with room for `n` items (on the heap when they will not fit in place).
    pub fn with_capacity(n: usize) -> Self {
        if n <= N {
            Self::new()
        } else {
            InlineVec(Repr::Heap(Vec::with_capacity(n)))
        }
    }

    /// A copy of `items`, in place when they fit.
    pub fn from_slice(items: &[T]) -> Self {
        if items.len() <= N && N <= usize::from(u8::MAX) {
            let mut inline = [T::default(); N];
            inline[..items.len()].copy_from_slice(items);
            InlineVec(Repr::Inline {
                len: items.len() as u8,
                items: inline,
            })
        } else {
            InlineVec(Repr::Heap(items.to_vec()))
        }
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        match &self.0 {
            Repr::Inline { len, items } => &items[..usize::from(*len)],
            Repr::Heap(v) => v,
        }
    }

    /// Adds an item at the end (moving the list to the heap when it outgrows its place).
    pub fn push(&mut self, item: T) {
        match &mut self.0 {
            Repr::Inline { len, items } if usize::from(*len) < N => {
                items[usize::from(*len)] = item;
                *len += 1;
            }
            Repr::Inline { len, items } => {
                let mut v = Vec::with_capacity(2 * N + 1);
                v.extend_from_slice(&items[..usize::from(*len)]);
                v.push(item);
                self.0 = Repr::Heap(v);
            }
            Repr::Heap(v) => v.push(item),
        }
    }
}

impl<T: Copy + Default, const N: usize> Default for InlineVec<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Copy + Default, const N: usize> std::ops::Deref for InlineVec<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Copy + Default + PartialEq, const N: usize> PartialEq for InlineVec<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + Default + Eq, const N: usize> Eq for InlineVec<T, N> {}

impl<T: Copy + Default + fmt::Debug, const N: usize> fmt::Debug for InlineVec<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: Copy + Default, const N: usize> From<Vec<T>> for InlineVec<T, N> {
    fn from(v: Vec<T>) -> Self {
        if v.len() <= N {
            Self::from_slice(&v)
        } else {
            InlineVec(Repr::Heap(v))
        }
    }
}

impl<T: Copy + Default, const N: usize, const M: usize> From<[T; M]> for InlineVec<T, N> {
    fn from(a: [T; M]) -> Self {
        Self::from_slice(&a)
    }
}

impl<T: Copy + Default, const N: usize> From<InlineVec<T, N>> for Vec<T> {
    fn from(v: InlineVec<T, N>) -> Vec<T> {
        match v.0 {
            Repr::Heap(v) => v,
            Repr::Inline { .. } => v.as_slice().to_vec(),
        }
    }
}

impl<T: Copy + Default, const N: usize> FromIterator<T> for InlineVec<T, N> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut out = Self::new();
        for x in iter {
            out.push(x);
        }
        out
    }
}

impl<'a, T: Copy + Default, const N: usize> IntoIterator for &'a InlineVec<T, N> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Copy + Default, const N: usize> IntoIterator for InlineVec<T, N> {
    type Item = T;
    type IntoIter = IntoIter<T, N>;
    fn into_iter(self) -> IntoIter<T, N> {
        IntoIter { list: self, at: 0 }
    }
}

/// The items of an [`InlineVec`], by value.
#[derive(Clone, Debug)]
pub struct IntoIter<T: Copy + Default, const N: usize> {
    list: InlineVec<T, N>,
    at: usize,
}

impl<T: Copy + Default, const N: usize> Iterator for IntoIter<T, N> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        let x = self.list.as_slice().get(self.at).copied();
        self.at += usize::from(x.is_some());
        x
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.list.len() - self.at;
        (n, Some(n))
    }
}

impl<T: Copy + Default, const N: usize> ExactSizeIterator for IntoIter<T, N> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_then_on_the_heap() {
        let mut v: InlineVec<usize, 2> = InlineVec::new();
        v.push(7);
        v.push(8);
        assert!(matches!(v.0, Repr::Inline { len: 2, .. }));
        v.push(9);
        assert!(matches!(v.0, Repr::Heap(_)));
        assert_eq!(v.as_slice(), [7, 8, 9]);
        assert_eq!(v, InlineVec::from(vec![7, 8, 9]));
        assert_eq!(format!("{v:?}"), "[7, 8, 9]");
        let short: InlineVec<usize, 2> = [7].into();
        assert_eq!(short.into_iter().collect::<Vec<_>>(), [7]);
        // Unused places do not count in comparisons.
        let mut a: InlineVec<usize, 2> = [1, 2].into();
        a = InlineVec::from_slice(&a[..1]);
        assert_eq!(a, InlineVec::from([1]));
    }
}
