"""XML from a file the user was sent: parsed with entities, DTDs and the network off.

An external entity (``<!ENTITY x SYSTEM "file:///etc/passwd">``) is never fetched or
expanded (``resolve_entities=False``, no network, no DTD loading); and since Office parts
never carry a document type declaration, a part that has one is refused outright, as Word
refuses it. ``huge_tree`` stays off, so libxml2's own depth and size limits apply.
"""

from __future__ import annotations

from ..errors import InputError


def parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_xml(data: bytes, name: str):
    """The root element of ``data``; one clear error for XML that is not well formed."""
    from lxml import etree

    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: damaged XML ({' '.join(str(exc).split())[:120]})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(f"{name}: XML with a document type declaration (entities): refused, never resolved")
    return root
