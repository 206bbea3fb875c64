package org.haven.app.settings

import android.content.Context
import android.content.SharedPreferences

/**
 * The few settings the shell needs while the vault is locked (so they cannot live inside it):
 * the connected panic trigger app and what a trigger does. Nothing here is survivor content.
 * The file is app-private, excluded from backups, and has a neutral name.
 */
class ShellPrefs(context: Context) {
    private val prefs: SharedPreferences =
        context.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    /** Package of the panic trigger app the user connected, if any. */
    var panicTrigger: String?
        get() = prefs.getString(KEY_PANIC_TRIGGER, null)
        set(value) = prefs.edit().putString(KEY_PANIC_TRIGGER, value).apply()

    /** SHA-256 of the connected trigger app's signing certificate(s), recorded when it connected. */
    var panicTriggerCert: String?
        get() = prefs.getString(KEY_PANIC_TRIGGER_CERT, null)
        set(value) = prefs.edit().putString(KEY_PANIC_TRIGGER_CERT, value).apply()

    /** The certificate of the app that asked to connect, taken when it asked. */
    var panicConnectRequestCert: String?
        get() = prefs.getString(KEY_PANIC_REQUEST_CERT, null)
        set(value) = prefs.edit().putString(KEY_PANIC_REQUEST_CERT, value).apply()

    /**
     * After a wipe: forget everything (the panic app, its choices, auto-lock) except that setup
     * was offered, so the calculator stays a calculator.
     */
    fun clearAfterWipe() {
        prefs.edit().clear().putBoolean(KEY_SETUP_OFFERED, true).commit()
    }

    /** A trigger app that asked to connect; waits for her to accept it in the vault's settings. */
    var panicConnectRequest: String?
        get() = prefs.getString(KEY_PANIC_REQUEST, null)
        set(value) = prefs.edit().putString(KEY_PANIC_REQUEST, value).apply()

    /** Opt-in: a trigger from the connected app wipes the vault (default: it only locks). */
    var panicWipes: Boolean
        get() = prefs.getBoolean(KEY_PANIC_WIPES, false)
        set(value) = prefs.edit().putBoolean(KEY_PANIC_WIPES, value).apply()

    /** Setup was shown once (first run). After that, setup never opens by itself. */
    var setupOffered: Boolean
        get() = prefs.getBoolean(KEY_SETUP_OFFERED, false)
        set(value) = prefs.edit().putBoolean(KEY_SETUP_OFFERED, value).apply()

    /** Lock the open vault after this many minutes without a touch (0 = only on leaving). */
    var autoLockMinutes: Int
        get() = prefs.getInt(KEY_AUTO_LOCK, DEFAULT_AUTO_LOCK_MINUTES)
        set(value) = prefs.edit().putInt(KEY_AUTO_LOCK, value).apply()

    private companion object {
        const val FILE = "s"
        const val KEY_PANIC_TRIGGER = "p"
        const val KEY_PANIC_REQUEST = "q"
        const val KEY_PANIC_TRIGGER_CERT = "c"
        const val KEY_PANIC_REQUEST_CERT = "r"
        const val KEY_PANIC_WIPES = "w"
        const val KEY_AUTO_LOCK = "a"
        const val KEY_SETUP_OFFERED = "o"
        const val DEFAULT_AUTO_LOCK_MINUTES = 2
    }
}
