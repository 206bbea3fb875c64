package org.haven.app.vault

import android.content.Intent
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.CheckBox
import android.widget.EditText
import android.widget.RadioButton
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.core.model.DirectoryQuery
import org.haven.core.model.HavenLocale
import org.haven.core.model.ServiceType
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper
import java.util.concurrent.TimeUnit

/** Directory search on the pack bundled with the core (Kazakhstan's national numbers). */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class DirectoryScreenTest {

    private fun open(): DirectoryActivity {
        setUpVault()
        openVault()
        return Robolectric.buildActivity(DirectoryActivity::class.java).setup().get().also { settle() }
    }

    private fun views(view: View): List<View> =
        listOf(view) + if (view is ViewGroup) (0 until view.childCount).flatMap { views(view.getChildAt(it)) } else emptyList()

    /** Lets the as-you-type pause pass, then the search finish. */
    private fun afterTyping() {
        ShadowLooper.idleMainLooper(300, TimeUnit.MILLISECONDS)
        settle()
    }

    private fun DirectoryActivity.results(): ViewGroup = window.decorView.findViewWithTag(DirectoryActivity.RESULTS_TAG)
    private fun DirectoryActivity.headings(): List<String> =
        views(results()).filter { it.tag == DirectoryActivity.HIT_NAME_TAG }.map { (it as TextView).text.toString() }

    private fun coreNames(query: DirectoryQuery): List<String> = app.vault.session!!.searchDirectory(query).map { it.name }

    @Test
    fun `typing searches as she types and Call opens the dialer with the number`() {
        val screen = open()
        screen.window.decorView.findViewWithTag<EditText>(DirectoryActivity.SEARCH_TAG).setText("poli")
        afterTyping()
        val expected = coreNames(DirectoryQuery(text = "poli", locale = HavenLocale.EN))
        assertTrue("the bundled pack has the police", expected.any { it.contains("102") })
        assertEquals(expected, screen.headings())

        val call = views(screen.results()).filterIsInstance<Button>().first { it.text.toString() == "Call 102" }
        call.performClick()
        val dial = shadowOf(screen).nextStartedActivity
        assertEquals(Intent.ACTION_DIAL, dial.action)
        assertEquals("102", dial.data!!.schemeSpecificPart)
    }

    @Test
    fun `Cyrillic finds the same service`() {
        val screen = open()
        screen.window.decorView.findViewWithTag<EditText>(DirectoryActivity.SEARCH_TAG).setText("полиц")
        afterTyping()
        assertTrue(screen.headings().any { it.contains("102") })
    }

    @Test
    fun `the service-type filter and open now reach the core's query`() {
        val screen = open()
        screen.window.decorView.clickTag(DirectoryActivity.FILTERS_TAG)
        val police = views(screen.window.decorView).filterIsInstance<RadioButton>().first {
            it.text.toString() == labelOf(ServiceType.POLICE)
        }
        police.performClick()
        afterTyping()
        assertEquals(coreNames(DirectoryQuery(text = "", serviceTypes = listOf(ServiceType.POLICE), locale = HavenLocale.EN)), screen.headings())
        assertTrue(screen.headings().isNotEmpty())

        screen.window.decorView.findViewWithTag<CheckBox>(DirectoryActivity.OPEN_NOW_TAG).performClick()
        afterTyping()
        assertEquals(
            coreNames(DirectoryQuery(text = "", serviceTypes = listOf(ServiceType.POLICE), openNow = true, locale = HavenLocale.EN)),
            screen.headings(),
        )
    }

    @Test
    fun `before any typing it lists the national lines, with verified, source and date on each`() {
        val screen = open()
        val expected = coreNames(DirectoryQuery(text = "", serviceTypes = ServiceType.entries, locale = HavenLocale.EN))
        assertTrue(expected.any { it.startsWith("112") } && expected.any { it.startsWith("111") })
        assertEquals(expected, screen.headings())
        val hits = app.vault.session!!.searchDirectory(DirectoryQuery(text = "", serviceTypes = ServiceType.entries, locale = HavenLocale.EN))
        for (hit in hits) {
            val card = screen.window.decorView.findViewWithTag<ViewGroup>(hit.id)
            val texts = views(card).filterIsInstance<TextView>().map { it.text.toString() }
            assertTrue(texts.any { it == "Source: ${hit.source}" })
            assertTrue(texts.any { if (hit.verified) it.startsWith("Checked on ") else it.startsWith("Not verified") })
        }
        // The filters are folded away until she asks for them.
        val openNow = screen.window.decorView.findViewWithTag<CheckBox>(DirectoryActivity.OPEN_NOW_TAG)
        assertEquals(View.GONE, (openNow.parent as View).visibility)
        screen.window.decorView.clickTag(DirectoryActivity.FILTERS_TAG)
        assertEquals(View.VISIBLE, (openNow.parent as View).visibility)
    }

    @Test
    fun `her city orders by distance without any location permission, and is forgotten on lock`() {
        val screen = open()
        screen.window.decorView.clickTag(DirectoryActivity.CITY_TAG)
        val almaty = views(screen.window.decorView).filterIsInstance<RadioButton>().first { it.text.toString() == "Almaty" }
        almaty.performClick()
        settle()
        assertEquals(City.ALMATY, app.vault.city)
        val now = Robolectric.buildActivity(DirectoryActivity::class.java).setup().get().also { settle() }
        assertEquals(City.ALMATY.point, now.currentQuery().near)
        assertTrue(views(now.window.decorView).filterIsInstance<Button>().any { it.text.toString() == "City: Almaty" })
        app.vault.lock()
        assertEquals(null, app.vault.city)
    }

    @Test
    fun `nothing found says so`() {
        val screen = open()
        screen.window.decorView.findViewWithTag<EditText>(DirectoryActivity.SEARCH_TAG).setText("zzzzqqq")
        afterTyping()
        assertTrue(views(screen.results()).filterIsInstance<TextView>().any { it.text.toString() == "Nothing found." })
        // …and the core's routing lines, so that she still sees where to call.
        val routing = app.vault.session!!.searchDirectory(DirectoryQuery(text = "zzzzqqq", locale = HavenLocale.EN))
        assertTrue(routing.isNotEmpty() && routing.all { it.fallback })
        assertEquals(routing.map { it.name }, screen.headings())
        assertTrue(screen.window.decorView.findViewWithTag<View>(DirectoryActivity.FALLBACK_TAG) != null)
    }

    private fun labelOf(type: ServiceType): String =
        org.haven.core.choices(org.haven.core.model.ChoiceList.SERVICE_TYPES, HavenLocale.EN).single { it.id == type.id() }.label
}
