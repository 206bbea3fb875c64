package org.haven.app.vault

import android.view.View
import android.widget.LinearLayout
import org.haven.app.discretion.PrivateInput
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.core.model.PlanItem
import org.haven.core.model.PlanItemStatus
import org.haven.core.model.PlanSection

/**
 * The safety plan: the core's sections (titles, guidance and suggestions come localized from the
 * core), her own steps, ticks, and suggestions to adopt or set aside.
 */
class PlanActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_PLAN

    override fun content(): View {
        val column = Views.column(this)
        load({ it.plan() }) { sections -> sections.forEach { column.addView(section(it)) } }
        return column
    }

    private fun section(section: PlanSection): LinearLayout {
        val view = Views.column(this, Views.heading(this, section.title)).apply {
            setPadding(0, 0, 0, 0)
            tag = section.id
        }
        if (section.guidance.isNotBlank()) view.addView(label(section.guidance))
        if (section.total > 0u) {
            view.addView(label(UiText.PLAN_PROGRESS.format(lang, section.checked.toInt(), section.total.toInt())))
        }
        section.items.forEach { view.addView(item(it)) }
        val own = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.PLAN_ADD_HINT))
        view.addView(own)
        view.addView(
            Views.button(this, t(UiText.ADD)) {
                val text = own.text.toString().trim()
                if (text.isNotEmpty()) change { it.addPlanItem(section.id, text) }
            },
        )
        return view
    }

    private fun item(item: PlanItem): View = when (item.status) {
        PlanItemStatus.SUGGESTED -> Views.column(
            this,
            label(item.text),
            Views.row(
                this,
                Views.button(this, t(UiText.PLAN_ADOPT)) { change { it.adoptPlanSuggestion(item.id) } },
                Views.button(this, t(UiText.PLAN_DISMISS)) { change { it.dismissPlanSuggestion(item.id) } },
            ),
        ).apply { setPadding(0, 0, 0, 0) }
        else -> Views.checkBox(this, item.text, item.checked) { checked ->
            load({ it.setPlanItemChecked(item.id, checked) }) { }
        }
    }
}
