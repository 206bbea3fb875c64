package org.haven.app.calculator

import org.haven.app.TestHavenApplication
import org.haven.app.discretion.SecureWindow
import org.haven.app.setup.SetupActivity
import org.haven.app.vault.DURESS_PIN
import org.haven.app.vault.PIN
import org.haven.app.vault.VaultHomeActivity
import org.haven.app.vault.WRONG_PIN
import org.haven.app.vault.app
import org.haven.app.vault.clickTag
import org.haven.app.vault.setUpVault
import org.haven.app.vault.settle
import org.haven.core.model.DuressBehaviour
import org.haven.core.model.VaultState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import org.robolectric.annotation.Config

/** The disguise, driven through its buttons, with the real core behind it. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class CalculatorActivityTest {

    private fun launch(): ActivityController<CalculatorActivity> {
        app.prefs.setupOffered = true
        return Robolectric.buildActivity(CalculatorActivity::class.java).setup().also { settle() }
    }

    private fun CalculatorActivity.type(keys: String) {
        for (key in keys.split(" ")) {
            if (key.all { it.isDigit() } && key.length > 1) key.forEach { window.decorView.clickTag(it.toString()) }
            else window.decorView.clickTag(key)
        }
    }

    private fun CalculatorActivity.nextStarted() = shadowOf(this).nextStartedActivity

    @Test
    fun `it calculates`() {
        val calculator = launch().get()
        calculator.type("12 + 3 =")
        assertEquals("15", calculator.displayText)
        calculator.type("C 2 + 3 × 4 =")
        assertEquals("14", calculator.displayText)
        calculator.type("C 7 . 5 ÷ 2 =")
        assertEquals("3.75", calculator.displayText)
        calculator.type("C 2 0 0 × 1 5 % =")
        assertEquals("30", calculator.displayText)
    }

    @Test
    fun `the right PIN and = opens the vault, and the display shows only the number`() {
        setUpVault()
        val calculator = launch().get()
        calculator.type("$PIN =")
        assertEquals(PIN, calculator.displayText)
        settle()
        assertEquals(VaultHomeActivity::class.java.name, calculator.nextStarted()?.component?.className)
        assertNotNull(app.vault.session)
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
    }

    @Test
    fun `a wrong PIN shows only the arithmetic result`() {
        setUpVault()
        val calculator = launch().get()
        calculator.type("$WRONG_PIN =")
        settle()
        assertEquals(WRONG_PIN, calculator.displayText)
        assertNull(calculator.nextStarted())
        assertNull(app.vault.session)
        assertEquals(VaultState.Locked, app.vault.haven.state())
    }

    @Test
    fun `a PIN inside a calculation is just arithmetic`() {
        setUpVault()
        val calculator = launch().get()
        calculator.type("$PIN + 1 =")
        settle()
        assertEquals("482914", calculator.displayText)
        assertNull(calculator.nextStarted())
    }

    @Test
    fun `the nothing-here duress PIN looks exactly like a wrong PIN`() {
        setUpVault(duressPin = DURESS_PIN, behaviour = DuressBehaviour.NOTHING_HERE)
        val calculator = launch().get()
        calculator.type("$DURESS_PIN =")
        settle()
        assertEquals(DURESS_PIN, calculator.displayText)
        assertNull(calculator.nextStarted())
        assertNull(app.vault.session)
        // The real PIN still opens the real vault afterwards.
        calculator.type("C $PIN =")
        settle()
        assertEquals(VaultHomeActivity::class.java.name, calculator.nextStarted()?.component?.className)
    }

    @Test
    fun `the decoy duress PIN opens only a plain notes app`() {
        setUpVault(duressPin = DURESS_PIN, behaviour = DuressBehaviour.OPEN_DECOY)
        val calculator = launch().get()
        calculator.type("$DURESS_PIN =")
        settle()
        assertEquals(DURESS_PIN, calculator.displayText)
        assertEquals(org.haven.app.notes.NotesActivity::class.java.name, calculator.nextStarted()?.component?.className)
        assertNull("no vault session behind the decoy", app.vault.session)
        assertNotNull(app.vault.notesSession)
    }

    @Test
    fun `a lock while the PIN is being checked wins`() {
        setUpVault()
        val calculator = launch().get()
        calculator.type("$PIN =")
        app.vault.lock() // she left the app before the derivation finished
        settle()
        assertNull(calculator.nextStarted())
        assertNull(app.vault.session)
        assertEquals(VaultState.Locked, app.vault.haven.state())
    }

    @Test
    fun `leaving clears the display`() {
        val controller = launch()
        controller.get().type("$PIN")
        controller.pause().stop()
        assertEquals("0", controller.get().displayText)
    }

    @Test
    fun `the calculator window is secure`() {
        assertTrue(SecureWindow.isProtected(launch().get()))
    }

    @Test
    fun `first run opens setup once, after that only a long press on = with 6-12 digits opens it`() {
        val first = Robolectric.buildActivity(CalculatorActivity::class.java).setup().get()
        settle()
        assertEquals(SetupActivity::class.java.name, shadowOf(first).nextStartedActivity?.component?.className)
        assertTrue(app.prefs.setupOffered)

        val later = Robolectric.buildActivity(CalculatorActivity::class.java).setup().get()
        settle()
        assertNull(shadowOf(later).nextStartedActivity)
        later.type("12 + 3 =")
        assertNull(shadowOf(later).nextStartedActivity)
        later.type("C 123456 =")
        assertNull("guessing PINs never reveals setup", shadowOf(later).nextStartedActivity)
        val equals = later.window.decorView.findViewWithTag<android.view.View>("=")
        later.type("C 12")
        equals.performLongClick()
        assertNull("not with fewer than 6 digits", shadowOf(later).nextStartedActivity)
        later.type("C 123456")
        equals.performLongClick()
        assertEquals(SetupActivity::class.java.name, shadowOf(later).nextStartedActivity?.component?.className)
    }
}
