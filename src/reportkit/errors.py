"""Errors a user can cause. The CLI prints ``str(error)`` on one line and exits 2."""


class ReportkitError(Exception):
    """Bad input, bad file, bad rule file or bad option: the user's to fix, not a bug."""


class InputError(ReportkitError):
    """A report file that cannot be read as a report."""


class RuleFileError(ReportkitError):
    """A rule file that cannot be loaded; the message names file and line."""
