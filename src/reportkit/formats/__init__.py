"""Bytes → text, per kind of file: decoding (UTF-8, GB18030, BOMs), saved web pages, and the
inputs a user names (files, directories, globs, stdin, JSONL corpora). Every reader hands the
rest of the pipeline the same thing: the text a reader sees, whose offsets all records index."""
