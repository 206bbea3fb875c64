package org.haven.app.vault

import android.app.Activity
import android.content.Intent
import android.view.View
import android.view.ViewGroup
import android.widget.CheckBox
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.app.text.Dates
import org.haven.app.text.Lang
import org.haven.core.model.HavenLocale
import org.haven.core.model.VaultState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper

/** Home, rights and danger signs against the real core's content, in the three languages. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class KnowledgeScreensTest {

    private val session get() = app.vault.session!!

    private fun <T : Activity> show(type: Class<T>): T = Robolectric.buildActivity(type).setup().get().also { settle() }

    private fun views(view: View): List<View> =
        listOf(view) + if (view is ViewGroup) (0 until view.childCount).flatMap { views(view.getChildAt(it)) } else emptyList()

    private fun Activity.texts(): List<String> = views(window.decorView).filterIsInstance<TextView>().map { it.text.toString() }

    private fun inLanguage(lang: Lang) {
        setUpVault()
        openVault()
        session.setLocale(
            when (lang) {
                Lang.KK -> HavenLocale.KK
                Lang.RU -> HavenLocale.RU
                Lang.EN -> HavenLocale.EN
            },
        )
        app.vault.setLanguage(lang)
    }

    @Test
    fun `home puts 112, 102, 111 and 150 one tap away, each opening the dialer with the number`() {
        inLanguage(Lang.EN)
        val home = show(VaultHomeActivity::class.java)
        for (number in listOf("112", "102", "111", "150")) {
            home.window.decorView.clickTag(EmergencyLines.tag(number))
            val dial = shadowOf(home).nextStartedActivity
            assertEquals(Intent.ACTION_DIAL, dial.action)
            assertEquals(number, dial.data!!.schemeSpecificPart)
        }
        // Each button lies wholly inside its row (nothing cut off at the top), neighbours of one height.
        ShadowLooper.idleMainLooper()
        for (pair in listOf("112" to "102", "111" to "150")) {
            val (left, right) = pair.toList().map { home.window.decorView.findViewWithTag<View>(EmergencyLines.tag(it)) }
            val row = left.parent as View
            assertTrue("row of ${pair.first} laid out", row.height > 0)
            for (button in listOf(left, right)) {
                assertTrue("${button.tag} starts inside its row (top ${button.top})", button.top >= 0)
                assertTrue("${button.tag} ends inside its row", button.bottom <= row.height)
            }
            assertEquals(left.height, right.height)
        }
    }

    @Test
    fun `rights and danger signs are reachable from home`() {
        inLanguage(Lang.EN)
        val home = show(VaultHomeActivity::class.java)
        for (screen in listOf(RightsActivity::class.java, DangerSignsActivity::class.java)) {
            home.window.decorView.clickTag(VaultHomeActivity.sectionTag(screen))
            assertEquals(screen.name, shadowOf(home).nextStartedActivity.component!!.className)
        }
    }

    @Test
    fun `every rights statement shows with its sources and checked date, in kk, ru and en`() {
        for (lang in Lang.entries) {
            inLanguage(lang)
            val screen = show(RightsActivity::class.java)
            val texts = screen.texts()
            val statements = session.rights()
            assertTrue(statements.size >= 5)
            for (statement in statements) {
                val card = screen.window.decorView.findViewWithTag<ViewGroup>(statement.id)
                val inCard = views(card).filterIsInstance<TextView>().map { it.text.toString() }
                assertTrue(statement.title in inCard)
                assertTrue(statement.body in inCard)
                assertTrue("${statement.id}: checked date", inCard.any { Dates.long(statement.verifiedOn, lang) in it })
                for (source in statement.sources) assertTrue("${statement.id}: ${source.title}", inCard.any { source.title in it && source.publisher in it })
            }
            // Her own language, not English, when she chose another.
            if (lang != Lang.EN) assertFalse(texts.any { it == "Your rights" })
            // The national lines are at the top of the rights too.
            assertTrue(screen.window.decorView.findViewWithTag<View>(EmergencyLines.tag("102")) != null)
            app.vault.lock()
            app.vault.haven.wipe()
        }
    }

    @Test
    fun `rights cover police duties, protection orders and reconciliation pressure`() {
        inLanguage(Lang.EN)
        val ids = session.rights().map { it.id }
        val screen = show(RightsActivity::class.java)
        for (id in listOf("police_duties", "protective_order", "court_special_requirements", "criminal_no_approach", "police_not_helping")) {
            assertTrue(id in ids)
            assertTrue("$id shown", screen.window.decorView.findViewWithTag<View>(id) != null)
        }
    }

    @Test
    fun `a danger sign ticked on screen is stored, and unticked again, with no score`() {
        inLanguage(Lang.RU)
        val screen = show(DangerSignsActivity::class.java)
        val signs = session.dangerSigns()
        assertTrue(signs.intro in screen.texts())
        val first = signs.signs.first()
        val box = screen.window.decorView.findViewWithTag<CheckBox>(DangerSignsActivity.checkTag(first.id))
        assertEquals(first.text, box.text.toString())
        box.performClick()
        settle()
        assertEquals(listOf(first.id), session.tickedDangerSigns())
        for (sign in signs.signs) {
            val card = screen.window.decorView.findViewWithTag<ViewGroup>(sign.id)
            val inCard = views(card).filterIsInstance<TextView>().map { it.text.toString() }
            assertTrue(sign.why in inCard && sign.nextStep in inCard)
            for (source in sign.sources) assertTrue(inCard.any { source.title in it })
        }
        // Shown ticked when she comes back.
        val again = show(DangerSignsActivity::class.java)
        assertTrue(again.window.decorView.findViewWithTag<CheckBox>(DangerSignsActivity.checkTag(first.id)).isChecked)
        again.window.decorView.findViewWithTag<CheckBox>(DangerSignsActivity.checkTag(first.id)).performClick()
        settle()
        assertEquals(emptyList<String>(), session.tickedDangerSigns())
        // No score: no text on screen holds a count of ticks out of the signs.
        assertFalse(again.texts().any { Regex("\\d+\\s*/\\s*${signs.signs.size}").containsMatchIn(it) })
    }

    @Test
    @Suppress("DEPRECATION")
    fun `back from the vault home to the calculator locks the vault`() {
        inLanguage(Lang.EN)
        val home = show(VaultHomeActivity::class.java) as VaultHomeActivity
        home.onBackPressed()
        assertEquals(VaultState.Locked, app.vault.haven.state())
        assertTrue(home.isFinishing)
    }
}
