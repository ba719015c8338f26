"""Numbers in the text: numerals (exact Decimals), units and magnitudes, one-expression
quantities with their qualifiers, the lexicon of number-like spans that are not amounts, and
what each amount counts (its label) and by which action (its verb)."""
