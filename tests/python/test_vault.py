"""The vault across FFI: lifecycle, key slots with providers written in Python, errors both ways."""

import gc

import pytest

import vigil_ffi
from vigil_core import KdfParams, SlotKind
from vigil_ffi import ApiError, KeyProvider, ProgressListener, Vault

FAST = KdfParams(memory_kib=1024, iterations=1, parallelism=1)


class XorProvider(KeyProvider):
    """A working provider: stands in for a hardware keystore."""

    def __init__(self, pad):
        self.pad = pad

    def wrap(self, data_key):
        return bytes(b ^ self.pad for b in data_key)

    def unwrap(self, blob):
        return bytes(b ^ self.pad for b in blob)


class LockedDeviceProvider(KeyProvider):
    """Throws the declared transient error, as a locked phone would."""

    def wrap(self, data_key):
        raise ApiError.KeyUnavailable()

    def unwrap(self, blob):
        raise ApiError.KeyUnavailable()


class BrokenProvider(KeyProvider):
    """Throws an undeclared Python exception: must arrive as a clean error, not a crash."""

    def wrap(self, data_key):
        raise RuntimeError("keystore exploded")

    def unwrap(self, blob):
        raise RuntimeError("keystore exploded")


class Recorder(ProgressListener):
    def __init__(self):
        self.calls = []

    def on_progress(self, done, total):
        self.calls.append((done, total))


@pytest.fixture
def created(tmp_path):
    return vigil_ffi.create_vault(str(tmp_path / "vault"), "py passphrase", FAST), tmp_path / "vault"


def test_create_lock_unlock_and_wrong_passphrase(tmp_path):
    path = tmp_path / "vault"
    result = vigil_ffi.create_vault(str(path), "py passphrase", FAST)
    vault = result.vault
    assert len(result.recovery_code.replace("-", "")) == 27
    status = vault.status()
    assert not status.locked and status.slots == [SlotKind.PASSPHRASE, SlotKind.RECOVERY]
    vault.lock()
    assert vault.status().locked
    with pytest.raises(ApiError.WrongPassphrase):
        vault.unlock_with_passphrase("nope")
    # One handle owns the file (exclusive lock); release it before opening another.
    del vault, result
    gc.collect()
    reopened = Vault.open(str(path))
    reopened.unlock_with_passphrase("py passphrase")
    assert not reopened.status().locked


def test_recovery_code_and_passphrase_change(created):
    result, path = created
    vault = result.vault
    vault.change_passphrase("py passphrase", "second passphrase")
    vault.lock()
    with pytest.raises(ApiError.WrongPassphrase):
        vault.unlock_with_passphrase("py passphrase")
    vault.reset_passphrase_with_recovery_code(result.recovery_code, "third passphrase")
    vault.lock()
    vault.unlock_with_passphrase("third passphrase")


def test_device_slot_with_python_providers(created):
    result, path = created
    vault = result.vault
    vault.add_device_slot(XorProvider(0x42))
    assert SlotKind.DEVICE in vault.status().slots
    vault.lock()
    # Python exceptions cross into Rust: the declared one keeps its meaning...
    with pytest.raises(ApiError.KeyUnavailable):
        vault.unlock_with_device(LockedDeviceProvider())
    # ...an undeclared one becomes a transient failure, never a crash or a wiped slot.
    with pytest.raises(ApiError.KeyUnavailable):
        vault.unlock_with_device(BrokenProvider())
    # A provider whose key changed returns wrong bytes: refused permanently.
    with pytest.raises(ApiError.KeyProviderFailed):
        vault.unlock_with_device(XorProvider(0x17))
    vault.unlock_with_device(XorProvider(0x42))
    assert not vault.status().locked


def test_rekey_verify_backup_with_progress(created, tmp_path):
    result, path = created
    vault = result.vault
    report = vault.verify(None)
    assert report.records_checked == 0 and report.problems == []
    rekeyed = vault.rekey("py passphrase", None, Recorder())
    assert rekeyed.recovery_code != result.recovery_code
    backup = str(tmp_path / "backup.vigil")
    assert vault.export_backup(backup, "backup pw", None) == 0
    with pytest.raises(ApiError.WrongPassphrase):
        vault.import_backup(backup, "wrong", None)
    (tmp_path / "garbage.vigil").write_bytes(b"not a backup")
    with pytest.raises(ApiError.NotAVault):
        vault.import_backup(str(tmp_path / "garbage.vigil"), "backup pw", None)
    imported = vault.import_backup(backup, "backup pw", None)
    assert (imported.added, imported.replaced) == (0, 0)


def test_errors_carry_no_secrets(tmp_path):
    with pytest.raises(ApiError.NotAVault) as caught:
        Vault.open(str(tmp_path / "missing"))
    assert "missing" not in str(caught.value)
    with pytest.raises(ApiError.InvalidInput):
        vigil_ffi.create_vault(str(tmp_path / "weak"), "pw", KdfParams(memory_kib=8, iterations=1, parallelism=1))
