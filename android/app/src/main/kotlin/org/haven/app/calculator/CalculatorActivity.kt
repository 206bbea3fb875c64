package org.haven.app.calculator

import android.app.Activity
import android.content.Intent
import android.graphics.Typeface
import android.os.Bundle
import android.view.Gravity
import android.widget.Button
import android.widget.GridLayout
import android.widget.LinearLayout
import android.widget.TextView
import org.haven.app.discretion.SecureWindow
import org.haven.app.haven
import org.haven.app.notes.NotesActivity
import org.haven.app.setup.SetupActivity
import org.haven.app.text.Lang
import org.haven.app.text.UiText
import org.haven.app.ui.Theme
import org.haven.app.ui.Views
import org.haven.app.vault.VaultHomeActivity
import org.haven.core.CalcScreen
import org.haven.core.Calculator
import org.haven.core.model.CalcKey
import org.haven.core.model.VaultState

/**
 * The disguise: a real calculator (the core's engine does the arithmetic). A digits-only entry of
 * 6–12 digits followed by `=` is also offered to the vault, off the UI thread. The display shows
 * the arithmetic result either way, and nothing on screen changes whether the PIN was right, wrong,
 * a duress PIN or throttled — only a vault opening is visible.
 *
 * On the very first run (nothing set up yet) setup opens straight away. After a wipe the app stays
 * a plain calculator: `=` only calculates, whatever was typed, so guessing PINs reveals nothing.
 * Setup opens again only by a deliberate gesture no PIN guess makes: 6–12 digits on the display,
 * then a long press on `=` (setup says so beforehand).
 */
class CalculatorActivity : Activity() {
    private var calculator = Calculator()
    private lateinit var expressionView: TextView
    private lateinit var displayView: TextView
    private var state: VaultState? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        Theme.apply(this)
        super.onCreate(savedInstanceState)
        // The display holds a PIN just after it was typed: keep it out of screenshots and recents.
        SecureWindow.protect(this)
        setContentView(buildLayout())
        show(calculator.press(CalcKey.Clear))
    }

    override fun onStart() {
        super.onStart()
        haven.vault.state { outcome ->
            state = outcome.getOrNull()
            if (state == VaultState.NotSetUp && !haven.prefs.setupOffered) {
                haven.prefs.setupOffered = true
                startActivity(Intent(this, SetupActivity::class.java))
            }
        }
    }

    override fun onStop() {
        super.onStop()
        // Coming back shows a cleared calculator, never the last entry.
        calculator.close()
        calculator = Calculator()
        show(calculator.press(CalcKey.Clear))
    }

    override fun onDestroy() {
        calculator.close()
        super.onDestroy()
    }

    /** Handles one key, as if its button was pressed. */
    fun press(key: CalcKey) {
        val screen = calculator.press(key)
        show(screen)
        if (screen.unlockCandidate) offerToVault()
    }

    private fun offerToVault() {
        if (state == VaultState.NotSetUp) return
        haven.vault.unlockWithCalculator(calculator) {
            val notes = haven.vault.notesSession != null && haven.vault.session == null
            startActivity(Intent(this, if (notes) NotesActivity::class.java else VaultHomeActivity::class.java))
        }
    }

    private fun show(screen: CalcScreen) {
        expressionView.text = screen.expression
        displayView.text = screen.display
    }

    /** A long press on `=` with 6–12 digits showing, when there is no vault: the way back to setup. */
    fun longPressEquals(): Boolean {
        if (state != VaultState.NotSetUp || !SetupActivity.isPin(displayView.text.toString())) return false
        startActivity(Intent(this, SetupActivity::class.java))
        return true
    }

    /** The current display text (what anyone looking at the phone sees). */
    val displayText: String get() = displayView.text.toString()

    private fun buildLayout(): LinearLayout {
        expressionView = TextView(this).apply {
            textSize = 20f
            gravity = Gravity.END
            setTextColor(Theme.palette(context).muted)
        }
        displayView = TextView(this).apply {
            textSize = 48f
            gravity = Gravity.END
            maxLines = 1
            setTextColor(Theme.palette(context).text)
            setTypeface(typeface, Typeface.BOLD)
        }
        val keys = GridLayout(this).apply {
            columnCount = 4
            for ((label, key) in KEYPAD) {
                addView(keyButton(label, key).apply { if (key == CalcKey.Equals) setOnLongClickListener { longPressEquals() } })
            }
        }
        return Views.column(this, expressionView, displayView, keys).apply {
            gravity = Gravity.BOTTOM
            setBackgroundColor(Theme.palette(context).background)
        }
    }

    private fun keyButton(label: String, key: CalcKey): Button = Views.button(this, label, roleOf(label)) { press(key) }.apply {
        textSize = 24f
        tag = label
        // TalkBack reads "divided by", not "division sign"; digits read as themselves. In the
        // phone's language, like any calculator's.
        contentDescription = spokenName(label, Lang.fromSystem())
        minHeight = Views.dp(context, 64)
        minimumHeight = Views.dp(context, 64)
        layoutParams = GridLayout.LayoutParams(
            GridLayout.spec(GridLayout.UNDEFINED, 1f),
            GridLayout.spec(GridLayout.UNDEFINED, 1f),
        ).apply {
            width = 0
            val gap = Views.dp(context, 3)
            setMargins(gap, gap, gap, gap)
        }
    }

    private fun roleOf(label: String): Views.Role = when {
        label == "=" -> Views.Role.PRIMARY
        label.single().isDigit() || label == "." -> Views.Role.QUIET
        else -> Views.Role.SECONDARY
    }

    companion object {
        /** The keypad, row by row; each button's tag is its label. */
        val KEYPAD: List<Pair<String, CalcKey>> = listOf(
            "C" to CalcKey.Clear, "⌫" to CalcKey.Backspace, "%" to CalcKey.Percent, "÷" to CalcKey.Divide,
            "7" to digit(7), "8" to digit(8), "9" to digit(9), "×" to CalcKey.Multiply,
            "4" to digit(4), "5" to digit(5), "6" to digit(6), "−" to CalcKey.Subtract,
            "1" to digit(1), "2" to digit(2), "3" to digit(3), "+" to CalcKey.Add,
            "±" to CalcKey.ToggleSign, "0" to digit(0), "." to CalcKey.Point, "=" to CalcKey.Equals,
        )

        fun digit(value: Int): CalcKey = CalcKey.Digit(value.toUByte())

        /** What a screen reader says for a key. */
        fun spokenName(label: String, lang: Lang): String = when (label) {
            "C" -> UiText.KEY_CLEAR.get(lang)
            "⌫" -> UiText.KEY_BACKSPACE.get(lang)
            "%" -> UiText.KEY_PERCENT.get(lang)
            "÷" -> UiText.KEY_DIVIDE.get(lang)
            "×" -> UiText.KEY_MULTIPLY.get(lang)
            "−" -> UiText.KEY_SUBTRACT.get(lang)
            "+" -> UiText.KEY_ADD.get(lang)
            "±" -> UiText.KEY_SIGN.get(lang)
            "." -> UiText.KEY_POINT.get(lang)
            "=" -> UiText.KEY_EQUALS.get(lang)
            else -> label
        }
    }
}
