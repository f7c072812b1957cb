import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import org.vigil.core.KdfParams
import org.vigil.core.SlotKind
import org.vigil.ffi.ApiException
import org.vigil.ffi.KeyProvider
import org.vigil.ffi.ProgressListener
import org.vigil.ffi.Vault
import org.vigil.ffi.createVault
import java.nio.file.Path

/** A working provider: stands in for the Android Keystore. */
class XorProvider(private val pad: Int) : KeyProvider {
    override fun wrap(dataKey: ByteArray) = ByteArray(dataKey.size) { (dataKey[it].toInt() xor pad).toByte() }
    override fun unwrap(blob: ByteArray) = ByteArray(blob.size) { (blob[it].toInt() xor pad).toByte() }
}

/** Throws the declared transient error, as a locked phone would. */
class LockedProvider : KeyProvider {
    override fun wrap(dataKey: ByteArray): ByteArray = throw ApiException.KeyUnavailable()
    override fun unwrap(blob: ByteArray): ByteArray = throw ApiException.KeyUnavailable()
}

/** Throws an undeclared Kotlin exception: must arrive in Rust as a clean error. */
class BrokenProvider : KeyProvider {
    override fun wrap(dataKey: ByteArray): ByteArray = throw IllegalStateException("keystore exploded")
    override fun unwrap(blob: ByteArray): ByteArray = throw IllegalStateException("keystore exploded")
}

class VaultTest {
    companion object {
        @JvmStatic
        @BeforeAll
        fun checkBindingsMatchLibrary() {
            org.vigil.core.uniffiEnsureInitialized()
            org.vigil.ffi.uniffiEnsureInitialized()
        }

        val FAST = KdfParams(1024u, 1u, 1u)
    }

    @Test
    fun createLockUnlockAndWrongPassphrase(@TempDir dir: Path) {
        val created = createVault(dir.resolve("v").toString(), "kt passphrase", FAST)
        assertEquals(27, created.recoveryCode.replace("-", "").length)
        val vault = created.vault
        assertEquals(listOf(SlotKind.PASSPHRASE, SlotKind.RECOVERY), vault.status().slots)
        vault.lock()
        assertThrows<ApiException.WrongPassphrase> { vault.unlockWithPassphrase("nope") }
        // One handle owns the file (exclusive lock); release it before opening another.
        vault.close()
        val reopened = Vault.open(dir.resolve("v").toString())
        reopened.unlockWithPassphrase("kt passphrase")
        assertFalse(reopened.status().locked)
    }

    @Test
    fun deviceSlotWithKotlinProviders(@TempDir dir: Path) {
        val vault = createVault(dir.resolve("v").toString(), "kt passphrase", FAST).vault
        vault.addDeviceSlot(XorProvider(0x42))
        assertTrue(SlotKind.DEVICE in vault.status().slots)
        vault.lock()
        assertThrows<ApiException.KeyUnavailable> { vault.unlockWithDevice(LockedProvider()) }
        assertThrows<ApiException.KeyUnavailable> { vault.unlockWithDevice(BrokenProvider()) }
        assertThrows<ApiException.KeyProviderFailed> { vault.unlockWithDevice(XorProvider(0x17)) }
        vault.unlockWithDevice(XorProvider(0x42))
        assertFalse(vault.status().locked)
    }

    @Test
    fun rekeyVerifyAndBackupReportProgress(@TempDir dir: Path) {
        val created = createVault(dir.resolve("v").toString(), "kt passphrase", FAST)
        val vault = created.vault
        val calls = mutableListOf<Pair<ULong, ULong>>()
        val listener = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong) { calls.add(done to total) }
        }
        assertEquals(0uL, vault.verify(listener).recordsChecked)
        val rekeyed = vault.rekey("kt passphrase", null, listener)
        assertNotEquals(created.recoveryCode, rekeyed.recoveryCode)
        assertThrows<ApiException.WrongPassphrase> { vault.rekey("wrong", null, null) }
        val backup = dir.resolve("b.vigil").toString()
        assertEquals(0uL, vault.exportBackup(backup, "backup pw", null))
        assertThrows<ApiException.WrongPassphrase> { vault.importBackup(backup, "nope", null) }
        assertEquals(0uL, vault.importBackup(backup, "backup pw", null).added)
    }

    @Test
    fun missingVaultIsAnErrorNotACrash(@TempDir dir: Path) {
        assertThrows<ApiException.NotAVault> { Vault.open(dir.resolve("missing").toString()) }
    }
}
