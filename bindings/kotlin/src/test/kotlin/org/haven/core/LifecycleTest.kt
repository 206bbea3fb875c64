package org.haven.core

import org.haven.core.model.CalcKey
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Handles are freed when closed. Method: `liveObjects()` reads counters kept by the Rust
 * objects themselves (incremented when an object is created, decremented when Rust drops it),
 * so after `close()` / `use {}` the count must be back exactly where it was. A leak of one
 * object per cycle would leave 10,000 behind.
 */
class LifecycleTest {
    private val cycles = 10_000

    @Test
    fun `10,000 calculators created and closed leave nothing behind`() {
        val before = liveObjects().calculators
        repeat(cycles) { i ->
            Calculator().use { calc ->
                calc.press(CalcKey.Digit((i % 10).toUByte()))
                calc.press(CalcKey.Equals)
            }
        }
        assertEquals(before, liveObjects().calculators)
    }

    @Test
    fun `10,000 session handles taken and closed leave nothing behind`(): Unit = TempVault().use { v ->
        v.setup().use { session ->
            val before = liveObjects().sessions
            repeat(cycles) {
                v.haven.currentSession()!!.use { handle -> assertTrue(handle.isOpen()) }
            }
            assertEquals(before, liveObjects().sessions)
            assertTrue(session.isOpen(), "closing handles does not lock the vault")
        }
    }

    @Test
    fun `unlock results and their sessions are freed`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        val before = liveObjects().sessions
        repeat(50) {
            val result = v.haven.unlock(PIN)
            result.destroy() // UnlockResult is Disposable: frees the session inside
        }
        v.haven.lock()
        assertEquals(before, liveObjects().sessions)
    }

    @Test
    fun `1,000 Havens created and closed leave nothing behind`(): Unit = TempVault().use { v ->
        val before = liveObjects().havens
        repeat(1_000) {
            Haven.newInsecureForTests(v.dataDir.toString(), v.protector).use { it.state() }
        }
        assertEquals(before, liveObjects().havens)
    }

    @Test
    fun `a closed handle refuses calls instead of touching freed memory`() {
        val calc = Calculator()
        calc.close()
        assertThrows<IllegalStateException> { calc.press(CalcKey.Clear) }
        calc.close() // idempotent
    }

    @Test
    fun `handles the app forgets are freed by the cleaner after garbage collection`() {
        val before = liveObjects().calculators
        fun forget() = repeat(1_000) { Calculator().press(CalcKey.Digit(1u)) }
        forget()
        val deadline = System.nanoTime() + 20_000_000_000L
        while (liveObjects().calculators > before && System.nanoTime() < deadline) {
            System.gc()
            Thread.sleep(20)
        }
        assertEquals(before, liveObjects().calculators)
    }
}
