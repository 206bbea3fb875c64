package org.haven.core

import org.haven.core.model.VaultState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.nio.file.StandardOpenOption

/**
 * Every public error variant that a shell can reach, reached from Kotlin, with its fields.
 * Not reachable from outside the library, and tested in Rust instead: `Throttled` (the core
 * reports throttling as `UnlockResult.Throttled`), `SchemaTooNew` (needs a database written by a
 * newer Haven, i.e. writing inside the encrypted database), `Internal` (a panic; there are none
 * to trigger).
 */
class ErrorMappingTest {
    /** Messages must never quote what was typed. */
    private fun assertNoSecret(e: Exception, vararg secrets: String) {
        val shown = listOf(e.message ?: "", e.toString())
        for (text in shown) for (secret in secrets) {
            assertFalse(text.contains(secret), "error text quotes an input: $text")
        }
    }

    @Test
    fun `InvalidInput names the field and never quotes the value`(): Unit = TempVault().use { v ->
        val e = assertThrows<HavenException.InvalidInput> { v.haven.setup("12ab56", null, options()) }
        assertEquals("pin", e.field)
        assertEquals("must contain digits only", e.reason)
        assertNoSecret(e, "12ab56")
        val short = assertThrows<HavenException.InvalidInput> { v.haven.unlock("98765") }
        assertEquals("pin", short.field)
        assertNoSecret(short, "98765")
        val duress = assertThrows<HavenException.InvalidInput> { v.haven.setup(PIN, PIN, options()) }
        assertEquals("duress_pin", duress.field)
        assertNoSecret(duress, PIN)
        assertSame(VaultState.NotSetUp, v.haven.state(), "nothing was created by refused setups")
    }

    @Test
    fun `NotSetUp and AlreadySetUp`(): Unit = TempVault().use { v ->
        assertThrows<HavenException.NotSetUp> { v.haven.unlock(PIN) }
        v.setup().close()
        assertThrows<HavenException.AlreadySetUp> { v.haven.setup(NEW_PIN, null, options()) }
    }

    @Test
    fun `Locked after quick exit`(): Unit = TempVault().use { v ->
        val s = v.setup()
        v.haven.quickExit()
        assertThrows<HavenException.Locked> { s.locale() }
        s.close()
    }

    @Test
    fun `ProtectorUnavailable when the platform key is gone, not a wrong PIN`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        v.protector.mode = TestProtector.Mode.KEY_LOST
        assertThrows<HavenException.ProtectorUnavailable> { v.haven.unlock(PIN) }
        assertThrows<HavenException.ProtectorUnavailable> { v.haven.state() }
        // The same after the key was really deleted (reinstall, key store reset).
        v.protector.mode = TestProtector.Mode.WORKING
        v.protector.destroyKey()
        assertThrows<HavenException.ProtectorUnavailable> { v.haven.unlock(PIN) }
    }

    @Test
    fun `ProtectorFailed when the key store throws something undeclared`(): Unit = TempVault().use { v ->
        v.protector.mode = TestProtector.Mode.BROKEN
        val e = assertThrows<HavenException.ProtectorFailed> { v.haven.setup(PIN, null, options()) }
        assertNoSecret(e, "exploded")
        v.protector.mode = TestProtector.Mode.WORKING
        v.setup().use { assertTrue(it.isOpen()) }
    }

    @Test
    fun `Corrupt keys file and Corrupt database`() {
        TempVault().use { v ->
            v.setup().close()
            v.haven.lock()
            val keys = v.dataDir.resolve("k")
            val bytes = Files.readAllBytes(keys)
            bytes[bytes.size / 2] = (bytes[bytes.size / 2].toInt() xor 0x40).toByte()
            Files.write(keys, bytes)
            val e = assertThrows<HavenException.Corrupt> { v.haven.unlock(PIN) }
            assertEquals("keys file", e.what)
        }
        TempVault().use { v ->
            v.setup().close()
            v.haven.lock()
            val db = v.dataDir.resolve("a.db")
            Files.write(db, ByteArray(8192) { 0x5a }, StandardOpenOption.TRUNCATE_EXISTING)
            Files.deleteIfExists(v.dataDir.resolve("a.db-wal"))
            Files.deleteIfExists(v.dataDir.resolve("a.db-shm"))
            val e = assertThrows<HavenException.Corrupt> { v.haven.unlock(PIN) }
            assertEquals("database", e.what)
        }
    }

    @Test
    fun `MissingFile when a database is gone`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        Files.delete(v.dataDir.resolve("a.db"))
        val e = assertThrows<HavenException.MissingFile> { v.haven.unlock(PIN) }
        assertEquals("database", e.what)
    }

    @Test
    fun `Storage with SQLite's code when the database cannot be opened`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        for (suffix in listOf("", "-wal", "-shm")) Files.deleteIfExists(v.dataDir.resolve("a.db$suffix"))
        Files.createDirectory(v.dataDir.resolve("a.db"))
        val e = assertThrows<HavenException.Storage> { v.haven.unlock(PIN) }
        assertEquals(14, e.code, "SQLITE_CANTOPEN")
    }

    @Test
    fun `Io with the operation and the error kind, never the path`() {
        val root = Files.createTempDirectory("haven-kt-io")
        try {
            val file = root.resolve("not-a-directory")
            Files.write(file, byteArrayOf(1))
            val dataDir = file.resolve("data").toString()
            val e = assertThrows<HavenException.Io> { Haven.newInsecureForTests(dataDir, TestProtector()) }
            assertEquals("create the data directory", e.op)
            assertEquals("NotADirectory", e.kind)
            assertNoSecret(e, root.toString())
        } finally {
            root.toFile().deleteRecursively()
        }
    }
}
