package org.haven.app.setup

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import android.view.View
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.TextView
import org.haven.app.backup.BackupActivity
import org.haven.app.core.toLocale
import org.haven.app.discretion.LauncherDisguise
import org.haven.app.discretion.PrivateInput
import org.haven.app.discretion.QuickExit
import org.haven.app.discretion.SecureWindow
import org.haven.app.discretion.VaultScreen
import org.haven.app.haven
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.ScreenBar
import org.haven.app.ui.Theme
import org.haven.app.ui.Views
import org.haven.app.vault.VaultHomeActivity
import org.haven.core.DuressSettings
import org.haven.core.HavenException
import org.haven.core.SetupOptions
import org.haven.core.pinIsWeak
import org.haven.core.model.DuressBehaviour

/**
 * First run: her PIN, an optional duress PIN and what it does, her language, the launcher
 * disguise, and an honest account of what the disguise cannot hide. Closed like a vault screen if
 * she leaves the app half-way (nothing is kept).
 */
class SetupActivity : Activity(), VaultScreen {
    private var lang = Lang.fromSystem()
    private var withDuress = false
    private var duressBehaviour = DuressBehaviour.NOTHING_HERE
    private var shredReal = false
    private var disguise = LauncherDisguise.Variant.DEFAULT
    private var restoreAfter = false

    lateinit var pinField: EditText
        private set
    lateinit var pinRepeatField: EditText
        private set
    lateinit var duressField: EditText
        private set
    lateinit var createButton: Button
        private set
    private lateinit var message: TextView
    private lateinit var weakHint: TextView

    private fun t(text: UiText) = text.get(lang)

    override fun onCreate(savedInstanceState: Bundle?) {
        Theme.apply(this)
        super.onCreate(savedInstanceState)
        SecureWindow.protect(this)
        render()
    }

    private fun render() {
        val weak = Views.caption(this, "").apply { tag = WEAK_TAG }
        pinField = PrivateInput.field(this, PrivateInput.Kind.PIN, t(UiText.SETUP_PIN)).apply {
            // Live feedback as she types: the core refuses PINs that are too easy to guess.
            addTextChangedListener(object : android.text.TextWatcher {
                override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
                override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
                override fun afterTextChanged(s: android.text.Editable?) {
                    val typed = s?.toString().orEmpty()
                    weak.text = if (isPin(typed) && pinIsWeak(typed)) t(UiText.SETUP_PIN_WEAK) else ""
                }
            })
        }
        weakHint = weak
        pinRepeatField = PrivateInput.field(this, PrivateInput.Kind.PIN, t(UiText.SETUP_PIN_REPEAT))
        duressField = PrivateInput.field(this, PrivateInput.Kind.PIN, t(UiText.SETUP_PIN)).apply {
            visibility = if (withDuress) View.VISIBLE else View.GONE
        }
        message = Views.body(this, "")
        createButton = Views.button(this, t(UiText.SETUP_CREATE), Views.Role.PRIMARY) { create() }

        val duressOptions = Views.column(
            this,
            duressField,
            Views.radioGroup(this, DuressBehaviour.entries, duressBehaviour, ::behaviourLabel) { duressBehaviour = it },
            Views.checkBox(this, t(UiText.DURESS_SHRED), shredReal) { shredReal = it },
        ).apply {
            setPadding(0, 0, 0, 0)
            visibility = if (withDuress) View.VISIBLE else View.GONE
        }

        val content = Views.column(
            this,
            Views.heading(this, t(UiText.SETUP_LANGUAGE)),
            Views.radioGroup(this, Lang.entries, lang, ::languageName) {
                lang = it
                render()
            },
            Views.heading(this, t(UiText.SETUP_PIN)),
            Views.body(this, t(UiText.SETUP_PIN_HOW)),
            pinField,
            weakHint,
            pinRepeatField,
            Views.heading(this, t(UiText.SETUP_DURESS_TITLE)),
            Views.body(this, t(UiText.SETUP_DURESS_EXPLAIN)),
            Views.checkBox(this, t(UiText.SETUP_DURESS_TITLE), withDuress) {
                withDuress = it
                duressOptions.visibility = if (it) View.VISIBLE else View.GONE
                duressField.visibility = duressOptions.visibility
            },
            duressOptions,
            Views.heading(this, t(UiText.SETUP_DISGUISE)),
            Views.radioGroup(this, LauncherDisguise.Variant.entries, disguise, ::disguiseLabel) { disguise = it },
            Views.heading(this, t(UiText.SETUP_LIMITS_TITLE)),
            Views.body(this, t(UiText.SETUP_LIMITS)),
        )
        if (!haven.keyBoundToDeviceUnlock()) content.addView(Views.body(this, t(UiText.SETUP_NO_LOCK_SCREEN)))
        content.addView(Views.checkBox(this, t(UiText.SETUP_RESTORE), restoreAfter) { restoreAfter = it }.apply { tag = RESTORE_TAG })
        content.addView(message)
        content.addView(createButton)
        val root = LinearLayout(this).apply {
            orientation = LinearLayout.VERTICAL
            setBackgroundColor(Theme.palette(this@SetupActivity).background)
            isFocusableInTouchMode = true
            addView(ScreenBar.build(this@SetupActivity, t(UiText.SETUP_TITLE), t(UiText.EXIT)) { quickExit() })
            addView(Views.scroll(content))
        }
        setContentView(root)
    }

    /** Leaves at once: nothing typed here is kept, and no vault exists yet to lock. */
    fun quickExit() {
        clearPins()
        QuickExit.leave(this) { }
    }

    private fun behaviourLabel(behaviour: DuressBehaviour) = when (behaviour) {
        DuressBehaviour.NOTHING_HERE -> t(UiText.DURESS_NOTHING)
        DuressBehaviour.OPEN_DECOY -> t(UiText.DURESS_DECOY)
    }

    private fun disguiseLabel(variant: LauncherDisguise.Variant) = when (variant) {
        LauncherDisguise.Variant.BLUE -> t(UiText.DISGUISE_BLUE)
        LauncherDisguise.Variant.GRAPHITE -> t(UiText.DISGUISE_GRAPHITE)
        LauncherDisguise.Variant.ORANGE -> t(UiText.DISGUISE_ORANGE)
    }

    /** Reads the form and creates the vault off the UI thread. */
    fun create() {
        val pin = pinField.text.toString()
        if (pin != pinRepeatField.text.toString()) return show(UiText.SETUP_PIN_MISMATCH)
        if (!isPin(pin)) return show(UiText.SETUP_PIN_INVALID)
        if (pinIsWeak(pin)) return show(UiText.SETUP_PIN_WEAK)
        val duressPin = if (withDuress) duressField.text.toString() else null
        if (duressPin != null && (!isPin(duressPin) || duressPin == pin)) return show(UiText.SETUP_PIN_INVALID)
        val options = SetupOptions(
            locale = lang.toLocale(),
            duress = DuressSettings(behaviour = duressBehaviour, shredReal = shredReal),
            wipeAfterFailures = null,
        )
        clearPins()
        createButton.isEnabled = false
        show(UiText.WORKING)
        haven.vault.run({ it.setup(pin, duressPin, options) }) { outcome ->
            createButton.isEnabled = true
            outcome.onSuccess { session ->
                haven.vault.opened(session, lang)
                haven.prefs.setupOffered = true
                LauncherDisguise(this).switchTo(disguise)
                startActivity(Intent(this, VaultHomeActivity::class.java))
                if (restoreAfter) {
                    startActivity(Intent(this, BackupActivity::class.java).putExtra(BackupActivity.EXTRA_RESTORE, true))
                }
                finish()
            }.onFailure { error ->
                show(if (error is HavenException.InvalidInput) UiText.SETUP_PIN_INVALID else UiText.ERROR_GENERIC)
            }
        }
    }

    private fun clearPins() {
        listOf(pinField, pinRepeatField, duressField).forEach { it.text.clear() }
    }

    private fun show(text: UiText) {
        message.text = t(text)
    }

    companion object {
        const val RESTORE_TAG = "setup-restore"
        const val WEAK_TAG = "setup-weak"

        fun isPin(text: String): Boolean = text.length in 6..12 && text.all { it in '0'..'9' }

        fun languageName(lang: Lang): String = when (lang) {
            Lang.KK -> "Қазақша"
            Lang.RU -> "Русский"
            Lang.EN -> "English"
        }
    }
}

