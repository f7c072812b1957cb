"""Loads the freshly generated bindings (tests/python/generated, with libvigil_ffi.so beside them)
and makes stale bindings fail loudly before any test runs.

uniffi 0.32's Python template checks the contract version on import but leaves its API checksum
check commented out; we call it here for every generated module, so a binding generated from an
older library (a changed signature) stops the run instead of corrupting memory.
"""

import pathlib
import sys

import pytest

GENERATED = pathlib.Path(__file__).parent / "generated"
# The generated modules, each with the checksum check uniffi generated for it.
MODULES = ("vigil_core", "vigil_ffi")

sys.path.insert(0, str(GENERATED))


def check_api_checksums(module):
    """Runs the module's generated checksum check against the library it loaded."""
    module._uniffi_check_api_checksums(module._UniffiLib)


def pytest_sessionstart(session):
    if not (GENERATED / "libvigil_ffi.so").exists():
        raise pytest.UsageError(
            "tests/python/generated/libvigil_ffi.so is missing: run `cargo xtask bindings` "
            "and copy target/debug/libvigil_ffi.so there (`cargo xtask test` does both)"
        )
    for name in MODULES:
        module = __import__(name)
        check_api_checksums(module)
