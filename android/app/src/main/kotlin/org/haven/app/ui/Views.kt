package org.haven.app.ui

import android.content.Context
import android.graphics.Typeface
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
 * be tested without the Android resource compiler).
 */
object Views {
    fun dp(context: Context, value: Int): Int = (value * context.resources.displayMetrics.density).toInt()

    fun column(context: Context, vararg children: View): LinearLayout = LinearLayout(context).apply {
        orientation = LinearLayout.VERTICAL
        val pad = dp(context, 16)
        setPadding(pad, pad, pad, pad)
        children.forEach { addView(it) }
    }

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
        textSize = 22f
        setTypeface(typeface, Typeface.BOLD)
    }

    fun heading(context: Context, text: String): TextView = TextView(context).apply {
        this.text = text
        textSize = 18f
        setTypeface(typeface, Typeface.BOLD)
        setPadding(0, dp(context, 16), 0, dp(context, 4))
    }

    fun body(context: Context, text: String): TextView = TextView(context).apply {
        this.text = text
        textSize = 15f
        setPadding(0, dp(context, 4), 0, dp(context, 4))
    }

    fun button(context: Context, text: String, onClick: () -> Unit): Button = Button(context).apply {
        this.text = text
        isAllCaps = false
        setOnClickListener { onClick() }
    }

    fun checkBox(context: Context, text: String, checked: Boolean, onChange: (Boolean) -> Unit): CheckBox =
        CheckBox(context).apply {
            this.text = text
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
        layoutParams = LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT)
    }
}
