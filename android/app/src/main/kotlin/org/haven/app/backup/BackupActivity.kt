package org.haven.app.backup

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.provider.DocumentsContract
import android.text.Editable
import android.text.TextWatcher
import android.view.View
import android.widget.EditText
import android.widget.TextView
import org.haven.app.core.InputSource
import org.haven.app.core.OutputSink
import org.haven.app.discretion.PrivateInput
import org.haven.app.haven
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.app.vault.VaultActivity
import org.haven.core.HavenException
import java.time.LocalDate

/**
 * Backup and restore of the journal through the core's encrypted bundle (age, her passphrase).
 *
 * - Backup: she chooses a passphrase (plain guidance on its strength as she types), confirms her
 *   PIN, then where to save through the system picker (ACTION_CREATE_DOCUMENT: no storage
 *   permission). The core writes the bundle straight into that document through a stream: there
 *   is no plaintext, and no copy in a file of ours. If anything fails, the half-written document
 *   is deleted.
 * - Restore (here, or right after setup): she picks the file (ACTION_OPEN_DOCUMENT) and types
 *   the passphrase; the core restores all or nothing into an empty journal. A wrong passphrase,
 *   a damaged or foreign file, or a journal that already has entries is said plainly, and
 *   nothing changes.
 */
class BackupActivity : VaultActivity() {
    override val screenTitle = UiText.BACKUP_TITLE

    private val restoreFirst get() = intent.getBooleanExtra(EXTRA_RESTORE, false)

    /** What the picker's answer needs; held only until it comes back. */
    private var pendingPin: String? = null
    private var pendingPassphrase: String? = null

    private lateinit var status: TextView

    override fun content(): View {
        status = Views.body(this, "").apply { tag = STATUS_TAG }
        val sections = listOf(backupSection(), restoreSection()).let { if (restoreFirst) it.reversed() else it }
        return Views.column(this, status, *sections.toTypedArray())
    }

    private fun show(text: UiText) {
        status.text = t(text)
    }

    private fun backupSection(): View {
        val strength = Views.caption(this, t(UiText.BACKUP_STRENGTH_TOO_SHORT)).apply { tag = STRENGTH_TAG }
        val passphrase = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.BACKUP_PASSPHRASE)).apply {
            tag = PASSPHRASE_TAG
            addTextChangedListener(object : TextWatcher {
                override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
                override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
                override fun afterTextChanged(s: Editable?) {
                    strength.text = strengthText(PassphraseStrength.of(s?.toString().orEmpty()), lang)
                }
            })
        }
        val pin = PrivateInput.field(this, PrivateInput.Kind.PIN, t(UiText.BACKUP_PIN)).apply { tag = PIN_TAG }
        return Views.group(
            this,
            Views.heading(this, t(UiText.BACKUP_MAKE)),
            Views.body(this, t(UiText.BACKUP_EXPLAIN)),
            Views.caption(this, t(UiText.BACKUP_PASSPHRASE_ADVICE)),
            passphrase,
            strength,
            pin,
            Views.matchWidth(
                Views.button(this, t(UiText.BACKUP_SAVE), Views.Role.PRIMARY) { startBackup(passphrase, pin) }.apply { tag = SAVE_TAG },
            ),
        )
    }

    private fun restoreSection(): View {
        val passphrase = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.BACKUP_PASSPHRASE)).apply { tag = RESTORE_PASSPHRASE_TAG }
        return Views.group(
            this,
            Views.heading(this, t(UiText.BACKUP_RESTORE)),
            Views.body(this, t(UiText.BACKUP_RESTORE_EXPLAIN)),
            passphrase,
            Views.matchWidth(
                Views.button(this, t(UiText.BACKUP_RESTORE_PICK), Views.Role.SECONDARY) { startRestore(passphrase) }.apply { tag = RESTORE_TAG },
            ),
        )
    }

    private fun startBackup(passphraseField: EditText, pinField: EditText) {
        val passphrase = passphraseField.text.toString()
        val pin = pinField.text.toString()
        pinField.text.clear()
        if (PassphraseStrength.of(passphrase) == PassphraseStrength.Level.TOO_SHORT) return show(UiText.BACKUP_STRENGTH_TOO_SHORT)
        show(UiText.WORKING)
        // The PIN first, so that a wrong one never leaves an empty file behind.
        vault.run({ session.verifyPin(pin) }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            if (outcome.isFailure) return@run show(UiText.SETTINGS_PIN_WRONG)
            pendingPin = pin
            pendingPassphrase = passphrase
            passphraseField.text.clear()
            status.text = ""
            pick(createIntent(), REQUEST_CREATE)
        }
    }

    private fun startRestore(passphraseField: EditText) {
        val passphrase = passphraseField.text.toString()
        if (passphrase.length < PassphraseStrength.MIN_CHARS) return show(UiText.BACKUP_WRONG_PASSPHRASE)
        pendingPassphrase = passphrase
        passphraseField.text.clear()
        pick(openIntent(), REQUEST_OPEN)
    }

    private fun pick(intent: Intent, request: Int) {
        haven.watcher.expectReturn()
        try {
            @Suppress("DEPRECATION")
            startActivityForResult(intent, request)
        } catch (e: ActivityNotFoundException) {
            forget()
            show(UiText.NO_APP_FOR_THIS)
        }
    }

    private fun forget() {
        pendingPin = null
        pendingPassphrase = null
    }

    @Deprecated("Platform API; the app has no AndroidX Activity Result APIs")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        @Suppress("DEPRECATION")
        super.onActivityResult(requestCode, resultCode, data)
        val pin = pendingPin
        val passphrase = pendingPassphrase
        forget()
        val uri = data?.data
        if (resultCode != RESULT_OK || uri == null || passphrase == null || vault.session == null) return
        when (requestCode) {
            REQUEST_CREATE -> if (pin != null) writeBackup(uri, pin, passphrase)
            REQUEST_OPEN -> restore(uri, passphrase)
        }
    }

    private fun writeBackup(uri: Uri, pin: String, passphrase: String) {
        show(UiText.WORKING)
        vault.run({
            val written = runCatching {
                val output = contentResolver.openOutputStream(uri, "wt") ?: throw java.io.IOException("no stream")
                output.use { session.exportBundleTo(pin, passphrase, OutputSink(it)) }
            }
            // Nothing half-written stays behind.
            if (written.isFailure) runCatching { DocumentsContract.deleteDocument(contentResolver, uri) }
            written.getOrThrow()
        }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            show(if (outcome.isSuccess) UiText.BACKUP_DONE else UiText.BACKUP_FAILED)
        }
    }

    private fun restore(uri: Uri, passphrase: String) {
        show(UiText.WORKING)
        vault.run({
            val input = contentResolver.openInputStream(uri) ?: throw java.io.IOException("no stream")
            input.use { session.importBundleFrom(passphrase, InputSource(it)) }
        }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            outcome.onSuccess { count -> status.text = UiText.BACKUP_RESTORED.format(lang, count.toLong()) }
                .onFailure { error -> show(refusal(error)) }
        }
    }

    override fun onDestroy() {
        forget()
        super.onDestroy()
    }

    companion object {
        const val EXTRA_RESTORE = "restore"
        const val STATUS_TAG = "backup-status"
        const val PASSPHRASE_TAG = "backup-passphrase"
        const val STRENGTH_TAG = "backup-strength"
        const val PIN_TAG = "backup-pin"
        const val SAVE_TAG = "backup-save"
        const val RESTORE_PASSPHRASE_TAG = "restore-passphrase"
        const val RESTORE_TAG = "restore-pick"
        const val REQUEST_CREATE = 11
        const val REQUEST_OPEN = 12
        const val MIME = "application/octet-stream"

        /** A neutral name: the file may be seen in Downloads or a cloud drive. */
        fun fileName(today: LocalDate = LocalDate.now()): String = "backup-$today.bin"

        fun createIntent(): Intent = Intent(Intent.ACTION_CREATE_DOCUMENT)
            .addCategory(Intent.CATEGORY_OPENABLE)
            .setType(MIME)
            .putExtra(Intent.EXTRA_TITLE, fileName())

        fun openIntent(): Intent = Intent(Intent.ACTION_OPEN_DOCUMENT)
            .addCategory(Intent.CATEGORY_OPENABLE)
            .setType("*/*")

        fun strengthText(level: PassphraseStrength.Level, lang: Lang): String = when (level) {
            PassphraseStrength.Level.TOO_SHORT -> UiText.BACKUP_STRENGTH_TOO_SHORT
            PassphraseStrength.Level.WEAK -> UiText.BACKUP_STRENGTH_WEAK
            PassphraseStrength.Level.OK -> UiText.BACKUP_STRENGTH_OK
            PassphraseStrength.Level.STRONG -> UiText.BACKUP_STRENGTH_STRONG
        }.get(lang)

        /** The core's refusal, said plainly (its reason is fixed English text, never content). */
        fun refusal(error: Throwable): UiText {
            val reason = (error as? HavenException.ImportRejected)?.reason.orEmpty()
            return when {
                error !is HavenException.ImportRejected -> UiText.BACKUP_RESTORE_FAILED
                "already has entries" in reason -> UiText.BACKUP_NOT_EMPTY
                "wrong passphrase" in reason -> UiText.BACKUP_WRONG_PASSPHRASE
                reason.startsWith("not ") || "unsupported" in reason -> UiText.BACKUP_NOT_A_BACKUP
                else -> UiText.BACKUP_DAMAGED
            }
        }
    }
}
