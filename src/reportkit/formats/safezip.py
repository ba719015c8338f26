"""Reading members of an Office zip package without trusting it.

A hostile package can declare small sizes and inflate to gigabytes (a zip bomb), hold
thousands of members, or not be a zip at all. Every read here is capped twice: by the size
the member declares and by the bytes actually inflated, read in chunks so that memory stays
bounded whatever the header says.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one XML part of a very long report is a few MB
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed: XML compresses ~10x, a bomb ~1000x
_CHUNK = 1 << 20


class Package:
    """An opened zip, read member by member under the caps."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise InputError(f"{name}: not a valid zip package (damaged or truncated?)") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"{name}: too many parts in the package ({len(infos)})")
        self._infos = {info.filename: info for info in infos}
        self._read_total = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, member: str) -> bool:
        return member in self._infos

    def read(self, member: str) -> bytes:
        info = self._infos.get(member)
        if info is None:
            raise InputError(f"{self.name}: the package has no {member}")
        if info.flag_bits & 0x1:
            raise InputError(f"{self.name}: the file is encrypted (password protected); save it without a password")
        limit = min(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES - self._read_total)
        if info.file_size > limit or (info.compress_size and info.file_size > MAX_RATIO * info.compress_size
                                      and info.file_size > 8 * _CHUNK):
            raise InputError(f"{self.name}: {member} inflates to {info.file_size} bytes: refused as a zip bomb")
        out = bytearray()
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    # the declared size may lie: the bytes actually inflated are capped too
                    if len(out) > limit or len(out) > max(info.file_size, 0) + _CHUNK:
                        raise InputError(f"{self.name}: {member} inflates past its declared size: "
                                         f"refused as a zip bomb")
        except InputError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"{self.name}: {member} cannot be read ({exc})") from None
        self._read_total += len(out)
        return bytes(out)
