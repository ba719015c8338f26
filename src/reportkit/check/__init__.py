"""``reportkit check``: YAML rules that find numbers in a report that cannot all be true.

    from reportkit.check import load_rules, check_document
    findings = check_document(reportkit.load("report.txt"), load_rules(), "report.txt")
"""

from .engine import check_document
from .findings import Finding
from .loader import default_rules_dir, load_rules, select_rules
from .model import Rule

__all__ = ["Finding", "Rule", "check_document", "default_rules_dir", "load_rules", "select_rules"]
