package org.haven.core

import org.haven.core.model.CalcKey
import org.haven.core.model.VaultState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Types a string of keys: digits, `.`, `+ - * /` (also `− × ÷`), `%`, `±`, `=`, `C`, `<`. */
fun Calculator.type(keys: String): CalcScreen {
    var screen: CalcScreen? = null
    for (c in keys) {
        val key = when (c) {
            in '0'..'9' -> CalcKey.Digit((c - '0').toUByte())
            '.' -> CalcKey.Point
            '+' -> CalcKey.Add
            '-', '−' -> CalcKey.Subtract
            '*', '×' -> CalcKey.Multiply
            '/', '÷' -> CalcKey.Divide
            '%' -> CalcKey.Percent
            '±' -> CalcKey.ToggleSign
            '=' -> CalcKey.Equals
            'C' -> CalcKey.Clear
            '<' -> CalcKey.Backspace
            ' ' -> continue
            else -> throw IllegalArgumentException("no key for $c")
        }
        screen = press(key)
    }
    return screen!!
}

class CalculatorTest {
    @Test
    fun `it is a real calculator`(): Unit = Calculator().use { calc ->
        assertEquals(CalcScreen("14", "2 + 3 × 4 =", false), calc.type("2 + 3 × 4 ="))
        assertEquals("0.3", calc.type("C 0.1 + 0.2 =").display)
        assertEquals("55", calc.type("C 50 + 10 % =").display)
        assertEquals("-3", calc.type("C 3 ± =").display)
        assertEquals("Error", calc.type("C 5 ÷ 0 =").display)
        assertEquals("12 + 3 ×", calc.type("C 12 + 3 ×").expression)
        assertEquals("12", calc.type("C 123 <").display)
        assertEquals("0", calc.type("C").display)
    }

    @Test
    fun `digits and = open the vault without the digits crossing the FFI`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        Calculator().use { calc ->
            val screen = calc.type(PIN)
            assertFalse(screen.unlockCandidate)
            val equals = calc.press(CalcKey.Equals)
            // The screen shows what any calculator shows.
            assertEquals(CalcScreen(PIN, "$PIN =", true), equals)
            val result = v.haven.unlockWithCalculator(calc)
            assertInstanceOf(UnlockResult.Opened::class.java, result)
            (result as UnlockResult.Opened).session.use { assertTrue(it.isOpen()) }
            // The candidate was taken: a second attempt has nothing to try.
            assertSame(UnlockResult.NotOpened, v.haven.unlockWithCalculator(calc))
            assertSame(VaultState.Unlocked, v.haven.state())
        }
    }

    @Test
    fun `leading zeros and backspace corrections are honoured`(): Unit = TempVault().use { v ->
        v.haven.setup("001234", null, options()).close()
        v.haven.lock()
        Calculator().use { calc ->
            val screen = calc.type("0012345<=")
            assertEquals("1234", screen.display)
            assertTrue(screen.unlockCandidate)
            assertOpenedAndClose(v.haven.unlockWithCalculator(calc))
        }
    }

    @Test
    fun `a wrong PIN is just a number, and arithmetic is never tried nor counted`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        Calculator().use { calc ->
            assertEquals(CalcScreen(WRONG_PIN, "$WRONG_PIN =", true), calc.type("C $WRONG_PIN ="))
            assertSame(UnlockResult.NotOpened, v.haven.unlockWithCalculator(calc))
            // Ordinary sums offer nothing; trying anyway does not count as a wrong PIN.
            repeat(10) {
                assertFalse(calc.type("C 123456 + 1 =").unlockCandidate)
                assertFalse(calc.type("C 12345 =").unlockCandidate)
                assertSame(UnlockResult.NotOpened, v.haven.unlockWithCalculator(calc))
            }
            assertSame(VaultState.Locked, v.haven.state())
            calc.type("C $PIN =")
            assertOpenedAndClose(v.haven.unlockWithCalculator(calc))
        }
    }

    @Test
    fun `while throttled the calculator keeps calculating and the entry is not tried`(): Unit = TempVault().use { v ->
        v.setup().close()
        v.haven.lock()
        repeat(5) { v.haven.unlock(WRONG_PIN) }
        Calculator().use { calc ->
            assertEquals("246810", calc.type("C $PIN =").display)
            assertInstanceOf(UnlockResult.Throttled::class.java, v.haven.unlockWithCalculator(calc))
            assertEquals("7", calc.type("C 3 + 4 =").display)
        }
    }
}
