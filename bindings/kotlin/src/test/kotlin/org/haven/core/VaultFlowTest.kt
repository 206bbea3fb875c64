package org.haven.core

import org.haven.core.model.DuressBehaviour
import org.haven.core.model.HavenLocale
import org.haven.core.model.SpaceKind
import org.haven.core.model.VaultState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.time.Duration
import java.time.Instant

/** The whole life of a vault, through the generated Kotlin and the real library. */
class VaultFlowTest {
    @Test
    fun `setup, lock, unlock, session settings and PINs, quick exit, wipe`(): Unit = TempVault().use { v ->
        assertSame(VaultState.NotSetUp, v.haven.state())
        val first = v.setup(options = options(locale = HavenLocale.RU))
        assertTrue(first.isOpen())
        assertSame(VaultState.Unlocked, v.haven.state())
        assertEquals(HavenLocale.RU, first.locale())
        assertTrue(v.protector.seals.get() > 0, "the keys file went through the Kotlin protector")
        assertTrue(v.protector.mixes.get() >= 2, "both setup derivations went through the device mix")
        assertEquals(1, v.protector.sealingKeyCount, "every older sealing key was retired")
        assertSame(SpaceKind.FULL, first.space())

        v.haven.lock()
        assertFalse(first.isOpen())
        assertSame(VaultState.Locked, v.haven.state())
        assertThrows<HavenException.Locked> { first.locale() }
        first.close()

        assertInstanceOf(UnlockResult.NotOpened::class.java, v.haven.unlock(WRONG_PIN))
        v.haven.open(PIN).use { s ->
            assertTrue(s.isOpen())
            // Settings.
            assertEquals(HavenLocale.RU, s.locale())
            s.setLocale(HavenLocale.KK)
            assertEquals(HavenLocale.KK, s.locale())
            // PIN asked again before sensitive actions.
            s.verifyPin(PIN)
            val wrong = assertThrows<HavenException.InvalidInput> { s.verifyPin(WRONG_PIN) }
            assertEquals("pin", wrong.field)
            // Opt-in wipe after failures: validated, and can be turned off again.
            s.setWipeAfterFailures(PIN, 10u)
            assertThrows<HavenException.InvalidInput> { s.setWipeAfterFailures(PIN, 2u) }
            s.setWipeAfterFailures(PIN, null)
            // Duress PIN: set, cleared.
            s.setDuressPin(PIN, DURESS_PIN, DuressSettings(DuressBehaviour.OPEN_DECOY, false))
            s.clearDuressPin(PIN)
            // Change PIN.
            s.changePin(PIN, NEW_PIN)
            assertTrue(s.isOpen(), "changing the PIN keeps the session open")
            // The handle the Haven holds is the same session.
            v.haven.currentSession()!!.use { again -> assertEquals(HavenLocale.KK, again.locale()) }
        }

        // Quick exit: instant, idempotent, and every session call then fails with Locked.
        val s = v.haven.open(NEW_PIN)
        val started = System.nanoTime()
        v.haven.quickExit()
        val took = Duration.ofNanos(System.nanoTime() - started)
        v.haven.quickExit()
        assertTrue(took < Duration.ofMillis(100), "quick exit took $took")
        assertFalse(s.isOpen())
        assertNull(v.haven.currentSession())
        assertThrows<HavenException.Locked> { s.locale() }
        assertThrows<HavenException.Locked> { s.setLocale(HavenLocale.EN) }
        assertThrows<HavenException.Locked> { s.verifyPin(NEW_PIN) }
        assertThrows<HavenException.Locked> { s.changePin(NEW_PIN, PIN) }
        assertThrows<HavenException.Locked> { s.clearDuressPin(NEW_PIN) }
        assertThrows<HavenException.Locked> {
            s.setDuressPin(NEW_PIN, DURESS_PIN, DuressSettings(DuressBehaviour.NOTHING_HERE, false))
        }
        assertThrows<HavenException.Locked> { s.setWipeAfterFailures(NEW_PIN, null) }
        s.close()

        // The old PIN no longer opens anything; the new one does, with the data kept.
        assertInstanceOf(UnlockResult.NotOpened::class.java, v.haven.unlock(PIN))
        v.haven.open(NEW_PIN).use { assertEquals(HavenLocale.KK, it.locale()) }

        // Wipe: the platform key goes first, then every file; the vault is back to NotSetUp.
        val open = v.haven.currentSession()!!
        v.haven.wipe()
        assertFalse(open.isOpen())
        open.close()
        assertEquals(1, v.protector.destroys.get())
        assertFalse(v.protector.hasKey)
        assertSame(VaultState.NotSetUp, v.haven.state())
        assertFalse(Files.exists(v.dataDir.resolve("k")))
        assertFalse(Files.exists(v.dataDir.resolve("a.db")))
        assertThrows<HavenException.NotSetUp> { v.haven.unlock(NEW_PIN) }
        // And the directory can hold a new vault.
        v.setup().use { assertTrue(it.isOpen()) }
    }

    @Test
    fun `duress PIN opening the decoy shows the decoy, never the real vault`(): Unit = TempVault().use { v ->
        v.setup(DURESS_PIN, options(behaviour = DuressBehaviour.OPEN_DECOY)).use { real ->
            real.setLocale(HavenLocale.KK) // only in the real vault
        }
        v.haven.lock()
        v.haven.open(DURESS_PIN).use { decoy ->
            assertTrue(decoy.isOpen())
            assertSame(SpaceKind.NOTES, decoy.space())
            assertEquals(HavenLocale.EN, decoy.locale(), "the decoy keeps the setup language")
            // A plain notes space: notes work, nothing of the vault exists there.
            assertTrue(decoy.listNotes().isEmpty())
            val note = decoy.addNote("Buy bread")
            assertEquals("Milk", decoy.updateNote(note.id, "Milk").text)
            assertThrows<HavenException.InvalidInput> { decoy.addNote("  ") }
            assertThrows<HavenException.WrongSpace> { decoy.setWipeAfterFailures(DURESS_PIN, 5u) }
            assertThrows<HavenException.WrongSpace> { decoy.clearDuressPin(DURESS_PIN) }
            // Only the duress PIN passes there: the real PIN is answered like a wrong one.
            decoy.verifyPin(DURESS_PIN)
            val real = assertThrows<HavenException.InvalidInput> { decoy.verifyPin(PIN) }
            val wrong = assertThrows<HavenException.InvalidInput> { decoy.verifyPin(WRONG_PIN) }
            assertEquals(wrong.message, real.message)
        }
        v.haven.lock()
        v.haven.open(PIN).use { real ->
            assertEquals(HavenLocale.KK, real.locale())
            assertThrows<HavenException.WrongSpace> { real.listNotes() }
            // She curates the decoy from the real vault.
            real.decoyNotes(PIN).use { notes ->
                assertSame(SpaceKind.NOTES, notes.space())
                assertEquals(listOf("Milk"), notes.listNotes().map { it.text })
                notes.deleteNote(notes.listNotes().single().id)
                notes.addNote("Dentist on Friday")
            }
        }
        v.haven.lock()
        v.haven.open(DURESS_PIN).use { decoy ->
            assertEquals(listOf("Dentist on Friday"), decoy.listNotes().map { it.text })
        }
    }

    @Test
    fun `an older keys file written back opens nothing (the protector retired its key)`(): Unit =
        TempVault().use { v ->
            v.setup().close()
            v.haven.lock()
            val saved = Files.readAllBytes(v.dataDir.resolve("k"))
            repeat(5) { assertSame(UnlockResult.NotOpened, v.haven.unlock(WRONG_PIN)) }
            assertInstanceOf(VaultState.LockedOut::class.java, v.haven.state())
            Files.write(v.dataDir.resolve("k"), saved)
            assertThrows<HavenException.ProtectorUnavailable> { v.haven.unlock(PIN) }
            assertEquals(1, v.protector.sealingKeyCount)
        }

    @Test
    fun `weak PINs are refused by setup, with one rule for both shells`(): Unit = TempVault().use { v ->
        assertTrue(pinIsWeak("123456"))
        assertTrue(pinIsWeak("000000"))
        assertFalse(pinIsWeak(PIN))
        val e = assertThrows<HavenException.InvalidInput> {
            v.haven.setup("121212", null, options())
        }
        assertEquals("pin", e.field)
        assertEquals("is too easy to guess", e.reason)
        assertSame(VaultState.NotSetUp, v.haven.state())
    }

    @Test
    fun `duress PIN set to nothing-here behaves exactly like a wrong PIN`(): Unit = TempVault().use { v ->
        v.setup(DURESS_PIN, options(behaviour = DuressBehaviour.NOTHING_HERE)).close()
        v.haven.lock()
        assertSame(UnlockResult.NotOpened, v.haven.unlock(DURESS_PIN))
        assertSame(UnlockResult.NotOpened, v.haven.unlock(WRONG_PIN))
        assertSame(VaultState.Locked, v.haven.state())
        v.haven.open(PIN).close()
    }

    @Test
    fun `duress PIN with shred-real silently destroys the real vault's key`(): Unit = TempVault().use { v ->
        v.setup(DURESS_PIN, options(behaviour = DuressBehaviour.OPEN_DECOY, shredReal = true)).close()
        v.haven.lock()
        v.haven.open(DURESS_PIN).close()
        v.haven.lock()
        assertSame(UnlockResult.NotOpened, v.haven.unlock(PIN))
    }

    @Test
    fun `duress PIN set later from a session`(): Unit = TempVault().use { v ->
        v.setup().use { it.setDuressPin(PIN, DURESS_PIN, DuressSettings(DuressBehaviour.OPEN_DECOY, false)) }
        v.haven.lock()
        v.haven.open(DURESS_PIN).use { assertTrue(it.isOpen()) }
    }

    @Test
    fun `repeated wrong PINs lock out, and attempts are then not tried`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        repeat(5) { assertSame(UnlockResult.NotOpened, v.haven.unlock(WRONG_PIN)) }
        val state = v.haven.state()
        assertInstanceOf(VaultState.LockedOut::class.java, state)
        val until = (state as VaultState.LockedOut).until
        assertTrue(until.isAfter(Instant.now()), "locked out until $until")
        assertTrue(until.isBefore(Instant.now().plusSeconds(120)), "locked out until $until")
        val throttled = v.haven.unlock(PIN)
        assertInstanceOf(UnlockResult.Throttled::class.java, throttled)
        assertEquals(until, (throttled as UnlockResult.Throttled).until)
    }

    @Test
    fun `opt-in wipe after failures wipes the vault`(): Unit = TempVault().use { v ->
        v.setup(options = options(wipeAfter = 5u)).close()
        v.haven.lock()
        repeat(5) { v.haven.unlock(WRONG_PIN) }
        assertSame(VaultState.NotSetUp, v.haven.state())
        assertEquals(1, v.protector.destroys.get())
    }

    @Test
    fun `the vault survives a new Haven over the same directory (app restart)`(): Unit = TempVault().use { v ->
        v.setup(options = options(locale = HavenLocale.KK)).close()
        v.haven.quickExit()
        Haven.newInsecureForTests(v.dataDir.toString(), v.protector).use { restarted ->
            assertSame(VaultState.Locked, restarted.state())
            restarted.open(PIN).use { assertEquals(HavenLocale.KK, it.locale()) }
            restarted.quickExit()
        }
    }
}
