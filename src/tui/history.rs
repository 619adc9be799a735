//! Back/forward navigation history: a cursor over a capped list of places.

/// A capped history with a cursor. `visit` drops the forward branch.
#[derive(Debug, Clone)]
pub struct History<T> {
    entries: Vec<T>,
    cursor: usize,
    cap: usize,
}

impl<T: Clone> History<T> {
    /// A history starting at `first`, keeping at most `cap` entries.
    pub fn new(first: T, cap: usize) -> Self {
        Self { entries: vec![first], cursor: 0, cap: cap.max(1) }
    }

    /// Where we are.
    #[must_use]
    pub fn current(&self) -> &T {
        &self.entries[self.cursor]
    }

    /// Where we are, to update scroll position or focused link in place.
    pub fn current_mut(&mut self) -> &mut T {
        &mut self.entries[self.cursor]
    }

    /// Every place, to carry them over to a model linked again.
    pub fn places_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.entries.iter_mut()
    }

    /// Updates where we are (scroll position, focused link) without a new entry.
    pub fn replace(&mut self, place: T) {
        self.entries[self.cursor] = place;
    }

    /// Goes somewhere new: forward entries are dropped, the oldest beyond the cap too.
    pub fn visit(&mut self, place: T) {
        self.entries.truncate(self.cursor + 1);
        self.entries.push(place);
        if self.entries.len() > self.cap {
            self.entries.remove(0);
        }
        self.cursor = self.entries.len() - 1;
    }

    /// Steps back; `None` at the start.
    pub fn back(&mut self) -> Option<&T> {
        self.cursor = self.cursor.checked_sub(1)?;
        Some(&self.entries[self.cursor])
    }

    /// Steps forward; `None` at the end.
    pub fn forward(&mut self) -> Option<&T> {
        if self.cursor + 1 >= self.entries.len() {
            return None;
        }
        self.cursor += 1;
        Some(&self.entries[self.cursor])
    }

    /// The entries up to and including the current one, oldest first (for a breadcrumb).
    #[must_use]
    pub fn trail(&self) -> &[T] {
        &self.entries[..=self.cursor]
    }

    /// Whether there is somewhere to go back to.
    #[must_use]
    pub fn can_go_back(&self) -> bool {
        self.cursor > 0
    }

    /// Whether there is somewhere to go forward to.
    #[must_use]
    pub fn can_go_forward(&self) -> bool {
        self.cursor + 1 < self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward() {
        let mut h = History::new(1, 10);
        h.visit(2);
        h.visit(3);
        assert_eq!(h.back(), Some(&2));
        assert_eq!(h.back(), Some(&1));
        assert_eq!(h.back(), None);
        assert_eq!(h.forward(), Some(&2));
        assert_eq!(*h.current(), 2);
    }

    #[test]
    fn visiting_drops_the_forward_branch() {
        let mut h = History::new(1, 10);
        h.visit(2);
        h.back();
        h.visit(3);
        assert_eq!(h.forward(), None);
        assert_eq!(h.trail(), [1, 3]);
    }

    #[test]
    fn the_cap_drops_the_oldest() {
        let mut h = History::new(0, 3);
        for i in 1..10 {
            h.visit(i);
        }
        assert_eq!(h.trail(), [7, 8, 9]);
        assert!(h.can_go_back() && !h.can_go_forward());
    }

    #[test]
    fn replace_keeps_position() {
        let mut h = History::new(1, 3);
        h.visit(2);
        h.replace(20);
        h.back();
        assert_eq!(h.forward(), Some(&20));
    }
}
