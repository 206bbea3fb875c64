package org.haven.app.vault

import android.view.View
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.core.model.DangerSign
import org.haven.core.model.DangerSigns

/**
 * The danger signs: a reflection, not a test. She ticks what is true (stored in the vault), each
 * sign says why it matters and a plain next step, with its sources. No score, no verdict: a count
 * of ticks would suggest that fewer ticks means safe.
 */
class DangerSignsActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_DANGER

    override fun content(): View {
        val column = Views.column(this)
        load({ it.dangerSigns() to it.tickedDangerSigns().toSet() }) { (signs, ticked) -> show(column, signs, ticked) }
        return column
    }

    private fun show(column: android.widget.LinearLayout, signs: DangerSigns, ticked: Set<String>) {
        column.addView(Views.body(this, signs.intro))
        column.addView(Views.caption(this, t(UiText.DANGER_TICK_NOTE)))
        signs.signs.forEach { column.addView(card(it, it.id in ticked)) }
        column.addView(Views.body(this, signs.closing))
        column.addView(EmergencyLines.view(this, lang))
    }

    private fun card(sign: DangerSign, ticked: Boolean): View = Views.card(
        this,
        Views.checkBox(this, sign.text, ticked) { value ->
            load({ it.setDangerSignTicked(sign.id, value) }) { }
        }.apply { tag = checkTag(sign.id) },
        Views.caption(this, t(UiText.DANGER_WHY)),
        Views.body(this, sign.why),
        Views.caption(this, t(UiText.DANGER_NEXT)),
        Views.body(this, sign.nextStep),
        *RightsActivity.sourceLines(sign.sources, lang, this).toTypedArray(),
    ).apply { tag = sign.id }

    companion object {
        fun checkTag(id: String) = "danger-$id"
    }
}
