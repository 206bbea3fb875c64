package org.haven.app.vault

import android.text.Editable
import android.text.TextWatcher
import android.view.View
import android.widget.LinearLayout
import org.haven.app.core.toLocale
import org.haven.app.discretion.PrivateInput
import org.haven.app.haven
import org.haven.app.journal.DocumentPicker
import org.haven.app.text.Dates
import org.haven.app.text.UiText
import org.haven.app.ui.AsYouType
import org.haven.app.ui.Views
import org.haven.core.model.ChoiceList
import org.haven.core.model.DirectoryHit
import org.haven.core.model.DirectoryQuery
import org.haven.core.model.OpenStatus
import org.haven.core.model.ServiceType

/**
 * Help near her: the region's directory of shelters and services. Before she types anything it
 * already lists the national lines and, once she picks her city, the services there nearest first
 * (a city choice, not a location: no permission, no trace). Typing searches locally as she types
 * (Cyrillic and Latin Kazakh fold together in the core); the service type and "open now" are
 * folded away under "Filters". Calling opens the dialer (ACTION_DIAL); a confidential shelter
 * shows no address ("call first"). Each entry says whether it was verified, its source and date;
 * an out-of-date pack says so at the top.
 */
open class DirectoryActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_DIRECTORY

    private var searchText = ""
    private var type: ServiceType? = null
    private var openNow = false
    private var filtersOpen = false
    private var packMessage = ""
    private lateinit var packStatus: android.widget.TextView
    private lateinit var results: LinearLayout

    private val typing = AsYouType<DirectoryQuery, List<DirectoryHit>>(
        search = { query, done -> load({ it.searchDirectory(query) }, done) },
        show = { _, hits -> show(hits) },
    )

    override fun content(): View {
        results = Views.group(this).apply { tag = RESULTS_TAG }
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
        packStatus = Views.body(this, packMessage).apply { tag = PACK_STATUS_TAG }
        val about = Views.caption(this, "")
        val column = Views.column(
            this, search, citySection(), filters(), results,
            about,
            Views.matchWidth(Views.button(this, t(UiText.PACK_ADD), Views.Role.QUIET) { pickPack() }.apply { tag = PACK_ADD_TAG }),
            packStatus,
        )
        load({ it.directoryInfo() }) { info ->
            about.text = UiText.PACK_ABOUT.format(lang, info.region, info.version.toLong(), Dates.long(info.created.atZone(java.time.ZoneOffset.UTC).toLocalDate(), lang))
            if (info.outOfDate) column.addView(Views.body(this, t(UiText.DIRECTORY_PACK_EXPIRED)).apply { tag = OUT_OF_DATE_TAG }, 0)
        }
        typing.now(currentQuery())
        return column
    }

    /** Her city: a list, folded until she opens it, showing the current choice. */
    private fun citySection(): View {
        val current = vault.city
        val list = Views.radioGroup(this, listOf<City?>(null) + City.entries, current, { it?.label(lang) ?: t(UiText.DIRECTORY_CITY_ANY) }) {
            vault.city = it
            render()
        }.apply { visibility = View.GONE; tag = CITY_LIST_TAG }
        val toggle = Views.button(this, UiText.DIRECTORY_CITY.format(lang, current?.label(lang) ?: t(UiText.DIRECTORY_CITY_ANY)), Views.Role.QUIET) {
            list.visibility = if (list.visibility == View.GONE) View.VISIBLE else View.GONE
        }.apply { tag = CITY_TAG }
        return Views.group(this, Views.matchWidth(toggle), list)
    }

    private fun filters(): View {
        val typeLabels = labels(ChoiceList.SERVICE_TYPES)
        val types: List<ServiceType?> = listOf(null) + ServiceType.entries
        val body = Views.group(
            this,
            Views.radioGroup(this, types, type, { it?.let { t -> typeLabels[t.id()] ?: t.name } ?: t(UiText.DIRECTORY_ALL_TYPES) }) {
                type = it
                query()
            },
            Views.checkBox(this, t(UiText.DIRECTORY_OPEN_NOW), openNow) {
                openNow = it
                query()
            }.apply { tag = OPEN_NOW_TAG },
        ).apply { visibility = if (filtersOpen) View.VISIBLE else View.GONE }
        val toggle = Views.button(this, t(UiText.DIRECTORY_FILTERS), Views.Role.QUIET) {
            filtersOpen = !filtersOpen
            body.visibility = if (filtersOpen) View.VISIBLE else View.GONE
        }.apply { tag = FILTERS_TAG }
        return Views.group(this, Views.matchWidth(toggle), body)
    }

    /**
     * What she sees: her words if she typed any; before that, every type of service (the national
     * lines have no place, so they always come), in her city and nearest first when she chose one.
     */
    private fun query() = typing.onQuery(currentQuery())

    fun currentQuery(): DirectoryQuery {
        val city = vault.city
        val browsing = searchText.isBlank() && type == null
        return DirectoryQuery(
            text = searchText,
            serviceTypes = if (browsing) ServiceType.entries else listOfNotNull(type),
            place = null,
            language = null,
            openNow = openNow,
            near = city?.point,
            locale = lang.toLocale(),
            limit = 0u,
        )
    }

    private fun show(hits: List<DirectoryHit>) {
        results.removeAllViews()
        // Nothing matched: the core answers with the region's routing lines (`fallback`).
        val fallback = hits.isNotEmpty() && hits.all { it.fallback }
        if (hits.isEmpty() || fallback) results.addView(label(t(UiText.DIRECTORY_NO_RESULTS)))
        if (fallback) results.addView(label(t(UiText.DIRECTORY_FALLBACK)).apply { tag = FALLBACK_TAG })
        for (hit in hits) results.addView(card(hit))
    }

    private fun card(hit: DirectoryHit): View {
        val name = Views.heading(this, hit.name).apply {
            tag = HIT_NAME_TAG
            setPadding(0, 0, 0, 0)
        }
        val card = Views.card(this, name).apply { tag = hit.id }
        hit.description?.let { card.addView(label(it)) }
        if (hit.confidential) {
            card.addView(label(t(UiText.DIRECTORY_CONFIDENTIAL)))
        } else {
            hit.places.mapNotNull { listOfNotNull(it.address, it.city).joinToString(", ").ifEmpty { null } }
                .forEach { card.addView(label(it)) }
        }
        hit.distanceKm?.let { card.addView(Views.caption(this, UiText.DIRECTORY_DISTANCE.format(lang, it.toInt()))) }
        if (hit.openNow == OpenStatus.OPEN) card.addView(Views.caption(this, t(UiText.DIRECTORY_OPEN_NOW)))
        for (phone in hit.phones) {
            card.addView(
                Views.matchWidth(
                    Views.button(this, "${t(UiText.CONTACT_CALL)} ${phone.number}", Views.Role.URGENT) {
                        EmergencyLines.dial(this, lang, phone.number)
                    },
                ),
            )
        }
        val checked = if (hit.verified) UiText.DIRECTORY_VERIFIED.format(lang, Dates.long(hit.verifiedOn, lang))
        else t(UiText.DIRECTORY_UNVERIFIED)
        card.addView(Views.caption(this, checked).apply { tag = VERIFIED_TAG })
        card.addView(Views.caption(this, UiText.SOURCE_LINE.format(lang, hit.source)))
        return card
    }

    private fun pickPack() {
        haven.watcher.expectReturn()
        try {
            @Suppress("DEPRECATION")
            startActivityForResult(
                android.content.Intent(android.content.Intent.ACTION_OPEN_DOCUMENT)
                    .addCategory(android.content.Intent.CATEGORY_OPENABLE)
                    .setType("*/*"),
                REQUEST_PACK,
            )
        } catch (e: android.content.ActivityNotFoundException) {
            say(UiText.NO_APP_FOR_THIS)
        }
    }

    @Deprecated("Platform API; the app has no AndroidX Activity Result APIs")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: android.content.Intent?) {
        @Suppress("DEPRECATION")
        super.onActivityResult(requestCode, resultCode, data)
        val uri = data?.data
        if (requestCode != REQUEST_PACK || resultCode != RESULT_OK || uri == null || vault.session == null) return
        packStatus.text = t(UiText.WORKING)
        vault.run({
            val picked = DocumentPicker.read(contentResolver, uri, PackInstall.MAX_BYTES)
                ?: throw org.haven.core.HavenException.PackRejected("pack is larger than the size limit")
            installPack(session, picked.bytes)
        }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            packMessage = outcome.fold({ UiText.PACK_INSTALLED.format(lang, it.services.toLong()) }, { t(PackInstall.refusal(it)) })
            render()
        }
    }

    /**
     * Hands the picked pack to the core, which verifies it against the keys it trusts. Open only
     * so that the tests can install packs signed with a test key (another region) through the
     * desktop library's test-only call; the app never overrides it.
     */
    protected open fun installPack(session: org.haven.core.Session, bytes: ByteArray): org.haven.core.model.PackInfo =
        session.installPack(bytes)

    override fun onDestroy() {
        typing.cancel()
        super.onDestroy()
    }

    companion object {
        const val SEARCH_TAG = "directory-search"
        const val OPEN_NOW_TAG = "directory-open-now"
        const val RESULTS_TAG = "directory-results"
        const val HIT_NAME_TAG = "directory-hit-name"
        const val FILTERS_TAG = "directory-filters"
        const val CITY_TAG = "directory-city"
        const val CITY_LIST_TAG = "directory-city-list"
        const val VERIFIED_TAG = "directory-verified"
        const val OUT_OF_DATE_TAG = "directory-out-of-date"
        const val PACK_ADD_TAG = "directory-pack-add"
        const val FALLBACK_TAG = "directory-fallback"
        const val PACK_STATUS_TAG = "directory-pack-status"
        const val REQUEST_PACK = 21
    }
}
