package org.haven.app.vault

import android.content.ActivityNotFoundException
import android.content.Intent
import android.view.View
import android.widget.LinearLayout
import org.haven.app.discretion.PrivateInput
import org.haven.app.intents.PhoneIntents
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.core.model.ChoiceList
import org.haven.core.model.Contact
import org.haven.core.model.ContactDraft

/**
 * Trusted contacts, typed in by hand (the phone's contacts are never read). Call and message go
 * through the phone's own apps, after the warning that they leave traces there. The SOS opens the
 * messages app addressed to her emergency contacts with the agreed code word: sent only if she
 * presses send. Contacts with different code words get one SOS button per code word, so nobody
 * receives someone else's code word.
 */
class ContactsActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_CONTACTS

    override fun content(): View {
        val column = Views.column(this, label(t(UiText.CONTACT_TRACE_WARNING)))
        val list = Views.column(this).apply { setPadding(0, 0, 0, 0) }
        column.addView(list)
        column.addView(addForm())
        load({ it.contacts() }) { contacts -> fill(list, contacts) }
        return column
    }

    private fun fill(list: LinearLayout, contacts: List<Contact>) {
        val groups = sosGroups(contacts)
        if (groups.isEmpty()) list.addView(label(t(UiText.SOS_NO_CONTACTS)))
        for ((codeWord, group) in groups) {
            val text = if (groups.size == 1) t(UiText.SOS) else UiText.SOS_TO.format(lang, group.joinToString { it.name })
            list.addView(
                Views.matchWidth(
                    Views.button(this, text, Views.Role.URGENT) { open(PhoneIntents.sos(group.map { it.phone }, sosMessage(codeWord, lang))) }.apply {
                        tag = SOS_TAG
                    },
                ),
            )
        }
        if (groups.isNotEmpty()) list.addView(label(t(UiText.SOS_EXPLAIN)))
        val relations = labels(ChoiceList.RELATIONS)
        for (contact in contacts) {
            val details = listOfNotNull(
                relations[contact.relation] ?: contact.relation,
                contact.phone,
                t(UiText.CONTACT_EMERGENCY_MARK).takeIf { contact.emergency },
            ).joinToString(" · ")
            list.addView(Views.heading(this, contact.name))
            list.addView(label(details))
            list.addView(
                Views.row(
                    this,
                    Views.button(this, t(UiText.CONTACT_CALL), Views.Role.PRIMARY) { open(PhoneIntents.dial(contact.phone)) }
                        .apply { layoutParams = Views.weighted(context) },
                    Views.button(this, t(UiText.CONTACT_SMS)) { open(PhoneIntents.message(contact.phone)) }
                        .apply { layoutParams = Views.weighted(context) },
                ),
            )
            list.addView(Views.button(this, t(UiText.DELETE), Views.Role.QUIET) { change { it.removeContact(contact.id) } })
        }
    }

    private fun addForm(): View {
        val name = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.CONTACT_NAME)).apply { tag = NAME_TAG }
        val phone = PrivateInput.field(this, PrivateInput.Kind.PHONE, t(UiText.CONTACT_PHONE)).apply { tag = PHONE_TAG }
        val codeWord = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.CONTACT_CODE_WORD)).apply { tag = CODE_WORD_TAG }
        val relations = labels(ChoiceList.RELATIONS).entries.toList()
        var relation = relations.firstOrNull()?.key ?: ""
        var emergency = false
        return Views.column(
            this,
            Views.heading(this, t(UiText.CONTACT_ADD)),
            name, phone,
            label(t(UiText.CONTACT_RELATION)),
            Views.radioGroup(this, relations, relations.firstOrNull(), { it.value }) { relation = it.key },
            codeWord,
            Views.checkBox(this, t(UiText.CONTACT_EMERGENCY), emergency) { emergency = it }.apply { tag = EMERGENCY_TAG },
            Views.button(this, t(UiText.SAVE), Views.Role.PRIMARY) {
                val draft = ContactDraft(
                    name = name.text.toString().trim(),
                    phone = phone.text.toString().trim(),
                    relation = relation,
                    codeWord = codeWord.text.toString().trim().ifEmpty { null },
                    capabilities = emptyList(),
                    emergency = emergency,
                )
                change { it.addContact(draft) }
            }.apply { tag = SAVE_TAG },
        ).apply { setPadding(0, 0, 0, 0) }
    }

    /** Opens another app (dialer, messages). Leaving locks the vault, as always. */
    private fun open(intent: Intent?) {
        if (intent == null) return say(UiText.SOS_NO_CONTACTS)
        try {
            startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            say(UiText.NO_APP_FOR_THIS)
        }
    }

    companion object {
        const val SOS_TAG = "sos"
        const val NAME_TAG = "contact-name"
        const val PHONE_TAG = "contact-phone"
        const val CODE_WORD_TAG = "contact-code-word"
        const val EMERGENCY_TAG = "contact-emergency"
        const val SAVE_TAG = "contact-save"

        /** The SOS text: her code word, or a plain request for help when she set none (never empty). */
        fun sosMessage(codeWord: String, lang: org.haven.app.text.Lang): String =
            codeWord.trim().ifEmpty { UiText.SOS_DEFAULT_MESSAGE.get(lang) }

        /** Emergency contacts grouped by code word (no code word: the default message). */
        fun sosGroups(contacts: List<Contact>): List<Pair<String, List<Contact>>> =
            contacts.filter { it.emergency }
                .groupBy { it.codeWord.orEmpty() }
                .map { (codeWord, group) -> codeWord to group }
    }
}
