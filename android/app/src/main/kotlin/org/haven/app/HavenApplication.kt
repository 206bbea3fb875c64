package org.haven.app

import android.app.Activity
import android.app.Application
import org.haven.app.core.VaultGate
import org.haven.app.discretion.ForegroundWatcher
import org.haven.app.journal.CaptureProvider
import org.haven.app.journal.ExportProvider
import org.haven.app.keystore.AndroidKeystoreKeys
import org.haven.app.keystore.GcmSealer
import org.haven.app.keystore.KeystoreProtector
import org.haven.app.settings.ShellPrefs
import org.haven.core.Haven
import java.io.File

/**
 * The process: one [VaultGate] on the core, and the [ForegroundWatcher] that locks it whenever
 * the app leaves the screen. Nothing is logged, no notification is ever posted.
 */
open class HavenApplication : Application() {
    lateinit var vault: VaultGate
        private set
    lateinit var watcher: ForegroundWatcher
        private set
    lateinit var prefs: ShellPrefs
        private set

    /** The platform key, kept for the "no screen lock" warning. */
    val keystoreKeys: AndroidKeystoreKeys by lazy { AndroidKeystoreKeys(this) }

    override fun onCreate() {
        super.onCreate()
        prefs = ShellPrefs(this)
        vault = VaultGate(openHaven = ::openHaven)
        watcher = ForegroundWatcher(lock = ::lockEverything)
        watcher.install(this)
    }

    /** Locks the core and forgets every export or photo still waiting in memory. */
    private fun lockEverything() {
        vault.lock()
        ExportProvider.forgetAll()
        CaptureProvider.forgetAll()
    }

    /**
     * Erases the vault (crypto-shred, in the core) and the shell's own settings (the panic app
     * and its choices, auto-lock), keeping only "setup was offered" so that the calculator stays
     * a plain calculator afterwards.
     */
    fun wipeEverything() {
        lockEverything()
        prefs.clearAfterWipe()
        vault.wipe { }
    }

    /**
     * The vault lives in no-backup storage, in a directory with a neutral name, sealed by the
     * AndroidKeyStore key. Called once, on the vault thread.
     */
    protected open fun openHaven(): Haven =
        Haven(vaultDir().path, KeystoreProtector(GcmSealer(keystoreKeys)))

    protected fun vaultDir(): File = File(noBackupFilesDir, "v")

    /** Whether the platform key can be bound to the phone being unlocked (else: warn her). */
    open fun keyBoundToDeviceUnlock(): Boolean = keystoreKeys.isBoundToDeviceUnlock()
}

val Activity.haven: HavenApplication get() = application as HavenApplication
