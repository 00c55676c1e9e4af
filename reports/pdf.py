"""PDFs drawn from the portal's own HTML by WeasyPrint: the board pack and the EDS summary report.

Every PDF is tagged for screen readers (PDF/UA-1): the structure tree follows the HTML's headings,
paragraphs, lists and tables (header cells with their scope), the document language is the page's
`lang` and its title the page's <title>, shown in place of the file name. Charts carry their text
alternative as the figure's alternate text: an inline SVG its <title>, a chart drawn as an image (the board
pack's, `svg_image`) its alt.
"""

import hashlib

from django.core.cache import cache


def _fetcher():
    # Every PDF is self-contained (charts are inline SVG or data: URLs, styles inline): nothing may be fetched.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def pdf_draw(html: str) -> bytes:
    """The tagged PDF (PDF/UA-1) of a self-contained HTML page. Drawing takes a second or more."""
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDFs need

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(pdf_variant="pdf/ua-1")


def pdf_from_html(html: str, *, kind: str) -> bytes:
    """The PDF of a self-contained HTML page, kept by the digest of its HTML (`kind` names it in the cache).

    The same HTML always gives the same PDF, so nothing stale is ever served.
    """
    key = f"{kind}-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = pdf_draw(html)
        cache.set(key, pdf, timeout=24 * 3600)
    return pdf
