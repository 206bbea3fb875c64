package org.haven.app.vault

import android.view.View
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.TextView
import org.haven.app.core.toLocale
import org.haven.app.discretion.LauncherDisguise
import org.haven.app.discretion.PrivateInput
import org.haven.app.discretion.QuickExit
import org.haven.app.haven
import org.haven.app.panic.PanicPolicy
import org.haven.app.panic.SigningCerts
import org.haven.app.settings.WipeCountdown
import org.haven.app.setup.SetupActivity
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.core.DuressSettings
import org.haven.core.model.DuressBehaviour

/**
 * Settings: language, PIN, duress PIN, opt-in wipe after wrong PINs, auto-lock, the launcher
 * disguise, the panic trigger app, and "erase everything" with a cancellable countdown.
 * Everything that weakens or destroys asks for the current PIN again.
 */
class SettingsActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_SETTINGS

    private val panic by lazy { PanicPolicy(haven.prefs) { SigningCerts.of(packageManager, it) } }

    /** The running wipe countdown, if any (visible for tests). */
    var wipeCountdown: WipeCountdown? = null
        private set

    private lateinit var status: TextView

    override fun content(): View {
        status = Views.body(this, "")
        return Views.column(this, status).apply {
            addView(languageSection())
            addView(pinSection())
            addView(duressSection())
            addView(decoyNotesSection())
            addView(wipeAfterSection())
            addView(autoLockSection())
            addView(disguiseSection())
            addView(panicSection())
            addView(wipeSection())
        }
    }

    private fun section(title: UiText, vararg children: View): LinearLayout =
        Views.column(this, Views.heading(this, t(title)), *children).apply { setPadding(0, 0, 0, 0) }

    private fun pinField(hint: UiText): EditText = PrivateInput.field(this, PrivateInput.Kind.PIN, t(hint))

    /** Runs a session call that needs the PIN off the UI thread, then reports done or wrong PIN. */
    private fun withPin(fields: List<EditText>, call: () -> Unit, after: () -> Unit = {}) {
        fields.forEach { it.text.clear() }
        status.text = t(UiText.WORKING)
        vault.run({ call() }) { outcome ->
            status.text = t(if (outcome.isSuccess) UiText.SETTINGS_DONE else UiText.SETTINGS_PIN_WRONG)
            if (outcome.isSuccess) after()
        }
    }

    private fun languageSection(): View = section(
        UiText.SETTINGS_LANGUAGE,
        Views.radioGroup(this, Lang.entries, lang, SetupActivity::languageName) { chosen ->
            vault.run({ session.setLocale(chosen.toLocale()) }) { outcome ->
                if (outcome.isSuccess) {
                    vault.setLanguage(chosen)
                    render()
                }
            }
        },
    )

    private fun pinSection(): View {
        val current = pinField(UiText.SETTINGS_CURRENT_PIN)
        val new = pinField(UiText.SETTINGS_NEW_PIN)
        val repeat = pinField(UiText.SETUP_PIN_REPEAT)
        return section(
            UiText.SETTINGS_CHANGE_PIN, current, new, repeat,
            Views.button(this, t(UiText.SETTINGS_CHANGE_PIN)) {
                val (c, n, r) = listOf(current, new, repeat).map { it.text.toString() }
                when {
                    n != r -> status.text = t(UiText.SETUP_PIN_MISMATCH)
                    !SetupActivity.isPin(n) -> status.text = t(UiText.SETUP_PIN_INVALID)
                    else -> withPin(listOf(current, new, repeat), { session.changePin(c, n) })
                }
            },
        )
    }

    private fun duressSection(): View {
        val current = pinField(UiText.SETTINGS_CURRENT_PIN)
        val duress = pinField(UiText.SETTINGS_DURESS_PIN)
        var behaviour = DuressBehaviour.NOTHING_HERE
        var shred = false
        return section(
            UiText.SETTINGS_DURESS,
            Views.body(this, t(UiText.SETUP_DURESS_EXPLAIN)),
            current, duress,
            Views.radioGroup(this, DuressBehaviour.entries, behaviour, {
                t(if (it == DuressBehaviour.NOTHING_HERE) UiText.DURESS_NOTHING else UiText.DURESS_DECOY)
            }) { behaviour = it },
            Views.checkBox(this, t(UiText.DURESS_SHRED), shred) { shred = it },
            Views.button(this, t(UiText.SETTINGS_DURESS_SET)) {
                val (c, d) = listOf(current, duress).map { it.text.toString() }
                if (!SetupActivity.isPin(d) || d == c) {
                    status.text = t(UiText.SETUP_PIN_INVALID)
                } else {
                    withPin(listOf(current, duress), { session.setDuressPin(c, d, DuressSettings(behaviour, shred)) })
                }
            },
            Views.button(this, t(UiText.SETTINGS_DURESS_CLEAR)) {
                val c = current.text.toString()
                withPin(listOf(current, duress), { session.clearDuressPin(c) })
            },
        )
    }

    /**
     * Erase after N wrong PINs in a row: off, or a number from 5 to 50 (the platform's number
     * picker). The current choice is read from the core when the screen opens (off the UI
     * thread) and shown, with the picker set to it; it is read again after every save.
     */
    private fun wipeAfterSection(): View {
        val current = pinField(UiText.SETTINGS_CURRENT_PIN).apply { tag = WIPE_AFTER_PIN_TAG }
        var enabled = false
        val picker = android.widget.NumberPicker(this).apply {
            minValue = WIPE_AFTER_RANGE.first
            maxValue = WIPE_AFTER_RANGE.last
            value = WIPE_AFTER_FAILURES.toInt()
            wrapSelectorWheel = false
            descendantFocusability = android.view.ViewGroup.FOCUS_BLOCK_DESCENDANTS
            contentDescription = t(UiText.SETTINGS_WIPE_AFTER_COUNT)
            tag = WIPE_AFTER_PICKER_TAG
        }
        // The count and its label show only when erasing is on.
        val count = Views.group(this, Views.caption(this, t(UiText.SETTINGS_WIPE_AFTER_COUNT)), picker).apply {
            visibility = View.GONE
        }
        val shown = Views.caption(this, "").apply { tag = WIPE_AFTER_CURRENT_TAG }
        val toggle = Views.checkBox(this, t(UiText.SETTINGS_WIPE_AFTER_ON), enabled) {
            enabled = it
            count.visibility = if (it) View.VISIBLE else View.GONE
        }.apply { tag = WIPE_AFTER_TOGGLE_TAG }
        // Shows the core's current choice and starts the form from it.
        fun showCurrent() = load({ it.wipeAfterFailures() }) { after ->
            shown.text = wipeAfterText(after)
            if (after != null) picker.value = after.toInt().coerceIn(WIPE_AFTER_RANGE)
            toggle.isChecked = after != null
        }
        showCurrent()
        return section(
            UiText.SETTINGS_WIPE_AFTER,
            shown,
            toggle,
            count,
            current,
            Views.button(this, t(UiText.SAVE)) {
                val c = current.text.toString()
                val after: UInt? = if (enabled) picker.value.toUInt() else null
                withPin(listOf(current), { session.setWipeAfterFailures(c, after) }) { showCurrent() }
            }.apply { tag = WIPE_AFTER_SAVE_TAG },
        )
    }

    /** "Edit the notes he would see": opens the decoy's notes space after her real PIN. */
    private fun decoyNotesSection(): View {
        val current = pinField(UiText.SETTINGS_CURRENT_PIN).apply { tag = DECOY_PIN_TAG }
        return section(
            UiText.SETTINGS_DECOY_NOTES,
            Views.body(this, t(UiText.SETTINGS_DECOY_NOTES_EXPLAIN)),
            current,
            Views.button(this, t(UiText.SETTINGS_DECOY_NOTES_OPEN)) {
                val c = current.text.toString()
                current.text.clear()
                status.text = t(UiText.WORKING)
                vault.run({ session.decoyNotes(c) }) { outcome ->
                    if (isFinishing || isDestroyed) return@run
                    outcome.onSuccess { notes ->
                        status.text = ""
                        vault.openedNotes(notes)
                        startActivity(android.content.Intent(this, org.haven.app.notes.NotesActivity::class.java))
                    }.onFailure { status.text = t(UiText.SETTINGS_PIN_WRONG) }
                }
            }.apply { tag = DECOY_OPEN_TAG },
        )
    }

    private fun wipeAfterText(after: UInt?): String = when {
        after == null -> t(UiText.SETTINGS_WIPE_AFTER_OFF)
        else -> UiText.SETTINGS_WIPE_AFTER_NOW.format(lang, after.toInt())
    }

    private fun autoLockSection(): View = section(
        UiText.SETTINGS_AUTO_LOCK,
        Views.radioGroup(this, AUTO_LOCK_MINUTES, haven.prefs.autoLockMinutes, { minutes ->
            if (minutes == 0) t(UiText.SETTINGS_AUTO_LOCK_ONLY_ON_LEAVE) else UiText.SETTINGS_AUTO_LOCK_OPTION.format(lang, minutes)
        }) { haven.prefs.autoLockMinutes = it },
    )

    private fun disguiseSection(): View {
        val disguise = LauncherDisguise(this)
        return section(
            UiText.SETTINGS_DISGUISE,
            Views.radioGroup(this, LauncherDisguise.Variant.entries, disguise.current(), { variant ->
                t(
                    when (variant) {
                        LauncherDisguise.Variant.BLUE -> UiText.DISGUISE_BLUE
                        LauncherDisguise.Variant.GRAPHITE -> UiText.DISGUISE_GRAPHITE
                        LauncherDisguise.Variant.ORANGE -> UiText.DISGUISE_ORANGE
                    },
                )
            }) { disguise.switchTo(it) },
            Views.body(this, t(UiText.SETTINGS_DISGUISE_NOTE)),
        )
    }

    private fun panicSection(): View {
        val prefs = haven.prefs
        val section = section(UiText.SETTINGS_PANIC)
        val connected = prefs.panicTrigger
        val request = prefs.panicConnectRequest
        when {
            request != null -> {
                val current = pinField(UiText.SETTINGS_CURRENT_PIN)
                var wipe = false
                section.addView(Views.body(this, UiText.SETTINGS_PANIC_REQUEST.format(lang, appName(request))))
                section.addView(Views.checkBox(this, t(UiText.SETTINGS_PANIC_WIPE), wipe) { wipe = it })
                section.addView(current)
                section.addView(
                    Views.button(this, t(UiText.SETTINGS_PANIC_ACCEPT)) {
                        val c = current.text.toString()
                        withPin(listOf(current), { session.verifyPin(c) }) {
                            panic.acceptRequest(wipe)
                            render()
                        }
                    },
                )
                section.addView(Views.button(this, t(UiText.SETTINGS_PANIC_REJECT)) { panic.rejectRequest(); render() })
            }
            connected != null -> {
                section.addView(Views.body(this, UiText.SETTINGS_PANIC_CONNECTED.format(lang, appName(connected))))
                if (prefs.panicWipes) section.addView(Views.body(this, t(UiText.SETTINGS_PANIC_WIPE)))
                section.addView(Views.button(this, t(UiText.SETTINGS_PANIC_DISCONNECT)) { panic.disconnect(); render() })
            }
            else -> section.addView(Views.body(this, t(UiText.SETTINGS_PANIC_NONE)))
        }
        return section
    }

    private fun appName(packageName: String): String = runCatching {
        packageManager.getApplicationLabel(packageManager.getApplicationInfo(packageName, 0)).toString()
    }.getOrDefault(packageName)

    private fun wipeSection(): View {
        val current = pinField(UiText.SETTINGS_CURRENT_PIN).apply { tag = WIPE_PIN_TAG }
        val countdownText = Views.body(this, "")
        val cancel = Views.button(this, t(UiText.CANCEL)) { cancelWipe(countdownText) }.apply {
            tag = WIPE_CANCEL_TAG
            visibility = View.GONE
        }
        val start: Button = Views.button(this, t(UiText.SETTINGS_WIPE), Views.Role.URGENT) {
            val c = current.text.toString()
            withPin(listOf(current), { session.verifyPin(c) }) { startWipeCountdown(countdownText, cancel) }
        }.apply { tag = WIPE_START_TAG }
        return section(UiText.SETTINGS_WIPE, Views.body(this, t(UiText.SETTINGS_WIPE_EXPLAIN)), current, start, countdownText, cancel)
    }

    /** After the PIN was confirmed: count down, then wipe, unless she cancels. */
    fun startWipeCountdown(countdownText: TextView, cancel: Button) {
        cancel.visibility = View.VISIBLE
        wipeCountdown = WipeCountdown(
            onTick = { countdownText.text = UiText.SETTINGS_WIPE_COUNTDOWN.format(lang, it) },
            onFinished = {
                haven.wipeEverything()
                QuickExit.leave(this) { haven.watcher.lockNow() }
            },
        ).also { it.start() }
    }

    private fun cancelWipe(countdownText: TextView) {
        wipeCountdown?.cancel()
        wipeCountdown = null
        countdownText.text = ""
        findViewWithTagOrNull(WIPE_CANCEL_TAG)?.visibility = View.GONE
    }

    private fun findViewWithTagOrNull(tag: String): View? = window.decorView.findViewWithTag(tag)

    companion object {
        const val WIPE_PIN_TAG = "wipe-pin"
        const val WIPE_START_TAG = "wipe-start"
        const val WIPE_CANCEL_TAG = "wipe-cancel"
        val WIPE_AFTER_FAILURES: UInt = 10u
        val WIPE_AFTER_RANGE = 5..50
        const val WIPE_AFTER_PICKER_TAG = "wipe-after-picker"
        const val WIPE_AFTER_TOGGLE_TAG = "wipe-after-toggle"
        const val WIPE_AFTER_SAVE_TAG = "wipe-after-save"
        const val WIPE_AFTER_PIN_TAG = "wipe-after-pin"
        const val DECOY_PIN_TAG = "decoy-notes-pin"
        const val DECOY_OPEN_TAG = "decoy-notes-open"
        const val WIPE_AFTER_CURRENT_TAG = "wipe-after-current"
        val AUTO_LOCK_MINUTES = listOf(0, 1, 2, 5)
    }
}
