"""What a reader of a binary format (Word, PDF) hands the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import SourceBlock


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str  # one line per paragraph (Word) or rebuilt paragraph (PDF)
    format: str  # docx | pdf
    sources: tuple[SourceBlock, ...] = ()
    properties: dict = field(default_factory=dict)  # title, author, created, modified (ISO dates)
