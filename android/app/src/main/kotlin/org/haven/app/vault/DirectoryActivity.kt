package org.haven.app.vault

import android.content.ActivityNotFoundException
import android.text.Editable
import android.text.TextWatcher
import android.view.View
import android.widget.LinearLayout
import org.haven.app.core.toLocale
import org.haven.app.discretion.PrivateInput
import org.haven.app.intents.PhoneIntents
import org.haven.app.text.UiText
import org.haven.app.ui.AsYouType
import org.haven.app.ui.Views
import org.haven.core.model.ChoiceList
import org.haven.core.model.DirectoryHit
import org.haven.core.model.DirectoryQuery
import org.haven.core.model.OpenStatus
import org.haven.core.model.ServiceType

/**
 * Help near her: the region's directory of shelters and services, searched locally as she types
 * (any script: Cyrillic and Latin Kazakh fold together in the core), with a service-type filter
 * and "open now". Calling opens the dialer (ACTION_DIAL); a confidential shelter shows no address
 * ("call first"). Unverified entries and an out-of-date pack are said to be so.
 */
class DirectoryActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_DIRECTORY

    private var searchText = ""
    private var type: ServiceType? = null
    private var openNow = false
    private lateinit var results: LinearLayout

    private val typing = AsYouType<DirectoryQuery, List<DirectoryHit>>(
        search = { query, done -> load({ it.searchDirectory(query) }, done) },
        show = { _, hits -> show(hits) },
    )

    override fun content(): View {
        results = Views.column(this).apply {
            setPadding(0, 0, 0, 0)
            tag = RESULTS_TAG
        }
        val search = PrivateInput.field(this, PrivateInput.Kind.TEXT, t(UiText.DIRECTORY_SEARCH)).apply {
            setText(searchText)
            tag = SEARCH_TAG
            addTextChangedListener(object : TextWatcher {
                override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit
                override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit
                override fun afterTextChanged(s: Editable?) {
                    searchText = s?.toString().orEmpty()
                    query()
                }
            })
        }
        val typeLabels = labels(ChoiceList.SERVICE_TYPES)
        val types: List<ServiceType?> = listOf(null) + ServiceType.entries
        val column = Views.column(
            this,
            search,
            Views.radioGroup(this, types, type, { it?.let { t -> typeLabels[t.id()] ?: t.name } ?: t(UiText.DIRECTORY_ALL_TYPES) }) {
                type = it
                query()
            },
            Views.checkBox(this, t(UiText.DIRECTORY_OPEN_NOW), openNow) {
                openNow = it
                query()
            }.apply { tag = OPEN_NOW_TAG },
            results,
        )
        load({ it.directoryInfo() }) { info ->
            if (info.outOfDate) column.addView(label(t(UiText.DIRECTORY_PACK_EXPIRED)), 0)
        }
        query()
        return column
    }

    private fun query() = typing.onQuery(
        DirectoryQuery(
            text = searchText,
            serviceTypes = listOfNotNull(type),
            place = null,
            language = null,
            openNow = openNow,
            near = null,
            locale = lang.toLocale(),
            limit = 0u,
        ),
    )

    private fun show(hits: List<DirectoryHit>) {
        results.removeAllViews()
        if (hits.isEmpty() && (searchText.isNotBlank() || type != null || openNow)) {
            results.addView(label(t(UiText.DIRECTORY_NO_RESULTS)))
        }
        for (hit in hits) results.addView(card(hit))
    }

    private fun card(hit: DirectoryHit): View {
        val name = Views.heading(this, hit.name).apply { tag = HIT_NAME_TAG }
        val card = Views.column(this, name).apply { setPadding(0, 0, 0, 0) }
        hit.description?.let { card.addView(label(it)) }
        if (hit.confidential) {
            card.addView(label(t(UiText.DIRECTORY_CONFIDENTIAL)))
        } else {
            hit.places.mapNotNull { listOfNotNull(it.address, it.city).joinToString(", ").ifEmpty { null } }
                .forEach { card.addView(label(it)) }
        }
        if (hit.openNow == OpenStatus.OPEN) card.addView(label(t(UiText.DIRECTORY_OPEN_NOW)))
        for (phone in hit.phones) {
            card.addView(
                Views.button(this, "${t(UiText.CONTACT_CALL)} ${phone.number}") {
                    try {
                        startActivity(PhoneIntents.dial(phone.number))
                    } catch (e: ActivityNotFoundException) {
                        say(UiText.NO_APP_FOR_THIS)
                    }
                },
            )
        }
        return card
    }

    override fun onDestroy() {
        typing.cancel()
        super.onDestroy()
    }

    companion object {
        const val SEARCH_TAG = "directory-search"
        const val OPEN_NOW_TAG = "directory-open-now"
        const val RESULTS_TAG = "directory-results"
        const val HIT_NAME_TAG = "directory-hit-name"
    }
}
