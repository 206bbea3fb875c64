package org.haven.app.vault

import android.content.ActivityNotFoundException
import android.content.Intent
import android.view.View
import android.widget.LinearLayout
import org.haven.app.discretion.PrivateInput
import org.haven.app.haven
import org.haven.app.core.toLocale
import org.haven.app.journal.ExportProvider
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.core.model.ChainStatus
import org.haven.core.model.JournalEntry
import org.haven.core.model.ReportRequest
import org.haven.core.model.ReportSelection
import java.time.Instant
import java.time.ZoneId
import java.time.temporal.ChronoUnit

/**
 * The incident journal: the evidence chain's status (checked by the core), the entries (newest
 * first), a new entry, and the export of a printable report for a lawyer or advocate (asks for the
 * PIN, warns that the file is readable by whoever gets it, and goes through the share sheet from
 * memory — no file is written).
 */
class JournalActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_JOURNAL

    override fun content(): View {
        val status = label("").apply { tag = CHAIN_TAG }
        val list = Views.column(this).apply { setPadding(0, 0, 0, 0) }
        load({ session ->
            val chain = session.verifyChain()
            val entries = session.journalBetween(Instant.EPOCH, Instant.now().plus(1, ChronoUnit.DAYS), false)
            chain to entries.sortedByDescending { it.occurredAt }
        }) { (chain, entries) ->
            status.text = t(if (chain is ChainStatus.Intact) UiText.JOURNAL_CHAIN_OK else UiText.JOURNAL_CHAIN_BROKEN)
            entries.forEach { list.addView(entry(it)) }
        }
        return Views.column(
            this,
            status,
            Views.matchWidth(Views.button(this, t(UiText.JOURNAL_NEW)) { openEntry(null) }.apply { tag = NEW_TAG }),
            list,
            exportForm(),
        )
    }

    private fun entry(entry: JournalEntry): View {
        val zone = runCatching { ZoneId.of(entry.timeZone) }.getOrDefault(ZoneId.systemDefault())
        val whenText = whenText(entry.occurredAt.atZone(zone), lang)
        val firstLine = entry.narrative.lineSequence().firstOrNull().orEmpty().take(80)
        return Views.matchWidth(Views.button(this, "$whenText — $firstLine") { openEntry(entry.id) })
    }

    private fun openEntry(id: Long?) {
        val intent = Intent(this, JournalEntryActivity::class.java)
        if (id != null) intent.putExtra(JournalEntryActivity.EXTRA_ENTRY_ID, id)
        startActivity(intent)
    }

    private fun exportForm(): LinearLayout {
        val pin = PrivateInput.field(this, PrivateInput.Kind.PIN, t(UiText.EXPORT_PIN)).apply { tag = EXPORT_PIN_TAG }
        return Views.column(
            this,
            Views.heading(this, t(UiText.JOURNAL_EXPORT)),
            label(t(UiText.JOURNAL_EXPORT_WARNING)),
            pin,
            Views.button(this, t(UiText.JOURNAL_EXPORT)) {
                val typed = pin.text.toString()
                pin.text.clear()
                val request = ReportRequest(
                    selection = ReportSelection.Between(Instant.EPOCH, Instant.now().plus(1, ChronoUnit.DAYS)),
                    locale = lang.toLocale(),
                    includeHidden = false,
                )
                load({ it.exportReport(typed, request) }) { html -> share(html) }
            }.apply { tag = EXPORT_TAG },
        ).apply { setPadding(0, 0, 0, 0) }
    }

    private fun share(html: String) {
        val uri = ExportProvider.offer(this, html.toByteArray(Charsets.UTF_8), "report.html", "text/html")
        haven.watcher.expectReturn()
        try {
            startActivity(ExportProvider.shareIntent(uri, "text/html"))
        } catch (e: ActivityNotFoundException) {
            say(UiText.NO_APP_FOR_THIS)
        }
    }

    companion object {
        const val CHAIN_TAG = "journal-chain"
        const val NEW_TAG = "journal-new"
        const val EXPORT_PIN_TAG = "journal-export-pin"
        const val EXPORT_TAG = "journal-export"
        /** "3 December 2026, 14:30" in her language. */
        fun whenText(at: java.time.ZonedDateTime, lang: org.haven.app.text.Lang): String =
            org.haven.app.text.Dates.long(at.toLocalDate(), lang) + ", " + String.format(java.util.Locale.ROOT, "%02d:%02d", at.hour, at.minute)
    }
}
