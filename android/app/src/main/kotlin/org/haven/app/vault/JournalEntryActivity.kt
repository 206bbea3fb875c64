package org.haven.app.vault

import android.content.ActivityNotFoundException
import android.content.Intent
import android.view.View
import android.widget.EditText
import android.widget.LinearLayout
import org.haven.app.discretion.PrivateInput
import org.haven.app.haven
import org.haven.app.journal.CaptureProvider
import org.haven.app.journal.DocumentPicker
import org.haven.app.text.Sizes
import org.haven.app.text.UiText
import org.haven.app.ui.DateField
import org.haven.app.viewer.AttachmentViewerActivity
import org.haven.app.ui.Views
import org.haven.core.model.AttachmentDraft
import org.haven.core.model.AttachmentKind
import org.haven.core.model.ChoiceList
import org.haven.core.model.EntryDraft
import org.haven.core.model.IncidentKind
import org.haven.core.model.JournalEntry
import org.haven.core.model.RevisionAction
import org.haven.core.model.RevisionInfo
import java.time.LocalDateTime
import java.time.ZoneId

/**
 * One journal entry: new (no [EXTRA_ENTRY_ID]) or an existing one. Saving an existing entry
 * writes a new revision; earlier versions stay in the chain and are listed. Attachments come from
 * the system file picker or the camera app, read into memory and stored encrypted by the core.
 */
class JournalEntryActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_JOURNAL

    private val entryId: Long? get() = intent.getLongExtra(EXTRA_ENTRY_ID, -1).takeIf { it >= 0 }
    private var pendingCapture: CaptureProvider.Capture? = null

    /** When it happened (date and time pickers). */
    lateinit var whenField: DateField
        private set

    override fun content(): View {
        val column = Views.column(this)
        val id = entryId
        if (id == null) {
            column.addView(form(null))
        } else {
            load({ session -> session.journalEntry(id) to session.journalRevisions(id) }) { (entry, revisions) ->
                column.addView(form(entry))
                column.addView(attachments(entry))
                column.addView(revisionList(revisions))
            }
        }
        return column
    }

    private fun field(kind: PrivateInput.Kind, hint: UiText, value: String?, tag: String): EditText =
        PrivateInput.field(this, kind, t(hint)).apply {
            setText(value.orEmpty())
            this.tag = tag
        }

    private fun form(entry: JournalEntry?): LinearLayout {
        val zone = entry?.timeZone?.let { runCatching { ZoneId.of(it) }.getOrNull() } ?: ZoneId.systemDefault()
        val initial = entry?.occurredAt?.atZone(zone)?.toLocalDateTime() ?: LocalDateTime.now(zone).withSecond(0).withNano(0)
        val occurred = DateField(this, lang, t(UiText.JOURNAL_WHEN), initial, withTime = true).also { whenField = it }
        occurred.view.tag = WHEN_TAG
        val narrative = field(PrivateInput.Kind.MULTILINE, UiText.JOURNAL_WHAT, entry?.narrative, NARRATIVE_TAG)
        val injuries = field(PrivateInput.Kind.MULTILINE, UiText.JOURNAL_INJURIES, entry?.injuries, "journal-injuries")
        val witnesses = field(PrivateInput.Kind.TEXT, UiText.JOURNAL_WITNESSES, entry?.witnesses, "journal-witnesses")
        val place = field(PrivateInput.Kind.TEXT, UiText.JOURNAL_PLACE, entry?.place, "journal-place")
        val policeRef = field(PrivateInput.Kind.TEXT, UiText.JOURNAL_POLICE_REF, entry?.policeReference, "journal-police-ref")
        val medicalRef = field(PrivateInput.Kind.TEXT, UiText.JOURNAL_MEDICAL_REF, entry?.medicalReference, "journal-medical-ref")
        var police = entry?.policeInvolved ?: false
        var medical = entry?.medicalInvolved ?: false
        val kinds = (entry?.kinds ?: emptyList()).toMutableSet()
        val kindLabels = labels(ChoiceList.INCIDENT_KINDS)

        val kindBoxes = Views.column(this).apply { setPadding(0, 0, 0, 0) }
        for (kind in IncidentKind.entries) {
            kindBoxes.addView(
                Views.checkBox(this, kindLabels[kind.id()] ?: kind.name, kind in kinds) { on ->
                    if (on) kinds += kind else kinds -= kind
                },
            )
        }
        return Views.column(
            this,
            occurred.view, narrative,
            Views.heading(this, t(UiText.JOURNAL_KINDS)), kindBoxes,
            injuries, witnesses, place,
            Views.checkBox(this, t(UiText.JOURNAL_POLICE), police) { police = it }, policeRef,
            Views.checkBox(this, t(UiText.JOURNAL_MEDICAL), medical) { medical = it }, medicalRef,
            *listOfNotNull(entry?.let { label(t(UiText.JOURNAL_EDIT_NOTE)) }).toTypedArray(),
            Views.button(this, t(UiText.SAVE), Views.Role.PRIMARY) {
                val local = occurred.value ?: return@button say(UiText.JOURNAL_DATE_INVALID)
                if (local.atZone(zone).toInstant().isAfter(java.time.Instant.now().plusSeconds(60))) return@button say(UiText.JOURNAL_DATE_FUTURE)
                val draft = EntryDraft(
                    occurredAt = local.atZone(zone).toInstant(),
                    timeZone = zone.id,
                    kinds = IncidentKind.entries.filter { it in kinds },
                    narrative = narrative.text.toString().trim(),
                    injuries = injuries.text.toString().trim().ifEmpty { null },
                    witnesses = witnesses.text.toString().trim().ifEmpty { null },
                    place = place.text.toString().trim().ifEmpty { null },
                    policeInvolved = police,
                    policeReference = policeRef.text.toString().trim().ifEmpty { null },
                    medicalInvolved = medical,
                    medicalReference = medicalRef.text.toString().trim().ifEmpty { null },
                )
                val id = entry?.id
                load({ session -> if (id == null) session.addJournalEntry(draft) else session.editJournalEntry(id, draft) }) { saved ->
                    intent.putExtra(EXTRA_ENTRY_ID, saved.id)
                    render()
                }
            }.apply { tag = SAVE_TAG; layoutParams = Views.spaced(context, android.view.ViewGroup.LayoutParams.MATCH_PARENT) },
            *listOfNotNull(
                entry?.let { e -> Views.button(this, t(UiText.JOURNAL_HIDE)) { load({ it.hideJournalEntry(e.id) }) { finish() } } },
            ).toTypedArray(),
        ).apply { setPadding(0, 0, 0, 0) }
    }

    private fun attachments(entry: JournalEntry): LinearLayout {
        val kinds = labels(ChoiceList.ATTACHMENT_KINDS)
        val column = Views.column(this, Views.heading(this, t(UiText.JOURNAL_ATTACHMENTS))).apply { setPadding(0, 0, 0, 0) }
        for (attachment in entry.attachments) {
            val kind = kinds[attachment.kind.id()] ?: attachment.kind.name
            val line = "${t(UiText.VIEWER_OPEN)}: ${attachment.fileName ?: kind} · $kind · ${Sizes.readable(attachment.size.toLong(), lang)}"
            column.addView(
                Views.matchWidth(
                    Views.button(this, line, Views.Role.QUIET) {
                        startActivity(
                            Intent(this, AttachmentViewerActivity::class.java)
                                .putExtra(AttachmentViewerActivity.EXTRA_ID, attachment.id)
                                .putExtra(AttachmentViewerActivity.EXTRA_MIME, attachment.mimeType),
                        )
                    }.apply { tag = attachmentTag(attachment.id) },
                ),
            )
        }
        column.addView(label(t(UiText.JOURNAL_ORIGINAL_STAYS)))
        column.addView(
            Views.row(
                this,
                Views.button(this, t(UiText.JOURNAL_ATTACH_FILE)) { pickFile() },
                Views.button(this, t(UiText.JOURNAL_ATTACH_PHOTO)) { takePhoto() },
            ),
        )
        return column
    }

    private fun revisionList(revisions: List<RevisionInfo>): LinearLayout {
        val column = Views.column(this, Views.heading(this, t(UiText.JOURNAL_REVISIONS))).apply { setPadding(0, 0, 0, 0) }
        for (revision in revisions) {
            val at = revision.recordedAt?.atZone(ZoneId.systemDefault())?.let { JournalActivity.whenText(it, lang) } ?: "—"
            column.addView(label(UiText.JOURNAL_REVISION_LINE.format(lang, revision.seq.toString(), "${actionLabel(revision.action)} · $at")))
        }
        return column
    }

    private fun actionLabel(action: RevisionAction): String = t(
        when (action) {
            RevisionAction.CREATE -> UiText.REVISION_CREATE
            RevisionAction.EDIT -> UiText.REVISION_EDIT
            RevisionAction.ATTACH -> UiText.REVISION_ATTACH
            RevisionAction.HIDE -> UiText.REVISION_HIDE
            RevisionAction.RESTORE -> UiText.REVISION_RESTORE
            RevisionAction.ERASE -> UiText.REVISION_ERASE
        },
    )

    private fun pickFile() = leaveFor(DocumentPicker.intent(), REQUEST_FILE)

    private fun takePhoto() {
        val capture = CaptureProvider.newCapture(this)
        pendingCapture = capture
        leaveFor(CaptureProvider.cameraIntent(capture), REQUEST_PHOTO)
    }

    /** Opens the picker or the camera; the vault waits for her to come back (see ForegroundWatcher). */
    private fun leaveFor(intent: Intent, request: Int) {
        haven.watcher.expectReturn()
        try {
            @Suppress("DEPRECATION")
            startActivityForResult(intent, request)
        } catch (e: ActivityNotFoundException) {
            say(UiText.NO_APP_FOR_THIS)
        }
    }

    @Deprecated("Platform API; the app has no AndroidX Activity Result APIs")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        @Suppress("DEPRECATION")
        super.onActivityResult(requestCode, resultCode, data)
        val id = entryId ?: return
        if (vault.session == null) return
        when (requestCode) {
            REQUEST_FILE -> {
                val uri = data?.data ?: return
                if (resultCode != RESULT_OK) return
                load({ session ->
                    val picked = DocumentPicker.read(contentResolver, uri) ?: return@load false
                    val draft = AttachmentDraft(kindOf(picked.mimeType), picked.name, picked.mimeType)
                    session.addAttachment(id, draft, picked.bytes)
                    true
                }) { stored -> if (stored) render() else say(UiText.JOURNAL_FILE_TOO_LARGE) }
            }
            REQUEST_PHOTO -> {
                val capture = pendingCapture ?: return
                pendingCapture = null
                if (resultCode != RESULT_OK) return capture.discard()
                load({ session ->
                    val bytes = capture.await(CAPTURE_WAIT_MILLIS) ?: return@load false
                    session.addAttachment(id, AttachmentDraft(AttachmentKind.PHOTO, null, "image/jpeg"), bytes)
                    true
                }) { stored -> if (stored) render() else say(UiText.JOURNAL_FILE_TOO_LARGE) }
            }
        }
    }

    companion object {
        const val EXTRA_ENTRY_ID = "entry"

        fun attachmentTag(id: Long) = "attachment-$id"
        const val WHEN_TAG = "journal-when"
        const val NARRATIVE_TAG = "journal-narrative"
        const val SAVE_TAG = "journal-save"
        private const val REQUEST_FILE = 1
        private const val REQUEST_PHOTO = 2
        private const val CAPTURE_WAIT_MILLIS = 10_000L

        fun kindOf(mimeType: String): AttachmentKind = when {
            mimeType.startsWith("image/") -> AttachmentKind.PHOTO
            mimeType.startsWith("audio/") -> AttachmentKind.AUDIO
            else -> AttachmentKind.DOCUMENT
        }
    }
}
