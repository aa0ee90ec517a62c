"""How the build process asks the C library for memory."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

# A process that frees one large block (glibc then raises its threshold for giving blocks their own mapping),
# makes 40 blocks of 300 KiB, pins the heap's top with small blocks made after them, frees the 40 blocks and
# prints how much of its memory is resident (KiB) before and after freeing them.
PROBE = """
import os
import sys
from site_builder.project import large_blocks_apart
if sys.argv[1] == "apart":
    large_blocks_apart()
def resident():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
def touched(size):
    block = bytearray(size)
    block[::4096] = b"x" * len(block[::4096])
    return block
touched(4 << 20)  # made and freed at once
blocks = [touched(300 << 10) for _ in range(40)]
pin = [touched(1000) for _ in range(100)]
held = resident()
del blocks
print(held, resident())
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc")
@pytest.mark.parametrize("mode, returned", [("apart", True), ("default", False)])
def test_large_blocks_are_given_back_when_freed(mode: str, returned: bool) -> None:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True).stdout
    held, after = (int(value) for value in out.split())
    assert (held - after > 10_000) is returned, (held, after)
