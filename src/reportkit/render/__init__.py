"""Renderers: turn library results into text for people (rich) or machines (JSON, CSV, …)."""
