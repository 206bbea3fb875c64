package org.haven.app.vault

import android.widget.CheckBox
import android.widget.EditText
import android.widget.NumberPicker
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

/** Wipe-after-N: a 5–50 choice, saved through the real core with the PIN, the setting shown. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class SettingsScreenTest {
    @Test
    fun `wipe after N is a 5 to 50 choice, saved with the PIN, read back from the core when settings opens`() {
        setUpVault()
        openVault()
        var settings = Robolectric.buildActivity(SettingsActivity::class.java).setup().get().also { settle() }
        var root = settings.window.decorView
        var picker = root.findViewWithTag<NumberPicker>(SettingsActivity.WIPE_AFTER_PICKER_TAG)
        var toggle = root.findViewWithTag<CheckBox>(SettingsActivity.WIPE_AFTER_TOGGLE_TAG)
        var current = root.findViewWithTag<TextView>(SettingsActivity.WIPE_AFTER_CURRENT_TAG)
        assertEquals(5, picker.minValue)
        assertEquals(50, picker.maxValue)
        // A new vault: off, read from the core.
        assertEquals("Now: off (wrong PINs only slow down further tries).", current.text.toString())
        assertFalse(toggle.isChecked)

        toggle.performClick()
        picker.value = 12
        val pin = root.findViewWithTag<EditText>(SettingsActivity.WIPE_AFTER_PIN_TAG)
        pin.setText(WRONG_PIN)
        root.clickTag(SettingsActivity.WIPE_AFTER_SAVE_TAG)
        settle()
        assertEquals("Now: off (wrong PINs only slow down further tries).", current.text.toString())
        assertNull(app.vault.session!!.wipeAfterFailures())

        pin.setText(PIN)
        root.clickTag(SettingsActivity.WIPE_AFTER_SAVE_TAG)
        settle()
        assertEquals("Now: erase after 12 wrong PINs in a row.", current.text.toString())
        assertEquals("", pin.text.toString())
        assertEquals(12u, app.vault.session!!.wipeAfterFailures())

        // Lock, reopen the vault, open settings again: the core's 12 is shown and the picker starts at it.
        settings.finish()
        app.vault.lock()
        openVault()
        settings = Robolectric.buildActivity(SettingsActivity::class.java).setup().get().also { settle() }
        root = settings.window.decorView
        picker = root.findViewWithTag(SettingsActivity.WIPE_AFTER_PICKER_TAG)
        toggle = root.findViewWithTag(SettingsActivity.WIPE_AFTER_TOGGLE_TAG)
        current = root.findViewWithTag(SettingsActivity.WIPE_AFTER_CURRENT_TAG)
        assertEquals("Now: erase after 12 wrong PINs in a row.", current.text.toString())
        assertEquals(12, picker.value)
        assertTrue(toggle.isChecked)
        assertEquals(android.view.View.VISIBLE, (picker.parent as android.view.View).visibility)

        // Turned off again: the core and the screen say off.
        toggle.performClick()
        root.findViewWithTag<EditText>(SettingsActivity.WIPE_AFTER_PIN_TAG).setText(PIN)
        root.clickTag(SettingsActivity.WIPE_AFTER_SAVE_TAG)
        settle()
        assertEquals("Now: off (wrong PINs only slow down further tries).", current.text.toString())
        assertNull(app.vault.session!!.wipeAfterFailures())
    }

    @Test
    fun `setup says as she types that a PIN is too easy to guess, and refuses it`() {
        val setup = Robolectric.buildActivity(org.haven.app.setup.SetupActivity::class.java).setup().get()
        val weak = setup.window.decorView.findViewWithTag<TextView>(org.haven.app.setup.SetupActivity.WEAK_TAG)
        setup.pinField.setText("123456")
        assertEquals(org.haven.app.text.UiText.SETUP_PIN_WEAK.en, weak.text.toString())
        setup.pinField.setText(PIN)
        assertEquals("", weak.text.toString())
        setup.pinField.setText("111111")
        setup.pinRepeatField.setText("111111")
        setup.create()
        settle()
        assertEquals(org.haven.core.model.VaultState.NotSetUp, app.vault.haven.state())
    }
}
