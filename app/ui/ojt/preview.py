"""A PDF shown in the app, page under page, exactly as it prints (rendered by PDFium)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget

from app.ui.printing import page_images


class PdfPreview(QScrollArea):
    """Pages as images with a gap between them; `set_pdf(None)` shows `empty_text`."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.pdf: bytes | None = None
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #8a939e; }")
        self._inner = QWidget()
        self._inner.setStyleSheet("background: #8a939e;")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setSpacing(12)
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []
        self.set_pdf(None)

    def set_pdf(self, pdf: bytes | None) -> None:
        for label in self.pages:
            label.hide()
            self._layout.removeWidget(label)
            label.deleteLater()
        self.pages = []
        self.pdf = pdf
        if pdf is None:
            label = QLabel(self.empty_text, self._inner)
            label.setStyleSheet("color: white; padding: 24px;")
            label.setWordWrap(True)
            self._add(label)
            return
        for image in page_images(pdf, self.fitting_dpi()):
            label = QLabel(self._inner)
            pixmap = QPixmap.fromImage(image)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())
            label.setStyleSheet("background: white;")
            label.setAccessibleName(f"Page {len(self.pages) + 1}")
            self._add(label)

    def fitting_dpi(self) -> int:
        """Pages as wide as the view (letter paper is 8.5 inches), within readable bounds."""
        width = self.viewport().width() - 2 * self._layout.contentsMargins().left() - 4
        return max(50, min(110, int(width / 8.5)))

    def _add(self, label: QLabel) -> None:
        self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.pages.append(label)

    @property
    def page_count(self) -> int:
        return len(self.pages) if self.pdf is not None else 0
