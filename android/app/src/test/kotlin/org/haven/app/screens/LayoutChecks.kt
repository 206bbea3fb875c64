package org.haven.app.screens

import android.graphics.Bitmap
import android.graphics.Color
import android.graphics.Rect
import android.view.View
import android.widget.CompoundButton
import android.widget.EditText
import android.widget.TextView
import kotlin.math.max
import kotlin.math.min
import kotlin.math.pow

/**
 * Checks on a laid-out, rendered screen. Each returns the problems found, as readable lines:
 * - [clipped]: text cut off or running out of its view or off the screen;
 * - [smallTargets]: anything she can tap smaller than 48 × 48 dp;
 * - [unlabelled]: anything she can tap that a screen reader cannot name;
 * - [lowContrast]: text whose rendered pixels stand out from their background by less than
 *   WCAG AA (4.5 : 1; 3 : 1 for large text), measured on the bitmap, not taken from the code.
 */
object LayoutChecks {
    private fun visible(view: View): Boolean = view.isShown && view.width > 0 && view.height > 0 && !insidePlatformPicker(view)

    /**
     * The platform's own date and time pickers are left out: their header (the year, 52 × 35 dp,
     * 3.0 : 1 in the Material theme) and off-screen month pages are the platform's, not ours
     * (README: known limits). The dialog's own buttons are still checked.
     */
    private fun insidePlatformPicker(view: View): Boolean {
        var parent = view.parent
        while (parent is View) {
            if (parent is android.widget.DatePicker || parent is android.widget.TimePicker) return true
            parent = parent.parent
        }
        return false
    }

    private fun describe(view: View): String {
        val text = (view as? TextView)?.let { it.text?.toString()?.takeIf(String::isNotBlank) ?: it.hint?.toString() }
        return "${view.javaClass.simpleName}(${(text ?: view.contentDescription ?: view.tag ?: "").toString().take(40).replace('\n', ' ')})"
    }

    private fun boxIn(root: View, view: View): Rect {
        val at = IntArray(2).also(view::getLocationInWindow)
        val origin = IntArray(2).also(root::getLocationInWindow)
        val left = at[0] - origin[0]
        val top = at[1] - origin[1]
        return Rect(left, top, left + view.width, top + view.height)
    }

    fun clipped(root: View): List<String> = Rendering.views(root).filter(::visible).flatMap { view ->
        val problems = mutableListOf<String>()
        val box = boxIn(root, view)
        if (box.left < -1 || box.right > root.width + 1) problems += "${describe(view)} runs off the screen ($box, screen ${root.width})"
        if (view is TextView) {
            val layout = view.layout
            val shown = if (view.text.isNullOrEmpty()) view.hint else view.text
            if (layout != null && !shown.isNullOrEmpty()) {
                val innerWidth = view.width - view.compoundPaddingLeft - view.compoundPaddingRight
                val innerHeight = view.height - view.extendedPaddingTop - view.extendedPaddingBottom
                for (line in 0 until layout.lineCount) {
                    if (layout.getEllipsisCount(line) > 0) problems += "${describe(view)} is cut short with an ellipsis"
                    // getLineMax leaves out the trailing space of a wrapped line (it is never drawn).
                    if (layout.getLineMax(line) > innerWidth + 1) problems += "${describe(view)} is wider than its view (${layout.getLineMax(line).toInt()} > $innerWidth)"
                }
                if (view !is EditText && layout.height > innerHeight + 2) problems += "${describe(view)} is taller than its view (${layout.height} > $innerHeight)"
                val lastChar = layout.getLineEnd(layout.lineCount - 1)
                if (view !is EditText && lastChar < shown.length) problems += "${describe(view)} shows only $lastChar of ${shown.length} characters"
            }
        }
        problems
    }.distinct()

    private fun tappable(view: View) = view.isClickable || view.isLongClickable || view is CompoundButton

    fun smallTargets(root: View, density: Float): List<String> = Rendering.views(root).filter { visible(it) && it.isEnabled && tappable(it) }
        .filter { it.width < 48 * density - 0.5f || it.height < 48 * density - 0.5f }
        .map { "${describe(it)} is ${(it.width / density).toInt()} × ${(it.height / density).toInt()} dp" }

    fun unlabelled(root: View): List<String> = Rendering.views(root).filter { visible(it) && tappable(it) }.filter { view ->
        val text = (view as? TextView)?.text?.toString().orEmpty()
        val hint = (view as? EditText)?.hint?.toString().orEmpty()
        val said = view.contentDescription?.toString().orEmpty()
        text.isBlank() && hint.isBlank() && said.isBlank()
    }.map { "${describe(it)} has no label" }

    /** WCAG relative luminance of an sRGB colour. */
    fun luminance(color: Int): Double {
        fun channel(c: Int): Double = (c / 255.0).let { if (it <= 0.03928) it / 12.92 else ((it + 0.055) / 1.055).pow(2.4) }
        return 0.2126 * channel(Color.red(color)) + 0.7152 * channel(Color.green(color)) + 0.0722 * channel(Color.blue(color))
    }

    fun contrast(a: Int, b: Int): Double {
        val la = luminance(a)
        val lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /**
     * For every visible text: within the text's own bounds on the bitmap, the background is the
     * most frequent colour, and the text's colour is the pixel that differs most from it (the
     * core of a glyph's stroke). Large text (≥ 24 sp, or ≥ 18.66 sp bold) needs 3 : 1.
     */
    fun lowContrast(root: View, bitmap: Bitmap, scaledDensity: Float): List<String> =
        Rendering.views(root).filter(::visible).filterIsInstance<TextView>().mapNotNull { view ->
            if (view.layout == null) return@mapNotNull null
            val shown = if (view.text.isNullOrEmpty()) view.hint else view.text
            if (shown.isNullOrBlank()) return@mapNotNull null
            val box = boxIn(root, view)
            val left = box.left + view.compoundPaddingLeft
            val top = box.top + view.extendedPaddingTop
            // The whole text area inside the paddings: gravity may place the lines anywhere in it.
            val right = min(bitmap.width, left + view.width - view.compoundPaddingLeft - view.compoundPaddingRight)
            val bottom = min(bitmap.height, top + view.height - view.extendedPaddingTop - view.extendedPaddingBottom)
            if (right - left < 2 || bottom - top < 2 || left < 0 || top < 0) return@mapNotNull null
            val counts = HashMap<Int, Int>()
            for (y in top until bottom) for (x in left until right) counts.merge(bitmap.getPixel(x, y) or 0xFF000000.toInt(), 1, Int::plus)
            val background = counts.maxByOrNull { it.value }!!.key
            val ink = counts.keys.maxByOrNull { contrast(it, background) }!!
            val ratio = contrast(ink, background)
            val sp = view.textSize / scaledDensity
            val bold = view.typeface?.isBold == true
            val needed = if (sp >= 24f || (bold && sp >= 18.66f)) 3.0 else 4.5
            if (ratio + 0.05 < needed) "${describe(view)} contrast ${"%.2f".format(ratio)} < $needed" else null
        }
}
