package org.haven.app.notes

import android.view.View
import android.view.ViewGroup
import android.widget.EditText
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.app.vault.DURESS_PIN
import org.haven.app.vault.PIN
import org.haven.app.vault.SettingsActivity
import org.haven.app.vault.app
import org.haven.app.vault.clickTag
import org.haven.app.vault.openVault
import org.haven.app.vault.setUpVault
import org.haven.app.vault.settle
import org.haven.core.UnlockResult
import org.haven.core.model.DuressBehaviour
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

/** The decoy's notes space against the real core: a plain notes app, curated from the real vault. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class NotesScreenTest {
    private fun views(view: View): List<View> =
        listOf(view) + if (view is ViewGroup) (0 until view.childCount).flatMap { views(view.getChildAt(it)) } else emptyList()

    private fun openDecoy() {
        setUpVault(duressPin = DURESS_PIN, behaviour = DuressBehaviour.OPEN_DECOY)
        val result = app.vault.haven.unlock(DURESS_PIN)
        check(result is UnlockResult.Opened)
        app.vault.openedNotes(result.session)
    }

    @Test
    fun `notes are added, edited and deleted, and nothing of Haven shows`() {
        openDecoy()
        val screen = Robolectric.buildActivity(NotesActivity::class.java).setup().get().also { settle() }
        val root = screen.window.decorView
        root.findViewWithTag<EditText>(NotesActivity.NEW_TAG).setText("Buy bread and milk")
        root.clickTag(NotesActivity.ADD_TAG)
        settle()
        val notes = app.vault.notesSession!!.listNotes()
        assertEquals(listOf("Buy bread and milk"), notes.map { it.text })
        val id = notes.single().id

        screen.window.decorView.clickTag(NotesActivity.editButtonTag(id))
        settle()
        screen.window.decorView.findViewWithTag<EditText>(NotesActivity.editTag(id)).setText("Buy bread, milk and tea")
        screen.window.decorView.clickTag(NotesActivity.saveTag(id))
        settle()
        assertEquals("Buy bread, milk and tea", app.vault.notesSession!!.listNotes().single().text)

        val texts = views(screen.window.decorView).filterIsInstance<TextView>().map { it.text.toString() }
        for (word in listOf("Exit", "My space", "Safety plan", "Haven", "journal")) {
            assertFalse("$word shows in the notes space", texts.any { it.contains(word, ignoreCase = true) })
        }
        assertNull("no exit bar", screen.window.decorView.findViewWithTag<View>(org.haven.app.ui.ScreenBar.EXIT_TAG))

        screen.window.decorView.clickTag(NotesActivity.deleteTag(id))
        settle()
        assertTrue(app.vault.notesSession!!.listNotes().isEmpty())
    }

    @Test
    fun `from the real settings she edits the notes he would see, after her PIN`() {
        setUpVault(duressPin = DURESS_PIN, behaviour = DuressBehaviour.OPEN_DECOY)
        openVault()
        val settings = Robolectric.buildActivity(SettingsActivity::class.java).setup().get().also { settle() }
        val root = settings.window.decorView
        root.findViewWithTag<EditText>(SettingsActivity.DECOY_PIN_TAG).setText(PIN)
        root.clickTag(SettingsActivity.DECOY_OPEN_TAG)
        settle()
        assertEquals(NotesActivity::class.java.name, shadowOf(settings).nextStartedActivity.component!!.className)
        app.vault.notesSession!!.addNote("Dentist on Tuesday")
        app.vault.lock()
        assertNull(app.vault.notesSession)
        // What he would see with the second PIN.
        val decoy = app.vault.haven.unlock(DURESS_PIN) as UnlockResult.Opened
        assertEquals(listOf("Dentist on Tuesday"), decoy.session.listNotes().map { it.text })
    }
}
