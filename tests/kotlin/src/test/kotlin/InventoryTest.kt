import java.nio.file.Files
import java.time.Instant
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.vigil.core.BreachSource
import org.vigil.core.DeletionLaw
import org.vigil.core.DetailKind
import org.vigil.core.DisclosureChannel
import org.vigil.core.HolderCategory
import org.vigil.core.InventoryImportFormat
import org.vigil.core.KdfParams
import org.vigil.core.Locale
import org.vigil.core.NewDetail
import org.vigil.core.NewDisclosure
import org.vigil.core.NewHolder
import org.vigil.core.QuotedDetail
import org.vigil.ffi.ApiException
import org.vigil.ffi.Inventory
import org.vigil.ffi.createVault

class InventoryTest {
    companion object {
        @JvmStatic
        @BeforeAll
        fun init() {
            org.vigil.core.uniffiEnsureInitialized()
            org.vigil.ffi.uniffiEnsureInitialized()
        }

        val NOW: Instant = Instant.parse("2025-06-01T10:00:00Z")
    }

    private fun newInventory(): Inventory {
        val dir = Files.createTempDirectory("vigil-inventory").resolve("vault").toString()
        val created = createVault(dir, "kotlin test passphrase", KdfParams(1024u, 1u, 1u))
        return Inventory(created.vault)
    }

    private fun detail(kind: DetailKind, value: String) = NewDetail(kind, value, null, false)

    private fun holder(name: String, category: HolderCategory, website: String? = null) =
        NewHolder(name, category, website, null, null, false)

    private fun give(inv: Inventory, detailId: String, holderId: String) =
        inv.disclose(NewDisclosure(detailId, holderId, "2024-03-01", DisclosureChannel.ONLINE_FORM, null, true, null), NOW)

    @Test
    fun whoHasAndTheyKnewRankHolders() {
        val inv = newInventory()
        val id = inv.addDetail(detail(DetailKind.ID_NUMBER, "11010519491231002X"), NOW).id
        val phone = inv.addDetail(detail(DetailKind.PHONE, "13812345678"), NOW).id
        val bank = inv.addHolder(holder("ICBC", HolderCategory.BANK, "icbc.com.cn"), NOW)
        val shop = inv.addHolder(holder("Shop", HolderCategory.ECOMMERCE), NOW)
        give(inv, id, bank)
        give(inv, phone, bank)
        give(inv, phone, shop)
        assertEquals(listOf("ICBC", "Shop"), inv.whoHasDetail(phone).map { it.holderName })
        val trace = inv.theyKnew(listOf(QuotedDetail.Kind(DetailKind.ID_NUMBER), QuotedDetail.Kind(DetailKind.PHONE)), null, NOW)
        assertEquals(listOf(bank, shop), trace.candidates.map { it.holderId })
        assertEquals(listOf(DetailKind.ID_NUMBER), trace.candidates[1].missing)
        val impact = inv.markBreached(shop, BreachSource.ALERT, NOW, Locale.EN)
        assertEquals(1u, impact.newlyFlagged)
        val letter = inv.requestDeletion(bank, DeletionLaw.PIPL, NOW)
        assertEquals(Locale.ZH_CN, letter.language)
        assertTrue(letter.body.contains("第四十七条"))
        assertTrue(inv.exposure(Locale.ZH_CN).overall > 0u)
    }

    @Test
    fun badInputIsRejectedWithTheRuleAndImportIsAllOrNothing() {
        val inv = newInventory()
        val e = assertThrows<ApiException.InvalidInput> { inv.addDetail(detail(DetailKind.BANK_CARD, "1234567812345678"), NOW) }
        assertTrue(e.reason.contains("Luhn"))
        assertFalse(e.reason.contains("1234567812345678"))
        assertThrows<ApiException.NotFound> { inv.holdingsOf("missing") }
        val csv = "record,kind,value\ndetail,phone,13900001111\ndetail,id_number,110105194912310021\n"
        val failure = assertThrows<ApiException.InvalidInput> { inv.importText(csv, InventoryImportFormat.CSV, NOW) }
        assertTrue(failure.reason.contains("line 3"))
        assertTrue(inv.details().isEmpty())
    }
}
