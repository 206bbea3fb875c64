package org.haven.app.vault

import android.app.Activity
import android.content.ComponentName
import android.content.Intent
import android.widget.EditText
import org.haven.app.TestHavenApplication
import org.haven.app.discretion.LauncherDisguise
import org.haven.app.discretion.SecureWindow
import org.haven.app.panic.PanicKit
import org.haven.app.panic.PanicResponderActivity
import org.haven.app.setup.SetupActivity
import org.haven.core.model.VaultState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper
import java.util.concurrent.TimeUnit

/** The vault's screens and its discretion rules, with the real core behind them. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class VaultScreensTest {

    private fun <T : Activity> openScreen(type: Class<T>) =
        Robolectric.buildActivity(type).setup()

    private fun unlocked() {
        setUpVault()
        openVault()
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
    }

    @Test
    fun `quick exit locks the core, removes the task and shows the home screen`() {
        unlocked()
        val home = openScreen(VaultHomeActivity::class.java).get()
        home.window.decorView.clickTag(VaultActivity.QUICK_EXIT_TAG)
        assertEquals(VaultState.Locked, app.vault.haven.state())
        assertNull(app.vault.session)
        assertTrue(home.isFinishing)
        val next = shadowOf(home).nextStartedActivity
        assertEquals(Intent.ACTION_MAIN, next.action)
        assertTrue(next.hasCategory(Intent.CATEGORY_HOME))
    }

    @Test
    fun `every vault screen has the quick exit`() {
        unlocked()
        for (screen in listOf(VaultHomeActivity::class.java) + VaultHomeActivity.SECTIONS.map { it.second }) {
            val activity = openScreen(screen).get()
            assertNotNull("$screen has no exit", activity.window.decorView.findViewWithTag(VaultActivity.QUICK_EXIT_TAG))
        }
    }

    @Test
    fun `going to the background locks the vault and closes its screens`() {
        unlocked()
        val home = openScreen(VaultHomeActivity::class.java)
        home.pause().stop()
        assertEquals(VaultState.Locked, app.vault.haven.state())
        assertNull(app.vault.session)
        assertTrue(home.get().isFinishing)
    }

    @Test
    fun `screen off locks the vault`() {
        unlocked()
        val home = openScreen(VaultHomeActivity::class.java)
        app.sendBroadcast(Intent(Intent.ACTION_SCREEN_OFF))
        ShadowLooper.idleMainLooper()
        assertEquals(VaultState.Locked, app.vault.haven.state())
        assertTrue(home.get().isFinishing)
    }

    @Test
    fun `a vault screen opened without an open vault closes at once`() {
        setUpVault()
        val home = openScreen(VaultHomeActivity::class.java).get()
        assertTrue(home.isFinishing)
    }

    @Test
    fun `auto-lock after inactivity`() {
        unlocked()
        app.prefs.autoLockMinutes = 1
        val home = openScreen(VaultHomeActivity::class.java)
        ShadowLooper.idleMainLooper(59, TimeUnit.SECONDS)
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
        ShadowLooper.idleMainLooper(2, TimeUnit.SECONDS)
        assertEquals(VaultState.Locked, app.vault.haven.state())
        assertTrue(home.get().isFinishing)
    }

    @Test
    fun `no window shows a title bar or the app's package name`() {
        unlocked()
        val screens = listOf(
            org.haven.app.calculator.CalculatorActivity::class.java,
            SetupActivity::class.java,
            VaultHomeActivity::class.java,
        ) + VaultHomeActivity.SECTIONS.map { it.second }
        for (screen in screens) {
            val activity = openScreen(screen).get()
            settle()
            assertTrue("$screen has a title bar", activity.window.hasFeature(android.view.Window.FEATURE_NO_TITLE))
            assertNull(activity.actionBar)
            val texts = editTextsAndLabels(activity.window.decorView)
            assertTrue("$screen shows the package name", texts.none { it.contains("org.haven") })
        }
    }

    private fun editTextsAndLabels(view: android.view.View): List<String> = when (view) {
        is android.widget.TextView -> listOf(view.text.toString(), view.hint?.toString().orEmpty())
        is android.view.ViewGroup -> (0 until view.childCount).flatMap { editTextsAndLabels(view.getChildAt(it)) }
        else -> emptyList()
    }

    @Test
    fun `FLAG_SECURE on every vault window and on setup`() {
        unlocked()
        val screens = listOf(VaultHomeActivity::class.java, SetupActivity::class.java) + VaultHomeActivity.SECTIONS.map { it.second }
        for (screen in screens) {
            assertTrue("$screen is not secure", SecureWindow.isProtected(openScreen(screen).get()))
        }
    }

    private fun panicFrom(sender: String?): Activity {
        val controller = Robolectric.buildActivity(
            PanicResponderActivity::class.java,
            Intent(PanicKit.ACTION_TRIGGER),
        )
        if (sender != null) shadowOf(controller.get()).setCallingActivity(ComponentName(sender, "$sender.Trigger"))
        return controller.create().get()
    }

    /** Installs a trigger app signed by [cert] and connects it, as accepting it in settings would. */
    private fun connectRipple(cert: String = "30820a") {
        install("info.guardianproject.ripple", cert)
        app.prefs.panicTrigger = "info.guardianproject.ripple"
        app.prefs.panicTriggerCert = org.haven.app.panic.SigningCerts.of(app.packageManager, "info.guardianproject.ripple")
        assertNotNull(app.prefs.panicTriggerCert)
    }

    private fun install(packageName: String, cert: String) {
        val info = android.content.pm.PackageInfo().apply {
            this.packageName = packageName
            @Suppress("DEPRECATION")
            signatures = arrayOf(android.content.pm.Signature(cert))
            applicationInfo = android.content.pm.ApplicationInfo().apply { this.packageName = packageName }
        }
        shadowOf(app.packageManager).installPackage(info)
    }

    @Test
    fun `panic trigger from an app that took the connected app's name with another key changes nothing`() {
        unlocked()
        connectRipple()
        shadowOf(app.packageManager).removePackage("info.guardianproject.ripple")
        install("info.guardianproject.ripple", "40f1")
        val home = openScreen(VaultHomeActivity::class.java)
        panicFrom("info.guardianproject.ripple")
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
        assertFalse(home.get().isFinishing)
    }

    @Test
    fun `panic trigger from an app that is not the connected one changes nothing`() {
        unlocked()
        connectRipple()
        val home = openScreen(VaultHomeActivity::class.java)
        panicFrom("com.example.other")
        panicFrom(null)
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
        assertFalse(home.get().isFinishing)
    }

    @Test
    fun `panic trigger from the connected app locks, and wipes only when she opted in`() {
        unlocked()
        connectRipple()
        val home = openScreen(VaultHomeActivity::class.java)
        val responder = panicFrom("info.guardianproject.ripple")
        assertTrue(responder.isFinishing)
        assertEquals(VaultState.Locked, app.vault.haven.state())
        assertTrue(home.get().isFinishing)
        settle()
        assertEquals("lock only by default", VaultState.Locked, app.vault.haven.state())

        app.prefs.panicWipes = true
        panicFrom("info.guardianproject.ripple")
        settle()
        assertEquals(VaultState.NotSetUp, app.vault.haven.state())
        // The wipe also forgets the shell's settings: nothing says a panic app was connected.
        assertNull(app.prefs.panicTrigger)
        assertNull(app.prefs.panicTriggerCert)
        assertTrue(app.prefs.setupOffered)
    }

    private fun startWipe(settings: SettingsActivity) {
        val root = settings.window.decorView
        root.findViewWithTag<EditText>(SettingsActivity.WIPE_PIN_TAG).setText(PIN)
        root.clickTag(SettingsActivity.WIPE_START_TAG)
        settle() // the PIN is checked off the UI thread
    }

    @Test
    fun `the wipe countdown can be cancelled and nothing is touched`() {
        unlocked()
        val settings = openScreen(SettingsActivity::class.java).get()
        startWipe(settings)
        assertTrue(settings.wipeCountdown!!.isRunning)
        ShadowLooper.idleMainLooper(5, TimeUnit.SECONDS)
        settings.window.decorView.clickTag(SettingsActivity.WIPE_CANCEL_TAG)
        ShadowLooper.idleMainLooper(60, TimeUnit.SECONDS)
        settle()
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
        assertFalse(settings.isFinishing)
    }

    @Test
    fun `the wipe runs when the countdown ends`() {
        unlocked()
        val settings = openScreen(SettingsActivity::class.java).get()
        startWipe(settings)
        ShadowLooper.idleMainLooper(10, TimeUnit.SECONDS)
        settle()
        assertEquals(VaultState.NotSetUp, app.vault.haven.state())
        assertTrue(settings.isFinishing)
    }

    @Test
    fun `a wrong PIN does not start the wipe countdown`() {
        unlocked()
        val settings = openScreen(SettingsActivity::class.java).get()
        val root = settings.window.decorView
        root.findViewWithTag<EditText>(SettingsActivity.WIPE_PIN_TAG).setText(WRONG_PIN)
        root.clickTag(SettingsActivity.WIPE_START_TAG)
        settle()
        assertNull(settings.wipeCountdown)
        ShadowLooper.idleMainLooper(30, TimeUnit.SECONDS)
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
    }

    private fun editTexts(view: android.view.View): List<EditText> = when (view) {
        is EditText -> listOf(view)
        is android.view.ViewGroup -> (0 until view.childCount).flatMap { editTexts(view.getChildAt(it)) }
        else -> emptyList()
    }

    @Test
    fun `every text field in setup and settings keeps the keyboard from learning and autofill out`() {
        unlocked()
        for (screen in listOf(SetupActivity::class.java, SettingsActivity::class.java)) {
            val all = editTexts(openScreen(screen).get().window.decorView)
            // A number picker's own field never takes the keyboard (its focus is blocked).
            val (pickers, fields) = all.partition { it.parent is android.widget.NumberPicker }
            pickers.forEach { assertEquals(android.view.ViewGroup.FOCUS_BLOCK_DESCENDANTS, (it.parent as android.view.ViewGroup).descendantFocusability) }
            assertTrue("$screen has no fields", fields.isNotEmpty())
            for (field in fields) {
                assertTrue(field.imeOptions and android.view.inputmethod.EditorInfo.IME_FLAG_NO_PERSONALIZED_LEARNING != 0)
                assertEquals(android.view.View.IMPORTANT_FOR_AUTOFILL_NO_EXCLUDE_DESCENDANTS, field.importantForAutofill)
                assertFalse(field.isSaveEnabled)
                val type = field.inputType
                val noSuggestions = type and android.text.InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS != 0
                val hidden = type and android.text.InputType.TYPE_NUMBER_VARIATION_PASSWORD != 0 &&
                    type and android.text.InputType.TYPE_MASK_CLASS == android.text.InputType.TYPE_CLASS_NUMBER
                assertTrue("$screen field without no-suggestions or hidden PIN input", noSuggestions || hidden)
            }
        }
    }

    @Test
    fun `the language she chose is the vault's language after unlocking`() {
        setUpVault()
        app.vault.haven.unlock(PIN).let { it as org.haven.core.UnlockResult.Opened }.session.use { session ->
            session.setLocale(org.haven.core.model.HavenLocale.KK)
        }
        app.vault.lock()
        app.prefs.setupOffered = true
        val calculator = Robolectric.buildActivity(org.haven.app.calculator.CalculatorActivity::class.java).setup().get()
        settle()
        for (digit in PIN) calculator.window.decorView.clickTag(digit.toString())
        calculator.window.decorView.clickTag("=")
        settle()
        assertEquals(org.haven.app.text.Lang.KK, app.vault.lang)
        val home = openScreen(VaultHomeActivity::class.java).get()
        assertNotNull(home.window.decorView.findViewWithTag<android.view.View>(VaultActivity.QUICK_EXIT_TAG))
        val exit = home.window.decorView.findViewWithTag<android.widget.Button>(VaultActivity.QUICK_EXIT_TAG)
        assertEquals("Шығу", exit.text.toString())
    }

    @Test
    fun `setup creates the vault, switches the disguise and opens the vault`() {
        val setup = openScreen(SetupActivity::class.java).get()
        setup.pinField.setText(PIN)
        setup.pinRepeatField.setText(PIN)
        setup.create()
        assertEquals("PIN fields are cleared at once", "", setup.pinField.text.toString())
        settle()
        assertEquals(VaultState.Unlocked, app.vault.haven.state())
        assertNotNull(app.vault.session)
        assertEquals(VaultHomeActivity::class.java.name, shadowOf(setup).nextStartedActivity?.component?.className)
        assertEquals(LauncherDisguise.Variant.DEFAULT, LauncherDisguise(app).current())
    }

    @Test
    fun `setup refuses mismatched or short PINs without touching the core`() {
        val setup = openScreen(SetupActivity::class.java).get()
        setup.pinField.setText(PIN)
        setup.pinRepeatField.setText("482914")
        setup.create()
        setup.pinField.setText("12345")
        setup.pinRepeatField.setText("12345")
        setup.create()
        settle()
        assertEquals(VaultState.NotSetUp, app.vault.haven.state())
        assertNull(shadowOf(setup).nextStartedActivity)
    }
}
