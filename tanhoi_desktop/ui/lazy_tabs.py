"""A tab widget whose tabs are built the first time they are shown.

A start-up then pays for the visible tab only; the others cost their construction and
first read when the user first opens them. Until then a tab is an empty placeholder."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QTabWidget, QWidget

from .tabs import TabContext, TabSpec


class LazyTabs(QTabWidget):
    def __init__(self, specs: Iterable[TabSpec], context: TabContext,
                 prepare: Callable[[QWidget], None], parent: QWidget | None = None):
        """`prepare(page)` runs once on each page just built, before it is shown."""
        super().__init__(parent)
        self.setObjectName("tabs")
        self.specs = list(specs)
        self._context = context
        self._prepare = prepare
        self._pages: dict[str, QWidget] = {}
        self._swapping = False
        for spec in self.specs:
            self.addTab(QWidget(), spec.title)
        self.currentChanged.connect(self._shown)

    def page(self, key: str) -> QWidget:
        """The tab `key`, built now if it was not yet."""
        if key not in self._pages:
            index = next(i for i, s in enumerate(self.specs) if s.key == key)
            self._build(index)
        return self._pages[key]

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.setCurrentWidget(page)
        return page

    def built(self) -> list[QWidget]:
        """The tabs built so far, in the order shown."""
        return [self._pages[s.key] for s in self.specs if s.key in self._pages]

    def current_page(self) -> QWidget | None:
        index = self.currentIndex()
        return self.page(self.specs[index].key) if index >= 0 else None

    def _shown(self, index: int) -> None:
        if not self._swapping and index >= 0 and self.specs[index].key not in self._pages:
            self._build(index)

    def _build(self, index: int) -> None:
        spec = self.specs[index]
        page = spec.make(self._context)
        self._pages[spec.key] = page
        self._prepare(page)
        # swap the placeholder for the page without the swap looking like a tab change
        self._swapping = True
        self.setUpdatesEnabled(False)
        try:
            current = self.currentIndex()
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, page, spec.title)
            self.setCurrentIndex(current)
            placeholder.deleteLater()
        finally:
            self.setUpdatesEnabled(True)
            self._swapping = False
