package org.haven.app.discretion

import android.content.Context
import android.text.InputType
import android.view.View
import android.view.inputmethod.EditorInfo
import android.widget.EditText

/**
 * Text fields for the vault. What is typed into them must not end up anywhere else:
 * - no keyboard learning (IME_FLAG_NO_PERSONALIZED_LEARNING: Gboard's "incognito" mode) and no
 *   suggestions, so the keyboard's dictionary and its next-word predictions never hold a name,
 *   an address or an incident;
 * - no autofill service sees or saves the fields;
 * - no copy in the saved instance state (the vault is locked whenever it leaves the screen, so
 *   there is nothing to restore anyway).
 */
object PrivateInput {
    enum class Kind { TEXT, MULTILINE, PIN, PHONE, DATE }

    fun field(context: Context, kind: Kind, hint: String = ""): EditText = EditText(context).apply {
        this.hint = hint
        configure(this, kind)
    }

    fun configure(field: EditText, kind: Kind) {
        field.inputType = inputTypeFor(kind)
        field.imeOptions = field.imeOptions or EditorInfo.IME_FLAG_NO_PERSONALIZED_LEARNING
        field.importantForAutofill = View.IMPORTANT_FOR_AUTOFILL_NO_EXCLUDE_DESCENDANTS
        field.isSaveEnabled = false
        field.textSize = org.haven.app.ui.Theme.Type.BODY
        val palette = org.haven.app.ui.Theme.palette(field.context)
        field.setTextColor(palette.text)
        field.setHintTextColor(palette.muted)
        field.minHeight = (org.haven.app.ui.Theme.Space.TOUCH * field.resources.displayMetrics.density).toInt()
        if (kind == Kind.MULTILINE) {
            field.minLines = 3
            field.isSingleLine = false
        } else {
            // One line of input (Enter moves on), but a long hint wraps instead of being cut
            // ("PIN-код для подтверждения экс…").
            field.setHorizontallyScrolling(false)
            field.maxLines = 4
        }
    }

    fun inputTypeFor(kind: Kind): Int = when (kind) {
        Kind.TEXT -> InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS
        Kind.MULTILINE -> InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS or
            InputType.TYPE_TEXT_FLAG_MULTI_LINE
        Kind.PIN -> InputType.TYPE_CLASS_NUMBER or InputType.TYPE_NUMBER_VARIATION_PASSWORD
        Kind.PHONE -> InputType.TYPE_CLASS_PHONE
        Kind.DATE -> InputType.TYPE_CLASS_DATETIME or InputType.TYPE_DATETIME_VARIATION_DATE
    }
}
