package org.haven.app.backup

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.widget.EditText
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.app.vault.PIN
import org.haven.app.vault.WRONG_PIN
import org.haven.app.vault.app
import org.haven.app.vault.clickTag
import org.haven.app.vault.openVault
import org.haven.app.vault.setUpVault
import org.haven.app.vault.settle
import org.haven.core.model.AttachmentDraft
import org.haven.core.model.AttachmentKind
import org.haven.core.model.EntryDraft
import org.haven.core.model.IncidentKind
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.time.Instant
import java.time.temporal.ChronoUnit

/** Backup and restore through the system picker, streamed by the real core. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class BackupScreenTest {
    private val session get() = app.vault.session!!
    private val passphrase = "river lamp cotton uncle"
    private val narrative = "He broke the door and took my phone"

    private fun screen(restoreFirst: Boolean = false): BackupActivity =
        Robolectric.buildActivity(
            BackupActivity::class.java,
            Intent(app, BackupActivity::class.java).putExtra(BackupActivity.EXTRA_RESTORE, restoreFirst),
        ).setup().get().also { settle() }

    private fun Activity.field(tag: String): EditText = window.decorView.findViewWithTag(tag)
    private fun Activity.status(): String = window.decorView.findViewWithTag<TextView>(BackupActivity.STATUS_TAG).text.toString()

    private fun entries() = session.journalBetween(Instant.EPOCH, Instant.now().plus(1, ChronoUnit.DAYS), false)

    private fun writeJournal() {
        val entry = session.addJournalEntry(
            EntryDraft(
                occurredAt = Instant.now().minus(1, ChronoUnit.DAYS), timeZone = "Asia/Almaty", kinds = listOf(IncidentKind.entries.first()),
                narrative = narrative, injuries = null, witnesses = null, place = null, policeInvolved = false,
                policeReference = null, medicalInvolved = false, medicalReference = null,
            ),
        )
        session.addAttachment(entry.id, AttachmentDraft(AttachmentKind.PHOTO, "door.jpg", "image/jpeg"), ByteArray(200_000) { (it % 251).toByte() })
    }

    /** Makes a backup on screen; returns the bytes the core wrote into the chosen document. */
    private fun backUp(): ByteArray {
        setUpVault()
        openVault()
        writeJournal()
        val screen = screen()
        screen.field(BackupActivity.PASSPHRASE_TAG).setText(passphrase)
        screen.field(BackupActivity.PIN_TAG).setText(PIN)
        screen.window.decorView.clickTag(BackupActivity.SAVE_TAG)
        settle()
        val request = shadowOf(screen).nextStartedActivityForResult
        assertEquals(Intent.ACTION_CREATE_DOCUMENT, request.intent.action)
        assertEquals("a neutral file name", BackupActivity.fileName(), request.intent.getStringExtra(Intent.EXTRA_TITLE))
        assertFalse(request.intent.getStringExtra(Intent.EXTRA_TITLE)!!.contains("haven", ignoreCase = true))
        val uri = Uri.parse("content://documents/backup/1")
        val out = ByteArrayOutputStream()
        shadowOf(app.contentResolver).registerOutputStream(uri, out)
        shadowOf(screen).receiveResult(request.intent, Activity.RESULT_OK, Intent().setData(uri))
        settle()
        assertEquals("Backup saved.", screen.status())
        val bytes = out.toByteArray()
        assertTrue("the whole journal, attachment included", bytes.size > 200_000)
        assertFalse("no plaintext", String(bytes, Charsets.ISO_8859_1).contains(narrative))
        // Nothing kept on the screen.
        assertEquals("", screen.field(BackupActivity.PASSPHRASE_TAG).text.toString())
        assertEquals("", screen.field(BackupActivity.PIN_TAG).text.toString())
        return bytes
    }

    /** A fresh, empty vault (another phone, or after a reset). */
    private fun freshVault() {
        app.vault.lock()
        app.vault.haven.wipe()
        setUpVault()
        openVault()
    }

    private fun restore(screen: BackupActivity, bytes: ByteArray, typed: String) {
        screen.field(BackupActivity.RESTORE_PASSPHRASE_TAG).setText(typed)
        screen.window.decorView.clickTag(BackupActivity.RESTORE_TAG)
        val request = shadowOf(screen).nextStartedActivityForResult
        assertEquals(Intent.ACTION_OPEN_DOCUMENT, request.intent.action)
        val uri = Uri.parse("content://documents/backup/2")
        shadowOf(app.contentResolver).registerInputStream(uri, ByteArrayInputStream(bytes))
        shadowOf(screen).receiveResult(request.intent, Activity.RESULT_OK, Intent().setData(uri))
        settle()
    }

    @Test
    fun `a backup saved through the picker restores into an empty journal`() {
        val bytes = backUp()
        freshVault()
        val screen = screen(restoreFirst = true)
        restore(screen, bytes, passphrase)
        assertEquals("Entries restored: 1.", screen.status())
        val restored = entries().single()
        assertEquals(narrative, restored.narrative)
        assertEquals(200_000, session.attachmentBytes(restored.attachments.single().id).size)
    }

    @Test
    fun `a wrong passphrase says so and changes nothing`() {
        val bytes = backUp()
        freshVault()
        val screen = screen()
        restore(screen, bytes, "lamp river uncle cotton")
        assertEquals("Wrong passphrase, or the file is damaged. Nothing was changed.", screen.status())
        assertTrue(entries().isEmpty())
    }

    @Test
    fun `a damaged file says so and changes nothing`() {
        val bytes = backUp()
        bytes[bytes.size / 2] = (bytes[bytes.size / 2].toInt() xor 0x55).toByte()
        freshVault()
        val screen = screen()
        restore(screen, bytes, passphrase)
        assertTrue(screen.status(), screen.status().endsWith("Nothing was changed."))
        assertTrue(entries().isEmpty())
    }

    @Test
    fun `a file that is not a backup says so`() {
        setUpVault()
        openVault()
        val screen = screen()
        restore(screen, "just a photo, not a backup".toByteArray(), passphrase)
        assertEquals("This file is not a backup from this app. Nothing was changed.", screen.status())
    }

    @Test
    fun `restoring into a journal that has entries is refused and changes nothing`() {
        val bytes = backUp()
        val before = entries()
        val screen = screen()
        restore(screen, bytes, passphrase)
        assertTrue(screen.status().startsWith("Your journal already has entries"))
        assertEquals(before, entries())
    }

    @Test
    fun `a wrong PIN never opens the picker, and a short passphrase is refused before`() {
        setUpVault()
        openVault()
        val screen = screen()
        screen.field(BackupActivity.PASSPHRASE_TAG).setText(passphrase)
        screen.field(BackupActivity.PIN_TAG).setText(WRONG_PIN)
        screen.window.decorView.clickTag(BackupActivity.SAVE_TAG)
        settle()
        assertNull(shadowOf(screen).nextStartedActivityForResult)
        assertEquals("That PIN is not right.", screen.status())
        screen.field(BackupActivity.PASSPHRASE_TAG).setText("short")
        screen.field(BackupActivity.PIN_TAG).setText(PIN)
        screen.window.decorView.clickTag(BackupActivity.SAVE_TAG)
        settle()
        assertNull(shadowOf(screen).nextStartedActivityForResult)
        assertEquals("Too short: at least 12 characters.", screen.status())
    }

    @Test
    fun `passphrase guidance follows what she types`() {
        setUpVault()
        openVault()
        val screen = screen()
        val strength = screen.window.decorView.findViewWithTag<TextView>(BackupActivity.STRENGTH_TAG)
        screen.field(BackupActivity.PASSPHRASE_TAG).setText("aaaaaaaaaaaaaaa")
        assertEquals("Easy to guess: use different words.", strength.text.toString())
        screen.field(BackupActivity.PASSPHRASE_TAG).setText("sunflower22")
        assertEquals("Too short: at least 12 characters.", strength.text.toString())
        screen.field(BackupActivity.PASSPHRASE_TAG).setText("sunflower2024")
        assertEquals(PassphraseStrength.Level.OK, PassphraseStrength.of("sunflower2024"))
        screen.field(BackupActivity.PASSPHRASE_TAG).setText(passphrase)
        assertEquals("Strong. Write it down and keep it apart from the file.", strength.text.toString())
        assertEquals(PassphraseStrength.Level.WEAK, PassphraseStrength.of("123456789012345"))
    }

    @Test
    fun `setup offers to restore a backup, and opens the restore screen once the vault exists`() {
        val setup = Robolectric.buildActivity(org.haven.app.setup.SetupActivity::class.java).setup().get()
        setup.pinField.setText(PIN)
        setup.pinRepeatField.setText(PIN)
        setup.window.decorView.findViewWithTag<android.widget.CheckBox>(org.haven.app.setup.SetupActivity.RESTORE_TAG).performClick()
        setup.create()
        settle()
        val started = listOf(shadowOf(setup).nextStartedActivity, shadowOf(setup).nextStartedActivity)
        assertEquals(
            setOf(org.haven.app.vault.VaultHomeActivity::class.java.name, BackupActivity::class.java.name),
            started.map { it.component!!.className }.toSet(),
        )
        val restore = started.single { it.component!!.className == BackupActivity::class.java.name }
        assertTrue(restore.getBooleanExtra(BackupActivity.EXTRA_RESTORE, false))
    }
}
