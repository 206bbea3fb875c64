package org.haven.app.notes

import android.app.Activity
import android.os.Bundle
import android.view.View
import android.view.Window
import android.widget.EditText
import android.widget.LinearLayout
import org.haven.app.discretion.PrivateInput
import org.haven.app.discretion.VaultScreen
import org.haven.app.haven
import org.haven.app.text.Dates
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.Theme
import org.haven.app.ui.Views
import org.haven.core.Session
import org.haven.core.model.Note

/**
 * The decoy's space: a plain notes app — a list of notes, add, edit, delete — with nothing of
 * Haven in it (no exit bar, no sections, no Haven words), in the phone's language. Opened by a
 * duress PIN set to "open decoy", or from the real vault's settings so that she can fill it
 * with ordinary notes of her own ([EXTRA_CURATE]). Closed like every vault screen when the app
 * leaves the screen.
 */
class NotesActivity : Activity(), VaultScreen {
    private val lang = Lang.fromSystem()
    private fun t(text: UiText) = text.get(lang)

    private lateinit var session: Session
    private var editing: Long? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        Theme.apply(this)
        super.onCreate(savedInstanceState)
        requestWindowFeature(Window.FEATURE_NO_TITLE)
        val open = haven.vault.notesSession
        if (open == null) {
            finish()
            return
        }
        session = open
        load()
    }

    private fun load() {
        haven.vault.run({ session.listNotes() }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            outcome.onSuccess(::show)
        }
    }

    private fun change(work: () -> Unit) {
        haven.vault.run({ work() }) { outcome ->
            if (isFinishing || isDestroyed) return@run
            if (outcome.isSuccess) editing = null
            load()
        }
    }

    private fun show(notes: List<Note>) {
        val newNote = PrivateInput.field(this, PrivateInput.Kind.MULTILINE, t(UiText.NOTES_NEW)).apply { tag = NEW_TAG }
        val column = Views.column(
            this,
            Views.title(this, t(UiText.NOTES_TITLE)),
            newNote,
            Views.button(this, t(UiText.ADD), Views.Role.PRIMARY) {
                val text = newNote.text.toString().trim()
                if (text.isNotEmpty()) change { session.addNote(text) }
            }.apply { tag = ADD_TAG },
        )
        for (note in notes) column.addView(card(note))
        val root = Views.scroll(column).apply { setBackgroundColor(Theme.palette(this@NotesActivity).background) }
        column.isFocusableInTouchMode = true
        setContentView(root)
    }

    private fun card(note: Note): View {
        val date = Views.caption(this, Dates.long(note.updatedAt.atZone(java.time.ZoneId.systemDefault()).toLocalDate(), lang))
        if (editing == note.id) {
            val field: EditText = PrivateInput.field(this, PrivateInput.Kind.MULTILINE, t(UiText.NOTES_NEW)).apply {
                setText(note.text)
                tag = editTag(note.id)
            }
            return Views.card(
                this, date, field,
                Views.row(
                    this,
                    Views.button(this, t(UiText.SAVE), Views.Role.PRIMARY) {
                        val text = field.text.toString().trim()
                        if (text.isNotEmpty()) change { session.updateNote(note.id, text) }
                    }.apply { tag = saveTag(note.id) },
                    Views.button(this, t(UiText.CANCEL), Views.Role.QUIET) { editing = null; load() },
                ),
            )
        }
        return Views.card(
            this, date, Views.body(this, note.text),
            Views.row(
                this,
                Views.button(this, t(UiText.NOTES_EDIT)) { editing = note.id; load() }.apply { tag = editButtonTag(note.id) },
                Views.button(this, t(UiText.DELETE), Views.Role.QUIET) { change { session.deleteNote(note.id) } }.apply { tag = deleteTag(note.id) },
            ),
        )
    }

    companion object {
        const val NEW_TAG = "note-new"
        const val ADD_TAG = "note-add"
        fun editTag(id: Long) = "note-edit-field-$id"
        fun saveTag(id: Long) = "note-save-$id"
        fun editButtonTag(id: Long) = "note-edit-$id"
        fun deleteTag(id: Long) = "note-delete-$id"
    }
}
