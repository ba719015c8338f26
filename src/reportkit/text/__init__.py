"""The text's structure: lines, the matching view (full-width and traditional forms folded
character for character), page furniture and the disclosure header, the 公文 heading tree,
paragraphs, inline list items, sentences and clauses, each with exact offsets."""
