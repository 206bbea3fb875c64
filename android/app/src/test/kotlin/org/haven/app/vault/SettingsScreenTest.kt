package org.haven.app.vault

import android.widget.CheckBox
import android.widget.EditText
import android.widget.NumberPicker
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.junit.Assert.assertEquals
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
    fun `wipe after N is a 5 to 50 choice, saved with the PIN and shown`() {
        setUpVault()
        openVault()
        val settings = Robolectric.buildActivity(SettingsActivity::class.java).setup().get().also { settle() }
        val root = settings.window.decorView
        val picker = root.findViewWithTag<NumberPicker>(SettingsActivity.WIPE_AFTER_PICKER_TAG)
        assertEquals(5, picker.minValue)
        assertEquals(50, picker.maxValue)
        root.findViewWithTag<CheckBox>(SettingsActivity.WIPE_AFTER_TOGGLE_TAG).performClick()
        picker.value = 7
        val pin = root.findViewWithTag<EditText>(SettingsActivity.WIPE_AFTER_PIN_TAG)
        val current = root.findViewWithTag<TextView>(SettingsActivity.WIPE_AFTER_CURRENT_TAG)

        pin.setText(WRONG_PIN)
        root.clickTag(SettingsActivity.WIPE_AFTER_SAVE_TAG)
        settle()
        assertEquals("Your last saved choice stays until you save a new one.", current.text.toString())

        pin.setText(PIN)
        root.clickTag(SettingsActivity.WIPE_AFTER_SAVE_TAG)
        settle()
        assertEquals("Now: erase after 7 wrong PINs in a row.", current.text.toString())
        assertEquals("", pin.text.toString())
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
