package org.haven.app.vault

import android.view.View
import android.widget.LinearLayout
import org.haven.app.discretion.PrivateInput
import org.haven.app.text.Dates
import org.haven.app.text.UiText
import org.haven.app.ui.DateField
import org.haven.app.ui.Views
import org.haven.core.model.ChoiceList
import org.haven.core.model.OrderDraft
import org.haven.core.model.OrderKind
import org.haven.core.model.OrderStanding
import org.haven.core.model.OrderStatus
import org.haven.core.model.ProtectionOrder

/**
 * Protection orders: kind (names and rules from the core), issuer, dates, conditions, and the
 * core's computed status and days left. Without an expiry date the core applies the kind's
 * default duration.
 */
class OrdersActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_ORDERS

    /** The order's dates (platform pickers). */
    lateinit var issuedField: DateField
        private set
    lateinit var expiresField: DateField
        private set

    override fun content(): View {
        val list = Views.column(this).apply { setPadding(0, 0, 0, 0) }
        load({ session ->
            session.protectionOrders().map { it to session.protectionOrderStanding(it.id, EXPIRING_WITHIN_DAYS) }
        }) { orders -> orders.forEach { (order, standing) -> list.addView(order(order, standing)) } }
        return Views.column(this, list, addForm())
    }

    private fun order(order: ProtectionOrder, standing: OrderStanding): View {
        val kinds = labels(ChoiceList.ORDER_KINDS)
        val statuses = labels(ChoiceList.ORDER_STATUS)
        val status = statuses[standing.status.id()] ?: standing.status.name
        val remaining = standing.daysLeft?.takeIf { standing.status != OrderStatus.EXPIRED }
            ?.let { UiText.ORDERS_DAYS_LEFT.format(lang, it) }
        return Views.column(
            this,
            Views.heading(this, kinds[order.kind.id()] ?: order.kind.name),
            label(listOfNotNull(order.issuingBody, order.reference).joinToString(" · ")),
            label("${Dates.long(order.issuedOn, lang)} → ${order.expiresOn?.let { Dates.long(it, lang) } ?: t(UiText.ORDERS_OPEN_ENDED)}"),
            label(listOfNotNull(status, remaining).joinToString(" · ")).apply { tag = "standing-${order.id}" },
            *listOfNotNull(order.conditions?.let { label(it) }).toTypedArray(),
            Views.button(this, t(UiText.DELETE)) { change { it.removeProtectionOrder(order.id) } },
        ).apply { setPadding(0, 0, 0, 0) }
    }

    private fun addForm(): LinearLayout {
        val kinds = labels(ChoiceList.ORDER_KINDS)
        var kind = OrderKind.POLICE_PROTECTIVE_ORDER
        val issuer = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.ORDERS_ISSUED_BY)).apply { tag = ISSUER_TAG }
        val reference = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.ORDERS_REFERENCE))
        val issued = DateField(this, lang, t(UiText.ORDERS_ISSUED), null, withTime = false).also { issuedField = it }
        issued.view.tag = ISSUED_TAG
        val expires = DateField(this, lang, t(UiText.ORDERS_EXPIRES), null, withTime = false, emptyText = t(UiText.ORDERS_EXPIRES_DEFAULT)).also { expiresField = it }
        expires.view.tag = EXPIRES_TAG
        val conditions = PrivateInput.field(this, PrivateInput.Kind.MULTILINE, t(UiText.ORDERS_CONDITIONS))
        return Views.column(
            this,
            Views.heading(this, t(UiText.ORDERS_NEW)),
            Views.radioGroup(this, OrderKind.entries, kind, { kinds[it.id()] ?: it.name }) { kind = it },
            issuer, reference, issued.view, expires.view, conditions,
            Views.button(this, t(UiText.SAVE), Views.Role.PRIMARY) {
                val issuedOn = issued.date ?: return@button say(UiText.ORDERS_DATE_INVALID)
                val expiresOn = expires.date
                val draft = OrderDraft(
                    kind = kind,
                    issuingBody = issuer.text.toString().trim(),
                    reference = reference.text.toString().trim().ifEmpty { null },
                    issuedOn = issuedOn,
                    expiresOn = expiresOn,
                    conditions = conditions.text.toString().trim().ifEmpty { null },
                    linkedEntries = emptyList(),
                    linkedDocuments = emptyList(),
                )
                change { it.addProtectionOrder(draft) }
            }.apply { tag = SAVE_TAG },
        ).apply { setPadding(0, 0, 0, 0) }
    }

    companion object {
        const val ISSUER_TAG = "order-issuer"
        const val ISSUED_TAG = "order-issued"
        const val EXPIRES_TAG = "order-expires"
        const val SAVE_TAG = "order-save"
        const val EXPIRING_WITHIN_DAYS = 7u

    }
}
