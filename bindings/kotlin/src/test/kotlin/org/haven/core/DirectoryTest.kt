package org.haven.core

import org.haven.core.model.DirectoryQuery
import org.haven.core.model.HavenLocale
import org.haven.core.model.ServiceType
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.nio.file.Paths

/** The pack the app bundles (installed at setup), as a shell would receive an update. */
fun bundledPack(): ByteArray =
    Files.readAllBytes(Paths.get(System.getProperty("user.dir"), "..", "..", "core", "packs", "kz", "kz.havenpack"))

/** The directory through the generated Kotlin: search, one service, pack info and install. */
class DirectoryTest {
    @Test
    fun `search in any script, filters, one service`(): Unit = TempVault().use { v ->
        v.setup(options = options(locale = HavenLocale.RU)).use { s ->
            val info = s.directoryInfo()
            assertEquals("KZ", info.region)
            assertEquals(7u, info.services)

            val police = s.searchDirectory(DirectoryQuery(text = "полиц"))
            assertTrue(police.isNotEmpty(), "prefix search in Cyrillic")
            assertTrue(police[0].phones.any { it.number == "102" }, "${police[0].phones}")
            assertTrue(police[0].name.contains("полиция"))
            val english = s.searchDirectory(DirectoryQuery(text = "police", locale = HavenLocale.EN))
            assertEquals(police[0].id, english[0].id)
            assertTrue(english[0].name.contains("police"))

            val emergency = s.searchDirectory(DirectoryQuery(text = "112", serviceTypes = listOf(ServiceType.EMERGENCY)))
            assertTrue(emergency.isNotEmpty())
            assertTrue(emergency.all { ServiceType.EMERGENCY in it.serviceTypes })
            assertTrue(s.searchDirectory(DirectoryQuery(text = "")).isEmpty())
            assertTrue(s.searchDirectory(DirectoryQuery(text = "\"*)(")).isEmpty(), "FTS syntax has no effect")

            val again = s.directoryService(police[0].id, null)
            assertEquals(police[0].id, again.id)
            assertEquals(police[0].phones, again.phones)
            val e = assertThrows<HavenException.NotFound> { s.directoryService("no-such-service", null) }
            assertFalse(e.toString().contains("no-such-service"))
        }
    }

    @Test
    fun `packs are verified before anything is installed`(): Unit = TempVault().use { v ->
        v.setup().use { s ->
            val before = s.directoryInfo()
            // Re-installing the installed version is a no-op.
            assertEquals(before, s.installPack(bundledPack()))
            val garbage = assertThrows<HavenException.PackRejected> { s.installPack(ByteArray(2000) { 3 }) }
            assertEquals("not a Haven directory pack", garbage.reason)
            val tampered = bundledPack().also { it[it.size / 2] = (it[it.size / 2].toInt() xor 1).toByte() }
            val rejected = assertThrows<HavenException.PackRejected> { s.installPack(tampered) }
            assertTrue(rejected.reason.startsWith("pack "), rejected.reason)
            assertEquals(before, s.directoryInfo(), "nothing changed")
            v.haven.quickExit()
            assertThrows<HavenException.Locked> { s.searchDirectory(DirectoryQuery(text = "police")) }
            assertThrows<HavenException.Locked> { s.installPack(bundledPack()) }
        }
    }
}
