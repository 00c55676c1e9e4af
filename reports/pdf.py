"""PDFs drawn from the portal's own HTML by WeasyPrint: the board pack and the EDS summary report."""

import hashlib

from django.core.cache import cache


def _refuse_fetch(url, *args, **kwargs):
    # Every PDF is self-contained (charts are inline SVG, styles inline): nothing may be fetched.
    raise ValueError(f"The portal's PDFs do not load external resources ({url}).")


def pdf_from_html(html: str, *, kind: str) -> bytes:
    """The PDF of a self-contained HTML page, kept by the digest of its HTML (`kind` names it in the cache).

    Drawing takes seconds; the same HTML always gives the same PDF, so nothing stale is ever served.
    """
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDFs need

    key = f"{kind}-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
        cache.set(key, pdf, timeout=24 * 3600)
    return pdf
