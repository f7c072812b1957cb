"""Foundation: the bindings load, match the library, and the core's texts come in both locales."""

import re
import unicodedata

import pytest

import conftest
import vigil_core
import vigil_ffi
from vigil_core import Locale


def test_core_version_is_semver():
    assert re.fullmatch(r"\d+\.\d+\.\d+", vigil_ffi.core_version())


def test_texts_come_in_both_locales():
    zh = vigil_ffi.localized_text(Locale.ZH_CN, "error-wrong-passphrase")
    en = vigil_ffi.localized_text(Locale.EN, "error-wrong-passphrase")
    assert zh != en
    assert any("CJK UNIFIED IDEOGRAPH" in unicodedata.name(c, "") for c in zh), "zh-CN text is in Chinese"
    assert "passphrase" in en.lower()


def test_unknown_message_id_comes_back_as_itself():
    # A gap in the bundles shows up as the id, never as an empty string.
    assert vigil_ffi.localized_text(Locale.EN, "no-such-message") == "no-such-message"


class _LibraryWithChangedChecksums:
    """The loaded library, except that every checksum answers as if the Rust API had changed."""

    def __init__(self, lib):
        self._lib = lib

    def __getattr__(self, name):
        real = getattr(self._lib, name)
        if "_checksum_" in name:
            return lambda: (real() + 1) & 0xFFFF
        return real


def test_checksum_check_is_active_and_rejects_stale_bindings():
    # The check conftest runs really compares something: the FFI module has functions to check...
    conftest.check_api_checksums(vigil_ffi)
    # ...and a library whose checksums differ from the generated ones is refused.
    with pytest.raises(vigil_ffi.InternalError, match="checksum mismatch"):
        vigil_ffi._uniffi_check_api_checksums(_LibraryWithChangedChecksums(vigil_ffi._UniffiLib))


def test_locale_enum_is_shared_between_modules():
    # vigil_ffi takes the core's Locale, not a copy of it.
    assert vigil_ffi.vigil_core is vigil_core
