"""Printing a finished PDF through the system print dialog, and previewing its pages.

Documents are built once as PDF (reportlab) so that what prints is exactly what is
saved; PDFium (pypdfium2) turns each page into an image at the printer's resolution.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def page_images(pdf: bytes, dpi: int = 150) -> list[QImage]:
    """Every page of the PDF as an image at `dpi`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels: `data` is freed with `pil`
            page.close()
    finally:
        document.close()
    return images


def print_to(printer: QPrinter, pdf: bytes) -> int:
    """Print every page, each scaled to fit the printable area; returns the page count."""
    dpi = min(max(printer.resolution(), 150), 300)
    images = page_images(pdf, dpi)
    if not images:
        return 0
    first = images[0]
    landscape = first.width() > first.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            # The painter's origin is the top-left of the printable area.
            painter.drawImage(QRect(QPoint(0, 0), target), image)
    finally:
        painter.end()
    return len(images)


def print_pdf(pdf: bytes, parent: QWidget | None, title: str) -> bool:
    """Show the system print dialog and print the PDF; False when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(printer, pdf)
    return True
