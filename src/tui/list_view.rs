//! The register list after its filter, search or sort changed while the
//! data did not: only the list is rebuilt, never the actions view, the
//! heat map or the audit. A search letter that extends the text narrows
//! the rows already shown instead of searching every item again, and the
//! rows before it are kept, so Backspace goes back to them at once.

use crate::domain::queries;

use super::app::App;

impl App {
    /// The filter or the sort changed: the list, and its selection kept on
    /// the same item where it is still shown.
    pub fn list_changed(&mut self) {
        let keep = self.selected_item().map(|i| i.id.clone());
        self.list.narrowed.clear();
        self.list.view = queries::select(
            &self.register,
            &self.list.filter,
            self.list.sort,
            self.list.reverse,
            self.today,
        );
        self.reselect(keep);
    }

    /// Text was added to the end of the search, which was `before`: only
    /// the rows shown can still match, already in order.
    pub fn search_extended(&mut self, before: String) {
        let text = self.list.filter.text.to_lowercase();
        // Lowercasing can depend on what follows (a Greek final sigma):
        // narrow only when the old text still starts the new one.
        if !text.starts_with(&before.to_lowercase()) {
            self.list_changed();
            return;
        }
        let keep = self.selected_item().map(|i| i.id.clone());
        let register = &self.register;
        let haystacks = self.list.haystacks.get_or_insert_with(|| {
            let items = register.items.iter();
            items
                .map(|item| queries::search_text(register, item))
                .collect()
        });
        // The rows shown pass every other filter already; only the text is new.
        let finder = memchr::memmem::Finder::new(text.as_bytes());
        let shown: Vec<usize> = self
            .list
            .view
            .iter()
            .copied()
            .filter(|&i| finder.find(haystacks[i].as_bytes()).is_some())
            .collect();
        let wider = std::mem::replace(&mut self.list.view, shown);
        self.list.narrowed.push((before, wider));
        self.reselect(keep);
    }

    /// Text was taken off the end of the search: the rows shown for it
    /// before, when they were kept.
    pub fn search_shortened(&mut self) {
        let kept = self
            .list
            .narrowed
            .last()
            .is_some_and(|(text, _)| *text == self.list.filter.text);
        if !kept {
            self.list_changed();
            return;
        }
        let keep = self.selected_item().map(|i| i.id.clone());
        let (_, wider) = self.list.narrowed.pop().expect("checked above");
        self.list.view = wider;
        self.reselect(keep);
    }

    /// Puts the selection back on the item `keep` names if it is shown,
    /// else keeps the row number, within the list.
    pub(super) fn reselect(&mut self, keep: Option<String>) {
        let items = &self.register.items;
        self.list.selected = keep
            .and_then(|id| self.list.view.iter().position(|&i| items[i].id == id))
            .unwrap_or(self.list.selected)
            .min(self.list.view.len().saturating_sub(1));
    }
}
