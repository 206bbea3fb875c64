package org.haven.app.calculator

import android.view.View
import android.view.Window
import org.haven.app.TestHavenApplication
import org.haven.app.vault.app
import org.haven.app.vault.settle
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode

/**
 * The disguise must look like a calculator: laid out with real text measurement (Robolectric's
 * native graphics) on a common phone size, the keypad is a full 5 × 4 grid inside the screen,
 * and no title bar shows anything (a default title would show the activity's class name).
 */
@RunWith(RobolectricTestRunner::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(
    manifest = Config.NONE,
    sdk = [35],
    application = TestHavenApplication::class,
    qualifiers = "w411dp-h891dp-xxhdpi",
)
class CalculatorLayoutTest {

    @Test
    fun `the keypad is a full grid inside the screen, and there is no title bar`() {
        app.prefs.setupOffered = true
        val calculator = Robolectric.buildActivity(CalculatorActivity::class.java).setup().get()
        settle()
        val root = calculator.window.decorView
        assertTrue(calculator.window.hasFeature(Window.FEATURE_NO_TITLE))

        val keys = CalculatorActivity.KEYPAD.map { (label, _) -> root.findViewWithTag<View>(label) }
        val boxes = keys.map { key ->
            val at = IntArray(2).also(key::getLocationInWindow)
            intArrayOf(at[0], at[1], key.width, key.height)
        }
        for ((i, box) in boxes.withIndex()) {
            val (x, y, w, h) = box.toList()
            assertTrue("key $i has no size", w > 0 && h > 0)
            assertTrue("key $i is off screen", x >= 0 && y >= 0 && x + w <= root.width && y + h <= root.height)
        }
        val rows = boxes.chunked(4)
        assertEquals(5, rows.size)
        for (row in rows) assertEquals("a row's keys share a top", 1, row.map { it[1] }.toSet().size)
        for (column in 0 until 4) assertEquals("a column's keys share a left", 1, rows.map { it[column][0] }.toSet().size)
        assertTrue("rows go down", rows.map { it[0][1] }.zipWithNext().all { (a, b) -> b > a })
        assertTrue("the keypad fills most of the width", rows[0].sumOf { it[2] } > root.width * 3 / 4)
    }
}
