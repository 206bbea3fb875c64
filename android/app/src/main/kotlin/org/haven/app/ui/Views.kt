package org.haven.app.ui

import android.content.Context
import android.content.res.ColorStateList
import android.graphics.Typeface
import android.graphics.drawable.Drawable
import android.graphics.drawable.GradientDrawable
import android.graphics.drawable.RippleDrawable
import android.view.Gravity
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.CheckBox
import android.widget.LinearLayout
import android.widget.RadioButton
import android.widget.RadioGroup
import android.widget.ScrollView
import android.widget.TextView

/**
 * Small builders for views made in code (the app has no layout XML: its Kotlin must compile and
 * be tested without the Android resource compiler). They carry the [Theme]: sizes from its type
 * scale, colours from its palette, every control at least 48 dp tall.
 */
object Views {
    fun dp(context: Context, value: Int): Int = (value * context.resources.displayMetrics.density).toInt()

    private fun palette(context: Context) = Theme.palette(context)

    fun column(context: Context, vararg children: View): LinearLayout = LinearLayout(context).apply {
        orientation = LinearLayout.VERTICAL
        val pad = dp(context, Theme.Space.M)
        setPadding(pad, pad, pad, pad)
        children.forEach { addView(it) }
    }

    /** A column without padding, to group views inside another column. */
    fun group(context: Context, vararg children: View): LinearLayout =
        column(context, *children).apply { setPadding(0, 0, 0, 0) }

    fun row(context: Context, vararg children: View): LinearLayout = LinearLayout(context).apply {
        orientation = LinearLayout.HORIZONTAL
        gravity = Gravity.CENTER_VERTICAL
        children.forEach { addView(it) }
    }

    fun scroll(content: View): ScrollView = ScrollView(content.context).apply {
        isFillViewport = true
        addView(content)
    }

    fun title(context: Context, text: String): TextView = TextView(context).apply {
        this.text = text
        textSize = Theme.Type.TITLE
        setTextColor(palette(context).text)
        setTypeface(typeface, Typeface.BOLD)
    }

    fun heading(context: Context, text: String): TextView = TextView(context).apply {
        this.text = text
        textSize = Theme.Type.HEADING
        setTextColor(palette(context).text)
        setTypeface(typeface, Typeface.BOLD)
        setPadding(0, dp(context, Theme.Space.M), 0, dp(context, Theme.Space.XS))
    }

    fun body(context: Context, text: String): TextView = TextView(context).apply {
        this.text = text
        textSize = Theme.Type.BODY
        setTextColor(palette(context).text)
        setLineSpacing(0f, 1.15f)
        setPadding(0, dp(context, Theme.Space.XS), 0, dp(context, Theme.Space.XS))
    }

    /** Small print: sources, dates, notes. Still 13 sp and AA contrast. */
    fun caption(context: Context, text: String): TextView = TextView(context).apply {
        this.text = text
        textSize = Theme.Type.CAPTION
        setTextColor(palette(context).muted)
        setPadding(0, dp(context, Theme.Space.XS), 0, dp(context, Theme.Space.XS))
    }

    enum class Role { PRIMARY, SECONDARY, QUIET, URGENT }

    fun rounded(context: Context, fill: Int, stroke: Int? = null): GradientDrawable = GradientDrawable().apply {
        cornerRadius = dp(context, Theme.Space.CORNER).toFloat()
        setColor(fill)
        if (stroke != null) setStroke(dp(context, 1), stroke)
    }

    private fun pressable(context: Context, fill: Int, stroke: Int? = null): Drawable =
        RippleDrawable(ColorStateList.valueOf(0x33808080), rounded(context, fill, stroke), null)

    fun button(context: Context, text: String, role: Role = Role.SECONDARY, onClick: () -> Unit): Button = Button(context).apply {
        this.text = text
        isAllCaps = false
        textSize = Theme.Type.BODY
        stateListAnimator = null
        minHeight = dp(context, Theme.Space.TOUCH)
        minimumHeight = dp(context, Theme.Space.TOUCH)
        val p = palette(context)
        val (fill, ink, stroke) = when (role) {
            Role.PRIMARY -> Triple(p.primary, p.onPrimary, null)
            Role.SECONDARY -> Triple(p.container, p.onContainer, null)
            Role.QUIET -> Triple(p.surface, p.text, p.outline)
            Role.URGENT -> Triple(p.urgent, p.onUrgent, null)
        }
        background = pressable(context, fill, stroke)
        setTextColor(ink)
        val padH = dp(context, Theme.Space.M)
        setPadding(padH, dp(context, Theme.Space.S), padH, dp(context, Theme.Space.S))
        // A gap after it, so that buttons side by side never touch.
        layoutParams = spaced(context, LinearLayout.LayoutParams.WRAP_CONTENT).apply { marginEnd = dp(context, Theme.Space.S) }
        setOnClickListener { onClick() }
    }

    /** A surface with rounded corners holding [children] (one directory entry, one right…). */
    fun card(context: Context, vararg children: View): LinearLayout = column(context, *children).apply {
        background = rounded(context, palette(context).surface, palette(context).outline)
        layoutParams = spaced(context, ViewGroup.LayoutParams.MATCH_PARENT)
    }

    fun checkBox(context: Context, text: String, checked: Boolean, onChange: (Boolean) -> Unit): CheckBox =
        CheckBox(context).apply {
            this.text = text
            textSize = Theme.Type.BODY
            setTextColor(palette(context).text)
            minHeight = dp(context, Theme.Space.TOUCH)
            isChecked = checked
            setOnCheckedChangeListener { _, value -> onChange(value) }
        }

    /** One radio button per option; [onSelect] gets the chosen option. */
    fun <T> radioGroup(
        context: Context,
        options: List<T>,
        selected: T?,
        label: (T) -> String,
        onSelect: (T) -> Unit,
    ): RadioGroup = RadioGroup(context).apply {
        options.forEachIndexed { index, option ->
            val button = RadioButton(context).apply {
                id = View.generateViewId()
                text = label(option)
                textSize = Theme.Type.BODY
                setTextColor(palette(context).text)
                minHeight = dp(context, Theme.Space.TOUCH)
                tag = index
            }
            addView(button)
            if (option == selected) check(button.id)
        }
        setOnCheckedChangeListener { group, checkedId ->
            val index = group.findViewById<RadioButton>(checkedId)?.tag as? Int ?: return@setOnCheckedChangeListener
            onSelect(options[index])
        }
    }

    fun matchWidth(view: View): View = view.apply {
        layoutParams = spaced(context, ViewGroup.LayoutParams.MATCH_PARENT)
    }

    /** Layout params with the standard gap below. */
    fun spaced(context: Context, width: Int): LinearLayout.LayoutParams =
        LinearLayout.LayoutParams(width, ViewGroup.LayoutParams.WRAP_CONTENT).apply {
            bottomMargin = dp(context, Theme.Space.S)
        }

    /** Equal shares of a row. */
    fun weighted(context: Context): LinearLayout.LayoutParams =
        LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1f).apply {
            val gap = dp(context, Theme.Space.XS)
            setMargins(gap, 0, gap, dp(context, Theme.Space.S))
        }
}
