import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.vigil.core.Locale
import org.vigil.ffi.coreVersion
import org.vigil.ffi.localizedText

class FoundationTest {
    companion object {
        // Stale bindings fail here, loudly: both modules check the contract version and the
        // API checksums of the loaded library against the ones they were generated from.
        @JvmStatic
        @BeforeAll
        fun checkBindingsMatchLibrary() {
            org.vigil.core.uniffiEnsureInitialized()
            org.vigil.ffi.uniffiEnsureInitialized()
        }
    }

    @Test
    fun coreVersionIsSemver() {
        assertTrue(Regex("""\d+\.\d+\.\d+""").matches(coreVersion()), "core version is MAJOR.MINOR.PATCH")
    }

    @Test
    fun textsComeInBothLocales() {
        val zh = localizedText(Locale.ZH_CN, "error-wrong-passphrase")
        val en = localizedText(Locale.EN, "error-wrong-passphrase")
        assertNotEquals(zh, en)
        assertTrue(zh.any { Character.UnicodeScript.of(it.code) == Character.UnicodeScript.HAN }, "zh-CN text is in Chinese")
        assertTrue(en.contains("passphrase", ignoreCase = true), "en text is in English")
    }

    @Test
    fun unknownMessageIdComesBackAsItself() {
        // A gap in the bundles shows up as the id, never as an empty string.
        assertEquals("no-such-message", localizedText(Locale.EN, "no-such-message"))
    }
}
