package org.haven.app.screens

import android.app.Activity
import android.app.Dialog
import android.content.Intent
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.widget.EditText
import org.haven.app.calculator.CalculatorActivity
import org.haven.app.core.toLocale
import org.haven.app.setup.SetupActivity
import org.haven.app.text.Lang
import org.haven.app.vault.ContactsActivity
import org.haven.app.vault.DangerSignsActivity
import org.haven.app.vault.DirectoryActivity
import org.haven.app.vault.JournalActivity
import org.haven.app.vault.JournalEntryActivity
import org.haven.app.vault.OrdersActivity
import org.haven.app.vault.PlanActivity
import org.haven.app.vault.RightsActivity
import org.haven.app.vault.SettingsActivity
import org.haven.app.vault.VaultHomeActivity
import org.haven.app.vault.app
import org.haven.app.vault.clickTag
import org.haven.app.vault.openVault
import org.haven.app.vault.setUpVault
import org.haven.app.vault.settle
import org.haven.core.model.AttachmentDraft
import org.haven.core.model.AttachmentKind
import org.haven.core.model.ContactDraft
import org.haven.core.model.EntryDraft
import org.haven.core.model.IncidentKind
import org.haven.core.model.OrderDraft
import org.haven.core.model.OrderKind
import org.robolectric.Robolectric
import org.robolectric.shadows.ShadowDialog
import java.io.ByteArrayOutputStream
import java.time.Instant
import java.time.LocalDate
import java.time.temporal.ChronoUnit

/**
 * Every screen and dialog of the app, each with realistic data in her language, ready to be
 * rendered and checked. A shot opens its screen (and, for a dialog, opens it over the screen).
 */
object ScreenCatalog {
    class Shot(val name: String, val open: () -> Activity, val dialog: ((Activity) -> Dialog)? = null)

    private fun <T : Activity> show(type: Class<T>, intent: Intent? = null): Activity =
        Robolectric.buildActivity(type, intent).setup().get().also { settle() }

    private class Sample(
        val contact1: String, val contact2: String, val codeWord: String,
        val narrative1: String, val narrative2: String, val place: String,
        val ownStep: String, val issuer: String,
    )

    private fun sample(lang: Lang) = when (lang) {
        Lang.KK -> Sample("Айгерім", "Дана", "көк қолшатыр", "Ол есікті сындырып, телефонымды алып кетті.", "Кешке айқайлап, қорқытты.", "Алматы, үйде", "Қосалқы кілт әпкемде", "Медеу ауданының полиция бөлімі")
        Lang.RU -> Sample("Айгерим", "Дана", "синий зонт", "Он выломал дверь и забрал мой телефон.", "Вечером кричал и угрожал.", "Алматы, дома", "Запасной ключ у сестры", "ОП Медеуского района")
        Lang.EN -> Sample("Aigerim", "Dana", "blue umbrella", "He broke the door and took my phone.", "He shouted and threatened me in the evening.", "Almaty, at home", "Spare key at my sister's", "Medeu district police")
    }

    /** A small photo, as the camera would give. */
    private fun photo(): ByteArray {
        val bitmap = Bitmap.createBitmap(640, 480, Bitmap.Config.ARGB_8888)
        val canvas = Canvas(bitmap)
        canvas.drawColor(Color.rgb(120, 140, 160))
        canvas.drawRect(200f, 80f, 440f, 480f, android.graphics.Paint().apply { color = Color.rgb(90, 60, 40) })
        return ByteArrayOutputStream().also { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }.toByteArray()
    }

    /** A vault holding a little of everything, open, in [lang]. Returns the id of a journal entry. */
    fun populate(lang: Lang): Long {
        setUpVault(duressPin = org.haven.app.vault.DURESS_PIN, behaviour = org.haven.core.model.DuressBehaviour.OPEN_DECOY)
        openVault()
        val session = app.vault.session!!
        session.setLocale(lang.toLocale())
        app.vault.setLanguage(lang)
        val s = sample(lang)
        session.addContact(ContactDraft(s.contact1, "+7 701 123 45 67", "family", s.codeWord, emptyList(), true))
        session.addContact(ContactDraft(s.contact2, "+7 702 555 01 02", "friend", null, emptyList(), false))
        val now = Instant.now()
        fun draft(at: Instant, kind: IncidentKind, text: String, police: Boolean) = EntryDraft(
            occurredAt = at, timeZone = "Asia/Almaty", kinds = listOf(kind), narrative = text,
            injuries = null, witnesses = null, place = s.place, policeInvolved = police,
            policeReference = if (police) "KUI 2611-0042" else null, medicalInvolved = false, medicalReference = null,
        )
        session.addJournalEntry(draft(now.minus(12, ChronoUnit.DAYS), IncidentKind.entries[1], s.narrative2, false))
        val entry = session.addJournalEntry(draft(now.minus(2, ChronoUnit.DAYS), IncidentKind.entries.first(), s.narrative1, false))
        session.editJournalEntry(entry.id, draft(entry.occurredAt, IncidentKind.entries.first(), s.narrative1, true))
        session.addAttachment(entry.id, AttachmentDraft(AttachmentKind.PHOTO, "door.png", "image/png"), photo())
        session.addProtectionOrder(
            OrderDraft(OrderKind.POLICE_PROTECTIVE_ORDER, s.issuer, "ЗП-118", LocalDate.now().minusDays(10), null, null, emptyList(), emptyList()),
        )
        val section = session.plan().first()
        val item = session.addPlanItem(section.id, s.ownStep)
        session.setPlanItemChecked(item.id, true)
        session.setDangerSignTicked(session.dangerSigns().signs.first().id, true)
        return entry.id
    }

    /** Every screen; [populate] must have run (the calculator and setup need no vault). */
    fun shots(entryId: Long): List<Shot> = listOf(
        Shot("01-calculator", {
            app.prefs.setupOffered = true
            show(CalculatorActivity::class.java)
        }),
        Shot("02-setup", { show(SetupActivity::class.java) }),
        Shot("03-setup-error", {
            show(SetupActivity::class.java).also { setup ->
                setup as SetupActivity
                setup.pinField.setText("123456")
                setup.pinRepeatField.setText("654321")
                setup.create()
            }
        }),
        Shot("04-home", { show(VaultHomeActivity::class.java) }),
        Shot("05-rights", { show(RightsActivity::class.java) }),
        Shot("06-danger-signs", { show(DangerSignsActivity::class.java) }),
        Shot("07-plan", { show(PlanActivity::class.java) }),
        Shot("08-contacts", { show(ContactsActivity::class.java) }),
        Shot("09-journal", { show(JournalActivity::class.java) }),
        Shot("10-journal-entry", {
            show(JournalEntryActivity::class.java, Intent(app, JournalEntryActivity::class.java).putExtra(JournalEntryActivity.EXTRA_ENTRY_ID, entryId))
        }),
        Shot("11-journal-new-date-picker", { show(JournalEntryActivity::class.java) }) { screen ->
            screen.window.decorView.clickTag(JournalEntryActivity.WHEN_TAG)
            ShadowDialog.getLatestDialog()
        },
        Shot("12-orders", { show(OrdersActivity::class.java) }),
        Shot("13-directory", { show(DirectoryActivity::class.java) }),
        Shot("14-directory-filters", {
            show(DirectoryActivity::class.java).also { it.window.decorView.clickTag(DirectoryActivity.FILTERS_TAG) }
        }),
        Shot("15-directory-nothing-found", {
            show(DirectoryActivity::class.java).also {
                it.window.decorView.findViewWithTag<EditText>(DirectoryActivity.SEARCH_TAG).setText("zzzz")
                org.robolectric.shadows.ShadowLooper.idleMainLooper(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                settle()
            }
        }),
        Shot("16-settings", { show(SettingsActivity::class.java) }),
        Shot("17-backup", {
            show(org.haven.app.backup.BackupActivity::class.java).also {
                it.window.decorView.findViewWithTag<EditText>(org.haven.app.backup.BackupActivity.PASSPHRASE_TAG).setText("river lamp cotton")
            }
        }),
        Shot("18-restore-after-setup", {
            show(
                org.haven.app.backup.BackupActivity::class.java,
                Intent(app, org.haven.app.backup.BackupActivity::class.java).putExtra(org.haven.app.backup.BackupActivity.EXTRA_RESTORE, true),
            )
        }),
        Shot("19-viewer-photo", {
            val attachment = app.vault.session!!.journalEntry(entryId).attachments.first()
            show(
                org.haven.app.viewer.AttachmentViewerActivity::class.java,
                Intent(app, org.haven.app.viewer.AttachmentViewerActivity::class.java)
                    .putExtra(org.haven.app.viewer.AttachmentViewerActivity.EXTRA_ID, attachment.id)
                    .putExtra(org.haven.app.viewer.AttachmentViewerActivity.EXTRA_MIME, attachment.mimeType),
            )
        }),
        Shot("21-notes-space", {
            val notes = app.vault.session!!.decoyNotes(org.haven.app.vault.PIN)
            notes.addNote(sample(app.vault.lang).ownStep)
            app.vault.openedNotes(notes)
            show(org.haven.app.notes.NotesActivity::class.java)
        }),
        Shot("20-viewer-unsupported", {
            show(
                org.haven.app.viewer.AttachmentViewerActivity::class.java,
                Intent(app, org.haven.app.viewer.AttachmentViewerActivity::class.java)
                    .putExtra(org.haven.app.viewer.AttachmentViewerActivity.EXTRA_ID, app.vault.session!!.journalEntry(entryId).attachments.first().id)
                    .putExtra(org.haven.app.viewer.AttachmentViewerActivity.EXTRA_MIME, "application/zip"),
            )
        }),
    )
}
