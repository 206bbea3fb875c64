package org.haven.app.vault

import android.view.View
import org.haven.app.text.Dates
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.core.model.RightsStatement
import org.haven.core.model.Source

/**
 * Her rights in Kazakhstan, from the core's `rights_kz` content in her language: what the police
 * must do, protection orders and how to ask for them, what to do when police push reconciliation,
 * legal aid. Every statement shows its sources and the date it was last checked; the lines that
 * help now are one tap away at the top.
 */
class RightsActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_RIGHTS

    override fun content(): View {
        val column = Views.column(
            this,
            EmergencyLines.view(this, lang),
            Views.body(this, t(UiText.RIGHTS_INTRO)),
        )
        load({ it.rights() }) { statements -> statements.forEach { column.addView(card(it)) } }
        return column
    }

    private fun card(statement: RightsStatement): View = Views.card(
        this,
        Views.heading(this, statement.title).apply { setPadding(0, 0, 0, Views.dp(context, 4)) },
        Views.body(this, statement.body),
        *sourceLines(statement.sources, lang, this).toTypedArray(),
        Views.caption(this, UiText.CHECKED_ON.format(lang, Dates.long(statement.verifiedOn, lang))),
    ).apply { tag = statement.id }

    companion object {
        /** One caption per source: title, publisher, date. */
        fun sourceLines(sources: List<Source>, lang: Lang, activity: VaultActivity): List<View> = sources.map { source ->
            val text = listOf(source.title, source.publisher, Dates.long(source.date, lang)).joinToString(", ")
            Views.caption(activity, UiText.SOURCE_LINE.format(lang, text))
        }
    }
}
